package core

import (
	"testing"
	"time"
)

func TestParseRuleActions(t *testing.T) {
	tests := []struct {
		in, want string // want: as written back, or the error
	}{
		{"tag:vip", "tag:vip"},
		{" Tag:VIP Fans , state:spam,hide,notify, reply:Thanks,stop ", "tag:VIP Fans, state:spam, hide, notify, reply:Thanks, stop"},
		{"state:snoozed", "state:snoozed"},
		{"state:snoozed:3h", "state:snoozed:3h"},
		{"state:snoozed:2d", "state:snoozed:2d"},
		{"state:snoozed:14d", "state:snoozed:2w"},
		{"state:snoozed:90m", "state:snoozed:1h30m"},
		{"state:DONE", "state:done"},
		{"state:new", "state:new: a rule sets done, spam, hidden or snoozed"},
		{"state:done:2h", "state:done takes no duration; only snoozed does"},
		{"state:snoozed:-1h", "state:snoozed:-1h: a snooze lasts a positive time, as in 3h, 2d or 1w"},
		{"state:snoozed:xd", "state:snoozed:xd: a snooze lasts a positive time, as in 3h, 2d or 1w"},
		{"tag:", "tag: needs a tag, as in tag:urgent"},
		{"reply", "reply: needs the name of a saved reply, as in reply:Thanks"},
		{"hide:now", "hide takes no value"},
		{"delete", `unknown action "delete" (want tag:T, state:S, hide, notify, reply:NAME or stop)`},
		{" , ", "a rule needs at least one action (tag:T, state:S, hide, notify, reply:NAME, stop)"},
	}
	for _, tt := range tests {
		got, err := ParseRuleActions(tt.in)
		s := RuleActionsString(got)
		if err != nil {
			s = err.Error()
		}
		if s != tt.want {
			t.Errorf("ParseRuleActions(%q) = %q, want %q", tt.in, s, tt.want)
		}
	}
}

func TestRuleStepLine(t *testing.T) {
	at := time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		step RuleStep
		want string
	}{
		{RuleStep{RuleName: "Links from new VK accounts", Action: RuleAction{Kind: RuleState, Arg: "spam"}}, "Rule 'Links from new VK accounts' moved this to spam"},
		{RuleStep{RuleName: "Later", Action: RuleAction{Kind: RuleState, Arg: "snoozed", For: 48 * time.Hour}}, "Rule 'Later' snoozed this for 2d"},
		{RuleStep{RuleName: "VIP", Action: RuleAction{Kind: RuleTag, Arg: "vip"}, UndoneAt: at}, "Rule 'VIP' tagged this vip (undone)"},
		{RuleStep{RuleName: "Thanks", Action: RuleAction{Kind: RuleReply, Arg: "Thanks"}, Outcome: "the sender is automated"},
			"Rule 'Thanks' did not act: reply:Thanks (the sender is automated)"},
	}
	for _, tt := range tests {
		if got := tt.step.Line(); got != tt.want {
			t.Errorf("Line() = %q, want %q", got, tt.want)
		}
	}
}

func TestPrevious(t *testing.T) {
	until := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		st    State
		until time.Time
	}{{StateNew, time.Time{}}, {StateSnoozed, until}, {StateOpen, time.Time{}}} {
		st, u := DecodePrevious(EncodePrevious(tt.st, tt.until))
		if st != tt.st || !u.Equal(tt.until) {
			t.Errorf("round trip of %s %s = %s %s", tt.st, tt.until, st, u)
		}
	}
}
