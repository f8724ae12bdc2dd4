package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/hearthhq/hearth/core"
)

// OutboxStore is the part of the store the outbox runner uses.
type OutboxStore interface {
	Item(ctx context.Context, id int64) (core.Item, error)
	// Every state change below is a compare-and-set on the entry as it
	// was claimed (its state and owner): core.ErrOutboxChanged when another
	// runner took it over or a person acted meanwhile.
	ClaimNext(ctx context.Context, now time.Time, owner core.OutboxOwner) (core.OutboxEntry, error)
	FinishOutbox(ctx context.Context, ent core.OutboxEntry, remoteID string) error
	FinishReply(ctx context.Context, ent core.OutboxEntry, remoteID string, out core.Item) (int64, error)
	FailOutbox(ctx context.Context, ent core.OutboxEntry, msg string, retryAt time.Time) error
	UnconfirmOutbox(ctx context.Context, ent core.OutboxEntry, msg string, checkAt time.Time) error
	Heartbeat(ctx context.Context, owner core.OutboxOwner, now time.Time) (int, error)
	Leases(ctx context.Context) ([]core.OutboxEntry, error)
	TakeOver(ctx context.Context, ent core.OutboxEntry, checkAt time.Time) error
	OutboxEntry(ctx context.Context, id int64) (core.OutboxEntry, error)
	SetLocation(ctx context.Context, itemID int64, scope, location string) error
	// ReplyUploads and RecordReplyUpload keep what a channel answered to
	// each step of the upload of a reply's pictures (see attach).
	ReplyUploads(ctx context.Context, outboxID int64) (map[string]core.MediaUpload, error)
	RecordReplyUpload(ctx context.Context, u core.MediaUpload) error
}

// ReplyPayload is the JSON payload of an OpReply entry.
type ReplyPayload struct {
	Text    string        `json:"text"`
	Quote   bool          `json:"quote"`
	To      []core.Person `json:"to,omitempty"`
	Cc      []core.Person `json:"cc,omitempty"`
	Subject string        `json:"subject,omitempty"`
	Auto    bool          `json:"auto,omitempty"` // sent by a rule
	// Attach are the attached files, by path (core.Reply.Attach).
	Attach []core.PostImage `json:"attach,omitempty"`
}

// Reply is the reply the payload holds.
func (p ReplyPayload) Reply() core.Reply {
	return core.Reply{Text: p.Text, Quote: p.Quote, To: p.To, Cc: p.Cc, Subject: p.Subject, Auto: p.Auto, Attach: p.Attach}
}

// SeenPayload is the JSON payload of an OpSetSeen entry.
type SeenPayload struct {
	Seen bool `json:"seen"`
}

const (
	outboxTick      = 30 * time.Second
	maxAttempts     = 8
	unconfirmedWait = time.Minute
)

// outboxRunner performs queued remote actions exactly once: replies,
// flag pushes, archive moves. It holds each entry it works on under its
// owner identity, so that other runners (another window, a daemon, a
// `sync --once`) leave it alone while this one lives.
type outboxRunner struct {
	e     *Engine
	wake  chan struct{}
	owner core.OutboxOwner
	held  Holds // entries being worked on now

	mu    sync.Mutex
	conns map[int64]Conn
	// busy counts the entries using an account's connection now; retired
	// are connections of edited accounts, closed once no entry uses them.
	busy    map[int64]int
	retired map[int64][]Conn
}

func newOutboxRunner(e *Engine) *outboxRunner {
	return &outboxRunner{e: e, wake: make(chan struct{}, 1), owner: NewOwner(), conns: map[int64]Conn{},
		busy: map[int64]int{}, retired: map[int64][]Conn{}}
}

// OutboxRun is what one FlushOutbox did.
type OutboxRun struct {
	Handled int
	// NeedPerson are the entries it left waiting for a person: failed for
	// good, or unconfirmed with no further check.
	NeedPerson []core.OutboxEntry
}

func (r *outboxRunner) poke() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

func (r *outboxRunner) run(ctx context.Context) {
	defer r.closeConns()
	t := time.NewTicker(outboxTick)
	defer t.Stop()
	for {
		if err := r.drain(ctx, &OutboxRun{}); err != nil && ctx.Err() == nil {
			r.e.log.Warn("outbox", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-r.wake:
		}
	}
}

// drain takes over the entries of runners that are gone, then handles
// every due entry, and tells run what it did.
func (r *outboxRunner) drain(ctx context.Context, run *OutboxRun) error {
	if err := r.takeOver(ctx); err != nil {
		return fmt.Errorf("take over: %w", err)
	}
	stop := KeepAlive(ctx, r.e.log, "outbox", func(ctx context.Context) error {
		_, err := r.e.store.Heartbeat(ctx, r.owner, r.e.now())
		return err
	})
	defer stop()
	for ctx.Err() == nil {
		ent, err := r.e.store.ClaimNext(ctx, r.e.now(), r.owner)
		if errors.Is(err, core.ErrNotFound) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("claim: %w", err)
		}
		run.Handled++
		r.held.Set(ent.ID, true)
		err = r.handle(ctx, ent)
		r.held.Set(ent.ID, false)
		r.e.bus.Publish(core.Event{Kind: core.EventOutbox, AccountID: ent.AccountID, ItemIDs: []int64{ent.ItemID}})
		if errors.Is(err, core.ErrOutboxChanged) {
			// Taken over by another runner that thought this one gone:
			// its check of the channel settles the entry.
			r.e.log.Warn("outbox entry changed while this runner held it", "id", ent.ID, "err", err)
			continue
		}
		if err != nil {
			return err
		}
		if now, err := r.e.store.OutboxEntry(ctx, ent.ID); err == nil && now.NeedsPerson() {
			run.NeedPerson = append(run.NeedPerson, now)
		}
	}
	return ctx.Err()
}

// handle performs one entry and records its outcome. Only store failures
// are returned: remote failures are written to the entry.
func (r *outboxRunner) handle(ctx context.Context, ent core.OutboxEntry) error {
	it, err := r.e.store.Item(ctx, ent.ItemID)
	if err != nil {
		return r.fail(ctx, ent, fmt.Errorf("the message this refers to is gone: %w", err), false)
	}
	conn, err := r.conn(ctx, ent.AccountID)
	if err != nil {
		return r.fail(ctx, ent, err, true)
	}
	defer r.release(ent.AccountID)
	switch ent.Op {
	case core.OpReply:
		return r.reply(ctx, conn, ent, it)
	case core.OpSetSeen:
		return r.setSeen(ctx, conn, ent, it)
	case core.OpArchive:
		return r.archive(ctx, conn, ent, it)
	case core.OpModerate:
		return r.moderate(ctx, conn, ent, it)
	case core.OpMessage:
		return r.message(ctx, conn, ent, it)
	default:
		return r.fail(ctx, ent, fmt.Errorf("unknown outbox operation %q", ent.Op), false)
	}
}

func (r *outboxRunner) reply(ctx context.Context, conn Conn, ent core.OutboxEntry, it core.Item) error {
	rp, ok := conn.(Replier)
	if !ok {
		return r.fail(ctx, ent, core.ErrUnsupported, false)
	}
	if ent.State == core.OutboxUnconfirmed {
		return r.confirm(ctx, rp, ent, it)
	}
	var p ReplyPayload
	if err := json.Unmarshal(ent.Payload, &p); err != nil {
		return r.fail(ctx, ent, fmt.Errorf("bad reply payload: %w", err), false)
	}
	reply := p.Reply()
	if err := r.attach(ctx, ent, it, &reply, true); err != nil {
		return r.fail(ctx, ent, err, true)
	}
	remoteID, err := rp.Reply(ctx, it, reply, ent.IdemKey)
	if errors.Is(err, core.ErrUnknownOutcome) {
		return r.e.store.UnconfirmOutbox(ctx, ent, "the connection dropped while sending; Hearth is checking whether it went out", r.e.now().Add(unconfirmedWait))
	}
	if err != nil {
		return r.fail(ctx, ent, err, true)
	}
	return r.sent(ctx, ent, it, remoteID, p.Reply())
}

// confirm settles an entry whose outcome is unknown by asking the remote;
// it never sends again by itself.
func (r *outboxRunner) confirm(ctx context.Context, rp Replier, ent core.OutboxEntry, it core.Item) error {
	var p ReplyPayload
	_ = json.Unmarshal(ent.Payload, &p) // a bad payload finds nothing and fails below
	reply := p.Reply()
	if err := r.attach(ctx, ent, it, &reply, false); err != nil {
		return r.e.store.UnconfirmOutbox(ctx, ent, "could not check whether the reply went out: "+err.Error(), r.e.now().Add(unconfirmedWait))
	}
	// Remote ids are stored bare; an e-mail key is a bracketed Message-Id.
	remoteID := strings.Trim(ent.IdemKey, "<>")
	var ok bool
	var err error
	if f, isFinder := rp.(ReplyFinder); isFinder {
		var id string
		id, ok, err = f.FindReply(ctx, it, reply, ent.IdemKey)
		if id != "" {
			remoteID = id
		}
	} else {
		ok, err = rp.Delivered(ctx, it, ent.IdemKey)
	}
	if err != nil {
		return r.e.store.UnconfirmOutbox(ctx, ent, "could not check whether the reply went out: "+err.Error(), r.e.now().Add(unconfirmedWait))
	}
	if !ok {
		// Not finding it proves nothing (a sender killed between SMTP and
		// filing its copy in Sent delivered it): a person decides, and no
		// further check is planned.
		return r.e.store.UnconfirmOutbox(ctx, ent, notFoundText, time.Time{})
	}
	return r.sent(ctx, ent, it, remoteID, p.Reply())
}

// notFoundText is why an unconfirmed reply waits for a person.
const notFoundText = "Hearth did not find this reply on the channel and did not send it again; it may still have been delivered: check, then Retry (it may send a second copy) or Discard"

// sent records a delivered reply and shows it in its thread, in one
// transaction.
func (r *outboxRunner) sent(ctx context.Context, ent core.OutboxEntry, to core.Item, remoteID string, rp core.Reply) error {
	now := r.e.now()
	refs := append(append([]string(nil), to.ThreadRefs...), to.RemoteID)
	subject := core.ReplySubject(to.Subject)
	if rp.Subject != "" && to.Kind == core.ItemEmail {
		subject = rp.Subject
	}
	recipients := []core.Person{to.Author}
	if to.Kind == core.ItemEmail {
		tos, ccs := rp.Recipients(to)
		recipients = append(append([]core.Person(nil), tos...), ccs...)
	}
	out := core.Item{
		AccountID: ent.AccountID, Kind: replyKind(to.Kind), RemoteID: remoteID, ThreadRefs: refs,
		Subject: subject, Author: core.Person{Name: "You"}, To: recipients,
		Text: rp.Text, CreatedAt: now, // the store fills the snippet
		State: core.StateDone, Seen: true, Outgoing: true, Attachments: attachedList(rp.Attach),
	}
	id, err := r.e.store.FinishReply(ctx, ent, remoteID, out)
	if errors.Is(err, core.ErrOutboxChanged) {
		return err
	}
	if err != nil {
		// Delivered but not recorded (a full disk): checked again later
		// rather than left sending, and never sent again.
		msg := "the reply went out, but Hearth could not record it (" + err.Error() + "); it checks again"
		if uerr := r.e.store.UnconfirmOutbox(ctx, ent, msg, now.Add(unconfirmedWait)); uerr != nil {
			return errors.Join(err, uerr)
		}
		return err
	}
	r.e.bus.Publish(core.Event{Kind: core.EventItems, AccountID: ent.AccountID, ItemIDs: []int64{id}})
	return nil
}

func (r *outboxRunner) setSeen(ctx context.Context, conn Conn, ent core.OutboxEntry, it core.Item) error {
	f, ok := conn.(Flagger)
	if !ok {
		return r.e.store.FinishOutbox(ctx, ent, "") // nothing to push for this channel
	}
	var p SeenPayload
	if err := json.Unmarshal(ent.Payload, &p); err != nil {
		return r.fail(ctx, ent, err, false)
	}
	if err := f.SetSeen(ctx, it, p.Seen); err != nil {
		return r.fail(ctx, ent, err, !errors.Is(err, core.ErrNotFound))
	}
	return r.e.store.FinishOutbox(ctx, ent, "")
}

func (r *outboxRunner) archive(ctx context.Context, conn Conn, ent core.OutboxEntry, it core.Item) error {
	a, ok := conn.(Archiver)
	if !ok {
		return r.e.store.FinishOutbox(ctx, ent, "")
	}
	scope, loc, err := a.Archive(ctx, it)
	if err != nil {
		return r.fail(ctx, ent, err, !errors.Is(err, core.ErrNotFound))
	}
	if err := r.e.store.SetLocation(ctx, it.ID, scope, loc); err != nil {
		return err
	}
	return r.e.store.FinishOutbox(ctx, ent, loc)
}

// moderate runs a moderation action and makes the local copy follow it.
// Actions are idempotent remotely, so an unknown outcome is simply retried.
func (r *outboxRunner) moderate(ctx context.Context, conn Conn, ent core.OutboxEntry, it core.Item) error {
	m, ok := conn.(Moderator)
	if !ok {
		return r.fail(ctx, ent, fmt.Errorf("this channel offers no moderation: %w", core.ErrUnsupported), false)
	}
	var a core.ModAction
	if err := json.Unmarshal(ent.Payload, &a); err != nil {
		return r.fail(ctx, ent, fmt.Errorf("bad moderation payload: %w", err), false)
	}
	if err := m.Moderate(ctx, it, a); err != nil {
		return r.fail(ctx, ent, err, !errors.Is(err, core.ErrNotFound))
	}
	if err := r.followModeration(ctx, ent, it, a); err != nil {
		return err
	}
	if err := r.e.store.FinishOutbox(ctx, ent, ""); err != nil {
		return err
	}
	r.e.bus.Publish(core.Event{Kind: core.EventItems, AccountID: ent.AccountID, ItemIDs: []int64{it.ID}})
	return nil
}

// followModeration records what a done moderation action changed remotely.
func (r *outboxRunner) followModeration(ctx context.Context, ent core.OutboxEntry, it core.Item, a core.ModAction) error {
	switch a.Kind {
	case core.ModDelete, core.ModRestore:
		b := core.Batch{Removed: map[string]bool{it.RemoteID: a.Kind == core.ModDelete}}
		_, err := r.e.store.ApplyBatch(ctx, ent.AccountID, b)
		return err
	case core.ModBan, core.ModUnban:
		var until time.Time
		if a.Kind == core.ModBan {
			until = a.BanEnd()
			if until.IsZero() {
				until = core.BanForever
			}
		}
		a, err := r.e.store.Account(ctx, ent.AccountID)
		if err != nil {
			return err
		}
		return r.e.store.SetIdentityBan(ctx, core.IdentityKindOf(a.Kind), it.Author.Address, until)
	}
	return nil
}

// replyKind is the kind of our own answer to an item of kind k.
func replyKind(k core.ItemKind) core.ItemKind {
	if k == core.ItemXMention {
		return core.ItemXReply
	}
	return k
}

// fail records a remote failure: retried with backoff when it may pass,
// failed for good when a person must act or attempts ran out.
func (r *outboxRunner) fail(ctx context.Context, ent core.OutboxEntry, err error, transient bool) error {
	r.e.log.Warn("outbox entry failed", "id", ent.ID, "op", ent.Op, "err", err)
	r.dropConn(ent.AccountID)
	if !transient {
		return r.e.store.FailOutbox(ctx, ent, errorSentence(err), time.Time{})
	}
	var retry time.Time
	re := core.AsRemote(err)
	switch {
	case re != nil && re.NeedsPerson():
	case ent.Attempts+1 >= maxAttempts:
	case re != nil && !re.RetryAt.IsZero():
		retry = re.RetryAt
	default:
		retry = r.e.now().Add(r.e.schedule.backoff(ent.Attempts + 1))
	}
	return r.e.store.FailOutbox(ctx, ent, errorSentence(err), retry)
}

func errorSentence(err error) string {
	msg, action := describe(err)
	if action != "" && action != "Hearth will try again" {
		return msg + " (" + action + ")"
	}
	return msg
}

func (r *outboxRunner) conn(ctx context.Context, accountID int64) (Conn, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if c := r.conns[accountID]; c != nil {
		r.busy[accountID]++
		return c, nil
	}
	a, err := r.e.store.Account(ctx, accountID)
	if err != nil {
		return nil, err
	}
	c, err := r.e.open(ctx, a)
	if err != nil {
		return nil, err
	}
	r.conns[accountID] = c
	r.busy[accountID]++
	return c, nil
}

// release ends a use of an account's connection begun by conn, closing the
// retired connections no entry uses any more.
func (r *outboxRunner) release(accountID int64) {
	r.mu.Lock()
	r.busy[accountID]--
	var done []Conn
	if r.busy[accountID] <= 0 {
		delete(r.busy, accountID)
		done = r.retired[accountID]
		delete(r.retired, accountID)
	}
	r.mu.Unlock()
	for _, c := range done {
		c.Close()
	}
}

// retireConn forgets an account's connection after its settings changed:
// the next entry opens a new one. An entry using it now finishes with it
// first, so a send under way is never cut.
func (r *outboxRunner) retireConn(accountID int64) {
	r.mu.Lock()
	c := r.conns[accountID]
	delete(r.conns, accountID)
	if c != nil && r.busy[accountID] > 0 {
		r.retired[accountID] = append(r.retired[accountID], c)
		c = nil
	}
	r.mu.Unlock()
	if c != nil {
		c.Close()
	}
}

// dropConn closes an account's action connection after a failure, so the
// next attempt starts from a fresh one.
func (r *outboxRunner) dropConn(accountID int64) {
	r.mu.Lock()
	c := r.conns[accountID]
	delete(r.conns, accountID)
	r.mu.Unlock()
	if c != nil {
		c.Close()
	}
}

func (r *outboxRunner) closeConns() {
	r.mu.Lock()
	var conns []Conn
	for _, c := range r.conns {
		conns = append(conns, c)
	}
	for _, cs := range r.retired {
		conns = append(conns, cs...)
	}
	r.conns, r.retired = map[int64]Conn{}, map[int64][]Conn{}
	r.mu.Unlock()
	for _, c := range conns {
		c.Close()
	}
}
