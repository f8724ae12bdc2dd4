package members

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// The greeting template a new workspace starts with, and where the
// person's own version is kept.
const (
	defaultGreeting = "Hi {name}, welcome to the community! Glad to have you here. " +
		"Tell us what brought you, and ask anything: we answer every message."
	greetingPref = "members.welcome_template"
)

// greeter is the welcome composer: the template with {name}, editable,
// sent by the member's channel through the backend (or copied, when it
// cannot send), then the member is marked greeted.
type greeter struct {
	r      *ritualList
	m      core.Member
	entry  *widget.Entry
	note   *widget.Label
	dialog *dialog.CustomDialog
}

func newGreeter(r *ritualList, m core.Member) *greeter {
	g := &greeter{r: r, m: m, entry: widget.NewMultiLineEntry(), note: widget.NewLabel("")}
	g.entry.Wrapping = fyne.TextWrapWord
	g.entry.SetMinRowsVisible(5)
	g.entry.SetText(greetingTemplate())
	g.note.Wrapping = fyne.TextWrapWord
	g.note.Importance = widget.DangerImportance
	g.note.Hide()
	return g
}

// greetingTemplate is the person's saved template, or the default.
func greetingTemplate() string {
	return fyne.CurrentApp().Preferences().StringWithFallback(greetingPref, defaultGreeting)
}

// writer is the backend's sender, nil when it has none.
func (g *greeter) writer() MemberWriter {
	return g.r.s.u.b.Writer
}

func (g *greeter) show() {
	verb := "Send and mark greeted"
	how := "Sent by their channel (" + channelNames(g.m.Channels) + "). {name} becomes their first name."
	if g.writer() == nil {
		verb = "Copy and mark greeted"
		how = "Copied for you to send by hand: this workspace cannot write to members yet. {name} becomes their first name."
	}
	body := container.NewVBox(kit.NewMutedWrapped(how, fyne.TextAlignLeading), g.entry, g.note)
	send := kit.PrimaryButton(verb, nil, g.send)
	cancel := widget.NewButton("Cancel", func() { g.dialog.Hide() })
	g.dialog = dialog.NewCustomWithoutButtons("Greet "+memberName(g.m), body, g.r.s.u.Win)
	g.dialog.SetButtons([]fyne.CanvasObject{cancel, send})
	g.dialog.Resize(fyne.NewSize(520, 0))
	g.dialog.Show()
	g.r.s.u.Win.Canvas().Focus(g.entry)
}

// send delivers the greeting, remembers the template, and marks the member
// greeted; on failure the dialog stays open with the reason.
func (g *greeter) send() {
	template := g.entry.Text
	text := expandGreeting(template, g.m)
	if strings.TrimSpace(text) == "" {
		return
	}
	fyne.CurrentApp().Preferences().SetString(greetingPref, template)
	w := g.writer()
	if w == nil {
		fyne.CurrentApp().Clipboard().SetContent(text)
	}
	id := g.m.ID
	kit.BackgroundErr(g.r.s.u.Env, "greet member", func(ctx context.Context) error {
		if w != nil {
			if err := w.WriteTo(ctx, id, text); err != nil {
				return err
			}
		}
		return g.r.s.u.b.Members.MarkDone(ctx, core.RitualWelcome, id)
	}, func(err error) {
		if err != nil {
			g.note.SetText("Could not greet " + memberName(g.m) + ": " + kit.ErrorText(err))
			g.note.Show()
			return
		}
		g.dialog.Hide()
		g.r.remove(id)
	})
}

// expandGreeting fills {name} with the member's first name.
func expandGreeting(template string, m core.Member) string {
	name := "there"
	if f := strings.Fields(m.Name); len(f) > 0 {
		name = f[0]
	}
	return strings.ReplaceAll(template, "{name}", name)
}

// channelNames says which channels a member can be reached on.
func channelNames(ks []core.IdentityKind) string {
	if len(ks) == 0 {
		return "none known"
	}
	names := make([]string, len(ks))
	for i, k := range ks {
		names[i] = identityKindLabel(k)
	}
	return strings.Join(names, ", ")
}

func identityKindLabel(k core.IdentityKind) string {
	switch k {
	case core.IdentityEmail:
		return "e-mail"
	case core.IdentityVK:
		return "VK"
	case core.IdentityX:
		return "X"
	case core.IdentityFeed:
		return "feed"
	default:
		return fmt.Sprint(k)
	}
}
