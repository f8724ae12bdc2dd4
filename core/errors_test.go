package core

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"syscall"
	"testing"
	"time"
)

// remote is how an integration wraps a classified failure.
func remote(p Problem, err error) error {
	return fmt.Errorf("vk: wall.createComment: %w", &RemoteError{Problem: p, Message: string(p), Err: err})
}

func TestMaybeDone(t *testing.T) {
	refused := &url.Error{Op: "Post", URL: "https://api.example", Err: &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}}
	noHost := &url.Error{Op: "Post", URL: "https://api.example", Err: &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "api.example"}}}
	dialTimeout := &url.Error{Op: "Post", URL: "https://api.example", Err: &net.OpError{Op: "dial", Net: "tcp", Err: os.ErrDeadlineExceeded}}
	readTimeout := &url.Error{Op: "Post", URL: "https://api.example", Err: &net.OpError{Op: "read", Net: "tcp", Err: os.ErrDeadlineExceeded}}
	reset := &url.Error{Op: "Post", URL: "https://api.example", Err: &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}}
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"no error", nil, false},
		{"connection refused", refused, false},
		{"connection refused, classified", remote(ProblemNetwork, refused), false},
		{"host unknown", remote(ProblemNetwork, noHost), false},
		{"timeout while connecting", remote(ProblemNetwork, dialTimeout), false},
		{"timeout after the request was sent", readTimeout, true},
		{"timeout after the request was sent, classified", remote(ProblemNetwork, readTimeout), true},
		{"client deadline", fmt.Errorf("x: reply: %w", context.DeadlineExceeded), true},
		{"reset after the request was sent", remote(ProblemNetwork, reset), true},
		{"connection closed before the answer", remote(ProblemNetwork, io.ErrUnexpectedEOF), true},
		{"5xx", remote(ProblemServer, errors.New("POST /2/tweets: HTTP 503")), true},
		{"HTML error page", remote(ProblemServer, errors.New("invalid content type text/html")), true},
		{"caller's cancellation", fmt.Errorf("vk: wall.createComment: %w", context.Canceled), true},
		{"unclassified error", errors.New("something odd"), true},
		{"rate limit", remote(ProblemRateLimit, errors.New("HTTP 429")), false},
		{"auth refused", remote(ProblemAuth, errors.New("HTTP 401")), false},
		{"right missing", remote(ProblemDenied, errors.New("HTTP 403")), false},
		{"not found", remote(ProblemConfig, ErrNotFound), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MaybeDone(tt.err); got != tt.want {
				t.Errorf("MaybeDone(%v) = %v, want %v", tt.err, got, tt.want)
			}
			marked := MarkUnknown(tt.err)
			if errors.Is(marked, ErrUnknownOutcome) != tt.want || !errors.Is(marked, tt.err) {
				t.Errorf("MarkUnknown(%v) = %v, want unknown %v and the cause kept", tt.err, marked, tt.want)
			}
		})
	}
}

// TestMaybeDoneOnRealFailures: the errors net/http really returns, so the
// table's hand-built ones stay true to them.
func TestMaybeDoneOnRealFailures(t *testing.T) {
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refusedURL := "http://" + closed.Addr().String()
	closed.Close()
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // answers only once the client gave up
	}))
	defer slow.Close()
	hangUp := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body) // the request arrived whole, then the line drops
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	}))
	defer hangUp.Close()
	tests := []struct {
		name string
		url  string
		want bool
	}{
		{"connection refused", refusedURL, false},
		{"no answer in time", slow.URL, true},
		{"hang-up after the request", hangUp.URL, true},
	}
	client := &http.Client{Timeout: 200 * time.Millisecond}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := client.Post(tt.url, "text/plain", nil)
			if err == nil {
				resp.Body.Close()
				t.Fatal("the request succeeded")
			}
			if got := MaybeDone(err); got != tt.want {
				t.Errorf("MaybeDone(%v) = %v, want %v", err, got, tt.want)
			}
		})
	}
}

func TestIsNetwork(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"dial refused", &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}, true},
		{"read reset", fmt.Errorf("get: %w", &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}), true},
		{"no such host", &net.DNSError{Err: "no such host", Name: "api.vk.invalid"}, true},
		{"closed", fmt.Errorf("post: %w", net.ErrClosed), true},
		{"EOF mid-answer", fmt.Errorf("decode: %w", io.ErrUnexpectedEOF), true},
		{"EOF in a message only", errors.New(`Post "https://api.x.com/2/tweets": EOF`), true},
		{"reset in a message only", errors.New("read tcp 127.0.0.1:5->127.0.0.1:6: connection reset by peer"), true},
		{"an API refusal", &RemoteError{Problem: ProblemAuth, Message: "token revoked"}, false},
		{"bad JSON", errors.New("invalid character '<' looking for beginning of value"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsNetwork(tt.err); got != tt.want {
				t.Errorf("IsNetwork(%v) = %v, want %v", tt.err, got, tt.want)
			}
		})
	}
}
