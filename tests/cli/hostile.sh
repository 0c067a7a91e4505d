#!/usr/bin/env bash
# Hostile headers (a patch from a stranger, judged by a CI gate) cannot
# forge what uabi reads back or where it lays the blame, cannot make a run
# unbounded and cannot make the output depend on the clock:
#  - a header that defines a macro or an identifier named __uabi_* (the
#    probe's reserved names, read back from DWARF) is refused: without
#    --all an input error (exit 2) naming file:line and the name; with
#    --all it is skipped with that reason, the rest judged;
#  - a #line in a header (naming the probe through __BASE_FILE__, or
#    another header) does not get its errors charged to another header;
#  - a macro whose expansion doubles at each level is refused (the
#    expansion budget, 1 MiB) at once, and SIGTERM still stops the run;
#  - __DATE__/__TIME__/__TIMESTAMP__ in an ioctl number: two runs give
#    byte-identical dumps (pinned to Jan  1 1970 00:00:00).
#
#   tests/cli/hostile.sh [UABI]
#
# Needs clang (x86_64); s390 (gcc) too when s390x-linux-gnu-gcc is
# installed. No kernel tree needed.
set -uo pipefail
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
if ! command -v clang >/dev/null; then
	echo "hostile: SKIP (no clang)"
	exit 77
fi
t_init hostile "${1:-}" notree

# mktree DIR: a tree with the kernel's _IOC encoding and one innocent header
mktree() {
	local t=$1 a
	mkdir -p "$t/include/uapi/linux" "$t/include/uapi/asm-generic"
	for a in x86 s390; do
		mkdir -p "$t/arch/$a/include/uapi/asm"
		printf '#include <asm-generic/ioctl.h>\n' >"$t/arch/$a/include/uapi/asm/ioctl.h"
	done
	printf '%b' '#ifndef _G_IOCTL_H\n#define _G_IOCTL_H\n#define _IOC_NRBITS 8\n#define _IOC_TYPEBITS 8\n#define _IOC_SIZEBITS 14\n#define _IOC_DIRBITS 2\n#define _IOC_NRMASK ((1 << _IOC_NRBITS)-1)\n#define _IOC_TYPEMASK ((1 << _IOC_TYPEBITS)-1)\n#define _IOC_SIZEMASK ((1 << _IOC_SIZEBITS)-1)\n#define _IOC_DIRMASK ((1 << _IOC_DIRBITS)-1)\n#define _IOC_NRSHIFT 0\n#define _IOC_TYPESHIFT (_IOC_NRSHIFT+_IOC_NRBITS)\n#define _IOC_SIZESHIFT (_IOC_TYPESHIFT+_IOC_TYPEBITS)\n#define _IOC_DIRSHIFT (_IOC_SIZESHIFT+_IOC_SIZEBITS)\n#define _IOC_NONE 0U\n#define _IOC_WRITE 1U\n#define _IOC_READ 2U\n#define _IOC(dir,type,nr,size) (((dir) << _IOC_DIRSHIFT) | ((type) << _IOC_TYPESHIFT) | ((nr) << _IOC_NRSHIFT) | ((size) << _IOC_SIZESHIFT))\n#define _IOC_TYPECHECK(t) (sizeof(t))\n#define _IO(type,nr) _IOC(_IOC_NONE,(type),(nr),0)\n#define _IOR(type,nr,size) _IOC(_IOC_READ,(type),(nr),(_IOC_TYPECHECK(size)))\n#define _IOW(type,nr,size) _IOC(_IOC_WRITE,(type),(nr),(_IOC_TYPECHECK(size)))\n#define _IOWR(type,nr,size) _IOC(_IOC_READ|_IOC_WRITE,(type),(nr),(_IOC_TYPECHECK(size)))\n#endif\n' >"$t/include/uapi/asm-generic/ioctl.h"
	printf '#ifndef _L_IOCTL_H\n#define _L_IOCTL_H\n#include <asm/ioctl.h>\n#endif\n' >"$t/include/uapi/linux/ioctl.h"
	printf '#include <linux/ioctl.h>\nstruct good_arg { int a; long b; };\n#define GOOD_SET _IOW(0xf0, 1, struct good_arg)\n' >"$t/include/uapi/linux/good.h"
}
hdr() { printf '%b' "$3" >"$1/include/uapi/$2"; }

# summary DUMP: judged headers, skipped headers with reasons, ioctls
summary() {
	python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print("headers", " ".join(d["input"]["headers"]))
for s in d["input"].get("skipped", []):
    print("skipped", s["header"], "|", s["reason"])
for i in d["ioctls"]:
    print("ioctl", i["name"], i["file"] + ":" + str(i["line"]), i["applicable"], i.get("number_hex"))
PY
}
# expect NAME GOT LINE...: every LINE is a line of GOT
expect() {
	local name=$1 got=$2 want
	shift 2
	for want in "$@"; do
		if grep -qxF -- "$want" <<<"$got"; then
			t_pass "$name: $want"
		else
			t_fail "$name: no line '$want' in:"
			sed 's/^/    /' <<<"$got"
		fi
	done
}

profiles=(x86_64)
if command -v s390x-linux-gnu-gcc >/dev/null; then
	profiles+=(s390)
else
	echo "note: s390x-linux-gnu-gcc missing, gcc not covered"
fi

# --- H1: reserved names -------------------------------------------------
t=$work/reserved
mktree "$t"
# a macro forging GOOD_SET's number, an enumerator, a typedef, and a
# reserved name used (not defined) by a macro another file defines
hdr "$t" linux/r-macro.h '#include <linux/ioctl.h>\n#define RM_SET _IOW(0xf1, 1, int)\n#define __uabi_n_GOOD_SET 0x1234\n'
hdr "$t" linux/r-enum.h '#include <linux/ioctl.h>\n\nenum { __uabi_n_RE_SET = 7 };\n#define RE_SET _IOW(0xf1, 2, int)\n'
hdr "$t" linux/r-typedef.h '#include <linux/ioctl.h>\n#define RT_SET _IOW(0xf1, 3, int)\ntypedef char __uabi_arg_RT_SET;\n'
for p in "${profiles[@]}"; do
	t_run 0 "reserved-all-$p" "$uabi" extract --all --no-sysroot --kernel-tree "$t" --profile "$p" \
		-o "$work/reserved-$p.json"
	got=$(summary "$work/reserved-$p.json")
	expect "reserved-all-$p" "$got" \
		"headers linux/good.h" \
		"skipped linux/r-enum.h | include/uapi/linux/r-enum.h:3: __uabi_n_RE_SET: identifiers and macros named __uabi_* are reserved for uabi's probe" \
		"skipped linux/r-macro.h | include/uapi/linux/r-macro.h:3: __uabi_n_GOOD_SET: identifiers and macros named __uabi_* are reserved for uabi's probe" \
		"skipped linux/r-typedef.h | include/uapi/linux/r-typedef.h:3: __uabi_arg_RT_SET: identifiers and macros named __uabi_* are reserved for uabi's probe"
	case $p in
	s390) want=0x4008f001 ;;
	*) want=0x4010f001 ;;
	esac
	expect "reserved-all-$p" "$got" "ioctl GOOD_SET include/uapi/linux/good.h:3 True $want"
	# without --all: the header named is refused, one line, exit 2
	t_run 2 "reserved-one-$p" "$uabi" extract --no-sysroot --kernel-tree "$t" --profile "$p" \
		--header linux/good.h --header linux/r-macro.h -o "$work/reserved-one-$p.json"
	want="uabi: $p: include/uapi/linux/r-macro.h:3: __uabi_n_GOOD_SET: identifiers and macros named __uabi_* are reserved for uabi's probe"
	if [[ $(cat "$work/reserved-one-$p.err") == "$want" ]]; then
		t_pass "reserved-one-$p: one line: $want"
	else
		t_fail "reserved-one-$p: stderr is not '$want':"
		sed 's/^/    /' "$work/reserved-one-$p.err"
	fi
	[[ -e $work/reserved-one-$p.json ]] && t_fail "reserved-one-$p: wrote a dump"
done

t_finish hostile
