#!/usr/bin/env bash
# Golden tests: extract every case under tests/golden/ for each of its
# profiles and compare with the checked-in expect-<profile>.json byte for
# byte; every fresh dump must also pass `uabi verify`.
#
#   tests/golden/run.sh [--update] [UABI] [CASE...]
#
#   UABI      the uabi binary (default: $UABI, else build/uabi)
#   CASE      case directory names (default: every directory with input.h)
#   --update  rewrite the expected dumps instead of comparing (update.sh)
#
# A case is a folder: input.h (a uapi-like header), README (one line: what
# it exercises, which profiles), profiles (optional, one profile a line;
# default: x86_64 i386 x32 aarch64 arm ppc32 s390) and expect-<profile>.json.
#
# The header is compiled as <uabi-test/CASE.h> inside a synthetic kernel
# tree made of hard links to the real 6.1 tree's include/uapi and
# arch/*/include/uapi ($UABI_KERNEL_TREE, else scripts/kernel-source.sh)
# and a Makefile that pins the version to 6.1.0, so a Debian update of
# linux-source-6.1 changes the dumps only if the headers used change.
# uabi runs inside the work directory with the relative root "tree", so no
# absolute path enters a dump.
set -euo pipefail
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
default_profiles="x86_64 i386 x32 aarch64 arm ppc32 s390"

update=false
if [[ ${1:-} == --update ]]; then
	update=true
	shift
fi
uabi=${UABI:-$top/build/uabi}
if [[ $# -gt 0 && -f $1 && -x $1 ]]; then
	uabi=$1
	shift
fi
if [[ ! -x $uabi ]]; then
	echo "golden: $uabi: no uabi binary (build it: scripts/build.sh)" >&2
	exit 2
fi
uabi=$(cd "$(dirname "$uabi")" && pwd)/$(basename "$uabi")

if (($#)); then
	cases=("$@")
else
	cases=()
	for d in "$here"/*/; do
		[[ -f $d/input.h ]] && cases+=("$(basename "$d")")
	done
fi
if ((${#cases[@]} == 0)); then
	echo "golden: no cases found in $here" >&2
	exit 2
fi

src=${UABI_KERNEL_TREE:-$("$top/scripts/kernel-source.sh")}
t_workdir golden

tree=$work/tree
t_copy_tree "$src" "$tree"
rm -f "$tree/Makefile"
printf 'VERSION = 6\nPATCHLEVEL = 1\nSUBLEVEL = 0\nEXTRAVERSION =\n' >"$tree/Makefile"
mkdir -p "$tree/include/uapi/uabi-test"

passed=0
failed=0
fail() {
	echo "FAIL $1"
	failed=$((failed + 1))
}

for c in "${cases[@]}"; do
	dir=$here/$c
	if [[ ! -f $dir/input.h ]]; then
		fail "$c: no $dir/input.h"
		continue
	fi
	cp "$dir/input.h" "$tree/include/uapi/uabi-test/$c.h"
	if [[ -f $dir/profiles ]]; then
		mapfile -t profiles < <(grep -v '^[[:space:]]*\(#\|$\)' "$dir/profiles")
	else
		read -r -a profiles <<<"$default_profiles"
	fi
	mkdir -p "$work/out/$c"

	for p in "${profiles[@]}"; do
		fresh=out/$c/expect-$p.json
		expect=$dir/expect-$p.json
		if ! (cd "$work" && "$uabi" extract --kernel-tree tree --header "uabi-test/$c.h" \
			--profile "$p" -o "$fresh") >"$work/log" 2>&1; then
			fail "$c/$p: uabi extract failed"
			sed 's/^/    /' "$work/log"
			continue
		fi
		if ! (cd "$work" && "$uabi" verify --kernel-tree tree "$fresh") >"$work/log" 2>&1; then
			fail "$c/$p: uabi verify failed"
			sed 's/^/    /' "$work/log"
			continue
		fi
		if $update; then
			if [[ -f $expect ]] && cmp -s "$work/$fresh" "$expect"; then
				echo "ok   $c/$p (unchanged)"
			else
				cp "$work/$fresh" "$expect"
				echo "UPDATED $c/$p"
			fi
			passed=$((passed + 1))
		elif [[ ! -f $expect ]]; then
			fail "$c/$p: no expect-$p.json (generate: tests/golden/update.sh $c)"
		elif cmp -s "$work/$fresh" "$expect"; then
			echo "ok   $c/$p"
			passed=$((passed + 1))
		else
			fail "$c/$p: dump differs from expect-$p.json"
			diff -u "$expect" "$work/$fresh" | head -200 || true
		fi
	done

	# expected compat verdicts (hand-written, never updated by --update):
	# every ioctl of each listed pair, from `uabi compat` on the fresh dumps
	if [[ -f $dir/verdicts ]]; then
		want=$work/out/$c/verdicts.want
		got=$work/out/$c/verdicts.got
		grep -v '^[[:space:]]*\(#\|$\)' "$dir/verdicts" | sort >"$want"
		: >"$got"
		for pair in $(cut -d' ' -f1 "$want" | sort -u); do
			n=${pair%%:*}
			k=${pair#*:}
			if ! (cd "$work" && "$uabi" compat --format json --fail-on never \
				"out/$c/expect-$n.json" "out/$c/expect-$k.json") >"$work/report.json" 2>"$work/log"; then
				fail "$c: uabi compat $pair failed"
				sed 's/^/    /' "$work/log"
				continue
			fi
			python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
for p in r["pairs"]:
    for i in p["ioctls"]:
        print("%s:%s %s %s" % (p["native"], p["compat"], i["name"], i["verdict"]))' \
				"$work/report.json" >>"$got"
		done
		sort -o "$got" "$got"
		if cmp -s "$want" "$got"; then
			echo "ok   $c/verdicts ($(wc -l <"$want") ioctl verdicts)"
			passed=$((passed + 1))
		else
			fail "$c: compat verdicts differ from $c/verdicts"
			diff -u "$want" "$got" | sed 's/^/    /'
		fi
	fi

	# expected dumps of profiles the case no longer lists
	for e in "$dir"/expect-*.json; do
		[[ -e $e ]] || continue
		p=${e##*/expect-}
		p=${p%.json}
		[[ " ${profiles[*]} " == *" $p "* ]] && continue
		if $update; then
			rm -f "$e"
			echo "REMOVED $c/$p (not in the case's profiles)"
		else
			fail "$c/$p: stale expect-$p.json (profile not listed)"
		fi
	done
done

echo "golden: $passed passed, $failed failed"
((failed == 0))
