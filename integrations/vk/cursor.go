package vk

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/SevereCloud/vksdk/v2/object"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/engine"
)

// Cursor keys.
const (
	wallKey     = "wall"
	messagesKey = "messages"
	membersKey  = "members"
)

// trackWindow is how long a post's comments are watched by polling after
// it was published; older threads still arrive through long poll.
const trackWindow = 30 * 24 * time.Hour

// membersEvery is how often the whole member list is read again.
const membersEvery = 24 * time.Hour

// wallCursor is the wall's sync state: the window start, and per watched
// post how many comments it had and the newest comment read, so a pass
// reads the comments of only the posts whose count changed.
type wallCursor struct {
	Since  int64             `json:"since"` // unix; 0 reads everything
	Newest int               `json:"newest,omitempty"`
	Posts  map[int]postState `json:"posts,omitempty"`
	// Deleted are watched posts that vanished from the wall, by date, so
	// that a restore on VK is noticed.
	Deleted map[int]int64 `json:"deleted,omitempty"`
}

// gonePosts marks deleted the watched posts at or after cutoff that the wall
// no longer shows, and forgets them.
func (w *wallCursor) gonePosts(owner int, posts []object.WallWallpost, cutoff int64) map[string]bool {
	out := map[string]bool{}
	shown := make(map[int]bool, len(posts))
	for _, p := range posts {
		shown[p.ID] = true
	}
	for id, st := range w.Posts {
		if st.Date >= cutoff && !shown[id] {
			out[postRID(owner, id)] = true
			if w.Deleted == nil {
				w.Deleted = map[int]int64{}
			}
			w.Deleted[id] = st.Date
			delete(w.Posts, id)
		}
	}
	return out
}

type postState struct {
	Date        int64 `json:"date"`
	Comments    int   `json:"comments"`
	LastComment int   `json:"last_comment,omitempty"`
	// Checked is when the post's comments were last read in full.
	Checked int64 `json:"checked,omitempty"`
}

// cutoff is the oldest post date a pass reads: the backfill start on the
// first pass, the tracking window after.
func (w wallCursor) cutoff(now time.Time) int64 {
	if w.Newest == 0 {
		return w.Since
	}
	return max(w.Since, now.Add(-trackWindow).Unix())
}

// prune forgets posts older than the tracking window.
func (w *wallCursor) prune(now time.Time) {
	old := now.Add(-trackWindow).Unix()
	for id, p := range w.Posts {
		if p.Date < old {
			delete(w.Posts, id)
		}
	}
	for id, date := range w.Deleted {
		if date < old {
			delete(w.Deleted, id)
		}
	}
}

// checkEvery is how often a watched post's comments are read in full,
// beside once per connection.
const checkEvery = 6 * time.Hour

// postScope names the scope of a post's comments (core.Item.Scope): a full
// read of them lists every one that is still there.
func postScope(post int) string { return "post:" + strconv.Itoa(post) }

// commentSeen records a comment read (or pushed) for post.
func (w *wallCursor) commentSeen(post, id, delta int) {
	st, ok := w.Posts[post]
	if !ok {
		return
	}
	st.Comments = max(st.Comments+delta, 0)
	st.LastComment = max(st.LastComment, id)
	w.Posts[post] = st
}

// messagesCursor maps a conversation (peer id) to its newest message read.
type messagesCursor struct {
	Since int64       `json:"since"`
	Last  map[int]int `json:"last,omitempty"`
}

// membersCursor is when the member list was last read in full, and who
// was on it (sorted), once Listed: the next read tells who joined or left.
type membersCursor struct {
	ReadAt int64 `json:"read_at"`
	IDs    []int `json:"ids,omitempty"`
	Listed bool  `json:"listed,omitempty"`
}

// loadJSON reads a cursor; absent or unreadable means a fresh start (a
// re-read upserts, so starting afresh is safe).
func loadJSON(ctx context.Context, s engine.Session, key string, v any) (found bool, err error) {
	raw, err := s.Cursor(ctx, key)
	if errors.Is(err, core.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("vk: read cursor %s: %w", key, err)
	}
	return json.Unmarshal(raw, v) == nil, nil
}

func cursorBytes(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic("vk: encode cursor: " + err.Error()) // plain structs always encode
	}
	return b
}

// backfillStart is the first sync's window start (0: everything).
func backfillStart(days int, now time.Time) int64 {
	if days < 0 {
		return 0
	}
	return now.AddDate(0, 0, -days).Unix()
}

func (c *Conn) loadWall(ctx context.Context, s engine.Session) (wallCursor, error) {
	var w wallCursor
	found, err := loadJSON(ctx, s, wallKey, &w)
	if err != nil {
		return w, err
	}
	if !found {
		w = wallCursor{Since: backfillStart(c.set.BackfillDays, c.now())}
	}
	if w.Posts == nil {
		w.Posts = map[int]postState{}
	}
	return w, nil
}
