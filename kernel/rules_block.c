// SPDX-License-Identifier: MIT
/* Block and SCSI rules (krules.h): block/ioctl.c, drivers/scsi/scsi_ioctl.c. */
#include "krules.h"

static const struct uabi_krules_entry block[] = {
	/* compat_blkdev_ioctl (def_blk_fops' .compat_ioctl) translates its
	 * own labels, runs blkdev_common_ioctl, then calls the disk's
	 * .compat_ioctl; -ENOIOCTLCMD without one */
	{ .type = "block_device_operations", .native = "ioctl",
	  UABI_KRULES_COMPAT("compat_ioctl"), .core = "compat_blkdev_ioctl" },
	/* scsi_ioctl: in_compat_syscall() calls the host template's
	 * .compat_ioctl, -EINVAL without one */
	{ .type = "scsi_host_template", .native = "ioctl", UABI_KRULES_COMPAT("compat_ioctl") },
};

const struct uabi_krules_kinds uabi_krules__block_kinds = { block,
							     sizeof(block) / sizeof(block[0]) };
