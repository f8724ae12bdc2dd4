package accounts

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	coreaccounts "github.com/hearthhq/hearth/core/accounts"
	"github.com/hearthhq/hearth/ui/kit"
)

// testTimeout bounds a connection test: a host that never answers must
// not leave the spinner turning forever.
const testTimeout = 60 * time.Second

// securityModes are the security select's choices.
var securityModes = []securityOption{
	{"TLS", core.TLSImplicit},
	{"STARTTLS", core.TLSStartTLS},
	{"None (local only)", core.TLSNone},
}

type securityOption struct {
	label string // English, the key of its translation
	mode  core.TLSMode
}

// text is the option as the select shows it: TLS and STARTTLS are names.
func (o securityOption) text() string {
	if o.mode == core.TLSNone {
		return lang.L("None (local only)")
	}
	return o.label
}

// accountForm adds an e-mail account (IMAP to read, SMTP to reply) or
// edits one (see form_edit.go).
type accountForm struct {
	u        *env
	onAdded  func(core.Account)
	onEdited func(coreaccounts.Edited)
	onClose  func()

	name, user, password *kit.Entry
	imapHost, imapPort   *kit.Entry
	smtpHost, smtpPort   *kit.Entry
	imapTLS, smtpTLS     *kit.Select
	folders              *kit.Entry
	backfill             *defaultedNumber
	fromName, fromAddr   *kit.Entry // shown only while editing
	archive              *widget.Check
	kit.FormFeedback
	title   *widget.Label
	fields  *fyne.Container // the form of the current mode
	content *fyne.Container

	// editing is the account being edited (ID 0 while adding) and base its
	// stored settings, which keep what the form does not show.
	editing core.Account
	base    core.IMAPSettings
	gate    *editGate
	guess   *serverGuess // nil when nothing guesses servers
}

func newAccountForm(u *env, onAdded func(core.Account), onEdited func(coreaccounts.Edited), onClose func()) *accountForm {
	f := &accountForm{u: u, onAdded: onAdded, onEdited: onEdited, onClose: onClose}
	f.makeFields()
	if u.b.Guess != nil {
		f.guess = newServerGuess(f, u.b.Guess)
	}
	f.content = container.NewVBox(f.layout())
	f.content.Hide()
	f.reset()
	return f
}

func (f *accountForm) makeFields() {
	f.name, f.user = kit.NewEntry(), kit.NewEntry()
	f.password = kit.NewPasswordEntry()
	f.imapHost, f.imapPort = kit.NewEntry(), portEntry()
	f.smtpHost, f.smtpPort = kit.NewEntry(), portEntry()
	f.imapTLS = securitySelect(f.imapPort, true)
	f.smtpTLS = securitySelect(f.smtpPort, false)
	f.folders = kit.NewEntry()
	f.backfill = newDefaultedNumber(func(d core.ChannelDefaults) int { return d.MailBackfillDays })
	f.fromName, f.fromAddr = kit.NewEntry(), kit.NewEntry()
	f.archive = widget.NewCheck(lang.L("Archive on the server when marked done"), nil)
	f.name.SetPlaceHolder(lang.L("Work"))
	f.user.SetPlaceHolder("you@example.com")
	f.imapHost.SetPlaceHolder("imap.example.com")
	f.smtpHost.SetPlaceHolder(lang.L("smtp.example.com (default: the IMAP host)"))
	f.FormFeedback = kit.NewFormFeedback(f.runTest, f.runAdd)
	f.gate = newEditGate(&f.FormFeedback, f.fingerprint, f.confirmSkip)
	f.gate.watch(f.user, f.password, f.imapHost, f.imapPort, f.smtpHost, f.smtpPort, f.imapTLS, f.smtpTLS,
		f.folders, f.backfill.Entry, f.fromName, f.fromAddr, f.archive)
}

func portEntry() *kit.Entry {
	e := kit.NewEntry()
	e.SetPlaceHolder(lang.L("port"))
	return e
}

// securitySelect picks TLS, STARTTLS or none and moves the port along when
// it still holds the previous mode's usual port.
func securitySelect(port *kit.Entry, imap bool) *kit.Select {
	var prev core.TLSMode
	sel := kit.NewSelect(securityLabels(), nil)
	sel.OnChanged = func(label string) {
		mode := securityMode(label)
		if port.Text == "" || port.Text == strconv.Itoa(usualPort(prev, imap)) {
			port.SetText(strconv.Itoa(usualPort(mode, imap)))
		}
		prev = mode
	}
	return sel
}

func securityLabels() []string {
	out := make([]string, len(securityModes))
	for i, m := range securityModes {
		out[i] = m.text()
	}
	return out
}

func securityMode(label string) core.TLSMode {
	for _, m := range securityModes {
		if m.text() == label {
			return m.mode
		}
	}
	return core.TLSImplicit
}

// usualPort is the well-known port of a protocol and security mode.
func usualPort(mode core.TLSMode, imap bool) int {
	switch {
	case imap && mode == core.TLSImplicit:
		return 993
	case imap:
		return 143
	case mode == core.TLSImplicit:
		return 465
	case mode == core.TLSStartTLS:
		return 587
	default:
		return 25
	}
}

func (f *accountForm) layout() fyne.CanvasObject {
	f.title = widget.NewLabelWithStyle(lang.L("Add an e-mail account"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.title.SizeName = theme.SizeNameSubHeadingText
	f.fields = container.NewStack(f.form(false))
	cancel := widget.NewButton(lang.L("Cancel"), f.close)
	buttons := container.NewHBox(f.TestButton, f.Activity, layout.NewSpacer(), cancel, f.gate.skip, f.SaveButton)
	page := container.NewVBox(widget.NewSeparator(), f.title, f.fields)
	if f.guess != nil {
		page.Add(f.guess.line) // below the fields: they do not move while typed in
	}
	// The problem and the result sit just above the buttons that caused
	// them, never below the fold.
	page.Add(f.Problem)
	page.Add(f.Result)
	page.Add(buttons)
	return page
}

// form lays the fields out; an edit also shows whom replies come from.
func (f *accountForm) form(edit bool) *widget.Form {
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Account name"), f.name),
		widget.NewFormItem(lang.L("E-mail / user"), f.user),
		widget.NewFormItem(lang.L("Password"), f.password),
		widget.NewFormItem(lang.L("IMAP server"), serverRow(f.imapHost, f.imapPort, f.imapTLS)),
		widget.NewFormItem(lang.L("SMTP server"), serverRow(f.smtpHost, f.smtpPort, f.smtpTLS)),
		hinted(widget.NewFormItem(lang.L("Folders"), f.folders), lang.L("Comma separated, e.g. INBOX, Support")),
		hinted(widget.NewFormItem(lang.L("Backfill days"), f.backfill.Entry), lang.L("How far back the first sync reaches; empty follows Settings")),
		widget.NewFormItem("", f.archive),
	)
	if edit {
		form.Append(lang.L("From name"), f.fromName)
		form.AppendItem(hinted(widget.NewFormItem(lang.L("From address"), f.fromAddr), lang.L("Replies are sent from it; empty: the user name")))
	}
	return form
}

func hinted(it *widget.FormItem, hint string) *widget.FormItem {
	it.HintText = hint
	return it
}

func serverRow(host, port *kit.Entry, sec *kit.Select) fyne.CanvasObject {
	portBox := container.NewGridWrap(fyne.NewSize(80, port.MinSize().Height), port)
	return container.NewBorder(nil, nil, nil, container.NewHBox(portBox, sec), host)
}

// reset empties the form to its defaults.
func (f *accountForm) reset() {
	f.stopEditing()
	for _, e := range []*kit.Entry{f.name, f.user, f.password, f.imapHost, f.smtpHost, f.fromName, f.fromAddr} {
		e.SetText("")
	}
	f.imapTLS.SetSelected(securityModes[0].text())
	f.smtpTLS.SetSelected(securityModes[1].text())
	f.imapPort.SetText(strconv.Itoa(usualPort(core.TLSImplicit, true)))
	f.smtpPort.SetText(strconv.Itoa(usualPort(core.TLSStartTLS, false)))
	f.folders.SetText("INBOX") // untranslated: the IMAP name of the inbox
	f.backfill.SetText("")
	f.archive.SetChecked(false)
	f.SetProblem("")
	f.SetResult("", widget.MediumImportance)
	if f.guess != nil {
		f.guess.reset()
	}
}

func (f *accountForm) open() {
	f.u.showDefaults(f.backfill)
	f.content.Show()
	f.u.Win.Canvas().Focus(f.name)
}

func (f *accountForm) close() {
	f.reset()
	f.content.Hide()
	if f.onClose != nil {
		f.onClose()
	}
}

// settings reads the form into validated settings, or says in plain words
// what to fix first. The rules are core's (IMAPSettings.Validate).
func (f *accountForm) settings() (core.IMAPSettings, error) {
	imapPort, err1 := strconv.Atoi(strings.TrimSpace(f.imapPort.Text))
	smtpPort, err2 := strconv.Atoi(strings.TrimSpace(f.smtpPort.Text))
	days, err3 := f.backfill.value("")
	switch {
	case strings.TrimSpace(f.name.Text) == "":
		return core.IMAPSettings{}, errors.New(lang.L("the account needs a name"))
	case err1 != nil || err2 != nil:
		return core.IMAPSettings{}, errors.New(lang.L("the ports must be numbers, e.g. 993 for IMAP and 587 for SMTP"))
	case err3 != nil:
		return core.IMAPSettings{}, errors.New(lang.L("backfill days must be a number, e.g. 90"))
	case f.password.Text == "" && f.editing.ID == 0:
		return core.IMAPSettings{}, errors.New(lang.L("the password is missing"))
	}
	s := f.base // an edit keeps what the form does not show
	s.Host, s.Port, s.TLS = strings.TrimSpace(f.imapHost.Text), imapPort, securityMode(f.imapTLS.Selected)
	s.User = strings.TrimSpace(f.user.Text)
	s.SMTPHost, s.SMTPPort, s.SMTPTLS = strings.TrimSpace(f.smtpHost.Text), smtpPort, securityMode(f.smtpTLS.Selected)
	s.Folders, s.BackfillDays, s.ArchiveOnDone = splitFolders(f.folders.Text), days, f.archive.Checked
	if f.editing.ID != 0 {
		s.From, s.FromName = strings.TrimSpace(f.fromAddr.Text), strings.TrimSpace(f.fromName.Text)
	}
	// Choosing "None" is the explicit consent core asks for; it still
	// refuses any host but loopback.
	s.AllowPlain = s.TLS == core.TLSNone || s.SMTPTLS == core.TLSNone
	v, err := validated(s)
	if f.editing.ID != 0 {
		// Saved as typed: a default (From, the SMTP host) stays a default
		// and follows the user or host when they change later.
		return s, err
	}
	return v, err
}

// validated applies core's defaults and rules to s.
func validated(s core.IMAPSettings) (core.IMAPSettings, error) {
	raw, err := json.Marshal(s)
	if err != nil {
		return s, fmt.Errorf("account settings: %w", err) // untranslated: json.Marshal of a plain struct does not fail
	}
	return core.ParseIMAPSettings(raw)
}

func splitFolders(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// runTest tries the settings off the UI goroutine, with a spinner.
func (f *accountForm) runTest() {
	s, err := f.settings()
	f.SetProblem(problemText(err))
	if err != nil {
		return
	}
	f.gate.busy(true)
	f.SetResult(lang.L("Testing the connection to {{.Target}}…", map[string]any{"Target": s.Host}), widget.MediumImportance)
	pw, id, fp := f.password.Text, f.editing.ID, fingerprint(s, f.password.Text)
	kit.BackgroundErr(f.u.Env, "test connection", func(ctx context.Context) error {
		ctx, cancel := context.WithTimeout(ctx, testTimeout)
		defer cancel()
		if id != 0 {
			return f.u.b.Accounts.TestIMAPEdit(ctx, id, s, pw)
		}
		return f.u.b.Accounts.TestIMAP(ctx, s, pw)
	}, func(err error) {
		f.gate.busy(false)
		if err != nil {
			f.SetResult(lang.L("The test failed. {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}), widget.DangerImportance)
			return
		}
		v, _ := validated(s)
		f.SetResult(lang.L("The connection works: Hearth logged in to {{.IMAP}} and reached {{.SMTP}} for replies.", map[string]any{"IMAP": v.Host, "SMTP": v.SMTPHost}), widget.SuccessImportance)
		f.gate.tested(fp)
	})
}

// runAdd saves the account; the sync starts by itself.
func (f *accountForm) runAdd() {
	s, err := f.settings()
	f.SetProblem(problemText(err))
	if err != nil {
		return
	}
	if f.editing.ID != 0 {
		f.runSave(s)
		return
	}
	f.Busy(true)
	name, pw := strings.TrimSpace(f.name.Text), f.password.Text
	kit.Background(f.u.Env, "add account", func(ctx context.Context) (core.Account, error) {
		return f.u.b.Accounts.AddIMAP(ctx, name, s, pw)
	}, func(a core.Account, err error) {
		f.Busy(false)
		if err != nil {
			f.SetProblem(addProblem(name, err))
			return
		}
		f.reset()
		f.content.Hide()
		f.onAdded(a)
	})
}

func addProblem(name string, err error) string {
	if errors.Is(err, core.ErrConflict) {
		return lang.L("An account named \"{{.Name}}\" already exists: choose another name.", map[string]any{"Name": name})
	}
	return lang.L("Could not add the account: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)})
}

func problemText(err error) string {
	if err == nil {
		return ""
	}
	return kit.ErrorText(err)
}
