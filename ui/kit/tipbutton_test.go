package kit

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tipText is the text tip shows, "" for none.
func tipText(tip *Tip) string {
	if tip.shown == nil {
		return ""
	}
	for _, x := range test.LaidOutObjects(tip.shown) {
		if l, ok := x.(*widget.Label); ok {
			return l.Text
		}
	}
	return ""
}

// An icon-only button says what it does while the pointer rests on it; a
// button that shows its label needs no tip.
func TestTipButtonSaysWhatAnIconDoes(t *testing.T) {
	test.NewTempApp(t)
	b := NewTipButton("", "Spam", theme.WarningIcon(), func() {})
	w := test.NewWindow(nil)
	w.SetContent(WithTips(container.NewWithoutLayout(b), w.Canvas()))
	defer w.Close()
	w.Resize(fyne.NewSize(300, 200))
	b.Resize(b.MinSize())
	test.MoveMouse(w.Canvas(), fyne.NewPos(5, 5))
	if got := tipText(&b.tip); got != "Spam" {
		t.Errorf("icon only: tip %q, want Spam", got)
	}
	test.MoveMouse(w.Canvas(), fyne.NewPos(250, 150))
	if got := tipText(&b.tip); got != "" {
		t.Errorf("pointer gone: tip %q left", got)
	}
	b.SetText("Spam")
	b.Resize(b.MinSize())
	test.MoveMouse(w.Canvas(), fyne.NewPos(5, 5))
	if got := tipText(&b.tip); got != "" {
		t.Errorf("labelled: tip %q", got)
	}
}

// A cell too narrow for "5 дней назад" says "5 дн" and the whole on hover.
func TestWordTextShortForm(t *testing.T) {
	test.NewTempApp(t)
	wt := NewMutedWords("")
	wt.SetShort("5 дней назад", "5 дн")
	w := test.NewWindow(nil)
	w.SetContent(WithTips(container.NewWithoutLayout(wt), w.Canvas()))
	defer w.Close()
	w.Resize(fyne.NewSize(300, 200))
	pad := 2 * theme.InnerPadding()
	wt.Resize(fyne.NewSize(fyne.MeasureText("5 дн", theme.TextSize(), fyne.TextStyle{}).Width+pad+2, 36))
	if wt.Shown() != "5 дн" {
		t.Errorf("narrow: shown %q, want the short form", wt.Shown())
	}
	test.MoveMouse(w.Canvas(), fyne.NewPos(5, 5))
	if got := tipText(&wt.tip); got != "5 дней назад" {
		t.Errorf("hover shows %q", got)
	}
	test.MoveMouse(w.Canvas(), fyne.NewPos(250, 150))
	wt.Resize(fyne.NewSize(200, 36))
	if wt.Shown() != "5 дней назад" {
		t.Errorf("wide: shown %q", wt.Shown())
	}
}

// In a window with a tip layer, the tip of a button under the pointer
// takes no click: the click meant for the button reaches it.
func TestTipLetsTheClickThrough(t *testing.T) {
	test.NewTempApp(t)
	tapped := 0
	b := NewTipButton("", "Edit the rule", theme.DocumentCreateIcon(), func() { tapped++ })
	w := test.NewWindow(nil)
	defer w.Close()
	w.SetContent(WithTips(container.NewWithoutLayout(b), w.Canvas()))
	w.Resize(fyne.NewSize(300, 200))
	b.Resize(b.MinSize())
	test.MoveMouse(w.Canvas(), fyne.NewPos(5, 5))
	if b.tip.shown == nil || len(w.Canvas().Overlays().List()) != 0 {
		t.Fatalf("no tip in the layer (shown %v, %d overlays)", b.tip.shown != nil, len(w.Canvas().Overlays().List()))
	}
	test.TapCanvas(w.Canvas(), fyne.NewPos(5, 5))
	if tapped != 1 {
		t.Errorf("tapped %d times with the tip shown, want 1", tapped)
	}
	test.MoveMouse(w.Canvas(), fyne.NewPos(250, 150))
	if b.tip.shown != nil {
		t.Error("the tip stays after the pointer left")
	}
}
