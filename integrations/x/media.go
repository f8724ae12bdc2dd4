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

// X takes pictures through the v1.1 media endpoints of upload.twitter.com
// whichever API version posts (the transport sends them to the account's
// API root when it is not X's own). A small still picture goes in one
// simple upload; a GIF or a larger picture in chunks: INIT, APPEND per
// segment, FINALIZE (then STATUS while X processes a GIF). Each step's
// answer is recorded (core.Publication.Record) so a retry never uploads a
// picture again:
//
//	"init:1870000000000000001"  INIT answered; segments may be missing
//	"1870000000000000001"       the picture is ready to attach
//
// Alt text (media/metadata/create) is set again on each attempt: X keeps
// the last.
const (
	uploadURL     = "https://upload.twitter.com/1.1/media/upload.json"
	metadataURL   = "https://upload.twitter.com/1.1/media/metadata/create.json"
	initPrefix    = "init:"
	simpleMax     = 1 << 20 // larger pictures go in chunks
	maxProcessing = 2 * time.Minute
	// mediaLifetime is how long X keeps an upload for a post (24 hours),
	// less a margin: an older one is uploaded anew.
	mediaLifetime = 23 * time.Hour
)

// chunkSize is the size of an APPEND segment (X takes up to 5 MB); tests
// make it small to send several.
var chunkSize = 1 << 20

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

// mediaIDs returns the X media ids of a publication's pictures,
// uploading what no earlier attempt did.
func (c *Conn) mediaIDs(ctx context.Context, pub core.Publication) ([]string, error) {
	ids := make([]string, len(pub.Images))
	for i := range pub.Images {
		id, err := c.mediaID(ctx, pub, i)
		if err != nil {
			return nil, fmt.Errorf("picture %d (%s): %w", i+1, pub.Images[i].Name, err)
		}
		ids[i] = id
	}
	return ids, nil
}

func (c *Conn) mediaID(ctx context.Context, pub core.Publication, i int) (string, error) {
	img := pub.Images[i]
	up := img.Upload
	if up != "" && c.now().Sub(img.UploadedAt) > mediaLifetime {
		up = "" // X has dropped it by now
	}
	id, pending := strings.CutPrefix(up, initPrefix)
	var err error
	switch {
	case up == "" && len(img.Data) <= simpleMax && img.Type != "image/gif":
		if id, err = c.simpleUpload(ctx, img); err == nil {
			err = pub.Record(ctx, i, id)
		}
	case up == "":
		if id, err = c.initUpload(ctx, img); err == nil {
			err = pub.Record(ctx, i, initPrefix+id)
		}
		pending = true
	}
	if err != nil {
		return "", err
	}
	if pending {
		if err := c.sendChunks(ctx, id, img); err != nil {
			return "", err
		}
		if err := pub.Record(ctx, i, id); err != nil {
			return "", err
		}
	}
	if img.Alt != "" {
		if err := c.setAlt(ctx, id, img.Alt); err != nil {
			return "", err
		}
	}
	return id, nil
}

func (c *Conn) simpleUpload(ctx context.Context, img core.PublishImage) (string, error) {
	var a mediaAnswer
	err := c.media.multipart(ctx, map[string]string{"media_category": "tweet_image"}, img, &a)
	if err != nil {
		return "", classify(ctx, "upload picture", err)
	}
	return a.MediaID, nil
}

func (c *Conn) initUpload(ctx context.Context, img core.PublishImage) (string, error) {
	var a mediaAnswer
	form := url.Values{"command": {"INIT"}, "total_bytes": {strconv.Itoa(len(img.Data))},
		"media_type": {img.Type}, "media_category": {category(img.Type)}}
	if err := c.media.form(ctx, http.MethodPost, uploadURL, form, &a); err != nil {
		return "", classify(ctx, "start picture upload", err)
	}
	return a.MediaID, nil
}

// sendChunks appends every segment (X keeps the last copy of a segment
// sent twice) and finalizes, waiting while X processes a GIF.
func (c *Conn) sendChunks(ctx context.Context, id string, img core.PublishImage) error {
	for seg, off := 0, 0; off < len(img.Data); seg, off = seg+1, off+chunkSize {
		chunk := img
		chunk.Data = img.Data[off:min(off+chunkSize, len(img.Data))]
		fields := map[string]string{"command": "APPEND", "media_id": id, "segment_index": strconv.Itoa(seg)}
		if err := c.media.multipart(ctx, fields, chunk, nil); err != nil {
			return classify(ctx, "upload picture", err)
		}
	}
	var a mediaAnswer
	if err := c.media.form(ctx, http.MethodPost, uploadURL, url.Values{"command": {"FINALIZE"}, "media_id": {id}}, &a); err != nil {
		return classify(ctx, "finish picture upload", err)
	}
	return c.awaitProcessing(ctx, id, a)
}

// awaitProcessing polls STATUS as long as X says, within maxProcessing.
func (c *Conn) awaitProcessing(ctx context.Context, id string, a mediaAnswer) error {
	ctx, cancel := context.WithTimeout(ctx, maxProcessing)
	defer cancel()
	for a.ProcessingInfo != nil && (a.ProcessingInfo.State == "pending" || a.ProcessingInfo.State == "in_progress") {
		wait := time.NewTimer(time.Duration(max(a.ProcessingInfo.CheckAfterSecs, 1)) * time.Second)
		select {
		case <-ctx.Done():
			wait.Stop()
			return classify(ctx, "picture processing", ctx.Err())
		case <-wait.C:
		}
		q := url.Values{"command": {"STATUS"}, "media_id": {id}}
		if err := c.media.form(ctx, http.MethodGet, uploadURL, q, &a); err != nil {
			return classify(ctx, "picture processing", err)
		}
	}
	if p := a.ProcessingInfo; p != nil && p.State == "failed" {
		msg := "X could not process the picture"
		if p.Error != nil {
			msg += ": " + p.Error.Message
		}
		return &core.RemoteError{Problem: core.ProblemConfig, Message: msg, Action: "attach another file"}
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

// category is X's media_category of a picture type.
func category(typ string) string {
	if typ == "image/gif" {
		return "tweet_gif"
	}
	return "tweet_image"
}

// multipart posts fields and the picture (field "media") to the upload
// endpoint.
func (u *uploader) multipart(ctx context.Context, fields map[string]string, img core.PublishImage, into any) error {
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			return err
		}
	}
	part, err := w.CreateFormFile("media", img.Name)
	if err == nil {
		_, err = part.Write(img.Data)
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
