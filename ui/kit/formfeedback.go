package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// FormFeedback is what every account form shares: what to fix, the result
// of a connection test, a spinner, and the Test and Add buttons that the
// spinner disables while a call runs.
type FormFeedback struct {
	Problem, Result        *widget.Label
	Activity               *widget.Activity
	TestButton, SaveButton *widget.Button
}

// NewFormFeedback makes the shared part of a form whose buttons run
// runTest and runAdd.
func NewFormFeedback(runTest, runAdd func()) FormFeedback {
	f := FormFeedback{Problem: DangerLabel(""), Result: widget.NewLabel(""), Activity: widget.NewActivity()}
	f.Problem.Hide()
	f.Result.Wrapping = fyne.TextWrapWord
	f.Result.Hide()
	f.Activity.Hide()
	f.TestButton = widget.NewButtonWithIcon(lang.L("Test connection"), theme.LoginIcon(), runTest)
	f.SaveButton = widget.NewButtonWithIcon(lang.L("Add account"), theme.ConfirmIcon(), runAdd)
	f.SaveButton.Importance = widget.HighImportance
	return f
}

// SetProblem says what to fix; "" hides it.
func (f *FormFeedback) SetProblem(text string) {
	f.Problem.SetText(text)
	f.Problem.Hidden = text == ""
	f.Problem.Refresh()
}

// SetResult shows a connection test's result; "" hides it.
func (f *FormFeedback) SetResult(text string, imp widget.Importance) {
	f.Result.SetText(text)
	f.Result.Importance = imp
	f.Result.Hidden = text == ""
	f.Result.Refresh()
}

// Busy disables the buttons and spins while a test or an add runs.
func (f *FormFeedback) Busy(on bool) {
	if on {
		f.TestButton.Disable()
		f.SaveButton.Disable()
		f.Activity.Show()
		f.Activity.Start()
		return
	}
	f.Activity.Stop()
	f.Activity.Hide()
	f.TestButton.Enable()
	f.SaveButton.Enable()
}
