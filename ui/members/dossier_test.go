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
	"fyne.io/fyne/v2/widget"

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
	if s.dossier.memberID != 1 || s.main.Visible() {
		t.Fatalf("dossier of %d open, table visible %v", s.dossier.memberID, s.main.Visible())
	}
	return s.dossier
}

func TestDossierShowsIdentitiesOfThreeChannels(t *testing.T) {
	h := newMembersHarness(t, newFakeMembers())
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
	if got := kit.SegmentText(v.dates); got != "Joined 1 Jun 2024 · first seen 2 Jun 2024 · last seen 12 min ago · last written to yesterday" {
		t.Errorf("dates = %q", got)
	}
}

func TestDossierTimelineNewestFirst(t *testing.T) {
	h := newMembersHarness(t, newFakeMembers())
	v := openClaire(t, h)
	var ids []int64
	var who []string
	for _, o := range v.timeline.list.Objects {
		r := o.(*timelineRow)
		ids = append(ids, r.entry.ItemID)
		who = append(who, timelineWho(r.entry))
	}
	if want := []int64{1, 201, 202, 203, 204}; !slices.Equal(ids, want) {
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
	h := newMembersHarness(t, newFakeMembers())
	v := openClaire(t, h)
	text := strings.Join(uitest.LabelsIn(v.standing), "|")
	for _, want := range []string{"Activity 14", "3 posts and 2 comments in the last 30 days (score 14)",
		"Advocate: activity 14 is at or above 6", "Regular: last wrote 12 min ago", "Greeted on 3 Jun 2024"} {
		if !strings.Contains(text, want) {
			t.Errorf("standing does not say %q: %q", want, text)
		}
	}
}

func TestDossierTimelineOpensInInbox(t *testing.T) {
	h := newMembersHarness(t, newFakeMembers())
	v := openClaire(t, h)
	test.Tap(v.timeline.list.Objects[0].(*timelineRow))
	if !slices.Equal(h.opened, []int64{1}) {
		t.Errorf("asked the inbox to open %v, want [1]", h.opened)
	}
}

func TestDossierAddNoteWithCtrlEnter(t *testing.T) {
	fm := newFakeMembers()
	h := newMembersHarness(t, fm)
	v := openClaire(t, h)
	h.Canvas().Focus(v.notes.entry)
	h.TypeKeys("Will bring the poster")
	v.notes.entry.TypedShortcut(uitest.CtrlEnter)
	h.WaitFor("the note", func() bool { return len(v.d.Notes) == 3 })
	if !fm.called("AddNote 1 Will bring the poster") {
		t.Errorf("calls = %q", fm.calls)
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
	fm := newFakeMembers()
	fm.fail("AddNote", errors.New("members: database is locked"))
	h := newMembersHarness(t, fm)
	v := openClaire(t, h)
	v.notes.entry.SetText("Important")
	v.notes.entry.TypedShortcut(uitest.CtrlEnter)
	h.WaitFor("the failure", func() bool { return v.banner.Message() != "" })
	if v.notes.entry.Text != "Important" || len(v.d.Notes) != 2 {
		t.Errorf("after a failure the box has %q and %d notes", v.notes.entry.Text, len(v.d.Notes))
	}
}

func TestDossierEditsTagsInterestsAndExpertise(t *testing.T) {
	tests := []struct {
		name string
		do   func(v *dossierView)
		call string
	}{
		{"add tag", func(v *dossierView) { submit(v.tags.entry, "speaker") }, "Tag [1] +[speaker] -[]"},
		{"remove tag", func(v *dossierView) { test.Tap(uitest.ButtonsIn(v.tags.chips)[0]) }, "Tag [1] +[] -[meetup]"},
		{"add interest", func(v *dossierView) { submit(v.interests.entry, "pixel art") },
			"SetInterests 1 [modding level design meetups pixel art]"},
		{"raise expertise", func(v *dossierView) { test.Tap(uitest.ButtonsIn(v.expertise.rows)[4]) },
			"SetExpertise 1 [{Map editor 5} {Lua scripting 3}]"},
		{"add expertise", func(v *dossierView) {
			v.expertise.level.SetSelected("4")
			submit(v.expertise.topic, "Shaders")
		}, "SetExpertise 1 [{Map editor 5} {Lua scripting 2} {Shaders 4}]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm := newFakeMembers()
			h := newMembersHarness(t, fm)
			v := openClaire(t, h)
			tt.do(v)
			h.WaitFor(tt.call, func() bool { return fm.called(tt.call) })
		})
	}
}

func TestDossierProfileSavesOnEnter(t *testing.T) {
	fm := newFakeMembers()
	h := newMembersHarness(t, fm)
	v := openClaire(t, h)
	test.Tap(uitest.Button(t, v.content, "Edit profile"))
	if !v.profile.content.Visible() || v.profile.name.Text != "Claire Dubois" {
		t.Fatalf("profile form visible %v with name %q", v.profile.content.Visible(), v.profile.name.Text)
	}
	v.profile.name.SetText("Claire Dubois-Martin")
	v.profile.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.WaitFor("the save", func() bool { return fm.called("UpdateProfile 1") })
	if v.name.Text != "Claire Dubois-Martin" || v.profile.content.Visible() {
		t.Errorf("after saving the header says %q, form visible %v", v.name.Text, v.profile.content.Visible())
	}
}

func TestDossierMergePickerMergesChosenMember(t *testing.T) {
	fm := newFakeMembers()
	h := newMembersHarness(t, fm)
	v := openClaire(t, h)
	p := newMergePicker(v)
	p.show()
	submit(p.query, "Dmitry")
	h.WaitFor("the results", func() bool { return len(p.found) == 1 })
	p.list.Select(0)
	h.Pump()
	test.Tap(uitest.OverlayButton(t, h.Canvas(), "Yes"))
	h.WaitFor("the merge", func() bool { return fm.called("Merge 1 9") })
}

func TestDossierDeleteAfterConfirm(t *testing.T) {
	fm := newFakeMembers()
	h := newMembersHarness(t, fm)
	v := openClaire(t, h)
	test.Tap(uitest.Button(t, v.content, "Delete…"))
	h.Pump()
	test.Tap(uitest.OverlayButton(t, h.Canvas(), "Delete"))
	h.WaitFor("the deletion", func() bool { return fm.called("Delete 1") })
	s := membersOf(h)
	h.WaitFor("the table", func() bool { return s.main.Visible() && len(s.rows) == 9 })
}

func TestDossierSplitAfterConfirm(t *testing.T) {
	fm := newFakeMembers()
	h := newMembersHarness(t, fm)
	v := openClaire(t, h)
	test.Tap(uitest.ButtonsIn(v.ids)[2]) // the X identity
	h.Pump()
	test.Tap(uitest.OverlayButton(t, h.Canvas(), "Yes"))
	h.WaitFor("the split", func() bool { return fm.called("Split 13") })
}

// submit types into a one-line box and presses Enter.
func submit(e *widget.Entry, text string) {
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
	h := newMembersHarness(t, newFakeMembers())
	var buf closeBuffer
	if err := membersOf(h).writeMemberFile(context.Background(), 1, &buf); err != nil {
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
	fm := newFakeMembers()
	h := newMembersHarness(t, fm)
	v := openClaire(t, h)
	submit(v.tags.entry, "speaker")
	h.WaitFor("the tag", func() bool { return fm.called("Tag [1] +[speaker] -[]") })
	test.Tap(uitest.Button(t, v.content, "Members"))
	s := membersOf(h)
	h.WaitFor("the table", func() bool { return s.main.Visible() && slices.Contains(s.rows[0].Tags, "speaker") })
}
