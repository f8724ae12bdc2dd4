package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/accounts"
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/core/inbox"
	"github.com/hearthhq/hearth/core/secrets"
	"github.com/hearthhq/hearth/core/store"
	"github.com/hearthhq/hearth/integrations/imap"
)

// stdio is the command's standard streams.
type stdio struct {
	in       io.Reader
	out, err io.Writer
}

// workspace is one opened data directory with its services.
type workspace struct {
	dir      string
	store    *store.Store
	secrets  secrets.Store
	engine   *engine.Engine
	inbox    *inbox.Service
	accounts *accounts.Service
	log      *slog.Logger
}

// workspaceOptions are the global flags that shape a workspace.
type workspaceOptions struct {
	dir         string
	secretsMode string // auto, keyring, file
	log         *slog.Logger
}

// defaultDataDir is $XDG_DATA_HOME/hearth, else ~/.local/share/hearth.
func defaultDataDir() (string, error) {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "hearth"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no data directory: pass --data DIR (%w)", err)
	}
	return filepath.Join(home, ".local", "share", "hearth"), nil
}

// openWorkspace opens (creating if needed) the store and secrets of dir and
// builds the services. Nothing starts running.
func openWorkspace(ctx context.Context, opt workspaceOptions) (*workspace, error) {
	if err := os.MkdirAll(opt.dir, 0o700); err != nil {
		return nil, fmt.Errorf("data directory %s: %w", opt.dir, err)
	}
	st, err := store.Open(ctx, filepath.Join(opt.dir, "hearth.db"))
	if err != nil {
		return nil, err
	}
	sec, err := secrets.Open(ctx, opt.dir, secrets.Options{Mode: opt.secretsMode, Namespace: namespace(opt.dir)})
	if err != nil {
		st.Close()
		return nil, err
	}
	eng := engine.New(engine.Params{
		Store:   st,
		Drivers: drivers(),
		Secrets: sec,
		Log:     opt.log,
	})
	w := &workspace{dir: opt.dir, store: st, secrets: sec, engine: eng, log: opt.log}
	w.inbox = inbox.New(inbox.Params{Store: st, Notify: eng, IdemKey: idemKey})
	w.accounts = accounts.New(st, sec, eng)
	return w, nil
}

// driverMakers build the integrations this binary knows; each integration's
// wiring file adds its own in init.
var driverMakers = []func() engine.Driver{func() engine.Driver { return imap.NewDriver() }}

func drivers() []engine.Driver {
	ds := make([]engine.Driver, 0, len(driverMakers))
	for _, mk := range driverMakers {
		ds = append(ds, mk())
	}
	return ds
}

// idemKey makes the idempotency key of a reply: a Message-Id for e-mail.
func idemKey(a core.Account) string {
	if a.Kind == core.KindIMAP {
		if s, err := core.ParseIMAPSettings(a.Settings); err == nil {
			return imap.NewMessageID(s.From)
		}
	}
	return inbox.RandomToken()
}

// namespace keeps the secrets of two workspaces apart in one keyring.
func namespace(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	sum := sha256.Sum256([]byte(abs))
	return hex.EncodeToString(sum[:6])
}

func (w *workspace) Close() error {
	return w.store.Close()
}

// oneLine squeezes an error into the one line the CLI prints.
func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}
