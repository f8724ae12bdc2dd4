package members

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/hearthhq/hearth/core"
)

// Contact is one person read from an import file (a CSV row, a vCard).
type Contact struct {
	Name      string
	Emails    []string
	VK        []string // user ids, id123, screen names or vk.com links
	X         []string // @handles or x.com links
	Location  string
	Language  string
	Bio       string
	PhotoURL  string
	Tags      []string
	Notes     []string
	Interests []string
}

// ImportResult tells what an import did, or would do (a preview).
type ImportResult struct {
	Created int // new member files
	Updated int // existing files that gained something
	Skipped int // rows with nothing to identify a person by
	// SkipReasons counts the skipped rows by why they were skipped.
	SkipReasons map[string]int
	// Conflicts name identities of a row that already belong to another
	// member: they are left there, a merge is a person's decision. A
	// preview does not know them yet.
	Conflicts []string
}

// Why a contact is skipped.
const (
	SkipEmpty   = "empty row"
	SkipNoIdent = "no name, e-mail address, VK or X account"
)

func (r *ImportResult) add(o ImportResult) {
	r.Created += o.Created
	r.Updated += o.Updated
	r.Skipped += o.Skipped
	for why, n := range o.SkipReasons {
		if r.SkipReasons == nil {
			r.SkipReasons = map[string]int{}
		}
		r.SkipReasons[why] += n
	}
	r.Conflicts = append(r.Conflicts, o.Conflicts...)
}

// importContacts files each contact: into the member one of its e-mail
// addresses or channel ids already belongs to, else into a new member.
// With dry set it writes nothing and counts what it would do, following
// the identities earlier contacts of the same file would have filed.
func (s *Service) importContacts(ctx context.Context, list []Contact, dry bool) (ImportResult, error) {
	var res ImportResult
	var p *plan
	if dry {
		p = &plan{owner: map[core.Identity]int64{}}
	}
	for i, c := range list {
		r, err := s.importContact(ctx, c, p)
		if err != nil {
			return res, fmt.Errorf("members: import: %w", core.Say(`contact {{.Number}} ("{{.Name}}"): {{.Error}}`, "Number", i+1, "Name", c.Name, "Error", err).Because(err))
		}
		res.add(r)
	}
	return res, nil
}

// plan is what a preview remembers of the contacts before: which member
// each identity went to. Planned members have negative ids.
type plan struct {
	owner map[core.Identity]int64
	next  int64
}

func identityKey(id core.Identity) core.Identity {
	return core.Identity{Kind: id.Kind, Address: id.Address}
}

func (s *Service) importContact(ctx context.Context, c Contact, p *plan) (ImportResult, error) {
	ids := c.identities()
	if len(ids) == 0 && strings.TrimSpace(c.Name) == "" {
		why := SkipNoIdent
		if c.empty() {
			why = SkipEmpty
		}
		return ImportResult{Skipped: 1, SkipReasons: map[string]int{why: 1}}, nil
	}
	if p != nil {
		return s.previewContact(ctx, ids, p)
	}
	var res ImportResult
	id, err := s.existingMember(ctx, ids)
	if err != nil {
		return res, err
	}
	if id == 0 {
		res.Created = 1
		if id, err = s.store.CreateMember(ctx, c.member(), s.now()); err != nil {
			return res, err
		}
	} else {
		res.Updated = 1
		if err := s.fillProfile(ctx, id, c); err != nil {
			return res, err
		}
	}
	for _, ident := range ids {
		owner, attached, err := s.store.AddIdentityToMember(ctx, id, ident, mergeFields)
		if err != nil {
			return res, err
		}
		if !attached {
			res.Conflicts = append(res.Conflicts, fmt.Sprintf("%s %s is in member %d", ident.Kind, ident.Address, owner))
		}
	}
	return res, s.addExtras(ctx, id, c)
}

// previewContact counts a contact as importContact would file it, by
// reading only.
func (s *Service) previewContact(ctx context.Context, ids []core.Identity, p *plan) (ImportResult, error) {
	var id int64
	for _, ident := range ids {
		if owner := p.owner[identityKey(ident)]; owner != 0 {
			id = owner
			break
		}
		owner, err := s.memberOf(ctx, ident)
		if err != nil {
			return ImportResult{}, err
		}
		if owner != 0 {
			id = owner
			break
		}
	}
	res := ImportResult{Updated: 1}
	if id == 0 {
		p.next--
		id, res = p.next, ImportResult{Created: 1}
	}
	for _, ident := range ids {
		if _, ok := p.owner[identityKey(ident)]; !ok {
			p.owner[identityKey(ident)] = id
		}
	}
	return res, nil
}

// existingMember finds the member a contact's first known identity is in.
func (s *Service) existingMember(ctx context.Context, ids []core.Identity) (int64, error) {
	for _, ident := range ids {
		id, err := s.memberOf(ctx, ident)
		if err != nil || id != 0 {
			return id, err
		}
	}
	return 0, nil
}

func (s *Service) memberOf(ctx context.Context, ident core.Identity) (int64, error) {
	known, err := s.store.Identity(ctx, ident.Kind, ident.Address)
	if errors.Is(err, core.ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return s.store.MemberOfIdentity(ctx, known.ID)
}

// fillProfile sets the profile fields the member lacks and the contact has.
func (s *Service) fillProfile(ctx context.Context, id int64, c Contact) error {
	m, err := s.store.Member(ctx, id)
	if err != nil {
		return err
	}
	var p core.MemberProfile
	set := func(have string, next string, dst **string) {
		if have == "" && next != "" {
			*dst = &next
		}
	}
	set(m.Name, c.Name, &p.Name)
	set(m.Location, c.Location, &p.Location)
	set(m.Language, c.Language, &p.Language)
	set(m.Bio, c.Bio, &p.Bio)
	set(m.PhotoURL, c.PhotoURL, &p.PhotoURL)
	return s.store.UpdateMemberProfile(ctx, id, p)
}

func (s *Service) addExtras(ctx context.Context, id int64, c Contact) error {
	if len(c.Tags) > 0 {
		if err := s.store.SetMemberTags(ctx, []int64{id}, c.Tags, nil); err != nil {
			return err
		}
	}
	for _, n := range c.Notes {
		if strings.TrimSpace(n) == "" {
			continue
		}
		if _, err := s.store.AddMemberNote(ctx, id, n, s.now()); err != nil {
			return err
		}
	}
	if len(c.Interests) == 0 {
		return nil
	}
	have, _, err := s.store.MemberTopics(ctx, id)
	if err != nil {
		return err
	}
	return s.store.SetMemberInterests(ctx, id, append(have, c.Interests...))
}

// empty reports a contact with nothing in it (a blank row).
func (c Contact) empty() bool {
	for _, v := range []string{c.Name, c.Location, c.Language, c.Bio, c.PhotoURL} {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	for _, l := range [][]string{c.Emails, c.VK, c.X, c.Tags, c.Notes, c.Interests} {
		for _, v := range l {
			if strings.TrimSpace(v) != "" {
				return false
			}
		}
	}
	return true
}

func (c Contact) member() core.Member {
	return core.Member{Name: strings.TrimSpace(c.Name), Location: c.Location, Language: c.Language,
		Bio: c.Bio, PhotoURL: c.PhotoURL}
}

// identities turns a contact's addresses into identities. A VK or X
// screen name without a numeric id is kept as "@name": it never collides
// with a real id, and the same-handle suggestion pairs it with the real
// identity when that one writes.
func (c Contact) identities() []core.Identity {
	var out []core.Identity
	for _, e := range c.Emails {
		if e = strings.ToLower(strings.TrimSpace(e)); strings.Contains(e, "@") {
			out = append(out, core.Identity{Kind: core.IdentityEmail, Address: e, Name: c.Name})
		}
	}
	for _, v := range c.VK {
		if id, ok := channelIdentity(core.IdentityVK, v, c.Name); ok {
			out = append(out, id)
		}
	}
	for _, x := range c.X {
		if id, ok := channelIdentity(core.IdentityX, x, c.Name); ok {
			out = append(out, id)
		}
	}
	return out
}

var (
	linkPrefix = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)^(https?://)?(www\.|m\.)?(vk\.com|vkontakte\.ru|x\.com|twitter\.com)/`)
	})
	vkNumeric = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(id)?([0-9]+)$`) })
)

func channelIdentity(kind core.IdentityKind, v, name string) (core.Identity, bool) {
	v = strings.TrimPrefix(linkPrefix().ReplaceAllString(strings.TrimSpace(v), ""), "@")
	v = strings.TrimRight(v, "/")
	if v == "" {
		return core.Identity{}, false
	}
	if kind == core.IdentityVK {
		if m := vkNumeric().FindStringSubmatch(v); m != nil {
			return core.Identity{Kind: kind, Address: m[2], Name: name}, true
		}
	}
	h := strings.ToLower(v)
	return core.Identity{Kind: kind, Address: "@" + h, Handle: h, Name: name}, true
}
