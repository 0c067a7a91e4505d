/* SPDX-License-Identifier: MIT */
/*
 * A small Kconfig reader (pure, on text): the logical lines of a Kconfig
 * file, the "depends on" of an entry, and "depends on" expressions
 * evaluated with a set of symbols that are y.
 */
#ifndef UABI_KERNEL_KCONFIG_H
#define UABI_KERNEL_KCONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Evaluate a Kconfig "depends on" expression (&&, ||, !, parentheses,
 * symbols) where the symbols in `yes` are y and every other symbol n.
 * Returns 1 (y), 0 (n) or -1 on a syntax error. */
int uabi_kconfig__eval(const char *expr, const char *const *yes, uint32_t nyes);
/* Find "config NAME" in Kconfig text: its "depends on" expressions joined
 * with " && " into buf (blank runs folded; when there are several, one with
 * || is parenthesised so the meaning stays), and the line of the config
 * entry (line may be NULL). Help texts are skipped. 0 (buf "" without
 * depends), -ENOENT, or -ENOSPC when buf is too small. */
int uabi_kconfig__depends(const char *text, const char *name, char *buf, size_t len,
			  uint32_t *line);

/*
 * Logical lines of Kconfig text outside help texts, each with its first
 * word and the rest (trailing "# comment" and blanks cut). A backslash at
 * the end of a line continues it.
 */
struct uabi_kconfig_iter {
	const char *p;
	uint32_t line;
	int help_kw;		/* indent of the "help" keyword, -1 outside help */
	int help_indent;	/* indent of the first help line, -1 until seen */
};

struct uabi_kconfig_line {
	uint32_t line;
	const char *kw, *arg, *end;
	size_t kwlen;
};

/* The next logical line of it->p into *l (start an iterator with .p, .line
 * 1, .help_kw and .help_indent -1); false at the end. l points into the
 * text. */
bool uabi_kconfig__next(struct uabi_kconfig_iter *it, struct uabi_kconfig_line *l);
/* Whether l's keyword ends a config entry (config, menu, if, source, ...). */
bool uabi_kconfig__ends_entry(const struct uabi_kconfig_line *l);
/* Whether l starts a config entry (config, menuconfig). */
bool uabi_kconfig__is_config(const struct uabi_kconfig_line *l);
/* The length in bytes of the first word of l's argument (a config name, a
 * selected symbol). */
size_t uabi_kconfig__word(const struct uabi_kconfig_line *l);
/* The argument of a "depends on" line, or NULL when l is another line. */
const char *uabi_kconfig__depends_on(const struct uabi_kconfig_line *l);

#endif
