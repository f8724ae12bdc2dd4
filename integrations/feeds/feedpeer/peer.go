// Package feedpeer is a loopback web server serving feeds for tests and the
// demo: RSS, Atom, JSON Feed, legacy encodings and web-alert shapes (see
// docs.go), with ETag and Last-Modified validators answered by 304, and
// faults on demand (an error status, an HTML page, a hang until the
// client gives up).
package feedpeer

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"
)

// Doc is what a path serves.
type Doc struct {
	ContentType string
	Body        []byte
	// NoETag and NoLastModified leave a validator out, like servers that
	// send only one of them (or none).
	NoETag, NoLastModified bool
}

// Fault is a failure a path answers with instead of its document.
type Fault struct {
	Status      int    // e.g. 500, 404, 429; 0 with Hang
	ContentType string // default text/html
	Body        string // e.g. an HTML error page
	RetryAfter  string // the Retry-After header, when set
	// Hang keeps the request open until the client gives up (a timeout)
	// or the server closes.
	Hang bool
}

// Hits counts what a path answered.
type Hits struct {
	Full        int // 200 with the document
	NotModified int // 304
	Failed      int // faults
}

// Options configure a server.
type Options struct {
	// Now dates the documents' Last-Modified; nil means time.Now.
	Now func() time.Time
}

// Server is the running peer.
type Server struct {
	srv     *http.Server
	ln      net.Listener
	now     func() time.Time
	closing chan struct{}

	mu     sync.Mutex
	docs   map[string]served
	faults map[string]Fault
	hits   map[string]Hits
}

type served struct {
	Doc
	etag     string
	modified time.Time
}

// Start listens on a loopback port.
func Start(opt Options) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("feedpeer: %w", err)
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	s := &Server{ln: ln, now: opt.Now, closing: make(chan struct{}),
		docs: map[string]served{}, faults: map[string]Fault{}, hits: map[string]Hits{}}
	s.srv = &http.Server{Handler: http.HandlerFunc(s.serve), ReadHeaderTimeout: 10 * time.Second}
	go s.srv.Serve(ln) //nolint:errcheck // ends with ErrServerClosed at Close
	return s, nil
}

// URL is the address of a path ("/forum.rss").
func (s *Server) URL(path string) string { return "http://" + s.ln.Addr().String() + path }

// Serve sets what a path serves. A changed body gets a new ETag and
// Last-Modified; the same body again keeps them, as real servers do.
func (s *Server) Serve(path string, d Doc) {
	sum := sha256.Sum256(d.Body)
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	s.mu.Lock()
	defer s.mu.Unlock()
	old, ok := s.docs[path]
	if ok && old.etag == etag {
		old.Doc = d
		s.docs[path] = old
		return
	}
	// Last-Modified has a resolution of one second: a change within the
	// same second as the last one is dated a second later, or a client
	// holding the old date would be told nothing changed.
	mod := s.now().UTC().Truncate(time.Second)
	if ok && !mod.After(old.modified) {
		mod = old.modified.Add(time.Second)
	}
	s.docs[path] = served{Doc: d, etag: etag, modified: mod}
}

// Fail makes a path answer with a fault until Heal.
func (s *Server) Fail(path string, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[path] = f
}

// Heal removes a path's fault.
func (s *Server) Heal(path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.faults, path)
}

// Hits returns what a path answered so far.
func (s *Server) Hits(path string) Hits {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// Close stops the server, releasing hanging requests.
func (s *Server) Close() error {
	close(s.closing)
	return s.srv.Close()
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	f, failing := s.faults[r.URL.Path]
	d, ok := s.docs[r.URL.Path]
	h := s.hits[r.URL.Path]
	switch {
	case failing:
		h.Failed++
	case ok && notModified(r, d):
		h.NotModified++
	case ok:
		h.Full++
	}
	s.hits[r.URL.Path] = h
	s.mu.Unlock()
	switch {
	case failing:
		s.fail(w, r, f)
	case !ok:
		http.NotFound(w, r)
	case notModified(r, d):
		w.WriteHeader(http.StatusNotModified)
	default:
		if !d.NoETag {
			w.Header().Set("ETag", d.etag)
		}
		if !d.NoLastModified {
			w.Header().Set("Last-Modified", d.modified.Format(http.TimeFormat))
		}
		w.Header().Set("Content-Type", d.ContentType)
		w.Write(d.Body) //nolint:errcheck // the client may have gone
	}
}

// notModified applies the validators the client holds: If-None-Match
// first, If-Modified-Since only without it (RFC 9110, 13.1.3).
func notModified(r *http.Request, d served) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		return !d.NoETag && inm == d.etag
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" && !d.NoLastModified {
		t, err := http.ParseTime(ims)
		return err == nil && !d.modified.After(t)
	}
	return false
}

func (s *Server) fail(w http.ResponseWriter, r *http.Request, f Fault) {
	if f.Hang {
		select {
		case <-r.Context().Done():
		case <-s.closing:
		}
		return
	}
	ct := f.ContentType
	if ct == "" {
		ct = "text/html; charset=utf-8"
	}
	w.Header().Set("Content-Type", ct)
	if f.RetryAfter != "" {
		w.Header().Set("Retry-After", f.RetryAfter)
	}
	w.WriteHeader(f.Status)
	w.Write([]byte(f.Body)) //nolint:errcheck // the client may have gone
}
