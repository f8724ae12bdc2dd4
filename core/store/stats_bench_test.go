package store

// The dashboard's reads on a generated workspace: items spread over the
// year 2026 on three accounts, one in seven ours (replies in existing
// conversations), members with daily activity, snapshots with quadrant
// changes. Budget (issue 11): a quarter's dashboard, with the previous
// quarter for comparison, on 1M items and 100k members in under 300 ms
// (p95). The default run uses 100k items and 10k members; HEARTH_BENCH_1M=1
// adds the full size. Cached like the other generated workspaces. The
// dashboard keeps its days between openings: quarter-all and quarter-vk
// open it again after one post's reactions changed (one day is read
// again), quarter-all-cold forgets every kept day first (a first opening
// without Warm); warm is the window's background pass over a fresh
// workspace, quarter-first the first opening after it.

import (
	"bytes"
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
	"github.com/hearthhq/hearth/core/report"
	"github.com/hearthhq/hearth/core/stats"
)

var statsYear = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func statsBenchDB(b *testing.B, items int) *Store {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("hearth-bench-stats-%d-%s.db", items, schemaHash(b)))
	if _, err := os.Stat(path); err != nil {
		generateStatsBenchDB(b, path, items)
	}
	s, err := Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	if v, err := s.Setting(context.Background(), "bench_stats"); err != nil || v != "done" {
		b.Fatalf("%s is not a complete benchmark workspace: delete it", path)
	}
	return s
}

func generateStatsBenchDB(b *testing.B, path string, items int) {
	ctx := context.Background()
	tmp := fmt.Sprintf("%s.%d.tmp", path, os.Getpid())
	defer os.Remove(tmp)
	defer os.Remove(LockPath(tmp))
	s, err := Open(ctx, tmp)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	err = fillStats(ctx, s, items, items/10)
	if err == nil {
		err = s.SetSetting(ctx, "bench_stats", "done")
	}
	if err := errors.Join(err, s.Close()); err != nil {
		b.Fatal(err)
	}
	b.Logf("generated %d items for the dashboard in %v", items, time.Since(start).Round(time.Second))
	if err := os.Link(tmp, path); err != nil && !errors.Is(err, fs.ErrExist) {
		b.Fatal(err)
	}
}

// fillStats writes the workspace in SQL (the sync path is benchmarked
// elsewhere): what the triggers of migration 12 keep is kept by them.
func fillStats(ctx context.Context, s *Store, items, people int) error {
	for _, kind := range []core.AccountKind{core.KindIMAP, core.KindVK, core.KindX} {
		if _, err := s.CreateAccount(ctx, core.Account{Kind: kind, Name: string(kind)}); err != nil {
			return err
		}
	}
	year := int64(365 * 24 * time.Hour / time.Millisecond)
	threads := items * 3 / 10
	steps := []string{
		fmt.Sprintf(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)
			INSERT INTO identities (kind, address, name)
			SELECT CASE i %% 3 WHEN 0 THEN 'email' WHEN 1 THEN 'vk' ELSE 'x' END,
				CASE i %% 3 WHEN 0 THEN 'user' || i || '@example.org' ELSE CAST(i AS TEXT) END, 'Person ' || i FROM n`, people),
		fmt.Sprintf(`INSERT INTO members (id, name, first_seen, created_at, channels, quadrant, activity, dirty, scored_day)
			SELECT id, name, %[1]d + abs(random() %% %[2]d), 0, CASE id %% 3 WHEN 0 THEN 1 WHEN 1 THEN 2 ELSE 4 END,
				json_extract('["passer_by","passer_by","quiet_fan","critic","advocate"]', '$[' || (id %% 5) || ']'),
				abs(random() %% 40), 0, 0 FROM identities`, ms(statsYear)-year, 2*year),
		`INSERT INTO member_identities (identity_id, member_id) SELECT id, id FROM identities`,
		fmt.Sprintf(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)
			INSERT INTO threads (account_id, key, subject) SELECT 1 + i %% 3, 't' || i, 'Subject ' || i FROM n`, threads),
		// Conversations are runs of about three items close in time, with
		// a little interleaving; times rise through the year with a few
		// hours of jitter.
		fmt.Sprintf(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %[1]d)
			INSERT INTO items (account_id, thread_id, kind, remote_id, state, seen, outgoing, created_at, fts_key,
				author_identity_id, author_name, subject, snippet, stats)
			SELECT t.account_id, t.id,
				CASE WHEN t.account_id = 1 THEN 'email' WHEN t.account_id = 3 THEN 'x_mention'
					WHEN i %% 7 = 0 AND i %% 49 = 0 THEN 'vk_post' ELSE 'vk_comment' END,
				'r' || i, CASE WHEN i %% 50 = 0 THEN 'spam' ELSE 'done' END, 1, i %% 7 = 0,
				%[2]d + i * %[3]d + abs(random() %% 10800000), i,
				CASE WHEN i %% 7 = 0 THEN NULL ELSE 1 + (i * 31) %% %[4]d END, 'Person', 'Subject', 'Snippet',
				CASE WHEN i %% 49 = 0 THEN json_object('likes', i %% 100, 'comments', i %% 13, 'views', i %% 1000) END
			FROM n JOIN threads t ON t.id = 1 + ((i + (i * 7919) %% 5) * 3 / 10) %% %[5]d`, items, ms(statsYear), year/int64(items), people, threads),
		`INSERT INTO identity_days (identity_id, day, comments)
			SELECT author_identity_id, created_at / 86400000, count(*) FROM items
			WHERE author_identity_id IS NOT NULL GROUP BY 1, 2`,
		`UPDATE members SET last_seen = (SELECT max(created_at) FROM items i WHERE i.author_identity_id = members.id)`,
		fmt.Sprintf(`INSERT OR IGNORE INTO membership_events (account_id, identity_id, kind, at)
			SELECT 2, id, CASE WHEN id %% 4 = 0 THEN 'leave' ELSE 'join' END, %d + abs(random() %% %d)
			FROM identities WHERE kind = 'vk'`, ms(statsYear), year),
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, q := range steps {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("%.70s: %w", q, err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	// Snapshots at the start of each quarter, with a twentieth of the
	// members changing quadrant in between.
	for _, m := range []time.Month{1, 4, 7, 10} {
		day := time.Date(2026, m, 1, 0, 0, 0, 0, time.UTC)
		if _, err := s.w.ExecContext(ctx, `UPDATE members SET quadrant = json_extract('["passer_by","quiet_fan","critic","advocate"]',
			'$[' || abs(random() % 4) || ']') WHERE id % 20 = ?`, int(m)%20); err != nil {
			return err
		}
		if _, err := s.SaveSnapshot(ctx, day.Format(time.DateOnly), day, core.CohortBoundsAt(day, core.DefaultScoreSettings()), day.AddDate(0, 0, -30)); err != nil {
			return err
		}
	}
	return nil
}

func BenchmarkDashboard(b *testing.B) {
	sizes := benchSizes()
	for _, n := range sizes {
		b.Run(fmt.Sprintf("items-%d", n), func(b *testing.B) {
			s := statsBenchDB(b, n)
			defer s.Close()
			now := time.Date(2026, 10, 15, 12, 0, 0, 0, time.UTC)
			svc := stats.New(stats.Params{Store: s, Now: func() time.Time { return now }, Zone: "Europe/Paris"})
			ctx := context.Background()
			paris, _ := time.LoadLocation("Europe/Paris")
			q3 := stats.QuarterOf(time.Date(2026, 8, 1, 0, 0, 0, 0, paris))
			// A dashboard opened again after a new reaction on one post
			// of the quarter: the kept days hold but that post's day.
			touch := 0
			react := func() error {
				touch++
				_, err := s.w.ExecContext(ctx, `UPDATE items SET stats = json_set(stats, '$.views', json_extract(stats, '$.views') + 1)
					WHERE id = (SELECT id FROM items INDEXED BY items_our_posts WHERE created_at >= ? AND created_at < ?
						AND outgoing = 1 AND kind = 'vk_post' ORDER BY created_at LIMIT 1 OFFSET ?)`, ms(q3.From), ms(q3.To), touch*37%200)
				return err
			}
			for _, c := range []struct {
				name    string
				account int64
				forget  bool // nothing kept: the first dashboard on a workspace
			}{{"quarter-all", 0, false}, {"quarter-vk", 2, false}, {"quarter-all-cold", 0, true}} {
				b.Run(c.name, func(b *testing.B) {
					measure(b, func() error {
						var err error
						if c.forget {
							_, err = s.w.ExecContext(ctx, "DELETE FROM stats_days; DELETE FROM stats_active")
						} else {
							err = react()
						}
						if err != nil {
							return err
						}
						d, err := svc.Dashboard(ctx, stats.Query{Period: q3, AccountID: c.account})
						if err == nil && d.KPIs["items_in"].Num == 0 {
							err = fmt.Errorf("no items in the quarter")
						}
						return err
					})
				})
			}
			// What the window does when a workspace opens: Warm in the
			// background over nothing kept (warm), then the first
			// dashboard of the quarter reads what it kept (quarter-first).
			forget := func() error {
				_, err := s.w.ExecContext(ctx, "DELETE FROM stats_days; DELETE FROM stats_active")
				return err
			}
			b.Run("warm", func(b *testing.B) {
				measureAfter(b, forget, func() error { return svc.Warm(ctx) })
			})
			b.Run("quarter-first", func(b *testing.B) {
				measureAfter(b, func() error {
					if err := forget(); err != nil {
						return err
					}
					return svc.Warm(ctx)
				}, func() error {
					_, err := svc.Dashboard(ctx, stats.Query{Period: q3})
					return err
				})
			})
			b.Run("replies-quarter", func(b *testing.B) {
				measure(b, func() error {
					_, err := s.StatsReplyWaits(ctx, q3.From, q3.To, 0)
					return err
				})
			})
			b.Run("members-quarter", func(b *testing.B) {
				measure(b, func() error {
					_, err := s.StatsMembers(ctx, core.MemberStatsQuery{From: q3.From, To: q3.To,
						ActiveSince: q3.To.AddDate(0, 0, -30), Bounds: core.CohortBoundsAt(q3.To, core.DefaultScoreSettings())})
					return err
				})
			})
		})
	}
}

// BenchmarkReport writes a period's PDF report as the monthly report
// button does: the dashboard (without the rows of each message and reply,
// which only the CSV lists), then the PDF with its embedded fonts and
// chart images. Budget (issue 11): under 3 s.
// The kept day summaries are the dashboard's own (see BenchmarkDashboard);
// month-cold forgets them first.
func BenchmarkReport(b *testing.B) {
	sizes := benchSizes()
	paris, _ := time.LoadLocation("Europe/Paris")
	for _, n := range sizes {
		b.Run(fmt.Sprintf("items-%d", n), func(b *testing.B) {
			s := statsBenchDB(b, n)
			defer s.Close()
			now := time.Date(2026, 10, 15, 12, 0, 0, 0, time.UTC)
			svc := stats.New(stats.Params{Store: s, Now: func() time.Time { return now }, Zone: "Europe/Paris"})
			ctx := context.Background()
			for _, c := range []struct {
				name   string
				period stats.Period
				forget bool
			}{
				{"pdf-month", stats.MonthOf(time.Date(2026, 9, 1, 0, 0, 0, 0, paris)), false},
				{"pdf-quarter", stats.QuarterOf(time.Date(2026, 8, 1, 0, 0, 0, 0, paris)), false},
				{"pdf-month-cold", stats.MonthOf(time.Date(2026, 9, 1, 0, 0, 0, 0, paris)), true},
			} {
				b.Run(c.name, func(b *testing.B) {
					var size int
					measure(b, func() error {
						if c.forget {
							if _, err := s.w.ExecContext(ctx, "DELETE FROM stats_days; DELETE FROM stats_active"); err != nil {
								return err
							}
						}
						d, err := svc.Dashboard(ctx, stats.Query{Period: c.period})
						if err != nil {
							return err
						}
						var buf bytes.Buffer
						if err := report.WritePDF(&buf, d, "en"); err != nil {
							return err
						}
						size = buf.Len()
						return nil
					})
					b.ReportMetric(float64(size)/1024, "KiB")
				})
			}
		})
	}
}
