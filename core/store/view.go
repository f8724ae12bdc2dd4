package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/hearthhq/hearth/core"
)

// AddView saves a query under a name; a name taken (in any case) is
// core.ErrConflict. The caller checks that the query parses.
func (s *Store) AddView(ctx context.Context, v core.View) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `INSERT INTO views (name, query, watch, created_at)
			VALUES (?, ?, ?, ?) RETURNING id`, strings.TrimSpace(v.Name), v.Query, v.Watch, ms(s.now())).Scan(&id)
	})
	if err != nil {
		return 0, fmt.Errorf("store: add view %q: %w", v.Name, dbErr(err))
	}
	return id, nil
}

// Views lists the saved views by name.
func (s *Store) Views(ctx context.Context) ([]core.View, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT id, name, query, watch, created_at FROM views ORDER BY name")
	if err != nil {
		return nil, fmt.Errorf("store: views: %w", err)
	}
	defer rows.Close()
	out := []core.View{}
	for rows.Next() {
		var (
			v       core.View
			created int64
		)
		if err := rows.Scan(&v.ID, &v.Name, &v.Query, &v.Watch, &created); err != nil {
			return nil, fmt.Errorf("store: views: %w", err)
		}
		v.CreatedAt = fromMS(created)
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: views: %w", err)
	}
	return out, nil
}

// RemoveView deletes the view of that name (any case); core.ErrNotFound
// when there is none. Items its watch tagged keep their tag.
func (s *Store) RemoveView(ctx context.Context, name string) error {
	res, err := s.w.ExecContext(ctx, "DELETE FROM views WHERE name = ?", strings.TrimSpace(name))
	if err != nil {
		return fmt.Errorf("store: remove view %q: %w", name, dbErr(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: remove view %q: %w", name, core.ErrNotFound)
	}
	return nil
}
