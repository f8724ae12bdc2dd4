package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearthhq/hearth/core"
)

func withTone(it core.Item, lang string, sentiment float64, abusive bool) core.Item {
	it.Tone = &core.Tone{Lang: lang, Sentiment: sentiment, Abusive: abusive}
	return it
}

// A tone given at ingest is stored and read back; an item written without
// one waits for the background analysis, newest first, until it is set.
func TestToneStoredAndBackfilled(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	acct := newAccount(t, s, "mail")
	apply(t, s, acct, withTone(mail("toned", 1, "Merci"), "fr", 0.6, false), mail("old", 2, "hello"), mail("older", 0, "hi"))

	byID := map[string]core.Item{}
	items, err := s.Items(ctx, core.ItemFilter{})
	must(t, err)
	for _, it := range items {
		byID[it.RemoteID] = it
	}
	if got := byID["toned"].Tone; got == nil || *got != (core.Tone{Lang: "fr", Sentiment: 0.6}) {
		t.Errorf("stored tone = %+v, want fr 0.6", got)
	}
	if byID["old"].Tone != nil {
		t.Errorf("item written without tone reads %+v, want nil", byID["old"].Tone)
	}
	todo, err := s.ToneTodo(ctx, 10)
	must(t, err)
	if len(todo) != 2 || todo[0].ItemID != byID["old"].ID || todo[1].ItemID != byID["older"].ID || todo[0].Subject != "hello" || todo[0].Text != "Body of old" {
		t.Fatalf("ToneTodo = %+v, want old then older", todo)
	}
	must(t, s.SetTones(ctx, map[int64]core.Tone{todo[0].ItemID: {Lang: "en", Sentiment: -2}, todo[1].ItemID: {Lang: ""}}))
	if todo, err = s.ToneTodo(ctx, 10); err != nil || len(todo) != 0 {
		t.Fatalf("ToneTodo after SetTones = %v, %v; want none", todo, err)
	}
	it, err := s.Item(ctx, byID["old"].ID)
	must(t, err)
	if it.Tone == nil || it.Tone.Sentiment != -1 || it.Tone.Lang != "en" {
		t.Errorf("backfilled tone = %+v, want en clamped to -1", it.Tone)
	}
}

// The moderation queue lists abusive and strongly negative messages of
// others, each on its own and newest first, across states and channels of
// the triage view, until a person marks one fine.
func TestModerationQueue(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	mailAcct, vkAcct := newAccount(t, s, "mail"), newAccount(t, s, "vk")
	abusive := withTone(mail("abusive", 1, "x"), "ru", -0.2, true)
	cold := withTone(reply(mail("cold", 2, "y"), "abusive"), "fr", -0.7, false)
	mild := withTone(mail("mild", 3, "z"), "en", -0.3, false)
	warm := withTone(mail("warm", 4, "w"), "en", 0.8, false)
	ours := withTone(mail("ours", 5, "v"), "en", -0.9, true)
	ours.Outgoing = true
	done := withTone(mail("done", 6, "u"), "bg", -0.9, false)
	done.State = core.StateDone
	apply(t, s, mailAcct, abusive, cold, mild, warm, ours, done)
	vk := withTone(mail("vk", 7, ""), "ru", -0.6, false)
	vk.Kind = core.ItemVKComment
	apply(t, s, vkAcct, vk)

	queue := func(f core.ItemFilter) []string {
		t.Helper()
		f.NeedsModeration = true
		items, err := s.Items(ctx, f)
		must(t, err)
		return remoteIDs(items)
	}
	want := []string{"vk", "cold", "abusive"}
	if got := queue(core.ItemFilter{}); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("queue = %v, want %v (newest first)", got, want)
	}
	if got := queue(core.ItemFilter{Conversations: true}); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("queue of conversations = %v, want every message %v", got, want)
	}
	if got := queue(core.ItemFilter{States: []core.State{core.StateDone}}); strings.Join(got, " ") != "done" {
		t.Errorf("queue of done = %v, want [done]", got)
	}
	id := itemID(t, s, "abusive")
	must(t, s.SetModerationFine(ctx, id, true))
	if got := queue(core.ItemFilter{}); strings.Join(got, " ") != "vk cold" {
		t.Errorf("queue after fine = %v, want [vk cold]", got)
	}
	if it, _ := s.Item(ctx, id); !it.ModerationFine || it.Tone == nil || !it.Tone.Abusive {
		t.Errorf("item marked fine = %+v: want fine, its tone unchanged", it)
	}
	must(t, s.SetModerationFine(ctx, id, false))
	if got := queue(core.ItemFilter{}); len(got) != 3 {
		t.Errorf("queue after undo = %v, want 3", got)
	}
	if err := s.SetModerationFine(ctx, 99999, true); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("fine of a missing item = %v, want ErrNotFound", err)
	}
}

func itemID(t *testing.T, s *Store, remoteID string) int64 {
	t.Helper()
	var id int64
	must(t, s.r.QueryRow("SELECT id FROM items WHERE remote_id = ?", remoteID).Scan(&id))
	return id
}

// The queue reads from its partial index: the store writes the index's
// condition word for word, with core's threshold.
func TestModerationCondMatchesIndex(t *testing.T) {
	if !strings.Contains(moderationCond, fmt.Sprintf("i.sentiment <= %v", core.StronglyNegativeAt)) {
		t.Errorf("moderationCond %q does not use core.StronglyNegativeAt %v", moderationCond, core.StronglyNegativeAt)
	}
	files, _ := filepath.Glob("migrations/*_tone.sql")
	if len(files) != 1 {
		t.Fatalf("tone migration: %v", files)
	}
	body, err := os.ReadFile(files[0])
	must(t, err)
	if cond := strings.ReplaceAll(moderationCond, "i.", ""); !strings.Contains(string(body), "WHERE "+cond+";") {
		t.Errorf("%s does not index %q", files[0], cond)
	}
	s := newStore(t)
	q, args, err := listSQL(withDefaults(core.ItemFilter{NeedsModeration: true, Conversations: true}, s.now), where{})
	must(t, err)
	plan := queryPlan(t, s, q, args...)
	if !strings.Contains(strings.Join(plan, "\n"), "items_moderation") {
		t.Errorf("the queue does not read items_moderation:\n%s", strings.Join(plan, "\n"))
	}
}
