package core

import (
	"encoding/json"
	"testing"
)

// The workspace's defaults fill what an account left unset and nothing
// else: an account's own value wins, other fields are kept as written.
func TestChannelDefaultsApply(t *testing.T) {
	d := ChannelDefaults{VIPFollowers: 500, MailBackfillDays: 14, VKBackfillDays: 7}
	tests := []struct {
		kind AccountKind
		raw  string
		key  string
		want float64
	}{
		{KindX, `{"handle":"club"}`, "vip_followers", 500},
		{KindX, `{"handle":"club","vip_followers":0}`, "vip_followers", 500},
		{KindX, `{"vip_followers":20000}`, "vip_followers", 20000},
		{KindVK, `{"group_id":1}`, "backfill_days", 7},
		{KindVK, `{"group_id":1,"backfill_days":-1}`, "backfill_days", -1},
		{KindIMAP, ``, "backfill_days", 14},
		{KindIMAP, `{"host":"imap.example.org","backfill_days":365}`, "backfill_days", 365},
	}
	for _, tt := range tests {
		got := d.Apply(Account{Kind: tt.kind, Settings: json.RawMessage(tt.raw)})
		var m map[string]any
		if err := json.Unmarshal(got.Settings, &m); err != nil {
			t.Fatalf("%s %s: %v", tt.kind, tt.raw, err)
		}
		if m[tt.key] != tt.want {
			t.Errorf("%s %s: %s = %v, want %v", tt.kind, tt.raw, tt.key, m[tt.key], tt.want)
		}
		if tt.raw != "" && len(m) < 1 {
			t.Errorf("%s %s: fields lost: %s", tt.kind, tt.raw, got.Settings)
		}
	}
	feed := Account{Kind: KindFeed, Settings: json.RawMessage(`{"url":"https://a.example/rss"}`)}
	if got := d.Apply(feed); string(got.Settings) != string(feed.Settings) {
		t.Errorf("a feed's settings changed: %s", got.Settings)
	}
	if s, err := ParseXSettings(d.Apply(Account{Kind: KindX}).Settings); err != nil || s.VIPFollowers != 500 {
		t.Errorf("the X settings read %d (%v); want the workspace's 500", s.VIPFollowers, err)
	}
}
