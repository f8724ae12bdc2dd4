package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/hearthhq/hearth/core"
)

// authorKind is the identity kind of the account's authors, read once per
// transaction: the account's channel decides it, not the item's kind.
func (w *itemWriter) authorKind() (core.IdentityKind, error) {
	if w.kind != "" {
		return w.kind, nil
	}
	var kind string
	err := w.st.queryRow("SELECT kind FROM accounts WHERE id = ?", w.accountID).Scan(&kind)
	if err != nil {
		return "", fmt.Errorf("account kind: %w", dbErr(err))
	}
	w.kind = core.IdentityKindOf(core.AccountKind(kind))
	return w.kind, nil
}

// upsertIdentities writes the profiles a channel returned, before the items
// that name them. A zero field keeps what is known: an empty name, an
// unknown (negative) follower count, no join, leave or ban time.
func (w *itemWriter) upsertIdentities(idents []core.Identity) error {
	for i, ident := range idents {
		if err := w.upsertIdentity(ident); err != nil {
			return fmt.Errorf("identity %d (%s:%q): %w", i, ident.Kind, ident.Address, err)
		}
	}
	return nil
}

func (w *itemWriter) upsertIdentity(ident core.Identity) error {
	addr := normAddress(ident.Address)
	if addr == "" {
		return fmt.Errorf("the identity has no address")
	}
	if ident.Kind == "" {
		kind, err := w.authorKind()
		if err != nil {
			return err
		}
		ident.Kind = kind
	}
	var id int64
	err := w.st.queryRow(`INSERT INTO identities (account_id, kind, address, name, handle, photo_url,
		location, language, bio, followers, verified, joined_at, left_at, banned_until, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (kind, address) DO UPDATE SET account_id = excluded.account_id,
			name = COALESCE(NULLIF(excluded.name, ''), name),
			handle = COALESCE(NULLIF(excluded.handle, ''), handle),
			photo_url = COALESCE(NULLIF(excluded.photo_url, ''), photo_url),
			location = COALESCE(NULLIF(excluded.location, ''), location),
			language = COALESCE(NULLIF(excluded.language, ''), language),
			bio = COALESCE(NULLIF(excluded.bio, ''), bio),
			followers = CASE WHEN excluded.followers >= 0 THEN excluded.followers ELSE followers END,
			verified = verified OR excluded.verified,
			joined_at = COALESCE(excluded.joined_at, joined_at),
			left_at = COALESCE(excluded.left_at, left_at),
			banned_until = COALESCE(excluded.banned_until, banned_until),
			updated_at = excluded.updated_at
		RETURNING id`,
		w.accountID, string(ident.Kind), addr, strings.TrimSpace(ident.Name),
		strings.TrimPrefix(strings.TrimSpace(ident.Handle), "@"), ident.PhotoURL, ident.Location,
		ident.Language, ident.Bio, max(ident.Followers, -1), ident.Verified, nullMS(ident.JoinedAt),
		nullMS(ident.LeftAt), nullMS(ident.BannedUntil), ms(w.now)).Scan(&id)
	if err != nil {
		return dbErr(err)
	}
	if err := addIdentityMember(w.st, ident.Kind, id, w.now); err != nil {
		return fmt.Errorf("member: %w", err)
	}
	w.identities[identityKey(ident.Kind, addr)] = id
	return nil
}

func identityKey(kind core.IdentityKind, addr string) string { return string(kind) + "\x00" + addr }

// identity links an item to its author's identity and returns its id, or
// nil when the author has no address or the item is ours.
func (w *itemWriter) identity(it core.Item, outgoing bool) (any, error) {
	addr := normAddress(it.Author.Address)
	if addr == "" || outgoing || it.Outgoing {
		return nil, nil
	}
	kind, err := w.authorKind()
	if err != nil {
		return nil, err
	}
	id, err := w.identityID(kind, addr, strings.TrimSpace(it.Author.Name), strings.TrimSpace(it.Author.Handle))
	if err != nil {
		return nil, fmt.Errorf("identity %s:%s: %w", kind, addr, err)
	}
	return id, nil
}

// identityID returns the id of an identity, created or updated with name
// and handle at its first use in the transaction; later uses (and
// identities the batch upserted) cost nothing.
func (w *itemWriter) identityID(kind core.IdentityKind, addr, name, handle string) (int64, error) {
	key := identityKey(kind, addr)
	if id, ok := w.identities[key]; ok {
		return id, nil
	}
	id, err := w.saveIdentity(kind, addr, name, handle)
	if err != nil {
		return 0, err
	}
	w.identities[key] = id
	return id, nil
}

// saveIdentity reads before it writes: most authors are known already, and
// a read is much cheaper than an upsert. A new non-empty name or handle
// replaces the stored one.
func (w *itemWriter) saveIdentity(kind core.IdentityKind, addr, name, handle string) (int64, error) {
	var (
		id             int64
		knownN, knownH string
	)
	err := w.st.queryRow("SELECT id, name, handle FROM identities WHERE kind = ? AND address = ?",
		string(kind), addr).Scan(&id, &knownN, &knownH)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		err = w.st.queryRow(`INSERT INTO identities (account_id, kind, address, name, handle, updated_at)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
			w.accountID, string(kind), addr, name, handle, ms(w.now)).Scan(&id)
		if err != nil {
			return 0, err
		}
		return id, addIdentityMember(w.st, kind, id, w.now)
	case err != nil:
		return 0, err
	case (name != "" && name != knownN) || (handle != "" && handle != knownH):
		_, err = w.st.exec(`UPDATE identities SET account_id = ?, name = COALESCE(NULLIF(?, ''), name),
			handle = COALESCE(NULLIF(?, ''), handle), updated_at = ? WHERE id = ?`,
			w.accountID, name, handle, ms(w.now), id)
	}
	return id, err
}

// identityKind names the address space of an item's author by the item's
// kind, for rows whose account is not at hand; the writer goes by the
// account's kind (authorKind).
func identityKind(k core.ItemKind) string {
	switch k {
	case core.ItemEmail:
		return string(core.IdentityEmail)
	case core.ItemVKPost, core.ItemVKComment, core.ItemVKMessage:
		return string(core.IdentityVK)
	case core.ItemXMention, core.ItemXReply, core.ItemXDM:
		return string(core.IdentityX)
	case core.ItemFeed:
		return string(core.IdentityFeed)
	}
	return string(k)
}

// membershipColumn is the identities column that keeps the latest event of
// each kind.
var membershipColumn = map[core.MembershipKind]string{
	core.MemberJoined: "joined_at",
	core.MemberLeft:   "left_at",
}

// applyMemberships records community joins and leaves; an event already
// stored is skipped, and a person not seen yet gets an identity.
func (w *itemWriter) applyMemberships(evs []core.MembershipEvent) error {
	for i, ev := range evs {
		if err := w.applyMembership(ev); err != nil {
			return fmt.Errorf("membership %d (%s %q): %w", i, ev.Kind, ev.Address, err)
		}
	}
	return nil
}

func (w *itemWriter) applyMembership(ev core.MembershipEvent) error {
	col, ok := membershipColumn[ev.Kind]
	switch {
	case !ok:
		return fmt.Errorf("unknown membership event kind %q", ev.Kind)
	case ev.At.IsZero():
		return fmt.Errorf("the event has no time") // a made-up one would repeat on every sync
	case normAddress(ev.Address) == "":
		return fmt.Errorf("the event has no address")
	}
	kind, err := w.authorKind()
	if err != nil {
		return err
	}
	id, err := w.identityID(kind, normAddress(ev.Address), "", "")
	if err != nil {
		return err
	}
	// A join right after a join (or a leave after a leave) says nothing
	// new: the same change seen twice, by a long-poll event and by a
	// comparison of member lists.
	var prev string
	err = w.st.queryRow(`SELECT kind FROM membership_events WHERE account_id = ? AND identity_id = ? AND at <= ?
		ORDER BY at DESC, id DESC LIMIT 1`, w.accountID, id, ms(ev.At)).Scan(&prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if prev == string(ev.Kind) {
		return nil
	}
	_, err = w.st.exec(`INSERT INTO membership_events (account_id, identity_id, kind, at) VALUES (?, ?, ?, ?)
		ON CONFLICT DO NOTHING`, w.accountID, id, string(ev.Kind), ms(ev.At))
	if err != nil {
		return err
	}
	// col is one of two fixed names. Only a later event moves the time.
	_, err = w.st.exec(`UPDATE identities SET `+col+` = ?1, updated_at = ?2
		WHERE id = ?3 AND (`+col+` IS NULL OR `+col+` < ?1)`, ms(ev.At), ms(w.now), id)
	return err
}
