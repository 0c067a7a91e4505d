#!/usr/bin/env bash
# End-to-end on installed headers (--headers): Debian's linux-libc-dev in
# /usr/include (x86's asm/ under x86_64-linux-gnu serves x86_64, i386 and
# x32) and linux-libc-dev-s390x-cross in /usr/s390x-linux-gnu/include
# (asm/ directly inside). Every dump must verify and agree with the
# kernel-tree dumps on the facts that do not depend on the input's form.
#
#   tests/e2e/installed-headers.sh [UABI]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
uabi=${1:-${UABI:-$top/build/uabi}}
# shellcheck source=tests/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
t_workdir hdr
failed=0
step() {
	if "$@" >"$work/log" 2>&1; then
		echo "PASS ${*:2}"
	else
		failed=$((failed + 1))
		echo "FAIL $*"
		sed 's/^/    /' "$work/log" | head -20
	fi
}

for dir in /usr/include/linux /usr/s390x-linux-gnu/include/linux; do
	if [[ ! -f $dir/kvm.h ]]; then
		echo "FAIL $dir/kvm.h missing (scripts/deps.sh installs linux-libc-dev and the s390x cross headers)"
		exit 1
	fi
done
step "$uabi" extract --headers /usr/include --profile x86_64,i386,x32 -j 2 -o "$work/x86/"
step "$uabi" verify "$work"/x86/*.json
step "$uabi" extract --headers /usr/s390x-linux-gnu/include --profile s390x,s390 -j 2 -o "$work/s390/"
step "$uabi" verify "$work"/s390/*.json

python3 - "$work" <<'PY' || failed=$((failed + 1))
import json, sys
w = sys.argv[1]
bad = 0
def check(ok, what):
    global bad
    print(("PASS " if ok else "FAIL ") + what)
    bad += not ok
def load(p):
    return json.load(open(p))
def io(d, name):
    return next(i for i in d["ioctls"] if i["name"] == name)
x64, x86, s390 = load(w + "/x86/x86_64.json"), load(w + "/x86/i386.json"), load(w + "/s390/s390.json")
check(x64["input"]["kind"] == "headers", "input kind is headers")
check(all(not f.startswith("/") for f in x64["input"]["files"]), "files are relative to the root")
check("x86_64-linux-gnu/asm/kvm.h" in x64["input"]["files"], "x86 asm/ from the multiarch directory")
check("x86_64-linux-gnu/asm/kvm.h" in x86["input"]["files"], "i386 uses the x86_64 multiarch asm/")
check("asm/kvm.h" in s390["input"]["files"], "s390 cross headers: asm/ in the root")
check(io(x64, "KVM_DIRTY_TLB")["size"] == 16 and io(x86, "KVM_DIRTY_TLB")["size"] == 12,
      "KVM_DIRTY_TLB 16 on x86_64, 12 on i386")
check(io(x86, "KVM_MEMORY_ENCRYPT_OP")["number"] == 0xc004aeba, "i386 KVM_MEMORY_ENCRYPT_OP 0xc004aeba")
check(io(s390, "KVM_S390_MEM_OP")["applicable"] and not io(s390, "KVM_GET_MSRS")["applicable"],
      "s390: KVM_S390_MEM_OP applicable, KVM_GET_MSRS not")
check(x64["input"]["kernel_version"] is not None, "kernel version from linux/version.h: %s"
      % x64["input"]["kernel_version"])
sys.exit(1 if bad else 0)
PY
if ((failed)); then
	echo "e2e installed headers: FAIL"
	exit 1
fi
echo "e2e installed headers: PASS"
