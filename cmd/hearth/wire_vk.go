package main

import (
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/integrations/vk"
)

// The VK channel: its driver and `account add vk`.
func init() {
	driverMakers = append(driverMakers, func() engine.Driver { return vk.NewDriver(vk.Options{}) })
	accountAdders["vk"] = cmdAccountAddVK
}
