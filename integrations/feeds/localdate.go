package feeds

import (
	"strings"
	"time"

	"github.com/goodsign/monday"
)

// localeDateLayouts are the RFC 822 shapes that feeds write with local day
// and month names ("Seg, 24 Set 2018 19:42:40 -0300"): against the RSS
// specification, and common enough that entries would otherwise have no
// time at all.
var localeDateLayouts = []string{
	"Mon, 02 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 02 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"02 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 -0700",
}

// localeDateLocales are tried in turn: the languages Hearth's people read
// first, then the neighbours whose feeds they are likely to watch.
var localeDateLocales = []monday.Locale{
	monday.LocaleFrFR, monday.LocaleRuRU, monday.LocaleBgBG,
	monday.LocalePtBR, monday.LocalePtPT, monday.LocaleEsES, monday.LocaleDeDE,
	monday.LocaleItIT, monday.LocaleNlBE, monday.LocalePlPL, monday.LocaleUkUA,
}

// localDate reads a date that gofeed could not because its day and month
// names are not English; false when it is not such a date either.
func localDate(s string) (time.Time, bool) {
	// Abbreviations carry dots in some languages ("lun., 24 sept. 2018").
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, ".", " ")), " ")
	s = strings.ReplaceAll(s, " ,", ",")
	if s == "" {
		return time.Time{}, false
	}
	for _, loc := range localeDateLocales {
		for _, layout := range localeDateLayouts {
			if t, err := monday.Parse(layout, s, loc); err == nil {
				return t, true
			}
		}
	}
	return time.Time{}, false
}
