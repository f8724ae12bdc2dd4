package demo

import (
	"strings"
	"time"
)

// lang is the language a demo person writes in.
type lang string

const (
	en lang = "en"
	fr lang = "fr"
	ru lang = "ru"
)

// client is how a person's mail program shapes a message, so the inbox
// shows the mix a real mailbox has: plain text, HTML alternatives, phones.
type client int

const (
	plainClient  client = iota // text/plain only
	htmlClient                 // multipart/alternative, text and HTML
	mobileClient               // text/plain with a "sent from my phone" line
)

// person is one member of the fictional community.
type person struct {
	name   string
	addr   string
	lang   lang
	female bool
	client client
}

const (
	male   = false
	female = true
)

// first is the given name used to sign a message.
func (p person) first() string {
	first, _, _ := strings.Cut(p.name, " ")
	return first
}

// zone is where the person lives, for the Date header's offset.
func (p person) zone() *time.Location {
	switch p.lang {
	case fr:
		return time.FixedZone("CET", 1*3600)
	case ru:
		return time.FixedZone("MSK", 3*3600)
	default:
		return time.FixedZone("GMT", 0)
	}
}

// support is the demo account's own address: replies come from it.
var support = person{name: "Hearth Makers", addr: demoUser, lang: en, client: plainClient}

// people is the community: 60 members who write to support. The ones the
// special messages use are looked up by address (see specials.go).
var people = []person{
	// English
	{"Emily Carter", "emily.carter@inbox.example", en, female, htmlClient},
	{"James O'Brien", "jobrien@inbox.example", en, male, plainClient},
	{"Priya Raman", "priya.raman@devmail.example", en, female, plainClient},
	{"Daniel Hughes", "dan.hughes@inbox.example", en, male, mobileClient},
	{"Sophie Turner", "sophie.t@post.example", en, female, htmlClient},
	{"Marcus Bell", "marcus.bell@post.example", en, male, plainClient},
	{"Hannah Wright", "hannahw@inbox.example", en, female, mobileClient},
	{"Oliver Grant", "oliver.grant@post.example", en, male, htmlClient},
	{"Chloe Bennett", "chloe.bennett@inbox.example", en, female, plainClient},
	{"Ethan Brooks", "ebrooks@devmail.example", en, male, plainClient},
	{"Grace Liu", "grace.liu@inbox.example", en, female, htmlClient},
	{"Tom Fletcher", "tom.fletcher@post.example", en, male, mobileClient},
	{"Amara Okafor", "amara.okafor@inbox.example", en, female, htmlClient},
	{"Liam Walsh", "liam.walsh@post.example", en, male, plainClient},
	{"Rachel Adler", "rachel.adler@inbox.example", en, female, mobileClient},
	{"Noah Fisher", "noah@oakleafgames.example", en, male, htmlClient},
	{"Isabel Moreno", "isabel.moreno@post.example", en, female, plainClient},
	{"Ben Kowalski", "ben.kowalski@inbox.example", en, male, plainClient},
	{"Megan Price", "megan.price@post.example", en, female, htmlClient},
	{"Samir Haddad", "samir.haddad@devmail.example", en, male, plainClient},
	{"Laura Jenkins", "laura.jenkins@inbox.example", en, female, mobileClient},
	{"Kevin Doyle", "kdoyle@post.example", en, male, plainClient},

	// French
	{"Camille Durand", "camille.durand@courriel.example", fr, female, htmlClient},
	{"Julien Moreau", "julien.moreau@courriel.example", fr, male, plainClient},
	{"Léa Fontaine", "lea.fontaine@laposte.example", fr, female, mobileClient},
	{"Hugo Lambert", "hugo.lambert@courriel.example", fr, male, plainClient},
	{"Chloé Girard", "chloe.girard@laposte.example", fr, female, htmlClient},
	{"Mathieu Roux", "mathieu.roux@courriel.example", fr, male, plainClient},
	{"Inès Benali", "ines.benali@laposte.example", fr, female, mobileClient},
	{"Antoine Mercier", "a.mercier@courriel.example", fr, male, htmlClient},
	{"Manon Lefebvre", "manon.lefebvre@laposte.example", fr, female, plainClient},
	{"Thomas Bonnet", "thomas.bonnet@courriel.example", fr, male, mobileClient},
	{"Élodie Garnier", "elodie.garnier@laposte.example", fr, female, htmlClient},
	{"Nicolas Faure", "nicolas.faure@courriel.example", fr, male, plainClient},
	{"Sarah Chevalier", "sarah.chevalier@laposte.example", fr, female, plainClient},
	{"Lucas Perrin", "lucas.perrin@courriel.example", fr, male, htmlClient},
	{"Margaux Blanc", "margaux.blanc@laposte.example", fr, female, mobileClient},
	{"Quentin Robin", "quentin.robin@courriel.example", fr, male, plainClient},
	{"Hélène Lefèvre", "helene.lefevre@laposte.example", fr, female, plainClient},
	{"Baptiste Morel", "baptiste@ludik.example", fr, male, htmlClient},
	{"Amélie Rousseau", "amelie.rousseau@courriel.example", fr, female, plainClient},

	// Russian
	{"Ольга Смирнова", "olga.smirnova@pochta.example", ru, female, htmlClient},
	{"Дмитрий Иванов", "d.ivanov@pochta.example", ru, male, plainClient},
	{"Анна Кузнецова", "anna.kuznetsova@yashik.example", ru, female, mobileClient},
	{"Сергей Попов", "sergey.popov@pochta.example", ru, male, plainClient},
	{"Екатерина Волкова", "kate.volkova@yashik.example", ru, female, htmlClient},
	{"Алексей Соколов", "alexey.sokolov@pochta.example", ru, male, plainClient},
	{"Мария Лебедева", "maria.lebedeva@yashik.example", ru, female, mobileClient},
	{"Иван Козлов", "ivan.kozlov@pochta.example", ru, male, plainClient},
	{"Наталья Новикова", "n.novikova@yashik.example", ru, female, htmlClient},
	{"Павел Морозов", "pavel.morozov@pochta.example", ru, male, mobileClient},
	{"Татьяна Павлова", "tatiana.pavlova@yashik.example", ru, female, plainClient},
	{"Андрей Фёдоров", "andrey.fedorov@pochta.example", ru, male, htmlClient},
	{"Юлия Михайлова", "julia.mikhailova@yashik.example", ru, female, plainClient},
	{"Никита Орлов", "nikita.orlov@pochta.example", ru, male, mobileClient},
	{"Ксения Белова", "ksenia.belova@yashik.example", ru, female, htmlClient},
	{"Владимир Кузнецов", "vkuznetsov@pochta.example", ru, male, plainClient},
	{"Галина Зайцева", "g.zaitseva@yashik.example", ru, female, plainClient},
	{"Артём Васильев", "artem.vasiliev@pochta.example", ru, male, plainClient},
	{"Елена Соловьёва", "elena.solovyova@yashik.example", ru, female, htmlClient},
}

// personByAddr finds a member by e-mail address, case-insensitively.
func personByAddr(addr string) (person, bool) {
	for _, p := range people {
		if strings.EqualFold(p.addr, addr) {
			return p, true
		}
	}
	return person{}, false
}

// mustPerson is for the fixed cast of the special messages: a typo there is
// a programming error that every test run catches.
func mustPerson(addr string) person {
	p, ok := personByAddr(addr)
	if !ok {
		panic("demo: no person " + addr)
	}
	return p
}
