// SPDX-License-Identifier: MIT
/*
 * Lints of ioctl argument types and roots (see lint.h). Two passes over
 * the profiles: the first records every integer leaf of each (for
 * lint-long, which compares a leaf across profiles), the second reports.
 * Per profile, every named struct/union reachable from an applicable
 * ioctl's argument type or root is linted once; its anonymous members are
 * walked inside it (paths "u.x", "a[0].b"), named member types are linted
 * as types of their own. Pointers are not followed. Findings carry no
 * ioctl: a type shared by several ioctls is one finding, and merging across
 * profiles does not depend on which ioctls apply where.
 */
#include "lint.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 64
#define PATH_LEN 512

/* A set of strings (dedup keys), open addressing over an arena. */
struct strset {
	struct uabi_arena arena;
	const char **slot;
	uint32_t cap, n;
};

/* The integer leaves of one profile: "type\x1fpath" -> size and whether
 * the compiler calls the leaf's base type a long. */
struct leaf {
	const char *key;
	uint32_t size;
	bool is_long;
};

struct leafmap {
	struct uabi_arena arena;
	struct leaf *slot;
	uint32_t cap, n;
};

struct lint {
	const struct uabi_layout *const *ls;
	uint32_t nls;
	const char *const *only;
	uint32_t nonly;
	const char **sorted;	/* only's entries but NULL, sorted (in_only) */
	uint32_t nsorted;
	struct uabi_dlist *out;
	struct uabi_diag *d;

	/* the profile being linted */
	const struct uabi_layout *l;
	uint32_t order;
	struct strset seen;	/* "T\x1ftype" and "rule\x1ftype\x1fmember" */
	/* first pass: record the integer leaves of l into leaves[order]
	 * instead of reporting */
	bool collect;
	struct leafmap *leaves;	/* one per profile */
};

/* The named type findings are reported under, and where it stands. */
struct scope {
	const char *name;	/* "struct kvm_foo" */
	bool report;		/* in `only` (or no `only`) */
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static void strset_init(struct strset *s)
{
	memset(s, 0, sizeof(*s));
	uabi_arena__init(&s->arena);
}

static void strset_free(struct strset *s)
{
	free(s->slot);
	uabi_arena__free(&s->arena);
	memset(s, 0, sizeof(*s));
}

static int strset_grow(struct strset *s)
{
	uint32_t cap = s->cap ? s->cap * 2 : 256;
	const char **slot = calloc(cap, sizeof(*slot));

	if (!slot)
		return -ENOMEM;
	for (uint32_t i = 0; i < s->cap; i++) {
		uint32_t j;

		if (!s->slot[i])
			continue;
		for (j = hash_str(s->slot[i]) & (cap - 1); slot[j]; j = (j + 1) & (cap - 1))
			;
		slot[j] = s->slot[i];
	}
	free(s->slot);
	s->slot = slot;
	s->cap = cap;
	return 0;
}

/* 1 if key was added, 0 if it was there, -ENOMEM. */
static int strset_add(struct strset *s, const char *key)
{
	uint32_t j;

	if ((s->n + 1) * 2 > s->cap && strset_grow(s))
		return -ENOMEM;
	for (j = hash_str(key) & (s->cap - 1); s->slot[j]; j = (j + 1) & (s->cap - 1))
		if (!strcmp(s->slot[j], key))
			return 0;
	s->slot[j] = uabi_arena__strdup(&s->arena, key);
	if (!s->slot[j])
		return -ENOMEM;
	s->n++;
	return 1;
}

static void leafmap_free(struct leafmap *m)
{
	free(m->slot);
	uabi_arena__free(&m->arena);
	memset(m, 0, sizeof(*m));
}

static int leafmap_grow(struct leafmap *m)
{
	uint32_t cap = m->cap ? m->cap * 2 : 256;
	struct leaf *slot = calloc(cap, sizeof(*slot));

	if (!slot)
		return -ENOMEM;
	for (uint32_t i = 0; i < m->cap; i++) {
		uint32_t j;

		if (!m->slot[i].key)
			continue;
		for (j = hash_str(m->slot[i].key) & (cap - 1); slot[j].key; j = (j + 1) & (cap - 1))
			;
		slot[j] = m->slot[i];
	}
	free(m->slot);
	m->slot = slot;
	m->cap = cap;
	return 0;
}

/* The leaf under key, NULL if absent. */
static const struct leaf *leafmap_get(const struct leafmap *m, const char *key)
{
	if (!m->cap)
		return NULL;
	for (uint32_t j = hash_str(key) & (m->cap - 1); m->slot[j].key; j = (j + 1) & (m->cap - 1))
		if (!strcmp(m->slot[j].key, key))
			return &m->slot[j];
	return NULL;
}

/* Record a leaf (the first one under a key stays). 0 or -ENOMEM. */
static int leafmap_put(struct leafmap *m, const char *key, uint32_t size, bool is_long)
{
	uint32_t j;

	if ((m->n + 1) * 2 > m->cap && leafmap_grow(m))
		return -ENOMEM;
	for (j = hash_str(key) & (m->cap - 1); m->slot[j].key; j = (j + 1) & (m->cap - 1))
		if (!strcmp(m->slot[j].key, key))
			return 0;
	m->slot[j].key = uabi_arena__strdup(&m->arena, key);
	if (!m->slot[j].key)
		return -ENOMEM;
	m->slot[j].size = size;
	m->slot[j].is_long = is_long;
	m->n++;
	return 0;
}

static const struct uabi_type *type_at(const struct uabi_layout *l, uint32_t idx)
{
	return uabi_layout__type(l, idx);
}

/* Strip typedefs, const, volatile and arrays: the scalar or aggregate a
 * member is made of. */
static uint32_t strip_all(const struct uabi_layout *l, uint32_t idx)
{
	for (uint32_t guard = 0; guard <= l->ntypes; guard++) {
		const struct uabi_type *t;

		idx = uabi_layout__strip(l, idx);
		t = type_at(l, idx);
		if (!t || t->kind != UABI_KIND_ARRAY)
			return idx;
		idx = t->ref;
	}
	return UABI_NO_TYPE;
}

/* Strip const, volatile and arrays but keep typedefs: the type as the
 * member's declaration names it (its element for arrays). */
static uint32_t strip_decl(const struct uabi_layout *l, uint32_t idx)
{
	for (uint32_t guard = 0; guard <= l->ntypes; guard++) {
		const struct uabi_type *t = type_at(l, idx);

		if (!t || (t->kind != UABI_KIND_ARRAY && t->kind != UABI_KIND_CONST &&
			   t->kind != UABI_KIND_VOLATILE))
			return idx;
		idx = t->ref;
	}
	return UABI_NO_TYPE;
}

static bool is_aggregate(const struct uabi_type *t)
{
	return t && (t->kind == UABI_KIND_STRUCT || t->kind == UABI_KIND_UNION);
}

/*
 * The aggregate behind idx (typedefs, const, volatile stripped) and the
 * spelling of the nearest name: the tag, or the last typedef naming an
 * anonymous aggregate. *agg is UABI_NO_TYPE if idx is no aggregate; name
 * is empty if the aggregate is anonymous.
 */
static void resolve_aggregate(const struct uabi_layout *l, uint32_t idx, uint32_t *agg,
			      char *name, size_t len)
{
	const char *tdef = NULL;

	name[0] = '\0';
	*agg = UABI_NO_TYPE;
	for (uint32_t guard = 0; guard <= l->ntypes; guard++) {
		const struct uabi_type *t = type_at(l, idx);

		if (!t)
			return;
		if (t->kind == UABI_KIND_TYPEDEF && t->name)
			tdef = t->name;
		if (t->kind != UABI_KIND_TYPEDEF && t->kind != UABI_KIND_CONST &&
		    t->kind != UABI_KIND_VOLATILE)
			break;
		idx = t->ref;
	}
	if (!is_aggregate(type_at(l, idx)))
		return;
	*agg = idx;
	if (type_at(l, idx)->name)
		uabi_layout__type_name(l, idx, name, len);
	else if (tdef)
		snprintf(name, len, "%s", tdef);
}

static int cmp_spelling(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* spelling is in `only` (or there is no `only`): a binary search of its
 * sorted copy (a scan per type was quadratic in a diff of N changed types) */
static bool in_only(const struct lint *c, const char *spelling)
{
	if (!c->only)
		return true;
	return c->nsorted && bsearch(&spelling, c->sorted, c->nsorted, sizeof(*c->sorted), cmp_spelling);
}

static void join(char *buf, size_t len, const char *prefix, const char *name)
{
	snprintf(buf, len, "%s%s%s", prefix, *prefix ? "." : "", name);
}

static int emit(struct lint *c, const struct scope *sc, const char *rule, const char *member,
		const char *file, uint32_t line, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/* One finding per (profile, type, member, rule); the message follows
 * "TYPE: " and is formatted from fmt. */
static int emit(struct lint *c, const struct scope *sc, const char *rule, const char *member,
		const char *file, uint32_t line, const char *fmt, ...)
{
	char key[3 * PATH_LEN], msg[1024];
	struct uabi_dfinding *f;
	va_list ap;
	int r;

	if (!sc->report || c->collect)
		return 0;
	snprintf(key, sizeof(key), "%s\x1f%s\x1f%s", rule, sc->name, member ? member : "");
	r = strset_add(&c->seen, key);
	if (r <= 0)
		return r;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	f = uabi_dlist__add(c->out, rule, UABI_SEV_WARNING, c->l->profile.name, c->order, NULL,
			    sc->name, member, file, line, "%s: %s", sc->name, msg);
	return f ? 0 : -ENOMEM;
}

static const char *plural(uint64_t n)
{
	return n == 1 ? "" : "s";
}

/* The compiler calls base type t a long (C's long or unsigned long, in any
 * spelling: "long", "long int", "long unsigned int"; not long long). */
static bool is_long_base(const struct uabi_type *t)
{
	const char *s = t && t->kind == UABI_KIND_BASE ? t->name : NULL;
	unsigned words = 0;

	for (const char *w = s ? strstr(s, "long") : NULL; w; w = strstr(w + 4, "long"))
		if ((w == s || w[-1] == ' ') && (w[4] == '\0' || w[4] == ' '))
			words++;
	return words == 1;
}

/* An integer scalar (not a char, bool or float): what can be a long. */
static bool is_integer(const struct uabi_type *t)
{
	return t && t->kind == UABI_KIND_BASE &&
	       (t->encoding == UABI_ENC_SIGNED || t->encoding == UABI_ENC_UNSIGNED);
}

/*
 * Is leaf key (of size `size` on the profile being linted) a long there?
 * Decided from the data model, over the profiles S of the run where the
 * same leaf (same named type, same path) is an integer:
 *  - S holds profiles of two data models (long sizes 4 and 8): the leaf is a
 *    long where its size is the profile's long size, if it is so on two
 *    profiles of different long sizes (it grows with long: a long, a
 *    size_t that is unsigned int on ILP32, but not __u64, which is
 *    unsigned long on ppc64 and 8 bytes on ppc32, nor x32's 8-byte
 *    __kernel_long_t);
 *  - S holds one data model (one profile, or i386 with ppc32): the sizes
 *    cannot tell, so the leaf is a long if on every profile of S its type
 *    is one the compiler calls long.
 */
static bool model_long(const struct lint *c, const char *key, uint32_t size)
{
	uint32_t lsize[2] = { 0, 0 }, nmodels = 0, mine = c->l->profile.long_size;
	bool follows[2] = { false, false }, all_long = true;

	for (uint32_t i = 0; i < c->nls; i++) {
		const struct uabi_layout *q = c->ls[i];
		const struct leaf *lf;
		uint32_t ql, k;

		if (!q || !(lf = leafmap_get(&c->leaves[i], key)))
			continue;
		all_long &= lf->is_long;
		ql = q->profile.long_size;
		for (k = 0; k < nmodels && lsize[k] != ql; k++)
			;
		if (k == nmodels) {
			if (nmodels == 2)
				continue;	/* a third long size: no such profile */
			lsize[nmodels++] = ql;
		}
		follows[k] |= lf->size == ql;
	}
	if (nmodels < 2)
		return all_long;
	return follows[0] && follows[1] && size == mine;
}

/* The declared type of a long leaf as one spelling on every compiler: its
 * typedef (__kernel_size_t), else long / unsigned long (gcc writes
 * "long int", clang "long"). */
static char *long_spelling(const struct uabi_layout *l, uint32_t decl, char *buf, size_t len)
{
	const struct uabi_type *t = type_at(l, decl);

	if (t && t->kind == UABI_KIND_BASE && is_long_base(t))
		snprintf(buf, len, "%s", t->encoding == UABI_ENC_UNSIGNED ? "unsigned long" : "long");
	else
		uabi_layout__type_name(l, decl, buf, len);
	return buf;
}

/* An aggregate holding an 8-byte scalar (pointers not followed). */
static bool holds_u64(const struct uabi_layout *l, uint32_t idx, unsigned depth)
{
	const struct uabi_type *t = type_at(l, strip_all(l, idx));

	if (!t || depth > MAX_DEPTH)
		return false;
	if (!is_aggregate(t))
		return (t->kind == UABI_KIND_BASE || t->kind == UABI_KIND_ENUM ||
			t->kind == UABI_KIND_POINTER) && t->size == 8;
	for (uint32_t i = 0; i < t->nmembers; i++)
		if (!t->members[i].bit_size && holds_u64(l, t->members[i].type, depth + 1))
			return true;
	return false;
}

static int lint_named(struct lint *c, uint32_t idx, const char *name, bool root_in_only,
		      unsigned depth);

/* lint-long of integer leaf m (path p, base type t, declared type decl):
 * recorded in the first pass, judged by model_long() in the second. */
static int lint_long(struct lint *c, const struct scope *sc, const struct uabi_member *m,
		     const char *p, uint32_t decl, const struct uabi_type *t)
{
	char key[2 * PATH_LEN + 2], tn[PATH_LEN];

	snprintf(key, sizeof(key), "%s\x1f%s", sc->name, p);
	if (c->collect)
		return leafmap_put(&c->leaves[c->order], key, (uint32_t)t->size, is_long_base(t));
	if (!model_long(c, key, (uint32_t)t->size))
		return 0;
	return emit(c, sc, "lint-long", p, m->decl_file, m->decl_line,
		    "member %s is a long (%s) of ABI-dependent size", p,
		    long_spelling(c->l, decl, tn, sizeof(tn)));
}

/* Member-level rules of member m, path p, at bit offset off from the start
 * of the named type. */
static int lint_member(struct lint *c, const struct scope *sc, const struct uabi_member *m,
		       const char *p, uint64_t off)
{
	const struct uabi_layout *l = c->l;
	uint32_t decl = strip_decl(l, m->type), s = strip_all(l, m->type);
	const struct uabi_type *t = type_at(l, s);
	char tn[PATH_LEN];
	int err;

	if (m->bit_size) {
		err = emit(c, sc, "lint-bitfield", p, m->decl_file, m->decl_line,
			   "member %s is a bitfield (%u bit%s)", p, m->bit_size, plural(m->bit_size));
		if (err)
			return err;
	}
	if (!t)
		return 0;
	switch (t->kind) {
	case UABI_KIND_POINTER:
		err = emit(c, sc, "lint-pointer", p, m->decl_file, m->decl_line,
			   "member %s is a pointer (%s)", p,
			   uabi_layout__type_name(l, s, tn, sizeof(tn)));
		break;
	case UABI_KIND_ENUM:
		err = emit(c, sc, "lint-enum", p, m->decl_file, m->decl_line,
			   "member %s is an enum (%s)", p,
			   uabi_layout__type_name(l, s, tn, sizeof(tn)));
		break;
	case UABI_KIND_BASE:
		err = 0;
		if (t->encoding == UABI_ENC_BOOL)
			err = emit(c, sc, "lint-bool", p, m->decl_file, m->decl_line,
				   "member %s is a bool (%s)", p, t->name ? t->name : "_Bool");
		else if (is_integer(t))
			err = lint_long(c, sc, m, p, decl, t);
		break;
	default:
		err = 0;
	}
	if (err)
		return err;
	/* an 8-byte scalar, or a named aggregate holding one (anonymous ones
	 * are walked member by member) */
	if (!m->bit_size && (off % 64) &&
	    ((!is_aggregate(t) && t->size == 8) ||
	     (is_aggregate(t) && (t->name || (type_at(l, decl) &&
					      type_at(l, decl)->kind == UABI_KIND_TYPEDEF)) &&
	      holds_u64(l, s, 0))))
		err = emit(c, sc, "lint-u64-align", p, m->decl_file, m->decl_line,
			   "member %s (%s) at offset %llu, not 8-byte aligned", p,
			   uabi_layout__type_name(l, m->type, tn, sizeof(tn)),
			   (unsigned long long)(off / 8));
	return err;
}

static const struct uabi_member *member_at(const struct uabi_type *t, uint64_t bit_offset)
{
	for (uint32_t i = 0; i < t->nmembers; i++)
		if (t->members[i].bit_offset == bit_offset)
			return &t->members[i];
	return NULL;
}

/* The hole right before member m (path p), if any. */
static int lint_hole(struct lint *c, const struct scope *sc, const struct uabi_type *t,
		     const struct uabi_member *m, const char *p)
{
	for (uint32_t i = 0; i < t->nholes; i++) {
		const struct uabi_hole *h = &t->holes[i];

		if (h->bit_offset + h->bit_size != m->bit_offset || member_at(t, m->bit_offset) != m)
			continue;
		if ((h->bit_offset % 8) || (h->bit_size % 8))
			return emit(c, sc, "lint-hole", p, m->decl_file, m->decl_line,
				    "%llu-bit hole before member %s", (unsigned long long)h->bit_size, p);
		return emit(c, sc, "lint-hole", p, m->decl_file, m->decl_line,
			    "%llu-byte hole before member %s", (unsigned long long)(h->bit_size / 8), p);
	}
	return 0;
}

static int lint_tail(struct lint *c, const struct scope *sc, const struct uabi_type *t,
		     const char *member, const char *file, uint32_t line)
{
	uint64_t bits = t->tail_padding_bits;
	char what[PATH_LEN + 16];

	if (!bits)
		return 0;
	what[0] = '\0';
	if (member)
		snprintf(what, sizeof(what), "member %s: ", member);
	if (bits % 8)
		return emit(c, sc, "lint-tail-padding", member, file, line,
			    "%s%llu bit%s of tail padding", what, (unsigned long long)bits, plural(bits));
	return emit(c, sc, "lint-tail-padding", member, file, line, "%s%llu byte%s of tail padding",
		    what, (unsigned long long)(bits / 8), plural(bits / 8));
}

/* Walk the members of aggregate idx, which starts at bit base of the named
 * type and is reached by path prefix ("" for the named type itself). */
static int walk(struct lint *c, const struct scope *sc, uint32_t idx, uint64_t base,
		const char *prefix, unsigned depth)
{
	const struct uabi_layout *l = c->l;
	const struct uabi_type *t = type_at(l, idx);
	int err;

	if (depth > MAX_DEPTH)
		return 0;
	for (uint32_t i = 0; i < t->nmembers; i++) {
		const struct uabi_member *m = &type_at(l, idx)->members[i];
		uint64_t off = base + m->bit_offset;
		char p[PATH_LEN], inner[PATH_LEN], name[PATH_LEN];
		uint32_t agg, e;

		/* the path findings about the member itself name; the path its
		 * members are reached by (C access: anonymous members add none) */
		join(p, sizeof(p), prefix, m->name ? m->name : "<anon>");
		if (m->name)
			snprintf(inner, sizeof(inner), "%s", p);
		else
			snprintf(inner, sizeof(inner), "%s", prefix);
		err = lint_hole(c, sc, type_at(l, idx), m, p);
		if (!err)
			err = lint_member(c, sc, m, p, off);
		if (err)
			return err;
		/* arrays of aggregates: element 0 stands for all */
		for (e = uabi_layout__strip(l, m->type); type_at(l, e) &&
		     type_at(l, e)->kind == UABI_KIND_ARRAY; e = uabi_layout__strip(l, type_at(l, e)->ref)) {
			size_t n = strlen(inner);

			snprintf(inner + n, sizeof(inner) - n, "[0]");
		}
		resolve_aggregate(l, e, &agg, name, sizeof(name));
		if (agg == UABI_NO_TYPE)
			continue;
		if (name[0]) {
			err = lint_named(c, agg, name, false, depth + 1);
		} else {
			const char *tp = m->name ? inner : p;

			err = lint_tail(c, sc, type_at(l, agg), tp, m->decl_file, m->decl_line);
			if (!err)
				err = walk(c, sc, agg, off, inner, depth + 1);
		}
		if (err)
			return err;
	}
	return 0;
}

/* Lint named aggregate idx (spelled name) once per profile. */
static int lint_named(struct lint *c, uint32_t idx, const char *name, bool root_in_only,
		      unsigned depth)
{
	const struct uabi_type *t = type_at(c->l, idx);
	struct scope sc = { .name = name, .report = root_in_only || in_only(c, name) };
	char key[PATH_LEN + 4];
	int err;

	if (!t || t->declaration || depth > MAX_DEPTH)
		return 0;
	/* once per profile as reported, once as only walked (diff mode: a
	 * root listed in `only` by its argument spelling may come second) */
	snprintf(key, sizeof(key), "T%d\x1f%s", sc.report, name);
	err = strset_add(&c->seen, key);
	if (err <= 0)
		return err;
	err = lint_tail(c, &sc, t, NULL, t->decl_file, t->decl_line);
	if (!err && t->size % 8)
		err = emit(c, &sc, "lint-size-multiple-8", NULL, t->decl_file, t->decl_line,
			   "size %llu is not a multiple of 8", (unsigned long long)t->size);
	if (!err)
		err = walk(c, &sc, idx, 0, "", depth);
	return err;
}

static int lint_profile(struct lint *c)
{
	const struct uabi_layout *l = c->l;
	char name[PATH_LEN];
	int err = 0;

	for (uint32_t i = 0; i < l->nioctls && !err; i++) {
		const struct uabi_ioctl *io = &l->ioctls[i];
		uint32_t agg;

		if (!io->applicable || io->type == UABI_NO_TYPE)
			continue;
		resolve_aggregate(l, io->type, &agg, name, sizeof(name));
		/* scalar arguments have no layout to lint */
		if (agg == UABI_NO_TYPE)
			continue;
		if (!name[0])
			uabi_layout__type_name(l, agg, name, sizeof(name));
		err = lint_named(c, agg, name, c->only && io->arg_type && in_only(c, io->arg_type), 0);
	}
	/* the roots (struct kvm_run) are linted like ioctl arguments */
	for (uint32_t i = 0; i < l->nroots && !err; i++) {
		const struct uabi_root *r = &l->roots[i];
		uint32_t agg;

		if (!r->applicable || r->type == UABI_NO_TYPE)
			continue;
		resolve_aggregate(l, r->type, &agg, name, sizeof(name));
		if (agg == UABI_NO_TYPE)
			continue;
		if (!name[0])
			snprintf(name, sizeof(name), "%s", r->name);
		err = lint_named(c, agg, name, c->only && r->name && in_only(c, r->name), 0);
	}
	return err;
}

/* One pass over every profile: collect the leaves, or lint. */
static int pass(struct lint *c, bool collect)
{
	int err = 0;

	c->collect = collect;
	for (uint32_t i = 0; i < c->nls && !err; i++) {
		if (!c->ls[i])
			continue;
		c->l = c->ls[i];
		c->order = i;
		strset_init(&c->seen);
		err = lint_profile(c);
		strset_free(&c->seen);
	}
	return err;
}

int uabi_lint__run(const struct uabi_layout *const *layouts, uint32_t n, const char *const *only,
		   uint32_t nonly, struct uabi_dlist *out, struct uabi_diag *d)
{
	struct lint c = {
		.ls = layouts, .nls = n, .only = only, .nonly = nonly, .out = out, .d = d,
	};
	int err;

	c.leaves = calloc(n + 1, sizeof(*c.leaves));
	c.sorted = malloc(((size_t)nonly + 1) * sizeof(*c.sorted));
	if (!c.leaves || !c.sorted) {
		free(c.leaves);
		free(c.sorted);
		return uabi_diag__input(d, ENOMEM, "lint: %s", strerror(ENOMEM));
	}
	for (uint32_t i = 0; only && i < nonly; i++)
		if (only[i])
			c.sorted[c.nsorted++] = only[i];
	if (c.nsorted)
		qsort(c.sorted, c.nsorted, sizeof(*c.sorted), cmp_spelling);
	for (uint32_t i = 0; i < n; i++)
		uabi_arena__init(&c.leaves[i].arena);
	err = pass(&c, true);
	if (!err)
		err = pass(&c, false);
	for (uint32_t i = 0; i < n; i++)
		leafmap_free(&c.leaves[i]);
	free(c.leaves);
	free(c.sorted);
	if (err)
		return uabi_diag__input(d, -err, "lint: %s", strerror(-err));
	return 0;
}
