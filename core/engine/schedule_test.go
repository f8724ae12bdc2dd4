package engine

import (
	"errors"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

func TestScheduleNext(t *testing.T) {
	now := time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC)
	s := Schedule{Interval: 5 * time.Minute, MinBackoff: 10 * time.Second, MaxBackoff: 30 * time.Minute,
		PersonWait: time.Hour, Jitter: func() float64 { return 1 }}
	network := &core.RemoteError{Problem: core.ProblemNetwork, Message: "unreachable"}
	tests := []struct {
		name   string
		err    error
		errors int
		want   time.Duration
	}{
		{"success waits the interval", nil, 0, 5 * time.Minute},
		{"first failure waits the minimum", network, 1, 10 * time.Second},
		{"backoff doubles", network, 3, 40 * time.Second},
		{"backoff is capped", network, 20, 30 * time.Minute},
		{"plain errors back off too", errors.New("boom"), 2, 20 * time.Second},
		{"wrong password waits for a person", &core.RemoteError{Problem: core.ProblemAuth}, 1, time.Hour},
		{"rate limit waits for the reset", &core.RemoteError{Problem: core.ProblemRateLimit, RetryAt: now.Add(7 * time.Minute)}, 1, 7 * time.Minute},
		{"a reset in the past falls back to backoff", &core.RemoteError{Problem: core.ProblemRateLimit, RetryAt: now.Add(-time.Minute)}, 1, 10 * time.Second},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := s.Next(now, tc.err, tc.errors).Sub(now); got != tc.want {
				t.Errorf("Next = +%v, want +%v", got, tc.want)
			}
		})
	}
}

func TestScheduleJitterStaysInBounds(t *testing.T) {
	s := DefaultSchedule()
	for i := 0; i < 1000; i++ {
		d := s.backoff(2)
		if d < 10*time.Second || d >= 30*time.Second {
			t.Fatalf("backoff(2) = %v, want within [10s, 30s)", d)
		}
	}
}

func TestFailedStatusExplains(t *testing.T) {
	now := time.Now()
	prev := core.AccountStatus{State: core.SyncOK, LastSync: now.Add(-time.Hour)}
	st := failedStatus(prev, &core.RemoteError{Problem: core.ProblemAuth, Message: "the server refused the password"}, now)
	if st.State != core.SyncError || st.ErrorCount != 1 {
		t.Fatalf("status = %+v", st)
	}
	if st.LastSync != prev.LastSync {
		t.Errorf("a failure must keep the last successful sync time")
	}
	if st.Problem != core.ProblemAuth {
		t.Errorf("Problem = %q, want auth: the notifications ask for new credentials", st.Problem)
	}
	if again := failedStatus(st, errors.New("connection reset"), now); again.Problem != "" {
		t.Errorf("after a network error, Problem = %q, want none", again.Problem)
	}
	want := "error: the server refused the password (check the credentials in Accounts)"
	if got := st.Line(now); got != want {
		t.Errorf("Line = %q, want %q", got, want)
	}
}

type pacedConn struct {
	Conn
	notBefore time.Time
}

func (c pacedConn) NotBefore() time.Time { return c.notBefore }

func TestPacedWaitsForTheRemotesReset(t *testing.T) {
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	planned := now.Add(2 * time.Minute)
	tests := []struct {
		name string
		conn Conn
		want time.Time
	}{
		{"no pace", pacedConn{}, planned},
		{"a reset after the plan delays it", pacedConn{notBefore: now.Add(15 * time.Minute)}, now.Add(15 * time.Minute)},
		{"a reset before the plan changes nothing", pacedConn{notBefore: now.Add(time.Minute)}, planned},
	}
	for _, tt := range tests {
		if got := paced(planned, tt.conn); !got.Equal(tt.want) {
			t.Errorf("%s: next pass at %v, want %v", tt.name, got, tt.want)
		}
	}
}
