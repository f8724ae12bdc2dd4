package x

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/engine"
)

// Cursor keys: the mentions walk, and the account's user id, kept so that
// a new connection need not ask X who it is.
const (
	cursorKey = "mentions"
	meKey     = "user_id"
)

// Paging: a first sync takes the newest firstPages pages (older mentions
// are history, not triage); a later one follows since_id for up to
// maxPages (X serves at most the newest 800 mentions).
const (
	defaultPageSize = 100
	firstPages      = 2
	maxPages        = 8
)

// cursor is the mentions sync state. A run walks from the newest mention
// back to SinceID page by page; it is committed with every page, so a run
// cut short (rate limit, crash) resumes at Next instead of starting over.
type cursor struct {
	SinceID string `json:"since_id,omitempty"`
	Next    string `json:"next,omitempty"`   // the page to read next in this run
	Newest  string `json:"newest,omitempty"` // the newest id of this run: SinceID once it ends
	Pages   int    `json:"pages,omitempty"`  // pages read in this run
	// Recent are the mentions stored in the last checkWindow, by id and
	// unix time, and Checked when they were last looked up: X tells no
	// one of a deleted post, so Hearth asks whether they are still there.
	Recent  map[string]int64 `json:"recent,omitempty"`
	Checked int64            `json:"checked,omitempty"`
}

// The deleted-post check: mentions of the last week, at most recentMax of
// them, looked up once per connection and every checkEvery.
const (
	checkWindow = 7 * 24 * time.Hour
	checkEvery  = 6 * time.Hour
	recentMax   = 1000
)

// remember adds a page's mentions to Recent, dropping those out of the
// window and, past recentMax, the oldest.
func (c *cursor) remember(p page, now time.Time) {
	if c.Recent == nil {
		c.Recent = map[string]int64{}
	}
	for _, t := range p.Tweets {
		c.Recent[t.ID] = t.CreatedAt.Unix()
	}
	old := now.Add(-checkWindow).Unix()
	for id, at := range c.Recent {
		if at < old {
			delete(c.Recent, id)
		}
	}
	if len(c.Recent) <= recentMax {
		return
	}
	ids := slices.SortedFunc(maps.Keys(c.Recent), cmpID)
	for _, id := range ids[:len(ids)-recentMax] {
		delete(c.Recent, id)
	}
}

// advance records a page read and reports whether the run is over.
func (c *cursor) advance(p page, limit int) (done bool) {
	for _, t := range p.Tweets {
		if cmpID(t.ID, c.Newest) > 0 {
			c.Newest = t.ID
		}
	}
	c.Pages++
	if p.Next != "" && len(p.Tweets) > 0 && c.Pages < limit {
		c.Next = p.Next
		return false
	}
	if c.Newest != "" {
		c.SinceID = c.Newest
	}
	c.Next, c.Newest, c.Pages = "", "", 0
	return true
}

// pageLimit is how many pages this run may read.
func (c cursor) pageLimit() int {
	if c.SinceID == "" {
		return firstPages
	}
	return maxPages
}

func loadCursor(ctx context.Context, s engine.Session) (cursor, error) {
	var c cursor
	raw, err := s.Cursor(ctx, cursorKey)
	if errors.Is(err, core.ErrNotFound) {
		return c, nil
	}
	if err != nil {
		return c, fmt.Errorf("x: read cursor: %w", err)
	}
	if err := json.Unmarshal(raw, &c); err != nil {
		// A cursor Hearth cannot read is started afresh: mentions upsert.
		return cursor{}, nil
	}
	return c, nil
}

// Sync fetches mentions newer than the cursor, a page per commit.
func (c *Conn) Sync(ctx context.Context, s engine.Session) error {
	c.recallMe(ctx, s)
	me, err := c.whoAmI(ctx)
	if err != nil {
		return err
	}
	cur, err := loadCursor(ctx, s)
	if err != nil {
		return err
	}
	limit, fetched := cur.pageLimit(), 0
	for {
		p, err := c.api.mentions(ctx, me, pageQuery{SinceID: cur.SinceID, Next: cur.Next, Max: c.pageSize})
		if err != nil {
			return classify(ctx, "read mentions", err)
		}
		done := cur.advance(p, limit)
		cur.remember(p, c.now())
		ours, err := oursAnswered(ctx, s, p, me)
		if err != nil {
			return err
		}
		b := c.batch(p, cur, me)
		for _, t := range p.Tweets {
			b.Items = append(b.Items, c.itemOf(t, p.Users[t.AuthorID], me, ours))
		}
		if err := s.Commit(ctx, b); err != nil {
			return fmt.Errorf("x: save mentions: %w", err)
		}
		fetched += len(p.Tweets)
		s.Progress(fetched, 0)
		if done {
			return c.checkDeleted(ctx, s, cur, me)
		}
		if err := c.waitForWindow(); err != nil {
			return err
		}
	}
}

// checkDeleted looks up the recent mentions, once per connection and every
// checkEvery, and marks deleted those X no longer shows (deleted while
// Hearth was closed or since).
func (c *Conn) checkDeleted(ctx context.Context, s engine.Session, cur cursor, me string) error {
	now := c.now()
	c.mu.Lock()
	due := !c.checked || now.Sub(time.Unix(cur.Checked, 0)) >= checkEvery
	c.mu.Unlock()
	if !due || len(cur.Recent) == 0 {
		return nil
	}
	if cur.Checked == 0 { // the first pass of a workspace has just read them all
		cur.Checked = now.Unix()
		return c.checkedAt(ctx, s, c.batch(page{}, cur, me))
	}
	ids := slices.SortedFunc(maps.Keys(cur.Recent), cmpID)
	removed := map[string]bool{}
	for start := 0; start < len(ids); start += lookupMax {
		chunk := ids[start:min(start+lookupMax, len(ids))]
		found, err := c.api.lookup(ctx, chunk)
		if err != nil {
			return classify(ctx, "check for deleted mentions", err)
		}
		for _, id := range chunk {
			if !found[id] {
				removed[id] = true
				delete(cur.Recent, id)
			}
		}
	}
	cur.Checked = now.Unix()
	b := c.batch(page{}, cur, me)
	b.Removed = removed
	return c.checkedAt(ctx, s, b)
}

// checkedAt commits the check's result and cursor.
func (c *Conn) checkedAt(ctx context.Context, s engine.Session, b core.Batch) error {
	if err := s.Commit(ctx, b); err != nil {
		return fmt.Errorf("x: save deleted mentions: %w", err)
	}
	c.mu.Lock()
	c.checked = true
	c.mu.Unlock()
	return nil
}

// waitForWindow stops a run whose rate-limit window is used up: the
// cursor already says where the next pass resumes.
func (c *Conn) waitForWindow() error {
	rl := c.mentionsLimit()
	if !rl.exhausted(c.now()) {
		return nil
	}
	return &core.RemoteError{Problem: core.ProblemRateLimit, RetryAt: rl.Reset,
		Message: "X's rate limit is reached; the rest of the mentions come after the reset",
		Action:  "Hearth waits until " + rl.Reset.Local().Format("15:04") + " and goes on"}
}

// batch maps a page's authors to identities, with the cursor after it.
func (c *Conn) batch(p page, cur cursor, me string) core.Batch {
	raw, _ := json.Marshal(cur) // plain strings and ints: cannot fail
	b := core.Batch{Cursors: map[string][]byte{cursorKey: raw, meKey: []byte(me)}}
	for _, u := range p.Users {
		if u.ID != me {
			b.Identities = append(b.Identities, identityOf(u))
		}
	}
	return b
}

// oursAnswered are the posts of ours that the page's mentions answer and
// that Hearth holds (our replies, synced or sent from here).
func oursAnswered(ctx context.Context, s engine.Session, p page, me string) (map[string]bool, error) {
	var ids []string
	for _, t := range p.Tweets {
		if t.ReplyTo != "" && t.ReplyToUser == me {
			ids = append(ids, t.ReplyTo)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	ours, err := s.Known(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("x: look up our posts: %w", err)
	}
	return ours, nil
}

// recallMe takes the user id found by an earlier pass.
func (c *Conn) recallMe(ctx context.Context, s engine.Session) {
	c.mu.Lock()
	known := c.userID != ""
	c.mu.Unlock()
	if known {
		return
	}
	if raw, err := s.Cursor(ctx, meKey); err == nil && len(raw) > 0 {
		c.mu.Lock()
		c.userID = string(raw)
		c.mu.Unlock()
	}
}
