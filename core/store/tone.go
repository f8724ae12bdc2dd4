package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/hearthhq/hearth/core"
)

// moderationCond selects the moderation queue (core.Tone.NeedsModeration,
// not marked fine, not ours). It is written exactly as the condition of
// the partial index items_moderation (the tone migration, NNNN_tone.sql), so that SQLite
// reads the queue from that index; -0.5 is core.StronglyNegativeAt
// (TestModerationCondMatchesCore keeps the two equal).
const moderationCond = "(i.abusive = 1 OR i.sentiment <= -0.5) AND i.moderation_fine = 0 AND i.outgoing = 0"

// toneCols scans the tone columns of an item; all NULL until computed.
type toneCols struct {
	lang      sql.NullString
	sentiment sql.NullFloat64
	abusive   sql.NullBool
}

func (c toneCols) tone() *core.Tone {
	if !c.lang.Valid {
		return nil
	}
	return &core.Tone{Lang: c.lang.String, Sentiment: c.sentiment.Float64, Abusive: c.abusive.Bool}
}

// writeTone stores the tone given with an item; without one the item
// keeps what it had (the background analysis fills what is missing).
func (w *itemWriter) writeTone(id int64, t *core.Tone) error {
	if t == nil {
		return nil
	}
	_, err := w.st.exec("UPDATE items SET lang = ?, sentiment = ?, abusive = ? WHERE id = ?",
		t.Lang, clampSentiment(t.Sentiment), t.Abusive, id)
	if err != nil {
		return fmt.Errorf("tone %d: %w", id, err)
	}
	return nil
}

func clampSentiment(s float64) float64 { return max(-1, min(1, s)) }

// ToneTodo returns up to limit items whose tone is not computed yet,
// newest first (what a person sees first gets its tone first).
func (s *Store) ToneTodo(ctx context.Context, limit int) ([]core.ToneText, error) {
	var out []core.ToneText
	err := s.scanRows(ctx, func(r *sql.Rows) error {
		var t core.ToneText
		if err := r.Scan(&t.ItemID, &t.Subject, &t.Text); err != nil {
			return err
		}
		out = append(out, t)
		return nil
	}, `SELECT id, subject, text FROM items INDEXED BY items_tone_todo WHERE lang IS NULL
		ORDER BY created_at DESC, id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("store: tone todo: %w", err)
	}
	return out, nil
}

// SetTones stores computed tones, by item id, in one transaction.
func (s *Store) SetTones(ctx context.Context, tones map[int64]core.Tone) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, "UPDATE items SET lang = ?, sentiment = ?, abusive = ? WHERE id = ?")
		if err != nil {
			return err
		}
		defer st.Close()
		for id, t := range tones {
			if _, err := st.ExecContext(ctx, t.Lang, clampSentiment(t.Sentiment), t.Abusive, id); err != nil {
				return fmt.Errorf("item %d: %w", id, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: set tones: %w", err)
	}
	return nil
}

// SetModerationFine marks an item fine (it leaves the moderation queue)
// or, with fine false, puts it back (an undo).
func (s *Store) SetModerationFine(ctx context.Context, itemID int64, fine bool) error {
	res, err := s.w.ExecContext(ctx, "UPDATE items SET moderation_fine = ? WHERE id = ?", fine, itemID)
	if err != nil {
		return fmt.Errorf("store: item %d: moderation fine: %w", itemID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: item %d: %w", itemID, core.ErrNotFound)
	}
	return nil
}
