package inbox

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// maxReplyRows is how many of an item's replies the composer lists.
const maxReplyRows = 3

// retryUnconfirmed is the Retry of a reply that may have been delivered:
// it says what it risks.
const retryUnconfirmed = "Retry (may send a second copy)"

// outboxStatus lists the open item's replies and where each stands:
// queued, sending, sent, failed (with Retry) or unconfirmed (may have been
// delivered: its Retry says it may send a second copy).
type outboxStatus struct {
	u       *env
	itemID  int64
	refresh *kit.Refresher
	content *fyne.Container
}

func newOutboxStatus(u *env) *outboxStatus {
	o := &outboxStatus{u: u, content: container.NewVBox()}
	o.refresh = kit.NewRefresher(o.load)
	return o
}

func (o *outboxStatus) setItem(id int64) {
	o.itemID = id
	o.content.RemoveAll()
	if id != 0 {
		o.refresh.Request()
	}
}

func (o *outboxStatus) load(done func()) {
	id := o.itemID
	if id == 0 {
		done()
		return
	}
	kit.Background(o.u.Env, "reply status", func(ctx context.Context) ([]core.OutboxEntry, error) {
		return o.u.b.Inbox.Outbox(ctx, id)
	}, func(entries []core.OutboxEntry, err error) {
		defer done()
		if id != o.itemID {
			return
		}
		if err != nil {
			o.show([]fyne.CanvasObject{kit.DangerLabel("Could not read the reply status: " + kit.ErrorText(err))})
			return
		}
		o.render(replies(entries))
	})
}

// replies keeps the reply entries, newest last, at most maxReplyRows.
func replies(entries []core.OutboxEntry) []core.OutboxEntry {
	out := slices.DeleteFunc(slices.Clone(entries), func(e core.OutboxEntry) bool { return e.Op != core.OpReply && e.Op != core.OpMessage })
	slices.SortStableFunc(out, func(a, b core.OutboxEntry) int { return a.CreatedAt.Compare(b.CreatedAt) })
	if len(out) > maxReplyRows {
		out = out[len(out)-maxReplyRows:]
	}
	return out
}

func (o *outboxStatus) render(entries []core.OutboxEntry) {
	rows := make([]fyne.CanvasObject, 0, len(entries))
	for _, e := range entries {
		rows = append(rows, o.row(e))
	}
	o.show(rows)
}

func (o *outboxStatus) show(rows []fyne.CanvasObject) {
	o.content.Objects = rows
	o.content.Refresh()
}

// row is one reply's status line with what can be done about it.
func (o *outboxStatus) row(e core.OutboxEntry) fyne.CanvasObject {
	text, imp := replyStatus(e, o.u.Now())
	l := widget.NewLabel(text)
	l.Importance = imp
	l.Wrapping = fyne.TextWrapWord
	var buttons []fyne.CanvasObject
	switch e.State {
	case core.OutboxFailed:
		buttons = append(buttons, widget.NewButton("Retry", func() { o.retry(e.ID) }))
		buttons = append(buttons, widget.NewButton("Discard", func() { o.discard(e.ID) }))
	case core.OutboxUnconfirmed:
		buttons = append(buttons, widget.NewButton(retryUnconfirmed, func() { o.retry(e.ID) }))
		buttons = append(buttons, widget.NewButton("Discard", func() { o.discard(e.ID) }))
	}
	return container.NewBorder(nil, nil, nil, container.NewHBox(buttons...), l)
}

// replyStatus is a reply's status sentence and its colour.
func replyStatus(e core.OutboxEntry, now time.Time) (string, widget.Importance) {
	quote := replyQuote(e.Payload)
	noun := "Reply "
	if e.Op == core.OpMessage {
		noun = "Private message "
	}
	switch e.State {
	case core.OutboxQueued:
		return noun + quote + "queued: it goes out with the next connection.", widget.LowImportance
	case core.OutboxSending:
		return "Sending " + strings.ToLower(noun) + strings.TrimSpace(quote) + "…", widget.MediumImportance
	case core.OutboxSent:
		return noun + quote + "sent " + core.Ago(now, e.UpdatedAt) + ".", widget.SuccessImportance
	case core.OutboxFailed:
		reason := e.LastError
		if reason == "" {
			reason = "no reason given"
		}
		return noun + quote + "failed: " + kit.Sentence(reason), widget.DangerImportance
	case core.OutboxUnconfirmed:
		// Never "failed": it may have been delivered.
		line := noun + quote + e.UnconfirmedLine(now.Local())
		if e.NeedsPerson() {
			return line + ": Hearth did not find it on the channel. Check the replies sent there, then Retry or Discard.", widget.WarningImportance
		}
		return line + ": Hearth is checking whether it went out.", widget.WarningImportance
	default:
		return noun + quote + string(e.State), widget.MediumImportance
	}
}

// replyQuote is the start of a reply's text, quoted, for its status line.
// The payload is the outbox's reply JSON ({"text": ...}).
func replyQuote(payload []byte) string {
	var p struct {
		Text string `json:"text"`
	}
	if json.Unmarshal(payload, &p) != nil || p.Text == "" {
		return ""
	}
	return "“" + core.SnippetOf(p.Text, 32) + "” "
}

func (o *outboxStatus) retry(id int64) {
	kit.BackgroundErr(o.u.Env, "retry reply", func(ctx context.Context) error {
		return o.u.b.Inbox.RetryOutbox(ctx, id)
	}, o.after("Could not retry the reply: "))
}

func (o *outboxStatus) discard(id int64) {
	kit.BackgroundErr(o.u.Env, "discard reply", func(ctx context.Context) error {
		return o.u.b.Inbox.DiscardOutbox(ctx, id)
	}, o.after("Could not discard the reply: "))
}

// after refreshes the status, or shows why the action failed.
func (o *outboxStatus) after(prefix string) func(error) {
	return func(err error) {
		if err != nil {
			o.show([]fyne.CanvasObject{kit.DangerLabel(prefix + kit.ErrorText(err))})
			return
		}
		o.refresh.Request()
	}
}
