package inbox

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// maxReplyRows is how many of an item's replies the composer lists.
const maxReplyRows = 3

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
			o.show([]fyne.CanvasObject{kit.DangerLabel(lang.L("Could not read the reply status: {{.Error}}", errData(err)))})
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
		buttons = append(buttons, widget.NewButton(lang.L("Retry"), func() { o.retry(e.ID) }))
		buttons = append(buttons, widget.NewButton(lang.L("Discard"), func() { o.discard(e.ID) }))
	case core.OutboxUnconfirmed:
		// The Retry of a reply that may have been delivered says what it risks.
		buttons = append(buttons, widget.NewButton(lang.L("Retry (may send a second copy)"), func() { o.retry(e.ID) }))
		buttons = append(buttons, widget.NewButton(lang.L("Discard"), func() { o.discard(e.ID) }))
	}
	return container.NewBorder(nil, nil, nil, container.NewHBox(buttons...), l)
}

// replyStatus is a reply's status sentence and its colour. A private
// message has sentences of its own: the noun changes the words around it
// in most languages.
func replyStatus(e core.OutboxEntry, now time.Time) (string, widget.Importance) {
	private := e.Op == core.OpMessage
	data := map[string]any{"Quote": replyQuote(e.Payload)}
	pick := func(reply, message string) string {
		if private {
			return message
		}
		return reply
	}
	switch e.State {
	case core.OutboxQueued:
		return pick(lang.L("Reply {{.Quote}}queued: it goes out with the next connection.", data),
			lang.L("Private message {{.Quote}}queued: it goes out with the next connection.", data)), widget.LowImportance
	case core.OutboxSending:
		data["Quote"] = strings.TrimSpace(replyQuote(e.Payload))
		return pick(lang.L("Sending reply {{.Quote}}…", data),
			lang.L("Sending private message {{.Quote}}…", data)), widget.MediumImportance
	case core.OutboxSent:
		data["Ago"] = kit.Ago(now, e.UpdatedAt)
		return pick(lang.L("Reply {{.Quote}}sent {{.Ago}}.", data),
			lang.L("Private message {{.Quote}}sent {{.Ago}}.", data)), widget.SuccessImportance
	case core.OutboxFailed:
		data["Reason"] = lang.L("no reason given")
		if e.LastError != "" {
			data["Reason"] = kit.Sentence(kit.StoredText(e.LastError))
		}
		return pick(lang.L("Reply {{.Quote}}failed: {{.Reason}}", data),
			lang.L("Private message {{.Quote}}failed: {{.Reason}}", data)), widget.DangerImportance
	case core.OutboxUnconfirmed:
		// Never "failed": it may have been delivered.
		data["At"] = unconfirmedAt(e, now.Local())
		if e.NeedsPerson() {
			return pick(lang.L("Reply {{.Quote}}unconfirmed (may have been delivered at {{.At}}): Hearth did not find it on the channel. Check the replies sent there, then Retry or Discard.", data),
				lang.L("Private message {{.Quote}}unconfirmed (may have been delivered at {{.At}}): Hearth did not find it on the channel. Check the replies sent there, then Retry or Discard.", data)), widget.WarningImportance
		}
		return pick(lang.L("Reply {{.Quote}}unconfirmed (may have been delivered at {{.At}}): Hearth is checking whether it went out.", data),
			lang.L("Private message {{.Quote}}unconfirmed (may have been delivered at {{.At}}): Hearth is checking whether it went out.", data)), widget.WarningImportance
	default:
		data["State"] = string(e.State)
		return pick(lang.L("Reply {{.Quote}}{{.State}}", data), lang.L("Private message {{.Quote}}{{.State}}", data)), widget.MediumImportance
	}
}

// unconfirmedAt is when an unconfirmed reply was tried, as
// core.OutboxEntry.UnconfirmedLine writes it: the time today, the date
// this year, else the full date.
func unconfirmedAt(e core.OutboxEntry, now time.Time) string {
	at := e.AttemptedAt
	if at.IsZero() {
		at = e.UpdatedAt
	}
	at = at.In(now.Location())
	switch {
	case at.YearDay() == now.YearDay() && at.Year() == now.Year():
		return at.Format("15:04")
	case at.Year() == now.Year():
		return kit.FormatTime(at, "2 Jan 15:04")
	}
	return kit.FormatTime(at, "2 Jan 2006 15:04")
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
	return lang.L("“{{.Text}}”", map[string]any{"Text": core.SnippetOf(p.Text, 32)}) + " "

}

func (o *outboxStatus) retry(id int64) {
	kit.BackgroundErr(o.u.Env, "retry reply", func(ctx context.Context) error {
		return o.u.b.Inbox.RetryOutbox(ctx, id)
	}, o.after(func(err error) string { return lang.L("Could not retry the reply: {{.Error}}", errData(err)) }))
}

func (o *outboxStatus) discard(id int64) {
	kit.BackgroundErr(o.u.Env, "discard reply", func(ctx context.Context) error {
		return o.u.b.Inbox.DiscardOutbox(ctx, id)
	}, o.after(func(err error) string { return lang.L("Could not discard the reply: {{.Error}}", errData(err)) }))
}

// after refreshes the status, or shows why the action failed.
func (o *outboxStatus) after(failed func(error) string) func(error) {
	return func(err error) {
		if err != nil {
			o.show([]fyne.CanvasObject{kit.DangerLabel(failed(err))})
			return
		}
		o.refresh.Request()
	}
}
