package inbox

import (
	"context"
	"errors"
	"fmt"
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	coreinbox "github.com/hearthhq/hearth/core/inbox"
	"github.com/hearthhq/hearth/core/media"
	"github.com/hearthhq/hearth/ui/kit"
)

// Pictures shows the pictures of a conversation (core/inbox's Pictures
// satisfies it): an e-mail's from the stored copy, ours from their files,
// and the VK and X photos only once a person asks.
type Pictures interface {
	// AttachmentData reads an e-mail's i-th attachment from the stored
	// copy of the message.
	AttachmentData(ctx context.Context, itemID int64, i int) ([]byte, error)
	// CachedPicture is a remote picture loaded before ("": not yet).
	CachedPicture(ctx context.Context, itemID int64, i int) (string, error)
	// LoadPicture fetches a remote picture into the workspace.
	LoadPicture(ctx context.Context, itemID int64, i int) (string, error)
	AlwaysLoad(ctx context.Context, it core.Item) (bool, error)
	SetAlwaysLoad(ctx context.Context, s coreinbox.Sender, on bool) error
}

// picSide is the side of a picture's thumbnail in a message; bigSide
// the longer side of a picture opened bigger.
const (
	picSide = 160
	bigSide = 1600
)

// pictureShelf draws the pictures of the messages of the open thread.
type pictureShelf struct {
	u      *env
	thumbs *kit.Thumbs
	// redraw shows the thread again (the always-load choice changed).
	redraw func()
}

func newPictureShelf(u *env, redraw func()) *pictureShelf {
	// 32 thumbnails of 320 pixels at most: about 13 MB.
	return &pictureShelf{u: u, thumbs: kit.NewThumbs(u.Env, 2*picSide, 32), redraw: redraw}
}

// attachments lists a message's attachments: a row for each file, and a
// thumbnail for each picture Hearth can show (a placeholder for a remote
// one not loaded); nil for none of either.
func (p *pictureShelf) attachments(it core.Item) (files, pictures fyne.CanvasObject) {
	if len(it.Attachments) == 0 {
		return nil, nil
	}
	if p == nil || p.u.b.Pictures == nil {
		return attachmentList(it.Attachments), nil
	}
	var pics, remotes []fyne.CanvasObject
	var others []core.Attachment
	for i, a := range it.Attachments {
		switch {
		case a.Path != "" && media.IsPictureName(a.Path):
			// Ours, sent from this file (also once the channel lists it).
			pics = append(pics, p.local(a))
		case a.Remote() && a.IsPicture():
			remotes = append(remotes, p.remote(it, i))
		case it.Kind == core.ItemEmail && a.IsPicture() && !a.Remote() && a.Path == "":
			pics = append(pics, p.mail(it, i))
		default:
			others = append(others, a)
		}
	}
	if len(others) > 0 {
		files = attachmentList(others)
	}
	if len(pics) > 0 {
		remotes = append([]fyne.CanvasObject{container.NewGridWrap(tileSize(), pics...)}, remotes...)
	}
	if len(remotes) > 0 {
		pictures = container.NewVBox(remotes...)
	}
	return files, pictures
}

// tileSize is a picture's place: the thumbnail and its name under it.
func tileSize() fyne.Size {
	return fyne.NewSize(picSide, picSide+theme.CaptionTextSize()+4*theme.Padding())
}

// tile is a picture's thumbnail with its name under it; a tap opens it
// bigger.
func (p *pictureShelf) tile(name string, thumb func(done func(image.Image)) image.Image, open func()) fyne.CanvasObject {
	box := container.NewStack()
	show := func(img image.Image) {
		box.Objects = []fyne.CanvasObject{kit.ThumbView(img)}
		box.Refresh()
	}
	show(thumb(show))
	label := widget.NewLabel(name)
	label.Truncation = fyne.TextTruncateEllipsis
	label.SizeName = theme.SizeNameCaptionText
	tap := kit.NewTapArea(container.NewBorder(nil, label, nil, nil, box), open)
	return tap
}

// mail is an e-mail's attached picture, from the stored copy.
func (p *pictureShelf) mail(it core.Item, i int) fyne.CanvasObject {
	id, name := it.ID, it.Attachments[i].Name
	read := func(ctx context.Context) ([]byte, error) { return p.u.b.Pictures.AttachmentData(ctx, id, i) }
	key := fmt.Sprintf("mail:%d:%d", id, i)
	return p.tile(name, func(done func(image.Image)) image.Image {
		img, _ := p.thumbs.Get(key, func(ctx context.Context) (image.Image, error) {
			data, err := read(ctx)
			if err != nil {
				return nil, err
			}
			return media.ThumbnailData(data, p.thumbs.Side())
		}, done)
		return img
	}, func() {
		p.openBig(name, func(ctx context.Context) (image.Image, error) {
			data, err := read(ctx)
			if err != nil {
				return nil, err
			}
			return media.ThumbnailData(data, bigSide)
		})
	})
}

// local is a picture we sent with a reply, from its file.
func (p *pictureShelf) local(a core.Attachment) fyne.CanvasObject {
	path := a.Path
	return p.tile(a.Name, func(done func(image.Image)) image.Image {
		img, _ := p.thumbs.File(path, done)
		return img
	}, func() {
		p.openBig(a.Name, func(context.Context) (image.Image, error) { return media.Thumbnail(path, bigSide) })
	})
}

// openBig shows a picture as large as the window allows, decoded off the
// UI goroutine.
func (p *pictureShelf) openBig(name string, load func(context.Context) (image.Image, error)) {
	kit.Background(p.u.Env, "open picture", load, func(img image.Image, err error) {
		if err != nil {
			dialog.ShowError(errors.New(lang.L("Could not open the picture {{.Name}}: {{.Error}}", map[string]any{"Name": name, "Error": err})), p.u.Win)
			return
		}
		view := canvas.NewImageFromImage(img)
		view.FillMode = canvas.ImageFillContain
		win := p.u.Win.Canvas().Size()
		w, h := float32(img.Bounds().Dx()), float32(img.Bounds().Dy())
		scale := min(1, (win.Width*0.85)/w, (win.Height*0.75)/h)
		view.SetMinSize(fyne.NewSize(w*scale, h*scale))
		dialog.NewCustom(name, lang.L("Close"), view, p.u.Win).Show()
	})
}

// remote is a VK or X photo: a placeholder that says what it is and loads
// it on Load, or the picture when it was loaded before or its author's
// pictures are always loaded. Nothing is fetched otherwise.
func (p *pictureShelf) remote(it core.Item, i int) fyne.CanvasObject {
	a := it.Attachments[i]
	box := container.NewStack()
	var load func()
	// The channel's name of a photo ("photo5100105_457239017.jpg") says
	// nothing to a person: the caption says what it is.
	caption := remoteLabel(it.Kind, a)
	showPath := func(path string) {
		box.Objects = []fyne.CanvasObject{container.NewGridWrap(tileSize(), p.tile(caption, func(done func(image.Image)) image.Image {
			img, _ := p.thumbs.File(path, done)
			return img
		}, func() {
			p.openBig(caption, func(context.Context) (image.Image, error) { return media.Thumbnail(path, bigSide) })
		}))}
		box.Refresh()
	}
	title := widget.NewLabel(caption)
	title.Truncation = fyne.TextTruncateEllipsis
	button := widget.NewButtonWithIcon(lang.L("Load"), theme.DownloadIcon(), func() { load() })
	// A framed row: the picture's place, what it is, and Load.
	frame := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	frame.CornerRadius = theme.InputRadiusSize()
	row := container.NewBorder(nil, nil, widget.NewIcon(theme.FileImageIcon()), button, title)
	placeholder := container.NewHBox(container.NewStack(frame, container.NewPadded(
		container.NewGridWrap(fyne.NewSize(2*picSide+80, row.MinSize().Height), row))))
	box.Objects = []fyne.CanvasObject{placeholder}
	id := it.ID
	load = func() {
		button.Disable()
		button.SetText(lang.L("Loading…"))
		kit.Background(p.u.Env, "load picture", func(ctx context.Context) (string, error) {
			return p.u.b.Pictures.LoadPicture(ctx, id, i)
		}, func(path string, err error) {
			if err != nil {
				button.Enable()
				button.SetText(lang.L("Load"))
				title.SetText(lang.L("Not loaded: {{.Why}}", map[string]any{"Why": kit.ErrorText(err)}))
				return
			}
			showPath(path)
		})
	}
	// Loaded before (shown from the disk), or its author's pictures are
	// always loaded: asked off the UI goroutine.
	type known struct {
		path   string
		always bool
	}
	kit.Background(p.u.Env, "picture state", func(ctx context.Context) (known, error) {
		path, err := p.u.b.Pictures.CachedPicture(ctx, id, i)
		if err != nil || path != "" {
			return known{path: path}, err
		}
		always, err := p.u.b.Pictures.AlwaysLoad(ctx, it)
		return known{always: always}, err
	}, func(k known, err error) {
		switch {
		case err != nil:
		case k.path != "":
			showPath(k.path)
		case k.always:
			load()
		}
	})
	return box
}

// remoteLabel says what a remote picture is before it is loaded: "Photo
// from VK · 1280×960".
func remoteLabel(kind core.ItemKind, a core.Attachment) string {
	s := lang.L("Photo from {{.Channel}}", map[string]any{"Channel": channelOf(kind)})
	if a.Width > 0 && a.Height > 0 {
		s += fmt.Sprintf(" · %d×%d", a.Width, a.Height)
	}
	return s
}

// channelOf names the channel of a kind (VK, X) for a remote picture.
func channelOf(kind core.ItemKind) string {
	switch {
	case onVK(kind):
		return "VK"
	case onX(kind):
		return "X"
	}
	return kit.ChannelName(kind)
}

// alwaysCheck is "Always load pictures from this person" under a
// message whose author's pictures stay on their channel: persisted, and
// unticked in the same place.
func (p *pictureShelf) alwaysCheck(it core.Item) fyne.CanvasObject {
	key := coreinbox.SenderOf(it)
	if p == nil || p.u.b.Pictures == nil || key == "" {
		return nil
	}
	sender := coreinbox.Sender{Key: key, Name: personLine(it)}
	check := widget.NewCheck(lang.L("Always load pictures from this person"), nil)
	kit.Background(p.u.Env, "always load pictures", func(ctx context.Context) (bool, error) {
		return p.u.b.Pictures.AlwaysLoad(ctx, it)
	}, func(on bool, err error) {
		if err == nil {
			check.SetChecked(on)
		}
		check.OnChanged = func(on bool) {
			kit.BackgroundErr(p.u.Env, "always load pictures", func(ctx context.Context) error {
				return p.u.b.Pictures.SetAlwaysLoad(ctx, sender, on)
			}, func(err error) {
				if err != nil {
					dialog.ShowError(err, p.u.Win)
					return
				}
				if on && p.redraw != nil {
					p.redraw() // the pictures of this person load now
				}
			})
		}
	})
	return check
}

// hasRemote reports whether an item carries a picture that stays on its
// channel until asked for.
func hasRemote(it core.Item) bool {
	for _, a := range it.Attachments {
		if a.Remote() && a.IsPicture() {
			return true
		}
	}
	return false
}
