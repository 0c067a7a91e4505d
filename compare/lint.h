/* SPDX-License-Identifier: MIT */
/*
 * Lints of ioctl argument types against the kernel's own rules
 * (Documentation/driver-api/ioctl.rst, Documentation/process/
 * botching-up-ioctls.rst), over the dumps of every ABI at once. Each rule
 * is a warning with its rule id:
 *   lint-hole          implicit padding between members on some ABI
 *   lint-tail-padding  implicit padding at the end on some ABI
 *   lint-pointer       a pointer member (use __u64 and u64_to_user_ptr)
 *   lint-long          an integer whose size follows the data model (long,
 *                      unsigned long, size_t, __kernel_long_t, ...): see below
 *   lint-bitfield      a bitfield (layout is ABI-defined)
 *   lint-enum          an enum-typed member (size is the compiler's choice)
 *   lint-bool          a _Bool member
 *   lint-u64-align     a 64-bit member not 8-byte aligned on some ABI (i386)
 *   lint-size-multiple-8  the type's size is not a multiple of 8 on some ABI
 * A finding is reported once per (type, member, rule) with the profiles it
 * holds on; nested structs and anonymous members are followed (paths).
 *
 * Findings are made per profile (merge them with uabi_dlist__merge()):
 * type is the nearest named struct/union (tag, or the typedef naming an
 * anonymous one), member the C access path from it ("s.d", "ranges[0].x";
 * element 0 stands for an array). A finding about an unnamed member itself
 * names it "<anon>" ("4-byte hole before member <anon>"). ioctl is always
 * NULL: a type shared by several ioctls is one finding. Type-level rules
 * (tail padding, size) have member NULL and the type's file:line; on an
 * anonymous member they name it ("struct kvm_foo: member u.e: 4 bytes of
 * tail padding"). Pointers are not followed; scalar ioctl arguments are
 * not linted. The roots of the dumps (--root types, and struct kvm_run by
 * default with linux/kvm.h) are linted like ioctl arguments.
 *
 * lint-long is decided from the data model, never from how a compiler
 * spells a type (gcc writes "long int", clang "long"). A leaf is an integer
 * member, identified across profiles by its named type and path; S is the
 * set of profiles of the run where it exists.
 *  - S holds both data models (long 4 and 8 bytes): the leaf is a long on
 *    each profile where its size is that profile's long size, provided
 *    this holds on an ILP32 and an LP64 profile of S. So long value[4] and
 *    a __kernel_size_t (unsigned int on i386, x32, ppc32, mipsn32; unsigned
 *    long elsewhere) are listed on every ABI; __u64 (unsigned long on ppc64
 *    and mips64, 8 bytes on every ABI) never is; __kernel_long_t is listed
 *    on every ABI but x32, where it is a long long like on x86_64.
 *  - S holds one data model (one profile, or i386 with ppc32): sizes
 *    cannot tell, so the leaf is a long if on every profile of S the
 *    compiler calls its base type long or unsigned long. A type that is
 *    unsigned int on ILP32 (size_t) is then not seen, and on a lone LP64
 *    profile where __u64 is unsigned long (ppc64) __u64 is reported.
 * The message names the declared typedef, or "long" / "unsigned long".
 * lint-u64-align also covers a named struct member that
 * holds an 8-byte scalar. Messages:
 *   struct kvm_foo: 4-byte hole before member bar      (3-bit hole: bitfields)
 *   struct kvm_foo: 4 bytes of tail padding
 *   struct kvm_foo: member bar is a pointer (void *)
 *   struct kvm_foo: member bar is a long (__kernel_size_t) of ABI-dependent size
 *   struct kvm_foo: member bar is a bitfield (3 bits)
 *   struct kvm_foo: member bar is an enum (enum kvm_mode)
 *   struct kvm_foo: member bar is a bool (_Bool)
 *   struct kvm_foo: member bar (__u64) at offset 4, not 8-byte aligned
 *   struct kvm_foo: size 12 is not a multiple of 8
 */
#ifndef UABI_LINT_H
#define UABI_LINT_H

#include "../core/diag.h"
#include "../core/model.h"
#include "dfind.h"

/* Lint the argument types of the applicable ioctls and the applicable
 * roots of `layouts` (all profiles of one tree, one run: lint-long compares
 * them; each profile name is its finding's profile and its index the
 * order; NULL entries are skipped). With only != NULL, report just the
 * named types whose spelling is in only[0..nonly), reached from anywhere,
 * and the ioctl arguments and roots whose spelling is listed (diff mode:
 * new and changed types). 0, or -errno with d set. */
int uabi_lint__run(const struct uabi_layout *const *layouts, uint32_t n, const char *const *only,
		   uint32_t nonly, struct uabi_dlist *out, struct uabi_diag *d);

#endif
