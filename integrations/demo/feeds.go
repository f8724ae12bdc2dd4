package demo

import (
	"fmt"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/integrations/feeds/feedpeer"
)

// FeedPeer is the demo's loopback web server with the feeds the community
// watches: a Russian forum in windows-1251, an English blog (watched for
// the club's name only) and web alerts in French, English and Russian.
type FeedPeer struct {
	srv *feedpeer.Server
}

// FeedWatch is one of the demo's feed watches.
type FeedWatch struct {
	Name     string
	Settings core.FeedSettings
}

// Paths of the demo feeds on the peer.
const (
	forumPath  = "/forum/rss.php"
	blogPath   = "/tabletop-notes/atom.xml"
	alertsPath = "/alerts/feeds/hearth-makers"
)

// StartFeeds starts the feed peer with entries dated shortly before now.
func StartFeeds(now time.Time) (*FeedPeer, error) {
	srv, err := feedpeer.Start(feedpeer.Options{})
	if err != nil {
		return nil, fmt.Errorf("feed peer: %w", err)
	}
	forum, err := feedpeer.RSSIn(demoForum(now), "windows-1251")
	if err != nil {
		srv.Close()
		return nil, err
	}
	srv.Serve(forumPath, feedpeer.Doc{ContentType: "application/rss+xml", Body: forum})
	srv.Serve(blogPath, feedpeer.Doc{ContentType: "application/atom+xml", Body: feedpeer.Atom(demoBlog(now))})
	srv.Serve(alertsPath, feedpeer.Doc{ContentType: "application/atom+xml; charset=utf-8",
		Body: feedpeer.Alerts("hearth makers", demoAlerts(now))})
	return &FeedPeer{srv: srv}, nil
}

// Watches are the demo's feed watches on this peer.
func (p *FeedPeer) Watches() []FeedWatch {
	return []FeedWatch{
		{"Форум «Очаг» (demo)", core.FeedSettings{URL: p.srv.URL(forumPath), PollSeconds: 300}},
		{"Tabletop Notes (demo)", core.FeedSettings{URL: p.srv.URL(blogPath), Keywords: []string{"Hearth Makers"}, PollSeconds: 300}},
		{"Web alerts: Hearth Makers (demo)", core.FeedSettings{URL: p.srv.URL(alertsPath), PollSeconds: 300}},
	}
}

// Server is the peer, for tests that act on it.
func (p *FeedPeer) Server() *feedpeer.Server { return p.srv }

// Close stops the peer.
func (p *FeedPeer) Close() error { return p.srv.Close() }

func demoForum(now time.Time) feedpeer.Feed {
	const site = "http://forum.ochag.example.ru/t/"
	return feedpeer.Feed{Title: "Форум клуба «Очаг»", Link: "http://forum.ochag.example.ru/", Entries: []feedpeer.Entry{
		{ID: site + "812", Link: site + "812", Author: "Нина", Published: now.Add(-3 * time.Hour),
			Title:   "Встреча клуба в субботу: кто идёт?",
			Summary: "Собираемся в субботу в 15:00 в мастерской Hearth Makers. Берём «Очаг» и новые карты.<br>Ответьте, если придёте!"},
		{ID: site + "809", Link: site + "809", Author: "Костя", Published: now.Add(-26 * time.Hour),
			Title:   "Лазерный резак снова не режет фанеру",
			Summary: "После чистки линзы мощность упала вдвое. Кто-нибудь знает, где взять новую линзу?"},
		{ID: site + "807", Link: site + "807", Author: "Ольга", Published: now.Add(-50 * time.Hour),
			Title:   "Ошибка в переводе правил",
			Summary: "В разделе 4 &laquo;ход&raquo; переведён неверно, из-за этого спорим каждую партию."},
		{ID: site + "801", Link: site + "801", Author: "Денис", Published: now.Add(-6 * 24 * time.Hour),
			Title:   "Спасибо за вечер настолок!",
			Summary: "Было очень уютно, приду ещё. <b>Отдельное спасибо</b> ведущим."},
	}}
}

func demoBlog(now time.Time) feedpeer.Feed {
	const site = "https://tabletop-notes.example.org/2026/"
	return feedpeer.Feed{Title: "Tabletop Notes", Link: "https://tabletop-notes.example.org/", Entries: []feedpeer.Entry{
		{ID: site + "maker-spaces", Link: site + "maker-spaces", Author: "Maya Okafor", Published: now.Add(-5 * time.Hour),
			Title:   "Maker spaces that play: a visit to Hearth Makers",
			Summary: `<p>The <strong>Hearth Makers</strong> print their own game pieces and host a games night every Friday. <a href="https://tabletop-notes.example.org/2026/maker-spaces#photos">Photos</a>.</p>`},
		{ID: site + "rainy-sunday", Link: site + "rainy-sunday", Author: "Sam Reyes", Published: now.Add(-30 * time.Hour),
			Title: "Five games for a rainy Sunday", Summary: "<p>Quick picks, none longer than an hour.</p>"},
		{ID: site + "printing-tokens", Link: site + "printing-tokens", Author: "Maya Okafor", Published: now.Add(-4 * 24 * time.Hour),
			Title:   "3D-printed tokens: what went wrong",
			Summary: "<p>Our tokens warped. The folks at Hearth Makers told us why: the bed was too cold.</p>"},
		{ID: site + "kickstarter-fatigue", Link: site + "kickstarter-fatigue", Author: "Sam Reyes", Published: now.Add(-8 * 24 * time.Hour),
			Title: "Crowdfunding fatigue is real", Summary: "<p>Twelve campaigns, three deliveries.</p>"},
	}}
}

func demoAlerts(now time.Time) []feedpeer.Entry {
	return []feedpeer.Entry{
		{Link: "https://www.lyon-actu.example.fr/2026/hearth-makers-atelier", Published: now.Add(-2 * time.Hour),
			Title:   "Hearth Makers ouvre un atelier de jeux à la Croix-Rousse",
			Summary: "L'association Hearth Makers propose des ateliers de fabrication de jeux de société le mercredi..."},
		{Link: "https://boardgame-forum.example.com/t/hearth-makers-guild-night", Published: now.Add(-20 * time.Hour),
			Title:   "Anyone been to the Hearth Makers guild night?",
			Summary: "Thinking of going on Friday. Is it beginner friendly? The Hearth Makers page says everyone is welcome..."},
		{Link: "https://pikabu.example.ru/story/hearth_makers_pechka", Published: now.Add(-44 * time.Hour),
			Title:   "Как Hearth Makers собрали настоящую печь для настолки",
			Summary: "Ребята из Hearth Makers напечатали на 3D-принтере печку с подсветкой для своей игры..."},
		{Link: "https://reviews.example.com/hearth-makers-meetup-disappointing", Published: now.Add(-3 * 24 * time.Hour),
			Title:   "Hearth Makers meetup: disappointing and badly organised",
			Summary: "We waited an hour and nobody from Hearth Makers answered our questions. Not coming back..."},
	}
}
