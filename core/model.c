// SPDX-License-Identifier: MIT
#include "model.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[UABI_KIND__COUNT] = {
	[UABI_KIND_VOID] = "void",
	[UABI_KIND_BASE] = "base",
	[UABI_KIND_STRUCT] = "struct",
	[UABI_KIND_UNION] = "union",
	[UABI_KIND_ENUM] = "enum",
	[UABI_KIND_TYPEDEF] = "typedef",
	[UABI_KIND_POINTER] = "pointer",
	[UABI_KIND_ARRAY] = "array",
	[UABI_KIND_CONST] = "const",
	[UABI_KIND_VOLATILE] = "volatile",
	[UABI_KIND_FUNC] = "function",
};

static const char *const enc_names[] = {
	[UABI_ENC_NONE] = "none",
	[UABI_ENC_SIGNED] = "signed",
	[UABI_ENC_UNSIGNED] = "unsigned",
	[UABI_ENC_SIGNED_CHAR] = "signed_char",
	[UABI_ENC_UNSIGNED_CHAR] = "unsigned_char",
	[UABI_ENC_BOOL] = "bool",
	[UABI_ENC_FLOAT] = "float",
	[UABI_ENC_OTHER] = "other",
};

static const char *const dir_names[] = {
	[UABI_DIR_NONE] = "none",
	[UABI_DIR_WRITE] = "write",
	[UABI_DIR_READ] = "read",
	[UABI_DIR_RW] = "read|write",
};

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static int parse_word(const char *const *names, size_t n, const char *s)
{
	for (size_t i = 0; s && i < n; i++)
		if (names[i] && !strcmp(names[i], s))
			return (int)i;
	return -1;
}

const char *uabi_kind__str(enum uabi_kind k)
{
	return (unsigned)k < UABI_KIND__COUNT ? kind_names[k] : "?";
}

int uabi_kind__parse(const char *s)
{
	return parse_word(kind_names, ARRAY_LEN(kind_names), s);
}

const char *uabi_encoding__str(enum uabi_encoding e)
{
	return (unsigned)e < ARRAY_LEN(enc_names) ? enc_names[e] : "?";
}

int uabi_encoding__parse(const char *s)
{
	return parse_word(enc_names, ARRAY_LEN(enc_names), s);
}

const char *uabi_dir__str(enum uabi_ioctl_dir d)
{
	return (unsigned)d < ARRAY_LEN(dir_names) ? dir_names[d] : "?";
}

int uabi_dir__parse(const char *s)
{
	return parse_word(dir_names, ARRAY_LEN(dir_names), s);
}

struct uabi_layout *uabi_layout__new(void)
{
	struct uabi_layout *l = calloc(1, sizeof(*l));

	if (l)
		uabi_arena__init(&l->arena);
	return l;
}

void uabi_layout__free(struct uabi_layout *l)
{
	if (!l)
		return;
	free(l->types);
	uabi_arena__free(&l->arena);
	free(l);
}

uint32_t uabi_layout__add_type(struct uabi_layout *l, enum uabi_kind kind)
{
	struct uabi_type *t;

	if (l->ntypes == l->types_cap) {
		uint32_t cap = l->types_cap ? l->types_cap * 2 : 256;

		t = realloc(l->types, (size_t)cap * sizeof(*t));
		if (!t)
			return UABI_NO_TYPE;
		l->types = t;
		l->types_cap = cap;
	}
	t = &l->types[l->ntypes];
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	t->ref = UABI_NO_TYPE;
	return l->ntypes++;
}

struct uabi_type *uabi_layout__type(const struct uabi_layout *l, uint32_t idx)
{
	return idx < l->ntypes ? &l->types[idx] : NULL;
}

uint32_t uabi_layout__strip(const struct uabi_layout *l, uint32_t idx)
{
	/* bounded walk: a malformed dump must not loop forever */
	for (uint32_t guard = 0; guard <= l->ntypes; guard++) {
		const struct uabi_type *t = uabi_layout__type(l, idx);

		if (!t)
			return UABI_NO_TYPE;
		if (t->kind != UABI_KIND_TYPEDEF && t->kind != UABI_KIND_CONST &&
		    t->kind != UABI_KIND_VOLATILE)
			return idx;
		idx = t->ref;
	}
	return UABI_NO_TYPE;
}

uint64_t uabi_layout__member_bits(const struct uabi_layout *l, const struct uabi_member *m)
{
	const struct uabi_type *t;

	if (m->bit_size)
		return m->bit_size;
	t = uabi_layout__type(l, m->type);
	return t ? t->size * 8 : 0;
}

/* Alignment computation, depth-limited against cycles in bad input
 * (a struct cannot contain itself; pointers stop the recursion). */
static uint32_t align_of(const struct uabi_layout *l, uint32_t idx, unsigned depth)
{
	struct uabi_type *t = uabi_layout__type(l, idx);
	uint32_t a = 1;

	if (!t || depth > 64)
		return 1;
	if (t->align)
		return t->align;
	switch (t->kind) {
	case UABI_KIND_STRUCT:
	case UABI_KIND_UNION:
		for (uint32_t i = 0; i < t->nmembers; i++) {
			const struct uabi_member *m = &t->members[i];
			uint32_t ma = m->align ? m->align : align_of(l, m->type, depth + 1);

			if (ma > a)
				a = ma;
		}
		break;
	case UABI_KIND_TYPEDEF:
	case UABI_KIND_CONST:
	case UABI_KIND_VOLATILE:
	case UABI_KIND_ARRAY:
	case UABI_KIND_ENUM:
		if (t->ref != UABI_NO_TYPE)
			a = align_of(l, t->ref, depth + 1);
		else if (t->size)
			a = t->size > 8 ? 8 : (uint32_t)t->size;
		break;
	case UABI_KIND_BASE:
	case UABI_KIND_POINTER:
		/* the reader sets these from the measured probe; this is the
		 * fallback for types the probe did not cover */
		a = t->size ? (t->size > 16 ? 16 : (uint32_t)t->size) : 1;
		break;
	default:
		a = 1;
	}
	return a;
}

uint32_t uabi_layout__align(const struct uabi_layout *l, uint32_t idx)
{
	return align_of(l, idx, 0);
}

static int cmp_member_offset(const void *a, const void *b)
{
	const struct uabi_member *x = *(const struct uabi_member *const *)a;
	const struct uabi_member *y = *(const struct uabi_member *const *)b;

	if (x->bit_offset != y->bit_offset)
		return x->bit_offset < y->bit_offset ? -1 : 1;
	return x < y ? -1 : x > y;
}

static bool is_flexible_array(const struct uabi_layout *l, uint32_t idx)
{
	const struct uabi_type *t = uabi_layout__type(l, uabi_layout__strip(l, idx));

	return t && t->kind == UABI_KIND_ARRAY && (t->flexible || t->count == 0);
}

static int finish_aggregate(struct uabi_layout *l, uint32_t idx, struct uabi_diag *d);

/* Finish the aggregates a type's layout depends on before the type itself,
 * so an inferred alignment never depends on the order of the types array.
 * state: 0 new, 1 in progress, 2 done. */
static int finish_deps(struct uabi_layout *l, uint32_t idx, uint8_t *state, unsigned depth,
		       struct uabi_diag *d)
{
	struct uabi_type *t = uabi_layout__type(l, idx);
	int err;

	if (!t || state[idx] || depth > 256)
		return 0;
	state[idx] = 1;
	if (t->kind == UABI_KIND_STRUCT || t->kind == UABI_KIND_UNION) {
		for (uint32_t i = 0; i < t->nmembers; i++) {
			err = finish_deps(l, t->members[i].type, state, depth + 1, d);
			if (err)
				return err;
		}
		err = finish_aggregate(l, idx, d);
		if (err)
			return err;
	} else if (t->kind != UABI_KIND_POINTER && t->ref != UABI_NO_TYPE) {
		/* typedef, const, volatile, array, enum: same alignment as ref;
		 * pointers end the walk (a struct may point to itself) */
		err = finish_deps(l, t->ref, state, depth + 1, d);
		if (err)
			return err;
	}
	state[idx] = 2;
	return 0;
}

static int finish_aggregate(struct uabi_layout *l, uint32_t idx, struct uabi_diag *d)
{
	struct uabi_type *t = &l->types[idx];
	const struct uabi_member **order;
	uint64_t cursor = 0, size_bits = t->size * 8;
	uint32_t natural = 1, nholes = 0;
	int32_t prev = -1;
	bool packed = false;

	t->nholes = 0;
	t->holes = NULL;
	t->hole_bits = 0;
	t->tail_padding_bits = 0;
	t->has_flexible = false;
	if (t->declaration || t->nmembers == 0)
		return 0;

	order = malloc(t->nmembers * sizeof(*order));
	if (!order)
		return uabi_diag__input(d, ENOMEM, "out of memory");
	for (uint32_t i = 0; i < t->nmembers; i++)
		order[i] = &t->members[i];
	qsort(order, t->nmembers, sizeof(*order), cmp_member_offset);

	/* at most one hole before each member */
	t->holes = uabi_arena__alloc(&l->arena, t->nmembers * sizeof(*t->holes));
	if (!t->holes) {
		free(order);
		return uabi_diag__input(d, ENOMEM, "out of memory");
	}

	for (uint32_t i = 0; i < t->nmembers; i++) {
		const struct uabi_member *m = order[i];
		uint64_t bits = uabi_layout__member_bits(l, m);
		uint32_t ta = uabi_layout__align(l, m->type);
		uint32_t ma = m->align > ta ? m->align : ta;

		if (ma > natural)
			natural = ma;
		if (!m->bit_size && ((m->bit_offset % 8) || (m->bit_offset / 8) % ta))
			packed = true;
		if (t->kind == UABI_KIND_STRUCT) {
			if (m->bit_offset > cursor) {
				struct uabi_hole *h = &t->holes[nholes++];

				h->bit_offset = cursor;
				h->bit_size = m->bit_offset - cursor;
				h->after = prev;
				t->hole_bits += h->bit_size;
			}
			if (i == t->nmembers - 1 && is_flexible_array(l, m->type))
				t->has_flexible = true;
		}
		if (m->bit_offset + bits > cursor)
			cursor = m->bit_offset + bits;
		prev = (int32_t)(m - t->members);
	}
	if (t->kind == UABI_KIND_UNION)
		for (uint32_t i = 0; i < t->nmembers; i++)
			if (is_flexible_array(l, t->members[i].type))
				t->has_flexible = true;
	free(order);

	if (cursor > size_bits && size_bits) {
		char name[256];

		return uabi_diag__input(d, EINVAL, "%s: members end at bit %llu beyond the size of %llu bytes",
					uabi_layout__type_name(l, idx, name, sizeof(name)),
					(unsigned long long)cursor, (unsigned long long)t->size);
	}
	t->nholes = nholes;
	t->tail_padding_bits = size_bits > cursor ? size_bits - cursor : 0;
	if (t->measured_align && t->align < natural)
		packed = true;
	if (!t->align)
		t->align = packed ? 1 : natural;
	if (t->size % t->align)
		packed = true;
	t->packed = packed;
	return 0;
}

int uabi_layout__finish(struct uabi_layout *l, struct uabi_diag *d)
{
	int err;

	for (uint32_t i = 0; i < l->ntypes; i++) {
		struct uabi_type *t = &l->types[i];

		if (t->ref != UABI_NO_TYPE && t->ref >= l->ntypes)
			return uabi_diag__input(d, EINVAL, "type %u refers to type %u of %u", i, t->ref,
						l->ntypes);
		for (uint32_t m = 0; m < t->nmembers; m++)
			if (t->members[m].type >= l->ntypes)
				return uabi_diag__input(d, EINVAL, "type %u member %u refers to type %u of %u",
							i, m, t->members[m].type, l->ntypes);
	}
	uint8_t *state = calloc(l->ntypes + 1, 1);

	if (!state)
		return uabi_diag__input(d, ENOMEM, "out of memory");
	for (uint32_t i = 0; i < l->ntypes; i++) {
		err = finish_deps(l, i, state, 0, d);
		if (err) {
			free(state);
			return err;
		}
	}
	free(state);
	for (uint32_t i = 0; i < l->ntypes; i++)
		if (!l->types[i].align && l->types[i].kind != UABI_KIND_VOID &&
		    l->types[i].kind != UABI_KIND_FUNC)
			l->types[i].align = uabi_layout__align(l, i);
	return 0;
}

static void append(char *buf, size_t len, size_t *pos, const char *s)
{
	size_t n = strlen(s);

	if (*pos + 1 >= len)
		return;
	if (n > len - 1 - *pos)
		n = len - 1 - *pos;
	memcpy(buf + *pos, s, n);
	*pos += n;
	buf[*pos] = '\0';
}

static void spell(const struct uabi_layout *l, uint32_t idx, char *buf, size_t len, size_t *pos,
		  unsigned depth)
{
	const struct uabi_type *t = uabi_layout__type(l, idx);
	char tmp[48];

	if (!t) {
		append(buf, len, pos, idx == UABI_NO_TYPE ? "void" : "<bad type>");
		return;
	}
	if (depth > 32) {
		append(buf, len, pos, "...");
		return;
	}
	switch (t->kind) {
	case UABI_KIND_STRUCT:
	case UABI_KIND_UNION:
	case UABI_KIND_ENUM:
		append(buf, len, pos, uabi_kind__str(t->kind));
		append(buf, len, pos, " ");
		append(buf, len, pos, t->name ? t->name : "<anon>");
		break;
	case UABI_KIND_VOID:
		append(buf, len, pos, "void");
		break;
	case UABI_KIND_BASE:
	case UABI_KIND_TYPEDEF:
		append(buf, len, pos, t->name ? t->name : "<anon>");
		break;
	case UABI_KIND_CONST:
	case UABI_KIND_VOLATILE:
		append(buf, len, pos, uabi_kind__str(t->kind));
		append(buf, len, pos, " ");
		spell(l, t->ref, buf, len, pos, depth + 1);
		break;
	case UABI_KIND_POINTER:
		spell(l, t->ref, buf, len, pos, depth + 1);
		append(buf, len, pos, " *");
		break;
	case UABI_KIND_ARRAY: {
		/* C order: the element, then the outer bound first ("int [2][3]") */
		const struct uabi_type *e = t;
		unsigned n = 0;

		while (e && e->kind == UABI_KIND_ARRAY && n < 32) {
			e = uabi_layout__type(l, e->ref);
			n++;
		}
		spell(l, e ? (uint32_t)(e - l->types) : UABI_NO_TYPE, buf, len, pos, depth + 1);
		append(buf, len, pos, " ");
		for (e = t; e && e->kind == UABI_KIND_ARRAY && n--; e = uabi_layout__type(l, e->ref)) {
			if (e->flexible)
				snprintf(tmp, sizeof(tmp), "[]");
			else
				snprintf(tmp, sizeof(tmp), "[%llu]", (unsigned long long)e->count);
			append(buf, len, pos, tmp);
		}
		break;
	}
	case UABI_KIND_FUNC:
		spell(l, t->ref, buf, len, pos, depth + 1);
		append(buf, len, pos, " (...)");
		break;
	default:
		append(buf, len, pos, "?");
	}
}

char *uabi_layout__type_name(const struct uabi_layout *l, uint32_t idx, char *buf, size_t len)
{
	size_t pos = 0;

	if (!len)
		return buf;
	buf[0] = '\0';
	spell(l, idx, buf, len, &pos, 0);
	return buf;
}

const struct uabi_ioctl *uabi_layout__ioctl(const struct uabi_layout *l, const char *name)
{
	uint32_t lo = 0, hi = l->nioctls;

	/* ioctls are sorted by name */
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = strcmp(l->ioctls[mid].name, name);

		if (!c)
			return &l->ioctls[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

uint32_t uabi_layout__find_type(const struct uabi_layout *l, const char *spelling)
{
	char buf[512];

	for (uint32_t i = 0; i < l->ntypes; i++) {
		const struct uabi_type *t = &l->types[i];

		if (!t->name && t->kind != UABI_KIND_POINTER && t->kind != UABI_KIND_ARRAY &&
		    t->kind != UABI_KIND_CONST && t->kind != UABI_KIND_VOLATILE)
			continue;
		if (!strcmp(uabi_layout__type_name(l, i, buf, sizeof(buf)), spelling))
			return i;
	}
	return UABI_NO_TYPE;
}
