package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/calendar"
	"github.com/hearthhq/hearth/internal/safefile"
)

// cmdPosts is `hearth posts add|list`.
func cmdPosts(ctx context.Context, w *workspace, args []string, io stdio) error {
	if len(args) == 0 {
		return usagef("posts: want add or list")
	}
	switch args[0] {
	case "add":
		return postsAdd(ctx, w, args[1:], io)
	case "list":
		return postsList(ctx, w, args[1:], io)
	}
	return usagef("posts: unknown subcommand %q (want add or list)", args[0])
}

// postFlags are the options of `posts add`.
type postFlags struct {
	text, accounts, at, zone, agenda, tags, media, repeat string
	alts                                                  altFlags
	textStdin, draft, asJSON                              bool
}

// altFlags collects --alt, once per picture in the order of --media.
type altFlags []string

func (a *altFlags) String() string     { return strings.Join(*a, "|") }
func (a *altFlags) Set(s string) error { *a = append(*a, s); return nil }

func parsePostFlags(args []string) (postFlags, error) {
	var f postFlags
	fs := newFlags("posts add")
	fs.StringVar(&f.text, "text", "", "")
	fs.BoolVar(&f.textStdin, "text-stdin", false, "")
	fs.StringVar(&f.accounts, "account", "", "")
	fs.StringVar(&f.at, "at", "", "")
	fs.StringVar(&f.zone, "zone", "", "")
	fs.StringVar(&f.agenda, "agenda", "", "")
	fs.StringVar(&f.tags, "tag", "", "")
	fs.StringVar(&f.media, "media", "", "")
	fs.Var(&f.alts, "alt", "")
	fs.StringVar(&f.repeat, "repeat", "", "")
	fs.BoolVar(&f.draft, "draft", false, "")
	fs.BoolVar(&f.asJSON, "json", false, "")
	if _, err := parseFlags(fs, args); err != nil {
		return f, err
	}
	if f.accounts == "" {
		return f, usagef("posts add: --account NAME[,NAME] is required")
	}
	if f.at == "" && !f.draft {
		return f, usagef("posts add: --at %s is required unless --draft", core.WallLayout)
	}
	if n := len(splitList(f.media)); len(f.alts) > n {
		return f, usagef("posts add: %d --alt for %d pictures: one --alt per --media file, in order", len(f.alts), n)
	}
	return f, nil
}

func postsAdd(ctx context.Context, w *workspace, args []string, io stdio) error {
	f, err := parsePostFlags(args)
	if err != nil {
		return err
	}
	svc := newCalendar(w, nil)
	p, err := f.post(ctx, w, svc.Zone(), io.in)
	if err != nil {
		return err
	}
	// The window's rules (core/calendar), checked before anything is
	// written; a draft too, since a command line has no "later" to fix it.
	if err := calendar.Check(p); err != nil {
		return fmt.Errorf("posts add: %w", err)
	}
	notes, err := calendar.PlanMedia(p)
	if err != nil {
		return fmt.Errorf("posts add: %w", err)
	}
	for _, n := range notes {
		fmt.Fprintf(io.err, "posts add: %s\n", n)
	}
	if p, err = svc.Create(ctx, p); err != nil {
		return err
	}
	if !f.draft {
		if err := svc.Schedule(ctx, p.ID); err != nil {
			return err
		}
		if p, err = svc.Post(ctx, p.ID); err != nil {
			return err
		}
	}
	if f.asJSON {
		return writeJSON(io, toPostJSON(p))
	}
	fmt.Fprintf(io.out, "post %d: %s\n", p.ID, p.State())
	return nil
}

// post builds the post the flags describe.
func (f postFlags) post(ctx context.Context, w *workspace, defaultZone string, in io.Reader) (core.Post, error) {
	p := core.Post{Text: f.text, Zone: f.zone, Tags: splitList(f.tags), Media: core.Images(splitList(f.media)...)}
	for i, alt := range f.alts {
		p.Media[i].Alt = alt
	}
	// Kept absolute: a daemon started elsewhere publishes it.
	for i := range p.Media {
		abs, err := filepath.Abs(p.Media[i].Path)
		if err != nil {
			return p, fmt.Errorf("posts add: %w", err)
		}
		p.Media[i].Path = abs
	}
	if p.Zone == "" {
		p.Zone = defaultZone
	}
	if f.textStdin {
		b, err := io.ReadAll(in)
		if err != nil {
			return p, fmt.Errorf("posts add: read text: %w", err)
		}
		p.Text = strings.TrimRight(string(b), "\n")
	}
	agenda, err := core.ParseAgenda(f.agenda)
	if err != nil {
		return p, usagef("posts add: %v", err)
	}
	p.Agenda = agenda
	switch rep := core.Frequency(f.repeat); rep {
	case core.Once, core.Weekly, core.Monthly:
		p.Recurrence.Freq = rep
	default:
		return p, usagef("posts add: --repeat %q: want weekly or monthly", f.repeat)
	}
	if f.at != "" {
		if p.At, err = core.InZone(f.at, p.Zone); err != nil {
			return p, usagef("posts add: %v", err)
		}
	}
	for _, name := range splitList(f.accounts) {
		a, err := w.accounts.Find(ctx, name)
		if err != nil {
			return p, err
		}
		p.Targets = append(p.Targets, core.PostTarget{AccountID: a.ID, Account: a.Name, AccountKind: a.Kind})
	}
	return p, nil
}

// postsList prints the posts of a range (default: the next 30 days) and
// the drafts not yet placed.
func postsList(ctx context.Context, w *workspace, args []string, io stdio) error {
	fs := newFlags("posts list")
	asJSON := fs.Bool("json", false, "")
	fromS, toS := fs.String("from", "", ""), fs.String("to", "", "")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	svc := newCalendar(w, nil)
	from, to, err := dayRange(*fromS, *toS, svc.Zone(), 30)
	if err != nil {
		return err
	}
	v, err := svc.Range(ctx, from, to, calendar.Filter{}, nil)
	if err != nil {
		return err
	}
	unplaced, err := svc.Unplaced(ctx)
	if err != nil {
		return err
	}
	posts := make([]core.Post, 0, len(v.Posts)+len(unplaced))
	for _, e := range v.Posts {
		posts = append(posts, e.Post)
	}
	posts = append(posts, unplaced...)
	if *asJSON {
		out := make([]postJSON, 0, len(posts))
		for _, p := range posts {
			out = append(out, toPostJSON(p))
		}
		return writeJSON(io, out)
	}
	return printPosts(io.out, posts)
}

func printPosts(out io.Writer, posts []core.Post) error {
	tw := newTable(out, 4)
	for _, p := range posts {
		when := "unplaced"
		if local, err := p.Local(); err == nil && !p.At.IsZero() {
			when = local.Format("2006-01-02 15:04 MST")
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", p.ID, when, p.State(), summary(p.Text))
	}
	return tw.Flush()
}

func summary(text string) string {
	line, _, _ := strings.Cut(text, "\n")
	if r := []rune(line); len(r) > 60 {
		return string(r[:59]) + "…"
	}
	return line
}

// dayRange reads --from/--to days (2006-01-02, --to inclusive) in a zone;
// missing ones default to today and the days after it.
func dayRange(fromS, toS, zone string, days int) (time.Time, time.Time, error) {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return time.Time{}, time.Time{}, fmt.Errorf("time zone %q: %w", zone, err)
	}
	now := time.Now().In(loc)
	from := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
	if fromS != "" {
		if from, err = time.ParseInLocation(time.DateOnly, fromS, loc); err != nil {
			return from, from, usagef("--from %q: want YYYY-MM-DD", fromS)
		}
	}
	to := from.AddDate(0, 0, days)
	if toS != "" {
		if to, err = time.ParseInLocation(time.DateOnly, toS, loc); err != nil {
			return from, to, usagef("--to %q: want YYYY-MM-DD", toS)
		}
		to = to.AddDate(0, 0, 1)
	}
	if !to.After(from) {
		return from, to, usagef("--to is before --from")
	}
	return from, to, nil
}

// cmdCalendar is `hearth calendar export --from D --to D --out FILE.ics`.
func cmdCalendar(ctx context.Context, w *workspace, args []string, io stdio) error {
	if len(args) == 0 || args[0] != "export" {
		return usagef("calendar: want export --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.ics")
	}
	fs := newFlags("calendar export")
	fromS, toS, out := fs.String("from", "", ""), fs.String("to", "", ""), fs.String("out", "", "")
	if _, err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if *fromS == "" || *toS == "" || *out == "" {
		return usagef("calendar export: --from, --to and --out are required")
	}
	svc := newCalendar(w, nil)
	from, to, err := dayRange(*fromS, *toS, svc.Zone(), 0)
	if err != nil {
		return err
	}
	return exportTo(ctx, svc, *out, from, to)
}

// exportTo writes the file whole or not at all (see safefile.Write).
func exportTo(ctx context.Context, svc *calendar.Service, path string, from, to time.Time) error {
	err := safefile.Write(path, 0o600, func(w io.Writer) error { return svc.Export(ctx, w, from, to) })
	if err != nil {
		return fmt.Errorf("calendar export: %w", err)
	}
	return nil
}
