// SPDX-License-Identifier: MIT
/* V4L2's rules (krules.h): drivers/media/v4l2-core/v4l2-dev.c and
 * v4l2-compat-ioctl32.c. The entry kind itself is in rules_fs.c's table
 * of entry kinds. */
#include "krules.h"

const char uabi_krules__v4l2_passes[] =
	"v4l2_compat_ioctl32 (drivers/media/v4l2-core/v4l2-compat-ioctl32.c) passes a 'V' command "
	"below BASE_VIDIOC_PRIVATE to .unlocked_ioctl with compat_ptr(arg)";
