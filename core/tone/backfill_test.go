package tone

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hearthhq/hearth/core"
)

// fakeStore serves items without tone in batches, as the store does.
type fakeStore struct {
	todo  []core.ToneText
	tones map[int64]core.Tone
	fail  error
	calls int
}

func (f *fakeStore) ToneTodo(_ context.Context, limit int) ([]core.ToneText, error) {
	f.calls++
	var out []core.ToneText
	for _, t := range f.todo {
		if _, done := f.tones[t.ItemID]; !done && len(out) < limit {
			out = append(out, t)
		}
	}
	return out, nil
}

func (f *fakeStore) SetTones(_ context.Context, tones map[int64]core.Tone) error {
	if f.fail != nil {
		return f.fail
	}
	for id, t := range tones {
		f.tones[id] = t
	}
	return nil
}

// The backfill reads every item without tone, a batch at a time.
func TestBackfill(t *testing.T) {
	st := &fakeStore{tones: map[int64]core.Tone{}}
	for i := range BackfillBatch*2 + 7 {
		st.todo = append(st.todo, core.ToneText{ItemID: int64(i + 1), Subject: "Re: x", Text: "Merci, c'est génial !"})
	}
	n, err := Default().Backfill(context.Background(), st)
	if err != nil || n != len(st.todo) || st.calls != 4 {
		t.Fatalf("Backfill = %d, %v after %d batches; want %d in 4", n, err, st.calls, len(st.todo))
	}
	if got := st.tones[7]; got.Lang != French || got.Label() != core.TonePositive {
		t.Errorf("tone = %+v", got)
	}
	st = &fakeStore{tones: map[int64]core.Tone{}, todo: st.todo[:3], fail: errors.New("disk full")}
	if _, err := Default().Backfill(context.Background(), st); err == nil {
		t.Error("Backfill hid a failed write")
	}
}

// ItemText leaves out a reply's quoted subject and cuts a long text on a
// character boundary.
func TestItemText(t *testing.T) {
	if got := ItemText("Re: Ужасно", "Спасибо"); got != "Спасибо" {
		t.Errorf("reply: %q", got)
	}
	if got := ItemText("Merci", "c'est top"); got != "Merci\nc'est top" {
		t.Errorf("subject: %q", got)
	}
	long := ItemText("", strings.Repeat("ж", 5000))
	if len(long) > maxItemText || !utf8.ValidString(long) {
		t.Errorf("long text cut to %d bytes, valid %v", len(long), utf8.ValidString(long))
	}
}
