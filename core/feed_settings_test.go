package core

import (
	"encoding/json"
	"testing"
)

func TestParseFeedSettings(t *testing.T) {
	tests := []struct {
		raw     string
		wantErr bool
		want    FeedSettings
	}{
		{`{"url":" https://forum.example.org/rss "}`, false, FeedSettings{URL: "https://forum.example.org/rss", PollSeconds: DefaultFeedPollSeconds}},
		{`{"url":"http://blog.example.org/feed","keywords":["Hearth"," hearth ","", "board  game"]}`, false,
			FeedSettings{URL: "http://blog.example.org/feed", Keywords: []string{"Hearth", "board game"}, PollSeconds: DefaultFeedPollSeconds}},
		{`{"url":""}`, true, FeedSettings{}},
		{`{"url":"file:///etc/passwd"}`, true, FeedSettings{}},
		{`{"url":"forum.example.org/rss"}`, true, FeedSettings{}},
		{`{"url":"https://a.example/rss","poll_seconds":5}`, true, FeedSettings{}},
	}
	for _, tt := range tests {
		got, err := ParseFeedSettings(json.RawMessage(tt.raw))
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseFeedSettings(%s) error %v, want error %v", tt.raw, err, tt.wantErr)
			continue
		}
		if !tt.wantErr && (got.URL != tt.want.URL || got.PollSeconds != tt.want.PollSeconds || len(got.Keywords) != len(tt.want.Keywords)) {
			t.Errorf("ParseFeedSettings(%s) = %+v, want %+v", tt.raw, got, tt.want)
		}
		for i := range tt.want.Keywords {
			if !tt.wantErr && got.Keywords[i] != tt.want.Keywords[i] {
				t.Errorf("ParseFeedSettings(%s) keywords %q, want %q", tt.raw, got.Keywords, tt.want.Keywords)
			}
		}
	}
}

func TestFeedLink(t *testing.T) {
	if l := (Item{Kind: ItemFeed, Location: "https://example.org/a"}).Link(); l != "https://example.org/a" {
		t.Errorf("feed item link %q", l)
	}
	if l := (Item{Kind: ItemEmail, Location: "INBOX 1 2"}).Link(); l != "" {
		t.Errorf("mail item link %q, want none", l)
	}
}
