package demo

// The history's words: written for the demo (no third-party text).

var historyVKNames = []string{
	"Алексей Волков", "Екатерина Лебедева", "Сергей Козлов", "Ольга Новикова", "Павел Морозов", "Наталья Павлова",
	"Артём Семёнов", "Юлия Голубева", "Никита Виноградов", "Дарья Богданова", "Роман Фёдоров", "Алина Миронова",
	"Кирилл Беляев", "Полина Тарасова", "Максим Белов", "Вера Комарова", "Григорий Орехов", "Ксения Медведева",
	"Тимур Гарипов", "Лилия Сафина", "Руслан Хасанов", "Софья Зайцева", "Егор Соловьёв", "Анастасия Васильева",
	"Денис Захаров", "Марина Борисова", "Илья Яковлев", "Татьяна Романова", "Владимир Киселёв", "Элина Валиева",
}

var historySilentNames = []string{
	"Борис Ершов", "Людмила Карпова", "Степан Рябов", "Инна Гусева", "Олег Мухин", "Рената Ахметова",
	"Виктор Лапин", "Оксана Титова", "Айдар Галиев", "Зоя Крылова",
}

var historyXNames = [][2]string{
	{"Jules Martin", "jules_plays"}, {"Sam Carter", "samcarter_bg"}, {"Léa Dubois", "lea_meeple"},
	{"Oliver Hayes", "ohayes"}, {"Nina Petrova", "nina_p_games"}, {"Tom Becker", "tombecker"},
	{"Aiko Tanaka", "aiko_boards"}, {"Marc Lefèvre", "marc_lfv"}, {"Grace Kim", "gracekim_tt"},
	{"Hugo Moreau", "hugo_mro"}, {"Ellie Ward", "ellieward"}, {"Pierre Gautier", "pgautier"},
}

var historyMailPeople = []person{
	{name: "Margaret Hill", addr: "margaret.hill@mail.example", lang: en},
	{name: "Thomas Reed", addr: "t.reed@mail.example", lang: en},
	{name: "Claire Fontaine", addr: "claire.fontaine@mail.example", lang: fr},
	{name: "Antoine Leroy", addr: "antoine.leroy@mail.example", lang: fr},
	{name: "Ирина Смирнова", addr: "irina.smirnova@mail.example", lang: ru},
	{name: "Георгий Попов", addr: "g.popov@mail.example", lang: ru},
	{name: "Helen Brooks", addr: "helen.brooks@mail.example", lang: en},
	{name: "Lucie Girard", addr: "lucie.girard@mail.example", lang: fr},
	{name: "Фёдор Ильин", addr: "fedor.ilyin@mail.example", lang: ru},
	{name: "James Porter", addr: "james.porter@mail.example", lang: en},
	{name: "Camille Bernard", addr: "camille.bernard@mail.example", lang: fr},
	{name: "Светлана Котова", addr: "s.kotova@mail.example", lang: ru},
}

var historyNewsPosts = []string{
	"Новости настолок недели: «Крылья» получили дополнение про океаны, а «Каскадия» — русское издание.",
	"Итоги голосования «Игра года» по версии клуба: победила «Азул»! Полный список — в статье.",
	"Издательство «Мипл» обещает тираж «Брасса» к весне. Кто ждёт?",
	"На ярмарке в Эссене показали 1500 новинок. Мы выбрали десять, которые стоит ждать.",
}

var historyProjectPosts = []string{
	"Осенняя сборка: собираем клубный стол для варгеймов. Этап 1 — чертежи, нужны руки и идеи!",
	"Стол для варгеймов: каркас готов. В субботу шкурим и красим — приходите, краска за наш счёт.",
	"Лига «Каркассона»: таблица после тура. Кто догонит лидера?",
	"Совместный проект квартала: печатаем свою карточную игру. Голосуем за тему в комментариях!",
}

var historyLifePosts = []string{
	"Пятничная игротека в 19:00: «Кодовые имена», «Диксит» и новичковый стол. Приводите друзей!",
	"Фото с прошлой игротеки — 30 человек и ни одного свободного стула.",
	"Английский вечер в четверг: играем в Wingspan и учим правила на английском.",
	"Детская суббота: игры для 6+ и мастер-класс по раскраске миниатюр.",
}

const historyBadPost = "Внимание: новый сайт бронирования потерял часть записей на субботу. Чиним, всем напишем лично. Простите!"

const historyMarathonPost = "Настольный марафон: 12 часов игр, 60 человек, 24 стола. Спасибо всем — это был лучший день клуба!"

var historyVKComments = []string{
	"Отличная новость, жду!", "А можно прийти с ребёнком?", "Во сколько начинаем в субботу?",
	"Записываюсь на новичковый стол.", "Спасибо за вечер, было классно!", "Есть ли свободные места на пятницу?",
	"Можно принести свою игру?", "Фото огонь 🔥", "Кто ещё идёт? Ищу пару на «Каркассон».",
	"А правила объясните с нуля?", "Готов помочь с покраской стола.", "Когда следующий тур лиги?",
}

var historyVKAngry = []string{
	"Моя бронь пропала, пришли с друзьями — стола нет. Очень неприятно.",
	"Сайт не работает второй день, когда почините?", "Мы ехали час, а нас нет в списке. Верните деньги.",
	"Раньше всё работало через комментарии, зачем было ломать?", "Третий раз пишу — никто не отвечает.",
	"Отписываюсь, надоело.", "Бронь на субботу слетела, что делать?",
}

var historyXMentions = []string{
	"great game night yesterday, thanks!", "do you have Brass: Birmingham in the library?",
	"is the English night on this Thursday?", "loved the marathon photos 😍", "any beginner tables this week?",
	"how do I join the Carcassonne league?", "can I bring a friend who has never played?",
	"what time does Friday's session start?",
}

var historyXAngry = []string{
	"your booking site lost my reservation. Not cool.", "site down again? can't book anything",
	"waited 2 days for an answer about my booking…", "we drove across town and our table was gone",
}

var historyMailQuestions = map[lang][][2]string{
	en: {
		{"Booking a table for eight", "Hello, could we book a table for eight people on Saturday afternoon?"},
		{"Membership fee", "Hi, how much is the yearly membership and can I pay by card?"},
		{"Donating games", "We are moving abroad and have twenty games to give away. Would the club want them?"},
		{"Birthday party", "Is it possible to hold a birthday party for my son (10) at the club?"},
	},
	fr: {
		{"Réservation d'une table", "Bonjour, peut-on réserver une table pour six personnes vendredi soir ?"},
		{"Soirée en anglais", "Bonjour, la soirée en anglais est-elle ouverte aux débutants ?"},
		{"Adhésion", "Bonjour, comment adhérer au club et quel est le tarif étudiant ?"},
	},
	ru: {
		{"Бронь стола", "Здравствуйте! Можно забронировать стол на восемь человек в субботу?"},
		{"Членский взнос", "Добрый день, есть ли скидка для студентов на членский взнос?"},
		{"Подарим игры", "Здравствуйте, хотим подарить клубу коробку настольных игр. Куда привезти?"},
	},
}

var historyAnswers = map[lang][]string{
	en: {"Hi %s, yes: it's booked, see you there!", "Thanks %s! Details are in our pinned post.",
		"Hello %s, of course: just come by at 19:00."},
	fr: {"Bonjour %s, c'est noté, à bientôt !", "Merci %s ! Tout est dans le message épinglé."},
	ru: {"%s, здравствуйте! Всё записали, ждём вас.", "%s, спасибо! Подробности в закреплённом посте.",
		"%s, конечно, приходите к 19:00."},
}

var historyApologies = map[lang][]string{
	en: {"%s, we're so sorry: the booking site broke. Your table is back and the first round is on us."},
	fr: {"%s, toutes nos excuses : le site de réservation a planté. Votre table est rétablie."},
	ru: {"%s, простите, пожалуйста: сайт бронирования сломался. Стол за вами, чай за наш счёт."},
}
