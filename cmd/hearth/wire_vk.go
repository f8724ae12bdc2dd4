package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/hearthhq/hearth/core/sync"
	"github.com/hearthhq/hearth/integrations/demo"
	"github.com/hearthhq/hearth/integrations/vk"
)

// The VK channel: its driver, `account add vk` and the demo peer.
func init() {
	driverMakers = append(driverMakers, func() sync.Driver { return vk.NewDriver(vk.Options{}) })
	accountAdders["vk"] = cmdAccountAddVK
	demoChannels = append(demoChannels, startVKDemo)
}

// startVKDemo starts the loopback VK peer and adds its account once.
func startVKDemo(ctx context.Context, w *workspace, log *slog.Logger) (func(), error) {
	p := demo.StartVK(time.Now())
	name, set, tok := p.Account()
	if a, err := w.accounts.Find(ctx, name); err == nil {
		// A kept demo workspace (--data) points at the new peer's port.
		if err := w.accounts.Remove(ctx, a.ID); err != nil {
			p.Close()
			return nil, fmt.Errorf("vk demo: %w", err)
		}
	}
	if _, err := w.accounts.AddVK(ctx, name, set, tok); err != nil {
		p.Close()
		return nil, fmt.Errorf("vk demo: %w", err)
	}
	log.Debug("vk demo peer", "url", set.APIURL)
	return p.Close, nil
}
