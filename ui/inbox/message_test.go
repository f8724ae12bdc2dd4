package inbox

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

// People are named as their channel knows them: an X recipient by @handle,
// never by X's numeric id; our own message as "You", once.
func TestPeopleAreNamedAsTheirChannelKnowsThem(t *testing.T) {
	wire := core.Person{Name: "GameWire", Address: "1500000102", Handle: "xgamewire"}
	tests := []struct {
		name string
		it   core.Item
		want []string
	}{
		{"an X reply", core.Item{Kind: core.ItemXReply, Outgoing: true, Author: core.Person{Name: "You"},
			To: []core.Person{wire}, Text: "Fix is coming"}, []string{"You", "To: GameWire @xgamewire"}},
		{"an X mention without a handle", core.Item{Kind: core.ItemXMention, Author: core.Person{Address: "42"},
			To: []core.Person{{Address: "1500000001"}}, Text: "hi"}, []string{"Someone on X", "hi"}},
		{"a mail", core.Item{Kind: core.ItemEmail, Author: core.Person{Name: "Anna", Address: "anna@example.org"},
			To: []core.Person{{Name: "Team", Address: "team@example.org"}}, Text: "x"},
			[]string{"Anna <anna@example.org>", "To: Team <team@example.org>"}},
		{"our mail", core.Item{Kind: core.ItemEmail, Outgoing: true, Author: core.Person{Name: "Team", Address: "team@example.org"}, Text: "x"},
			[]string{"You (Team <team@example.org>)"}},
	}
	for _, tt := range tests {
		labels := uitest.LabelsIn(messageCard(tt.it, nil, nil))
		for _, want := range tt.want {
			if !slices.Contains(labels, want) {
				t.Errorf("%s: labels %q lack %q", tt.name, labels, want)
			}
		}
		for _, l := range labels {
			if strings.Contains(l, "150000") || strings.Contains(l, "(You)") {
				t.Errorf("%s: label %q", tt.name, l)
			}
		}
	}
}

// An author's name opens their member file.
func TestAuthorOpensTheMemberFile(t *testing.T) {
	h := newHarness(t)
	var opened int64
	h.s.OpenMember = func(id int64) { opened = id }
	it := h.item(h.id(2))
	if it.MemberID == 0 {
		t.Fatal("the sample author has no member file: the test proves nothing")
	}
	h.selectID(it.ID)
	var link *widget.Hyperlink
	h.WaitFor("the author's name", func() bool {
		for _, o := range test.LaidOutObjects(h.s.thread.messages) {
			if l, ok := o.(*widget.Hyperlink); ok && l.Text == personLine(it) {
				link = l
			}
		}
		return link != nil
	})
	test.TapAt(link, fyne.NewPos(10, link.Size().Height/2)) // on the text, where a click follows a link
	if opened != it.MemberID {
		t.Errorf("opened member %d, want %d", opened, it.MemberID)
	}
}
