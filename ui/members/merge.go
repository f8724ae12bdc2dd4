package members

import (
	"context"
	"strings"

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

// suggestionLimit is how many merge suggestions the tab shows at a time.
const suggestionLimit = 30

// suggestion is a merge suggestion with the two files it would join.
type suggestion struct {
	core.MergeSuggestion
	a, b members.Dossier
}

// mergeList shows the merge suggestions, strongest first, each with its
// reasons and Accept / Reject. Nothing merges without Accept.
type mergeList struct {
	s       *Screen
	rows    *fyne.Container
	banner  *kit.Banner
	list    []suggestion
	gen     int
	content fyne.CanvasObject
}

func newMergeList(s *Screen) *mergeList {
	l := &mergeList{s: s, rows: container.NewVBox(), banner: kit.NewBanner()}
	intro := kit.NewMutedWrapped(lang.L("People who may be one person on several channels. Accept merges their files; Reject keeps them apart for good."), fyne.TextAlignLeading)
	l.content = container.NewBorder(container.NewPadded(container.NewVBox(intro, l.banner.Content)),
		nil, nil, nil, container.NewVScroll(l.rows))
	return l
}

func (l *mergeList) load() {
	l.gen++
	gen := l.gen
	kit.Background(l.s.u.Env, "load merge suggestions", l.fetch, func(list []suggestion, err error) {
		if gen != l.gen {
			return
		}
		if err != nil {
			l.banner.Show(lang.L("Could not load the merge suggestions: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
			return
		}
		l.banner.Hide()
		l.list = list
		l.render()
	})
}

// fetch reads the suggestions and both files of each, to show who they are.
func (l *mergeList) fetch(ctx context.Context) ([]suggestion, error) {
	sgs, err := l.s.u.b.Members.Suggestions(ctx, suggestionLimit)
	if err != nil {
		return nil, err
	}
	out := make([]suggestion, 0, len(sgs))
	for _, sg := range sgs {
		x := suggestion{MergeSuggestion: sg}
		if x.a, err = l.s.u.b.Members.Dossier(ctx, sg.MemberA); err != nil {
			return nil, err
		}
		if x.b, err = l.s.u.b.Members.Dossier(ctx, sg.MemberB); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, nil
}

func (l *mergeList) render() {
	l.rows.RemoveAll()
	if len(l.list) == 0 {
		l.rows.Add(container.NewPadded(kit.NewMutedWrapped(lang.L("No merge suggestions: nobody looks like someone else."), fyne.TextAlignCenter)))
		return
	}
	for _, sg := range l.list {
		l.rows.Add(l.row(sg))
	}
}

func (l *mergeList) row(sg suggestion) fyne.CanvasObject {
	who := container.NewHBox(
		l.side(sg.a, sg.IdentityA),
		container.NewCenter(widget.NewIcon(theme.NewThemedResource(theme.ViewRefreshIcon()))),
		l.side(sg.b, sg.IdentityB),
		layout.NewSpacer(),
	)
	why := kit.NewMutedWrapped(reasonsText(sg.Reasons), fyne.TextAlignLeading)
	buttons := container.NewHBox(
		kit.FlatButton(lang.L("Reject"), theme.CancelIcon(), func() { l.reject(sg) }),
		kit.PrimaryButton(lang.L("Accept"), theme.ConfirmIcon(), func() { l.accept(sg) }),
	)
	return container.NewBorder(nil, widget.NewSeparator(), nil, container.NewCenter(buttons),
		container.New(kit.TightRows{}, who, why))
}

// side is one of the two people: name and the identity that matched.
func (l *mergeList) side(d members.Dossier, identityID int64) fyne.CanvasObject {
	name := kit.FlatButton(memberName(d.Member), nil, func() { l.s.openDossier(d.Member.ID) })
	for _, id := range d.Identities {
		if id.ID == identityID {
			return container.NewHBox(name, widget.NewIcon(kit.IdentityIcon(id.Kind)),
				container.NewCenter(kit.NewMuted(identityLabel(id))))
		}
	}
	return name
}

func reasonsText(rs []core.MergeReason) string {
	parts := make([]string, 0, len(rs))
	for _, r := range rs {
		if t := members.ReasonText(r); t != "" {
			parts = append(parts, lang.L(t))
		}
	}
	return kit.Capitalize(strings.Join(parts, "; "))
}

func (l *mergeList) accept(sg suggestion) {
	l.drop(sg)
	kit.Background(l.s.u.Env, "accept merge", func(ctx context.Context) (int64, error) {
		return l.s.u.b.Members.Accept(ctx, sg.MergeSuggestion)
	}, func(_ int64, err error) {
		if err != nil {
			l.banner.Show(lang.L("Could not merge {{.A}} and {{.B}}: {{.Error}}", map[string]any{"A": memberName(sg.a.Member),
				"B": memberName(sg.b.Member), "Error": kit.ErrorText(err)}))
		}
		l.load() // another suggestion may have named one of the merged files
	})
}

func (l *mergeList) reject(sg suggestion) {
	l.drop(sg)
	kit.BackgroundErr(l.s.u.Env, "reject merge", func(ctx context.Context) error {
		return l.s.u.b.Members.Reject(ctx, sg.MergeSuggestion)
	}, func(err error) {
		if err != nil {
			l.banner.Show(lang.L("Could not record the answer: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
			l.load()
		}
	})
}

// drop takes a suggestion off the list at once.
func (l *mergeList) drop(sg suggestion) {
	for i, x := range l.list {
		if x.IdentityA == sg.IdentityA && x.IdentityB == sg.IdentityB {
			l.list = append(l.list[:i:i], l.list[i+1:]...)
			break
		}
	}
	l.render()
}

// identityLabel is how an identity is named: @handle where the channel has
// one, else its address.
func identityLabel(id core.Identity) string {
	if id.Handle != "" {
		return "@" + id.Handle
	}
	if id.Kind == core.IdentityVK {
		return "id" + id.Address
	}
	return id.Address
}
