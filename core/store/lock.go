package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// fileLock is the workspace's lock file: a flock says who has the
// workspace open, the content says how it was left (see open.go). The
// file is never removed, so every process locks the same inode.
type fileLock struct {
	f *os.File
}

func openLock(path string) (*fileLock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock file: %w", err)
	}
	return &fileLock{f: f}, nil
}

func (l *fileLock) read() (string, error) {
	b := make([]byte, 64)
	n, err := l.f.ReadAt(b, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("lock file: %w", err)
	}
	return strings.TrimSpace(string(b[:n])), nil
}

// write replaces the state and syncs it.
func (l *fileLock) write(state string) error {
	if err := l.put(state); err != nil {
		return err
	}
	if err := l.f.Sync(); err != nil {
		return fmt.Errorf("lock file: %w", err)
	}
	return nil
}

// markOpen records "open" and syncs it in the background: the mark must
// reach the disk before a checkpoint writes the database, which is far
// later than the few milliseconds a sync takes, and a clean open should not
// wait for the disk.
func (l *fileLock) markOpen() error {
	if err := l.put(stateOpen); err != nil {
		return err
	}
	go l.f.Sync() //nolint:errcheck // at worst the next open runs a needless check
	return nil
}

// put replaces the state in the page cache.
func (l *fileLock) put(state string) error {
	data := []byte(state)
	if state != "" {
		data = append(data, '\n')
	}
	if err := l.f.Truncate(0); err != nil {
		return fmt.Errorf("lock file: %w", err)
	}
	if _, err := l.f.WriteAt(data, 0); err != nil {
		return fmt.Errorf("lock file: %w", err)
	}
	return nil
}

// release marks a clean shutdown when this is the last process with the
// workspace open, then drops the lock.
func (l *fileLock) release(clean bool) error {
	var err error
	if clean {
		// Not synced: a clean mark lost in a power cut costs one needless
		// check at the next open, nothing more.
		if alone, lerr := l.tryExclusive(); lerr == nil && alone {
			err = l.put(stateClean)
		}
	}
	return errors.Join(err, l.close())
}

func (l *fileLock) close() error { return l.f.Close() }
