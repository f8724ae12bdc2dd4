package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/hearthhq/hearth/core"
)

const memberCols = `m.id, m.name, m.photo_url, m.location, m.language, m.bio, m.followers, m.channels,
	m.joined_at, m.first_seen, m.last_seen, m.last_contacted, m.activity, m.loyalty, m.quadrant`

// channelBits are the bits of members.channels, in the order Member.Channels lists them.
var channelBits = []struct {
	kind core.IdentityKind
	bit  int
}{{core.IdentityEmail, 1}, {core.IdentityVK, 2}, {core.IdentityX, 4}}

func channelBit(k core.IdentityKind) int {
	for _, c := range channelBits {
		if c.kind == k {
			return c.bit
		}
	}
	return 0
}

func scanMember(sc scanner) (core.Member, error) {
	var (
		m                               core.Member
		channels                        int
		first                           int64
		joined, lastSeen, lastContacted sql.NullInt64
	)
	err := sc.Scan(&m.ID, &m.Name, &m.PhotoURL, &m.Location, &m.Language, &m.Bio, &m.Followers, &channels,
		&joined, &first, &lastSeen, &lastContacted, &m.Activity, &m.Loyalty, &m.Quadrant)
	if err != nil {
		return m, err
	}
	for _, c := range channelBits {
		if channels&c.bit != 0 {
			m.Channels = append(m.Channels, c.kind)
		}
	}
	m.JoinedAt, m.FirstSeen = fromNullMS(joined), fromMS(first)
	m.LastSeen, m.LastContacted = fromNullMS(lastSeen), fromNullMS(lastContacted)
	return m, nil
}

// Member returns one member with their tags.
func (s *Store) Member(ctx context.Context, id int64) (core.Member, error) {
	m, err := scanMember(s.r.QueryRowContext(ctx, "SELECT "+memberCols+" FROM members m WHERE m.id = ?", id))
	if err != nil {
		return m, fmt.Errorf("store: member %d: %w", id, dbErr(err))
	}
	list := []core.Member{m}
	if err := s.fillMemberTags(ctx, list); err != nil {
		return m, fmt.Errorf("store: member %d: tags: %w", id, err)
	}
	return list[0], nil
}

// MemberOfIdentity returns the id of the member an identity belongs to.
func (s *Store) MemberOfIdentity(ctx context.Context, identityID int64) (int64, error) {
	var id int64
	err := s.r.QueryRowContext(ctx, "SELECT member_id FROM member_identities WHERE identity_id = ?",
		identityID).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: member of identity %d: %w", identityID, dbErr(err))
	}
	return id, nil
}

// Members returns a page of the members table and how many match.
func (s *Store) Members(ctx context.Context, f core.MemberFilter, cs core.ScoreSettings) (core.MemberPage, error) {
	f = memberDefaults(f)
	var w where
	memberFilters(&w, f, cs)
	var page core.MemberPage
	if err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM members m WHERE "+w.sql(), w.args...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("store: members: count: %w", err)
	}
	q := "SELECT " + memberCols + " FROM members m WHERE " + w.sql() + " ORDER BY " + memberOrder(f) + " LIMIT ? OFFSET ?"
	list, err := s.queryMembers(ctx, q, append(w.args, f.Limit, f.Offset)...)
	if err != nil {
		return page, fmt.Errorf("store: members: %w", err)
	}
	page.Members = list
	return page, nil
}

func memberDefaults(f core.MemberFilter) core.MemberFilter {
	if f.Limit <= 0 {
		f.Limit = 100
	}
	if f.Now.IsZero() {
		f.Now = time.Now()
	}
	if f.Sort == "" {
		f.Sort, f.Desc = core.SortActivity, true
	}
	return f
}

func (s *Store) queryMembers(ctx context.Context, q string, args ...any) ([]core.Member, error) {
	st, err := s.reads.get(ctx, q)
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []core.Member
	for rows.Next() {
		m, err := scanMember(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, m)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	return list, s.fillMemberTags(ctx, list)
}

// memberFilters adds the filter's conditions. The cohort conditions are
// core.CohortOf written in SQL over first_seen (which already includes the
// join time) and last_seen.
func memberFilters(w *where, f core.MemberFilter, cs core.ScoreSettings) {
	if q := foldSearch(f.Query); q != "" {
		w.add(`m.search LIKE ? ESCAPE '\'`, "%"+escapeLike(q)+"%")
	}
	if f.Tag != "" {
		w.add("m.id IN (SELECT member_id FROM member_tags WHERE tag_id = (SELECT id FROM tags WHERE name = ?))", f.Tag)
	}
	if f.Interest != "" {
		w.add("m.id IN (SELECT member_id FROM member_interests WHERE topic = ?)", f.Interest)
	}
	if f.Expertise != "" {
		w.add("m.id IN (SELECT member_id FROM member_expertise WHERE topic = ?)", f.Expertise)
	}
	if f.Quadrant != "" {
		w.add("m.quadrant = ?", string(f.Quadrant))
	}
	if f.Channel != "" {
		w.add("m.channels & ? <> 0", channelBit(f.Channel))
	}
	if f.Cohort != "" {
		cond, args := cohortSQL(f.Cohort, f.Now, cs)
		w.add(cond, args...)
	}
}

// cohortSQL is the condition of one cohort at now.
func cohortSQL(c core.Cohort, now time.Time, cs core.ScoreSettings) (string, []any) {
	newB, driftB, deadB := daysBefore(now, cs.NewDays), daysBefore(now, cs.DriftDays), daysBefore(now, cs.DeadDays)
	switch c {
	case core.CohortNew:
		return "m.first_seen >= ?", []any{newB}
	case core.CohortDeadSoul:
		return "m.first_seen < ? AND COALESCE(m.last_seen, m.first_seen) < ?", []any{newB, deadB}
	case core.CohortDrifting:
		return "m.first_seen < ? AND m.last_seen < ? AND m.last_seen >= ?", []any{newB, driftB, deadB}
	default:
		return "m.first_seen < ? AND COALESCE(m.last_seen, m.first_seen) >= ? AND " +
			"(m.last_seen IS NULL OR m.last_seen >= ?)", []any{newB, deadB, driftB}
	}
}

func daysBefore(now time.Time, days int) int64 {
	return ms(now.Add(-time.Duration(days) * 24 * time.Hour))
}

// memberOrder is the ORDER BY of a sort; the id breaks ties so pages are
// stable.
func memberOrder(f core.MemberFilter) string {
	col := map[core.MemberSort]string{
		core.SortName: "m.name COLLATE NOCASE", core.SortLastSeen: "m.last_seen",
		core.SortFirstSeen: "m.first_seen", core.SortActivity: "m.activity",
		core.SortLoyalty: "m.loyalty", core.SortFollowers: "m.followers",
	}[f.Sort]
	if col == "" {
		col = "m.activity"
	}
	if f.Desc {
		return col + " DESC, m.id"
	}
	return col + ", m.id"
}

// foldSearch folds text as members.search is folded: lower case, ё as е.
func foldSearch(s string) string {
	return strings.TrimSpace(fold(strings.ToLower(s)))
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// fillMemberTags loads the tags of members in one query.
func (s *Store) fillMemberTags(ctx context.Context, list []core.Member) error {
	if len(list) == 0 {
		return nil
	}
	ids := make([]int64, len(list))
	pos := make(map[int64]int, len(list))
	for i, m := range list {
		ids[i], pos[m.ID] = m.ID, i
	}
	rows, err := s.r.QueryContext(ctx, `SELECT mt.member_id, t.name FROM member_tags mt
		JOIN tags t ON t.id = mt.tag_id WHERE mt.member_id IN (SELECT value FROM json_each(?))
		ORDER BY t.name COLLATE NOCASE`, jsonList(ids))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id  int64
			tag string
		)
		if err := rows.Scan(&id, &tag); err != nil {
			return err
		}
		list[pos[id]].Tags = append(list[pos[id]].Tags, tag)
	}
	return rows.Err()
}

// SegmentCounts counts the members per quadrant, cohort and channel at now.
func (s *Store) SegmentCounts(ctx context.Context, now time.Time, cs core.ScoreSettings) (core.SegmentCounts, error) {
	c := core.SegmentCounts{Quadrants: map[core.Quadrant]int{}, Cohorts: map[core.Cohort]int{},
		Channels: map[core.IdentityKind]int{}}
	cols := []string{"count(*)"}
	var args []any
	for _, q := range core.Quadrants {
		cols = append(cols, "COALESCE(sum(m.quadrant = ?), 0)")
		args = append(args, string(q))
	}
	for _, co := range core.Cohorts {
		cond, a := cohortSQL(co, now, cs)
		cols = append(cols, "COALESCE(sum("+cond+"), 0)")
		args = append(args, a...)
	}
	for _, ch := range channelBits {
		cols = append(cols, fmt.Sprintf("COALESCE(sum(m.channels & %d <> 0), 0)", ch.bit))
	}
	vals := make([]int, 1+len(core.Quadrants)+len(core.Cohorts)+len(channelBits))
	dest := make([]any, len(vals))
	for i := range vals {
		dest[i] = &vals[i]
	}
	q := "SELECT " + strings.Join(cols, ", ") + " FROM members m"
	if err := s.r.QueryRowContext(ctx, q, args...).Scan(dest...); err != nil {
		return c, fmt.Errorf("store: segment counts: %w", err)
	}
	c.Total = vals[0]
	for i, q := range core.Quadrants {
		c.Quadrants[q] = vals[1+i]
	}
	for i, co := range core.Cohorts {
		c.Cohorts[co] = vals[1+len(core.Quadrants)+i]
	}
	for i, ch := range channelBits {
		c.Channels[ch.kind] = vals[1+len(core.Quadrants)+len(core.Cohorts)+i]
	}
	return c, nil
}

// MemberIdentities returns the identities of a member, by kind then id.
func (s *Store) MemberIdentities(ctx context.Context, memberID int64) ([]core.Identity, error) {
	var out []core.Identity
	err := s.scanRows(ctx, func(r *sql.Rows) error {
		id, err := scanIdentity(r)
		out = append(out, id)
		return err
	}, "SELECT "+identityCols+` FROM identities
		WHERE id IN (SELECT identity_id FROM member_identities WHERE member_id = ?) ORDER BY kind, id`, memberID)
	if err != nil {
		return nil, fmt.Errorf("store: member %d: identities: %w", memberID, err)
	}
	return out, nil
}
