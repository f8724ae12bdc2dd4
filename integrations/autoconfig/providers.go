package autoconfig

import (
	"strings"

	"github.com/hearthhq/hearth/core"
)

// provider is one common mail service: its servers and the domains its
// addresses end with. The settings are those each provider publishes for
// mail clients (and Thunderbird's ISPDB repeats); an address is the login
// unless login says otherwise.
type provider struct {
	name     string
	domains  []string
	imap     string
	smtp     string
	smtpPort int           // 465 (implicit TLS) or 587 (STARTTLS)
	note     core.MailNote // what the person must do first, if anything
	login    loginAs       // how the user name is written
}

type loginAs int

const (
	loginAddress loginAs = iota // the whole address
	loginLocal                  // the part before @
)

var providers = []provider{
	{name: "Gmail", domains: []string{"gmail.com", "googlemail.com"}, imap: "imap.gmail.com", smtp: "smtp.gmail.com", smtpPort: 465, note: core.NoteAppPassword},
	{name: "Outlook.com", domains: []string{"outlook.com", "hotmail.com", "live.com", "msn.com", "outlook.fr", "hotmail.fr", "live.fr", "outlook.de", "hotmail.co.uk"},
		imap: "outlook.office365.com", smtp: "smtp-mail.outlook.com", smtpPort: 587},
	{name: "Office 365", domains: []string{"onmicrosoft.com"}, imap: "outlook.office365.com", smtp: "smtp.office365.com", smtpPort: 587},
	{name: "Yahoo Mail", domains: []string{"yahoo.com", "yahoo.fr", "yahoo.co.uk", "yahoo.de", "ymail.com", "rocketmail.com"},
		imap: "imap.mail.yahoo.com", smtp: "smtp.mail.yahoo.com", smtpPort: 465, note: core.NoteAppPassword},
	{name: "AOL Mail", domains: []string{"aol.com"}, imap: "imap.aol.com", smtp: "smtp.aol.com", smtpPort: 465, note: core.NoteAppPassword},
	{name: "iCloud Mail", domains: []string{"icloud.com", "me.com", "mac.com"}, imap: "imap.mail.me.com", smtp: "smtp.mail.me.com", smtpPort: 587,
		note: core.NoteAppPassword, login: loginLocal},
	{name: "Yandex Mail", domains: []string{"yandex.ru", "yandex.com", "ya.ru", "yandex.by", "yandex.kz", "yandex.ua", "narod.ru"},
		imap: "imap.yandex.ru", smtp: "smtp.yandex.ru", smtpPort: 465, note: core.NoteEnableIMAP},
	{name: "Mail.ru", domains: []string{"mail.ru", "inbox.ru", "list.ru", "bk.ru", "internet.ru"},
		imap: "imap.mail.ru", smtp: "smtp.mail.ru", smtpPort: 465, note: core.NoteAppPassword},
	{name: "Rambler", domains: []string{"rambler.ru", "lenta.ru", "ro.ru"}, imap: "imap.rambler.ru", smtp: "smtp.rambler.ru", smtpPort: 465},
	{name: "GMX", domains: []string{"gmx.com", "gmx.net", "gmx.de", "gmx.at", "gmx.ch", "gmx.fr"}, imap: "imap.gmx.com", smtp: "mail.gmx.com", smtpPort: 587, note: core.NoteEnableIMAP},
	{name: "WEB.DE", domains: []string{"web.de"}, imap: "imap.web.de", smtp: "smtp.web.de", smtpPort: 587, note: core.NoteEnableIMAP},
	{name: "Fastmail", domains: []string{"fastmail.com", "fastmail.fm", "fastmail.net", "fastmail.org", "messagingengine.com"},
		imap: "imap.fastmail.com", smtp: "smtp.fastmail.com", smtpPort: 465, note: core.NoteAppPassword},
	{name: "Zoho Mail", domains: []string{"zoho.com", "zohomail.com", "zoho.eu"}, imap: "imap.zoho.com", smtp: "smtp.zoho.com", smtpPort: 465},
	{name: "Orange", domains: []string{"orange.fr", "wanadoo.fr"}, imap: "imap.orange.fr", smtp: "smtp.orange.fr", smtpPort: 465},
	{name: "Free", domains: []string{"free.fr"}, imap: "imap.free.fr", smtp: "smtp.free.fr", smtpPort: 465},
	{name: "La Poste", domains: []string{"laposte.net"}, imap: "imap.laposte.net", smtp: "smtp.laposte.net", smtpPort: 465},
	{name: "ABV.bg", domains: []string{"abv.bg"}, imap: "imap.abv.bg", smtp: "smtp.abv.bg", smtpPort: 465},
	{name: "Mail.bg", domains: []string{"mail.bg"}, imap: "imap.mail.bg", smtp: "smtp.mail.bg", smtpPort: 465},
	{name: "Posteo", domains: []string{"posteo.de", "posteo.net"}, imap: "posteo.de", smtp: "posteo.de", smtpPort: 465},
	{name: "mailbox.org", domains: []string{"mailbox.org"}, imap: "imap.mailbox.org", smtp: "smtp.mailbox.org", smtpPort: 465},
}

// fromTable is the table's guess for an address, if its domain is there.
func fromTable(address string) (core.MailGuess, bool) {
	local, domain, ok := split(address)
	if !ok {
		return core.MailGuess{}, false
	}
	for _, p := range providers {
		for _, d := range p.domains {
			if d != domain && !strings.HasSuffix(domain, "."+d) { // tenant.onmicrosoft.com
				continue
			}
			user := address
			if p.login == loginLocal {
				user = local
			}
			s := core.IMAPSettings{Host: p.imap, Port: 993, TLS: core.TLSImplicit, User: user,
				SMTPHost: p.smtp, SMTPPort: p.smtpPort, SMTPTLS: core.TLSStartTLS}
			if user != address {
				s.From = address
			}
			if p.smtpPort == 465 {
				s.SMTPTLS = core.TLSImplicit
			}
			return core.MailGuess{Settings: s, Provider: p.name, Source: core.SourceTable, Note: p.note}, true
		}
	}
	return core.MailGuess{}, false
}

// split cuts an address into its local part and its lower-case domain.
func split(address string) (local, domain string, ok bool) {
	address = strings.TrimSpace(address)
	i := strings.LastIndexByte(address, '@')
	if i <= 0 || i == len(address)-1 {
		return "", "", false
	}
	domain = strings.ToLower(address[i+1:])
	if !strings.Contains(domain, ".") || strings.ContainsAny(domain, "/ :?#") {
		return "", "", false
	}
	return address[:i], domain, true
}
