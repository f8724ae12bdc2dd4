package rules_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

// benchRules are 50 rules of the kinds people write: words and phrases in
// four languages, channels, links, authors; a few of them match.
func benchRules(t testing.TB) []core.Rule {
	queries := []string{
		`casino OR "free money"`, `channel:vk has:link`, `встреча OR митап`, `"hearth makers"`, `from:noreply`,
		`kind:x_mention is:vip`, `urgent -tag:seen`, `remboursement OR "service client"`, `спасибо`, `благодаря`,
	}
	var out []core.Rule
	for i := 0; i < 50; i++ {
		q := queries[i%len(queries)]
		if i >= len(queries) {
			q = fmt.Sprintf("(%s) word%d", q, i) // distinct rules, most match nothing
		}
		out = append(out, core.Rule{Name: fmt.Sprintf("Rule %d", i), Query: q, Actions: actions(t, fmt.Sprintf("tag:r%d", i)), Enabled: true})
	}
	return out
}

func benchItems(n, round int) []core.Item {
	texts := []string{
		"Когда будет следующая встреча клуба? Хочу прийти с другом.",
		"Thanks for the update, the new release looks great https://example.org/notes",
		"Je voudrais un remboursement, le service client ne répond pas.",
		"Благодаря за поканата, ще дойда на срещата в събота.",
		"Win at the casino now, free money at http://spam.example",
	}
	items := make([]core.Item, n)
	at := start.Add(-time.Hour)
	for i := range items {
		items[i] = core.Item{Kind: core.ItemVKComment, RemoteID: fmt.Sprintf("b%d-%d", round, i), State: core.StateNew,
			Text: texts[i%len(texts)], CreatedAt: at.Add(time.Duration(i) * time.Second),
			Author: core.Person{Name: fmt.Sprintf("Member %d", i%700), Address: fmt.Sprintf("id%d", i%700)}}
	}
	return items
}

// BenchmarkIngest writes 10k new items in one batch, with no rules and
// with 50, and reports items per second (target with rules: over 20k/s).
func BenchmarkIngest(b *testing.B) {
	for _, n := range []int{0, 50} {
		b.Run(fmt.Sprintf("rules=%d", n), func(b *testing.B) {
			e := setup(b)
			vk := e.account(core.KindVK, "Club", "")
			for _, r := range benchRules(b)[:n] {
				e.add(r)
			}
			const size = 10000
			ctx := context.Background()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				items := benchItems(size, i)
				b.StartTimer()
				if _, err := e.apply.ApplyBatch(ctx, vk.ID, core.Batch{Items: items}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(size*b.N)/b.Elapsed().Seconds(), "items/s")
		})
	}
}
