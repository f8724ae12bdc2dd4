package inbox

import (
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/hearthhq/hearth/ui/kit"
)

// mentionButton offers the members who know about the conversation's
// topic; nil when the backend cannot say.
func (c *composer) mentionButton() *widget.Button {
	m := c.u.b.Experts
	if m == nil {
		return nil
	}
	var btn *widget.Button
	btn = kit.FlatButton(lang.L("Experts"), theme.AccountIcon(), func() { c.offerMentions(m, btn) })

	return btn
}

// offerMentions looks the experts up on what the item and the reply so
// far say (the list item carries its snippet, the opened one its text),
// never offering the item's author.
func (c *composer) offerMentions(m kit.Mentioner, btn *widget.Button) {
	it := c.item
	topic := strings.Join([]string{it.Subject, it.Snippet, it.Text, c.entry.Text}, "\n")
	kit.OfferReplyExperts(c.u.Env, m, btn, topic, kit.IdentityKindOfItem(it.Kind), it.Author, func(mention string) {
		if c.item.ID == it.ID {
			c.insertMention(mention)
		}
	}, c.setNote)
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
	c.u.Win.Canvas().Focus(c.entry)
}
