package vk

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/engine"
)

// TestEngineLiveCommentAndOutboxReply runs the real engine: a comment
// written on VK reaches the inbox through long poll (polling is five
// minutes away), and a reply queued in the outbox is posted once as the
// community and shown in the thread.
func TestEngineLiveCommentAndOutboxReply(t *testing.T) {
	e := newEnv(t, core.VKSettings{})
	p := e.post("Кто придёт в пятницу?", time.Hour)
	ctx, cancel := context.WithCancel(context.Background())
	eng := e.engine()
	events, unsub := eng.Subscribe()
	defer unsub()
	if err := eng.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer eng.Wait()
	defer cancel()
	e.waitFor(events, func() bool { return e.peer.Calls("lp") > 0 && len(e.items()) == 1 })

	q := e.comment(p, chen, "Me! Can I bring a friend?", 0)
	var it core.Item
	e.waitFor(events, func() bool {
		var ok bool
		it, ok = e.items()[cRID(p, q)]
		return ok
	})
	payload, _ := json.Marshal(engine.ReplyPayload{Text: "Of course, see you on Friday!"})
	if _, err := e.st.Enqueue(ctx, core.OutboxEntry{AccountID: e.acct, ItemID: it.ID, Op: core.OpReply,
		Payload: payload, IdemKey: "reply-guid-1"}); err != nil {
		t.Fatal(err)
	}
	eng.KickOutbox()
	e.waitFor(events, func() bool { return len(e.peer.Comments(p)) == 2 })
	ours := e.peer.Comments(p)[1]
	if ours.FromID != -groupID || ours.ReplyTo != q || ours.GUID != "reply-guid-1" {
		t.Errorf("reply on VK = %+v", ours)
	}
	e.waitFor(events, func() bool {
		got, ok := e.items()[cRID(p, ours.ID)]
		return ok && got.Outgoing && got.ThreadID == it.ThreadID
	})
}

// waitFor re-checks cond after each engine event until it holds; the
// deadline only guards against a hang.
func (e *env) waitFor(events <-chan core.Event, cond func() bool) {
	e.t.Helper()
	deadline := time.After(20 * time.Second)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		select {
		case <-events:
		case <-tick.C:
		case <-deadline:
			e.t.Fatal("the engine did not get there")
		}
	}
}
