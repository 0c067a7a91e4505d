// SPDX-License-Identifier: MIT
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_MIN (64 * 1024)

struct uabi_arena_chunk {
	struct uabi_arena_chunk *next;
	size_t used, cap;
	_Alignas(16) unsigned char data[];
};

void uabi_arena__init(struct uabi_arena *a)
{
	a->head = NULL;
	a->total = 0;
}

void uabi_arena__free(struct uabi_arena *a)
{
	struct uabi_arena_chunk *c = a->head, *n;

	while (c) {
		n = c->next;
		free(c);
		c = n;
	}
	a->head = NULL;
	a->total = 0;
}

void *uabi_arena__alloc(struct uabi_arena *a, size_t size)
{
	struct uabi_arena_chunk *c = a->head;
	size_t need = (size + 15) & ~(size_t)15;
	void *p;

	if (need == 0)
		need = 16;
	if (!c || c->cap - c->used < need) {
		size_t cap = need > CHUNK_MIN ? need : CHUNK_MIN;

		c = malloc(sizeof(*c) + cap);
		if (!c)
			return NULL;
		c->cap = cap;
		c->used = 0;
		/* a large one-off block goes behind the current chunk so the
		 * rest of the current chunk stays usable */
		if (a->head && cap == need) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	p = c->data + c->used;
	c->used += need;
	a->total += need;
	memset(p, 0, need);
	return p;
}

char *uabi_arena__strndup(struct uabi_arena *a, const char *s, size_t n)
{
	char *p;

	if (!s)
		return NULL;
	p = uabi_arena__alloc(a, n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *uabi_arena__strdup(struct uabi_arena *a, const char *s)
{
	return s ? uabi_arena__strndup(a, s, strlen(s)) : NULL;
}

char *uabi_arena__printf(struct uabi_arena *a, const char *fmt, ...)
{
	va_list ap;
	char *p;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	p = uabi_arena__alloc(a, (size_t)n + 1);
	if (!p)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
