package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// formFeedback is what every account form shares: what to fix, the result
// of a connection test, a spinner, and the Test and Add buttons that the
// spinner disables while a call runs.
type formFeedback struct {
	problem, result *widget.Label
	activity        *widget.Activity
	test, save      *widget.Button
}

func newFormFeedback(runTest, runAdd func()) formFeedback {
	f := formFeedback{problem: dangerLabel(""), result: widget.NewLabel(""), activity: widget.NewActivity()}
	f.problem.Hide()
	f.result.Wrapping = fyne.TextWrapWord
	f.result.Hide()
	f.activity.Hide()
	f.test = widget.NewButtonWithIcon("Test connection", theme.LoginIcon(), runTest)
	f.save = widget.NewButtonWithIcon("Add account", theme.ConfirmIcon(), runAdd)
	f.save.Importance = widget.HighImportance
	return f
}

func (f *formFeedback) setProblem(text string) {
	f.problem.SetText(text)
	f.problem.Hidden = text == ""
	f.problem.Refresh()
}

func (f *formFeedback) setResult(text string, imp widget.Importance) {
	f.result.SetText(text)
	f.result.Importance = imp
	f.result.Hidden = text == ""
	f.result.Refresh()
}

func (f *formFeedback) busy(on bool) {
	if on {
		f.test.Disable()
		f.save.Disable()
		f.activity.Show()
		f.activity.Start()
		return
	}
	f.activity.Stop()
	f.activity.Hide()
	f.test.Enable()
	f.save.Enable()
}
