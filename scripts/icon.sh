#!/usr/bin/env bash
# Rasterises assets/icon.svg into assets/icon.png (512x512). The PNG is
# committed, so this runs only when the SVG changes. rsvg-convert (Debian
# librsvg2-bin) renders gradients faithfully; ImageMagick is the fallback and
# itself needs an SVG delegate.
set -euo pipefail
cd "$(dirname "$0")/.."

src=assets/icon.svg
dst=assets/icon.png

if command -v rsvg-convert >/dev/null; then
	rsvg-convert -w 512 -h 512 "$src" -o "$dst"
elif [[ -x /usr/bin/convert ]]; then
	/usr/bin/convert -background none -density 96 "$src" -resize 512x512 "PNG32:$dst"
else
	echo "icon.sh: need rsvg-convert (apt-get install librsvg2-bin) or ImageMagick" >&2
	exit 1
fi
echo "wrote $dst"
