package main

import (
	"regexp"
	"strings"
	"testing"
)

// The man page is made from the usage: every command and global flag of
// hearth help is a bold entry of hearth(1), under the sections man readers
// expect.
func TestManPageHasEveryCommandOfTheUsage(t *testing.T) {
	code, page, errs := cli(t, "", "man")
	if code != 0 || errs != "" {
		t.Fatalf("hearth man: exit %d, stderr %q", code, errs)
	}
	for _, want := range []string{".TH HEARTH 1", ".SH NAME\nhearth \\- ", ".SH SYNOPSIS", ".SH COMMANDS",
		".SH OPTIONS", ".SH EXIT STATUS", ".SH SEE ALSO"} {
		if !strings.Contains(page, want) {
			t.Errorf("man page lacks %q", want)
		}
	}
	entry := regexp.MustCompile(`(?m)^  (\S+(?: [a-z][a-z-]*)*)`)
	for _, m := range entry.FindAllStringSubmatch(usage, -1) {
		if !strings.Contains(page, "\\fB"+m[1]) {
			t.Errorf("usage entry %q is not an entry of the man page", m[1])
		}
	}
	// A line that starts with a dot is a roff request: usage text that
	// starts with one (".csv or .vcf") must be escaped, or man drops it.
	request := regexp.MustCompile(`^\.(nh|TH|SH|PP|TP)( |$)`)
	for _, l := range strings.Split(page, "\n") {
		if strings.HasPrefix(l, ".") && !request.MatchString(l) {
			t.Errorf("man page line %q reads as a roff request", l)
		}
	}
	if t.Failed() {
		t.Logf("page:\n%s", page)
	}
}

func TestVersion(t *testing.T) {
	code, out, errs := cli(t, "", "version")
	if code != 0 || errs != "" || !strings.HasPrefix(out, "hearth "+version+" (go") {
		t.Errorf("hearth version: exit %d, %q, stderr %q", code, out, errs)
	}
	if code, _, _ := cli(t, "", "version", "extra"); code != exitUsage {
		t.Errorf("hearth version extra: exit %d, want usage", code)
	}
}

// hearth --help and -h print the usage, as hearth help does.
func TestHelpFlags(t *testing.T) {
	for _, arg := range []string{"help", "--help", "-h", "-help"} {
		code, out, errs := cli(t, "", arg)
		if code != 0 || errs != "" || !strings.Contains(out, "Usage:") {
			t.Errorf("hearth %s: exit %d, stderr %q, usage printed: %v", arg, code, errs, strings.Contains(out, "Usage:"))
		}
	}
}
