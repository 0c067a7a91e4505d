#!/usr/bin/env bash
# --all compiles the headers in as few translation units as they allow and
# judges every header it can: a header that needs a file the tree lacks
# (<sys/time.h>, with --no-sysroot: no C library; tests/cli/sysroot.sh
# has one), one that includes such a header, one with an error of
# its own and one using a type nobody defines are skipped, each with the
# compiler's reason; two headers that cannot share a translation unit
# (the same struct defined twice) are both judged, each ioctl with its own
# file:line; in the later group of the headers that failed beside others,
# one that fails there only beside another (ry.h after rx.h) is judged
# alone; the rest are judged as if alone. The same run twice gives
# byte-identical dumps.
#
#   tests/cli/groups.sh [UABI]
#
# Needs clang (x86_64, i386); s390 (gcc) too when s390x-linux-gnu-gcc is
# installed. No kernel tree needed.
set -uo pipefail
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
if ! command -v clang >/dev/null; then
	echo "groups: SKIP (no clang)"
	exit 77
fi
t_init groups "${1:-}" notree

t=$work/tree
u=$t/include/uapi
t_ioctl_tree "$t" x86 s390
hdr() { printf '%b' "$2" >"$u/$1"; }
hdr linux/good.h '#include <linux/ioctl.h>\nstruct good_arg { int a; long b; };\n#define GOOD_SET _IOW(0xf0, 1, struct good_arg)\n'
# uses _IOR without including <linux/ioctl.h> (as if_tun.h does)
hdr linux/noioctl.h 'struct noi_arg { unsigned long long x; };\n#define NOI_GET _IOR(0xf0, 2, struct noi_arg)\n'
hdr linux/needs-libc.h '#include <linux/ioctl.h>\n#include <sys/time.h>\nstruct nl_arg { int a; };\n#define NL_SET _IOW(0xf0, 3, struct nl_arg)\n'
hdr linux/via-libc.h '#include <linux/needs-libc.h>\n#define VIA_SET _IOW(0xf0, 4, struct nl_arg)\n'
hdr linux/own-error.h '#include <linux/ioctl.h>\nstruct oe_arg { int a; };\nint oe_broken = ;\n#define OE_SET _IOW(0xf0, 5, struct oe_arg)\n'
hdr linux/no-type.h '#include <linux/ioctl.h>\nstruct nt_arg { nobody_t a; };\n#define NT_SET _IOW(0xf0, 6, struct nt_arg)\n'
# conflict-a.h and conflict-b.h define struct dup each: never together
hdr linux/conflict-a.h '#include <linux/ioctl.h>\nstruct dup { int a; };\n#define CA_SET _IOW(0xf0, 7, struct dup)\n'
hdr linux/conflict-b.h '#include <linux/ioctl.h>\n\nstruct dup { long b; long c; };\n#define CB_SET _IOW(0xf0, 8, struct dup)\n'
# in a later group of their own, rx.h fails its own way (its own file)
# while ry.h fails only beside it (struct sh defined twice, the error in
# another file): rx.h is skipped, ry.h judged alone
hdr linux/sh-a.h 'struct sh { int a; };\n'
hdr linux/sh-b.h 'struct sh { int a; };\n'
hdr linux/rx.h '#include <linux/ioctl.h>\n#include <linux/sh-a.h>\nstruct rx_arg { nobody2_t a; };\n#define RX_SET _IOW(0xf0, 10, struct rx_arg)\n'
hdr linux/ry.h '#include <linux/ioctl.h>\n#include <linux/sh-b.h>\n#define RY_SET _IOW(0xf0, 11, struct sh)\n'
hdr linux/zlast.h '#include <linux/ioctl.h>\nstruct z_arg { void *p; };\n#define Z_SET _IOW(0xf0, 9, struct z_arg)\n'
# DUP_X defined differently by two headers: said, judged as the last;
# DUP_SAME defined alike (legal C): nothing said
hdr linux/dup-a.h '#include <linux/ioctl.h>\n#define DUP_X _IOW(0xf0, 10, int)\n#define DUP_SAME _IO(0xf0, 12)\n'
hdr linux/dup-b.h '#include <linux/ioctl.h>\n#define DUP_X _IOW(0xf0, 11, long)\n#define DUP_SAME _IO(0xf0, 12)\n'
# no ioctl: not discovered
hdr linux/types-only.h 'struct t_only { int a; };\n'

profiles=(x86_64 i386)
if command -v s390x-linux-gnu-gcc >/dev/null; then
	profiles+=(s390)
else
	echo "note: s390x-linux-gnu-gcc missing, gcc not covered"
fi

for p in "${profiles[@]}"; do
	t_run 0 "all-$p" "$uabi" extract --all --no-sysroot --kernel-tree "$t" --profile "$p" \
		-o "$work/all-$p.json"
	t_run 0 "again-$p" "$uabi" extract --all --no-sysroot --kernel-tree "$t" --profile "$p" \
		-o "$work/again-$p.json"
	if cmp -s "$work/all-$p.json" "$work/again-$p.json"; then
		t_pass "$p: two runs, byte-identical dumps"
	else
		t_fail "$p: two runs differ"
	fi
	# uabi verify: the judged headers do not compile in one unit
	# (conflict-a.h and conflict-b.h): it checks them in halves, each
	# unit what its headers read, every number once at least
	t_run 0 "verify-$p" "$uabi" verify --no-sysroot "$work/all-$p.json"
	if grep -qE "^$work/all-$p.json: $p: [0-9]+ checks passed \([0-9]+ translation units\)\$" "$work/verify-$p.out"; then
		t_pass "$p: verify in several units: $(cat "$work/verify-$p.out")"
	else
		t_fail "$p: verify: $(cat "$work/verify-$p.out")"
	fi
	# and a wrong number in one of the halves is still found
	python3 - "$work/all-$p.json" "$work/wrong-$p.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for i in d["ioctls"]:
    if i["name"] == "CB_SET":
        i["number"] += 1
json.dump(d, open(sys.argv[2], "w"))
PY
	t_run 1 "verify-wrong-$p" "$uabi" verify --no-sysroot "$work/wrong-$p.json"
	t_err_has "verify-wrong-$p" "uabi: ioctl CB_SET: number"
	# a dump that drops an ioctl the compiler defines (Z_SET), or marks
	# one not applicable whose number compiles (GOOD_SET), is wrong too
	python3 - "$work/all-$p.json" "$work/drop-$p.json" "$work/na-$p.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
json.dump(dict(d, ioctls=[i for i in d["ioctls"] if i["name"] != "Z_SET"]), open(sys.argv[2], "w"))
for i in d["ioctls"]:
    if i["name"] == "GOOD_SET":
        i["applicable"] = False
        i["reason"] = "struct good_arg is not defined for this ABI"
json.dump(d, open(sys.argv[3], "w"))
PY
	t_run 1 "verify-drop-$p" "$uabi" verify --no-sysroot "$work/drop-$p.json"
	t_err_has "verify-drop-$p" "verification failed: Z_SET is an ioctl command of the headers and a number here, and the dump does not list it"
	t_run 1 "verify-na-$p" "$uabi" verify --no-sysroot "$work/na-$p.json"
	t_err_has "verify-na-$p" "verification failed: ioctl GOOD_SET is marked not applicable \\(struct good_arg is not defined for this ABI\\), and its number compiles"
	# an --all dump ("all": true) covers every ioctl header: one that
	# leaves zlast.h out, or skips it with a made-up reason, is wrong; a
	# header it skips (own-error.h) is skipped alone too (verify passed)
	python3 - "$work/all-$p.json" "$work/nohdr-$p.json" "$work/fakeskip-$p.json" "$work/nohdr-$p.list" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["input"]["all"] is True
d["input"]["headers"].remove("linux/zlast.h")
d["ioctls"] = [i for i in d["ioctls"] if i["name"] != "Z_SET"]
json.dump(d, open(sys.argv[2], "w"))
# the headers it judges, for a dump without its "all" mark (below)
open(sys.argv[4], "w").write("\n".join(d["input"]["headers"]) + "\n")
d["input"]["skipped"] = sorted(d["input"]["skipped"] + [{"header": "linux/zlast.h", "reason": "made up"}],
                               key=lambda s: s["header"])
json.dump(d, open(sys.argv[3], "w"))
PY
	t_run 1 "verify-nohdr-$p" "$uabi" verify --no-sysroot "$work/nohdr-$p.json"
	t_err_has "verify-nohdr-$p" "$p: verification failed: linux/zlast.h defines ioctl commands but the dump neither judges nor skips it"
	# a dump without the "all" mark (as --header gives it) claims only the
	# headers it names and passes; verify --all does not take the dump's
	# word for it
	t_run 0 "unmarked-$p" "$uabi" extract --no-sysroot --kernel-tree "$t" --profile "$p" \
		--header "$(head -n 1 "$work/nohdr-$p.list")" -o "$work/unmarked-$p.json"
	t_run 0 "verify-unmarked-$p" "$uabi" verify --no-sysroot "$work/unmarked-$p.json"
	t_run 1 "verify-all-unmarked-$p" "$uabi" verify --all --kernel-tree "$t" --no-sysroot "$work/unmarked-$p.json"
	t_err_has "verify-all-unmarked-$p" "$p: verification failed: not an --all dump \\(its input names"
	t_run 1 "verify-all-nohdr-$p" "$uabi" verify --all --kernel-tree "$t" --no-sysroot "$work/nohdr-$p.json"
	t_err_has "verify-all-nohdr-$p" "$p: verification failed: linux/zlast.h defines ioctl commands but the dump neither judges nor skips it"
	t_run 0 "verify-all-$p" "$uabi" verify --all --kernel-tree "$t" --no-sysroot "$work/all-$p.json"
	t_run 1 "verify-fakeskip-$p" "$uabi" verify --no-sysroot "$work/fakeskip-$p.json"
	t_err_has "verify-fakeskip-$p" "$p: verification failed: linux/zlast.h is skipped in the dump \\(made up\\), but extracted alone it is judged \\(with the C library options given here"
	# an asm/ header is covered by its own name, not by a linux/ header of
	# the same name (which need not include it: attacker's asm/nvram.h)
	if [[ $p == x86_64 ]]; then
		tw=$work/twin
		t_ioctl_tree "$tw" x86
		printf '#include <linux/ioctl.h>\n#define TW_SET _IOW(0xe1, 1, int)\n' >"$tw/include/uapi/linux/tw.h"
		printf '#include <linux/ioctl.h>\n#define ATW_SET _IOW(0xe1, 2, long)\n' >"$tw/arch/x86/include/uapi/asm/tw.h"
		t_run 0 "twin-$p" "$uabi" extract --all --no-sysroot --kernel-tree "$tw" --profile "$p" \
			-o "$work/twin-$p.json"
		python3 - "$work/twin-$p.json" "$work/twin-drop-$p.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert "asm/tw.h" in d["input"]["headers"], d["input"]["headers"]
d["input"]["headers"].remove("asm/tw.h")
d["ioctls"] = [i for i in d["ioctls"] if i["name"] != "ATW_SET"]
json.dump(d, open(sys.argv[2], "w"))
PY
		t_run 0 "verify-all-twin-$p" "$uabi" verify --all --kernel-tree "$tw" --no-sysroot "$work/twin-$p.json"
		t_run 1 "verify-all-twin-drop-$p" "$uabi" verify --all --kernel-tree "$tw" --no-sysroot \
			"$work/twin-drop-$p.json"
		t_err_has "verify-all-twin-drop-$p" "$p: verification failed: asm/tw.h defines ioctl commands but the dump neither judges nor skips it"
	fi
	# what was judged and skipped, and where each ioctl is
	got=$(python3 - "$work/all-$p.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print("headers", " ".join(d["input"]["headers"]))
for s in d["input"].get("skipped", []):
    print("skipped", s["header"], "|", s["reason"])
for i in d["ioctls"]:
    print("ioctl", i["name"], i["file"] + ":" + str(i["line"]), i["applicable"], i["number_hex"])
PY
)
	want_headers="headers linux/conflict-a.h linux/conflict-b.h linux/dup-a.h linux/dup-b.h linux/good.h linux/noioctl.h linux/ry.h linux/zlast.h"
	if grep -qx "$want_headers" <<<"$got"; then
		t_pass "$p: judged headers"
	else
		t_fail "$p: judged headers, want '$want_headers':"
		grep '^headers' <<<"$got" | sed 's/^/    /'
	fi
	for want in \
		'skipped linux/needs-libc.h | includes <sys/time.h>, which is in no include directory of the uapi tree (a C library header, or one the tree lacks)' \
		'skipped linux/via-libc.h | includes <sys/time.h>, which is in no include directory of the uapi tree (a C library header, or one the tree lacks)' \
		'skipped linux/own-error.h | include/uapi/linux/own-error.h:3:' \
		'skipped linux/no-type.h | include/uapi/linux/no-type.h:2:' \
		'skipped linux/rx.h | include/uapi/linux/rx.h:3:' \
		'ioctl RY_SET include/uapi/linux/ry.h:3 True 0x4004f00b' \
		'ioctl CA_SET include/uapi/linux/conflict-a.h:3 True 0x4004f007' \
		'ioctl GOOD_SET include/uapi/linux/good.h:3 True' \
		'ioctl NOI_GET include/uapi/linux/noioctl.h:2 True 0x8008f002' \
		'ioctl Z_SET include/uapi/linux/zlast.h:3 True'; do
		if grep -qF -- "$want" <<<"$got"; then
			t_pass "$p: $want"
		else
			t_fail "$p: no line '$want' in:"
			sed 's/^/    /' <<<"$got"
		fi
	done
	# struct dup of conflict-b.h: two longs
	case $p in
	i386 | s390) cb=0x4008f008 ;;
	*) cb=0x4010f008 ;;
	esac
	if grep -qF "ioctl CB_SET include/uapi/linux/conflict-b.h:4 True $cb" <<<"$got"; then
		t_pass "$p: CB_SET judged in its own group ($cb)"
	else
		t_fail "$p: CB_SET, want $cb:"
		grep CB_SET <<<"$got" | sed 's/^/    /'
	fi
	want="uabi: $p: warning: DUP_X is defined in include/uapi/linux/dup-a.h:2 and differently in include/uapi/linux/dup-b.h:2; judged as the last (what a program including both gets)"
	if [[ $(cat "$work/all-$p.err") == "$want" ]]; then
		t_pass "$p: the one warning: DUP_X defined twice"
	else
		t_fail "$p: stderr is not the one warning '$want':"
		sed 's/^/    /' "$work/all-$p.err"
	fi
	if grep -qF 'ioctl DUP_X include/uapi/linux/dup-b.h:2 True' <<<"$got"; then
		t_pass "$p: DUP_X judged as dup-b.h's"
	else
		t_fail "$p: DUP_X: $(grep DUP_X <<<"$got")"
	fi
	if [[ $(grep -c '^skipped' <<<"$got") == 5 && $(grep -c '^ioctl' <<<"$got") == 8 ]]; then
		t_pass "$p: 5 headers skipped, 8 ioctls"
	else
		t_fail "$p: counts: $(grep -c '^skipped' <<<"$got") skipped, $(grep -c '^ioctl' <<<"$got") ioctls"
	fi
done

# none of the asked headers compiles for the ABI: not an error of the
# run, a dump with the ABI's own facts (pointer size from the compiler)
# that judges nothing and lists each header as skipped
t_run 0 none-compiles "$uabi" extract --all --no-sysroot --kernel-tree "$t" --profile i386 \
	--header linux/needs-libc.h --header linux/via-libc.h -o "$work/none.json"
got=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(len(d["ioctls"]), d["input"]["headers"], [s["header"] for s in d["input"]["skipped"]], d["profile"]["pointer_size"])
' "$work/none.json" 2>&1)
want="0 [] ['linux/needs-libc.h', 'linux/via-libc.h'] 4"
if [[ $got == "$want" ]]; then
	t_pass "none compiles: an empty dump, both headers skipped"
else
	t_fail "none compiles: got '$got', want '$want'"
fi

# the judged ioctls compare across a pair
mkdir -p "$work/dumps"
cp "$work/all-x86_64.json" "$work/dumps/x86_64.json"
cp "$work/all-i386.json" "$work/dumps/i386.json"
t_run 0 check "$uabi" check --from-dumps "$work/dumps" --pairs x86_64:i386 --fail-on never \
	--format json -o "$work/check.json"
got=$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
for p in r["pairs"]:
    for i in p["ioctls"]:
        print(i["name"], i["verdict"])
' "$work/check.json" 2>&1 | sort | tr '\n' ' ')
want="CA_SET identical CB_SET number-differs DUP_SAME identical DUP_X number-differs GOOD_SET number-differs NOI_GET identical RY_SET identical Z_SET number-differs "
if [[ $got == "$want" ]]; then
	t_pass "check: $want"
else
	t_fail "check: got '$got', want '$want'"
fi

t_finish groups
