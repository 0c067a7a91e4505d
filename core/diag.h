/* SPDX-License-Identifier: MIT */
/*
 * Diagnostics: fallible calls take a struct uabi_diag * that receives one
 * message naming the object first ("i386: linux/kvm.h: ...") and the class
 * of the failure, which the CLI maps to its documented exit code.
 */
#ifndef UABI_DIAG_H
#define UABI_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Exit classes, equal to the CLI exit codes of DESIGN.md. */
enum uabi_err_class {
	UABI_OK = 0,
	UABI_E_FINDINGS = 1,	/* findings at or above --fail-on */
	UABI_E_INPUT = 2,	/* usage or input error */
	UABI_E_TOOLCHAIN = 3,	/* compiler, linker or toolchain error */
};

struct uabi_diag {
	enum uabi_err_class cls;
	int err;		/* positive errno-like code, 0 if none */
	char subject[256];	/* what it happened to ("x86_64"), printed before msg, or "" */
	char msg[2048];		/* one line, lowercase, no trailing period */
	char detail[4096];	/* optional extra lines (compiler output) */
};

/* Clear a diagnostic. */
void uabi_diag__clear(struct uabi_diag *d);
/* Record an input error; returns -err (negative errno). d may be NULL. */
int uabi_diag__input(struct uabi_diag *d, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Record a toolchain error; returns -err. d may be NULL. */
int uabi_diag__toolchain(struct uabi_diag *d, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Generic setter used by the two above. */
int uabi_diag__vset(struct uabi_diag *d, enum uabi_err_class cls, int err,
		    const char *fmt, va_list ap);
/* Prepend "prefix: " to the message (e.g. the profile name). */
void uabi_diag__prefix(struct uabi_diag *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Name what the diagnostic is about (a profile), apart from the message, so
 * that the same failure on several profiles can be told once. A leading
 * "subject: " already in the message moves into the field. */
void uabi_diag__set_subject(struct uabi_diag *d, const char *subject);
/* Set the detail text (truncated to fit). */
void uabi_diag__set_detail(struct uabi_diag *d, const char *text);
/* Print d to f: "uabi: <msg>", then each detail line as "  | <line>",
 * every line through uabi_escape(). */
void uabi_diag__print(const struct uabi_diag *d, FILE *f);
/* The same with another subject (NULL: none), as the pool prints a group
 * ("[x86_64,i386]") of identical diagnostics. */
void uabi_diag__print_as(const char *subject, const struct uabi_diag *d, FILE *f);

/* Text taken from inputs (DWARF strings, header text, file names) made
 * safe to print: printable ASCII, tab and valid UTF-8 pass through; every
 * other byte (controls, DEL, bytes of an invalid or overlong UTF-8
 * sequence, C1 controls, bidi overrides) becomes "\xNN"; a newline too
 * unless keep_nl. The result is printable, valid UTF-8. Writes at most
 * len bytes including the NUL into out (cut at a whole character or
 * escape) and returns out. */
char *uabi_escape(char *out, size_t len, const char *s, bool keep_nl);
/* The same into a malloc'd string; NULL on out of memory. */
char *uabi_escape_dup(const char *s, bool keep_nl);
/* Whether uabi_escape() would change s. */
bool uabi_escape__needed(const char *s, bool keep_nl);
/* Print one line to stderr: the printf-formatted text (up to 4 KiB),
 * through uabi_escape(), then a newline. For warnings and notes that quote
 * inputs outside a struct uabi_diag. */
void uabi_eprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
