package main

import (
	"bufio"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/hearthhq/hearth/core"
)

func cmdAccount(ctx context.Context, w *workspace, args []string, io stdio) error {
	if len(args) == 0 {
		return usagef("account: want add, edit, list or remove")
	}
	switch args[0] {
	case "add":
		return cmdAccountAdd(ctx, w, args[1:], io)
	case "edit":
		return cmdAccountEdit(ctx, w, args[1:], io)
	case "list":
		return cmdAccountList(ctx, w, args[1:], io)
	case "remove":
		return cmdAccountRemove(ctx, w, args[1:], io)
	default:
		return usagef("account: unknown subcommand %q", args[0])
	}
}

// accountAdders holds `account add KIND` per kind; each integration's file
// registers its own in init.
var accountAdders = map[string]func(ctx context.Context, w *workspace, args []string, io stdio) error{
	"imap": cmdAccountAddIMAP,
}

func cmdAccountAdd(ctx context.Context, w *workspace, args []string, io stdio) error {
	if len(args) == 0 {
		return usagef("account add: want a kind (%s)", strings.Join(slices.Sorted(maps.Keys(accountAdders)), ", "))
	}
	add, ok := accountAdders[args[0]]
	if !ok {
		return usagef("account add: unknown kind %q (want %s)", args[0], strings.Join(slices.Sorted(maps.Keys(accountAdders)), ", "))
	}
	return add(ctx, w, args[1:], io)
}

func cmdAccountAddIMAP(ctx context.Context, w *workspace, args []string, io stdio) error {
	fs := newFlags("account add imap")
	var s core.IMAPSettings
	var name, tls, smtpTLS, folders string
	var passwordStdin, noTest bool
	fs.StringVar(&name, "name", "", "")
	fs.StringVar(&s.Host, "host", "", "")
	fs.IntVar(&s.Port, "port", 0, "")
	fs.StringVar(&s.User, "user", "", "")
	fs.StringVar(&tls, "tls", "tls", "")
	fs.StringVar(&s.SMTPHost, "smtp-host", "", "")
	fs.IntVar(&s.SMTPPort, "smtp-port", 0, "")
	fs.StringVar(&smtpTLS, "smtp-tls", "", "")
	fs.StringVar(&s.From, "from", "", "")
	fs.StringVar(&s.FromName, "from-name", "", "")
	fs.StringVar(&folders, "folders", "INBOX", "")
	fs.IntVar(&s.BackfillDays, "backfill-days", 90, "")
	fs.BoolVar(&s.ArchiveOnDone, "archive-on-done", false, "")
	fs.BoolVar(&passwordStdin, "password-stdin", false, "")
	fs.BoolVar(&noTest, "no-test", false, "")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if name == "" || s.Host == "" || s.User == "" {
		return usagef("account add imap: --name, --host and --user are required")
	}
	if !passwordStdin {
		return usagef("account add imap: give the password on standard input with --password-stdin (never on the command line)")
	}
	s.TLS, s.SMTPTLS = core.TLSMode(tls), core.TLSMode(smtpTLS)
	// Plain text is asked for explicitly with --tls none; validation still
	// refuses it towards anything but loopback.
	s.AllowPlain = s.TLS == core.TLSNone || s.SMTPTLS == core.TLSNone
	s.Folders = splitList(folders)
	password, err := readSecret(io)
	if err != nil {
		return err
	}
	if !noTest {
		tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if err := w.accounts.TestIMAP(tctx, s, password); err != nil {
			return fmt.Errorf("connection test failed: %w (use --no-test to add it anyway)", err)
		}
	}
	a, err := w.accounts.AddIMAP(ctx, name, s, password)
	if err != nil {
		return err
	}
	fmt.Fprintf(io.out, "added account %q (id %d); run 'hearth sync --once' to fetch its mail\n", a.Name, a.ID)
	return nil
}

// readSecret reads one line from standard input, without its newline.
func readSecret(io stdio) (string, error) {
	line, err := bufio.NewReader(io.in).ReadString('\n')
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		if err != nil {
			return "", fmt.Errorf("no password on standard input: %w", err)
		}
		return "", fmt.Errorf("the password on standard input is empty")
	}
	return line, nil
}

func cmdAccountList(ctx context.Context, w *workspace, args []string, io stdio) error {
	fs := newFlags("account list")
	asJSON := fs.Bool("json", false, "")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	accts, err := w.accounts.List(ctx)
	if err != nil {
		return err
	}
	unread, err := w.inbox.UnreadCounts(ctx)
	if err != nil {
		return err
	}
	now := time.Now()
	out := make([]accountJSON, 0, len(accts))
	for _, a := range accts {
		j := accountJSON{ID: a.ID, Name: a.Name, Kind: a.Kind, Status: a.Status.State,
			Line: a.Status.Line(now), Unread: unread[a.ID]}
		if j.Status == "" {
			j.Status = core.SyncIdle
		}
		j.LastSync = jsonTime(a.Status.LastSync)
		if a.Status.State == core.SyncError {
			j.Error, j.Action = a.Status.Message, a.Status.Action
		}
		out = append(out, j)
	}
	if *asJSON {
		return writeJSON(io, out)
	}
	if len(out) == 0 {
		fmt.Fprintln(io.out, "No accounts. Add one with 'hearth account add imap ...'.")
		return nil
	}
	tw := newTable(io.out, 4)
	fmt.Fprintln(tw, "ID\tNAME\tKIND\tUNREAD\tSTATUS")
	for _, j := range out {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%s\n", j.ID, j.Name, j.Kind, j.Unread, j.Line)
	}
	return tw.Flush()
}

func cmdAccountRemove(ctx context.Context, w *workspace, args []string, io stdio) error {
	pos, err := parseFlags(newFlags("account remove"), args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("account remove: name the account")
	}
	a, err := w.accounts.Find(ctx, pos[0])
	if err != nil {
		return err
	}
	if err := w.accounts.Remove(ctx, a.ID); err != nil {
		return err
	}
	fmt.Fprintf(io.out, "removed account %q with its items and secrets\n", a.Name)
	return nil
}
