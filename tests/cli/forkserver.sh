#!/usr/bin/env bash
# The fork server (extractor/forkserver.h) changes nothing but the time:
# the KVM dumps of x86_64, i386 and s390 (gcc, never forked) are
# byte-identical with and without it (UABI_FORKSERVER=0), through the pool
# and in-process; the in-process run forks its clang runs from the server
# (UABI_STATS counts them); a module that is not one (an empty file, a
# text file) next to a copy of the binary, or a clang that is a script,
# falls back to posix_spawn with the same dump, and no process of a run
# outlives it.
#
#   tests/cli/forkserver.sh [UABI]
set -uo pipefail
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
t_init forkserver "${1:-}"
command -v clang >/dev/null || { echo "SKIP: no clang"; exit 77; }
build=$(dirname "$uabi")
[[ -r $build/uabi-forkserver.so ]] || { echo "SKIP: no $build/uabi-forkserver.so"; exit 77; }

# left NAME: no process holds the run's TMPDIR in its environment once
# uabi has ended (the server and its children carry uabi's)
left() {
	local p hits=
	for p in /proc/[0-9]*; do
		if { tr '\0' '\n' <"$p/environ"; } 2>/dev/null | grep -qx "TMPDIR=$work/tmp-$1"; then
			hits+=" ${p#/proc/}($({ tr '\0' ' ' <"$p/cmdline"; } 2>/dev/null | cut -c1-40))"
		fi
	done
	if [[ -n $hits ]]; then
		t_fail "$1: processes left:$hits"
	fi
}

# ex NAME UABI ENV...: extract linux/kvm.h, dumps into $work/NAME/
ex() {
	local name=$1 bin=$2 rc=0
	shift 2
	mkdir -p "$work/$name" "$work/tmp-$name"
	env "$@" TMPDIR="$work/tmp-$name" UABI_STATS=1 "$bin" extract --no-cache --kernel-tree "$tree" \
		--header linux/kvm.h --profile "$profiles" -j 2 -o "$work/$name/" \
		>/dev/null 2>"$work/$name.err" || rc=$?
	if ((rc != 0)); then
		t_fail "$name: exit $rc: $(head -3 "$work/$name.err")"
		return 1
	fi
	left "$name"
}

same() {
	if diff -r "$work/$1" "$work/$2" >"$work/$1-$2.diff"; then
		t_pass "$1 = $2: $(ls "$work/$1" | tr '\n' ' ')"
	else
		t_fail "$1 != $2: $(head -5 "$work/$1-$2.diff")"
	fi
}

profiles=x86_64,i386,s390
ex pool "$uabi" && ex pool-off "$uabi" UABI_FORKSERVER=0 && same pool pool-off

# in-process: x86_64 alone runs clang three times (-print-file-name=include,
# -E -dD, the probe), all forked
profiles=x86_64
if ex one "$uabi" && ex one-off "$uabi" UABI_FORKSERVER=0; then
	same one one-off
	n=$(sed -n 's/^uabi: stats: extract: .*, \([0-9]*\) compiler runs forked$/\1/p' "$work/one.err")
	n0=$(sed -n 's/^uabi: stats: extract: .*, \([0-9]*\) compiler runs forked$/\1/p' "$work/one-off.err")
	if [[ $n == 3 && $n0 == 0 ]]; then
		t_pass "x86_64: 3 clang runs forked, none with UABI_FORKSERVER=0"
	else
		t_fail "x86_64: forked runs '$n' and '$n0', want 3 and 0: $(grep stats "$work/one.err")"
	fi
fi

# a broken module: posix_spawn, the same dump
mkdir -p "$work/bin"
cp "$uabi" "$work/bin/uabi"
for kind in empty text; do
	case $kind in
	empty) : >"$work/bin/uabi-forkserver.so" ;;
	text) echo 'not an ELF object' >"$work/bin/uabi-forkserver.so" ;;
	esac
	if ex "$kind" "$work/bin/uabi"; then
		same one "$kind"
		if grep -q ', 0 compiler runs forked$' "$work/$kind.err"; then
			t_pass "$kind module: no run forked"
		else
			t_fail "$kind module: $(grep stats "$work/$kind.err")"
		fi
	fi
done
# a clang on PATH that is a script: its interpreter is not made a server
# (the module checks /proc/self/exe), every run is posix_spawn'ed
mkdir -p "$work/wrap"
printf '#!/bin/sh\nexec %s "$@"\n' "$(command -v clang)" >"$work/wrap/clang"
chmod +x "$work/wrap/clang"
if ex script "$uabi" PATH="$work/wrap:$PATH"; then
	same one script
	if grep -q ', 0 compiler runs forked$' "$work/script.err"; then
		t_pass "a script named clang: no run forked"
	else
		t_fail "a script named clang: $(grep stats "$work/script.err")"
	fi
fi
# a script that leaves a process behind (a compiler cache's daemon): that
# process must not hold the server's control socket, or each uabi process
# would wait the whole hello time (30 s) before it falls back
printf '#!/bin/sh\n( exec env -u TMPDIR sleep 60 ) &\necho $! >>%s\nexec %s "$@"\n' "$work/daemons" \
	"$(command -v clang)" >"$work/wrap/clang"
start=$(date +%s)
if ex daemon "$uabi" PATH="$work/wrap:$PATH"; then
	secs=$(($(date +%s) - start))
	same one daemon
	if ((secs < 20)); then
		t_pass "a script that leaves a process running: fell back in $secs s"
	else
		t_fail "a script that leaves a process running: $secs s (waited for the server's hello)"
	fi
fi
[[ -r $work/daemons ]] && xargs kill <"$work/daemons" 2>/dev/null
# uabi killed (kill -9) during a compile with -j 2: its workers end with
# it (an interrupt: compiles stopped, scratch removed), and no compile is
# started again by a worker that found the server gone; both ways
t=$work/tree
t_copy_tree "$tree" "$t"
mkfifo "$t/include/uapi/linux/uabi-fifo"
printf '#include <linux/types.h>\n#include <linux/uabi-fifo>\n' >"$t/include/uapi/linux/hang.h"
for fs in 1 0; do
	name=kill9-$fs
	mkdir -p "$work/tmp-$name"
	env UABI_FORKSERVER=$fs TMPDIR="$work/tmp-$name" "$uabi" extract --kernel-tree "$t" \
		--header linux/hang.h --profile x86_64,i386 -j 2 --timeout 60 -o "$work/$name/" 2>/dev/null &
	pid=$!
	sleep 2
	kill -9 "$pid"
	wait "$pid" 2>/dev/null
	sleep 1
	left "$name"
	if [[ -z $(ls -A "$work/tmp-$name") ]]; then
		t_pass "$name: nothing left 1 s after uabi was killed"
	else
		t_fail "$name: left in TMPDIR: $(ls -A "$work/tmp-$name" | tr '\n' ' ')"
	fi
	# what is left (workers, compiles with a scratch TMPDIR under it):
	# stopped, so that nothing outlives the test
	for p in /proc/[0-9]*; do
		if { tr '\0' '\n' <"$p/environ"; } 2>/dev/null | grep -q "^TMPDIR=$work/tmp-$name"; then
			kill -9 "${p#/proc/}" 2>/dev/null
		fi
	done
done
t_finish forkserver
