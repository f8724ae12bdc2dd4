package notify

import (
	"fmt"
	"maps"
	"testing"
	"time"
)

// clock is a fake clock a test moves by hand.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func item(kind Kind, group string, id int64) Candidate {
	return Candidate{Kind: kind, Group: group, Key: fmt.Sprint("item:", id), ItemID: id, Title: fmt.Sprint("item ", id)}
}

// got renders alerts as "kind/group×count" for compact comparison, a
// summary as "more×count".
func got(as []Alert) []string {
	out := []string{}
	for _, a := range as {
		if a.Summary() {
			out = append(out, fmt.Sprintf("more×%d", a.Count))
			continue
		}
		out = append(out, fmt.Sprintf("%s/%s×%d", a.Kind, a.Group, a.Count))
	}
	return out
}

func TestNotifierDecides(t *testing.T) {
	mentions := func(from, n int) []Candidate {
		var cs []Candidate
		for i := range n {
			cs = append(cs, item(Watch, "Hearth", int64(from+i)))
		}
		return cs
	}
	type burst struct {
		after    time.Duration // since the previous burst
		cands    []Candidate
		onScreen int64
		thread   int64 // the conversation on screen
		want     []string
	}
	tests := []struct {
		name   string
		off    []Kind
		bursts []burst
	}{
		{"five mentions of one watch are one notification", nil, []burst{
			{cands: mentions(1, 5), want: []string{"watch/Hearth×5"}},
		}},
		{"groups by watch and kind, most urgent first", nil, []burst{
			{cands: []Candidate{item(Watch, "Hearth", 1), item(Watch, "Ember", 2), item(VIP, "", 3), item(Watch, "Hearth", 4)},
				want: []string{"vip/×1", "watch/Hearth×2", "watch/Ember×1"}},
		}},
		{"an item notifies once, from its first kind", nil, []burst{
			{cands: []Candidate{item(Abusive, "", 1), item(VIP, "", 1), item(Watch, "Hearth", 1)}, want: []string{"abusive/×1"}},
			{after: time.Minute, cands: []Candidate{item(VIP, "", 1)}, want: []string{}},
		}},
		{"the item on screen never notifies, nor later", nil, []burst{
			{cands: []Candidate{item(VIP, "", 1), item(VIP, "", 2)}, onScreen: 2, want: []string{"vip/×1"}},
			{after: time.Minute, cands: []Candidate{item(VIP, "", 2)}, want: []string{}},
		}},
		{"a new message of the conversation on screen: nothing", nil, []burst{
			{cands: []Candidate{{Kind: VIP, Key: "item:7", ItemID: 7, ThreadID: 3}, {Kind: VIP, Key: "item:8", ItemID: 8, ThreadID: 4}},
				thread: 3, want: []string{"vip/×1"}},
		}},
		{"the only item, on screen: nothing", nil, []burst{
			{cands: mentions(1, 1), onScreen: 1, want: []string{}},
		}},
		{"at most three a minute, the rest summed up in the third", nil, []burst{
			{cands: []Candidate{item(Token, "VK", 1), item(Post, "failed", 2), item(VIP, "", 3), item(Watch, "Hearth", 4), item(Rule, "Urgent", 5)},
				want: []string{"token/VK×1", "post/failed×1", "more×3"}},
		}},
		{"a full minute holds back; the next burst after it sums up", nil, []burst{
			{cands: []Candidate{item(VIP, "", 1), item(Watch, "A", 2), item(Watch, "B", 3)}, want: []string{"vip/×1", "watch/A×1", "watch/B×1"}},
			{after: 10 * time.Second, cands: []Candidate{item(Watch, "C", 4)}, want: []string{}},
			{after: 20 * time.Second, cands: mentions(5, 4), want: []string{}},
			{after: 30 * time.Second, cands: []Candidate{item(VIP, "", 10)}, want: []string{"vip/×1", "more×5"}},
		}},
		{"turned off: VIP", []Kind{VIP}, []burst{
			{cands: []Candidate{item(VIP, "", 1), item(Watch, "Hearth", 2)}, want: []string{"watch/Hearth×1"}},
		}},
		{"turned off, an item falls to its next kind", []Kind{Abusive}, []burst{
			{cands: []Candidate{item(Abusive, "", 1), item(Watch, "Hearth", 1)}, want: []string{"watch/Hearth×1"}},
		}},
	}
	for _, k := range Kinds {
		var cs []Candidate
		for _, other := range Kinds {
			cs = append(cs, item(other, "", int64(urgency(other)+1)))
		}
		// Five kinds remain: the two most urgent go out, the third sums
		// up the three others.
		var left []Kind
		for _, other := range Kinds {
			if other != k {
				left = append(left, other)
			}
		}
		want := []string{string(left[0]) + "/×1", string(left[1]) + "/×1", "more×3"}
		tests = append(tests, struct {
			name   string
			off    []Kind
			bursts []burst
		}{"turned off: " + string(k) + " among all kinds", []Kind{k}, []burst{{cands: cs, want: want}}})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &clock{t: time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)}
			n := NewNotifier(c.now, 3)
			for _, k := range tt.off {
				n.SetOff(k, true)
			}
			for i, b := range tt.bursts {
				c.t = c.t.Add(b.after)
				if g := got(n.Decide(b.cands, Screen{ItemID: b.onScreen, ThreadID: b.thread})); fmt.Sprint(g) != fmt.Sprint(b.want) {
					t.Errorf("burst %d: alerts %q, want %q", i, g, b.want)
				}
			}
		})
	}
}

// What the rate limit held back goes out on its own once the minute
// has passed, never before, and counts by kind.
func TestNotifierFlushesWhatWasHeld(t *testing.T) {
	c := &clock{t: time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)}
	n := NewNotifier(c.now, 2)
	start := c.t
	n.Decide([]Candidate{item(VIP, "", 1), item(Watch, "A", 2)}, Screen{})
	c.t = c.t.Add(5 * time.Second)
	if as := n.Decide([]Candidate{item(Watch, "A", 3), item(Watch, "A", 4), item(Abusive, "", 5)}, Screen{}); len(as) != 0 {
		t.Fatalf("over the limit: alerts %q, want none", got(as))
	}
	if next := n.NextFlush(); !next.Equal(start.Add(time.Minute)) {
		t.Errorf("NextFlush = %v, want %v (a minute after the first alert)", next, start.Add(time.Minute))
	}
	c.t = start.Add(59 * time.Second)
	if as := n.Flush(); len(as) != 0 {
		t.Errorf("Flush within the minute: %q, want nothing", got(as))
	}
	c.t = start.Add(time.Minute)
	as := n.Flush()
	if len(as) != 1 || !as[0].Summary() || as[0].Count != 3 || !maps.Equal(as[0].More, map[Kind]int{Watch: 2, Abusive: 1}) {
		t.Errorf("Flush after the minute = %+v, want one summary of 3 (2 watch mentions, 1 abusive)", as)
	}
	if as := n.Flush(); len(as) != 0 || !n.NextFlush().IsZero() {
		t.Errorf("second Flush = %q, NextFlush %v: want nothing held", got(as), n.NextFlush())
	}
}

// An account notified for refused credentials notifies again only after
// it was forgotten (it synced again).
func TestNotifierForget(t *testing.T) {
	c := &clock{t: time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)}
	n := NewNotifier(c.now, 3)
	tok := Candidate{Kind: Token, Group: "VK", Key: "account:1"}
	for i, want := range []int{1, 0} {
		if as := n.Decide([]Candidate{tok}, Screen{}); len(as) != want {
			t.Errorf("decide %d: %d alerts, want %d", i, len(as), want)
		}
	}
	n.Forget("account:1")
	if as := n.Decide([]Candidate{tok}, Screen{}); len(as) != 1 {
		t.Errorf("after Forget: %d alerts, want 1", len(as))
	}
}
