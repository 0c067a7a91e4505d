// SPDX-License-Identifier: MIT
#include "strv.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void uabi_strv__addf(struct uabi_strv *s, const char *fmt, ...)
{
	va_list ap;
	char *str;
	int r;

	if (s->oom)
		return;
	if (s->n == s->cap) {
		uint32_t cap = s->cap ? s->cap * 2 : 64;
		char **v = realloc(s->v, cap * sizeof(*v));

		if (!v) {
			s->oom = true;
			return;
		}
		s->v = v;
		s->cap = cap;
	}
	va_start(ap, fmt);
	r = vasprintf(&str, fmt, ap);
	va_end(ap);
	if (r < 0) {
		s->oom = true;
		return;
	}
	s->v[s->n++] = str;
}

void uabi_strv__free(struct uabi_strv *s)
{
	for (uint32_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}
