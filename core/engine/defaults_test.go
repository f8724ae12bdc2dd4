package engine_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/core/store"
)

// An account that sets no backfill of its own opens with the workspace's
// default of the moment: a change in the settings applies at the next
// connection; an account's own value is never replaced.
func TestConnectionsReadTheWorkspaceDefaults(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, coretest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	plain, _ := st.CreateAccount(ctx, core.Account{Kind: core.KindVK, Name: "club", Settings: json.RawMessage(`{"group_id":7}`)})
	own, _ := st.CreateAccount(ctx, core.Account{Kind: core.KindVK, Name: "own", Settings: json.RawMessage(`{"group_id":8,"backfill_days":365}`)})
	d := &settingsDriver{}
	e := engine.New(engine.Params{Store: st, Drivers: []engine.Driver{d}})
	open := func(id int64) string {
		t.Helper()
		c, err := e.Open(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		c.Close()
		return d.last()
	}
	if got := open(plain); got != `{"backfill_days":30,"group_id":7}` {
		t.Errorf("before any setting: %s; want VK's 30 days", got)
	}
	set, _ := json.Marshal(core.ChannelDefaults{VIPFollowers: 10000, MailBackfillDays: 90, VKBackfillDays: 7})
	if err := st.SetSetting(ctx, core.SettingChannelDefaults, string(set)); err != nil {
		t.Fatal(err)
	}
	if got := open(plain); got != `{"backfill_days":7,"group_id":7}` {
		t.Errorf("after setting 7 days: %s", got)
	}
	if got := open(own); got != `{"group_id":8,"backfill_days":365}` {
		t.Errorf("an account with its own backfill: %s", got)
	}
}
