package demo

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/integrations/feeds"
)

// The demo's feeds are believable to the feed integration itself: every
// watch reads, the forum in Cyrillic from windows-1251, the alerts with
// their real links.
func TestDemoFeedsRead(t *testing.T) {
	p, err := StartFeeds(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	titles := map[string]string{}
	for _, w := range p.Watches() {
		if err := w.Settings.Validate(); err != nil {
			t.Fatalf("%s: %v", w.Name, err)
		}
		title, err := feeds.NewDriver(feeds.Options{}).Probe(context.Background(), w.Settings)
		if err != nil {
			t.Fatalf("%s: %v", w.Name, err)
		}
		titles[w.Name] = title
	}
	if got := titles["Форум «Очаг» (demo)"]; got != "Форум клуба «Очаг»" {
		t.Errorf("forum title %q", got)
	}
	if got := titles["Web alerts: Hearth Makers (demo)"]; !strings.HasPrefix(got, "Google Alert - ") {
		t.Errorf("alerts title %q", got)
	}
	if len(p.Watches()) != 3 || p.Watches()[1].Settings.Keywords[0] != "Hearth Makers" {
		t.Errorf("watches %+v", p.Watches())
	}
}
