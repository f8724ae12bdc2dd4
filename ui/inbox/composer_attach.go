package inbox

import (
	"context"
	"image"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	coreinbox "github.com/hearthhq/hearth/core/inbox"
	"github.com/hearthhq/hearth/core/media"
	"github.com/hearthhq/hearth/core/posttext"
	"github.com/hearthhq/hearth/ui/kit"
)

// chipSide is the side of an attached picture's thumbnail.
const chipSide = 40

// attachBar is the composer's attached files: Attach… (the file dialog,
// pictures only on VK and X), a chip per file (a thumbnail of a local
// picture, its name, remove), and why the files cannot go when they
// cannot (core/inbox.CheckAttach, asked off the UI goroutine).
type attachBar struct {
	u      *env
	button *widget.Button
	chips  *fyne.Container
	why    *widget.Label
	row    *fyne.Container

	face    int64 // the conversation's message the composer opened
	kind    core.ItemKind
	files   []core.PostImage
	thumbs  *kit.Thumbs
	refused string // why the files cannot go ("": they can)
	checked string // the files and kind the last check was for
}

func newAttachBar(u *env) *attachBar {
	a := &attachBar{u: u, chips: container.NewHBox(), why: widget.NewLabel(""), thumbs: kit.NewThumbs(u.Env, 2*chipSide, 32)}
	a.button = widget.NewButtonWithIcon(lang.L("Attach…"), theme.ContentAddIcon(), a.choose)
	a.button.Importance = widget.LowImportance
	a.why.Wrapping = fyne.TextWrapWord
	a.why.Importance = widget.DangerImportance
	a.why.Hide()
	a.row = container.NewVBox(a.chips, a.why)
	a.row.Hide()
	return a
}

// takes reports whether a reply to an item of kind k can carry files from
// Hearth: an e-mail any file, a VK comment or an X reply pictures.
func takes(k core.ItemKind) bool {
	return k == core.ItemEmail || posttext.LimitsOf(posttext.ForReply(k)).Media > 0
}

// reset readies the bar for a reply to an item of kind k in the
// conversation face: the files stay while the reply moves within one
// conversation (another comment of the thread), else it empties.
func (a *attachBar) reset(face int64, k core.ItemKind) {
	if face != a.face || !takes(k) {
		a.files, a.refused, a.checked = nil, "", ""
	}
	a.face, a.kind = face, k
	a.button.Hidden = !takes(k)
	a.button.Refresh()
	a.rebuild()
}

// choose opens the system's file chooser; the file chosen is added.
func (a *attachBar) choose() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		r.Close()
		a.add(r.URI().Path())
	}, a.u.Win)
	if a.kind != core.ItemEmail {
		// Pictures only there (media.PictureExts); an e-mail takes any file.
		d.SetFilter(storage.NewExtensionFileFilter(media.PictureExts))
	}
	d.Show()
}

// add attaches a file (the dialog's choice, or a file dropped on the
// window), once.
func (a *attachBar) add(path string) {
	if !takes(a.kind) || slices.ContainsFunc(a.files, func(f core.PostImage) bool { return f.Path == path }) {
		return
	}
	a.files = append(a.files, core.PostImage{Path: path})
	a.rebuild()
}

func (a *attachBar) remove(path string) {
	a.files = slices.DeleteFunc(a.files, func(f core.PostImage) bool { return f.Path == path })
	a.rebuild()
}

// clear empties the bar once the reply is queued.
func (a *attachBar) clear() {
	a.files, a.refused, a.checked = nil, "", ""
	a.rebuild()
}

// attached is what goes with the reply.
func (a *attachBar) attached() []core.PostImage { return slices.Clone(a.files) }

// rebuild shows a chip per file and checks them again.
func (a *attachBar) rebuild() {
	chips := make([]fyne.CanvasObject, len(a.files))
	for i, f := range a.files {
		chips[i] = a.chip(f.Path)
	}
	a.chips.Objects = chips
	a.chips.Refresh()
	a.row.Hidden = len(a.files) == 0
	a.row.Refresh()
	a.check()
}

func (a *attachBar) chip(path string) fyne.CanvasObject {
	var icon fyne.CanvasObject = widget.NewIcon(theme.FileIcon())
	if media.IsPictureName(path) {
		// An unreadable picture keeps the generic icon (the check says why).
		if thumb := a.thumb(path); thumb != nil {
			icon = kit.ThumbView(thumb)
		}
	}
	box := container.NewGridWrap(fyne.NewSize(chipSide, chipSide), icon)
	name := widget.NewLabel(filepath.Base(path))
	name.Truncation = fyne.TextTruncateEllipsis
	del := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { a.remove(path) })
	del.Importance = widget.LowImportance
	return container.NewHBox(box, container.NewGridWrap(fyne.NewSize(160, chipSide), name), del)
}

// thumb is a file's thumbnail once decoded (nil before, or unreadable).
func (a *attachBar) thumb(path string) image.Image {
	img, _ := a.thumbs.File(path, func(image.Image) { a.rebuild() })
	return img
}

// check asks core, off the UI goroutine, whether the files can go with
// the reply; Send refuses while they cannot.
func (a *attachBar) check() {
	files, kind := a.attached(), a.kind
	key := string(kind) + "\x00" + pathsKey(files)
	if key == a.checked {
		return
	}
	a.checked = key
	a.showWhy("")
	if len(files) == 0 {
		return
	}
	kit.BackgroundErr(a.u.Env, "check attachments", func(context.Context) error {
		return coreinbox.CheckAttach(kind, files)
	}, func(err error) {
		if key != a.checked {
			return // changed meanwhile: a newer check comes
		}
		if err != nil {
			a.showWhy(kit.ErrorText(err))
		}
	})
}

func (a *attachBar) showWhy(why string) {
	a.refused = why
	a.why.SetText(why)
	a.why.Hidden = why == ""
	a.why.Refresh()
}

func pathsKey(files []core.PostImage) string {
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = f.Path
	}
	return strings.Join(paths, "\x00")
}

// attachOK says, in the composer's note, why the reply cannot go with its
// files: a private message takes none, a check refused them.
func (c *composer) attachOK() bool {
	switch {
	case len(c.att.files) == 0:
		return true
	case c.rcpt.isPrivate():
		c.setNote(lang.L("A private message goes without files: remove them, or answer in public."), widget.DangerImportance)
		return false
	case c.att.refused != "":
		c.setNote(c.att.refused, widget.DangerImportance)
		return false
	}
	return true
}

// Dropped attaches the files dropped on the window to the reply being
// written; with no reply open, or one that takes no files, it says so.
func (s *Screen) Dropped(paths []string) {
	c := s.composer
	switch {
	case c.item.ID == 0 || !c.content.Visible():
		s.banner.Show(lang.L("Open a message, then drop the files to attach on the window."))
		return
	case !takes(c.item.Kind):
		c.setNote(lang.L("This answer takes no files from Hearth."), widget.WarningImportance)
		return
	}
	for _, p := range paths {
		c.att.add(p)
	}
}
