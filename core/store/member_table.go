package store

// The members table is planned here rather than by SQLite's planner, which
// without statistics drives a filter from any index with an equality and
// then sorts tens of thousands of rows. The plan:
//   - quadrant, channel and cohort are tested on the entries of the sort
//     index, which carries their columns (migration 4): a page walks one
//     index in order and stops at its end, the count walks a range;
//   - tags, interests, expertise and the search are sets of member ids
//     (the search through the trigram index members_fts): the count drives
//     from them and, when few match, hands their ids to the page query,
//     which then sorts only those.

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/hearthhq/hearth/core"
)

// memberIDsMax is how many matches of a set filter the count hands to the
// page query. Beyond it a walk of the sort index meets a page's worth of
// them within a few thousand entries, sooner than sorting every match.
const memberIDsMax = 1000

// shortWalkRatio: reading a row to test a short search costs about ten
// entries of a scan of members_search.
const shortWalkRatio = 10

// trigram is the shortest search the trigram index can answer.
const trigram = 3

// Members returns a page of the members table and how many match. A
// cohort filter (f.Cohort) is tested against b; f.Now is not read.
func (s *Store) Members(ctx context.Context, f core.MemberFilter, b core.CohortBounds) (core.MemberPage, error) {
	return s.members(ctx, memberDefaults(f), b, memberIDsMax)
}

func (s *Store) members(ctx context.Context, f core.MemberFilter, b core.CohortBounds, idsMax int) (core.MemberPage, error) {
	p := planMembers(f, b)
	var (
		page core.MemberPage
		ids  sql.NullString
	)
	q, args := p.countSQL(idsMax)
	if err := s.queryRowCached(ctx, q, args...).Scan(&page.Total, &ids); err != nil {
		return page, fmt.Errorf("store: members: count: %w", err)
	}
	if page.Total <= f.Offset {
		return page, nil
	}
	q, args = p.pageSQL(f, ids, page.Total)
	list, err := s.queryMembers(ctx, q, args...)
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
	if f.Sort == "" {
		f.Sort, f.Desc = core.SortActivity, true
	}
	return f
}

// queryRowCached runs a one-row query through the prepared statements of
// the read pool.
func (s *Store) queryRowCached(ctx context.Context, q string, args ...any) scanner {
	st, err := s.reads.get(ctx, q)
	if err != nil {
		return errRow{err}
	}
	return st.QueryRowContext(ctx, args...)
}

// memberPlan is a members filter split by where its conditions are
// answered.
type memberPlan struct {
	covered    where       // on columns every sort index carries
	sets       []memberSet // ids kept elsewhere: tags, interests, expertise, the search
	short      where       // a search too short for trigrams, tested on each text
	countIndex string      // the index whose range answers the covered conditions
}

// memberSet is a query of member ids, its column named id.
type memberSet struct {
	sql  string
	args []any
}

func planMembers(f core.MemberFilter, b core.CohortBounds) memberPlan {
	var p memberPlan
	p.addSearch(foldSearch(f.Query))
	if f.Tag != "" {
		p.addSet("SELECT member_id AS id FROM member_tags WHERE tag_id = (SELECT id FROM tags WHERE name = ?)", f.Tag)
	}
	if f.Interest != "" {
		p.addSet("SELECT member_id AS id FROM member_interests WHERE topic = ?", f.Interest)
	}
	if f.Expertise != "" {
		p.addSet("SELECT member_id AS id FROM member_expertise WHERE topic = ?", f.Expertise)
	}
	if f.Set != nil {
		p.addSet("SELECT value AS id FROM json_each(?)", jsonList(f.Set.IDs))
	}
	if f.Quadrant != "" {
		p.covered.add("m.quadrant = ?", string(f.Quadrant))
		p.countIndex = "members_segments"
	}
	if f.Channel != "" {
		p.covered.add("m.channels & ? <> 0", channelBit(f.Channel))
		p.countIndex = "members_segments"
	}
	if f.Cohort != "" {
		cond, args := cohortSQL(f.Cohort, b)
		p.covered.add(cond, args...)
		p.countIndex = cohortIndex(f.Cohort)
	}
	return p
}

func (p *memberPlan) addSet(q string, args ...any) {
	p.sets = append(p.sets, memberSet{q, args})
}

// addSearch adds the search q (folded): a phrase of trigrams matches
// exactly the texts that contain q, as LIKE '%q%' does; a query too short
// to have a trigram is tested on the rows.
func (p *memberPlan) addSearch(q string) {
	switch {
	case q == "":
	case utf8.RuneCountInString(q) >= trigram:
		p.addSet("SELECT rowid AS id FROM members_fts WHERE members_fts MATCH ?", quote(q))
	default:
		p.short.add("instr(m.search, ?) > 0", q)
	}
}

// conds are all the conditions on members m. An id set is a plain IN when
// the plan reads members by id from the sets, and +m.id IN otherwise: a
// plain one would let SQLite skip-scan a sort index once per id.
func (p memberPlan) conds(byID bool) where {
	w := where{conds: slices.Clone(p.covered.conds), args: slices.Clone(p.covered.args)}
	op := "+m.id IN ("
	if byID {
		op = "m.id IN ("
	}
	for _, set := range p.sets {
		w.add(op+set.sql+")", set.args...)
	}
	w.conds, w.args = append(w.conds, p.short.conds...), append(w.args, p.short.args...)
	return w
}

// countSQL counts the matches and, when a set or a search takes part and
// at most idsMax match, lists their ids as a JSON array (else NULL).
func (p memberPlan) countSQL(idsMax int) (string, []any) {
	const list = "CASE WHEN count(*) <= ? THEN json_group_array(%s) END"
	switch {
	case len(p.sets) == 0 && len(p.short.conds) == 0:
		from := "members m"
		if p.countIndex != "" {
			from += " INDEXED BY " + p.countIndex
		}
		return "SELECT count(*), NULL FROM " + from + " WHERE " + p.covered.sql(), p.covered.args
	case len(p.covered.conds) == 0 && len(p.short.conds) == 0:
		// Sets alone are counted where they are kept, without reading
		// members: every id in them is a member's (foreign keys, and the
		// triggers of members_fts). +s.id keeps SQLite from handing the
		// other sets' ids to the first as rowid constraints: when it is
		// the search, members_fts would run it once per id (a search and
		// a tag of 1k members took 3 s at 100k members, 23 ms this way).
		var w where
		for _, set := range p.sets[1:] {
			w.add("+s.id IN ("+set.sql+")", set.args...)
		}
		return "SELECT count(*), " + fmt.Sprintf(list, "s.id") + " FROM (" + p.sets[0].sql + ") AS s WHERE " + w.sql(),
			slices.Concat([]any{idsMax}, p.sets[0].args, w.args)
	default:
		w := p.conds(true)
		return "SELECT count(*), " + fmt.Sprintf(list, "m.id") + " FROM " + p.scanFrom() + " WHERE " + w.sql(),
			append([]any{idsMax}, w.args...)
	}
}

// scanFrom is where a plan reads members that is not a walk of a sort
// index: by the ids of the sets (NOT INDEXED leaves SQLite only the
// rowid), or, for a short search alone, all the search texts.
func (p memberPlan) scanFrom() string {
	if len(p.sets) > 0 {
		return "members m NOT INDEXED"
	}
	return "members m INDEXED BY members_search"
}

// pageSQL selects the page: among the ids the count listed; by a walk of
// the sort index, which stops once the page is full; or, for a short
// search that matches too few rows for a walk to meet them soon, by a
// scan of the table and a sort.
func (p memberPlan) pageSQL(f core.MemberFilter, ids sql.NullString, total int) (string, []any) {
	order := " ORDER BY " + memberOrder(f) + " LIMIT ? OFFSET ?"
	if ids.Valid {
		return "SELECT " + memberCols + " FROM members m NOT INDEXED WHERE m.id IN (SELECT value FROM json_each(?))" +
			order, []any{ids.String, f.Limit, f.Offset}
	}
	from := "members m INDEXED BY " + sortIndex(f.Sort)
	// A walk reads a row per entry to test the search: about
	// (offset+limit) * all / total rows, against all rows for a scan (at
	// a tenth of the cost each).
	scan := len(p.short.conds) > 0 && total < shortWalkRatio*(f.Offset+f.Limit)
	if scan {
		from = p.scanFrom()
	}
	w := p.conds(scan)
	return "SELECT " + memberCols + " FROM " + from + " WHERE " + w.sql() + order, append(w.args, f.Limit, f.Offset)
}

// cohortSQL is the condition of one cohort by its bounds: what
// core.CohortBounds.Cohort tests, over first_seen (which already includes
// the join time) and last_seen, so that an index range answers it. Each
// but the new cohort is also a range of COALESCE(last_seen, first_seen),
// the key of members_last_active.
func cohortSQL(c core.Cohort, b core.CohortBounds) (string, []any) {
	newB, driftB, deadB := ms(b.NewSince), ms(b.DriftBefore), ms(b.DeadBefore)
	switch c {
	case core.CohortNew:
		return "m.first_seen >= ?", []any{newB}
	case core.CohortDeadSoul:
		return "m.first_seen < ? AND " + lastActive + " < ?", []any{newB, deadB}
	case core.CohortDrifting:
		// The range of last_active repeats the one of last_seen, which is
		// set in this cohort.
		return "m.first_seen < ? AND m.last_seen < ? AND m.last_seen >= ? AND " +
				lastActive + " < ? AND " + lastActive + " >= ?",
			[]any{newB, driftB, deadB, driftB, deadB}
	default:
		return "m.first_seen < ? AND " + lastActive + " >= ? AND (m.last_seen IS NULL OR m.last_seen >= ?)",
			[]any{newB, deadB, driftB}
	}
}

// lastActive is the expression members_last_active indexes.
const lastActive = "COALESCE(m.last_seen, m.first_seen)"

func cohortIndex(c core.Cohort) string {
	if c == core.CohortNew {
		return "members_first_seen"
	}
	return "members_last_active"
}

// memberSorts are the ORDER BY column and index of each sort.
var memberSorts = map[core.MemberSort]struct{ col, index string }{
	core.SortName:      {"m.name COLLATE NOCASE", "members_name"},
	core.SortLastSeen:  {"m.last_seen", "members_last_seen"},
	core.SortFirstSeen: {"m.first_seen", "members_first_seen"},
	core.SortActivity:  {"m.activity", "members_activity"},
	core.SortLoyalty:   {"m.loyalty", "members_loyalty"},
	core.SortFollowers: {"m.followers", "members_followers"},
}

func memberSort(s core.MemberSort) (col, index string) {
	if c, ok := memberSorts[s]; ok {
		return c.col, c.index
	}
	return memberSorts[core.SortActivity].col, memberSorts[core.SortActivity].index
}

func sortIndex(s core.MemberSort) string {
	_, index := memberSort(s)
	return index
}

// memberOrder is the ORDER BY of a sort; the id breaks ties so pages are
// stable.
func memberOrder(f core.MemberFilter) string {
	col, _ := memberSort(f.Sort)
	if f.Desc {
		return col + " DESC, m.id"
	}
	return col + ", m.id"
}

// SegmentCounts counts the members per quadrant, channel and cohort (by
// the bounds b) in one snapshot: quadrants and channels from one walk of
// members_segments, cohorts as index ranges.
func (s *Store) SegmentCounts(ctx context.Context, b core.CohortBounds) (core.SegmentCounts, error) {
	c := core.SegmentCounts{Quadrants: map[core.Quadrant]int{}, Cohorts: map[core.Cohort]int{},
		Channels: map[core.IdentityKind]int{}}
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return c, fmt.Errorf("store: segment counts: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only
	if err := countQuadrantsChannels(ctx, tx, &c); err != nil {
		return c, fmt.Errorf("store: segment counts: quadrants: %w", err)
	}
	if err := countCohorts(ctx, tx, b, &c); err != nil {
		return c, fmt.Errorf("store: segment counts: cohorts: %w", err)
	}
	return c, nil
}

func countQuadrantsChannels(ctx context.Context, tx *sql.Tx, c *core.SegmentCounts) error {
	for _, q := range core.Quadrants {
		c.Quadrants[q] = 0
	}
	for _, ch := range channelBits {
		c.Channels[ch.kind] = 0
	}
	rows, err := tx.QueryContext(ctx, `SELECT quadrant, channels, count(*) FROM members INDEXED BY members_segments
		GROUP BY quadrant, channels`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			q           string
			channels, n int
		)
		if err := rows.Scan(&q, &channels, &n); err != nil {
			return err
		}
		c.Total += n
		if _, ok := c.Quadrants[core.Quadrant(q)]; ok {
			c.Quadrants[core.Quadrant(q)] += n
		}
		for _, ch := range channelBits {
			if channels&ch.bit != 0 {
				c.Channels[ch.kind] += n
			}
		}
	}
	return rows.Err()
}

// countCohorts counts the small cohorts by their index ranges; the
// regular members are the rest, as the cohorts partition the members.
func countCohorts(ctx context.Context, tx *sql.Tx, b core.CohortBounds, c *core.SegmentCounts) error {
	var (
		sels []string
		args []any
	)
	small := []core.Cohort{core.CohortNew, core.CohortDrifting, core.CohortDeadSoul}
	for _, co := range small {
		cond, a := cohortSQL(co, b)
		sels = append(sels, "(SELECT count(*) FROM members m INDEXED BY "+cohortIndex(co)+" WHERE "+cond+")")
		args = append(args, a...)
	}
	n := make([]int, len(small))
	dest := make([]any, len(small))
	for i := range n {
		dest[i] = &n[i]
	}
	if err := tx.QueryRowContext(ctx, "SELECT "+strings.Join(sels, ", "), args...).Scan(dest...); err != nil {
		return err
	}
	rest := c.Total
	for i, co := range small {
		c.Cohorts[co] = n[i]
		rest -= n[i]
	}
	c.Cohorts[core.CohortRegular] = rest
	return nil
}
