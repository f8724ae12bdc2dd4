package imap

import (
	"errors"
	"slices"
	"strings"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/hearthhq/hearth/core"
)

// specialFolder resolves a folder by role: the configured name, else the
// folder the server marks with the special-use attribute, else fallback,
// created when absent. The answer is remembered for the connection.
func (c *Conn) specialFolder(cl *imapclient.Client, attr imap.MailboxAttr, configured, fallback string) (string, error) {
	if configured != "" {
		return configured, nil
	}
	if name, ok := c.folders[string(attr)]; ok {
		return name, nil
	}
	list, err := c.listFolders(cl)
	if err != nil {
		return "", err
	}
	name := findFolder(list, attr, fallback)
	if name == "" {
		if err := cl.Create(fallback, nil).Wait(); err != nil && !alreadyExists(err) {
			return "", c.imapError(core.Say(`to create the folder "{{.Folder}}"`, "Folder", fallback), err)
		}
		name = fallback
	}
	if c.folders == nil {
		c.folders = map[string]string{}
	}
	c.folders[string(attr)] = name
	return name, nil
}

func (c *Conn) listFolders(cl *imapclient.Client) ([]*imap.ListData, error) {
	var opts *imap.ListOptions
	caps := cl.Caps()
	if caps.Has(imap.CapSpecialUse) && caps.Has(imap.CapListExtended) {
		opts = &imap.ListOptions{ReturnSpecialUse: true}
	}
	list, err := cl.List("", "*", opts).Collect()
	if err != nil {
		return nil, c.imapError(core.Say("to list the folders"), err)
	}
	return list, nil
}

// findFolder picks the folder carrying attr, else one named like fallback
// (case-insensitively, as servers differ), else "".
func findFolder(list []*imap.ListData, attr imap.MailboxAttr, fallback string) string {
	for _, mb := range list {
		if slices.Contains(mb.Attrs, attr) {
			return mb.Mailbox
		}
	}
	for _, mb := range list {
		if strings.EqualFold(mb.Mailbox, fallback) {
			return mb.Mailbox
		}
	}
	return ""
}

func alreadyExists(err error) bool {
	var ie *imap.Error
	return errors.As(err, &ie) && ie.Code == imap.ResponseCodeAlreadyExists
}
