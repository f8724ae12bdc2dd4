//go:build !nowindow

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/hearthhq/hearth/integrations/demo"
	"github.com/hearthhq/hearth/integrations/vk"
)

// demoChannels start the demo peers of the other channels (VK, X, feeds)
// and add their accounts to w; stop ends the peer. The demo opens the
// window, so the command-line build (nowindow) carries none of it.
var demoChannels = []func(ctx context.Context, w *workspace, log *slog.Logger) (stop func(), err error){
	startVKDemo, startXDemo, startFeedsDemo,
}

// startVKDemo starts the loopback VK peer and adds its account once.
func startVKDemo(ctx context.Context, w *workspace, log *slog.Logger) (func(), error) {
	p := demo.StartVK(time.Now())
	name, set, tok := p.Account()
	err := demoAccount(ctx, w, name, set, map[string]string{vk.SecretToken: tok}, func() error {
		_, err := w.accounts.AddVK(ctx, name, set, tok)
		return err
	})
	if err != nil {
		p.Close()
		return nil, fmt.Errorf("vk demo: %w", err)
	}
	log.Debug("vk demo peer", "url", set.APIURL)
	return p.Close, nil
}

// startXDemo starts the loopback X peer and adds its account once.
func startXDemo(ctx context.Context, w *workspace, log *slog.Logger) (func(), error) {
	p, err := demo.StartX(time.Now())
	if err != nil {
		return nil, err
	}
	stop := func() {
		if err := p.Close(); err != nil {
			log.Debug("stop the X demo peer", "err", err)
		}
	}
	name, set, keys := p.Account()
	err = demoAccount(ctx, w, name, set, keys.Secrets(), func() error {
		_, err := w.accounts.AddX(ctx, name, set, keys)
		return err
	})
	if err != nil {
		stop()
		return nil, fmt.Errorf("x demo: %w", err)
	}
	return stop, nil
}

// startFeedsDemo starts the loopback feed server and adds its watches once.
func startFeedsDemo(ctx context.Context, w *workspace, log *slog.Logger) (func(), error) {
	p, err := demo.StartFeeds(time.Now())
	if err != nil {
		return nil, err
	}
	stop := func() {
		if err := p.Close(); err != nil {
			log.Debug("stop the feed demo peer", "err", err)
		}
	}
	for _, fw := range p.Watches() {
		err := demoAccount(ctx, w, fw.Name, fw.Settings, nil, func() error {
			_, err := w.accounts.AddFeed(ctx, fw.Name, fw.Settings)
			return err
		})
		if err != nil {
			stop()
			return nil, fmt.Errorf("feeds demo: %w", err)
		}
	}
	return stop, nil
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
