#!/usr/bin/env bash
# Limits of the children uabi starts, and one diagnostic per distinct
# failure: a header that includes a FIFO or expands a macro exponentially
# is stopped by --timeout, a tiny --memory-limit stops the compiler, each
# with one line naming the profile and the limit (exit 3, bounded time,
# nothing left under TMPDIR), the --timeout one the headers too; with
# --all such a header is skipped with the reason, the others judged; --deadline stops the whole run, alone or
# through the pool, whatever --timeout allows (exit 142, one line); a
# typo compiled for 4 profiles prints the compiler's error once, with the
# 4 names.
#
#   tests/cli/limits.sh [UABI]
set -uo pipefail
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
t_init limits "${1:-}"
command -v timeout >/dev/null || { echo "SKIP: no timeout(1)"; exit 77; }
command -v clang >/dev/null || { echo "SKIP: no clang"; exit 77; }

t=$work/tree
t_copy_tree "$tree" "$t"
u=$t/include/uapi/linux
mkfifo "$u/uabi-fifo"
printf '#include <linux/types.h>\n#include <linux/uabi-fifo>\n' >"$u/hang.h"
{
	echo '#define UABI_E0 x'
	for i in $(seq 1 40); do echo "#define UABI_E$i UABI_E$((i - 1)) UABI_E$((i - 1))"; done
	echo 'int uabi_e = sizeof(UABI_E40);'
} >"$u/exp.h"
printf '#include <linux/types.h>\nstruct x { int a; };\nstruct x y = {;\n' >"$u/typo.h"
mkdir -p "$work/tmp"

# limit NAME SECONDS WANT-LINE ARGV...: exit 3 (LIMIT_RC=N: N), stderr
# exactly WANT-LINE (an ERE), within SECONDS, no output, TMPDIR empty
limit() {
	local name=$1 max=$2 want=$3 rc=0 t0 t1 code=${LIMIT_RC:-3}
	shift 3
	t0=$(date +%s)
	TMPDIR=$work/tmp timeout 60 "$@" >"$work/$name.out" 2>"$work/$name.err" || rc=$?
	t1=$(date +%s)
	if ((rc != code)); then
		failed=$((failed + 1))
		echo "FAIL $name: exit $rc, want $code"
		sed 's/^/    /' "$work/$name.err" | head -10
	elif (($(wc -l <"$work/$name.err") != 1)) || ! grep -qE -- "$want" "$work/$name.err"; then
		failed=$((failed + 1))
		echo "FAIL $name: want one line /$want/, got:"
		sed 's/^/    /' "$work/$name.err" | head -10
	elif ((t1 - t0 > max)); then
		failed=$((failed + 1))
		echo "FAIL $name: took $((t1 - t0)) s (at most $max)"
	elif [[ -n $(ls -A "$work/tmp") || -e $work/$name.json || -n $(ls -A "$work/dir" 2>/dev/null) ]]; then
		failed=$((failed + 1))
		echo "FAIL $name: left $(ls -A "$work/tmp" "$work/dir" 2>/dev/null | tr '\n' ' ') $(ls "$work/$name.json" 2>/dev/null)"
	else
		echo "PASS $name: exit $code in $((t1 - t0)) s: $(cat "$work/$name.err")"
	fi
}

limit fifo 20 '^uabi: x86_64: linux/hang.h: clang: stopped after the 2 s time limit \(--timeout\)$' \
	"$uabi" extract --kernel-tree "$t" --header linux/hang.h --profile x86_64 --timeout 2 -o "$work/fifo.json"
limit exp-macro 20 '^uabi: x86_64: linux/exp.h: clang: stopped after the 2 s time limit \(--timeout\)$' \
	"$uabi" extract --kernel-tree "$t" --header linux/exp.h --profile x86_64 --timeout 2 -o "$work/exp-macro.json"
# the same through the pool: both profiles in one line
limit fifo-pool 30 '^uabi: \[x86_64,i386\]: linux/hang.h: clang: stopped after the 2 s time limit \(--timeout\)$' \
	"$uabi" extract --kernel-tree "$t" --header linux/hang.h --profile x86_64,i386 -j 2 --timeout 2 \
	-o "$work/dir/"
# several named headers: the first three, and how many more
limit fifo-many 20 '^uabi: x86_64: linux/types.h, linux/ioctl.h, linux/hang.h and 1 more: clang: stopped after the 2 s time limit \(--timeout\)$' \
	"$uabi" extract --kernel-tree "$t" --header linux/types.h --header linux/ioctl.h --header linux/hang.h \
	--header linux/exp.h --profile x86_64 --timeout 2 -o "$work/fifo-many.json"

# --all: a header the compiler runs past --timeout on is skipped with that
# reason and every other header judged (exit 0). The stopped run's -H trace
# names the header it was in, which is compiled alone (one more stopped
# run), the rest without it: two stopped runs a header, not one per halving.
# An #if on a macro that doubles 40 times, and an #include of a FIFO.
ta=$work/alltree
t_ioctl_tree "$ta" x86
ua=$ta/include/uapi/linux
for i in 1 2 3 4 5; do
	printf '#include <linux/ioctl.h>\nstruct g%d_arg { int a; long b; };\n#define G%d_SET _IOW(0xf0, %d, struct g%d_arg)\n' \
		"$i" "$i" "$i" "$i" >"$ua/g$i.h"
done
{
	echo '#include <linux/ioctl.h>'
	echo '#define A0 1'
	for i in $(seq 1 40); do echo "#define A$i A$((i - 1))+A$((i - 1))"; done
	printf '#if A40\n#endif\n#define SLOW_SET _IO(0xf1, 1)\n'
} >"$ua/slow.h"
mkfifo "$ua/uabi-fifo"
printf '#include <linux/ioctl.h>\n#include <linux/uabi-fifo>\n#define HANG_SET _IO(0xf5, 1)\n' >"$ua/hang.h"
rc=0
TMPDIR=$work/tmp UABI_NO_CACHE=1 timeout 120 "$uabi" extract --all -v --no-sysroot --kernel-tree "$ta" \
	--profile x86_64 --timeout 3 -o "$work/all-timeout.json" >/dev/null 2>"$work/all-timeout.err" || rc=$?
# the numbers as the compiler gives them, each header alone
want="skipped linux/hang.h | the compiler ran past the 3 s time limit (--timeout)
skipped linux/slow.h | the compiler ran past the 3 s time limit (--timeout)"
for i in 1 2 3 4 5; do
	n=$(printf '#include <linux/g%d.h>\nunsigned long v = G%d_SET;\n' "$i" "$i" |
		clang --target=x86_64-linux-gnu -nostdinc -I"$ta/arch/x86/include/uapi" -I"$ta/include/uapi" \
			-S -o - -x c - | awk '$1 == ".quad" { print $2 }')
	gnum[i]=$(printf '0x%x' "$n")	# for the --all cases below too
	want+=$'\n'"ioctl G${i}_SET ${gnum[i]}"
done
got=$(python3 - "$work/all-timeout.json" <<'PY' 2>&1
import json, sys
d = json.load(open(sys.argv[1]))
for s in d["input"].get("skipped", []):
    print("skipped", s["header"], "|", s["reason"])
for i in d["ioctls"]:
    print("ioctl", i["name"], i.get("number_hex"))
PY
)
stops=$(grep -c 'a limit stopped a run of the group' "$work/all-timeout.err")
if ((rc == 0)) && [[ $got == "$want" ]] && ((stops == 2)) &&
	grep -qx 'uabi: x86_64: a limit stopped a run of the group; linux/hang.h alone, 6 others' "$work/all-timeout.err" &&
	grep -qx 'uabi: x86_64: a limit stopped a run of the group; linux/slow.h alone, 5 others' "$work/all-timeout.err"; then
	echo "PASS --all past --timeout: 2 headers skipped with the reason, 5 judged, 2 stops each"
else
	failed=$((failed + 1))
	echo "FAIL --all past --timeout (exit $rc, $stops group stops): got"
	sed 's/^/    /' <<<"$got"
	echo "  want"
	sed 's/^/    /' <<<"$want"
	grep -v ' clang ' "$work/all-timeout.err" | sed 's/^/    /' | head -10
fi

# --all: a header the compiler runs out of --memory-limit on is skipped
# the same way, the others judged: an initializer of 2^22 elements takes
# clang about 575 MiB, a header of its own under 250 MiB (a compile has
# no -H trace: the group is halved until the header is alone)
tm=$work/memtree
t_ioctl_tree "$tm" x86
for i in 1 2 3 4 5; do
	cp "$ua/g$i.h" "$tm/include/uapi/linux/"
done
{
	echo '#include <linux/ioctl.h>'
	echo '#define X0 1,'
	for i in $(seq 1 22); do echo "#define X$i X$((i - 1)) X$((i - 1))"; done
	printf 'static const int uabi_big[] = { X22 };
#define BIG_SET _IO(0xf2, 1)
'
} >"$tm/include/uapi/linux/big.h"
rc=0
TMPDIR=$work/tmp UABI_NO_CACHE=1 timeout 120 "$uabi" extract --all -v --no-sysroot --kernel-tree "$tm" \
	--profile x86_64 --memory-limit 400 -o "$work/all-mem.json" >/dev/null 2>"$work/all-mem.err" || rc=$?
want="skipped linux/big.h | the compiler ran out of its 400 MiB memory limit (--memory-limit)"
for i in 1 2 3 4 5; do
	want+=$'\n'"ioctl G${i}_SET ${gnum[i]}"
done
got=$(python3 - "$work/all-mem.json" <<'PY' 2>&1
import json, sys
d = json.load(open(sys.argv[1]))
for s in d["input"].get("skipped", []):
    print("skipped", s["header"], "|", s["reason"])
for i in d["ioctls"]:
    print("ioctl", i["name"], i.get("number_hex"))
PY
)
if ((rc == 0)) && [[ $got == "$want" ]] && [[ -z $(ls -A "$work/tmp") ]]; then
	echo "PASS --all past --memory-limit: linux/big.h skipped with the reason, 5 judged"
else
	failed=$((failed + 1))
	echo "FAIL --all past --memory-limit (exit $rc): got"
	sed 's/^/    /' <<<"$got"
	echo "  want"
	sed 's/^/    /' <<<"$want"
	grep -v ' clang ' "$work/all-mem.err" | sed 's/^/    /' | head -10
fi

# --all: a header that supply() added for an ioctl (t.h uses targ.h's
# struct t_arg without including it) stalls the compiler: it is kept out,
# T_GET is not applicable naming it and the limit (before: t.h was skipped
# for the time limit, targ.h never named), the others are judged after one
# stopped run, and the dump is not cached (attacker F8)
tsup=$work/suptree
t_ioctl_tree "$tsup" x86
for i in 1 2 3 4 5; do
	cp "$ua/g$i.h" "$tsup/include/uapi/linux/"
done
{
	printf '#ifndef _TARG_H\n#define _TARG_H\n#define A0 1\n'
	for i in $(seq 1 40); do echo "#define A$i A$((i - 1))+A$((i - 1))"; done
	printf '#if A40\n#endif\nstruct t_arg { long v; };\n#endif\n'
} >"$tsup/include/uapi/linux/targ.h"
printf '#include <linux/ioctl.h>\n#define T_GET _IOR(0xf8, 1, struct t_arg)\n' >"$tsup/include/uapi/linux/t.h"
rc=0
TMPDIR=$work/tmp UABI_CACHE_DIR=$work/supcache timeout 120 env -u UABI_NO_CACHE "$uabi" extract --all -v --no-sysroot \
	--kernel-tree "$tsup" --profile x86_64 --timeout 3 -o "$work/all-sup.json" >/dev/null 2>"$work/all-sup.err" || rc=$?
want="ioctl T_GET False 0x0 struct t_arg is defined in linux/targ.h, on which the compiler ran past the 3 s time limit (--timeout)"
for i in 1 2 3 4 5; do
	want+=$'\n'"ioctl G${i}_SET True ${gnum[i]} -"
done
got=$(python3 - "$work/all-sup.json" <<'PY' 2>&1
import json, sys
d = json.load(open(sys.argv[1]))
for s in d["input"].get("skipped", []):
    print("skipped", s["header"], "|", s["reason"])
for i in sorted(d["ioctls"], key=lambda i: (i["name"] != "T_GET", i["name"])):
    print("ioctl", i["name"], i["applicable"], i.get("number_hex"), i.get("reason", "-"))
PY
)
if ((rc == 0)) && [[ $got == "$want" ]] && grep -q '^uabi: x86_64: not cached: T_GET: ' "$work/all-sup.err"; then
	echo "PASS --all, an added header past --timeout: T_GET not applicable naming it, 5 judged, not cached"
else
	failed=$((failed + 1))
	echo "FAIL --all, an added header past --timeout (exit $rc): got"
	sed 's/^/    /' <<<"$got"
	echo "  want"
	sed 's/^/    /' <<<"$want"
	grep -v ' clang ' "$work/all-sup.err" | sed 's/^/    /' | head -10
fi

# the whole run: the compiler may take 120 s, the run 2
LIMIT_RC=142 limit deadline 20 '^uabi: stopped after the 2 s run time limit \(--deadline\)$' \
	"$uabi" extract --kernel-tree "$t" --header linux/hang.h --profile x86_64 --timeout 120 \
	--deadline 2 -o "$work/deadline.json"
LIMIT_RC=142 limit deadline-pool 20 '^uabi: stopped after the 2 s run time limit \(--deadline\)$' \
	"$uabi" extract --kernel-tree "$t" --header linux/hang.h --profile x86_64,i386 -j 2 \
	--timeout 120 --deadline 2 -o "$work/dir/"
# dumps that take seconds to read: the deadline stops the read and both
# parsers (each checks for it every MiB or 1024 values), not only the
# compilers. The pair's dumps with their types repeated to about 70 MB
# each; i386's has a real number early, which the fast parser
# refuses: Jansson parses it (uabi 0.x before this took 11 s, 4 on a
# valid pair)
t_run 0 pair "$uabi" extract --kernel-tree "$tree" --profile x86_64,i386 -j 2 -o "$work/pair/"
mkdir -p "$work/big"
for p in x86_64 i386; do
	python3 - "$work/pair/$p.json" "$work/big/$p.json" "$p" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
n, types = len(d["types"]), d["types"]
out = list(types)
for c in range(1, max(2, 70_000_000 // len(open(sys.argv[1]).read()))):
    for t in types:
        t = dict(t, id=t["id"] + c * n)
        if t.get("ref") is not None:
            t["ref"] += c * n
        if "members" in t:
            t["members"] = [dict(m, type=m["type"] + c * n) for m in t["members"]]
        out.append(t)
if sys.argv[3] == "i386":
    next(t for t in out if "line" in t)["line"] += 0.5
d["types"] = out
json.dump(d, open(sys.argv[2], "w"), indent=1, sort_keys=True)
PY
done
LIMIT_RC=142 limit deadline-read 3 '^uabi: stopped after the 1 s run time limit \(--deadline\)$' \
	"$uabi" check --from-dumps "$work/big" --pairs x86_64:i386 --deadline 1 -o "$work/deadline-read.json"
rm -rf "$work/big"
limit memory 30 '^uabi: x86_64: linux/kvm.h: clang: stopped at the 1 MiB memory limit \(--memory-limit\)$' \
	"$uabi" extract --no-cache --kernel-tree "$tree" --profile x86_64 --memory-limit 1 -o "$work/memory.json"
if command -v s390x-linux-gnu-gcc >/dev/null; then
	limit memory-gcc 30 '^uabi: s390: linux/kvm.h: s390x-linux-gnu-gcc: stopped at the 1 MiB memory limit \(--memory-limit\)$' \
		"$uabi" extract --no-cache --kernel-tree "$tree" --profile s390 --memory-limit 1 -o "$work/memory-gcc.json"
fi
t_run 0 dump "$uabi" extract --kernel-tree "$tree" --profile x86_64 -o "$work/ok.json"
limit verify-memory 20 "^uabi: $work/ok.json: x86_64: clang: stopped at the 1 MiB memory limit \\(--memory-limit\\)$" \
	"$uabi" verify --memory-limit 1 "$work/ok.json"
t_run 2 bad-timeout "$uabi" check --kernel-tree "$tree" --timeout 0
grep -q -- "--timeout: expected seconds" "$work/bad-timeout.err" || { failed=$((failed + 1)); echo "FAIL --timeout 0 message"; }
t_run 2 bad-deadline "$uabi" extract --kernel-tree "$tree" --deadline 0 -o "$work/bad.json"
grep -q -- "--deadline: expected seconds" "$work/bad-deadline.err" || { failed=$((failed + 1)); echo "FAIL --deadline 0 message"; }
t_run 2 bad-memory "$uabi" lint --kernel-tree "$tree" --memory-limit lots
grep -q -- "--memory-limit: expected MiB" "$work/bad-memory.err" || { failed=$((failed + 1)); echo "FAIL --memory-limit message"; }

# one typo, four profiles: the compiler's error once, with the four names
TMPDIR=$work/tmp "$uabi" extract --kernel-tree "$t" --header linux/typo.h \
	--profile x86_64,i386,x32,aarch64 -j 2 -o "$work/dir/" >/dev/null 2>"$work/typo.err"
rc=$?
if ((rc == 3)) &&
	[[ $(grep -c '^uabi: ' "$work/typo.err") == 1 ]] &&
	grep -qx 'uabi: \[x86_64,i386,x32,aarch64\]: the headers do not compile (clang exited 1)' "$work/typo.err" &&
	[[ $(grep -c 'typo.h:3:15: error: expected expression' "$work/typo.err") == 1 ]] &&
	! grep -q "$work/tmp" "$work/typo.err"; then
	echo "PASS typo over 4 profiles: one diagnostic, 4 names"
else
	failed=$((failed + 1))
	echo "FAIL typo over 4 profiles (exit $rc):"
	sed 's/^/    /' "$work/typo.err" | head -30
fi
# a missing --header on every profile: one line
TMPDIR=$work/tmp "$uabi" extract --kernel-tree "$t" --header linux/nothere.h --profile all -j 2 \
	-o "$work/dir/" >/dev/null 2>"$work/nothere.err"
rc=$?
if ((rc == 2)) && [[ $(wc -l <"$work/nothere.err") == 1 ]] &&
	grep -qE '^uabi: \[x86_64,i386,.*,mipsn32\]: --header linux/nothere.h: not found in ' "$work/nothere.err"; then
	echo "PASS missing --header on all profiles: one line"
else
	failed=$((failed + 1))
	echo "FAIL missing --header (exit $rc):"
	sed 's/^/    /' "$work/nothere.err" | head -20
fi
[[ -z $(ls -A "$work/tmp") ]] || { failed=$((failed + 1)); echo "FAIL left under TMPDIR: $(ls -A "$work/tmp")"; }

t_finish limits
