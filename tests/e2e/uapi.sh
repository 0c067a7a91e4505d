#!/usr/bin/env bash
# End-to-end: every ioctl-defining uapi header of a real Linux tree (6.1 or
# 6.12) on x86_64, i386, x32, aarch64 and arm (issue 9, "How it is checked").
#
#   tests/e2e/uapi.sh VERSION [UABI]
#
# UABI defaults to $UABI, else build/uabi; the tree is $UABI_KERNEL_TREE
# for 6.1 and $UABI_KERNEL_TREE_6_12 for 6.12, else
# `scripts/kernel-source.sh VERSION`; without one the test is skipped
# (exit 77). One `extract --all` and one KVM-only `extract`, then
# `check --kernel-tree T --from-dumps` for the pairs x86_64:i386,
# x86_64:x32 and aarch64:arm. Checks:
# - coverage: headers judged per ABI at or above a floor, every skipped
#   header with a reason, every header with a direct one-line _IO*
#   definition (found by grep, not by uabi) judged or skipped;
# - facts derived from the kernel's definitions and the C layout rules of
#   each ABI, cross-checked with clang on the tree's own headers (not with
#   uabi): FS_IOC_GETFLAGS, BLKBSZGET, DRM_IOCTL_MODE_ADDFB2;
# - KVM's ioctls and struct kvm_run get, in the --all run, exactly the
#   report entries of the KVM-only run;
# - two `check --from-dumps` runs write byte-identical reports (all formats);
# - `uabi verify` passes the --all dumps of i386 and aarch64.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)

# shellcheck source=tests/lib.sh
. "$here/../lib.sh"
version=${1:-}
if [[ $version != 6.1 && $version != 6.12 ]]; then
	echo "e2e: usage: uapi.sh 6.1|6.12 [UABI]" >&2
	exit 2
fi
uabi=${2:-${UABI:-$top/build/uabi}}
if [[ ! -x $uabi ]]; then
	echo "e2e: $uabi: no uabi binary (build it: scripts/build.sh)" >&2
	exit 2
fi
if ! tree=$(t_tree_of "$version"); then
	echo "e2e uapi-$version: SKIP (no Linux $version tree)"
	exit 77
fi
if ! command -v clang >/dev/null; then
	echo "e2e uapi-$version: SKIP (no clang for the cross-check)"
	exit 77
fi
t_workdir e2e-uapi

failed=0
# run WHAT ARGV...: exit 0 wanted; the output is shown otherwise
runs=0
run() {
	local what=$1 rc=0 log=$work/run-$((++runs)).log
	shift
	"$@" >"$log" 2>&1 || rc=$?
	if ((rc == 0)); then
		t_pass "$what"
	else
		t_fail "$what: exit $rc"
		head -30 "$log" | sed 's/^/    /'
	fi
}

profiles=x86_64,i386,x32,aarch64,arm
pairs=x86_64:i386,x86_64:x32,aarch64:arm

# 1. the facts hold for the compiler itself, on this tree's headers. The
# headers are used as headers_install leaves them: __user and the kernel's
# compiler headers stripped, asm/X.h of an arch without one wrapping
# asm-generic/X.h (Kbuild's generic-y).
#
# FS_IOC_GETFLAGS is _IOR('f', 1, long): dir read (2 << 30), size
# sizeof(long) << 16, type 'f' (0x66) << 8, nr 1: 0x80086601 where long is
# 8 bytes (LP64: x86_64, aarch64), 0x80046601 where it is 4 (ILP32: i386,
# x32, arm).
# BLKBSZGET is _IOR(0x12, 112, size_t): size_t is unsigned long on these
# ABIs, so 0x80081270 (LP64) and 0x80041270 (ILP32).
# DRM_IOCTL_MODE_ADDFB2 is DRM_IOWR(0xB8, struct drm_mode_fb_cmd2), i.e.
# _IOWR('d', 0xb8, ...): dir 3 << 30, type 0x64, nr 0xb8. The struct is
# five __u32 (20 bytes), handles/pitches/offsets __u32[4] (48 bytes: 68 so
# far), then __u64 modifier[4] (32 bytes). __u64 is 8-aligned on x86_64,
# x32 (x86-64 psABI), aarch64 and arm (AAPCS: 8-aligned long long), so
# modifier sits at 72 and the size is 104 (0xc06864b8); the i386 SysV ABI
# aligns long long to 4 inside structs, so modifier sits at 68 and the size
# is 100 (0xc06464b8). The number thus differs on i386 only.
mkdir -p "$work/cc/stub/linux"
: >"$work/cc/stub/linux/compiler.h"
: >"$work/cc/stub/linux/compiler_types.h"
cat >"$work/cc/facts.c" <<'C'
#include <stddef.h>
#include <linux/fs.h>
#include <drm/drm.h>
_Static_assert(FS_IOC_GETFLAGS == GETFLAGS, "FS_IOC_GETFLAGS");
_Static_assert(BLKBSZGET == BSZGET, "BLKBSZGET");
_Static_assert(sizeof(struct drm_mode_fb_cmd2) == FB_SIZE, "sizeof drm_mode_fb_cmd2");
_Static_assert(offsetof(struct drm_mode_fb_cmd2, modifier) == FB_MODIFIER, "offsetof modifier");
_Static_assert(DRM_IOCTL_MODE_ADDFB2 == ADDFB2, "DRM_IOCTL_MODE_ADDFB2");
C
resource=$(clang -print-resource-dir)
# target arch GETFLAGS BSZGET FB_SIZE FB_MODIFIER ADDFB2
while read -r target arch getflags bszget fbsize fbmod addfb2; do
	gen=$work/cc/gen-$arch
	if [[ ! -d $gen ]]; then
		mkdir -p "$gen/asm"
		for g in "$tree"/include/uapi/asm-generic/*.h; do
			b=${g##*/}
			[[ -e $tree/arch/$arch/include/uapi/asm/$b ]] ||
				echo "#include <asm-generic/$b>" >"$gen/asm/$b"
		done
	fi
	run "clang --target=$target: the facts hold" clang --target="$target" -fsyntax-only \
		-Wno-\#warnings -nostdinc -isystem "$resource/include" -D__EXPORTED_HEADERS__ -D__user= \
		-I"$tree/include/uapi" -I"$tree/arch/$arch/include/uapi" -I"$gen" -I"$work/cc/stub" \
		-DGETFLAGS="$getflags" -DBSZGET="$bszget" -DFB_SIZE="$fbsize" -DFB_MODIFIER="$fbmod" \
		-DADDFB2="$addfb2" "$work/cc/facts.c"
done <<'T'
x86_64-linux-gnu x86 0x80086601u 0x80081270u 104 72 0xc06864b8u
i386-linux-gnu x86 0x80046601u 0x80041270u 100 68 0xc06464b8u
x86_64-linux-gnux32 x86 0x80046601u 0x80041270u 104 72 0xc06864b8u
aarch64-linux-gnu arm64 0x80086601u 0x80081270u 104 72 0xc06864b8u
armv7a-linux-gnueabihf arm 0x80046601u 0x80041270u 104 72 0xc06864b8u
T

# the headers with a direct one-line `#define NAME _IO*(` (x86's view: the
# tree's include/uapi and arch/x86's), by grep; asm-generic/ioctls.h is
# judged as the asm/ioctls.h that includes it
(cd "$tree" && grep -rlE '^[[:space:]]*#[[:space:]]*define[[:space:]]+[A-Za-z0-9_]+[[:space:]]+_IO(R|W|WR)?[[:space:]]*\(' \
	include/uapi arch/x86/include/uapi) |
	sed -E 's#^include/uapi/##; s#^arch/x86/include/uapi/##; s#^asm-generic/ioctls\.h$#asm/ioctls.h#' |
	sort -u >"$work/grep-headers.txt"

# 2. extraction: every header, and KVM alone
run "extract --all --profile $profiles" \
	"$uabi" extract --all --kernel-tree "$tree" --profile "$profiles" -j 2 -o "$work/all/"
run "extract --header linux/kvm.h --profile $profiles" \
	"$uabi" extract --header linux/kvm.h --kernel-tree "$tree" --profile "$profiles" -j 2 -o "$work/kvm/"

# the compiler agrees with two of the --all dumps (a 32-bit and a 64-bit
# ABI): every number and layout, no ioctl it defines missing, every
# not-applicable claim a compile error (what uabi verify checks)
for p in i386 aarch64; do
	run "verify $p --all dump" "$uabi" verify --kernel-tree "$tree" "$work/all/$p.json"
done

# 3. reports, the --all one twice
for r in a b; do
	run "check --all dumps ($r)" "$uabi" check --kernel-tree "$tree" --from-dumps "$work/all" \
		--pairs "$pairs" --fail-on never --output-dir "$work/report-$r"
done
run "check KVM-only dumps" "$uabi" check --kernel-tree "$tree" --from-dumps "$work/kvm" \
	--pairs "$pairs" --fail-on never --format json -o "$work/report-kvm.json"
if diff -r "$work/report-a" "$work/report-b" >"$work/diff.log" 2>&1 &&
	[[ $(find "$work/report-a" -type f | wc -l) -eq 5 ]]; then
	t_pass "two check --from-dumps runs: 5 byte-identical reports"
else
	t_fail "two check --from-dumps runs differ (or not 5 formats)"
	head -20 "$work/diff.log" | sed 's/^/    /'
fi

# 4. coverage, facts, KVM
python3 - "$version" "$work" <<'PY' || failed=$((failed + 1))
import json
import os
import sys

version, work = sys.argv[1], sys.argv[2]
failed = 0


def check(ok, what):
    global failed
    print(("PASS " if ok else "FAIL ") + what)
    if not ok:
        failed += 1


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        check(False, "%s: %s" % (path, e))
        return None


dumps = {p: load(os.path.join(work, "all", p + ".json"))
         for p in ("x86_64", "i386", "x32", "aarch64", "arm")}
if any(d is None for d in dumps.values()):
    sys.exit(1)

# Coverage. Issue 9 asks for 95% of the ioctl-defining headers on x86_64
# and i386; today the headers that include a C library header (<sys/time.h>,
# <sys/socket.h>, <stdlib.h>, ...) are skipped, as there is no --sysroot
# yet. The floors are today's counts: fewer judged is a regression.
FLOOR = {"6.1": 202, "6.12": 213}[version]
grep_headers = set(open(os.path.join(work, "grep-headers.txt")).read().split())
print("coverage (Linux %s): judged / ioctl-defining headers, per ABI" % version)
for p, d in dumps.items():
    judged = d["input"]["headers"]
    skipped = d["input"].get("skipped", [])
    total = len(judged) + len(skipped)
    print("  %-8s %d / %d = %.1f%% (skipped %d)"
          % (p, len(judged), total, 100.0 * len(judged) / total, len(skipped)))
    check(all(isinstance(s.get("reason"), str) and s["reason"].strip()
              and isinstance(s.get("header"), str) for s in skipped),
          "%s: every skipped header has a reason" % p)
    check(not set(judged) & {s["header"] for s in skipped},
          "%s: no header both judged and skipped" % p)
    if p in ("x86_64", "i386"):
        check(len(judged) >= FLOOR, "%s: %d headers judged (floor %d)" % (p, len(judged), FLOOR))
        missing = sorted(grep_headers - set(judged) - {s["header"] for s in skipped})
        check(not missing, "%s: every header grep finds with an _IO* definition is judged or "
              "skipped (%d; missing: %s)" % (p, len(grep_headers), " ".join(missing) or "none"))
print("skipped on x86_64, with the compiler's reason:")
for s in dumps["x86_64"]["input"].get("skipped", []):
    print("  %s: %s" % (s["header"], s["reason"]))

report = load(os.path.join(work, "report-a", "report.json"))
kvm = load(os.path.join(work, "report-kvm.json"))
if report is None or kvm is None:
    sys.exit(1)


def pair(r, compat):
    for p in r["pairs"]:
        if p["compat"] == compat:
            return p
    return None


def entry(compat, name):
    p = pair(report, compat)
    for io in (p or {}).get("ioctls", []):
        if io["name"] == name:
            return io
    return None


def expect(compat, name, verdict, native, compat_number):
    io = entry(compat, name)
    got = None if io is None else (io["verdict"], io["native"]["number_hex"],
                                   io["compat"]["number_hex"])
    want = (verdict, native, compat_number)
    check(got == want, "%s %s: %s (want %s)" % (compat, name, got, want))


# the facts of the comment above, as verdicts of each pair
expect("i386", "FS_IOC_GETFLAGS", "number-differs", "0x80086601", "0x80046601")
expect("x32", "FS_IOC_GETFLAGS", "number-differs", "0x80086601", "0x80046601")
expect("arm", "FS_IOC_GETFLAGS", "number-differs", "0x80086601", "0x80046601")
expect("i386", "BLKBSZGET", "number-differs", "0x80081270", "0x80041270")
expect("x32", "BLKBSZGET", "number-differs", "0x80081270", "0x80041270")
expect("arm", "BLKBSZGET", "number-differs", "0x80081270", "0x80041270")
expect("i386", "DRM_IOCTL_MODE_ADDFB2", "number-differs", "0xc06864b8", "0xc06464b8")
expect("x32", "DRM_IOCTL_MODE_ADDFB2", "identical", "0xc06864b8", "0xc06864b8")
expect("arm", "DRM_IOCTL_MODE_ADDFB2", "identical", "0xc06864b8", "0xc06864b8")
# the member-level evidence on i386: the struct's size, and modifier moved
io = entry("i386", "DRM_IOCTL_MODE_ADDFB2")
ev = set()
for f in (io or {}).get("findings", []):
    ev.add((f["kind"], f["path"], f["native"], f["compat"]))
check(("size", "", 104, 100) in ev and ("offset", "modifier", 72, 68) in ev,
      "i386 DRM_IOCTL_MODE_ADDFB2: findings size 104/100 and offset of modifier 72/68")
for name, header in (("FS_IOC_GETFLAGS", "include/uapi/linux/fs.h"),
                     ("BLKBSZGET", "include/uapi/linux/fs.h"),
                     ("DRM_IOCTL_MODE_ADDFB2", "include/uapi/drm/drm.h")):
    io = entry("i386", name)
    check(io is not None and io["native"]["file"] == header,
          "%s defined in %s" % (name, header))

# Issue 10's entry kinds, on i386 (the numbers are the compilers'): a
# socket's proto_ops (ATM: vcc_compat_ioctl's atm_ioctl_map names
# ATM_ADDADDR32), a tty line discipline (serport's COMPAT_SPIOCSTYPE),
# pppox_proto through the core pppox_compat_ioctl (PPPOEIOCSFWD32), a SCSI
# host template (hpsa's CCISS_BIG_PASSTHRU32), an ATM device without
# .compat_ioctl (he: -EINVAL), sg's compat_ptr_ioctl for BLKTRACESETUP
# (i386 only: its u64 members are 4-aligned there), and the header's own
# 32-bit form (DMA_BUF_SET_NAME's i386 number is DMA_BUF_SET_NAME_A's).
def kernel(compat, name, verdict, native, compat_number, status, why, entry_object,
           entry_file):
    io = entry(compat, name)
    k = (io or {}).get("kernel") or {}
    f = k.get("facts") or {}
    got = None if io is None else (io["verdict"], io["native"]["number_hex"],
                                   io["compat"]["number_hex"], k.get("status"),
                                   f.get("why"), (f.get("entry") or {}).get("object"),
                                   (f.get("entry") or {}).get("file"))
    want = (verdict, native, compat_number, status, why, entry_object, entry_file)
    check(got == want, "%s %s: %s (want %s)" % (compat, name, got, want))
    return k


named = "named by the compat handler"
kernel("i386", "ATM_ADDADDR", "number-differs", "0x40106188", "0x400c6188", "handled", named,
       "pvc_proto_ops", "net/atm/pvc.c")
kernel("i386", "SPIOCSTYPE", "number-differs", "0x40087101", "0x40047101", "handled", named,
       "serport_ldisc", "drivers/input/serio/serport.c")
kernel("i386", "PPPOEIOCSFWD", "number-differs", "0x4008b100", "0x4004b100", "handled",
       "named by the core compat code of the entry point's kind", "pppoe_proto",
       "drivers/net/ppp/pppoe.c")
kernel("i386", "CCISS_BIG_PASSTHRU", "number-differs", "0xc0604212", "0xc0584212", "handled",
       named, "hpsa_driver_template", "drivers/scsi/hpsa.c")
kernel("i386", "HE_GET_REG", "number-differs", "0x40106160", "0x400c6160", "not-available",
       "no .compat_ioctl", "he_ops", "drivers/atm/he.c")
kernel("i386", "BLKTRACESETUP", "number-differs", "0xc0481273", "0xc0401273", "not-handled",
       "compat_ptr_ioctl", "sg_fops", "drivers/scsi/sg.c")
kernel("arm", "BLKTRACESETUP", "identical", "0xc0481273", "0xc0481273", "native-ok",
       "compat_ptr_ioctl", "sg_fops", "drivers/scsi/sg.c")
k = kernel("i386", "DMA_BUF_SET_NAME", "number-differs", "0x40086201", "0x40046201", "handled",
           "no code of the tree names it", None, None)
check((k.get("note") or "").startswith(
    "its 32-bit number is DMA_BUF_SET_NAME_A's, which include/uapi/linux/dma-buf.h defines "
    "beside it and the kernel serves: passed through on x86: compat_ptr_ioctl"),
    "i386 DMA_BUF_SET_NAME: served as DMA_BUF_SET_NAME_A (%s)" % (k.get("note") or "")[:120])

# Member use outside KVM: BTRFS_IOC_RM_DEV_V2 and BTRFS_IOC_SNAP_DESTROY_V2
# pass struct btrfs_ioctl_vol_args_v2 through, whose qgroup_inherit pointer
# differs on every 32-bit ABI; only btrfs_ioctl_snap_create_v2 names it,
# under the SNAP_CREATE_V2 and SUBVOL_CREATE_V2 labels of btrfs_ioctl:
# not-used, with that evidence; SNAP_CREATE_V2 itself reads it: not-handled.
passes = "the compat handler falls back to the native handler"
for compat, nat, arch in (("i386", "0x5000", "x86"), ("x32", "0x5000", "x86"),
                          ("arm", "0x5000", "arm64")):
    for name, nr, status in (("BTRFS_IOC_RM_DEV_V2", "943a", "not-used"),
                             ("BTRFS_IOC_SNAP_DESTROY_V2", "943f", "not-used"),
                             ("BTRFS_IOC_SNAP_CREATE_V2", "9417", "not-handled")):
        k = kernel(compat, name, "pointer-width", nat + nr, nat + nr, status, passes,
                   "btrfs_file_operations", "fs/btrfs/file.c")
        u = k.get("unused") or []
        if status == "not-used":
            check(len(u) == 1 and u[0]["member"] == "qgroup_inherit" and
                  u[0]["used_in"][0]["file"] == "fs/btrfs/ioctl.c" and
                  u[0]["used_in"][0]["function"] == "btrfs_ioctl_snap_create_v2" and
                  u[0]["switch"]["function"] == "btrfs_ioctl" and
                  (k.get("note") or "").startswith(
                      "not read on %s: qgroup_inherit (named only in btrfs_ioctl_snap_create_v2 "
                      "(fs/btrfs/ioctl.c:" % arch),
                  "%s %s: qgroup_inherit not read, with the evidence (%s)" % (compat, name, u))
        else:
            check(u == [], "%s %s: its own code names qgroup_inherit (%s)" % (compat, name, u))

# every arch's sentence counts the ioctls that need translation and are
# read right untranslated: recounted here from the pairs, each ioctl once
# at its worst ABI (not handled, unknown, not available, handled, not
# dispatched, native-ok, then the rest: no-kvm-compat is not native-ok)
ORDER = ["not-handled", "unknown", "not-available", "handled", "not-dispatched", "native-ok",
         "not-used"]
for a in report["archs"]:
    worst = {}
    for p in report["pairs"]:
        if p["native"] != a["native"]:
            continue
        for io in p["ioctls"]:
            if io["verdict"] not in ("number-differs", "layout-differs", "pointer-width"):
                continue
            st = io["kernel"]["status"]
            k = ORDER.index(st) if st in ORDER else len(ORDER)
            worst[io["name"]] = min(worst.get(io["name"], k), k)
    native_ok = sum(1 for k in worst.values() if k == ORDER.index("native-ok"))
    not_used = sum(1 for k in worst.values() if k == ORDER.index("not-used"))
    o = a.get("outcome") or ""
    if not o.startswith("compat_ioctl: "):
        continue
    c = a["counts"]
    parts = sum(c.get(x, 0) for x in ("handled", "not_handled", "unknown", "not_dispatched",
                                       "not_available", "native_ok", "not_used",
                                       "no_kvm_compat"))
    check(parts == c["needs_translation"],
          "arch %s: the counts' parts add up to the %d that need translation (%d)"
          % (a["arch"], c["needs_translation"], parts))
    said = ", %d passed through but differing only in members their code never reads" % not_used
    check((said in o) if not_used else ("never reads (not-used)" not in o),
          "arch %s: %d of %d that need translation are not-used, said so"
          % (a["arch"], not_used, len(worst)))
    said = ", %d read right untranslated (native-ok" % native_ok
    check((said in o) if native_ok else ("read right" not in o),
          "arch %s: %d of %d that need translation are native-ok, said so"
          % (a["arch"], native_ok, len(worst)))

# KVM: each pair's KVM entries (name, verdict, findings, kernel status and
# handler, sides) and struct kvm_run are the KVM-only run's, byte for byte
for kp in kvm["pairs"]:
    ap = pair(report, kp["compat"])
    if ap is None:
        check(False, "%s: no pair in the --all report" % kp["compat"])
        continue
    names = [io["name"] for io in kp["ioctls"]]
    by_name = {}
    for io in ap["ioctls"]:
        by_name.setdefault(io["name"], []).append(io)
    differ = [n for n, io in zip(names, kp["ioctls"])
              if [json.dumps(x, sort_keys=True) for x in by_name.get(n, [])]
              != [json.dumps(io, sort_keys=True)]]
    kvm_files = {"include/uapi/linux/kvm.h"} | {
        s["file"] for io in kp["ioctls"] for s in (io["native"], io["compat"]) if s}
    in_kvm_files = sorted(io["name"] for io in ap["ioctls"]
                          if (io["native"] or io["compat"])["file"] in kvm_files)
    check(in_kvm_files == sorted(names),
          "%s:%s: the --all run has the same %d ioctls from %s"
          % (kp["native"], kp["compat"], len(in_kvm_files), " ".join(sorted(kvm_files))))
    check(len(names) > 100 and not differ,
          "%s:%s: the %d KVM ioctls have the KVM-only run's entries (differ: %s)"
          % (kp["native"], kp["compat"], len(names), " ".join(differ[:10]) or "none"))
    check(json.dumps(ap["roots"], sort_keys=True) == json.dumps(kp["roots"], sort_keys=True)
          and [r["name"] for r in kp["roots"]] == ["struct kvm_run"],
          "%s:%s: struct kvm_run judged as in the KVM-only run" % (kp["native"], kp["compat"]))
# (the --all run's not-handled list also has the other ioctls the whole
# tree's facts place: the KVM ones are compared)
kvm_names = {io["name"] for kp in kvm["pairs"] for io in kp["ioctls"]}
for ka in kvm["archs"]:
    aa = [a for a in report["archs"] if a["arch"] == ka["arch"]]
    same = len(aa) == 1 and all(
        json.dumps(aa[0].get(k), sort_keys=True) == json.dumps(ka.get(k), sort_keys=True)
        for k in ("kvm_compat", "handlers")) and json.dumps(
        [g for g in aa[0]["not_handled"] if g["ioctl"] in kvm_names], sort_keys=True) == \
        json.dumps(ka["not_handled"], sort_keys=True)
    check(same, "arch %s: KVM_COMPAT, compat handlers and not-handled list as in the KVM-only run"
          % ka["arch"])

sys.exit(1 if failed else 0)
PY

if ((failed)); then
	echo "e2e uapi-$version: FAIL ($failed failed checks or groups)"
	exit 1
fi
echo "e2e uapi-$version: PASS"
