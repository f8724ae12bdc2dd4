// Package xpeer is a loopback X (Twitter) API server for tests and the demo.
// It is stateful (users, tweets, hidden replies, rate-limit buckets) and
// answers the documented JSON of API v2 and v1.1 for the endpoints Hearth
// uses, with faults injected on demand.
package xpeer

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Keys are the OAuth 1.0a user-context keys the peer accepts.
type Keys struct {
	ConsumerKey, ConsumerSecret, AccessToken, AccessSecret string
}

// User is an X account known to the peer.
type User struct {
	ID          string
	Name        string
	Username    string
	Followers   int
	Following   int
	TweetCount  int
	Verified    bool
	Location    string
	Description string
	PhotoURL    string
	CreatedAt   time.Time
}

// Tweet is a post known to the peer.
type Tweet struct {
	ID             string
	Text           string
	AuthorID       string
	ConversationID string
	InReplyTo      string // id of the tweet it answers
	QuoteOf        string
	CreatedAt      time.Time
	Lang           string
	Likes          int
	Retweets       int
	Replies        int
	Quotes         int
	Hidden         bool
	MediaIDs       []string // pictures attached by the post
	// Photos are the media keys of pictures a user posted (AddPhoto),
	// listed in includes.media when expanded.
	Photos []string
}

// Options configure a peer. Me is the account the keys belong to.
type Options struct {
	Keys Keys
	Me   User
	// Now is the peer's clock; nil means time.Now.
	Now func() time.Time
	// Limit is the size of each endpoint's rate-limit window; 0 means 75.
	Limit int
}

// Server is a running peer.
type Server struct {
	opt  Options
	srv  *http.Server
	ln   net.Listener
	mux  *http.ServeMux
	url  string
	done chan struct{}

	mu       sync.Mutex
	users    map[string]User
	tweets   []Tweet // ascending by id
	nextID   int64
	faults   []*Fault
	buckets  map[string]*bucket
	requests []string

	media     map[string]*Media
	nextMedia int64
	uploaded  int
	photos    map[string]*photo // pictures users posted (photos.go)
	photoGets int
	appended  int
	// failProcessing is why the next video's processing fails ("": it
	// does not).
	failProcessing string

	dm dmState // direct messages (dm.go)
}

// Start listens on a loopback port and serves until Close.
func Start(opt Options) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("xpeer: listen: %w", err)
	}
	s := New(opt)
	s.ln = ln
	s.url = "http://" + ln.Addr().String() + "/"
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	s.done = make(chan struct{})
	go func() {
		defer close(s.done)
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			// Nothing to report to: a test sees its requests fail.
			_ = err
		}
	}()
	return s, nil
}

// New builds a peer without listening, for use as an http.Handler
// (httptest.NewServer).
func New(opt Options) *Server {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Limit == 0 {
		opt.Limit = 75
	}
	if opt.Me.CreatedAt.IsZero() {
		opt.Me.CreatedAt = opt.Now().AddDate(-3, 0, 0)
	}
	s := &Server{opt: opt, users: map[string]User{}, buckets: map[string]*bucket{},
		nextID: 1861000000000000000, media: map[string]*Media{}, nextMedia: 1870000000000000000}
	s.users[opt.Me.ID] = opt.Me
	s.mux = http.NewServeMux()
	s.routes()
	return s
}

// URL is the API root to put in the account settings.
func (s *Server) URL() string { return s.url }

// Close stops a started peer.
func (s *Server) Close() error {
	if s.srv == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	<-s.done
	return err
}

// AddUser makes a user known (an author of mentions).
func (s *Server) AddUser(u User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u.CreatedAt.IsZero() {
		u.CreatedAt = s.opt.Now().AddDate(-2, 0, 0)
	}
	s.users[u.ID] = u
}

// AddTweet stores a tweet and returns its id (assigned when empty). Its
// conversation defaults to that of the tweet it answers.
func (s *Server) AddTweet(t Tweet) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addLocked(t)
}

func (s *Server) addLocked(t Tweet) string {
	if t.ID == "" {
		s.nextID++
		t.ID = strconv.FormatInt(s.nextID, 10)
	} else if n, err := strconv.ParseInt(t.ID, 10, 64); err == nil && n > s.nextID {
		s.nextID = n
	}
	if t.CreatedAt.IsZero() {
		t.CreatedAt = s.opt.Now()
	}
	t.CreatedAt = t.CreatedAt.UTC().Truncate(time.Second)
	if t.ConversationID == "" {
		t.ConversationID = t.ID
		if p, ok := s.findLocked(t.InReplyTo); ok {
			t.ConversationID = p.ConversationID
		}
	}
	if t.Lang == "" {
		t.Lang = "en"
	}
	i, _ := slices.BinarySearchFunc(s.tweets, t.ID, func(a Tweet, id string) int { return cmpID(a.ID, id) })
	s.tweets = slices.Insert(s.tweets, i, t)
	return t.ID
}

// DeleteTweet deletes a post, as its author would; X tells no one.
func (s *Server) DeleteTweet(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tweets = slices.DeleteFunc(s.tweets, func(t Tweet) bool { return t.ID == id })
}

// Tweet returns a stored tweet.
func (s *Server) Tweet(id string) (Tweet, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.findLocked(id)
}

// Tweets returns every stored tweet, oldest first.
func (s *Server) Tweets() []Tweet {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.tweets)
}

// ByAuthor returns the tweets of one author, oldest first.
func (s *Server) ByAuthor(userID string) []Tweet {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Tweet
	for _, t := range s.tweets {
		if t.AuthorID == userID {
			out = append(out, t)
		}
	}
	return out
}

// Requests lists the requests served, as "METHOD /path?query".
func (s *Server) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

func (s *Server) findLocked(id string) (Tweet, bool) {
	if id == "" {
		return Tweet{}, false
	}
	i, ok := slices.BinarySearchFunc(s.tweets, id, func(a Tweet, id string) int { return cmpID(a.ID, id) })
	if !ok {
		return Tweet{}, false
	}
	return s.tweets[i], true
}

// mentionsMe reports whether a tweet names the peer's account.
func (s *Server) mentionsMe(t Tweet) bool {
	if t.AuthorID == s.opt.Me.ID {
		return false
	}
	return mentionRe().MatchString(t.Text) && slices.ContainsFunc(mentionRe().FindAllStringSubmatch(t.Text, -1),
		func(m []string) bool { return strings.EqualFold(m[1], s.opt.Me.Username) })
}

var mentionRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`@([A-Za-z0-9_]{1,20})`) })

// cmpID orders numeric ids as numbers.
func cmpID(a, b string) int {
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	return strings.Compare(a, b)
}

// SetFollowers changes the follower count of the account the keys belong
// to, as people follow and leave it.
func (s *Server) SetFollowers(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.opt.Me.Followers = n
	s.users[s.opt.Me.ID] = s.opt.Me
}
