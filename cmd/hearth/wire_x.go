package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/integrations/demo"
	"github.com/hearthhq/hearth/integrations/x"
)

// The X channel: its driver, `account add x` and the demo peer.
func init() {
	driverMakers = append(driverMakers, func() engine.Driver { return x.NewDriver(x.Options{}) })
	accountAdders["x"] = cmdAccountAddX
	demoChannels = append(demoChannels, startXDemo)
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
