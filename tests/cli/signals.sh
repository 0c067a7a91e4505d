#!/usr/bin/env bash
# Interrupts: SIGINT and SIGTERM sent to `extract --profile all -j 2`,
# `check` and `diff --base/--head` at several moments must stop the run with
# exit 128+signo, exactly one stderr line `uabi: interrupted`, nothing left
# under the run's private $TMPDIR (scratch directories, git trees, the
# compilers' own temporaries) and no changed output file.
#
#   tests/cli/signals.sh [UABI]
set -uo pipefail
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
t_init signals "${1:-}"
command -v timeout >/dev/null || { echo "SKIP: no timeout(1)"; exit 77; }
command -v git >/dev/null || { echo "SKIP: no git"; exit 77; }

# a checkout with two revisions: the 6.1 part uabi reads, then a widened member
repo=$work/repo
t_copy_tree "$tree" "$repo"
(
	cd "$repo" && git init -q && git add -A &&
		git -c user.name=uabi -c user.email=uabi@invalid commit -qm base &&
		sed -i 's/__u32 slot;/__u64 slot;/' include/uapi/linux/kvm.h &&
		git -c user.name=uabi -c user.email=uabi@invalid commit -qam head
) >"$work/git.log" 2>&1 || { echo "FAIL git setup: $(cat "$work/git.log")"; exit 1; }

declare -A interrupted

# run NAME SIG DELAY ARGV...: send SIG to uabi DELAY seconds after it has
# started working (its first scratch directory exists: its handlers are in
# place by then; a signal before that, while an ASan runtime still starts,
# kills it by the default action before it has made anything)
run() {
	local name=$1 sig=$2 delay=$3 rc=0 want left pid i
	shift 3
	rm -rf "$work/tmp" "$work/out"
	mkdir -p "$work/tmp" "$work/out"
	echo "known" >"$work/out/known"
	# job control on: a background job of a script would otherwise start
	# with SIGINT ignored (and uabi keeps an ignored signal ignored)
	set -m
	TMPDIR=$work/tmp "$@" >"$work/stdout" 2>"$work/stderr" &
	pid=$!
	set +m
	for ((i = 0; i < 1000; i++)); do
		[[ -n $(ls -A "$work/tmp") ]] && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.01
	done
	sleep "$delay"
	if ! kill -s "$sig" "$pid" 2>/dev/null; then
		# a fast machine finished first: nothing was interrupted
		wait "$pid"
		echo "NOTE $name $sig@$delay: finished before the signal"
		return
	fi
	interrupted[$name]=$((${interrupted[$name]:-0} + 1))
	wait "$pid" || rc=$?
	want=$((128 + $(kill -l "$sig")))
	left=$(cd "$work/tmp" && ls -A)
	if ((rc != want)); then
		failed=$((failed + 1))
		echo "FAIL $name $sig@$delay: exit $rc, want $want"
		sed 's/^/    /' "$work/stderr" | head -10
	elif [[ $(cat "$work/stderr") != "uabi: interrupted" ]]; then
		failed=$((failed + 1))
		echo "FAIL $name $sig@$delay: stderr is not the one line 'uabi: interrupted':"
		sed 's/^/    /' "$work/stderr" | head -10
	elif [[ -n $left ]]; then
		failed=$((failed + 1))
		echo "FAIL $name $sig@$delay: left under TMPDIR: $(echo "$left" | tr '\n' ' ')"
	elif [[ -s $work/stdout ]]; then
		failed=$((failed + 1))
		echo "FAIL $name $sig@$delay: wrote to stdout"
	else
		echo "PASS $name $sig@$delay: exit $rc, one line, TMPDIR empty"
	fi
	# outputs: the known file untouched, nothing new beside it
	local now
	now=$(cd "$work/out" && find . -mindepth 1 | sort | tr '\n' ' ')
	local stages
	stages=$(find "$work" -maxdepth 1 -name '.*uabi-*' | tr '\n' ' ')
	if [[ -n $stages ]]; then
		failed=$((failed + 1))
		echo "FAIL $name $sig@$delay: left $stages"
	fi
	if [[ $now == "./known " && $(cat "$work/out/known") == known ]]; then
		echo "PASS $name $sig@$delay: output directory unchanged"
	else
		failed=$((failed + 1))
		echo "FAIL $name $sig@$delay: output directory has $now"
	fi
}

for sig in INT TERM; do
	for delay in 0.1 0.4 1.2; do
		run extract "$sig" "$delay" "$uabi" extract --kernel-tree "$tree" --profile all -j 2 -o "$work/out/"
		run check "$sig" "$delay" "$uabi" check --kernel-tree "$tree" -j 2 -o "$work/out/report.txt" \
			--output-dir "$work/out" --dumps "$work/out/dumps"
		run diff "$sig" "$delay" "$uabi" diff --kernel-tree "$repo" --base HEAD~1 --head HEAD -j 2 \
			-o "$work/out/diff.txt"
	done
done
run extract HUP 0.4 "$uabi" extract --kernel-tree "$tree" --profile all -j 2 -o "$work/out/"
# the early moments are always interrupted: the test proves something
for name in extract check diff; do
	if ((${interrupted[$name]:-0} < 2)); then
		failed=$((failed + 1))
		echo "FAIL $name: interrupted only ${interrupted[$name]:-0} times"
	fi
done

t_finish signals
