package store

// Benchmarks on generated workspaces. Run with
//
//	go test -run XXX -bench . ./core/store/
//
// The 100k-item database is generated once and cached as
// os.TempDir()/hearth-bench-100000-<schema hash>.db; set HEARTH_BENCH_1M=1 to add the
// 1M-item case (generation takes minutes the first time). Each benchmark
// reports p50 and p95 latency besides the mean.

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"modernc.org/sqlite"

	"github.com/hearthhq/hearth/core"
)

var (
	wordsEN = strings.Fields(`the community meetup project thanks question answer release update event
		team game server players support member photo video stream discord forum post comment
		please help issue problem great love awesome idea suggestion feedback tomorrow weekend
		schedule ticket price venue city lyon paris berlin moscow joined welcome newsletter
		contest winner prize design artwork fan club chapter volunteer organise agenda minutes
		account password login error crash bug fix patch version mobile desktop android iphone
		review rating story history lore character quest level boss raid guild clan season
		launch trailer teaser announcement interview podcast livestream merch shirt poster
		shipping order refund delivery address email message reply thread topic discussion
		moderation rules spam report block ban hello thank you really very much what when
		where why how who could would should will can cannot maybe sure definitely tonight`)
	wordsFR = strings.Fields(`bonjour merci communauté rencontre projet question réponse mise à jour
		événement équipe jeu serveur joueurs soutien membre photo vidéo forum commentaire
		aide problème génial idée suggestion avis demain semaine billet prix salle ville
		bienvenue concours gagnant dessin créateur bénévole ordre du jour réunion compte
		mot de passe erreur bogue correctif version histoire personnage quête niveau saison
		lancement bande-annonce annonce entretien café éléphant théâtre été hiver élève
		très beaucoup quand pourquoi comment peut-être bien sûr ce soir à bientôt amitiés
		livraison commande remboursement adresse message fil discussion modération règles`)
	wordsRU = strings.Fields(`привет спасибо сообщество встреча проект вопрос ответ обновление
		событие команда игра сервер игроки поддержка участник фото видео форум комментарий
		помощь проблема отлично идея предложение отзыв завтра выходные билет цена площадка
		город москва петербург добро пожаловать конкурс победитель приз рисунок волонтёр
		повестка собрание аккаунт пароль ошибка баг исправление версия история персонаж
		квест уровень сезон запуск трейлер анонс интервью ёлка ещё её всё почему когда
		где как кто может быть конечно сегодня вечером доставка заказ возврат адрес
		сообщение обсуждение модерация правила спам жалоба блокировка очень большое`)
	firstNames = strings.Fields(`Anna Boris Chloé Dmitri Elena François Gleb Hélène Ivan Julia Ksenia Léa
		Maxime Nadia Oleg Pierre Quentin Rita Sergei Tatiana Ulya Victor Wanda Yann Zoé Алексей Мария
		Наталья Пётр Ольга`)
)

// rareTerm appears in about one item in 5000.
const rareTerm = "квазар"

// gen makes believable multilingual items, deterministically.
type gen struct {
	rng             *rand.Rand
	zipf            map[string]*rand.Zipf
	next            int
	t               time.Time
	recent          [3][]string // recent remote ids per account, for replies
	accountIDs      [3]int64
	rareEvery       int
	replyPercentage int
}

func newGen(seed uint64, accountIDs [3]int64) *gen {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b9))
	g := &gen{rng: rng, zipf: map[string]*rand.Zipf{}, accountIDs: accountIDs,
		t: time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC), rareEvery: 5000, replyPercentage: 30}
	for lang, words := range map[string][]string{"en": wordsEN, "fr": wordsFR, "ru": wordsRU} {
		g.zipf[lang] = rand.NewZipf(rng, 1.1, 2, uint64(len(words)-1))
	}
	return g
}

func (g *gen) words(n int) string {
	lang, words := "en", wordsEN
	switch r := g.rng.IntN(100); {
	case r < 35:
		lang, words = "ru", wordsRU
	case r < 55:
		lang, words = "fr", wordsFR
	}
	out := make([]string, n)
	for i := range out {
		out[i] = words[g.zipf[lang].Uint64()]
	}
	return strings.Join(out, " ")
}

// item makes the next item of account slot a (0 mail, 1 vk, 2 x).
func (g *gen) item(a int) core.Item {
	g.next++
	g.t = g.t.Add(time.Duration(g.rng.IntN(180)) * time.Second) // ~100k items per 100 days
	kinds := [3]core.ItemKind{core.ItemEmail, core.ItemVKComment, core.ItemXMention}
	person := g.rng.IntN(20000) // a person keeps their name
	name := firstNames[person%len(firstNames)]
	it := core.Item{
		Kind: kinds[a], RemoteID: fmt.Sprintf("%d-%d", a, g.next),
		Subject: g.words(3 + g.rng.IntN(6)), Text: g.words(20 + g.rng.IntN(101)),
		Author: core.Person{Name: fmt.Sprintf("%s %d", name, person), Address: fmt.Sprintf("user%d@example.org", person)},
		// Sync order is roughly time order, with some items arriving late.
		CreatedAt: g.t.Add(-time.Duration(g.rng.IntN(3)) * time.Hour),
		Location:  "INBOX/1/" + strconv.Itoa(g.next),
	}
	if a == 2 && person%50 == 0 { // influential X authors
		it.VIP = true
	}
	if g.next%g.rareEvery == 0 {
		it.Text += " " + rareTerm
	}
	it.Snippet = core.SnippetOf(it.Text, 160)
	g.triage(&it)
	if r := g.recent[a]; len(r) > 0 && g.rng.IntN(100) < g.replyPercentage {
		it.ThreadRefs = []string{r[g.rng.IntN(len(r))]}
		it.Subject = "Re: " + it.Subject
	}
	g.recent[a] = append(g.recent[a], it.RemoteID)
	if len(g.recent[a]) > 200 {
		g.recent[a] = g.recent[a][100:]
	}
	return it
}

// triage sets a mature inbox's mix: most items handled long ago.
func (g *gen) triage(it *core.Item) {
	switch r := g.rng.IntN(100); {
	case r < 70:
		it.State, it.Seen = core.StateDone, true
	case r < 80:
		it.State, it.Seen = core.StateNew, g.rng.IntN(4) == 0
	case r < 86:
		it.State, it.Seen = core.StateOpen, true
	case r < 90:
		it.State, it.Seen = core.StateSpam, false
	case r < 95:
		it.State, it.Seen = core.StateHidden, true
	default:
		it.State, it.SnoozeUntil = core.StateSnoozed, it.CreatedAt.Add(time.Duration(g.rng.IntN(30*24))*time.Hour)
	}
}

func (g *gen) batch(n int) map[int64][]core.Item {
	out := map[int64][]core.Item{}
	for range n {
		a := g.rng.IntN(10)
		slot := 0 // half mail, the rest VK and X
		if a >= 5 {
			slot = 1 + a%2
		}
		out[g.accountIDs[slot]] = append(out[g.accountIDs[slot]], g.item(slot))
	}
	return out
}

func benchSizes() []int {
	if os.Getenv("HEARTH_BENCH_1M") == "1" {
		return []int{100_000, 1_000_000}
	}
	return []int{100_000}
}

// benchDB opens the cached generated workspace of n items, making it if
// needed. The benchmark must not write to it.
//
// Several benchmark runs may share os.TempDir(), so a cache file is only
// ever created complete and never replaced: it is generated under a private
// name and published with a hard link, which fails if another run
// published first. Its name carries a hash of the schema, so a schema
// change makes a new file instead of reusing an incompatible one.
func benchDB(b *testing.B, n int) *Store {
	b.Helper()
	ctx := context.Background()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("hearth-bench-%d-%s.db", n, schemaHash(b)))
	if _, err := os.Stat(path); err != nil {
		generateBenchDB(b, path, n)
	}
	s, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	if v, err := s.Setting(ctx, "bench_items"); err != nil || v != strconv.Itoa(n) {
		b.Fatalf("%s is not a complete benchmark workspace (%q, %v): delete it", path, v, err)
	}
	return s
}

func generateBenchDB(b *testing.B, path string, n int) {
	ctx := context.Background()
	tmp := fmt.Sprintf("%s.%d.tmp", path, os.Getpid())
	defer os.Remove(tmp)
	defer os.Remove(LockPath(tmp))
	s, err := Open(ctx, tmp)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	err = fill(ctx, s, n, io.Discard)
	if err == nil {
		err = s.SetSetting(ctx, "bench_items", strconv.Itoa(n))
	}
	if err := errorsJoin(err, s.Close()); err != nil { // Close folds the WAL into the file
		b.Fatal(err)
	}
	fi, _ := os.Stat(tmp)
	b.Logf("generated %d items in %v (%.0f items/s), %d MB", n, time.Since(start).Round(time.Second),
		float64(n)/time.Since(start).Seconds(), fi.Size()>>20)
	if err := os.Link(tmp, path); err != nil && !errors.Is(err, fs.ErrExist) {
		b.Fatal(err)
	}
}

// schemaHash names the schema the migrations build.
func schemaHash(b *testing.B) string {
	steps, err := loadMigrations(migrationFiles)
	if err != nil {
		b.Fatal(err)
	}
	h := sha256.New()
	for _, m := range steps {
		io.WriteString(h, m.sql)
	}
	return hex.EncodeToString(h.Sum(nil))[:8]
}

func fill(ctx context.Context, s *Store, n int, progress io.Writer) error {
	var ids [3]int64
	for i, kind := range []core.AccountKind{core.KindIMAP, core.KindVK, core.KindX} {
		id, err := s.CreateAccount(ctx, core.Account{Kind: kind, Name: string(kind)})
		if err != nil {
			return err
		}
		ids[i] = id
	}
	g := newGen(uint64(n), ids)
	for done := 0; done < n; done += 500 {
		for acct, items := range g.batch(min(500, n-done)) {
			if _, err := s.ApplyBatch(ctx, acct, core.Batch{Items: items}); err != nil {
				return err
			}
		}
		if done%50_000 == 0 {
			fmt.Fprintf(progress, "%d items\n", done)
		}
	}
	return nil
}

// cpuTime is the CPU time this process has used, user and system: on a
// shared machine it varies less than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// measure runs op b.N times and reports p50, p95 and CPU time per op
// besides the mean.
func measure(b *testing.B, op func() error) { measureAfter(b, nil, op) }

// measureAfter is measure with an untimed setup before each op (nil:
// none).
func measureAfter(b *testing.B, setup, op func() error) {
	b.Helper()
	durations := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	var cpu time.Duration
	for range b.N {
		if setup != nil {
			b.StopTimer()
			if err := setup(); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
		start, startCPU := time.Now(), cpuTime()
		if err := op(); err != nil {
			b.Fatal(err)
		}
		durations = append(durations, time.Since(start))
		cpu += cpuTime() - startCPU
	}
	b.StopTimer()
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
	slices.Sort(durations)
	pct := func(p float64) float64 {
		return float64(durations[int(p*float64(len(durations)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.95), "p95-ms")
}

func BenchmarkInsert(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "hearth.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	acct, err := s.CreateAccount(ctx, core.Account{Kind: core.KindIMAP, Name: "mail"})
	if err != nil {
		b.Fatal(err)
	}
	g := newGen(7, [3]int64{acct, acct, acct})
	const batch = 500
	var cpu time.Duration
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		items := make([]core.Item, batch)
		for i := range items {
			items[i] = g.item(0)
		}
		start := cpuTime()
		b.StartTimer()
		if _, err := s.ApplyBatch(ctx, acct, core.Batch{Items: items}); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - start
	}
	b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "items/s")
	b.ReportMetric(float64(b.N*batch)/cpu.Seconds(), "items/cpu-s")
}

func BenchmarkSearchFirstPage(b *testing.B) {
	queries := []struct{ name, query string }{
		{"common", "community"},
		{"common-ru", "встреча"},
		{"rare", rareTerm},
		{"prefix", "сообщ"},
		{"two-words", "game server"},
		{"phrase", `"thank you"`},
		{"no-hits", "xylophone"},
	}
	for _, n := range benchSizes() {
		s := benchDB(b, n)
		for _, q := range queries {
			for _, view := range []struct {
				name string
				f    core.ItemFilter
			}{{"triage", core.ItemFilter{}}, {"all", core.ItemFilter{States: core.States}}} {
				b.Run(fmt.Sprintf("N=%d/%s/%s", n, q.name, view.name), func(b *testing.B) {
					measure(b, func() error {
						_, err := s.Search(context.Background(), q.query, view.f)
						return err
					})
				})
			}
		}
		s.Close()
	}
}

// BenchmarkInboxPage reads the first page of each list the inbox shows;
// with HEARTH_BENCH_FROM it does so on (an upgraded copy of) that
// workspace alone, e.g. a million items generated for an older schema.
func BenchmarkInboxPage(b *testing.B) {
	if os.Getenv("HEARTH_BENCH_FROM") != "" {
		s := upgradedCopy(b)
		defer s.Close()
		inboxPages(b, s, "from")
		return
	}
	for _, n := range benchSizes() {
		s := benchDB(b, n)
		inboxPages(b, s, fmt.Sprintf("N=%d", n))
		s.Close()
	}
}

func inboxPages(b *testing.B, s *Store, name string) {
	ctx := context.Background()
	accts, err := s.Accounts(ctx)
	if err != nil || len(accts) == 0 {
		b.Fatal(accts, err)
	}
	mail := accts[slices.IndexFunc(accts, func(a core.Account) bool { return a.Kind == core.KindIMAP })].ID
	deep, err := s.Items(ctx, core.ItemFilter{Limit: 1000, AccountID: mail})
	if err != nil || len(deep) == 0 {
		b.Fatal(len(deep), err)
	}
	last := deep[len(deep)-1]
	views := []struct {
		name string
		f    core.ItemFilter
	}{
		{"default", core.ItemFilter{}},
		{"account", core.ItemFilter{AccountID: mail}},
		{"account-unread", core.ItemFilter{AccountID: mail, Unread: true}},
		{"account-page-11", core.ItemFilter{AccountID: mail, Before: last.CreatedAt, BeforeID: last.ID}},
		{"kind", core.ItemFilter{Kind: core.ItemVKComment}},
		{"done", core.ItemFilter{States: []core.State{core.StateDone}}},
		{"spam-and-hidden", core.ItemFilter{States: []core.State{core.StateSpam, core.StateHidden}}},
		{"vip-first", core.ItemFilter{VIPFirst: true}},
		{"vip-first-kind", core.ItemFilter{VIPFirst: true, Kind: core.ItemXMention}},
		{"vip-first-done", core.ItemFilter{VIPFirst: true, States: []core.State{core.StateDone}}},
		// The inbox screen's lists: one row per conversation.
		{"conversations", core.ItemFilter{Conversations: true}},
		{"conversations-account", core.ItemFilter{Conversations: true, AccountID: mail}},
		{"conversations-unread", core.ItemFilter{Conversations: true, Unread: true}},
		{"conversations-done", core.ItemFilter{Conversations: true, States: []core.State{core.StateDone}}},
		{"conversations-vip-first", core.ItemFilter{Conversations: true, VIPFirst: true}},
	}
	for _, v := range views {
		b.Run(name+"/"+v.name, func(b *testing.B) {
			measure(b, func() error {
				page, err := s.Items(ctx, v.f)
				if err == nil && len(page) != defaultLimit {
					err = fmt.Errorf("page of %d items, want %d", len(page), defaultLimit)
				}
				return err
			})
		})
	}
}

func BenchmarkUnreadCounts(b *testing.B) {
	for _, n := range benchSizes() {
		s := benchDB(b, n)
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			measure(b, func() error {
				_, err := s.UnreadCounts(context.Background())
				return err
			})
		})
		b.Run(fmt.Sprintf("N=%d/view-counts", n), func(b *testing.B) {
			measure(b, func() error {
				_, err := s.ViewCounts(context.Background())
				return err
			})
		})
		b.Run(fmt.Sprintf("N=%d/state-counts", n), func(b *testing.B) {
			measure(b, func() error {
				_, err := s.StateCounts(context.Background(), 0)
				return err
			})
		})
		s.Close()
	}
}

// BenchmarkOpen measures opening a workspace to a usable first inbox page.
func BenchmarkOpen(b *testing.B) {
	ctx := context.Background()
	for _, n := range benchSizes() {
		s := benchDB(b, n)
		path := s.path
		s.Close()
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			measure(b, func() error {
				s, err := Open(ctx, path)
				if err != nil {
					return err
				}
				_, err = s.Items(ctx, core.ItemFilter{})
				b.StopTimer()
				defer b.StartTimer()
				return errorsJoin(err, s.Close())
			})
		})
	}
}

func errorsJoin(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// BenchmarkKnown asks which of 10k remote ids are stored, as an idle
// re-sync of a 10k-message folder does.
func BenchmarkKnown(b *testing.B) {
	ctx := context.Background()
	for _, n := range benchSizes() {
		s := benchDB(b, n)
		accts, err := s.Accounts(ctx)
		if err != nil {
			b.Fatal(err)
		}
		ids := make([]string, 10_000)
		for i := range ids {
			ids[i] = fmt.Sprintf("0-%d", i*7) // mail ids; most are stored
		}
		b.Run(fmt.Sprintf("N=%d/10k-ids", n), func(b *testing.B) {
			measure(b, func() error {
				known, err := s.Known(ctx, accts[0].ID, ids)
				if err == nil && len(known) == 0 {
					err = fmt.Errorf("nothing known")
				}
				return err
			})
		})
		s.Close()
	}
}

// BenchmarkSearchCommand is what `hearth search community --limit 50` asks
// of the store on a 10k-message workspace, the process start aside: open,
// one page of hits from every state, close. read-only is the command's
// open (one read connection); full is the open of the window and sync.
func BenchmarkSearchCommand(b *testing.B) {
	ctx := context.Background()
	s := benchDB(b, 10_000)
	path := s.path
	s.Close()
	for _, mode := range []struct {
		name string
		opts []Option
	}{{"read-only", []Option{ReadOnly()}}, {"full", nil}} {
		b.Run(mode.name, func(b *testing.B) {
			measure(b, func() error {
				s, err := Open(ctx, path, mode.opts...)
				if err != nil {
					return err
				}
				hits, err := s.Search(ctx, "community", core.ItemFilter{States: core.States, Limit: 50})
				if err == nil && len(hits) != 50 {
					err = fmt.Errorf("%d hits, want 50", len(hits))
				}
				return errorsJoin(err, s.Close())
			})
		})
	}
}

// BenchmarkFirstStatement is what a connection pays before its first row:
// its open, the parse of the stored schema its first statement makes and,
// for the writer, the temp triggers it makes (triggers.go). version-23 is
// the schema before the triggers left it, whose 33 triggers every reader
// parsed; current is today's. The schema is the same whatever the rows.
func BenchmarkFirstStatement(b *testing.B) {
	dir := b.TempDir()
	for _, v := range []struct {
		name    string
		version int // 0: the current schema
	}{{"version-23", tempTriggersFrom - 1}, {"current", 0}} {
		path := filepath.Join(dir, v.name+".db")
		if v.version == 0 {
			s, err := Open(context.Background(), path)
			if err != nil {
				b.Fatal(err)
			}
			s.Close()
		} else {
			openAtVersion(b, path, v.version).Close()
		}
		for _, conn := range []struct {
			name   string
			writer bool
		}{{"reader", false}, {"writer", true}} {
			b.Run(v.name+"/"+conn.name, func(b *testing.B) {
				measure(b, func() error {
					var db *sql.DB
					if conn.writer {
						base, err := sqlite.NewConnector(dsn(path, true, false))
						if err != nil {
							return err
						}
						db = sql.OpenDB(guardedConnector{base: base, damaged: new(atomic.Pointer[DamagedError]), triggers: true})
					} else {
						var err error
						if db, err = sql.Open("sqlite", dsn(path, false, true)); err != nil {
							return err
						}
					}
					var n int
					return errorsJoin(db.QueryRow("SELECT count(*) FROM settings").Scan(&n), db.Close())
				})
			})
		}
	}
}
