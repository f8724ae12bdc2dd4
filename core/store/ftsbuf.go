package store

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/hearthhq/hearth/core"
)

// ftsBuffer collects a transaction's full-text index changes and writes
// them in two statements at its end. Writing them item by item costs a
// hundredfold: FTS5 flushes its pending terms to disk at every statement
// savepoint, which every later write in the transaction opens.
type ftsBuffer struct {
	removed []int64
	rows    map[int64]ftsRow
}

// ftsRow is one index entry, in the folded form the index holds.
type ftsRow struct {
	Key     int64  `json:"k"`
	Subject string `json:"s"`
	Body    string `json:"b"`
	Author  string `json:"a"`
}

func (b *ftsBuffer) add(key int64, it core.Item) {
	b.rows[key] = ftsRow{Key: key, Subject: fold(it.Subject), Body: fold(it.Text), Author: fold(authorText(it.Author))}
}

// remove drops the entry of key: from the buffer if it was added in this
// transaction (it is not in the index yet), else from the index.
func (b *ftsBuffer) remove(key int64) {
	if _, ok := b.rows[key]; ok {
		delete(b.rows, key)
		return
	}
	b.removed = append(b.removed, key)
}

func (b *ftsBuffer) flush(st *stmts) error {
	if len(b.removed) > 0 {
		if _, err := st.exec("DELETE FROM items_fts WHERE rowid IN (SELECT value FROM json_each(?))",
			jsonList(b.removed)); err != nil {
			return fmt.Errorf("unindex: %w", err)
		}
	}
	if len(b.rows) == 0 {
		return nil
	}
	rows := make([]ftsRow, 0, len(b.rows))
	for _, r := range b.rows {
		rows = append(rows, r)
	}
	slices.SortFunc(rows, func(a, b ftsRow) int { return cmp.Compare(a.Key, b.Key) })
	js, err := json.Marshal(rows)
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	_, err = st.exec(`INSERT INTO items_fts (rowid, subject, body, author)
		SELECT value ->> 'k', value ->> 's', value ->> 'b', value ->> 'a' FROM json_each(?)`, string(js))
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	if err := recordTerms(st, string(js)); err != nil {
		return fmt.Errorf("index terms: %w", err)
	}
	b.removed, b.rows = nil, map[int64]ftsRow{}
	return nil
}

// recordTerms adds the terms of rows (ftsRow JSON) to fts_terms, and the
// word forms of the new ones to term_forms. The rows
// go through a scratch in-memory FTS5 table with the same tokenizer, so the
// terms are exactly the index's; its vocabulary costs what the batch
// costs, where the main index's vocabulary would cost what the index holds.
func recordTerms(st *stmts, rows string) error {
	for _, q := range []string{
		`CREATE VIRTUAL TABLE IF NOT EXISTS temp.terms_stage USING fts5 (subject, body, author,
			content = '', tokenize = '` + ftsTokenizer + `')`,
		"CREATE VIRTUAL TABLE IF NOT EXISTS temp.terms_stage_vocab USING fts5vocab (temp, terms_stage, 'row')",
	} {
		if _, err := st.tx.ExecContext(st.ctx, q); err != nil {
			return err
		}
	}
	if _, err := st.exec(`INSERT INTO temp.terms_stage (rowid, subject, body, author)
		SELECT value ->> 'k', value ->> 's', value ->> 'b', value ->> 'a' FROM json_each(?)`, rows); err != nil {
		return err
	}
	added, err := newTerms(st)
	if err != nil {
		return err
	}
	if err := addForms(st, added); err != nil {
		return err
	}
	_, err = st.exec("INSERT INTO temp.terms_stage (terms_stage) VALUES ('delete-all')")
	return err
}

// newTerms adds the staged terms to fts_terms and returns those it had not
// seen before, whose word forms are then recorded.
func newTerms(st *stmts) ([]string, error) {
	rows, err := st.query("INSERT OR IGNORE INTO fts_terms (term) SELECT term FROM temp.terms_stage_vocab RETURNING term")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var added []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		added = append(added, t)
	}
	return added, rows.Err()
}
