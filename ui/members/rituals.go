package members

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// ritualList is the welcome queue or the check-in list: who is due, each
// with the action that does the ritual for them.
type ritualList struct {
	s       *Screen
	ritual  core.Ritual
	intro   string
	empty   string
	fetch   func(ctx context.Context) ([]core.Member, error)
	action  func(m core.Member) fyne.CanvasObject
	detail  func(m core.Member, now time.Time) string
	rows    *fyne.Container
	banner  *kit.Banner
	list    []core.Member
	gen     int
	content fyne.CanvasObject
}

// ritualLimit is how many members a ritual list shows at most.
const ritualLimit = 200

func newWelcomeList(s *Screen) *ritualList {
	r := &ritualList{s: s, ritual: core.RitualWelcome,
		intro: lang.L("Newcomers who joined one to two days ago and have not been greeted yet."),
		empty: lang.L("Nobody to greet today: no newcomer joined one to two days ago, or all of them were greeted."),
		fetch: func(ctx context.Context) ([]core.Member, error) {
			return s.u.b.Members.WelcomeQueue(ctx, ritualLimit)
		},
		detail: func(m core.Member, now time.Time) string {
			return lang.L("joined {{.Ago}}", map[string]any{"Ago": kit.Ago(now, joinedAt(m))})
		},
	}
	r.action = func(m core.Member) fyne.CanvasObject {
		return kit.PrimaryButton(lang.L("Greet…"), theme.MailSendIcon(), func() { newGreeter(r, m, greetingWords()).show() })
	}
	return r.build()
}

func newCheckInList(s *Screen) *ritualList {
	r := &ritualList{s: s, ritual: core.RitualCheckIn,
		intro: lang.L("Quiet members nobody wrote to in 30 days: a personal note once a month keeps them close."),
		empty: lang.L("Nobody is waiting for a check-in: every quiet member heard from you this month."),
		fetch: func(ctx context.Context) ([]core.Member, error) {
			return s.u.b.Members.CheckInList(ctx, ritualLimit)
		},
		detail: checkInDetail,
	}
	r.action = func(m core.Member) fyne.CanvasObject {
		// Writing goes privately, as a greeting does; "Mark written" is for
		// a note sent some other way (a call, a chat elsewhere).
		write := kit.PrimaryButton(lang.L("Write…"), theme.MailSendIcon(), func() { newGreeter(r, m, checkInWords()).show() })
		return container.NewHBox(kit.FlatButton(lang.L("Mark written"), theme.ConfirmIcon(), func() { r.markDone(m) }), write)
	}
	return r.build()
}

func (r *ritualList) build() *ritualList {
	r.rows = container.NewVBox()
	r.banner = kit.NewBanner()
	head := container.NewVBox(kit.NewMutedWrapped(r.intro, fyne.TextAlignLeading), r.banner.Content)
	r.content = container.NewBorder(container.NewPadded(head), nil, nil, nil, container.NewVScroll(r.rows))
	return r
}

func joinedAt(m core.Member) time.Time {
	if !m.JoinedAt.IsZero() {
		return m.JoinedAt
	}
	return m.FirstSeen
}

func checkInDetail(m core.Member, now time.Time) string {
	s := lang.L("last wrote {{.Ago}}", map[string]any{"Ago": kit.Ago(now, m.LastSeen)})
	if m.LastContacted.IsZero() {
		return s + " · " + lang.L("never written to")
	}
	return s + " · " + lang.L("last written to {{.Ago}}", map[string]any{"Ago": kit.Ago(now, m.LastContacted)})
}

// load re-reads the list.
func (r *ritualList) load() {
	r.gen++
	gen := r.gen
	kit.Background(r.s.u.Env, "load "+string(r.ritual), r.fetch, func(list []core.Member, err error) {
		if gen != r.gen {
			return
		}
		if err != nil {
			r.banner.Show(lang.L("Could not load the list: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
			return
		}
		r.banner.Hide()
		r.list = list
		r.render()
	})
}

func (r *ritualList) render() {
	r.rows.RemoveAll()
	if len(r.list) == 0 {
		r.rows.Add(container.NewPadded(kit.NewMutedWrapped(r.empty, fyne.TextAlignCenter)))
		return
	}
	now := r.s.u.Now()
	for _, m := range r.list {
		r.rows.Add(r.row(m, now))
	}
}

func (r *ritualList) row(m core.Member, now time.Time) fyne.CanvasObject {
	name := kit.FlatButton(memberName(m), nil, func() { r.s.openDossier(m.ID) })
	name.Alignment = widget.ButtonAlignLeading
	icons := container.NewHBox()
	for _, k := range m.Channels {
		icons.Add(widget.NewIcon(kit.IdentityIcon(k)))
	}
	left := container.NewHBox(icons, name, container.NewCenter(kit.NewMuted(r.detail(m, now))))
	return container.NewBorder(nil, widget.NewSeparator(), nil, r.action(m), container.NewHBox(left, layout.NewSpacer()))
}

// markDone records the ritual and takes the member off the list at once,
// putting them back if the backend refuses.
func (r *ritualList) markDone(m core.Member) {
	r.remove(m.ID)
	kit.BackgroundErr(r.s.u.Env, "mark "+string(r.ritual), func(ctx context.Context) error {
		return r.s.u.b.Members.MarkDone(ctx, r.ritual, m.ID)
	}, func(err error) {
		if err != nil {
			r.banner.Show(lang.L("Could not mark {{.Name}}: {{.Error}}", map[string]any{"Name": memberName(m), "Error": kit.ErrorText(err)}))
			r.load()
		}
	})
}

func (r *ritualList) remove(id int64) {
	for i, m := range r.list {
		if m.ID == id {
			r.list = append(r.list[:i:i], r.list[i+1:]...)
			break
		}
	}
	r.render()
}
