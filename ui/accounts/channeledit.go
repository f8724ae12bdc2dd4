package accounts

import (
	"context"
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	coreaccounts "github.com/hearthhq/hearth/core/accounts"
	"github.com/hearthhq/hearth/ui/kit"
)

// openEdit opens the form on a saved account, filled with its settings;
// its secret fields stay empty, which keeps the stored secrets.
func (f *channelForm) openEdit(a core.Account) {
	f.reset()
	f.editing = a
	f.heading.SetText(lang.L("Edit {{.Name}}", map[string]any{"Name": a.Name}))
	f.name.SetText(a.Name)
	f.fill(a)
	for _, e := range f.secrets {
		e.SetPlaceHolder(unchanged())
	}
	f.SetResult(lang.L("Test the connection to save, or save without testing."), widget.MediumImportance)
	f.gate.start()
	f.open()
}

// stopEditing puts the form back to adding.
func (f *channelForm) stopEditing() {
	if f.editing.ID == 0 {
		return
	}
	f.editing = core.Account{}
	f.heading.SetText(f.title)
	for _, e := range f.secrets {
		e.SetPlaceHolder(f.placeholders[e])
	}
	f.gate.stop()
}

// fingerprint names the settings and secrets the form holds now.
func (f *channelForm) fingerprint() (string, bool) {
	calls, err := f.read()
	if err != nil {
		return "", false
	}
	return calls.key, true
}

// confirmSkip saves an edit untested, once the person agreed.
func (f *channelForm) confirmSkip() {
	calls, err := f.read()
	f.SetProblem(problemText(err))
	if err != nil {
		return
	}
	confirmSkip(f.u.Win, calls.target, func() { f.save(calls) })
}

// runSave saves a tested edit.
func (f *channelForm) runSave(calls channelCalls) {
	if !f.gate.ready() {
		f.SetProblem(lang.L("Test the connection first, or save without testing."))
		return
	}
	f.save(calls)
}

func (f *channelForm) save(calls channelCalls) {
	f.gate.busy(true)
	id, name := f.editing.ID, strings.TrimSpace(f.name.Text)
	kit.Background(f.u.Env, "save account", func(ctx context.Context) (coreaccounts.Edited, error) {
		return calls.update(ctx, id, name)
	}, func(ed coreaccounts.Edited, err error) {
		f.gate.busy(false)
		if err != nil {
			f.SetProblem(saveProblem(name, err))
			return
		}
		f.reset()
		f.content.Hide()
		f.onEdited(ed)
	})
}

// shownAPIURL is what the API address field shows: empty for the service
// itself, as when the account was added.
func shownAPIURL(url, def string) string {
	if url == def {
		return ""
	}
	return url
}
