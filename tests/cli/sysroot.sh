#!/usr/bin/env bash
# A header that needs a C library header (<sys/time.h>) is compiled against
# a sysroot (issue 9 item 1; docs/extract.md): skipped with --no-sysroot,
# judged with --sysroot DIR (DIR/usr/include, its <multiarch> directory
# first, DIR/include or DIR itself), the C library's types in the layouts;
# the dump names the C library's files "<sysroot>/..." and no absolute
# path. A file of the sysroot reached through a symlink out of it is
# outside (exit 2), and so is the C library's copy of a kernel header the
# tree lacks (skipped with --all). The cache keys on the sysroot and its
# files. Without either option, Debian's libc6-dev serves the native
# profile where it is installed. --sysroot PROFILE=DIR gives one profile
# its own C library (the plain form serves the others, with a warning for
# a cross profile it has no <multiarch> directory for); the expected
# numbers of TV_SET come from the compiler against each C library.
#
#   tests/cli/sysroot.sh [UABI]
#
# Needs clang (x86_64, i386). No kernel tree needed.
set -uo pipefail
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
if ! command -v clang >/dev/null; then
	echo "sysroot: SKIP (no clang)"
	exit 77
fi
t_init sysroot "${1:-}" notree

t=$work/tree
u=$t/include/uapi
t_ioctl_tree "$t" x86
hdr() { printf '%b' "$2" >"$u/$1"; }
hdr linux/tv.h '#include <linux/ioctl.h>\n#include <sys/time.h>\nstruct tv_arg { struct timeval tv; int a; };\n#define TV_SET _IOW(0xf1, 1, struct tv_arg)\n'
hdr linux/plain.h '#include <linux/ioctl.h>\nstruct pl_arg { long a; };\n#define PL_SET _IOW(0xf1, 2, struct pl_arg)\n'

# the sysroot: sys/time.h takes struct timeval from the <multiarch>
# directory, where x86_64's and i386's differ (long vs long long)
s=$work/sysroot
si=$s/usr/include
mkdir -p "$si/sys" "$si/x86_64-linux-gnu/bits" "$si/i386-linux-gnu/bits" "$si/linux"
printf '#ifndef _SYS_TIME_H\n#define _SYS_TIME_H\n#include <bits/tv.h>\n#endif\n' >"$si/sys/time.h"
printf 'struct timeval { long tv_sec; long tv_usec; };\n' >"$si/x86_64-linux-gnu/bits/tv.h"
printf 'struct timeval { long long tv_sec; long long tv_usec; };\n' >"$si/i386-linux-gnu/bits/tv.h"

# summary JSON: judged, skipped (header | reason), TV_SET's number,
# timeval's size and file, the <sysroot>/ files, absolute paths anywhere
summary() {
	python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print("headers", " ".join(d["input"]["headers"]))
for s in d["input"].get("skipped", []):
    print("skipped", s["header"], "|", s["reason"])
for i in d["ioctls"]:
    print("ioctl", i["name"], i["number_hex"])
for t in d.get("types", []):
    if t.get("name") == "timeval":
        print("timeval", t.get("size"), t.get("file"))
print("files", " ".join(f for f in d["input"]["files"] if f.startswith("<")))
def strings(x):
    if isinstance(x, str):
        yield x
    elif isinstance(x, dict):
        for k, v in x.items():
            if k != "root":
                yield from strings(v)
    elif isinstance(x, list):
        for v in x:
            yield from strings(v)
print("absolute", len([x for x in strings(d) if x.startswith("/")]))
PY
}
has() { # NAME TEXT LINE: TEXT has the line LINE
	if grep -qxF -- "$3" <<<"$2"; then
		t_pass "$1: $3"
	else
		t_fail "$1: no line '$3' in:"
		sed 's/^/    /' <<<"$2"
	fi
}

# ---- no C library: skipped ---------------------------------------------------
t_run 0 none "$uabi" extract --all --no-sysroot --kernel-tree "$t" --profile x86_64 \
	-o "$work/none.json"
got=$(summary "$work/none.json")
has none "$got" "headers linux/plain.h"
has none "$got" "skipped linux/tv.h | includes <sys/time.h>, which is in no include directory of the uapi tree (a C library header, or one the tree lacks)"
has none "$got" "files "

# ---- --sysroot DIR: judged, per profile its <multiarch> directory -------------
for p in x86_64 i386; do
	t_run 0 "sysroot-$p" "$uabi" extract --all --sysroot "$s" --kernel-tree "$t" --profile "$p" \
		-o "$work/sysroot-$p.json"
	got=$(summary "$work/sysroot-$p.json")
	has "sysroot-$p" "$got" "headers linux/plain.h linux/tv.h"
	has "sysroot-$p" "$got" "files <sysroot>/bits/tv.h <sysroot>/sys/time.h"
	has "sysroot-$p" "$got" "absolute 0"
	has "sysroot-$p" "$got" "timeval 16 <sysroot>/bits/tv.h"
	if grep -q '^skipped' <<<"$got"; then
		t_fail "sysroot-$p: a header skipped"
	else
		t_pass "sysroot-$p: no header skipped"
	fi
	if grep -qF "$s" "$work/sysroot-$p.json"; then
		t_fail "sysroot-$p: the dump names the sysroot's path"
	else
		t_pass "sysroot-$p: the sysroot's path is not in the dump"
	fi
done
# struct tv_arg: x86_64 16 + 4 -> 24; i386 (long long 4-aligned) 16 + 4 -> 20
has sysroot-x86_64 "$(summary "$work/sysroot-x86_64.json")" "ioctl TV_SET 0x4018f101"
has sysroot-i386 "$(summary "$work/sysroot-i386.json")" "ioctl TV_SET 0x4014f101"

# the same headers named as DIR/usr/include: the same dump, byte for byte
t_run 0 incdir "$uabi" extract --all --sysroot "$si" --kernel-tree "$t" --profile x86_64 \
	-o "$work/incdir.json"
if cmp -s "$work/incdir.json" "$work/sysroot-x86_64.json"; then
	t_pass "incdir: --sysroot DIR/usr/include gives the same dump as --sysroot DIR"
else
	t_fail "incdir: the dumps differ"
	diff "$work/incdir.json" "$work/sysroot-x86_64.json" | head -10
fi

# verify compiles the dump's headers again against the same sysroot
t_run 0 one "$uabi" extract --header linux/tv.h --sysroot "$s" --kernel-tree "$t" --profile x86_64 \
	-o "$work/one.json"
t_run 0 verify "$uabi" verify --sysroot "$s" "$work/one.json"

# ---- --sysroot PROFILE=DIR: one profile's C library ----------------------------
# s2: a cross C library laid out as Debian's /usr/<triplet>/include (no
# multiarch directory), whose timeval has three long longs
s2=$work/sysroot-i386
mkdir -p "$s2/include/sys"
printf '#ifndef _SYS_TIME_H\n#define _SYS_TIME_H\nstruct timeval { long long tv_sec; long long tv_usec; long long pad; };\n#endif\n' \
	>"$s2/include/sys/time.h"
# TV_SET's number as the compiler computes it against a C library dir
cc_number() { # TARGET LIBC_DIR...
	local target=$1 args=()
	shift
	for dir in "$@"; do args+=(-idirafter "$dir"); done
	printf '#include <linux/tv.h>\nunsigned int uabi_expect = TV_SET;\n' >"$work/expect.c"
	clang --target="$target" -nostdinc -I"$t/arch/x86/include/uapi" -I"$u" "${args[@]}" -S \
		-o "$work/expect.s" "$work/expect.c" &&
		awk '/\.(long|int)[ \t]/ { printf "0x%x\n", $2; exit }' "$work/expect.s"
}
want64=$(cc_number x86_64-linux-gnu "$si/x86_64-linux-gnu" "$si")
want32=$(cc_number i386-linux-gnu "$s2/include")
want32plain=$(cc_number i386-linux-gnu "$si/i386-linux-gnu" "$si")
if [[ -n $want64 && -n $want32 && $want32 != "$want32plain" ]]; then
	t_pass "compiler: TV_SET $want64 (x86_64, $s), $want32 (i386, $s2), $want32plain (i386, $s)"
else
	t_fail "compiler: no expected numbers ($want64, $want32, $want32plain)"
fi
# the plain form for x86_64, i386's own for i386; and both per profile
for form in mixed each; do
	case $form in
	mixed) args=(--sysroot "$s" --sysroot "i386=$s2") ;;
	each) args=(--sysroot "x86_64=$s" --sysroot "i386=$s2") ;;
	esac
	t_run 0 "per-$form" "$uabi" extract --all "${args[@]}" --no-cache --kernel-tree "$t" \
		--profile x86_64,i386 -o "$work/per-$form"
	has "per-$form" "$(summary "$work/per-$form/x86_64.json")" "ioctl TV_SET $want64"
	has "per-$form" "$(summary "$work/per-$form/i386.json")" "ioctl TV_SET $want32"
	if [[ -s $work/per-$form.err ]]; then
		t_fail "per-$form: stderr not empty: $(cat "$work/per-$form.err")"
	else
		t_pass "per-$form: no warning"
	fi
done
# only i386's: x86_64 keeps its default (Debian's, or none)
t_run 0 per-one "$uabi" extract --all --sysroot "i386=$s2" --no-cache --kernel-tree "$t" \
	--profile i386 -o "$work/per-one.json"
has per-one "$(summary "$work/per-one.json")" "ioctl TV_SET $want32"
# the plain form reaching a cross profile it has no <multiarch> dir for: a warning
t_run 0 plain-cross "$uabi" extract --all --sysroot "$s2" --no-cache --kernel-tree "$t" \
	--profile i386 -o "$work/plain-cross.json"
t_err_has plain-cross "^uabi: warning: --sysroot $s2 serves i386 too, and has no include directory for its target: give --sysroot i386=DIR for its C library \(or --sysroot PROFILE=DIR for the native one only\)$"
# ... and none where it has one (the multiarch sysroot $s serves i386)
t_run 0 plain-multi "$uabi" extract --all --sysroot "$s" --no-cache --kernel-tree "$t" \
	--profile i386 -o "$work/plain-multi.json"
if [[ -s $work/plain-multi.err ]]; then
	t_fail "plain-multi: stderr not empty: $(cat "$work/plain-multi.err")"
else
	t_pass "plain-multi: no warning for a sysroot with i386's multiarch directory"
fi
# usage
t_run 2 per-unknown "$uabi" extract --all --sysroot "nope=$s2" --kernel-tree "$t" --profile i386 \
	-o "$work/per-unknown.json"
t_err_has per-unknown "^uabi: --sysroot nope=$s2: no profile nope \(uabi profiles lists them\)$"
t_run 2 per-twice "$uabi" extract --all --sysroot "i386=$s2" --sysroot "i386=$s" --kernel-tree "$t" \
	--profile i386 -o "$work/per-twice.json"
t_err_has per-twice "--sysroot i386=: given twice"
t_run 2 per-missing "$uabi" extract --all --sysroot "i386=$work/nope" --kernel-tree "$t" --profile i386 \
	-o "$work/per-missing.json"
t_err_has per-missing "^uabi: --sysroot i386=$work/nope: No such file or directory$"
t_run 2 per-none "$uabi" extract --all --sysroot "i386=$s2" --no-sysroot --kernel-tree "$t" \
	--profile i386 -o "$work/per-none.json"
t_err_has per-none "give one of --sysroot and --no-sysroot"
t_run 0 per-verify "$uabi" verify --sysroot "i386=$s2" "$work/per-one.json"

# ---- outside ------------------------------------------------------------------
mkdir -p "$work/outside"
printf 'struct timeval { int leaked; };\n' >"$work/outside/evil.h"
ln -s "$work/outside/evil.h" "$si/sys/link.h"
hdr linux/evil.h '#include <linux/ioctl.h>\n#include <sys/link.h>\nstruct ev_arg { int a; };\n#define EV_SET _IOW(0xf1, 3, struct ev_arg)\n'
t_run 2 link "$uabi" extract --header linux/evil.h --sysroot "$s" --kernel-tree "$t" --profile x86_64 \
	-o "$work/link.json"
t_err_has link "^uabi: x86_64: include/uapi/linux/evil.h:2: includes a file outside the input tree: $work/outside/evil.h \(through <sysroot>/sys/link.h\)$"
t_run 2 link-all "$uabi" extract --all --sysroot "$s" --kernel-tree "$t" --profile x86_64 \
	-o "$work/link-all.json"
# --all names the #include line too, as the named header's run does
t_err_has link-all "^uabi: x86_64: include/uapi/linux/evil.h:2: includes a file outside the input tree: $work/outside/evil.h \(through <sysroot>/sys/link.h\)$"
for n in link link-all; do
	if [[ -e $work/$n.json ]]; then t_fail "$n: a dump written"; else t_pass "$n: no dump written"; fi
done
rm "$u/linux/evil.h"

# the C library's copy of a kernel header the tree lacks: another kernel's
printf 'struct from_libc { int a; };\n' >"$si/linux/libc-only.h"
hdr linux/kcopy.h '#include <linux/ioctl.h>\n#include <linux/libc-only.h>\n#define KC_SET _IOW(0xf1, 4, struct from_libc)\n'
t_run 0 kcopy-all "$uabi" extract --all --sysroot "$s" --kernel-tree "$t" --profile x86_64 \
	-o "$work/kcopy-all.json"
has kcopy-all "$(summary "$work/kcopy-all.json")" \
	"skipped linux/kcopy.h | includes <sysroot>/linux/libc-only.h, the C library's copy of a kernel header the tree lacks"
t_run 2 kcopy "$uabi" extract --header linux/kcopy.h --sysroot "$s" --kernel-tree "$t" --profile x86_64 \
	-o "$work/kcopy.json"
t_err_has kcopy "^uabi: x86_64: include/uapi/linux/kcopy.h:2: includes <sysroot>/linux/libc-only.h, the C library's copy of a kernel header the tree lacks \(the headers judged are the tree's\)$"
rm "$u/linux/kcopy.h"

# ---- usage --------------------------------------------------------------------
t_run 2 missing "$uabi" extract --all --sysroot "$work/nope" --kernel-tree "$t" --profile x86_64 \
	-o "$work/missing.json"
t_err_has missing "^uabi: --sysroot $work/nope: No such file or directory$"
t_run 2 both "$uabi" extract --all --sysroot "$s" --no-sysroot --kernel-tree "$t" --profile x86_64 \
	-o "$work/both.json"
t_err_has both "give one of --sysroot and --no-sysroot, once"

# ---- the cache: keyed on the sysroot's directories and its files --------------
(
	unset UABI_NO_CACHE
	export UABI_CACHE_DIR=$work/cache
	run() { "$uabi" extract -v --all --sysroot "$1" --kernel-tree "$t" --profile x86_64 -o "$work/c.json" 2>&1 |
		grep -o 'cache [a-z]*'; }
	echo "first $(run "$s")"
	echo "again $(run "$s")"
	printf 'struct timeval { long tv_sec; long tv_usec; long extra; };\n' >"$si/x86_64-linux-gnu/bits/tv.h"
	echo "changed $(run "$s") $(summary "$work/c.json" | grep '^ioctl TV_SET')"
	cp -r "$s" "$work/sysroot2"
	echo "elsewhere $(run "$work/sysroot2")"
	echo "back $(run "$s")"
) >"$work/cache.out"
for want in "first cache miss" "again cache hit" "changed cache miss ioctl TV_SET 0x4020f101" \
	"elsewhere cache miss" "back cache hit"; do
	t_out_has cache "$want"
done

# ---- default: Debian's libc6-dev for the native profile ------------------------
ma=$(gcc -print-multiarch 2>/dev/null || true)
if [[ $ma == x86_64-linux-gnu && -f /usr/include/$ma/sys/types.h && -f /usr/include/$ma/sys/time.h ]]; then
	t_run 0 default "$uabi" extract --all --kernel-tree "$t" --profile x86_64 -o "$work/default.json"
	got=$(summary "$work/default.json")
	has default "$got" "headers linux/plain.h linux/tv.h"
	has default "$got" "absolute 0"
	if grep -q '^files .*<sysroot>/sys/time.h' <<<"$got"; then
		t_pass "default: <sysroot>/sys/time.h from /usr/include"
	else
		t_fail "default: no <sysroot>/sys/time.h in: $(grep '^files' <<<"$got")"
	fi
else
	echo "note: no native x86_64 libc6-dev, the default not covered"
fi

t_finish sysroot
