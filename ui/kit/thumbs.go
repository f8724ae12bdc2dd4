package kit

import (
	"container/list"
	"context"
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core/media"
)

// Thumbs decodes pictures into small thumbnails off the UI goroutine and
// keeps the last few it made (bounded memory: a thumbnail of side 2*s
// pixels is 16*s*s bytes, and no more than max are kept). A picture that
// cannot be read is remembered as such, so it is not decoded again on
// every rebuild. Use it on the UI goroutine only.
type Thumbs struct {
	env     *Env
	side    int
	max     int
	order   *list.List // keys, most recently used first
	entries map[string]*list.Element
	waiting map[string][]func(image.Image)
}

type thumbEntry struct {
	key string
	img image.Image // nil: unreadable
}

// NewThumbs makes a cache of thumbnails of side pixels (the longer side)
// holding at most max of them.
func NewThumbs(e *Env, side, max int) *Thumbs {
	return &Thumbs{env: e, side: side, max: max, order: list.New(),
		entries: map[string]*list.Element{}, waiting: map[string][]func(image.Image){}}
}

// Side is the longer side of the thumbnails made.
func (t *Thumbs) Side() int { return t.side }

// File is the thumbnail of a local picture file: Get with the file
// decoded by core/media.
func (t *Thumbs) File(path string, done func(image.Image)) (image.Image, bool) {
	return t.Get("file:"+path, func(context.Context) (image.Image, error) {
		return media.Thumbnail(path, t.side)
	}, done)
}

// Get returns the thumbnail kept under key and true once known (nil when
// the picture could not be read); else it starts load off the UI
// goroutine (once for every caller waiting on key) and calls done with
// the result on the UI goroutine.
func (t *Thumbs) Get(key string, load func(context.Context) (image.Image, error), done func(image.Image)) (image.Image, bool) {
	if el, ok := t.entries[key]; ok {
		t.order.MoveToFront(el)
		return el.Value.(*thumbEntry).img, true
	}
	_, started := t.waiting[key]
	t.waiting[key] = append(t.waiting[key], done)
	if started {
		return nil, false
	}
	Background(t.env, "thumbnail", load, func(img image.Image, err error) {
		if err != nil {
			img = nil
		}
		t.put(key, img)
		calls := t.waiting[key]
		delete(t.waiting, key)
		for _, f := range calls {
			if f != nil {
				f(img)
			}
		}
	})
	return nil, false
}

// put keeps a thumbnail, dropping the least recently used beyond max.
func (t *Thumbs) put(key string, img image.Image) {
	t.entries[key] = t.order.PushFront(&thumbEntry{key: key, img: img})
	for t.order.Len() > t.max {
		last := t.order.Back()
		t.order.Remove(last)
		delete(t.entries, last.Value.(*thumbEntry).key)
	}
}

// Len is how many thumbnails are kept.
func (t *Thumbs) Len() int { return t.order.Len() }

// ThumbView shows a thumbnail, or the generic picture icon without one.
func ThumbView(img image.Image) fyne.CanvasObject {
	if img == nil {
		return widget.NewIcon(theme.FileImageIcon())
	}
	c := canvas.NewImageFromImage(img)
	c.FillMode = canvas.ImageFillContain
	return c
}

// TapArea makes anything tappable (a thumbnail that opens its picture),
// with the pointing hand over it.
type TapArea struct {
	widget.BaseWidget
	content  fyne.CanvasObject
	OnTapped func()
}

// NewTapArea wraps content; tapped runs on a tap.
func NewTapArea(content fyne.CanvasObject, tapped func()) *TapArea {
	t := &TapArea{content: content, OnTapped: tapped}
	t.ExtendBaseWidget(t)
	return t
}

// CreateRenderer draws the content.
func (t *TapArea) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(t.content) }

// Tapped runs OnTapped.
func (t *TapArea) Tapped(*fyne.PointEvent) {
	if t.OnTapped != nil {
		t.OnTapped()
	}
}

// Cursor is the pointing hand: the area acts as a link.
func (t *TapArea) Cursor() desktop.Cursor { return desktop.PointerCursor }
