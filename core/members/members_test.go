package members_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/core/store"
)

// day0 is the fixed clock the tests start from.
var day0 = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

type fixture struct {
	t           *testing.T
	st          *store.Store
	svc         *members.Service
	now         time.Time
	mail, vk, x int64
	seq         int
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{t: t, now: day0}
	clock := func() time.Time { return f.now }
	st, err := store.Open(ctx, coretest.NewDB(t), store.WithNow(clock))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f.st = st
	f.svc = members.New(members.Params{Store: st, Now: clock})
	ids := make([]int64, 3)
	for i, k := range []core.AccountKind{core.KindIMAP, core.KindVK, core.KindX} {
		if ids[i], err = st.CreateAccount(ctx, core.Account{Kind: k, Name: string(k)}); err != nil {
			t.Fatal(err)
		}
	}
	f.mail, f.vk, f.x = ids[0], ids[1], ids[2]
	return f
}

// write stores an item by author on the channel of kind, dated at.
func (f *fixture) write(kind core.ItemKind, author core.Person, at time.Time, text string) {
	f.t.Helper()
	acct := map[core.ItemKind]int64{core.ItemEmail: f.mail, core.ItemVKPost: f.vk, core.ItemVKComment: f.vk,
		core.ItemXMention: f.x, core.ItemXReply: f.x}[kind]
	f.seq++
	it := core.Item{Kind: kind, RemoteID: "r" + time.Duration(f.seq).String(), Author: author, CreatedAt: at, Text: text}
	f.batch(acct, core.Batch{Items: []core.Item{it}})
}

func (f *fixture) batch(acct int64, b core.Batch) {
	f.t.Helper()
	if _, err := f.st.ApplyBatch(context.Background(), acct, b); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) refresh() {
	f.t.Helper()
	if err := f.svc.Refresh(context.Background()); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) memberOf(kind core.IdentityKind, address string) int64 {
	f.t.Helper()
	ctx := context.Background()
	id, err := f.st.Identity(ctx, kind, address)
	if err != nil {
		f.t.Fatal(err)
	}
	m, err := f.st.MemberOfIdentity(ctx, id.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	return m
}

var (
	annaMail = core.Person{Name: "Anna Petrova", Address: "anna.petrova@example.org"}
	annaVK   = core.Person{Name: "Анна Петрова", Address: "101", Handle: "anna.petrova"}
	annaX    = core.Person{Name: "Anna P.", Address: "9001", Handle: "anna.petrova"}
)

// threeChannels has Anna write once on each channel.
func threeChannels(f *fixture) {
	f.write(core.ItemEmail, annaMail, day0.Add(-3*time.Hour), "Thanks for the meetup!")
	f.write(core.ItemVKComment, annaVK, day0.Add(-2*time.Hour), "Отличная встреча")
	f.write(core.ItemXReply, annaX, day0.Add(-1*time.Hour), "great stream")
	f.batch(f.vk, core.Batch{Identities: []core.Identity{{Kind: core.IdentityVK, Address: "101", Handle: "anna.petrova"}}})
	f.batch(f.x, core.Batch{Identities: []core.Identity{{Kind: core.IdentityX, Address: "9001", Handle: "anna.petrova"}}})
	f.refresh()
}

func timelineKinds(t *testing.T, d members.Dossier) []core.ItemKind {
	t.Helper()
	var kinds []core.ItemKind
	for _, e := range d.Timeline {
		kinds = append(kinds, e.Kind)
	}
	return kinds
}

func TestMergeByHandShowsAllChannelsInOrder(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	threeChannels(f)
	a := f.memberOf(core.IdentityEmail, annaMail.Address)
	for _, from := range []int64{f.memberOf(core.IdentityVK, "101"), f.memberOf(core.IdentityX, "9001")} {
		if err := f.svc.Merge(ctx, a, from); err != nil {
			t.Fatal(err)
		}
	}
	f.refresh()
	d, err := f.svc.Dossier(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if want := []core.ItemKind{core.ItemXReply, core.ItemVKComment, core.ItemEmail}; !slices.Equal(timelineKinds(t, d), want) {
		t.Errorf("timeline = %v, want %v (newest first)", timelineKinds(t, d), want)
	}
	if len(d.Identities) != 3 || d.Member.Name != "Anna Petrova" {
		t.Errorf("dossier: %d identities, name %q", len(d.Identities), d.Member.Name)
	}
	want := "2 comments and 1 message in the last 30 days (score 6); last seen 1 h ago"
	if d.Member.Activity != 6 || d.Why.Activity != want {
		t.Errorf("activity %v, why %q, want %q", d.Member.Activity, d.Why.Activity, want)
	}
}

func TestMergeByAcceptedSuggestion(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	threeChannels(f)
	sugs, err := f.svc.Suggestions(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(sugs) != 3 {
		t.Fatalf("suggestions = %+v, want the three pairs of Anna's identities", sugs)
	}
	var into int64
	for _, sg := range sugs {
		if into, err = f.svc.Accept(ctx, sg); err != nil {
			t.Fatal(err)
		}
	}
	left, err := f.svc.Suggestions(ctx, 0)
	if err != nil || len(left) != 0 {
		t.Fatalf("after accepting all: %+v, %v", left, err)
	}
	f.refresh()
	d, err := f.svc.Dossier(ctx, into)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Identities) != 3 || len(d.Timeline) != 3 {
		t.Errorf("merged file: %d identities, %d timeline entries", len(d.Identities), len(d.Timeline))
	}
	// Splitting one out records a rejection: the pair is not proposed again.
	if _, err := f.svc.Split(ctx, d.Identities[len(d.Identities)-1].ID); err != nil {
		t.Fatal(err)
	}
	again, err := f.svc.Suggestions(ctx, 0)
	if err != nil || len(again) != 0 {
		t.Errorf("after a split: %+v, %v", again, err)
	}
}

func TestRejectedSuggestionStaysApart(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	threeChannels(f)
	sugs, _ := f.svc.Suggestions(ctx, 0)
	if err := f.svc.Reject(ctx, sugs[0]); err != nil {
		t.Fatal(err)
	}
	left, _ := f.svc.Suggestions(ctx, 0)
	if len(left) != len(sugs)-1 {
		t.Errorf("after a rejection %d suggestions, want %d", len(left), len(sugs)-1)
	}
	page, _ := f.svc.List(ctx, core.MemberFilter{})
	if page.Total != 3 {
		t.Errorf("%d members, want 3: nothing merges without a yes", page.Total)
	}
}

func TestCohortsAndQuadrantsOnFixedClocks(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	at := func(days int) time.Time { return day0.Add(time.Duration(days) * 24 * time.Hour) }
	// Dmitri writes warmly every few days from day 0 to day 40; Oleg
	// complains a lot on day 0 and once on day 20; Léa writes once on day 0.
	for d := 0; d <= 40; d += 4 {
		f.write(core.ItemVKComment, core.Person{Name: "Dmitri", Address: "1"}, at(d), "спасибо, отлично!")
	}
	for i := range 4 {
		f.write(core.ItemXMention, core.Person{Name: "Oleg", Address: "2"}, at(0).Add(time.Duration(i)*time.Minute), "awful, broken again")
	}
	f.write(core.ItemXMention, core.Person{Name: "Oleg", Address: "2"}, at(20), "still broken, terrible")
	f.write(core.ItemEmail, core.Person{Name: "Léa", Address: "lea@example.fr"}, at(0), "bonjour")

	cases := []struct {
		day               int
		dmitri, oleg, lea core.Cohort
		dmitriQ, olegQ    core.Quadrant
	}{
		{1, core.CohortNew, core.CohortNew, core.CohortNew, core.QuadrantQuietFan, core.QuadrantCritic},
		{41, core.CohortRegular, core.CohortRegular, core.CohortDrifting, core.QuadrantAdvocate, core.QuadrantPasserBy},
		// Warm messages within the loyalty window keep a silent Dmitri a quiet fan.
		{100, core.CohortDrifting, core.CohortDrifting, core.CohortDeadSoul, core.QuadrantQuietFan, core.QuadrantPasserBy},
		{200, core.CohortDeadSoul, core.CohortDeadSoul, core.CohortDeadSoul, core.QuadrantQuietFan, core.QuadrantPasserBy},
		{400, core.CohortDeadSoul, core.CohortDeadSoul, core.CohortDeadSoul, core.QuadrantPasserBy, core.QuadrantPasserBy},
	}
	for _, c := range cases {
		f.now = at(c.day)
		f.refresh()
		for _, w := range []struct {
			kind   core.IdentityKind
			addr   string
			cohort core.Cohort
			q      core.Quadrant
		}{{core.IdentityVK, "1", c.dmitri, c.dmitriQ}, {core.IdentityX, "2", c.oleg, c.olegQ}, {core.IdentityEmail, "lea@example.fr", c.lea, ""}} {
			d, err := f.svc.Dossier(ctx, f.memberOf(w.kind, w.addr))
			if err != nil {
				t.Fatal(err)
			}
			if d.Cohort != w.cohort {
				t.Errorf("day %d: %s is %s, want %s (%s)", c.day, d.Member.Name, d.Cohort, w.cohort, d.Why.Cohort)
			}
			if w.q != "" && d.Member.Quadrant != w.q {
				t.Errorf("day %d: %s is %s, want %s (%s; %s)", c.day, d.Member.Name, d.Member.Quadrant, w.q, d.Why.Activity, d.Why.Loyalty)
			}
			// The table's cohort filter agrees with the dossier.
			page, err := f.svc.List(ctx, core.MemberFilter{Cohort: w.cohort})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.ContainsFunc(page.Members, func(m core.Member) bool { return m.ID == d.Member.ID }) {
				t.Errorf("day %d: %s not listed under %s", c.day, d.Member.Name, w.cohort)
			}
		}
		counts, err := f.svc.Counts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		sum := 0
		for _, n := range counts.Cohorts {
			sum += n
		}
		if sum != counts.Total || counts.Total != 3 {
			t.Errorf("day %d: cohort counts %v do not add up to %d", c.day, counts.Cohorts, counts.Total)
		}
	}
}

func TestWelcomeQueueOverTime(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	join := func(addr string, at time.Time) {
		f.batch(f.vk, core.Batch{Identities: []core.Identity{{Kind: core.IdentityVK, Address: addr, Name: "u" + addr, JoinedAt: at}}})
	}
	join("1", day0)
	join("2", day0.Add(12*time.Hour))
	f.refresh()
	queue := func(hours int) []string {
		f.now = day0.Add(time.Duration(hours) * time.Hour)
		list, err := f.svc.WelcomeQueue(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, m := range list {
			names = append(names, m.Name)
		}
		return names
	}
	if got := queue(12); len(got) != 0 {
		t.Errorf("after 12 h: %v, want nobody yet", got)
	}
	if got := queue(30); !slices.Equal(got, []string{"u1"}) {
		t.Errorf("after 30 h: %v, want u1", got)
	}
	if got := queue(40); !slices.Equal(got, []string{"u1", "u2"}) {
		t.Errorf("after 40 h: %v, want u1, u2", got)
	}
	if err := f.svc.MarkDone(ctx, core.RitualWelcome, f.memberOf(core.IdentityVK, "1")); err != nil {
		t.Fatal(err)
	}
	if got := queue(41); !slices.Equal(got, []string{"u2"}) {
		t.Errorf("after welcoming u1: %v, want u2", got)
	}
	if got := queue(24 * 5); len(got) != 0 {
		t.Errorf("after 5 days: %v, want nobody (the window passed)", got)
	}
}

func TestCheckInListOverTime(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	quiet := core.Person{Name: "Quiet", Address: "quiet@example.org"}
	loud := core.Person{Name: "Loud", Address: "loud@example.org"}
	f.write(core.ItemEmail, quiet, day0, "hello")
	for d := 0; d < 60; d += 5 {
		f.write(core.ItemEmail, loud, day0.Add(time.Duration(d)*24*time.Hour), "hello again")
	}
	list := func(days int) []string {
		f.now = day0.Add(time.Duration(days) * 24 * time.Hour)
		f.refresh()
		ms, err := f.svc.CheckInList(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, m := range ms {
			names = append(names, m.Name)
		}
		return names
	}
	if got := list(20); len(got) != 0 {
		t.Errorf("day 20: %v, want nobody quiet for a month yet", got)
	}
	if got := list(31); !slices.Equal(got, []string{"Quiet"}) {
		t.Errorf("day 31: %v, want Quiet", got)
	}
	if err := f.svc.MarkDone(ctx, core.RitualCheckIn, f.memberOf(core.IdentityEmail, quiet.Address)); err != nil {
		t.Fatal(err)
	}
	if got := list(45); len(got) != 0 {
		t.Errorf("day 45, checked in on day 31: %v, want nobody", got)
	}
	if got := list(62); !slices.Equal(got, []string{"Quiet"}) {
		t.Errorf("day 62, a month after the check-in: %v, want Quiet", got)
	}
	// A reply we sent counts as being written to.
	f.now = day0.Add(63 * 24 * time.Hour)
	if _, err := f.st.InsertOutgoing(ctx, core.Item{AccountID: f.mail, Kind: core.ItemEmail, RemoteID: "out1",
		To: []core.Person{quiet}, CreatedAt: f.now, Text: "How are you?"}); err != nil {
		t.Fatal(err)
	}
	if got := list(64); len(got) != 0 {
		t.Errorf("after our reply: %v, want nobody", got)
	}
}

// The expert finder offers who declared the topic and who answered
// questions on it, never who only complained about it or asked.
func TestExpertsAreAnswerersNotComplainers(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	post := core.Item{Kind: core.ItemVKPost, RemoteID: "post", Author: core.Person{Name: "Club", Address: "-1"},
		CreatedAt: day0.Add(-5 * time.Hour), Text: "Game night on Thursday"}
	comment := func(rid, name, addr string, hours int, text string) core.Item {
		return core.Item{Kind: core.ItemVKComment, RemoteID: rid, ThreadRefs: []string{"post"},
			Author: core.Person{Name: name, Address: addr}, CreatedAt: day0.Add(-time.Duration(hours) * time.Hour), Text: text}
	}
	f.batch(f.vk, core.Batch{Items: []core.Item{post,
		comment("c1", "Oleg", "2", 4, "The parking there is awful, terrible every time."),
		comment("c2", "Emma", "3", 3, "Is there parking nearby?"),
		comment("c3", "Chen", "4", 2, "There is free parking behind the building, just ring."),
		comment("c4", "Léa", "5", 1, "Parking: I came by bus."),
	}})
	f.refresh()
	lea := f.memberOf(core.IdentityVK, "5") // Léa declares it, and answered too
	if err := f.svc.SetExpertise(ctx, lea, []core.Expertise{{Topic: "parking", Level: 2}}); err != nil {
		t.Fatal(err)
	}
	list, err := f.svc.Find(ctx, "parking", 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, x := range list {
		got = append(got, x.Member.Name+": "+x.Why)
	}
	want := []string{"Léa: expertise level 2; answered a question about it lately", "Chen: answered a question about it lately"}
	if !slices.Equal(got, want) {
		t.Errorf("experts on parking: %q, want %q (never Oleg who complained, nor Emma who asked)", got, want)
	}

	// Answering Chen himself, the composer never offers Chen.
	offered, err := f.svc.MentionsFor(ctx, "Parking again: is it free on Sundays?", 5)
	if err != nil {
		t.Fatal(err)
	}
	chen := core.Person{Name: "Chen", Address: "4"}
	for _, x := range members.WithoutAuthor(offered, core.IdentityVK, chen) {
		if x.Member.Name == "Chen" {
			t.Errorf("offered the author of the message being answered: %+v", x)
		}
	}
	if kept := members.WithoutAuthor(offered, core.IdentityEmail, chen); len(kept) != len(offered) {
		t.Errorf("an address on another channel left out %d experts", len(offered)-len(kept))
	}
}

// recordingReplier records where messages went; allowed lists the items
// whose authors accept a private message (nil: nobody does).
type recordingReplier struct {
	to, private []int64
	allowed     map[int64]bool
}

func (r *recordingReplier) Reply(_ context.Context, itemID int64, _ string) error {
	r.to = append(r.to, itemID)
	return nil
}

func (r *recordingReplier) SendPrivately(_ context.Context, itemID int64, _ string) error {
	r.private = append(r.private, itemID)
	return nil
}

func (r *recordingReplier) CanMessagePrivately(_ context.Context, itemID int64) (bool, string, error) {
	if r.allowed[itemID] {
		return true, "", nil
	}
	return false, "they do not allow messages from the community on VK", nil
}

// A ritual message answers the member's latest private conversation; with
// none, it is never posted in public unless the person chose that.
func TestRouteIsPrivateOrAChoice(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	masha := core.Person{Name: "Мария Соколова", Address: "6", Handle: "msokolova"}
	f.batch(f.vk, core.Batch{Items: []core.Item{
		{Kind: core.ItemVKMessage, RemoteID: "m1", Author: masha, CreatedAt: day0.Add(-3 * time.Hour), Text: "Можно забронировать стол?"},
		{Kind: core.ItemVKComment, RemoteID: "c1", Author: masha, CreatedAt: day0.Add(-time.Hour), Text: "А скидка будет?"},
		{Kind: core.ItemVKComment, RemoteID: "c2", Author: core.Person{Name: "Дмитрий Орлов", Address: "8"},
			CreatedAt: day0.Add(-2 * time.Hour), Text: "Привет всем, я новенький!"},
	}})
	f.write(core.ItemEmail, annaMail, day0.Add(-4*time.Hour), "Thanks for the meetup!")
	f.refresh()
	item := func(id int64) core.Item {
		t.Helper()
		it, err := f.st.Item(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return it
	}
	r, err := f.svc.Route(ctx, f.memberOf(core.IdentityVK, "6"))
	if err != nil {
		t.Fatal(err)
	}
	if !r.Private || r.Channel != "VK community message" || r.To != "Мария Соколова (vk.com/msokolova)" || item(r.ItemID).RemoteID != "m1" {
		t.Errorf("route to Мария (wrote a message, then a comment): %+v", r)
	}
	r, err = f.svc.Route(ctx, f.memberOf(core.IdentityEmail, annaMail.Address))
	if err != nil {
		t.Fatal(err)
	}
	if !r.Private || r.Channel != "e-mail" || r.To != "Anna Petrova <anna.petrova@example.org>" {
		t.Errorf("route to Anna (wrote an e-mail): %+v", r)
	}

	dmitry := f.memberOf(core.IdentityVK, "8")
	r, err = f.svc.Route(ctx, dmitry)
	if err != nil {
		t.Fatal(err)
	}
	if r.Private || r.Why == "" || item(r.PublicItemID).RemoteID != "c2" || !strings.Contains(r.PublicWhere, "public VK comment") {
		t.Errorf("route to Дмитрий (only a public comment): %+v", r)
	}
	rp := &recordingReplier{}
	w := members.NewWriter(f.svc, rp)
	if err := w.WriteTo(ctx, dmitry, "Добро пожаловать!", false); !errors.Is(err, members.ErrNoPrivateChannel) || len(rp.to) != 0 {
		t.Errorf("without the person's choice: err %v, replied to %v; want nothing posted", err, rp.to)
	}
	if err := w.WriteTo(ctx, dmitry, "Добро пожаловать!", true); err != nil || len(rp.to) != 1 || rp.to[0] != r.PublicItemID {
		t.Errorf("chosen public: err %v, replied to %v; want his comment %d", err, rp.to, r.PublicItemID)
	}
}

// A member with only public messages is greeted by a private message
// when their channel allows it: a VK community message to Дмитрий, who
// allows them; the route says where and to whom, and nothing is public.
// When he does not allow it, the route says why and nothing goes.
func TestRouteStartsAPrivateConversationWhenAllowed(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	dima := core.Person{Name: "Дмитрий Орлов", Address: "8", Handle: "d_orlov"}
	f.batch(f.vk, core.Batch{Items: []core.Item{
		{Kind: core.ItemVKComment, RemoteID: "c2", Author: dima, CreatedAt: day0.Add(-2 * time.Hour), Text: "Привет всем, я новенький!"},
	}})
	f.refresh()
	dmitry := f.memberOf(core.IdentityVK, "8")
	comment, err := f.st.ItemByRemoteID(ctx, f.vk, "c2")
	if err != nil {
		t.Fatal(err)
	}

	rp := &recordingReplier{}
	w := members.NewWriter(f.svc, rp)
	r, err := w.Route(ctx, dmitry)
	if err != nil {
		t.Fatal(err)
	}
	if r.Private || !strings.Contains(r.Why, "They do not allow messages from the community on VK.") || r.PublicItemID != comment.ID {
		t.Errorf("not allowed: %+v; want no private route, with VK's reason", r)
	}
	if err := w.WriteTo(ctx, dmitry, "Добро пожаловать!", false); !errors.Is(err, members.ErrNoPrivateChannel) || len(rp.to)+len(rp.private) != 0 {
		t.Errorf("not allowed: %v, sent %v %v; want nothing sent", err, rp.to, rp.private)
	}

	rp.allowed = map[int64]bool{comment.ID: true}
	r, err = w.Route(ctx, dmitry)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Private || !r.Start || r.Channel != "VK community message" || r.To != "Дмитрий Орлов (vk.com/d_orlov)" || r.ItemID != comment.ID {
		t.Errorf("allowed: %+v; want a VK community message to Дмитрий", r)
	}
	for _, public := range []bool{false, true} { // private wins over a public choice
		rp.private = nil
		if err := w.WriteTo(ctx, dmitry, "Добро пожаловать!", public); err != nil || len(rp.to) != 0 || len(rp.private) != 1 || rp.private[0] != comment.ID {
			t.Errorf("allowed, public=%v: %v, replied %v, privately %v; want one private message", public, err, rp.to, rp.private)
		}
	}
}
