package query

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hearthhq/hearth/core"
)

// nowLoc is the clock relative dates and day names are read with.
type nowLoc struct{ t time.Time }

var ops = map[string]Op{}

// opOrder is the order operators are listed in messages.
var opOrder = []Op{OpChannel, OpAccount, OpKind, OpFrom, OpTag, OpIs, OpHas, OpLang, OpSentiment,
	OpFollowers, OpAfter, OpBefore, OpState, OpHour, OpWeekday, OpWait}

func init() {
	for _, op := range opOrder {
		ops[string(op)] = op
	}
}

func opNames() string {
	names := make([]string, len(opOrder))
	for i, op := range opOrder {
		names[i] = string(op)
	}
	return strings.Join(names, ", ")
}

var (
	isValues  = []string{IsUnread, IsVIP, IsAbusive, IsNegative, IsPositive, IsMine}
	hasValues = []string{HasLink, HasAttachment}
)

// makeField checks an operator's value and normalises it.
func makeField(op Op, sep Cmp, value string, now nowLoc) (Field, error) {
	f := Field{Op: op, Cmp: sep, Value: value}
	numeric := op == OpSentiment || op == OpFollowers
	switch {
	case numeric && sep == Eq:
		return f, fmt.Errorf("%s takes < or >, as in %s>%s", op, op, map[Op]string{OpSentiment: "0.5", OpFollowers: "1000"}[op])
	case !numeric && sep != Eq:
		return f, fmt.Errorf("%s takes ':', as in %s:%s", op, op, example(op))
	case value == "":
		return f, fmt.Errorf("%s: needs a value, as in %s:%s", op, op, example(op))
	}
	lower := strings.ToLower(value)
	switch op {
	case OpChannel:
		return oneOf(f, lower, slices.Sorted(mapKeys(ChannelKinds)))
	case OpIs:
		return oneOf(f, lower, isValues)
	case OpHas:
		return oneOf(f, lower, hasValues)
	case OpLang:
		return oneOf(f, lower, Languages)
	case OpState:
		return oneOf(f, lower, statesOf())
	case OpKind:
		return oneOf(f, lower, kindsOf())
	case OpSentiment:
		n, err := strconv.ParseFloat(value, 64)
		if err != nil || n < -1 || n > 1 {
			return f, fmt.Errorf("sentiment compares with a number from -1 to 1, not %q", value)
		}
		f.Num = n
	case OpFollowers:
		n, err := strconv.ParseUint(value, 10, 31)
		if err != nil {
			return f, fmt.Errorf("followers compares with a whole number, not %q", value)
		}
		f.Num = float64(n)
	case OpAfter, OpBefore:
		t, err := parseDay(lower, now)
		if err != nil {
			return f, err
		}
		f.Time = t
	case OpHour:
		n, err := strconv.Atoi(value)
		if err != nil || n < 0 || n > 23 {
			return f, fmt.Errorf("hour takes an hour of the day from 0 to 23, not %q", value)
		}
		f.Num, f.Loc = float64(n), now.t.Location()
	case OpWeekday:
		d, ok := weekdayOf(lower)
		if !ok {
			return f, fmt.Errorf("weekday:%s is not known (want one of %s)", lower, strings.Join(weekdayNames, ", "))
		}
		f.Value, f.Num, f.Loc = weekdayNames[(int(d)+6)%7], float64(d), now.t.Location()
	case OpWait:
		lo, hi, err := parseWait(lower)
		if err != nil {
			return f, err
		}
		f.Value, f.Min, f.Max = lower, lo, hi
	}
	return f, nil
}

// weekdayNames are the values of weekday:, Monday first; the whole names
// (monday) are read too.
var weekdayNames = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

func weekdayOf(v string) (time.Weekday, bool) {
	for d := time.Sunday; d <= time.Saturday; d++ {
		name := strings.ToLower(d.String())
		if v == name || v == name[:3] {
			return d, true
		}
	}
	return 0, false
}

// parseWait reads from..to, each side a duration (30m, 1h, 1h30m, 2d) or
// left out: ..1h is under an hour, 24h.. a day or more.
func parseWait(v string) (lo, hi time.Duration, err error) {
	a, b, ok := strings.Cut(v, "..")
	bad := fmt.Errorf("wait takes a span of reply times from..to, as in wait:1h..4h, wait:..1h, wait:24h.., not %q", v)
	if !ok || a == "" && b == "" {
		return 0, 0, bad
	}
	if lo, err = duration(a); err != nil {
		return 0, 0, bad
	}
	if hi, err = duration(b); err != nil || b != "" && hi <= lo {
		return 0, 0, bad
	}
	return lo, hi, nil
}

// duration reads 30m, 1h, 1h30m or 2d; "" is 0.
func duration(s string) (time.Duration, error) {
	if s == "" {
		return 0, nil
	}
	if n, ok := strings.CutSuffix(s, "d"); ok {
		d, err := strconv.Atoi(n)
		if err != nil || d < 0 || d > 10000 {
			return 0, fmt.Errorf("not a number of days")
		}
		return time.Duration(d) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("not a duration")
	}
	return d, nil
}

func example(op Op) string {
	switch op {
	case OpChannel:
		return "vk"
	case OpIs:
		return "unread"
	case OpHas:
		return "link"
	case OpLang:
		return "fr"
	case OpState:
		return "done"
	case OpKind:
		return "vk_comment"
	case OpAfter, OpBefore:
		return "2026-12-01"
	case OpTag:
		return "urgent"
	case OpHour:
		return "14"
	case OpWeekday:
		return "mon"
	case OpWait:
		return "1h..4h"
	}
	return "anna"
}

func oneOf(f Field, v string, allowed []string) (Field, error) {
	if !slices.Contains(allowed, v) {
		return f, fmt.Errorf("%s:%s is not known (want one of %s)", f.Op, v, strings.Join(allowed, ", "))
	}
	f.Value = v
	return f, nil
}

func statesOf() []string {
	out := make([]string, len(core.States))
	for i, s := range core.States {
		out[i] = string(s)
	}
	return out
}

func kindsOf() []string {
	out := make([]string, len(core.ItemKinds))
	for i, k := range core.ItemKinds {
		out[i] = string(k)
	}
	return out
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// parseDay reads a day (2026-12-01, 2026/12/01, today, yesterday) as the
// start of that day, or a span back from now (7d, 2w, 3m, 1y) as that
// moment.
func parseDay(v string, now nowLoc) (time.Time, error) {
	loc := now.t.Location()
	y, m, d := now.t.Date()
	switch v {
	case "today":
		return time.Date(y, m, d, 0, 0, 0, 0, loc), nil
	case "yesterday":
		return time.Date(y, m, d-1, 0, 0, 0, 0, loc), nil
	}
	for _, layout := range []string{"2006-01-02", "2006/01/02"} {
		if t, err := time.ParseInLocation(layout, v, loc); err == nil {
			return t, nil
		}
	}
	if n, err := strconv.Atoi(v[:len(v)-1]); err == nil && n >= 0 && n < 10000 {
		switch v[len(v)-1] {
		case 'd':
			return now.t.AddDate(0, 0, -n), nil
		case 'w':
			return now.t.AddDate(0, 0, -7*n), nil
		case 'm':
			return now.t.AddDate(0, -n, 0), nil
		case 'y':
			return now.t.AddDate(-n, 0, 0), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a day: write 2026-12-01, today, yesterday, or a span back such as 7d, 2w, 3m, 1y", v)
}
