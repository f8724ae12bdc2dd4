//go:build !nowindow

package main

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"os/exec"
	"runtime/debug"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/hearthhq/hearth/assets"
	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/core/notify"
	"github.com/hearthhq/hearth/core/store"
	"github.com/hearthhq/hearth/integrations/autoconfig"
	"github.com/hearthhq/hearth/ui"
	"github.com/hearthhq/hearth/ui/kit"
)

// appID is Hearth's application id (FyneApp.toml says the same).
const appID = "app.hearth.desktop"

func runGUI(ctx context.Context, g globals, log *slog.Logger) error {
	w, err := openWorkspace(ctx, workspaceOptions{dir: g.data, secretsMode: g.secrets, log: log})
	if errors.Is(err, store.ErrDamaged) || errors.Is(err, store.ErrNotWorkspace) || errors.Is(err, store.ErrUpgradeBlocked) {
		showOpenError(err) // started from a menu, nobody reads stderr
	}
	if err != nil {
		return err
	}
	defer w.Close()
	return showWindow(ctx, w, "")
}

// showOpenError says in a window why the workspace did not open and what
// to do. A sentence of core's (core.Words) is said in the system's
// language, the language chosen in the settings being in the workspace;
// the others name commands and stay English, as the command line does.
func showOpenError(err error) {
	text := oneLine(err)
	var words *core.Words
	if errors.As(err, &words) {
		if _, lerr := kit.UseLanguage(""); lerr == nil {
			text = kit.ErrorText(err)
		}
	}
	ui.ShowOpenError(app.NewWithID(appID), text)
}

// showWindow starts the sync engine and the automatic backups and runs the
// window until it closes or ctx ends (Ctrl+C in the terminal closes the
// window too).
func showWindow(ctx context.Context, w *workspace, title string) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	startPprof(w.log)
	windowGC()
	firstPage := make(chan struct{})
	w.firstPage = firstPage
	if err := w.start(ctx); err != nil {
		return err
	}
	cal, waitCalendar := startCalendar(ctx, w)
	// The publisher stops when ctx ends: cancel first, also when the
	// window's goroutine panics (waiting on an uncancelled publisher hung
	// the frozen window for good instead of crashing with the panic).
	defer func() {
		cancel()
		waitCalendar()
	}()
	mem := members.New(members.Params{Store: w.store})
	defer startMembers(ctx, w, mem)()
	st := newStats(w, mem)
	defer startSnapshots(ctx, w, st, mem)()
	slog.SetDefault(w.log) // the window logs as the command line asked (--verbose)
	// The language before any string of the window is made: the one
	// chosen in the settings, else the system's (docs/translations.md).
	prefs := settingsBackend(w, st, mem)
	if _, err := kit.UseLanguage(startLanguage(ctx, prefs)); err != nil {
		w.log.Warn("translations", "err", err)
	}
	a := app.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.IconPNG))
	alerts := notify.New(notify.Params{Store: w.store, Accounts: w.accounts})
	applyStartSettings(ctx, a, prefs)
	u := ui.New(a, ui.Backend{Inbox: w.inbox, Accounts: w.accounts, Events: w.engine, Now: time.Now,
		Calendar: cal, Members: mem, Writer: newMemberWriter(mem, w.inbox), Dashboard: st, Views: w.views, Rules: w.rules,
		Feeds: w.accounts, Keywords: w.views, Notify: alerts, Tray: alerts, Sync: w.engine, Settings: prefs, Pictures: w.pictures,
		MailGuess: autoconfig.Guesser{}, TryDemo: tryDemo(title), FirstPage: sync.OnceFunc(func() { close(firstPage) })})
	if title != "" {
		u.Window().SetTitle(title)
	}
	u.Show()
	keepMemory(ctx, u.Window(), w.store, w.log)
	go func() {
		<-ctx.Done()
		fyne.Do(a.Quit)
	}()
	a.Run()
	cancel()
	w.wait()
	return nil
}

// tryDemo starts "hearth --demo" as a process of its own, for the welcome
// page of an empty workspace (nil inside the demo, which is not empty).
func tryDemo(title string) func(context.Context) error {
	if title != "" {
		return nil
	}
	return func(context.Context) error {
		exe, err := os.Executable()
		if err != nil {
			return err
		}
		// Not tied to ctx: the demo outlives this window if the person
		// closes it first.
		cmd := exec.Command(exe, "--demo")
		if err := cmd.Start(); err != nil {
			return err
		}
		go cmd.Wait() //nolint:errcheck // reaps the child; its exit is its own
		return nil
	}
}

// windowGC lowers the garbage collector's target for the window: it idles
// most of the time with 35 to 45 MB of live heap, and the runtime keeps
// about the heap's goal resident (its scavenger gives back little of what
// a collection frees), so at the default GOGC about twice the live heap
// stayed resident after scrolling a big inbox (docs/benchmarks.md). At 25
// the goal is a quarter over the live heap: 8 to 10 MB less resident than
// at 50 after scrolling 10,000 rows at a million items, for no CPU that
// measured (the scroll took 190 and 193 s of CPU, the GL driver's drawing
// most of it; more collections, each as short). GOGC or GOMEMLIMIT in the
// environment still win.
func windowGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(25)
	}
}
