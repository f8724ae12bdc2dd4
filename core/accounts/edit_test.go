package accounts_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/accounts"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/core/store"
)

// keyring holds secrets by account id, as the real ones do; failSet makes
// every Set fail.
type keyring struct {
	m       map[string]string
	failSet error
}

func newKeyring() *keyring { return &keyring{m: map[string]string{}} }

func key(id int64, name string) string { return fmt.Sprintf("%d/%s", id, name) }

func (k *keyring) Get(_ context.Context, id int64, name string) (string, error) {
	v, ok := k.m[key(id, name)]
	if !ok {
		return "", fmt.Errorf("secret %s: %w", name, core.ErrNotFound)
	}
	return v, nil
}

func (k *keyring) Set(_ context.Context, id int64, name, v string) error {
	if k.failSet != nil {
		return k.failSet
	}
	k.m[key(id, name)] = v
	return nil
}

func (k *keyring) DeleteAccount(_ context.Context, id int64, names ...string) error {
	for _, n := range names {
		delete(k.m, key(id, n))
	}
	return nil
}

// testDriver answers connection tests and notes the secrets each was given.
type testDriver struct {
	kind core.AccountKind
	seen *[]map[string]string
}

func (d testDriver) Kind() core.AccountKind { return d.kind }

func (d testDriver) Open(_ context.Context, a core.Account, sec engine.Secrets) (engine.Conn, error) {
	return testConn{a: a, sec: sec, seen: d.seen}, nil
}

type testConn struct {
	a    core.Account
	sec  engine.Secrets
	seen *[]map[string]string
}

func (c testConn) Test(ctx context.Context) error {
	got := map[string]string{}
	for _, n := range accounts.SecretNames[c.a.Kind] {
		v, err := c.sec.Get(ctx, c.a.ID, n)
		if err != nil {
			return err
		}
		got[n] = v
	}
	*c.seen = append(*c.seen, got)
	return nil
}
func (testConn) Sync(context.Context, engine.Session) error { return nil }
func (testConn) Close() error                               { return nil }

// drivingEngine is fakeEngine with drivers for connection tests.
type drivingEngine struct {
	fakeEngine
	seen []map[string]string
}

func (e *drivingEngine) Driver(k core.AccountKind) (engine.Driver, bool) {
	return testDriver{kind: k, seen: &e.seen}, true
}

type editEnv struct {
	st  *store.Store
	sec *keyring
	eng *drivingEngine
	svc *accounts.Service
}

func newEditEnv(t *testing.T) *editEnv {
	t.Helper()
	st, err := store.Open(context.Background(), coretest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e := &editEnv{st: st, sec: newKeyring(), eng: &drivingEngine{fakeEngine: fakeEngine{running: map[int64]json.RawMessage{}}}}
	e.svc = accounts.New(st, e.sec, e.eng)
	return e
}

// synced stores an item and a cursor for the account, as a pass would.
func (e *editEnv) synced(t *testing.T, id int64, remoteID, cursorKey string) {
	t.Helper()
	_, err := e.st.ApplyBatch(context.Background(), id, core.Batch{
		Items:   []core.Item{{Kind: core.ItemEmail, RemoteID: remoteID, Author: core.Person{Name: "Ann", Address: "ann@example.org"}, Text: "hello"}},
		Cursors: map[string][]byte{cursorKey: []byte(`{"n":1}`)},
	})
	if err != nil {
		t.Fatal(err)
	}
}

func (e *editEnv) hasCursor(t *testing.T, id int64, k string) bool {
	t.Helper()
	_, err := e.st.Cursor(context.Background(), id, k)
	if err != nil && !errors.Is(err, core.ErrNotFound) {
		t.Fatal(err)
	}
	return err == nil
}

func imapSet(host string) core.IMAPSettings {
	return core.IMAPSettings{Host: host, User: "team@example.org", Folders: []string{"INBOX"}}
}

// An empty password keeps the stored one, a typed one replaces it, and a
// renamed account still finds it; the running sync restarts with the new
// settings and, for mail, keeps its cursors (the integration notices
// another server by itself).
func TestUpdateIMAPKeepsOrReplacesThePassword(t *testing.T) {
	ctx := context.Background()
	e := newEditEnv(t)
	a, err := e.svc.AddIMAP(ctx, "Work", imapSet("imap.example.org"), "old-pw")
	if err != nil {
		t.Fatal(err)
	}
	e.synced(t, a.ID, "<1@example.org>", "folder:INBOX")

	set := imapSet("mail.example.net")
	set.Folders = []string{"INBOX", "Support"}
	set.FromName, set.ArchiveOnDone = "Hearth team", true
	got, err := e.svc.UpdateIMAP(ctx, a.ID, " Team mail ", set, "")
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != a.ID || got.Name != "Team mail" {
		t.Errorf("edited account %d %q, want %d renamed to Team mail", got.ID, got.Name, a.ID)
	}
	stored, _ := core.ParseIMAPSettings(got.Settings)
	if stored.Host != "mail.example.net" || stored.FromName != "Hearth team" || !stored.ArchiveOnDone || len(stored.Folders) != 2 {
		t.Errorf("stored settings %+v", stored)
	}
	if pw, _ := e.sec.Get(ctx, a.ID, "password"); pw != "old-pw" {
		t.Errorf("after an edit with no password the keyring holds %q, want the old one", pw)
	}
	if run, _ := core.ParseIMAPSettings(e.eng.running[a.ID]); run.Host != "mail.example.net" {
		t.Errorf("the running sync uses %q, want it restarted on the new host", run.Host)
	}
	if !e.hasCursor(t, a.ID, "folder:INBOX") {
		t.Error("the mail cursor was dropped: the integration decides a rescan by itself")
	}
	if !strings.Contains(got.Resync, "Another server") || !strings.Contains(got.Resync, "Support") {
		t.Errorf("resync note %q, want it to say the server changed and Support is new", got.Resync)
	}
	if _, err := e.svc.UpdateIMAP(ctx, a.ID, "Team mail", set, "new-pw"); err != nil {
		t.Fatal(err)
	}
	if pw, _ := e.sec.Get(ctx, a.ID, "password"); pw != "new-pw" {
		t.Errorf("after typing a new password the keyring holds %q", pw)
	}
	if _, err := e.st.ItemByRemoteID(ctx, a.ID, "<1@example.org>"); err != nil {
		t.Errorf("the account's mail is gone after the edit: %v", err)
	}
}

// A bad edit changes nothing: not the name, the settings, the secret, the
// cursors, nor the running sync.
func TestUpdateRefusedChangesNothing(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name string
		edit func(e *editEnv, id int64) error
		want string
	}{
		{"no host", func(e *editEnv, id int64) error {
			_, err := e.svc.UpdateIMAP(ctx, id, "Work", imapSet(""), "new-pw")
			return err
		}, "host is missing"},
		{"no name", func(e *editEnv, id int64) error {
			_, err := e.svc.UpdateIMAP(ctx, id, "  ", imapSet("other.example.org"), "new-pw")
			return err
		}, "needs a name"},
		{"name taken", func(e *editEnv, id int64) error {
			_, err := e.svc.UpdateIMAP(ctx, id, "Club", imapSet("other.example.org"), "new-pw")
			return err
		}, `named "Club" already exists`},
		{"another kind", func(e *editEnv, id int64) error {
			_, err := e.svc.UpdateVK(ctx, id, "Work", core.VKSettings{GroupID: 1}, "tok")
			return err
		}, "not vk"},
		{"keyring refuses", func(e *editEnv, id int64) error {
			e.sec.failSet = errors.New("keyring locked")
			defer func() { e.sec.failSet = nil }()
			_, err := e.svc.UpdateIMAP(ctx, id, "Renamed", imapSet("other.example.org"), "new-pw")
			return err
		}, "keyring locked"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEditEnv(t)
			a, err := e.svc.AddIMAP(ctx, "Work", imapSet("imap.example.org"), "old-pw")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := e.svc.AddVK(ctx, "Club", core.VKSettings{GroupID: 7}, "vk-tok"); err != nil {
				t.Fatal(err)
			}
			e.synced(t, a.ID, "<1@example.org>", "folder:INBOX")
			err = c.edit(e, a.ID)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one saying %q", err, c.want)
			}
			got, err := e.svc.Find(ctx, "Work")
			if err != nil {
				t.Fatalf("the account is no longer named Work: %v", err)
			}
			if s, _ := core.ParseIMAPSettings(got.Settings); s.Host != "imap.example.org" {
				t.Errorf("host %q after a refused edit", s.Host)
			}
			if pw, _ := e.sec.Get(ctx, a.ID, "password"); pw != "old-pw" {
				t.Errorf("password %q after a refused edit", pw)
			}
			if !e.hasCursor(t, a.ID, "folder:INBOX") {
				t.Error("the cursor is gone after a refused edit")
			}
			if run, _ := core.ParseIMAPSettings(e.eng.running[a.ID]); run.Host != "imap.example.org" {
				t.Errorf("the sync runs with %q after a refused edit, want the old settings", run.Host)
			}
		})
	}
}

// Another community reads its wall afresh: the cursors go, the items of
// the old one stay. Another API address keeps the cursors.
func TestUpdateVKAnotherCommunityStartsAfresh(t *testing.T) {
	ctx := context.Background()
	e := newEditEnv(t)
	a, err := e.svc.AddVK(ctx, "Club", core.VKSettings{GroupID: 7}, "vk-tok")
	if err != nil {
		t.Fatal(err)
	}
	e.synced(t, a.ID, "post:-7_1", "wall")
	got, err := e.svc.UpdateVK(ctx, a.ID, "Club", core.VKSettings{GroupID: 7, APIURL: "http://127.0.0.1:9/method/"}, "")
	if err != nil || got.Resync != "" || !e.hasCursor(t, a.ID, "wall") {
		t.Fatalf("a new API address: %v, resync %q; want the cursor kept and nothing to say", err, got.Resync)
	}
	got, err = e.svc.UpdateVK(ctx, a.ID, "Club", core.VKSettings{GroupID: 8}, "")
	if err != nil {
		t.Fatal(err)
	}
	if e.hasCursor(t, a.ID, "wall") {
		t.Error("another community kept the old one's wall cursor")
	}
	if !strings.Contains(got.Resync, "Another community") || !strings.Contains(got.Resync, "community 7") {
		t.Errorf("resync note %q", got.Resync)
	}
	if _, err := e.st.ItemByRemoteID(ctx, a.ID, "post:-7_1"); err != nil {
		t.Errorf("the old community's post is gone: %v", err)
	}
	if tok, _ := e.sec.Get(ctx, a.ID, "token"); tok != "vk-tok" {
		t.Errorf("token %q, want the stored one kept", tok)
	}
}

// Keys left empty are kept, typed ones replace theirs; another handle
// forgets the user id found with the old keys.
func TestUpdateXReplacesOnlyTheKeysTyped(t *testing.T) {
	ctx := context.Background()
	e := newEditEnv(t)
	keys := core.XKeys{ConsumerKey: "ck", ConsumerSecret: "cs", AccessToken: "at", AccessSecret: "as"}
	a, err := e.svc.AddX(ctx, "X", core.XSettings{Handle: "hearth", UserID: "42"}, keys)
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.svc.UpdateX(ctx, a.ID, "X", core.XSettings{Handle: "@hearth", UserID: "42", VIPFollowers: 500},
		core.XKeys{AccessToken: " at2 ", AccessSecret: "as2"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"consumer_key": "ck", "consumer_secret": "cs", "access_token": "at2", "access_secret": "as2"}
	for n, v := range want {
		if have, _ := e.sec.Get(ctx, a.ID, n); have != v {
			t.Errorf("%s = %q, want %q", n, have, v)
		}
	}
	s, _ := core.ParseXSettings(got.Settings)
	if s.VIPFollowers != 500 || s.UserID != "" || got.Resync == "" {
		t.Errorf("settings %+v, resync %q; want VIP 500, the user id found again with the new keys", s, got.Resync)
	}
	got, err = e.svc.UpdateX(ctx, a.ID, "X", core.XSettings{Handle: "hearth", UserID: "42"}, core.XKeys{})
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := core.ParseXSettings(got.Settings); s.UserID != "42" || got.Resync != "" {
		t.Errorf("same handle, no keys: settings %s, resync %q; want the id given kept and nothing to redo", got.Settings, got.Resync)
	}
}

// New keywords read the feed afresh, so entries they now let in arrive.
func TestUpdateFeedKeywordsReadAfresh(t *testing.T) {
	ctx := context.Background()
	e := newEditEnv(t)
	a, err := e.svc.AddFeed(ctx, "Forum", core.FeedSettings{URL: "https://forum.example.org/rss"})
	if err != nil {
		t.Fatal(err)
	}
	e.synced(t, a.ID, "entry-1", "feed")
	got, err := e.svc.UpdateFeed(ctx, a.ID, "Forum", core.FeedSettings{URL: "https://forum.example.org/rss", Keywords: []string{"hearth"}})
	if err != nil {
		t.Fatal(err)
	}
	if e.hasCursor(t, a.ID, "feed") || !strings.Contains(got.Resync, "keywords") {
		t.Errorf("resync %q; want the cursor dropped and the keywords named", got.Resync)
	}
}

// A connection test of an edit logs in with what was typed, and with the
// stored secrets for what was left empty.
func TestTestEditUsesTheStoredSecretsForEmptyFields(t *testing.T) {
	ctx := context.Background()
	e := newEditEnv(t)
	keys := core.XKeys{ConsumerKey: "ck", ConsumerSecret: "cs", AccessToken: "at", AccessSecret: "as"}
	a, err := e.svc.AddX(ctx, "X", core.XSettings{Handle: "hearth"}, keys)
	if err != nil {
		t.Fatal(err)
	}
	m, err := e.svc.AddIMAP(ctx, "Work", imapSet("imap.example.org"), "old-pw")
	if err != nil {
		t.Fatal(err)
	}
	if err := e.svc.TestXEdit(ctx, a.ID, core.XSettings{Handle: "hearth"}, core.XKeys{ConsumerSecret: "cs2"}); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.TestIMAPEdit(ctx, m.ID, imapSet("imap.example.org"), ""); err != nil {
		t.Fatal(err)
	}
	if len(e.eng.seen) != 2 || e.eng.seen[0]["consumer_secret"] != "cs2" || e.eng.seen[0]["access_token"] != "at" ||
		e.eng.seen[1]["password"] != "old-pw" {
		t.Errorf("tests logged in with %v", e.eng.seen)
	}
	if pw, _ := e.sec.Get(ctx, a.ID, "consumer_secret"); pw != "cs" {
		t.Errorf("a test saved the key it tried: %q", pw)
	}
}
