#!/usr/bin/env bash
# End-to-end: linux/kvm.h of a real Linux tree (6.1 or 6.12), all 15 profiles.
#
#   tests/e2e/kvm.sh VERSION [UABI]
#
# UABI defaults to $UABI, else build/uabi; the tree is $UABI_KERNEL_TREE
# for 6.1 and $UABI_KERNEL_TREE_6_12 for 6.12, else
# `scripts/kernel-source.sh VERSION`. Checks: extract succeeds for every
# profile, `uabi verify` accepts each dump, facts known from the sources
# and their compilers hold, the ioctl count per profile matches
# kvm-VERSION.counts, and a second extract is byte-identical.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)

# shellcheck source=tests/lib.sh
. "$here/../lib.sh"
version=${1:-}
if [[ $version != 6.1 && $version != 6.12 ]]; then
	echo "e2e: usage: kvm.sh 6.1|6.12 [UABI]" >&2
	exit 2
fi
uabi=${2:-${UABI:-$top/build/uabi}}
if [[ ! -x $uabi ]]; then
	echo "e2e: $uabi: no uabi binary (build it: scripts/build.sh)" >&2
	exit 2
fi
if ! tree=$(t_tree_of "$version"); then
	echo "e2e: no kernel tree" >&2
	exit 2
fi
t_workdir e2e

failed=0

# 1. extract, twice
for run in a b; do
	mkdir -p "$work/$run"
	if "$uabi" extract --kernel-tree "$tree" --profile all -j 2 --root 'struct kvm_run' -o "$work/$run/" \
		>"$work/extract-$run.log" 2>&1; then
		t_pass "extract --profile all ($run)"
	else
		t_fail "extract --profile all ($run): exit $?"
		sed 's/^/    /' "$work/extract-$run.log"
	fi
done

shopt -s nullglob
dumps=("$work"/a/*.json)
if ((${#dumps[@]} == 15)); then
	t_pass "15 dumps written"
else
	t_fail "${#dumps[@]} dumps written, expected 15"
fi

# 2. deterministic output
if diff -r "$work/a" "$work/b" >"$work/diff.log" 2>&1; then
	t_pass "second extract is byte-identical"
else
	t_fail "second extract differs"
	head -50 "$work/diff.log" | sed 's/^/    /'
fi

# 3. every dump verifies with its own compiler
for d in "${dumps[@]}"; do
	if "$uabi" verify --kernel-tree "$tree" "$d" >"$work/verify.log" 2>&1; then
		t_pass "verify ${d##*/}"
	else
		t_fail "verify ${d##*/}: exit $?"
		sed 's/^/    /' "$work/verify.log"
	fi
done

# 4. facts and counts
python3 - "$version" "$here/kvm-$version.counts" "${dumps[@]}" <<'PY' || failed=$((failed + 1))
import json
import sys

version, counts_file, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
PROFILES = ["x86_64", "i386", "x32", "aarch64", "arm", "riscv64", "riscv32", "ppc64",
            "ppc64le", "ppc32", "s390x", "s390", "mips64", "mipso32", "mipsn32"]
failed = 0


def check(ok, what):
    global failed
    print(("PASS " if ok else "FAIL ") + what)
    if not ok:
        failed += 1


dumps = {}
for p in paths:
    with open(p) as f:
        d = json.load(f)
    dumps[d["profile"]["name"]] = d
check(sorted(dumps) == sorted(PROFILES), "profiles: %s" % " ".join(sorted(dumps)))


def ioctl(profile, name):
    d = dumps.get(profile)
    if d is None:
        return None
    for io in d["ioctls"]:
        if io["name"] == name:
            return io
    return None


def type_size(profile, spelling):
    for t in dumps.get(profile, {}).get("types", []):
        if t.get("name") and "%s %s" % (t["kind"], t["name"]) == spelling:
            return t["size"]
    return None


def number(io):
    n = io.get("number")
    return int(n, 0) if isinstance(n, str) else n


def expect_field(profile, name, field, want):
    io = ioctl(profile, name)
    got = None if io is None else (number(io) if field == "number" else io.get(field))
    shown = (lambda v: hex(v) if isinstance(v, int) and field == "number" else repr(v))
    check(got == want, "%s %s %s = %s (want %s)" % (profile, name, field, shown(got), shown(want)))
    if io is not None and field == "number":
        check(io.get("number_hex", "").lower() == hex(want),
              "%s %s number_hex = %s" % (profile, name, io.get("number_hex")))


for name, d in sorted(dumps.items()):
    names = [io["name"] for io in d["ioctls"]]
    check(names == sorted(names), "%s: ioctls sorted by name" % name)
    check(d["profile"]["pointer_size"] == (8 if d["profile"]["model"] == "LP64" else 4),
          "%s: pointer_size %s matches model %s"
          % (name, d["profile"]["pointer_size"], d["profile"]["model"]))

# struct kvm_dirty_tlb { __u64 bitmap; __u32 num_dirty; }: tail padding on x86_64 only
expect_field("x86_64", "KVM_DIRTY_TLB", "size", 16)
expect_field("i386", "KVM_DIRTY_TLB", "size", 12)
check(type_size("x86_64", "struct kvm_dirty_tlb") == 16, "x86_64 struct kvm_dirty_tlb size 16")
check(type_size("i386", "struct kvm_dirty_tlb") == 12, "i386 struct kvm_dirty_tlb size 12")
# struct kvm_dirty_log: pointer in a union with __u64, 16 bytes everywhere
expect_field("x86_64", "KVM_GET_DIRTY_LOG", "size", 16)
expect_field("i386", "KVM_GET_DIRTY_LOG", "size", 16)
# _IOWR(KVMIO, 0xba, unsigned long): the size of long is in the number
expect_field("x86_64", "KVM_MEMORY_ENCRYPT_OP", "number", 0xc008aeba)
expect_field("i386", "KVM_MEMORY_ENCRYPT_OP", "number", 0xc004aeba)
expect_field("x86_64", "KVM_MEMORY_ENCRYPT_OP", "arg_type", "unsigned long")
# Applicability follows where the argument type is defined. In 6.1 struct
# kvm_s390_mem_op is in linux/kvm.h itself, so KVM_S390_MEM_OP exists on
# every ABI; 6.12 moved it to s390's asm/kvm.h (commit "KVM: s390: move
# s390-specific structs to uapi/asm/kvm.h"). struct kvm_vcpu_init (arm64
# asm/kvm.h) and struct kvm_msrs (x86 asm/kvm.h) exist only on their arch.
expect_field("x86_64", "KVM_S390_MEM_OP", "applicable", version == "6.1")
expect_field("s390x", "KVM_S390_MEM_OP", "applicable", True)
expect_field("s390", "KVM_S390_MEM_OP", "applicable", True)
expect_field("x86_64", "KVM_ARM_VCPU_INIT", "applicable", False)
expect_field("s390x", "KVM_ARM_VCPU_INIT", "applicable", False)
expect_field("aarch64", "KVM_ARM_VCPU_INIT", "applicable", True)
expect_field("arm", "KVM_ARM_VCPU_INIT", "applicable", True)
for p in ("x86_64", "i386", "x32"):
    expect_field(p, "KVM_GET_MSRS", "applicable", True)
for p in ("aarch64", "s390x", "ppc64", "riscv64", "mips64"):
    expect_field(p, "KVM_GET_MSRS", "applicable", False)

# the mmap'd struct kvm_run, given with --root, exists everywhere
for p in PROFILES:
    roots = dumps.get(p, {}).get("roots", [])
    check(len(roots) == 1 and roots[0]["name"] == "struct kvm_run" and roots[0]["applicable"],
          "%s: root struct kvm_run applicable" % p)

# ioctl counts per profile: all ioctl macros, and those whose argument
# type exists on the ABI
def counts(p):
    ios = dumps[p]["ioctls"]
    return "%d %d" % (len(ios), sum(1 for io in ios if io["applicable"]))


want = {}
with open(counts_file) as f:
    for line in f:
        line = line.split("#", 1)[0].split()
        if len(line) == 3:
            want[line[0]] = "%s %s" % (line[1], line[2])
print("actual ioctl counts, total and applicable (for %s):" % counts_file)
for p in PROFILES:
    if p in dumps:
        print("%s %s" % (p, counts(p)))
for p in PROFILES:
    got = counts(p) if p in dumps else None
    w = want.get(p)
    check(got == w, "%s ioctl counts %s (want %s)" % (p, got, w))

sys.exit(1 if failed else 0)
PY

if ((failed)); then
	echo "e2e kvm-$version: FAIL ($failed failed checks or groups)"
	exit 1
fi
echo "e2e kvm-$version: PASS"
