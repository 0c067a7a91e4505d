// SPDX-License-Identifier: MIT
/* fbdev rules (krules.h): fb_compat_ioctl of drivers/video/fbdev/core
 * (fbmem.c in 6.1, fb_chrdev.c in 6.12). */
#include "krules.h"

static const struct uabi_krules_entry fb[] = {
	/* fb_compat_ioctl translates its own labels and calls the driver's
	 * .fb_compat_ioctl for the rest, -ENOIOCTLCMD without one */
	{ .type = "fb_ops", .native = "fb_ioctl",
	  UABI_KRULES_COMPAT("fb_compat_ioctl"), .core = "fb_compat_ioctl" },
};

const struct uabi_krules_kinds uabi_krules__fb_kinds = { fb, sizeof(fb) / sizeof(fb[0]) };
