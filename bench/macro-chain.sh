#!/usr/bin/env bash
# Benchmark of the scans uabi runs over a header's macros (extractor/
# hasinclude.c: which macros reach __has_include or a token paste) on a
# hostile header: a chain M0 -> M1 -> ... -> MN of function-like macros,
# the last a paster, defined in the order that made the old fixed point
# one pass per link (quadratic: over 300 s at N = 120,000 before the
# worklist), with `#if M0(1)` at the end. uabi must refuse the header (exit
# 2) in time near-linear in N, and stop on SIGTERM. Never run as a test.
#
#   bench/macro-chain.sh [-u UABI] [-n "5000 30000 120000"] [-o REPORT.md]
#
# Columns: N, wall and cpu time (/usr/bin/time) of `uabi extract --no-cache
# --header linux/chain.h --profile x86_64`, its exit code (2: refused), and
# the time per 1,000 links.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=tests/lib.sh
. "$here/tests/lib.sh"

uabi=${UABI:-$here/build/uabi}
sizes="5000 30000 120000"
report=
while getopts 'u:n:o:h' opt; do
	case $opt in
	u) uabi=$OPTARG ;;
	n) sizes=$OPTARG ;;
	o) report=$OPTARG ;;
	*)
		sed -n '2,15s/^# \{0,1\}//p' "$0"
		exit 2
		;;
	esac
done
if [[ ! -x $uabi ]]; then
	echo "bench: $uabi: build uabi first (scripts/build.sh)" >&2
	exit 2
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/uabi-bench-chain.XXXXXX")
trap 'rm -rf "$work"' EXIT

out="$work/report.md"
{
	echo "# uabi on a chain of N function-like macros ending in a paster"
	echo
	echo "- uabi: $uabi"
	echo "- machine: $(nproc) cores, $(uname -m); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo
	echo "| N | wall s | cpu s | exit | cpu ms per 1,000 links |"
	echo "|---|---|---|---|---|"
} >"$out"
for n in $sizes; do
	t="$work/tree-$n"
	t_ioctl_tree "$t" x86
	python3 - "$t/include/uapi/linux/chain.h" "$n" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    f.write("#include <linux/ioctl.h>\n#define CH_SET _IOW(0xc4, 1, int)\n")
    for i in range(n):
        f.write("#define M%d(x) M%d(x)\n" % (i, i + 1))
    f.write("#define M%d(x) x##x\n#if M0(1)\n#endif\n" % n)
PY
	rc=0
	/usr/bin/time -f '%e %U %S' -o "$work/time" "$uabi" extract --no-cache --kernel-tree "$t" \
		--header linux/chain.h --profile x86_64 -o "$work/out.json" 2>"$work/err" || rc=$?
	read -r wall user sys < <(tail -n 1 "$work/time")
	python3 - "$n" "$wall" "$user" "$sys" "$rc" >>"$out" <<'PY'
import sys
n, wall, user, sys_, rc = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
cpu = user + sys_
print("| %d | %.2f | %.2f | %s | %.1f |" % (n, wall, cpu, rc, cpu * 1e6 / n))
PY
	rm -rf "$t"
done
cat "$out"
[[ -z $report ]] || cp "$out" "$report"
