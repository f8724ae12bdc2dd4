package inbox

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// shrinkingBar lays out a row of buttons like an HBox, but when the row is
// narrower than its buttons with their labels, the buttons it may shrink
// show their icons only, until there is room again. It asks only for the
// width of its icons, so no language ("Непрочитанное" for "Unread") takes
// width from the conversation list in a 1024x700 window.
type shrinkingBar struct {
	labels  map[*widget.Button]barLabel // each button it may shrink
	compact bool                        // the labels are hidden
}

// barLabel is a button's label in the language in use and in English.
type barLabel struct{ text, english string }

func newShrinkingBar() *shrinkingBar {
	return &shrinkingBar{labels: map[*widget.Button]barLabel{}}
}

// setLabel gives a button its label (key is its English), shown when
// there is room.
func (b *shrinkingBar) setLabel(btn *widget.Button, key, text string) {
	b.labels[btn] = barLabel{text, key}
	if !b.compact {
		btn.SetText(text)
	}
}

// labelWidth is what a label adds to an icon button: its text, the text's
// inset on both sides and the gap after the icon (widget.Button's MinSize).
func labelWidth(text string) float32 {
	if text == "" {
		return 0
	}
	w := fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{Bold: true}).Width
	return w + 2*theme.InnerPadding() + theme.Padding() + 1 // 1: rounding, so it never flaps
}

// widths are the row's width with the labels, with icons only and in
// English.
func (b *shrinkingBar) widths(objects []fyne.CanvasObject) (full, compact, english float32) {
	n := 0
	for _, o := range objects {
		if s, ok := o.(layout.SpacerObject); !o.Visible() || ok && s.ExpandHorizontal() {
			continue // as the HBox counts: no room, no padding
		}

		if n > 0 {
			full += theme.Padding()
			compact += theme.Padding()
			english += theme.Padding()
		}
		n++
		w := o.MinSize().Width
		btn, ok := o.(*widget.Button)
		label, shrinks := b.labels[btn]
		switch {
		case !ok || !shrinks:
			full += w
			compact += w
			english += w
		case b.compact: // w is the icon's
			full += w + labelWidth(label.text)
			compact += w
			english += w + labelWidth(label.english)
		default: // w is measured with the label shown
			icon := w - labelWidth(btn.Text)
			full += w
			compact += icon
			english += w
			if label.english != btn.Text {
				english += labelWidth(label.english) - labelWidth(btn.Text)
			}
		}
	}

	return full, compact, english
}

// MinSize is the row's width with icons only: in a 1024x700 window the
// conversation list keeps its share of the width (names of 20 characters)
// and the buttons show their labels when the pane has room for them.
func (b *shrinkingBar) MinSize(objects []fyne.CanvasObject) fyne.Size {
	_, compact, _ := b.widths(objects)
	return fyne.NewSize(compact, layout.NewHBoxLayout().MinSize(objects).Height)
}

func (b *shrinkingBar) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	full, _, _ := b.widths(objects)
	if compact := full > size.Width; compact != b.compact {
		b.compact = compact
		for btn, label := range b.labels {
			text := label.text
			if compact {
				text = ""
			}
			btn.SetText(text)
		}
	}
	layout.NewHBoxLayout().Layout(objects, size)
}
