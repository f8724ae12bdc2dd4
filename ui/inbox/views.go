package inbox

import (
	"context"
	"errors"
	"slices"

	"fyne.io/fyne/v2/lang"

	"github.com/hearthhq/hearth/core/query"
	"github.com/hearthhq/hearth/core/views"
	"github.com/hearthhq/hearth/ui/kit"
)

// Views lists the saved views with their unread counts (core/views).
type Views interface {
	Counts(ctx context.Context) ([]views.Count, error)
}

// viewPicker is the saved views beside the search box, each with its
// unread count ("Brand (3)"): choosing one searches its query.
type viewPicker struct {
	u      *env
	sel    *kit.Select
	counts []views.Count
	reload *kit.Refresher
	search func(query string)
}

func newViewPicker(u *env, search func(string)) *viewPicker {
	p := &viewPicker{u: u, search: search}
	p.sel = kit.NewSelect(nil, p.chosen)
	p.sel.PlaceHolder = lang.L("Saved views")
	p.reload = kit.NewRefresher(p.load)
	p.sel.Hide() // until there is a view to offer
	return p
}

func (p *viewPicker) chosen(label string) {
	i := p.sel.SelectedIndex()
	if label == "" || i < 0 || i >= len(p.counts) {
		return
	}
	p.search(p.counts[i].View.Query)
	p.sel.ClearSelected() // a menu, not a state: the search box shows the query
}

// load re-reads the views and their counts off the UI goroutine.
func (p *viewPicker) load(done func()) {
	kit.Background(p.u.Env, "count saved views", func(ctx context.Context) ([]views.Count, error) {
		return p.u.b.Views.Counts(ctx)
	}, func(counts []views.Count, err error) {
		defer done()
		if err != nil {
			p.u.Log.Warn("ui: saved views", "err", err)
			return
		}
		p.counts = counts
		labels := make([]string, len(counts))
		for i, c := range counts {
			labels[i] = c.Label()
		}
		p.sel.SetOptions(labels)
		if len(counts) == 0 {
			p.sel.Hide()
		} else {
			p.sel.Show()
		}
	})
}

// searchProblem is what the banner says of a search that failed: where
// its query does not parse, or that it could not run.
func searchProblem(err error) string {
	var pe *query.Error
	if errors.As(err, &pe) {
		return lang.L("Search: {{.Error}}", map[string]any{"Error": queryError(pe)})
	}
	return lang.L("Could not load the inbox: {{.Error}}", errData(err))

}

// queryMessages are the parser's fixed messages (core/query), translated
// where the banner shows them; the others quote what was typed and stay
// as they are.
var queryMessages = []string{
	`'"' without a closing '"'`,
	"')' without '('",
	"AND needs a term on each side",
	"OR needs a term on each side",
	"'-' or NOT needs a term after it",
	"'(' without ')'",
	"empty parentheses",
	"a term is missing here",
}

// queryError is a query's problem and where it is: "column 7: ...".
func queryError(pe *query.Error) string {
	msg := pe.Msg
	if slices.Contains(queryMessages, msg) {
		msg = lang.L(msg)
	}
	return lang.L("column {{.Col}}: {{.Problem}}", map[string]any{"Col": pe.Col, "Problem": msg})
}
