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
#include "../core/sbuf.h"

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

/* The reason extract gives an ioctl whose macro reaches __LINE__, __FILE__
 * and the like: it compiles, to a number of the place of use. */
#define UABI_VERIFY_WHERE_DEP "its number depends on where it is used"

/* Checks that the dump leaves out no ioctl the compiler defines: for each
 * of names[0..n) (ioctl commands the headers' own text defines: discovery's
 * index) that l has no ioctl of, an "#ifdef NAME" around a failing assert
 * (an ioctl that is defined on l's ABI was dropped). Text appended to *b;
 * *nchecks (may be NULL) += names checked. names sorted (repeats are
 * checked once); one that is not a C identifier is skipped (it cannot be a
 * macro). 0 or -ENOMEM with d set. */
int uabi_verify__missing_source(const struct uabi_layout *l, const char *const *names,
				uint32_t n, struct uabi_sbuf *b, size_t *nchecks, struct uabi_diag *d);

/* The other half of a not-applicable claim: a function a line, each using
 * the number of one ioctl of l that f keeps (f NULL:
 * all) and l marks not applicable, but for UABI_VERIFY_WHERE_DEP ones
 * (they compile). Compiled after the same #include lines, each such line
 * must be an error (the compiler cannot evaluate the number); a line that
 * compiles is a false claim. *text (malloc'd; NULL when there is no such
 * ioctl) and *idx (malloc'd, l->ioctls index of line first + i, the line
 * numbers 1-based in *text). 0 or -ENOMEM with d set. */
int uabi_verify__na_source(const struct uabi_layout *l, const struct uabi_verify_filter *f,
			   char **text, uint32_t **idx, uint32_t *n, uint32_t *first,
			   struct uabi_diag *d);

#endif
