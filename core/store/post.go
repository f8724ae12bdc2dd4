package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/hearthhq/hearth/core"
)

const postCols = `p.id, p.text, p.media, p.agenda, p.tags, p.campaign_id, p.notes, p.at, p.zone,
	p.recurrence, p.series_id, p.occurrence, p.skipped, p.created_at, p.updated_at`

// errPostBusy (a core.ErrConflict) refuses a change to a post that one of
// its channels has, or may have, published.
var errPostBusy = fmt.Errorf("%w: a channel has or may have published it", core.ErrConflict)

// CreatePost inserts a post and its targets and returns the post's id.
// Each target needs its idempotency key. A recurring post whose SeriesID
// is zero starts a series of its own. An occurrence that exists already
// (same series and index) is core.ErrConflict: occurrences are made once.
func (s *Store) CreatePost(ctx context.Context, p core.Post) (int64, error) {
	var id int64
	now := ms(s.now())
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if id, err = insertPost(ctx, tx, p, now); err != nil {
			return err
		}
		return insertTargets(ctx, tx, id, p.Targets, now)
	})
	if err != nil {
		return 0, fmt.Errorf("store: create post: %w", err)
	}
	return id, nil
}

func insertPost(ctx context.Context, tx *sql.Tx, p core.Post, now int64) (int64, error) {
	rec, err := recurrenceJSON(p.Recurrence)
	if err != nil {
		return 0, err
	}
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO posts (text, media, agenda, tags, campaign_id, notes, at, zone,
		recurrence, series_id, occurrence, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		RETURNING id`, p.Text, jsonList(p.Media), p.Agenda, jsonList(p.Tags), nullID(p.CampaignID), p.Notes,
		nullMS(p.At), zoneOr(p.Zone), rec, nullID(p.SeriesID), p.Occurrence, now, now).Scan(&id)
	if err != nil {
		return 0, dbErr(err)
	}
	if !p.Recurrence.IsZero() && p.SeriesID == 0 {
		if _, err := tx.ExecContext(ctx, "UPDATE posts SET series_id = id WHERE id = ?", id); err != nil {
			return 0, dbErr(err)
		}
	}
	return id, nil
}

func insertTargets(ctx context.Context, tx *sql.Tx, postID int64, ts []core.PostTarget, now int64) error {
	for _, t := range ts {
		state := t.State
		if state == "" {
			state = core.TargetDraft
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO post_targets (post_id, account_id, text, state, idem_key,
			updated_at) VALUES (?, ?, ?, ?, ?, ?)`, postID, t.AccountID, t.Text, state, t.Key, now)
		if err != nil {
			return fmt.Errorf("target on account %d: %w", t.AccountID, dbErr(err))
		}
	}
	return nil
}

// SavePost writes what a person edits (text, variants, media, agenda,
// tags, campaign, notes) in one short transaction: the composer calls it as
// they type. Targets new to the post are added (with their keys); targets
// left out are removed unless a channel has or may have the post. Time and
// states are not touched here.
func (s *Store) SavePost(ctx context.Context, p core.Post) error {
	now := ms(s.now())
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := execOne(ctx, tx, `UPDATE posts SET text = ?, media = ?, agenda = ?, tags = ?, campaign_id = ?,
			notes = ?, updated_at = ? WHERE id = ?`, p.Text, jsonList(p.Media), p.Agenda, jsonList(p.Tags),
			nullID(p.CampaignID), p.Notes, now, p.ID)
		if err != nil {
			return err
		}
		return saveTargets(ctx, tx, p.ID, p.Targets, now)
	})
	if err != nil {
		return fmt.Errorf("store: save post %d: %w", p.ID, err)
	}
	return nil
}

func saveTargets(ctx context.Context, tx *sql.Tx, postID int64, ts []core.PostTarget, now int64) error {
	keep := make([]int64, 0, len(ts))
	for _, t := range ts {
		keep = append(keep, t.AccountID)
		res, err := tx.ExecContext(ctx, `UPDATE post_targets SET text = ?, updated_at = ?
			WHERE post_id = ? AND account_id = ?`, t.Text, now, postID, t.AccountID)
		if err != nil {
			return dbErr(err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			if err := insertTargets(ctx, tx, postID, []core.PostTarget{t}, now); err != nil {
				return err
			}
		}
	}
	var busy int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM post_targets WHERE post_id = ?
		AND account_id NOT IN (SELECT value FROM json_each(?)) AND state IN ('publishing', 'published', 'unconfirmed')`,
		postID, jsonList(keep)).Scan(&busy)
	if err != nil {
		return dbErr(err)
	}
	if busy > 0 {
		return fmt.Errorf("remove a channel: %w", errPostBusy)
	}
	_, err = tx.ExecContext(ctx, `DELETE FROM post_targets WHERE post_id = ?
		AND account_id NOT IN (SELECT value FROM json_each(?))`, postID, jsonList(keep))
	return dbErr(err)
}

// Post returns a post with its targets, or core.ErrNotFound.
func (s *Store) Post(ctx context.Context, id int64) (core.Post, error) {
	ps, err := s.queryPosts(ctx, "SELECT "+postCols+" FROM posts p WHERE p.id = ?", id)
	if err != nil {
		return core.Post{}, fmt.Errorf("store: post %d: %w", id, err)
	}
	if len(ps) == 0 {
		return core.Post{}, fmt.Errorf("store: post %d: %w", id, core.ErrNotFound)
	}
	return ps[0], nil
}

// Posts returns the posts placed in [from, to), in time order, with their
// targets.
func (s *Store) Posts(ctx context.Context, from, to time.Time) ([]core.Post, error) {
	ps, err := s.queryPosts(ctx, "SELECT "+postCols+` FROM posts p WHERE p.at >= ? AND p.at < ?
		ORDER BY p.at, p.id`, ms(from), ms(to))
	if err != nil {
		return nil, fmt.Errorf("store: posts from %v to %v: %w", from, to, err)
	}
	return ps, nil
}

// UnplacedPosts returns the drafts not placed on the calendar yet, most
// recently edited first.
func (s *Store) UnplacedPosts(ctx context.Context) ([]core.Post, error) {
	ps, err := s.queryPosts(ctx, "SELECT "+postCols+" FROM posts p WHERE p.at IS NULL ORDER BY p.updated_at DESC, p.id DESC")
	if err != nil {
		return nil, fmt.Errorf("store: unplaced posts: %w", err)
	}
	return ps, nil
}

// SeriesTails returns the last occurrence of every recurring series: the
// one after which the next is created.
func (s *Store) SeriesTails(ctx context.Context) ([]core.Post, error) {
	ps, err := s.queryPosts(ctx, "SELECT "+postCols+` FROM posts p WHERE p.series_id IS NOT NULL
		AND p.occurrence = (SELECT max(q.occurrence) FROM posts q WHERE q.series_id = p.series_id)`)
	if err != nil {
		return nil, fmt.Errorf("store: series tails: %w", err)
	}
	return ps, nil
}

// DeletePost removes a post unless a channel has or may have it.
func (s *Store) DeletePost(ctx context.Context, id int64) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := notBusy(ctx, tx, id); err != nil {
			return err
		}
		return execOne(ctx, tx, "DELETE FROM posts WHERE id = ?", id)
	})
	if err != nil {
		return fmt.Errorf("store: delete post %d: %w", id, err)
	}
	return nil
}

// MovePost places a post at a new instant (and zone). Held and failed
// targets go back to the state they had before (scheduled) with their
// errors cleared; a post a channel has or may have cannot move.
func (s *Store) MovePost(ctx context.Context, id int64, at time.Time, zone string) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := notBusy(ctx, tx, id); err != nil {
			return err
		}
		if err := execOne(ctx, tx, "UPDATE posts SET at = ?, zone = ?, updated_at = ? WHERE id = ?",
			nullMS(at), zoneOr(zone), ms(s.now()), id); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE post_targets SET state = 'scheduled', error = '', retry_at = NULL,
			late_ok = 0, updated_at = ? WHERE post_id = ? AND state IN ('held', 'failed')`, ms(s.now()), id)
		return dbErr(err)
	})
	if err != nil {
		return fmt.Errorf("store: move post %d: %w", id, err)
	}
	return nil
}

// SetPostTargets moves every target of a post in one of the from states to
// state to (draft -> scheduled when a person schedules the post, back when
// they unschedule it) and returns how many moved.
func (s *Store) SetPostTargets(ctx context.Context, postID int64, from []core.TargetState, to core.TargetState) (int, error) {
	res, err := s.w.ExecContext(ctx, `UPDATE post_targets SET state = ?, error = '', updated_at = ?
		WHERE post_id = ? AND state IN (SELECT value FROM json_each(?))`, to, ms(s.now()), postID, jsonList(from))
	if err != nil {
		return 0, fmt.Errorf("store: post %d: targets to %s: %w", postID, to, dbErr(err))
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// SkipPost marks an occurrence passed over: nothing of it publishes.
func (s *Store) SkipPost(ctx context.Context, id int64) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := notBusy(ctx, tx, id); err != nil {
			return err
		}
		return execOne(ctx, tx, "UPDATE posts SET skipped = 1, updated_at = ? WHERE id = ?", ms(s.now()), id)
	})
	if err != nil {
		return fmt.Errorf("store: skip post %d: %w", id, err)
	}
	return nil
}

// EndSeries stops a recurring series: no occurrence after until is made.
func (s *Store) EndSeries(ctx context.Context, seriesID int64, until time.Time) error {
	err := execOne(ctx, s.w, `UPDATE posts SET recurrence = json_set(recurrence, '$.until', ?), updated_at = ?
		WHERE series_id = ?`, until.UTC().Format(time.RFC3339Nano), ms(s.now()), seriesID)
	if err != nil {
		return fmt.Errorf("store: end series %d: %w", seriesID, err)
	}
	return nil
}

// notBusy refuses a change to a post a channel has or may have published.
func notBusy(ctx context.Context, tx *sql.Tx, postID int64) error {
	var busy int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM post_targets WHERE post_id = ?
		AND state IN ('publishing', 'published', 'unconfirmed')`, postID).Scan(&busy)
	if err != nil {
		return dbErr(err)
	}
	if busy > 0 {
		return errPostBusy
	}
	return nil
}

func (s *Store) queryPosts(ctx context.Context, query string, args ...any) ([]core.Post, error) {
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, dbErr(err)
	}
	defer rows.Close()
	var ps []core.Post
	for rows.Next() {
		p, err := scanPost(rows)
		if err != nil {
			return nil, err
		}
		ps = append(ps, p)
	}
	if err := rows.Err(); err != nil {
		return nil, dbErr(err)
	}
	return ps, s.fillTargets(ctx, ps)
}

func scanPost(rows *sql.Rows) (core.Post, error) {
	var p core.Post
	var media, tags, rec sql.NullString
	var campaign, series, at sql.NullInt64
	var created, updated int64
	err := rows.Scan(&p.ID, &p.Text, &media, &p.Agenda, &tags, &campaign, &p.Notes, &at, &p.Zone,
		&rec, &series, &p.Occurrence, &p.Skipped, &created, &updated)
	if err != nil {
		return p, dbErr(err)
	}
	p.CampaignID, p.SeriesID, p.At = campaign.Int64, series.Int64, fromNullMS(at)
	p.CreatedAt, p.UpdatedAt = fromMS(created), fromMS(updated)
	if err := decodeJSON(media, &p.Media); err != nil {
		return p, fmt.Errorf("post %d media: %w", p.ID, err)
	}
	if err := decodeJSON(tags, &p.Tags); err != nil {
		return p, fmt.Errorf("post %d tags: %w", p.ID, err)
	}
	if err := decodeJSON(rec, &p.Recurrence); err != nil {
		return p, fmt.Errorf("post %d recurrence: %w", p.ID, err)
	}
	return p, nil
}

// fillTargets loads the targets of the posts in one query.
func (s *Store) fillTargets(ctx context.Context, ps []core.Post) error {
	if len(ps) == 0 {
		return nil
	}
	ids := make([]int64, len(ps))
	index := make(map[int64]int, len(ps))
	for i, p := range ps {
		ids[i], index[p.ID] = p.ID, i
	}
	ts, err := s.queryTargets(ctx, "WHERE t.post_id IN (SELECT value FROM json_each(?)) ORDER BY t.post_id, t.id", jsonList(ids))
	if err != nil {
		return err
	}
	for _, t := range ts {
		p := &ps[index[t.PostID]]
		p.Targets = append(p.Targets, t)
	}
	return nil
}

func decodeJSON(v sql.NullString, into any) error {
	if !v.Valid || v.String == "" {
		return nil
	}
	return json.Unmarshal([]byte(v.String), into)
}

func recurrenceJSON(r core.Recurrence) (any, error) {
	if r.IsZero() {
		return nil, nil
	}
	if err := r.Validate(); err != nil {
		return nil, err
	}
	b, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

func zoneOr(zone string) string {
	if zone == "" {
		return "UTC"
	}
	return zone
}
