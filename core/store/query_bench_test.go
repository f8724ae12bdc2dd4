package store

// Benchmarks of the query language on a copy of a generated workspace,
// upgraded by Open first (the upgrade is timed: it is what a person with a
// large workspace waits for once):
//
//	HEARTH_BENCH_FROM=/tmp/hearth-bench-1000000-<hash>.db go test -run XXX -bench Query ./core/store/
//
// Any earlier generated workspace will do (see store_bench_test.go). With
// HEARTH_BENCH_1M=1 and no HEARTH_BENCH_FROM (make bench BENCH_1M=1) the
// benchmark reads the million-item workspace generated for this schema.

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

// upgradedCopy copies the workspace named by HEARTH_BENCH_FROM and opens
// the copy, reporting how long the upgrade took.
func upgradedCopy(b *testing.B) *Store {
	b.Helper()
	from := os.Getenv("HEARTH_BENCH_FROM")
	if from == "" && os.Getenv("HEARTH_BENCH_1M") == "1" {
		// make bench BENCH_1M=1: the million-item workspace the other
		// store benchmarks generate for the current schema.
		return benchDB(b, 1_000_000)
	}
	if from == "" {
		b.Skip("set HEARTH_BENCH_FROM to a generated workspace, or HEARTH_BENCH_1M=1")
	}
	path := filepath.Join(b.TempDir(), "hearth.db")
	// The upgrade of a 1M-item copy takes minutes (17 under load): the
	// upgraded copy is kept beside the original, named by the schema it
	// reached, and later runs start from the newest one, paying only for
	// the migrations added since (HEARTH_BENCH_UPGRADE=1 times the whole
	// upgrade again).
	steps, err := loadMigrations(migrationFiles)
	if err != nil {
		b.Fatal(err)
	}
	cached := fmt.Sprintf("%s.schema%d", from, len(steps))
	for n := len(steps); n > 0 && os.Getenv("HEARTH_BENCH_UPGRADE") == ""; n-- {
		if older := fmt.Sprintf("%s.schema%d", from, n); fileExists(older) {
			from = older // only the migrations after n remain
			break
		}
	}
	if err := copyFile(from, path); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	s, err := Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "opened %s in %v (upgraded by every migration it lacked)\n", filepath.Base(from), time.Since(start).Round(time.Millisecond))
	if from != cached {
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		if err := copyFile(path, cached+".tmp"); err != nil || os.Rename(cached+".tmp", cached) != nil {
			b.Fatalf("keep the upgraded copy: %v", err)
		}
		if s, err = Open(context.Background(), path); err != nil {
			b.Fatal(err)
		}
	}
	// The word forms alone, as a workspace built before them gets them.
	ctx := context.Background()
	if err := s.SetSetting(ctx, settingFormsVersion, "0"); err != nil {
		b.Fatal(err)
	}
	start = time.Now()
	if err := s.ensureTermForms(ctx); err != nil {
		b.Fatal(err)
	}
	var terms, forms int
	_ = s.r.QueryRow("SELECT (SELECT count(*) FROM fts_terms), (SELECT count(*) FROM term_forms)").Scan(&terms, &forms)
	fmt.Fprintf(os.Stderr, "word forms of %d terms (%d keys) built in %v\n", terms, forms, time.Since(start).Round(time.Millisecond))
	return s
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// queryBenchCases are searches a person types and saved views: text alone,
// text with operators, operators alone.
var queryBenchCases = []struct{ name, query string }{
	{"common", "community"},
	{"common-ru", "встреча"},
	{"rare", rareTerm},
	{"prefix", "сообщ*"},
	{"two-words", "game server"},
	{"phrase", `"thank you"`},
	{"no-hits", "xylophone"},
	{"or", "встреча OR meetup"},
	{"not", "community -game"},
	{"text-channel", "community channel:vk"},
	{"from", "from:anna"},
	{"view-unread-vk", "channel:vk is:unread"},
	{"view-vip", "is:vip"},
	{"view-account", "account:x -is:unread"},
	{"view-after", "after:2024-06-01 channel:email"},
}

func BenchmarkQuerySearch(b *testing.B) {
	s := upgradedCopy(b)
	defer s.Close()
	for _, q := range queryBenchCases {
		for _, view := range []struct {
			name string
			f    core.ItemFilter
		}{{"triage", core.ItemFilter{}}, {"all", core.ItemFilter{States: core.States}}} {
			b.Run(fmt.Sprintf("%s/%s", q.name, view.name), func(b *testing.B) {
				measure(b, func() error {
					_, err := s.Search(context.Background(), q.query, view.f)
					return err
				})
			})
		}
	}
}
