package core

import "time"

// What the store answers for the dashboard (core/stats turns it into the
// KPIs of docs/metrics.md). Periods are half-open: From included, To not.

// VolumeHour is what was written on one account in one UTC hour: In by
// others (not feed entries, not spam), Out by us.
type VolumeHour struct {
	AccountID int64
	Hour      time.Time
	In, Out   int
}

// ToneHour is the tone of what others wrote on one account in one UTC
// hour: Toned messages in have a sentiment (not feed entries, not spam),
// Negative of them read negative, SentimentMilli is the sum of their
// sentiments in thousandths; Abusive messages in (spam included) and the
// Handled ones among them (done, spam, hidden, deleted or found fine).
type ToneHour struct {
	AccountID        int64
	Hour             time.Time
	Toned, Negative  int
	SentimentMilli   int64
	Abusive, Handled int
}

// MessageStat is one message a period's volume counts: written by others
// (not a feed entry, not spam) or by us (Outgoing), with its tone where
// the analysis has read it (Toned).
type MessageStat struct {
	ItemID, AccountID int64
	At                time.Time
	Kind              ItemKind
	Outgoing          bool
	Toned             bool
	Sentiment         float64
	Abusive           bool
}

// ReplyWait is one reply we sent and the message it answered: the oldest
// message from someone else in its conversation not answered yet (Since).
// First marks the reply that answered the conversation's first message.
type ReplyWait struct {
	ReplyID   int64
	ThreadID  int64
	AccountID int64
	Since, At time.Time
	First     bool
}

// ThreadCounts are the conversations someone else opened in a period and
// how many of them we have answered since.
type ThreadCounts struct {
	Opened, Answered int
}

// PostStat is one post we published and the reactions it has drawn.
// PostID is the calendar's post (0: published outside Hearth); ItemID the
// item the channel gave back (0 when the channel's copy is not synced).
type PostStat struct {
	PostID     int64
	ItemID     int64
	AccountID  int64
	Account    string
	At         time.Time
	Agenda     Agenda
	CampaignID int64
	Campaign   string
	Text       string
	URL        string
	Stats      ItemStats
}

// PlanCounts are the calendar's posts due in a period, per channel target:
// planned (scheduled, whatever became of it), published and failed, and
// the published ones per agenda.
type PlanCounts struct {
	Planned, Published, Failed int
	Agendas                    map[Agenda]int
}

// MemberStatsQuery asks for the member counts of a period: members first
// seen in [From, To), membership events in it, members who wrote since
// ActiveSince (before To), and the cohorts drifting and dead souls by
// Bounds (those at To). Channel 0 is every member, else one channel's.
type MemberStatsQuery struct {
	From, To    time.Time
	ActiveSince time.Time
	Bounds      CohortBounds
	Channel     IdentityKind
	AccountID   int64 // membership events of one account (0: all)
	// ActiveNow says the window ends now: members' last messages tell.
	// Snapshot leaves Total, Active and the cohorts out: the caller has
	// them from the day's snapshot.
	ActiveNow, Snapshot bool
}

// MemberCounts are the member numbers of a period.
type MemberCounts struct {
	Total, New, Active, Joined, Left int
	Cohorts                          map[Cohort]int
}

// Snapshot is the members' numbers on one day, as taken that day.
type Snapshot struct {
	Day       string // civil date in the workspace's zone
	Channel   IdentityKind
	TakenAt   time.Time
	Total     int
	Active    int
	Cohorts   map[Cohort]int
	Quadrants map[Quadrant]int
}

// QuadrantMove counts the members who were in From on one day and in To
// on a later one (From empty: not recorded yet on the first day).
type QuadrantMove struct {
	From, To Quadrant
	Members  int
}

// StatsDay is a summary of one civil day that core/stats keeps between
// dashboards: Data is its own encoding, Key names the zone and settings it
// was made with, Mark the workspace's change mark when it was read.
type StatsDay struct {
	Day  string // YYYY-MM-DD
	Key  string
	Mark int64
	Data []byte
}

// ChangedHour is a UTC hour that changed at Mark.
type ChangedHour struct {
	Hour time.Time
	Mark int64
}

// AudienceSnapshot is an account's audience (X followers, VK community
// members) as read on one day: the latest reading of that day.
type AudienceSnapshot struct {
	AccountID int64
	Day       string // civil date in the workspace's zone
	TakenAt   time.Time
	Count     int64
}
