package secrets

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
)

func TestMain(m *testing.M) {
	// Production argon2id costs 64 MiB and ~0.2 s per derivation; the
	// parameters travel in the file, so tests stay honest with cheap ones.
	defaultArgon = argonParams{Time: 1, Memory: 1024, Threads: 1}
	os.Exit(m.Run())
}

// isolate points every default location at temp dirs so no test touches
// the real home directory, and returns the workspace dir.
func isolate(t *testing.T) string {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, "config"))
	t.Setenv(EnvKeyFile, filepath.Join(home, "keys", "hearth.key"))
	t.Setenv(EnvPassphrase, "")
	return filepath.Join(t.TempDir(), "workspace")
}

func openT(t *testing.T, dir string, opt Options) Store {
	t.Helper()
	s, err := Open(context.Background(), dir, opt)
	if err != nil {
		t.Fatalf("Open(%s, %+v): %v", dir, opt, err)
	}
	return s
}

func mustSet(t *testing.T, s Store, id int64, name, value string) {
	t.Helper()
	if err := s.Set(context.Background(), id, name, value); err != nil {
		t.Fatalf("Set(%d, %s): %v", id, name, err)
	}
}

func mustGet(t *testing.T, s Store, id int64, name string) string {
	t.Helper()
	v, err := s.Get(context.Background(), id, name)
	if err != nil {
		t.Fatalf("Get(%d, %s): %v", id, name, err)
	}
	return v
}

// logBuffer captures what Open logs.
func logBuffer() (*slog.Logger, *bytes.Buffer) {
	var buf bytes.Buffer
	return slog.New(slog.NewTextHandler(&buf, nil)), &buf
}

func mustUnmarshal(t *testing.T, raw []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatalf("unmarshal: %v", err)
	}
}

func writeJSON(t *testing.T, path string, v any) {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
}

func countFiles(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err == nil && !d.IsDir() {
			n++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
