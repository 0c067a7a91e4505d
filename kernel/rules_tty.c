// SPDX-License-Identifier: MIT
/* TTY rules (krules.h): drivers/tty/tty_io.c tty_compat_ioctl. */
#include "krules.h"

static const struct uabi_krules_entry tty[] = {
	/* tty_compat_ioctl calls the driver's .compat_ioctl, never its
	 * .ioctl: a driver command without one ends at the line discipline */
	{ .type = "tty_operations", .native = "ioctl",
	  UABI_KRULES_COMPAT("compat_ioctl"), .core = "tty_compat_ioctl" },
	/* ... whose .compat_ioctl it calls, and its .ioctl when there is
	 * none (or it returns -ENOIOCTLCMD) */
	{ .type = "tty_ldisc_ops", .native = "ioctl",
	  UABI_KRULES_COMPAT("compat_ioctl"), .core = "tty_compat_ioctl",
	  .absent_passes = "tty_compat_ioctl (drivers/tty/tty_io.c) calls the line discipline's "
			   ".ioctl when it has no .compat_ioctl" },
};

const struct uabi_krules_kinds uabi_krules__tty_kinds = { tty, sizeof(tty) / sizeof(tty[0]) };
