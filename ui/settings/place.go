package settings

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/ui/kit"
)

// placeSection says where the workspace file and its backups are, opens
// their folders, and backs up now.
type placeSection struct {
	s        *Screen
	backupTo *widget.Label
	backup   *widget.Button
	result   *status
}

func newPlaceSection(s *Screen) *placeSection {
	return &placeSection{s: s, result: newStatus()}
}

func (p *placeSection) section() Section {
	rows := []*widget.FormItem{}
	if ws := p.s.cb.Workspace; ws != "" {
		rows = append(rows, widget.NewFormItem(lang.L("Workspace file"), p.pathRow(ws, filepath.Dir(ws))))
	}
	if p.s.b.Backups != nil {
		dir := p.s.b.Backups.Dir()
		p.backup = widget.NewButtonWithIcon(lang.L("Back up now"), theme.DocumentSaveIcon(), p.backupNow)
		rows = append(rows, widget.NewFormItem(lang.L("Backups"), container.NewVBox(
			p.pathRow(dir, dir),
			kit.NewMutedWrapped(lang.L("A backup is made every day while Hearth runs; the last seven are kept. A backup made here is kept until you remove it."), fyne.TextAlignLeading),
			saveRow(p.backup, p.result))))
	} else {
		rows = append(rows, widget.NewFormItem(lang.L("Backups"), kit.NewMutedWrapped(
			lang.L("This workspace is not backed up automatically (the demo workspace is made anew at each start)."), fyne.TextAlignLeading)))
	}
	return Section{Title: lang.L("Workspace"), About: lang.L("Where this workspace and its backups are kept."),
		Content: container.NewVBox(widget.NewForm(rows...))}
}

// pathRow shows a path, selectable to copy, with a button that opens its
// folder.
func (p *placeSection) pathRow(path, folder string) fyne.CanvasObject {
	shown := widget.NewLabel(path)
	shown.Wrapping = fyne.TextWrapBreak
	shown.Selectable = true
	open := widget.NewButtonWithIcon(lang.L("Open folder"), theme.FolderOpenIcon(), func() { p.open(folder) })
	if p.s.cb.OpenFolder == nil {
		open.Disable()
	}
	return container.NewBorder(nil, nil, nil, open, shown)
}

func (p *placeSection) open(folder string) {
	if err := p.s.cb.OpenFolder(folder); err != nil {
		p.result.fail(lang.L("Could not open {{.Folder}}: {{.Error}}", map[string]any{"Folder": folder, "Error": kit.ErrorText(err)}))
	}
}

// backupNow writes a backup off the UI goroutine and says where it went.
func (p *placeSection) backupNow() {
	p.backup.Disable()
	p.result.clear()
	kit.Background(p.s.env, "back up now", p.s.b.Backups.Manual, func(path string, err error) {
		p.backup.Enable()
		if err != nil {
			p.result.fail(lang.L("The backup failed: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
			return
		}
		p.result.ok(lang.L("Backed up to {{.File}}", map[string]any{"File": filepath.Base(path)}))
	})
}
