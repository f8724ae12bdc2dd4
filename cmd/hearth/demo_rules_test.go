//go:build !nowindow

package main

import (
	"context"
	"log/slog"
	"slices"
	"strings"
	"testing"
)

// The demo's watch and rules run on its first sync: the spammer's link
// goes to spam, the troll's abuse is hidden, the members with many
// followers are tagged vip, and each item says which rule did it.
func TestDemoRulesRunOnTheFirstSync(t *testing.T) {
	p := startVKPeer(t)
	dir := t.TempDir()
	args, tok := addVKArgs(dir, p)
	if code, _, errOut := cli(t, tok, args...); code != 0 {
		t.Fatalf("account add vk: exit %d: %s", code, errOut)
	}
	ctx := context.Background()
	w, err := openWorkspace(ctx, workspaceOptions{dir: dir, secretsMode: "file", log: slog.Default(), noBackups: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := seedDemoRules(ctx, w); err != nil {
		t.Fatal(err)
	}
	if err := seedDemoRules(ctx, w); err != nil { // a kept demo workspace starts again
		t.Fatalf("seeding twice: %v", err)
	}
	w.Close()
	if code, out, errOut := cli(t, "", "--data", dir, "--secrets", "file", "sync", "--once"); code != 0 {
		t.Fatalf("sync --once: exit %d: %s%s", code, out, errOut)
	}
	spam := inboxJSON(t, dir, "--state", "spam")
	if len(spam) != 1 || !strings.Contains(spam[0].Text, "cheap-subs.example") {
		t.Fatalf("spam = %+v, want the spammer's comment", spam)
	}
	// The troll's comment is hidden, and deleted on VK by the outbox.
	hidden := inboxJSON(t, dir, "--state", "hidden")
	if len(hidden) != 1 || !strings.Contains(hidden[0].Text, "идиоты") {
		t.Errorf("hidden = %+v, want the troll's comment", hidden)
	}
	vip := inboxJSON(t, dir, "--tag", "vip")
	var authors []string
	for _, it := range vip {
		if !slices.Contains(authors, it.Author.Name) {
			authors = append(authors, it.Author.Name)
		}
	}
	slices.Sort(authors)
	if want := []string{"Emma Brown", "Анна Петрова"}; !slices.Equal(authors, want) {
		t.Errorf("vip authors = %v, want %v", authors, want)
	}
	// The keyword watch is there, once.
	if code, out, _ := cli(t, "", "--data", dir, "views", "list", "--json"); code != 0 || strings.Count(out, `"watch": true`) != 1 {
		t.Errorf("views list: exit %d, %s; want the demo's one keyword watch", code, out)
	}
	w, err = openWorkspace(ctx, workspaceOptions{dir: dir, secretsMode: "file", log: slog.Default(), noBackups: true})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	steps, err := w.rules.Steps(ctx, spam[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, s := range steps { // the conversation's: keep the comment's own
		if s.ItemID == spam[0].ID {
			lines = append(lines, s.Line())
		}
	}
	if want := []string{"Rule 'Links from new VK accounts' moved this to spam"}; !slices.Equal(lines, want) {
		t.Errorf("the spam comment says %q, want %q", lines, want)
	}
}
