// SPDX-License-Identifier: MIT
#include "dfind.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const sev_names[] = { "note", "warning", "error" };

const char *uabi_sev__str(enum uabi_sev s)
{
	return (unsigned)s <= UABI_SEV_ERROR ? sev_names[s] : "?";
}

int uabi_sev__parse(const char *s)
{
	for (int i = 0; i <= UABI_SEV_ERROR; i++)
		if (s && !strcmp(s, sev_names[i]))
			return i;
	return -1;
}

void uabi_dlist__init(struct uabi_dlist *l)
{
	memset(l, 0, sizeof(*l));
	uabi_arena__init(&l->arena);
}

void uabi_dlist__free(struct uabi_dlist *l)
{
	free(l->v);
	uabi_arena__free(&l->arena);
	memset(l, 0, sizeof(*l));
}

struct uabi_dfinding *uabi_dlist__add(struct uabi_dlist *l, const char *rule, enum uabi_sev sev,
				      const char *profile, uint32_t order, const char *ioctl,
				      const char *type, const char *member, const char *file,
				      uint32_t line, const char *fmt, ...)
{
	struct uabi_dfinding *f;
	va_list ap;
	char *msg;
	int n;

	if (l->n == l->cap) {
		uint32_t cap = l->cap ? l->cap * 2 : 64;
		struct uabi_dfinding *v = realloc(l->v, cap * sizeof(*v));

		if (!v)
			return NULL;
		l->v = v;
		l->cap = cap;
	}
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	msg = uabi_arena__alloc(&l->arena, (size_t)n + 1);
	if (!msg)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(msg, (size_t)n + 1, fmt, ap);
	va_end(ap);
	f = &l->v[l->n];
	memset(f, 0, sizeof(*f));
	f->rule = uabi_arena__strdup(&l->arena, rule);
	f->sev = sev;
	f->profiles = uabi_arena__strdup(&l->arena, profile);
	f->order = order;
	f->ioctl = uabi_arena__strdup(&l->arena, ioctl);
	f->type = uabi_arena__strdup(&l->arena, type);
	f->member = uabi_arena__strdup(&l->arena, member);
	f->file = uabi_arena__strdup(&l->arena, file);
	f->line = line;
	f->message = msg;
	if (!f->rule || (profile && !f->profiles))
		return NULL;
	l->n++;
	return f;
}

static int cmp_str(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

/* Everything but the profile. */
static int cmp_key(const struct uabi_dfinding *a, const struct uabi_dfinding *b)
{
	int c;

	if ((c = cmp_str(a->file, b->file)))
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if ((c = cmp_str(a->rule, b->rule)))
		return c;
	if ((c = cmp_str(a->message, b->message)))
		return c;
	if (a->sev != b->sev)
		return a->sev < b->sev ? -1 : 1;
	if ((c = cmp_str(a->ioctl, b->ioctl)))
		return c;
	if ((c = cmp_str(a->type, b->type)))
		return c;
	if ((c = cmp_str(a->member, b->member)))
		return c;
	if (a->has_old != b->has_old)
		return a->has_old ? 1 : -1;
	if (a->has_new != b->has_new)
		return a->has_new ? 1 : -1;
	if (a->signed_values != b->signed_values)
		return a->signed_values ? 1 : -1;
	if (a->old_value != b->old_value)
		return a->old_value < b->old_value ? -1 : 1;
	if (a->new_value != b->new_value)
		return a->new_value < b->new_value ? -1 : 1;
	if (a->suppressed != b->suppressed)
		return a->suppressed ? 1 : -1;
	return 0;
}

static int cmp_merge(const void *x, const void *y)
{
	const struct uabi_dfinding *a = x, *b = y;
	int c = cmp_key(a, b);

	if (c)
		return c;
	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	return cmp_str(a->profiles, b->profiles);
}

int uabi_dlist__merge(struct uabi_dlist *l, struct uabi_diag *d)
{
	uint32_t o = 0;

	if (!l->n)
		return 0;
	qsort(l->v, l->n, sizeof(*l->v), cmp_merge);
	for (uint32_t i = 0; i < l->n;) {
		uint32_t j = i + 1;
		size_t len = l->v[i].profiles ? strlen(l->v[i].profiles) : 0;
		char *p;

		while (j < l->n && !cmp_key(&l->v[i], &l->v[j])) {
			len += 1 + (l->v[j].profiles ? strlen(l->v[j].profiles) : 0);
			j++;
		}
		if (j > i + 1) {
			p = uabi_arena__alloc(&l->arena, len + 1);
			if (!p)
				return uabi_diag__input(d, ENOMEM, "out of memory");
			p[0] = '\0';
			for (uint32_t k = i; k < j; k++) {
				const char *q = l->v[k].profiles ? l->v[k].profiles : "";
				size_t have = strlen(p);

				/* the same profile twice (a finding made twice) stays once */
				if (k > i && !strcmp(q, l->v[k - 1].profiles ? l->v[k - 1].profiles : ""))
					continue;
				snprintf(p + have, len + 1 - have, "%s%s", have ? "," : "", q);
			}
			l->v[i].profiles = p;
		}
		l->v[o++] = l->v[i];
		i = j;
	}
	l->n = o;
	return 0;
}

void uabi_dlist__counts(const struct uabi_dlist *l, uint32_t counts[3])
{
	counts[0] = counts[1] = counts[2] = 0;
	for (uint32_t i = 0; i < l->n; i++)
		if (!l->v[i].suppressed && (unsigned)l->v[i].sev <= UABI_SEV_ERROR)
			counts[l->v[i].sev]++;
}

/* Order of the key subtract compares: what a finding says, not where. */
static int cmp_said(const struct uabi_dfinding *a, const struct uabi_dfinding *b)
{
	int c;

	if ((c = cmp_str(a->rule, b->rule)))
		return c;
	if ((c = cmp_str(a->profiles, b->profiles)))
		return c;
	if ((c = cmp_str(a->type, b->type)))
		return c;
	if ((c = cmp_str(a->member, b->member)))
		return c;
	if ((c = cmp_str(a->message, b->message)))
		return c;
	return a->sev == b->sev ? 0 : a->sev < b->sev ? -1 : 1;
}

static int cmp_said_ptr(const void *x, const void *y)
{
	return cmp_said(*(const struct uabi_dfinding *const *)x, *(const struct uabi_dfinding *const *)y);
}

int uabi_dlist__subtract(struct uabi_dlist *l, uint32_t from, const struct uabi_dlist *base,
			 struct uabi_diag *d)
{
	const struct uabi_dfinding **v;
	uint32_t o = from;

	if (!base->n)
		return 0;
	v = malloc(base->n * sizeof(*v));
	if (!v)
		return uabi_diag__input(d, ENOMEM, "out of memory");
	for (uint32_t i = 0; i < base->n; i++)
		v[i] = &base->v[i];
	qsort(v, base->n, sizeof(*v), cmp_said_ptr);
	for (uint32_t i = from; i < l->n; i++) {
		const struct uabi_dfinding *f = &l->v[i];
		uint32_t lo = 0, hi = base->n;

		while (lo < hi) {
			uint32_t mid = lo + (hi - lo) / 2;

			if (cmp_said(v[mid], f) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < base->n && !cmp_said(v[lo], f))
			continue;
		l->v[o++] = l->v[i];
	}
	l->n = o;
	free(v);
	return 0;
}
