package main

import (
	"bufio"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hearthhq/hearth/core"
)

// cmdAccountAddX is `account add x`: the four keys come on standard input,
// one a line (API key, API key secret, access token, access token secret),
// never on the command line where other users could read them.
func cmdAccountAddX(ctx context.Context, w *workspace, args []string, io stdio) error {
	fs := newFlags("account add x")
	var s core.XSettings
	var name, api string
	var keysStdin, noTest bool
	fs.StringVar(&name, "name", "", "")
	fs.StringVar(&s.Handle, "handle", "", "")
	fs.StringVar(&s.UserID, "user-id", "", "")
	fs.StringVar(&api, "api", string(core.XAPIv2), "")
	fs.StringVar(&s.APIURL, "api-url", "", "")
	fs.IntVar(&s.VIPFollowers, "vip-followers", 0, "")
	fs.IntVar(&s.PollSeconds, "poll-seconds", 0, "")
	fs.BoolVar(&keysStdin, "keys-stdin", false, "")
	fs.BoolVar(&noTest, "no-test", false, "")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if name == "" {
		return usagef("account add x: --name is required")
	}
	if !keysStdin {
		return usagef("account add x: give the four keys on standard input with --keys-stdin, one a line: API key, API key secret, access token, access token secret")
	}
	s.APIVersion = core.XAPIVersion(api)
	keys, err := readXKeys(io)
	if err != nil {
		return err
	}
	if !noTest {
		tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if err := w.accounts.TestX(tctx, s, keys); err != nil {
			return fmt.Errorf("connection test failed: %w (use --no-test to add it anyway)", err)
		}
	}
	a, err := w.accounts.AddX(ctx, name, s, keys)
	if err != nil {
		return err
	}
	fmt.Fprintf(io.out, "added account %q (id %d); run 'hearth sync --once' to fetch its mentions\n", a.Name, a.ID)
	return nil
}

// readXKeys reads the four keys, one a line, and names the first missing.
func readXKeys(io stdio) (core.XKeys, error) {
	sc := bufio.NewScanner(io.in)
	var v [4]string
	for i := 0; i < len(v) && sc.Scan(); i++ {
		v[i] = strings.TrimSpace(sc.Text())
	}
	if err := sc.Err(); err != nil {
		return core.XKeys{}, fmt.Errorf("read the keys from standard input: %w", err)
	}
	k := core.XKeys{ConsumerKey: v[0], ConsumerSecret: v[1], AccessToken: v[2], AccessSecret: v[3]}
	if m := k.Missing(); m != "" {
		return k, fmt.Errorf("standard input lacks %s (want four lines: API key, API key secret, access token, access token secret)", m)
	}
	return k, nil
}
