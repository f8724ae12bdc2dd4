package posttext

import (
	"strings"
	"testing"

	"github.com/hearthhq/hearth/core"
)

func TestCount(t *testing.T) {
	a := func(n int) string { return strings.Repeat("a", n) }
	tests := []struct {
		name  string
		ch    Channel
		text  string
		media int
		want  Counter
	}{
		{"no limit counts runes", Unlimited, "привет", 3, Counter{Used: 6, Media: 3}},
		{"X counts a link as 23", XPost, "see https://example.com/a/very/long/path/indeed", 0, Counter{Used: 27, Limit: 280, MediaLimit: 4}},
		{"X counts CJK double", XPost, "你好", 0, Counter{Used: 4, Limit: 280, MediaLimit: 4}},
		{"X quiet at 21 left", XPost, a(259), 0, Counter{Used: 259, Limit: 280, MediaLimit: 4}},
		{"X warns at 20 left", XPost, a(260), 0, Counter{Used: 260, Limit: 280, MediaLimit: 4, Warn: true}},
		{"X warns at the limit", XPost, a(280), 0, Counter{Used: 280, Limit: 280, MediaLimit: 4, Warn: true}},
		{"X over by one", XPost, a(281), 0, Counter{Used: 281, Limit: 280, MediaLimit: 4, Warn: true, Over: true}},
		{"X warns at its image limit", XPost, "hi", 4, Counter{Used: 2, Limit: 280, Media: 4, MediaLimit: 4, Warn: true}},
		{"X over its image limit", XPost, "hi", 5, Counter{Used: 2, Limit: 280, Media: 5, MediaLimit: 4, Warn: true, Over: true}},
		{"VK post quiet far from its limit", VKPost, a(265), 1, Counter{Used: 265, Limit: 16384, Media: 1, MediaLimit: 10}},
		{"VK post quiet at 1171 left", VKPost, a(16384 - 1171), 0, Counter{Used: 15213, Limit: 16384, MediaLimit: 10}},
		{"VK post warns at 1170 left", VKPost, a(16384 - 1170), 0, Counter{Used: 15214, Limit: 16384, MediaLimit: 10, Warn: true}},
		{"VK counts characters, not weights", VKComment, "你好 https://example.com", 0, Counter{Used: 22, Limit: 16384, MediaLimit: 2}},
		{"VK comment warns at two pictures", VKComment, "hi", 2, Counter{Used: 2, Limit: 16384, Media: 2, MediaLimit: 2, Warn: true}},
		{"VK comment over at three pictures", VKComment, "hi", 3, Counter{Used: 2, Limit: 16384, Media: 3, MediaLimit: 2, Warn: true, Over: true}},
		{"VK message media is not counted", VKMessage, "hi", 3, Counter{Used: 2, Limit: 4096, Media: 3}},
		{"VK message warns at 292 left", VKMessage, a(4096 - 292), 0, Counter{Used: 3804, Limit: 4096, Warn: true}},
		{"VK message over 4096", VKMessage, strings.Repeat("я", 4100), 0, Counter{Used: 4100, Limit: 4096, Warn: true, Over: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Count(tt.ch, tt.text, tt.media); got != tt.want {
				t.Errorf("Count = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestChannelOf(t *testing.T) {
	accounts := map[core.AccountKind]Channel{core.KindX: XPost, core.KindVK: VKPost, core.KindIMAP: Unlimited, core.KindFeed: Unlimited}
	for k, want := range accounts {
		if got := ForAccount(k); got != want {
			t.Errorf("ForAccount(%s) = %d, want %d", k, got, want)
		}
	}
	replies := map[core.ItemKind]Channel{
		core.ItemXMention: XPost, core.ItemXReply: XPost, core.ItemVKPost: VKComment,
		core.ItemVKComment: VKComment, core.ItemVKMessage: VKMessage, core.ItemXDM: XDM, core.ItemEmail: Unlimited, core.ItemFeed: Unlimited,
	}
	for k, want := range replies {
		if got := ForReply(k); got != want {
			t.Errorf("ForReply(%s) = %d, want %d", k, got, want)
		}
	}
}

func TestCut(t *testing.T) {
	a := func(n int) string { return strings.Repeat("a", n) }
	tests := []struct {
		name       string
		ch         Channel
		text       string
		kept, over string
	}{
		{"fits on X", XPost, "hello", "hello", ""},
		{"X cuts at 280", XPost, a(280) + "bcd", a(280), "bcd"},
		{"X counts CJK double", XPost, strings.Repeat("你", 141), strings.Repeat("你", 140), "你"},
		{"X counts a link as 23", XPost, a(256) + " https://example.com/a/long/path zz", a(256) + " https://example.com/a/long/path", " zz"},
		{"VK counts runes", VKComment, strings.Repeat("я", 16385), strings.Repeat("я", 16384), "я"},
		{"mail has no limit", Unlimited, a(100000), a(100000), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kept, over := Cut(tt.ch, tt.text)
			if kept != tt.kept || over != tt.over {
				t.Errorf("Cut = %d runes kept, %q over; want %d, %q", len([]rune(kept)), over, len([]rune(tt.kept)), tt.over)
			}
		})
	}
}
