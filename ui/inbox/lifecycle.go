package inbox

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// Content is the screen's widget tree.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// Start loads the accounts of the filter bar and the first page.
func (s *Screen) Start() {
	s.filters.loadAccounts()
	if s.views != nil {
		s.views.reload.Request()
	}
	s.reload.Request()
}

// Shown does nothing: the list follows change events while hidden too.
func (s *Screen) Shown() {}

// Changed re-reads what a burst of events touched: the list on new or
// changed items, the filter bar's accounts, the open reply's status.
func (s *Screen) Changed(c kit.Changes) {
	if c.Has(core.EventItems) {
		s.reload.Request()
		if s.views != nil {
			s.views.reload.Request()
		}
		s.thread.itemsChanged()
	}
	if c.Has(core.EventAccount) {
		s.filters.loadAccounts()
	}
	if c.Has(core.EventOutbox) {
		s.composer.outboxChanged(c.Items)
		s.thread.outboxChanged(c.Items)
	}
}

// Close saves the reply being written.
func (s *Screen) Close() { s.composer.saveOnClose() }

// Reading is the item open on the right-hand side and its conversation
// (zeros: none): the window never notifies of what the person is reading.
func (s *Screen) Reading() (itemID, threadID int64) {
	if it, _, ok := s.current(); ok {
		return it.ID, it.ThreadID
	}
	return 0, 0
}

// OpenItem opens an item, listed in the current view or not (a message of
// a member's history, for one); a failure shows in the inbox's banner.
func (s *Screen) OpenItem(itemID int64) {
	kit.Background(s.u.Env, "open item", func(ctx context.Context) (core.Item, error) {
		return s.u.b.Inbox.Open(ctx, itemID)
	}, func(it core.Item, err error) {
		if err != nil {
			s.banner.Show(lang.L("Could not open this message: {{.Error}}", errData(err)))
			return
		}
		if idx := s.indexOf(it.ID); idx >= 0 {
			s.selectIndex(idx)
			return
		}
		s.selectedID, s.openItem = it.ID, it
		s.list.UnselectAll()
		s.thread.show(it)
		s.composer.setItem(it)
		s.showPanel(it)
	})
}
