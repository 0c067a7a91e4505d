/* SPDX-License-Identifier: MIT */
/*
 * Suppressions: accepting known findings, each with a reason.
 *
 * A suppressions file has one entry per line; '#' starts a comment.
 *   rule=lint-hole type="struct kvm_foo" member=pad reason="explicit in 6.2"
 * Keys: rule (required), ioctl, type, member, profile (each optional: an
 * absent key matches anything; profile matches one profile name), reason
 * (required, non-empty). Values are bare words or "double-quoted" (\" and
 * \\ escapes). An entry that suppresses nothing is itself reported
 * (rule suppression-unused, warning, at its file:line).
 */
#ifndef UABI_SUPPRESS_H
#define UABI_SUPPRESS_H

#include <stdbool.h>
#include <stdint.h>

#include "../core/arena.h"
#include "../core/diag.h"
#include "dfind.h"

struct uabi_suppression {
	const char *rule, *ioctl, *type, *member, *profile, *reason;
	const char *file;	/* the suppressions file as given */
	uint32_t line;
	uint32_t used;		/* findings it suppressed */
};

struct uabi_suppress {
	struct uabi_arena arena;
	struct uabi_suppression *v;
	uint32_t n, cap;
};

/* Parse text (named `name` in messages); errors name file:line and the
 * problem ("s.txt:3: reason missing"). Input error class. */
int uabi_suppress__parse(const char *text, const char *name, struct uabi_suppress *s,
			 struct uabi_diag *d);
int uabi_suppress__read(const char *path, struct uabi_suppress *s, struct uabi_diag *d);
void uabi_suppress__free(struct uabi_suppress *s);
/* Mark matching findings suppressed (before uabi_dlist__merge: findings
 * still have one profile each). */
void uabi_suppress__apply(struct uabi_suppress *s, struct uabi_dlist *l);
/* Add a suppression-unused warning for each entry that matched nothing. */
int uabi_suppress__report_unused(const struct uabi_suppress *s, struct uabi_dlist *l);

#endif
