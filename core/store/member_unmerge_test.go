package store

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

// memberDump is everything a member file holds in the store, for before
// and after comparisons (the scoring bookkeeping left out).
func memberDump(t *testing.T, s *Store, id int64) string {
	t.Helper()
	ctx := context.Background()
	var out []string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, q := range []string{
			"SELECT * FROM members WHERE id = ?",
			"SELECT identity_id FROM member_identities WHERE member_id = ? ORDER BY identity_id",
			"SELECT id, text, at FROM member_notes WHERE member_id = ? ORDER BY id",
			"SELECT * FROM member_tags WHERE member_id = ? ORDER BY tag_id",
			"SELECT * FROM member_interests WHERE member_id = ? ORDER BY topic",
			"SELECT * FROM member_expertise WHERE member_id = ? ORDER BY topic",
			"SELECT * FROM member_rituals WHERE member_id = ? ORDER BY ritual, at",
		} {
			rows, err := rowsAsMaps(ctx, tx, q, id)
			if err != nil {
				return err
			}
			for _, r := range rows {
				delete(r, "dirty")
				delete(r, "scored_day")
			}
			out = append(out, fmt.Sprint(rows))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprint(out)
}

func TestUndoMergeRestoresBothFiles(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	mailID, vkID, _ := channelAccounts(t, s)
	apply(t, s, mailID, authored(core.ItemEmail, "m1", core.Person{Name: "Anna", Address: "anna@example.org"}, base, "thanks"))
	apply(t, s, vkID, authored(core.ItemVKComment, "c1", core.Person{Name: "Anna P", Address: "42"}, base.Add(time.Hour), "hi"))
	foldAll(t, s, base.Add(3*time.Hour))
	a, b := memberOf(t, s, core.IdentityEmail, "anna@example.org"), memberOf(t, s, core.IdentityVK, "42")
	must(t, s.SetMemberTags(ctx, []int64{a}, []string{"regular", "helper"}, nil))
	must(t, s.SetMemberTags(ctx, []int64{b}, []string{"artist", "helper"}, nil))
	_, err := s.AddMemberNote(ctx, b, "Draws the posters.", base)
	must(t, err)
	must(t, s.SetMemberInterests(ctx, a, []string{"chess"}))
	must(t, s.SetMemberInterests(ctx, b, []string{"chess", "painting"}))
	must(t, s.SetMemberExpertise(ctx, a, []core.Expertise{{Topic: "rules", Level: 2}}))
	must(t, s.SetMemberExpertise(ctx, b, []core.Expertise{{Topic: "rules", Level: 5}, {Topic: "art", Level: 4}}))
	must(t, s.MarkRitual(ctx, []int64{b}, core.RitualWelcome, base))
	beforeA, beforeB := memberDump(t, s, a), memberDump(t, s, b)

	u, err := s.MergeMembersUndoable(ctx, a, b, testMerge)
	must(t, err)
	if m, _ := s.Member(ctx, a); len(m.Channels) != 2 || m.Bio != "+Anna P" {
		t.Fatalf("the merge did not happen: %+v", m)
	}
	must(t, s.UndoMerge(ctx, u))
	if got := memberDump(t, s, a); got != beforeA {
		t.Errorf("the kept member after undo:\n%s\nwant\n%s", got, beforeA)
	}
	if got := memberDump(t, s, b); got != beforeB {
		t.Errorf("the merged member after undo:\n%s\nwant\n%s", got, beforeB)
	}
	if m, err := s.Member(ctx, b); err != nil || !reflect.DeepEqual(m.Tags, []string{"artist", "helper"}) {
		t.Errorf("member %d back as %+v, %v", b, m, err)
	}
	// A second undo finds the merged member already back: it changes nothing.
	if err := s.UndoMerge(ctx, u); err == nil {
		t.Error("the same merge was undone twice")
	}
	if got := memberDump(t, s, a); got != beforeA {
		t.Error("a refused undo changed the kept member")
	}
}
