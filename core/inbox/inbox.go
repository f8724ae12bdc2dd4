// Package inbox holds the triage use cases over the store: reading pages and
// threads, changing states, replying through the outbox, drafts.
package inbox

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/engine"
)

// Store is what the inbox needs of the workspace store.
type Store interface {
	Account(ctx context.Context, id int64) (core.Account, error)
	Items(ctx context.Context, f core.ItemFilter) ([]core.Item, error)
	Search(ctx context.Context, query string, f core.ItemFilter) ([]core.Item, error)
	Item(ctx context.Context, id int64) (core.Item, error)
	Thread(ctx context.Context, threadID int64) (core.Thread, error)
	ThreadBrief(ctx context.Context, threadID int64) ([]core.Item, error)
	SetState(ctx context.Context, itemID int64, st core.State, snoozeUntil time.Time) error
	SetThreadState(ctx context.Context, threadID int64, st core.State, snoozeUntil time.Time) error
	SetSeen(ctx context.Context, itemID int64, seen bool) error
	AddTag(ctx context.Context, itemID int64, tag string) error
	RemoveTag(ctx context.Context, itemID int64, tag string) error
	SaveDraft(ctx context.Context, itemID int64, text string) error
	Draft(ctx context.Context, itemID int64) (string, error)
	Enqueue(ctx context.Context, e core.OutboxEntry) (int64, error)
	Outbox(ctx context.Context, itemID int64) ([]core.OutboxEntry, error)
	RetryOutbox(ctx context.Context, id int64) error
	DiscardOutbox(ctx context.Context, id int64) error
	StateCounts(ctx context.Context, accountID int64) (map[core.State]int, error)
	UnreadCounts(ctx context.Context) (map[int64]int, error)
	AuthorCounts(ctx context.Context, itemID int64) (total, spam int, err error)
	ViewCounts(ctx context.Context) ([]core.ViewCount, error)
	SettingsStore
	AuthorStore
	ModerationStore
}

// Notifier tells the rest of the app what changed and wakes the outbox.
type Notifier interface {
	Publish(core.Event)
	KickOutbox()
}

// Params wires a Service.
type Params struct {
	Store  Store
	Notify Notifier
	Now    func() time.Time
	// IdemKey makes the idempotency key of a reply for an account (an
	// e-mail Message-Id); nil makes a random token.
	IdemKey func(core.Account) string
	// Channels asks a channel whether an author accepts a private
	// message (the engine); nil: nobody can be asked.
	Channels Channels
}

// Service is the inbox use cases.
type Service struct {
	store    Store
	notify   Notifier
	now      func() time.Time
	idemKey  func(core.Account) string
	channels Channels
	reach    reachCache
}

// New returns the inbox service.
func New(p Params) *Service {
	s := &Service{store: p.Store, notify: p.Notify, now: p.Now, idemKey: p.IdemKey, channels: p.Channels}
	if s.now == nil {
		s.now = time.Now
	}
	if s.idemKey == nil {
		s.idemKey = func(core.Account) string { return RandomToken() }
	}
	if s.notify == nil {
		s.notify = nopNotifier{}
	}
	return s
}

// Page returns a page of the inbox.
func (s *Service) Page(ctx context.Context, f core.ItemFilter) ([]core.Item, error) {
	if f.Now.IsZero() {
		f.Now = s.now()
	}
	items, err := s.store.Items(ctx, f)
	if err != nil {
		return nil, err
	}
	if err := s.nameAuthors(ctx, items); err != nil {
		return nil, err
	}
	return items, nil
}

// Search returns the items matching a full-text query, newest first.
func (s *Service) Search(ctx context.Context, query string, f core.ItemFilter) ([]core.Item, error) {
	if f.Now.IsZero() {
		f.Now = s.now()
	}
	items, err := s.store.Search(ctx, query, f)
	if err != nil {
		return nil, err
	}
	if err := s.nameAuthors(ctx, items); err != nil {
		return nil, err
	}
	return items, nil
}

// Thread returns a conversation, oldest first.
func (s *Service) Thread(ctx context.Context, threadID int64) (core.Thread, error) {
	th, err := s.store.Thread(ctx, threadID)
	if err != nil {
		return th, err
	}
	if err := s.nameAuthors(ctx, th.Items); err != nil {
		return core.Thread{}, err
	}
	return th, nil
}

// Open returns the whole item and marks its conversation read: every
// unread message of it, locally now and remotely through the outbox. A new
// conversation becomes open.
func (s *Service) Open(ctx context.Context, itemID int64) (core.Item, error) {
	it, err := s.store.Item(ctx, itemID)
	if err != nil {
		return it, fmt.Errorf("inbox: open %d: %w", itemID, err)
	}
	if it.State == core.StateNew {
		if err := s.setState(ctx, it, core.StateOpen, time.Time{}); err != nil {
			return it, fmt.Errorf("inbox: open %d: %w", itemID, err)
		}
		it.State = core.StateOpen
	}
	msgs, err := s.conversation(ctx, it)
	if err != nil {
		return it, fmt.Errorf("inbox: open %d: %w", itemID, err)
	}
	for _, m := range msgs {
		if !m.Seen && !m.Outgoing {
			if err := s.SetSeen(ctx, m.ID, true); err != nil {
				return it, err
			}
		}
	}
	it.Seen = true
	return it, nil
}

// conversation is every message of an item's thread (the item alone when
// it has none), oldest first.
func (s *Service) conversation(ctx context.Context, it core.Item) ([]core.Item, error) {
	if it.ThreadID == 0 {
		return []core.Item{it}, nil
	}
	return s.store.ThreadBrief(ctx, it.ThreadID) // no text: triage never reads it
}

// setState moves an item's conversation (the item alone when it has no
// thread) in triage.
func (s *Service) setState(ctx context.Context, it core.Item, st core.State, until time.Time) error {
	if it.ThreadID == 0 {
		return s.store.SetState(ctx, it.ID, st, until)
	}
	return s.store.SetThreadState(ctx, it.ThreadID, st, until)
}

// SetSeen changes the read flag locally and queues it for the remote.
func (s *Service) SetSeen(ctx context.Context, itemID int64, seen bool) error {
	it, err := s.store.Item(ctx, itemID)
	if err != nil {
		return fmt.Errorf("inbox: seen %d: %w", itemID, err)
	}
	if err := s.store.SetSeen(ctx, itemID, seen); err != nil {
		return fmt.Errorf("inbox: seen %d: %w", itemID, err)
	}
	if !it.Outgoing {
		payload, _ := json.Marshal(engine.SeenPayload{Seen: seen})
		if err := s.enqueue(ctx, it, core.OpSetSeen, payload, RandomToken()); err != nil {
			return err
		}
	}
	s.changed(it)
	return nil
}

// SetState moves an item's conversation in triage: state belongs to the
// conversation. Snoozed needs a time in the future; done archives its
// messages remotely when the account asks for it.
func (s *Service) SetState(ctx context.Context, itemID int64, st core.State, until time.Time) error {
	if st == core.StateSnoozed && !until.After(s.now()) {
		return fmt.Errorf("inbox: snooze needs a time in the future")
	}
	if st != core.StateSnoozed {
		until = time.Time{}
	}
	it, err := s.store.Item(ctx, itemID)
	if err != nil {
		return fmt.Errorf("inbox: state %d: %w", itemID, err)
	}
	if err := s.setState(ctx, it, st, until); err != nil {
		return fmt.Errorf("inbox: state %d: %w", itemID, err)
	}
	if st == core.StateDone {
		if err := s.archiveThread(ctx, it); err != nil {
			return err
		}
	}
	s.changed(it)
	return nil
}

// archiveThread archives the conversation's messages from others when the
// account asks for it.
func (s *Service) archiveThread(ctx context.Context, it core.Item) error {
	// A conversation lives in one account: its setting is read once, and
	// the conversation only when the account archives.
	a, err := s.store.Account(ctx, it.AccountID)
	if err != nil {
		return fmt.Errorf("inbox: archive %d: %w", it.ID, err)
	}
	var opt struct {
		ArchiveOnDone bool `json:"archive_on_done"`
	}
	if len(a.Settings) == 0 || json.Unmarshal(a.Settings, &opt) != nil || !opt.ArchiveOnDone {
		return nil
	}
	msgs, err := s.conversation(ctx, it)
	if err != nil {
		return fmt.Errorf("inbox: archive %d: %w", it.ID, err)
	}
	for _, m := range msgs {
		if m.Outgoing || m.Deleted {
			continue
		}
		if err := s.enqueue(ctx, m, core.OpArchive, nil, RandomToken()); err != nil {
			return err
		}
	}
	return nil
}

// AddTag tags an item.
func (s *Service) AddTag(ctx context.Context, itemID int64, tag string) error {
	if err := s.store.AddTag(ctx, itemID, tag); err != nil {
		return fmt.Errorf("inbox: tag %d: %w", itemID, err)
	}
	s.notify.Publish(core.Event{Kind: core.EventItems, ItemIDs: []int64{itemID}})
	return nil
}

// RemoveTag removes a tag from an item.
func (s *Service) RemoveTag(ctx context.Context, itemID int64, tag string) error {
	// A conversation shows the tags of all its messages: untag them all.
	it, err := s.store.Item(ctx, itemID)
	if err != nil {
		return fmt.Errorf("inbox: untag %d: %w", itemID, err)
	}
	msgs, err := s.conversation(ctx, it)
	if err != nil {
		return fmt.Errorf("inbox: untag %d: %w", itemID, err)
	}
	for _, m := range msgs {
		if !slices.ContainsFunc(m.Tags, func(t string) bool { return strings.EqualFold(t, tag) }) && m.ID != itemID {
			continue
		}
		if err := s.store.RemoveTag(ctx, m.ID, tag); err != nil {
			return fmt.Errorf("inbox: untag %d: %w", m.ID, err)
		}
	}
	s.notify.Publish(core.Event{Kind: core.EventItems, ItemIDs: []int64{itemID}})
	return nil
}

// Reply queues a reply in the outbox, where it survives a restart and is
// sent exactly once, and clears the draft.
func (s *Service) Reply(ctx context.Context, itemID int64, text string) error {
	return s.Send(ctx, itemID, core.Reply{Text: text})
}

// Send queues r as the answer to the item: under a VK comment it threads
// under that comment, to an e-mail with the To, Cc and Subject the person
// edited (the defaults when left empty). It clears the item's draft.
func (s *Service) Send(ctx context.Context, itemID int64, r core.Reply) error {
	if strings.TrimSpace(r.Text) == "" && len(r.Attach) == 0 {
		return fmt.Errorf("inbox: the reply is empty")
	}
	it, err := s.store.Item(ctx, itemID)
	if err != nil {
		return fmt.Errorf("inbox: reply %d: %w", itemID, err)
	}
	if it.Kind == core.ItemFeed {
		return fmt.Errorf("inbox: a feed entry cannot be answered from Hearth: open it on its site")
	}
	a, err := s.store.Account(ctx, it.AccountID)
	if err != nil {
		return fmt.Errorf("inbox: reply %d: %w", itemID, err)
	}
	if err := CheckAttach(it.Kind, r.Attach); err != nil {
		return fmt.Errorf("inbox: reply %d: %w", itemID, err)
	}
	p := engine.ReplyPayload{Text: r.Text, Quote: it.Kind == core.ItemEmail, Attach: r.Attach}
	if it.Kind == core.ItemEmail {
		tos, _ := r.Recipients(it)
		if !slices.ContainsFunc(tos, func(p core.Person) bool { return strings.TrimSpace(p.Address) != "" }) {
			return fmt.Errorf("inbox: the reply has nobody to go to: type an address in To")
		}
		p.To, p.Cc, p.Subject = r.To, r.Cc, strings.TrimSpace(r.Subject)
	}
	payload, _ := json.Marshal(p)
	if err := s.enqueue(ctx, it, core.OpReply, payload, s.idemKey(a)); err != nil {
		return err
	}
	if err := s.store.SaveDraft(ctx, itemID, ""); err != nil {
		return fmt.Errorf("inbox: reply %d: clear draft: %w", itemID, err)
	}
	if it.State == core.StateNew {
		_ = s.store.SetState(ctx, itemID, core.StateOpen, time.Time{})
	}
	return nil
}

func (s *Service) enqueue(ctx context.Context, it core.Item, op core.OutboxOp, payload []byte, key string) error {
	_, err := s.store.Enqueue(ctx, core.OutboxEntry{
		AccountID: it.AccountID, ItemID: it.ID, Op: op, Payload: payload, IdemKey: key,
		State: core.OutboxQueued, CreatedAt: s.now(),
	})
	if err != nil {
		return fmt.Errorf("inbox: queue %s for %d: %w", op, it.ID, err)
	}
	s.notify.Publish(core.Event{Kind: core.EventOutbox, AccountID: it.AccountID, ItemIDs: []int64{it.ID}})
	s.notify.KickOutbox()
	return nil
}

// SaveDraft keeps what is being written; an empty text deletes the draft.
func (s *Service) SaveDraft(ctx context.Context, itemID int64, text string) error {
	return s.store.SaveDraft(ctx, itemID, text)
}

// Draft returns the saved draft of an item's reply, "" when none.
func (s *Service) Draft(ctx context.Context, itemID int64) (string, error) {
	return s.store.Draft(ctx, itemID)
}

// Outbox lists the remote actions of an item (replies first of interest).
func (s *Service) Outbox(ctx context.Context, itemID int64) ([]core.OutboxEntry, error) {
	return s.store.Outbox(ctx, itemID)
}

// RetryOutbox sends a failed entry again, at a person's request.
func (s *Service) RetryOutbox(ctx context.Context, id int64) error {
	if err := s.store.RetryOutbox(ctx, id); err != nil {
		return fmt.Errorf("inbox: retry %d: %w", id, err)
	}
	s.notify.KickOutbox()
	return nil
}

// DiscardOutbox drops a failed or unconfirmed remote action a person gave
// up on (a reply they found already sent); it is never sent.
func (s *Service) DiscardOutbox(ctx context.Context, id int64) error {
	if err := s.store.DiscardOutbox(ctx, id); err != nil {
		return fmt.Errorf("inbox: %w", err)
	}
	s.notify.Publish(core.Event{Kind: core.EventOutbox})
	return nil
}

// StateCounts counts items per state for an account (0: all).
func (s *Service) StateCounts(ctx context.Context, accountID int64) (map[core.State]int, error) {
	return s.store.StateCounts(ctx, accountID)
}

// ViewCounts are the conversation counts per account, kind and state.
func (s *Service) ViewCounts(ctx context.Context) ([]core.ViewCount, error) {
	return s.store.ViewCounts(ctx)
}

// UnreadCounts counts unread items in triage per account.
func (s *Service) UnreadCounts(ctx context.Context) (map[int64]int, error) {
	return s.store.UnreadCounts(ctx)
}

func (s *Service) changed(it core.Item) {
	s.notify.Publish(core.Event{Kind: core.EventItems, AccountID: it.AccountID, ItemIDs: []int64{it.ID}})
}

// RandomToken returns 128 random bits in hex: outbox idempotency keys.
func RandomToken() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

type nopNotifier struct{}

func (nopNotifier) Publish(core.Event) {}
func (nopNotifier) KickOutbox()        {}

// AuthorHistory says how much the author of an item wrote before: asked
// before a known member's conversation goes to spam.
func (s *Service) AuthorHistory(ctx context.Context, itemID int64) (core.AuthorHistory, error) {
	total, spam, err := s.store.AuthorCounts(ctx, itemID)
	if err != nil {
		return core.AuthorHistory{}, fmt.Errorf("inbox: author of %d: %w", itemID, err)
	}
	return core.AuthorHistory{Messages: total, Spam: spam}, nil
}
