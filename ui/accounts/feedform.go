package accounts

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	coreaccounts "github.com/hearthhq/hearth/core/accounts"
	"github.com/hearthhq/hearth/ui/kit"
)

// newFeedForm adds a feed watch: the feed's address and, optionally,
// keywords that an entry must mention to come in.
func newFeedForm(u *env, feeds FeedAccounts, onAdded func(core.Account), onEdited func(coreaccounts.Edited), onClose func()) *channelForm {
	f := newChannelForm(u, lang.L("Watch a feed"), onAdded, onEdited, onClose)
	address, keywords := kit.NewEntry(), kit.NewEntry()
	f.name.SetPlaceHolder(lang.L("Club forum"))
	address.SetPlaceHolder("https://forum.example.org/rss")
	keywords.SetPlaceHolder(lang.L("hearth makers, очаг"))
	f.items = []*widget.FormItem{
		hinted(widget.NewFormItem(lang.L("Feed address"), address), lang.L("RSS, Atom or JSON Feed; a web alert's feed works too")),
		hinted(widget.NewFormItem(lang.L("Keywords"), keywords), lang.L("Comma-separated; only entries that mention one come in. Empty: every entry")),
	}
	f.clear = func() {
		address.SetText("")
		keywords.SetText("")
	}
	f.fill = func(a core.Account) {
		s, _ := core.ParseFeedSettings(a.Settings) // unreadable: fields to fill
		address.SetText(s.URL)
		keywords.SetText(strings.Join(s.Keywords, ", "))
	}
	f.read = func() (channelCalls, error) {
		var s core.FeedSettings
		if f.editing.ID != 0 {
			_ = json.Unmarshal(f.editing.Settings, &s) // keeps the polling interval
		}
		s.URL, s.Keywords = address.Text, strings.Split(keywords.Text, ",")
		s = s.Normalized()
		if s.URL == "" {
			return channelCalls{}, errors.New(lang.L("the feed address is missing"))
		}
		if err := s.Validate(); err != nil {
			return channelCalls{}, err
		}
		test := func(ctx context.Context) error { return feeds.TestFeed(ctx, s) }
		return channelCalls{
			target: s.DefaultName(),
			key:    fingerprint(s),
			test:   test,
			add: func(ctx context.Context, name string) (core.Account, error) {
				return feeds.AddFeed(ctx, name, s)
			},
			testEdit: func(ctx context.Context, _ int64) error { return test(ctx) },
			update: func(ctx context.Context, id int64, name string) (coreaccounts.Edited, error) {
				return feeds.UpdateFeed(ctx, id, name, s)
			},
		}, nil
	}
	return f.build()
}

// watchLine shows what a feed watch reads: its address and keywords; ""
// for other accounts.
func watchLine(a core.Account) string {
	if a.Kind != core.KindFeed {
		return ""
	}
	s, err := core.ParseFeedSettings(a.Settings)
	if err != nil {
		return lang.L("Settings unreadable: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)})
	}
	if len(s.Keywords) == 0 {
		return s.URL + " · " + lang.L("every entry")
	}
	return s.URL + " · " + lang.L("keywords: {{.Keywords}}", map[string]any{"Keywords": strings.Join(s.Keywords, ", ")})
}
