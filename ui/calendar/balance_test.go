package calendar

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/calendar"
	"github.com/hearthhq/hearth/ui/kit"
)

// The agenda balance writes its percentages as the language does: "33 %"
// with a no-break space in French and Russian (the sign never wraps away
// from its number), "33%" in English and Bulgarian.
func TestBalancePercentInLanguage(t *testing.T) {
	t.Cleanup(func() { kit.UseLanguage("en") })
	bal := calendar.Balance{Total: 3, Counts: map[core.Agenda]int{core.AgendaProject: 1, core.AgendaNews: 1, core.AgendaLife: 1}}
	for l, want := range map[string]string{"en": "33%", "fr": "33\u00a0%", "ru": "33\u00a0%", "bg": "33%"} {
		if _, err := kit.UseLanguage(l); err != nil {
			t.Fatal(err)
		}
		b := newBalanceStrip()
		b.show(bal)
		var texts []string
		for _, o := range b.legend.Objects {
			if row, ok := o.(*fyne.Container); ok {
				for _, c := range row.Objects {
					if lb, ok := c.(*widget.Label); ok {
						texts = append(texts, lb.Text)
					}
				}
			}
		}
		if len(texts) != 3 {
			t.Fatalf("%s: legend %q, want three agendas", l, texts)
		}
		for _, s := range texts {
			if !strings.HasSuffix(s, " "+want) {
				t.Errorf("%s: legend %q, want it to end in %q", l, s, want)
			}
		}
	}
}
