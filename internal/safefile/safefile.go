// Package safefile writes the files a person asks Hearth for (exports,
// backups) whole or not at all, and never through a link or over
// something that is not a regular file.
package safefile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Write replaces path with what write produces. The bytes go to a new
// temporary file created exclusively beside path (O_EXCL, so a file or
// link planted under a guessable name is never opened), are synced, and
// the temporary file is renamed over path: a crash or an error leaves the
// old file or the new one, never half of one. A symbolic link, a
// directory, a device or a pipe at path is refused rather than followed or
// replaced. A new file gets perm; a replaced one keeps its mode.
func Write(path string, perm fs.FileMode, write func(w io.Writer) error) (err error) {
	if path == "" {
		return errors.New("no file name given")
	}
	mode, err := target(path)
	if err != nil {
		return err
	}
	if mode != 0 {
		perm = mode.Perm()
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return fmt.Errorf("%s: create a temporary file beside it: %w", path, err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 64<<10)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("%s: write: %w", path, err)
	}
	if err := tmp.Chmod(perm); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("%s: write: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: write: %w", path, err)
	}
	// Checked again: something may have appeared at path while writing.
	// Rename replaces a link rather than following it, so what is left is
	// a narrow race on non-regular files only.
	if _, err := target(path); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	syncDir(dir)
	return nil
}

// target returns the mode of the regular file at path, 0 when there is
// none, or an error naming what else is there.
func target(path string) (fs.FileMode, error) {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return 0, nil
	case err != nil:
		return 0, fmt.Errorf("%s: %w", path, err)
	case fi.Mode().IsRegular():
		return fi.Mode(), nil
	}
	return 0, fmt.Errorf("%s is %s, not a regular file: refusing to write over it", path, describe(fi.Mode()))
}

func describe(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsDir():
		return "a directory"
	case m&fs.ModeCharDevice != 0, m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "a special file"
}

// syncDir makes the rename durable where a directory can be synced; the
// file itself is synced already.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}
