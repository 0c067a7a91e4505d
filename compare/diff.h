/* SPDX-License-Identifier: MIT */
/*
 * ABI diff: the old and new dumps of one profile, finding by finding.
 * Pure. Rules (rule id, severity):
 *   ioctl-removed (error, old file:line; a note where the old kernel did not
 *   dispatch it: uabi_diff__place_removals), ioctl-number-changed (error),
 *   ioctl-arg-type-changed (error), ioctl-added (note),
 *   type-size-changed (error; "union-grew" for a union that grew),
 *   type-align-changed (error), type-removed (note: only ioctl changes break),
 *   type-added (note),
 *   member-offset-changed, member-size-changed, member-bit-changed (bit
 *   offset or width), member-removed (error), union-arm-size-changed (note:
 *   a struct/union member, not an array, that sits directly in a union whose
 *   size stayed; bytes that move inside it are findings of their own, the
 *   union's size is judged one level up), reserved-field-removed (note: a
 *   reserved member gone while the type keeps its size and no new member
 *   takes its bytes; it is now padding), member-type-changed (error if
 *   size or kind differs, else note; an anonymous struct that becomes an
 *   anonymous union of the same size, or back, is a note: the members
 *   inside are judged one by one), member-renamed (note: same offset,
 *   size and type under another name), reserved-field-used (note: a new member
 *   in bytes an old member named reserved..., pad..., padding... or unused... covered),
 *   member-added (note when it fits in old holes or tail padding without a
 *   size change; a size change is reported as type-size-changed),
 *   enum-value-changed, enum-value-removed (error), enum-value-added (note);
 *   header-not-judged (warning or note: uabi_diff__skipped).
 * Named types (struct/union/enum with a tag) are matched by spelling and
 * compared member by member; members of anonymous types are followed with
 * their path ("u.s.bar"); a named member type is compared where it is
 * defined, not again at every use. Messages name the type first:
 * "struct kvm_foo: member bar moved from offset 8 to 4".
 *
 * Details (diff.c):
 *  - Ioctls pair by name. Not applicable on both sides: nothing; applicable
 *    on one side only: removed / added with "(argument type no longer
 *    defined)" / "(argument type now defined)". A number change says why:
 *    "(size 16 to 24)", else direction, type or nr. A renamed ioctl is a
 *    removal and an addition.
 *  - Types: defined (not forward-declared) struct/union/enum with a tag.
 *    Members of anonymous aggregates are followed also through a typedef
 *    (a typedef'd anonymous struct has no comparison of its own).
 *    Offsets are from the start of the named type (offsetof(type, path)),
 *    in bytes; for bitfields (either side) in bits: "moved from bit 3 to
 *    bit 4", "width changed from 3 to 4 bits" (member-bit-changed).
 *  - A type change that is only an array bound ("__u8 [16]" to "__u8 [8]",
 *    "[]" to "[0]") is told by member-size-changed alone. "Kind" is the
 *    kind under typedefs, qualifiers and array dimensions.
 *  - Unmatched members are explained as renames first, then reserved-field
 *    use (new bytes entirely covered by old members whose name, after
 *    leading underscores, starts with reserved/pad/unused, any case;
 *    several adjacent ones count together), else added / removed. An old
 *    reserved member renamed to a non-reserved name is a reserved-field
 *    use, not a rename. While the type's size stays, a reserved member
 *    may disappear, or shrink within its old bytes, without a finding.
 *  - A member of anonymous type that is added, removed, renamed or uses
 *    reserved bytes is reported once, not again for each member inside.
 *  - file:line: the new side's member (else type) declaration; for a
 *    removed member the new type's declaration, with "(old line N)" in the
 *    message (the old line may hold another member in the new file); the
 *    old side's for removed ioctls and types. Enumerator findings use the
 *    enum's declaration.
 *  - has_old and has_new (old_value, new_value): sizes, offsets, bits, alignments,
 *    ioctl numbers, enumerator values; not set for added/removed/renamed.
 *  - Order: ioctls by name, then types by spelling; inside a type: size,
 *    alignment, then members in new declaration order, then removals in
 *    old order; enumerators by name. The caller merges and sorts.
 * Thread-safe: no global state.
 */
#ifndef UABI_DIFF_H
#define UABI_DIFF_H

#include "../core/diag.h"
#include "../core/model.h"
#include "compat.h"
#include "dfind.h"
#include "../kernel/kfacts.h"

/* Diff old and new dumps of one profile (same profile name, else an input
 * error); findings carry the profile name and `order`. */
int uabi_diff__layouts(const struct uabi_layout *old, const struct uabi_layout *new_,
		       uint32_t order, struct uabi_dlist *out, struct uabi_diag *d);

/* header-not-judged: one finding for each header the new dump skipped
 * (input.skipped of an --all extraction: it does not compile for the ABI):
 *  - the old dump judged it: a warning, "linux/foo.h: no longer compiles
 *    on this ABI; its 3 ioctls are not judged: REASON". Not judged is not
 *    removed: this profile's ioctl-removed and type-removed findings (from
 *    index `from` on) at the header's file are dropped, and so are
 *    type-removed findings of files the new dump read nowhere (only that
 *    header brought them in);
 *  - the old dump did not select it (a new header): a warning;
 *  - the old dump skipped it too: a note ("..., before or after the change").
 * file: the header as one of the dumps read it (include/uapi/linux/foo.h),
 * else its include name; line 0. */
int uabi_diff__skipped(const struct uabi_layout *old, const struct uabi_layout *new_,
		       uint32_t order, uint32_t from, struct uabi_dlist *out, struct uabi_diag *d);

/* ioctl-needs-compat: an ioctl that needs compat translation on a pair
 * (verdict number-differs, layout-differs or pointer-width over the NEW
 * dumps) and did not before (absent from the old pair, or identical or
 * not applicable there); oldp[p] is the old pair of newp[p] (NULL: none,
 * every ioctl is new). Severity, from the new tree's kernel facts kf
 * (NULL without a tree), applied to KVM ioctls (_IOC_TYPE 0xAE) only:
 * note when the arch has KVM_COMPAT=n (no 32-bit caller reaches it) or a
 * compat handler translates it; error otherwise, dispatched yet or not,
 * and always for a non-KVM ioctl or without a tree (an unknown compat
 * path is not a pass). Message: "KVM_X: new ioctl that differs on i386
 * (number-differs, number 0x4010aefe on x86_64, 0x400caefe on i386,
 * member b offset 8 vs 4): needs a case in a compat handler (...)"; profile
 * the compat ABI, order its index in new_ (else n + p), file:line the
 * ioctl's. Roots are never reported (check judges them). */
int uabi_diff__ioctls_compat(const struct uabi_compat_pair *newp,
			     const struct uabi_compat_pair *const *oldp, uint32_t npairs,
			     const struct uabi_kfacts *kf, const struct uabi_layout *const *new_,
			     uint32_t n, struct uabi_dlist *out, struct uabi_diag *d);

/* Removals nobody could call: an ioctl-removed error (findings from index
 * `from` on, one profile each, before merging) of a KVM ioctl that the old
 * tree's kernel (old_kf; NULL: nothing changes) does not dispatch on the
 * profile's arch becomes a note, "; the old kernel did not dispatch it on
 * these ABIs" appended (the same words on every ABI, so that they merge). */
int uabi_diff__place_removals(struct uabi_dlist *l, uint32_t from,
			      const struct uabi_layout *const *old, uint32_t n,
			      const struct uabi_kfacts *old_kf, struct uabi_diag *d);

/* Name the ioctls and roots that carry a changed type: each finding from
 * index `from` on that has a type and no ioctl (not type-added or
 * type-removed) gets "; carried by KVM_GET_CLOCK, KVM_SET_CLOCK" (ioctls
 * and roots whose argument holds the type by value, directly or nested,
 * on any of the old or new dumps; at most 4 names, then "and N more";
 * a root is not named on its own findings). */
int uabi_diff__name_carriers(struct uabi_dlist *l, const struct uabi_layout *const *old,
			     const struct uabi_layout *const *new_, uint32_t n, uint32_t from,
			     struct uabi_diag *d);

/* Whether a member name says reserved space: reserved*, pad* (padding*),
 * unused*, any case, after any leading underscores (__reserved, __pad1). */
bool uabi_diff__is_reserved_name(const char *name);

#endif
