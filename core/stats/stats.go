// Package stats computes the dashboard's KPIs for a period, compared with
// the period before, for every channel or one: members, volume, engagement
// per post, responsiveness, user-generated share, plan adherence. Every
// number is defined in metrics.go (and docs/metrics.md); the rows come
// from the store's aggregates, the rules (the oldest-unanswered reply
// rule, business hours, the cohorts at a date) are here.
package stats

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/hearthhq/hearth/core"
)

// Store is what the dashboard needs of the workspace store.
type Store interface {
	StatsVolume(ctx context.Context, from, to time.Time, accountID int64) ([]core.VolumeHour, error)
	StatsMessages(ctx context.Context, from, to time.Time, accountID int64) ([]core.MessageStat, error)
	StatsTone(ctx context.Context, from, to time.Time, accountID int64) ([]core.ToneHour, error)
	StatsReplyWaits(ctx context.Context, from, to time.Time, accountID int64) ([]core.ReplyWait, error)
	StatsThreadsByAccount(ctx context.Context, from, to time.Time) (map[int64]core.ThreadCounts, error)
	StatsPosts(ctx context.Context, from, to time.Time, accountID int64) ([]core.PostStat, error)
	StatsPlan(ctx context.Context, from, to time.Time, accountID int64) (core.PlanCounts, error)
	Campaigns(ctx context.Context, from, to time.Time) ([]core.Campaign, error)
	StatsMembers(ctx context.Context, q core.MemberStatsQuery) (core.MemberCounts, error)
	StatsMemberIDs(ctx context.Context, q core.MemberStatsQuery, which string) ([]int64, error)
	StatsMark(ctx context.Context) (int64, error)
	StatsChanges(ctx context.Context, from, to time.Time, after int64) ([]core.ChangedHour, error)
	StatsDays(ctx context.Context, key, first, last string) ([]core.StatsDay, error)
	SaveStatsDays(ctx context.Context, days []core.StatsDay) error
	SaveSnapshot(ctx context.Context, day string, at time.Time, b core.CohortBounds, activeSince time.Time) (bool, error)
	SaveSnapshotAsOf(ctx context.Context, day string, at time.Time, b core.CohortBounds, activeSince time.Time) (bool, error)
	Snapshot(ctx context.Context, day string, channel core.IdentityKind) (core.Snapshot, error)
	LatestSnapshot(ctx context.Context, day string, channel core.IdentityKind) (core.Snapshot, error)
	SaveAudience(ctx context.Context, a core.AudienceSnapshot) error
	LatestAudience(ctx context.Context, accountID int64) (core.AudienceSnapshot, error)
	AudienceDays(ctx context.Context, firstDay, lastDay string) ([]core.AudienceSnapshot, error)
	QuadrantMoves(ctx context.Context, fromDay, toDay string, channel core.IdentityKind) ([]core.QuadrantMove, error)
	Members(ctx context.Context, f core.MemberFilter, b core.CohortBounds) (core.MemberPage, error)
	Accounts(ctx context.Context) ([]core.Account, error)
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
}

// ScoreSettings gives the member files' score settings (core/members's
// Service has it): the activity window and the cohorts come from there,
// never redefined here.
type ScoreSettings interface {
	Settings(ctx context.Context) (core.ScoreSettings, error)
}

// Params wires a Service.
type Params struct {
	Store   Store
	Members ScoreSettings    // nil: the default score settings
	Now     func() time.Time // nil: time.Now
	// Zone is the workspace's time zone until the settings name one
	// (cmd passes the OS zone); empty is UTC.
	Zone string
}

// Service computes the dashboard.
type Service struct {
	store   Store
	members ScoreSettings
	now     func() time.Time
	zone    string
	moves   movesMemo
	// days is held while a period's days are summarised and kept: a
	// dashboard asked for while Warm reads the same days waits for them
	// and reads them kept, rather than reading them a second time.
	days sync.Mutex
}

// New makes a Service.
func New(p Params) *Service {
	s := &Service{store: p.Store, members: p.Members, now: p.Now, zone: p.Zone}
	if s.now == nil {
		s.now = time.Now
	}
	if _, err := time.LoadLocation(s.zone); err != nil || s.zone == "" {
		s.zone = "UTC"
	}
	return s
}

// Now is the service's clock.
func (s *Service) Now() time.Time { return s.now() }

// Query selects a dashboard: a period and a channel (AccountID 0: all).
type Query struct {
	Period    Period
	AccountID int64
	// Rows lists each message of the period (Dashboard.Messages) and
	// each reply with what it answered (Dashboard.Replies), as exports
	// need; the screen does not.
	Rows bool
}

func (s *Service) scoreSettings(ctx context.Context) (core.ScoreSettings, error) {
	if s.members == nil {
		return core.DefaultScoreSettings(), nil
	}
	cs, err := s.members.Settings(ctx)
	if err != nil {
		return cs, fmt.Errorf("stats: member settings: %w", err)
	}
	return cs, nil
}

// channelOf is the identity kind of an account's members ("" for all).
func (s *Service) channelOf(ctx context.Context, accountID int64) (core.Account, core.IdentityKind, error) {
	if accountID == 0 {
		return core.Account{}, "", nil
	}
	accts, err := s.store.Accounts(ctx)
	if err != nil {
		return core.Account{}, "", fmt.Errorf("stats: accounts: %w", err)
	}
	for _, a := range accts {
		if a.ID == accountID {
			return a, core.IdentityKindOf(a.Kind), nil
		}
	}
	return core.Account{}, "", fmt.Errorf("stats: account %d: %w", accountID, core.ErrNotFound)
}
