package inbox

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

// vkDiscussion is our post and a discussion under it: Анна asks, Игорь
// answers her, Анна answers him, Сергей comments on the post.
func vkDiscussion() []core.Item {
	ago := func(m int) time.Time { return uitest.Now.Add(-time.Duration(m) * time.Minute) }
	post, c := "-7_10", func(n string) string { return "-7_10_" + n }
	vk := func(id, who, text string, m int, refs ...string) core.Item {
		return core.Item{Account: "Hearth VK", Kind: core.ItemVKComment, RemoteID: id, ThreadRefs: refs,
			Author: core.Person{Name: who, Address: "1" + id[len(id)-1:]}, Text: text, CreatedAt: ago(m), State: core.StateNew}
	}
	ours := core.Item{Account: "Hearth VK", Kind: core.ItemVKPost, RemoteID: post, Author: core.Person{Name: "Hearth"},
		Text: "Board-game night on Friday: who brings Cascadia?", CreatedAt: ago(60), Outgoing: true, State: core.StateDone, Seen: true}
	return []core.Item{ours,
		vk(c("1"), "Анна Смирнова", "Я принесу! А во сколько начало?", 50, post),
		vk(c("2"), "Игорь Волков", "Анна, в семь, как обычно.", 40, post, c("1")),
		vk(c("3"), "Анна Смирнова", "Спасибо, Игорь!", 30, post, c("1"), c("2")),
		vk(c("4"), "Сергей Козлов", "I can bring snacks.", 20, post),
	}
}

// cardX is where the text of the message holding text starts.
func cardX(t *testing.T, h *harness, text string) float32 {
	t.Helper()
	for _, o := range test.LaidOutObjects(h.s.thread.messages) {
		if r, ok := o.(*widget.RichText); ok && strings.Contains(r.String(), text) {
			return fyne.CurrentApp().Driver().AbsolutePositionForObject(r).X
		}
	}
	t.Fatalf("no message %q in the thread", text)
	return 0
}

func TestVKRepliesAreIndentedUnderWhatTheyAnswer(t *testing.T) {
	h := newHarness(t, withItems(vkDiscussion()))
	h.s.OpenItem(h.id(5))
	h.WaitFor("the discussion", func() bool { return h.s.thread.shown == 5 })
	h.Relayout()
	top, igor, anna2, sergei := cardX(t, h, "А во сколько"), cardX(t, h, "в семь"), cardX(t, h, "Спасибо, Игорь"), cardX(t, h, "snacks")
	if !(top < igor && igor < anna2) {
		t.Errorf("answers are not stepped in: x = %v, %v, %v", top, igor, anna2)
	}
	if sergei != top {
		t.Errorf("a comment on the post is indented like an answer: x = %v, first comment at %v", sergei, top)
	}
	// The thread reads in tree order: Анна's answer to Игорь comes before
	// Сергей's comment although it is older by time only by chance here.
	texts := strings.Join(uitest.TextsIn(h.s.thread.messages), "\n")
	if strings.Index(texts, "Спасибо, Игорь") > strings.Index(texts, "snacks") {
		t.Error("an answer is shown after a later comment on the post, not under its thread")
	}
}

func TestReplyToOneCommentThreadsUnderIt(t *testing.T) {
	h := newHarness(t, withItems(vkDiscussion()))
	face := h.id(5)
	h.s.OpenItem(face)
	h.WaitFor("the discussion", func() bool { return h.s.thread.shown == 5 })
	c := h.composer()
	if got := c.rcpt.line.Text; got != "To Сергей Козлов · public VK comment, threaded under their comment" {
		t.Errorf("the composer says %q before anything is picked", got)
	}
	// Every message offers Reply (the post too: a comment under it); the
	// third card is Игорь's comment, in tree order post, Анна, Игорь.
	var replies []*widget.Button
	for _, b := range uitest.ButtonsIn(h.s.thread.messages) {
		if isIcon(b, theme.MailReplyIcon()) {
			replies = append(replies, b)
		}
	}
	if len(replies) != 5 {
		t.Fatalf("%d messages offer Reply, want all 5", len(replies))
	}
	igor := h.id(3)
	test.Tap(replies[2])
	if got := c.rcpt.line.Text; got != "Answering this message: To Игорь Волков · public VK comment, threaded under their comment" {
		t.Errorf("the composer says %q", got)
	}
	if h.Canvas().Focused() != c.entry {
		t.Error("picking a message to answer did not put the cursor in the reply")
	}
	h.TypeKeys("Игорь, спасибо!")
	c.entry.TypedShortcut(uitest.CtrlEnter)
	h.WaitFor("the reply queued on Игорь's comment", func() bool { return len(h.replies(igor)) == 1 })
	if got := h.replies(face); len(got) != 0 {
		t.Errorf("the conversation's newest message got a reply too: %q", got)
	}
	// Back to the conversation: the composer answers the newest again.
	test.Tap(c.rcpt.back)
	if c.item.ID != face || !c.rcpt.back.Hidden {
		t.Errorf("back answers item %d (want %d), back button shown %v", c.item.ID, face, !c.rcpt.back.Hidden)
	}
}

// The post is answered with a comment under it; feed entries and deleted
// messages offer no Reply.
func TestWhatCanBeAnswered(t *testing.T) {
	tests := []struct {
		it   core.Item
		want bool
	}{
		{core.Item{Kind: core.ItemVKPost, Outgoing: true}, true},
		{core.Item{Kind: core.ItemVKComment, Outgoing: true}, false},
		{core.Item{Kind: core.ItemVKComment, Deleted: true}, false},
		{core.Item{Kind: core.ItemFeed}, false},
		{core.Item{Kind: core.ItemEmail}, true},
		{core.Item{Kind: core.ItemXMention}, true},
	}
	for _, tt := range tests {
		if got := canAnswer(tt.it); got != tt.want {
			t.Errorf("canAnswer(%s, outgoing %v, deleted %v) = %v", tt.it.Kind, tt.it.Outgoing, tt.it.Deleted, got)
		}
	}
}

func TestMailReplyHeadersAreEditable(t *testing.T) {
	h := newHarness(t)
	h.TypeKeys("j") // Claire's e-mail
	id := h.id(1)
	c := h.composer()
	if c.rcpt.to.Text != "Claire Dubois <claire@exemple.fr>" || c.rcpt.subject.Text != "Re: Rencontre de samedi : toujours à 15 h ?" {
		t.Fatalf("defaults: To %q, Subject %q", c.rcpt.to.Text, c.rcpt.subject.Text)
	}
	// One line says the headers until the person opens them: the
	// conversation keeps its room.
	if want := "To Claire Dubois <claire@exemple.fr> · private e-mail · Re: Rencontre de samedi : toujours à 15 h ?"; c.rcpt.line.Text != want || c.rcpt.mail.Visible() {
		t.Errorf("before Edit: line %q, To field shown %v; want %q and no field", c.rcpt.line.Text, c.rcpt.mail.Visible(), want)
	}
	test.Tap(c.rcpt.edit)
	if !c.rcpt.mail.Visible() || c.rcpt.line.Visible() || c.rcpt.edit.Visible() {
		t.Fatalf("after Edit: fields %v, line %v, Edit %v; want the fields in place of the line",
			c.rcpt.mail.Visible(), c.rcpt.line.Visible(), c.rcpt.edit.Visible())
	}
	if c.rcpt.cc.Visible() {
		t.Error("Cc shows before the person asks for it")
	}
	test.Tap(c.rcpt.addCc)
	if !c.rcpt.cc.Visible() {
		t.Fatal("the Cc button shows no Cc field")
	}

	// A Cc that is no address is said, and nothing is queued.
	c.rcpt.cc.SetText("the venue")
	c.focus()
	h.TypeKeys("On se voit samedi.")
	c.entry.TypedShortcut(uitest.CtrlEnter)
	h.Settle()
	if got := h.replies(id); len(got) != 0 {
		t.Fatalf("queued with a bad Cc: %q", got)
	}
	if !strings.HasPrefix(c.note.Text, "Cc: ") {
		t.Errorf("note = %q, want the Cc problem", c.note.Text)
	}

	c.rcpt.cc.SetText("Salle Voltaire <salle@voltaire.example>")
	c.rcpt.subject.SetText("Samedi : la salle")
	c.entry.TypedShortcut(uitest.CtrlEnter)
	h.WaitFor("the reply queued", func() bool { return len(h.replies(id)) == 1 })
	var p struct {
		To, Cc  []core.Person
		Subject string
	}
	if err := json.Unmarshal(h.outbox(id, core.OpReply)[0].Payload, &p); err != nil {
		t.Fatal(err)
	}
	if len(p.To) != 1 || p.To[0].Address != "claire@exemple.fr" || len(p.Cc) != 1 || p.Cc[0].Address != "salle@voltaire.example" || p.Subject != "Samedi : la salle" {
		t.Errorf("queued headers %+v", p)
	}
}

// isIcon reports whether a button shows icon (buttons with no text are
// told apart by their icon).
func isIcon(b *widget.Button, icon fyne.Resource) bool {
	return b.Icon != nil && b.Icon.Name() == icon.Name()
}
