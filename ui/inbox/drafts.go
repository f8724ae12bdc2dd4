package inbox

import (
	"context"
	"slices"

	"github.com/hearthhq/hearth/ui/kit"
)

// draftJob is one draft to write.
type draftJob struct {
	itemID   int64
	text     string
	announce bool // say "Draft saved" when written
}

// draftSaver writes drafts one at a time and in order, so an older text
// never lands after a newer one; texts queued for the same item collapse
// into the newest. UI goroutine only.
type draftSaver struct {
	u     *env
	busy  bool
	queue []draftJob
	done  func(draftJob, error) // on the UI goroutine, after each write
}

func (d *draftSaver) save(job draftJob) {
	d.queue = slices.DeleteFunc(d.queue, func(j draftJob) bool { return j.itemID == job.itemID })
	d.queue = append(d.queue, job)
	d.next()
}

func (d *draftSaver) next() {
	if d.busy || len(d.queue) == 0 {
		return
	}
	job := d.queue[0]
	d.queue = d.queue[1:]
	d.busy = true
	kit.BackgroundErr(d.u.Env, "save draft", func(ctx context.Context) error {
		return d.u.b.Inbox.SaveDraft(ctx, job.itemID, job.text)
	}, func(err error) {
		d.busy = false
		d.done(job, err)
		d.next()
	})
}
