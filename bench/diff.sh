#!/usr/bin/env bash
# Benchmark of `uabi diff` on two Linux 6.1 trees (the second a copy with
# tests/diff/widen-member applied), all 15 ABIs, -j 2. Target: under 3 s on
# a 2-core machine. Never run as a test.
#
#   bench/diff.sh [-t KERNEL_TREE] [-u UABI] [-r RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$here/bench/lib.sh"
tree=${UABI_KERNEL_TREE:-}
uabi=${UABI:-$here/build/uabi}
runs=5
while getopts 't:u:r:h' opt; do
	case $opt in
	t) tree=$OPTARG ;;
	u) uabi=$OPTARG ;;
	r) runs=$OPTARG ;;
	*)
		sed -n '2,7s/^# \{0,1\}//p' "$0"
		exit 2
		;;
	esac
done
[[ -n $tree ]] || tree=$("$here/scripts/kernel-source.sh")
tree=$(cd "$tree" && pwd)
uabi=$(cd "$(dirname "$uabi")" && pwd)/$(basename "$uabi")
work=$(mktemp -d "${TMPDIR:-/tmp}/uabi-bench-diff.XXXXXX")
[[ -n ${UABI_BENCH_KEEP:-} ]] || trap 'rm -rf "$work"' EXIT
cp -a "$tree" "$work/old"
cp -a "$tree" "$work/new"
python3 - "$here/tests/diff/widen-member/edit.json" "$work/new" <<'PY'
import json, os, sys
for e in json.load(open(sys.argv[1])):
    p = os.path.join(sys.argv[2], e["file"])
    text = open(p).read()
    open(p, "w").write(text.replace(e["old"], e["new"]))
PY
cd "$work"
t_diff=$(measure diff "$(printf '%q' "$uabi") diff --old old --new new -j 2 -o /dev/null")
t_kvm=$(measure kvm "$(printf '%q' "$uabi") diff --old old --new new --header linux/kvm.h -j 2 -o /dev/null")
t_same=$(measure same "$(printf '%q' "$uabi") diff --old old --new old --header linux/kvm.h -j 2 -o /dev/null")
t_none=$(measure none "$(printf '%q' "$uabi") diff --old old --new old -j 2 -o /dev/null")
echo "# uabi diff benchmark"
echo
echo "- machine: $(nproc) cores, $(uname -m); runs: $runs"
echo
echo "| measure | seconds |"
echo "|---|---|"
echo "| uabi diff, two 6.1 trees (widen-member), all 15 ABIs, -j 2 (target < 3 s): the headers the change reaches (linux/kvm.h) | $t_diff |"
echo "| the same, --header linux/kvm.h | $t_kvm |"
echo "| uabi diff, a 6.1 tree against itself, --header linux/kvm.h, all 15 ABIs, -j 2 | $t_same |"
echo "| uabi diff, a 6.1 tree against itself, no --header (no uapi header changed) | $t_none |"
