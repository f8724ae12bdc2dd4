# Hearth build, test and packaging. GNU make; every recipe runs in bash.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := build
MAKEFLAGS += --no-builtin-rules

GO    ?= go
TAGS  := migrated_fynedo
BIN   := bin/hearth
VERSION := $(shell sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
# Fyne needs an X server for anything that opens a real window; a virtual
# one also keeps tests off a developer's screen.
XVFB  := xvfb-run -a -s '-screen 0 1280x800x24'
# Source files for gofmt: everything tracked or new, except fixtures.
GOFILES = $(shell find . -name '*.go' -not -path './.git/*' -not -path '*/testdata/*' -not -path './dist/*')

.PHONY: deps build run demo test lint fmt-check vet layout bench package clean

deps:
	@scripts/deps.sh

# Two programs from cmd/hearth: hearth, the command line without the
# window (-tags nowindow: no Fyne, no GL or X library, half the start-up
# time of a command), and hearth-window, the whole of Hearth, which hearth
# hands over to when asked for the window (docs/architecture.md).
build:
	$(GO) build -tags $(TAGS) -ldflags '-X main.version=$(VERSION)' -o $(BIN)-window ./cmd/hearth
	$(GO) build -tags '$(TAGS) nowindow' -ldflags '-X main.version=$(VERSION)' -o $(BIN) ./cmd/hearth

run: build
	./$(BIN)

demo: deps build
	@scripts/demo.sh

# HEARTH_REQUIRE_DOVECOT makes the IMAP tests fail, not skip, without Dovecot.
# The race detector watches every package, SQLite's translated C included:
# leaving modernc.org uninstrumented was five to ten times faster but lost
# the happens-before edges its locks give, and reported races that are not
# (docs/benchmarks.md). What -race adds besides, checkptr (the
# unsafe.Pointer rules checked at each conversion), is off for modernc.org
# alone: its translated C converts pointers at every memory access, and the
# checks were 40% of the CPU of a test that uses SQLite. The race
# instrumentation stays, and our own packages keep checkptr.
RACE := -race -gcflags=modernc.org/...=-d=checkptr=0
# The test binaries are linked without DWARF (-w): go test links one per
# package on every run, and DWARF was half of the link's CPU (a -race ui
# test binary: 5.6 CPU s, 3.1 without). Race reports, panics and
# runtime.Caller read Go's own line tables, which stay; only a debugger
# attached to a test binary would miss it.
TESTLINK := -ldflags=-w
# A race-built program sleeps a second when it exits (the race runtime's
# atexit_sleep_ms, time for other threads to report), once per test binary
# and once per child process a test waits for (cmd/hearth's CLI and kill
# tests). Races are reported as the tests run; only a goroutine still
# running after its binary's tests ended could race unseen.
# `make lint` has vetted every package and its tests already (-vet=off).
# The packages are compiled with -trimpath (GOFLAGS, so that the go build
# in cmd/hearth's tests shares it): without it the build cache keys our
# packages by their directory, and every new clone or worktree compiled
# and vetted them all again, about 88 CPU s (docs/benchmarks.md).
test: export GOFLAGS := $(strip $(GOFLAGS) -trimpath)
test: deps lint
	GORACE=atexit_sleep_ms=0 HEARTH_REQUIRE_DOVECOT=1 LANG=en_US.UTF-8 $(XVFB) \
		$(GO) test $(RACE) $(TESTLINK) -vet=off -tags $(TAGS) -count=1 -timeout 25m ./...

lint: fmt-check vet layout

fmt-check:
	@bad=$$(gofmt -l $(GOFILES)); \
	if [[ -n $$bad ]]; then echo "gofmt: these files need 'gofmt -w':"; echo "$$bad"; exit 1; fi

vet:
	$(GO) vet -tags $(TAGS) ./...

layout:
	@scripts/layout.sh

# make bench BENCH_1M=1 adds the million-item cases (minutes each).
bench:
	$(if $(BENCH_1M),HEARTH_BENCH_1M=1) LANG=en_US.UTF-8 \
		$(GO) test -run '^$$' -bench . -benchmem -tags $(TAGS) -timeout 60m ./...

package:
	@scripts/package.sh

clean:
	rm -rf bin dist
