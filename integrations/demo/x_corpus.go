package demo

import (
	"time"

	"github.com/hearthhq/hearth/integrations/x/xpeer"
)

// The demo community on X: the game studio's account and the people who
// mention it. Identifiers start with "x" in names and 15... in ids so they
// never collide with the mail corpus.
var (
	xDemoMe = xpeer.User{ID: "1500000001", Name: "Hearth Game", Username: "hearthgame", Followers: XFollowers,
		Verified: true, Description: "The cosy co-op survival game. Season 3 out now."}
	xDemoUsers = []xpeer.User{
		{ID: "1500000101", Name: "Camille Roux", Username: "xcamille_rx", Followers: 312, Location: "Lyon",
			Description: "Joueuse du dimanche, fan de jeux coop."},
		{ID: "1500000102", Name: "GameWire", Username: "xgamewire", Followers: 482000, Verified: true,
			Location: "San Francisco", Description: "Games industry news, every day."},
		{ID: "1500000103", Name: "Дмитрий Орлов", Username: "xdorlov", Followers: 95, Location: "Казань",
			Description: "Строю базы и не сплю."},
		{ID: "1500000104", Name: "Priya N.", Username: "xpriya_plays", Followers: 2150, Location: "Leeds",
			Description: "Streamer. Cosy games and chaos."},
		{ID: "1500000105", Name: "Free Followers 4U", Username: "xfollow4u_deals", Followers: 3,
			Description: "DM for deals"},
		{ID: "1500000106", Name: "Rage Quit Rick", Username: "xragequit", Followers: 40,
			Description: "Telling it like it is."},
	}
)

// xDemoTweet is a demo post: who, what, in answer to which earlier post
// (index into the list, -1 for none), and how long before now. The list is
// oldest first, as X's ids are.
type xDemoTweet struct {
	author  string
	text    string
	replyTo int
	ago     time.Duration
	likes   int
}

var xDemoTweets = []xDemoTweet{
	{xDemoMe.ID, "Season 3 is live! New biome, co-op crafting and the lighthouse quest. What should we build next?", -1, 30 * time.Hour, 940},
	{"1500000101", "@hearthgame Est-ce que le mode coop marche en écran partagé sur Switch ? On voudrait jouer à deux ce week-end.", 0, 20 * time.Hour, 4},
	{"1500000103", "@hearthgame Спасибо за маяк! Лучший сезон, сидели с друзьями до трёх ночи.", 0, 9 * time.Hour, 17},
	{"1500000104", "Streaming the lighthouse quest tonight with @hearthgame — the new biome music is gorgeous", -1, 6 * time.Hour, 88},
	{"1500000102", "@hearthgame Players report save files lost after today's patch on PC. Is a fix coming? We're covering it in tonight's roundup.", 0, 3 * time.Hour, 210},
	{"1500000105", "@hearthgame Get 10K followers in 24h!!! cheap and safe, DM now", 0, 2 * time.Hour, 0},
	// The moderation queue's: a French player let down, an abusive one.
	{"1500000101", "@hearthgame Franchement c'est nul, le patch a cassé ma sauvegarde. Très déçue.", 0, 100 * time.Minute, 2},
	{"1500000106", "@hearthgame your devs are idiots. Worst patch ever, you'll regret this.", 0, 90 * time.Minute, 0},
}

// fillX loads the demo users and posts into the peer.
func fillX(srv *xpeer.Server, now time.Time) {
	for _, u := range xDemoUsers {
		srv.AddUser(u)
	}
	ids := make([]string, len(xDemoTweets))
	for i, t := range xDemoTweets {
		var replyTo string
		if t.replyTo >= 0 {
			replyTo = ids[t.replyTo]
		}
		ids[i] = srv.AddTweet(xpeer.Tweet{AuthorID: t.author, Text: t.text, InReplyTo: replyTo,
			CreatedAt: now.Add(-t.ago), Likes: t.likes, Retweets: t.likes / 10, Replies: 1})
	}
}
