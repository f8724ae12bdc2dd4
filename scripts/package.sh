#!/usr/bin/env bash
# Builds the Linux packages of Hearth into dist/:
#   hearth_<version>_<debarch>.deb            (dpkg-deb; installs under /usr)
#   hearth-<version>-linux-<arch>.tar.xz      (make install / make user-install)
# Both carry the two programs (hearth, the command line; hearth-window),
# the .desktop file, the icon in every hicolor size, the AppStream
# metainfo, the man page hearth(1), the systemd user unit
# hearth-sync.service, LICENSE and THIRD_PARTY_NOTICES. docs/packaging.md
# says what goes where and how the .deb was checked on a fresh Debian 12.
#
# FyneApp.toml is the one place for the name, id, version, categories and
# keywords.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
tags=${TAGS:-migrated_fynedo}
# -trimpath keeps this machine's paths out of the release binary; it also
# compiles every package anew (not from the development build cache), so
# BUILDFLAGS= make package is the quick local check.
buildflags=${BUILDFLAGS--trimpath}

fail() {
	echo "package: $*" >&2
	exit 1
}

version=$(sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
id=$(sed -n 's/^ *ID *= *"\(.*\)"/\1/p' FyneApp.toml)
metainfo=assets/$id.metainfo.xml
[[ -f $metainfo ]] || fail "no $metainfo"
meta_version=$(sed -n 's/.*<release version="\([^"]*\)".*/\1/p' "$metainfo" | head -1)
[[ $meta_version == "$version" ]] ||
	fail "$metainfo: newest release is $meta_version, FyneApp.toml says $version: add a <release>"

arch=$(go env GOARCH)
case $arch in
amd64 | arm64 | riscv64 | ppc64le | s390x) debarch=$arch ;;
386) debarch=i386 ;;
arm) debarch=armhf ;;
*) fail "no Debian architecture for GOARCH=$arch" ;;
esac

for tool in rsvg-convert dpkg-deb xz; do
	command -v $tool >/dev/null || fail "$tool is missing: run make deps"
done

work=$root/dist/work
tree=$work/tree # the installed files below a prefix: bin/, share/
trap 'rm -rf "$work"' EXIT
rm -rf "$work"
mkdir -p "$tree/bin"

echo "package: building hearth $version ($arch)"
# hearth is the command line alone, hearth-window the whole program, which
# hearth hands the window over to (Makefile, build).
ldflags="-s -w -X main.version=$version"
go build -tags "$tags" $buildflags -ldflags "$ldflags" -o "$tree/bin/hearth-window" ./cmd/hearth
go build -tags "$tags nowindow" $buildflags -ldflags "$ldflags" -o "$tree/bin/hearth" ./cmd/hearth

# The .desktop file, from FyneApp.toml's fields, as Fyne's packager writes
# it (its own archive would cost another xz pass over the binary).
toml() { sed -n "s/^ *$1 *= *\(.*\)/\1/p" FyneApp.toml | head -1; }
str() { toml "$1" | sed 's/^"\(.*\)"$/\1/'; }
list() { toml "$1" | tr -d '[]"' | sed 's/, */;/g; s/$/;/'; }
mkdir -p "$tree/share/applications"
cat >"$tree/share/applications/$id.desktop" <<EOF
[Desktop Entry]
Type=Application
Name=$(str Name)
GenericName=$(str GenericName)
Exec=hearth-window
Icon=$id
Comment=$(str Comment)
Categories=$(list Categories)
Keywords=$(list Keywords)
StartupWMClass=$(str Name)
EOF
if command -v desktop-file-validate >/dev/null; then
	desktop-file-validate "$tree/share/applications/$id.desktop"
fi

echo "package: icons"
for size in 16 22 24 32 48 64 128 256 512; do
	dir=$tree/share/icons/hicolor/${size}x${size}/apps
	mkdir -p "$dir"
	rsvg-convert -w $size -h $size assets/icon.svg -o "$dir/$id.png"
done
install -Dm644 assets/icon.svg "$tree/share/icons/hicolor/scalable/apps/$id.svg"

install -Dm644 "$metainfo" "$tree/share/metainfo/$id.metainfo.xml"
if command -v appstreamcli >/dev/null; then
	appstreamcli validate --no-net --pedantic "$tree/share/metainfo/$id.metainfo.xml" >/dev/null ||
		appstreamcli validate --no-net "$tree/share/metainfo/$id.metainfo.xml" ||
		fail "$metainfo does not validate"
else
	echo "package: appstreamcli not installed: metainfo not validated" >&2
fi

# The man page is made from the usage by the binary itself.
mkdir -p "$tree/share/man/man1"
"$tree/bin/hearth" man | gzip -9n >"$tree/share/man/man1/hearth.1.gz"
install -Dm644 LICENSE "$tree/share/doc/hearth/LICENSE"
install -Dm644 THIRD_PARTY_NOTICES "$tree/share/doc/hearth/THIRD_PARTY_NOTICES"

# unit BINDIR prints the user unit with the binary at BINDIR.
unit() {
	sed "s|^ExecStart=[^ ]*/hearth |ExecStart=$1/hearth |" assets/hearth-sync.service
}
grep -q '^ExecStart=[^ ]*/hearth ' assets/hearth-sync.service || fail "hearth-sync.service: no ExecStart=.../hearth line"

echo "package: .deb"
deb=$work/deb
mkdir -p "$deb/DEBIAN" "$deb/usr"
cp -a "$tree/." "$deb/usr/"
rm "$deb/usr/share/doc/hearth/LICENSE"
{
	echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
	echo "Upstream-Name: Hearth"
	echo
	echo "Files: *"
	echo "Copyright: The Hearth developers"
	echo "License: MIT"
	sed -e 's/^$/./' -e 's/^/ /' LICENSE
	echo
	echo "Comment: bundled data, fonts and icons: see THIRD_PARTY_NOTICES"
} >"$deb/usr/share/doc/hearth/copyright"
mkdir -p "$deb/usr/lib/systemd/user"
unit /usr/bin >"$deb/usr/lib/systemd/user/hearth-sync.service"
# Depends: the package of each shared library the programs link (cgo: libc,
# GL, X11), found with readelf and dpkg -S, not kept by hand.
depends=$(readelf -d "$tree/bin/hearth" "$tree/bin/hearth-window" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p' | while read -r lib; do
	path=$(ldconfig -p | awk -v l="$lib" '$1 == l { print $NF; exit }')
	[[ -n $path ]] || fail "cannot find $lib"
	dpkg -S "$(readlink -f "$path")" 2>/dev/null | head -1 | cut -d: -f1 ||
		dpkg -S "$path" | head -1 | cut -d: -f1
done | sort -u | paste -sd, | sed 's/,/, /g')
[[ -n $depends ]] || fail "no shared libraries found in the binary"
size=$(du -sk "$deb/usr" | cut -f1)
cat >"$deb/DEBIAN/control" <<EOF
Package: hearth
Version: $version
Architecture: $debarch
Maintainer: The Hearth developers <hearth@example.invalid>
Installed-Size: $size
Depends: $depends
Recommends: gnome-keyring | kwalletmanager
Section: net
Priority: optional
Description: one inbox for e-mail, VK and X, a calendar and member files
 Hearth is a desktop workstation for community managers: the mail, VK
 community and X account of a brand, a game or a club in one inbox, a
 calendar of posts published exactly once, member files and reports.
 .
 Every action is also a command (man hearth). The systemd user unit
 hearth-sync keeps syncing and publishing with the window closed:
 systemctl --user enable --now hearth-sync
EOF
mkdir -p dist
debfile=dist/hearth_${version}_${debarch}.deb
dpkg-deb --root-owner-group -Zxz -z${XZ_LEVEL:-6} --build "$deb" "$debfile" >/dev/null
echo "package: wrote $debfile"

echo "package: .tar.xz"
name=hearth-$version-linux-$arch
arc=$work/$name
mkdir -p "$arc"
cp -a "$tree/." "$arc/"
cp assets/hearth-sync.service "$arc/hearth-sync.service.in"
cp LICENSE THIRD_PARTY_NOTICES "$arc/"
cat >"$arc/Makefile" <<'EOF'
# Installs Hearth from this archive.
#   make user-install      into ~/.local (no root); the user unit goes to
#                          ~/.local/share/systemd/user
#   sudo make install      into /usr/local (PREFIX=..., DESTDIR=... as usual)
#   make uninstall / make user-uninstall
# Then, to keep syncing with the window closed:
#   systemctl --user daemon-reload && systemctl --user enable --now hearth-sync
PREFIX ?= /usr/local
UNITDIR ?= $(PREFIX)/lib/systemd/user
FILES := $(shell find share -type f)

install:
	install -Dm755 bin/hearth $(DESTDIR)$(PREFIX)/bin/hearth
	install -Dm755 bin/hearth-window $(DESTDIR)$(PREFIX)/bin/hearth-window
	for f in $(FILES); do install -Dm644 $$f $(DESTDIR)$(PREFIX)/$$f; done
	mkdir -p $(DESTDIR)$(UNITDIR)
	sed 's|^ExecStart=[^ ]*/hearth |ExecStart=$(PREFIX)/bin/hearth |' hearth-sync.service.in >$(DESTDIR)$(UNITDIR)/hearth-sync.service
	-gtk-update-icon-cache -q -t $(DESTDIR)$(PREFIX)/share/icons/hicolor 2>/dev/null
	-update-desktop-database -q $(DESTDIR)$(PREFIX)/share/applications 2>/dev/null

user-install:
	$(MAKE) install PREFIX=$(HOME)/.local UNITDIR=$(HOME)/.local/share/systemd/user

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/hearth $(DESTDIR)$(PREFIX)/bin/hearth-window $(DESTDIR)$(UNITDIR)/hearth-sync.service
	for f in $(FILES); do rm -f $(DESTDIR)$(PREFIX)/$$f; done

user-uninstall:
	$(MAKE) uninstall PREFIX=$(HOME)/.local UNITDIR=$(HOME)/.local/share/systemd/user

.PHONY: install user-install uninstall user-uninstall
EOF
tarfile=dist/$name.tar.xz
XZ_OPT=-${XZ_LEVEL:-6} tar -C "$work" --owner=0 --group=0 --sort=name -cJf "$tarfile" "$name"
echo "package: wrote $tarfile"
