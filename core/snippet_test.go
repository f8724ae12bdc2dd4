package core

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSnippet(t *testing.T) {
	long := strings.Repeat("слово ", 40) // 240 runes, a space every six
	tests := []struct {
		name, text, want string
	}{
		{"empty", "", ""},
		{"short stays", "Hello there", "Hello there"},
		{"whitespace collapses", "  Hello,\r\n\tthere\u00a0 you ", "Hello, there you"},
		{"long cuts on a word", long, strings.TrimSpace(long[:len("слово ")*26]) + "…"},
		{"no space cuts hard", strings.Repeat("x", 200), strings.Repeat("x", SnippetRunes) + "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Snippet(tt.text)
			if got != tt.want {
				t.Errorf("Snippet = %q, want %q", got, tt.want)
			}
			if n := utf8.RuneCountInString(strings.TrimSuffix(got, "…")); n > SnippetRunes {
				t.Errorf("snippet has %d runes, more than %d", n, SnippetRunes)
			}
		})
	}
}

func TestReplySubject(t *testing.T) {
	tests := map[string]string{
		"Hello":       "Re: Hello",
		"Re: Hello":   "Re: Hello",
		"RE: Hello":   "RE: Hello",
		"re:Hello":    "re:Hello",
		"":            "", // a VK or X thread has none: never a bare "Re:"
		"  ":          "",
		"Reunion":     "Re: Reunion",
		"Réunion":     "Re: Réunion",
		"Fwd: Re: Hi": "Re: Fwd: Re: Hi",
	}
	for in, want := range tests {
		if got := ReplySubject(in); got != want {
			t.Errorf("ReplySubject(%q) = %q, want %q", in, got, want)
		}
	}
}
