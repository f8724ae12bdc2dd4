package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/accounts"
	"github.com/hearthhq/hearth/core/backup"
	"github.com/hearthhq/hearth/core/calendar"
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/core/inbox"
	"github.com/hearthhq/hearth/core/rules"
	"github.com/hearthhq/hearth/core/secrets"
	"github.com/hearthhq/hearth/core/stats"
	"github.com/hearthhq/hearth/core/store"
	"github.com/hearthhq/hearth/core/tone"
	"github.com/hearthhq/hearth/core/views"
	"github.com/hearthhq/hearth/integrations/imap"
	"github.com/hearthhq/hearth/integrations/imap/mailparse"
	"github.com/hearthhq/hearth/integrations/webpic"
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
	pictures *inbox.Pictures
	views    *views.Service
	rules    *rules.Service
	accounts *accounts.Service
	backups  *backup.Service // nil: no automatic backups (the demo)
	tone     *tone.Analyzer  // bundled lexicons and those imported into the workspace
	log      *slog.Logger
	bg       sync.WaitGroup // what start runs besides the engine
	// firstPage, when set (the window), holds the background work that
	// can wait (the tone of unscored items, the member files' refresh, the
	// dashboard's snapshot and warm-up) until it is closed: the window's
	// first page of conversations is shown (waitFirstPage).
	firstPage <-chan struct{}
}

// afterFirstPage is how long background work waits after the window's
// first page, for the window to paint it; firstPageAtMost how long it
// waits for a first page that does not come.
var (
	afterFirstPage  = 2 * time.Second
	firstPageAtMost = 30 * time.Second
)

// waitFirstPage waits, when the window holds background work back, until
// its first page of conversations was shown (and painted), or for
// firstPageAtMost; false if ctx ended first. Off the UI goroutine.
func (w *workspace) waitFirstPage(ctx context.Context) bool {
	if w.firstPage != nil {
		atMost := time.NewTimer(firstPageAtMost)
		defer atMost.Stop()
		select {
		case <-w.firstPage:
		case <-atMost.C:
		case <-ctx.Done():
			return false
		}
		settle := time.NewTimer(afterFirstPage)
		defer settle.Stop()
		select {
		case <-settle.C:
		case <-ctx.Done():
			return false
		}
	}
	return ctx.Err() == nil
}

// workspaceOptions are the global flags that shape a workspace.
type workspaceOptions struct {
	dir         string
	secretsMode string // auto, keyring, file
	log         *slog.Logger
	noBackups   bool // a throwaway workspace (the demo)
	// readOnly is a command that only reads the workspace (search,
	// inbox): the secrets store opens only if a password is asked for,
	// and the tone lexicons are not read (nothing is analysed).
	readOnly bool
}

// The workspace's files inside its data directory.
func dbPath(dir string) string     { return filepath.Join(dir, "hearth.db") }
func backupsDir(dir string) string { return filepath.Join(dir, "backups") }

// picturesDir keeps the VK and X pictures a person loaded, so that they
// are not fetched again.
func picturesDir(dir string) string { return filepath.Join(dir, "pictures") }

// backupDelay is how long after start the first automatic backup waits:
// the start-up sync comes first.
var backupDelay = time.Minute

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
	st, err := openStore(ctx, opt.dir, opt.log, opt.readOnly)
	if err != nil {
		return nil, err
	}
	// Secrets are named by the workspace's id, which travels with the
	// database; the per-path name of older versions is adopted once.
	var sec secrets.Store = &lazySecrets{open: func() (secrets.Store, error) {
		return secrets.Open(ctx, opt.dir, secrets.Options{Mode: opt.secretsMode,
			Namespace: st.WorkspaceID(), Legacy: legacyNamespace(opt.dir)})
	}}
	if !opt.readOnly { // a bad key or keyring is said before anything runs
		if sec, err = sec.(*lazySecrets).get(); err != nil {
			st.Close()
			return nil, err
		}
	}
	// Reading the tone lexicons costs a third of a short command's time
	// (stemming every term); a command that only reads never analyses.
	var an *tone.Analyzer
	var toneReader engine.ToneReader
	if !opt.readOnly {
		if an, err = analyzer(opt.dir); err != nil {
			st.Close()
			return nil, err
		}
		toneReader = an.AnalyzeItem
	}
	vs := views.New(views.Params{Store: st})
	// A batch is tagged by the keyword watches, then written with the rules
	// run inside its transaction (they see the watch tags).
	ruled := &rules.Applying{Store: st, IdemKey: idemKey}
	eng := engine.New(engine.Params{
		Store:   watchingStore{Store: st, tag: views.Tagging{BatchStore: ruled, Views: vs}},
		Drivers: drivers(),
		Secrets: sec,
		Log:     opt.log,
		Tone:    toneReader,
		// The sync reads the X followers and VK members now and then;
		// the dashboard keeps them by day of the workspace's zone.
		Audience: stats.New(stats.Params{Store: st, Zone: calendar.New(calendar.Params{Store: st}).Zone()}),
	})
	w := &workspace{dir: opt.dir, store: st, secrets: sec, engine: eng, tone: an, log: opt.log}
	w.inbox = inbox.New(inbox.Params{Store: st, Notify: eng, IdemKey: idemKey, Channels: eng})
	w.pictures = inbox.NewPictures(inbox.PicturesParams{Store: st, MailPart: mailparse.AttachmentData,
		Fetcher: webpic.New(picturesDir(opt.dir))})
	w.views = vs
	w.rules = rules.New(rules.Params{Store: st, Notify: eng})
	ruled.Rules = w.rules
	w.accounts = accounts.New(st, sec, eng)
	if !opt.noBackups {
		w.backups = backup.New(backup.Params{Store: st, Dir: backupsDir(opt.dir), Log: opt.log})
	}
	return w, nil
}

// openStore opens the workspace database, turning a refusal into what to
// do about it. A command that only reads opens one read connection.
func openStore(ctx context.Context, dir string, log *slog.Logger, readOnly bool) (*store.Store, error) {
	opts := []store.Option{store.WithCheckNotice(func() {
		log.Warn("the workspace was not closed cleanly: checking it before use (about a minute for a million items)",
			"data", dir)
	})}
	if readOnly {
		opts = append(opts, store.ReadOnly())
	}
	st, err := store.Open(ctx, dbPath(dir), opts...)
	if err != nil {
		return nil, explainOpenError(err, dir)
	}
	return st, nil
}

// explainOpenError adds the way out to a database Hearth will not open.
func explainOpenError(err error, dir string) error {
	restore := fmt.Sprintf("'hearth --data %s restore FILE' puts a backup in its place", dir)
	if newest := backup.New(backup.Params{Dir: backupsDir(dir)}).Newest(); newest != "" {
		restore += " (newest: " + newest + ")"
	}
	switch {
	case errors.Is(err, store.ErrDamaged):
		return fmt.Errorf("%w. Nothing more is written to it. 'hearth --data %s check' shows what is wrong; %s", err, dir, restore)
	case errors.Is(err, store.ErrNotWorkspace):
		return fmt.Errorf("%w. Hearth makes a new workspace only where there is no file: move it away to start afresh, or %s", err, restore)
	}
	return err
}

// start runs the sync engine and the automatic backups until ctx ends: the
// window and 'hearth sync' both use it, so backups happen wherever Hearth
// stays open.
func (w *workspace) start(ctx context.Context) error {
	if err := w.engine.Start(ctx); err != nil {
		return err
	}
	w.startToneBackfill(ctx)
	if w.backups != nil {
		w.bg.Add(1)
		engine.Go(w.log, "backups", func() {
			defer w.bg.Done()
			w.backups.Run(ctx, backupDelay)
		})
	}
	return nil
}

// wait blocks until everything start ran has returned (after ctx ended).
func (w *workspace) wait() {
	w.engine.Wait()
	w.bg.Wait()
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

// legacyNamespace is the secrets namespace older versions derived from the
// workspace's path: where a workspace's key file and keyring entries were,
// before they were named by the workspace's id.
func legacyNamespace(dir string) string {
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

// watchingStore is the store as the engine writes to it: keyword watches
// tag each sync batch's new items before they are stored.
type watchingStore struct {
	*store.Store
	tag views.Tagging
}

func (s watchingStore) ApplyBatch(ctx context.Context, accountID int64, b core.Batch) (core.BatchResult, error) {
	return s.tag.ApplyBatch(ctx, accountID, b)
}
