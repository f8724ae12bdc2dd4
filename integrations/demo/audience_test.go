package demo

import (
	"reflect"
	"testing"
	"time"
)

// The demo's audience: 90 days up to yesterday, the same for the same
// day, ending one day's change away from what the peers say today, down
// in the week of the broken release and up in the marathon week.
func TestAudienceTellsTheStory(t *testing.T) {
	now := time.Date(2026, 12, 6, 15, 0, 0, 0, time.UTC)
	days := BuildAudience(now)
	if !reflect.DeepEqual(days, BuildAudience(now.Add(5*time.Hour))) {
		t.Fatal("two builds on the same day differ")
	}
	if len(days) != AudienceDays || !days[0].Day.Equal(time.Date(2026, 9, 7, 0, 0, 0, 0, time.UTC)) ||
		!days[len(days)-1].Day.Equal(time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("%d days from %v to %v, want 90 from 7 Sep to 5 Dec", len(days), days[0].Day, days[len(days)-1].Day)
	}
	last := days[len(days)-1]
	if d := VKMembers - last.VK; d < -10 || d > 30 {
		t.Errorf("yesterday's %d members are %d away from the peer's %d", last.VK, d, VKMembers)
	}
	if d := XFollowers - last.X; d < -100 || d > 120 {
		t.Errorf("yesterday's %d followers are %d away from the peer's %d", last.X, d, XFollowers)
	}
	if days[0].VK >= last.VK || days[0].X >= last.X {
		t.Errorf("no growth: %+v to %+v", days[0], last)
	}
	historyStart := time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -7*HistoryWeeks)
	weekChange := func(w int) (vk, x int64) {
		var first, end AudienceDay
		for i, d := range days {
			if d.Day.Equal(historyStart.AddDate(0, 0, 7*w)) {
				first, end = days[i-1], days[i+6]
			}
		}
		return end.VK - first.VK, end.X - first.X
	}
	if vk, x := weekChange(badWeek); vk >= 0 || x >= 0 {
		t.Errorf("the bad week changed VK by %d and X by %d, want losses", vk, x)
	}
	if vk, x := weekChange(marathonWeek); vk < 80 || x < 280 {
		t.Errorf("the marathon week changed VK by %d and X by %d, want a spike", vk, x)
	}
}
