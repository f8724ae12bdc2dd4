package inbox

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// banDurations are the choices of the ban dialog, as VK's own admin pages
// offer them, and how a sentence says each ("banned for 1 week"). Both
// are translation keys, translated where shown.
var banDurations = []struct {
	label, span string
	d           time.Duration
}{
	{"1 hour", "for 1 hour", time.Hour},
	{"1 day", "for 1 day", 24 * time.Hour},
	{"1 week", "for 1 week", 7 * 24 * time.Hour},
	{"1 month", "for 1 month", 30 * 24 * time.Hour},
	{"1 year", "for 1 year", 365 * 24 * time.Hour},
	{"Forever", "for good", 0},
}

// defaultBan is the ban dialog's first choice: a week.
const defaultBan = 2

var banReasons = []struct {
	label  string
	reason core.BanReason
}{
	{"Spam", core.BanSpam},
	{"Verbal abuse", core.BanAbuse},
	{"Strong language", core.BanObscene},
	{"Off-topic messages", core.BanOffTopic},
	{"Other", core.BanOther},
}

// moderationButton is the Moderate menu of one message card, or nil when
// the message offers nothing (e-mail, our own replies).
func (t *threadView) moderationButton(it core.Item) fyne.CanvasObject {
	m := t.u.b.Inbox
	kinds := core.ModerationsFor(it)
	if len(kinds) == 0 {
		return nil
	}
	var btn *widget.Button
	// An icon only (⋮, as in every mail program): the card's header must
	// stay narrow enough for the conversation pane at 1024 px.
	btn = kit.FlatButton("", theme.MoreVerticalIcon(), func() {
		items := make([]*fyne.MenuItem, 0, len(kinds))
		for _, k := range kinds {
			items = append(items, fyne.NewMenuItem(modLabel(k, it), func() { t.moderate(m, it, k) }))
		}
		// Right-aligned under the button: it sits at the pane's right edge,
		// and a menu opened from its left corner would run off the window.
		menu := widget.NewPopUpMenu(fyne.NewMenu("", items...), t.u.Win.Canvas())
		pos := fyne.NewPos(btn.Size().Width-menu.MinSize().Width, btn.Size().Height)
		menu.ShowAtRelativePosition(pos, btn)
	})
	return btn
}

// modLabel is a menu entry that says what will happen and to whom.
func modLabel(k core.ModKind, it core.Item) string {
	who := it.Author.Label()
	data := map[string]any{"Who": who, "What": kit.KindLabel(it.Kind)}
	switch k {
	case core.ModDelete:
		return lang.L("Delete {{.What}}", data)
	case core.ModRestore:
		return lang.L("Restore {{.What}}", data)
	case core.ModBan:
		return lang.L("Ban {{.Who}}…", data)
	case core.ModUnban:
		return lang.L("Unban {{.Who}}", data)
	case core.ModHide:
		return lang.L("Hide this reply")
	case core.ModUnhide:
		return lang.L("Show this reply again")
	}
	return string(k)
}

// modFailedStep says which moderation could not be queued, and why.
func modFailedStep(k core.ModKind, it core.Item, err error) string {
	data := map[string]any{"Who": it.Author.Label(), "What": kit.KindLabel(it.Kind), "Error": kit.ErrorText(err)}
	switch k {
	case core.ModDelete:
		return lang.L("Could not delete {{.What}}: {{.Error}}", data)
	case core.ModRestore:
		return lang.L("Could not restore {{.What}}: {{.Error}}", data)
	case core.ModBan:
		return lang.L("Could not ban {{.Who}}: {{.Error}}", data)
	case core.ModUnban:
		return lang.L("Could not unban {{.Who}}: {{.Error}}", data)
	case core.ModHide:
		return lang.L("Could not hide this reply: {{.Error}}", data)
	case core.ModUnhide:
		return lang.L("Could not show this reply again: {{.Error}}", data)
	}
	return lang.L("Could not {{.Step}}: {{.Error}}", map[string]any{"Step": string(k), "Error": kit.ErrorText(err)})
}

// moderate asks what needs asking (how long a ban, whether to delete) and
// queues the action.
func (t *threadView) moderate(m Moderator, it core.Item, k core.ModKind) {
	switch k {
	case core.ModBan:
		t.askBan(m, it)
	case core.ModDelete:
		msg := lang.L("Delete this comment by {{.Who}} on VK?\nYou can restore it later from the same menu.", map[string]any{"Who": it.Author.Label()})
		dialog.ShowConfirm(lang.L("Delete comment"), msg, func(ok bool) {
			if ok {
				t.runModeration(m, it, core.ModAction{Kind: k})
			}
		}, t.u.Win)
	default:
		t.runModeration(m, it, core.ModAction{Kind: k})
	}
}

// askBan asks for the length and reason of a ban.
func (t *threadView) askBan(m Moderator, it core.Item) {
	durations := make([]string, len(banDurations))
	for i, d := range banDurations {
		durations[i] = lang.L(d.label)
	}
	reasons := make([]string, len(banReasons))
	for i, r := range banReasons {
		reasons[i] = lang.L(r.label)
	}
	dur := kit.NewSelect(durations, nil)
	dur.SetSelectedIndex(defaultBan)
	reason := kit.NewSelect(reasons, nil)
	reason.SetSelectedIndex(0)
	comment := kit.NewEntry()
	comment.SetPlaceHolder(lang.L("Optional: why, in a few words"))
	show := widget.NewCheck(lang.L("Show the comment to them"), nil)
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("For"), dur),
		widget.NewFormItem(lang.L("Reason"), reason),
		widget.NewFormItem(lang.L("Comment"), comment),
		widget.NewFormItem("", show),
	}
	title := lang.L("Ban {{.Who}} from the community", map[string]any{"Who": it.Author.Label()})
	d := dialog.NewForm(title, lang.L("Ban"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		a := core.ModAction{Kind: core.ModBan, Comment: strings.TrimSpace(comment.Text), ShowComment: show.Checked}
		a.Duration = banDurations[dur.SelectedIndex()].d
		a.Reason = banReasons[reason.SelectedIndex()].reason
		t.runModeration(m, it, a)
	}, t.u.Win)
	d.Resize(fyne.NewSize(440, d.MinSize().Height))
	d.Show()
}

// runModeration queues the action off the UI goroutine and says what will
// happen; the conversation is re-read so the message shows its new state.
func (t *threadView) runModeration(m Moderator, it core.Item, a core.ModAction) {
	threadOf := t.itemID
	kit.BackgroundErr(t.u.Env, "moderate", func(ctx context.Context) error {
		return m.Moderate(ctx, it.ID, a)
	}, func(err error) {
		if t.itemID != threadOf {
			return
		}
		if err != nil {
			t.setStatus(modFailedStep(a.Kind, it, err), true)
			return
		}
		t.setStatus(modQueued(a, it), false)
		t.pending = &pendingMod{item: it, action: a}
		t.reload()
		t.checkModeration() // it may be done already
	})
}

// pendingMod is the moderation queued from the open conversation, whose
// status line turns into its result.
type pendingMod struct {
	item   core.Item
	action core.ModAction
}

// outboxChanged follows the pending moderation's entry: when the channel
// answered, the status line says how it went.
func (t *threadView) outboxChanged(items map[int64]bool) {
	if p := t.pending; p != nil && (len(items) == 0 || items[p.item.ID]) {
		t.checkModeration()
	}
}

// checkModeration reads the latest moderation entry of the pending item and
// shows its result once the outbox has one.
func (t *threadView) checkModeration() {
	p := t.pending
	if p == nil {
		return
	}
	kit.Background(t.u.Env, "moderation result", func(ctx context.Context) (core.OutboxEntry, error) {
		all, err := t.u.b.Inbox.Outbox(ctx, p.item.ID)
		var last core.OutboxEntry
		for _, e := range all {
			if e.Op == core.OpModerate && e.ID > last.ID {
				last = e
			}
		}
		return last, err
	}, func(e core.OutboxEntry, err error) {
		if t.pending != p || err != nil || e.ID == 0 {
			return
		}
		text, isErr, final := modResult(e, p.action, p.item)
		if final {
			t.pending = nil
		}
		if text != "" {
			t.setStatus(text, isErr)
		}
	})
}

// modResult says how a moderation ended: done, failed with the channel's
// reason, or not known yet (""; final false while the outbox works on it).
func modResult(e core.OutboxEntry, a core.ModAction, it core.Item) (text string, isErr, final bool) {
	switch e.State {
	case core.OutboxSent:
		return modDone(a, it), false, true
	case core.OutboxFailed:
		return lang.L("{{.Failed}}: {{.Reason}}", map[string]any{"Failed": modFailed(a, it), "Reason": kit.Sentence(kit.StoredText(e.LastError))}), true, true
	case core.OutboxUnconfirmed:
		return lang.L("Waiting for {{.Channel}} to confirm: {{.Reason}} Hearth tries again.",
			map[string]any{"Channel": kit.ChannelName(it.Kind), "Reason": kit.Sentence(kit.StoredText(e.LastError))}), true, false
	}
	return "", false, false
}

// modDone is a moderation's result, in the past tense.
func modDone(a core.ModAction, it core.Item) string {
	data := map[string]any{"Who": it.Author.Label(), "Length": banLength(a.Duration)}
	switch a.Kind {
	case core.ModDelete:
		return lang.L("Comment deleted on VK. Restore brings it back.")
	case core.ModRestore:
		return lang.L("Comment restored on VK.")
	case core.ModBan:
		return lang.L("{{.Who}} is banned {{.Length}}.", data)
	case core.ModUnban:
		return lang.L("The ban of {{.Who}} is lifted.", data)
	case core.ModHide:
		return lang.L("Reply hidden on X.")
	case core.ModUnhide:
		return lang.L("Reply shown again on X.")
	}
	return lang.L("Done.")
}

// banLength says how long a ban lasts: "for good", "for 1 week".
func banLength(d time.Duration) string {
	for _, b := range banDurations {
		if b.d == d {
			return lang.L(b.span)
		}
	}
	return lang.L("for {{.Duration}}", map[string]any{"Duration": d.String()})
}

// modFailed names a moderation that did not happen.
func modFailed(a core.ModAction, _ core.Item) string {
	switch a.Kind {
	case core.ModDelete:
		return lang.L("Delete failed")
	case core.ModRestore:
		return lang.L("Restore failed")
	case core.ModBan:
		return lang.L("Ban failed")
	case core.ModUnban:
		return lang.L("Lifting the ban failed")
	case core.ModHide:
		return lang.L("Hiding failed")
	case core.ModUnhide:
		return lang.L("Showing failed")
	}
	return lang.L("It failed")
}

// modQueued tells what was asked; the outbox does it as soon as the channel
// answers, and its failures show on the account.
func modQueued(a core.ModAction, it core.Item) string {
	data := map[string]any{"Who": it.Author.Label(), "Length": banLength(a.Duration)}
	switch a.Kind {
	case core.ModDelete:
		return lang.L("Deleting the comment on VK. It is hidden here; Restore brings it back.")
	case core.ModRestore:
		return lang.L("Restoring the comment on VK.")
	case core.ModBan:
		return lang.L("Banning {{.Who}} {{.Length}}.", data)
	case core.ModUnban:
		return lang.L("Lifting the ban of {{.Who}}.", data)
	case core.ModHide:
		return lang.L("Hiding the reply on X.")
	case core.ModUnhide:
		return lang.L("Showing the reply on X again.")
	}
	return lang.L("Done.")
}

// moderationNote marks a message that is deleted or hidden remotely.
func moderationNote(it core.Item) fyne.CanvasObject {
	var text string
	switch {
	case it.Deleted && it.Kind == core.ItemEmail:
		text = lang.L("Gone from the mail server (deleted, or moved to a folder Hearth does not read). Hearth keeps its copy.")
	case it.Deleted:
		text = lang.L("Deleted on {{.Channel}}. It stays here so that it can be restored.", map[string]any{"Channel": kit.ChannelName(it.Kind)})
	case it.State == core.StateHidden && (it.Kind == core.ItemXMention):
		text = lang.L("Hidden from the conversation on X.")

	default:
		return nil
	}
	l := widget.NewLabel(text)
	l.Importance = widget.WarningImportance
	l.Wrapping = fyne.TextWrapWord
	return l
}

// statsLine renders the public reactions to a post, or "" when none.
func statsLine(s core.ItemStats) string {
	parts := make([]string, 0, 4)
	count := func(n int) map[string]any { return map[string]any{"Count": kit.Compact(n)} }
	if s.Likes > 0 {
		parts = append(parts, lang.N("{{.Count}} likes", s.Likes, count(s.Likes)))
	}
	if s.Reposts > 0 {
		parts = append(parts, lang.N("{{.Count}} reposts", s.Reposts, count(s.Reposts)))
	}
	if s.Comments > 0 {
		parts = append(parts, lang.N("{{.Count}} comments", s.Comments, count(s.Comments)))
	}
	if s.Views > 0 {
		parts = append(parts, lang.N("{{.Count}} views", s.Views, count(s.Views)))
	}
	return strings.Join(parts, " · ")
}
