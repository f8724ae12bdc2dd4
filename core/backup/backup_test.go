package backup

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/store"
)

func newService(t *testing.T, now *time.Time) (*Service, string) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, coretest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	dir := filepath.Join(t.TempDir(), "backups")
	return New(Params{Store: st, Dir: dir, Now: func() time.Time { return *now }}), dir
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	return out
}

func TestDailyBackupsAreMadeOnceADayAndPruned(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.Local)
	s, dir := newService(t, &now)

	made, err := s.Daily(ctx)
	if err != nil || made == "" {
		t.Fatalf("first Daily: %q, %v; want a backup", made, err)
	}
	if again, err := s.Daily(ctx); err != nil || again != "" {
		t.Errorf("second Daily the same day: %q, %v; want none", again, err)
	}
	// A workspace kept aside by a restore and a file of the user's are
	// never pruned.
	for _, n := range []string{"hearth-before-restore-20260301-080000.db", "notes.txt"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for range 9 {
		now = now.Add(24 * time.Hour)
		if _, err := s.Daily(ctx); err != nil {
			t.Fatal(err)
		}
	}
	got := names(t, dir)
	want := []string{"hearth-2026-03-04.db", "hearth-2026-03-05.db", "hearth-2026-03-06.db",
		"hearth-2026-03-07.db", "hearth-2026-03-08.db", "hearth-2026-03-09.db", "hearth-2026-03-10.db",
		"hearth-before-restore-20260301-080000.db", "notes.txt"}
	if !slices.Equal(got, want) {
		t.Errorf("backups directory after 10 days:\n got %v\nwant %v", got, want)
	}
	if s.Newest() != filepath.Join(dir, "hearth-2026-03-10.db") {
		t.Errorf("Newest() = %q", s.Newest())
	}
	if rep, err := store.Check(ctx, s.Newest()); err != nil || !rep.OK() {
		t.Errorf("the newest backup does not check: %v %v", rep.Problems, err)
	}
}

func TestRetentionSetting(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.Local)
	s, dir := newService(t, &now)
	if n, err := s.Keep(ctx); err != nil || n != DefaultKeep {
		t.Errorf("default retention %d, %v; want %d", n, err, DefaultKeep)
	}
	for range 4 {
		if _, err := s.Daily(ctx); err != nil {
			t.Fatal(err)
		}
		now = now.Add(24 * time.Hour)
	}
	if err := s.SetKeep(ctx, 2); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Daily(ctx); err != nil {
		t.Fatal(err)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"hearth-2026-03-04.db", "hearth-2026-03-05.db"}) {
		t.Errorf("after keep 2: %v", got)
	}
	if err := s.SetKeep(ctx, 0); err != nil {
		t.Fatal(err)
	}
	now = now.Add(24 * time.Hour)
	if made, err := s.Daily(ctx); err != nil || made != "" {
		t.Errorf("Daily with backups off: %q, %v", made, err)
	}
	if err := s.SetKeep(ctx, -1); err == nil {
		t.Error("SetKeep(-1) accepted")
	}
}
