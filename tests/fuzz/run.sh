#!/usr/bin/env bash
# Run one libFuzzer target for a bounded time over a scratch copy of its
# seeds (libFuzzer adds what it finds to the first corpus directory). The
# mutation seed is fixed (-seed=1, or $UABI_FUZZ_SEED) so that a CI run is a
# regression test, not a lottery: fuzz_dwarf with seed 251357862 reaches a
# crash inside libdwarf 0.5's dwarf_srcfiles on a mangled .debug_line that
# no compiler writes. Explore with other seeds and longer times by hand.
#
#   tests/fuzz/run.sh FUZZER SEED_DIR [SECONDS]
# The dump fuzzer takes the golden dumps as seeds too, the profiles fuzzer
# the profiles schema and its example. The fuzzer runs with a private
# $TMPDIR: anything it leaves there fails the run.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
fuzzer=$1
seeds=$2
secs=${3:-10}
# shellcheck source=tests/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
t_workdir fuzz
mkdir -p "$work/corpus" "$work/tmp"
cp "$seeds"/* "$work/corpus/" 2>/dev/null
case $(basename "$fuzzer") in
fuzz_dump)
	# small real dumps and the schema example
	cp "$here/../../schemas/examples/dump.json" "$work/corpus/example.json"
	for f in "$here"/../golden/tail-padding/expect-*.json; do
		cp "$f" "$work/corpus/"
	done
	;;
fuzz_profiles)
	cp "$here/../../schemas/examples/profiles.json" "$work/corpus/example.json"
	cp "$here/../../schemas/profiles.schema.json" "$work/corpus/schema.json"
	;;
esac
cd "$work" || exit 2
# A mangled input can make a library ask for an absurd allocation
# (fuzz_dwarf: a 175 GB calloc on a CI run, libdwarf's counts come from the
# input): it gets NULL, as it would from a real allocator, and uabi's
# checked allocations turn that into an error; ASan's default would abort,
# or not, with the machine's free memory, a red CI by lottery.
TMPDIR=$work/tmp LSAN_OPTIONS=suppressions=$here/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS} \
	ASAN_OPTIONS=allocator_may_return_null=1${ASAN_OPTIONS:+:$ASAN_OPTIONS} \
	"$fuzzer" -seed="${UABI_FUZZ_SEED:-1}" -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 corpus \
	>"$work/log" 2>&1
rc=$?
debris=$(ls -A "$work/tmp")
if [[ -n $debris ]]; then
	echo "FAIL $(basename "$fuzzer"): left in \$TMPDIR: $debris"
	exit 1
fi
grep -E "^stat::number_of_executed_units|^Done|ERROR|SUMMARY" "$work/log" | head -5
if ((rc != 0)); then
	sed -n '1,60p' "$work/log"
	echo "FAIL $(basename "$fuzzer"): exit $rc"
	exit 1
fi
echo "PASS $(basename "$fuzzer")"
