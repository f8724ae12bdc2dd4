package mailparse

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hearthhq/hearth/core"
)

// render appends the readable text of e to p.out and records its
// attachments and problems.
func (p *parser) render(e *entity, depth int) {
	if !p.enter(e, depth) {
		return
	}
	switch {
	case e.isMultipart():
		p.renderMultipart(e, depth)
	case e.mediaType == "message/rfc822" || e.mediaType == "message/global":
		p.renderMessage(e, depth)
	case isInlineText(e):
		p.renderText(e)
	default:
		p.attach(e)
	}
}

// enter counts a part against the limits on parts, work and depth.
func (p *parser) enter(e *entity, depth int) bool {
	p.parts++
	switch {
	case !p.work():
		return false
	case p.parts > maxParts:
		p.problemf("the message has more than %d parts; the rest are not shown", maxParts)
		return false
	case depth > maxDepth:
		p.problemf("%s: nested more than %d levels deep, not shown", e.describe(), maxDepth)
		return false
	}
	return true
}

// work counts a visit of a part, including the visits of alternatives
// tried and not shown, and reports whether the budget allows it: nested
// alternatives must not make the work grow faster than the message.
func (p *parser) work() bool {
	p.visits++
	if p.visits > maxVisits {
		p.problemf("the message structure is too complex; some parts are not shown")
		return false
	}
	return true
}

// readableTypes are shown as text when not marked as attachments.
var readableTypes = map[string]bool{
	"text/plain": true, "text/html": true, "text/enriched": true, "text/richtext": true,
	"text/rfc822-headers": true, "message/delivery-status": true,
	"message/global-delivery-status": true, "message/disposition-notification": true,
	"message/global-disposition-notification": true, "message/feedback-report": true,
	"message/global-headers": true,
}

func isInlineText(e *entity) bool {
	return readableTypes[e.mediaType] && e.disp != "attachment"
}

// children splits a multipart into its parts, once, or returns nil.
func (p *parser) children(e *entity) []*entity {
	if !e.split {
		e.kids, e.split = p.split(e), true
	}
	return e.kids
}

func (p *parser) split(e *entity) []*entity {
	boundary := e.params["boundary"]
	if boundary == "" {
		boundary = guessBoundary(e.body)
	}
	if boundary == "" {
		return nil
	}
	raws, truncated := splitMultipart(e.body, boundary, maxParts)
	if truncated {
		p.problemf("the message has more than %d parts; the rest are not shown", maxParts)
	}
	def := "text/plain"
	if e.mediaType == "multipart/digest" {
		def = "message/rfc822"
	}
	kids := make([]*entity, 0, len(raws))
	for i, raw := range raws {
		c := p.readEntity(raw, childSection(e.section, i+1), def)
		c.parent = e.mediaType
		kids = append(kids, c)
	}
	return kids
}

func (p *parser) renderMultipart(e *entity, depth int) {
	kids := p.children(e)
	if len(kids) == 0 {
		p.problemf("%s: no parts found, the body is shown as text", e.describe())
		p.emit(string(e.body))
		return
	}
	switch e.mediaType {
	case "multipart/alternative":
		p.renderAlternative(kids, depth)
	case "multipart/related":
		p.renderRelated(e, kids, depth)
	case "multipart/encrypted":
		p.problemf("%s: the message is encrypted and cannot be shown", e.describe())
		for _, k := range kids {
			p.attachAll(k, depth+1)
		}
	default: // mixed, report, signed, digest, parallel and unknown kinds
		for _, k := range kids {
			p.render(k, depth+1)
		}
	}
}

// renderAlternative shows one version: the first that yields text in the
// order of altRank. Attachments of the versions not shown are still listed
// when they are files of their own.
func (p *parser) renderAlternative(kids []*entity, depth int) {
	chosen, files := p.tryAlternatives(kids, p.alternativeOrder(kids, depth), depth)
	p.atts = append(p.atts, files...)
	for i, k := range kids {
		if i != chosen {
			p.collectAttachments(k, depth+1)
		}
	}
}

// alternativeOrder sorts the versions by altRank; among versions of one
// kind, the last is the sender's best (RFC 2046 5.1.4).
func (p *parser) alternativeOrder(kids []*entity, depth int) []int {
	order := make([]int, len(kids))
	rank := make([]int, len(kids))
	for i, k := range kids {
		order[i], rank[i] = i, p.altRank(k, depth+1)
	}
	sort.SliceStable(order, func(a, b int) bool {
		ra, rb := rank[order[a]], rank[order[b]]
		return ra < rb || ra == rb && order[a] > order[b]
	})
	return order
}

// tryAlternatives renders versions in order until one yields text and
// returns its index. When none does, it returns the first version that has
// attachments (an HTML version that is a single image) and those
// attachments, kept from its trial so that nothing is rendered twice.
func (p *parser) tryAlternatives(kids []*entity, order []int, depth int) (int, []core.Attachment) {
	fallback, files := -1, []core.Attachment(nil)
	for _, i := range order {
		s := p.snapshot()
		p.render(kids[i], depth+1)
		if p.out.Len() > s.out {
			return i, nil
		}
		if fallback < 0 && len(p.atts) > s.atts {
			fallback, files = i, slices.Clone(p.atts[s.atts:])
		}
		p.restore(s)
	}
	return fallback, files
}

// altRank orders the versions of an alternative: plain text first, then
// HTML, then other readable text. A multipart version ranks as the best
// text it holds, so that [mixed[plain, image], related[html, image]]
// shows the plain one.
func (p *parser) altRank(e *entity, depth int) int {
	switch {
	case e.disp == "attachment" || depth > maxDepth || !p.work():
		return 4
	case e.mediaType == "text/plain":
		return 0
	case e.mediaType == "text/html":
		return 2
	case isInlineText(e):
		return 3
	case !e.isMultipart():
		return 4
	}
	best := 4
	for _, k := range p.children(e) {
		best = min(best, p.altRank(k, depth+1))
	}
	return best
}

// renderRelated shows the root part (named by the start parameter, else
// the first) and lists the others, such as images an HTML body shows.
func (p *parser) renderRelated(e *entity, kids []*entity, depth int) {
	root := 0
	if start := NormalizeMessageID(e.params["start"]); start != "" {
		for i, k := range kids {
			if NormalizeMessageID(k.header.Get("Content-Id")) == start {
				root = i
			}
		}
	}
	p.render(kids[root], depth+1)
	for i, k := range kids {
		if i != root {
			p.attachAll(k, depth+1)
		}
	}
}

// collectAttachments lists, in a version not shown, the parts that are
// not pieces of that version: files, calendar invitations; but neither its
// text nor the images its HTML shows by Content-ID.
func (p *parser) collectAttachments(e *entity, depth int) {
	if !p.enter(e, depth) {
		return
	}
	if e.isMultipart() {
		for _, k := range p.children(e) {
			p.collectAttachments(k, depth+1)
		}
		return
	}
	if e.disp == "attachment" || !isInlineText(e) && e.header.Get("Content-Id") == "" {
		p.attach(e)
	}
}

// attachAll lists every leaf of e as an attachment.
func (p *parser) attachAll(e *entity, depth int) {
	if !p.enter(e, depth) {
		return
	}
	if !e.isMultipart() {
		p.attach(e)
		return
	}
	for _, k := range p.children(e) {
		p.attachAll(k, depth+1)
	}
}

// renderMessage shows an attached message (a forward, or the original in a
// bounce) as a block with its own headers, then its body.
func (p *parser) renderMessage(e *entity, depth int) {
	inner := p.readMessage(p.decodeBody(e), e.section)
	title := "Forwarded message"
	if e.parent == "multipart/report" {
		title = "Returned message"
	}
	p.emit("---------- " + title + " ----------\n" + p.summaryHeaders(inner))
	p.render(inner, depth+1)
}

// summaryHeaders are the lines a mail client shows above a forwarded body.
func (p *parser) summaryHeaders(e *entity) string {
	var sb strings.Builder
	for _, key := range []string{"From", "Date", "Subject", "To"} {
		if v := p.headerText(strings.ToLower(key), e.header.Get(key)); v != "" {
			sb.WriteString(key + ": " + v + "\n")
		}
	}
	return sb.String()
}

// headings introduce parts of a bounce so a person can tell them apart.
var headings = map[string]string{
	"message/delivery-status":          "---------- Delivery status ----------",
	"message/global-delivery-status":   "---------- Delivery status ----------",
	"message/disposition-notification": "---------- Read receipt ----------",
	"message/feedback-report":          "---------- Abuse report ----------",
	"text/rfc822-headers":              "---------- Returned message headers ----------",
}

// renderText shows a text part: plain text as it is (flowed text joined),
// HTML converted to text.
func (p *parser) renderText(e *entity) {
	text := p.decodeText(e)
	switch {
	case e.mediaType == "text/html":
		text = p.htmlText(e, text)
	case strings.EqualFold(e.params["format"], "flowed"):
		text = unflow(text, strings.EqualFold(e.params["delsp"], "yes"))
	}
	if h := headings[e.mediaType]; h != "" && strings.TrimSpace(text) != "" {
		text = h + "\n" + text
	}
	p.emit(text)
}

// snapshot is the output state before trying an alternative.
type snapshot struct{ out, atts, problems, more, parts int }

func (p *parser) snapshot() snapshot {
	return snapshot{p.out.Len(), len(p.atts), len(p.problems), p.moreProblems, p.parts}
}

func (p *parser) restore(s snapshot) {
	p.out.Truncate(s.out)
	p.atts, p.problems, p.parts = p.atts[:s.atts], p.problems[:s.problems], s.parts
	p.moreProblems = s.more
}

const textCut = "the text is longer than %d MB; the rest is not shown"

// emit appends a block of text, separated from the previous one by a blank
// line, with line endings normalised, within the text budget.
func (p *parser) emit(s string) {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.TrimRight(strings.TrimLeft(s, "\n"), " \t\n")
	if strings.TrimSpace(s) == "" {
		return
	}
	if p.out.Len() > 0 {
		s = "\n\n" + s
	}
	if left := maxTextBytes - p.out.Len(); len(s) > left {
		s = cutUTF8(s, max(left, 0))
		p.problemf(textCut, maxTextBytes>>20)
	}
	p.out.WriteString(s)
}

// cutUTF8 shortens s to at most n bytes without splitting a character.
func cutUTF8(s string, n int) string {
	for n > 0 && n < len(s) && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
