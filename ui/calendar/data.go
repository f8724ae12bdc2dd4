package calendar

import (
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/calendar"
)

// calData is what a view draws: the range, today, the backend's view of
// it, and how to colour posts.
type calData struct {
	from, to time.Time // midnight to midnight in the view's location
	today    time.Time // now, in the view's location
	view     calendar.View
	by       calendar.ColourBy
	variant  fyne.ThemeVariant
}

func (d calData) days() int { return dayIndex(d.from, d.to) }

// calEvent is a post or a meetup at its local time.
type calEvent struct {
	at     time.Time
	post   *core.Post
	meetup *core.Meetup
}

// byDay sorts the range's posts and meetups into its days, in time order.
func (d calData) byDay() [][]calEvent {
	out := make([][]calEvent, d.days())
	add := func(ev calEvent) {
		if i := dayIndex(d.from, ev.at); i >= 0 && i < len(out) {
			out[i] = append(out[i], ev)
		}
	}
	loc := d.from.Location()
	for i := range d.view.Posts {
		add(calEvent{at: d.view.Posts[i].Post.At.In(loc), post: &d.view.Posts[i].Post})
	}
	for i := range d.view.Meetups {
		add(calEvent{at: d.view.Meetups[i].Start.In(loc), meetup: &d.view.Meetups[i]})
	}
	for _, evs := range out {
		slices.SortStableFunc(evs, func(a, b calEvent) int { return a.at.Compare(b.at) })
	}
	return out
}

// campaignSpan is a campaign's days within the range, as day indexes, and
// the band lane it is drawn in.
type campaignSpan struct {
	c           core.Campaign
	first, last int
	lane        int
}

// campaignSpans places the range's campaigns on lanes, so overlapping
// ones do not cover each other; at most maxLanes are kept.
func (d calData) campaignSpans(maxLanes int) []campaignSpan {
	n := d.days()
	var out []campaignSpan
	var laneEnds []int // the last day taken on each lane
	for _, c := range d.view.Campaigns {
		sp := campaignSpan{c: c, first: max(dayIndex(d.from, civilDay(c.Start, d.from.Location())), 0),
			last: min(dayIndex(d.from, civilDay(c.End, d.from.Location())), n-1)}
		if sp.last < sp.first {
			continue
		}
		sp.lane = slices.IndexFunc(laneEnds, func(end int) bool { return end < sp.first })
		if sp.lane < 0 {
			if len(laneEnds) == maxLanes {
				continue
			}
			sp.lane = len(laneEnds)
			laneEnds = append(laneEnds, 0)
		}
		laneEnds[sp.lane] = sp.last
		out = append(out, sp)
	}
	return out
}

// lanes is how many band lanes the spans use.
func lanes(spans []campaignSpan) int {
	n := 0
	for _, sp := range spans {
		n = max(n, sp.lane+1)
	}
	return n
}

// civilDay is a campaign's civil day (midnight UTC) as midnight in loc.
func civilDay(t time.Time, loc *time.Location) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}

// chipText is what a chip says: "09:00 First words".
func (ev calEvent) chipText() string {
	if ev.meetup != nil {
		return ev.at.Format("15:04") + " " + ev.meetup.Title
	}
	text := firstWords(ev.post.Text, 200) // the chip fits it to its width
	if text == "" {
		text = lang.L("(no text yet)")
	}
	return ev.at.Format("15:04") + " " + text
}
