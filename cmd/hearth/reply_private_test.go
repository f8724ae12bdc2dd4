package main

import (
	"strconv"
	"strings"
	"testing"
)

// `hearth reply --private` writes to the author of a VK comment by
// community message when they allow it: sync sends it once into their
// conversation, and nothing appears under the post.
func TestHeadlessPrivateReplyToAVKComment(t *testing.T) {
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
	if len(comments) == 0 {
		t.Fatal("no VK comments")
	}
	target := comments[0]
	user, err := strconv.Atoi(target.Author.Address)
	if err != nil {
		t.Fatalf("author %+v", target.Author)
	}
	p.Server().AllowMessages(user, true)
	before := len(p.Server().Messages(user))
	text := "Спасибо! Ответил в личных сообщениях."
	code, out, errOut := cli(t, text, "--data", dir, "--secrets", "file", "reply", strconv.FormatInt(target.ID, 10), "--private", "--text-stdin")
	if code != 0 || !strings.Contains(out, "private message queued") {
		t.Fatalf("reply --private: exit %d: %s%s", code, out, errOut)
	}
	for range 2 { // the second pass must not send again
		if code, out, errOut := cli(t, "", "--data", dir, "--secrets", "file", "sync", "--once"); code != 0 {
			t.Fatalf("sync after the reply: exit %d: %s%s", code, out, errOut)
		}
	}
	msgs := p.Server().Messages(user)
	if len(msgs) != before+1 || !msgs[len(msgs)-1].Out || msgs[len(msgs)-1].Text != text {
		t.Errorf("conversation with %s on VK: %+v; want our one message", target.Author.Name, msgs)
	}
}
