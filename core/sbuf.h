/* SPDX-License-Identifier: MIT */
/*
 * A growable string buffer (probe sources, reports). Out of memory is
 * sticky: appends after a failure do nothing, and uabi_sbuf__finish()
 * reports it once, so writers append without checking every call.
 */
#ifndef UABI_SBUF_H
#define UABI_SBUF_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

struct uabi_sbuf {
	char *s;		/* NUL-terminated while not oom */
	size_t len, cap;
	bool oom;
};

void uabi_sbuf__init(struct uabi_sbuf *b);
void uabi_sbuf__free(struct uabi_sbuf *b);
void uabi_sbuf__addn(struct uabi_sbuf *b, const char *s, size_t n);
void uabi_sbuf__adds(struct uabi_sbuf *b, const char *s);
void uabi_sbuf__addc(struct uabi_sbuf *b, char c);
/* n copies of c. */
void uabi_sbuf__pad(struct uabi_sbuf *b, char c, size_t n);
void uabi_sbuf__addf(struct uabi_sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The string (caller frees), or NULL with d set if any append ran out of
 * memory; the buffer is empty afterwards either way. */
char *uabi_sbuf__finish(struct uabi_sbuf *b, struct uabi_diag *d);

#endif
