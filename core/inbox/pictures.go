package inbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/hearthhq/hearth/core"
)

// PicturesStore is what the pictures of a conversation need of the store.
type PicturesStore interface {
	Item(ctx context.Context, id int64) (core.Item, error)
	// Raw is the stored copy of a message (core.ErrNotFound: none).
	Raw(ctx context.Context, itemID int64) ([]byte, error)
	SettingsStore
}

// MailPart reads the i-th attachment of a raw e-mail (as the mail parser
// listed it on the item) and its decoded bytes: the mail integration's
// parser, wired by cmd.
type MailPart func(raw []byte, i int) (core.Attachment, []byte, error)

// Fetcher downloads a remote picture into the workspace's cache, within
// a size limit, and finds a picture fetched before without the network.
type Fetcher interface {
	Fetch(ctx context.Context, url string) (path string, err error)
	// Cached is the local copy of a picture fetched before ("" when none).
	Cached(url string) string
}

// PicturesParams wire the Pictures service.
type PicturesParams struct {
	Store    PicturesStore
	MailPart MailPart // nil: no e-mail attachment can be read
	Fetcher  Fetcher  // nil: no remote picture can be loaded
}

// Pictures shows the pictures of a conversation: an e-mail's attached
// pictures from the stored copy of the message, the pictures a reply we
// sent carried from their files, and the photos of VK and X items, which
// stay on their channel until a person asks for them (LoadPicture) or
// chose to always load the pictures of their author (SetAlwaysLoad):
// nothing remote is fetched otherwise.
type Pictures struct {
	store PicturesStore
	part  MailPart
	fetch Fetcher
	mu    sync.Mutex // orders the read-modify-write of the always-load list
}

// NewPictures makes the Pictures service.
func NewPictures(p PicturesParams) *Pictures {
	return &Pictures{store: p.Store, part: p.MailPart, fetch: p.Fetcher}
}

// ErrNoPicture is an attachment asked for as a picture that is none, or
// that Hearth has no way to read.
var ErrNoPicture error = core.Say("not a picture Hearth can show")

// attachment is the i-th attachment of an item.
func (p *Pictures) attachment(ctx context.Context, itemID int64, i int) (core.Item, core.Attachment, error) {
	it, err := p.store.Item(ctx, itemID)
	if err != nil {
		return it, core.Attachment{}, fmt.Errorf("pictures: item %d: %w", itemID, err)
	}
	if i < 0 || i >= len(it.Attachments) {
		return it, core.Attachment{}, fmt.Errorf("pictures: item %d has no attachment %d: %w", itemID, i+1, core.ErrNotFound)
	}
	return it, it.Attachments[i], nil
}

// AttachmentData returns the bytes of an e-mail's i-th attachment, read
// from the stored copy of the message (no network).
func (p *Pictures) AttachmentData(ctx context.Context, itemID int64, i int) ([]byte, error) {
	it, att, err := p.attachment(ctx, itemID, i)
	if err != nil {
		return nil, err
	}
	if it.Kind != core.ItemEmail || att.Remote() || att.Path != "" || p.part == nil {
		return nil, fmt.Errorf("pictures: %s: %w", att.Name, ErrNoPicture)
	}
	raw, err := p.store.Raw(ctx, itemID)
	if err != nil {
		return nil, fmt.Errorf("pictures: the stored copy of the message: %w", err)
	}
	got, data, err := p.part(raw, i)
	if err != nil {
		return nil, fmt.Errorf("pictures: %s: %w", att.Name, err)
	}
	if got.Name != att.Name || got.MIMEType != att.MIMEType {
		// The parser lists the parts in another order than when the
		// message came: never show one part under another's name.
		return nil, fmt.Errorf("pictures: %s is no longer at its place in the message: %w", att.Name, core.ErrNotFound)
	}
	return data, nil
}

// CachedPicture is the local copy of an item's remote picture when it was
// loaded before ("" when not): shown without asking again, and without
// the network.
func (p *Pictures) CachedPicture(ctx context.Context, itemID int64, i int) (string, error) {
	_, att, err := p.attachment(ctx, itemID, i)
	if err != nil || !att.Remote() || p.fetch == nil {
		return "", err
	}
	return p.fetch.Cached(att.URL), nil
}

// LoadPicture fetches an item's remote picture (a person asked for it, or
// always loads its author's), or returns the copy fetched before.
func (p *Pictures) LoadPicture(ctx context.Context, itemID int64, i int) (string, error) {
	_, att, err := p.attachment(ctx, itemID, i)
	if err != nil {
		return "", err
	}
	if !att.Remote() || !att.IsPicture() || p.fetch == nil {
		return "", fmt.Errorf("pictures: %s: %w", att.Name, ErrNoPicture)
	}
	if path := p.fetch.Cached(att.URL); path != "" {
		return path, nil
	}
	path, err := p.fetch.Fetch(ctx, att.URL)
	if err != nil {
		return "", fmt.Errorf("pictures: %w", err)
	}
	return path, nil
}

// Sender is someone whose pictures Hearth always loads: the key names
// them on their channel ("vk:123", "x:456"), Name as the inbox showed them.
type Sender struct {
	Key  string `json:"key"`
	Name string `json:"name"`
}

// SenderOf is the key of an item's author, "" for an item whose author
// Hearth cannot name on its channel, or that has no remote pictures.
func SenderOf(it core.Item) string {
	if it.Author.Address == "" {
		return ""
	}
	switch it.Kind {
	case core.ItemVKComment, core.ItemVKPost, core.ItemVKMessage:
		return "vk:" + it.Author.Address
	case core.ItemXMention, core.ItemXReply, core.ItemXDM:
		return "x:" + it.Author.Address
	}
	return ""
}

// settingAlwaysLoad keeps the senders whose pictures are always loaded.
const settingAlwaysLoad = "inbox.always_load_pictures"

// AlwaysLoadList lists the people whose pictures Hearth always loads.
func (p *Pictures) AlwaysLoadList(ctx context.Context) ([]Sender, error) {
	raw, err := p.store.Setting(ctx, settingAlwaysLoad)
	if errors.Is(err, core.ErrNotFound) || (err == nil && strings.TrimSpace(raw) == "") {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("pictures: always load: %w", err)
	}
	var out []Sender
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		return nil, fmt.Errorf("pictures: always load: %w", err)
	}
	return out, nil
}

// AlwaysLoad reports whether Hearth loads the pictures of an item's author
// without being asked.
func (p *Pictures) AlwaysLoad(ctx context.Context, it core.Item) (bool, error) {
	key := SenderOf(it)
	if key == "" {
		return false, nil
	}
	list, err := p.AlwaysLoadList(ctx)
	return slices.ContainsFunc(list, func(s Sender) bool { return s.Key == key }), err
}

// SetAlwaysLoad makes Hearth load the pictures of the person key names
// without being asked (on), or only on a click again (off).
func (p *Pictures) SetAlwaysLoad(ctx context.Context, s Sender, on bool) error {
	if s.Key == "" {
		return fmt.Errorf("pictures: always load: %w", core.ErrNotFound)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	list, err := p.AlwaysLoadList(ctx)
	if err != nil {
		return err
	}
	list = slices.DeleteFunc(list, func(x Sender) bool { return x.Key == s.Key })
	if on {
		list = append(list, s)
	}
	b, err := json.Marshal(list)
	if err != nil {
		return fmt.Errorf("pictures: always load: %w", err)
	}
	if err := p.store.SetSetting(ctx, settingAlwaysLoad, string(b)); err != nil {
		return fmt.Errorf("pictures: always load: %w", err)
	}
	return nil
}
