package accounts

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	coreaccounts "github.com/hearthhq/hearth/core/accounts"
	"github.com/hearthhq/hearth/ui/kit"
)

// openEdit opens the form on a saved e-mail account, filled with its
// settings; the password field stays empty, which keeps the stored one.
func (f *accountForm) openEdit(a core.Account) {
	f.reset()
	var raw core.IMAPSettings
	_ = json.Unmarshal(a.Settings, &raw) // unreadable: an empty form to fill
	shown, _ := core.ParseIMAPSettings(a.Settings)
	f.editing, f.base = a, raw
	f.title.SetText(lang.L("Edit {{.Name}}", map[string]any{"Name": a.Name}))
	f.fields.Objects[0] = f.form(true)
	f.fields.Refresh()
	f.name.SetText(a.Name)
	f.user.SetText(shown.User)
	f.password.SetPlaceHolder(unchanged())
	f.imapHost.SetText(shown.Host)
	f.imapTLS.SetSelected(securityLabel(shown.TLS))
	f.imapPort.SetText(strconv.Itoa(shown.Port))
	f.smtpHost.SetText(raw.SMTPHost)
	f.smtpTLS.SetSelected(securityLabel(shown.SMTPTLS))
	f.smtpPort.SetText(strconv.Itoa(shown.SMTPPort))
	f.folders.SetText(strings.Join(shown.Folders, ", "))
	f.backfill.set(raw.BackfillDays) // 0 follows the workspace's default
	f.archive.SetChecked(shown.ArchiveOnDone)
	f.fromName.SetText(raw.FromName)
	f.fromAddr.SetText(raw.From)
	f.fromAddr.SetPlaceHolder(shown.User)
	f.SetResult(lang.L("Test the connection to save, or save without testing."), widget.MediumImportance)
	f.gate.start()
	f.open()
}

// stopEditing puts the form back to adding.
func (f *accountForm) stopEditing() {
	if f.editing.ID == 0 {
		return
	}
	f.editing, f.base = core.Account{}, core.IMAPSettings{}
	f.title.SetText(lang.L("Add an e-mail account"))
	f.fields.Objects[0] = f.form(false)
	f.fields.Refresh()
	f.password.SetPlaceHolder("")
	f.gate.stop()
}

func securityLabel(m core.TLSMode) string {
	for _, s := range securityModes {
		if s.mode == m {
			return s.text()
		}
	}
	return securityModes[0].text()
}

// fingerprint names the settings and password the form holds now.
func (f *accountForm) fingerprint() (string, bool) {
	s, err := f.settings()
	if err != nil {
		return "", false
	}
	return fingerprint(s, f.password.Text), true
}

// confirmSkip saves an edit untested, once the person agreed.
func (f *accountForm) confirmSkip() {
	s, err := f.settings()
	f.SetProblem(problemText(err))
	if err != nil {
		return
	}
	v, _ := validated(s)
	confirmSkip(f.u.Win, lang.L("the mail servers {{.IMAP}} and {{.SMTP}}", map[string]any{"IMAP": v.Host, "SMTP": v.SMTPHost}), func() { f.save(s) })
}

// runSave saves a tested edit.
func (f *accountForm) runSave(s core.IMAPSettings) {
	if !f.gate.ready() {
		f.SetProblem(lang.L("Test the connection first, or save without testing."))
		return
	}
	f.save(s)
}

func (f *accountForm) save(s core.IMAPSettings) {
	f.gate.busy(true)
	id, name, pw := f.editing.ID, strings.TrimSpace(f.name.Text), f.password.Text
	kit.Background(f.u.Env, "save account", func(ctx context.Context) (coreaccounts.Edited, error) {
		return f.u.b.Accounts.UpdateIMAP(ctx, id, name, s, pw)
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

// saveProblem says why an edit was not saved.
func saveProblem(name string, err error) string {
	if errors.Is(err, core.ErrConflict) {
		return lang.L("An account named \"{{.Name}}\" already exists: choose another name.", map[string]any{"Name": name})
	}
	return lang.L("Could not save the account: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)})
}
