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
 * only where X holds for it: CONFIG_X when some Kconfig of the arch (or
 * virt/kvm/Kconfig, as def_bool y without depends) selects or defines it,
 * __KVM_HAVE_X when the arch's uapi asm/kvm.h defines it.
 *
 * The parsers below work on text (pure, testable); uabi_kfacts__read()
 * does the file walking.
 */
#ifndef UABI_KFACTS_H
#define UABI_KFACTS_H

#include <stdbool.h>
#include <stdint.h>

#include "../core/arena.h"
#include "../core/diag.h"

/* Where a fact comes from. */
struct uabi_ksite {
	const char *file;	/* relative to the tree root */
	uint32_t line;
	const char *function;	/* enclosing function of a case label, or NULL */
};

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
	const char **dispatched;	/* sorted, unique ioctl names */
	uint32_t ndispatched;
};

struct uabi_kfacts {
	struct uabi_arena arena;
	const char *kernel_version;	/* from the Makefile, or NULL */
	struct uabi_ksite kvm_compat_site;	/* the "config KVM_COMPAT" line */
	const char *kvm_compat_depends;	/* the depends expression as written */
	struct uabi_kfacts_arch *arches;	/* in the order asked for */
	uint32_t narches;
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

/* Pure helpers, exposed for the unit tests. */

/* Evaluate a Kconfig "depends on" expression (&&, ||, !, parentheses,
 * symbols) where the symbols in `yes` are y and every other symbol n.
 * Returns 1 (y), 0 (n) or -1 on a syntax error. */
int uabi_kconfig__eval(const char *expr, const char *const *yes, uint32_t nyes);
/* Find "config NAME" in Kconfig text: its "depends on" expressions joined
 * with " && " into buf, and the line of the config entry. 0, or -ENOENT. */
int uabi_kconfig__depends(const char *text, const char *name, char *buf, size_t len,
			  uint32_t *line);

#endif
