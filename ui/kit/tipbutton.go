package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// TipButton is a button that may show its icon only (a narrow bar, an
// up/down arrow) and then says what it does in a tip while the pointer
// rests on it: nobody should have to click an icon to learn its meaning.
type TipButton struct {
	widget.Button
	// Hint is what the tip says when the button shows no text.
	Hint string
	tip  Tip
}

var _ desktop.Hoverable = (*TipButton)(nil)

// NewTipButton is a low-importance icon button with a tip; text may be ""
// (icon only) or a label the button shows while there is room.
func NewTipButton(text, hint string, icon fyne.Resource, tapped func()) *TipButton {
	b := &TipButton{Hint: hint}
	b.Text, b.Icon, b.OnTapped = text, icon, tapped
	b.Importance = widget.LowImportance
	b.ExtendBaseWidget(b)
	return b
}

// MouseIn lights the button as usual and shows the tip when the button
// shows its icon only.
func (b *TipButton) MouseIn(e *desktop.MouseEvent) {
	b.Button.MouseIn(e)
	if b.Text == "" {
		b.tip.Show(b, b.Hint)
	}
}

// MouseOut takes the tip away.
func (b *TipButton) MouseOut() {
	b.Button.MouseOut()
	b.tip.Hide()
}

// Tapped hides the tip before the action (which may open a menu there).
func (b *TipButton) Tapped(e *fyne.PointEvent) {
	b.tip.Hide()
	b.Button.Tapped(e)
}

// Hide takes the tip away with the button.
func (b *TipButton) Hide() {
	b.tip.Hide()
	b.Button.Hide()
}
