// Package x is Hearth's X (Twitter) integration: mentions into the inbox,
// replies through the outbox, hidden replies and calendar posts. It speaks
// API v2 (gotwi) by default and v1.1 (go-twitter) per account; vendor types
// stay in v2.go and v11.go.
package x

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/engine"
)

// defaultTimeout bounds one API call.
const defaultTimeout = 30 * time.Second

// errHideV11 fails a hide for good: retrying cannot help.
var errHideV11 = &core.RemoteError{Problem: core.ProblemConfig, Err: core.ErrUnsupported,
	Message: "X API v1.1 cannot hide replies", Action: "switch the account to API v2 in Accounts"}

// Options tune the driver; the zero value is right for real use.
type Options struct {
	// Timeout bounds one API call; 0 means 30 s.
	Timeout time.Duration
	// Transport carries the requests; nil means a clone of
	// http.DefaultTransport.
	Transport http.RoundTripper
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// PageSize is the number of mentions asked per request (5 to 100);
	// 0 means 100. Tests page with fewer.
	PageSize int
}

// Driver opens X accounts.
type Driver struct {
	opt Options
}

// NewDriver returns the X driver.
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
	if opt.PageSize == 0 {
		opt.PageSize = defaultPageSize
	}
	return &Driver{opt: opt}
}

// Kind is core.KindX.
func (d *Driver) Kind() core.AccountKind { return core.KindX }

// SecretNames are the keyring names of an X account's keys, in the order
// `account add x` reads them.
var SecretNames = []string{"consumer_key", "consumer_secret", "access_token", "access_secret"}

func readKeys(ctx context.Context, id int64, s engine.Secrets) (core.XKeys, error) {
	var v [4]string
	for i, name := range SecretNames {
		val, err := s.Get(ctx, id, name)
		if err != nil {
			if errors.Is(err, core.ErrNotFound) {
				return core.XKeys{}, &core.RemoteError{Problem: core.ProblemAuth, Err: err,
					Message: "the X keys are missing", Action: "re-enter them in Accounts"}
			}
			return core.XKeys{}, fmt.Errorf("x: read %s: %w", name, err)
		}
		v[i] = val
	}
	k := core.XKeys{ConsumerKey: v[0], ConsumerSecret: v[1], AccessToken: v[2], AccessSecret: v[3]}
	if m := k.Missing(); m != "" {
		return k, core.RemoteWords(core.ProblemAuth, core.Say("the X keys lack {{.Key}}", "Key", m), "re-enter them in Accounts", nil)
	}
	return k, nil
}

// Open reads the settings and keys; no request is made until a method runs.
func (d *Driver) Open(ctx context.Context, acct core.Account, secrets engine.Secrets) (engine.Conn, error) {
	set, err := core.ParseXSettings(acct.Settings)
	if err != nil {
		return nil, &core.RemoteError{Problem: core.ProblemConfig, Message: err.Error(), Err: err}
	}
	k, err := readKeys(ctx, acct.ID, secrets)
	if err != nil {
		return nil, err
	}
	tr, err := newTransport(set.APIURL, d.opt.Transport, d.opt.Now)
	if err != nil {
		return nil, err
	}
	c := &Conn{set: set, tr: tr, now: d.opt.Now, pageSize: d.opt.PageSize,
		userID: set.UserID, handle: set.Handle, sent: map[string]string{}, media: newUploader(k, tr, d.opt.Timeout)}
	if set.APIVersion == core.XAPIv11 {
		c.api = newV11(k, tr, d.opt.Timeout)
	} else if c.api, err = newV2(k, &http.Client{Transport: tr, Timeout: d.opt.Timeout}); err != nil {
		return nil, &core.RemoteError{Problem: core.ProblemAuth, Err: err,
			Message: "the X keys are incomplete", Action: "re-enter them in Accounts"}
	}
	return c, nil
}

// Conn is an open X account.
type Conn struct {
	set   core.XSettings
	api   backend
	tr    *transport
	media *uploader // pictures, through the v1.1 media endpoints
	now   func() time.Time
	// pageSize is the mentions asked per request.
	pageSize int

	mu sync.Mutex
	// checked is set once this connection looked up the recent mentions
	// (see checkDeleted).
	checked bool
	userID  string
	handle  string
	// sent maps the idempotency key of a reply made by this connection to
	// its text, so Delivered can match it exactly.
	sent map[string]string
}

// Close releases nothing: connections are pooled by the transport.
func (c *Conn) Close() error { return nil }

// Test checks the keys by asking who they belong to.
func (c *Conn) Test(ctx context.Context) error {
	_, err := c.whoAmI(ctx)
	return err
}

// whoAmI returns the account's user id, asking X once when the settings
// do not say.
func (c *Conn) whoAmI(ctx context.Context) (string, error) {
	c.mu.Lock()
	id := c.userID
	c.mu.Unlock()
	if id != "" {
		return id, nil
	}
	u, err := c.api.me(ctx)
	if err != nil {
		return "", classify(ctx, "who am I", err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.userID = u.ID
	if c.handle == "" {
		c.handle = u.Handle
	}
	return u.ID, nil
}

// Interval is the polling interval, stretched to the rate-limit reset when
// the last mentions call used up the window.
func (c *Conn) Interval() time.Duration {
	poll := time.Duration(c.set.PollSeconds) * time.Second
	now := c.now()
	if rl := c.mentionsLimit(); rl.exhausted(now) {
		return max(poll, rl.Reset.Sub(now)+time.Second)
	}
	return poll
}

func (c *Conn) mentionsLimit() rateLimit {
	if c.set.APIVersion == core.XAPIv11 {
		return c.tr.limit(http.MethodGet, "/1.1/statuses/mentions_timeline.json")
	}
	return c.tr.limit(http.MethodGet, "/2/users/1/mentions")
}

var (
	_ engine.Driver         = (*Driver)(nil)
	_ engine.Conn           = (*Conn)(nil)
	_ engine.Tester         = (*Conn)(nil)
	_ engine.Intervaler     = (*Conn)(nil)
	_ engine.Replier        = (*Conn)(nil)
	_ engine.Moderator      = (*Conn)(nil)
	_ engine.Publisher      = (*Conn)(nil)
	_ engine.AudienceReader = (*Conn)(nil)
)
