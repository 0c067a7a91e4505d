/* SPDX-License-Identifier: MIT */
/*
 * Arena: one per layout set. Everything a layout owns (strings, types,
 * members) is carved from it and released by one uabi_arena__free().
 */
#ifndef UABI_ARENA_H
#define UABI_ARENA_H

#include <stddef.h>

struct uabi_arena_chunk;

struct uabi_arena {
	struct uabi_arena_chunk *head;
	size_t total;		/* bytes handed out, for the benchmark */
};

/* Initialise an empty arena (no allocation until first use). */
void uabi_arena__init(struct uabi_arena *a);
/* Release every allocation of the arena. */
void uabi_arena__free(struct uabi_arena *a);
/* Zeroed, 16-byte aligned allocation; NULL only on out of memory. */
void *uabi_arena__alloc(struct uabi_arena *a, size_t size);
/* Copy of s (NULL stays NULL). */
char *uabi_arena__strdup(struct uabi_arena *a, const char *s);
/* Copy of the first n bytes of s, NUL-terminated. */
char *uabi_arena__strndup(struct uabi_arena *a, const char *s, size_t n);
/* printf into the arena. */
char *uabi_arena__printf(struct uabi_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
