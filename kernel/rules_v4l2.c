// SPDX-License-Identifier: MIT
/* V4L2's and the media controller's rules (krules.h):
 * drivers/media/v4l2-core/v4l2-dev.c, v4l2-compat-ioctl32.c, v4l2-subdev.c
 * and drivers/media/mc/mc-devnode.c. */
#include "krules.h"

const char uabi_krules__v4l2_passes[] =
	"v4l2_compat_ioctl32 (drivers/media/v4l2-core/v4l2-compat-ioctl32.c) passes a 'V' command "
	"below BASE_VIDIOC_PRIVATE to .unlocked_ioctl with compat_ptr(arg)";

static const struct uabi_krules_entry v4l2[] = {
	{ .type = "v4l2_file_operations", .native = "unlocked_ioctl",
	  UABI_KRULES_COMPAT("compat_ioctl32"), .passes = uabi_krules__v4l2_passes,
	  .passes_type = 'V', .private_base = "BASE_VIDIOC_PRIVATE" },
	/* v4l2-subdev.c subdev_compat_ioctl32: v4l2_subdev_call(sd, core,
	 * compat_ioctl32, ...), -ENOIOCTLCMD without one */
	{ .type = "v4l2_subdev_core_ops", .native = "ioctl", UABI_KRULES_COMPAT("compat_ioctl32") },
	/* drivers/media/mc/mc-devnode.c media_compat_ioctl: the media
	 * device's .compat_ioctl, -ENOTTY without one */
	{ .type = "media_file_operations", .native = "ioctl", UABI_KRULES_COMPAT("compat_ioctl") },
};

const struct uabi_krules_kinds uabi_krules__v4l2_kinds = { v4l2, sizeof(v4l2) / sizeof(v4l2[0]) };
