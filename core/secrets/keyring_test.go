package secrets

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"

	"github.com/hearthhq/hearth/core"
)

// These tests swap go-keyring's global provider, so none runs in parallel.

func TestKeyringRoundTrip(t *testing.T) {
	keyring.MockInit()
	dir := isolate(t)
	s := openT(t, dir, Options{Mode: BackendKeyring, Namespace: "ws1"})
	if s.Backend() != BackendKeyring {
		t.Fatalf("Backend() = %q, want %q", s.Backend(), BackendKeyring)
	}
	mustSet(t, s, 3, "password", "hunter2")
	if got := mustGet(t, s, 3, "password"); got != "hunter2" {
		t.Errorf("Get = %q, want hunter2", got)
	}
	if got, _ := keyring.Get("hearth:ws1", "account/3/password"); got != "hunter2" {
		t.Errorf("keyring entry hearth:ws1 account/3/password = %q: other tools (seahorse) see this name", got)
	}
	if _, err := s.Get(context.Background(), 3, "token"); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("Get of a missing secret: error = %v, want core.ErrNotFound", err)
	}
	if files := countFiles(t, dir); files != 0 {
		t.Errorf("keyring backend wrote %d files into the workspace", files)
	}
}

func TestKeyringNamespacesAreSeparate(t *testing.T) {
	keyring.MockInit()
	dir := isolate(t)
	a := openT(t, dir, Options{Mode: BackendKeyring, Namespace: "a"})
	b := openT(t, dir, Options{Mode: BackendKeyring, Namespace: "b"})
	mustSet(t, a, 1, "password", "from a")
	if _, err := b.Get(context.Background(), 1, "password"); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("workspace b sees workspace a's secret (error %v)", err)
	}
}

func TestKeyringDeleteAccount(t *testing.T) {
	keyring.MockInit()
	s := openT(t, isolate(t), Options{Mode: BackendKeyring})
	mustSet(t, s, 1, "password", "p")
	mustSet(t, s, 1, "token", "t")
	ctx := context.Background()
	if err := s.DeleteAccount(ctx, 1, "password", "never-set"); err != nil {
		t.Fatalf("DeleteAccount: %v", err)
	}
	if _, err := s.Get(ctx, 1, "password"); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("deleted secret still readable (error %v)", err)
	}
	mustGet(t, s, 1, "token")
	if err := s.DeleteAccount(ctx, 1); !errors.Is(err, core.ErrUnsupported) {
		t.Errorf("DeleteAccount without names: error = %v, want core.ErrUnsupported", err)
	}
}

func TestKeyringModeFailsWhenKeyringFails(t *testing.T) {
	keyring.MockInitWithError(errors.New("no secret service"))
	_, err := Open(context.Background(), isolate(t), Options{Mode: BackendKeyring})
	if err == nil || !strings.Contains(err.Error(), "no secret service") {
		t.Fatalf("Open keyring mode on a broken keyring: error = %v, want the reason", err)
	}
}

func TestAutoMode(t *testing.T) {
	tests := []struct {
		name        string
		keyringErr  error
		fileExists  bool
		wantBackend string
		wantWarning bool
	}{
		{"keyring works", nil, false, BackendKeyring, false},
		{"keyring fails", errors.New("dbus: no session bus"), false, BackendFile, true},
		{"workspace already uses the file", nil, true, BackendFile, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := isolate(t)
			if tt.fileExists {
				keyring.MockInitWithError(errors.New("down earlier"))
				mustSet(t, openT(t, dir, Options{Mode: BackendFile}), 1, "password", "kept")
			}
			keyring.MockInit()
			if tt.keyringErr != nil {
				keyring.MockInitWithError(tt.keyringErr)
			}
			log, buf := logBuffer()
			s := openT(t, dir, Options{Log: log})
			if s.Backend() != tt.wantBackend {
				t.Errorf("Backend() = %q, want %q", s.Backend(), tt.wantBackend)
			}
			// Nothing to warn about before a secret is stored.
			if strings.Contains(buf.String(), "level=WARN") {
				t.Errorf("warned at Open, before any secret was stored: %s", buf)
			}
			if tt.fileExists && mustGet(t, s, 1, "password") != "kept" {
				t.Error("secret saved before is not visible")
			}
			mustSet(t, s, 2, "token", "works")
			mustSet(t, s, 3, "token", "again")
			if got := mustGet(t, s, 2, "token"); got != "works" {
				t.Errorf("Get after Set = %q", got)
			}
			warnings := strings.Count(buf.String(), "level=WARN")
			if want := map[bool]int{true: 1}[tt.wantWarning]; warnings != want {
				t.Errorf("%d warnings after two secrets, want %d; log: %s", warnings, want, buf)
			}
			if tt.wantWarning && !strings.Contains(buf.String(), tt.keyringErr.Error()) {
				t.Errorf("warning does not say why: %s", buf)
			}
			if tt.wantWarning {
				// The next start uses the file without asking the keyring: silent.
				log, buf := logBuffer()
				mustGet(t, openT(t, dir, Options{Log: log}), 2, "token")
				if strings.Contains(buf.String(), "level=WARN") {
					t.Errorf("warned again at the next Open: %s", buf)
				}
			}
		})
	}
}

func TestOpenRejectsBadOptions(t *testing.T) {
	dir := isolate(t)
	for _, opt := range []Options{
		{Mode: "plaintext"},
		{Mode: BackendFile, Namespace: "../escape"},
		{Mode: BackendFile, Namespace: "a/b"},
	} {
		if _, err := Open(context.Background(), dir, opt); err == nil {
			t.Errorf("Open(%+v) succeeded", opt)
		}
	}
}

func TestWithContextReturnsWhenCallHangs(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	release := make(chan struct{})
	defer close(release)
	started := make(chan struct{})
	go func() {
		<-started
		cancel()
	}()
	err := withContext(ctx, func() error {
		close(started)
		<-release // a D-Bus call that never answers
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("withContext error = %v, want context.Canceled", err)
	}
}

func TestWithContextTurnsPanicIntoError(t *testing.T) {
	err := withContext(context.Background(), func() error { panic("boom") })
	if err == nil || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("withContext of a panicking call: error = %v", err)
	}
}
