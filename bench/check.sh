#!/usr/bin/env bash
# Benchmark of `uabi check` on the Linux 6.1 tree. Never run as a test;
# numbers depend on the machine.
#
#   bench/check.sh [-t KERNEL_TREE] [-u UABI] [-r RUNS] [-o REPORT.md]
#
# (a) compiling uabi's own 15 probes alone, 2 in parallel (the floor)
# (b) `uabi check --pairs all -j 2 --no-cache` (cold: the extraction cache
#     would answer a second run): extraction, kernel facts,
#     compare, report; and the ratio b/a (target: 2.5)
# (c) the compare step alone, dumps in, report out (`check --from-dumps`),
#     with and without the kernel facts (target: 50 ms)
# The report goes to stdout, and to REPORT.md with -o.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$here/bench/lib.sh"

tree=${UABI_KERNEL_TREE:-}
uabi=${UABI:-$here/build/uabi}
runs=5
report=
while getopts 't:u:r:o:h' opt; do
	case $opt in
	t) tree=$OPTARG ;;
	u) uabi=$OPTARG ;;
	r) runs=$OPTARG ;;
	o) report=$OPTARG ;;
	*)
		sed -n '2,12s/^# \{0,1\}//p' "$0"
		exit 2
		;;
	esac
done
[[ -n $tree ]] || tree=$("$here/scripts/kernel-source.sh")
tree=$(cd "$tree" && pwd)
uabi=$(cd "$(dirname "$uabi")" && pwd)/$(basename "$uabi")
work=$(mktemp -d "${TMPDIR:-/tmp}/uabi-bench-check.XXXXXX")
[[ -n ${UABI_BENCH_KEEP:-} ]] || trap 'rm -rf "$work"' EXIT
out=$work/report.md

bench_probes
q() { printf '%q' "$1"; }
mkdir -p "$work/dumps"
"$uabi" check --kernel-tree "$tree" --fail-on never --dumps "$work/dumps" -o /dev/null

t_compile=$(measure compile "$work/compile-all.sh")
t_check=$(measure check "$(q "$uabi") check --kernel-tree $(q "$tree") --pairs all -j 2 --no-cache --fail-on never -o /dev/null")
t_from=$(measure from "$(q "$uabi") check --kernel-tree $(q "$tree") --from-dumps $(q "$work/dumps") --fail-on never -o /dev/null")
t_bare=$(measure bare "$(q "$uabi") check --from-dumps $(q "$work/dumps") --fail-on never -o /dev/null")
ms() { awk -v t="$1" 'BEGIN { printf "%.0f ms", t * 1000 }'; }

{
	echo "# uabi check benchmark"
	echo
	echo "- kernel tree: linux $(sed -nE 's/^(VERSION|PATCHLEVEL|SUBLEVEL) = //p' "$tree/Makefile" | paste -sd.)"
	echo "- machine: $(nproc) cores, $(uname -m); clang $(clang -dumpversion); runs: $runs$(command -v hyperfine >/dev/null && echo ', hyperfine')"
	echo
	echo "| measure | value |"
	echo "|---|---|"
	echo "| (a) compile the 15 probes, -P2 | ${t_compile} s |"
	echo "| (b) uabi check --pairs all -j 2, cold | ${t_check} s |"
	echo "| b/a (target 2.5) | $(ratio "$t_check" "$t_compile") |"
	echo "| (c) compare step: check --from-dumps with kernel facts | $(ms "$t_from") |"
	echo "| (c) compare step: check --from-dumps, no kernel tree | $(ms "$t_bare") |"
} >"$out"
cat "$out"
[[ -z $report ]] || cp "$out" "$report"
