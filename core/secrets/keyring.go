package secrets

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/hearthhq/hearth/core"
)

// probeTimeout bounds the keyring probe: go-keyring over D-Bus can hang when
// no session bus or no Secret Service answers.
var probeTimeout = 2 * time.Second

// keyringStore keeps each secret as one keyring entry: service
// "hearth:<namespace>", user "account/<id>/<name>".
type keyringStore struct {
	service string
	// legacy is the service of the workspace's old namespace, "" if none:
	// a keyring cannot list entries, so they move over as they are read.
	legacy string
}

func openKeyring(ctx context.Context, namespace, legacy string) (*keyringStore, error) {
	ks := &keyringStore{service: serviceName(namespace)}
	if legacy != "" {
		ks.legacy = serviceName(legacy)
	}
	pctx, cancel := context.WithTimeout(ctx, probeTimeout)
	defer cancel()
	if err := ks.probe(pctx); err != nil {
		return nil, fmt.Errorf("secrets: keyring %q: %w", ks.service, err)
	}
	return ks, nil
}

func serviceName(namespace string) string {
	if namespace == "" {
		return "hearth"
	}
	return "hearth:" + namespace
}

func keyringUser(accountID int64, name string) string {
	return fmt.Sprintf("account/%d/%s", accountID, name)
}

// probe writes, reads back and deletes a throwaway entry: a keyring that
// only half works (locked, read-only) must not be chosen.
func (k *keyringStore) probe(ctx context.Context) error {
	const user = "probe"
	want := rand.Text()
	return withContext(ctx, func() error {
		if err := keyring.Set(k.service, user, want); err != nil {
			return fmt.Errorf("probe write: %w", err)
		}
		got, err := keyring.Get(k.service, user)
		if err != nil {
			return fmt.Errorf("probe read: %w", err)
		}
		if got != want {
			return errors.New("probe read back a different value")
		}
		if err := keyring.Delete(k.service, user); err != nil {
			return fmt.Errorf("probe delete: %w", err)
		}
		return nil
	})
}

func (k *keyringStore) Backend() string { return BackendKeyring }

func (k *keyringStore) Get(ctx context.Context, accountID int64, name string) (string, error) {
	if err := validate(name); err != nil {
		return "", fmt.Errorf("secrets: get account %d: %w", accountID, err)
	}
	var v string
	err := withContext(ctx, func() (err error) {
		v, err = keyring.Get(k.service, keyringUser(accountID, name))
		return err
	})
	if errors.Is(err, keyring.ErrNotFound) && k.legacy != "" {
		v, err = k.adopt(ctx, accountID, name)
	}
	if errors.Is(err, keyring.ErrNotFound) {
		return "", fmt.Errorf("secrets: get %s of account %d from keyring: %w", name, accountID, core.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("secrets: get %s of account %d from keyring: %w", name, accountID, err)
	}
	return v, nil
}

// adopt moves a secret from the legacy service to the current one: copied
// first, removed from the old name only once the copy is in place.
func (k *keyringStore) adopt(ctx context.Context, accountID int64, name string) (string, error) {
	user := keyringUser(accountID, name)
	var v string
	err := withContext(ctx, func() (err error) {
		v, err = keyring.Get(k.legacy, user)
		return err
	})
	if err != nil {
		return "", err
	}
	err = withContext(ctx, func() error {
		if err := keyring.Set(k.service, user, v); err != nil {
			return err
		}
		return keyring.Delete(k.legacy, user)
	})
	if err != nil && !errors.Is(err, keyring.ErrNotFound) {
		return "", fmt.Errorf("move from %s: %w", k.legacy, err)
	}
	return v, nil
}

func (k *keyringStore) Set(ctx context.Context, accountID int64, name, value string) error {
	if err := validate(name); err != nil {
		return fmt.Errorf("secrets: set account %d: %w", accountID, err)
	}
	err := withContext(ctx, func() error {
		return keyring.Set(k.service, keyringUser(accountID, name), value)
	})
	if err != nil {
		return fmt.Errorf("secrets: set %s of account %d in keyring: %w", name, accountID, err)
	}
	return nil
}

func (k *keyringStore) DeleteAccount(ctx context.Context, accountID int64, names ...string) error {
	if len(names) == 0 {
		return fmt.Errorf("secrets: delete account %d: the keyring cannot list entries, name them: %w",
			accountID, core.ErrUnsupported)
	}
	for _, name := range names {
		if err := k.delete(ctx, accountID, name); err != nil {
			return err
		}
	}
	return nil
}

// delete removes the entry under the legacy service too, where a secret
// never read since the move still lives.
func (k *keyringStore) delete(ctx context.Context, accountID int64, name string) error {
	for _, service := range []string{k.service, k.legacy} {
		if service == "" {
			continue
		}
		err := withContext(ctx, func() error {
			return keyring.Delete(service, keyringUser(accountID, name))
		})
		if err != nil && !errors.Is(err, keyring.ErrNotFound) {
			return fmt.Errorf("secrets: delete %s of account %d from keyring: %w", name, accountID, err)
		}
	}
	return nil
}

// withContext runs a keyring call, which takes no context, so that the
// caller returns when ctx ends. A hung D-Bus call is left behind in its
// goroutine; it finishes or dies with the process.
func withContext(ctx context.Context, call func() error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- fmt.Errorf("keyring call panicked: %v", r)
			}
		}()
		done <- call()
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return fmt.Errorf("keyring did not answer: %w", context.Cause(ctx))
	}
}
