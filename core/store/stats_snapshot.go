package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/hearthhq/hearth/core"
)

// snapshotChannels are the channel bits a day's snapshot is taken for; 0
// is every member.
var snapshotChannels = []int{0, 1, 2, 4}

// SaveSnapshot records the members' numbers of a day (day: its civil date
// in the workspace's zone, the cohorts by b, active: wrote since
// activeSince) and each member's quadrant where it changed, once: a day
// already recorded is left as it was and SaveSnapshot reports false.
func (s *Store) SaveSnapshot(ctx context.Context, day string, at time.Time, b core.CohortBounds, activeSince time.Time) (bool, error) {
	taken := false
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM stats_snapshots WHERE day = ?", day).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		for _, bit := range snapshotChannels {
			if err := saveChannelSnapshot(ctx, tx, day, at, b, activeSince, bit); err != nil {
				return err
			}
		}
		// A member's quadrant is written when it differs from the one
		// recorded last (the first time: always).
		_, err := tx.ExecContext(ctx, `INSERT INTO member_quadrants (member_id, day, quadrant)
			SELECT m.id, ?1, m.quadrant FROM members m
			WHERE m.quadrant IS NOT (SELECT h.quadrant FROM member_quadrants h
				WHERE h.member_id = m.id ORDER BY h.day DESC LIMIT 1)`, day)
		taken = err == nil
		return err
	})
	if err != nil {
		return false, fmt.Errorf("store: save snapshot %s: %w", day, dbErr(err))
	}
	return taken, nil
}

func saveChannelSnapshot(ctx context.Context, tx *sql.Tx, day string, at time.Time, b core.CohortBounds, activeSince time.Time, bit int) error {
	cohorts, quadrants := map[core.Cohort]int{}, map[core.Quadrant]int{}
	if err := countStatsSegments(ctx, tx, b, bit, cohorts, quadrants); err != nil {
		return err
	}
	active, err := countActiveSince(ctx, tx, activeSince, bit)
	if err != nil {
		return err
	}
	total := 0
	for _, n := range quadrants {
		total += n
	}
	cj, _ := json.Marshal(cohorts) // maps of strings to ints always encode
	qj, _ := json.Marshal(quadrants)
	_, err = tx.ExecContext(ctx, `INSERT INTO stats_snapshots (day, channel, taken_at, total, active, cohorts, quadrants)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, day, bit, ms(at), total, active, string(cj), string(qj))
	return err
}

// Snapshot returns the numbers recorded on a day for one channel (""
// for every member), or core.ErrNotFound.
func (s *Store) Snapshot(ctx context.Context, day string, channel core.IdentityKind) (core.Snapshot, error) {
	return s.snapshot(ctx, "day = ?1", day, channel)
}

// LatestSnapshot returns the latest snapshot on or before a day, or
// core.ErrNotFound.
func (s *Store) LatestSnapshot(ctx context.Context, day string, channel core.IdentityKind) (core.Snapshot, error) {
	return s.snapshot(ctx, "day = (SELECT max(day) FROM stats_snapshots WHERE day <= ?1 AND channel = ?2)", day, channel)
}

func (s *Store) snapshot(ctx context.Context, which, day string, channel core.IdentityKind) (core.Snapshot, error) {
	sn := core.Snapshot{Channel: channel}
	var (
		at     int64
		cj, qj string
	)
	err := s.r.QueryRowContext(ctx, `SELECT day, taken_at, total, active, cohorts, quadrants FROM stats_snapshots
		WHERE `+which+` AND channel = ?2`, day, channelBit(channel)).Scan(&sn.Day, &at, &sn.Total, &sn.Active, &cj, &qj)
	if err != nil {
		return sn, fmt.Errorf("store: snapshot %s: %w", day, dbErr(err))
	}
	sn.TakenAt = fromMS(at)
	if err := errors.Join(json.Unmarshal([]byte(cj), &sn.Cohorts), json.Unmarshal([]byte(qj), &sn.Quadrants)); err != nil {
		return sn, fmt.Errorf("store: snapshot %s: %w", day, err)
	}
	return sn, nil
}

// QuadrantMoves counts the members of a channel ("" for all) whose
// quadrant recorded on or before toDay differs from the one on or before
// fromDay, by pair (From empty: not recorded by fromDay). Only members
// recorded in between can have moved, so they alone are looked up.
func (s *Store) QuadrantMoves(ctx context.Context, fromDay, toDay string, channel core.IdentityKind) ([]core.QuadrantMove, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT q0, q1, count(*) FROM (
			SELECT (SELECT h.quadrant FROM member_quadrants h WHERE h.member_id = c.member_id AND h.day <= ?1
					ORDER BY h.day DESC LIMIT 1) AS q0,
				(SELECT h.quadrant FROM member_quadrants h WHERE h.member_id = c.member_id AND h.day <= ?2
					ORDER BY h.day DESC LIMIT 1) AS q1
			FROM (SELECT DISTINCT member_id FROM member_quadrants INDEXED BY member_quadrants_day
				WHERE day > ?1 AND day <= ?2) c
			JOIN members m ON m.id = c.member_id
			WHERE ?3 = 0 OR m.channels & ?3 <> 0)
		WHERE q0 IS NULL OR q0 <> q1 GROUP BY q0, q1`, fromDay, toDay, channelBit(channel))
	if err != nil {
		return nil, fmt.Errorf("store: quadrant moves: %w", dbErr(err))
	}
	defer rows.Close()
	var moves []core.QuadrantMove
	for rows.Next() {
		var (
			q0 sql.NullString
			mv core.QuadrantMove
		)
		if err := rows.Scan(&q0, &mv.To, &mv.Members); err != nil {
			return nil, fmt.Errorf("store: quadrant moves: %w", err)
		}
		mv.From = core.Quadrant(q0.String)
		moves = append(moves, mv)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: quadrant moves: %w", dbErr(err))
	}
	return moves, nil
}

// SaveSnapshotAsOf records a past day's snapshot as the items tell it
// (a workspace that starts keeping snapshots late, or the demo's history):
// the members first seen by at, those who wrote since activeSince, the
// cohorts by b on what each had written by then (per day, in UTC), and
// each member's quadrant as it is now, where it differs from the last one
// recorded. Like SaveSnapshot, a day already recorded is left alone.
func (s *Store) SaveSnapshotAsOf(ctx context.Context, day string, at time.Time, b core.CohortBounds, activeSince time.Time) (bool, error) {
	taken := false
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM stats_snapshots WHERE day = ?", day).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		for _, bit := range snapshotChannels {
			if err := saveSnapshotAsOf(ctx, tx, day, at, b, activeSince, bit); err != nil {
				return err
			}
		}
		// The quadrant then is not known: the first one recorded after
		// the day, else today's, so that backfilling makes up no moves.
		_, err := tx.ExecContext(ctx, `INSERT INTO member_quadrants (member_id, day, quadrant)
			SELECT id, ?1, q FROM (SELECT m.id, COALESCE((SELECT h.quadrant FROM member_quadrants h
					WHERE h.member_id = m.id AND h.day > ?1 ORDER BY h.day LIMIT 1), m.quadrant) AS q,
				(SELECT h.quadrant FROM member_quadrants h
					WHERE h.member_id = m.id AND h.day <= ?1 ORDER BY h.day DESC LIMIT 1) AS before
				FROM members m WHERE m.first_seen < ?2)
			WHERE q IS NOT before`, day, ms(at))
		taken = err == nil
		return err
	})
	if err != nil {
		return false, fmt.Errorf("store: save snapshot as of %s: %w", day, dbErr(err))
	}
	return taken, nil
}

// membersAsOf is the members table as it stood at ?1 (ms): those first
// seen by then, last seen on the last day they wrote by then (its noon).
const membersAsOf = `(SELECT m.id, m.channels, m.quadrant, m.first_seen,
		(SELECT max(d.day) * 86400000 + 43200000 FROM member_identities mi
			JOIN identity_days d ON d.identity_id = mi.identity_id
			WHERE mi.member_id = m.id AND d.day <= ?1 / 86400000) AS last_seen
	FROM members m WHERE m.first_seen < ?1)`

func saveSnapshotAsOf(ctx context.Context, tx *sql.Tx, day string, at time.Time, b core.CohortBounds, activeSince time.Time, bit int) error {
	cohorts, quadrants := map[core.Cohort]int{}, map[core.Quadrant]int{}
	for _, co := range core.Cohorts {
		cond, args := cohortSQL(co, b)
		var n int
		// ?1 and ?2 come first in the text: the cohort's plain ? follow.
		err := tx.QueryRowContext(ctx, "SELECT count(*) FROM "+membersAsOf+" m WHERE (?2 = 0 OR m.channels & ?2 <> 0) AND "+
			cond, append([]any{ms(at), bit}, args...)...).Scan(&n)
		if err != nil {
			return err
		}
		cohorts[co] = n
	}
	for _, qd := range core.Quadrants {
		quadrants[qd] = 0
	}
	rows, err := tx.QueryContext(ctx, "SELECT quadrant, count(*) FROM "+membersAsOf+
		" m WHERE ?2 = 0 OR m.channels & ?2 <> 0 GROUP BY quadrant", ms(at), bit)
	if err != nil {
		return err
	}
	total := 0
	for rows.Next() {
		var (
			qd string
			n  int
		)
		if err := rows.Scan(&qd, &n); err != nil {
			rows.Close()
			return err
		}
		quadrants[core.Quadrant(qd)] += n
		total += n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var active int
	err = tx.QueryRowContext(ctx, "SELECT count(*) FROM "+membersAsOf+` m
		WHERE m.last_seen >= ?3 AND (?2 = 0 OR m.channels & ?2 <> 0)`, ms(at), bit, ms(activeSince)).Scan(&active)
	if err != nil {
		return err
	}
	cj, _ := json.Marshal(cohorts) // maps of strings to ints always encode
	qj, _ := json.Marshal(quadrants)
	_, err = tx.ExecContext(ctx, `INSERT INTO stats_snapshots (day, channel, taken_at, total, active, cohorts, quadrants)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, day, bit, ms(at), total, active, string(cj), string(qj))
	return err
}
