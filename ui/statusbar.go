package ui

import (
	"context"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// clockTick keeps "synced 2 min ago" true while nothing else changes.
const clockTick = 30 * time.Second

// statusBar is the bottom line: how syncing goes, a progress bar while it
// runs, and the unread count.
type statusBar struct {
	u        *UI
	sync     *widget.Label
	problem  *widget.Label
	progress *widget.ProgressBar
	unread   *widget.Label
	content  fyne.CanvasObject
	accounts *kit.Refresher
	counts   *kit.Refresher
}

func newStatusBar(u *UI) *statusBar {
	b := &statusBar{u: u, sync: widget.NewLabel(""), problem: widget.NewLabel(""), unread: widget.NewLabel("")}
	b.problem.Importance = widget.DangerImportance
	b.problem.Truncation = fyne.TextTruncateEllipsis
	b.problem.Hide()
	b.progress = widget.NewProgressBar()
	b.progress.TextFormatter = func() string { return "" }
	b.progress.Hide()
	b.unread.TextStyle = fyne.TextStyle{Bold: true}
	b.accounts = kit.NewRefresher(b.loadAccounts)
	b.counts = kit.NewRefresher(b.loadUnread)
	bar := container.NewGridWrap(fyne.NewSize(140, b.progress.MinSize().Height), b.progress)
	left := container.NewHBox(b.sync, container.NewCenter(bar))
	b.content = container.NewVBox(widget.NewSeparator(),
		container.NewBorder(nil, nil, left, b.unread, b.problem))
	return b
}

// refresh re-reads account status and the unread count.
func (b *statusBar) refresh() {
	b.accounts.Request()
	b.counts.Request()
}

func (b *statusBar) refreshUnread() { b.counts.Request() }

// startClock re-renders relative times now and then.
func (b *statusBar) startClock() {
	b.u.Go("status clock", func() {
		t := time.NewTicker(clockTick)
		defer t.Stop()
		for {
			select {
			case <-b.u.Ctx.Done():
				return
			case <-t.C:
				b.u.Do(b.accounts.Request)
			}
		}
	})
}

func (b *statusBar) loadAccounts(done func()) {
	kit.Background(b.u.Env, "account status", func(ctx context.Context) ([]core.Account, error) {
		return b.u.b.Accounts.List(ctx)
	}, func(accts []core.Account, err error) {
		defer done()
		if err != nil {
			b.show(syncSummary{problem: lang.L("Could not read the account status: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)})})
			return
		}
		b.show(summarize(accts, b.u.Now()))
	})
}

func (b *statusBar) show(s syncSummary) {
	b.sync.SetText(s.text)
	b.problem.SetText(s.problem)
	b.problem.Hidden = s.problem == ""
	b.problem.Refresh()
	if !s.syncing {
		b.progress.Hide()
		return
	}
	b.progress.SetValue(s.progress)
	b.progress.Show()
}

func (b *statusBar) loadUnread(done func()) {
	kit.Background(b.u.Env, "unread count", b.countUnread, func(text string, err error) {
		defer done()
		if err != nil {
			b.u.Log.Warn("ui: unread count", "err", err)
			return
		}
		b.unread.SetText(text)
	})
}

// countUnread adds up the unread items in triage of every account.
func (b *statusBar) countUnread(ctx context.Context) (string, error) {
	m, err := b.u.b.Inbox.UnreadCounts(ctx)
	if err != nil {
		return "", err
	}
	n := 0
	for _, c := range m {
		n += c
	}
	return lang.N("{{.Count}} unread", n, map[string]any{"Count": kit.Number(n)}), nil
}

// syncSummary is the status bar's reading of all accounts.
type syncSummary struct {
	text     string  // "Syncing work@example.com 120/400", "All accounts synced 2 min ago"
	problem  string  // the first account in error, with what to do
	syncing  bool    // show the progress bar
	progress float64 // 0..1 of the syncing accounts together
}

// summarize turns the accounts' statuses into one line, a problem and a
// progress value.
func summarize(accts []core.Account, now time.Time) syncSummary {
	if len(accts) == 0 {
		return syncSummary{text: lang.L("No accounts yet")}
	}
	sorted := append([]core.Account(nil), accts...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	var s syncSummary
	s.problem = firstProblem(sorted, now)
	if text, progress, ok := syncingLine(sorted); ok {
		s.text, s.progress, s.syncing = text, progress, true
		return s
	}
	s.text = restingLine(sorted, now)
	return s
}

func firstProblem(accts []core.Account, now time.Time) string {
	for _, a := range accts {
		if a.Status.State == core.SyncError {
			// Hearth's fixed words about a channel in the language in use;
			// a remote's own words as it gave them.
			data := map[string]any{"Name": a.Name, "Message": kit.StoredText(a.Status.Message), "Action": kit.StoredText(a.Status.Action)}
			if a.Status.Action != "" {
				return lang.L("{{.Name}}: error: {{.Message}} ({{.Action}})", data)
			}
			return lang.L("{{.Name}}: error: {{.Message}}", data)
		}
	}
	return ""
}

// syncingLine names the first syncing account and the overall progress.
func syncingLine(accts []core.Account) (string, float64, bool) {
	var names []core.Account
	done, total := 0, 0
	for _, a := range accts {
		if a.Status.State == core.SyncRunning {
			names = append(names, a)
			done += a.Status.Done
			total += a.Status.Total
		}
	}
	if len(names) == 0 {
		return "", 0, false
	}
	line := lang.L("Syncing {{.Name}}", map[string]any{"Name": names[0].Name})
	if st := names[0].Status; st.Total > 0 {
		line = lang.L("Syncing {{.Name}} {{.Done}}/{{.Total}}", map[string]any{"Name": names[0].Name, "Done": st.Done, "Total": st.Total})
	}
	if more := len(names) - 1; more > 0 {
		line = lang.N("{{.Line}} and {{.Count}} more", more, map[string]any{"Line": line, "Count": more})
	}
	progress := 0.0
	if total > 0 {
		progress = float64(done) / float64(total)
	}
	return line, progress, true
}

// restingLine describes accounts that are not syncing: the oldest
// successful sync is the honest "synced ... ago".
func restingLine(accts []core.Account, now time.Time) string {
	var oldest time.Time
	ok, waiting := 0, 0
	for _, a := range accts {
		switch a.Status.State {
		case core.SyncOK:
			ok++
			if oldest.IsZero() || a.Status.LastSync.Before(oldest) {
				oldest = a.Status.LastSync
			}
		case core.SyncIdle, "":
			waiting++
		}
	}
	switch {
	case ok == len(accts):
		return lang.L("All accounts synced {{.Ago}}", map[string]any{"Ago": kit.Ago(now, oldest)})
	case ok > 0:
		return lang.L("{{.OK}} of {{.Total}} accounts synced {{.Ago}}", map[string]any{"OK": ok, "Total": len(accts), "Ago": kit.Ago(now, oldest)})
	case waiting > 0:
		return lang.L("Waiting for the first sync")
	default:
		return ""
	}
}
