package main

import (
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/integrations/x"
)

// The X channel: its driver and `account add x`.
func init() {
	driverMakers = append(driverMakers, func() engine.Driver { return x.NewDriver(x.Options{}) })
	accountAdders["x"] = cmdAccountAddX
}
