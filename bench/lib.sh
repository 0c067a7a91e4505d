# shellcheck shell=bash
# Shared by the benchmark scripts: timing and uabi's own probes. Expects
# $uabi, $tree, $work and $runs to be set by the sourcing script.

# bench_probes: the 15 probes are uabi's own. `extract -v --keep-temps`
# prints every command it runs and leaves the scratch directories, so the
# compile-only baseline compiles the very probe.c files that extract
# writes, with the include flags of its -E -dD run and -g -O0 -c. Writes
# $work/compile.lines, $work/objects.list (relocated probe objects) and
# $work/compile-all.sh.
bench_probes() {
	if [[ ! -x $uabi ]]; then
		echo "bench: $uabi: build uabi first (scripts/build.sh)" >&2
		return 2
	fi
	mkdir -p "$work/probes" "$work/tmp"
	TMPDIR=$work/tmp "$uabi" extract -v --keep-temps --kernel-tree "$tree" --profile all -j 2 \
		-o "$work/probes/" 2>"$work/extract-v.log"
	# "uabi: PROFILE: ARGV... -E -dD DIR/macros.c": the include flags
	sed -nE 's/^uabi: [a-z0-9_]+: (.*) -E -dD ([^ ]*)\/macros\.c$/\1 -g -O0 -fno-eliminate-unused-debug-types -c \2\/probe.c -o \2\/floor.o/p' \
		"$work/extract-v.log" >"$work/compile.lines"
	if [[ $(wc -l <"$work/compile.lines") -ne 15 ]]; then
		echo "bench: expected 15 -E -dD runs in $work/extract-v.log" >&2
		return 1
	fi
	ls "$work"/tmp/uabi-*/probe.so >"$work/objects.list"

	cat >"$work/compile-all.sh" <<-SH
	#!/usr/bin/env bash
	set -euo pipefail
	tr '\n' '\0' <'$work/compile.lines' | xargs -0 -P2 -n1 bash -c
	SH
	chmod +x "$work/compile-all.sh"
}

# mean wall time of a command in seconds
measure() {
	local label=$1
	shift
	if command -v hyperfine >/dev/null 2>&1; then
		hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$work/$label.json" "$*" >&2
		python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["mean"])' \
			"$work/$label.json"
	else
		local t0 t1 total=0
		bash -c "$*" >/dev/null || true
		for ((i = 0; i < runs; i++)); do
			t0=$(date +%s.%N)
			bash -c "$*" >/dev/null || true
			t1=$(date +%s.%N)
			total=$(awk -v a="$total" -v b="$t0" -v c="$t1" 'BEGIN { print a + c - b }')
		done
		awk -v t="$total" -v n="$runs" 'BEGIN { printf "%.3f\n", t / n }'
	fi
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

