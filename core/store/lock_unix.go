//go:build unix

package store

import (
	"context"
	"errors"
	"syscall"
	"time"
)

// tryExclusive takes the lock exclusively if no other process holds it.
func (l *fileLock) tryExclusive() (bool, error) {
	err := syscall.Flock(int(l.f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return false, nil
	}
	return err == nil, err
}

// shared takes (or turns an exclusive lock into) a shared one, polling so
// that ctx ends the wait: an exclusive holder is opening the workspace and
// keeps it for as long as a check or a creation takes.
func (l *fileLock) shared(ctx context.Context) error {
	for {
		err := syscall.Flock(int(l.f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB)
		if err == nil {
			return nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
}
