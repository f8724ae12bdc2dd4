package kit

import (
	"strings"
	"sync"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
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
	return fitWords(s, size, style, width, false)
}

// FitWholeWords is FitWords that cuts inside a word only when the first
// word alone does not fit: for text whose every word matters as typed (a
// rule's query, "kind:vk_co…" would read as another kind), is short (a
// date, "5 дн") or is a name ("Александра…", not "Александра Конст…").
// A first "word" without a letter (the "3." before a rule's name) does not
// count as one: "3. Жалоб…" rather than "3.…".
func FitWholeWords(s string, size float32, style fyne.TextStyle, width float32) string {
	return fitWords(s, size, style, width, true)
}

func fitWords(s string, size float32, style fyne.TextStyle, width float32, whole bool) string {
	if width <= 0 {
		return ""
	}
	r := []rune(s)
	// Measuring shapes the whole text: a snippet three times as wide as its
	// row is known not to fit from its characters' own widths, which are
	// off by kerning only (a few percent), unless it joins characters
	// (emoji sequences, combining marks, tabs).
	if est, sure := estimateWidth(r, size, style); !sure || est <= 1.5*width {
		if fyne.MeasureText(s, size, style).Width <= width {
			return s
		}
	}
	lo := longestFit(r, size, style, width)
	// After a whole word, unless that loses more than a third of what fits
	// (a narrow calendar chip keeps "09:30 Осення…" rather than "09:30…";
	// the whole text is one hover away).
	if cut := wordEnd(r[:lo], lo < len(r) && !unicode.IsSpace(r[lo])); cut > 0 && (whole && hasLetter(r[:cut]) || cut*3 >= lo*2) {
		return strings.TrimRightFunc(string(r[:cut]), isCutPunct) + "…"
	}
	if lo == 0 {
		return ""
	}
	return string(r[:lo]) + "…"
}

// longestFit is the length of the longest prefix of r that fits width
// with "…" after it. Each measure shapes the prefix anew (a new string
// each time), and a list row binding new conversations while scrolling cut
// two labels so: a binary search from nothing took about eight measures of
// long prefixes. The search starts from an estimate made of each
// character's own width (runeWidth, measured once per character), which
// is off only by kerning, and gallops from it: two or three measures.
func longestFit(r []rune, size float32, style fyne.TextStyle, width float32) int {
	fits := func(n int) bool { return fyne.MeasureText(string(r[:n])+"…", size, style).Width <= width }
	guess, w := 0, runeWidth('…', size, style)
	for guess < len(r) {
		w += runeWidth(r[guess], size, style)
		if w > width {
			break
		}
		guess++
	}
	// lo fits (or is 0: nothing), hi does not (or is past the end): gallop
	// from the guess to bracket the answer, then halve.
	lo, hi := 0, len(r)+1
	step := 1
	if guess == 0 || fits(guess) {
		lo = guess
		for n := guess + step; n <= len(r) && n < hi; n, step = lo+step, step*2 {
			if !fits(n) {
				hi = n
				break
			}
			lo = n
		}
	} else {
		hi = guess
		for n := guess - step; n > 0; n, step = hi-step, step*2 {
			if fits(n) {
				lo = n
				break
			}
			hi = n
		}
	}
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if fits(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return min(lo, len(r))
}

// estimateWidth is the sum of r's characters' own widths, and whether
// that is close to the width of r shaped: not when it has characters that
// join others or take a width from their place (a zero width joiner,
// variation selectors, combining marks, tabs).
func estimateWidth(r []rune, size float32, style fyne.TextStyle) (w float32, sure bool) {
	sure = true
	for _, c := range r {
		if c == '\t' || unicode.In(c, unicode.Mn, unicode.Me, unicode.Cf) || unicode.Is(unicode.Variation_Selector, c) {
			sure = false
		}
		w += runeWidth(c, size, style)
	}
	return w, sure
}

// runeKey identifies a character's measured width.
type runeKey struct {
	r     rune
	size  float32
	style fyne.TextStyle
}

var (
	runeWidthsMu sync.Mutex
	runeWidths   = map[runeKey]float32{}
)

// runeWidthsMax bounds the kept widths: a handful of alphabets make a few
// hundred entries, a mailbox in Chinese a few thousand.
const runeWidthsMax = 1 << 14

// runeWidth is the advance of one character alone, kept (in the fonts of
// the theme, which Hearth never changes while it runs). It feeds estimates
// that measures check, but for the text taken not to fit at 1.5 times its
// room.
func runeWidth(c rune, size float32, style fyne.TextStyle) float32 {
	k := runeKey{c, size, style}
	runeWidthsMu.Lock()
	w, ok := runeWidths[k]
	runeWidthsMu.Unlock()
	if !ok {
		w = fyne.MeasureText(string(c), size, style).Width
		runeWidthsMu.Lock()
		if len(runeWidths) >= runeWidthsMax {
			clear(runeWidths)
		}
		runeWidths[k] = w
		runeWidthsMu.Unlock()
	}
	return w
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

func hasLetter(r []rune) bool {
	for _, c := range r {
		if unicode.IsLetter(c) {
			return true
		}
	}
	return false
}

// isCutPunct is what a cut text should not end on before its "…".
func isCutPunct(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(",;:-–—(", r) }

// Tip shows the whole of a shortened text while the pointer rests on it:
// a widget that cuts its text calls Show from MouseIn and Hide from
// MouseOut. One tip at a time per Tip value. UI goroutine only.
//
// Tips are drawn in the window's tip layer (WithTips), never as overlays:
// an overlay has a keyboard focus of its own, so while a hovered name's
// tip was up, typing in the reply went to the triage keys instead.
type Tip struct {
	shown fyne.CanvasObject
	layer *fyne.Container
}

// tipLayers is each window's tip layer, by canvas (WithTips). UI goroutine
// only.
var tipLayers = map[fyne.Canvas]*fyne.Container{}

// WithTips puts a layer for tips over a window's content; a window without
// it shows none.
func WithTips(content fyne.CanvasObject, c fyne.Canvas) fyne.CanvasObject {
	layer := container.NewWithoutLayout()
	tipLayers[c] = layer
	return container.NewStack(content, layer)
}

// tipWidth is the widest a tip gets before it wraps.
const tipWidth = 420

// Show puts text in a tip just under obj; nothing when obj is not on a
// canvas with a tip layer.
func (t *Tip) Show(obj fyne.CanvasObject, text string) {
	t.Hide()
	d := fyne.CurrentApp().Driver()
	c := d.CanvasForObject(obj)
	if c == nil || strings.TrimSpace(text) == "" {
		return
	}
	layer := tipLayers[c]
	if layer == nil {
		return
	}
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	area := layer.Size()
	width := min(fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{}).Width+4*theme.InnerPadding(), tipWidth, area.Width-4*theme.Padding())
	// A wrapping label knows its height once it has its width.
	l.Resize(fyne.NewSize(width, l.MinSize().Height))
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.StrokeColor, bg.StrokeWidth = theme.Color(theme.ColorNameSeparator), 1
	bg.CornerRadius = theme.InputRadiusSize()
	tip := container.NewStack(bg, l)
	size := fyne.NewSize(width, l.MinSize().Height)
	origin := d.AbsolutePositionForObject(layer)
	at := d.AbsolutePositionForObject(obj).Subtract(origin)
	pos := at.AddXY(0, obj.Size().Height+2)
	if pos.X+size.Width > area.Width-theme.Padding() {
		pos.X = max(area.Width-size.Width-theme.Padding(), 0)
	}
	if pos.Y+size.Height > area.Height { // no room below: above
		pos.Y = max(at.Y-size.Height-2, 0)
	}
	tip.Resize(size)
	tip.Move(pos)
	layer.Add(tip)
	layer.Refresh() // Add lays out but does not repaint
	t.shown, t.layer = tip, layer
}

// Hide takes the tip away.
func (t *Tip) Hide() {
	if t.shown != nil {
		t.layer.Remove(t.shown)
		t.layer.Refresh()
		t.shown, t.layer = nil, nil
	}
}
