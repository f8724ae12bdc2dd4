package ui

import (
	"image/color"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
)

// maxRowTags is how many tags a list row shows before "+N".
const maxRowTags = 3

// itemRow is one line of the inbox list: channel, author, time, subject,
// state and tags, and the snippet. Unseen items are bold with a dot.
type itemRow struct {
	widget.BaseWidget
	dot     *canvas.Circle
	icon    *widget.Icon
	author  *widget.Label
	when    *widget.RichText
	subject *widget.Label
	tags    *widget.RichText
	state   *badge
	vip     *badge
	vipBox  *fyne.Container // centres the badge; hidden with it, so no gap is left
	snippet *widget.RichText
}

func newItemRow() *itemRow {
	r := &itemRow{
		dot:     canvas.NewCircle(theme.Color(theme.ColorNamePrimary)),
		icon:    widget.NewIcon(nil),
		author:  truncLabel(),
		when:    newMuted(""),
		subject: truncLabel(),
		tags:    widget.NewRichText(&widget.TextSegment{Style: tagStyle()}),
		state:   newBadge(),
		vip:     newBadge(),
		snippet: newMutedTrunc(""),
	}
	r.vipBox = container.NewCenter(r.vip)
	r.ExtendBaseWidget(r)
	return r
}

func truncLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

func tagStyle() widget.RichTextStyle {
	return widget.RichTextStyle{ColorName: theme.ColorNamePrimary, Inline: true, SizeName: theme.SizeNameCaptionText}
}

func (r *itemRow) CreateRenderer() fyne.WidgetRenderer {
	mark := container.NewGridWrap(fyne.NewSize(8, 8), r.dot)
	left := container.NewVBox(container.NewHBox(container.NewCenter(mark), container.NewCenter(r.icon)))
	line1 := container.NewBorder(nil, nil, nil, container.NewHBox(r.vipBox, r.when), r.author)
	line2 := container.NewBorder(nil, nil, nil, container.NewHBox(container.NewCenter(r.tags), container.NewCenter(r.state)), r.subject)
	lines := container.New(tightRows{}, line1, line2, r.snippet)
	gutter := canvas.NewRectangle(color.Transparent)
	gutter.SetMinSize(fyne.NewSize(theme.Padding()*2, 0)) // keeps badges clear of the scroll bar
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, container.NewPadded(left), gutter, lines))
}

// set shows an item; now is the reference for the relative time.
func (r *itemRow) set(it core.Item, now time.Time) {
	unseen := !it.Seen && !it.Outgoing
	style := fyne.TextStyle{Bold: unseen}
	setLabel(r.author, authorLabel(it), style)
	setLabel(r.subject, subjectLabel(it), style)
	setSegment(r.when, core.Ago(now, it.CreatedAt))
	r.icon.SetResource(channelIcon(it.Kind))
	r.dot.Hidden = !unseen
	r.dot.FillColor = theme.Color(theme.ColorNamePrimary)
	r.dot.Refresh()
	r.state.set(stateBadge(it, now))
	r.vip.set(vipBadge(it))
	r.vipBox.Hidden = r.vip.Hidden
	setSegment(r.tags, tagsLabel(it.Tags))
	setSegment(r.snippet, it.Snippet)
}

// vipBadge marks an influential author (many followers on X).
func vipBadge(it core.Item) (string, fyne.ThemeColorName) {
	if it.VIP && !it.Outgoing {
		return "VIP", theme.ColorNameWarning
	}
	return "", theme.ColorNameWarning
}

func setLabel(l *widget.Label, text string, style fyne.TextStyle) {
	if l.Text == text && l.TextStyle == style {
		return
	}
	l.Text, l.TextStyle = text, style
	l.Refresh()
}

func authorLabel(it core.Item) string {
	if it.Outgoing {
		return "You"
	}
	if l := it.Author.Label(); l != "" {
		return l
	}
	return "Unknown sender"
}

func subjectLabel(it core.Item) string {
	if s := strings.TrimSpace(it.Subject); s != "" {
		return s
	}
	return kindLabel(it.Kind)
}

// kindLabel stands in for a subject where the channel has none.
func kindLabel(k core.ItemKind) string {
	switch k {
	case core.ItemVKPost:
		return "VK post"
	case core.ItemVKComment:
		return "VK comment"
	case core.ItemVKMessage:
		return "VK message"
	case core.ItemXMention:
		return "Mention on X"
	case core.ItemXReply:
		return "Reply on X"
	case core.ItemFeed:
		return "Feed entry"
	default:
		return "(no subject)"
	}
}

// tagsLabel renders tags as "#a #b +2".
func tagsLabel(tags []string) string {
	shown := tags
	if len(shown) > maxRowTags {
		shown = shown[:maxRowTags]
	}
	parts := make([]string, 0, len(shown)+1)
	for _, t := range shown {
		parts = append(parts, "#"+t)
	}
	if extra := len(tags) - len(shown); extra > 0 {
		parts = append(parts, "+"+strconv.Itoa(extra))
	}
	return strings.Join(parts, " ")
}
