package members

import (
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 10, 0, 0, 0, time.UTC) }

const (
	idEmail = core.IdentityEmail
	idVK    = core.IdentityVK
	idX     = core.IdentityX
)

// sampleMembers are the test community's files: an advocate with three
// channels, a critic, quiet fans, a drifter, a dead soul, two newcomers
// and a second file of the critic that a suggestion would merge.
func sampleMembers() []core.Member {
	return []core.Member{
		{ID: 1, Name: "Claire Dubois", Location: "Lyon", Language: "French",
			Bio:      "Builds maps since the first beta; runs the Lyon meetups.",
			Channels: []core.IdentityKind{idEmail, idVK, idX}, Tags: []string{"meetup", "vip"}, Followers: 12400,
			JoinedAt: day(2024, 6, 1), FirstSeen: day(2024, 6, 2), LastSeen: uitest.Now.Add(-12 * time.Minute),
			LastContacted: uitest.Now.Add(-26 * time.Hour), Activity: 14, Loyalty: 0.55, Quadrant: core.QuadrantAdvocate},
		{ID: 2, Name: "Дмитрий Иванов", Channels: []core.IdentityKind{idEmail}, Tags: []string{"bug"}, Followers: -1,
			FirstSeen: day(2024, 11, 3), LastSeen: uitest.Now.Add(-40 * time.Minute), Activity: 8, Loyalty: -0.3,
			Quadrant: core.QuadrantCritic},
		{ID: 3, Name: "Анна Смирнова", Channels: []core.IdentityKind{idVK}, Followers: 230,
			FirstSeen: day(2024, 9, 14), LastSeen: uitest.Now.Add(-55 * time.Minute), Activity: 4, Loyalty: 0.4,
			Quadrant: core.QuadrantQuietFan},
		{ID: 4, Name: "Pixel Jane", Channels: []core.IdentityKind{idX}, Tags: []string{"creator"}, Followers: 48200,
			FirstSeen: day(2024, 2, 20), LastSeen: uitest.Now.Add(-3 * time.Hour), Activity: 9, Loyalty: 0.6,
			Quadrant: core.QuadrantAdvocate},
		{ID: 5, Name: "Ben Carter", Channels: []core.IdentityKind{idEmail}, Tags: []string{"feedback"}, Followers: -1,
			FirstSeen: day(2023, 10, 2), LastSeen: uitest.Now.Add(-40 * 24 * time.Hour), Activity: 0, Loyalty: 0.3,
			Quadrant: core.QuadrantQuietFan},
		{ID: 6, Name: "Sophie Laurent", Channels: []core.IdentityKind{idEmail}, Followers: -1,
			FirstSeen: day(2024, 1, 8), LastSeen: uitest.Now.Add(-100 * 24 * time.Hour), Quadrant: core.QuadrantPasserBy},
		{ID: 7, Name: "Игорь Волков", Channels: []core.IdentityKind{idVK}, Followers: 85,
			JoinedAt: uitest.Now.Add(-30 * time.Hour), FirstSeen: uitest.Now.Add(-30 * time.Hour), Quadrant: core.QuadrantPasserBy},
		{ID: 8, Name: "Priya Natarajan", Channels: []core.IdentityKind{idEmail, idX}, Tags: []string{"translator"}, Followers: 1350,
			JoinedAt: uitest.Now.Add(-40 * time.Hour), FirstSeen: uitest.Now.Add(-40 * time.Hour), Quadrant: core.QuadrantPasserBy},
		{ID: 9, Name: "Dmitry Ivanov", Channels: []core.IdentityKind{idX}, Followers: 410,
			FirstSeen: day(2025, 1, 5), LastSeen: uitest.Now.Add(-6 * 24 * time.Hour), Activity: 2, Loyalty: 0,
			Quadrant: core.QuadrantPasserBy},
		{ID: 10, Name: "Élodie Marchand", Channels: []core.IdentityKind{idEmail}, Tags: []string{"idea"}, Followers: -1,
			FirstSeen: day(2024, 4, 11), LastSeen: uitest.Now.Add(-5 * time.Hour), Activity: 6, Loyalty: 0.3,
			Quadrant: core.QuadrantAdvocate},
	}
}

// sampleIdentities are the identities of the files without a full dossier.
var sampleIdentities = map[int64][]core.Identity{
	2: {{ID: 22, Kind: idEmail, Address: "dima@example.ru", Name: "Дмитрий Иванов", Followers: -1}},
	9: {{ID: 29, Kind: idX, Address: "5512", Handle: "dima", Name: "Dmitry Ivanov", Followers: 410}},
}

// claireDossier is the rich file: three channels, topics, notes, explained
// scores, a meetup and a timeline across the channels, newest first.
func claireDossier(m core.Member) members.Dossier {
	return members.Dossier{
		Member: m,
		Identities: []core.Identity{
			{ID: 11, Kind: idEmail, Address: "claire@exemple.fr", Name: "Claire Dubois", Followers: -1},
			{ID: 12, Kind: idVK, Address: "1450099", Handle: "claire.db", Name: "Claire Dubois", Followers: 310},
			{ID: 13, Kind: idX, Address: "99887766", Handle: "claire_builds", Name: "Claire ✦ builds", Followers: 12400, Verified: true},
		},
		Interests: []string{"modding", "level design", "meetups"},
		Expertise: []core.Expertise{{Topic: "Map editor", Level: 5}, {Topic: "Lua scripting", Level: 2}},
		Notes: []core.Note{
			{ID: 2, MemberID: 1, Text: "Offered to host the spring meetup at her studio; wants a poster by April.", At: day(2025, 3, 3)},
			{ID: 1, MemberID: 1, Text: "Met at the Lyon meetup. Prefers e-mail for anything long.", At: day(2024, 11, 16)},
		},
		Cohort: core.CohortRegular,
		Why: members.Explanation{
			Activity: "3 posts and 2 comments in the last 30 days (score 14); last seen 12 min ago",
			Loyalty:  "6 positive and 0 negative of 9 messages in the last 180 days; writes regularly (on 7 different days) (score 0.55)",
			Quadrant: "advocate: activity 14 is at or above 6, loyalty 0.55 is at or above 0.2",
			Cohort:   "regular: last wrote 12 min ago",
		},
		Timeline: []core.TimelineEntry{
			{ItemID: 1, Kind: core.ItemEmail, Account: "work@example.com", Subject: "Rencontre de samedi : toujours à 15 h ?",
				Snippet: "Bonjour ! Est-ce que la rencontre de samedi est toujours prévue à 15 h ?", At: uitest.Now.Add(-12 * time.Minute)},
			{ItemID: 201, Kind: core.ItemEmail, Account: "work@example.com", Outgoing: true, Subject: "Re: Affiche du meetup",
				Snippet: "Merci Claire ! On s'occupe de l'affiche cette semaine.", At: uitest.Now.Add(-26 * time.Hour)},
			{ItemID: 202, Kind: core.ItemVKComment, Account: "Hearth VK",
				Snippet: "Super mise à jour, l'éditeur de cartes est beaucoup plus rapide.", At: uitest.Now.Add(-3 * 24 * time.Hour)},
			{ItemID: 203, Kind: core.ItemXMention, Account: "@hearth_game",
				Snippet: "Streaming a build session with the new @hearth_game map editor tonight!", At: uitest.Now.Add(-6 * 24 * time.Hour)},
			{ItemID: 204, Kind: core.ItemEmail, Account: "work@example.com", Subject: "Idées pour la carte commune",
				Snippet: "Voici trois idées de régions pour le projet du trimestre.", At: uitest.Now.Add(-20 * 24 * time.Hour)},
		},
		Meetups: []core.MeetupAttended{{ID: 1, Title: "Lyon autumn meetup", At: day(2024, 11, 16)}},
		Rituals: []core.RitualDone{{MemberID: 1, Ritual: core.RitualWelcome, At: day(2024, 6, 3)}},
	}
}
