package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

// tableNow is the clock of the members table tests; the generated members
// were first seen in the 200 days before it.
var tableNow = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

// tableNames have case variants (ties for the NOCASE sort), ё, and the
// characters LIKE and FTS5 treat specially.
var tableNames = []string{"Anna", "anna", "Ann-Marie", "Борис", "Пётр", "Zoë", "O'Brien", `Say "hi"`,
	"100%_real", "Léa", ""}

// fillTable makes n members with spread scores, times, channels, tags,
// interests and expertise, drawn from a fixed seed.
func fillTable(t *testing.T, s *Store, n int) {
	t.Helper()
	ctx := context.Background()
	r := rand.New(rand.NewPCG(6, 50))
	day := int64(24 * time.Hour / time.Millisecond)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for i := 1; i <= n; i++ {
			if err := fillTableMember(ctx, tx, r, i, day); err != nil {
				return fmt.Errorf("member %d: %w", i, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func fillTableMember(ctx context.Context, tx *sql.Tx, r *rand.Rand, i int, day int64) error {
	name := tableNames[r.IntN(len(tableNames))]
	if r.IntN(2) == 0 {
		name = fmt.Sprintf("%s %d", name, i)
	}
	first := ms(tableNow) - r.Int64N(200*day)
	var last any
	if r.IntN(5) != 0 {
		last = first + r.Int64N(ms(tableNow)-first+1)
	}
	// Some sit exactly on the default cohort bounds.
	switch r.IntN(10) {
	case 0:
		first = ms(tableNow) - 30*day
	case 1:
		last = ms(tableNow) - 30*day
	case 2:
		first, last = ms(tableNow)-100*day, ms(tableNow)-90*day
	}
	search := foldSearch(fmt.Sprintf("%s user%d@example.org h%d", name, i, i%7))
	id, err := insertID(ctx, tx, `INSERT INTO members (name, search, first_seen, last_seen, activity, loyalty,
		followers, quadrant, channels, dirty, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?) RETURNING id`,
		name, search, first, last, r.IntN(8), float64(r.IntN(5))/4, r.IntN(4)-1,
		string(core.Quadrants[r.IntN(len(core.Quadrants))]), r.IntN(8), first)
	if err != nil {
		return err
	}
	for _, q := range []struct {
		every int
		sql   string
	}{
		{3, "INSERT INTO member_tags (member_id, tag_id) SELECT ?, id FROM tags WHERE name = 'volunteers'"},
		{20, "INSERT INTO member_tags (member_id, tag_id) SELECT ?, id FROM tags WHERE name = 'artists'"},
		{5, "INSERT INTO member_interests (member_id, topic) VALUES (?, 'chess')"},
		{9, "INSERT INTO member_expertise (member_id, topic, level) VALUES (?, 'go', 3)"},
	} {
		if r.IntN(q.every) != 0 {
			continue
		}
		if _, err := tx.ExecContext(ctx, q.sql, id); err != nil {
			return err
		}
	}
	return nil
}

func insertID(ctx context.Context, tx *sql.Tx, q string, args ...any) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, q, args...).Scan(&id)
	return id, err
}

// referenceMembers is the members table as one plain query would give it:
// LIKE on every row, the cohort computed per row, a sort of all matches.
// It returns every match in order; pages are slices of them.
func referenceMembers(t *testing.T, s *Store, f core.MemberFilter, cs core.ScoreSettings) (ids []int64) {
	t.Helper()
	var w where
	if q := foldSearch(f.Query); q != "" {
		w.add(`m.search LIKE ? ESCAPE '\'`, "%"+escapeLike(q)+"%")
	}
	if f.Tag != "" {
		w.add("EXISTS (SELECT 1 FROM member_tags mt JOIN tags t ON t.id = mt.tag_id WHERE mt.member_id = m.id AND t.name = ?)", f.Tag)
	}
	if f.Interest != "" {
		w.add("EXISTS (SELECT 1 FROM member_interests WHERE member_id = m.id AND topic = ?)", f.Interest)
	}
	if f.Expertise != "" {
		w.add("EXISTS (SELECT 1 FROM member_expertise WHERE member_id = m.id AND topic = ?)", f.Expertise)
	}
	if f.Quadrant != "" {
		w.add("m.quadrant = ?", string(f.Quadrant))
	}
	if f.Channel != "" {
		w.add("m.channels & ? <> 0", channelBit(f.Channel))
	}
	rows, err := s.r.Query("SELECT m.id, m.first_seen, m.last_seen FROM members m NOT INDEXED WHERE "+w.sql()+
		" ORDER BY "+memberOrder(f), w.args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			m        core.Member
			first    int64
			lastSeen sql.NullInt64
		)
		if err := rows.Scan(&m.ID, &first, &lastSeen); err != nil {
			t.Fatal(err)
		}
		m.FirstSeen, m.LastSeen = fromMS(first), fromNullMS(lastSeen)
		if f.Cohort != "" && core.CohortOf(m, f.Now, cs) != f.Cohort {
			continue
		}
		ids = append(ids, m.ID)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return ids
}

// pageOf is the page of ids at offset, at most limit long.
func pageOf(ids []int64, offset, limit int) []int64 {
	if offset >= len(ids) {
		return nil
	}
	return ids[offset:min(offset+limit, len(ids))]
}

// tableSize is how many members the table tests make.
const tableSize = 400

// idsMaxes are the ways a count may hand the page its matches' ids: never,
// always, and at memberIDsMax when the table is larger than it. Only a
// plan with a set or a short search makes a list; the others run once.
func idsMaxes(p memberPlan) []int {
	if len(p.sets) == 0 && len(p.short.conds) == 0 {
		return []int{0}
	}
	out := []int{0, 1 << 30}
	if memberIDsMax < tableSize {
		out = append(out, memberIDsMax)
	}
	return out
}

func memberIDs(list []core.Member) []int64 {
	var ids []int64
	for _, m := range list {
		ids = append(ids, m.ID)
	}
	return ids
}

// tableFilters are the filters checked against the reference: each alone,
// searches short and long with special characters, and combinations.
func tableFilters() []core.MemberFilter {
	fs := []core.MemberFilter{{}}
	for _, q := range []string{"a", "an", "ann", "ANNA 1", "борис", "пётр", "ПЕТР", "%", "_", "100%", "o'b",
		`"hi"`, "zzz", "example.org", "-m", "h3"} {
		fs = append(fs, core.MemberFilter{Query: q})
	}
	for _, tag := range []string{"volunteers", "artists", "nobody"} {
		fs = append(fs, core.MemberFilter{Tag: tag})
	}
	fs = append(fs, core.MemberFilter{Interest: "CHESS"}, core.MemberFilter{Expertise: "go"})
	for _, q := range core.Quadrants {
		fs = append(fs, core.MemberFilter{Quadrant: q})
	}
	for _, c := range core.Cohorts {
		fs = append(fs, core.MemberFilter{Cohort: c})
	}
	for _, ch := range []core.IdentityKind{core.IdentityEmail, core.IdentityVK, core.IdentityX} {
		fs = append(fs, core.MemberFilter{Channel: ch})
	}
	return append(fs,
		core.MemberFilter{Query: "anna", Cohort: core.CohortRegular, Channel: core.IdentityEmail},
		core.MemberFilter{Query: "an", Cohort: core.CohortDrifting},
		core.MemberFilter{Tag: "volunteers", Quadrant: core.QuadrantCritic, Cohort: core.CohortDeadSoul},
		core.MemberFilter{Tag: "volunteers", Interest: "chess", Query: "user"},
		core.MemberFilter{Expertise: "go", Channel: core.IdentityVK, Cohort: core.CohortNew},
		core.MemberFilter{Quadrant: core.QuadrantAdvocate, Channel: core.IdentityX, Cohort: core.CohortRegular},
	)
}

// TestMembersTableMatchesPlainQuery checks every filter, sort, direction
// and page against the plain query, through both plans of a set filter:
// the matches' ids handed to the page, and the walk of the sort index.
// The sorts are checked in parallel: they only read.
func TestMembersTableMatchesPlainQuery(t *testing.T) {
	s := newStore(t)
	if _, err := s.w.Exec("INSERT INTO tags (name) VALUES ('volunteers'), ('artists')"); err != nil {
		t.Fatal(err)
	}
	fillTable(t, s, tableSize)
	cs := core.DefaultScoreSettings()
	bounds := core.CohortBoundsAt(tableNow, cs)
	sorts := []core.MemberSort{core.SortName, core.SortLastSeen, core.SortFirstSeen, core.SortActivity,
		core.SortLoyalty, core.SortFollowers}
	for _, sort := range sorts {
		t.Run(string(sort), func(t *testing.T) {
			t.Parallel()
			for _, base := range tableFilters() {
				for _, desc := range []bool{false, true} {
					f := base
					f.Sort, f.Desc, f.Now = sort, desc, tableNow
					checkMemberPages(t, s, f, bounds, referenceMembers(t, s, f, cs))
				}
			}
		})
	}
}

// checkMemberPages checks the pages of f against all, the reference's
// matches, with each id threshold that can change the plan.
func checkMemberPages(t *testing.T, s *Store, f core.MemberFilter, bounds core.CohortBounds, all []int64) {
	t.Helper()
	for _, page := range []struct{ offset, limit int }{{0, 10}, {25, 10}, {0, 500}} {
		f.Offset, f.Limit = page.offset, page.limit
		want := pageOf(all, f.Offset, f.Limit)
		for _, idsMax := range idsMaxes(planMembers(f, bounds)) {
			got, err := s.members(context.Background(), f, bounds, idsMax)
			if err != nil {
				t.Fatalf("%+v: %v", f, err)
			}
			if got.Total != len(all) || !slices.Equal(memberIDs(got.Members), want) {
				t.Fatalf("%+v (ids max %d): total %d, ids %v; want %d, %v",
					f, idsMax, got.Total, memberIDs(got.Members), len(all), want)
			}
		}
	}
}

// TestSegmentCountsMatchCohortOf counts every member by core.CohortOf and
// its quadrant and channels, at several clocks and windows.
func TestSegmentCountsMatchCohortOf(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	fillTable(t, s, 300)
	page, err := s.Members(ctx, core.MemberFilter{Limit: 1000}, core.CohortBounds{})
	if err != nil {
		t.Fatal(err)
	}
	odd := core.DefaultScoreSettings()
	odd.NewDays, odd.DriftDays, odd.DeadDays = 10, 100, 40 // drifting longer than dead
	for _, cs := range []core.ScoreSettings{core.DefaultScoreSettings(), odd} {
		for _, now := range []time.Time{tableNow, tableNow.Add(-60 * 24 * time.Hour), tableNow.Add(400 * 24 * time.Hour)} {
			got, err := s.SegmentCounts(ctx, core.CohortBoundsAt(now, cs))
			if err != nil {
				t.Fatal(err)
			}
			if want := countSegments(page.Members, now, cs); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("at %v with %+v:\n got %v\nwant %v", now, cs, got, want)
			}
		}
	}
}

func countSegments(list []core.Member, now time.Time, cs core.ScoreSettings) core.SegmentCounts {
	c := core.SegmentCounts{Total: len(list), Quadrants: map[core.Quadrant]int{}, Cohorts: map[core.Cohort]int{},
		Channels: map[core.IdentityKind]int{}}
	for _, q := range core.Quadrants {
		c.Quadrants[q] = 0
	}
	for _, co := range core.Cohorts {
		c.Cohorts[co] = 0
	}
	for _, ch := range channelBits {
		c.Channels[ch.kind] = 0
	}
	for _, m := range list {
		c.Quadrants[m.Quadrant]++
		c.Cohorts[core.CohortOf(m, now, cs)]++
		for _, ch := range m.Channels {
			c.Channels[ch]++
		}
	}
	return c
}

// TestMemberSearchFollowsEdits: the trigram index follows a changed
// name, a merge and a deletion.
func TestMemberSearchFollowsEdits(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	a, err := s.CreateMember(ctx, core.Member{Name: "Maria Ivanova"}, base)
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.CreateMember(ctx, core.Member{Name: "Masha"}, base)
	if err != nil {
		t.Fatal(err)
	}
	search := func(q string) []int64 {
		t.Helper()
		page, err := s.Members(ctx, core.MemberFilter{Query: q, Sort: core.SortName}, core.CohortBounds{})
		if err != nil {
			t.Fatal(err)
		}
		return memberIDs(page.Members)
	}
	if got := search("ivanova"); !slices.Equal(got, []int64{a}) {
		t.Fatalf("ivanova: %v, want [%d]", got, a)
	}
	name := "Maria Petrova"
	if err := s.UpdateMemberProfile(ctx, a, core.MemberProfile{Name: &name}); err != nil {
		t.Fatal(err)
	}
	if got := search("ivanova"); got != nil {
		t.Errorf("ivanova after the rename: %v", got)
	}
	if got := search("petrova"); !slices.Equal(got, []int64{a}) {
		t.Errorf("petrova: %v, want [%d]", got, a)
	}
	if err := s.DeleteMember(ctx, b); err != nil {
		t.Fatal(err)
	}
	if got := search("masha"); got != nil {
		t.Errorf("masha after deletion: %v", got)
	}
}
