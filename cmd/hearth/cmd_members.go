package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/members"
)

// memberJSON is a member as `members list --json` prints it.
type memberJSON struct {
	ID        int64               `json:"id"`
	Name      string              `json:"name"`
	Channels  []core.IdentityKind `json:"channels"`
	Tags      []string            `json:"tags"`
	Location  string              `json:"location,omitempty"`
	Activity  float64             `json:"activity"`
	Loyalty   float64             `json:"loyalty"`
	Quadrant  core.Quadrant       `json:"quadrant"`
	FirstSeen string              `json:"first_seen"`
	LastSeen  string              `json:"last_seen,omitempty"`
}

func toMemberJSON(m core.Member) memberJSON {
	j := memberJSON{ID: m.ID, Name: m.Name, Channels: m.Channels, Tags: m.Tags, Location: m.Location,
		Activity: m.Activity, Loyalty: m.Loyalty, Quadrant: m.Quadrant, FirstSeen: m.FirstSeen.Format(time.RFC3339)}
	if j.Tags == nil {
		j.Tags = []string{}
	}
	if !m.LastSeen.IsZero() {
		j.LastSeen = m.LastSeen.Format(time.RFC3339)
	}
	return j
}

// cmdMembers runs `members list|show|tag|merge|import|export`. Each first
// folds new items into the member files.
func cmdMembers(ctx context.Context, w *workspace, args []string, io stdio) error {
	if len(args) == 0 {
		return usagef("members: want list, show, tag, merge, import or export")
	}
	sub, ok := map[string]func(context.Context, *members.Service, []string, stdio) error{
		"list": membersList, "show": membersShow, "tag": membersTag, "merge": membersMerge,
		"import": membersImport, "export": membersExport,
	}[args[0]]
	if !ok {
		return usagef("members: unknown subcommand %q", args[0])
	}
	svc := members.New(members.Params{Store: w.store})
	if err := svc.Refresh(ctx); err != nil {
		return err
	}
	return sub(ctx, svc, args[1:], io)
}

func membersList(ctx context.Context, svc *members.Service, args []string, io stdio) error {
	fs := newFlags("members list")
	asJSON := fs.Bool("json", false, "")
	var f core.MemberFilter
	var quadrant, cohort, channel, sort string
	fs.StringVar(&f.Query, "query", "", "")
	fs.StringVar(&f.Tag, "tag", "", "")
	fs.StringVar(&f.Interest, "interest", "", "")
	fs.StringVar(&f.Expertise, "expertise", "", "")
	fs.StringVar(&quadrant, "quadrant", "", "")
	fs.StringVar(&cohort, "cohort", "", "")
	fs.StringVar(&channel, "channel", "", "")
	fs.StringVar(&sort, "sort", "activity", "")
	fs.IntVar(&f.Limit, "limit", 100, "")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := listFilter(&f, quadrant, cohort, channel, sort); err != nil {
		return err
	}
	page, err := svc.List(ctx, f)
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]memberJSON, 0, len(page.Members))
		for _, m := range page.Members {
			out = append(out, toMemberJSON(m))
		}
		return writeJSON(io, out)
	}
	return printMembers(io, page)
}

// listFilter validates the named filters and the sort.
func listFilter(f *core.MemberFilter, quadrant, cohort, channel, sort string) error {
	var err error
	if quadrant != "" {
		if f.Quadrant, err = core.ParseQuadrant(quadrant); err != nil {
			return usagef("members list: %v", err)
		}
	}
	if cohort != "" {
		if f.Cohort, err = core.ParseCohort(cohort); err != nil {
			return usagef("members list: %v", err)
		}
	}
	switch core.IdentityKind(channel) {
	case "", core.IdentityEmail, core.IdentityVK, core.IdentityX:
		f.Channel = core.IdentityKind(channel)
	default:
		return usagef("members list: --channel must be email, vk or x")
	}
	switch s := core.MemberSort(sort); s {
	case core.SortName, core.SortFirstSeen:
		f.Sort = s
	case core.SortLastSeen, core.SortActivity, core.SortLoyalty, core.SortFollowers:
		f.Sort, f.Desc = s, true
	default:
		return usagef("members list: unknown --sort %q", sort)
	}
	if f.Limit <= 0 || f.Limit > 10000 {
		return usagef("members list: --limit must be between 1 and 10000")
	}
	return nil
}

func printMembers(io stdio, page core.MemberPage) error {
	tw := tabwriter.NewWriter(io.out, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tCHANNELS\tQUADRANT\tACTIVITY\tTAGS")
	for _, m := range page.Members {
		var ch []string
		for _, c := range m.Channels {
			ch = append(ch, string(c))
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%g\t%s\n", m.ID, cut(m.Name, 40), strings.Join(ch, ","),
			members.QuadrantLabel(m.Quadrant), m.Activity, strings.Join(m.Tags, ", "))
	}
	fmt.Fprintf(tw, "(%d of %d)\n", len(page.Members), page.Total)
	return tw.Flush()
}

func memberID(s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, usagef("members: %q is not a member id", s)
	}
	return id, nil
}

func membersShow(ctx context.Context, svc *members.Service, args []string, io stdio) error {
	fs := newFlags("members show")
	asJSON := fs.Bool("json", false, "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("members show: want one member id")
	}
	id, err := memberID(pos[0])
	if err != nil {
		return err
	}
	d, err := svc.Dossier(ctx, id)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(io, d)
	}
	fmt.Fprintf(io.out, "%s (member %d)\n", d.Member.Name, d.Member.ID)
	for _, ident := range d.Identities {
		fmt.Fprintf(io.out, "  %s %s\n", ident.Kind, ident.Address)
	}
	for _, line := range []string{d.Why.Activity, d.Why.Loyalty, d.Why.Quadrant, d.Why.Cohort} {
		fmt.Fprintln(io.out, line)
	}
	for _, e := range d.Timeline {
		fmt.Fprintf(io.out, "%s  %-12s %s\n", e.At.Format("2006-01-02 15:04"), e.Kind, cut(e.Snippet, 60))
	}
	return nil
}

func membersTag(ctx context.Context, svc *members.Service, args []string, io stdio) error {
	fs := newFlags("members tag")
	add := fs.String("add", "", "")
	remove := fs.String("remove", "", "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 || (*add == "" && *remove == "") {
		return usagef("members tag: want member ids and --add or --remove")
	}
	var ids []int64
	for _, p := range pos {
		for _, s := range splitList(p) {
			id, err := memberID(s)
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
	}
	return svc.Tag(ctx, ids, splitList(*add), splitList(*remove))
}

func membersMerge(ctx context.Context, svc *members.Service, args []string, io stdio) error {
	fs := newFlags("members merge")
	asJSON := fs.Bool("json", false, "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("members merge: want INTO and FROM member ids")
	}
	into, err := memberID(pos[0])
	if err != nil {
		return err
	}
	from, err := memberID(pos[1])
	if err != nil {
		return err
	}
	if err := svc.Merge(ctx, into, from); err != nil {
		return err
	}
	if err := svc.Refresh(ctx); err != nil {
		return err
	}
	d, err := svc.Dossier(ctx, into)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(io, toMemberJSON(d.Member))
	}
	fmt.Fprintf(io.out, "merged member %d into %d (%s)\n", from, into, d.Member.Name)
	return nil
}

func membersImport(ctx context.Context, svc *members.Service, args []string, io stdio) error {
	fs := newFlags("members import")
	asJSON := fs.Bool("json", false, "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("members import: want one FILE (.csv or .vcf)")
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return fmt.Errorf("members import: %w", err)
	}
	defer f.Close()
	var res members.ImportResult
	if ext := strings.ToLower(filepath.Ext(pos[0])); ext == ".vcf" || ext == ".vcard" {
		res, err = svc.ImportVCard(ctx, f)
	} else {
		var t *members.Table
		if t, err = members.ReadCSV(f); err == nil {
			res, err = svc.ImportTable(ctx, t)
		}
	}
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(io, res)
	}
	fmt.Fprintf(io.out, "%d created, %d updated, %d skipped\n", res.Created, res.Updated, res.Skipped)
	for _, c := range res.Conflicts {
		fmt.Fprintln(io.out, "left in place:", c)
	}
	return nil
}

func membersExport(ctx context.Context, svc *members.Service, args []string, io stdio) error {
	fs := newFlags("members export")
	out := fs.String("out", "", "")
	member := fs.Int64("member", 0, "")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usagef("members export: want --out FILE (.csv, .vcf, or .json with --member ID)")
	}
	f, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("members export: %w", err)
	}
	err = exportMembersTo(ctx, svc, f, *out, *member)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("members export: %w", cerr)
	}
	return err
}

func exportMembersTo(ctx context.Context, svc *members.Service, f *os.File, name string, member int64) error {
	if member != 0 {
		file, err := svc.File(ctx, member)
		if err != nil {
			return err
		}
		return writeJSON(stdio{out: f}, file)
	}
	if ext := strings.ToLower(filepath.Ext(name)); ext == ".vcf" || ext == ".vcard" {
		return svc.ExportVCard(ctx, f, core.MemberFilter{})
	}
	return svc.ExportCSV(ctx, f, core.MemberFilter{})
}
