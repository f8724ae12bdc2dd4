package calendar

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/posttext"
)

// Publishes reports whether posts go out on accounts of kind k: a VK
// community's wall and an X timeline do; a mailbox or a feed does not.
func Publishes(k core.AccountKind) bool { return k == core.KindVK || k == core.KindX }

// Check says why a post cannot be scheduled on its channels as written,
// nil when it can: no channel, a channel that does not publish, an empty
// text, a text or a number of pictures past the channel's limits. The
// targets must carry their account's kind and name (as queries fill them).
// It reads nothing, so the editor can ask it on every keystroke.
func Check(p core.Post) error {
	if len(p.Targets) == 0 {
		return errors.New("choose at least one channel to publish on")
	}
	for _, t := range p.Targets {
		if !Publishes(t.AccountKind) {
			return fmt.Errorf("%s is not a publishing channel (%s): posts go out on VK and X accounts", name(t), kindName(t.AccountKind))
		}
		text := p.TextFor(t)
		if strings.TrimSpace(text) == "" {
			return fmt.Errorf("write the post first: the text for %s is empty", name(t))
		}
		c := posttext.Count(posttext.ForAccount(t.AccountKind), text, len(p.Media))
		switch {
		case c.Limit > 0 && c.Used > c.Limit:
			return fmt.Errorf("the text is too long for %s (%d of %d): shorten it or write a variant", name(t), c.Used, c.Limit)
		case c.Over:
			return fmt.Errorf("too many pictures for %s (%d of %d)", name(t), c.Media, c.MediaLimit)
		}
	}
	return nil
}

// CheckMedia says why the post's pictures cannot go out on its channels,
// nil when they can: a file that is missing or not a regular file, or
// that is not a picture of a type and size each channel accepts (sniffed
// from its content, whatever its name says).
func CheckMedia(p core.Post) error {
	for _, path := range p.Media {
		typ, size, err := sniffMedia(path)
		if err != nil {
			return err
		}
		for _, t := range p.Targets {
			m := posttext.MediaOf(posttext.ForAccount(t.AccountKind))
			switch {
			case len(m.Types) == 0:
				return fmt.Errorf("%s takes no pictures", name(t))
			case !slices.Contains(m.Types, typ):
				return fmt.Errorf("%s: %s takes %s pictures; this file is %s", filepath.Base(path), name(t), typeNames(m.Types), typ)
			case size > m.MaxBytes:
				return fmt.Errorf("%s: %d MB, %s takes pictures up to %d MB", filepath.Base(path), (size+1<<20-1)>>20, name(t), m.MaxBytes>>20)
			}
		}
	}
	return nil
}

// sniffMedia returns a file's sniffed MIME type and size.
func sniffMedia(path string) (string, int64, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", 0, fmt.Errorf("picture %s does not exist", path)
	}
	if err != nil {
		return "", 0, fmt.Errorf("picture %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return "", 0, fmt.Errorf("picture %w", err)
	}
	if !fi.Mode().IsRegular() {
		return "", 0, fmt.Errorf("picture %s is not a regular file", path)
	}
	head := make([]byte, 512)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return "", 0, fmt.Errorf("picture %w", err)
	}
	typ, _, _ := strings.Cut(http.DetectContentType(head[:n]), ";")
	return typ, fi.Size(), nil
}

func typeNames(types []string) string {
	var out []string
	for _, t := range types {
		out = append(out, strings.ToUpper(strings.TrimPrefix(t, "image/")))
	}
	return strings.Join(out, ", ")
}

func name(t core.PostTarget) string {
	if t.Account != "" {
		return t.Account
	}
	return fmt.Sprintf("channel %d", t.AccountID)
}

func kindName(k core.AccountKind) string {
	switch k {
	case core.KindIMAP:
		return "a mailbox"
	case core.KindFeed:
		return "a feed"
	}
	return string(k)
}
