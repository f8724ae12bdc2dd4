package demo

import (
	"time"

	"github.com/emersion/go-imap/v2"
)

// The scripted messages: each shows one thing Hearth must handle (legacy
// charsets, threads, attachments, hostile HTML, spam, anger).
const (
	threadSubject  = "Joining the arcade cabinet build"
	koi8Subject    = "Взносы за второе полугодие и ключ от мастерской"
	cp1251Subject  = "Предложение: мастер-класс по вязанию для старшего поколения"
	latin1Subject  = "Problème d'accès à l'atelier après 20 h"
	pdfSubject     = "Sponsorship proposal: summer tournament"
	pdfName        = "Oakleaf_Games_sponsorship_proposal.pdf"
	planSubject    = "Схема расстановки столов для турнира"
	planName       = "Схема зала — турнир.png"
	angrySubject   = "UNACCEPTABLE: workshop cancelled and no refund"
	newsletterFrom = "news@tabletop-weekly.example"
)

// Senders that are not members of the community.
var (
	newsletter = person{name: "Tabletop Weekly", addr: newsletterFrom, lang: en}
	spammers   = []person{
		{name: "Rewards Center", addr: "noreply@rewards-center.example", lang: en},
		{name: "Crypto Advisor", addr: "advisor@quickprofit.example", lang: en},
		{name: "Service Colis", addr: "suivi@colis-express.example", lang: fr},
		{name: "Продвижение бизнеса", addr: "promo@seo-top.example", lang: ru},
	}
)

func (g *generator) specials() []seed {
	seeds := g.thread()
	for _, f := range []func() seed{
		g.koi8, g.cp1251, g.latin1, g.pdfProposal, g.floorPlan, g.newsletter, g.angry,
	} {
		seeds = append(seeds, f())
	}
	return append(seeds, g.spam()...)
}

func flags(f ...imap.Flag) []imap.Flag { return f }

// thread is a five-message conversation between a member and support: the
// member's three messages in INBOX, our two replies in Sent.
func (g *generator) thread() []seed {
	priya := mustPerson("priya.raman@devmail.example")
	m1 := g.scripted(priya, g.at(priya, 6, 10, 12), threadSubject, threadTexts[0])
	r1 := g.supportReply(m1, threadTexts[1], 4)
	m2 := g.follow(priya, r1.draft, g.at(priya, 5, 9, 5), threadTexts[2])
	r2 := g.supportReply(m2, threadTexts[3], 33)
	m3 := g.follow(priya, r2.draft, g.at(priya, 2, 21, 47), threadTexts[4])
	return []seed{
		{mailbox: inboxBox, flags: flags(imap.FlagSeen, imap.FlagAnswered), draft: m1},
		r1,
		{mailbox: inboxBox, flags: flags(imap.FlagSeen, imap.FlagAnswered), draft: m2},
		r2,
		{mailbox: inboxBox, draft: m3},
	}
}

// follow is p's answer to our reply: same thread, quoting it.
func (g *generator) follow(p person, ours draft, date time.Time, text string) draft {
	d := g.scripted(p, date, replySubject(ours.subject), text+"\n\n"+quote(ours, p.lang))
	d.inReplyTo = ours.id
	d.refs = append(append([]string(nil), ours.refs...), ours.id)
	return d
}

func (g *generator) scripted(p person, date time.Time, subject, text string) draft {
	return draft{from: p, to: support, subject: subject, date: date, id: g.messageID(p, date), text: text}
}

var threadTexts = [5]string{
	"Hi Hearth Makers,\n\nI saw your post on X about building a community arcade cabinet this " +
		"quarter and I'd love to help. I'm a software developer by day, so I could take care of " +
		"the emulator and the menu system, but I'm also happy to sand plywood if that's what's " +
		"needed :)\n\nHow do I get involved? Is there a group chat or a regular build night?\n\n" +
		"Thanks,\nPriya",
	"Hi {first},\n\nWonderful, thank you! Software is exactly where we need help: the cabinet " +
		"itself is half built, but nobody has touched the Raspberry Pi yet.\n\nThe build group " +
		"meets every Thursday at 7 pm in the back workshop. Come along this week and I'll " +
		"introduce you to Marcus, who leads the project.\n\nSam\nHearth Makers",
	"Thursday works for me. Which Raspberry Pi do you have, and is there a screen yet? If it's a " +
		"Pi 3 I'd go with a lighter frontend than EmulationStation.\n\nShould I bring my own " +
		"laptop and an SD card?\n\nPriya",
	"Hi {first},\n\nWe have a Raspberry Pi 4 (4 GB) and a 19-inch monitor that Oliver donated. " +
		"Do bring your laptop; we have a box of SD cards, so no need for that.\n\nThere's a " +
		"shared project board in our VK group, I've added you as an editor.\n\nSee you Thursday!\n" +
		"Sam\nHearth Makers",
	"Perfect, see you Thursday! I've already flashed a test image at home and the controls work " +
		"with a USB pad. I'll bring it along so we can try it on the real screen.\n\nPriya",
}

// koi8 is from a long-time member whose client still sends KOI8-R, 8-bit.
func (g *generator) koi8() seed {
	p := mustPerson("vkuznetsov@pochta.example")
	d := g.scripted(p, g.at(p, 3, 8, 41), koi8Subject,
		"Добрый день!\n\nПодскажите, пожалуйста, можно ли оплатить членский взнос за второе "+
			"полугодие наличными на месте, или теперь только переводом? И ещё: мне нужен ключ от "+
			"мастерской на выходные, хочу закончить шкаф для настольных игр. К кому обратиться?\n\n"+
			"С уважением,\nВладимир Кузнецов")
	d.charset = "koi8-r"
	d.extra = [][2]string{{"X-Mailer", "The Bat! (v3.51.10) Home"}}
	return seed{mailbox: inboxBox, draft: d}
}

// cp1251 comes from an old Outlook Express, windows-1251, quoted-printable.
func (g *generator) cp1251() seed {
	p := mustPerson("g.zaitseva@yashik.example")
	d := g.scripted(p, g.at(p, 9, 11, 15), cp1251Subject,
		"Здравствуйте, уважаемые организаторы!\n\nМеня зовут Галина Петровна, мне 67 лет, я давно "+
			"вяжу и шью. Внук показал мне вашу группу ВКонтакте. Я бы с удовольствием провела "+
			"бесплатный мастер-класс по вязанию — и для молодёжи, и для таких, как я. Нужны только "+
			"стол и хорошее освещение, спицы и пряжу принесу сама.\n\nЕсли это интересно, ответьте "+
			"мне, пожалуйста, а лучше позвоните по вечерам.\n\nС уважением,\nГалина Петровна Зайцева")
	d.charset = "windows-1251"
	d.extra = [][2]string{{"X-Mailer", "Microsoft Outlook Express 6.00.2900.5512"}}
	return seed{mailbox: inboxBox, flags: flags(imap.FlagSeen), draft: d}
}

// latin1 is French with accents and guillemets in ISO-8859-1.
func (g *generator) latin1() seed {
	p := mustPerson("helene.lefevre@laposte.example")
	d := g.scripted(p, g.at(p, 1, 19, 2), latin1Subject,
		"Bonjour,\n\nDepuis la semaine dernière, mon badge ne fonctionne plus après 20 h : la porte "+
			"de l'atelier reste fermée alors que j'ai payé l'adhésion « soirées ». J'ai dû rentrer "+
			"chez moi sans pouvoir finir ma lampe en bois, c'est un peu dommage.\n\nPourriez-vous "+
			"vérifier mon accès ? Je serai là jeudi à 19 h 30 si ça peut aider.\n\nBien "+
			"cordialement,\nHélène Lefèvre")
	d.charset = "iso-8859-1"
	d.extra = [][2]string{{"X-Mailer", "Microsoft Outlook 14.0"}}
	return seed{mailbox: inboxBox, draft: d}
}

// pdfProposal is a partnership offer with a PDF attached, starred.
func (g *generator) pdfProposal() seed {
	p := mustPerson("noah@oakleafgames.example")
	text := "Hi Sam,\n\nFollowing our chat at the board-game night, please find attached our " +
		"sponsorship proposal for the summer Carcassonne tournament. In short: we provide the " +
		"prizes (12 games), a demo table for our new title, and we pay for printing the posters." +
		"\n\nHappy to adjust anything. Let me know what the committee thinks!\n\nBest,\n" +
		"Noah Fisher\nCommunity partnerships, Oakleaf Games"
	d := g.scripted(p, g.at(p, 8, 16, 30), pdfSubject, text)
	d.html = htmlFromText(text)
	d.attach = []attachment{{name: pdfName, mediaType: "application/pdf", data: buildPDF(
		"Oakleaf Games x Hearth Makers: summer tournament", []string{
			"Prizes: 12 games from our catalogue, first to third place.",
			"Demo table for our new title during the tournament.",
			"Posters and flyers printed at our cost (A3, 50 copies).",
			"In return: logo on the posters and two posts on VK and X.",
			"Contact: Noah Fisher, noah@oakleafgames.example",
		})}}
	return seed{mailbox: inboxBox, flags: flags(imap.FlagSeen, imap.FlagFlagged), draft: d}
}

// floorPlan carries an image whose file name is Cyrillic.
func (g *generator) floorPlan() seed {
	p := mustPerson("artem.vasiliev@pochta.example")
	d := g.scripted(p, g.at(p, 2, 13, 20), planSubject,
		"Привет!\n\nНабросал схему зала для турнира: 12 столов в три ряда, проход к выходу свободен. "+
			"Посмотрите, пожалуйста, влезает ли ещё стол для судьи. Если нужно, переделаю.\n\nАртём")
	d.attach = []attachment{{name: planName, mediaType: "image/png", data: buildFloorPlan()}}
	return seed{mailbox: inboxBox, draft: d}
}

// angry is the furious member whose message must surface first.
func (g *generator) angry() seed {
	p := mustPerson("kdoyle@post.example")
	date := g.now.Add(-3*time.Hour - 17*time.Minute).In(p.zone())
	d := g.scripted(p, date, angrySubject,
		"I am absolutely furious. I paid £45 for the Saturday laser-cutter workshop, took the "+
			"morning off, drove 40 minutes, and found a note on the door saying it was CANCELLED. "+
			"No email, no post on VK, nothing. This is the worst-run club I have ever been part of "+
			"and frankly it feels like a scam.\n\nI want a full refund by Friday. If I don't get one "+
			"I will post about this everywhere: on VK, on X and on every review site I can find. "+
			"Terrible, disrespectful and a complete waste of my time.\n\nKevin Doyle")
	return seed{mailbox: inboxBox, draft: d}
}

// newsletter is HTML only, with remote images, a tracking pixel and
// scripts: Hearth must show it without loading or running any of them.
func (g *generator) newsletter() seed {
	d := g.scripted(newsletter, g.at(newsletter, 4, 7, 0),
		"Tabletop Weekly #87: spring releases and a crowdfunding round-up", "")
	d.html = newsletterHTML
	d.extra = [][2]string{
		{"List-Id", "Tabletop Weekly <weekly.tabletop-weekly.example>"},
		{"List-Unsubscribe", "<https://tabletop-weekly.example/unsubscribe?u=7f3a9c>, <mailto:unsubscribe@tabletop-weekly.example>"},
		{"Precedence", "bulk"},
	}
	return seed{mailbox: inboxBox, draft: d}
}

const newsletterHTML = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Tabletop Weekly #87</title>
<script src="https://cdn.tabletop-weekly.example/js/track.js"></script>
<script>window.tw=window.tw||[];tw.push(["open","87","7f3a9c"]);document.cookie="tw=7f3a9c";</script>
<style>body{font-family:Georgia,serif;background:#f4efe6;color:#222}h1{color:#8a3b12}</style>
</head><body>
<table width="600" align="center" cellpadding="0" cellspacing="0">
<tr><td><img src="https://cdn.tabletop-weekly.example/img/header-87.jpg" width="600" height="180" alt="Tabletop Weekly"></td></tr>
<tr><td>
<h1>Spring releases you should not miss</h1>
<p>Spring is here and so is a wave of new games. This week we played the three most talked-about
releases so you don't have to buy blind.</p>
<img src="https://cdn.tabletop-weekly.example/img/spring-covers.jpg" width="560" alt="Three new game boxes">
<h2>Crowdfunding round-up</h2>
<p>Five campaigns end this month, including a cooperative dungeon crawler that raised its goal in
four hours. <a href="https://tabletop-weekly.example/r/87/crowdfunding?u=7f3a9c">Read the full round-up</a>.</p>
<h2>Community spotlight</h2>
<p>Running a games club? Tell us about your next tournament and we'll feature it here.</p>
<p><a href="https://tabletop-weekly.example/r/87?u=7f3a9c">View in browser</a> ·
<a href="https://tabletop-weekly.example/unsubscribe?u=7f3a9c">Unsubscribe</a></p>
</td></tr></table>
<img src="https://t.tabletop-weekly.example/open.gif?c=87&amp;u=7f3a9c" width="1" height="1" alt="">
<script>fetch("https://t.tabletop-weekly.example/beacon?c=87&u=7f3a9c");</script>
</body></html>
`

// spam is one obvious spam message left in INBOX, the rest already in Junk.
func (g *generator) spam() []seed {
	texts := [][2]string{
		{"Congratulations! You have been selected for a $500 gift card",
			"Dear Customer,\n\nYou have been selected to receive a $500 gift card as a thank you for " +
				"being a loyal user. To claim your reward, confirm your details within 24 hours:\n\n" +
				"http://rewards-center.example/claim?id=88213\n\nThis offer expires soon. Act now!\n\n" +
				"Rewards Center Team"},
		{"Guaranteed 40% monthly returns, only 12 spots left",
			"Hello friend,\n\nOur AI trading robot made 40% EVERY MONTH for our members. No experience " +
				"needed, withdraw anytime. Only 12 spots left for this month!!!\n\nJoin now: " +
				"http://quickprofit.example/join\n\nBest regards,\nMichael, Senior Advisor"},
		{"Votre colis est en attente de livraison",
			"Bonjour,\n\nVotre colis n° FR4471902 n'a pas pu être livré car des frais de douane de 1,99 € " +
				"restent à payer. Réglez-les sous 48 h pour éviter le retour à l'expéditeur :\n\n" +
				"http://colis-express.example/paiement\n\nService Client"},
		{"Увеличим продажи вашего бизнеса в 3 раза!",
			"Здравствуйте!\n\nПродвижение сайтов и групп ВКонтакте под ключ. Гарантируем рост продаж в " +
				"3 раза за месяц или вернём деньги! Только до конца недели скидка 50%.\n\nПодробности: " +
				"http://seo-top.example\n\nС уважением, отдел продаж"},
	}
	seeds := make([]seed, len(texts))
	for i, t := range texts {
		p := spammers[i]
		d := g.scripted(p, g.dayTime(p, 1+g.r.IntN(20)), t[0], t[1])
		seeds[i] = seed{mailbox: junkBox, draft: d}
	}
	seeds[0].mailbox = inboxBox
	seeds[0].draft.date = g.at(spammers[0], 1, 3, 12)
	return seeds
}
