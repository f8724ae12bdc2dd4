package inbox

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"

	"github.com/hearthhq/hearth/ui/kit"
)

// shrinkingBar lays out a row of buttons like an HBox, but when the row is
// narrower than its buttons with their labels, the buttons it may shrink
// give up their labels one by one from the last, so the first ones (Done,
// Snooze) keep their words as long as they fit; a button showing its icon
// only says what it does in a tip. It asks only for the width of its
// icons, so no language ("Непрочитанное" for "Unread") takes width from
// the conversation list in a 1024x700 window.
type shrinkingBar struct {
	order  []*kit.TipButton          // the buttons it may shrink, most needed first
	labels map[*kit.TipButton]string // each one's label in the language in use
}

func newShrinkingBar() *shrinkingBar {
	return &shrinkingBar{labels: map[*kit.TipButton]string{}}
}

// setLabel gives a button its label, shown when there is room, and its
// tip; buttons added first keep their labels longest.
func (b *shrinkingBar) setLabel(btn *kit.TipButton, text string) {
	if _, ok := b.labels[btn]; !ok {
		b.order = append(b.order, btn)
	}
	b.labels[btn] = text
	btn.Hint = text
	if btn.Text != "" {
		btn.SetText(text) // the next layout decides whether it stays
	}
}

// labelWidth is what a label adds to an icon button: its text and the gap
// after the icon (widget.Button's MinSize; the insets are there without a
// label too).
func labelWidth(text string) float32 {
	if text == "" {
		return 0
	}
	w := fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{Bold: true}).Width
	return w + theme.Padding() + 1 // 1: rounding, so it never flaps
}

// widths are the row's width with icons only, and what each shown
// shrinkable button's label would add, in the order of b.order.
func (b *shrinkingBar) widths(objects []fyne.CanvasObject) (compact float32, adds []float32) {
	n := 0
	for _, o := range objects {
		if s, ok := o.(layout.SpacerObject); !o.Visible() || ok && s.ExpandHorizontal() {
			continue // as the HBox counts: no room, no padding
		}
		if n > 0 {
			compact += theme.Padding()
		}
		n++
		w := o.MinSize().Width
		if btn, ok := o.(*kit.TipButton); ok {
			if _, shrinks := b.labels[btn]; shrinks {
				w -= labelWidth(btn.Text) // the icon's width
			}
		}
		compact += w
	}
	for _, btn := range b.order {
		if btn.Visible() {
			adds = append(adds, labelWidth(b.labels[btn]))
		}
	}
	return compact, adds
}

// MinSize is the row's width with icons only: in a 1024x700 window the
// conversation list keeps its share of the width (names of 20 characters)
// and the buttons show their labels when the pane has room for them.
func (b *shrinkingBar) MinSize(objects []fyne.CanvasObject) fyne.Size {
	compact, _ := b.widths(objects)
	return fyne.NewSize(compact, layout.NewHBoxLayout().MinSize(objects).Height)
}

func (b *shrinkingBar) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	w, adds := b.widths(objects)
	keep := 0 // how many of the shown buttons keep their labels
	for _, a := range adds {
		if w+a > size.Width {
			break
		}
		w += a
		keep++
	}
	i := 0
	for _, btn := range b.order {
		if !btn.Visible() {
			continue
		}
		text := ""
		if i < keep {
			text = b.labels[btn]
		}
		if btn.Text != text {
			btn.SetText(text)
		}
		i++
	}
	layout.NewHBoxLayout().Layout(objects, size)
}
