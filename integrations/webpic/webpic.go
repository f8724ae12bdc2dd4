// Package webpic downloads the pictures of VK and X items when a person
// asks for them, into a cache folder of the workspace, so that a picture
// is fetched once and shown from disk afterwards. It has its own HTTP
// client (a timeout, no cookies, a size limit on every answer) and takes
// the picture's address as the channel gave it, so that tests and the
// demo point it at a loopback peer.
package webpic

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// MaxBytes is the default limit of one picture: VK's and X's largest
// photos are a few megabytes.
const MaxBytes = 20 << 20

// types are the pictures kept, by sniffed content type, with the
// extension of their cached file.
var types = map[string]string{"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp"}

// Fetcher downloads pictures into Dir.
type Fetcher struct {
	Dir      string
	Client   *http.Client // nil: a client of its own with a timeout
	MaxBytes int64        // 0: MaxBytes
}

// New makes a Fetcher caching into dir.
func New(dir string) *Fetcher {
	return &Fetcher{Dir: dir, Client: &http.Client{Timeout: time.Minute}, MaxBytes: MaxBytes}
}

// ErrTooLarge is a picture over the size limit: nothing is kept.
var ErrTooLarge = errors.New("the picture is larger than Hearth loads")

// key names a URL's cached file.
func key(u string) string {
	sum := sha256.Sum256([]byte(u))
	return hex.EncodeToString(sum[:16])
}

// Cached is the cached copy of the picture at u, "" when none.
func (f *Fetcher) Cached(u string) string {
	k := key(u)
	for _, ext := range types {
		p := filepath.Join(f.Dir, k+ext)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			return p
		}
	}
	return ""
}

// Fetch downloads the picture at u into the cache and returns its path;
// an answer that is no picture, or is over the limit, is refused and
// nothing is kept.
func (f *Fetcher) Fetch(ctx context.Context, u string) (string, error) {
	if p := f.Cached(u); p != "" {
		return p, nil
	}
	pu, err := url.Parse(u)
	if err != nil || (pu.Scheme != "https" && pu.Scheme != "http") || pu.Host == "" {
		return "", fmt.Errorf("picture %q: not a web address", u)
	}
	limit := f.MaxBytes
	if limit <= 0 {
		limit = MaxBytes
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return "", fmt.Errorf("picture: %w", err)
	}
	req.Header.Set("Accept", "image/jpeg, image/png, image/gif, image/webp")
	client := f.Client
	if client == nil {
		client = &http.Client{Timeout: time.Minute}
	}
	resp, err := client.Do(req)
	if err != nil {
		return "", fmt.Errorf("picture from %s: %w", pu.Host, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("picture from %s: %s", pu.Host, resp.Status)
	}
	if resp.ContentLength > limit {
		return "", fmt.Errorf("picture from %s (%d MB): %w", pu.Host, resp.ContentLength>>20, ErrTooLarge)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return "", fmt.Errorf("picture from %s: %w", pu.Host, err)
	}
	if int64(len(data)) > limit {
		return "", fmt.Errorf("picture from %s: %w", pu.Host, ErrTooLarge)
	}
	typ, _, _ := strings.Cut(http.DetectContentType(data), ";")
	ext, ok := types[typ]
	if !ok {
		return "", fmt.Errorf("picture from %s: the answer is no picture (%s)", pu.Host, typ)
	}
	return f.keep(key(u)+ext, data)
}

// keep writes a picture into the cache whole or not at all: a temporary
// file renamed into place.
func (f *Fetcher) keep(name string, data []byte) (string, error) {
	if err := os.MkdirAll(f.Dir, 0o700); err != nil {
		return "", fmt.Errorf("picture cache: %w", err)
	}
	tmp, err := os.CreateTemp(f.Dir, ".part-*")
	if err != nil {
		return "", fmt.Errorf("picture cache: %w", err)
	}
	defer os.Remove(tmp.Name()) // gone after the rename; left only on failure
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return "", fmt.Errorf("picture cache: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("picture cache: %w", err)
	}
	path := filepath.Join(f.Dir, name)
	if err := os.Rename(tmp.Name(), path); err != nil {
		return "", fmt.Errorf("picture cache: %w", err)
	}
	return path, nil
}
