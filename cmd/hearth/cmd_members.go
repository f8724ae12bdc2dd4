package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/internal/safefile"
)

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
	tw := newTable(io.out, 2)
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
		return writeJSON(io, toDossierJSON(d))
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

// membersImport reads the whole file first (bounded, sniffed), counts
// what it would do, and writes only then: with --dry-run nothing at all.
func membersImport(ctx context.Context, svc *members.Service, args []string, io stdio) error {
	fs := newFlags("members import")
	asJSON := fs.Bool("json", false, "")
	dry := fs.Bool("dry-run", false, "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("members import: want one FILE (.csv or .vcf)")
	}
	name := pos[0]
	res, err := importFile(ctx, svc, name, *dry)
	if err != nil {
		return fmt.Errorf("members import: %s: %w", name, err)
	}
	if *asJSON {
		return writeJSON(io, toImportJSON(res, *dry))
	}
	fmt.Fprintln(io.out, importLine(res, *dry))
	for _, c := range res.Conflicts {
		fmt.Fprintln(io.out, "left in place:", c)
	}
	return nil
}

// importFile previews or imports a CSV or vCard file; a file is a vCard
// by its name or by its first card, whatever its name.
func importFile(ctx context.Context, svc *members.Service, name string, dry bool) (members.ImportResult, error) {
	f, err := os.Open(name)
	if err != nil {
		return members.ImportResult{}, err
	}
	data, err := members.ReadImportData(f)
	f.Close()
	if err != nil {
		return members.ImportResult{}, err
	}
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".vcf" || ext == ".vcard" || isVCard(data) {
		if dry {
			return svc.PreviewVCard(ctx, bytes.NewReader(data))
		}
		return svc.ImportVCard(ctx, bytes.NewReader(data))
	}
	t, err := members.ReadCSV(bytes.NewReader(data))
	if err != nil {
		return members.ImportResult{}, err
	}
	if dry {
		return svc.PreviewTable(ctx, t)
	}
	return svc.ImportTable(ctx, t)
}

func isVCard(data []byte) bool {
	return len(data) >= 11 && strings.EqualFold(string(data[:11]), "BEGIN:VCARD")
}

// importLine says what an import did or would do, the same counts either
// way: "imported 2 members (1 new, 1 updated), 1 skipped (1 empty row)".
func importLine(r members.ImportResult, dry bool) string {
	verb := "imported"
	if dry {
		verb = "would import"
	}
	s := fmt.Sprintf("%s %d members (%d new, %d updated), %d skipped", verb, r.Created+r.Updated, r.Created, r.Updated, r.Skipped)
	if len(r.SkipReasons) > 0 {
		var why []string
		for _, reason := range slices.Sorted(maps.Keys(r.SkipReasons)) {
			why = append(why, fmt.Sprintf("%d %s", r.SkipReasons[reason], reason))
		}
		s += " (" + strings.Join(why, ", ") + ")"
	}
	if dry {
		s += "; nothing written"
	}
	return s
}

func membersExport(ctx context.Context, svc *members.Service, args []string, _ stdio) error {
	fs := newFlags("members export")
	out := fs.String("out", "", "")
	member := fs.Int64("member", 0, "")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usagef("members export: want --out FILE (.csv, .vcf, or .json with --member ID)")
	}
	err := safefile.Write(*out, 0o600, func(f io.Writer) error { return exportMembersTo(ctx, svc, f, *out, *member) })
	if err != nil {
		return fmt.Errorf("members export: %w", err)
	}
	return nil
}

func exportMembersTo(ctx context.Context, svc *members.Service, f io.Writer, name string, member int64) error {
	if member != 0 {
		file, err := svc.File(ctx, member)
		if err != nil {
			return err
		}
		return writeJSON(stdio{out: f}, toMemberFileJSON(file))
	}
	if ext := strings.ToLower(filepath.Ext(name)); ext == ".vcf" || ext == ".vcard" {
		return svc.ExportVCard(ctx, f, core.MemberFilter{})
	}
	return svc.ExportCSV(ctx, f, core.MemberFilter{})
}
