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

// write replaces the state and syncs it: it must be on disk before the
// database is written, or a power cut could leave "clean" over a torn
// database.
func (l *fileLock) write(state string) error {
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
	if err := l.f.Sync(); err != nil {
		return fmt.Errorf("lock file: %w", err)
	}
	return nil
}

// release marks a clean shutdown when this is the last process with the
// workspace open, then drops the lock.
func (l *fileLock) release(clean bool) error {
	var err error
	if clean {
		if alone, lerr := l.tryExclusive(); lerr == nil && alone {
			err = l.write(stateClean)
		}
	}
	return errors.Join(err, l.close())
}

func (l *fileLock) close() error { return l.f.Close() }
