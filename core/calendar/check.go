package calendar

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/media"
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
			return core.Say("{{.Channel}} is not a publishing channel ({{.Kind}}): posts go out on VK and X accounts", "Channel", name(t), "Kind", kindName(t.AccountKind))
		}
		text := p.TextFor(t)
		if strings.TrimSpace(text) == "" && len(p.Media) == 0 {
			return core.Say("write the post first: the text for {{.Channel}} is empty", "Channel", name(t))
		}
		c := posttext.Count(posttext.ForAccount(t.AccountKind), text, len(p.Media))
		switch {
		case c.Limit > 0 && c.Used > c.Limit:
			return core.Say("the text is too long for {{.Channel}} ({{.Used}} of {{.Limit}}): shorten it or write a variant", "Channel", name(t), "Used", c.Used, "Limit", c.Limit)
		case c.Over:
			return core.Say("too many pictures for {{.Channel}} ({{.Count}} of {{.Limit}})", "Channel", name(t), "Count", c.Media, "Limit", c.MediaLimit)
		}
	}
	return nil
}

// CheckMedia says why the post's pictures cannot go out on its channels,
// nil when they can (see PlanMedia).
func CheckMedia(p core.Post) error {
	_, err := PlanMedia(p)
	return err
}

// PlanMedia reads the post's pictures and says what each channel gets:
// an error when one cannot go out (a file missing, not a picture, a GIF
// among other pictures on X, an animated GIF too large to shrink), else
// one note per picture that is re-encoded to fit a channel (too many
// bytes or pixels, a type it does not take). It reads the files: the
// editor calls it off the UI goroutine.
func PlanMedia(p core.Post) ([]*core.Words, error) {
	infos := make([]media.Info, len(p.Media))
	for i, m := range p.Media {
		info, err := media.Inspect(m.Path)
		if err != nil {
			return nil, err
		}
		infos[i] = info
	}
	var notes []*core.Words
	for _, t := range p.Targets {
		lim := posttext.MediaOf(posttext.ForAccount(t.AccountKind))
		if err := media.Alone(infos, lim, name(t)); err != nil {
			return nil, err
		}
		for _, info := range infos {
			note, err := info.Plan(lim, name(t))
			if err != nil {
				return nil, err
			}
			if note != nil {
				notes = append(notes, note)
			}
		}
	}
	return notes, nil
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
