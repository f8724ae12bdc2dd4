package calendar

import (
	"context"
	"sync"
	"time"

	corecal "github.com/hearthhq/hearth/core/calendar"
)

// faultyCalendar is the real calendar service with faults a test arms:
// the next call of a method fails. Every call that does not fail is the
// service's own. It also counts the moves asked for, which the store
// cannot tell when a post was dropped where it was.
type faultyCalendar struct {
	*corecal.Service
	mu    sync.Mutex
	fails map[string]error // method name -> error for its next call
	moves int
}

// failNext makes the next call of method fail with err.
func (f *faultyCalendar) failNext(method string, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fails == nil {
		f.fails = map[string]error{}
	}
	f.fails[method] = err
}

// fault returns, once, the error armed for method.
func (f *faultyCalendar) fault(method string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	err := f.fails[method]
	delete(f.fails, method)
	return err
}

// moveCalls is how many moves the screen asked for.
func (f *faultyCalendar) moveCalls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.moves
}

func (f *faultyCalendar) Move(ctx context.Context, id int64, at time.Time) error {
	f.mu.Lock()
	f.moves++
	f.mu.Unlock()
	if err := f.fault("Move"); err != nil {
		return err
	}
	return f.Service.Move(ctx, id, at)
}

func (f *faultyCalendar) Retry(ctx context.Context, targetID int64) error {
	if err := f.fault("Retry"); err != nil {
		return err
	}
	return f.Service.Retry(ctx, targetID)
}
