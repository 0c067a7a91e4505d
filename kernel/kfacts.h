/* SPDX-License-Identifier: MIT */
/*
 * Kernel facts: what a kernel source tree says about KVM for 32-bit callers.
 *  - KVM_COMPAT per arch, from virt/kvm/Kconfig ("depends on KVM && COMPAT &&
 *    !(S390 || ARM64 || RISCV)" in 6.1), evaluated with KVM=y, COMPAT=y and the
 *    arch's own symbol y (others n). Without KVM_COMPAT a compat task's open of
 *    /dev/kvm fails with -ENODEV (kvm_no_compat_open): no ioctl reaches KVM.
 *  - The ioctls a compat handler translates: case labels of
 *    kvm_vcpu_compat_ioctl and kvm_vm_compat_ioctl (virt/kvm/kvm_main.c) and
 *    kvm_arch_vm_compat_ioctl (arch/<arch>/kvm/); a label FOO_COMPAT defined
 *    in that file as a second number of FOO counts as handling FOO.
 *  - The ioctls each arch dispatches: case labels naming KVM ioctls in
 *    virt/kvm/ and arch/<arch>/kvm/.
 * Case labels under #ifdef CONFIG_X / #ifdef __KVM_HAVE_X count for an arch
 * unless X is known not to hold for it. CONFIG_X is y when some Kconfig of
 * the arch selects it (or virt/kvm/Kconfig defines it def_bool y without
 * depends), n when it is another arch's symbol, KVM_COMPAT where that is n,
 * or a select-only option of virt/kvm/Kconfig the arch does not select;
 * anything else is a user's choice (KVM_XEN, KVM_E500MC) and counts, since
 * some build of the arch dispatches it. __KVM_HAVE_X holds exactly when the
 * arch's uapi asm/kvm.h defines it. Details in kvm.c.
 *  - Member references: every name the KVM C code of the tree accesses as
 *    a member (`->name`, `.name`, `.name =` in a designated initialiser, and
 *    the member argument of offsetof, offsetofend, sizeof_field,
 *    FIELD_SIZEOF, typeof_member and container_of). Files read: the .c and
 *    .h files under virt/kvm (generic: every arch compiles it) and, for
 *    every arch dir A of the tree (all of them, not only the ones asked),
 *    those under arch/A/kvm and arch/A/include/asm/kvm*.h. A member is "used
 *    on arch A" when its name is referenced in the generic code or in A's.
 *    Names, not types: a name that some other struct also has (flags, data)
 *    counts as used, so "unused" errs only towards keeping a finding.
 *    Members reached by token pasting are not seen; KVM code does not name
 *    uapi members that way.
 *  - KVM arches: the arch dirs with a kvm/ directory (LoongArch from 6.10),
 *    whether or not uabi has a profile for them.
 *
 * The parsers work on text (pure, testable: kconfig.h, kcond.h, cscan.h);
 * uabi_kfacts__read() (kvm.c) does the file walking. The tree is input: a file is read only when it is
 * a regular file resolving below the tree's root, at most 16 MiB; walks
 * skip symlinks (docs/security.md).
 */
#ifndef UABI_KERNEL_KFACTS_H
#define UABI_KERNEL_KFACTS_H

#include <stdbool.h>
#include <stdint.h>

#include "../core/arena.h"
#include "../core/diag.h"
#include "cscan.h"
#include "ioctls.h"

struct uabi_khandled {
	const char *ioctl;	/* the uapi name it handles (KVM_X86_SET_MSR_FILTER) */
	const char *label;	/* the case label as written (KVM_X86_SET_MSR_FILTER_COMPAT) */
	struct uabi_ksite site;
};

struct uabi_kfacts_arch {
	const char *arch;		/* kernel ARCH dir: x86, arm64, ... */
	bool kvm_compat;		/* KVM_COMPAT can be y on this arch */
	struct uabi_khandled *handled;	/* sorted by ioctl, unique by (ioctl, function) */
	uint32_t nhandled;
	/* Sorted, unique names of the KVM_* case labels that some build of
	 * the arch compiles (FOO_COMPAT counted as FOO). Not only ioctls:
	 * KVM_CAP_*, KVM_REG_*, KVM_EXIT_* labels are there too, so look up
	 * ioctl names, never list these as ioctls. */
	const char **dispatched;
	uint32_t ndispatched;
	/* Where the arch's code (virt/kvm/ or arch/<arch>/kvm/) dispatches
	 * each name outside the compat handlers (kvm_vm_ioctl,
	 * kvm_arch_vcpu_ioctl, ...): sorted by name then function, unique by
	 * (name, function), the first site of each. */
	struct uabi_khandled *dispatch;
	uint32_t ndispatch;
};

/* A member name referenced by KVM code: one per (name, file), at the first
 * reference in that file. */
struct uabi_kmember {
	const char *name;
	const char *arch;	/* arch dir of the file, NULL for virt/kvm (generic) */
	struct uabi_ksite site;	/* function is NULL */
};

struct uabi_kfacts {
	struct uabi_arena arena;
	const char *kernel_version;	/* from the Makefile, or NULL */
	struct uabi_ksite kvm_compat_site;	/* the "config KVM_COMPAT" line */
	const char *kvm_compat_depends;	/* the depends expression as written */
	struct uabi_kfacts_arch *arches;	/* in the order asked for */
	uint32_t narches;
	struct uabi_kmember *members;	/* every arch's, sorted by name, file, line */
	uint32_t nmembers;
	const char **kvm_arches;	/* sorted arch dirs that have a kvm/ directory */
	uint32_t nkvm_arches;
	/* Every other ioctl's facts (ioctls.h), read from the whole tree;
	 * NULL when the tree holds no C sources beyond KVM's or they were
	 * not read. Owned by whoever read it (not freed with these facts). */
	struct uabi_kio *kio;
};

/* Read the facts for the given arch dirs from a kernel tree. Missing
 * virt/kvm/Kconfig or kvm_main.c is an input error naming the file. */
int uabi_kfacts__read(const char *tree, const char *const *arches, uint32_t narches,
		      struct uabi_kfacts *out, struct uabi_diag *d);
void uabi_kfacts__free(struct uabi_kfacts *k);
/* Facts of one arch, NULL if not read. */
const struct uabi_kfacts_arch *uabi_kfacts__arch(const struct uabi_kfacts *k, const char *arch);
/* Whether an arch translates / dispatches an ioctl (binary search). */
const struct uabi_khandled *uabi_kfacts_arch__handled(const struct uabi_kfacts_arch *a,
							const char *ioctl);
bool uabi_kfacts_arch__dispatches(const struct uabi_kfacts_arch *a, const char *ioctl);
/* The native dispatch sites of an ioctl (*n of them, by function name),
 * NULL and *n = 0 if none. */
const struct uabi_khandled *uabi_kfacts_arch__dispatch(const struct uabi_kfacts_arch *a,
							 const char *ioctl, uint32_t *n);
/* The references to a member name: *first is the first of the n entries of
 * k->members with that name (0 and NULL when none). */
uint32_t uabi_kfacts__member_refs(const struct uabi_kfacts *k, const char *name,
				  const struct uabi_kmember **first);
/* Whether KVM code of arch (a kernel arch dir) or the generic code
 * references the member name. */
bool uabi_kfacts__member_used(const struct uabi_kfacts *k, const char *arch, const char *name);
/* Whether the tree has KVM code for the arch dir (arch/<arch>/kvm). */
bool uabi_kfacts__has_kvm(const struct uabi_kfacts *k, const char *arch);

#endif
