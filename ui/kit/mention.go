package kit

import (
	"context"
	"fyne.io/fyne/v2/lang"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/members"
)

// Mentioner is optional on Members: the experts on a text's topic, to
// @-mention in a reply (the core members service has it).
type Mentioner interface {
	MentionsFor(ctx context.Context, text string, limit int) ([]members.Expert, error)
}

// MaxMentions is how many experts the menu offers.
const MaxMentions = 6

// OfferExperts looks up, off the UI goroutine, the members who know about
// topic and offers them in a menu above btn; a pick inserts their mention
// on the channel of kind. note tells when nobody is known or the lookup
// failed.
func OfferExperts(e *Env, m Mentioner, btn *widget.Button, topic string, kind core.IdentityKind,
	insert func(mention string), note func(string, widget.Importance)) {
	OfferReplyExperts(e, m, btn, topic, kind, core.Person{}, insert, note)
}

// OfferReplyExperts is OfferExperts for a reply to a message by author,
// who is never offered: mentioning the person one answers makes no sense.
func OfferReplyExperts(e *Env, m Mentioner, btn *widget.Button, topic string, kind core.IdentityKind,
	author core.Person, insert func(mention string), note func(string, widget.Importance)) {
	Background(e, "find experts", func(ctx context.Context) ([]members.Expert, error) {
		// One more than shown, in case the author is among them.
		list, err := m.MentionsFor(ctx, topic, MaxMentions+1)
		list = members.WithoutAuthor(list, kind, author)
		return list[:min(len(list), MaxMentions)], err
	}, func(experts []members.Expert, err error) {
		switch {
		case err != nil:
			note(lang.L("Could not look for experts: {{.Error}}", map[string]any{"Error": ErrorText(err)}), widget.DangerImportance)
			return
		case len(experts) == 0:
			note(lang.L("No member is known for this topic yet: add expertise in their files."), widget.MediumImportance)
			return
		}
		items := make([]*fyne.MenuItem, 0, len(experts))
		for _, x := range experts {
			mention := MentionFor(x, kind)
			items = append(items, fyne.NewMenuItem(mention+" · "+ExpertWhy(x.Evidence), func() { insert(mention) }))
		}
		menu := widget.NewPopUpMenu(fyne.NewMenu("", items...), e.Win.Canvas())
		menu.ShowAtRelativePosition(fyne.NewPos(btn.Size().Width-menu.MinSize().Width, -menu.MinSize().Height), btn)
	})
}

// IdentityKindOfItem is the channel whose handles a reply to k mentions.
func IdentityKindOfItem(k core.ItemKind) core.IdentityKind {
	switch ChannelName(k) {
	case "VK":
		return core.IdentityVK
	case "X":
		return core.IdentityX
	}
	return core.IdentityEmail
}

// MentionFor is how to name an expert on a channel: their handle there,
// else their name.
func MentionFor(e members.Expert, kind core.IdentityKind) string {
	if h := e.Handles[kind]; h != "" && kind != core.IdentityEmail {
		return "@" + strings.TrimPrefix(h, "@")
	}
	return e.Member.Name
}

// ExpertWhy says why a member is offered as knowing a topic, in the
// language in use: "expertise level 4; answered 3 questions about it lately".
func ExpertWhy(e core.ExpertEvidence) string {
	var parts []string
	if e.Level > 0 {
		parts = append(parts, lang.L("expertise level {{.Level}}", map[string]any{"Level": e.Level}))
	}
	if e.Interest {
		parts = append(parts, lang.L("lists it as an interest"))
	}
	if e.Answers > 0 {
		parts = append(parts, lang.N("answered {{.Count}} questions about it lately", e.Answers, map[string]any{"Count": e.Answers}))
	}
	return strings.Join(parts, "; ")
}
