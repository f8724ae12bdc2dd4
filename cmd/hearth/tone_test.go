package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hearthhq/hearth/core"
)

// hearth tone --json prints the tone of stdin in the one JSON style.
func TestToneCommand(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		in   string
		want toneJSON
	}{
		{"Спасибо за встречу, всё было отлично!", toneJSON{Language: "ru", Label: "positive"}},
		{"Не е лошо, хареса ми.", toneJSON{Language: "bg", Label: "positive"}},
		{"Ferme ta gueule, connard.", toneJSON{Language: "fr", Label: "negative", Abusive: true}},
		{"When is the next meetup?", toneJSON{Language: "en", Label: "neutral"}},
	}
	for _, tt := range tests {
		code, out, errOut := cli(t, tt.in, "--data", dir, "tone", "--json")
		if code != exitOK || errOut != "" {
			t.Fatalf("tone %q: exit %d, stderr %q", tt.in, code, errOut)
		}
		var got toneJSON
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("tone %q: %v in %s", tt.in, err, out)
		}
		if got.Language != tt.want.Language || got.Label != tt.want.Label || got.Abusive != tt.want.Abusive ||
			(got.Label == "neutral") != (got.Sentiment > -0.05 && got.Sentiment < 0.05) {
			t.Errorf("tone %q = %+v, want %+v", tt.in, got, tt.want)
		}
		for _, key := range []string{`"language"`, `"sentiment"`, `"label"`, `"abusive"`} {
			if !strings.Contains(out, key) {
				t.Errorf("tone --json lacks %s: %s", key, out)
			}
		}
	}
	if code, _, errOut := cli(t, "", "--data", dir, "tone", "extra"); code != exitUsage || errOut == "" {
		t.Errorf("tone with an argument: exit %d, stderr %q", code, errOut)
	}
	if code, _, errOut := cli(t, strings.Repeat("a", maxToneInput+1), "--data", dir, "tone"); code != exitFail || !strings.Contains(errOut, "more than") {
		t.Errorf("tone of too much: exit %d, stderr %q", code, errOut)
	}
}

// An imported lexicon changes what the workspace's tone reads.
func TestToneImportLexicon(t *testing.T) {
	dir := t.TempDir()
	text := "Это фиолетово"
	if _, out, _ := cli(t, text, "--data", dir, "tone"); !strings.Contains(out, "neutral") {
		t.Fatalf("before import: %s", out)
	}
	file := filepath.Join(t.TempDir(), "mine.csv")
	if err := os.WriteFile(file, []byte("term;value\nфиолетово;-0.9\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := cli(t, "", "--data", dir, "tone", "import-lexicon", "--lang", "ru", file)
	if code != exitOK || !strings.Contains(out, "imported 1 entries") {
		t.Fatalf("import: exit %d, %q %q", code, out, errOut)
	}
	if _, out, _ := cli(t, text, "--data", dir, "tone"); !strings.Contains(out, "negative") {
		t.Errorf("after import: %s, want negative", out)
	}
	if code, _, _ := cli(t, "", "--data", dir, "tone", "import-lexicon", "--lang", "de", file); code != exitUsage {
		t.Errorf("import for de: exit %d, want usage", code)
	}
}

// The demo community fills the moderation queue: abusive and cold
// messages in several languages, read at ingest by the first sync.
func TestDemoModerationQueue(t *testing.T) {
	dir := t.TempDir()
	vk, x := startVKPeer(t), startXPeer(t)
	vkArgs, tok := addVKArgs(dir, vk)
	xArgs, keys := addXArgs(dir, x)
	for _, a := range []struct {
		args  []string
		stdin string
	}{{vkArgs, tok}, {xArgs, keys}} {
		if code, _, errOut := cli(t, a.stdin, a.args...); code != exitOK {
			t.Fatalf("account add: exit %d: %s", code, errOut)
		}
	}
	if code, out, errOut := cli(t, "", "--data", dir, "--secrets", "file", "sync", "--once"); code != exitOK {
		t.Fatalf("sync --once: exit %d: %s%s", code, out, errOut)
	}
	ctx := context.Background()
	w, err := openWorkspace(ctx, workspaceOptions{dir: dir, secretsMode: "file", log: slog.Default(), noBackups: true})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	queue, err := w.inbox.Page(ctx, core.ItemFilter{NeedsModeration: true, States: core.States})
	if err != nil {
		t.Fatal(err)
	}
	langs, abusive := map[string]bool{}, 0
	for _, it := range queue {
		langs[it.Tone.Lang] = true
		if it.Tone.Abusive {
			abusive++
		}
	}
	if abusive < 2 || len(langs) < 4 {
		t.Errorf("queue: %d messages, %d abusive, languages %v; want abusive ones and ru, bg, fr, en", len(queue), abusive, langs)
	}
}
