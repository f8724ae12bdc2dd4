package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// LineText is one line of rich text (the placeholder colour a widget.Label
// cannot take) cut after a whole word to the width it gets, ending in "…":
// a list row's snippet. It takes no hover, so the row under it keeps its
// own; WordText adds a tip with the whole text.
//
// The cut is made once per text and width (FitWords); Fyne's own ellipsis
// shaped the whole text again at every refresh and resize, most of the
// garbage of scrolling a list (BenchmarkRowSet in ui/inbox), so the text
// underneath only clips, and never has to: it fits already.
type LineText struct {
	widget.RichText
	full  string
	short string // said instead of full when full does not fit ("5 д" for "5 дней назад")
	seg   *widget.TextSegment
	loose bool   // FitWords rather than FitWholeWords
	cut   func() // called when the text shown changes
}

// NewMutedLine makes a line of secondary prose, cut as FitWords cuts: a
// snippet, where the start of a long word tells more than the space.
func NewMutedLine(text string) *LineText {
	l := &LineText{}
	l.init(text, MutedStyle())
	l.loose = true
	l.ExtendBaseWidget(l)
	return l
}

func (l *LineText) init(text string, style widget.RichTextStyle) {
	l.full, l.seg = text, &widget.TextSegment{Text: text, Style: style}
	l.Segments = []widget.RichTextSegment{l.seg}
	l.Truncation = fyne.TextTruncateClip
	l.Scroll = container.ScrollNone // as widget.NewRichText sets it
	l.cut = func() {}
}

// Set gives it its whole text.
func (l *LineText) Set(text string) { l.SetShort(text, "") }

// SetShort gives it its whole text and a shorter way to say the same,
// shown when the whole text does not fit.
func (l *LineText) SetShort(text, short string) {
	if l.full == text && l.short == short {
		return
	}
	if l.full != text { // a table cell bound to another row
		l.cut()
	}
	l.full, l.short = text, short
	l.fit(l.Size().Width)
}

// FullText is the whole text, shown or not.
func (l *LineText) FullText() string { return l.full }

// Shown is the text as cut to the width.
func (l *LineText) Shown() string { return l.seg.Text }

// MinSize is what Fyne's ellipsis truncation asks: a character and "…".
func (l *LineText) MinSize() fyne.Size {
	return l.RichText.MinSize().AddWidthHeight(ellipsisWidth(l.Theme()), 0)
}

// Resize cuts the text anew for the new width.
func (l *LineText) Resize(s fyne.Size) {
	if s.Width != l.Size().Width {
		l.fit(s.Width)
	}
	l.RichText.Resize(s)
}

// fit cuts the text for width and says whether it refreshed the text.
func (l *LineText) fit(width float32) bool {
	text := cutText(l.Theme(), l.full, l.short, l.seg.Style.SizeName, l.seg.Style.TextStyle, l.loose, width)
	if text == l.seg.Text {
		return false
	}
	l.cut()
	l.seg.Text = text
	l.RichText.Refresh()
	return true
}

// cutText is what a one-line widget of width shows of full (or of short,
// a shorter way to say it, when full does not fit): cut as FitWords
// (loose) or FitWholeWords cuts, inside the theme's inner padding; full
// until the widget has a width.
func cutText(th fyne.Theme, full, short string, sizeName fyne.ThemeSizeName, style fyne.TextStyle, loose bool, width float32) string {
	if width <= 0 {
		return full
	}
	size := th.Size(theme.SizeNameText)
	if sizeName != "" {
		size = th.Size(sizeName)
	}
	fit := FitWholeWords
	if loose {
		fit = FitWords
	}
	room := width - 2*th.Size(theme.SizeNameInnerPadding)
	text := fit(full, size, style, room)
	if text != full && short != "" {
		text = fit(short, size, style, room)
	}
	return text
}

// Refresh keeps the cut after a change of theme.
func (l *LineText) Refresh() {
	if !l.fit(l.Size().Width) {
		l.RichText.Refresh()
	}
}

// ellipsisWidth is the width Fyne's ellipsis truncation adds to a
// minimum size.
func ellipsisWidth(th fyne.Theme) float32 {
	return fyne.MeasureText("…", th.Size(theme.SizeNameText), fyne.TextStyle{}).Width
}

// WordText is WordLabel for secondary text: one line cut after a whole
// word to the width it gets (inside a word only when the first one does
// not fit), the whole text in a tip on hover. Table cells such as a
// member's "last seen" or a rule's summary.
type WordText struct {
	LineText
	tip Tip
}

var _ desktop.Hoverable = (*WordText)(nil)

// NewMutedWords makes a word-cut line of secondary text.
func NewMutedWords(text string) *WordText { return NewWordText(text, MutedStyle()) }

// NewWordText makes a word-cut line in a style (TagStyle for tags).
func NewWordText(text string, style widget.RichTextStyle) *WordText {
	w := &WordText{}
	w.init(text, style)
	w.cut = w.tip.Hide // the tip described the text as it was
	w.ExtendBaseWidget(w)
	return w
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
