// Package media reads the pictures and videos attached to posts and fits
// each to what a channel takes (posttext.MediaOf): sent as it is when it
// fits, else a picture is scaled down and re-encoded
// (github.com/disintegration/imaging), never dropped. A picture that
// cannot be made to fit (an animated GIF too large, a file that is no
// picture) is refused with a sentence, and so is a video that does not
// fit as it is: Hearth never re-encodes video (see video.go).
package media

import (
	"errors"
	"fmt"
	"image"
	"image/gif"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	// Decoders of the formats a person attaches.
	_ "image/jpeg"
	_ "image/png"

	_ "golang.org/x/image/webp"

	"github.com/hearthhq/hearth/core/posttext"
)

// Readable are the picture types Hearth reads: JPEG, PNG, GIF, WebP.
var Readable = []string{"image/jpeg", "image/png", "image/gif", "image/webp"}

// PictureExts are the file name extensions of Readable, for file dialogs
// and dropped files (the content decides in the end: Inspect).
var PictureExts = []string{".jpg", ".jpeg", ".png", ".gif", ".webp"}

// IsPictureName reports whether a file's name says it is a picture Hearth
// reads.
func IsPictureName(path string) bool {
	return slices.Contains(PictureExts, strings.ToLower(filepath.Ext(path)))
}

// Info is what a picture file is, read from its content, whatever its
// name says.
type Info struct {
	Path          string
	Type          string // sniffed MIME type
	Size          int64
	Width, Height int
	Animated      bool // a GIF of more than one frame
	// Video: an MP4 or MOV file, its length and the sample entries of its
	// tracks ("avc1", "mp4a"), read from its boxes (video.go).
	Video    bool
	Duration time.Duration
	Codecs   []string
}

// Inspect reads a picture's type, size and dimensions (not its pixels,
// but every frame of a GIF), or a video's container, length, dimensions
// and codecs (not its frames).
func Inspect(path string) (Info, error) {
	info := Info{Path: path}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return info, fmt.Errorf("picture %s does not exist", path)
	}
	if err != nil {
		return info, fmt.Errorf("picture %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return info, fmt.Errorf("picture %w", err)
	}
	if !fi.Mode().IsRegular() {
		return info, fmt.Errorf("picture %s is not a regular file", path)
	}
	info.Size = fi.Size()
	head := make([]byte, 512)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return info, fmt.Errorf("picture %w", err)
	}
	info.Type, _, _ = strings.Cut(http.DetectContentType(head[:n]), ";")
	if typ := sniffVideo(head[:n]); typ != "" {
		info.Type, info.Video = typ, true
	}
	if !slices.Contains(Readable, info.Type) && !info.Video {
		return info, fmt.Errorf("%s is neither a picture nor a video Hearth can send (%s): attach a JPEG, PNG, GIF or WebP picture, or an MP4 or MOV video", base(path), info.Type)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return info, fmt.Errorf("picture %w", err)
	}
	if info.Video {
		if err := info.readVideo(f); err != nil {
			return info, fmt.Errorf("%s is a damaged %s video: %w", base(path), videoName(info.Type), err)
		}
		return info, nil
	}
	if err := info.readConfig(f); err != nil {
		return info, fmt.Errorf("%s is a damaged %s: %w", base(path), typeName(info.Type), err)
	}
	return info, nil
}

func (info *Info) readConfig(r io.Reader) error {
	if info.Type == "image/gif" {
		g, err := gif.DecodeAll(r)
		if err != nil {
			return err
		}
		info.Width, info.Height, info.Animated = g.Config.Width, g.Config.Height, len(g.Image) > 1
		return nil
	}
	cfg, _, err := image.DecodeConfig(r)
	if err != nil {
		return err
	}
	info.Width, info.Height = cfg.Width, cfg.Height
	return nil
}

// Fits reports whether the picture goes out as it is on a channel.
func (info Info) Fits(m posttext.Media) bool {
	if info.Video {
		return info.videoProblem(m.Video, "") == ""
	}
	limit := m.MaxBytes
	if info.Type == "image/gif" {
		limit = m.GIFLimit()
	}
	return slices.Contains(m.Types, info.Type) && info.Size <= limit &&
		(m.MaxSide == 0 || max(info.Width, info.Height) <= m.MaxSide)
}

// Plan says what happens to the picture on a channel named channel: ""
// when it goes as it is, else a sentence on how it is re-encoded; an
// error when it cannot go there at all.
func (info Info) Plan(m posttext.Media, channel string) (string, error) {
	if info.Video {
		return "", info.planVideo(m.Video, channel)
	}
	switch {
	case len(m.Types) == 0:
		return "", fmt.Errorf("%s takes no pictures", channel)
	case info.Fits(m):
		return "", nil
	case info.Animated:
		if slices.Contains(m.Types, "image/gif") && info.Size > m.GIFLimit() {
			return "", fmt.Errorf("%s: an animated GIF of %s; %s takes GIFs up to %s (making it smaller would lose the animation)",
				base(info.Path), megabytes(info.Size), channel, megabytes(m.GIFLimit()))
		}
		return "", fmt.Errorf("%s: an animated GIF of %dx%d pixels; %s takes up to %d pixels a side (making it smaller would lose the animation)",
			base(info.Path), info.Width, info.Height, channel, m.MaxSide)
	}
	var why []string
	if !slices.Contains(m.Types, info.Type) {
		why = append(why, fmt.Sprintf("%s takes no %s", channel, typeName(info.Type)))
	}
	if info.Size > m.MaxBytes {
		why = append(why, fmt.Sprintf("%s is over %s's %s", megabytes(info.Size), channel, megabytes(m.MaxBytes)))
	}
	if m.MaxSide > 0 && max(info.Width, info.Height) > m.MaxSide {
		why = append(why, fmt.Sprintf("%dx%d pixels is over %s's %d a side", info.Width, info.Height, channel, m.MaxSide))
	}
	return fmt.Sprintf("%s is re-encoded for %s (%s)", base(info.Path), channel, strings.Join(why, "; ")), nil
}

// Alone refuses a GIF among other pictures where the channel takes a GIF
// only alone (X), and a video among other media where it takes a video
// only alone (X), on a post or a reply.
func Alone(infos []Info, lim posttext.Media, channel string) error {
	if len(infos) < 2 {
		return nil
	}
	for _, info := range infos {
		if info.Video && lim.Video.Alone {
			return fmt.Errorf("%s takes a video alone: send %s without the other pictures or videos, or leave it out", channel, base(info.Path))
		}
		if info.Type == "image/gif" && lim.GIFAlone {
			return fmt.Errorf("%s takes a GIF alone: send %s without the other pictures, or leave it out", channel, base(info.Path))
		}
	}
	return nil
}

func base(path string) string { return filepath.Base(path) }

func typeName(t string) string { return strings.ToUpper(strings.TrimPrefix(t, "image/")) }

// megabytes says a size the way a person reads it: "4.2 MB", "15 MB".
func megabytes(n int64) string {
	mb := float64(n) / (1 << 20)
	if mb < 10 && mb != float64(int64(mb)) {
		return fmt.Sprintf("%.1f MB", mb)
	}
	return fmt.Sprintf("%.0f MB", mb)
}

// readAll reads a whole picture file.
func readAll(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("picture %w", err)
	}
	return b, nil
}
