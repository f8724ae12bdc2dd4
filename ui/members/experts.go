package members

import (
	"context"
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

// expertLimit is how many people the expert finder lists.
const expertLimit = 20

// expertFinder answers "who knows about…" from declared expertise,
// interests and what members wrote, with a button per person to copy an
// @-mention.
type expertFinder struct {
	s       *Screen
	query   *kit.Entry
	rows    *fyne.Container
	banner  *kit.Banner
	list    []members.Expert
	topic   string // the topic the list answers
	gen     int
	content fyne.CanvasObject
}

func newExpertFinder(s *Screen) *expertFinder {
	f := &expertFinder{s: s, query: kit.NewEntry(), rows: container.NewVBox(), banner: kit.NewBanner()}
	f.query.SetPlaceHolder(lang.L("Who knows about…"))
	f.query.OnSubmitted = f.find
	search := container.NewBorder(nil, nil, nil, kit.PrimaryButton(lang.L("Find"), theme.SearchIcon(), func() { f.find(f.query.Text) }), f.query)
	f.content = container.NewBorder(container.NewPadded(container.NewVBox(search, f.banner.Content)),
		nil, nil, nil, container.NewVScroll(f.rows))
	return f
}

func (f *expertFinder) focus() { f.s.u.Win.Canvas().Focus(f.query) }

func (f *expertFinder) find(topic string) {
	topic = strings.TrimSpace(topic)
	if topic == "" {
		return
	}
	f.gen++
	gen := f.gen
	kit.Background(f.s.u.Env, "find experts", func(ctx context.Context) ([]members.Expert, error) {
		return f.s.u.b.Members.Find(ctx, topic, expertLimit)
	}, func(list []members.Expert, err error) {
		if gen != f.gen {
			return
		}
		if err != nil {
			f.banner.Show(lang.L("Could not search: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
			return
		}
		f.banner.Hide()
		f.topic, f.list = topic, list
		f.render()
	})
}

func (f *expertFinder) render() {
	f.rows.RemoveAll()
	if len(f.list) == 0 {
		f.rows.Add(container.NewPadded(kit.NewMutedWrapped(lang.L("Nobody has said they know about {{.Topic}} yet. Add expertise and interests in members' files.",
			map[string]any{"Topic": kit.QuoteSubject(f.topic)}), fyne.TextAlignCenter)))
		return
	}
	for _, e := range f.list {
		f.rows.Add(f.row(e))
	}
}

func (f *expertFinder) row(e members.Expert) fyne.CanvasObject {
	name := kit.FlatButton(memberName(e.Member), nil, func() { f.s.openDossier(e.Member.ID) })
	name.Alignment = widget.ButtonAlignLeading
	mention := mentionOf(e)
	copyBtn := kit.FlatButton(lang.L("Copy {{.Mention}}", map[string]any{"Mention": mention}), theme.ContentCopyIcon(), func() {
		fyne.CurrentApp().Clipboard().SetContent(mention)
	})
	why := kit.NewMutedWrapped(kit.Capitalize(kit.ExpertWhy(e.Evidence)), fyne.TextAlignLeading)
	return container.NewBorder(nil, widget.NewSeparator(), nil, container.NewCenter(copyBtn),
		container.New(kit.TightRows{}, name, why))
}

// mentionOf is how to @-mention an expert: their X handle, else their VK
// screen name, else their name.
func mentionOf(e members.Expert) string {
	for _, k := range []core.IdentityKind{core.IdentityX, core.IdentityVK} {
		if h := e.Handles[k]; h != "" {
			return "@" + h
		}
	}
	return memberName(e.Member)
}
