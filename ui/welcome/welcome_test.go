package welcome

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/ui/internal/uitest"
	"github.com/hearthhq/hearth/ui/kit"
)

func TestEachWayToBeginDoesWhatItSays(t *testing.T) {
	w := uitest.NewScreenWindow(t, uitest.SmallestScreen)
	var did []string
	demoErr := errors.New("exec: hearth: not found")
	// TryDemo runs off the UI goroutine while WaitFor reads the count.
	var demos atomic.Int32
	s := New(w.Env, Actions{
		TryDemo: func(context.Context) error {
			if demos.Add(1) == 1 {
				return demoErr
			}
			return nil
		},
		AddMail:       func() { did = append(did, "mail") },
		AddVK:         func() { did = append(did, "vk") },
		AddX:          func() { did = append(did, "x") },
		ImportMembers: func() { did = append(did, "import") },
		Later:         func() { did = append(did, "later") },
	})
	w.Win.SetContent(s.Content())
	for _, label := range []string{"Add an e-mail account", "Add a VK community", "Add an X account", "Import members", "Not now"} {
		test.Tap(uitest.Button(t, s.Content(), label))
	}
	if got := len(did); got != 5 || did[0] != "mail" || did[1] != "vk" || did[2] != "x" || did[3] != "import" || did[4] != "later" {
		t.Errorf("buttons did %v", did)
	}

	test.Tap(uitest.Button(t, s.Content(), "Try the demo"))
	w.WaitFor("the demo's failure", func() bool { return s.status.Visible() && s.status.Text != "Opening the demo…" })
	if want := "The demo did not open: Exec: hearth: not found."; s.status.Text != want {
		t.Errorf("after a failed start: %q, want %q", s.status.Text, want)
	}
	if s.demo.Disabled() {
		t.Errorf("the demo button stays disabled after a failure: no second try")
	}
	test.Tap(s.demo)
	w.WaitFor("the demo", func() bool { return demos.Load() == 2 && !s.demo.Disabled() })
	if want := "The demo opens in a window of its own. This workspace stays as it is, for your own accounts."; s.status.Text != want {
		t.Errorf("after the demo started: %q", s.status.Text)
	}
}

func TestWaysNotWiredAreNotOffered(t *testing.T) {
	w := uitest.NewScreenWindow(t, uitest.SmallestScreen)
	s := New(w.Env, Actions{AddMail: func() {}})
	labels := uitest.ButtonsIn(s.Content())
	if len(labels) != 1 || labels[0].Text != "Add an e-mail account" {
		var got []string
		for _, b := range labels {
			got = append(got, b.Text)
		}
		t.Errorf("offered %q with only e-mail wired", got)
	}
}

// In every language each way to begin shows its whole label: the buttons
// are as wide as the longest ("Импортировать участников").
func TestButtonsHoldTheirLabelsInEveryLanguage(t *testing.T) {
	t.Cleanup(func() { _, _ = kit.UseLanguage("en") })
	for _, code := range kit.Languages {
		if _, err := kit.UseLanguage(code); err != nil {
			t.Fatal(err)
		}
		w := uitest.NewScreenWindow(t, uitest.SmallestScreen)
		fyne.CurrentApp().Settings().SetTheme(theme.DefaultTheme())
		nop := func() {}
		s := New(w.Env, Actions{TryDemo: func(context.Context) error { return nil },
			AddMail: nop, AddVK: nop, AddX: nop, ImportMembers: nop, Later: nop})
		w.Win.SetContent(s.Content())
		w.Relayout()
		for _, o := range test.LaidOutObjects(s.Content()) {
			if b, ok := o.(*widget.Button); ok && b.Size().Width+0.5 < b.MinSize().Width {
				t.Errorf("%s: %q gets %v of the %v it needs", code, b.Text, b.Size().Width, b.MinSize().Width)
			}
		}
	}
}
