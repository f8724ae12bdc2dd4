package main

import (
	"context"
	"errors"
	"fmt"
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
	if err := printStatuses(ctx, w, id, io); err != nil {
		return err
	}
	return errors.Join(syncErr, outErr)
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
