package engine

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path/filepath"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/media"
	"github.com/hearthhq/hearth/core/posttext"
)

// attach reads the files a reply carries: for an e-mail the files as
// they are, for a VK comment or an X reply each picture fitted to the
// channel, with what an earlier attempt uploaded of it (the upload steps
// are recorded under the entry as they go, so a retry resumes from them).
// With fit false only the uploads are read: a check after an unknown
// outcome needs them, not the pictures.
func (r *outboxRunner) attach(ctx context.Context, ent core.OutboxEntry, it core.Item, rp *core.Reply, fit bool) error {
	if len(rp.Attach) == 0 {
		return nil
	}
	if it.Kind == core.ItemEmail {
		if !fit {
			return nil
		}
		files, err := readFiles(rp.Attach)
		rp.Files = files
		return err
	}
	lim := posttext.MediaOf(posttext.ForReply(it.Kind))
	uploads, err := r.e.store.ReplyUploads(ctx, ent.ID)
	if err != nil {
		return err
	}
	rp.Images = make([]core.PublishImage, len(rp.Attach))
	for i, a := range rp.Attach {
		img := core.PublishImage{Alt: a.Alt}
		if up, ok := uploads[a.Path]; ok {
			img.Upload, img.UploadedAt = up.Upload, up.At
		}
		if fit {
			// Read even when uploaded: an X upload expires after a day.
			f, err := media.Fit(ctx, a.Path, lim)
			if err != nil {
				return errAttach(err)
			}
			img.Name, img.Type, img.Data = f.Name, f.Type, f.Data
			img.Video, img.Path, img.Size = f.Video, f.Path, f.Size
		}
		rp.Images[i] = img
	}
	paths := rp.Attach
	rp.Uploaded = func(ctx context.Context, i int, upload string) error {
		// Kept even when the call is cancelled right after: the channel
		// has the picture.
		err := r.e.store.RecordReplyUpload(context.WithoutCancel(ctx), core.MediaUpload{OutboxID: ent.ID,
			Path: paths[i].Path, Upload: upload, At: r.e.now()})
		if err != nil {
			return fmt.Errorf("outbox entry %d: %w", ent.ID, err)
		}
		return nil
	}
	return nil
}

// readFiles reads the files attached to an e-mail, checked against the
// one limit of mail attachments (posttext.MailAttachMax).
func readFiles(attach []core.PostImage) ([]core.OutFile, error) {
	files := make([]core.OutFile, 0, len(attach))
	var total int64
	for _, a := range attach {
		data, err := os.ReadFile(a.Path)
		if err != nil {
			return nil, errAttach(fileError(a.Path, err))
		}
		total += int64(len(data))
		if total > posttext.MailAttachMax {
			return nil, errAttach(core.Say("the attached files come to more than {{.Max}}, the most an e-mail carries: attach fewer or smaller files", "Max", core.Size(posttext.MailAttachMax)))
		}
		files = append(files, core.OutFile{Name: filepath.Base(a.Path), Type: fileType(a.Path, data), Data: data})
	}
	return files, nil
}

// fileType is a file's MIME type by its extension, else by its content.
func fileType(path string, data []byte) string {
	if t := mime.TypeByExtension(filepath.Ext(path)); t != "" {
		return t
	}
	return http.DetectContentType(data)
}

func fileError(path string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return core.Say("the attached file {{.File}} is gone: attach it again", "File", path)
	}
	return core.Say("the attached file {{.File}} cannot be read: {{.Error}}", "File", path, "Error", err).Because(err)
}

// errAttach marks a problem with a reply's files: nothing was sent, and
// trying again alone does not help, a person must act.
func errAttach(err error) error {
	return &core.RemoteError{Problem: core.ProblemConfig, Err: err, Message: err.Error(), Words: core.AsWords(err), Action: "fix the attachment, then Retry or Discard"}
}

// attachedList names a sent reply's files, as its thread shows them.
func attachedList(attach []core.PostImage) []core.Attachment {
	var out []core.Attachment
	for _, a := range attach {
		// The path stays so that the thread shows the picture we sent.
		att := core.Attachment{Name: filepath.Base(a.Path), MIMEType: mime.TypeByExtension(filepath.Ext(a.Path)), Path: a.Path}
		if fi, err := os.Stat(a.Path); err == nil {
			att.Size = fi.Size()
		}
		out = append(out, att)
	}
	return out
}
