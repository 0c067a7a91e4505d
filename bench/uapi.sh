#!/usr/bin/env bash
# Benchmark of `uabi check --all --pairs all -j 2` (every ioctl-defining
# uapi header, 15 ABIs) on a Linux tree, with the extraction cache (issue 9,
# "Performance"). Never run as a test; numbers depend on the machine.
#
#   bench/uapi.sh [-t KERNEL_TREE] [-u UABI] [-r RUNS] [-o REPORT.md]
#
# (a) cold: an empty UABI_CACHE_DIR for every run (target: < 60 s, peak
#     RSS < 512 MiB)
# (b) warm: the same cache, the tree unchanged (target: < 5 s); also on a
#     hard-linked copy of the tree (the cache key is the files' content)
# (c) one header touched: the copy with a comment appended to
#     include/uapi/linux/fs.h, a different one each run, on the warm cache
#     (target: < 10 s)
# Each is the median of RUNS runs (default 3) of wall time and of peak RSS
# (GNU time's %M: the largest single process, uabi or one compiler, as
# rusage reports it), with the compiler runs and cache misses of the median
# run counted from -v. The KVM-only main job is bench/check.sh, run before
# and after a change. The Markdown report goes to stdout (and REPORT.md).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=tests/lib.sh
. "$here/tests/lib.sh" # t_copy_tree

tree=${UABI_KERNEL_TREE:-}
uabi=${UABI:-$here/build/uabi}
runs=3
report=
while getopts 't:u:r:o:h' opt; do
	case $opt in
	t) tree=$OPTARG ;;
	u) uabi=$OPTARG ;;
	r) runs=$OPTARG ;;
	o) report=$OPTARG ;;
	*)
		sed -n '2,20s/^# \{0,1\}//p' "$0"
		exit 2
		;;
	esac
done
[[ -n $tree ]] || tree=$("$here/scripts/kernel-source.sh")
tree=$(cd "$tree" && pwd)
uabi=$(cd "$(dirname "$uabi")" && pwd)/$(basename "$uabi")
if [[ ! -x $uabi || ! -x /usr/bin/time ]]; then
	echo "bench: needs $uabi (scripts/build.sh) and GNU time (/usr/bin/time)" >&2
	exit 2
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/uabi-bench-uapi.XXXXXX")
[[ -n ${UABI_BENCH_KEEP:-} ]] || trap 'rm -rf "$work"' EXIT
unset UABI_NO_CACHE
# A private copy of the tree: a run's result is not cached when one of its
# files changes (mtime or ctime) while it runs, and another process making
# hard links to the shared tree (tests/lib.sh's t_copy_tree) changes their
# ctime. The cache key is the files' content: the copy hits like the tree.
mkdir -p "$work/tree"
cp -a "$tree/." "$work/tree/"
src=$tree
tree=$work/tree
load0=$(cut -d' ' -f1-3 /proc/loadavg)

# one LABEL CACHE TREE: one timed run; appends "wall rss_kib compiles
# misses hits" to $work/LABEL.runs
one() {
	local label=$1 cache=$2 t=$3 rc=0
	UABI_CACHE_DIR=$cache /usr/bin/time -f '%e %M' -o "$work/time.txt" \
		"$uabi" check -v --all --kernel-tree "$t" --pairs all -j 2 --fail-on never \
		--output-dir "$work/out-$label" 2>"$work/$label.err" || rc=$?
	if ((rc != 0)); then
		echo "bench: $label: uabi exit $rc" >&2
		tail -5 "$work/$label.err" >&2
		exit 1
	fi
	printf '%s %s %s %s\n' "$(tail -1 "$work/time.txt")" \
		"$(grep -cE '^uabi: [a-z0-9_]+: ([^ ]*/)?(clang|[a-z0-9_.-]*gcc) ' "$work/$label.err" || true)" \
		"$(grep -cE '^uabi: [a-z0-9_]+: cache miss' "$work/$label.err" || true)" \
		"$(grep -cE '^uabi: [a-z0-9_]+: cache hit' "$work/$label.err" || true)" >>"$work/$label.runs"
}

# row LABEL TEXT: a table row: median wall time and its range, median
# peak RSS, and the compiler runs and cache misses of the median run
row() {
	python3 - "$work/$1.runs" "$2" <<'PY'
import sys
runs = sorted(tuple(float(x) for x in line.split()) for line in open(sys.argv[1]))
mid = runs[(len(runs) - 1) // 2]
rss = sorted(r[1] for r in runs)[(len(runs) - 1) // 2]
print("| %s | %.2f | %.2f-%.2f | %.0f | %d | %d / %d |"
      % (sys.argv[2], mid[0], runs[0][0], runs[-1][0], rss / 1024, mid[2], mid[3], mid[3] + mid[4]))
PY
}

# (a) cold, a fresh cache each run
for ((i = 0; i < runs; i++)); do
	rm -rf "$work/cache"
	one cold "$work/cache" "$tree"
done
# (b) warm: the last cold run filled $work/cache
for ((i = 0; i < runs; i++)); do
	one warm "$work/cache" "$tree"
done
t_copy_tree "$tree" "$work/copy"
for ((i = 0; i < runs; i++)); do
	one warm-copy "$work/cache" "$work/copy"
done
# (c) one header touched: a new file (the copy's is a hard link to the
# tree's), a comment the cache has never seen
fs=$work/copy/include/uapi/linux/fs.h
for ((i = 0; i < runs; i++)); do
	cp "$tree/include/uapi/linux/fs.h" "$fs.new"
	printf '/* uabi bench: touched, run %d of %s */\n' "$i" "$$" >>"$fs.new"
	mv -f "$fs.new" "$fs"
	one touched "$work/cache" "$work/copy"
done

summary=$(python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
print("%d headers in the report; ioctls per pair: %s" % (len(r["input"]["headers"]),
      " ".join("%s:%s %d" % (p["native"], p["compat"], len(p["ioctls"])) for p in r["pairs"])))' \
	"$work/out-cold/report.json")
out=$work/report.md
{
	echo "# uabi check --all benchmark"
	echo
	echo "- kernel tree: linux $(sed -nE 's/^(VERSION|PATCHLEVEL|SUBLEVEL) = //p' "$tree/Makefile" | paste -sd.) (a copy of $src)"
	echo "- machine: $(nproc) cores, $(uname -m); clang $(clang -dumpversion); load average at start: $load0, at end: $(cut -d' ' -f1-3 /proc/loadavg)"
	# CMakeLists.txt's default build type is RelWithDebInfo
	bt=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$(dirname "$uabi")/CMakeCache.txt" 2>/dev/null || true)
	echo "- uabi: $uabi (${bt:-RelWithDebInfo})"
	echo "- command: \`UABI_CACHE_DIR=C uabi check -v --all --kernel-tree T --pairs all -j 2 --fail-on never --output-dir D\`"
	echo "- runs: $runs each, median (wall range min-max); peak RSS: GNU time %M (largest single process)"
	echo "- $summary"
	echo
	echo "| measure | wall s (median) | wall s (range) | peak RSS MiB | compiler runs | cache misses / profiles |"
	echo "|---|---|---|---|---|---|"
	row cold "(a) cold, empty cache (target < 60 s, < 512 MiB)"
	row warm "(b) warm, tree unchanged (target < 5 s)"
	row warm-copy "(b) warm, hard-linked copy of the tree"
	row touched "(c) linux/fs.h touched, warm cache (target < 10 s)"
	echo
	echo "The KVM-only main job (\`uabi check\`, linux/kvm.h): \`bench/check.sh -r 5\` on the commit before and after."
} >"$out"
cat "$out"
[[ -z $report ]] || cp "$out" "$report"
