package imap

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
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
		re.Message = "the security certificate of " + host + " is not trusted"
		re.Action = "check the server name in Accounts; if it is right, the server's certificate is self-signed, expired or issued for another name"
	case errors.As(err, &recordErr):
		re.Problem = core.ProblemConfig
		re.Message = addr + " did not answer with an encrypted (TLS) connection"
		re.Action = actionSecurity
	case errors.As(err, &dnsErr):
		re.Message = "the server name " + host + " could not be found"
		re.Action = actionServerName
	case errors.Is(err, syscall.ECONNREFUSED):
		re.Message = host + " refused the connection on port " + strconv.Itoa(port)
		re.Action = "check the server name and port in Accounts; Hearth will try again"
	case errors.As(err, &netErr) && netErr.Timeout():
		re.Message = host + " did not answer in time"
	default:
		re.Message = "the connection to " + host + " was lost"
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
func (c *Conn) imapError(what string, err error) error {
	if err == nil || isContext(err) || core.AsRemote(err) != nil {
		return err
	}
	var ie *imap.Error
	if !errors.As(err, &ie) {
		return netError(c.set.Host, c.set.Port, err)
	}
	re := &core.RemoteError{Problem: core.ProblemServer, Err: err,
		Message: "the mail server failed " + what + ": " + serverText(ie)}
	switch ie.Code {
	case imap.ResponseCodeAuthenticationFailed, imap.ResponseCodeAuthorizationFailed, imap.ResponseCodeExpired:
		re.Problem, re.Action = core.ProblemAuth, actionCredentials
		re.Message = "the mail server refused the user name or password"
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
	return c.imapError("to log in", err)
}

// folderError classifies a failed SELECT: a NO means the folder cannot be
// opened, which only a person can fix.
func (c *Conn) folderError(folder string, err error) error {
	var ie *imap.Error
	if errors.As(err, &ie) && ie.Type == imap.StatusResponseTypeNo {
		return &core.RemoteError{Problem: core.ProblemConfig, Err: err, Action: actionFolders,
			Message: fmt.Sprintf("the folder %q could not be opened on the mail server (%s)", folder, serverText(ie))}
	}
	return c.imapError(fmt.Sprintf("to open the folder %q", folder), err)
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
	re := &core.RemoteError{Err: err, Message: "the outgoing mail server refused the message: " + se.Message}
	switch {
	case se.Code == 535 || se.Code == 534 || se.Code == 530 || se.EnhancedCode == smtp.EnhancedCode{5, 7, 8}:
		re.Problem, re.Action = core.ProblemAuth, actionCredentials
		re.Message = "the outgoing mail server refused the user name or password"
	case se.Temporary():
		re.Problem, re.Action = core.ProblemServer, "Hearth will try again"
		re.Message = "the outgoing mail server cannot take the message now: " + se.Message
	default:
		re.Problem, re.Action = core.ProblemDenied, "check the recipient's address; the server will not accept this message as it is"
	}
	return re
}
