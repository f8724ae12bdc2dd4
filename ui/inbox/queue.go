package inbox

import (
	"context"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// moderationView is the state choice that lists the moderation queue:
// abusive and strongly negative messages across channels, newest first.
const moderationView = "Moderation"

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
		s.banner.Show(cannotModerate(it, k))
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
			s.banner.Show(lang.L("Could not mark {{.What}} fine: {{.Error}}", whatErr(kit.QuoteSubject(it.Subject), err)))
			return
		}
		s.toast.Show(fineDone(it), func() { s.undoFine(it) })
	})
}

func (s *Screen) undoFine(it core.Item) {
	kit.BackgroundErr(s.u.Env, "undo fine", func(ctx context.Context) error {
		return s.u.b.Inbox.MarkFine(ctx, it.ID, false)
	}, func(err error) {
		if err != nil {
			s.banner.Show(lang.L("Could not undo on {{.What}}: {{.Error}}", whatErr(kit.QuoteSubject(it.Subject), err)))
			return
		}
		s.reload.Request()
	})
}

// fineDone is the toast of a message marked fine: it names its author.
func fineDone(it core.Item) string {
	if who := it.Author.Label(); who != "" {
		return lang.L("The message of {{.Who}} is fine: out of the moderation queue.", map[string]any{"Who": who})
	}
	return lang.L("{{.What}} is fine: out of the moderation queue.", map[string]any{"What": kit.QuoteSubject(it.Subject)})
}

// cannotModerate says why a queue key does nothing on it, and what does.
func cannotModerate(it core.Item, k core.ModKind) string {
	data := map[string]any{"Channel": kit.ChannelName(it.Kind), "What": kit.KindLabel(it.Kind)}
	switch k {
	case core.ModDelete:
		return lang.L("On {{.Channel}}, this {{.What}} cannot be deleted from Hearth: move it to spam (#) or mark it done (e).", data)
	case core.ModHide:
		return lang.L("On {{.Channel}}, this {{.What}} cannot be hidden from Hearth: move it to spam (#) or mark it done (e).", data)
	}
	return lang.L("On {{.Channel}}, the author of this {{.What}} cannot be banned from Hearth: move it to spam (#) or mark it done (e).", data)
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
