package feeds

import (
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
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

// localeDateNames are the day and month names feeds write, per language,
// tried in turn: the languages Hearth's people read first, then the
// neighbours whose feeds they are likely to watch. Each group is the
// English abbreviation time.Parse reads, then that language's full and
// short names (lower case, without the dot). A table of our own rather
// than a date library: the one used before (goodsign/monday) built maps
// of every locale it knows in its package init, in every process, for
// the rare feed that needs one.
var localeDateNames = []string{
	// French
	`Sun dimanche dim|Mon lundi lun|Tue mardi mar|Wed mercredi mer|Thu jeudi jeu|Fri vendredi ven|Sat samedi sam;
	Jan janvier janv jan|Feb février févr fév fevrier fevr fev|Mar mars|Apr avril avr|May mai|Jun juin|Jul juillet juil|
	Aug août aout|Sep septembre sept sep|Oct octobre oct|Nov novembre nov|Dec décembre déc decembre dec`,
	// Russian
	`Sun воскресенье вс вск|Mon понедельник пн пнд|Tue вторник вт|Wed среда ср|Thu четверг чт|Fri пятница пт|Sat суббота сб;
	Jan января январь янв|Feb февраля февраль фев февр|Mar марта март мар|Apr апреля апрель апр|May мая май|
	Jun июня июнь июн|Jul июля июль июл|Aug августа август авг|Sep сентября сентябрь сен сент|Oct октября октябрь окт|
	Nov ноября ноябрь ноя нояб|Dec декабря декабрь дек`,
	// Bulgarian
	`Sun неделя нд|Mon понеделник пн|Tue вторник вт|Wed сряда ср|Thu четвъртък чт|Fri петък пт|Sat събота сб;
	Jan януари яну|Feb февруари фев|Mar март мар|Apr април апр|May май|Jun юни|Jul юли|Aug август авг|
	Sep септември сеп|Oct октомври окт|Nov ноември ное|Dec декември дек`,
	// Portuguese (Brazil and Portugal)
	`Sun domingo dom|Mon segunda-feira segunda seg|Tue terça-feira terça ter|Wed quarta-feira quarta qua|
	Thu quinta-feira quinta qui|Fri sexta-feira sexta sex|Sat sábado sáb sab;
	Jan janeiro jan|Feb fevereiro fev|Mar março mar|Apr abril abr|May maio mai|Jun junho jun|Jul julho jul|
	Aug agosto ago|Sep setembro set|Oct outubro out|Nov novembro nov|Dec dezembro dez`,
	// Spanish
	`Sun domingo dom|Mon lunes lun|Tue martes mar|Wed miércoles mié mie|Thu jueves jue|Fri viernes vie|Sat sábado sáb sab;
	Jan enero ene|Feb febrero feb|Mar marzo mar|Apr abril abr|May mayo may|Jun junio jun|Jul julio jul|
	Aug agosto ago|Sep septiembre sept sep set|Oct octubre oct|Nov noviembre nov|Dec diciembre dic`,
	// German
	`Sun sonntag so|Mon montag mo|Tue dienstag di|Wed mittwoch mi|Thu donnerstag do|Fri freitag fr|Sat samstag sonnabend sa;
	Jan januar jan|Feb februar feb|Mar märz mär mrz|Apr april apr|May mai|Jun juni jun|Jul juli jul|
	Aug august aug|Sep september sept sep|Oct oktober okt|Nov november nov|Dec dezember dez`,
	// Italian
	`Sun domenica dom|Mon lunedì lun|Tue martedì mar|Wed mercoledì mer|Thu giovedì gio|Fri venerdì ven|Sat sabato sab;
	Jan gennaio gen|Feb febbraio feb|Mar marzo mar|Apr aprile apr|May maggio mag|Jun giugno giu|Jul luglio lug|
	Aug agosto ago|Sep settembre set|Oct ottobre ott|Nov novembre nov|Dec dicembre dic`,
	// Dutch
	`Sun zondag zo|Mon maandag ma|Tue dinsdag di|Wed woensdag wo|Thu donderdag do|Fri vrijdag vr|Sat zaterdag za;
	Jan januari jan|Feb februari feb|Mar maart mrt|Apr april apr|May mei|Jun juni jun|Jul juli jul|
	Aug augustus aug|Sep september sept sep|Oct oktober okt|Nov november nov|Dec december dec`,
	// Polish
	`Sun niedziela niedz nie nd|Mon poniedziałek pon pn|Tue wtorek wt|Wed środa śr|Thu czwartek czw|Fri piątek pt|Sat sobota sob;
	Jan stycznia styczeń sty|Feb lutego luty lut|Mar marca marzec mar|Apr kwietnia kwiecień kwi|May maja maj|
	Jun czerwca czerwiec cze|Jul lipca lipiec lip|Aug sierpnia sierpień sie|Sep września wrzesień wrz|
	Oct października październik paź|Nov listopada listopad lis|Dec grudnia grudzień gru`,
	// Ukrainian
	`Sun неділя нд|Mon понеділок пн|Tue вівторок вт|Wed середа ср|Thu четвер чт|Fri пʼятниця п'ятниця пт|Sat субота сб;
	Jan січня січень січ|Feb лютого лютий лют|Mar березня березень бер|Apr квітня квітень квіт кві|May травня травень трав тра|
	Jun червня червень черв чер|Jul липня липень лип|Aug серпня серпень серп сер|Sep вересня вересень вер|
	Oct жовтня жовтень жовт жов|Nov листопада листопад лист лис|Dec грудня грудень груд гру`,
}

// dateNames are one language's day and month names, each to its English
// abbreviation.
type dateNames struct{ days, months map[string]string }

// localeDates reads localeDateNames on the first date that needs them.
var localeDates = sync.OnceValue(func() []dateNames {
	out := make([]dateNames, len(localeDateNames))
	for i, table := range localeDateNames {
		days, months, _ := strings.Cut(table, ";")
		out[i] = dateNames{days: nameMap(days), months: nameMap(months)}
	}
	return out
})

func nameMap(groups string) map[string]string {
	m := map[string]string{}
	for _, g := range strings.Split(groups, "|") {
		f := strings.Fields(g)
		for _, name := range f[1:] {
			m[name] = f[0]
		}
	}
	return m
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
	for _, names := range localeDates() {
		english, ok := names.english(s)
		if !ok {
			continue
		}
		for _, layout := range localeDateLayouts {
			if t, err := time.Parse(layout, english); err == nil {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// english puts the English abbreviations in place of the day and month
// names of s: a word before a comma is a day ("mar," is mardi, martes),
// any other a month ("mar" is marzo); words it does not know (a zone's
// name) stay. False when s names neither.
func (n dateNames) english(s string) (string, bool) {
	var b strings.Builder
	found := false
	for i := 0; i < len(s); {
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsLetter(r) && !(j > i && (r == '-' || r == '\'' || r == 'ʼ')) {
				break
			}
			j += size
		}
		if j == i { // not a word: copy one byte
			b.WriteByte(s[i])
			i++
			continue
		}
		word := s[i:j]
		table := n.months
		if j < len(s) && s[j] == ',' {
			table = n.days
		}
		if en, ok := table[strings.ToLower(word)]; ok {
			word, found = en, true
		}
		b.WriteString(word)
		i = j
	}
	return b.String(), found
}
