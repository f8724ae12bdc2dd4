package accounts

import (
	"context"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// MailGuesser guesses an address's IMAP and SMTP settings (a table of the
// common providers, then the domain's autoconfig file); an error means it
// does not know them.
type MailGuesser interface {
	GuessMail(ctx context.Context, address string) (core.MailGuess, error)
}

// guessDelay is how long typing pauses before the address is looked up.
const guessDelay = 700 * time.Millisecond

// serverGuess fills the server fields of a new e-mail account from the
// address, before the person types a host; the fields stay theirs to
// change, and a host they typed is never overwritten.
type serverGuess struct {
	f      *accountForm
	g      MailGuesser
	wait   *kit.Debouncer
	asked  string            // the address last looked up
	filled core.IMAPSettings // what the last guess put in the fields
	line   *widget.Label     // where the guess came from, or that there is none
}

func newServerGuess(f *accountForm, g MailGuesser) *serverGuess {
	sg := &serverGuess{f: f, g: g, line: widget.NewLabel("")}
	sg.line.Wrapping = fyne.TextWrapWord
	sg.line.Hide()
	sg.wait = &kit.Debouncer{Env: f.u.Env, Delay: guessDelay, Fn: sg.lookUp}
	prev := f.user.OnChanged
	f.user.OnChanged = func(s string) {
		if prev != nil {
			prev(s)
		}
		if f.editing.ID == 0 {
			sg.wait.Poke()
		}
	}
	return sg
}

// reset forgets the last guess (the form was emptied).
func (sg *serverGuess) reset() {
	sg.wait.Cancel()
	sg.asked, sg.filled = "", core.IMAPSettings{}
	sg.line.Hide()
}

// ours reports whether the server fields are empty or still hold the last
// guess: the person has not typed a host of their own.
func (sg *serverGuess) ours() bool {
	host := strings.TrimSpace(sg.f.imapHost.Text)
	return host == "" || host == sg.filled.Host
}

// lookUp asks for the settings of the address typed, when it is one.
func (sg *serverGuess) lookUp() {
	addr := strings.TrimSpace(sg.f.user.Text)
	at := strings.LastIndexByte(addr, '@')
	if addr == sg.asked || at <= 0 || !strings.Contains(addr[at+1:], ".") || !sg.ours() {
		return
	}
	sg.asked = addr
	kit.Background(sg.f.u.Env, "guess mail settings", func(ctx context.Context) (core.MailGuess, error) {
		return sg.g.GuessMail(ctx, addr)
	}, func(g core.MailGuess, err error) {
		if strings.TrimSpace(sg.f.user.Text) != addr || !sg.ours() || sg.f.editing.ID != 0 {
			return // typed on meanwhile: a newer look-up follows
		}
		if err != nil {
			sg.say(lang.L("No settings known for {{.Domain}}: type your provider's IMAP and SMTP servers.", map[string]any{"Domain": addr[at+1:]}))
			return
		}
		sg.apply(g)
	})
}

// apply fills the fields with a guess and says where it came from.
func (sg *serverGuess) apply(g core.MailGuess) {
	f, s := sg.f, g.Settings
	f.imapHost.SetText(s.Host)
	f.imapTLS.SetSelected(tlsLabel(s.TLS))
	f.imapPort.SetText(strconv.Itoa(s.Port))
	smtp := s.SMTPHost
	if smtp == "" {
		smtp = s.Host
	}
	f.smtpHost.SetText(smtp)
	if s.SMTPTLS != "" {
		f.smtpTLS.SetSelected(tlsLabel(s.SMTPTLS))
	}
	if s.SMTPPort != 0 {
		f.smtpPort.SetText(strconv.Itoa(s.SMTPPort))
	}
	if s.User != "" && s.User != strings.TrimSpace(f.user.Text) {
		// The provider logs in with another name (the part before @):
		// the address stays the one replies come from.
		f.user.SetText(s.User)
		sg.asked = s.User
	}
	sg.filled = s
	provider := g.Provider
	if provider == "" {
		provider = lang.L("this provider")
	}
	var text string
	if g.Source == core.SourceTable {
		text = lang.L("Servers filled in for {{.Provider}} from Hearth's list of common providers; change them if yours differ.", map[string]any{"Provider": provider})
	} else {
		text = lang.L("Servers filled in from the settings {{.Provider}} publishes ({{.Source}}); change them if yours differ.", map[string]any{"Provider": provider, "Source": g.Source})
	}
	if n := noteText(g.Note); n != "" {
		text += "\n" + n
	}
	sg.say(text)
}

func (sg *serverGuess) say(text string) {
	sg.line.SetText(text)
	sg.line.Show()
}

// tlsLabel is the security select's label of a mode.
func tlsLabel(m core.TLSMode) string {
	for _, s := range securityModes {
		if s.mode == m {
			return s.label
		}
	}
	return securityModes[0].label
}

// noteText says what a provider asks of the person first.
func noteText(n core.MailNote) string {
	switch n {
	case core.NoteAppPassword:
		return lang.L("This provider asks for an app password (made in its account settings), not your usual password.")
	case core.NoteEnableIMAP:
		return lang.L("Switch IMAP on in this provider's mail settings first, and use an app password.")
	}
	return ""
}
