package inbox_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

// vkComment is a spam comment under a community post.
func vkComment() core.Item {
	return core.Item{
		Kind: core.ItemVKComment, RemoteID: "comment:-1_10_77", ThreadRefs: []string{"post:-1_10"},
		Author: core.Person{Name: "Spam Bot", Address: "666"}, Text: "Buy followers cheap!!!",
		CreatedAt: now.Add(-time.Minute), State: core.StateNew,
	}
}

func TestModerationQueuesOnceAndTheItemFollows(t *testing.T) {
	svc, st, rec, _ := setup(t, `{}`)
	ctx := context.Background()
	aid, err := st.CreateAccount(ctx, core.Account{Kind: core.KindVK, Name: "club", Settings: json.RawMessage(`{"group_id":1}`)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ApplyBatch(ctx, aid, core.Batch{Items: []core.Item{vkComment()}}); err != nil {
		t.Fatal(err)
	}
	it, err := st.ItemByRemoteID(ctx, aid, "comment:-1_10_77")
	if err != nil {
		t.Fatal(err)
	}
	offered, err := svc.Moderations(ctx, it.ID)
	if err != nil || len(offered) == 0 || offered[0] != core.ModDelete {
		t.Fatalf("a VK comment offers %v (%v), want delete first", offered, err)
	}

	if err := svc.Moderate(ctx, it.ID, core.ModAction{Kind: core.ModDelete}); err != nil {
		t.Fatal(err)
	}
	got, _ := st.Item(ctx, it.ID)
	if got.State != core.StateHidden {
		t.Errorf("after delete the comment is %s, want hidden (out of the triage view)", got.State)
	}
	if err := svc.Moderate(ctx, it.ID, core.ModAction{Kind: core.ModBan, Duration: 7 * 24 * time.Hour, Reason: core.BanSpam}); err != nil {
		t.Fatal(err)
	}
	entries, _ := st.Outbox(ctx, it.ID)
	var kinds []core.ModKind
	for _, e := range entries {
		if e.Op != core.OpModerate {
			continue
		}
		var a core.ModAction
		if err := json.Unmarshal(e.Payload, &a); err != nil {
			t.Fatal(err)
		}
		if !a.At.Equal(now) {
			t.Errorf("action %s dated %v, want the time it was asked (%v)", a.Kind, a.At, now)
		}
		kinds = append(kinds, a.Kind)
	}
	if len(kinds) != 2 || rec.kicks < 2 {
		t.Errorf("queued %v with %d outbox kicks, want delete and ban queued and the outbox woken", kinds, rec.kicks)
	}
}

func TestModerationRefusesWhatTheItemDoesNotOffer(t *testing.T) {
	svc, st, _, mail := setup(t, `{}`)
	ctx := context.Background()
	err := svc.Moderate(ctx, mail.ID, core.ModAction{Kind: core.ModBan})
	if !errors.Is(err, core.ErrUnsupported) {
		t.Fatalf("banning an e-mail's author: err = %v, want ErrUnsupported", err)
	}
	if n := ops(t, st, mail.ID)[core.OpModerate]; n != 0 {
		t.Errorf("a refused action queued %d entries", n)
	}
	got, _ := st.Item(ctx, mail.ID)
	if got.State != mail.State {
		t.Errorf("a refused action changed the state to %s", got.State)
	}
}
