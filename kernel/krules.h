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
#include <stddef.h>

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

/* A kind of object whose ioctl entry points a 64-bit kernel reaches
 * from compat_sys_ioctl: .native for native callers, .compat for compat
 * ones. Each subsystem's file lists its own kinds (uabi_krules_kinds);
 * every member name is the kernel's own (struct proto_ops' .ioctl). */
struct uabi_krules_entry {
	const char *type, *native;
	/* the compat member; NULL when the kind has none (rtc_class_ops) */
	const char *compat;
	const char *compat_field;	/* ".compat_ioctl", NULL with compat */
	const char *no_compat;		/* "no .compat_ioctl", NULL with compat */
	/* ".compat_ioctl is the native handler itself", NULL with compat */
	const char *compat_self;
	/* Set when the kind's objects are wrapped by a core file_operations
	 * whose compat handler passes some commands to .native itself
	 * (V4L2: v4l2_compat_ioctl32 for type 'V' below BASE_VIDIOC_PRIVATE)
	 * and gives the others to .compat: the phrase that says so. */
	const char *passes;
	char passes_type;	/* the _IOC_TYPE it passes */
	const char *private_base;	/* a name in a private command's number */
	/* The core compat function a compat caller goes through before it
	 * gets to .compat (net/socket.c compat_sock_ioctl for proto_ops): a
	 * command its code names, or a twin of it, is translated there. NULL
	 * when none does more than call .compat. */
	const char *core;
	/* What the core does without a .compat: NULL when it fails the call
	 * (-ENOIOCTLCMD, -EINVAL: not available), else the phrase that says
	 * it calls .native with compat_ptr(arg) (passed through). */
	const char *absent_passes;
};

/* The three compat fields of a kind, from the member's name:
 * UABI_KRULES_COMPAT("compat_ioctl"). */
#define UABI_KRULES_COMPAT(member)                                               \
	.compat = member, .compat_field = "." member, .no_compat = "no ." member, \
	.compat_self = "." member " is the native handler itself"

struct uabi_krules_kinds {
	const struct uabi_krules_entry *v;
	unsigned n;
};

/* Each subsystem's entry kinds (rules_<subsystem>.c). */
extern const struct uabi_krules_kinds uabi_krules__fs_kinds, uabi_krules__v4l2_kinds,
	uabi_krules__net_kinds, uabi_krules__block_kinds, uabi_krules__tty_kinds,
	uabi_krules__fb_kinds, uabi_krules__rtc_kinds, uabi_krules__sound_kinds;

/* The kind of an object by its struct tag (file_operations), NULL when
 * uabi does not model it. */
const struct uabi_krules_entry *uabi_krules__entry_kind(const char *type);
/* The same, by the native field's name (an initialiser inside a macro
 * has no type: unlocked_ioctl is a file_operations', proc_ioctl a
 * proc_ops'). */
const struct uabi_krules_entry *uabi_krules__entry_field(const char *field);
/* Whether field is the .native member of some kind (unlocked_ioctl,
 * ioctl, proc_ioctl, fb_ioctl): the initialisers that make entry points. */
bool uabi_krules__is_native_field(const char *field);
/* The struct tag of the n-byte member of struct outer that holds an
 * entry kind's object in place, when an assignment reaches the object
 * through it (hw->ops.ioctl = f, hw a struct snd_hwdep *: snd_hwdep_ops,
 * rules_sound.c); NULL for any other. */
const char *uabi_krules__member_type(const char *outer, const char *member, size_t n);

/* ---- ALSA (rules_sound.c) ------------------------------------------------ */

/* Whether fn is an in-kernel interface that other kernel code calls with
 * commands of its own choosing (sound/core/pcm_native.c
 * snd_pcm_kernel_ioctl): its labels are no native site of a user's
 * command. */
bool uabi_krules__kernel_only(const char *fn);

/* ---- V4L2 (rules_v4l2.c) ------------------------------------------------ */

/* drivers/media/v4l2-core/v4l2-compat-ioctl32.c: v4l2_compat_ioctl32 (the
 * .compat_ioctl of v4l2-dev.c's v4l2_fops, which wraps every driver's
 * v4l2_file_operations) calls .unlocked_ioctl with compat_ptr(arg) for
 * _IOC_TYPE 'V' below BASE_VIDIOC_PRIVATE, and the driver's
 * .compat_ioctl32 for the rest (-ENOIOCTLCMD without one). */
extern const char uabi_krules__v4l2_passes[];

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
/* A command no code names, built by a dispatcher's own macros (DRM_IO,
 * DRM_IOR, DRM_IOW, DRM_IOWR of include/uapi/drm/drm.h), is rejected for
 * every caller (drm_ioctl: -EINVAL for a number its tables lack; the
 * legacy ioctls left drm_ioctls in 6.8): the phrase, NULL when body
 * (the command's #define) is no such number. other_arch: only code the
 * arch does not build names it (kbuild.h), which the phrase says. */
const char *uabi_krules__rejects_unnamed(const char *body, bool other_arch);
/* The phrase for uabi_kio_place.ignores_arg. */
extern const char uabi_krules__ignores_arg_why[];
/* The field of an object that links its command table to the
 * file_operations that dispatch it (include/drm/drm_drv.h: struct
 * drm_driver's .fops beside .ioctls). */
extern const char uabi_krules__fops_link[];

#endif
