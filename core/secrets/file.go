package secrets

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/hearthhq/hearth/core"
)

const (
	secretsFile  = "secrets.json.enc"
	lockFileName = "secrets.lock"
	fileVersion  = 1
)

// envelope is the on-disk form of the file backend: readable JSON around
// AES-256-GCM ciphertext, so a person can see what protects it.
type envelope struct {
	header
	Check []byte `json:"check"` // keyCheck of the key: tells a wrong key from damage
	Nonce []byte `json:"nonce"`
	Data  []byte `json:"data"`
}

// header says how the key is obtained; it is authenticated as GCM's
// additional data so it cannot be swapped.
type header struct {
	Version int          `json:"version"`
	KDF     string       `json:"kdf"` // kdfKeyFile or kdfArgon2id
	Argon   *argonParams `json:"argon2id,omitempty"`
}

// secretsMap is the plaintext: account id -> secret name -> value.
type secretsMap map[int64]map[string]string

// fileStore is the fallback backend. Every call re-reads the file under a
// lock file, so a CLI command and the GUI running at once see each other's
// writes and never lose one.
type fileStore struct {
	path     string
	lockPath string
	keys     keySource
	mu       sync.Mutex // serialises this process; the lock file, processes
}

func secretsPath(dir string) string { return filepath.Join(dir, secretsFile) }

// openFile opens (without creating) the secrets file of dir and checks that
// keys opens it, so a wrong key shows at startup rather than at first sync.
func openFile(ctx context.Context, dir string, keys keySource) (*fileStore, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("secrets: %w", err)
	}
	s := &fileStore{path: secretsPath(dir), lockPath: filepath.Join(dir, lockFileName), keys: keys}
	if _, err := s.read(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *fileStore) Backend() string { return BackendFile }

func (s *fileStore) Get(ctx context.Context, accountID int64, name string) (string, error) {
	if err := validate(name); err != nil {
		return "", fmt.Errorf("secrets: get account %d: %w", accountID, err)
	}
	m, err := s.read(ctx)
	if err != nil {
		return "", err
	}
	v, ok := m[accountID][name]
	if !ok {
		return "", fmt.Errorf("secrets: get %s of account %d from %s: %w", name, accountID, s.path, core.ErrNotFound)
	}
	return v, nil
}

func (s *fileStore) Set(ctx context.Context, accountID int64, name, value string) error {
	if err := validate(name); err != nil {
		return fmt.Errorf("secrets: set account %d: %w", accountID, err)
	}
	return s.update(ctx, func(m secretsMap) bool {
		if m[accountID] == nil {
			m[accountID] = map[string]string{}
		}
		m[accountID][name] = value
		return true
	})
}

func (s *fileStore) DeleteAccount(ctx context.Context, accountID int64, names ...string) error {
	return s.update(ctx, func(m secretsMap) bool {
		if _, ok := m[accountID]; !ok {
			return false
		}
		if len(names) == 0 {
			delete(m, accountID)
			return true
		}
		for _, n := range names {
			delete(m[accountID], n)
		}
		if len(m[accountID]) == 0 {
			delete(m, accountID)
		}
		return true
	})
}

func (s *fileStore) read(ctx context.Context) (secretsMap, error) {
	var m secretsMap
	err := s.locked(ctx, func() (err error) {
		m, _, err = s.load()
		return err
	})
	return m, err
}

// update applies change to the current secrets and writes them back when
// change reports it modified something.
func (s *fileStore) update(ctx context.Context, change func(secretsMap) bool) error {
	return s.locked(ctx, func() error {
		m, prev, err := s.load()
		if err != nil {
			return err
		}
		if !change(m) {
			return nil
		}
		return s.save(m, prev)
	})
}

func (s *fileStore) locked(ctx context.Context, fn func() error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	unlock, err := lockFile(ctx, s.lockPath)
	if err != nil {
		return fmt.Errorf("secrets: lock %s: %w", s.lockPath, err)
	}
	defer unlock()
	return fn()
}

// load decrypts the file; a missing file is an empty map and a nil header.
func (s *fileStore) load() (secretsMap, *header, error) {
	raw, err := os.ReadFile(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return secretsMap{}, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("secrets: %w", err)
	}
	var env envelope
	if err := json.Unmarshal(raw, &env); err != nil {
		return nil, nil, fmt.Errorf("secrets: %s is damaged: %w", s.path, err)
	}
	m, err := s.open(env)
	if err != nil {
		return nil, nil, fmt.Errorf("secrets: %s: %w", s.path, err)
	}
	return m, &env.header, nil
}

func (s *fileStore) open(env envelope) (secretsMap, error) {
	if env.Version != fileVersion {
		return nil, fmt.Errorf("format version %d, this build reads %d", env.Version, fileVersion)
	}
	key, err := s.keys.key(env.header, false)
	if err != nil {
		return nil, err
	}
	if !hmac.Equal(keyCheck(key), env.Check) {
		return nil, fmt.Errorf("%w: %s does not open it", ErrWrongKey, s.keys.describe())
	}
	aead, err := newAEAD(key)
	if err != nil {
		return nil, err
	}
	plain, err := aead.Open(nil, env.Nonce, env.Data, additionalData(env.header))
	if err != nil {
		return nil, fmt.Errorf("damaged: the key is right but the content fails authentication: %w", err)
	}
	m := secretsMap{}
	if err := json.Unmarshal(plain, &m); err != nil {
		return nil, fmt.Errorf("damaged content: %w", err)
	}
	return m, nil
}

// save encrypts m, keeping prev's key parameters (and so a cached
// passphrase-derived key) when the file already exists.
func (s *fileStore) save(m secretsMap, prev *header) error {
	h := s.keys.header(prev)
	key, err := s.keys.key(h, prev == nil)
	if err != nil {
		return fmt.Errorf("secrets: %w", err)
	}
	env, err := seal(m, h, key)
	if err != nil {
		return fmt.Errorf("secrets: %w", err)
	}
	raw, err := json.MarshalIndent(env, "", "  ")
	if err != nil {
		return fmt.Errorf("secrets: encode: %w", err)
	}
	if err := writeAtomic(s.path, raw); err != nil {
		return fmt.Errorf("secrets: %w", err)
	}
	return nil
}

func seal(m secretsMap, h header, key []byte) (envelope, error) {
	plain, err := json.Marshal(m)
	if err != nil {
		return envelope{}, fmt.Errorf("encode: %w", err)
	}
	aead, err := newAEAD(key)
	if err != nil {
		return envelope{}, err
	}
	nonce := make([]byte, aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return envelope{}, fmt.Errorf("nonce: %w", err)
	}
	data := aead.Seal(nil, nonce, plain, additionalData(h))
	return envelope{header: h, Check: keyCheck(key), Nonce: nonce, Data: data}, nil
}

func newAEAD(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("cipher: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("cipher: %w", err)
	}
	return aead, nil
}

func additionalData(h header) []byte {
	b, _ := json.Marshal(h) // a struct of plain fields cannot fail to encode
	return b
}

// keyCheck is a MAC of a constant: it identifies the key without revealing it.
func keyCheck(key []byte) []byte {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte("hearth secrets key check v1"))
	return mac.Sum(nil)[:16]
}

// writeAtomic replaces path with data through a 0600 temp file and a
// rename, so a crash leaves the old file or the new one, never half of one.
func writeAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".secrets-*.tmp") // CreateTemp uses mode 0600
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("write %s: %w", tmp.Name(), err)
	}
	if err := tmp.Sync(); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("sync %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("close %s: %w", tmp.Name(), err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// syncDir makes a rename durable where the system can sync a directory; the
// file itself is already synced, so failing here loses nothing but order.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}

func fileExists(path string) (bool, error) {
	_, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	return err == nil, err
}
