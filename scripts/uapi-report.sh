#!/usr/bin/env bash
# Regenerate the reference reports of reports/linux-6.1-uapi/ from Debian's
# linux-source-6.1: `uabi check --all` over all compat pairs, every uapi
# header that defines an ioctl command (include/uapi and the profiles' arch
# uapi), every format, plus SOURCE (kernel version, the headers judged and
# the headers skipped per ABI, and the sha256 of the files read).
#
#   scripts/uapi-report.sh [UABI] [OUTDIR]
#
# Like scripts/reports.sh (the linux/kvm.h reports of reports/linux-6.1/):
# uabi runs beside the tree with a relative root, so no path of this
# machine enters a report; the reports are grouped by header, with the
# header coverage table (docs/reading-a-report.md). tests/reports/check.sh
# linux-6.1-uapi regenerates into a scratch directory and compares.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
uabi=${1:-${UABI:-$top/build/uabi}}
out=${2:-$top/reports/linux-6.1-uapi}
uabi=$(cd "$(dirname "$uabi")" && pwd)/$(basename "$uabi")
mkdir -p "$out"
out=$(cd "$out" && pwd)
tree=${UABI_KERNEL_TREE:-$("$top/scripts/kernel-source.sh")}
tree=$(cd "$tree" && pwd)
dumps=$(mktemp -d "${TMPDIR:-/tmp}/uabi-uapi-report.XXXXXX")
trap 'rm -rf "$dumps"' EXIT

cd "$(dirname "$tree")"
rc=0
# the default gate (--fail-on not-handled): outside KVM the kernel facts are
# unknown, so every item that needs translation fails it; exit 1 (items
# fail) is a report like exit 0
"$uabi" check --all --kernel-tree "$(basename "$tree")" --pairs all -j 2 \
	--dumps "$dumps" --output-dir "$out" --format text >/dev/null || rc=$?
if ((rc > 1)); then
	echo "uapi-report: uabi check --all failed (exit $rc)" >&2
	exit "$rc"
fi
python3 - "$dumps" >"$out/SOURCE" <<'PY'
import glob, json, os, sys
dumps = {}
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.json"))):
    with open(path) as f:
        dumps[os.path.basename(path)[:-5]] = json.load(f)
first = dumps.get("x86_64") or next(iter(dumps.values()))
i = first["input"]
print("kernel %s" % i["kernel_version"])
print("sha256 %s" % i["sha256"])
for name in sorted(dumps):
    i = dumps[name]["input"]
    print("abi %s headers %d skipped %d ioctls %d" % (name, len(i["headers"]),
          len(i.get("skipped", [])), len(dumps[name]["ioctls"])))
print("headers %s" % " ".join(first["input"]["headers"]))
skipped = {}
for name in sorted(dumps):
    for s in dumps[name]["input"].get("skipped", []):
        skipped.setdefault(s["header"], []).append(name)
for header in sorted(skipped):
    print("skipped %s on %s" % (header, " ".join(skipped[header])))
PY
echo "uapi-report: wrote $(ls "$out" | tr '\n' ' ')"
