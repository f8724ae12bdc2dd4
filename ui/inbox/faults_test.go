package inbox

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/hearthhq/hearth/core"
	coreinbox "github.com/hearthhq/hearth/core/inbox"
)

// faultyInbox is the real inbox service with faults a test arms: the next
// call of a method fails, or SaveDraft waits for a gate. Every call that
// does not fail is the service's own. It also notes what the store cannot
// tell afterwards: how many pages were read, the queries searched and the
// drafts written ("id text"), in order.
type faultyInbox struct {
	*coreinbox.Service
	mu       sync.Mutex
	fails    map[string]error // method name -> error for its next call
	saveGate chan struct{}    // when set, SaveDraft waits for it to close
	pages    int
	searches []string
	saves    []string
	// dm answers CanMessagePrivately by item: "" yes, else why not
	// (composer_private_test.go); items not in it ask the real service.
	dm map[int64]string
}

// failNext makes the next call of method fail with err.
func (f *faultyInbox) failNext(method string, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fails == nil {
		f.fails = map[string]error{}
	}
	f.fails[method] = err
}

// fault returns, once, the error armed for method.
func (f *faultyInbox) fault(method string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	err := f.fails[method]
	delete(f.fails, method)
	return err
}

// holdSaves makes draft writes wait until the returned gate is closed.
func (f *faultyInbox) holdSaves() chan struct{} {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.saveGate = make(chan struct{})
	return f.saveGate
}

func (f *faultyInbox) pageCalls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.pages
}

func (f *faultyInbox) searchCalls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.searches)
}

func (f *faultyInbox) draftWrites() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.saves)
}

func (f *faultyInbox) Page(ctx context.Context, flt core.ItemFilter) ([]core.Item, error) {
	f.mu.Lock()
	f.pages++
	f.mu.Unlock()
	if err := f.fault("Page"); err != nil {
		return nil, err
	}
	return f.Service.Page(ctx, flt)
}

func (f *faultyInbox) Search(ctx context.Context, q string, flt core.ItemFilter) ([]core.Item, error) {
	f.mu.Lock()
	f.searches = append(f.searches, q)
	f.mu.Unlock()
	return f.Service.Search(ctx, q, flt)
}

func (f *faultyInbox) SetState(ctx context.Context, id int64, st core.State, until time.Time) error {
	if err := f.fault("SetState"); err != nil {
		return err
	}
	return f.Service.SetState(ctx, id, st, until)
}

func (f *faultyInbox) Send(ctx context.Context, id int64, r core.Reply) error {
	if err := f.fault("Reply"); err != nil {
		return err
	}
	return f.Service.Send(ctx, id, r)
}

func (f *faultyInbox) Moderate(ctx context.Context, id int64, a core.ModAction) error {
	if err := f.fault("Moderate"); err != nil {
		return err
	}
	return f.Service.Moderate(ctx, id, a)
}

func (f *faultyInbox) SaveDraft(ctx context.Context, id int64, text string) error {
	f.mu.Lock()
	gate := f.saveGate
	f.mu.Unlock()
	if gate != nil {
		<-gate
	}
	f.mu.Lock()
	f.saves = append(f.saves, fmt.Sprintf("%d %s", id, text))
	f.mu.Unlock()
	return f.Service.SaveDraft(ctx, id, text)
}
