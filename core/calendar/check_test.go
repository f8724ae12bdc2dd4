package calendar_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/calendar"
)

var (
	vkTarget   = core.PostTarget{AccountID: 1, Account: "club", AccountKind: core.KindVK}
	xTarget    = core.PostTarget{AccountID: 2, Account: "@hearth_game", AccountKind: core.KindX}
	mailTarget = core.PostTarget{AccountID: 3, Account: "news@example.org", AccountKind: core.KindIMAP}
)

func TestCheck(t *testing.T) {
	cases := []struct {
		name string
		post core.Post
		want string // "" when the post may be scheduled
	}{
		{"a VK post", core.Post{Text: "Meetup on Sunday", Targets: []core.PostTarget{vkTarget}}, ""},
		{"no channel", core.Post{Text: "hi"}, "choose at least one channel"},
		{"a mailbox", core.Post{Text: "hi", Targets: []core.PostTarget{mailTarget}}, "news@example.org is not a publishing channel (a mailbox)"},
		{"empty", core.Post{Text: " \n", Targets: []core.PostTarget{vkTarget}}, "write the post first"},
		{"empty common text, a variant for each", core.Post{Targets: []core.PostTarget{{Account: "club", AccountKind: core.KindVK, Text: "v"}}}, ""},
		{"X counts weighted", core.Post{Text: strings.Repeat("你", 141), Targets: []core.PostTarget{xTarget}}, "too long for @hearth_game (282 of 280)"},
		{"10 MB for X", core.Post{Text: strings.Repeat("a", 10<<20), Targets: []core.PostTarget{vkTarget, xTarget}}, "too long for club (10485760 of 16384)"},
		{"five pictures on X", core.Post{Text: "hi", Media: []string{"a", "b", "c", "d", "e"}, Targets: []core.PostTarget{xTarget}}, "too many pictures for @hearth_game (5 of 4)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := calendar.Check(c.post)
			switch {
			case c.want == "" && err != nil:
				t.Errorf("Check: %v, want nil", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Errorf("Check: %v, want %q", err, c.want)
			}
		})
	}
}

// The smallest PNG header DetectContentType knows.
const pngHead = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"

func TestCheckMedia(t *testing.T) {
	dir := t.TempDir()
	file := func(name, data string, size int64) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		if size > 0 {
			if err := os.Truncate(p, size); err != nil {
				t.Fatal(err)
			}
		}
		return p
	}
	png := file("cat.png", pngHead, 0)
	bigPNG := file("big.png", pngHead, 6<<20)
	text := file("notes.jpg", "just some text, named as a picture", 0)
	webp := file("pic.webp", "RIFF\x00\x00\x00\x00WEBPVP8 ", 0)
	cases := []struct {
		name    string
		media   []string
		targets []core.PostTarget
		want    string
	}{
		{"a PNG on VK and X", []string{png}, []core.PostTarget{vkTarget, xTarget}, ""},
		{"missing", []string{filepath.Join(dir, "nope.jpg")}, []core.PostTarget{vkTarget}, "nope.jpg does not exist"},
		{"a directory", []string{dir}, []core.PostTarget{vkTarget}, "is not a regular file"},
		{"text named .jpg", []string{text}, []core.PostTarget{vkTarget}, "club takes JPEG, PNG, GIF pictures; this file is text/plain"},
		{"WebP: X yes, VK no", []string{webp}, []core.PostTarget{xTarget, vkTarget}, "club takes JPEG, PNG, GIF pictures; this file is image/webp"},
		{"6 MB: VK yes, X no", []string{bigPNG}, []core.PostTarget{vkTarget, xTarget}, "6 MB, @hearth_game takes pictures up to 5 MB"},
		{"a mailbox takes none", []string{png}, []core.PostTarget{mailTarget}, "takes no pictures"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := calendar.CheckMedia(core.Post{Text: "hi", Media: c.media, Targets: c.targets})
			switch {
			case c.want == "" && err != nil:
				t.Errorf("CheckMedia: %v, want nil", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Errorf("CheckMedia: %v, want %q", err, c.want)
			}
		})
	}
}
