// Package views keeps saved views (a query of core/query under a name,
// listed in the inbox's navigation with its unread count) and keyword
// watches (views whose new matches are tagged watch:<name> at ingest, on
// every channel, before the items show).
package views

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/query"
)

// Store is what views need of the workspace store.
type Store interface {
	AddView(ctx context.Context, v core.View) (int64, error)
	Views(ctx context.Context) ([]core.View, error)
	RemoveView(ctx context.Context, name string) error
	Items(ctx context.Context, f core.ItemFilter) ([]core.Item, error)
}

// Params wires a Service.
type Params struct {
	Store Store
	Now   func() time.Time // nil: time.Now
}

// Service is the saved views and keyword watches.
type Service struct {
	store Store
	now   func() time.Time
}

// New returns the views service.
func New(p Params) *Service {
	s := &Service{store: p.Store, now: p.Now}
	if s.now == nil {
		s.now = time.Now
	}
	return s
}

// maxName is the longest view name, in characters: it is a line of the
// navigation and part of a tag.
const maxName = 60

// Add saves a query under a name, a watch when watch is set. The query
// must parse (a *query.Error says where it does not) and match on
// something; a name in use is core.ErrConflict.
func (s *Service) Add(ctx context.Context, name, q string, watch bool) (core.View, error) {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return core.View{}, fmt.Errorf("views: a view needs a name")
	case utf8.RuneCountInString(name) > maxName || strings.ContainsAny(name, "\n\r\t"):
		return core.View{}, fmt.Errorf("views: %w", core.Say("a view's name is one line of at most {{.Max}} characters", "Max", maxName))
	}
	parsed, err := query.ParseAt(q, s.now())
	if err != nil {
		return core.View{}, err
	}
	if parsed.Root == nil {
		return core.View{}, &query.Error{Col: 1, Msg: "the query has nothing to match on"}
	}
	v := core.View{Name: name, Query: strings.TrimSpace(q), Watch: watch}
	id, err := s.store.AddView(ctx, v)
	if errors.Is(err, core.ErrConflict) {
		return core.View{}, fmt.Errorf("views: a view named %q %w", name, core.ErrConflict)
	}
	if err != nil {
		return core.View{}, fmt.Errorf("views: add %q: %w", name, err)
	}
	v.ID = id
	return v, nil
}

// List returns the saved views by name.
func (s *Service) List(ctx context.Context) ([]core.View, error) {
	return s.store.Views(ctx)
}

// Remove deletes a view; the items its watch tagged keep their tag.
func (s *Service) Remove(ctx context.Context, name string) error {
	if err := s.store.RemoveView(ctx, name); err != nil {
		return fmt.Errorf("views: remove %q: %w", name, err)
	}
	return nil
}

// CountCap is where unread counts stop: the navigation says "99+".
const CountCap = 99

// Count is a view with how many unread items in triage it lists.
type Count struct {
	View   core.View
	Unread int  // at most CountCap
	More   bool // more than CountCap
}

// Label is the navigation line: "Brand (12)", "Brand (99+)", "Brand".
func (c Count) Label() string {
	switch {
	case c.More:
		return fmt.Sprintf("%s (%d+)", c.View.Name, CountCap)
	case c.Unread > 0:
		return fmt.Sprintf("%s (%d)", c.View.Name, c.Unread)
	}
	return c.View.Name
}

// Counts returns every view with its unread count: the unread items its
// query matches in the triage view (or the states it names). A view whose
// query no longer parses (an operator removed) counts nothing.
func (s *Service) Counts(ctx context.Context) ([]Count, error) {
	list, err := s.store.Views(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Count, 0, len(list))
	for _, v := range list {
		items, err := s.store.Items(ctx, core.ItemFilter{Query: v.Query, Unread: true, Limit: CountCap + 1, Now: s.now()})
		var pe *query.Error
		if err != nil && !errors.As(err, &pe) {
			return nil, fmt.Errorf("views: count %q: %w", v.Name, err)
		}
		out = append(out, Count{View: v, Unread: min(len(items), CountCap), More: len(items) > CountCap})
	}
	return out, nil
}
