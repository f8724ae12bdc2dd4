package main

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

// In the window, the tone of messages stored without one waits until the
// inbox's first page is shown: at a million items that pass took half the
// CPU of the window's start. Without a window (sync) it runs at once.
func TestToneBackfillWaitsForTheWindowsFirstPage(t *testing.T) {
	old := afterFirstPage
	afterFirstPage = 0
	t.Cleanup(func() { afterFirstPage = old })
	for _, window := range []bool{true, false} {
		ctx, cancel := context.WithCancel(context.Background())
		dir := t.TempDir()
		fromTemplate(t, dir)
		w, err := openWorkspace(ctx, workspaceOptions{dir: dir, secretsMode: "file", log: slog.Default(), noBackups: true})
		if err != nil {
			t.Fatal(err)
		}
		acct, err := w.store.CreateAccount(ctx, core.Account{Kind: core.KindIMAP, Name: "work@example.com"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.store.ApplyBatch(ctx, acct, core.Batch{Items: []core.Item{{Kind: core.ItemEmail, RemoteID: "1",
			Subject: "Merci !", Text: "Merci pour la soirée, c'était formidable.", Author: core.Person{Name: "Claire", Address: "claire@example.fr"},
			State: core.StateNew, CreatedAt: time.Now()}}}); err != nil {
			t.Fatal(err)
		}
		todo := func() int {
			l, err := w.store.ToneTodo(ctx, 10)
			if err != nil {
				t.Fatal(err)
			}
			return len(l)
		}
		if n := todo(); n != 1 {
			t.Fatalf("%d messages without a tone before the start, want 1", n)
		}
		shown := make(chan struct{})
		if window {
			w.firstPage = shown
		}
		if err := w.start(ctx); err != nil {
			t.Fatal(err)
		}
		if window {
			time.Sleep(time.Second) // long enough for the pass, were it not held
			if n := todo(); n != 1 {
				t.Fatalf("the tone pass ran before the first page: %d messages left without a tone", n)
			}
			close(shown)
		}
		for deadline := time.Now().Add(20 * time.Second); todo() != 0; time.Sleep(50 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("window %v: the message has no tone 20 s after the first page", window)
			}
		}
		cancel()
		w.wait()
		w.Close()
	}
}
