package watches

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/accounts"
	"github.com/hearthhq/hearth/core/query"
	"github.com/hearthhq/hearth/core/views"
	"github.com/hearthhq/hearth/ui/kit"
)

// Screen lists the feed watches and the keyword watches.
type Screen struct {
	env *kit.Env
	b   Backend
	// ShowQuery opens the inbox on a query (the shell wires it); nil:
	// keyword watches offer no Show.
	ShowQuery func(q string)

	feeds, keywords []fyne.CanvasObject
	feedRows        *fyne.Container
	keywordRows     *fyne.Container
	name, words     *kit.Entry
	addErr          *widget.Label
	banner          *widget.Label
	loaded          bool
	reload          *kit.Refresher
	content         fyne.CanvasObject
}

// wordsExample is a watch's words as the placeholder shows them: query
// syntax, the same in every language.
const wordsExample = `hearth OR "hearth makers" OR хартх`

// listing is what one load reads.
type listing struct {
	feeds    []accounts.FeedWatch
	keywords []views.Count
}

// New builds the screen; Start loads it.
func New(env *kit.Env, b Backend) *Screen {
	s := &Screen{env: env, b: b, feedRows: container.NewVBox(), keywordRows: container.NewVBox()}
	s.reload = kit.NewRefresher(s.load)
	s.banner = kit.DangerLabel("")
	s.banner.Hide()
	s.name = kit.NewEntry()
	s.name.SetPlaceHolder(lang.L("Brand"))
	s.words = kit.NewEntry()
	s.words.SetPlaceHolder(wordsExample)
	s.words.OnSubmitted = func(string) { s.addKeyword() }
	s.addErr = kit.DangerLabel("")
	s.addErr.Hide()
	add := kit.PrimaryButton(lang.L("Watch"), theme.ContentAddIcon(), s.addKeyword)
	heading := func(text string) fyne.CanvasObject {
		l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.SizeName = theme.SizeNameSubHeadingText
		return l
	}
	form := container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(160, s.name.MinSize().Height), s.name), add, s.words)
	body := container.NewVBox(s.banner,
		heading(lang.L("Keyword watches")),
		kit.NewMutedWrapped(lang.L("New messages of every channel that match a watch are tagged watch:NAME as they arrive, in any of their word forms (встреча finds встречу, not встречный)."), fyne.TextAlignLeading),
		s.keywordRows, form, s.addErr,
		widget.NewSeparator(),
		heading(lang.L("Feed watches")),
		kit.NewMutedWrapped(lang.L("Feeds, forums and web alerts are accounts: add one from Accounts (Watch a feed)."), fyne.TextAlignLeading),
		s.feedRows)
	s.content = container.NewVScroll(container.NewPadded(body))
	return s
}

// Content is the screen's widget tree.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// Start loads the watches.
func (s *Screen) Start() { s.reload.Request() }

// Shown reloads: watches may have come from the command line.
func (s *Screen) Shown() { s.reload.Request() }

// Changed reloads on new messages (counts) and account changes (feeds).
func (s *Screen) Changed(c kit.Changes) {
	if c.Has(core.EventItems, core.EventStatus, core.EventAccount) {
		s.reload.Request()
	}
}

// Close has nothing to save.
func (s *Screen) Close() {}

func (s *Screen) load(done func()) {
	kit.Background(s.env, "load watches", func(ctx context.Context) (listing, error) {
		var l listing
		var err error
		if l.feeds, err = s.b.Feeds.FeedWatches(ctx); err != nil {
			return l, err
		}
		l.keywords, err = s.b.Keywords.Counts(ctx)
		return l, err
	}, func(l listing, err error) {
		defer done()
		s.showError(err)
		if err != nil {
			return
		}
		s.loaded = true
		s.showKeywords(l.keywords)
		s.showFeeds(l.feeds)
	})
}

func (s *Screen) showError(err error) {
	if err == nil {
		s.banner.Hide()
		return
	}
	s.banner.SetText(kit.ErrorText(err))
	s.banner.Show()
}

func (s *Screen) showKeywords(counts []views.Count) {
	var rows []fyne.CanvasObject
	for _, c := range counts {
		if c.View.Watch {
			rows = append(rows, s.keywordRow(c))
		}
	}
	if len(rows) == 0 {
		rows = append(rows, kit.NewMuted(lang.L("No keyword watches yet: name one and type its words below.")))
	}
	s.keywords = rows
	s.keywordRows.Objects = rows
	s.keywordRows.Refresh()
}

func (s *Screen) keywordRow(c views.Count) fyne.CanvasObject {
	name := widget.NewLabelWithStyle(c.View.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	what := lang.L("{{.Query}} · tagged {{.Tag}}", map[string]any{"Query": c.View.Query, "Tag": core.WatchTag(c.View.Name)})
	if c.Unread > 0 { // said in words: "Hearth (25)" read as the 28 conversations Show lists
		n := kit.Number(c.Unread)
		if c.More {
			n += "+"
		}
		what = lang.N("{{.Count}} unread", c.Unread, map[string]any{"Count": n}) + " · " + what // first: a long query is cut
	}
	q := kit.NewMutedTrunc(what)
	var buttons []fyne.CanvasObject
	if s.ShowQuery != nil {
		tag := core.WatchTag(c.View.Name)
		buttons = append(buttons, kit.FlatButton(lang.L("Show"), theme.SearchIcon(), func() { s.ShowQuery("tag:" + tag) }))
	}
	buttons = append(buttons, kit.FlatButton("", theme.DeleteIcon(), func() { s.confirmRemoveKeyword(c.View) }))
	return container.NewBorder(nil, nil, nil, container.NewHBox(buttons...), container.NewVBox(name, q))
}

func (s *Screen) showFeeds(feeds []accounts.FeedWatch) {
	var rows []fyne.CanvasObject
	for _, f := range feeds {
		rows = append(rows, s.feedRow(f))
	}
	if len(rows) == 0 {
		rows = append(rows, kit.NewMuted(lang.L("No feed watches yet.")))
	}
	s.feeds = rows
	s.feedRows.Objects = rows
	s.feedRows.Refresh()
}

func (s *Screen) feedRow(f accounts.FeedWatch) fyne.CanvasObject {
	name := widget.NewLabelWithStyle(f.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	status := widget.NewLabel(statusLine(f.Status, s.env.Now()))
	status.Wrapping = fyne.TextWrapWord
	if f.Status.State == core.SyncError {
		status.Importance = widget.DangerImportance
	}
	what := f.Settings.URL
	if len(f.Settings.Keywords) > 0 {
		what = lang.L("{{.Address}} · only {{.Words}}", map[string]any{"Address": what, "Words": strings.Join(f.Settings.Keywords, ", ")})
	}
	sync := kit.FlatButton(lang.L("Sync now"), theme.ViewRefreshIcon(), func() { s.syncNow(f.Account) })
	remove := kit.FlatButton("", theme.DeleteIcon(), func() { s.confirmRemoveFeed(f.Account) })
	return container.NewBorder(nil, nil, widget.NewIcon(kit.AccountIcon(core.KindFeed)), container.NewHBox(sync, remove),
		container.NewVBox(name, kit.NewMutedTrunc(what), status))
}

// statusLine is a feed's status as a sentence: "OK, synced 5 min ago",
// "Error: the feed answered 404 (check the address)". The remote's own
// words (the message, the action) stay as the feed's client wrote them.
func statusLine(st core.AccountStatus, now time.Time) string {
	var line string
	switch st.State {
	case core.SyncRunning:
		line = lang.L("Syncing")
		if st.Total > 0 {
			line = lang.L("Syncing {{.Done}}/{{.Total}}", map[string]any{"Done": st.Done, "Total": st.Total})
		}
	case core.SyncOK:
		line = lang.L("OK, synced {{.Ago}}", map[string]any{"Ago": kit.Ago(now, st.LastSync)})
	case core.SyncError:
		line = lang.L("Error: {{.Message}}", map[string]any{"Message": kit.StoredText(st.Message)})
		if st.Action != "" {
			line = lang.L("Error: {{.Message}} ({{.Action}})", map[string]any{"Message": kit.StoredText(st.Message), "Action": kit.StoredText(st.Action)})
		}
	default:
		line = lang.L("Not synced yet")
	}
	return kit.Sentence(kit.Capitalize(line))
}

func (s *Screen) addKeyword() {
	name, words := strings.TrimSpace(s.name.Text), strings.TrimSpace(s.words.Text)
	if name == "" && words != "" {
		name = firstWords(words)
	}
	kit.Background(s.env, "add keyword watch", func(ctx context.Context) (core.View, error) {
		return s.b.Keywords.Add(ctx, name, words, true)
	}, func(_ core.View, err error) {
		var pe *query.Error
		switch {
		case errors.As(err, &pe):
			s.addErr.SetText(lang.L("Column {{.Col}}: {{.Msg}}", map[string]any{"Col": pe.Col, "Msg": queryText(pe.Msg)}))
			s.addErr.Show()
		case err != nil:
			s.addErr.SetText(kit.Sentence(kit.ErrorText(err)))
			s.addErr.Show()
		default:
			s.addErr.Hide()
			s.name.SetText("")
			s.words.SetText("")
			s.reload.Request()
		}
	})
}

// queryMessages are core/query's fixed messages, translated by value (their
// keys are in rules.*.json); one that quotes what was typed stays English.
var queryMessages = []string{
	"'\"' without a closing '\"'", "')' without '('", "'(' without ')'", "AND needs a term on each side",
	"OR needs a term on each side", "'-' or NOT needs a term after it", "empty parentheses", "a term is missing here",
}

func queryText(s string) string {
	if slices.Contains(queryMessages, s) {
		return lang.L(s)
	}
	return s
}

// firstWords names a watch after its words when the person gave no name.
func firstWords(q string) string {
	f := strings.Fields(strings.NewReplacer(`"`, "", "(", "", ")", "").Replace(q))
	if len(f) > 3 {
		f = f[:3]
	}
	return strings.Join(f, " ")
}

func (s *Screen) syncNow(a core.Account) {
	kit.BackgroundErr(s.env, "sync feed", func(ctx context.Context) error { return s.b.Feeds.SyncNow(ctx, a.ID) },
		func(err error) {
			s.showError(err)
			s.reload.Request()
		})
}

func (s *Screen) confirmRemoveFeed(a core.Account) {
	msg := lang.L("Stop watching {{.Name}}? Its entries are removed from Hearth.", map[string]any{"Name": a.Name})
	s.confirm(lang.L("Remove feed watch"), msg, func(ctx context.Context) error { return s.b.Feeds.Remove(ctx, a.ID) })
}

func (s *Screen) confirmRemoveKeyword(v core.View) {
	msg := lang.L("Stop watching {{.Name}}? The messages it tagged keep their tag.", map[string]any{"Name": v.Name})
	s.confirm(lang.L("Remove keyword watch"), msg, func(ctx context.Context) error { return s.b.Keywords.Remove(ctx, v.Name) })
}

func (s *Screen) confirm(title, msg string, do func(ctx context.Context) error) {
	d := dialog.NewConfirm(title, msg, func(ok bool) {
		if !ok {
			return
		}
		kit.BackgroundErr(s.env, strings.ToLower(title), do, func(err error) {
			s.showError(err)
			s.reload.Request()
		})
	}, s.env.Win)
	d.SetConfirmText(lang.L("Remove"))
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}
