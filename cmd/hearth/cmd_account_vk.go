package main

import (
	"bufio"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hearthhq/hearth/core"
)

// cmdAccountAddVK is `account add vk`: the community token comes on
// standard input, never on the command line where other users could read
// it.
func cmdAccountAddVK(ctx context.Context, w *workspace, args []string, io stdio) error {
	fs := newFlags("account add vk")
	var s core.VKSettings
	var name string
	var group int64
	var tokenStdin, noTest bool
	fs.StringVar(&name, "name", "", "")
	fs.Int64Var(&group, "group", 0, "")
	fs.StringVar(&s.APIURL, "api-url", "", "")
	fs.IntVar(&s.BackfillDays, "backfill-days", 0, "")
	fs.IntVar(&s.PollSeconds, "poll-seconds", 0, "")
	fs.BoolVar(&s.Messages, "messages", false, "")
	fs.BoolVar(&s.NoLongPoll, "no-long-poll", false, "")
	fs.BoolVar(&tokenStdin, "token-stdin", false, "")
	fs.BoolVar(&noTest, "no-test", false, "")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case name == "":
		return usagef("account add vk: --name is required")
	case group <= 0:
		return usagef("account add vk: --group is required: the community's id (the digits of vk.com/club123)")
	case !tokenStdin:
		return usagef("account add vk: give the community access token on standard input with --token-stdin")
	}
	s.GroupID = group
	tok, err := readVKToken(io)
	if err != nil {
		return err
	}
	if !noTest {
		tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if err := w.accounts.TestVK(tctx, s, tok); err != nil {
			return fmt.Errorf("connection test failed: %w (use --no-test to add it anyway)", err)
		}
	}
	a, err := w.accounts.AddVK(ctx, name, s, tok)
	if err != nil {
		return err
	}
	fmt.Fprintf(io.out, "added account %q (id %d); run 'hearth sync --once' to fetch its wall\n", a.Name, a.ID)
	return nil
}

// readVKToken reads the token from the first line of standard input.
func readVKToken(io stdio) (string, error) {
	sc := bufio.NewScanner(io.in)
	sc.Scan()
	if err := sc.Err(); err != nil {
		return "", fmt.Errorf("read the token from standard input: %w", err)
	}
	tok := strings.TrimSpace(sc.Text())
	if tok == "" {
		return "", fmt.Errorf("standard input holds no token (want the community access token on one line)")
	}
	return tok, nil
}
