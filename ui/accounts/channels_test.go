package accounts

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"

	"github.com/hearthhq/hearth/core"
	coreaccounts "github.com/hearthhq/hearth/core/accounts"
	"github.com/hearthhq/hearth/core/engine"
)

// channels stands in for the integrations (imap, vk, x, feeds), which neither ui
// nor core may import: one engine.Driver per kind whose connections
// answer the connection test as the test arms it, note what each test was
// given and count the sync passes. It stubs the channel, not the use case:
// core/accounts validates, stores, keeps the secrets and tells the engine
// for real around it.
type channels struct {
	mu     sync.Mutex
	fails  map[core.AccountKind]error // the answer of a kind's tests
	tests  []channelTest              // connection tests, in order
	passes map[int64]int              // sync passes by account id
}

// channelTest is one connection test as the channel saw it.
type channelTest struct {
	acct    core.Account      // unsaved: its kind and settings
	secrets map[string]string // what it logged in with
}

// drivers are the engine's drivers, one per kind.
func (c *channels) drivers() []engine.Driver {
	return []engine.Driver{stubDriver{core.KindIMAP, c}, stubDriver{core.KindVK, c}, stubDriver{core.KindX, c},
		stubDriver{core.KindFeed, c}}
}

// failTests makes the connection tests of a kind fail with err (nil: pass).
func (c *channels) failTests(kind core.AccountKind, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fails == nil {
		c.fails = map[core.AccountKind]error{}
	}
	c.fails[kind] = err
}

// testsOf are the connection tests a kind's channel ran, in order.
func (c *channels) testsOf(kind core.AccountKind) []channelTest {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.DeleteFunc(slices.Clone(c.tests), func(t channelTest) bool { return t.acct.Kind != kind })
}

// testCount is how many connection tests reached any channel.
func (c *channels) testCount() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.tests)
}

// passesOf is how many sync passes the engine ran of an account.
func (c *channels) passesOf(id int64) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.passes[id]
}

func (c *channels) tested(t channelTest) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.tests = append(c.tests, t)
	return c.fails[t.acct.Kind]
}

func (c *channels) passed(id int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.passes == nil {
		c.passes = map[int64]int{}
	}
	c.passes[id]++
}

// imapSettings are the settings an IMAP test was given, as sent.
func (t channelTest) imapSettings() (core.IMAPSettings, error) {
	var s core.IMAPSettings
	return s, json.Unmarshal(t.acct.Settings, &s)
}

// stubDriver is one kind's channel.
type stubDriver struct {
	kind core.AccountKind
	ch   *channels
}

func (d stubDriver) Kind() core.AccountKind { return d.kind }

func (d stubDriver) Open(_ context.Context, a core.Account, secrets engine.Secrets) (engine.Conn, error) {
	return &stubConn{acct: a, secrets: secrets, ch: d.ch}, nil
}

// stubConn is an open account of a stub channel.
type stubConn struct {
	acct    core.Account
	secrets engine.Secrets
	ch      *channels
}

// Test reads the secrets the kind logs in with, as a channel would, and
// answers as armed.
func (c *stubConn) Test(ctx context.Context) error {
	got := map[string]string{}
	for _, name := range coreaccounts.SecretNames[c.acct.Kind] {
		v, err := c.secrets.Get(ctx, c.acct.ID, name)
		if err != nil {
			return fmt.Errorf("stub %s: secret %s: %w", c.acct.Kind, name, err)
		}
		got[name] = v
	}
	return c.ch.tested(channelTest{acct: c.acct, secrets: got})
}

// Sync counts the pass; nothing is new on the stub channel.
func (c *stubConn) Sync(context.Context, engine.Session) error {
	c.ch.passed(c.acct.ID)
	return nil
}

func (c *stubConn) Close() error { return nil }

var _ engine.Tester = (*stubConn)(nil)
