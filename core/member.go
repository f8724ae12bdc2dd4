package core

import (
	"fmt"
	"time"
)

// Member is one person of the community: the identities they use on each
// channel (an e-mail address, a VK user, an X account) grouped into one
// file. The profile fields start as what the first identity told and are
// then the community manager's to edit; an empty field is filled from any
// identity that later knows it.
type Member struct {
	ID       int64
	Name     string
	PhotoURL string
	Location string
	Language string
	Bio      string
	// Channels are the kinds of the member's identities, in a fixed order.
	Channels []IdentityKind
	Tags     []string
	// Followers is the largest follower count any of their identities has;
	// -1 when no channel says.
	Followers int
	// JoinedAt is the earliest community join (a VK join event); zero when
	// unknown. FirstSeen is when Hearth first knew of them (their first item,
	// their join, or the creation of the file, whichever is earliest);
	// LastSeen is their latest item, zero if they never wrote.
	JoinedAt  time.Time
	FirstSeen time.Time
	LastSeen  time.Time
	// LastContacted is the last reply or message we sent them.
	LastContacted time.Time
	// Activity and Loyalty are the computed scores (see MemberScores); the
	// quadrant follows from them. LoyaltyKnown is false when nothing they
	// wrote lately leaned either way: Loyalty is then 0 and means unknown,
	// not low.
	Activity     float64
	Loyalty      float64
	LoyaltyKnown bool
	Quadrant     Quadrant
}

// Quadrant places a member by activity and loyalty.
type Quadrant string

// The four quadrants: low or high activity, times not loyal or loyal.
const (
	QuadrantPasserBy Quadrant = "passer_by" // rarely writes, no warmth shown
	QuadrantQuietFan Quadrant = "quiet_fan" // rarely writes, but warmly
	QuadrantCritic   Quadrant = "critic"    // writes a lot, not warmly
	QuadrantAdvocate Quadrant = "advocate"  // writes a lot, warmly
)

// Quadrants lists the quadrants in the order the UI shows them.
var Quadrants = []Quadrant{QuadrantAdvocate, QuadrantQuietFan, QuadrantCritic, QuadrantPasserBy}

// QuadrantOf places scores in a quadrant by the thresholds in s. A
// loyalty with no signal behind it (known false) is unknown, not low: such
// a member is never a critic (nor an advocate), but a passer-by, or a quiet
// fan when they write often (three friendly questions are no hostility).
func QuadrantOf(activity, loyalty float64, known bool, s ScoreSettings) Quadrant {
	active, loyal := activity >= s.ActiveAt, loyalty >= s.LoyalAt
	switch {
	case !known && active:
		return QuadrantQuietFan
	case !known:
		return QuadrantPasserBy
	case active && loyal:
		return QuadrantAdvocate
	case active:
		return QuadrantCritic
	case loyal:
		return QuadrantQuietFan
	default:
		return QuadrantPasserBy
	}
}

// Cohort is where a member stands in time. Each member is in exactly one.
type Cohort string

// Cohorts. New wins over the others: a newcomer who has not written yet is
// new, not a dead soul.
const (
	CohortNew      Cohort = "new"       // first seen within NewDays
	CohortRegular  Cohort = "regular"   // none of the others
	CohortDrifting Cohort = "drifting"  // wrote before, silent for DriftDays
	CohortDeadSoul Cohort = "dead_soul" // no activity in DeadDays
)

// Cohorts lists the cohorts in the order the UI shows them.
var Cohorts = []Cohort{CohortNew, CohortRegular, CohortDrifting, CohortDeadSoul}

// CohortOf says which cohort m is in at now.
func CohortOf(m Member, now time.Time, s ScoreSettings) Cohort {
	return CohortBoundsAt(now, s).Cohort(m)
}

// CohortBounds are the cohort windows of the settings as times at one
// moment. The store's cohort filters and counts take them, so the windows
// become times in one place.
type CohortBounds struct {
	NewSince    time.Time // first seen at or after it: new
	DriftBefore time.Time // last wrote before it: drifting
	DeadBefore  time.Time // no sign of life since before it: a dead soul
}

// CohortBoundsAt turns the cohort windows of s into times at now.
func CohortBoundsAt(now time.Time, s ScoreSettings) CohortBounds {
	return CohortBounds{
		NewSince:    now.Add(-s.days(s.NewDays)),
		DriftBefore: now.Add(-s.days(s.DriftDays)),
		DeadBefore:  now.Add(-s.days(s.DeadDays)),
	}
}

// Cohort says which cohort m is in by the bounds. The earliest of the join
// and the first sighting counts as since; a member who never wrote was last
// active then.
func (b CohortBounds) Cohort(m Member) Cohort {
	since := m.FirstSeen
	if since.IsZero() || (!m.JoinedAt.IsZero() && m.JoinedAt.Before(since)) {
		since = m.JoinedAt
	}
	last := m.LastSeen
	if last.IsZero() {
		last = since
	}
	switch {
	case !since.IsZero() && !since.Before(b.NewSince):
		return CohortNew
	case last.Before(b.DeadBefore):
		return CohortDeadSoul
	case !m.LastSeen.IsZero() && m.LastSeen.Before(b.DriftBefore):
		return CohortDrifting
	default:
		return CohortRegular
	}
}

// ParseQuadrant and ParseCohort validate names given by a person or a file.
func ParseQuadrant(s string) (Quadrant, error) {
	for _, q := range Quadrants {
		if string(q) == s {
			return q, nil
		}
	}
	return "", fmt.Errorf("unknown quadrant %q (want advocate, quiet_fan, critic or passer_by)", s)
}

// ParseCohort validates a cohort name.
func ParseCohort(s string) (Cohort, error) {
	for _, c := range Cohorts {
		if string(c) == s {
			return c, nil
		}
	}
	return "", fmt.Errorf("unknown cohort %q (want new, regular, drifting or dead_soul)", s)
}

// ScoreSettings are the weights, windows and thresholds of the computed
// scores and cohorts; a person can change them in the settings.
type ScoreSettings struct {
	// Weights of one interaction in the activity score.
	PostWeight    float64 `json:"post_weight"`
	CommentWeight float64 `json:"comment_weight"`
	MessageWeight float64 `json:"message_weight"`
	// ActivityDays is the window of the activity score; LoyaltyDays the
	// (longer) window whose messages' sentiment makes loyalty.
	ActivityDays int `json:"activity_days"`
	LoyaltyDays  int `json:"loyalty_days"`
	// ActiveAt and LoyalAt split the quadrants.
	ActiveAt float64 `json:"active_at"`
	LoyalAt  float64 `json:"loyal_at"`
	// Cohort windows in days.
	NewDays   int `json:"new_days"`
	DriftDays int `json:"drift_days"`
	DeadDays  int `json:"dead_days"`
}

// DefaultScoreSettings are the settings of a new workspace.
func DefaultScoreSettings() ScoreSettings {
	return ScoreSettings{
		PostWeight: 3, CommentWeight: 2, MessageWeight: 2,
		ActivityDays: 30, LoyaltyDays: 180,
		ActiveAt: 6, LoyalAt: 0.2,
		NewDays: 30, DriftDays: 30, DeadDays: 90,
	}
}

func (ScoreSettings) days(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }

// MemberSort names a column of the members table.
type MemberSort string

// Sort orders of the members table.
const (
	SortName      MemberSort = "name"
	SortLastSeen  MemberSort = "last_seen"
	SortFirstSeen MemberSort = "first_seen"
	SortActivity  MemberSort = "activity"
	SortLoyalty   MemberSort = "loyalty"
	SortFollowers MemberSort = "followers"
)

// MemberFilter selects a page of the members table. Zero values mean any.
type MemberFilter struct {
	Query     string // name, address or handle contains it (case-insensitive)
	Tag       string
	Interest  string
	Expertise string
	Quadrant  Quadrant
	Cohort    Cohort
	Channel   IdentityKind
	Set       *MemberSet // only these members (nil: any)
	Sort      MemberSort // default activity
	Desc      bool       // descending; name sorts ascending unless set
	Offset    int
	Limit     int       // default 100
	Now       time.Time // for cohorts; zero means the clock of the members service
}

// MemberSet is a named list of members, such as those behind a number of
// the dashboard ("Joined in November 2026").
type MemberSet struct {
	Name string
	IDs  []int64
}

// MemberPage is one page of the members table and how many match in all.
type MemberPage struct {
	Members []Member
	Total   int
}

// SegmentCounts are the members per quadrant and per cohort, for the
// filter buttons of the members table.
type SegmentCounts struct {
	Total     int
	Quadrants map[Quadrant]int
	Cohorts   map[Cohort]int
	Channels  map[IdentityKind]int
}

// Note is a dated free note on a member.
type Note struct {
	ID       int64
	MemberID int64
	Text     string
	At       time.Time
}

// Expertise is a topic a member knows about and how well, 1 (some) to 5
// (expert).
type Expertise struct {
	Topic string `json:"topic"`
	Level int    `json:"level"`
}

// MemberProfile is the editable part of a member file. Nil fields are left
// as they are.
type MemberProfile struct {
	Name     *string
	PhotoURL *string
	Location *string
	Language *string
	Bio      *string
}

// TimelineEntry is one thing in a member's timeline: an item they wrote or
// a reply we sent them.
type TimelineEntry struct {
	ItemID   int64
	Kind     ItemKind
	Account  string
	Outgoing bool // we wrote it to them
	Subject  string
	Snippet  string
	At       time.Time
}

// MergeReason says why two identities may be one person.
type MergeReason string

// Merge suggestion rules.
const (
	ReasonSameHandle    MergeReason = "same_handle"     // VK screen name = X handle
	ReasonHandleIsLocal MergeReason = "handle_is_local" // a handle = an e-mail local part
	ReasonNameAndLocal  MergeReason = "name_and_local"  // same name and same e-mail local part
	ReasonSamePhoto     MergeReason = "same_photo"      // same photo URL
	ReasonSameFullName  MergeReason = "same_full_name"  // same name of two or more words
)

// MergeSuggestion proposes that two members are one person, never applied
// without a person's yes. The identity pair names it: member ids change
// with merges, identities do not.
type MergeSuggestion struct {
	IdentityA, IdentityB int64
	MemberA, MemberB     int64
	Reasons              []MergeReason
	Strength             int // higher is surer
}

// Ritual names a recurring duty towards members.
type Ritual string

// Rituals.
const (
	RitualWelcome Ritual = "welcome" // greet a newcomer a day or two after they joined
	RitualCheckIn Ritual = "checkin" // write to a quiet member once a month
)

// RitualDone records that a person did a ritual for a member.
type RitualDone struct {
	MemberID int64
	Ritual   Ritual
	At       time.Time
}

// ScoreInput is what a member wrote in the two score windows, as the
// scores and their explanations need it.
type ScoreInput struct {
	// In the activity window.
	Posts, Comments, Messages int
	// In the loyalty window: messages written, how many read positive or
	// negative, and on how many different days they wrote.
	Written, Positive, Negative, ActiveDays int
}

// UnixDay is the UTC day number of t: the day what members wrote is
// counted in, and the unit of the score windows.
func UnixDay(t time.Time) int64 { return t.Unix() / 86400 }

// ScoreWindows are the days of one rescoring, as UnixDay numbers: the
// scores are for Day, whose end both windows share, and members last
// scored before Day are due (core/members decides them).
type ScoreWindows struct {
	Day          int64
	ActivityFrom int64 // first day of the activity window
	LoyaltyFrom  int64 // first day of the loyalty window
}

// Scores are a member's computed scores and the quadrant they place them
// in; LoyaltyKnown says whether anything they wrote showed warmth or
// coldness (see LoyaltySignal).
type Scores struct {
	Activity, Loyalty float64
	LoyaltyKnown      bool
	Quadrant          Quadrant
}

// LoyaltySignal says whether the loyalty window holds anything to judge
// warmth by: messages that lean warm or cold on balance, or writing
// regularly. Without one, loyalty is unknown: as many warm messages as
// cold ones (a "friend" in one question, a "Discord" in the next, as a
// lexicon reads them) say nothing of the person, who is no critic.
func LoyaltySignal(in ScoreInput) bool {
	return in.Positive != in.Negative || in.ActiveDays >= RegularDays
}

// RegularDays is how many different days of writing in the loyalty window
// count as a positive signal of its own.
const RegularDays = 5

// ComputeScores turns counts into the activity and loyalty scores.
// Activity is the weighted count of interactions in its window. Loyalty,
// from -1 to 1, is the balance of positive over negative messages, damped
// for people who wrote little, plus a bonus for writing regularly.
func ComputeScores(in ScoreInput, s ScoreSettings) (activity, loyalty float64) {
	activity = float64(in.Posts)*s.PostWeight + float64(in.Comments)*s.CommentWeight +
		float64(in.Messages)*s.MessageWeight
	loyalty = float64(in.Positive-in.Negative) / float64(in.Written+2)
	if in.ActiveDays >= RegularDays {
		loyalty += 0.1
	}
	return activity, min(max(loyalty, -1), 1)
}

// Interaction is the weight class of an item in the activity score.
type Interaction string

// Interaction classes: a post outweighs a comment.
const (
	InteractionPost    Interaction = "post"
	InteractionComment Interaction = "comment"
	InteractionMessage Interaction = "message"
)

// InteractionOf classes an item by its kind: wall posts and X mentions are
// posts, comments and X replies are comments, e-mails and private messages
// are messages.
func InteractionOf(k ItemKind) Interaction {
	switch k {
	case ItemVKPost, ItemXMention, ItemFeed:
		return InteractionPost
	case ItemVKComment, ItemXReply:
		return InteractionComment
	default:
		return InteractionMessage
	}
}

// MeetupAttended is a meetup in a member's file.
type MeetupAttended struct {
	ID    int64
	Title string
	At    time.Time
}

// ExpertEvidence is what is known of one member about a topic, for the
// expert finder.
type ExpertEvidence struct {
	MemberID int64
	Level    int  // declared expertise, 0 for none
	Interest bool // listed the topic among their interests
	// Answers are recent items of theirs on the topic that answer someone
	// else's question in a thread, in a tone that is not negative;
	// Complaints are those of their recent items on it that read negative.
	// Other mentions (questions, news) say nothing of knowing the topic.
	Answers    int
	Complaints int
}

// WelcomeCandidate is a member who joined (or first wrote) lately, with
// what the welcome rule weighs: their last welcome (zero for none), the
// subject and text of the first thing they wrote ("" if nothing), whether
// any item of theirs is in spam, and whether a community ban holds for
// one of their identities.
type WelcomeCandidate struct {
	Member      Member
	LastWelcome time.Time
	FirstText   string
	Spam        bool
	Banned      bool
}

// MergeUndo is what takes a member merge back (members.Service.UndoMerge):
// the two members and the store's record of what the merge changed.
type MergeUndo struct {
	Into, From int64
	Snapshot   []byte
}
