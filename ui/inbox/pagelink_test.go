package inbox

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
)

// A feed entry shows a link to its page, the target a web alert pointed
// to; a mail shows none, and neither does an address that is not a web
// page.
func TestFeedEntryLinksToItsPage(t *testing.T) {
	links := func(it core.Item) []*widget.Hyperlink {
		var out []*widget.Hyperlink
		for _, o := range test.LaidOutObjects(messageCard(it, nil, nil)) {
			if h, ok := o.(*widget.Hyperlink); ok {
				out = append(out, h)
			}
		}
		return out
	}
	entry := core.Item{Kind: core.ItemFeed, Author: core.Person{Name: "Google Alert - hearth makers"},
		Subject: "Hearth Makers at the fair", Text: "Les Hearth Makers...", Location: "https://www.news.example.fr/foire?id=7"}
	got := links(entry)
	if len(got) != 1 || got[0].URL.String() != entry.Location || got[0].Text != "Open the page: news.example.fr/foire?id=7" {
		t.Fatalf("links %+v, want one to the page", got)
	}
	if got := links(core.Item{Kind: core.ItemEmail, Location: "INBOX 1 2", Text: "x"}); len(got) != 0 {
		t.Errorf("a mail shows links %+v", got)
	}
	if got := links(core.Item{Kind: core.ItemFeed, Location: "javascript:alert(1)", Text: "x"}); len(got) != 0 {
		t.Errorf("a javascript: link is shown: %+v", got)
	}
}
