package mailparse

import "testing"

func TestContentHashTellsCopiesFromOtherMessages(t *testing.T) {
	const base = "From: Anna <anna@example.org>\r\nDate: Tue, 11 Mar 2025 10:00:00 +0100\r\n" +
		"Message-Id: <same@mailer>\r\nSubject: Meetup\r\nContent-Type: text/plain; charset=utf-8\r\n"
	orig := base + "\r\nSee you at 7.\r\n"
	tests := []struct {
		name string
		raw  string
		same bool
	}{
		{"identical bytes", orig, true},
		{"a server's trace headers", "Received: from mx by imap\r\nX-Spam: no\r\n" + orig, true},
		{"re-encoded by a list server", base[:len(base)-len("Content-Type: text/plain; charset=utf-8\r\n")] +
			"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\nU2VlIHlvdSBhdCA3Lg==\r\n", true},
		{"an encoded-word subject", "From: Anna <anna@example.org>\r\nDate: Tue, 11 Mar 2025 10:00:00 +0100\r\n" +
			"Message-Id: <same@mailer>\r\nSubject: =?utf-8?q?Meetup?=\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSee you at 7.\r\n", true},
		{"another body", base + "\r\nSee you at 8.\r\n", false},
		{"another date", "From: Anna <anna@example.org>\r\nDate: Tue, 11 Mar 2025 10:00:01 +0100\r\n" +
			"Message-Id: <same@mailer>\r\nSubject: Meetup\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSee you at 7.\r\n", false},
		{"another sender", "From: Boris <boris@example.org>\r\nDate: Tue, 11 Mar 2025 10:00:00 +0100\r\n" +
			"Message-Id: <same@mailer>\r\nSubject: Meetup\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSee you at 7.\r\n", false},
	}
	want := Parse([]byte(orig)).ContentHash
	for _, tt := range tests {
		got := Parse([]byte(tt.raw)).ContentHash
		if (got == want) != tt.same {
			t.Errorf("%s: same content = %v, want %v", tt.name, got == want, tt.same)
		}
	}
}
