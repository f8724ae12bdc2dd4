package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/members"
)

// Mentioner is optional on Members: the experts on a text's topic, to
// @-mention in a reply (the core members service has it).
type Mentioner interface {
	MentionsFor(ctx context.Context, text string, limit int) ([]members.Expert, error)
}

// maxMentions is how many experts the menu offers.
const maxMentions = 6

// mentionButton offers the members who know about the conversation's
// topic; nil when the backend cannot say.
func (c *composer) mentionButton() *widget.Button {
	m, ok := c.u.b.Members.(Mentioner)
	if !ok || c.u.b.Members == nil {
		return nil
	}
	var btn *widget.Button
	btn = flatButton("Experts", theme.AccountIcon(), func() { c.offerMentions(m, btn) })
	return btn
}

// offerMentions looks the experts up on what the item and the reply so
// far say (the list item carries its snippet, the opened one its text).
func (c *composer) offerMentions(m Mentioner, btn *widget.Button) {
	it := c.item
	topic := strings.Join([]string{it.Subject, it.Snippet, it.Text, c.entry.Text}, "\n")
	offerExperts(c.u, m, btn, topic, identityKindOfItem(it.Kind), func(mention string) {
		if c.item.ID == it.ID {
			c.insertMention(mention)
		}
	}, c.setNote)
}

// offerExperts looks up, off the UI goroutine, the members who know about
// topic and offers them in a menu above btn; a pick inserts their mention
// on the channel of kind. note tells when nobody is known or the lookup
// failed.
func offerExperts(u *UI, m Mentioner, btn *widget.Button, topic string, kind core.IdentityKind,
	insert func(mention string), note func(string, widget.Importance)) {
	background(u, "find experts", func(ctx context.Context) ([]members.Expert, error) {
		return m.MentionsFor(ctx, topic, maxMentions)
	}, func(experts []members.Expert, err error) {
		switch {
		case err != nil:
			note("Could not look for experts: "+errorText(err), widget.DangerImportance)
			return
		case len(experts) == 0:
			note("No member is known for this topic yet: add expertise in their files.", widget.MediumImportance)
			return
		}
		items := make([]*fyne.MenuItem, 0, len(experts))
		for _, e := range experts {
			mention := mentionFor(e, kind)
			items = append(items, fyne.NewMenuItem(mention+" · "+e.Why, func() { insert(mention) }))
		}
		menu := widget.NewPopUpMenu(fyne.NewMenu("", items...), u.win.Canvas())
		menu.ShowAtRelativePosition(fyne.NewPos(btn.Size().Width-menu.MinSize().Width, -menu.MinSize().Height), btn)
	})
}

// identityKindOfItem is the channel whose handles a reply to k mentions.
func identityKindOfItem(k core.ItemKind) core.IdentityKind {
	switch channelName(k) {
	case "VK":
		return core.IdentityVK
	case "X":
		return core.IdentityX
	}
	return core.IdentityEmail
}

// mentionFor is how to name an expert on a channel: their handle there,
// else their name.
func mentionFor(e members.Expert, kind core.IdentityKind) string {
	if h := e.Handles[kind]; h != "" && kind != core.IdentityEmail {
		return "@" + strings.TrimPrefix(h, "@")
	}
	return e.Member.Name
}

// insertMention appends a mention to the reply, spaced from what is there.
func (c *composer) insertMention(mention string) {
	text := c.entry.Text
	if text != "" && !strings.HasSuffix(text, " ") && !strings.HasSuffix(text, "\n") {
		text += " "
	}
	c.entry.SetText(text + mention + " ")
	lines := strings.Split(c.entry.Text, "\n")
	c.entry.CursorRow, c.entry.CursorColumn = len(lines)-1, len([]rune(lines[len(lines)-1]))
	c.u.win.Canvas().Focus(c.entry)
}
