package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/calendar"
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
	posts, postErr := publishOnce(ctx, w, io)
	if err := printStatuses(ctx, w, id, io); err != nil {
		return err
	}
	return errors.Join(syncErr, outErr, needPerson(run.NeedPerson, now), postErr, postsNeedPerson(posts.NeedPerson))
}

// publishOnce publishes the posts due now and checks the unconfirmed ones,
// as the window would, printing what went out and what needs a person.
func publishOnce(ctx context.Context, w *workspace, io stdio) (calendar.Run, error) {
	run, err := newPublisher(w).Flush(ctx)
	for _, t := range run.Published {
		fmt.Fprintf(io.out, "posts: %s published %s\n", targetName(t), t.URL)
	}
	for _, t := range run.NeedPerson {
		fmt.Fprintf(io.out, "posts: %s %s: %s\n", targetName(t), t.State, t.Error)
	}
	return run, err
}

// postsNeedPerson makes the run fail when a post now waits for a person,
// naming each: a service's log and a script must notice.
func postsNeedPerson(ts []core.PostTarget) error {
	if len(ts) == 0 {
		return nil
	}
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = targetName(t) + " " + string(t.State)
	}
	return fmt.Errorf("posts: %s: check them in the calendar", strings.Join(names, "; "))
}

// targetName names a post on a channel: "post 12 on club".
func targetName(t core.PostTarget) string {
	return fmt.Sprintf("post %d on %s", t.PostID, t.Account)
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
	_, waitCalendar := startCalendar(ctx, w)
	fmt.Fprintln(io.err, "syncing and publishing due posts; press Ctrl+C to stop")
	for {
		select {
		case <-ctx.Done():
			w.wait()
			waitCalendar()
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
