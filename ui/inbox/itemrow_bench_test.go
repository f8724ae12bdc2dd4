package inbox

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/hearthhq/hearth/core"
)

// benchWords make the subjects, names and snippets of BenchmarkRowSet in
// the four languages, so that each row binds strings the text caches have
// not seen, as a long scroll does.
var benchWords = strings.Fields(`community meeting schedule volunteers thanks
	réunion bénévoles calendrier merci inscription problème soirée
	собрание волонтёры расписание спасибо регистрация проблема вечер
	събрание доброволци график благодаря регистрация проблем вечер
	booking locker question membership tournament welcome newsletter`)

func benchItems(n int) []core.Item {
	rnd := rand.New(rand.NewPCG(1, 2))
	phrase := func(words int) string {
		w := make([]string, words)
		for i := range w {
			w[i] = benchWords[rnd.IntN(len(benchWords))]
		}
		return strings.Join(w, " ")
	}
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	items := make([]core.Item, n)
	for i := range items {
		items[i] = core.Item{ID: int64(i + 1), Kind: core.ItemEmail, State: core.StateNew,
			Subject: fmt.Sprintf("%s %d", phrase(3+rnd.IntN(8)), i),
			Author:  core.Person{Name: fmt.Sprintf("%s %d", phrase(2), i)},
			Snippet: core.Snippet(fmt.Sprintf("%d %s", i, phrase(30))),
			Seen:    i%3 == 0, CreatedAt: now.Add(-time.Duration(i) * time.Minute)}
	}
	return items
}

// BenchmarkRowSet binds a list row to conversations it has not shown, as
// scrolling does: cutting the author and subject to whole words, laying out
// the badges, truncating the snippet. Its allocations are most of the Go
// garbage of a scroll.
func BenchmarkRowSet(b *testing.B) {
	test.NewTempApp(b)
	items := benchItems(4096)
	now := items[0].CreatedAt
	r := newItemRow()
	w := test.NewWindow(r)
	defer w.Close()
	w.Resize(fyne.NewSize(480, 80))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r.set(items[i%len(items)], now, false)
	}
}
