// Package rules keeps the ordered rules (a query of core/query and actions:
// tag, state, hide, notify, reply, stop), runs them on every new or changed
// item at ingest, inside the transaction that writes the sync batch
// (Applying), records what each did to each item, undoes it on request and
// dry-runs a rule on the last 30 days before it is saved.
package rules

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/query"
)

// Store is what rules need of the workspace store.
type Store interface {
	AddRule(ctx context.Context, r core.Rule) (core.Rule, error)
	UpdateRule(ctx context.Context, r core.Rule) error
	Rules(ctx context.Context) ([]core.Rule, error)
	RemoveRule(ctx context.Context, id int64) error
	OrderRules(ctx context.Context, ids []int64) error
	Items(ctx context.Context, f core.ItemFilter) ([]core.Item, error)
	Item(ctx context.Context, id int64) (core.Item, error)
	RuleSteps(ctx context.Context, itemID, threadID int64) ([]core.RuleStep, error)
	RuleStep(ctx context.Context, id int64) (core.RuleStep, error)
	MarkRuleStepUndone(ctx context.Context, id int64, at time.Time) error
	SetState(ctx context.Context, itemID int64, st core.State, snoozeUntil time.Time) error
	RemoveTag(ctx context.Context, itemID int64, tag string) error
	Enqueue(ctx context.Context, e core.OutboxEntry) (int64, error)
	CancelQueued(ctx context.Context, id int64) error
	DropNotification(ctx context.Context, itemID int64, ruleName string) error
	TakeNotifications(ctx context.Context, now time.Time) ([]core.Notification, error)
	Setting(ctx context.Context, key string) (string, error)
}

// Notifier tells the rest of the app what changed and wakes the outbox
// (the engine).
type Notifier interface {
	Publish(core.Event)
	KickOutbox()
}

// Params wires a Service.
type Params struct {
	Store  Store
	Notify Notifier         // nil: nobody is told
	Now    func() time.Time // nil: time.Now
}

// Service is the rules.
type Service struct {
	store  Store
	notify Notifier
	now    func() time.Time
}

// New returns the rules service.
func New(p Params) *Service {
	s := &Service{store: p.Store, notify: p.Notify, now: p.Now}
	if s.now == nil {
		s.now = time.Now
	}
	if s.notify == nil {
		s.notify = nopNotifier{}
	}
	return s
}

type nopNotifier struct{}

func (nopNotifier) Publish(core.Event) {}
func (nopNotifier) KickOutbox()        {}

// maxName is the longest rule name, in characters: one line of a list.
const maxName = 80

// Check says what is wrong with a rule before it is saved: its name, its
// query (a *query.Error says at which column) and its actions.
func (s *Service) Check(r core.Rule) error {
	name := strings.TrimSpace(r.Name)
	switch {
	case name == "":
		return fmt.Errorf("rules: a rule needs a name")
	case utf8.RuneCountInString(name) > maxName || strings.ContainsAny(name, "\n\r\t"):
		return fmt.Errorf("rules: %w", core.Say("a rule's name is one line of at most {{.Max}} characters", "Max", maxName))
	case len(r.Actions) == 0:
		return fmt.Errorf("rules: a rule needs at least one action")
	}
	q, err := query.ParseAt(r.Query, s.now())
	if err != nil {
		return err
	}
	if q.Root == nil {
		return &query.Error{Col: 1, Msg: "the query has nothing to match on"}
	}
	return nil
}

// Add saves a rule last in the order. Its auto-replies stay off unless
// r.AutoReply says otherwise.
func (s *Service) Add(ctx context.Context, r core.Rule) (core.Rule, error) {
	r.Name, r.Query = strings.TrimSpace(r.Name), strings.TrimSpace(r.Query)
	if err := s.Check(r); err != nil {
		return r, err
	}
	saved, err := s.store.AddRule(ctx, r)
	if errors.Is(err, core.ErrConflict) {
		return r, fmt.Errorf("rules: a rule named %q %w", r.Name, core.ErrConflict)
	}
	if err != nil {
		return r, fmt.Errorf("rules: add %q: %w", r.Name, err)
	}
	return saved, nil
}

// Update saves an edited rule in its place.
func (s *Service) Update(ctx context.Context, r core.Rule) error {
	r.Name, r.Query = strings.TrimSpace(r.Name), strings.TrimSpace(r.Query)
	if err := s.Check(r); err != nil {
		return err
	}
	if err := s.store.UpdateRule(ctx, r); err != nil {
		return fmt.Errorf("rules: update %q: %w", r.Name, err)
	}
	return nil
}

// List returns the rules in the order they run.
func (s *Service) List(ctx context.Context) ([]core.Rule, error) {
	return s.store.Rules(ctx)
}

// Find returns the rule of that name (any case).
func (s *Service) Find(ctx context.Context, name string) (core.Rule, error) {
	list, err := s.store.Rules(ctx)
	if err != nil {
		return core.Rule{}, err
	}
	for _, r := range list {
		if strings.EqualFold(r.Name, strings.TrimSpace(name)) {
			return r, nil
		}
	}
	return core.Rule{}, fmt.Errorf("rules: no rule named %q: %w", name, core.ErrNotFound)
}

// Remove deletes a rule; what it did to items stays, undoable.
func (s *Service) Remove(ctx context.Context, id int64) error {
	if err := s.store.RemoveRule(ctx, id); err != nil {
		return fmt.Errorf("rules: remove: %w", err)
	}
	return nil
}

// SetEnabled turns a rule on or off.
func (s *Service) SetEnabled(ctx context.Context, id int64, on bool) error {
	return s.change(ctx, id, func(r *core.Rule) { r.Enabled = on })
}

func (s *Service) change(ctx context.Context, id int64, edit func(*core.Rule)) error {
	list, err := s.store.Rules(ctx)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(list, func(r core.Rule) bool { return r.ID == id })
	if i < 0 {
		return fmt.Errorf("rules: rule %d: %w", id, core.ErrNotFound)
	}
	edit(&list[i])
	return s.store.UpdateRule(ctx, list[i])
}

// Move moves a rule up (delta < 0) or down the order by |delta| places,
// stopping at either end.
func (s *Service) Move(ctx context.Context, id int64, delta int) error {
	list, err := s.store.Rules(ctx)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(list, func(r core.Rule) bool { return r.ID == id })
	if i < 0 {
		return fmt.Errorf("rules: rule %d: %w", id, core.ErrNotFound)
	}
	j := max(0, min(len(list)-1, i+delta))
	r := list[i]
	list = slices.Insert(slices.Delete(list, i, i+1), j, r)
	ids := make([]int64, len(list))
	for k, r := range list {
		ids[k] = r.ID
	}
	if err := s.store.OrderRules(ctx, ids); err != nil {
		return fmt.Errorf("rules: move: %w", err)
	}
	return nil
}

// Notifications returns the notifications rules asked for and not shown
// yet; each is returned once.
func (s *Service) Notifications(ctx context.Context) ([]core.Notification, error) {
	return s.store.TakeNotifications(ctx, s.now())
}
