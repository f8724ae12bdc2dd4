package imap

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/core/store"
	"github.com/hearthhq/hearth/integrations/imap/mailparse"
)

// workspaceProcesses opens one workspace file once per process (the window,
// a daemon, `hearth sync --once`), each with its own engine on the peer;
// the first holds one mail account.
type workspaceProcesses struct {
	stores  []*store.Store
	engines []*engine.Engine
	acct    core.Account
}

func openProcesses(t *testing.T, p *peer, n int, settings func(*core.IMAPSettings)) *workspaceProcesses {
	t.Helper()
	ctx := context.Background()
	path := coretest.NewDB(t) // a migrated workspace's copy: no migration per test
	w := &workspaceProcesses{}
	for range n {
		st, err := store.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		w.stores = append(w.stores, st)
		d := &driver{tlsConfig: &tls.Config{RootCAs: p.cert}}
		w.engines = append(w.engines, engine.New(engine.Params{Store: st, Drivers: []engine.Driver{d}, Secrets: secrets(testPass)}))
	}
	id, err := w.stores[0].CreateAccount(ctx, core.Account{Kind: core.KindIMAP, Name: "mail", Settings: p.settings(settings)})
	if err != nil {
		t.Fatal(err)
	}
	w.acct, _ = w.stores[0].Account(ctx, id)
	return w
}

// queueReplies stores a message from each address and queues a reply to
// it, as the composer does; it returns the replies' Message-Ids by address.
func (w *workspaceProcesses) queueReplies(t *testing.T, addrs []string) map[string]string {
	t.Helper()
	ctx := context.Background()
	st := w.stores[0]
	b := core.Batch{}
	for i, a := range addrs {
		b.Items = append(b.Items, core.Item{Kind: core.ItemEmail, RemoteID: fmt.Sprintf("q%d@example.net", i),
			Subject: "Question " + a, Author: core.Person{Name: a, Address: a}, Text: "Are we on for Friday?",
			CreatedAt: time.Date(2026, 1, 2, 10, i, 0, 0, time.UTC)})
	}
	if _, err := st.ApplyBatch(ctx, w.acct.ID, b); err != nil {
		t.Fatal(err)
	}
	keys := map[string]string{}
	for i, a := range addrs {
		it, err := st.ItemByRemoteID(ctx, w.acct.ID, fmt.Sprintf("q%d@example.net", i))
		if err != nil {
			t.Fatal(err)
		}
		key := NewMessageID("alice@example.org")
		payload := fmt.Appendf(nil, `{"text":"Yes, Friday (%s).","quote":true}`, a)
		if _, err := st.Enqueue(ctx, core.OutboxEntry{AccountID: w.acct.ID, ItemID: it.ID, Op: core.OpReply,
			Payload: payload, IdemKey: key}); err != nil {
			t.Fatal(err)
		}
		keys[a] = key
	}
	return keys
}

// deliveries counts the messages the SMTP peer took, by Message-Id.
func deliveries(t *testing.T, p *smtpPeer) map[string]int {
	t.Helper()
	n := map[string]int{}
	for _, m := range p.messages() {
		h, _ := readMail(t, m.data)
		n[h.Get("Message-Id")]++
	}
	return n
}

// Two processes run the outbox of one workspace at once against the
// loopback SMTP and IMAP peers, with answers lost (vanish@: the server
// takes the message and hangs up), refusals (nobody@) and temporary
// refusals (busy@). Each reply is delivered at most once; none that was
// delivered is called failed; every reply sent is in its thread.
func TestOutboxTwoProcessesOnRealPeers(t *testing.T) {
	p := startPeer(t, peerOptions{})
	w := openProcesses(t, p, 2, nil)
	var addrs []string
	for i := range 12 {
		switch i % 6 {
		case 1:
			addrs = append(addrs, fmt.Sprintf("vanish@host%d.example.net", i))
		case 3:
			addrs = append(addrs, fmt.Sprintf("nobody@host%d.example.net", i))
		case 5:
			addrs = append(addrs, fmt.Sprintf("busy@host%d.example.net", i))
		default:
			addrs = append(addrs, fmt.Sprintf("bob@host%d.example.net", i))
		}
	}
	keys := w.queueReplies(t, addrs)

	ctx := context.Background()
	var wg sync.WaitGroup
	for _, e := range w.engines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 3 {
				if _, err := e.FlushOutbox(ctx); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	// The lost answers are checked a little later, by either process.
	later := engine.New(engine.Params{Store: w.stores[1], Drivers: []engine.Driver{&driver{tlsConfig: &tls.Config{RootCAs: p.cert}}},
		Secrets: secrets(testPass), Now: func() time.Time { return time.Now().Add(2 * time.Minute) }})
	if _, err := later.FlushOutbox(ctx); err != nil {
		t.Fatal(err)
	}

	sent := deliveries(t, p.smtp)
	entries, err := w.stores[0].Outbox(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]core.OutboxEntry{}
	for _, e := range entries {
		byKey[e.IdemKey] = e
	}
	counts := map[core.OutboxState]int{}
	for _, a := range addrs {
		key := keys[a]
		e, n := byKey[key], sent[key]
		counts[e.State]++
		if n > 1 {
			t.Errorf("%s: delivered %d times", a, n)
		}
		if n > 0 && e.State == core.OutboxFailed {
			t.Errorf("%s: delivered, but the entry failed (%s): a Retry would send it twice", a, e.LastError)
		}
		local, _, _ := strings.Cut(a, "@")
		want := core.OutboxSent
		switch local {
		case "vanish":
			want = core.OutboxUnconfirmed // delivered, never filed in Sent: unknown
		case "nobody":
			want = core.OutboxFailed
		case "busy":
			want = core.OutboxQueued // retried later
		}
		if e.State != want {
			t.Errorf("%s: entry %s (%s), want %s", a, e.State, e.LastError, want)
		}
		if e.State == core.OutboxSent {
			if n != 1 {
				t.Errorf("%s: sent, but delivered %d times", a, n)
			}
			if _, err := w.stores[1].ItemByRemoteID(ctx, w.acct.ID, mailparse.NormalizeMessageID(key)); err != nil {
				t.Errorf("%s: sent, but not in its thread: %v", a, err)
			}
		}
	}
	t.Logf("%d replies: %v; %d delivered", len(addrs), counts, len(sent))
}

// gatedSMTP is an SMTP peer whose DATA hangs until released, as a slow
// server does: a reply is on its way for as long as the test wants.
type gatedSMTP struct {
	*smtpPeer
	entered chan struct{}
	release chan struct{}
}

func startGatedSMTP(t *testing.T) *gatedSMTP {
	t.Helper()
	g := &gatedSMTP{smtpPeer: &smtpPeer{}, entered: make(chan struct{}, 8), release: make(chan struct{})}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return gatedSession{&smtpSession{peer: g.smtpPeer, conn: c}, g}, nil
	}))
	srv.AllowInsecureAuth = true
	srv.Domain = "localhost"
	srv.ErrorLog = quietLogger{}
	ln := listen(t)
	g.addr = ln.Addr().String()
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return g
}

type gatedSession struct {
	*smtpSession
	g *gatedSMTP
}

func (s gatedSession) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.g.entered <- struct{}{}
	<-s.g.release
	return s.smtpSession.Data(bytes.NewReader(data))
}

// While the window's reply is on its way to a slow SMTP server, a
// `sync --once` neither takes it over nor looks for it in Sent (where it
// is not yet): the reply ends sent, once, filed in Sent, never "failed".
func TestOutboxSlowSendIsLeftToItsSender(t *testing.T) {
	p := startPeer(t, peerOptions{})
	slow := startGatedSMTP(t)
	w := openProcesses(t, p, 2, func(s *core.IMAPSettings) { s.SMTPHost, s.SMTPPort = splitAddr(slow.addr) })
	keys := w.queueReplies(t, []string{"bob@example.net"})
	ctx := context.Background()

	window := make(chan error, 1)
	go func() {
		_, err := w.engines[0].FlushOutbox(ctx)
		window <- err
	}()
	<-slow.entered
	run, err := w.engines[1].FlushOutbox(ctx) // sync --once, meanwhile
	if err != nil {
		t.Fatal(err)
	}
	if run.Handled != 0 || len(run.NeedPerson) != 0 {
		t.Errorf("sync --once handled %d entries, %d needing a person; want none: the window is sending", run.Handled, len(run.NeedPerson))
	}
	close(slow.release)
	if err := <-window; err != nil {
		t.Fatal(err)
	}
	all, err := w.stores[1].Outbox(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 || all[0].State != core.OutboxSent {
		t.Fatalf("outbox = %+v, want the reply sent", all)
	}
	if n := deliveries(t, slow.smtpPeer)[keys["bob@example.net"]]; n != 1 {
		t.Errorf("delivered %d times, want once", n)
	}
	if uids := folderUIDs(t, p.client(t), "Sent"); len(uids) != 1 {
		t.Errorf("Sent holds %d messages, want our reply", len(uids))
	}
}
