package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"github.com/hearthhq/hearth/ui/kit"
	"github.com/hearthhq/hearth/ui/rules"
)

const rulesNotBuilt = "Rules are not wired in this window: ordered queries that tag, triage, hide or answer new messages will live here."

func rulesIcon() fyne.Resource { return theme.ListIcon() }

// rulesScreen is the rules, or the placeholder when the backend has none.
func (u *UI) rulesScreen() kit.Screen {
	if u.b.Rules == nil {
		return newPlaceholder(rulesIcon(), lang.L("Rules"), lang.L(rulesNotBuilt))
	}
	return newLazy(func() kit.Screen { return rules.New(u.Env, rules.Backend{Rules: u.b.Rules}) })
}
