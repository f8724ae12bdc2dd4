package core

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
)

// Feed polling bounds: feeds change slowly and their hosts are small sites
// (forums, blogs) that must not be hammered.
const (
	DefaultFeedPollSeconds = 30 * 60
	MinFeedPollSeconds     = 60
)

// FeedSettings configures a feed watch: an RSS, Atom or JSON Feed address
// polled for entries. A feed needs no secret.
type FeedSettings struct {
	URL string `json:"url"`
	// Keywords, when any, let in only the entries that mention one of them
	// (in the title, summary or content); none lets every entry in.
	Keywords []string `json:"keywords,omitempty"`
	// PollSeconds is the polling interval; 0 means DefaultFeedPollSeconds.
	PollSeconds int `json:"poll_seconds,omitempty"`
}

// ParseFeedSettings decodes, defaults and validates a feed watch's settings.
func ParseFeedSettings(raw json.RawMessage) (FeedSettings, error) {
	var s FeedSettings
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &s); err != nil {
			return s, fmt.Errorf("feed settings: %w", err)
		}
	}
	s = s.Normalized()
	if s.PollSeconds == 0 {
		s.PollSeconds = DefaultFeedPollSeconds
	}
	return s, s.Validate()
}

// Normalized trims what a person typed: the address, and the keywords
// (empty ones and repeats dropped, case kept as typed).
func (s FeedSettings) Normalized() FeedSettings {
	s.URL = strings.TrimSpace(s.URL)
	var kws []string
	seen := map[string]bool{}
	for _, k := range s.Keywords {
		k = strings.Join(strings.Fields(k), " ")
		if k == "" || seen[strings.ToLower(k)] {
			continue
		}
		seen[strings.ToLower(k)] = true
		kws = append(kws, k)
	}
	s.Keywords = kws
	return s
}

// Validate says what is wrong with the settings in words a person can act on.
// Plain http is allowed: feeds are public pages and many forums serve no
// https, and a feed watch sends no secret.
func (s FeedSettings) Validate() error {
	u, err := url.Parse(s.URL)
	if s.URL == "" {
		return fmt.Errorf("feed settings: %w", Say("the feed address is missing"))
	}
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return fmt.Errorf("feed settings: %w", Say(`"{{.Address}}" is not a web address (want http://... or https://...)`, "Address", s.URL))
	}
	if s.PollSeconds != 0 && s.PollSeconds < MinFeedPollSeconds {
		return fmt.Errorf("feed settings: %w", Say("polling every {{.Seconds}} s is too often for a feed (at least {{.Min}})", "Seconds", s.PollSeconds, "Min", MinFeedPollSeconds))
	}
	return nil
}

// DefaultName names a watch after its address (host and path) when the
// person gives no name and the feed has no title.
func (s FeedSettings) DefaultName() string {
	u, err := url.Parse(s.URL)
	if err != nil || u.Host == "" {
		return s.URL
	}
	return strings.TrimSuffix(u.Host+u.Path, "/")
}
