#!/usr/bin/env bash
# Fuzz findings as regression tests in the plain build: every
# tests/fuzz/seeds/dwarf/regress-* object (a crash, hang or blow-up that
# fuzz_dwarf found) must be refused by `uabi dwarf` with exit 2 and one
# line on stderr, within 10 seconds, and nothing on stdout.
#
#   tests/fuzz/regress.sh UABI
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
uabi=$1
# shellcheck source=tests/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
t_workdir fuzz-regress
fails=0 n=0
for f in "$here"/seeds/dwarf/regress-*; do
	[[ -e $f ]] || continue
	n=$((n + 1))
	timeout 10 "$uabi" dwarf "$f" >"$work/out" 2>"$work/err"
	rc=$?
	lines=$(wc -l <"$work/err")
	if ((rc != 2)) || ((lines != 1)) || [[ -s $work/out ]]; then
		echo "FAIL $(basename "$f"): exit $rc (want 2), $lines stderr lines (want 1)"
		head -c 400 "$work/err"
		fails=$((fails + 1))
	else
		echo "PASS $(basename "$f"): $(cat "$work/err")"
	fi
done
if ((n == 0)); then
	echo "FAIL no regress-* inputs in $here/seeds/dwarf"
	exit 1
fi
((fails == 0))
