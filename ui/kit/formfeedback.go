package kit

import (
	"fyne.io/fyne/v2"
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

func NewFormFeedback(runTest, runAdd func()) FormFeedback {
	f := FormFeedback{Problem: DangerLabel(""), Result: widget.NewLabel(""), Activity: widget.NewActivity()}
	f.Problem.Hide()
	f.Result.Wrapping = fyne.TextWrapWord
	f.Result.Hide()
	f.Activity.Hide()
	f.TestButton = widget.NewButtonWithIcon("Test connection", theme.LoginIcon(), runTest)
	f.SaveButton = widget.NewButtonWithIcon("Add account", theme.ConfirmIcon(), runAdd)
	f.SaveButton.Importance = widget.HighImportance
	return f
}

func (f *FormFeedback) SetProblem(text string) {
	f.Problem.SetText(text)
	f.Problem.Hidden = text == ""
	f.Problem.Refresh()
}

func (f *FormFeedback) SetResult(text string, imp widget.Importance) {
	f.Result.SetText(text)
	f.Result.Importance = imp
	f.Result.Hidden = text == ""
	f.Result.Refresh()
}

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
