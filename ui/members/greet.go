package members

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/ui/kit"
)

// The greeting and check-in templates a new workspace starts with, and
// where the person's own versions are kept.
const (
	defaultGreeting = "Hi {first_name}, welcome to the community! Glad to have you here. " +
		"Tell us what brought you, and ask anything: we answer every message."
	greetingPref   = "members.welcome_template"
	defaultCheckIn = "Hi {first_name}, we have not heard from you in a while and wondered how you are. " +
		"Is there anything we could do better for you in the community?"
	checkInPref = "members.checkin_template"
)

// ritualWords are what the composer says for one ritual: a greeting or a
// check-in goes the same way (privately, said where and to whom), with its
// own template and verbs.
type ritualWords struct {
	ritual                   core.Ritual
	pref, fallback           string
	title                    func(name string) string
	private, public, copyOut string // the send button for each route
	failed                   func(name, err string) string
}

func greetingWords() ritualWords {
	return ritualWords{ritual: core.RitualWelcome, pref: greetingPref, fallback: defaultGreeting,
		title:   func(name string) string { return lang.L("Greet {{.Name}}", map[string]any{"Name": name}) },
		private: lang.L("Send privately and mark greeted"), public: lang.L("Post publicly and mark greeted"),
		copyOut: lang.L("Copy and mark greeted"),
		failed: func(name, err string) string {
			return lang.L("Could not greet {{.Name}}: {{.Error}}", map[string]any{"Name": name, "Error": err})
		}}
}

func checkInWords() ritualWords {
	return ritualWords{ritual: core.RitualCheckIn, pref: checkInPref, fallback: defaultCheckIn,
		title:   func(name string) string { return lang.L("Write to {{.Name}}", map[string]any{"Name": name}) },
		private: lang.L("Send privately and mark written"), public: lang.L("Post publicly and mark written"),
		copyOut: lang.L("Copy and mark written"),
		failed: func(name, err string) string {
			return lang.L("Could not write to {{.Name}}: {{.Error}}", map[string]any{"Name": name, "Error": err})
		}}
}

// greeter is the welcome or check-in composer: the template with {name},
// editable, sent privately through the backend (or copied), then the
// member is marked greeted (or written to). It says before sending where
// the text goes and to whom; with no private channel it copies the text unless the person
// chooses, explicitly, to post it in public.
type greeter struct {
	r      *ritualList
	words  ritualWords
	m      core.Member
	entry  *kit.Entry
	how    *widget.Label
	choice *widget.RadioGroup
	note   *widget.Label
	send   *widget.Button
	dialog *dialog.CustomDialog
	route  members.Route
	routed bool // the route is known (false: copy only)
}

// The choices when a member has no private channel.
const (
	choiceCopy   = "Copy the text, to send it yourself"
	choicePublic = "Post it publicly"
)

func newGreeter(r *ritualList, m core.Member, words ritualWords) *greeter {
	g := &greeter{r: r, m: m, words: words, entry: kit.NewMultiLineEntry(), note: widget.NewLabel(""),
		how: widget.NewLabel("")}
	g.entry.Wrapping = fyne.TextWrapWord
	g.entry.SetMinRowsVisible(5)
	g.entry.SetText(fyne.CurrentApp().Preferences().StringWithFallback(words.pref, words.fallback))
	g.how.Wrapping = fyne.TextWrapWord
	g.note.Wrapping = fyne.TextWrapWord
	g.note.Importance = widget.DangerImportance
	g.note.Hide()
	g.choice = widget.NewRadioGroup([]string{lang.L(choiceCopy), lang.L(choicePublic)}, func(string) { g.updateVerb() })
	g.choice.Required = true
	g.choice.Hide()
	return g
}

// greetingTemplate is the person's saved greeting, or the default.
func greetingTemplate() string {
	return fyne.CurrentApp().Preferences().StringWithFallback(greetingPref, defaultGreeting)
}

// writer is the backend's sender, nil when it has none.
func (g *greeter) writer() MemberWriter {
	return g.r.s.u.b.Writer
}

func (g *greeter) show() {
	body := container.NewVBox(g.how, g.choice, g.entry, g.note)
	g.send = kit.PrimaryButton(g.words.copyOut, nil, g.sendGreeting)
	cancel := widget.NewButton(lang.L("Cancel"), func() { g.dialog.Hide() })
	g.dialog = dialog.NewCustomWithoutButtons(g.words.title(memberName(g.m)), body, g.r.s.u.Win)
	g.dialog.SetButtons([]fyne.CanvasObject{cancel, g.send})
	g.dialog.Resize(fyne.NewSize(520, 0))
	if w := g.writer(); w == nil {
		g.how.SetText(lang.L("Copied for you to send by hand: this workspace cannot write to members yet.") + " " + nameHint())
	} else {
		g.how.SetText(lang.L("Looking for a private way to reach {{.Name}}…", map[string]any{"Name": memberName(g.m)}))
		g.send.Disable()
		g.findRoute(w)
	}
	g.dialog.Show()
	g.r.s.u.Win.Canvas().Focus(g.entry)
	g.loadTemplate()
}

// loadTemplate puts the greeting of the member's language from Settings in
// the text box (English when Settings keeps none in it), unless the person
// has started to edit the text.
func (g *greeter) loadTemplate() {
	gs := g.r.s.u.b.Greetings
	if gs == nil || g.words.ritual != core.RitualWelcome { // Settings keeps greetings only
		return
	}
	before, language := g.entry.Text, g.m.Language
	kit.Background(g.r.s.u.Env, "read the greeting templates", func(ctx context.Context) (string, error) {
		all, err := gs.Greetings(ctx)
		return greetingFor(all, language), err
	}, func(t string, err error) {
		if err == nil && t != "" && g.entry.Text == before {
			g.entry.SetText(t)
		}
	})
}

// greetingFor picks the template of a language ("ru", "ru-RU", "ru_RU"),
// English when there is none in it.
func greetingFor(all map[string]string, language string) string {
	code := strings.ToLower(language)
	if i := strings.IndexAny(code, "-_"); i > 0 {
		code = code[:i]
	}
	if t := strings.TrimSpace(all[code]); t != "" {
		return all[code]
	}
	return all["en"]
}

// findRoute asks the backend where a greeting would go and says it.
func (g *greeter) findRoute(w MemberWriter) {
	id := g.m.ID
	kit.Background(g.r.s.u.Env, "find how to reach a member", func(ctx context.Context) (members.Route, error) {
		return w.Route(ctx, id)
	}, func(rt members.Route, err error) {
		g.send.Enable()
		if err != nil {
			g.how.SetText(lang.L("Could not find how to reach {{.Name}} ({{.Error}}): the text will be copied for you to send by hand.",
				map[string]any{"Name": memberName(g.m), "Error": kit.ErrorText(err)}))
			return
		}
		g.route, g.routed = rt, true
		if rt.Private {
			g.how.SetText(privateRouteLine(rt) + " " + nameHint())
			g.updateVerb()
			return
		}
		g.how.SetText(routeWhy(rt) + " " + nameHint())
		public := lang.L(choicePublic)
		if rt.PublicItemID != 0 {
			public = lang.L("Post it publicly, as {{.Where}}: everyone can read it", map[string]any{"Where": kit.Say(rt.Where)})
		}
		g.choice.Options = []string{lang.L(choiceCopy), public}
		g.choice.SetSelected(lang.L(choiceCopy)) // public only by the person's choice
		if rt.PublicItemID == 0 {
			g.choice.Disable()
		}
		g.choice.Show()
		g.updateVerb()
	})
}

// routeWhy says in sentences why there is no private route.
func routeWhy(rt members.Route) string {
	s := make([]string, len(rt.Whys))
	for i, w := range rt.Whys {
		s[i] = kit.SaySentence(w)
	}
	return strings.Join(s, " ")
}

// privateRouteLine says where a private greeting goes and to whom.
func privateRouteLine(rt members.Route) string {
	data := map[string]any{"Channel": routeChannel(rt.Channel), "To": rt.To}
	if rt.Start {
		return lang.L("Sent privately by {{.Channel}} to {{.To}}: a new private conversation, which they allow; nothing is posted in public.", data)
	}
	return lang.L("Sent privately by {{.Channel}} to {{.To}}, as an answer to their latest private message.", data)
}

// routeChannel names a Route's channel (core/members says it in English)
// as it follows "by" in the route's sentence.
func routeChannel(ch string) string {
	switch ch {
	case "e-mail":
		return lang.X("route.email", "e-mail")
	case "VK community message":
		return lang.X("route.vk", "VK community message")
	case "X direct message":
		return lang.X("route.x", "X direct message")
	}
	return ch
}

// public says whether the person chose to post the greeting in public.
func (g *greeter) public() bool {
	return g.routed && !g.route.Private && g.route.PublicItemID != 0 && g.choice.Selected != "" && g.choice.Selected != lang.L(choiceCopy)
}

// sends says whether the greeting is sent by the app (not copied).
func (g *greeter) sends() bool {
	return g.routed && (g.route.Private || g.public())
}

func (g *greeter) updateVerb() {
	switch {
	case g.routed && g.route.Private:
		g.send.SetText(g.words.private)
	case g.public():
		g.send.SetText(g.words.public)
	default:
		g.send.SetText(g.words.copyOut)
	}
}

// sendGreeting delivers the greeting by the route shown (or copies it),
// remembers the template, and marks the member greeted; on failure the
// dialog stays open with the reason.
func (g *greeter) sendGreeting() {
	template := g.entry.Text
	text := expandGreeting(template, g.m)
	if strings.TrimSpace(text) == "" {
		return
	}
	if g.words.ritual != core.RitualWelcome || g.r.s.u.b.Greetings == nil { // else Settings keeps the templates
		fyne.CurrentApp().Preferences().SetString(g.words.pref, template)
	}
	w, send, public := g.writer(), g.sends(), g.public()
	if !send {
		fyne.CurrentApp().Clipboard().SetContent(text)
	}
	id := g.m.ID
	kit.BackgroundErr(g.r.s.u.Env, "greet member", func(ctx context.Context) error {
		if send {
			if err := w.WriteTo(ctx, id, text, public); err != nil {
				return err
			}
		}
		return g.r.s.u.b.Members.MarkDone(ctx, g.words.ritual, id)
	}, func(err error) {
		if err != nil {
			g.note.SetText(g.words.failed(memberName(g.m), kit.ErrorText(err)))
			g.note.Show()
			return
		}
		g.dialog.Hide()
		g.r.remove(id)
	})
}

// nameHint says what the variables of a greeting become.
func nameHint() string {
	return lang.L("{first_name} becomes their first name, {name} their whole name.")
}

// expandGreeting fills a template's variables for the member, as Settings
// and saved replies do (core.Fill).
func expandGreeting(template string, m core.Member) string {
	return core.Fill(template, core.Person{Name: m.Name})
}

// channelNames says which channels a member can be reached on.
func channelNames(ks []core.IdentityKind) string {
	if len(ks) == 0 {
		return lang.L("none known")
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
		return lang.L("e-mail")
	case core.IdentityVK:
		return "VK"
	case core.IdentityX:
		return "X"
	case core.IdentityFeed:
		return lang.L("feed")
	default:
		return fmt.Sprint(k)
	}
}
