package demo

import (
	"fmt"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/integrations/x/xpeer"
)

// XPeer is the demo's loopback X API with the community's mentions.
type XPeer struct {
	srv *xpeer.Server
}

// xDemoKeys are the demo account's keys: no secret, but they still go
// through the secret store like real ones.
var xDemoKeys = core.XKeys{ConsumerKey: "xdemo-consumer", ConsumerSecret: "xdemo-consumer-secret",
	AccessToken: "1500000001-xdemo", AccessSecret: "xdemo-access-secret"}

// StartX starts the X peer with mentions dated shortly before now.
func StartX(now time.Time) (*XPeer, error) {
	srv, err := xpeer.Start(xpeer.Options{
		Keys: xpeer.Keys{ConsumerKey: xDemoKeys.ConsumerKey, ConsumerSecret: xDemoKeys.ConsumerSecret,
			AccessToken: xDemoKeys.AccessToken, AccessSecret: xDemoKeys.AccessSecret},
		Me: xDemoMe,
	})
	if err != nil {
		return nil, fmt.Errorf("x peer: %w", err)
	}
	fillX(srv, now)
	return &XPeer{srv: srv}, nil
}

// Account returns the demo account's name, settings and keys.
func (p *XPeer) Account() (string, core.XSettings, core.XKeys) {
	return "Hearth on X (demo)", core.XSettings{Handle: xDemoMe.Username, UserID: xDemoMe.ID,
		APIURL: p.srv.URL(), PollSeconds: 60}, xDemoKeys
}

// Server is the peer, for tests that act on it.
func (p *XPeer) Server() *xpeer.Server { return p.srv }

// Close stops the peer.
func (p *XPeer) Close() error { return p.srv.Close() }
