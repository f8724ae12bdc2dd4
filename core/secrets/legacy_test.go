package secrets

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/zalando/go-keyring"
)

// keyFiles lists the key files in the default key directory.
func keyFiles(t *testing.T) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "hearth", "*.key"))
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range names {
		names[i] = filepath.Base(n)
	}
	return names
}

func TestFileKeyMovesFromPathNamespaceToWorkspaceID(t *testing.T) {
	dir := isolate(t)
	t.Setenv(EnvKeyFile, "")                                            // the default location, where key files piled up
	s := openT(t, dir, Options{Mode: BackendFile, Namespace: "a1b2c3"}) // as named by path
	mustSet(t, s, 1, "password", "hunter2")

	s = openT(t, dir, Options{Mode: BackendFile, Namespace: "ws-id", Legacy: "a1b2c3"})
	if got := mustGet(t, s, 1, "password"); got != "hunter2" {
		t.Errorf("password after the move to the workspace id = %q", got)
	}
	if got := keyFiles(t); len(got) != 1 || got[0] != "secrets-ws-id.key" {
		t.Errorf("key files %v, want only secrets-ws-id.key", got)
	}
	// From now on the id alone finds the key, from any path.
	moved := filepath.Join(t.TempDir(), "moved")
	if err := os.Rename(dir, moved); err != nil {
		t.Fatal(err)
	}
	s = openT(t, moved, Options{Mode: BackendFile, Namespace: "ws-id", Legacy: "d4e5f6"})
	if got := mustGet(t, s, 1, "password"); got != "hunter2" {
		t.Errorf("password of the moved workspace = %q", got)
	}
	if got := keyFiles(t); len(got) != 1 {
		t.Errorf("key files after opening at another path: %v, want no new one", got)
	}
}

func TestFileWorkspaceMovedBeforeItHadAnIDFindsItsKey(t *testing.T) {
	dir := isolate(t)
	t.Setenv(EnvKeyFile, "")
	s := openT(t, dir, Options{Mode: BackendFile, Namespace: "old-path"})
	mustSet(t, s, 1, "token", "vk1.a.XYZ")
	// Another workspace's key is in the same directory and must be left be.
	other := openT(t, t.TempDir(), Options{Mode: BackendFile, Namespace: "other-path"})
	mustSet(t, other, 1, "token", "theirs")

	moved := filepath.Join(t.TempDir(), "moved")
	if err := os.Rename(dir, moved); err != nil {
		t.Fatal(err)
	}
	// At the new path the old rule names a key file that does not exist.
	s = openT(t, moved, Options{Mode: BackendFile, Namespace: "ws-id", Legacy: "new-path"})
	if got := mustGet(t, s, 1, "token"); got != "vk1.a.XYZ" {
		t.Errorf("token of the workspace moved before it had an id = %q", got)
	}
	want := map[string]bool{"secrets-ws-id.key": true, "secrets-other-path.key": true}
	got := keyFiles(t)
	for _, n := range got {
		if !want[n] {
			t.Errorf("unexpected key file %s (all: %v)", n, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("key files %v, want %v", got, want)
	}
}

func TestKeyringEntriesMoveToWorkspaceID(t *testing.T) {
	keyring.MockInit()
	dir := isolate(t)
	s := openT(t, dir, Options{Mode: BackendKeyring, Namespace: "a1b2c3"})
	mustSet(t, s, 2, "password", "p2")
	mustSet(t, s, 3, "password", "p3")

	s = openT(t, dir, Options{Mode: BackendKeyring, Namespace: "ws-id", Legacy: "a1b2c3"})
	if got := mustGet(t, s, 2, "password"); got != "p2" {
		t.Errorf("password = %q after the move", got)
	}
	if v, err := keyring.Get("hearth:ws-id", "account/2/password"); err != nil || v != "p2" {
		t.Errorf("entry under the workspace id = %q, %v", v, err)
	}
	if _, err := keyring.Get("hearth:a1b2c3", "account/2/password"); !errors.Is(err, keyring.ErrNotFound) {
		t.Errorf("entry under the path namespace still there: %v", err)
	}
	// Removing an account removes the entries it never read since.
	if err := s.DeleteAccount(t.Context(), 3, "password"); err != nil {
		t.Fatal(err)
	}
	if _, err := keyring.Get("hearth:a1b2c3", "account/3/password"); !errors.Is(err, keyring.ErrNotFound) {
		t.Errorf("a removed account's entry survives under the path namespace: %v", err)
	}
}

func TestNoKeyFileIsAdoptedWithoutSecrets(t *testing.T) {
	dir := isolate(t)
	t.Setenv(EnvKeyFile, "")
	openT(t, dir, Options{Mode: BackendFile, Namespace: "ws-id", Legacy: "a1b2c3"})
	if _, err := os.Stat(filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "hearth", "secrets-a1b2c3.key")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a key file named by path appeared: %v", err)
	}
}
