package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/hearthhq/hearth/ui/kit"
)

// navWidth is the width of the navigation column.
const navWidth = 176

// screen is one entry of the navigation and what it shows.
type screen struct {
	title   string
	icon    fyne.Resource
	content fyne.CanvasObject
	shown   func() // called each time the screen comes to the front; may be nil
}

// nav is the left-hand list of screens and the stack that shows one.
type nav struct {
	u       *UI
	screens []screen
	list    *widget.List
	stack   *fyne.Container
	current int
	content fyne.CanvasObject
}

func newNav(u *UI, screens []screen) *nav {
	n := &nav{u: u, screens: screens, stack: container.NewStack()}
	for _, s := range screens {
		n.stack.Add(s.content)
	}
	n.list = widget.NewList(n.length, n.createRow, n.updateRow)
	n.list.OnSelected = n.selected
	title := widget.NewLabelWithStyle("Hearth", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	header := container.NewVBox(container.NewPadded(title), widget.NewSeparator())
	column := container.New(kit.FixedWidth{Width: navWidth}, container.NewBorder(header, nil, nil, nil, n.list))
	n.content = container.NewBorder(nil, nil, nil, widget.NewSeparator(), column)
	n.list.Select(0)
	return n
}

func (n *nav) length() int { return len(n.screens) }

func (n *nav) createRow() fyne.CanvasObject {
	return container.NewHBox(widget.NewIcon(nil), widget.NewLabel(""), layout.NewSpacer())
}

func (n *nav) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	row := o.(*fyne.Container)
	row.Objects[0].(*widget.Icon).SetResource(n.screens[id].icon)
	row.Objects[1].(*widget.Label).SetText(n.screens[id].title)
}

// show brings a screen to the front by title; tests and shortcuts use it.
func (n *nav) show(title string) {
	for i, s := range n.screens {
		if s.title == title {
			n.list.Select(i)
			return
		}
	}
}

func (n *nav) selected(id widget.ListItemID) {
	n.current = id
	for i, o := range n.stack.Objects {
		if i == id {
			o.Show()
		} else {
			o.Hide()
		}
	}
	n.stack.Refresh()
	// The list took the keyboard focus with the tap; give it back to the
	// window so triage keys work on the screen now shown.
	if c := n.u.Win.Canvas(); c != nil {
		c.Unfocus()
	}
	if f := n.screens[id].shown; f != nil {
		f()
	}
}

// currentTitle is the title of the screen in front.
func (n *nav) currentTitle() string { return n.screens[n.current].title }
