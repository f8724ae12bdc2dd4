package secrets

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hearthhq/hearth/core"
)

// keySetups are the two ways the file backend gets its key.
var keySetups = []struct {
	name  string
	setup func(t *testing.T)
}{
	{"key file", func(t *testing.T) {}},
	{"passphrase", func(t *testing.T) { t.Setenv(EnvPassphrase, "correct horse battery staple") }},
}

func TestFileRoundTripAcrossReopen(t *testing.T) {
	for _, ks := range keySetups {
		t.Run(ks.name, func(t *testing.T) {
			dir := isolate(t)
			ks.setup(t)
			s := openT(t, dir, Options{Mode: BackendFile})
			mustSet(t, s, 1, "password", "hunter2")
			mustSet(t, s, 1, "password", "пароль-2") // replaced, and not only ASCII
			mustSet(t, s, 2, "token", "vk1.a.XYZ")

			s = openT(t, dir, Options{Mode: BackendFile})
			if got := mustGet(t, s, 1, "password"); got != "пароль-2" {
				t.Errorf("account 1 password = %q, want %q", got, "пароль-2")
			}
			if got := mustGet(t, s, 2, "token"); got != "vk1.a.XYZ" {
				t.Errorf("account 2 token = %q, want %q", got, "vk1.a.XYZ")
			}
			if s.Backend() != BackendFile {
				t.Errorf("Backend() = %q, want %q", s.Backend(), BackendFile)
			}
		})
	}
}

func TestFileGetMissingIsNotFound(t *testing.T) {
	dir := isolate(t)
	s := openT(t, dir, Options{Mode: BackendFile})
	mustSet(t, s, 1, "password", "x")
	for _, c := range []struct {
		id   int64
		name string
	}{{1, "token"}, {2, "password"}} {
		_, err := s.Get(context.Background(), c.id, c.name)
		if !errors.Is(err, core.ErrNotFound) {
			t.Errorf("Get(%d, %s) error = %v, want core.ErrNotFound", c.id, c.name, err)
		}
	}
}

func TestFileDeleteAccount(t *testing.T) {
	tests := []struct {
		name     string
		delete   []string
		wantGone []string
		wantKept []string
	}{
		{"named", []string{"password"}, []string{"password"}, []string{"token"}},
		{"absent names are fine", []string{"password", "nope"}, []string{"password"}, []string{"token"}},
		{"all when no names", nil, []string{"password", "token"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := isolate(t)
			s := openT(t, dir, Options{Mode: BackendFile})
			mustSet(t, s, 1, "password", "p")
			mustSet(t, s, 1, "token", "t")
			mustSet(t, s, 2, "password", "other account")
			if err := s.DeleteAccount(context.Background(), 1, tt.delete...); err != nil {
				t.Fatalf("DeleteAccount: %v", err)
			}
			s = openT(t, dir, Options{Mode: BackendFile})
			for _, n := range tt.wantGone {
				if _, err := s.Get(context.Background(), 1, n); !errors.Is(err, core.ErrNotFound) {
					t.Errorf("after delete, Get(1, %s) error = %v, want not found", n, err)
				}
			}
			for _, n := range tt.wantKept {
				mustGet(t, s, 1, n)
			}
			if got := mustGet(t, s, 2, "password"); got != "other account" {
				t.Errorf("account 2 touched: %q", got)
			}
		})
	}
}

func TestFileDeleteUnknownAccountIsNoop(t *testing.T) {
	dir := isolate(t)
	s := openT(t, dir, Options{Mode: BackendFile})
	if err := s.DeleteAccount(context.Background(), 9, "password"); err != nil {
		t.Fatalf("DeleteAccount of an account with no secrets: %v", err)
	}
	if _, err := os.Stat(secretsPath(dir)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("deleting nothing created the secrets file (stat error %v)", err)
	}
}

func TestFileHoldsNoPlainText(t *testing.T) {
	const secret = "s3cr3t-Пароль-value"
	for _, ks := range keySetups {
		t.Run(ks.name, func(t *testing.T) {
			dir := isolate(t)
			ks.setup(t)
			s := openT(t, dir, Options{Mode: BackendFile})
			mustSet(t, s, 7, "password", secret)
			needles := [][]byte{
				[]byte(secret),
				[]byte(base64.StdEncoding.EncodeToString([]byte(secret))),
				[]byte("password"), // even the names are inside the ciphertext
			}
			walkFiles(t, dir, func(path string, data []byte) {
				for _, n := range needles {
					if bytes.Contains(data, n) {
						t.Errorf("%s contains %q in plain text", path, n)
					}
				}
			})
		})
	}
}

func walkFiles(t *testing.T, dir string, fn func(path string, data []byte)) {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		n++
		fn(path, data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatalf("no files under %s: the test checks nothing", dir)
	}
}

func TestFileModes(t *testing.T) {
	dir := isolate(t)
	conf := os.Getenv("XDG_CONFIG_HOME")
	t.Setenv(EnvKeyFile, "") // the default location, under the config dir
	s := openT(t, dir, Options{Mode: BackendFile, Namespace: "ab12"})
	mustSet(t, s, 1, "password", "x")
	mustSet(t, s, 1, "password", "y") // a rewrite keeps the mode too

	keyPath := filepath.Join(conf, "hearth", "secrets-ab12.key")
	for path, want := range map[string]fs.FileMode{
		secretsPath(dir):      0o600,
		keyPath:               0o600,
		filepath.Dir(keyPath): 0o700,
	} {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatalf("stat: %v", err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s mode = %04o, want %04o", path, got, want)
		}
	}
}

func TestFileKeyIsNotInWorkspace(t *testing.T) {
	dir := isolate(t)
	t.Setenv(EnvKeyFile, "")
	s := openT(t, dir, Options{Mode: BackendFile, Namespace: "ns"})
	mustSet(t, s, 1, "password", "x")
	walkFiles(t, dir, func(path string, _ []byte) {
		if strings.HasSuffix(path, ".key") {
			t.Errorf("key file %s inside the workspace: a copy of it would carry the key", path)
		}
	})
}

func TestFileWrongKeyIsAnError(t *testing.T) {
	tests := []struct {
		name  string
		write func(t *testing.T) // environment when the secret is written
		read  func(t *testing.T) // environment when the workspace is reopened
		want  string             // in the error message: says what to do
	}{
		{
			name:  "another key file",
			write: func(t *testing.T) {},
			read:  func(t *testing.T) { t.Setenv(EnvKeyFile, filepath.Join(t.TempDir(), "other.key")) },
			want:  "missing",
		},
		{
			name:  "key file replaced",
			write: func(t *testing.T) {},
			read: func(t *testing.T) {
				p := os.Getenv(EnvKeyFile)
				other := strings.Repeat("ab", keyLen) + "\n"
				if err := os.WriteFile(p, []byte(other), 0o600); err != nil {
					t.Fatal(err)
				}
			},
			want: "does not open",
		},
		{
			name:  "wrong passphrase",
			write: func(t *testing.T) { t.Setenv(EnvPassphrase, "one") },
			read:  func(t *testing.T) { t.Setenv(EnvPassphrase, "two") },
			want:  "passphrase",
		},
		{
			name:  "passphrase on a key file workspace",
			write: func(t *testing.T) {},
			read:  func(t *testing.T) { t.Setenv(EnvPassphrase, "one") },
			want:  "unset " + EnvPassphrase,
		},
		{
			name:  "no passphrase on a passphrase workspace",
			write: func(t *testing.T) { t.Setenv(EnvPassphrase, "one") },
			read:  func(t *testing.T) { t.Setenv(EnvPassphrase, "") },
			want:  "set " + EnvPassphrase,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := isolate(t)
			tt.write(t)
			mustSet(t, openT(t, dir, Options{Mode: BackendFile}), 1, "password", "x")
			before, _ := os.ReadFile(secretsPath(dir))

			tt.read(t)
			_, err := Open(context.Background(), dir, Options{Mode: BackendFile})
			if !errors.Is(err, ErrWrongKey) {
				t.Fatalf("Open error = %v, want ErrWrongKey", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not say %q", err, tt.want)
			}
			after, _ := os.ReadFile(secretsPath(dir))
			if !bytes.Equal(before, after) {
				t.Error("a failed open changed the secrets file")
			}
		})
	}
}

func TestFileDamageIsNotWrongKey(t *testing.T) {
	tests := []struct {
		name   string
		damage func(env *envelope)
	}{
		{"flipped ciphertext byte", func(env *envelope) { env.Data[0] ^= 0xff }},
		{"truncated ciphertext", func(env *envelope) { env.Data = env.Data[:len(env.Data)-3] }},
		{"short nonce", func(env *envelope) { env.Nonce = env.Nonce[:4] }},
		{"unknown key derivation", func(env *envelope) { env.KDF = "rot13" }},
		{"header altered", func(env *envelope) { env.Argon = &argonParams{Time: 1} }}, // authenticated data
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := isolate(t)
			mustSet(t, openT(t, dir, Options{Mode: BackendFile}), 1, "password", "x")
			raw, err := os.ReadFile(secretsPath(dir))
			if err != nil {
				t.Fatal(err)
			}
			var env envelope
			mustUnmarshal(t, raw, &env)
			tt.damage(&env)
			writeJSON(t, secretsPath(dir), env)

			_, err = Open(context.Background(), dir, Options{Mode: BackendFile})
			if err == nil {
				t.Fatal("Open of a damaged file succeeded")
			}
			if errors.Is(err, ErrWrongKey) || !strings.Contains(err.Error(), "damaged") {
				t.Errorf("error = %v, want a 'damaged' error that is not ErrWrongKey", err)
			}
		})
	}
}

func TestFileNotJSONIsDamaged(t *testing.T) {
	dir := isolate(t)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(secretsPath(dir), []byte("password=hunter2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(context.Background(), dir, Options{Mode: BackendFile})
	if err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Fatalf("Open of a non-JSON file: error = %v, want 'damaged'", err)
	}
}

func TestFileRefusesKeyFileOpenToOthers(t *testing.T) {
	dir := isolate(t)
	mustSet(t, openT(t, dir, Options{Mode: BackendFile}), 1, "password", "x")
	if err := os.Chmod(os.Getenv(EnvKeyFile), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Open(context.Background(), dir, Options{Mode: BackendFile})
	if err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("Open with a 0644 key file: error = %v, want advice to chmod 600", err)
	}
}

func TestFileConcurrentSet(t *testing.T) {
	dir := isolate(t)
	// Two stores on one workspace stand for the GUI and a CLI command: each
	// re-reads under the lock file, so no write is lost.
	stores := []Store{openT(t, dir, Options{Mode: BackendFile}), openT(t, dir, Options{Mode: BackendFile})}
	const n = 40
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Go(func() {
			s := stores[i%len(stores)]
			errs <- s.Set(context.Background(), int64(i%3+1), fmt.Sprintf("name%d", i), fmt.Sprintf("value%d", i))
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("concurrent Set: %v", err)
		}
	}
	s := openT(t, dir, Options{Mode: BackendFile})
	for i := range n {
		if got := mustGet(t, s, int64(i%3+1), fmt.Sprintf("name%d", i)); got != fmt.Sprintf("value%d", i) {
			t.Errorf("name%d = %q", i, got)
		}
	}
}

func TestFileSetHonoursCancelledContext(t *testing.T) {
	dir := isolate(t)
	s := openT(t, dir, Options{Mode: BackendFile})
	ctx, cancel := context.WithCancel(context.Background())
	unlock, err := lockFile(ctx, filepath.Join(dir, lockFileName)) // another process holds the lock
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	cancel()
	if err := s.Set(ctx, 1, "password", "x"); !errors.Is(err, context.Canceled) {
		t.Fatalf("Set while locked with a cancelled context: error = %v, want context.Canceled", err)
	}
}

func TestFileRejectsEmptyName(t *testing.T) {
	s := openT(t, isolate(t), Options{Mode: BackendFile})
	if err := s.Set(context.Background(), 1, "", "x"); err == nil {
		t.Error("Set with an empty name succeeded")
	}
}
