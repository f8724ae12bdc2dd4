package inbox

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/hearthhq/hearth/ui/internal/uitest"
)

// The author's file sits beside the conversation: who they are, their
// tags and notes editable in place, and their name opens the whole file.
func TestMemberPanelBesideTheConversation(t *testing.T) {
	h := newHarness(t)
	var opened int64
	h.s.OpenMember = func(id int64) { opened = id }
	h.TypeKeys("j") // Claire's conversation
	p := h.s.panel
	if p.content.Visible() {
		t.Fatal("the panel shows on a window too small for three columns")
	}
	h.s.toggleMember()
	it := h.item(h.id(1))
	if it.MemberID == 0 {
		t.Fatal("Claire has no member file: the test proves nothing")
	}
	h.WaitFor("her file", func() bool { return p.body.Visible() && p.name.Text == "Claire Dubois" })
	if got := strings.Join(uitest.LabelsIn(p.identities), " "); !strings.Contains(got, "claire@exemple.fr") {
		t.Errorf("identities read %q", got)
	}

	test.Type(p.tagEntry, "regular")
	p.tagEntry.OnSubmitted(p.tagEntry.Text)
	h.WaitFor("the tag on her file", func() bool {
		d, err := h.ws.Members.Dossier(context.Background(), it.MemberID)
		return err == nil && slices.Contains(d.Member.Tags, "regular")
	})
	h.WaitFor("the tag in the panel", func() bool {
		for _, b := range uitest.ButtonsIn(p.tags) {
			if b.Text == "#regular" {
				return true
			}
		}
		return false
	})

	test.Type(p.noteEntry, "Brings friends to every meetup.")
	test.Tap(uitest.Button(t, p.body, "Add note"))
	h.WaitFor("the note on her file", func() bool {
		d, err := h.ws.Members.Dossier(context.Background(), it.MemberID)
		return err == nil && len(d.Notes) == 1 && d.Notes[0].Text == "Brings friends to every meetup."
	})
	h.WaitFor("the note in the panel", func() bool {
		return slices.ContainsFunc(uitest.LabelsIn(p.notes), func(s string) bool { return strings.HasPrefix(s, "Brings friends") })
	})

	test.Tap(p.name)
	if opened != it.MemberID {
		t.Errorf("her name opened member %d, want %d", opened, it.MemberID)
	}

	// Another author: the panel follows the conversation.
	h.TypeKeys("j")
	h.WaitFor("Дмитрий's file", func() bool { return p.name.Text == "Дмитрий Иванов" })
}
