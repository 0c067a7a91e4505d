#!/usr/bin/env bash
# Untyped ioctls and --arg-types (issue 8, item 7). EX_PART = _IO(0x12, 105)
# says nothing about its argument, yet its handler reads
# struct ex_part_arg { int op, flags, datalen; void *data; } (24 bytes on
# x86_64, 16 on i386: data at 16 vs 12). Without a declaration its verdict
# is "identical (untyped)" (json: untyped true); with `--arg-types FILE`
# (EX_PART = struct ex_part_arg) it is layout-differs with the exact
# findings, the dumps record "declared": true, verify passes, and
# `check --from-dumps` keeps the verdict. lint and diff judge the declared
# type too. Bad files are exit 2 with one line naming file:line.
#
#   tests/cli/untyped.sh [UABI]
#
# Needs clang and the 6.1 tree (scripts/kernel-source.sh or
# $UABI_KERNEL_TREE); s390 (gcc) is covered when s390x-linux-gnu-gcc is
# installed.
set -uo pipefail
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
if ! command -v clang >/dev/null; then
	echo "untyped: SKIP (no clang)"
	exit 77
fi
t_init untyped "${1:-}"

t=$work/tree
t_copy_tree "$tree" "$t"
mkdir -p "$t/include/uapi/uabi-test"
cat >"$t/include/uapi/uabi-test/expart.h" <<'EOF'
#include <linux/ioctl.h>
struct ex_part_arg {
	int op, flags, datalen;
	void *data;
};
#define EX_PART _IO(0x12, 105)
#define EX_PING _IO(0x12, 106)
#ifdef __x86_64__
#define EX_HALF _IOW(0x12, 107, int)
#else
#define EX_HALF _IOC(_IOC_WRITE, 0x12, 107, 4)
#endif
EOF
types=$work/types
printf '# the handler of EX_PART reads a struct\n\nEX_PART = struct ex_part_arg  # see ex_part()\n' >"$types"
hdr=(--kernel-tree "$t" --header uabi-test/expart.h)

# EX_HALF names int on x86_64 and no type on i386 (_IOC with a literal
# size): the same number, as clang gives it on each
half_num() {
	mkdir -p "$work/gen/asm"
	echo '#include <asm-generic/ioctl.h>' >"$work/gen/asm/ioctl.h"
	printf '#include <uabi-test/expart.h>\nunsigned int __v = EX_HALF;\n' >"$work/half.c"
	clang --target="$1" -nostdinc -w -I "$work/gen" -I "$t/arch/x86/include/uapi" \
		-I "$t/include/uapi" -S -o "$work/half.s" "$work/half.c" &&
		sed -nE 's/^\s*\.long\s+([0-9]+).*/\1/p' "$work/half.s" | head -1 | xargs printf '0x%x'
}
half64=$(half_num x86_64-linux-gnu)
half32=$(half_num i386-linux-gnu)
[[ -n $half64 && $half64 == "$half32" ]] || t_fail "EX_HALF: clang gives $half64 and $half32"

# row NAME FILE REGEX: the table row of NAME in the text report matches
row() {
	if grep -qE "^  $2 +$3" "$work/$1"; then
		t_pass "$1: $2 row /$3/"
	else
		t_fail "$1: no $2 row /$3/"
		grep -E "^  (ioctl|$2) " "$work/$1" | sed 's/^/    /'
	fi
}
# has FILE REGEX / hasnt FILE REGEX
has() {
	if grep -qE -- "$2" "$work/$1"; then t_pass "$1: /$2/"; else t_fail "$1: no /$2/"; fi
}
hasnt() {
	if grep -qE -- "$2" "$work/$1"; then t_fail "$1: has /$2/"; else t_pass "$1: no /$2/"; fi
}

# without a declaration: identical, flagged untyped
t_run 0 plain "$uabi" check "${hdr[@]}" --profile x86_64,i386 --fail-on never -o "$work/plain.txt"
row plain.txt EX_PART 'identical \(untyped\) +0x1269 +0x1269 +- +- '
row plain.txt EX_PING 'identical \(untyped\) +0x126a +0x126a +- +- '
# a type on one side only, the same number: nothing to compare but it
row plain.txt EX_HALF "identical \\(untyped\\) +$half64 +$half32 +4 +- "
has plain.txt '^  \(untyped: 3 ioctls whose number does not describe the argument; declare it with --arg-types\)$'
t_run 0 plain-json "$uabi" check "${hdr[@]}" --profile x86_64,i386 --fail-on never --format json \
	-o "$work/plain.json"
if python3 - "$work/plain.json" <<'EOF'; then
import json, sys
r = json.load(open(sys.argv[1]))
items = {i["name"]: i for p in r["pairs"] for i in p["ioctls"]}
e = items["EX_PART"]
assert e["verdict"] == "identical" and e.get("untyped") is True and "declared" not in e, e
EOF
	t_pass "plain-json: EX_PART identical, untyped true"
else
	t_fail "plain-json: EX_PART is not identical with untyped true"
fi

# declared: a full verdict
t_run 0 decl "$uabi" check "${hdr[@]}" --profile x86_64,i386 --arg-types "$types" --fail-on never \
	--dumps "$work/d" -o "$work/decl.txt"
row decl.txt EX_PART 'layout-differs +0x1269 +0x1269 +24 +16 '
row decl.txt EX_PING 'identical \(untyped\) +0x126a +0x126a +- +- '
has decl.txt '^  \(untyped: 2 ioctls whose number does not describe the argument; declare it with --arg-types\)$'
has decl.txt '^    declared at include/uapi/uabi-test/expart.h:6, argument struct ex_part_arg, declared by --arg-types$'
has decl.txt '^    data +offset +16 +12 +16 vs 12 +include/uapi/uabi-test/expart.h:4$'
has decl.txt '^    data +pointer +8 +4 +16 vs 12 +include/uapi/uabi-test/expart.h:4$'
has decl.txt '^    \(type\) +size +24 +16 '
if python3 - "$work/d/i386.json" <<'EOF'; then
import json, sys
l = json.load(open(sys.argv[1]))
io = {i["name"]: i for i in l["ioctls"]}
e, p = io["EX_PART"], io["EX_PING"]
assert e["declared"] is True and e["arg_type"] == "struct ex_part_arg" and e["size"] == 0, e
assert e["arg_spelling"] == "struct ex_part_arg" and "declared" not in p and p["arg_type"] is None, p
assert l["types"][e["arg"]]["size"] == 16
EOF
	t_pass "decl: the i386 dump records EX_PART's declared struct ex_part_arg (16 bytes)"
else
	t_fail "decl: the dump does not record the declared type"
fi
t_run 0 decl-verify "$uabi" verify --kernel-tree "$t" "$work/d/x86_64.json" "$work/d/i386.json"
t_run 0 from "$uabi" check --from-dumps "$work/d" --profile x86_64,i386 --fail-on never -o "$work/from.txt"
row from.txt EX_PART 'layout-differs +0x1269 +0x1269 +24 +16 '
t_run 2 from-types "$uabi" check --from-dumps "$work/d" --arg-types "$types" --profile x86_64,i386
t_err_has from-types '^uabi check: --arg-types goes with extraction'

# the other commands that compile take it too
t_run 1 lint "$uabi" lint "${hdr[@]}" --profile x86_64,i386 --arg-types "$types"
has lint.out 'struct ex_part_arg: member data is a pointer \(void \*\) \[lint-pointer\]'
t_run 0 lint-plain "$uabi" lint "${hdr[@]}" --profile x86_64,i386
hasnt lint-plain.out 'ex_part_arg'
t2=$work/tree2
t_copy_tree "$tree" "$t2"
mkdir -p "$t2/include/uapi/uabi-test"
sed 's/int op, flags, datalen;/int op, flags, datalen, extra;/' "$t/include/uapi/uabi-test/expart.h" \
	>"$t2/include/uapi/uabi-test/expart.h"
t_run 1 diff "$uabi" diff --old "$t" --new "$t2" --header uabi-test/expart.h --profile x86_64,i386 \
	--arg-types "$types" --no-lint
has diff.out 'error: \[i386\] struct ex_part_arg: member data moved from offset 12 to 16; carried by EX_PART \[member-offset-changed\]'
t_run 0 diff-plain "$uabi" diff --old "$t" --new "$t2" --header uabi-test/expart.h \
	--profile x86_64,i386 --no-lint
t_run 0 extract "$uabi" extract "${hdr[@]}" --profile x86_64 --arg-types "$types" -o "$work/x.json"
has x.json '"declared": true'

if command -v s390x-linux-gnu-gcc >/dev/null; then
	t_run 0 s390 "$uabi" check "${hdr[@]}" --profile s390x,s390 --arg-types "$types" --fail-on never \
		-o "$work/s390.txt"
	row s390.txt EX_PART 'layout-differs +0x1269 +0x1269 +24 +16 '
else
	echo "note: s390x-linux-gnu-gcc missing, gcc not covered"
fi

# bad files: exit 2, one line naming file:line
bad() {
	local name=$1 want=$2
	printf '%b' "$3" >"$work/$name.types"
	t_run 2 "$name" "$uabi" extract "${hdr[@]}" --profile x86_64 --arg-types "$work/$name.types" \
		-o "$work/$name.json"
	t_err_has "$name" "$want"
	if [[ $(wc -l <"$work/$name.err") -eq 1 && ! -e $work/$name.json ]]; then
		t_pass "$name: one line, no output"
	else
		t_fail "$name: more than one line, or an output was written"
	fi
}
bad syntax "^uabi: $work/syntax.types:2: expected 'NAME = TYPE'" '# ok\nEX_PART struct ex_part_arg\n'
bad pointer "^uabi: $work/pointer.types:1: TYPE: expected a type such as 'struct x'" \
	'EX_PART = struct ex_part_arg *\n'
bad empty "^uabi: $work/empty.types:1: expected a TYPE after '='" 'EX_PART =\n'
bad twice "^uabi: $work/twice.types:3: EX_PART: declared twice \\(first on line 1\\)" \
	'EX_PART = int\n\nEX_PART = long\n'
bad noioctl "^uabi: x86_64: $work/noioctl.types:1: EX_NOPE is not an ioctl of the selected headers\$" \
	'EX_NOPE = struct ex_part_arg\n'
bad notmacro "^uabi: x86_64: $work/notmacro.types:1: ex_part_arg is not an ioctl of the selected headers\$" \
	'ex_part_arg = int\n'
bad notag "^uabi: x86_64: $work/notag.types:1: EX_PART: struct ex_nope is not defined by the selected headers\$" \
	'EX_PART = struct ex_nope\n'
bad notype "^uabi: x86_64: $work/notype.types:1: EX_PART: 'ex_nope_t' does not compile with the selected headers" \
	'EX_PART = ex_nope_t\n'
# a macro of a number is no type (__typeof__ would take it), void and an
# undefined enum have no size, a NUL byte and an overlong line are no text
bad macro "^uabi: x86_64: $work/macro.types:1: EX_PART: 'EX_PING' does not compile with the selected headers" \
	'EX_PART = EX_PING\n'
bad void "^uabi: x86_64: $work/void.types:1: EX_PART: 'void' is not a complete type for this ABI" \
	'EX_PART = void\n'
bad enum "^uabi: x86_64: $work/enum.types:1: EX_PART: 'enum ex_nope' is not a complete type for this ABI" \
	'EX_PART = enum ex_nope\n'
bad nul "^uabi: $work/nul.types: a NUL byte \\(not a text file\\)\$" 'EX_PART = int\0 junk\n'
bad long "^uabi: $work/long.types:1: line longer than 1024 bytes\$" "EX_PART = $(printf 'x%.0s' {1..2000})\n"
t_run 2 missing "$uabi" extract "${hdr[@]}" --profile x86_64 --arg-types "$work/nope.types" -o "$work/m.json"
t_err_has missing "^uabi: --arg-types: $work/nope.types: No such file or directory\$"

t_finish untyped
