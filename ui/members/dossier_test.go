package members

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/ui/internal/uitest"
	"github.com/hearthhq/hearth/ui/kit"
)

// openClaire opens Claire's file from the table, as a tap on her row does.
func openClaire(t *testing.T, h *harness) *dossierView {
	t.Helper()
	s := membersOf(h)
	s.table.list.Select(0)
	h.WaitFor("the dossier", func() bool { return s.dossier.loaded })
	if s.dossier.memberID != h.id("Claire Dubois") || s.main.Visible() {
		t.Fatalf("dossier of %d open, table visible %v", s.dossier.memberID, s.main.Visible())
	}
	return s.dossier
}

func TestDossierShowsIdentitiesOfThreeChannels(t *testing.T) {
	h := newMembersHarness(t)
	v := openClaire(t, h)
	text := strings.Join(uitest.LabelsIn(v.ids), "|")
	for _, want := range []string{"claire@exemple.fr", "@claire.db", "310 followers", "@claire_builds",
		"Claire ✦ builds · 12.4k followers · verified"} {
		if !strings.Contains(text, want) {
			t.Errorf("identities do not show %q: %q", want, text)
		}
	}
	if n := len(uitest.ButtonsIn(v.ids)); n != 3 {
		t.Errorf("%d Split off buttons, want one per identity", n)
	}
	if got := v.avatar.text.Text; got != "CD" {
		t.Errorf("avatar initials = %q", got)
	}
	// First seen is the earliest of the join and the first sighting (core.Member).
	if got := kit.SegmentText(v.dates); got != "Joined 1 Jun 2024 · first seen 1 Jun 2024 · last seen 12 min ago · last written to yesterday" {
		t.Errorf("dates = %q", got)
	}
}

func TestDossierTimelineNewestFirst(t *testing.T) {
	h := newMembersHarness(t)
	v := openClaire(t, h)
	var ids []int64
	var who []string
	for _, o := range v.timeline.list.Objects {
		r := o.(*timelineRow)
		ids = append(ids, r.entry.ItemID)
		who = append(who, timelineWho(r.entry))
	}
	var want []int64
	for _, it := range slices.Backward(claireWrote()) {
		want = append(want, h.ids.items[it.Text])
	}
	if !slices.Equal(ids, want) {
		t.Errorf("timeline = %v, want %v", ids, want)
	}
	if want := []string{"E-mail", "You replied", "VK comment", "Mention on X", "E-mail"}; !slices.Equal(who, want) {
		t.Errorf("timeline authors = %q, want %q", who, want)
	}
	if v.timeline.more.Visible() {
		t.Error("Load older is offered under a short timeline")
	}
}

func TestDossierExplainsStanding(t *testing.T) {
	h := newMembersHarness(t)
	v := openClaire(t, h)
	text := strings.Join(uitest.LabelsIn(v.standing), "|")
	for _, want := range []string{"Activity 9", "In the last 30 days: posts 1, comments 1, messages 2 (score 9); last seen 12 min ago.",
		"In the last 180 days: 4 written, 2 warm, 0 cold (score 0.33).",
		"Activity 9 is at or above 6.", "Regular: last wrote 12 min ago.", "Greeted on 3 Jun 2024"} {
		if !strings.Contains(text, want) {
			t.Errorf("standing does not say %q: %q", want, text)
		}
	}
}

// In a translated window the standing is explained in its language, not
// in core's English.
func TestDossierExplainsStandingInRussian(t *testing.T) {
	if _, err := kit.UseLanguage("ru"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = kit.UseLanguage("en") })
	h := newMembersHarness(t)
	v := openClaire(t, h)
	text := strings.Join(uitest.LabelsIn(v.standing), "|")
	for _, want := range []string{"За последние 30 дней: постов 1, комментариев 1, сообщений 2 (оценка 9)",
		"За последние 180 дней: написано 4, тёплых 2, холодных 0 (оценка 0,33).",
		"Активность 9 не ниже 6.", "Постоянный: последний раз писал 12 мин назад."} {
		if !strings.Contains(text, want) {
			t.Errorf("standing does not say %q: %q", want, text)
		}
	}
	for _, english := range []string{"in the last", "is at or above", "last wrote"} {
		if strings.Contains(text, english) {
			t.Errorf("standing has English %q: %q", english, text)
		}
	}
}

func TestDossierTimelineOpensInInbox(t *testing.T) {
	h := newMembersHarness(t)
	v := openClaire(t, h)
	test.Tap(v.timeline.list.Objects[0].(*timelineRow))
	newest := h.ids.items[claireWrote()[4].Text]
	if !slices.Equal(h.opened, []int64{newest}) {
		t.Errorf("asked the inbox to open %v, want [%d]", h.opened, newest)
	}
}

func TestDossierAddNoteWithCtrlEnter(t *testing.T) {
	h := newMembersHarness(t)
	v := openClaire(t, h)
	h.Canvas().Focus(v.notes.entry)
	h.TypeKeys("Will bring the poster")
	v.notes.entry.TypedShortcut(uitest.CtrlEnter)
	h.WaitFor("the note", func() bool { return len(v.d.Notes) == 3 })
	if notes := h.dossier(h.id("Claire Dubois")).Notes; len(notes) != 3 || notes[0].Text != "Will bring the poster" {
		t.Errorf("the store holds notes %v", notes)
	}
	first := strings.Join(uitest.LabelsIn(v.notes.list.Objects[0]), "|")
	if !strings.Contains(first, "Will bring the poster") || !strings.Contains(first, "Wed 12 Mar 2025, 15:00") {
		t.Errorf("newest note shows %q", first)
	}
	if v.notes.entry.Text != "" {
		t.Errorf("the box kept %q", v.notes.entry.Text)
	}
}

func TestDossierNoteKeptWhenSavingFails(t *testing.T) {
	h := newMembersHarness(t)
	h.members.failNext("AddNote", errors.New("members: database is locked"))
	v := openClaire(t, h)
	v.notes.entry.SetText("Important")
	v.notes.entry.TypedShortcut(uitest.CtrlEnter)
	h.WaitFor("the failure", func() bool { return v.banner.Message() != "" })
	if v.notes.entry.Text != "Important" || len(v.d.Notes) != 2 {
		t.Errorf("after a failure the box has %q and %d notes", v.notes.entry.Text, len(v.d.Notes))
	}
	if n := len(h.dossier(h.id("Claire Dubois")).Notes); n != 2 {
		t.Errorf("the store holds %d notes, want the 2 seeded", n)
	}
}

// Interests are stored (and shown) by topic, expertise by level, then
// topic: Map editor 5, Lua scripting 2.
func TestDossierEditsTagsInterestsAndExpertise(t *testing.T) {
	tests := []struct {
		name string
		do   func(v *dossierView)
		want func(d members.Dossier) bool
	}{
		{"add tag", func(v *dossierView) { submit(v.tags.entry, "speaker") },
			func(d members.Dossier) bool { return slices.Equal(d.Member.Tags, []string{"meetup", "speaker", "vip"}) }},
		{"remove tag", func(v *dossierView) { test.Tap(uitest.ButtonsIn(v.tags.chips)[0]) },
			func(d members.Dossier) bool { return slices.Equal(d.Member.Tags, []string{"vip"}) }},
		{"add interest", func(v *dossierView) { submit(v.interests.entry, "pixel art") },
			func(d members.Dossier) bool {
				return slices.Equal(d.Interests, []string{"level design", "meetups", "modding", "pixel art"})
			}},
		{"raise expertise", func(v *dossierView) { test.Tap(uitest.ButtonsIn(v.expertise.rows)[4]) },
			func(d members.Dossier) bool {
				return slices.Equal(d.Expertise, []core.Expertise{{Topic: "Map editor", Level: 5}, {Topic: "Lua scripting", Level: 3}})
			}},
		{"add expertise", func(v *dossierView) {
			v.expertise.level.SetSelected("4")
			submit(v.expertise.topic, "Shaders")
		}, func(d members.Dossier) bool {
			return slices.Equal(d.Expertise, []core.Expertise{{Topic: "Map editor", Level: 5}, {Topic: "Shaders", Level: 4},
				{Topic: "Lua scripting", Level: 2}})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newMembersHarness(t)
			v := openClaire(t, h)
			tt.do(v)
			h.WaitFor(tt.name+" in the store", func() bool { return tt.want(h.dossier(h.id("Claire Dubois"))) })
		})
	}
}

func TestDossierProfileSavesOnEnter(t *testing.T) {
	h := newMembersHarness(t)
	v := openClaire(t, h)
	test.Tap(uitest.Button(t, v.content, "Edit profile"))
	if !v.profile.content.Visible() || v.profile.name.Text != "Claire Dubois" {
		t.Fatalf("profile form visible %v with name %q", v.profile.content.Visible(), v.profile.name.Text)
	}
	v.profile.name.SetText("Claire Dubois-Martin")
	v.profile.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.WaitFor("the save", func() bool { return h.dossier(h.id("Claire Dubois")).Member.Name == "Claire Dubois-Martin" })
	h.Settle()
	if v.name.FullText() != "Claire Dubois-Martin" || v.profile.content.Visible() {
		t.Errorf("after saving the header says %q, form visible %v", v.name.FullText(), v.profile.content.Visible())
	}
}

func TestDossierMergePickerMergesChosenMember(t *testing.T) {
	h := newMembersHarness(t)
	v := openClaire(t, h)
	p := newMergePicker(v)
	p.show()
	submit(p.query, "Dmitry")
	h.WaitFor("the results", func() bool { return len(p.found) == 1 })
	p.list.Select(0)
	h.Pump()
	test.Tap(uitest.OverlayButton(t, h.Canvas(), "Yes"))
	h.WaitFor("the merge", func() bool { return h.memberOf("5512") == h.id("Claire Dubois") })
	if m := h.list(core.MemberFilter{Query: "Dmitry"}); len(m) != 1 || m[0].ID != h.id("Claire Dubois") {
		t.Errorf("after the merge, a search for Dmitry finds %v, want only Claire's file", m)
	}

	// A wrong merge is taken back: Ctrl+Z sends the screen's Undo.
	h.WaitFor("the toast", func() bool { return strings.HasPrefix(v.toast.Message(), "Merged ") })
	membersOf(h).Undo()
	h.WaitFor("two files again", func() bool { return h.memberOf("5512") != h.id("Claire Dubois") })
	if m := h.list(core.MemberFilter{Query: "Dmitry"}); len(m) != 1 || m[0].ID == h.id("Claire Dubois") {
		t.Errorf("after the undo, a search for Dmitry finds %v, want his own file", m)
	}
}

func TestDossierDeleteAfterConfirm(t *testing.T) {
	h := newMembersHarness(t)
	v := openClaire(t, h)
	test.Tap(uitest.Button(t, v.content, "Delete…"))
	h.Pump()
	test.Tap(uitest.OverlayButton(t, h.Canvas(), "Delete"))
	s := membersOf(h)
	h.WaitFor("the table", func() bool { return s.main.Visible() && len(s.rows) == 9 })
	if _, err := h.ws.Members.Dossier(context.Background(), h.id("Claire Dubois")); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("Claire's file after the deletion: %v, want not found", err)
	}
}

func TestDossierSplitAfterConfirm(t *testing.T) {
	h := newMembersHarness(t)
	v := openClaire(t, h)
	test.Tap(uitest.ButtonsIn(v.ids)[2]) // the X identity
	h.Pump()
	test.Tap(uitest.OverlayButton(t, h.Canvas(), "Yes"))
	h.WaitFor("the split", func() bool { return h.memberOf("99887766") != h.id("Claire Dubois") })
	if h.memberOf("claire@exemple.fr") != h.id("Claire Dubois") || h.memberOf("1450099") != h.id("Claire Dubois") {
		t.Error("the split took more than the X identity out of Claire's file")
	}
}

// submit types into a one-line box and presses Enter.
func submit(e *kit.Entry, text string) {
	test.Type(e, text)
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

// closeBuffer is a bytes.Buffer that records being closed.
type closeBuffer struct {
	bytes.Buffer
	closed bool
}

func (b *closeBuffer) Close() error { b.closed = true; return nil }

func TestExportWritesWholeFile(t *testing.T) {
	h := newMembersHarness(t)
	var buf closeBuffer
	if err := membersOf(h).writeMemberFile(context.Background(), h.id("Claire Dubois"), &buf); err != nil {
		t.Fatal(err)
	}
	var file members.MemberFile
	if err := json.Unmarshal(buf.Bytes(), &file); err != nil {
		t.Fatalf("export is not JSON: %v", err)
	}
	if !buf.closed || file.Dossier.Member.Name != "Claire Dubois" || len(file.Dossier.Timeline) != 5 {
		t.Errorf("closed %v, exported %q with %d timeline entries", buf.closed, file.Dossier.Member.Name, len(file.Dossier.Timeline))
	}
	if got := exportName(file.Dossier.Member); got != "member-Claire-Dubois.json" {
		t.Errorf("file name = %q", got)
	}
}

func TestDossierBackReloadsTable(t *testing.T) {
	h := newMembersHarness(t)
	v := openClaire(t, h)
	submit(v.tags.entry, "speaker")
	h.WaitFor("the tag", func() bool { return slices.Contains(h.dossier(h.id("Claire Dubois")).Member.Tags, "speaker") })
	test.Tap(uitest.Button(t, v.content, "Members"))
	s := membersOf(h)
	h.WaitFor("the table", func() bool { return s.main.Visible() && slices.Contains(s.rows[0].Tags, "speaker") })
}
