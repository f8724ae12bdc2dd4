package store

import (
	"context"
	"database/sql/driver"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"strings"
)

// The workspace's triggers are temp triggers of the writer connection
// (triggers.sql says why): the stored schema has none from version 24 on,
// so a reader parses only the tables and indexes. The writer gets them when
// it connects to a workspace at version 24 or later, and inside the
// transaction of every migration step from 24 on, so a step that writes
// the tables they watch fires them. Every write to those tables must go
// through a connection that has them: the store's writer.

//go:embed triggers.sql
var tempTriggersSQL string

// tempTriggersFrom is the schema version that dropped the stored triggers.
const tempTriggersFrom = 24

// tempTriggerCount is how many triggers triggers.sql creates.
var tempTriggerCount = strings.Count(tempTriggersSQL, "CREATE TEMP TRIGGER IF NOT EXISTS ")

// ensureTempTriggers creates the temp triggers on the connection q runs on
// (the writer: one connection) when it lacks any: a step that rebuilt a
// table took that table's temp triggers with it. It is cheap when they are
// all there (one read of the temp schema).
func ensureTempTriggers(ctx context.Context, q execQuerier) error {
	var n int
	if err := q.QueryRowContext(ctx, "SELECT count(*) FROM temp.sqlite_master WHERE type = 'trigger'").Scan(&n); err != nil {
		return fmt.Errorf("temp triggers: %w", err)
	}
	if n >= tempTriggerCount {
		return nil
	}
	if _, err := q.ExecContext(ctx, tempTriggersSQL); err != nil {
		return fmt.Errorf("temp triggers: %w", err)
	}
	return nil
}

// connTempTriggers is ensureTempTriggers for a connection the pool has not
// handed out yet (the connect hook): it creates the triggers when the
// schema is at version 24 or later. An older schema still has its stored
// triggers and is about to be migrated, which creates them.
func connTempTriggers(ctx context.Context, conn driver.Conn) error {
	qc, ok1 := conn.(driver.QueryerContext)
	ec, ok2 := conn.(driver.ExecerContext)
	if !ok1 || !ok2 {
		return errors.New("temp triggers: the SQLite driver's connection cannot run statements")
	}
	rows, err := qc.QueryContext(ctx, "PRAGMA user_version", nil)
	if err != nil {
		return fmt.Errorf("temp triggers: read version: %w", err)
	}
	val := make([]driver.Value, 1)
	err = rows.Next(val)
	if cerr := rows.Close(); err == nil {
		err = cerr
	}
	if errors.Is(err, io.EOF) {
		err = errors.New("no row")
	}
	if err != nil {
		return fmt.Errorf("temp triggers: read version: %w", err)
	}
	if v, _ := val[0].(int64); v < tempTriggersFrom {
		return nil
	}
	if _, err := ec.ExecContext(ctx, tempTriggersSQL, nil); err != nil {
		return fmt.Errorf("temp triggers: %w", err)
	}
	return nil
}
