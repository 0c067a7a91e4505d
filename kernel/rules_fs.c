// SPDX-License-Identifier: MIT
/* The generic fs compat path's rules (krules.h): fs/ioctl.c,
 * fs/proc/inode.c; and the lookup over every subsystem's entry kinds. */
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

/* fs/ioctl.c compat_sys_ioctl: -ENOTTY without .compat_ioctl;
 * fs/proc/inode.c pde_compat_ioctl: the same without .proc_compat_ioctl */
static const struct uabi_krules_entry fs[] = {
	{ .type = "file_operations", .native = "unlocked_ioctl",
	  UABI_KRULES_COMPAT("compat_ioctl") },
	{ .type = "proc_ops", .native = "proc_ioctl", UABI_KRULES_COMPAT("proc_compat_ioctl") },
};

const struct uabi_krules_kinds uabi_krules__fs_kinds = { fs, sizeof(fs) / sizeof(fs[0]) };

static const struct uabi_krules_kinds *const all[] = {
	&uabi_krules__fs_kinds, &uabi_krules__v4l2_kinds, &uabi_krules__net_kinds,
	&uabi_krules__block_kinds, &uabi_krules__tty_kinds, &uabi_krules__fb_kinds,
	&uabi_krules__rtc_kinds, &uabi_krules__sound_kinds,
};

const struct uabi_krules_entry *uabi_krules__entry_kind(const char *type)
{
	for (size_t i = 0; type && i < sizeof(all) / sizeof(all[0]); i++)
		for (unsigned j = 0; j < all[i]->n; j++)
			if (!strcmp(type, all[i]->v[j].type))
				return &all[i]->v[j];
	return NULL;
}

const struct uabi_krules_entry *uabi_krules__entry_field(const char *field)
{
	/* the fs kinds only: no other subsystem has macros of entry points */
	for (unsigned i = 0; field && i < uabi_krules__fs_kinds.n; i++)
		if (!strcmp(field, fs[i].native))
			return &fs[i];
	return NULL;
}

bool uabi_krules__is_native_field(const char *field)
{
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		for (unsigned j = 0; j < all[i]->n; j++)
			if (!strcmp(field, all[i]->v[j].native))
				return true;
	return false;
}
