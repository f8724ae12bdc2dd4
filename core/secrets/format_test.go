package secrets

import (
	"os"
	"path/filepath"
	"testing"
)

// A shipped file format must stay readable: these fixtures were written by
// version 1 and are never regenerated.
func TestReadsVersion1Files(t *testing.T) {
	tests := []struct {
		name    string
		fixture string
		setup   func(t *testing.T)
	}{
		{"key file", "keyfile.json.enc", func(t *testing.T) {
			copyFile(t, "testdata/v1/keyfile.key", os.Getenv(EnvKeyFile))
		}},
		{"passphrase", "passphrase.json.enc", func(t *testing.T) {
			t.Setenv(EnvPassphrase, "hearth fixture passphrase")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := isolate(t)
			tt.setup(t)
			copyFile(t, filepath.Join("testdata/v1", tt.fixture), secretsPath(dir))
			s := openT(t, dir, Options{Mode: BackendFile})
			if got := mustGet(t, s, 1, "password"); got != "fixture-password" {
				t.Errorf("account 1 password = %q", got)
			}
			if got := mustGet(t, s, 2, "token"); got != "fixture-token" {
				t.Errorf("account 2 token = %q", got)
			}
		})
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o600); err != nil {
		t.Fatal(err)
	}
}
