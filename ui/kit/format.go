package kit

import (
	"errors"
	"fyne.io/fyne/v2/lang"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/hearthhq/hearth/core"
)

// StateLabel names a triage state for people.
func StateLabel(s core.State) string {
	switch s {
	case core.StateNew:
		return lang.L("New")
	case core.StateOpen:
		return lang.X("state.open", "Open")
	case core.StateDone:
		return lang.L("Done")
	case core.StateSnoozed:
		return lang.L("Snoozed")
	case core.StateSpam:
		return lang.L("Spam")
	case core.StateHidden:
		return lang.L("Hidden")
	default:
		return string(s)
	}
}

// HumanSize renders a byte count the way a file manager does, in the
// language in use: "1.5 MB", "1,5 Mo", "1,5 МБ".
func HumanSize(n int64) string {
	const unit = 1024
	if n < unit {
		return lang.L("{{.Size}} B", map[string]any{"Size": strconv.FormatInt(n, 10)})
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 3; m /= unit {
		div *= unit
		exp++
	}
	v := float64(n) / float64(div)
	size := Decimal(v, 1)
	if v >= 10 {
		size = Decimal(v, 0)
	}
	data := map[string]any{"Size": size}
	switch exp {
	case 0:
		return lang.L("{{.Size}} KB", data)
	case 1:
		return lang.L("{{.Size}} MB", data)
	case 2:
		return lang.L("{{.Size}} GB", data)
	default:
		return lang.L("{{.Size}} TB", data)
	}
}

// MessageDate is the full date a message header shows, in local time and
// the language in use: "Mon 2 Jan 2006, 15:04", "пн, 2 янв. 2006 г., 15:04".
func MessageDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return FormatTime(t.Local(), "Mon 2 Jan 2006, 15:04")
}

// ShortWhen is a compact future time for snooze labels: "17:00",
// "Tue 08:00", or "20 Jan 08:00" beyond a week.
func ShortWhen(now, t time.Time) string {
	now, t = now.Local(), t.Local()
	switch {
	case SameDay(now, t):
		return t.Format("15:04")
	case t.Sub(now) < 6*24*time.Hour:
		return FormatTime(t, "Mon 15:04")
	default:
		return FormatTime(t, "Mon 2 Jan 15:04")
	}
}

// SameDay reports whether a and b fall on the same calendar date, each read
// in its own location.
func SameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// ErrorText turns an error into a sentence for people in the language in
// use: core's Words said in it, a RemoteError's what happened and what to
// do; anything else loses its package prefixes.
func ErrorText(err error) string {
	if err == nil {
		return ""
	}
	if w := outerWords(err); w != nil && startsWithName(w) {
		return Sentence(errorWords(err))
	}
	return Sentence(Capitalize(errorWords(err)))
}

// StripPrefixes drops the "inbox: " style context prefixes that help logs
// but not people.
func StripPrefixes(s string) string {
	for _, p := range []string{"imap settings: ", "accounts: ", "inbox: "} {
		s = strings.TrimPrefix(s, p)
	}
	return s
}

// Capitalize upper-cases the first letter.
func Capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// Sentence ends s with a full stop unless it ends a sentence already.
func Sentence(s string) string {
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") {
		return s
	}
	return s + "."
}

// QuoteSubject shortens a subject for a message about it.
func QuoteSubject(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return lang.L("this message")
	}
	s = ShortenWords(s, 40)
	return lang.L("“{{.Text}}”", map[string]any{"Text": s})
}

// QuoteItem names an item in a sentence: its subject, or the first words
// of what it says when it has none (a VK comment, an X mention), never
// just "this message" when there are words to quote.
func QuoteItem(it core.Item) string {
	if strings.TrimSpace(it.Subject) != "" {
		return QuoteSubject(it.Subject)
	}
	text := it.Snippet
	if strings.TrimSpace(text) == "" {
		text = it.Text
	}
	return QuoteSubject(core.SnippetOf(text, 40))
}

// Friendly replaces a parse error with hint, which says what to type;
// nil stays nil.
func Friendly(err error, hint string) error {
	if err != nil {
		return errors.New(hint)
	}
	return nil
}

// ChannelName is the channel an item kind belongs to, as people name it.
func ChannelName(k core.ItemKind) string {
	switch k {
	case core.ItemVKPost, core.ItemVKComment, core.ItemVKMessage:
		return "VK"
	case core.ItemXMention, core.ItemXReply, core.ItemXDM:
		return "X"
	}
	return lang.L("the server")
}

// Plural writes a count with its noun: "1 conversation", "3 conversations".
//
// Deprecated: English only; use lang.N with a plural key
// (docs/translations.md).
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
