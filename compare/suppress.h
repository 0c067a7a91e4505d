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

/* Parse text (named `name` in messages) and append its entries to s (zeroed
 * or parsed into before). Errors name file:line and the problem, input
 * error class, -EINVAL: "s.txt:3: reason missing", "reason is empty",
 * "rule missing", "unknown key 'k'", "duplicate key 'k'", "missing '=' after
 * 'word'", "missing key before '='", "unterminated quote", "bad escape in
 * quoted value (only \" and \\)", "missing space after quoted value of
 * 'k'", "quote inside bare value of 'k'", "empty value for key 'k'".
 * '#' outside quotes starts a comment, also right after a bare value. */
int uabi_suppress__parse(const char *text, const char *name, struct uabi_suppress *s,
			 struct uabi_diag *d);
int uabi_suppress__read(const char *path, struct uabi_suppress *s, struct uabi_diag *d);
void uabi_suppress__free(struct uabi_suppress *s);
/* Mark matching findings suppressed (before uabi_dlist__merge: findings
 * still have one profile each). Every matching entry counts the finding in
 * `used`; the first one in file order gives suppress_reason (copied into
 * the list's arena). */
void uabi_suppress__apply(struct uabi_suppress *s, struct uabi_dlist *l);
/* Add a suppression-unused warning (no profile) for each entry that
 * matched nothing, at its file:line: "suppression for rule lint-hole type
 * struct kvm_foo matched nothing" (its keys in the order rule, ioctl, type,
 * member, profile). 0 or -ENOMEM. */
int uabi_suppress__report_unused(const struct uabi_suppress *s, struct uabi_dlist *l);

#endif
