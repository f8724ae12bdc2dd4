package demo

import (
	"fmt"
	"hash/fnv"
	"html"
	"io"
	"strings"

	"github.com/emersion/go-message"
)

func (d draft) writeBody(w io.Writer) error {
	switch {
	case d.charset != "":
		return d.writeLegacy(w)
	case len(d.attach) > 0:
		return d.writeMixed(w)
	case d.text != "" && d.html != "":
		return d.writeAlternative(w)
	case d.html != "":
		return d.writeSingle(w, "text/html", d.html)
	default:
		return d.writeSingle(w, "text/plain", d.text)
	}
}

// transferEncoding is how the sender's client encodes UTF-8 text: Latin
// text quoted-printable, Cyrillic raw 8-bit or Base64 (as Gmail does).
func (d draft) transferEncoding() string {
	switch {
	case d.from.lang != ru:
		return "quoted-printable"
	case d.from.client == plainClient:
		return "8bit"
	default:
		return "base64"
	}
}

func (d draft) writeSingle(w io.Writer, mediaType, body string) error {
	bw, err := message.CreateWriter(w, d.textHeader(mediaType))
	if err != nil {
		return err
	}
	return writeClose(bw, body)
}

func (d draft) textHeader(mediaType string) message.Header {
	var h message.Header
	h.SetContentType(mediaType, map[string]string{"charset": "utf-8"})
	h.Set("Content-Transfer-Encoding", d.transferEncoding())
	return h
}

// multipartHeader names a boundary derived from the Message-Id: go-message
// would pick a random one, and the demo must be the same on every run.
func (d draft) multipartHeader(subtype string) message.Header {
	sum := fnv.New64a()
	io.WriteString(sum, subtype+d.id)
	var h message.Header
	h.SetContentType("multipart/"+subtype, map[string]string{"boundary": fmt.Sprintf("=_hearth_%016x", sum.Sum64())})
	return h
}

func (d draft) writeAlternative(w io.Writer) error {
	mw, err := message.CreateWriter(w, d.multipartHeader("alternative"))
	if err != nil {
		return err
	}
	if err := d.writeAlternatives(mw); err != nil {
		return err
	}
	return mw.Close()
}

func (d draft) writeAlternatives(mw *message.Writer) error {
	for _, p := range []struct{ mediaType, body string }{{"text/plain", d.text}, {"text/html", d.html}} {
		pw, err := mw.CreatePart(d.textHeader(p.mediaType))
		if err != nil {
			return err
		}
		if err := writeClose(pw, p.body); err != nil {
			return err
		}
	}
	return nil
}

func (d draft) writeMixed(w io.Writer) error {
	mw, err := message.CreateWriter(w, d.multipartHeader("mixed"))
	if err != nil {
		return err
	}
	if err := d.writeMixedText(mw); err != nil {
		return err
	}
	for _, a := range d.attach {
		if err := writeAttachment(mw, a); err != nil {
			return fmt.Errorf("attachment %q: %w", a.name, err)
		}
	}
	return mw.Close()
}

func (d draft) writeMixedText(mw *message.Writer) error {
	if d.html == "" {
		tw, err := mw.CreatePart(d.textHeader("text/plain"))
		if err != nil {
			return err
		}
		return writeClose(tw, d.text)
	}
	aw, err := mw.CreatePart(d.multipartHeader("alternative"))
	if err != nil {
		return err
	}
	if err := d.writeAlternatives(aw); err != nil {
		return err
	}
	return aw.Close()
}

func writeAttachment(mw *message.Writer, a attachment) error {
	var h message.Header
	h.SetContentType(a.mediaType, map[string]string{"name": a.name})
	h.SetContentDisposition("attachment", map[string]string{"filename": a.name})
	h.Set("Content-Transfer-Encoding", "base64")
	aw, err := mw.CreatePart(h)
	if err != nil {
		return err
	}
	if _, err := aw.Write(a.data); err != nil {
		return err
	}
	return aw.Close()
}

// writeClose writes text with CRLF line ends and a final line end, the
// canonical form whatever the transfer encoding.
func writeClose(w io.WriteCloser, s string) error {
	if _, err := io.WriteString(w, crlf(strings.TrimRight(s, "\n")+"\n")); err != nil {
		return err
	}
	return w.Close()
}

func crlf(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\n", "\r\n")
}

// htmlFromText is what an HTML mail client makes of typed text: one <p>
// per paragraph, <br> for line breaks.
func htmlFromText(text string) string {
	var b strings.Builder
	b.WriteString("<html><body><div dir=\"ltr\" style=\"font-family:Arial,sans-serif\">\n")
	for _, para := range strings.Split(text, "\n\n") {
		lines := strings.Split(html.EscapeString(para), "\n")
		b.WriteString("<p>" + strings.Join(lines, "<br>\n") + "</p>\n")
	}
	b.WriteString("</div></body></html>\n")
	return b.String()
}
