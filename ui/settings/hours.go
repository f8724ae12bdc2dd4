package settings

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core/stats"
	"github.com/hearthhq/hearth/ui/kit"
)

// hoursSection is the workspace's time zone and business hours, which the
// dashboard's response times are counted in.
type hoursSection struct {
	s                *Screen
	days             []*widget.Check
	daysField        *field
	start, end, zone *field
	save             *widget.Button
	result           *status
	loaded           bool
}

// weekOrder lists the days from Monday, as a work week reads.
var weekOrder = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

func dayName(d time.Weekday) string { return kit.WeekdayName(d, true) }

func newHoursSection(s *Screen) *hoursSection {
	h := &hoursSection{s: s, start: newField("09:00"), end: newField("18:00"), // untranslated: clock times
		zone: newField("Europe/Paris"), result: newStatus()} // untranslated: a zone's name
	row := container.NewHBox()
	for _, d := range weekOrder {
		c := widget.NewCheck(dayName(d), nil)
		h.days = append(h.days, c)
		row.Add(c)
	}
	h.daysField = (&field{}).under(row)
	h.save = widget.NewButtonWithIcon(lang.L("Save business hours"), theme.DocumentSaveIcon(), h.saveHours)
	h.save.Importance = widget.HighImportance
	return h
}

func (h *hoursSection) section() Section {
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Days"), h.daysField.box),
		widget.NewFormItem(lang.L("From"), h.start.box),
		widget.NewFormItem(lang.L("Until"), h.end.box),
		widget.NewFormItem(lang.L("Time zone"), h.zone.box),
	)
	return Section{Title: lang.L("Business hours"),
		About:   lang.L("The dashboard counts response times in these hours as well as in all hours; days, charts and reports are on the clock of this time zone."),
		Content: container.NewVBox(form, saveRow(h.save, h.result)), Start: h.load}
}

func (h *hoursSection) load() {
	kit.Background(h.s.env, "read the business hours", h.s.b.Hours.Settings, func(v stats.Settings, err error) {
		if err != nil {
			h.result.fail(lang.L("Could not read the settings: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
			return
		}
		h.show(v)
		h.loaded = true
	})
}

func (h *hoursSection) show(v stats.Settings) {
	for i, d := range weekOrder {
		h.days[i].SetChecked(contains(v.Business.Days, d))
	}
	h.start.entry.SetText(v.Business.Start)
	h.end.entry.SetText(v.Business.End)
	h.zone.entry.SetText(v.Zone)
}

func contains(days []time.Weekday, d time.Weekday) bool {
	for _, x := range days {
		if x == d {
			return true
		}
	}
	return false
}

// read checks each field and says what is wrong beside it; ok is false
// when anything is.
func (h *hoursSection) read() (v stats.Settings, ok bool) {
	ok = true
	for i, d := range weekOrder {
		if h.days[i].Checked {
			v.Business.Days = append(v.Business.Days, d)
		}
	}
	if len(v.Business.Days) == 0 {
		h.daysField.say(lang.L("Choose at least one day."))
		ok = false
	} else {
		h.daysField.say("")
	}
	start, okStart := clockField(h.start)
	end, okEnd := clockField(h.end)
	v.Business.Start, v.Business.End = start, end
	ok = ok && okStart && okEnd
	if okStart && okEnd && end <= start {
		h.end.say(lang.L("The end must come after the start ({{.Start}}).", map[string]any{"Start": start}))
		ok = false
	}
	v.Zone = strings.TrimSpace(h.zone.entry.Text)
	if _, err := time.LoadLocation(v.Zone); err != nil || v.Zone == "" || v.Zone == "Local" {
		h.zone.say(lang.L("Not a time zone: write its name such as Europe/Paris, Europe/Moscow or Europe/Sofia."))
		ok = false
	} else {
		h.zone.say("")
	}
	return v, ok
}

// clockField reads "9:00" or "09:00" as "09:00", saying beside the field
// when it is no time of day.
func clockField(f *field) (string, bool) {
	t, err := time.Parse("15:04", strings.TrimSpace(f.entry.Text))
	if err != nil {
		f.say(lang.L("Write a time of day as HH:MM, such as 09:00."))
		return "", false
	}
	f.say("")
	return t.Format("15:04"), true
}

func (h *hoursSection) saveHours() {
	if !h.loaded {
		return
	}
	v, ok := h.read()
	if !ok {
		h.result.fail(lang.L("Not saved: correct what is marked above."))
		return
	}
	h.save.Disable()
	kit.BackgroundErr(h.s.env, "save the business hours", func(ctx context.Context) error {
		return h.s.b.Hours.SetSettings(ctx, v)
	}, func(err error) {
		h.save.Enable()
		if err != nil {
			h.result.fail(lang.L("Not saved: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
			return
		}
		h.show(v)
		h.result.ok(lang.L("Saved. The dashboard counts in these hours from now on."))
	})
}
