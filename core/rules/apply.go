package rules

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/core/query"
)

// BatchStore writes sync batches with a step inside their transaction
// (core/store).
type BatchStore interface {
	ApplyBatchWith(ctx context.Context, accountID int64, b core.Batch,
		after func(core.RuleTx, core.BatchResult) error) (core.BatchResult, error)
	Account(ctx context.Context, id int64) (core.Account, error)
}

// Applying is a batch writer that runs the rules on the batch's new and
// changed items inside the transaction that writes them: nobody, the
// window included, ever reads an item the rules have not seen, and a
// failure (or a crash) writes neither the items nor what the rules did, so
// the next pass runs them again from the old cursor.
type Applying struct {
	Store BatchStore
	Rules *Service
	// IdemKey makes the idempotency key of a reply for an account (an
	// e-mail Message-Id), as the inbox does; nil: a random token.
	IdemKey func(core.Account) string
}

// Account returns an account (so that Applying can sit under views.Tagging).
func (a *Applying) Account(ctx context.Context, id int64) (core.Account, error) {
	return a.Store.Account(ctx, id)
}

// ApplyBatch writes the batch and runs the rules on it.
func (a *Applying) ApplyBatch(ctx context.Context, accountID int64, b core.Batch) (core.BatchResult, error) {
	run, err := a.Rules.prepare(ctx)
	if err != nil {
		return core.BatchResult{}, err
	}
	if len(run.rules) == 0 {
		return a.Store.ApplyBatchWith(ctx, accountID, b, nil)
	}
	if run.replies {
		acct, err := a.Store.Account(ctx, accountID)
		if err != nil {
			return core.BatchResult{}, fmt.Errorf("rules: %w", err)
		}
		run.from = map[int64]string{acct.ID: sendsFrom(acct)}
		if a.IdemKey != nil {
			run.idemKey = func() string { return a.IdemKey(acct) }
		}
	}
	var queued bool
	res, err := a.Store.ApplyBatchWith(ctx, accountID, b, func(tx core.RuleTx, res core.BatchResult) error {
		ids := append(append([]int64(nil), res.NewIDs...), res.ChangedIDs...)
		var err error
		queued, err = run.items(tx, ids)
		return err
	})
	if err == nil && queued {
		a.Rules.notify.KickOutbox()
	}
	return res, err
}

// parsed is a rule ready to run.
type parsed struct {
	rule core.Rule
	q    query.Query
}

// run is one batch's rules and what they need.
type run struct {
	rules   []parsed
	replies bool // some rule may send an auto-reply
	saved   []core.SavedReply
	from    map[int64]string // account id -> the address its mail goes out from
	now     time.Time
	idemKey func() string
}

// prepare reads and parses the enabled rules. A rule whose query no longer
// parses (an operator an older Hearth knew) is skipped, not fatal: ingest
// must go on.
func (s *Service) prepare(ctx context.Context) (*run, error) {
	list, err := s.store.Rules(ctx)
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	r := &run{now: s.now(), idemKey: randomToken}
	for _, rule := range list {
		if !rule.Enabled {
			continue
		}
		q, err := query.ParseAt(rule.Query, r.now)
		if err != nil || q.Root == nil {
			continue
		}
		r.rules = append(r.rules, parsed{rule: rule, q: q})
		r.replies = r.replies || rule.AutoReply && rule.Replies()
	}
	if r.replies {
		if r.saved, err = s.savedReplies(ctx); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// savedReplies reads the workspace's saved replies (core/inbox keeps them
// under core.SettingSavedReplies; a workspace that never changed them has
// the defaults).
func (s *Service) savedReplies(ctx context.Context) ([]core.SavedReply, error) {
	raw, err := s.store.Setting(ctx, core.SettingSavedReplies)
	if errors.Is(err, core.ErrNotFound) {
		return core.DefaultSavedReplies(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("rules: saved replies: %w", err)
	}
	var list []core.SavedReply
	if err := json.Unmarshal([]byte(raw), &list); err != nil {
		return nil, fmt.Errorf("rules: saved replies are damaged: %w", err)
	}
	return list, nil
}

// items runs the rules on the items of ids, in order, each until a rule
// stops it. It reports whether it queued anything in the outbox.
func (r *run) items(tx core.RuleTx, ids []int64) (bool, error) {
	if len(ids) == 0 {
		return false, nil
	}
	items, err := tx.Items(ids)
	if err != nil {
		return false, err
	}
	ruled, err := tx.Ruled(ids)
	if err != nil {
		return false, err
	}
	queued := false
	for _, ri := range items {
		it := ri.Item
		if it.Outgoing || it.Deleted {
			continue // our own messages, and what the channel removed, are left alone
		}
		doc := query.NewDoc(target(ri))
		for _, p := range r.rules {
			if !p.q.Match(doc) {
				continue
			}
			// A rule acts on an item once: an edit of the item, or a
			// person's undo, does not make it act again.
			if !slices.Contains(ruled[it.ID], p.rule.ID) {
				q, err := r.act(tx, p.rule, &it)
				if err != nil {
					return queued, err
				}
				queued = queued || q
				doc.SetItem(it) // later rules see the tags and state it gave
			}
			if p.rule.Stop || slices.ContainsFunc(p.rule.Actions, func(a core.RuleAction) bool { return a.Kind == core.RuleStop }) {
				break
			}
		}
	}
	return queued, nil
}

// act takes one rule's actions on an item, keeping it up to date for the
// rules after.
func (r *run) act(tx core.RuleTx, rule core.Rule, it *core.Item) (bool, error) {
	queued := false
	for _, a := range rule.Actions {
		if a.Kind == core.RuleStop {
			continue
		}
		w, err := r.write(tx, rule, *it, a)
		if err != nil {
			return queued, err
		}
		step, err := tx.Take(w)
		if err != nil {
			return queued, err
		}
		queued = queued || step.OutboxID != 0
		follow(it, step)
	}
	return queued, nil
}

// follow updates the item as the later rules should see it.
func follow(it *core.Item, step core.RuleStep) {
	if step.Outcome != "" {
		return
	}
	switch step.Action.Kind {
	case core.RuleTag:
		if !slices.Contains(it.Tags, step.Action.Arg) {
			it.Tags = append(it.Tags, step.Action.Arg)
		}
	case core.RuleState:
		it.State = core.State(step.Action.Arg)
	case core.RuleHide:
		it.State = core.StateHidden
	}
}

// write makes the step an action asks for.
func (r *run) write(tx core.RuleTx, rule core.Rule, it core.Item, a core.RuleAction) (core.RuleWrite, error) {
	w := core.RuleWrite{Item: it, Step: core.RuleStep{ItemID: it.ID, RuleID: rule.ID, RuleName: rule.Name, Action: a, At: r.now}}
	switch a.Kind {
	case core.RuleHide:
		w.Outbox = r.hide(it)
		if w.Outbox == nil {
			w.Step.Outcome = "its channel cannot hide it" // state:hidden hides it here
		}
	case core.RuleReply:
		return r.reply(tx, rule, it, w)
	}
	return w, nil
}

// hide is the moderation that hides an item on its channel: X hides a
// reply, VK deletes a comment (restorable), as the inbox's Moderate does.
func (r *run) hide(it core.Item) *core.OutboxEntry {
	kinds := core.ModerationsFor(it)
	kind := core.ModHide
	if !slices.Contains(kinds, kind) {
		kind = core.ModDelete
	}
	if !slices.Contains(kinds, kind) {
		return nil
	}
	payload, _ := json.Marshal(core.ModAction{Kind: kind, At: r.now})
	return &core.OutboxEntry{AccountID: it.AccountID, ItemID: it.ID, Op: core.OpModerate, Payload: payload,
		IdemKey: randomToken(), State: core.OutboxQueued, CreatedAt: r.now}
}

// reply queues an auto-reply, unless a guard says no; a guard's refusal
// is recorded as the step's outcome, so the item says why.
func (r *run) reply(tx core.RuleTx, rule core.Rule, it core.Item, w core.RuleWrite) (core.RuleWrite, error) {
	why, err := r.refuseReply(tx, rule, it)
	if err != nil || why != "" {
		w.Step.Outcome = why
		return w, err
	}
	text, ok := r.template(w.Step.Action.Arg, it)
	if !ok {
		w.Step.Outcome = "no saved reply named " + w.Step.Action.Arg
		return w, nil
	}
	payload, _ := json.Marshal(engine.ReplyPayload{Text: core.Fill(text, it.Author), Quote: it.Kind == core.ItemEmail, Auto: true})
	w.Outbox = &core.OutboxEntry{AccountID: it.AccountID, ItemID: it.ID, Op: core.OpReply, Payload: payload,
		IdemKey: r.idemKey(), State: core.OutboxQueued, CreatedAt: r.now}
	w.Author = authorKey(it)
	return w, nil
}

// template is the text of the saved reply of that name, in the item's
// language when it is saved in several.
func (r *run) template(name string, it core.Item) (string, bool) {
	text, found := "", false
	for _, sr := range r.saved {
		if !strings.EqualFold(strings.TrimSpace(sr.Name), strings.TrimSpace(name)) {
			continue
		}
		if !found || sr.Lang == itemLang(it) {
			text, found = sr.Text, true
		}
	}
	return text, found
}

func authorKey(it core.Item) string {
	return fmt.Sprintf("%d/%s", it.AccountID, strings.ToLower(strings.TrimSpace(it.Author.Address)))
}
