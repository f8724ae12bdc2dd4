package main

import (
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/integrations/feeds"
)

// The feed channel: its driver (`watch ...` is in cmd_watch.go).
func init() {
	driverMakers = append(driverMakers, func() engine.Driver { return feeds.NewDriver(feeds.Options{}) })
}
