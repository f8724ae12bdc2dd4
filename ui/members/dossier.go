package members

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/ui/kit"
)

// dossierView is one member's file: who they are and where (identities),
// what we know (tags, interests, expertise, notes), why they stand where
// they do, and everything they wrote and we replied.
type dossierView struct {
	s        *Screen
	memberID int64
	d        members.Dossier
	loaded   bool
	gen      int

	avatar    *avatar
	name      *kit.WordLabel // cut after a whole word, whole on hover
	place     *widget.RichText
	bio       *widget.Label
	profile   *profileForm
	ids       *fyne.Container
	dates     *widget.RichText
	tags      *chipEditor
	interests *chipEditor
	expertise *expertiseEditor
	notes     *notesEditor
	standing  *fyne.Container
	meetups   *fyne.Container
	timeline  *timelineView
	banner    *kit.Banner
	toast     *kit.Toast // what the last merge did, with Undo
	left      *container.Scroll
	right     *container.Scroll
	content   fyne.CanvasObject
}

func newDossierView(s *Screen) *dossierView {
	v := &dossierView{s: s, avatar: newAvatar(), banner: kit.NewBanner(), toast: kit.NewToast(s.u.Env), ids: container.NewVBox(),
		standing: container.NewVBox(), meetups: container.NewVBox(),
		dates: kit.NewMutedWrapped("", fyne.TextAlignLeading)}
	v.name = kit.NewWordLabel()
	v.name.SizeName = theme.SizeNameHeadingText
	v.place = kit.NewMutedTrunc("")
	v.bio = widget.NewLabel("")
	v.bio.Wrapping = fyne.TextWrapWord
	v.profile = newProfileForm(v)
	v.tags = newChipEditor(lang.L("Add a tag and press Enter"), "#", v.changeTag)
	v.interests = newChipEditor(lang.L("Add an interest and press Enter"), "", v.changeInterest)
	v.expertise = newExpertiseEditor(v)
	v.notes = newNotesEditor(v)
	v.timeline = newTimelineView(v)
	v.content = v.layout()
	return v
}

func (v *dossierView) layout() fyne.CanvasObject {
	v.left = container.NewVScroll(container.NewPadded(container.NewVBox(
		v.header(),
		v.profile.content,
		section(lang.L("Identities"), v.ids),
		v.dates,
		section(lang.L("Tags"), v.tags.content),
		section(lang.L("Interests"), v.interests.content),
		section(lang.L("Expertise"), v.expertise.content),
		section(lang.L("Notes"), v.notes.content),
	)))
	v.right = container.NewVScroll(container.NewPadded(container.NewVBox(
		section(lang.L("Standing"), v.standing),
		section(lang.L("Meetups attended"), v.meetups),
		section(lang.L("Timeline"), v.timeline.content),
	)))
	split := container.NewHSplit(v.left, v.right)
	split.Offset = 0.5
	return container.NewBorder(container.NewVBox(v.toolbar(), v.banner.Content, v.toast.Content), nil, nil, nil, split)
}

func (v *dossierView) toolbar() fyne.CanvasObject {
	return container.NewHBox(
		kit.FlatButton(lang.L("Members"), theme.NavigateBackIcon(), v.s.closeDossier),
		layout.NewSpacer(),
		kit.FlatButton(lang.L("Edit profile"), theme.DocumentCreateIcon(), v.profile.toggle),
		kit.FlatButton(lang.L("Merge with…"), theme.ContentAddIcon(), v.askMerge),
		kit.FlatButton(lang.L("Export file…"), theme.DownloadIcon(), v.askExport),
		kit.FlatButton(lang.L("Delete…"), theme.DeleteIcon(), v.askDelete),
	)
}

func (v *dossierView) header() fyne.CanvasObject {
	text := container.New(kit.TightRows{}, v.name, v.place)
	return container.NewBorder(nil, v.bio, container.NewCenter(v.avatar), nil, container.NewPadded(text))
}

// section is a titled block of the dossier.
func section(title string, body fyne.CanvasObject) fyne.CanvasObject {
	l := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return container.NewVBox(widget.NewSeparator(), l, body)
}

// open shows a member's file, loading it.
func (v *dossierView) open(id int64) {
	v.memberID, v.loaded = id, false
	v.banner.Hide()
	v.profile.hide()
	v.notes.entry.SetText("")
	v.left.ScrollToTop()
	v.right.ScrollToTop()
	v.reload()
}

// close forgets the member: the next open starts clean.
func (v *dossierView) close() {
	v.memberID = 0
	v.gen++
}

// reload re-reads the open file.
func (v *dossierView) reload() {
	v.gen++
	gen, id := v.gen, v.memberID
	kit.Background(v.s.u.Env, "open member", func(ctx context.Context) (members.Dossier, error) {
		return v.s.u.b.Members.Dossier(ctx, id)
	}, func(d members.Dossier, err error) {
		if gen != v.gen {
			return
		}
		if err != nil {
			v.banner.Show(lang.L("Could not open this member's file: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
			return
		}
		v.d, v.loaded = d, true
		v.render()
	})
}

func (v *dossierView) render() {
	d, now := v.d, v.s.u.Now()
	v.avatar.set(d.Member)
	v.name.Set(memberName(d.Member), fyne.TextStyle{Bold: true})
	kit.SetSegment(v.place, placeLine(d.Member))
	v.bio.SetText(d.Member.Bio)
	v.bio.Hidden = d.Member.Bio == ""
	v.renderIdentities()
	kit.SetSegment(v.dates, datesLine(d.Member, now))
	v.tags.set(d.Member.Tags)
	v.interests.set(d.Interests)
	v.expertise.set(d.Expertise)
	v.notes.set(d.Notes)
	v.renderStanding()
	v.renderMeetups()
	v.timeline.set(d.Timeline)
}

// placeLine is "Lyon · French", or a hint that nothing is known.
func placeLine(m core.Member) string {
	var parts []string
	for _, p := range []string{m.Location, m.Language} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return lang.L("Location and language unknown")
	}
	return strings.Join(parts, " · ")
}

func datesLine(m core.Member, now time.Time) string {
	parts := []string{}
	if !m.JoinedAt.IsZero() {
		parts = append(parts, lang.L("Joined {{.Day}}", map[string]any{"Day": dayText(m.JoinedAt)}))
	}
	parts = append(parts, lang.L("first seen {{.Day}}", map[string]any{"Day": dayText(m.FirstSeen)}),
		lang.L("last seen {{.Ago}}", map[string]any{"Ago": kit.Ago(now, m.LastSeen)}))
	if !m.LastContacted.IsZero() {
		parts = append(parts, lang.L("last written to {{.Ago}}", map[string]any{"Ago": kit.Ago(now, m.LastContacted)}))
	}
	return kit.Capitalize(strings.Join(parts, " · "))
}

// dayText is a calendar day, "unknown" for the zero time.
func dayText(t time.Time) string {
	if t.IsZero() {
		return lang.L("unknown")
	}
	return kit.FormatTime(t.Local(), "2 Jan 2006")
}

func (v *dossierView) renderIdentities() {
	v.ids.RemoveAll()
	for _, id := range v.d.Identities {
		v.ids.Add(v.identityRow(id))
	}
}

func (v *dossierView) identityRow(id core.Identity) fyne.CanvasObject {
	info := []string{}
	if id.Name != "" && id.Name != v.d.Member.Name {
		info = append(info, id.Name)
	}
	if id.Followers >= 0 {
		info = append(info, lang.L("{{.Count}} followers", map[string]any{"Count": followers(id.Followers)}))
	}
	if id.Verified {
		info = append(info, lang.L("verified"))
	}
	who := container.NewHBox(widget.NewIcon(kit.IdentityIcon(id.Kind)), widget.NewLabel(identityLabel(id)))
	var split fyne.CanvasObject
	if len(v.d.Identities) > 1 {
		split = kit.FlatButton(lang.L("Split off"), theme.ContentCutIcon(), func() { v.askSplit(id) })
	}
	return container.NewBorder(nil, nil, who, split, container.New(fillWidth{}, kit.NewMutedTrunc(strings.Join(info, " · "))))
}

func (v *dossierView) renderStanding() {
	d, now := v.d, v.s.u.Now()
	v.standing.RemoveAll()
	q := kit.NewBadge()
	q.Set(quadrantBadge(d.Member.Quadrant))
	c := kit.NewBadge()
	c.Set(cohortName(d.Cohort), theme.ColorNamePlaceHolder)
	v.standing.Add(container.NewHBox(q, c))
	for _, line := range []struct{ title, why string }{
		{lang.L("Activity {{.Score}}", map[string]any{"Score": score(d.Member.Activity)}), activityWhy(d.Standing, now)},
		{lang.L("Loyalty {{.Score}}", map[string]any{"Score": loyaltyText(d.Member)}), loyaltyWhy(d.Standing)},
		{lang.L("Quadrant"), quadrantWhy(d.Standing)},
		{lang.L("Cohort"), cohortWhy(d.Standing, now)},
	} {
		v.standing.Add(explained(line.title, line.why))
	}
	for _, r := range d.Rituals {
		v.standing.Add(kit.NewMuted(ritualText(r)))
	}
}

// explained is a bold title with its explanation in a quieter paragraph.
func explained(title, why string) fyne.CanvasObject {
	t := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.New(kit.TightRows{}, t, kit.NewMutedWrapped(kit.Capitalize(why), fyne.TextAlignLeading))
}

func ritualText(r core.RitualDone) string {
	switch r.Ritual {
	case core.RitualWelcome:
		return lang.L("Greeted on {{.Day}}", map[string]any{"Day": dayText(r.At)})
	case core.RitualCheckIn:
		return lang.L("Checked in on {{.Day}}", map[string]any{"Day": dayText(r.At)})
	default:
		return lang.L("{{.Ritual}} on {{.Day}}", map[string]any{"Ritual": r.Ritual, "Day": dayText(r.At)})
	}
}

func (v *dossierView) renderMeetups() {
	v.meetups.RemoveAll()
	if len(v.d.Meetups) == 0 {
		v.meetups.Add(kit.NewMuted(lang.L("None yet")))
		return
	}
	for _, m := range v.d.Meetups {
		v.meetups.Add(container.NewBorder(nil, nil, widget.NewIcon(theme.CalendarIcon()), kit.NewMuted(dayText(m.At)),
			widget.NewLabel(m.Title)))
	}
}
