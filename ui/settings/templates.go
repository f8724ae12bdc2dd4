package settings

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/settings"
	"github.com/hearthhq/hearth/ui/kit"
)

// templatesSection is the greeting of newcomers in each language and the
// saved replies of the composer, each with its language.
type templatesSection struct {
	s         *Screen
	greetings map[string]*field
	saveGreet *widget.Button
	greetRes  *status

	replies   []*replyRow
	replyBox  *fyne.Container
	saveReply *widget.Button
	replyRes  *status
	loaded    bool
}

// replyRow is one saved reply being edited.
type replyRow struct {
	name *kit.Entry
	lang *kit.Select
	text *field
	box  fyne.CanvasObject
}

// replyLangs are a saved reply's language choices, "" for any.
var replyLangs = []string{"", "en", "fr", "ru", "bg"}

func replyLangName(l string) string {
	if l == "" {
		return lang.L("Any language")
	}
	return languageNames[l]
}

func newTemplatesSection(s *Screen) *templatesSection {
	t := &templatesSection{s: s, greetings: map[string]*field{}, greetRes: newStatus(), replyRes: newStatus(), replyBox: container.NewVBox()}
	for _, l := range settings.GreetingLanguages {
		e := kit.NewMultiLineEntry()
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(3)
		t.greetings[l] = (&field{entry: e}).under(e)
	}
	return t
}

func (t *templatesSection) section() Section {
	vars := strings.Join(core.VariableNames(), " ")
	t.saveGreet = widget.NewButtonWithIcon(lang.L("Save greetings"), theme.DocumentSaveIcon(), t.saveGreetings)
	t.saveGreet.Importance = widget.HighImportance
	greet := widget.NewForm()
	for _, l := range settings.GreetingLanguages {
		greet.Append(languageNames[l], t.greetings[l].box)
	}
	parts := []fyne.CanvasObject{
		bold(lang.L("Greetings")),
		kit.NewMutedWrapped(lang.L("The welcome message offered for a newcomer, in their language (English for the others). Variables: {{.Vars}}", map[string]any{"Vars": vars}), fyne.TextAlignLeading),
		greet, saveRow(t.saveGreet, t.greetRes),
	}
	if t.s.b.Replies != nil {
		t.saveReply = widget.NewButtonWithIcon(lang.L("Save replies"), theme.DocumentSaveIcon(), t.saveReplies)
		t.saveReply.Importance = widget.HighImportance
		add := widget.NewButtonWithIcon(lang.L("Add a saved reply"), theme.ContentAddIcon(), func() { t.addReply(core.SavedReply{}) })
		parts = append(parts, widget.NewSeparator(), bold(lang.L("Saved replies")),
			kit.NewMutedWrapped(lang.L("Answers written once and inserted from the composer (Ctrl+Shift+S), those in the reader's language first. Variables: {{.Vars}}", map[string]any{"Vars": vars}), fyne.TextAlignLeading),
			t.replyBox, container.NewHBox(add), saveRow(t.saveReply, t.replyRes))
	}
	return Section{Title: lang.L("Templates"), About: lang.L("Greetings for newcomers and saved replies, in each language."),
		Content: container.NewVBox(parts...), Start: t.load}
}

func bold(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

type templates struct {
	greetings map[string]string
	replies   []core.SavedReply
}

func (t *templatesSection) load() {
	kit.Background(t.s.env, "read the templates", func(ctx context.Context) (templates, error) {
		g, err := t.s.b.Prefs.Greetings(ctx)
		if err != nil || t.s.b.Replies == nil {
			return templates{greetings: g}, err
		}
		r, err := t.s.b.Replies.SavedReplies(ctx)
		return templates{greetings: g, replies: r}, err
	}, func(v templates, err error) {
		if err != nil {
			t.greetRes.fail(lang.L("Could not read the settings: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
			return
		}
		for l, f := range t.greetings {
			f.entry.SetText(v.greetings[l])
		}
		for _, r := range v.replies {
			t.addReply(r)
		}
		t.loaded = true
	})
}

func (t *templatesSection) saveGreetings() {
	if !t.loaded {
		return
	}
	v := map[string]string{}
	ok := true
	for l, f := range t.greetings {
		v[l] = f.entry.Text
		switch u := core.UnknownVariable(f.entry.Text); {
		case strings.TrimSpace(f.entry.Text) == "":
			f.say(lang.L("A greeting cannot be empty."))
			ok = false
		case u != "":
			f.say(lang.L("{{.Var}} is not a variable Hearth knows.", map[string]any{"Var": u}))
			ok = false
		default:
			f.say("")
		}
	}
	if !ok {
		t.greetRes.fail(lang.L("Not saved: correct what is marked above."))
		return
	}
	t.saveGreet.Disable()
	t.greetRes.clear()
	kit.BackgroundErr(t.s.env, "save the greetings", func(ctx context.Context) error {
		return t.s.b.Prefs.SetGreetings(ctx, v)
	}, func(err error) {
		t.saveGreet.Enable()
		var ge *settings.GreetingError
		if errors.As(err, &ge) && t.greetings[ge.Lang] != nil {
			t.greetings[ge.Lang].say(kit.ErrorText(ge.Err))
		}
		if err != nil {
			t.greetRes.fail(lang.L("Not saved: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
			return
		}
		t.greetRes.ok(lang.L("Saved."))
	})
}

// addReply adds a row for a saved reply, at the end.
func (t *templatesSection) addReply(r core.SavedReply) {
	row := &replyRow{name: kit.NewEntry()}
	row.name.SetPlaceHolder(lang.L("Name"))
	row.name.SetText(r.Name)
	names := make([]string, len(replyLangs))
	for i, l := range replyLangs {
		names[i] = replyLangName(l)
	}
	row.lang = kit.NewSelect(names, nil)
	row.lang.SetSelectedIndex(index(replyLangs, r.Lang))
	text := kit.NewMultiLineEntry()
	text.Wrapping = fyne.TextWrapWord
	text.SetMinRowsVisible(2)
	text.SetText(r.Text)
	row.text = (&field{entry: text}).under(text)
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { t.removeReply(row) })
	remove.Importance = widget.LowImportance
	head := container.NewBorder(nil, nil, nil, container.NewHBox(row.lang, remove), row.name)
	row.box = container.NewVBox(head, row.text.box)
	t.replies = append(t.replies, row)
	t.replyBox.Add(row.box)
}

func (t *templatesSection) removeReply(row *replyRow) {
	for i, r := range t.replies {
		if r == row {
			t.replies = append(t.replies[:i], t.replies[i+1:]...)
			break
		}
	}
	t.replyBox.Remove(row.box)
}

// readReplies checks each reply, saying what is wrong under it.
func (t *templatesSection) readReplies() ([]core.SavedReply, bool) {
	list := make([]core.SavedReply, 0, len(t.replies))
	seen := map[[2]string]bool{}
	ok := true
	for _, row := range t.replies {
		r := core.SavedReply{Name: strings.TrimSpace(row.name.Text), Lang: replyLangs[max(row.lang.SelectedIndex(), 0)], Text: strings.TrimSpace(row.text.entry.Text)}
		k := [2]string{r.Lang, r.Name}
		switch u := core.UnknownVariable(r.Text); {
		case r.Name == "":
			row.text.say(lang.L("Give this reply a name."))
		case r.Text == "":
			row.text.say(lang.L("This reply has no text."))
		case u != "":
			row.text.say(lang.L("{{.Var}} is not a variable Hearth knows.", map[string]any{"Var": u}))
		case seen[k]:
			row.text.say(lang.L("Another reply in this language has this name."))
		default:
			row.text.say("")
			seen[k] = true
			list = append(list, r)
			continue
		}
		ok = false
	}
	return list, ok
}

func (t *templatesSection) saveReplies() {
	if !t.loaded {
		return
	}
	list, ok := t.readReplies()
	if !ok {
		t.replyRes.fail(lang.L("Not saved: correct what is marked above."))
		return
	}
	t.saveReply.Disable()
	t.replyRes.clear()
	kit.BackgroundErr(t.s.env, "save the saved replies", func(ctx context.Context) error {
		return t.s.b.Replies.SetSavedReplies(ctx, list)
	}, func(err error) {
		t.saveReply.Enable()
		if err != nil {
			t.replyRes.fail(lang.L("Not saved: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
			return
		}
		t.replyRes.ok(lang.L("Saved."))
	})
}
