// SPDX-License-Identifier: MIT
/*
 * Compat verdicts: walk the argument type of each ioctl (and each extra
 * root) on the native and the compat ABI in parallel and record where the
 * bytes differ. The walk never follows pointers: a pointer is a finding of
 * its own width, what it points to is the handler's business.
 */
#include "compat.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
/* struct members are found by a linear scan up to this many, else by bsearch */
#define LINEAR_MEMBERS 16
/* a struct cannot contain itself; this only bounds malformed input */
#define MAX_DEPTH 64

static const char *const verdict_names[UABI_V__COUNT] = {
	[UABI_V_IDENTICAL] = "identical",
	[UABI_V_NUMBER_DIFFERS] = "number-differs",
	[UABI_V_LAYOUT_DIFFERS] = "layout-differs",
	[UABI_V_POINTER_WIDTH] = "pointer-width",
	[UABI_V_NOT_APPLICABLE] = "not-applicable",
};

static const char *const finding_names[UABI_F__COUNT] = {
	[UABI_F_NUMBER] = "number",
	[UABI_F_IOC_SIZE] = "ioc-size",
	[UABI_F_SIZE] = "size",
	[UABI_F_OFFSET] = "offset",
	[UABI_F_BIT_OFFSET] = "bit-offset",
	[UABI_F_BIT_SIZE] = "bit-size",
	[UABI_F_COUNT] = "count",
	[UABI_F_ALIGNMENT] = "alignment",
	[UABI_F_TAIL_PADDING] = "tail-padding",
	[UABI_F_POINTER] = "pointer",
	[UABI_F_LONG] = "long",
	[UABI_F_MISSING] = "missing",
	[UABI_F_KIND] = "kind",
	[UABI_F_ARM_SIZE] = "arm-size",
};

const char *uabi_verdict__str(enum uabi_verdict v)
{
	return (unsigned)v < UABI_V__COUNT ? verdict_names[v] : "?";
}

int uabi_verdict__parse(const char *s)
{
	for (size_t i = 0; s && i < ARRAY_LEN(verdict_names); i++)
		if (!strcmp(verdict_names[i], s))
			return (int)i;
	return -1;
}

const char *uabi_finding_kind__str(enum uabi_finding_kind k)
{
	return (unsigned)k < UABI_F__COUNT ? finding_names[k] : "?";
}

bool uabi_verdict__needs_translation(enum uabi_verdict v)
{
	return v == UABI_V_NUMBER_DIFFERS || v == UABI_V_LAYOUT_DIFFERS ||
	       v == UABI_V_POINTER_WIDTH;
}

/* ---- the walk ---------------------------------------------------------- */

struct walk {
	const struct uabi_layout *n, *c;
	struct uabi_arena *arena;
	struct uabi_finding buf[UABI_COMPAT_MAX_FINDINGS];
	uint32_t nbuf, total;
	bool layout;		/* an offset/size/bit/count/missing/kind/tail finding of a leaf
				 * or of an aggregate outside any union (see compat.h) */
	bool width;		/* a pointer or long finding */
	int err;		/* -ENOMEM once an allocation failed */
	uint64_t nbase, cbase;	/* bits from the start of the argument to the node
				 * walked, per side (UABI_NO_OFFSET: side absent) */
	size_t plen;
	char path[1024];
};

static bool is_layout_kind(enum uabi_finding_kind k)
{
	switch (k) {
	case UABI_F_SIZE:
	case UABI_F_OFFSET:
	case UABI_F_BIT_OFFSET:
	case UABI_F_BIT_SIZE:
	case UABI_F_COUNT:
	case UABI_F_TAIL_PADDING:
	case UABI_F_MISSING:
	case UABI_F_KIND:
		return true;
	default:
		return false;
	}
}

/* Record a finding; soft: the size or tail padding of an aggregate inside
 * a union, which moves no byte by itself (its leaves and the union's size
 * have findings of their own when they change). */
static void add_as(struct walk *w, enum uabi_finding_kind k, bool soft, uint64_t nv, uint64_t cv,
		   const char *file, uint32_t line)
{
	struct uabi_finding *f;

	w->total++;
	if (is_layout_kind(k) && !soft)
		w->layout = true;
	else if (k == UABI_F_POINTER || k == UABI_F_LONG)
		w->width = true;
	if (w->nbuf == UABI_COMPAT_MAX_FINDINGS)
		return;
	f = &w->buf[w->nbuf++];
	f->kind = k;
	f->native = nv;
	f->compat = cv;
	f->native_at = k == UABI_F_NUMBER || k == UABI_F_IOC_SIZE || w->nbase == UABI_NO_OFFSET
			       ? UABI_NO_OFFSET : w->nbase / 8;
	f->compat_at = k == UABI_F_NUMBER || k == UABI_F_IOC_SIZE || w->cbase == UABI_NO_OFFSET
			       ? UABI_NO_OFFSET : w->cbase / 8;
	f->line = file ? line : 0;
	f->path = uabi_arena__strndup(w->arena, w->path, w->plen);
	f->file = uabi_arena__strdup(w->arena, file);
	if (!f->path || (file && !f->file))
		w->err = -ENOMEM;
}

static void add(struct walk *w, enum uabi_finding_kind k, uint64_t nv, uint64_t cv,
		const char *file, uint32_t line)
{
	add_as(w, k, false, nv, cv, file, line);
}

/* Append a path segment, after a '.' if dot and the path is not empty
 * ("a" + "b" = "a.b", "a" + "[0]" = "a[0]"). Returns the length to restore;
 * an overlong path is truncated, never overrun. */
static size_t push(struct walk *w, const char *seg, bool dot)
{
	size_t old = w->plen, n = strlen(seg);

	if (dot && w->plen && w->plen < sizeof(w->path) - 1)
		w->path[w->plen++] = '.';
	if (n > sizeof(w->path) - 1 - w->plen)
		n = sizeof(w->path) - 1 - w->plen;
	memcpy(w->path + w->plen, seg, n);
	w->plen += n;
	w->path[w->plen] = '\0';
	return old;
}

static void pop(struct walk *w, size_t old)
{
	w->plen = old;
	w->path[old] = '\0';
}

/* "long", "unsigned long", "long int", "long unsigned int", ...: exactly one
 * "long" among int/signed/unsigned words (not long long, not long double). */
static bool is_long_name(const char *s)
{
	unsigned longs = 0;

	if (!s)
		return false;
	while (*s) {
		size_t n;

		while (*s == ' ')
			s++;
		n = strcspn(s, " ");
		if (!n)
			break;
		if (n == 4 && !strncmp(s, "long", 4))
			longs++;
		else if (!(n == 3 && !strncmp(s, "int", 3)) && !(n == 6 && !strncmp(s, "signed", 6)) &&
			 !(n == 8 && !strncmp(s, "unsigned", 8)))
			return false;
		s += n;
	}
	return longs == 1;
}

static void walk(struct walk *w, uint32_t nt, uint32_t ct, const char *own, const char *file,
		 uint32_t line, bool in_union, unsigned depth);

/* Findings of a node itself (not of its members) go to path + own when the
 * node is an anonymous member: its members keep the C spelling (a.b for a
 * b inside an anonymous union of a) while its own size or offset needs a
 * name of its own. */
static void add_own_as(struct walk *w, const char *own, enum uabi_finding_kind k, bool soft,
		       uint64_t nv, uint64_t cv, const char *file, uint32_t line)
{
	size_t old = w->plen;

	if (own)
		old = push(w, own, true);
	add_as(w, k, soft, nv, cv, file, line);
	pop(w, old);
}

static void add_own(struct walk *w, const char *own, enum uabi_finding_kind k, uint64_t nv,
		    uint64_t cv, const char *file, uint32_t line)
{
	add_own_as(w, own, k, false, nv, cv, file, line);
}

struct named {
	const char *name;
	uint32_t idx;
};

static int cmp_named(const void *a, const void *b)
{
	return strcmp(((const struct named *)a)->name, ((const struct named *)b)->name);
}

static void walk_member_at(struct walk *w, const struct uabi_member *mn,
			   const struct uabi_member *mc, const char *seg, const char *file,
			   uint32_t line, bool in_union, unsigned depth);

/* Compare one pair of members; seg is the name or "<anonN>"; in_union:
 * the member sits (at some depth) in a union, through no array. */
static void walk_member(struct walk *w, const struct uabi_member *mn, const struct uabi_member *mc,
			const char *seg, bool in_union, unsigned depth)
{
	const char *file = mn->decl_file ? mn->decl_file : mc->decl_file;
	uint32_t line = mn->decl_file ? mn->decl_line : mc->decl_line;
	uint64_t nbase = w->nbase, cbase = w->cbase;

	w->nbase += mn->bit_offset;
	w->cbase += mc->bit_offset;
	walk_member_at(w, mn, mc, seg, file, line, in_union, depth);
	w->nbase = nbase;
	w->cbase = cbase;
}

/* walk_member with the bases at the member */
static void walk_member_at(struct walk *w, const struct uabi_member *mn,
			   const struct uabi_member *mc, const char *seg, const char *file,
			   uint32_t line, bool in_union, unsigned depth)
{
	size_t old;

	if (mn->bit_size || mc->bit_size) {
		uint64_t nb = uabi_layout__member_bits(w->n, mn);
		uint64_t cb = uabi_layout__member_bits(w->c, mc);

		/* a bitfield is bits of its storage unit: its type's width
		 * (even a long's) is not what the caller sees */
		old = push(w, seg, true);
		if (mn->bit_offset != mc->bit_offset)
			add(w, UABI_F_BIT_OFFSET, mn->bit_offset, mc->bit_offset, file, line);
		if (nb != cb)
			add(w, UABI_F_BIT_SIZE, nb, cb, file, line);
		pop(w, old);
		return;
	}
	if (mn->name) {
		old = push(w, seg, true);
		if (mn->bit_offset != mc->bit_offset)
			add(w, UABI_F_OFFSET, mn->bit_offset / 8, mc->bit_offset / 8, file, line);
		walk(w, mn->type, mc->type, NULL, file, line, in_union, depth + 1);
		pop(w, old);
	} else {
		if (mn->bit_offset != mc->bit_offset)
			add_own(w, seg, UABI_F_OFFSET, mn->bit_offset / 8, mc->bit_offset / 8, file,
				line);
		walk(w, mn->type, mc->type, seg, file, line, in_union, depth + 1);
	}
}

/* A member on one side only: placed on that side, none on the other. */
static void add_missing(struct walk *w, const struct uabi_member *m, bool native)
{
	uint64_t nbase = w->nbase, cbase = w->cbase;

	w->nbase = native ? nbase + m->bit_offset : UABI_NO_OFFSET;
	w->cbase = native ? UABI_NO_OFFSET : cbase + m->bit_offset;
	add(w, UABI_F_MISSING, native, !native, m->decl_file, m->decl_line);
	w->nbase = nbase;
	w->cbase = cbase;
}

/* Pair members by name (anonymous ones by their position among the
 * anonymous members), native order first, then the compat-only ones. */
static void walk_members(struct walk *w, const struct uabi_type *tn, const struct uabi_type *tc,
			 bool in_union, unsigned depth)
{
	uint32_t nc = tc->nmembers, nanon = 0, canon = 0;
	struct named *index = NULL;
	uint8_t small[LINEAR_MEMBERS], *used = small;
	uint32_t *anon = NULL;
	char seg[32];

	if (nc > LINEAR_MEMBERS) {
		used = calloc(nc, 1);
		index = malloc(nc * sizeof(*index));
		if (!used || !index) {
			free(index);
			if (used != small)
				free(used);
			w->err = -ENOMEM;
			return;
		}
	} else {
		memset(small, 0, sizeof(small));
	}
	anon = malloc((nc ? nc : 1) * sizeof(*anon));
	if (!anon) {
		w->err = -ENOMEM;
		goto out;
	}
	for (uint32_t j = 0, k = 0; j < nc; j++) {
		if (!tc->members[j].name)
			anon[canon++] = j;
		else if (index)
			index[k++] = (struct named){ tc->members[j].name, j };
	}
	if (index)
		qsort(index, nc - canon, sizeof(*index), cmp_named);

	for (uint32_t i = 0; i < tn->nmembers && !w->err; i++) {
		const struct uabi_member *mn = &tn->members[i];
		uint32_t j = UINT32_MAX;

		if (!mn->name) {
			snprintf(seg, sizeof(seg), "<anon%u>", nanon);
			if (nanon < canon)
				j = anon[nanon];
			nanon++;
		} else if (index) {
			struct named key = { mn->name, 0 }, *hit;

			hit = nc > canon ? bsearch(&key, index, nc - canon, sizeof(*index), cmp_named) : NULL;
			if (hit)
				j = hit->idx;
		} else {
			for (uint32_t k = 0; k < nc; k++)
				if (tc->members[k].name && !strcmp(tc->members[k].name, mn->name)) {
					j = k;
					break;
				}
		}
		if (j == UINT32_MAX || used[j]) {
			size_t old = push(w, mn->name ? mn->name : seg, true);

			add_missing(w, mn, true);
			pop(w, old);
			continue;
		}
		used[j] = 1;
		walk_member(w, mn, &tc->members[j], mn->name ? mn->name : seg,
			    in_union || tn->kind == UABI_KIND_UNION, depth);
	}
	for (uint32_t j = 0, a = 0; j < nc && !w->err; j++) {
		const struct uabi_member *mc = &tc->members[j];
		size_t old;

		if (!mc->name)
			snprintf(seg, sizeof(seg), "<anon%u>", a++);
		if (used[j])
			continue;
		old = push(w, mc->name ? mc->name : seg, true);
		add_missing(w, mc, false);
		pop(w, old);
	}
out:
	free(anon);
	free(index);
	if (used != small)
		free(used);
}

/* The arm profile compiles arm64 headers with a 16-byte struct standing in
 * for __uint128_t, which ILP32 compilers lack (core/profile.c): the same
 * bytes as the native 128-bit scalar, not a different kind of type. */
#define UINT128_STANDIN "__uint128_standin_t"

static bool is_standin(const struct uabi_layout *l, uint32_t idx)
{
	for (uint32_t guard = 0; guard < 16; guard++) {
		const struct uabi_type *t = uabi_layout__type(l, idx);

		if (!t || (t->kind != UABI_KIND_TYPEDEF && t->kind != UABI_KIND_CONST &&
			   t->kind != UABI_KIND_VOLATILE))
			return false;
		if (t->kind == UABI_KIND_TYPEDEF && t->name && !strcmp(t->name, UINT128_STANDIN))
			return true;
		idx = t->ref;
	}
	return false;
}

/* in_union: this type sits in a union through members only (no array of
 * more than one element on the way), so its own size and tail padding
 * move no byte: a leaf that moves, or the union's size, is a finding of
 * its own (soft findings, see compat.h). */
static void walk(struct walk *w, uint32_t nt, uint32_t ct, const char *own, const char *file,
		 uint32_t line, bool in_union, unsigned depth)
{
	bool standin = is_standin(w->n, nt) || is_standin(w->c, ct);

	const struct uabi_type *tn, *tc;
	size_t old;

	if (w->err || depth > MAX_DEPTH)
		return;
	nt = uabi_layout__strip(w->n, nt);
	ct = uabi_layout__strip(w->c, ct);
	tn = uabi_layout__type(w->n, nt);
	tc = uabi_layout__type(w->c, ct);
	if (!tn && !tc)
		return;
	if (tn && tc && standin && (tn->kind == UABI_KIND_BASE || tc->kind == UABI_KIND_BASE)) {
		if (tn->size != tc->size)
			add_own(w, own, UABI_F_SIZE, tn->size, tc->size, file, line);
		return;
	}
	if (!tn || !tc || tn->kind != tc->kind) {
		add_own(w, own, UABI_F_KIND, tn ? tn->kind : UABI_KIND_VOID,
			tc ? tc->kind : UABI_KIND_VOID, file, line);
		return;
	}
	switch (tn->kind) {
	case UABI_KIND_POINTER:
		if (tn->size != tc->size)
			add_own(w, own, UABI_F_POINTER, tn->size, tc->size, file, line);
		return;
	case UABI_KIND_BASE:
		/* same size, different spelling (__u64: unsigned long on ppc64,
		 * unsigned long long on ppc32) is the same bytes */
		if (tn->size != tc->size)
			add_own(w, own,
				is_long_name(tn->name) || is_long_name(tc->name) ? UABI_F_LONG :
										    UABI_F_SIZE,
				tn->size, tc->size, file, line);
		return;
	case UABI_KIND_ENUM:
		if (tn->size != tc->size)
			add_own(w, own, UABI_F_SIZE, tn->size, tc->size, file, line);
		return;
	case UABI_KIND_ARRAY:
		/* the array's size follows from count and element: report those */
		if (tn->count != tc->count || tn->flexible != tc->flexible)
			add_own(w, own, UABI_F_COUNT, tn->count, tc->count, file, line);
		/* elements after the first are at count * size: an element
		 * that changes size moves them, unless there is only one */
		old = push(w, "[0]", false);
		walk(w, tn->ref, tc->ref, NULL, file, line,
		     in_union && tn->count == 1 && tc->count == 1 && !tn->flexible && !tc->flexible,
		     depth + 1);
		pop(w, old);
		return;
	case UABI_KIND_STRUCT:
	case UABI_KIND_UNION:
		if (tn->size != tc->size)
			add_own(w, own, in_union ? UABI_F_ARM_SIZE : UABI_F_SIZE, tn->size,
				tc->size, file, line);
		walk_members(w, tn, tc, in_union, depth);
		/* in whole bytes: a bitfield's move is its own finding */
		if (tn->tail_padding_bits / 8 != tc->tail_padding_bits / 8)
			add_own_as(w, own, UABI_F_TAIL_PADDING, in_union, tn->tail_padding_bits / 8,
				   tc->tail_padding_bits / 8, file, line);
		return;
	default:
		return;
	}
}

/* ---- items ------------------------------------------------------------- */

static void walk_reset(struct walk *w)
{
	w->nbuf = w->total = 0;
	w->layout = w->width = false;
	w->nbase = w->cbase = 0;
	w->plen = 0;
	w->path[0] = '\0';
}

static uint64_t type_size(const struct uabi_layout *l, uint32_t t)
{
	const struct uabi_type *ty = uabi_layout__type(l, uabi_layout__strip(l, t));

	return ty ? ty->size : 0;
}

/* Walk the two argument types; findings of the type itself carry its
 * declaration, else the fallback (the ioctl's). Alignment is noted only
 * when it is the sole difference (see compat.h). */
static void walk_top(struct walk *w, uint32_t nt, uint32_t ct, const char *file, uint32_t line,
		     bool alignment)
{
	const struct uabi_type *tn = uabi_layout__type(w->n, uabi_layout__strip(w->n, nt));
	const struct uabi_type *tc = uabi_layout__type(w->c, uabi_layout__strip(w->c, ct));

	if (tn && tn->decl_file) {
		file = tn->decl_file;
		line = tn->decl_line;
	} else if (!tn && tc && tc->decl_file) {
		file = tc->decl_file;
		line = tc->decl_line;
	}
	walk(w, nt, ct, NULL, file, line, false, 0);
	if (alignment && !w->total && tn && tc) {
		uint32_t na = uabi_layout__align(w->n, uabi_layout__strip(w->n, nt));
		uint32_t ca = uabi_layout__align(w->c, uabi_layout__strip(w->c, ct));

		if (na != ca)
			add(w, UABI_F_ALIGNMENT, na, ca, file, line);
	}
}

static int item_finish(struct walk *w, struct uabi_compat_item *it)
{
	if (w->err)
		return w->err;
	it->nfindings = w->nbuf;
	it->nfindings_total = w->total;
	if (w->nbuf) {
		it->findings = uabi_arena__alloc(w->arena, w->nbuf * sizeof(*it->findings));
		if (!it->findings)
			return -ENOMEM;
		memcpy(it->findings, w->buf, w->nbuf * sizeof(*it->findings));
	}
	return 0;
}

static enum uabi_verdict verdict_of(const struct walk *w)
{
	if (w->layout)
		return UABI_V_LAYOUT_DIFFERS;
	if (w->width)
		return UABI_V_POINTER_WIDTH;
	return UABI_V_IDENTICAL;
}

/* "absent from x86_64", "not defined for i386: <reason>", both sides
 * joined by "; " (one clause when both give the same reason). */
static const char *na_reason(struct uabi_arena *a, const char *nname, const char *cname,
			     bool npresent, bool napp, const char *nwhy, bool cpresent, bool capp,
			     const char *cwhy)
{
	char *parts[2] = { NULL, NULL };
	int np = 0;

	if (npresent && !napp && cpresent && !capp && nwhy && cwhy && !strcmp(nwhy, cwhy))
		return uabi_arena__printf(a, "not defined for %s and %s: %s", nname, cname, nwhy);
	for (int side = 0; side < 2; side++) {
		const char *name = side ? cname : nname, *why = side ? cwhy : nwhy;
		bool present = side ? cpresent : npresent, app = side ? capp : napp;

		if (!present)
			parts[np++] = uabi_arena__printf(a, "absent from %s", name);
		else if (!app && why)
			parts[np++] = uabi_arena__printf(a, "not defined for %s: %s", name, why);
		else if (!app)
			parts[np++] = uabi_arena__printf(a, "not defined for %s", name);
		if (np && !parts[np - 1])
			return NULL;
	}
	if (np == 2)
		return uabi_arena__printf(a, "%s; %s", parts[0], parts[1]);
	return np ? parts[0] : uabi_arena__strdup(a, "not applicable");
}

static const char *name_or(const char *s, const char *dflt)
{
	return s ? s : dflt;
}

/* The header l skipped (--all) that declares an ioctl at decl_file
 * ("include/uapi/linux/videodev2.h" is linux/videodev2.h's), or NULL. */
static const struct uabi_skipped_header *skipped_for(const struct uabi_layout *l,
						     const char *decl_file)
{
	size_t fl = decl_file ? strlen(decl_file) : 0;

	for (uint32_t i = 0; fl && i < l->input.nskipped; i++) {
		const char *h = l->input.skipped[i].header;
		size_t hl = h ? strlen(h) : 0;

		if (hl && hl <= fl && !strcmp(decl_file + fl - hl, h) &&
		    (hl == fl || decl_file[fl - hl - 1] == '/'))
			return &l->input.skipped[i];
	}
	return NULL;
}

static int compare_ioctl(struct uabi_compat_pair *p, struct walk *w, struct uabi_compat_item *it,
			 const struct uabi_ioctl *in, const struct uabi_ioctl *ic)
{
	const char *nname = name_or(p->native, "native"), *cname = name_or(p->compat, "compat");

	it->name = uabi_arena__strdup(&p->arena, in ? in->name : ic->name);
	if (!it->name)
		return -ENOMEM;
	it->native = in;
	it->compat = ic;
	it->native_type = in && in->applicable ? in->type : UABI_NO_TYPE;
	it->compat_type = ic && ic->applicable ? ic->type : UABI_NO_TYPE;
	it->native_size = type_size(p->n, it->native_type);
	it->compat_size = type_size(p->c, it->compat_type);
	it->declared = (in && in->declared) || (ic && ic->declared);
	walk_reset(w);

	if (!in || !ic || !in->applicable || !ic->applicable) {
		/* absent because its header was skipped there (--all) */
		const struct uabi_skipped_header *sk = !in ? skipped_for(p->n, ic->decl_file)
						   : !ic ? skipped_for(p->c, in->decl_file) : NULL;

		it->verdict = UABI_V_NOT_APPLICABLE;
		it->not_judged = sk != NULL;
		if (sk) {
			it->reason = uabi_arena__printf(&p->arena, "%s skipped on %s: %s", sk->header,
							!in ? nname : cname,
							sk->reason ? sk->reason : "does not compile");
			return it->reason ? 0 : -ENOMEM;
		}
		it->reason = na_reason(&p->arena, nname, cname, in, in && in->applicable,
				       in ? in->reason : NULL, ic, ic && ic->applicable,
				       ic ? ic->reason : NULL);
		return it->reason ? 0 : -ENOMEM;
	}
	if (in->number != ic->number) {
		add(w, UABI_F_NUMBER, in->number, ic->number, in->decl_file, in->decl_line);
		if (in->size != ic->size)
			add(w, UABI_F_IOC_SIZE, in->size, ic->size, in->decl_file, in->decl_line);
		walk_top(w, it->native_type, it->compat_type, in->decl_file, in->decl_line, false);
		it->verdict = UABI_V_NUMBER_DIFFERS;
	} else if ((it->native_type == UABI_NO_TYPE) != (it->compat_type == UABI_NO_TYPE)) {
		/* one side's number names a type (_IOW(..., int)), the other's
		 * none (_IOC(_IOC_WRITE, ..., 4)): the numbers agree, size field
		 * included, and there is no second layout to compare: identical
		 * on the number alone, untyped (not a kind difference of a
		 * type with no type) */
		it->verdict = UABI_V_IDENTICAL;
		it->untyped = true;
	} else {
		walk_top(w, it->native_type, it->compat_type, in->decl_file, in->decl_line, true);
		it->verdict = verdict_of(w);
	}
	it->untyped |= it->native_type == UABI_NO_TYPE && it->compat_type == UABI_NO_TYPE;
	return item_finish(w, it);
}

static int compare_root(struct uabi_compat_pair *p, struct walk *w, struct uabi_compat_item *it,
			const struct uabi_root *rn, const struct uabi_root *rc)
{
	it->name = uabi_arena__strdup(&p->arena, rn ? rn->name : rc->name);
	if (!it->name)
		return -ENOMEM;
	it->is_root = true;
	it->native_type = rn && rn->applicable ? rn->type : UABI_NO_TYPE;
	it->compat_type = rc && rc->applicable ? rc->type : UABI_NO_TYPE;
	it->native_size = type_size(p->n, it->native_type);
	it->compat_size = type_size(p->c, it->compat_type);
	walk_reset(w);
	if (!rn || !rc || !rn->applicable || !rc->applicable) {
		it->verdict = UABI_V_NOT_APPLICABLE;
		it->reason = na_reason(&p->arena, name_or(p->native, "native"),
				       name_or(p->compat, "compat"), rn, rn && rn->applicable,
				       rn ? rn->reason : NULL, rc, rc && rc->applicable,
				       rc ? rc->reason : NULL);
		return it->reason ? 0 : -ENOMEM;
	}
	walk_top(w, it->native_type, it->compat_type, NULL, 0, true);
	it->verdict = verdict_of(w);
	return item_finish(w, it);
}

static int cmp_ioctl_ptr(const void *a, const void *b)
{
	const struct uabi_ioctl *x = *(const struct uabi_ioctl *const *)a;
	const struct uabi_ioctl *y = *(const struct uabi_ioctl *const *)b;

	return strcmp(x->name, y->name);
}

/* The ioctls of a layout sorted by name (the reader sorts them; a layout
 * built in memory need not be). NULL on out of memory. */
static const struct uabi_ioctl **sorted_ioctls(const struct uabi_layout *l)
{
	const struct uabi_ioctl **v = malloc((l->nioctls ? l->nioctls : 1) * sizeof(*v));

	if (!v)
		return NULL;
	for (uint32_t i = 0; i < l->nioctls; i++)
		v[i] = &l->ioctls[i];
	qsort(v, l->nioctls, sizeof(*v), cmp_ioctl_ptr);
	return v;
}

static const struct uabi_root *find_root(const struct uabi_layout *l, const char *name)
{
	for (uint32_t i = 0; i < l->nroots; i++)
		if (l->roots[i].name && !strcmp(l->roots[i].name, name))
			return &l->roots[i];
	return NULL;
}

static bool streq_null(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static bool same_list(const char *const *a, uint32_t na, const char *const *b, uint32_t nb)
{
	if (na != nb)
		return false;
	for (uint32_t i = 0; i < na; i++)
		if (!streq_null(a[i], b[i]))
			return false;
	return true;
}

/* Same headers? The input sha256 covers every file read, and the arch
 * headers an ABI reads differ within one arch (posix_types_32.h vs
 * posix_types_64.h, asm/sgidefs.h paths...), so the sha256 can only be
 * compared when both dumps read the same files. Otherwise the same kind,
 * kernel version and header selection is what the dumps can show. */
static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The headers a dump was made for, sorted into a malloc'd array (*n): the
 * judged ones and, with --all, the skipped ones (a C library that lets
 * linux/videodev2.h compile may be there for one ABI of a pair only; its
 * ioctls are then not applicable on the other). NULL when out of memory. */
static const char **selected_headers(const struct uabi_input_facts *in, uint32_t *n)
{
	const char **v = malloc((in->nheaders + in->nskipped + 1) * sizeof(*v));

	*n = 0;
	if (!v)
		return NULL;
	for (uint32_t i = 0; i < in->nheaders; i++)
		v[(*n)++] = in->headers[i] ? in->headers[i] : "";
	for (uint32_t i = 0; i < in->nskipped; i++)
		v[(*n)++] = in->skipped[i].header ? in->skipped[i].header : "";
	qsort(v, *n, sizeof(*v), cmp_cstr);
	return v;
}

static bool same_input(const struct uabi_input_facts *a, const struct uabi_input_facts *b,
		       const char **why)
{
	const char **sa, **sb;
	uint32_t na, nb;
	bool same;

	if (!streq_null(a->kind, b->kind)) {
		*why = "input kind differs";
		return false;
	}
	if (!streq_null(a->kernel_version, b->kernel_version)) {
		*why = "kernel version differs";
		return false;
	}
	sa = selected_headers(a, &na);
	sb = selected_headers(b, &nb);
	same = sa && sb && same_list(sa, na, sb, nb);
	*why = sa && sb ? "selected headers differ" : "out of memory";
	free(sa);
	free(sb);
	if (!same)
		return false;
	if (same_list(a->files, a->nfiles, b->files, b->nfiles) &&
	    !streq_null(a->sha256, b->sha256)) {
		*why = "same files, different input sha256";
		return false;
	}
	return true;
}

static int compare_all(struct uabi_compat_pair *p, struct walk *w)
{
	const struct uabi_layout *n = p->n, *c = p->c;
	const struct uabi_ioctl **vn = sorted_ioctls(n), **vc = sorted_ioctls(c);
	uint32_t i = 0, j = 0, max = n->nioctls + c->nioctls + n->nroots + c->nroots;
	int err = -ENOMEM;

	p->items = uabi_arena__alloc(&p->arena, (max ? max : 1) * sizeof(*p->items));
	if (!vn || !vc || !p->items)
		goto out;
	while (i < n->nioctls || j < c->nioctls) {
		struct uabi_compat_item *it = &p->items[p->nitems++];
		int o;

		if (i == n->nioctls)
			o = 1;
		else if (j == c->nioctls)
			o = -1;
		else
			o = strcmp(vn[i]->name, vc[j]->name);
		err = compare_ioctl(p, w, it, o <= 0 ? vn[i] : NULL, o >= 0 ? vc[j] : NULL);
		if (err)
			goto out;
		i += o <= 0;
		j += o >= 0;
		p->counts[it->verdict]++;
		p->untyped += it->verdict == UABI_V_IDENTICAL && it->untyped;
	}
	for (i = 0; i < n->nroots; i++) {
		err = compare_root(p, w, &p->items[p->nitems++], &n->roots[i],
				   find_root(c, n->roots[i].name));
		if (err)
			goto out;
	}
	for (j = 0; j < c->nroots; j++) {
		if (find_root(n, c->roots[j].name))
			continue;
		err = compare_root(p, w, &p->items[p->nitems++], NULL, &c->roots[j]);
		if (err)
			goto out;
	}
	err = 0;
out:
	free(vn);
	free(vc);
	return err;
}

int uabi_compat__compare(const struct uabi_layout *native, const struct uabi_layout *compat,
			 struct uabi_compat_pair *out, struct uabi_diag *d)
{
	const char *nname = name_or(native->profile.name, "native");
	const char *cname = name_or(compat->profile.name, "compat");
	const char *why;
	struct walk *w;
	int err;

	memset(out, 0, sizeof(*out));
	uabi_arena__init(&out->arena);
	if (!same_input(&native->input, &compat->input, &why))
		return uabi_diag__input(d, EINVAL, "%s and %s were made from different headers (%s)",
					nname, cname, why);
	if (!streq_null(native->profile.arch, compat->profile.arch))
		return uabi_diag__input(d, EINVAL, "%s and %s are different architectures (%s vs %s)",
					nname, cname, name_or(native->profile.arch, "none"),
					name_or(compat->profile.arch, "none"));

	w = calloc(1, sizeof(*w));
	if (!w)
		return uabi_diag__input(d, ENOMEM, "%s vs %s: out of memory", nname, cname);
	w->n = native;
	w->c = compat;
	w->arena = &out->arena;
	out->n = native;
	out->c = compat;
	out->native = uabi_arena__strdup(&out->arena, native->profile.name);
	out->compat = uabi_arena__strdup(&out->arena, compat->profile.name);
	out->arch = uabi_arena__strdup(&out->arena, native->profile.arch);
	err = compare_all(out, w);
	free(w);
	if (err) {
		uabi_compat_pair__free(out);
		return uabi_diag__input(d, -err, "%s vs %s: out of memory", nname, cname);
	}
	return 0;
}

void uabi_compat_pair__free(struct uabi_compat_pair *p)
{
	if (!p)
		return;
	uabi_arena__free(&p->arena);
	memset(p, 0, sizeof(*p));
	uabi_arena__init(&p->arena);
}
