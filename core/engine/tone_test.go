package engine_test

import (
	"context"
	"testing"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/core/tone"
)

// Each item of a sync batch is stored with its tone, read at ingest; the
// background analysis then has nothing left to do.
func TestIngestReadsTone(t *testing.T) {
	d := newDriver(func(ctx context.Context, s engine.Session) error {
		return s.Commit(ctx, core.Batch{Items: []core.Item{
			{Kind: core.ItemEmail, RemoteID: "a@x", Subject: "Спасибо", Text: "Встреча была отличная!", Author: core.Person{Address: "a@x"}},
			{Kind: core.ItemEmail, RemoteID: "b@x", Text: "Ты идиот", Author: core.Person{Address: "b@x"}},
		}})
	})
	st, _, _ := setup(t, d)
	ctx := context.Background()
	e := engine.New(engine.Params{Store: st, Drivers: []engine.Driver{d}, Tone: tone.Default().AnalyzeItem})
	if err := e.SyncOnce(ctx, 0); err != nil {
		t.Fatal(err)
	}
	items, err := st.Items(ctx, core.ItemFilter{States: core.States})
	if err != nil || len(items) != 2 {
		t.Fatalf("items = %d, %v", len(items), err)
	}
	for _, it := range items {
		if it.Tone == nil || it.Tone.Lang != "ru" {
			t.Fatalf("%s: tone %+v, want Russian", it.RemoteID, it.Tone)
		}
		if want := it.RemoteID == "b@x"; it.Tone.Abusive != want || (it.Tone.Label() == core.TonePositive) == want {
			t.Errorf("%s: tone %+v", it.RemoteID, it.Tone)
		}
	}
	if todo, err := st.ToneTodo(ctx, 10); err != nil || len(todo) != 0 {
		t.Errorf("ToneTodo = %v, %v; want nothing left", todo, err)
	}
}
