package accounts

import (
	"encoding/json"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/ui/kit"
)

// unchanged is the placeholder of a secret field while editing: left
// empty, the stored secret is kept.
func unchanged() string { return lang.L("Unchanged: type a new one to replace it") }

// editGate is an edit form's rule: Save is enabled only once a connection
// test passed with exactly the settings the form holds now; "Save without
// testing" saves anyway, after saying what it skips. Adding keeps the add
// forms' own flow (test, then Add, or Add at once).
type editGate struct {
	fb   *kit.FormFeedback
	skip *widget.Button
	// current fingerprints what the form holds; false when it cannot be
	// read (a field to fix).
	current func() (string, bool)
	on      bool
	passed  string // fingerprint of what the last passing test tried
}

func newEditGate(fb *kit.FormFeedback, current func() (string, bool), skip func()) *editGate {
	g := &editGate{fb: fb, current: current}
	g.skip = widget.NewButtonWithIcon(lang.L("Save without testing"), theme.WarningIcon(), skip)
	g.skip.Hide()
	return g
}

// start puts the form in edit mode: nothing tested yet.
func (g *editGate) start() {
	g.on, g.passed = true, ""
	g.fb.SaveButton.SetText(lang.L("Save"))
	g.skip.Show()
	g.refresh()
}

// stop puts the form back in add mode.
func (g *editGate) stop() {
	g.on, g.passed = false, ""
	g.fb.SaveButton.SetText(lang.L("Add account"))
	g.fb.SaveButton.Enable()
	g.skip.Hide()
}

// tested records a passing test of what fingerprint names.
func (g *editGate) tested(fingerprint string) {
	g.passed = fingerprint
	g.refresh()
}

// ready reports whether Save may go ahead: what the form holds passed.
func (g *editGate) ready() bool {
	fp, ok := g.current()
	return !g.on || (ok && g.passed != "" && fp == g.passed)
}

// refresh enables Save only for tested settings; a change after a passing
// test says so and asks for another.
func (g *editGate) refresh() {
	if !g.on {
		return
	}
	if g.passed != "" && !g.ready() {
		g.passed = ""
		g.fb.SetResult(lang.L("The settings changed since the test: test them again, or save without testing."), widget.WarningImportance)
	}
	if g.passed == "" {
		g.fb.SaveButton.Disable()
	} else {
		g.fb.SaveButton.Enable()
	}
}

// busy spins while a call runs, then applies the rule again.
func (g *editGate) busy(on bool) {
	g.fb.Busy(on)
	if on {
		g.skip.Disable()
		return
	}
	g.skip.Enable()
	g.refresh()
}

// watch re-applies the rule whenever one of the fields changes.
func (g *editGate) watch(fields ...fyne.CanvasObject) {
	for _, o := range fields {
		switch w := o.(type) {
		case *kit.Entry:
			w.OnChanged = func(string) { g.refresh() }
		case *widget.Check:
			w.OnChanged = func(bool) { g.refresh() }
		case *kit.Select:
			prev := w.OnChanged
			w.OnChanged = func(s string) {
				if prev != nil {
					prev(s)
				}
				g.refresh()
			}
		}
	}
}

// confirmSkip asks before saving untested settings, naming what is not
// checked.
func confirmSkip(win fyne.Window, target string, save func()) {
	msg := lang.L("Hearth will not check that it can reach {{.Target}} with these settings.\nIf they are wrong, the account shows the error at its next sync.", map[string]any{"Target": target})
	d := dialog.NewConfirm(lang.L("Save without testing?"), msg, func(ok bool) {
		if ok {
			save()
		}
	}, win)
	d.SetConfirmText(lang.L("Save without testing"))
	d.SetDismissText(lang.L("Cancel"))
	d.Show()
}

// fingerprint names settings and the secrets typed, to tell whether what
// a test tried is what Save would save.
func fingerprint(settings any, secrets ...string) string {
	raw, err := json.Marshal(struct {
		S any
		K []string
	}{settings, secrets})
	if err != nil {
		return ""
	}
	return string(raw)
}
