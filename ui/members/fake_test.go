package members

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

// fakeMembers is an in-memory Members backend on the test clock: the
// table with its filters, sorts and paging, dossiers, rituals, merge
// suggestions and the expert finder, recording what the screens asked.
type fakeMembers struct {
	mu          sync.Mutex
	members     map[int64]*core.Member
	dossiers    map[int64]members.Dossier
	welcome     []int64
	checkins    []int64
	suggestions []core.MergeSuggestion
	experts     []members.Expert
	calls       []string
	lists       []core.MemberFilter
	failNext    map[string]error
	nextNote    int64
}

func newFakeMembers() *fakeMembers {
	f := &fakeMembers{members: map[int64]*core.Member{}, dossiers: map[int64]members.Dossier{},
		failNext: map[string]error{}, nextNote: 100}
	for _, m := range sampleMembers() {
		f.members[m.ID] = &m
	}
	f.dossiers[1] = claireDossier(*f.members[1])
	f.welcome = []int64{7, 8}
	f.checkins = []int64{5}
	f.suggestions = []core.MergeSuggestion{{IdentityA: 22, IdentityB: 29, MemberA: 2, MemberB: 9,
		Reasons: []core.MergeReason{core.ReasonHandleIsLocal}, Strength: 2}}
	f.experts = []members.Expert{{Member: *f.members[1], Score: 35, Why: "expertise level 3; lists it as an interest",
		Handles: map[core.IdentityKind]string{core.IdentityX: "claire_builds", core.IdentityVK: "claire.db"}}}
	return f
}

func (f *fakeMembers) record(format string, args ...any) error {
	call := fmt.Sprintf(format, args...)
	f.calls = append(f.calls, call)
	method, _, _ := strings.Cut(call, " ")
	err := f.failNext[method]
	delete(f.failNext, method)
	return err
}

func (f *fakeMembers) fail(method string, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failNext[method] = err
}

func (f *fakeMembers) called(call string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Contains(f.calls, call)
}

func (f *fakeMembers) lastList() core.MemberFilter {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.lists[len(f.lists)-1]
}

func (f *fakeMembers) Settings(context.Context) (core.ScoreSettings, error) {
	return core.DefaultScoreSettings(), nil
}

func (f *fakeMembers) List(_ context.Context, flt core.MemberFilter) (core.MemberPage, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lists = append(f.lists, flt)
	var out []core.Member
	for _, m := range f.members {
		if f.matches(*m, flt) {
			out = append(out, *m)
		}
	}
	slices.SortFunc(out, memberOrder(flt))
	total := len(out)
	out = out[min(flt.Offset, total):min(flt.Offset+cmp.Or(flt.Limit, 100), total)]
	return core.MemberPage{Members: out, Total: total}, nil
}

func (f *fakeMembers) matches(m core.Member, flt core.MemberFilter) bool {
	d := f.dossiers[m.ID]
	switch {
	case flt.Query != "" && !strings.Contains(strings.ToLower(m.Name), strings.ToLower(flt.Query)):
	case flt.Tag != "" && !slices.Contains(m.Tags, flt.Tag):
	case flt.Interest != "" && !slices.Contains(d.Interests, flt.Interest):
	case flt.Quadrant != "" && m.Quadrant != flt.Quadrant:
	case flt.Cohort != "" && core.CohortOf(m, uitest.Now, core.DefaultScoreSettings()) != flt.Cohort:
	case flt.Channel != "" && !slices.Contains(m.Channels, flt.Channel):
	default:
		return true
	}
	return false
}

func memberOrder(flt core.MemberFilter) func(a, b core.Member) int {
	key := func(a, b core.Member) int {
		switch flt.Sort {
		case core.SortName:
			return strings.Compare(a.Name, b.Name)
		case core.SortLastSeen:
			return a.LastSeen.Compare(b.LastSeen)
		case core.SortLoyalty:
			return cmp.Compare(a.Loyalty, b.Loyalty)
		case core.SortFollowers:
			return cmp.Compare(a.Followers, b.Followers)
		default:
			return cmp.Compare(a.Activity, b.Activity)
		}
	}
	return func(a, b core.Member) int {
		c := key(a, b)
		if flt.Desc {
			c = -c
		}
		return cmp.Or(c, cmp.Compare(a.ID, b.ID))
	}
}

func (f *fakeMembers) Counts(context.Context) (core.SegmentCounts, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	c := core.SegmentCounts{Total: len(f.members), Quadrants: map[core.Quadrant]int{},
		Cohorts: map[core.Cohort]int{}, Channels: map[core.IdentityKind]int{}}
	for _, m := range f.members {
		c.Quadrants[m.Quadrant]++
		c.Cohorts[core.CohortOf(*m, uitest.Now, core.DefaultScoreSettings())]++
		for _, k := range m.Channels {
			c.Channels[k]++
		}
	}
	return c, nil
}

func (f *fakeMembers) Dossier(_ context.Context, id int64) (members.Dossier, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.record("Dossier %d", id); err != nil {
		return members.Dossier{}, err
	}
	if d, ok := f.dossiers[id]; ok {
		d.Member = *f.members[id]
		return d, nil
	}
	m, ok := f.members[id]
	if !ok {
		return members.Dossier{}, fmt.Errorf("member %d: %w", id, core.ErrNotFound)
	}
	ids := sampleIdentities[id]
	if ids == nil {
		ids = []core.Identity{{ID: 20 + id, Kind: m.Channels[0], Address: strings.ToLower(m.Name), Followers: -1}}
	}
	return members.Dossier{Member: *m, Cohort: core.CohortOf(*m, uitest.Now, core.DefaultScoreSettings()), Identities: ids}, nil
}

func (f *fakeMembers) TimelinePage(_ context.Context, id int64, after core.TimelineEntry, limit int) ([]core.TimelineEntry, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return nil, f.record("TimelinePage %d %d", id, after.ItemID)
}

func (f *fakeMembers) UpdateProfile(_ context.Context, id int64, p core.MemberProfile) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.record("UpdateProfile %d", id); err != nil {
		return err
	}
	if p.Name != nil {
		f.members[id].Name = *p.Name
	}
	return nil
}

func (f *fakeMembers) Tag(_ context.Context, ids []int64, add, remove []string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.record("Tag %v +%v -%v", ids, add, remove); err != nil {
		return err
	}
	for _, id := range ids {
		m := f.members[id]
		m.Tags = slices.DeleteFunc(m.Tags, func(t string) bool { return slices.Contains(remove, t) })
		for _, t := range add {
			if !slices.Contains(m.Tags, t) {
				m.Tags = append(m.Tags, t)
			}
		}
	}
	return nil
}

func (f *fakeMembers) AddNote(_ context.Context, id int64, text string) (core.Note, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.record("AddNote %d %s", id, text); err != nil {
		return core.Note{}, err
	}
	f.nextNote++
	n := core.Note{ID: f.nextNote, MemberID: id, Text: text, At: uitest.Now}
	if d, ok := f.dossiers[id]; ok {
		d.Notes = append([]core.Note{n}, d.Notes...)
		f.dossiers[id] = d
	}
	return n, nil
}

func (f *fakeMembers) DeleteNote(_ context.Context, noteID int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.record("DeleteNote %d", noteID)
}

func (f *fakeMembers) SetInterests(_ context.Context, id int64, topics []string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.record("SetInterests %d %v", id, topics)
}

func (f *fakeMembers) SetExpertise(_ context.Context, id int64, list []core.Expertise) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.record("SetExpertise %d %v", id, list)
}

func (f *fakeMembers) Merge(_ context.Context, into, from int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.record("Merge %d %d", into, from); err != nil {
		return err
	}
	delete(f.members, from)
	return nil
}

func (f *fakeMembers) Split(_ context.Context, identityID int64) (int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return 99, f.record("Split %d", identityID)
}

func (f *fakeMembers) Suggestions(context.Context, int) ([]core.MergeSuggestion, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.suggestions), nil
}

func (f *fakeMembers) Accept(_ context.Context, sg core.MergeSuggestion) (int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.record("Accept %d %d", sg.IdentityA, sg.IdentityB); err != nil {
		return 0, err
	}
	f.suggestions = slices.DeleteFunc(f.suggestions, func(x core.MergeSuggestion) bool { return x.IdentityA == sg.IdentityA })
	delete(f.members, sg.MemberB)
	return sg.MemberA, nil
}

func (f *fakeMembers) Reject(_ context.Context, sg core.MergeSuggestion) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.suggestions = slices.DeleteFunc(f.suggestions, func(x core.MergeSuggestion) bool { return x.IdentityA == sg.IdentityA })
	return f.record("Reject %d %d", sg.IdentityA, sg.IdentityB)
}

func (f *fakeMembers) due(ids []int64) []core.Member {
	var out []core.Member
	for _, id := range ids {
		if m, ok := f.members[id]; ok {
			out = append(out, *m)
		}
	}
	return out
}

func (f *fakeMembers) WelcomeQueue(context.Context, int) ([]core.Member, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.due(f.welcome), nil
}

func (f *fakeMembers) CheckInList(context.Context, int) ([]core.Member, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.due(f.checkins), nil
}

func (f *fakeMembers) MarkDone(_ context.Context, r core.Ritual, ids ...int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.record("MarkDone %s %v", r, ids); err != nil {
		return err
	}
	drop := func(list []int64) []int64 {
		return slices.DeleteFunc(list, func(id int64) bool { return slices.Contains(ids, id) })
	}
	f.welcome, f.checkins = drop(f.welcome), drop(f.checkins)
	return nil
}

func (f *fakeMembers) Find(_ context.Context, topic string, _ int) ([]members.Expert, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.record("Find %s", topic); err != nil {
		return nil, err
	}
	if topic != "modding" {
		return nil, nil
	}
	return slices.Clone(f.experts), nil
}

func (f *fakeMembers) File(_ context.Context, id int64) (members.MemberFile, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.record("File %d", id); err != nil {
		return members.MemberFile{}, err
	}
	return members.MemberFile{Dossier: f.dossiers[id]}, nil
}

func (f *fakeMembers) Delete(_ context.Context, id int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.record("Delete %d", id); err != nil {
		return err
	}
	delete(f.members, id)
	return nil
}

// fakeWriter is a Members backend that can also write to members.
type fakeWriter struct {
	*fakeMembers
	sent []string
}

func (w *fakeWriter) WriteTo(_ context.Context, id int64, text string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.record("WriteTo %d", id); err != nil {
		return err
	}
	w.sent = append(w.sent, fmt.Sprintf("%d: %s", id, text))
	return nil
}

// harness is the members screen on a fake backend in a window of the size
// the screen gets in the default window.
type harness struct {
	*uitest.Window
	s *Screen
	// opened are the items the screen asked the inbox to show.
	opened []int64
}

// newMembersHarness shows the member files on backend (a writer too when
// backend can write) with the first page loaded.
func newMembersHarness(t *testing.T, backend Members) *harness {
	t.Helper()
	w := uitest.NewScreenWindow(t, uitest.ScreenSize)
	h := &harness{Window: w}
	b := Backend{Members: backend}
	if mw, ok := backend.(MemberWriter); ok {
		b.Writer = mw
	}
	h.s = New(w.Env, b, func(id int64) { h.opened = append(h.opened, id) })
	w.Win.SetContent(h.s.Content())
	w.Win.Show()
	h.s.Start()
	h.s.Shown()
	h.WaitFor("the members table", func() bool { return h.s.loaded })
	return h
}

// membersOf is the members screen of a harness.
func membersOf(h *harness) *Screen { return h.s }

// MentionsFor offers the experts when the text talks about modding.
func (f *fakeMembers) MentionsFor(_ context.Context, text string, _ int) ([]members.Expert, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.record("MentionsFor"); err != nil {
		return nil, err
	}
	if !strings.Contains(strings.ToLower(text), "modding") && !strings.Contains(strings.ToLower(text), "map editor") {
		return nil, nil
	}
	return slices.Clone(f.experts), nil
}

// ImportTable records the mapping it was given.
func (f *fakeMembers) ImportTable(_ context.Context, t *members.Table) (members.ImportResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	m := make([]string, len(t.Mapping))
	for i, fld := range t.Mapping {
		m[i] = string(fld)
	}
	if err := f.record("ImportTable %d [%s]", len(t.Rows), strings.Join(m, ",")); err != nil {
		return members.ImportResult{}, err
	}
	return members.ImportResult{Created: len(t.Rows) - 1, Updated: 1, Conflicts: []string{"anna@example.org"}}, nil
}

func (f *fakeMembers) ImportVCard(_ context.Context, r io.Reader) (members.ImportResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	data, _ := io.ReadAll(r)
	if err := f.record("ImportVCard %d", strings.Count(string(data), "BEGIN:VCARD")); err != nil {
		return members.ImportResult{}, err
	}
	return members.ImportResult{Created: strings.Count(string(data), "BEGIN:VCARD")}, nil
}
