package calendar

import (
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/calendar"
	"github.com/hearthhq/hearth/ui/kit"
)

// editorWidth is the width of the post editor panel.
const editorWidth = 380

// Choices of the editor's selects.
const noCampaign = "No campaign"

func agendaChoices() []string {
	return []string{agendaLabel(core.AgendaNone), agendaLabel(core.AgendaProject),
		agendaLabel(core.AgendaNews), agendaLabel(core.AgendaLife)}
}

// postEditor writes one post: its text with a live counter per channel,
// the channels and their variants, the date and time in the calendar's
// zone, agenda, tags, campaign and notes. What is typed is saved as a
// draft when typing pauses (off the UI goroutine); Schedule hands the post
// to the publishing engine. Below, each channel's state, and for a failed
// or held one what can be done about it.
type postEditor struct {
	s       *Screen
	post    core.Post // the backend's copy; ID 0 until the first save
	session int       // bumps when another post opens: saves know whose they are

	heading  *widget.Label
	text     *kit.Entry
	hint     *widget.RichText // "choose where to publish"
	channels *fyne.Container
	checks   map[int64]*widget.Check
	counters map[int64]*widget.Label
	variants map[int64]*kit.Entry
	date     *kit.Entry
	clock    *kit.Entry
	agenda   *kit.Select
	tags     *kit.Entry
	campaign *kit.Select
	notes    *kit.Entry
	media    *mediaList
	preview  *preview // what each channel shows (editor_preview.go)
	status   *fyne.Container
	note     *widget.Label
	schedule *widget.Button
	save     *widget.Button
	del      *widget.Button
	content  *fyne.Container

	accounts  []core.Account
	campaigns map[string]int64 // campaign choice -> id
	setting   bool             // fields are being filled: not typing
	saved     string           // fingerprint of what was last saved
	draft     *kit.Debouncer
	saver     *postSaver
}

func newPostEditor(s *Screen) *postEditor {
	e := &postEditor{s: s, heading: widget.NewLabel(""), checks: map[int64]*widget.Check{}, variants: map[int64]*kit.Entry{},
		counters: map[int64]*widget.Label{}, channels: container.NewVBox(), status: container.NewVBox(), note: widget.NewLabel(""),
		hint: kit.NewMuted("")}
	e.draft = &kit.Debouncer{Env: s.u.Env, Delay: kit.DraftDelay, Fn: e.flush}
	e.saver = &postSaver{e: e, ids: map[int]int64{}}
	e.heading.TextStyle = fyne.TextStyle{Bold: true}
	e.note.Wrapping = fyne.TextWrapWord
	e.note.Hide() // until there is something to say: an empty line costs the month view its last pixel at 1024x700
	e.buildFields()
	e.media = newMediaList(e)
	e.preview = newPreview(e)
	e.content = container.New(kit.FixedWidth{Width: editorWidth}, e.layout())
	e.content.Hide()
	return e
}

func (e *postEditor) buildFields() {
	e.text = kit.NewMultiLineEntry()
	e.text.Wrapping = fyne.TextWrapWord
	e.text.SetMinRowsVisible(4)
	e.text.SetPlaceHolder(lang.L("What the post says…"))
	e.text.OnChanged = e.changed
	e.date, e.clock = kit.NewEntry(), kit.NewEntry()
	e.date.Validator = func(s string) error { return kit.Friendly(parseErr(time.DateOnly, s), lang.L("use YYYY-MM-DD")) }
	e.clock.Validator = func(s string) error { return kit.Friendly(parseErr("15:04", s), lang.L("use HH:MM")) }
	e.date.OnChanged, e.clock.OnChanged = e.changed, e.changed
	e.agenda = kit.NewSelect(agendaChoices(), e.changed)
	e.campaign = kit.NewSelect([]string{lang.L(noCampaign)}, e.changed)
	e.tags = kit.NewEntry()
	e.tags.SetPlaceHolder(lang.L("tags, separated by commas"))
	e.tags.OnChanged = e.changed
	e.notes = kit.NewMultiLineEntry()
	e.notes.SetMinRowsVisible(2)
	e.notes.SetPlaceHolder(lang.L("Notes for yourself"))
	e.notes.OnChanged = e.changed
	e.schedule = widget.NewButtonWithIcon(lang.L("Schedule"), theme.ConfirmIcon(), e.scheduleNow)
	e.schedule.Importance = widget.HighImportance
	e.save = widget.NewButton(lang.L("Save draft"), e.saveDraft)
	e.del = widget.NewButtonWithIcon("", theme.DeleteIcon(), e.confirmDelete)
}

func parseErr(layout, s string) error {
	_, err := time.Parse(layout, strings.TrimSpace(s))
	return err
}

func (e *postEditor) layout() fyne.CanvasObject {
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), e.close)
	closeBtn.Importance = widget.LowImportance
	head := container.NewBorder(nil, nil, nil, closeBtn, e.heading)
	when := container.NewGridWithColumns(2, e.date, e.clock)
	form := widget.NewForm(
		widget.NewFormItem(lang.L("When"), when),
		widget.NewFormItem(lang.L("Agenda"), e.agenda),
		widget.NewFormItem(lang.L("Campaign"), e.campaign),
		widget.NewFormItem(lang.L("Tags"), e.tags),
	)
	text := fyne.CanvasObject(e.text)
	if b := e.expertsButton(); b != nil {
		text = container.NewVBox(e.text, container.NewHBox(layout.NewSpacer(), b))
	}
	fields := container.NewVBox(e.status, text, e.channels, e.media.content(), e.preview.content(), form, e.notes)
	actions := container.NewBorder(nil, nil, e.del, container.NewHBox(e.save, e.schedule))
	// The note (why Schedule refused, a failed save) sits just above the
	// buttons, never below the fold of the scrolled fields.
	body := container.NewBorder(container.NewVBox(head, widget.NewSeparator()), container.NewPadded(container.NewVBox(e.note, actions)), nil, nil,
		container.NewVScroll(container.NewPadded(fields)))
	return container.NewBorder(nil, nil, widget.NewSeparator(), nil, body)
}

// setAccounts builds a row per channel: a checkbox, the counter of the
// text for that channel, and a button that opens a text for it alone.
//
// The list is read again whenever an account changes, which every sync
// does: an unchanged list keeps its rows, and a changed one keeps what is
// being written, saved or not (it used to refill the fields from the post
// as opened, wiping the text typed since).
func (e *postEditor) setAccounts(accts []core.Account) {
	accts = slices.Clone(accts) // the screen reuses its slice for the next read
	if sameChannels(e.accounts, accts) && len(e.checks) > 0 {
		e.accounts = accts
		return
	}
	open := e.content.Visible()
	var editing core.Post
	if open {
		editing = e.collect()
	}
	e.accounts = accts
	e.channels.Objects = []fyne.CanvasObject{e.hint}
	for _, a := range accts {
		e.channels.Objects = append(e.channels.Objects, e.channelRow(a)...)
	}
	if len(accts) == 0 {
		e.channels.Objects = append(e.channels.Objects, kit.NewMutedWrapped(lang.L("No VK community or X account yet: add one in Accounts."), fyne.TextAlignLeading))
	}
	e.channels.Refresh()
	if open {
		saved := e.saved // what the workspace holds: unsaved edits stay unsaved, to be saved
		e.fill(editing)
		e.saved = saved
	}
}

// sameChannels says whether two channel lists show the same rows.
func sameChannels(a, b []core.Account) bool {
	return slices.EqualFunc(a, b, func(x, y core.Account) bool {
		return x.ID == y.ID && x.Name == y.Name && x.Kind == y.Kind
	})
}

func (e *postEditor) channelRow(a core.Account) []fyne.CanvasObject {
	check := widget.NewCheck(a.Name, func(bool) { e.channelsChanged() })
	counter := widget.NewLabel("")
	variant := kit.NewMultiLineEntry()
	variant.Wrapping = fyne.TextWrapWord
	variant.SetMinRowsVisible(2)
	variant.SetPlaceHolder(lang.L("Text for {{.Channel}} only", map[string]any{"Channel": a.Name}))
	variant.OnChanged = e.changed
	variant.Hide()
	own := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { e.toggleVariant(a.ID) })
	own.Importance = widget.LowImportance
	e.checks[a.ID], e.counters[a.ID], e.variants[a.ID] = check, counter, variant
	row := container.NewBorder(nil, nil, widget.NewIcon(kit.AccountIcon(a.Kind)), container.NewHBox(counter, own), check)
	return []fyne.CanvasObject{row, variant}
}

// toggleVariant shows or hides a channel's own text; a hidden variant is
// emptied, so what is published is what is seen.
func (e *postEditor) toggleVariant(id int64) {
	v := e.variants[id]
	if v.Visible() {
		v.SetText("")
		v.Hide()
	} else {
		e.checks[id].SetChecked(true)
		v.Show()
		e.s.u.Win.Canvas().Focus(v)
	}
	e.channels.Refresh()
}

// open edits a post (a tap on its chip).
func (e *postEditor) open(p core.Post) {
	e.leave()
	e.post = p
	e.fill(p)
	e.heading.SetText(lang.L("Post"))
	e.content.Show()
}

// openNew starts a new post at a time; it is created on the first pause
// in typing.
func (e *postEditor) openNew(at time.Time) {
	e.leave()
	e.post = core.Post{At: at.UTC(), Zone: e.s.loc.String()}
	e.fill(e.post)
	e.heading.SetText(lang.L("New post"))
	e.content.Show()
	e.s.u.Win.Canvas().Focus(e.text)
}

// leave saves what is being written before another post opens.
func (e *postEditor) leave() {
	e.flush()
	e.draft.Cancel()
	e.session++
	e.setNote("", widget.MediumImportance)
}

func (e *postEditor) close() {
	e.leave()
	e.post = core.Post{}
	e.content.Hide()
}

// fill puts a post in the fields.
func (e *postEditor) fill(p core.Post) {
	e.setting = true
	defer func() { e.setting = false }()
	e.text.SetText(p.Text)
	for id, check := range e.checks {
		i := slices.IndexFunc(p.Targets, func(t core.PostTarget) bool { return t.AccountID == id })
		check.SetChecked(i >= 0)
		e.variants[id].SetText("")
		if i >= 0 {
			e.variants[id].SetText(p.Targets[i].Text)
		}
		e.variants[id].Hidden = e.variants[id].Text == ""
	}
	e.date.SetText("")
	e.clock.SetText("")
	if !p.At.IsZero() {
		at := p.At.In(e.s.loc)
		e.date.SetText(at.Format(time.DateOnly))
		e.clock.SetText(at.Format("15:04"))
	}
	e.agenda.SetSelected(agendaLabel(p.Agenda))
	e.tags.SetText(strings.Join(p.Tags, ", "))
	e.setCampaigns(e.s.data.view.Campaigns)
	e.campaign.SetSelected(e.campaignName(p.CampaignID))
	e.notes.SetText(p.Notes)
	e.media.set(p.Media)
	e.saved = fingerprint(e.collect())
	e.updateCounters()
	e.showStatus()
}

// changed is any edit: counters follow at once, the draft after a pause.
func (e *postEditor) changed(string) {
	if e.setting {
		return
	}
	e.updateCounters()
	e.media.update()
	e.draft.Poke()
}

func (e *postEditor) channelsChanged() {
	if e.setting {
		return
	}
	for id, check := range e.checks {
		if !check.Checked {
			e.variants[id].SetText("")
			e.variants[id].Hide()
		}
	}
	e.channels.Refresh()
	e.changed("")
}

// collect is the post as the fields hold it.
func (e *postEditor) collect() core.Post {
	p := e.post
	p.Text = e.text.Text
	p.Notes = e.notes.Text
	p.Agenda = agendaOf(e.agenda.Selected)
	p.CampaignID = e.campaigns[e.campaign.Selected]
	p.Tags = splitTags(e.tags.Text)
	p.Media = slices.Clone(e.media.items)
	p.Targets = nil
	for _, a := range e.accounts {
		if !e.checks[a.ID].Checked {
			continue
		}
		t := core.PostTarget{AccountID: a.ID, Account: a.Name, AccountKind: a.Kind}
		if i := slices.IndexFunc(e.post.Targets, func(t core.PostTarget) bool { return t.AccountID == a.ID }); i >= 0 {
			t = e.post.Targets[i]
		}
		t.Text = strings.TrimSpace(e.variants[a.ID].Text)
		p.Targets = append(p.Targets, t)
	}
	if at, ok := e.when(); ok {
		p.At = at.UTC()
	}
	return p
}

// when is the date and time typed, in the calendar's zone.
func (e *postEditor) when() (time.Time, bool) {
	t, err := time.ParseInLocation(time.DateOnly+" 15:04", strings.TrimSpace(e.date.Text)+" "+strings.TrimSpace(e.clock.Text), e.s.loc)
	return t, err == nil
}

func agendaOf(choice string) core.Agenda {
	for _, a := range core.Agendas {
		if agendaLabel(a) == choice {
			return a
		}
	}
	return core.AgendaNone
}

func splitTags(s string) []string {
	var out []string
	for _, t := range strings.Split(s, ",") {
		if t = strings.TrimSpace(t); t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// setCampaigns offers the campaigns of the period shown.
func (e *postEditor) setCampaigns(cs []core.Campaign) {
	e.campaigns = map[string]int64{lang.L(noCampaign): 0}
	opts := []string{lang.L(noCampaign)}
	for _, c := range cs {
		e.campaigns[c.Name] = c.ID
		opts = append(opts, c.Name)
	}
	if id := e.post.CampaignID; id != 0 && !slices.Contains(e.campaignIDs(), id) {
		name := lang.L("Campaign {{.ID}}", map[string]any{"ID": id})
		e.campaigns[name] = id
		opts = append(opts, name)
	}
	e.campaign.SetOptions(opts)
}

func (e *postEditor) campaignIDs() []int64 {
	var ids []int64
	for _, id := range e.campaigns {
		ids = append(ids, id)
	}
	return ids
}

func (e *postEditor) campaignName(id int64) string {
	for name, cid := range e.campaigns {
		if cid == id {
			return name
		}
	}
	return lang.L(noCampaign)
}

// refreshed takes the states of the open post from a reload: the
// publishing engine moves them along while the editor is open.
func (e *postEditor) refreshed(v calendar.View) {
	if !e.content.Visible() || e.post.ID == 0 {
		return
	}
	for _, en := range v.Posts {
		if en.Post.ID == e.post.ID {
			e.post.Targets = en.Post.Targets
			e.post.Skipped = en.Post.Skipped
			e.showStatus()
			return
		}
	}
}

func (e *postEditor) setNote(text string, imp widget.Importance) {
	e.note.Importance = imp
	e.note.SetText(text)
	e.note.Hidden = text == ""
}

// confirmDelete asks before a post goes.
func (e *postEditor) confirmDelete() {
	if e.post.ID == 0 {
		e.draft.Cancel()
		e.close()
		return
	}
	id := e.post.ID
	dialog.ShowConfirm(lang.L("Delete this post?"), lang.L("It will not be published on any channel."), func(ok bool) {
		if ok {
			e.remove(id)
		}
	}, e.s.u.Win)
}
