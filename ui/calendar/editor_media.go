package calendar

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/calendar"
	"github.com/hearthhq/hearth/core/media"
	"github.com/hearthhq/hearth/core/posttext"
	"github.com/hearthhq/hearth/ui/kit"
)

// thumbSide is the side of a picture's thumbnail in the editor.
const thumbSide = 56

// videoExts are the videos the file dialog offers (MP4 and MOV, as
// media.Inspect reads them), besides media.PictureExts.
var videoExts = []string{".mp4", ".m4v", ".mov"}

func isMediaFile(path string) bool {
	return media.IsPictureName(path) || slices.Contains(videoExts, strings.ToLower(filepath.Ext(path)))
}

// mediaList is the editor's pictures and videos, in the order they go
// out: a row per file (a thumbnail of a local picture, or a video's tile
// with its length and size, its name, its alt text, move up or down,
// remove), Add picture or video (the file dialog), each chosen channel's
// limits, and what each channel will get (a picture re-encoded to fit, or
// why one cannot go), read off the UI goroutine whenever the pictures or
// the channels change.
type mediaList struct {
	e      *postEditor
	items  []core.PostImage
	thumbs *kit.Thumbs
	videos map[string]media.Info        // the videos among them, by path, once read
	probed map[string]bool              // the files asked whether they are videos
	boxes  map[string][]*fyne.Container // the thumbnail boxes showing a path
	rows   *fyne.Container
	add    *widget.Button
	limits *widget.Label
	plan   *widget.Label
	// refused is why the pictures cannot go out as they are ("": they
	// can), from the last plan: Schedule refuses with it.
	refused string
	planned string // the pictures and channels the last plan was for
}

func newMediaList(e *postEditor) *mediaList {
	m := &mediaList{e: e, thumbs: kit.NewThumbs(e.s.u.Env, 2*thumbSide, 32), videos: map[string]media.Info{}, probed: map[string]bool{}, boxes: map[string][]*fyne.Container{},
		rows: container.NewVBox(), limits: widget.NewLabel(""), plan: widget.NewLabel("")}
	m.add = widget.NewButtonWithIcon(lang.L("Add picture or video…"), theme.ContentAddIcon(), m.choose)
	m.limits.Wrapping, m.plan.Wrapping = fyne.TextWrapWord, fyne.TextWrapWord
	m.limits.Importance = widget.LowImportance
	m.plan.Hide()
	return m
}

func (m *mediaList) content() fyne.CanvasObject {
	return container.NewVBox(m.rows, container.NewHBox(m.add), m.limits, m.plan)
}

// set shows a post's pictures (the editor opened another post).
func (m *mediaList) set(items []core.PostImage) {
	m.items = slices.Clone(items)
	m.refused, m.planned = "", ""
	m.rebuild()
}

// choose opens the system's file chooser; the picture or video chosen is
// added.
func (m *mediaList) choose() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		r.Close()
		m.addPath(r.URI().Path())
	}, m.e.s.u.Win)
	d.SetFilter(storage.NewExtensionFileFilter(slices.Concat(media.PictureExts, videoExts)))
	d.Show()
}

// Dropped adds the pictures and videos dropped on the window to the post
// open in the editor; without one open, or for a file that is neither,
// the screen says what to do.
func (s *Screen) Dropped(paths []string) {
	if !s.editor.content.Visible() {
		s.banner.Show(lang.L("Open a post, then drop its pictures on the window."))
		return
	}
	var skipped []string
	for _, p := range paths {
		if !isMediaFile(p) {
			skipped = append(skipped, filepath.Base(p))
			continue
		}
		s.editor.media.addPath(p)
	}
	if len(skipped) > 0 {
		s.editor.setNote(lang.L("Neither a picture nor a video, left out: {{.Files}}", map[string]any{"Files": strings.Join(skipped, ", ")}),
			widget.WarningImportance)
	}
}

// addPath adds a picture at the end.
func (m *mediaList) addPath(path string) {
	m.items = append(m.items, core.PostImage{Path: path})
	m.edited()
}

// move swaps picture i with the one dir places away.
func (m *mediaList) move(i, dir int) {
	j := i + dir
	if j < 0 || j >= len(m.items) {
		return
	}
	m.items[i], m.items[j] = m.items[j], m.items[i]
	m.edited()
}

func (m *mediaList) remove(i int) {
	m.items = slices.Delete(m.items, i, i+1)
	m.edited()
}

// edited is a change of the list: rows, counters and the draft follow.
func (m *mediaList) edited() {
	m.rebuild()
	m.e.changed("")
}

// rebuild makes a row per picture and loads the thumbnails it lacks.
func (m *mediaList) rebuild() {
	rows := make([]fyne.CanvasObject, len(m.items))
	m.boxes = map[string][]*fyne.Container{}
	for i, it := range m.items {
		rows[i] = m.row(i, it)
		m.probe(it.Path)
	}
	m.rows.Objects = rows
	m.rows.Refresh()
	m.update()
}

func (m *mediaList) row(i int, it core.PostImage) fyne.CanvasObject {
	box := container.NewGridWrap(fyne.NewSize(thumbSide, thumbSide), m.tile(it.Path, true))
	m.boxes[it.Path] = append(m.boxes[it.Path], box)
	alt := kit.NewEntry()
	alt.SetPlaceHolder(lang.L("Describe the picture (alt text)"))
	if _, ok := m.videos[it.Path]; ok {
		alt.SetPlaceHolder(lang.L("Video description (for VK)"))
	}
	alt.SetText(it.Alt)
	alt.OnChanged = func(s string) {
		if i < len(m.items) {
			m.items[i].Alt = s
			m.e.changed("")
		}
	}
	up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { m.move(i, -1) })
	down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { m.move(i, 1) })
	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { m.remove(i) })
	for _, b := range []*widget.Button{up, down, del} {
		b.Importance = widget.LowImportance
	}
	if i == 0 {
		up.Disable()
	}
	if i == len(m.items)-1 {
		down.Disable()
	}
	name := widget.NewLabel(fmt.Sprintf("%d. %s", i+1, filepath.Base(it.Path)))
	name.Truncation = fyne.TextTruncateEllipsis
	head := container.NewBorder(nil, nil, nil, container.NewHBox(up, down, del), name)
	return container.NewBorder(nil, nil, box, nil, container.NewVBox(head, alt))
}

// probe reads once, off the UI goroutine, whether a file is a video and
// its length and size from its boxes (no frame is decoded); pictures get
// their thumbnails from kit.Thumbs as the rows ask.
func (m *mediaList) probe(path string) {
	if m.probed[path] {
		return
	}
	m.probed[path] = true
	kit.Background(m.e.s.u.Env, "read the video", func(context.Context) (media.Info, error) {
		return media.Inspect(path)
	}, func(info media.Info, err error) {
		if err != nil || !info.Video {
			return // a picture, or unreadable: the plan says why it cannot go
		}
		m.videos[path] = info
		m.rebuild() // the tile and the alt text's hint change with the kind
	})
}

// thumb is a picture's thumbnail, nil while it is decoded off the UI
// goroutine or when it cannot be read (the generic icon stays; the plan
// says why).
func (m *mediaList) thumb(path string) image.Image {
	img, _ := m.thumbs.File(path, func(img image.Image) {
		// In place: rebuilding the rows would take the focus from an alt
		// text being typed.
		for _, box := range m.boxes[path] {
			box.Objects = []fyne.CanvasObject{kit.ThumbView(img)}
			box.Refresh()
		}
		m.e.preview.update()
	})
	return img
}

// tile shows a file in the list (big) or in a preview: a video's tile,
// or a picture's thumbnail.
func (m *mediaList) tile(path string, big bool) fyne.CanvasObject {
	if info, ok := m.videos[path]; ok {
		return videoTile(info, big)
	}
	if slices.Contains(videoExts, strings.ToLower(filepath.Ext(path))) {
		return widget.NewIcon(theme.FileVideoIcon()) // until it is read
	}
	return kit.ThumbView(m.thumb(path))
}

// videoRefusal says why a channel takes none of the post's videos as they
// are ("" when it takes them), from what was read of them: the preview
// shows it under the channel's tiles.
func (m *mediaList) videoRefusal(items []core.PostImage, ch posttext.Channel, channel string) string {
	lim := posttext.MediaOf(ch)
	infos := make([]media.Info, len(items))
	videos := 0
	for i, it := range items {
		infos[i] = media.Info{Path: it.Path}
		if v, ok := m.videos[it.Path]; ok {
			infos[i], videos = v, videos+1
			if _, err := v.Plan(lim, channel); err != nil {
				return kit.ErrorText(err)
			}
		}
	}
	if videos == 0 {
		return ""
	}
	if err := media.Alone(infos, lim, channel); err != nil {
		return kit.ErrorText(err)
	}
	return ""
}

// videoTile stands for a video: the video icon over its length and, big,
// its size, on a dark ground as players show a video before it plays.
func videoTile(info media.Info, big bool) fyne.CanvasObject {
	ground := canvas.NewRectangle(color.NRGBA{R: 0x20, G: 0x24, B: 0x2c, A: 0xff})
	ground.CornerRadius = theme.InputRadiusSize()
	caption := func(s string) *canvas.Text {
		t := canvas.NewText(s, color.White)
		t.TextSize, t.Alignment = theme.CaptionTextSize(), fyne.TextAlignCenter
		return t
	}
	lines := container.NewVBox(caption(media.Clock(info.Duration)))
	if big {
		lines.Add(caption(media.Megabytes(info.Size)))
	}
	icon := canvas.NewImageFromResource(theme.NewColoredResource(theme.MediaVideoIcon(), theme.ColorNameForegroundOnPrimary))
	icon.FillMode = canvas.ImageFillContain
	return container.NewStack(ground, container.NewBorder(nil, lines, nil, nil, icon))
}

// update shows the chosen channels' limits and asks, off the UI
// goroutine, what each will get of the pictures.
func (m *mediaList) update() {
	m.e.preview.update()
	p := m.e.collect()
	m.limits.SetText(limitsText(p.Targets, len(m.items)))
	m.limits.Hidden = m.limits.Text == ""
	m.limits.Importance = widget.LowImportance
	if over(p.Targets, len(m.items)) {
		m.limits.Importance = widget.DangerImportance
	}
	m.limits.Refresh()
	key := planKey(p)
	if key == m.planned {
		return
	}
	m.planned = key
	if len(p.Media) == 0 || len(p.Targets) == 0 {
		m.refused = ""
		m.showPlan(nil, nil)
		return
	}
	kit.Background(m.e.s.u.Env, "check pictures", func(context.Context) ([]*core.Words, error) {
		return calendar.PlanMedia(p)
	}, func(notes []*core.Words, err error) {
		if key != m.planned {
			return // the pictures changed meanwhile: a newer plan comes
		}
		m.refused = ""
		if err != nil {
			m.refused = kit.ErrorText(err)
		}
		m.showPlan(notes, err)
	})
}

func (m *mediaList) showPlan(notes []*core.Words, err error) {
	switch {
	case err != nil:
		m.plan.SetText(kit.ErrorText(err))
		m.plan.Importance = widget.DangerImportance
	case len(notes) > 0:
		var lines []string
		for _, n := range notes {
			lines = append(lines, kit.SaySentence(n))
		}
		m.plan.SetText(strings.Join(lines, "\n"))
		m.plan.Importance = widget.WarningImportance
	default:
		m.plan.SetText("")
	}
	m.plan.Hidden = m.plan.Text == ""
	m.plan.Refresh()
}

// planKey names the pictures and channels a plan is for.
func planKey(p core.Post) string {
	var b strings.Builder
	for _, it := range p.Media {
		b.WriteString(it.Path + "\x00")
	}
	for _, t := range p.Targets {
		fmt.Fprintf(&b, "%s|", t.AccountKind)
	}
	return b.String()
}

// limitsText says the chosen channels' picture limits, from posttext.
func limitsText(ts []core.PostTarget, n int) string {
	var parts []string
	seen := map[core.AccountKind]bool{}
	for _, t := range ts {
		if seen[t.AccountKind] || !calendar.Publishes(t.AccountKind) {
			continue
		}
		seen[t.AccountKind] = true
		ch := posttext.ForAccount(t.AccountKind)
		l, m := posttext.LimitsOf(ch), posttext.MediaOf(ch)
		rule := lang.N("up to {{.Count}} pictures and videos", l.Media, map[string]any{"Count": l.Media})
		if m.Video.Alone {
			rule = lang.N("up to {{.Count}} pictures of {{.MB}} MB, or one GIF, or one video up to {{.Length}}", l.Media,
				map[string]any{"Count": l.Media, "MB": m.MaxBytes >> 20, "Length": media.Clock(m.Video.MaxDuration)})
		}
		parts = append(parts, fmt.Sprintf("%s: %s", kindLabel(t.AccountKind), rule))
	}
	if len(parts) == 0 || n == 0 {
		return "" // the Add button is enough until there is a picture
	}
	return lang.N("{{.Count}} files. {{.Limits}}. Larger pictures are re-encoded to fit; videos go as they are.", n,
		map[string]any{"Count": n, "Limits": strings.Join(parts, "; ")})
}

// over reports more pictures than a chosen channel takes.
func over(ts []core.PostTarget, n int) bool {
	for _, t := range ts {
		if l := posttext.LimitsOf(posttext.ForAccount(t.AccountKind)); l.Media > 0 && n > l.Media {
			return true
		}
	}
	return false
}

func kindLabel(k core.AccountKind) string {
	switch k {
	case core.KindVK:
		return "VK"
	case core.KindX:
		return "X"
	}
	return string(k)
}
