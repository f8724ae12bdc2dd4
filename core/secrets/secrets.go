// Package secrets keeps account passwords and tokens out of the workspace
// database and out of logs.
//
// Two backends exist. The OS keyring (Secret Service on Linux, Keychain on
// macOS, Credential Manager on Windows) is preferred. Where none answers (a
// server, a container, a desktop without gnome-keyring or KWallet), the
// explicit fallback is a file in the workspace, secrets.json.enc, encrypted
// with AES-256-GCM. Its key is either 32 random bytes in a key file kept
// outside the workspace (HEARTH_SECRETS_KEY_FILE, default
// $XDG_CONFIG_HOME/hearth/secrets-<namespace>.key, the namespace being the
// workspace's id, so a moved or restored workspace finds it) or, when
// HEARTH_SECRETS_PASSPHRASE is set, derived from that passphrase with
// argon2id. Both files are written with mode 0600.
//
// Threat model of the file backend: a copied workspace, a backup of it or a
// leaked database does not reveal the secrets, because the key lives
// elsewhere (or in nobody's files at all with a passphrase). It does not
// protect against someone who can read your home directory or run code as
// you: they can read the key file, as they could read an unlocked keyring.
package secrets

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"sync"
)

// Store reads and writes the secrets of accounts. It is safe for concurrent
// use.
type Store interface {
	// Get returns a secret; core.ErrNotFound (wrapped) when it is absent.
	Get(ctx context.Context, accountID int64, name string) (string, error)
	// Set saves a secret, replacing any previous value.
	Set(ctx context.Context, accountID int64, name, value string) error
	// DeleteAccount removes the named secrets of an account; absent ones are
	// not an error. With no names the file backend removes all of them; the
	// keyring cannot list entries and answers core.ErrUnsupported.
	DeleteAccount(ctx context.Context, accountID int64, names ...string) error
	// Backend names where secrets live: BackendKeyring or BackendFile.
	Backend() string
}

// Backend names, also accepted as Options.Mode.
const (
	BackendKeyring = "keyring"
	BackendFile    = "file"
	ModeAuto       = "auto"
)

// Environment variables of the file backend.
const (
	EnvKeyFile    = "HEARTH_SECRETS_KEY_FILE"
	EnvPassphrase = "HEARTH_SECRETS_PASSPHRASE"
)

// ErrWrongKey means the secrets file exists but the key at hand (key file or
// passphrase) is not the one it was written with. Nothing is overwritten.
var ErrWrongKey = errors.New("wrong secrets key")

// Options choose the backend.
type Options struct {
	// Mode is ModeAuto (the default when empty), BackendKeyring or
	// BackendFile. Auto uses the file when the workspace already has one,
	// else the keyring when it answers, else the file.
	Mode string
	// Namespace keeps workspaces apart: keyring service "hearth:<ns>" and key
	// file secrets-<ns>.key. Letters, digits, '.', '_' and '-' only; empty
	// means service "hearth" and key file secrets.key.
	Namespace string
	// Legacy is a namespace the workspace had before (Hearth once derived
	// it from the workspace's path). Its key file is adopted under
	// Namespace at Open, and its keyring entries move to Namespace as they
	// are read, so no secret is lost and nothing is left keyed by path.
	Legacy string
	// Log receives the warning when auto mode falls back to the file;
	// slog.Default() when nil.
	Log *slog.Logger
}

var namespaceRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9._-]*$`) })

// Open returns the store for the workspace in dir.
func Open(ctx context.Context, dir string, opt Options) (Store, error) {
	for _, ns := range []string{opt.Namespace, opt.Legacy} {
		if !namespaceRE().MatchString(ns) {
			return nil, fmt.Errorf("secrets: namespace %q: only letters, digits, '.', '_' and '-'", ns)
		}
	}
	if opt.Legacy == opt.Namespace {
		opt.Legacy = ""
	}
	if opt.Log == nil {
		opt.Log = slog.Default()
	}
	switch opt.Mode {
	case "", ModeAuto:
		return openAuto(ctx, dir, opt)
	case BackendKeyring:
		return openKeyring(ctx, opt.Namespace, opt.Legacy)
	case BackendFile:
		return openFileFromEnv(ctx, dir, opt.Namespace, opt.Legacy)
	default:
		return nil, fmt.Errorf("secrets: mode %q: want %s, %s or %s", opt.Mode, ModeAuto, BackendKeyring, BackendFile)
	}
}

// openAuto sticks to a workspace's existing file, so secrets saved during an
// earlier fallback stay visible once a keyring appears.
func openAuto(ctx context.Context, dir string, opt Options) (Store, error) {
	exists, err := fileExists(secretsPath(dir))
	if err != nil {
		return nil, fmt.Errorf("secrets: %w", err)
	}
	if exists {
		return openFileFromEnv(ctx, dir, opt.Namespace, opt.Legacy)
	}
	ks, err := openKeyring(ctx, opt.Namespace, opt.Legacy)
	if err == nil {
		return ks, nil
	}
	fs, ferr := openFileFromEnv(ctx, dir, opt.Namespace, opt.Legacy)
	if ferr != nil {
		return nil, ferr
	}
	why := err.Error()
	return &fallbackStore{fileStore: fs, warn: func() {
		opt.Log.Warn("OS keyring unavailable: secrets go to an encrypted file in the workspace",
			"why", why, "file", secretsPath(dir), "key", describeKeySource(opt.Namespace))
	}}, nil
}

// fallbackStore is the file a workspace falls back to when the keyring does
// not answer. It warns when the first secret is written, not at Open: a
// workspace without secrets (feeds only, the demo, a read-only command)
// has nothing to warn about, and once the file exists the next Open uses
// it without asking the keyring, so the warning is said once.
type fallbackStore struct {
	*fileStore
	warn func()
	once sync.Once
}

func (s *fallbackStore) Set(ctx context.Context, accountID int64, name, value string) error {
	if err := s.fileStore.Set(ctx, accountID, name, value); err != nil {
		return err
	}
	s.once.Do(s.warn)
	return nil
}

// validate rejects calls no caller should make.
func validate(name string) error {
	if name == "" {
		return errors.New("empty secret name")
	}
	return nil
}
