package vk

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/core/store"
	"github.com/hearthhq/hearth/integrations/vk/vkpeer"
)

// The member count is groups.getById's members_count (asked with
// fields=members_count), as people join and leave.
func TestAudienceIsTheMemberCount(t *testing.T) {
	e := newEnv(t, core.VKSettings{})
	ctx := context.Background()
	e.peer.AddMember(anna.ID, e.clock.now().Add(-time.Hour))
	e.peer.SetMembersCount(1201)
	if n, err := e.conn.Audience(ctx); err != nil || n != 1201 {
		t.Fatalf("Audience = %d, %v; want 1201", n, err)
	}
	e.peer.Join(boris.ID)
	e.peer.Join(chen.ID)
	e.peer.Leave(anna.ID)
	if n, err := e.conn.Audience(ctx); err != nil || n != 1202 {
		t.Errorf("after two joins and a leave: Audience = %d, %v; want 1202", n, err)
	}
	e.peer.Fail("groups.getById", vkpeer.Fault{Code: 6})
	if _, err := e.conn.Audience(ctx); core.AsRemote(err) == nil || core.AsRemote(err).Problem != core.ProblemRateLimit {
		t.Errorf("too many requests: %v, want a rate limit", err)
	}
}

// storeKeeper keeps the readings in the workspace, by UTC day.
type storeKeeper struct{ st *store.Store }

func (k storeKeeper) LastAudience(ctx context.Context, id int64) (time.Time, error) {
	a, err := k.st.LatestAudience(ctx, id)
	if errors.Is(err, core.ErrNotFound) {
		return time.Time{}, nil
	}
	return a.TakenAt, err
}

func (k storeKeeper) RecordAudience(ctx context.Context, id, n int64, at time.Time) error {
	return k.st.SaveAudience(ctx, core.AudienceSnapshot{AccountID: id, Day: at.UTC().Format(time.DateOnly), TakenAt: at, Count: n})
}

// Through the engine: a sync reads the count; six hours later VK refuses
// the reading: the pass still syncs the new comment, the count read
// before stays, and the status says why it was not updated.
func TestAudienceRefusedKeepsTheLastCount(t *testing.T) {
	e := newEnv(t, core.VKSettings{NoLongPoll: true})
	ctx := context.Background()
	e.peer.SetMembersCount(800)
	eng := engine.New(engine.Params{Store: e.st, Drivers: []engine.Driver{e.drv},
		Secrets: secretMap{SecretToken: token}, Now: e.clock.now, Audience: storeKeeper{e.st}})
	p := e.post("Пост", time.Hour)
	if err := eng.SyncOnce(ctx, e.acct); err != nil {
		t.Fatal(err)
	}
	first, err := e.st.LatestAudience(ctx, e.acct)
	if err != nil || first.Count != 800 {
		t.Fatalf("first reading %+v, %v; want 800", first, err)
	}
	before := len(e.items())
	e.clock.add(7 * time.Hour)
	e.comment(p, anna, "Когда встреча?", 0)
	// The pass's own groups.getById (the community's name) goes through;
	// the reading of the count is refused.
	e.peer.Fail("groups.getById", vkpeer.Fault{Delay: time.Millisecond}, vkpeer.Fault{Code: 6})
	if err := eng.SyncOnce(ctx, e.acct); err != nil {
		t.Fatalf("a refused reading failed the pass: %v", err)
	}
	if after := len(e.items()); after != before+1 {
		t.Errorf("%d items after the pass, want the comment added to %d", after, before)
	}
	kept, err := e.st.LatestAudience(ctx, e.acct)
	if err != nil || kept != first {
		t.Errorf("after the refusal: %+v, %v; want the first reading kept", kept, err)
	}
	line := e.statusLine()
	if want := "ok, synced just now; audience not updated (VK says too many requests per second), the last count is kept"; line != want {
		t.Errorf("status %q, want %q", line, want)
	}
}
