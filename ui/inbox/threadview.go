package inbox

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/query"
	"github.com/hearthhq/hearth/ui/kit"
)

// threadView shows the open conversation, oldest message first, with the
// triage actions above it.
type threadView struct {
	u      *env
	inbox  *Screen
	itemID int64 // the item the view was opened for
	// threadID is the open conversation's, once loaded; shown counts its
	// messages on screen, so that a new one scrolls into view.
	threadID int64
	shown    int

	subject  *widget.Label
	meta     *widget.RichText
	tags     *fyne.Container
	status   *widget.Label
	messages *fyne.Container
	scroll   *container.Scroll
	snooze   *kit.TipButton
	back     *kit.TipButton // Reopen / Not spam
	done     *kit.TipButton
	spam     *kit.TipButton
	bar      *shrinkingBar // the buttons above, icons only when narrow
	pending  *pendingMod   // the moderation whose result the status awaits
	pics     *pictureShelf // the pictures in the messages
	th       core.Thread   // the conversation shown
	// lit finds the words a search found, to light them in the messages;
	// nil without a search.
	lit     func(string) []query.Span
	body    fyne.CanvasObject
	hint    fyne.CanvasObject
	content fyne.CanvasObject
}

func newThreadView(u *env, inbox *Screen) *threadView {
	t := &threadView{u: u, inbox: inbox, messages: container.NewVBox(), tags: container.NewHBox()}
	t.pics = newPictureShelf(u, func() { t.setCards(t.th) })
	t.subject = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.subject.SizeName = theme.SizeNameSubHeadingText
	t.subject.Wrapping = fyne.TextWrapWord
	t.meta = kit.NewMutedTrunc("")
	t.status = widget.NewLabel("")
	t.status.Wrapping = fyne.TextWrapWord
	t.status.Hide()
	t.scroll = container.NewVScroll(container.NewPadded(t.messages))
	t.body = t.layout()
	t.hint = hintText(lang.L("Select a message to read it.\n\nj / k  next, previous\ne  done · s  snooze · #  spam\nu  unread · r  reply · /  search"))
	t.content = container.NewStack(t.hint, t.body)
	t.body.Hide()
	return t
}

func hintText(text string) fyne.CanvasObject {
	return container.New(kit.CenteredColumn{Width: 360}, kit.NewMutedWrapped(text, fyne.TextAlignCenter))
}

func (t *threadView) layout() fyne.CanvasObject {
	head := container.NewVBox(
		t.actionBar(),
		t.subject,
		container.NewBorder(nil, nil, nil, container.NewHBox(t.tags, t.memberToggle()), t.meta),
		t.status,
	)
	return container.NewBorder(container.NewVBox(container.NewPadded(head), widget.NewSeparator()), nil, nil, nil, t.scroll)
}

func (t *threadView) actionBar() fyne.CanvasObject {
	s := t.inbox
	t.bar = newShrinkingBar()
	// In the order their labels go when the pane narrows: the way back or
	// Done last of all.
	button := func(text string, icon fyne.Resource, tapped func()) *kit.TipButton {
		b := kit.NewTipButton(text, text, icon, tapped)
		t.bar.setLabel(b, text)
		return b
	}
	t.back = button(lang.L("Reopen"), theme.ContentUndoIcon(), func() { s.setState(core.StateOpen, time.Time{}) })
	t.back.Hide()
	t.done = button(lang.L("Done"), theme.ConfirmIcon(), func() { s.setState(core.StateDone, time.Time{}) })
	t.snooze = button(lang.L("Snooze"), theme.HistoryIcon(), func() { t.showSnooze() })
	// The way back: a conversation in Done, Spam, Snoozed or Hidden goes
	// back to the inbox from where it is read.
	t.spam = button(lang.L("Spam"), theme.WarningIcon(), func() { s.setState(core.StateSpam, time.Time{}) })
	buttons := container.New(t.bar,
		t.back,
		t.done,
		t.snooze,
		t.spam,
		button(lang.L("Unread"), theme.VisibilityOffIcon(), s.markUnread),
		button(lang.L("Tag"), theme.ContentAddIcon(), t.askTag),
		layout.NewSpacer(),
		kit.PrimaryButton(lang.L("Reply"), theme.MailReplyIcon(), s.composer.focus),
	)
	hints := kit.NewMutedTrunc(lang.L("e done · s snooze · # spam · u unread · r reply · j/k move · ? all keys"))
	hints.Segments[0].(*widget.TextSegment).Style.SizeName = theme.SizeNameCaptionText
	return container.New(kit.TightRows{}, buttons, hints)
}

// memberToggle shows or hides the author's file beside the conversation.
func (t *threadView) memberToggle() fyne.CanvasObject {
	if t.inbox.panel == nil {
		return layout.NewSpacer()
	}
	// An icon only: the action bar above sets how narrow the pane can be.
	return kit.NewTipButton("", lang.L("Show or hide the author's member file"), theme.AccountIcon(), t.inbox.toggleMember)
}

// clear shows the hint: nothing is open.
func (t *threadView) clear() {
	t.itemID = 0
	t.messages.RemoveAll()
	t.body.Hide()
	t.hint.Show()
}

// show opens an item: its header at once, the conversation when loaded.
func (t *threadView) show(it core.Item) {
	t.itemID = it.ID
	t.hint.Hide()
	t.body.Show()
	t.subject.SetText(subjectLabel(it))
	t.showState(it.State)
	kit.SetSegment(t.meta, it.Account)
	t.setTags(it.Tags)
	t.setStatus("", false)
	t.messages.RemoveAll()
	t.threadID, t.shown, t.pending = 0, 0, nil
	kit.Background(t.u.Env, "open item", func(ctx context.Context) (opened, error) {
		return t.load(ctx, it.ID)
	}, func(o opened, err error) {
		if t.itemID != it.ID {
			return // the person moved on
		}
		if err != nil {
			t.setStatus(lang.L("Could not open this message: {{.Error}}", errData(err)), true)
			return
		}
		t.inbox.opened(o.item)
		t.threadID = o.thread.ID
		t.render(o.thread)
	})
}

// showState offers the way back for a conversation out of the inbox:
// "Not spam" in spam, "Reopen" when done, snoozed or hidden.
func (t *threadView) showState(st core.State) {
	// The way back takes the place of the step already taken (no Spam in
	// Spam, no Done in Done), so the bar keeps its width and the list its
	// room at 1024 px.
	t.spam.Hidden = st == core.StateSpam
	t.done.Hidden = st == core.StateDone
	t.spam.Refresh()
	t.done.Refresh()
	switch st {
	case core.StateSpam:
		t.bar.setLabel(t.back, lang.L("Not spam"))
		t.back.Show()
	case core.StateDone, core.StateSnoozed, core.StateHidden:
		t.bar.setLabel(t.back, lang.L("Reopen"))
		t.back.Show()
	default:
		t.back.Hide()
	}
}

// itemsChanged re-reads the open conversation when items changed: a reply
// just delivered, an answer that arrived, a message deleted remotely show
// in it at once. It reads the thread only, without opening anything.
func (t *threadView) itemsChanged() {
	id, threadID := t.itemID, t.threadID
	if id == 0 || threadID == 0 {
		return
	}
	kit.Background(t.u.Env, "reload conversation", func(ctx context.Context) (core.Thread, error) {
		return t.u.b.Inbox.Thread(ctx, threadID)
	}, func(th core.Thread, err error) {
		if t.itemID != id || err != nil || len(th.Items) == 0 {
			return // moved on, or the conversation went away: the list says so
		}
		grew := len(th.Items) > t.shown
		t.setCards(th)
		if grew {
			t.scrollToEnd()
		}
	})
}

// opened is an item as Open left it (seen, open) and its conversation.
type opened struct {
	item   core.Item
	thread core.Thread
}

// load opens the item (marking it seen) and reads its conversation.
func (t *threadView) load(ctx context.Context, id int64) (opened, error) {
	it, err := t.u.b.Inbox.Open(ctx, id)
	if err != nil {
		return opened{}, err
	}
	if it.ThreadID == 0 {
		return opened{it, core.Thread{AccountID: it.AccountID, Subject: it.Subject, Items: []core.Item{it}}}, nil
	}
	th, err := t.u.b.Inbox.Thread(ctx, it.ThreadID)
	if err != nil {
		return opened{}, err // shown as it is: "Could not open this message: ..."

	}
	if len(th.Items) == 0 {
		th.Items = []core.Item{it}
	}
	return opened{it, th}, nil
}

func (t *threadView) render(th core.Thread) {
	t.setCards(th)
	if len(th.Items) < 2 {
		t.scroll.ScrollToTop()
		return
	}
	t.scrollToEnd()
}

// reload re-reads the open conversation after a change made from it.
func (t *threadView) reload() {
	id := t.itemID
	if id == 0 {
		return
	}
	kit.Background(t.u.Env, "reload item", func(ctx context.Context) (opened, error) {
		return t.load(ctx, id)
	}, func(o opened, err error) {
		if t.itemID != id || err != nil {
			return // moved on, or the item went away: the list reload says so
		}
		t.setCards(o.thread)
	})
}

// setCards shows the messages of a conversation, separated by rules.
func (t *threadView) setCards(th core.Thread) {
	t.th = th
	kit.SetSegment(t.meta, threadMeta(th))
	if title := threadTitle(th); title != "" {
		t.subject.SetText(title)
	}
	objs := make([]fyne.CanvasObject, 0, 2*len(th.Items))
	lines := t.newRuleLines()
	for i, p := range nest(th.Items) {
		if i > 0 {
			objs = append(objs, widget.NewSeparator())
		}
		card := messageCardLit(p.item, t.cardActions(p.item, len(th.Items) > 1), t.inbox.OpenMember, t.lit, t.pics)
		card = lines.under(card, p.item.ID)
		if p.depth > 0 {
			// A reply sits under what it answers, behind a rule that shows
			// the step, as VK draws its comment threads.
			card = container.New(layout.NewCustomPaddedLayout(0, 0, float32(p.depth)*theme.Padding()*6, 0),
				container.NewBorder(nil, nil, kit.ReplyRule(), nil, card))
		}
		objs = append(objs, card)
	}
	t.messages.Objects = objs
	t.messages.Refresh()
	t.shown = len(th.Items)
	lines.load(th)
}

// cardActions are the buttons at the right of a message's header: Reply
// to this very message (when the conversation has several: the composer
// answers the newest otherwise) and the moderation menu.
func (t *threadView) cardActions(it core.Item, several bool) fyne.CanvasObject {
	var objs []fyne.CanvasObject
	if several && canAnswer(it) {
		b := kit.FlatButton("", theme.MailReplyIcon(), func() { t.inbox.composer.replyTo(it) })
		objs = append(objs, b)
	}
	if m := t.moderationButton(it); m != nil {
		objs = append(objs, m)
	}
	if len(objs) == 0 {
		return nil
	}
	return container.NewHBox(objs...)
}

// threadTitle names a conversation without a subject (a VK comment thread,
// an X conversation) by the first words of what started it; "" keeps the
// subject already shown.
func threadTitle(th core.Thread) string {
	if len(th.Items) == 0 || strings.TrimSpace(th.Items[0].Subject) != "" {
		return ""
	}
	root := th.Items[0]
	if root.Kind == core.ItemEmail || strings.TrimSpace(root.Text) == "" {
		return ""
	}
	return core.SnippetOf(root.Text, 90)
}

// scrollToEnd shows the newest message, just above the composer. The
// content is sized first: wrapped text knows its height only once it knows
// its width, and the scroll measures the content as last laid out.
func (t *threadView) scrollToEnd() {
	c := t.scroll.Content
	w := t.scroll.Size().Width
	c.Resize(fyne.NewSize(w, c.MinSize().Height))
	c.Resize(fyne.NewSize(w, c.MinSize().Height))
	t.scroll.ScrollToBottom()
}

func threadMeta(th core.Thread) string {
	account := ""
	if len(th.Items) > 0 {
		account = th.Items[0].Account
	}
	n := len(th.Items)
	count := lang.N("{{.Count}} messages", n, map[string]any{"Count": n})
	if account == "" {
		return count
	}
	return account + " · " + count
}

func (t *threadView) setStatus(text string, isErr bool) {
	t.status.SetText(text)
	t.status.Importance = widget.MediumImportance
	if isErr {
		t.status.Importance = widget.DangerImportance
	}
	t.status.Hidden = text == ""
	t.status.Refresh()
}

// setTags shows the open item's tags; a tap on one removes it.
func (t *threadView) setTags(tags []string) {
	t.tags.RemoveAll()
	for _, tag := range tags {
		b := widget.NewButtonWithIcon("#"+tag, theme.CancelIcon(), func() { t.inbox.changeTag(tag, false) })
		b.Importance = widget.LowImportance
		b.IconPlacement = widget.ButtonIconTrailingText
		t.tags.Add(b)
	}
	t.tags.Refresh()
}

// askTag asks for a tag to add to the open item.
func (t *threadView) askTag() {
	if t.itemID == 0 {
		return
	}
	entry := kit.NewEntry()
	entry.SetPlaceHolder(lang.L("e.g. question, vip, bug"))
	items := []*widget.FormItem{widget.NewFormItem(lang.L("Tag"), entry)}
	d := dialog.NewForm(lang.L("Add a tag"), lang.L("Add"), lang.L("Cancel"), items, func(ok bool) {

		if ok {
			t.inbox.changeTag(normalizeTag(entry.Text), true)
		}
	}, t.u.Win)
	d.Resize(fyne.NewSize(360, d.MinSize().Height))
	d.Show()
	t.u.Win.Canvas().Focus(entry)
}

// normalizeTag trims a typed tag and drops a leading '#'.
func normalizeTag(s string) string {
	return strings.TrimPrefix(strings.TrimSpace(s), "#")
}
