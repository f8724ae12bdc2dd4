package accounts

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/hearthhq/hearth/core"
)

// UpdateIMAP gives an e-mail account a new name and settings and, when
// password is not empty, a new password; its sync restarts with them.
// Callers offer TestIMAPEdit first.
func (s *Service) UpdateIMAP(ctx context.Context, id int64, name string, set core.IMAPSettings, password string) (Edited, error) {
	raw, err := imapRaw(set)
	if err != nil {
		return Edited{}, err
	}
	return s.update(ctx, id, edit{kind: core.KindIMAP, name: name, settings: raw,
		secrets: map[string]string{"password": password}, resync: imapResync(raw)})
}

// TestIMAPEdit tries an e-mail account's new settings, with the stored
// password when password is empty.
func (s *Service) TestIMAPEdit(ctx context.Context, id int64, set core.IMAPSettings, password string) error {
	raw, err := imapRaw(set)
	if err != nil {
		return err
	}
	return s.testEdit(ctx, id, core.Account{Kind: core.KindIMAP, Name: "test", Settings: raw},
		map[string]string{"password": password})
}

func imapRaw(set core.IMAPSettings) (json.RawMessage, error) {
	raw, err := json.Marshal(set)
	if err != nil {
		return nil, fmt.Errorf("accounts: %w", err)
	}
	if _, err := core.ParseIMAPSettings(raw); err != nil {
		return nil, err
	}
	return raw, nil
}

// imapResync keeps the folder cursors even when the server changes: the
// integration notices another server (and UIDVALIDITY) by itself and reads
// each folder again, relocating the messages it already holds by
// Message-ID rather than doubling them.
func imapResync(raw json.RawMessage) func(json.RawMessage) (bool, string) {
	return func(oldRaw json.RawMessage) (bool, string) {
		set, _ := core.ParseIMAPSettings(raw)
		old, _ := core.ParseIMAPSettings(oldRaw) // defaults even when invalid
		var why []string
		if !strings.EqualFold(set.Host, old.Host) || set.Port != old.Port || set.User != old.User {
			why = append(why, "another server, port or user: every folder is read again, and messages already in Hearth are recognised by their Message-ID, never doubled")
		}
		var added []string
		for _, f := range set.Folders {
			if !slices.Contains(old.Folders, f) {
				added = append(added, f)
			}
		}
		if len(added) > 0 {
			why = append(why, fmt.Sprintf("new folders (%s) are read from %s", strings.Join(added, ", "), backfillWords(set.BackfillDays)))
		}
		return false, sentence(why)
	}
}

// UpdateVK gives a VK community account a new name and settings and, when
// token is not empty, a new token. Another community starts its sync
// afresh; the old one's items stay.
func (s *Service) UpdateVK(ctx context.Context, id int64, name string, set core.VKSettings, token string) (Edited, error) {
	raw, err := vkRaw(set)
	if err != nil {
		return Edited{}, err
	}
	return s.update(ctx, id, edit{kind: core.KindVK, name: name, settings: raw,
		secrets: map[string]string{"token": strings.TrimSpace(token)}, resync: vkResync(raw)})
}

// TestVKEdit tries a VK account's new settings, with the stored token when
// token is empty.
func (s *Service) TestVKEdit(ctx context.Context, id int64, set core.VKSettings, token string) error {
	raw, err := vkRaw(set)
	if err != nil {
		return err
	}
	return s.testEdit(ctx, id, core.Account{Kind: core.KindVK, Name: "test", Settings: raw},
		map[string]string{"token": strings.TrimSpace(token)})
}

func vkRaw(set core.VKSettings) (json.RawMessage, error) {
	raw, err := json.Marshal(set)
	if err != nil {
		return nil, fmt.Errorf("accounts: %w", err)
	}
	if _, err := core.ParseVKSettings(raw); err != nil {
		return nil, err
	}
	return raw, nil
}

// vkResync forgets the cursors of another community: its wall, comments
// and members are not the old one's. Remote ids name the community, so
// nothing of either is doubled.
func vkResync(raw json.RawMessage) func(json.RawMessage) (bool, string) {
	return func(oldRaw json.RawMessage) (bool, string) {
		set, _ := core.ParseVKSettings(raw)
		old, _ := core.ParseVKSettings(oldRaw)
		if set.GroupID == old.GroupID {
			return false, ""
		}
		return true, sentence([]string{fmt.Sprintf("another community: its wall is read afresh from %s; what community %d wrote stays in the inbox",
			backfillWords(set.BackfillDays), old.GroupID)})
	}
}

// UpdateX gives an X account a new name and settings and replaces the keys
// given (empty ones are kept). Another handle or new keys start the
// mentions afresh; those already stored are not doubled.
func (s *Service) UpdateX(ctx context.Context, id int64, name string, set core.XSettings, keys core.XKeys) (Edited, error) {
	old, err := s.editable(ctx, id, core.KindX)
	if err != nil {
		return Edited{}, err
	}
	set = xIdentity(set, old.Settings, keys)
	raw, err := xRaw(set)
	if err != nil {
		return Edited{}, err
	}
	return s.update(ctx, id, edit{kind: core.KindX, name: name, settings: raw,
		secrets: trimmed(keys.Secrets()), resync: xResync(raw, keys)})
}

// TestXEdit tries an X account's new settings, with the stored keys
// standing in for those left empty.
func (s *Service) TestXEdit(ctx context.Context, id int64, set core.XSettings, keys core.XKeys) error {
	old, err := s.editable(ctx, id, core.KindX)
	if err != nil {
		return err
	}
	raw, err := xRaw(xIdentity(set, old.Settings, keys))
	if err != nil {
		return err
	}
	return s.testEdit(ctx, id, core.Account{Kind: core.KindX, Name: "test", Settings: raw}, trimmed(keys.Secrets()))
}

// xIdentity drops the stored user id when the handle or the keys change
// and no other id was given: it is found again with the keys.
func xIdentity(set core.XSettings, oldRaw json.RawMessage, keys core.XKeys) core.XSettings {
	old, _ := core.ParseXSettings(oldRaw)
	set.Handle = strings.TrimPrefix(strings.TrimSpace(set.Handle), "@")
	if set.UserID == old.UserID && (!strings.EqualFold(set.Handle, old.Handle) || anyKey(keys)) {
		set.UserID = ""
	}
	return set
}

func xRaw(set core.XSettings) (json.RawMessage, error) {
	raw, err := json.Marshal(set)
	if err != nil {
		return nil, fmt.Errorf("accounts: %w", err)
	}
	if _, err := core.ParseXSettings(raw); err != nil {
		return nil, err
	}
	return raw, nil
}

func xResync(raw json.RawMessage, keys core.XKeys) func(json.RawMessage) (bool, string) {
	return func(oldRaw json.RawMessage) (bool, string) {
		set, _ := core.ParseXSettings(raw)
		old, _ := core.ParseXSettings(oldRaw)
		switch {
		case !strings.EqualFold(set.Handle, old.Handle):
			return true, sentence([]string{"another handle: mentions are read afresh; those already in Hearth are not doubled"})
		case anyKey(keys):
			return true, sentence([]string{"new keys: mentions are read afresh to learn whose they are; those already in Hearth are not doubled"})
		}
		return false, ""
	}
}

func anyKey(k core.XKeys) bool {
	for _, v := range k.Secrets() {
		if strings.TrimSpace(v) != "" {
			return true
		}
	}
	return false
}

func trimmed(m map[string]string) map[string]string {
	for k, v := range m {
		m[k] = strings.TrimSpace(v)
	}
	return m
}

// UpdateFeed gives a feed watch a new name, address or keywords. Either
// change reads the feed afresh: entries the new keywords let in arrive,
// those already stored stay and are not doubled.
func (s *Service) UpdateFeed(ctx context.Context, id int64, name string, set core.FeedSettings) (Edited, error) {
	a, err := feedAccount(name, set)
	if err != nil {
		return Edited{}, err
	}
	return s.update(ctx, id, edit{kind: core.KindFeed, name: a.Name, settings: a.Settings, resync: feedResync(a.Settings)})
}

func feedResync(raw json.RawMessage) func(json.RawMessage) (bool, string) {
	return func(oldRaw json.RawMessage) (bool, string) {
		set, _ := core.ParseFeedSettings(raw)
		old, _ := core.ParseFeedSettings(oldRaw)
		switch {
		case set.URL != old.URL:
			return true, sentence([]string{"another address: the feed is read afresh; entries already in Hearth are not doubled"})
		case !slices.Equal(set.Keywords, old.Keywords):
			return true, sentence([]string{"other keywords: the feed is read afresh, so entries that match them now come in; those already in Hearth stay"})
		}
		return false, ""
	}
}

func backfillWords(days int) string {
	if days < 0 {
		return "the beginning"
	}
	return fmt.Sprintf("the last %d days", days)
}

// sentence joins clauses into one sentence: "Another server: ...; new ...".
func sentence(clauses []string) string {
	if len(clauses) == 0 {
		return ""
	}
	s := strings.Join(clauses, "; ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}
