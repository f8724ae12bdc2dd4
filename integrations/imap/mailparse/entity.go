package mailparse

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/emersion/go-message/textproto"
	"github.com/hearthhq/hearth/core"
)

// parser holds the state of one Parse call.
type parser struct {
	raw          []byte
	hint         string       // charset for raw 8-bit header bytes, if declared
	hinted       bool         // hint has been looked for
	out          bytes.Buffer // readable text so far
	atts         []core.Attachment
	problems     []string
	moreProblems int // problems past maxProblems
	parts        int // parts shown or listed, against maxParts
	visits       int // parts looked at, tried alternatives included, against maxVisits
	// want is the index of the attachment whose bytes AttachmentData
	// asks for (-1: none), kept in wantData when it is listed.
	want     int
	wantData []byte
}

func newParser(raw []byte) *parser {
	return &parser{raw: raw, want: -1}
}

// entity is one MIME part with its body still transfer-encoded.
type entity struct {
	header     textproto.Header
	body       []byte
	section    string // IMAP part number ("2.1"); "" for a multipart message root
	mediaType  string
	params     map[string]string
	disp       string // "inline", "attachment" or ""
	dispParams map[string]string
	parent     string // media type of the enclosing multipart
	kids       []*entity
	split      bool // kids has been computed
}

// readEntity parses a part's header. defType is the media type when the
// part has no Content-Type (text/plain, or message/rfc822 in a digest).
func (p *parser) readEntity(raw []byte, section, defType string) *entity {
	where := "header"
	if section != "" {
		where = "part " + section + " header"
	}
	h, body := p.splitHeader(raw, where)
	e := &entity{header: h, body: body, section: section, mediaType: defType, params: map[string]string{}}
	if ct := h.Get("Content-Type"); strings.TrimSpace(ct) != "" {
		mt, params := mediaType(ct)
		e.mediaType, e.params = fixMediaType(mt), params
	}
	if cd := h.Get("Content-Disposition"); strings.TrimSpace(cd) != "" {
		d, params := mediaType(cd)
		e.disp, e.dispParams = strings.ToLower(strings.TrimSpace(d)), params
	}
	return e
}

// readMessage parses a whole message (the top level or a forwarded one at
// section base) and numbers its root as IMAP does: a single-part body is
// base.1, a multipart one numbers its children base.1, base.2...
func (p *parser) readMessage(raw []byte, base string) *entity {
	e := p.readEntity(raw, base, "text/plain")
	if !e.isMultipart() {
		e.section = childSection(base, 1)
	}
	return e
}

func childSection(base string, i int) string {
	if base == "" {
		return strconv.Itoa(i)
	}
	return base + "." + strconv.Itoa(i)
}

func (e *entity) isMultipart() bool { return strings.HasPrefix(e.mediaType, "multipart/") }

// describe names the part in a problem: "part 2 (text/plain; charset=koi8-r)".
func (e *entity) describe() string {
	t := e.mediaType
	if cs := e.params["charset"]; cs != "" {
		t += "; charset=" + cs
	}
	if e.section == "" {
		return "message body (" + t + ")"
	}
	return "part " + e.section + " (" + t + ")"
}

// filename is the attachment's name as the sender gave it, decoded, without
// any directory the sender's client left in it.
func (p *parser) filename(e *entity) string {
	name := e.dispParams["filename"]
	if name == "" {
		name = e.params["name"]
	}
	if name == "" && transferEncoding(e.header.Get("Content-Transfer-Encoding")) == "uuencode" {
		name = uuName(e.body)
	}
	name = p.headerText("attachment name", name)
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	return strings.TrimSpace(name)
}

// extensions gives unnamed attachments a useful name.
var extensions = map[string]string{
	"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "application/pdf": ".pdf",
	"message/rfc822": ".eml", "text/plain": ".txt", "text/html": ".html", "text/calendar": ".ics",
	"application/zip": ".zip", "text/rfc822-headers": ".txt",
}

// attach records a part as an attachment with its decoded size.
func (p *parser) attach(e *entity) {
	name := p.filename(e)
	if name == "" {
		name = "part " + e.section + extensions[e.mediaType]
	}
	data := p.decodeBody(e)
	if len(p.atts) == p.want {
		// A later listing at this index (after an alternative tried and
		// undone) replaces it: the last one is the one Parse keeps.
		p.wantData = data
	}
	p.atts = append(p.atts, core.Attachment{Name: name, MIMEType: e.mediaType, Size: int64(len(data))})
}

// decodeBody undoes the transfer encoding, reporting damage.
func (p *parser) decodeBody(e *entity) []byte {
	if e.isMultipart() {
		return e.body // RFC 2045 6.4: no encoding on multiparts; senders that set one anyway meant none
	}
	enc := transferEncoding(e.header.Get("Content-Transfer-Encoding"))
	out, broken := decodeTransfer(enc, e.body)
	switch {
	case broken && enc == "base64":
		p.problemf("broken base64 in part %s (%s), decoded as far as possible", e.section, e.mediaType)
	case broken:
		p.problemf("%s: broken %s data, shown as far as it could be decoded", e.describe(), enc)
	case enc != "identity" && enc != "base64" && enc != "quoted-printable" && enc != "uuencode":
		p.problemf("%s: unknown transfer encoding %q, shown undecoded", e.describe(), enc)
	}
	return out
}
