package vk

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/SevereCloud/vksdk/v2/api"
	"github.com/SevereCloud/vksdk/v2/events"
	"golang.org/x/time/rate"

	"github.com/hearthhq/hearth/core"
)

// shared is what an account's connections share: the watch connection
// queues long-poll events here, the sync connection commits them in its
// next pass (and puts them back when the commit fails).
type shared struct {
	limiter *rate.Limiter

	mu      sync.Mutex
	pending []events.GroupEvent
}

func (sh *shared) push(evs []events.GroupEvent) {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	sh.pending = append(sh.pending, evs...)
}

func (sh *shared) take() []events.GroupEvent {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	evs := sh.pending
	sh.pending = nil
	return evs
}

// requeue puts back events a failed pass took, before any newer ones.
func (sh *shared) requeue(evs []events.GroupEvent) {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	sh.pending = append(evs, sh.pending...)
}

// lpServer is where the Bots Long Poll API waits for this community.
type lpServer struct {
	Server, Key, Ts string
}

// lpAnswer is one a_check answer; ts comes as a string or a number.
type lpAnswer struct {
	Ts      json.RawMessage     `json:"ts"`
	Updates []events.GroupEvent `json:"updates"`
	Failed  int                 `json:"failed"`
}

func (a lpAnswer) ts() string { return strings.Trim(string(a.Ts), `"`) }

// Watch holds the Bots Long Poll connection: events are queued for the
// next pass and changed is called. failed:1 continues with the new ts
// (after a pass catches up); 2 and 3 ask for a new server. Any other
// failure returns, and the engine polls until it watches again.
func (c *Conn) Watch(ctx context.Context, changed func()) error {
	if c.set.NoLongPoll {
		return fmt.Errorf("vk: long poll is turned off: %w", core.ErrUnsupported)
	}
	srv, err := c.longPollServer(ctx)
	if err != nil {
		return err
	}
	for {
		ans, err := c.check(ctx, srv)
		if err != nil {
			return err
		}
		switch ans.Failed {
		case 0:
			srv.Ts = ans.ts()
			if len(ans.Updates) > 0 {
				c.sh.push(ans.Updates)
				changed()
			}
		case 1: // some history was lost: a pass reads it back by polling
			srv.Ts = ans.ts()
			changed()
		case 2, 3:
			fresh, err := c.longPollServer(ctx)
			if err != nil {
				return err
			}
			if ans.Failed == 2 {
				fresh.Ts = srv.Ts
			} else {
				changed()
			}
			srv = fresh
		default:
			return fmt.Errorf("vk: long poll: unknown failure %d", ans.Failed)
		}
	}
}

func (c *Conn) longPollServer(ctx context.Context) (lpServer, error) {
	var r api.GroupsGetLongPollServerResponse
	p := api.Params{"group_id": c.set.GroupID}
	err := c.call(ctx, "groups.getLongPollServer", p, func(p api.Params) (err error) {
		r, err = c.vk.GroupsGetLongPollServer(p)
		return
	})
	return lpServer{Server: r.Server, Key: r.Key, Ts: r.Ts}, err
}

// check waits for events; it is not rate limited, being one long request.
func (c *Conn) check(ctx context.Context, srv lpServer) (lpAnswer, error) {
	var ans lpAnswer
	q := url.Values{"act": {"a_check"}, "key": {srv.Key}, "ts": {srv.Ts}, "wait": {strconv.Itoa(c.opt.LongPollWait)}}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.Server+"?"+q.Encode(), nil)
	if err != nil {
		return ans, fmt.Errorf("vk: long poll: %w", err)
	}
	resp, err := c.lp.Do(req)
	if err != nil {
		return ans, classify(ctx, "long poll", err, c.now())
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(&ans); err != nil {
		return ans, classify(ctx, "long poll", err, c.now())
	}
	return ans, nil
}
