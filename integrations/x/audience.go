package x

import (
	"context"
	"net/http"

	"github.com/hearthhq/hearth/core"
)

// Audience reads the account's follower count: GET /2/users/me with
// user.fields=public_metrics (public_metrics.followers_count), or v1.1's
// verify_credentials (followers_count). The engine asks at most every few
// hours; a window X said is used up is waited out without a call.
func (c *Conn) Audience(ctx context.Context) (int64, error) {
	method, path := http.MethodGet, "/2/users/me"
	if c.set.APIVersion == core.XAPIv11 {
		path = "/1.1/account/verify_credentials.json"
	}
	if rl := c.tr.limit(method, path); rl.exhausted(c.now()) {
		return 0, &core.RemoteError{Problem: core.ProblemRateLimit, RetryAt: rl.Reset,
			Message: "X's rate limit is reached", Action: "Hearth waits until " + rl.Reset.Local().Format("15:04") + " and tries again"}
	}
	u, err := c.api.me(ctx)
	if err != nil {
		return 0, classify(ctx, "follower count", err)
	}
	if u.Followers < 0 {
		return 0, &core.RemoteError{Problem: core.ProblemServer, Message: "X did not give the follower count"}
	}
	return int64(u.Followers), nil
}
