package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/hearthhq/hearth/core"
)

const outboxCols = `id, account_id, item_id, op, payload, idem_key, state, attempts, last_error,
	remote_id, not_before, created_at, updated_at`

// claimLease is how long a claimed unconfirmed entry is kept from other
// claimers while its outcome is checked.
const claimLease = time.Minute

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
		e.AccountID, nullID(e.ItemID), e.Op, e.Payload, e.IdemKey, ms(e.NotBefore), ms(e.CreatedAt),
		ms(now)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: enqueue %s for item %d: %w", e.Op, e.ItemID, dbErr(err))
	}
	return id, nil
}

// ClaimNext takes the oldest due entry, queued or unconfirmed. A queued
// entry becomes sending in the same statement, so two claimers never get
// the same one; an unconfirmed entry stays unconfirmed (its outcome must be
// checked before anything is sent) and is held back from other claimers
// for a lease. core.ErrNotFound means nothing is due.
func (s *Store) ClaimNext(ctx context.Context, now time.Time) (core.OutboxEntry, error) {
	row := s.w.QueryRowContext(ctx, `UPDATE outbox SET
			state = CASE state WHEN 'queued' THEN 'sending' ELSE state END,
			not_before = CASE state WHEN 'unconfirmed' THEN ?1 ELSE not_before END,
			updated_at = ?2
		WHERE id = (SELECT id FROM outbox WHERE state IN ('queued', 'unconfirmed') AND not_before <= ?2
			ORDER BY id LIMIT 1)
		RETURNING `+outboxCols, ms(now.Add(claimLease)), ms(now))
	e, err := scanOutbox(row)
	if err != nil {
		return e, fmt.Errorf("store: claim outbox: %w", dbErr(err))
	}
	return e, nil
}

// FinishOutbox records that an entry took effect remotely.
func (s *Store) FinishOutbox(ctx context.Context, id int64, remoteID string) error {
	err := execOne(ctx, s.w, `UPDATE outbox SET state = 'sent', remote_id = ?, last_error = '',
		updated_at = ? WHERE id = ?`, remoteID, ms(s.now()), id)
	if err != nil {
		return fmt.Errorf("store: outbox %d: finish: %w", id, err)
	}
	return nil
}

// FailOutbox records a failed attempt. A zero retryAt fails the entry for
// good (a person must act); otherwise it is queued again for retryAt.
func (s *Store) FailOutbox(ctx context.Context, id int64, msg string, retryAt time.Time) error {
	state, notBefore := core.OutboxQueued, ms(retryAt)
	if retryAt.IsZero() {
		state, notBefore = core.OutboxFailed, 0
	}
	err := execOne(ctx, s.w, `UPDATE outbox SET state = ?, last_error = ?, not_before = ?,
		attempts = attempts + 1, updated_at = ? WHERE id = ?`, state, msg, notBefore, ms(s.now()), id)
	if err != nil {
		return fmt.Errorf("store: outbox %d: fail: %w", id, err)
	}
	return nil
}

// UnconfirmOutbox records that an attempt's outcome is unknown: the entry
// is checked against the remote at checkAt, never blindly sent again.
func (s *Store) UnconfirmOutbox(ctx context.Context, id int64, msg string, checkAt time.Time) error {
	err := execOne(ctx, s.w, `UPDATE outbox SET state = 'unconfirmed', last_error = ?, not_before = ?,
		updated_at = ? WHERE id = ?`, msg, ms(checkAt), ms(s.now()), id)
	if err != nil {
		return fmt.Errorf("store: outbox %d: unconfirm: %w", id, err)
	}
	return nil
}

// RecoverOutbox runs at startup: entries left sending by a process that
// died mid-send become unconfirmed. It returns how many.
func (s *Store) RecoverOutbox(ctx context.Context) (int, error) {
	res, err := s.w.ExecContext(ctx, `UPDATE outbox SET state = 'unconfirmed', updated_at = ?
		WHERE state = 'sending'`, ms(s.now()))
	if err != nil {
		return 0, fmt.Errorf("store: recover outbox: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("store: recover outbox: %w", err)
	}
	return int(n), nil
}

// Outbox lists an item's entries (itemID 0: all entries), newest first.
func (s *Store) Outbox(ctx context.Context, itemID int64) ([]core.OutboxEntry, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT "+outboxCols+
		" FROM outbox WHERE ?1 = 0 OR item_id = ?1 ORDER BY id DESC", itemID)
	if err != nil {
		return nil, fmt.Errorf("store: outbox of item %d: %w", itemID, err)
	}
	defer rows.Close()
	var out []core.OutboxEntry
	for rows.Next() {
		e, err := scanOutbox(rows)
		if err != nil {
			return nil, fmt.Errorf("store: outbox of item %d: %w", itemID, err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: outbox of item %d: %w", itemID, err)
	}
	return out, nil
}

// RetryOutbox queues a failed entry again because a person asked, with a
// fresh count of attempts. An entry that has not failed is core.ErrConflict.
func (s *Store) RetryOutbox(ctx context.Context, id int64) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var state core.OutboxState
		if err := tx.QueryRowContext(ctx, "SELECT state FROM outbox WHERE id = ?", id).Scan(&state); err != nil {
			return dbErr(err)
		}
		// A person retries what failed, or what Hearth could not confirm
		// once they checked the channel themselves: never Hearth alone.
		if state != core.OutboxFailed && state != core.OutboxUnconfirmed {
			return fmt.Errorf("%w: the entry is %s, not failed", core.ErrConflict, state)
		}
		_, err := tx.ExecContext(ctx, `UPDATE outbox SET state = 'queued', attempts = 0, not_before = 0,
			updated_at = ? WHERE id = ?`, ms(s.now()), id)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: outbox %d: retry: %w", id, err)
	}
	return nil
}

// DiscardOutbox drops an entry a person gave up on: a failed one, or one
// whose outcome Hearth could not confirm and that they found sent.
func (s *Store) DiscardOutbox(ctx context.Context, id int64) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var state core.OutboxState
		if err := tx.QueryRowContext(ctx, "SELECT state FROM outbox WHERE id = ?", id).Scan(&state); err != nil {
			return dbErr(err)
		}
		if state != core.OutboxFailed && state != core.OutboxUnconfirmed {
			return fmt.Errorf("%w: the entry is %s: only a failed or unconfirmed one can be discarded", core.ErrConflict, state)
		}
		_, err := tx.ExecContext(ctx, "DELETE FROM outbox WHERE id = ?", id)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: outbox %d: discard: %w", id, err)
	}
	return nil
}

func scanOutbox(sc scanner) (core.OutboxEntry, error) {
	var (
		e                           core.OutboxEntry
		itemID                      sql.NullInt64
		notBefore, created, updated int64
	)
	err := sc.Scan(&e.ID, &e.AccountID, &itemID, &e.Op, &e.Payload, &e.IdemKey, &e.State, &e.Attempts,
		&e.LastError, &e.RemoteID, &notBefore, &created, &updated)
	if err != nil {
		return e, err
	}
	e.ItemID = itemID.Int64
	if notBefore != 0 {
		e.NotBefore = fromMS(notBefore)
	}
	e.CreatedAt, e.UpdatedAt = fromMS(created), fromMS(updated)
	return e, nil
}

// nullID stores an absent reference (0) as NULL.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
