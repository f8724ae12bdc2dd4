package inbox

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/hearthhq/hearth/ui/kit"
)

// A narrowing pane takes the labels from the last buttons first: Done and
// Snooze keep their words while they fit, the others show their icons and
// say what they do in a tip; the bar never asks for more than its icons.
func TestActionBarKeepsTheFirstLabels(t *testing.T) {
	test.NewTempApp(t)
	bar := newShrinkingBar()
	var btns []*kit.TipButton
	for _, text := range []string{"Готово", "Отложить", "Спам", "Непрочит.", "Метка"} {
		b := kit.NewTipButton(text, text, theme.ConfirmIcon(), nil)
		bar.setLabel(b, text)
		btns = append(btns, b)
	}
	objs := []fyne.CanvasObject{}
	for _, b := range btns {
		objs = append(objs, b)
	}
	reply := kit.PrimaryButton("Ответить", theme.MailReplyIcon(), nil)
	row := container.New(bar, append(objs, layout.NewSpacer(), reply)...)
	labels := func(width float32) []string {
		row.Resize(fyne.NewSize(width, row.MinSize().Height))
		var out []string
		for _, b := range btns {
			out = append(out, b.Text)
		}
		return out
	}
	full := labels(2000)
	for i, b := range btns {
		if full[i] != b.Hint {
			t.Fatalf("wide: %q shows %q", b.Hint, full[i])
		}
	}
	icons := row.MinSize().Width
	// Room for the icons and the first two labels only.
	width := icons + labelWidth("Готово") + labelWidth("Отложить") + 1
	got := labels(width)
	if got[0] != "Готово" || got[1] != "Отложить" || got[2] != "" || got[3] != "" || got[4] != "" {
		t.Errorf("at %v: labels %q, want the first two", width, got)
	}
	if got := labels(icons); got[0] != "" {
		t.Errorf("icons only: labels %q", got)
	}
	if row.MinSize().Width > icons+float32(len(btns)) { // a pixel of rounding a label
		t.Errorf("the bar asks for %v, more than its icons' %v", row.MinSize().Width, icons)
	}
	btns[0].Hide() // Done in Done: the next ones take its room
	if got := labels(width); got[1] != "Отложить" || got[2] != "Спам" {
		t.Errorf("Done hidden: labels %q", got)
	}
}
