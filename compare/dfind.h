/* SPDX-License-Identifier: MIT */
/*
 * Findings of `uabi diff` and `uabi lint`: one list, compiler-style. A
 * finding is seen on one ABI profile; uabi_dlist__merge() folds the same
 * finding seen on several profiles into one with a profile list, so a
 * change that breaks every ABI is reported once ("[x86_64,i386,...]").
 */
#ifndef UABI_DFIND_H
#define UABI_DFIND_H

#include <stdbool.h>
#include <stdint.h>

#include "../core/arena.h"
#include "../core/diag.h"

enum uabi_sev {
	UABI_SEV_NOTE,		/* compatible change (new ioctl, reserved field used, ...) */
	UABI_SEV_WARNING,	/* lint: against Documentation/driver-api/ioctl.rst */
	UABI_SEV_ERROR,		/* breaks the binary interface on some ABI */
};

struct uabi_dfinding {
	const char *rule;	/* stable id: "member-offset-changed", "lint-hole", ... */
	enum uabi_sev sev;
	const char *profiles;	/* "i386" or, after merging, "x86_64,i386" (profile table order) */
	const char *ioctl;	/* ioctl name, or NULL */
	const char *type;	/* "struct kvm_foo", or NULL */
	const char *member;	/* member path inside type ("ranges[0].bitmap"), or NULL */
	const char *message;	/* without file, severity and profiles:
				 * "struct kvm_foo: member bar moved from offset 8 to 4" */
	bool has_old, has_new;	/* which of the values are set (a lint measures the new tree only) */
	bool signed_values;	/* the values are int64_t (enumerator values) */
	uint64_t old_value, new_value;
	const char *file;	/* new tree, or old tree for removals; relative */
	uint32_t line;
	bool suppressed;	/* matched by a suppression */
	const char *suppress_reason;
	uint32_t order;		/* profile index, for stable merging */
};

struct uabi_dlist {
	struct uabi_arena arena;	/* every string of every finding */
	struct uabi_dfinding *v;
	uint32_t n, cap;
};

void uabi_dlist__init(struct uabi_dlist *l);
void uabi_dlist__free(struct uabi_dlist *l);
/* Append a finding; strings are copied into the list's arena, message is
 * printf-formatted. Returns the finding or NULL on out of memory. */
struct uabi_dfinding *uabi_dlist__add(struct uabi_dlist *l, const char *rule, enum uabi_sev sev,
				      const char *profile, uint32_t order, const char *ioctl,
				      const char *type, const char *member, const char *file,
				      uint32_t line, const char *fmt, ...)
	__attribute__((format(printf, 11, 12)));
/* Fold findings equal but for the profile (rule, sev, ioctl, type, member,
 * message, values, file, line) into one whose profiles lists them all in
 * `order` order; then sort by file, line, rule, message. */
int uabi_dlist__merge(struct uabi_dlist *l, struct uabi_diag *d);
/* Drop the findings of l from index `from` on that base already has:
 * same rule, profiles, type, member, message and severity, wherever they
 * are (lines move between two versions of a file). Diff mode lints both
 * trees and keeps what the change introduced. Order kept; 0 or -ENOMEM. */
int uabi_dlist__subtract(struct uabi_dlist *l, uint32_t from, const struct uabi_dlist *base,
			 struct uabi_diag *d);
/* Counts of unsuppressed findings by severity. */
void uabi_dlist__counts(const struct uabi_dlist *l, uint32_t counts[3]);
const char *uabi_sev__str(enum uabi_sev s);	/* "note", "warning", "error" */
int uabi_sev__parse(const char *s);

#endif
