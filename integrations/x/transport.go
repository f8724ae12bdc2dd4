package x

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// rateLimit is what X said of an endpoint's window in its headers.
type rateLimit struct {
	Limit, Remaining int
	Reset            time.Time
}

// exhausted reports a window with nothing left that resets after now.
func (r rateLimit) exhausted(now time.Time) bool {
	return r.Limit > 0 && r.Remaining == 0 && r.Reset.After(now)
}

// transport redirects the client libraries, which hard-code X's host, to
// the account's API root; reads the rate-limit headers of every answer;
// and turns every non-2xx answer into a *core.RemoteError before the
// libraries see it, so none of their error paths (which print to stdout)
// ever runs.
type transport struct {
	base *url.URL // nil: leave the request's host alone
	next http.RoundTripper
	now  func() time.Time

	mu     sync.Mutex
	limits map[string]rateLimit // by endpoint path pattern
}

func newTransport(apiURL string, next http.RoundTripper, now func() time.Time) (*transport, error) {
	u, err := url.Parse(apiURL)
	if err != nil {
		return nil, fmt.Errorf("x: API URL %q: %w", apiURL, err)
	}
	t := &transport{next: next, now: now, limits: map[string]rateLimit{}}
	// X's own hosts are left as the libraries wrote them: a request signed
	// for one host and sent to another would be refused.
	if h := u.Hostname(); h != "api.x.com" && h != "api.twitter.com" {
		t.base = u
	}
	return t, nil
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	out := req
	if t.base != nil {
		out = req.Clone(req.Context())
		out.URL.Scheme, out.URL.Host, out.Host = t.base.Scheme, t.base.Host, ""
		out.URL.Path = strings.TrimSuffix(t.base.Path, "/") + req.URL.Path
		out.URL.RawPath = ""
	}
	resp, err := t.next.RoundTrip(out)
	if err != nil {
		return nil, err
	}
	rl, ok := readRateLimit(resp.Header)
	if ok {
		t.mu.Lock()
		t.limits[endpointKey(req.Method, req.URL.Path)] = rl
		t.mu.Unlock()
	}
	if resp.StatusCode/100 == 2 {
		return resp, nil
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	return nil, statusError(req.Method, req.URL.Path, resp.StatusCode, rl, body, t.now())
}

// limit returns the last known window of an endpoint.
func (t *transport) limit(method, path string) rateLimit {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.limits[endpointKey(method, path)]
}

// endpointKey names an endpoint without its ids: rate limits are per
// endpoint, not per user or tweet.
func endpointKey(method, path string) string {
	parts := strings.Split(path, "/")
	for i, p := range parts {
		if p != "" && strings.Trim(p, "0123456789") == "" {
			parts[i] = ":id"
		}
	}
	return method + " " + strings.Join(parts, "/")
}

func readRateLimit(h http.Header) (rateLimit, bool) {
	limit, err1 := strconv.Atoi(h.Get("x-rate-limit-limit"))
	rem, err2 := strconv.Atoi(h.Get("x-rate-limit-remaining"))
	reset, err3 := strconv.ParseInt(h.Get("x-rate-limit-reset"), 10, 64)
	if err1 != nil || err2 != nil || err3 != nil {
		return rateLimit{}, false
	}
	return rateLimit{Limit: limit, Remaining: rem, Reset: time.Unix(reset, 0)}, true
}
