#!/usr/bin/env bash
# Regenerate the reference reports of reports/linux-6.1/ from Debian's
# linux-source-6.1: `uabi check` over all compat pairs of linux/kvm.h, every
# format, plus SOURCE (kernel version and the sha256 of the headers read).
#
#   scripts/reports.sh [UABI] [OUTDIR]
#
# uabi runs beside the tree with a relative root, so no path of this
# machine enters a report. tests/reports/check.sh regenerates into a
# scratch directory and compares.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
uabi=${1:-${UABI:-$top/build/uabi}}
out=${2:-$top/reports/linux-6.1}
uabi=$(cd "$(dirname "$uabi")" && pwd)/$(basename "$uabi")
mkdir -p "$out"
out=$(cd "$out" && pwd)
tree=${UABI_KERNEL_TREE:-$("$top/scripts/kernel-source.sh")}
tree=$(cd "$tree" && pwd)
dumps=$(mktemp -d "${TMPDIR:-/tmp}/uabi-reports.XXXXXX")
trap 'rm -rf "$dumps"' EXIT

cd "$(dirname "$tree")"
rc=0
# the default gate (--fail-on not-handled), as scripts/run: the reports say
# how many items fail it; exit 1 (items fail) is a report like exit 0
"$uabi" check --kernel-tree "$(basename "$tree")" --pairs all -j 2 \
	--dumps "$dumps" --output-dir "$out" --format text >/dev/null || rc=$?
if ((rc > 1)); then
	echo "reports: uabi check failed (exit $rc)" >&2
	exit "$rc"
fi
python3 - "$dumps/x86_64.json" >"$out/SOURCE" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
i = d["input"]
print("kernel %s" % i["kernel_version"])
print("headers %s" % " ".join(i["headers"]))
print("sha256 %s" % i["sha256"])
PY
echo "reports: wrote $(ls "$out" | tr '\n' ' ')"
