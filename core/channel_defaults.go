package core

import (
	"encoding/json"
)

// SettingChannelDefaults is the workspace setting that holds the channel
// defaults as JSON.
const SettingChannelDefaults = "channels.defaults"

// ChannelDefaults are the workspace's defaults for the accounts that set
// none of their own (an account's own value, written when it was added,
// wins): the follower count that makes an X author a VIP, and how far back
// the first sync of a mailbox or a VK community reaches.
type ChannelDefaults struct {
	VIPFollowers     int `json:"vip_followers"`
	MailBackfillDays int `json:"mail_backfill_days"`
	VKBackfillDays   int `json:"vk_backfill_days"`
}

// DefaultChannelDefaults are the values of a new workspace, those each
// channel's settings fall back to.
func DefaultChannelDefaults() ChannelDefaults {
	return ChannelDefaults{VIPFollowers: 10000, MailBackfillDays: 90, VKBackfillDays: 30}
}

// maxBackfillDays keeps a first sync within ten years.
const maxBackfillDays = 3650

// Validate says what is wrong with the defaults, in words.
func (d ChannelDefaults) Validate() error {
	switch {
	case d.VIPFollowers < 1:
		return Say("the VIP threshold must be at least 1 follower")
	case d.MailBackfillDays < 1 || d.MailBackfillDays > maxBackfillDays:
		return Say("the e-mail backfill must be between 1 and {{.Max}} days", "Max", maxBackfillDays)
	case d.VKBackfillDays < 1 || d.VKBackfillDays > maxBackfillDays:
		return Say("the VK backfill must be between 1 and {{.Max}} days", "Max", maxBackfillDays)
	}
	return nil
}

// Apply fills the settings an account left unset (absent or 0) with the
// defaults, keeping every other field as written. Settings that do not
// decode are returned unchanged: the channel's own parser says why.
func (d ChannelDefaults) Apply(a Account) Account {
	var key string
	var value int
	switch a.Kind {
	case KindX:
		key, value = "vip_followers", d.VIPFollowers
	case KindVK:
		key, value = "backfill_days", d.VKBackfillDays
	case KindIMAP:
		key, value = "backfill_days", d.MailBackfillDays
	default:
		return a
	}
	fields := map[string]json.RawMessage{}
	if len(a.Settings) > 0 {
		if err := json.Unmarshal(a.Settings, &fields); err != nil || fields == nil {
			return a
		}
	}
	if v, ok := fields[key]; ok && string(v) != "0" {
		return a
	}
	fields[key], _ = json.Marshal(value)
	raw, err := json.Marshal(fields)
	if err != nil {
		return a
	}
	a.Settings = raw
	return a
}
