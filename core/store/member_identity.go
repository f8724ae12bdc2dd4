package store

import (
	"database/sql"
	"errors"
	"time"

	"github.com/hearthhq/hearth/core"
)

// addIdentityMember gives an identity just written a member file of its
// own, dated now, in the transaction that wrote it: every identity of a
// person is in exactly one file. An identity that has a file already (an
// upsert of a known one) keeps it.
func addIdentityMember(st *stmts, kind core.IdentityKind, identityID int64, now time.Time) error {
	if !kind.HasMember() {
		return nil
	}
	var memberID int64
	err := st.queryRow(`INSERT INTO members (name, photo_url, location, language, bio, first_seen, created_at)
		SELECT name, photo_url, location, language, bio, COALESCE(joined_at, ?2), ?2 FROM identities
		WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM member_identities WHERE identity_id = ?1)
		RETURNING id`, identityID, ms(now)).Scan(&memberID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	_, err = st.exec("INSERT INTO member_identities (identity_id, member_id) VALUES (?, ?)", identityID, memberID)
	return err
}
