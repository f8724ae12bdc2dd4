package core

import (
	"encoding/json"
	"fmt"
	"net"
	"strings"
)

// TLSMode is how a mail connection is secured.
type TLSMode string

// TLS modes. Plain connections are refused unless the host is loopback and
// the account explicitly allows it (the demo and tests).
const (
	TLSImplicit TLSMode = "tls"
	TLSStartTLS TLSMode = "starttls"
	TLSNone     TLSMode = "none"
)

// IMAPSettings configures an e-mail account: IMAP for reading, SMTP for
// replies. The password is not here: it lives in the keyring.
type IMAPSettings struct {
	Host string  `json:"host"`
	Port int     `json:"port"`
	TLS  TLSMode `json:"tls"`
	User string  `json:"user"`
	// From is the address replies are sent from; defaults to User.
	From     string `json:"from,omitempty"`
	FromName string `json:"from_name,omitempty"`

	SMTPHost string  `json:"smtp_host,omitempty"` // defaults to Host
	SMTPPort int     `json:"smtp_port,omitempty"` // defaults by SMTPTLS: 465 tls, 587 starttls
	SMTPTLS  TLSMode `json:"smtp_tls,omitempty"`  // defaults to starttls
	SMTPUser string  `json:"smtp_user,omitempty"` // defaults to User

	// AllowPlain permits TLSNone, and only towards a loopback host.
	AllowPlain bool `json:"allow_plain,omitempty"`

	// Folders synced into the inbox; defaults to INBOX.
	Folders []string `json:"folders,omitempty"`
	// BackfillDays is how far back the first sync reaches; 0 means 90 days,
	// a negative value means everything.
	BackfillDays int `json:"backfill_days,omitempty"`
	// ArchiveOnDone moves a message to the archive folder when marked done.
	ArchiveOnDone bool   `json:"archive_on_done,omitempty"`
	ArchiveFolder string `json:"archive_folder,omitempty"` // default: \Archive special-use, else "Archive"
	SentFolder    string `json:"sent_folder,omitempty"`    // default: \Sent special-use, else "Sent"
	// PollSeconds is the polling interval when IDLE is unavailable; 0 means 300.
	PollSeconds int `json:"poll_seconds,omitempty"`
}

// ParseIMAPSettings decodes, defaults and validates an account's settings.
func ParseIMAPSettings(raw json.RawMessage) (IMAPSettings, error) {
	var s IMAPSettings
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &s); err != nil {
			return s, fmt.Errorf("imap settings: %w", err)
		}
	}
	s.applyDefaults()
	return s, s.Validate()
}

func (s *IMAPSettings) applyDefaults() {
	if s.TLS == "" {
		s.TLS = TLSImplicit
	}
	if s.Port == 0 {
		s.Port = 993
		if s.TLS != TLSImplicit {
			s.Port = 143
		}
	}
	if s.From == "" {
		s.From = s.User
	}
	if s.SMTPHost == "" {
		s.SMTPHost = s.Host
	}
	if s.SMTPTLS == "" {
		s.SMTPTLS = TLSStartTLS
	}
	if s.SMTPPort == 0 {
		switch s.SMTPTLS {
		case TLSImplicit:
			s.SMTPPort = 465
		case TLSStartTLS:
			s.SMTPPort = 587
		default:
			s.SMTPPort = 25
		}
	}
	if s.SMTPUser == "" {
		s.SMTPUser = s.User
	}
	if len(s.Folders) == 0 {
		s.Folders = []string{"INBOX"}
	}
	if s.BackfillDays == 0 {
		s.BackfillDays = 90
	}
	if s.PollSeconds == 0 {
		s.PollSeconds = 300
	}
}

// Validate reports the first setting a person must fix.
func (s IMAPSettings) Validate() error {
	switch {
	case strings.TrimSpace(s.Host) == "":
		return fmt.Errorf("imap settings: %w", Say("the IMAP host is missing"))
	case s.User == "":
		return fmt.Errorf("imap settings: %w", Say("the user name is missing"))
	case s.Port <= 0 || s.Port > 65535 || s.SMTPPort <= 0 || s.SMTPPort > 65535:
		return fmt.Errorf("imap settings: %w", Say("port out of range"))
	}
	for _, m := range []struct {
		mode TLSMode
		host string
	}{{s.TLS, s.Host}, {s.SMTPTLS, s.SMTPHost}} {
		switch m.mode {
		case TLSImplicit, TLSStartTLS:
		case TLSNone:
			if !s.AllowPlain || !IsLoopback(m.host) {
				return fmt.Errorf("imap settings: %w", Say("an unencrypted connection to {{.Host}} is refused; use tls or starttls (plain is allowed only to a loopback host with allow_plain)", "Host", m.host))
			}
		default:
			return fmt.Errorf("imap settings: %w", Say(`unknown TLS mode "{{.Mode}}" (want tls, starttls or none)`, "Mode", string(m.mode)))
		}
	}
	return nil
}

// IsLoopback reports whether host names this machine's loopback interface.
func IsLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
