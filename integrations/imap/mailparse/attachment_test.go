package mailparse

import (
	"bytes"
	"errors"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"os"
	"testing"

	"github.com/hearthhq/hearth/core"
)

// The picture a message carries comes back from the stored copy as the
// bytes the sender attached: it decodes, at the index Parse listed it.
func TestAttachmentDataFromRealMail(t *testing.T) {
	for _, tc := range []struct {
		file, name string
		index      int
		w, h       int
	}{
		// An Apple Mail message: a JPEG named in an ISO-8859-1 encoded word.
		{"testdata/mikel-mail/attachment_emails/attachment_with_quoted_filename.eml", "Eelanalüüsi päring.jpg", 0, 50, 50},
		// A bounce with a PNG beside its alternative text and HTML.
		{"testdata/sisimai/rhost-gsuite-10.eml", "warning_triangle.png", -1, 24, 24},
	} {
		t.Run(tc.name, func(t *testing.T) {
			raw, err := os.ReadFile(tc.file)
			if err != nil {
				t.Fatal(err)
			}
			it := Parse(raw)
			i := tc.index
			if i < 0 {
				for j, a := range it.Attachments {
					if a.Name == tc.name {
						i = j
					}
				}
			}
			att, data, err := AttachmentData(raw, i)
			if err != nil {
				t.Fatal(err)
			}
			if att != it.Attachments[i] || att.Name != tc.name {
				t.Fatalf("attachment %d = %+v, Parse listed %+v", i, att, it.Attachments[i])
			}
			if int64(len(data)) != att.Size {
				t.Errorf("%d bytes, Parse counted %d", len(data), att.Size)
			}
			img, _, err := image.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("the picture does not decode: %v", err)
			}
			if b := img.Bounds(); b.Dx() != tc.w || b.Dy() != tc.h {
				t.Errorf("picture of %v, want %dx%d", b, tc.w, tc.h)
			}
			if _, _, err := AttachmentData(raw, len(it.Attachments)); !errors.Is(err, core.ErrNotFound) {
				t.Errorf("an attachment past the last: %v, want not found", err)
			}
		})
	}
}
