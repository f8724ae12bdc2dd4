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
	t.since, t.retry_at, t.late_ok, t.remote_id, t.url, t.published_at, t.error, t.owner_host, t.owner_pid,
	t.owner_token, t.heartbeat_at`

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
// called, leased to owner, counting the attempt and dating the first one.
// Only one claimer gets it: core.ErrNotFound means it is no longer
// scheduled.
func (s *Store) ClaimTarget(ctx context.Context, id int64, now time.Time, owner core.OutboxOwner) (core.PostTarget, error) {
	if owner.IsZero() {
		return core.PostTarget{}, fmt.Errorf("store: claim target %d: no owner", id)
	}
	if err := execOne(ctx, s.w, `UPDATE post_targets SET state = 'publishing', attempts = attempts + 1,
		since = coalesce(since, ?1), error = '', owner_host = ?2, owner_pid = ?3, owner_token = ?4,
		heartbeat_at = ?1, updated_at = ?5 WHERE id = ?6 AND state = 'scheduled'`,
		ms(now), owner.Host, owner.PID, owner.Token, ms(s.now()), id); err != nil {
		return core.PostTarget{}, fmt.Errorf("store: claim target %d: %w", id, err)
	}
	return s.Target(ctx, id)
}

// ClaimCheck leases an unconfirmed target nobody holds to owner, who asks
// its channel whether the post exists; it stays unconfirmed meanwhile.
// core.ErrNotFound means it is no longer unconfirmed, or another engine
// is checking it.
func (s *Store) ClaimCheck(ctx context.Context, id int64, now time.Time, owner core.OutboxOwner) (core.PostTarget, error) {
	if owner.IsZero() {
		return core.PostTarget{}, fmt.Errorf("store: claim check of target %d: no owner", id)
	}
	if err := execOne(ctx, s.w, `UPDATE post_targets SET owner_host = ?, owner_pid = ?, owner_token = ?,
		heartbeat_at = ? WHERE id = ? AND state = 'unconfirmed' AND owner_token = ''`,
		owner.Host, owner.PID, owner.Token, ms(now), id); err != nil {
		return core.PostTarget{}, fmt.Errorf("store: claim check of target %d: %w", id, err)
	}
	return s.Target(ctx, id)
}

// TargetHeartbeat renews the lease of every target owner holds and returns
// how many it holds.
func (s *Store) TargetHeartbeat(ctx context.Context, owner core.OutboxOwner, now time.Time) (int, error) {
	res, err := s.w.ExecContext(ctx, `UPDATE post_targets SET heartbeat_at = ? WHERE owner_token = ?`, ms(now), owner.Token)
	if err != nil {
		return 0, fmt.Errorf("store: target heartbeat: %w", dbErr(err))
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("store: target heartbeat: %w", err)
	}
	return int(n), nil
}

// TargetLeases lists the targets some engine holds, for an engine to take
// over those whose owner is gone.
func (s *Store) TargetLeases(ctx context.Context) ([]core.PostTarget, error) {
	ts, err := s.queryTargets(ctx, "WHERE t.owner_token <> '' ORDER BY t.id")
	if err != nil {
		return nil, fmt.Errorf("store: target leases: %w", err)
	}
	return ts, nil
}

// TakeOverTarget ends the lease of an engine that is gone (the caller
// decides that) on the target as it was read: one it was publishing
// becomes unconfirmed (whether the post went out is unknown), one it was
// checking is let go. A lease renewed or a target changed since it was
// read is core.ErrNotFound: nothing changes.
func (s *Store) TakeOverTarget(ctx context.Context, t core.PostTarget) error {
	err := execOne(ctx, s.w, `UPDATE post_targets SET
			state = CASE state WHEN 'publishing' THEN 'unconfirmed' ELSE state END,
			error = CASE state WHEN 'publishing' THEN 'Hearth stopped while publishing' ELSE error END,
			`+releaseLease+`, updated_at = ?
		WHERE id = ? AND state = ? AND owner_token = ? AND heartbeat_at = ?`,
		ms(s.now()), t.ID, t.State, t.Owner.Token, msOrZero(t.Heartbeat))
	if err != nil {
		return fmt.Errorf("store: target %d: take over from %s: %w", t.ID, ownerName(t.Owner), err)
	}
	return nil
}

// ReleaseTarget lets go of an unconfirmed target its owner could not check
// (the channel did not answer): the next check, by any engine, asks again.
func (s *Store) ReleaseTarget(ctx context.Context, t core.PostTarget) error {
	return s.setTarget(ctx, t, "state = state", "('unconfirmed')")
}

// PublishedTarget records what the channel answered for a target t's
// owner holds, and lets go of it.
func (s *Store) PublishedTarget(ctx context.Context, t core.PostTarget, p core.Published) error {
	return s.setTarget(ctx, t, `state = 'published', remote_id = ?, url = ?, published_at = ?, error = '',
		retry_at = NULL`, "('publishing', 'unconfirmed')", p.RemoteID, p.URL, nullMS(p.At))
}

// FailTarget records why a target failed; a person may retry it.
func (s *Store) FailTarget(ctx context.Context, t core.PostTarget, reason string) error {
	return s.setTarget(ctx, t, "state = 'failed', error = ?", "('publishing', 'unconfirmed')", reason)
}

// UnconfirmTarget records that a call's outcome is unknown: the channel is
// asked before anything else happens to the target.
func (s *Store) UnconfirmTarget(ctx context.Context, t core.PostTarget, reason string) error {
	return s.setTarget(ctx, t, "state = 'unconfirmed', error = ?", "('publishing')", reason)
}

// RescheduleTarget puts a target back in the queue, not before retryAt (the
// channel asked to slow down, or the call failed before reaching it).
func (s *Store) RescheduleTarget(ctx context.Context, t core.PostTarget, retryAt time.Time, reason string) error {
	return s.setTarget(ctx, t, "state = 'scheduled', retry_at = ?, error = ?", "('publishing', 'unconfirmed')",
		nullMS(retryAt), reason)
}

// HoldTarget keeps a late target for a person to review.
func (s *Store) HoldTarget(ctx context.Context, id int64, reason string) error {
	return s.setState(ctx, id, "state = 'held', error = ?", "('scheduled')", reason)
}

// RetryTarget queues a failed or held target again, alone, at once: the
// person chose to, so lateness no longer holds it. Its key stays the same.
func (s *Store) RetryTarget(ctx context.Context, id int64) error {
	return s.setState(ctx, id, "state = 'scheduled', error = '', retry_at = NULL, late_ok = 1", "('failed', 'held')")
}

// setTarget is every change an engine makes to a target it holds, as a
// compare-and-set on its owner; it lets go of the target.
// core.ErrNotFound when the target is not in one of the from states or no
// longer held by t's owner (another engine took it over).
func (s *Store) setTarget(ctx context.Context, t core.PostTarget, set, from string, args ...any) error {
	if t.Owner.IsZero() {
		return fmt.Errorf("store: target %d: not held by anyone", t.ID)
	}
	args = append(args, ms(s.now()), t.ID, t.Owner.Token)
	err := execOne(ctx, s.w, "UPDATE post_targets SET "+set+", "+releaseLease+", updated_at = ? WHERE id = ? AND state IN "+
		from+" AND owner_token = ?", args...)
	if err != nil {
		change, _, _ := strings.Cut(set, ",")
		return fmt.Errorf("store: target %d: set %s: %w", t.ID, change, err)
	}
	return nil
}

// setState updates a target nobody holds that is in one of the from
// states; core.ErrNotFound when there is no such target.
func (s *Store) setState(ctx context.Context, id int64, set, from string, args ...any) error {
	args = append(args, ms(s.now()), id)
	err := execOne(ctx, s.w, "UPDATE post_targets SET "+set+", updated_at = ? WHERE id = ? AND state IN "+from+
		" AND owner_token = ''", args...)
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
		var beat int64
		if err := rows.Scan(&t.ID, &t.PostID, &t.AccountID, &t.Account, &t.AccountKind, &t.Text, &t.State, &t.Key,
			&t.Attempts, &since, &retry, &t.LateOK, &t.RemoteID, &t.URL, &published, &t.Error,
			&t.Owner.Host, &t.Owner.PID, &t.Owner.Token, &beat); err != nil {
			return nil, dbErr(err)
		}
		t.Since, t.RetryAt, t.PublishedAt = fromNullMS(since), fromNullMS(retry), fromNullMS(published)
		t.Heartbeat = fromMSOrZero(beat)
		ts = append(ts, t)
	}
	return ts, dbErr(rows.Err())
}
