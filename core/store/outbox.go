package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/hearthhq/hearth/core"
)

const outboxCols = `id, account_id, item_id, op, payload, idem_key, state, attempts, last_error,
	remote_id, not_before, created_at, updated_at, owner_host, owner_pid, owner_token, heartbeat_at,
	attempted_at`

// releaseLease is the part of every runner's state change that lets go of
// the entry: nobody holds it afterwards.
const releaseLease = `owner_host = '', owner_pid = 0, owner_token = '', heartbeat_at = 0`

// Enqueue queues a remote action and returns its id. A second entry with
// the same IdemKey is core.ErrConflict: the action is already queued.
func (s *Store) Enqueue(ctx context.Context, e core.OutboxEntry) (int64, error) {
	if e.IdemKey == "" || e.Op == "" {
		return 0, fmt.Errorf("store: enqueue: an operation and an idempotency key are required")
	}
	now := s.now()
	if e.CreatedAt.IsZero() {
		e.CreatedAt = now
	}
	var id int64
	err := s.w.QueryRowContext(ctx, `INSERT INTO outbox (account_id, item_id, op, payload, idem_key,
		state, not_before, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, ?) RETURNING id`,
		e.AccountID, nullID(e.ItemID), e.Op, e.Payload, e.IdemKey, msOrZero(e.NotBefore), ms(e.CreatedAt),
		ms(now)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: enqueue %s for item %d: %w", e.Op, e.ItemID, dbErr(err))
	}
	return id, nil
}

// ClaimNext leases the oldest due entry to owner: a queued one becomes
// sending (attempted now); an unconfirmed one with a check due stays
// unconfirmed (its outcome is checked before anything is sent). The claim
// is one statement, so two runners never hold the same entry, and an
// entry another runner holds is never claimed. core.ErrNotFound means
// nothing is due.
func (s *Store) ClaimNext(ctx context.Context, now time.Time, owner core.OutboxOwner) (core.OutboxEntry, error) {
	e, err := s.claim(ctx, now, owner, "ORDER BY id LIMIT 1")
	if err != nil {
		return e, fmt.Errorf("store: claim outbox: %w", err)
	}
	return e, nil
}

// ClaimOutbox leases one entry to owner as ClaimNext would, if it is due.
func (s *Store) ClaimOutbox(ctx context.Context, id int64, now time.Time, owner core.OutboxOwner) (core.OutboxEntry, error) {
	e, err := s.claim(ctx, now, owner, "AND id = ?5", id)
	if err != nil {
		return e, fmt.Errorf("store: claim outbox %d: %w", id, err)
	}
	return e, nil
}

func (s *Store) claim(ctx context.Context, now time.Time, owner core.OutboxOwner, which string, args ...any) (core.OutboxEntry, error) {
	if owner.IsZero() {
		return core.OutboxEntry{}, fmt.Errorf("no owner")
	}
	row := s.w.QueryRowContext(ctx, `UPDATE outbox SET
			state = CASE state WHEN 'queued' THEN 'sending' ELSE state END,
			attempted_at = CASE state WHEN 'queued' THEN ?1 ELSE attempted_at END,
			owner_host = ?2, owner_pid = ?3, owner_token = ?4, heartbeat_at = ?1, updated_at = ?1
		WHERE id = (SELECT id FROM outbox
			WHERE (state = 'queued' AND not_before <= ?1 OR state = 'unconfirmed' AND not_before BETWEEN 1 AND ?1)
				AND owner_token = '' `+which+`)
		RETURNING `+outboxCols, append([]any{ms(now), owner.Host, owner.PID, owner.Token}, args...)...)
	e, err := scanOutbox(row)
	return e, dbErr(err)
}

// Heartbeat renews the lease of every entry owner holds and returns how
// many it holds.
func (s *Store) Heartbeat(ctx context.Context, owner core.OutboxOwner, now time.Time) (int, error) {
	res, err := s.w.ExecContext(ctx, `UPDATE outbox SET heartbeat_at = ? WHERE owner_token = ?`, ms(now), owner.Token)
	if err != nil {
		return 0, fmt.Errorf("store: outbox heartbeat: %w", dbErr(err))
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("store: outbox heartbeat: %w", err)
	}
	return int(n), nil
}

// Leases lists the entries some runner holds, for a runner to take over
// those whose owner is gone.
func (s *Store) Leases(ctx context.Context) ([]core.OutboxEntry, error) {
	return s.outboxWhere(ctx, "owner_token <> ''")
}

// TakeOver ends the lease of a runner that is gone (the engine decides
// that) on the entry as it was read: an entry it was sending becomes
// unconfirmed, one it was checking is released; both are checked at
// checkAt. A lease renewed since it was read, or an entry changed
// meanwhile, is core.ErrOutboxChanged.
func (s *Store) TakeOver(ctx context.Context, ent core.OutboxEntry, checkAt time.Time) error {
	err := s.change(ctx, s.w, ent, `heartbeat_at = ?`, []any{ms(ent.Heartbeat)},
		`state = 'unconfirmed', not_before = ?`, ms(checkAt))
	if err != nil {
		return fmt.Errorf("store: outbox %d: take over from %s: %w", ent.ID, ownerName(ent.Owner), err)
	}
	return nil
}

// FinishOutbox records that a held entry took effect remotely.
func (s *Store) FinishOutbox(ctx context.Context, ent core.OutboxEntry, remoteID string) error {
	err := s.change(ctx, s.w, ent, "", nil, `state = 'sent', remote_id = ?, last_error = ''`, remoteID)
	if err != nil {
		return fmt.Errorf("store: outbox %d: finish: %w", ent.ID, err)
	}
	return nil
}

// FinishReply records that a held reply was delivered and stores it as an
// outgoing item of its thread, in one transaction: a reply marked sent is
// always shown in its thread. It returns the item's id.
func (s *Store) FinishReply(ctx context.Context, ent core.OutboxEntry, remoteID string, out core.Item) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := s.change(ctx, tx, ent, "", nil, `state = 'sent', remote_id = ?, last_error = ''`, remoteID)
		if err != nil {
			return err
		}
		id, err = writeOutgoing(ctx, tx, out, s.now())
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: outbox %d: finish reply %q: %w", ent.ID, remoteID, err)
	}
	return id, nil
}

// FailOutbox records a failed attempt of a held entry. A zero retryAt
// fails it for good (a person must act); otherwise it is queued again for
// retryAt.
func (s *Store) FailOutbox(ctx context.Context, ent core.OutboxEntry, msg string, retryAt time.Time) error {
	state := core.OutboxQueued
	if retryAt.IsZero() {
		state = core.OutboxFailed
	}
	err := s.change(ctx, s.w, ent, "", nil, `state = ?, last_error = ?, not_before = ?, attempts = attempts + 1`,
		state, msg, msOrZero(retryAt))
	if err != nil {
		return fmt.Errorf("store: outbox %d: fail: %w", ent.ID, err)
	}
	return nil
}

// UnconfirmOutbox records that a held entry's outcome is unknown: it is
// checked against the remote at checkAt, never blindly sent again. A zero
// checkAt plans no check: a person decides.
func (s *Store) UnconfirmOutbox(ctx context.Context, ent core.OutboxEntry, msg string, checkAt time.Time) error {
	err := s.change(ctx, s.w, ent, "", nil, `state = 'unconfirmed', last_error = ?, not_before = ?`,
		msg, msOrZero(checkAt))
	if err != nil {
		return fmt.Errorf("store: outbox %d: unconfirm: %w", ent.ID, err)
	}
	return nil
}

// change is every state change a runner makes, as a compare-and-set on the
// entry as it holds it: its state and its owner (and, when given, more
// conditions). It lets go of the entry. When the entry no longer is in that
// state or held by that owner nothing changes, and the error says where it
// stands now.
func (s *Store) change(ctx context.Context, db execQuerier, ent core.OutboxEntry, cond string, condArgs []any, set string, setArgs ...any) error {
	if ent.Owner.IsZero() {
		return fmt.Errorf("%w: outbox %d is not held by anyone", core.ErrOutboxChanged, ent.ID)
	}
	q := `UPDATE outbox SET ` + set + `, ` + releaseLease + `, updated_at = ?
		WHERE id = ? AND state = ? AND owner_token = ?`
	if cond != "" {
		q += " AND " + cond
	}
	args := append(append(setArgs, ms(s.now()), ent.ID, ent.State, ent.Owner.Token), condArgs...)
	res, err := db.ExecContext(ctx, q, args...)
	if err != nil {
		return dbErr(err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return err
	}
	return s.changedMeanwhile(ctx, db, ent)
}

// changedMeanwhile explains a compare-and-set that changed nothing.
func (s *Store) changedMeanwhile(ctx context.Context, db execQuerier, ent core.OutboxEntry) error {
	now, err := scanOutbox(db.QueryRowContext(ctx, "SELECT "+outboxCols+" FROM outbox WHERE id = ?", ent.ID))
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: it was discarded", core.ErrOutboxChanged)
	}
	if err != nil {
		return err
	}
	held := "held by nobody"
	if !now.Owner.IsZero() {
		held = "held by " + ownerName(now.Owner)
	}
	return fmt.Errorf("%w: it is %s and %s, not %s and held by %s",
		core.ErrOutboxChanged, now.State, held, ent.State, ownerName(ent.Owner))
}

// execQuerier is the database or a transaction.
type execQuerier interface {
	execer
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// ownerName names a runner in errors: "pid 4242 on host (token 1a2b3c4d)".
func ownerName(o core.OutboxOwner) string {
	return fmt.Sprintf("pid %d on %s (token %.8s)", o.PID, o.Host, o.Token)
}

// Outbox lists an item's entries (itemID 0: all entries), newest first.
func (s *Store) Outbox(ctx context.Context, itemID int64) ([]core.OutboxEntry, error) {
	out, err := s.outboxWhere(ctx, "?1 = 0 OR item_id = ?1", itemID)
	if err != nil {
		return nil, fmt.Errorf("store: outbox of item %d: %w", itemID, err)
	}
	return out, nil
}

// OutboxEntry reads one entry.
func (s *Store) OutboxEntry(ctx context.Context, id int64) (core.OutboxEntry, error) {
	e, err := scanOutbox(s.r.QueryRowContext(ctx, "SELECT "+outboxCols+" FROM outbox WHERE id = ?", id))
	if err != nil {
		return e, fmt.Errorf("store: outbox %d: %w", id, dbErr(err))
	}
	return e, nil
}

func (s *Store) outboxWhere(ctx context.Context, where string, args ...any) ([]core.OutboxEntry, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT "+outboxCols+" FROM outbox WHERE "+where+" ORDER BY id DESC", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []core.OutboxEntry{}
	for rows.Next() {
		e, err := scanOutbox(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// RetryOutbox queues a failed or unconfirmed entry again because a person
// asked, with a fresh count of attempts. An entry in another state, or one
// a runner holds right now, is core.ErrConflict.
func (s *Store) RetryOutbox(ctx context.Context, id int64) error {
	// A person retries what failed, or what Hearth could not confirm
	// once they checked the channel themselves: never Hearth alone.
	err := s.personal(ctx, id, "retried", `UPDATE outbox SET state = 'queued', attempts = 0, not_before = 0,
		updated_at = ? WHERE id = ? AND state IN ('failed', 'unconfirmed') AND owner_token = ''`, ms(s.now()), id)
	if err != nil {
		return fmt.Errorf("store: outbox %d: retry: %w", id, err)
	}
	return nil
}

// DiscardOutbox drops an entry a person gave up on: a failed one, or one
// whose outcome Hearth could not confirm and that they found sent.
func (s *Store) DiscardOutbox(ctx context.Context, id int64) error {
	err := s.personal(ctx, id, "discarded", `DELETE FROM outbox
		WHERE id = ? AND state IN ('failed', 'unconfirmed') AND owner_token = ''`, id)
	if err != nil {
		return fmt.Errorf("store: outbox %d: discard: %w", id, err)
	}
	return nil
}

// personal runs a person's action on an entry (a compare-and-set: only a
// failed or unconfirmed entry that no runner holds) and says why it could
// not.
func (s *Store) personal(ctx context.Context, id int64, verb, q string, args ...any) error {
	res, err := s.w.ExecContext(ctx, q, args...)
	if err != nil {
		return dbErr(err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return err
	}
	e, err := s.OutboxEntry(ctx, id)
	if err != nil {
		return err
	}
	if !e.Owner.IsZero() {
		return fmt.Errorf("%w: Hearth is checking this entry right now: it can be %s once the check is done", core.ErrConflict, verb)
	}
	return fmt.Errorf("%w: the entry is %s: only a failed or unconfirmed one can be %s", core.ErrConflict, e.State, verb)
}

func scanOutbox(sc scanner) (core.OutboxEntry, error) {
	var (
		e                                      core.OutboxEntry
		itemID                                 sql.NullInt64
		notBefore, created, updated, beat, try int64
	)
	err := sc.Scan(&e.ID, &e.AccountID, &itemID, &e.Op, &e.Payload, &e.IdemKey, &e.State, &e.Attempts,
		&e.LastError, &e.RemoteID, &notBefore, &created, &updated, &e.Owner.Host, &e.Owner.PID,
		&e.Owner.Token, &beat, &try)
	if err != nil {
		return e, err
	}
	e.ItemID = itemID.Int64
	e.NotBefore, e.Heartbeat, e.AttemptedAt = fromMSOrZero(notBefore), fromMSOrZero(beat), fromMSOrZero(try)
	e.CreatedAt, e.UpdatedAt = fromMS(created), fromMS(updated)
	return e, nil
}

// msOrZero stores the zero time as 0 ("not set"), not as a date in year 1.
func msOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return ms(t)
}

func fromMSOrZero(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return fromMS(v)
}

// nullID stores an absent reference (0) as NULL.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
