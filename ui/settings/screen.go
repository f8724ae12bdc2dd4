package settings

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/ui/kit"
)

// Section is one part of the settings screen: its title in the list on the
// left, a line under the title that says what it is for, and its widgets.
// A section saves its own values; it is shown in a scroll, so it may be
// tall.
type Section struct {
	Title   string
	About   string
	Content fyne.CanvasObject
	// Start loads the section's values; the screen calls it once, from its
	// own Start (or at once when the section is added later). Optional.
	Start func()
	// Shown reads the section's values again each time it comes to the
	// front, for a section another screen also changes. Optional.
	Shown func()
}

// Screen is the settings: a list of sections and the one shown.
type Screen struct {
	env *kit.Env
	b   Backend
	cb  Callbacks

	sections []Section
	list     *widget.List
	body     *fyne.Container
	shown    int
	started  bool
	content  fyne.CanvasObject

	appearance *appearance
	hours      *hoursSection
	scores     *scoresSection
	channels   *channelsSection
	templates  *templatesSection
	place      *placeSection
}

// New builds the screen and its built-in sections; Start loads them.
func New(env *kit.Env, b Backend, cb Callbacks) *Screen {
	s := &Screen{env: env, b: b, cb: cb, body: container.NewStack()}
	s.list = widget.NewList(func() int { return len(s.sections) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(s.sections[id].Title) })
	s.list.OnSelected = s.selected
	s.appearance = newAppearance(s)
	s.AddSection(s.appearance.section())
	s.addFeatureSections()
	s.place = newPlaceSection(s)
	s.AddSection(s.place.section())
	column := container.New(kit.FixedWidth{Width: sectionListWidth}, s.list)
	s.content = container.NewBorder(nil, nil, container.NewBorder(nil, nil, nil, widget.NewSeparator(), column), nil, s.body)
	s.list.Select(0)
	return s
}

// sectionListWidth is the width of the list of sections.
const sectionListWidth = 168

// AddSection adds a section at the end of the list. The shell calls it for
// the parts of the window that keep their settings elsewhere: the
// "Notifications" and "Tray" sections are added here, by ui, after New.
// UI goroutine only.
func (s *Screen) AddSection(sec Section) {
	s.sections = append(s.sections, sec)
	title := widget.NewLabelWithStyle(sec.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	parts := []fyne.CanvasObject{title}
	if sec.About != "" {
		about := widget.NewLabel(sec.About)
		about.Wrapping = fyne.TextWrapWord
		parts = append(parts, about)
	}
	parts = append(parts, widget.NewSeparator(), sec.Content)
	page := container.NewVScroll(container.NewPadded(container.New(kit.MaxWidth{Width: pageWidth}, container.NewVBox(parts...))))
	page.Hide()
	s.body.Add(page)
	s.list.Refresh()
	if s.started && sec.Start != nil {
		sec.Start()
	}
	if len(s.sections) == 1 {
		s.list.Select(0)
	}
}

// pageWidth keeps a section readable on a wide window.
const pageWidth = 720

// Show brings a section to the front by its title; false when there is
// none by that title.
func (s *Screen) Show(title string) bool {
	for i, sec := range s.sections {
		if sec.Title == title {
			s.list.Select(i)
			return true
		}
	}
	return false
}

func (s *Screen) selected(id widget.ListItemID) {
	s.shown = id
	if id >= 0 && id < len(s.sections) && s.started && s.sections[id].Shown != nil {
		s.sections[id].Shown()
	}
	for i, o := range s.body.Objects {
		if i == id {
			o.Show()
		} else {
			o.Hide()
		}
	}
	s.body.Refresh()
}

// Content is the screen's widget tree.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// Start loads every section's values.
func (s *Screen) Start() {
	s.started = true
	for _, sec := range s.sections {
		if sec.Start != nil {
			sec.Start()
		}
	}
}

// Shown reads again the section in front when it asks to (Section.Shown);
// the others keep what they loaded at Start.
func (s *Screen) Shown() {
	if s.shown >= 0 && s.shown < len(s.sections) && s.started && s.sections[s.shown].Shown != nil {
		s.sections[s.shown].Shown()
	}
}

// Changed does nothing: only this screen changes these settings.
func (s *Screen) Changed(kit.Changes) {}

// Close does nothing: every value is saved by its own button or at once.
func (s *Screen) Close() {}
