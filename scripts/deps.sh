#!/usr/bin/env bash
# Installs, only when missing, the Debian packages Hearth's build and tests
# need, and checks the Go toolchain. Fast (one dpkg-query) when all is there.
set -euo pipefail

readonly GO_MIN_MAJOR=1 GO_MIN_MINOR=26

packages=(
	gcc libc6-dev pkg-config                        # cgo, for fyne's GLFW driver; libc6-dev
	                                                # is only a Recommends of gcc, and without
	                                                # it cgo stops at errno.h on a minimal root
	ca-certificates                                 # go fetches modules over HTTPS
	libgl1-mesa-dev libx11-dev libxext-dev          # fyne's OpenGL/X11 headers
	libxcursor-dev libxrandr-dev libxinerama-dev
	libxi-dev libxxf86vm-dev
	xvfb xauth                                      # xvfb-run for UI tests and headless demo
	x11-utils                                       # xwininfo: the smoke test finds the window
	fonts-dejavu-core                               # Cyrillic glyphs in rendered tests
	dovecot-imapd                                   # the real IMAP peer of the integration tests
	imagemagick                                     # image diffs of golden UI tests
	poppler-utils                                   # pdftotext: the PDF report's text test
	xz-utils                                        # fyne package writes .tar.xz with tar -J
	git                                             # make package restores FyneApp.toml
	librsvg2-bin                                    # make package: rsvg-convert, the icon sizes
	appstream                                       # make package: appstreamcli validates the metainfo
)

check_go() {
	if ! command -v go >/dev/null; then
		echo "deps: Go is not installed; install Go ${GO_MIN_MAJOR}.${GO_MIN_MINOR} or newer from https://go.dev/dl/" >&2
		exit 1
	fi
	local v major minor
	v=$(go env GOVERSION) # go1.26.8, or devel go1.27-abcdef
	v=${v#devel }
	v=${v#go}
	major=${v%%.*}
	minor=${v#*.}
	minor=${minor%%[!0-9]*}
	if ((major < GO_MIN_MAJOR || (major == GO_MIN_MAJOR && minor < GO_MIN_MINOR))); then
		echo "deps: Go $(go env GOVERSION) is too old: go.mod needs Go ${GO_MIN_MAJOR}.${GO_MIN_MINOR} or newer" >&2
		exit 1
	fi
}

missing_packages() {
	local installed
	# Packages dpkg has never heard of print nothing on stdout: they count as missing.
	installed=$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${packages[@]}" 2>/dev/null |
		awk '$2 == "installed" { print $1 }') || true
	for p in "${packages[@]}"; do
		grep -qx -- "$p" <<<"$installed" || echo "$p"
	done
}

as_root() {
	if ((EUID == 0)); then
		"$@"
	elif command -v sudo >/dev/null; then
		sudo "$@"
	else
		echo "deps: not root and no sudo: as root, run: $*" >&2
		exit 1
	fi
}

install_missing() {
	if ! command -v dpkg-query >/dev/null; then
		echo "deps: not a Debian system: install the equivalents of: ${packages[*]}" >&2
		return 0
	fi
	local missing
	mapfile -t missing < <(missing_packages)
	((${#missing[@]} == 0)) && return 0
	echo "deps: installing ${missing[*]}"
	# Dovecot's postinst may try to start its service; harmless, the tests
	# run their own instance on a loopback port.
	as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
}

check_go
install_missing
