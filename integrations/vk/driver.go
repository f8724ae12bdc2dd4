// Package vk is Hearth's VK community integration: wall posts, threaded
// comments and community messages into the inbox (polling plus the Bots
// Long Poll push), replies and moderation through the outbox, members as
// identities, and calendar posts. It talks to VK through vksdk; vendor
// types stay in this package.
package vk

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/SevereCloud/vksdk/v2/api"
	"golang.org/x/time/rate"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/engine"
)

// Defaults of Options.
const (
	defaultTimeout = 30 * time.Second
	// defaultRPS stays under VK's 20 requests a second per community token,
	// leaving room for the long-poll connection's calls.
	defaultRPS      = 15
	defaultLPWait   = 25
	defaultPageSize = 100
)

// SecretToken is the keyring name of the community access token.
const SecretToken = "token"

// Options tune the driver; the zero value is right for real use.
type Options struct {
	// Timeout bounds one API call; 0 means 30 s.
	Timeout time.Duration
	// Transport carries the requests; nil means a clone of
	// http.DefaultTransport.
	Transport http.RoundTripper
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// RPS is the client-side request rate per account; 0 means 15.
	RPS float64
	// LongPollWait is the wait asked of the long-poll server in seconds;
	// 0 means 25.
	LongPollWait int
	// PageSize is the posts asked per wall.get (1 to 100); 0 means 100.
	PageSize int
}

// Driver opens VK accounts. It keeps, per account, what the account's
// connections share: the rate limiter (one token, one budget) and the
// long-poll events waiting for the next sync pass.
type Driver struct {
	opt Options

	mu     sync.Mutex
	shared map[int64]*shared
}

// NewDriver returns the VK driver.
func NewDriver(opt Options) *Driver {
	if opt.Timeout == 0 {
		opt.Timeout = defaultTimeout
	}
	if opt.Transport == nil {
		opt.Transport = http.DefaultTransport.(*http.Transport).Clone()
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.RPS == 0 {
		opt.RPS = defaultRPS
	}
	if opt.LongPollWait == 0 {
		opt.LongPollWait = defaultLPWait
	}
	if opt.PageSize == 0 {
		opt.PageSize = defaultPageSize
	}
	return &Driver{opt: opt, shared: map[int64]*shared{}}
}

// Kind is core.KindVK.
func (d *Driver) Kind() core.AccountKind { return core.KindVK }

func (d *Driver) sharedFor(id int64) *shared {
	d.mu.Lock()
	defer d.mu.Unlock()
	sh := d.shared[id]
	if sh == nil {
		sh = &shared{limiter: rate.NewLimiter(rate.Limit(d.opt.RPS), max(1, int(d.opt.RPS)))}
		d.shared[id] = sh
	}
	return sh
}

// Open reads the settings and the token; no request is made until a
// method runs.
func (d *Driver) Open(ctx context.Context, acct core.Account, secrets engine.Secrets) (engine.Conn, error) {
	set, err := core.ParseVKSettings(acct.Settings)
	if err != nil {
		return nil, &core.RemoteError{Problem: core.ProblemConfig, Message: err.Error(), Err: err}
	}
	tok, err := secrets.Get(ctx, acct.ID, SecretToken)
	switch {
	case errors.Is(err, core.ErrNotFound) || (err == nil && tok == ""):
		return nil, &core.RemoteError{Problem: core.ProblemAuth, Err: err,
			Message: "the VK community token is missing", Action: "paste a new token in Accounts"}
	case err != nil:
		return nil, fmt.Errorf("vk: read the token: %w", err)
	}
	vk := api.NewVK(tok)
	vk.MethodURL = set.APIURL
	// Limit 0 turns off vksdk's own limiter and its silent immediate
	// retries of error 6: the limiter below and the engine's backoff
	// decide when to call again.
	vk.Limit = 0
	vk.Client = &http.Client{Transport: statusTransport{d.opt.Transport}, Timeout: d.opt.Timeout}
	lpClient := &http.Client{Transport: statusTransport{d.opt.Transport},
		Timeout: time.Duration(d.opt.LongPollWait)*time.Second + d.opt.Timeout}
	return &Conn{set: set, vk: vk, lp: lpClient, sh: d.sharedFor(acct.ID), opt: d.opt,
		owner: -int(set.GroupID)}, nil
}

// Conn is an open VK account.
type Conn struct {
	set   core.VKSettings
	vk    *api.VK
	lp    *http.Client
	sh    *shared
	opt   Options
	owner int // the community's owner_id: -GroupID

	mu   sync.Mutex
	name string // the community's name, once known
	// checked are the posts whose comments this connection read in full:
	// each is read once per connection (see syncWall).
	checked map[int]bool
}

// Close releases nothing: connections are pooled by the transport.
func (c *Conn) Close() error { return nil }

// Interval is the polling interval: the long-poll push makes passes on
// events, polling catches what it missed.
func (c *Conn) Interval() time.Duration {
	return time.Duration(c.set.PollSeconds) * time.Second
}

func (c *Conn) now() time.Time { return c.opt.Now() }

var (
	_ engine.Driver         = (*Driver)(nil)
	_ engine.Conn           = (*Conn)(nil)
	_ engine.Tester         = (*Conn)(nil)
	_ engine.Intervaler     = (*Conn)(nil)
	_ engine.Watcher        = (*Conn)(nil)
	_ engine.Replier        = (*Conn)(nil)
	_ engine.ReplyFinder    = (*Conn)(nil)
	_ engine.Moderator      = (*Conn)(nil)
	_ engine.Publisher      = (*Conn)(nil)
	_ engine.AudienceReader = (*Conn)(nil)
)
