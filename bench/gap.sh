#!/usr/bin/env bash
# How close extraction of linux/kvm.h comes to the compiler, and the KVM
# main job's time, for one or more uabi binaries side by side (before and
# after a change). Never run as a test; numbers depend on the machine.
#
#   bench/gap.sh [-t KERNEL_TREE] [-r RUNS] [-m] [-o REPORT.md] -u UABI [-u UABI2]...
#
# (a) the 15 probes' compiles alone, 2 in parallel: each profile's probe.c
#     (the very file uabi writes) compiled once with -g -O0 -c and the
#     include flags of uabi's own runs (the floor)
# (b) `uabi extract --profile all -j 2 --no-cache --header linux/kvm.h`
#     for each UABI, and b/a (issue 9's target: 1.5)
# (c) with -m: the main job, `check --pairs all -j 2 --no-cache` as
#     scripts/run runs it, for each UABI
# The runs are interleaved (a, b for each UABI, c for each UABI, then again)
# RUNS times (default 5); each figure is the median wall time, with the
# range. The load average before and after is printed: the machine may be
# shared. The report goes to stdout, and to REPORT.md with -o.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

tree=${UABI_KERNEL_TREE:-}
runs=5
report=
main=
uabis=()
while getopts 't:u:r:mo:h' opt; do
	case $opt in
	t) tree=$OPTARG ;;
	u) uabis+=("$(cd "$(dirname "$OPTARG")" && pwd)/$(basename "$OPTARG")") ;;
	r) runs=$OPTARG ;;
	m) main=1 ;;
	o) report=$OPTARG ;;
	*)
		sed -n '2,18s/^# \{0,1\}//p' "$0"
		exit 2
		;;
	esac
done
((${#uabis[@]})) || uabis=("$here/build/uabi")
[[ -n $tree ]] || tree=$("$here/scripts/kernel-source.sh")
tree=$(cd "$tree" && pwd)
for u in "${uabis[@]}"; do
	if [[ ! -x $u ]]; then
		echo "bench: $u: build uabi first (scripts/build.sh)" >&2
		exit 2
	fi
done
work=$(mktemp -d "${TMPDIR:-/tmp}/uabi-bench-gap.XXXXXX")
[[ -n ${UABI_BENCH_KEEP:-} ]] || trap 'rm -rf "$work"' EXIT
load0=$(cut -d' ' -f1-3 /proc/loadavg)

# The floor's command lines: every profile's -E -dD run names the include
# flags; the same argv compiles the probe.c that run's scratch directory
# kept (a probe that needed a second round is still its final text).
mkdir -p "$work/probes" "$work/tmp"
TMPDIR=$work/tmp "${uabis[0]}" extract -v --keep-temps --no-cache --kernel-tree "$tree" \
	--header linux/kvm.h --profile all -j 2 -o "$work/probes/" 2>"$work/extract-v.log"
sed -nE 's/^uabi: [a-z0-9_]+: (.*) -E -dD ([^ ]*)\/macros\.c$/\1 -g -O0 -fno-eliminate-unused-debug-types -c \2\/probe.c -o \2\/floor.o/p' \
	"$work/extract-v.log" >"$work/compile.lines"
if [[ $(wc -l <"$work/compile.lines") -ne 15 ]]; then
	echo "bench: expected 15 -E -dD runs in $work/extract-v.log" >&2
	exit 1
fi
cat >"$work/floor.sh" <<SH
#!/usr/bin/env bash
set -euo pipefail
tr '\n' '\0' <'$work/compile.lines' | xargs -0 -P2 -n1 bash -c
SH
chmod +x "$work/floor.sh"
bash "$work/floor.sh"	# warm the page cache and check the lines compile

# timed LABEL CMD...: one run; its wall time is appended to $work/LABEL.t,
# its CPU time (user + system, every process it waited for) to LABEL.c
timed() {
	local label=$1
	shift
	/usr/bin/time -f '%e %U %S' -o "$work/time.txt" "$@" >/dev/null 2>"$work/$label.err" || {
		echo "bench: $label failed: $*" >&2
		tail -5 "$work/$label.err" >&2
		exit 1
	}
	awk '{ print $1 >> "'"$work/$label.t"'"; printf "%.2f\n", $2 + $3 >> "'"$work/$label.c"'" }' \
		"$work/time.txt"
}


for ((r = 0; r < runs; r++)); do
	timed floor bash "$work/floor.sh"
	for i in "${!uabis[@]}"; do
		mkdir -p "$work/dumps-$i"
		timed "extract$i" "${uabis[$i]}" extract --no-cache --kernel-tree "$tree" \
			--header linux/kvm.h --profile all -j 2 -o "$work/dumps-$i/"
	done
	if [[ -n $main ]]; then
		for i in "${!uabis[@]}"; do
			mkdir -p "$work/jdumps-$i" "$work/job-$i"
			timed "job$i" "${uabis[$i]}" check --no-cache --kernel-tree "$tree" --pairs all \
				-j 2 --fail-on never --dumps "$work/jdumps-$i" --output-dir "$work/job-$i"
		done
	fi
done
load1=$(cut -d' ' -f1-3 /proc/loadavg)

# med FILE: the median of $work/FILE; range FILE: its min-max
med() {
	sort -n "$work/$1" | awk '{ v[NR] = $1 } END { printf "%.3f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
range() { sort -n "$work/$1" | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.2f-%.2f", lo, hi }'; }

out=$work/report.md
f=$(med floor.t)
fc=$(med floor.c)
{
	echo "# extraction against the compiler: linux/kvm.h, 15 profiles"
	echo
	echo "- kernel tree: linux $(sed -nE 's/^(VERSION|PATCHLEVEL|SUBLEVEL) = //p' "$tree/Makefile" | paste -sd.)"
	echo "- machine: $(nproc) cores, $(uname -m); clang $(clang -dumpversion); runs: $runs, interleaved"
	echo "- load average (1, 5, 15 min): before $load0; after $load1"
	echo
	echo "Wall time, and CPU time (user + system of every process): the CPU time holds"
	echo "better on a loaded machine."
	echo
	echo "| measure | median wall (range) | median CPU (range) |"
	echo "|---|---|---|"
	echo "| (a) the 15 probes compiled alone, -P2 | ${f} s ($(range floor.t)) | ${fc} s ($(range floor.c)) |"
	for i in "${!uabis[@]}"; do
		m=$(med "extract$i.t")
		mc=$(med "extract$i.c")
		echo "| (b) extract, \`${uabis[$i]}\` | ${m} s ($(range "extract$i.t")) | ${mc} s ($(range "extract$i.c")) |"
		echo "| b/a, \`${uabis[$i]}\` (target 1.5) | $(awk -v a="$m" -v b="$f" 'BEGIN { printf "%.2f", a / b }') | $(awk -v a="$mc" -v b="$fc" 'BEGIN { printf "%.2f", a / b }') |"
	done
	if [[ -n $main ]]; then
		for i in "${!uabis[@]}"; do
			echo "| (c) main job (check --pairs all -j 2 --no-cache), \`${uabis[$i]}\` | $(med "job$i.t") s ($(range "job$i.t")) | $(med "job$i.c") s ($(range "job$i.c")) |"
		done
	fi
} >"$out"
for i in "${!uabis[@]}"; do
	if ((i)) && ! diff -r -q "$work/dumps-0" "$work/dumps-$i" >/dev/null; then
		echo "bench: the dumps of ${uabis[0]} and ${uabis[$i]} differ" | tee -a "$out" >&2
	fi
	if ((i)) && [[ -n $main ]] && ! diff -r -q "$work/job-0" "$work/job-$i" >/dev/null; then
		echo "bench: the reports of ${uabis[0]} and ${uabis[$i]} differ" | tee -a "$out" >&2
	fi
done
cat "$out"
[[ -z $report ]] || cp "$out" "$report"
