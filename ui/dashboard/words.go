package dashboard

import (
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/hearthhq/hearth/core/report"
	"github.com/hearthhq/hearth/ui/kit"
)

// The tiles and the line above them come from core/report in the
// language in use (report.TilesIn, SubtitleIn: the same words and numbers
// as a report file). The charts' words come from core/report in English
// and are translated here with lang.L, their English text as the key;
// words_test.go checks that every one of core's has its key in
// dashboard.*.json, which a scan of this package's sources cannot see.

// chartStyle is how the window draws the charts: in its language.
func chartStyle(dark bool) report.Style {
	days := make([]string, 7)
	for i := range days { // Monday first
		days[i] = kit.WeekdayName(time.Weekday((i+1)%7), true)
	}
	return report.Style{Format: report.PNG, Width: int(chartSize.Width), Height: int(chartSize.Height), Dark: dark,
		Words:    func(s string) string { return lang.L(s) },
		Day:      func(t time.Time) string { return kit.FormatTime(t, "2 Jan") },
		Weekdays: days}
}
