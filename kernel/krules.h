/* SPDX-License-Identifier: MIT */
/*
 * What the placement of kernel/ioctls.c knows of particular subsystems,
 * one file per subsystem (rules_fs.c, rules_drm.c; KVM's rules are
 * kvm.c's). Everything else in ioctls.c is generic C and file_operations.
 * Each rule says where in the kernel the fact comes from.
 */
#ifndef UABI_KERNEL_KRULES_H
#define UABI_KERNEL_KRULES_H

#include <stdbool.h>

/* ---- the generic fs compat path (rules_fs.c) ---------------------------- */

/* The function every compat ioctl enters first (fs/ioctl.c:
 * COMPAT_SYSCALL_DEFINE3(ioctl, ...)): its own case labels handle a
 * command (FS_IOC32_GETFLAGS), and the generic code it calls with
 * compat_ptr(arg) (do_vfs_ioctl) passes one through. */
extern const char uabi_krules__compat_entry[];
/* The .compat_ioctl values that call .unlocked_ioctl with compat_ptr(arg)
 * and nothing else (fs/ioctl.c: compat_ptr_ioctl). */
bool uabi_krules__is_compat_ptr(const char *fn);
/* A reference that makes the native code translate for compat callers
 * on its own (include/linux/compat.h: in_compat_syscall). */
bool uabi_krules__tests_compat(const char *name);

/* The kinds of object whose ioctl entry points compat_sys_ioctl reaches
 * the same way: .native for native callers, .compat for compat ones,
 * -ENOTTY when .compat is absent (fs/ioctl.c for file_operations;
 * fs/proc/inode.c pde_ioctl and pde_compat_ioctl for proc_ops). NULL when
 * type is none of them. */
struct uabi_krules_entry {
	const char *type, *native, *compat;
};
const struct uabi_krules_entry *uabi_krules__entry_kind(const char *type);
/* The same, by the native field's name (an initialiser inside a macro
 * has no type: unlocked_ioctl is a file_operations', proc_ioctl a
 * proc_ops'). */
const struct uabi_krules_entry *uabi_krules__entry_field(const char *field);

/* ---- DRM (rules_drm.c) --------------------------------------------------- */

/* The dispatcher of a table whose entries a macro builds, when it finds a
 * command by _IOC_NR alone, copies _IOC_SIZE(cmd) bytes and zero-fills
 * up to its own size (drivers/gpu/drm/drm_ioctl.c drm_ioctl for
 * DRM_IOCTL_DEF and DRM_IOCTL_DEF_DRV; amdkfd's kfd_ioctl for
 * AMDKFD_IOCTL_DEF): the phrase that says so, or NULL. */
const char *uabi_krules__size_tolerant(const char *table_macro);
/* Whether a table entry's handler never reads the argument (drm_noop,
 * drm_invalid_op of drivers/gpu/drm/drm_ioctl.c, in a DRM table). */
bool uabi_krules__ignores_arg(const char *table_macro, const char *fn);
/* The phrase for uabi_kio_place.ignores_arg. */
extern const char uabi_krules__ignores_arg_why[];
/* The field of an object that links its command table to the
 * file_operations that dispatch it (include/drm/drm_drv.h: struct
 * drm_driver's .fops beside .ioctls). */
extern const char uabi_krules__fops_link[];

#endif
