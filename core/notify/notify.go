// Package notify decides what a person must not miss and shows on the
// desktop: a VIP or abusive item, an item a keyword watch or a rule
// flagged, a post that failed or is held, an account that needs new
// credentials. It groups what arrives together ("5 new mentions of
// Hearth"), keeps to a few notifications a minute and sums up the rest,
// never notifies of the item on screen, and lets each kind be turned off.
// The window words and sends the alerts; this package only decides.
package notify

import (
	"slices"
	"sync"
	"time"
)

// Kind is what a notification is about; each kind can be turned off.
type Kind string

// The kinds, in the order of urgency: when there are more alerts than the
// rate allows, the first kinds go out and the last are summed up.
const (
	Token   Kind = "token"   // an account's credentials were refused: a person must give new ones
	Post    Kind = "post"    // a post failed or is held (found too late)
	Abusive Kind = "abusive" // an item that insults, slurs or threatens
	VIP     Kind = "vip"     // an item by an influential author
	Rule    Kind = "rule"    // a rule asked for a notification
	Watch   Kind = "watch"   // an item a keyword watch matched
)

// Kinds lists every kind, most urgent first.
var Kinds = []Kind{Token, Post, Abusive, VIP, Rule, Watch}

// Candidate is one thing worth a notification.
type Candidate struct {
	Kind Kind
	// Group is what alerts of a kind are grouped by: the watch's or the
	// rule's name, the account's name, the post's state.
	Group string
	// Key names what the candidate is about (an item, a post's target, an
	// account's episode of refused credentials): one notification per key,
	// whichever kind comes first.
	Key string
	// ItemID and ThreadID are the item it is about and its conversation
	// (0: none); never notified while on screen.
	ItemID   int64
	ThreadID int64
	Title    string // the item's author or subject, the post, the account
	Text     string // the item's snippet, the post's or account's error
	// Account is the account a post was for; Late, how late a held post
	// is (0: not held). The window says them in words in its language
	// ("held: 15 hours late"), which Text, English for the logs, cannot.
	Account string
	Late    time.Duration
}

// Alert is one desktop notification: one candidate, a group of them, or
// a summary of what the rate limit held back.
type Alert struct {
	Kind  Kind // empty on a summary
	Group string
	// Count is how many candidates the alert stands for; Latest, the last
	// of them, is the whole story when it is 1.
	Count  int
	Latest Candidate
	// More counts, per kind, what a summary stands for.
	More map[Kind]int
}

// Screen is what the person is looking at: an item and its conversation
// (zero: nothing, the window is hidden or shows another screen).
type Screen struct{ ItemID, ThreadID int64 }

// Shows reports whether a candidate is on screen: the open item, or a new
// message of the open conversation, which appears in it.
func (s Screen) Shows(c Candidate) bool {
	return (c.ItemID != 0 && c.ItemID == s.ItemID) || (c.ThreadID != 0 && c.ThreadID == s.ThreadID)
}

// Summary reports whether the alert sums up what the rate limit held back.
func (a Alert) Summary() bool { return a.More != nil }

// Notifier decides which candidates become alerts: off kinds, keys already
// notified and items on screen are dropped, the rest grouped and rate
// limited. Safe for concurrent use.
type Notifier struct {
	now   func() time.Time
	limit int           // alerts per minute
	mu    sync.Mutex    // guards what follows
	off   map[Kind]bool // kinds turned off
	done  map[string]bool
	sent  []time.Time  // alerts of the last minute
	held  map[Kind]int // held back by the rate limit, not summed up yet
}

// ratePeriod is the window of the rate limit.
const ratePeriod = time.Minute

// NewNotifier returns a notifier on a clock (nil: time.Now) that sends at
// most limit alerts a minute (at least 1).
func NewNotifier(now func() time.Time, limit int) *Notifier {
	if now == nil {
		now = time.Now
	}
	return &Notifier{now: now, limit: max(limit, 1), off: map[Kind]bool{}, done: map[string]bool{}, held: map[Kind]int{}}
}

// SetOff turns a kind off (true) or on.
func (n *Notifier) SetOff(k Kind, off bool) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.off[k] = off
}

// Forget lets a key be notified again (an account whose credentials work
// again may be refused again later).
func (n *Notifier) Forget(key string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	delete(n.done, key)
}

// Seen marks keys as already known, without an alert (what was there
// before the window opened).
func (n *Notifier) Seen(keys ...string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, k := range keys {
		n.done[k] = true
	}
}

// Decide turns a burst of candidates into the alerts to send now; what is
// on screen is taken as seen.
func (n *Notifier) Decide(cands []Candidate, onScreen Screen) []Alert {
	n.mu.Lock()
	defer n.mu.Unlock()
	alerts := group(n.fresh(cands, onScreen))
	return n.limitRate(alerts)
}

// fresh drops what is off, what was notified and what is on screen,
// marking each key it keeps (or sees on screen) as done.
func (n *Notifier) fresh(cands []Candidate, onScreen Screen) []Candidate {
	var out []Candidate
	for _, c := range cands {
		if n.off[c.Kind] || n.done[c.Key] {
			continue
		}
		n.done[c.Key] = true
		if onScreen.Shows(c) {
			continue
		}
		out = append(out, c)
	}
	return out
}

// group makes one alert per kind and group, most urgent kind first, in the
// order the groups first appeared.
func group(cands []Candidate) []Alert {
	type gk struct {
		kind  Kind
		group string
	}
	var order []gk
	byKey := map[gk]*Alert{}
	for _, c := range cands {
		k := gk{c.Kind, c.Group}
		if a := byKey[k]; a != nil {
			a.Count++
			a.Latest = c
			continue
		}
		byKey[k] = &Alert{Kind: c.Kind, Group: c.Group, Count: 1, Latest: c}
		order = append(order, k)
	}
	out := make([]Alert, 0, len(order))
	for _, k := range order {
		out = append(out, *byKey[k])
	}
	slices.SortStableFunc(out, func(a, b Alert) int { return urgency(a.Kind) - urgency(b.Kind) })
	return out
}

func urgency(k Kind) int { return slices.Index(Kinds, k) }

// limitRate keeps to the limit per minute: what does not fit is held and
// summed up in the last alert that fits, now or at the next Flush.
func (n *Notifier) limitRate(alerts []Alert) []Alert {
	now := n.now()
	budget := n.budget(now)
	if len(alerts) <= budget && len(n.held) == 0 {
		n.record(now, len(alerts))
		return alerts
	}
	if budget == 0 {
		n.hold(alerts)
		return nil
	}
	keep := min(len(alerts), budget-1)
	n.hold(alerts[keep:])
	out := append(alerts[:keep:keep], n.summary())
	n.record(now, len(out))
	return out
}

// Flush returns the summary of what the rate limit held back once the
// limit allows one more alert, else nothing.
func (n *Notifier) Flush() []Alert {
	n.mu.Lock()
	defer n.mu.Unlock()
	now := n.now()
	if len(n.held) == 0 || n.budget(now) == 0 {
		return nil
	}
	n.record(now, 1)
	return []Alert{n.summary()}
}

// NextFlush is when Flush will have something to send (zero: nothing is
// held back).
func (n *Notifier) NextFlush() time.Time {
	n.mu.Lock()
	defer n.mu.Unlock()
	if len(n.held) == 0 {
		return time.Time{}
	}
	now := n.now()
	if n.budget(now) > 0 {
		return now
	}
	return n.sent[0].Add(ratePeriod)
}

// budget is how many alerts may go out now; it forgets alerts older than
// the rate's period.
func (n *Notifier) budget(now time.Time) int {
	i := 0
	for i < len(n.sent) && !n.sent[i].After(now.Add(-ratePeriod)) {
		i++
	}
	n.sent = n.sent[i:]
	return max(n.limit-len(n.sent), 0)
}

func (n *Notifier) record(now time.Time, count int) {
	for range count {
		n.sent = append(n.sent, now)
	}
}

func (n *Notifier) hold(alerts []Alert) {
	for _, a := range alerts {
		if a.Summary() {
			for k, c := range a.More {
				n.held[k] += c
			}
			continue
		}
		n.held[a.Kind] += a.Count
	}
}

// summary sums up what is held and clears it.
func (n *Notifier) summary() Alert {
	a := Alert{More: n.held}
	for _, c := range n.held {
		a.Count += c
	}
	n.held = map[Kind]int{}
	return a
}
