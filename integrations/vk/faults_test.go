package vk

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/integrations/vk/vkpeer"
)

// engine runs the real sync engine over the env's store and driver.
func (e *env) engine() *engine.Engine {
	return engine.New(engine.Params{Store: e.st, Drivers: []engine.Driver{e.drv},
		Secrets: secretMap{SecretToken: token}, Now: e.clock.now})
}

func (e *env) statusLine() string {
	return e.account().Status.Line(e.clock.now())
}

// TestFaultsAsTheUserSeesThem: each failure of item 7 puts a sentence and
// an action on the account's status line, without vksdk retrying behind
// our back; the failures that need no person pass on the next engine.
func TestFaultsAsTheUserSeesThem(t *testing.T) {
	tests := []struct {
		name    string
		set     core.VKSettings
		method  string
		fault   vkpeer.Fault
		line    string
		problem core.Problem
		retryIn time.Duration
	}{
		{"revoked token", core.VKSettings{}, "wall.get", vkpeer.Fault{Code: 5},
			"error: token revoked or expired (paste a new token in Accounts)", core.ProblemAuth, 0},
		{"too many requests", core.VKSettings{}, "wall.get", vkpeer.Fault{Code: 6},
			"error: VK says too many requests per second (Hearth waits until", core.ProblemRateLimit, tooManyWait},
		{"flood control", core.VKSettings{}, "wall.getComments", vkpeer.Fault{Code: 9},
			"error: VK's flood control stopped a repeated action (Hearth waits until", core.ProblemRateLimit, floodWait},
		{"no wall right", core.VKSettings{}, "wall.get", vkpeer.Fault{Code: 15},
			`error: the token lacks the "wall" right (needed for the wall and its comments) (create a community token with the "wall" right`, core.ProblemDenied, 0},
		{"no messages right", core.VKSettings{Messages: true}, "messages.getConversations", vkpeer.Fault{Code: 917},
			`error: the token lacks the "messages" right (needed for community messages)`, core.ProblemDenied, 0},
		{"group auth refused", core.VKSettings{}, "wall.getComments", vkpeer.Fault{Code: 27},
			"error: VK does not allow wall.getComments with a community token", core.ProblemDenied, 0},
		{"HTML 502 page", core.VKSettings{}, "wall.get", vkpeer.Fault{HTML: true, HTTPStatus: 502},
			"error: VK is having trouble (HTTP 502) (Hearth will try again)", core.ProblemServer, 0},
		{"HTML with 200", core.VKSettings{}, "groups.getById", vkpeer.Fault{HTML: true},
			"error: VK answered with a web page instead of data (text/html) (Hearth will try again)", core.ProblemServer, 0},
		{"JSON 500", core.VKSettings{}, "wall.get", vkpeer.Fault{HTTPStatus: 500},
			"error: VK is having trouble (HTTP 500) (Hearth will try again)", core.ProblemServer, 0},
		{"internal error", core.VKSettings{}, "wall.get", vkpeer.Fault{Code: 10},
			"error: VK had an internal error (Hearth will try again)", core.ProblemServer, 0},
		{"timeout", core.VKSettings{}, "wall.get", vkpeer.Fault{Delay: 3 * time.Second},
			"error: VK did not answer in time (Hearth will try again)", core.ProblemNetwork, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, tt.set, func(o *Options) { o.Timeout = 300 * time.Millisecond })
			p := e.post("Пост", time.Hour)
			e.comment(p, anna, "комментарий", 0)
			e.peer.UserMessage(chen.ID, "hello")
			eng := e.engine()
			ctx := context.Background()
			e.peer.Fail(tt.method, tt.fault)
			err := eng.SyncOnce(ctx, e.acct)
			re := core.AsRemote(err)
			if re == nil || re.Problem != tt.problem {
				t.Fatalf("sync error = %v, want problem %s", err, tt.problem)
			}
			if line := e.statusLine(); !strings.HasPrefix(line, tt.line) {
				t.Errorf("status line %q, want it to start with %q", line, tt.line)
			}
			if tt.retryIn != 0 && !re.RetryAt.Equal(e.clock.now().Add(tt.retryIn)) {
				t.Errorf("retry at %v, want %v after now", re.RetryAt, tt.retryIn)
			}
			if n := e.peer.Calls(tt.method); n != 1 {
				t.Errorf("%s called %d times: vksdk retried silently", tt.method, n)
			}
			if re.NeedsPerson() {
				return
			}
			if err := eng.SyncOnce(ctx, e.acct); err != nil {
				t.Fatalf("the next sync failed too: %v", err)
			}
			if line := e.statusLine(); line != "ok, synced just now" {
				t.Errorf("status after recovery %q", line)
			}
			if _, err := e.st.ItemByRemoteID(ctx, e.acct, pRID(p)); err != nil {
				t.Errorf("the post is not in the inbox after recovery: %v", err)
			}
		})
	}
}

// TestConnectionTestNamesTheMissingRight: the "Test connection" button
// says which right the token lacks, a revoked token, or a wrong id.
func TestConnectionTestNamesTheMissingRight(t *testing.T) {
	tests := []struct {
		name   string
		set    core.VKSettings
		rights []string
		want   string
	}{
		{"all rights", core.VKSettings{Messages: true}, []string{vkpeer.RightWall, vkpeer.RightManage, vkpeer.RightMessages}, ""},
		{"no manage", core.VKSettings{}, []string{vkpeer.RightWall}, `the token lacks the "manage" right (needed for live updates and the member list)`},
		{"no manage, long poll off", core.VKSettings{NoLongPoll: true}, []string{vkpeer.RightWall}, ""},
		{"no wall", core.VKSettings{}, []string{vkpeer.RightManage}, `the token lacks the "wall" right`},
		{"no messages", core.VKSettings{Messages: true}, []string{vkpeer.RightWall, vkpeer.RightManage}, `the token lacks the "messages" right`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, tt.set)
			e.peer.SetRights(tt.rights...)
			err := e.conn.Test(context.Background())
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("test = %v, want success", err)
			case tt.want != "" && (core.AsRemote(err) == nil || !strings.HasPrefix(core.AsRemote(err).Message, tt.want)):
				t.Errorf("test = %v, want %q", err, tt.want)
			}
		})
	}
	e := newEnv(t, core.VKSettings{})
	e.peer.SetToken("another")
	if re := core.AsRemote(e.conn.Test(context.Background())); re == nil || re.Problem != core.ProblemAuth {
		t.Errorf("test with a revoked token = %v, want an auth problem", re)
	}
	e.peer.SetToken(token)
	a := e.account()
	a.Settings, _ = json.Marshal(core.VKSettings{GroupID: 999, APIURL: e.peer.URL()})
	c, err := e.drv.Open(context.Background(), a, secretMap{SecretToken: token})
	if err != nil {
		t.Fatal(err)
	}
	wrong := c.(*Conn)
	if re := core.AsRemote(wrong.Test(context.Background())); re == nil || re.Problem != core.ProblemConfig {
		t.Errorf("test with a wrong community id = %v, want a config problem", re)
	}
}
