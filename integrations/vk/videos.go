package vk

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"path/filepath"
	"strings"
	"time"

	"github.com/SevereCloud/vksdk/v2/api"

	"github.com/hearthhq/hearth/core"
)

// A video goes onto a wall post in two steps: video.save (its name, the
// alt text as its description, wallpost=0: the post is Hearth's) answers
// an upload address, and the file goes there as it is, in the multipart
// field "video_file", read from disk as it is sent. The upload's answer
// is recorded as the attachment, "video-229000111_456239017", before the
// post: a retry attaches it without uploading again. A video.save whose
// upload failed is not reused (its address expires): the retry saves
// anew, and VK keeps an empty video from the first.

// uploadRate is the slowest upload speed a video's upload waits for
// (bytes a second) before it gives up, on top of the call timeout.
const uploadRate = 64 << 10

// videoUploadAnswer is the upload server's JSON.
type videoUploadAnswer struct {
	VideoID int    `json:"video_id"`
	OwnerID int    `json:"owner_id"`
	Size    int64  `json:"size"`
	Hash    string `json:"video_hash"`
	Error   string `json:"error"`
}

// videoAttachment returns the wall.post attachment of a publication's
// video, uploading it unless an earlier attempt did.
func (c *Conn) videoAttachment(ctx context.Context, pub core.Publication, i int) (string, error) {
	v := pub.Images[i]
	if strings.HasPrefix(v.Upload, "video") {
		return v.Upload, nil
	}
	var saved api.VideoSaveResponse
	p := api.Params{"group_id": c.set.GroupID, "wallpost": 0, "name": videoName(v)}
	if v.Alt != "" {
		p["description"] = truncate(v.Alt, 5000)
	}
	err := c.call(ctx, "video.save", p, func(p api.Params) (err error) {
		saved, err = c.vk.VideoSave(p)
		return
	})
	if err != nil {
		return "", err
	}
	var up videoUploadAnswer
	if err := classify(ctx, "video upload", c.postVideo(ctx, saved.UploadURL, v, &up), c.now()); err != nil {
		return "", err
	}
	switch {
	case up.Error != "" || up.VideoID == 0 && saved.VideoID == 0:
		return "", core.RemoteWords(core.ProblemConfig, core.Say("VK refused the video {{.File}}: {{.Reason}}", "File", v.Name, "Reason", up.Error),
			"attach an MP4 or MOV video", errors.New(up.Error))
	case up.Size != 0 && up.Size != v.Size:
		// Cut off on the way: the next attempt sends it again.
		return "", core.RemoteWords(core.ProblemNetwork, core.Say("VK took {{.Got}} of the {{.Size}} bytes of {{.File}}", "Got", up.Size, "Size", v.Size, "File", v.Name), "", nil)
	}
	owner, id := up.OwnerID, up.VideoID
	if id == 0 {
		owner, id = saved.OwnerID, saved.VideoID
	}
	att := fmt.Sprintf("video%d_%d", owner, id)
	return att, pub.Record(ctx, i, att)
}

// postVideo sends the video's file as multipart/form-data, streamed from
// disk with its length known in advance (upload servers refuse chunked
// bodies), and reads the JSON answer.
func (c *Conn) postVideo(ctx context.Context, url string, v core.PublishImage, into any) error {
	f, err := v.Open()
	if err != nil {
		return core.RemoteWords(core.ProblemConfig, core.Say("the video {{.File}} cannot be read: {{.Error}}", "File", v.Name, "Error", err), "attach it again", err)
	}
	defer f.Close()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	if _, err := w.CreateFormFile("video_file", v.Name); err != nil {
		return err
	}
	head := bytes.Clone(b.Bytes())
	b.Reset()
	if err := w.Close(); err != nil {
		return err
	}
	tail := b.Bytes()
	body := io.MultiReader(bytes.NewReader(head), io.LimitReader(f, v.Size), bytes.NewReader(tail))
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, body)
	if err != nil {
		return err
	}
	req.ContentLength = int64(len(head)) + v.Size + int64(len(tail))
	req.Header.Set("Content-Type", w.FormDataContentType())
	// The call timeout is for an API call; a video takes as long as its
	// bytes need at a slow line's pace.
	hc := &http.Client{Transport: c.vk.Client.Transport,
		Timeout: c.vk.Client.Timeout + time.Duration(v.Size/uploadRate)*time.Second}
	return uploadAnswer(hc, req, into)
}

// videoName is the title VK shows under the video: the file's name
// without its extension, at most 128 characters.
func videoName(v core.PublishImage) string {
	return truncate(strings.TrimSuffix(v.Name, filepath.Ext(v.Name)), 128)
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}
