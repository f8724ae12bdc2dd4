package tone

import (
	"strings"
	"testing"

	"github.com/hearthhq/hearth/core"
)

// Each language handles negation, boosters, contrast and abuse.
func TestAnalyze(t *testing.T) {
	tests := []struct {
		text    string
		lang    string
		label   core.ToneLabel
		abusive bool
	}{
		// Russian
		{"Спасибо, всё отлично!", Russian, core.TonePositive, false},
		{"Это плохо.", Russian, core.ToneNegative, false},
		{"Не плохо, мне понравилось.", Russian, core.TonePositive, false},
		{"Неплохо получилось", Russian, core.TonePositive, false},
		{"Это не хорошо, звук отвратительный.", Russian, core.ToneNegative, false},
		{"Дизайн красивый, но приложение вылетает", Russian, core.ToneNegative, false},
		{"Ты идиот", Russian, core.ToneNegative, true},
		{"Ты не дурак, просто устал", Russian, core.ToneNeutral, false},
		{"Я тебя найду и убью", Russian, core.ToneNegative, true},
		{"Когда следующая встреча?", Russian, core.ToneNeutral, false},
		{"Спасибо)))", Russian, core.TonePositive, false},
		// French
		{"Merci beaucoup, c'est génial !", French, core.TonePositive, false},
		{"Pas mal du tout !", French, core.TonePositive, false},
		{"Ce n'est pas mal, j'aime bien.", French, core.TonePositive, false},
		{"Ce n'est pas bon du tout.", French, core.ToneNegative, false},
		{"C'est joli mais ça plante sans arrêt", French, core.ToneNegative, false},
		{"Ferme ta gueule, connard", French, core.ToneNegative, true},
		{"Je sais où tu habites.", French, core.ToneNegative, true},
		{"La rencontre est à quelle heure ?", French, core.ToneNeutral, false},
		// Bulgarian
		{"Благодаря, беше страхотно!", Bulgarian, core.TonePositive, false},
		{"Не е лошо, хареса ми.", Bulgarian, core.TonePositive, false},
		{"Не е добре, звукът е ужасен.", Bulgarian, core.ToneNegative, false},
		{"Ти си пълен идиот", Bulgarian, core.ToneNegative, true},
		{"Ще те убия", Bulgarian, core.ToneNegative, true},
		{"Кога е следващата среща?", Bulgarian, core.ToneNeutral, false},
		// English (VADER)
		{"Thanks, the meetup was great!", English, core.TonePositive, false},
		{"Not bad at all.", English, core.TonePositive, false},
		{"The app keeps crashing, this is terrible.", English, core.ToneNegative, false},
		{"You are an idiot.", English, core.ToneNegative, true},
		{"Go kill yourself", English, core.ToneNegative, true},
		{"When is the next meetup?", English, core.ToneNeutral, false},
		// No words
		{"👍👍", "", core.TonePositive, false},
		{"", "", core.ToneNeutral, false},
	}
	a := Default()
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := a.Analyze(tt.text)
			if got.Lang != tt.lang || got.Label() != tt.label || got.Abusive != tt.abusive {
				t.Errorf("Analyze(%q) = %s %s (%.2f) abusive %v, want %s %s abusive %v", tt.text,
					got.Lang, got.Label(), got.Sentiment, got.Abusive, tt.lang, tt.label, tt.abusive)
			}
			if got.Sentiment < -1 || got.Sentiment > 1 {
				t.Errorf("sentiment %v outside [-1, 1]", got.Sentiment)
			}
		})
	}
}

// A booster makes a word count more, a dampener less.
func TestBoosters(t *testing.T) {
	a := Default()
	for _, tt := range [][3]string{
		{"Это хорошо сделано", "Это очень хорошо сделано", "Это немного хорошо сделано"},
		{"C'est bien fait", "C'est très bien fait", "C'est un peu bien fait"},
		{"Това е добре направено", "Това е много добре направено", "Това е малко добре направено"},
	} {
		plain, boosted, damped := a.Analyze(tt[0]).Sentiment, a.Analyze(tt[1]).Sentiment, a.Analyze(tt[2]).Sentiment
		if !(boosted > plain && plain > damped && damped > 0) {
			t.Errorf("%q %.3f, %q %.3f, %q %.3f: want boosted > plain > damped > 0", tt[1], boosted, tt[0], plain, tt[2], damped)
		}
	}
}

// The bundled lexicons parse, and each has a good number of entries.
func TestBundledLexicons(t *testing.T) {
	a, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for lang, min := range map[string]int{English: 60, French: 240, Russian: 280, Bulgarian: 200} {
		if n := a.lex[lang].Len(); n < min {
			t.Errorf("%s lexicon has %d entries, want at least %d", lang, n, min)
		}
	}
}

// Bad lexicon lines are refused with their line number; nothing is added.
func TestImport(t *testing.T) {
	a, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"x слово 1", "s слово", "s слово 9", "s 2", "a"} {
		if _, err := a.Import(Russian, strings.NewReader("s хорошо 2\n"+bad+"\n"), "my.txt"); err == nil || !strings.Contains(err.Error(), "my.txt:2") {
			t.Errorf("Import(%q) = %v, want an error at my.txt:2", bad, err)
		}
	}
	if _, err := a.Import("de", strings.NewReader("s gut 2\n"), "de.txt"); err == nil {
		t.Error("Import of an unknown language succeeded")
	}
	if got := a.Analyze("Это фиолетово").Label(); got != core.ToneNeutral {
		t.Fatalf("before import: %s", got)
	}
	n, err := a.Import(Russian, strings.NewReader("# mine\ns фиолетово -2\n"), "my.txt")
	if err != nil || n != 1 {
		t.Fatalf("Import = %d, %v", n, err)
	}
	if got := a.Analyze("Это фиолетово").Label(); got != core.ToneNegative {
		t.Errorf("after import: %s, want negative", got)
	}
}

// What a community manager receives: questions about price, payment,
// opening hours, sign-up and the way there read neutral in every
// language, while complaints (in a question too) stay negative, insults
// and threats flagged, and praise positive.
func TestCommunityMessages(t *testing.T) {
	tests := []struct {
		text    string
		label   core.ToneLabel
		abusive bool
	}{
		// English: VADER rates "pay", "cancel", "join", "lost", "problem",
		// "free" and the "like" of "I'd like" out of context
		{"Hi, how much is the yearly membership and can I pay by card?", core.ToneNeutral, false},
		{"Can I pay in cash at the door?", core.ToneNeutral, false},
		{"I'll pay at the door.", core.ToneNeutral, false},
		{"How do I cancel my booking?", core.ToneNeutral, false},
		{"How do I sign up for the tournament?", core.ToneNeutral, false},
		{"How many people can join a table?", core.ToneNeutral, false},
		{"Is the event free for members?", core.ToneNeutral, false},
		{"What are your opening hours? Are you open on Sunday?", core.ToneNeutral, false},
		{"Where is the entrance?", core.ToneNeutral, false},
		{"Is there a lost and found?", core.ToneNeutral, false},
		{"How do I report a problem with the website?", core.ToneNeutral, false},
		{"Where do I hand in the form?", core.ToneNeutral, false},
		{"Can I get a refund if I can't come?", core.ToneNeutral, false},
		{"The app keeps crashing since yesterday.", core.ToneNegative, false},
		{"Does the app keep crashing for anyone else?", core.ToneNegative, false},
		{"Why is the event on a weekday again? So unfair.", core.ToneNegative, false},
		{"I paid twice and nobody answers my emails. This is a scam.", core.ToneNegative, false},
		{"Are you kidding me? The meetup was cancelled again!", core.ToneNegative, false},
		{"I will find you and make you pay.", core.ToneNegative, true},
		{"What a bunch of clowns running this.", core.ToneNegative, true},
		{"Thanks, the meetup was great!", core.TonePositive, false},
		{"I love this club, see you next week!", core.TonePositive, false},
		{"Great evening! When is the next one?", core.TonePositive, false},
		{"Hello, I'd like to know the price of a day pass.", core.ToneNeutral, false},
		{"I want to know if there is a meetup next week.", core.ToneNeutral, false},
		{"Hi! Do you have Brass in the club library? I'd like to teach it on Thursday.", core.ToneNeutral, false},
		{"I like the new venue a lot.", core.TonePositive, false},
		{"What time does the repair café start? Is it 7 pm like last time?\n\nThanks!\nLaura", core.ToneNeutral, false},
		{"Hi, I don't want to be difficult, but the workshop next door was so loud we could hardly hear each other. Could the two be on different evenings?\n\nThanks for listening,\nBen", core.ToneNegative, false},
		{"Thanks!", core.TonePositive, false},
		// French: "pourriez" (could) is not "pourri", "j'aimerais" (I would
		// like) not "j'aime", "si" (if) no booster
		{"Bonjour, combien coûte l'adhésion annuelle et est-ce que je peux payer par carte ?", core.ToneNeutral, false},
		{"Pourriez-vous m'envoyer la facture du mois dernier ?", core.ToneNeutral, false},
		{"Comment annuler ma réservation ?", core.ToneNeutral, false},
		{"Comment signaler un problème sur le site ?", core.ToneNeutral, false},
		{"Vous ouvrez à quelle heure le samedi ?", core.ToneNeutral, false},
		{"Je peux me faire rembourser si je ne peux pas venir ?", core.ToneNeutral, false},
		{"Pourquoi l'événement est encore en semaine ? C'est injuste.", core.ToneNegative, false},
		{"Vous allez réparer cette appli pourrie un jour ?", core.ToneNegative, false},
		{"L'application plante sans arrêt, c'est nul.", core.ToneNegative, false},
		{"Ferme ta gueule, connard", core.ToneNegative, true},
		{"Super soirée, merci à tous !", core.TonePositive, false},
		{"J'aime beaucoup ce club.", core.TonePositive, false},
		{"J'aimerais adhérer à l'association, comment faire ?", core.ToneNeutral, false},
		{"Je suis venue trois fois et j'aimerais adhérer pour de bon. Quelle est la différence entre les formules ?\n\nMerci beaucoup,\nManon", core.ToneNeutral, false},
		{"Est-il possible de suspendre mon adhésion ? J'aimerais bien garder mon casier.\n\nMerci et à bientôt, Chloé", core.ToneNeutral, false},
		// Russian: "цены" (prices) is not "ценю", "мастер-класс" not "класс!"
		{"Здравствуйте, сколько стоит годовой абонемент и можно ли оплатить картой?", core.ToneNeutral, false},
		{"Как отменить бронь?", core.ToneNeutral, false},
		{"Как записаться на мастер-класс?", core.ToneNeutral, false},
		{"Мастер-классы будут по субботам.", core.ToneNeutral, false},
		{"Цены на билеты уже известны?", core.ToneNeutral, false},
		{"Как сообщить о проблеме с сайтом?", core.ToneNeutral, false},
		{"Почему опять отменили встречу? Это ужасно.", core.ToneNegative, false},
		{"Вы когда-нибудь почините это ужасное приложение?", core.ToneNegative, false},
		{"Цены растут, а качество падает, это ужасно.", core.ToneNegative, false},
		{"Ты идиот", core.ToneNegative, true},
		{"Класс! Отличная встреча, спасибо всем!", core.TonePositive, false},
		{"Очень ценю вашу работу.", core.TonePositive, false},
		{"Подскажите, во сколько начинается вечер? Нужно что-то приносить?\n\nЗаранее спасибо!", core.ToneNeutral, false},
		{"Спасибо, всё отлично!", core.TonePositive, false},
		// Bulgarian: "цената" (the price) is not "ценя", "добър ден" greets
		{"Здравейте, колко струва годишният членски внос и мога ли да платя с карта?", core.ToneNeutral, false},
		{"Напитките включени ли са в цената на билета?", core.ToneNeutral, false},
		{"Добър ден! Как се стига до вас?", core.ToneNeutral, false},
		{"Мога ли да си върна парите, ако не мога да дойда?", core.ToneNeutral, false},
		{"Как да съобщя за проблем със сайта?", core.ToneNeutral, false},
		{"Защо пак отменихте срещата? Ужасно.", core.ToneNegative, false},
		{"Върнете парите, това е измама!", core.ToneNegative, false},
		{"Ти си пълен идиот", core.ToneNegative, true},
		{"Страхотна вечер, благодаря на всички!", core.TonePositive, false},
	}
	a := Default()
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := a.Analyze(tt.text)
			if got.Label() != tt.label || got.Abusive != tt.abusive {
				t.Errorf("Analyze(%q) = %s %s (%.3f) abusive %v, want %s abusive %v", tt.text,
					got.Lang, got.Label(), got.Sentiment, got.Abusive, tt.label, tt.abusive)
			}
		})
	}
}

// What reads as a feeling but is none: a fear of the writer's own loss
// ("I'd hate to lose my locker": a request, not a complaint for the
// moderation queue), a game's save file, a price, an offer of help,
// someone else's hobby, an advertisement; and a question that exclaims
// ("Wasn't that amazing?") keeps its feeling. The complaints, abuse and
// praise beside them keep theirs.
func TestNotAFeeling(t *testing.T) {
	tests := []struct {
		text    string
		label   core.ToneLabel
		abusive bool
	}{
		// a fear of a loss, in a request
		{"Pausing my membership\nHi,\n\nI'm moving for work and won't be able to come for a few months. Can I pause my membership instead of cancelling it? I'd hate to lose my locker.\n\nAll the best,\nEmma", core.ToneNeutral, false},
		{"I'd hate to lose my locker.", core.ToneNeutral, false},
		{"I would hate to lose my spot in the league.", core.ToneNeutral, false},
		{"I wouldn't want to miss the tournament.", core.ToneNeutral, false},
		{"I would really hate to miss the next tournament, can you keep my place?", core.ToneNeutral, false},
		{"It would be a shame to lose the room on Thursdays.", core.ToneNeutral, false},
		{"Je détesterais perdre mon casier.", core.ToneNeutral, false},
		{"Je n'aimerais pas perdre mon casier.", core.ToneNeutral, false},
		{"Ce serait dommage de perdre la salle du jeudi.", core.ToneNeutral, false},
		{"Не хотелось бы терять свой шкафчик.", core.ToneNeutral, false},
		{"Мне бы не хотелось потерять свой шкафчик.", core.ToneNeutral, false},
		{"Было бы жаль потерять место в лиге.", core.ToneNeutral, false},
		{"Не бих искал да загубя шкафчето си.", core.ToneNeutral, false},
		{"Не бих искала да пропусна турнира.", core.ToneNeutral, false},
		{"Би било жалко да загубя мястото си.", core.ToneNeutral, false},
		// ... while hating, and what follows the hypothesis, still complain
		{"I hate this club.", core.ToneNegative, false},
		{"I hate to say it, but the app is broken.", core.ToneNegative, false},
		{"I'd hate to say it, but the app is broken again.", core.ToneNegative, false},
		{"Je déteste ce club.", core.ToneNegative, false},
		{"Je détesterais rater le tournoi, mais c'est nul de le mettre un mardi.", core.ToneNegative, false},
		{"Не хотелось бы пропустить турнир, но это ужасная организация.", core.ToneNegative, false},
		{"Мразя този клуб, ужасна организация.", core.ToneNegative, false},
		// a game's save file, a seat saved, a price
		{"@hearthgame Players report save files lost after today's patch on PC. Is a fix coming? We're covering it in tonight's roundup.", core.ToneNegative, false},
		{"Save the date: the tournament is on May 3.", core.ToneNeutral, false},
		{"Can you save me a seat?", core.ToneNeutral, false},
		{"You saved my evening, thanks!", core.TonePositive, false},
		{"@emmab there is a free one behind the building", core.ToneNeutral, false},
		{"Isn't it free for members?", core.ToneNeutral, false},
		// an offer of help, someone else's hobby
		{"Is the repair café suitable for children?\nHello,\n\nMy daughter is 11 and crazy about building things. Can she come to the repair café with me, or is there a minimum age? Happy to stay with her the whole time.\n\nThanks,\nAnna", core.ToneNeutral, false},
		{"My son loves soldering. Can he come along?", core.ToneNeutral, false},
		{"I'm happy to keep the scores.", core.ToneNeutral, false},
		{"Happy to be here!", core.TonePositive, false},
		{"Glad to have you!", core.TonePositive, false},
		{"My kids love your game nights!", core.TonePositive, false},
		{"Enfants acceptés ?\nBonjour,\n\nMa fille a 11 ans et adore bricoler. Peut-elle m'accompagner pour la soirée jeux jeudi ? Y a-t-il un âge minimum ? Je resterai avec elle tout le temps, bien sûr.\n\nMerci,\nLéa", core.ToneNeutral, false},
		{"J'adore venir ici !", core.TonePositive, false},
		{"Моя дочь обожает мастерить. Можно ей прийти?", core.ToneNeutral, false},
		{"Обожаю ваши вечера!", core.TonePositive, false},
		{"Дъщеря ми обожава да майстори. Може ли да дойде?", core.ToneNeutral, false},
		{"Обожавам вашите вечери!", core.TonePositive, false},
		// an advertisement
		{"@hearthgame Get 10K followers in 24h!!! cheap and safe, DM now", core.ToneNeutral, false},
		{"10K подписчиков за сутки, дёшево и безопасно!!! Пишите в лс", core.ToneNeutral, false},
		{"Buy now, you idiots!", core.ToneNegative, true},
		{"Congratulations! You have been selected for a $500 gift card", core.ToneNeutral, false},
		// a name under a sign-off, an event
		{"Pausing my membership\nHi,\n\nI'm moving for work and won't be able to come for a few months. Can I pause my membership instead of cancelling it? I'd hate to lose my locker.\n\nAll the best,\nGrace", core.ToneNeutral, false},
		{"Is the hall free on Friday?\n\nThanks,\nJoy", core.ToneNeutral, false},
		{"The workshop was cancelled again and I am furious.\n\nRegards,\nJoy", core.ToneNegative, false},
		{"Birthday party\nIs it possible to hold a birthday party for my son (10) at the club?", core.ToneNeutral, false},
		{"Можно ли прийти с ребёнком?\nДобрый день!\n\nМоему сыну 10 лет, он обожает всё мастерить. Можно прийти с ним на турнир в воскресенье? Есть ли возрастные ограничения?\n\nДмитрий", core.ToneNeutral, false},
		// a "but" contrasts within its sentence, not the whole mail
		{"Small bug report: the booking form on the website lists the repair café on the wrong day. It says Wednesday, but your VK post says it's on Friday. Screenshot available if useful.", core.ToneNegative, false},
		{"The evening was great. The room was small, but the games were fun.", core.TonePositive, false},
		{"The app crashed twice. The design is nice, but it is unusable.", core.ToneNegative, false},
		// a word at a line's start or end is read (VADER splits at spaces)
		{"Hello,\nAwful evening.\nBen", core.ToneNegative, false},
		// a question that exclaims
		{"Wasn't that amazing?", core.TonePositive, false},
		{"Isn't it great?", core.TonePositive, false},
		{"It was amazing, wasn't it?", core.TonePositive, false},
		{"Wasn't that awful?", core.ToneNegative, false},
		{"Don't you think this is unfair?", core.ToneNegative, false},
		{"N'était-ce pas génial ?", core.TonePositive, false},
		{"C'était génial, non ?", core.TonePositive, false},
		{"Ce n'était pas génial, non ?", core.ToneNegative, false},
		{"Разве это не здорово?", core.TonePositive, false},
		{"Было здорово, правда?", core.TonePositive, false},
		{"Не беше ли страхотно?", core.TonePositive, false},
		{"Нали беше страхотно?", core.TonePositive, false},
		{"Не беше добре, нали?", core.ToneNegative, false},
	}
	a := Default()
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := a.Analyze(tt.text)
			if got.Label() != tt.label || got.Abusive != tt.abusive {
				t.Errorf("Analyze(%q) = %s %s (%.3f) abusive %v, want %s abusive %v", tt.text,
					got.Lang, got.Label(), got.Sentiment, got.Abusive, tt.label, tt.abusive)
			}
		})
	}
}

// A word written "=word" in a lexicon meets that form only, not the other
// words of its stem, and an entry of weight 0 silences a phrase.
func TestWholeWords(t *testing.T) {
	a, err := New()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Import(Russian, strings.NewReader("s =столы -2\n"), "my.txt"); err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]core.ToneLabel{
		"Столы!":            core.ToneNegative,
		"Стол стоит в зале": core.ToneNeutral, // same stem, another form
	} {
		if got := a.Analyze(text).Label(); got != want {
			t.Errorf("%q: %s, want %s", text, got, want)
		}
	}
	if _, err := a.Import(Russian, strings.NewReader("s =\n"), "my.txt"); err == nil {
		t.Error(`Import("s =") succeeded`)
	}
}

// Sentences that ask are split at their question mark, and a "why"
// makes a question a reproach.
func TestSentences(t *testing.T) {
	got := sentences("Hi! How much is it?! Why is it late? Thanks")
	want := []sentence{{text: "Hi! "}, {text: "How much is it?! ", asks: true}, {text: "Why is it late? "}, {text: "Thanks", courtesy: true}}
	if len(got) != len(want) {
		t.Fatalf("sentences = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("sentence %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}
