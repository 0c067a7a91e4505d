/* SPDX-License-Identifier: MIT */
/*
 * Who handles an ioctl command for a 32-bit caller, read from a whole
 * kernel source tree (docs/kernel-facts.md, "Every ioctl"). The tree's C
 * files are scanned once (cscan.h: uabi_kscan__file); a command is then
 * placed, per kernel arch, by these rules, in this order:
 *
 *  1. Generic compat code: compat_sys_ioctl (fs/ioctl.c) names the command
 *     or its compat twin in a case label: handled there. A command that
 *     the functions compat_sys_ioctl reaches name (do_vfs_ioctl,
 *     file_ioctl): passed through (it calls them with compat_ptr(arg)).
 *  2. Otherwise the native code: every function or table that names the
 *     command (a case label, a comparison, a table entry), and every
 *     file_operations whose .unlocked_ioctl reaches it (initialised, or
 *     assigned in a function: hw->ops.ioctl = f; through the names
 *     the code references, at most UABI_KIO_DEPTH calls up). For each:
 *       - a compat twin (FOO32, FOO_32, FOO_COMPAT, FS_IOC32_X for
 *         FS_IOC_X: a macro of the tree whose body holds _IO) named by the
 *         code either side reaches: handled;
 *       - .compat_ioctl = compat_ptr_ioctl: passed through;
 *       - .compat_ioctl = H: handled when H's code (not the native
 *         code) names the command; passed through when H reaches the
 *         native code on the command's path; when it does neither, not
 *         available, or unknown if a call through a pointer is on its path;
 *       - no .compat_ioctl (or one under a condition false for the arch):
 *         not available (compat_sys_ioctl returns -ENOTTY);
 *       - an entry point of another kind (v4l2_file_operations, proto_ops,
 *         block_device_operations, ...) or none found: unknown.
 *     Several entry points: passed through if any is, else unknown if any
 *     is, else handled if any is, else not available.
 *  3. No code names the command: unknown, unless a subsystem's dispatcher
 *     is known to reject what its tables do not name (DRM: drm_ioctl,
 *     -EINVAL): not dispatched.
 * Conditions (#if around a case label, a table entry or .compat_ioctl)
 * are evaluated per arch with kcond: CONFIG_COMPAT, CONFIG_64BIT and the
 * arch's own symbols hold, other arches' symbols do not, anything else is
 * some build's choice and holds.
 */
#ifndef UABI_KERNEL_IOCTLS_H
#define UABI_KERNEL_IOCTLS_H

#include <stdbool.h>
#include <stdint.h>

#include "../core/diag.h"
#include "cscan.h"

/* How many calls apart an entry point and the code naming a command may
 * be (each way). */
#define UABI_KIO_DEPTH 5

enum uabi_kio_status {
	UABI_KIO_UNKNOWN,	/* the evidence is not conclusive */
	UABI_KIO_HANDLED,	/* a compat handler names the command */
	UABI_KIO_PASSED,	/* the native handler reads the 32-bit caller's bytes */
	UABI_KIO_NOT_AVAILABLE,	/* no compat entry point: -ENOTTY for 32-bit callers */
	UABI_KIO_NOT_DISPATCHED,	/* the tree rejects it for every caller (a subsystem
					 * rule says so: krules.h) */
};

/* The facts of one command on one arch. Sites point into the facts. */
struct uabi_kio_place {
	enum uabi_kio_status status;
	struct uabi_ksite handler;	/* HANDLED: where the compat code names it;
					 * PASSED/UNKNOWN: the compat handler, if any */
	struct uabi_ksite native;	/* where the native code names the command
					 * (file NULL when none does) */
	struct uabi_ksite entry;	/* the .unlocked_ioctl initialiser of the entry
					 * point, or the assignment that sets it (file
					 * NULL for rule 1 and rule 3); function: the
					 * function whose body assigns it or defines its
					 * object, NULL for a file-scope object */
	const char *entry_object;	/* its object (i915_driver_fops), the path an
					 * assignment sets it through (hw->ops), or NULL */
	const char *compat;		/* the .compat_ioctl value, NULL when none */
	const char *compat_field;	/* that field's name: ".compat_ioctl",
					 * ".proc_compat_ioctl", ".compat_ioctl32" */
	const char *label;		/* the name the handler site uses (FS_IOC32_GETFLAGS) */
	const char *why;		/* one phrase, static: "compat_ptr_ioctl", ... */
	uint32_t nentries;		/* entry points found */
	/* The native dispatcher finds the command by its _IOC_NR alone and
	 * copies _IOC_SIZE(cmd) bytes, zero-filling up to its own size (DRM:
	 * drm_ioctl for DRM_IOCTL_DEF and DRM_IOCTL_DEF_DRV tables; amdkfd:
	 * kfd_ioctl for AMDKFD_IOCTL_DEF): a 32-bit
	 * argument that only lacks the native tail padding is read right.
	 * The rule's phrase, NULL when not so. */
	const char *size_tolerant;
	/* Every native site is a table entry whose handler never reads the
	 * argument (DRM: drm_noop, drm_invalid_op): the rule's phrase, NULL
	 * when not so. */
	const char *ignores_arg;
};

struct uabi_kio;

/* Scan every .c and .h file of the tree's source directories (all top
 * directories but Documentation, tools, samples, scripts, LICENSES) that
 * mentions ioctl, IOCTL or _IO, and the build files of kbuild.h there
 * and in the top directory. Files are read as kvm.c reads them (regular,
 * below the root; a .c or .h file bigger than 16 MiB is skipped, a build
 * file that big is an input error: -EFBIG, "PATH: larger than 16 MiB",
 * since the lines dropped could make code another arch's). A tree without
 * include/uapi/linux is an input error (-EINVAL, "not a kernel source
 * tree"). 0, or -errno with d set. */
int uabi_kio__read(const char *tree, struct uabi_kio **out, struct uabi_diag *d);
void uabi_kio__free(struct uabi_kio *k);
/* Place a command for a kernel arch dir (x86, arm64, ...). 0 or -ENOMEM. */
int uabi_kio__place(struct uabi_kio *k, const char *cmd, const char *arch,
		    struct uabi_kio_place *out);
/* What the code a command reaches on an arch does with a member name of
 * its argument (a DWARF member name), for a command the native code reads
 * as the 64-bit caller's (passed through). The member may be read unless
 * every function built for the arch that names it (->name, .name, the
 * member argument of offsetof and its kin) is reached, following what
 * references each function backwards, only under other commands' case
 * labels of a switch on the command in an entry point's function (one an
 * .unlocked_ioctl or another ioctl member names: its switch sees the
 * caller's command), with no goto label, fall-through, second switch or
 * label that may be any command in the way (btrfs_ioctl's case
 * BTRFS_IOC_SNAP_CREATE_V2 for qgroup_inherit, not on
 * BTRFS_IOC_RM_DEV_V2's path). It may be read, too, when a macro or a
 * file not scanned names it, when the walk meets a function that is not
 * static, is in a header, has its address taken (named, not called,
 * anywhere: a pointer may call it), is stored in an object, is named by a
 * macro or has no caller in the files read, or when more than 4,096
 * functions lead to it. A function with such a switch that other code
 * calls (itself, a helper: f(file, OTHER, arg)) is walked on, but for its
 * entry point's object and a compat entry point's function that names
 * none of the command's names. The plain name counts as the member too
 * (a macro's argument). Not seen: a member name a macro pastes (##), a
 * label naming the command through a #define without _IO. */
struct uabi_kio_member {
	bool may_read;
	const char *why;		/* static phrase when may_read, else NULL */
	struct uabi_ksite named;	/* a function that names it, or that the walk
					 * stopped at (file NULL when none) */
	uint32_t nnamed;		/* the functions built for the arch naming it */
	struct uabi_ksite site;		/* not may_read: a switch on the command that
					 * reaches it only under other labels */
};

/* Fill *out for member of cmd's argument on a kernel arch dir. 0 or
 * -ENOMEM. */
int uabi_kio__member_read(struct uabi_kio *k, const char *cmd, const char *arch,
			  const char *member, struct uabi_kio_member *out);
/* Whether some code of the tree names cmd (a case label, a comparison, a
 * table entry), on any arch, or a #define of it builds a number (its body
 * holds _IO: cscan.h's uabi_kmacro). */
bool uabi_kio__knows(struct uabi_kio *k, const char *cmd);
/* Files scanned and total bytes read (for the benchmark). */
void uabi_kio__stats(const struct uabi_kio *k, uint32_t *files, uint64_t *bytes);
const char *uabi_kio_status__str(enum uabi_kio_status s);

#endif
