package kit

import (
	"fyne.io/fyne/v2/lang"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// toastFor is how long a toast stays unless another replaces it.
const toastFor = 10 * time.Second

// Toast tells what an action just did, with Undo: every triage step can be
// taken back (Ctrl+Z as well, through Undo). A newer toast replaces it.
type Toast struct {
	env     *Env
	text    *widget.Label
	undoBtn *widget.Button
	undo    func()
	shown   int // counts toasts, so an old timer does not hide a newer one
	Content *fyne.Container
}

// NewToast is a hidden toast; place its Content where a screen reports.
func NewToast(env *Env) *Toast {
	t := &Toast{env: env, text: widget.NewLabel("")}
	t.text.Truncation = fyne.TextTruncateEllipsis
	t.undoBtn = widget.NewButtonWithIcon(lang.L("Undo"), theme.ContentUndoIcon(), func() { t.Undo() })
	dismiss := widget.NewButtonWithIcon("", theme.CancelIcon(), t.Hide)
	dismiss.Importance = widget.LowImportance
	t.Content = container.NewBorder(nil, nil, nil, container.NewHBox(t.undoBtn, dismiss), t.text)
	t.Content.Hide()
	return t
}

// Show says msg; undo (nil: nothing to undo) takes the action back.
func (t *Toast) Show(msg string, undo func()) {
	t.shown++
	n := t.shown
	t.text.SetText(msg)
	t.undo = undo
	if undo == nil {
		t.undoBtn.Hide()
	} else {
		t.undoBtn.Show()
	}
	t.Content.Show()
	if t.env != nil && t.env.Do != nil {
		time.AfterFunc(toastFor, func() {
			t.env.Do(func() {
				if t.shown == n {
					t.Hide()
				}
			})
		})
	}
}

// Undo runs the shown action's undo once and hides the toast; false when
// there was nothing to undo.
func (t *Toast) Undo() bool {
	undo := t.undo
	t.Hide()
	if undo == nil {
		return false
	}
	undo()
	return true
}

// Hide hides the toast and forgets its undo.
func (t *Toast) Hide() {
	t.undo = nil
	t.text.SetText("")
	t.Content.Hide()
}

// Message is the text shown, "" when hidden.
func (t *Toast) Message() string {
	if !t.Content.Visible() {
		return ""
	}
	return t.text.Text
}
