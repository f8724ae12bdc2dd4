package members

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-vcard"

	"github.com/hearthhq/hearth/core"
)

// exportPage is how many members an export reads at a time.
const exportPage = 1000

// eachMember calls fn for every member matching f, with their identities.
func (s *Service) eachMember(ctx context.Context, f core.MemberFilter, fn func(core.Member, []core.Identity) error) error {
	f.Sort, f.Desc, f.Limit = core.SortName, false, exportPage
	for f.Offset = 0; ; f.Offset += exportPage {
		page, err := s.List(ctx, f)
		if err != nil {
			return err
		}
		for _, m := range page.Members {
			ids, err := s.store.MemberIdentities(ctx, m.ID)
			if err != nil {
				return fmt.Errorf("members: export: %w", err)
			}
			if err := fn(m, ids); err != nil {
				return err
			}
		}
		if len(page.Members) < exportPage {
			return nil
		}
	}
}

// csvColumns are the columns of the exported members table.
var csvColumns = []string{"id", "name", "email", "vk", "x", "location", "language", "tags",
	"activity", "loyalty", "quadrant", "cohort", "first_seen", "last_seen"}

// ExportCSV writes the members table (those f selects) as CSV, in a form
// ReadCSV reads back.
func (s *Service) ExportCSV(ctx context.Context, w io.Writer, f core.MemberFilter) error {
	cs, err := s.Settings(ctx)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(csvColumns); err != nil {
		return fmt.Errorf("members: export csv: %w", err)
	}
	now := s.now()
	err = s.eachMember(ctx, f, func(m core.Member, ids []core.Identity) error {
		by := addresses(ids)
		return cw.Write([]string{strconv.FormatInt(m.ID, 10), m.Name, by[core.IdentityEmail],
			by[core.IdentityVK], by[core.IdentityX], m.Location, m.Language, strings.Join(m.Tags, ", "),
			trimFloat(m.Activity), loyaltyText(m), string(m.Quadrant),
			string(core.CohortOf(m, now, cs)), date(m.FirstSeen), date(m.LastSeen)})
	})
	cw.Flush()
	if err == nil {
		err = cw.Error()
	}
	if err != nil {
		return fmt.Errorf("members: export csv: %w", err)
	}
	return nil
}

// addresses joins each channel's addresses; a handle stands for an id
// where the channel gives one.
func addresses(ids []core.Identity) map[core.IdentityKind]string {
	out := map[core.IdentityKind]string{}
	for _, id := range ids {
		a := id.Address
		if id.Kind != core.IdentityEmail && id.Handle != "" {
			a = "@" + id.Handle
		}
		if out[id.Kind] != "" {
			a = out[id.Kind] + ", " + a
		}
		out[id.Kind] = a
	}
	return out
}

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

// ExportVCard writes the members f selects as vCard 4.0 cards.
func (s *Service) ExportVCard(ctx context.Context, w io.Writer, f core.MemberFilter) error {
	enc := vcard.NewEncoder(w)
	err := s.eachMember(ctx, f, func(m core.Member, ids []core.Identity) error {
		return enc.Encode(memberCard(m, ids))
	})
	if err != nil {
		return fmt.Errorf("members: export vcard: %w", err)
	}
	return nil
}

func memberCard(m core.Member, ids []core.Identity) vcard.Card {
	card := vcard.Card{}
	card.SetValue(vcard.FieldFormattedName, m.Name)
	card.SetName(&vcard.Name{GivenName: m.Name})
	for _, id := range ids {
		switch {
		case id.Kind == core.IdentityEmail:
			card.AddValue(vcard.FieldEmail, id.Address)
		case id.Kind == core.IdentityVK && id.Handle != "":
			card.AddValue(vcard.FieldURL, "https://vk.com/"+id.Handle)
		case id.Kind == core.IdentityVK:
			card.AddValue(vcard.FieldURL, "https://vk.com/id"+id.Address)
		case id.Kind == core.IdentityX && id.Handle != "":
			card.AddValue(vcard.FieldURL, "https://x.com/"+id.Handle)
		}
	}
	if m.Location != "" {
		card.AddAddress(&vcard.Address{Locality: m.Location})
	}
	if m.PhotoURL != "" {
		card.SetValue(vcard.FieldPhoto, m.PhotoURL)
	}
	if len(m.Tags) > 0 {
		card.SetCategories(m.Tags)
	}
	vcard.ToV4(card)
	return card
}

// MemberFile is everything Hearth holds about one person, for their
// request to see their data.
type MemberFile struct {
	Dossier Dossier     `json:"dossier"`
	Items   []core.Item `json:"items"` // everything they wrote, oldest first
}

// File gathers a member's whole file.
func (s *Service) File(ctx context.Context, id int64) (MemberFile, error) {
	d, err := s.Dossier(ctx, id)
	if err != nil {
		return MemberFile{}, err
	}
	items, err := s.store.MemberItems(ctx, id)
	if err != nil {
		return MemberFile{}, fmt.Errorf("members: file %d: %w", id, err)
	}
	return MemberFile{Dossier: d, Items: items}, nil
}

// loyaltyText is a member's loyalty for a file: empty when unknown, so
// that a spreadsheet does not read it as a neutral 0.
func loyaltyText(m core.Member) string {
	if !m.LoyaltyKnown {
		return ""
	}
	return trimFloat(m.Loyalty)
}
