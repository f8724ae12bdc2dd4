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

// offerMentions looks the experts up off the UI goroutine, on what the
// item and the reply so far say, and shows them in a menu.
func (c *composer) offerMentions(m Mentioner, btn *widget.Button) {
	// The list item carries its snippet; the opened one its whole text.
	it, topic := c.item, strings.Join([]string{c.item.Subject, c.item.Snippet, c.item.Text, c.entry.Text}, "\n")
	background(c.u, "find experts", func(ctx context.Context) ([]members.Expert, error) {
		return m.MentionsFor(ctx, topic, maxMentions)
	}, func(experts []members.Expert, err error) {
		if c.item.ID != it.ID {
			return
		}
		switch {
		case err != nil:
			c.setNote("Could not look for experts: "+errorText(err), widget.DangerImportance)
			return
		case len(experts) == 0:
			c.setNote("No member is known for this topic yet: add expertise in their files.", widget.MediumImportance)
			return
		}
		items := make([]*fyne.MenuItem, 0, len(experts))
		for _, e := range experts {
			mention := mentionFor(e, it.Kind)
			items = append(items, fyne.NewMenuItem(mention+" · "+e.Why, func() { c.insertMention(mention) }))
		}
		menu := widget.NewPopUpMenu(fyne.NewMenu("", items...), c.u.win.Canvas())
		menu.ShowAtRelativePosition(fyne.NewPos(btn.Size().Width-menu.MinSize().Width, -menu.MinSize().Height), btn)
	})
}

// mentionFor is how to name an expert in a reply on a channel: their
// handle there, else their name.
func mentionFor(e members.Expert, k core.ItemKind) string {
	var kind core.IdentityKind
	switch channelName(k) {
	case "VK":
		kind = core.IdentityVK
	case "X":
		kind = core.IdentityX
	}
	if h := e.Handles[kind]; kind != "" && h != "" {
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
