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

/* ---- merging the layouts of header groups --------------------------------
 *
 * uabi check --all compiles one ABI's headers in groups (headers that
 * conflict cannot share a translation unit); the groups' layouts become one
 * by merging each into the first. Types are shared, not duplicated:
 *  - a named struct, union, enum or typedef is the type of dst with the same
 *    kind, name, file, line and size (and number of members or enumerators,
 *    and declaredness: a cheap guard against one header compiled under other
 *    macros): one definition in the headers, read by two compiles;
 *  - a base type by kind, name, size and encoding; void by kind;
 *  - a pointer, const, volatile, array or function type by kind, size and
 *    its target once mapped (and count and flexible for arrays);
 *  - an anonymous struct, union or enum is copied, unless it sits where an
 *    anonymous type of dst sits inside a named type found in both (member k,
 *    typedef target, through the same pointer or array chain) and reads the
 *    same (size, file:line, member names, offsets and bit sizes,
 *    enumerators): the same definition again.
 * Only the types dst had before the merge are candidates: src's own
 * duplicates stay apart, so a merge into an empty layout copies src as is.
 *
 * Passes, no recursion through members, so a struct that points to itself
 * needs nothing special: named, base and anonymous types are decided first
 * (their identity does not depend on other types), then each chain of
 * pointer/array/const/volatile/function types from its end, then the new
 * types get dst indices in src order, then they are filled (targets and
 * member types mapped, strings copied into dst's arena).
 *
 * Computed fields (holes, padding, packed, flexible, inferred alignment) are
 * copied with the type: they depend only on the type and its targets, which
 * map to types with the same size and alignment. uabi_layout__finish() is
 * idempotent and may run on the result; it must if src was not finished.
 */

#define MAP_UNSET UABI_NO_TYPE
#define MAP_NEW (UABI_NO_TYPE - 1)
#define MAP_CHAIN (UABI_NO_TYPE - 2)	/* being resolved: seen again = a cycle */

struct type_key {
	const char *name, *file;
	uint64_t size, count;
	uint32_t kind, line, ref, nmembers, nenumerators, encoding;
	bool declaration, flexible;
};

struct merge {
	struct uabi_layout *dst;
	const struct uabi_layout *src;
	struct uabi_diag *d;
	uint32_t base;		/* dst->ntypes before the merge */
	uint32_t *map;		/* src type index -> dst index, or MAP_* */
	uint32_t *slots;	/* open addressing over dst types [0, base); UABI_NO_TYPE: empty */
	size_t mask;
	const char **strs;	/* strings copied into dst's arena, by content; NULL: empty */
	size_t smask, nstrs;
};

struct merge_conflict {
	uint32_t kept;		/* index into the merged ioctls */
	const struct uabi_ioctl *dropped;
};

#define FNV_BASIS 0xcbf29ce484222325ull

static bool streq(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static uint64_t hash_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *c = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ c[i]) * 0x100000001b3ull;
	return h;
}

static uint64_t hash_str(uint64_t h, const char *s)
{
	/* with the NUL, so that NULL (0xff) and "" differ */
	return s ? hash_bytes(h, s, strlen(s) + 1) : hash_bytes(h, "\xff", 1);
}

static uint64_t hash_u64(uint64_t h, uint64_t v)
{
	return hash_bytes(h, &v, sizeof(v));
}

static bool is_derived(enum uabi_kind k)
{
	return k == UABI_KIND_POINTER || k == UABI_KIND_ARRAY || k == UABI_KIND_CONST ||
	       k == UABI_KIND_VOLATILE || k == UABI_KIND_FUNC;
}

/* What makes t the same type as another, ref being t's target in dst's
 * numbering (derived types only); false for anonymous aggregates and enums. */
static bool type_key(const struct uabi_type *t, uint32_t ref, struct type_key *k)
{
	memset(k, 0, sizeof(*k));
	k->kind = t->kind;
	switch (t->kind) {
	case UABI_KIND_VOID:
		return true;
	case UABI_KIND_BASE:
		k->name = t->name;
		k->size = t->size;
		k->encoding = t->encoding;
		return true;
	case UABI_KIND_STRUCT:
	case UABI_KIND_UNION:
	case UABI_KIND_ENUM:
	case UABI_KIND_TYPEDEF:
		if (!t->name)
			return false;
		k->name = t->name;
		k->file = t->decl_file;
		k->line = t->decl_line;
		k->size = t->size;
		k->declaration = t->declaration;
		k->nmembers = t->nmembers;
		k->nenumerators = t->nenumerators;
		return true;
	default:
		k->ref = ref;
		k->size = t->size;
		k->count = t->count;
		k->flexible = t->flexible;
		return true;
	}
}

static uint64_t key_hash(const struct type_key *k)
{
	uint64_t h = FNV_BASIS;

	h = hash_str(h, k->name);
	h = hash_str(h, k->file);
	h = hash_u64(h, k->size);
	h = hash_u64(h, k->count);
	h = hash_u64(h, ((uint64_t)k->kind << 32) | k->line);
	h = hash_u64(h, ((uint64_t)k->ref << 32) | k->encoding);
	h = hash_u64(h, ((uint64_t)k->nmembers << 32) | k->nenumerators);
	return hash_u64(h, (uint64_t)k->declaration | (uint64_t)k->flexible << 1);
}

static bool key_eq(const struct type_key *a, const struct type_key *b)
{
	return a->kind == b->kind && a->size == b->size && a->count == b->count &&
	       a->line == b->line && a->ref == b->ref && a->encoding == b->encoding &&
	       a->nmembers == b->nmembers && a->nenumerators == b->nenumerators &&
	       a->declaration == b->declaration && a->flexible == b->flexible &&
	       streq(a->name, b->name) && streq(a->file, b->file);
}

static bool dst_key(const struct merge *m, uint32_t j, struct type_key *k)
{
	const struct uabi_type *t = &m->dst->types[j];

	return type_key(t, t->ref, k);
}

/* Index dst's types by key; of dst's own duplicates the first answers. */
static int index_dst(struct merge *m)
{
	size_t cap = 16;

	while (cap < 2 * (size_t)m->base)
		cap *= 2;
	m->slots = malloc(cap * sizeof(*m->slots));
	if (!m->slots)
		return uabi_diag__input(m->d, ENOMEM, "out of memory");
	memset(m->slots, 0xff, cap * sizeof(*m->slots));
	m->mask = cap - 1;
	for (uint32_t i = 0; i < m->base; i++) {
		struct type_key k, o;

		if (!dst_key(m, i, &k))
			continue;
		for (size_t s = key_hash(&k) & m->mask;; s = (s + 1) & m->mask) {
			if (m->slots[s] == UABI_NO_TYPE) {
				m->slots[s] = i;
				break;
			}
			dst_key(m, m->slots[s], &o);
			if (key_eq(&k, &o))
				break;
		}
	}
	return 0;
}

static uint32_t find_dst(const struct merge *m, const struct type_key *k)
{
	struct type_key o;

	for (size_t s = key_hash(k) & m->mask;; s = (s + 1) & m->mask) {
		uint32_t j = m->slots[s];

		if (j == UABI_NO_TYPE)
			return UABI_NO_TYPE;
		dst_key(m, j, &o);
		if (key_eq(k, &o))
			return j;
	}
}

/* dst's copy of s (NULL stays NULL), one per distinct string and merge. */
static int intern(struct merge *m, const char **out, const char *s)
{
	size_t i;
	char *c;

	*out = NULL;
	if (!s)
		return 0;
	if (!m->strs || 2 * (m->nstrs + 1) > m->smask + 1) {
		size_t cap = m->strs ? 2 * (m->smask + 1) : 256;
		const char **t = calloc(cap, sizeof(*t));

		if (!t)
			return uabi_diag__input(m->d, ENOMEM, "out of memory");
		for (size_t k = 0; m->strs && k <= m->smask; k++) {
			if (!m->strs[k])
				continue;
			for (i = hash_str(FNV_BASIS, m->strs[k]) & (cap - 1); t[i]; i = (i + 1) & (cap - 1))
				;
			t[i] = m->strs[k];
		}
		free(m->strs);
		m->strs = t;
		m->smask = cap - 1;
	}
	for (i = hash_str(FNV_BASIS, s) & m->smask; m->strs[i]; i = (i + 1) & m->smask)
		if (!strcmp(m->strs[i], s)) {
			*out = m->strs[i];
			return 0;
		}
	c = uabi_arena__strdup(&m->dst->arena, s);
	if (!c)
		return uabi_diag__input(m->d, ENOMEM, "out of memory");
	m->strs[i] = c;
	m->nstrs++;
	*out = c;
	return 0;
}

static uint32_t remap(const struct merge *m, uint32_t idx)
{
	return idx == UABI_NO_TYPE ? idx : m->map[idx];
}

/* Whether two anonymous aggregates or enums read the same. */
static bool same_shape(const struct uabi_type *a, const struct uabi_type *b)
{
	if (a->kind != b->kind || a->name || b->name || a->size != b->size ||
	    a->declaration != b->declaration || a->decl_line != b->decl_line ||
	    !streq(a->decl_file, b->decl_file) || a->nmembers != b->nmembers ||
	    a->nenumerators != b->nenumerators)
		return false;
	for (uint32_t i = 0; i < a->nmembers; i++) {
		const struct uabi_member *x = &a->members[i], *y = &b->members[i];

		if (!streq(x->name, y->name) || x->bit_offset != y->bit_offset ||
		    x->bit_size != y->bit_size || x->align != y->align)
			return false;
	}
	for (uint32_t i = 0; i < a->nenumerators; i++) {
		const struct uabi_enumerator *x = &a->enumerators[i], *y = &b->enumerators[i];

		if (!streq(x->name, y->name) || x->value != y->value || x->is_unsigned != y->is_unsigned)
			return false;
	}
	return true;
}

static void pair(struct merge *m, uint32_t s, uint32_t t, unsigned depth);

/* a (src) and b (dst) are one definition: pair what they contain. */
static void pair_inner(struct merge *m, const struct uabi_type *a, const struct uabi_type *b,
		       unsigned depth)
{
	if (a->nmembers == b->nmembers)
		for (uint32_t i = 0; i < a->nmembers; i++)
			pair(m, a->members[i].type, b->members[i].type, depth);
	if (a->kind == UABI_KIND_TYPEDEF)
		pair(m, a->ref, b->ref, depth);
}

/* src type s sits where dst type t sits in one definition: map s to t if it
 * is an anonymous aggregate or enum that reads the same (through pointer and
 * array chains). Depth-limited against bad input: a miss only costs a copy. */
static void pair(struct merge *m, uint32_t s, uint32_t t, unsigned depth)
{
	const struct uabi_type *a = uabi_layout__type(m->src, s);
	const struct uabi_type *b = t < m->base ? &m->dst->types[t] : NULL;

	if (!a || !b || depth > 64 || a->kind != b->kind)
		return;
	if (is_derived(a->kind)) {
		if (a->count == b->count && a->flexible == b->flexible)
			pair(m, a->ref, b->ref, depth + 1);
		return;
	}
	if ((a->kind != UABI_KIND_STRUCT && a->kind != UABI_KIND_UNION &&
	     a->kind != UABI_KIND_ENUM) || m->map[s] != MAP_UNSET || !same_shape(a, b))
		return;
	m->map[s] = t;
	pair_inner(m, a, b, depth + 1);
}

static bool bad_ref(const struct uabi_layout *l, uint32_t idx)
{
	return idx != UABI_NO_TYPE && idx >= l->ntypes;
}

/* src's references are in range, its kinds known, its names present. */
static int check_src(const struct uabi_layout *src, struct uabi_diag *d)
{
	for (uint32_t i = 0; i < src->ntypes; i++) {
		const struct uabi_type *t = &src->types[i];

		if ((unsigned)t->kind >= UABI_KIND__COUNT)
			return uabi_diag__input(d, EINVAL, "merge: type %u: bad kind %d", i, (int)t->kind);
		if (bad_ref(src, t->ref))
			return uabi_diag__input(d, EINVAL, "merge: type %u refers to type %u of %u", i,
						t->ref, src->ntypes);
		for (uint32_t k = 0; k < t->nmembers; k++)
			if (t->members[k].type >= src->ntypes)
				return uabi_diag__input(d, EINVAL, "merge: type %u member %u refers to type %u of %u",
							i, k, t->members[k].type, src->ntypes);
	}
	for (uint32_t i = 0; i < src->nioctls; i++)
		if (!src->ioctls[i].name || bad_ref(src, src->ioctls[i].type))
			return uabi_diag__input(d, EINVAL, "merge: ioctls[%u]: no name or bad type %u", i,
						src->ioctls[i].type);
	for (uint32_t i = 0; i < src->nroots; i++)
		if (!src->roots[i].name || bad_ref(src, src->roots[i].type))
			return uabi_diag__input(d, EINVAL, "merge: roots[%u]: no name or bad type %u", i,
						src->roots[i].type);
	return 0;
}

/* Decide every src type: an index of dst's, or MAP_NEW. Changes nothing in dst. */
static int map_types(struct merge *m)
{
	const struct uabi_layout *src = m->src;
	uint32_t *stack;
	int err = 0;

	/* named, base and void types by key; anonymous ones inside shared named ones */
	for (uint32_t i = 0; i < src->ntypes; i++) {
		const struct uabi_type *t = &src->types[i];
		struct type_key k;
		uint32_t j;

		if (is_derived(t->kind) || !type_key(t, UABI_NO_TYPE, &k))
			continue;
		j = find_dst(m, &k);
		m->map[i] = j == UABI_NO_TYPE ? MAP_NEW : j;
		if (j != UABI_NO_TYPE)
			pair_inner(m, t, &m->dst->types[j], 0);
	}
	for (uint32_t i = 0; i < src->ntypes; i++)
		if (!is_derived(src->types[i].kind) && m->map[i] == MAP_UNSET)
			m->map[i] = MAP_NEW;

	/* derived types: walk each chain to its end, then decide back from it */
	stack = malloc(((size_t)src->ntypes + 1) * sizeof(*stack));
	if (!stack)
		return uabi_diag__input(m->d, ENOMEM, "out of memory");
	for (uint32_t i = 0; !err && i < src->ntypes; i++) {
		uint32_t n = 0, j = i;

		while (j != UABI_NO_TYPE && m->map[j] == MAP_UNSET) {
			m->map[j] = MAP_CHAIN;
			stack[n++] = j;
			j = src->types[j].ref;
		}
		if (j != UABI_NO_TYPE && m->map[j] == MAP_CHAIN) {
			err = uabi_diag__input(m->d, EINVAL, "merge: type %u: a cycle of pointer, array, const,"
					       " volatile or function types", j);
			break;
		}
		while (n) {
			const struct uabi_type *t = &src->types[stack[--n]];
			uint32_t r = remap(m, t->ref), found = UABI_NO_TYPE;
			struct type_key k;

			/* a new target has no pointer to it in dst yet */
			if (r != MAP_NEW) {
				type_key(t, r, &k);
				found = find_dst(m, &k);
			}
			m->map[stack[n]] = found == UABI_NO_TYPE ? MAP_NEW : found;
		}
	}
	free(stack);
	return err;
}

static int copy_type(struct merge *m, struct uabi_type *nt, const struct uabi_type *st)
{
	struct uabi_arena *a = &m->dst->arena;
	int err;

	*nt = *st;
	nt->ref = remap(m, st->ref);
	if ((err = intern(m, &nt->name, st->name)) || (err = intern(m, &nt->decl_file, st->decl_file)))
		return err;
	if (st->members) {
		nt->members = uabi_arena__alloc(a, ((size_t)st->nmembers + 1) * sizeof(*nt->members));
		if (!nt->members)
			return uabi_diag__input(m->d, ENOMEM, "out of memory");
		for (uint32_t i = 0; i < st->nmembers; i++) {
			struct uabi_member *nm = &nt->members[i];

			*nm = st->members[i];
			nm->type = remap(m, nm->type);
			if ((err = intern(m, &nm->name, st->members[i].name)) ||
			    (err = intern(m, &nm->decl_file, st->members[i].decl_file)))
				return err;
		}
	}
	if (st->enumerators) {
		nt->enumerators = uabi_arena__alloc(a, ((size_t)st->nenumerators + 1) *
						    sizeof(*nt->enumerators));
		if (!nt->enumerators)
			return uabi_diag__input(m->d, ENOMEM, "out of memory");
		for (uint32_t i = 0; i < st->nenumerators; i++) {
			nt->enumerators[i] = st->enumerators[i];
			if ((err = intern(m, &nt->enumerators[i].name, st->enumerators[i].name)))
				return err;
		}
	}
	if (st->holes) {
		nt->holes = uabi_arena__alloc(a, ((size_t)st->nholes + 1) * sizeof(*nt->holes));
		if (!nt->holes)
			return uabi_diag__input(m->d, ENOMEM, "out of memory");
		memcpy(nt->holes, st->holes, st->nholes * sizeof(*nt->holes));
	}
	return 0;
}

static int copy_ioctl(struct merge *m, struct uabi_ioctl *o, const struct uabi_ioctl *io)
{
	int err;

	*o = *io;
	o->type = remap(m, io->type);
	if ((err = intern(m, &o->name, io->name)) || (err = intern(m, &o->macro, io->macro)) ||
	    (err = intern(m, &o->arg_type, io->arg_type)) || (err = intern(m, &o->reason, io->reason)))
		return err;
	if ((err = intern(m, &o->supplier, io->supplier)))
		return err;
	return intern(m, &o->decl_file, io->decl_file);
}

static int copy_root(struct merge *m, struct uabi_root *o, const struct uabi_root *r)
{
	int err;

	*o = *r;
	o->type = remap(m, r->type);
	if ((err = intern(m, &o->name, r->name)))
		return err;
	return intern(m, &o->reason, r->reason);
}

static int cmp_ioctl_at(const void *a, const void *b)
{
	const struct uabi_ioctl *x = *(const struct uabi_ioctl *const *)a;
	const struct uabi_ioctl *y = *(const struct uabi_ioctl *const *)b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x > y) - (x < y);
}

static const struct uabi_ioctl **sorted_ioctls(const struct uabi_layout *l)
{
	const struct uabi_ioctl **v = malloc(((size_t)l->nioctls + 1) * sizeof(*v));

	if (!v)
		return NULL;
	for (uint32_t i = 0; i < l->nioctls; i++)
		v[i] = &l->ioctls[i];
	qsort(v, l->nioctls, sizeof(*v), cmp_ioctl_at);
	return v;
}

/* Both ioctl lists, by name. A name in both: the same definition (file:line)
 * keeps dst's, or src's if only src's is applicable (as roots); two
 * definitions keep dst's and go to *conf. */
static int merge_ioctls(struct merge *m, struct merge_conflict **conf, uint32_t *nconf)
{
	struct uabi_layout *dst = m->dst;
	const struct uabi_ioctl **dv = sorted_ioctls(dst), **sv = sorted_ioctls(m->src);
	uint32_t dn = dst->nioctls, sn = m->src->nioctls, i = 0, j = 0, n = 0;
	struct uabi_ioctl *out = uabi_arena__alloc(&dst->arena, ((size_t)dn + sn + 1) * sizeof(*out));
	int err = 0;

	*nconf = 0;
	*conf = malloc(((size_t)dn + sn + 1) * sizeof(**conf));
	if (!dv || !sv || !out || !*conf) {
		err = uabi_diag__input(m->d, ENOMEM, "out of memory");
		goto out;
	}
	while (!err && (i < dn || j < sn)) {
		bool from_src = i == dn || (j < sn && strcmp(sv[j]->name, dv[i]->name) < 0);
		const struct uabi_ioctl *io = from_src ? sv[j++] : dv[i++];
		struct uabi_ioctl *last = n ? &out[n - 1] : NULL;

		if (last && !strcmp(last->name, io->name)) {
			if (last->decl_line != io->decl_line || !streq(last->decl_file, io->decl_file))
				(*conf)[(*nconf)++] = (struct merge_conflict){ n - 1, io };
			else if (from_src && !last->applicable && io->applicable)
				err = copy_ioctl(m, last, io);
		} else if (from_src) {
			err = copy_ioctl(m, &out[n++], io);
		} else {
			out[n++] = *io;
		}
	}
	if (!err) {
		dst->ioctls = out;
		dst->nioctls = n;
	}
out:
	free(dv);
	free(sv);
	return err;
}

/* Roots by name: src's where dst has none or only src's is applicable. */
static int merge_roots(struct merge *m)
{
	struct uabi_layout *dst = m->dst;
	const struct uabi_layout *src = m->src;
	struct uabi_root *out = uabi_arena__alloc(&dst->arena, ((size_t)dst->nroots + src->nroots + 1) *
						  sizeof(*out));
	uint32_t n = dst->nroots;
	int err = 0;

	if (!out)
		return uabi_diag__input(m->d, ENOMEM, "out of memory");
	if (n)
		memcpy(out, dst->roots, n * sizeof(*out));
	for (uint32_t i = 0; !err && i < src->nroots; i++) {
		const struct uabi_root *r = &src->roots[i];
		uint32_t k = 0;

		while (k < n && !streq(out[k].name, r->name))
			k++;
		if (k == n)
			err = copy_root(m, &out[n++], r);
		else if (!out[k].applicable && r->applicable)
			err = copy_root(m, &out[k], r);
	}
	if (!err) {
		dst->roots = out;
		dst->nroots = n;
	}
	return err;
}

struct pos_str {
	const char *s, *reason;
	uint32_t pos;		/* dst's entries first */
};

static int cmp_pos_str(const void *a, const void *b)
{
	const struct pos_str *x = a, *y = b;
	int c = strcmp(x->s, y->s);

	return c ? c : (x->pos > y->pos) - (x->pos < y->pos);
}

static bool in_strv(const char *const *v, uint32_t n, const char *s)
{
	for (uint32_t i = 0; i < n; i++)
		if (streq(v[i], s))
			return true;
	return false;
}

/* headers: dst's order, then src's new ones; files: sorted union; skipped:
 * sorted union by header, dst's reason first, without the headers judged. */
static int merge_input(struct merge *m)
{
	struct uabi_input_facts *di = &m->dst->input;
	const struct uabi_input_facts *si = &m->src->input;
	struct uabi_arena *a = &m->dst->arena;
	uint32_t dn, n, total = di->nfiles + si->nfiles + di->nskipped + si->nskipped;
	struct pos_str *tmp = malloc(((size_t)total + 1) * sizeof(*tmp));
	const char **headers = uabi_arena__alloc(a, ((size_t)di->nheaders + si->nheaders + 1) *
						 sizeof(*headers));
	const char **files = uabi_arena__alloc(a, ((size_t)di->nfiles + si->nfiles + 1) * sizeof(*files));
	struct uabi_skipped_header *sk = uabi_arena__alloc(a, ((size_t)di->nskipped + si->nskipped + 1) *
							   sizeof(*sk));
	int err = 0;

	if (!tmp || !headers || !files || !sk) {
		err = uabi_diag__input(m->d, ENOMEM, "out of memory");
		goto out;
	}
	if ((err = intern(m, &di->kind, di->kind ? di->kind : si->kind)) ||
	    (err = intern(m, &di->root, di->root ? di->root : si->root)) ||
	    (err = intern(m, &di->kernel_version, di->kernel_version ? di->kernel_version :
						   si->kernel_version)))
		goto out;

	n = di->nheaders;
	if (n)
		memcpy(headers, di->headers, n * sizeof(*headers));
	for (uint32_t i = 0; !err && i < si->nheaders; i++)
		if (si->headers[i] && !in_strv(headers, n, si->headers[i]))
			err = intern(m, &headers[n++], si->headers[i]);
	if (err)
		goto out;
	di->headers = headers;
	di->nheaders = n;

	dn = 0;
	for (uint32_t i = 0; i < di->nfiles; i++)
		if (di->files[i])
			tmp[dn++] = (struct pos_str){ di->files[i], NULL, i };
	for (uint32_t i = 0; i < si->nfiles; i++)
		if (si->files[i])
			tmp[dn++] = (struct pos_str){ si->files[i], NULL, di->nfiles + i };
	qsort(tmp, dn, sizeof(*tmp), cmp_pos_str);
	n = 0;
	for (uint32_t i = 0; !err && i < dn; i++) {
		if (n && !strcmp(files[n - 1], tmp[i].s))
			continue;
		if (tmp[i].pos < di->nfiles)
			files[n++] = tmp[i].s;
		else
			err = intern(m, &files[n++], tmp[i].s);
	}
	if (err)
		goto out;
	di->files = files;
	di->nfiles = n;

	dn = 0;
	for (uint32_t i = 0; i < di->nskipped; i++)
		if (di->skipped[i].header && !in_strv(di->headers, di->nheaders, di->skipped[i].header))
			tmp[dn++] = (struct pos_str){ di->skipped[i].header, di->skipped[i].reason, i };
	for (uint32_t i = 0; i < si->nskipped; i++)
		if (si->skipped[i].header && !in_strv(di->headers, di->nheaders, si->skipped[i].header))
			tmp[dn++] = (struct pos_str){ si->skipped[i].header, si->skipped[i].reason,
						      di->nskipped + i };
	qsort(tmp, dn, sizeof(*tmp), cmp_pos_str);
	n = 0;
	for (uint32_t i = 0; !err && i < dn; i++) {
		if (n && !strcmp(sk[n - 1].header, tmp[i].s))
			continue;
		if (tmp[i].pos < di->nskipped) {
			sk[n].header = tmp[i].s;
			sk[n++].reason = tmp[i].reason;
		} else if (!(err = intern(m, &sk[n].header, tmp[i].s))) {
			err = intern(m, &sk[n++].reason, tmp[i].reason);
		}
	}
	if (err)
		goto out;
	di->skipped = sk;
	di->nskipped = n;
out:
	free(tmp);
	return err;
}

/* An empty dst takes src's profile. */
static int merge_profile(struct merge *m)
{
	struct uabi_profile_facts *dp = &m->dst->profile;
	const struct uabi_profile_facts *sp = &m->src->profile;
	int err;

	if (dp->name || !sp->name)
		return 0;
	*dp = *sp;
	if ((err = intern(m, &dp->name, sp->name)) || (err = intern(m, &dp->arch, sp->arch)) ||
	    (err = intern(m, &dp->model, sp->model)) || (err = intern(m, &dp->endian, sp->endian)) ||
	    (err = intern(m, &dp->producer, sp->producer)))
		return err;
	if (sp->cc) {
		dp->cc = uabi_arena__alloc(&m->dst->arena, ((size_t)sp->ncc + 1) * sizeof(*dp->cc));
		if (!dp->cc)
			return uabi_diag__input(m->d, ENOMEM, "out of memory");
		for (uint32_t i = 0; i < sp->ncc; i++)
			if ((err = intern(m, &dp->cc[i], sp->cc[i])))
				return err;
	}
	return 0;
}

int uabi_layout__merge(struct uabi_layout *dst, const struct uabi_layout *src,
		       uabi_merge_conflict_fn conflict, void *ctx, struct uabi_diag *d)
{
	struct merge m = { .dst = dst, .src = src, .d = d, .base = dst->ntypes };
	struct merge_conflict *conf = NULL;
	uint32_t nconf = 0;
	int err;

	if (dst->profile.name && src->profile.name && strcmp(dst->profile.name, src->profile.name))
		return uabi_diag__input(d, EINVAL, "merge: a layout of %s into one of %s",
					src->profile.name, dst->profile.name);
	err = check_src(src, d);
	if (err)
		return err;
	m.map = malloc(((size_t)src->ntypes + 1) * sizeof(*m.map));
	if (!m.map) {
		err = uabi_diag__input(d, ENOMEM, "out of memory");
		goto out;
	}
	memset(m.map, 0xff, ((size_t)src->ntypes + 1) * sizeof(*m.map));
	if ((err = index_dst(&m)) || (err = map_types(&m)))
		goto out;

	/* from here on dst changes */
	for (uint32_t i = 0; i < src->ntypes; i++) {
		if (m.map[i] != MAP_NEW)
			continue;
		m.map[i] = uabi_layout__add_type(dst, src->types[i].kind);
		if (m.map[i] == UABI_NO_TYPE) {
			err = uabi_diag__input(d, ENOMEM, "out of memory");
			goto out;
		}
	}
	for (uint32_t i = 0; i < src->ntypes && !err; i++)
		if (m.map[i] >= m.base)
			err = copy_type(&m, &dst->types[m.map[i]], &src->types[i]);
	if (err || (err = merge_profile(&m)) || (err = merge_input(&m)) ||
	    (err = merge_roots(&m)) || (err = merge_ioctls(&m, &conf, &nconf)))
		goto out;
	for (uint32_t i = 0; conflict && i < nconf; i++)
		conflict(ctx, &dst->ioctls[conf[i].kept], conf[i].dropped);
	err = (int)nconf;
out:
	free(conf);
	free(m.map);
	free(m.slots);
	free(m.strs);
	return err;
}

/*
 * Canonical type order (uabi_layout__reorder): what extractor/dwarf.c
 * gives one translation unit, depth-first pre-order from the probe's roots
 * sorted by name ("__uabi_arg_NAME" in ioctl name order, then
 * "__uabi_root_N" in the order of the decimal strings), a struct's members
 * in order, every other kind through ref. Iterative: a frame per type on
 * the path, its next child.
 */
struct reorder_frame {
	uint32_t t, next;
};

/* The next child of f's type not yet numbered, or UABI_NO_TYPE. */
static uint32_t reorder_child(const struct uabi_layout *l, struct reorder_frame *f,
			      const uint32_t *num)
{
	const struct uabi_type *t = &l->types[f->t];

	for (;;) {
		uint32_t c;

		if (t->kind == UABI_KIND_STRUCT || t->kind == UABI_KIND_UNION) {
			if (f->next >= t->nmembers)
				return UABI_NO_TYPE;
			c = t->members[f->next++].type;
		} else {
			if (f->next++ || t->ref == UABI_NO_TYPE)
				return UABI_NO_TYPE;
			c = t->ref;
		}
		if (c < l->ntypes && num[c] == UABI_NO_TYPE)
			return c;
	}
}

static int cmp_root_name(const void *a, const void *b)
{
	char x[32], y[32];

	snprintf(x, sizeof(x), "%u", *(const uint32_t *)a);
	snprintf(y, sizeof(y), "%u", *(const uint32_t *)b);
	return strcmp(x, y);
}

int uabi_layout__reorder(struct uabi_layout *l, struct uabi_diag *d)
{
	uint32_t *num = malloc(((size_t)l->ntypes + 1) * sizeof(*num));
	uint32_t *order = malloc(((size_t)l->nroots + 1) * sizeof(*order));
	struct reorder_frame *stack = malloc(((size_t)l->ntypes + 1) * sizeof(*stack));
	struct uabi_type *types = malloc(((size_t)l->ntypes + 1) * sizeof(*types));
	uint32_t n = 0, nstarts = l->nioctls + l->nroots;

	if (!num || !order || !stack || !types) {
		free(num);
		free(order);
		free(stack);
		free(types);
		return uabi_diag__input(d, ENOMEM, "out of memory");
	}
	memset(num, 0xff, ((size_t)l->ntypes + 1) * sizeof(*num));
	for (uint32_t i = 0; i < l->nroots; i++)
		order[i] = i;
	qsort(order, l->nroots, sizeof(*order), cmp_root_name);
	for (uint32_t s = 0; s < nstarts; s++) {
		uint32_t t = s < l->nioctls ? l->ioctls[s].type : l->roots[order[s - l->nioctls]].type;
		uint32_t depth = 0;

		if (t >= l->ntypes || num[t] != UABI_NO_TYPE)
			continue;
		num[t] = n++;
		stack[depth++] = (struct reorder_frame){ t, 0 };
		while (depth) {
			uint32_t c = reorder_child(l, &stack[depth - 1], num);

			if (c == UABI_NO_TYPE) {
				depth--;
				continue;
			}
			num[c] = n++;
			stack[depth++] = (struct reorder_frame){ c, 0 };
		}
	}
	/* types[num[i]] = types[i], references renumbered; the unreached go */
	for (uint32_t i = 0; i < l->ntypes; i++) {
		struct uabi_type *t = &l->types[i];

		if (num[i] == UABI_NO_TYPE)
			continue;
		if (t->ref != UABI_NO_TYPE)
			t->ref = t->ref < l->ntypes ? num[t->ref] : UABI_NO_TYPE;
		for (uint32_t m = 0; m < t->nmembers; m++)
			t->members[m].type = t->members[m].type < l->ntypes ?
					     num[t->members[m].type] : UABI_NO_TYPE;
		types[num[i]] = *t;
	}
	for (uint32_t i = 0; i < l->nioctls; i++)
		if (l->ioctls[i].type != UABI_NO_TYPE)
			l->ioctls[i].type = l->ioctls[i].type < l->ntypes ? num[l->ioctls[i].type] :
					    UABI_NO_TYPE;
	for (uint32_t i = 0; i < l->nroots; i++)
		if (l->roots[i].type != UABI_NO_TYPE)
			l->roots[i].type = l->roots[i].type < l->ntypes ? num[l->roots[i].type] :
					   UABI_NO_TYPE;
	free(l->types);
	l->types = types;
	l->types_cap = l->ntypes + 1;	/* what types holds */
	l->ntypes = n;
	free(num);
	free(order);
	free(stack);
	return 0;
}
