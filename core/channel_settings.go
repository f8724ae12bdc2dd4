package core

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
)

// Default API endpoints; every integration takes a base URL so tests and the
// demo point the same code at a loopback peer.
const (
	DefaultVKAPIURL = "https://api.vk.com/method/"
	DefaultXAPIURL  = "https://api.x.com/"
)

// VKSettings configures a VK community account. The community access token
// is not here: it lives in the keyring under the secret name "token".
type VKSettings struct {
	// GroupID is the community's numeric id (positive; VK's owner_id is -GroupID).
	GroupID int64 `json:"group_id"`
	// APIURL is the method endpoint, default DefaultVKAPIURL.
	APIURL string `json:"api_url,omitempty"`
	// BackfillDays is how far back the first sync reaches; 0 means 30 days,
	// a negative value means everything.
	BackfillDays int `json:"backfill_days,omitempty"`
	// NoLongPoll turns off the Bots Long Poll push; polling alone is used.
	NoLongPoll bool `json:"no_long_poll,omitempty"`
	// PollSeconds is the polling interval without long poll; 0 means 300.
	PollSeconds int `json:"poll_seconds,omitempty"`
	// Messages syncs the community's direct conversations (needs the
	// "messages" right of the token).
	Messages bool `json:"messages,omitempty"`
}

// ParseVKSettings decodes, defaults and validates a VK account's settings.
func ParseVKSettings(raw json.RawMessage) (VKSettings, error) {
	var s VKSettings
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &s); err != nil {
			return s, fmt.Errorf("vk settings: %w", err)
		}
	}
	s.APIURL = normalizeAPIURL(s.APIURL, DefaultVKAPIURL)
	if s.BackfillDays == 0 {
		s.BackfillDays = 30
	}
	if s.PollSeconds == 0 {
		s.PollSeconds = 300
	}
	return s, s.Validate()
}

// Validate says what is wrong with the settings in words a person can act on.
func (s VKSettings) Validate() error {
	if s.GroupID <= 0 {
		return fmt.Errorf("vk settings: %w", Say("the community id must be a positive number (the digits of vk.com/club123)"))
	}
	return validateAPIURL("vk", s.APIURL)
}

// XAPIVersion picks the X API an account talks to.
type XAPIVersion string

// X API versions: v2 by default, v1.1 for services that still answer it.
const (
	XAPIv2  XAPIVersion = "2"
	XAPIv11 XAPIVersion = "1.1"
)

// XSettings configures an X account. The four OAuth 1.0a user-context keys
// live in the keyring under the secret names "consumer_key",
// "consumer_secret", "access_token" and "access_secret".
type XSettings struct {
	// Handle is the account's own @handle, without the @.
	Handle string `json:"handle,omitempty"`
	// UserID is the account's numeric id; found with the keys when empty.
	UserID     string      `json:"user_id,omitempty"`
	APIVersion XAPIVersion `json:"api_version,omitempty"` // default XAPIv2
	// APIURL is the API root (scheme and host, e.g. https://api.x.com/).
	APIURL string `json:"api_url,omitempty"`
	// VIPFollowers marks authors with at least this many followers as
	// influential; 0 means 10000.
	VIPFollowers int `json:"vip_followers,omitempty"`
	// PollSeconds is the mentions polling interval; 0 means 120.
	PollSeconds int `json:"poll_seconds,omitempty"`
}

// ParseXSettings decodes, defaults and validates an X account's settings.
func ParseXSettings(raw json.RawMessage) (XSettings, error) {
	var s XSettings
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &s); err != nil {
			return s, fmt.Errorf("x settings: %w", err)
		}
	}
	if s.APIVersion == "" {
		s.APIVersion = XAPIv2
	}
	s.APIURL = normalizeAPIURL(s.APIURL, DefaultXAPIURL)
	if s.VIPFollowers == 0 {
		s.VIPFollowers = 10000
	}
	if s.PollSeconds == 0 {
		s.PollSeconds = 120
	}
	s.Handle = strings.TrimPrefix(s.Handle, "@")
	return s, s.Validate()
}

// Validate says what is wrong with the settings in words a person can act on.
func (s XSettings) Validate() error {
	if s.APIVersion != XAPIv2 && s.APIVersion != XAPIv11 {
		return fmt.Errorf("x settings: API version %q: want 2 or 1.1", s.APIVersion)
	}
	return validateAPIURL("x", s.APIURL)
}

// normalizeAPIURL trims what a person pasted and ends the path with a
// slash: clients append method names to it, and ".../method" without one
// would call ".../methodgroups.getById".
func normalizeAPIURL(raw, def string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return def
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw // Validate says what is wrong with it
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		if u.RawPath != "" {
			u.RawPath += "/"
		}
	}
	return u.String()
}

// validateAPIURL refuses anything but https, except towards loopback peers.
func validateAPIURL(what, raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return fmt.Errorf("%s settings: %w", what, Say(`API URL "{{.URL}}" is not a URL`, "URL", raw))
	}
	switch {
	case u.Scheme == "https":
		return nil
	case u.Scheme == "http" && IsLoopback(u.Hostname()):
		return nil
	default:
		return fmt.Errorf("%s settings: %w", what, Say(`API URL "{{.URL}}": only https is allowed (plain http only towards loopback)`, "URL", raw))
	}
}

// XKeys are an X account's OAuth 1.0a user-context keys: secrets, kept in
// the keyring under the names Secrets gives.
type XKeys struct {
	ConsumerKey    string
	ConsumerSecret string
	AccessToken    string
	AccessSecret   string
}

// Secrets maps the keys to their keyring names.
func (k XKeys) Secrets() map[string]string {
	return map[string]string{
		"consumer_key": k.ConsumerKey, "consumer_secret": k.ConsumerSecret,
		"access_token": k.AccessToken, "access_secret": k.AccessSecret,
	}
}

// Missing names the first empty key, or "" when all four are given.
func (k XKeys) Missing() string {
	switch {
	case k.ConsumerKey == "":
		return "the API key (consumer key)" // these four: kit's translations, by their English
	case k.ConsumerSecret == "":
		return "the API key secret (consumer secret)"
	case k.AccessToken == "":
		return "the access token"
	case k.AccessSecret == "":
		return "the access token secret"
	}
	return ""
}
