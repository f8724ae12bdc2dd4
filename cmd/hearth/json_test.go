package main

import (
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Every VK comment in `inbox --json` names its author: the channel's
// name when it sent one, else the one the member files know.
func TestInboxJSONNamesEveryAuthor(t *testing.T) {
	t.Parallel()
	p := startVKPeer(t)
	dir := t.TempDir()
	args, tok := addVKArgs(dir, p)
	if code, _, errOut := cli(t, tok, args...); code != 0 {
		t.Fatalf("account add vk: exit %d: %s", code, errOut)
	}
	if code, out, errOut := cli(t, "", "--data", dir, "--secrets", "file", "sync", "--once"); code != 0 {
		t.Fatalf("sync --once: exit %d: %s%s", code, out, errOut)
	}
	// As when VK sent a comment without its author's profile.
	db, err := sql.Open("sqlite", filepath.Join(dir, "hearth.db"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := db.Exec("UPDATE items SET author_name = '' WHERE kind = 'vk_comment' AND outgoing = 0")
	db.Close()
	if n, _ := res.RowsAffected(); err != nil || n == 0 {
		t.Fatalf("clearing the names: %d rows, %v", n, err)
	}
	for _, kind := range []string{"vk_comment", "vk_message", "vk_post"} {
		items := inboxJSON(t, dir, "--kind", kind, "--state", "all")
		if len(items) == 0 {
			t.Errorf("no %s in the demo", kind)
		}
		for _, it := range items {
			if strings.TrimSpace(it.Author.Name) == "" {
				t.Errorf("%s %d (%q) has no author name: %+v", kind, it.ID, cut(it.Text, 40), it.Author)
			}
		}
	}
}

var snakeKey = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// checkJSONStyle walks a --json output: snake_case keys, no null, no zero
// time, times in RFC 3339.
func checkJSONStyle(t *testing.T, what, out string) {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("%s: not JSON: %v\n%s", what, err, out)
	}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case nil:
			t.Errorf("%s: %s is null", what, path)
		case map[string]any:
			for k, e := range v {
				if !snakeKey.MatchString(k) && !strings.HasSuffix(path, ".skip_reasons") {
					t.Errorf("%s: key %s.%s is not snake_case", what, path, k)
				}
				walk(path+"."+k, e)
			}
		case []any:
			for i, e := range v {
				walk(path+"["+strconv.Itoa(i)+"]", e)
			}
		case string:
			if strings.HasPrefix(v, "0001-01-01") {
				t.Errorf("%s: %s is the zero time", what, path)
			}
		}
	}
	walk("$", v)
}

// Every --json output speaks one dialect (README "JSON output").
func TestJSONStyleEverywhere(t *testing.T) {
	t.Parallel()
	p := startVKPeer(t)
	dir := t.TempDir()
	args, tok := addVKArgs(dir, p)
	if code, _, errOut := cli(t, tok, args...); code != 0 {
		t.Fatalf("account add vk: exit %d: %s", code, errOut)
	}
	base := []string{"--data", dir, "--secrets", "file"}
	if code, out, errOut := cli(t, "", append(base, "sync", "--once")...); code != 0 {
		t.Fatalf("sync --once: exit %d: %s%s", code, out, errOut)
	}
	csv := filepath.Join(dir, "people.csv")
	if err := os.WriteFile(csv, []byte("name,email\nAnna,anna@example.org\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) string {
		t.Helper()
		code, out, errOut := cli(t, "", append(base, args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		return out
	}
	run("members", "import", csv)
	var ms []memberJSON
	if err := json.Unmarshal([]byte(run("members", "list", "--json", "--sort", "name")), &ms); err != nil || len(ms) < 2 {
		t.Fatalf("members list: %v %+v", err, ms)
	}
	var anna, vkMember string
	for _, m := range ms {
		if m.Name == "Anna" {
			anna = strconv.FormatInt(m.ID, 10)
		} else if vkMember == "" && len(m.Channels) > 0 && m.Channels[0] == "vk" {
			vkMember = strconv.FormatInt(m.ID, 10)
		}
	}
	file := filepath.Join(dir, "member.json")
	run("members", "export", "--member", vkMember, "--out", file)
	exported, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	outputs := map[string]string{
		"account list":          run("account", "list", "--json"),
		"inbox":                 run("inbox", "--json", "--state", "all"),
		"search":                run("search", "Ивана", "--json"),
		"members list":          run("members", "list", "--json"),
		"members show (import)": run("members", "show", anna, "--json"),
		"members show (vk)":     run("members", "show", vkMember, "--json"),
		"members import":        run("members", "import", csv, "--json", "--dry-run"),
		"posts add":             run("posts", "add", "--text", "Meetup", "--account", "Demo VK community", "--draft", "--json"),
		"posts list":            run("posts", "list", "--json"),
		"members export":        string(exported),
	}
	for what, out := range outputs {
		checkJSONStyle(t, what, out)
	}
	var d dossierJSON
	if err := json.Unmarshal([]byte(outputs["members show (vk)"]), &d); err != nil || d.Member.Name == "" ||
		len(d.Identities) == 0 || d.Identities[0].Kind != "vk" || len(d.Timeline) == 0 || d.Why.Activity == "" {
		t.Errorf("members show --json = %s (%v)", outputs["members show (vk)"], err)
	}
	if !strings.Contains(outputs["members show (import)"], `"meetups": []`) {
		t.Errorf("an empty list is not [] in members show --json:\n%s", outputs["members show (import)"])
	}
}

// --before pages on past any limit: the pages put together are the whole
// list, in order, each item once.
func TestInboxAndSearchPageWithBefore(t *testing.T) {
	t.Parallel()
	p := startPeers(t, 80)
	dir := t.TempDir()
	args, pw := addArgs(dir, p)
	if code, out, errs := cli(t, pw, args...); code != 0 {
		t.Fatalf("account add: exit %d\n%s%s", code, out, errs)
	}
	if code, out, errs := cli(t, "", "--data", dir, "--secrets", "file", "sync", "--once"); code != 0 {
		t.Fatalf("sync: exit %d\n%s%s", code, out, errs)
	}
	whole := inboxJSON(t, dir, "--state", "all", "--limit", "1000")
	if len(whole) < 80 {
		t.Fatalf("%d items, want the demo mailbox", len(whole))
	}
	hits := searchJSON(t, dir, "привет")
	if len(hits) < 3 {
		t.Fatalf("search found %d items, want a few to page through", len(hits))
	}
	cases := []struct {
		name  string
		whole []itemJSON
		page  func(before int64) []itemJSON
	}{
		{"inbox", whole, func(before int64) []itemJSON {
			args := []string{"--state", "all", "--limit", "25"}
			if before != 0 {
				args = append(args, "--before", strconv.FormatInt(before, 10))
			}
			return inboxJSON(t, dir, args...)
		}},
		{"search", hits, func(before int64) []itemJSON {
			args := []string{"--data", dir, "--secrets", "file", "search", "привет", "--json", "--limit", "2"}
			if before != 0 {
				args = append(args, "--before", strconv.FormatInt(before, 10))
			}
			return listJSON(t, args...)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []int64
			var before int64
			for pages := 0; ; pages++ {
				if pages > len(c.whole) {
					t.Fatalf("paging does not end")
				}
				page := c.page(before)
				if len(page) == 0 {
					break
				}
				for _, it := range page {
					got = append(got, it.ID)
				}
				before = page[len(page)-1].ID
			}
			if len(got) != len(c.whole) {
				t.Fatalf("the pages hold %d items, the whole list %d", len(got), len(c.whole))
			}
			for i, it := range c.whole {
				if got[i] != it.ID {
					t.Fatalf("item %d of the pages is %d, of the whole list %d", i, got[i], it.ID)
				}
			}
		})
	}
}

// Enum flags take only their values; a bad value is a usage error.
func TestBadFlagValuesRefused(t *testing.T) {
	dir := t.TempDir()
	addVKChannel(t, dir, "club")
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"inbox", "--kind", "bogus"}, 2, `unknown kind "bogus" (want one of email, vk_post, vk_comment`},
		{[]string{"search", "hello", "--kind", "bogus"}, 2, `unknown kind "bogus"`},
		{[]string{"inbox", "--state", "bogus"}, 2, `unknown state "bogus"`},
		{[]string{"inbox", "--before", "soon"}, 2, `invalid value "soon" for flag -before`},
		{[]string{"inbox", "--before", "999999"}, 1, "--before 999999"},
		{[]string{"members", "list", "--quadrant", "bogus"}, 2, `unknown quadrant "bogus"`},
		{[]string{"posts", "add", "--text", "x", "--account", "club", "--draft", "--agenda", "bogus"}, 2, `unknown agenda "bogus"`},
	}
	for _, c := range cases {
		code, out, errOut := cli(t, "", append([]string{"--data", dir, "--secrets", "file"}, c.args...)...)
		if code != c.code || out != "" || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want %d saying %q", c.args, code, out, errOut, c.code, c.want)
		}
	}
}

// Database messages never reach a person.
func TestErrorsInWords(t *testing.T) {
	dir := t.TempDir()
	addVKChannel(t, dir, "club")
	code, _, errOut := cli(t, "vk1.a.token\n", "--data", dir, "--secrets", "file", "account", "add", "vk", "--name", "club",
		"--group", "1", "--token-stdin", "--no-test")
	if code != 1 || !strings.Contains(errOut, `an account named "club" already exists`) {
		t.Errorf("a second account named club: exit %d, %q", code, errOut)
	}
	for _, raw := range []string{"UNIQUE", "constraint", "2067", "accounts.name"} {
		if strings.Contains(errOut, raw) {
			t.Errorf("stderr %q shows the database's %q", errOut, raw)
		}
	}
}
