package inbox

import (
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/hearthhq/hearth/core/views"
)

// savedViews is the core views service over the harness's workspace, made
// with its views when the screen first asks (the workspace opens after the
// options run).
type savedViews struct {
	h    *harness
	add  [][2]string // name, query
	once sync.Once
	svc  *views.Service
}

func (v *savedViews) service() *views.Service {
	v.once.Do(func() {
		v.svc = views.New(views.Params{Store: v.h.ws.Store, Now: v.h.clock.now})
		for _, a := range v.add {
			if _, err := v.svc.Add(context.Background(), a[0], a[1], false); err != nil {
				v.h.T.Error(err)
			}
		}
	})
	return v.svc
}

func (v *savedViews) Counts(ctx context.Context) ([]views.Count, error) {
	return v.service().Counts(ctx)
}

func withViews(add ...[2]string) option {
	return func(h *harness) { h.views = &savedViews{h: h, add: add} }
}

func TestSavedViewsBesideTheSearch(t *testing.T) {
	h := newHarness(t, withViews([2]string{"Tournament", "турнир"}, [2]string{"Nothing", "xylophone"}))
	counts, err := h.views.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, c := range counts {
		want = append(want, c.Label())
	}
	h.WaitFor("the saved views", func() bool { return slices.Equal(h.s.views.sel.Options, want) })
	if !h.s.views.sel.Visible() || len(want) != 2 || want[0] != "Nothing" {
		t.Fatalf("views %q, shown %v", want, h.s.views.sel.Visible())
	}
	h.TypeKeys("j") // Claire's question is open
	open := h.s.thread.itemID
	h.s.views.sel.SetSelectedIndex(1)
	h.WaitFor("the view's messages", func() bool { return slices.Equal(h.ids(), h.idsOf(10)) })
	if h.s.search.Text != "турнир" || h.s.views.sel.SelectedIndex() != -1 {
		t.Errorf("search box %q, picker at %d; want the view's query and the picker cleared", h.s.search.Text, h.s.views.sel.SelectedIndex())
	}
	// A view is a search of one's own, as if typed: what was being read
	// stays open (a watch's messages, shown from another screen, close it).
	if open == 0 || h.s.thread.itemID != open {
		t.Errorf("the thread shows %d after the view, want %d still open", h.s.thread.itemID, open)
	}
}

func TestNoSavedViewsNoPicker(t *testing.T) {
	h := newHarness(t)
	if h.s.views != nil {
		t.Error("a picker without saved views to offer")
	}
}

func TestSearchThatDoesNotParseSaysWhere(t *testing.T) {
	h := newHarness(t)
	h.s.ShowSearch("турнир OR")
	h.WaitFor("the banner", func() bool { return h.s.banner.Message() != "" })
	if got, want := h.s.banner.Message(), "Search: column 8: OR needs a term on each side"; got != want {
		t.Errorf("banner = %q, want %q", got, want)
	}
}
