package demo

import (
	"bytes"
	"context"
	"crypto/sha256"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-imap/v2"
	"github.com/hearthhq/hearth/core"
)

func TestAccountIsAValidLoopbackAccount(t *testing.T) {
	p := startDemo(t, context.Background(), Options{})
	name, s, password := p.Account()
	if name != "Support (demo)" || password == "" {
		t.Errorf("account %q with password %q", name, password)
	}
	if err := s.Validate(); err != nil {
		t.Errorf("settings do not validate: %v", err)
	}
	if !core.IsLoopback(s.Host) || !core.IsLoopback(s.SMTPHost) || s.Port == s.SMTPPort {
		t.Errorf("servers at %s:%d and %s:%d, want two loopback ports", s.Host, s.Port, s.SMTPHost, s.SMTPPort)
	}
	want := core.IMAPSettings{
		Host: s.Host, Port: s.Port, TLS: core.TLSNone, User: demoUser, From: demoUser, FromName: "Hearth Makers",
		SMTPHost: s.SMTPHost, SMTPPort: s.SMTPPort, SMTPTLS: core.TLSNone, SMTPUser: demoUser,
		AllowPlain: true, Folders: []string{"INBOX"}, BackfillDays: -1, ArchiveOnDone: true,
	}
	if !equalSettings(s, want) {
		t.Errorf("settings\n%+v\nwant\n%+v", s, want)
	}
}

func equalSettings(a, b core.IMAPSettings) bool {
	return reflect.DeepEqual(a, b)
}

func TestIMAPMailboxes(t *testing.T) {
	p := startDemo(t, context.Background(), Options{})
	c := login(t, p, nil)

	sel, err := c.Select("INBOX", nil).Wait()
	if err != nil {
		t.Fatalf("select: %v", err)
	}
	if sel.NumMessages != 200 {
		t.Errorf("INBOX holds %d messages, want 200", sel.NumMessages)
	}
	list, err := c.List("", "*", &imap.ListOptions{ReturnSpecialUse: true}).Collect()
	if err != nil {
		t.Fatalf("list: %v", err)
	}
	got := map[string][]imap.MailboxAttr{}
	for _, l := range list {
		got[l.Mailbox] = l.Attrs
	}
	for mailbox, attr := range map[string]imap.MailboxAttr{
		"Sent": imap.MailboxAttrSent, "Archive": imap.MailboxAttrArchive, "Junk": imap.MailboxAttrJunk,
	} {
		if !slices.Contains(got[mailbox], attr) {
			t.Errorf("LIST gives %s attributes %v, want %s", mailbox, got[mailbox], attr)
		}
	}
	if _, ok := got["INBOX"]; !ok || len(got) != 4 {
		t.Errorf("LIST gives %v, want INBOX, Sent, Archive, Junk", list)
	}
}

func TestIMAPSpecialUseSurvivesRenameAndCreate(t *testing.T) {
	p := startDemo(t, context.Background(), Options{Messages: 20})
	c := login(t, p, nil)
	if err := c.Rename("Archive", "Old mail", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	if err := c.Create("Projects", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	list, err := c.List("", "*", &imap.ListOptions{SelectSpecialUse: true}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, l := range list {
		names = append(names, l.Mailbox)
	}
	if want := []string{"Junk", "Old mail", "Sent"}; !slices.Equal(names, want) {
		t.Errorf("special-use mailboxes %v, want %v", names, want)
	}
}

func TestIMAPMoveToArchive(t *testing.T) {
	p := startDemo(t, context.Background(), Options{Messages: 20})
	c := login(t, p, nil)
	msgs := fetchAll(t, c, "INBOX", false)
	if _, err := c.Move(imap.UIDSetNum(msgs[0].uid), "Archive").Wait(); err != nil {
		t.Fatalf("move: %v", err)
	}
	archive := fetchAll(t, c, "Archive", false)
	if last := archive[len(archive)-1]; last.id() != msgs[0].id() {
		t.Errorf("Archive ends with %q, want the moved %q", last.id(), msgs[0].id())
	}
	if n := len(fetchAll(t, c, "INBOX", false)); n != len(msgs)-1 {
		t.Errorf("INBOX holds %d after the move, want %d", n, len(msgs)-1)
	}
}

// The KOI8-R message reaches an IMAP client as KOI8-R bytes and its
// subject decodes, through go-message's charset tables, to Russian.
func TestIMAPKOI8Message(t *testing.T) {
	p := startDemo(t, context.Background(), Options{})
	c := login(t, p, nil)
	var koi8 *fetched
	for _, m := range fetchAll(t, c, "INBOX", true) {
		if _, params, _ := m.header.ContentType(); params["charset"] == "koi8-r" {
			koi8 = &m
		}
	}
	if koi8 == nil {
		t.Fatal("no koi8-r message in INBOX")
	}
	if koi8.subject != koi8Subject {
		t.Errorf("subject decodes to %q, want %q", koi8.subject, koi8Subject)
	}
	_, body, _ := bytes.Cut(koi8.raw, []byte("\r\n\r\n"))
	greeting, _ := encodeLegacy("koi8-r", "Добрый день!")
	if !bytes.HasPrefix(body, []byte(greeting)) || utf8.Valid(body) {
		t.Errorf("body is not KOI8-R: %q", body[:min(40, len(body))])
	}
	if slices.Contains(koi8.flags, imap.FlagSeen) {
		t.Error("the KOI8-R message is seen; it should wait for the user")
	}
}

func TestIMAPThreadChains(t *testing.T) {
	p := startDemo(t, context.Background(), Options{})
	c := login(t, p, nil)
	var thread []fetched
	for _, mb := range []string{"INBOX", "Sent"} {
		for _, m := range fetchAll(t, c, mb, false) {
			if strings.HasSuffix(m.subject, threadSubject) {
				thread = append(thread, m)
			}
		}
	}
	slices.SortFunc(thread, func(a, b fetched) int {
		da, _ := a.header.Date()
		db, _ := b.header.Date()
		return da.Compare(db)
	})
	msgs := make([]threadMsg, len(thread))
	for i, m := range thread {
		irt := m.ids("In-Reply-To")
		msgs[i] = threadMsg{id: m.id(), refs: m.ids("References")}
		if len(irt) > 0 {
			msgs[i].inReplyTo = irt[0]
		}
	}
	checkThread(t, msgs)
}

func TestSameMailboxOnEveryStart(t *testing.T) {
	digest := func() [][32]byte {
		p := startDemo(t, context.Background(), Options{})
		var sums [][32]byte
		for _, m := range fetchAll(t, login(t, p, nil), "INBOX", true) {
			slices.Sort(m.flags) // the server keeps flags in a map
			sums = append(sums, sha256.Sum256(append(m.raw, []byte(flagString(m.flags))...)))
		}
		return sums
	}
	if a, b := digest(), digest(); !slices.Equal(a, b) {
		t.Error("two starts with the same Now serve different INBOXes")
	}
}

func TestReplyIsRecordedAndAnswered(t *testing.T) {
	p := startDemo(t, context.Background(), Options{AnswerDelay: 10 * time.Millisecond})
	c := login(t, p, nil)
	inbox := fetchAll(t, c, "INBOX", false)
	var last fetched // Priya's latest message in the thread
	for _, m := range inbox {
		if strings.HasSuffix(m.subject, threadSubject) {
			last = m
		}
	}
	const ourID = "reply-1@hearth.example"
	_, _, password := p.Account()
	waitForMessages(t, p, "INBOX", uint32(len(inbox)), func() {
		err := sendMail(p, demoUser, password, []string{"priya.raman@devmail.example"},
			replyTo(last, ourID, "Great, see you on Thursday!"))
		if err != nil {
			t.Fatalf("send: %v", err)
		}
	})

	sent := p.Sent()
	if len(sent) != 1 || sent[0].From != demoUser || !slices.Equal(sent[0].To, []string{"priya.raman@devmail.example"}) ||
		sent[0].Subject != last.subject || sent[0].MessageID != ourID {
		t.Errorf("recorded %+v", sent)
	}
	answer := fetchAll(t, c, "INBOX", true)[len(inbox)]
	from, _ := answer.header.AddressList("From")
	if len(from) != 1 || from[0].Address != "priya.raman@devmail.example" {
		t.Errorf("answer from %v, want Priya", from)
	}
	if irt := answer.ids("In-Reply-To"); !slices.Equal(irt, []string{ourID}) {
		t.Errorf("answer In-Reply-To %v, want %s", irt, ourID)
	}
	if refs := answer.ids("References"); len(refs) != 6 || refs[5] != ourID {
		t.Errorf("answer References %v, want the thread ending with %s", refs, ourID)
	}
	if answer.subject != "Re: "+threadSubject {
		t.Errorf("answer subject %q", answer.subject)
	}
	if !bytes.Contains(answer.raw, []byte("> Great, see you on Thursday!")) {
		t.Error("answer does not quote our reply")
	}
}

func TestSMTPRefusesStrangers(t *testing.T) {
	p := startDemo(t, context.Background(), Options{Messages: 20})
	_, _, password := p.Account()
	tests := []struct {
		name, user, password string
	}{
		{"no authentication", "", ""},
		{"wrong password", demoUser, password + "x"},
		{"another user", "someone@hearth.example", password},
	}
	msg := []byte("Subject: hi\r\n\r\nhello\r\n")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := sendMail(p, tt.user, tt.password, []string{"emily.carter@inbox.example"}, msg); err == nil {
				t.Error("the server accepted the message")
			}
		})
	}
	if got := p.Sent(); len(got) != 0 {
		t.Errorf("recorded %d messages from strangers", len(got))
	}
}

func TestLiveMailArrivesDuringIdle(t *testing.T) {
	p := startDemo(t, context.Background(), Options{Messages: 20, Live: true, LiveMin: time.Millisecond, LiveMax: 5 * time.Millisecond})
	waitForMessages(t, p, "INBOX", 20, func() {})
}

// Close, or the end of Start's context, stops the servers, the pending
// answers and the live mail: no goroutine is left behind.
func TestStopLeavesNoGoroutine(t *testing.T) {
	tests := []struct {
		name string
		stop func(cancel context.CancelFunc, p *Peers) error
	}{
		{"Close", func(_ context.CancelFunc, p *Peers) error { return p.Close() }},
		{"context cancelled", func(cancel context.CancelFunc, p *Peers) error {
			cancel()
			return nil
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := runtime.NumGoroutine()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			lg := &testLog{t: t}
			defer lg.end()
			p, err := Start(ctx, Options{Now: testNow, Messages: 20, Live: true, AnswerDelay: time.Hour, Logf: lg.logf})
			if err != nil {
				t.Fatal(err)
			}
			busy(t, p) // open connections, a pending answer, the live timer
			c := login(t, p, nil)
			if err := tt.stop(cancel, p); err != nil {
				t.Errorf("stop: %v", err)
			}
			select {
			case <-c.Closed():
			case <-time.After(patience):
				t.Fatal("the IMAP connection is still open after the stop")
			}
			if err := p.Close(); err != nil {
				t.Errorf("Close after stop: %v", err)
			}
			c.Close()
			waitGoroutines(t, before)
		})
	}
}

// busy gives the demo work in flight: an idling IMAP session and a
// scheduled answer.
func busy(t *testing.T, p *Peers) {
	t.Helper()
	c := login(t, p, nil)
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Idle(); err != nil {
		t.Fatal(err)
	}
	_, _, password := p.Account()
	msg := []byte("Subject: Re: hello\r\nMessage-Id: <x@hearth.example>\r\n\r\nThanks!\r\n")
	if err := sendMail(p, demoUser, password, []string{"emily.carter@inbox.example"}, msg); err != nil {
		t.Fatal(err)
	}
}

// waitGoroutines waits until the goroutine count is back to want: closed
// connections take a moment to unwind.
func waitGoroutines(t *testing.T, want int) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for runtime.NumGoroutine() > want {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("%d goroutines left, want %d:\n%s", runtime.NumGoroutine(), want, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
}
