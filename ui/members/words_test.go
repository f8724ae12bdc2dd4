package members

import (
	"testing"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/ui/kit/kittest"
)

// dynamicWords are the English words this screen shows through
// lang.L(value), which a source scan cannot see: core's quadrant and
// cohort names, the screen's own lists (columns, import fields, greeting
// choices, empty states) and what a failed change of a file was doing.
func dynamicWords() []string {
	words := []string{choiceCopy, choicePublic, emptyMembers, emptyMembersFiltered,
		"change the tags", "change the interests", "change the expertise", "save the profile", "delete the note"}
	for _, q := range []core.Quadrant{core.QuadrantAdvocate, core.QuadrantQuietFan, core.QuadrantCritic, core.QuadrantPasserBy} {
		words = append(words, members.QuadrantLabel(q))
	}
	for _, c := range []core.Cohort{core.CohortNew, core.CohortRegular, core.CohortDrifting, core.CohortDeadSoul} {
		words = append(words, members.CohortLabel(c))
	}
	for _, r := range []core.MergeReason{core.ReasonSameHandle, core.ReasonHandleIsLocal, core.ReasonNameAndLocal,
		core.ReasonSamePhoto, core.ReasonSameFullName} {
		words = append(words, members.ReasonText(r))
	}
	for _, c := range memberCols {
		if c.title != "" {
			words = append(words, c.title)
		}
	}
	for _, f := range importFields {
		if f.label != "VK" && f.label != "X" { // names, the same in every language
			words = append(words, f.label)
		}
	}
	return words
}

// Every word the screen translates by value has its key in each language:
// a quadrant without one would show English in a Russian table.
func TestDynamicWordsTranslated(t *testing.T) {
	kittest.WordsTranslated(t, "members", dynamicWords())
}
