package members

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/hearthhq/hearth/ui/kit"
)

// bulkTagBar tags or untags the checked rows at once. It shows only while
// rows are checked; the member count sits on its right either way.
type bulkTagBar struct {
	s       *Screen
	label   *widget.Label
	tag     *kit.Entry
	bar     *fyne.Container
	content fyne.CanvasObject
}

func newBulkTagBar(s *Screen) *bulkTagBar {
	b := &bulkTagBar{s: s, label: widget.NewLabel(""), tag: kit.NewEntry()}
	b.tag.SetPlaceHolder(lang.L("Tag"))
	b.tag.OnSubmitted = func(string) { b.apply(true) }
	b.bar = container.NewHBox(b.label, container.New(kit.FixedWidth{Width: filterEntryWidth}, b.tag),
		kit.FlatButton(lang.L("Add tag"), theme.ContentAddIcon(), func() { b.apply(true) }),
		kit.FlatButton(lang.L("Remove tag"), theme.ContentRemoveIcon(), func() { b.apply(false) }),
		kit.FlatButton(lang.L("Select none"), theme.CancelIcon(), s.clearChecked))
	b.bar.Hide()
	b.content = container.NewBorder(nil, nil, nil, container.NewCenter(s.count), b.bar)
	return b
}

// update shows the bar while rows are checked.
func (b *bulkTagBar) update() {
	n := len(b.s.checked)
	if n == 0 {
		b.bar.Hide()
		return
	}
	b.label.SetText(lang.N("{{.Count}} selected", n, map[string]any{"Count": n}))
	b.bar.Show()
}

// apply adds or removes the typed tag on the checked members, then
// re-reads the table (a filtered table may lose rows).
func (b *bulkTagBar) apply(add bool) {
	tag := strings.TrimSpace(b.tag.Text)
	ids := b.s.checkedIDs()
	if tag == "" || len(ids) == 0 {
		return
	}
	addTags, removeTags := []string{tag}, []string(nil)
	if !add {
		addTags, removeTags = nil, addTags
	}
	kit.BackgroundErr(b.s.u.Env, "tag members", func(ctx context.Context) error {
		return b.s.u.b.Members.Tag(ctx, ids, addTags, removeTags)
	}, func(err error) {
		if err != nil {
			b.s.banner.Show(lang.N("Could not tag {{.Count}} members: {{.Error}}", len(ids), map[string]any{"Count": len(ids), "Error": kit.ErrorText(err)}))
			return
		}
		b.tag.SetText("")
		b.s.clearChecked()
		b.s.reload.Request()
	})
}
