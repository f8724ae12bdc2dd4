package vk

import (
	"slices"
	"testing"

	"github.com/SevereCloud/vksdk/v2/object"

	"github.com/hearthhq/hearth/core"
)

func TestCommentThreadRefs(t *testing.T) {
	c := &Conn{owner: -1000}
	a := authors{group: "Club", users: map[int]object.UsersUser{101: {ID: 101, FirstName: "Anna", LastName: "P", ScreenName: "anna_p"}}}
	tests := []struct {
		name string
		cm   object.WallWallComment
		refs []string
	}{
		{"top level", object.WallWallComment{ID: 5, FromID: 101}, []string{"post:-1000_2"}},
		{"reply to the thread's first", object.WallWallComment{ID: 6, FromID: 101, ReplyToComment: 5, ParentsStack: []int{5}},
			[]string{"post:-1000_2", "comment:-1000_2_5"}},
		{"reply to a reply", object.WallWallComment{ID: 7, FromID: 101, ReplyToComment: 6, ParentsStack: []int{5}},
			[]string{"post:-1000_2", "comment:-1000_2_5", "comment:-1000_2_6"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := c.commentItem(tt.cm, 2, a)
			if !slices.Equal(it.ThreadRefs, tt.refs) {
				t.Errorf("refs %v, want %v", it.ThreadRefs, tt.refs)
			}
			if it.Author != (core.Person{Name: "Anna P", Address: "101", Handle: "anna_p"}) {
				t.Errorf("author %+v", it.Author)
			}
		})
	}
}

func TestOwnCommentIsOutgoing(t *testing.T) {
	c := &Conn{owner: -1000}
	it := c.commentItem(object.WallWallComment{ID: 9, FromID: -1000, Text: "Спасибо!"}, 2, authors{group: "Club"})
	if !it.Outgoing || it.State != core.StateDone || it.Author.Name != "Club" {
		t.Errorf("our comment = %+v, want outgoing, done, by the community", it)
	}
}

func TestRandomIDIsStableAndNonZero(t *testing.T) {
	if randomID("k1") != randomID("k1") || randomID("k1") == randomID("k2") || randomID("") == 0 {
		t.Error("random_id must be the same for a key, differ between keys and never be 0")
	}
}
