package feeds

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/hearthhq/hearth/integrations/feeds/feedpeer"
)

func bigFeed(n int) feedpeer.Feed {
	f := feedpeer.Feed{Title: "Big forum", Link: "https://big.example/"}
	for i := range n {
		f.Entries = append(f.Entries, feedpeer.Entry{ID: fmt.Sprintf("e%d", i), Title: fmt.Sprintf("Thread %d about Hearth", i),
			Link: fmt.Sprintf("https://big.example/t/%d", i), Author: "Someone", Published: base.Add(-time.Duration(i) * time.Minute),
			Summary: `<p>Some <b>text</b> with a <a href="https://big.example/x">link</a> and more words to read.</p>`})
	}
	return f
}

// BenchmarkFirstPass is a whole pass over a new 500-entry feed: fetch over
// loopback, parse, HTML to text, keyword match, one commit (to a fake
// session: the store's write is measured by the store's benchmarks).
func BenchmarkFirstPass(b *testing.B) {
	e := newEnv(&testing.T{})
	defer e.peer.Close()
	e.peer.Serve("/f", rssDoc(bigFeed(500)))
	c := e.open("/f", "hearth")
	for b.Loop() {
		if err := c.Sync(context.Background(), newSession()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUnchangedPass is a pass over the same feed answered 304.
func BenchmarkUnchangedPass(b *testing.B) {
	e := newEnv(&testing.T{})
	defer e.peer.Close()
	e.peer.Serve("/f", rssDoc(bigFeed(500)))
	c := e.open("/f", "hearth")
	if err := c.Sync(context.Background(), e.sess); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := c.Sync(context.Background(), e.sess); err != nil {
			b.Fatal(err)
		}
	}
	if e.sess.commits() != 1 {
		b.Fatalf("%d commits, want 1", e.sess.commits())
	}
}
