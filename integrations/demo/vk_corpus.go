package demo

import (
	"time"

	"github.com/hearthhq/hearth/integrations/vk/vkpeer"
)

// The demo community's people: regulars, an English-speaking member, a
// critic, a spammer and a newcomer.
var (
	vkAnna   = vkpeer.User{ID: 5100101, FirstName: "Анна", LastName: "Петрова", ScreenName: "anna_meeple", City: "Казань", Followers: 1240, Photo100: "https://vk.example/photo/anna_100.jpg"}
	vkOleg   = vkpeer.User{ID: 5100102, FirstName: "Олег", LastName: "Смирнов", ScreenName: "oleg_smirnov", City: "Казань", Followers: 87}
	vkIvan   = vkpeer.User{ID: 5100103, FirstName: "Иван", LastName: "Кузнецов", ScreenName: "ivan_k", City: "Зеленодольск", Followers: 310}
	vkChen   = vkpeer.User{ID: 5100104, FirstName: "Chen", LastName: "Wu", ScreenName: "chenwu_games", City: "Kazan", Followers: 45}
	vkEmma   = vkpeer.User{ID: 5100105, FirstName: "Emma", LastName: "Brown", ScreenName: "emmab", City: "London", Followers: 2900}
	vkMaria  = vkpeer.User{ID: 5100106, FirstName: "Мария", LastName: "Соколова", ScreenName: "msokolova", City: "Казань", Followers: 150}
	vkSpam   = vkpeer.User{ID: 5100107, FirstName: "Подписчики", LastName: "Недорого", ScreenName: "cheap_subs_24"}
	vkDmitry = vkpeer.User{ID: 5100108, FirstName: "Дмитрий", LastName: "Орлов", ScreenName: "d_orlov", City: "Казань", Followers: 12}
	// A troll and a Bulgarian member: the moderation queue's abusive and
	// cold comments.
	vkTroll = vkpeer.User{ID: 5100109, FirstName: "Гость", LastName: "Анонимов", ScreenName: "anon_gost", Followers: 0}
	vkPetya = vkpeer.User{ID: 5100110, FirstName: "Петя", LastName: "Иванова", ScreenName: "petya_bg", City: "Пловдив", Followers: 64}
)

// vkComment is one demo comment; Reply indexes an earlier comment of the
// same post (-1 for none); At is how long before now it was written.
type vkComment struct {
	From  vkpeer.User
	Text  string
	Reply int
	At    time.Duration
}

type vkPost struct {
	Text     string
	At       time.Duration
	Likes    int
	Reposts  int
	Views    int
	Comments []vkComment
}

var vkPosts = []vkPost{
	{Text: "Друзья, в субботу в 14:00 — турнир по «Каркассону»! 16 мест, регистрация в комментариях. Призы от магазина «Мипл».",
		At: 72 * time.Hour, Likes: 48, Reposts: 9, Views: 1830, Comments: []vkComment{
			{vkAnna, "Записываюсь! И Ивана запишите, он стесняется 😄", -1, 70 * time.Hour},
			{vkIvan, "Ничего я не стесняюсь. Но да, запишите.", 0, 69 * time.Hour},
			{vkMaria, "А дополнения будут? Или только базовая игра?", -1, 60 * time.Hour},
		}},
	{Text: "English game night is back! Every Thursday at 19:00 we play in English: newcomers and expats welcome. This week: Wingspan and Azul.",
		At: 50 * time.Hour, Likes: 31, Reposts: 6, Views: 920, Comments: []vkComment{
			{vkChen, "Finally! Can I bring my own copy of Cascadia?", -1, 49 * time.Hour},
			{vkEmma, "Count me in. Is there parking nearby?", -1, 40 * time.Hour},
			{vkChen, "@emmab there is a free one behind the building", 1, 39 * time.Hour},
			{vkDmitry, "Привет всем, я новенький! Можно прийти, если английский так себе?", -1, 2 * time.Hour},
		}},
	{Text: "С 1 декабря членский взнос клуба — 500 ₽ в месяц вместо 300 ₽. Деньги пойдут на аренду большого зала и новые игры. Вопросы — в комментариях.",
		At: 26 * time.Hour, Likes: 12, Reposts: 2, Views: 2410, Comments: []vkComment{
			{vkOleg, "Серьёзно? Почти в два раза дороже, и никто не спросил членов клуба. Я против.", -1, 25 * time.Hour},
			{vkAnna, "Олег, зал реально тесный, в пятницу люди стояли. Я за.", 0, 24 * time.Hour},
			{vkOleg, "Анна, тесно раз в неделю. А платить каждый месяц. Где отчёт, на что уходили 300?", 1, 23 * time.Hour},
			{vkIvan, "Поддержу Олега насчёт отчёта. Без цифр такие решения не принимают.", 2, 22 * time.Hour},
			{vkMaria, "А для студентов будет скидка? 500 для меня много.", -1, 20 * time.Hour},
			{vkOleg, "Если так пойдёт, уйду в «Ход конём», там бесплатно.", 2, 5 * time.Hour},
			{vkTroll, "Админы — жадные уроды и воры. Верните деньги, идиоты!", -1, 4 * time.Hour},
			{vkPetya, "Ужасно решение. Много съм разочарована, така не може.", -1, 3 * time.Hour},
		}},
	{Text: "Фото с прошлой игротеки: 42 человека, 15 столов, рекорд клуба! Спасибо всем, кто пришёл 💛",
		At: 6 * time.Hour, Likes: 97, Reposts: 14, Views: 3100, Comments: []vkComment{
			{vkSpam, "Накрутка подписчиков и лайков недорого!!! Пиши в ЛС, 1000 подписчиков за 99 ₽ 👉 https://cheap-subs.example", -1, 4 * time.Hour},
			{vkEmma, "What a night! The Ticket to Ride table was so much fun.", -1, 3 * time.Hour},
		}},
}

// vkCommentPhotos are the photos members attached to comments, by the
// comment's text: an index into Pictures, drawn as a JPEG (no network).
var vkCommentPhotos = map[string]int{
	"What a night! The Ticket to Ride table was so much fun.": 0,
}

// vkMessages are people writing to the community, oldest first.
var vkMessages = []struct {
	From vkpeer.User
	Text string
}{
	{vkMaria, "Здравствуйте! Можно ли забронировать стол на 8 человек на день рождения в воскресенье?"},
	{vkChen, "Hi! Do you have Brass: Birmingham in the club library? I'd like to teach it on Thursday."},
}

// fillVK writes the community: members, posts and threads, messages.
func fillVK(p *vkpeer.Peer, now time.Time) {
	for _, u := range []vkpeer.User{vkAnna, vkOleg, vkIvan, vkChen, vkEmma, vkMaria, vkSpam, vkDmitry, vkTroll, vkPetya} {
		p.AddUser(u)
		if u.ID != vkSpam.ID && u.ID != vkTroll.ID {
			p.AddMember(u.ID, now.AddDate(0, -6, 0))
		}
	}
	p.AddMember(vkDmitry.ID, now.Add(-3*time.Hour))
	for _, po := range vkPosts {
		id := p.AddPost(vkpeer.Post{Text: po.Text, Date: now.Add(-po.At), Likes: po.Likes, Reposts: po.Reposts, Views: po.Views})
		ids := make([]int, len(po.Comments))
		for i, c := range po.Comments {
			reply := 0
			if c.Reply >= 0 {
				reply = ids[c.Reply]
			}
			var atts []string
			if pic, ok := vkCommentPhotos[c.Text]; ok {
				if data, err := Pictures[pic].JPEG(); err == nil {
					atts = []string{p.AddPhoto(c.From.ID, data, pictureW, pictureH)}
				}
			}
			ids[i] = p.AddComment(vkpeer.Comment{PostID: id, FromID: c.From.ID, Text: c.Text, ReplyTo: reply, Date: now.Add(-c.At),
				Attachments: atts})
		}
	}
	for _, m := range vkMessages {
		p.UserMessage(m.From.ID, m.Text)
	}
}
