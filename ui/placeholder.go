package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/hearthhq/hearth/ui/kit"
)

// What the screens not built yet say: plainly what will live there.
const (
	calendarNotBuilt  = "The calendar is not built yet: planned posts, drafts and the publishing outbox will live here."
	membersNotBuilt   = "Member files are not built yet: one file per person, with every identity, message and reply, will live here."
	dashboardNotBuilt = "The dashboard is not built yet: growth, activity, response time and sentiment reports will live here."
)

func calendarPlaceholder() fyne.CanvasObject {
	return newPlaceholder(kit.CalendarIcon(), "Calendar", calendarNotBuilt)
}

func membersPlaceholder() fyne.CanvasObject {
	return newPlaceholder(kit.MembersIcon(), "Members", membersNotBuilt)
}

func dashboardPlaceholder() fyne.CanvasObject {
	return newPlaceholder(kit.DashboardIcon(), "Dashboard", dashboardNotBuilt)
}

// newPlaceholder is a calm, centred note for a screen that does not exist
// yet: an icon, a title and one honest sentence.
func newPlaceholder(icon fyne.Resource, title, text string) fyne.CanvasObject {
	img := widget.NewIcon(icon)
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameHeadingText
	body := widget.NewLabel(text)
	body.Alignment = fyne.TextAlignCenter
	body.Wrapping = fyne.TextWrapWord
	column := container.NewVBox(
		container.NewCenter(container.NewGridWrap(fyne.NewSize(64, 64), img)),
		heading,
		body,
	)
	return container.New(kit.CenteredColumn{Width: 460}, column)
}
