package accounts

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

// A feed watch is added like a channel: its address checked as typed, the
// feed tested, then saved with its keywords; its row says what it reads,
// and a failing feed says why in the error colour.
func TestFeedFormTestsThenAddsTheWatch(t *testing.T) {
	h := newHarness(t)
	h.openChannelForm("Watch a feed")
	f := h.s.feed
	if !f.content.Visible() || h.s.adds.Visible() {
		t.Fatal("the feed form did not open in place of the Add buttons")
	}
	test.Type(f.name, "Club forum")
	test.Type(field(t, f, "Feed address"), "forum.example.org/rss")
	test.Tap(f.SaveButton)
	if got := f.Problem.Text; got == "" || h.accountCount() != 3 {
		t.Fatalf("an address without http(s) was taken (problem %q)", got)
	}
	field(t, f, "Feed address").SetText("https://forum.example.org/rss")
	test.Type(field(t, f, "Keywords"), "Hearth Makers, очаг, ")
	h.ch.failTests(core.KindFeed, &core.RemoteError{Problem: core.ProblemConfig, Message: "the address serves a web page, not a feed"})
	test.Tap(f.TestButton)
	h.WaitFor("the failed test", func() bool { return f.Result.Importance == widget.DangerImportance })
	if want := "The test failed. The address serves a web page, not a feed."; f.Result.Text != want {
		t.Errorf("test result %q, want %q", f.Result.Text, want)
	}
	h.ch.failTests(core.KindFeed, nil)
	test.Tap(f.TestButton)
	h.WaitFor("the test", func() bool { return f.Result.Importance == widget.SuccessImportance })
	test.Tap(f.SaveButton)
	h.WaitFor("the form to close", func() bool { return !f.content.Visible() && h.s.adds.Visible() })
	a := h.mustAccount("Club forum")
	var s core.FeedSettings
	h.settings(a, &s)
	if a.Kind != core.KindFeed || s.URL != "https://forum.example.org/rss" || !slices.Equal(s.Keywords, []string{"Hearth Makers", "очаг"}) {
		t.Errorf("stored a %s account with %+v", a.Kind, s)
	}
	h.WaitFor("the watch in the list", func() bool { return len(h.s.rows.Objects) == 4 })
	if texts := uitest.LabelsIn(h.row("Club forum")); !slices.Contains(texts, "https://forum.example.org/rss · keywords: Hearth Makers, очаг") {
		t.Errorf("the watch's row says %q", texts)
	}
}

func TestFeedRowShowsWhyItFails(t *testing.T) {
	h := newHarness(t)
	h.ws.AddAccount(t, core.Account{Kind: core.KindFeed, Name: "Blog", Settings: []byte(`{"url":"https://blog.example.org/feed"}`),
		Status: core.AccountStatus{State: core.SyncError, Message: "the feed's site is having trouble (HTTP 503)", Action: "Hearth will try again"}})
	h.s.Shown()
	h.WaitFor("the watch in the list", func() bool { return len(h.s.rows.Objects) == 4 })
	texts := uitest.LabelsIn(h.row("Blog"))
	for _, want := range []string{"Feed", "https://blog.example.org/feed · every entry",
		"Error: the feed's site is having trouble (HTTP 503) (Hearth will try again)."} {
		if !slices.Contains(texts, want) {
			t.Errorf("no %q in %q", want, texts)
		}
	}
}
