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
 *
 * Findings are made per profile (merge them with uabi_dlist__merge()):
 * type is the nearest named struct/union (tag, or the typedef naming an
 * anonymous one), member the C access path from it ("s.d", "ranges[0].x";
 * element 0 stands for an array). A finding about an unnamed member itself
 * names it "<anon>" ("4-byte hole before member <anon>"). ioctl is always
 * NULL: a type shared by several ioctls is one finding. Type-level rules
 * (tail padding, size) have member NULL and the type's file:line; on an
 * anonymous member they name it ("struct kvm_foo: member u.e: 4 bytes of
 * tail padding"). Pointers are not followed; scalar ioctl arguments and
 * --root types are not linted. lint-long: the member's type, spelled as
 * declared (__kernel_ulong_t), has another size on another given profile
 * (so __u64 as unsigned long on ppc64 is no finding); with one profile,
 * every long is. lint-u64-align also covers a named struct member that
 * holds an 8-byte scalar. Messages:
 *   struct kvm_foo: 4-byte hole before member bar      (3-bit hole: bitfields)
 *   struct kvm_foo: 4 bytes of tail padding
 *   struct kvm_foo: member bar is a pointer (void *)
 *   struct kvm_foo: member bar is a long (unsigned long) of ABI-dependent size
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

/* Lint the argument types of the applicable ioctls of `layouts` (all
 * profiles of one tree; each profile name is its finding's profile and its
 * index the order; NULL entries are skipped). With only != NULL, report
 * just the named types whose spelling is in only[0..nonly), reached from
 * any root, and the roots whose ioctl argument spelling is listed (diff
 * mode: new and changed types). 0, or -errno with d set. */
int uabi_lint__run(const struct uabi_layout *const *layouts, uint32_t n, const char *const *only,
		   uint32_t nonly, struct uabi_dlist *out, struct uabi_diag *d);

#endif
