package core

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"time"
)

// PostImage is a picture attached to a post: a local file, and the text
// that describes it to people who cannot see it.
type PostImage struct {
	Path string `json:"path"`
	Alt  string `json:"alt,omitempty"`
}

// UnmarshalJSON also reads a bare path, as posts stored before alt text
// kept their pictures.
func (m *PostImage) UnmarshalJSON(b []byte) error {
	var path string
	if json.Unmarshal(b, &path) == nil {
		*m = PostImage{Path: path}
		return nil
	}
	type plain PostImage
	return json.Unmarshal(b, (*plain)(m))
}

// Images makes pictures without alt text from paths.
func Images(paths ...string) []PostImage {
	out := make([]PostImage, len(paths))
	for i, p := range paths {
		out[i] = PostImage{Path: p}
	}
	return out
}

// PublishImage is one picture going out with a publication: its bytes
// already fitted to the channel (type, size, pixels), and what an earlier
// attempt uploaded of it; or one video, as it is.
type PublishImage struct {
	Name string // file name for the upload
	Type string // MIME type of Data
	Data []byte
	Alt  string
	// Video marks a video: sent as it is from the file at Path (Size
	// bytes), read piece by piece as it goes up (it may be hundreds of
	// megabytes); Data is nil.
	Video bool
	Path  string
	Size  int64
	// Upload is what the channel answered to an earlier attempt's upload
	// of this picture (in the integration's own words: a VK photo, an X
	// media id), recorded at UploadedAt; empty: not uploaded yet.
	Upload     string
	UploadedAt time.Time
}

// Len is the number of bytes to send.
func (img PublishImage) Len() int64 {
	if img.Video {
		return img.Size
	}
	return int64(len(img.Data))
}

// Open returns what to send: Data, or a video's file.
func (img PublishImage) Open() (io.ReadSeekCloser, error) {
	if !img.Video {
		return nopCloser{bytes.NewReader(img.Data)}, nil
	}
	return os.Open(img.Path)
}

type nopCloser struct{ io.ReadSeeker }

func (nopCloser) Close() error { return nil }

// MediaUpload is what a channel answered to (a step of) the upload of one
// of a target's pictures, kept so that a retry resumes from it.
type MediaUpload struct {
	TargetID int64 // the post's target, or
	OutboxID int64 // the reply's outbox entry
	Path     string
	Upload   string
	At       time.Time
}

// OutFile is a file going out attached to an e-mail, as it is.
type OutFile struct {
	Name string
	Type string // MIME type
	Data []byte
}
