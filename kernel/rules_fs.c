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

static const struct uabi_krules_entry entries[] = {
	{ .type = "file_operations", .native = "unlocked_ioctl", .compat = "compat_ioctl" },
	{ .type = "proc_ops", .native = "proc_ioctl", .compat = "proc_compat_ioctl" },
	/* rules_v4l2.c */
	{ .type = "v4l2_file_operations", .native = "unlocked_ioctl", .compat = "compat_ioctl32",
	  .passes = uabi_krules__v4l2_passes, .passes_type = 'V',
	  .private_base = "BASE_VIDIOC_PRIVATE" },
};

const struct uabi_krules_entry *uabi_krules__entry_kind(const char *type)
{
	for (size_t i = 0; type && i < sizeof(entries) / sizeof(entries[0]); i++)
		if (!strcmp(type, entries[i].type))
			return &entries[i];
	return NULL;
}

const struct uabi_krules_entry *uabi_krules__entry_field(const char *field)
{
	/* the first two only: no V4L2 macro of entry points */
	for (size_t i = 0; field && i < 2; i++)
		if (!strcmp(field, entries[i].native))
			return &entries[i];
	return NULL;
}
