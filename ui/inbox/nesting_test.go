package inbox

import (
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

func TestNestPlacesRepliesUnderWhatTheyAnswer(t *testing.T) {
	at := func(m int) time.Time { return time.Date(2026, 12, 1, 10, m, 0, 0, time.UTC) }
	post := "-1_10"
	c := func(id string) string { return "-1_10_" + id }
	item := func(kind core.ItemKind, id string, m int, refs ...string) core.Item {
		return core.Item{Kind: kind, RemoteID: id, CreatedAt: at(m), ThreadRefs: refs}
	}
	vk := []core.Item{ // oldest first, as the store gives them
		item(core.ItemVKPost, post, 0),
		item(core.ItemVKComment, c("1"), 1, post),
		item(core.ItemVKComment, c("2"), 2, post),
		item(core.ItemVKComment, c("3"), 3, post, c("1")),         // answers 1
		item(core.ItemVKComment, c("4"), 4, post, c("1"), c("3")), // answers 3 in 1's thread
		item(core.ItemVKComment, c("5"), 5, post, c("2")),
		item(core.ItemVKComment, c("6"), 6, post, c("1"), c("9")), // answers a comment Hearth does not hold
	}
	deep := []core.Item{item(core.ItemXMention, "a", 0)}
	for i := 1; i < 6; i++ {
		deep = append(deep, item(core.ItemXMention, string(rune('a'+i)), i, "a", string(rune('a'+i-1))))
	}
	mail := []core.Item{
		item(core.ItemEmail, "m1", 0),
		item(core.ItemEmail, "m2", 1, "m1"),
		item(core.ItemEmail, "m3", 2, "m1", "m2"),
	}
	tests := []struct {
		name  string
		items []core.Item
		want  string // remote id:depth in display order
	}{
		{"vk tree", vk, "-1_10:0 -1_10_1:1 -1_10_3:2 -1_10_4:3 -1_10_6:2 -1_10_2:1 -1_10_5:2"},
		{"x chain capped", deep, "a:0 b:1 c:2 d:3 e:3 f:3"},
		{"mail flat", mail, "m1:0 m2:0 m3:0"},
		{"empty", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range nest(tt.items) {
				got = append(got, p.item.RemoteID+":"+string(rune('0'+p.depth)))
			}
			if s := strings.Join(got, " "); s != tt.want {
				t.Errorf("nest = %s\nwant    %s", s, tt.want)
			}
		})
	}
}

// Refs that loop (bad data) never hide a message.
func TestNestShowsEveryMessageOfALoop(t *testing.T) {
	items := []core.Item{
		{Kind: core.ItemVKComment, RemoteID: "a", ThreadRefs: []string{"b"}},
		{Kind: core.ItemVKComment, RemoteID: "b", ThreadRefs: []string{"a"}},
	}
	if got := nest(items); len(got) != 2 {
		t.Fatalf("nest showed %d of 2 messages", len(got))
	}
}
