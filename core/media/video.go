package media

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/Eyevinn/mp4ff/mp4"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/posttext"
)

// A video is an ISO base media file (MP4) or a QuickTime movie (MOV),
// told by its ftyp box rather than by its name. Its length, pixels and
// codecs come from the moov box, read with github.com/Eyevinn/mp4ff
// without loading the media data. A video that does not fit a channel is
// refused with the reason: re-encoding video takes minutes and a codec
// Hearth does not ship, and would change what the person made.

// videoBrands are the ftyp major brands of MP4 and MOV files as cameras,
// phones and editors write them; HEIF pictures and 3GP clips carry ftyp
// boxes too and are not among them.
var videoBrands = map[string]string{
	"isom": "video/mp4", "iso2": "video/mp4", "iso4": "video/mp4", "iso5": "video/mp4", "iso6": "video/mp4",
	"mp41": "video/mp4", "mp42": "video/mp4", "avc1": "video/mp4", "M4V ": "video/mp4", "M4VH": "video/mp4",
	"M4VP": "video/mp4", "dash": "video/mp4", "cmfc": "video/mp4", "mmp4": "video/mp4",
	"qt  ": "video/quicktime",
}

// sniffVideo returns the video type of a file's first bytes, "" when they
// are no MP4 or MOV.
func sniffVideo(head []byte) string {
	if len(head) < 12 || string(head[4:8]) != "ftyp" {
		return ""
	}
	return videoBrands[string(head[8:12])]
}

// readVideo reads the length, the first video track's dimensions and
// every track's sample entry from the moov box.
func (info *Info) readVideo(r io.ReadSeeker) error {
	f, err := mp4.DecodeFile(r, mp4.WithDecodeMode(mp4.DecModeLazyMdat))
	if err != nil {
		return err
	}
	moov := f.Moov
	if moov == nil || moov.Mvhd == nil {
		return core.Say("it has no movie header (moov)")
	}
	if ts := moov.Mvhd.Timescale; ts > 0 {
		d := moov.Mvhd.Duration
		if d == 0 && moov.Mvex != nil && moov.Mvex.Mehd != nil {
			d = uint64(max(moov.Mvex.Mehd.FragmentDuration, 0)) // a fragmented file
		}
		info.Duration = time.Duration(float64(d) / float64(ts) * float64(time.Second))
	}
	hasVideo := false
	for _, trak := range moov.Traks {
		if trak.Mdia == nil || trak.Mdia.Hdlr == nil || trak.Mdia.Minf == nil || trak.Mdia.Minf.Stbl == nil ||
			trak.Mdia.Minf.Stbl.Stsd == nil {
			continue
		}
		for _, entry := range trak.Mdia.Minf.Stbl.Stsd.Children {
			if !slices.Contains(info.Codecs, entry.Type()) {
				info.Codecs = append(info.Codecs, entry.Type())
			}
		}
		if trak.Mdia.Hdlr.HandlerType != "vide" || hasVideo {
			continue
		}
		hasVideo = true
		if trak.Tkhd != nil {
			info.Width, info.Height = int(trak.Tkhd.Width>>16), int(trak.Tkhd.Height>>16)
		}
		if vse, ok := firstVisual(trak.Mdia.Minf.Stbl.Stsd); ok && (info.Width == 0 || info.Height == 0) {
			info.Width, info.Height = int(vse.Width), int(vse.Height)
		}
	}
	switch {
	case !hasVideo:
		return core.Say("it has no video track")
	case info.Duration <= 0:
		return core.Say("its length cannot be read")
	}
	return nil
}

func firstVisual(stsd *mp4.StsdBox) (*mp4.VisualSampleEntryBox, bool) {
	for _, c := range stsd.Children {
		if v, ok := c.(*mp4.VisualSampleEntryBox); ok {
			return v, true
		}
	}
	return nil, false
}

// videoProblem says why the video cannot go out as it is on a channel
// named channel, "" when it can.
func (info Info) videoProblem(v posttext.Video, channel string) *core.Words {
	name := base(info.Path)
	switch {
	case len(v.Types) == 0:
		return core.Say("{{.Channel}} takes no videos from Hearth: leave {{.File}} out", "Channel", channel, "File", name)
	case !slices.Contains(v.Types, info.Type):
		return core.Say("{{.Channel}} takes no {{.Type}} video; {{.File}} is one (Hearth does not convert video: export it as MP4 first)",
			"Channel", channel, "Type", videoName(info.Type), "File", name)
	case info.Size > v.MaxBytes:
		return core.Say("{{.File}} is a video of {{.Size}}; {{.Channel}} takes videos up to {{.Max}} (Hearth does not re-encode video: make it smaller first)",
			"File", name, "Size", core.Size(info.Size), "Channel", channel, "Max", core.Size(v.MaxBytes))
	case v.MaxDuration > 0 && info.Duration > v.MaxDuration:
		return core.Say("{{.File}} lasts {{.Length}}; {{.Channel}} takes videos up to {{.Max}} (Hearth does not cut video: trim it first)",
			"File", name, "Length", Clock(info.Duration), "Channel", channel, "Max", Clock(v.MaxDuration))
	}
	if len(v.Codecs) > 0 {
		for _, c := range info.Codecs {
			if !slices.Contains(v.Codecs, c) {
				return core.Say("{{.File}} is encoded as {{.Codec}}; {{.Channel}} plays H.264 video with AAC sound (Hearth does not re-encode video: export it as H.264 first)",
					"File", name, "Codec", codecName(c), "Channel", channel)
			}
		}
	}
	return nil
}

// planVideo refuses a video that does not fit, with the reason.
func (info Info) planVideo(v posttext.Video, channel string) error {
	if why := info.videoProblem(v, channel); why != nil {
		return why
	}
	return nil
}

// Clock says a length the way a player shows it: "0:42", "2:20", "1:02:03".
func Clock(d time.Duration) string {
	s := int64((d + time.Second/2) / time.Second)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// Megabytes says a size the way a person reads it: "4.2 MB", "15 MB".
func Megabytes(n int64) string { return core.Megabytes(n) }

func videoName(t string) string {
	if t == "video/quicktime" {
		return "MOV"
	}
	return strings.ToUpper(strings.TrimPrefix(t, "video/"))
}

// codecName names a sample entry as editors' export menus do.
func codecName(entry string) string {
	switch entry {
	case "hvc1", "hev1":
		return "HEVC (H.265)"
	case "av01":
		return "AV1"
	case "vp09":
		return "VP9"
	case "avc1", "avc3":
		return "H.264"
	case "mp4a":
		return "AAC"
	case "ac-3", "ec-3":
		return "Dolby Digital sound (" + entry + ")"
	case "Opus":
		return "Opus sound"
	case "encv", "enca":
		return "encrypted media"
	}
	return strings.TrimSpace(entry)
}
