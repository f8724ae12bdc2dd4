package inbox

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/media"
	"github.com/hearthhq/hearth/core/posttext"
)

// CheckAttach says why files cannot go with a reply to an item of kind k,
// nil when they can: any readable files up to posttext.MailAttachMax on
// an e-mail; on a VK comment or an X reply pictures the channel takes
// (re-encoded to fit when needed), no more than its limit, a GIF alone on
// X; none on a private message or a feed entry. It reads the files: the
// composer asks it off the UI goroutine.
func CheckAttach(k core.ItemKind, attach []core.PostImage) error {
	if len(attach) == 0 {
		return nil
	}
	seen := map[string]bool{}
	for _, a := range attach {
		if seen[a.Path] {
			return core.Say("{{.File}} is attached twice", "File", filepath.Base(a.Path))
		}
		seen[a.Path] = true
	}
	if k == core.ItemEmail {
		return checkFiles(attach)
	}
	ch := posttext.ForReply(k)
	lim, most := posttext.MediaOf(ch), posttext.LimitsOf(ch).Media
	if len(lim.Types) == 0 {
		return core.Say("this answer takes no pictures from Hearth: send the text alone")
	}
	if len(attach) > most {
		return core.Say("too many pictures for this answer ({{.Count}} of {{.Limit}})", "Count", len(attach), "Limit", most)
	}
	infos := make([]media.Info, len(attach))
	for i, a := range attach {
		info, err := media.Inspect(a.Path)
		if err != nil {
			return err
		}
		if _, err := info.Plan(lim, channelName(k)); err != nil {
			return err
		}
		infos[i] = info
	}
	return media.Alone(infos, lim, channelName(k))
}

// checkFiles checks files for an e-mail: each a readable regular file,
// together within posttext.MailAttachMax.
func checkFiles(attach []core.PostImage) error {
	var total int64
	for _, a := range attach {
		fi, err := os.Stat(a.Path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return core.Say("{{.File}} does not exist", "File", a.Path)
		case err != nil:
			return core.Say("{{.File}} cannot be read: {{.Error}}", "File", a.Path, "Error", err).Because(err)
		case !fi.Mode().IsRegular():
			return core.Say("{{.File}} is not a file", "File", filepath.Base(a.Path))
		}
		total += fi.Size()
	}
	if total > posttext.MailAttachMax {
		return core.Say("the files come to {{.Size}}; an e-mail carries at most {{.Max}}: attach fewer or smaller files",
			"Size", core.Size(total), "Max", core.Size(posttext.MailAttachMax))
	}
	return nil
}

func channelName(k core.ItemKind) string {
	switch k {
	case core.ItemXMention, core.ItemXReply:
		return "an X reply"
	}
	return "a VK comment"
}
