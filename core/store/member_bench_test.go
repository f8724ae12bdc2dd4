package store

// Member benchmarks on a generated workspace of 100k members (one identity
// each, scores and times spread at random) and one member with 5k items,
// cached as os.TempDir()/hearth-bench-members-<schema hash>.db like the
// item benchmarks' workspaces. Budgets (design): the members table filters
// and sorts in under 50 ms; a 5k-item dossier timeline opens in under 20 ms.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

const (
	benchMembers     = 100_000
	benchBusyItems   = 5_000
	benchBusyAddress = "busy@example.org"
)

// benchNow is the clock of the member benchmarks: the generated times
// spread over the year before it.
var benchNow = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

func memberBenchDB(b *testing.B) *Store {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("hearth-bench-members-%d-%s.db", benchMembers, schemaHash(b)))
	if _, err := os.Stat(path); err != nil {
		generateMemberBenchDB(b, path)
	}
	s, err := Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	if v, err := s.Setting(context.Background(), "bench_members"); err != nil || v != "done" {
		b.Fatalf("%s is not a complete benchmark workspace: delete it", path)
	}
	return s
}

func generateMemberBenchDB(b *testing.B, path string) {
	ctx := context.Background()
	tmp := fmt.Sprintf("%s.%d.tmp", path, os.Getpid())
	defer os.Remove(tmp)
	s, err := Open(ctx, tmp)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	err = fillMembers(ctx, s)
	if err == nil {
		err = s.SetSetting(ctx, "bench_members", "done")
	}
	if err := errors.Join(err, s.Close()); err != nil {
		b.Fatal(err)
	}
	b.Logf("generated %d members in %v", benchMembers, time.Since(start).Round(time.Second))
	if err := os.Link(tmp, path); err != nil && !errors.Is(err, fs.ErrExist) {
		b.Fatal(err)
	}
}

// fillMembers makes the identities and a member for each, as the store's
// identity writes would, then spreads scores, times, channels and tags with
// SQLite's random().
func fillMembers(ctx context.Context, s *Store) error {
	acct, err := s.CreateAccount(ctx, core.Account{Kind: core.KindIMAP, Name: "mail"})
	if err != nil {
		return err
	}
	year := int64(365 * 24 * time.Hour / time.Millisecond)
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		steps := []string{
			fmt.Sprintf(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)
				INSERT INTO identities (kind, address, name)
				SELECT CASE i %% 3 WHEN 0 THEN 'email' WHEN 1 THEN 'vk' ELSE 'x' END,
					CASE i %% 3 WHEN 0 THEN 'user' || i || '@example.org' ELSE CAST(i AS TEXT) END,
					json_extract('["Anna","Boris","Chloé","Dmitri","Elena","Мария","Пётр","Léa"]', '$[' || (i %% 8) || ']')
						|| ' ' || i FROM n`, benchMembers),
			`INSERT INTO members (id, name, first_seen, created_at) SELECT id, name, 0, 0 FROM identities`,
			`INSERT INTO member_identities (identity_id, member_id) SELECT id, id FROM identities`,
			fmt.Sprintf(`UPDATE members SET
				first_seen = %[1]d - abs(random() %% %[2]d),
				activity = abs(random() %% 40), loyalty = (random() %% 100) / 100.0,
				channels = CASE id %% 3 WHEN 0 THEN 1 WHEN 1 THEN 2 ELSE 4 END,
				search = lower(name), dirty = 0, scored_day = %[3]d`, ms(benchNow), year, core.UnixDay(benchNow)),
			`UPDATE members SET last_seen = first_seen + abs(random() % (` + fmt.Sprint(ms(benchNow)) + ` - first_seen + 1))
				WHERE id % 5 <> 0`,
			`UPDATE members SET quadrant = CASE WHEN activity >= 6 AND loyalty >= 0.2 THEN 'advocate'
				WHEN activity >= 6 THEN 'critic' WHEN loyalty >= 0.2 THEN 'quiet_fan' ELSE 'passer_by' END`,
			`INSERT INTO tags (name) VALUES ('volunteers'), ('artists')`,
			`INSERT INTO member_tags (member_id, tag_id) SELECT id, 1 + id % 2 FROM members WHERE id % 50 = 0`,
		}
		for _, q := range steps {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("%.60s: %w", q, err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return fillBusyMember(ctx, s, acct)
}

// fillBusyMember gives one member 5k e-mails.
func fillBusyMember(ctx context.Context, s *Store, acct int64) error {
	t := benchNow.Add(-300 * 24 * time.Hour)
	for done := 0; done < benchBusyItems; done += 500 {
		items := make([]core.Item, 500)
		for i := range items {
			t = t.Add(time.Hour)
			items[i] = core.Item{Kind: core.ItemEmail, RemoteID: fmt.Sprintf("busy-%d", done+i),
				Subject: "Meetup notes", Text: "Thanks for the meetup, see you next week",
				Author: core.Person{Name: "Busy Bee", Address: benchBusyAddress}, CreatedAt: t}
		}
		if _, err := s.ApplyBatch(ctx, acct, core.Batch{Items: items}); err != nil {
			return err
		}
	}
	for {
		n, err := s.CatchUpMembers(ctx, func(string, *core.Tone) int { return 0 }, 2000)
		if err != nil || n == 0 {
			return err
		}
	}
}

func BenchmarkMembersTable(b *testing.B) {
	s := memberBenchDB(b)
	defer s.Close()
	ctx := context.Background()
	cs := core.DefaultScoreSettings()
	cases := []struct {
		name string
		f    core.MemberFilter
	}{
		{"all-by-activity", core.MemberFilter{Sort: core.SortActivity, Desc: true}},
		{"all-by-name", core.MemberFilter{Sort: core.SortName}},
		{"quadrant-by-last-seen", core.MemberFilter{Quadrant: core.QuadrantAdvocate, Sort: core.SortLastSeen, Desc: true}},
		{"cohort-drifting-by-name", core.MemberFilter{Cohort: core.CohortDrifting, Sort: core.SortName}},
		{"channel-vk-by-loyalty", core.MemberFilter{Channel: core.IdentityVK, Sort: core.SortLoyalty, Desc: true}},
		{"tag-by-activity", core.MemberFilter{Tag: "volunteers", Sort: core.SortActivity, Desc: true}},
		{"search-by-activity", core.MemberFilter{Query: "boris 12", Sort: core.SortActivity, Desc: true}},
		{"search-tag-by-activity", core.MemberFilter{Query: "anna", Tag: "volunteers", Sort: core.SortActivity, Desc: true}},
		{"search-cohort-channel", core.MemberFilter{Query: "anna", Cohort: core.CohortRegular,
			Channel: core.IdentityEmail, Sort: core.SortFirstSeen, Desc: true}},
		// Beyond the table: a search too short for trigrams, a deep
		// page of a set, and an ascending walk of a descending index.
		{"short-search-by-name", core.MemberFilter{Query: "ri", Sort: core.SortName}},
		{"tag-deep-page", core.MemberFilter{Tag: "volunteers", Sort: core.SortLoyalty, Desc: true, Offset: 1800}},
		{"cohort-new-by-activity-asc", core.MemberFilter{Cohort: core.CohortNew, Sort: core.SortActivity}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			f := c.f
			f.Now, f.Limit = benchNow, 100
			measure(b, func() error {
				page, err := s.Members(ctx, f, core.CohortBoundsAt(f.Now, cs))
				if err == nil && page.Total == 0 {
					err = fmt.Errorf("no member matches %+v", f)
				}
				return err
			})
		})
	}
	b.Run("segment-counts", func(b *testing.B) {
		measure(b, func() error {
			_, err := s.SegmentCounts(ctx, core.CohortBoundsAt(benchNow, cs))
			return err
		})
	})
}

func BenchmarkDossierTimeline(b *testing.B) {
	s := memberBenchDB(b)
	defer s.Close()
	ctx := context.Background()
	ident, err := s.Identity(ctx, core.IdentityEmail, benchBusyAddress)
	if err != nil {
		b.Fatal(err)
	}
	id, err := s.MemberOfIdentity(ctx, ident.ID)
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{100, benchBusyItems} {
		b.Run(fmt.Sprintf("first-%d", n), func(b *testing.B) {
			measure(b, func() error {
				tl, err := s.MemberTimeline(ctx, id, time.Time{}, 0, n)
				if err == nil && len(tl) != n {
					err = fmt.Errorf("timeline has %d entries, want %d", len(tl), n)
				}
				return err
			})
		})
	}
}
