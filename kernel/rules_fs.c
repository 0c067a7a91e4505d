// SPDX-License-Identifier: MIT
/* The generic fs compat path's rules (krules.h): fs/ioctl.c. */
#include <string.h>

#include "krules.h"

const char uabi_krules__compat_entry[] = "compat_sys_ioctl";

bool uabi_krules__is_compat_ptr(const char *fn)
{
	return !strcmp(fn, "compat_ptr_ioctl");
}

bool uabi_krules__tests_compat(const char *name)
{
	return !strcmp(name, "in_compat_syscall");
}
