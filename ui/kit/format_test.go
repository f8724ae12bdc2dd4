package kit

import (
	"errors"
	"fmt"
	"testing"

	"github.com/hearthhq/hearth/core"
)

func TestHumanSize(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{0, "0 B"}, {1023, "1023 B"}, {1024, "1.0 KB"}, {18_432, "18 KB"},
		{1_288_490, "1.2 MB"}, {5 << 30, "5.0 GB"},
	}
	for _, tt := range tests {
		if got := HumanSize(tt.n); got != tt.want {
			t.Errorf("HumanSize(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestErrorText(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{errors.New("inbox: the reply is empty"), "The reply is empty."},
		{fmt.Errorf("wrap: %w", &core.RemoteError{Message: "the server refused the password", Action: "check the password"}),
			"The server refused the password: check the password."},
		{&core.RemoteError{Message: "the host did not answer."}, "The host did not answer."},
		{errors.New("imap settings: the IMAP host is missing"), "The IMAP host is missing."},
		{errors.New("ошибка сети"), "Ошибка сети."},
	}
	for _, tt := range tests {
		if got := ErrorText(tt.err); got != tt.want {
			t.Errorf("ErrorText(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

func TestTagsLabel(t *testing.T) {
	tests := []struct {
		tags []string
		want string
	}{
		{nil, ""},
		{[]string{"vip"}, "#vip"},
		{[]string{"a", "b", "c", "d", "e"}, "#a #b #c +2"},
	}
	for _, tt := range tests {
		if got := TagsLabel(tt.tags); got != tt.want {
			t.Errorf("TagsLabel(%q) = %q, want %q", tt.tags, got, tt.want)
		}
	}
}
