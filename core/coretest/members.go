package coretest

import (
	"context"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

// AddIdentities stores author profiles of an account as a sync batch
// would (each new identity gets a member file of its own, dated by the
// store's clock, or by the identity's JoinedAt), and returns them with
// their ids and the ids of their members, in the order given.
func (w *Workspace) AddIdentities(t testing.TB, accountID int64, ids ...core.Identity) (out []core.Identity, memberIDs []int64) {
	t.Helper()
	ctx := context.Background()
	if _, err := w.Store.ApplyBatch(ctx, accountID, core.Batch{Identities: ids}); err != nil {
		t.Fatalf("store identities: %v", err)
	}
	for _, ident := range ids {
		got, err := w.Store.Identity(ctx, ident.Kind, ident.Address)
		if err != nil {
			t.Fatalf("find identity %s:%s: %v", ident.Kind, ident.Address, err)
		}
		m, err := w.Store.MemberOfIdentity(ctx, got.ID)
		if err != nil {
			t.Fatalf("member of identity %s:%s: %v", ident.Kind, ident.Address, err)
		}
		out, memberIDs = append(out, got), append(memberIDs, m)
	}
	return out, memberIDs
}

// AddNote writes a note on a member dated at, which the members service
// (it dates notes by its clock) cannot; it returns the note's id.
func (w *Workspace) AddNote(t testing.TB, memberID int64, text string, at time.Time) int64 {
	t.Helper()
	id, err := w.Store.AddMemberNote(context.Background(), memberID, text, at)
	if err != nil {
		t.Fatalf("note on member %d: %v", memberID, err)
	}
	return id
}

// MarkRitual records a ritual done for members at a past time, which the
// members service (it dates rituals by its clock) cannot.
func (w *Workspace) MarkRitual(t testing.TB, r core.Ritual, at time.Time, memberIDs ...int64) {
	t.Helper()
	if err := w.Store.MarkRitual(context.Background(), memberIDs, r, at); err != nil {
		t.Fatalf("mark %s for %v: %v", r, memberIDs, err)
	}
}

// RefreshMembers folds the items stored so far into the member files and
// rescores them, as the app does after each sync batch.
func (w *Workspace) RefreshMembers(t testing.TB) {
	t.Helper()
	if err := w.Members.Refresh(context.Background()); err != nil {
		t.Fatalf("refresh the member files: %v", err)
	}
}
