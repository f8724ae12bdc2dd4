package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/integrations/demo"
)

// demoChannels start the demo peers of the other channels (VK, X) and add
// their accounts to w; each channel's wiring file adds its own in init.
// stop ends the peer.
var demoChannels []func(ctx context.Context, w *workspace, log *slog.Logger) (stop func(), err error)

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

// demoAccount adds a demo channel's account, or points the one a kept demo
// workspace (--data) already has at the peer's new port, keeping its items
// and the plans that target it.
func demoAccount(ctx context.Context, w *workspace, name string, settings any, secrets map[string]string, add func() error) error {
	a, err := w.accounts.Find(ctx, name)
	if err != nil {
		return add()
	}
	raw, err := json.Marshal(settings)
	if err != nil {
		return err
	}
	return w.accounts.Repoint(ctx, a.ID, raw, secrets)
}
