package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestMembersImportListTagMergeExport(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	csvFile := filepath.Join(dir, "people.csv")
	data := "\ufeffName;E-mail;Tags\nAnna Petrova;anna@example.org;artists\nBoris;boris@example.org;\n"
	if err := os.WriteFile(csvFile, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := cli(t, "", "--data", dir, "members", "import", csvFile); code != 0 || !strings.Contains(out, "imported 2 members (2 new, 0 updated)") {
		t.Fatalf("import: %d %q %q", code, out, errOut)
	}
	list := func(args ...string) []memberJSON {
		t.Helper()
		code, out, errOut := cli(t, "", append([]string{"--data", dir, "members", "list", "--json", "--sort", "name"}, args...)...)
		if code != 0 {
			t.Fatalf("list: %d %q", code, errOut)
		}
		var ms []memberJSON
		if err := json.Unmarshal([]byte(out), &ms); err != nil {
			t.Fatalf("list output %q: %v", out, err)
		}
		return ms
	}
	ms := list()
	if len(ms) != 2 || ms[0].Name != "Anna Petrova" || ms[0].Tags[0] != "artists" {
		t.Fatalf("members = %+v", ms)
	}
	anna, boris := strconv.FormatInt(ms[0].ID, 10), strconv.FormatInt(ms[1].ID, 10)
	if code, _, errOut := cli(t, "", "--data", dir, "members", "tag", boris, "--add", "volunteers"); code != 0 {
		t.Fatalf("tag: %d %q", code, errOut)
	}
	if got := list("--tag", "volunteers"); len(got) != 1 || got[0].Name != "Boris" {
		t.Errorf("tagged = %+v", got)
	}
	code, out, errOut := cli(t, "", "--data", dir, "members", "merge", anna, boris, "--json")
	if code != 0 {
		t.Fatalf("merge: %d %q", code, errOut)
	}
	var merged memberJSON
	if err := json.Unmarshal([]byte(out), &merged); err != nil || len(merged.Tags) != 2 {
		t.Errorf("merged = %+v, %v", merged, err)
	}
	exported := filepath.Join(dir, "out.csv")
	if code, _, errOut := cli(t, "", "--data", dir, "members", "export", "--out", exported); code != 0 {
		t.Fatalf("export: %d %q", code, errOut)
	}
	b, _ := os.ReadFile(exported)
	if !strings.Contains(string(b), "anna@example.org") || !strings.Contains(string(b), "boris@example.org") {
		t.Errorf("export = %s", b)
	}
	if code, _, _ := cli(t, "", "--data", dir, "members", "list", "--cohort", "sleepy"); code != 2 {
		t.Errorf("bad cohort exits %d, want 2", code)
	}
}
