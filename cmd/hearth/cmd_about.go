package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// version is set at link time from FyneApp.toml (make build, make package:
// -ldflags "-X main.version=0.1.0"); a plain go build says "devel".
var version = "devel"

// plainCommands need neither the workspace nor its directory.
var plainCommands = map[string]func(args []string, io stdio) error{
	"version": cmdVersion,
	"man":     cmdMan,
}

func cmdVersion(args []string, io stdio) error {
	if len(args) > 0 {
		return usagef("version takes no arguments")
	}
	_, err := fmt.Fprintln(io.out, versionLine())
	return err
}

// versionLine is "hearth 0.1.0 (go1.26.8 linux/amd64)", with the commit
// when the build recorded one.
func versionLine() string {
	extra := []string{runtime.Version(), runtime.GOOS + "/" + runtime.GOARCH}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				extra = append(extra, "commit "+s.Value[:12])
			}
		}
	}
	return fmt.Sprintf("hearth %s (%s)", version, strings.Join(extra, " "))
}

func cmdMan(args []string, io stdio) error {
	if len(args) > 0 {
		return usagef("man takes no arguments; it writes hearth(1) to stdout (hearth man > hearth.1)")
	}
	_, err := io.out.Write(manPage(usage, version))
	return err
}

// manPage turns the usage text into hearth(1): the page cannot drift from
// hearth help because it is made from it. The usage is read as it is laid
// out: a first line that names the program, then blocks that start with a
// line ending in ':', in which an entry starts two spaces in and its lines
// go on further in; a description follows the synopsis after a run of
// spaces or on lines indented past descColumn.
//
// The page is written in roff directly, with the few man macros it needs
// (.TH, .SH, .PP, .TP and bold): a Markdown-to-roff converter in the binary
// (go-md2man and its Markdown parser) cost every command, a search
// included, its package set-up, about 2 ms of CPU (docs/benchmarks.md).
func manPage(usage, version string) []byte {
	const descColumn = 30
	lines := strings.Split(strings.TrimRight(usage, "\n"), "\n")
	var page strings.Builder
	fmt.Fprintf(&page, ".nh\n.TH HEARTH 1 \"\" \"Hearth %s\" \"User Commands\"\n", strings.ReplaceAll(version, `"`, ""))
	name, summary, _ := strings.Cut(lines[0], ": ")
	fmt.Fprintf(&page, ".SH NAME\n%s \\- %s\n", strings.ToLower(name), roffText(summary))

	type entry struct{ synopsis, desc []string }
	var (
		section string
		entries []entry
		prose   []string
	)
	flush := func() {
		if section == "" {
			return
		}
		head := map[string]string{"Usage": "Synopsis", "Global flags": "Options", "Exit codes": "Exit status",
			"--json output": "JSON output"}[section]
		if head == "" {
			head = section
		}
		fmt.Fprintf(&page, ".SH %s\n", strings.ToUpper(head))
		for _, p := range prose {
			fmt.Fprintf(&page, ".PP\n%s\n", roffText(p))
		}
		for _, e := range entries {
			fmt.Fprintf(&page, ".TP\n\\fB%s\\fP\n", roffText(strings.Join(e.synopsis, " ")))
			if desc := strings.Join(e.desc, " "); desc != "" {
				fmt.Fprintf(&page, "%s\n", roffText(desc))
			}
		}
		section, entries, prose = "", nil, nil
	}
	for _, l := range lines[1:] {
		trimmed := strings.TrimSpace(l)
		indent := len(l) - len(strings.TrimLeft(l, " "))
		switch {
		case trimmed == "":
		case indent == 0 && strings.HasSuffix(trimmed, ":"):
			flush()
			section = strings.TrimSuffix(trimmed, ":")
		case indent == 0:
			// A paragraph of its own ("Exit codes: ..."): its lead word
			// names the section.
			flush()
			head, rest, ok := strings.Cut(trimmed, ": ")
			if !ok {
				head, rest = "Notes", trimmed
			}
			section, prose = head, []string{rest}
		case indent == 2:
			syn, desc := splitDesc(trimmed)
			if section == "Usage" && !strings.HasPrefix(syn, "hearth") {
				flush() // past "hearth [--data DIR] COMMAND ...": the commands
				section = "Commands"
			}
			e := entry{synopsis: []string{syn}}
			if desc != "" {
				e.desc = []string{desc}
			}
			entries = append(entries, e)
		case len(entries) > 0:
			e := &entries[len(entries)-1]
			syn, desc := splitDesc(trimmed)
			if indent >= descColumn {
				syn, desc = "", trimmed
			}
			if syn != "" {
				e.synopsis = append(e.synopsis, syn)
			}
			if desc != "" {
				e.desc = append(e.desc, desc)
			}
		default:
			prose = append(prose, trimmed)
		}
	}
	flush()
	page.WriteString(".SH SEE ALSO\n\\fBsystemctl --user enable --now hearth-sync\\fP runs \\fBhearth sync\\fP in the background, " +
		"so mail and planned posts go on with the window closed (the user unit hearth-sync.service that the package installs).\n")
	return []byte(page.String())
}

// splitDesc splits "sync [--once]      fetch new items" at the first run of
// three or more spaces.
func splitDesc(s string) (synopsis, desc string) {
	if i := strings.Index(s, "   "); i >= 0 {
		return s[:i], strings.TrimSpace(s[i:])
	}
	return s, ""
}

// roffText keeps one line of usage text literal in roff: a backslash is
// roff's escape character, and a line that starts with a dot or an
// apostrophe would be read as a request (".csv or .vcf").
func roffText(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}
