package calendar

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// updateCounters shows, for each chosen channel, how much of its limit the
// text uses: X counts weighted characters, VK plain ones.
func (e *postEditor) updateCounters() {
	chosen := 0
	for _, a := range e.accounts {
		l := e.counters[a.ID]
		if !e.checks[a.ID].Checked {
			l.SetText("")
			continue
		}
		chosen++
		text := e.variants[a.ID].Text
		if text == "" {
			text = e.text.Text
		}
		// The text's counter: too many pictures is said under them.
		c := e.s.cal.Count(a.Kind, text, 0)
		l.Importance = widget.LowImportance
		switch {
		case c.Over:
			l.Importance = widget.DangerImportance
		case c.Warn:
			l.Importance = widget.WarningImportance
		}
		l.SetText(counterText(c.Used, c.Limit, c.Over, c.Warn))
	}
	hint := lang.L("Publish on")
	if chosen == 0 {
		hint = lang.L("Choose where to publish:")
	}
	kit.SetSegment(e.hint, hint)
}

// counterText is a channel's counter: "265/280, 15 left".
func counterText(used, limit int, over, warn bool) string {
	switch {
	case limit == 0:
		return lang.N("{{.Count}} characters", used, map[string]any{"Count": used})
	case over:
		return lang.L("{{.Used}}/{{.Limit}}, {{.Over}} over", map[string]any{"Used": used, "Limit": limit, "Over": used - limit})
	case warn:
		return lang.L("{{.Used}}/{{.Limit}}, {{.Left}} left", map[string]any{"Used": used, "Limit": limit, "Left": limit - used})
	}
	return fmt.Sprintf("%d/%d", used, limit)
}

// showStatus lists where the post stands on each channel, and what can be
// done about a failed or held one.
func (e *postEditor) showStatus() {
	objs := []fyne.CanvasObject{}
	if e.post.Skipped {
		objs = append(objs, kit.NewMutedWrapped(lang.L("Skipped: no channel will publish this post."), fyne.TextAlignLeading))
	}
	for _, t := range e.post.Targets {
		objs = append(objs, e.targetRow(t))
	}
	if len(objs) > 0 {
		objs = append(objs, widget.NewSeparator())
	}
	e.status.Objects = objs
	e.status.Refresh()
}

// targetRow is one channel's state and its actions.
func (e *postEditor) targetRow(t core.PostTarget) fyne.CanvasObject {
	b := kit.NewBadge()
	b.Set(targetStateLabel(t.State), targetStateColour(t.State))
	head := container.NewBorder(nil, nil, widget.NewIcon(kit.AccountIcon(t.AccountKind)), container.NewCenter(b), widget.NewLabel(t.Account))
	rows := []fyne.CanvasObject{head}
	if why := targetExplanation(t, e.post.At, e.s); why != "" {
		l := widget.NewLabel(why)
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.LowImportance
		if t.State == core.TargetFailed {
			l.Importance = widget.DangerImportance
		}
		rows = append(rows, l)
	}
	if acts := e.targetActions(t); acts != nil {
		rows = append(rows, acts)
	}
	return container.NewVBox(rows...)
}

// targetExplanation says why a channel is where it is, when that needs
// words.
func targetExplanation(t core.PostTarget, at time.Time, s *Screen) string {
	switch t.State {
	case core.TargetFailed:
		return kit.Sentence(kit.Capitalize(orDefault(kit.StoredText(t.Error), lang.L("the channel refused the post"))))
	case core.TargetHeld:
		late := s.u.Now().Sub(t.Due(at))
		if late <= 0 {
			return kit.Sentence(kit.Capitalize(orDefault(kit.StoredText(t.Error), lang.L("Hearth was not running at the post's time: publish it late, or skip it"))))
		}
		// Said in words from the post's time ("Held: 27 hours late"), not
		// core's stored reason, which spells the delay as Go does (27h27m0s).
		return lang.L("Held: {{.Late}} late. Hearth was not running at the post's time: publish it now, move it or skip it.",
			map[string]any{"Late": kit.DurationWords(late)})
	case core.TargetUnconfirmed:
		return lang.L("Hearth is checking with {{.Channel}} whether the post went out; it will not post again until it knows.", map[string]any{"Channel": t.Account})
	case core.TargetPublished:
		if t.URL != "" {
			return lang.L("Published {{.When}}: {{.URL}}", map[string]any{"When": kit.FormatTime(t.PublishedAt.In(s.loc), "2 Jan 15:04"), "URL": t.URL})
		}
	}
	return ""
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// targetActions are the buttons of a failed or held channel: retry it
// alone; publish a held one now or skip the post.
func (e *postEditor) targetActions(t core.PostTarget) fyne.CanvasObject {
	switch t.State {
	case core.TargetFailed:
		retry := widget.NewButtonWithIcon(lang.L("Retry this channel"), theme.ViewRefreshIcon(), func() { e.retry(t, "retry") })
		return container.NewHBox(retry)
	case core.TargetHeld:
		now := widget.NewButtonWithIcon(lang.L("Publish now"), theme.MailSendIcon(), func() { e.retry(t, "publish") })
		now.Importance = widget.HighImportance
		skip := widget.NewButton(lang.L("Skip"), e.skip)
		return container.NewHBox(now, skip)
	}
	return nil
}

// retry publishes one channel of the post again, alone.
func (e *postEditor) retry(t core.PostTarget, verb string) {
	kit.BackgroundErr(e.s.u.Env, "retry channel", func(ctx context.Context) error {
		return e.s.cal.Retry(ctx, t.ID)
	}, func(err error) {
		if err != nil {
			e.setNote(retryFailed(verb, t.Account, err), widget.DangerImportance)
		} else {
			e.setNote(lang.L("Publishing on {{.Channel}} again.", map[string]any{"Channel": t.Account}), widget.SuccessImportance)
		}
		e.s.reload.Request()
	})
}

// retryFailed says that retrying ("retry") or publishing a held post now
// ("publish") on a channel failed.
func retryFailed(verb, channel string, err error) string {
	data := map[string]any{"Channel": channel, "Error": kit.ErrorText(err)}
	if verb == "publish" {
		return lang.L("Could not publish on {{.Channel}}: {{.Error}}", data)
	}
	return lang.L("Could not retry on {{.Channel}}: {{.Error}}", data)
}

// skip passes over the post: none of its channels publish it.
func (e *postEditor) skip() {
	id := e.post.ID
	kit.BackgroundErr(e.s.u.Env, "skip post", func(ctx context.Context) error {
		return e.s.cal.Skip(ctx, id)
	}, func(err error) {
		if err != nil {
			e.setNote(lang.L("Could not skip the post: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}), widget.DangerImportance)
		} else {
			e.setNote(lang.L("Skipped: it will not be published."), widget.SuccessImportance)
		}
		e.s.reload.Request()
	})
}
