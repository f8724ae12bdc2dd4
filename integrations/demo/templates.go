package demo

import (
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// kind is what a message is about; Hearth's triage (sentiment, rules)
// should treat the kinds differently.
type kind string

const (
	question    kind = "question"
	praise      kind = "praise"
	complaint   kind = "complaint"
	bugReport   kind = "bug"
	partnership kind = "partnership"
	idea        kind = "idea"
	lostItem    kind = "lost"
	leaving     kind = "leaving"
)

// template is one kind of message a member writes. Subject and body hold
// placeholders in braces, filled from the sender and the language's vocab:
// {first} {event} {Event} {day} {time} {project} {game} {tool} {Tool}
// {company}, and the gender endings {a} (Russian) and {e} (French).
type template struct {
	kind    kind
	subject string
	body    string
}

// vocab is what varies between two messages of the same template. Russian
// and French words are chosen so they read right where the templates put
// them (case and article agreement), which is why the lists are short.
type vocab struct {
	events    []string
	days      []string
	times     []string
	games     []string
	tools     []string
	companies []string
	project   string
	mobileSig string
	// thanks are the short answers a person sends after our reply.
	thanks []string
	// reply is what support answers to an archived message.
	reply string
}

// language is everything the generator needs to write in one language.
type language struct {
	templates []template
	vocab     vocab
}

var languages = map[lang]language{
	en: {templatesEN, vocabEN},
	fr: {templatesFR, vocabFR},
	ru: {templatesRU, vocabRU},
}

// fill writes one message of t from p, with words drawn from r.
func (t template) fill(r *rand.Rand, p person) (subject, body string) {
	v := languages[p.lang].vocab
	event, tool := pick(r, v.events), pick(r, v.tools)
	rep := strings.NewReplacer(
		"{first}", p.first(),
		"{event}", event, "{Event}", capitalize(event),
		"{tool}", tool, "{Tool}", capitalize(tool),
		"{day}", pick(r, v.days),
		"{time}", pick(r, v.times),
		"{game}", pick(r, v.games),
		"{company}", pick(r, v.companies),
		"{project}", v.project,
		"{a}", ending(p, "а"),
		"{e}", ending(p, "e"),
	)
	body = rep.Replace(t.body)
	if p.client == mobileClient {
		body += "\n\n" + v.mobileSig
	}
	return rep.Replace(t.subject), body
}

// ending is a gender ending: "ravi{e}", "забыл{a}".
func ending(p person, feminine string) string {
	if p.female {
		return feminine
	}
	return ""
}

func pick[T any](r *rand.Rand, l []T) T {
	return l[r.IntN(len(l))]
}

func capitalize(s string) string {
	c, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(c)) + s[n:]
}
