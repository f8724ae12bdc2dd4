package store

// The dashboard's day summaries (migration 17): rows core/stats writes and
// reads back as they are, and the change marks the triggers keep, which
// tell which summaries no longer hold.

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/hearthhq/hearth/core"
)

// StatsMark is the workspace's latest change mark: a summary read after it
// holds until an hour of its day gets a later one.
func (s *Store) StatsMark(ctx context.Context) (int64, error) {
	var m int64
	err := s.r.QueryRowContext(ctx, "SELECT COALESCE(max(mark), 0) FROM stats_changes INDEXED BY stats_changes_mark").Scan(&m)
	if err != nil {
		return 0, fmt.Errorf("store: stats mark: %w", dbErr(err))
	}
	return m, nil
}

// StatsChanges returns the hours overlapping [from, to) that changed after
// mark.
func (s *Store) StatsChanges(ctx context.Context, from, to time.Time, after int64) ([]core.ChangedHour, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT hour, mark FROM stats_changes
		WHERE hour >= ?1 AND hour < ?2 AND mark > ?3 ORDER BY hour`,
		floorDiv(ms(from), hourMS), floorDiv(ms(to)+hourMS-1, hourMS), after)
	if err != nil {
		return nil, fmt.Errorf("store: stats changes: %w", dbErr(err))
	}
	defer rows.Close()
	var out []core.ChangedHour
	for rows.Next() {
		var h, m int64
		if err := rows.Scan(&h, &m); err != nil {
			return nil, fmt.Errorf("store: stats changes: %w", err)
		}
		out = append(out, core.ChangedHour{Hour: fromMS(h * hourMS), Mark: m})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: stats changes: %w", dbErr(err))
	}
	return out, nil
}

// StatsDays returns the day summaries kept for the days first to last
// (YYYY-MM-DD, both included) under key.
func (s *Store) StatsDays(ctx context.Context, key, first, last string) ([]core.StatsDay, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT day, key, mark, data FROM stats_days
		WHERE day >= ?1 AND day <= ?2 AND key = ?3 ORDER BY day`, first, last, key)
	if err != nil {
		return nil, fmt.Errorf("store: stats days: %w", dbErr(err))
	}
	defer rows.Close()
	var out []core.StatsDay
	for rows.Next() {
		var d core.StatsDay
		if err := rows.Scan(&d.Day, &d.Key, &d.Mark, &d.Data); err != nil {
			return nil, fmt.Errorf("store: stats days: %w", err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: stats days: %w", dbErr(err))
	}
	return out, nil
}

// SaveStatsDays keeps day summaries, replacing those of the same days.
func (s *Store) SaveStatsDays(ctx context.Context, days []core.StatsDay) error {
	if len(days) == 0 {
		return nil
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, `INSERT INTO stats_days (day, key, mark, data) VALUES (?, ?, ?, ?)
			ON CONFLICT (day) DO UPDATE SET key = excluded.key, mark = excluded.mark, data = excluded.data`)
		if err != nil {
			return err
		}
		defer st.Close()
		for _, d := range days {
			if _, err := st.ExecContext(ctx, d.Day, d.Key, d.Mark, d.Data); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: save stats days: %w", dbErr(err))
	}
	return nil
}
