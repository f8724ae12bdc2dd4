package feeds

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/engine"
)

// cursorKey names the watch's one cursor.
const cursorKey = "feed"

// cursor is a watch's sync state: the validators of the last answer, for a
// conditional GET; a hash of its body, for servers that send none; and,
// per entry of the last document, a fingerprint of what was stored, so an
// unchanged entry is not written again and an edited one is.
type cursor struct {
	ETag         string            `json:"etag,omitempty"`
	LastModified string            `json:"last_modified,omitempty"`
	Body         string            `json:"body,omitempty"`
	Stored       map[string]string `json:"stored,omitempty"` // remote id -> fingerprint
}

func loadCursor(ctx context.Context, s engine.Session) (cursor, error) {
	var c cursor
	raw, err := s.Cursor(ctx, cursorKey)
	if errors.Is(err, core.ErrNotFound) {
		return c, nil
	}
	if err != nil {
		return c, fmt.Errorf("feeds: read the cursor: %w", err)
	}
	if err := json.Unmarshal(raw, &c); err != nil {
		// A cursor Hearth cannot read costs one full fetch, never a stuck watch.
		return cursor{}, nil
	}
	return c, nil
}

// Sync fetches the feed and commits its new and edited entries that match
// the watch's keywords, with the new cursor, in one batch. A 304, or the
// very same document again, writes nothing.
func (c *Conn) Sync(ctx context.Context, s engine.Session) error {
	cur, err := loadCursor(ctx, s)
	if err != nil {
		return err
	}
	f, err := c.fetch(ctx, cur)
	if err != nil || f.notModified {
		return err
	}
	sum := sha256.Sum256(f.body)
	next := cursor{ETag: f.etag, LastModified: f.lastModified, Body: hex.EncodeToString(sum[:16]), Stored: map[string]string{}}
	if next.Body == cur.Body {
		if next.ETag == cur.ETag && next.LastModified == cur.LastModified {
			return nil
		}
		next.Stored = cur.Stored // new validators only: keep them for the next 304
		return commit(ctx, s, nil, next)
	}
	doc, err := parse(f.body, f.contentType)
	if err != nil {
		return c.unreadable(err, f)
	}
	var items []core.Item
	for _, e := range entries(doc, c.set.URL) {
		if !c.d.opt.Match(e.matchItem(), c.set.Keywords) {
			continue
		}
		fp := e.fingerprint()
		next.Stored[e.id] = fp
		if cur.Stored[e.id] != fp {
			items = append(items, e.item())
		}
	}
	return commit(ctx, s, items, next)
}

func commit(ctx context.Context, s engine.Session, items []core.Item, c cursor) error {
	raw, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("feeds: cursor: %w", err)
	}
	if err := s.Commit(ctx, core.Batch{Items: items, Cursors: map[string][]byte{cursorKey: raw}}); err != nil {
		return fmt.Errorf("feeds: save %d entries: %w", len(items), err)
	}
	return nil
}
