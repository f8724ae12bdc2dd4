package members

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// profileForm edits the name, location, language and bio in place. Enter
// in any one-line field saves, Tab moves on, Esc-free: Cancel closes it.
type profileForm struct {
	v        *dossierView
	name     *kit.Entry
	location *kit.Entry
	language *kit.Entry
	bio      *noteEntry
	content  fyne.CanvasObject
}

func newProfileForm(v *dossierView) *profileForm {
	p := &profileForm{v: v, name: kit.NewEntry(), location: kit.NewEntry(), language: kit.NewEntry()}
	p.bio = newNoteEntry(p.save)
	p.bio.SetPlaceHolder(lang.L("A short bio"))
	for _, e := range []*kit.Entry{p.name, p.location, p.language} {
		e.OnSubmitted = func(string) { p.save() }
	}
	form := widget.NewForm(
		widget.NewFormItem(lang.L("member.name"), p.name),
		widget.NewFormItem(lang.L("Location"), p.location),
		widget.NewFormItem(lang.L("Language"), p.language),
		widget.NewFormItem(lang.L("Bio"), p.bio),
	)
	buttons := container.NewHBox(kit.PrimaryButton(lang.L("Save"), theme.DocumentSaveIcon(), p.save),
		widget.NewButton(lang.L("Cancel"), p.hide))
	p.content = container.NewVBox(form, buttons)
	p.content.Hide()
	return p
}

// toggle opens the form filled from the file, or closes it.
func (p *profileForm) toggle() {
	if p.content.Visible() {
		p.hide()
		return
	}
	m := p.v.d.Member
	p.name.SetText(m.Name)
	p.location.SetText(m.Location)
	p.language.SetText(m.Language)
	p.bio.SetText(m.Bio)
	p.content.Show()
	p.v.s.u.Win.Canvas().Focus(p.name)
}

func (p *profileForm) hide() { p.content.Hide() }

// save stores the fields that changed and shows them at once.
func (p *profileForm) save() {
	m := &p.v.d.Member
	var prof core.MemberProfile
	changed := false
	for _, f := range []struct {
		have *string
		e    string
		dst  **string
	}{
		{&m.Name, p.name.Text, &prof.Name},
		{&m.Location, p.location.Text, &prof.Location},
		{&m.Language, p.language.Text, &prof.Language},
		{&m.Bio, p.bio.Text, &prof.Bio},
	} {
		if v := strings.TrimSpace(f.e); v != *f.have {
			*f.dst, *f.have, changed = &v, v, true
		}
	}
	p.hide()
	if !changed {
		return
	}
	p.v.render()
	p.v.save("save the profile", func(ctx context.Context, id int64) error {
		return p.v.s.u.b.Members.UpdateProfile(ctx, id, prof)
	})
}
