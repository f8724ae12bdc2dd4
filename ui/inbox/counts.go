package inbox

import (
	"context"
	"slices"

	"fyne.io/fyne/v2/lang"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// triage are the states whose unread conversations wait for the person:
// snoozed ones too, as the status bar counts them, so the window shows one
// number for "unread".
var triage = []core.State{core.StateNew, core.StateOpen, core.StateSnoozed}

// tally adds up conversation counts for the filter bar's choices.
type tally []core.ViewCount

// sum counts conversations on an account (0: all) of a kind ("": all) in
// states; unseen counts the unread ones only.
func (t tally) sum(account int64, kind core.ItemKind, states []core.State, unseen bool) int {
	n := 0
	for _, c := range t {
		if (account != 0 && c.AccountID != account) || (kind != "" && c.Kind != kind) || !slices.Contains(states, c.State) {
			continue
		}
		if unseen {
			n += c.Unseen
		} else {
			n += c.Total
		}
	}
	return n
}

// stateCount is the number a view shows beside its name: the unread
// conversations of the triage views, everything in Snoozed and Spam
// (what waits there), nothing for Done, which only grows.
func (t tally) stateCount(v stateView, account int64, kind core.ItemKind) int {
	switch {
	case v.label == moderationView:
		return 0 // the queue is read, not counted
	case v.states == nil:
		return t.sum(account, kind, triage, true)
	case slices.Contains(v.states, core.StateDone):
		return 0
	case slices.Contains(v.states, core.StateSnoozed) || slices.Contains(v.states, core.StateSpam):
		return t.sum(account, kind, v.states, false)
	}
	return t.sum(account, kind, v.states, true)
}

// withCount writes "Inbox (12)"; a zero adds nothing.
func withCount(label string, n int) string {
	if n <= 0 {
		return label
	}
	return label + " (" + kit.Number(n) + ")"
}

// relabel changes a select's choices in place, keeping the chosen index
// and firing nothing: the person's choice did not change.
func relabel(sel *kit.Select, labels []string) {
	if slices.Equal(sel.Options, labels) {
		return
	}
	idx := sel.SelectedIndex()
	cb := sel.OnChanged
	sel.OnChanged = nil
	sel.Options = labels
	if idx >= 0 && idx < len(labels) {
		sel.SetSelectedIndex(idx)
	}
	sel.OnChanged = cb
	sel.Refresh()
}

// showCounts writes the counts beside every view, account and channel,
// each narrowed by the other choices (VK's count under one account).
func (f *filterBar) showCounts() {
	t, flt := f.tally, f.filter()
	states := make([]string, len(stateViews))
	for i, v := range stateViews {
		states[i] = withCount(viewName(v.label), t.stateCount(v, flt.AccountID, flt.Kind))

	}
	relabel(f.state, states)
	kinds := make([]string, len(kindViews))
	for i, v := range kindViews {
		kinds[i] = withCount(lang.L(v.label), t.sum(flt.AccountID, v.kind, triage, true))
	}
	relabel(f.kind, kinds)
	accounts := []string{withCount(lang.L(allAccounts), t.sum(0, flt.Kind, triage, true))}

	for _, a := range f.accounts {
		accounts = append(accounts, withCount(a.Name, t.sum(a.ID, flt.Kind, triage, true)))
	}
	relabel(f.account, accounts)
}

// selectState shows a view by its name ("Spam"), whatever its count.
func (f *filterBar) selectState(name string) {
	if i := slices.IndexFunc(stateViews, func(v stateView) bool { return v.label == name }); i >= 0 {
		f.state.SetSelectedIndex(i)
	}
}

// loadCounts re-reads the counts off the UI goroutine; the shell hears the
// inbox's unread total for the navigation.
func (s *Screen) loadCounts() {
	kit.Background(s.u.Env, "count conversations", func(ctx context.Context) ([]core.ViewCount, error) {
		return s.u.b.Inbox.ViewCounts(ctx)
	}, func(c []core.ViewCount, err error) {
		if err != nil {
			s.u.Log.Warn("ui: inbox counts", "err", err)
			return
		}
		s.filters.tally = c
		s.filters.showCounts()
		if s.OnUnread != nil {
			s.OnUnread(tally(c).sum(0, "", triage, true))
		}
	})
}
