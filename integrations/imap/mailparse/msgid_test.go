package mailparse

import (
	"slices"
	"strings"
	"testing"
)

func TestNormalizeMessageID(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<abc@example.org>", "abc@example.org"},
		{"  <abc@example.org>  ", "abc@example.org"},
		{"\t<abc@example.org>\r\n", "abc@example.org"},
		{"abc@example.org", "abc@example.org"},
		{"<abc@example.org> (sent by the list)", "abc@example.org"},
		{"(comment (nested)) <abc@example.org>", "abc@example.org"},
		{"<1234   @   local(blah)  .machine .example>", "1234@local.machine.example"},
		{"<abc@\r\n example.org>", "abc@example.org"},
		{"<first@x> <second@x>", "first@x"},
		{`"Your message of Monday" <abc@example.org>`, "abc@example.org"},
		{"<unterminated@example.org", "unterminated@example.org"},
		{"12345", "12345"},
		{"<>", ""},
		{"", ""},
		{"   ", ""},
		{"(only a comment)", ""},
	}
	for _, tt := range tests {
		if got := NormalizeMessageID(tt.in); got != tt.want {
			t.Errorf("NormalizeMessageID(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRemoteID(t *testing.T) {
	raw := []byte("Subject: x\r\n\r\nbody\r\n")
	if got := RemoteID(" <id@example.org> ", raw); got != "id@example.org" {
		t.Errorf("with a Message-Id: got %q", got)
	}
	hashed := RemoteID("", raw)
	if !strings.HasPrefix(hashed, "sha256:") || len(hashed) != len("sha256:")+64 {
		t.Errorf("without a Message-Id: got %q, want sha256:<64 hex>", hashed)
	}
	if again := RemoteID("<>", raw); again != hashed {
		t.Errorf("the hash must be stable: %q then %q", hashed, again)
	}
	if other := RemoteID("", []byte("Subject: y\r\n\r\nbody\r\n")); other == hashed {
		t.Errorf("two different messages share the id %q", other)
	}
}

func TestThreadRefs(t *testing.T) {
	tests := []struct {
		name, references, inReplyTo, self string
		want                              []string
	}{
		{"references root first", "<a@x> <b@x> <c@x>", "", "d@x", []string{"a@x", "b@x", "c@x"}},
		{"in-reply-to already last reference", "<a@x> <b@x>", "<b@x>", "c@x", []string{"a@x", "b@x"}},
		{"in-reply-to without references", "", "<b@x>", "c@x", []string{"b@x"}},
		{"in-reply-to not in references goes last", "<a@x>", "<b@x>", "c@x", []string{"a@x", "b@x"}},
		{"duplicates dropped", "<a@x> <b@x> <a@x>", "<b@x>", "c@x", []string{"a@x", "b@x"}},
		{"own id dropped", "<a@x> <c@x>", "<c@x>", "c@x", []string{"a@x"}},
		{"folded and commented", "<a@x>\r\n\t<b@x> (list)", "<b@x> (Your message of Mon)", "c@x", []string{"a@x", "b@x"}},
		{"comma separated", "<a@x>,<b@x>", "", "c@x", []string{"a@x", "b@x"}},
		{"bare ids", "a@x b@x", "", "c@x", []string{"a@x", "b@x"}},
		{"in-reply-to with a phrase only", "", "Your message of Monday", "c@x", nil},
		{"none", "", "", "c@x", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := threadRefs(tt.references, tt.inReplyTo, tt.self); !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestParseThreadRefs checks the refs through Parse, from raw headers.
func TestParseThreadRefs(t *testing.T) {
	raw := "Message-ID: <c@x>\r\nReferences: <a@x>\r\n <b@x>\r\nIn-Reply-To: <b@x>\r\nSubject: Re: hi\r\n\r\nok\r\n"
	it := Parse([]byte(raw))
	if want := []string{"a@x", "b@x"}; !slices.Equal(it.ThreadRefs, want) || it.RemoteID != "c@x" {
		t.Errorf("refs %q id %q, want %q and c@x", it.ThreadRefs, it.RemoteID, want)
	}
}
