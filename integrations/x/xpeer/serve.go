package xpeer

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Routes, as given to Fault.Route and SetRateLimit.
const (
	RouteMe          = "GET /2/users/me"
	RouteMentions    = "GET /2/users/{id}/mentions"
	RouteUserTweets  = "GET /2/users/{id}/tweets"
	RouteCreate      = "POST /2/tweets"
	RouteHide        = "PUT /2/tweets/{id}/hidden"
	RouteLookup      = "GET /2/tweets"
	RouteVerify11    = "GET /1.1/account/verify_credentials.json"
	RouteMentions11  = "GET /1.1/statuses/mentions_timeline.json"
	RouteUserTL11    = "GET /1.1/statuses/user_timeline.json"
	RouteUpdate11    = "POST /1.1/statuses/update.json"
	RouteLookup11    = "GET /1.1/statuses/lookup.json"
	rateLimitWindow  = 15 * time.Minute
	maxBodyBytes     = 1 << 20
	defaultPageV2    = 10
	defaultPageV11   = 20
	maxPageV2        = 100
	maxPageV11       = 200
	twitterTimestamp = "Mon Jan 02 15:04:05 -0700 2006"
)

// Fault makes the peer misbehave on matching requests.
type Fault struct {
	Route  string        // a Route constant; empty matches every request
	Status int           // HTTP status to answer; 0 with Delay only slows down
	Code   int           // v1.1 error code in the body (88, 89, 453...)
	Tier   bool          // a 403 saying the plan lacks the endpoint
	Reset  time.Time     // x-rate-limit-reset sent with the answer
	Delay  time.Duration // answer this late
	HTML   bool          // answer an HTML page, as a proxy in front would
	Times  int           // requests it hits; 0 means until cleared
	hits   int
}

// Inject adds a fault; the first matching one applies.
func (s *Server) Inject(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &f)
}

// ClearFaults removes every fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// SetRateLimit sets what remains of a route's window and when it resets.
func (s *Server) SetRateLimit(route string, remaining int, reset time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buckets[route] = &bucket{limit: s.opt.Limit, remaining: remaining, reset: reset}
}

type bucket struct {
	limit, remaining int
	reset            time.Time
}

// take spends one request of the route's window; false when none is left.
func (s *Server) take(route string) (*bucket, bool) {
	now := s.opt.Now()
	b := s.buckets[route]
	if b == nil || !now.Before(b.reset) {
		b = &bucket{limit: s.opt.Limit, remaining: s.opt.Limit, reset: now.Add(rateLimitWindow)}
		s.buckets[route] = b
	}
	if b.remaining <= 0 {
		return b, false
	}
	b.remaining--
	return b, true
}

func (s *Server) routes() {
	s.mux.HandleFunc(RouteMe, s.v2Me)
	s.mux.HandleFunc(RouteMentions, s.v2Mentions)
	s.mux.HandleFunc(RouteUserTweets, s.v2UserTweets)
	s.mux.HandleFunc(RouteCreate, s.v2Create)
	s.mux.HandleFunc(RouteHide, s.v2Hide)
	s.mux.HandleFunc(RouteLookup, s.v2Lookup)
	s.mux.HandleFunc(RouteLookup11, s.v11Lookup)
	s.mux.HandleFunc(RouteVerify11, s.v11Verify)
	s.mux.HandleFunc(RouteMentions11, s.v11Mentions)
	s.mux.HandleFunc(RouteUserTL11, s.v11UserTimeline)
	s.mux.HandleFunc(RouteUpdate11, s.v11Update)
	s.mediaRoutes()
	s.dmRoutes()
}

// ServeHTTP records the request, then applies faults, keys and rate limits
// before the endpoint answers.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, photoPrefix) {
		s.servePhoto(w, r) // X's picture host asks for no keys
		return
	}
	_, route := s.mux.Handler(r)
	s.mu.Lock()
	s.requests = append(s.requests, r.Method+" "+r.URL.RequestURI())
	var fault *Fault
	if f := s.faultLocked(route); f != nil {
		c := *f // copied under the lock: concurrent requests count hits on f
		fault = &c
	}
	s.mu.Unlock()
	if fault != nil && s.applyFault(w, r, route, *fault) {
		return
	}
	if !s.authorized(r) {
		s.authError(w, route)
		return
	}
	s.mu.Lock()
	b, ok := s.take(route)
	lim := *b
	s.mu.Unlock()
	setRateHeaders(w, lim)
	if !ok {
		s.apiError(w, route, http.StatusTooManyRequests, 88, "Too Many Requests", "Rate limit exceeded")
		return
	}
	s.mux.ServeHTTP(w, r)
}

func (s *Server) faultLocked(route string) *Fault {
	for i, f := range s.faults {
		if f.Route != "" && f.Route != route {
			continue
		}
		f.hits++
		if f.Times > 0 && f.hits >= f.Times {
			s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
		}
		return f
	}
	return nil
}

// applyFault answers a faulty request; false when it only slowed it down.
func (s *Server) applyFault(w http.ResponseWriter, r *http.Request, route string, f Fault) bool {
	if f.Delay > 0 {
		select {
		case <-time.After(f.Delay):
		case <-r.Context().Done():
			return true
		}
	}
	if f.Status == 0 {
		return false
	}
	if !f.Reset.IsZero() {
		setRateHeaders(w, bucket{limit: s.opt.Limit, remaining: 0, reset: f.Reset})
	}
	switch {
	case f.HTML:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(f.Status)
		fmt.Fprintf(w, "<html><body><h1>%d %s</h1></body></html>\n", f.Status, http.StatusText(f.Status))
	case f.Tier:
		s.tierError(w, route)
	default:
		s.apiError(w, route, f.Status, f.Code, http.StatusText(f.Status), http.StatusText(f.Status))
	}
	return true
}

var oauthParam = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(oauth_consumer_key|oauth_token)="([^"]*)"`) })

// authorized checks the consumer key and access token of the OAuth 1.0a
// header. Signatures are not checked: the peer is not a security boundary.
func (s *Server) authorized(r *http.Request) bool {
	h := r.Header.Get("Authorization")
	if !strings.HasPrefix(h, "OAuth ") {
		return false
	}
	got := map[string]string{}
	for _, m := range oauthParam().FindAllStringSubmatch(h, -1) {
		v, err := url.QueryUnescape(m[2])
		if err != nil {
			return false
		}
		got[m[1]] = v
	}
	return got["oauth_consumer_key"] == s.opt.Keys.ConsumerKey && got["oauth_token"] == s.opt.Keys.AccessToken
}

func isV11(route string) bool { return strings.Contains(route, " /1.1/") }

func (s *Server) authError(w http.ResponseWriter, route string) {
	s.apiError(w, route, http.StatusUnauthorized, 89, "Unauthorized", "Invalid or expired token.")
}

// apiError writes X's error body: v2 problem JSON or v1.1 error list.
func (s *Server) apiError(w http.ResponseWriter, route string, status, code int, title, detail string) {
	if isV11(route) {
		if code == 0 {
			code = 131 // internal error
		}
		writeJSON(w, status, map[string]any{"errors": []map[string]any{{"code": code, "message": detail}}})
		return
	}
	writeJSON(w, status, map[string]any{"title": title, "detail": detail, "type": "about:blank", "status": status})
}

// tierError is X's answer to a plan without the endpoint.
func (s *Server) tierError(w http.ResponseWriter, route string) {
	if isV11(route) {
		writeJSON(w, http.StatusForbidden, map[string]any{"errors": []map[string]any{{"code": 453,
			"message": "You currently have access to a subset of X API V2 endpoints and limited v1.1 endpoints (e.g. media post, oauth) only. If you need access to this endpoint, you may need a different access level."}}})
		return
	}
	writeJSON(w, http.StatusForbidden, map[string]any{
		"client_id":           "28741947",
		"detail":              "When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project. You can create a project via the developer portal.",
		"registration_url":    "https://developer.twitter.com/en/docs/projects/overview",
		"title":               "Client Forbidden",
		"required_enrollment": "Appropriate Level of API Access",
		"reason":              "client-not-enrolled",
		"type":                "https://api.twitter.com/2/problems/client-forbidden",
	})
}

func setRateHeaders(w http.ResponseWriter, b bucket) {
	w.Header().Set("x-rate-limit-limit", strconv.Itoa(b.limit))
	w.Header().Set("x-rate-limit-remaining", strconv.Itoa(max(b.remaining, 0)))
	w.Header().Set("x-rate-limit-reset", strconv.FormatInt(b.reset.Unix(), 10))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// pageSize reads max_results or count within the endpoint's bounds.
func pageSize(q url.Values, name string, def, most int) int {
	n, err := strconv.Atoi(q.Get(name))
	if err != nil || n <= 0 {
		return def
	}
	return min(n, most)
}
