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

# ---- FIFOs and pipes: a wait on one ends with a signal ----
fd=$work/fifo
mkdir -p "$fd/d"
"$uabi" extract --kernel-tree "$tree" --profile x86_64,i386 -j 2 -o "$fd/d/" >"$work/x.log" 2>&1 ||
	{ echo "FAIL extract for the FIFO cases: $(cat "$work/x.log")"; exit 1; }
"$uabi" profiles --format json >"$fd/profiles.json"
want_report=$fd/want.txt
"$uabi" compat "$fd/d/x86_64.json" "$fd/d/i386.json" >"$want_report" 2>/dev/null

# blocked NAME SIG ARGV...: ARGV blocks on a FIFO nobody opens; SIG sent
# after a second (the handlers are in place by then, ASan included) must
# end it within 30 s with 128+signo and the one line
blocked() {
	local name=$1 sig=$2 rc=0 pid i want
	shift 2
	rm -f "$fd/ff"
	mkfifo "$fd/ff"
	set -m
	"$@" >"$work/stdout" 2>"$work/stderr" &
	pid=$!
	set +m
	sleep 1
	if ! kill -0 "$pid" 2>/dev/null; then
		failed=$((failed + 1))
		wait "$pid" || rc=$?
		echo "FAIL $name $sig: did not wait on the FIFO (exit $rc)"
		sed 's/^/    /' "$work/stderr" | head -5
		return
	fi
	kill -s "$sig" "$pid"
	for ((i = 0; i < 300; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		# a zombie is gone for our purpose: wait reaps it below
		[[ $(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) == Z ]] && break
		sleep 0.1
	done
	if kill -0 "$pid" 2>/dev/null && [[ $(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) != Z ]]; then
		failed=$((failed + 1))
		echo "FAIL $name $sig: still running 30 s after the signal"
		kill -s KILL "$pid"
		wait "$pid"
		return
	fi
	wait "$pid" || rc=$?
	want=$((128 + $(kill -l "$sig")))
	if ((rc != want)); then
		failed=$((failed + 1))
		echo "FAIL $name $sig: exit $rc, want $want"
		sed 's/^/    /' "$work/stderr" | head -5
	elif [[ $(cat "$work/stderr") != "uabi: interrupted" ]]; then
		failed=$((failed + 1))
		echo "FAIL $name $sig: stderr is not the one line 'uabi: interrupted':"
		sed 's/^/    /' "$work/stderr" | head -5
	elif [[ ! -p $fd/ff ]]; then
		failed=$((failed + 1))
		echo "FAIL $name $sig: the FIFO was replaced"
	else
		echo "PASS $name $sig: exit $rc, one line"
	fi
}

for sig in INT TERM; do
	blocked fifo-output "$sig" "$uabi" compat "$fd/d/x86_64.json" "$fd/d/i386.json" -o "$fd/ff"
	blocked fifo-profiles "$sig" "$uabi" compat --profiles-file "$fd/ff" "$fd/d/x86_64.json" "$fd/d/i386.json"
	blocked fifo-dump "$sig" "$uabi" compat "$fd/d/x86_64.json" "$fd/ff"
done
blocked fifo-output HUP "$uabi" compat "$fd/d/x86_64.json" "$fd/d/i386.json" -o "$fd/ff"

# an object that is a FIFO: refused at once (libelf would block on it)
rm -f "$fd/ff"
mkfifo "$fd/ff"
rc=0
timeout -k 3 30 "$uabi" dwarf "$fd/ff" >/dev/null 2>"$work/stderr" || rc=$?
if ((rc == 2)) && grep -q "not a regular file" "$work/stderr"; then
	echo "PASS fifo-dwarf: refused"
else
	failed=$((failed + 1))
	echo "FAIL fifo-dwarf: exit $rc: $(cat "$work/stderr")"
fi

# normal use still works: a reader that comes after uabi, a writer that
# comes after it, a process substitution
same() {
	local name=$1 rc=$2 got=$3
	if ((rc == 1)) && cmp -s "$got" "$want_report"; then
		echo "PASS $name: exit 1, the report"
	else
		failed=$((failed + 1))
		echo "FAIL $name: exit $rc (want 1), report differs: $(diff "$want_report" "$got" | head -3)"
	fi
}
rm -f "$fd/ff"
mkfifo "$fd/ff"
rc=0
timeout -k 3 30 "$uabi" compat "$fd/d/x86_64.json" "$fd/d/i386.json" -o "$fd/ff" 2>"$work/stderr" &
pid=$!
sleep 0.5
timeout 30 cat "$fd/ff" >"$fd/got"
wait "$pid" || rc=$?
same fifo-late-reader "$rc" "$fd/got"
rc=0
(sleep 0.5 && cat "$fd/d/i386.json" >"$fd/ff") &
timeout -k 3 30 "$uabi" compat "$fd/d/x86_64.json" "$fd/ff" >"$fd/got" 2>"$work/stderr" || rc=$?
wait
same fifo-late-writer "$rc" "$fd/got"
rc=0
timeout -k 3 30 "$uabi" compat --profiles-file <(cat "$fd/profiles.json") "$fd/d/x86_64.json" \
	<(cat "$fd/d/i386.json") >"$fd/got" 2>"$work/stderr" || rc=$?
same fifo-process-substitution "$rc" "$fd/got"
timeout -k 3 30 "$uabi" compat "$fd/d/x86_64.json" "$fd/d/i386.json" -o - 2>"$work/stderr" | cat >"$fd/got"
rc=${PIPESTATUS[0]}
same stdout-pipe "$rc" "$fd/got"

# ---- a signal after the outputs were published does not undo them ----
# The reader of an output FIFO sees its end only once uabi has written it
# all, inside the section that publishes it (signals held): a signal sent
# then is handled after the publish, and the run must end with its own
# exit code (1: findings) and no 'interrupted' line. Repeated: a run that
# exits before the signal lands proves nothing, one that does not proves
# the rule.
late() {
	local name=$1 rc pid
	shift
	rm -f "$fd/ff"
	mkfifo "$fd/ff"
	rc=0
	set -m
	"$@" >"$work/stdout" 2>"$work/stderr" &
	pid=$!
	set +m
	timeout 30 cat "$fd/ff" >"$fd/got"
	kill -s INT "$pid" 2>/dev/null
	wait "$pid" || rc=$?
	if ((rc == 1)) && ! grep -q interrupted "$work/stderr" && cmp -s "$fd/got" "$want_report"; then
		echo "PASS $name: exit 1 after the report was written"
	else
		failed=$((failed + 1))
		echo "FAIL $name: exit $rc (want 1) after the report was written:"
		sed 's/^/    /' "$work/stderr" | head -5
	fi
}
for i in 1 2 3 4 5 6 7 8 9 10; do
	late published-compat-$i "$uabi" compat "$fd/d/x86_64.json" "$fd/d/i386.json" -o "$fd/ff"
done

# ---- a reader that goes away: writes fail (EPIPE), the run is not killed
# by SIGPIPE before it removes its scratch directories ----
rm -rf "$work/tmp" "$work/out"
mkdir -p "$work/tmp" "$work/out"
rc=0
(TMPDIR=$work/tmp "$uabi" extract -v --kernel-tree "$tree" --profile x86_64,i386 -j 2 \
	-o "$work/out/" 2>&1; echo "exit $?" >"$work/pipe-rc") | head -c 1 >/dev/null
wait
left=$(cd "$work/tmp" && ls -A)
got=$(cat "$work/pipe-rc" 2>/dev/null)
if [[ -z $left && $got == "exit 0" && -s $work/out/x86_64.json && -s $work/out/i386.json ]]; then
	t_pass "pipe closed early: exit 0, dumps written, TMPDIR empty"
else
	t_fail "pipe closed early: $got, left under TMPDIR: $(echo "$left" | tr '\n' ' '), out: $(ls "$work/out" | tr '\n' ' ')"
fi

# a report whose reader is gone (true reads nothing and exits before uabi
# starts): no message, the exit of a process SIGPIPE ended (128+13), as
# `cat big | head` gives
rc=0
(sleep 1
	"$uabi" compat "$fd/d/x86_64.json" "$fd/d/i386.json" --fail-on never 2>"$work/epipe.err"
	echo "exit $?" >"$work/epipe-rc") | true
wait
got=$(cat "$work/epipe-rc" 2>/dev/null)
if [[ $got == "exit 141" && ! -s $work/epipe.err ]]; then
	t_pass "report reader gone: exit 141, nothing said"
else
	t_fail "report reader gone: $got, stderr: $(cat "$work/epipe.err")"
fi

t_finish signals
