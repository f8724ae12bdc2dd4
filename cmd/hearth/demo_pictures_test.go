//go:build !nowindow

package main

import (
	"context"
	"image/png"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core/calendar"
	"github.com/hearthhq/hearth/integrations/demo"
)

// The demo plans posts with pictures drawn in code: the one due a minute
// after the start goes out to the loopback VK and X peers with its two
// photos and their alt text; the later one waits with its own.
func TestDemoPostsWithPicturesPublish(t *testing.T) {
	dir, vk, x, _, _ := publishingWorkspace(t)
	ctx := context.Background()
	w, err := openWorkspace(ctx, workspaceOptions{dir: dir, secretsMode: "file", log: slog.Default(), noBackups: true})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	start := time.Now()
	if err := seedDemoPlans(ctx, w, start); err != nil {
		t.Fatal(err)
	}
	var withPictures int
	view, err := newCalendar(w, nil).Range(ctx, start.AddDate(0, 0, -2), start.AddDate(0, 0, 10), calendar.Filter{}, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range view.Posts {
		for _, m := range e.Post.Media {
			f, err := os.Open(m.Path)
			if err != nil {
				t.Fatalf("demo picture: %v", err)
			}
			if _, err := png.DecodeConfig(f); err != nil || m.Alt == "" {
				t.Errorf("%s: %v, alt %q; want a PNG with its alt text", m.Path, err, m.Alt)
			}
			f.Close()
		}
		if len(e.Post.Media) > 0 {
			withPictures++
		}
	}
	if withPictures != 2 {
		t.Errorf("%d demo posts have pictures, want 2", withPictures)
	}
	clk := &testClock{t: start.Add(2 * time.Minute)}
	if _, err := calendar.NewEngine(calendar.EngineParams{Store: w.store, Channels: w.engine, Log: w.log, Now: clk.now}).Pass(ctx); err != nil {
		t.Fatal(err)
	}
	checkPictures(t, vk, x, "Photos from last night's game night: thank you all, see you next week!", 2, demo.Pictures[0].Alt)
	for _, p := range vk.Server().Posts() {
		if strings.HasPrefix(p.Text, "Cascadia evening") {
			t.Errorf("the Thursday post went out on Monday")
		}
	}
}
