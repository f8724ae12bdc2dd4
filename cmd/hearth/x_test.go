package main

import (
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/integrations/demo"
)

func startXPeer(t *testing.T) *demo.XPeer {
	t.Helper()
	p, err := demo.StartX(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

func addXArgs(dir string, p *demo.XPeer, extra ...string) (args []string, stdin string) {
	name, s, k := p.Account()
	args = []string{"--data", dir, "--secrets", "file", "account", "add", "x", "--name", name,
		"--api-url", s.APIURL, "--keys-stdin"}
	return append(args, extra...), strings.Join([]string{k.ConsumerKey, k.ConsumerSecret, k.AccessToken, k.AccessSecret}, "\n") + "\n"
}

func TestHeadlessXAddSyncInbox(t *testing.T) {
	for _, api := range []string{"2", "1.1"} {
		t.Run("v"+api, func(t *testing.T) {
			p := startXPeer(t)
			dir := t.TempDir()
			args, keys := addXArgs(dir, p, "--api", api)
			if code, _, errOut := cli(t, keys, args...); code != 0 {
				t.Fatalf("account add x: exit %d: %s", code, errOut)
			}
			if code, out, errOut := cli(t, "", "--data", dir, "--secrets", "file", "sync", "--once"); code != 0 {
				t.Fatalf("sync --once: exit %d: %s%s", code, out, errOut)
			}
			items := inboxJSON(t, dir, "--kind", "x_mention")
			if len(items) != 7 {
				t.Fatalf("inbox has %d X mentions, want the demo's 7", len(items))
			}
			var complaint *itemJSON
			for i := range items {
				if items[i].Author.Handle == "xgamewire" {
					complaint = &items[i]
				}
			}
			if complaint == nil || complaint.Kind != core.ItemXMention || complaint.Author.Name != "GameWire" ||
				complaint.Author.Address != "1500000102" || !strings.Contains(complaint.Text, "save files lost") {
				t.Errorf("complaint = %+v", complaint)
			}
		})
	}
}

func TestHeadlessXBadKeysAndUsage(t *testing.T) {
	p := startXPeer(t)
	dir := t.TempDir()
	args, keys := addXArgs(dir, p)
	wrong := strings.Replace(keys, "xdemo-access-secret", "", 1)
	if code, _, errOut := cli(t, wrong, args...); code != 1 || !strings.Contains(errOut, "access token secret") {
		t.Errorf("three keys: exit %d, %q; want 1 naming the missing key", code, errOut)
	}
	revoked := strings.Replace(keys, "1500000001-xdemo", "1500000001-revoked", 1)
	code, out, errOut := cli(t, revoked, args...)
	if code != 1 || out != "" || !strings.Contains(errOut, "keys revoked or wrong") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("revoked keys: exit %d, stdout %q, stderr %q; want 1, nothing, one line", code, out, errOut)
	}
	noStdin := args[:len(args)-1]
	if code, _, _ := cli(t, keys, noStdin...); code != 2 {
		t.Errorf("without --keys-stdin: exit %d, want 2", code)
	}
}
