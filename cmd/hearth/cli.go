package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
)

const usage = `Hearth: one window for a community manager's mail, VK and X.

Usage:
  hearth [--data DIR]                 open the window on a workspace
  hearth --demo                       open a demo workspace (loopback mail peers, sample community)
  hearth [--data DIR] COMMAND ...     headless commands:

  account add imap --name N --host H [--port P] --user U --password-stdin
                   [--tls tls|starttls|none] [--smtp-host H] [--smtp-port P] [--smtp-tls MODE]
                   [--from ADDR] [--folders INBOX,...] [--backfill-days N] [--archive-on-done] [--no-test]
  account add vk --name N --group ID --token-stdin [--messages] [--backfill-days N] [--api-url URL]
                 [--poll-seconds N] [--no-long-poll] [--no-test]
  account add x --name N --keys-stdin [--handle H] [--api 2|1.1] [--api-url URL] [--vip-followers N]
                [--poll-seconds N] [--no-test]      (keys: consumer key, secret, access token, secret; one a line)
  account edit NAME [--name NEW] [the flags of its add, or --url U --keywords a,b for a feed] [--no-test]
                                      only the flags given change; a secret changes only with
                                      --password-stdin, --token-stdin or --keys-stdin (an empty key
                                      line keeps that key); the new settings are tested first
  account list [--json]
  account remove NAME
  watch add URL [--name N] [--keywords a,b] [--no-test]
                                      watch a feed (RSS, Atom, JSON Feed, web alerts); with keywords
                                      only the entries that mention them come in; the test fetch
                                      names the watch after the feed's title
  watch add keyword WORD... [--name N]
                                      a keyword watch on every channel: new items that mention
                                      any of the words, in any form, are tagged watch:NAME
  watch list [--json]
  watch remove NAME
  watch import FILE.opml              add the feeds of an OPML list that are not watched yet
  watch export --out FILE.opml
  rules add --name N --when QUERY --do ACTIONS [--stop] [--off] [--auto-reply]
                                      run on every new or changed item, in order: ACTIONS are
                                      comma-separated tag:T, state:done|spam|hidden|snoozed[:3h|2d],
                                      hide, notify, reply:SAVED REPLY, stop; replies are held
                                      unless --auto-reply (one a day per author, never to robots)
  rules list [--json]
  rules on|off|remove NAME
  rules test (--when QUERY | --name N) [--json] [--limit N]
                                      what it would have matched in the last 30 days
  sync [--once] [--account NAME]      fetch new items (--once: one pass and send the outbox, then exit)
  inbox [--json] [--account NAME] [--state S] [--kind K] [--unread] [--tag T] [--limit N] [--before ID]
                                      newest first; --before ID pages on after the item ID
  search QUERY [--json] [--account NAME] [--limit N] [--before ID]
  reply ITEM-ID [--private] --text-stdin
                                      queue a reply (sent by the next sync); --private
                                      writes to the author of a VK comment or post or an
                                      X mention by community message or direct message
  posts add (--text T | --text-stdin) --account NAME[,NAME] --at 2006-01-02T15:04 [--zone Europe/Paris]
            [--agenda project|news|life] [--tag T] [--media FILE,...] [--alt TEXT]... [--repeat weekly|monthly]
            [--draft] [--json]            (--alt describes each picture in order; pictures too large
                                           for a channel are re-encoded, and said so)
  posts list [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]
  calendar export --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.ics
  members list [--json] [--query Q] [--tag T] [--interest I] [--expertise E] [--quadrant Q] [--cohort C]
               [--channel email|vk|x] [--sort activity|loyalty|name|last_seen|first_seen|followers] [--limit N]
  members show ID [--json]             a member's file: identities, scores and why, timeline
  members tag ID [--add T,...] [--remove T,...]
  members merge INTO FROM [--json]
  members import FILE [--dry-run] [--json]   .csv (columns detected) or .vcf, up to 64 MB;
                                      --dry-run counts what it would do and writes nothing
  members export --out FILE [--member ID]   .csv or .vcf; one member's whole file with --member
  tone [--json]                       the tone of the text on stdin: language (en, fr, ru, bg, other),
                                      sentiment from -1 to 1, label (positive, negative, neutral), abusive
  tone import-lexicon --lang en|fr|ru|bg FILE
                                      add a sentiment lexicon of your own to the workspace (Hearth's
                                      format, "term;score" lines, or RuSentiLex); it overrides the bundled one
  stats [--period P | --from YYYY-MM-DD --to YYYY-MM-DD] [--channel NAME] [--json]
                                      the dashboard's numbers for a period (P: 2026-11, 2026-Q4,
                                      2026-W45, this-month, last-quarter...; default this month)
                                      against the one before, with the day series
  report [--period P | --from D --to D] [--channel NAME] [--format pdf|html|csv] [--lang L] --out FILE
                                      the period's report: PDF, one self-contained HTML page, or
                                      CSV (the KPIs, one row per day and channel, per post and reply);
                                      --lang en|fr|ru|bg writes it in that language (default the
                                      system's, as the window reads it; CSV columns stay English keys)
  settings [deleted-items keep|remove]   show the settings; what becomes of items deleted on their
                                      channel: kept and marked (default) or removed from the workspace
  check [--json]                      full integrity check of the workspace database; exit 1 if damaged
  backup --out FILE                   write a backup of the workspace now (it may stay open meanwhile)
  backup [--keep N]                   list the automatic daily backups (DIR/backups); --keep sets how
                                      many are kept (default 7, 0 turns them off)
  restore FILE                        replace the workspace database with a checked backup; the one
                                      replaced is kept in DIR/backups (close the window first)
  version                             the version of this program
  man                                 the manual page, hearth(1), in roff (hearth man > hearth.1)

Global flags:
  --data DIR        workspace directory (default $XDG_DATA_HOME/hearth or ~/.local/share/hearth)
  --secrets MODE    where passwords live: auto (OS keyring, else an encrypted file), keyring, file
  --verbose         log debugging detail to stderr

Exit codes: 0 ok, 1 failure (one line on stderr), 2 bad usage.
--json output: snake_case keys, RFC 3339 times in UTC (absent when unknown), [] for an empty list.
`

// globals are the flags before the command.
type globals struct {
	data    string
	demo    bool
	secrets string
	verbose bool
}

func parseGlobals(args []string) (globals, []string, error) {
	var g globals
	fs := flag.NewFlagSet("hearth", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&g.data, "data", "", "")
	fs.BoolVar(&g.demo, "demo", false, "")
	fs.StringVar(&g.secrets, "secrets", "auto", "")
	fs.BoolVar(&g.verbose, "verbose", false, "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) { // hearth --help, hearth -h: the usage, not an error
			return g, []string{"help"}, nil
		}
		return g, nil, usagef("%v", err)
	}
	switch g.secrets {
	case "auto", "keyring", "file":
	default:
		return g, nil, usagef("--secrets must be auto, keyring or file")
	}
	return g, fs.Args(), nil
}

func dispatch(ctx context.Context, args []string, io stdio) error {
	g, rest, err := parseGlobals(args)
	if err != nil {
		return err
	}
	if len(rest) > 0 && (rest[0] == "help" || rest[0] == "-h" || rest[0] == "--help") {
		fmt.Fprint(io.out, usage)
		return nil
	}
	if len(rest) > 0 && headless != nil {
		headless()
	}
	if len(rest) > 0 && plainCommands[rest[0]] != nil {
		return plainCommands[rest[0]](rest[1:], io)
	}
	if defaultGC != nil && (len(rest) == 0 || !readOnly[rest[0]]) {
		defaultGC()
	}
	log := newLogger(io.err, g.verbose)
	if g.demo && len(rest) > 0 {
		return usagef("--demo opens the window; it takes no command")
	}
	if g.demo || len(rest) == 0 {
		return openWindow(ctx, g, args, log)
	}
	if g.data == "" {
		if g.data, err = defaultDataDir(); err != nil {
			return err
		}
	}
	if cmd, ok := dbCommands[rest[0]]; ok {
		return cmd(ctx, g, rest[1:], io)
	}
	cmd, ok := commands[rest[0]]
	if !ok {
		return usagef("unknown command %q", rest[0])
	}
	w, err := openWorkspace(ctx, workspaceOptions{dir: g.data, secretsMode: g.secrets, log: log,
		readOnly: readOnly[rest[0]]})
	if err != nil {
		return err
	}
	defer w.Close()
	return cmd(ctx, w, rest[1:], io)
}

// command runs one headless command on an open workspace.
type command func(ctx context.Context, w *workspace, args []string, io stdio) error

var commands map[string]command

// readOnly are the commands that only read the workspace: they never need
// a secret, so they do not open the keyring.
var readOnly = map[string]bool{"search": true, "inbox": true}

// defaultGC, when set, puts the garbage collector's default back for a
// command that is more than a short read (internal/startgc raised GOGC for
// package initialisation): main sets it, tests leave it alone.
var defaultGC func()

// headless, when set, lets a command's goroutine off the main OS thread,
// which Fyne's GLFW driver locks in its package init for the window: each
// time the locked goroutine waited (database/sql, a context), the runtime
// handed its P to another thread and woke the main thread again after,
// two context switches a time. main sets it, tests run commands unlocked.
var headless func()

// dbCommand runs on the workspace database alone, which may be one that
// does not open (check, restore).
type dbCommand func(ctx context.Context, g globals, args []string, io stdio) error

var dbCommands = map[string]dbCommand{
	"check":   cmdCheck,
	"backup":  cmdBackup,
	"restore": cmdRestore,
	"tone":    cmdTone,
}

func init() {
	commands = map[string]command{
		"account":  cmdAccount,
		"sync":     cmdSync,
		"inbox":    cmdInbox,
		"search":   cmdSearch,
		"reply":    cmdReply,
		"posts":    cmdPosts,
		"calendar": cmdCalendar,
		"members":  cmdMembers,
		"settings": cmdSettings,
		"watch":    cmdWatch,
		"views":    cmdViews,
		"rules":    cmdRules,
	}
}

func newLogger(w io.Writer, verbose bool) *slog.Logger {
	level := slog.LevelWarn
	if verbose || os.Getenv("HEARTH_DEBUG") != "" {
		level = slog.LevelDebug
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
}

// newFlags makes a subcommand flag set whose errors are usage errors.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parseFlags parses and turns errors into usage errors. Flags may come
// after positional arguments ("search привет --json").
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usagef("%s: %v", fs.Name(), err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// splitList splits "a, b,c" into its trimmed non-empty parts.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
