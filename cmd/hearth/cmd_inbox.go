package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/hearthhq/hearth/core"
)

// listFlags are the filters shared by inbox and search.
type listFlags struct {
	asJSON  bool
	account string
	state   string
	kind    string
	tag     string
	unread  bool
	limit   int
	before  int64
}

func (l *listFlags) register(fs interface {
	BoolVar(*bool, string, bool, string)
	StringVar(*string, string, string, string)
	IntVar(*int, string, int, string)
	Int64Var(*int64, string, int64, string)
}) {
	fs.BoolVar(&l.asJSON, "json", false, "")
	fs.StringVar(&l.account, "account", "", "")
	fs.StringVar(&l.state, "state", "", "")
	fs.StringVar(&l.kind, "kind", "", "")
	fs.StringVar(&l.tag, "tag", "", "")
	fs.BoolVar(&l.unread, "unread", false, "")
	fs.IntVar(&l.limit, "limit", 100, "")
	fs.Int64Var(&l.before, "before", 0, "")
}

func (l listFlags) filter(ctx context.Context, w *workspace) (core.ItemFilter, error) {
	f := core.ItemFilter{Tag: l.tag, Unread: l.unread, Limit: l.limit}
	if l.limit <= 0 || l.limit > 1000 {
		return f, usagef("--limit must be between 1 and 1000 (page on with --before ID)")
	}
	if l.kind != "" {
		k, err := core.ParseItemKind(l.kind)
		if err != nil {
			return f, usagef("--kind: %v", err)
		}
		f.Kind = k
	}
	if l.before < 0 {
		return f, usagef("--before wants an item id")
	}
	if l.before > 0 {
		// Keyset paging: the items after this one in the list's order
		// (newest first), however far down.
		it, err := w.store.Item(ctx, l.before)
		if err != nil {
			return f, fmt.Errorf("--before %d: %w", l.before, err)
		}
		f.Before, f.BeforeID = it.CreatedAt, it.ID
	}
	if l.account != "" {
		a, err := w.accounts.Find(ctx, l.account)
		if err != nil {
			return f, err
		}
		f.AccountID = a.ID
	}
	for _, s := range splitList(l.state) {
		if s == "all" {
			f.States = core.States
			continue
		}
		st, err := core.ParseState(s)
		if err != nil {
			return f, usagef("%v", err)
		}
		f.States = append(f.States, st)
	}
	return f, nil
}

func cmdInbox(ctx context.Context, w *workspace, args []string, io stdio) error {
	var l listFlags
	fs := newFlags("inbox")
	l.register(fs)
	q := fs.String("query", "", "")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	f, err := l.filter(ctx, w)
	if err != nil {
		return err
	}
	f.Query = *q // the query language (core/query); its state: replaces the triage view
	items, err := w.inbox.Page(ctx, f)
	if err != nil {
		return queryUsage("inbox --query", err)
	}
	return printItems(ctx, w, items, l.asJSON, io)
}

func cmdSearch(ctx context.Context, w *workspace, args []string, io stdio) error {
	var l listFlags
	fs := newFlags("search")
	l.register(fs)
	pos, err := queryArgs(fs, args)
	if err != nil {
		return err
	}
	query := strings.TrimSpace(strings.Join(pos, " "))
	if query == "" {
		return usagef("search: give a query")
	}
	f, err := l.filter(ctx, w)
	if err != nil {
		return err
	}
	if l.state == "" {
		f.States = core.States // search looks everywhere unless told otherwise (--state, or state: in the query)
	}
	items, err := w.inbox.Search(ctx, query, f)
	if err != nil {
		return queryUsage("search", err)
	}
	return printItems(ctx, w, items, l.asJSON, io)
}

// printItems prints a page as JSON (with full text) or as a table.
func printItems(ctx context.Context, w *workspace, items []core.Item, asJSON bool, io stdio) error {
	if !asJSON {
		return printTable(io.out, items)
	}
	ids := make([]int64, len(items))
	for i, it := range items {
		ids[i] = it.ID
	}
	fulls, err := w.store.ItemsByID(ctx, ids) // lists carry snippets; JSON gives the text
	if err != nil {
		return err
	}
	out := make([]itemJSON, 0, len(items))
	for i, it := range items {
		full := fulls[i]
		full.Account = it.Account
		if full.Author.Name == "" {
			full.Author.Name = it.Author.Name // the page names authors the channel did not
		}
		out = append(out, toJSON(full))
	}
	return writeJSON(io, out)
}

func printTable(out io.Writer, items []core.Item) error {
	if len(items) == 0 {
		fmt.Fprintln(out, "Nothing here.")
		return nil
	}
	now := time.Now()
	tw := newTable(out, 4)
	fmt.Fprintln(tw, "ID\tWHEN\tSTATE\tFROM\tSUBJECT")
	for _, it := range items {
		mark := " "
		if !it.Seen {
			mark = "*"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s%s\t%s\t%s\n", it.ID, core.Ago(now, it.CreatedAt), mark, it.State,
			cut(it.Author.Label(), 28), cut(it.Subject, 60))
	}
	return tw.Flush()
}

func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func cmdReply(ctx context.Context, w *workspace, args []string, io stdio) error {
	fs := newFlags("reply")
	textStdin := fs.Bool("text-stdin", false, "")
	private := fs.Bool("private", false, "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || !*textStdin {
		return usagef("reply: usage: hearth reply ITEM-ID [--private] --text-stdin")
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil {
		return usagef("reply: %q is not an item id", pos[0])
	}
	text, err := readAll(io.in)
	if err != nil {
		return err
	}
	if *private {
		// A private message to the author of a VK comment or post or an X
		// mention; the channel checks their permission when it is sent.
		if err := w.inbox.SendPrivately(ctx, id, text); err != nil {
			return err
		}
		fmt.Fprintln(io.out, "private message queued; 'hearth sync --once' sends it")
		return nil
	}
	if err := w.inbox.Reply(ctx, id, text); err != nil {
		return err
	}
	fmt.Fprintln(io.out, "reply queued; 'hearth sync --once' sends it")
	return nil
}

func readAll(r io.Reader) (string, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return "", fmt.Errorf("read standard input: %w", err)
	}
	return string(b), nil
}
