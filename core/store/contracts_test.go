package store

import (
	"github.com/hearthhq/hearth/core/accounts"
	"github.com/hearthhq/hearth/core/inbox"
	"github.com/hearthhq/hearth/core/sync"
)

// The store is what its callers declare they need.
var (
	_ sync.Store     = (*Store)(nil)
	_ inbox.Store    = (*Store)(nil)
	_ accounts.Store = (*Store)(nil)
)
