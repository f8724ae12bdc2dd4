package inbox

import (
	"image/color"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// itemRow is one line of the inbox list: channel, author, time, subject,
// state and tags, and the snippet. Unseen items are bold with a dot.
type itemRow struct {
	widget.BaseWidget
	dot     *canvas.Circle
	icon    *widget.Icon
	author  *kit.WordLabel // cut after a whole word, whole on hover
	when    *widget.RichText
	subject *kit.WordLabel
	tags    *widget.RichText
	state   *kit.Badge
	vip     *kit.Badge
	vipBox  *fyne.Container // centres the badge; hidden with it, so no gap is left
	tone    *kit.Badge      // abusive, negative or positive (kit.ToneBadge)
	toneBox *fyne.Container
	snippet *widget.RichText
}

func newItemRow() *itemRow {
	r := &itemRow{
		dot:     canvas.NewCircle(theme.Color(theme.ColorNamePrimary)),
		icon:    widget.NewIcon(nil),
		author:  kit.NewWordLabel(),
		when:    kit.NewMuted(""),
		subject: kit.NewSubjectLabel(),
		tags:    widget.NewRichText(&widget.TextSegment{Style: kit.TagStyle()}),
		state:   kit.NewBadge(),
		vip:     kit.NewBadge(),
		tone:    kit.NewBadge(),
		snippet: kit.NewMutedTrunc(""),
	}
	r.vipBox = container.NewCenter(r.vip)
	r.toneBox = container.NewCenter(r.tone)
	r.ExtendBaseWidget(r)
	return r
}

func (r *itemRow) CreateRenderer() fyne.WidgetRenderer {
	mark := container.NewGridWrap(fyne.NewSize(8, 8), r.dot)
	left := container.NewVBox(container.NewHBox(container.NewCenter(mark), container.NewCenter(r.icon)))
	// The badges sit on the subject's line: the author's line keeps its
	// width for a name of 20 characters in a 1024x700 window.
	line1 := container.NewBorder(nil, nil, nil, r.when, r.author)
	line2 := container.NewBorder(nil, nil, nil, container.NewHBox(r.toneBox, r.vipBox, container.NewCenter(r.tags), container.NewCenter(r.state)), r.subject)
	lines := container.New(kit.TightRows{}, line1, line2, r.snippet)
	gutter := canvas.NewRectangle(color.Transparent)
	gutter.SetMinSize(fyne.NewSize(theme.Padding()*2, 0)) // keeps badges clear of the scroll bar
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, container.NewPadded(left), gutter, lines))
}

// set shows an item; now is the reference for the relative time. A
// conversation picked for a bulk step shows a check instead of its channel.
func (r *itemRow) set(it core.Item, now time.Time, marked bool) {
	unseen := !it.Seen && !it.Outgoing
	style := fyne.TextStyle{Bold: unseen}
	r.author.Set(peopleLabel(it), style)
	r.subject.Set(subjectLabel(it), style)
	kit.SetSegment(r.when, kit.Ago(now, it.CreatedAt))
	if marked {
		r.icon.SetResource(theme.NewPrimaryThemedResource(theme.CheckButtonCheckedIcon()))
	} else {
		r.icon.SetResource(kit.ChannelIcon(it.Kind))
	}
	r.dot.Hidden = !unseen
	r.dot.FillColor = theme.Color(theme.ColorNamePrimary)
	r.dot.Refresh()
	r.state.Set(kit.StateBadge(it, now))
	r.vip.Set(vipBadge(it))
	r.vipBox.Hidden = r.vip.Hidden
	r.tone.Set(kit.ToneBadge(it))
	r.toneBox.Hidden = r.tone.Hidden
	kit.SetSegment(r.tags, kit.TagsLabel(it.Tags))
	kit.SetSegment(r.snippet, it.Snippet)
}

// vipBadge marks an influential author (many followers on X).
func vipBadge(it core.Item) (string, fyne.ThemeColorName) {
	if it.VIP && !it.Outgoing {
		return lang.L("VIP"), theme.ColorNameWarning
	}
	return "", theme.ColorNameWarning
}

// peopleLabel names who wrote in a conversation, Gmail-style: "Anna,
// Boris (3)"; a single message names its author.
func peopleLabel(it core.Item) string {
	if it.ThreadSize <= 1 || len(it.Participants) == 0 {
		return authorLabel(it)
	}
	return strings.Join(it.Participants, ", ") + " (" + strconv.Itoa(it.ThreadSize) + ")"
}

func authorLabel(it core.Item) string {
	if it.Outgoing {
		return lang.L("You")
	}
	if l := it.Author.Label(); l != "" {
		return l
	}
	return lang.L("Unknown sender")

}

func subjectLabel(it core.Item) string {
	if s := strings.TrimSpace(it.Subject); s != "" {
		return s
	}
	return kit.KindLabel(it.Kind)
}
