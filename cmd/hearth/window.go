//go:build !nowindow

package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/integrations/demo"
)

// openWindow runs the window: on the demo workspace with --demo, else on
// the workspace of --data or the default one. This build carries the
// window; the command-line build (nowindow.go) hands over to it.
func openWindow(ctx context.Context, g globals, _ []string, log *slog.Logger) error {
	if g.demo {
		return runDemo(ctx, g, log)
	}
	if g.data == "" {
		var err error
		if g.data, err = defaultDataDir(); err != nil {
			return err
		}
	}
	return runGUI(ctx, g, log)
}

// runDemo opens a throwaway workspace on loopback demo peers: a sample
// community mailbox served by in-process IMAP and SMTP servers.
func runDemo(ctx context.Context, g globals, log *slog.Logger) error {
	dir := g.data
	if dir == "" {
		tmp, err := os.MkdirTemp("", "hearth-demo-")
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	peers, err := demo.Start(ctx, demo.Options{Now: time.Now(), Live: true, Logf: func(f string, a ...any) {
		log.Debug(fmt.Sprintf(f, a...))
	}})
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	defer peers.Close()
	// The demo's password is no secret, but it still goes through the
	// secret store; a file in the temp dir keeps the user's keyring clean.
	os.Setenv("HEARTH_SECRETS_KEY_FILE", filepath.Join(dir, "secrets.key"))
	w, err := openWorkspace(ctx, workspaceOptions{dir: dir, secretsMode: "file", log: log, noBackups: true})
	if err != nil {
		return err
	}
	defer w.Close()
	if err := seedDemoRules(ctx, w); err != nil {
		log.Warn("demo: no sample rules", "err", err)
	}
	name, settings, password := peers.Account()
	err = demoAccount(ctx, w, name, settings, map[string]string{"password": password}, func() error {
		_, err := w.accounts.AddIMAP(ctx, name, settings, password)
		return err
	})
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	for _, start := range demoChannels {
		stop, err := start(ctx, w, log)
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		defer stop()
	}
	// Sample plans and member notes; the demo stays usable without them.
	if err := seedDemoPlans(ctx, w, time.Now()); err != nil {
		log.Warn("demo: no sample calendar", "err", err)
	}
	if err := seedDemoHistory(ctx, w, time.Now()); err != nil {
		log.Warn("demo: no history for the dashboard", "err", err)
	}
	engine.Go(log, "demo members", func() {
		// Members come from the messages: wait for the first syncs.
		if err := waitFirstSync(ctx, w, time.Minute); err == nil {
			if err := backfillDemoSnapshots(ctx, w, members.New(members.Params{Store: w.store})); err != nil {
				log.Warn("demo: no past snapshots", "err", err)
			}
			if err := seedDemoMembers(ctx, w); err != nil {
				log.Warn("demo: no sample member notes", "err", err)
			}
		}
	})
	return showWindow(ctx, w, "Hearth (demo workspace)")
}
