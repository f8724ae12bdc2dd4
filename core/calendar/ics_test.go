package calendar_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/hearthhq/hearth/core"
)

// The export parses with an independent iCalendar parser and round-trips
// titles, instants and zones, on both sides of a DST change.
func TestExportRoundTripsWithAnotherParser(t *testing.T) {
	f := setup(t, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	ny, _ := time.LoadLocation("America/New_York")
	want := map[string]struct {
		at   time.Time
		zone string
	}{}
	add := func(text string, at time.Time, zone string) {
		if _, err := f.svc.Create(f.ctx, core.Post{Text: text, At: at, Zone: zone, Targets: targets(f.vk)}); err != nil {
			t.Fatal(err)
		}
		want[text] = struct {
			at   time.Time
			zone string
		}{at, zone}
	}
	add("Avant l'heure d'été", time.Date(2026, 3, 27, 9, 0, 0, 0, f.paris), "Europe/Paris")
	add("Après l'heure d'été", time.Date(2026, 3, 30, 9, 0, 0, 0, f.paris), "Europe/Paris")
	add("New York, after DST", time.Date(2026, 3, 9, 9, 0, 0, 0, ny), "America/New_York")
	if _, err := f.svc.CreateCampaign(f.ctx, core.Campaign{Name: "Spring build", Goal: "a shared map",
		Start: time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 4, 15, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	meet := time.Date(2026, 3, 28, 15, 0, 0, 0, f.paris)
	if _, err := f.svc.CreateMeetup(f.ctx, core.Meetup{Title: "Picnic", Place: "Parc Monceau", Start: meet,
		End: meet.Add(2 * time.Hour), Zone: "Europe/Paris"}); err != nil {
		t.Fatal(err)
	}
	want["Picnic"] = struct {
		at   time.Time
		zone string
	}{meet, "Europe/Paris"}

	var buf bytes.Buffer
	if err := f.svc.Export(f.ctx, &buf, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if os.Getenv("HEARTH_KEEP_ICS") != "" {
		os.WriteFile(filepath.Join(t.TempDir(), "export.ics"), buf.Bytes(), 0o600)
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("the export does not parse: %v\n%s", err, buf.String())
	}
	zones := map[string]bool{}
	for _, tz := range cal.Timezones() {
		if id := tz.GetProperty(ics.ComponentPropertyTzid); id != nil && len(tz.Components) > 0 {
			zones[id.Value] = true
		}
	}
	seen := map[string]bool{}
	for _, ev := range cal.Events() {
		title := ev.GetProperty(ics.ComponentPropertySummary).Value
		seen[title] = true
		if title == "Spring build" {
			start, err := ev.GetAllDayStartAt()
			if err != nil || start.Format(time.DateOnly) != "2026-03-15" {
				t.Errorf("campaign starts %v (%v), want 2026-03-15", start, err)
			}
			continue
		}
		w, ok := want[title]
		if !ok {
			t.Errorf("unexpected event %q", title)
			continue
		}
		start, err := ev.GetStartAt()
		if err != nil {
			t.Fatalf("%q: %v", title, err)
		}
		if !start.Equal(w.at) || start.Location().String() != w.zone {
			t.Errorf("%q starts %v, want %v", title, start, w.at)
		}
		if tzid := ev.GetProperty(ics.ComponentPropertyDtStart).ICalParameters["TZID"]; len(tzid) != 1 || tzid[0] != w.zone || !zones[w.zone] {
			t.Errorf("%q: TZID %v, VTIMEZONEs %v; want %s with its VTIMEZONE", title, tzid, zones, w.zone)
		}
	}
	if len(seen) != len(want)+1 {
		t.Errorf("events %v, want the 3 posts, the campaign and the meetup", seen)
	}
}
