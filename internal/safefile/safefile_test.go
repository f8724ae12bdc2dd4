package safefile_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/hearthhq/hearth/internal/safefile"
)

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

func TestWrite(t *testing.T) {
	cases := []struct {
		name    string
		setup   func(t *testing.T, dir string) string // returns the target
		write   func(io.Writer) error
		wantErr string // "" for success
		check   func(t *testing.T, dir, target string)
	}{
		{
			name:  "new file",
			setup: func(t *testing.T, dir string) string { return filepath.Join(dir, "out.ics") },
			write: writeString("new"),
			check: func(t *testing.T, dir, target string) {
				assertFile(t, target, "new")
				assertMode(t, target, 0o600)
			},
		},
		{
			name: "replaces a regular file and keeps its mode",
			setup: func(t *testing.T, dir string) string {
				p := filepath.Join(dir, "out.ics")
				mustWrite(t, p, "old", 0o644)
				return p
			},
			write: writeString("new"),
			check: func(t *testing.T, dir, target string) {
				assertFile(t, target, "new")
				assertMode(t, target, 0o644)
			},
		},
		{
			name: "a link planted at the old temporary name is not followed",
			setup: func(t *testing.T, dir string) string {
				victim := filepath.Join(dir, "victim")
				mustWrite(t, victim, "precious", 0o600)
				p := filepath.Join(dir, "out.ics")
				if err := os.Symlink(victim, p+".tmp"); err != nil {
					t.Fatal(err)
				}
				return p
			},
			write: writeString("new"),
			check: func(t *testing.T, dir, target string) {
				assertFile(t, target, "new")
				assertFile(t, filepath.Join(dir, "victim"), "precious")
			},
		},
		{
			name: "a symbolic link at the target is refused",
			setup: func(t *testing.T, dir string) string {
				victim := filepath.Join(dir, "victim")
				mustWrite(t, victim, "precious", 0o600)
				p := filepath.Join(dir, "out.ics")
				if err := os.Symlink(victim, p); err != nil {
					t.Fatal(err)
				}
				return p
			},
			write:   writeString("new"),
			wantErr: "is a symbolic link",
			check: func(t *testing.T, dir, target string) {
				assertFile(t, filepath.Join(dir, "victim"), "precious")
				if fi, err := os.Lstat(target); err != nil || fi.Mode()&os.ModeSymlink == 0 {
					t.Errorf("the link was replaced: %v %v", fi, err)
				}
			},
		},
		{
			name:    "a directory is refused",
			setup:   func(t *testing.T, dir string) string { return dir },
			write:   writeString("new"),
			wantErr: "is a directory",
		},
		{
			name: "a named pipe is refused",
			setup: func(t *testing.T, dir string) string {
				p := filepath.Join(dir, "fifo")
				if err := syscall.Mkfifo(p, 0o600); err != nil {
					t.Skip("no fifo:", err)
				}
				return p
			},
			write:   writeString("new"),
			wantErr: "is a named pipe",
		},
		{
			name: "a device is refused",
			setup: func(t *testing.T, dir string) string {
				if _, err := os.Stat("/dev/full"); err != nil {
					t.Skip("no /dev/full")
				}
				return "/dev/full"
			},
			write:   writeString("new"),
			wantErr: "is a device",
		},
		{
			name: "a failed write leaves the old file and no temporary file",
			setup: func(t *testing.T, dir string) string {
				p := filepath.Join(dir, "out.ics")
				mustWrite(t, p, "old", 0o600)
				return p
			},
			write:   func(w io.Writer) error { io.WriteString(w, "half"); return errors.New("disk on fire") },
			wantErr: "disk on fire",
			check: func(t *testing.T, dir, target string) {
				assertFile(t, target, "old")
			},
		},
		{
			name:    "a missing directory says so",
			setup:   func(t *testing.T, dir string) string { return filepath.Join(dir, "nope", "out.ics") },
			write:   writeString("new"),
			wantErr: "no such file or directory",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			target := c.setup(t, dir)
			err := safefile.Write(target, 0o600, c.write)
			switch {
			case c.wantErr == "" && err != nil:
				t.Fatalf("Write: %v", err)
			case c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)):
				t.Fatalf("Write: %v, want an error saying %q", err, c.wantErr)
			}
			if c.check != nil {
				c.check(t, dir, target)
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if strings.HasSuffix(e.Name(), ".tmp") && e.Type()&os.ModeSymlink == 0 {
					t.Errorf("a temporary file was left behind: %s", e.Name())
				}
			}
		})
	}
}

func mustWrite(t *testing.T, path, data string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

func assertFile(t *testing.T, path, want string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil || string(b) != want {
		t.Errorf("%s holds %q (%v), want %q", filepath.Base(path), b, err, want)
	}
}

func assertMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != want {
		t.Errorf("%s: mode %v (%v), want %v", filepath.Base(path), fi.Mode().Perm(), err, want)
	}
}
