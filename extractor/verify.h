/* SPDX-License-Identifier: MIT */
/*
 * Self-verification (DESIGN.md principle 3): turn a layout dump into C
 * _Static_assert lines. The caller appends them after the same prelude and
 * #include lines the probe used and compiles with the same compiler and
 * flags: if it compiles, every number checked is what that compiler does.
 *
 * Checked, in type-id order, then ioctls in name order:
 *  - sizeof(void *) and sizeof(long) from the profile facts;
 *  - named structs/unions (not "__uabi_*", not declarations): sizeof,
 *    _Alignof, and for every named non-bitfield member reachable through
 *    anonymous members, through named members of anonymous type ("s.lo")
 *    and through arrays of anonymous element type ("pts[0].x"): its
 *    __builtin_offsetof and sizeof (sizeof skipped for flexible arrays);
 *  - typedefs (not "__uabi_*") of complete types: sizeof, _Alignof, and,
 *    for a typedef of an anonymous struct/union, its members as above;
 *  - named enums: sizeof; every enumerator of every enum: its value;
 *  - applicable ioctls: the number and _IOC_SIZE.
 * Bitfields cannot be named by offsetof: they are skipped and counted.
 * Every assert's message says what it checks ("uabi: struct kvm_dirty_log:
 * member dirty_bitmap offset 8"), so the compiler error names the number.
 */
#ifndef UABI_VERIFY_H
#define UABI_VERIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/diag.h"
#include "../core/model.h"

struct uabi_verify_stats {
	size_t checks;		/* _Static_assert lines written */
	size_t bitfields;	/* bitfield members skipped (no offsetof for them) */
	size_t flexible;	/* flexible array members: offset checked, size not */
};

/* C text (malloc'd, *out) of _Static_assert lines for l; *nchecks (may be
 * NULL) = number of asserts. Deterministic. 0 or -errno with d set (a name
 * that is not a C identifier is an input error: it would be pasted into C). */
int uabi_verify__source(const struct uabi_layout *l, char **out, size_t *nchecks,
			struct uabi_diag *d);
/* Same, with the counts of what was skipped. */
int uabi_verify__source_stats(const struct uabi_layout *l, char **out,
			      struct uabi_verify_stats *st, struct uabi_diag *d);

/* Which types and ioctls to check: keep(ctx, decl_file) says for each by
 * the file that defines it (relative to the input root as the dump has
 * it; NULL for a type without one). The pointer and long sizes are always
 * checked. */
struct uabi_verify_filter {
	bool (*keep)(void *ctx, const char *decl_file);
	void *ctx;
};

/* uabi_verify__source_stats for the items f keeps (f NULL: all). */
int uabi_verify__source_filtered(const struct uabi_layout *l, const struct uabi_verify_filter *f,
				 char **out, struct uabi_verify_stats *st, struct uabi_diag *d);

#endif
