package imap

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/hearthhq/hearth/core"
)

func TestTestPassesOnAWorkingAccount(t *testing.T) {
	p := startPeer(t, peerOptions{})
	c := p.open(t, func(s *core.IMAPSettings) { s.Folders = []string{"INBOX", "Archive"} })
	if err := c.Test(context.Background()); err != nil {
		t.Fatalf("test: %v", err)
	}
}

// closedPort returns a loopback port nothing listens on.
func closedPort(t *testing.T) int {
	t.Helper()
	ln := listen(t)
	_, port := splitAddr(ln.Addr().String())
	ln.Close()
	return port
}

func TestConnectionFailuresTellWhatToDo(t *testing.T) {
	p := startPeer(t, peerOptions{})
	tests := []struct {
		name    string
		edit    func(*core.IMAPSettings)
		pass    string
		want    core.Problem
		message string
	}{
		{"wrong password", nil, "wrong", core.ProblemAuth, "refused the user name or password"},
		{"closed IMAP port", func(s *core.IMAPSettings) { s.Port = closedPort(t) }, testPass, core.ProblemNetwork, "refused the connection"},
		{"closed SMTP port", func(s *core.IMAPSettings) { s.SMTPPort = closedPort(t) }, testPass, core.ProblemNetwork, "refused the connection"},
		{"TLS to a plain server", func(s *core.IMAPSettings) { s.TLS = core.TLSImplicit }, testPass, core.ProblemConfig, "did not answer with an encrypted"},
		{"STARTTLS not offered", func(s *core.IMAPSettings) { s.TLS = core.TLSStartTLS }, testPass, core.ProblemConfig, "does not offer STARTTLS"},
		{"SMTP STARTTLS not offered", func(s *core.IMAPSettings) { s.SMTPTLS = core.TLSStartTLS }, testPass, core.ProblemConfig, "does not offer STARTTLS"},
		{"missing folder", func(s *core.IMAPSettings) { s.Folders = []string{"Projects"} }, testPass, core.ProblemConfig, `"Projects"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := openConn(t, p.settings(tt.edit), tt.pass, nil)
			err := c.Test(context.Background())
			re := wantProblem(t, err, tt.want)
			if !strings.Contains(re.Message, tt.message) {
				t.Errorf("message %q lacks %q", re.Message, tt.message)
			}
		})
	}
}

func TestWrongPasswordFailsTheSyncAsAuth(t *testing.T) {
	p := startPeer(t, peerOptions{})
	c := openConn(t, p.settings(nil), "wrong", nil)
	re := wantProblem(t, c.Sync(context.Background(), newFakeSession(t)), core.ProblemAuth)
	if re.Action != "check the user name and password in Accounts" {
		t.Errorf("action = %q", re.Action)
	}
	if !re.NeedsPerson() {
		t.Error("a refused password must wait for a person, not be retried")
	}
}

func TestTLSModes(t *testing.T) {
	tests := []struct {
		name  string
		opts  peerOptions
		mode  core.TLSMode
		trust bool
		want  core.Problem // "" for success
	}{
		{"implicit TLS, trusted", peerOptions{tls: true}, core.TLSImplicit, true, ""},
		{"STARTTLS, trusted", peerOptions{startTLS: true}, core.TLSStartTLS, true, ""},
		{"implicit TLS, untrusted certificate", peerOptions{tls: true}, core.TLSImplicit, false, core.ProblemNetwork},
		{"STARTTLS, untrusted certificate", peerOptions{startTLS: true}, core.TLSStartTLS, false, core.ProblemNetwork},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := startPeer(t, tt.opts)
			raw := p.settings(func(s *core.IMAPSettings) { s.TLS = tt.mode; s.AllowPlain = true })
			roots := p.cert
			if !tt.trust {
				roots = nil // the system roots do not know the test certificate
			}
			c := openConn(t, raw, testPass, roots)
			err := c.Sync(context.Background(), newFakeSession(t))
			if tt.want == "" {
				if err != nil {
					t.Fatalf("sync: %v", err)
				}
				return
			}
			re := wantProblem(t, err, tt.want)
			if !strings.Contains(re.Message, "certificate") {
				t.Errorf("message %q does not mention the certificate", re.Message)
			}
		})
	}
}

func TestOpenRefusesBadSettings(t *testing.T) {
	tests := []struct {
		name     string
		settings core.IMAPSettings
		pass     string
		want     core.Problem
	}{
		{"plain to a remote host", core.IMAPSettings{Host: "mail.example.org", User: "a", TLS: core.TLSNone, AllowPlain: true}, "pw", core.ProblemConfig},
		{"plain SMTP to a remote host", core.IMAPSettings{Host: "127.0.0.1", User: "a", TLS: core.TLSNone, AllowPlain: true, SMTPHost: "smtp.example.org", SMTPTLS: core.TLSNone}, "pw", core.ProblemConfig},
		{"no host", core.IMAPSettings{User: "a"}, "pw", core.ProblemConfig},
		{"no password saved", core.IMAPSettings{Host: "mail.example.org", User: "a"}, "", core.ProblemAuth},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw, _ := json.Marshal(tt.settings)
			_, err := NewDriver().Open(context.Background(), core.Account{ID: 1, Settings: raw}, secrets(tt.pass))
			wantProblem(t, err, tt.want)
		})
	}
}

func TestPlainRefusedEvenWithoutValidation(t *testing.T) {
	// Settings are validated by Open; the dialers check again so that no
	// code path can send a password in clear text off this machine.
	c := &Conn{set: core.IMAPSettings{Host: "mail.example.org", Port: 143, TLS: core.TLSNone, AllowPlain: true,
		SMTPHost: "mail.example.org", SMTPPort: 25, SMTPTLS: core.TLSNone}}
	if _, err := c.dial(context.Background(), nil); core.AsRemote(err) == nil || core.AsRemote(err).Problem != core.ProblemConfig {
		t.Errorf("IMAP dial = %v, want a config problem", err)
	}
	if _, err := c.dialSMTP(context.Background()); core.AsRemote(err) == nil || core.AsRemote(err).Problem != core.ProblemConfig {
		t.Errorf("SMTP dial = %v, want a config problem", err)
	}
}
