#!/usr/bin/env bash
# Side by side: `uabi diff` and libabigail's abidiff on the same mutation of
# the Linux 6.1 KVM headers (tests/diff/<case>/edit.json), for x86_64 and
# i386. abidiff compares two binaries: it is given the very probe objects
# uabi compiles (linked with --link so they are ordinary shared objects),
# with -t (types not reachable from exported functions, which is all of
# them in a probe). Prints what each reports and how long each takes.
#
#   bench/abidiff.sh [-t KERNEL_TREE] [-u UABI] [-c CASE] [-r RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$here/bench/lib.sh"
tree=${UABI_KERNEL_TREE:-}
uabi=${UABI:-$here/build/uabi}
case_=widen-member
runs=5
while getopts 't:u:c:r:h' opt; do
	case $opt in
	t) tree=$OPTARG ;;
	u) uabi=$OPTARG ;;
	c) case_=$OPTARG ;;
	r) runs=$OPTARG ;;
	*)
		sed -n '2,10s/^# \{0,1\}//p' "$0"
		exit 2
		;;
	esac
done
command -v abidiff >/dev/null || {
	echo "bench: abidiff missing (Debian: abigail-tools)" >&2
	exit 2
}
[[ -n $tree ]] || tree=$("$here/scripts/kernel-source.sh")
tree=$(cd "$tree" && pwd)
uabi=$(cd "$(dirname "$uabi")" && pwd)/$(basename "$uabi")
work=$(mktemp -d "${TMPDIR:-/tmp}/uabi-abidiff.XXXXXX")
[[ -n ${UABI_BENCH_KEEP:-} ]] || trap 'rm -rf "$work"' EXIT

for side in old new; do
	cp -a "$tree" "$work/$side"
done
python3 - "$here/tests/diff/$case_/edit.json" "$work/new" <<'PY'
import json, os, sys
for e in json.load(open(sys.argv[1])):
    p = os.path.join(sys.argv[2], e["file"])
    t = open(p).read()
    assert t.count(e["old"]) == 1, e["file"]
    os.unlink(p)
    open(p, "w").write(t.replace(e["old"], e["new"]))
PY

# the probes, as shared objects abidiff reads: it needs an ELF symbol,
# which a probe (types and enumerators only) has not, so one variable is
# linked in beside it; the types are the probe's own
printf 'int uabi_abidiff_anchor;\n' >"$work/anchor.c"
for side in old new; do
	mkdir -p "$work/tmp-$side"
	TMPDIR=$work/tmp-$side "$uabi" extract --keep-temps --kernel-tree "$work/$side" \
		--profile x86_64,i386 -o "$work/dumps-$side/" 2>/dev/null
	for d in "$work"/tmp-$side/uabi-*; do
		p=${d##*/uabi-}
		p=${p%-*}
		target=x86_64-linux-gnu
		[[ $p == i386 ]] && target=i386-linux-gnu
		clang --target=$target -g -c "$work/anchor.c" -o "$work/anchor-$p.o"
		ld.lld -shared -o "$work/$side-$p.so" "$d/probe.o" "$work/anchor-$p.o"
	done
done

cd "$work"
{
	echo "# uabi diff and abidiff on tests/diff/$case_"
	echo
	echo "$(cat "$here/tests/diff/$case_/README")"
	echo
	echo '## uabi diff --old old --new new --profile x86_64,i386'
	echo
	echo '```'
	"$uabi" diff --old old --new new --profile x86_64,i386 --no-lint || true
	echo '```'
	for p in x86_64 i386; do
		echo
		echo "## abidiff -t old-$p.so new-$p.so"
		echo
		echo '```'
		abidiff -t "old-$p.so" "new-$p.so" || true
		echo '```'
	done
	echo
	echo "## time (mean of $runs runs)"
	echo
	echo "| command | seconds |"
	echo "|---|---|"
	echo "| uabi diff, x86_64+i386, from headers (4 probe compiles included) | $(measure ud "$(printf '%q' "$uabi") diff --old old --new new --profile x86_64,i386 --no-lint") |"
	echo "| uabi diff, all 15 ABIs, from headers | $(measure ud15 "$(printf '%q' "$uabi") diff --old old --new new --no-lint") |"
	echo "| abidiff -t, x86_64 (objects already built) | $(measure ad "abidiff -t old-x86_64.so new-x86_64.so") |"
	echo "| abidiff -t, i386 (objects already built) | $(measure ad32 "abidiff -t old-i386.so new-i386.so") |"
} 2>/dev/null
