package demo

import (
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/integrations/vk/vkpeer"
)

// VKPeer is the demo's loopback VK API and long-poll server with a board
// game club's community.
type VKPeer struct {
	srv *vkpeer.Peer
}

// vkDemoToken is the demo community's token: no secret, but it still goes
// through the secret store like a real one.
const vkDemoToken = "vk1.a.demo-community-token"

// vkDemoGroup is the demo community.
const (
	vkDemoGroup     = 229000111
	vkDemoGroupName = "Клуб настольных игр «Фишка» / Fishka board game club"
)

// StartVK starts the VK peer with a community whose life happened in the
// days before now.
func StartVK(now time.Time) *VKPeer {
	srv := vkpeer.Start(vkpeer.Options{GroupID: vkDemoGroup, GroupName: vkDemoGroupName, Token: vkDemoToken,
		LPWait: 25 * time.Second})
	fillVK(srv, now)
	srv.SetMembersCount(VKMembers) // the end of BuildAudience's days
	return &VKPeer{srv: srv}
}

// Account returns the demo account's name, settings and token.
func (p *VKPeer) Account() (string, core.VKSettings, string) {
	return "Demo VK community", core.VKSettings{GroupID: vkDemoGroup, APIURL: p.srv.URL(), Messages: true,
		PollSeconds: 60}, vkDemoToken
}

// Server is the peer, for tests and for acting on the demo live.
func (p *VKPeer) Server() *vkpeer.Peer { return p.srv }

// Close stops the peer.
func (p *VKPeer) Close() { p.srv.Close() }
