package inbox

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// The views' and channels' names below are translation keys too: they
// stay English here, where code compares them, and are translated where
// shown (lang.L(label)); dynamic_keys_test.go lists them.

// pageSize is how many items one inbox page holds.
const pageSize = 100

const allAccounts = "All accounts"

// stateViews are the state select's choices; the first, the default triage
// view, is new, open and due snoozes together.
var stateViews = []stateView{
	{"Inbox", nil},
	{"New", []core.State{core.StateNew}},
	{"Open", []core.State{core.StateOpen}},
	{"Done", []core.State{core.StateDone}},
	{"Snoozed", []core.State{core.StateSnoozed}},
	{"Spam", []core.State{core.StateSpam}},
	{moderationView, nil}, // the moderation queue of the triage states
}

// kindViews are the kind select's choices.
var kindViews = []kindView{
	{"All channels", ""},
	{"E-mail", core.ItemEmail},
	{"VK posts", core.ItemVKPost},
	{"VK comments", core.ItemVKComment},
	{"VK messages", core.ItemVKMessage},
	{"X mentions", core.ItemXMention},
	{"X replies", core.ItemXReply},
	{"Feed entries", core.ItemFeed},
}

type stateView struct {
	label  string
	states []core.State
}

type kindView struct {
	label string
	kind  core.ItemKind
}

// filterBar holds the inbox filters: account, kind, state, unread, tag.
type filterBar struct {
	u        *env
	account  *kit.Select
	kind     *kit.Select
	state    *kit.Select
	unread   *widget.Check
	vip      *widget.Check
	tag      *escEntry
	accounts []core.Account
	tally    tally // the last counts read, for the labels
	onChange func()
	// onState runs when another list of states is picked (Done, Spam,
	// Moderation...), before the list reloads.
	onState func()
	content fyne.CanvasObject
}

func newFilterBar(u *env, onChange func()) *filterBar {
	f := &filterBar{u: u, onChange: onChange}
	f.account = kit.NewSelect([]string{lang.L(allAccounts)}, nil)
	f.account.SetSelectedIndex(0)
	f.kind = kit.NewSelect(kindLabels(), nil)
	f.kind.SetSelectedIndex(0)
	f.state = kit.NewSelect(stateLabels(), nil)
	f.state.SetSelectedIndex(0)
	f.unread = widget.NewCheck(lang.L("Unread only"), nil)
	f.vip = widget.NewCheck(lang.L("VIP first"), nil)
	f.tag = newEscEntry()
	f.tag.SetPlaceHolder(lang.L("Tag"))
	f.wire()
	f.content = f.layout()
	return f
}

// wire connects the callbacks once the initial selections are made, so
// building the bar does not trigger loads.
func (f *filterBar) wire() {
	f.account.OnChanged = f.changed
	f.kind.OnChanged = f.changed
	f.state.OnChanged = func(v string) {
		if f.onState != nil {
			f.onState()
		}
		f.changed(v)
	}
	f.unread.OnChanged = func(bool) { f.changedFromCheck() }
	f.vip.OnChanged = func(bool) { f.changedFromCheck() }
	f.tag.OnSubmitted = func(string) { f.changedFromCheck() }
	f.tag.OnChanged = func(s string) {
		if s == "" {
			f.changed("")
		}
	}
}

func (f *filterBar) layout() fyne.CanvasObject {
	// Fixed widths: a long account name must not widen the window.
	// The row wraps in a narrow window rather than widen it.
	return kit.NewWrapRow(
		container.New(kit.FixedWidth{Width: fitWidth(190, []string{allAccounts}, f.account.Options[:1])}, f.account),
		container.New(kit.FixedWidth{Width: fitWidth(175, englishLabels(kindViews), kindLabels())}, f.kind), // "All channels (169)"
		container.New(kit.FixedWidth{Width: fitWidth(130, englishStates(), stateLabels())}, f.state),
		container.New(kit.FixedWidth{Width: 110}, f.tag),
		f.unread, f.vip)
}

func kindLabels() []string {
	out := make([]string, len(kindViews))
	for i, v := range kindViews {
		out[i] = lang.L(v.label)
	}
	return out
}

func stateLabels() []string {
	out := make([]string, len(stateViews))
	for i, v := range stateViews {
		out[i] = viewName(v.label)
	}
	return out
}

// viewName is a state view's name in the language in use. "Open" is the
// state's, by id (kit's): Fyne's file dialogs have an "Open" button, a
// verb, and a language keeps one text per key.
func viewName(label string) string {
	if label == "Open" {
		return lang.X("state.open", "Open")
	}
	return lang.L(label)
}

func (f *filterBar) changed(string) {
	f.showCounts() // each choice narrows the others' counts
	if f.onChange != nil {
		f.onChange()
	}
}

// changedFromCheck also hands the keyboard back to the window: the check
// (or the tag field, on Enter) holds the focus and would swallow the
// triage keys.
func (f *filterBar) changedFromCheck() {
	if c := f.u.Win.Canvas(); c != nil {
		c.Unfocus()
	}
	f.changed("")
}

// filter is the current selection as a store filter (first page).
func (f *filterBar) filter() core.ItemFilter {
	flt := core.ItemFilter{
		Tag:           strings.TrimSpace(f.tag.Text),
		Unread:        f.unread.Checked,
		VIPFirst:      f.vip.Checked,
		Conversations: true,
		Limit:         pageSize,
	}
	if i := f.account.SelectedIndex(); i > 0 && i <= len(f.accounts) {
		flt.AccountID = f.accounts[i-1].ID
	}
	if i := f.kind.SelectedIndex(); i > 0 {
		flt.Kind = kindViews[i].kind
	}
	if i := f.state.SelectedIndex(); i > 0 {
		flt.States = stateViews[i].states
		flt.NeedsModeration = stateViews[i].label == moderationView
	}
	return flt
}

// loadAccounts refreshes the account choices, keeping the selection.
func (f *filterBar) loadAccounts() {
	kit.Background(f.u.Env, "list accounts", func(ctx context.Context) ([]core.Account, error) {
		return f.u.b.Accounts.List(ctx)
	}, func(accts []core.Account, err error) {
		if err != nil {
			f.u.Log.Warn("ui: accounts for the filter", "err", err)
			return
		}
		f.setAccounts(accts)
	})
}

func (f *filterBar) setAccounts(accts []core.Account) {
	var selected int64 // the account chosen, by id: labels carry counts
	if i := f.account.SelectedIndex(); i > 0 && i <= len(f.accounts) {
		selected = f.accounts[i-1].ID
	}
	f.accounts = accts
	opts := []string{lang.L(allAccounts)}

	idx := 0
	for i, a := range accts {
		opts = append(opts, a.Name)
		if a.ID == selected {
			idx = i + 1
		}
	}
	f.account.Options = opts
	// Set without firing onChange: the selection did not change for the
	// person, only the list of choices...
	cb := f.account.OnChanged
	f.account.OnChanged = nil
	f.account.SetSelectedIndex(idx)
	f.account.OnChanged = cb
	f.showCounts()
	f.account.Refresh()
	// ...unless the selected account is gone: then the list widens to all.
	if idx == 0 && selected != 0 {
		f.changed("")
	}
}

// hides reports whether an item moved to state st leaves the current view.
func (f *filterBar) hides(st core.State) bool {
	states := f.filter().States
	if len(states) == 0 {
		return st != core.StateNew && st != core.StateOpen
	}
	for _, s := range states {
		if s == st {
			return false
		}
	}
	return true
}

// isDefault reports whether no filter narrows the view.
func (f *filterBar) isDefault() bool {
	flt := f.filter()
	return flt.AccountID == 0 && flt.Kind == "" && len(flt.States) == 0 && flt.Tag == "" && !flt.Unread && !flt.VIPFirst
}

// fitWidth is a select's width in the language in use: base, the width
// its English labels were given, widened by as much as a label runs longer
// than its English, so "Входящие (12)" is not cut where "Inbox (12)" fits.
func fitWidth(base float32, english, shown []string) float32 {
	width := func(s string) float32 { return fyne.MeasureText(s, theme.TextSize(), fyne.TextStyle{}).Width }
	var more float32
	for i := range min(len(english), len(shown)) {
		more = max(more, width(shown[i])-width(english[i]))
	}
	return base + more
}

func englishLabels(views []kindView) []string {
	out := make([]string, len(views))
	for i, v := range views {
		out[i] = v.label
	}
	return out
}

func englishStates() []string {
	out := make([]string, len(stateViews))
	for i, v := range stateViews {
		out[i] = v.label
	}
	return out
}
