package core

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Rule is a query of the query language (core/query) and what to do with
// each new or changed item it matches, run at ingest in the order of
// Position. Stop ends the run for an item it matched: no later rule sees it.
type Rule struct {
	ID       int64
	Name     string
	Query    string
	Actions  []RuleAction
	Stop     bool
	Enabled  bool
	Position int // 1 first
	// AutoReply lets the rule's reply actions send: off, a reply action is
	// recorded as held and nothing goes out.
	AutoReply bool
	CreatedAt time.Time
}

// RuleActionKind names what a rule does to an item.
type RuleActionKind string

// What a rule can do.
const (
	RuleTag    RuleActionKind = "tag"    // tag:T
	RuleState  RuleActionKind = "state"  // state:done|spam|hidden|snoozed[:DURATION]
	RuleHide   RuleActionKind = "hide"   // hide on the channel (VK delete, X hide) through the outbox
	RuleNotify RuleActionKind = "notify" // ask the desktop to show it
	RuleReply  RuleActionKind = "reply"  // reply:SAVED REPLY NAME, through the outbox
	RuleStop   RuleActionKind = "stop"   // no later rule sees the item
)

// RuleAction is one action of a rule: a kind and its argument (the tag,
// the state, the saved reply's name) and, for a snooze, how long.
type RuleAction struct {
	Kind RuleActionKind
	Arg  string
	For  time.Duration
}

// DefaultSnooze is how long state:snoozed snoozes without a duration.
const DefaultSnooze = 24 * time.Hour

// ruleStates are the states a rule may set: a rule triages, it never
// reopens.
var ruleStates = []State{StateDone, StateSpam, StateHidden, StateSnoozed}

// ParseRuleActions reads actions written as a person types them:
// "tag:vip, state:spam, state:snoozed:3d, hide, notify, reply:Thanks, stop".
func ParseRuleActions(s string) ([]RuleAction, error) {
	var out []RuleAction
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		a, err := ParseRuleAction(part)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("a rule needs at least one action (tag:T, state:S, hide, notify, reply:NAME, stop)")
	}
	return out, nil
}

// ParseRuleAction reads one action.
func ParseRuleAction(s string) (RuleAction, error) {
	kind, arg, _ := strings.Cut(strings.TrimSpace(s), ":")
	a := RuleAction{Kind: RuleActionKind(strings.ToLower(strings.TrimSpace(kind))), Arg: strings.TrimSpace(arg)}
	switch a.Kind {
	case RuleTag:
		if a.Arg == "" || strings.ContainsAny(a.Arg, ",\n") {
			return a, fmt.Errorf("tag: needs a tag, as in tag:urgent")
		}
	case RuleReply:
		if a.Arg == "" {
			return a, fmt.Errorf("reply: needs the name of a saved reply, as in reply:Thanks")
		}
	case RuleState:
		return parseRuleState(a)
	case RuleHide, RuleNotify, RuleStop:
		if a.Arg != "" {
			return a, Say("{{.Action}} takes no value", "Action", string(a.Kind))
		}
	default:
		return a, Say(`unknown action "{{.Action}}" (want tag:T, state:S, hide, notify, reply:NAME or stop)`, "Action", s)
	}
	return a, nil
}

func parseRuleState(a RuleAction) (RuleAction, error) {
	st, dur, hasDur := strings.Cut(strings.ToLower(a.Arg), ":")
	a.Arg = st
	ok := false
	for _, s := range ruleStates {
		ok = ok || string(s) == st
	}
	if !ok {
		return a, Say("state:{{.State}}: a rule sets done, spam, hidden or snoozed", "State", st)
	}
	if st != string(StateSnoozed) {
		if hasDur {
			return a, Say("state:{{.State}} takes no duration; only snoozed does", "State", st)
		}
		return a, nil
	}
	a.For = DefaultSnooze
	if hasDur {
		d, err := ParseSnooze(dur)
		if err != nil {
			return a, fmt.Errorf("state:snoozed:%s: %w", dur, err)
		}
		a.For = d
	}
	return a, nil
}

// ParseSnooze reads a snooze length: Go's "90m", "3h", or days and weeks
// as people write them, "2d", "1w".
func ParseSnooze(s string) (time.Duration, error) {
	var d time.Duration
	var err error
	switch {
	case strings.HasSuffix(s, "d") || strings.HasSuffix(s, "w"):
		var n int
		if _, err = fmt.Sscanf(s[:len(s)-1], "%d", &n); err == nil && fmt.Sprint(n) == s[:len(s)-1] {
			d = time.Duration(n) * 24 * time.Hour
			if strings.HasSuffix(s, "w") {
				d *= 7
			}
		} else {
			err = fmt.Errorf("not a number of days")
		}
	default:
		d, err = time.ParseDuration(s)
	}
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("a snooze lasts a positive time, as in 3h, 2d or 1w")
	}
	return d, nil
}

// String writes the action as ParseRuleAction reads it.
func (a RuleAction) String() string {
	switch {
	case a.Kind == RuleState && a.Arg == string(StateSnoozed) && a.For != DefaultSnooze:
		return "state:snoozed:" + snoozeString(a.For)
	case a.Arg != "":
		return string(a.Kind) + ":" + a.Arg
	}
	return string(a.Kind)
}

func snoozeString(d time.Duration) string {
	const day = 24 * time.Hour
	switch {
	case d%(7*day) == 0:
		return fmt.Sprintf("%dw", d/(7*day))
	case d%day == 0:
		return fmt.Sprintf("%dd", d/day)
	}
	s := strings.TrimSuffix(d.String(), "0s") // "1h30m0s" -> "1h30m"
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m") // "3h0m" -> "3h"
	}
	return s
}

// RuleActionsString writes actions as ParseRuleActions reads them.
func RuleActionsString(actions []RuleAction) string {
	parts := make([]string, len(actions))
	for i, a := range actions {
		parts[i] = a.String()
	}
	return strings.Join(parts, ", ")
}

// Replies reports whether the rule has a reply action.
func (r Rule) Replies() bool {
	for _, a := range r.Actions {
		if a.Kind == RuleReply {
			return true
		}
	}
	return false
}

// RuleStep is what one rule did to one item, kept so that the item can
// say it and a person can undo it.
type RuleStep struct {
	ID       int64
	ItemID   int64
	RuleID   int64  // 0 once the rule is removed
	RuleName string // as it was named when it acted
	Action   RuleAction
	// Previous is what the action replaced, for undo: the state and snooze
	// ("spam", "snoozed@<unix ms>"), "had" when the tag was there already.
	Previous string
	// Outcome says what became of the action when it did not simply apply:
	// "held" (an auto-reply of a rule whose replies are off), or why it was
	// skipped ("automated sender").
	Outcome  string
	OutboxID int64 // the hide or reply queued, 0 for none
	At       time.Time
	UndoneAt time.Time // zero while in force
}

// Applied reports whether the step changed anything that undo can revert.
func (s RuleStep) Applied() bool {
	return s.Outcome == "" && s.UndoneAt.IsZero() && s.Action.Kind != RuleStop
}

// Line says in words what the step did, for the item's thread: "Rule
// 'Spam links' moved this to spam".
func (s RuleStep) Line() string {
	line := "Rule '" + s.RuleName + "' " + s.what()
	switch {
	case s.Outcome != "":
		line = "Rule '" + s.RuleName + "' did not act: " + s.Action.String() + " (" + s.Outcome + ")"
	case !s.UndoneAt.IsZero():
		line += " (undone)"
	}
	return line
}

func (s RuleStep) what() string {
	switch s.Action.Kind {
	case RuleTag:
		return "tagged this " + s.Action.Arg
	case RuleState:
		if s.Action.Arg == string(StateSnoozed) {
			return "snoozed this for " + snoozeString(s.Action.For)
		}
		return "moved this to " + s.Action.Arg
	case RuleHide:
		return "hid this on its channel"
	case RuleNotify:
		return "asked for a notification"
	case RuleReply:
		return "replied with '" + s.Action.Arg + "'"
	}
	return string(s.Action.Kind)
}

// Notification is a request, made by a rule, to show an item to the person
// on the desktop; the window shows each once.
type Notification struct {
	ID       int64
	ItemID   int64
	RuleName string
	Subject  string // of the item
	Snippet  string
	At       time.Time
}

// RuleItem is an item as rules see it: with its account's name, tags and
// text, and its author's follower count (-1 unknown).
type RuleItem struct {
	Item      Item
	Followers int
}

// RuleWrite is a step for the store to take: the step, the item it acts
// on, the outbox entry to queue (a hide, a reply) and, for an auto-reply,
// the author it answers ("account id/address"), counted once a day.
type RuleWrite struct {
	Step   RuleStep
	Item   Item
	Outbox *OutboxEntry
	Author string
}

// RuleTx is the workspace as rules see it inside the transaction that
// writes a sync batch (store.ApplyBatchWith): what they read there sees
// the batch, and what they write commits with it.
type RuleTx interface {
	// Items returns the items of ids, oldest first.
	Items(ids []int64) ([]RuleItem, error)
	// Ruled returns, per item, the ids of the rules that acted on it.
	Ruled(ids []int64) (map[int64][]int64, error)
	// RepliedSince reports whether an auto-reply went to author since.
	RepliedSince(author string, since time.Time) (bool, error)
	// Raw returns an item's original message (nil when none is kept).
	Raw(itemID int64) ([]byte, error)
	// Take performs a step and records it; it returns the step as
	// recorded (its id, what it replaced, its outbox entry).
	Take(w RuleWrite) (RuleStep, error)
}

// PreviousHadTag is the Previous of a tag step on an item that had the tag
// already: undo leaves it.
const PreviousHadTag = "had"

// EncodePrevious writes a state for RuleStep.Previous: "spam", or
// "snoozed@<unix ms>" for a snooze.
func EncodePrevious(st State, until time.Time) string {
	if st == StateSnoozed && !until.IsZero() {
		return string(st) + "@" + strconv.FormatInt(until.UnixMilli(), 10)
	}
	return string(st)
}

// DecodePrevious reads what EncodePrevious wrote.
func DecodePrevious(s string) (State, time.Time) {
	st, at, ok := strings.Cut(s, "@")
	if !ok {
		return State(st), time.Time{}
	}
	v, _ := strconv.ParseInt(at, 10, 64)
	return State(st), time.UnixMilli(v).UTC()
}
