package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkBackup measures a backup of the generated workspace while it is
// open: "copy" is the online copy itself (backup API, fsync, rename), the
// budget of 30 s at 1M items; "checked" is what Backup does, the copy and
// quick_check of it before it is kept.
func BenchmarkBackup(b *testing.B) {
	ctx := context.Background()
	for _, n := range benchSizes() {
		s := benchDB(b, n)
		for _, mode := range []string{"copy", "checked"} {
			b.Run(fmt.Sprintf("items=%d/%s", n, mode), func(b *testing.B) {
				dir := b.TempDir()
				var size int64
				for i := 0; b.Loop(); i++ {
					out := filepath.Join(dir, fmt.Sprintf("b%d.db", i))
					var err error
					if mode == "copy" {
						err = copyDatabase(ctx, s.path, out, nil)
					} else {
						err = s.Backup(ctx, out)
					}
					if err != nil {
						b.Fatal(err)
					}
					fi, err := os.Stat(out)
					if err != nil {
						b.Fatal(err)
					}
					size = fi.Size()
					os.Remove(out)
				}
				b.ReportMetric(float64(size)/1e6, "MB")
				b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/backup")
			})
		}
		s.Close()
	}
}

// BenchmarkCheck measures 'hearth check' on the generated workspace:
// integrity_check, foreign_key_check and the FTS5 integrity checks.
func BenchmarkCheck(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			s := benchDB(b, n)
			path := s.path
			if err := s.Close(); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				rep, err := Check(context.Background(), path)
				if err != nil || !rep.OK() {
					b.Fatalf("check: %v %v", rep.Problems, err)
				}
			}
			b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/check")
		})
	}
}

// BenchmarkQuickCheck is what an open after an unclean shutdown adds.
func BenchmarkQuickCheck(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			s := benchDB(b, n)
			path := s.path
			if err := s.Close(); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if err := quickCheck(context.Background(), path); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/check")
		})
	}
}
