package vk

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"

	"github.com/SevereCloud/vksdk/v2/api"
	"github.com/SevereCloud/vksdk/v2/object"

	"github.com/hearthhq/hearth/core"
)

// A picture goes onto a wall post in three steps (photos.getWallUploadServer,
// the multipart upload, photos.saveWallPhoto); each step's answer is
// recorded (core.Publication.Record) before the next, so a retry resumes
// where the last attempt stopped and never uploads a picture twice:
//
//	"uploaded:{server, photo, hash}"  the upload server took the file
//	"photo-229000111_457239017"       saved: the wall.post attachment
const uploadedPrefix = "uploaded:"

// errUploadRefused is VK's upload server answering with no photo: the
// file is not a picture it takes.
var errUploadRefused = errors.New("VK's upload server took no photo from the file")

// attachments returns the wall.post attachments of a publication's
// pictures and videos (videos.go), uploading and saving those not done by
// an earlier attempt.
func (c *Conn) attachments(ctx context.Context, pub core.Publication) ([]string, error) {
	atts := make([]string, len(pub.Images))
	for i := range pub.Images {
		what, attach := "picture", c.attachment
		if pub.Images[i].Video {
			what, attach = "video", c.videoAttachment
		}
		att, err := attach(ctx, pub, i)
		if err != nil {
			return nil, fmt.Errorf("%s %d (%s): %w", what, i+1, pub.Images[i].Name, err)
		}
		atts[i] = att
	}
	return atts, nil
}

func (c *Conn) attachment(ctx context.Context, pub core.Publication, i int) (string, error) {
	img := pub.Images[i]
	if strings.HasPrefix(img.Upload, "photo") {
		return img.Upload, nil
	}
	var up object.PhotosWallUploadResponse
	rest, resumed := strings.CutPrefix(img.Upload, uploadedPrefix)
	if resumed && json.Unmarshal([]byte(rest), &up) != nil {
		resumed = false // a record this version cannot read: upload again
	}
	if !resumed {
		var err error
		if up, err = c.uploadPhoto(ctx, img); err != nil {
			return "", err
		}
		rec, _ := json.Marshal(up) // a plain struct always encodes
		if err := pub.Record(ctx, i, uploadedPrefix+string(rec)); err != nil {
			return "", err
		}
	}
	att, err := c.savePhoto(ctx, up, img.Alt)
	var ae *api.Error
	if resumed && errors.As(err, &ae) && (ae.Code == api.ErrParam || ae.Code == api.ErrParamHash || ae.Code == api.ErrParamPhoto) {
		// The earlier upload expired on VK's side (its hash lives for a
		// while only): that file is gone, upload it anew.
		pub.Images[i].Upload = ""
		return c.attachment(ctx, pub, i)
	}
	if err != nil {
		return "", err
	}
	return att, pub.Record(ctx, i, att)
}

// uploadPhoto asks for the wall upload server and sends it the file.
func (c *Conn) uploadPhoto(ctx context.Context, img core.PublishImage) (object.PhotosWallUploadResponse, error) {
	var srv api.PhotosGetWallUploadServerResponse
	p := api.Params{"group_id": c.set.GroupID}
	err := c.call(ctx, "photos.getWallUploadServer", p, func(p api.Params) (err error) {
		srv, err = c.vk.PhotosGetWallUploadServer(p)
		return
	})
	if err != nil {
		return object.PhotosWallUploadResponse{}, err
	}
	var up object.PhotosWallUploadResponse
	err = classify(ctx, "photo upload", c.postFile(ctx, srv.UploadURL, img, &up), c.now())
	if err == nil && (up.Photo == "" || up.Photo == "[]") {
		err = core.RemoteWords(core.ProblemConfig, core.Say("VK refused the picture {{.File}}", "File", img.Name), "attach a JPEG, PNG or GIF", errUploadRefused)
	}
	return up, err
}

// postFile sends the picture as multipart/form-data in the field "photo"
// (vksdk's UploadFile takes no context) and reads the JSON answer.
func (c *Conn) postFile(ctx context.Context, url string, img core.PublishImage, into any) error {
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	part, err := w.CreateFormFile("photo", img.Name)
	if err == nil {
		_, err = part.Write(img.Data)
	}
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, &body)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", w.FormDataContentType())
	return uploadAnswer(c.vk.Client, req, into)
}

// uploadAnswer sends an upload and decodes its server's JSON answer (not
// an API envelope: the upload servers answer with bare objects).
func uploadAnswer(hc *http.Client, req *http.Request, into any) error {
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, into); err != nil {
		return &api.InvalidContentType{ContentType: resp.Header.Get("Content-Type")}
	}
	return nil
}

// savePhoto saves an upload to the community's wall album, with the alt
// text as its caption, and returns its attachment "photo{owner}_{id}".
func (c *Conn) savePhoto(ctx context.Context, up object.PhotosWallUploadResponse, alt string) (string, error) {
	var r api.PhotosSaveWallPhotoResponse
	p := api.Params{"group_id": c.set.GroupID, "server": up.Server, "photo": up.Photo, "hash": up.Hash}
	if alt != "" {
		p["caption"] = alt
	}
	err := c.call(ctx, "photos.saveWallPhoto", p, func(p api.Params) (err error) {
		r, err = c.vk.PhotosSaveWallPhoto(p)
		return
	})
	if err != nil {
		return "", err
	}
	if len(r) == 0 {
		return "", classify(ctx, "photos.saveWallPhoto", errors.New("no photo in the answer"), c.now())
	}
	return fmt.Sprintf("photo%d_%d", r[0].OwnerID, r[0].ID), nil
}

// postPhotos and commentPhotos name the photos among a post's or a
// comment's attachments, as "photo{owner}_{id}"; postPhotos names a
// post's videos too, as "video{owner}_{id}".
func postPhotos(atts []object.WallWallpostAttachment) []string {
	var out []string
	for _, a := range atts {
		switch a.Type {
		case "photo":
			out = append(out, photoName(a.Photo))
		case "video":
			out = append(out, fmt.Sprintf("video%d_%d", a.Video.OwnerID, a.Video.ID))
		}
	}
	return out
}

func commentPhotos(atts []object.WallCommentAttachment) []string {
	var out []string
	for _, a := range atts {
		if a.Type == "photo" {
			out = append(out, photoName(a.Photo))
		}
	}
	return out
}

func photoName(p object.PhotosPhoto) string { return fmt.Sprintf("photo%d_%d", p.OwnerID, p.ID) }

// showSide is the longest side of the VK photo size Hearth loads when a
// person asks for a picture: big enough to look at, far from the
// originals of several megabytes.
const showSide = 1600

// photoAttachment describes a photo of a post or a comment for the inbox:
// where its largest size up to showSide is (the smallest above it when
// none is that small), fetched only when a person asks.
func photoAttachment(p object.PhotosPhoto) (core.Attachment, bool) {
	var best object.PhotosPhotoSizes
	for _, s := range p.Sizes {
		if s.URL == "" {
			continue
		}
		fits, bestFits := max(s.Width, s.Height) <= showSide, max(best.Width, best.Height) <= showSide
		switch {
		case best.URL == "",
			fits && (!bestFits || s.Width*s.Height > best.Width*best.Height),
			!fits && !bestFits && s.Width*s.Height < best.Width*best.Height:
			best = s
		}
	}
	if best.URL == "" {
		return core.Attachment{}, false
	}
	return core.Attachment{Name: photoName(p) + ".jpg", MIMEType: "image/jpeg", URL: best.URL,
		Width: int(best.Width), Height: int(best.Height)}, true
}

// postPictures and commentPictures are the photos of a post or a comment
// as the inbox lists them.
func postPictures(atts []object.WallWallpostAttachment) []core.Attachment {
	var out []core.Attachment
	for _, a := range atts {
		if at, ok := photoAttachment(a.Photo); ok && a.Type == "photo" {
			out = append(out, at)
		}
	}
	return out
}

func commentPictures(atts []object.WallCommentAttachment) []core.Attachment {
	var out []core.Attachment
	for _, a := range atts {
		if at, ok := photoAttachment(a.Photo); ok && a.Type == "photo" {
			out = append(out, at)
		}
	}
	return out
}
