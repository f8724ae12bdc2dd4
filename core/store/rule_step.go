package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/hearthhq/hearth/core"
)

const ruleStepCols = "id, item_id, COALESCE(rule_id, 0), rule_name, action, previous, outcome, COALESCE(outbox_id, 0), at, undone_at"

// RuleSteps returns what rules did to the items of a conversation (or to
// one item when threadID is 0), oldest first.
func (s *Store) RuleSteps(ctx context.Context, itemID, threadID int64) ([]core.RuleStep, error) {
	var out []core.RuleStep
	err := s.scanRows(ctx, func(r *sql.Rows) error {
		st, err := scanRuleStep(r)
		out = append(out, st)
		return err
	}, "SELECT "+ruleStepCols+` FROM rule_actions WHERE item_id = ?1
		OR (?2 <> 0 AND item_id IN (SELECT id FROM items WHERE thread_id = ?2)) ORDER BY at, id`, itemID, threadID)
	if err != nil {
		return nil, fmt.Errorf("store: rule steps of %d: %w", itemID, err)
	}
	return out, nil
}

// RuleStep returns one step.
func (s *Store) RuleStep(ctx context.Context, id int64) (core.RuleStep, error) {
	var out []core.RuleStep
	err := s.scanRows(ctx, func(r *sql.Rows) error {
		st, err := scanRuleStep(r)
		out = append(out, st)
		return err
	}, "SELECT "+ruleStepCols+" FROM rule_actions WHERE id = ?", id)
	if err == nil && len(out) == 0 {
		err = core.ErrNotFound
	}
	if err != nil {
		return core.RuleStep{}, fmt.Errorf("store: rule step %d: %w", id, err)
	}
	return out[0], nil
}

func scanRuleStep(r *sql.Rows) (core.RuleStep, error) {
	var (
		st     core.RuleStep
		action string
		at     int64
		undone sql.NullInt64
	)
	err := r.Scan(&st.ID, &st.ItemID, &st.RuleID, &st.RuleName, &action, &st.Previous, &st.Outcome, &st.OutboxID, &at, &undone)
	if err != nil {
		return st, err
	}
	st.Action, _ = core.ParseRuleAction(action) // written by String; an unknown kind keeps its name
	if st.Action.Kind == "" {
		st.Action.Kind = core.RuleActionKind(action)
	}
	st.At, st.UndoneAt = fromMS(at), fromNullMS(undone)
	return st, nil
}

// MarkRuleStepUndone records that a person undid a step; a step undone
// already is core.ErrConflict.
func (s *Store) MarkRuleStepUndone(ctx context.Context, id int64, at time.Time) error {
	err := execOne(ctx, s.w, "UPDATE rule_actions SET undone_at = ? WHERE id = ? AND undone_at IS NULL", ms(at), id)
	if errors.Is(err, core.ErrNotFound) {
		err = fmt.Errorf("%w: the step is undone already or gone", core.ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("store: undo rule step %d: %w", id, err)
	}
	return nil
}

// CancelQueued removes an outbox entry nobody has started on; one already
// taken (sending, sent) is core.ErrConflict: it may be out.
func (s *Store) CancelQueued(ctx context.Context, id int64) error {
	err := execOne(ctx, s.w, "DELETE FROM outbox WHERE id = ? AND state = 'queued' AND owner_token = ''", id)
	if errors.Is(err, core.ErrNotFound) {
		err = fmt.Errorf("%w: it has been sent or is being sent", core.ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("store: cancel outbox %d: %w", id, err)
	}
	return nil
}

// DropNotification withdraws the notifications a rule asked for an item.
func (s *Store) DropNotification(ctx context.Context, itemID int64, ruleName string) error {
	_, err := s.w.ExecContext(ctx, "DELETE FROM notifications WHERE item_id = ? AND rule_name = ?", itemID, ruleName)
	if err != nil {
		return fmt.Errorf("store: drop notification of %d: %w", itemID, dbErr(err))
	}
	return nil
}

// TakeNotifications returns the notifications not shown yet, oldest
// first, and marks them shown: each is shown once.
func (s *Store) TakeNotifications(ctx context.Context, now time.Time) ([]core.Notification, error) {
	var out []core.Notification
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `UPDATE notifications SET shown_at = ?
			WHERE shown_at IS NULL RETURNING id, item_id, rule_name, at`, ms(now))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				n  core.Notification
				at int64
			)
			if err := rows.Scan(&n.ID, &n.ItemID, &n.RuleName, &at); err != nil {
				return err
			}
			n.At = fromMS(at)
			out = append(out, n)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		for i := range out {
			err := tx.QueryRowContext(ctx, "SELECT subject, snippet FROM items WHERE id = ?", out[i].ItemID).
				Scan(&out[i].Subject, &out[i].Snippet)
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: notifications: %w", dbErr(err))
	}
	return out, nil
}
