package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/hearthhq/hearth/core"
)

const targetCols = `t.id, t.post_id, t.account_id, a.name, a.kind, t.text, t.state, t.idem_key, t.attempts,
	t.since, t.retry_at, t.late_ok, t.remote_id, t.url, t.published_at, t.error`

// Target returns one post target, or core.ErrNotFound.
func (s *Store) Target(ctx context.Context, id int64) (core.PostTarget, error) {
	ts, err := s.queryTargets(ctx, "WHERE t.id = ?", id)
	if err != nil {
		return core.PostTarget{}, fmt.Errorf("store: target %d: %w", id, err)
	}
	if len(ts) == 0 {
		return core.PostTarget{}, fmt.Errorf("store: target %d: %w", id, core.ErrNotFound)
	}
	return ts[0], nil
}

// DueTargets returns the scheduled targets whose time has come (and whose
// rate-limit pause is over), oldest first. Skipped occurrences never are.
func (s *Store) DueTargets(ctx context.Context, now time.Time) ([]core.PostTarget, error) {
	ts, err := s.queryTargets(ctx, `JOIN posts p ON p.id = t.post_id WHERE t.state = 'scheduled'
		AND p.skipped = 0 AND p.at <= ?1 AND (t.retry_at IS NULL OR t.retry_at <= ?1) ORDER BY p.at, t.id`, ms(now))
	if err != nil {
		return nil, fmt.Errorf("store: due targets: %w", err)
	}
	return ts, nil
}

// NextDue returns when the next scheduled target falls due, so the
// publishing engine sleeps until then; core.ErrNotFound when none is.
func (s *Store) NextDue(ctx context.Context) (time.Time, error) {
	var next sql.NullInt64
	err := s.r.QueryRowContext(ctx, `SELECT min(max(p.at, coalesce(t.retry_at, 0))) FROM post_targets t
		JOIN posts p ON p.id = t.post_id WHERE t.state = 'scheduled' AND p.skipped = 0 AND p.at IS NOT NULL`).Scan(&next)
	if err != nil {
		return time.Time{}, fmt.Errorf("store: next due: %w", dbErr(err))
	}
	if !next.Valid {
		return time.Time{}, fmt.Errorf("store: next due: %w", core.ErrNotFound)
	}
	return fromMS(next.Int64), nil
}

// TargetsIn returns the targets in a state, oldest first: the unconfirmed
// ones to check, the held ones to review.
func (s *Store) TargetsIn(ctx context.Context, state core.TargetState) ([]core.PostTarget, error) {
	ts, err := s.queryTargets(ctx, "WHERE t.state = ? ORDER BY t.id", state)
	if err != nil {
		return nil, fmt.Errorf("store: %s targets: %w", state, err)
	}
	return ts, nil
}

// ClaimTarget moves a scheduled target to publishing before its channel is
// called, counting the attempt and dating the first one. Only one claimer
// gets it: core.ErrNotFound means it is no longer scheduled.
func (s *Store) ClaimTarget(ctx context.Context, id int64, now time.Time) (core.PostTarget, error) {
	if err := execOne(ctx, s.w, `UPDATE post_targets SET state = 'publishing', attempts = attempts + 1,
		since = coalesce(since, ?), error = '', updated_at = ? WHERE id = ? AND state = 'scheduled'`,
		ms(now), ms(s.now()), id); err != nil {
		return core.PostTarget{}, fmt.Errorf("store: claim target %d: %w", id, err)
	}
	return s.Target(ctx, id)
}

// RecoverPublishing marks unconfirmed every target left publishing by a
// process that stopped mid-call: whether the post went out is unknown.
func (s *Store) RecoverPublishing(ctx context.Context) (int, error) {
	res, err := s.w.ExecContext(ctx, `UPDATE post_targets SET state = 'unconfirmed',
		error = 'Hearth stopped while publishing', updated_at = ? WHERE state = 'publishing'`, ms(s.now()))
	if err != nil {
		return 0, fmt.Errorf("store: recover publishing targets: %w", dbErr(err))
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// PublishedTarget records what the channel answered.
func (s *Store) PublishedTarget(ctx context.Context, id int64, p core.Published) error {
	return s.setTarget(ctx, id, `state = 'published', remote_id = ?, url = ?, published_at = ?, error = '',
		retry_at = NULL`, "('publishing', 'unconfirmed')", p.RemoteID, p.URL, nullMS(p.At))
}

// FailTarget records why a target failed; a person may retry it.
func (s *Store) FailTarget(ctx context.Context, id int64, reason string) error {
	return s.setTarget(ctx, id, "state = 'failed', error = ?", "('publishing', 'unconfirmed')", reason)
}

// UnconfirmTarget records that a call's outcome is unknown: the channel is
// asked before anything else happens to the target.
func (s *Store) UnconfirmTarget(ctx context.Context, id int64, reason string) error {
	return s.setTarget(ctx, id, "state = 'unconfirmed', error = ?", "('publishing')", reason)
}

// RescheduleTarget puts a target back in the queue, not before retryAt (the
// channel asked to slow down, or an unconfirmed post proved absent).
func (s *Store) RescheduleTarget(ctx context.Context, id int64, retryAt time.Time, reason string) error {
	return s.setTarget(ctx, id, "state = 'scheduled', retry_at = ?, error = ?", "('publishing', 'unconfirmed')",
		nullMS(retryAt), reason)
}

// HoldTarget keeps a late target for a person to review.
func (s *Store) HoldTarget(ctx context.Context, id int64, reason string) error {
	return s.setTarget(ctx, id, "state = 'held', error = ?", "('scheduled')", reason)
}

// RetryTarget queues a failed or held target again, alone, at once: the
// person chose to, so lateness no longer holds it. Its key stays the same.
func (s *Store) RetryTarget(ctx context.Context, id int64) error {
	return s.setTarget(ctx, id, "state = 'scheduled', error = '', retry_at = NULL, late_ok = 1", "('failed', 'held')")
}

// setTarget updates a target that is in one of the from states;
// core.ErrNotFound when there is no such target in those states.
func (s *Store) setTarget(ctx context.Context, id int64, set, from string, args ...any) error {
	args = append(args, ms(s.now()), id)
	err := execOne(ctx, s.w, "UPDATE post_targets SET "+set+", updated_at = ? WHERE id = ? AND state IN "+from, args...)
	if err != nil {
		change, _, _ := strings.Cut(set, ",")
		return fmt.Errorf("store: target %d: set %s: %w", id, change, err)
	}
	return nil
}

func (s *Store) queryTargets(ctx context.Context, where string, args ...any) ([]core.PostTarget, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT "+targetCols+" FROM post_targets t JOIN accounts a ON a.id = t.account_id "+where, args...)
	if err != nil {
		return nil, dbErr(err)
	}
	defer rows.Close()
	var ts []core.PostTarget
	for rows.Next() {
		var t core.PostTarget
		var since, retry, published sql.NullInt64
		if err := rows.Scan(&t.ID, &t.PostID, &t.AccountID, &t.Account, &t.AccountKind, &t.Text, &t.State, &t.Key,
			&t.Attempts, &since, &retry, &t.LateOK, &t.RemoteID, &t.URL, &published, &t.Error); err != nil {
			return nil, dbErr(err)
		}
		t.Since, t.RetryAt, t.PublishedAt = fromNullMS(since), fromNullMS(retry), fromNullMS(published)
		ts = append(ts, t)
	}
	return ts, dbErr(rows.Err())
}
