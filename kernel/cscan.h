/* SPDX-License-Identifier: MIT */
/*
 * Scanners of kernel C text (pure, on a string; the tree walk is kvm.c's):
 * the case labels a file switches on, each with the preprocessor
 * conditions around it and its enclosing function, and the member names
 * the code references.
 */
#ifndef UABI_KERNEL_CSCAN_H
#define UABI_KERNEL_CSCAN_H

#include <stdint.h>

#include "../core/arena.h"

/* Where a fact comes from. */
struct uabi_ksite {
	const char *file;	/* relative to the tree root */
	uint32_t line;
	const char *function;	/* enclosing function of a case label, or NULL */
};

/* A KVM_* case label found in C text. */
struct uabi_klabel {
	const char *ioctl;	/* FOO for a label FOO_COMPAT the same file #defines,
				 * else the label */
	const char *label;	/* as written */
	/* The enclosing preprocessor conditions as one expression, each
	 * branch spelled out: "#ifdef X" -> "defined(X)", "#ifndef X" ->
	 * "!defined(X)", "#if E" -> "(E)", "#else" after "#if E" -> "!(E)",
	 * joined with " && ", outermost first; NULL when unconditional. */
	const char *cond;
	struct uabi_ksite site;	/* file as given to the scanner */
};

struct uabi_klabels {
	struct uabi_klabel *v;	/* malloc'd, in text order */
	uint32_t n, cap;
};

/* Append the KVM_* case labels of C text to *out (strings in a). Comments,
 * string and character literals and the bodies of #define are skipped.
 * 0 or -ENOMEM. */
int uabi_kscan__labels(const char *text, const char *file, struct uabi_arena *a,
		       struct uabi_klabels *out);
/* Release the array of a label list (the strings live in the arena). */
void uabi_klabels__free(struct uabi_klabels *l);
/* A member reference found in C text (see the member rule above). */
struct uabi_kref {
	const char *name;	/* in the arena */
	uint32_t line;
};

struct uabi_krefs {
	struct uabi_kref *v;	/* malloc'd; per text: sorted by name, one per name (its first line) */
	uint32_t n, cap;
};

/* Append the member names C text references to *out (strings in a), one
 * entry per name at its first line. Comments, string and character
 * literals, numbers and #include lines are skipped; #define bodies count
 * (a macro's ->x is a use). 0 or -ENOMEM. */
int uabi_kscan__members(const char *text, struct uabi_arena *a, struct uabi_krefs *out);
void uabi_krefs__free(struct uabi_krefs *r);

#endif
