package settings

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/ui/kit"
)

// field is one value of a form with the line under it that says what is
// wrong with it: a refusal is read next to what must change.
type field struct {
	entry   *kit.Entry
	problem *widget.Label
	box     fyne.CanvasObject
}

func newField(placeholder string) *field {
	f := &field{entry: kit.NewEntry(), problem: kit.DangerLabel("")}
	f.entry.SetPlaceHolder(placeholder)
	return f.under(f.entry)
}

// under makes a field of another widget (a multi-line entry, checks).
func (f *field) under(o fyne.CanvasObject) *field {
	if f.problem == nil {
		f.problem = kit.DangerLabel("")
	}
	f.problem.Wrapping = fyne.TextWrapWord
	f.problem.Hide()
	f.box = container.NewVBox(o, f.problem)
	return f
}

// say shows what is wrong; "" hides it.
func (f *field) say(problem string) {
	f.problem.SetText(problem)
	f.problem.Hidden = problem == ""
	f.problem.Refresh()
}

// status is the line beside a section's Save button: saved, or why not.
type status struct{ label *widget.Label }

func newStatus() *status {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	return &status{label: l}
}

func (s *status) ok(text string) {
	s.label.Importance = widget.SuccessImportance
	s.label.SetText(text)
}

func (s *status) fail(text string) {
	s.label.Importance = widget.DangerImportance
	s.label.SetText(text)
}

func (s *status) clear() { s.label.SetText("") }

// saveRow is a section's Save button and its status.
func saveRow(save *widget.Button, st *status) fyne.CanvasObject {
	return container.NewBorder(nil, nil, save, nil, st.label)
}

// intIn reads a whole number within [lo, hi], saying beside the field
// when it is not one.
func (f *field) intIn(lo, hi int) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(f.entry.Text))
	if err != nil || n < lo || n > hi {
		f.say(lang.L("Write a whole number from {{.Min}} to {{.Max}}.", map[string]any{"Min": kit.Number(lo), "Max": kit.Number(hi)}))
		return 0, false
	}
	f.say("")
	return n, true
}

// floatIn reads a number within [lo, hi] (a comma is read as the
// decimal point, as French, Russian and Bulgarian write it).
func (f *field) floatIn(lo, hi float64) (float64, bool) {
	n, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(f.entry.Text), ",", "."), 64)
	if err != nil || n < lo || n > hi {
		f.say(lang.L("Write a number from {{.Min}} to {{.Max}}.", map[string]any{"Min": kit.Score(lo, 2), "Max": kit.Score(hi, 2)}))
		return 0, false
	}
	f.say("")
	return n, true
}

func (f *field) setInt(n int) { f.entry.SetText(strconv.Itoa(n)) }

// setFloat shows n with the language's decimal mark ("0,5" in French),
// without digit grouping, so that floatIn reads it back as it is.
func (f *field) setFloat(n float64) {
	mark := strings.TrimSuffix(strings.TrimPrefix(kit.Decimal(0.5, 1), "0"), "5")
	f.entry.SetText(strings.Replace(strconv.FormatFloat(n, 'f', -1, 64), ".", mark, 1))
}
