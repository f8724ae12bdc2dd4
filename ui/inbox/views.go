package inbox

import (
	"context"
	"errors"

	"fyne.io/fyne/v2/widget"

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
	sel    *widget.Select
	counts []views.Count
	reload *kit.Refresher
	search func(query string)
}

func newViewPicker(u *env, search func(string)) *viewPicker {
	p := &viewPicker{u: u, search: search}
	p.sel = widget.NewSelect(nil, p.chosen)
	p.sel.PlaceHolder = "Saved views"
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
		return "Search: " + pe.Error()
	}
	return "Could not load the inbox: " + kit.ErrorText(err)
}
