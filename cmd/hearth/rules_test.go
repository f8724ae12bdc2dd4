package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func TestRulesAddListTestRemove(t *testing.T) {
	t.Parallel()
	dir := queryWorkspace(t)
	run := func(args ...string) string {
		t.Helper()
		code, out, errs := cli(t, "", append([]string{"--data", dir, "rules"}, args...)...)
		if code != 0 {
			t.Fatalf("rules %v: exit %d: %s", args, code, errs)
		}
		return out
	}
	if out := run("add", "--name", "Meetups", "--when", "встреча OR meetup", "--do", "tag:meetup, state:snoozed:2d"); !strings.Contains(out, `rule "Meetups" saved (#1)`) {
		t.Errorf("add said %q", out)
	}
	out := run("add", "--name", "Thanks", "--when", "channel:vk спасибо", "--do", "reply:Спасибо", "--stop")
	if !strings.Contains(out, "replies are held") {
		t.Errorf("a reply rule without --auto-reply should say its replies are held: %q", out)
	}
	run("off", "thanks")
	var list []ruleJSON
	if err := json.Unmarshal([]byte(run("list", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	want := []ruleJSON{
		{Position: 1, Name: "Meetups", Query: "встреча OR meetup", Actions: []string{"tag:meetup", "state:snoozed:2d"}, Enabled: true},
		{Position: 2, Name: "Thanks", Query: "channel:vk спасибо", Actions: []string{"reply:Спасибо"}, Stop: true},
	}
	if len(list) != 2 || !slices.EqualFunc(list, want, func(a, b ruleJSON) bool {
		return a.Position == b.Position && a.Name == b.Name && a.Query == b.Query && slices.Equal(a.Actions, b.Actions) &&
			a.Stop == b.Stop && a.Enabled == b.Enabled && a.AutoReply == b.AutoReply
	}) {
		t.Errorf("list = %+v, want %+v", list, want)
	}
	if out := run("list"); !strings.Contains(out, "(replies held)") || !strings.Contains(out, "Meetups") {
		t.Errorf("list said %q", out)
	}

	var d dryRunJSON
	if err := json.Unmarshal([]byte(run("test", "--name", "meetups", "--json")), &d); err != nil {
		t.Fatal(err)
	}
	// The done one counts too: a rule runs on items whatever their state.
	if d.Days != 30 || d.Count != 2 || d.More || len(d.Items) != 2 {
		t.Errorf("test = %+v", d)
	}
	if out := run("test", "--when", "встречный"); !strings.Contains(out, "would have matched 1 item in the last 30 days") {
		t.Errorf("test said %q", out)
	}
	run("remove", "Meetups")
	if code, _, errs := cli(t, "", "--data", dir, "rules", "remove", "Meetups"); code != 1 || !strings.Contains(errs, "not found") {
		t.Errorf("removing twice: exit %d, %q", code, errs)
	}
}

func TestRulesBadInputExitsTwo(t *testing.T) {
	dir := queryWorkspace(t)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"rules", "add", "--name", "X", "--when", "(a", "--do", "hide"}, "rules add: --when: column 1: '(' without ')'"},
		{[]string{"rules", "add", "--name", "X", "--when", "a", "--do", "state:new"}, "rules add: --do: state:new: a rule sets done, spam, hidden or snoozed"},
		{[]string{"rules", "add", "--name", "X", "--when", "a", "--do", "explode"}, `rules add: --do: unknown action "explode"`},
		{[]string{"rules", "add", "--name", "X", "--do", "hide"}, "rules add: usage"},
		{[]string{"rules", "test", "--when", "a OR"}, "rules test: column 3: OR needs a term on each side"},
		{[]string{"rules"}, "rules: usage"},
	}
	for _, tt := range tests {
		code, _, errs := cli(t, "", append([]string{"--data", dir}, tt.args...)...)
		if code != 2 || !strings.Contains(errs, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tt.args, code, errs, tt.want)
		}
	}
}
