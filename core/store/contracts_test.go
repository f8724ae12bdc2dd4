package store

import (
	"github.com/hearthhq/hearth/core/accounts"
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/core/inbox"
)

// The store is what its callers declare they need.
var (
	_ engine.Store   = (*Store)(nil)
	_ inbox.Store    = (*Store)(nil)
	_ accounts.Store = (*Store)(nil)
)
