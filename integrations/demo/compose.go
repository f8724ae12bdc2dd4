package demo

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"net/mail"
	"strings"
	"time"

	"github.com/emersion/go-message/textproto"
)

// draft is one message before it becomes RFC 5322 bytes.
type draft struct {
	from      person
	to        person
	subject   string
	date      time.Time
	id        string // Message-Id without angle brackets
	inReplyTo string
	refs      []string
	text      string // text/plain body, UTF-8
	html      string // text/html body; alone it makes an HTML-only message
	// charset, when set, writes a single text/plain part in this legacy
	// charset (koi8-r, windows-1251, iso-8859-1), the way old clients do.
	charset string
	attach  []attachment
	extra   [][2]string // extra header fields, in order (X-Mailer, List-Unsubscribe)
}

type attachment struct {
	name, mediaType string
	data            []byte
}

// bytes renders the message: envelope fields first, then the MIME body.
func (d draft) bytes() ([]byte, error) {
	var buf bytes.Buffer
	if err := d.writeEnvelope(&buf); err != nil {
		return nil, fmt.Errorf("message %s: header: %w", d.id, err)
	}
	if err := d.writeBody(&buf); err != nil {
		return nil, fmt.Errorf("message %s: body: %w", d.id, err)
	}
	return buf.Bytes(), nil
}

func (d draft) writeEnvelope(w io.Writer) error {
	from, subject, err := d.encodedFromSubject()
	if err != nil {
		return err
	}
	fields := [][2]string{
		{"Date", d.date.Format(time.RFC1123Z)},
		{"From", from},
		{"To", address(d.to)},
		{"Subject", subject},
		{"Message-Id", "<" + d.id + ">"},
	}
	if d.inReplyTo != "" {
		fields = append(fields, [2]string{"In-Reply-To", "<" + d.inReplyTo + ">"})
	}
	if len(d.refs) > 0 {
		fields = append(fields, [2]string{"References", "<" + strings.Join(d.refs, "> <") + ">"})
	}
	fields = append(fields, d.extra...)
	return writeFields(w, fields)
}

// writeFields writes header fields without the blank line that ends a
// header: the MIME writer that follows adds its own fields and that line.
func writeFields(w io.Writer, fields [][2]string) error {
	var h textproto.Header
	for i := len(fields) - 1; i >= 0; i-- { // WriteHeader writes the last added first
		h.Add(fields[i][0], fields[i][1])
	}
	var buf bytes.Buffer
	if err := textproto.WriteHeader(&buf, h); err != nil {
		return err
	}
	_, err := w.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\r\n")))
	return err
}

// encodedFromSubject encodes the sender's name and the subject as RFC 2047
// words in the message's charset, Base64 for Cyrillic as mail clients do.
func (d draft) encodedFromSubject() (from, subject string, err error) {
	enc := mime.QEncoding
	if d.from.lang == ru {
		enc = mime.BEncoding
	}
	if d.charset == "" {
		return addressWith(enc, d.from), enc.Encode("utf-8", d.subject), nil
	}
	name, err := encodeLegacy(d.charset, d.from.name)
	if err != nil {
		return "", "", err
	}
	subj, err := encodeLegacy(d.charset, d.subject)
	if err != nil {
		return "", "", err
	}
	return legacyWords(enc, d.charset, name) + " <" + d.from.addr + ">",
		legacyWords(enc, d.charset, subj), nil
}

func address(p person) string {
	return addressWith(mime.QEncoding, p)
}

func addressWith(enc mime.WordEncoder, p person) string {
	if isASCII(p.name) {
		return (&mail.Address{Name: p.name, Address: p.addr}).String()
	}
	return enc.Encode("utf-8", p.name) + " <" + p.addr + ">"
}
