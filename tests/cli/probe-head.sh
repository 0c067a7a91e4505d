#!/usr/bin/env bash
# The probe without a preprocessor run of its own (clang): the -dD pass's
# text and the macros the headers left defined make probe.i, so a clang
# profile runs the compiler twice per translation unit (-E -dD, then the
# compile), and the ioctl numbers are the ones a program including the
# header gets: a macro redefined after a struct used it, and one redefined
# after an ioctl macro that uses it, take their last definition where the
# probe expands them. A header whose macros the -dD lines cannot give
# (#pragma push_macro/pop_macro) is preprocessed once more, with the
# number of the restored macro; a macro that writes "#define" at the start
# of a line is refused as before. A probe that includes <stddef.h> after
# the headers (a size_t argument) is compiled from the -dD pass's text
# too: that pass enters <stddef.h> after the headers, and the dump records
# <compiler>/stddef.h as the run over the probe did; a header that defines
# stddef's guard _SIZE_T leaves size_t undeclared there as well. A pass
# that fails says what the pass without <stddef.h> says: a missing include
# (clang goes on preprocessing, silently) in one -dD run, as an input error
# naming the header and the file (the screen's words, exit 2); an error
# that stddef.h adds to (an empty __STDC_WANT_LIB_EXT1__) in a second run
# without it.
# #pragma pack(push, N) ... pack(pop) writes no assembler text: that probe
# is compiled straight to an object (-c); a pack with a label takes the -S
# route. A _Pragma in a macro the probe and the headers do not expand
# (glibc's sys/cdefs.h) keeps the probe on the -dD text; one made by
# pasting (push_macro/pop_macro) sends it to its own run.
#
#   tests/cli/probe-head.sh [UABI]
#
# Needs clang and the 6.1 tree (its asm-generic/ioctl.h).
set -uo pipefail
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
if ! command -v clang >/dev/null; then
	echo "probe-head: SKIP (no clang)"
	exit 77
fi
t_init probe-head "${1:-}"

# installed headers: linux/ioctl.h -> asm/ioctl.h -> asm-generic/ioctl.h
h=$work/headers
mkdir -p "$h/linux" "$h/asm" "$h/asm-generic"
cp "$tree/include/uapi/asm-generic/ioctl.h" "$h/asm-generic/ioctl.h"
printf '#include <asm-generic/ioctl.h>\n' >"$h/asm/ioctl.h"
printf '#ifndef _LINUX_IOCTL_H\n#define _LINUX_IOCTL_H\n#include <asm/ioctl.h>\n#endif\n' >"$h/linux/ioctl.h"
hdr() { printf '%b' "$2" >"$h/linux/$1"; }
hdr ph.h '#include <linux/ioctl.h>\n#define PH_T int\nstruct ph_a { PH_T x; };\n#define PH_A _IOW(0x78, 1, struct ph_a)\n#undef PH_T\n#define PH_T long long\n#define PH_B _IOR(0x78, 2, PH_T)\n#define PH_N 3\n#define PH_C _IO(0x78, PH_N)\n#undef PH_N\n#define PH_N 9\n'
hdr ph-push.h '#include <linux/ioctl.h>\n#define PH_W 4\n#pragma push_macro("PH_W")\n#undef PH_W\n#define PH_W 8\n#pragma pop_macro("PH_W")\n#define PH_P _IOR(0x78, 4, char[PH_W])\n'
hdr ph-size.h '#include <linux/ioctl.h>\n#define PH_S _IOR(0x78, 6, size_t)\n#define PH_Q _IOW(0x78, 7, ptrdiff_t[2])\n'
hdr ph-guard.h '#include <linux/ioctl.h>\n#define _SIZE_T\n#define PH_G _IOR(0x78, 8, size_t)\n#define PH_I _IOR(0x78, 9, int)\n'
hdr ph-fatal.h '#include <linux/ioctl.h>\n#include <ph-none.h>\n#define PH_F _IO(0x78, 11)\n'
hdr ph-ext.h '#include <linux/ioctl.h>\n#define __STDC_WANT_LIB_EXT1__\n#error boom\n#define PH_E _IO(0x78, 10)\n'
hdr ph-pack.h '#include <linux/ioctl.h>\n#pragma pack(push, 4)\nstruct ph_k { char a; long long b; };\n#pragma pack(pop)\n#define PH_K _IOW(0x78, 12, struct ph_k)\n'
hdr ph-packlbl.h '#include <linux/ioctl.h>\n#pragma pack(push, ph_l, 4)\nstruct ph_m { char a; long long b; };\n#pragma pack(pop, ph_l)\n#define PH_L _IOW(0x78, 13, struct ph_m)\n'
hdr ph-wmacro.h '#include <linux/ioctl.h>\n#define PH_WARN1(m) _Pragma(#m)\n#define PH_WARN(m) PH_WARN1(GCC warning m)\n#define PH_M _IOR(0x78, 14, int)\n'
hdr ph-paste.h '#include <linux/ioctl.h>\n#define PH_CAT(a, b) a##b\n#define PH_V 4\nPH_CAT(_Pr, agma)("push_macro(\"PH_V\")")\n#undef PH_V\n#define PH_V 8\nPH_CAT(_Pr, agma)("pop_macro(\"PH_V\")")\n#define PH_PV _IOR(0x78, 15, char[PH_V])\n'
hdr ph-str.h '#include <linux/ioctl.h>\n#define PH_NAME "ph"\n#define PH_T _IOR(0x78, 16, int)\n'
hdr ph-strx.h '#include <linux/ioctl.h>\n#define PH_NM "abc"\n#define PH_TX _IOR(0x78, 17, char[sizeof(PH_NM)])\n'
hdr ph-strsz.h '#include <linux/ioctl.h>\n#define PH_NZ "ph"\n#define PH_Z _IOR(0x78, 18, size_t)\n'
hdr ph-strszx.h '#include <linux/ioctl.h>\n#define PH_NZX "abcdef"\n#define PH_ZX _IOR(0x78, 19, char[sizeof(PH_NZX) + sizeof(size_t)])\n'
hdr ph-hash.h '#include <linux/ioctl.h>\n#define PH_H #define\nPH_H PH_X _IO(0x78, 5)\n'

# numbers NAME WANT: the dump's "NAME=0x..." lines, sorted, are WANT
numbers() {
	local got
	got=$(python3 - "$work/$1.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print(" ".join(sorted("%s=%#x" % (i["name"], i["number"]) for i in d["ioctls"])))
PY
)
	if [[ $got == "$2" ]]; then
		t_pass "$1: $2"
	else
		t_fail "$1: numbers '$got', want '$2'"
	fi
}
# runs NAME N_DD N_PROBE: -v shows N_DD -E -dD runs and N_PROBE -E runs over probe.c
runs() {
	local dd pe
	dd=$(grep -cE '^uabi: [a-z0-9_]+: .* -E -dD [^ ]*/macros\.c$' "$work/$1.err")
	pe=$(grep -cE '^uabi: [a-z0-9_]+: .* -E [^ ]*/probe\.c$' "$work/$1.err")
	if [[ $dd == "$2" && $pe == "$3" ]]; then
		t_pass "$1: $2 -E -dD run(s), $3 -E run(s) over probe.c"
	else
		t_fail "$1: $dd -E -dD run(s), $pe over probe.c; want $2 and $3"
	fi
}

# _IOW(0x78, 1, struct ph_a): write 1<<30, size 4 (int when the struct was
# defined); _IOR(0x78, 2, long long): read 2<<30, size 8; _IO(0x78, PH_N)
# with PH_N's last definition, 9
t_run 0 ph "$uabi" extract -v --headers "$h" --header linux/ph.h --profile x86_64 -o "$work/ph.json"
numbers ph "PH_A=0x40047801 PH_B=0x80087802 PH_C=0x7809"
runs ph 1 0
# pop_macro restores PH_W 4: char[4], read, 0x80047804
t_run 0 ph-push "$uabi" extract -v --headers "$h" --header linux/ph-push.h --profile x86_64 -o "$work/ph-push.json"
numbers ph-push "PH_P=0x80047804"
runs ph-push 1 1
# _IOR(0x78, 6, size_t): 8 bytes on x86_64; _IOW(0x78, 7, ptrdiff_t[2]): 16
t_run 0 ph-size "$uabi" extract -v --headers "$h" --header linux/ph-size.h --profile x86_64 -o "$work/ph-size.json"
numbers ph-size "PH_Q=0x40107807 PH_S=0x80087806"
runs ph-size 1 0
if grep -q '"<compiler>/stddef.h"' "$work/ph-size.json"; then
	t_pass "ph-size: input.files records <compiler>/stddef.h"
else
	t_fail "ph-size: <compiler>/stddef.h not in input.files"
fi
# clang: "use of undeclared identifier 'size_t'" (stddef.h saw _SIZE_T
# defined): PH_G is not applicable (number 0), PH_I is judged
t_run 0 ph-guard "$uabi" extract -v --headers "$h" --header linux/ph-guard.h --profile x86_64 -o "$work/ph-guard.json"
numbers ph-guard "PH_G=0x0 PH_I=0x80047809"
runs ph-guard 1 0
if grep -q "\"reason\": \"use of undeclared identifier 'size_t'" "$work/ph-guard.json"; then
	t_pass "ph-guard: PH_G not applicable: use of undeclared identifier 'size_t'"
else
	t_fail "ph-guard: no \"use of undeclared identifier 'size_t'\" reason in the dump"
fi
t_run 2 ph-fatal "$uabi" extract -v --headers "$h" --header linux/ph-fatal.h --profile x86_64 -o "$work/ph-fatal.json"
t_err_has ph-fatal "^uabi: x86_64: linux/ph-fatal.h:2: #include <ph-none.h>, which is neither in the uapi tree nor in the C library's headers$"
runs ph-fatal 1 0
t_run 3 ph-ext "$uabi" extract -v --headers "$h" --header linux/ph-ext.h --profile x86_64 -o "$work/ph-ext.json"
t_err_has ph-ext "^  \| linux/ph-ext.h:3:2: error: boom$"
runs ph-ext 2 0
if grep -q 'stddef' "$work/ph-ext.err"; then
	t_fail "ph-ext: stderr names stddef.h"
else
	t_pass "ph-ext: stderr does not name stddef.h"
fi
# #pragma pack(push, 4) ... pack(pop) writes no assembler text: the probe
# is compiled to an object at once (-c), no -S; one with a label is not of
# the allowed forms and takes the -S route. Both: char at 0, long long at
# 4, size 12 (clang, below): _IOW 1<<30 | 12<<16
asm_route() {
	local s c
	s=$(grep -cE '^uabi: x86_64: .* -S [^ ]*/probe\.i -o [^ ]*/probe\.s$' "$work/$1.err")
	c=$(grep -cE '^uabi: x86_64: .* -c [^ ]*/probe\.i -o [^ ]*/probe\.o$' "$work/$1.err")
	if [[ $s == "$2" && $c == "$3" ]]; then
		t_pass "$1: $2 -S and $3 -c compile(s) of probe.i"
	else
		t_fail "$1: $s -S and $c -c compile(s) of probe.i; want $2 and $3"
	fi
}
t_run 0 ph-pack "$uabi" extract -v --headers "$h" --header linux/ph-pack.h --profile x86_64 -o "$work/ph-pack.json"
numbers ph-pack "PH_K=0x400c780c"
runs ph-pack 1 0
asm_route ph-pack 0 1
t_run 0 ph-packlbl "$uabi" extract -v --headers "$h" --header linux/ph-packlbl.h --profile x86_64 \
	-o "$work/ph-packlbl.json"
numbers ph-packlbl "PH_L=0x400c780d"
asm_route ph-packlbl 1 0
t_err_has ph-packlbl "^uabi: x86_64: linux/ph-packlbl.h:2: the headers could write assembler text: compiling with -S and checking it$"
# a string in a macro body counts where the probe's lines reach it: PH_NAME,
# which nothing expands, sends nothing through -S; PH_TX reaches PH_NM
t_run 0 ph-str "$uabi" extract -v --headers "$h" --header linux/ph-str.h --profile x86_64 -o "$work/ph-str.json"
numbers ph-str "PH_T=0x80047810"
asm_route ph-str 0 1
t_run 0 ph-strx "$uabi" extract -v --headers "$h" --header linux/ph-strx.h --profile x86_64 \
	-o "$work/ph-strx.json"
numbers ph-strx "PH_TX=0x80047811"
asm_route ph-strx 1 0
t_err_has ph-strx "^uabi: x86_64: linux/ph-strx.h:2: the headers could write assembler text: compiling with -S and checking it$"
# the same where the probe also includes <stddef.h> (size_t), from the
# pass that entered it: PH_NZ unreached, no -E run over probe.c and no -S;
# PH_ZX reaches PH_NZX: -S. _IOR(0x78, 18, size_t): 0x80087812;
# _IOR(0x78, 19, char[7 + 8]): 0x800f7813
t_run 0 ph-strsz "$uabi" extract -v --headers "$h" --header linux/ph-strsz.h --profile x86_64 \
	-o "$work/ph-strsz.json"
numbers ph-strsz "PH_Z=0x80087812"
runs ph-strsz 1 0
asm_route ph-strsz 0 1
t_run 0 ph-strszx "$uabi" extract -v --headers "$h" --header linux/ph-strszx.h --profile x86_64 \
	-o "$work/ph-strszx.json"
numbers ph-strszx "PH_ZX=0x800f7813"
runs ph-strszx 1 0
asm_route ph-strszx 1 0
t_err_has ph-strszx "^uabi: x86_64: linux/ph-strszx.h:2: the headers could write assembler text: compiling with -S and checking it$"
# a _Pragma in a macro that neither the headers nor the probe expand
# (glibc's __glibc_macro_warning1): the probe is compiled from the -dD
# text; _IOR(0x78, 14, int): 0x8004780e
t_run 0 ph-wmacro "$uabi" extract -v --headers "$h" --header linux/ph-wmacro.h --profile x86_64 \
	-o "$work/ph-wmacro.json"
numbers ph-wmacro "PH_M=0x8004780e"
runs ph-wmacro 1 0
# _Pragma made by pasting (no "_Pragma" in the header) restores PH_V 4
# where -E prints neither push_macro nor pop_macro (the -dD lines say
# 8): the probe is preprocessed on its own; char[4], 0x8004780f
t_run 0 ph-paste "$uabi" extract -v --headers "$h" --header linux/ph-paste.h --profile x86_64 \
	-o "$work/ph-paste.json"
numbers ph-paste "PH_PV=0x8004780f"
runs ph-paste 1 1
t_run 2 ph-hash "$uabi" extract --headers "$h" --header linux/ph-hash.h --profile x86_64 -o "$work/ph-hash.json"
t_err_has ph-hash "^uabi: x86_64: linux/ph-hash.h:3: a macro that puts '#' at the start of a line \(a directive once preprocessed\) is not allowed$"
# the compiler's own numbers, from a program including each header
cat >"$work/n.c" <<'C'
#include <linux/ph.h>
#include <linux/ph-push.h>
#include <linux/ph-size.h>
#include <linux/ph-pack.h>
#include <linux/ph-packlbl.h>
#include <linux/ph-wmacro.h>
#include <linux/ph-paste.h>
#include <linux/ph-str.h>
#include <linux/ph-strx.h>
#include <linux/ph-strsz.h>
#include <linux/ph-strszx.h>
#include <stddef.h>
unsigned long n[] = { PH_A, PH_B, PH_C, PH_P, PH_S, PH_Q, PH_K, PH_L, PH_M, PH_PV, PH_T, PH_TX, PH_Z, PH_ZX };
C
clang --target=x86_64-linux-gnu -nostdinc -I "$h" -isystem "$(clang -print-resource-dir)/include" -S -o "$work/n.s" "$work/n.c"
if [[ $(grep -E '^\s+\.quad' "$work/n.s" | awk '{ printf "%s ", $2 }') == "1074034689 2148038658 30729 2147776516 2148038662 1074821127 1074558988 1074558989 2147776526 2147776527 2147776528 2147776529 2148038674 2148497427 " ]]; then
	t_pass "clang: the same numbers for a program including the headers"
else
	t_fail "clang: $(grep -E '^\s+\.quad' "$work/n.s" | tr '\n' ' ')"
fi
t_finish probe-head
