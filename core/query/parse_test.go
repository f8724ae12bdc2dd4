package query

import (
	"errors"
	"testing"
	"time"
)

// now is the clock of the tests: days are read in Paris time.
var now = time.Date(2026, 12, 5, 15, 30, 0, 0, mustLoc("Europe/Paris"))

func mustLoc(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func TestParse(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "()"},
		{"   ", "()"},
		{"hello", `"hello"`},
		{"встреча клуба", `(and "встреча" "клуба")`},
		{"Ёлка", `"Ёлка"`},
		{`"annual meetup"`, `"annual meetup"p`},
		{`"annual meet"*`, `"annual meet"p*`},
		{"meet*", `"meet"*`},
		{"-spam", `-"spam"`},
		{"NOT spam", `-"spam"`},
		{"a -b c", `(and "a" -"b" "c")`},
		{"a OR b", `(or "a" "b")`},
		{"a or b", `(and "a" "or" "b")`}, // only upper-case OR is the operator
		{"a AND b", `(and "a" "b")`},
		// OR binds tighter than the side-by-side AND, as in Gmail.
		{"a b OR c d", `(and "a" (or "b" "c") "d")`},
		{"a OR b OR c", `(or "a" "b" "c")`},
		{"-a OR b", `(or -"a" "b")`},
		{"-(a OR b) c", `(and -(or "a" "b") "c")`},
		{"(a b) OR c", `(or (and "a" "b") "c")`},
		{"((a))", `"a"`},
		{"a (b OR (c -d))", `(and "a" (or "b" (and "c" -"d")))`},
		{"rendez-vous", `"rendez-vous"`},
		{"well-known -word", `(and "well-known" -"word")`},
		{"a - b", `(and "a" "b")`}, // a lone dash is punctuation
		{"!!! a", `"a"`},
		{"a OR !!!", `"a"`},
		{"-!!!", "()"},
		{"channel:vk", `channel:"vk"`},
		{"Channel:VK", `channel:"vk"`},
		{"channel:email channel:x channel:feed", `(and channel:"email" channel:"x" channel:"feed")`},
		{"account:Support", `account:"Support"`},
		{`account:"Club news"`, `account:"Club news"`},
		{"kind:vk_comment", `kind:"vk_comment"`},
		{"from:anna", `from:"anna"`},
		{`from:"Анна Петрова"`, `from:"Анна Петрова"`},
		{"from:anna@example.org", `from:"anna@example.org"`},
		{"tag:urgent", `tag:"urgent"`},
		{"tag:Срочно", `tag:"Срочно"`},
		{"is:unread is:vip is:mine", `(and is:"unread" is:"vip" is:"mine")`},
		{"is:abusive OR is:negative OR is:positive", `(or is:"abusive" is:"negative" is:"positive")`},
		{"has:link has:attachment", `(and has:"link" has:"attachment")`},
		{"lang:ru lang:other", `(and lang:"ru" lang:"other")`},
		{"sentiment<-0.5", `sentiment<-0.5`},
		{"sentiment>0.25", `sentiment>0.25`},
		{"followers>1000", `followers>1000`},
		{"followers<10", `followers<10`},
		{"after:2026-11-01", `after:2026-11-01T00:00`},
		{"before:2026/12/24", `before:2026-12-24T00:00`},
		{"after:today", `after:2026-12-05T00:00`},
		{"after:yesterday", `after:2026-12-04T00:00`},
		{"after:7d", `after:2026-11-28T15:30`},
		{"after:2w", `after:2026-11-21T15:30`},
		{"state:done", `state:"done"`},
		{"-state:spam", `-state:"spam"`},
		{"(channel:vk OR channel:x) is:unread -tag:done", `(and (or channel:"vk" channel:"x") is:"unread" -tag:"done")`},
		{"10:30", `"10:30"`}, // not an operator: a time
		{"https://example.org/x", `"https://example.org/x"`}, // a link
		{"Re: meeting", `(and "Re:" "meeting")`},
		{"x:y", `"x:y"`}, // one letter is no operator name
		{"встреча*", `"встреча"*`},
		{"hour:0 hour:23 Hour:09", `(and hour:0@Europe/Paris hour:23@Europe/Paris hour:9@Europe/Paris)`},
		{"weekday:mon weekday:Sunday weekday:SAT", `(and weekday:mon@Europe/Paris weekday:sun@Europe/Paris weekday:sat@Europe/Paris)`},
		{"wait:1h..4h", `wait:1h0m0s..4h0m0s`},
		{"wait:..1h", `wait:0s..1h0m0s`},
		{"wait:24h..", `wait:24h0m0s..0s`},
		{"wait:1d..2d wait:30m..1h30m", `(and wait:24h0m0s..48h0m0s wait:30m0s..1h30m0s)`},
		{"is:mine -wait:..1h", `(and is:"mine" -wait:0s..1h0m0s)`},
	}
	for _, tt := range tests {
		q, err := ParseAt(tt.in, now)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got := String(q.Root); got != tt.want {
			t.Errorf("Parse(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestParseErrorsNameTheColumn(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a b c d e f) g", "column 12: ')' without '('"},
		{"встреча клуба)", "column 14: ')' without '('"}, // columns count characters, not bytes
		{"(a b", "column 1: '(' without ')'"},
		{"a (b (c)", "column 3: '(' without ')'"},
		{"a ()", "column 3: empty parentheses"},
		{`a "open phrase`, `column 3: '"' without a closing '"'`},
		{"OR a", "column 1: OR needs a term on each side"},
		{"a OR", "column 3: OR needs a term on each side"},
		{"a OR OR b", "column 3: OR needs a term on each side"},
		{"a OR )", "column 3: OR needs a term on each side"},
		{"AND a", "column 1: AND needs a term on each side"},
		{"a AND", "column 3: AND needs a term on each side"},
		{"a NOT", "column 3: '-' or NOT needs a term after it"},
		{"channel:fax", "column 9: channel:fax is not known (want one of email, feed, vk, x)"},
		{"is:urgent", "column 4: is:urgent is not known (want one of unread, vip, abusive, negative, positive, mine)"},
		{"has:pdf", "column 5: has:pdf is not known (want one of link, attachment)"},
		{"lang:de", "column 6: lang:de is not known (want one of en, fr, ru, bg, other)"},
		{"state:archived", "column 7: state:archived is not known (want one of new, open, done, snoozed, spam, hidden)"},
		{"kind:post", "column 6: kind:post is not known (want one of email, vk_post, vk_comment, vk_message, x_mention, x_reply, x_dm, feed_item)"},
		{"sentiment:0.5", "column 11: sentiment takes < or >, as in sentiment>0.5"},
		{"sentiment<2", `column 11: sentiment compares with a number from -1 to 1, not "2"`},
		{"followers>many", `column 11: followers compares with a whole number, not "many"`},
		{"followers>-5", `column 11: followers compares with a whole number, not "-5"`},
		{"from>anna", "column 6: from takes ':', as in from:anna"},
		{"tag:", "column 5: tag: needs a value, as in tag:urgent"},
		{"after:soon", `column 7: "soon" is not a day: write 2026-12-01, today, yesterday, or a span back such as 7d, 2w, 3m, 1y`},
		{"form:anna", "column 1: unknown operator 'form:' (known: channel, account, kind, from, tag, is, has, lang, sentiment, followers, after, before, state, hour, weekday, wait); put it in quotes to search for the text"},
		{"hour:24", `column 6: hour takes an hour of the day from 0 to 23, not "24"`},
		{"hour:-1", `column 6: hour takes an hour of the day from 0 to 23, not "-1"`},
		{"hour:2pm", `column 6: hour takes an hour of the day from 0 to 23, not "2pm"`},
		{"hour>9", "column 6: hour takes ':', as in hour:14"},
		{"weekday:mo", "column 9: weekday:mo is not known (want one of mon, tue, wed, thu, fri, sat, sun)"},
		{"wait:1h", `column 6: wait takes a span of reply times from..to, as in wait:1h..4h, wait:..1h, wait:24h.., not "1h"`},
		{"wait:4h..1h", `column 6: wait takes a span of reply times from..to, as in wait:1h..4h, wait:..1h, wait:24h.., not "4h..1h"`},
		{"wait:..", `column 6: wait takes a span of reply times from..to, as in wait:1h..4h, wait:..1h, wait:24h.., not ".."`},
		{"wait:-1h..", `column 6: wait takes a span of reply times from..to, as in wait:1h..4h, wait:..1h, wait:24h.., not "-1h.."`},
		{`from:"anna`, `column 6: '"' without a closing '"'`},
	}
	for _, tt := range tests {
		_, err := ParseAt(tt.in, now)
		var pe *Error
		if !errors.As(err, &pe) {
			t.Errorf("Parse(%q) = %v, want a parse error", tt.in, err)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("Parse(%q):\n got %s\nwant %s", tt.in, err, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"a b OR c", `"x y"* -z`, "(a OR (b -c))", "from:\"a b\" tag:x", "sentiment<-0.5",
		"followers>10 after:7d", "a) (", `"`, "-", "--a", "OR", "встреча*", "is:vip OR -has:link", "after:2026-02-30",
		"hour:14 weekday:mon", "weekday:sunday OR hour:0", "wait:1h..4h", "wait:..1h -wait:24h..", "wait:1d..2d", "hour:99", "wait:1h..1h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseAt(s, now)
		var pe *Error
		switch {
		case err != nil && !errors.As(err, &pe):
			t.Fatalf("Parse(%q): an error that is not a parse error: %v", s, err)
		case err != nil && (pe.Col < 1 || pe.Col > len([]rune(s))+1):
			t.Fatalf("Parse(%q): column %d outside the query", s, pe.Col)
		case err == nil:
			_ = String(q.Root)
			q.Match(NewDoc(Target{Followers: -1}))
		}
	})
}
