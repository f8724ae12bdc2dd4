package main

import (
	"context"

	"github.com/hearthhq/hearth/core/engine"
)

// startToneBackfill analyses, in the background, the items stored without
// a tone (a workspace from before tone, our replies), newest first, and
// again after each sync batch: a million items take a couple of minutes
// and never hold the window or a sync up. In the window it starts once the
// first page is shown (waitFirstPage): at a million items it took half the
// CPU of the window's start (docs/benchmarks.md).
func (w *workspace) startToneBackfill(ctx context.Context) {
	events, unsubscribe := w.engine.Subscribe()
	w.bg.Add(1)
	engine.Go(w.log, "tone backfill", func() {
		defer w.bg.Done()
		defer unsubscribe()
		if !w.waitFirstPage(ctx) {
			return
		}
		w.tone.RunBackfill(ctx, w.store, events, func(err error) { w.log.Warn("tone: background analysis failed", "err", err) })
	})
}
