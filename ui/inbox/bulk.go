package inbox

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// modifiers are the keys held during a click on the list: Ctrl picks a
// conversation, Shift a run of them. Tests replace it; fyne's test driver
// holds no keys.
var modifiers = func() fyne.KeyModifier {
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
		return d.CurrentKeyModifiers()
	}
	return 0
}

// marks are the conversations picked for a bulk step (x, Ctrl+click,
// Shift+click); while any is picked, e, # and the bar above the list act
// on all of them instead of the open one.
type marks struct {
	s      *Screen
	ids    []int64 // in the order picked
	anchor int64   // where a Shift+click run starts
	label  *widget.Label
	bar    *fyne.Container
}

func newMarks(s *Screen) *marks {
	m := &marks{s: s, label: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	m.bar = container.NewHBox(m.label,
		kit.FlatButton(lang.L("Done"), theme.ConfirmIcon(), func() { s.bulkState(core.StateDone, time.Time{}) }),
		kit.FlatButton(lang.L("Spam"), theme.WarningIcon(), func() { s.bulkState(core.StateSpam, time.Time{}) }),
		kit.FlatButton(lang.L("Tag…"), theme.ContentAddIcon(), s.askBulkTag),
		layout.NewSpacer(),
		kit.FlatButton(lang.L("Clear (Esc)"), theme.CancelIcon(), m.clear))
	m.bar.Hide()
	return m
}

func (m *marks) has(id int64) bool { return slices.Contains(m.ids, id) }

// toggle picks a conversation or puts it back.
func (m *marks) toggle(id int64) {
	if id == 0 {
		return
	}
	if i := slices.Index(m.ids, id); i >= 0 {
		m.ids = slices.Delete(m.ids, i, i+1)
	} else {
		m.ids = append(m.ids, id)
	}
	m.anchor = id
	m.changed()
}

// clicked handles a click on row idx with Ctrl or Shift held; it reports
// whether it did (a plain click opens the conversation).
func (m *marks) clicked(idx int) bool {
	mod := modifiers()
	if mod&(fyne.KeyModifierControl|fyne.KeyModifierSuper|fyne.KeyModifierShift) == 0 {
		return false
	}
	s := m.s
	id := s.items[idx].ID
	// As in a mail program, the open conversation is part of the first pick.
	if len(m.ids) == 0 && s.selectedID != 0 && s.selectedID != id && s.indexOf(s.selectedID) >= 0 {
		m.ids = append(m.ids, s.selectedID)
		m.anchor = s.selectedID
	}
	from := s.indexOf(m.anchor)
	if mod&fyne.KeyModifierShift != 0 && from >= 0 {
		lo, hi := min(from, idx), max(from, idx)
		for _, it := range s.items[lo : hi+1] {
			if !m.has(it.ID) {
				m.ids = append(m.ids, it.ID)
			}
		}
		m.changed()
	} else {
		m.toggle(id)
	}
	s.syncSelection() // the list selected the row clicked; the open one stays
	return true
}

// keep drops picks the list no longer shows (a reload moved them out).
func (m *marks) keep(items []core.Item) {
	n := len(m.ids)
	m.ids = slices.DeleteFunc(m.ids, func(id int64) bool {
		return !slices.ContainsFunc(items, func(it core.Item) bool { return it.ID == id })
	})
	if len(m.ids) != n {
		m.changed()
	}
}

func (m *marks) clear() {
	if len(m.ids) == 0 {
		return
	}
	m.ids, m.anchor = nil, 0
	m.changed()
}

func (m *marks) changed() {
	n := len(m.ids)
	m.label.SetText(lang.N("{{.Count}} conversations selected", n, map[string]any{"Count": n}))
	m.bar.Hidden = n == 0
	m.bar.Refresh()
	m.s.list.Refresh()
}

// picked are the picked conversations as listed.
func (m *marks) picked() []core.Item {
	var out []core.Item
	for _, it := range m.s.items {
		if m.has(it.ID) {
			out = append(out, it)
		}
	}
	return out
}

// bulkState moves every picked conversation to st at once; one toast
// undoes the whole step.
func (s *Screen) bulkState(st core.State, until time.Time) {
	var moved []core.Item
	for _, it := range s.marks.picked() {
		if it.State != st || st == core.StateSnoozed {
			moved = append(moved, it)
		}
	}
	s.marks.clear()
	if len(moved) == 0 {
		return
	}
	for _, it := range moved {
		idx := s.indexOf(it.ID)
		switch {
		case idx < 0:
		case s.filters.hides(st):
			s.removeAt(idx)
		default:
			s.edit(idx, func(c *core.Item) {
				if c.ID == it.ID {
					c.State, c.SnoozeUntil = st, until
				}
			})
		}
	}
	kit.Background(s.u.Env, "bulk state", func(ctx context.Context) (int, error) {
		var errs []error
		n := 0
		for _, it := range moved {
			if err := s.u.b.Inbox.SetState(ctx, it.ID, st, until); err != nil {
				errs = append(errs, itemError{kit.QuoteItem(it), err})

				continue
			}
			n++
		}
		return n, errors.Join(errs...)
	}, func(n int, err error) {
		if err != nil {
			s.banner.Show(bulkFailed(st, len(moved)-n, len(moved), err))
			s.reload.Request()
		}
		if n > 0 {
			s.toast.Show(bulkDone(st, n), func() { s.undoBulk(moved) })
		}
	})
}

// bulkDone says what a bulk step did, for its toast.
func bulkDone(st core.State, n int) string {
	data := map[string]any{"Count": n, "State": kit.StateLabel(st)}
	switch st {
	case core.StateDone:
		return lang.N("Marked {{.Count}} conversations as done.", n, data)
	case core.StateSpam:
		return lang.N("Moved {{.Count}} conversations to spam.", n, data)
	case core.StateSnoozed:
		return lang.N("Snoozed {{.Count}} conversations.", n, data)
	case core.StateOpen:
		return lang.N("Reopened {{.Count}} conversations.", n, data)
	}
	return lang.N("Moved {{.Count}} conversations to {{.State}}.", n, data)
}

// bulkFailed says how many conversations of a bulk step the backend
// refused, and why.
func bulkFailed(st core.State, failed, total int, err error) string {
	data := map[string]any{"Failed": failed, "Total": total, "State": kit.StateLabel(st), "Error": kit.ErrorText(err)}
	switch st {
	case core.StateDone:
		return lang.N("Could not mark as done {{.Failed}} of {{.Total}} conversations: {{.Error}}", total, data)
	case core.StateSpam:
		return lang.N("Could not move to spam {{.Failed}} of {{.Total}} conversations: {{.Error}}", total, data)
	case core.StateSnoozed:
		return lang.N("Could not snooze {{.Failed}} of {{.Total}} conversations: {{.Error}}", total, data)
	}
	return lang.N("Could not move to {{.State}} {{.Failed}} of {{.Total}} conversations: {{.Error}}", total, data)
}

// undoBulk puts each conversation of a bulk step back as it was.
func (s *Screen) undoBulk(was []core.Item) {
	now := s.u.Now()
	kit.BackgroundErr(s.u.Env, "undo", func(ctx context.Context) error {
		var errs []error
		for _, it := range was {
			st, until := it.State, it.SnoozeUntil
			if st == core.StateSnoozed && !until.After(now) {
				st, until = core.StateOpen, time.Time{}
			}
			if err := s.u.b.Inbox.SetState(ctx, it.ID, st, until); err != nil {
				errs = append(errs, err)
			}
		}
		return errors.Join(errs...)
	}, func(err error) {
		if err != nil {
			s.banner.Show(lang.L("Could not undo everything: {{.Error}}", errData(err)))
		}
		s.reload.Request()
	})
}

// askBulkTag asks for a tag and adds it to every picked conversation.
func (s *Screen) askBulkTag() {
	picked := s.marks.picked()
	if len(picked) == 0 {
		return
	}
	entry := kit.NewEntry()
	entry.SetPlaceHolder(lang.L("e.g. question, vip, bug"))
	d := dialog.NewForm(lang.N("Tag {{.Count}} conversations", len(picked), map[string]any{"Count": len(picked)}), lang.L("Add"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("Tag"), entry)}, func(ok bool) {
			if tag := normalizeTag(entry.Text); ok && tag != "" {
				s.bulkTag(picked, tag)
			}
		}, s.u.Win)
	d.Resize(fyne.NewSize(360, d.MinSize().Height))
	d.Show()
	s.u.Win.Canvas().Focus(entry)
}

// bulkTag adds tag to conversations; Undo takes it off those that did not
// have it.
func (s *Screen) bulkTag(items []core.Item, tag string) {
	var added []core.Item
	for _, it := range items {
		if !slices.Contains(it.Tags, tag) {
			added = append(added, it)
		}
	}
	s.marks.clear()
	kit.Background(s.u.Env, "bulk tag", func(ctx context.Context) (int, error) {
		var errs []error
		n := 0
		for _, it := range added {
			if err := s.u.b.Inbox.AddTag(ctx, it.ID, tag); err != nil {
				errs = append(errs, err)
				continue
			}
			n++
		}
		return n, errors.Join(errs...)
	}, func(n int, err error) {
		if err != nil {
			s.banner.Show(lang.L("Could not tag every conversation: {{.Error}}", errData(err)))
		}
		s.reload.Request()
		if n == 0 {
			return
		}
		s.toast.Show(lang.N("Tagged {{.Count}} conversations #{{.Tag}}.", n, map[string]any{"Count": n, "Tag": tag}), func() {
			kit.BackgroundErr(s.u.Env, "undo", func(ctx context.Context) error {
				var errs []error
				for _, it := range added {
					errs = append(errs, s.u.b.Inbox.RemoveTag(ctx, it.ID, tag))
				}
				return errors.Join(errs...)
			}, func(err error) {
				if err != nil {
					s.banner.Show(lang.L("Could not undo everything: {{.Error}}", errData(err)))
				}
				s.reload.Request()
			})
		})
	})
}

// confirmSpam asks once before a regular correspondent's conversation goes
// to spam: one # must not bury a member's complaint. Unknown senders and
// authors already confirmed go at once.
func (s *Screen) confirmSpam(it core.Item, apply func()) {
	key := authorKey(it)
	if it.Outgoing || key == "" || s.spamOK[key] {
		apply()
		return
	}
	kit.Background(s.u.Env, "author history", func(ctx context.Context) (core.AuthorHistory, error) {
		return s.u.b.Inbox.AuthorHistory(ctx, it.ID)
	}, func(h core.AuthorHistory, err error) {
		if err != nil || !h.Regular() {
			apply() // the check is a courtesy: it never blocks triage
			return
		}
		data := map[string]any{"Who": authorLabel(it), "Count": h.Messages, "Spam": h.Spam}
		msg := lang.N("{{.Who}} has written {{.Count}} messages to you, none of them spam.", h.Messages, data)
		if h.Spam > 0 {
			msg = lang.N("{{.Who}} has written {{.Count}} messages to you, {{.Spam}} of them in spam.", h.Messages, data)
		}
		msg += "\n" + lang.L("Future messages from them will not be asked about again today.")
		dialog.ShowConfirm(lang.L("Move to spam?"), msg, func(ok bool) {

			if ok {
				s.spamOK[key] = true
				apply()
			}
		}, s.u.Win)
	})
}

// authorKey names an author across their messages: their member file, or
// their address on the account.
func authorKey(it core.Item) string {
	if it.MemberID != 0 {
		return fmt.Sprintf("m%d", it.MemberID)
	}
	if it.Author.Address == "" {
		return ""
	}
	return fmt.Sprintf("a%d:%s", it.AccountID, it.Author.Address)
}

// itemError is what went wrong on one conversation of a bulk step,
// named by its quoted subject.
type itemError struct {
	what string
	err  error
}

func (e itemError) Error() string { return e.what + ": " + e.err.Error() }
func (e itemError) Unwrap() error { return e.err }
