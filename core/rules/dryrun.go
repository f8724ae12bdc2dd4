package rules

import (
	"context"
	"fmt"
	"strings"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/query"
)

// DryRunDays is how far back a dry run looks.
const DryRunDays = 30

// DryRunCap is where a dry run stops counting: "500+ items".
const DryRunCap = 500

// DryRun is what a rule would have matched in the last DryRunDays days.
type DryRun struct {
	Count int  // at most DryRunCap
	More  bool // more than DryRunCap
	First []core.Item
}

// Summary says it in words: "12 items in the last 30 days", "500+ items...".
func (d DryRun) Summary() string {
	n := fmt.Sprint(d.Count)
	if d.More {
		n += "+"
	}
	noun := "items"
	if d.Count == 1 && !d.More {
		noun = "item"
	}
	return fmt.Sprintf("%s %s in the last %d days", n, noun, DryRunDays)
}

// DryRun lists what a query would have matched among others' items of the
// last DryRunDays days, in any state, newest first, with the first few.
// A query that does not parse is a *query.Error with its column.
func (s *Service) DryRun(ctx context.Context, q string, first int) (DryRun, error) {
	now := s.now()
	parsed, err := query.ParseAt(q, now)
	if err != nil {
		return DryRun{}, err
	}
	if parsed.Root == nil {
		return DryRun{}, &query.Error{Col: 1, Msg: "the query has nothing to match on"}
	}
	// Rules leave our own messages alone: so does their dry run.
	full := fmt.Sprintf("(%s) -is:mine after:%dd", strings.TrimSpace(q), DryRunDays)
	items, err := s.store.Items(ctx, core.ItemFilter{Query: full, States: core.States, Limit: DryRunCap + 1, Now: now})
	if err != nil {
		return DryRun{}, fmt.Errorf("rules: dry run: %w", err)
	}
	d := DryRun{Count: min(len(items), DryRunCap), More: len(items) > DryRunCap}
	d.First = items[:min(len(items), first)]
	return d, nil
}
