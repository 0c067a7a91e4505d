#!/usr/bin/env bash
# Benchmark of uabi's own cost as one header grows: a synthetic kernel tree
# with one header of N ioctls, extracted for one profile, beside the compiler
# alone on the same header. Headers are untrusted input, so uabi's part must
# grow near-linearly with N. Never run as a test.
#
#   bench/many-ioctls.sh [-u UABI] [-p PROFILE] [-n "250 1000 4000"] [-o REPORT.md]
#                        [-d DUMPDIR]
#
# Per N two headers: "own" (#define X_n _IOWR('x', n%256, struct s_n), each
# ioctl with a small struct of its own) and "shared" (every ioctl on one
# struct); each extracted with `--header linux/many.h` and with `--all`
# (discovery, groups and the per-header dependencies of the cache).
# Columns: wall time, cpu time and peak RSS (/usr/bin/time) of `uabi
# extract --no-cache`, uabi's own cpu time and peak RSS without the
# compiler's (UABI_STATS), and the times of `clang -g -c` of the same
# header (with -nostdinc and the tree's include flags) alone. The cpu
# columns matter on a busy machine, where wall times wander. An ASan build
# (scripts/build.sh --sanitize, -u build-asan/uabi) shows a quadratic
# realloc pattern best: its realloc always copies.
# The report goes to stdout, and to REPORT.md with -o; with -d the dumps
# are kept as DUMPDIR/KIND-MODE-N.json (to compare two builds with cmp).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=tests/lib.sh
. "$here/tests/lib.sh"

uabi=${UABI:-$here/build/uabi}
profile=x86_64
sizes="250 1000 4000"
report=
dumps=
while getopts 'u:p:n:o:d:h' opt; do
	case $opt in
	u) uabi=$OPTARG ;;
	p) profile=$OPTARG ;;
	n) sizes=$OPTARG ;;
	o) report=$OPTARG ;;
	d) dumps=$OPTARG ;;
	*)
		sed -n '2,22s/^# \{0,1\}//p' "$0"
		exit 2
		;;
	esac
done
if [[ ! -x $uabi ]]; then
	echo "bench: $uabi: build uabi first (scripts/build.sh)" >&2
	exit 2
fi
if [[ ! -x /usr/bin/time ]]; then
	echo "bench: /usr/bin/time missing (apt-get install time)" >&2
	exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/uabi-bench.XXXXXX")
[[ -n ${UABI_BENCH_KEEP:-} ]] || trap 'rm -rf "$work"' EXIT
out=$work/report.md

# many_header FILE N KIND: N ioctl definitions, each on a struct of its own
# (KIND own) or all on one struct (KIND shared)
many_header() {
	local f=$1 n=$2 kind=$3
	awk -v n="$n" -v kind="$kind" 'BEGIN {
		print "#ifndef _LINUX_MANY_H"
		print "#define _LINUX_MANY_H"
		print "#include <linux/ioctl.h>"
		if (kind == "shared")
			print "struct s_all { int a; long b; unsigned char c[4]; };"
		for (i = 0; i < n; i++) {
			if (kind == "own") {
				printf "struct s_%d { int a; long b; unsigned char c[%d]; };\n", i, i % 7 + 1
				printf "#define X_%d _IOWR(\x27x\x27, %d, struct s_%d)\n", i, i % 256, i
			} else {
				printf "#define X_%d _IOWR(\x27x\x27, %d, struct s_all)\n", i, i % 256
			}
		}
		print "#endif"
	}' >"$f"
}

# the arch directory of the profile's asm/ headers
case $profile in
x86_64 | i386 | x32) arch=x86 ;;
arm64 | aarch64) arch=arm64 ;;
*) arch=$profile ;;
esac

# field N FILE: value N (1 wall s, 2 cpu s, 3 peak RSS KiB) of
# /usr/bin/time -f 'wall %e cpu %U %S rss %M' (cpu: user + system, the
# children included)
field() {
	awk -v k="$1" '$1 == "wall" {
		v[1] = $2; v[2] = $4 + $5; v[3] = $7
	} END { print (k in v) ? v[k] : "?" }' "$2"
}
tfmt='wall %e cpu %U %S rss %M'

{
	echo "# uabi extract on one header of N ioctls"
	echo
	echo "- uabi: $uabi ($(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo '?'))"
	echo "- machine: $(nproc) cores, $(uname -m); clang $(clang -dumpversion); profile $profile;" \
		"load average $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "- wall and cpu (user + system) of the whole run, compilers included; own: uabi's"
	echo "  processes alone (UABI_STATS: summed cpu, largest peak RSS; '?' for a uabi that"
	echo "  does not print its cpu); RSS max: the largest process of the run (uabi or clang)"
	echo
	echo "| structs | N | selection | wall s | cpu s | own cpu s | own RSS MiB | RSS max MiB | clang alone wall s | clang alone cpu s |"
	echo "|---|---|---|---|---|---|---|---|---|---|"
} >"$out"

for kind in own shared; do
	for n in $sizes; do
		t=$work/tree-$kind-$n
		t_ioctl_tree "$t" "$arch"
		many_header "$t/include/uapi/linux/many.h" "$n" "$kind"
		# the compiler alone: the header compiled by itself, -g -c, with
		# the include flags of a kernel-tree profile
		printf '#include <linux/many.h>\n' >"$work/alone.c"
		echo "bench: $kind N=$n: clang -g -c" >&2
		/usr/bin/time -f "$tfmt" -o "$work/ctime.txt" \
			clang -g -O0 -fno-eliminate-unused-debug-types -nostdinc \
			-I "$t/arch/$arch/include/uapi" -I "$t/include/uapi" \
			-c "$work/alone.c" -o "$work/alone.o"
		for mode in header all; do
			sel=(--header linux/many.h)
			[[ $mode == header ]] || sel=(--all)
			echo "bench: $kind N=$n: uabi extract ${sel[*]}" >&2
			rc=0
			UABI_STATS=1 /usr/bin/time -f "$tfmt" -o "$work/time.txt" \
				"$uabi" extract --no-cache --no-sysroot --kernel-tree "$t" --profile "$profile" \
				"${sel[@]}" -o "$work/dump.json" >"$work/extract.out" 2>"$work/extract.err" || rc=$?
			if ((rc != 0)); then
				echo "bench: $kind N=$n: uabi exit $rc:" >&2
				head -5 "$work/extract.err" >&2
			fi
			if [[ -n $dumps && $rc -eq 0 ]]; then
				mkdir -p "$dumps"
				cp "$work/dump.json" "$dumps/$kind-$mode-$n.json"
			fi
			# "uabi: stats: WHAT: [cpu S s, ]peak rss K KiB", a line per
			# uabi process
			own=$(awk '/^uabi: stats: / {
				if (match($0, /cpu [0-9.]+ s/)) { cpu += substr($0, RSTART + 4, RLENGTH - 6); seen = 1 }
				if (match($0, /peak rss [0-9]+ KiB/)) { r = substr($0, RSTART + 9, RLENGTH - 13) + 0; if (r > rss) rss = r }
			} END { printf "%s %d\n", seen ? sprintf("%.2f", cpu) : "?", rss / 1024 }' "$work/extract.err")
			note=
			((rc == 0)) || note=" (exit $rc)"
			echo "| $kind | $n | --$mode | $(field 1 "$work/time.txt")$note | $(field 2 "$work/time.txt") |" \
				"${own% *} | ${own#* } | $(($(field 3 "$work/time.txt") / 1024)) |" \
				"$(field 1 "$work/ctime.txt") | $(field 2 "$work/ctime.txt") |" >>"$out"
		done
	done
done

cat "$out"
if [[ -n $report ]]; then
	cp "$out" "$report"
fi
