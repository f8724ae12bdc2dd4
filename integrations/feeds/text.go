package feeds

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlText turns an entry's HTML into plain text. It only tokenizes the
// markup: nothing is fetched, so remote images and trackers stay unloaded.
// Scripts, styles and images are dropped, blocks become lines, and a link
// keeps its address as text after its words ("words (https://...)"),
// unwrapped from redirects. Emphasis is plain text: a title reads as the
// site wrote it, without markup signs.
func htmlText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return tidy(s)
	}
	var (
		b     strings.Builder
		skip  int
		links []openLink
	)
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return tidy(b.String())
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case hidden[a]:
				if tt == html.StartTagToken {
					skip++
				}
			case a == atom.A && tt == html.StartTagToken:
				links = append(links, openLink{href: href(z), start: b.Len()})
			case a == atom.Br:
				b.WriteString("\n")
			case a == atom.Li:
				b.WriteString("\n• ")
			case block[a]:
				b.WriteString("\n\n")
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case hidden[a]:
				skip = max(skip-1, 0)
			case a == atom.A && len(links) > 0:
				l := links[len(links)-1]
				links = links[:len(links)-1]
				words := strings.TrimSpace(b.String()[min(l.start, b.Len()):])
				switch {
				case l.href == "" || words == l.href || skip > 0:
				case words == "": // an image or an empty anchor: the address alone
					b.WriteString(l.href)
				default:
					b.WriteString(" (" + l.href + ")")
				}
			case block[a]:
				b.WriteString("\n\n")
			}
		}
	}
}

// openLink is an <a> whose end tag is still to come.
type openLink struct {
	href  string
	start int // where its words begin in the text
}

// Elements whose content is not text a person reads.
var hidden = map[atom.Atom]bool{atom.Script: true, atom.Style: true, atom.Head: true, atom.Noscript: true,
	atom.Template: true, atom.Svg: true, atom.Iframe: true, atom.Object: true}

// Elements that stand on lines of their own.
var block = map[atom.Atom]bool{atom.P: true, atom.Div: true, atom.Blockquote: true, atom.H1: true, atom.H2: true,
	atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Ul: true, atom.Ol: true, atom.Table: true,
	atom.Tr: true, atom.Pre: true, atom.Hr: true, atom.Article: true, atom.Section: true, atom.Figure: true}

// href returns a link's web address, unwrapped; "" for anything that is
// not an absolute http(s) or mailto address (a relative link means nothing
// outside its page, a javascript: one nothing at all).
func href(z *html.Tokenizer) string {
	for {
		k, v, more := z.TagAttr()
		if string(k) == "href" {
			u, err := url.Parse(strings.TrimSpace(string(v)))
			if err != nil || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "mailto") {
				return ""
			}
			return unwrapRedirect(u.String())
		}
		if !more {
			return ""
		}
	}
}

// tidy trims each line, collapses runs of blanks inside lines and of empty
// lines between paragraphs, and turns no-break spaces into spaces.
func tidy(s string) string {
	lines := strings.Split(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\u00a0", " "), "\n")
	var out []string
	blank := false
	for _, l := range lines {
		l = strings.Join(strings.Fields(l), " ")
		if l == "" {
			blank = len(out) > 0
			continue
		}
		if blank {
			out = append(out, "")
			blank = false
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// unwrapRedirect returns the target of a web-alert redirect link
// (https://www.google.com/url?...&url=TARGET&...), so that the inbox shows
// and opens the page itself; any other address is returned as given.
func unwrapRedirect(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Path != "/url" || !isGoogleHost(u.Hostname()) {
		return raw
	}
	q := u.Query()
	for _, key := range []string{"url", "q"} {
		t, err := url.Parse(q.Get(key))
		if err == nil && (t.Scheme == "http" || t.Scheme == "https") && t.Host != "" {
			return t.String()
		}
	}
	return raw
}

// isGoogleHost matches google.com and its country domains (google.fr,
// google.co.uk, www.google.com.ua), nothing else.
func isGoogleHost(h string) bool {
	h = strings.TrimPrefix(strings.ToLower(h), "www.")
	rest, ok := strings.CutPrefix(h, "google.")
	parts := strings.Split(rest, ".")
	switch {
	case !ok || rest == "":
		return false
	case len(parts) == 1:
		return true
	default:
		return len(parts) == 2 && (parts[0] == "co" || parts[0] == "com") && parts[1] != ""
	}
}
