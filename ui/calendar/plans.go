package calendar

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// planMenu offers what else goes on the calendar besides posts.
func (s *Screen) planMenu(btn *widget.Button) {
	menu := widget.NewPopUpMenu(fyne.NewMenu("",
		fyne.NewMenuItem(lang.L("New campaign…"), s.newCampaign),
		fyne.NewMenuItem(lang.L("New meetup…"), s.newMeetup),
	), s.u.Win.Canvas())
	menu.ShowAtRelativePosition(fyne.NewPos(btn.Size().Width-menu.MinSize().Width, btn.Size().Height), btn)
}

// newCampaign asks for a campaign: a name, a goal and its days.
func (s *Screen) newCampaign() {
	name, goal, first, last := kit.NewEntry(), kit.NewEntry(), kit.NewEntry(), kit.NewEntry()
	start := s.anchor.In(s.loc)
	first.SetText(start.Format(time.DateOnly))
	last.SetText(start.AddDate(0, 0, 27).Format(time.DateOnly))
	name.SetPlaceHolder(lang.L("The quarter's joint project"))
	goal.SetPlaceHolder(lang.L("What success looks like, e.g. 40 players in the league"))
	// The dashboard counts joint projects: a quarter is expected to have one.
	joint := widget.NewCheck(lang.L("A joint project with the community"), nil)
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Name"), name), widget.NewFormItem(lang.L("Goal"), goal),
		widget.NewFormItem(lang.L("First day"), first), widget.NewFormItem(lang.L("Last day"), last),
		widget.NewFormItem("", joint),
	}
	s.planForm(lang.L("New campaign"), items, func() (func(context.Context) error, error) {
		c, err := campaignFrom(name.Text, goal.Text, first.Text, last.Text)
		if err != nil {
			return nil, err
		}
		c.Joint = joint.Checked
		return func(ctx context.Context) error { _, err := s.cal.CreateCampaign(ctx, c); return err }, nil
	})
}

// campaignFrom reads a campaign form; days are civil days, stored at
// midnight UTC so that they mean the same days everywhere.
func campaignFrom(name, goal, first, last string) (core.Campaign, error) {
	a, err1 := time.Parse(time.DateOnly, strings.TrimSpace(first))
	b, err2 := time.Parse(time.DateOnly, strings.TrimSpace(last))
	if err1 != nil || err2 != nil {
		return core.Campaign{}, errors.New(lang.L("write the days as 2026-12-01"))
	}
	c := core.Campaign{Name: strings.TrimSpace(name), Goal: strings.TrimSpace(goal), Start: a, End: b}
	return c, c.Validate()
}

// newMeetup asks for a meetup: title, place, day and hours, who comes.
func (s *Screen) newMeetup() {
	title, place, day, from, to, who := kit.NewEntry(), kit.NewEntry(), kit.NewEntry(), kit.NewEntry(), kit.NewEntry(), kit.NewEntry()
	day.SetText(s.anchor.In(s.loc).Format(time.DateOnly))
	from.SetText("19:00")
	to.SetText("22:00")
	title.SetPlaceHolder(lang.L("Board-game night"))
	place.SetPlaceHolder(lang.L("Café, address"))
	who.SetPlaceHolder(lang.L("Names, separated by commas"))
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Title"), title), widget.NewFormItem(lang.L("Place"), place), widget.NewFormItem(lang.L("Day"), day),
		widget.NewFormItem(lang.L("From"), from), widget.NewFormItem(lang.X("meetup.to", "To"), to), widget.NewFormItem(lang.L("Coming"), who),
	}
	s.planForm(lang.L("New meetup"), items, func() (func(context.Context) error, error) {
		m, err := meetupFrom(title.Text, place.Text, day.Text, from.Text, to.Text, who.Text, s.loc)
		if err != nil {
			return nil, err
		}
		return func(ctx context.Context) error { _, err := s.cal.CreateMeetup(ctx, m); return err }, nil
	})
}

// meetupFrom reads a meetup form in the calendar's zone.
func meetupFrom(title, place, day, from, to, who string, loc *time.Location) (core.Meetup, error) {
	d, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(day), loc)
	if err != nil {
		return core.Meetup{}, errors.New(lang.L("write the day as 2026-12-01"))
	}
	at := func(hm string) (time.Time, error) {
		t, err := time.Parse("15:04", strings.TrimSpace(hm))
		if err != nil {
			return time.Time{}, errors.New(lang.L("write the hours as 19:00"))
		}
		return time.Date(d.Year(), d.Month(), d.Day(), t.Hour(), t.Minute(), 0, 0, loc), nil
	}
	start, err := at(from)
	if err != nil {
		return core.Meetup{}, err
	}
	end, err := at(to)
	if err != nil {
		return core.Meetup{}, err
	}
	m := core.Meetup{Title: strings.TrimSpace(title), Place: strings.TrimSpace(place), Start: start, End: end, Zone: loc.String()}
	for _, n := range strings.Split(who, ",") {
		if n = strings.TrimSpace(n); n != "" {
			m.Attendees = append(m.Attendees, core.Attendee{Name: n})
		}
	}
	return m, m.Validate()
}

// coreMessages are core's fixed checks of a post, a campaign and a meetup,
// translated by value; one that names a channel or
// counts stays English.
var coreMessages = []string{"choose at least one channel to publish on", "a campaign needs a name",
	"a meetup needs a title"}

// errText is a rule's error in the person's language: one of
// coreMessages, or what kit makes of core's words.
func errText(err error) string {
	if s := coreText(err.Error()); s != err.Error() {
		return kit.Sentence(kit.Capitalize(s))
	}
	return kit.ErrorText(err)
}

func coreText(s string) string {
	if slices.Contains(coreMessages, s) {
		return lang.L(s)
	}
	return s
}

// planForm shows a form; read turns it into the save, or says what to fix
// (the form stays open with the problem in it).
func (s *Screen) planForm(title string, items []*widget.FormItem, read func() (func(context.Context) error, error)) {
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Wrapping = fyne.TextWrapWord
	problem.Hide()
	items = append(items, widget.NewFormItem("", problem))
	var d *dialog.FormDialog
	d = dialog.NewForm(title, lang.L("Save"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		save, err := read()
		if err != nil {
			problem.SetText(errText(err))
			problem.Show()
			d.Show() // keep what was typed
			return
		}
		kit.BackgroundErr(s.u.Env, "save plan", save, func(err error) {
			if err != nil {
				s.banner.Show(lang.L("Could not save: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
			}
			s.reload.Request()
		})
	}, s.u.Win)
	d.Resize(fyne.NewSize(460, d.MinSize().Height))
	d.Show()
}
