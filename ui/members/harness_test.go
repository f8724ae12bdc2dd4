package members

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

func TestMain(m *testing.M) {
	// Relative times and dates are computed in local time: pin it.
	time.Local = time.UTC
	dir, err := os.MkdirTemp("", "hearth-members-test")
	if err != nil {
		panic(err)
	}
	samplesDB.path = filepath.Join(dir, "samples.db")
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// samplesDB is the sample community, seeded once and copied for each test.
var samplesDB struct {
	once sync.Once
	path string
	ids  sampleIDs
}

// sampleIDs are the store's ids of the sample community.
type sampleIDs struct {
	accounts   map[string]int64 // by account name
	members    map[string]int64 // by the member's name
	identities map[string]int64 // by address
	items      map[string]int64 // by text, as written (Claire's timeline)
}

// harness is the members screen on the real core members service over a
// temporary store holding the sample community, in a window of the size
// the screen gets in the default window.
type harness struct {
	*uitest.Window
	s       *Screen
	ws      *coretest.Workspace
	members *faultyMembers
	// writer sends greetings through the real outbox when withWriter is
	// given; nil otherwise (the composer copies).
	writer     *faultyWriter
	withWriter bool
	// allowDM lists the items whose authors accept a private message, as
	// their channel would say (greet_private_test.go).
	allowDM map[int64]bool
	setup   func(h *harness)
	// greetings are the greeting templates of Settings (nil: none).
	greetings Greetings
	ids       sampleIDs
	// opened are the items the screen asked the inbox to show.
	opened []int64
}

type option func(*harness)

// withWriter lets the screen send greetings through the real writer: the
// members service's routes and the inbox's outbox.
func withWriter() option { return func(h *harness) { h.withWriter = true } }

// withSetup changes the workspace (or arms a fault) before the screen
// starts.
func withSetup(f func(h *harness)) option { return func(h *harness) { h.setup = f } }

// newMembersHarness shows the member files over a copy of the sample
// community with the first page loaded.
func newMembersHarness(t *testing.T, opts ...option) *harness {
	t.Helper()
	loadLanguage(t)
	h := &harness{Window: uitest.NewScreenWindow(t, uitest.ScreenSize)}
	for _, o := range opts {
		o(h)
	}
	samplesDB.once.Do(func() {
		ws := coretest.Open(t, clock)
		samplesDB.ids = seed(t, ws)
		ws.Snapshot(t, samplesDB.path)
	})
	if samplesDB.ids.members == nil {
		t.Fatal("the sample community could not be seeded")
	}
	h.ws, h.ids = coretest.OpenCopy(t, samplesDB.path, clock), samplesDB.ids
	h.members = &faultyMembers{Service: h.ws.Members}
	var writer MemberWriter
	if h.withWriter {
		h.writer = &faultyWriter{Writer: members.NewWriter(h.ws.Members, &channelInbox{Service: h.ws.Inbox, h: h})}
		writer = h.writer
	}
	if h.setup != nil {
		h.setup(h)
	}
	h.s = New(h.Env, Backend{Members: h.members, Writer: writer, Greetings: h.greetings}, func(id int64) { h.opened = append(h.opened, id) })
	h.Win.SetContent(h.s.Content())
	h.Win.Show()
	h.s.Start()
	h.s.Shown()
	h.WaitFor("the members table", func() bool { return h.s.loaded })
	return h
}

// clock is the fixed clock of the store and the services.
func clock() time.Time { return uitest.Now }

// membersOf is the members screen of a harness.
func membersOf(h *harness) *Screen { return h.s }

// id is the store's id of a sample member by name.
func (h *harness) id(name string) int64 {
	h.T.Helper()
	id, ok := h.ids.members[name]
	if !ok {
		h.T.Fatalf("no sample member %q", name)
	}
	return id
}

// idOf is the store's id of a member by exact name, for members a test
// added to the sample community.
func (h *harness) idOf(name string) int64 {
	h.T.Helper()
	for _, m := range h.list(core.MemberFilter{Query: name}) {
		if m.Name == name {
			return m.ID
		}
	}
	h.T.Fatalf("no member %q", name)
	return 0
}

// dossier is a member's file as the store now holds it.
func (h *harness) dossier(id int64) members.Dossier {
	h.T.Helper()
	d, err := h.ws.Members.Dossier(context.Background(), id)
	if err != nil {
		h.T.Fatalf("dossier %d: %v", id, err)
	}
	return d
}

// memberOf is the member an identity (by address) now belongs to.
func (h *harness) memberOf(address string) int64 {
	h.T.Helper()
	id, err := h.ws.Store.MemberOfIdentity(context.Background(), h.ids.identities[address])
	if err != nil {
		h.T.Fatalf("member of %s: %v", address, err)
	}
	return id
}

// list is a page of the members table as the store now holds it.
func (h *harness) list(f core.MemberFilter) []core.Member {
	h.T.Helper()
	p, err := h.ws.Members.List(context.Background(), f)
	if err != nil {
		h.T.Fatalf("list %+v: %v", f, err)
	}
	return p.Members
}

// ritualsOf are the rituals the store holds as done for a member.
func (h *harness) ritualsOf(id int64) []core.Ritual {
	h.T.Helper()
	var out []core.Ritual
	for _, r := range h.dossier(id).Rituals {
		out = append(out, r.Ritual)
	}
	return out
}

// seed writes the sample community into ws through the public ways in:
// identities and items as sync batches, merges, tags, profile, topics and
// meetups through the services, dated notes and rituals through coretest;
// then the refresh the app runs after a sync computes the scores.
func seed(t *testing.T, ws *coretest.Workspace) sampleIDs {
	t.Helper()
	ctx := context.Background()
	ids := sampleIDs{accounts: map[string]int64{}, members: map[string]int64{},
		identities: map[string]int64{}, items: map[string]int64{}}
	accountOf := map[core.IdentityKind]int64{}
	for _, a := range sampleAccounts() {
		a = ws.AddAccount(t, a)
		ids.accounts[a.Name] = a.ID
		accountOf[core.IdentityKindOf(a.Kind)] = a.ID
	}
	check := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("seed: %s: %v", what, err)
		}
	}
	for _, sm := range sampleMembers() {
		var first int64
		for i, ident := range sm.identities {
			got, mids := ws.AddIdentities(t, accountOf[ident.Kind], ident)
			ids.identities[ident.Address] = got[0].ID
			if i == 0 {
				first = mids[0]
				ids.members[ident.Name] = first
				continue
			}
			check("merge "+ident.Address, ws.Members.Merge(ctx, first, mids[0]))
		}
		for _, it := range sm.wrote {
			kind := core.IdentityKindOf(accountKind(it.Kind))
			author := sm.identities[0]
			for _, ident := range sm.identities {
				if ident.Kind == kind {
					author = ident
				}
			}
			if !it.Outgoing {
				it.Author = core.Person{Name: author.Name, Address: author.Address, Handle: author.Handle}
			}
			stored := ws.AddItems(t, accountOf[kind], it)[0]
			ids.items[it.Text] = stored.ID
		}
		if len(sm.tags) > 0 {
			check("tag", ws.Members.Tag(ctx, []int64{first}, sm.tags, nil))
		}
	}
	seedClaireFile(t, ws, ids.members["Claire Dubois"])
	ws.RefreshMembers(t)
	return ids
}

// accountKind is the kind of account an item of kind k comes from.
func accountKind(k core.ItemKind) core.AccountKind {
	switch k {
	case core.ItemVKComment, core.ItemVKPost:
		return core.KindVK
	case core.ItemXMention, core.ItemXReply:
		return core.KindX
	}
	return core.KindIMAP
}

// seedClaireFile writes what the community manager keeps on Claire.
func seedClaireFile(t *testing.T, ws *coretest.Workspace, id int64) {
	t.Helper()
	ctx := context.Background()
	f := claireFile
	err := ws.Members.UpdateProfile(ctx, id, core.MemberProfile{Location: &f.location, Language: &f.language, Bio: &f.bio})
	if err == nil {
		err = ws.Members.SetInterests(ctx, id, f.interests)
	}
	if err == nil {
		err = ws.Members.SetExpertise(ctx, id, f.expertise)
	}
	if err == nil {
		m := f.meetup
		m.Attendees = []core.Attendee{{MemberID: id, Name: "Claire Dubois"}}
		_, err = ws.Calendar.CreateMeetup(ctx, m)
	}
	if err != nil {
		t.Fatalf("seed Claire's file: %v", err)
	}
	for _, n := range f.notes {
		ws.AddNote(t, id, n.Text, n.At)
	}
	ws.MarkRitual(t, core.RitualWelcome, f.welcomed, id)
}
