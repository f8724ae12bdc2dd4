package members

import (
	"cmp"
	"slices"
	"time"

	"github.com/hearthhq/hearth/core"
)

// reasonStrength weighs each reason two identities may be one person: a
// shared handle or photo is strong, a shared full name alone is weak.
var reasonStrength = map[core.MergeReason]int{
	core.ReasonSameHandle:    3,
	core.ReasonHandleIsLocal: 2,
	core.ReasonNameAndLocal:  3,
	core.ReasonSamePhoto:     3,
	core.ReasonSameFullName:  1,
}

// strength is how sure the reasons together make a suggestion: the sum of
// their weights, each reason counted once.
func strength(reasons []core.MergeReason) int {
	n := 0
	for i, r := range reasons {
		if !slices.Contains(reasons[:i], r) {
			n += reasonStrength[r]
		}
	}
	return n
}

// rankSuggestions weighs the suggestions and orders them strongest first; member ids
// break ties, so the order is the same on every call.
func rankSuggestions(list []core.MergeSuggestion) {
	for i := range list {
		list[i].Strength = strength(list[i].Reasons)
	}
	slices.SortFunc(list, func(a, b core.MergeSuggestion) int {
		return cmp.Or(cmp.Compare(b.Strength, a.Strength), cmp.Compare(a.MemberA, b.MemberA),
			cmp.Compare(a.MemberB, b.MemberB))
	})
}

// mergeFields is what a member file keeps when another is merged into it:
// its own profile fields where it has them, else the other's; the earliest
// first sighting, and the latest last sighting and last contact.
func mergeFields(into, from core.Member) core.Member {
	m := into
	m.Name = cmp.Or(into.Name, from.Name)
	m.PhotoURL = cmp.Or(into.PhotoURL, from.PhotoURL)
	m.Location = cmp.Or(into.Location, from.Location)
	m.Language = cmp.Or(into.Language, from.Language)
	m.Bio = cmp.Or(into.Bio, from.Bio)
	if from.FirstSeen.Before(into.FirstSeen) {
		m.FirstSeen = from.FirstSeen
	}
	m.LastSeen = latest(into.LastSeen, from.LastSeen)
	m.LastContacted = latest(into.LastContacted, from.LastContacted)
	return m
}

// latest is the later of two times, a zero one meaning never.
func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
