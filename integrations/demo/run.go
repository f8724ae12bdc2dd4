package demo

import (
	"fmt"
	"runtime/debug"
	"strings"
)

// spawn runs fn in a goroutine that Close waits for, recovering a panic
// into the log. It does nothing once Close has begun, so no goroutine
// outlives the demo.
func (p *Peers) spawn(name string, fn func()) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closing {
		return
	}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		defer func() {
			if r := recover(); r != nil {
				p.opt.Logf("demo: %s panicked: %v\n%s", name, r, debug.Stack())
			}
		}()
		fn()
	}()
}

// prefixed is Logf with a prefix on every line.
func (p *Peers) prefixed(prefix string) func(string, ...any) {
	return func(format string, args ...any) { p.opt.Logf(prefix+format, args...) }
}

// logAdapter makes a Logf function the Logger the IMAP and SMTP servers want.
type logAdapter func(string, ...any)

func (l logAdapter) Printf(format string, args ...any) { l(format, args...) }

func (l logAdapter) Println(args ...any) {
	l("%s", strings.TrimSuffix(fmt.Sprintln(args...), "\n"))
}
