//go:build !nowindow

package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/calendar"
	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/core/stats"
	"github.com/hearthhq/hearth/integrations/demo"
)

// demoHistorySetting marks a demo workspace whose history is written.
const demoHistorySetting = "demo.history"

// seedDemoHistory writes the demo community's past weeks once (see
// demo.BuildHistory): each channel's items and joins as if synced, and
// our wall posts as the calendar published them, in the quarter's joint
// project where they belong. It runs before the window, so no publishing
// engine sees those posts scheduled.
func seedDemoHistory(ctx context.Context, w *workspace, now time.Time) error {
	if _, err := w.store.Setting(ctx, demoHistorySetting); err == nil {
		return nil
	} else if !errors.Is(err, core.ErrNotFound) {
		return err
	}
	h := demo.BuildHistory(now)
	ids, err := demoAccountsByKind(ctx, w)
	if err != nil {
		return err
	}
	for kind, b := range map[core.AccountKind]core.Batch{core.KindIMAP: h.Mail, core.KindVK: h.VK, core.KindX: h.X} {
		if _, err := w.store.ApplyBatch(ctx, ids[kind], b); err != nil {
			return fmt.Errorf("demo history of %s: %w", kind, err)
		}
	}
	if err := publishDemoHistory(ctx, w, h, ids, now); err != nil {
		return err
	}
	if err := seedDemoAudience(ctx, w, ids, now); err != nil {
		return err
	}
	return w.store.SetSetting(ctx, demoHistorySetting, now.UTC().Format(time.RFC3339))
}

// demoAccountsByKind finds the demo's mail, VK and X accounts.
func demoAccountsByKind(ctx context.Context, w *workspace) (map[core.AccountKind]int64, error) {
	accts, err := w.accounts.List(ctx)
	if err != nil {
		return nil, err
	}
	ids := map[core.AccountKind]int64{}
	for _, a := range accts {
		ids[a.Kind] = a.ID
	}
	for _, k := range []core.AccountKind{core.KindIMAP, core.KindVK, core.KindX} {
		if ids[k] == 0 {
			return nil, fmt.Errorf("demo history: no %s account", k)
		}
	}
	return ids, nil
}

// publishDemoHistory records the history's posts as published by the
// calendar, the joint project's under its campaign.
func publishDemoHistory(ctx context.Context, w *workspace, h demo.History, ids map[core.AccountKind]int64, now time.Time) error {
	campaign, err := w.store.CreateCampaign(ctx, core.Campaign{Name: "Autumn build-along",
		Goal: "A wargaming table built by the club", Joint: true,
		Start: h.Start.AddDate(0, 0, 14), End: h.Start.AddDate(0, 0, 70)})
	if err != nil {
		return err
	}
	owner := core.OutboxOwner{Host: "demo", PID: os.Getpid(), Token: "demo-history"}
	for _, p := range h.Posts {
		post := core.Post{Text: p.Text, Agenda: p.Agenda, At: p.At, Zone: "UTC",
			Targets: []core.PostTarget{{AccountID: ids[p.Channel], State: core.TargetScheduled, Key: "demo-history-" + p.RemoteID}}}
		if p.Campaign {
			post.CampaignID = campaign
		}
		id, err := w.store.CreatePost(ctx, post)
		if err != nil {
			return fmt.Errorf("demo history post: %w", err)
		}
		got, err := w.store.Post(ctx, id)
		if err != nil {
			return err
		}
		t, err := w.store.ClaimTarget(ctx, got.Targets[0].ID, now, owner)
		if err != nil {
			return err
		}
		if err := w.store.PublishedTarget(ctx, t, core.Published{RemoteID: p.RemoteID, URL: p.URL, At: p.At}); err != nil {
			return err
		}
	}
	return nil
}

// backfillDemoSnapshots brings the member files up to date and records
// the snapshots of the history's days, once the first syncs have brought
// the recent members in too.
func backfillDemoSnapshots(ctx context.Context, w *workspace, mem *members.Service) error {
	v, err := w.store.Setting(ctx, demoHistorySetting)
	if err != nil {
		return err
	}
	seeded, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return err
	}
	if err := mem.Refresh(ctx); err != nil {
		return err
	}
	_, err = newStats(w, mem).BackfillSnapshots(ctx, demo.BuildHistory(seeded).Start)
	return err
}

// seedDemoAudience records the demo's followers and members of the last
// days (demo.BuildAudience) as the sync would have read them, at noon
// UTC, which is the same day in every zone but the farthest ones.
func seedDemoAudience(ctx context.Context, w *workspace, ids map[core.AccountKind]int64, now time.Time) error {
	svc := stats.New(stats.Params{Store: w.store, Zone: calendar.New(calendar.Params{Store: w.store}).Zone()})
	for _, d := range demo.BuildAudience(now) {
		at := d.Day.Add(12 * time.Hour)
		if err := errors.Join(svc.RecordAudience(ctx, ids[core.KindVK], d.VK, at),
			svc.RecordAudience(ctx, ids[core.KindX], d.X, at)); err != nil {
			return fmt.Errorf("demo audience: %w", err)
		}
	}
	return nil
}
