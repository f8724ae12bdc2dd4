package vk

import (
	"testing"

	"github.com/hearthhq/hearth/core"
)

// TestOneRateBudgetPerAccount: the sync and watch connections of one
// account share one limiter under VK's 20 requests a second per token;
// another account has its own.
func TestOneRateBudgetPerAccount(t *testing.T) {
	e := newEnv(t, core.VKSettings{})
	a, b := e.open(), e.open()
	if a.sh != b.sh {
		t.Error("two connections of one account have separate rate budgets")
	}
	if lim := a.sh.limiter.Limit(); lim >= 20 || lim <= 0 {
		t.Errorf("client-side limit %v requests/s, want under VK's 20", lim)
	}
	if other := e.drv.sharedFor(e.acct + 1); other == a.sh {
		t.Error("two accounts share a rate budget")
	}
	if a.vk.Limit != 0 {
		t.Errorf("vksdk Limit = %d, want 0: its silent retries of error 6 stay off", a.vk.Limit)
	}
}
