// SPDX-License-Identifier: MIT
/*
 * ABI diff (diff.h): old and new dump of one profile, walked in a stable
 * order: ioctls by name, then named types by spelling. Names are matched
 * by sorting index arrays and merging them (n log n), never by scanning
 * one side for each name of the other.
 *
 * Members of a named type are flattened into entries: one per named
 * member, with its path and its bit offset from the start of the named
 * type; members of anonymous types (anonymous struct/union members, named
 * members of an anonymous aggregate type, arrays of those as "x[0]") are
 * flattened into the same list below their path. Entries are matched by
 * path; what stays unmatched is explained, in this order, as a rename
 * (same offset, size, width and type spelling), a use of reserved bytes,
 * or an addition/removal.
 */
#include "diff.h"
#include "report.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 32
#define SPELL_MAX 512

struct ctx {
	const struct uabi_layout *o, *n;
	struct uabi_dlist *out;
	const char *profile;
	uint32_t order;
	struct uabi_arena tmp;	/* spellings, paths: released when the diff ends */
	struct uabi_diag *d;
};

/* What became of a flattened member. */
enum mstate {
	M_NONE,		/* unmatched: added or removed */
	M_MATCHED,	/* same path on the other side */
	M_RENAMED,	/* same bytes and type under another name */
	M_RESERVED,	/* new member in bytes an old reserved member covered */
};

struct ment {
	const char *path;	/* "u.s.bar", "x[0].y" */
	const char *leaf;	/* the member's own name */
	const char *spell;	/* type spelling */
	const char *file;
	uint32_t line;
	uint64_t off;		/* bits from the start of the named type */
	uint64_t bits;		/* uabi_layout__member_bits() */
	uint32_t bit_size;	/* bitfield width, 0 if not a bitfield */
	enum uabi_kind kind;	/* kind under typedefs, qualifiers and arrays */
	bool array;		/* an array (of kind) */
	bool anon;		/* of an anonymous struct/union type: its members are entries */
	bool in_union;		/* the aggregate that holds it directly is a union */
	uint64_t ubits;		/* in_union: that union's size in bits */
	int32_t parent;		/* entry of the enclosing named member, -1 if none */
	int32_t partner;	/* matched entry on the other side, -1 if none */
	enum mstate state;
	const char *resv;	/* M_RESERVED: the old reserved member's path */
};

struct mlist {
	struct ment *v;
	uint32_t n, cap;
};

struct named {
	const char *spell;
	uint32_t idx;
};

__attribute__((format(printf, 12, 13)))
static int emit(struct ctx *c, const char *rule, enum uabi_sev sev, const char *ioctl,
		const char *type, const char *member, const char *file, uint32_t line,
		bool has_values, uint64_t old_value, uint64_t new_value, const char *fmt, ...)
{
	struct uabi_dfinding *f;
	char msg[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	f = uabi_dlist__add(c->out, rule, sev, c->profile, c->order, ioctl, type, member, file,
			    line, "%s", msg);
	if (!f)
		return uabi_diag__input(c->d, ENOMEM, "%s: out of memory", c->profile);
	f->has_old = f->has_new = has_values;
	f->old_value = old_value;
	f->new_value = new_value;
	return 0;
}

static int nomem(struct ctx *c)
{
	return uabi_diag__input(c->d, ENOMEM, "%s: out of memory", c->profile);
}

static int cmp_str(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static const char *str_or(const char *s, const char *dflt)
{
	return s ? s : dflt;
}

/* ---- ioctls ------------------------------------------------------------- */

static int cmp_ioctl_ptr(const void *x, const void *y)
{
	const struct uabi_ioctl *a = *(const struct uabi_ioctl *const *)x;
	const struct uabi_ioctl *b = *(const struct uabi_ioctl *const *)y;
	int r = cmp_str(a->name, b->name);

	if (r)
		return r;
	return a < b ? -1 : a > b;
}

/* The ioctls of l by name (the model keeps them sorted; a hand-made
 * layout need not). */
static const struct uabi_ioctl **sorted_ioctls(const struct uabi_layout *l)
{
	const struct uabi_ioctl **v = malloc((l->nioctls + 1) * sizeof(*v));

	if (!v)
		return NULL;
	for (uint32_t i = 0; i < l->nioctls; i++)
		v[i] = &l->ioctls[i];
	qsort(v, l->nioctls, sizeof(*v), cmp_ioctl_ptr);
	return v;
}

static int ioctl_removed(struct ctx *c, const struct uabi_ioctl *a, bool still_defined)
{
	return emit(c, "ioctl-removed", UABI_SEV_ERROR, a->name, a->arg_type, NULL, a->decl_file,
		    a->decl_line, false, 0, 0, "%s: removed%s", a->name,
		    still_defined ? " (argument type no longer defined)" : "");
}

static int ioctl_added(struct ctx *c, const struct uabi_ioctl *b, bool was_defined)
{
	return emit(c, "ioctl-added", UABI_SEV_NOTE, b->name, b->arg_type, NULL, b->decl_file,
		    b->decl_line, false, 0, 0, "%s: added%s", b->name,
		    was_defined ? " (argument type now defined)" : "");
}

static int ioctl_pair(struct ctx *c, const struct uabi_ioctl *a, const struct uabi_ioctl *b)
{
	char why[96] = "";
	int err;

	if (!a->applicable && !b->applicable)
		return 0;
	if (!b->applicable)
		return ioctl_removed(c, a, true);
	if (!a->applicable)
		return ioctl_added(c, b, true);
	if (a->number != b->number) {
		if (a->size != b->size)
			snprintf(why, sizeof(why), " (size %" PRIu32 " to %" PRIu32 ")", a->size, b->size);
		else if (a->dir != b->dir)
			snprintf(why, sizeof(why), " (direction %s to %s)", uabi_dir__str(a->dir),
				 uabi_dir__str(b->dir));
		else if (a->type_field != b->type_field)
			snprintf(why, sizeof(why), " (type 0x%" PRIx32 " to 0x%" PRIx32 ")",
				 a->type_field, b->type_field);
		else if (a->nr != b->nr)
			snprintf(why, sizeof(why), " (nr 0x%" PRIx32 " to 0x%" PRIx32 ")", a->nr, b->nr);
		err = emit(c, "ioctl-number-changed", UABI_SEV_ERROR, b->name, b->arg_type, NULL,
			   b->decl_file, b->decl_line, true, a->number, b->number,
			   "%s: number changed from 0x%" PRIx64 " to 0x%" PRIx64 "%s", b->name,
			   a->number, b->number, why);
		if (err)
			return err;
	}
	if (cmp_str(a->arg_type, b->arg_type)) {
		err = emit(c, "ioctl-arg-type-changed", UABI_SEV_ERROR, b->name, b->arg_type, NULL,
			   b->decl_file, b->decl_line, false, 0, 0,
			   "%s: argument type changed from %s to %s", b->name,
			   str_or(a->arg_type, "none"), str_or(b->arg_type, "none"));
		if (err)
			return err;
	}
	return 0;
}

static int diff_ioctls(struct ctx *c)
{
	const struct uabi_ioctl **ov = sorted_ioctls(c->o), **nv = sorted_ioctls(c->n);
	uint32_t i = 0, j = 0;
	int err = 0;

	if (!ov || !nv) {
		err = nomem(c);
		goto out;
	}
	while (!err && (i < c->o->nioctls || j < c->n->nioctls)) {
		const struct uabi_ioctl *a = i < c->o->nioctls ? ov[i] : NULL;
		const struct uabi_ioctl *b = j < c->n->nioctls ? nv[j] : NULL;
		int r = !a ? 1 : !b ? -1 : cmp_str(a->name, b->name);

		if (r < 0) {
			if (a->applicable)
				err = ioctl_removed(c, a, false);
			i++;
		} else if (r > 0) {
			if (b->applicable)
				err = ioctl_added(c, b, false);
			j++;
		} else {
			err = ioctl_pair(c, a, b);
			i++;
			j++;
		}
	}
out:
	free(ov);
	free(nv);
	return err;
}

/* ---- flattening members ------------------------------------------------- */

static char *spell(struct ctx *c, const struct uabi_layout *l, uint32_t idx)
{
	char buf[SPELL_MAX];

	return uabi_arena__strdup(&c->tmp, uabi_layout__type_name(l, idx, buf, sizeof(buf)));
}

/* Kind under typedefs, qualifiers and array dimensions: a pointer array
 * and a __u64 array differ in kind, two typedefs of one base do not. */
static enum uabi_kind deep_kind(const struct uabi_layout *l, uint32_t idx)
{
	for (int i = 0; i < MAX_DEPTH; i++) {
		const struct uabi_type *t = uabi_layout__type(l, uabi_layout__strip(l, idx));

		if (!t)
			return UABI_KIND_VOID;
		if (t->kind != UABI_KIND_ARRAY)
			return t->kind;
		idx = t->ref;
	}
	return UABI_KIND_VOID;
}

static struct ment *push(struct mlist *ml)
{
	if (ml->n == ml->cap) {
		uint32_t cap = ml->cap ? ml->cap * 2 : 64;
		struct ment *v = realloc(ml->v, cap * sizeof(*v));

		if (!v)
			return NULL;
		ml->v = v;
		ml->cap = cap;
	}
	memset(&ml->v[ml->n], 0, sizeof(ml->v[0]));
	return &ml->v[ml->n++];
}

/*
 * Append the members of aggregate tid (at bit base of the named type) to
 * ml. prefix is the path of the enclosing named member ("x[0]"), NULL at
 * the top; parent its entry. Anonymous aggregate types are followed, also
 * through typedefs (a typedef'd anonymous struct is compared nowhere else).
 */
static int flatten(struct ctx *c, const struct uabi_layout *l, uint32_t tid, uint64_t base,
		   const char *prefix, int32_t parent, const struct uabi_type *top, unsigned depth,
		   struct mlist *ml)
{
	const struct uabi_type *t = uabi_layout__type(l, tid);

	if (!t || depth > MAX_DEPTH)
		return 0;
	for (uint32_t i = 0; i < t->nmembers; i++) {
		const struct uabi_member *m = &t->members[i];
		uint64_t off = base + m->bit_offset;
		uint32_t et = uabi_layout__strip(l, m->type);
		const struct uabi_type *e = uabi_layout__type(l, et);
		char dims[64] = "";
		size_t nd = 0;
		bool anon;
		struct ment *me;
		int32_t self;
		int err;

		/* arrays of anonymous aggregates: follow the first element */
		while (e && e->kind == UABI_KIND_ARRAY && nd + 4 < sizeof(dims)) {
			nd += (size_t)snprintf(dims + nd, sizeof(dims) - nd, "[0]");
			et = uabi_layout__strip(l, e->ref);
			e = uabi_layout__type(l, et);
		}
		anon = e && (e->kind == UABI_KIND_STRUCT || e->kind == UABI_KIND_UNION) && !e->name;
		if (!m->name) {
			/* an anonymous struct/union member: its members are the parent's */
			if (anon && !nd) {
				err = flatten(c, l, et, off, prefix, parent, top, depth + 1, ml);
				if (err)
					return err;
			}
			continue;
		}
		me = push(ml);
		if (!me)
			return nomem(c);
		self = (int32_t)(ml->n - 1);
		me->path = prefix ? uabi_arena__printf(&c->tmp, "%s.%s", prefix, m->name) : m->name;
		me->leaf = m->name;
		me->spell = spell(c, l, m->type);
		if (!me->path || !me->spell)
			return nomem(c);
		me->file = m->decl_file ? m->decl_file : top->decl_file;
		me->line = m->decl_file ? m->decl_line : top->decl_line;
		me->off = off;
		me->bits = uabi_layout__member_bits(l, m);
		me->bit_size = m->bit_size;
		me->kind = deep_kind(l, m->type);
		me->array = nd || (e && e->kind == UABI_KIND_ARRAY);
		me->anon = anon;
		me->in_union = t->kind == UABI_KIND_UNION;
		me->ubits = t->size * 8;
		me->parent = parent;
		me->partner = -1;
		if (anon) {
			const char *sub = nd ? uabi_arena__printf(&c->tmp, "%s%s", me->path, dims)
					     : me->path;

			if (!sub)
				return nomem(c);
			err = flatten(c, l, et, off, sub, self, top, depth + 1, ml);
			if (err)
				return err;
		}
	}
	return 0;
}

/* ---- member rules ------------------------------------------------------- */

bool uabi_diff__is_reserved_name(const char *name)
{
	static const char *const prefixes[] = { "reserved", "pad", "unused" };

	if (!name)
		return false;
	while (*name == '_')
		name++;
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (!strncasecmp(name, prefixes[i], strlen(prefixes[i])))
			return true;
	return false;
}

/* Equal spellings once array bounds are dropped ("__u8 [16]" vs "__u8 [8]",
 * "[]" vs "[0]"): the size rules already tell a count change. */
static bool same_but_bounds(const char *a, const char *b)
{
	while (*a && *b) {
		if (*a == '[' && *b == '[') {
			while (*a && *a != ']')
				a++;
			while (*b && *b != ']')
				b++;
			continue;
		}
		if (*a != *b)
			return false;
		a++;
		b++;
	}
	return *a == *b;
}

static int cmp_path_idx(const void *x, const void *y, void *arg)
{
	const struct mlist *ml = arg;
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	int r = strcmp(ml->v[a].path, ml->v[b].path);

	if (r)
		return r;
	return a < b ? -1 : a > b;
}

/* Indices of ml sorted by path. */
static uint32_t *by_path(const struct mlist *ml)
{
	uint32_t *v = malloc((ml->n + 1) * sizeof(*v));

	if (!v)
		return NULL;
	for (uint32_t i = 0; i < ml->n; i++)
		v[i] = i;
	qsort_r(v, ml->n, sizeof(*v), cmp_path_idx, (void *)ml);
	return v;
}

static int match_paths(struct ctx *c, struct mlist *a, struct mlist *b)
{
	uint32_t *ai = by_path(a), *bi = by_path(b), i = 0, j = 0;
	int err = 0;

	if (!ai || !bi) {
		err = nomem(c);
		goto out;
	}
	while (i < a->n && j < b->n) {
		struct ment *x = &a->v[ai[i]], *y = &b->v[bi[j]];
		int r = strcmp(x->path, y->path);

		if (r < 0) {
			i++;
		} else if (r > 0) {
			j++;
		} else {
			x->partner = (int32_t)bi[j];
			y->partner = (int32_t)ai[i];
			x->state = y->state = M_MATCHED;
			i++;
			j++;
		}
	}
out:
	free(ai);
	free(bi);
	return err;
}

/* Old members gone and new members at the same offset with the same size,
 * width and type spelling: renames. A reserved member whose bytes get a
 * real name is a use of reserved bytes, not a rename. */
static void match_renames(struct mlist *a, struct mlist *b)
{
	for (uint32_t i = 0; i < a->n; i++) {
		struct ment *x = &a->v[i];

		if (x->state != M_NONE)
			continue;
		for (uint32_t j = 0; j < b->n; j++) {
			struct ment *y = &b->v[j];

			if (y->state != M_NONE || y->off != x->off || y->bits != x->bits ||
			    y->bit_size != x->bit_size || strcmp(y->spell, x->spell))
				continue;
			if (uabi_diff__is_reserved_name(x->leaf) && !uabi_diff__is_reserved_name(y->leaf))
				continue;
			x->state = y->state = M_RENAMED;
			x->partner = (int32_t)j;
			y->partner = (int32_t)i;
			break;
		}
	}
}

/* New members whose bits the old reserved members covered entirely. */
static void match_reserved(const struct mlist *a, struct mlist *b)
{
	for (uint32_t j = 0; j < b->n; j++) {
		struct ment *y = &b->v[j];
		uint64_t pos = y->off, end = y->off + y->bits;
		const char *first = NULL;
		bool progress = true;

		if (y->state != M_NONE || !y->bits)
			continue;
		while (pos < end && progress) {
			const struct ment *best = NULL;

			/* of the reserved members that cover pos (union arms
			 * overlap), the one that reaches farthest */
			for (uint32_t i = 0; i < a->n; i++) {
				const struct ment *x = &a->v[i];

				if (!uabi_diff__is_reserved_name(x->leaf) || x->off > pos || x->off + x->bits <= pos)
					continue;
				if (!best || x->off + x->bits > best->off + best->bits)
					best = x;
			}
			progress = best != NULL;
			if (best) {
				if (!first)
					first = best->path;
				pos = best->off + best->bits;
			}
		}
		if (pos >= end) {
			y->state = M_RESERVED;
			y->resv = first;
		}
	}
}

/* What became of the enclosing named member (M_MATCHED at the top): an
 * entry inside an added, removed, renamed or reserved-using member is told
 * by that member when it shares its fate. */
static enum mstate parent_state(const struct mlist *ml, const struct ment *e)
{
	return e->parent < 0 ? M_MATCHED : ml->v[e->parent].state;
}

static bool told_by_parent(const struct mlist *ml, const struct ment *e)
{
	enum mstate p = parent_state(ml, e);

	if (e->state == M_RENAMED)
		return p == M_RENAMED;
	return p == M_NONE || p == M_RESERVED;
}

/* A struct or union (not an array of them) that sits directly in a union
 * whose size did not change: its own size moves no byte. A byte of a
 * member inside it that moves is that member's finding; the union's size
 * is judged one level up (type-size-changed, union-grew, or the size of
 * the member that holds the union). */
static bool arm_in_union(const struct ment *x, const struct ment *y)
{
	return x->in_union && y->in_union && x->ubits == y->ubits && !x->array && !y->array &&
	       (x->kind == UABI_KIND_STRUCT || x->kind == UABI_KIND_UNION) && x->kind == y->kind;
}

static int member_pair(struct ctx *c, const char *tname, const struct ment *x,
		       const struct ment *y, bool same_size)
{
	int err;

	/* a reserved member that shrank to make room, the type keeping its size */
	if (same_size && uabi_diff__is_reserved_name(x->leaf) && y->off >= x->off &&
	    y->off + y->bits <= x->off + x->bits)
		return 0;
	if (x->bit_size || y->bit_size) {
		if (x->off != y->off) {
			err = emit(c, "member-bit-changed", UABI_SEV_ERROR, NULL, tname, y->path, y->file,
				   y->line, true, x->off, y->off,
				   "%s: member %s moved from bit %" PRIu64 " to bit %" PRIu64, tname, y->path,
				   x->off, y->off);
			if (err)
				return err;
		}
		if (x->bits != y->bits) {
			err = emit(c, "member-bit-changed", UABI_SEV_ERROR, NULL, tname, y->path, y->file,
				   y->line, true, x->bits, y->bits,
				   "%s: member %s width changed from %" PRIu64 " to %" PRIu64 " bits",
				   tname, y->path, x->bits, y->bits);
			if (err)
				return err;
		}
	} else {
		if (x->off != y->off) {
			err = emit(c, "member-offset-changed", UABI_SEV_ERROR, NULL, tname, y->path,
				   y->file, y->line, true, x->off / 8, y->off / 8,
				   "%s: member %s moved from offset %" PRIu64 " to %" PRIu64, tname,
				   y->path, x->off / 8, y->off / 8);
			if (err)
				return err;
		}
		if (x->bits != y->bits && arm_in_union(x, y)) {
			err = emit(c, "union-arm-size-changed", UABI_SEV_NOTE, NULL, tname, y->path,
				   y->file, y->line, true, x->bits / 8, y->bits / 8,
				   "%s: union arm %s size changed from %" PRIu64 " to %" PRIu64
				   " inside the union's %" PRIu64 " bytes", tname, y->path,
				   x->bits / 8, y->bits / 8, y->ubits / 8);
			if (err)
				return err;
		} else if (x->bits != y->bits) {
			err = emit(c, "member-size-changed", UABI_SEV_ERROR, NULL, tname, y->path, y->file,
				   y->line, true, x->bits / 8, y->bits / 8,
				   "%s: member %s size changed from %" PRIu64 " to %" PRIu64, tname,
				   y->path, x->bits / 8, y->bits / 8);
			if (err)
				return err;
		}
	}
	if (strcmp(x->spell, y->spell) && !same_but_bounds(x->spell, y->spell)) {
		/* struct <anon> to union <anon> of the same size: the members
		 * inside are entries of their own, judged byte by byte */
		bool breaks = x->bits != y->bits ||
			      (x->kind != y->kind && !(x->anon && y->anon && !x->array && !y->array));

		err = emit(c, "member-type-changed", breaks ? UABI_SEV_ERROR : UABI_SEV_NOTE, NULL, tname,
			   y->path, y->file, y->line, false, 0, 0,
			   "%s: member %s type changed from %s to %s", tname, y->path, x->spell,
			   y->spell);
		if (err)
			return err;
	}
	return 0;
}

/* Whether a new member that is added or uses reserved bytes overlaps the
 * bytes of old member x (then that member's finding tells the change). */
static bool bytes_reused(const struct mlist *b, const struct ment *x)
{
	for (uint32_t j = 0; j < b->n; j++) {
		const struct ment *y = &b->v[j];

		if ((y->state == M_NONE || y->state == M_RESERVED) && y->off < x->off + x->bits &&
		    x->off < y->off + y->bits)
			return true;
	}
	return false;
}

static int diff_members(struct ctx *c, const char *tname, const struct uabi_type *ot,
			uint32_t oi, const struct uabi_type *nt, uint32_t ni, struct mlist *a,
			struct mlist *b)
{
	bool same_size = ot->size == nt->size;
	int err;

	a->n = b->n = 0;
	err = flatten(c, c->o, oi, 0, NULL, -1, ot, 0, a);
	if (!err)
		err = flatten(c, c->n, ni, 0, NULL, -1, nt, 0, b);
	if (!err)
		err = match_paths(c, a, b);
	if (err)
		return err;
	match_renames(a, b);
	/* reserved bytes are "used" only where the type kept its size; a
	 * member inserted into a struct that grew is an addition */
	if (same_size)
		match_reserved(a, b);

	/* new side in declaration order: changes, renames, reserved uses, additions */
	for (uint32_t j = 0; j < b->n; j++) {
		const struct ment *y = &b->v[j];
		const struct ment *x = y->partner >= 0 ? &a->v[y->partner] : NULL;

		switch (y->state) {
		case M_MATCHED:
			err = member_pair(c, tname, x, y, same_size);
			break;
		case M_RENAMED:
			if (told_by_parent(b, y))
				break;
			err = emit(c, "member-renamed", UABI_SEV_NOTE, NULL, tname, y->path, y->file,
				   y->line, false, 0, 0, "%s: member %s renamed to %s", tname, x->path,
				   y->path);
			break;
		case M_RESERVED:
			if (told_by_parent(b, y))
				break;
			err = emit(c, "reserved-field-used", UABI_SEV_NOTE, NULL, tname, y->path, y->file,
				   y->line, false, 0, 0, "%s: member %s uses reserved field %s", tname,
				   y->path, y->resv);
			break;
		case M_NONE:
			if (told_by_parent(b, y))
				break;
			err = emit(c, "member-added", UABI_SEV_NOTE, NULL, tname, y->path, y->file, y->line,
				   false, 0, 0, "%s: member %s added at offset %" PRIu64 "%s", tname,
				   y->path, y->off / 8, y->bit_size ? " (bitfield)" : "");
			break;
		}
		if (err)
			return err;
	}
	/* old side: removals (a reserved member may go if the size stays) */
	for (uint32_t i = 0; i < a->n; i++) {
		const struct ment *x = &a->v[i];

		if (x->state != M_NONE || told_by_parent(a, x))
			continue;
		/* the new type's declaration: the old line may hold another
		 * member in the new file */
		if (same_size && uabi_diff__is_reserved_name(x->leaf)) {
			if (bytes_reused(b, x))
				continue;
			err = emit(c, "reserved-field-removed", UABI_SEV_NOTE, NULL, tname, x->path,
				   nt->decl_file, nt->decl_line, false, 0, 0,
				   "%s: member %s removed (old line %" PRIu32 "), its %" PRIu64
				   " bytes at offset %" PRIu64 " now padding", tname, x->path, x->line,
				   x->bits / 8, x->off / 8);
		} else {
			err = emit(c, "member-removed", UABI_SEV_ERROR, NULL, tname, x->path,
				   nt->decl_file, nt->decl_line, false, 0, 0,
				   "%s: member %s removed (old line %" PRIu32 ")", tname, x->path,
				   x->line);
		}
		if (err)
			return err;
	}
	return 0;
}

/* ---- enums -------------------------------------------------------------- */

static int cmp_enum_idx(const void *x, const void *y, void *arg)
{
	const struct uabi_enumerator *e = arg;
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	int r = cmp_str(e[a].name, e[b].name);

	if (r)
		return r;
	return a < b ? -1 : a > b;
}

static uint32_t *enums_by_name(const struct uabi_type *t)
{
	uint32_t *v = malloc((t->nenumerators + 1) * sizeof(*v));

	if (!v)
		return NULL;
	for (uint32_t i = 0; i < t->nenumerators; i++)
		v[i] = i;
	qsort_r(v, t->nenumerators, sizeof(*v), cmp_enum_idx, t->enumerators);
	return v;
}

static const char *enum_value(char *buf, size_t len, const struct uabi_enumerator *e)
{
	if (e->is_unsigned)
		snprintf(buf, len, "%" PRIu64, (uint64_t)e->value);
	else
		snprintf(buf, len, "%" PRId64, e->value);
	return buf;
}

static int diff_enum(struct ctx *c, const char *tname, const struct uabi_type *ot,
		     const struct uabi_type *nt)
{
	uint32_t *ai = enums_by_name(ot), *bi = enums_by_name(nt), i = 0, j = 0;
	char v1[32], v2[32];
	int err = 0;

	if (!ai || !bi) {
		err = nomem(c);
		goto out;
	}
	while (!err && (i < ot->nenumerators || j < nt->nenumerators)) {
		const struct uabi_enumerator *x = i < ot->nenumerators ? &ot->enumerators[ai[i]] : NULL;
		const struct uabi_enumerator *y = j < nt->nenumerators ? &nt->enumerators[bi[j]] : NULL;
		int r = !x ? 1 : !y ? -1 : cmp_str(x->name, y->name);

		if (r < 0) {
			err = emit(c, "enum-value-removed", UABI_SEV_ERROR, NULL, tname, x->name,
				   ot->decl_file, ot->decl_line, false, 0, 0,
				   "%s: enumerator %s removed", tname, x->name);
			i++;
		} else if (r > 0) {
			err = emit(c, "enum-value-added", UABI_SEV_NOTE, NULL, tname, y->name,
				   nt->decl_file, nt->decl_line, false, 0, 0,
				   "%s: enumerator %s added", tname, y->name);
			j++;
		} else {
			if (x->value != y->value) {
				err = emit(c, "enum-value-changed", UABI_SEV_ERROR, NULL, tname, y->name,
					   nt->decl_file, nt->decl_line, true, (uint64_t)x->value,
					   (uint64_t)y->value, "%s: enumerator %s changed from %s to %s",
					   tname, y->name, enum_value(v1, sizeof(v1), x),
					   enum_value(v2, sizeof(v2), y));
				/* an enumerator read as signed keeps its sign in the outputs */
				if (!err && !x->is_unsigned && !y->is_unsigned)
					c->out->v[c->out->n - 1].signed_values = true;
			}
			i++;
			j++;
		}
	}
out:
	free(ai);
	free(bi);
	return err;
}

/* ---- named types -------------------------------------------------------- */

static int cmp_named(const void *x, const void *y)
{
	const struct named *a = x, *b = y;
	int r = strcmp(a->spell, b->spell);

	if (r)
		return r;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* Defined struct/union/enum types with a tag, sorted by spelling. */
static int named_types(struct ctx *c, const struct uabi_layout *l, struct named **out,
		       uint32_t *nout)
{
	struct named *v = malloc((l->ntypes + 1) * sizeof(*v));
	uint32_t n = 0;

	*out = v;
	*nout = 0;
	if (!v)
		return nomem(c);
	for (uint32_t i = 0; i < l->ntypes; i++) {
		const struct uabi_type *t = &l->types[i];

		if ((t->kind != UABI_KIND_STRUCT && t->kind != UABI_KIND_UNION &&
		     t->kind != UABI_KIND_ENUM) || !t->name || t->declaration)
			continue;
		v[n].spell = spell(c, l, i);
		if (!v[n].spell)
			return nomem(c);
		v[n++].idx = i;
	}
	qsort(v, n, sizeof(*v), cmp_named);
	*nout = n;
	return 0;
}

static int diff_type(struct ctx *c, const char *tname, uint32_t oi, uint32_t ni, struct mlist *a,
		     struct mlist *b)
{
	const struct uabi_type *ot = &c->o->types[oi], *nt = &c->n->types[ni];
	int err = 0;

	if (ot->size != nt->size) {
		if (nt->kind == UABI_KIND_UNION && nt->size > ot->size)
			err = emit(c, "union-grew", UABI_SEV_ERROR, NULL, tname, NULL, nt->decl_file,
				   nt->decl_line, true, ot->size, nt->size,
				   "%s: grew from %" PRIu64 " to %" PRIu64 " bytes", tname, ot->size,
				   nt->size);
		else
			err = emit(c, "type-size-changed", UABI_SEV_ERROR, NULL, tname, NULL,
				   nt->decl_file, nt->decl_line, true, ot->size, nt->size,
				   "%s: size changed from %" PRIu64 " to %" PRIu64, tname, ot->size,
				   nt->size);
		if (err)
			return err;
	}
	if (ot->align != nt->align) {
		err = emit(c, "type-align-changed", UABI_SEV_ERROR, NULL, tname, NULL, nt->decl_file,
			   nt->decl_line, true, ot->align, nt->align,
			   "%s: alignment changed from %" PRIu32 " to %" PRIu32, tname, ot->align,
			   nt->align);
		if (err)
			return err;
	}
	if (nt->kind == UABI_KIND_ENUM)
		return diff_enum(c, tname, ot, nt);
	return diff_members(c, tname, ot, oi, nt, ni, a, b);
}

static int diff_types(struct ctx *c)
{
	struct named *ov = NULL, *nv = NULL;
	struct mlist a = { 0 }, b = { 0 };
	uint32_t on = 0, nn = 0, i = 0, j = 0;
	int err;

	err = named_types(c, c->o, &ov, &on);
	if (!err)
		err = named_types(c, c->n, &nv, &nn);
	while (!err && (i < on || j < nn)) {
		int r = i >= on ? 1 : j >= nn ? -1 : strcmp(ov[i].spell, nv[j].spell);

		if (r < 0) {
			const struct uabi_type *t = &c->o->types[ov[i].idx];

			err = emit(c, "type-removed", UABI_SEV_NOTE, NULL, ov[i].spell, NULL, t->decl_file,
				   t->decl_line, false, 0, 0, "%s: removed", ov[i].spell);
			i++;
		} else if (r > 0) {
			const struct uabi_type *t = &c->n->types[nv[j].idx];

			err = emit(c, "type-added", UABI_SEV_NOTE, NULL, nv[j].spell, NULL, t->decl_file,
				   t->decl_line, false, 0, 0, "%s: added", nv[j].spell);
			j++;
		} else {
			err = diff_type(c, nv[j].spell, ov[i].idx, nv[j].idx, &a, &b);
			i++;
			j++;
		}
	}
	free(a.v);
	free(b.v);
	free(ov);
	free(nv);
	return err;
}

int uabi_diff__layouts(const struct uabi_layout *old, const struct uabi_layout *new_,
		       uint32_t order, struct uabi_dlist *out, struct uabi_diag *d)
{
	struct ctx c = { .o = old, .n = new_, .out = out, .order = order, .d = d };
	int err;

	if (!old || !new_ || !out)
		return uabi_diag__input(d, EINVAL, "diff: missing dump");
	if (cmp_str(old->profile.name, new_->profile.name))
		return uabi_diag__input(d, EINVAL,
					"diff: old dump is of profile %s, new dump of profile %s",
					str_or(old->profile.name, "(none)"),
					str_or(new_->profile.name, "(none)"));
	c.profile = str_or(new_->profile.name, "(none)");
	uabi_arena__init(&c.tmp);
	err = diff_ioctls(&c);
	if (!err)
		err = diff_types(&c);
	uabi_arena__free(&c.tmp);
	return err;
}

/* ---- headers a side could not compile ---------------------------------- */

static const struct uabi_skipped_header *skipped_in(const struct uabi_layout *l, const char *h)
{
	for (uint32_t i = 0; i < l->input.nskipped; i++)
		if (l->input.skipped[i].header && !strcmp(l->input.skipped[i].header, h))
			return &l->input.skipped[i];
	return NULL;
}

static bool judged_in(const struct uabi_layout *l, const char *h)
{
	for (uint32_t i = 0; i < l->input.nheaders; i++)
		if (l->input.headers[i] && !strcmp(l->input.headers[i], h))
			return true;
	return false;
}

/* Whether file (relative to the root) is the header included as name:
 * the same, or ending in "/name" (include/uapi/linux/fs.h for linux/fs.h). */
static bool file_is(const char *file, const char *name)
{
	size_t fl, nl;

	if (!file || !name)
		return false;
	fl = strlen(file);
	nl = strlen(name);
	if (fl == nl)
		return !strcmp(file, name);
	return fl > nl && file[fl - nl - 1] == '/' && !strcmp(file + fl - nl, name);
}

/* The header's file as the dumps know it: one the compiler read (the old
 * side judged it), else the name itself. */
static const char *header_file(const struct uabi_layout *old, const struct uabi_layout *new_,
			       const char *name)
{
	const struct uabi_layout *ls[2] = { old, new_ };

	for (int s = 0; s < 2; s++)
		for (uint32_t i = 0; i < ls[s]->input.nfiles; i++)
			if (file_is(ls[s]->input.files[i], name) &&
			    strncmp(ls[s]->input.files[i], "<", 1))
				return ls[s]->input.files[i];
	return name;
}

/* Whether the compiles of l read file (relative to the root). */
static bool read_by(const struct uabi_layout *l, const char *file)
{
	for (uint32_t i = 0; file && i < l->input.nfiles; i++)
		if (l->input.files[i] && !strcmp(l->input.files[i], file))
			return true;
	return false;
}

int uabi_diff__skipped(const struct uabi_layout *old, const struct uabi_layout *new_,
		       uint32_t order, uint32_t from, struct uabi_dlist *out, struct uabi_diag *d)
{
	const char *profile;
	bool gone = false;

	if (!old || !new_ || !out)
		return uabi_diag__input(d, EINVAL, "diff: missing dump");
	profile = str_or(new_->profile.name, "(none)");
	for (uint32_t i = 0; i < new_->input.nskipped; i++) {
		const struct uabi_skipped_header *sk = &new_->input.skipped[i];
		const struct uabi_skipped_header *osk;
		const char *file, *reason;
		uint32_t lost = 0, k = from;

		if (!sk->header)
			continue;
		osk = skipped_in(old, sk->header);
		file = header_file(old, new_, sk->header);
		reason = sk->reason && *sk->reason ? sk->reason : "no reason given";
		/* what the old side had from it is not judged now, not removed */
		for (uint32_t j = from; j < out->n; j++) {
			const struct uabi_dfinding *f = &out->v[j];
			bool drop = f->order == order && f->file && !strcmp(f->file, file) &&
				    (!strcmp(f->rule, "ioctl-removed") || !strcmp(f->rule, "type-removed"));

			lost += drop && !strcmp(f->rule, "ioctl-removed");
			if (!drop)
				out->v[k++] = out->v[j];
		}
		out->n = k;
		if (osk || !judged_in(old, sk->header)) {
			if (!uabi_dlist__add(out, "header-not-judged", osk ? UABI_SEV_NOTE : UABI_SEV_WARNING,
					     profile, order, NULL, NULL, NULL, file, 0,
					     "%s: does not compile on this ABI%s; its ioctls are not judged: %s",
					     sk->header, osk ? ", before or after the change" : "", reason))
				return uabi_diag__input(d, ENOMEM, "%s: out of memory", profile);
			continue;
		}
		if (!uabi_dlist__add(out, "header-not-judged", UABI_SEV_WARNING, profile, order, NULL,
				     NULL, NULL, file, 0,
				     "%s: no longer compiles on this ABI; its %u ioctl%s not judged: %s",
				     sk->header, lost, lost == 1 ? " is" : "s are", reason))
			return uabi_diag__input(d, ENOMEM, "%s: out of memory", profile);
		gone = true;
	}
	/* a type of a file the new side no longer read (only a header that
	 * does not compile now included it) was not removed either */
	if (gone) {
		uint32_t k = from;

		for (uint32_t j = from; j < out->n; j++) {
			const struct uabi_dfinding *f = &out->v[j];

			if (f->order == order && !strcmp(f->rule, "type-removed") &&
			    !read_by(new_, f->file))
				continue;
			out->v[k++] = out->v[j];
		}
		out->n = k;
	}
	return 0;
}

/* ---- ioctls that need compat translation ------------------------------- */


static const struct uabi_layout *find_dump(const struct uabi_layout *const *v, uint32_t n,
					   const char *profile, uint32_t *idx)
{
	for (uint32_t i = 0; v && i < n; i++)
		if (v[i] && v[i]->profile.name && profile && !strcmp(v[i]->profile.name, profile)) {
			if (idx)
				*idx = i;
			return v[i];
		}
	return NULL;
}

static const struct uabi_compat_item *find_item(const struct uabi_compat_pair *p, const char *name)
{
	for (uint32_t i = 0; p && i < p->nitems; i++)
		if (!p->items[i].is_root && !strcmp(p->items[i].name, name))
			return &p->items[i];
	return NULL;
}

/* "member b at offset 8 vs 4": the first finding that names a member, else
 * the type's own size; "" when the walk found nothing to name. */
static void moved_member(const struct uabi_compat_item *ci, char *buf, size_t len)
{
	const struct uabi_finding *size = NULL;

	buf[0] = '\0';
	for (uint32_t i = 0; i < ci->nfindings; i++) {
		const struct uabi_finding *f = &ci->findings[i];

		if (f->kind == UABI_F_NUMBER || f->kind == UABI_F_IOC_SIZE ||
		    f->kind == UABI_F_ARM_SIZE || f->kind == UABI_F_ALIGNMENT)
			continue;
		if (!f->path || !f->path[0]) {
			if (!size && f->kind == UABI_F_SIZE)
				size = f;
			continue;
		}
		snprintf(buf, len, ", member %s %s %" PRIu64 " vs %" PRIu64, f->path,
			 uabi_finding_kind__str(f->kind), f->native, f->compat);
		return;
	}
	if (size)
		snprintf(buf, len, ", size %" PRIu64 " vs %" PRIu64, size->native, size->compat);
}

int uabi_diff__ioctls_compat(const struct uabi_compat_pair *newp,
			     const struct uabi_compat_pair *const *oldp, uint32_t npairs,
			     const struct uabi_kfacts *kf, const struct uabi_layout *const *new_,
			     uint32_t n, struct uabi_dlist *out, struct uabi_diag *d)
{
	if ((npairs && !newp) || !out)
		return uabi_diag__input(d, EINVAL, "diff: missing compat pairs");
	for (uint32_t p = 0; p < npairs; p++) {
		const struct uabi_compat_pair *pair = &newp[p];
		const struct uabi_compat_pair *op = oldp ? oldp[p] : NULL;
		const struct uabi_kfacts_arch *a = kf ? uabi_kfacts__arch(kf, pair->arch) : NULL;
		uint32_t order = n + p;

		find_dump(new_, n, pair->compat, &order);
		for (uint32_t i = 0; i < pair->nitems; i++) {
			const struct uabi_compat_item *ci = &pair->items[i];
			const struct uabi_compat_item *was;
			const struct uabi_ioctl *io;
			const struct uabi_khandled *h = NULL;
			enum uabi_sev sev = UABI_SEV_ERROR;
			char nums[160], member[400], why[400];
			bool kvm;

			if (ci->is_root || !uabi_verdict__needs_translation(ci->verdict))
				continue;
			was = find_item(op, ci->name);
			/* a break this change did not make is check's business */
			if (was && uabi_verdict__needs_translation(was->verdict))
				continue;
			io = ci->native ? ci->native : ci->compat;
			kvm = uabi_report__is_kvm_item(ci);
			if (ci->native && ci->compat && ci->native->number != ci->compat->number)
				snprintf(nums, sizeof(nums), "number 0x%" PRIx64 " on %s, 0x%" PRIx64 " on %s",
					 ci->native->number, pair->native, ci->compat->number,
					 pair->compat);
			else
				snprintf(nums, sizeof(nums), "same number 0x%" PRIx64 " on %s and %s",
					 ci->native ? ci->native->number : 0, pair->native, pair->compat);
			moved_member(ci, member, sizeof(member));
			if (a && kvm && !a->kvm_compat) {
				sev = UABI_SEV_NOTE;
				snprintf(why, sizeof(why), "no compat path on %s (KVM_COMPAT=n: a 32-bit "
					 "process cannot open /dev/kvm)", pair->arch);
			} else if (a && kvm && (h = uabi_kfacts_arch__handled(a, ci->name))) {
				sev = UABI_SEV_NOTE;
				snprintf(why, sizeof(why), "translated by %s (%s:%" PRIu32 ")",
					 str_or(h->site.function, h->label), str_or(h->site.file, "?"),
					 h->site.line);
			} else if (a && kvm) {
				snprintf(why, sizeof(why), "needs a case in a compat handler (%s %s)",
					 pair->arch,
					 uabi_kfacts_arch__dispatches(a, ci->name) ? "dispatches it"
					 : was ? "does not dispatch it"
					       : "does not dispatch it yet");
			} else {
				snprintf(why, sizeof(why), "needs compat translation; %s",
					 !kf ? "without a kernel tree no compat handler is known"
					     : "compat handlers are known for KVM ioctls only");
			}
			if (!uabi_dlist__add(out, "ioctl-needs-compat", sev, pair->compat, order, ci->name,
					     io ? io->arg_type : NULL, NULL, io ? io->decl_file : NULL,
					     io ? io->decl_line : 0, "%s: %s on %s (%s, %s%s): %s", ci->name,
					     was && was->verdict == UABI_V_IDENTICAL ? "was identical, now differs"
										    : "new ioctl that differs",
					     pair->compat, uabi_verdict__str(ci->verdict), nums, member, why))
				return uabi_diag__input(d, ENOMEM, "%s: out of memory", pair->compat);
		}
	}
	return 0;
}

/* ---- removals the old kernel did not dispatch --------------------------- */

int uabi_diff__place_removals(struct uabi_dlist *l, uint32_t from,
			      const struct uabi_layout *const *old, uint32_t n,
			      const struct uabi_kfacts *old_kf, struct uabi_diag *d)
{
	if (!old_kf)
		return 0;
	for (uint32_t i = from; i < l->n; i++) {
		struct uabi_dfinding *f = &l->v[i];
		const struct uabi_layout *od = find_dump(old, n, f->profiles, NULL);
		const struct uabi_kfacts_arch *a;
		const struct uabi_ioctl *io;

		if (f->sev != UABI_SEV_ERROR || strcmp(f->rule, "ioctl-removed") || !f->ioctl || !od)
			continue;
		io = uabi_layout__ioctl(od, f->ioctl);
		a = uabi_kfacts__arch(old_kf, od->profile.arch);
		if (!uabi_report__is_kvm_ioctl(io) || !a ||
		    uabi_kfacts_arch__dispatches(a, f->ioctl))
			continue;
		f->sev = UABI_SEV_NOTE;
		/* the same words on every arch, so that the ABIs merge into one line */
		f->message = uabi_arena__printf(&l->arena, "%s; the old kernel did not dispatch it on "
						"these ABIs", f->message);
		if (!f->message)
			return uabi_diag__input(d, ENOMEM, "diff: out of memory");
	}
	return 0;
}

/* ---- the ioctls and roots that carry a type ----------------------------- */

struct carry {
	const char *type;	/* "struct kvm_dirty_tlb" */
	const char *by;		/* "KVM_DIRTY_TLB", "struct kvm_run" */
};

struct carries {
	struct carry *v;
	uint32_t n, cap;
	struct uabi_arena a;
};

static int carry_add(struct carries *cs, const char *type, const char *by)
{
	if (cs->n == cs->cap) {
		uint32_t cap = cs->cap ? cs->cap * 2 : 256;
		struct carry *v = realloc(cs->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		cs->v = v;
		cs->cap = cap;
	}
	cs->v[cs->n].type = uabi_arena__strdup(&cs->a, type);
	cs->v[cs->n].by = by;
	if (!cs->v[cs->n].type)
		return -ENOMEM;
	cs->n++;
	return 0;
}

/* Every named struct/union whose bytes lie in type idx (members, array
 * elements; never through a pointer), idx itself included. */
static int carry_walk(struct carries *cs, const struct uabi_layout *l, uint32_t idx,
		      const char *by, unsigned depth)
{
	const struct uabi_type *t = uabi_layout__type(l, uabi_layout__strip(l, idx));
	char buf[SPELL_MAX];
	int err;

	while (t && t->kind == UABI_KIND_ARRAY && depth++ < MAX_DEPTH)
		t = uabi_layout__type(l, uabi_layout__strip(l, t->ref));
	if (!t || depth > MAX_DEPTH || (t->kind != UABI_KIND_STRUCT && t->kind != UABI_KIND_UNION))
		return 0;
	if (t->name) {
		err = carry_add(cs, uabi_layout__type_name(l, (uint32_t)(t - l->types), buf,
							   sizeof(buf)), by);
		if (err)
			return err;
	}
	for (uint32_t i = 0; i < t->nmembers; i++) {
		err = carry_walk(cs, l, t->members[i].type, by, depth + 1);
		if (err)
			return err;
	}
	return 0;
}

static int cmp_carry(const void *x, const void *y)
{
	const struct carry *a = x, *b = y;
	int r = strcmp(a->type, b->type);

	return r ? r : strcmp(a->by, b->by);
}

static int carries_of(struct carries *cs, const struct uabi_layout *l)
{
	int err = 0;

	for (uint32_t i = 0; !err && i < l->nioctls; i++) {
		const struct uabi_ioctl *io = &l->ioctls[i];

		if (io->applicable && io->name && io->type != UABI_NO_TYPE)
			err = carry_walk(cs, l, io->type, io->name, 0);
	}
	for (uint32_t i = 0; !err && i < l->nroots; i++) {
		const struct uabi_root *r = &l->roots[i];

		if (r->applicable && r->name && r->type != UABI_NO_TYPE)
			err = carry_walk(cs, l, r->type, r->name, 0);
	}
	return err;
}

int uabi_diff__name_carriers(struct uabi_dlist *l, const struct uabi_layout *const *old,
			     const struct uabi_layout *const *new_, uint32_t n, uint32_t from,
			     struct uabi_diag *d)
{
	struct carries cs = { 0 };
	int err = 0;

	uabi_arena__init(&cs.a);
	for (uint32_t i = 0; !err && i < n; i++) {
		if (old && old[i])
			err = carries_of(&cs, old[i]);
		if (!err && new_ && new_[i])
			err = carries_of(&cs, new_[i]);
	}
	if (err)
		goto out;
	if (cs.n)
		qsort(cs.v, cs.n, sizeof(*cs.v), cmp_carry);
	for (uint32_t i = from; i < l->n; i++) {
		struct uabi_dfinding *f = &l->v[i];
		char list[256];
		size_t len = 0;
		uint32_t lo = 0, hi = cs.n, shown = 0, more = 0;
		const char *prev = NULL;

		if (!f->type || f->ioctl || !strcmp(f->rule, "type-added") ||
		    !strcmp(f->rule, "type-removed"))
			continue;
		while (lo < hi) {
			uint32_t mid = lo + (hi - lo) / 2;

			if (strcmp(cs.v[mid].type, f->type) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (uint32_t k = lo; k < cs.n && !strcmp(cs.v[k].type, f->type); k++) {
			if ((prev && !strcmp(prev, cs.v[k].by)) || !strcmp(cs.v[k].by, f->type))
				continue;
			prev = cs.v[k].by;
			if (shown == 4) {
				more++;
				continue;
			}
			len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s", shown ? ", " : "",
						cs.v[k].by);
			if (len >= sizeof(list))
				len = sizeof(list) - 1;
			shown++;
		}
		if (!shown)
			continue;
		if (more)
			snprintf(list + len, sizeof(list) - len, " and %" PRIu32 " more", more);
		f->message = uabi_arena__printf(&l->arena, "%s; carried by %s", f->message, list);
		if (!f->message) {
			err = -ENOMEM;
			goto out;
		}
	}
out:
	free(cs.v);
	uabi_arena__free(&cs.a);
	if (err)
		return uabi_diag__input(d, ENOMEM, "diff: out of memory");
	return 0;
}
