/* SPDX-License-Identifier: MIT */
/*
 * ABI diff: the old and new dumps of one profile, finding by finding.
 * Pure. Rules (rule id, severity):
 *   ioctl-removed (error, old file:line), ioctl-number-changed (error),
 *   ioctl-arg-type-changed (error), ioctl-added (note),
 *   type-size-changed (error; "union-grew" for a union that grew),
 *   type-align-changed (error), type-removed (note: only ioctl changes break),
 *   type-added (note),
 *   member-offset-changed, member-size-changed, member-bit-changed (bit
 *   offset or width), member-removed (error), member-type-changed (error if
 *   size or kind differs, else note), member-renamed (note: same offset,
 *   size and type under another name), reserved-field-used (note: a new member
 *   in bytes an old member named reserved..., pad..., padding... or unused... covered),
 *   member-added (note when it fits in old holes or tail padding without a
 *   size change; a size change is reported as type-size-changed),
 *   enum-value-changed, enum-value-removed (error), enum-value-added (note).
 * Named types (struct/union/enum with a tag) are matched by spelling and
 * compared member by member; members of anonymous types are followed with
 * their path ("u.s.bar"); a named member type is compared where it is
 * defined, not again at every use. Messages name the type first:
 * "struct kvm_foo: member bar moved from offset 8 to 4".
 */
#ifndef UABI_DIFF_H
#define UABI_DIFF_H

#include "../core/diag.h"
#include "../core/model.h"
#include "dfind.h"
#include "report.h"

/* Diff old and new dumps of one profile (same profile name, else an input
 * error); findings carry the profile name and `order`. */
int uabi_diff__layouts(const struct uabi_layout *old, const struct uabi_layout *new_,
		       uint32_t order, struct uabi_dlist *out, struct uabi_diag *d);

/* New ioctls (absent from every old dump) that need translation on a pair
 * whose arch has KVM_COMPAT and no compat handler for them (rank 2 in the
 * report built over the NEW dumps with the NEW tree's kernel facts):
 * rule new-ioctl-needs-compat (error), one per pair, profile = compat ABI. */
int uabi_diff__new_ioctls_compat(const struct uabi_report *new_report,
				 const struct uabi_layout *const *old, uint32_t nold,
				 struct uabi_dlist *out, struct uabi_diag *d);

#endif
