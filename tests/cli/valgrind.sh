#!/usr/bin/env bash
# Memcheck over `uabi check --from-dumps` and `uabi compat` on the
# checked-in dumps of a golden case (every reader, the compare step and
# every report format): 0 errors and no definite leak. Skipped (77)
# without valgrind.
#
#   tests/cli/valgrind.sh [UABI]
set -uo pipefail
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
if ! command -v valgrind >/dev/null; then
	echo "SKIP valgrind not installed"
	exit 77
fi
t_init valgrind "${1:-}" notree
mkdir "$work/dumps"
for f in "$top"/tests/golden/bitfields/expect-*.json; do
	p=${f##*/expect-}
	cp "$f" "$work/dumps/$p"
done
pairs=x86_64:i386,x86_64:x32,aarch64:arm,ppc64:ppc32,s390x:s390
vg=(valgrind -q --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite
	--trace-children=no)
# exit 9 is memcheck's
for fmt in text json markdown html sarif; do
	t_run 0 "check-$fmt" "${vg[@]}" "$uabi" check --from-dumps "$work/dumps" --pairs "$pairs" \
		--fail-on never --format "$fmt" -o "$work/report.$fmt"
done
t_run 0 compat "${vg[@]}" "$uabi" compat --fail-on never "$work/dumps/x86_64.json" \
	"$work/dumps/i386.json"
# a refused dump takes the error paths
printf '{"types": [1,]}' >"$work/bad.json"
t_run 2 compat-bad "${vg[@]}" "$uabi" compat "$work/bad.json" "$work/dumps/i386.json"
t_finish valgrind
