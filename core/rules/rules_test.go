package rules_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/core/query"
	"github.com/hearthhq/hearth/core/rules"
)

var start = time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)

// env is a workspace whose batches go through the rules.
type env struct {
	t     testing.TB
	w     *coretest.Workspace
	rules *rules.Service
	apply *rules.Applying
	now   time.Time
	kicks int
}

func (e *env) Publish(core.Event) {}
func (e *env) KickOutbox()        { e.kicks++ }

func setup(t testing.TB) *env {
	e := &env{t: t, now: start}
	clock := func() time.Time { return e.now }
	e.w = coretest.Open(t, clock)
	e.rules = rules.New(rules.Params{Store: e.w.Store, Notify: e, Now: clock})
	e.apply = &rules.Applying{Store: e.w.Store, Rules: e.rules}
	return e
}

func (e *env) account(kind core.AccountKind, name string, settings string) core.Account {
	a := core.Account{Kind: kind, Name: name}
	if settings != "" {
		a.Settings = json.RawMessage(settings)
	}
	return e.w.AddAccount(e.t, a)
}

func (e *env) add(r core.Rule) core.Rule {
	e.t.Helper()
	r.Enabled = true
	got, err := e.rules.Add(context.Background(), r)
	if err != nil {
		e.t.Fatalf("add rule %q: %v", r.Name, err)
	}
	return got
}

func actions(t testing.TB, s string) []core.RuleAction {
	t.Helper()
	a, err := core.ParseRuleActions(s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

var serial int

// ingest writes items as a sync batch through the rules and returns them
// as stored.
func (e *env) ingest(acct core.Account, items ...core.Item) []core.Item {
	e.t.Helper()
	ctx := context.Background()
	for i := range items {
		if items[i].RemoteID == "" {
			serial++
			items[i].RemoteID = fmt.Sprintf("r%d", serial)
		}
		if items[i].CreatedAt.IsZero() {
			items[i].CreatedAt = e.now.Add(-time.Minute)
		}
		if items[i].State == "" {
			items[i].State = core.StateNew
		}
	}
	if _, err := e.apply.ApplyBatch(ctx, acct.ID, core.Batch{Items: items}); err != nil {
		e.t.Fatalf("apply batch: %v", err)
	}
	out := make([]core.Item, len(items))
	for i, it := range items {
		got, err := e.w.Store.ItemByRemoteID(ctx, acct.ID, it.RemoteID)
		if err != nil {
			e.t.Fatal(err)
		}
		out[i] = got
	}
	return out
}

func (e *env) steps(it core.Item) []core.RuleStep {
	e.t.Helper()
	steps, err := e.rules.Steps(context.Background(), it.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	var mine []core.RuleStep
	for _, s := range steps {
		if s.ItemID == it.ID {
			mine = append(mine, s)
		}
	}
	return mine
}

func (e *env) outbox(it core.Item) []core.OutboxEntry {
	e.t.Helper()
	out, err := e.w.Store.Outbox(context.Background(), it.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	return out
}

func lines(steps []core.RuleStep) []string {
	var out []string
	for _, s := range steps {
		out = append(out, s.Line())
	}
	return out
}

func TestOrderAndStop(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	vk := e.account(core.KindVK, "Club", "")
	e.add(core.Rule{Name: "First", Query: "meetup", Actions: actions(t, "tag:first")})
	second := e.add(core.Rule{Name: "Second", Query: "meetup", Actions: actions(t, "tag:second"), Stop: true})
	third := e.add(core.Rule{Name: "Third", Query: "meetup", Actions: actions(t, "tag:third")})
	off := e.add(core.Rule{Name: "Off", Query: "meetup", Actions: actions(t, "tag:off")})
	if err := e.rules.SetEnabled(ctx, off.ID, false); err != nil {
		t.Fatal(err)
	}

	got := e.ingest(vk, core.Item{Kind: core.ItemVKComment, Text: "When is the meetup?"})[0]
	if want := []string{"first", "second"}; !slices.Equal(got.Tags, want) {
		t.Errorf("tags = %v, want %v (Second stops the rules)", got.Tags, want)
	}
	if err := e.rules.Move(ctx, third.ID, -5); err != nil {
		t.Fatal(err)
	}
	if err := e.rules.Move(ctx, second.ID, 1); err != nil {
		t.Fatal(err)
	}
	list, _ := e.rules.List(ctx)
	var names []string
	for _, r := range list {
		names = append(names, r.Name)
	}
	if want := []string{"Third", "First", "Off", "Second"}; !slices.Equal(names, want) {
		t.Fatalf("order = %v, want %v", names, want)
	}
	got = e.ingest(vk, core.Item{Kind: core.ItemVKComment, Text: "Meetups are great"})[0]
	if want := []string{"first", "second", "third"}; !slices.Equal(got.Tags, want) {
		t.Errorf("tags = %v, want %v", got.Tags, want)
	}
	// A stop action stops like the flag.
	stopper := e.add(core.Rule{Name: "Stopper", Query: "stopword", Actions: actions(t, "tag:s, stop")})
	if err := e.rules.Move(ctx, stopper.ID, -10); err != nil {
		t.Fatal(err)
	}
	got = e.ingest(vk, core.Item{Kind: core.ItemVKComment, Text: "stopword meetup"})[0]
	if want := []string{"s"}; !slices.Equal(got.Tags, want) {
		t.Errorf("tags = %v, want %v (Stopper first and stops)", got.Tags, want)
	}
	// Later rules see what earlier ones did.
	chain := e.add(core.Rule{Name: "Chain", Query: "tag:first", Actions: actions(t, "tag:chained")})
	if err := e.rules.Move(ctx, chain.ID, -2); err != nil { // after First, before Second
		t.Fatal(err)
	}
	got = e.ingest(vk, core.Item{Kind: core.ItemVKComment, Text: "meetup"})[0]
	if want := []string{"chained", "first", "second", "third"}; !slices.Equal(got.Tags, want) {
		t.Errorf("tags = %v, want %v", got.Tags, want)
	}
}

func TestActions(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	vk := e.account(core.KindVK, "Club", "")
	x := e.account(core.KindX, "Brand", "")
	mail := e.account(core.KindIMAP, "Mail", `{"user":"cm@hearth.example"}`)
	e.add(core.Rule{Name: "Spam links", Query: "casino", Actions: actions(t, "state:spam")})
	e.add(core.Rule{Name: "Later", Query: "later", Actions: actions(t, "state:snoozed:2h")})
	e.add(core.Rule{Name: "Hide", Query: "idiot", Actions: actions(t, "hide")})
	e.add(core.Rule{Name: "Ping", Query: "urgent", Actions: actions(t, "notify, tag:urgent")})
	e.add(core.Rule{Name: "Thanks", Query: "thank", Actions: actions(t, "reply:Thanks"), AutoReply: true})

	spam := e.ingest(vk, core.Item{Kind: core.ItemVKComment, Text: "Best casino http://x"})[0]
	if spam.State != core.StateSpam {
		t.Errorf("spam state = %s", spam.State)
	}
	later := e.ingest(vk, core.Item{Kind: core.ItemVKComment, Text: "later please"})[0]
	if later.State != core.StateSnoozed || !later.SnoozeUntil.Equal(start.Add(2*time.Hour)) {
		t.Errorf("snooze = %s until %s", later.State, later.SnoozeUntil)
	}

	hideX := e.ingest(x, core.Item{Kind: core.ItemXMention, Text: "you idiot"})[0]
	hideVK := e.ingest(vk, core.Item{Kind: core.ItemVKComment, Text: "idiot"})[0]
	hideMail := e.ingest(mail, core.Item{Kind: core.ItemEmail, Text: "idiot", Author: core.Person{Address: "a@b.example"}})[0]
	for _, tt := range []struct {
		it   core.Item
		want core.ModKind
	}{{hideX, core.ModHide}, {hideVK, core.ModDelete}} {
		ob := e.outbox(tt.it)
		if tt.it.State != core.StateHidden || len(ob) != 1 || ob[0].Op != core.OpModerate {
			t.Errorf("%s hide: state %s, outbox %+v", tt.it.Kind, tt.it.State, ob)
			continue
		}
		var a core.ModAction
		_ = json.Unmarshal(ob[0].Payload, &a)
		if a.Kind != tt.want {
			t.Errorf("%s hide queued %s, want %s", tt.it.Kind, a.Kind, tt.want)
		}
	}
	if hideMail.State != core.StateNew || len(e.outbox(hideMail)) != 0 {
		t.Errorf("a mail cannot be hidden on its channel, yet: %s %v", hideMail.State, e.outbox(hideMail))
	}
	if got := lines(e.steps(hideMail)); len(got) != 1 || !strings.Contains(got[0], "its channel cannot hide it") {
		t.Errorf("mail hide line = %v", got)
	}

	urgent := e.ingest(vk, core.Item{Kind: core.ItemVKComment, Text: "urgent: the site is down", Subject: "Down"})[0]
	ns, err := e.rules.Notifications(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(ns) != 1 || ns[0].ItemID != urgent.ID || ns[0].RuleName != "Ping" {
		t.Errorf("notifications = %+v", ns)
	}
	if ns, _ := e.rules.Notifications(ctx); len(ns) != 0 {
		t.Errorf("a notification shown twice: %+v", ns)
	}
	if !slices.Contains(urgent.Tags, "urgent") {
		t.Errorf("urgent tags = %v", urgent.Tags)
	}

	kicks := e.kicks
	thanks := e.ingest(vk, core.Item{Kind: core.ItemVKComment, Text: "thank you!", Author: core.Person{Name: "Анна Петрова", Address: "id42"}})[0]
	ob := e.outbox(thanks)
	if len(ob) != 1 || ob[0].Op != core.OpReply {
		t.Fatalf("reply outbox = %+v", ob)
	}
	var p engine.ReplyPayload
	_ = json.Unmarshal(ob[0].Payload, &p)
	if p.Text != "Thank you, Анна! We really appreciate it." || !p.Auto {
		t.Errorf("reply payload = %+v", p)
	}
	if e.kicks == kicks {
		t.Error("the outbox was not woken for the reply")
	}
	want := []string{"Rule 'Thanks' replied with 'Thanks'"}
	if got := lines(e.steps(thanks)); !slices.Equal(got, want) {
		t.Errorf("lines = %q, want %q", got, want)
	}
	if got := lines(e.steps(spam)); !slices.Equal(got, []string{"Rule 'Spam links' moved this to spam"}) {
		t.Errorf("spam lines = %q", got)
	}
}

// mailRaw is a message with extra header lines.
func mailRaw(from, headers string) []byte {
	return []byte("From: " + from + "\r\nSubject: Hi\r\nMessage-Id: <" + from + fmt.Sprint(serial) + ">\r\n" + headers + "\r\nthanks a lot\r\n")
}

func TestAutoReplyGuards(t *testing.T) {
	e := setup(t)
	mail := e.account(core.KindIMAP, "Mail", `{"user":"cm@hearth.example","from":"team@hearth.example"}`)
	e.add(core.Rule{Name: "Auto", Query: "thanks", Actions: actions(t, "reply:Thanks"), AutoReply: true})
	e.add(core.Rule{Name: "Held", Query: "merci", Actions: actions(t, "reply:Thanks")})
	msg := func(from, headers string) core.Item {
		serial++
		return core.Item{Kind: core.ItemEmail, Subject: "Hi", Text: "thanks a lot merci", RemoteID: fmt.Sprintf("m%d", serial),
			Author: core.Person{Address: from}, Raw: mailRaw(from, headers)}
	}
	tests := []struct {
		name    string
		it      core.Item
		replies int
		why     string
	}{
		{"a person", msg("ann@example.org", ""), 1, ""},
		{"the same person the same day", msg("ann@example.org", ""), 0, rules.SkipToday},
		{"our own reply coming back", msg("team@hearth.example", "Auto-Submitted: auto-replied\r\n"), 0, rules.SkipOwn},
		{"our reply as sent", func() core.Item { m := msg("team@hearth.example", ""); m.Outgoing = true; return m }(), 0, ""},
		{"an auto-responder", msg("bob@example.org", "Auto-Submitted: auto-replied\r\n"), 0, rules.SkipAutomated},
		{"a list", msg("list@example.org", "List-Id: <news.example.org>\r\n"), 0, rules.SkipAutomated},
		{"bulk", msg("promo@example.org", "Precedence: bulk\r\n"), 0, rules.SkipAutomated},
		{"noreply", msg("no-reply@shop.example", ""), 0, rules.SkipAutomated},
		{"a bounce", msg("MAILER-DAEMON@mx.example", ""), 0, rules.SkipAutomated},
		{"Auto-Submitted: no is a person", msg("carl@example.org", "Auto-Submitted: no\r\n"), 1, ""},
	}
	for _, tt := range tests {
		it := e.ingest(mail, tt.it)[0]
		n := 0
		for _, ob := range e.outbox(it) {
			if ob.Op == core.OpReply {
				n++
			}
		}
		if n != tt.replies {
			t.Errorf("%s: %d replies, want %d", tt.name, n, tt.replies)
		}
		steps := e.steps(it)
		if tt.it.Outgoing {
			if len(steps) != 0 {
				t.Errorf("%s: rules acted on our own message: %q", tt.name, lines(steps))
			}
			continue
		}
		var outcomes []string
		for _, s := range steps {
			if s.RuleName == "Auto" {
				outcomes = append(outcomes, s.Outcome)
			} else if s.Outcome != rules.HeldOff {
				t.Errorf("%s: the held rule's outcome = %q", tt.name, s.Outcome)
			}
		}
		if !slices.Equal(outcomes, []string{tt.why}) {
			t.Errorf("%s: outcome %q, want %q", tt.name, outcomes, tt.why)
		}
	}
	// A day later, Ann may get one again; an edit of a replied item never
	// makes the rule reply twice.
	e.now = e.now.Add(rules.ReplyEvery + time.Minute)
	if it := e.ingest(mail, msg("ann@example.org", ""))[0]; len(e.outbox(it)) != 1 {
		t.Errorf("a day later: outbox %+v", e.outbox(it))
	}
	first := tests[0].it
	first.Text += " (edited)"
	if it := e.ingest(mail, first)[0]; len(e.outbox(it)) != 1 {
		t.Errorf("an edited item got another reply: %+v", e.outbox(it))
	}
}

func TestUndo(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	vk := e.account(core.KindVK, "Club", "")
	x := e.account(core.KindX, "Brand", "")
	e.add(core.Rule{Name: "Links from new VK accounts", Query: "http", Actions: actions(t, "state:spam, tag:links, notify")})
	e.add(core.Rule{Name: "Hide abuse", Query: "idiot", Actions: actions(t, "hide")})

	it := e.ingest(vk, core.Item{Kind: core.ItemVKComment, Text: "see http://spam.example"})[0]
	steps := e.steps(it)
	if len(steps) != 3 {
		t.Fatalf("steps = %q", lines(steps))
	}
	for _, s := range steps {
		if err := e.rules.Undo(ctx, s.ID); err != nil {
			t.Fatalf("undo %s: %v", s.Action, err)
		}
	}
	got, _ := e.w.Store.Item(ctx, it.ID)
	if got.State != core.StateNew || len(got.Tags) != 0 {
		t.Errorf("after undo: state %s, tags %v", got.State, got.Tags)
	}
	if ns, _ := e.rules.Notifications(ctx); len(ns) != 0 {
		t.Errorf("an undone notification is still asked: %+v", ns)
	}
	if err := e.rules.Undo(ctx, steps[0].ID); !errors.Is(err, core.ErrConflict) {
		t.Errorf("undo twice = %v, want a conflict", err)
	}
	if got := e.steps(it)[0].Line(); got != "Rule 'Links from new VK accounts' moved this to spam (undone)" {
		t.Errorf("line = %q", got)
	}
	// An edit of the item does not bring the undone rule back.
	again := e.ingest(vk, core.Item{Kind: core.ItemVKComment, RemoteID: it.RemoteID, Text: "see http://spam.example !"})[0]
	if again.State != core.StateNew {
		t.Errorf("the rule acted again after undo: %s", again.State)
	}

	// A hide still queued is held back; one already done is lifted
	// through the outbox.
	queued := e.ingest(x, core.Item{Kind: core.ItemXMention, Text: "idiot"})[0]
	if err := e.rules.Undo(ctx, e.steps(queued)[0].ID); err != nil {
		t.Fatal(err)
	}
	if ob := e.outbox(queued); len(ob) != 0 {
		t.Errorf("the queued hide is still there: %+v", ob)
	}
	done := e.ingest(x, core.Item{Kind: core.ItemXMention, Text: "idiot again"})[0]
	ob := e.outbox(done)
	if _, err := e.w.Store.ClaimOutbox(ctx, ob[0].ID, e.now, core.OutboxOwner{Host: "h", PID: 1, Token: "t"}); err != nil {
		t.Fatal(err)
	}
	if err := e.rules.Undo(ctx, e.steps(done)[0].ID); err != nil {
		t.Fatal(err)
	}
	got, _ = e.w.Store.Item(ctx, done.ID)
	ob = e.outbox(done)
	var kinds []core.ModKind
	for _, o := range ob {
		var a core.ModAction
		_ = json.Unmarshal(o.Payload, &a)
		kinds = append(kinds, a.Kind)
	}
	if got.State != core.StateNew || !slices.Contains(kinds, core.ModUnhide) || len(kinds) != 2 {
		t.Errorf("after undoing a sent hide: state %s, outbox %v", got.State, kinds)
	}
}

func TestDryRun(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	vk := e.account(core.KindVK, "Club", "")
	day := func(n int) time.Time { return start.Add(-time.Duration(n) * 24 * time.Hour) }
	e.w.AddItems(t, vk.ID,
		core.Item{Kind: core.ItemVKComment, Text: "free casino", CreatedAt: day(1)},
		core.Item{Kind: core.ItemVKComment, Text: "casino bonus", CreatedAt: day(10), State: core.StateSpam},
		core.Item{Kind: core.ItemVKComment, Text: "old casino", CreatedAt: day(40)},
		core.Item{Kind: core.ItemVKComment, Text: "our casino post", CreatedAt: day(2), Outgoing: true},
		core.Item{Kind: core.ItemVKComment, Text: "meetup", CreatedAt: day(2)},
	)
	d, err := e.rules.DryRun(ctx, "casino", 1)
	if err != nil {
		t.Fatal(err)
	}
	if d.Count != 2 || d.More || len(d.First) != 1 || d.First[0].Text != "" && d.First[0].Snippet != "free casino" {
		t.Errorf("dry run = %+v", d)
	}
	if got := d.Summary(); got != "2 items in the last 30 days" {
		t.Errorf("summary = %q", got)
	}
	_, err = e.rules.DryRun(ctx, "casino OR", 1)
	var pe *query.Error
	if !errors.As(err, &pe) || pe.Col != 8 {
		t.Errorf("a bad query = %v, want a parse error at column 8", err)
	}
}

func TestCheck(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	e.add(core.Rule{Name: "Spam", Query: "casino", Actions: actions(t, "state:spam")})
	for _, tt := range []struct {
		r    core.Rule
		want string
	}{
		{core.Rule{Name: "spam", Query: "x", Actions: actions(t, "hide")}, `rules: a rule named "spam" already exists`},
		{core.Rule{Name: "", Query: "x", Actions: actions(t, "hide")}, "rules: a rule needs a name"},
		{core.Rule{Name: "A", Query: "(x", Actions: actions(t, "hide")}, "column 1: '(' without ')'"},
		{core.Rule{Name: "A", Query: "x"}, "rules: a rule needs at least one action"},
	} {
		if _, err := e.rules.Add(ctx, tt.r); err == nil || err.Error() != tt.want {
			t.Errorf("Add(%+v) = %v, want %s", tt.r, err, tt.want)
		}
	}
}

func TestToneAtIngest(t *testing.T) {
	e := setup(t)
	vk := e.account(core.KindVK, "Club", "")
	e.add(core.Rule{Name: "Abusive comments hidden", Query: "kind:vk_comment is:abusive", Actions: actions(t, "hide")})
	e.add(core.Rule{Name: "Merci", Query: "merci", Actions: actions(t, "reply:Thanks"), AutoReply: true})
	got := e.ingest(vk,
		core.Item{Kind: core.ItemVKComment, Text: "you are all idiots", Tone: &core.Tone{Lang: "en", Sentiment: -0.8, Abusive: true}},
		core.Item{Kind: core.ItemVKComment, Text: "nice", Tone: &core.Tone{Lang: "en", Sentiment: 0.5}},
		core.Item{Kind: core.ItemVKComment, Text: "merci !", Author: core.Person{Name: "Claire Dubois", Address: "id7"},
			Tone: &core.Tone{Lang: "fr", Sentiment: 0.6}},
	)
	if got[0].State != core.StateHidden || got[1].State != core.StateNew {
		t.Errorf("states = %s, %s", got[0].State, got[1].State)
	}
	// The saved reply of that name in the item's language: "Thanks" has
	// none in French, so the English one goes; a French name picks French.
	ob := e.outbox(got[2])
	var p engine.ReplyPayload
	if len(ob) == 1 {
		_ = json.Unmarshal(ob[0].Payload, &p)
	}
	if p.Text != "Thank you, Claire! We really appreciate it." {
		t.Errorf("reply = %q", p.Text)
	}
}
