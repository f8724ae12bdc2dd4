//go:build !nowindow

package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/hearthhq/hearth/core"
)

// demoRules are the rules the demo workspace starts with, one of each
// kind a community manager writes first.
var demoRules = []struct{ name, when, do string }{
	{"Links from new VK accounts", "channel:vk has:link followers<20", "state:spam"},
	// VK comments only: the abusive reply on X stays for the moderation
	// queue to show.
	{"Abusive comments hidden", "is:abusive kind:vk_comment", "hide"},
	{"VIP mentions tagged", "is:vip OR (channel:vk followers>1000)", "tag:vip, notify"},
}

// demoWatch is the demo's keyword watch: the brand's name, in Latin and
// Cyrillic letters, on every channel.
var demoWatch = struct{ name, query string }{"Hearth", `hearth OR хартх OR "hearth makers"`}

// seedDemoRules adds the demo's keyword watch and rules before its first
// sync, so that they run on its items; a kept demo workspace (--data)
// keeps its own.
func seedDemoRules(ctx context.Context, w *workspace) error {
	if _, err := w.views.Add(ctx, demoWatch.name, demoWatch.query, true); err != nil && !errors.Is(err, core.ErrConflict) {
		return fmt.Errorf("demo watch: %w", err)
	}
	for _, r := range demoRules {
		actions, err := core.ParseRuleActions(r.do)
		if err != nil {
			return fmt.Errorf("demo rule %q: %w", r.name, err)
		}
		_, err = w.rules.Add(ctx, core.Rule{Name: r.name, Query: r.when, Actions: actions, Enabled: true})
		if err != nil && !errors.Is(err, core.ErrConflict) {
			return fmt.Errorf("demo rule %q: %w", r.name, err)
		}
	}
	return nil
}
