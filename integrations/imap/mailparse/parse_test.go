package mailparse

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/hearthhq/hearth/core"
)

// msg builds a raw message from header lines and a body, with CRLF.
func msg(body string, header ...string) []byte {
	return []byte(strings.Join(header, "\r\n") + "\r\n\r\n" + body)
}

func TestParseBody(t *testing.T) {
	tests := []struct {
		name      string
		raw       []byte
		text      []string // parts the text must contain
		notText   []string // parts it must not contain
		atts      []string // "name type size"
		problems  []string // parts of the expected problems; none others allowed
		noProblem bool
	}{
		{
			name: "alternative shows the plain version",
			raw: msg("--a\r\nContent-Type: text/html\r\n\r\n<p>HTML version</p>\r\n--a\r\nContent-Type: text/plain\r\n\r\nPlain version\r\n--a--\r\n",
				"Subject: s", `Content-Type: multipart/alternative; boundary="a"`),
			text: []string{"Plain version"}, notText: []string{"HTML version"}, noProblem: true,
		},
		{
			name: "alternative with an empty plain version shows the HTML",
			raw: msg("--a\r\nContent-Type: text/plain\r\n\r\n \r\n--a\r\nContent-Type: text/html\r\n\r\n<p>HTML version</p>\r\n--a--\r\n",
				"Subject: s", `Content-Type: multipart/alternative; boundary="a"`),
			text: []string{"HTML version"}, noProblem: true,
		},
		{
			name: "attachment in the version not shown is still listed",
			raw: msg("--a\r\nContent-Type: text/plain\r\n\r\nPlain\r\n--a\r\nContent-Type: multipart/mixed; boundary=m\r\n\r\n"+
				"--m\r\nContent-Type: text/html\r\n\r\n<p>HTML</p>\r\n--m\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=a.pdf\r\n\r\n%PDF\r\n--m--\r\n--a--\r\n",
				"Subject: s", `Content-Type: multipart/alternative; boundary="a"`),
			text: []string{"Plain"}, notText: []string{"HTML"}, atts: []string{"a.pdf application/pdf 4"}, noProblem: true,
		},
		{
			name: "alternative whose HTML version is only an image lists the image",
			raw: msg("--a\r\nContent-Type: text/plain\r\n\r\n\r\n--a\r\nContent-Type: multipart/related; boundary=r\r\n\r\n"+
				"--r\r\nContent-Type: text/html\r\n\r\n<p><img src=\"cid:i\"></p>\r\n--r\r\nContent-Type: image/png; name=pic.png\r\nContent-ID: <i>\r\n\r\nPNG\r\n--r--\r\n--a--\r\n",
				"Subject: s", `Content-Type: multipart/alternative; boundary="a"`),
			atts: []string{"pic.png image/png 3"}, noProblem: true,
		},
		{
			name: "mixed joins inline text and lists files",
			raw: msg("--m\r\nContent-Type: text/plain\r\n\r\nFirst\r\n--m\r\nContent-Type: text/plain; name=notes.txt\r\nContent-Disposition: attachment; filename=notes.txt\r\n\r\nsecret notes\r\n"+
				"--m\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--m\r\n\r\nSecond, without a Content-Type\r\n--m--\r\n",
				"Subject: s", "Content-Type: multipart/mixed; boundary=m"),
			text: []string{"First\n\nSecond, without a Content-Type"}, notText: []string{"secret notes"},
			atts: []string{"notes.txt text/plain 12", "part 3.png image/png 8"}, noProblem: true,
		},
		{
			name: "related shows the root and lists its images",
			raw: msg("--r\r\nContent-Type: text/html\r\n\r\n<p>Look <img src=\"cid:logo\"></p>\r\n--r\r\nContent-Type: image/gif\r\nContent-ID: <logo>\r\n\r\nGIF89a\r\n--r--\r\n",
				"Subject: s", "Content-Type: multipart/related; boundary=r"),
			text: []string{"Look"}, notText: []string{"cid:"}, atts: []string{"part 2.gif image/gif 6"}, noProblem: true,
		},
		{
			name: "HTML drops scripts, styles and images, keeps links",
			raw: msg(`<html><head><style>.x{}</style><script>steal()</script></head><body><img src="https://t.example/p.gif">`+
				`<p>Read <a href="https://example.org/a">the article</a></p><script>more()</script></body></html>`,
				"Subject: s", "Content-Type: text/html; charset=utf-8"),
			text:    []string{"Read the article ( https://example.org/a )"},
			notText: []string{"steal", "more()", ".x{}", "t.example"}, noProblem: true,
		},
		{
			name: "HTML nested deeper than the HTML parser allows has its tags stripped",
			raw: msg("<style>x{}</style>"+strings.Repeat("<div>", 600)+"deep &amp; still readable",
				"Subject: s", "Content-Type: text/html"),
			text: []string{"deep & still readable"}, notText: []string{"<div>", "x{}"},
			problems: []string{"its tags are stripped"},
		},
		{
			name: "HTML without a MIME charset uses its meta charset",
			raw: msg("<html><head><meta charset=\"windows-1251\"></head><body>\xcf\xf0\xe8\xe2\xe5\xf2</body></html>",
				"Subject: s", "Content-Type: text/html"),
			text: []string{"Привет"}, noProblem: true,
		},
		{
			name: "text labelled UTF-8 that is not is read as windows-1252",
			raw:  msg("caf\xe9 cr\xe8me", "Subject: s", "Content-Type: text/plain; charset=utf-8"),
			text: []string{"café crème"}, problems: []string{"part 1 (text/plain; charset=utf-8): the text is not valid UTF-8; read as windows-1252"},
		},
		{
			name: "unknown charset is shown undecoded and reported",
			raw:  msg("hello", "Subject: s", "Content-Type: text/plain; charset=x-unknown"),
			text: []string{"hello"}, problems: []string{"part 1 (text/plain; charset=x-unknown): unknown charset, shown undecoded"},
		},
		{
			name: "unknown transfer encoding is shown undecoded and reported",
			raw:  msg("hello", "Subject: s", "Content-Transfer-Encoding: x-gzip64"),
			text: []string{"hello"}, problems: []string{`unknown transfer encoding "x-gzip64"`},
		},
		{
			name: "multipart without any boundary line is shown as text",
			raw:  msg("just text", "Subject: s", "Content-Type: multipart/mixed; boundary=zz"),
			text: []string{"just text"}, problems: []string{"no parts found"},
		},
		{
			name: "multipart with a lost boundary parameter",
			raw:  msg("--guess\r\nContent-Type: text/plain\r\n\r\nfound it\r\n--guess--\r\n", "Subject: s", "Content-Type: multipart/mixed"),
			text: []string{"found it"}, notText: []string{"--guess"}, noProblem: true,
		},
		{
			name: "encrypted message is reported, its parts listed",
			raw: msg("--e\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n--e\r\nContent-Type: application/octet-stream\r\n\r\n-----BEGIN PGP MESSAGE-----\r\n--e--\r\n",
				"Subject: s", `Content-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary=e`),
			atts: []string{"part 1 application/pgp-encrypted 10", "part 2 application/octet-stream 27"}, problems: []string{"encrypted"},
		},
		{
			name:     "empty body is explained",
			raw:      msg("", "Subject: s", "From: a@example.org", "Date: Mon, 1 Jan 2024 00:00:00 +0000"),
			problems: []string{"the message has no text and no attachments"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := Parse(tt.raw)
			for _, want := range tt.text {
				if !strings.Contains(it.Text, want) {
					t.Errorf("text %q does not contain %q", it.Text, want)
				}
			}
			for _, bad := range tt.notText {
				if strings.Contains(it.Text, bad) {
					t.Errorf("text %q contains %q", it.Text, bad)
				}
			}
			checkAttachments(t, it.Attachments, tt.atts)
			checkProblems(t, it.Problems, tt.problems, tt.noProblem)
		})
	}
}

func checkAttachments(t *testing.T, got []core.Attachment, want []string) {
	t.Helper()
	var names []string
	for _, a := range got {
		names = append(names, fmt.Sprintf("%s %s %d", a.Name, a.MIMEType, a.Size))
	}
	if strings.Join(names, ", ") != strings.Join(want, ", ") {
		t.Errorf("attachments %q, want %q", names, want)
	}
}

// checkProblems wants each expected fragment in some problem; the
// problems of a message without sender or date are ignored here.
func checkProblems(t *testing.T, got, want []string, none bool) {
	t.Helper()
	var rest []string
	for _, p := range got {
		if !strings.HasPrefix(p, "from:") && !strings.HasPrefix(p, "date:") {
			rest = append(rest, p)
		}
	}
	all := strings.Join(rest, "\n")
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("problems %q, want one containing %q", rest, w)
		}
	}
	if none && len(rest) > 0 {
		t.Errorf("problems %q, want none", rest)
	}
}

func TestParseHeaders(t *testing.T) {
	tests := []struct {
		name     string
		raw      []byte
		subject  string
		author   string
		to       string
		text     string
		problems []string
	}{
		{
			name:    "encoded words in two charsets",
			raw:     msg("x", "Subject: =?UTF-8?Q?caf=C3=A9?= =?ISO-8859-1?Q?_cr=E8me?=", "From: =?KOI8-R?B?6dfBzg==?= <ivan@example.ru>"),
			subject: "café crème", author: "Иван <ivan@example.ru>", text: "x",
		},
		{
			name:    "raw 8-bit subject read in the body's charset",
			raw:     msg("\xf0\xd2\xc9\xd7\xc5\xd4", "Subject: \xf0\xd2\xc9\xd7\xc5\xd4", "From: a@example.org", "Content-Type: text/plain; charset=koi8-r"),
			subject: "Привет", author: "a@example.org", text: "Привет",
		},
		{
			name:    "raw 8-bit subject without any charset",
			raw:     msg("x", "Subject: caf\xe9", "From: a@example.org"),
			subject: "café", author: "a@example.org", text: "x",
			problems: []string{"subject: raw 8-bit text without a charset, read as windows-1252"},
		},
		{
			name:    "unescaped 8-bit byte inside a Q encoded word",
			raw:     msg("x", "Subject: =?iso-8859-1?Q?Fr\xf6sche?=", "From: a@example.org"),
			subject: "Frösche", author: "a@example.org", text: "x",
		},
		{
			name:    "no subject",
			raw:     msg("x", "From: a@example.org", "Subject:   "),
			subject: "(no subject)", author: "a@example.org", text: "x",
		},
		{
			name:    "sender when From is missing",
			raw:     msg("x", "Subject: s", "Sender: List <list@example.org>", "Return-Path: <bounce@example.org>"),
			subject: "s", author: "List <list@example.org>", text: "x",
		},
		{
			name:    "return path when From and Sender are missing",
			raw:     msg("x", "Subject: s", "Return-Path: <bounce@example.org>"),
			subject: "s", author: "bounce@example.org", text: "x",
		},
		{
			name:    "names go-message refuses",
			raw:     msg("x", "Subject: s", "From: John Q. Public <jqp@example.org>", "To: undisclosed-recipients:;", "Cc: a@example.org (Ann), Bob bob@example.org"),
			subject: "s", author: "John Q. Public <jqp@example.org>", to: "Ann <a@example.org>, Bob <bob@example.org>", text: "x",
		},
		{
			name:    "mbox From line and a junk line inside the header",
			raw:     []byte("From sender@example.org Mon Jan  1 00:00:00 2024\nReceived: by x\njunk line without colon\nSubject: still read\nFrom: a@example.org\n\nbody\n"),
			subject: "still read", author: "a@example.org", text: "body",
		},
		{
			name:    "body without the blank line after the header",
			raw:     []byte("Subject: hurried\nFrom: a@example.org\nHello there,\nsee you.\n"),
			subject: "hurried", author: "a@example.org", text: "Hello there,\nsee you.",
			problems: []string{"the body is taken to start there"},
		},
		{
			name:    "header only",
			raw:     []byte("Subject: only a header\nFrom: a@example.org"),
			subject: "only a header", author: "a@example.org",
			problems: []string{"no text"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := Parse(tt.raw)
			var to []string
			for _, p := range it.To {
				to = append(to, p.String())
			}
			if it.Subject != tt.subject || it.Author.String() != tt.author || strings.Join(to, ", ") != tt.to || it.Text != tt.text {
				t.Errorf("got subject %q author %q to %q text %q\nwant subject %q author %q to %q text %q",
					it.Subject, it.Author, to, it.Text, tt.subject, tt.author, tt.to, tt.text)
			}
			checkProblems(t, it.Problems, tt.problems, len(tt.problems) == 0)
		})
	}
}

// TestLimits feeds pathological structures: each must end quickly with
// what fits shown and a problem saying what was left out.
func TestLimits(t *testing.T) {
	deep := func(n int) []byte {
		var b bytes.Buffer
		b.WriteString("Subject: deep\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "--b%d\r\nContent-Type: multipart/mixed; boundary=b%d\r\n\r\n", i, i+1)
		}
		fmt.Fprintf(&b, "--b%d\r\nContent-Type: text/plain\r\n\r\ninnermost\r\n", n)
		return b.Bytes()
	}
	many := func(n int) []byte {
		var b bytes.Buffer
		b.WriteString("Subject: many\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "--b\r\nContent-Type: text/plain\r\n\r\npart %d\r\n", i)
		}
		b.WriteString("--b--\r\n")
		return b.Bytes()
	}
	// Alternatives of alternatives, none with text: trying each version
	// must not multiply the work per level.
	nestedAlt := func(n int) []byte {
		var b bytes.Buffer
		b.WriteString("Subject: alt\r\nContent-Type: multipart/alternative; boundary=a0\r\n\r\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "--a%d\r\nContent-Type: image/png\r\n\r\nx\r\n--a%d\r\nContent-Type: multipart/alternative; boundary=a%d\r\n\r\n", i, i, i+1)
		}
		return b.Bytes()
	}
	huge := append([]byte("Subject: huge\r\n\r\n"), bytes.Repeat([]byte("0123456789 abcdefghi\n"), (maxTextBytes/20)+1000)...)
	tests := []struct {
		name, text, problem string
		raw                 []byte
	}{
		{"nesting", "", "nested more than 20 levels deep", deep(40)},
		{"nesting within the limit", "innermost", "", deep(15)},
		{"parts", "part 990", "more than 1000 parts", many(1500)},
		{"alternatives", "", "", nestedAlt(200)},
		{"text size", "0123456789", "the text is longer than 20 MB", huge},
		{"html size", "hello", "the HTML is longer than 2 MB", append([]byte("Subject: h\r\nContent-Type: text/html\r\n\r\n"),
			bytes.Repeat([]byte("<p>hello <b>world</b></p>\n"), 3<<20/26)...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := Parse(tt.raw)
			if !strings.Contains(it.Text, tt.text) || len(it.Text) > maxTextBytes {
				t.Errorf("text (%d bytes) does not contain %q or is over the budget", len(it.Text), tt.text)
			}
			if tt.problem != "" && !strings.Contains(strings.Join(it.Problems, "\n"), tt.problem) {
				t.Errorf("problems %q, want one containing %q", it.Problems, tt.problem)
			}
			checkInvariants(t, it.Subject, it.Text, it.Snippet, it.Problems)
		})
	}
}

// TestProblemCap keeps the list a person reads short: a message with a
// broken attachment in each of 50 parts lists 20 and counts the rest.
func TestProblemCap(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("Subject: s\r\nFrom: a@example.org\r\nDate: Mon, 1 Jan 2024 00:00:00 +0000\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n")
	for i := 0; i < 50; i++ {
		b.WriteString("--b\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!\r\n")
	}
	it := Parse(b.Bytes())
	if len(it.Problems) != maxProblems+1 || it.Problems[maxProblems] != "and 30 more problems" {
		t.Errorf("got %d problems ending %q, want %d and \"and 30 more problems\"", len(it.Problems), it.Problems[len(it.Problems)-1], maxProblems+1)
	}
}
