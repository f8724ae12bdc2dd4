package inbox

import (
	"context"
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// moderationView is the state choice that lists the moderation queue:
// abusive and strongly negative messages across channels, newest first.
const moderationView = "Needs moderation"

// queueKey runs the moderation queue's one-key steps on the open message:
// f marks it fine (it leaves the queue; the toast undoes it), d deletes, b
// bans its author, h hides it, each as its Moderate menu does (a delete
// and a ban ask first). Other views ignore these keys.
func (s *Screen) queueKey(r rune) {
	if !s.filters.filter().NeedsModeration {
		return
	}
	it, idx, ok := s.current()
	if !ok {
		return
	}
	switch r {
	case 'f':
		s.markFine(it, idx)
	case 'd':
		s.queueModerate(it, core.ModDelete)
	case 'b':
		s.queueModerate(it, core.ModBan)
	case 'h':
		s.queueModerate(it, core.ModHide)
	}
}

func (s *Screen) queueModerate(it core.Item, k core.ModKind) {
	if !slices.Contains(core.ModerationsFor(it), k) {
		what := map[core.ModKind]string{core.ModDelete: "this %s cannot be deleted", core.ModHide: "this %s cannot be hidden",
			core.ModBan: "the author of this %s cannot be banned"}[k]
		s.banner.Show(fmt.Sprintf("On %s, "+what+" from Hearth: move it to spam (#) or mark it done (e).",
			kit.ChannelName(it.Kind), kit.KindLabel(it.Kind)))
		return
	}
	s.thread.moderate(s.u.b.Inbox, it, k)
}

// markFine takes a message out of the queue at once; it comes back with
// an error if the backend refuses.
func (s *Screen) markFine(it core.Item, idx int) {
	s.leave(idx)
	kit.BackgroundErr(s.u.Env, "mark fine", func(ctx context.Context) error {
		return s.u.b.Inbox.MarkFine(ctx, it.ID, true)
	}, func(err error) {
		if err != nil {
			s.restore(it, idx)
			s.banner.Show(fmt.Sprintf("Could not mark %s fine: %s", kit.QuoteSubject(it.Subject), kit.ErrorText(err)))
			return
		}
		s.toast.Show(fmt.Sprintf("%s is fine: out of the moderation queue.", fineWhat(it)), func() { s.undoFine(it) })
	})
}

func (s *Screen) undoFine(it core.Item) {
	kit.BackgroundErr(s.u.Env, "undo fine", func(ctx context.Context) error {
		return s.u.b.Inbox.MarkFine(ctx, it.ID, false)
	}, func(err error) {
		if err != nil {
			s.banner.Show(fmt.Sprintf("Could not undo on %s: %s", kit.QuoteSubject(it.Subject), kit.ErrorText(err)))
			return
		}
		s.reload.Request()
	})
}

// fineWhat names a message for the toast: its author's.
func fineWhat(it core.Item) string {
	if who := it.Author.Label(); who != "" {
		return "The message of " + who
	}
	return kit.QuoteSubject(it.Subject)
}

// toneBadge is the tone of a message card's header, nil when it has none
// to show.
func toneBadge(it core.Item) fyne.CanvasObject {
	text, c := kit.ToneDetail(it)
	if text == "" {
		return nil
	}
	b := kit.NewBadge()
	b.Set(text, c)
	return container.NewCenter(b)
}
