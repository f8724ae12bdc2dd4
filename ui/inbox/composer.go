package inbox

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// composer writes the reply to the open item. The draft saves as you type
// (debounced, off the UI goroutine), on focus loss and when another item
// opens, and comes back when you return to the item.
type composer struct {
	u      *env
	entry  *composerEntry
	send   *widget.Button
	note   *widget.Label
	count  *widget.Label // weighted length against the channel's limit
	outbox *outboxStatus
	rcpt   *recipientBar
	att    *attachBar // files sent with the reply (composer_attach.go)
	// savedBtn opens the saved replies; lang orders them (the reader's
	// language first, when known).
	savedBtn *widget.Button
	lang     string
	content  *fyne.Container

	// face is the conversation's message the screen opened; item is the
	// one the reply answers: face, or another message picked in the thread.
	face    core.Item
	item    core.Item
	saved   string // what the backend holds as the draft of item
	setting bool   // SetText in progress: the change is not typing
	sending bool
	draft   *kit.Debouncer
	saver   *draftSaver
}

func newComposer(u *env) *composer {
	c := &composer{u: u, note: widget.NewLabel(""), count: widget.NewLabel("")}
	c.draft = &kit.Debouncer{Env: u.Env, Delay: kit.DraftDelay, Fn: c.flush}
	c.saver = &draftSaver{u: u, done: c.draftWritten}
	c.entry = newComposerEntry(c.sendReply, c.flush)
	c.entry.onSaved = c.offerSaved
	c.entry.OnChanged = c.changed
	c.send = widget.NewButtonWithIcon(lang.L("Send"), theme.MailSendIcon(), c.sendReply)
	c.send.Importance = widget.HighImportance
	// The note (why a reply was not sent) wraps on a line of its own above
	// the Send button: in the tools' wrapping row it got only the width of
	// its ellipsis, and an empty one took a second row.
	c.note.Wrapping = fyne.TextWrapWord
	c.note.Hide()
	c.outbox = newOutboxStatus(u)
	c.rcpt = newRecipientBar(func() { c.replyTo(c.face) })
	c.rcpt.onPrivate = c.updateCount
	c.att = newAttachBar(u)
	var tools []fyne.CanvasObject
	if b := c.savedButton(); b != nil {
		tools = append(tools, b)
	}
	if b := c.mentionButton(); b != nil {
		tools = append(tools, b)
	}
	tools = append(tools, c.att.button)
	// The tools wrap onto a second line rather than widen the reply pane:
	// in a 1024x700 window the conversation list keeps its width.
	send := container.NewVBox(container.NewHBox(c.count, c.send))
	bar := container.NewBorder(nil, nil, nil, send, kit.NewWrapRow(tools...))
	c.content = container.NewVBox(widget.NewSeparator(), container.NewPadded(container.NewVBox(c.outbox.content, c.rcpt.content, c.entry, c.att.row, c.note, bar)))
	c.content.Hide()
	return c
}

// setItem saves the draft of the item being left and answers it from now
// on, with its draft and reply status (a zero item hides the composer).
func (c *composer) setItem(it core.Item) {
	c.face = it
	c.target(it, false)
}

// replyTo answers a message of the open conversation other than its face
// (a VK comment in the thread, an earlier e-mail), or the face again.
func (c *composer) replyTo(it core.Item) {
	if it.ID == 0 || c.face.ID == 0 {
		return
	}
	c.target(it, it.ID != c.face.ID)
	c.focus()
}

func (c *composer) target(it core.Item, answering bool) {
	c.flush()
	c.draft.Cancel()
	c.item = it
	c.lang = ""
	if it.Tone != nil {
		c.lang = it.Tone.Lang // their language's saved replies first
	}
	c.saved = ""
	c.setText("")
	c.setNote("", widget.MediumImportance)
	c.att.reset(c.face.ID, it.Kind)
	c.outbox.setItem(it.ID)
	if it.ID == 0 || !canAnswer(it) {
		c.content.Hide()
		return
	}
	c.content.Show()
	c.rcpt.set(it, answering)
	c.askPrivate(it)
	// The placeholder tells the shortcut, which the tools' row has no
	// room for in a 1024x700 window.
	prompt := lang.L("Reply to {{.Who}}…", map[string]any{"Who": authorLabel(it)})
	if it.Outgoing {
		prompt = lang.L("Comment under the post…")
	}
	c.entry.SetPlaceHolder(prompt + "\n" + lang.L("Ctrl+Enter sends"))
	c.loadDraft(it.ID)
}

func (c *composer) loadDraft(id int64) {
	kit.Background(c.u.Env, "load draft", func(ctx context.Context) (string, error) {
		return c.u.b.Inbox.Draft(ctx, id)
	}, func(text string, err error) {
		if c.item.ID != id || c.entry.Text != "" {
			return // moved on, or already typing: never overwrite
		}
		if err != nil {
			c.setNote(lang.L("Could not load the draft: {{.Error}}", errData(err)), widget.DangerImportance)
			return
		}
		c.saved = text
		c.setText(text)
	})
}

func (c *composer) setText(s string) {
	c.setting = true
	c.entry.SetText(s)
	c.setting = false
	c.updateCount()
}

func (c *composer) changed(string) {
	if c.setting {
		return
	}
	c.updateCount()
	c.draft.Poke()
}

// updateCount shows the reply's length against its channel's limit.
func (c *composer) updateCount() {
	label, imp, _ := replyCount(c.answerKind(), c.entry.Text)
	c.count.Importance = imp
	c.count.Hidden = label == ""
	c.count.SetText(label)
}

// flush saves the draft now if it changed since the last save.
func (c *composer) flush() { c.saveDraft(true) }

// saveDraft saves the draft if it changed; announce says "Draft saved"
// when done (not after a failed send, whose error must stay visible).
func (c *composer) saveDraft(announce bool) {
	c.draft.Cancel()
	id, text := c.item.ID, c.entry.Text
	if id == 0 || text == c.saved || c.sending {
		return
	}
	c.saved = text
	c.saver.save(draftJob{itemID: id, text: text, announce: announce})
}

// draftWritten reports a draft write on the open item.
func (c *composer) draftWritten(job draftJob, err error) {
	if c.item.ID != job.itemID {
		return
	}
	if err != nil {
		c.saved = "" // so the next pause tries again
		c.setNote(lang.L("Could not save the draft: {{.Error}}", errData(err)), widget.DangerImportance)
		return
	}
	if job.announce && strings.TrimSpace(job.text) != "" && c.entry.Text == job.text {
		c.setNote(lang.L("Draft saved"), widget.SuccessImportance)
	}
}

// saveOnClose writes the draft being written before the window goes. It
// runs after background work was cancelled, so no older write can land
// after it, and blocks briefly because there is no later.
func (c *composer) saveOnClose() {
	c.draft.Cancel()
	if c.item.ID == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), kit.CloseSaveTimeout)
	defer cancel()
	if err := c.u.b.Inbox.SaveDraft(ctx, c.item.ID, c.entry.Text); err != nil {
		c.u.Log.Error("ui: save draft on close", "item", c.item.ID, "err", err)
	}
}

// sendReply queues the reply; the composer empties once it is queued.
func (c *composer) sendReply() {
	text := c.entry.Text
	if c.item.ID == 0 || c.sending {
		return
	}
	// A refused reply saves what was written now, silently: a pending
	// "Draft saved" must not replace the reason it was refused.
	refuse := func(note string, imp widget.Importance) {
		c.saveDraft(false)
		if note != "" {
			c.setNote(note, imp)
		}
	}
	if strings.TrimSpace(text) == "" && len(c.att.files) == 0 {
		refuse(lang.L("Write a reply first."), widget.WarningImportance)
		return
	}
	if !c.attachOK() {
		refuse("", 0) // attachOK said why
		return
	}
	if _, _, over := replyCount(c.answerKind(), text); over {
		refuse(lang.L("Too long for {{.Channel}}: shorten the reply first.", map[string]any{"Channel": kit.ChannelName(c.item.Kind)}), widget.DangerImportance)
		return
	}
	rp, err := c.rcpt.reply(c.item.Kind, text)
	if err != nil {
		refuse(err.Error(), widget.DangerImportance)
		return
	}
	rp.Attach = c.att.attached()
	id, private := c.item.ID, c.rcpt.isPrivate()
	c.draft.Cancel()
	c.setSending(true)
	kit.BackgroundErr(c.u.Env, "reply", func(ctx context.Context) error {
		if private {
			return c.u.b.Inbox.SendPrivately(ctx, id, text)
		}
		return c.u.b.Inbox.Send(ctx, id, rp)
	}, func(err error) {
		c.setSending(false)
		if c.item.ID != id {
			if err != nil { // moved on meanwhile: keep the text as that item's draft
				c.saver.save(draftJob{itemID: id, text: text})
			}
			return
		}
		if err != nil {
			c.setNote(lang.L("Could not queue the reply: {{.Error}}", errData(err)), widget.DangerImportance)

			c.saveDraft(false) // keep what was written, and the error in view
			return
		}
		c.saved = ""
		if c.entry.Text == text {
			c.setText("")
		}
		c.att.clear()
		c.setNote("", widget.MediumImportance) // the reply's status line says where it stands
		c.outbox.refresh.Request()
	})
}

func (c *composer) setNote(text string, imp widget.Importance) {
	c.note.Importance = imp
	c.note.Hidden = text == ""
	c.note.SetText(text)
}

func (c *composer) setSending(on bool) {
	c.sending = on
	if on {
		c.send.Disable()
	} else {
		c.send.Enable()
	}
}

// focus puts the cursor in the reply (the r key, the Reply button).
func (c *composer) focus() {
	if c.item.ID == 0 {
		return
	}
	c.u.Win.Canvas().Focus(c.entry)
}

// outboxChanged refreshes the reply status if the open item is concerned.
func (c *composer) outboxChanged(items map[int64]bool) {
	if c.item.ID != 0 && (len(items) == 0 || items[c.item.ID]) {
		c.outbox.refresh.Request()
	}
}

// composerEntry is the reply text: Ctrl+Enter sends, Esc leaves it for
// the triage keys, and losing the focus saves the draft.
type composerEntry struct {
	kit.Entry
	onSend  func()
	onBlur  func()
	onSaved func() // Ctrl+Shift+S: the saved replies
}

func newComposerEntry(onSend, onBlur func()) *composerEntry {
	e := &composerEntry{onSend: onSend, onBlur: onBlur}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	e.SetMinRowsVisible(4)
	return e
}

// TypedShortcut sends on Ctrl+Enter (Cmd+Enter on macOS).
func (e *composerEntry) TypedShortcut(s fyne.Shortcut) {
	if kit.IsSendShortcut(s) {
		e.onSend()
		return
	}
	if cs, ok := s.(*desktop.CustomShortcut); ok && e.onSaved != nil &&
		cs.KeyName == savedShortcut.KeyName && cs.Modifier == savedShortcut.Modifier {
		e.onSaved()
		return
	}
	e.Entry.TypedShortcut(s)
}

// TypedKey gives the keyboard back to the triage keys on Esc.
func (e *composerEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name != fyne.KeyEscape {
		e.Entry.TypedKey(k)
		return
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
		c.Unfocus()
	}
}

// FocusLost saves the draft when the person clicks elsewhere.
func (e *composerEntry) FocusLost() {
	e.Entry.FocusLost()
	e.onBlur()
}
