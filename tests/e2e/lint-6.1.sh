#!/usr/bin/env bash
# End-to-end `uabi lint` on the real Linux 6.1 KVM headers, all 15 ABIs:
# known findings (ioctl arguments and the default root struct kvm_run),
# suppressions (used and unused), exit codes, JSON schema.
#
#   tests/e2e/lint-6.1.sh [UABI]
set -uo pipefail
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
t_init lint "${1:-}"
cat >"$work/supp" <<'S'
# both pointers in KVM's dirty-log structs are translated by kvm_vm_compat_ioctl
rule=lint-pointer type="struct kvm_dirty_log" member=dirty_bitmap reason="translated by kvm_vm_compat_ioctl"
rule=lint-bool type="struct kvm_nothing" reason="matches nothing on purpose"
S

t_run 1 "lint" "$uabi" lint --kernel-tree "$tree" -j 2 --format json -o "$work/lint.json"
t_run 1 "lint-text" "$uabi" lint --kernel-tree "$tree" -j 2 -o "$work/lint.txt"
t_run 1 "lint-suppressed" "$uabi" lint --kernel-tree "$tree" -j 2 --suppressions "$work/supp" \
	--format json -o "$work/supp.json"
t_run 0 "fail-on-never" "$uabi" lint --kernel-tree "$tree" -j 2 --fail-on never -o "$work/never.txt"
t_run 0 "fail-on-error" "$uabi" lint --kernel-tree "$tree" -j 2 --fail-on error -o "$work/error.txt"
t_run 2 "bad-suppressions" "$uabi" lint --kernel-tree "$tree" --suppressions /nonexistent -o "$work/x"
t_run 1 "sarif" "$uabi" lint --kernel-tree "$tree" -j 2 --format sarif -o "$work/lint.sarif"

python3 - "$work" "$top/schemas/findings.schema.json" <<'PY' || failed=$((failed + 1))
import json, sys
work, schema = sys.argv[1], sys.argv[2]
bad = 0
def check(ok, what):
    global bad
    print(("PASS " if ok else "FAIL ") + what)
    bad += not ok
ALL = "x86_64 i386 x32 aarch64 arm riscv64 riscv32 ppc64 ppc64le ppc32 s390x s390 mips64 mipso32 mipsn32".split()
r = json.load(open(work + "/lint.json"))
def find(rule, type_, member=None):
    return [f for f in r["findings"] if f["rule"] == rule and f["type"] == type_
            and (member is None or f["member"] == member)]
f = find("lint-pointer", "struct kvm_dirty_log", "dirty_bitmap")
check(len(f) == 1 and f[0]["profiles"] == ALL and f[0]["file"] == "include/uapi/linux/kvm.h",
      "kvm_dirty_log.dirty_bitmap is a pointer on every ABI")
f = find("lint-size-multiple-8", "struct kvm_dirty_tlb")
check(len(f) == 1 and f[0]["profiles"] == ["i386"], "kvm_dirty_tlb: size 12 on i386 only")
f = find("lint-tail-padding", "struct kvm_dirty_tlb")
check(len(f) == 1 and "i386" not in f[0]["profiles"] and "x86_64" in f[0]["profiles"],
      "kvm_dirty_tlb: tail padding everywhere but i386")
f = find("lint-hole", "struct kvm_regs", "fp_regs")
check(len(f) == 1 and f[0]["profiles"] == ["aarch64", "arm"], "arm64 kvm_regs: hole before fp_regs")
# the mmap'd struct kvm_run, a root by default, is linted like an ioctl
# argument (offsets checked with clang: kvm_xen_exit.u at 8 on x86_64, 4 on
# i386; u.hcall.input at 16 vs 12, i.e. kvm_run.xen.u.hcall.input at 48 vs 44)
NOT_I386 = [p for p in ALL if p != "i386"]
f = find("lint-hole", "struct kvm_xen_exit", "u")
check(len(f) == 1 and f[0]["profiles"] == NOT_I386 and
      f[0]["message"] == "struct kvm_xen_exit: 4-byte hole before member u",
      "kvm_run root: kvm_xen_exit has a 4-byte hole before u everywhere but i386")
f = find("lint-u64-align", "struct kvm_xen_exit", "u.hcall.input")
check(len(f) == 1 and f[0]["profiles"] == ["i386"] and "at offset 12," in f[0]["message"],
      "kvm_run root: kvm_xen_exit u.hcall.input at 12 on i386")
f = find("lint-size-multiple-8", "struct kvm_xen_exit")
check(len(f) == 1 and f[0]["profiles"] == ["i386"] and "size 76 " in f[0]["message"],
      "kvm_run root: kvm_xen_exit is 76 bytes on i386")
f = [x for x in r["findings"] if x["rule"] == "lint-long"]
check(len(f) == 8 and all(x["type"] == "struct kvm_run" and x["profiles"] == ALL and
                          x["member"].split(".")[0] in ("riscv_sbi", "riscv_csr") for x in f),
      "lint-long: the 8 unsigned longs of kvm_run's riscv_sbi and riscv_csr arms, on every ABI")
f = find("lint-hole", "struct kvm_run", "s390_sieic.ipa")
check(len(f) == 1 and f[0]["profiles"] == ALL, "kvm_run root: 1-byte hole before s390_sieic.ipa")
check(len(r["findings"]) == 62, "62 findings (%d)" % len(r["findings"]))
check(all(x["severity"] == "warning" for x in r["findings"]), "lints are warnings")
check(r["counts"]["warning"] == len(r["findings"]) and r["failing"] == len(r["findings"]),
      "every lint fails at --fail-on warning: %d" % len(r["findings"]))
s = json.load(open(work + "/supp.json"))
sup = [x for x in s["findings"] if x["suppressed"]]
check(len(sup) == 1 and sup[0]["type"] == "struct kvm_dirty_log" and
      sup[0]["suppress_reason"] == "translated by kvm_vm_compat_ioctl", "suppression applied")
un = [x for x in s["findings"] if x["rule"] == "suppression-unused"]
check(len(un) == 1 and un[0]["line"] == 3, "unused suppression reported at its line")
check(s["failing"] == r["failing"], "failing: one suppressed, one unused suppression added")
try:
    import jsonschema
    for f in ("lint.json", "supp.json"):
        jsonschema.validate(json.load(open(work + "/" + f)), json.load(open(schema)))
    check(True, "valid against schemas/findings.schema.json")
except ImportError:
    check(False, "python3-jsonschema missing")
except jsonschema.ValidationError as e:
    check(False, "schema: %s" % e.message)
sa = json.load(open(work + "/lint.sarif"))
check(sa["version"] == "2.1.0" and len(sa["runs"][0]["results"]) == len(r["findings"]),
      "SARIF: one result per finding")
sys.exit(1 if bad else 0)
PY
if grep -q "^include/uapi/linux/kvm.h:[0-9]*: warning: \[" "$work/lint.txt" &&
	tail -1 "$work/lint.txt" | grep -q "^uabi lint: 0 errors, [0-9]* warnings"; then
	echo "PASS text output is compiler-style"
else
	failed=$((failed + 1))
	echo "FAIL text output"
fi
t_finish "e2e lint"
