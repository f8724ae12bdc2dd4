package demo

import (
	"reflect"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

// The history is the same for the same now, spans its weeks on every
// channel, answers after the question, and has the story's bad week.
func TestHistory(t *testing.T) {
	now := time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)
	h := BuildHistory(now)
	if !reflect.DeepEqual(h, BuildHistory(now)) {
		t.Fatal("two histories of the same day differ")
	}
	for name, b := range map[string]core.Batch{"vk": h.VK, "x": h.X, "mail": h.Mail} {
		times := map[string]time.Time{}
		var first, last time.Time
		in, out := 0, 0
		for _, it := range b.Items {
			times[it.RemoteID] = it.CreatedAt
			if first.IsZero() || it.CreatedAt.Before(first) {
				first = it.CreatedAt
			}
			last = later(last, it.CreatedAt)
			if it.Outgoing {
				out++
			} else {
				in++
			}
		}
		if first.After(h.Start.AddDate(0, 0, 7)) || last.After(now) || last.Before(now.AddDate(0, 0, -3)) {
			t.Errorf("%s: items from %v to %v, want the %d weeks before %v", name, first, last, HistoryWeeks, now)
		}
		if in < 50 || out < in/2 {
			t.Errorf("%s: %d messages in and %d out, want a community that gets answers", name, in, out)
		}
		for _, it := range b.Items {
			if it.Outgoing && len(it.ThreadRefs) > 0 && it.Kind != core.ItemVKPost {
				q := times[it.ThreadRefs[len(it.ThreadRefs)-1]]
				if !it.CreatedAt.After(q) {
					t.Errorf("%s: reply %s at %v answers a message of %v", name, it.RemoteID, it.CreatedAt, q)
				}
			}
		}
	}
	joins, leaves := 0, 0
	for _, m := range h.VK.Memberships {
		if m.Kind == core.MemberJoined {
			joins++
		} else {
			leaves++
		}
	}
	if joins < 30 || leaves < 5 {
		t.Errorf("%d joins and %d leaves, want a growing community that loses a few", joins, leaves)
	}
	if len(h.Posts) != 3*HistoryWeeks {
		t.Errorf("%d posts, want three a week", len(h.Posts))
	}
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
