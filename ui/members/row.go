package members

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// memberRow is one line of the members table, one object per column.
type memberRow struct {
	widget.BaseWidget
	s         *Screen
	id        int64
	check     *widget.Check
	name      *kit.WordLabel  // cut after a whole word, whole on hover
	channels  [3]*widget.Icon // e-mail, VK, X
	tags      *kit.WordText
	activity  *widget.Label
	loyalty   *widget.Label
	quadrant  *kit.Badge
	cohort    *kit.WordText
	lastSeen  *kit.WordText
	followers *widget.Label
}

// rowChannels are the channels whose marks a row shows, in order.
var rowChannels = [3]core.IdentityKind{core.IdentityEmail, core.IdentityVK, core.IdentityX}

func newMemberRow(s *Screen) *memberRow {
	r := &memberRow{s: s, name: kit.NewWordLabel(), activity: widget.NewLabel(""), loyalty: widget.NewLabel(""),
		quadrant: kit.NewBadge(), cohort: kit.NewMutedWords(""), lastSeen: kit.NewMutedWords(""), followers: widget.NewLabel("")}
	r.check = widget.NewCheck("", r.checked)
	r.tags = kit.NewWordText("", kit.TagStyle()) // "#league…", not "#league #volu…"
	for i, k := range rowChannels {
		r.channels[i] = widget.NewIcon(kit.IdentityIcon(k))
	}
	r.ExtendBaseWidget(r)
	return r
}

func (r *memberRow) checked(on bool) {
	if r.id != 0 && r.s.checked[r.id] != on {
		r.s.setChecked(r.id, on)
	}
}

func (r *memberRow) CreateRenderer() fyne.WidgetRenderer {
	icons := container.NewHBox()
	for _, ic := range r.channels {
		icons.Add(container.NewGridWrap(fyne.NewSquareSize(theme.IconInlineSize()), ic))
	}
	name := container.NewBorder(nil, nil, nil, container.NewCenter(icons), r.name)
	return widget.NewSimpleRenderer(container.New(columns{r.s.colWidths, &r.s.sortCol},
		r.check, name, r.tagsBox(), r.activity, r.loyalty,
		container.NewHBox(container.NewCenter(r.quadrant)), r.cohort, r.lastSeen, r.followers))
}

// tagsBox lets the tags line fill its column and centre vertically.
func (r *memberRow) tagsBox() fyne.CanvasObject {
	return container.New(fillWidth{}, r.tags)
}

// set shows a member; cohort is theirs now, now the reference of "ago".
func (r *memberRow) set(m core.Member, cohort core.Cohort, checked bool, now time.Time) {
	r.id = 0 // no callback while the check is set to the stored state
	r.check.SetChecked(checked)
	r.id = m.ID
	r.name.Set(memberName(m), fyne.TextStyle{})
	for i, k := range rowChannels {
		r.channels[i].Hidden = !hasChannel(m, k)
	}
	r.tags.Set(kit.TagsLabel(m.Tags))
	r.activity.SetText(score(m.Activity))
	r.loyalty.SetText(loyaltyText(m))
	r.quadrant.Set(quadrantBadge(m.Quadrant))
	r.cohort.Set(cohortName(cohort))
	r.lastSeen.SetShort(kit.Ago(now, m.LastSeen), kit.AgoShort(now, m.LastSeen))
	r.followers.SetText(followers(m.Followers))
	r.Refresh()
}

func hasChannel(m core.Member, k core.IdentityKind) bool {
	for _, c := range m.Channels {
		if c == k {
			return true
		}
	}
	return false
}

// memberName is the name a member is shown by.
func memberName(m core.Member) string {
	if n := strings.TrimSpace(m.Name); n != "" {
		return n
	}
	return lang.L("Member {{.ID}}", map[string]any{"ID": m.ID})
}

// score renders a score with at most two decimals and no trailing zeros,
// in the person's language ("0.33", "0,33").
func score(f float64) string { return kit.Score(f, 2) }

// loyaltyText is a member's loyalty score, or "unknown" when nothing they
// wrote lately showed warmth or coldness: a 0 there would read as cold.
func loyaltyText(m core.Member) string {
	if !m.LoyaltyKnown {
		return lang.L("unknown")
	}
	return score(m.Loyalty)
}

// followers renders a follower count the way the channels do: 950,
// 12.4k, 1.2M (in the person's language); an unknown count is a dash.
func followers(n int) string { return kit.Compact(n) }

// fillWidth gives its objects the full width at their own height, centred
// vertically: a one-line text in a table cell.
type fillWidth struct{}

func (fillWidth) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return s
}

func (fillWidth) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, (size.Height-h)/2))
		o.Resize(fyne.NewSize(size.Width, h))
	}
}

// looseWidth reports only the height of what it holds as its minimum, so
// a row-wrapping container (whose minimum is the width it was last laid
// out at) lets the window shrink and wraps instead.
type looseWidth struct{}

// looseMinWidth is the narrowest a loose container claims to be.
const looseMinWidth = 120

func (looseWidth) MinSize(objects []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objects {
		if o.Visible() {
			h = max(h, o.MinSize().Height)
		}
	}
	return fyne.NewSize(looseMinWidth, h)
}

func (looseWidth) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// newWrapRow lays objects out in rows that wrap to the width given.
func newWrapRow(objects ...fyne.CanvasObject) *fyne.Container {
	return container.New(looseWidth{}, container.New(layout.NewRowWrapLayout(), objects...))
}
