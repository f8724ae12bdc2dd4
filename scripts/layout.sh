#!/usr/bin/env bash
# Checks the dependency rules of design.md ("Layout and dependency
# rules") on the non-test imports of every package:
#   core/...          imports neither fyne.io/... nor integrations/... nor ui/...
#   ui/...            imports neither core/store, database/sql nor integrations/...
#   integrations/...  imports neither fyne.io/..., core/store nor ui/...
#   ui/<feature>      imports no other ui package but ui/kit (the shell,
#                     ui, wires the features together)
#   ui/kit            imports no other ui package
#   only tests import the test helpers ui/internal/uitest and core/coretest
# Exits 1 listing every violation.
set -euo pipefail
cd "$(dirname "$0")/.."

mod=$(go list -m)
tags=${TAGS:-migrated_fynedo}

# forbidden PKG prints, for a package, the import prefixes it must not use
# and why.
forbidden() {
	case $1 in
	"$mod/core" | "$mod/core/"*)
		echo "fyne.io/ core must not import the GUI toolkit"
		echo "$mod/integrations core must not import integrations"
		echo "$mod/ui core must not import the ui"
		;;
	"$mod/ui" | "$mod/ui/"*)
		echo "$mod/core/store the ui talks to core use cases, never to the store"
		echo "database/sql the ui never touches SQL"
		echo "$mod/integrations only cmd knows the integrations"
		;;
	"$mod/integrations/"*)
		echo "fyne.io/ integrations must not import the GUI toolkit"
		echo "$mod/core/store integrations write through core/engine's Session, not the store"
		echo "$mod/ui integrations must not import the ui"
		;;
	esac
}

# matches IMPORT PREFIX: the prefix itself or a package below it.
matches() {
	local imp=$1 prefix=$2
	[[ $prefix == */ && $imp == "$prefix"* ]] || [[ $imp == "$prefix" || $imp == "$prefix/"* ]]
}

# uiviolation PKG IMP prints why a ui package may not import another ui
# package, or nothing.
uiviolation() {
	local pkg=$1 imp=$2
	[[ $imp == "$mod/ui" || $imp == "$mod/ui/"* ]] || return 0
	case $pkg in
	"$mod/ui") ;; # the shell wires every feature
	"$mod/ui/kit") echo "ui/kit is shared by every screen and imports none of them" ;;
	"$mod/ui/"*)
		[[ $imp == "$mod/ui/kit" ]] ||
			echo "a feature package of ui imports only ui/kit; the shell wires screens together with callbacks"
		;;
	esac
}

violations=0
# -e: half-written packages elsewhere must not hide the rules' check.
while read -r pkg imports; do
	for imp in $imports; do
		case $imp in
		"$mod/ui/internal/uitest" | "$mod/core/coretest")
			echo "layout: ${pkg#"$mod/"} imports $imp: only tests use the test helpers" >&2
			violations=$((violations + 1))
			;;
		esac
		why=$(uiviolation "$pkg" "$imp")
		if [[ -n $why ]]; then
			echo "layout: ${pkg#"$mod/"} imports $imp: $why" >&2
			violations=$((violations + 1))
		fi
	done
	rules=$(forbidden "$pkg")
	[[ -z $rules ]] && continue
	for imp in $imports; do
		while read -r prefix why; do
			if matches "$imp" "$prefix"; then
				echo "layout: ${pkg#"$mod/"} imports $imp: $why" >&2
				violations=$((violations + 1))
			fi
		done <<<"$rules"
	done
done < <(go list -e -tags "$tags" -f '{{.ImportPath}} {{join .Imports " "}}' ./...)

if ((violations > 0)); then
	echo "layout: $violations violation(s) of the dependency rules in design.md" >&2
	exit 1
fi
