package imap

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"mime"
	"net"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// benchMessages is the size of the generated mailbox of the benchmarks.
const benchMessages = 10_000

// benchBox is a Dovecot holding benchMessages generated messages, filled
// once per test binary run and shared by the benchmarks; TestMain stops it.
var benchBox struct {
	once sync.Once
	d    *dovecot
	dir  string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchBox.d != nil {
		benchBox.d.stop()
	}
	if benchBox.dir != "" {
		os.RemoveAll(benchBox.dir)
	}
	os.Exit(code)
}

// benchDovecot returns the shared, filled Dovecot.
func benchDovecot(b *testing.B) *dovecot {
	b.Helper()
	needDovecot(b)
	benchBox.once.Do(func() {
		benchBox.dir, benchBox.err = os.MkdirTemp("", "hearth-bench-dovecot-")
		if benchBox.err != nil {
			return
		}
		benchBox.d, benchBox.err = launchDovecot(benchBox.dir)
		if benchBox.err == nil {
			benchBox.err = fillMailbox(benchBox.d.addr, benchMessages)
		}
	})
	if benchBox.err != nil {
		b.Fatal(benchBox.err)
	}
	return benchBox.d
}

// fillMailbox appends n generated messages to INBOX with MULTIAPPEND, 500
// per command: one APPEND each costs Dovecot ~6 ms, 100 times more. The
// protocol is written by hand as go-imap has no MULTIAPPEND.
func fillMailbox(addr string, n int) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	r, w := bufio.NewReader(conn), bufio.NewWriter(conn)
	if _, err := r.ReadString('\n'); err != nil { // greeting
		return err
	}
	fmt.Fprintf(w, "L LOGIN %s %s\r\n", testUser, testPass)
	if err := finishCommand(r, w, "L"); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(1, 2))
	now := time.Now()
	for start := 0; start < n; start += 500 {
		tag := fmt.Sprintf("A%d", start)
		fmt.Fprintf(w, "%s APPEND INBOX", tag)
		for i := start; i < min(start+500, n); i++ {
			date := now.Add(-time.Duration(n-i) * 7 * time.Minute) // ~48 days, inside the backfill
			raw := generatedMessage(rng, i, date)
			fmt.Fprintf(w, " %q {%d+}\r\n", date.Format("02-Jan-2006 15:04:05 -0700"), len(raw))
			w.Write(raw)
		}
		w.WriteString("\r\n")
		if err := finishCommand(r, w, tag); err != nil {
			return err
		}
	}
	return nil
}

// finishCommand sends what w holds and reads up to the tagged answer.
func finishCommand(r *bufio.Reader, w *bufio.Writer, tag string) error {
	if err := w.Flush(); err != nil {
		return err
	}
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return err
		}
		if strings.HasPrefix(line, tag+" ") {
			if !strings.HasPrefix(line, tag+" OK") {
				return fmt.Errorf("dovecot: %s", line)
			}
			return nil
		}
	}
}

var (
	benchNames = []string{"Анна Петрова", "Marie Dubois", "John Smith", "Иван Иванов", "Émilie Laurent", "Georgi Dimitrov", "Kate O'Neil"}
	benchWords = strings.Fields("community meetup project release thanks question issue weekend stream moderator idea " +
		"встреча проект спасибо вопрос сообщество релиз rencontre projet merci question communauté")
)

// generatedMessage makes a plausible community e-mail: plain text or text
// plus HTML, some in a thread, 1 to 12 KB.
func generatedMessage(rng *rand.Rand, i int, date time.Time) []byte {
	name := benchNames[rng.IntN(len(benchNames))]
	var b bytes.Buffer
	fmt.Fprintf(&b, "From: %s <user%d@example.net>\r\nTo: team@example.org\r\n", mimeWord(name), rng.IntN(500))
	fmt.Fprintf(&b, "Subject: %s\r\nDate: %s\r\nMessage-Id: <gen-%d@example.net>\r\n", mimeWord(sentence(rng, 6)), date.Format(time.RFC1123Z), i)
	if i > 0 && rng.IntN(3) == 0 {
		fmt.Fprintf(&b, "In-Reply-To: <gen-%d@example.net>\r\nReferences: <gen-%d@example.net>\r\n", i-1, i-1)
	}
	b.WriteString("MIME-Version: 1.0\r\n")
	text := paragraph(rng, 20+rng.IntN(250))
	if rng.IntN(2) == 0 {
		fmt.Fprintf(&b, "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n%s\r\n", text)
		return b.Bytes()
	}
	b.WriteString("Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n")
	fmt.Fprintf(&b, "--b1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n%s\r\n", text)
	fmt.Fprintf(&b, "--b1\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n<html><body><p>%s</p></body></html>\r\n--b1--\r\n",
		strings.ReplaceAll(text, "\r\n", "</p><p>"))
	return b.Bytes()
}

func sentence(rng *rand.Rand, n int) string {
	words := make([]string, n)
	for i := range words {
		words[i] = benchWords[rng.IntN(len(benchWords))]
	}
	return strings.Join(words, " ")
}

func paragraph(rng *rand.Rand, words int) string {
	var b strings.Builder
	for words > 0 {
		n := min(words, 12)
		b.WriteString(sentence(rng, n) + ".\r\n")
		words -= n
	}
	return b.String()
}

func mimeWord(s string) string { return mime.BEncoding.Encode("utf-8", s) }

// BenchmarkInitialSyncDovecot measures a first sync of the whole 10k
// mailbox from a loopback Dovecot, connection included, into an in-memory
// session (no database).
func BenchmarkInitialSyncDovecot(b *testing.B) {
	d := benchDovecot(b)
	raw := d.settings("127.0.0.1:1", nil)
	b.ResetTimer()
	for range b.N {
		c := openConn(b, raw, testPass, nil)
		s := newFakeSession(b)
		if err := c.Sync(context.Background(), s); err != nil {
			b.Fatal(err)
		}
		if s.count(b) != benchMessages {
			b.Fatalf("synced %d messages, want %d", s.count(b), benchMessages)
		}
		c.Close()
	}
	b.ReportMetric(float64(benchMessages*b.N)/b.Elapsed().Seconds(), "msgs/s")
}

// BenchmarkIdleResync measures a pass over the unchanged 10k mailbox on a
// kept connection: what every poll or IDLE wake-up without news costs.
func BenchmarkIdleResync(b *testing.B) {
	d := benchDovecot(b)
	c := openConn(b, d.settings("127.0.0.1:1", nil), testPass, nil)
	s := newFakeSession(b)
	if err := c.Sync(context.Background(), s); err != nil {
		b.Fatal(err)
	}
	commits := s.commits
	b.ResetTimer()
	for range b.N {
		if err := c.Sync(context.Background(), s); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if s.commits != commits {
		b.Fatalf("idle re-sync committed %d batches", s.commits-commits)
	}
}
