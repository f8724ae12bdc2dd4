package members

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// pickerLimit is how many members the merge picker lists for a search.
const pickerLimit = 8

// askSplit confirms, then takes an identity out into a file of its own.
func (v *dossierView) askSplit(id core.Identity) {
	msg := lang.L("{{.Identity}} becomes a member file of its own; what it wrote goes with it.", map[string]any{"Identity": identityLabel(id)})
	dialog.ShowConfirm(lang.L("Split off {{.Identity}}?", map[string]any{"Identity": identityLabel(id)}), msg, func(ok bool) {
		if ok {
			v.split(id)
		}
	}, v.s.u.Win)
}

func (v *dossierView) split(id core.Identity) {
	kit.Background(v.s.u.Env, "split identity", func(ctx context.Context) (int64, error) {
		return v.s.u.b.Members.Split(ctx, id.ID)
	}, func(_ int64, err error) {
		if err != nil {
			v.banner.Show(lang.L("Could not split off {{.Identity}}: {{.Error}}", map[string]any{"Identity": identityLabel(id), "Error": kit.ErrorText(err)}))
			return
		}
		v.reload()
	})
}

// askMerge opens the picker: search a member, pick one, and their file
// joins this one.
func (v *dossierView) askMerge() {
	p := newMergePicker(v)
	p.show()
}

// mergePicker searches the members table for the file to merge in.
type mergePicker struct {
	v      *dossierView
	query  *kit.Entry
	found  []core.Member
	list   *widget.List
	dialog dialog.Dialog
}

func newMergePicker(v *dossierView) *mergePicker {
	p := &mergePicker{v: v, query: kit.NewEntry()}
	p.query.SetPlaceHolder(lang.L("Search a name, address or handle, then Enter"))
	p.query.OnSubmitted = p.search
	p.list = widget.NewList(func() int { return len(p.found) },
		func() fyne.CanvasObject { return kit.TruncLabel() },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(pickerLabel(p.found[i])) })
	p.list.OnSelected = p.picked
	return p
}

func pickerLabel(m core.Member) string {
	return fmt.Sprintf("%s  (%s)", memberName(m), channelNames(m.Channels))
}

func (p *mergePicker) show() {
	body := container.NewBorder(p.query, nil, nil, nil, p.list)
	title := lang.L("Merge another file into {{.Name}}", map[string]any{"Name": memberName(p.v.d.Member)})
	p.dialog = dialog.NewCustom(title, lang.L("Cancel"), body, p.v.s.u.Win)
	p.dialog.Resize(fyne.NewSize(520, 420))
	p.dialog.Show()
	p.v.s.u.Win.Canvas().Focus(p.query)
}

func (p *mergePicker) search(q string) {
	q = strings.TrimSpace(q)
	if q == "" {
		return
	}
	self := p.v.memberID
	kit.Background(p.v.s.u.Env, "search members", func(ctx context.Context) (core.MemberPage, error) {
		return p.v.s.u.b.Members.List(ctx, core.MemberFilter{Query: q, Sort: core.SortName, Limit: pickerLimit + 1})
	}, func(page core.MemberPage, err error) {
		if err != nil {
			p.v.banner.Show(lang.L("Could not search members: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
			return
		}
		p.found = p.found[:0]
		for _, m := range page.Members {
			if m.ID != self && len(p.found) < pickerLimit {
				p.found = append(p.found, m)
			}
		}
		p.list.UnselectAll()
		p.list.Refresh()
	})
}

// picked confirms the merge of the chosen member into the open one.
func (p *mergePicker) picked(i widget.ListItemID) {
	if i < 0 || i >= len(p.found) {
		return
	}
	from := p.found[i]
	p.dialog.Hide()
	msg := lang.L("{{.From}}'s identities, notes, tags and messages join {{.Into}}'s file. Split undoes it per identity.",
		map[string]any{"From": memberName(from), "Into": memberName(p.v.d.Member)})
	dialog.ShowConfirm(lang.L("Merge {{.Name}}?", map[string]any{"Name": memberName(from)}), msg, func(ok bool) {
		if ok {
			p.v.merge(from)
		}
	}, p.v.s.u.Win)
}

func (v *dossierView) merge(from core.Member) {
	into, intoName := v.memberID, memberName(v.d.Member)
	kit.Background(v.s.u.Env, "merge members", func(ctx context.Context) (core.MergeUndo, error) {
		return v.s.u.b.Members.MergeUndoable(ctx, into, from.ID)
	}, func(u core.MergeUndo, err error) {
		if err != nil {
			v.banner.Show(lang.L("Could not merge {{.Name}}: {{.Error}}", map[string]any{"Name": memberName(from), "Error": kit.ErrorText(err)}))
			return
		}
		v.reload()
		v.toast.Show(lang.L("Merged {{.From}} into {{.Into}}.", map[string]any{"From": memberName(from), "Into": intoName}), func() { v.undoMerge(u, memberName(from)) })
	})
}

// undoMerge takes a merge back: both files as they were.
func (v *dossierView) undoMerge(u core.MergeUndo, name string) {
	kit.BackgroundErr(v.s.u.Env, "undo merge", func(ctx context.Context) error {
		return v.s.u.b.Members.UndoMerge(ctx, u)
	}, func(err error) {
		if err != nil {
			v.banner.Show(lang.L("Could not undo the merge of {{.Name}}: {{.Error}}", map[string]any{"Name": name, "Error": kit.ErrorText(err)}))
			return
		}
		v.reload()
		v.s.reload.Request()
	})
}

// askDelete confirms, then erases the member and their personal data.
func (v *dossierView) askDelete() {
	name := memberName(v.d.Member)
	msg := lang.L("This erases {{.Name}}'s file and what they wrote from Hearth, as a person may ask. It cannot be undone.", map[string]any{"Name": name})
	confirm := dialog.NewConfirm(lang.L("Delete {{.Name}}?", map[string]any{"Name": name}), msg, func(ok bool) {
		if ok {
			v.delete()
		}
	}, v.s.u.Win)
	confirm.SetConfirmText(lang.L("Delete"))
	confirm.SetConfirmImportance(widget.DangerImportance)
	confirm.Show()
}

func (v *dossierView) delete() {
	id, name := v.memberID, memberName(v.d.Member)
	kit.BackgroundErr(v.s.u.Env, "delete member", func(ctx context.Context) error {
		return v.s.u.b.Members.Delete(ctx, id)
	}, func(err error) {
		if err != nil {
			v.banner.Show(lang.L("Could not delete {{.Name}}: {{.Error}}", map[string]any{"Name": name, "Error": kit.ErrorText(err)}))
			return
		}
		v.s.closeDossier()
	})
}

// askExport saves the member's whole file as JSON where the person says.
func (v *dossierView) askExport() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			v.banner.Show(lang.L("Could not export: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
			return
		}
		if w != nil {
			v.export(w)
		}
	}, v.s.u.Win)
	d.SetFileName(exportName(v.d.Member))
	d.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	d.Show()
}

func exportName(m core.Member) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>| `, r) {
			return '-'
		}
		return r
	}, memberName(m))
	return "member-" + name + ".json"
}

func (v *dossierView) export(w io.WriteCloser) {
	id := v.memberID
	kit.BackgroundErr(v.s.u.Env, "export member", func(ctx context.Context) error {
		return v.s.writeMemberFile(ctx, id, w)
	}, func(err error) {
		if err != nil {
			v.banner.Show(lang.L("Could not export the file: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
		}
	})
}

// writeMemberFile writes a member's whole file as indented JSON (the same
// form as hearth members export --member) and closes w.
func (s *Screen) writeMemberFile(ctx context.Context, id int64, w io.WriteCloser) error {
	file, err := s.u.b.Members.File(ctx, id)
	if err != nil {
		w.Close()
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(file); err != nil {
		w.Close()
		return err // the banner says what failed
	}
	if err := w.Close(); err != nil {
		return err
	}
	return nil
}

// openInInbox opens an item of the timeline in the inbox, listed there or
// not.
func (s *Screen) openInInbox(itemID int64) { s.u.openItem(itemID) }
