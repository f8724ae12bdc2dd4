package main

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/integrations/demo"
	"github.com/hearthhq/hearth/integrations/vk/vkpeer"
)

func startVKPeer(t *testing.T) *demo.VKPeer {
	t.Helper()
	p := demo.StartVK(time.Now())
	t.Cleanup(p.Close)
	return p
}

func addVKArgs(dir string, p *demo.VKPeer, extra ...string) (args []string, stdin string) {
	name, s, tok := p.Account()
	args = []string{"--data", dir, "--secrets", "file", "account", "add", "vk", "--name", name,
		"--group", strconv.FormatInt(s.GroupID, 10), "--api-url", s.APIURL, "--messages", "--token-stdin"}
	return append(args, extra...), tok + "\n"
}

func TestHeadlessVKAddSyncInbox(t *testing.T) {
	t.Parallel()
	p := startVKPeer(t)
	dir := t.TempDir()
	args, tok := addVKArgs(dir, p)
	if code, _, errOut := cli(t, tok, args...); code != 0 {
		t.Fatalf("account add vk: exit %d: %s", code, errOut)
	}
	if code, out, errOut := cli(t, "", "--data", dir, "--secrets", "file", "sync", "--once"); code != 0 {
		t.Fatalf("sync --once: exit %d: %s%s", code, out, errOut)
	}
	comments := inboxJSON(t, dir, "--kind", "vk_comment")
	if len(comments) != 17 {
		t.Errorf("inbox has %d VK comments, want the demo's 17", len(comments))
	}
	var spam *itemJSON
	for i := range comments {
		if strings.Contains(comments[i].Text, "cheap-subs.example") {
			spam = &comments[i]
		}
	}
	if spam == nil || spam.Kind != core.ItemVKComment || spam.Author.Address != "5100107" ||
		spam.Author.Name != "Подписчики Недорого" || !strings.HasPrefix(spam.RemoteID, "comment:-229000111_") {
		t.Errorf("the spammer's comment = %+v", spam)
	}
	msgs := inboxJSON(t, dir, "--kind", "vk_message")
	if len(msgs) != 2 || msgs[0].Kind != core.ItemVKMessage {
		t.Errorf("inbox has %+v, want the demo's 2 community messages", msgs)
	}
	posts := inboxJSON(t, dir, "--kind", "vk_post", "--state", "done")
	if len(posts) != 4 || !posts[0].Outgoing {
		t.Errorf("%d posts of the community, want 4 of our own", len(posts))
	}
}

func TestHeadlessVKRefusals(t *testing.T) {
	p := startVKPeer(t)
	dir := t.TempDir()
	args, tok := addVKArgs(dir, p)
	code, out, errOut := cli(t, "vk1.a.revoked\n", args...)
	if code != 1 || out != "" || !strings.Contains(errOut, "token revoked or expired") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("revoked token: exit %d, stdout %q, stderr %q; want 1, nothing, one line", code, out, errOut)
	}
	p.Server().SetRights(vkpeer.RightWall, vkpeer.RightManage)
	if code, _, errOut := cli(t, tok, args...); code != 1 || !strings.Contains(errOut, `lacks the "messages" right`) {
		t.Errorf("token without the messages right: exit %d, %q; want 1 naming the right", code, errOut)
	}
	if code, _, _ := cli(t, tok, args[:len(args)-1]...); code != 2 {
		t.Errorf("without --token-stdin: exit %d, want 2", code)
	}
	noGroup := slicesWithout(args, "--group", 2)
	if code, _, errOut := cli(t, tok, noGroup...); code != 2 || !strings.Contains(errOut, "community's id") {
		t.Errorf("without --group: exit %d, %q; want 2", code, errOut)
	}
}

// slicesWithout drops the first n arguments starting at flag.
func slicesWithout(args []string, flag string, n int) []string {
	for i, a := range args {
		if a == flag {
			return append(append([]string(nil), args[:i]...), args[i+n:]...)
		}
	}
	return args
}
