package mailparse

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strconv"

	"github.com/hearthhq/hearth/core"
)

// contentHash fingerprints what a parsed message says, as a person reads
// it: sender, date, subject, text and attachments. Two copies of one
// message (INBOX and a list folder, a copy a list server re-encoded) share
// it; two different messages that a mailer gave one Message-Id do not. A
// message the parser could not fully decode adds its raw body, so that two
// broken messages are not taken for one.
func contentHash(it *core.Item, raw []byte) string {
	h := sha256.New()
	field := func(s string) {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	field(it.Author.Name)
	field(it.Author.Address)
	field(strconv.FormatInt(it.CreatedAt.UnixNano(), 10))
	field(it.Subject)
	field(it.Text)
	for _, a := range it.Attachments {
		field(a.Name)
		field(a.MIMEType)
		field(strconv.FormatInt(a.Size, 10))
	}
	if len(it.Problems) > 0 {
		// Line ends are CRLF on the wire and may be LF in a local copy.
		h.Write(bytes.ReplaceAll(body(raw), []byte("\r\n"), []byte("\n")))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// body is what follows the blank line that ends a message's header.
func body(raw []byte) []byte {
	if bytes.HasPrefix(raw, []byte("\r\n")) || bytes.HasPrefix(raw, []byte("\n")) {
		return raw // no header at all
	}
	crlf := bytes.Index(raw, []byte("\r\n\r\n"))
	lf := bytes.Index(raw, []byte("\n\n"))
	switch {
	case crlf >= 0 && (lf < 0 || crlf < lf):
		return raw[crlf+4:]
	case lf >= 0:
		return raw[lf+2:]
	}
	return nil
}
