package secrets

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/crypto/argon2"
)

const (
	kdfKeyFile  = "keyfile"
	kdfArgon2id = "argon2id"
	keyLen      = 32 // AES-256
)

// keySource yields the file backend's key: from a key file or a passphrase.
type keySource interface {
	// header describes the key for a new write; prev is the current file's
	// header, nil when there is no file yet.
	header(prev *header) header
	// key returns the key h describes; create allows making a new key file
	// (only when no secrets file exists, so a lost key is never replaced
	// silently by a fresh one).
	key(h header, create bool) ([]byte, error)
	// describe says where the key comes from, for errors and logs.
	describe() string
}

// openFileFromEnv opens the file backend with the key source the
// environment selects, first adopting the key file of the legacy namespace.
func openFileFromEnv(ctx context.Context, dir, namespace, legacy string) (*fileStore, error) {
	keys, err := keySourceFromEnv(namespace)
	if err != nil {
		return nil, fmt.Errorf("secrets: %w", err)
	}
	if kf, ok := keys.(keyFile); ok && os.Getenv(EnvKeyFile) == "" {
		if err := adoptKeyFile(kf.path, legacy, secretsPath(dir)); err != nil {
			return nil, fmt.Errorf("secrets: %w", err)
		}
	}
	return openFile(ctx, dir, keys)
}

// adoptKeyFile gives the workspace's key file its name by id when it has
// none yet. The key is the legacy namespace's (the old per-path name), or,
// for a workspace moved before it had an id, whichever key file in the
// same directory opens its secrets file: an envelope names its key by a
// MAC (keyCheck), so trying one costs nothing and reveals nothing. The
// adopted file is linked to the new name, then its old name removed, so
// key files stop piling up one per path.
func adoptKeyFile(path, legacy, secrets string) error {
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		return err // present (nil), or unreadable
	}
	check, err := envelopeCheck(secrets)
	if err != nil || check == nil {
		return err // no secrets file yet: a new key is made when needed
	}
	var candidates []string
	if legacy != "" {
		if p, err := keyFilePath(legacy); err == nil {
			candidates = append(candidates, p)
		}
	}
	others, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "secrets*.key"))
	candidates = append(candidates, others...)
	for _, c := range candidates {
		key, err := (keyFile{path: c}).read()
		if err != nil || !hmac.Equal(keyCheck(key), check) {
			continue
		}
		if err := os.Link(c, path); err != nil && !errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("key file: adopt %s: %w", c, err)
		}
		_ = os.Remove(c) // the same key lives on under path
		syncDir(filepath.Dir(path))
		return nil
	}
	return nil
}

// envelopeCheck reads the key check of a key-file-encrypted secrets file;
// nil when there is no such file.
func envelopeCheck(path string) ([]byte, error) {
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var env envelope
	if json.Unmarshal(raw, &env) != nil || env.KDF != kdfKeyFile {
		return nil, nil // damaged or passphrase-protected: nothing to adopt, load says why
	}
	return env.Check, nil
}

func keySourceFromEnv(namespace string) (keySource, error) {
	if p := os.Getenv(EnvPassphrase); p != "" {
		return newPassphrase(p), nil
	}
	path, err := keyFilePath(namespace)
	if err != nil {
		return nil, err
	}
	return keyFile{path: path}, nil
}

// keyFilePath lives outside the workspace so that copying or backing up the
// workspace does not carry the key along.
func keyFilePath(namespace string) (string, error) {
	if p := os.Getenv(EnvKeyFile); p != "" {
		return p, nil
	}
	conf, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no place for the key file (set %s): %w", EnvKeyFile, err)
	}
	name := "secrets.key"
	if namespace != "" {
		name = "secrets-" + namespace + ".key"
	}
	return filepath.Join(conf, "hearth", name), nil
}

func describeKeySource(namespace string) string {
	keys, err := keySourceFromEnv(namespace)
	if err != nil {
		return err.Error()
	}
	return keys.describe()
}

// keyFile holds 32 random bytes as hex, mode 0600.
type keyFile struct {
	path string
}

func (k keyFile) describe() string { return "key file " + k.path }

func (k keyFile) header(*header) header {
	return header{Version: fileVersion, KDF: kdfKeyFile}
}

func (k keyFile) key(h header, create bool) ([]byte, error) {
	if h.KDF != kdfKeyFile {
		return nil, fmt.Errorf("%w: encrypted with a passphrase: set %s", ErrWrongKey, EnvPassphrase)
	}
	key, err := k.read()
	if errors.Is(err, fs.ErrNotExist) && create {
		return k.create()
	}
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: key file %s is missing: restore it or point %s at it",
			ErrWrongKey, k.path, EnvKeyFile)
	}
	return key, err
}

func (k keyFile) read() ([]byte, error) {
	fi, err := os.Stat(k.path)
	if err != nil {
		return nil, err
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("key file %s is open to others (mode %04o): chmod 600 it", k.path, fi.Mode().Perm())
	}
	raw, err := os.ReadFile(k.path)
	if err != nil {
		return nil, err
	}
	key, err := hex.DecodeString(strings.TrimSpace(string(raw)))
	if err != nil || len(key) != keyLen {
		return nil, fmt.Errorf("key file %s: want %d hex digits", k.path, 2*keyLen)
	}
	return key, nil
}

// create writes a new key without ever replacing an existing one: the temp
// file is hard-linked into place, which fails if another process won the
// race, and then that process's key is used.
func (k keyFile) create() ([]byte, error) {
	dir := filepath.Dir(k.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("key file: %w", err)
	}
	key := make([]byte, keyLen)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("key file: %w", err)
	}
	tmp, err := writeTemp(dir, []byte(hex.EncodeToString(key)+"\n"))
	if err != nil {
		return nil, fmt.Errorf("key file: %w", err)
	}
	defer os.Remove(tmp)
	err = os.Link(tmp, k.path)
	if errors.Is(err, fs.ErrExist) {
		return k.read()
	}
	if err != nil {
		return nil, fmt.Errorf("key file: %w", err)
	}
	return key, nil
}

// argonParams are stored in the file so they can grow in later versions
// without breaking old files.
type argonParams struct {
	Salt    []byte `json:"salt"`
	Time    uint32 `json:"time"`
	Memory  uint32 `json:"memory_kib"`
	Threads uint8  `json:"threads"`
}

// defaultArgon follows RFC 9106's second recommended setting (64 MiB, t=3,
// p=4): about 0.12 s on 2 cores, once per process. Tests lower it.
var defaultArgon = argonParams{Time: 3, Memory: 64 * 1024, Threads: 4}

// passphrase derives the key with argon2id; derived keys are cached by
// parameters because every call re-reads the file.
type passphrase struct {
	secret string
	cache  map[string][]byte
}

func newPassphrase(secret string) *passphrase {
	return &passphrase{secret: secret, cache: map[string][]byte{}}
}

func (p *passphrase) describe() string { return "the passphrase in " + EnvPassphrase }

func (p *passphrase) header(prev *header) header {
	if prev != nil && prev.KDF == kdfArgon2id && prev.Argon != nil {
		return *prev
	}
	params := defaultArgon
	params.Salt = make([]byte, 16)
	_, _ = rand.Read(params.Salt) // crypto/rand.Read never fails on supported systems
	return header{Version: fileVersion, KDF: kdfArgon2id, Argon: &params}
}

func (p *passphrase) key(h header, _ bool) ([]byte, error) {
	if h.KDF != kdfArgon2id || h.Argon == nil {
		return nil, fmt.Errorf("%w: encrypted with a key file, not a passphrase: unset %s", ErrWrongKey, EnvPassphrase)
	}
	a := h.Argon
	id := fmt.Sprintf("%x/%d/%d/%d", a.Salt, a.Time, a.Memory, a.Threads)
	if k, ok := p.cache[id]; ok {
		return k, nil
	}
	k := argon2.IDKey([]byte(p.secret), a.Salt, a.Time, a.Memory, a.Threads, keyLen)
	p.cache[id] = k
	return k, nil
}
