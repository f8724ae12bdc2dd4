package stats

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hearthhq/hearth/core"
)

// The audience of a channel (X followers, VK community members) is a
// number the channels keep only for today: the sync reads it at most
// every AudienceEvery and RecordAudience keeps the latest reading of each
// day. A day without a reading has the count of the latest day before it.

// AudienceEvery is how often the sync reads an account's audience: four
// calls a day keep far inside X's and VK's rate limits.
const AudienceEvery = 6 * time.Hour

// hasAudience reports whether an account's channel has an audience count.
func hasAudience(k core.AccountKind) bool { return k == core.KindX || k == core.KindVK }

// RecordAudience keeps an account's audience read at at, as the count of
// that day in the workspace's zone.
func (s *Service) RecordAudience(ctx context.Context, accountID, count int64, at time.Time) error {
	loc, err := s.Location(ctx)
	if err != nil {
		return err
	}
	return s.store.SaveAudience(ctx, core.AudienceSnapshot{AccountID: accountID,
		Day: at.In(loc).Format(time.DateOnly), TakenAt: at, Count: count})
}

// LastAudience is when an account's audience was last read; zero when
// never.
func (s *Service) LastAudience(ctx context.Context, accountID int64) (time.Time, error) {
	a, err := s.store.LatestAudience(ctx, accountID)
	if errors.Is(err, core.ErrNotFound) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("stats: %w", err)
	}
	return a.TakenAt, nil
}

// audienceSeries is one account's counts by day (YYYY-MM-DD), with the
// count before the first day as start.
type audienceSeries struct {
	start    int64
	hasStart bool
	byDay    map[string]int64
}

// at is the count on a day: the reading of that day or of the latest day
// before it.
func (a audienceSeries) at(days []string, i int) (int64, bool) {
	for j := i; j >= 0; j-- {
		if n, ok := a.byDay[days[j]]; ok {
			return n, true
		}
	}
	return a.start, a.hasStart
}

// audience sets the KPIs "audience" and "audience_change", adds the X
// followers' day-to-day rises and falls to "members_joined" and
// "members_left" (X has no follow events), and, with d set, each day's
// count per account.
func (c calc) audience(ctx context.Context, p Period, k KPIs, d *Dashboard) error {
	accts, err := c.s.store.Accounts(ctx)
	if err != nil {
		return fmt.Errorf("stats: accounts: %w", err)
	}
	var days []string
	today := midnight(c.now.In(c.loc))
	for day := p.From; day.Before(p.To) && !day.After(today); day = day.AddDate(0, 0, 1) {
		days = append(days, day.Format(time.DateOnly))
	}
	k["audience"], k["audience_change"] = Value{}, Value{}
	if len(days) == 0 {
		return nil
	}
	rows, err := c.s.store.AudienceDays(ctx, days[0], days[len(days)-1])
	if err != nil {
		return fmt.Errorf("stats: %w", err)
	}
	series := map[int64]*audienceSeries{}
	for _, r := range rows {
		a := series[r.AccountID]
		if a == nil {
			a = &audienceSeries{byDay: map[string]int64{}}
			series[r.AccountID] = a
		}
		if r.Day < days[0] {
			a.start, a.hasStart = r.Count, true
		} else {
			a.byDay[r.Day] = r.Count
		}
	}
	var total, change int64
	haveTotal, haveChange := false, false
	joined, left := int64(0), int64(0)
	for _, acct := range accts {
		a := series[acct.ID]
		if !hasAudience(acct.Kind) || a == nil || (c.account != 0 && acct.ID != c.account) {
			continue
		}
		end, ok := a.at(days, len(days)-1)
		if ok {
			total, haveTotal = total+end, true
		}
		if ok && a.hasStart {
			change, haveChange = change+end-a.start, true
		}
		if acct.Kind == core.KindX {
			prev, had := a.start, a.hasStart
			for i := range days {
				n, ok := a.at(days, i)
				if ok && had {
					if n > prev {
						joined += n - prev
					} else {
						left += prev - n
					}
				}
				prev, had = n, ok
			}
		}
		if d != nil {
			for i := range d.Days {
				if i >= len(days) {
					break
				}
				if n, ok := a.at(days, i); ok {
					if d.Days[i].Audience == nil {
						d.Days[i].Audience = map[int64]int64{}
					}
					d.Days[i].Audience[acct.ID] = n
				}
			}
		}
	}
	if haveTotal {
		k["audience"] = count(int(total))
	}
	if haveChange {
		k["audience_change"] = count(int(change))
	}
	if d != nil {
		d.FollowersJoined, d.FollowersLeft = int(joined), int(left)
	}
	if joined+left > 0 {
		k["members_joined"] = count(int(joined) + int(k["members_joined"].Num))
		k["members_left"] = count(int(left) + int(k["members_left"].Num))
	}
	return nil
}
