package feeds

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/hearthhq/hearth/core"
)

// maxTextRunes bounds an entry's kept text: a feed that puts whole books in
// its entries still makes inbox items of a readable size.
const maxTextRunes = 32 << 10

// entry is a feed entry as Hearth keeps it, before it becomes an item.
type entry struct {
	id        string // GUID, else link, else "sha256:" and a content hash
	title     string
	link      string // unwrapped from redirects
	author    string
	summary   string // plain text
	published time.Time
	// match is the text keywords are looked for in besides the title:
	// the summary and the full content.
	match string
}

// entries reads a feed's entries in document order, each with an identity
// unique in the document: a GUID the feed repeats (some feeds give every
// entry the site's address) falls back to the link, then to the hash.
//
// at is the address the feed was fetched from ("" when unknown): relative
// entry links are resolved against the feed's own address, then the site's
// (Atom feeds often write "/blog/2012/post"), so that every link opens.
func entries(doc *gofeed.Feed, at string) []entry {
	feedTitle := cleanLine(doc.Title)
	base := feedBase(doc, at)
	// An Atom or JSON feed's author writes every entry that names no
	// other; an RSS channel's managingEditor is an editor, not an author.
	var feedAuthor string
	if doc.FeedType == "atom" || doc.FeedType == "json" {
		for _, p := range doc.Authors {
			if p != nil && strings.TrimSpace(p.Name) != "" {
				feedAuthor = cleanLine(p.Name)
				break
			}
		}
	}
	used := map[string]bool{}
	var out []entry
	for _, it := range doc.Items {
		if it == nil {
			continue
		}
		e := toEntry(it, feedTitle)
		if e.author == feedTitle && feedAuthor != "" {
			e.author = feedAuthor
		}
		e.link = resolve(base, e.link)
		for _, id := range []string{strings.TrimSpace(it.GUID), strings.TrimSpace(it.Link), e.hash()} {
			if id != "" && !used[id] {
				e.id = id
				break
			}
		}
		if e.id == "" {
			continue // the very same entry twice
		}
		used[e.id] = true
		out = append(out, e)
	}
	return out
}

// feedBase is the absolute address relative links are resolved against:
// the site's link resolved against the feed's address, else the feed's
// address (its self link, else where it was fetched).
func feedBase(doc *gofeed.Feed, at string) *url.URL {
	var base *url.URL
	for _, raw := range []string{at, doc.FeedLink} {
		if u, err := url.Parse(strings.TrimSpace(raw)); err == nil && u.IsAbs() {
			base = u
			break
		}
	}
	site, err := url.Parse(strings.TrimSpace(doc.Link))
	switch {
	case err != nil || doc.Link == "":
		return base
	case site.IsAbs():
		return site
	case base != nil:
		return base.ResolveReference(site)
	}
	return base
}

// resolve makes a relative link absolute against base; an absolute link,
// or one with no base to go by, is returned as it is.
func resolve(base *url.URL, link string) string {
	if base == nil || link == "" {
		return link
	}
	u, err := url.Parse(link)
	if err != nil || u.IsAbs() {
		return link
	}
	return base.ResolveReference(u).String()
}

func toEntry(it *gofeed.Item, feedTitle string) entry {
	summary := htmlText(it.Description)
	content := htmlText(it.Content)
	if summary == "" {
		summary = content
	}
	e := entry{
		title:   cleanLine(htmlText(it.Title)),
		link:    unwrapRedirect(strings.TrimSpace(it.Link)),
		author:  author(it, feedTitle),
		summary: cutRunes(summary, maxTextRunes),
	}
	if it.PublishedParsed != nil {
		e.published = *it.PublishedParsed
	} else if it.UpdatedParsed != nil {
		e.published = *it.UpdatedParsed
	} else if t, ok := localDate(it.Published); ok {
		e.published = t
	} else if t, ok := localDate(it.Updated); ok {
		e.published = t
	}
	e.match = summary + "\n" + content
	return e
}

// author names who wrote the entry, else the feed it came from.
func author(it *gofeed.Item, feedTitle string) string {
	for _, p := range it.Authors {
		if p != nil && strings.TrimSpace(p.Name) != "" {
			return cleanLine(p.Name)
		}
	}
	if it.DublinCoreExt != nil && len(it.DublinCoreExt.Creator) > 0 {
		return cleanLine(it.DublinCoreExt.Creator[0])
	}
	return feedTitle
}

// hash identifies an entry with neither GUID nor link by what does not
// change when its text is corrected: its title and date (its text only
// when it has no title).
func (e entry) hash() string {
	key := e.title + "\x00" + e.published.UTC().Format(time.RFC3339)
	if e.title == "" {
		key += "\x00" + e.summary
	}
	sum := sha256.Sum256([]byte(key))
	return "sha256:" + hex.EncodeToString(sum[:16])
}

// fingerprint changes whenever what the inbox shows of the entry changes.
func (e entry) fingerprint() string {
	sum := sha256.Sum256([]byte(strings.Join([]string{e.title, e.link, e.author, e.summary,
		e.published.UTC().Format(time.RFC3339)}, "\x00")))
	return hex.EncodeToString(sum[:8])
}

func (e entry) item() core.Item {
	return core.Item{Kind: core.ItemFeed, RemoteID: e.id, Subject: e.title, Author: core.Person{Name: e.author},
		Text: e.summary, CreatedAt: e.published, Location: e.link}
}

// matchItem is the item keywords are looked for in: its text is the
// whole content, not only the summary kept.
func (e entry) matchItem() core.Item {
	it := e.item()
	it.Text = e.match
	return it
}

// cleanLine collapses a title's whitespace onto one line.
func cleanLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func cutRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
