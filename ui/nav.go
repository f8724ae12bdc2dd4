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

// entry is one line of the navigation and the screen it shows.
type entry struct {
	title  string
	icon   fyne.Resource
	screen kit.Screen
	count  int // shown beside the title when not zero (unread conversations)
}

// nav is the left-hand list of screens and the stack that shows one.
type nav struct {
	u       *UI
	screens []entry
	list    *widget.List
	stack   *fyne.Container
	front   int
	content fyne.CanvasObject
}

func newNav(u *UI) *nav { return &nav{u: u, stack: container.NewStack()} }

// add appends a screen to the navigation; build finishes it.
func (n *nav) add(title string, icon fyne.Resource, s kit.Screen) {
	n.screens = append(n.screens, entry{title: title, icon: icon, screen: s})
	n.stack.Add(s.Content())
}

// build makes the list and shows the first screen.
func (n *nav) build() {
	n.list = widget.NewList(n.length, n.createRow, n.updateRow)
	n.list.OnSelected = n.selected
	title := widget.NewLabelWithStyle("Hearth", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	header := container.NewVBox(container.NewPadded(title), widget.NewSeparator())
	column := container.New(kit.FixedWidth{Width: navWidth}, container.NewBorder(header, nil, nil, nil, n.list))
	n.content = container.NewBorder(nil, nil, nil, widget.NewSeparator(), column)
	n.list.Select(0)
}

func (n *nav) length() int { return len(n.screens) }

func (n *nav) createRow() fyne.CanvasObject {
	badge := kit.NewBadge()
	badge.Hide() // most screens have no number
	return container.NewHBox(widget.NewIcon(nil), widget.NewLabel(""), layout.NewSpacer(), container.NewCenter(badge))
}

func (n *nav) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	row := o.(*fyne.Container)
	e := n.screens[id]
	row.Objects[0].(*widget.Icon).SetResource(e.icon)
	row.Objects[1].(*widget.Label).SetText(e.title)
	badge := row.Objects[3].(*fyne.Container).Objects[0].(*kit.Badge)
	text := ""
	if e.count > 0 {
		text = kit.Number(e.count)
	}
	badge.Set(text, theme.ColorNamePrimary)
}

// setCount shows a number beside a screen's title (0: none).
func (n *nav) setCount(s kit.Screen, count int) {
	for i := range n.screens {
		if n.screens[i].screen == s && n.screens[i].count != count {
			n.screens[i].count = count
			if n.list != nil {
				n.list.RefreshItem(i)
			}
		}
	}
}

// show brings a screen to the front.
func (n *nav) show(s kit.Screen) {
	for i, e := range n.screens {
		if e.screen == s {
			n.list.Select(i)
			return
		}
	}
}

// current is the screen in front (itself, not its lazy entry); nil while
// the navigation is being built.
func (n *nav) current() kit.Screen {
	if n.front >= len(n.screens) {
		return nil
	}
	return unwrap(n.screens[n.front].screen)
}

func (n *nav) selected(id widget.ListItemID) {
	n.front = id
	if n.u.first != nil {
		n.u.first.hide() // the person chose a screen over the welcome page
	}
	for i, o := range n.stack.Objects {
		if i == id {
			o.Show()
		} else {
			o.Hide()
		}
	}
	// Only the screen coming to the front is refreshed: the stack's Refresh
	// refreshed every screen built so far, hidden ones too, at each click.
	n.stack.Objects[id].Refresh()
	// The list took the keyboard focus with the tap; give it back to the
	// window so triage keys work on the screen now shown.
	if c := n.u.Win.Canvas(); c != nil {
		c.Unfocus()
	}
	n.screens[id].screen.Shown()
}
