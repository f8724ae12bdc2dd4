package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/integrations/feeds/feedpeer"
)

func startFeedPeer(t *testing.T) *feedpeer.Server {
	t.Helper()
	p, err := feedpeer.Start(feedpeer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	now := time.Now().Add(-time.Hour).Truncate(time.Second)
	p.Serve("/blog.atom", feedpeer.Doc{ContentType: "application/atom+xml", Body: feedpeer.Atom(feedpeer.Feed{
		Title: "Tabletop Notes", Link: "https://tabletop-notes.example.org/", Entries: []feedpeer.Entry{
			{ID: "tn-1", Title: "Hearth Makers' new workshop", Link: "https://tabletop-notes.example.org/1", Author: "Maya",
				Summary: "<p>The <b>Hearth Makers</b> open a workshop.</p>", Published: now},
			{ID: "tn-2", Title: "Rainy Sunday games", Link: "https://tabletop-notes.example.org/2", Summary: "Picks.", Published: now},
		}})})
	p.Serve("/alerts", feedpeer.Doc{ContentType: "application/atom+xml", Body: feedpeer.Alerts("hearth makers", []feedpeer.Entry{
		{Title: "Hearth Makers at the fair", Link: "https://news.example.fr/foire", Summary: "Les Hearth Makers...", Published: now},
	})})
	return p
}

func watchList(t *testing.T, dir string) []watchJSON {
	t.Helper()
	code, out, errs := cli(t, "", "--data", dir, "--secrets", "file", "watch", "list", "--json")
	if code != 0 {
		t.Fatalf("watch list: exit %d: %s", code, errs)
	}
	var ws []watchJSON
	if err := json.Unmarshal([]byte(out), &ws); err != nil {
		t.Fatalf("watch list --json: %v\n%s", err, out)
	}
	return ws
}

// The whole life of a feed watch from the command line: added and named
// after its feed, synced into the inbox with links, exported, imported
// into another workspace, removed.
func TestHeadlessFeedWatches(t *testing.T) {
	t.Parallel()
	p := startFeedPeer(t)
	dir := t.TempDir()
	base := []string{"--data", dir, "--secrets", "file"}
	run := func(args ...string) string {
		t.Helper()
		code, out, errs := cli(t, "", append(base, args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		return out
	}
	run("watch", "add", p.URL("/blog.atom"), "--keywords", "hearth makers")
	run("watch", "add", "feed", p.URL("/alerts"), "--name", "Alerts")
	ws := watchList(t, dir)
	if len(ws) != 2 || ws[1].Name != "Tabletop Notes" || ws[0].Name != "Alerts" ||
		strings.Join(ws[1].Keywords, "|") != "hearth makers" || ws[0].Keywords == nil || ws[0].Status != core.SyncIdle {
		t.Fatalf("watches = %+v", ws)
	}
	run("sync", "--once")
	items := inboxJSON(t, dir, "--kind", "feed_item")
	links := map[string]string{}
	for _, it := range items {
		links[it.Subject] = it.Link
	}
	want := map[string]string{"Hearth Makers' new workshop": "https://tabletop-notes.example.org/1",
		"Hearth Makers at the fair": "https://news.example.fr/foire"}
	if len(links) != 2 || links["Hearth Makers' new workshop"] != want["Hearth Makers' new workshop"] ||
		links["Hearth Makers at the fair"] != want["Hearth Makers at the fair"] {
		t.Errorf("feed items %v, want %v (the keyword keeps the rainy Sunday out)", links, want)
	}
	if ws := watchList(t, dir); ws[0].Line == "" || ws[0].Status != core.SyncOK || ws[0].Unread != 1 {
		t.Errorf("after sync: %+v", ws[0])
	}
	opml := filepath.Join(t.TempDir(), "feeds.opml")
	if out := run("watch", "export", "--out", opml); !strings.Contains(out, "exported 2") {
		t.Errorf("export said %q", out)
	}
	other := t.TempDir()
	code, out, errs := cli(t, "", "--data", other, "--secrets", "file", "watch", "import", opml)
	if code != 0 || !strings.Contains(out, "imported 2 feed watches (0 already") {
		t.Fatalf("import: exit %d %q %q", code, out, errs)
	}
	if _, out, _ := cli(t, "", "--data", other, "--secrets", "file", "watch", "import", opml); !strings.Contains(out, "imported 0 feed watches (2 already") {
		t.Errorf("a second import: %q, want nothing added", out)
	}
	if got := watchList(t, other); len(got) != 2 || strings.Join(got[1].Keywords, "|") != "hearth makers" {
		t.Errorf("imported %+v", got)
	}
	run("watch", "remove", "Alerts")
	if ws := watchList(t, dir); len(ws) != 1 || ws[0].Name != "Tabletop Notes" {
		t.Errorf("after remove: %+v", ws)
	}
}

// A feed that fails says why in the list, and a bad address or a page
// that is no feed is refused at once; usage mistakes exit 2.
func TestHeadlessFeedWatchFailures(t *testing.T) {
	t.Parallel()
	p := startFeedPeer(t)
	p.Serve("/page", feedpeer.Doc{ContentType: "text/html", Body: []byte("<!DOCTYPE html><html><body>Forum</body></html>")})
	dir := t.TempDir()
	base := []string{"--data", dir, "--secrets", "file"}
	tests := []struct {
		args     []string
		code     int
		contains string
	}{
		{[]string{"watch", "add", p.URL("/page")}, 1, "the feed test failed: the address serves a web page, not a feed"},
		{[]string{"watch", "add", "forum.example.org/rss"}, 1, "is not a web address"},
		{[]string{"watch", "add"}, 2, "give one feed address"},
		{[]string{"watch", "frobnicate"}, 2, "unknown subcommand"},
		{[]string{"watch", "export"}, 2, "--out"},
		{[]string{"watch", "remove", "nothing"}, 1, "no feed watch named"},
		{[]string{"watch", "import", filepath.Join(dir, "missing.opml")}, 1, "no such file"},
	}
	for _, tt := range tests {
		code, out, errs := cli(t, "", append(base, tt.args...)...)
		lines := strings.Count(errs, "\n")
		if code != tt.code || !strings.Contains(errs, tt.contains) || out != "" || (code == 1 && lines != 1) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want %d with %q (one line for a failure)", tt.args, code, out, errs, tt.code, tt.contains)
		}
	}
	if code, _, errs := cli(t, "", append(base, "watch", "add", p.URL("/blog.atom"), "--name", "Blog")...); code != 0 {
		t.Fatal(errs)
	}
	p.Fail("/blog.atom", feedpeer.Fault{Status: 503, Body: "<html>Maintenance</html>"})
	if code, _, _ := cli(t, "", append(base, "sync", "--once")...); code != 1 {
		t.Errorf("sync of a failing feed: exit %d, want 1", code)
	}
	ws := watchList(t, dir)
	if len(ws) != 1 || ws[0].Status != core.SyncError || ws[0].Error != "the feed's site is having trouble (HTTP 503)" {
		t.Errorf("failing watch: %+v", ws)
	}
	bad := filepath.Join(dir, "bad.opml")
	if err := os.WriteFile(bad, []byte("<html>no</html>"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := cli(t, "", append(base, "watch", "import", bad)...); code != 1 || !strings.Contains(errs, "not an OPML") {
		t.Errorf("bad OPML: exit %d %q", code, errs)
	}
}
