package store

import (
	"context"
	"database/sql"
)

// ReleaseMemory hands back the page caches of the connections nobody is
// using (SQLite's shrink_memory): a long-running window keeps its
// connections open, and what a background job read through the writer
// (the tone of a million old items, the dashboard's warm-up) would
// otherwise stay resident until the process ends. The pages come back
// from the OS's file cache on the next read. A connection busy elsewhere
// is left alone, and the writer of a read-only store is not connected for
// this.
func (s *Store) ReleaseMemory(ctx context.Context) error {
	// The writer's kept statements go too: the next batches prepare them
	// again (writerStmts).
	if err := s.kept.close(); err != nil {
		return err
	}
	if !s.readOnly || s.wrote.Load() {
		if _, err := s.w.ExecContext(ctx, "PRAGMA shrink_memory"); err != nil {
			return err
		}
	}
	// Holding each idle reader while shrinking it makes the pool hand out
	// the next one; asking for more than are idle would open new ones.
	idle := s.r.Stats().Idle
	held := make([]*sql.Conn, 0, idle)
	defer func() {
		for _, c := range held {
			c.Close()
		}
	}()
	for range idle {
		c, err := s.r.Conn(ctx)
		if err != nil {
			return err
		}
		held = append(held, c)
		if _, err := c.ExecContext(ctx, "PRAGMA shrink_memory"); err != nil {
			return err
		}
	}
	return nil
}
