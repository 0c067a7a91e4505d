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

/*
 * What a dump says is no number: the ioctls it marks not applicable, and
 * the ioctl commands the headers' text defines (names[0..nnames): sorted,
 * discovery's index) that it does not list. Each is a claim "NAME is no
 * integer constant that is the same wherever it is used", checked by the
 * compiler after the same #include lines: a block of ten lines
 *
 *   #if defined(NAME)
 *   #define __uabi_TAG_use ((unsigned long long)(NAME) & 0x7fffffffULL)
 *   enum { __uabi_TAG_aI = (int)__uabi_TAG_use, __uabi_TAG_bI =
 *   #include "UABI_VERIFY_USE_FILE"      (its one line: (int)__uabi_TAG_use)
 *   };
 *   _Static_assert(__uabi_TAG_aI == __uabi_TAG_bI, "...");
 *   #undef __uabi_TAG_use
 *   #else
 *   _Static_assert(0, "...");
 *   #endif
 *
 * holds when the compiler reports an error on its lines 2 to 9: an
 * incomplete type, an enumerator that is no constant, no such macro, or
 * two values in two places (another line, file and include depth: for
 * __LINE__, __FILE__, __INCLUDE_LEVEL__). One that compiles is a false
 * claim. Each use is an enumerator of its own, so that no compiler folds
 * the two into one. The text starts with a control block of the same
 * shape for 0 (lines 1 to 10, with __STDC__ for NAME), which must compile:
 * headers that redefine what the blocks use make every block an error.
 * tag (the dump's sha256, say) makes the blocks' names ones the headers
 * cannot know. The claims are the ioctls f keeps (f NULL: all) and every
 * such name; the dump's reason is not trusted. The caller writes
 * UABI_VERIFY_USE_FILE beside the text. *text (malloc'd; NULL when there
 * is no claim), *claims (malloc'd, *n of them). 0 or -ENOMEM with d set.
 */
#define UABI_VERIFY_USE_FILE "verify-na-use.h"

struct uabi_verify_claim {
	const char *name;	/* borrowed from l or names */
	uint32_t ioctl;		/* l->ioctls index; UINT32_MAX: a name l lacks */
	uint32_t line;		/* first line of its block in the text, 1-based */
};

#define UABI_VERIFY_CONTROL_LINES 10	/* the control block: lines 1 to 10 */
#define UABI_VERIFY_CLAIM_LINES 10	/* a claim's block */

int uabi_verify__claims_source(const struct uabi_layout *l, const struct uabi_verify_filter *f,
			       const char *const *names, uint32_t nnames, const char *tag, char **text,
			       struct uabi_verify_claim **claims, uint32_t *n,
			       struct uabi_diag *d);

#endif
