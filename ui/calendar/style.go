package calendar

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/calendar"
	"github.com/hearthhq/hearth/ui/kit"
)

// pinSVG is Material Design's "place" icon (Apache 2.0): a meetup.
var pinSVG = []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">` +
	`<path fill="#000000" d="M12 2C8.13 2 5 5.13 5 9c0 5.25 7 13 7 13s7-7.75 7-13c0-3.87-3.13-7-7-7zm0 ` +
	`9.5c-1.38 0-2.5-1.12-2.5-2.5s1.12-2.5 2.5-2.5 2.5 1.12 2.5 2.5-1.12 2.5-2.5 2.5z"/></svg>`)

var pinIcon = theme.NewThemedResource(fyne.NewStaticResource("pin.svg", pinSVG))

// campaignColour tints campaign bands: a campaign is the quarter's joint
// project, so it wears that agenda's colour.
var campaignColour = calendar.AgendaColour(core.AgendaProject)

// agendaLabel names an agenda for people.
func agendaLabel(a core.Agenda) string {
	switch a {
	case core.AgendaProject:
		return lang.L("Joint project")
	case core.AgendaNews:
		return lang.L("Outside news")
	case core.AgendaLife:
		return lang.L("Community life")
	}
	return lang.L("No agenda")
}

// targetStateLabel names a channel's state for people.
func targetStateLabel(s core.TargetState) string {
	switch s {
	case core.TargetDraft:
		return lang.L("Draft")
	case core.TargetScheduled:
		return lang.L("Scheduled")
	case core.TargetPublishing:
		return lang.L("Publishing")
	case core.TargetPublished:
		return lang.L("Published")
	case core.TargetFailed:
		return lang.L("Failed")
	case core.TargetUnconfirmed:
		return lang.L("Unconfirmed")
	case core.TargetHeld:
		// An id: the dashboard's "Held" is members who kept their quadrant.
		return lang.X("post.held", "Held")
	}
	return string(s)
}

// targetStateColour is the badge colour of a state: failed is an error,
// unconfirmed and held wait for attention.
func targetStateColour(s core.TargetState) fyne.ThemeColorName {
	switch s {
	case core.TargetFailed:
		return theme.ColorNameError
	case core.TargetUnconfirmed, core.TargetHeld:
		return theme.ColorNameWarning
	case core.TargetPublished:
		return theme.ColorNameSuccess
	case core.TargetDraft:
		return theme.ColorNamePlaceHolder
	}
	return theme.ColorNamePrimary
}

// postColour is a post's colour on the calendar, made readable on the
// current theme: X's near-black turns light on a dark background, as
// X's own dark mode does.
func postColour(p core.Post, by calendar.ColourBy, v fyne.ThemeVariant) color.NRGBA {
	c := calendar.Colour(p, by)
	if v == theme.VariantDark && luminance(c) < 0.2 {
		return color.NRGBA{R: 0xe7, G: 0xe9, B: 0xea, A: 0xff}
	}
	return c
}

func luminance(c color.NRGBA) float64 {
	return (0.2126*float64(c.R) + 0.7152*float64(c.G) + 0.0722*float64(c.B)) / 255
}

// withAlpha is c at alpha a.
func withAlpha(c color.Color, a uint8) color.NRGBA {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: a}
}

// firstWords is the start of a text on one line, for a chip or a row.
func firstWords(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	return kit.ShortenWords(s, n) // after a whole word, with "…"
}

// postIcon is the mark of a post's first channel.
func postIcon(p core.Post) fyne.Resource {
	if len(p.Targets) == 0 {
		return theme.DocumentIcon()
	}
	return kit.AccountIcon(p.Targets[0].AccountKind)
}
