package inbox

import (
	"strconv"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

// sample is one list item of the test workspace.
type sample struct {
	kind    core.ItemKind
	author  core.Person
	subject string
	text    string
	ago     time.Duration
	state   core.State
	seen    bool
	tags    []string
}

// samples are the test workspace's inbox: English, French and Russian, as
// a real community writes, newest first.
var samples = []sample{
	{core.ItemEmail, core.Person{Name: "Claire Dubois", Address: "claire@exemple.fr"}, "Rencontre de samedi : toujours à 15 h ?",
		"Bonjour ! Est-ce que la rencontre de samedi est toujours prévue à 15 h ? Je voudrais venir avec deux amis qui découvrent le jeu.", 12 * time.Minute, core.StateNew, false, []string{"meetup"}},
	{core.ItemEmail, core.Person{Name: "Дмитрий Иванов", Address: "dima@example.ru"}, "Ошибка после обновления",
		"Привет! После обновления до версии 2.4 игра вылетает при запуске. Лог прикладываю, если нужно — могу прислать ещё.", 40 * time.Minute, core.StateNew, false, []string{"bug"}},
	{core.ItemVKComment, core.Person{Name: "Анна Смирнова", Address: "id1450022"}, "",
		"Спасибо за конкурс! Когда будут итоги? Очень ждём.", 55 * time.Minute, core.StateOpen, true, nil},
	{core.ItemEmail, core.Person{Name: "Tom Baker", Address: "tom@studio.example"}, "Partnership proposal for the spring event",
		"Hi team, we run a small indie studio and would love to co-host the spring community event with you.", 2 * time.Hour, core.StateNew, false, []string{"partners", "vip"}},
	{core.ItemXMention, core.Person{Name: "Pixel Jane", Address: "@pixel_jane"}, "",
		"Loving the new map editor from @hearth_game, the community builds are wild this week.", 3 * time.Hour, core.StateOpen, true, nil},
	{core.ItemEmail, core.Person{Name: "Élodie Marchand", Address: "elodie@exemple.fr"}, "Idée pour le projet commun du trimestre",
		"Et si le projet du trimestre était une carte collaborative ? Chacun pourrait créer une région.", 5 * time.Hour, core.StateOpen, false, nil},
	{core.ItemVKPost, core.Person{Name: "Сергей Козлов", Address: "id880311"}, "",
		"Ребята, кто идёт на встречу в Москве? Можно собраться заранее в кафе у метро.", 7 * time.Hour, core.StateNew, false, []string{"meetup"}},
	{core.ItemEmail, core.Person{Name: "Maria Gonzalez", Address: "maria@example.com"}, "Refund for double charge",
		"I was charged twice for the supporter pack on Monday. Could you refund one of the charges?", 9 * time.Hour, core.StateNew, false, []string{"billing"}},
	{core.ItemFeed, core.Person{Name: "Indie Games Forum"}, "Thread: Hearth's modding tools compared",
		"A long comparison of modding tools mentions Hearth's editor as the friendliest for beginners.", 20 * time.Hour, core.StateOpen, true, nil},
	{core.ItemEmail, core.Person{Name: "Ольга Петрова", Address: "olga@example.ru"}, "Предложение: турнир для новичков",
		"Добрый день! Хочу предложить турнир для новичков: простые правила, призы — значки в профиле.", 26 * time.Hour, core.StateOpen, true, []string{"idea"}},
	{core.ItemXReply, core.Person{Name: "Sam Lee", Address: "@samlee"}, "",
		"@hearth_game any news on the Linux build? The Flatpak would be great.", 30 * time.Hour, core.StateNew, false, nil},
	{core.ItemEmail, core.Person{Name: "Lucas Bernard", Address: "lucas@exemple.fr"}, "Problème de connexion au serveur",
		"Depuis hier soir je n'arrive plus à me connecter au serveur européen. Message d'erreur : délai dépassé.", 2 * 24 * time.Hour, core.StateOpen, true, []string{"bug"}},
	{core.ItemEmail, core.Person{Name: "Priya Natarajan", Address: "priya@example.org"}, "Translation help: Tamil localisation",
		"I'd be happy to help translate the game into Tamil. Is there a glossary I can start from?", 3 * 24 * time.Hour, core.StateOpen, true, nil},
	{core.ItemVKComment, core.Person{Name: "Игорь Волков", Address: "id5521"}, "",
		"А будет ли стрим с разработчиками в эту пятницу?", 3*24*time.Hour + 4*time.Hour, core.StateOpen, true, nil},
	{core.ItemEmail, core.Person{Name: "Newsletter Bot", Address: "news@promo.example"}, "You won't believe these deals",
		"Exclusive offer just for you: click here to claim your prize today.", 4 * 24 * time.Hour, core.StateNew, false, nil},
	{core.ItemEmail, core.Person{Name: "Julien Roux", Address: "julien@exemple.fr"}, "Merci pour l'événement !",
		"Un grand merci pour la soirée de vendredi, l'ambiance était géniale. Vivement la prochaine !", 5 * 24 * time.Hour, core.StateOpen, true, nil},
	{core.ItemEmail, core.Person{Name: "Наталья Орлова", Address: "natasha@example.ru"}, "Вопрос о ролях на форуме",
		"Как получить роль модератора на форуме? Я активно помогаю новичкам уже полгода.", 8 * 24 * time.Hour, core.StateOpen, true, nil},
	{core.ItemEmail, core.Person{Name: "Ben Carter", Address: "ben@example.com"}, "Accessibility: colour-blind mode",
		"The new colour-blind mode is a huge improvement. One small issue: the red markers on the map.", 12 * 24 * time.Hour, core.StateOpen, true, []string{"feedback"}},
	{core.ItemXMention, core.Person{Name: "Gaming Weekly", Address: "@gamingweekly"}, "",
		"Our review of @hearth_game is up: a cosy builder with a community that actually talks to each other.", 20 * 24 * time.Hour, core.StateOpen, true, []string{"press"}},
	{core.ItemEmail, core.Person{Name: "Sophie Laurent", Address: "sophie@exemple.fr"}, "Question sur l'abonnement",
		"Bonjour, l'abonnement annuel inclut-il les extensions à venir ? Merci d'avance.", 40 * 24 * time.Hour, core.StateOpen, true, nil},
}

// sampleItems turns samples into items as their channels' sync would
// deliver them: remote ids r1..rn, each in the account its kind comes from
// (by name); the store gives them their ids.
func sampleItems() []core.Item {
	items := make([]core.Item, len(samples))
	for i, s := range samples {
		name := "work@example.com"
		switch s.kind {
		case core.ItemVKComment, core.ItemVKPost:
			name = "Hearth VK"
		case core.ItemXMention, core.ItemXReply:
			name = "@hearth_game"
		case core.ItemFeed:
			name = "Mentions feed"
		}
		items[i] = core.Item{
			Account: name, Kind: s.kind, RemoteID: sampleRemoteID(i + 1),
			Subject: s.subject, Author: s.author, Text: s.text, Snippet: core.SnippetOf(s.text, 120),
			CreatedAt: uitest.Now.Add(-s.ago), State: s.state, Seen: s.seen, Tags: s.tags,
			To: []core.Person{{Name: "Hearth team", Address: "team@hearth.example"}},
		}
	}
	decorate(items)
	return items
}

// sampleRemoteID is the remote id of the nth sample (from 1).
func sampleRemoteID(n int) string { return "r" + strconv.Itoa(n) }

// decorate adds what the thread view must show: attachments, a part that
// could not be decoded; and Claire's message answers an earlier exchange.
func decorate(items []core.Item) {
	items[0].ThreadRefs = []string{"r901", "r902"}
	items[1].Attachments = []core.Attachment{
		{Name: "crash-2.4.log", MIMEType: "text/plain", Size: 18_432},
		{Name: "скриншот.png", MIMEType: "image/png", Size: 1_288_490},
	}
	items[1].Problems = []string{"part 2 could not be decoded: unknown charset x-mac-cyrillic"}
	items[4].VIP = true // Pixel Jane: a large following on X
}

// claireThread is the start of item 1's conversation: her first message
// and our answer came before it (both done, so out of the triage view).
func claireThread(items []core.Item) []core.Item {
	first := items[0]
	first.RemoteID, first.ThreadRefs, first.Tags = "r901", nil, nil
	first.Subject = "Rencontre de samedi"
	first.Text = "Bonjour, la rencontre de samedi aura-t-elle lieu au même endroit que la dernière fois ?"
	first.Snippet = ""
	first.CreatedAt = uitest.Now.Add(-26 * time.Hour)
	first.State, first.Seen = core.StateDone, true
	reply := first
	reply.RemoteID, reply.Outgoing, reply.ThreadRefs = "r902", true, []string{"r901"}
	reply.Author = core.Person{Name: "Hearth team", Address: "team@hearth.example"}
	reply.To = []core.Person{first.Author}
	reply.Text = "Bonjour Claire, oui : même salle, même heure. À samedi !"
	reply.CreatedAt = uitest.Now.Add(-25 * time.Hour)
	return []core.Item{first, reply}
}

// sampleAccounts are the test workspace's accounts, one in each state,
// and the feed the forum mention comes from.
func sampleAccounts() []core.Account {
	return []core.Account{
		{Kind: core.KindIMAP, Name: "work@example.com",
			Status: core.AccountStatus{State: core.SyncOK, LastSync: uitest.Now.Add(-2 * time.Minute)}},
		{Kind: core.KindVK, Name: "Hearth VK",
			Status: core.AccountStatus{State: core.SyncRunning, Done: 120, Total: 400, LastSync: uitest.Now.Add(-time.Hour)}},
		{Kind: core.KindX, Name: "@hearth_game",
			Status: core.AccountStatus{State: core.SyncError, Message: "the token was revoked", Action: "paste a new token"}},
		{Kind: core.KindFeed, Name: "Mentions feed",
			Status: core.AccountStatus{State: core.SyncOK, LastSync: uitest.Now.Add(-10 * time.Minute)}},
	}
}
