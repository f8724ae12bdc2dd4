package main

import (
	"context"
	"encoding/json"
	"log/slog"
)

// demoChannels start the demo peers of the other channels (VK, X) and add
// their accounts to w; each channel's wiring file adds its own in init.
// stop ends the peer.
var demoChannels []func(ctx context.Context, w *workspace, log *slog.Logger) (stop func(), err error)

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
