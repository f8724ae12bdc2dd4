package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/accounts"
)

// cmdAccountEdit is `account edit NAME [--name NEW] [flags of its kind]
// [--no-test]`: the flags given change the stored settings, the others
// keep theirs; secrets come on standard input, as for `account add`, and
// only when asked for (--password-stdin, --token-stdin, --keys-stdin).
// The new settings are tested first unless --no-test.
func cmdAccountEdit(ctx context.Context, w *workspace, args []string, io stdio) error {
	name, rest := "", args
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, rest = args[0], args[1:]
	}
	if name == "" {
		return usagef("account edit: name the account: account edit NAME [--host H] ...")
	}
	a, err := w.accounts.Find(ctx, name)
	if err != nil {
		return err
	}
	var ed accounts.Edited
	switch a.Kind {
	case core.KindIMAP:
		ed, err = editIMAP(ctx, w, a, rest, io)
	case core.KindVK:
		ed, err = editVK(ctx, w, a, rest, io)
	case core.KindX:
		ed, err = editX(ctx, w, a, rest, io)
	case core.KindFeed:
		ed, err = editFeed(ctx, w, a, rest)
	default:
		return fmt.Errorf("account edit: this build cannot edit %s accounts", a.Kind)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(io.out, "saved account %q (id %d)\n", ed.Name, ed.ID)
	if ed.Resync != "" {
		fmt.Fprintln(io.out, ed.Resync)
	}
	return nil
}

// editFlags are what every kind's edit shares.
type editFlags struct {
	fs     *flag.FlagSet
	name   string
	noTest bool
}

func newEditFlags(kind string) *editFlags {
	e := &editFlags{fs: newFlags("account edit " + kind)}
	e.fs.StringVar(&e.name, "name", "", "")
	e.fs.BoolVar(&e.noTest, "no-test", false, "")
	return e
}

// parse reads args over the stored settings: only flags given change them.
func (e *editFlags) parse(args []string, current string) error {
	pos, err := parseFlags(e.fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("%s: unexpected %q (one account name, then flags)", e.fs.Name(), pos[0])
	}
	if e.name == "" {
		e.name = current
	}
	return nil
}

// given reports whether a flag was on the command line.
func (e *editFlags) given(name string) bool {
	found := false
	e.fs.Visit(func(f *flag.Flag) { found = found || f.Name == name })
	return found
}

// test runs the connection test unless --no-test.
func (e *editFlags) test(ctx context.Context, try func(context.Context) error) error {
	if e.noTest {
		return nil
	}
	tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := try(tctx); err != nil {
		return fmt.Errorf("connection test failed: %w (nothing was changed; use --no-test to save anyway)", err)
	}
	return nil
}

func editIMAP(ctx context.Context, w *workspace, a core.Account, args []string, io stdio) (accounts.Edited, error) {
	var s core.IMAPSettings
	if err := json.Unmarshal(a.Settings, &s); err != nil {
		return accounts.Edited{}, fmt.Errorf("account %q: stored settings: %w", a.Name, err)
	}
	e := newEditFlags("imap")
	tls, smtpTLS, folders := string(s.TLS), string(s.SMTPTLS), strings.Join(s.Folders, ",")
	var passwordStdin bool
	e.fs.StringVar(&s.Host, "host", s.Host, "")
	e.fs.IntVar(&s.Port, "port", s.Port, "")
	e.fs.StringVar(&s.User, "user", s.User, "")
	e.fs.StringVar(&tls, "tls", tls, "")
	e.fs.StringVar(&s.SMTPHost, "smtp-host", s.SMTPHost, "")
	e.fs.IntVar(&s.SMTPPort, "smtp-port", s.SMTPPort, "")
	e.fs.StringVar(&smtpTLS, "smtp-tls", smtpTLS, "")
	e.fs.StringVar(&s.From, "from", s.From, "")
	e.fs.StringVar(&s.FromName, "from-name", s.FromName, "")
	e.fs.StringVar(&folders, "folders", folders, "")
	e.fs.IntVar(&s.BackfillDays, "backfill-days", s.BackfillDays, "")
	e.fs.BoolVar(&s.ArchiveOnDone, "archive-on-done", s.ArchiveOnDone, "")
	e.fs.BoolVar(&passwordStdin, "password-stdin", false, "")
	if err := e.parse(args, a.Name); err != nil {
		return accounts.Edited{}, err
	}
	s.TLS, s.SMTPTLS, s.Folders = core.TLSMode(tls), core.TLSMode(smtpTLS), splitList(folders)
	if e.given("tls") || e.given("smtp-tls") {
		// As for add: naming "none" is the consent core asks for.
		s.AllowPlain = s.TLS == core.TLSNone || s.SMTPTLS == core.TLSNone
	}
	var password string
	if passwordStdin {
		var err error
		if password, err = readSecret(io); err != nil {
			return accounts.Edited{}, err
		}
	}
	if err := e.test(ctx, func(ctx context.Context) error { return w.accounts.TestIMAPEdit(ctx, a.ID, s, password) }); err != nil {
		return accounts.Edited{}, err
	}
	return w.accounts.UpdateIMAP(ctx, a.ID, e.name, s, password)
}

func editVK(ctx context.Context, w *workspace, a core.Account, args []string, io stdio) (accounts.Edited, error) {
	var s core.VKSettings
	if err := json.Unmarshal(a.Settings, &s); err != nil {
		return accounts.Edited{}, fmt.Errorf("account %q: stored settings: %w", a.Name, err)
	}
	e := newEditFlags("vk")
	var tokenStdin bool
	e.fs.Int64Var(&s.GroupID, "group", s.GroupID, "")
	e.fs.StringVar(&s.APIURL, "api-url", s.APIURL, "")
	e.fs.IntVar(&s.BackfillDays, "backfill-days", s.BackfillDays, "")
	e.fs.IntVar(&s.PollSeconds, "poll-seconds", s.PollSeconds, "")
	e.fs.BoolVar(&s.Messages, "messages", s.Messages, "")
	e.fs.BoolVar(&s.NoLongPoll, "no-long-poll", s.NoLongPoll, "")
	e.fs.BoolVar(&tokenStdin, "token-stdin", false, "")
	if err := e.parse(args, a.Name); err != nil {
		return accounts.Edited{}, err
	}
	var tok string
	if tokenStdin {
		var err error
		if tok, err = readVKToken(io); err != nil {
			return accounts.Edited{}, err
		}
	}
	if err := e.test(ctx, func(ctx context.Context) error { return w.accounts.TestVKEdit(ctx, a.ID, s, tok) }); err != nil {
		return accounts.Edited{}, err
	}
	return w.accounts.UpdateVK(ctx, a.ID, e.name, s, tok)
}

func editX(ctx context.Context, w *workspace, a core.Account, args []string, io stdio) (accounts.Edited, error) {
	var s core.XSettings
	if err := json.Unmarshal(a.Settings, &s); err != nil {
		return accounts.Edited{}, fmt.Errorf("account %q: stored settings: %w", a.Name, err)
	}
	e := newEditFlags("x")
	api := string(s.APIVersion)
	var keysStdin bool
	e.fs.StringVar(&s.Handle, "handle", s.Handle, "")
	e.fs.StringVar(&s.UserID, "user-id", s.UserID, "")
	e.fs.StringVar(&api, "api", api, "")
	e.fs.StringVar(&s.APIURL, "api-url", s.APIURL, "")
	e.fs.IntVar(&s.VIPFollowers, "vip-followers", s.VIPFollowers, "")
	e.fs.IntVar(&s.PollSeconds, "poll-seconds", s.PollSeconds, "")
	e.fs.BoolVar(&keysStdin, "keys-stdin", false, "")
	if err := e.parse(args, a.Name); err != nil {
		return accounts.Edited{}, err
	}
	s.APIVersion = core.XAPIVersion(api)
	var keys core.XKeys
	if keysStdin {
		var err error
		if keys, err = readEditedXKeys(io); err != nil {
			return accounts.Edited{}, err
		}
	}
	if err := e.test(ctx, func(ctx context.Context) error { return w.accounts.TestXEdit(ctx, a.ID, s, keys) }); err != nil {
		return accounts.Edited{}, err
	}
	return w.accounts.UpdateX(ctx, a.ID, e.name, s, keys)
}

// readEditedXKeys reads up to four lines (API key, API key secret, access
// token, access token secret); an empty line keeps the stored key.
func readEditedXKeys(io stdio) (core.XKeys, error) {
	k, err := readXKeys(io)
	if err != nil && k == (core.XKeys{}) {
		return k, fmt.Errorf("standard input holds no key (want up to four lines: API key, API key secret, access token, access token secret; an empty line keeps that key)")
	}
	return k, nil
}

func editFeed(ctx context.Context, w *workspace, a core.Account, args []string) (accounts.Edited, error) {
	var s core.FeedSettings
	if err := json.Unmarshal(a.Settings, &s); err != nil {
		return accounts.Edited{}, fmt.Errorf("account %q: stored settings: %w", a.Name, err)
	}
	e := newEditFlags("feed")
	keywords := strings.Join(s.Keywords, ",")
	e.fs.StringVar(&s.URL, "url", s.URL, "")
	e.fs.StringVar(&keywords, "keywords", keywords, "")
	if err := e.parse(args, a.Name); err != nil {
		return accounts.Edited{}, err
	}
	s.Keywords = splitList(keywords)
	if err := e.test(ctx, func(ctx context.Context) error { return w.accounts.TestFeed(ctx, s) }); err != nil {
		return accounts.Edited{}, err
	}
	return w.accounts.UpdateFeed(ctx, a.ID, e.name, s)
}
