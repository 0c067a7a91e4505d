/* SPDX-License-Identifier: MIT */
/*
 * Which macros could act where they are expanded beyond giving tokens: a
 * _Pragma (push_macro, pop_macro, poison: `cc -E` prints none of these
 * when a _Pragma runs them, so the -dD lines miss their effect), or a
 * name that differs between two runs (__COUNTER__, __BASE_FILE__,
 * __TIMESTAMP__). A macro is tainted when a #define of it names one of
 * those or a tainted macro, or pastes (##) a name that could be one: a
 * paste chain that starts with a plain identifier makes a name that
 * starts with it, one that ends with a plain identifier a name that ends
 * with it, any other (a parameter pasted to a parameter) any name; but a
 * name made by pasting starts with a name written in a file, a -dD line
 * or the probe, so where no macro body passes on a start of a tainted
 * name, and no file (or the probe) both names one and expands a macro
 * that reaches such a chain, such a chain makes none. The probe
 * compiled from the -dD pass's
 * text (extract.c, build_head) is what a run over the probe would give
 * only when no file entered and no line of the probe expands a tainted
 * macro or writes one of those names or a #pragma other than pack.
 */
#ifndef UABI_PPTAINT_H
#define UABI_PPTAINT_H

#include <stdbool.h>
#include <stddef.h>

struct uabi_taint {
	char **v;		/* the tainted names and the four above, sorted */
	size_t n;
	char **pre;		/* their proper starts ("_", "_P", ...) that are
				 * no tainted name, sorted */
	size_t npre;
	bool any;		/* a chain of two parameters taints */
	char **reach;		/* not any: the macros that can reach such a
				 * chain, sorted */
	size_t nreach;
};

/* The taint of every #define line of the `cc -E -dD` text dd (all of
 * them: a later one does not undo an earlier one). A chain of two
 * parameters taints its macro (any) when a body of a macro that is not
 * tainted passes on a name of pre. 0 or -ENOMEM. */
int uabi_taint__build(struct uabi_taint *t, const char *dd);
/* Whether the source file text[0..len) (as the compiler reads it: lines
 * spliced, comments and literals skipped, %: as #) has, outside its
 * #define lines, a tainted name or one of the four, both a start of one
 * and a macro of reach (when not any), or a #pragma other than #pragma
 * pack. */
bool uabi_taint__src_acts(const struct uabi_taint *t, const char *text, size_t len);
/* The same for C lines uabi writes (the probe's own lines). */
bool uabi_taint__code_acts(const struct uabi_taint *t, const char *code);
void uabi_taint__free(struct uabi_taint *t);

#endif
