package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hearthhq/hearth/core"
)

// Messenger is implemented by connections that can write privately to the
// author of a public item: a VK community message to a commenter, an X
// direct message to who mentioned the account. The message is an outbox
// entry (core.OpMessage) like a reply, sent exactly once.
type Messenger interface {
	// CanMessage reports whether the author of it accepts a private message
	// from the account now; why says, in words, why not.
	CanMessage(ctx context.Context, it core.Item) (ok bool, why string, err error)
	// Message sends text privately to the author of it. idemKey is the
	// entry's key, from which the channel derives its own (VK random_id);
	// a failure after the request left is core.ErrUnknownOutcome. It
	// returns the sent message as an item of the private conversation with
	// that person: its kind, remote id and thread refs.
	Message(ctx context.Context, it core.Item, text, idemKey string) (core.Item, error)
	// FindMessage looks for what an earlier attempt of idemKey sent: the
	// check after an unknown outcome, never a resend.
	FindMessage(ctx context.Context, it core.Item, text, idemKey string) (core.Item, bool, error)
}

// MessagePayload is the JSON payload of an OpMessage entry.
type MessagePayload struct {
	Text string `json:"text"`
}

// CanMessage asks the channel of it whether its author accepts a private
// message from the account: a connection is opened for the question and
// closed after it.
func (e *Engine) CanMessage(ctx context.Context, it core.Item) (bool, string, error) {
	c, err := e.Open(ctx, it.AccountID)
	if err != nil {
		return false, "", fmt.Errorf("sync: can message %d: %w", it.ID, err)
	}
	defer c.Close()
	m, ok := c.(Messenger)
	if !ok {
		return false, "this channel cannot write to a person privately", nil
	}
	ok, why, err := m.CanMessage(ctx, it)
	if err != nil {
		return false, "", fmt.Errorf("sync: can message %d: %w", it.ID, err)
	}
	return ok, why, nil
}

// message sends a private message to the author of it, exactly once, and
// shows it in the private conversation with that person.
func (r *outboxRunner) message(ctx context.Context, conn Conn, ent core.OutboxEntry, it core.Item) error {
	m, ok := conn.(Messenger)
	if !ok {
		return r.fail(ctx, ent, fmt.Errorf("this channel cannot write to a person privately: %w", core.ErrUnsupported), false)
	}
	var p MessagePayload
	if err := json.Unmarshal(ent.Payload, &p); err != nil || strings.TrimSpace(p.Text) == "" {
		return r.fail(ctx, ent, fmt.Errorf("bad private message payload: %v", err), false)
	}
	if ent.State == core.OutboxUnconfirmed {
		return r.confirmMessage(ctx, m, ent, it, p)
	}
	out, err := m.Message(ctx, it, p.Text, ent.IdemKey)
	if errors.Is(err, core.ErrUnknownOutcome) {
		return r.e.store.UnconfirmOutbox(ctx, ent, "the connection dropped while sending; Hearth is checking whether the message went out", r.e.now().Add(unconfirmedWait))
	}
	if err != nil {
		return r.fail(ctx, ent, err, true)
	}
	return r.messageSent(ctx, ent, it, out, p)
}

// confirmMessage settles a message whose outcome is unknown by asking the
// channel; it never sends again by itself.
func (r *outboxRunner) confirmMessage(ctx context.Context, m Messenger, ent core.OutboxEntry, it core.Item, p MessagePayload) error {
	out, found, err := m.FindMessage(ctx, it, p.Text, ent.IdemKey)
	if err != nil {
		return r.e.store.UnconfirmOutbox(ctx, ent, "could not check whether the message went out: "+err.Error(), r.e.now().Add(unconfirmedWait))
	}
	if !found {
		return r.e.store.UnconfirmOutbox(ctx, ent, messageNotFoundText, time.Time{})
	}
	return r.messageSent(ctx, ent, it, out, p)
}

// messageNotFoundText is why an unconfirmed private message waits for a
// person.
const messageNotFoundText = "Hearth did not find this message in the private conversation and did not send it again; it may still have been delivered: check, then Retry (it may send a second copy) or Discard"

// messageSent records a delivered private message as our own item in the
// conversation with the person, with the entry, in one transaction.
func (r *outboxRunner) messageSent(ctx context.Context, ent core.OutboxEntry, to core.Item, out core.Item, p MessagePayload) error {
	now := r.e.now()
	out.AccountID = ent.AccountID
	out.Author = core.Person{Name: "You"}
	if len(out.To) == 0 {
		out.To = []core.Person{to.Author}
	}
	out.Text, out.CreatedAt = p.Text, now
	out.State, out.Seen, out.Outgoing = core.StateDone, true, true
	id, err := r.e.store.FinishReply(ctx, ent, out.RemoteID, out)
	if errors.Is(err, core.ErrOutboxChanged) {
		return err
	}
	if err != nil {
		msg := "the message went out, but Hearth could not record it (" + err.Error() + "); it checks again"
		if uerr := r.e.store.UnconfirmOutbox(ctx, ent, msg, now.Add(unconfirmedWait)); uerr != nil {
			return errors.Join(err, uerr)
		}
		return err
	}
	r.e.bus.Publish(core.Event{Kind: core.EventItems, AccountID: ent.AccountID, ItemIDs: []int64{id, to.ID}})
	return nil
}
