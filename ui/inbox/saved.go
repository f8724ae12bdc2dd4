package inbox

import (
	"context"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/inbox"
	"github.com/hearthhq/hearth/ui/kit"
)

// SavedReplies keeps the replies written once and inserted many times
// (core/inbox's service).
type SavedReplies interface {
	SavedReplies(ctx context.Context) ([]core.SavedReply, error)
	SetSavedReplies(ctx context.Context, list []core.SavedReply) error
}

// savedShortcut opens the saved replies from the reply: Ctrl+Shift+S.
var savedShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}

// savedLangs are the languages a saved reply can be for, "" for any.
var savedLangs = []string{"", "en", "fr", "ru", "bg"}

func langLabel(l string) string {
	if l == "" {
		return lang.L("any language")
	}
	return l
}

// savedButton offers the saved replies; nil when the backend has none.
func (c *composer) savedButton() *widget.Button {
	if c.u.b.Saved == nil {
		return nil
	}
	c.savedBtn = kit.FlatButton(lang.L("Saved"), theme.DocumentIcon(), c.offerSaved)
	return c.savedBtn
}

// offerSaved lists the saved replies under the button (Ctrl+Shift+S); the
// one chosen is written for the person answered and put in the reply.
func (c *composer) offerSaved() {
	if c.u.b.Saved == nil || c.item.ID == 0 {
		return
	}
	it := c.item
	kit.Background(c.u.Env, "saved replies", func(ctx context.Context) ([]core.SavedReply, error) {
		return c.u.b.Saved.SavedReplies(ctx)
	}, func(list []core.SavedReply, err error) {
		if err != nil {
			c.setNote(lang.L("Could not read the saved replies: {{.Error}}", errData(err)), widget.DangerImportance)
			return
		}
		if c.item.ID != it.ID {
			return
		}
		var items []*fyne.MenuItem
		for _, r := range inbox.ForLanguage(list, c.lang) {
			label := r.Name
			if r.Lang != "" {
				label += "  (" + r.Lang + ")"
			}
			items = append(items, fyne.NewMenuItem(label, func() { c.insertSaved(core.Fill(r.Text, it.Author)) }))
		}
		if len(items) > 0 {
			items = append(items, fyne.NewMenuItemSeparator())
		}
		items = append(items, fyne.NewMenuItem(lang.L("Edit saved replies…"), func() { c.editSaved(list) }))
		menu := widget.NewPopUpMenu(fyne.NewMenu("", items...), c.u.Win.Canvas())
		if c.savedBtn != nil {
			pos := fyne.NewPos(c.savedBtn.Size().Width-menu.MinSize().Width, -menu.MinSize().Height)
			menu.ShowAtRelativePosition(pos, c.savedBtn)
		} else {
			menu.ShowAtRelativePosition(fyne.NewPos(0, 0), c.entry)
		}
	})
}

// insertSaved puts a saved reply in: the whole reply when empty, else on
// a new paragraph after what is written.
func (c *composer) insertSaved(text string) {
	cur := strings.TrimRight(c.entry.Text, " \n")
	if cur != "" {
		text = cur + "\n\n" + text
	}
	c.entry.SetText(text)
	lines := strings.Split(text, "\n")
	c.entry.CursorRow, c.entry.CursorColumn = len(lines)-1, len([]rune(lines[len(lines)-1]))
	c.u.Win.Canvas().Focus(c.entry)
}

// editSaved is the editor of the saved replies: pick one to change or
// delete it, or write a new one.
func (c *composer) editSaved(list []core.SavedReply) {
	list = slices.Clone(list)
	sel := -1
	name, text := kit.NewEntry(), kit.NewMultiLineEntry()
	text.Wrapping = fyne.TextWrapWord
	text.SetMinRowsVisible(5)
	langSel := kit.NewSelect(nil, nil)
	for _, l := range savedLangs {
		langSel.Options = append(langSel.Options, langLabel(l))
	}
	langSel.SetSelectedIndex(0)
	note := widget.NewLabel(lang.L("Variables: {{.Names}} are written for the person answered.", map[string]any{"Names": strings.Join(core.VariableNames(), ", ")}))
	note.Wrapping = fyne.TextWrapWord
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Wrapping = fyne.TextWrapWord
	problem.Hide()

	names := widget.NewList(func() int { return len(list) }, func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(list[i].Name + "  (" + langLabel(list[i].Lang) + ")")
		})
	names.OnSelected = func(i widget.ListItemID) {
		sel = i
		name.SetText(list[i].Name)
		text.SetText(list[i].Text)
		langSel.SetSelectedIndex(max(slices.Index(savedLangs, list[i].Lang), 0))
	}
	save := func(next []core.SavedReply, then func()) {
		kit.BackgroundErr(c.u.Env, "save saved replies", func(ctx context.Context) error {
			return c.u.b.Saved.SetSavedReplies(ctx, next)
		}, func(err error) {
			if err != nil {
				problem.SetText(kit.ErrorText(err))
				problem.Show()
				return
			}
			problem.Hide()
			list = next
			then()
			names.Refresh()
		})
	}
	clearForm := func() {
		sel = -1
		names.UnselectAll()
		name.SetText("")
		text.SetText("")
		langSel.SetSelectedIndex(0)
	}
	keep := kit.PrimaryButton(lang.L("Save"), theme.DocumentSaveIcon(), func() {
		r := core.SavedReply{Name: strings.TrimSpace(name.Text), Lang: savedLangs[max(langSel.SelectedIndex(), 0)], Text: strings.TrimSpace(text.Text)}
		next := slices.Clone(list)
		if sel >= 0 {
			next[sel] = r
		} else {
			next = append(next, r)
		}
		save(next, clearForm)
	})
	remove := kit.FlatButton(lang.L("Delete"), theme.DeleteIcon(), func() {
		if sel < 0 {
			return
		}
		save(slices.Delete(slices.Clone(list), sel, sel+1), clearForm)
	})
	// By id: "New" alone is also the view of new conversations.
	fresh := kit.FlatButton(lang.X("savedreply.new", "New"), theme.ContentAddIcon(), clearForm)

	form := container.NewVBox(
		widget.NewForm(widget.NewFormItem(lang.L("Name"), name), widget.NewFormItem(lang.L("Language"), langSel), widget.NewFormItem(lang.L("Text"), text)),
		note, problem, container.NewHBox(fresh, remove, keep))
	body := container.NewBorder(nil, form, nil, nil, names)
	d := dialog.NewCustom(lang.L("Saved replies"), lang.L("Close"), body, c.u.Win)

	d.Resize(fyne.NewSize(560, 560))
	d.Show()
}
