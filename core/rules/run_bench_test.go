//go:build unix

package rules

import (
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/query"
)

// memTx is a RuleTx over items in memory: the rules' own cost, without
// the store's.
type memTx struct {
	items []core.RuleItem
	taken int
}

func (m *memTx) Items([]int64) ([]core.RuleItem, error)       { return m.items, nil }
func (m *memTx) Ruled([]int64) (map[int64][]int64, error)     { return nil, nil }
func (m *memTx) RepliedSince(string, time.Time) (bool, error) { return false, nil }
func (m *memTx) Raw(int64) ([]byte, error)                    { return nil, nil }
func (m *memTx) Take(w core.RuleWrite) (core.RuleStep, error) { m.taken++; return w.Step, nil }

// BenchmarkRules runs 50 rules on 10k new items, as at ingest, with the
// store's reads and writes left out (BenchmarkIngest has them): the
// budget is over 20k items/s.
func BenchmarkRules(b *testing.B) {
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	texts := []string{
		"Когда будет следующая встреча клуба? Хочу прийти с другом.",
		"Thanks for the update, the new release looks great https://example.org/notes",
		"Je voudrais un remboursement, le service client ne répond pas.",
		"Благодаря за поканата, ще дойда на срещата в събота.",
		"Win at the casino now, free money at http://spam.example",
	}
	queries := []string{
		`casino OR "free money"`, `channel:vk has:link`, `встреча OR митап`, `"hearth makers"`, `from:noreply`,
		`kind:x_mention is:vip`, `urgent -tag:seen`, `remboursement OR "service client"`, `спасибо`, `благодаря`,
	}
	r := &run{now: now}
	for i := 0; i < 50; i++ {
		q := queries[i%len(queries)]
		if i >= len(queries) {
			q = fmt.Sprintf("(%s) word%d", q, i)
		}
		parsedQ, err := query.ParseAt(q, now)
		if err != nil {
			b.Fatal(err)
		}
		r.rules = append(r.rules, parsed{rule: core.Rule{ID: int64(i + 1), Name: q, Enabled: true,
			Actions: []core.RuleAction{{Kind: core.RuleTag, Arg: fmt.Sprint("r", i)}}}, q: parsedQ})
	}
	tx := &memTx{items: make([]core.RuleItem, 10000)}
	ids := make([]int64, len(tx.items))
	for i := range tx.items {
		// Each item its own words, as in a real community: a number
		// makes every text different.
		tx.items[i] = core.RuleItem{Followers: i % 500, Item: core.Item{ID: int64(i + 1), Kind: core.ItemVKComment, Account: "Club",
			Text: fmt.Sprintf("%s #%d", texts[i%len(texts)], i), State: core.StateNew,
			Author: core.Person{Name: fmt.Sprintf("Member %d", i%700), Address: fmt.Sprintf("id%d", i%700)}}}
		ids[i] = int64(i + 1)
	}
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		if _, err := r.items(tx, ids); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(ids)*b.N)/b.Elapsed().Seconds(), "items/s")
	// The machine is shared: CPU time says what the rules cost when the
	// wall clock waits for other processes.
	b.ReportMetric(float64(len(ids)*b.N)/(cpuTime()-cpu).Seconds(), "items/cpu-s")
	b.ReportMetric(float64(tx.taken)/float64(b.N), "steps/op")
}

// cpuTime is the CPU time the process used so far, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
