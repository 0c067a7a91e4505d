#!/usr/bin/env bash
# Inputs stay inside the tree: a header that includes a file outside the
# input tree (an absolute path, a ../ path that climbs out, a symlink in the
# tree that points out; a file that parses as C and one that does not) is an
# input error (exit 2) with one line naming the including header and line
# (under --all too, whose first screen, cc -M, names no line),
# and the outside file's content (a unique token) appears nowhere: not on
# stdout or stderr, not in any output file of extract, check, diff or
# verify. Compiler diagnostics name files relative to the tree, never a
# scratch path.
#
#   tests/cli/outside.sh [UABI]
#
# Needs clang (the x86_64 and i386 profiles); the s390 profile (gcc) is
# covered too when s390x-linux-gnu-gcc is installed. No kernel tree needed.
set -uo pipefail
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
if ! command -v clang >/dev/null; then
	echo "outside: SKIP (no clang)"
	exit 77
fi
t_init outside "${1:-}" notree
token=UABI_OUTSIDE_TOKEN_$$_$RANDOM

# the outside files: one parses as C (a struct, the token in a comment and
# in a macro), one does not (the token as bare text, like /etc/shadow)
out=$work/outside
mkdir -p "$out"
printf 'struct uabi_leak { int a; }; /* %s */\n#define UABI_LEAK "%s"\n' "$token" "$token" >"$out/parses.h"
printf '%s:$6$not-c-at-all:19000:0:99999:7:::\n' "$token" >"$out/shadow"

# a small kernel tree
t=$work/tree
mkdir -p "$t/include/uapi/linux" "$t/arch/x86/include/uapi/asm" "$t/arch/s390/include/uapi/asm"
printf 'struct uabi_ok { int a; };\n' >"$t/include/uapi/linux/ok.h"
hdr() { printf '%b' "$2" >"$t/include/uapi/linux/$1"; }
hdr abs-c.h '#include <linux/ok.h>\n#include "'"$out"'/parses.h"\n'
hdr abs-text.h '/* line 1 */\n\n#include "'"$out"'/shadow"\n'
hdr up-c.h '#include "../../../../outside/parses.h"\n'
hdr up-text.h '#include <linux/ok.h>\n#include "../../../../outside/shadow"\n'
ln -s "$out/parses.h" "$t/include/uapi/linux/link-c.h"
ln -s "$out/shadow" "$t/include/uapi/linux/link-text.h"
hdr via-link-c.h '#include <linux/link-c.h>\n'
hdr via-link-text.h '\n#include <linux/ok.h>\n#include <linux/link-text.h>\n'
# nested: the line is the direct includer's
hdr nest.h '#include <linux/ok.h>\n#include <linux/abs-text.h>\n'

# case HEADER LINE_RE: the header, and the message's "FILE:LINE: ... TARGET"
cases=(
	"abs-c.h|include/uapi/linux/abs-c.h:2: includes a file outside the input tree: $out/parses.h"
	"abs-text.h|include/uapi/linux/abs-text.h:3: includes a file outside the input tree: $out/shadow"
	"up-c.h|include/uapi/linux/up-c.h:1: includes a file outside the input tree: $out/parses.h"
	"up-text.h|include/uapi/linux/up-text.h:2: includes a file outside the input tree: $out/shadow"
	"via-link-c.h|include/uapi/linux/via-link-c.h:1: includes a file outside the input tree: $out/parses.h (through include/uapi/linux/link-c.h)"
	"via-link-text.h|include/uapi/linux/via-link-text.h:3: includes a file outside the input tree: $out/shadow (through include/uapi/linux/link-text.h)"
	"nest.h|include/uapi/linux/abs-text.h:3: includes a file outside the input tree: $out/shadow"
)

profiles=(x86_64)
if command -v s390x-linux-gnu-gcc >/dev/null; then
	profiles+=(s390)
else
	echo "note: s390x-linux-gnu-gcc missing, gcc not covered"
fi

res=$work/res
mkdir -p "$res"

# one_line NAME WANT: stderr of NAME is exactly the line WANT
one_line() {
	local got
	got=$(cat "$work/$1.err")
	if [[ $got == "$2" ]]; then
		t_pass "$1: one line: $2"
	else
		t_fail "$1: stderr is not the one line '$2':"
		sed 's/^/    /' "$work/$1.err" | head -20
	fi
}

# no_token: the token is nowhere in what uabi printed or wrote
no_token() {
	local hits
	hits=$(grep -rl -- "$token" "$res" "$work"/*.out "$work"/*.err 2>/dev/null)
	if [[ -z $hits ]]; then
		t_pass "the outside content appears nowhere"
	else
		t_fail "the outside content leaked into: $hits"
	fi
}

# absent PATH: nothing was written there
absent() {
	if compgen -G "$1*" >/dev/null; then
		t_fail "left behind: $(compgen -G "$1*" | tr '\n' ' ')"
	else
		t_pass "nothing written at $1"
	fi
}

for p in "${profiles[@]}"; do
	for c in "${cases[@]}"; do
		h=${c%%|*}
		want="uabi: $p: ${c#*|}"
		n=extract-$p-${h%.h}
		t_run 2 "$n" "$uabi" extract --kernel-tree "$t" --header "linux/$h" --profile "$p" -o "$res/$n.json"
		one_line "$n" "$want"
		absent "$res/$n.json"
	done
done

# --all: the same line, FILE:LINE of the #include (its first screen, `cc
# -M`, names no line), whichever header of the group leads out
ta=$work/alltree
t_ioctl_tree "$ta" x86 s390
ahdr() { printf '%b' "$2" >"$ta/include/uapi/linux/$1"; }
ahdr good.h '#include <linux/ioctl.h>\nstruct good_arg { int a; };\n#define GOOD_SET _IOW(0xf0, 1, struct good_arg)\n'
ahdr o-abs.h '#include <linux/ioctl.h>\n\n#include "'"$out"'/shadow"\n#define O_ABS _IO(0xf1, 1)\n'
ahdr o-up.h '#include <linux/ioctl.h>\n#include "../../../../outside/parses.h"\n#define O_UP _IO(0xf1, 2)\n'
ahdr o-mid.h '/* 1 */\n/* 2 */\n/* 3 */\n#include "'"$out"'/parses.h"\n'
ahdr o-nest.h '#include <linux/ioctl.h>\n#include <linux/o-mid.h>\n#define O_NEST _IO(0xf1, 3)\n'
acases=(
	"o-abs.h|include/uapi/linux/o-abs.h:3: includes a file outside the input tree: $out/shadow"
	"o-up.h|include/uapi/linux/o-up.h:2: includes a file outside the input tree: $out/parses.h"
	"o-nest.h|include/uapi/linux/o-mid.h:4: includes a file outside the input tree: $out/parses.h"
)
for p in "${profiles[@]}"; do
	for c in "${acases[@]}"; do
		h=${c%%|*}
		n=all-$p-${h%.h}
		t_run 2 "$n" "$uabi" extract --all --no-sysroot --kernel-tree "$ta" --header linux/good.h \
			--header "linux/$h" --profile "$p" -o "$res/$n.json"
		one_line "$n" "uabi: $p: ${c#*|}"
		absent "$res/$n.json"
	done
done

# check: the same line, no report in any format
for h in abs-c.h via-link-text.h; do
	n=check-${h%.h}
	t_run 2 "$n" "$uabi" check --kernel-tree "$t" --header "linux/$h" --pairs x86_64:i386 -j 1 \
		-o "$res/$n.txt" --output-dir "$res/$n"
	if grep -q "includes a file outside the input tree" "$work/$n.err" &&
		! grep -vq "includes a file outside the input tree" "$work/$n.err"; then
		t_pass "$n: only the outside-include lines"
	else
		t_fail "$n: stderr:"
		sed 's/^/    /' "$work/$n.err" | head -20
	fi
	absent "$res/$n.txt"
	if [[ -z $(ls -A "$res/$n" 2>/dev/null) ]]; then
		t_pass "$n: no report written"
	else
		t_fail "$n: reports written: $(ls "$res/$n")"
	fi
done

# diff: the side is named (old/new), the line is the same (--header: this
# kvm.h defines no ioctl, so the default scope, what the change reaches,
# would compile nothing)
mkdir -p "$work/new"
cp -a "$t/." "$work/new/"
hdr kvm.h '#include <linux/ok.h>\n'
printf '#include <linux/ok.h>\n#include "%s/parses.h"\n' "$out" >"$work/new/include/uapi/linux/kvm.h"
t_run 2 diff-new "$uabi" diff --old "$t" --new "$work/new" --header linux/kvm.h --profile x86_64 \
	-o "$res/diff.txt"
one_line diff-new "uabi: new: x86_64: include/uapi/linux/kvm.h:2: includes a file outside the input tree: $out/parses.h"
absent "$res/diff.txt"

# verify: a dump made from a clean tree, then a file that the compile now
# reads first (arch/ comes before include/uapi) and that reaches outside
t_run 0 verify-dump "$uabi" extract --kernel-tree "$t" --header linux/kvm.h --profile x86_64 -o "$res/kvm.json"
t_run 0 verify-clean "$uabi" verify "$res/kvm.json"
mkdir -p "$t/arch/x86/include/uapi/linux"
printf '#include "%s/shadow"\n' "$out" >"$t/arch/x86/include/uapi/linux/ok.h"
t_run 2 verify-outside "$uabi" verify "$res/kvm.json"
one_line verify-outside "uabi: $res/kvm.json: x86_64: arch/x86/include/uapi/linux/ok.h:1: includes a file outside the input tree: $out/shadow"
printf 'struct uabi_ok { int a; };\n' >"$t/arch/x86/include/uapi/linux/ok.h"
t_run 2 verify-shadowed "$uabi" verify "$res/kvm.json"
one_line verify-shadowed "uabi: $res/kvm.json: the headers in $t differ from those the dump was made from (arch/x86/include/uapi/linux/ok.h is read now, not then)"
rm -r "$t/arch/x86/include/uapi/linux"
# a dump whose input.files points out of the tree is refused before reading
python3 - "$res/kvm.json" "$res/kvm-up.json" "$res/kvm-link.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for path, name in ((sys.argv[2], "../../outside/shadow"), (sys.argv[3], "include/uapi/linux/link-text.h")):
    d["input"]["files"] = sorted(d["input"]["files"] + [name])
    json.dump(d, open(path, "w"))
    d["input"]["files"].remove(name)
PY
t_run 2 verify-files-up "$uabi" verify "$res/kvm-up.json"
one_line verify-files-up "uabi: $res/kvm-up.json: input.files: '../../outside/shadow' is not a path inside the tree"
t_run 2 verify-files-link "$uabi" verify "$res/kvm-link.json"
one_line verify-files-link "uabi: $res/kvm-link.json: input.files: include/uapi/linux/link-text.h lies outside the input tree"

# A header cannot tell uabi's passes apart (a file of the scratch
# directory that exists only while one of them runs, to include the
# outside file only in the probe's pass, or only in verify's compile):
# __has_include, the way to ask, is refused in any header
# (docs/security.md), before anything is compiled from the text. One that
# reaches out in the -dD pass (macros.c exists then) is refused for that
# first. (Behind the rule: on gcc the probe is preprocessed once more,
# checked, and that text compiled; on clang it is compiled from the -dD
# pass's checked text; verify compiles the text it checked.)
printf 'struct leak_t { int %s; char root_pw_hash[13]; };\n' "$token" >"$out/secret.h"
printf 'struct leak_v { int x; char y[13]; }; /* %s */\n' "$token" >"$out/vsecret.h"
hdr evil.h '#if __has_include(<../probe.c>)\n#include "'"$out"'/secret.h"\n#else\nstruct leak_t { int a; };\n#endif\n'
hdr evil-m.h '#if __has_include(<../macros.c>)\n#include "'"$out"'/secret.h"\n#else\nstruct leak_t { int a; };\n#endif\n'
hdr evil-err.h '#if __has_include(<../probe.err>)\n#include "'"$out"'/secret.h"\n#else\nstruct leak_t { int a; };\n#endif\n'
# verify's files: verify.c exists while verify preprocesses, verify.err
# while it compiles
hdr evil-v.h '#if __has_include(<../verify.err>)\n#include "'"$out"'/vsecret.h"\n#elif __has_include(<../verify.c>)\nstruct leak_v { int x; };\n#else\nstruct leak_v { int x; char y[13]; };\n#endif\n'
hdr evil-v2.h '#if __has_include(<../verify.c>)\n#include "'"$out"'/vsecret.h"\n#else\nstruct leak_v { int x; char y[13]; };\n#endif\n'
hdr evil-v3.h '#if __has_include(<../verify.c>)\n#define UABI_H #\n#define UABI_E\n#else\n#define UABI_H extern char uabi_z[sizeof\n#define UABI_E ];\n#define include\n#endif\nstruct leak_v { int x; };\nUABI_H include "'"$out"'/vsecret.h" UABI_E\n'
# a macro that makes a directive line: clang obeys it in preprocessed input
hdr evil-hash.h '#define UABI_H #\nstruct uabi_ok { int a; };\nUABI_H include "'"$out"'/shadow"\n'
hdr evil-digraph.h '#define UABI_H %:\n\nUABI_H include "'"$out"'/parses.h"\n'
# hi_refused PROFILE HEADER: the one line of a header refused for its
# __has_include on line 1
hi_refused() {
	printf 'uabi: %s: include/uapi/linux/%s:1: __has_include: __has_include tests whether a file exists, outside the tree too (the header could tell uabi'"'"'s compile from a program'"'"'s); not allowed in a uapi header' "$1" "$2"
}
for p in "${profiles[@]}"; do
	for b in evil evil-err evil-v evil-v2 evil-v3; do
		n=extract-$p-$b
		t_run 2 "$n" "$uabi" extract --kernel-tree "$t" --header "linux/$b.h" --profile "$p" \
			-o "$res/$n.json"
		one_line "$n" "$(hi_refused "$p" "$b.h")"
		absent "$res/$n.json"
	done
	n=extract-$p-evil-m
	t_run 2 "$n" "$uabi" extract --kernel-tree "$t" --header linux/evil-m.h --root 'struct leak_t' --profile "$p" \
		-o "$res/$n.json"
	one_line "$n" "uabi: $p: include/uapi/linux/evil-m.h:2: includes a file outside the input tree: $out/secret.h"
	absent "$res/$n.json"
	for h in "evil-hash|3|#" "evil-digraph|3|%:"; do
		IFS="|" read -r b l k <<<"$h"
		n=extract-$p-$b
		t_run 2 "$n" "$uabi" extract --kernel-tree "$t" --header "linux/$b.h" --profile "$p" -o "$res/$n.json"
		one_line "$n" "uabi: $p: include/uapi/linux/$b.h:$l: a macro that puts '$k' at the start of a line (a directive once preprocessed) is not allowed"
		absent "$res/$n.json"
	done
done
t_run 2 check-evil "$uabi" check --kernel-tree "$t" --header linux/evil-m.h --root 'struct leak_t' \
	--pairs x86_64:i386 -j 1 -o "$res/check-evil.txt" --output-dir "$res/check-evil"
if grep -q "^uabi: .*include/uapi/linux/evil-m.h:2: includes a file outside the input tree: $out/secret.h$" \
	"$work/check-evil.err" && ! grep -vq "includes a file outside the input tree" "$work/check-evil.err"; then
	t_pass "check-evil: only the outside-include lines"
else
	t_fail "check-evil: stderr:"
	sed 's/^/    /' "$work/check-evil.err" | head -20
fi
absent "$res/check-evil.txt"

# compiler diagnostics about files inside: relative paths, no scratch path,
# no source lines
hdr broken.h '#include <linux/ok.h>\nstruct uabi_ok y = {;\n'
for p in "${profiles[@]}"; do
	n=broken-$p
	t_run 3 "$n" "$uabi" extract --kernel-tree "$t" --header linux/broken.h --profile "$p" -o "$res/$n.json"
	if grep -q '^  | include/uapi/linux/broken.h:2:[0-9]*: error: ' "$work/$n.err" &&
		grep -q '^  | In file included from <generated>/probe.c:5:$' "$work/$n.err" &&
		! grep -qE '/tmp/uabi-|'"$work"'|struct uabi_ok y' "$work/$n.err"; then
		t_pass "$n: diagnostics relative to the tree"
	else
		t_fail "$n: diagnostics:"
		sed 's/^/    /' "$work/$n.err" | head -20
	fi
done

# The assembler reads no file either: a header that writes assembler text
# (file-scope asm, a gas macro, a section name with a newline, a function
# with inline asm) is refused before anything is assembled, with one line
# naming the header line, and the outside file is neither read nor quoted.
# A FIFO with no writer is the proof for "not read": reading it blocks
# until the --timeout (exit 3). Both compilers: clang (x86_64) and gcc (s390).
mkfifo "$out/fifo"
q() { printf '\\"%s\\"' "$1"; }
hdr asm-incbin.h 'struct uabi_ok { int a; };\n__asm__(".incbin '"$(q "$out/shadow")"'");\n'
hdr asm-include.h 'struct uabi_ok { int a; };\n\n__asm__(".include '"$(q "$out/shadow")"'");\n'
hdr asm-fifo.h '__asm__(".incbin '"$(q "$out/fifo")"'");\n'
# the directive's name is built by the macro: no ".incbin" in the header
hdr asm-macro.h 'struct uabi_ok { int a; };\n__asm__(".macro uabi_m a, b\\n .\\\\a\\\\()\\\\b '"$(q "$out/shadow")"'\\n.endm\\n"\n\t" uabi_m inc, bin");\n'
hdr asm-section.h 'struct uabi_ok { int a; };\nint uabi_v __attribute__((section("uabi\\n.incbin '"$(q "$out/shadow")"'\\n#"))) = 1;\n'
hdr asm-func.h 'struct uabi_ok { int a; };\nint uabi_f(void)\n{\n\t__asm__(".incbin '"$(q "$out/shadow")"'");\n\treturn 0;\n}\n'
hdr asm-label.h 'struct uabi_ok { int a; };\nint uabi_w __asm__("uabi_w\\n.incbin '"$(q "$out/shadow")"'\\n") = 1;\n'
# no asm at all, but a string: the -S route, and a function is code
hdr asm-plainfunc.h 'struct uabi_ok { int a; };\nstatic const char uabi_s[] = "x";\nint uabi_g(void)\n{\n\treturn 0;\n}\n'
asm_cases=(
	"asm-incbin.h|include/uapi/linux/asm-incbin.h:2: assembler text in a header (asm statement or section attribute) is not allowed"
	"asm-include.h|include/uapi/linux/asm-include.h:3: assembler text in a header (asm statement or section attribute) is not allowed"
	"asm-fifo.h|include/uapi/linux/asm-fifo.h:1: assembler text in a header (asm statement or section attribute) is not allowed"
	"asm-macro.h|include/uapi/linux/asm-macro.h:2: assembler text in a header (asm statement or section attribute) is not allowed"
	"asm-section.h|include/uapi/linux/asm-section.h:2: assembler text in a header (asm statement or section attribute) is not allowed"
	"asm-func.h|include/uapi/linux/asm-func.h:4: assembler text in a header (asm statement or section attribute) is not allowed"
	"asm-plainfunc.h|include/uapi/linux/asm-plainfunc.h:4: a function defined in a header is not allowed (its code is assembler text)"
)
for p in "${profiles[@]}"; do
	for c in "${asm_cases[@]}"; do
		h=${c%%|*}
		n=extract-$p-${h%.h}
		t_run 2 "$n" "$uabi" extract --kernel-tree "$t" --header "linux/$h" --profile "$p" --timeout 20 \
			-o "$res/$n.json"
		one_line "$n" "uabi: $p: ${c#*|}"
		absent "$res/$n.json"
	done
done
# an asm label: gcc prints it as it is, clang quotes and escapes it
if [[ " ${profiles[*]} " == *" s390 "* ]]; then
	t_run 2 extract-s390-asm-label "$uabi" extract --kernel-tree "$t" --header linux/asm-label.h \
		--profile s390 --timeout 20 -o "$res/extract-s390-asm-label.json"
	one_line extract-s390-asm-label "uabi: s390: include/uapi/linux/asm-label.h:2: assembler text in a header (asm statement or section attribute) is not allowed"
	absent "$res/extract-s390-asm-label.json"
fi
t_run 2 check-asm "$uabi" check --kernel-tree "$t" --header linux/asm-section.h --pairs x86_64:i386 -j 1 \
	--timeout 20 -o "$res/check-asm.txt"
one_line check-asm "uabi: [x86_64,i386]: include/uapi/linux/asm-section.h:2: assembler text in a header (asm statement or section attribute) is not allowed"
absent "$res/check-asm.txt"

# what real uapi headers do stays allowed: asm in static inline functions
# that nothing calls (asm/swab.h), a string in a macro; the dump is the
# same as without the asm
mkdir -p "$t/arch/x86/include/uapi/asm"
printf '%s\n' '#include <linux/ok.h>' '#define UABI_NAME "swab"' \
	'struct uabi_sw { unsigned int a; };' \
	'static inline unsigned int uabi_swab(unsigned int x)' '{' \
	'	__asm__("bswapl %0" : "=r" (x) : "0" (x));' '	return x;' '}' >"$t/arch/x86/include/uapi/asm/swabish.h"
# the same lines without a string or asm: compiled straight to an object
printf '%s\n' '#include <linux/ok.h>' '#define UABI_NAME 1' \
	'struct uabi_sw { unsigned int a; };' \
	'static inline unsigned int uabi_swab(unsigned int x)' '{' \
	'' '	return x;' '}' >"$work/plain.h"
for p in x86_64 i386; do
	n=swabish-$p
	t_run 0 "$n" "$uabi" extract --kernel-tree "$t" --header asm/swabish.h --root 'struct uabi_sw' --profile "$p" -o "$res/$n.json"
	cp "$t/arch/x86/include/uapi/asm/swabish.h" "$work/swabish.h"
	cp "$work/plain.h" "$t/arch/x86/include/uapi/asm/swabish.h"
	t_run 0 "$n-plain" "$uabi" extract --kernel-tree "$t" --header asm/swabish.h --root 'struct uabi_sw' --profile "$p" \
		-o "$res/$n-plain.json"
	cp "$work/swabish.h" "$t/arch/x86/include/uapi/asm/swabish.h"
	if python3 - "$res/$n.json" "$res/$n-plain.json" <<'PY'; then
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:])
for d in (a, b):
    del d["input"]["sha256"]
sys.exit(0 if a == b and any(t.get("name") == "uabi_sw" for t in a["types"]) else 1)
PY
		t_pass "$n: the static inline asm changes nothing"
	else
		t_fail "$n: the dump differs from the one without asm, or has no struct uabi_sw"
	fi
done
# and the real one, when a kernel tree is at hand
if [[ -n ${UABI_KERNEL_TREE:-} && -f $UABI_KERNEL_TREE/arch/x86/include/uapi/asm/swab.h ]]; then
	for p in x86_64 i386; do
		t_run 0 "swab-$p" "$uabi" extract --kernel-tree "$UABI_KERNEL_TREE" --header linux/swab.h \
			--profile "$p" -o "$res/swab-$p.json"
	done
else
	echo "note: UABI_KERNEL_TREE not set, the real linux/swab.h not tried"
fi

no_token
# a "../" include that stays inside the tree: gcc spells it dir/../x.h;
# the dump records the file by its one name, and verify finds it there
hdr relup.h '#include "../linux/relup-b.h"\n#include <linux/ok.h>\n#define RELUP_IOC _IOW(0xAE, 0x01, struct relup_b)\n'
hdr relup-b.h 'struct relup_b { int a; };\n'
for p in "${profiles[@]}"; do
	t_run 0 "relup-$p" "$uabi" extract --kernel-tree "$t" --header linux/relup.h --profile "$p" \
		-o "$work/relup-$p.json"
	t_run 0 "relup-verify-$p" "$uabi" verify "$work/relup-$p.json"
	if python3 -c 'import json,sys; f=json.load(open(sys.argv[1]))["input"]["files"]; sys.exit(0 if f.count("include/uapi/linux/relup-b.h")==1 and not any(".." in x for x in f) else 1)' "$work/relup-$p.json"; then
		t_pass "relup-$p: input.files names relup-b.h once, without .."
	else
		t_fail "relup-$p: input.files: $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["input"]["files"])' "$work/relup-$p.json")"
	fi
done

t_finish outside
