package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// WordLabel is a one-line label that cuts its text after a whole word to
// the width it gets ("Ксения…", not "Ксения Бело…"; inside a word only
// when the first one does not fit) and shows the whole text in a tip while
// the pointer rests on it: names in lists and tables. A subject's label
// (NewSubjectLabel) cuts inside a long last word rather than lose a third
// of its room. Like LineText, it cuts once per text and width and the
// label underneath only clips.
type WordLabel struct {
	widget.Label
	full  string
	loose bool // FitWords rather than FitWholeWords
	tip   Tip
}

var _ desktop.Hoverable = (*WordLabel)(nil)

// NewWordLabel makes an empty word-cut label.
func NewWordLabel() *WordLabel {
	l := &WordLabel{}
	l.Truncation = fyne.TextTruncateClip // its minimum stays narrow; the text fits
	l.ExtendBaseWidget(l)
	return l
}

// NewSubjectLabel makes an empty label cut as FitWords cuts: after a whole
// word, unless that leaves a third of the room empty (a subject, where the
// start of a long word tells more than the space).
func NewSubjectLabel() *WordLabel {
	l := NewWordLabel()
	l.loose = true
	return l
}

// Set gives the label its whole text and style.
func (l *WordLabel) Set(text string, style fyne.TextStyle) {
	if l.full == text && l.TextStyle == style {
		return
	}
	if l.full != text { // a list row bound to another item: its tip is stale
		l.tip.Hide()
	}
	restyled := l.TextStyle != style
	l.full, l.TextStyle = text, style
	if !l.fit(l.Size().Width) && restyled {
		l.Label.Refresh() // an opened subject turns regular with the same cut
	}
}

// FullText is the whole text, shown or not.
func (l *WordLabel) FullText() string { return l.full }

// MinSize is what Fyne's ellipsis truncation asks: a character and "…".
func (l *WordLabel) MinSize() fyne.Size {
	return l.Label.MinSize().AddWidthHeight(ellipsisWidth(l.Theme()), 0)
}

// Resize cuts the text anew for the new width.
func (l *WordLabel) Resize(s fyne.Size) {
	if s.Width != l.Size().Width {
		l.fit(s.Width)
	}
	l.Label.Resize(s)
}

// fit cuts the text for width and says whether it refreshed the label.
func (l *WordLabel) fit(width float32) bool {
	text := cutText(l.Theme(), l.full, "", l.SizeName, l.TextStyle, l.loose, width)
	if text == l.Text {
		return false
	}
	l.tip.Hide() // it described the text as it was (a read subject turns regular and fits)
	l.Text = text
	l.Label.Refresh()
	return true
}

// Refresh keeps the cut after a change of theme.
func (l *WordLabel) Refresh() {
	if !l.fit(l.Size().Width) {
		l.Label.Refresh()
	}
}

// MouseIn shows the whole text when the label cut it.
func (l *WordLabel) MouseIn(*desktop.MouseEvent) {
	if l.Text != l.full {
		l.tip.Show(l, l.full)
	}
}

// MouseMoved does nothing: the tip stays while the pointer is on the label.
func (l *WordLabel) MouseMoved(*desktop.MouseEvent) {}

// MouseOut takes the tip away.
func (l *WordLabel) MouseOut() { l.tip.Hide() }
