package calendar

import (
	"context"
	"fmt"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/engine"
)

// connCache keeps one connection per account for a pass.
type connCache struct {
	opener Opener
	conns  map[int64]engine.Conn
}

func newConnCache(o Opener) *connCache { return &connCache{opener: o, conns: map[int64]engine.Conn{}} }

// publisher opens (once per pass) the account's connection and checks it
// can publish.
func (c *connCache) publisher(ctx context.Context, accountID int64) (engine.Publisher, error) {
	conn, ok := c.conns[accountID]
	if !ok {
		var err error
		if conn, err = c.opener.Open(ctx, accountID); err != nil {
			return nil, fmt.Errorf("open account %d: %w", accountID, err)
		}
		c.conns[accountID] = conn
	}
	pub, ok := conn.(engine.Publisher)
	if !ok {
		return nil, fmt.Errorf("account %d: %w", accountID, core.ErrUnsupported)
	}
	return pub, nil
}

func (c *connCache) close() {
	for id, conn := range c.conns {
		_ = conn.Close() // nothing is pending on a publishing connection
		delete(c.conns, id)
	}
}
