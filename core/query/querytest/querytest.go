// Package querytest holds the table that the in-memory matcher and the
// store's SQL compilation of the query language are both tested on.
package querytest

import (
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/query"
)

// Now is the clock the cases are parsed at.
var Now = time.Date(2026, 12, 5, 15, 30, 0, 0, time.UTC)

// Fixture is a small community, each item named by its key. The matcher
// and the store run the same Cases on it: they must agree.
func Fixture() map[string]query.Target {
	day := func(d int) time.Time { return time.Date(2026, 11, d, 12, 0, 0, 0, time.UTC) }
	return map[string]query.Target{
		"meet-ru": {Item: core.Item{Kind: core.ItemVKComment, Account: "Club VK", Subject: "", Text: "Когда следующая встреча клуба?",
			Author: core.Person{Name: "Анна Петрова", Address: "101"}, CreatedAt: day(1), State: core.StateNew}, Followers: 50,
			Tone: &core.Tone{Lang: "ru", Sentiment: 0.2}},
		"meet-ru2": {Item: core.Item{Kind: core.ItemVKPost, Account: "Club VK", Text: "Итоги встречи: спасибо всем! https://vk.com/club",
			Author: core.Person{Name: "Club", Address: "-1"}, CreatedAt: day(2), State: core.StateDone, Seen: true, Outgoing: true}, Followers: -1},
		"oncoming": {Item: core.Item{Kind: core.ItemVKComment, Account: "Club VK", Text: "Встречный вопрос: а где?",
			Author: core.Person{Name: "Борис", Address: "102"}, CreatedAt: day(3), State: core.StateOpen, Tags: []string{"question"}}, Followers: 5000,
			Tone: &core.Tone{Lang: "ru", Sentiment: -0.6, Abusive: true}},
		"bg": {Item: core.Item{Kind: core.ItemXMention, Account: "X main", Text: "Срещите на клуба са страхотни",
			Author: core.Person{Name: "Иван", Address: "ivan_bg"}, CreatedAt: day(4), State: core.StateNew, VIP: true}, Followers: 20000,
			Tone: &core.Tone{Lang: "bg", Sentiment: 0.8}},
		"mail-en": {Item: core.Item{Kind: core.ItemEmail, Account: "Support", Subject: "Annual meetups", Text: "The annual meetup is on Saturday. See www.example.org",
			Author: core.Person{Name: "Jo Smith", Address: "jo@example.org"}, CreatedAt: day(5), State: core.StateNew,
			Attachments: []core.Attachment{{Name: "plan.pdf"}}, Tags: []string{"urgent", "watch:club"}}, Followers: -1,
			Tone: &core.Tone{Lang: "en", Sentiment: 0}},
		"mail-fr": {Item: core.Item{Kind: core.ItemEmail, Account: "Support", Subject: "Réunion", Text: "Les réunions du club reprennent",
			Author: core.Person{Name: "Élodie", Address: "elodie@example.fr"}, CreatedAt: day(6), State: core.StateSpam, Seen: true}, Followers: -1,
			Tone: &core.Tone{Lang: "fr", Sentiment: -0.3}},
		"feed": {Item: core.Item{Kind: core.ItemFeed, Account: "Alerts", Subject: "Hearthstone news", Text: "Not about us, 2 words",
			Author: core.Person{Name: "Blog"}, CreatedAt: day(7), State: core.StateNew}, Followers: -1,
			Tone: &core.Tone{Lang: "de", Sentiment: 0}},
	}
}

// Cases are queries and the fixture items they match.
var Cases = []struct {
	Q    string
	Want []string
}{
	{"встреча", []string{"meet-ru", "meet-ru2"}},             // forms, not встречный
	{"Встречи", []string{"meet-ru", "meet-ru2"}},             //
	{"встреч*", []string{"meet-ru", "meet-ru2", "oncoming"}}, // a prefix finds встречный too
	{"среща", []string{"bg"}},                                // Bulgarian forms
	{"meetup", []string{"mail-en"}},                          // meetups, meetup
	{"réunion", []string{"mail-fr"}},                         // réunions, Réunion
	{"reunion", []string{"mail-fr"}},                         // diacritics folded
	{"hearth", nil},                                          // whole words only: not Hearthstone
	{"hearth*", []string{"feed"}},                            //
	{`"annual meetup"`, []string{"mail-en"}},                 // a phrase
	{`"annual meetups"`, []string{"mail-en"}},                // with forms
	{`"meetup annual"`, nil},                                 // in order
	{`"встреча клуба"`, []string{"meet-ru"}},                 //
	{"клуба -встреча", []string{"bg"}},
	{"club", []string{"mail-fr", "meet-ru2"}}, // vk.com/club and "du club"
	{"club OR клуба", []string{"mail-fr", "meet-ru2", "meet-ru", "bg"}},
	{"петрова", []string{"meet-ru"}}, // the author's name is searched
	{"channel:vk", []string{"meet-ru", "meet-ru2", "oncoming"}},
	{"channel:x", []string{"bg"}},
	{"channel:email", []string{"mail-en", "mail-fr"}},
	{"channel:feed", []string{"feed"}},
	{"account:support", []string{"mail-en", "mail-fr"}},
	{`account:"club vk"`, []string{"meet-ru", "meet-ru2", "oncoming"}},
	{"kind:vk_post", []string{"meet-ru2"}},
	{"from:анна", []string{"meet-ru"}},
	{"from:jo@example.org", []string{"mail-en"}},
	{"from:example.org", []string{"mail-en"}},
	{"from:elo*", []string{"mail-fr"}},
	{"from:club", []string{"meet-ru2"}}, // the author only, not the text
	{"tag:urgent", []string{"mail-en"}},
	{"tag:watch:club", []string{"mail-en"}},
	{"-tag:question channel:vk", []string{"meet-ru", "meet-ru2"}},
	{"is:unread", []string{"meet-ru", "oncoming", "bg", "mail-en", "feed"}},
	{"-is:unread", []string{"meet-ru2", "mail-fr"}},
	{`account:"club vk" -is:unread`, []string{"meet-ru2"}},
	{"is:vip", []string{"bg"}},
	{"is:mine", []string{"meet-ru2"}},
	{"is:abusive", []string{"oncoming"}},
	{"is:negative", []string{"oncoming", "mail-fr"}},
	{"is:positive", []string{"meet-ru", "bg"}},
	{"-is:negative channel:vk", []string{"meet-ru", "meet-ru2"}}, // no tone is not negative
	{"has:link", []string{"meet-ru2", "mail-en"}},
	{"has:attachment", []string{"mail-en"}},
	{"lang:ru", []string{"meet-ru", "oncoming"}},
	{"lang:other", []string{"feed"}},
	{"sentiment<-0.5", []string{"oncoming"}},
	{"sentiment>0.5", []string{"bg"}},
	{"followers>1000", []string{"oncoming", "bg"}},
	{"followers<100", []string{"meet-ru"}}, // unknown counts are not small
	{"after:2026-11-06", []string{"mail-fr", "feed"}},
	{"before:2026-11-02", []string{"meet-ru"}},
	{"after:2026-11-02 before:2026-11-04", []string{"meet-ru2", "oncoming"}},
	// Each item is at 12:00 UTC, 1 (a Sunday) to 7 November.
	{"hour:12 weekday:sun", []string{"meet-ru"}},
	{"hour:11", nil},
	{"weekday:wed OR weekday:saturday", []string{"bg", "feed"}},
	{"-weekday:sun hour:12 channel:email", []string{"mail-en", "mail-fr"}},
	{"state:done", []string{"meet-ru2"}},
	{"state:new -channel:x", []string{"meet-ru", "mail-en", "feed"}},
	{"(channel:vk OR channel:x) is:unread -is:abusive", []string{"meet-ru", "bg"}},
	{"встреча OR среща is:unread", []string{"meet-ru", "bg"}}, // (встреча OR среща) AND is:unread
	{"2", []string{"feed"}},
	{"!!!", nil},
}
