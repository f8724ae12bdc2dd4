package mailparse

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/jaytaylor/html2text"
)

// The stalwart corpus comes with the parse stalwartlabs/mail-parser makes
// of each message (.json; .crlf.json for the same message with CRLF line
// endings). These types read the parts of it compared here.
type swMessage struct {
	TextBody []int    `json:"text_body"`
	Parts    []swPart `json:"parts"`
}

type swPart struct {
	Headers []struct {
		Name  json.RawMessage `json:"name"`
		Value json.RawMessage `json:"value"`
	} `json:"headers"`
	Body map[string]json.RawMessage `json:"body"`
}

type swDate struct {
	Year, Month, Day, Hour, Minute, Second int
	TZBeforeGMT                            bool `json:"tz_before_gmt"`
	TZHour                                 int  `json:"tz_hour"`
	TZMinute                               int  `json:"tz_minute"`
}

// header returns the value of the first header named name (stalwart's
// lower-case names: "subject", "from", "date") as {Type: raw}.
func (p swPart) header(name string) map[string]json.RawMessage {
	for _, h := range p.Headers {
		var n string
		if json.Unmarshal(h.Name, &n) == nil && n == name {
			var v map[string]json.RawMessage
			if json.Unmarshal(h.Value, &v) != nil {
				return nil // "Empty"
			}
			return v
		}
	}
	return nil
}

// expectation is what a reader of the message must see, per stalwart.
type expectation struct {
	subject    string
	hasSubject bool
	from       *core.Person
	date       *time.Time
	texts      []string // each text body part, forwarded messages included
}

func loadExpectation(t *testing.T, path string) expectation {
	t.Helper()
	var m swMessage
	if err := json.Unmarshal(readFile(t, path), &m); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var e expectation
	root := m.Parts[0]
	if v := root.header("subject"); v != nil {
		e.hasSubject = json.Unmarshal(v["Text"], &e.subject) == nil
	}
	e.from = swFrom(root.header("from"))
	e.date = swTime(root.header("date"))
	e.texts = swTexts(t, m)
	return e
}

func swFrom(v map[string]json.RawMessage) *core.Person {
	var a struct {
		List []struct{ Name, Address *string } `json:"List"`
	}
	if v == nil || json.Unmarshal(v["Address"], &a) != nil || len(a.List) == 0 {
		return nil
	}
	var p core.Person
	if a.List[0].Name != nil {
		p.Name = *a.List[0].Name
	}
	if a.List[0].Address != nil {
		p.Address = *a.List[0].Address
	}
	return &p
}

func swTime(v map[string]json.RawMessage) *time.Time {
	var d swDate
	if v == nil || json.Unmarshal(v["DateTime"], &d) != nil {
		return nil
	}
	off := d.TZHour*3600 + d.TZMinute*60
	if d.TZBeforeGMT {
		off = -off
	}
	tm := time.Date(d.Year, time.Month(d.Month), d.Day, d.Hour, d.Minute, d.Second, 0, time.FixedZone("", off))
	return &tm
}

// swTexts collects the text bodies of a message and of the messages
// attached to it (Hearth shows those inline as forwarded blocks). HTML
// bodies are converted with the converter Parse uses: the comparison then
// checks which part was chosen and how its charset was decoded, not the
// converter, whose output legitimately differs from stalwart's.
func swTexts(t *testing.T, m swMessage) []string {
	var out []string
	for _, i := range m.TextBody {
		body := m.Parts[i].Body
		var s string
		switch {
		case json.Unmarshal(body["Text"], &s) == nil:
			out = append(out, s)
		case json.Unmarshal(body["Html"], &s) == nil:
			txt, err := html2text.FromString(s)
			if err != nil {
				t.Fatalf("html2text: %v", err)
			}
			out = append(out, txt)
		}
	}
	for _, p := range m.Parts {
		var nested swMessage
		if raw, ok := p.Body["Message"]; ok && json.Unmarshal(raw, &nested) == nil {
			out = append(out, swTexts(t, nested)...)
		}
	}
	return out
}

// stalwartKnownDiffs are messages where Hearth deliberately reads a field
// differently from stalwart, with the reason.
var stalwartKnownDiffs = map[string]string{
	"legacy/010": rawSubject, "legacy/020": rawSubject, "legacy/022": rawSubject,
	"legacy/027": rawSubject, "legacy/052": rawSubject,
	"malformed/005":  "ambiguous boundaries \"a--\" and \"a----\": the line --a---- closes the outer part for Hearth, opens the inner one for stalwart",
	"malformed/012":  "an inner multipart never closed: Hearth ends it at the outer boundary, stalwart keeps the outer boundary as text",
	"malformed/020":  twoTypes,
	"malformed/021":  twoTypes,
	"legacy/033":     "ISO-8859-1 text labelled UTF-8: stalwart shows U+FFFD, Hearth reads it as windows-1252 and reports that",
	"thirdparty/000": plainAlternatives,
	"thirdparty/001": plainAlternatives,
	"thirdparty/008": "nested alternatives holding plain text at two levels: Hearth shows the last version (RFC 2046), stalwart the first",
}

const (
	rawSubject        = "raw ISO-8859-1 byte in the Subject: stalwart shows U+FFFD, Hearth reads it in the charset the body declares"
	twoTypes          = "two Content-Type fields in one part: Hearth takes the first (multipart/alternative) and shows its HTML version, stalwart the last (text/plain) and shows the raw body"
	plainAlternatives = "an alternative of several text/plain versions: Hearth shows one (the last, RFC 2046), stalwart lists all"
)

// TestStalwart compares subject, sender, date and text with stalwart's
// parse of the same message, for LF and CRLF line endings.
func TestStalwart(t *testing.T) {
	files, _ := filepath.Glob("testdata/stalwart/*/*.eml")
	if len(files) < 100 {
		t.Fatalf("found %d stalwart messages, want 107", len(files))
	}
	var checked, matched int
	for _, path := range files {
		lf := bytes.ReplaceAll(readFile(t, path), []byte("\r\n"), []byte("\n"))
		crlf := bytes.ReplaceAll(lf, []byte("\n"), []byte("\r\n"))
		base := strings.TrimSuffix(path, ".eml")
		key := strings.TrimPrefix(base, "testdata/stalwart/")
		for _, v := range []struct {
			name, json string
			raw        []byte
		}{{"lf", base + ".json", lf}, {"crlf", base + ".crlf.json", crlf}} {
			t.Run(key+"/"+v.name, func(t *testing.T) {
				checked++
				diffs := compareStalwart(Parse(v.raw), loadExpectation(t, v.json))
				why, known := stalwartKnownDiffs[key]
				if len(diffs) == 0 {
					matched++
					if known {
						t.Errorf("matches now: remove it from stalwartKnownDiffs (%s)", why)
					}
					return
				}
				if known {
					t.Skipf("known difference (%s): %s", why, strings.Join(diffs, "; "))
				}
				for _, d := range diffs {
					t.Error(d)
				}
			})
		}
	}
	t.Logf("stalwart: %d of %d parses match (subject, from, date, text)", matched, checked)
}

func compareStalwart(it core.Item, e expectation) []string {
	var diffs []string
	want := e.subject
	if !e.hasSubject || strings.TrimSpace(want) == "" {
		want = noSubject
	}
	if squash(it.Subject) != squash(want) {
		diffs = append(diffs, "subject: got "+quote(it.Subject)+", want "+quote(want))
	}
	if e.from != nil && !strings.EqualFold(it.Author.Address, e.from.Address) {
		diffs = append(diffs, "from address: got "+quote(it.Author.Address)+", want "+quote(e.from.Address))
	}
	if e.from != nil && e.from.Name != "" && squash(it.Author.Name) != squash(e.from.Name) {
		diffs = append(diffs, "from name: got "+quote(it.Author.Name)+", want "+quote(e.from.Name))
	}
	if e.date != nil && !it.CreatedAt.Equal(*e.date) {
		diffs = append(diffs, "date: got "+it.CreatedAt.String()+", want "+e.date.String())
	}
	got := squash(it.Text)
	for _, txt := range e.texts {
		if w := squash(txt); !strings.Contains(got, w) {
			diffs = append(diffs, "text: missing "+quote(clip(w, 200))+"\n in "+quote(clip(got, 400)))
		}
	}
	return diffs
}

// squash normalises whitespace, so that line wrapping and blank lines do
// not count as differences.
func squash(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
