package media

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"net/http"
	"path/filepath"
	"slices"
	"strings"

	"github.com/disintegration/imaging"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/posttext"
)

// File is a picture ready to upload, or a video: a video is not read
// into memory (it may be hundreds of megabytes), the uploader reads Path.
type File struct {
	Name string // the original's name, with the extension of Type
	Type string
	Data []byte // nil for a video
	// Video marks a video, sent as it is from Path, Size bytes long.
	Video bool
	Path  string
	Size  int64
}

// jpegQualities are tried in turn until a re-encoded picture fits; then
// the picture is scaled down by scaleStep and tried again.
var jpegQualities = []int{90, 82, 74}

const (
	scaleStep = 0.8
	minSide   = 320 // below this a picture is useless: refuse instead
)

// Fit returns the picture as a channel takes it: the file as it is when
// it fits, else scaled to the channel's side and re-encoded (PNG when it
// has transparency and fits so, else JPEG) as large as the channel's
// bytes allow. EXIF orientation is applied, so a phone photo stands up.
func Fit(ctx context.Context, path string, m posttext.Media) (File, error) {
	info, err := Inspect(path)
	if err != nil {
		return File{}, err
	}
	if _, err := info.Plan(m, "the channel"); err != nil {
		return File{}, err
	}
	if info.Video {
		return File{Name: filepath.Base(path), Type: info.Type, Video: true, Path: path, Size: info.Size}, nil
	}
	if info.Fits(m) {
		data, err := readAll(path)
		return File{Name: filepath.Base(path), Type: info.Type, Data: data}, err
	}
	img, err := imaging.Open(path, imaging.AutoOrientation(true))
	if err != nil {
		return File{}, fmt.Errorf("%s: %w", base(path), err)
	}
	return shrink(ctx, img, info, m)
}

// shrink re-encodes img until it fits m, at the channel's side first,
// then smaller.
func shrink(ctx context.Context, img image.Image, info Info, m posttext.Media) (File, error) {
	side := max(img.Bounds().Dx(), img.Bounds().Dy())
	if m.MaxSide > 0 {
		side = min(side, m.MaxSide)
	}
	// A PNG or a see-through picture (a screenshot, a logo) stays PNG
	// when it fits so: JPEG would blur its edges.
	lossless := info.Type == "image/png" || !opaque(img)
	for first := true; first || side >= minSide; first = false {
		if err := ctx.Err(); err != nil {
			return File{}, err
		}
		scaled := imaging.Fit(img, side, side, imaging.Lanczos)
		if f, ok, err := encodeWithin(scaled, m, lossless); err != nil || ok {
			f.Name = renamed(info.Path, f.Type)
			return f, err
		}
		side = int(float64(side) * scaleStep)
	}
	return File{}, core.Say("{{.File}} cannot be made small enough ({{.Max}})", "File", base(info.Path), "Max", core.Size(m.MaxBytes))
}

// encodeWithin encodes img as PNG when lossless is asked (and PNG fits),
// else as JPEG at the best quality that fits; false when none fits.
func encodeWithin(img image.Image, m posttext.Media, lossless bool) (File, bool, error) {
	var buf bytes.Buffer
	if lossless && slices.Contains(m.Types, "image/png") {
		if err := png.Encode(&buf, img); err != nil {
			return File{}, false, err
		}
		if int64(buf.Len()) <= m.MaxBytes {
			return File{Type: "image/png", Data: buf.Bytes()}, true, nil
		}
	}
	for _, q := range jpegQualities {
		buf.Reset()
		if err := jpeg.Encode(&buf, flatten(img), &jpeg.Options{Quality: q}); err != nil {
			return File{}, false, err
		}
		if int64(buf.Len()) <= m.MaxBytes {
			return File{Type: "image/jpeg", Data: buf.Bytes()}, true, nil
		}
	}
	return File{}, false, nil
}

// opaque reports whether no pixel is see-through.
func opaque(img image.Image) bool {
	if o, ok := img.(interface{ Opaque() bool }); ok {
		return o.Opaque()
	}
	return false
}

// flatten puts a see-through picture on white: JPEG has no transparency,
// and black (what the encoder would make of it) is rarely meant.
func flatten(img image.Image) image.Image {
	if opaque(img) {
		return img
	}
	bg := imaging.New(img.Bounds().Dx(), img.Bounds().Dy(), image.White.C)
	return imaging.Overlay(bg, img, image.Point{}, 1)
}

// renamed gives the original name the extension of the new type.
func renamed(path, typ string) string {
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	if typ == "image/png" {
		return name + ".png"
	}
	return name + ".jpg"
}

// Thumbnail reads a picture scaled to fit side x side pixels, for the
// editor's list (EXIF orientation applied). Decoding a large photo takes
// a while: call it off the UI goroutine.
func Thumbnail(path string, side int) (image.Image, error) {
	img, err := imaging.Open(path, imaging.AutoOrientation(true))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", base(path), err)
	}
	return imaging.Fit(img, side, side, imaging.Linear), nil
}

// ThumbnailData is Thumbnail of a picture in memory (an e-mail's
// attachment): refused unless it is a picture Hearth reads.
func ThumbnailData(data []byte, side int) (image.Image, error) {
	typ, _, _ := strings.Cut(http.DetectContentType(data), ";")
	if !slices.Contains(Readable, typ) {
		return nil, core.Say("not a picture Hearth reads ({{.Type}})", "Type", typ)
	}
	img, err := imaging.Decode(bytes.NewReader(data), imaging.AutoOrientation(true))
	if err != nil {
		return nil, err
	}
	return imaging.Fit(img, side, side, imaging.Linear), nil
}
