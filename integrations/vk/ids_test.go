package vk

import (
	"testing"

	"github.com/hearthhq/hearth/core"
)

func TestParseRID(t *testing.T) {
	tests := []struct {
		rid  string
		want ref
		bad  bool
	}{
		{"post:-1000_2", ref{Kind: core.ItemVKPost, Owner: -1000, Post: 2}, false},
		{"comment:-1000_2_7", ref{Kind: core.ItemVKComment, Owner: -1000, Post: 2, Comment: 7}, false},
		{"msg:101:44", ref{Kind: core.ItemVKMessage, Peer: 101, Msg: 44}, false},
		{"msg:2000000001:9", ref{Kind: core.ItemVKMessage, Peer: 2000000001, Msg: 9}, false},
		{"<abc@example.com>", ref{}, true},
		{"", ref{}, true},
		{"conv:101", ref{}, true},
		{"comment:x", ref{}, true},
		{"comment:-1000_2", ref{}, true},
		{"post:-1000_2_7", ref{}, true}, // Sscanf read this as post 2
		{"post:-1000_2 ", ref{}, true},
		{"post:+1000_2", ref{}, true},
		{"post:-1000_02", ref{}, true},
		{"msg:101 44", ref{}, true},
		{"msg:101:44:1", ref{}, true},
	}
	for _, tt := range tests {
		got, err := parseRID(tt.rid)
		if (err != nil) != tt.bad || got != tt.want {
			t.Errorf("parseRID(%q) = %+v, %v; want %+v, error %v", tt.rid, got, err, tt.want, tt.bad)
		}
		if !tt.bad && got.String() != tt.rid {
			t.Errorf("parseRID(%q).String() = %q", tt.rid, got.String())
		}
	}
}

func TestUserAddress(t *testing.T) {
	tests := []struct {
		addr string
		id   int
		bad  bool
	}{
		{"101", 101, false},
		{"-1000", -1000, false},
		{"", 0, true},
		{"anna@example.com", 0, true},
		{"0101", 0, true},
		{" 101", 0, true},
	}
	for _, tt := range tests {
		id, err := parseUser(tt.addr)
		if (err != nil) != tt.bad || id != tt.id {
			t.Errorf("parseUser(%q) = %d, %v; want %d, error %v", tt.addr, id, err, tt.id, tt.bad)
		}
		if !tt.bad && userAddress(id) != tt.addr {
			t.Errorf("userAddress(%d) = %q, want %q", id, userAddress(id), tt.addr)
		}
	}
}

// FuzzParseRID: whatever parseRID accepts is what String writes, and
// every ref String writes parses back to itself.
func FuzzParseRID(f *testing.F) {
	for _, s := range []string{"post:-1000_2", "comment:-1000_2_7", "msg:101:44", "comment:x", "post:+1_2", "msg:1:-0"} {
		f.Add(s, 0, -1000, 2, 7)
	}
	f.Add("", 1, -1000, 2, 0)
	f.Add("", 2, 2000000001, 9, 0)
	f.Fuzz(func(t *testing.T, rid string, kind, a, b, c int) {
		if r, err := parseRID(rid); err == nil && r.String() != rid {
			t.Errorf("parseRID(%q) = %+v, which writes %q", rid, r, r.String())
		}
		var r ref
		switch kind % 3 {
		case 0:
			r = ref{Kind: core.ItemVKPost, Owner: a, Post: b}
		case 1:
			r = ref{Kind: core.ItemVKComment, Owner: a, Post: b, Comment: c}
		default:
			r = ref{Kind: core.ItemVKMessage, Peer: a, Msg: b}
		}
		if got, err := parseRID(r.String()); err != nil || got != r {
			t.Errorf("parseRID(%q) = %+v, %v; want %+v", r.String(), got, err, r)
		}
	})
}
