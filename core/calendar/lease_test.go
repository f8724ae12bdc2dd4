package calendar_test

import (
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/calendar"
)

// The window and a `hearth sync` daemon run an engine each on one
// workspace. An engine starting while the other is mid-call neither takes
// that target for a crash nor publishes it again, and each target of many
// due posts is published once, by one engine or the other.
func TestTwoEnginesPublishEachTargetOnce(t *testing.T) {
	f := setup(t, nineAM)
	first := f.schedule(t, core.Post{Text: "In flight", At: nineAM, Targets: targets(f.vk)})
	f.peer.inCall, f.peer.release = make(chan struct{}), make(chan struct{})
	window, daemon := f.eng, f.restart()
	passed := make(chan error, 1)
	go func() { _, err := window.Pass(f.ctx); passed <- err }()
	<-f.peer.inCall // the window's call is on its way

	f.peer.mu.Lock()
	f.peer.inCall = nil // the daemon's own calls go straight through
	f.peer.mu.Unlock()
	if err := daemon.Recover(f.ctx); err != nil {
		t.Fatal(err)
	}
	if n, err := daemon.Pass(f.ctx); err != nil || n != 0 {
		t.Fatalf("the daemon's pass handled %d targets (%v) while the window publishes the only one", n, err)
	}
	if got := f.states(t, first.ID)[f.vk].State; got != core.TargetPublishing {
		t.Fatalf("while the window's call is in flight the target is %s, want publishing", got)
	}
	close(f.peer.release)
	if err := <-passed; err != nil {
		t.Fatal(err)
	}
	if tg := f.states(t, first.ID)[f.vk]; tg.State != core.TargetPublished || tg.Attempts != 1 {
		t.Errorf("after the window's call: %s, %d attempts; want published once", tg.State, tg.Attempts)
	}

	var posts []core.Post
	for i := range 20 {
		posts = append(posts, f.schedule(t, core.Post{Text: "Many " + string(rune('a'+i)), At: nineAM.Add(time.Minute),
			Targets: targets(f.vk, f.x)}))
	}
	f.clock.Set(nineAM.Add(2 * time.Minute))
	done := make(chan int, 2)
	for _, eng := range []*calendar.Engine{window, daemon} {
		go func() {
			n, err := eng.Pass(f.ctx)
			if err != nil {
				t.Error(err)
			}
			done <- n
		}()
	}
	handled := <-done + <-done
	if handled != 2*len(posts) {
		t.Errorf("the two engines handled %d targets, want each of the %d once", handled, 2*len(posts))
	}
	for _, p := range posts {
		for acct, tg := range f.states(t, p.ID) {
			if tg.State != core.TargetPublished || tg.Attempts != 1 {
				t.Errorf("%q on account %d: %s after %d attempts; want published at the first", p.Text, acct, tg.State, tg.Attempts)
			}
		}
	}
	f.peer.mu.Lock()
	defer f.peer.mu.Unlock()
	if f.peer.calls != 1+2*len(posts) {
		t.Errorf("the channels were called %d times, want %d: one per target", f.peer.calls, 1+2*len(posts))
	}
}
