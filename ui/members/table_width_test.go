package members

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/hearthhq/hearth/ui/internal/uitest"
	"github.com/hearthhq/hearth/ui/kit"
)

// In the smallest window, with the desktop's theme and in every language,
// a member's name shows at least 20 characters beside the channel marks,
// and every column shown keeps room for its title, the sorted one for its
// title and arrow with the padding of the others (the arrow never touches
// the next title); a column is left out only in the smallest window, and
// never in English.
func TestNameColumnKeepsTwentyCharacters(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(theme.DefaultTheme())
	defer kit.UseLanguage("en") //nolint:errcheck // loaded before
	for _, language := range kit.Languages {
		if _, err := kit.UseLanguage(language); err != nil {
			t.Fatal(err)
		}
		for _, total := range []float32{uitest.SmallestScreen.Width, uitest.ScreenSize.Width} {
			for sorted, sc := range memberCols {
				if sc.sort == "" {
					continue
				}
				w := columnWidths(baseWidths(), total-theme.Padding(), sorted) // the list's scroll bar gutter
				if need := kit.FlatButton(lang.L(sc.title), theme.MoveDownIcon(), nil).MinSize().Width; w[sorted] < need-0.5 {
					t.Errorf("%s at %v: sorted by %q, its column gets %v, less than its title and arrow's %v", language, total, sc.title, w[sorted], need)
				}
				marks := float32(len(rowChannels)) * (theme.IconInlineSize() + theme.Padding())
				if name := w[flexCol] - marks - 2*theme.InnerPadding(); name < fyne.MeasureText("Jean-Baptiste Martin", theme.TextSize(), fyne.TextStyle{}).Width {
					t.Errorf("%s at %v: the name gets %v, less than 20 characters", language, total, name)
				}
				var sum float32
				for i, c := range memberCols {
					sum += w[i]
					if i == flexCol {
						continue
					}
					if w[i] == 0 && droppable(i) {
						if language == "en" || total != uitest.SmallestScreen.Width {
							t.Errorf("%s at %v: the %q column is left out", language, total, c.title)
						}
						continue
					}
					if w[i] < columnMin(c)-0.5 {
						t.Errorf("%s at %v: the %q column gets %v, less than its title's %v", language, total, c.title, w[i], columnMin(c))
					}
				}
				if sum > total+0.5 {
					t.Errorf("%s at %v: the columns take %v", language, total, sum)
				}
			}
		}
	}
}
