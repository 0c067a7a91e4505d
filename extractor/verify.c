// SPDX-License-Identifier: MIT
#include "verify.h"

#include "../core/sbuf.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PATH_MAX_LEN 1024
#define DEPTH_MAX 64

struct vctx {
	const struct uabi_layout *l;
	struct uabi_diag *d;
	struct uabi_verify_stats st;
	struct uabi_sbuf b;	/* the asserts */
	int err;	/* first failure, -errno; d is set */
};

static void vfail(struct vctx *c, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void vfail(struct vctx *c, int err, const char *fmt, ...)
{
	va_list ap;

	if (c->err)
		return;
	va_start(ap, fmt);
	c->err = uabi_diag__vset(c->d, UABI_E_INPUT, err, fmt, ap);
	va_end(ap);
}

/* One assert: expr must hold; what says which number it is. */
static void check(struct vctx *c, const char *expr, const char *what)
{
	if (c->err)
		return;
	uabi_sbuf__addf(&c->b, "_Static_assert(%s, \"uabi: %s\");\n", expr, what);
	c->st.checks++;
}

/* Names are pasted into C source and into string literals: only plain
 * identifiers may pass. */
static bool ident_ok(const char *s)
{
	if (!s || !*s || (*s >= '0' && *s <= '9'))
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

static bool internal(const char *name)
{
	return name && !strncmp(name, "__uabi_", 7);
}

static const struct uabi_type *type_at(const struct vctx *c, uint32_t idx)
{
	return uabi_layout__type(c->l, idx);
}

static bool is_aggregate(const struct uabi_type *t)
{
	return t && (t->kind == UABI_KIND_STRUCT || t->kind == UABI_KIND_UNION);
}

/* Follow const/volatile only: a typedef'd member type is checked through
 * the typedef itself, an anonymous one only through its parent. */
static uint32_t strip_cv(const struct uabi_layout *l, uint32_t idx)
{
	for (unsigned guard = 0; guard < DEPTH_MAX; guard++) {
		const struct uabi_type *t = uabi_layout__type(l, idx);

		if (!t || (t->kind != UABI_KIND_CONST && t->kind != UABI_KIND_VOLATILE))
			return idx;
		idx = t->ref;
	}
	return UABI_NO_TYPE;
}

static bool is_flexible(const struct uabi_layout *l, uint32_t idx)
{
	const struct uabi_type *t = uabi_layout__type(l, uabi_layout__strip(l, idx));

	return t && t->kind == UABI_KIND_ARRAY && t->flexible;
}

/* Offset and (unless a flexible array) size of one member. */
static void check_member(struct vctx *c, const char *spelled, const char *path, uint64_t off,
			 const struct uabi_member *m)
{
	char expr[PATH_MAX_LEN + 256], what[PATH_MAX_LEN + 256];
	uint64_t size;

	snprintf(expr, sizeof(expr), "__builtin_offsetof(%s, %s) == %" PRIu64, spelled, path, off);
	snprintf(what, sizeof(what), "%s: member %s offset %" PRIu64, spelled, path, off);
	check(c, expr, what);
	if (is_flexible(c->l, m->type)) {
		c->st.flexible++;
		return;
	}
	size = uabi_layout__member_bits(c->l, m) / 8;
	snprintf(expr, sizeof(expr), "sizeof(((%s *)0)->%s) == %" PRIu64, spelled, path, size);
	snprintf(what, sizeof(what), "%s: member %s size %" PRIu64, spelled, path, size);
	check(c, expr, what);
}

/*
 * Members of aggregate agg, reached from the checked type (spelled, e.g.
 * "struct kvm_run") through prefix ("" or "s.", "pts[0].") at base_bits.
 */
static void walk(struct vctx *c, const char *spelled, uint32_t agg, const char *prefix,
		 uint64_t base_bits, unsigned depth)
{
	const struct uabi_type *t = type_at(c, agg);
	char path[PATH_MAX_LEN];

	if (depth > DEPTH_MAX) {
		vfail(c, ELOOP, "%s: members nest deeper than %d levels", spelled, DEPTH_MAX);
		return;
	}
	for (uint32_t i = 0; t && i < t->nmembers && !c->err; i++) {
		const struct uabi_member *m = &t->members[i];
		uint64_t off = base_bits + m->bit_offset;
		const struct uabi_type *mt;
		char sub[PATH_MAX_LEN];
		size_t sl;
		uint32_t inner;

		if (!m->name) {
			/* anonymous struct/union: its members are the parent's */
			inner = uabi_layout__strip(c->l, m->type);
			if (is_aggregate(type_at(c, inner)))
				walk(c, spelled, inner, prefix, off, depth + 1);
			continue;
		}
		if (!ident_ok(m->name)) {
			vfail(c, EINVAL, "%s: member name '%s' is not a C identifier", spelled,
			      m->name);
			return;
		}
		if ((size_t)snprintf(path, sizeof(path), "%s%s", prefix, m->name) >= sizeof(path)) {
			vfail(c, ENAMETOOLONG, "%s: member path too long", spelled);
			return;
		}
		if (m->bit_size || off % 8) {
			c->st.bitfields++;
			continue;
		}
		check_member(c, spelled, path, off / 8, m);

		/* a named member of anonymous type: its members only show here */
		sl = strlen(path);
		memcpy(sub, path, sl + 1);
		inner = strip_cv(c->l, m->type);
		mt = type_at(c, inner);
		for (unsigned g = 0; mt && mt->kind == UABI_KIND_ARRAY && g < DEPTH_MAX; g++) {
			if (sl + 4 >= sizeof(sub))
				break;
			memcpy(sub + sl, "[0]", 4);
			sl += 3;
			inner = strip_cv(c->l, mt->ref);
			mt = type_at(c, inner);
		}
		if (is_aggregate(mt) && !mt->name && sl + 2 < sizeof(sub)) {
			memcpy(sub + sl, ".", 2);
			walk(c, spelled, inner, sub, off, depth + 1);
		}
	}
}

static void check_aggregate(struct vctx *c, const char *spelled, uint32_t idx,
			    const struct uabi_type *t)
{
	char expr[PATH_MAX_LEN], what[PATH_MAX_LEN];

	snprintf(expr, sizeof(expr), "sizeof(%s) == %" PRIu64, spelled, t->size);
	snprintf(what, sizeof(what), "%s: size %" PRIu64, spelled, t->size);
	check(c, expr, what);
	snprintf(expr, sizeof(expr), "_Alignof(%s) == %" PRIu32, spelled, t->align);
	snprintf(what, sizeof(what), "%s: align %" PRIu32, spelled, t->align);
	check(c, expr, what);
	walk(c, spelled, idx, "", 0, 0);
}

/* A typedef whose size C can take: not of void, a function, an
 * incomplete aggregate or a flexible array. */
static bool sizable(const struct vctx *c, uint32_t idx)
{
	const struct uabi_type *t = type_at(c, uabi_layout__strip(c->l, idx));

	if (!t)
		return false;
	switch (t->kind) {
	case UABI_KIND_VOID:
	case UABI_KIND_FUNC:
		return false;
	case UABI_KIND_STRUCT:
	case UABI_KIND_UNION:
	case UABI_KIND_ENUM:
		return !t->declaration;
	case UABI_KIND_ARRAY:
		return !t->flexible;
	default:
		return true;
	}
}

static void enum_value(char *buf, size_t len, const struct uabi_enumerator *e, char *plain,
		       size_t plen)
{
	if (e->is_unsigned) {
		snprintf(buf, len, "%" PRIu64 "ULL", (uint64_t)e->value);
		snprintf(plain, plen, "%" PRIu64, (uint64_t)e->value);
	} else if (e->value == INT64_MIN) {
		/* 9223372036854775808LL does not exist: negate the max and step */
		snprintf(buf, len, "(-9223372036854775807LL - 1)");
		snprintf(plain, plen, "%" PRId64, e->value);
	} else {
		snprintf(buf, len, "%" PRId64 "LL", e->value);
		snprintf(plain, plen, "%" PRId64, e->value);
	}
}

static void check_enum(struct vctx *c, const struct uabi_type *t)
{
	char expr[512], what[512], lit[64], plain[32];

	if (t->name && !internal(t->name)) {
		if (!ident_ok(t->name)) {
			vfail(c, EINVAL, "enum '%s': name is not a C identifier", t->name);
			return;
		}
		snprintf(expr, sizeof(expr), "sizeof(enum %s) == %" PRIu64, t->name, t->size);
		snprintf(what, sizeof(what), "enum %s: size %" PRIu64, t->name, t->size);
		check(c, expr, what);
	}
	for (uint32_t i = 0; i < t->nenumerators && !c->err; i++) {
		const struct uabi_enumerator *e = &t->enumerators[i];

		if (internal(e->name))
			continue;
		if (!ident_ok(e->name)) {
			vfail(c, EINVAL, "enum %s: enumerator '%s' is not a C identifier",
			      t->name ? t->name : "<anon>", e->name ? e->name : "(null)");
			return;
		}
		enum_value(lit, sizeof(lit), e, plain, sizeof(plain));
		snprintf(expr, sizeof(expr), "(%s) == %s", e->name, lit);
		snprintf(what, sizeof(what), "enumerator %s: value %s", e->name, plain);
		check(c, expr, what);
	}
}

static void check_type(struct vctx *c, uint32_t idx)
{
	const struct uabi_type *t = type_at(c, idx);
	char spelled[512], expr[PATH_MAX_LEN], what[PATH_MAX_LEN];
	const struct uabi_type *target;
	uint32_t inner;

	if (t->declaration || internal(t->name))
		return;
	switch (t->kind) {
	case UABI_KIND_STRUCT:
	case UABI_KIND_UNION:
		if (!t->name)
			return;
		if (!ident_ok(t->name)) {
			vfail(c, EINVAL, "%s '%s': name is not a C identifier",
			      uabi_kind__str(t->kind), t->name);
			return;
		}
		snprintf(spelled, sizeof(spelled), "%s %s", uabi_kind__str(t->kind), t->name);
		check_aggregate(c, spelled, idx, t);
		break;
	case UABI_KIND_ENUM:
		check_enum(c, t);
		break;
	case UABI_KIND_TYPEDEF:
		if (!t->name || !sizable(c, idx))
			return;
		if (!ident_ok(t->name)) {
			vfail(c, EINVAL, "typedef '%s': name is not a C identifier", t->name);
			return;
		}
		snprintf(expr, sizeof(expr), "sizeof(%s) == %" PRIu64, t->name, t->size);
		snprintf(what, sizeof(what), "typedef %s: size %" PRIu64, t->name, t->size);
		check(c, expr, what);
		snprintf(expr, sizeof(expr), "_Alignof(%s) == %" PRIu32, t->name, t->align);
		snprintf(what, sizeof(what), "typedef %s: align %" PRIu32, t->name, t->align);
		check(c, expr, what);
		/* typedef struct { ... } T: the members have no other name */
		inner = strip_cv(c->l, t->ref);
		target = type_at(c, inner);
		if (is_aggregate(target) && !target->name)
			walk(c, t->name, inner, "", 0, 0);
		break;
	default:
		break;
	}
}

static void check_ioctl(struct vctx *c, const struct uabi_ioctl *io)
{
	char expr[512], what[512];

	if (!io->applicable)
		return;
	if (!ident_ok(io->name)) {
		vfail(c, EINVAL, "ioctl '%s': name is not a C identifier",
		      io->name ? io->name : "(null)");
		return;
	}
	snprintf(expr, sizeof(expr), "(unsigned long long)(%s) == 0x%" PRIx64 "ULL", io->name,
		 io->number);
	snprintf(what, sizeof(what), "ioctl %s: number 0x%" PRIx64, io->name, io->number);
	check(c, expr, what);
	snprintf(expr, sizeof(expr), "(unsigned long long)_IOC_SIZE(%s) == %" PRIu32 "ULL",
		 io->name, io->size);
	snprintf(what, sizeof(what), "ioctl %s: size %" PRIu32, io->name, io->size);
	check(c, expr, what);
}

int uabi_verify__source_stats(const struct uabi_layout *l, char **out,
			      struct uabi_verify_stats *st, struct uabi_diag *d)
{
	return uabi_verify__source_filtered(l, NULL, out, st, d);
}

int uabi_verify__source_filtered(const struct uabi_layout *l, const struct uabi_verify_filter *f,
				 char **out, struct uabi_verify_stats *st, struct uabi_diag *d)
{
	struct vctx c = { .l = l, .d = d };
	char expr[64], what[64];

	*out = NULL;
	uabi_sbuf__init(&c.b);
	if (l->profile.pointer_size) {
		snprintf(expr, sizeof(expr), "sizeof(void *) == %" PRIu32, l->profile.pointer_size);
		snprintf(what, sizeof(what), "pointer size %" PRIu32, l->profile.pointer_size);
		check(&c, expr, what);
	}
	if (l->profile.long_size) {
		snprintf(expr, sizeof(expr), "sizeof(long) == %" PRIu32, l->profile.long_size);
		snprintf(what, sizeof(what), "long size %" PRIu32, l->profile.long_size);
		check(&c, expr, what);
	}
	for (uint32_t i = 0; i < l->ntypes && !c.err; i++)
		if (!f || f->keep(f->ctx, l->types[i].decl_file))
			check_type(&c, i);
	for (uint32_t i = 0; i < l->nioctls && !c.err; i++)
		if (!f || f->keep(f->ctx, l->ioctls[i].decl_file))
			check_ioctl(&c, &l->ioctls[i]);
	if (c.err) {
		uabi_sbuf__free(&c.b);
		return c.err;
	}
	/* an empty layout still gives a string */
	*out = uabi_sbuf__finish(&c.b, d);
	if (!*out)
		return -ENOMEM;
	if (st)
		*st = c.st;
	return 0;
}

int uabi_verify__source(const struct uabi_layout *l, char **out, size_t *nchecks,
			struct uabi_diag *d)
{
	struct uabi_verify_stats st;
	int err = uabi_verify__source_stats(l, out, &st, d);

	if (nchecks)
		*nchecks = err ? 0 : st.checks;
	return err;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* One block (UABI_VERIFY_CLAIM_LINES lines, verify.h): tag makes its own
 * names ones the headers cannot know; i numbers them. */
static void claim_block(struct uabi_sbuf *b, const char *tag, const char *name, const char *expr,
			const char *what, uint32_t i)
{
	uabi_sbuf__addf(b, "#if defined(%s)\n", name);
	uabi_sbuf__addf(b, "#define __uabi_%s_use ((unsigned long long)(%s) & 0x7fffffffULL)\n", tag,
			expr);
	uabi_sbuf__addf(b, "enum { __uabi_%s_a%" PRIu32 " = (int)__uabi_%s_use, __uabi_%s_b%" PRIu32
			" =\n#include \"" UABI_VERIFY_USE_FILE "\"\n};\n", tag, i, tag, tag, i);
	/* and an integer constant expression (clang's enumerators fold a
	 * comma expression; extract's probe asserts the same) */
	uabi_sbuf__addf(b, "_Static_assert(__uabi_%s_a%" PRIu32 " == __uabi_%s_b%" PRIu32
			" && ((__uabi_%s_use) || 1), \"uabi: %s\");\n#undef __uabi_%s_use\n", tag, i,
			tag, i, tag, what, tag);
	uabi_sbuf__addf(b, "#else\n_Static_assert(0, \"uabi: %s is not defined\");\n#endif\n", name);
}

int uabi_verify__claims_source(const struct uabi_layout *l, const struct uabi_verify_filter *f,
			       const char *const *names, uint32_t nnames, const char *tag, char **text,
			       struct uabi_verify_claim **claims, uint32_t *n,
			       struct uabi_diag *d)
{
	const char **have = calloc(l->nioctls + 1, sizeof(*have));
	struct uabi_verify_claim *v = calloc(l->nioctls + nnames + 1, sizeof(*v));
	uint32_t nhave = 0, line = UABI_VERIFY_CONTROL_LINES + 1;
	struct uabi_sbuf b;

	*text = NULL;
	*claims = NULL;
	*n = 0;
	if (!have || !v) {
		free(have);
		free(v);
		return uabi_diag__input(d, ENOMEM, "out of memory");
	}
	for (uint32_t j = 0; j < l->nioctls; j++)
		if (l->ioctls[j].name)
			have[nhave++] = l->ioctls[j].name;
	qsort(have, nhave, sizeof(*have), cmp_str);
	for (uint32_t i = 0; i < l->nioctls; i++) {
		const struct uabi_ioctl *io = &l->ioctls[i];

		if (!io->applicable && ident_ok(io->name) && (!f || f->keep(f->ctx, io->decl_file)))
			v[(*n)++] = (struct uabi_verify_claim){ io->name, i, 0 };
	}
	for (uint32_t i = 0; i < nnames; i++)
		if (ident_ok(names[i]) && !(i && !strcmp(names[i], names[i - 1])) &&
		    !(nhave && bsearch(&names[i], have, nhave, sizeof(*have), cmp_str)))
			v[(*n)++] = (struct uabi_verify_claim){ names[i], UINT32_MAX, 0 };
	free(have);
	if (!*n) {
		free(v);
		return 0;
	}
	uabi_sbuf__init(&b);
	/* the control: 0, with the block's own lines (defined(0) is false:
	 * the name of a macro every unit has) */
	claim_block(&b, tag, "__STDC__", "0", "control", UINT32_MAX);
	for (uint32_t i = 0; i < *n; i++, line += UABI_VERIFY_CLAIM_LINES) {
		v[i].line = line;
		claim_block(&b, tag, v[i].name, v[i].name, v[i].name, i);
	}
	*text = uabi_sbuf__finish(&b, d);
	if (!*text) {
		free(v);
		*n = 0;
		return -ENOMEM;
	}
	*claims = v;
	return 0;
}
