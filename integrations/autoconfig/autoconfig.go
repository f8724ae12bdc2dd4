// Package autoconfig guesses an e-mail address's IMAP and SMTP settings
// before the person types a host: first from a table of the common
// providers, then from the Mozilla-style autoconfig file the address's
// domain may publish (https://autoconfig.DOMAIN/mail/config-v1.1.xml and
// https://DOMAIN/.well-known/autoconfig/mail/config-v1.1.xml).
package autoconfig

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hearthhq/hearth/core"
)

// ErrUnknown says that neither the table nor the domain knows the
// address's servers: the person types them.
var ErrUnknown = errors.New("autoconfig: no settings known for this address")

// Guesser finds settings for addresses.
type Guesser struct {
	// Client fetches the autoconfig files; nil means a client with a
	// short timeout (the person is waiting at the form).
	Client *http.Client
	// URL builds the address of a file on a host; nil means
	// https://HOST/PATH. Tests point it at an httptest peer.
	URL func(host, path string) string
}

// maxFile bounds what is read of an autoconfig file (real ones are a few
// kilobytes).
const maxFile = 256 << 10

// GuessMail returns the settings of address's servers: the table's when the
// domain is a common provider, else the domain's autoconfig file's;
// ErrUnknown when neither knows, or a bad address.
func (g Guesser) GuessMail(ctx context.Context, address string) (core.MailGuess, error) {
	if guess, ok := fromTable(address); ok {
		return guess, nil
	}
	_, domain, ok := split(address)
	if !ok {
		return core.MailGuess{}, ErrUnknown
	}
	q := "?emailaddress=" + url.QueryEscape(strings.TrimSpace(address))
	for _, where := range [][2]string{
		{"autoconfig." + domain, "/mail/config-v1.1.xml" + q},
		{domain, "/.well-known/autoconfig/mail/config-v1.1.xml" + q},
	} {
		if err := ctx.Err(); err != nil {
			return core.MailGuess{}, err
		}
		u := g.url(where[0], where[1])
		body, err := g.fetch(ctx, u)
		if err != nil {
			continue // the next place may have it
		}
		if guess, err := Parse(body, address); err == nil {
			guess.Source = u
			return guess, nil
		}
	}
	return core.MailGuess{}, ErrUnknown
}

func (g Guesser) url(host, path string) string {
	if g.URL != nil {
		return g.URL(host, path)
	}
	return "https://" + host + path
}

func (g Guesser) fetch(ctx context.Context, u string) ([]byte, error) {
	client := g.Client
	if client == nil {
		client = &http.Client{Timeout: 6 * time.Second}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("autoconfig: %s: %s", u, resp.Status)
	}
	return io.ReadAll(io.LimitReader(resp.Body, maxFile))
}

// clientConfig is the part of the config-v1.1 format Hearth reads.
type clientConfig struct {
	XMLName  xml.Name `xml:"clientConfig"`
	Provider struct {
		DisplayName string   `xml:"displayName"`
		Incoming    []server `xml:"incomingServer"`
		Outgoing    []server `xml:"outgoingServer"`
	} `xml:"emailProvider"`
}

type server struct {
	Type     string   `xml:"type,attr"`
	Hostname string   `xml:"hostname"`
	Port     string   `xml:"port"`
	Socket   string   `xml:"socketType"`
	Username string   `xml:"username"`
	Auth     []string `xml:"authentication"`
}

// Parse reads a config-v1.1 file for address: its best IMAP server (TLS
// before STARTTLS; never a plain one, never one that takes only OAuth,
// which Hearth cannot do) and its best SMTP server, with the file's
// placeholders (%EMAILADDRESS%, %EMAILLOCALPART%, %EMAILDOMAIN%) filled.
func Parse(data []byte, address string) (core.MailGuess, error) {
	var c clientConfig
	if err := xml.Unmarshal(data, &c); err != nil {
		return core.MailGuess{}, fmt.Errorf("autoconfig: %w", err)
	}
	local, domain, ok := split(address)
	if !ok {
		return core.MailGuess{}, ErrUnknown
	}
	fill := strings.NewReplacer("%EMAILADDRESS%", strings.TrimSpace(address), "%EMAILLOCALPART%", local, "%EMAILDOMAIN%", domain)
	in, okIn := best(c.Provider.Incoming, "imap", fill)
	out, okOut := best(c.Provider.Outgoing, "smtp", fill)
	if !okIn {
		return core.MailGuess{}, fmt.Errorf("autoconfig: no IMAP server with a password and TLS: %w", ErrUnknown)
	}
	s := core.IMAPSettings{Host: in.host, Port: in.port, TLS: in.tls, User: orDefault(in.user, strings.TrimSpace(address))}
	if okOut {
		s.SMTPHost, s.SMTPPort, s.SMTPTLS = out.host, out.port, out.tls
		if out.user != "" && out.user != s.User {
			s.SMTPUser = out.user
		}
	}
	if s.User != strings.TrimSpace(address) {
		s.From = strings.TrimSpace(address)
	}
	return core.MailGuess{Settings: s, Provider: strings.TrimSpace(c.Provider.DisplayName)}, nil
}

// endpoint is one usable server of a file.
type endpoint struct {
	host string
	port int
	tls  core.TLSMode
	user string
}

// best picks the first server of kind with implicit TLS, else the first
// with STARTTLS; servers that take only OAuth, or no TLS, are left out.
func best(servers []server, kind string, fill *strings.Replacer) (endpoint, bool) {
	var starttls *endpoint
	for _, sv := range servers {
		if !strings.EqualFold(sv.Type, kind) || !takesPassword(sv.Auth) {
			continue
		}
		port, err := strconv.Atoi(strings.TrimSpace(sv.Port))
		host := strings.TrimSpace(fill.Replace(sv.Hostname))
		if err != nil || port <= 0 || port > 65535 || host == "" {
			continue
		}
		e := endpoint{host: host, port: port, user: strings.TrimSpace(fill.Replace(sv.Username))}
		switch strings.ToUpper(strings.TrimSpace(sv.Socket)) {
		case "SSL", "TLS":
			e.tls = core.TLSImplicit
			return e, true
		case "STARTTLS":
			if starttls == nil {
				e.tls = core.TLSStartTLS
				starttls = &e
			}
		}
	}
	if starttls != nil {
		return *starttls, true
	}
	return endpoint{}, false
}

// takesPassword reports whether a server accepts a password login (an
// absent list means the format's default, a clear-text password).
func takesPassword(auth []string) bool {
	if len(auth) == 0 {
		return true
	}
	for _, a := range auth {
		switch strings.ToLower(strings.TrimSpace(a)) {
		case "password-cleartext", "plain", "password-encrypted", "secure":
			return true
		}
	}
	return false
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
