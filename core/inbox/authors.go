package inbox

import (
	"context"
	"errors"
	"strings"

	"github.com/hearthhq/hearth/core"
)

// AuthorStore is what naming authors needs of the store.
type AuthorStore interface {
	Identity(ctx context.Context, kind core.IdentityKind, address string) (core.Identity, error)
	MemberOfIdentity(ctx context.Context, identityID int64) (int64, error)
	Member(ctx context.Context, id int64) (core.Member, error)
}

// nameAuthors fills the author name of items whose channel sent none (a
// VK comment whose profile did not come with it, a deleted account) from
// what the workspace knows: the identity's name, else its member file's.
// Only nameless items cost a lookup, once per author.
func (s *Service) nameAuthors(ctx context.Context, items []core.Item) error {
	type author struct {
		kind    core.IdentityKind
		address string
	}
	known := map[author]string{}
	for i := range items {
		it := &items[i]
		if it.Author.Name != "" || it.Author.Address == "" || it.Outgoing {
			continue
		}
		key := author{authorKind(it.Kind), it.Author.Address}
		name, ok := known[key]
		if !ok {
			var err error
			if name, err = s.knownName(ctx, authorKind(it.Kind), it.Author.Address); err != nil {
				return err
			}
			known[key] = name
		}
		it.Author.Name = name
	}
	return nil
}

func (s *Service) knownName(ctx context.Context, kind core.IdentityKind, address string) (string, error) {
	ident, err := s.store.Identity(ctx, kind, address)
	if errors.Is(err, core.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	if name := strings.TrimSpace(ident.Name); name != "" {
		return name, nil
	}
	member, err := s.store.MemberOfIdentity(ctx, ident.ID)
	if errors.Is(err, core.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	m, err := s.store.Member(ctx, member)
	if errors.Is(err, core.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(m.Name), nil
}

// authorKind is the kind of identity that writes items of kind k.
func authorKind(k core.ItemKind) core.IdentityKind {
	switch k {
	case core.ItemEmail:
		return core.IdentityEmail
	case core.ItemVKPost, core.ItemVKComment, core.ItemVKMessage:
		return core.IdentityVK
	case core.ItemXMention, core.ItemXReply, core.ItemXDM:
		return core.IdentityX
	}
	return core.IdentityFeed
}
