package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Entry is widget.Entry that lets Escape close the dialog it is in. The
// window gives a key to the focused widget alone, so the shell's Escape,
// which closes the dialog or menu on top, never sees the key while an
// entry of that dialog has the focus; this entry passes it on.
type Entry struct {
	widget.Entry
	outer fyne.CanvasObject // what the window knows: a type embedding Entry, or e
}

// ExtendBaseWidget is widget.Entry's, remembering the outer widget for
// the right-click guard: the window keys its objects by it.
func (e *Entry) ExtendBaseWidget(w fyne.Widget) {
	e.outer = w
	e.Entry.ExtendBaseWidget(w)
}

// NewEntry is widget.NewEntry whose Escape closes its dialog.
func NewEntry() *Entry {
	e := &Entry{}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	return e
}

// NewMultiLineEntry is widget.NewMultiLineEntry whose Escape closes its
// dialog.
func NewMultiLineEntry() *Entry {
	e := &Entry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	return e
}

// NewPasswordEntry is widget.NewPasswordEntry whose Escape closes its
// dialog.
func NewPasswordEntry() *Entry {
	e := &Entry{}
	e.Password = true
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	e.ActionItem = newRevealer(e)
	return e
}

// revealer is Fyne's eye that shows and hides a password, drawn and sized
// as Fyne's (entry_password.go), whose tap is lost, not the window, when
// Fyne lost the eye's window this frame (fyne#5965, see Select): Fyne's
// eye calls Focus on the nil canvas.
type revealer struct {
	widget.BaseWidget
	icon  *canvas.Image
	entry *Entry
}

func newRevealer(e *Entry) *revealer {
	r := &revealer{icon: canvas.NewImageFromResource(e.Theme().Icon(theme.IconNameVisibilityOff)), entry: e}
	r.ExtendBaseWidget(r)
	return r
}

func (r *revealer) CreateRenderer() fyne.WidgetRenderer { return &revealerRenderer{r} }

// Cursor is the arrow, as on Fyne's eye, not the entry's text cursor.
func (r *revealer) Cursor() desktop.Cursor { return desktop.DefaultCursor }

// Tapped shows or hides the password and gives the entry the focus.
func (r *revealer) Tapped(*fyne.PointEvent) {
	if r.entry.Disabled() {
		return
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(r)
	if c == nil {
		return
	}
	outer := r.entry.outer
	if outer == nil {
		outer = r.entry
	}
	r.entry.Password = !r.entry.Password
	outer.Refresh()
	if f, ok := outer.(fyne.Focusable); ok {
		c.Focus(f)
	}
}

type revealerRenderer struct{ r *revealer }

func (rr *revealerRenderer) Layout(size fyne.Size) {
	iconSize := rr.r.entry.Theme().Size(theme.SizeNameInlineIcon)
	rr.r.icon.Resize(fyne.NewSquareSize(iconSize))
	rr.r.icon.Move(fyne.NewPos((size.Width-iconSize)/2, (size.Height-iconSize)/2))
}

func (rr *revealerRenderer) MinSize() fyne.Size {
	th := rr.r.entry.Theme()
	return fyne.NewSquareSize(th.Size(theme.SizeNameInlineIcon) + th.Size(theme.SizeNameInnerPadding)*2)
}

func (rr *revealerRenderer) Refresh() {
	th := rr.r.entry.Theme()
	res := th.Icon(theme.IconNameVisibilityOff)
	if !rr.r.entry.Password {
		res = th.Icon(theme.IconNameVisibility)
	}
	if rr.r.entry.Disabled() {
		res = theme.NewDisabledResource(res)
	}
	rr.r.icon.Resource = res
	rr.r.icon.Refresh()
}

func (rr *revealerRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{rr.r.icon} }

func (rr *revealerRenderer) Destroy() {}

// TappedSecondary opens the entry's menu (cut, copy, paste), or does
// nothing when Fyne lost the entry's window this frame: widget.Entry
// would hand the nil canvas to NewPopUpMenu and crash the window, as
// widget.Select does (see Select, fyne#5965).
func (e *Entry) TappedSecondary(pe *fyne.PointEvent) {
	if !hasCanvas(e.outer, e) {
		return
	}
	e.Entry.TappedSecondary(pe)
}

// TypedKey closes the dialog on top on Escape when the entry is in it.
func (e *Entry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && CloseOverlayOf(e) {
		return
	}
	e.Entry.TypedKey(k)
}

// CloseOverlayOf hides the overlay on top of o's window (a dialog, a
// pop-up) when o has the focus in it, as the shell does on Escape; false
// when o is not focused in an overlay. The canvas gives the focus of its
// top overlay alone, so a focused o is in that overlay.
func CloseOverlayOf(o fyne.Focusable) bool {
	c := fyne.CurrentApp().Driver().CanvasForObject(o.(fyne.CanvasObject))
	if c == nil || c.Focused() != o {
		return false
	}
	top := c.Overlays().Top()
	if top == nil {
		return false
	}
	c.Unfocus()
	top.Hide()
	return true
}
