/* SPDX-License-Identifier: MIT */
/*
 * Small helpers over C and Kconfig text shared by the kernel-tree readers
 * (kconfig.c, kcond.c, cscan.c, kvm.c): character classes, a word compare,
 * a growable array of borrowed strings. Private to kernel/.
 */
#ifndef UABI_KERNEL_CTEXT_H
#define UABI_KERNEL_CTEXT_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>


static inline bool is_idstart(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static inline bool is_idchar(int c)
{
	return is_idstart(c) || (c >= '0' && c <= '9');
}

static inline bool is_hspace(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* The next identifier of C text from *p on (a #define body), *n bytes;
 * NULL at the end. String and character literals and numbers (0X20ULL,
 * 1.5e3) are skipped. *prev and *prev2 follow the last two non-blank
 * characters before it ('0' a number, the quote a literal); a caller that
 * goes on sets them for the identifier itself. *p ends after it. */
static inline const char *next_ident(const char **pp, size_t *n, char *prev, char *prev2)
{
	const char *p = *pp, *id = NULL;

	while (*p && !id) {
		if (*p == '"' || *p == '\'') {
			char q = *p++;

			while (*p && *p != q)
				p += p[0] == '\\' && p[1] ? 2 : 1;
			p += *p ? 1 : 0;
			*prev2 = *prev, *prev = q;
		} else if (*p >= '0' && *p <= '9') {
			while (is_idchar(*p) || *p == '.')
				p++;
			*prev2 = *prev, *prev = '0';
		} else if (!is_idstart(*p)) {
			if (!is_hspace(*p))
				*prev2 = *prev, *prev = *p;
			p++;
		} else {
			for (id = p; is_idchar(*p); p++)
				;
			*n = (size_t)(p - id);
		}
	}
	*pp = p;
	return id;
}

static inline bool word_is(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && memcmp(s, w, n) == 0;
}

/* A growable array of const char * (strings owned elsewhere). */
struct strvec {
	const char **v;
	uint32_t n, cap;
};

static inline int strvec_push(struct strvec *sv, const char *s)
{
	if (sv->n == sv->cap) {
		uint32_t cap = sv->cap ? sv->cap * 2 : 64;
		const char **v = realloc(sv->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		sv->v = v;
		sv->cap = cap;
	}
	sv->v[sv->n++] = s;
	return 0;
}

static inline bool strvec_has(const struct strvec *sv, const char *s)
{
	for (uint32_t i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], s) == 0)
			return true;
	return false;
}

static inline int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Is the n-byte name s in the sorted array v? */
static inline bool sorted_has(const char *const *v, uint32_t nv, const char *s, size_t n)
{
	uint32_t lo = 0, hi = nv;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = strncmp(v[mid], s, n);

		if (c == 0 && v[mid][n] != '\0')
			c = 1;
		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

#endif
