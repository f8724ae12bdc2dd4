package kit

import (
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// FitWords shortens s to fit width at a text size and style, cutting after
// a whole word and ending in "…" ("Game night this…", not "Game ni…").
// Where a word cut would lose more than a third of what fits (a long word
// in a narrow space), it cuts inside the word, so something shows;
// nothing fits in no width.
func FitWords(s string, size float32, style fyne.TextStyle, width float32) string {
	fits := func(t string) bool { return fyne.MeasureText(t, size, style).Width <= width }
	if width <= 0 {
		return ""
	}
	if fits(s) {
		return s
	}
	r := []rune(s)
	lo, hi := 0, len(r) // the longest prefix that fits with "…" lies in [lo, hi]
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fits(string(r[:mid]) + "…") {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	// After a whole word, unless that loses more than a third of what fits
	// (a narrow calendar chip keeps "09:30 Осення…" rather than "09:30…";
	// the whole text is one hover away).
	if cut := wordEnd(r[:lo], lo < len(r) && !unicode.IsSpace(r[lo])); cut > 0 && cut*3 >= lo*2 {
		return strings.TrimRightFunc(string(r[:cut]), isCutPunct) + "…"
	}
	if lo == 0 {
		return ""
	}
	return string(r[:lo]) + "…"
}

// ShortenWords cuts s to at most n characters, after a whole word, ending
// in "…"; the rune count version of FitWords for sentences about a text
// ("Deleted “Game night this…”").
func ShortenWords(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	if n <= 1 {
		return "…"
	}
	head := r[:n-1]
	if cut := wordEnd(head, !unicode.IsSpace(r[n-1])); cut > 0 {
		return strings.TrimRightFunc(string(head[:cut]), isCutPunct) + "…"
	}
	return string(head) + "…"
}

// wordEnd is the length of the longest prefix of r that ends after a whole
// word: all of r when the text goes on with a space (midWord false), else
// up to its last space; 0 when r is one unfinished word.
func wordEnd(r []rune, midWord bool) int {
	if !midWord {
		return len(r)
	}
	for i := len(r) - 1; i > 0; i-- {
		if unicode.IsSpace(r[i]) {
			return i
		}
	}
	return 0
}

// isCutPunct is what a cut text should not end on before its "…".
func isCutPunct(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(",;:-–—(", r) }

// Tip shows the whole of a shortened text while the pointer rests on it:
// a widget that cuts its text calls Show from MouseIn and Hide from
// MouseOut. One tip at a time per Tip value. UI goroutine only.
type Tip struct{ popup *widget.PopUp }

// tipWidth is the widest a tip gets before it wraps.
const tipWidth = 420

// Show puts text in a tip just under obj; nothing when obj is not on a
// canvas.
func (t *Tip) Show(obj fyne.CanvasObject, text string) {
	t.Hide()
	d := fyne.CurrentApp().Driver()
	c := d.CanvasForObject(obj)
	if c == nil || strings.TrimSpace(text) == "" {
		return
	}
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	canvas := c.Size()
	width := min(fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{}).Width+4*theme.InnerPadding(), tipWidth, canvas.Width-4*theme.Padding())
	// A wrapping label knows its height once it has its width.
	l.Resize(fyne.NewSize(width, l.MinSize().Height))
	t.popup = widget.NewPopUp(container.NewGridWrap(fyne.NewSize(width, l.MinSize().Height), l), c)
	pos := d.AbsolutePositionForObject(obj).AddXY(0, obj.Size().Height+2)
	size := t.popup.MinSize()
	if pos.X+size.Width > canvas.Width-theme.Padding() {
		pos.X = max(canvas.Width-size.Width-theme.Padding(), 0)
	}
	if pos.Y+size.Height > canvas.Height { // no room below: above
		pos.Y = max(d.AbsolutePositionForObject(obj).Y-size.Height-2, 0)
	}
	t.popup.ShowAtPosition(pos)
}

// Hide takes the tip away.
func (t *Tip) Hide() {
	if t.popup != nil {
		t.popup.Hide()
		t.popup = nil
	}
}
