package vk

import (
	"context"

	"github.com/SevereCloud/vksdk/v2/api"
)

// Test checks the token and community id, then makes one cheap call per
// right the account needs, so a refusal names the missing right.
func (c *Conn) Test(ctx context.Context) error {
	if _, err := c.groupName(ctx); err != nil {
		return err
	}
	if _, err := c.wallGet(ctx, "all", 0, 1); err != nil {
		return err
	}
	if !c.set.NoLongPoll {
		if _, err := c.longPollServer(ctx); err != nil {
			return err
		}
	}
	if c.set.Messages {
		return c.call(ctx, "messages.getConversations", api.Params{"count": 1}, func(p api.Params) error {
			_, err := c.vk.MessagesGetConversations(p)
			return err
		})
	}
	return nil
}
