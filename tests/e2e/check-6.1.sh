#!/usr/bin/env bash
# End-to-end `uabi check` on the real Linux 6.1 tree: the verdicts, kernel
# facts and exit codes the issue asserts, SARIF structure, the JSON schema,
# determinism, --from-dumps, and the no-kernel-tree case.
#
#   tests/e2e/check-6.1.sh [UABI]
set -uo pipefail
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
t_init check "${1:-}"

t_run 1 "check-json" "$uabi" check --kernel-tree "$tree" --pairs all -j 2 --format json \
	--dumps "$work/dumps" -o "$work/report.json"
t_run 1 "check-sarif" "$uabi" check --kernel-tree "$tree" --from-dumps "$work/dumps" --format sarif \
	-o "$work/report.sarif"
t_run 0 "fail-on-never" "$uabi" check --kernel-tree "$tree" --from-dumps "$work/dumps" --fail-on never \
	-o "$work/a.txt"
t_run 0 "fail-on-never-again" "$uabi" check --kernel-tree "$tree" --from-dumps "$work/dumps" \
	--fail-on never -o "$work/b.txt"
t_run 2 "bad-pair" "$uabi" check --kernel-tree "$tree" --pairs x86_64:arm -o "$work/d.txt"
t_run 2 "bad-fail-on" "$uabi" check --kernel-tree "$tree" --fail-on sometimes -o "$work/d.txt"
t_run 1 "fail-on-translation-ppc" "$uabi" check --kernel-tree "$tree" --from-dumps "$work/dumps" \
	--pairs ppc64:ppc32 --fail-on translation -o "$work/c.txt"
# no KVM compat on arm64: nothing a 32-bit VMM can reach, nothing fails
t_run 0 "fail-on-not-handled-arm" "$uabi" check --kernel-tree "$tree" --from-dumps "$work/dumps" \
	--pairs aarch64:arm -o "$work/c.txt"
# the known gaps of 6.1 accepted: the gate passes, an unused entry is told
cat >"$work/supp" <<'S'
rule=not-handled ioctl=KVM_MEMORY_ENCRYPT_OP reason="SEV needs a 64-bit VMM"
rule=untranslatable type="struct kvm_run" reason="riscv_sbi/riscv_csr exits never happen on these arches"
rule=not-handled ioctl=KVM_NOT_AN_IOCTL reason="matches nothing on purpose"
S
t_run 0 "suppressed" "$uabi" check --kernel-tree "$tree" --from-dumps "$work/dumps" --suppressions "$work/supp" \
	--format json -o "$work/supp.json"
if grep -q "supp:3: warning: suppression for rule not-handled matched nothing" "$work/suppressed.err"; then
	echo "PASS unused suppression told on stderr"
else
	failed=$((failed + 1))
	echo "FAIL unused suppression not told: $(cat "$work/suppressed.err")"
fi
t_run 2 "bad-suppressions" "$uabi" check --kernel-tree "$tree" --from-dumps "$work/dumps" \
	--suppressions /nonexistent -o "$work/d.txt"
t_run 1 "headers-only" "$uabi" check --headers /usr/include --pairs x86_64:i386 --format json \
	-o "$work/nofacts.json"
# issue 8 item 6, superseded by issue 10: the KVM facts are KVM's; with a
# whole tree DRM ioctls are placed by its facts (drm_ioc32.c), without one
# they stay unknown
t_run 1 "drm-tree" "$uabi" check --kernel-tree "$tree" --header drm/drm.h --fail-on translation -j 2 \
	--dumps "$work/drm-dumps" --format json -o "$work/drm.json"
t_run 1 "drm-no-tree" "$uabi" check --from-dumps "$work/drm-dumps" --fail-on translation --format json \
	-o "$work/drm-nofacts.json"
t_run 1 "drm-tree-text" "$uabi" check --kernel-tree "$tree" --from-dumps "$work/drm-dumps" \
	--fail-on translation -o "$work/drm.txt"
if grep -q "dev/kvm" "$work/drm.txt"; then
	failed=$((failed + 1))
	echo "FAIL drm/drm.h: an arch row speaks of /dev/kvm: $(grep -m1 dev/kvm "$work/drm.txt")"
else
	echo "PASS drm/drm.h: no arch row speaks of /dev/kvm"
fi
# issue 8 item 13: KVM arches of the tree without a pair are listed
t_run 1 "one-pair" "$uabi" check --kernel-tree "$tree" --from-dumps "$work/dumps" --pairs x86_64:i386 \
	--format json -o "$work/one-pair.json"
t_run 0 "compat" "$uabi" compat --kernel-tree "$tree" --fail-on never --format json \
	-o "$work/compat.json" "$work/dumps/x86_64.json" "$work/dumps/i386.json"
# the porting view (issue 8 item 14) and the titles per command
t_run 1 "only-actionable-x86" "$uabi" check --kernel-tree "$tree" --from-dumps "$work/dumps" \
	--only actionable --arch x86 -o "$work/port.txt"
t_run 2 "unknown-arch" "$uabi" check --kernel-tree "$tree" --from-dumps "$work/dumps" --arch sparc \
	-o "$work/d.txt"
t_run 0 "compat-text" "$uabi" compat --kernel-tree "$tree" --fail-on never \
	-o "$work/compat.txt" "$work/dumps/x86_64.json" "$work/dumps/i386.json"
t_view() {
	if eval "$2"; then
		echo "PASS $1"
	else
		failed=$((failed + 1))
		echo "FAIL $1"
	fi
}
t_view "check report titled uabi check report" '[[ $(head -1 "$work/a.txt") == "uabi check report" ]]'
t_view "compat report titled uabi compat report" '[[ $(head -1 "$work/compat.txt") == "uabi compat report" ]]'
t_view "--only actionable: what to do for KVM_MEMORY_ENCRYPT_OP" \
	'grep -q "to do: add a case to kvm_arch_vm_compat_ioctl that translates it (the native ioctl is dispatched by kvm_arch_vm_ioctl at arch/x86/kvm/x86.c:" "$work/port.txt"'
t_view "--only actionable: the mmap'd root cannot be translated" \
	'grep -q "to do: mmap.d: no compat handler can translate it" "$work/port.txt"'
t_view "--only actionable: no identical or not-dispatched item" \
	'! grep -Eq "^  (KVM_RUN|KVM_DIRTY_TLB) " "$work/port.txt"'
t_view "--arch x86: no other arch" \
	'! grep -Eq "^(  )?(aarch64|riscv64|ppc64|s390x|mips64) -> |^  (arm64|riscv|powerpc|s390|mips)[ :]" "$work/port.txt" &&
	 grep -q "^x86_64 -> x32 (x86)" "$work/port.txt"'
t_view "internal names marked" 'grep -q "__KVM_DEPRECATED_VCPU_W_0x87 (internal)" "$work/a.txt"'
t_view "unknown --arch named in one line" \
	'[[ $(wc -l <"$work/unknown-arch.err") == 1 ]] && grep -q "arch sparc" "$work/unknown-arch.err"' 
if cmp -s "$work/a.txt" "$work/b.txt"; then
	echo "PASS text report is byte-identical across runs"
else
	failed=$((failed + 1))
	echo "FAIL text report differs between two runs"
fi
if grep -q "KVM_MEMORY_ENCRYPT_OP" "$work/check-json.err" || grep -q "at or above --fail-on" "$work/check-json.err"; then
	echo "PASS exit 1 says why: $(tail -1 "$work/check-json.err")"
else
	failed=$((failed + 1))
	echo "FAIL exit 1 without a message"
fi

python3 - "$work" "$top/schemas/report.schema.json" <<'PY' || failed=$((failed + 1))
import json, sys
work, schema = sys.argv[1], sys.argv[2]
bad = 0
def check(ok, what):
    global bad
    print(("PASS " if ok else "FAIL ") + what)
    bad += not ok

r = json.load(open(work + "/report.json"))
pairs = {(p["native"], p["compat"]): p for p in r["pairs"]}
check(sorted(pairs) == sorted([("x86_64", "i386"), ("x86_64", "x32"), ("aarch64", "arm"),
                               ("riscv64", "riscv32"), ("ppc64", "ppc32"), ("s390x", "s390"),
                               ("mips64", "mipso32"), ("mips64", "mipsn32")]), "8 compat pairs")
def item(n, c, name):
    return next((i for i in pairs[(n, c)]["ioctls"] if i["name"] == name), None)
for name in ("KVM_DIRTY_TLB", "KVM_MEMORY_ENCRYPT_OP", "KVM_X86_SET_MSR_FILTER"):
    i = item("x86_64", "i386", name)
    check(i["verdict"] == "number-differs", "x86_64:i386 %s number-differs (%s)" % (name, i["verdict"]))
for name in ("KVM_GET_DIRTY_LOG", "KVM_CLEAR_DIRTY_LOG"):
    i = item("x86_64", "i386", name)
    check(i["verdict"] in ("pointer-width", "layout-differs"),
          "x86_64:i386 %s %s" % (name, i["verdict"]))
    check(i["kernel"]["status"] == "handled", "%s handled on x86" % name)
i = item("x86_64", "i386", "KVM_DIRTY_TLB")
check(i["native"]["size"] == 16 and i["compat"]["size"] == 12, "KVM_DIRTY_TLB 16 vs 12 bytes")
check(any(f["kind"] == "tail-padding" for f in i["findings"]), "KVM_DIRTY_TLB: tail padding finding")
i = item("x86_64", "i386", "KVM_MEMORY_ENCRYPT_OP")
check(i["native"]["number"] == 0xc008aeba and i["compat"]["number"] == 0xc004aeba,
      "KVM_MEMORY_ENCRYPT_OP 0xc008aeba vs 0xc004aeba")
check(i["kernel"]["status"] == "not-handled", "KVM_MEMORY_ENCRYPT_OP not handled on x86")
i = item("x86_64", "i386", "KVM_X86_SET_MSR_FILTER")
h = i["kernel"].get("handler") or {}
check(i["kernel"]["status"] == "handled" and h.get("function") == "kvm_arch_vm_compat_ioctl"
      and h.get("file") == "arch/x86/kvm/x86.c", "KVM_X86_SET_MSR_FILTER handled by kvm_arch_vm_compat_ioctl")
check(item("x86_64", "i386", "KVM_RUN")["verdict"] == "identical", "KVM_RUN identical")
archs = {a["arch"]: a for a in r["archs"]}
check(archs["x86"]["kvm_compat"] == "yes", "x86 has KVM_COMPAT")
handlers = sorted(h["ioctl"] for h in archs["x86"]["handlers"])
check(handlers == ["KVM_CLEAR_DIRTY_LOG", "KVM_GET_DIRTY_LOG", "KVM_SET_SIGNAL_MASK",
                   "KVM_X86_SET_MSR_FILTER"], "x86 compat handlers: %s" % handlers)
for a in ("arm64", "riscv", "s390"):
    check(archs[a]["kvm_compat"] == "no" and archs[a]["handlers"] == [], "%s has no KVM compat" % a)
for a in ("powerpc", "mips"):
    check(archs[a]["kvm_compat"] == "yes", "%s has KVM_COMPAT" % a)
for (n, c), p in pairs.items():
    if archs[p["arch"]]["kvm_compat"] == "no":
        st = {i["kernel"]["status"] for i in p["ioctls"]}
        check(st <= {"no-kvm-compat", "not-applicable"}, "%s:%s only no-kvm-compat/not-applicable" % (n, c))
check(item("ppc64", "ppc32", "KVM_DIRTY_TLB")["kernel"]["status"] != "not-dispatched",
      "KVM_DIRTY_TLB dispatched on powerpc")
check(item("x86_64", "i386", "KVM_DIRTY_TLB")["kernel"]["status"] == "not-dispatched",
      "KVM_DIRTY_TLB not dispatched on x86")
check(r["failing"] > 0 and r["fail_on"] == "not-handled", "failing items counted: %d" % r["failing"])

# the arch summary counts ioctls (issue 8 item 11), recounted here from
# the per-pair tables: a name counts once per arch, its worst ABI decides
def recount(rep):
    out = {}
    for a in rep["archs"]:
        names = {}
        for p in rep["pairs"]:
            if p["arch"] != a["arch"]:
                continue
            for i in p["ioctls"]:
                names.setdefault(i["name"], []).append((p["compat"], i))
        c = dict(identical=0, untyped=0, needs_translation=0, handled=0, not_handled=0, unknown=0,
                 not_applicable=0, not_dispatched=0)
        gaps = []
        for name, its in sorted(names.items()):
            app = [(abi, i) for abi, i in its if i["verdict"] != "not-applicable"]
            diff = [(abi, i) for abi, i in app if i["verdict"] != "identical"]
            if not app:
                c["not_applicable"] += 1
            elif not diff:
                c["identical"] += 1
                c["untyped"] += all(i.get("untyped") for abi, i in app)
            else:
                c["needs_translation"] += 1
                st = [i["kernel"]["status"] for abi, i in diff]
                for k, key in (("not-handled", "not_handled"), ("unknown", "unknown"),
                               ("handled", "handled"), ("not-dispatched", "not_dispatched")):
                    if k in st:
                        c[key] += 1
                        break
                nh = [abi for abi, i in diff if i["kernel"]["status"] == "not-handled"]
                if nh:
                    gaps.append({"ioctl": name, "abis": nh})
        out[a["arch"]] = (c, gaps)
    return out
for a, (c, gaps) in recount(r).items():
    check(archs[a]["counts"] == c, "%s counts are ioctls: %s" % (a, archs[a]["counts"]))
    check(archs[a]["not_handled"] == gaps, "%s not handled: %s" % (a, archs[a]["not_handled"]))
# by hand from the x86_64:i386 and x86_64:x32 tables of 6.1: 9 ioctls need
# translation (7 number-differs + 2 pointer-width on i386, x32's a subset):
# handled CLEAR/GET_DIRTY_LOG, X86_SET_MSR_FILTER; not handled
# MEMORY_ENCRYPT_OP on both; not dispatched DEBUG_GUEST, DIRTY_TLB,
# S390_STORE_STATUS, S390_VCPU_FAULT, __KVM_DEPRECATED_VCPU_W_0x87; untyped:
# the 27 one-line `#define NAME _IO(` of linux/kvm.h (grep) and KVM_TRACE_PAUSE
# and KVM_TRACE_DISABLE, two names for __KVM_DEPRECATED_MAIN_0x07 and 0x08
check(archs["x86"]["counts"] == dict(identical=143, untyped=29, needs_translation=9, handled=3, not_handled=1,
                                     unknown=0, not_applicable=11, not_dispatched=5),
      "x86 counts by hand: %s" % archs["x86"]["counts"])
check(archs["x86"]["not_handled"] == [{"ioctl": "KVM_MEMORY_ENCRYPT_OP", "abis": ["i386", "x32"]}],
      "x86: KVM_MEMORY_ENCRYPT_OP not handled on i386, x32")
check("KVM_MEMORY_ENCRYPT_OP on i386, x32" in archs["x86"]["outcome"], "x86 outcome names the ABIs")
# offsets from the start of the root (issue 8 item 12): offsetof(struct
# kvm_run, xen.u) is 40 on x86_64 and 36 on i386 (clang and gcc agree)
run = next(i for i in pairs[("x86_64", "i386")]["roots"] if i["name"] == "struct kvm_run")
xu = [f for f in run["findings"] if f["path"] == "xen.u" and f["kind"] == "offset"]
check(len(xu) == 1 and (xu[0]["native"], xu[0]["compat"], xu[0]["native_at"], xu[0]["compat_at"]) == (8, 4, 40, 36),
      "kvm_run xen.u: 8 vs 4 in its parent, at 40 vs 36 from the start: %s" % xu)

try:
    import jsonschema
    for f in ("report.json", "nofacts.json", "compat.json", "supp.json", "drm.json",
              "drm-nofacts.json", "one-pair.json"):
        jsonschema.validate(json.load(open(work + "/" + f)), json.load(open(schema)))
    check(True, "reports valid against schemas/report.schema.json")
except ImportError:
    check(False, "python3-jsonschema missing")
except jsonschema.ValidationError as e:
    check(False, "schema: %s" % e.message)

sp = json.load(open(work + "/supp.json"))
sup = [(p["compat"], i["name"], i["kernel"]["suppressed"]) for p in sp["pairs"]
       for i in p["ioctls"] + p["roots"] if i["kernel"]["suppressed"]]
# 3 failing items are left to accept (KVM_MEMORY_ENCRYPT_OP on i386 and x32,
# struct kvm_run on i386): kvm_run on x32, ppc32, mipso32 and mipsn32 no
# longer fails (issue 8 item 1)
check(sp["failing"] == 0 and len(sup) == 3, "suppressed: 3 items, none failing (%d, %d)" % (len(sup), sp["failing"]))
check(("i386", "KVM_MEMORY_ENCRYPT_OP", "SEV needs a 64-bit VMM") in sup, "suppression reason in the JSON report")

n = json.load(open(work + "/nofacts.json"))
check(n["kernel_tree"] is None, "no kernel tree: kernel_tree null")
check(all(a["kvm_compat"] == "unknown" and a["handlers"] is None for a in n["archs"]),
      "no kernel tree: KVM_COMPAT unknown")
st = {i["kernel"]["status"] for p in n["pairs"] for i in p["ioctls"]}
check(st <= {"unknown", "not-applicable"}, "no kernel tree: statuses %s" % sorted(st))
for a, (c, gaps) in recount(n).items():
    na = next(x for x in n["archs"] if x["arch"] == a)
    check(na["counts"] == c and na["counts"]["not_handled"] == 0
          and na["counts"]["unknown"] == na["counts"]["needs_translation"],
          "no kernel tree: %s counts unknown, not not-handled: %s" % (a, na["counts"]))

s = json.load(open(work + "/report.sarif"))
check(s["version"] == "2.1.0" and len(s["runs"]) == 1, "SARIF 2.1.0, one run")
res = s["runs"][0]["results"]
check(len(res) > 0 and all(x["locations"][0]["physicalLocation"]["region"]["startLine"] > 0
                           and not x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("/")
                           for x in res), "SARIF results: %d, each with a relative file:line" % len(res))
check(any(x["level"] == "error" and "KVM_MEMORY_ENCRYPT_OP" in x["message"]["text"] for x in res),
      "SARIF: KVM_MEMORY_ENCRYPT_OP is an error")

# issue 8 item 1: struct kvm_run differs on x32, ppc32, mipso32 and mipsn32
# only in the riscv exit arms, which only arch/riscv/kvm uses
def root(n, c):
    return next(i for i in pairs[(n, c)]["roots"] if i["name"] == "struct kvm_run")
for n, c in (("x86_64", "x32"), ("ppc64", "ppc32"), ("mips64", "mipso32"), ("mips64", "mipsn32")):
    k = root(n, c)["kernel"]
    um = [u["member"] for u in k["unused"]]
    check(k["status"] == "not-used" and um == ["riscv_sbi", "riscv_csr"],
          "%s:%s struct kvm_run not-used (%s, %s)" % (n, c, k["status"], um))
    sbi = k["unused"][0]["used_in"] if k["unused"] else []
    check([(x["arch"], x["file"], x["line"]) for x in sbi] == [("riscv", "arch/riscv/kvm/vcpu_sbi.c", 62)],
          "%s:%s riscv_sbi used only in arch/riscv/kvm/vcpu_sbi.c:62 (%s)" % (n, c, sbi))
k = root("x86_64", "i386")["kernel"]
check(k["status"] == "untranslatable" and "riscv_sbi" in k["note"] and
      [u["member"] for u in k["unused"]] == ["riscv_sbi", "riscv_csr"],
      "x86_64:i386 struct kvm_run stays untranslatable (xen is x86's): %s" % k["status"])
k = root("riscv64", "riscv32")["kernel"]
check(k["unused"] == [] and k["note"] is None, "riscv uses its own arms")
check(r["failing"] == 3, "6.1 failing items: 3 (%d)" % r["failing"])
check(r["kernel_tree"]["unjudged_archs"] == [], "6.1: every KVM arch has a pair")
one = json.load(open(work + "/one-pair.json"))
uj = [a["arch"] for a in one["kernel_tree"]["unjudged_archs"]]
check(uj == ["arm64", "mips", "powerpc", "riscv", "s390"], "one pair: the other KVM arches listed (%s)" % uj)

# issue 8 item 6 as issue 10 left it
d, dn = json.load(open(work + "/drm.json")), json.load(open(work + "/drm-nofacts.json"))
st = {i["kernel"]["status"] for p in d["pairs"] for i in p["ioctls"]}
check({"handled", "native-ok", "not-handled"} <= st and "no-kvm-compat" not in st,
      "drm/drm.h with a tree: placed by the tree's facts (statuses %s)" % sorted(st))
gf = [(p["compat"], i["kernel"]["status"]) for p in d["pairs"] for i in p["ioctls"]
      if i["name"] == "DRM_IOCTL_MODE_GETFB2" and i["verdict"] != "identical"]
check(gf == [("i386", "not-handled")], "drm/drm.h: GETFB2 not handled on i386 only (%s)" % gf)
notes = [i["kernel"]["note"] or "" for p in d["pairs"] for i in p["ioctls"]]
check(not any("is not a KVM ioctl" in x for x in notes),
      "drm/drm.h with a tree: no item says the facts are KVM's")
stn = {i["kernel"]["status"] for p in dn["pairs"] for i in p["ioctls"]}
check(stn <= {"unknown", "not-applicable"} and dn["failing"] > d["failing"] > 0,
      "drm/drm.h without a tree: unknown, failing more (%d, %d)" % (dn["failing"], d["failing"]))
sys.exit(1 if bad else 0)
PY

t_finish "e2e check"
