package posttext

import (
	"os"
	"slices"
	"testing"

	"gopkg.in/yaml.v3"
)

// The conformance suite of twitter-text (testdata/*.yml, Apache 2.0, see
// testdata/LICENSE) is read as is, never converted into Go cases.

type counterCase struct {
	Description string         `yaml:"description"`
	Text        string         `yaml:"text"`
	Expected    map[string]any `yaml:"expected"`
}

func loadSuite(t *testing.T, file string, into any) {
	t.Helper()
	raw, err := os.ReadFile("testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(raw, into); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
}

func TestWeightedLengthConformance(t *testing.T) {
	var suite struct {
		Tests struct {
			V2    []counterCase `yaml:"WeightedTweetsCounterTest"`
			V3    []counterCase `yaml:"WeightedTweetsWithDiscountedEmojiCounterTest"`
			Marks []counterCase `yaml:"UnicodeDirectionalMarkerCounterTest"`
		} `yaml:"tests"`
	}
	loadSuite(t, "validate.yml", &suite)
	sections := []struct {
		name  string
		cfg   config
		cases []counterCase
	}{
		{"WeightedTweetsCounterTest", configV2, suite.Tests.V2},
		{"WeightedTweetsWithDiscountedEmojiCounterTest", configV3, suite.Tests.V3},
		{"UnicodeDirectionalMarkerCounterTest", configV3, suite.Tests.Marks},
	}
	n := 0
	for _, sec := range sections {
		section, cfg := sec.name, sec.cfg
		for _, tc := range sec.cases {
			n++
			t.Run(section+"/"+tc.Description, func(t *testing.T) {
				checkCounter(t, parse(tc.Text, cfg), tc.Expected)
			})
		}
	}
	if n < 40 {
		t.Fatalf("read %d weighted cases; the suite has 44", n)
	}
}

func checkCounter(t *testing.T, got XResult, want map[string]any) {
	t.Helper()
	fields := map[string]int{
		"weightedLength": got.WeightedLength, "permillage": got.Permillage,
		"displayRangeStart": got.Display.Start, "displayRangeEnd": got.Display.End,
		"validRangeStart": got.ValidRange.Start, "validRangeEnd": got.ValidRange.End,
	}
	for name, v := range want {
		if name == "valid" {
			if v != got.Valid {
				t.Errorf("valid = %v, want %v", got.Valid, v)
			}
			continue
		}
		if g, ok := fields[name]; !ok || g != v.(int) {
			t.Errorf("%s = %d, want %v", name, g, v)
		}
	}
}

type extractCase[T any] struct {
	Description string `yaml:"description"`
	Text        string `yaml:"text"`
	Expected    T      `yaml:"expected"`
}

type mentionIndex struct {
	ScreenName string `yaml:"screen_name"`
	ListSlug   string `yaml:"list_slug"`
	Indices    []int  `yaml:"indices"`
}

type extractSuite struct {
	Tests struct {
		Mentions            []extractCase[[]string]       `yaml:"mentions"`
		MentionsWithIndices []extractCase[[]mentionIndex] `yaml:"mentions_with_indices"`
		MentionsOrLists     []extractCase[[]mentionIndex] `yaml:"mentions_or_lists_with_indices"`
		Replies             []extractCase[string]         `yaml:"replies"`
	} `yaml:"tests"`
}

func TestMentionConformance(t *testing.T) {
	var s extractSuite
	loadSuite(t, "extract.yml", &s)
	for _, tc := range s.Tests.Mentions {
		t.Run("mentions/"+tc.Description, func(t *testing.T) {
			var got []string
			for _, m := range Mentions(tc.Text) {
				got = append(got, m.Handle)
			}
			if !slices.Equal(got, tc.Expected) {
				t.Errorf("Mentions(%q) = %q, want %q", tc.Text, got, tc.Expected)
			}
		})
	}
	indexed := func(name string, cases []extractCase[[]mentionIndex], f func(string) []Mention) {
		for _, tc := range cases {
			t.Run(name+"/"+tc.Description, func(t *testing.T) {
				var got []mentionIndex
				for _, m := range f(tc.Text) {
					got = append(got, mentionIndex{ScreenName: m.Handle, ListSlug: m.ListSlug, Indices: []int{m.Start, m.End}})
				}
				if !slices.EqualFunc(got, tc.Expected, func(a, b mentionIndex) bool {
					return a.ScreenName == b.ScreenName && a.ListSlug == b.ListSlug && slices.Equal(a.Indices, b.Indices)
				}) {
					t.Errorf("%q: got %+v, want %+v", tc.Text, got, tc.Expected)
				}
			})
		}
	}
	indexed("mentions_with_indices", s.Tests.MentionsWithIndices, Mentions)
	indexed("mentions_or_lists_with_indices", s.Tests.MentionsOrLists, MentionsOrLists)
	for _, tc := range s.Tests.Replies {
		t.Run("replies/"+tc.Description, func(t *testing.T) {
			if got := Reply(tc.Text); got != tc.Expected {
				t.Errorf("Reply(%q) = %q, want %q", tc.Text, got, tc.Expected)
			}
		})
	}
	if len(s.Tests.Mentions) < 20 || len(s.Tests.Replies) < 10 {
		t.Fatalf("read %d mention and %d reply cases; the suite has more", len(s.Tests.Mentions), len(s.Tests.Replies))
	}
}
