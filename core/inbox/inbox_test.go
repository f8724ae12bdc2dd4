package inbox_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/inbox"
	"github.com/hearthhq/hearth/core/store"
)

type recorder struct {
	events []core.Event
	kicks  int
}

func (r *recorder) Publish(ev core.Event) { r.events = append(r.events, ev) }
func (r *recorder) KickOutbox()           { r.kicks++ }

var now = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

func setup(t *testing.T, settings string) (*inbox.Service, *store.Store, *recorder, core.Item) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, coretest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	aid, err := st.CreateAccount(ctx, core.Account{Kind: core.KindIMAP, Name: "support", Settings: json.RawMessage(settings)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = st.ApplyBatch(ctx, aid, core.Batch{Items: []core.Item{{
		Kind: core.ItemEmail, RemoteID: "q1@example.org", Subject: "Когда следующая встреча?",
		Author: core.Person{Name: "Ольга", Address: "olga@example.org"}, Text: "Привет! Когда встреча?",
		CreatedAt: now.Add(-time.Hour), State: core.StateNew,
	}}})
	if err != nil {
		t.Fatal(err)
	}
	it, err := st.ItemByRemoteID(ctx, aid, "q1@example.org")
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	svc := inbox.New(inbox.Params{Store: st, Notify: rec, Now: func() time.Time { return now },
		IdemKey: func(core.Account) string { return "<fixed@hearth>" }})
	return svc, st, rec, it
}

func ops(t *testing.T, st *store.Store, itemID int64) map[core.OutboxOp]int {
	t.Helper()
	entries, err := st.Outbox(context.Background(), itemID)
	if err != nil {
		t.Fatal(err)
	}
	m := map[core.OutboxOp]int{}
	for _, e := range entries {
		m[e.Op]++
	}
	return m
}

func TestOpenMarksReadLocallyAndRemotely(t *testing.T) {
	svc, st, rec, it := setup(t, `{}`)
	got, err := svc.Open(context.Background(), it.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Seen || got.State != core.StateOpen || got.Text == "" {
		t.Errorf("opened item = seen %v, state %s, text %q", got.Seen, got.State, got.Text)
	}
	saved, _ := st.Item(context.Background(), it.ID)
	if !saved.Seen || saved.State != core.StateOpen {
		t.Errorf("stored item = seen %v, state %s", saved.Seen, saved.State)
	}
	if ops(t, st, it.ID)[core.OpSetSeen] != 1 || rec.kicks == 0 {
		t.Errorf("the read flag was not queued for the server")
	}
	// Opening again changes nothing remotely.
	svc.Open(context.Background(), it.ID)
	if n := ops(t, st, it.ID)[core.OpSetSeen]; n != 1 {
		t.Errorf("reopening queued %d flag pushes, want 1", n)
	}
}

func TestDoneArchivesOnlyWhenTheAccountAsks(t *testing.T) {
	for _, tc := range []struct {
		settings string
		archive  int
	}{{`{"archive_on_done":true}`, 1}, {`{}`, 0}} {
		svc, st, _, it := setup(t, tc.settings)
		if err := svc.SetState(context.Background(), it.ID, core.StateDone, time.Time{}); err != nil {
			t.Fatal(err)
		}
		if got := ops(t, st, it.ID)[core.OpArchive]; got != tc.archive {
			t.Errorf("settings %s: %d archive moves queued, want %d", tc.settings, got, tc.archive)
		}
		page, _ := svc.Page(context.Background(), core.ItemFilter{})
		if len(page) != 0 {
			t.Errorf("a done item stays in the default inbox view")
		}
	}
}

func TestSnoozeHidesUntilDue(t *testing.T) {
	svc, _, _, it := setup(t, `{}`)
	ctx := context.Background()
	if err := svc.SetState(ctx, it.ID, core.StateSnoozed, now.Add(-time.Minute)); err == nil {
		t.Errorf("snoozing into the past was accepted")
	}
	if err := svc.SetState(ctx, it.ID, core.StateSnoozed, now.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if page, _ := svc.Page(ctx, core.ItemFilter{}); len(page) != 0 {
		t.Errorf("a snoozed item shows before its time")
	}
	if page, _ := svc.Page(ctx, core.ItemFilter{Now: now.Add(3 * time.Hour)}); len(page) != 1 {
		t.Errorf("a snoozed item does not come back when due")
	}
}

func TestReplyQueuesOnceAndClearsTheDraft(t *testing.T) {
	svc, st, rec, it := setup(t, `{}`)
	ctx := context.Background()
	if err := svc.SaveDraft(ctx, it.ID, "Привет, Ольга! Встреча в субботу."); err != nil {
		t.Fatal(err)
	}
	if d, _ := svc.Draft(ctx, it.ID); d == "" {
		t.Fatal("draft not saved")
	}
	if err := svc.Reply(ctx, it.ID, "   \n"); err == nil {
		t.Errorf("an empty reply was accepted")
	}
	if err := svc.Reply(ctx, it.ID, "Привет, Ольга! Встреча в субботу."); err != nil {
		t.Fatal(err)
	}
	if d, _ := svc.Draft(ctx, it.ID); d != "" {
		t.Errorf("draft %q left after sending", d)
	}
	if ops(t, st, it.ID)[core.OpReply] != 1 || rec.kicks == 0 {
		t.Errorf("reply not queued or outbox not woken")
	}
	// An idempotency key names one send: reusing it is refused, not queued twice.
	if err := svc.Reply(ctx, it.ID, "again"); err == nil {
		t.Errorf("a second reply with the same key was queued")
	}
}

// An edited e-mail reply keeps its headers in the queued entry, so the
// sender uses what the person saw; a reply with nobody in To is refused.
func TestSendKeepsTheEditedHeaders(t *testing.T) {
	svc, st, _, it := setup(t, `{}`)
	ctx := context.Background()
	empty := core.Reply{Text: "hello", To: []core.Person{{Name: "nobody"}}}
	if err := svc.Send(ctx, it.ID, empty); err == nil {
		t.Fatal("a reply to nobody was queued")
	}
	r := core.Reply{Text: "Встреча в субботу.", Subject: "Встреча: суббота",
		To: []core.Person{{Name: "Ольга", Address: "olga@example.org"}}, Cc: []core.Person{{Address: "zal@example.org"}}}
	if err := svc.Send(ctx, it.ID, r); err != nil {
		t.Fatal(err)
	}
	entries, err := st.Outbox(ctx, it.ID)
	if err != nil || len(entries) != 1 {
		t.Fatalf("outbox = %v, %v", entries, err)
	}
	var p struct {
		Text    string
		Quote   bool
		To, Cc  []core.Person
		Subject string
	}
	if err := json.Unmarshal(entries[0].Payload, &p); err != nil {
		t.Fatal(err)
	}
	if p.Subject != r.Subject || len(p.To) != 1 || p.To[0].Address != "olga@example.org" || len(p.Cc) != 1 || !p.Quote {
		t.Errorf("queued payload = %+v", p)
	}
}

func TestSavedRepliesStartWithDefaultsAndKeepEdits(t *testing.T) {
	svc, _, _, _ := setup(t, `{}`)
	ctx := context.Background()
	list, err := svc.SavedReplies(ctx)
	if err != nil || len(list) != len(core.DefaultSavedReplies()) {
		t.Fatalf("a new workspace has %d saved replies (%v)", len(list), err)
	}
	mine := []core.SavedReply{{Name: "Встреча", Lang: "ru", Text: "{first_name}, встреча в субботу в 15:00."}, {Name: "Bye", Text: "Bye!"}}
	if err := svc.SetSavedReplies(ctx, mine); err != nil {
		t.Fatal(err)
	}
	got, err := svc.SavedReplies(ctx)
	if err != nil || len(got) != 2 || got[0] != mine[0] {
		t.Errorf("after saving: %+v, %v", got, err)
	}
	if err := svc.SetSavedReplies(ctx, append(mine, mine[0])); err == nil {
		t.Error("two replies with one name were saved")
	}
	if err := svc.SetSavedReplies(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := svc.SavedReplies(ctx); len(got) != 0 {
		t.Errorf("deleting them all brought back %d (the defaults?)", len(got))
	}
	ordered := inbox.ForLanguage(core.DefaultSavedReplies(), "fr")
	if ordered[0].Lang != "fr" || ordered[1].Lang != "fr" {
		t.Errorf("French first: %+v", ordered[:2])
	}
}

func TestSearchCountStopsAtItsCap(t *testing.T) {
	svc, _, _, _ := setup(t, `{}`)
	ctx := context.Background()
	all := core.ItemFilter{States: core.States}
	if n, more, err := svc.SearchCount(ctx, "встреча", all, 10); err != nil || n != 1 || more {
		t.Errorf("one hit counted as %d (more %v), %v", n, more, err)
	}
	if n, more, err := svc.SearchCount(ctx, "встреча", all, 0); err != nil || n != 0 || !more {
		t.Errorf("over the cap: %d (more %v), %v", n, more, err)
	}
	if n, _, err := svc.SearchCount(ctx, "nothing-like-this", all, 10); err != nil || n != 0 {
		t.Errorf("no hit counted as %d, %v", n, err)
	}
}
