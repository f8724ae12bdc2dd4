package demo

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
)

// imapCaps is what the demo server offers: IMAP4rev1 with the extensions
// Hearth uses (MOVE, UIDPLUS, SPECIAL-USE) and that the memory backend
// implements. IDLE is always on for IMAP4rev1 sessions.
var imapCaps = imap.CapSet{
	imap.CapIMAP4rev1:    {},
	imap.CapNamespace:    {},
	imap.CapUIDPlus:      {},
	imap.CapESearch:      {},
	imap.CapSearchRes:    {},
	imap.CapListExtended: {},
	imap.CapListStatus:   {},
	imap.CapMove:         {},
	imap.CapStatusSize:   {},
	imap.CapSpecialUse:   {},
}

// folders mirrors the mailbox list of the demo user with what the memory
// backend does not keep: special-use attributes (it ignores them on
// CREATE) and, to answer LIST without it, subscriptions.
type folders struct {
	mu     sync.Mutex
	byName map[string]*folder
}

type folder struct {
	specialUse []imap.MailboxAttr
	subscribed bool
}

func newFolders() *folders { return &folders{byName: map[string]*folder{}} }

func (f *folders) add(name string, specialUse ...imap.MailboxAttr) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.byName[strings.TrimRight(name, "/")] = &folder{specialUse: specialUse, subscribed: true}
}

func (f *folders) remove(name string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.byName, name)
}

func (f *folders) rename(from, to string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if fo, ok := f.byName[from]; ok {
		delete(f.byName, from)
		f.byName[strings.TrimRight(to, "/")] = fo
	}
}

func (f *folders) subscribe(name string, on bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if fo, ok := f.byName[name]; ok {
		fo.subscribed = on
	}
}

// list is the LIST answer for the patterns, sorted by name.
func (f *folders) list(ref string, patterns []string, opts *imap.ListOptions) []imap.ListData {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []imap.ListData
	for name, fo := range f.byName {
		if !matchesAny(name, ref, patterns) || !fo.selected(opts) {
			continue
		}
		data := imap.ListData{Mailbox: name, Delim: '/'}
		if fo.subscribed {
			data.Attrs = append(data.Attrs, imap.MailboxAttrSubscribed)
		}
		// RFC 6154 lets a server return special-use attributes on every
		// LIST; clients that did not ask for them (Dovecot does the same)
		// still find Sent and Archive.
		data.Attrs = append(data.Attrs, fo.specialUse...)
		out = append(out, data)
	}
	slices.SortFunc(out, func(a, b imap.ListData) int { return strings.Compare(a.Mailbox, b.Mailbox) })
	return out
}

func (fo *folder) selected(opts *imap.ListOptions) bool {
	if opts == nil {
		return true
	}
	if opts.SelectSubscribed && !fo.subscribed {
		return false
	}
	return !opts.SelectSpecialUse || len(fo.specialUse) > 0
}

func matchesAny(name, ref string, patterns []string) bool {
	for _, p := range patterns {
		if imapserver.MatchList(name, '/', ref, p) {
			return true
		}
	}
	return false
}

// imapPeer is the in-process IMAP server with its one user.
type imapPeer struct {
	user    *imapmemserver.User
	folders *folders
	server  *imapserver.Server
}

// newIMAPPeer creates the user and its mailboxes and fills them; it does
// not listen yet.
func newIMAPPeer(password string, seeds []seed, logger imapserver.Logger) (*imapPeer, error) {
	p := &imapPeer{user: imapmemserver.NewUser(demoUser, password), folders: newFolders()}
	for _, mb := range []struct {
		name string
		attr []imap.MailboxAttr
	}{
		{inboxBox, nil},
		{sentBox, []imap.MailboxAttr{imap.MailboxAttrSent}},
		{archiveBox, []imap.MailboxAttr{imap.MailboxAttrArchive}},
		{junkBox, []imap.MailboxAttr{imap.MailboxAttrJunk}},
	} {
		if err := p.user.Create(mb.name, &imap.CreateOptions{SpecialUse: mb.attr}); err != nil {
			return nil, fmt.Errorf("create mailbox %s: %w", mb.name, err)
		}
		p.folders.add(mb.name, mb.attr...)
	}
	for _, s := range seeds {
		if err := p.deliver(s.mailbox, s.raw, s.draft.date, s.flags); err != nil {
			return nil, err
		}
	}
	p.server = imapserver.New(&imapserver.Options{
		NewSession:   p.newSession,
		Caps:         imapCaps,
		Logger:       logger,
		InsecureAuth: true, // loopback only, as core.IMAPSettings.AllowPlain demands
	})
	return p, nil
}

// deliver appends a message; sessions in IDLE on that mailbox see it.
func (p *imapPeer) deliver(mailbox string, raw []byte, date time.Time, fl []imap.Flag) error {
	_, err := p.user.Append(mailbox, literal{bytes.NewReader(raw)}, &imap.AppendOptions{Time: date, Flags: fl})
	if err != nil {
		return fmt.Errorf("append to %s: %w", mailbox, err)
	}
	return nil
}

// literal adapts a bytes.Reader to imap.LiteralReader.
type literal struct{ *bytes.Reader }

func (l literal) Size() int64 { return l.Reader.Size() }

func (p *imapPeer) newSession(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
	return &imapSession{peer: p}, nil, nil
}

// imapSession is the memory backend's session with the demo's login and
// a LIST that knows special-use attributes.
type imapSession struct {
	*imapmemserver.UserSession // nil until Login
	peer                       *imapPeer
}

var _ imapserver.SessionIMAP4rev2 = (*imapSession)(nil)

func (s *imapSession) Login(username, password string) error {
	if err := s.peer.user.Login(username, password); err != nil {
		return err
	}
	s.UserSession = imapmemserver.NewUserSession(s.peer.user)
	return nil
}

func (s *imapSession) Close() error {
	return s.UserSession.Close() // nil-safe
}

func (s *imapSession) List(w *imapserver.ListWriter, ref string, patterns []string, opts *imap.ListOptions) error {
	if len(patterns) == 0 { // LIST "" "": the hierarchy delimiter
		return w.WriteList(&imap.ListData{Attrs: []imap.MailboxAttr{imap.MailboxAttrNoSelect}, Delim: '/'})
	}
	for _, data := range s.peer.folders.list(ref, patterns, opts) {
		if opts != nil && opts.ReturnStatus != nil {
			st, err := s.Status(data.Mailbox, opts.ReturnStatus)
			if err != nil {
				return err
			}
			data.Status = st
		}
		if err := w.WriteList(&data); err != nil {
			return err
		}
	}
	return nil
}

func (s *imapSession) Create(name string, opts *imap.CreateOptions) error {
	if err := s.UserSession.Create(name, opts); err != nil {
		return err
	}
	var attrs []imap.MailboxAttr
	if opts != nil {
		attrs = opts.SpecialUse
	}
	s.peer.folders.add(name, attrs...)
	return nil
}

func (s *imapSession) Delete(name string) error {
	if err := s.UserSession.Delete(name); err != nil {
		return err
	}
	s.peer.folders.remove(name)
	return nil
}

func (s *imapSession) Rename(from, to string, opts *imap.RenameOptions) error {
	if err := s.UserSession.Rename(from, to, opts); err != nil {
		return err
	}
	s.peer.folders.rename(from, to)
	return nil
}

func (s *imapSession) Subscribe(name string) error {
	if err := s.UserSession.Subscribe(name); err != nil {
		return err
	}
	s.peer.folders.subscribe(name, true)
	return nil
}

func (s *imapSession) Unsubscribe(name string) error {
	if err := s.UserSession.Unsubscribe(name); err != nil {
		return err
	}
	s.peer.folders.subscribe(name, false)
	return nil
}
