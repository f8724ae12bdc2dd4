package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/hearthhq/hearth/core"
)

// ApplyBatchWith is ApplyBatch with a step run inside its transaction once
// the batch is written and before it commits: the rules (core/rules). What
// the step writes commits with the items, so nobody ever reads an item the
// rules have not seen, and a failure writes neither.
func (s *Store) ApplyBatchWith(ctx context.Context, accountID int64, b core.Batch,
	after func(core.RuleTx, core.BatchResult) error) (core.BatchResult, error) {
	var res core.BatchResult
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		w := newItemWriter(ctx, tx, accountID, s.now())
		w.st.kept = &s.kept
		defer w.close()
		var err error
		res, err = w.apply(b)
		if err != nil {
			return err
		}
		if after != nil {
			if err := after(ruleTx{st: w.st}, res); err != nil {
				return fmt.Errorf("rules: %w", err)
			}
		}
		return writeCursors(ctx, tx, accountID, b.Cursors)
	})
	if err != nil {
		return core.BatchResult{}, fmt.Errorf("store: account %d: apply batch: %w", accountID, err)
	}
	return res, nil
}

// ruleTx is core.RuleTx on a batch's transaction.
type ruleTx struct{ st *stmts }

var _ core.RuleTx = ruleTx{}

// Items returns items by id with text, tags and the author's followers.
func (t ruleTx) Items(ids []int64) ([]core.RuleItem, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := t.st.query("SELECT "+itemColsFull+` FROM items i JOIN accounts a ON a.id = i.account_id
		WHERE i.id IN (SELECT value FROM json_each(?)) ORDER BY i.created_at, i.id`, jsonList(ids))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []core.RuleItem
	index := map[int64]int{}
	for rows.Next() {
		ri := core.RuleItem{Followers: -1}
		if ri.Item, err = scanItem(rows, true); err != nil {
			return nil, err
		}
		index[ri.Item.ID] = len(out)
		out = append(out, ri)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	err = t.fill(ids, `SELECT i.id, n.followers FROM items i JOIN identities n ON n.id = i.author_identity_id
		WHERE i.id IN (SELECT value FROM json_each(?))`, func(id int64, v string) {
		out[index[id]].Followers, _ = strconv.Atoi(v)
	})
	if err != nil {
		return nil, err
	}
	return out, t.fill(ids, `SELECT it.item_id, t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id
		WHERE it.item_id IN (SELECT value FROM json_each(?)) ORDER BY t.name`, func(id int64, v string) {
		out[index[id]].Item.Tags = append(out[index[id]].Item.Tags, v)
	})
}

// fill runs query with ids and hands each (id, value) row to add.
func (t ruleTx) fill(ids []int64, query string, add func(int64, string)) error {
	rows, err := t.st.query(query, jsonList(ids))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id int64
			v  string
		)
		if err := rows.Scan(&id, &v); err != nil {
			return err
		}
		add(id, v)
	}
	return rows.Err()
}

// Ruled returns, per item, the rules that already acted on it.
func (t ruleTx) Ruled(ids []int64) (map[int64][]int64, error) {
	out := map[int64][]int64{}
	if len(ids) == 0 {
		return out, nil
	}
	err := t.fill(ids, `SELECT DISTINCT item_id, rule_id FROM rule_actions
		WHERE item_id IN (SELECT value FROM json_each(?)) AND rule_id IS NOT NULL`, func(id int64, v string) {
		r, _ := strconv.ParseInt(v, 10, 64)
		out[id] = append(out[id], r)
	})
	return out, err
}

// RepliedSince reports whether an auto-reply not undone went to author at
// or after since.
func (t ruleTx) RepliedSince(author string, since time.Time) (bool, error) {
	var n int
	err := t.st.queryRow(`SELECT COUNT(*) FROM rule_actions WHERE author = ? AND at >= ?
		AND undone_at IS NULL AND outcome = ''`, author, ms(since)).Scan(&n)
	return n > 0, err
}

// Raw returns an item's original message, nil when none is kept.
func (t ruleTx) Raw(itemID int64) ([]byte, error) {
	var raw []byte
	err := t.st.queryRow("SELECT raw FROM item_raw WHERE item_id = ?", itemID).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return raw, err
}

// Take performs a rule's step on an item and records it with what it
// replaced. A step with an Outcome (held, skipped) is recorded only.
func (t ruleTx) Take(w core.RuleWrite) (core.RuleStep, error) {
	step := w.Step
	if step.Outcome == "" {
		if err := t.perform(w, &step); err != nil {
			return step, fmt.Errorf("rule %q on item %d: %s: %w", step.RuleName, step.ItemID, step.Action, err)
		}
	}
	err := t.st.queryRow(`INSERT INTO rule_actions (item_id, rule_id, rule_name, action, previous, outcome,
		outbox_id, author, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, step.ItemID, nullID(step.RuleID),
		step.RuleName, step.Action.String(), step.Previous, step.Outcome, nullID(step.OutboxID), w.Author,
		ms(step.At)).Scan(&step.ID)
	if err != nil {
		return step, fmt.Errorf("rule %q on item %d: record: %w", step.RuleName, step.ItemID, dbErr(err))
	}
	return step, nil
}

func (t ruleTx) perform(w core.RuleWrite, step *core.RuleStep) error {
	if w.Outbox != nil {
		id, err := t.enqueue(*w.Outbox, step.At)
		if err != nil {
			return err
		}
		step.OutboxID = id
	}
	switch step.Action.Kind {
	case core.RuleTag:
		return t.tag(step)
	case core.RuleState, core.RuleHide:
		st, until := core.State(step.Action.Arg), time.Time{}
		if step.Action.Kind == core.RuleHide {
			st = core.StateHidden
		}
		if st == core.StateSnoozed {
			until = step.At.Add(step.Action.For)
		}
		return t.setState(w.Item, st, until, step)
	case core.RuleNotify:
		_, err := t.st.exec("INSERT INTO notifications (item_id, rule_name, at) VALUES (?, ?, ?)",
			step.ItemID, step.RuleName, ms(step.At))
		return err
	}
	return nil
}

func (t ruleTx) tag(step *core.RuleStep) error {
	var tagID int64
	err := t.st.queryRow(`INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO UPDATE SET name = name
		RETURNING id`, step.Action.Arg).Scan(&tagID)
	if err != nil {
		return err
	}
	res, err := t.st.exec("INSERT OR IGNORE INTO item_tags (item_id, tag_id) VALUES (?, ?)", step.ItemID, tagID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		step.Previous = core.PreviousHadTag
	}
	return nil
}

// setState moves the item alone, not its conversation: a VK post's
// comments are one conversation, and a rule judges one message (as the
// inbox's Moderate does). Its former state is kept as Previous.
func (t ruleTx) setState(it core.Item, st core.State, until time.Time, step *core.RuleStep) error {
	step.Previous = core.EncodePrevious(it.State, it.SnoozeUntil)
	_, err := t.st.exec("UPDATE items SET state = ?, snooze_until = ? WHERE id = ?", st, nullMS(until), it.ID)
	return err
}

func (t ruleTx) enqueue(e core.OutboxEntry, now time.Time) (int64, error) {
	var id int64
	err := t.st.queryRow(`INSERT INTO outbox (account_id, item_id, op, payload, idem_key, state, not_before,
		created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'queued', 0, ?, ?) RETURNING id`,
		e.AccountID, nullID(e.ItemID), e.Op, e.Payload, e.IdemKey, ms(now), ms(now)).Scan(&id)
	return id, dbErr(err)
}
