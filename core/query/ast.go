// Package query is Hearth's one query language, for the search box, saved
// views, keyword watches and rule conditions, in the Gmail / notmuch habit:
//
//	встреча "annual meetup" -spam (vk OR x) from:anna channel:vk is:unread
//	tag:urgent after:2026-11-01 followers>1000 sentiment<-0.5
//
// Words match whole words and their forms (core/wordform: "встреча" finds
// "встречи"); word* matches words starting with word; "a phrase" matches
// its words in a row, each in any of its forms. Terms side by side must all
// match; OR between two terms lets either match, and binds tighter than the
// side-by-side AND, as in Gmail: `invoice from:amy OR from:bob` is invoice
// AND (from:amy OR from:bob). -term (or NOT term) excludes; parentheses
// group. AND is accepted and changes nothing.
//
// Parse builds the syntax tree (a parse error names its column); the store
// compiles it to SQL and FTS5, and Matcher runs it on items in memory (rules
// and keyword watches at ingest). Both give the same answer for an item.
package query

import (
	"strconv"
	"time"

	"github.com/hearthhq/hearth/core"
)

// Node is a node of a query's syntax tree: And, Or, Not, Text or Field.
type Node interface{ node() }

// And matches when every one of its nodes does.
type And struct{ Nodes []Node }

// Or matches when any one of its nodes does.
type Or struct{ Nodes []Node }

// Not matches when its node does not.
type Not struct{ Node Node }

// Text is a word or a quoted phrase, matched in an item's subject, text and
// author.
type Text struct {
	Text   string // as typed, without quotes or the final *
	Phrase bool   // was in quotes
	Prefix bool   // ended with *: the last word matches as a prefix
	Col    int    // where it starts, 1-based, in characters
}

// Op names an operator.
type Op string

// The operators.
const (
	OpChannel   Op = "channel"   // Value: email, vk, x, feed
	OpAccount   Op = "account"   // Value: an account name, any case
	OpKind      Op = "kind"      // Value: a core.ItemKind
	OpFrom      Op = "from"      // Value: words of the author's name or address
	OpTag       Op = "tag"       // Value: a tag name
	OpIs        Op = "is"        // Value: unread, vip, abusive, negative, positive, mine
	OpHas       Op = "has"       // Value: link, attachment
	OpLang      Op = "lang"      // Value: en, fr, ru, bg, other
	OpSentiment Op = "sentiment" // Cmp and Num, in [-1, 1]
	OpFollowers Op = "followers" // Cmp and Num: the author's followers on the channel
	OpAfter     Op = "after"     // Time: created on that day or later
	OpBefore    Op = "before"    // Time: created before that day
	OpState     Op = "state"     // Value: a core.State
	OpHour      Op = "hour"      // Num: the hour of the day created, 0-23, on the parse location's clock
	OpWeekday   Op = "weekday"   // Value: mon..sun; Num: its time.Weekday, on the parse location's clock
	OpWait      Op = "wait"      // Min, Max: our reply's wait, from..to (Max 0: no bound)
)

// Cmp is the comparison of a numeric operator.
type Cmp byte

// Comparisons.
const (
	Eq   Cmp = ':'
	Less Cmp = '<'
	More Cmp = '>'
)

// Field is an operator and its value, checked and normalised by Parse.
type Field struct {
	Op    Op
	Cmp   Cmp
	Value string    // lower-cased for the closed sets (is:, has:, channel:, ...)
	Num   float64   // sentiment, followers
	Time  time.Time // after, before: the start of the day named, in the parse location
	// Loc is the clock hour: and weekday: read the time on (the parse
	// location, as after: and before: read days).
	Loc *time.Location
	// Min and Max bound wait: as [Min, Max); Max 0 has no upper bound.
	Min, Max time.Duration
	Col      int
}

func (And) node()   {}
func (Or) node()    {}
func (Not) node()   {}
func (Text) node()  {}
func (Field) node() {}

// Values of is:.
const (
	IsUnread   = "unread"
	IsVIP      = "vip"
	IsAbusive  = "abusive"
	IsNegative = "negative"
	IsPositive = "positive"
	IsMine     = "mine" // written by us
)

// Values of has:.
const (
	HasLink       = "link"
	HasAttachment = "attachment"
)

// Languages lang: accepts; "other" is any language but these.
var Languages = []string{"en", "fr", "ru", "bg", "other"}

// ChannelKinds maps each channel: value to its item kinds.
var ChannelKinds = map[string][]core.ItemKind{
	"email": {core.ItemEmail},
	"vk":    {core.ItemVKPost, core.ItemVKComment, core.ItemVKMessage},
	"x":     {core.ItemXMention, core.ItemXReply, core.ItemXDM},
	"feed":  {core.ItemFeed},
}

// Query is a parsed query. A nil Root means the query had nothing to match
// on (blank, or only punctuation): Blank tells which.
type Query struct {
	Source string
	Root   Node
}

// Blank reports whether the query was empty or spaces: it filters nothing.
func (q Query) Blank() bool { return q.Root == nil && isBlank(q.Source) }

// Error is a parse error at a column of the query (1-based, in characters).
type Error struct {
	Col int
	Msg string
}

func (e *Error) Error() string { return "column " + strconv.Itoa(e.Col) + ": " + e.Msg }
