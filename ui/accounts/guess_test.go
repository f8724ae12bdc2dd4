package accounts

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/hearthhq/hearth/core"
)

// guesses answers from a fixed table, as the real guesser answers from its
// own and from the domains' files, and counts the look-ups.
type guesses struct {
	mu    sync.Mutex
	known map[string]core.MailGuess // by domain
	asked []string
}

func (g *guesses) GuessMail(_ context.Context, address string) (core.MailGuess, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.asked = append(g.asked, address)
	if m, ok := g.known[address[strings.LastIndexByte(address, '@')+1:]]; ok {
		if m.Settings.User == "" {
			m.Settings.User = address
		}
		return m, nil
	}
	return core.MailGuess{}, errors.New("no settings known")
}

func (g *guesses) count() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.asked)
}

func sampleGuesses() *guesses {
	return &guesses{known: map[string]core.MailGuess{
		"gmail.com": {Provider: "Gmail", Source: core.SourceTable, Note: core.NoteAppPassword,
			Settings: core.IMAPSettings{Host: "imap.gmail.com", Port: 993, TLS: core.TLSImplicit, SMTPHost: "smtp.gmail.com", SMTPPort: 465, SMTPTLS: core.TLSImplicit}},
		"uni.example": {Provider: "University of Example", Source: "https://uni.example/.well-known/autoconfig/mail/config-v1.1.xml",
			Settings: core.IMAPSettings{Host: "imap.uni.example", Port: 143, TLS: core.TLSStartTLS, User: "m.dupont",
				SMTPHost: "smtp.uni.example", SMTPPort: 587, SMTPTLS: core.TLSStartTLS}},
	}}
}

func TestAccountFormGuessesServersFromTheAddress(t *testing.T) {
	for _, c := range []struct {
		name, address                string
		host, port, sec, smtp, sport string
		user, says                   string
	}{
		{"a common provider", "anna.petrova@gmail.com", "imap.gmail.com", "993", "TLS", "smtp.gmail.com", "465", "anna.petrova@gmail.com",
			"Servers filled in for Gmail from Hearth's list of common providers; change them if yours differ.\nThis provider asks for an app password"},
		{"the domain's autoconfig file", "m.dupont@uni.example", "imap.uni.example", "143", "STARTTLS", "smtp.uni.example", "587", "m.dupont",
			"Servers filled in from the settings University of Example publishes (https://uni.example/.well-known/autoconfig/mail/config-v1.1.xml)"},
		{"unknown", "me@nowhere.example", "", "993", "TLS", "", "587", "me@nowhere.example",
			"No settings known for nowhere.example: type your provider's IMAP and SMTP servers."},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := sampleGuesses()
			h := newHarnessWith(t, Backend{Guess: g})
			f := h.openAccountForm()
			test.Type(f.user, c.address)
			h.WaitFor("the guess", func() bool { return f.guess.line.Visible() })
			got := []string{f.imapHost.Text, f.imapPort.Text, f.imapTLS.Selected, f.smtpHost.Text, f.smtpPort.Text, f.user.Text}
			want := []string{c.host, c.port, c.sec, c.smtp, c.sport, c.user}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("fields %q, want %q", got, want)
			}
			if !strings.HasPrefix(f.guess.line.Text, c.says) {
				t.Errorf("says %q, want %q", f.guess.line.Text, c.says)
			}
		})
	}
}

func TestAccountFormKeepsAHostThePersonTyped(t *testing.T) {
	g := sampleGuesses()
	h := newHarnessWith(t, Backend{Guess: g})
	f := h.openAccountForm()
	test.Type(f.imapHost, "mail.our-club.example")
	test.Type(f.user, "anna@gmail.com")
	f.guess.lookUp() // as when typing pauses
	h.Settle()
	if f.imapHost.Text != "mail.our-club.example" || g.count() != 0 {
		t.Errorf("host %q after %d look-ups: a typed host was overwritten or looked past", f.imapHost.Text, g.count())
	}

	// A guess already in the fields follows the address.
	h2 := newHarnessWith(t, Backend{Guess: g})
	f2 := h2.openAccountForm()
	test.Type(f2.user, "anna@gmail.com")
	h2.WaitFor("the first guess", func() bool { return f2.imapHost.Text == "imap.gmail.com" })
	f2.user.SetText("")
	test.Type(f2.user, "m.dupont@uni.example")
	h2.WaitFor("the second guess", func() bool { return f2.imapHost.Text == "imap.uni.example" })
	// The person changes the guess: it is theirs.
	f2.imapPort.SetText("10143")
	f2.guess.lookUp()
	h2.Settle()
	if f2.imapPort.Text != "10143" {
		t.Errorf("the port the person typed became %q", f2.imapPort.Text)
	}
}
