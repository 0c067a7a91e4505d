/* SPDX-License-Identifier: MIT */
/*
 * Preprocessor conditions of kernel C text (the "cond" of a case label,
 * cscan.h), evaluated three-valued: 1, 0, or -1 when unknown.
 */
#ifndef UABI_KERNEL_KCOND_H
#define UABI_KERNEL_KCOND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Evaluate a uabi_klabel condition (NULL is true). defined(X), defined X,
 * IS_ENABLED(X) and IS_BUILTIN(X) are 1 when X is in `yes`, 0 when X is in
 * `no` or is an __KVM_HAVE_* name not in `yes` (the uapi header is the
 * whole truth), unknown otherwise (a user's choice such as CONFIG_KVM_XEN);
 * integer literals are themselves; any other operand (KVM_ADDRESS_SPACE_NUM
 * > 1) is unknown. !, && and || are three-valued. Returns 1, 0, or -1 when
 * unknown: a label under an unknown condition counts (some build has it). */
int uabi_kcond__eval(const char *cond, const char *const *yes, uint32_t nyes,
		      const char *const *no, uint32_t nno);

/* What an operand name is: 1, 0, or -1 unknown; name is n bytes. */
typedef int (*uabi_kcond_pred)(const void *ctx, const char *name, size_t n);
/* Evaluate cond (NULL is true) with pred deciding defined(X),
 * IS_ENABLED(X), IS_BUILTIN(X): 1, 0, or -1 when unknown or unbalanced. */
int uabi_kcond__eval_pred(const char *cond, uabi_kcond_pred pred, const void *ctx);
/* Whether the n-byte name is an __KVM_HAVE_ macro (asm/kvm.h says all of
 * them: one it does not define is n). */
bool uabi_kcond__is_kvm_have(const char *s, size_t n);

#endif
