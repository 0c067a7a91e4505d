// SPDX-License-Identifier: MIT
/* RTC rules (krules.h): drivers/rtc/dev.c. */
#include "krules.h"

static const struct uabi_krules_entry rtc[] = {
	/* rtc_dev_compat_ioctl translates its RTC_*32 labels and calls
	 * rtc_dev_ioctl, which calls the driver's .ioctl, for the rest */
	{ .type = "rtc_class_ops", .native = "ioctl", .core = "rtc_dev_compat_ioctl",
	  .absent_passes = "rtc_dev_compat_ioctl (drivers/rtc/dev.c) calls rtc_dev_ioctl, which "
			   "calls the driver's .ioctl, with compat_ptr(arg)" },
};

const struct uabi_krules_kinds uabi_krules__rtc_kinds = { rtc, sizeof(rtc) / sizeof(rtc[0]) };
