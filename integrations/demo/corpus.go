package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
)

// Mailbox names of the demo account.
const (
	inboxBox   = "INBOX"
	sentBox    = "Sent"
	archiveBox = "Archive"
	junkBox    = "Junk"
)

const (
	demoUser = "support@hearth.example"
	// history is how far back the seeded mail reaches.
	history = 45 * 24 * time.Hour
	// archived is how many old, handled messages sit in Archive.
	archived = 12
)

// The PCG seeds: constants, so every demo shows the same mailbox.
const (
	corpusSeed1, corpusSeed2 = 0x48656172746831, 0x4d616b657273
	liveSeed1, liveSeed2     = 0x4c697665, 0x4d61696c
)

// seed is one message placed in a mailbox when the demo starts.
type seed struct {
	mailbox string
	flags   []imap.Flag
	draft   draft
	raw     []byte
}

// generator writes messages; it is not safe for concurrent use.
type generator struct {
	r   *rand.Rand
	now time.Time
}

func newGenerator(now time.Time, s1, s2 uint64) *generator {
	return &generator{r: rand.New(rand.NewPCG(s1, s2)), now: now}
}

// buildCorpus makes the demo mailbox as of now: inboxCount messages in
// INBOX (at least the special ones), plus Sent, Archive and Junk, each
// mailbox in date order. The same now gives the same bytes.
func buildCorpus(now time.Time, inboxCount int) ([]seed, error) {
	g := newGenerator(now.Truncate(time.Minute), corpusSeed1, corpusSeed2)
	seeds := g.specials()
	seeds = append(seeds, g.archive(archived)...)
	regular := max(0, inboxCount-countIn(seeds, inboxBox))
	for range regular {
		seeds = append(seeds, g.regularSeed())
	}
	slices.SortStableFunc(seeds, func(a, b seed) int { return a.draft.date.Compare(b.draft.date) })
	for i := range seeds {
		raw, err := seeds[i].draft.bytes()
		if err != nil {
			return nil, err
		}
		seeds[i].raw = raw
	}
	return seeds, nil
}

func countIn(seeds []seed, mailbox string) int {
	n := 0
	for _, s := range seeds {
		if s.mailbox == mailbox {
			n++
		}
	}
	return n
}

// regularSeed is an everyday message from a random member, in INBOX.
func (g *generator) regularSeed() seed {
	p := pick(g.r, people)
	d := g.memberMessage(p, g.pastDate(p, history))
	return seed{mailbox: inboxBox, flags: g.seenByAge(d.date), draft: d}
}

// memberMessage is a message from p written from one of p's language's
// templates.
func (g *generator) memberMessage(p person, date time.Time) draft {
	t := pick(g.r, languages[p.lang].templates)
	subject, body := t.fill(g.r, p)
	d := draft{from: p, to: support, subject: subject, date: date, id: g.messageID(p, date), text: body}
	if p.client == htmlClient {
		d.html = htmlFromText(body)
	}
	return d
}

// pastDate is a moment within maxAge before now, in p's waking hours and
// time zone. More mail arrived recently than long ago.
func (g *generator) pastDate(p person, maxAge time.Duration) time.Time {
	days := int(math.Pow(g.r.Float64(), 1.6) * maxAge.Hours() / 24)
	return g.dayTime(p, days)
}

// dayTime is a waking-hours moment the given number of days ago.
func (g *generator) dayTime(p person, daysAgo int) time.Time {
	day := g.now.In(p.zone()).AddDate(0, 0, -daysAgo)
	t := time.Date(day.Year(), day.Month(), day.Day(), 7+g.r.IntN(16), g.r.IntN(60), g.r.IntN(60), 0, p.zone())
	if !t.Before(g.now) {
		t = g.now.Add(-time.Duration(5+g.r.IntN(180)) * time.Minute).In(p.zone())
	}
	return t
}

// at is a fixed moment days ago at hh:mm in p's zone, for scripted mail.
func (g *generator) at(p person, daysAgo, hh, mm int) time.Time {
	day := g.now.In(p.zone()).AddDate(0, 0, -daysAgo)
	t := time.Date(day.Year(), day.Month(), day.Day(), hh, mm, 0, 0, p.zone())
	if !t.Before(g.now) {
		t = g.now.Add(-time.Duration(daysAgo+1) * time.Minute).In(p.zone())
	}
	return t
}

// seenByAge marks about a third of the mail read, mostly the older mail.
func (g *generator) seenByAge(date time.Time) []imap.Flag {
	age := g.now.Sub(date)
	chance := 0.05
	switch {
	case age > 14*24*time.Hour:
		chance = 0.4
	case age > 3*24*time.Hour:
		chance = 0.25
	}
	if g.r.Float64() < chance {
		return []imap.Flag{imap.FlagSeen}
	}
	return nil
}

// messageID is a unique id in the sender's domain, as their client makes.
func (g *generator) messageID(p person, date time.Time) string {
	_, domain, _ := strings.Cut(p.addr, "@")
	return fmt.Sprintf("%s.%012x@%s", date.UTC().Format("20060102150405"), g.r.Uint64()>>16, domain)
}

// archive is old mail already handled: read, in Archive, half of it
// answered by support with the answer in Sent.
func (g *generator) archive(n int) []seed {
	var seeds []seed
	for i := range n {
		p := pick(g.r, people)
		d := g.memberMessage(p, g.dayTime(p, 25+g.r.IntN(20)))
		s := seed{mailbox: archiveBox, flags: []imap.Flag{imap.FlagSeen}, draft: d}
		if i%2 == 0 {
			s.flags = append(s.flags, imap.FlagAnswered)
			seeds = append(seeds, g.supportReply(d, languages[p.lang].vocab.reply, 2+g.r.IntN(20)))
		}
		seeds = append(seeds, s)
	}
	return seeds
}

// supportReply is our answer to d, sent hours later, kept in Sent.
func (g *generator) supportReply(to draft, text string, hours int) seed {
	date := officeHours(to.date.Add(time.Duration(hours)*time.Hour + time.Duration(g.r.IntN(60))*time.Minute).UTC())
	if !date.Before(g.now) {
		date = g.now.Add(-time.Duration(1+g.r.IntN(30)) * time.Minute)
	}
	body := strings.ReplaceAll(text, "{first}", to.from.first()) + "\n\n" + quote(to, to.from.lang)
	d := draft{
		from: support, to: to.from, subject: replySubject(to.subject), date: date.UTC(),
		id: g.messageID(support, date), inReplyTo: to.id, refs: append(slices.Clone(to.refs), to.id),
		text: body,
	}
	return seed{mailbox: sentBox, flags: []imap.Flag{imap.FlagSeen}, draft: d}
}

// officeHours moves a time of ours that falls at night to 9 the next
// morning: the community manager sleeps too.
func officeHours(t time.Time) time.Time {
	if h := t.Hour(); h >= 8 && h < 22 {
		return t
	}
	day := t
	if t.Hour() >= 22 {
		day = t.AddDate(0, 0, 1)
	}
	return time.Date(day.Year(), day.Month(), day.Day(), 9, t.Minute(), t.Second(), 0, t.Location())
}

func replySubject(s string) string {
	if strings.HasPrefix(strings.ToLower(s), "re:") {
		return s
	}
	return "Re: " + s
}

// quote is the attribution line and the quoted text a reply in language
// in carries.
func quote(d draft, in lang) string {
	when := d.date.Format("2006-01-02 15:04")
	var head string
	switch in {
	case fr:
		head = fmt.Sprintf("Le %s, %s a écrit :", when, d.from.name)
	case ru:
		head = fmt.Sprintf("%s, %s пишет:", when, d.from.name)
	default:
		head = fmt.Sprintf("On %s, %s wrote:", when, d.from.name)
	}
	lines := strings.Split(strings.TrimSpace(d.text), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, ">") {
			lines[i] = ">" + l // nested quotes stack as ">>"
		} else {
			lines[i] = strings.TrimRight("> "+l, " ")
		}
	}
	return head + "\n" + strings.Join(lines, "\n")
}
