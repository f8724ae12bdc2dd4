package calendar

import (
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// expertsButton offers, in the post editor, the members who know about
// what the post says, to @-mention them; nil without member files.
func (e *postEditor) expertsButton() *widget.Button {
	m := e.s.u.b.Experts
	if m == nil {
		return nil
	}
	var btn *widget.Button
	btn = kit.FlatButton(lang.L("Experts"), theme.AccountIcon(), func() {
		kit.OfferExperts(e.s.u.Env, m, btn, e.text.Text, e.mentionChannel(), e.insertMention, e.setNote)
	})
	return btn
}

// mentionChannel is whose handles a mention uses: X when the post goes to
// X (its handles are what readers see there), else VK.
func (e *postEditor) mentionChannel() core.IdentityKind {
	for _, a := range e.accounts {
		if c := e.checks[a.ID]; c != nil && c.Checked && a.Kind == core.KindX {
			return core.IdentityX
		}
	}
	return core.IdentityVK
}

// insertMention appends a mention to the post's text.
func (e *postEditor) insertMention(mention string) {
	text := e.text.Text
	if text != "" && !strings.HasSuffix(text, " ") && !strings.HasSuffix(text, "\n") {
		text += " "
	}
	e.text.SetText(text + mention + " ")
}
