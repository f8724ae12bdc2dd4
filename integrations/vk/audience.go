package vk

import (
	"context"
	"fmt"

	"github.com/SevereCloud/vksdk/v2/api"
)

// Audience reads the community's member count: groups.getById with
// fields=members_count, one call under the account's rate limiter. The
// engine asks at most every few hours.
func (c *Conn) Audience(ctx context.Context) (int64, error) {
	var r api.GroupsGetByIDResponse
	p := api.Params{"group_id": c.set.GroupID, "fields": "members_count"}
	err := c.call(ctx, "groups.getById", p, func(p api.Params) (err error) { r, err = c.vk.GroupsGetByID(p); return })
	if err == nil && (len(r) == 0 || r[0].ID != int(c.set.GroupID)) {
		err = fmt.Errorf("vk: groups.getById: %w", errNoSuchGroup)
	}
	if err != nil {
		return 0, err
	}
	return int64(r[0].MembersCount), nil
}
