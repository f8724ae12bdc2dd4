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
	// kept, when set, has the statements the writer keeps across
	// transactions: tx must be a transaction of its pool.
	kept *writerStmts
}

func newStmts(ctx context.Context, tx *sql.Tx) *stmts {
	return &stmts{ctx: ctx, tx: tx, cache: map[string]*sql.Stmt{}}
}

func (s *stmts) get(query string) (*sql.Stmt, error) {
	if st, ok := s.cache[query]; ok {
		return st, nil
	}
	if p := s.kept.lookup(query); p != nil {
		// The writer has one connection, on which p was prepared: the
		// transaction's statement is p's, not prepared again.
		st := s.tx.StmtContext(s.ctx, p)
		s.cache[query] = st
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

// writerStmts keeps the statements of the writer's batches (itemWriter)
// prepared from one transaction to the next. Preparing them again in each
// transaction was most of the CPU of a small batch (compiling the items
// triggers into each INSERT and UPDATE that fires them). A statement is
// prepared on the pool only once a second transaction has used it, so a
// short command that writes once prepares nothing twice; and only between
// transactions (settle, before the next one begins), as the pool's one
// connection is the transaction's while it runs. SQLite prepares a kept
// statement again by itself after a schema change (a migration, the temp
// triggers created again).
type writerStmts struct {
	db   *sql.DB
	mu   sync.Mutex
	seen map[string]bool      // texts a transaction prepared itself
	m    map[string]*sql.Stmt // prepared on the pool
	next map[string]bool      // seen twice: for settle to prepare
}

// lookup returns query's kept statement, or nil when the transaction
// must prepare it itself. A nil c keeps nothing.
func (c *writerStmts) lookup(query string) *sql.Stmt {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if st := c.m[query]; st != nil {
		return st
	}
	if c.seen == nil {
		c.seen, c.next = map[string]bool{}, map[string]bool{}
	}
	if c.seen[query] {
		c.next[query] = true
	}
	c.seen[query] = true
	return nil
}

// settle prepares on the pool the statements a second transaction used.
// It runs outside any transaction of the caller's (inTx, before it
// begins one). A statement that fails to prepare is prepared by the next
// transaction itself, as before, and its error is that transaction's.
func (c *writerStmts) settle(ctx context.Context) {
	c.mu.Lock()
	var texts []string
	for query := range c.next {
		texts = append(texts, query)
	}
	clear(c.next)
	c.mu.Unlock()
	// Not under mu: preparing waits for the writer, which another
	// goroutine's transaction may hold while it looks up its statements.
	for _, query := range texts {
		st, err := c.db.PrepareContext(ctx, query)
		if err != nil {
			continue
		}
		c.mu.Lock()
		if c.m == nil {
			c.m = map[string]*sql.Stmt{}
		}
		if c.m[query] == nil {
			c.m[query], st = st, nil
		}
		c.mu.Unlock()
		if st != nil {
			st.Close() // another settle kept one first
		}
	}
}

func (c *writerStmts) pending() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.next) > 0
}

// close closes the kept statements (a statement a transaction still uses
// is closed when that transaction is done with it) and starts over.
func (c *writerStmts) close() error {
	c.mu.Lock()
	kept := c.m
	c.m, c.seen, c.next = nil, nil, nil
	c.mu.Unlock()
	var errs []error
	for _, st := range kept {
		errs = append(errs, st.Close())
	}
	return errors.Join(errs...)
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
