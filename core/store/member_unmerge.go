package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hearthhq/hearth/core"
)

// mergeSnapshot is what a merge changed, kept so that it can be taken
// back exactly: both member rows as they were, which identities and notes
// moved, and the rows of the side tables of both members.
type mergeSnapshot struct {
	Into, From   map[string]any
	Identities   []int64
	Notes        []int64
	IntoSide     map[string][]map[string]any
	FromSide     map[string][]map[string]any
	SchemaTables []string
}

// memberSideTables are the tables a merge folds into the kept member.
var memberSideTables = []string{"member_tags", "member_interests", "member_expertise", "member_rituals"}

// MergeMembersUndoable merges like MergeMembers and returns what undoes it
// (UndoMerge), taken in the same transaction.
func (s *Store) MergeMembersUndoable(ctx context.Context, into, from int64, fields func(into, from core.Member) core.Member) (core.MergeUndo, error) {
	if into == from {
		return core.MergeUndo{}, fmt.Errorf("store: merge member %d into itself", into)
	}
	var snap mergeSnapshot
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if snap, err = snapshotMerge(ctx, tx, into, from); err != nil {
			return err
		}
		return mergeInTx(ctx, tx, into, from, fields)
	})
	if err != nil {
		return core.MergeUndo{}, fmt.Errorf("store: merge member %d into %d: %w", from, into, err)
	}
	raw, err := json.Marshal(snap)
	if err != nil {
		return core.MergeUndo{}, fmt.Errorf("store: merge member %d into %d: keep the undo: %w", from, into, err)
	}
	return core.MergeUndo{Into: into, From: from, Snapshot: raw}, nil
}

func snapshotMerge(ctx context.Context, tx *sql.Tx, into, from int64) (mergeSnapshot, error) {
	snap := mergeSnapshot{IntoSide: map[string][]map[string]any{}, FromSide: map[string][]map[string]any{}}
	for _, m := range []struct {
		id  int64
		dst *map[string]any
	}{{into, &snap.Into}, {from, &snap.From}} {
		rows, err := rowsAsMaps(ctx, tx, "SELECT * FROM members WHERE id = ?", m.id)
		if err != nil {
			return snap, err
		}
		if len(rows) != 1 {
			return snap, fmt.Errorf("member %d: %w", m.id, core.ErrNotFound)
		}
		*m.dst = rows[0]
	}
	var err error
	if snap.Identities, err = ids(ctx, tx, "SELECT identity_id FROM member_identities WHERE member_id = ?", from); err != nil {
		return snap, err
	}
	if snap.Notes, err = ids(ctx, tx, "SELECT id FROM member_notes WHERE member_id = ?", from); err != nil {
		return snap, err
	}
	for _, t := range memberSideTables {
		if snap.IntoSide[t], err = rowsAsMaps(ctx, tx, "SELECT * FROM "+t+" WHERE member_id = ?", into); err != nil {
			return snap, err
		}
		if snap.FromSide[t], err = rowsAsMaps(ctx, tx, "SELECT * FROM "+t+" WHERE member_id = ?", from); err != nil {
			return snap, err
		}
	}
	return snap, nil
}

// UndoMerge takes a merge back: the merged member comes back under its
// old id with its identities, notes, tags, interests, expertise and
// rituals, and the kept member is as it was before. It refuses, changing
// nothing, when the files changed meanwhile in a way it cannot undo (the
// merged member's id in use, an identity moved elsewhere).
func (s *Store) UndoMerge(ctx context.Context, u core.MergeUndo) error {
	var snap mergeSnapshot
	dec := json.NewDecoder(bytes.NewReader(u.Snapshot))
	dec.UseNumber() // ids and times stay exact integers
	if err := dec.Decode(&snap); err != nil {
		return fmt.Errorf("store: undo merge of %d: damaged undo record: %w", u.From, err)
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := insertMap(ctx, tx, "members", snap.From); err != nil {
			return fmt.Errorf("bring back member %d: %w", u.From, err)
		}
		for _, id := range snap.Identities {
			res, err := tx.ExecContext(ctx, "UPDATE member_identities SET member_id = ? WHERE identity_id = ? AND member_id = ?", u.From, id, u.Into)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return fmt.Errorf("identity %d is no longer in member %d's file", id, u.Into)
			}
		}
		for _, id := range snap.Notes {
			if _, err := tx.ExecContext(ctx, "UPDATE member_notes SET member_id = ? WHERE id = ? AND member_id = ?", u.From, id, u.Into); err != nil {
				return err
			}
		}
		for _, t := range memberSideTables {
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+t+" WHERE member_id = ?", u.Into); err != nil {
				return err
			}
			for _, r := range append(append([]map[string]any(nil), snap.IntoSide[t]...), snap.FromSide[t]...) {
				if err := insertMap(ctx, tx, t, r); err != nil {
					return err
				}
			}
		}
		if err := updateMap(ctx, tx, "members", snap.Into); err != nil {
			return err
		}
		for _, id := range []int64{u.Into, u.From} {
			if _, err := tx.ExecContext(ctx, "UPDATE members SET dirty = 1 WHERE id = ?", id); err != nil {
				return err
			}
			if err := deriveMember(ctx, tx, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: undo merge of %d into %d: %w", u.From, u.Into, dbErr(err))
	}
	return nil
}

// rowsAsMaps reads rows as column -> value, for a snapshot to write back.
func rowsAsMaps(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]map[string]any, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out []map[string]any
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		m := make(map[string]any, len(cols))
		for i, c := range cols {
			m[c] = vals[i]
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func ids(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// sqlValue turns a decoded snapshot value back into what SQLite stored:
// json.Number as an integer (or a float when it has a fraction).
func sqlValue(v any) any {
	n, ok := v.(json.Number)
	if !ok {
		return v
	}
	if i, err := n.Int64(); err == nil {
		return i
	}
	f, _ := n.Float64()
	return f
}

// Column names come from the database itself (SELECT *), never from a
// person, so they may be spliced into the statement.
func insertMap(ctx context.Context, tx *sql.Tx, table string, row map[string]any) error {
	cols := make([]string, 0, len(row))
	args := make([]any, 0, len(row))
	for c, v := range row {
		cols = append(cols, c)
		args = append(args, sqlValue(v))
	}
	q := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES (?" + strings.Repeat(", ?", len(cols)-1) + ")"
	_, err := tx.ExecContext(ctx, q, args...)
	return err
}

func updateMap(ctx context.Context, tx *sql.Tx, table string, row map[string]any) error {
	var sets []string
	var args []any
	for c, v := range row {
		if c == "id" {
			continue
		}
		sets = append(sets, c+" = ?")
		args = append(args, sqlValue(v))
	}
	args = append(args, sqlValue(row["id"]))
	_, err := tx.ExecContext(ctx, "UPDATE "+table+" SET "+strings.Join(sets, ", ")+" WHERE id = ?", args...)
	return err
}
