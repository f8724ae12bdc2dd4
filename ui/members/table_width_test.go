package members

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/hearthhq/hearth/ui/internal/uitest"
)

// In the smallest window, with the desktop's theme, a member's name shows
// at least 20 characters beside the channel marks, and every column keeps
// room for its title.
func TestNameColumnKeepsTwentyCharacters(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(theme.DefaultTheme())
	for _, total := range []float32{uitest.SmallestScreen.Width, uitest.ScreenSize.Width} {
		w := columnWidths(baseWidths(), total-theme.Padding()) // the list's scroll bar gutter
		marks := float32(len(rowChannels)) * (theme.IconInlineSize() + theme.Padding())
		if name := w[flexCol] - marks - 2*theme.InnerPadding(); name < fyne.MeasureText("Jean-Baptiste Martin", theme.TextSize(), fyne.TextStyle{}).Width {
			t.Errorf("at %v the name gets %v, less than 20 characters", total, name)
		}
		var sum float32
		for i, c := range memberCols {
			sum += w[i]
			if i != flexCol && w[i] < columnMin(c)-0.5 {
				t.Errorf("at %v the %q column gets %v, less than its title's %v", total, c.title, w[i], columnMin(c))
			}
		}
		if sum > total+0.5 {
			t.Errorf("at %v the columns take %v", total, sum)
		}
	}
}
