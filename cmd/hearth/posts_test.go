package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/calendar"
	"github.com/hearthhq/hearth/core/store"
)

// addMailbox adds an account without testing it (nothing listens).
func addMailbox(t *testing.T, dir, name string) {
	t.Helper()
	code, out, errs := cli(t, "pw\n", "--data", dir, "--secrets", "file", "account", "add", "imap", "--name", name,
		"--host", "127.0.0.1", "--user", "u", "--tls", "none", "--smtp-tls", "none", "--password-stdin", "--no-test")
	if code != 0 {
		t.Fatalf("account add: %d %s%s", code, out, errs)
	}
}

// addVKChannel adds a VK community without testing it (nothing listens).
func addVKChannel(t *testing.T, dir, name string) {
	t.Helper()
	code, out, errs := cli(t, "vk1.a.token\n", "--data", dir, "--secrets", "file", "account", "add", "vk", "--name", name,
		"--group", "229000111", "--api-url", "http://127.0.0.1:1/method", "--token-stdin", "--no-test")
	if code != 0 {
		t.Fatalf("account add vk: %d %s%s", code, out, errs)
	}
}

func TestPostsAddListExport(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	addVKChannel(t, dir, "news")
	base := []string{"--data", dir, "--secrets", "file"}
	code, out, errs := cli(t, "Spring meetup!\nBring snacks.", append(base, "posts", "add", "--text-stdin", "--account", "news",
		"--at", "2026-03-29T09:00", "--zone", "Europe/Paris", "--agenda", "life", "--tag", "meetup,spring", "--json")...)
	if code != 0 {
		t.Fatalf("posts add: %d %s%s", code, out, errs)
	}
	var added core.Post
	if err := json.Unmarshal([]byte(out), &added); err != nil {
		t.Fatalf("posts add --json: %v\n%s", err, out)
	}
	if added.State() != core.TargetScheduled || added.At.Format(time.RFC3339) != "2026-03-29T07:00:00Z" ||
		added.Text != "Spring meetup!\nBring snacks." || added.Agenda != core.AgendaLife {
		t.Errorf("added %+v: want scheduled at 09:00 Paris (07:00Z, summer time)", added)
	}
	if code, _, _ := cli(t, "", append(base, "posts", "add", "--text", "later", "--account", "news", "--draft")...); code != 0 {
		t.Fatalf("posts add --draft: exit %d", code)
	}

	code, out, errs = cli(t, "", append(base, "posts", "list", "--from", "2026-03-01", "--to", "2026-03-31", "--json")...)
	if code != 0 {
		t.Fatalf("posts list: %d %s", code, errs)
	}
	var listed []core.Post
	if err := json.Unmarshal([]byte(out), &listed); err != nil {
		t.Fatalf("posts list --json: %v\n%s", err, out)
	}
	if len(listed) != 2 || listed[0].ID != added.ID || !listed[1].At.IsZero() || listed[1].State() != core.TargetDraft {
		t.Errorf("listed %d posts: %+v; want the scheduled one then the unplaced draft", len(listed), listed)
	}

	file := filepath.Join(dir, "march.ics")
	if code, _, errs := cli(t, "", append(base, "calendar", "export", "--from", "2026-03-01", "--to", "2026-03-31", "--out", file)...); code != 0 {
		t.Fatalf("calendar export: %d %s", code, errs)
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cal, err := ics.ParseCalendar(f)
	if err != nil {
		t.Fatal(err)
	}
	if evs := cal.Events(); len(evs) != 1 || evs[0].GetProperty(ics.ComponentPropertySummary).Value != "Spring meetup!" {
		t.Errorf("export has %d events, want the one placed post", len(evs))
	}
}

func TestPostsUsageErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, args := range [][]string{
		{"posts"},
		{"posts", "add", "--text", "x"},
		{"posts", "add", "--text", "x", "--account", "a"},
		{"posts", "add", "--text", "x", "--account", "a", "--at", "tomorrow"},
		{"posts", "list", "--from", "March"},
		{"calendar", "export", "--from", "2026-03-01"},
	} {
		if code, _, errs := cli(t, "", append([]string{"--data", dir, "--secrets", "file"}, args...)...); code != 2 || errs == "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 and a reason", args, code, errs)
		}
	}
}

// draftChild is set in the child process of TestDraftSurvivesKill.
const draftChild = "HEARTH_TEST_DRAFT_CHILD"

// A draft saved as it is typed survives the process being killed.
func TestDraftSurvivesKill(t *testing.T) {
	if dir := os.Getenv(draftChild); dir != "" {
		typeDraftThenHang(dir)
		return
	}
	t.Parallel()
	if testing.Short() {
		t.Skip("spawns a process")
	}
	dir := t.TempDir()
	fromTemplate(t, dir) // the child opens a workspace; migrating one is seconds under -race
	cmd := exec.Command(os.Args[0], "-test.run=^TestDraftSurvivesKill$")
	cmd.Env = append(os.Environ(), draftChild+"="+dir)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(stdout).ReadString('\n')
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	var id int64
	if _, err := fmt.Sscan(line, &id); err != nil {
		t.Fatalf("the child said %q, want the draft id", line)
	}
	st, err := store.Open(context.Background(), filepath.Join(dir, "hearth.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p, err := st.Post(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if p.Text != "Dear members, the picnic moves to Sunday" {
		t.Errorf("after the kill the draft reads %q", p.Text)
	}
}

// typeDraftThenHang saves a draft keystroke by keystroke, reports its id
// and waits to be killed.
func typeDraftThenHang(dir string) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(dir, "hearth.db"))
	if err != nil {
		panic(err)
	}
	svc := calendar.New(calendar.Params{Store: st})
	p, err := svc.Create(ctx, core.Post{})
	if err != nil {
		panic(err)
	}
	text := "Dear members, the picnic moves to Sunday"
	for i := range strings.Fields(text) {
		p.Text = strings.Join(strings.Fields(text)[:i+1], " ")
		if err := svc.SaveDraft(ctx, p); err != nil {
			panic(err)
		}
	}
	fmt.Println(p.ID)
	select {}
}
