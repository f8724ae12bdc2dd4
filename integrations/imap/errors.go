package imap

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"strconv"
	"syscall"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-smtp"

	"github.com/hearthhq/hearth/core"
)

// Actions shown next to an error; each tells a person what to do.
const (
	actionCredentials = "check the user name and password in Accounts"
	actionFolders     = "check the folder names in Accounts"
	actionSecurity    = "check the port and the security setting (tls or starttls) in Accounts"
	actionServerName  = "check the server name in Accounts and the internet connection"
)

// isContext reports whether err is the caller giving up rather than a
// remote failure: such errors are passed on as they are.
func isContext(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// netError classifies a failure to reach or talk to host:port.
func netError(host string, port int, err error) error {
	if isContext(err) {
		return err
	}
	addr := net.JoinHostPort(host, strconv.Itoa(port))
	re := &core.RemoteError{Problem: core.ProblemNetwork, Err: err, Action: "Hearth will try again"}
	var (
		dnsErr    *net.DNSError
		recordErr tls.RecordHeaderError
		netErr    net.Error
	)
	switch {
	case isCertificateError(err):
		re.With(core.Say("the security certificate of {{.Host}} is not trusted", "Host", host))
		re.Action = "check the server name in Accounts; if it is right, the server's certificate is self-signed, expired or issued for another name"
	case errors.As(err, &recordErr):
		re.Problem = core.ProblemConfig
		re.With(core.Say("{{.Address}} did not answer with an encrypted (TLS) connection", "Address", addr))
		re.Action = actionSecurity
	case errors.As(err, &dnsErr):
		re.With(core.Say("the server name {{.Host}} could not be found", "Host", host))
		re.Action = actionServerName
	case errors.Is(err, syscall.ECONNREFUSED):
		re.With(core.Say("{{.Host}} refused the connection on port {{.Port}}", "Host", host, "Port", strconv.Itoa(port)))
		re.Action = "check the server name and port in Accounts; Hearth will try again"
	case errors.As(err, &netErr) && netErr.Timeout():
		re.With(core.Say("{{.Host}} did not answer in time", "Host", host))
	default:
		re.With(core.Say("the connection to {{.Host}} was lost", "Host", host))
	}
	return re
}

func isCertificateError(err error) bool {
	var (
		verifyErr    *tls.CertificateVerificationError
		authorityErr x509.UnknownAuthorityError
		hostErr      x509.HostnameError
		invalidErr   x509.CertificateInvalidError
	)
	return errors.As(err, &verifyErr) || errors.As(err, &authorityErr) ||
		errors.As(err, &hostErr) || errors.As(err, &invalidErr)
}

// imapError classifies a failed IMAP step; what names the step for the
// message ("reading the folder INBOX").
func (c *Conn) imapError(what *core.Words, err error) error {
	if err == nil || isContext(err) || core.AsRemote(err) != nil {
		return err
	}
	var ie *imap.Error
	if !errors.As(err, &ie) {
		return netError(c.set.Host, c.set.Port, err)
	}
	re := (&core.RemoteError{Problem: core.ProblemServer, Err: err}).With(
		core.Say("the mail server failed {{.What}}: {{.Reason}}", "What", what, "Reason", serverText(ie)))
	switch ie.Code {
	case imap.ResponseCodeAuthenticationFailed, imap.ResponseCodeAuthorizationFailed, imap.ResponseCodeExpired:
		re.Problem, re.Action = core.ProblemAuth, actionCredentials
		re.Message, re.Words = "the mail server refused the user name or password", nil
	case imap.ResponseCodeNonExistent, imap.ResponseCodeTryCreate:
		re.Problem, re.Action = core.ProblemConfig, actionFolders
	case imap.ResponseCodeNoPerm:
		re.Problem, re.Action = core.ProblemDenied, "ask the mail provider for access, or change the folder in Accounts"
	case imap.ResponseCodeOverQuota:
		re.Problem, re.Action = core.ProblemDenied, "free some space in the mailbox"
	case imap.ResponseCodePrivacyRequired:
		re.Problem, re.Action = core.ProblemConfig, actionSecurity
	}
	return re
}

// loginError classifies a refused LOGIN: any NO means the credentials, as
// many servers send no response code.
func (c *Conn) loginError(err error) error {
	var ie *imap.Error
	if errors.As(err, &ie) && ie.Type == imap.StatusResponseTypeNo && ie.Code != imap.ResponseCodeUnavailable {
		return &core.RemoteError{Problem: core.ProblemAuth, Err: err,
			Message: "the mail server refused the user name or password", Action: actionCredentials}
	}
	return c.imapError(core.Say("to log in"), err)
}

// folderError classifies a failed SELECT: a NO means the folder cannot be
// opened, which only a person can fix.
func (c *Conn) folderError(folder string, err error) error {
	var ie *imap.Error
	if errors.As(err, &ie) && ie.Type == imap.StatusResponseTypeNo {
		return (&core.RemoteError{Problem: core.ProblemConfig, Err: err, Action: actionFolders}).With(
			core.Say(`the folder "{{.Folder}}" could not be opened on the mail server ({{.Reason}})`, "Folder", folder, "Reason", serverText(ie)))
	}
	return c.imapError(core.Say(`to open the folder "{{.Folder}}"`, "Folder", folder), err)
}

func serverText(ie *imap.Error) string {
	if ie.Text == "" {
		return "no reason given"
	}
	return ie.Text
}

// smtpError classifies a failed SMTP step: 4xx replies are temporary, 5xx
// permanent, and authentication replies need the credentials fixed.
func (c *Conn) smtpError(err error) error {
	if err == nil || isContext(err) || core.AsRemote(err) != nil {
		return err
	}
	var se *smtp.SMTPError
	if !errors.As(err, &se) {
		return netError(c.set.SMTPHost, c.set.SMTPPort, err)
	}
	re := (&core.RemoteError{Err: err}).With(core.Say("the outgoing mail server refused the message: {{.Reason}}", "Reason", se.Message))
	switch {
	case se.Code == 535 || se.Code == 534 || se.Code == 530 || se.EnhancedCode == smtp.EnhancedCode{5, 7, 8}:
		re.Problem, re.Action = core.ProblemAuth, actionCredentials
		re.Message, re.Words = "the outgoing mail server refused the user name or password", nil
	case se.Temporary():
		re.Problem, re.Action = core.ProblemServer, "Hearth will try again"
		re.With(core.Say("the outgoing mail server cannot take the message now: {{.Reason}}", "Reason", se.Message))
	default:
		re.Problem, re.Action = core.ProblemDenied, "check the recipient's address; the server will not accept this message as it is"
	}
	return re
}
