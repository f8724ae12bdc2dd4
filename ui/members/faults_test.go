package members

import (
	"context"
	"fmt"
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

// recordingWriter stands for the inbox's outbox: it records the greetings
// it was given, or fails the next one when armed.
type recordingWriter struct {
	mu   sync.Mutex
	sent []string
	fail error
}

func (w *recordingWriter) WriteTo(_ context.Context, id int64, text string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.fail; err != nil {
		w.fail = nil
		return err
	}
	w.sent = append(w.sent, fmt.Sprintf("%d: %s", id, text))
	return nil
}

// greetings are the greetings sent so far.
func (w *recordingWriter) greetings() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.sent...)
}
