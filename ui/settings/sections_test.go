package settings

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/stats"
)

// Business hours edited on the screen are the ones the dashboard counts
// in: a question asked on Saturday at 10:00 and answered on Monday at
// 9:30 waited half an hour of business time from Monday to Friday, and
// eight and a half hours once Saturday is a working day.
func TestBusinessHoursChangeTheDashboard(t *testing.T) {
	h := newHarness(t)
	paris, _ := time.LoadLocation("Europe/Paris")
	mail := h.ws.AddAccount(t, core.Account{Kind: core.KindIMAP, Name: "Club"})
	h.ws.AddItems(t, mail.ID,
		core.Item{Kind: core.ItemEmail, RemoteID: "q", Subject: "Meetup?", Text: "Is there a meetup?", State: core.StateNew,
			Author: core.Person{Name: "Anna", Address: "anna@example.org"}, CreatedAt: time.Date(2025, 3, 8, 10, 0, 0, 0, paris).UTC()},
		core.Item{Kind: core.ItemEmail, RemoteID: "r", Subject: "Re: Meetup?", Text: "Yes, on Friday.", State: core.StateDone,
			Outgoing: true, Seen: true, ThreadRefs: []string{"q"},
			Author: core.Person{Name: "Us", Address: "club@example.org"}, CreatedAt: time.Date(2025, 3, 10, 9, 30, 0, 0, paris).UTC()},
	)
	firstResponse := func() float64 {
		t.Helper()
		p, err := stats.Days(time.Date(2025, 3, 1, 0, 0, 0, 0, paris), time.Date(2025, 3, 12, 0, 0, 0, 0, paris))
		if err != nil {
			t.Fatal(err)
		}
		d, err := h.stats.Dashboard(h.ctx(), stats.Query{Period: p})
		if err != nil {
			t.Fatal(err)
		}
		return d.KPIs["first_response_business_median_seconds"].Num
	}
	if got := firstResponse(); got != 1800 {
		t.Fatalf("before: first response in business hours %v s, want 1800 (Monday 9:00-9:30)", got)
	}
	h.s.Show("Business hours")
	h.s.hours.days[5].SetChecked(true) // Saturday
	h.s.hours.saveHours()
	h.WaitFor("the hours saved", func() bool { return h.s.hours.result.label.Text != "" })
	if got := h.s.hours.result.label.Text; got != "Saved. The dashboard counts in these hours from now on." {
		t.Fatalf("after saving the screen says %q", got)
	}
	cs, _ := h.stats.Settings(h.ctx())
	if !slices.Contains(cs.Business.Days, time.Saturday) {
		t.Errorf("the stats service reads days %v; want Saturday among them", cs.Business.Days)
	}
	if got := firstResponse(); got != 30600 {
		t.Errorf("after: first response in business hours %v s, want 30600 (Saturday 10-18 and Monday 9-9:30)", got)
	}
}

// Values that are wrong are refused, each with its reason under its field,
// and nothing is saved.
func TestBadHoursAreRefusedBesideTheirFields(t *testing.T) {
	h := newHarness(t)
	h.s.hours.start.entry.SetText("9h")
	h.s.hours.zone.entry.SetText("Paris")
	for _, d := range h.s.hours.days {
		d.SetChecked(false)
	}
	h.s.hours.saveHours()
	h.Settle()
	for name, f := range map[string]*field{"days": h.s.hours.daysField, "start": h.s.hours.start, "zone": h.s.hours.zone} {
		if !f.problem.Visible() || f.problem.Text == "" {
			t.Errorf("the %s field says nothing", name)
		}
	}
	if h.s.hours.end.problem.Visible() {
		t.Errorf("the end, 18:00, is marked wrong: %q", h.s.hours.end.problem.Text)
	}
	if got := h.s.hours.zone.problem.Text; !strings.Contains(got, "Europe/Paris") {
		t.Errorf("the zone's message %q does not show how to write one", got)
	}
	h.s.hours.start.entry.SetText("19:00")
	h.s.hours.zone.entry.SetText("Europe/Sofia")
	h.s.hours.days[0].SetChecked(true)
	h.s.hours.saveHours()
	h.Settle()
	if got := h.s.hours.end.problem.Text; got != "The end must come after the start (19:00)." {
		t.Errorf("an end before the start says %q", got)
	}
	if cs, _ := h.stats.Settings(h.ctx()); cs.Zone != "Europe/Paris" || cs.Business.Start != "09:00" {
		t.Errorf("refused values were saved: %+v", cs)
	}
}

// Scores and cohorts: a dead-soul window shorter than the drifting one is
// refused beside it; a valid change reaches the member files.
func TestScoresSavedOrRefused(t *testing.T) {
	h := newHarness(t)
	sc := h.s.scores
	sc.driftDays.entry.SetText("60")
	sc.deadDays.entry.SetText("45")
	sc.post.entry.SetText("-1")
	sc.saveScores()
	h.Settle()
	if !strings.Contains(sc.deadDays.problem.Text, "60 days or more") || !sc.post.problem.Visible() {
		t.Errorf("refusals: dead %q, post %q", sc.deadDays.problem.Text, sc.post.problem.Text)
	}
	sc.deadDays.entry.SetText("120")
	sc.post.entry.SetText("4,5")
	sc.saveScores()
	h.WaitFor("the scores saved", func() bool { return sc.result.label.Text == "Saved, and every member rescored." })
	got, _ := h.ws.Members.Settings(h.ctx())
	if got.DriftDays != 60 || got.DeadDays != 120 || got.PostWeight != 4.5 {
		t.Errorf("the member files read %+v", got)
	}
}

// The channel defaults are saved for the engine to read, or refused.
func TestChannelDefaultsSavedOrRefused(t *testing.T) {
	h := newHarness(t)
	c := h.s.channels
	c.vip.entry.SetText("many")
	c.saveDefaults()
	h.Settle()
	if c.vip.problem.Text != "Write a whole number from 1 to 1,000,000,000." {
		t.Errorf("a VIP threshold of many says %q", c.vip.problem.Text)
	}
	c.vip.entry.SetText("500")
	c.vk.entry.SetText("7")
	c.saveDefaults()
	h.WaitFor("the defaults saved", func() bool { return strings.HasPrefix(c.result.label.Text, "Saved") })
	d, _ := h.prefs.ChannelDefaults(h.ctx())
	if d.VIPFollowers != 500 || d.VKBackfillDays != 7 || d.MailBackfillDays != 90 {
		t.Errorf("the workspace keeps %+v", d)
	}
}

// Greetings and saved replies: an unknown variable or a nameless reply is
// said beside it; good ones are saved.
func TestTemplatesSavedOrRefused(t *testing.T) {
	h := newHarness(t)
	tp := h.s.templates
	tp.greetings["ru"].entry.SetText("Привет, {imya}!")
	tp.saveGreetings()
	h.Settle()
	if got := tp.greetings["ru"].problem.Text; got != "{imya} is not a variable Hearth knows." {
		t.Errorf("the Russian greeting says %q", got)
	}
	tp.greetings["ru"].entry.SetText("Привет, {first_name}! Добро пожаловать.")
	tp.saveGreetings()
	h.WaitFor("the greetings saved", func() bool { return tp.greetRes.label.Text == "Saved." })
	if g, _ := h.prefs.Greeting(h.ctx(), "ru"); g != "Привет, {first_name}! Добро пожаловать." {
		t.Errorf("the Russian greeting kept is %q", g)
	}

	tp.addReply(core.SavedReply{Lang: "fr", Text: "Merci {first_name} !"})
	tp.saveReplies()
	h.Settle()
	last := tp.replies[len(tp.replies)-1]
	if last.text.problem.Text != "Give this reply a name." {
		t.Errorf("a nameless reply says %q", last.text.problem.Text)
	}
	last.name.SetText("Merci encore")
	tp.saveReplies()
	h.WaitFor("the replies saved", func() bool { return tp.replyRes.label.Text == "Saved." })
	list, _ := h.ws.Inbox.SavedReplies(h.ctx())
	if n := len(list); n != len(core.DefaultSavedReplies())+1 || list[n-1].Name != "Merci encore" || list[n-1].Lang != "fr" {
		t.Errorf("the inbox offers %+v", list)
	}
}

// Back up now writes a backup and says its name; the folder buttons ask
// the shell to open the folder.
func TestBackUpNow(t *testing.T) {
	h := newHarness(t)
	h.s.place.backupNow()
	h.WaitFor("the backup", func() bool { return h.s.place.result.label.Text != "" })
	if got := h.s.place.result.label.Text; got != "Backed up to hearth-manual-2025-03-12-150000.db" {
		t.Fatalf("after Back up now the screen says %q", got)
	}
	if _, err := os.Stat(h.backups.Dir() + "/hearth-manual-2025-03-12-150000.db"); err != nil {
		t.Error(err)
	}
	h.s.place.open(h.backups.Dir())
	if len(h.opened) != 1 || h.opened[0] != h.backups.Dir() {
		t.Errorf("opened %v", h.opened)
	}
}
