// SPDX-License-Identifier: MIT
/* DRM's rules (krules.h): drivers/gpu/drm/drm_ioctl.c, amdkfd's
 * kfd_chardev.c, include/drm/drm_drv.h. */
#include <string.h>

#include "krules.h"

const char *uabi_krules__size_tolerant(const char *table_macro)
{
	if (!table_macro)
		return NULL;
	if (!strcmp(table_macro, "DRM_IOCTL_DEF") || !strcmp(table_macro, "DRM_IOCTL_DEF_DRV"))
		return "drm_ioctl finds it by _IOC_NR alone, copies _IOC_SIZE(cmd) bytes and "
		       "zero-fills the rest";
	if (!strcmp(table_macro, "AMDKFD_IOCTL_DEF"))
		return "kfd_ioctl finds it by _IOC_NR alone, copies _IOC_SIZE(cmd) bytes and "
		       "zero-fills the rest";
	return NULL;
}

bool uabi_krules__ignores_arg(const char *table_macro, const char *fn)
{
	return table_macro && fn && !strncmp(table_macro, "DRM_IOCTL_DEF", 13) &&
	       (!strcmp(fn, "drm_noop") || !strcmp(fn, "drm_invalid_op"));
}

const char uabi_krules__ignores_arg_why[] =
	"its DRM table entries name drm_noop or drm_invalid_op, which never read the argument";

const char uabi_krules__fops_link[] = "fops";

const char *uabi_krules__rejects_unnamed(const char *body, bool other_arch)
{
	if (strncmp(body, "DRM_IO(", 7) && strncmp(body, "DRM_IOR(", 8) &&
	    strncmp(body, "DRM_IOW(", 8) && strncmp(body, "DRM_IOWR(", 9))
		return NULL;
	return other_arch ? "no DRM table that the arch's kernels build names it, and drm_ioctl "
			    "rejects a number its tables lack (-EINVAL)"
			  : "no DRM table names it, and drm_ioctl rejects a number its tables lack "
			    "(-EINVAL)";
}
