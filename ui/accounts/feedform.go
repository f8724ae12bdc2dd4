package accounts

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// newFeedForm adds a feed watch: the feed's address and, optionally,
// keywords that an entry must mention to come in.
func newFeedForm(u *env, feeds FeedAccounts, onAdded func(core.Account), onClose func()) *channelForm {
	f := newChannelForm(u, "Watch a feed", onAdded, onClose)
	address, keywords := widget.NewEntry(), widget.NewEntry()
	f.name.SetPlaceHolder("Club forum")
	address.SetPlaceHolder("https://forum.example.org/rss")
	keywords.SetPlaceHolder("hearth makers, очаг")
	f.items = []*widget.FormItem{
		hinted(widget.NewFormItem("Feed address", address), "RSS, Atom or JSON Feed; a web alert's feed works too"),
		hinted(widget.NewFormItem("Keywords", keywords), "Comma-separated; only entries that mention one come in. Empty: every entry"),
	}
	f.clear = func() {
		address.SetText("")
		keywords.SetText("")
	}
	f.read = func() (channelCalls, error) {
		s := core.FeedSettings{URL: address.Text, Keywords: strings.Split(keywords.Text, ",")}.Normalized()
		if s.URL == "" {
			return channelCalls{}, errors.New("the feed address is missing")
		}
		if err := s.Validate(); err != nil {
			return channelCalls{}, err
		}
		return channelCalls{
			target: s.DefaultName(),
			test:   func(ctx context.Context) error { return feeds.TestFeed(ctx, s) },
			add: func(ctx context.Context, name string) (core.Account, error) {
				return feeds.AddFeed(ctx, name, s)
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
		return "Settings unreadable: " + kit.ErrorText(err)
	}
	if len(s.Keywords) == 0 {
		return s.URL + " · every entry"
	}
	return s.URL + " · keywords: " + strings.Join(s.Keywords, ", ")
}
