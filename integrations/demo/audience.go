package demo

import (
	"math/rand/v2"
	"time"
)

// The demo's audience: what the sync would have read of the X account's
// followers and the VK community's members on each of the last
// AudienceDays days, so the dashboard's audience chart has a past. It
// ends where the peers start (XFollowers, VKMembers): growth, followers
// lost in the week of the broken release, a spike in the marathon week.

// AudienceDays is how many days before today the demo's audience covers.
const AudienceDays = 90

// The counts the demo peers give today.
const (
	XFollowers = 18400
	VKMembers  = 4260
)

// AudienceDay is the audience at the end of one day (midnight UTC).
type AudienceDay struct {
	Day   time.Time
	VK, X int64
}

// BuildAudience makes the days from AudienceDays before now to
// yesterday, the same for the same day of now.
func BuildAudience(now time.Time) []AudienceDay {
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	rnd := rand.New(rand.NewPCG(uint64(today.Unix()), 11))
	// The stories of the history's weeks, counted back from today as
	// BuildHistory counts them forward.
	historyStart := today.AddDate(0, 0, -7*HistoryWeeks)
	week := func(day time.Time) int { return int(day.Sub(historyStart).Hours()) / (24 * 7) }
	// Each day's change, from the oldest; then the counts are laid so that
	// today's change lands on the peers' numbers.
	vkDelta := make([]int64, AudienceDays+1)
	xDelta := make([]int64, AudienceDays+1)
	for i := range vkDelta {
		day := today.AddDate(0, 0, i-AudienceDays)
		vk, x := int64(rnd.IntN(9)-2), int64(rnd.IntN(31)-8) // a slow climb with noise
		if day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
			x += 6 // weekend posts travel further
		}
		switch w := week(day); {
		case w == badWeek:
			vk, x = -int64(3+rnd.IntN(8)), -int64(25+rnd.IntN(40))
		case w == marathonWeek:
			vk, x = int64(12+rnd.IntN(15)), int64(40+rnd.IntN(60))
		}
		vkDelta[i], xDelta[i] = vk, x
	}
	days := make([]AudienceDay, AudienceDays)
	vk, x := int64(VKMembers), int64(XFollowers)
	for i := AudienceDays; i > 0; i-- {
		vk, x = vk-vkDelta[i], x-xDelta[i]
		days[i-1] = AudienceDay{Day: today.AddDate(0, 0, i-1-AudienceDays), VK: vk, X: x}
	}
	return days
}
