//go:build !nowindow

package main

import (
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"runtime"
	"strings"

	"github.com/hearthhq/hearth/internal/ctrim"
)

// startPprof serves Go's profiles (heap, goroutines, CPU) on the loopback
// address named by HEARTH_PPROF (such as 127.0.0.1:6060), for measuring
// the window on a big workspace (scripts/bench-window.sh). Off unless the
// variable is set; only loopback addresses are accepted, since the profiles
// show what the workspace holds.
func startPprof(log *slog.Logger) {
	addr := os.Getenv("HEARTH_PPROF")
	if addr == "" {
		return
	}
	host, _, err := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
		log.Warn("HEARTH_PPROF: not a loopback host:port, profiles not served", "addr", addr)
		return
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		log.Warn("HEARTH_PPROF", "err", err)
		return
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	mux.HandleFunc("/debug/memory", memoryReport)
	log.Info("profiles served", "addr", ln.Addr().String())
	go func() { _ = http.Serve(ln, mux) }()
}

// memoryReport says, in MB, how much of the resident set is Go's heap (its
// objects, garbage included until the next collection; the spans holding
// them; what the runtime took and gave back) and how much of the C heap
// (the toolkit's C side and the GL driver) is in use and free; the rest is
// the binary and SQLite's caches (scripts/bench-window.sh).
func memoryReport(w http.ResponseWriter, _ *http.Request) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	mb := func(b uint64) string { return fmt.Sprintf("%.1f", float64(b)/(1<<20)) }
	status, _ := os.ReadFile("/proc/self/status")
	var rss []string
	for _, l := range strings.Split(string(status), "\n") {
		if strings.HasPrefix(l, "VmRSS") || strings.HasPrefix(l, "VmHWM") || strings.HasPrefix(l, "Rss") {
			rss = append(rss, strings.Join(strings.Fields(l), " "))
		}
	}
	cUsed, cFree := ctrim.Heap()
	fmt.Fprintf(w, "go_heap_alloc_mb %s\ngo_heap_inuse_mb %s\ngo_heap_sys_mb %s\ngo_heap_released_mb %s\ngo_sys_mb %s\n"+
		"go_gc_count %d\nc_heap_used_mb %s\nc_heap_free_mb %s\n%s\n",
		mb(m.HeapAlloc), mb(m.HeapInuse), mb(m.HeapSys), mb(m.HeapReleased), mb(m.Sys), m.NumGC,
		mb(cUsed), mb(cFree), strings.Join(rss, "\n"))
}
