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

	"github.com/hearthhq/hearth/core"
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
		return info, core.Say("picture {{.Path}} does not exist", "Path", path)
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
		return info, core.Say("picture {{.Path}} is not a regular file", "Path", path)
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
		return info, core.Say("{{.File}} is neither a picture nor a video Hearth can send ({{.Type}}): attach a JPEG, PNG, GIF or WebP picture, or an MP4 or MOV video",
			"File", base(path), "Type", info.Type)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return info, fmt.Errorf("picture %w", err)
	}
	if info.Video {
		if err := info.readVideo(f); err != nil {
			return info, core.Say("{{.File}} is a damaged {{.Type}} video: {{.Error}}", "File", base(path), "Type", videoName(info.Type), "Error", err).Because(err)
		}
		return info, nil
	}
	if err := info.readConfig(f); err != nil {
		return info, core.Say("{{.File}} is a damaged {{.Type}}: {{.Error}}", "File", base(path), "Type", typeName(info.Type), "Error", err).Because(err)
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
		return info.videoProblem(m.Video, "") == nil
	}
	limit := m.MaxBytes
	if info.Type == "image/gif" {
		limit = m.GIFLimit()
	}
	return slices.Contains(m.Types, info.Type) && info.Size <= limit &&
		(m.MaxSide == 0 || max(info.Width, info.Height) <= m.MaxSide)
}

// Plan says what happens to the picture on a channel named channel: nil
// when it goes as it is, else how it is re-encoded; an error when it
// cannot go there at all.
func (info Info) Plan(m posttext.Media, channel string) (*core.Words, error) {
	if info.Video {
		return nil, info.planVideo(m.Video, channel)
	}
	switch {
	case len(m.Types) == 0:
		return nil, core.Say("{{.Channel}} takes no pictures", "Channel", channel)
	case info.Fits(m):
		return nil, nil
	case info.Animated:
		if slices.Contains(m.Types, "image/gif") && info.Size > m.GIFLimit() {
			return nil, core.Say("{{.File}}: an animated GIF of {{.Size}}; {{.Channel}} takes GIFs up to {{.Max}} (making it smaller would lose the animation)",
				"File", base(info.Path), "Size", core.Size(info.Size), "Channel", channel, "Max", core.Size(m.GIFLimit()))
		}
		return nil, core.Say("{{.File}}: an animated GIF of {{.Pixels}} pixels; {{.Channel}} takes up to {{.Side}} pixels a side (making it smaller would lose the animation)",
			"File", base(info.Path), "Pixels", pixels(info), "Channel", channel, "Side", m.MaxSide)
	}
	var why []*core.Words
	if !slices.Contains(m.Types, info.Type) {
		why = append(why, core.Say("{{.Channel}} takes no {{.Type}}", "Channel", channel, "Type", typeName(info.Type)))
	}
	if info.Size > m.MaxBytes {
		why = append(why, core.Say("{{.Size}} is over {{.Channel}}'s {{.Max}}", "Size", core.Size(info.Size), "Channel", channel, "Max", core.Size(m.MaxBytes)))
	}
	if m.MaxSide > 0 && max(info.Width, info.Height) > m.MaxSide {
		why = append(why, core.Say("{{.Pixels}} pixels is over {{.Channel}}'s {{.Side}} a side", "Pixels", pixels(info), "Channel", channel, "Side", m.MaxSide))
	}
	return core.Say("{{.File}} is re-encoded for {{.Channel}} ({{.Why}})", "File", base(info.Path), "Channel", channel, "Why", why), nil
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
			return core.Say("{{.Channel}} takes a video alone: send {{.File}} without the other pictures or videos, or leave it out", "Channel", channel, "File", base(info.Path))
		}
		if info.Type == "image/gif" && lim.GIFAlone {
			return core.Say("{{.Channel}} takes a GIF alone: send {{.File}} without the other pictures, or leave it out", "Channel", channel, "File", base(info.Path))
		}
	}
	return nil
}

func base(path string) string { return filepath.Base(path) }

func typeName(t string) string { return strings.ToUpper(strings.TrimPrefix(t, "image/")) }

// pixels says a picture's dimensions: "4000x3000".
func pixels(info Info) string { return fmt.Sprintf("%dx%d", info.Width, info.Height) }

// readAll reads a whole picture file.
func readAll(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("picture %w", err)
	}
	return b, nil
}
