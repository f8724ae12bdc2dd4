package store

import (
	"context"
	"database/sql"
	"errors"
	"sync"
)

// stmts prepares each statement of a transaction once: a batch runs the
// same few statements hundreds of times.
type stmts struct {
	ctx   context.Context
	tx    *sql.Tx
	cache map[string]*sql.Stmt
}

func newStmts(ctx context.Context, tx *sql.Tx) *stmts {
	return &stmts{ctx: ctx, tx: tx, cache: map[string]*sql.Stmt{}}
}

func (s *stmts) get(query string) (*sql.Stmt, error) {
	if st, ok := s.cache[query]; ok {
		return st, nil
	}
	st, err := s.tx.PrepareContext(s.ctx, query)
	if err != nil {
		return nil, err
	}
	s.cache[query] = st
	return st, nil
}

func (s *stmts) exec(query string, args ...any) (sql.Result, error) {
	st, err := s.get(query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(s.ctx, args...)
}

// queryRow returns the first row of query. Its error surfaces in Scan.
func (s *stmts) queryRow(query string, args ...any) scanner {
	st, err := s.get(query)
	if err != nil {
		return errRow{err}
	}
	return st.QueryRowContext(s.ctx, args...)
}

func (s *stmts) query(query string, args ...any) (*sql.Rows, error) {
	st, err := s.get(query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(s.ctx, args...)
}

func (s *stmts) close() {
	for _, st := range s.cache {
		st.Close()
	}
}

// errRow is a row whose statement failed to prepare.
type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }

// stmtCache keeps prepared statements of a pool by their text. The texts
// are built from a bounded set of filter shapes, so it needs no eviction;
// database/sql re-prepares a statement on each connection it runs on.
type stmtCache struct {
	db *sql.DB
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

func (c *stmtCache) get(ctx context.Context, query string) (*sql.Stmt, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.m[query]; ok {
		return st, nil
	}
	st, err := c.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if c.m == nil {
		c.m = map[string]*sql.Stmt{}
	}
	c.m[query] = st
	return st, nil
}

func (c *stmtCache) close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var errs []error
	for _, st := range c.m {
		errs = append(errs, st.Close())
	}
	c.m = nil
	return errors.Join(errs...)
}
