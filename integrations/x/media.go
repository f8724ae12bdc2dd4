package x

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/dghubble/oauth1"

	"github.com/hearthhq/hearth/core"
)

// X takes pictures and videos through the v1.1 media endpoints of
// upload.twitter.com whichever API version posts (the transport sends
// them to the account's API root when it is not X's own). A small still
// picture goes in one simple upload; a GIF, a larger picture and a video
// in chunks: INIT, APPEND per segment, FINALIZE, then STATUS while X
// processes a GIF or a video. Each step's answer is recorded
// (core.Publication.Record) so a retry never uploads a file again, nor a
// segment X already has:
//
//	"init:1870000000000000001"    INIT answered, no segment sent yet
//	"init:1870000000000000001:3"  segments 0, 1 and 2 sent
//	"final:1870000000000000001"   FINALIZE answered; X may be processing
//	"1870000000000000001"         the file is ready to attach
//
// Alt text (media/metadata/create) is set again on each attempt: X keeps
// the last. X documents it for pictures and GIFs: a video goes without.
const (
	uploadURL     = "https://upload.twitter.com/1.1/media/upload.json"
	metadataURL   = "https://upload.twitter.com/1.1/media/metadata/create.json"
	initPrefix    = "init:"
	finalPrefix   = "final:"
	simpleMax     = 1 << 20 // larger pictures go in chunks
	maxProcessing = 2 * time.Minute
	// videoProcessing is how long a video may take X to process before
	// the attempt gives up (the next resumes the wait, not the upload).
	videoProcessing = 10 * time.Minute
	// mediaLifetime is how long X keeps an upload for a post (24 hours),
	// less a margin: an older one is uploaded anew.
	mediaLifetime = 23 * time.Hour
)

// chunkSize is the size of a picture's APPEND segment, videoChunkSize a
// video's (X takes up to 5 MB a segment); tests make them small to send
// several.
var (
	chunkSize      = 1 << 20
	videoChunkSize = 1 << 20
	// checkUnit is the unit of X's check_after_secs (tests shorten it).
	checkUnit = time.Second
)

// uploader signs media requests with the account's OAuth 1.0a keys.
type uploader struct {
	hc *http.Client
}

func newUploader(k core.XKeys, next http.RoundTripper, timeout time.Duration) *uploader {
	cfg := oauth1.NewConfig(k.ConsumerKey, k.ConsumerSecret)
	base := context.WithValue(context.Background(), oauth1.HTTPClient, &http.Client{Transport: next})
	hc := cfg.Client(base, oauth1.NewToken(k.AccessToken, k.AccessSecret))
	hc.Timeout = timeout
	return &uploader{hc: hc}
}

// mediaAnswer is INIT's, FINALIZE's, STATUS's and a simple upload's JSON.
type mediaAnswer struct {
	MediaID        string `json:"media_id_string"`
	ProcessingInfo *struct {
		State          string `json:"state"`
		CheckAfterSecs int    `json:"check_after_secs"`
		Error          *struct {
			Message string `json:"message"`
		} `json:"error"`
	} `json:"processing_info"`
}

// mediaIDs returns the X media ids of a publication's pictures or video,
// uploading what no earlier attempt did.
func (c *Conn) mediaIDs(ctx context.Context, pub core.Publication) ([]string, error) {
	ids := make([]string, len(pub.Images))
	for i := range pub.Images {
		id, err := c.mediaID(ctx, pub, i)
		if err != nil {
			what := "picture"
			if pub.Images[i].Video {
				what = "video"
			}
			return nil, fmt.Errorf("%s %d (%s): %w", what, i+1, pub.Images[i].Name, err)
		}
		ids[i] = id
	}
	return ids, nil
}

// upload is where an earlier attempt left a file's upload.
type upload struct {
	id        string
	segments  int  // APPENDs done
	chunked   bool // INIT answered, segments may be missing
	finalized bool // FINALIZE answered, processing may go on
}

func parseUpload(up string) upload {
	if rest, ok := strings.CutPrefix(up, finalPrefix); ok {
		return upload{id: rest, finalized: true}
	}
	rest, ok := strings.CutPrefix(up, initPrefix)
	if !ok {
		return upload{id: up}
	}
	id, seg, _ := strings.Cut(rest, ":")
	n, _ := strconv.Atoi(seg) // "": none sent
	return upload{id: id, segments: n, chunked: true}
}

func (c *Conn) mediaID(ctx context.Context, pub core.Publication, i int) (string, error) {
	img := pub.Images[i]
	up := img.Upload
	if up != "" && c.now().Sub(img.UploadedAt) > mediaLifetime {
		up = "" // X has dropped it by now
	}
	u := parseUpload(up)
	var err error
	switch {
	case up == "" && !img.Video && len(img.Data) <= simpleMax && img.Type != "image/gif":
		if u.id, err = c.simpleUpload(ctx, img); err == nil {
			err = pub.Record(ctx, i, u.id)
		}
	case up == "":
		if u.id, err = c.initUpload(ctx, img); err == nil {
			err = pub.Record(ctx, i, initPrefix+u.id)
		}
		u.chunked = true
	}
	if err != nil {
		return "", err
	}
	if u.chunked {
		a, err := c.sendChunks(ctx, pub, i, u)
		if err != nil {
			return "", err
		}
		if err := pub.Record(ctx, i, finalPrefix+u.id); err != nil {
			return "", err
		}
		u.finalized = true
		if err := c.awaitProcessing(ctx, u.id, img, a); err != nil {
			return "", err
		}
		if err := pub.Record(ctx, i, u.id); err != nil {
			return "", err
		}
	} else if u.finalized {
		// An earlier attempt stopped while X processed the file: ask how
		// it went rather than send it again.
		if err := c.resumeProcessing(ctx, u.id, img); err != nil {
			return "", err
		}
		if err := pub.Record(ctx, i, u.id); err != nil {
			return "", err
		}
	}
	if img.Alt != "" && !img.Video {
		if err := c.setAlt(ctx, u.id, img.Alt); err != nil {
			return "", err
		}
	}
	return u.id, nil
}

func (c *Conn) simpleUpload(ctx context.Context, img core.PublishImage) (string, error) {
	var a mediaAnswer
	err := c.media.multipart(ctx, map[string]string{"media_category": "tweet_image"}, img.Name, img.Data, &a)
	if err != nil {
		return "", classify(ctx, "upload picture", err)
	}
	return a.MediaID, nil
}

func (c *Conn) initUpload(ctx context.Context, img core.PublishImage) (string, error) {
	var a mediaAnswer
	form := url.Values{"command": {"INIT"}, "total_bytes": {strconv.FormatInt(img.Len(), 10)},
		"media_type": {img.Type}, "media_category": {category(img)}}
	if err := c.media.form(ctx, http.MethodPost, uploadURL, form, &a); err != nil {
		return "", classify(ctx, "start "+noun(img)+" upload", err)
	}
	return a.MediaID, nil
}

// sendChunks appends the segments an earlier attempt did not (X keeps
// the last copy of a segment sent twice), each recorded once X took it,
// and finalizes. A video is read from its file one segment at a time.
func (c *Conn) sendChunks(ctx context.Context, pub core.Publication, i int, u upload) (mediaAnswer, error) {
	img := pub.Images[i]
	size := chunkSize
	if img.Video {
		size = videoChunkSize
	}
	src, err := img.Open()
	if err != nil {
		w := core.Say("the picture {{.File}} cannot be read: {{.Error}}", "File", img.Name, "Error", err)
		if img.Video {
			w = core.Say("the video {{.File}} cannot be read: {{.Error}}", "File", img.Name, "Error", err)
		}
		return mediaAnswer{}, core.RemoteWords(core.ProblemConfig, w, "attach it again", err)
	}
	defer src.Close()
	buf := make([]byte, size)
	total := img.Len()
	for seg := u.segments; int64(seg)*int64(size) < total; seg++ {
		if _, err := src.Seek(int64(seg)*int64(size), io.SeekStart); err != nil {
			return mediaAnswer{}, err
		}
		n, err := io.ReadFull(src, buf[:min(int64(size), total-int64(seg)*int64(size))])
		if err != nil {
			return mediaAnswer{}, fmt.Errorf("read %s: %w", img.Name, err)
		}
		fields := map[string]string{"command": "APPEND", "media_id": u.id, "segment_index": strconv.Itoa(seg)}
		if err := c.media.multipart(ctx, fields, img.Name, buf[:n], nil); err != nil {
			return mediaAnswer{}, classify(ctx, "upload "+noun(img), err)
		}
		if img.Video {
			// Only a video's segments are worth a record each: a picture
			// is at most a few of them.
			if err := pub.Record(ctx, i, fmt.Sprintf("%s%s:%d", initPrefix, u.id, seg+1)); err != nil {
				return mediaAnswer{}, err
			}
		}
	}
	var a mediaAnswer
	if err := c.media.form(ctx, http.MethodPost, uploadURL, url.Values{"command": {"FINALIZE"}, "media_id": {u.id}}, &a); err != nil {
		return a, classify(ctx, "finish "+noun(img)+" upload", err)
	}
	return a, nil
}

// resumeProcessing asks X how the processing of a finalized upload went,
// and waits as long as it goes on.
func (c *Conn) resumeProcessing(ctx context.Context, id string, img core.PublishImage) error {
	var a mediaAnswer
	if err := c.media.form(ctx, http.MethodGet, uploadURL, url.Values{"command": {"STATUS"}, "media_id": {id}}, &a); err != nil {
		return classify(ctx, noun(img)+" processing", err)
	}
	return c.awaitProcessing(ctx, id, img, a)
}

// awaitProcessing polls STATUS as long as X says, within maxProcessing
// (videoProcessing for a video).
func (c *Conn) awaitProcessing(ctx context.Context, id string, img core.PublishImage, a mediaAnswer) error {
	limit := maxProcessing
	if img.Video {
		limit = videoProcessing
	}
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	for a.ProcessingInfo != nil && (a.ProcessingInfo.State == "pending" || a.ProcessingInfo.State == "in_progress") {
		wait := time.NewTimer(time.Duration(max(a.ProcessingInfo.CheckAfterSecs, 1)) * checkUnit)
		select {
		case <-ctx.Done():
			wait.Stop()
			return classify(ctx, noun(img)+" processing", ctx.Err())
		case <-wait.C:
		}
		q := url.Values{"command": {"STATUS"}, "media_id": {id}}
		if err := c.media.form(ctx, http.MethodGet, uploadURL, q, &a); err != nil {
			return classify(ctx, noun(img)+" processing", err)
		}
	}
	if p := a.ProcessingInfo; p != nil && p.State == "failed" {
		var reason string
		if p.Error != nil {
			reason = p.Error.Message
		}
		var w *core.Words
		switch {
		case img.Video && reason != "":
			w = core.Say("X could not process the video {{.File}}: {{.Reason}}", "File", img.Name, "Reason", reason)
		case img.Video:
			w = core.Say("X could not process the video {{.File}}", "File", img.Name)
		case reason != "":
			w = core.Say("X could not process the picture {{.File}}: {{.Reason}}", "File", img.Name, "Reason", reason)
		default:
			w = core.Say("X could not process the picture {{.File}}", "File", img.Name)
		}
		return core.RemoteWords(core.ProblemConfig, w, "attach another file", nil)
	}
	return nil
}

// setAlt gives a picture its alt text.
func (c *Conn) setAlt(ctx context.Context, id, alt string) error {
	body, _ := json.Marshal(map[string]any{"media_id": id, "alt_text": map[string]string{"text": alt}})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, metadataURL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	return classify(ctx, "set alt text", c.media.do(req, nil))
}

// category is X's media_category of a file.
func category(img core.PublishImage) string {
	switch {
	case img.Video:
		return "tweet_video"
	case img.Type == "image/gif":
		return "tweet_gif"
	}
	return "tweet_image"
}

func noun(img core.PublishImage) string {
	if img.Video {
		return "video"
	}
	return "picture"
}

// multipart posts fields and a file's bytes (field "media") to the upload
// endpoint.
func (u *uploader) multipart(ctx context.Context, fields map[string]string, name string, data []byte, into any) error {
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			return err
		}
	}
	part, err := w.CreateFormFile("media", name)
	if err == nil {
		_, err = part.Write(data)
	}
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, uploadURL, &body)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", w.FormDataContentType())
	return u.do(req, into)
}

// form sends url-encoded parameters (signed with them, as OAuth 1.0a asks).
func (u *uploader) form(ctx context.Context, method, endpoint string, v url.Values, into any) error {
	var req *http.Request
	var err error
	if method == http.MethodGet {
		req, err = http.NewRequestWithContext(ctx, method, endpoint+"?"+v.Encode(), nil)
	} else {
		req, err = http.NewRequestWithContext(ctx, method, endpoint, strings.NewReader(v.Encode()))
		if req != nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
	}
	if err != nil {
		return err
	}
	return u.do(req, into)
}

// do sends a request; the transport has already turned a non-2xx answer
// into a *core.RemoteError.
func (u *uploader) do(req *http.Request, into any) error {
	resp, err := u.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil || into == nil {
		return err
	}
	if err := json.Unmarshal(b, into); err != nil {
		return fmt.Errorf("media answer: %w", err)
	}
	return nil
}
