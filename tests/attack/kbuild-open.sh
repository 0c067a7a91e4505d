#!/usr/bin/env bash
# Open findings of the attack review of the build-file reader (session 8,
# branch w-attack2), not fixed: each case FAILs on the branch. Not in ctest.
#
#   tests/attack/kbuild-open.sh [UABI]
set -uo pipefail
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
t_init attack-open "${1:-}" notree
export UABI_NO_CACHE=1

# O1: a Kconfig file in a top directory the walk skips (Documentation/,
# scripts/, tools/, samples/) is never read, though the top Kconfig
# sources Documentation/Kconfig and scripts/Kconfig.include: the files
# it sources look sourced only by the other lines naming them (here
# arch/m68k's), and drivers/misc/x.c is n on every arch
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

t_finish attack-open
