package secrets

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkFileGet measures a file-backend read, which re-reads and
// decrypts the whole file under the lock: 50 accounts' worth of secrets.
func BenchmarkFileGet(b *testing.B) {
	b.Setenv(EnvKeyFile, b.TempDir()+"/k.key")
	b.Setenv(EnvPassphrase, "")
	ctx := context.Background()
	s, err := Open(ctx, b.TempDir(), Options{Mode: BackendFile})
	if err != nil {
		b.Fatal(err)
	}
	for i := range 50 {
		if err := s.Set(ctx, int64(i), "password", fmt.Sprint("value", i)); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		if _, err := s.Get(ctx, 7, "password"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkArgon2idProduction is the one-time cost of opening a
// passphrase-protected workspace with the shipped parameters.
func BenchmarkArgon2idProduction(b *testing.B) {
	p := argonParams{Salt: make([]byte, 16), Time: 3, Memory: 64 * 1024, Threads: 4}
	for b.Loop() {
		newPassphrase("bench").key(header{Version: fileVersion, KDF: kdfArgon2id, Argon: &p}, false)
	}
}
