// Package feeds is Hearth's feed watch integration: RSS 0.9x/2.0, Atom and
// JSON Feed documents polled with conditional GET and read by gofeed into
// inbox items of kind feed_item. gofeed's types stay in parse.go and
// entries.go.
package feeds

import (
	"context"
	"net/http"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/engine"
)

// Defaults of Options.
const (
	defaultTimeout  = 30 * time.Second
	defaultMaxBytes = 16 << 20
	userAgent       = "Hearth/1 (feed reader)"
)

// Options tune the driver; the zero value is right for real use.
type Options struct {
	// Timeout bounds one fetch; 0 means 30 s.
	Timeout time.Duration
	// Transport carries the requests; nil means a clone of
	// http.DefaultTransport.
	Transport http.RoundTripper
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// MaxBytes caps a feed document; 0 means 16 MiB.
	MaxBytes int64
	// Match decides whether an entry (its title, summary and full content
	// as the item's text) mentions a watch's keywords; nil means the query
	// language's word-form matcher.
	Match func(it core.Item, keywords []string) bool
}

// Driver opens feed watches.
type Driver struct {
	opt    Options
	client *http.Client
}

// NewDriver returns the feed driver.
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
	if opt.MaxBytes == 0 {
		opt.MaxBytes = defaultMaxBytes
	}
	if opt.Match == nil {
		opt.Match = matchKeywords
	}
	return &Driver{opt: opt, client: &http.Client{Transport: opt.Transport, Timeout: opt.Timeout}}
}

// Kind is core.KindFeed.
func (d *Driver) Kind() core.AccountKind { return core.KindFeed }

// Open reads the settings; nothing is fetched until Sync or Test. A feed
// has no secret.
func (d *Driver) Open(_ context.Context, acct core.Account, _ engine.Secrets) (engine.Conn, error) {
	set, err := core.ParseFeedSettings(acct.Settings)
	if err != nil {
		return nil, &core.RemoteError{Problem: core.ProblemConfig, Message: err.Error(), Err: err}
	}
	return &Conn{set: set, d: d}, nil
}

// Conn is an open feed watch.
type Conn struct {
	set core.FeedSettings
	d   *Driver
}

// Close releases nothing: connections are pooled by the transport.
func (c *Conn) Close() error { return nil }

// Interval is the watch's polling interval.
func (c *Conn) Interval() time.Duration { return time.Duration(c.set.PollSeconds) * time.Second }

// Test fetches and reads the feed once, writing nothing.
func (c *Conn) Test(ctx context.Context) error {
	_, err := c.Probe(ctx)
	return err
}

// Probe fetches and reads the feed once, writing nothing, and returns its
// title (a name for a watch added without one).
func (c *Conn) Probe(ctx context.Context) (string, error) {
	f, err := c.fetch(ctx, cursor{})
	if err != nil {
		return "", err
	}
	doc, err := parse(f.body, f.contentType)
	if err != nil {
		return "", c.unreadable(err, f)
	}
	return cleanLine(doc.Title), nil
}

var (
	_ engine.Driver     = (*Driver)(nil)
	_ engine.Conn       = (*Conn)(nil)
	_ engine.Tester     = (*Conn)(nil)
	_ engine.Intervaler = (*Conn)(nil)
)

// Probe fetches and reads a feed that is not saved yet and returns its
// title: the connection test of `watch add`, which names a watch after it.
func (d *Driver) Probe(ctx context.Context, set core.FeedSettings) (string, error) {
	set = set.Normalized()
	if err := set.Validate(); err != nil {
		return "", err
	}
	return (&Conn{set: set, d: d}).Probe(ctx)
}
