#!/usr/bin/env bash
# The build files of the top directories the scan skips (Documentation/,
# scripts/, tools/, samples/) are read all the same: the top Kconfig
# sources Documentation/Kconfig, which may source a driver's Kconfig that
# an uncovered arch's line names too (an attack review's finding).
#
#   tests/attack/kbuild-docs.sh [UABI]
set -uo pipefail
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
t_init attack-docs "${1:-}" notree
export UABI_NO_CACHE=1

# O1: Documentation/Kconfig sources drivers/misc/Kconfig, which
# arch/m68k/Kconfig sources too: X may be y on x86, x.c is x86 code
t="$work/o1"
mkdir -p "$t/include/uapi/linux" "$t/drivers/misc" "$t/Documentation" "$t/arch/m68k"
cat >"$t/drivers/misc/x.c" <<'C'
static long x_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case FOO:
		return x_foo(f, (void __user *)arg);
	}
	return -ENOTTY;
}
static const struct file_operations x_fops = {
	.unlocked_ioctl = x_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};
C
echo 'obj-$(CONFIG_X) += x.o' >"$t/drivers/misc/Makefile"
printf 'config X\n\ttristate "x"\n' >"$t/drivers/misc/Kconfig"
echo 'source "Documentation/Kconfig"' >"$t/Kconfig"
echo 'source "drivers/misc/Kconfig"' >"$t/Documentation/Kconfig"
echo 'source "drivers/misc/Kconfig"' >"$t/arch/m68k/Kconfig"
got=$("$uabi" handlers --kernel-tree "$t" --arch x86 FOO 2>&1 | head -1)
if [[ $got == "FOO on x86: passed-through ("* ]]; then t_pass "o1: $got"; else t_fail "o1: $got"; fi

# O2: the same through the cache: Documentation/Kconfig is part of its key
# (drop the line, and only m68k sources X: not dispatched on x86)
unset UABI_NO_CACHE
export UABI_CACHE_DIR="$work/cache"
got=$("$uabi" handlers --kernel-tree "$t" --arch x86 FOO 2>&1 | head -1)
if [[ $got == "FOO on x86: passed-through ("* ]]; then t_pass "o2 cold: $got"; else t_fail "o2 cold: $got"; fi
: >"$t/Documentation/Kconfig"
got=$("$uabi" handlers --kernel-tree "$t" --arch x86 FOO 2>&1 | head -1)
if [[ $got == "FOO on x86: not-dispatched ("* ]]; then t_pass "o2 edited: $got"; else t_fail "o2 edited: $got"; fi
echo 'source "drivers/misc/Kconfig"' >"$t/Documentation/Kconfig"
got=$("$uabi" handlers --kernel-tree "$t" --arch x86 FOO 2>&1 | head -1)
if [[ $got == "FOO on x86: passed-through ("* ]]; then t_pass "o2 back: $got"; else t_fail "o2 back: $got"; fi

t_finish attack-docs
