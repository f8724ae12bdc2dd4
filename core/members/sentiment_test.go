package members

import "testing"

func TestRate(t *testing.T) {
	cases := []struct {
		text string
		want int
	}{
		{"Thanks a lot, great meetup!", 1},
		{"This update is awful, everything is broken", -1},
		{"Спасибо, всё отлично", 1},
		{"Ужасно, верните деньги", -1},
		{"Merci, c'était génial", 1},
		{"Très déçu, c'est nul", -1},
		{"not great", -1},
		{"не нравится", -1},
		{"The meetup is on Friday", 0},
		{"", 0},
	}
	for _, c := range cases {
		if got := Rate(c.text); got != c.want {
			t.Errorf("Rate(%q) = %d, want %d", c.text, got, c.want)
		}
	}
}

func TestKeywords(t *testing.T) {
	got := Keywords("Who knows about Blender? Blender rendering tips for the meetup, please", 2)
	if len(got) != 2 || got[0] != "blender" || got[1] != "rendering" {
		t.Errorf("Keywords = %v, want [blender rendering]", got)
	}
}
