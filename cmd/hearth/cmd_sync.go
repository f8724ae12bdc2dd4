package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hearthhq/hearth/core"
)

func cmdSync(ctx context.Context, w *workspace, args []string, io stdio) error {
	fs := newFlags("sync")
	once := fs.Bool("once", false, "")
	account := fs.String("account", "", "")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	var id int64
	if *account != "" {
		a, err := w.accounts.Find(ctx, *account)
		if err != nil {
			return err
		}
		id = a.ID
	}
	if !*once {
		return syncForever(ctx, w, io)
	}
	syncErr := w.engine.SyncOnce(ctx, id)
	run, outErr := w.engine.FlushOutbox(ctx)
	if run.Handled > 0 {
		fmt.Fprintf(io.out, "outbox: handled %d entries\n", run.Handled)
	}
	now := time.Now()
	for _, e := range run.NeedPerson {
		fmt.Fprintf(io.out, "outbox: %s: %s\n", outboxLine(e, now), e.LastError)
	}
	if err := printStatuses(ctx, w, id, io); err != nil {
		return err
	}
	return errors.Join(syncErr, outErr, needPerson(run.NeedPerson, now))
}

// needPerson makes the run fail when an entry now waits for a person (a
// script or a service must notice), naming each.
func needPerson(entries []core.OutboxEntry, now time.Time) error {
	if len(entries) == 0 {
		return nil
	}
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = outboxLine(e, now)
	}
	return fmt.Errorf("outbox: %s: check, then retry or discard in the window", strings.Join(names, "; "))
}

// outboxLine names an entry and where it stands: "reply 12 to item 40
// failed", "reply 13 to item 41 unconfirmed (may have been delivered at
// 12:03)". A delivery that may have happened is never called failed.
func outboxLine(e core.OutboxEntry, now time.Time) string {
	state := string(e.State)
	if e.State == core.OutboxUnconfirmed {
		state = e.UnconfirmedLine(now)
	}
	return fmt.Sprintf("%s %d to item %d %s", strings.ReplaceAll(string(e.Op), "_", " "), e.ID, e.ItemID, state)
}

// syncForever runs the engine until interrupted, printing status changes.
func syncForever(ctx context.Context, w *workspace, io stdio) error {
	events, cancel := w.engine.Subscribe()
	defer cancel()
	if err := w.start(ctx); err != nil {
		return err
	}
	fmt.Fprintln(io.err, "syncing; press Ctrl+C to stop")
	for {
		select {
		case <-ctx.Done():
			w.wait()
			return nil
		case ev := <-events:
			if ev.Kind != core.EventStatus {
				continue
			}
			if st, ok := w.engine.LiveStatus(ev.AccountID); ok && st.State != core.SyncRunning {
				fmt.Fprintf(io.out, "%s account %d: %s\n", time.Now().Format(time.TimeOnly), ev.AccountID, st.Line(time.Now()))
			}
		}
	}
}

func printStatuses(ctx context.Context, w *workspace, id int64, io stdio) error {
	accts, err := w.accounts.List(ctx)
	if err != nil {
		return err
	}
	for _, a := range accts {
		if id == 0 || a.ID == id {
			fmt.Fprintf(io.out, "%s: %s\n", a.Name, a.Status.Line(time.Now()))
		}
	}
	return nil
}
