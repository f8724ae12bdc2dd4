package core

import (
	"testing"
	"time"
)

func TestUnconfirmedLineSaysWhenInLocalTime(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	now := time.Date(2026, 7, 14, 18, 0, 0, 0, paris)
	tests := []struct {
		tried time.Time
		want  string
	}{
		{time.Date(2026, 7, 14, 10, 3, 0, 0, time.UTC), "unconfirmed (may have been delivered at 12:03)"},
		{time.Date(2026, 7, 13, 22, 30, 0, 0, time.UTC), "unconfirmed (may have been delivered at 00:30)"}, // today in Paris
		{time.Date(2026, 3, 2, 8, 5, 0, 0, time.UTC), "unconfirmed (may have been delivered at 2 Mar 09:05)"},
		{time.Date(2025, 12, 31, 23, 0, 0, 0, time.UTC), "unconfirmed (may have been delivered at 1 Jan 00:00)"},
		{time.Date(2024, 12, 31, 12, 0, 0, 0, time.UTC), "unconfirmed (may have been delivered at 31 Dec 2024 13:00)"},
	}
	for _, tt := range tests {
		e := OutboxEntry{State: OutboxUnconfirmed, AttemptedAt: tt.tried, UpdatedAt: now}
		if got := e.UnconfirmedLine(now); got != tt.want {
			t.Errorf("tried %v: %q, want %q", tt.tried, got, tt.want)
		}
	}
}

func TestNeedsPerson(t *testing.T) {
	tests := []struct {
		e    OutboxEntry
		want bool
	}{
		{OutboxEntry{State: OutboxFailed}, true},
		{OutboxEntry{State: OutboxUnconfirmed}, true},
		{OutboxEntry{State: OutboxUnconfirmed, NotBefore: time.Now()}, false},                 // a check is planned
		{OutboxEntry{State: OutboxUnconfirmed, Owner: OutboxOwner{Token: "checking"}}, false}, // being checked
		{OutboxEntry{State: OutboxQueued}, false},
		{OutboxEntry{State: OutboxSending}, false},
		{OutboxEntry{State: OutboxSent}, false},
	}
	for _, tt := range tests {
		if got := tt.e.NeedsPerson(); got != tt.want {
			t.Errorf("%+v: NeedsPerson = %v, want %v", tt.e, got, tt.want)
		}
	}
}
