package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/hearthhq/hearth/core/query"
)

// queryUsage turns a query that does not parse into a usage error (exit
// 2): "search: column 14: ')' without '('".
func queryUsage(cmd string, err error) error {
	var pe *query.Error
	if errors.As(err, &pe) {
		return usagef("%s: %v", cmd, pe)
	}
	return err
}

// queryArgs parses a command's flags and returns the words of its query:
// an argument that starts with - but names none of the command's flags is
// a term of the query ("search channel:vk -spam"), and everything after
// "--" is too.
func queryArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var flags, words []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			words = append(words, args[i+1:]...)
			break
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		f := fs.Lookup(name)
		if !strings.HasPrefix(a, "-") || len(a) == 1 || f == nil {
			words = append(words, a)
			continue
		}
		flags = append(flags, a)
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); !hasValue && !(ok && b.IsBoolFlag()) && i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	if _, err := parseFlags(fs, flags); err != nil {
		return nil, err
	}
	return words, nil
}

func cmdViews(ctx context.Context, w *workspace, args []string, io stdio) error {
	if len(args) == 0 {
		return usagef("views: usage: hearth views add NAME QUERY [--watch] | list [--json] | remove NAME")
	}
	switch args[0] {
	case "add":
		return cmdViewsAdd(ctx, w, args[1:], io)
	case "list":
		return cmdViewsList(ctx, w, args[1:], io)
	case "remove":
		if len(args) != 2 {
			return usagef("views remove: usage: hearth views remove NAME")
		}
		return w.views.Remove(ctx, args[1])
	}
	return usagef("views: unknown subcommand %q (add, list, remove)", args[0])
}

func cmdViewsAdd(ctx context.Context, w *workspace, args []string, io stdio) error {
	fs := newFlags("views add")
	watch := fs.Bool("watch", false, "")
	pos, err := queryArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		return usagef("views add: usage: hearth views add NAME QUERY [--watch]")
	}
	v, err := w.views.Add(ctx, pos[0], strings.Join(pos[1:], " "), *watch)
	if err != nil {
		return queryUsage("views add", err)
	}
	if v.Watch {
		fmt.Fprintf(io.out, "watch %q saved: new items matching it are tagged watch:%s\n", v.Name, v.Name)
	} else {
		fmt.Fprintf(io.out, "view %q saved\n", v.Name)
	}
	return nil
}

// viewJSON is one line of `views list --json`.
type viewJSON struct {
	Name   string `json:"name"`
	Query  string `json:"query"`
	Watch  bool   `json:"watch"`
	Unread int    `json:"unread"`
	More   bool   `json:"unread_more"` // more unread than unread says
}

func cmdViewsList(ctx context.Context, w *workspace, args []string, io stdio) error {
	fs := newFlags("views list")
	asJSON := fs.Bool("json", false, "")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	counts, err := w.views.Counts(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]viewJSON, 0, len(counts))
		for _, c := range counts {
			out = append(out, viewJSON{Name: c.View.Name, Query: c.View.Query, Watch: c.View.Watch, Unread: c.Unread, More: c.More})
		}
		return writeJSON(io, out)
	}
	if len(counts) == 0 {
		fmt.Fprintln(io.out, "No saved views. Add one: hearth views add NAME QUERY")
		return nil
	}
	tw := newTable(io.out, 4)
	fmt.Fprintln(tw, "NAME\tUNREAD\tWATCH\tQUERY")
	for _, c := range counts {
		unread := fmt.Sprint(c.Unread)
		if c.More {
			unread += "+"
		}
		watch := ""
		if c.View.Watch {
			watch = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", c.View.Name, unread, watch, c.View.Query)
	}
	return tw.Flush()
}
