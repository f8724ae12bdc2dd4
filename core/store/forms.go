package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/hearthhq/hearth/core/wordform"
)

// settingFormsVersion names the setting holding the wordform.Version the
// term_forms table was built with.
const settingFormsVersion = "term_forms_version"

// formsChunk is how many terms go to term_forms per statement.
const formsChunk = 5000

// ensureTermForms (re)builds term_forms from the index's vocabulary when it
// was built by other stemmers, or never (a workspace older than the query
// language). It stems the vocabulary, not the items: a million items hold a
// few hundred thousand terms.
func (s *Store) ensureTermForms(ctx context.Context) error {
	want := strconv.Itoa(wordform.Version)
	if v, err := s.Setting(ctx, settingFormsVersion); err == nil && v == want {
		return nil
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		st := newStmts(ctx, tx)
		defer st.close()
		if _, err := st.exec("DELETE FROM term_forms"); err != nil {
			return err
		}
		terms, err := allTerms(ctx, tx)
		if err != nil {
			return err
		}
		for start := 0; start < len(terms); start += formsChunk {
			if err := addForms(st, terms[start:min(start+formsChunk, len(terms))]); err != nil {
				return err
			}
		}
		_, err = st.exec(`INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, settingFormsVersion, want)
		return err
	})
	if err != nil {
		return fmt.Errorf("word forms: %w", err)
	}
	return nil
}

func allTerms(ctx context.Context, tx *sql.Tx) ([]string, error) {
	rows, err := tx.QueryContext(ctx, "SELECT term FROM fts_terms")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var terms []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		terms = append(terms, t)
	}
	return terms, rows.Err()
}

// addForms records the form keys of new index terms.
func addForms(st *stmts, terms []string) error {
	pairs := make([][2]string, 0, len(terms)*2)
	for _, t := range terms {
		for _, k := range wordform.Keys(t) {
			pairs = append(pairs, [2]string{k, t})
		}
	}
	if len(pairs) == 0 {
		return nil
	}
	js, err := json.Marshal(pairs)
	if err != nil {
		return err
	}
	_, err = st.exec(`INSERT OR IGNORE INTO term_forms (form, term)
		SELECT value ->> 0, value ->> 1 FROM json_each(?)`, string(js))
	return err
}

// formsOf returns the index terms that are forms of a folded word, itself
// excluded, in term order.
func (s *Store) formsOf(ctx context.Context, word string) ([]string, error) {
	keys := wordform.Keys(word)
	if len(keys) == 0 {
		return nil, nil
	}
	rows, err := s.r.QueryContext(ctx, `SELECT DISTINCT term FROM term_forms
		WHERE form IN (SELECT value FROM json_each(?)) AND term <> ? ORDER BY term LIMIT ?`,
		jsonList(keys), word, maxExpansion)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var terms []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		terms = append(terms, t)
	}
	return terms, rows.Err()
}
