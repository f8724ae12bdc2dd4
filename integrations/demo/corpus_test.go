package demo

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset"
	gomail "github.com/emersion/go-message/mail"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// testNow is the demo's present in tests: fixed, so content is comparable.
var testNow = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

func corpus(t *testing.T, inbox int) []seed {
	t.Helper()
	seeds, err := buildCorpus(testNow, inbox)
	if err != nil {
		t.Fatalf("buildCorpus: %v", err)
	}
	return seeds
}

func TestCorpusMailboxSizes(t *testing.T) {
	specialsInInbox := countIn(newGenerator(testNow, 1, 1).specials(), inboxBox)
	tests := []struct {
		name      string
		messages  int
		wantInbox int
	}{
		{"default size", 200, 200},
		{"small demo", 40, 40},
		{"fewer than the scripted messages", 3, specialsInInbox},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			seeds := corpus(t, tt.messages)
			got := map[string]int{}
			for _, s := range seeds {
				got[s.mailbox]++
			}
			want := map[string]int{inboxBox: tt.wantInbox, sentBox: 2 + archived/2, archiveBox: archived, junkBox: len(spammers) - 1}
			for mb, n := range want {
				if got[mb] != n {
					t.Errorf("%s holds %d messages, want %d", mb, got[mb], n)
				}
			}
		})
	}
}

func TestCorpusIsDeterministic(t *testing.T) {
	a, b := corpus(t, 200), corpus(t, 200)
	for i := range a {
		if !bytes.Equal(a[i].raw, b[i].raw) || !slices.Equal(a[i].flags, b[i].flags) {
			t.Fatalf("message %d differs between two builds with the same now", i)
		}
	}
	later, err := buildCorpus(testNow.Add(24*time.Hour), 200)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a[0].raw, later[0].raw) {
		t.Error("a later now gives the same first message; dates should follow now")
	}
}

func TestCorpusLooksLikeACommunity(t *testing.T) {
	seeds := corpus(t, 200)
	senders := map[string]bool{}
	langs := map[lang]int{}
	seen, inbox := 0, 0
	for _, s := range seeds {
		if _, member := personByAddr(s.draft.from.addr); member {
			senders[s.draft.from.addr] = true
		}
		if s.mailbox != inboxBox {
			continue
		}
		inbox++
		langs[s.draft.from.lang]++
		if slices.Contains(s.flags, imap.FlagSeen) {
			seen++
		}
	}
	if len(senders) < 55 {
		t.Errorf("%d distinct members wrote, want about 60", len(senders))
	}
	for _, l := range []lang{en, fr, ru} {
		if share := float64(langs[l]) / float64(inbox); share < 0.2 {
			t.Errorf("%s is %.0f%% of INBOX, want at least 20%%", l, 100*share)
		}
	}
	if ratio := float64(seen) / float64(inbox); ratio < 0.2 || ratio > 0.4 {
		t.Errorf("%.0f%% of INBOX is seen, want about 30%%", 100*ratio)
	}
}

func TestCorpusDatesAreInThePastInOrder(t *testing.T) {
	last := map[string]time.Time{}
	for _, s := range corpus(t, 200) {
		d := s.draft.date
		if !d.Before(testNow) || d.Before(testNow.Add(-history-24*time.Hour)) {
			t.Errorf("%q is dated %v, want within 45 days before %v", s.draft.subject, d, testNow)
		}
		if d.Before(last[s.mailbox]) {
			t.Errorf("%s: %q is older than the message before it", s.mailbox, s.draft.subject)
		}
		last[s.mailbox] = d
	}
}

// Every message must be well-formed MIME that a mail reader decodes.
func TestCorpusMessagesParse(t *testing.T) {
	for _, s := range corpus(t, 200) {
		if err := checkWellFormed(s.raw); err != nil {
			t.Errorf("%s %q: %v", s.mailbox, s.draft.subject, err)
		}
	}
}

func checkWellFormed(raw []byte) error {
	for i, line := range bytes.Split(raw, []byte("\r\n")) {
		if len(line) > 998 || bytes.ContainsRune(line, '\n') {
			return fmt.Errorf("line %d is too long or has a bare LF", i+1)
		}
	}
	r, err := gomail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		return fmt.Errorf("read: %w", err)
	}
	for _, field := range []string{"Date", "Message-Id", "From", "To", "Subject"} {
		if r.Header.Get(field) == "" {
			return fmt.Errorf("no %s header", field)
		}
	}
	if _, err := r.Header.Subject(); err != nil {
		return fmt.Errorf("subject: %w", err)
	}
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("part: %w", err)
		}
		if _, err := io.ReadAll(p.Body); err != nil {
			return fmt.Errorf("part body: %w", err)
		}
	}
}

func TestLegacyCharsets(t *testing.T) {
	seeds := corpus(t, 200)
	tests := []struct {
		subject, charset, cte string
	}{
		{koi8Subject, "koi8-r", "8bit"},
		{cp1251Subject, "windows-1251", "quoted-printable"},
		{latin1Subject, "iso-8859-1", "quoted-printable"},
	}
	for _, tt := range tests {
		t.Run(tt.charset, func(t *testing.T) {
			s := findSeed(t, seeds, tt.subject)
			ent, err := message.Read(bytes.NewReader(s.raw))
			if err != nil {
				t.Fatalf("read: %v", err)
			}
			if _, params, _ := ent.Header.ContentType(); params["charset"] != tt.charset {
				t.Errorf("charset %q, want %q", params["charset"], tt.charset)
			}
			if got := ent.Header.Get("Content-Transfer-Encoding"); got != tt.cte {
				t.Errorf("transfer encoding %q, want %q", got, tt.cte)
			}
			subject, err := (&gomail.Header{Header: ent.Header}).Subject()
			if err != nil || subject != tt.subject {
				t.Errorf("subject decodes to %q (%v), want %q", subject, err, tt.subject)
			}
			body, err := io.ReadAll(ent.Body) // go-message decodes the charset to UTF-8
			if err != nil || strings.TrimSpace(strings.ReplaceAll(string(body), "\r\n", "\n")) != s.draft.text {
				t.Errorf("body decodes to %q (%v), want the original text", body, err)
			}
		})
	}
}

// The KOI8-R body goes over the wire as KOI8-R bytes, as old clients sent it.
func TestKOI8BodyIsRawKOI8(t *testing.T) {
	s := findSeed(t, corpus(t, 200), koi8Subject)
	_, body, _ := bytes.Cut(s.raw, []byte("\r\n\r\n"))
	want, err := encodeLegacy("koi8-r", "С уважением")
	if err != nil {
		t.Fatal(err)
	}
	if utf8.Valid(body) || !bytes.Contains(body, []byte(want)) {
		t.Errorf("body is not raw KOI8-R: %q", body[:min(len(body), 80)])
	}
}

func TestThreadHeadersChain(t *testing.T) {
	var thread []seed
	for _, s := range corpus(t, 200) {
		if strings.HasSuffix(s.draft.subject, threadSubject) {
			thread = append(thread, s)
		}
	}
	checkThread(t, threadDrafts(thread))
	wantBoxes := []string{inboxBox, sentBox, inboxBox, sentBox, inboxBox}
	for i, s := range thread {
		if i < len(wantBoxes) && s.mailbox != wantBoxes[i] {
			t.Errorf("message %d of the thread is in %s, want %s", i+1, s.mailbox, wantBoxes[i])
		}
	}
}

func threadDrafts(seeds []seed) []threadMsg {
	out := make([]threadMsg, len(seeds))
	for i, s := range seeds {
		out[i] = threadMsg{id: s.draft.id, inReplyTo: s.draft.inReplyTo, refs: s.draft.refs}
	}
	return out
}

type threadMsg struct {
	id, inReplyTo string
	refs          []string
}

// checkThread checks a conversation in date order: each message answers
// the one before and references all before it.
func checkThread(t *testing.T, msgs []threadMsg) {
	t.Helper()
	if len(msgs) != 5 {
		t.Fatalf("the thread has %d messages, want 5", len(msgs))
	}
	var ids []string
	for i, m := range msgs {
		if i > 0 && m.inReplyTo != ids[i-1] {
			t.Errorf("message %d: In-Reply-To %q, want %q", i+1, m.inReplyTo, ids[i-1])
		}
		if !slices.Equal(m.refs, ids) {
			t.Errorf("message %d: References %q, want %q", i+1, m.refs, ids)
		}
		ids = append(ids, m.id)
	}
}

func TestGoldenSummary(t *testing.T) {
	var b strings.Builder
	for _, s := range corpus(t, 200) {
		fmt.Fprintf(&b, "%-7s %s %-16s %-32s %s\n", s.mailbox, s.draft.date.UTC().Format("01-02 15:04"),
			flagString(s.flags), s.draft.from.addr, s.draft.subject)
	}
	golden(t, "corpus.golden", b.String())
}

func flagString(fl []imap.Flag) string {
	if len(fl) == 0 {
		return "-"
	}
	parts := make([]string, len(fl))
	for i, f := range fl {
		parts[i] = strings.TrimPrefix(string(f), `\`)
	}
	return strings.Join(parts, ",")
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the demo content; review with -update and git diff", path)
	}
}

func findSeed(t *testing.T, seeds []seed, subject string) seed {
	t.Helper()
	for _, s := range seeds {
		if s.draft.subject == subject {
			return s
		}
	}
	t.Fatalf("no message with subject %q", subject)
	return seed{}
}
