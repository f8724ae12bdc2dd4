package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// WordText is WordLabel for secondary text (the placeholder colour a
// widget.Label cannot take): one line cut after a whole word to the width
// it gets (inside a word only when the first one does not fit), the whole
// text in a tip on hover. Table cells such as a
// member's "last seen" or a rule's summary.
type WordText struct {
	widget.RichText
	full  string
	short string // said instead of full when full does not fit ("5 д" for "5 дней назад")
	seg   *widget.TextSegment
	tip   Tip
}

var _ desktop.Hoverable = (*WordText)(nil)

// NewMutedWords makes a word-cut line of secondary text.
func NewMutedWords(text string) *WordText { return NewWordText(text, MutedStyle()) }

// NewWordText makes a word-cut line in a style (TagStyle for tags).
func NewWordText(text string, style widget.RichTextStyle) *WordText {
	w := &WordText{full: text, seg: &widget.TextSegment{Text: text, Style: style}}
	w.Segments = []widget.RichTextSegment{w.seg}
	w.Truncation = fyne.TextTruncateEllipsis // its minimum stays narrow
	w.Scroll = container.ScrollNone          // as widget.NewRichText sets it
	w.ExtendBaseWidget(w)
	return w
}

// Set gives it its whole text.
func (w *WordText) Set(text string) { w.SetShort(text, "") }

// SetShort gives it its whole text and a shorter way to say the same,
// shown when the whole text does not fit (the whole one then on hover).
func (w *WordText) SetShort(text, short string) {
	if w.full == text && w.short == short {
		return
	}
	if w.full != text { // a table cell bound to another row: its tip is stale
		w.tip.Hide()
	}
	w.full, w.short = text, short
	w.fit(w.Size().Width)
}

// FullText is the whole text, shown or not.
func (w *WordText) FullText() string { return w.full }

// Shown is the text as cut to the width.
func (w *WordText) Shown() string { return w.seg.Text }

// Resize cuts the text anew for the new width.
func (w *WordText) Resize(s fyne.Size) {
	if s.Width != w.Size().Width {
		w.fit(s.Width)
	}
	w.RichText.Resize(s)
}

func (w *WordText) fit(width float32) {
	size := w.Theme().Size(theme.SizeNameText)
	if w.seg.Style.SizeName != "" {
		size = w.Theme().Size(w.seg.Style.SizeName)
	}
	text := w.full
	if width > 0 {
		room := width - 2*w.Theme().Size(theme.SizeNameInnerPadding)
		text = FitWholeWords(w.full, size, w.seg.Style.TextStyle, room)
		if text != w.full && w.short != "" {
			text = FitWholeWords(w.short, size, w.seg.Style.TextStyle, room)
		}
	}
	if text != w.seg.Text {
		w.tip.Hide() // it described the text as it was
		w.seg.Text = text
		w.RichText.Refresh()
	}
}

// Refresh keeps the cut after a change of theme.
func (w *WordText) Refresh() {
	w.fit(w.Size().Width)
	w.RichText.Refresh()
}

// MouseIn shows the whole text when it was cut.
func (w *WordText) MouseIn(*desktop.MouseEvent) {
	if w.seg.Text != w.full {
		w.tip.Show(w, w.full)
	}
}

// MouseMoved does nothing: the tip stays while the pointer is on it.
func (w *WordText) MouseMoved(*desktop.MouseEvent) {}

// MouseOut takes the tip away.
func (w *WordText) MouseOut() { w.tip.Hide() }
