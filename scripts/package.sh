#!/usr/bin/env bash
# Builds the Linux release archive dist/hearth-<version>-linux-<arch>.tar.xz
# (binary, .desktop file, icon, install Makefile) with fyne's packager.
#
# We build the binary ourselves and hand it over with --exe, so the packager
# neither writes into cmd/hearth nor needs a FyneApp.toml there; it reads the
# root FyneApp.toml for name, id, icon and desktop entry. It bumps Build in
# that file on every run: the original is put back, so packaging leaves no
# diff.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
tags=${TAGS:-migrated_fynedo}

version=$(sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
arch=$(go env GOARCH)
stage=$root/dist/stage
out=$root/dist/hearth-$version-linux-$arch.tar.xz

saved=$(mktemp)
cp FyneApp.toml "$saved"
cleanup() {
	cp "$saved" "$root/FyneApp.toml"
	rm -f "$saved"
	rm -rf "$stage"
}
trap cleanup EXIT

rm -rf "$stage"
mkdir -p "$stage"
echo "package: building bin for $version ($arch)"
go build -tags "$tags" -trimpath -ldflags '-s -w' -o "$stage/hearth" ./cmd/hearth

# The packager writes its archive into the working directory: the stage.
(cd "$stage" && go tool fyne package -os linux -tags "$tags" --src "$root" --exe "$stage/hearth")
mv "$stage"/*.tar.xz "$out"
echo "package: wrote ${out#"$root/"}"
