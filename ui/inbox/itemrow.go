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
	snippet *kit.LineText
	line2   *fyne.Container // the subject and the badges (subjectLine)
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
		snippet: kit.NewMutedLine(""),
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
	r.line2 = container.New(subjectLine{subject: r.subject}, r.subject,
		r.toneBox, r.vipBox, container.NewCenter(r.tags), container.NewCenter(r.state))
	lines := container.New(kit.TightRows{}, line1, r.line2, r.snippet)
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
	r.tone.Set(kit.ToneBadge(it))
	tags := kit.TagsLabel(it.Tags)
	kit.SetSegment(r.tags, tags)
	r.tags.Hidden = tags == ""
	r.snippet.Set(it.Snippet)
	if r.line2 != nil { // the badges that fit beside this subject
		r.line2.Refresh()
	}
}

// subjectLine lays out a row's second line: the subject, and its badges
// at the right (the tone, VIP, the tags, the state, each in a box of its
// own). In a narrow list (a 1024 px window in French) the badges took the
// line and left the subject a word or two: now the subject keeps its
// whole width, or at least three fifths of the line, and the badges that
// do not fit beside it leave the line, the least telling first: the tags
// (the filter bar has them), then the state, VIP, the tone.
type subjectLine struct {
	subject *kit.WordLabel
}

// subjectShare is the part of the line a long subject keeps.
const subjectShare = 0.6

// badgeKeep lists the badge boxes (objects[1:]) from the most telling.
var badgeKeep = [...]int{0, 1, 3, 2}

func (l subjectLine) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	th := l.subject.Theme()
	gap := th.Size(theme.SizeNamePadding)
	text := th.Size(theme.SizeNameText)
	whole := fyne.MeasureText(l.subject.FullText(), text, l.subject.TextStyle).Width +
		2*th.Size(theme.SizeNameInnerPadding)
	room := min(whole, size.Width*subjectShare)
	boxes := make([]*fyne.Container, 0, len(objects)-1)
	for _, o := range objects[1:] {
		boxes = append(boxes, o.(*fyne.Container)) // each badge sits in a box of its own
	}
	used := float32(0)
	for _, i := range badgeKeep[:len(boxes)] {
		b := boxes[i]
		b.Hidden = !badgeWanted(b)
		if b.Hidden {
			continue
		}
		if w := b.MinSize().Width + gap; size.Width-used-w >= room {
			used += w
		} else {
			b.Hidden = true
		}
	}
	x := size.Width
	for i := len(boxes) - 1; i >= 0; i-- {
		b := boxes[i]
		if b.Hidden {
			continue
		}
		m := b.MinSize()
		x -= m.Width
		b.Resize(m)
		b.Move(fyne.NewPos(x, (size.Height-m.Height)/2))
		x -= gap
	}
	l.subject.Move(fyne.NewPos(0, 0))
	l.subject.Resize(fyne.NewSize(max(x+gap, 0), size.Height))
}

// MinSize asks only the subject's narrow minimum in width (badges leave
// rather than widen the list) and the tallest badge's height.
func (l subjectLine) MinSize(objects []fyne.CanvasObject) fyne.Size {
	m := objects[0].MinSize()
	for _, b := range objects[1:] {
		if badgeWanted(b) {
			m.Height = max(m.Height, b.MinSize().Height)
		}
	}
	return m
}

// badgeWanted says whether a badge's box has something to show: the
// box's own Hidden is the layout's, its content's the row's.
func badgeWanted(box fyne.CanvasObject) bool {
	c, ok := box.(*fyne.Container)
	if !ok || len(c.Objects) == 0 {
		return box.Visible()
	}
	return c.Objects[0].Visible()
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
