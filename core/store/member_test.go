package store

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

// rateWords is a test rater: "thanks" is positive, "awful" negative; a
// stored tone is ignored.
func rateWords(text string, _ *core.Tone) int {
	switch {
	case strings.Contains(text, "thanks"):
		return 1
	case strings.Contains(text, "awful"):
		return -1
	}
	return 0
}

// channelAccounts makes a mail, a VK and an X account.
func channelAccounts(t *testing.T, s *Store) (mailID, vkID, xID int64) {
	t.Helper()
	ctx := context.Background()
	ids := make([]int64, 3)
	for i, k := range []core.AccountKind{core.KindIMAP, core.KindVK, core.KindX} {
		id, err := s.CreateAccount(ctx, core.Account{Kind: k, Name: string(k)})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = id
	}
	return ids[0], ids[1], ids[2]
}

func authored(kind core.ItemKind, remoteID string, author core.Person, at time.Time, text string) core.Item {
	return core.Item{Kind: kind, RemoteID: remoteID, Author: author, CreatedAt: at, Text: text}
}

// foldAll folds every stored item into the member files and rescores.
func foldAll(t *testing.T, s *Store, now time.Time) {
	t.Helper()
	ctx := context.Background()
	for {
		n, err := s.CatchUpMembers(ctx, rateWords, 3)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
	}
	for {
		n, err := s.RescoreMembers(ctx, testWindows(now), countScore, 2)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
}

// testWindows are 30- and 180-day windows ending on now's day (core/members
// decides the app's).
func testWindows(now time.Time) core.ScoreWindows {
	day := core.UnixDay(now)
	return core.ScoreWindows{Day: day, ActivityFrom: day - 29, LoyaltyFrom: day - 179}
}

// countScore scores a member by how much they wrote, for tests that need
// scores but not the app's rule.
func countScore(in core.ScoreInput) core.Scores {
	return core.Scores{Activity: float64(in.Posts + in.Comments + in.Messages),
		Loyalty: float64(in.Positive - in.Negative), Quadrant: core.QuadrantCritic}
}

// The store sums each member's days in the windows it is given, stores
// what the rule makes of the sums, and rescores a member again only on a
// later day or when their file changed.
func TestRescoreSumsTheWindowsItIsGiven(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	mailID, _, _ := channelAccounts(t, s)
	anna := core.Person{Name: "Anna", Address: "anna@example.org"}
	days := func(n int) time.Time { return base.Add(time.Duration(n) * 24 * time.Hour) }
	apply(t, s, mailID, authored(core.ItemEmail, "m1", anna, days(-40), "hello"),
		authored(core.ItemEmail, "m2", anna, days(-10), "thanks"), authored(core.ItemEmail, "m3", anna, days(0), "awful"))
	catchUp := func() {
		t.Helper()
		if _, err := s.CatchUpMembers(ctx, rateWords, 100); err != nil {
			t.Fatal(err)
		}
	}
	catchUp()
	var inputs []core.ScoreInput
	score := func(in core.ScoreInput) core.Scores {
		inputs = append(inputs, in)
		return core.Scores{Activity: 7, Loyalty: 0.5, Quadrant: core.QuadrantAdvocate}
	}
	rescore := func(w core.ScoreWindows) int {
		t.Helper()
		n, err := s.RescoreMembers(ctx, w, score, 10)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	w := testWindows(base)
	if n := rescore(w); n != 1 {
		t.Fatalf("rescored %d, want Anna", n)
	}
	want := core.ScoreInput{Messages: 2, Written: 3, Positive: 1, Negative: 1, ActiveDays: 3}
	if inputs[0] != want {
		t.Errorf("scored on %+v, want %+v", inputs[0], want)
	}
	id := memberOf(t, s, core.IdentityEmail, anna.Address)
	m, err := s.Member(ctx, id)
	if err != nil || m.Activity != 7 || m.Loyalty != 0.5 || m.Quadrant != core.QuadrantAdvocate {
		t.Errorf("member after rescoring = %+v, %v", m, err)
	}
	if in, err := s.ScoreInput(ctx, id, w); err != nil || in != want {
		t.Errorf("score input = %+v, %v; want %+v", in, err, want)
	}
	today := w
	today.ActivityFrom = w.Day
	if in, err := s.ScoreInput(ctx, id, today); err != nil || in.Messages != 1 {
		t.Errorf("one-day activity window: %+v, %v; want 1 message", in, err)
	}
	if n := rescore(w); n != 0 {
		t.Errorf("rescored %d again the same day, want none", n)
	}
	w.Day++
	if n := rescore(w); n != 1 {
		t.Errorf("rescored %d the next day, want Anna", n)
	}
	apply(t, s, mailID, authored(core.ItemEmail, "m4", anna, days(1), "hi"))
	catchUp()
	if n := rescore(w); n != 1 {
		t.Errorf("rescored %d after she wrote, want Anna", n)
	}
}

// testMerge is the merge field rule of these tests (core/members holds the
// app's): the later last sighting, and a bio that shows the store wrote
// what the rule returned.
func testMerge(into, from core.Member) core.Member {
	if from.LastSeen.After(into.LastSeen) {
		into.LastSeen = from.LastSeen
	}
	into.Bio += "+" + from.Name
	return into
}

func memberOf(t *testing.T, s *Store, kind core.IdentityKind, address string) int64 {
	t.Helper()
	var id int64
	err := s.r.QueryRow(`SELECT mi.member_id FROM identities i JOIN member_identities mi ON mi.identity_id = i.id
		WHERE i.kind = ? AND i.address = ?`, string(kind), address).Scan(&id)
	if err != nil {
		t.Fatalf("member of %s:%s: %v", kind, address, err)
	}
	return id
}

func TestNewIdentitiesBecomeMembers(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	mailID, vkID, _ := channelAccounts(t, s)
	apply(t, s, mailID, authored(core.ItemEmail, "m1", core.Person{Name: "Anna Petrova", Address: "Anna@Example.org"}, base, "hi"))
	apply(t, s, vkID, authored(core.ItemVKComment, "c1", core.Person{Name: "Анна Петрова", Address: "42"}, base, "привет"))
	foldAll(t, s, base.Add(time.Hour))

	page, err := s.Members(ctx, core.MemberFilter{Sort: core.SortName}, core.CohortBounds{})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 2 {
		t.Fatalf("want a member per identity, got %d: %+v", page.Total, page.Members)
	}
	m, err := s.Member(ctx, memberOf(t, s, core.IdentityVK, "42"))
	if err != nil {
		t.Fatal(err)
	}
	if m.Name != "Анна Петрова" || !m.LastSeen.Equal(base) || !m.FirstSeen.Equal(base) ||
		!slices.Equal(m.Channels, []core.IdentityKind{core.IdentityVK}) {
		t.Errorf("member = %+v", m)
	}
	// Search folds Cyrillic case.
	page, err = s.Members(ctx, core.MemberFilter{Query: "анна"}, core.CohortBounds{})
	if err != nil || page.Total != 1 || page.Members[0].ID != m.ID {
		t.Errorf("search анна: %+v, %v", page, err)
	}
}

func TestMergeAndSplitMembers(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	mailID, vkID, xID := channelAccounts(t, s)
	apply(t, s, mailID, authored(core.ItemEmail, "m1", core.Person{Name: "Anna", Address: "anna@example.org"}, base, "thanks"))
	apply(t, s, vkID, authored(core.ItemVKComment, "c1", core.Person{Name: "Anna P", Address: "42"}, base.Add(time.Hour), "hi"))
	apply(t, s, xID, authored(core.ItemXReply, "x1", core.Person{Name: "anna", Address: "777"}, base.Add(2*time.Hour), "awful"))
	foldAll(t, s, base.Add(3*time.Hour))
	a, b, c := memberOf(t, s, core.IdentityEmail, "anna@example.org"), memberOf(t, s, core.IdentityVK, "42"), memberOf(t, s, core.IdentityX, "777")
	if err := s.SetMemberTags(ctx, []int64{b}, []string{"artist"}, nil); err != nil {
		t.Fatal(err)
	}
	for _, from := range []int64{b, c} {
		if err := s.MergeMembers(ctx, a, from, testMerge); err != nil {
			t.Fatal(err)
		}
	}
	m, err := s.Member(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Channels) != 3 || !slices.Equal(m.Tags, []string{"artist"}) || !m.LastSeen.Equal(base.Add(2*time.Hour)) ||
		m.Bio != "+Anna P+anna" {
		t.Errorf("merged member = %+v", m)
	}
	if _, err := s.Member(ctx, b); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("merged-away member: %v, want not found", err)
	}
	tl, err := s.MemberTimeline(ctx, a, time.Time{}, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []core.ItemKind
	for _, e := range tl {
		kinds = append(kinds, e.Kind)
	}
	if want := []core.ItemKind{core.ItemXReply, core.ItemVKComment, core.ItemEmail}; !slices.Equal(kinds, want) {
		t.Errorf("timeline kinds = %v, want %v", kinds, want)
	}

	xIdentity := identityID(t, s, core.IdentityX, "777")
	split, err := s.SplitIdentity(ctx, xIdentity, base.Add(4*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := s.Member(ctx, split)
	if !got.LastSeen.Equal(base.Add(2*time.Hour)) || !got.FirstSeen.Equal(base.Add(2*time.Hour)) {
		t.Errorf("split member seen %v..%v", got.FirstSeen, got.LastSeen)
	}
	left, _ := s.Member(ctx, a)
	if !left.LastSeen.Equal(base.Add(time.Hour)) || len(left.Channels) != 2 {
		t.Errorf("member after split = %+v", left)
	}
	if _, err := s.SplitIdentity(ctx, xIdentity, base); err == nil {
		t.Error("split of a lone identity succeeded")
	}
}

func identityID(t *testing.T, s *Store, kind core.IdentityKind, address string) int64 {
	t.Helper()
	var id int64
	if err := s.r.QueryRow("SELECT id FROM identities WHERE kind = ? AND address = ?", string(kind), address).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestMergeCandidatesRulesAndDecisions(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	mailID, vkID, xID := channelAccounts(t, s)
	apply(t, s, mailID,
		authored(core.ItemEmail, "m1", core.Person{Name: "Boris Ivanov", Address: "boris.i@mail.ru"}, base, "a"),
		authored(core.ItemEmail, "m2", core.Person{Name: "Boris Ivanov", Address: "boris.i@gmail.com"}, base, "b"),
		authored(core.ItemEmail, "m3", core.Person{Name: "Chloé", Address: "chloe@example.fr"}, base, "c"))
	apply(t, s, vkID, authored(core.ItemVKComment, "c1", core.Person{Name: "Chloé M", Address: "1001"}, base, "d"))
	apply(t, s, xID, authored(core.ItemXReply, "x1", core.Person{Name: "Chloe", Address: "2002"}, base, "e"))
	// The channels' profiles: the VK screen name and X handle agree, and
	// the e-mail local part is the same word.
	for _, q := range []string{
		"UPDATE identities SET handle = 'chloe' WHERE address = '1001'",
		"UPDATE identities SET handle = 'Chloe' WHERE address = '2002'",
	} {
		if _, err := s.w.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	sug, err := s.MergeCandidates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]core.MergeReason{}
	for _, sg := range sug {
		got[pairName(t, s, sg)] = sg.Reasons
	}
	want := map[string][]core.MergeReason{
		"boris.i@gmail.com+boris.i@mail.ru": {core.ReasonNameAndLocal, core.ReasonSameFullName},
		"1001+2002":                         {core.ReasonSameHandle},
		"1001+chloe@example.fr":             {core.ReasonHandleIsLocal},
		"2002+chloe@example.fr":             {core.ReasonHandleIsLocal},
	}
	if len(got) != len(want) {
		t.Errorf("suggestions = %v, want %v", got, want)
	}
	for k, w := range want {
		if !slices.Equal(got[k], w) {
			t.Errorf("%s: reasons %v, want %v", k, got[k], w)
		}
	}
	// A rejected pair is not proposed again.
	if err := s.RecordMergeDecision(ctx, sug[0].IdentityA, sug[0].IdentityB, false, base); err != nil {
		t.Fatal(err)
	}
	again, err := s.MergeCandidates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != len(sug)-1 {
		t.Errorf("after a rejection: %d suggestions, want %d", len(again), len(sug)-1)
	}
}

func pairName(t *testing.T, s *Store, sg core.MergeSuggestion) string {
	t.Helper()
	var a, b string
	s.r.QueryRow("SELECT address FROM identities WHERE id = ?", sg.IdentityA).Scan(&a)
	s.r.QueryRow("SELECT address FROM identities WHERE id = ?", sg.IdentityB).Scan(&b)
	if a > b {
		a, b = b, a
	}
	return a + "+" + b
}
