package accounts

import (
	"context"

	"github.com/hearthhq/hearth/core"
	coreaccounts "github.com/hearthhq/hearth/core/accounts"
	"github.com/hearthhq/hearth/ui/kit"
)

// Accounts is the account management use case the accounts screen drives
// (core/accounts' service satisfies it).
type Accounts interface {
	// List returns the accounts with Status filled.
	List(ctx context.Context) ([]core.Account, error)
	AddIMAP(ctx context.Context, name string, s core.IMAPSettings, password string) (core.Account, error)
	// TestIMAP tries settings before they are saved; a *core.RemoteError
	// explains a failure in plain words.
	TestIMAP(ctx context.Context, s core.IMAPSettings, password string) error
	// UpdateIMAP saves an e-mail account's new name and settings; an empty
	// password keeps the stored one. Its sync restarts with them.
	UpdateIMAP(ctx context.Context, id int64, name string, s core.IMAPSettings, password string) (coreaccounts.Edited, error)
	// TestIMAPEdit tries an account's new settings, with the stored
	// password when password is empty.
	TestIMAPEdit(ctx context.Context, id int64, s core.IMAPSettings, password string) error
	Remove(ctx context.Context, id int64) error
	// SyncNow asks for an immediate pass; 0 means all accounts.
	SyncNow(ctx context.Context, id int64) error
	VKAccounts
	XAccounts
	FeedAccounts
}

// VKAccounts adds and edits VK communities; in edits an empty token keeps
// the stored one.
type VKAccounts interface {
	AddVK(ctx context.Context, name string, s core.VKSettings, token string) (core.Account, error)
	// TestVK tries unsaved settings; the error names a missing token right.
	TestVK(ctx context.Context, s core.VKSettings, token string) error
	UpdateVK(ctx context.Context, id int64, name string, s core.VKSettings, token string) (coreaccounts.Edited, error)
	TestVKEdit(ctx context.Context, id int64, s core.VKSettings, token string) error
}

// XAccounts adds and edits X accounts; in edits an empty key keeps the
// stored one.
type XAccounts interface {
	AddX(ctx context.Context, name string, s core.XSettings, keys core.XKeys) (core.Account, error)
	TestX(ctx context.Context, s core.XSettings, keys core.XKeys) error
	UpdateX(ctx context.Context, id int64, name string, s core.XSettings, keys core.XKeys) (coreaccounts.Edited, error)
	TestXEdit(ctx context.Context, id int64, s core.XSettings, keys core.XKeys) error
}

// FeedAccounts adds and edits feed watches.
type FeedAccounts interface {
	AddFeed(ctx context.Context, name string, s core.FeedSettings) (core.Account, error)
	// TestFeed fetches and reads the unsaved feed once.
	TestFeed(ctx context.Context, s core.FeedSettings) error
	UpdateFeed(ctx context.Context, id int64, name string, s core.FeedSettings) (coreaccounts.Edited, error)
}

// Backend is what the accounts screen needs of the application core.
type Backend struct {
	Accounts Accounts
	// Guess fills an e-mail account's servers from its address; nil
	// leaves them to the person.
	Guess MailGuesser
	// Defaults are the workspace's channel defaults, shown where an
	// account leaves them; nil shows the built-in ones.
	Defaults Defaults
}

// env is what every part of the screen shares: the window's environment,
// the backend and the shell's callback.
type env struct {
	*kit.Env
	b Backend
	// changed tells the rest of the window that accounts were added,
	// edited or removed.
	changed func()
}
