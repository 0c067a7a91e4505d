#!/usr/bin/env bash
# The incremental extraction (issue 9, item 3; docs/extract.md): on a miss
# of `extract --all`, the cached result of the tree as it was is reused for
# every header the change cannot reach, and only the others are compiled
# again, as one group; the dumps are byte-identical to a --no-cache run.
#
#   tests/cli/incremental.sh [UABI]
#
# An installed-headers tree of ten ioctl headers (one skipped) on x86_64 and i386, whose
# compiler is a wrapper that logs every call and hard-links a header of the
# tree (as a parallel t_copy_tree does: the ctime of the file changes, not
# its content, which must not keep the result out of the cache).
#   linux/a.h, linux/c.h  include linux/common.h (struct common)
#   linux/q.h             uses struct common and A_MAGIC without including
#                         them: linux/a.h provides both in the one unit
#   linux/b.h, d.h .. h.h stand alone
set -uo pipefail
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
t_init incremental "${1:-}" notree
clang=$(command -v clang) || {
	echo "incremental: SKIP (no clang)"
	exit 77
}
if [[ ! -f /usr/include/asm-generic/ioctl.h ]]; then
	echo "incremental: SKIP: no /usr/include/asm-generic/ioctl.h (apt-get install linux-libc-dev)"
	exit 77
fi
unset UABI_NO_CACHE UABI_CACHE_MAX_MIB
# incremental runs are the default (UABI_INCREMENTAL=0 turns them off)
unset UABI_INCREMENTAL
export UABI_CACHE_DIR=$work/cache

inc=$work/inc
mkdir -p "$inc/linux" "$inc/asm-generic" "$inc/x86_64-linux-gnu/asm" "$work/bin"
cp /usr/include/asm-generic/ioctl.h "$inc/asm-generic/"
echo '#include <asm-generic/ioctl.h>' >"$inc/x86_64-linux-gnu/asm/ioctl.h"
echo '#include <asm/ioctl.h>' >"$inc/linux/ioctl.h"
printf '#ifndef _COMMON_H\n#define _COMMON_H\nstruct common { int v; };\n#endif\n' >"$inc/linux/common.h"
for h in a c; do
	{
		printf '#ifndef _%s_H\n#define _%s_H\n#include <linux/ioctl.h>\n#include <linux/common.h>\n' "$h" "$h"
		[[ $h == a ]] && printf "#define A_MAGIC 'A'\n"
		printf 'struct %s_arg { struct common c; long x; };\n' "$h"
		printf "#define %s_GET _IOR('%s', 1, struct %s_arg)\n#endif\n" "${h^^}" "${h^^}" "$h"
	} >"$inc/linux/$h.h"
done
for h in b d e f g h; do
	printf "#ifndef _%s_H\n#define _%s_H\n#include <linux/ioctl.h>\nstruct %s_arg { int a; long x; };\n#define %s_GET _IOR('%s', 1, struct %s_arg)\n#endif\n" \
		"$h" "$h" "$h" "${h^^}" "${h^^}" "$h" >"$inc/linux/$h.h"
done
q() { # q MEMBER_TYPE
	printf '#ifndef _Q_H\n#define _Q_H\n#include <linux/ioctl.h>\nstruct q_arg { struct common c; %s y; };\n#define Q_GET _IOR(A_MAGIC, 2, struct q_arg)\n#endif\n' "$1" >"$inc/linux/q.h.new"
	mv -f "$inc/linux/q.h.new" "$inc/linux/q.h"
}
q int
# skipped: it includes a file that is nowhere (--no-sysroot)
printf "#ifndef _S_H\n#define _S_H\n#include <linux/ioctl.h>\n#include <sys/nowhere.h>\n#define S_GET _IOR('S', 1, int)\n#endif\n" >"$inc/linux/s.h"
cc=$work/bin/clang
cat >"$cc" <<EOF
#!/bin/sh
echo "\$*" >>"$work/cc.log"
ln -f "$inc/linux/b.h" "$work/link-\$\$" 2>/dev/null
case " \$* " in
*" -M "* | *" -MD "*)
	# the screen, or the group's first -dD pass standing for it
	for a; do last=\$a; done
	# one write: the two profiles' screens run at once
	printf '%s\n' "\$(grep -h '^#include' "\$last" | tr '\n' ' ')" >>"$work/screen.log" ;;
esac
exec "$clang" "\$@"
EOF
chmod +x "$cc"
: >"$work/cc.log"
: >"$work/screen.log"
profile() { # NAME TARGET MODEL COMPAT
	printf ' {"name": "%s", "arch": "x86", "triplet": "x86_64-linux-gnu", "model": "%s", "endian": "little",\n' "$1" "$3"
	printf '  "cc": ["%s", "--target=%s"], "ld": ["ld.lld"], "compat": [%s]}' "$cc" "$2" "$4"
}
{
	echo '{"profiles": ['
	profile x86_64 x86_64-linux-gnu LP64 '"i386"'
	echo ,
	profile i386 i386-linux-gnu ILP32 ''
	echo ']}'
} >"$work/profiles.json"
ext=("$uabi" extract --profiles-file "$work/profiles.json" --headers "$inc" --all
	--profile x86_64,i386 -j 2 -v --no-sysroot)
calls() { wc -l <"$work/cc.log"; }

# step NAME: an incremental run into d-NAME, a cold one into c-NAME, the
# dumps compared byte for byte; the compiler calls of the first into $ncalls
step() {
	local before sbefore
	before=$(calls)
	sbefore=$(wc -l <"$work/screen.log")
	t_run 0 "$1" "${ext[@]}" -o "$work/d-$1/"
	ncalls=$(($(calls) - before))
	screened=$(tail -n +$((sbefore + 1)) "$work/screen.log" | sort -u)
	t_run 0 "$1-cold" "${ext[@]}" --no-cache -o "$work/c-$1/"
	for p in x86_64 i386; do
		if cmp -s "$work/d-$1/$p.json" "$work/c-$1/$p.json"; then
			t_pass "$1: $p.json is the cold run's, byte for byte"
		else
			t_fail "$1: $p.json differs from the cold run's"
			diff "$work/d-$1/$p.json" "$work/c-$1/$p.json" | head -10 | sed 's/^/    /'
		fi
	done
}
# again NAME N: -v said "N of 10 headers to extract again" for both profiles
again() {
	for p in x86_64 i386; do
		t_err_has "$1" "^uabi: $p: $2 of 10 headers to extract again\$"
	done
}

# ---- 1. cold: stored although the compiler hard-linked a header ---------------
t_run 0 cold "${ext[@]}" -o "$work/d-cold/"
t_run 0 warm "${ext[@]}" -o "$work/d-warm/"
for p in x86_64 i386; do
	t_err_has warm "^uabi: $p: cache hit\$"
done
cold_calls=$(calls)
# per profile: -print-file-name=include, the screen (-M: charges
# linux/s.h), -dD (with -MD: the nine headers' files, none missing: it
# stands for a second screen) and the probe's compile (clang compiles it
# from the -dD text: no -E of its own; the link is in-process)
if ((cold_calls == 8)); then
	t_pass "cold: 8 compiler calls"
else
	t_fail "cold: $cold_calls compiler calls, want 8"
fi
# screened NAME WANT: the screens of step NAME included exactly WANT
screened() {
	if [[ $screened == "$2" ]]; then
		t_pass "$1: the group compiled: $2"
	else
		t_fail "$1: the group compiled: '$screened', want '$2'"
	fi
}
cold_screen=$(sort -u "$work/screen.log")
screened_all='#include <linux/ioctl.h> #include <linux/a.h> #include <linux/b.h> #include <linux/c.h> #include <linux/d.h> #include <linux/e.h> #include <linux/f.h> #include <linux/g.h> #include <linux/h.h> #include <linux/q.h> #include <linux/s.h> '
# the first screen charges linux/s.h, the second is of the nine others
if [[ $cold_screen == "${screened_all%'#include <linux/s.h> '}"$'\n'"$screened_all" ]]; then
	t_pass "cold: one group of the nine headers linux/s.h left"
else
	t_fail "cold: screened '$cold_screen'"
fi

# ---- 2. one header changed: it alone, 3 calls a profile (-print-file-name,
# -dD with -MD for the screen, the compile) ----------------------------------------
sed -i.orig 's/long x;/short x;/' "$inc/linux/b.h" && rm -f "$inc/linux/b.h.orig"
step b
again b 1
screened b '#include <linux/ioctl.h> #include <linux/b.h> '
if ((ncalls == 6)); then t_pass "b: 6 compiler calls"; else t_fail "b: $ncalls compiler calls, want 6"; fi

# ---- 3. a header that uses what another provides: both ---------------------------
q long
step q
again q 2
screened q '#include <linux/ioctl.h> #include <linux/a.h> #include <linux/q.h> '
# linux/q.h's ioctl: struct q_arg { struct common c; long y; }: 8 bytes on i386, 16 on x86_64
python3 - "$work/d-q" <<'PY' && t_pass "q: Q_GET sizes 8 (i386) and 16 (x86_64)" || t_fail "q: Q_GET sizes"
import json, sys
d = sys.argv[1]
s = {p: next(i["size"] for i in json.load(open(f"{d}/{p}.json"))["ioctls"] if i["name"] == "Q_GET")
     for p in ("i386", "x86_64")}
sys.exit(0 if s == {"i386": 8, "x86_64": 16} else 1)
PY

# ---- 4. an included header: every includer and what they provide ----------------
printf '#ifndef _COMMON_H\n#define _COMMON_H\nstruct common { long long v; };\n#endif\n' >"$inc/linux/common.h.new"
mv -f "$inc/linux/common.h.new" "$inc/linux/common.h"
step common
# a.h and c.h include it; q.h reaches struct common through a.h
again common 3
screened common '#include <linux/ioctl.h> #include <linux/a.h> #include <linux/c.h> #include <linux/q.h> '

# ---- 5. a new header and a header gone ----------------------------------------
printf "#ifndef _N_H\n#define _N_H\n#include <linux/ioctl.h>\n#define N_SET _IOW('N', 1, int)\n#endif\n" >"$inc/linux/n.h"
rm "$inc/linux/h.h"
step newgone
again newgone 1
screened newgone '#include <linux/ioctl.h> #include <linux/n.h> '

# ---- 6. a comment: the includers compile again, nothing else changes ---------------
echo '/* a comment */' >>"$inc/linux/d.h"
step comment
again comment 1
screened comment '#include <linux/ioctl.h> #include <linux/d.h> '

# ---- 7. the skipped header changed: skipped again, with its reason ---------------
sed -i 's/nowhere/elsewhere/' "$inc/linux/s.h"
step skipped
again skipped 1
screened skipped '#include <linux/ioctl.h> #include <linux/s.h> '
reason=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["input"]["skipped"])' "$work/d-skipped/i386.json")
want="[{'header': 'linux/s.h', 'reason': 'includes <sys/elsewhere.h>, which is in no include directory of the uapi tree (a C library header, or one the tree lacks)'}]"
if [[ $reason == "$want" ]]; then
	t_pass "skipped: linux/s.h skipped, the new file named"
else
	t_fail "skipped: $reason"
fi

# ---- 8. check on the same tree: the same report as --no-cache ------------------------
sed -i 's/short x;/int x;/' "$inc/linux/b.h"
chk=("$uabi" check --profiles-file "$work/profiles.json" --headers "$inc" --all --pairs all
	--fail-on never --no-sysroot)
t_run 0 check "${chk[@]}" -o "$work/check1.txt"
t_run 0 check-nocache "${chk[@]}" --no-cache -o "$work/check2.txt"
if cmp -s "$work/check1.txt" "$work/check2.txt"; then
	t_pass "check: the report is the --no-cache one"
else
	t_fail "check: the report differs from the --no-cache one"
fi

# ---- 9. what a header reads of another without an #include -------------------
# A second tree, with a cache of its own: each step changes one header and
# the incremental dump must be the --no-cache one, byte for byte
#   linux/v.h   struct v_arg { __u32 a; __u32 b; } (V_SET 0x4008f401 alone)
#   linux/x.h   later #defines __u32 __u64: check_foreign sends it to a later
#               group, linux/v.h keeps its number
#   linux/p.h   #defines P_LEN
#   linux/u.h   uses P_LEN in a #define body (a provider, no #include), and
#               #if U_WIDE, U_WIDE being P_WIDE: a change of P_LEN, and P_WIDE
#               newly defined by linux/i1.h, change U_SET (as the group
#               compiles it: known gap, a name a #define body uses that an
#               #if then expands is taken from the group, not as alone)
#   (a header with __has_include, whose result a new file elsewhere could
#   change, is refused: cli/hostile)
#   linux/t.h   (section 10) takes struct t_arg from linux/targ.h, which it
#               does not include
export UABI_CACHE_DIR=$work/cache2
inc=$work/inc2
mkdir -p "$inc/linux" "$inc/asm-generic" "$inc/x86_64-linux-gnu/asm"
cp /usr/include/asm-generic/ioctl.h "$inc/asm-generic/"
echo '#include <asm-generic/ioctl.h>' >"$inc/x86_64-linux-gnu/asm/ioctl.h"
echo '#include <asm/ioctl.h>' >"$inc/linux/ioctl.h"
put() { printf '%b' "$2" >"$inc/linux/$1.new" && mv -f "$inc/linux/$1.new" "$inc/linux/$1"; }
put types.h '#ifndef _T_H\n#define _T_H\ntypedef unsigned int __u32;\ntypedef unsigned long long __u64;\n#endif\n'
put v.h '#ifndef _V_H\n#define _V_H\n#include <linux/ioctl.h>\n#include <linux/types.h>\nstruct v_arg { __u32 a; __u32 b; };\n#define V_SET _IOW(0xf4, 1, struct v_arg)\n#endif\n'
put x.h '#include <linux/ioctl.h>\n#include <linux/types.h>\n#define X_SET _IO(0xf4, 9)\n'
put p.h '#include <linux/ioctl.h>\n#define P_LEN 4\n#define P_SET _IO(0xf5, 1)\n'
put u.h '#include <linux/ioctl.h>\n#define U_LEN (P_LEN * 2)\n#define U_WIDE P_WIDE\n#if U_WIDE\nstruct u_arg { long long w; char c[U_LEN]; };\n#else\nstruct u_arg { char c[U_LEN]; };\n#endif\n#define U_SET _IOW(0xf5, 2, struct u_arg)\n'
# three that nothing here changes
for h in i1 i2 i3; do
	put $h.h "#include <linux/ioctl.h>\\n#define ${h^^}_SET _IOW(0xf7, ${h#i}, int)\\n"
done
ext2=("$uabi" extract --profiles-file "$work/profiles.json" --headers "$inc" --all
	--profile x86_64 -v --no-sysroot)
# step2 NAME: incremental into e-NAME, cold into f-NAME, compared
step2() {
	t_run 0 "$1" "${ext2[@]}" -o "$work/e-$1/"
	t_run 0 "$1-cold" "${ext2[@]}" --no-cache -o "$work/f-$1/"
	if cmp -s "$work/e-$1/x86_64.json" "$work/f-$1/x86_64.json"; then
		t_pass "$1: the dump is the cold run's, byte for byte"
	else
		t_fail "$1: the dump differs from the cold run's"
		diff "$work/e-$1/x86_64.json" "$work/f-$1/x86_64.json" | head -10 | sed 's/^/    /'
	fi
}
# number NAME IOCTL WANT: the number of IOCTL in the cold dump of step NAME
number() {
	local got
	got=$(python3 -c 'import json, sys; print(next(i["number_hex"] for i in json.load(open(sys.argv[1]))["ioctls"] if i["name"] == sys.argv[2]))' \
		"$work/f-$1/x86_64.json" "$2")
	if [[ $got == "$3" ]]; then t_pass "$1: $2 is $3"; else t_fail "$1: $2 is $got, want $3"; fi
}
t_run 0 cold2 "${ext2[@]}" -o "$work/e-cold2/"
# the numbers are the compiler's (clang, x86_64): V_SET alone, struct of
# two unsigned ints (8 bytes); U_SET char[8] (8), with P_LEN 8 char[16]
# (16), with P_WIDE 1 long long + char[16] (24)
put x.h '#include <linux/ioctl.h>\n#include <linux/types.h>\n#define __u32 __u64\n#define X_SET _IO(0xf4, 9)\n'
step2 foreign
t_err_has foreign '^uabi: x86_64: again: linux/x.h \(linux/x.h\)$'
number foreign V_SET 0x4008f401
put p.h '#include <linux/ioctl.h>\n#define P_LEN 8\n#define P_SET _IO(0xf5, 1)\n'
step2 provider
# u.h by the provider recorded in its header_deps
t_err_has provider '^uabi: x86_64: again: linux/p.h \(linux/p.h\), linux/u.h \(linux/p.h\)$'
number provider U_SET 0x4010f502
# linux/i1.h newly defines P_WIDE: u.h recorded no dependency on it
put i1.h '#include <linux/ioctl.h>\n#define P_WIDE 1\n#define I1_SET _IOW(0xf7, 1, int)\n'
step2 newdef
# u.h by the new definition; p.h provides what u.h's closure lacks
t_err_has newdef '^uabi: x86_64: again: linux/i1.h \(linux/i1.h\), linux/p.h \(linux/u.h\), linux/u.h \(linux/i1.h\)$'
number newdef U_SET 0x4018f502

# ---- 10. the suppliers of the cached result first --------------------------
# linux/t.h's T_GET takes struct t_arg from linux/targ.h, which defines no
# ioctl and t.h does not include (supply() adds it, as fs.h's FS_IOC_FIEMAP
# gets linux/fiemap.h). After a change of t.h, its group's first -dD pass
# includes targ.h already (seed.d): one -dD run instead of two, when
# supply() asks for the same; otherwise the rounds as without it.
# dd NAME N: the -v log of step NAME shows N -E -dD runs, one the seeded one
dd() {
	local n s
	n=$(grep -cE '^uabi: x86_64: .* -E -dD ' "$work/$1.err")
	s=$(grep -cE '^uabi: x86_64: .* -E -dD -MD -MF [^ ]*/seed\.d ' "$work/$1.err")
	if [[ $n == "$2" && $s == 1 ]]; then
		t_pass "$1: $n -E -dD run(s), the first with the cached suppliers"
	else
		t_fail "$1: $n -E -dD run(s), $s seeded; want $2 and 1"
	fi
}
put targ.h '#ifndef _TARG_H\n#define _TARG_H\nstruct t_arg { long v; char c; };\n#endif\n'
put t.h '#include <linux/ioctl.h>\n#define T_GET _IOR(0xf8, 1, struct t_arg)\n'
step2 tnew
# struct t_arg: 16 bytes on x86_64 (clang)
number tnew T_GET 0x8010f801
put t.h '#include <linux/ioctl.h>\n/* changed */\n#define T_GET _IOR(0xf8, 1, struct t_arg)\n'
step2 seed
dd seed 1
number seed T_GET 0x8010f801
# the struct moves to linux/targ2.h: supply() asks for targ2.h, not the
# cached targ.h; a second -dD run, as without the seed
put targ2.h '#ifndef _TARG2_H\n#define _TARG2_H\nstruct t_arg { int v; };\n#endif\n'
put targ.h '#ifndef _TARG_H\n#define _TARG_H\n#endif\n'
step2 seed-moved
dd seed-moved 2
number seed-moved T_GET 0x8004f801
# t.h includes targ2.h itself: supply() asks for nothing; the seeded
# pass's part before the suppliers is the translation unit
put t.h '#include <linux/ioctl.h>\n#include <linux/targ2.h>\n#define T_GET _IOR(0xf8, 1, struct t_arg)\n'
step2 seed-own
dd seed-own 1
number seed-own T_GET 0x8004f801
# what the supplier itself includes counts: struct t_arg's size comes
# from TLEN of linux/tsub.h, which targ2.h includes and t.h does not
# (a change of tsub.h left the cached T_GET before)
put tsub.h '#define TLEN 4\n'
put targ2.h '#ifndef _TARG2_H\n#define _TARG2_H\n#include <linux/tsub.h>\nstruct t_arg { char c[TLEN]; };\n#endif\n'
put t.h '#include <linux/ioctl.h>\n#define T_GET _IOR(0xf8, 1, struct t_arg)\n'
step2 sub0
number sub0 T_GET 0x8004f801
put tsub.h '#define TLEN 12\n'
step2 sub
t_err_has sub '^uabi: x86_64: 1 of [0-9]+ headers to extract again$'
number sub T_GET 0x800cf801
# a new header defines struct t_arg too, otherwise: the tag is ambiguous
# and T_GET not applicable, as the cold run says (a change of a file that
# names the tag marks t.h)
put targ9.h '#ifndef _TARG9_H\n#define _TARG9_H\nstruct t_arg { long long w; };\n#endif\n'
step2 tdup
number tdup T_GET 0x0

t_finish incremental
