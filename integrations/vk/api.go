package vk

import (
	"context"
	"fmt"

	"github.com/SevereCloud/vksdk/v2/api"
	"github.com/SevereCloud/vksdk/v2/object"
)

// userFields are the profile fields asked with every list of people.
const userFields = "screen_name,photo_100,city,followers_count"

// call runs one API method under the account's rate limiter and maps its
// failure. fn makes the vksdk call with the params it is given.
func (c *Conn) call(ctx context.Context, method string, p api.Params, fn func(api.Params) error) error {
	if err := c.sh.limiter.Wait(ctx); err != nil {
		return fmt.Errorf("vk: %s: wait for the rate limiter: %w", method, err)
	}
	return classify(ctx, method, fn(p.WithContext(ctx)), c.now())
}

func (c *Conn) wallGet(ctx context.Context, filter string, offset, count int) (api.WallGetResponse, error) {
	var r api.WallGetResponse
	p := api.Params{"owner_id": c.owner, "offset": offset, "count": count, "filter": filter}
	err := c.call(ctx, "wall.get", p, func(p api.Params) (err error) { r, err = c.vk.WallGet(p); return })
	return r, err
}

// comments reads one page of one level of a post's comments: top level
// when thread is 0, else the replies in that thread.
func (c *Conn) comments(ctx context.Context, postID, thread, offset int) (api.WallGetCommentsExtendedResponse, error) {
	var r api.WallGetCommentsExtendedResponse
	p := api.Params{"owner_id": c.owner, "post_id": postID, "offset": offset, "count": 100,
		"sort": "asc", "fields": userFields, "need_likes": 0}
	if thread != 0 {
		p["comment_id"] = thread
	} else {
		p["thread_items_count"] = 10
	}
	err := c.call(ctx, "wall.getComments", p, func(p api.Params) (err error) {
		r, err = c.vk.WallGetCommentsExtended(p)
		return
	})
	return r, err
}

func (c *Conn) usersGet(ctx context.Context, ids []int) ([]object.UsersUser, error) {
	var r api.UsersGetResponse
	p := api.Params{"user_ids": ids, "fields": userFields}
	err := c.call(ctx, "users.get", p, func(p api.Params) (err error) { r, err = c.vk.UsersGet(p); return })
	return r, err
}

func (c *Conn) group(ctx context.Context) (object.GroupsGroup, error) {
	var r api.GroupsGetByIDResponse
	p := api.Params{"group_id": c.set.GroupID}
	err := c.call(ctx, "groups.getById", p, func(p api.Params) (err error) { r, err = c.vk.GroupsGetByID(p); return })
	if err == nil && (len(r) == 0 || r[0].ID != int(c.set.GroupID)) {
		err = fmt.Errorf("vk: groups.getById: %w", errNoSuchGroup)
	}
	if err != nil {
		return object.GroupsGroup{}, err
	}
	return r[0], nil
}

// groupName is the community's name, asked once per connection.
func (c *Conn) groupName(ctx context.Context) (string, error) {
	c.mu.Lock()
	name := c.name
	c.mu.Unlock()
	if name != "" {
		return name, nil
	}
	g, err := c.group(ctx)
	if err != nil {
		return "", err
	}
	c.mu.Lock()
	c.name = g.Name
	c.mu.Unlock()
	return g.Name, nil
}
