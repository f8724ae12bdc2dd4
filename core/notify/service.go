package notify

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/hearthhq/hearth/core"
)

// Store is what notifications need of the workspace store.
type Store interface {
	LastItemID(ctx context.Context) (int64, error)
	Item(ctx context.Context, id int64) (core.Item, error)
	TakeNotifications(ctx context.Context, now time.Time) ([]core.Notification, error)
	TargetsIn(ctx context.Context, state core.TargetState) ([]core.PostTarget, error)
	Post(ctx context.Context, id int64) (core.Post, error)
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
}

// Accounts lists the accounts with the live status of their syncs.
type Accounts interface {
	List(ctx context.Context) ([]core.Account, error)
}

// Params wires a Service.
type Params struct {
	Store    Store
	Accounts Accounts
	Now      func() time.Time // nil: time.Now
	// PerMinute is how many notifications a minute at most (0: 3).
	PerMinute int
}

// MaxAge is how old an item may be and still notify: a first sync that
// fetches a month of mail is history, not news.
const MaxAge = 24 * time.Hour

// Service finds what is worth a notification in what changed and decides,
// through its Notifier, what to send.
type Service struct {
	store    Store
	accounts Accounts
	now      func() time.Time
	n        *Notifier
	lastItem int64 // items up to this id were there before Start
	started  atomic.Bool
}

// New returns the notifications service; call Start before Check.
func New(p Params) *Service {
	s := &Service{store: p.Store, accounts: p.Accounts, now: p.Now}
	if s.now == nil {
		s.now = time.Now
	}
	if p.PerMinute == 0 {
		p.PerMinute = 3
	}
	s.n = NewNotifier(s.now, p.PerMinute)
	return s
}

// Changes is what a burst of engine events changed.
type Changes struct {
	Items    []int64 // items written or changed
	Accounts bool    // an account's status changed, or accounts came or went
	Posts    bool    // the calendar changed
}

// Start reads which kinds are off and takes what is already there as
// known: items written before, posts that had failed before. Held posts
// are not: each waits for a person, and is said once per start.
func (s *Service) Start(ctx context.Context) error {
	if err := s.loadSwitches(ctx); err != nil {
		return err
	}
	last, err := s.store.LastItemID(ctx)
	if err != nil {
		return fmt.Errorf("notify: start: %w", err)
	}
	s.lastItem = last
	failed, err := s.store.TargetsIn(ctx, core.TargetFailed)
	if err != nil {
		return fmt.Errorf("notify: start: %w", err)
	}
	for _, t := range failed {
		s.n.Seen(targetKey(t))
	}
	s.started.Store(true)
	return nil
}

// Check finds the candidates in a burst of changes and returns the alerts
// to send now; onScreen is what the person is looking at. Before Start has
// returned it finds nothing: it cannot tell new from old yet.
func (s *Service) Check(ctx context.Context, c Changes, onScreen Screen) ([]Alert, error) {
	if !s.started.Load() {
		return nil, nil
	}
	var cands []Candidate
	var errs []error
	add := func(cs []Candidate, err error) {
		cands = append(cands, cs...)
		if err != nil {
			errs = append(errs, err)
		}
	}
	if c.Accounts {
		add(s.accountCandidates(ctx))
	}
	if c.Posts {
		add(s.postCandidates(ctx))
	}
	if len(c.Items) > 0 {
		add(s.itemCandidates(ctx, c.Items))
		add(s.ruleCandidates(ctx))
	}
	// What was found is decided on even when a source failed.
	return s.n.Decide(cands, onScreen), errors.Join(errs...)
}

// Flush returns the summary the rate limit held back, once it may go.
func (s *Service) Flush() []Alert { return s.n.Flush() }

// NextFlush is when Flush will have something (zero: never).
func (s *Service) NextFlush() time.Time { return s.n.NextFlush() }

// itemCandidates are the new items worth a notification: abusive, by a
// VIP, or matched by a keyword watch, in that order (one notification per
// item, from the first kind that is on).
func (s *Service) itemCandidates(ctx context.Context, ids []int64) ([]Candidate, error) {
	var out []Candidate
	for _, id := range ids {
		if id <= s.lastItem {
			continue
		}
		it, err := s.store.Item(ctx, id)
		if errors.Is(err, core.ErrNotFound) {
			continue // removed since
		}
		if err != nil {
			return out, fmt.Errorf("notify: %w", err)
		}
		out = append(out, ItemCandidates(it, s.now())...)
	}
	return out, nil
}

// ItemCandidates are the candidates an item makes at now: none when it is
// ours, handled, read, deleted or older than MaxAge.
func ItemCandidates(it core.Item, now time.Time) []Candidate {
	if it.Outgoing || it.Seen || it.Deleted || (it.State != core.StateNew && it.State != core.StateOpen) ||
		now.Sub(it.CreatedAt) > MaxAge {
		return nil
	}
	base := Candidate{Key: itemKey(it.ID), ItemID: it.ID, ThreadID: it.ThreadID, Title: itemTitle(it), Text: it.Snippet}
	var out []Candidate
	if it.Tone != nil && it.Tone.Abusive {
		out = append(out, with(base, Abusive, ""))
	}
	if it.VIP {
		out = append(out, with(base, VIP, ""))
	}
	for _, tag := range it.Tags {
		if name, ok := strings.CutPrefix(tag, core.WatchTag("")); ok {
			out = append(out, with(base, Watch, name))
		}
	}
	return out
}

func with(c Candidate, k Kind, group string) Candidate {
	c.Kind, c.Group = k, group
	return c
}

// itemTitle names who wrote the item, and its subject when it has one.
func itemTitle(it core.Item) string {
	who := it.Author.Label()
	if it.Subject == "" || who == "" {
		return who + it.Subject
	}
	return who + ": " + it.Subject
}

func itemKey(id int64) string { return "item:" + strconv.FormatInt(id, 10) }

// ruleCandidates are the notifications rules asked for, each taken once.
func (s *Service) ruleCandidates(ctx context.Context) ([]Candidate, error) {
	ns, err := s.store.TakeNotifications(ctx, s.now())
	if err != nil {
		return nil, fmt.Errorf("notify: %w", err)
	}
	out := make([]Candidate, 0, len(ns))
	for _, n := range ns {
		c := Candidate{Kind: Rule, Group: n.RuleName, Key: itemKey(n.ItemID), ItemID: n.ItemID,
			Title: n.Subject, Text: n.Snippet}
		if it, err := s.store.Item(ctx, n.ItemID); err == nil {
			c.ThreadID = it.ThreadID
			if c.Title == "" {
				c.Title = itemTitle(it)
			}
		}
		out = append(out, c)
	}
	return out, nil
}

// postCandidates are the post targets that failed or are held.
func (s *Service) postCandidates(ctx context.Context) ([]Candidate, error) {
	var out []Candidate
	for _, st := range []core.TargetState{core.TargetFailed, core.TargetHeld} {
		ts, err := s.store.TargetsIn(ctx, st)
		if err != nil {
			return out, fmt.Errorf("notify: %w", err)
		}
		for _, t := range ts {
			p, err := s.store.Post(ctx, t.PostID)
			if err != nil {
				return out, fmt.Errorf("notify: %w", err)
			}
			c := Candidate{Kind: Post, Group: string(st), Key: targetKey(t),
				Title: core.SnippetOf(p.TextFor(t), 80), Text: t.Account + ": " + t.Error, Account: t.Account}
			if st == core.TargetHeld {
				c.Late = max(s.now().Sub(t.Due(p.At)), 0)
			}
			out = append(out, c)
		}
	}
	return out, nil
}

func targetKey(t core.PostTarget) string {
	return "target:" + strconv.FormatInt(t.ID, 10) + ":" + string(t.State)
}

// accountCandidates are the accounts whose credentials were refused; an
// account that syncs again may notify again when next refused.
func (s *Service) accountCandidates(ctx context.Context) ([]Candidate, error) {
	accts, err := s.accounts.List(ctx)
	if err != nil {
		return nil, fmt.Errorf("notify: %w", err)
	}
	var out []Candidate
	for _, a := range accts {
		key := "account:" + strconv.FormatInt(a.ID, 10)
		if a.Status.State != core.SyncError || a.Status.Problem != core.ProblemAuth {
			if a.Status.State == core.SyncOK {
				s.n.Forget(key)
			}
			continue
		}
		out = append(out, Candidate{Kind: Token, Group: a.Name, Key: key, Title: a.Name,
			Text: a.Status.Message})
	}
	return out, nil
}
