package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/accounts"
	"github.com/hearthhq/hearth/integrations/feeds"
	"github.com/hearthhq/hearth/internal/safefile"
)

// feedTestTimeout bounds the test fetch of `watch add`.
const feedTestTimeout = 30 * time.Second

// cmdWatch is `hearth watch add|list|remove|import|export`: feed watches,
// each an account of kind feed.
func cmdWatch(ctx context.Context, w *workspace, args []string, io stdio) error {
	if len(args) == 0 {
		return usagef("watch: want add, list, remove, import or export")
	}
	switch args[0] {
	case "add":
		return cmdWatchAdd(ctx, w, args[1:], io)
	case "list":
		return cmdWatchList(ctx, w, args[1:], io)
	case "remove":
		return cmdWatchRemove(ctx, w, args[1:], io)
	case "import":
		return cmdWatchImport(ctx, w, args[1:], io)
	case "export":
		return cmdWatchExport(ctx, w, args[1:], io)
	default:
		return usagef("watch: unknown subcommand %q", args[0])
	}
}

// cmdWatchAdd is `watch add [feed] URL [--name N] [--keywords a,b] [--no-test]`.
// The test fetch reads the feed once and names the watch after its title.
func cmdWatchAdd(ctx context.Context, w *workspace, args []string, io stdio) error {
	fs := newFlags("watch add")
	name, keywords := fs.String("name", "", ""), fs.String("keywords", "", "")
	noTest := fs.Bool("no-test", false, "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 && pos[0] == "keyword" {
		return watchKeywords(ctx, w, *name, pos[1:], io)
	}
	if len(pos) > 0 && pos[0] == "feed" {
		pos = pos[1:]
	}
	if len(pos) != 1 {
		return usagef("watch add: give one feed address: watch add URL [--name N] [--keywords a,b]")
	}
	set := core.FeedSettings{URL: pos[0], Keywords: splitList(*keywords)}.Normalized()
	if err := set.Validate(); err != nil {
		return err
	}
	if !*noTest {
		tctx, cancel := context.WithTimeout(ctx, feedTestTimeout)
		defer cancel()
		title, err := feedDriver().Probe(tctx, set)
		if err != nil {
			return fmt.Errorf("the feed test failed: %w (use --no-test to add it anyway)", err)
		}
		if *name == "" {
			*name = title
		}
	}
	a, err := w.accounts.AddFeed(ctx, strings.TrimSpace(*name), set)
	if err != nil {
		return err
	}
	fmt.Fprintf(io.out, "added feed watch %q (id %d); run 'hearth sync --once' to fetch its entries\n", a.Name, a.ID)
	return nil
}

// watchKeywords is `watch add keyword WORD... [--name N]`: a keyword watch
// on every channel, a saved view of the words (any of them, in any of their
// forms; a quoted "two words" as a phrase) that tags what it finds.
func watchKeywords(ctx context.Context, w *workspace, name string, words []string, io stdio) error {
	var terms []string
	for _, word := range words {
		word = strings.TrimSpace(word)
		switch {
		case word == "":
		case strings.ContainsAny(word, " \t"):
			terms = append(terms, `"`+strings.ReplaceAll(word, `"`, "")+`"`)
		default:
			terms = append(terms, word)
		}
	}
	if len(terms) == 0 {
		return usagef("watch add keyword: give the words to watch: watch add keyword WORD... [--name N]")
	}
	if name == "" {
		name = strings.Trim(terms[0], `"`)
	}
	v, err := w.views.Add(ctx, name, strings.Join(terms, " OR "), true)
	if err != nil {
		return queryUsage("watch add keyword", err)
	}
	fmt.Fprintf(io.out, "keyword watch %q saved (%s): new items of every channel that mention it are tagged watch:%s\n", v.Name, v.Query, v.Name)
	return nil
}

func feedDriver() *feeds.Driver { return feeds.NewDriver(feeds.Options{}) }

// watchJSON is a feed watch as `watch list --json` prints it.
type watchJSON struct {
	ID       int64          `json:"id"`
	Name     string         `json:"name"`
	URL      string         `json:"url"`
	Keywords []string       `json:"keywords"`
	Status   core.SyncState `json:"status"`
	Line     string         `json:"status_line"`
	LastSync string         `json:"last_sync,omitempty"`
	Error    string         `json:"error,omitempty"`
	Action   string         `json:"action,omitempty"`
	Unread   int            `json:"unread"`
}

func cmdWatchList(ctx context.Context, w *workspace, args []string, io stdio) error {
	fs := newFlags("watch list")
	asJSON := fs.Bool("json", false, "")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	ws, err := w.accounts.FeedWatches(ctx)
	if err != nil {
		return err
	}
	unread, err := w.inbox.UnreadCounts(ctx)
	if err != nil {
		return err
	}
	now := time.Now()
	out := make([]watchJSON, 0, len(ws))
	for _, f := range ws {
		j := watchJSON{ID: f.ID, Name: f.Name, URL: f.Settings.URL, Keywords: list(f.Settings.Keywords),
			Status: f.Status.State, Line: f.Status.Line(now), LastSync: jsonTime(f.Status.LastSync), Unread: unread[f.ID]}
		if j.Status == "" {
			j.Status = core.SyncIdle
		}
		if f.Status.State == core.SyncError {
			j.Error, j.Action = f.Status.Message, f.Status.Action
		}
		out = append(out, j)
	}
	if *asJSON {
		return writeJSON(io, out)
	}
	if len(out) == 0 {
		fmt.Fprintln(io.out, "No feed watches. Add one with 'hearth watch add URL'.")
		return nil
	}
	tw := newTable(io.out, 4)
	fmt.Fprintln(tw, "NAME\tURL\tKEYWORDS\tUNREAD\tSTATUS")
	for _, j := range out {
		kw := strings.Join(j.Keywords, ", ")
		if kw == "" {
			kw = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\n", j.Name, j.URL, kw, j.Unread, j.Line)
	}
	return tw.Flush()
}

func cmdWatchRemove(ctx context.Context, w *workspace, args []string, io stdio) error {
	pos, err := parseFlags(newFlags("watch remove"), args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("watch remove: name the watch")
	}
	a, err := w.accounts.Find(ctx, pos[0])
	if err != nil {
		return fmt.Errorf("no feed watch named %q: %w", pos[0], err)
	}
	if a.Kind != core.KindFeed {
		return fmt.Errorf("%q is a %s account, not a feed watch: remove it with 'hearth account remove'", a.Name, a.Kind)
	}
	if err := w.accounts.Remove(ctx, a.ID); err != nil {
		return err
	}
	fmt.Fprintf(io.out, "removed feed watch %q with its entries\n", a.Name)
	return nil
}

// cmdWatchImport adds the feeds of an OPML file that are not watched yet.
// Nothing is fetched: a list of a hundred feeds must not take minutes; each
// watch's first sync says whether its feed works.
func cmdWatchImport(ctx context.Context, w *workspace, args []string, io stdio) error {
	pos, err := parseFlags(newFlags("watch import"), args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("watch import: give one OPML file")
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return fmt.Errorf("watch import: %w", err)
	}
	defer f.Close()
	outlines, err := feeds.ReadOPML(f)
	if err != nil {
		return fmt.Errorf("watch import %s: %w", pos[0], err)
	}
	have, err := w.accounts.FeedWatches(ctx)
	if err != nil {
		return err
	}
	added, skipped, err := importOutlines(ctx, w.accounts, outlines, have)
	if err != nil {
		return fmt.Errorf("watch import: %d added before: %w", added, err)
	}
	fmt.Fprintf(io.out, "imported %d feed watches (%d already watched or not feeds); run 'hearth sync --once' to fetch their entries\n", added, skipped)
	return nil
}

func importOutlines(ctx context.Context, svc *accounts.Service, outlines []feeds.Outline, have []accounts.FeedWatch) (added, skipped int, err error) {
	watched := map[string]bool{}
	names := map[string]bool{}
	for _, h := range have {
		watched[h.Settings.URL] = true
		names[strings.ToLower(h.Name)] = true
	}
	for _, o := range outlines {
		set := core.FeedSettings{URL: o.URL, Keywords: o.Keywords}.Normalized()
		if watched[set.URL] || set.Validate() != nil {
			skipped++
			continue
		}
		name := uniqueName(o.Title, set.DefaultName(), names)
		if _, err := svc.AddFeed(ctx, name, set); err != nil {
			return added, skipped, err
		}
		watched[set.URL], names[strings.ToLower(name)] = true, true
		added++
	}
	return added, skipped, nil
}

// uniqueName is the title (else the fallback), numbered when another
// account has it already: two feeds titled "News" both come in.
func uniqueName(title, fallback string, taken map[string]bool) string {
	base := strings.TrimSpace(title)
	if base == "" {
		base = fallback
	}
	name := base
	for i := 2; taken[strings.ToLower(name)]; i++ {
		name = fmt.Sprintf("%s (%d)", base, i)
	}
	return name
}

func cmdWatchExport(ctx context.Context, w *workspace, args []string, io stdio) error {
	fs := newFlags("watch export")
	out := fs.String("out", "", "")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usagef("watch export: want --out FILE.opml")
	}
	ws, err := w.accounts.FeedWatches(ctx)
	if err != nil {
		return err
	}
	outlines := make([]feeds.Outline, 0, len(ws))
	for _, f := range ws {
		outlines = append(outlines, feeds.Outline{Title: f.Name, URL: f.Settings.URL, Keywords: f.Settings.Keywords})
	}
	if err := writeOPML(*out, outlines); err != nil {
		return err
	}
	fmt.Fprintf(io.out, "exported %d feed watches to %s\n", len(outlines), *out)
	return nil
}

// writeOPML writes the file whole or not at all (see safefile.Write).
func writeOPML(path string, outlines []feeds.Outline) error {
	err := safefile.Write(path, 0o600, func(w io.Writer) error {
		return feeds.WriteOPML(w, "Hearth feed watches", outlines, time.Now())
	})
	if err != nil {
		return fmt.Errorf("watch export: %w", err)
	}
	return nil
}
