package demo

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/hearthhq/hearth/core"
)

// The demo community's past: twelve weeks before the peers' recent
// content, as if Hearth had been syncing all along, so that the dashboard
// has history on first launch. The club grows (newcomers each week, more
// after the board-game marathon of week 9), has a bad week (week 6: the
// new booking site lost reservations: angry comments, people leaving,
// slow answers) and answers most questions within business hours. The
// same Now gives the same history.

// HistoryWeeks is how far back the history goes.
const HistoryWeeks = 12

// History is what the channels would have synced over the past weeks: a
// batch per channel (items and, for VK, joins and leaves) and our posts,
// which the calendar records as published.
type History struct {
	VK, X, Mail core.Batch
	Posts       []HistoryPost
	Start       time.Time // the first day of the history
}

// HistoryPost is a post of ours the calendar published in the past; the
// item with RemoteID in the channel's batch carries its reactions.
type HistoryPost struct {
	Channel  core.AccountKind
	RemoteID string
	URL      string
	Text     string
	Agenda   core.Agenda
	Campaign bool // part of the quarter's joint project
	At       time.Time
}

// Weeks of the story, counted from the oldest (0).
const (
	badWeek      = 6
	marathonWeek = 9
)

// historyPerson is someone of the history on one channel.
type historyPerson struct {
	name, address, handle string
	lang                  lang
	followers             int
	since                 int // the week they first wrote
	until                 int // the last week they wrote; 0: still writing
}

// pastWeeks builds the past weeks; rnd is seeded from now.
type pastWeeks struct {
	now, start time.Time
	rnd        *rand.Rand
	out        History
	n          int // remote ids
}

// BuildHistory makes the history of the weeks before now (the peers'
// recent content mixes with its last days).
func BuildHistory(now time.Time) History {
	end := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	h := &pastWeeks{now: now, start: end.AddDate(0, 0, -7*HistoryWeeks),
		rnd: rand.New(rand.NewPCG(uint64(end.Unix()), 7))}
	h.out.Start = h.start
	vk, x, mail := h.people()
	h.identities(vk, x)
	for w := range HistoryWeeks {
		h.vkWeek(w, vk)
		h.xWeek(w, x)
		h.mailWeek(w, mail)
	}
	h.memberships(vk)
	return h.out
}

// people are the history's members per channel, with the week each first
// wrote: a core of regulars from the start, then newcomers.
func (h *pastWeeks) people() (vk, x, mail []historyPerson) {
	for i, n := range historyVKNames {
		p := historyPerson{name: n, address: strconv.Itoa(5300001 + i), lang: ru,
			followers: 20 + h.rnd.IntN(900), since: h.since(i, len(historyVKNames))}
		if i%4 == 3 && p.since == 0 {
			p.until = 3 + i%4 // went quiet: drifting by now
		}
		vk = append(vk, p)
	}
	for i, n := range historyXNames {
		x = append(x, historyPerson{name: n[0], address: strconv.Itoa(1500000201 + i), handle: n[1], lang: en,
			followers: 50 + h.rnd.IntN(4000), since: h.since(i, len(historyXNames))})
	}
	for i, p := range historyMailPeople {
		mail = append(mail, historyPerson{name: p.name, address: p.addr, lang: p.lang, since: h.since(i, len(historyMailPeople))})
	}
	return vk, x, mail
}

// since spreads first weeks: the first third were there from the start,
// the rest arrive over the weeks, a bunch in the marathon week.
func (h *pastWeeks) since(i, n int) int {
	switch {
	case i < n/3:
		return 0
	case i%5 == 0:
		return marathonWeek
	}
	return 1 + (i*7)%(HistoryWeeks-1)
}

func (h *pastWeeks) identities(vk, x []historyPerson) {
	for _, p := range vk {
		h.out.VK.Identities = append(h.out.VK.Identities, core.Identity{Kind: core.IdentityVK, Address: p.address,
			Name: p.name, Followers: p.followers, Location: "Казань"})
	}
	// Members who joined long ago and never wrote: the dead souls.
	for i, n := range historySilentNames {
		addr := strconv.Itoa(5309001 + i)
		at := h.start.AddDate(0, 0, -100-7*i)
		h.out.VK.Identities = append(h.out.VK.Identities, core.Identity{Kind: core.IdentityVK, Address: addr,
			Name: n, JoinedAt: at})
		h.out.VK.Memberships = append(h.out.VK.Memberships, core.MembershipEvent{Kind: core.MemberJoined, Address: addr, At: at})
	}
	for _, p := range x {
		h.out.X.Identities = append(h.out.X.Identities, core.Identity{Kind: core.IdentityX, Address: p.address,
			Name: p.name, Handle: p.handle, Followers: p.followers})
	}
}

// at is a time of day d (0: the history's first) in Kazan (UTC+3).
func (h *pastWeeks) at(day, hour, minute int) time.Time {
	return h.start.AddDate(0, 0, day).Add(time.Duration(hour-3)*time.Hour + time.Duration(minute)*time.Minute)
}

func (h *pastWeeks) id(prefix string) string {
	h.n++
	return fmt.Sprintf("%s%d", prefix, h.n)
}

// present are the people of a channel who write by week w.
func present(ps []historyPerson, w int) []historyPerson {
	var out []historyPerson
	for _, p := range ps {
		if p.since <= w && (p.until == 0 || w <= p.until) {
			out = append(out, p)
		}
	}
	return out
}

// wait is how long we take to answer a message written at t: within the
// hour or a few on working days, the next morning after hours, a day or
// more in the bad week.
func (h *pastWeeks) wait(t time.Time, week int) time.Duration {
	local := t.In(time.FixedZone("MSK", 3*3600))
	if week == badWeek {
		return time.Duration(6+h.rnd.IntN(30)) * time.Hour
	}
	workday := local.Weekday() != time.Saturday && local.Weekday() != time.Sunday
	if workday && local.Hour() >= 9 && local.Hour() < 17 {
		return time.Duration(10+h.rnd.IntN(170)) * time.Minute
	}
	// After hours: the next working morning, 9:00 to 11:00.
	next := time.Date(local.Year(), local.Month(), local.Day(), 9, h.rnd.IntN(120), 0, 0, local.Location())
	if !next.After(local) {
		next = next.AddDate(0, 0, 1)
	}
	for next.Weekday() == time.Saturday || next.Weekday() == time.Sunday {
		next = next.AddDate(0, 0, 1)
	}
	return next.Sub(local)
}

// answered says whether we answer a message: most of them, fewer in the
// bad week.
func (h *pastWeeks) answered(week int) bool {
	if week == badWeek {
		return h.rnd.IntN(10) < 6
	}
	return h.rnd.IntN(10) < 8
}

// pickOne is a random element.
func pickOne[T any](h *pastWeeks, xs []T) T { return xs[h.rnd.IntN(len(xs))] }
