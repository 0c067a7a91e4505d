#!/usr/bin/env bash
# Kernel facts on a small fake kernel tree (issue 8 item 13): an arch the
# tree has KVM code for but uabi has no profile for (loongarch), and one
# with profiles that the run does not cover (arm64), are listed in the
# architecture table and said not judged, in every format; an arch dir
# without kvm/ is not listed. The dumps are the golden case "identical"
# (x86_64, i386) with their ioctls made KVM's (type KVMIO, declared in
# linux/kvm.h): no kernel tree of any size is needed. The same dumps as
# they are (no KVM ioctl) list no KVM arch: a run about other ioctls is
# not told about KVM.
#
#   tests/cli/kfacts.sh [UABI]
set -uo pipefail
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
t_init kfacts "${1:-}" notree

fake=$work/tree
mkdir -p "$fake/virt/kvm" "$fake/arch/x86/kvm" "$fake/arch/loongarch/kvm" "$fake/arch/arm64/kvm" \
	"$fake/arch/alpha"
printf 'config KVM_COMPAT\n\tdef_bool y\n\tdepends on KVM && COMPAT && !(S390 || ARM64 || RISCV)\n' \
	>"$fake/virt/kvm/Kconfig"
printf 'int x;\n' >"$fake/virt/kvm/kvm_main.c"
printf 'config X86\n\tdef_bool y\n' >"$fake/arch/x86/Kconfig"
printf 'void f(struct kvm_run *run) { run->s.regs = 0; }\n' >"$fake/arch/loongarch/kvm/vcpu.c"
printf 'int a;\n' >"$fake/arch/arm64/kvm/arm.c"
g=$top/tests/golden/identical
mkdir -p "$work/kvm"
for p in x86_64 i386; do
	python3 - "$g/expect-$p.json" "$work/kvm/$p.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for io in d["ioctls"]:
    io["type"] = 0xAE
    io["file"] = "include/uapi/linux/kvm.h"
    io["number"] = (io["number"] & ~0xff00) | 0xAE00
    io["number_hex"] = hex(io["number"])
json.dump(d, open(sys.argv[2], "w"), indent=1, sort_keys=True)
PY
done

for fmt in text json markdown html sarif; do
	t_run 0 "$fmt" "$uabi" compat --kernel-tree "$fake" --fail-on never --format "$fmt" \
		"$work/kvm/x86_64.json" "$work/kvm/i386.json"
done
t_run 0 "not-kvm" "$uabi" compat --kernel-tree "$fake" --fail-on never \
	"$g/expect-x86_64.json" "$g/expect-i386.json"
if grep -q 'loongarch\|arm64' "$work/not-kvm.out"; then
	t_fail "not-kvm: KVM arches listed for a run without a KVM ioctl"
else
	t_pass "not-kvm: no KVM arch listed"
fi
t_out_has text "  loongarch: no uabi profile: not judged (the tree has KVM code for it, arch/loongarch/kvm; uabi has no ABI profile for this architecture)"
t_out_has text "  arm64: not judged: the tree has KVM code for it (arch/arm64/kvm) but no pair of its uabi profiles is in this run"
t_out_has markdown "| \`loongarch\` | -        | -           | -          |         - |       - |            - |       - |           - |       - |              - |   - |"
t_out_has markdown "- **loongarch**: no uabi profile: not judged (the tree has KVM code for it, arch/loongarch/kvm; uabi has no ABI profile for this architecture)"
if grep -q '<td><code>loongarch</code></td><td>-</td>' "$work/html.out" &&
	grep -q 'no uabi profile: not judged' "$work/html.out"; then
	t_pass "html: loongarch row"
else
	t_fail "html: no loongarch row"
fi
if grep -q alpha "$work/text.out"; then
	t_fail "text: alpha (no kvm/ dir) is listed"
else
	t_pass "text: alpha (no kvm/ dir) is not listed"
fi
python3 - "$work/json.out" <<'PY' || failed=$((failed + 1))
import json, sys
r = json.load(open(sys.argv[1]))
u = r["kernel_tree"]["unjudged_archs"]
want = [{"arch": "arm64", "outcome": "not judged: the tree has KVM code for it (arch/arm64/kvm) but no pair of its uabi profiles is in this run"},
        {"arch": "loongarch", "outcome": "no uabi profile: not judged (the tree has KVM code for it, arch/loongarch/kvm; uabi has no ABI profile for this architecture)"}]
ok = u == want
print(("PASS" if ok else "FAIL") + " json: kernel_tree.unjudged_archs %s" % u)
sys.exit(0 if ok else 1)
PY
if grep -q '"arch": "loongarch"' "$work/sarif.out"; then
	t_pass "sarif: loongarch in run.properties.unjudged_archs"
else
	t_fail "sarif: no loongarch"
fi
# without a tree: nothing is said about arches uabi cannot see
t_run 0 "notree" "$uabi" compat --fail-on never "$g/expect-x86_64.json" "$g/expect-i386.json"
if grep -qE '^  [a-z0-9_]+: (no uabi profile: )?not judged' "$work/notree.out"; then
	t_fail "no tree: an arch is said not judged"
else
	t_pass "no tree: no unjudged arch"
fi

# The tree is input (docs/security.md): a walk does not follow symlinks (two
# loops cost nothing; a file linked from outside is not read), a file read
# by name that resolves outside or is not a regular file is exit 2, a file
# name that would need escaping is exit 2, and the member scanner is linear
# on nested unbalanced macro calls.
hostile=$work/hostile
cp -a "$fake" "$hostile"
ln -s . "$hostile/arch/x86/kvm/a"
ln -s . "$hostile/arch/x86/kvm/b"
printf 'void f(struct kvm_run *run) { run->riscv_sbi.x = 0; }\n' >"$work/outside.c"
ln -s "$work/outside.c" "$hostile/arch/x86/kvm/evil.c"
t_run 0 "hostile-walk" timeout 30 "$uabi" compat --kernel-tree "$hostile" --fail-on never --format json \
	"$work/kvm/x86_64.json" "$work/kvm/i386.json"
if grep -q 'evil.c\|outside' "$work/hostile-walk.out"; then
	t_fail "hostile-walk: a symlinked file was read"
else
	t_pass "hostile-walk: symlinks not followed"
fi
mk=$work/mk
cp -a "$fake" "$mk"
printf 'VERSION = 6\n' >"$work/Makefile.outside"
ln -s "$work/Makefile.outside" "$mk/Makefile"
t_run 2 "outside-makefile" "$uabi" compat --kernel-tree "$mk" --fail-on never \
	"$work/kvm/x86_64.json" "$work/kvm/i386.json"
t_err_has outside-makefile "^uabi: $mk/Makefile: resolves outside the kernel tree\$"
rm "$mk/Makefile"
mkfifo "$mk/Makefile"
t_run 2 "fifo-makefile" timeout 30 "$uabi" compat --kernel-tree "$mk" --fail-on never \
	"$work/kvm/x86_64.json" "$work/kvm/i386.json"
t_err_has fifo-makefile "^uabi: $mk/Makefile: not a regular file\$"
odd=$work/odd
cp -a "$fake" "$odd"
mkdir -p "$odd/arch/$(printf 'ev\033[31mil\nnl')/kvm"
t_run 2 "odd-name" "$uabi" compat --kernel-tree "$odd" --fail-on never \
	"$work/kvm/x86_64.json" "$work/kvm/i386.json"
t_err_has odd-name "^uabi: $odd/arch/ev\\\\x1b\\[31mil\\\\x0anl: a file name with control or non-UTF-8 bytes\$"
big=$work/big
cp -a "$fake" "$big"
python3 -c "print('offsetof(' * 100000)" >"$big/arch/x86/kvm/nested.c"
t_run 0 "nested-macro" timeout 20 "$uabi" compat --kernel-tree "$big" --fail-on never \
	"$work/kvm/x86_64.json" "$work/kvm/i386.json"
t_finish "cli kfacts"
