#!/usr/bin/env bash
# Every ioctl's compat facts on small fake kernel trees (issue 10): a
# driver whose file_operations passes 32-bit callers straight to the
# native handler (.compat_ioctl = compat_ptr_ioctl) is a probable bug when
# the argument's layout differs on i386, and fine when it does not; a
# compat handler that names the command's compat twin handles it; a
# driver without .compat_ioctl leaves the command unavailable (-ENOTTY),
# which is reported but fails only --fail-on translation; an ioctl no
# code names stays unknown; a member that differs but that only other
# commands' code names is not-used. The dumps are the golden cases pointers-long
# (UABI_TEST_MAP: struct uabi_test_buf holds pointers and longs, 40 bytes
# on x86_64 and 20 on i386, so its number differs) and identical
# (UABI_TEST_GET_SAME and UABI_TEST_SET_SAME, the same on both).
#
#   tests/cli/handlers.sh [UABI]
set -uo pipefail
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
t_init handlers "${1:-}" notree

g=$top/tests/golden

# fake TREE: the KVM part check needs, and an empty drivers/ dir
fake() {
	mkdir -p "$1/virt/kvm" "$1/arch/x86/kvm" "$1/drivers/misc" "$1/include/uapi/linux"
	printf 'config KVM_COMPAT\n\tdef_bool y\n\tdepends on KVM && COMPAT && !(S390 || ARM64 || RISCV)\n' \
		>"$1/virt/kvm/Kconfig"
	printf 'int x;\n' >"$1/virt/kvm/kvm_main.c"
	printf 'config X86\n\tdef_bool y\n' >"$1/arch/x86/Kconfig"
}

# a driver: its file_operations' .compat_ioctl is $2 ("" for none)
driver() {
	local compat=""
	[[ -n $2 ]] && compat="	.compat_ioctl = $2,"
	cat >"$1/drivers/misc/demo.c" <<EOF
// SPDX-License-Identifier: GPL-2.0
#include <linux/fs.h>

static long demo_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case UABI_TEST_MAP:
		return demo_map(f, (void __user *)arg);
	case UABI_TEST_GET_SAME:
	case UABI_TEST_SET_SAME:
		return demo_same(f, cmd, arg);
	}
	return -ENOTTY;
}

static const struct file_operations demo_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = demo_ioctl,
$compat
};
EOF
}

# a fake tree whose driver is stdin (a demo_ioctl), its fops after it:
# .compat_ioctl = compat_ptr_ioctl
passed_driver() {
	fake "$1"
	{
		cat
		printf '\nstatic const struct file_operations demo_fops = {\n'
		printf '\t.unlocked_ioctl = demo_ioctl,\n\t.compat_ioctl = compat_ptr_ioctl,\n};\n'
	} >"$1/drivers/misc/demo.c"
}

# kernel status and facts of an ioctl in a JSON report: "STATUS FACTS"
status() {
	python3 - "$1" "$2" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for it in r["pairs"][0]["ioctls"]:
    if it["name"] == sys.argv[2]:
        k = it["kernel"]
        f = k.get("facts") or {}
        print(k["status"], f.get("status", "-"), f.get("why", "-"))
PY
}

# expect NAME IOCTL "STATUS FACTS WHY"
expect() {
	local got
	got=$(status "$work/$1.out" "$2")
	if [[ $got == "$3" ]]; then
		t_pass "$1: $2 is $3"
	else
		t_fail "$1: $2 is '$got', want '$3'"
	fi
}

# 1. compat_ptr_ioctl: UABI_TEST_MAP differs on i386 -> probable bug
fake "$work/ptr"
driver "$work/ptr" compat_ptr_ioctl
t_run 1 ptr "$uabi" compat --kernel-tree "$work/ptr" --format json \
	"$g/pointers-long/expect-x86_64.json" "$g/pointers-long/expect-i386.json"
expect ptr UABI_TEST_MAP "not-handled passed-through compat_ptr_ioctl"
t_run 1 ptr-text "$uabi" compat --kernel-tree "$work/ptr" \
	"$g/pointers-long/expect-x86_64.json" "$g/pointers-long/expect-i386.json"
if grep -qF "passed through on x86: compat_ptr_ioctl; entry point demo_fops (drivers/misc/demo.c:18, .compat_ioctl = compat_ptr_ioctl); the native code names it in demo_ioctl (drivers/misc/demo.c:7)" "$work/ptr-text.out"; then
	t_pass "ptr-text: the evidence names the fops, its .compat_ioctl and the case label"
else
	t_fail "ptr-text: no evidence line"
	sed 's/^/    /' "$work/ptr-text.out" | head -30
fi

# 2. the same driver, identical ioctls: fine
t_run 0 same "$uabi" compat --kernel-tree "$work/ptr" --format json \
	"$g/identical/expect-x86_64.json" "$g/identical/expect-i386.json"
expect same UABI_TEST_GET_SAME "native-ok passed-through compat_ptr_ioctl"
expect same UABI_TEST_SET_SAME "native-ok passed-through compat_ptr_ioctl"

# 3. a compat handler that names the compat twin UABI_TEST_MAP32
fake "$work/twin"
driver "$work/twin" demo_compat_ioctl
cat >>"$work/twin/drivers/misc/demo.c" <<'EOF'

#define UABI_TEST_MAP32 _IOWR('U', 0x10, struct uabi_test_buf32)

static long demo_compat_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case UABI_TEST_MAP32:
		return demo_map32(f, compat_ptr(arg));
	}
	return demo_ioctl(f, cmd, (unsigned long)compat_ptr(arg));
}
EOF
t_run 0 twin "$uabi" compat --kernel-tree "$work/twin" --format json \
	"$g/pointers-long/expect-x86_64.json" "$g/pointers-long/expect-i386.json"
expect twin UABI_TEST_MAP "handled handled named by the compat handler"
t_run 1 twin-translation "$uabi" compat --kernel-tree "$work/twin" --fail-on translation \
	"$g/pointers-long/expect-x86_64.json" "$g/pointers-long/expect-i386.json"
# the fallback passes the identical ones through
t_run 0 twin-same "$uabi" compat --kernel-tree "$work/twin" --format json \
	"$g/identical/expect-x86_64.json" "$g/identical/expect-i386.json"
expect twin-same UABI_TEST_GET_SAME "native-ok passed-through the compat handler falls back to the native handler"

# 4. no .compat_ioctl: not available, reported, fails only --fail-on translation
fake "$work/none"
driver "$work/none" ""
t_run 0 none "$uabi" compat --kernel-tree "$work/none" --format json \
	"$g/pointers-long/expect-x86_64.json" "$g/pointers-long/expect-i386.json"
expect none UABI_TEST_MAP "not-available not-available no .compat_ioctl"
t_run 1 none-translation "$uabi" compat --kernel-tree "$work/none" --fail-on translation \
	"$g/pointers-long/expect-x86_64.json" "$g/pointers-long/expect-i386.json"

# 5. no code names it: unknown, fails as before
fake "$work/empty"
printf 'int y;\n' >"$work/empty/drivers/misc/other.c"
t_run 1 empty "$uabi" compat --kernel-tree "$work/empty" --format json \
	"$g/pointers-long/expect-x86_64.json" "$g/pointers-long/expect-i386.json"
expect empty UABI_TEST_MAP "unknown unknown no code of the tree names it, and the tree defines no such command"

# 6. a .compat_ioctl under a condition false on x86 counts as none there
fake "$work/cond"
driver "$work/cond" ""
sed -i 's/^};$/#ifdef CONFIG_ARM64\n\t.compat_ioctl = compat_ptr_ioctl,\n#endif\n};/' \
	"$work/cond/drivers/misc/demo.c"
t_run 0 cond "$uabi" compat --kernel-tree "$work/cond" --format json \
	"$g/pointers-long/expect-x86_64.json" "$g/pointers-long/expect-i386.json"
expect cond UABI_TEST_MAP "not-available not-available no .compat_ioctl"

# 7. uabi handlers: the same facts without layouts, per arch
t_run 0 handlers-cmd "$uabi" handlers --kernel-tree "$work/twin" --arch x86 UABI_TEST_MAP
t_out_has handlers-cmd "UABI_TEST_MAP on x86: handled (named by the compat handler)"
t_out_has handlers-cmd "    label: UABI_TEST_MAP32"
t_out_has handlers-cmd "    handler: demo_compat_ioctl (drivers/misc/demo.c:27)"
t_out_has handlers-cmd "    native: demo_ioctl (drivers/misc/demo.c:7)"
t_out_has handlers-cmd "    entry: demo_fops (drivers/misc/demo.c:18), .compat_ioctl = demo_compat_ioctl"
t_run 0 handlers-json "$uabi" handlers --kernel-tree "$work/cond" --arch x86,arm64 --format json \
	UABI_TEST_MAP
if python3 - "$work/handlers-json.out" <<'PY'; then
import json, sys
c = json.load(open(sys.argv[1]))["commands"]
assert [(x["arch"], x["status"]) for x in c] == [("x86", "not-available"), ("arm64", "passed-through")], c
PY
	t_pass "handlers-json: not available on x86, passed through on arm64 (#ifdef CONFIG_ARM64)"
else
	t_fail "handlers-json: statuses"
fi
# 8. member use: passed through, the same number, a pointer that differs.
# UABI_TEST_GET_LOG's bitmap is named only by code under
# UABI_TEST_REQ's label: not-used, with the evidence; UABI_TEST_REQ's own
# code names handle: not-handled. The compilers say both differ on i386
# (golden union-ptr: the pointer is 4 bytes of the union's 8).
passed_driver "$work/mem" <<'EOF'
// SPDX-License-Identifier: GPL-2.0
static long demo_log(struct uabi_test_log *l)
{
	return l->slot;
}

static long demo_peek(struct uabi_test_req *q, struct uabi_test_log *l)
{
	return (long)q->handle.ptr + (long)l->bitmap;
}

static long demo_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case UABI_TEST_GET_LOG:
		return demo_log((void __user *)arg);
	case UABI_TEST_REQ:
		return demo_peek((void __user *)arg, NULL);
	}
	return -ENOTTY;
}

EOF
t_run 1 mem "$uabi" compat --kernel-tree "$work/mem" --format json \
	"$g/union-ptr/expect-x86_64.json" "$g/union-ptr/expect-i386.json"
expect mem UABI_TEST_GET_LOG "not-used passed-through compat_ptr_ioctl"
expect mem UABI_TEST_REQ "not-handled passed-through compat_ptr_ioctl"
if python3 - "$work/mem.out" <<'PY'; then
import json, sys
r = json.load(open(sys.argv[1]))
it = {i["name"]: i for i in r["pairs"][0]["ioctls"]}
k = it["UABI_TEST_GET_LOG"]["kernel"]
assert k["unused"] == [{"member": "bitmap", "findings": 1,
                        "used_in": [{"arch": None, "function": "demo_peek",
                                     "file": "drivers/misc/demo.c", "line": 7}],
                        "switch": {"function": "demo_ioctl", "file": "drivers/misc/demo.c", "line": 12}}], k["unused"]
assert k["note"].startswith("not read on x86: bitmap (named only in demo_peek (drivers/misc/demo.c:7), "
                            "which demo_ioctl (drivers/misc/demo.c:12) reaches only under other "
                            "commands' case labels); passed through on x86: compat_ptr_ioctl"), k["note"]
assert it["UABI_TEST_REQ"]["kernel"]["unused"] == [], it["UABI_TEST_REQ"]["kernel"]
PY
	t_pass "mem: bitmap not read by UABI_TEST_GET_LOG's code, with where it is named and the switch"
else
	t_fail "mem: unused evidence"
fi
# with the other command's code also on GET_LOG's path: not-handled
sed -i 's|return demo_log((void __user \*)arg);|return demo_log((void __user *)arg) + demo_peek(NULL, NULL);|' \
	"$work/mem/drivers/misc/demo.c"
t_run 1 mem-path "$uabi" compat --kernel-tree "$work/mem" --format json \
	"$g/union-ptr/expect-x86_64.json" "$g/union-ptr/expect-i386.json"
expect mem-path UABI_TEST_GET_LOG "not-handled passed-through compat_ptr_ioctl"

# 9. the same bytes under another name: UABI_TEST_REQ's code reads
# handle.value, the __u64 arm over the pointer (a 32-bit caller that set
# handle.ptr leaves its upper half as it was): not-handled, though ptr
# itself is named only under UABI_TEST_GET_LOG's label; once REQ's code
# reads only op, handle is not read at all: not-used.
passed_driver "$work/arm" <<'EOF'
// SPDX-License-Identifier: GPL-2.0
static long demo_val(struct uabi_test_req *q)
{
	return q->handle.value;
}

static long demo_ptr(struct uabi_test_req *q, struct uabi_test_log *l)
{
	return (long)q->handle.ptr + l->slot;
}

static long demo_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case UABI_TEST_REQ:
		return demo_val((void __user *)arg);
	case UABI_TEST_GET_LOG:
		return demo_ptr(NULL, (void __user *)arg);
	}
	return -ENOTTY;
}

EOF
t_run 1 arm "$uabi" compat --kernel-tree "$work/arm" --format json \
	"$g/union-ptr/expect-x86_64.json" "$g/union-ptr/expect-i386.json"
expect arm UABI_TEST_REQ "not-handled passed-through compat_ptr_ioctl"
sed -i 's|return q->handle.value;|return q->op;|' "$work/arm/drivers/misc/demo.c"
t_run 0 arm-op "$uabi" compat --kernel-tree "$work/arm" --format json \
	"$g/union-ptr/expect-x86_64.json" "$g/union-ptr/expect-i386.json"
expect arm-op UABI_TEST_REQ "not-used passed-through compat_ptr_ioctl"

t_run 2 handlers-notree "$uabi" handlers --kernel-tree "$work/twin/drivers" UABI_TEST_MAP
t_err_has handlers-notree "not a kernel source tree \\(no include/uapi/linux directory\\)"
t_run 2 handlers-arch "$uabi" handlers --kernel-tree "$work/twin" --arch sparc UABI_TEST_MAP
t_run 2 handlers-name "$uabi" handlers --kernel-tree "$work/twin" 'A;B'
# a name no code names and no #define builds: a typo, before any output
t_run 2 handlers-typo "$uabi" handlers --kernel-tree "$work/twin" UABI_TEST_MAP UABI_TEST_MAPP
t_err_has handlers-typo "UABI_TEST_MAPP: no code of the tree \\(.*\\) names it, and no #define of it there builds an ioctl number"
[[ ! -s $work/handlers-typo.out ]] && t_pass "handlers-typo: no output" || t_fail "handlers-typo: output"

t_finish handlers
