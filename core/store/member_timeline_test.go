package store

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

// TestMemberTimelinePages pages through a timeline of two identities and
// our replies, with items sharing a time, and finds every entry once, in
// the order of the whole timeline.
func TestMemberTimelinePages(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	mailID, vkID, _ := channelAccounts(t, s)
	anna := core.Person{Name: "Anna", Address: "anna@example.org"}
	for i := range 5 {
		at := base.Add(time.Duration(i/2) * time.Hour) // pairs share a time
		apply(t, s, mailID, authored(core.ItemEmail, fmt.Sprintf("m%d", i), anna, at, "hi"))
		apply(t, s, vkID, authored(core.ItemVKComment, fmt.Sprintf("c%d", i), core.Person{Name: "Anna", Address: "42"}, at, "hi"))
		reply := core.Item{Kind: core.ItemEmail, RemoteID: fmt.Sprintf("r%d", i), Outgoing: true,
			Author: core.Person{Address: "us@example.org"}, To: []core.Person{anna}, CreatedAt: at, Text: "thanks"}
		apply(t, s, mailID, reply)
	}
	foldAll(t, s, base.Add(24*time.Hour))
	a := memberOf(t, s, core.IdentityEmail, "anna@example.org")
	if err := s.MergeMembers(ctx, a, memberOf(t, s, core.IdentityVK, "42"), testMerge); err != nil {
		t.Fatal(err)
	}
	whole, err := s.MemberTimeline(ctx, a, time.Time{}, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(whole) != 15 {
		t.Fatalf("timeline has %d entries, want 15", len(whole))
	}
	for _, size := range []int{1, 2, 4} {
		var paged []core.TimelineEntry
		before, beforeID := time.Time{}, int64(0)
		for len(paged) <= len(whole) {
			page, err := s.MemberTimeline(ctx, a, before, beforeID, size)
			if err != nil {
				t.Fatal(err)
			}
			if len(page) == 0 {
				break
			}
			paged = append(paged, page...)
			last := page[len(page)-1]
			before, beforeID = last.At, last.ItemID
		}
		if !slices.Equal(paged, whole) {
			t.Errorf("pages of %d:\n got %v\nwant %v", size, paged, whole)
		}
	}
}
