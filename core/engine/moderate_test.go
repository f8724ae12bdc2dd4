package engine_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/store"
)

func queueModeration(t *testing.T, st *store.Store, a core.Account, act core.ModAction, key string) int64 {
	t.Helper()
	ctx := context.Background()
	it, err := st.ItemByRemoteID(ctx, a.ID, "m0@x")
	if err != nil {
		t.Fatal(err)
	}
	payload, _ := json.Marshal(act)
	id, err := st.Enqueue(ctx, core.OutboxEntry{AccountID: a.ID, ItemID: it.ID, Op: core.OpModerate,
		Payload: payload, IdemKey: key, State: core.OutboxQueued, CreatedAt: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestModerationRunsOnceAndTheLocalCopyFollows(t *testing.T) {
	d := newDriver(commitItems(0, 1))
	st, e, a := setup(t, d)
	ctx := context.Background()
	e.SyncOnce(ctx, 0)
	asked := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	del := queueModeration(t, st, a, core.ModAction{Kind: core.ModDelete, At: asked}, "mod-1")
	ban := queueModeration(t, st, a, core.ModAction{Kind: core.ModBan, Duration: 24 * time.Hour, Reason: core.BanSpam, At: asked}, "mod-2")
	for range 2 {
		if _, err := e.FlushOutbox(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if len(d.mods) != 2 {
		t.Fatalf("the remote saw %d moderation actions, want 2 (each once)", len(d.mods))
	}
	for _, id := range []int64{del, ban} {
		if got := outboxState(t, st, id); got.State != core.OutboxSent {
			t.Errorf("entry %d is %s, want sent", id, got.State)
		}
	}
	it, _ := st.ItemByRemoteID(ctx, a.ID, "m0@x")
	if !it.Deleted {
		t.Error("the item is not marked deleted after the remote deleted it")
	}
	who, err := st.Identity(ctx, core.IdentityEmail, "ann@example.org") // the test channel is e-mail
	if err != nil {
		t.Fatal(err)
	}
	if want := asked.Add(24 * time.Hour); !who.BannedUntil.Equal(want) {
		t.Errorf("author banned until %v, want %v", who.BannedUntil, want)
	}

	queueModeration(t, st, a, core.ModAction{Kind: core.ModRestore, At: asked}, "mod-3")
	e.FlushOutbox(ctx)
	if it, _ := st.ItemByRemoteID(ctx, a.ID, "m0@x"); it.Deleted {
		t.Error("the item is still marked deleted after a restore")
	}
}

func TestModerationRefusedByTheChannelNeedsAPerson(t *testing.T) {
	d := newDriver(commitItems(0, 1))
	st, e, a := setup(t, d)
	ctx := context.Background()
	e.SyncOnce(ctx, 0)
	d.modErr = &core.RemoteError{Problem: core.ProblemDenied, Message: "the token lacks the right to manage the community",
		Action: "create a token with the manage right"}
	id := queueModeration(t, st, a, core.ModAction{Kind: core.ModDelete}, "mod-1")
	e.FlushOutbox(ctx)
	got := outboxState(t, st, id)
	if got.State != core.OutboxFailed || got.LastError == "" {
		t.Errorf("entry = %s %q, want failed with the reason", got.State, got.LastError)
	}
	if it, _ := st.ItemByRemoteID(ctx, a.ID, "m0@x"); it.Deleted {
		t.Error("a refused delete marked the item deleted")
	}
}
