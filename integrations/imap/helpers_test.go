package imap

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/store"
)

const (
	testUser = "alice"
	testPass = "secret"
)

// fakeSession is a sync pass's view of a real workspace (core/store): the
// store decides what is one message, a copy or a deletion, so the tests see
// what a person would. failAt makes one commit fail, as a full disk would.
type fakeSession struct {
	mu      sync.Mutex
	st      *store.Store
	acct    int64
	cursors map[string][]byte // mirrors the stored ones, for cursor()
	commits int
	failAt  int // the commit number (1-based) that fails; 0 never
	done    int
	total   int
}

func newFakeSession(t testing.TB) *fakeSession {
	t.Helper()
	ws := coretest.Open(t, time.Now)
	a := ws.AddAccount(t, core.Account{Kind: core.KindIMAP, Name: "mail"})
	return &fakeSession{st: ws.Store, acct: a.ID, cursors: map[string][]byte{}}
}

func (s *fakeSession) Cursor(ctx context.Context, key string) ([]byte, error) {
	return s.st.Cursor(ctx, s.acct, key)
}

func (s *fakeSession) Commit(ctx context.Context, b core.Batch) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.commits++
	if s.commits == s.failAt {
		return fmt.Errorf("disk full (commit %d)", s.commits)
	}
	if _, err := s.st.ApplyBatch(ctx, s.acct, b); err != nil {
		return err
	}
	for k, v := range b.Cursors {
		s.cursors[k] = v
	}
	return nil
}

func (s *fakeSession) Known(ctx context.Context, ids []string) (map[string]bool, error) {
	return s.st.Known(ctx, s.acct, ids)
}

func (s *fakeSession) Progress(done, total int) {
	s.mu.Lock()
	s.done, s.total = done, total
	s.mu.Unlock()
}

// all is every stored item by remote id, deleted ones included.
func (s *fakeSession) all(t testing.TB) map[string]core.Item {
	t.Helper()
	out := map[string]core.Item{}
	f := core.ItemFilter{AccountID: s.acct, States: core.States, Limit: 500}
	for {
		page, err := s.st.Items(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range page {
			out[it.RemoteID] = it
		}
		if len(page) < f.Limit {
			return out
		}
		last := page[len(page)-1]
		f.Before, f.BeforeID = last.CreatedAt, last.ID
	}
}

func (s *fakeSession) item(t testing.TB, id string) core.Item {
	t.Helper()
	it, err := s.st.ItemByRemoteID(context.Background(), s.acct, id)
	if err != nil {
		t.Fatalf("item %q not stored: %v; have %d items", id, err, s.count(t))
	}
	return it
}

// count is how many messages the inbox holds, deleted ones included.
func (s *fakeSession) count(t testing.TB) int {
	t.Helper()
	return len(s.all(t))
}

// checkClean fails the test on a message shown twice: two items of one
// Message-Id that say the same thing.
func (s *fakeSession) checkClean(t testing.TB) {
	t.Helper()
	seen := map[string]string{}
	for id, it := range s.all(t) {
		it, err := s.st.Item(context.Background(), it.ID) // with its text
		if err != nil {
			t.Fatal(err)
		}
		if len(it.Problems) > 0 {
			continue // compared by raw body: the text shown may be incomplete
		}
		key := strings.Join([]string{core.SharedID(id), it.Author.String(), it.CreatedAt.String(), it.Subject,
			it.Text, fmt.Sprint(it.Attachments)}, "\x00")
		if other, dup := seen[key]; dup {
			t.Errorf("one message stored twice: %q and %q", other, id)
		}
		seen[key] = id
	}
}

func (s *fakeSession) cursor(t testing.TB, folder string) folderCursor {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	var cur folderCursor
	if err := json.Unmarshal(s.cursors[cursorKey(folder)], &cur); err != nil {
		t.Fatalf("cursor of %q: %v", folder, err)
	}
	return cur
}

// secrets serves one password for every account.
type secrets string

func (p secrets) Get(context.Context, int64, string) (string, error) {
	if p == "" {
		return "", core.ErrNotFound
	}
	return string(p), nil
}

// peer is a loopback IMAP server (go-imap's in-memory one) and an SMTP
// server that records what it is given.
type peer struct {
	user     *imapmemserver.User
	imapAddr string
	smtp     *smtpPeer
	cert     *x509.CertPool // trusts the TLS listener's certificate
}

type peerOptions struct {
	caps     []imap.Cap // beyond IMAP4rev1; nil: UIDPLUS, MOVE
	tls      bool       // serve implicit TLS on the IMAP port
	startTLS bool       // offer STARTTLS
	hide     string     // a regexp of server output hidden from the client
	smtpMax  int64      // the largest message the SMTP peer takes; 0: its default
}

func startPeer(t testing.TB, o peerOptions) *peer {
	t.Helper()
	mem := imapmemserver.New()
	user := imapmemserver.NewUser(testUser, testPass)
	for _, name := range []string{"INBOX", "Archive", "Sent"} {
		if err := user.Create(name, nil); err != nil {
			t.Fatal(err)
		}
	}
	mem.AddUser(user)
	caps := imap.CapSet{imap.CapIMAP4rev1: {}}
	if o.caps == nil {
		o.caps = []imap.Cap{imap.CapUIDPlus, imap.CapMove}
	}
	for _, c := range o.caps {
		caps[c] = struct{}{}
	}
	cert, pool := selfSigned(t)
	opts := &imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:         caps,
		InsecureAuth: true,
		Logger:       quietLogger{},
	}
	if o.startTLS {
		opts.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
	}
	var ln net.Listener = listen(t)
	if o.tls {
		ln = tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{cert}})
	}
	if o.hide != "" {
		ln = filterListener{Listener: ln, hide: regexp.MustCompile(o.hide)}
	}
	srv := imapserver.New(opts)
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return &peer{user: user, imapAddr: ln.Addr().String(), smtp: startSMTP(t, o.smtpMax), cert: pool}
}

func listen(t testing.TB) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return ln
}

type quietLogger struct{}

func (quietLogger) Printf(string, ...any) {}
func (quietLogger) Println(...any)        {}

// settings returns plain loopback settings for the peer; edit adjusts them.
func (p *peer) settings(edit func(*core.IMAPSettings)) json.RawMessage {
	host, port := splitAddr(p.imapAddr)
	shost, sport := splitAddr(p.smtp.addr)
	s := core.IMAPSettings{
		Host: host, Port: port, TLS: core.TLSNone, User: testUser,
		From: "alice@example.org", FromName: "Alice Example",
		SMTPHost: shost, SMTPPort: sport, SMTPTLS: core.TLSNone,
		AllowPlain: true, BackfillDays: -1,
	}
	if edit != nil {
		edit(&s)
	}
	raw, _ := json.Marshal(s)
	return raw
}

// open opens a Conn on the peer with the right password.
func (p *peer) open(t testing.TB, edit func(*core.IMAPSettings)) *Conn {
	t.Helper()
	return openConn(t, p.settings(edit), testPass, p.cert)
}

func openConn(t testing.TB, settings json.RawMessage, password string, roots *x509.CertPool) *Conn {
	t.Helper()
	d := &driver{tlsConfig: &tls.Config{RootCAs: roots}}
	c, err := d.Open(context.Background(), core.Account{ID: 7, Name: "test", Kind: core.KindIMAP, Settings: settings}, secrets(password))
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c.(*Conn)
}

func splitAddr(addr string) (string, int) {
	host, port, _ := net.SplitHostPort(addr)
	var n int
	fmt.Sscan(port, &n)
	return host, n
}

// client is a second IMAP client, "another mail program", for the tests to
// act on the mailbox.
func (p *peer) client(t testing.TB) *imapclient.Client {
	t.Helper()
	return dialClient(t, p.imapAddr, testUser, testPass)
}

func dialClient(t testing.TB, addr, user, pass string) *imapclient.Client {
	t.Helper()
	cl, err := imapclient.DialInsecure(addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := cl.Login(user, pass).Wait(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cl.Close() })
	return cl
}

// appendMsg appends raw to folder with an internal date and flags; it
// returns the new UID.
func appendMsg(t testing.TB, cl *imapclient.Client, folder string, raw []byte, date time.Time, flags ...imap.Flag) imap.UID {
	t.Helper()
	cmd := cl.Append(folder, int64(len(raw)), &imap.AppendOptions{Time: date, Flags: flags})
	if _, err := cmd.Write(raw); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := cmd.Wait()
	if err != nil {
		t.Fatal(err)
	}
	return data.UID
}

// message renders a small RFC 5322 message; id "" leaves out Message-Id.
func message(id, subject string, date time.Time, body string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "From: Bob Sender <bob@example.net>\r\nTo: alice@example.org\r\n")
	fmt.Fprintf(&b, "Subject: %s\r\nDate: %s\r\n", subject, date.Format(time.RFC1123Z))
	if id != "" {
		fmt.Fprintf(&b, "Message-Id: <%s>\r\n", id)
	}
	fmt.Fprintf(&b, "Content-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n", body)
	return b.Bytes()
}

// serverSeen reads the \Seen flag of uid in folder as another client.
func serverSeen(t testing.TB, cl *imapclient.Client, folder string, uid imap.UID) bool {
	t.Helper()
	if _, err := cl.Select(folder, nil).Wait(); err != nil {
		t.Fatal(err)
	}
	msgs, err := cl.Fetch(imap.UIDSetNum(uid), &imap.FetchOptions{UID: true, Flags: true}).Collect()
	if err != nil || len(msgs) != 1 {
		t.Fatalf("fetch %s/%d: %v (%d messages)", folder, uid, err, len(msgs))
	}
	return hasSeen(msgs[0].Flags)
}

func setServerSeen(t testing.TB, cl *imapclient.Client, folder string, uid imap.UID, seen bool) {
	t.Helper()
	if _, err := cl.Select(folder, nil).Wait(); err != nil {
		t.Fatal(err)
	}
	op := imap.StoreFlagsAdd
	if !seen {
		op = imap.StoreFlagsDel
	}
	if err := cl.Store(imap.UIDSetNum(uid), &imap.StoreFlags{Op: op, Silent: true, Flags: []imap.Flag{imap.FlagSeen}}, nil).Close(); err != nil {
		t.Fatal(err)
	}
}

// folderUIDs lists the UIDs in folder as another client.
func folderUIDs(t testing.TB, cl *imapclient.Client, folder string) []imap.UID {
	t.Helper()
	if _, err := cl.Select(folder, nil).Wait(); err != nil {
		t.Fatal(err)
	}
	data, err := cl.UIDSearch(&imap.SearchCriteria{}, nil).Wait()
	if err != nil {
		t.Fatal(err)
	}
	return data.AllUIDs()
}

func mustSync(t testing.TB, c *Conn, s *fakeSession) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := c.Sync(ctx, s); err != nil {
		t.Fatalf("sync: %v", err)
	}
	s.checkClean(t)
}

func wantProblem(t testing.TB, err error, want core.Problem) *core.RemoteError {
	t.Helper()
	re := core.AsRemote(err)
	if re == nil {
		t.Fatalf("error %v (%T) is not a RemoteError", err, err)
	}
	if re.Problem != want {
		t.Fatalf("problem = %s (%q), want %s", re.Problem, re.Message, want)
	}
	if re.Message == "" || re.Action == "" {
		t.Errorf("remote error lacks a message or an action: %+v", re)
	}
	return re
}

// selfSigned makes a certificate for 127.0.0.1 and a pool trusting it.
func selfSigned(t testing.TB) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "hearth test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA: true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}

// filterListener hides parts of the server's answers (a capability, a
// response code), to play a server that lacks them.
type filterListener struct {
	net.Listener
	hide *regexp.Regexp
}

func (l filterListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return filterConn{Conn: c, hide: l.hide}, nil
}

type filterConn struct {
	net.Conn
	hide *regexp.Regexp
}

func (c filterConn) Write(b []byte) (int, error) {
	if _, err := c.Conn.Write(c.hide.ReplaceAll(b, nil)); err != nil {
		return 0, err
	}
	return len(b), nil
}

// smtpPeer is an SMTP server that keeps every message it accepts.
type smtpPeer struct {
	addr string
	mu   sync.Mutex
	msgs []smtpMsg
}

type smtpMsg struct {
	from string
	to   []string
	data []byte
}

// startSMTP starts the SMTP peer; maxBytes, when given, is the largest
// message it takes (announced as SIZE).
func startSMTP(t testing.TB, maxBytes ...int64) *smtpPeer {
	t.Helper()
	p := &smtpPeer{}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &smtpSession{peer: p, conn: c}, nil
	}))
	srv.AllowInsecureAuth = true
	srv.Domain = "localhost"
	srv.ErrorLog = quietLogger{}
	if len(maxBytes) > 0 && maxBytes[0] > 0 {
		srv.MaxMessageBytes = maxBytes[0]
	}
	ln := listen(t)
	p.addr = ln.Addr().String()
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return p
}

func (p *smtpPeer) messages() []smtpMsg {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]smtpMsg(nil), p.msgs...)
}

type smtpSession struct {
	peer   *smtpPeer
	conn   *smtp.Conn
	authed bool
	msg    smtpMsg
}

func (s *smtpSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *smtpSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != testUser || pass != testPass {
			return smtp.ErrAuthFailed
		}
		s.authed = true
		return nil
	}), nil
}

func (s *smtpSession) Mail(from string, _ *smtp.MailOptions) error {
	if !s.authed {
		return smtp.ErrAuthRequired
	}
	s.msg = smtpMsg{from: from}
	return nil
}

// Rcpt refuses two magic local parts, to play permanent and temporary
// refusals.
func (s *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	switch {
	case strings.HasPrefix(to, "nobody@"):
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
	case strings.HasPrefix(to, "busy@"):
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
	}
	s.msg.to = append(s.msg.to, to)
	return nil
}

func (s *smtpSession) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.msg.data = data
	s.peer.mu.Lock()
	s.peer.msgs = append(s.peer.msgs, s.msg)
	s.peer.mu.Unlock()
	if slices.ContainsFunc(s.msg.to, func(to string) bool { return strings.HasPrefix(to, "vanish@") }) {
		// The message is taken, but the answer never comes back.
		s.conn.Conn().Close()
	}
	return nil
}

func (s *smtpSession) Reset()        { s.msg = smtpMsg{} }
func (s *smtpSession) Logout() error { return nil }
