/* SPDX-License-Identifier: MIT */
/*
 * A growable list of owned strings built with printf formats (the paths
 * a cache manifest lists: extractor/cached.c, kernel/kio_cache.c). An
 * allocation failure sets oom and makes every later add a no-op, so a
 * caller checks once at the end.
 */
#ifndef UABI_STRV_H
#define UABI_STRV_H

#include <stdbool.h>
#include <stdint.h>

struct uabi_strv {
	char **v;		/* malloc'd, each string too */
	uint32_t n, cap;
	bool oom;
};

/* Append a formatted string (malloc'd). */
void uabi_strv__addf(struct uabi_strv *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Free the strings and the array; the list is empty afterwards. */
void uabi_strv__free(struct uabi_strv *s);

#endif
