package accounts_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/accounts"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/core/store"
)

type memSecrets map[string]string

func (m memSecrets) Get(_ context.Context, id int64, name string) (string, error) {
	return m[name], nil
}
func (m memSecrets) Set(_ context.Context, id int64, name, v string) error { m[name] = v; return nil }
func (m memSecrets) DeleteAccount(context.Context, int64, ...string) error { return nil }

// fakeEngine records which workers run with which settings.
type fakeEngine struct{ running map[int64]json.RawMessage }

func (e *fakeEngine) AddAccount(a core.Account)                     { e.running[a.ID] = a.Settings }
func (e *fakeEngine) RemoveAccount(id int64)                        { delete(e.running, id) }
func (e *fakeEngine) Trigger(int64)                                 {}
func (e *fakeEngine) Driver(core.AccountKind) (engine.Driver, bool) { return nil, false }
func (e *fakeEngine) LiveStatus(int64) (core.AccountStatus, bool)   { return core.AccountStatus{}, false }

// A kept demo workspace finds its peers on new ports: the account is
// repointed, keeps its id and items, and its sync restarts on the new port.
func TestRepointKeepsTheAccountAndRestartsItsSync(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, coretest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sec, eng := memSecrets{}, &fakeEngine{running: map[int64]json.RawMessage{}}
	svc := accounts.New(st, sec, eng)
	a, err := svc.AddVK(ctx, "club", core.VKSettings{GroupID: 7, APIURL: "http://127.0.0.1:1000/method/"}, "old")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ApplyBatch(ctx, a.ID, core.Batch{Items: []core.Item{{Kind: core.ItemVKPost, RemoteID: "post:-7_1",
		Author: core.Person{Name: "club", Address: "-7"}, Text: "hello"}}}); err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(core.VKSettings{GroupID: 7, APIURL: "http://127.0.0.1:2000/method/"})
	if err := svc.Repoint(ctx, a.ID, raw, map[string]string{"token": "new"}); err != nil {
		t.Fatal(err)
	}
	got, err := svc.Find(ctx, "club")
	if err != nil || got.ID != a.ID {
		t.Fatalf("after repoint: %+v, %v; want the same account", got, err)
	}
	set, _ := core.ParseVKSettings(got.Settings)
	if set.APIURL != "http://127.0.0.1:2000/method/" || sec["token"] != "new" {
		t.Errorf("settings %s, token %q; want the new port and token", set.APIURL, sec["token"])
	}
	if s, _ := core.ParseVKSettings(eng.running[a.ID]); s.APIURL != set.APIURL {
		t.Errorf("the running sync uses %q, want it restarted on the new port", s.APIURL)
	}
	if _, err := st.ItemByRemoteID(ctx, a.ID, "post:-7_1"); err != nil {
		t.Errorf("the account's items are gone: %v", err)
	}
}
