#!/usr/bin/env bash
# The compiler's freestanding headers (issue 8, item 6): an ioctl whose
# argument is size_t (BLKBSZGET in linux/fs.h: _IOR(0x12, 112, size_t))
# resolves with the compiler's own <stddef.h> and gets a real verdict
# (number-differs: _IOC_SIZE 8 on x86_64, 4 on i386), on clang and gcc
# (s390); a header may #include <stddef.h> itself; the dump records those
# files as "<compiler>/...", never as an absolute path, and verify passes.
# The compiler's directory does not open the machine: a "../" climbing out
# of it, or a file in one of its subdirectories, is still outside the input
# tree (exit 2, one line naming the including header and line).
#
#   tests/cli/freestanding.sh [UABI]
#
# Needs clang and the 6.1 tree (scripts/kernel-source.sh or
# $UABI_KERNEL_TREE); s390 is covered when s390x-linux-gnu-gcc is installed.
set -uo pipefail
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
if ! command -v clang >/dev/null; then
	echo "freestanding: SKIP (no clang)"
	exit 77
fi
t_init freestanding "${1:-}"


# BLKBSZGET on the real tree, clang
t_run 0 fs "$uabi" check --kernel-tree "$tree" --header linux/fs.h --profile x86_64,i386 \
	--fail-on never --dumps "$work/d" -o "$work/fs.txt"
if grep -qE '^  BLKBSZGET +number-differs +0x80081270 +0x80041270 +8 +4 ' "$work/fs.txt"; then
	t_pass "fs: BLKBSZGET number-differs, size 8 vs 4"
else
	t_fail "fs: no BLKBSZGET number-differs row with sizes 8 and 4"
	grep BLKBSZGET "$work/fs.txt" | sed 's/^/    /'
fi
if grep -q '"<compiler>/stddef.h"' "$work/d/i386.json" && ! grep -q '"/usr' "$work/d/i386.json"; then
	t_pass "fs: input.files records <compiler>/stddef.h, no absolute path"
else
	t_fail "fs: the dump does not record <compiler>/stddef.h (or names an absolute path)"
fi
t_run 0 fs-verify "$uabi" verify --kernel-tree "$tree" "$work/d/x86_64.json" "$work/d/i386.json"

# and gcc
if command -v s390x-linux-gnu-gcc >/dev/null; then
	t_run 0 fs-s390 "$uabi" check --kernel-tree "$tree" --header linux/fs.h --profile s390x,s390 \
		--fail-on never --dumps "$work/ds" -o "$work/fs-s390.txt"
	if grep -qE '^  BLKBSZGET +number-differs +0x80081270 +0x80041270 +8 +4 ' "$work/fs-s390.txt"; then
		t_pass "fs-s390: BLKBSZGET number-differs, size 8 vs 4"
	else
		t_fail "fs-s390: no BLKBSZGET number-differs row with sizes 8 and 4"
		grep BLKBSZGET "$work/fs-s390.txt" | sed 's/^/    /'
	fi
	t_run 0 fs-s390-verify "$uabi" verify --kernel-tree "$tree" "$work/ds/s390x.json" "$work/ds/s390.json"
else
	echo "note: s390x-linux-gnu-gcc missing, gcc not covered"
fi

# a small tree whose headers reach for the compiler's directory
t=$work/tree
mkdir -p "$t/include/uapi/linux" "$t/arch/x86/include/uapi/asm" "$work/outside"
token=UABI_FREESTANDING_TOKEN_$$_$RANDOM
printf '%s:not C\n' "$token" >"$work/outside/shadow"
cc_inc=$(clang -print-file-name=include)
sub=$(find "$cc_inc" -mindepth 2 -type f | sort | head -1)
hdr() { printf '%b' "$2" >"$t/include/uapi/linux/$1"; }
hdr own.h '#include <stddef.h>\nstruct ex_own { size_t len; char c; };\n'
hdr climb.h '/* 1 */\n#include "'"$cc_inc"'/../../../../../../../../../..'"$work"'/outside/shadow"\n'
hdr subdir.h '#include "'"$sub"'"\n'

t_run 0 own "$uabi" extract --kernel-tree "$t" --header linux/own.h --root 'struct ex_own' \
	--profile x86_64,i386 -o "$work/own"
if grep -q '"<compiler>/stddef.h"' "$work/own/i386.json"; then
	t_pass "own: a header's own #include <stddef.h> is recorded as <compiler>/stddef.h"
else
	t_fail "own: <compiler>/stddef.h not in input.files"
fi
t_run 0 own-verify "$uabi" verify --kernel-tree "$t" "$work/own/x86_64.json" "$work/own/i386.json"

real_shadow=$(realpath "$work/outside/shadow")
t_run 2 climb "$uabi" extract --kernel-tree "$t" --header linux/climb.h --profile x86_64 -o "$work/climb.json"
t_err_has climb "include/uapi/linux/climb.h:2: includes a file outside the input tree: $real_shadow\$"
t_run 2 subdir "$uabi" extract --kernel-tree "$t" --header linux/subdir.h --profile x86_64 -o "$work/subdir.json"
t_err_has subdir "include/uapi/linux/subdir.h:1: includes a file outside the input tree: $(realpath "$sub")\$"
for n in climb subdir; do
	if grep -rq "$token" "$work/$n".* 2>/dev/null || [[ -e $work/$n.json ]]; then
		t_fail "$n: the outside file leaked, or an output was written"
	else
		t_pass "$n: nothing written, nothing quoted"
	fi
done

t_finish freestanding
