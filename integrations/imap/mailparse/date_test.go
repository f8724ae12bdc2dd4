package mailparse

import (
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	at := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	tests := []struct {
		in   string
		want string // RFC 3339; "" when the date must be refused
	}{
		{"Wed, 17 May 2000 19:35:05 -0400", "2000-05-17T19:35:05-04:00"},
		{"17 May 2000 19:35:05 -0400", "2000-05-17T19:35:05-04:00"},
		{"Wed, 17 May 2000 19:35 -0400", "2000-05-17T19:35:00-04:00"},
		{"Wed, 17 May 00 19:35:05 EDT", "2000-05-17T19:35:05-04:00"},
		{"Mon, 24 Nov 97 14:22:01 PST", "1997-11-24T14:22:01-08:00"},
		{"Tue, 1 Jul 2003 10:52:37 +0200 (CEST)", "2003-07-01T10:52:37+02:00"},
		{"Thu, 13 Feb 1969 23:32 -0330 (Newfoundland Time)", "1969-02-13T23:32:00-03:30"},
		{"Fri, 21 Nov 1997 09(comment):   55  :  06 -0600", "1997-11-21T09:55:06-06:00"},
		{"Thu, 12 Jun 2003 10:02:15 GMT+0200", "2003-06-12T10:02:15+02:00"},
		{"Sat, 14 Mar 2026 10:15:00 MSK", "2026-03-14T10:15:00+03:00"},
		{"Wed Jun 16 14:14:42 2004", "2004-06-16T14:14:42Z"},
		{"2004-06-16T14:14:42+02:00", "2004-06-16T14:14:42+02:00"},
		{"2004-06-16 14:14:42Z", "2004-06-16T14:14:42Z"},
		{"Thursday, 12-Mar-26 9:05:00 PM MSK", "2026-03-12T21:05:00+03:00"},
		{"29-04-2017 23:34", "2017-04-29T23:34:00Z"},
		{"04/29/2017 11:34 pm", "2017-04-29T23:34:00Z"},
		{"Tue, 7 Apr 2026 10:00:t <rimap-test@example.test>", "2026-04-07T10:00:00Z"},
		{"Sat, 1 Jan 100 00:00:00 +0000", "2000-01-01T00:00:00Z"},
		{"Wed, 31 Jun 2010 10:00:00 +0000", ""}, // no 31 June
		{"Wed, 15 Dec 2010 59:10 -0500", ""},
		{"Pn, 29 paX 2007 21:13:00 +0100", ""},
		{"Whenever", ""},
		{"<HR>", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := parseDate(tt.in)
		switch {
		case tt.want == "" && ok:
			t.Errorf("parseDate(%q) = %v, want it refused", tt.in, got)
		case tt.want != "" && !ok:
			t.Errorf("parseDate(%q) refused, want %s", tt.in, tt.want)
		case tt.want != "" && !got.Equal(at(tt.want)):
			t.Errorf("parseDate(%q) = %s, want %s", tt.in, got.Format(time.RFC3339), tt.want)
		}
	}
}

// TestDateFallback checks what a person sees when the Date header fails:
// the receiving server's time, else no date, and a problem either way.
func TestDateFallback(t *testing.T) {
	received := "Received: from b by mx.example.org; Fri, 20 Mar 2026 14:02:03 +0100\r\n" +
		"Received: from a by b; Fri, 20 Mar 2026 14:02:01 +0100\r\n"
	tests := []struct {
		name, header string
		want         string // RFC 3339, or "" for no date
		problem      string // part of the expected problem, or "" for none
	}{
		{"good date", "Date: Fri, 20 Mar 2026 13:00:00 +0000\r\n" + received, "2026-03-20T13:00:00Z", ""},
		{"unreadable date", "Date: soon\r\n" + received, "2026-03-20T14:02:03+01:00", `cannot read "soon"; the time the message was received`},
		{"no date", received, "2026-03-20T14:02:03+01:00", ""},
		{"no date, no received", "", "", "no date"},
		{"unreadable date, no received", "Date: soon\r\n", "", `cannot read "soon"; the message is shown without a date`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := Parse([]byte(tt.header + "From: a@example.org\r\nSubject: s\r\n\r\nbody\r\n"))
			got := ""
			if !it.CreatedAt.IsZero() {
				got = it.CreatedAt.Format(time.RFC3339)
			}
			if got != tt.want {
				t.Errorf("date %q, want %q", got, tt.want)
			}
			problems := strings.Join(it.Problems, "\n")
			if tt.problem == "" && problems != "" || !strings.Contains(problems, tt.problem) {
				t.Errorf("problems %q, want one containing %q", it.Problems, tt.problem)
			}
		})
	}
}
