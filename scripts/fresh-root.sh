#!/usr/bin/env bash
# Manual checks on a truly fresh machine: a debootstrap --variant=minbase
# Debian 12 root (docs/packaging.md says what they showed). Not part of
# make test: they need root, network to the Debian mirror and minutes.
#
#   scripts/fresh-root.sh build [ROOT]   Go, git and make only, then the
#       README's first commands: clone, make deps, make build
#   scripts/fresh-root.sh deb FILE.deb [ROOT]   apt-get install the package
#       and start hearth --help and hearth version there
#
# ROOT defaults to /tmp/pkgroot-build or /tmp/pkgroot-deb; a minbase root
# made once (/tmp/pkgroot-base, HEARTH_BASE to change) is copied for each
# run, so every run starts from the same untouched system.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
base=${HEARTH_BASE:-/tmp/pkgroot-base}
suite=${HEARTH_SUITE:-bookworm}
mirror=${HEARTH_MIRROR:-http://deb.debian.org/debian}

((EUID == 0)) || {
	echo "fresh-root: needs root (debootstrap, chroot)" >&2
	exit 1
}

make_base() {
	[[ -x $base/bin/bash ]] && return 0
	command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap
	debootstrap --variant=minbase "$suite" "$base" "$mirror"
}

# fresh DIR copies the base root into DIR and mounts what programs expect.
fresh() {
	local root=$1
	umount_all "$root"
	rm -rf "$root"
	cp -a "$base" "$root"
	cp /etc/resolv.conf "$root/etc/resolv.conf"
	# A machine behind an HTTPS-inspecting proxy trusts its CA from here;
	# ca-certificates (make deps) adds it to the root's bundle, as it would
	# on such a machine.
	mkdir -p "$root/usr/local/share/ca-certificates"
	cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/" 2>/dev/null || true
	mount -t proc proc "$root/proc"
	mount --bind /dev "$root/dev"
	trap "umount_all '$root'" EXIT
}

umount_all() {
	local root=$1
	for m in dev proc; do
		mountpoint -q "$root/$m" 2>/dev/null && umount -l "$root/$m"
	done
	return 0
}

in_root() {
	local root=$1
	shift
	chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/go/bin:/root/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		TERM=dumb DEBIAN_FRONTEND=noninteractive "$@"
}

build() {
	local root=${1:-/tmp/pkgroot-build}
	fresh "$root"
	# What the README asks for before the first command: Go, git, make.
	cp -a "$(go env GOROOT)" "$root/usr/local/go"
	in_root "$root" apt-get update -qq
	in_root "$root" apt-get install -y -qq --no-install-recommends git make </dev/null >/dev/null
	git clone -q "$repo" "$root/root/hearth"
	git -C "$root/root/hearth" checkout -q "$(git rev-parse HEAD)"
	echo "fresh-root: make deps"
	time in_root "$root" bash -c 'cd /root/hearth && make deps'
	echo "fresh-root: make build (empty module and build caches)"
	time in_root "$root" bash -c 'cd /root/hearth && make build'
	in_root "$root" /root/hearth/bin/hearth help | head -1
}

deb() {
	local file=$1 root=${2:-/tmp/pkgroot-deb}
	fresh "$root"
	cp "$file" "$root/tmp/"
	in_root "$root" apt-get update -qq
	in_root "$root" apt-get install -y -qq "/tmp/$(basename "$file")" </dev/null
	echo "fresh-root: hearth --help"
	in_root "$root" hearth --help | head -3
	echo "fresh-root: hearth version"
	in_root "$root" hearth version
	echo "fresh-root: installed files"
	in_root "$root" dpkg -L hearth
}

make_base
case ${1:-} in
build) build "${2:-}" ;;
deb) deb "$2" "${3:-}" ;;
*)
	echo "usage: $0 build [ROOT] | deb FILE.deb [ROOT]" >&2
	exit 2
	;;
esac
