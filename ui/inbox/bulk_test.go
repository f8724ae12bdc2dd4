package inbox

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

// holding makes the next list clicks happen with mod held.
func holding(t *testing.T, mod fyne.KeyModifier) {
	old := modifiers
	modifiers = func() fyne.KeyModifier { return mod }
	t.Cleanup(func() { modifiers = old })
}

func TestXPicksConversationsForOneStepAndUndo(t *testing.T) {
	h := newHarness(t)
	first, second := h.id(1), h.id(2)
	h.TypeKeys("jxjx")
	if got := h.s.marks.label.Text; got != "2 conversations selected" || h.s.marks.bar.Hidden {
		t.Fatalf("bar says %q (hidden %v)", got, h.s.marks.bar.Hidden)
	}
	h.TypeKeys("e")
	h.WaitFor("both done", func() bool {
		return h.item(first).State == core.StateDone && h.item(second).State == core.StateDone
	})
	if ids := h.ids(); slices.Contains(ids, first) || slices.Contains(ids, second) {
		t.Error("done conversations are still listed in the inbox")
	}
	h.WaitFor("the toast", func() bool { return h.s.toast.Message() == "Marked 2 conversations as done." })
	if !h.s.marks.bar.Hidden {
		t.Error("the picks stayed after the step")
	}
	h.Canvas().(fyne.Shortcutable).TypedShortcut(ctrlZ)
	h.WaitFor("both back", func() bool {
		ids := h.ids()
		return slices.Contains(ids, first) && slices.Contains(ids, second) &&
			h.item(first).State != core.StateDone && h.item(second).State != core.StateDone
	})
}

func TestCtrlAndShiftClickPickWithoutOpening(t *testing.T) {
	h := newHarness(t)
	h.TypeKeys("j") // the first conversation is open
	open := h.id(1)
	holding(t, fyne.KeyModifierControl)
	h.s.list.Select(2) // Ctrl+click the third row
	h.Settle()
	if h.s.selectedID != open {
		t.Fatalf("a Ctrl+click opened conversation %d", h.s.selectedID)
	}
	if got := h.s.marks.ids; !slices.Equal(got, []int64{open, h.ids()[2]}) {
		t.Errorf("picked %v, want the open one and the clicked one", got)
	}
	holding(t, fyne.KeyModifierShift)
	h.s.list.Select(5) // Shift+click: rows 3 to 6
	h.Settle()
	if got := len(h.s.marks.ids); got != 5 {
		t.Errorf("after Shift+click %d are picked, want 5 (rows 1, 3-6)", got)
	}
	holding(t, 0)
	h.s.list.Unselect(5)
	h.Canvas().(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(h.s.marks.ids) != 0 || !h.s.marks.bar.Hidden {
		t.Errorf("Esc left %d picks", len(h.s.marks.ids))
	}
}

func TestBulkTagAndItsUndo(t *testing.T) {
	h := newHarness(t)
	a, b := h.id(3), h.id(4)
	h.s.marks.toggle(a)
	h.s.marks.toggle(b)
	h.s.bulkTag(h.s.marks.picked(), "contest")
	h.WaitFor("both tagged", func() bool {
		return slices.Contains(h.item(a).Tags, "contest") && slices.Contains(h.item(b).Tags, "contest")
	})
	h.WaitFor("the toast", func() bool { return h.s.toast.Message() == "Tagged 2 conversations #contest." })
	h.s.toast.Undo()
	h.WaitFor("the tag gone again", func() bool {
		return !slices.Contains(h.item(a).Tags, "contest") && !slices.Contains(h.item(b).Tags, "contest")
	})
}

func TestATagCanBeTakenBack(t *testing.T) {
	h := newHarness(t)
	h.TypeKeys("jj")
	id := h.id(2)
	h.s.changeTag("urgent", true)
	h.WaitFor("the tag", func() bool { return slices.Contains(h.item(id).Tags, "urgent") })
	h.WaitFor("the toast", func() bool { return strings.Contains(h.s.toast.Message(), "#urgent") })
	h.s.toast.Undo()
	h.WaitFor("the tag gone", func() bool { return !slices.Contains(h.item(id).Tags, "urgent") })
}

// One # on a regular correspondent asks first; once agreed, that author is
// not asked about again.
func TestSpamOfARegularAuthorAsksOnce(t *testing.T) {
	mail := func(subject string, hours int) core.Item {
		return core.Item{Kind: core.ItemEmail, Subject: subject, Author: core.Person{Name: "Ольга Петрова", Address: "olga@example.ru"},
			Text: subject, CreatedAt: uitest.Now.Add(-time.Duration(hours) * time.Hour), State: core.StateNew}
	}
	h := newHarness(t, withItems([]core.Item{mail("Жалоба на модератора", 1), mail("Турнир", 30), mail("Вопрос", 60)}))
	id := h.id(1)
	h.selectID(id)
	h.TypeKeys("#")
	h.WaitFor("the question", func() bool { return h.Canvas().Overlays().Top() != nil })
	if labels := strings.Join(uitest.LabelsIn(h.Canvas().Overlays().Top()), " "); !strings.Contains(labels, "Ольга Петрова has written 3 messages to you, none of them spam.") {
		t.Errorf("the question says %q", labels)
	}
	test.Tap(uitest.OverlayButton(t, h.Canvas(), "No"))
	h.Settle()
	if h.item(id).State == core.StateSpam {
		t.Fatal("No moved it to spam")
	}
	h.TypeKeys("#")
	h.WaitFor("the question again", func() bool { return h.Canvas().Overlays().Top() != nil })
	test.Tap(uitest.OverlayButton(t, h.Canvas(), "Yes"))
	h.WaitFor("spam", func() bool { return h.item(id).State == core.StateSpam })

	next := h.id(2)
	h.selectID(next)
	h.TypeKeys("#")
	h.WaitFor("spam without asking", func() bool { return h.item(next).State == core.StateSpam })
	if h.Canvas().Overlays().Top() != nil {
		t.Error("asked again about an author already agreed")
	}
}

// # is Shift+3: the row a triage step opens next is no Shift+click, and
// j and k never pick either (seen under Xvfb: # left a row picked).
func TestKeysNeverPick(t *testing.T) {
	h := newHarness(t)
	holding(t, fyne.KeyModifierShift)
	h.TypeKeys("jj")
	h.TypeKeys("#")
	h.WaitFor("the spam step", func() bool { return h.item(h.id(2)).State == core.StateSpam })
	h.Settle()
	if len(h.s.marks.ids) != 0 || !h.s.marks.bar.Hidden {
		t.Errorf("keys picked %v", h.s.marks.ids)
	}
	if got := h.s.toast.Message(); !strings.HasPrefix(got, "Moved “Ошибка после обновления” to spam") {
		t.Errorf("toast = %q", got)
	}
}

func TestToastsNameSubjectlessMessagesByTheirWords(t *testing.T) {
	it := core.Item{Kind: core.ItemXMention, Snippet: "@hearthgame Get 10K followers in 24h!!! cheap and safe, DM now"}
	if got := stateDone(core.StateSpam, it, uitest.Now); got != "Moved “@hearthgame Get 10K followers in 24h!!!” to spam." {
		t.Errorf("%q", got)
	}
}
