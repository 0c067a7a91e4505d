// SPDX-License-Identifier: MIT
#include "jsonw.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum jtype { J_NULL, J_BOOL, J_U64, J_I64, J_STR, J_ARR, J_OBJ };

struct uabi_jnode {
	enum jtype type;
	const char *key;		/* member of an object */
	struct uabi_jnode *next;	/* sibling */
	struct uabi_jnode *first, *last;	/* children of an array or object */
	const char *s;
	uint64_t u;
	bool b;
};

struct uabi_jnode *uabi_jw__init(struct uabi_jw *w)
{
	uabi_arena__init(&w->arena);
	w->err = 0;
	w->dup = NULL;
	w->root = uabi_arena__alloc(&w->arena, sizeof(*w->root));
	if (!w->root)
		w->err = ENOMEM;
	else
		w->root->type = J_OBJ;
	return w->root;
}

void uabi_jw__free(struct uabi_jw *w)
{
	uabi_arena__free(&w->arena);
	w->root = NULL;
}

static struct uabi_jnode *node(struct uabi_jw *w, enum jtype type)
{
	struct uabi_jnode *n = uabi_arena__alloc(&w->arena, sizeof(*n));

	if (!n) {
		if (!w->err)
			w->err = ENOMEM;
		return NULL;
	}
	n->type = type;
	return n;
}

/* Insert n into obj at its key's sorted place. */
static struct uabi_jnode *member(struct uabi_jw *w, struct uabi_jnode *obj, const char *key,
				 enum jtype type)
{
	struct uabi_jnode *n, **pp;
	int c = 1;

	if (!obj)
		return NULL;
	for (pp = &obj->first; *pp && (c = strcmp((*pp)->key, key)) < 0; pp = &(*pp)->next)
		;
	if (*pp && c == 0) {
		if (!w->err) {
			w->err = EEXIST;
			w->dup = (*pp)->key;
		}
		return NULL;
	}
	n = node(w, type);
	if (!n)
		return NULL;
	n->key = uabi_arena__strdup(&w->arena, key);
	if (!n->key) {
		w->err = w->err ? w->err : ENOMEM;
		return NULL;
	}
	n->next = *pp;
	*pp = n;
	return n;
}

static struct uabi_jnode *element(struct uabi_jw *w, struct uabi_jnode *arr, enum jtype type)
{
	struct uabi_jnode *n;

	if (!arr)
		return NULL;
	n = node(w, type);
	if (!n)
		return NULL;
	if (arr->last)
		arr->last->next = n;
	else
		arr->first = n;
	arr->last = n;
	return n;
}

static void set_str(struct uabi_jw *w, struct uabi_jnode *n, const char *s)
{
	if (!n)
		return;
	if (!s) {
		n->type = J_NULL;
		return;
	}
	n->s = uabi_arena__strdup(&w->arena, s);
	if (!n->s) {
		n->type = J_NULL;
		w->err = w->err ? w->err : ENOMEM;
	}
}

struct uabi_jnode *uabi_jw__obj(struct uabi_jw *w, struct uabi_jnode *obj, const char *key)
{
	return member(w, obj, key, J_OBJ);
}

struct uabi_jnode *uabi_jw__arr(struct uabi_jw *w, struct uabi_jnode *obj, const char *key)
{
	return member(w, obj, key, J_ARR);
}

void uabi_jw__str(struct uabi_jw *w, struct uabi_jnode *obj, const char *key, const char *s)
{
	set_str(w, member(w, obj, key, J_STR), s);
}

void uabi_jw__strf(struct uabi_jw *w, struct uabi_jnode *obj, const char *key,
		   const char *fmt, ...)
{
	struct uabi_jnode *n = member(w, obj, key, J_STR);
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	set_str(w, n, buf);
}

void uabi_jw__u64(struct uabi_jw *w, struct uabi_jnode *obj, const char *key, uint64_t v)
{
	struct uabi_jnode *n = member(w, obj, key, J_U64);

	if (n)
		n->u = v;
}

void uabi_jw__i64(struct uabi_jw *w, struct uabi_jnode *obj, const char *key, int64_t v)
{
	struct uabi_jnode *n = member(w, obj, key, J_I64);

	if (n)
		n->u = (uint64_t)v;
}

void uabi_jw__bool(struct uabi_jw *w, struct uabi_jnode *obj, const char *key, bool v)
{
	struct uabi_jnode *n = member(w, obj, key, J_BOOL);

	if (n)
		n->b = v;
}

void uabi_jw__null(struct uabi_jw *w, struct uabi_jnode *obj, const char *key)
{
	member(w, obj, key, J_NULL);
}

struct uabi_jnode *uabi_jw__push_obj(struct uabi_jw *w, struct uabi_jnode *arr)
{
	return element(w, arr, J_OBJ);
}

void uabi_jw__push_str(struct uabi_jw *w, struct uabi_jnode *arr, const char *s)
{
	set_str(w, element(w, arr, J_STR), s);
}

/* Length of the valid UTF-8 sequence at p (2..4), or 0 if invalid. */
static size_t utf8_len(const unsigned char *p)
{
	unsigned char c = p[0];

	if (c >= 0xc2 && c <= 0xdf)
		return (p[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		/* no overlongs (e0 a0..), no surrogates (ed 80..9f) */
		unsigned char lo = c == 0xe0 ? 0xa0 : 0x80, hi = c == 0xed ? 0x9f : 0xbf;

		if (p[1] < lo || p[1] > hi || (p[2] & 0xc0) != 0x80)
			return 0;
		return 3;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		unsigned char lo = c == 0xf0 ? 0x90 : 0x80, hi = c == 0xf4 ? 0x8f : 0xbf;

		if (p[1] < lo || p[1] > hi || (p[2] & 0xc0) != 0x80 || (p[3] & 0xc0) != 0x80)
			return 0;
		return 4;
	}
	return 0;
}

void uabi_jw__quote(struct uabi_sbuf *b, const char *s)
{
	/* what is not printable is written as the text \xNN, as in the text
	 * formats: the decoded string is printable too */
	char *safe = uabi_escape__needed(s, true) ? uabi_escape_dup(s, true) : NULL;
	const unsigned char *p = (const unsigned char *)(safe ? safe : s);

	uabi_sbuf__addc(b, '"');
	while (*p) {
		size_t n;

		switch (*p) {
		case '"':  uabi_sbuf__adds(b, "\\\""); p++; continue;
		case '\\': uabi_sbuf__adds(b, "\\\\"); p++; continue;
		case '\b': uabi_sbuf__adds(b, "\\b"); p++; continue;
		case '\f': uabi_sbuf__adds(b, "\\f"); p++; continue;
		case '\n': uabi_sbuf__adds(b, "\\n"); p++; continue;
		case '\r': uabi_sbuf__adds(b, "\\r"); p++; continue;
		case '\t': uabi_sbuf__adds(b, "\\t"); p++; continue;
		}
		if (*p < 0x20) {
			uabi_sbuf__addf(b, "\\u%04x", *p);
			p++;
		} else if (*p < 0x80) {
			uabi_sbuf__addc(b, (char)*p);
			p++;
		} else if ((n = utf8_len(p)) != 0) {
			uabi_sbuf__addn(b, (const char *)p, n);
			p += n;
		} else {
			uabi_sbuf__adds(b, "\\ufffd");
			p++;
		}
	}
	uabi_sbuf__addc(b, '"');
	free(safe);
}

static void emit(struct uabi_sbuf *b, const struct uabi_jnode *n, unsigned depth)
{
	const struct uabi_jnode *c;

	switch (n->type) {
	case J_NULL:
		uabi_sbuf__adds(b, "null");
		return;
	case J_BOOL:
		uabi_sbuf__adds(b, n->b ? "true" : "false");
		return;
	case J_U64:
		uabi_sbuf__addf(b, "%" PRIu64, n->u);
		return;
	case J_I64:
		uabi_sbuf__addf(b, "%" PRId64, (int64_t)n->u);
		return;
	case J_STR:
		uabi_jw__quote(b, n->s);
		return;
	case J_ARR:
	case J_OBJ:
		break;
	}
	uabi_sbuf__addc(b, n->type == J_OBJ ? '{' : '[');
	for (c = n->first; c; c = c->next) {
		uabi_sbuf__addc(b, '\n');
		uabi_sbuf__pad(b, ' ', depth + 1);
		if (n->type == J_OBJ) {
			uabi_jw__quote(b, c->key);
			uabi_sbuf__adds(b, ": ");
		}
		emit(b, c, depth + 1);
		if (c->next)
			uabi_sbuf__addc(b, ',');
	}
	if (n->first) {
		uabi_sbuf__addc(b, '\n');
		uabi_sbuf__pad(b, ' ', depth);
	}
	uabi_sbuf__addc(b, n->type == J_OBJ ? '}' : ']');
}

char *uabi_jw__text(struct uabi_jw *w, struct uabi_diag *d)
{
	struct uabi_sbuf b;

	if (w->err == EEXIST) {
		uabi_diag__input(d, EEXIST, "report: json: key '%s' set twice", w->dup);
		return NULL;
	}
	if (w->err || !w->root) {
		uabi_diag__input(d, ENOMEM, "report: out of memory");
		return NULL;
	}
	uabi_sbuf__init(&b);
	emit(&b, w->root, 0);
	uabi_sbuf__addc(&b, '\n');
	return uabi_sbuf__finish(&b, d);
}
