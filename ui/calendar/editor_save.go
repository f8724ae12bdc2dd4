package calendar

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/calendar"
	"github.com/hearthhq/hearth/ui/kit"
)

// afterSave is what a save goes on to do.
type afterSave int

const (
	justSave    afterSave = iota
	thenSched             // hand the post to the publishing engine
	thenUnsched           // take it back to draft
)

// saveJob is one write of the editor's post.
type saveJob struct {
	session  int
	post     core.Post
	place    bool // the date or time changed
	then     afterSave
	announce bool // say what happened when done
}

// flush saves the post if it changed since the last save. A new post is
// created only once it holds something.
func (e *postEditor) flush() {
	e.draft.Cancel()
	if !e.content.Visible() {
		return
	}
	p := e.collect()
	fp := fingerprint(p)
	if fp == e.saved || (p.ID == 0 && e.saver.ids[e.session] == 0 && blank(p)) {
		return
	}
	e.saved = fp
	e.saver.save(saveJob{session: e.session, post: p, place: !p.At.Equal(e.post.At)})
}

// saveDraft is the Save draft button: the post is kept, and a scheduled
// one goes back to draft.
func (e *postEditor) saveDraft() {
	p := e.collect()
	if p.ID == 0 && e.saver.ids[e.session] == 0 && blank(p) {
		e.setNote(lang.L("Write something first."), widget.WarningImportance)
		return
	}
	e.draft.Cancel()
	e.saved = fingerprint(p)
	then := justSave
	if slices.ContainsFunc(p.Targets, func(t core.PostTarget) bool { return t.State == core.TargetScheduled || t.State == core.TargetHeld }) {
		then = thenUnsched
	}
	e.saver.save(saveJob{session: e.session, post: p, place: !p.At.Equal(e.post.At), then: then, announce: true})
}

// scheduleNow is the Schedule button: it saves, places and schedules the
// post, after checking what the engine would refuse.
func (e *postEditor) scheduleNow() {
	p := e.collect()
	if msg := e.unready(p); msg != "" {
		e.setNote(msg, widget.WarningImportance)
		return
	}
	e.draft.Cancel()
	e.saved = fingerprint(p)
	e.saver.save(saveJob{session: e.session, post: p, place: !p.At.Equal(e.post.At), then: thenSched, announce: true})
}

// unready says why a post cannot be scheduled yet, "" when it can.
func (e *postEditor) unready(p core.Post) string {
	if _, ok := e.when(); !ok {
		return lang.L("Pick a date (YYYY-MM-DD) and a time (HH:MM) first.")
	}
	// The same rules as `hearth posts add`: core/calendar's.
	if err := calendar.Check(p); err != nil {
		return errText(err)
	}
	return e.media.refused
}

func blank(p core.Post) bool {
	if strings.TrimSpace(p.Text+p.Notes) != "" {
		return false
	}
	return !slices.ContainsFunc(p.Targets, func(t core.PostTarget) bool { return strings.TrimSpace(t.Text) != "" })
}

// fingerprint tells whether the fields changed since the last save.
func fingerprint(p core.Post) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%q|%d|%s|%d|%q|%q", p.Text, p.At.Unix(), p.Agenda, p.CampaignID, p.Tags, p.Notes)
	for _, t := range p.Targets {
		fmt.Fprintf(&b, "|%d:%q", t.AccountID, t.Text)
	}
	for _, m := range p.Media {
		fmt.Fprintf(&b, "|%q:%q", m.Path, m.Alt)
	}
	return b.String()
}

// written takes the result of a write.
func (e *postEditor) written(job saveJob, p core.Post, err error) {
	if job.session != e.session {
		e.s.reload.Request()
		return
	}
	if p.ID != 0 {
		e.post.ID = p.ID
	}
	if err != nil {
		e.saved = "" // the next pause tries again
		e.setNote(lang.L("Could not save the post: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}), widget.DangerImportance)
		e.s.reload.Request()
		return
	}
	e.post.ID, e.post.Targets, e.post.At, e.post.Zone, e.post.Skipped = p.ID, p.Targets, p.At, p.Zone, p.Skipped
	e.heading.SetText(lang.L("Post"))
	e.showStatus()
	e.s.reload.Request()
	if job.announce {
		e.setNote(savedNote(job.then, p, e.s), widget.SuccessImportance)
	}
}

func savedNote(then afterSave, p core.Post, s *Screen) string {
	switch then {
	case thenSched:
		return lang.L("Scheduled for {{.When}}.", map[string]any{"When": kit.FormatTime(p.At.In(s.loc), "Mon 2 Jan, 15:04")})
	case thenUnsched:
		return lang.L("Saved as a draft: it will not be published until you schedule it again.")
	}
	return lang.L("Draft saved.")
}

// remove deletes a post and closes the editor.
func (e *postEditor) remove(id int64) {
	kit.BackgroundErr(e.s.u.Env, "delete post", func(ctx context.Context) error {
		return e.s.cal.Delete(ctx, id)
	}, func(err error) {
		if err != nil {
			e.setNote(lang.L("Could not delete the post: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}), widget.DangerImportance)
			return
		}
		if e.post.ID == id {
			e.draft.Cancel()
			e.post = core.Post{}
			e.content.Hide()
		}
		e.s.reload.Request()
	})
}

// saveOnClose writes what is being written before the window goes; it
// runs after background work was cancelled, so it blocks briefly.
func (e *postEditor) saveOnClose() {
	e.draft.Cancel()
	if !e.content.Visible() {
		return
	}
	p := e.collect()
	if fingerprint(p) == e.saved || (p.ID == 0 && blank(p)) {
		return
	}
	if p.ID == 0 {
		p.ID = e.saver.ids[e.session]
	}
	ctx, cancel := context.WithTimeout(context.Background(), kit.CloseSaveTimeout)
	defer cancel()
	var err error
	if p.ID == 0 {
		_, err = e.s.cal.Create(ctx, p)
	} else {
		err = e.s.cal.SaveDraft(ctx, p)
	}
	if err != nil {
		e.s.u.Log.Error("ui: save post on close", "post", p.ID, "err", err)
	}
}

// postSaver writes the editor's post one job at a time and in order, so an
// older text never lands after a newer one and a new post is created once.
// UI goroutine only.
type postSaver struct {
	e     *postEditor
	busy  bool
	queue []saveJob
	ids   map[int]int64 // session -> the post it created
}

func (s *postSaver) save(job saveJob) {
	// A plain save waiting in line is replaced by the newer one.
	if n := len(s.queue); n > 0 && s.queue[n-1].session == job.session && s.queue[n-1].then == justSave && !s.queue[n-1].announce {
		job.place = job.place || s.queue[n-1].place
		s.queue = s.queue[:n-1]
	}
	s.queue = append(s.queue, job)
	s.next()
}

func (s *postSaver) next() {
	if s.busy || len(s.queue) == 0 {
		return
	}
	job := s.queue[0]
	s.queue = s.queue[1:]
	if job.post.ID == 0 {
		job.post.ID = s.ids[job.session]
	}
	s.busy = true
	cal := s.e.s.cal
	kit.Background(s.e.s.u.Env, "save post", func(ctx context.Context) (core.Post, error) {
		return runSave(ctx, cal, job)
	}, func(p core.Post, err error) {
		s.busy = false
		if p.ID != 0 { // created, even if a later step failed: never create twice
			s.ids[job.session] = p.ID
		}
		s.e.written(job, p, err)
		s.next()
	})
}

// runSave creates or saves the post, places it, then schedules or
// unschedules it, and returns the backend's copy.
func runSave(ctx context.Context, cal Calendar, job saveJob) (core.Post, error) {
	p := job.post
	if p.ID == 0 {
		created, err := cal.Create(ctx, p)
		if err != nil {
			return p, err
		}
		p.ID = created.ID
	} else {
		// SaveDraft keeps the time: a changed one is placed after.
		if err := cal.SaveDraft(ctx, p); err != nil {
			return p, err
		}
		if job.place && !p.At.IsZero() {
			if err := cal.Place(ctx, p.ID, p.At, p.Zone); err != nil {
				return p, err
			}
		}
	}
	switch job.then {
	case thenSched:
		if err := cal.Schedule(ctx, p.ID); err != nil {
			return p, err
		}
	case thenUnsched:
		if err := cal.Unschedule(ctx, p.ID); err != nil {
			return p, err
		}
	}
	return cal.Post(ctx, p.ID)
}

// sentence capitalises a core message and ends it with a full stop.
func sentence(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	return strings.ToUpper(string(r[:1])) + string(r[1:]) + "."
}
