package members

import (
	"context"
	"sync"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/members"
)

// faultyMembers is the real members service with faults a test arms: the
// next call of a method fails. Every call that does not fail is the
// service's own. It also notes the table pages asked for, which the store
// cannot tell.
type faultyMembers struct {
	*members.Service
	mu    sync.Mutex
	fails map[string]error // method name -> error for its next call
	lists []core.MemberFilter
}

// failNext makes the next call of method fail with err.
func (f *faultyMembers) failNext(method string, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fails == nil {
		f.fails = map[string]error{}
	}
	f.fails[method] = err
}

// fault returns, once, the error armed for method.
func (f *faultyMembers) fault(method string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	err := f.fails[method]
	delete(f.fails, method)
	return err
}

// lastList is the last table page the screen asked for.
func (f *faultyMembers) lastList() core.MemberFilter {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.lists[len(f.lists)-1]
}

func (f *faultyMembers) List(ctx context.Context, flt core.MemberFilter) (core.MemberPage, error) {
	f.mu.Lock()
	f.lists = append(f.lists, flt)
	f.mu.Unlock()
	if err := f.fault("List"); err != nil {
		return core.MemberPage{}, err
	}
	return f.Service.List(ctx, flt)
}

func (f *faultyMembers) AddNote(ctx context.Context, id int64, text string) (core.Note, error) {
	if err := f.fault("AddNote"); err != nil {
		return core.Note{}, err
	}
	return f.Service.AddNote(ctx, id, text)
}

// faultyWriter is the real writer (core's members.Writer over the inbox's
// outbox) whose next WriteTo fails when armed.
type faultyWriter struct {
	*members.Writer
	mu   sync.Mutex
	fail error
}

func (w *faultyWriter) WriteTo(ctx context.Context, id int64, text string, public bool) error {
	w.mu.Lock()
	err := w.fail
	w.fail = nil
	w.mu.Unlock()
	if err != nil {
		return err
	}
	return w.Writer.WriteTo(ctx, id, text, public)
}
