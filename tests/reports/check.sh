#!/usr/bin/env bash
# A checked-in report directory must be what its script makes now, byte
# for byte:
#   reports/linux-6.1/       scripts/reports.sh      (linux/kvm.h, the default)
#   reports/linux-6.1-uapi/  scripts/uapi-report.sh  (uabi check --all)
# When this machine's linux-source-6.1 is another version than the one the
# reports were made from (SOURCE), the reports cannot be compared: the test
# says so and is skipped (exit 77), as it is when the directory is not
# checked in yet.
#
#   tests/reports/check.sh [UABI] [NAME]      NAME: linux-6.1 (default) or linux-6.1-uapi
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
uabi=${1:-${UABI:-$top/build/uabi}}
name=${2:-linux-6.1}
case $name in
linux-6.1) script=$top/scripts/reports.sh ;;
linux-6.1-uapi) script=$top/scripts/uapi-report.sh ;;
*)
	echo "FAIL unknown report directory $name"
	exit 1
	;;
esac
ref=$top/reports/$name
if [[ ! -f $ref/SOURCE ]]; then
	echo "SKIP reports/$name is not checked in (make it with ${script#"$top"/})"
	exit 77
fi
# shellcheck source=tests/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
t_workdir reports-check

if ! "$script" "$uabi" "$work/new" >"$work/log" 2>&1; then
	echo "FAIL ${script#"$top"/}"
	sed 's/^/    /' "$work/log"
	exit 1
fi
if ! cmp -s "$ref/SOURCE" "$work/new/SOURCE"; then
	echo "SKIP reports/$name was made from other headers:"
	diff "$ref/SOURCE" "$work/new/SOURCE" | sed 's/^/    /'
	echo "    regenerate with ${script#"$top"/} and review the diff"
	exit 77
fi
if diff -r -u "$ref" "$work/new" >"$work/diff"; then
	echo "PASS reports/$name is up to date ($(ls "$ref" | wc -l) files)"
	exit 0
fi
echo "FAIL reports/$name differs from a fresh ${script#"$top"/}:"
head -80 "$work/diff" | sed 's/^/    /'
exit 1
