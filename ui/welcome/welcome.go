// Package welcome is the first thing a new workspace shows: what Hearth
// can do before there is anything to show, and one button for each way to
// begin (the demo, an account of each kind, a member list).
package welcome

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/ui/kit"
)

// Actions are the ways to begin; a nil one is not offered.
type Actions struct {
	// TryDemo opens the demo workspace (in a window of its own; this
	// workspace stays empty). It runs off the UI goroutine.
	TryDemo       func(ctx context.Context) error
	AddMail       func()
	AddVK         func()
	AddX          func()
	ImportMembers func()
	// Later puts the welcome away for now.
	Later func()
}

// Screen is the welcome page.
type Screen struct {
	env     *kit.Env
	a       Actions
	status  *widget.Label
	demo    *widget.Button
	content fyne.CanvasObject
}

// New builds the welcome page.
func New(e *kit.Env, a Actions) *Screen {
	s := &Screen{env: e, a: a, status: widget.NewLabel("")}
	s.status.Wrapping = fyne.TextWrapWord
	s.status.Hide()
	title := widget.NewLabelWithStyle(lang.L("Welcome to Hearth"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	intro := widget.NewLabel(lang.L("Hearth gathers what people write to your community by e-mail, on VK and on X into one inbox, plans your posts and keeps a file on every member. This workspace is empty: choose how to begin."))
	intro.Wrapping = fyne.TextWrapWord
	type choice struct {
		b   *widget.Button
		why string
	}
	var choices []choice
	if a.TryDemo != nil {
		s.demo = widget.NewButtonWithIcon(lang.L("Try the demo"), theme.MediaPlayIcon(), s.tryDemo)
		s.demo.Importance = widget.HighImportance
		choices = append(choices, choice{s.demo, lang.L("A made-up community with mail, VK and X conversations, posts and members, in a window of its own; nothing is sent anywhere.")})
	}
	for _, o := range []struct {
		act        func()
		icon       fyne.Resource
		label, why string
	}{
		{a.AddMail, theme.MailComposeIcon(), lang.L("Add an e-mail account"), lang.L("Your community's mailbox: Hearth reads it over IMAP and answers over SMTP.")},
		{a.AddVK, kit.VKIcon, lang.L("Add a VK community"), lang.L("Wall posts, comments and community messages, with a community token.")},
		{a.AddX, kit.XIcon, lang.L("Add an X account"), lang.L("Mentions, replies and direct messages, with your app's keys.")},
		{a.ImportMembers, kit.MembersIcon(), lang.L("Import members"), lang.L("A CSV or vCard file of the people you already know.")},
	} {
		if o.act != nil {
			choices = append(choices, choice{widget.NewButtonWithIcon(o.label, o.icon, o.act), o.why})
		}
	}
	// The buttons share one width: the longest label's in the language
	// ("Импортировать участников" is wider than 240).
	width := float32(240)
	for _, c := range choices {
		width = max(width, c.b.MinSize().Width)
	}
	rows := container.NewVBox()
	for _, c := range choices {
		rows.Add(option(c.b, c.why, width))
	}
	page := container.NewVBox(title, intro, widget.NewSeparator(), rows, s.status)
	if a.Later != nil {
		later := widget.NewButton(lang.L("Not now"), a.Later)
		later.Importance = widget.LowImportance
		page.Add(container.NewHBox(later))
	}
	s.content = container.NewVScroll(container.New(kit.CenteredColumn{Width: 620}, page))
	return s
}

// option is one way to begin: its button, and a line on what it brings.
func option(b *widget.Button, why string, width float32) fyne.CanvasObject {
	b.Alignment = widget.ButtonAlignLeading
	return container.NewBorder(nil, nil, container.NewVBox(container.New(kit.FixedWidth{Width: width}, b)), nil, kit.NewMutedWrapped(why, fyne.TextAlignLeading))
}

// Content is the page's widget tree.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

func (s *Screen) tryDemo() {
	s.demo.Disable()
	s.say(lang.L("Opening the demo…"), widget.MediumImportance)
	kit.BackgroundErr(s.env, "open the demo", s.a.TryDemo, func(err error) {
		s.demo.Enable()
		if err != nil {
			s.say(lang.L("The demo did not open: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}), widget.DangerImportance)
			return
		}
		s.say(lang.L("The demo opens in a window of its own. This workspace stays as it is, for your own accounts."), widget.SuccessImportance)
	})
}

func (s *Screen) say(text string, imp widget.Importance) {
	s.status.Importance = imp
	s.status.SetText(text)
	s.status.Show()
}
