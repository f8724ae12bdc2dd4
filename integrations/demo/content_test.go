package demo

import (
	"bytes"
	"fmt"
	"image/png"
	"io"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/emersion/go-message"
	gomail "github.com/emersion/go-message/mail"
)

// Every template reads as finished text for every sender: no placeholder
// is left and gendered endings are filled.
func TestTemplatesFillCompletely(t *testing.T) {
	leftover := regexp.MustCompile(`\{[a-zA-Z]+\}`)
	r := rand.New(rand.NewPCG(1, 2))
	for _, p := range people {
		for i, tmpl := range languages[p.lang].templates {
			subject, body := tmpl.fill(r, p)
			if m := leftover.FindString(subject + body); m != "" {
				t.Errorf("%s template %d from %s leaves %s", p.lang, i, p.name, m)
			}
		}
	}
}

func TestGenderEndings(t *testing.T) {
	tests := []struct {
		lang   lang
		female bool
		tmpl   string
		want   string
	}{
		{ru, false, "Забыл{a} куртку", "Забыл куртку"},
		{ru, true, "Забыл{a} куртку", "Забыла куртку"},
		{fr, false, "ravi{e}", "ravi"},
		{fr, true, "ravi{e}", "ravie"},
	}
	for _, tt := range tests {
		p := person{name: "A B", lang: tt.lang, female: tt.female}
		got, _ := template{subject: tt.tmpl}.fill(rand.New(rand.NewPCG(1, 1)), p)
		if got != tt.want {
			t.Errorf("%s female=%v: %q, want %q", tt.lang, tt.female, got, tt.want)
		}
	}
}

func TestAttachments(t *testing.T) {
	seeds := corpus(t, 200)
	tests := []struct {
		subject, filename, mediaType string
		check                        func([]byte) error
	}{
		{pdfSubject, pdfName, "application/pdf", checkPDF},
		{planSubject, planName, "image/png", func(b []byte) error {
			_, err := png.Decode(bytes.NewReader(b))
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.mediaType, func(t *testing.T) {
			name, mediaType, data := onlyAttachment(t, findSeed(t, seeds, tt.subject).raw)
			if name != tt.filename || mediaType != tt.mediaType {
				t.Errorf("attachment %q (%s), want %q (%s)", name, mediaType, tt.filename, tt.mediaType)
			}
			if err := tt.check(data); err != nil {
				t.Errorf("attachment content: %v", err)
			}
		})
	}
}

func onlyAttachment(t *testing.T, raw []byte) (name, mediaType string, data []byte) {
	t.Helper()
	r, err := gomail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			t.Fatal("no attachment")
		}
		if err != nil {
			t.Fatal(err)
		}
		if h, ok := p.Header.(*gomail.AttachmentHeader); ok {
			name, _ = h.Filename()
			mediaType, _, _ = h.ContentType()
			data, err = io.ReadAll(p.Body)
			if err != nil {
				t.Fatal(err)
			}
			return name, mediaType, data
		}
	}
}

// checkPDF checks the structure a viewer relies on: header, trailer and
// an xref table whose offsets point at the objects.
func checkPDF(b []byte) error {
	if !bytes.HasPrefix(b, []byte("%PDF-1.")) || !bytes.HasSuffix(b, []byte("%%EOF\n")) {
		return fmt.Errorf("no PDF header or trailer")
	}
	tail := strings.Fields(string(b[bytes.LastIndex(b, []byte("startxref")):]))
	xref, err := strconv.Atoi(tail[1])
	if err != nil {
		return fmt.Errorf("startxref: %w", err)
	}
	if !bytes.HasPrefix(b[xref:], []byte("xref")) {
		return fmt.Errorf("startxref %d does not point at the xref table", xref)
	}
	lines := strings.Split(string(b[xref:]), "\n")[3:] // after "xref", "0 N", the free entry
	for i := 1; strings.HasSuffix(lines[i-1], " n "); i++ {
		off, err := strconv.Atoi(strings.Fields(lines[i-1])[0]) // zero-padded decimal
		if err != nil {
			return fmt.Errorf("xref entry %d: %w", i, err)
		}
		if want := fmt.Sprintf("%d 0 obj", i); !bytes.HasPrefix(b[off:], []byte(want)) {
			return fmt.Errorf("xref entry %d points at %q", i, b[off:off+10])
		}
	}
	return nil
}

// The newsletter is the hostile case: HTML only, remote images, scripts.
func TestNewsletterIsHostileHTMLOnly(t *testing.T) {
	var raw []byte
	for _, s := range corpus(t, 200) {
		if s.draft.from.addr == newsletterFrom {
			raw = s.raw
		}
	}
	ent, err := message.Read(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if mt, _, _ := ent.Header.ContentType(); mt != "text/html" {
		t.Errorf("newsletter is %s, want text/html only", mt)
	}
	body, _ := io.ReadAll(ent.Body)
	for _, want := range []string{"<script", `<img src="https://`, `width="1" height="1"`} {
		if !bytes.Contains(body, []byte(want)) {
			t.Errorf("newsletter lacks %s", want)
		}
	}
}
