package members

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime/quotedprintable"
	"regexp"
	"strings"
	"sync"

	"github.com/emersion/go-vcard"
	"golang.org/x/text/encoding/htmlindex"
)

// ImportVCard files every card of a vCard file (2.1, 3.0 or 4.0, as
// phones and mail clients export them) as a member.
func (s *Service) ImportVCard(ctx context.Context, r io.Reader) (ImportResult, error) {
	list, err := ReadVCards(r)
	if err != nil {
		return ImportResult{}, err
	}
	return s.importContacts(ctx, list, false)
}

// PreviewVCard counts what ImportVCard would do, writing nothing.
func (s *Service) PreviewVCard(ctx context.Context, r io.Reader) (ImportResult, error) {
	list, err := ReadVCards(r)
	if err != nil {
		return ImportResult{}, err
	}
	return s.importContacts(ctx, list, true)
}

// ReadVCards reads the contacts of a vCard file (see ReadImportData for
// the size limit, the binary sniff and UTF-16). A file without a single
// card is refused (ErrNoCards).
func ReadVCards(r io.Reader) ([]Contact, error) {
	data, err := ReadImportData(r)
	if err != nil {
		return nil, fmt.Errorf("members: read vcard: %w", err)
	}
	if !beginCard().Match(data) {
		return nil, fmt.Errorf("members: read vcard: %w", ErrNoCards)
	}
	dec := vcard.NewDecoder(bytes.NewReader(normalizeVCard(data)))
	var out []Contact
	for {
		card, err := dec.Decode()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, fmt.Errorf("members: read vcard: card %d: %w", len(out)+1, err)
		}
		out = append(out, cardContact(card))
	}
}

// beginCard finds a card's first line.
var beginCard = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?im)^begin:vcard\s*$`) })

// normalizeVCard rewrites what vCard 2.1 writers do that the decoder does
// not read: bare parameters ("TEL;CELL:") become TYPE=, and
// quoted-printable values (with their soft line breaks and CHARSET) are
// decoded to plain UTF-8.
func normalizeVCard(data []byte) []byte {
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	var out strings.Builder
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		colon := strings.IndexByte(line, ':')
		if line == "" || line[0] == ' ' || line[0] == '\t' || colon < 0 {
			out.WriteString(line + "\r\n")
			continue
		}
		head, value := line[:colon], line[colon+1:]
		params, qp, charset := normalizeParams(head)
		if qp {
			for strings.HasSuffix(value, "=") && i+1 < len(lines) {
				i++
				value = value[:len(value)-1] + lines[i]
			}
			value = decodeQP(value, charset)
		}
		out.WriteString(params + ":" + value + "\r\n")
	}
	return []byte(out.String())
}

// normalizeParams rewrites a property's name and parameters, and reports
// whether its value is quoted-printable and in which charset.
func normalizeParams(head string) (string, bool, string) {
	parts := strings.Split(head, ";")
	kept := parts[:1]
	qp, charset := false, ""
	for _, p := range parts[1:] {
		k, v, hasValue := strings.Cut(p, "=")
		switch {
		case strings.EqualFold(p, "QUOTED-PRINTABLE"),
			strings.EqualFold(k, "ENCODING") && strings.EqualFold(v, "QUOTED-PRINTABLE"):
			qp = true
		case strings.EqualFold(k, "CHARSET"):
			charset = v
		case !hasValue && p != "":
			kept = append(kept, "TYPE="+p)
		default:
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, ";"), qp, charset
}

func decodeQP(value, charset string) string {
	b, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(value)))
	if err != nil {
		return value // keep what the writer wrote rather than nothing
	}
	if charset != "" && !strings.EqualFold(charset, "utf-8") {
		if enc, err := htmlindex.Get(charset); err == nil {
			if d, err := enc.NewDecoder().Bytes(b); err == nil {
				b = d
			}
		}
	}
	// A decoded line break must not end the property line.
	return strings.NewReplacer("\r\n", `\n`, "\n", `\n`).Replace(string(b))
}

// systemGroups are categories address books add on their own.
var systemGroups = map[string]bool{"my contacts": true, "starred": true, "starred in android": true}

func cardContact(card vcard.Card) Contact {
	c := Contact{Name: cardName(card), Emails: card.Values(vcard.FieldEmail), Language: card.PreferredValue(vcard.FieldLanguage)}
	if a := card.Address(); a != nil {
		c.Location = firstNonEmpty(a.Locality, a.Region, a.Country)
	}
	if p := card.PreferredValue(vcard.FieldPhoto); strings.HasPrefix(p, "http") {
		c.PhotoURL = p
	}
	c.Bio = strings.Trim(card.PreferredValue(vcard.FieldTitle)+", "+
		strings.ReplaceAll(card.PreferredValue(vcard.FieldOrganization), ";", ", "), ", ")
	for _, t := range card.Categories() {
		if t = strings.TrimSpace(t); t != "" && !systemGroups[strings.ToLower(t)] {
			c.Tags = append(c.Tags, t)
		}
	}
	c.Notes = card.Values(vcard.FieldNote)
	if phones := card.Values(vcard.FieldTelephone); len(phones) > 0 {
		// Hearth has no phone channel; keep the numbers where a person sees them.
		c.Notes = append(c.Notes, "Phone: "+strings.Join(phones, ", "))
	}
	c.VK, c.X = socialLinks(card)
	return c
}

func cardName(card vcard.Card) string {
	if fn := strings.TrimSpace(card.PreferredValue(vcard.FieldFormattedName)); fn != "" {
		return fn
	}
	if n := card.Name(); n != nil {
		return strings.TrimSpace(n.GivenName + " " + n.FamilyName)
	}
	return ""
}

// socialLinks finds VK and X profiles among the card's URLs and social
// profile properties.
func socialLinks(card vcard.Card) (vk, x []string) {
	var links []string
	for _, k := range []string{vcard.FieldURL, "X-SOCIALPROFILE", "X-TWITTER", "X-VK", "IMPP"} {
		for _, f := range card[k] {
			v := f.Value
			switch {
			case k == "X-TWITTER" || f.Params.HasType("twitter"):
				x = append(x, v)
			case k == "X-VK" || f.Params.HasType("vk"):
				vk = append(vk, v)
			default:
				links = append(links, v)
			}
		}
	}
	for _, l := range links {
		low := strings.ToLower(l)
		switch {
		case strings.Contains(low, "vk.com/"):
			vk = append(vk, l)
		case strings.Contains(low, "twitter.com/") || strings.Contains(low, "x.com/"):
			x = append(x, l)
		}
	}
	return vk, x
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}
