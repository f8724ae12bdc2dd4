package query

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/wordform"
)

// Target is what the matcher knows of an item.
type Target struct {
	// Item, with Account holding the account's name and Tags its tags.
	Item core.Item
	// Followers is the author's follower count on the channel; -1 unknown.
	Followers int
	// Tone is the item's language, sentiment and abuse flag; nil while
	// unknown, when no tone operator matches.
	Tone *core.Tone
}

// Doc is a Target prepared for matching: its words are split and folded
// once, however many queries run on it (every rule and watch at ingest).
type Doc struct {
	t      Target
	words  []string // subject, text and author, in that order
	author []string
	keys   map[string][]string // form keys of words, filled as needed
	link   int8                // has:link: 0 not asked yet, 1 yes, 2 no
}

// NewDoc prepares a target for matching.
func NewDoc(t Target) *Doc {
	author := wordform.Tokens(wordform.Fold(t.Item.Author.Name + " " + t.Item.Author.Address))
	words := wordform.Tokens(wordform.Fold(t.Item.Subject + "\n" + t.Item.Text))
	return &Doc{t: t, words: append(words, author...), author: author, keys: map[string][]string{}}
}

// SetItem replaces the item the doc describes, keeping its words: for a
// change that leaves subject, text and author alone (a rule's tag or state,
// seen by the rules after it).
func (d *Doc) SetItem(it core.Item) { d.t.Item = it }

// Match reports whether the item matches the query. A query with nothing
// to match on (Root nil) matches nothing.
func (q Query) Match(d *Doc) bool {
	if q.Root == nil {
		return false
	}
	return d.match(q.Root)
}

func (d *Doc) match(n Node) bool {
	switch n := n.(type) {
	case And:
		for _, c := range n.Nodes {
			if !d.match(c) {
				return false
			}
		}
		return true
	case Or:
		return slices.ContainsFunc(n.Nodes, d.match)
	case Not:
		return !d.match(n.Node)
	case Text:
		return d.text(n, d.words)
	case Field:
		return d.field(n)
	}
	return false
}

// text matches a word or phrase: its words in a row, each as itself or
// one of its forms, the last as a prefix when asked.
func (d *Doc) text(t Text, words []string) bool {
	want, wantKeys := queryWords(t.Text)
	if len(want) == 0 {
		return false
	}
	for start := 0; start+len(want) <= len(words); start++ {
		ok := true
		for j, w := range want {
			if !d.wordMatches(words[start+j], w, wantKeys[j], t.Prefix && j == len(want)-1) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// words are a query text's folded words and their form keys.
type words struct {
	want []string
	keys [][]string
}

// wordCache keeps the words of query texts: every rule and watch matches
// the same few texts against each item at ingest, and stemming them anew
// for each item cost more than the matching. Bounded, as a search box's
// texts reach it too.
var (
	wordCache     sync.Map // text -> words
	wordCacheSize atomic.Int64
)

const maxWordCache = 4096

func queryWords(text string) ([]string, [][]string) {
	if w, ok := wordCache.Load(text); ok {
		return w.(words).want, w.(words).keys
	}
	w := words{want: wordform.Tokens(wordform.Fold(text))}
	w.keys = make([][]string, len(w.want))
	for i, x := range w.want {
		w.keys[i] = wordform.Keys(x)
	}
	if wordCacheSize.Add(1) <= maxWordCache {
		wordCache.Store(text, w)
	}
	return w.want, w.keys
}

// keyCache keeps the form keys of the words items are made of, across
// items: a community's vocabulary repeats, and a word is stemmed once
// rather than once per item. Bounded: past its size, words are stemmed
// each time as before.
var (
	keyCache     sync.Map // word -> []string
	keyCacheSize atomic.Int64
)

const maxKeyCache = 1 << 16

func wordKeys(w string) []string {
	if k, ok := keyCache.Load(w); ok {
		return k.([]string)
	}
	k := wordform.Keys(w)
	if keyCacheSize.Add(1) <= maxKeyCache {
		keyCache.Store(w, k)
	}
	return k
}

func (d *Doc) wordMatches(got, want string, wantKeys []string, prefix bool) bool {
	if got == want || prefix && strings.HasPrefix(got, want) {
		return true
	}
	if len(wantKeys) == 0 || !sameFirstRune(got, want) {
		return false // forms share their first letter: most words stop here
	}
	keys, ok := d.keys[got]
	if !ok {
		keys = wordKeys(got)
		d.keys[got] = keys
	}
	for _, k := range keys {
		if slices.Contains(wantKeys, k) {
			return true
		}
	}
	return false
}

func sameFirstRune(a, b string) bool {
	if a == "" || b == "" || a[0] != b[0] {
		return a == b // UTF-8 is prefix-free: another first byte is another first rune
	}
	ra, _ := utf8.DecodeRuneInString(a)
	rb, _ := utf8.DecodeRuneInString(b)
	return ra == rb
}

func (d *Doc) field(f Field) bool {
	it := d.t.Item
	switch f.Op {
	case OpChannel:
		return slices.Contains(ChannelKinds[f.Value], it.Kind)
	case OpAccount:
		return strings.EqualFold(it.Account, f.Value)
	case OpKind:
		return string(it.Kind) == f.Value
	case OpFrom:
		return d.text(FromText(f), d.author)
	case OpTag:
		return slices.Contains(it.Tags, f.Value)
	case OpIs:
		return d.is(f.Value)
	case OpHas:
		if f.Value == HasAttachment {
			return len(it.Attachments) > 0
		}
		if d.link == 0 { // once per item, however many rules ask
			d.link = 2
			if HasLinkIn(it.Text) {
				d.link = 1
			}
		}
		return d.link == 1
	case OpLang:
		return d.t.Tone != nil && (d.t.Tone.Lang == f.Value || f.Value == "other" && OtherLang(d.t.Tone.Lang))
	case OpSentiment:
		return d.t.Tone != nil && compare(d.t.Tone.Sentiment, f)
	case OpFollowers:
		return d.t.Followers >= 0 && compare(float64(d.t.Followers), f)
	case OpAfter:
		return !it.CreatedAt.Before(f.Time)
	case OpBefore:
		return it.CreatedAt.Before(f.Time)
	case OpState:
		return string(it.State) == f.Value
	case OpHour:
		return it.CreatedAt.In(f.Loc).Hour() == int(f.Num)
	case OpWeekday:
		return int(it.CreatedAt.In(f.Loc).Weekday()) == int(f.Num)
	}
	// wait: is the store's (reply_waits): an item alone does not know
	// what it answered.
	return false
}

func (d *Doc) is(v string) bool {
	it, tone := d.t.Item, d.t.Tone
	switch v {
	case IsUnread:
		return !it.Seen
	case IsVIP:
		return it.VIP
	case IsMine:
		return it.Outgoing
	case IsAbusive:
		return tone != nil && tone.Abusive
	case IsNegative:
		return tone != nil && tone.Label() == core.ToneNegative
	case IsPositive:
		return tone != nil && tone.Label() == core.TonePositive
	}
	return false
}

func compare(v float64, f Field) bool {
	if f.Cmp == Less {
		return v < f.Num
	}
	return v > f.Num
}

// FromText is the text a from: operator looks for in the author's name and
// address: its words in a row, the last a prefix when it ends with *.
func FromText(f Field) Text {
	v := strings.TrimRight(f.Value, "*")
	return Text{Text: v, Prefix: v != f.Value, Col: f.Col}
}

// HasLinkIn reports whether text holds a web address (has:link).
func HasLinkIn(text string) bool {
	return strings.Contains(text, "://") || strings.Contains(strings.ToLower(text), "www.")
}

// OtherLang reports whether a detected language counts as lang:other.
func OtherLang(lang string) bool {
	return lang != "" && !slices.Contains(Languages[:len(Languages)-1], lang)
}
