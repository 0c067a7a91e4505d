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
# Columns: wall time and peak RSS (/usr/bin/time; the largest process of
# the run, uabi or the compiler it spawned) of `uabi extract --no-cache`,
# and the wall time of `clang -g -c` of the same header (with -nostdinc and
# the tree's include flags) alone. An ASan build (scripts/build.sh
# --sanitize, -u build-asan/uabi) shows a quadratic realloc pattern best:
# its realloc always copies.
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

# field NAME FILE: a value from /usr/bin/time -f 'wall %e rss %M'
field() { sed -nE "s/^wall ([0-9.]+) rss ([0-9]+)$/\\$1/p" "$2" | tail -1; }

{
	echo "# uabi extract on one header of N ioctls"
	echo
	echo "- uabi: $uabi ($(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo '?'))"
	echo "- machine: $(nproc) cores, $(uname -m); clang $(clang -dumpversion); profile $profile"
	echo
	echo "| structs | N | selection | uabi wall s | peak RSS MiB | clang -g -c alone s | ratio |"
	echo "|---|---|---|---|---|---|---|"
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
		/usr/bin/time -f 'wall %e rss %M' -o "$work/ctime.txt" \
			clang -g -O0 -fno-eliminate-unused-debug-types -nostdinc \
			-I "$t/arch/$arch/include/uapi" -I "$t/include/uapi" \
			-c "$work/alone.c" -o "$work/alone.o"
		cwall=$(field 1 "$work/ctime.txt")
		for mode in header all; do
			sel=(--header linux/many.h)
			[[ $mode == header ]] || sel=(--all)
			echo "bench: $kind N=$n: uabi extract ${sel[*]}" >&2
			rc=0
			/usr/bin/time -f 'wall %e rss %M' -o "$work/time.txt" \
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
			wall=$(field 1 "$work/time.txt")
			rss=$(field 2 "$work/time.txt")
			note=
			((rc == 0)) || note=" (exit $rc)"
			echo "| $kind | $n | --$mode | $wall$note | $((rss / 1024)) | $cwall | $(awk -v a="$wall" -v b="$cwall" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "n/a" }') |" >>"$out"
		done
	done
done

cat "$out"
if [[ -n $report ]]; then
	cp "$out" "$report"
fi
