package secrets

import (
	"context"
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
	m, err := decrypt(env, s.keys)
	if err != nil {
		return nil, nil, fmt.Errorf("secrets: %s: %w", s.path, err)
	}
	return m, &env.header, nil
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
