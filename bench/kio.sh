#!/usr/bin/env bash
# Benchmark of reading a whole kernel tree's ioctl dispatch facts with and
# without the result cache (kernel/kio_cache.h; issue 10): `uabi handlers`
# on a few commands, which reads every .c/.h file of the tree (Linux 6.1:
# ~51,800, 1.1 GB; ~7,600 scanned) and places each command. Never run as a
# test; numbers depend on the machine.
#
#   bench/kio.sh [-t KERNEL_TREE]... [-u UABI] [-k KIO_READ] [-r RUNS] [-o REPORT.md]
#
# For each tree (default: $UABI_KERNEL_TREE, and $UABI_KERNEL_TREE_6_12
# when set; -t repeats):
# (a) cold: an empty UABI_CACHE_DIR for every run: the scan, then the
#     store (every file hashed) (target: < 30 s, peak RSS < 512 MiB)
# (b) warm: the same cache, the tree unchanged: every file hashed again,
#     the facts loaded (target: < 2 s)
# (c) warm on a hard-linked copy of the tree elsewhere: the cache key is
#     the files' content, not the tree's path
# Each is the median of RUNS runs (default 5) of wall time and of peak RSS
# (GNU time's %M). Every run must print what the first cold run printed; a
# cold run must leave one cache entry, a warm one no new entry and its
# entry used (a hit touches it). The tree's files are in the page cache
# (the cold run reads them first): "cold" is about uabi's cache, not the
# disk's. With -k (bench/kio-read.c, built with UABI_TESTS or UABI_BENCH),
# the facts read from the cache are also checked to equal a scan's, all
# of them (the sha256 of their blob). The Markdown report goes to stdout
# (and REPORT.md).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

trees=()
uabi=${UABI:-$here/build/uabi}
kio=
runs=5
report=
cmds=(FS_IOC_GETFLAGS DRM_IOCTL_VERSION DRM_IOCTL_MODE_GETFB2 BLKBSZGET EVIOCSFF)
while getopts 't:u:k:r:o:h' opt; do
	case $opt in
	t) trees+=("$OPTARG") ;;
	u) uabi=$OPTARG ;;
	k) kio=$OPTARG ;;
	r) runs=$OPTARG ;;
	o) report=$OPTARG ;;
	*)
		sed -n '2,27s/^# \{0,1\}//p' "$0"
		exit 2
		;;
	esac
done
if ((${#trees[@]} == 0)); then
	trees=("${UABI_KERNEL_TREE:-$("$here/scripts/kernel-source.sh")}")
	[[ -z ${UABI_KERNEL_TREE_6_12:-} ]] || trees+=("$UABI_KERNEL_TREE_6_12")
fi
if [[ ! -x $uabi || ! -x /usr/bin/time || (-n $kio && ! -x $kio) ]]; then
	echo "bench: needs $uabi (scripts/build.sh)${kio:+, $kio (cmake -DUABI_BENCH=ON)}" \
		"and GNU time (/usr/bin/time)" >&2
	exit 2
fi
uabi=$(cd "$(dirname "$uabi")" && pwd)/$(basename "$uabi")
work=$(mktemp -d "${TMPDIR:-/tmp}/uabi-bench-kio.XXXXXX")
[[ -n ${UABI_BENCH_KEEP:-} ]] || trap 'rm -rf "$work"' EXIT
unset UABI_NO_CACHE
load0=$(cut -d' ' -f1-3 /proc/loadavg)

# entries: "NAME MTIME" of every cache entry
entries() {
	{ find "$work/cache" -mindepth 3 -maxdepth 3 -type f -printf '%f %T@\n' 2>/dev/null || true; } | sort
}

# one LABEL TREE KIND: one timed run (KIND cold or warm, checked from the
# cache's entries); appends "wall rss_kib" to $work/LABEL.runs
one() {
	local label=$1 t=$2 kind=$3 rc=0 before after
	before=$(entries)
	UABI_CACHE_DIR=$work/cache /usr/bin/time -f '%e %M' -o "$work/time.txt" \
		"$uabi" handlers --kernel-tree "$t" --format json "${cmds[@]}" \
		>"$work/$label.out" 2>"$work/$label.err" || rc=$?
	if ((rc != 0)); then
		echo "bench: $label: uabi exit $rc" >&2
		tail -5 "$work/$label.err" >&2
		exit 1
	fi
	after=$(entries)
	if [[ $kind == cold && ( -n $before || $(grep -c . <<<"$after") -ne 1 ) ]] ||
		[[ $kind == warm && ( $(cut -d' ' -f1 <<<"$before") != "$(cut -d' ' -f1 <<<"$after")" ||
			$before == "$after" ) ]]; then
		printf 'bench: %s: not a %s run: cache entries before:\n%s\nafter:\n%s\n' \
			"$label" "$kind" "$before" "$after" >&2
		exit 1
	fi
	if [[ ! -s $work/first.out ]]; then
		cp "$work/$label.out" "$work/first.out"
	elif ! cmp -s "$work/first.out" "$work/$label.out"; then
		echo "bench: $label: the output differs from the first cold run's" >&2
		exit 1
	fi
	tail -1 "$work/time.txt" >>"$work/$label.runs"
}

# row LABEL TEXT: median wall time and its range, median peak RSS
row() {
	python3 - "$work/$1.runs" "$2" <<'PY'
import sys
runs = sorted(tuple(float(x) for x in line.split()) for line in open(sys.argv[1]))
med = lambda v: sorted(v)[(len(v) - 1) // 2]
print("| %s | %.2f | %.2f-%.2f | %.0f |"
      % (sys.argv[2], med([r[0] for r in runs]), runs[0][0], runs[-1][0],
         med([r[1] for r in runs]) / 1024))
PY
}

out=$work/report.md
{
	echo "# Whole-tree ioctl facts: cold and warm reads"
	echo
	echo "- machine: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //');" \
		"SHA instructions: $(grep -qw sha_ni /proc/cpuinfo && echo yes || echo no);" \
		"load average at start: $load0"
	bt=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$(dirname "$uabi")/CMakeCache.txt" 2>/dev/null || true)
	echo "- uabi: $uabi (${bt:-RelWithDebInfo}); command:" \
		"\`UABI_CACHE_DIR=C uabi handlers --kernel-tree TREE --format json ${cmds[*]}\`"
	echo "- runs: $runs each, median (wall range min-max); peak RSS: GNU time %M"
} >"$out"
for tree in "${trees[@]}"; do
	tree=$(cd "$tree" && pwd)
	rm -rf "$work"/*.runs "$work/first.out"
	# (a) cold, a fresh cache each run
	for ((i = 0; i < runs; i++)); do
		rm -rf "$work/cache"
		one cold "$tree" cold
	done
	entry=$(find "$work/cache" -mindepth 3 -maxdepth 3 -type f -printf '%s\n')
	# (b) warm: the last cold run filled $work/cache
	for ((i = 0; i < runs; i++)); do
		one warm "$tree" warm
	done
	# (c) a hard-linked copy of the whole tree
	rm -rf "$work/copy"
	cp -al "$tree" "$work/copy"
	for ((i = 0; i < runs; i++)); do
		one warm-copy "$work/copy" warm
	done
	rm -rf "$work/copy"
	facts=
	if [[ -n $kio ]]; then
		# every fact: from the cache (its driver's own entry) and from a scan
		UABI_CACHE_DIR=$work/kcache "$kio" "$tree" >/dev/null
		UABI_CACHE_DIR=$work/kcache "$kio" --digest "$tree" >"$work/kc.out"
		"$kio" --no-cache --digest "$tree" >"$work/ks.out"
		if [[ $(awk '$1 == "source" { print $2 }' "$work/kc.out") != cache ||
			$(awk '$1 == "facts" { print $2 }' "$work/kc.out") != "$(awk '$1 == "facts" { print $2 }' "$work/ks.out")" ]]; then
			echo "bench: $tree: the cached facts differ from a scan's" >&2
			exit 1
		fi
		facts=$(awk '$1 == "source" { f = $4 } $1 == "facts" { printf "%s files scanned; the facts: a %s-byte blob, the same from the cache as from a scan (sha256 %s...)", f, $4, substr($2, 1, 12) }' "$work/kc.out")
		rm -rf "$work/kcache"
	fi
	{
		echo
		echo "## linux $(sed -nE 's/^(VERSION|PATCHLEVEL|SUBLEVEL) = //p' "$tree/Makefile" | paste -sd.) ($tree)"
		echo
		echo "The cache entry (manifest and facts): $((entry / 1048576)) MiB.${facts:+ $facts.}"
		echo
		echo "| measure | wall s (median) | wall s (range) | peak RSS MiB |"
		echo "|---|---|---|---|"
		row cold "(a) cold, empty cache (target < 30 s, < 512 MiB)"
		row warm "(b) warm, tree unchanged (target < 2 s)"
		row warm-copy "(c) warm, hard-linked copy of the tree"
	} >>"$out"
done
echo >>"$out"
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)." >>"$out"
cat "$out"
[[ -z $report ]] || cp "$out" "$report"
