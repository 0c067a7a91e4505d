/* SPDX-License-Identifier: MIT */
/*
 * Lints of ioctl argument types against the kernel's own rules
 * (Documentation/driver-api/ioctl.rst, Documentation/process/
 * botching-up-ioctls.rst), over the dumps of every ABI at once. Each rule
 * is a warning with its rule id:
 *   lint-hole          implicit padding between members on some ABI
 *   lint-tail-padding  implicit padding at the end on some ABI
 *   lint-pointer       a pointer member (use __u64 and u64_to_user_ptr)
 *   lint-long          long / unsigned long / size_t / ssize_t (any typedef of
 *                      a base type named long) whose size differs between ABIs
 *   lint-bitfield      a bitfield (layout is ABI-defined)
 *   lint-enum          an enum-typed member (size is the compiler's choice)
 *   lint-bool          a _Bool member
 *   lint-u64-align     a 64-bit member not 8-byte aligned on some ABI (i386)
 *   lint-size-multiple-8  the type's size is not a multiple of 8 on some ABI
 * A finding is reported once per (type, member, rule) with the profiles it
 * holds on; nested structs and anonymous members are followed (paths).
 */
#ifndef UABI_LINT_H
#define UABI_LINT_H

#include "../core/diag.h"
#include "../core/model.h"
#include "dfind.h"

/* Lint the argument types of the applicable ioctls of `layouts` (all
 * profiles of one tree; each profile name is its finding's profile and its
 * index the order). With only != NULL, lint just the types whose spelling
 * is in only[0..nonly) (diff mode: new and changed types). */
int uabi_lint__run(const struct uabi_layout *const *layouts, uint32_t n, const char *const *only,
		   uint32_t nonly, struct uabi_dlist *out, struct uabi_diag *d);

#endif
