package secrets

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/json"
	"fmt"
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

// decrypt checks the key before the ciphertext, so a wrong key and a
// damaged file get different errors.
func decrypt(env envelope, keys keySource) (secretsMap, error) {
	if env.Version != fileVersion {
		return nil, fmt.Errorf("format version %d, this build reads %d", env.Version, fileVersion)
	}
	if env.KDF != kdfKeyFile && env.KDF != kdfArgon2id {
		return nil, fmt.Errorf("damaged: unknown key derivation %q", env.KDF)
	}
	key, err := keys.key(env.header, false)
	if err != nil {
		return nil, err
	}
	if !hmac.Equal(keyCheck(key), env.Check) {
		return nil, fmt.Errorf("%w: %s does not open it", ErrWrongKey, keys.describe())
	}
	aead, err := newAEAD(key)
	if err != nil {
		return nil, err
	}
	if len(env.Nonce) != aead.NonceSize() {
		return nil, fmt.Errorf("damaged: nonce of %d bytes", len(env.Nonce)) // Open would panic
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
