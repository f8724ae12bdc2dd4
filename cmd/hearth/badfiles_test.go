package main

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/gif"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Files that are not an address book are refused with a reason naming
// them, quickly, and nobody is imported.
func TestMembersImportRefusesBadFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	random := make([]byte, 200<<10)
	rand.New(rand.NewSource(7)).Read(random)
	files := map[string][]byte{
		"random.csv":   random,
		"foo.csv":      []byte("foo,bar\n1,2\n"),
		"names.csv":    []byte("Anna\nBoris\n"),
		"empty.csv":    nil,
		"letter.vcf":   []byte("Dear all, see you on Sunday.\n"),
		"utf16bad.csv": []byte("n\x00a\x00m\x00e\x00"),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		file string
		want string
	}{
		{"/dev/zero", "/dev/zero: not a text file: it holds binary data (byte 0x00 at offset 0)"},
		{filepath.Join(dir, "random.csv"), "random.csv: not a text file"},
		{filepath.Join(dir, "utf16bad.csv"), "utf16bad.csv: not a text file"},
		{filepath.Join(dir, "foo.csv"), "foo.csv: members: import: no column holds a name, an e-mail address"},
		{filepath.Join(dir, "names.csv"), "names.csv: members: import: no column holds a name"},
		{filepath.Join(dir, "empty.csv"), "empty.csv: members: import: no column"},
		{filepath.Join(dir, "letter.vcf"), "letter.vcf: members: read vcard: no vCard in the file"},
		{filepath.Join(dir, "missing.csv"), "missing.csv: no such file or directory"},
	}
	for _, c := range cases {
		t.Run(filepath.Base(c.file), func(t *testing.T) {
			if _, err := os.Stat(c.file); err != nil && strings.HasPrefix(c.file, "/dev/") {
				t.Skip(err)
			}
			for _, dry := range []bool{true, false} {
				args := []string{"--data", dir, "members", "import", c.file}
				if dry {
					args = append(args, "--dry-run")
				}
				start := time.Now()
				code, out, errOut := cli(t, "", args...)
				if code != 1 || out != "" || !strings.Contains(errOut, c.want) || strings.Count(errOut, "\n") != 1 {
					t.Errorf("dry-run %v: exit %d, stdout %q, stderr %q; want 1 and one line saying %q", dry, code, out, errOut, c.want)
				}
				if d := time.Since(start); d > 20*time.Second {
					t.Errorf("took %v", d)
				}
			}
		})
	}
	code, out, _ := cli(t, "", "--data", dir, "members", "list", "--json")
	if code != 0 || strings.TrimSpace(out) != "[]" {
		t.Errorf("after the refused imports, members list --json = %q", out)
	}
}

// The dry run counts what the import then does and writes nothing; both
// say the same.
func TestMembersImportDryRun(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "people.csv")
	data := "Name;E-mail;Tags\nAnna;anna@example.org;artists\nAnna P.;anna@example.org;\n;;\n;;volunteers\nBoris;boris@example.org;\n"
	if err := os.WriteFile(file, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	const counts = "import 3 members (2 new, 1 updated), 2 skipped (1 empty row, 1 no name, e-mail address, VK or X account)"
	code, out, errOut := cli(t, "", "--data", dir, "members", "import", file, "--dry-run")
	if code != 0 || out != "would "+counts+"; nothing written\n" {
		t.Fatalf("dry run: exit %d, %q %q", code, out, errOut)
	}
	if _, out, _ := cli(t, "", "--data", dir, "members", "list", "--json"); strings.TrimSpace(out) != "[]" {
		t.Fatalf("the dry run wrote members: %s", out)
	}
	code, out, errOut = cli(t, "", "--data", dir, "members", "import", file, "--json")
	if code != 0 {
		t.Fatalf("import: exit %d %q", code, errOut)
	}
	checkJSONStyle(t, "members import --json", out)
	var res importJSON
	if err := json.Unmarshal([]byte(out), &res); err != nil || res.Members != 3 || res.Created != 2 || res.Skipped != 2 || res.DryRun {
		t.Errorf("import --json = %s (%v)", out, err)
	}
	// Again: everyone is known now.
	if _, out, _ := cli(t, "", "--data", dir, "members", "import", file); !strings.HasPrefix(out, "imported 3 members (0 new, 3 updated)") {
		t.Errorf("second import: %q", out)
	}
}

// Exports write a temporary file created exclusively beside the target,
// never follow a link and never replace what is not a regular file.
func TestExportsNeverFollowLinks(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	base := []string{"--data", dir, "--secrets", "file"}
	addVKChannel(t, dir, "club")
	if code, _, errOut := cli(t, "", append(base, "posts", "add", "--text", "Meetup", "--account", "club", "--at", "2026-03-29T09:00")...); code != 0 {
		t.Fatalf("posts add: %s", errOut)
	}
	exports := map[string]func(out string) []string{
		"calendar export": func(out string) []string {
			return append(base, "calendar", "export", "--from", "2026-03-01", "--to", "2026-03-31", "--out", out)
		},
		"members export": func(out string) []string { return append(base, "members", "export", "--out", out) },
	}
	for name, args := range exports {
		t.Run(name, func(t *testing.T) {
			out := t.TempDir()
			victim := filepath.Join(out, "victim")
			if err := os.WriteFile(victim, []byte("precious"), 0o600); err != nil {
				t.Fatal(err)
			}
			// A link planted at the name the old export used for its
			// temporary file.
			target := filepath.Join(out, "export.ics")
			if err := os.Symlink(victim, target+".tmp"); err != nil {
				t.Fatal(err)
			}
			if code, _, errOut := cli(t, "", args(target)...); code != 0 {
				t.Fatalf("export: exit %d %q", code, errOut)
			}
			if b, _ := os.ReadFile(victim); string(b) != "precious" {
				t.Fatalf("the export wrote through a planted link: victim holds %q", b)
			}
			if fi, err := os.Lstat(target); err != nil || !fi.Mode().IsRegular() {
				t.Fatalf("no regular file at the target: %v %v", fi, err)
			}

			link := filepath.Join(out, "link.ics")
			fifo := filepath.Join(out, "fifo.ics")
			if err := os.Symlink(victim, link); err != nil {
				t.Fatal(err)
			}
			if err := syscall.Mkfifo(fifo, 0o600); err != nil {
				t.Fatal(err)
			}
			refusals := []struct{ target, want string }{
				{link, "is a symbolic link, not a regular file"},
				{fifo, "is a named pipe, not a regular file"},
				{out, "is a directory, not a regular file"},
				{"/dev/full", "is a device, not a regular file"},
			}
			for _, r := range refusals {
				code, _, errOut := cli(t, "", args(r.target)...)
				if code != 1 || !strings.Contains(errOut, r.want) {
					t.Errorf("--out %s: exit %d, %q; want 1 saying %q", r.target, code, errOut, r.want)
				}
			}
			if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
				t.Errorf("the fifo was replaced: %v %v", fi, err)
			}
			if fi, err := os.Lstat("/dev/full"); err == nil && fi.Mode()&os.ModeCharDevice == 0 {
				t.Errorf("/dev/full is no longer a device: %v", fi.Mode())
			}
			if b, _ := os.ReadFile(victim); string(b) != "precious" {
				t.Errorf("victim holds %q", b)
			}
			tmps, _ := filepath.Glob(filepath.Join(out, ".*.tmp"))
			if len(tmps) != 0 {
				t.Errorf("temporary files left: %v", tmps)
			}
		})
	}
}

// `posts add` validates as the window does (core/calendar.Check).
func TestPostsAddValidates(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	addMailbox(t, dir, "mail")
	addVKChannel(t, dir, "club")
	code, out, errs := cli(t, "k\ns\nt\nts\n", "--data", dir, "--secrets", "file", "account", "add", "x", "--name", "x",
		"--handle", "hearth_game", "--api-url", "http://127.0.0.1:1", "--keys-stdin", "--no-test")
	if code != 0 {
		t.Fatalf("account add x: %d %s%s", code, out, errs)
	}
	png := writePicture(t, dir, "cat.png", 40, 30)
	gifFile := filepath.Join(dir, "dance.gif")
	var g bytes.Buffer
	gif.Encode(&g, image.NewPaletted(image.Rect(0, 0, 8, 8), color.Palette{color.Black}), nil)
	if err := os.WriteFile(gifFile, g.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	notes := filepath.Join(dir, "notes.jpg")
	if err := os.WriteFile(notes, []byte("not a picture"), 0o600); err != nil {
		t.Fatal(err)
	}
	oneMB := strings.Repeat("a", 1<<20)
	cases := []struct {
		name  string
		stdin string
		args  []string
		want  string // "" for success
	}{
		{"a VK post with a picture", "", []string{"--text", "Meetup!", "--account", "club", "--media", png}, ""},
		{"an e-mail account", "", []string{"--text", "Meetup!", "--account", "mail"}, "mail is not a publishing channel (a mailbox)"},
		{"empty text", "", []string{"--text", "", "--account", "club"}, "write the post first"},
		{"blank text from stdin", "\n\n", []string{"--text-stdin", "--account", "club"}, "write the post first"},
		{"1 MB for X", oneMB, []string{"--text-stdin", "--account", "x"}, "too long for x (1048576 of 280)"},
		{"a missing picture", "", []string{"--text", "hi", "--account", "club", "--media", filepath.Join(dir, "nope.png")}, "nope.png does not exist"},
		{"not a picture", "", []string{"--text", "hi", "--account", "club", "--media", notes}, "notes.jpg is neither a picture nor a video Hearth can send (text/plain)"},
		{"five pictures on X", "", []string{"--text", "hi", "--account", "x", "--media", strings.Repeat(png+",", 4) + png}, "too many pictures for x (5 of 4)"},
		{"a GIF with a picture on X", "", []string{"--text", "hi", "--account", "x", "--media", png + "," + gifFile}, "x takes a GIF alone"},
		{"a draft is checked too", "", []string{"--text", "", "--account", "club", "--draft"}, "write the post first"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{"--data", dir, "--secrets", "file", "posts", "add", "--at", "2026-03-29T09:00"}, c.args...)
			code, out, errOut := cli(t, c.stdin, args...)
			if c.want == "" {
				if code != 0 {
					t.Errorf("exit %d: %s", code, errOut)
				}
				return
			}
			if code != 1 || !strings.Contains(errOut, c.want) || strings.Count(errOut, "\n") != 1 {
				t.Errorf("exit %d, stdout %q, stderr %q; want 1 saying %q", code, out, errOut, c.want)
			}
		})
	}
	code, out, _ = cli(t, "", "--data", dir, "--secrets", "file", "posts", "list", "--from", "2026-03-01", "--to", "2026-03-31", "--json")
	var posts []postJSON
	if err := json.Unmarshal([]byte(out), &posts); code != 0 || err != nil || len(posts) != 1 {
		t.Errorf("posts after the refusals: %s; want the one valid post", out)
	}
}

// A VK API URL without its trailing slash still reaches the methods.
func TestVKAPIURLWithoutTrailingSlash(t *testing.T) {
	p := startVKPeer(t)
	dir := t.TempDir()
	args, tok := addVKArgs(dir, p)
	for i, a := range args {
		if a == "--api-url" {
			args[i+1] = strings.TrimSuffix(args[i+1], "/")
			if args[i+1] == p.Server().URL() {
				t.Fatalf("the peer's URL %q has no trailing slash to remove", args[i+1])
			}
		}
	}
	if code, _, errOut := cli(t, tok, args...); code != 0 {
		t.Fatalf("account add vk (with its connection test): exit %d: %s", code, errOut)
	}
	if code, out, errOut := cli(t, "", "--data", dir, "--secrets", "file", "sync", "--once"); code != 0 || strings.Contains(out, "error") {
		t.Fatalf("sync --once: exit %d: %s%s", code, out, errOut)
	}
	if items := inboxJSON(t, dir, "--kind", "vk_comment"); len(items) == 0 {
		t.Errorf("no VK comment synced through %q", args)
	}
}
