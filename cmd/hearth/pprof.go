package main

import (
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
)

// startPprof serves Go's profiles (heap, goroutines, CPU) on the loopback
// address named by HEARTH_PPROF (such as 127.0.0.1:6060), for measuring
// the window on a big workspace (scripts/window-memory.sh). Off unless the
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
	log.Info("profiles served", "addr", ln.Addr().String())
	go func() { _ = http.Serve(ln, mux) }()
}
