package backup

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
)

// Dir is the backups directory.
func (s *Service) Dir() string { return s.dir }

// Manual backs the workspace up now, whatever the day's automatic backup
// did, to a file named for the moment (hearth-manual-2025-03-12-093000.db).
// Manual backups are never pruned: the person who made one removes it.
func (s *Service) Manual(ctx context.Context) (string, error) {
	if err := os.MkdirAll(s.dir, 0o700); err != nil {
		return "", fmt.Errorf("backup: %w", err)
	}
	path := filepath.Join(s.dir, "hearth-manual-"+s.now().Format("2006-01-02-150405")+".db")
	if _, err := os.Stat(path); err == nil {
		return "", fmt.Errorf("backup: %s exists already; try again in a second", path)
	}
	if err := s.store.Backup(ctx, path); err != nil {
		return "", fmt.Errorf("backup: %w", err)
	}
	return path, nil
}
