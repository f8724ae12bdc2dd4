package members

import (
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 10, 0, 0, 0, time.UTC) }

func ago(d time.Duration) time.Time { return uitest.Now.Add(-d) }

const (
	idEmail = core.IdentityEmail
	idVK    = core.IdentityVK
	idX     = core.IdentityX
	dayLen  = 24 * time.Hour
)

// The test community's accounts, one per channel.
const (
	acctMail = "work@example.com"
	acctVK   = "Hearth VK"
	acctX    = "@hearth_game"
)

func sampleAccounts() []core.Account {
	ok := core.AccountStatus{State: core.SyncOK, LastSync: ago(2 * time.Minute)}
	return []core.Account{{Kind: core.KindIMAP, Name: acctMail, Status: ok},
		{Kind: core.KindVK, Name: acctVK, Status: ok}, {Kind: core.KindX, Name: acctX, Status: ok}}
}

// sampleMember is one person of the test community: their identities on
// the channels (the first names the file; the others are merged into it),
// what they wrote (the items' authors are the identity of the item's
// channel), and what the community manager keeps on them.
type sampleMember struct {
	identities []core.Identity
	wrote      []core.Item
	tags       []string
}

func wrote(kind core.ItemKind, at time.Time, subject, text string) core.Item {
	return core.Item{Kind: kind, CreatedAt: at, Subject: subject, Text: text, Seen: true}
}

// sampleMembers are the test community's files, as the fake described
// them: an advocate with three channels, a critic, quiet fans, a drifter,
// a dead soul, two newcomers and a second file of the critic that a
// suggestion would merge. Their scores and cohorts are the core's rules
// applied to what they wrote (by the default settings: activity counts
// the last 30 days, a post 3, a comment or message 2; loyalty the
// sentiment of the last 180 days):
//
//	Claire Dubois    1 post, 1 comment, 2 messages: activity 9; 2 warm of 4: loyalty 0.33; advocate, regular
//	Pixel Jane       2 posts, 1 comment: 8; 2 warm of 3: 0.4; advocate
//	Дмитрий Иванов   3 messages: 6; 2 cold of 4: -0.33; critic
//	Élodie Marchand  3 messages: 6; 2 warm of 3: 0.4; advocate
//	Анна Смирнова    2 comments: 4; 3 warm of 3: 0.6; quiet fan
//	Dmitry Ivanov    1 comment: 2; nothing warm or cold of 2: loyalty unknown; passer-by
//	Ben Carter       wrote 40 days ago, warmly: 0; 0.33; quiet fan, drifting away
//	Sophie Laurent   wrote 100 days ago: 0; unknown; passer-by, dead soul
//	Игорь Волков     joined 30 hours ago, never wrote: new
//	Priya Natarajan  joined 40 hours ago, never wrote: new
func sampleMembers() []sampleMember {
	return []sampleMember{
		{identities: []core.Identity{
			{Kind: idEmail, Address: "claire@exemple.fr", Name: "Claire Dubois", Followers: -1},
			{Kind: idVK, Address: "1450099", Handle: "claire.db", Name: "Claire Dubois", Followers: 310, JoinedAt: day(2024, 6, 1)},
			{Kind: idX, Address: "99887766", Handle: "claire_builds", Name: "Claire ✦ builds", Followers: 12400, Verified: true},
		}, tags: []string{"meetup", "vip"}, wrote: claireWrote()},
		{identities: []core.Identity{{Kind: idEmail, Address: "dima@example.ru", Name: "Дмитрий Иванов", Followers: -1}},
			tags: []string{"bug"}, wrote: []core.Item{
				wrote(core.ItemEmail, day(2024, 11, 3), "Игра вылетает при запуске", "После установки игра закрывается сразу."),
				wrote(core.ItemEmail, ago(10*dayLen), "Редактор карт", "Редактор карт тормозит на больших картах."),
				wrote(core.ItemEmail, ago(2*dayLen), "Интерфейс", "Верните старый интерфейс."),
				wrote(core.ItemEmail, ago(40*time.Minute), "Опять", "Опять всё сломалось после обновления, ужасно."),
			}},
		{identities: []core.Identity{{Kind: idVK, Address: "3301", Name: "Анна Смирнова", Followers: 230}},
			wrote: []core.Item{
				wrote(core.ItemVKComment, day(2024, 9, 14), "", "Спасибо за игру!"),
				wrote(core.ItemVKComment, ago(8*dayLen), "", "Отличное обновление."),
				wrote(core.ItemVKComment, ago(55*time.Minute), "", "Классная карта, спасибо!"),
			}},
		{identities: []core.Identity{{Kind: idX, Address: "7001", Handle: "pixeljane", Name: "Pixel Jane", Followers: 48200}},
			tags: []string{"creator"}, wrote: []core.Item{
				wrote(core.ItemXMention, day(2024, 2, 20), "", "Drawing @hearth_game characters today."),
				wrote(core.ItemXReply, ago(12*dayLen), "", "Thanks, amazing!"),
				wrote(core.ItemXMention, ago(5*dayLen), "", "Fan art thread for @hearth_game"),
				wrote(core.ItemXMention, ago(3*time.Hour), "", "Love the new map editor, great work @hearth_game"),
			}},
		{identities: []core.Identity{{Kind: idEmail, Address: "ben@example.com", Name: "Ben Carter", Followers: -1}},
			tags: []string{"feedback"}, wrote: []core.Item{
				wrote(core.ItemEmail, day(2023, 10, 2), "Save files", "Where are the save files kept?"),
				wrote(core.ItemEmail, ago(40*dayLen), "Re: Save files", "Thanks for the quick fix, works great now."),
			}},
		{identities: []core.Identity{{Kind: idEmail, Address: "sophie@example.fr", Name: "Sophie Laurent", Followers: -1}},
			wrote: []core.Item{
				wrote(core.ItemEmail, day(2024, 1, 8), "Version Mac", "Une version Mac est-elle prévue ?"),
				wrote(core.ItemEmail, ago(100*dayLen), "Version Mac", "Question sur la version Mac."),
			}},
		{identities: []core.Identity{{Kind: idVK, Address: "5050", Name: "Игорь Волков", Followers: 85, JoinedAt: ago(30 * time.Hour)}}},
		{identities: []core.Identity{
			{Kind: idEmail, Address: "priya@example.in", Name: "Priya Natarajan", Followers: -1, JoinedAt: ago(40 * time.Hour)},
			{Kind: idX, Address: "8120", Handle: "priya_n", Name: "Priya Natarajan", Followers: 1350},
		}, tags: []string{"translator"}},
		{identities: []core.Identity{{Kind: idX, Address: "5512", Handle: "dima", Name: "Dmitry Ivanov", Followers: 410}},
			wrote: []core.Item{
				wrote(core.ItemXReply, day(2025, 1, 5), "", "Is there a Linux build?"),
				wrote(core.ItemXReply, ago(6*dayLen), "", "Any news on the Linux build?"),
			}},
		{identities: []core.Identity{{Kind: idEmail, Address: "elodie@example.fr", Name: "Élodie Marchand", Followers: -1}},
			tags: []string{"idea"}, wrote: []core.Item{
				wrote(core.ItemEmail, day(2024, 4, 11), "Bonjour", "Je découvre le jeu."),
				wrote(core.ItemEmail, ago(15*dayLen), "Suggestion de carte", "Une carte dans les Alpes ?"),
				wrote(core.ItemEmail, ago(9*dayLen), "Le patch", "Merci pour le patch."),
				wrote(core.ItemEmail, ago(5*time.Hour), "Idée : un mode photo", "Ce serait génial d'avoir un mode photo."),
			}},
	}
}

// claireWrote is the timeline of the rich file across the three channels,
// oldest first; the reply we sent her is outgoing, to her address.
func claireWrote() []core.Item {
	reply := wrote(core.ItemEmail, ago(26*time.Hour), "Re: Affiche du meetup",
		"Merci Claire ! On s'occupe de l'affiche cette semaine.")
	reply.Outgoing, reply.To = true, []core.Person{{Name: "Claire Dubois", Address: "claire@exemple.fr"}}
	return []core.Item{
		wrote(core.ItemEmail, ago(20*dayLen), "Idées pour la carte commune",
			"Voici trois idées de régions pour le projet du trimestre. Merci !"),
		wrote(core.ItemXMention, ago(6*dayLen), "",
			"Streaming a build session with the new @hearth_game map editor tonight!"),
		wrote(core.ItemVKComment, ago(3*dayLen), "", "Super mise à jour, l'éditeur de cartes est beaucoup plus rapide."),
		reply,
		wrote(core.ItemEmail, ago(12*time.Minute), "Rencontre de samedi : toujours à 15 h ?",
			"Bonjour ! Est-ce que la rencontre de samedi est toujours prévue à 15 h ?"),
	}
}

// claireFile is what the community manager keeps on Claire beyond what
// she wrote: her profile, topics, notes, the meetup she came to and the
// welcome she got.
var claireFile = struct {
	location, language, bio string
	interests               []string
	expertise               []core.Expertise
	notes                   []core.Note // oldest first
	meetup                  core.Meetup
	welcomed                time.Time
}{
	location: "Lyon", language: "French", bio: "Builds maps since the first beta; runs the Lyon meetups.",
	interests: []string{"modding", "level design", "meetups"},
	expertise: []core.Expertise{{Topic: "Map editor", Level: 5}, {Topic: "Lua scripting", Level: 2}},
	notes: []core.Note{
		{Text: "Met at the Lyon meetup. Prefers e-mail for anything long.", At: day(2024, 11, 16)},
		{Text: "Offered to host the spring meetup at her studio; wants a poster by April.", At: day(2025, 3, 3)},
	},
	meetup: core.Meetup{Title: "Lyon autumn meetup", Place: "Lyon", Start: day(2024, 11, 16),
		End: day(2024, 11, 16).Add(3 * time.Hour), Zone: "Europe/Paris"},
	welcomed: day(2024, 6, 3),
}
