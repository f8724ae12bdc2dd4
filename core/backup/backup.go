// Package backup keeps the workspace's automatic daily backups: one copy a
// day in a backups directory beside the workspace database, the newest few
// kept. It runs wherever the workspace is in use for long (the window, the
// sync daemon), never on the UI goroutine.
package backup

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/hearthhq/hearth/core"
)

// KeepSetting is the settings key of the retention: how many daily backups
// are kept. 0 turns automatic backups off.
const KeepSetting = "backup_keep"

// DefaultKeep is the retention when none is set: a week of days.
const DefaultKeep = 7

// Store is what backups need of the workspace store.
type Store interface {
	Backup(ctx context.Context, path string) error
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
}

// Params configure a Service.
type Params struct {
	Store Store
	Dir   string           // the backups directory
	Now   func() time.Time // nil: time.Now
	Log   *slog.Logger     // nil: slog.Default()
}

// Service makes and prunes the daily backups.
type Service struct {
	store Store
	dir   string
	now   func() time.Time
	log   *slog.Logger
}

// New makes the service; nothing runs until Daily or Run.
func New(p Params) *Service {
	s := &Service{store: p.Store, dir: p.Dir, now: p.Now, log: p.Log}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	return s
}

// dailyName is a daily backup's file name: the local date sorts them.
var dailyName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^hearth-\d{4}-\d{2}-\d{2}\.db$`) })

// Path is where the daily backup of the day of t goes.
func (s *Service) Path(t time.Time) string {
	return filepath.Join(s.dir, "hearth-"+t.Format(time.DateOnly)+".db")
}

// Keep returns the retention setting.
func (s *Service) Keep(ctx context.Context) (int, error) {
	v, err := s.store.Setting(ctx, KeepSetting)
	if errors.Is(err, core.ErrNotFound) {
		return DefaultKeep, nil
	}
	if err != nil {
		return 0, fmt.Errorf("backup: retention: %w", err)
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return DefaultKeep, nil // an unreadable value must not stop backups
	}
	return n, nil
}

// SetKeep sets the retention; 0 turns automatic backups off.
func (s *Service) SetKeep(ctx context.Context, n int) error {
	if n < 0 {
		return fmt.Errorf("backup: keep %d: want 0 or more", n)
	}
	if err := s.store.SetSetting(ctx, KeepSetting, strconv.Itoa(n)); err != nil {
		return fmt.Errorf("backup: retention: %w", err)
	}
	return nil
}

// Daily makes today's backup unless it exists, then removes the daily
// backups beyond the retention, oldest first. It returns the path it wrote,
// "" when none was due. Nothing is removed when the backup failed, and
// files other than daily backups (a workspace kept aside by a restore) are
// never removed.
func (s *Service) Daily(ctx context.Context) (string, error) {
	keep, err := s.Keep(ctx)
	if err != nil || keep == 0 {
		return "", err
	}
	if err := os.MkdirAll(s.dir, 0o700); err != nil {
		return "", fmt.Errorf("backup: %w", err)
	}
	path := s.Path(s.now())
	made := ""
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		if err := s.store.Backup(ctx, path); err != nil {
			return "", fmt.Errorf("backup: %w", err)
		}
		made = path
	} else if err != nil {
		return "", fmt.Errorf("backup: %w", err)
	}
	return made, s.prune(keep)
}

func (s *Service) prune(keep int) error {
	names, err := s.List()
	if err != nil {
		return err
	}
	var errs []error
	for len(names) > keep {
		if err := os.Remove(filepath.Join(s.dir, names[0])); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
		names = names[1:]
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("backup: prune: %w", err)
	}
	return nil
}

// List returns the daily backups' file names, oldest first.
func (s *Service) List() ([]string, error) {
	ents, err := os.ReadDir(s.dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	var names []string
	for _, e := range ents {
		if e.Type().IsRegular() && dailyName().MatchString(e.Name()) {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	return names, nil
}

// Newest is the newest daily backup's path, "" when there is none.
func (s *Service) Newest() string {
	names, err := s.List()
	if err != nil || len(names) == 0 {
		return ""
	}
	return filepath.Join(s.dir, names[len(names)-1])
}

// Run makes the daily backup after first (so that it does not compete with
// the start-up sync) and then checks every hour, until ctx ends. Failures
// are logged: a backup that cannot be made must not stop the app.
func (s *Service) Run(ctx context.Context, first time.Duration) {
	wait := time.NewTimer(first)
	defer wait.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-wait.C:
		}
		start := time.Now()
		if path, err := s.Daily(ctx); err != nil {
			if ctx.Err() == nil {
				s.log.Error("automatic backup failed", "err", err)
			}
		} else if path != "" {
			s.log.Info("automatic backup made", "path", path, "took", time.Since(start).Round(time.Millisecond))
		}
		wait.Reset(time.Hour)
	}
}
