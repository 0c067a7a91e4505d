// SPDX-License-Identifier: MIT
#include "sbuf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void uabi_sbuf__init(struct uabi_sbuf *b)
{
	b->s = NULL;
	b->len = 0;
	b->cap = 0;
	b->oom = false;
}

void uabi_sbuf__free(struct uabi_sbuf *b)
{
	free(b->s);
	uabi_sbuf__init(b);
}

/* Room for n more bytes plus the NUL. */
static bool grow(struct uabi_sbuf *b, size_t n)
{
	size_t cap;
	char *s;

	if (b->oom)
		return false;
	if (b->len + n + 1 <= b->cap)
		return true;
	cap = b->cap ? b->cap : 256;
	while (cap < b->len + n + 1) {
		if (cap > (size_t)-1 / 2) {
			b->oom = true;
			return false;
		}
		cap *= 2;
	}
	s = realloc(b->s, cap);
	if (!s) {
		b->oom = true;
		return false;
	}
	b->s = s;
	b->cap = cap;
	return true;
}

void uabi_sbuf__addn(struct uabi_sbuf *b, const char *s, size_t n)
{
	if (!grow(b, n))
		return;
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void uabi_sbuf__adds(struct uabi_sbuf *b, const char *s)
{
	uabi_sbuf__addn(b, s, strlen(s));
}

void uabi_sbuf__addc(struct uabi_sbuf *b, char c)
{
	uabi_sbuf__addn(b, &c, 1);
}

void uabi_sbuf__pad(struct uabi_sbuf *b, char c, size_t n)
{
	if (!grow(b, n))
		return;
	memset(b->s + b->len, c, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void uabi_sbuf__addf(struct uabi_sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->oom)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !grow(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *uabi_sbuf__finish(struct uabi_sbuf *b, struct uabi_diag *d)
{
	char *s;

	if (!b->oom && !b->s)
		grow(b, 0);
	if (b->oom) {
		uabi_sbuf__free(b);
		uabi_diag__input(d, ENOMEM, "out of memory");
		return NULL;
	}
	if (b->len == 0)
		b->s[0] = '\0';
	s = b->s;
	uabi_sbuf__init(b);
	return s;
}
