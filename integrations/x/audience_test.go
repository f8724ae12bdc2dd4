package x

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/integrations/x/xpeer"
)

// The follower count comes from the authenticated user's public_metrics
// (v2: GET /2/users/me?user.fields=public_metrics; v1.1:
// verify_credentials' followers_count), follows it as it changes, waits
// out a used-up window without calling, and says what went wrong.
func TestAudienceIsTheFollowerCount(t *testing.T) {
	for _, ver := range versions {
		t.Run("v"+string(ver), func(t *testing.T) {
			e := newEnv(t, ver)
			ctx := context.Background()
			if n, err := e.conn.Audience(ctx); err != nil || n != 5400 {
				t.Fatalf("Audience = %d, %v; want 5400", n, err)
			}
			if ver == core.XAPIv2 {
				reqs := e.requests("/2/users/me")
				if len(reqs) != 1 || !strings.Contains(reqs[0], "public_metrics") {
					t.Errorf("requests %q, want one /2/users/me asking public_metrics", reqs)
				}
			}
			e.peer.SetFollowers(5391)
			if n, err := e.conn.Audience(ctx); err != nil || n != 5391 {
				t.Errorf("after some left: Audience = %d, %v; want 5391", n, err)
			}

			route := xpeer.RouteMe
			if ver == core.XAPIv11 {
				route = xpeer.RouteVerify11
			}
			// A window with one request left: the call is made, and the
			// next one waits for the reset without asking X.
			reset := e.clock.now().Add(10 * time.Minute).Truncate(time.Second)
			e.peer.SetRateLimit(route, 1, reset)
			if _, err := e.conn.Audience(ctx); err != nil {
				t.Fatalf("last request of the window: %v", err)
			}
			before := len(e.peer.Requests())
			_, err := e.conn.Audience(ctx)
			if re := core.AsRemote(err); re == nil || re.Problem != core.ProblemRateLimit || !re.RetryAt.Equal(reset) {
				t.Errorf("used-up window: %v, want a rate limit until %v", err, reset)
			}
			if after := len(e.peer.Requests()); after != before {
				t.Errorf("%d requests made while the window was used up", after-before)
			}
			e.clock.add(11 * time.Minute)
			e.peer.Inject(xpeer.Fault{Route: route, Status: 401, Code: 89, Times: 1})
			_, err = e.conn.Audience(ctx)
			if re := core.AsRemote(err); re == nil || re.Problem != core.ProblemAuth {
				t.Errorf("revoked keys: %v, want an auth problem", err)
			}
		})
	}
}
