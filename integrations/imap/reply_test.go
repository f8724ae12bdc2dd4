package imap

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-message/mail"

	"github.com/hearthhq/hearth/core"
)

var update = flag.Bool("update", false, "rewrite golden files")

// original is the message being answered in the reply tests.
func original() core.Item {
	return core.Item{
		RemoteID:   "orig@example.net",
		ThreadRefs: []string{"root@example.net", "sha256:0123", "mid@example.net"},
		Subject:    "Meetup on Friday?",
		Author:     core.Person{Name: "Bob Sender", Address: "bob@example.net"},
		Text:       "Are we still on for Friday?\n> earlier quote\nSee you — Bob",
		CreatedAt:  time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC),
	}
}

func TestBuildReplyMatchesGolden(t *testing.T) {
	set := core.IMAPSettings{From: "alice@example.org", FromName: "Alice Example"}
	tests := []struct {
		name  string
		reply core.Reply
	}{
		{"reply_quote", core.Reply{Text: "Yes, Friday at 7. Café Léon.", Quote: true}},
		{"reply_plain", core.Reply{Text: "Yes!\n"}},
		// The person edited the headers: another To, a Cc, a new subject.
		{"reply_edited", core.Reply{Text: "Looping in the venue.", Subject: "Friday: venue",
			To: []core.Person{{Name: "Bob Sender", Address: "bob@example.net"}, {Address: "venue@example.com"}},
			Cc: []core.Person{{Name: "Zoé", Address: "zoe@example.fr"}}}},
		// A rule's reply says it is automatic (RFC 3834), so that an
		// auto-responder at the other end does not answer it.
		{"reply_auto", core.Reply{Text: "Thank you, Bob! We really appreciate it.", Quote: true, Auto: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw, err := buildReply(set, original(), tt.reply, "<fixed@example.org>", time.Date(2026, 1, 3, 9, 30, 0, 0, time.UTC))
			if err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("testdata", tt.name+".golden"), raw)
		})
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s:\n%s", path, got)
	}
}

func TestReferences(t *testing.T) {
	tests := []struct {
		name string
		item core.Item
		want []string
	}{
		{"chain", core.Item{RemoteID: "c@x", ThreadRefs: []string{"a@x", "b@x"}}, []string{"a@x", "b@x", "c@x"}},
		{"hash ancestors dropped", core.Item{RemoteID: "c@x", ThreadRefs: []string{"sha256:ff", "a@x"}}, []string{"a@x", "c@x"}},
		{"original without id", core.Item{RemoteID: "sha256:ff", ThreadRefs: []string{"a@x"}}, nil},
		{"bracketed ids", core.Item{RemoteID: "<c@x>"}, []string{"c@x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := references(tt.item); strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("references = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestNewMessageID(t *testing.T) {
	re := regexp.MustCompile(`^<[a-z2-7]{26}@example\.org>$`)
	a, b := NewMessageID("Alice <alice@example.org>"), NewMessageID("alice@example.org")
	if !re.MatchString(a) || !re.MatchString(b) {
		t.Errorf("ids %q, %q do not look like <random@example.org>", a, b)
	}
	if a == b {
		t.Error("two ids are equal")
	}
	if got := NewMessageID(""); !strings.HasSuffix(got, "@hearth.invalid>") {
		t.Errorf("id without a from address = %q", got)
	}
}

func TestReplyIsSentThreadedAndFiledInSent(t *testing.T) {
	p := startPeer(t, peerOptions{})
	c := p.open(t, nil)
	ctx := context.Background()
	to := original()
	id := NewMessageID("alice@example.org")

	if ok, err := c.Delivered(ctx, to, id); err != nil || ok {
		t.Fatalf("Delivered before sending = %v, %v; want false", ok, err)
	}
	remoteID, err := c.Reply(ctx, to, core.Reply{Text: "Yes, Friday.", Quote: true}, id)
	if err != nil {
		t.Fatalf("reply: %v", err)
	}
	if remoteID != bareID(id) {
		t.Errorf("remote id = %q, want the Message-Id %q without brackets, as a synced copy is named", remoteID, id)
	}

	msgs := p.smtp.messages()
	if len(msgs) != 1 {
		t.Fatalf("the SMTP peer got %d messages, want 1", len(msgs))
	}
	got := msgs[0]
	if got.from != "alice@example.org" || strings.Join(got.to, ",") != "bob@example.net" {
		t.Errorf("envelope from %q to %v", got.from, got.to)
	}
	h, body := readMail(t, got.data)
	checks := map[string]string{
		"Subject":     "Re: Meetup on Friday?",
		"In-Reply-To": "<orig@example.net>",
		"References":  "<root@example.net> <mid@example.net> <orig@example.net>",
		"Message-Id":  id,
	}
	for k, want := range checks {
		if got := h.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	for _, want := range []string{"Yes, Friday.", "On Fri, 2 Jan 2026 at 10:00, Bob Sender <bob@example.net> wrote:", "> Are we still on for Friday?", ">> earlier quote"} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q:\n%s", want, body)
		}
	}

	if ok, err := c.Delivered(ctx, to, id); err != nil || !ok {
		t.Fatalf("Delivered after sending = %v, %v; want true", ok, err)
	}
	cl := p.client(t)
	sent := folderUIDs(t, cl, "Sent")
	if len(sent) != 1 || !serverSeen(t, cl, "Sent", sent[0]) {
		t.Errorf("Sent holds %v, want one message marked seen", sent)
	}
	// Synced from Sent, the copy is the same item as the reply.
	s := newFakeSession(t)
	mustSync(t, p.open(t, func(s *core.IMAPSettings) { s.Folders = []string{"Sent"} }), s)
	if it := s.item(t, remoteID); it.Subject != "Re: Meetup on Friday?" {
		t.Errorf("the synced copy is %+v", it)
	}
}

// An edited reply reaches every To and Cc address, under the new subject;
// nobody is left out of the SMTP envelope because they are only in Cc.
func TestReplyGoesToEditedRecipients(t *testing.T) {
	p := startPeer(t, peerOptions{})
	c := p.open(t, nil)
	r := core.Reply{Text: "Looping in the venue.", Subject: "Friday: venue",
		To: []core.Person{{Address: "venue@example.com"}},
		Cc: []core.Person{{Name: "Bob Sender", Address: "bob@example.net"}, {Address: "zoe@example.fr"}}}
	if _, err := c.Reply(context.Background(), original(), r, NewMessageID("alice@example.org")); err != nil {
		t.Fatalf("reply: %v", err)
	}
	msgs := p.smtp.messages()
	if len(msgs) != 1 {
		t.Fatalf("the SMTP peer got %d messages, want 1", len(msgs))
	}
	if got := strings.Join(msgs[0].to, ","); got != "venue@example.com,bob@example.net,zoe@example.fr" {
		t.Errorf("envelope to %s", got)
	}
	h, _ := readMail(t, msgs[0].data)
	if got := h.Get("Subject"); got != "Friday: venue" {
		t.Errorf("Subject = %q", got)
	}
	if got := h.Get("In-Reply-To"); got != "<orig@example.net>" {
		t.Errorf("an edited reply still threads: In-Reply-To = %q", got)
	}
}

func readMail(t *testing.T, raw []byte) (mail.Header, string) {
	t.Helper()
	r, err := mail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	part, err := r.NextPart()
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(part.Body)
	if err != nil {
		t.Fatal(err)
	}
	return r.Header, string(body)
}

func TestReplyStillSentWhenFilingInSentFails(t *testing.T) {
	p := startPeer(t, peerOptions{})
	c := p.open(t, func(s *core.IMAPSettings) { s.SentFolder = "No/Such/Folder" })
	id := NewMessageID("alice@example.org")
	remoteID, err := c.Reply(context.Background(), original(), core.Reply{Text: "ok"}, id)
	if err != nil || remoteID != bareID(id) {
		t.Fatalf("reply = %q, %v; want the id and no error: the message went out", remoteID, err)
	}
	if n := len(p.smtp.messages()); n != 1 {
		t.Errorf("the SMTP peer got %d messages, want 1", n)
	}
}

func TestReplyRefusals(t *testing.T) {
	tests := []struct {
		name   string
		to     string
		pass   string
		want   core.Problem
		detail string
	}{
		{"recipient unknown (5xx)", "nobody@example.net", testPass, core.ProblemDenied, "no such user"},
		{"try later (4xx)", "busy@example.net", testPass, core.ProblemServer, "try again later"},
		{"wrong password", "bob@example.net", "wrong", core.ProblemAuth, "password"},
		{"no address", "", testPass, core.ProblemConfig, "no sender address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := startPeer(t, peerOptions{})
			c := openConn(t, p.settings(nil), tt.pass, nil)
			to := original()
			to.Author.Address = tt.to
			_, err := c.Reply(context.Background(), to, core.Reply{Text: "hi"}, NewMessageID("alice@example.org"))
			re := wantProblem(t, err, tt.want)
			if !strings.Contains(re.Message, tt.detail) {
				t.Errorf("message %q lacks %q", re.Message, tt.detail)
			}
			if errors.Is(err, core.ErrUnknownOutcome) {
				t.Error("a refused message is reported as maybe sent")
			}
			if n := len(p.smtp.messages()); n != 0 {
				t.Errorf("the SMTP peer got %d messages, want none", n)
			}
		})
	}
}

func TestReplyWhoseAnswerIsLostHasAnUnknownOutcome(t *testing.T) {
	p := startPeer(t, peerOptions{})
	c := p.open(t, nil)
	to := original()
	to.Author.Address = "vanish@example.net"
	_, err := c.Reply(context.Background(), to, core.Reply{Text: "hi"}, NewMessageID("alice@example.org"))
	if !errors.Is(err, core.ErrUnknownOutcome) {
		t.Fatalf("reply = %v, want core.ErrUnknownOutcome: the message may have gone out", err)
	}
	if n := len(p.smtp.messages()); n != 1 {
		t.Errorf("the SMTP peer got %d messages, want 1", n)
	}
}

// Files attached to a reply go out as a multipart/mixed message: the
// text first, then each file with its name (a Cyrillic one too) and its
// bytes intact; the copy in Sent carries them too.
func TestReplyWithFiles(t *testing.T) {
	p := startPeer(t, peerOptions{})
	c := p.open(t, nil)
	pdf := []byte("%PDF-1.4 the plan of the evening")
	photo := bytes.Repeat([]byte{0xff, 0xd8, 0x00, 0x10}, 5000)
	r := core.Reply{Text: "The plan and a photo of the hall.", Files: []core.OutFile{
		{Name: "plan.pdf", Type: "application/pdf", Data: pdf},
		{Name: "зал.jpg", Type: "image/jpeg", Data: photo},
	}}
	if _, err := c.Reply(context.Background(), original(), r, NewMessageID("alice@example.org")); err != nil {
		t.Fatalf("reply: %v", err)
	}
	msgs := p.smtp.messages()
	if len(msgs) != 1 {
		t.Fatalf("the SMTP peer got %d messages, want 1", len(msgs))
	}
	mr, err := mail.CreateReader(bytes.NewReader(msgs[0].data))
	if err != nil {
		t.Fatal(err)
	}
	if got := mr.Header.Get("In-Reply-To"); got != "<orig@example.net>" {
		t.Errorf("In-Reply-To = %q: a reply with files still threads", got)
	}
	var text string
	files := map[string][]byte{}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(part.Body)
		switch h := part.Header.(type) {
		case *mail.InlineHeader:
			text = string(body)
		case *mail.AttachmentHeader:
			name, _ := h.Filename()
			files[name] = body
		}
	}
	if !strings.Contains(text, "The plan and a photo of the hall.") {
		t.Errorf("text part %q", text)
	}
	if !bytes.Equal(files["plan.pdf"], pdf) || !bytes.Equal(files["зал.jpg"], photo) || len(files) != 2 {
		t.Errorf("attachments %v, want plan.pdf and зал.jpg intact", slices.Collect(maps.Keys(files)))
	}
	cl := p.client(t)
	if sent := folderUIDs(t, cl, "Sent"); len(sent) != 1 {
		t.Errorf("Sent holds %v, want the copy", sent)
	}
}

// A message larger than the server announces (SIZE) is refused before
// anything is sent, for good, with both sizes in words.
func TestReplyOverTheServersSize(t *testing.T) {
	p := startPeer(t, peerOptions{smtpMax: 64 << 10})
	c := p.open(t, nil)
	r := core.Reply{Text: "Photos", Files: []core.OutFile{{Name: "big.jpg", Type: "image/jpeg", Data: make([]byte, 100<<10)}}}
	_, err := c.Reply(context.Background(), original(), r, NewMessageID("alice@example.org"))
	re := wantProblem(t, err, core.ProblemConfig)
	if !strings.Contains(re.Message, "the mail server takes at most 0.1 MB") || !re.NeedsPerson() {
		t.Errorf("refusal %q", re.Message)
	}
	if errors.Is(err, core.ErrUnknownOutcome) {
		t.Error("a message refused before sending is no unknown outcome")
	}
	if n := len(p.smtp.messages()); n != 0 {
		t.Errorf("the SMTP peer got %d messages, want none", n)
	}
}
