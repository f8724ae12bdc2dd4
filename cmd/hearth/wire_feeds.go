package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/integrations/demo"
	"github.com/hearthhq/hearth/integrations/feeds"
)

// The feed channel: its driver and the demo's feed watches (`watch ...`
// is in cmd_watch.go).
func init() {
	driverMakers = append(driverMakers, func() engine.Driver { return feeds.NewDriver(feeds.Options{}) })
	demoChannels = append(demoChannels, startFeedsDemo)
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
