package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/integrations/demo"
	"github.com/hearthhq/hearth/integrations/vk"
)

// The VK channel: its driver, `account add vk` and the demo peer.
func init() {
	driverMakers = append(driverMakers, func() engine.Driver { return vk.NewDriver(vk.Options{}) })
	accountAdders["vk"] = cmdAccountAddVK
	demoChannels = append(demoChannels, startVKDemo)
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
