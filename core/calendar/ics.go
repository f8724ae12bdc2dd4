package calendar

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	ical "github.com/emersion/go-ical"

	"github.com/hearthhq/hearth/core"
)

// Export writes the posts, campaigns and meetups of [from, to) as an
// iCalendar file. Times keep their zone (TZID, with a VTIMEZONE built from
// the OS time-zone database), so an 09:00 Paris post reads 09:00 Paris in
// any calendar application.
func (s *Service) Export(ctx context.Context, w io.Writer, from, to time.Time) error {
	v, err := s.Range(ctx, from, to, Filter{}, time.UTC)
	if err != nil {
		return err
	}
	cal := ical.NewCalendar()
	cal.Props.SetText(ical.PropVersion, "2.0")
	cal.Props.SetText(ical.PropProductID, "-//Hearth//Content calendar//EN")
	stamp := s.now().UTC()
	zones := map[string]*time.Location{}
	for _, e := range v.Posts {
		if !e.Post.Skipped {
			cal.Children = append(cal.Children, postEvent(e.Post, stamp, zones).Component)
		}
	}
	for _, c := range v.Campaigns {
		cal.Children = append(cal.Children, campaignEvent(c, stamp).Component)
	}
	for _, m := range v.Meetups {
		cal.Children = append(cal.Children, meetupEvent(m, stamp, zones).Component)
	}
	if len(cal.Children) == 0 {
		return fmt.Errorf("calendar: export: nothing planned from %s to %s", from.Format(time.DateOnly), to.Format(time.DateOnly))
	}
	cal.Children = append(timezones(zones, from, to), cal.Children...)
	if err := ical.NewEncoder(w).Encode(cal); err != nil {
		return fmt.Errorf("calendar: export: %w", err)
	}
	return nil
}

func newEvent(uid string, stamp time.Time, summary string) *ical.Event {
	ev := ical.NewEvent()
	ev.Props.SetText(ical.PropUID, uid)
	ev.Props.SetDateTime(ical.PropDateTimeStamp, stamp)
	ev.Props.SetText(ical.PropSummary, summary)
	return ev
}

// inZone expresses t in the named zone, noting the zone for its VTIMEZONE;
// an unknown zone falls back to UTC, which needs none.
func inZone(t time.Time, zone string, zones map[string]*time.Location) time.Time {
	loc, err := time.LoadLocation(zone)
	if err != nil || loc == time.UTC || zone == "UTC" {
		return t.UTC()
	}
	zones[zone] = loc
	return t.In(loc)
}

func postEvent(p core.Post, stamp time.Time, zones map[string]*time.Location) *ical.Event {
	ev := newEvent("post-"+strconv.FormatInt(p.ID, 10)+"@hearth", stamp, summaryOf(p.Text))
	ev.Props.SetDateTime(ical.PropDateTimeStart, inZone(p.At, p.Zone, zones))
	var desc strings.Builder
	desc.WriteString(p.Text)
	for _, t := range p.Targets {
		fmt.Fprintf(&desc, "\n\n%s: %s", t.Account, t.State)
		if t.Text != "" {
			desc.WriteString("\n" + t.Text)
		}
	}
	ev.Props.SetText(ical.PropDescription, desc.String())
	if p.Agenda != core.AgendaNone {
		cat := ical.NewProp(ical.PropCategories)
		cat.SetTextList([]string{string(p.Agenda)})
		ev.Props.Set(cat)
	}
	return ev
}

func campaignEvent(c core.Campaign, stamp time.Time) *ical.Event {
	ev := newEvent("campaign-"+strconv.FormatInt(c.ID, 10)+"@hearth", stamp, c.Name)
	ev.Props.SetDate(ical.PropDateTimeStart, c.Start)
	ev.Props.SetDate(ical.PropDateTimeEnd, c.End.AddDate(0, 0, 1)) // DTEND of a date is exclusive
	if c.Goal != "" {
		ev.Props.SetText(ical.PropDescription, c.Goal)
	}
	return ev
}

func meetupEvent(m core.Meetup, stamp time.Time, zones map[string]*time.Location) *ical.Event {
	ev := newEvent("meetup-"+strconv.FormatInt(m.ID, 10)+"@hearth", stamp, m.Title)
	ev.Props.SetDateTime(ical.PropDateTimeStart, inZone(m.Start, m.Zone, zones))
	ev.Props.SetDateTime(ical.PropDateTimeEnd, inZone(m.End, m.Zone, zones))
	if m.Place != "" {
		ev.Props.SetText(ical.PropLocation, m.Place)
	}
	return ev
}

// summaryOf is the first line of a text, cut to a calendar cell's length.
func summaryOf(text string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(text), "\n")
	if r := []rune(line); len(r) > 60 {
		return string(r[:59]) + "…"
	}
	if line == "" {
		return "(empty post)"
	}
	return line
}

// timezones builds a VTIMEZONE per zone used, with one observance per
// offset change from a year before the range to its end, as RFC 5545 asks
// for every TZID.
func timezones(zones map[string]*time.Location, from, to time.Time) []*ical.Component {
	names := make([]string, 0, len(zones))
	for n := range zones {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]*ical.Component, 0, len(names))
	for _, n := range names {
		out = append(out, vtimezone(n, zones[n], from.AddDate(-1, 0, 0), to.AddDate(0, 0, 1)))
	}
	return out
}

func vtimezone(name string, loc *time.Location, from, to time.Time) *ical.Component {
	tz := ical.NewComponent(ical.CompTimezone)
	tz.Props.SetText(ical.PropTimezoneID, name)
	changes := transitions(loc, from, to)
	if len(changes) == 0 {
		_, off := from.In(loc).Zone()
		tz.Children = append(tz.Children, observance(from.In(loc), off))
		return tz
	}
	for _, c := range changes {
		_, before := c.Add(-time.Second).In(loc).Zone()
		tz.Children = append(tz.Children, observance(c.In(loc), before))
	}
	return tz
}

// observance is a STANDARD or DAYLIGHT block starting at t (local), coming
// from the offset before.
func observance(t time.Time, before int) *ical.Component {
	kind := ical.CompTimezoneStandard
	if t.IsDST() {
		kind = ical.CompTimezoneDaylight
	}
	abbr, after := t.Zone()
	c := ical.NewComponent(kind)
	start := ical.NewProp(ical.PropDateTimeStart)
	// The onset is written in the local time in force before it.
	start.Value = t.Add(time.Duration(before-after) * time.Second).Format("20060102T150405")
	c.Props.Set(start)
	c.Props.SetText(ical.PropTimezoneOffsetFrom, utcOffset(before))
	c.Props.SetText(ical.PropTimezoneOffsetTo, utcOffset(after))
	c.Props.SetText(ical.PropTimezoneName, abbr)
	return c
}

func utcOffset(sec int) string {
	sign := '+'
	if sec < 0 {
		sign, sec = '-', -sec
	}
	return fmt.Sprintf("%c%02d%02d", sign, sec/3600, sec%3600/60)
}

// transitions finds the instants loc changes offset in [from, to): a daily
// scan, then a bisection to the second.
func transitions(loc *time.Location, from, to time.Time) []time.Time {
	var out []time.Time
	offset := func(t time.Time) int { _, o := t.In(loc).Zone(); return o }
	for day := from; day.Before(to); day = day.Add(24 * time.Hour) {
		next := day.Add(24 * time.Hour)
		if offset(day) == offset(next) {
			continue
		}
		lo, hi := day, next
		for hi.Sub(lo) > time.Second {
			mid := lo.Add(hi.Sub(lo) / 2)
			if offset(mid) == offset(lo) {
				lo = mid
			} else {
				hi = mid
			}
		}
		out = append(out, hi.Truncate(time.Second))
	}
	return out
}
