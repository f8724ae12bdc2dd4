package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
)

// messageCard is one message of a conversation: who, when, to whom, what
// could not be decoded, attachments, and the text (selectable, wrapped).
func messageCard(it core.Item) fyne.CanvasObject {
	rows := []fyne.CanvasObject{messageHeader(it)}
	if to := recipients(it.To); to != "" {
		rows = append(rows, newMutedTrunc("To: "+to))
	}
	for _, p := range it.Problems {
		rows = append(rows, problemLine(p))
	}
	if len(it.Attachments) > 0 {
		rows = append(rows, attachmentList(it.Attachments))
	}
	rows = append(rows, messageText(it.Text))
	return container.NewVBox(rows...)
}

func messageHeader(it core.Item) fyne.CanvasObject {
	who := it.Author.String()
	if it.Outgoing {
		who = "You"
		if a := it.Author.String(); a != "" {
			who += " (" + a + ")"
		}
	}
	author := widget.NewLabelWithStyle(who, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	author.Truncation = fyne.TextTruncateEllipsis
	when := newMuted(messageDate(it.CreatedAt))
	icon := widget.NewIcon(channelIcon(it.Kind))
	return container.NewBorder(nil, nil, icon, when, author)
}

func recipients(ps []core.Person) string {
	names := make([]string, 0, len(ps))
	for _, p := range ps {
		if s := p.String(); s != "" {
			names = append(names, s)
		}
	}
	return strings.Join(names, ", ")
}

// problemLine makes a decoding problem visible: the text below may be
// incomplete and the person must know.
func problemLine(p string) fyne.CanvasObject {
	l := widget.NewLabel(sentence(capitalize(p)))
	l.Importance = widget.WarningImportance
	l.Wrapping = fyne.TextWrapWord
	icon := widget.NewIcon(theme.NewWarningThemedResource(theme.WarningIcon()))
	return container.NewBorder(nil, nil, container.NewVBox(icon), nil, l)
}

func attachmentList(atts []core.Attachment) fyne.CanvasObject {
	rows := make([]fyne.CanvasObject, 0, len(atts))
	for _, a := range atts {
		name := a.Name
		if name == "" {
			name = "unnamed (" + a.MIMEType + ")"
		}
		l := widget.NewLabel(name + "  ·  " + humanSize(a.Size))
		l.Truncation = fyne.TextTruncateEllipsis
		rows = append(rows, container.NewBorder(nil, nil, widget.NewIcon(theme.MailAttachmentIcon()), nil, l))
	}
	return container.New(tightRows{}, rows...)
}

// messageText is the readable body: selectable so it can be copied,
// wrapped so long lines never widen the pane.
func messageText(text string) fyne.CanvasObject {
	if strings.TrimSpace(text) == "" {
		return newMuted("(no text)")
	}
	l := widget.NewLabel(strings.TrimRight(text, "\n"))
	l.Wrapping = fyne.TextWrapWord
	l.Selectable = true
	return l
}
