package calendar

import (
	"context"
	"fmt"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/media"
	"github.com/hearthhq/hearth/core/posttext"
)

// publication is what goes out for a target of a post: its text, and its
// pictures with what earlier attempts uploaded of them. With fit, each
// picture is read and fitted to the channel (a check after a crash needs
// only the uploads).
func (e *Engine) publication(ctx context.Context, p core.Post, t core.PostTarget, fit bool) (core.Publication, error) {
	pub := core.Publication{Key: t.Key, Text: p.TextFor(t), Since: t.Since}
	if len(p.Media) == 0 {
		return pub, nil
	}
	uploads, err := e.store.Uploads(ctx, t.ID)
	if err != nil {
		return pub, err
	}
	lim := posttext.MediaOf(posttext.ForAccount(t.AccountKind))
	pub.Images = make([]core.PublishImage, len(p.Media))
	for i, m := range p.Media {
		img := core.PublishImage{Alt: m.Alt}
		if up, ok := uploads[m.Path]; ok {
			img.Upload, img.UploadedAt = up.Upload, up.At
		}
		if fit {
			f, err := media.Fit(ctx, m.Path, lim)
			if err != nil {
				return pub, err
			}
			img.Name, img.Type, img.Data = f.Name, f.Type, f.Data
			img.Video, img.Path, img.Size = f.Video, f.Path, f.Size
		}
		pub.Images[i] = img
	}
	pub.Uploaded = func(ctx context.Context, i int, upload string) error {
		// Kept even when the call is cancelled right after: the channel
		// has the picture.
		err := e.store.RecordUpload(context.WithoutCancel(ctx), core.MediaUpload{TargetID: t.ID,
			Path: p.Media[i].Path, Upload: upload, At: e.now()})
		if err != nil {
			return fmt.Errorf("calendar: target %d: %w", t.ID, err)
		}
		return nil
	}
	return pub, nil
}
