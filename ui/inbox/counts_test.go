package inbox

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// The filter bar says how many conversations wait in each view, account
// and channel, and the numbers follow triage.
func TestCountsBesideViewsAccountsAndChannels(t *testing.T) {
	h := newHarness(t)
	// unread counts the unread conversations the inbox lists, as a person
	// would on screen.
	unread := func(kind core.ItemKind) int {
		n := 0
		for _, id := range h.ids() {
			if it := h.item(id); !it.Seen && (kind == "" || it.Kind == kind) {
				n++
			}
		}
		return n
	}
	all, mail := unread(""), unread(core.ItemEmail)
	if all == 0 || mail == 0 || mail == all {
		t.Fatalf("the samples prove nothing: %d unread, %d of them e-mail", all, mail)
	}
	h.WaitFor("the counts", func() bool { return h.s.filters.state.Options[0] == withCount("Inbox", all) })
	if !slices.Contains(h.s.filters.account.Options, withCount("work@example.com", mail)) {
		t.Errorf("accounts read %q, want work@example.com with %d", h.s.filters.account.Options, mail)
	}
	if !slices.Contains(h.s.filters.kind.Options, withCount("E-mail", mail)) {
		t.Errorf("channels read %q, want E-mail with %d", h.s.filters.kind.Options, mail)
	}

	// Spam one unread conversation: Spam counts it, the inbox one fewer.
	if err := h.ws.Inbox.SetState(context.Background(), h.id(4), core.StateSpam, time.Time{}); err != nil {
		t.Fatal(err)
	}
	h.s.reload.Request()
	h.WaitFor("Spam (1)", func() bool { return slices.Contains(h.s.filters.state.Options, "Spam (1)") })
	h.WaitFor("the inbox count down", func() bool { return h.s.filters.state.Options[0] == withCount("Inbox", all-1) })

	// Narrowing to a channel narrows the view counts.
	h.s.filters.kind.SetSelectedIndex(slices.IndexFunc(kindViews, func(v kindView) bool { return v.kind == core.ItemVKPost }))
	h.WaitFor("VK posts only", func() bool { return h.s.filters.state.Options[0] == withCount("Inbox", unread(core.ItemVKPost)) })
	if h.s.filters.kind.Selected != withCount("VK posts", unread(core.ItemVKPost)) {
		t.Errorf("the chosen channel reads %q", h.s.filters.kind.Selected)
	}
}

// choose picks a select's option by its name, whatever count it shows.
func choose(sel *kit.Select, name string) {
	for i, o := range sel.Options {
		if o == name || strings.HasPrefix(o, name+" (") {
			sel.SetSelectedIndex(i)
			return
		}
	}
	panic("no option " + name + " in " + strings.Join(sel.Options, ", "))
}

func TestStateCountRules(t *testing.T) {
	c := tally{
		{AccountID: 1, Kind: core.ItemEmail, State: core.StateNew, Total: 4, Unseen: 3},
		{AccountID: 1, Kind: core.ItemEmail, State: core.StateOpen, Total: 6, Unseen: 1},
		{AccountID: 2, Kind: core.ItemVKComment, State: core.StateOpen, Total: 2, Unseen: 2},
		{AccountID: 1, Kind: core.ItemEmail, State: core.StateDone, Total: 90, Unseen: 5},
		{AccountID: 2, Kind: core.ItemVKComment, State: core.StateSpam, Total: 7, Unseen: 7},
		{AccountID: 2, Kind: core.ItemVKComment, State: core.StateSnoozed, Total: 3, Unseen: 1},
	}
	tests := []struct {
		view    string
		account int64
		kind    core.ItemKind
		want    int
	}{
		{"Inbox", 0, "", 7}, // unread of new, open and snoozed, as the status bar says
		{"Inbox", 1, "", 4},
		{"Inbox", 0, core.ItemVKComment, 3},
		{"Snoozed", 0, "", 3},
		{"New", 0, "", 3},
		{"Done", 0, "", 0}, // Done only grows: no number
		{"Spam", 0, "", 7}, // all of it waits for a look
		{"Spam", 1, "", 0},
	}
	for _, tt := range tests {
		v := stateViews[slices.IndexFunc(stateViews, func(v stateView) bool { return v.label == tt.view })]
		if got := c.stateCount(v, tt.account, tt.kind); got != tt.want {
			t.Errorf("%s (account %d, kind %q) = %d, want %d", tt.view, tt.account, tt.kind, got, tt.want)
		}
	}
}
