package main

import (
	"context"
	"encoding/json"
	"flag"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/store"
)

// queryWorkspace is a workspace with a few Russian and English messages.
func queryWorkspace(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	fromTemplate(t, dir)
	ctx := context.Background()
	st, err := store.Open(ctx, dbPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	acct, err := st.CreateAccount(ctx, core.Account{Kind: core.KindVK, Name: "Club"})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Now().Add(-time.Hour)
	items := []core.Item{
		{Kind: core.ItemVKComment, RemoteID: "1", Text: "Встречи клуба по средам", CreatedAt: at},
		{Kind: core.ItemVKComment, RemoteID: "2", Text: "встречный вопрос", CreatedAt: at.Add(time.Minute)},
		{Kind: core.ItemVKComment, RemoteID: "3", Text: "See you at the meetup", CreatedAt: at.Add(2 * time.Minute), State: core.StateDone},
	}
	if _, err := st.ApplyBatch(ctx, acct, core.Batch{Items: items}); err != nil {
		t.Fatal(err)
	}
	return dir
}

func texts(items []itemJSON) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Text)
	}
	slices.Sort(out)
	return out
}

func TestSearchSpeaksTheQueryLanguage(t *testing.T) {
	dir := queryWorkspace(t)
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"search", "встреча", "--json"}, []string{"Встречи клуба по средам"}},
		{[]string{"search", "встреча", "OR", "meetups", "--json"}, []string{"See you at the meetup", "Встречи клуба по средам"}},
		{[]string{"search", "channel:vk", "-встреча", "state:new", "--json"}, []string{"встречный вопрос"}},
		{[]string{"inbox", "--query", "встреча OR meetup", "--json"}, []string{"Встречи клуба по средам"}}, // triage: the done one is not there
		{[]string{"inbox", "--query", "state:done", "--json"}, []string{"See you at the meetup"}},
	}
	for _, tt := range tests {
		code, out, errs := cli(t, "", append([]string{"--data", dir}, tt.args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", tt.args, code, errs)
		}
		var items []itemJSON
		if err := json.Unmarshal([]byte(out), &items); err != nil {
			t.Fatalf("%v: %v\n%s", tt.args, err, out)
		}
		if got := texts(items); !slices.Equal(got, tt.want) {
			t.Errorf("%v = %q, want %q", tt.args, got, tt.want)
		}
	}
}

func TestQueryErrorsExitTwoWithTheColumn(t *testing.T) {
	dir := queryWorkspace(t)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"search", "встреча клуба)"}, "search: column 14: ')' without '('"},
		{[]string{"inbox", "--query", "is:urgent"}, "inbox --query: column 4: is:urgent is not known"},
		{[]string{"views", "add", "Bad", "(a"}, "views add: column 1: '(' without ')'"},
		{[]string{"search", "account:nobody"}, `search: column 1: no account is named "nobody"`},
		{[]string{"views"}, "views: usage"},
	}
	for _, tt := range tests {
		code, _, errs := cli(t, "", append([]string{"--data", dir}, tt.args...)...)
		if code != 2 || !strings.Contains(errs, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tt.args, code, errs, tt.want)
		}
	}
}

func TestViewsAddListRemove(t *testing.T) {
	t.Parallel()
	dir := queryWorkspace(t)
	run := func(args ...string) string {
		t.Helper()
		code, out, errs := cli(t, "", append([]string{"--data", dir, "views"}, args...)...)
		if code != 0 {
			t.Fatalf("views %v: exit %d: %s", args, code, errs)
		}
		return out
	}
	if out := run("add", "Meetups", "встреча", "OR", "meetup"); !strings.Contains(out, `view "Meetups" saved`) {
		t.Errorf("add said %q", out)
	}
	if out := run("add", "Brand", "клуб", "--watch"); !strings.Contains(out, "tagged watch:Brand") {
		t.Errorf("add --watch said %q", out)
	}
	var list []viewJSON
	if err := json.Unmarshal([]byte(run("list", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	want := []viewJSON{{Name: "Brand", Query: "клуб", Watch: true, Unread: 1}, {Name: "Meetups", Query: "встреча OR meetup", Unread: 1}}
	if !slices.Equal(list, want) {
		t.Errorf("list = %+v, want %+v", list, want)
	}
	if out := run("list"); !strings.Contains(out, "Meetups") || !strings.Contains(out, "UNREAD") {
		t.Errorf("list said %q", out)
	}
	run("remove", "meetups")
	if code, _, errs := cli(t, "", "--data", dir, "views", "remove", "Meetups"); code != 1 || !strings.Contains(errs, "not found") {
		t.Errorf("removing twice: exit %d, %q; want 1 and not found", code, errs)
	}
	if out := run("list", "--json"); !strings.Contains(out, "Brand") || strings.Contains(out, "Meetups") {
		t.Errorf("after remove: %s", out)
	}
}

func TestQueryArgs(t *testing.T) {
	tests := []struct {
		args  []string
		words string
		asked string // the flags parsed
	}{
		{[]string{"channel:vk", "-spam", "--json"}, "channel:vk -spam", "json"},
		{[]string{"-spam", "--limit", "5", "hello"}, "-spam hello", "limit=5"},
		{[]string{"--limit=5", "-", "--", "--json"}, "- --json", "limit=5"},
		{[]string{"--account", "-x", "y"}, "y", "account=-x"},
	}
	for _, tt := range tests {
		var l listFlags
		fs := newFlags("search")
		l.register(fs)
		words, err := queryArgs(fs, tt.args)
		if err != nil {
			t.Fatal(err)
		}
		var asked []string
		fs.Visit(func(f *flag.Flag) {
			if f.Name == "json" {
				asked = append(asked, "json")
			} else {
				asked = append(asked, f.Name+"="+f.Value.String())
			}
		})
		if strings.Join(words, " ") != tt.words || strings.Join(asked, ",") != tt.asked {
			t.Errorf("queryArgs(%q) = %q, flags %q; want %q, %q", tt.args, words, asked, tt.words, tt.asked)
		}
	}
}

// `watch add keyword` is a keyword watch on every channel: a watch view of
// its words, any of them, in any of their forms.
func TestWatchAddKeyword(t *testing.T) {
	dir := queryWorkspace(t)
	code, out, errs := cli(t, "", "--data", dir, "watch", "add", "keyword", "встреча", "Hearth Makers")
	if code != 0 || !strings.Contains(out, `keyword watch "встреча" saved (встреча OR "Hearth Makers")`) {
		t.Fatalf("exit %d: %s %s", code, out, errs)
	}
	code, out, _ = cli(t, "", "--data", dir, "views", "list", "--json")
	if code != 0 || !strings.Contains(out, `"watch": true`) || !strings.Contains(out, `встреча OR \"Hearth Makers\"`) {
		t.Errorf("views list: %s", out)
	}
	if code, _, errs := cli(t, "", "--data", dir, "watch", "add", "keyword"); code != 2 || !strings.Contains(errs, "give the words") {
		t.Errorf("no words: exit %d, %s", code, errs)
	}
}
