package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/hearthhq/hearth/core/backup"
	"github.com/hearthhq/hearth/core/store"
)

// Check, backup and restore work on the database alone: they open no
// secrets and start nothing, and check and restore must work on a
// workspace that will not open.

// checkJSON is `check --json`.
type checkJSON struct {
	OK           bool     `json:"ok"`
	Path         string   `json:"path"`
	Problems     []string `json:"problems"`
	NewestBackup string   `json:"newest_backup,omitempty"`
}

func cmdCheck(ctx context.Context, g globals, args []string, io stdio) error {
	flags := newFlags("check")
	asJSON := flags.Bool("json", false, "")
	if pos, err := parseFlags(flags, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("check takes no arguments")
	}
	path := dbPath(g.data)
	rep, err := store.Check(ctx, path)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("no workspace at %s", g.data)
	}
	if err != nil {
		return err
	}
	newest := backup.New(backup.Params{Dir: backupsDir(g.data)}).Newest()
	if *asJSON {
		if err := writeJSON(io, checkJSON{OK: rep.OK(), Path: path, Problems: append([]string{}, rep.Problems...),
			NewestBackup: newest}); err != nil {
			return err
		}
	} else if rep.OK() {
		fmt.Fprintf(io.out, "ok: %s passed the integrity, full-text index and foreign key checks\n", path)
	} else {
		fmt.Fprintf(io.out, "%s failed the check:\n", path)
		for _, p := range rep.Problems {
			fmt.Fprintf(io.out, "  %s\n", p)
		}
		fmt.Fprint(io.out, whatToDo(g.data, newest))
	}
	if !rep.OK() {
		return fmt.Errorf("the workspace database failed the check (problems found: %d)", len(rep.Problems))
	}
	return nil
}

func whatToDo(dir, newest string) string {
	s := "What to do:\n" +
		"  1. Close the window and stop 'hearth sync': Hearth no longer writes to this database.\n"
	if newest != "" {
		s += fmt.Sprintf("  2. Go back to the newest backup (the damaged database is kept in %s):\n"+
			"       hearth --data %s restore %s\n", backupsDir(dir), dir, newest)
	} else {
		s += fmt.Sprintf("  2. Restore a backup you made with 'hearth backup --out FILE':\n"+
			"       hearth --data %s restore FILE\n", dir)
	}
	s += "     Items synced since the backup come back with the next sync; replies, notes and posts made since are lost.\n"
	return s
}

func cmdBackup(ctx context.Context, g globals, args []string, io stdio) error {
	flags := newFlags("backup")
	out := flags.String("out", "", "")
	keep := flags.Int("keep", -1, "")
	if pos, err := parseFlags(flags, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("backup takes no arguments; write a backup with --out FILE")
	}
	if _, err := os.Stat(dbPath(g.data)); err != nil {
		return fmt.Errorf("no workspace at %s: %w", g.data, err)
	}
	st, err := openStore(ctx, g.data, newLogger(io.err, g.verbose), false)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := backup.New(backup.Params{Store: st, Dir: backupsDir(g.data)})
	if *keep >= 0 {
		if err := svc.SetKeep(ctx, *keep); err != nil {
			return err
		}
	}
	if *out != "" {
		start := time.Now()
		target, err := filepath.Abs(*out)
		if err != nil {
			return err
		}
		if err := st.Backup(ctx, target); err != nil {
			return err
		}
		fi, err := os.Stat(target)
		if err != nil {
			return err
		}
		fmt.Fprintf(io.out, "backup written to %s (%.1f MB in %s)\n", target, float64(fi.Size())/1e6,
			time.Since(start).Round(100*time.Millisecond))
		return nil
	}
	n, err := svc.Keep(ctx)
	if err != nil {
		return err
	}
	if n == 0 {
		fmt.Fprintln(io.out, "automatic backups: off ('hearth backup --keep 7' turns them back on)")
	} else {
		fmt.Fprintf(io.out, "automatic backups: daily while the window or 'hearth sync' runs, the last %d kept in %s\n",
			n, backupsDir(g.data))
	}
	names, err := svc.List()
	if err != nil {
		return err
	}
	for _, name := range names {
		fmt.Fprintf(io.out, "  %s\n", filepath.Join(backupsDir(g.data), name))
	}
	return nil
}

func cmdRestore(ctx context.Context, g globals, args []string, io stdio) error {
	pos, err := parseFlags(newFlags("restore"), args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("restore takes one backup FILE")
	}
	src, err := filepath.Abs(pos[0])
	if err != nil {
		return err
	}
	res, err := store.Restore(ctx, dbPath(g.data), src, backupsDir(g.data), time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(io.out, "restored %s into %s\n", src, g.data)
	if res.Aside != "" {
		fmt.Fprintf(io.out, "the database it replaced is kept as %s\n", res.Aside)
	}
	if res.PreviousID != "" && res.WorkspaceID != res.PreviousID {
		fmt.Fprintf(io.out, "note: the backup comes from another workspace (id %s, this one was %s): "+
			"its accounts need their passwords or tokens again (account remove, then account add)\n",
			res.WorkspaceID, res.PreviousID)
	}
	fmt.Fprintln(io.out, "the next sync fetches what arrived since the backup was made")
	return nil
}
