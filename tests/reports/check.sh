#!/usr/bin/env bash
# The checked-in reports/linux-6.1/ must be what scripts/reports.sh makes
# now, byte for byte. When this machine's linux-source-6.1 is another
# version than the one the reports were made from (SOURCE), the reports
# cannot be compared: the test says so and is skipped (exit 77).
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
uabi=${1:-${UABI:-$top/build/uabi}}
ref=$top/reports/linux-6.1
work=$(mktemp -d "${TMPDIR:-/tmp}/uabi-reports-check.XXXXXX")
trap 'rm -rf "$work"' EXIT

if ! "$top/scripts/reports.sh" "$uabi" "$work/new" >"$work/log" 2>&1; then
	echo "FAIL scripts/reports.sh"
	sed 's/^/    /' "$work/log"
	exit 1
fi
if ! cmp -s "$ref/SOURCE" "$work/new/SOURCE"; then
	echo "SKIP reports/linux-6.1 was made from other headers:"
	diff "$ref/SOURCE" "$work/new/SOURCE" | sed 's/^/    /'
	echo "    regenerate with scripts/reports.sh and review the diff"
	exit 77
fi
if diff -r -u "$ref" "$work/new" >"$work/diff"; then
	echo "PASS reports/linux-6.1 is up to date ($(ls "$ref" | wc -l) files)"
	exit 0
fi
echo "FAIL reports/linux-6.1 differs from a fresh scripts/reports.sh:"
head -80 "$work/diff" | sed 's/^/    /'
exit 1
