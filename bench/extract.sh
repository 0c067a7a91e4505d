#!/usr/bin/env bash
# Benchmark of `uabi extract` on the Linux 6.1 tree, against what it cannot
# beat: the compiler. Never run as a test; numbers depend on the machine.
#
#   bench/extract.sh [-t KERNEL_TREE] [-u UABI] [-r RUNS] [-o REPORT.md]
#
# (a) compiling the 15 probes alone (#include <linux/kvm.h>, DESIGN.md flags,
#     -g -c -nostdinc -fno-eliminate-unused-debug-types, 2 in parallel)
# (b) `uabi extract --profile all -j 2`, and the ratio b/a
# (c) peak RSS of (b), from /usr/bin/time -v
# (d) pahole over the 15 linked probe objects vs uabi's DWARF step alone
# Uses hyperfine when present, else a loop timed with date +%s.%N.
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
		sed -n '2,14s/^# \{0,1\}//p' "$0"
		exit 2
		;;
	esac
done
[[ -n $tree ]] || tree=$("$here/scripts/kernel-source.sh")
tree=$(cd "$tree" && pwd)
if [[ ! -f $tree/include/uapi/linux/kvm.h ]]; then
	echo "bench: $tree: not a kernel tree (no include/uapi/linux/kvm.h)" >&2
	exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/uabi-bench.XXXXXX")
[[ -n ${UABI_BENCH_KEEP:-} ]] || trap 'rm -rf "$work"' EXIT
out=$work/report.md

bench_probes
cat >"$work/pahole-all.sh" <<SH
#!/usr/bin/env bash
set -euo pipefail
while read -r f; do pahole -F dwarf "\$f" >/dev/null; done <'$work/objects.list'
SH
chmod +x "$work"/*.sh

{
	echo "# uabi extract benchmark"
	echo
	echo "- kernel tree: linux $(sed -nE 's/^(VERSION|PATCHLEVEL|SUBLEVEL) = //p' "$tree/Makefile" | paste -sd.)"
	echo "- machine: $(nproc) cores, $(uname -m); clang $(clang -dumpversion); runs: $runs$(command -v hyperfine >/dev/null && echo ', hyperfine')"
	echo
	echo "| measure | value |"
	echo "|---|---|"
} >"$out"

echo "bench: (a) compiling 15 probes" >&2
bash "$work/compile-all.sh"
t_compile=$(measure compile "$work/compile-all.sh")
echo "| (a) compile 15 probes, -P2 | ${t_compile} s |" >>"$out"

if [[ -x $uabi ]]; then
	echo "bench: (b) uabi extract --profile all -j 2" >&2
	ext="$(printf '%q' "$uabi") extract --kernel-tree $(printf '%q' "$tree") --profile all -j 2 -o $(printf '%q' "$work/dumps/")"
	mkdir -p "$work/dumps"
	t_extract=$(measure extract "$ext")
	echo "| (b) uabi extract --profile all -j 2 | ${t_extract} s |" >>"$out"
	echo "| b/a | $(ratio "$t_extract" "$t_compile") |" >>"$out"
	t_link=$(measure link "$ext --link")
	echo "| (b') the same with --link (ld.lld/binutils instead of the built-in relocator) | ${t_link} s |" >>"$out"
	if [[ -x /usr/bin/time ]]; then
		# ru_maxrss of the children: the largest single process of the
		# run, uabi itself or a compiler it spawned
		/usr/bin/time -v -o "$work/time.txt" "$uabi" extract --kernel-tree "$tree" \
			--profile all -j 2 -o "$work/dumps/" >/dev/null
		rss=$(sed -nE 's/.*Maximum resident set size \(kbytes\): ([0-9]+)/\1/p' "$work/time.txt")
		echo "| (c) peak RSS of extract (largest process: uabi or a compiler) | $((rss / 1024)) MiB |" >>"$out"
	else
		echo "| (c) peak RSS of extract | skipped: /usr/bin/time missing |" >>"$out"
	fi
else
	echo "bench: $uabi not built: skipping (b) and (c)" >&2
	echo "| (b), (c) | skipped: $uabi not built |" >>"$out"
fi

if command -v pahole >/dev/null 2>&1; then
	t_pahole=$(measure pahole "$work/pahole-all.sh")
	echo "| (d) pahole -F dwarf over the 15 linked probes, one process each | ${t_pahole} s |" >>"$out"
else
	t_pahole=
	echo "| (d) pahole | skipped: pahole missing (dwarves) |" >>"$out"
fi
cat >"$work/dwarf-all.sh" <<SH
#!/usr/bin/env bash
set -euo pipefail
while read -r f; do $(printf '%q' "$uabi") dwarf "\$f" >/dev/null; done <'$work/objects.list'
SH
chmod +x "$work/dwarf-all.sh"
t_dwarf=$(measure dwarf "$work/dwarf-all.sh")
echo "| (d) uabi dwarf over the same 15 objects, one process each | ${t_dwarf} s |" >>"$out"
[[ -z $t_pahole ]] || echo "| uabi dwarf / pahole | $(ratio "$t_dwarf" "$t_pahole") |" >>"$out"
# uabi's own peak memory (getrusage of each extracting process), not the compilers'
UABI_STATS=1 "$uabi" extract --kernel-tree "$tree" --profile all -j 2 -o "$work/dumps/" 2>"$work/stats.log"
own=$(sed -nE 's/.*peak rss ([0-9]+) KiB/\1/p' "$work/stats.log" | sort -n | tail -1)
echo "| (c) peak RSS of uabi itself (largest extracting process) | $((own / 1024)) MiB |" >>"$out"

cat "$out"
if [[ -n $report ]]; then
	cp "$out" "$report"
fi
