package members

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/members"
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
	for _, l := range []string{"en", "fr", "ru", "bg"} {
		name := filepath.Join("..", "..", "assets", "translations", "members."+l+".json")
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var msgs map[string]any
		if err := json.Unmarshal(data, &msgs); err != nil {
			t.Fatal(err)
		}
		for _, w := range dynamicWords() {
			if w == "" {
				t.Errorf("an empty word: a quadrant or cohort core does not name")
			}
			if _, ok := msgs[w]; !ok {
				t.Errorf("%s: no %q", filepath.Base(name), w)
			}
		}
	}
}
