package posttext

import (
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/hearthhq/hearth/core"
)

// Media limits of one post, as the channels enforce them.
const (
	XMediaMax  = 4  // images on an X post
	VKMediaMax = 10 // attachments on a VK wall post
	// VKCommentMediaMax is the pictures Hearth puts on one VK comment: two,
	// as VK's own comment form takes.
	VKCommentMediaMax = 2
	// MailAttachMax is the most bytes of files attached to one e-mail
	// reply, before encoding: what common providers take (Gmail 25 MB);
	// a server that announces less (SMTP SIZE) is obeyed when it goes.
	MailAttachMax = 25 << 20
)

// Channel is a kind of text a channel limits on its own terms.
type Channel int

// The channels Hearth writes to. The zero Channel sets no limit.
const (
	Unlimited Channel = iota // e-mail, feeds: no limit worth counting against
	XPost                    // an X post or reply
	VKPost                   // a VK wall post
	VKComment                // a VK wall comment, also the answer to a post
	VKMessage                // a VK community message
	XDM                      // an X direct message
)

// Limits are what a channel accepts in one text.
type Limits struct {
	Text     int  // characters as the channel counts them; 0: no limit
	Weighted bool // counted as X weighs text (XLength), else in runes
	Media    int  // attachments; 0: not counted
}

// LimitsOf is the one place a channel's limits are written.
func LimitsOf(ch Channel) Limits {
	switch ch {
	case XPost:
		return Limits{Text: XMaxWeighted, Weighted: true, Media: XMediaMax}
	case VKPost:
		return Limits{Text: VKPostMax, Media: VKMediaMax}
	case VKComment:
		return Limits{Text: VKCommentMax, Media: VKCommentMediaMax}
	case VKMessage:
		return Limits{Text: VKMessageMax}
	case XDM:
		return Limits{Text: XDMMax}
	}
	return Limits{}
}

// ForAccount is the channel of a post published on an account of kind k.
func ForAccount(k core.AccountKind) Channel {
	switch k {
	case core.KindX:
		return XPost
	case core.KindVK:
		return VKPost
	}
	return Unlimited
}

// ForReply is the channel of a reply to an item of kind k: an X reply is
// a post, the answer to a VK post is a comment.
func ForReply(k core.ItemKind) Channel {
	switch k {
	case core.ItemXMention, core.ItemXReply:
		return XPost
	case core.ItemVKPost, core.ItemVKComment:
		return VKComment
	case core.ItemVKMessage:
		return VKMessage
	case core.ItemXDM:
		return XDM
	}
	return Unlimited
}

// Counter is a text and its media measured against a channel's limits,
// as every composer shows it.
type Counter struct {
	Used, Limit       int  // Limit 0: the channel sets none
	Media, MediaLimit int  // attachments and their limit; 0: not counted
	Warn              bool // near or past a limit
	Over              bool // past a limit: the channel would refuse it
}

// Left is what remains of the text limit, negative when over.
func (c Counter) Left() int { return c.Limit - c.Used }

// warnShare places the warning in the last 1/14 of a text limit: X's own
// composer turns at 20 left of 280, and longer limits warn in the same
// proportion rather than a few characters before thousands.
const warnShare = 14

// Count measures text and its media for a channel, with the one warning
// rule of every composer: Over past the text or the media limit; Warn
// when over, when at most Limit/14 characters are left, or at the media
// limit. Without a limit it only counts runes.
func Count(ch Channel, text string, media int) Counter {
	l := LimitsOf(ch)
	c := Counter{Used: utf8.RuneCountInString(text), Limit: l.Text, Media: media, MediaLimit: l.Media}
	if l.Weighted {
		c.Used = XLength(text)
	}
	if c.Limit == 0 {
		return c
	}
	counted := c.MediaLimit > 0
	c.Over = c.Used > c.Limit || counted && media > c.MediaLimit
	c.Warn = c.Over || c.Left() <= c.Limit/warnShare || counted && media == c.MediaLimit
	return c
}

// Media is what a channel accepts as one attached picture.
type Media struct {
	// Types are the MIME types sent as they are, as sniffed from the
	// file's first bytes; another readable picture (a WebP for VK) is
	// re-encoded.
	Types []string
	// MaxBytes is the largest still picture; a larger one is re-encoded
	// smaller, never dropped.
	MaxBytes int64
	// MaxGIFBytes is the largest GIF (0: MaxBytes): an animated GIF is
	// sent as it is, since re-encoding it would lose the animation.
	MaxGIFBytes int64
	// MaxSide is the longest side in pixels; a larger picture is scaled
	// down. 0: no limit.
	MaxSide int
	// GIFAlone says a GIF goes alone on a post, with no other picture.
	GIFAlone bool
	// Video is what the channel takes of a video; zero Types: none.
	Video Video
}

// Video is what a channel accepts as one attached video. A video is sent
// as it is or refused: Hearth never re-encodes one.
type Video struct {
	Types       []string      // container MIME types, sniffed
	MaxBytes    int64         // the largest file
	MaxDuration time.Duration // 0: no limit Hearth knows of
	// Codecs are the sample entries (ISO BMFF four-character codes) of
	// the tracks the channel plays; empty: any.
	Codecs []string
	Alone  bool // a video goes alone on a post, with no other media
}

// GIFLimit is the largest GIF the channel takes.
func (m Media) GIFLimit() int64 {
	if m.MaxGIFBytes > 0 {
		return m.MaxGIFBytes
	}
	return m.MaxBytes
}

// MediaOf is the one place a channel's picture and video formats are
// written: the images X's media upload takes (pictures up to 5 MB, a GIF
// up to 15 MB and alone, also on a reply) and its tweet_video (one MP4 of
// H.264 video and AAC sound, alone, up to 512 MB and 140 seconds); VK's
// wall photo upload for posts and comments alike (JPEG, PNG, GIF up to
// 50 MB, width plus height at most 14000 pixels) and, on a post only,
// video.save's upload (MP4 or MOV; 2 GB, the most its upload server takes
// in one multipart request). A channel without pictures returns the zero
// Media.
func MediaOf(ch Channel) Media {
	vkPhotos := Media{Types: []string{"image/jpeg", "image/png", "image/gif"}, MaxBytes: 50 << 20, MaxSide: 7000}
	switch ch {
	case XPost:
		return Media{Types: []string{"image/jpeg", "image/png", "image/gif", "image/webp"}, MaxBytes: 5 << 20,
			MaxGIFBytes: 15 << 20, MaxSide: 4096, GIFAlone: true,
			Video: Video{Types: []string{"video/mp4"}, MaxBytes: 512 << 20, MaxDuration: 140 * time.Second,
				Codecs: []string{"avc1", "avc3", "mp4a"}, Alone: true}}
	case VKPost:
		vkPhotos.Video = Video{Types: []string{"video/mp4", "video/quicktime"}, MaxBytes: 2 << 30}
		return vkPhotos
	case VKComment:
		return vkPhotos
	}
	return Media{}
}

// Cut splits text where the channel's limit ends: kept is what fits,
// over what the channel would not take ("" when it all fits), counted as
// the channel counts (X by weight, on the NFC text X reads; others in
// runes). The editor's preview shows it; publishing still refuses a text
// over the limit rather than cutting it.
func Cut(ch Channel, text string) (kept, over string) {
	l := LimitsOf(ch)
	if l.Text == 0 {
		return text, ""
	}
	if !l.Weighted {
		rs := []rune(text)
		if len(rs) <= l.Text {
			return text, ""
		}
		return string(rs[:l.Text]), string(rs[l.Text:])
	}
	r := ParseX(text)
	if r.WeightedLength <= XMaxWeighted {
		return text, ""
	}
	rs := []rune(norm.NFC.String(text))
	valid := r.ValidRange.End + 1 - (utf16Len([]rune(text)) - utf16Len(rs))
	n := 0
	for i, c := range rs {
		if n += utf16.RuneLen(c); n > valid {
			return string(rs[:i]), string(rs[i:])
		}
	}
	return string(rs), ""
}
