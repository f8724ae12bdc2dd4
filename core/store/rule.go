package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/hearthhq/hearth/core"
)

const ruleCols = "id, name, query, actions, stop, enabled, auto_reply, position, created_at"

// AddRule saves a rule last in the order; a name taken (in any case) is
// core.ErrConflict. The caller checks the query and actions.
func (s *Store) AddRule(ctx context.Context, r core.Rule) (core.Rule, error) {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		r.CreatedAt = s.now()
		return tx.QueryRowContext(ctx, `INSERT INTO rules (name, query, actions, stop, enabled, auto_reply,
			position, created_at) VALUES (?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM rules), ?)
			RETURNING id, position`, strings.TrimSpace(r.Name), r.Query, core.RuleActionsString(r.Actions),
			r.Stop, r.Enabled, r.AutoReply, ms(r.CreatedAt)).Scan(&r.ID, &r.Position)
	})
	if err != nil {
		return r, fmt.Errorf("store: add rule %q: %w", r.Name, dbErr(err))
	}
	return r, nil
}

// UpdateRule replaces a rule's name, query, actions and switches; its
// place in the order stays.
func (s *Store) UpdateRule(ctx context.Context, r core.Rule) error {
	err := execOne(ctx, s.w, `UPDATE rules SET name = ?, query = ?, actions = ?, stop = ?, enabled = ?,
		auto_reply = ? WHERE id = ?`, strings.TrimSpace(r.Name), r.Query, core.RuleActionsString(r.Actions),
		r.Stop, r.Enabled, r.AutoReply, r.ID)
	if err != nil {
		return fmt.Errorf("store: update rule %d: %w", r.ID, dbErr(err))
	}
	return nil
}

// Rules lists the rules in the order they run.
func (s *Store) Rules(ctx context.Context) ([]core.Rule, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT "+ruleCols+" FROM rules ORDER BY position, id")
	if err != nil {
		return nil, fmt.Errorf("store: rules: %w", err)
	}
	defer rows.Close()
	out := []core.Rule{}
	for rows.Next() {
		r, err := scanRule(rows)
		if err != nil {
			return nil, fmt.Errorf("store: rules: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: rules: %w", err)
	}
	return out, nil
}

func scanRule(rows *sql.Rows) (core.Rule, error) {
	var (
		r       core.Rule
		actions string
		created int64
	)
	err := rows.Scan(&r.ID, &r.Name, &r.Query, &actions, &r.Stop, &r.Enabled, &r.AutoReply, &r.Position, &created)
	if err != nil {
		return r, err
	}
	r.CreatedAt = fromMS(created)
	// Saved by ParseRuleActions' own String: an action an older Hearth
	// does not know is dropped rather than failing every ingest.
	for _, part := range strings.Split(actions, ",") {
		if a, err := core.ParseRuleAction(part); err == nil {
			r.Actions = append(r.Actions, a)
		}
	}
	return r, nil
}

// RemoveRule deletes a rule; the steps it took stay on their items, named.
func (s *Store) RemoveRule(ctx context.Context, id int64) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := execOne(ctx, tx, "DELETE FROM rules WHERE id = ?", id); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, renumberRules)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: remove rule %d: %w", id, dbErr(err))
	}
	return nil
}

// renumberRules numbers the rules 1..n in their order, so that a rule
// added next goes last.
const renumberRules = `UPDATE rules SET position = (SELECT COUNT(*) FROM rules r2
	WHERE r2.position < rules.position OR (r2.position = rules.position AND r2.id <= rules.id))`

// OrderRules puts the rules in the order of ids (first runs first); rules
// left out keep their relative order after them.
func (s *Store) OrderRules(ctx context.Context, ids []int64) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE rules SET position = COALESCE(
			(SELECT key + 1 FROM json_each(?1) WHERE value = rules.id), json_array_length(?1) + 1 + position)`,
			jsonList(ids))
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, renumberRules)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: order rules: %w", dbErr(err))
	}
	return nil
}
