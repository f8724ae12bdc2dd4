package inbox

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// morningHour is when "tomorrow morning" and "next week" wake an item.
const morningHour = 8

// snoozeChoice is one entry of the snooze menu.
type snoozeChoice struct {
	label string
	until time.Time
}

// snoozeChoices are the quick snooze times from now, in now's location:
// later today (while it is still today), tomorrow morning, a Monday
// morning at least two days away.
func snoozeChoices(now time.Time) []snoozeChoice {
	var out []snoozeChoice
	// Three hours on, rounded down to the hour; past midnight it lands
	// before now and is left out.
	if later := atHour(now, 0, now.Add(3*time.Hour).Hour()); later.After(now) && later.Hour() <= 21 {
		out = append(out, snoozeChoice{lang.L("Later today ({{.When}})", when(kit.FormatTime(later, "15:04"))), later})
	}
	tomorrow := atHour(now, 1, morningHour)
	out = append(out, snoozeChoice{lang.L("Tomorrow morning ({{.When}})", when(kit.FormatTime(tomorrow, "Mon 15:04"))), tomorrow})
	// Next Monday, unless that is tomorrow: then the Monday after, so
	// the two choices differ.
	days := (int(time.Monday) - int(now.Weekday()) + 7) % 7
	if days <= 1 {
		days += 7
	}
	monday := atHour(now, days, morningHour)
	out = append(out, snoozeChoice{lang.L("Next week ({{.When}})", when(kit.FormatTime(monday, "Mon 2 Jan, 15:04"))), monday})
	return out
}

// when is the template data of a sentence about a time.
func when(s string) map[string]any {
	return map[string]any{"When": s}
}

// atHour is the whole hour h, days after now's date, in now's location.
func atHour(now time.Time, days, h int) time.Time {
	y, m, d := now.Date()
	return time.Date(y, m, d+days, h, 0, 0, 0, now.Location())
}

// showSnooze opens the snooze menu under the Snooze button.
func (t *threadView) showSnooze() {
	if t.itemID == 0 {
		return
	}
	var items []*fyne.MenuItem
	for _, c := range snoozeChoices(t.u.Now().Local()) {
		items = append(items, fyne.NewMenuItem(c.label, func() { t.inbox.setState(core.StateSnoozed, c.until) }))
	}
	items = append(items, fyne.NewMenuItemSeparator(), fyne.NewMenuItem(lang.L("Pick date and time…"), t.pickSnooze))
	c := t.u.Win.Canvas()
	widget.ShowPopUpMenuAtRelativePosition(fyne.NewMenu("", items...), c, fyne.NewPos(0, t.snooze.Size().Height), t.snooze)
}

// pickSnooze asks for a date and time to snooze until.
func (t *threadView) pickSnooze() {
	now := t.u.Now().Local()
	date, clock := kit.NewEntry(), kit.NewEntry()
	date.SetText(atHour(now, 1, morningHour).Format(time.DateOnly))
	clock.SetText(fmt.Sprintf("%02d:00", morningHour))
	date.Validator = func(s string) error {
		_, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
		return kit.Friendly(err, lang.L("use YYYY-MM-DD"))
	}
	clock.Validator = func(s string) error {
		_, err := time.Parse("15:04", strings.TrimSpace(s))
		return kit.Friendly(err, lang.L("use HH:MM"))
	}
	items := []*widget.FormItem{widget.NewFormItem(lang.L("Date"), date), widget.NewFormItem(lang.L("Time"), clock)}
	dialog.ShowForm(lang.L("Snooze until"), lang.L("Snooze"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		until, err := parseWhen(date.Text, clock.Text, now)
		if err != nil {
			t.inbox.banner.Show(lang.L("Could not snooze: {{.Error}}", errData(err)))
			return
		}
		t.inbox.setState(core.StateSnoozed, until)
	}, t.u.Win)
}

// parseWhen reads a typed date and time in now's location; it must be
// later than now.
func parseWhen(date, clock string, now time.Time) (time.Time, error) {
	t, err := time.ParseInLocation(time.DateOnly+" 15:04", strings.TrimSpace(date)+" "+strings.TrimSpace(clock), now.Location())
	if err != nil {
		return time.Time{}, errors.New(lang.L("the date or time is not valid (use YYYY-MM-DD and HH:MM)"))
	}
	if !t.After(now) {
		return time.Time{}, errors.New(lang.L("{{.When}} is not in the future", when(kit.FormatTime(t, "Mon 2 Jan 2006, 15:04"))))
	}

	return t, nil
}
