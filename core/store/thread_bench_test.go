package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

// BenchmarkThreadOpen measures reading a conversation of 500 messages, as
// opening it in the inbox does (the budget: under 50 ms).
func BenchmarkThreadOpen(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "hearth.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	acct, err := s.CreateAccount(ctx, core.Account{Kind: core.KindIMAP, Name: "mail"})
	if err != nil {
		b.Fatal(err)
	}
	g := newGen(7, [3]int64{acct, acct, acct})
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	items := make([]core.Item, 500)
	var refs []string
	for i := range items {
		it := g.item(0)
		it.RemoteID = fmt.Sprintf("m%d@example.org", i)
		it.ThreadRefs = append([]string(nil), refs...)
		it.CreatedAt = start.Add(time.Duration(i) * time.Minute)
		refs = append(refs, it.RemoteID)
		if len(refs) > 20 { // References headers keep a bounded chain
			refs = refs[len(refs)-20:]
		}
		items[i] = it
	}
	if _, err := s.ApplyBatch(ctx, acct, core.Batch{Items: items}); err != nil {
		b.Fatal(err)
	}
	last, err := s.ItemByRemoteID(ctx, acct, "m499@example.org")
	if err != nil {
		b.Fatal(err)
	}
	measure(b, func() error {
		th, err := s.Thread(ctx, last.ThreadID)
		if err == nil && len(th.Items) != 500 {
			err = fmt.Errorf("the conversation holds %d messages, want 500", len(th.Items))
		}
		return err
	})
}
