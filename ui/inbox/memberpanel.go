package inbox

import (
	"context"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/ui/kit"
)

// MemberFiles is what the member panel beside a conversation reads and
// edits (core/members' service).
type MemberFiles interface {
	Dossier(ctx context.Context, id int64) (members.Dossier, error)
	Tag(ctx context.Context, ids []int64, add, remove []string) error
	AddNote(ctx context.Context, id int64, text string) (core.Note, error)
}

const (
	panelWidth  = 270
	panelRecent = 5 // conversations listed in the panel
	panelNotes  = 3
	// panelMinWindow is the window width below which the panel starts
	// hidden: the conversation keeps a readable width.
	panelMinWindow = 1440
)

// memberPanel shows the author of the open conversation beside it: who
// they are on each channel, where they stand, their tags and notes
// (editable here) and what else they wrote. Their name opens the whole
// file.
type memberPanel struct {
	u        *env
	s        *Screen
	memberID int64
	itemID   int64 // the conversation it was shown for

	name       *widget.Button
	standing   *widget.Label
	identities *fyne.Container
	tags       *fyne.Container
	tagEntry   *kit.Entry
	notes      *fyne.Container
	noteEntry  *kit.Entry
	recent     *fyne.Container
	status     *widget.Label
	body       *fyne.Container
	none       *widget.RichText
	content    *fyne.Container
}

func newMemberPanel(u *env, s *Screen) *memberPanel {
	p := &memberPanel{u: u, s: s, standing: widget.NewLabel(""), status: widget.NewLabel(""),
		identities: container.NewVBox(), tags: container.NewGridWrap(fyne.NewSize(120, 36)),
		notes: container.NewVBox(), recent: container.NewVBox(), tagEntry: kit.NewEntry(), noteEntry: kit.NewMultiLineEntry()}
	p.name = widget.NewButtonWithIcon("", theme.AccountIcon(), func() {
		if p.memberID != 0 && s.OpenMember != nil {
			s.OpenMember(p.memberID)
		}
	})
	p.name.Importance = widget.LowImportance
	p.name.Alignment = widget.ButtonAlignLeading
	p.standing.Wrapping = fyne.TextWrapWord
	p.status.Wrapping = fyne.TextWrapWord
	p.status.Importance = widget.DangerImportance
	p.status.Hide()
	p.tagEntry.SetPlaceHolder(lang.L("Add a tag, Enter"))
	p.tagEntry.OnSubmitted = func(text string) { p.tag(normalizeTag(text), true) }
	p.noteEntry.SetPlaceHolder(lang.L("A note about them…"))
	p.noteEntry.Wrapping = fyne.TextWrapWord
	p.noteEntry.SetMinRowsVisible(2)
	addNote := kit.FlatButton(lang.L("Add note"), theme.DocumentCreateIcon(), p.addNote)
	p.body = container.NewVBox(
		p.name, p.standing, p.identities,
		sectionTitle(lang.L("Tags")), p.tags, p.tagEntry,
		sectionTitle(lang.L("Notes")), p.notes, p.noteEntry, container.NewHBox(addNote),
		sectionTitle(lang.L("Lately")), p.recent, p.status)
	p.none = kit.NewMutedWrapped("", fyne.TextAlignCenter)
	p.none.Hide()
	p.content = container.New(kit.FixedWidth{Width: panelWidth}, container.NewBorder(nil, nil, widget.NewSeparator(), nil,
		container.NewStack(container.NewVScroll(container.NewPadded(p.body)), container.NewPadded(p.none))))
	p.body.Hide()
	p.content.Hide() // until a conversation opens
	return p
}

func sectionTitle(s string) fyne.CanvasObject {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// show shows the author of a conversation.
func (p *memberPanel) show(it core.Item) {
	p.itemID = it.ID
	p.memberID = it.MemberID
	p.status.Hide()
	switch {
	case it.ID == 0:
		p.message("")
		return
	case it.MemberID == 0:
		p.message(lang.L("No member file for {{.Who}} yet: one is made when they write from a channel Hearth syncs.", map[string]any{"Who": authorLabel(it)}))
		return
	}
	p.load()
}

func (p *memberPanel) message(text string) {
	p.body.Hide()
	kit.SetSegment(p.none, text)
	p.none.Hidden = text == ""
	p.content.Refresh()
}

// load reads the member's file off the UI goroutine.
func (p *memberPanel) load() {
	id := p.memberID
	kit.Background(p.u.Env, "member panel", func(ctx context.Context) (members.Dossier, error) {
		return p.u.b.Members.Dossier(ctx, id)
	}, func(d members.Dossier, err error) {
		if p.memberID != id {
			return // another conversation opened meanwhile
		}
		if err != nil {
			p.message(lang.L("Could not read their member file: {{.Error}}", errData(err)))
			return
		}
		p.set(d)
	})
}

func (p *memberPanel) set(d members.Dossier) {
	m := d.Member
	p.name.SetText(m.Name)
	parts := []string{}
	if q := members.QuadrantLabel(m.Quadrant); q != "" {
		parts = append(parts, kit.Capitalize(standingWord(q)))
	}
	if c := members.CohortLabel(d.Cohort); c != "" {
		parts = append(parts, standingWord(c))
	}

	if !m.FirstSeen.IsZero() {
		parts = append(parts, lang.L("known since {{.When}}", map[string]any{"When": kit.FormatTime(m.FirstSeen.In(p.u.Now().Location()), "Jan 2006")}))
	}
	p.standing.SetText(strings.Join(parts, " · "))

	p.identities.RemoveAll()
	for _, id := range d.Identities {
		label := widget.NewLabel(identityLine(id))
		label.Truncation = fyne.TextTruncateEllipsis
		p.identities.Add(container.NewBorder(nil, nil, widget.NewIcon(kit.IdentityIcon(id.Kind)), nil, label))
	}

	p.showTags(m.Tags)

	p.notes.RemoveAll()
	for i, n := range d.Notes {
		if i == panelNotes {
			break
		}
		t := widget.NewLabel(n.Text + "\n— " + kit.ShortWhen(p.u.Now(), n.At))
		t.Wrapping = fyne.TextWrapWord
		p.notes.Add(t)
	}

	p.recent.RemoveAll()
	shown := 0
	for _, e := range d.Timeline {
		if e.Outgoing || e.ItemID == p.itemID {
			continue
		}
		if shown == panelRecent {
			break
		}
		shown++
		id := e.ItemID
		title := e.Subject
		if strings.TrimSpace(title) == "" {
			title = e.Snippet
		}
		link := widget.NewHyperlink(kit.ShortWhen(p.u.Now(), e.At)+" · "+title, nil)
		link.OnTapped = func() { p.s.OpenItem(id) }
		link.Truncation = fyne.TextTruncateEllipsis
		p.recent.Add(container.NewBorder(nil, nil, widget.NewIcon(kit.ChannelIcon(e.Kind)), nil, link))
	}
	if shown == 0 {
		p.recent.Add(kit.NewMuted(lang.L("Nothing else yet.")))
	}
	p.none.Hide()
	p.body.Show()
	p.content.Refresh()
}

// identityLine names an identity as its channel knows it.
func identityLine(id core.Identity) string {
	switch {
	case id.Handle != "" && id.Kind != core.IdentityEmail:
		return "@" + id.Handle
	case id.Address != "" && id.Kind == core.IdentityVK:
		return "vk.com/id" + id.Address
	case id.Address != "":
		return id.Address
	}
	return id.Name
}

func (p *memberPanel) showTags(tags []string) {
	p.tags.RemoveAll()
	for _, tag := range tags {
		b := widget.NewButtonWithIcon("#"+tag, theme.CancelIcon(), func() { p.tag(tag, false) })
		b.Importance = widget.LowImportance
		b.IconPlacement = widget.ButtonIconTrailingText
		p.tags.Add(b)
	}
	p.tags.Refresh()
}

// tag adds or removes a tag of the member (not of the conversation).
func (p *memberPanel) tag(tag string, add bool) {
	id := p.memberID
	if id == 0 || tag == "" {
		return
	}
	kit.BackgroundErr(p.u.Env, "tag member", func(ctx context.Context) error {
		if add {
			return p.u.b.Members.Tag(ctx, []int64{id}, []string{tag}, nil)
		}
		return p.u.b.Members.Tag(ctx, []int64{id}, nil, []string{tag})
	}, func(err error) {
		if err != nil {
			p.fail(lang.L("Could not change their tags: {{.Error}}", errData(err)))
			return
		}
		if add {
			p.tagEntry.SetText("")
		}
		if p.memberID == id {
			p.load()
		}
	})
}

func (p *memberPanel) addNote() {
	id, text := p.memberID, strings.TrimSpace(p.noteEntry.Text)
	if id == 0 || text == "" {
		return
	}
	kit.Background(p.u.Env, "add note", func(ctx context.Context) (core.Note, error) {
		return p.u.b.Members.AddNote(ctx, id, text)
	}, func(_ core.Note, err error) {
		if err != nil {
			p.fail(lang.L("Could not add the note: {{.Error}}", errData(err)))

			return
		}
		if p.noteEntry.Text == text || strings.TrimSpace(p.noteEntry.Text) == text {
			p.noteEntry.SetText("")
		}
		if p.memberID == id {
			p.load()
		}
	})
}

func (p *memberPanel) fail(msg string) {
	p.status.SetText(msg)
	p.status.Show()
}

// standingWords are core/members' quadrant and cohort names, written out
// as the translation files name them (a test holds them to core).
var standingWords = []string{
	"advocate", "quiet fan", "critic", "passer-by",
	"new", "regular", "drifting away", "dead soul",
}

// standingWord is a quadrant or cohort name in the language in use.
func standingWord(w string) string {
	if slices.Contains(standingWords, w) {
		return lang.L(w)
	}
	return w
}
