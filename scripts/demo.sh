#!/usr/bin/env bash
# Runs the demo workspace. Without a display it still starts, under a
# virtual X server, so the demo peers and the window come up; nothing shows.
set -euo pipefail
cd "$(dirname "$0")/.."

# Fyne cannot parse the C locale and logs an error; the demo is multilingual
# anyway, so an unset or C locale becomes English.
case ${LC_ALL:-${LANG:-C}} in
C | C.* | POSIX) export LANG=en_US.UTF-8 LC_ALL= ;;
esac

if [[ -n ${DISPLAY:-} || -n ${WAYLAND_DISPLAY:-} ]]; then
	exec bin/hearth --demo "$@"
fi
cat >&2 <<'MSG'
demo: no display ($DISPLAY and $WAYLAND_DISPLAY are unset), so the window
demo: runs inside a virtual X server (xvfb-run) where nobody can see it.
demo: To see it, run `make demo` from a desktop session, or over `ssh -X`.
demo: Ctrl-C stops it.
MSG
exec xvfb-run -a -s '-screen 0 1280x800x24' bin/hearth --demo "$@"
