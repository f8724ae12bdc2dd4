package members

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
	"github.com/hearthhq/hearth/ui/kit"
)

// notesEditor lists a member's dated notes, newest first, and adds one
// from a box on Ctrl+Enter (or its button).
type notesEditor struct {
	v       *dossierView
	list    *fyne.Container
	entry   *noteEntry
	content fyne.CanvasObject
}

func newNotesEditor(v *dossierView) *notesEditor {
	n := &notesEditor{v: v, list: container.NewVBox()}
	n.entry = newNoteEntry(n.add)
	add := kit.FlatButton(lang.L("Add note"), theme.ContentAddIcon(), n.add)
	hint := kit.NewMuted(lang.L("Ctrl+Enter adds the note"))
	hint.Segments[0].(*widget.TextSegment).Style.SizeName = theme.SizeNameCaptionText
	n.content = container.NewVBox(n.entry, container.NewBorder(nil, nil, nil, add, container.NewCenter(hint)), n.list)
	return n
}

func (n *notesEditor) set(notes []core.Note) {
	n.list.RemoveAll()
	for _, note := range notes {
		n.list.Add(n.row(note))
	}
}

func (n *notesEditor) row(note core.Note) fyne.CanvasObject {
	text := widget.NewLabel(note.Text)
	text.Wrapping = fyne.TextWrapWord
	del := iconButton(theme.DeleteIcon(), func() { n.remove(note) })
	head := container.NewBorder(nil, nil, nil, del, kit.NewMuted(kit.MessageDate(note.At)))
	return container.New(kit.TightRows{}, head, text)
}

// add saves the typed note; it shows once the backend dated it.
func (n *notesEditor) add() {
	text := strings.TrimSpace(n.entry.Text)
	if text == "" {
		return
	}
	id := n.v.memberID
	n.entry.SetText("")
	kit.Background(n.v.s.u.Env, "add note", func(ctx context.Context) (core.Note, error) {
		return n.v.s.u.b.Members.AddNote(ctx, id, text)
	}, func(note core.Note, err error) {
		if n.v.memberID != id {
			return
		}
		if err != nil {
			n.entry.SetText(text) // keep what was written
			n.v.banner.Show(lang.L("Could not add the note: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
			return
		}
		n.v.d.Notes = append([]core.Note{note}, n.v.d.Notes...)
		n.set(n.v.d.Notes)
	})
}

func (n *notesEditor) remove(note core.Note) {
	n.v.d.Notes = slices.DeleteFunc(slices.Clone(n.v.d.Notes), func(x core.Note) bool { return x.ID == note.ID })
	n.set(n.v.d.Notes)
	n.v.save("delete the note", func(ctx context.Context, _ int64) error {
		return n.v.s.u.b.Members.DeleteNote(ctx, note.ID)
	})
}

// noteEntry is a multi-line box that saves on Ctrl+Enter; Tab leaves it
// for the next field instead of typing a tab.
type noteEntry struct {
	kit.Entry
	onSave func()
}

func newNoteEntry(onSave func()) *noteEntry {
	e := &noteEntry{onSave: onSave}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.SetPlaceHolder(lang.L("Write a note…"))
	e.ExtendBaseWidget(e)
	e.SetMinRowsVisible(2)
	return e
}

func (e *noteEntry) TypedShortcut(s fyne.Shortcut) {
	if kit.IsSendShortcut(s) {
		e.onSave()
		return
	}
	e.Entry.TypedShortcut(s)
}

// AcceptsTab lets Tab move the focus on.
func (e *noteEntry) AcceptsTab() bool { return false }
