package x

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/integrations/x/xpeer"
)

func mentionsRoute(ver core.XAPIVersion) string {
	if ver == core.XAPIv11 {
		return xpeer.RouteMentions11
	}
	return xpeer.RouteMentions
}

// TestFaultsTellThePersonWhatHappened checks the status a person reads for
// each failure X can answer with, on both API versions.
func TestFaultsTellThePersonWhatHappened(t *testing.T) {
	reset := time.Date(2026, 11, 20, 9, 15, 0, 0, time.UTC)
	cases := []struct {
		name    string
		fault   xpeer.Fault
		problem core.Problem
		message string
		action  string
	}{
		{"429 with reset", xpeer.Fault{Status: 429, Code: 88, Reset: reset}, core.ProblemRateLimit, "rate limit", "waits until"},
		{"401", xpeer.Fault{Status: 401}, core.ProblemAuth, "keys revoked or wrong", "re-enter them in Accounts"},
		{"code 89", xpeer.Fault{Status: 401, Code: 89}, core.ProblemAuth, "keys revoked or wrong", "re-enter them in Accounts"},
		{"403 tier", xpeer.Fault{Status: 403, Tier: true}, core.ProblemDenied, "plan does not include reading mentions", "upgrade the plan"},
		{"500", xpeer.Fault{Status: 500}, core.ProblemServer, "X is having trouble (HTTP 500)", ""},
		{"HTML 502", xpeer.Fault{Status: 502, HTML: true}, core.ProblemServer, "HTTP 502", ""},
		{"slow", xpeer.Fault{Delay: 2 * time.Second}, core.ProblemNetwork, "did not answer in time", ""},
	}
	for _, ver := range versions {
		for _, tc := range cases {
			t.Run("v"+string(ver)+"/"+tc.name, func(t *testing.T) {
				e := newEnv(t, ver, func(o *Options) { o.Timeout = 200 * time.Millisecond })
				e.tweet(alice, "@hearth_game hi", "")
				tc.fault.Route = mentionsRoute(ver)
				e.peer.Inject(tc.fault)
				re := core.AsRemote(e.sync())
				if re == nil {
					t.Fatalf("sync error is not a RemoteError")
				}
				if re.Problem != tc.problem || !strings.Contains(re.Message, tc.message) || !strings.Contains(re.Action, tc.action) {
					t.Errorf("got %s %q (%q), want %s %q (%q)", re.Problem, re.Message, re.Action, tc.problem, tc.message, tc.action)
				}
				if tc.problem == core.ProblemRateLimit && !re.RetryAt.Equal(reset) {
					t.Errorf("retry at %v, want the reset header %v", re.RetryAt, reset)
				}
				if len(e.sess.items) != 0 {
					t.Errorf("a failed sync stored %d items", len(e.sess.items))
				}
			})
		}
	}
}

func TestWrongKeysAreAnAuthProblem(t *testing.T) {
	for _, ver := range versions {
		t.Run("v"+string(ver), func(t *testing.T) {
			e := newEnv(t, ver)
			bad := testKeys
			bad.AccessToken = "1000-revoked"
			err := e.open(bad).Test(context.Background())
			if re := core.AsRemote(err); re == nil || re.Problem != core.ProblemAuth {
				t.Fatalf("Test with revoked keys = %v, want an auth problem", err)
			}
			if err := e.conn.Test(context.Background()); err != nil {
				t.Fatalf("Test with good keys: %v", err)
			}
		})
	}
}

// TestExhaustedWindowWaitsForReset: a call that leaves no requests in the
// window stops the run; the next pass waits for the reset and resumes the
// page walk where it stopped.
func TestExhaustedWindowWaitsForReset(t *testing.T) {
	for _, ver := range versions {
		t.Run("v"+string(ver), func(t *testing.T) {
			e := newEnv(t, ver, func(o *Options) { o.PageSize = 5 })
			first := e.tweet(alice, "@hearth_game first", "")
			e.mustSync()
			for range 8 {
				e.tweet(bigcorp, "@hearth_game more", "")
			}
			reset := e.clock.now().Add(10 * time.Minute).Truncate(time.Second)
			e.peer.SetRateLimit(mentionsRoute(ver), 1, reset)
			re := core.AsRemote(e.sync())
			if re == nil || re.Problem != core.ProblemRateLimit || !re.RetryAt.Equal(reset) {
				t.Fatalf("sync with one request left = %v, want a rate limit until %v", re, reset)
			}
			if iv := e.conn.Interval(); iv < 10*time.Minute {
				t.Errorf("Interval = %v, want to wait for the reset in 10 min", iv)
			}
			if c := e.sess.cursor(); c.Next == "" || c.SinceID != first {
				t.Fatalf("cursor %+v: want a page to resume at, since_id %s kept", c, first)
			}
			e.clock.add(11 * time.Minute)
			before := len(e.requests("mentions"))
			e.mustSync()
			if n := len(e.sess.items); n != 9 {
				t.Errorf("after the reset %d items, want 9", n)
			}
			param := "pagination_token"
			if ver == core.XAPIv11 {
				param = "max_id"
			}
			reqs := e.requests("mentions")
			if next := reqs[before]; !pagedWithSince(next, param) {
				t.Errorf("resumed with %q, want %s and since_id", next, param)
			}
			if iv := e.conn.Interval(); iv != 120*time.Second {
				t.Errorf("Interval after the reset = %v, want the 120 s poll", iv)
			}
		})
	}
}

// TestLibraryNoiseStaysOffStdout: gotwi prints "api errors: [...]" when it
// sees an error answer; Hearth's CLI users must never see it.
func TestLibraryNoiseStaysOffStdout(t *testing.T) {
	e := newEnv(t, core.XAPIv2)
	out := captureStdout(t, func() {
		for _, f := range []xpeer.Fault{{Status: 401}, {Status: 429, Code: 88}, {Status: 403, Tier: true}, {Status: 500}} {
			e.peer.ClearFaults()
			e.peer.Inject(f)
			if err := e.sync(); err == nil {
				t.Errorf("fault %+v: sync succeeded", f)
			}
			if _, err := e.conn.Publish(context.Background(), core.Publication{Text: "hello"}); err == nil {
				t.Errorf("fault %+v: publish succeeded", f)
			}
		}
	})
	if out != "" {
		t.Errorf("stdout got %q", out)
	}
}

func captureStdout(t *testing.T, f func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stdout
	os.Stdout = w
	done := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		done <- string(b)
	}()
	defer func() { os.Stdout = old }()
	f()
	w.Close()
	os.Stdout = old
	return <-done
}

func TestCancelledSyncIsNotAFailure(t *testing.T) {
	e := newEnv(t, core.XAPIv2)
	e.peer.Inject(xpeer.Fault{Delay: time.Second})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := e.conn.Sync(ctx, e.sess)
	if !errors.Is(err, context.Canceled) || core.AsRemote(err) != nil {
		t.Errorf("cancelled sync = %v, want context.Canceled and no RemoteError", err)
	}
}
