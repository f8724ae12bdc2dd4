package store

// The dashboard's reads (issue 11). Each answers one kind of number for a
// half-open period [from, to) from the aggregates and indexes of migration
// 12, so that a quarter on a million items reads thousands of rows, not a
// million. What the numbers mean (the oldest-unanswered rule, business
// hours, the cohorts at a date) is core/stats's; here are only the rows.

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/hearthhq/hearth/core"
)

const hourMS = int64(time.Hour / time.Millisecond)

// StatsVolume returns the hours of [from, to) in which something was
// written, per account (accountID 0: every account), oldest first.
func (s *Store) StatsVolume(ctx context.Context, from, to time.Time, accountID int64) ([]core.VolumeHour, error) {
	q := `SELECT account_id, hour, inbound, outgoing FROM stats_hours INDEXED BY stats_hours_hour
		WHERE hour >= ?1 AND hour < ?2 AND (?3 = 0 OR account_id = ?3) AND (inbound <> 0 OR outgoing <> 0)
		ORDER BY hour, account_id`
	rows, err := s.r.QueryContext(ctx, q, floorDiv(ms(from), hourMS), floorDiv(ms(to)+hourMS-1, hourMS), accountID)
	if err != nil {
		return nil, fmt.Errorf("store: stats volume: %w", dbErr(err))
	}
	defer rows.Close()
	var out []core.VolumeHour
	for rows.Next() {
		var (
			v    core.VolumeHour
			hour int64
		)
		if err := rows.Scan(&v.AccountID, &hour, &v.In, &v.Out); err != nil {
			return nil, fmt.Errorf("store: stats volume: %w", err)
		}
		v.Hour = fromMS(hour * hourMS)
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: stats volume: %w", dbErr(err))
	}
	return out, nil
}

// StatsMessages lists the messages StatsVolume counts, oldest first: each
// message in (not a feed entry, not spam) and each of ours, of one
// account (0: all), for the exports' rows.
func (s *Store) StatsMessages(ctx context.Context, from, to time.Time, accountID int64) ([]core.MessageStat, error) {
	// Every state of the CHECK in the IN list: each is a range of
	// items_state_time, not a scan of every item.
	const q = `SELECT id, account_id, created_at, kind, outgoing, sentiment, COALESCE(abusive, 0)
		FROM items INDEXED BY items_state_time
		WHERE state IN ('new', 'open', 'done', 'snoozed', 'spam', 'hidden') AND created_at >= ?1 AND created_at < ?2
			AND (?3 = 0 OR account_id = ?3) AND (outgoing = 1 OR (kind <> 'feed_item' AND state <> 'spam'))
		ORDER BY created_at, id`
	rows, err := s.r.QueryContext(ctx, q, ms(from), ms(to), accountID)
	if err != nil {
		return nil, fmt.Errorf("store: stats messages: %w", dbErr(err))
	}
	defer rows.Close()
	var out []core.MessageStat
	for rows.Next() {
		var (
			m         core.MessageStat
			at        int64
			sentiment sql.NullFloat64
		)
		if err := rows.Scan(&m.ItemID, &m.AccountID, &at, &m.Kind, &m.Outgoing, &sentiment, &m.Abusive); err != nil {
			return nil, fmt.Errorf("store: stats messages: %w", err)
		}
		m.At, m.Toned, m.Sentiment = fromMS(at), sentiment.Valid, sentiment.Float64
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: stats messages: %w", dbErr(err))
	}
	return out, nil
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}

// StatsTone returns the tone of the messages in per account and UTC hour
// overlapping [from, to) (migration 18's columns), oldest first.
func (s *Store) StatsTone(ctx context.Context, from, to time.Time, accountID int64) ([]core.ToneHour, error) {
	q := `SELECT account_id, hour, toned, negative, sentiment_milli, abusive, abusive_handled FROM stats_hours
		WHERE hour >= ?1 AND hour < ?2 AND (?3 = 0 OR account_id = ?3) AND (toned <> 0 OR abusive <> 0)
		ORDER BY hour, account_id`
	rows, err := s.r.QueryContext(ctx, q, floorDiv(ms(from), hourMS), floorDiv(ms(to)+hourMS-1, hourMS), accountID)
	if err != nil {
		return nil, fmt.Errorf("store: stats tone: %w", dbErr(err))
	}
	defer rows.Close()
	var out []core.ToneHour
	for rows.Next() {
		var (
			t    core.ToneHour
			hour int64
		)
		if err := rows.Scan(&t.AccountID, &hour, &t.Toned, &t.Negative, &t.SentimentMilli, &t.Abusive, &t.Handled); err != nil {
			return nil, fmt.Errorf("store: stats tone: %w", err)
		}
		t.Hour = fromMS(hour * hourMS)
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: stats tone: %w", dbErr(err))
	}
	return out, nil
}

// StatsReplyWaits returns our replies and what each answered (see
// reply_waits in migration 12: the oldest message from someone else after
// our previous reply): the replies sent in [from, to), and the first
// reply of each conversation someone else opened in it, whenever it came.
// Replies that answer nothing new are left out. First marks the reply to
// a conversation's first message.
func (s *Store) StatsReplyWaits(ctx context.Context, from, to time.Time, accountID int64) ([]core.ReplyWait, error) {
	const q = `SELECT w.reply_id, w.thread_id, w.account_id, w.at, w.since, w.since = t.first_in
		FROM reply_waits w INDEXED BY reply_waits_at JOIN threads t ON t.id = w.thread_id
		WHERE w.at >= ?1 AND w.at < ?2 AND w.since IS NOT NULL AND (?3 = 0 OR w.account_id = ?3)
		UNION
		SELECT w.reply_id, w.thread_id, w.account_id, w.at, w.since, 1
		FROM threads t INDEXED BY threads_first_in
		JOIN reply_waits w INDEXED BY reply_waits_thread ON w.thread_id = t.id AND w.since = t.first_in
		WHERE t.first_in >= ?1 AND t.first_in < ?2 AND t.last_out > t.first_in AND (?3 = 0 OR t.account_id = ?3)`
	rows, err := s.r.QueryContext(ctx, q, ms(from), ms(to), accountID)
	if err != nil {
		return nil, fmt.Errorf("store: stats replies: %w", dbErr(err))
	}
	defer rows.Close()
	var out []core.ReplyWait
	for rows.Next() {
		var (
			w         core.ReplyWait
			at, since int64
		)
		if err := rows.Scan(&w.ReplyID, &w.ThreadID, &w.AccountID, &at, &since, &w.First); err != nil {
			return nil, fmt.Errorf("store: stats replies: %w", err)
		}
		w.At, w.Since = fromMS(at), fromMS(since)
		out = append(out, w)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: stats replies: %w", dbErr(err))
	}
	return out, nil
}

// StatsThreadsByAccount counts, per account, the conversations someone
// else opened in [from, to) and those of them we have written in since.
func (s *Store) StatsThreadsByAccount(ctx context.Context, from, to time.Time) (map[int64]core.ThreadCounts, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT account_id, count(*), COALESCE(sum(last_out > first_in), 0)
		FROM threads INDEXED BY threads_first_in
		WHERE first_in >= ?1 AND first_in < ?2 GROUP BY account_id`, ms(from), ms(to))
	if err != nil {
		return nil, fmt.Errorf("store: stats threads: %w", dbErr(err))
	}
	defer rows.Close()
	out := map[int64]core.ThreadCounts{}
	for rows.Next() {
		var (
			id int64
			c  core.ThreadCounts
		)
		if err := rows.Scan(&id, &c.Opened, &c.Answered); err != nil {
			return nil, fmt.Errorf("store: stats threads: %w", err)
		}
		out[id] = c
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: stats threads: %w", dbErr(err))
	}
	return out, nil
}

// StatsPosts returns what we published in [from, to), oldest first: the
// calendar's published targets with the reactions of the item the channel
// synced back (matched by remote id), and our own wall posts made outside
// Hearth.
func (s *Store) StatsPosts(ctx context.Context, from, to time.Time, accountID int64) ([]core.PostStat, error) {
	const q = `SELECT p.id, COALESCE(i.id, 0), t.account_id, a.name, t.published_at, p.agenda,
			COALESCE(p.campaign_id, 0), COALESCE(c.name, ''), COALESCE(NULLIF(t.text, ''), p.text), t.url, i.stats
		FROM post_targets t INDEXED BY post_targets_published
		JOIN posts p ON p.id = t.post_id
		JOIN accounts a ON a.id = t.account_id
		LEFT JOIN campaigns c ON c.id = p.campaign_id
		LEFT JOIN items i ON i.account_id = t.account_id AND i.remote_id = t.remote_id AND t.remote_id <> ''
		WHERE t.state = 'published' AND t.published_at >= ?1 AND t.published_at < ?2
			AND (?3 = 0 OR t.account_id = ?3)
		UNION ALL
		SELECT 0, i.id, i.account_id, a.name, i.created_at, '', 0, '', i.snippet, i.location, i.stats
		FROM items i INDEXED BY items_our_posts
		JOIN accounts a ON a.id = i.account_id
		WHERE i.outgoing = 1 AND i.created_at >= ?1 AND i.created_at < ?2 AND (?3 = 0 OR i.account_id = ?3)
			AND i.kind = 'vk_post'
			AND NOT EXISTS (SELECT 1 FROM post_targets t INDEXED BY post_targets_remote
				WHERE t.account_id = i.account_id AND t.remote_id = i.remote_id)
		ORDER BY 5, 2`
	rows, err := s.r.QueryContext(ctx, q, ms(from), ms(to), accountID)
	if err != nil {
		return nil, fmt.Errorf("store: stats posts: %w", dbErr(err))
	}
	defer rows.Close()
	var out []core.PostStat
	for rows.Next() {
		var (
			p      core.PostStat
			at     int64
			agenda string
			stats  sql.NullString
		)
		if err := rows.Scan(&p.PostID, &p.ItemID, &p.AccountID, &p.Account, &at, &agenda, &p.CampaignID,
			&p.Campaign, &p.Text, &p.URL, &stats); err != nil {
			return nil, fmt.Errorf("store: stats posts: %w", err)
		}
		p.At, p.Agenda = fromMS(at), core.Agenda(agenda)
		if stats.Valid {
			if err := json.Unmarshal([]byte(stats.String), &p.Stats); err != nil {
				return nil, fmt.Errorf("store: stats posts: item %d: %w", p.ItemID, err)
			}
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: stats posts: %w", dbErr(err))
	}
	return out, nil
}

// StatsPlan counts the calendar's targets due in [from, to) that were
// planned (anything but a draft of a post not skipped), published and
// failed, and the published ones per agenda.
func (s *Store) StatsPlan(ctx context.Context, from, to time.Time, accountID int64) (core.PlanCounts, error) {
	c := core.PlanCounts{Agendas: map[core.Agenda]int{}}
	rows, err := s.r.QueryContext(ctx, `SELECT p.agenda, count(*), sum(t.state = 'published'), sum(t.state = 'failed')
		FROM posts p INDEXED BY posts_at JOIN post_targets t ON t.post_id = p.id
		WHERE p.at >= ?1 AND p.at < ?2 AND p.skipped = 0 AND t.state <> 'draft' AND (?3 = 0 OR t.account_id = ?3)
		GROUP BY p.agenda`, ms(from), ms(to), accountID)
	if err != nil {
		return c, fmt.Errorf("store: stats plan: %w", dbErr(err))
	}
	defer rows.Close()
	for rows.Next() {
		var (
			agenda                     string
			planned, published, failed int
		)
		if err := rows.Scan(&agenda, &planned, &published, &failed); err != nil {
			return c, fmt.Errorf("store: stats plan: %w", err)
		}
		c.Planned += planned
		c.Published += published
		c.Failed += failed
		c.Agendas[core.Agenda(agenda)] += published
	}
	if err := rows.Err(); err != nil {
		return c, fmt.Errorf("store: stats plan: %w", dbErr(err))
	}
	return c, nil
}

// StatsMembers counts the members of a period (see core.MemberStatsQuery)
// in one read transaction.
func (s *Store) StatsMembers(ctx context.Context, q core.MemberStatsQuery) (core.MemberCounts, error) {
	c := core.MemberCounts{Cohorts: map[core.Cohort]int{}}
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return c, fmt.Errorf("store: stats members: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only
	bit := channelBit(q.Channel)
	err = tx.QueryRowContext(ctx, `SELECT count(*) FROM members m INDEXED BY members_first_seen
		WHERE m.first_seen >= ?2 AND m.first_seen < ?1 AND (?3 = 0 OR m.channels & ?3 <> 0)`,
		ms(q.To), ms(q.From), bit).Scan(&c.New)
	if err != nil {
		return c, fmt.Errorf("store: stats members: new: %w", dbErr(err))
	}
	if c.Joined, c.Left, err = countMembership(ctx, tx, q); err != nil {
		return c, fmt.Errorf("store: stats members: joins: %w", dbErr(err))
	}
	if q.Snapshot {
		return c, nil
	}
	err = tx.QueryRowContext(ctx, `SELECT count(*) FROM members m INDEXED BY members_first_seen
		WHERE m.first_seen < ?1 AND (?2 = 0 OR m.channels & ?2 <> 0)`, ms(q.To), bit).Scan(&c.Total)
	if err != nil {
		return c, fmt.Errorf("store: stats members: total: %w", dbErr(err))
	}
	if c.Active, err = s.countActive(ctx, tx, q, bit); err != nil {
		return c, fmt.Errorf("store: stats members: active: %w", dbErr(err))
	}
	for _, co := range []core.Cohort{core.CohortDrifting, core.CohortDeadSoul} {
		if c.Cohorts[co], err = countCohort(ctx, tx, co, q.Bounds, bit); err != nil {
			return c, fmt.Errorf("store: stats members: %s: %w", co, dbErr(err))
		}
	}
	return c, nil
}

// countActive counts the members who wrote in the window: by their last
// message when the window ends now (an index range), else by what the
// member files count per identity and day (identity_days, UTC days),
// counted once and kept while no hour of the window changes (see
// stats_active in migration 17).
func (s *Store) countActive(ctx context.Context, tx *sql.Tx, q core.MemberStatsQuery, bit int) (int, error) {
	if q.ActiveNow {
		return countActiveSince(ctx, tx, q.ActiveSince, bit)
	}
	first, last := core.UnixDay(q.ActiveSince), core.UnixDay(q.To.Add(-time.Millisecond))
	var n, mark, changed int64
	err := tx.QueryRowContext(ctx, `SELECT a.members, a.mark, (SELECT COALESCE(max(c.mark), 0) FROM stats_changes c
			WHERE c.hour >= ?1 * 24 AND c.hour < (?2 + 1) * 24)
		FROM stats_active a WHERE a.first_day = ?1 AND a.last_day = ?2 AND a.channel = ?3`, first, last, bit).Scan(&n, &mark, &changed)
	switch {
	case err == nil && changed <= mark:
		return int(n), nil
	case err != nil && !errors.Is(err, sql.ErrNoRows):
		return 0, err
	}
	// The mark read in the same transaction as the count: a change
	// committed after it has a later one.
	if err := tx.QueryRowContext(ctx, "SELECT COALESCE(max(mark), 0) FROM stats_changes INDEXED BY stats_changes_mark").Scan(&mark); err != nil {
		return 0, err
	}
	err = tx.QueryRowContext(ctx, `SELECT count(DISTINCT mi.member_id)
		FROM identity_days d INDEXED BY identity_days_day
		JOIN member_identities mi ON mi.identity_id = d.identity_id
		JOIN identities i ON i.id = d.identity_id
		WHERE d.day >= ?1 AND d.day <= ?2
			AND (?3 = 0 OR (i.kind = 'email' AND ?3 = 1) OR (i.kind = 'vk' AND ?3 = 2) OR (i.kind = 'x' AND ?3 = 4))`,
		first, last, bit).Scan(&n)
	if err != nil {
		return 0, err
	}
	_, err = s.w.ExecContext(ctx, `INSERT INTO stats_active (first_day, last_day, channel, mark, members) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (first_day, last_day, channel) DO UPDATE SET mark = excluded.mark, members = excluded.members`,
		first, last, bit, mark, n)
	return int(n), err
}

func countMembership(ctx context.Context, tx *sql.Tx, q core.MemberStatsQuery) (joined, left int, err error) {
	if q.Channel != "" && q.Channel != core.IdentityVK {
		return 0, 0, nil // only VK tells who joined and left
	}
	err = tx.QueryRowContext(ctx, `SELECT COALESCE(sum(kind = 'join'), 0), COALESCE(sum(kind = 'leave'), 0)
		FROM membership_events INDEXED BY membership_events_time WHERE at >= ?1 AND at < ?2 AND (?3 = 0 OR account_id = ?3)`,
		ms(q.From), ms(q.To), q.AccountID).Scan(&joined, &left)
	return joined, left, err
}

// countStatsSegments counts the members per cohort (by b) and per quadrant,
// of one channel (bit 0: all).
func countStatsSegments(ctx context.Context, tx *sql.Tx, b core.CohortBounds, bit int, cohorts map[core.Cohort]int, quadrants map[core.Quadrant]int) error {
	for _, co := range core.Cohorts {
		n, err := countCohort(ctx, tx, co, b, bit)
		if err != nil {
			return err
		}
		cohorts[co] = n
	}
	for _, qd := range core.Quadrants {
		quadrants[qd] = 0
	}
	rows, err := tx.QueryContext(ctx, `SELECT quadrant, count(*) FROM members INDEXED BY members_segments
		WHERE ?1 = 0 OR channels & ?1 <> 0 GROUP BY quadrant`, bit)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			qd string
			n  int
		)
		if err := rows.Scan(&qd, &n); err != nil {
			return err
		}
		quadrants[core.Quadrant(qd)] += n
	}
	return rows.Err()
}

// countCohort counts the members of a cohort (by b) of one channel (bit
// 0: all).
func countCohort(ctx context.Context, tx *sql.Tx, co core.Cohort, b core.CohortBounds, bit int) (int, error) {
	cond, args := cohortSQL(co, b)
	var n int
	err := tx.QueryRowContext(ctx, "SELECT count(*) FROM members m INDEXED BY "+cohortIndex(co)+
		" WHERE "+cond+" AND (? = 0 OR m.channels & ? <> 0)", append(args, bit, bit)...).Scan(&n)
	return n, err
}

// countActiveSince counts the members (of a channel bit, 0: all) whose
// last message is at or after since.
func countActiveSince(ctx context.Context, tx *sql.Tx, since time.Time, bit int) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM members m INDEXED BY members_last_seen
		WHERE m.last_seen >= ?1 AND (?2 = 0 OR m.channels & ?2 <> 0)`, ms(since), bit).Scan(&n)
	return n, err
}

// StatsMemberIDs lists the members a member number of a period counts
// (see core.MemberStatsQuery): "new" (first seen in it), "joined" and
// "left" (VK membership events in it, each member once) and "active"
// (wrote in the activity window ending with it).
func (s *Store) StatsMemberIDs(ctx context.Context, q core.MemberStatsQuery, which string) ([]int64, error) {
	bit := channelBit(q.Channel)
	var (
		query string
		args  []any
	)
	switch which {
	case "new":
		query = `SELECT id FROM members m INDEXED BY members_first_seen
			WHERE m.first_seen >= ?1 AND m.first_seen < ?2 AND (?3 = 0 OR m.channels & ?3 <> 0)`
		args = []any{ms(q.From), ms(q.To), bit}
	case "joined", "left":
		if q.Channel != "" && q.Channel != core.IdentityVK {
			return []int64{}, nil
		}
		kind := map[string]string{"joined": "join", "left": "leave"}[which]
		query = `SELECT DISTINCT mi.member_id FROM membership_events e INDEXED BY membership_events_time
			JOIN member_identities mi ON mi.identity_id = e.identity_id
			WHERE e.at >= ?1 AND e.at < ?2 AND e.kind = ?3 AND (?4 = 0 OR e.account_id = ?4)`
		args = []any{ms(q.From), ms(q.To), kind, q.AccountID}
	case "active":
		if q.ActiveNow {
			query = `SELECT id FROM members m INDEXED BY members_last_seen
				WHERE m.last_seen >= ?1 AND (?2 = 0 OR m.channels & ?2 <> 0)`
			args = []any{ms(q.ActiveSince), bit}
			break
		}
		query = `SELECT DISTINCT mi.member_id FROM identity_days d INDEXED BY identity_days_day
			JOIN member_identities mi ON mi.identity_id = d.identity_id
			JOIN identities i ON i.id = d.identity_id
			WHERE d.day >= ?1 AND d.day <= ?2
				AND (?3 = 0 OR (i.kind = 'email' AND ?3 = 1) OR (i.kind = 'vk' AND ?3 = 2) OR (i.kind = 'x' AND ?3 = 4))`
		args = []any{core.UnixDay(q.ActiveSince), core.UnixDay(q.To.Add(-time.Millisecond)), bit}
	default:
		return nil, fmt.Errorf("store: stats members %q: %w", which, core.ErrNotFound)
	}
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: stats members %s: %w", which, dbErr(err))
	}
	defer rows.Close()
	ids := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: stats members %s: %w", which, err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: stats members %s: %w", which, dbErr(err))
	}
	return ids, nil
}
