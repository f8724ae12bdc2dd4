package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/rules"
)

const rulesUsage = "rules: usage: hearth rules add --name N --when QUERY --do ACTIONS [--stop] [--off] [--auto-reply]" +
	" | list [--json] | remove NAME | on NAME | off NAME | test (--when QUERY | --name N) [--json]"

func cmdRules(ctx context.Context, w *workspace, args []string, io stdio) error {
	if len(args) == 0 {
		return usagef("%s", rulesUsage)
	}
	switch args[0] {
	case "add":
		return cmdRulesAdd(ctx, w, args[1:], io)
	case "list":
		return cmdRulesList(ctx, w, args[1:], io)
	case "test":
		return cmdRulesTest(ctx, w, args[1:], io)
	case "remove", "on", "off":
		if len(args) != 2 {
			return usagef("rules %s: usage: hearth rules %s NAME", args[0], args[0])
		}
		r, err := w.rules.Find(ctx, args[1])
		if err != nil {
			return err
		}
		if args[0] == "remove" {
			return w.rules.Remove(ctx, r.ID)
		}
		return w.rules.SetEnabled(ctx, r.ID, args[0] == "on")
	}
	return usagef("rules: unknown subcommand %q (add, list, remove, on, off, test)", args[0])
}

func cmdRulesAdd(ctx context.Context, w *workspace, args []string, io stdio) error {
	fs := newFlags("rules add")
	name := fs.String("name", "", "")
	when := fs.String("when", "", "")
	do := fs.String("do", "", "")
	stop := fs.Bool("stop", false, "")
	off := fs.Bool("off", false, "")
	autoReply := fs.Bool("auto-reply", false, "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 || *name == "" || *when == "" || *do == "" {
		return usagef("rules add: usage: hearth rules add --name N --when QUERY --do ACTIONS [--stop] [--off] [--auto-reply]")
	}
	actions, err := core.ParseRuleActions(*do)
	if err != nil {
		return usagef("rules add: --do: %v", err)
	}
	r, err := w.rules.Add(ctx, core.Rule{Name: *name, Query: *when, Actions: actions, Stop: *stop, Enabled: !*off, AutoReply: *autoReply})
	if err != nil {
		return queryUsage("rules add: --when", err)
	}
	fmt.Fprintf(io.out, "rule %q saved (#%d): %s\n", r.Name, r.Position, core.RuleActionsString(r.Actions))
	if r.Replies() && !r.AutoReply {
		fmt.Fprintln(io.out, "its replies are held: add it with --auto-reply to let it send them")
	}
	return nil
}

// ruleJSON is one rule as `rules list --json` prints it.
type ruleJSON struct {
	Position  int      `json:"position"`
	Name      string   `json:"name"`
	Query     string   `json:"query"`
	Actions   []string `json:"actions"`
	Stop      bool     `json:"stop"`
	Enabled   bool     `json:"enabled"`
	AutoReply bool     `json:"auto_reply"`
}

func cmdRulesList(ctx context.Context, w *workspace, args []string, io stdio) error {
	fs := newFlags("rules list")
	asJSON := fs.Bool("json", false, "")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	list, err := w.rules.List(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]ruleJSON, 0, len(list))
		for _, r := range list {
			acts := make([]string, 0, len(r.Actions))
			for _, a := range r.Actions {
				acts = append(acts, a.String())
			}
			out = append(out, ruleJSON{Position: r.Position, Name: r.Name, Query: r.Query, Actions: acts,
				Stop: r.Stop, Enabled: r.Enabled, AutoReply: r.AutoReply})
		}
		return writeJSON(io, out)
	}
	if len(list) == 0 {
		fmt.Fprintln(io.out, "No rules. Add one: hearth rules add --name N --when QUERY --do ACTIONS")
		return nil
	}
	tw := newTable(io.out, 4)
	fmt.Fprintln(tw, "#\tNAME\tON\tWHEN\tDO")
	for _, r := range list {
		on, do := "yes", core.RuleActionsString(r.Actions)
		if !r.Enabled {
			on = "no"
		}
		if r.Stop {
			do += ", stop"
		}
		if r.Replies() && !r.AutoReply {
			do += " (replies held)"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", r.Position, r.Name, on, r.Query, do)
	}
	return tw.Flush()
}

// dryRunJSON is what `rules test --json` prints.
type dryRunJSON struct {
	Days  int        `json:"days"`
	Count int        `json:"count"`
	More  bool       `json:"more"` // more than count
	Items []itemJSON `json:"items"`
}

func cmdRulesTest(ctx context.Context, w *workspace, args []string, io stdio) error {
	fs := newFlags("rules test")
	name := fs.String("name", "", "")
	when := fs.String("when", "", "")
	asJSON := fs.Bool("json", false, "")
	limit := fs.Int("limit", 10, "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 || (*name == "") == (*when == "") || *limit < 0 {
		return usagef("rules test: usage: hearth rules test (--when QUERY | --name N) [--json] [--limit N]")
	}
	q := *when
	if *name != "" {
		r, err := w.rules.Find(ctx, *name)
		if err != nil {
			return err
		}
		q = r.Query
	}
	d, err := w.rules.DryRun(ctx, q, *limit)
	if err != nil {
		return queryUsage("rules test", err)
	}
	if *asJSON {
		out := dryRunJSON{Days: rules.DryRunDays, Count: d.Count, More: d.More, Items: []itemJSON{}}
		for _, it := range d.First {
			out.Items = append(out.Items, toJSON(it))
		}
		return writeJSON(io, out)
	}
	fmt.Fprintf(io.out, "would have matched %s\n", d.Summary())
	for _, it := range d.First {
		fmt.Fprintf(io.out, "  %d\t%s\t%s\t%s\n", it.ID, it.CreatedAt.Local().Format("2006-01-02 15:04"),
			it.Author.Label(), oneLineText(it.Snippet))
	}
	return nil
}

func oneLineText(s string) string { return strings.Join(strings.Fields(s), " ") }
