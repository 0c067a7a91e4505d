// SPDX-License-Identifier: MIT
/* The scan of a whole tree behind the result cache (kio_cache.h). */
#include "kio_cache.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "../core/fnv.h"
#include "../core/strv.h"
#include "kbuild.h"
#include "kio_priv.h"

#ifndef UABI_VERSION
#define UABI_VERSION "0"
#endif

#define MAGIC "uabi-kio"
#define MAGIC_LEN 8
#define HEADER_LEN (MAGIC_LEN + 4 + 4 + 8 + 4)
#define FILE_HEADER_LEN (10 * 4)	/* u32 file, eight counts, not_archs */
/* The least bytes one record of each kind takes (a bound for counts). */
#define NAME_LEN (6 * 4 + 2 * 4 + 2 + 2)
#define DEF_LEN (3 * 4 + 4 + 5 * 4)
#define GREF_LEN (4 + 2)
#define INIT_LEN (6 * 4 + 1 + 4)
#define MACRO_LEN (4 * 4 + 4)
#define USE_LEN (3 * 4 + 4)
#define STR_LEN 4

/* A field added to a struct of cscan.h must be written and read here (and
 * UABI_KIO_BLOB_VERSION bumped): these sizes (LP64) trip on most additions
 * (not on one that fits in padding). */
#if UINTPTR_MAX == UINT64_MAX
_Static_assert(sizeof(struct uabi_kname) == 80, "uabi_kname changed: update kio_cache.c");
_Static_assert(sizeof(struct uabi_kdef) == 56, "uabi_kdef changed: update kio_cache.c");
_Static_assert(sizeof(struct uabi_kgref) == 8, "uabi_kgref changed: update kio_cache.c");
_Static_assert(sizeof(struct uabi_kinit) == 64, "uabi_kinit changed: update kio_cache.c");
_Static_assert(sizeof(struct uabi_kmacro) == 40, "uabi_kmacro changed: update kio_cache.c");
_Static_assert(sizeof(struct uabi_kuse) == 32, "uabi_kuse changed: update kio_cache.c");
/* 184: .intern (the scan's string table) is not stored, nor .loose and
 * .vals (the read merges them into the kio's loose and addr, stored after
 * the files) */
_Static_assert(sizeof(struct uabi_kfile) == 184, "uabi_kfile changed: update kio_cache.c");
#endif

/* How deep the dependency walk descends (uabi_file__walk's bound). */
#define WALK_MAX_DEPTH 32

bool uabi_kio__from_cache(const struct uabi_kio *k)
{
	return k->from_cache;
}

/* ---- writing ------------------------------------------------------------ */

struct wbuf {
	unsigned char *p;
	size_t len, cap;
	bool oom;
	bool count;	/* the first pass of uabi_kio__to_blob: len counts, nothing
			 * is written */
};

static void w_bytes(struct wbuf *b, const void *v, size_t n)
{
	if (b->count) {
		b->len += n;
		return;
	}
	if (b->oom || !n)
		return;
	if (b->cap - b->len < n) {
		size_t cap = b->cap ? b->cap : 65536;
		unsigned char *p;

		while (cap - b->len < n)
			cap *= 2;
		p = realloc(b->p, cap);
		if (!p) {
			b->oom = true;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, v, n);
	b->len += n;
}

static void w32(struct wbuf *b, uint32_t v)
{
	unsigned char x[4] = { (unsigned char)v, (unsigned char)(v >> 8),
			       (unsigned char)(v >> 16), (unsigned char)(v >> 24) };

	w_bytes(b, x, sizeof(x));
}

static void w64(struct wbuf *b, uint64_t v)
{
	w32(b, (uint32_t)v);
	w32(b, (uint32_t)(v >> 32));
}

static void w16(struct wbuf *b, uint16_t v)
{
	unsigned char x[2] = { (unsigned char)v, (unsigned char)(v >> 8) };

	w_bytes(b, x, sizeof(x));
}

static void w8(struct wbuf *b, uint8_t v)
{
	w_bytes(b, &v, 1);
}

/* The string table: each distinct string once, sorted (strcmp), so that a
 * loaded kio's strings compare by address (kio_priv.h: strtab). */
struct slot {
	const char *s;		/* borrowed from the facts */
	uint32_t ref;		/* 1 + offset in text, once sorted */
};

struct strtab {
	struct slot *v;
	size_t cap, n;		/* cap a power of two */
	bool oom;
};

/* The slot of s (added when add). NULL when absent, or out of memory. */
static struct slot *str_slot(struct strtab *t, const char *s, bool add)
{
	size_t i;

	if (add && (t->n + 1) * 2 > t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 1u << 16;
		struct slot *v = calloc(cap, sizeof(*v));

		if (!v) {
			t->oom = true;
			return NULL;
		}
		for (size_t j = 0; j < t->cap; j++) {
			if (!t->v[j].s)
				continue;
			for (i = uabi_fnv1a64(t->v[j].s, strlen(t->v[j].s)) & (cap - 1); v[i].s;
			     i = (i + 1) & (cap - 1))
				;
			v[i] = t->v[j];
		}
		free(t->v);
		t->v = v;
		t->cap = cap;
	}
	if (!t->cap)
		return NULL;
	for (i = uabi_fnv1a64(s, strlen(s)) & (t->cap - 1); t->v[i].s; i = (i + 1) & (t->cap - 1))
		if (!strcmp(t->v[i].s, s))
			return &t->v[i];
	if (!add)
		return NULL;
	t->v[i].s = s;
	t->n++;
	return &t->v[i];
}

/* First pass (b counting): add s to the table. Second: its u32, 0 for
 * NULL, else 1 + its offset. */
static void w_str(struct wbuf *b, struct strtab *t, const char *s)
{
	struct slot *sl;

	if (!s || t->oom) {
		w32(b, 0);
		return;
	}
	sl = str_slot(t, s, b->count);
	w32(b, sl ? sl->ref : 0);
}

static int cmp_slot(const void *pa, const void *pb)
{
	return strcmp((*(struct slot *const *)pa)->s, (*(struct slot *const *)pb)->s);
}

/* Sort the table's strings into text and give each its ref. 0, -ENOMEM,
 * -EFBIG past the format's 4 GiB. */
static int str_sort(struct strtab *t, struct wbuf *text)
{
	struct slot **v = malloc((t->n + 1) * sizeof(*v));
	size_t n = 0;
	int err = 0;

	if (!v)
		return -ENOMEM;
	for (size_t i = 0; i < t->cap; i++)
		if (t->v[i].s)
			v[n++] = &t->v[i];
	qsort(v, n, sizeof(*v), cmp_slot);
	for (size_t i = 0; i < n && !err; i++) {
		size_t len = strlen(v[i]->s) + 1;

		if (text->len + len >= UINT32_MAX)
			err = -EFBIG;
		v[i]->ref = (uint32_t)text->len + 1;
		w_bytes(text, v[i]->s, len);
	}
	free(v);
	return err ? err : text->oom ? -ENOMEM : 0;
}

static void w_file(struct wbuf *b, struct strtab *t, const struct uabi_kfile *f)
{
	w_str(b, t, f->file);
	w32(b, f->nnames);
	w32(b, f->ndefs);
	w32(b, f->nrefs);
	w32(b, f->ngrefs);
	w32(b, f->ninits);
	w32(b, f->nmacros);
	w32(b, f->nuses);
	w32(b, f->nincludes);
	w32(b, f->not_archs);
	for (uint32_t i = 0; i < f->nnames; i++) {
		const struct uabi_kname *n = &f->names[i];

		w_str(b, t, n->name);
		w_str(b, t, n->macro);
		w8(b, n->arg);
		w8(b, n->how);
		w_str(b, t, n->cond);
		w_str(b, t, n->site.file);
		w32(b, n->site.line);
		w_str(b, t, n->site.function);
		w32(b, n->def);
		w_str(b, t, n->fn);
		w16(b, n->grp);
	}
	for (uint32_t i = 0; i < f->ndefs; i++) {
		const struct uabi_kdef *d = &f->defs[i];

		w_str(b, t, d->name);
		w_str(b, t, d->type);
		w8(b, d->object);
		w8(b, d->is_static);
		w8(b, d->sets_cmd_size);
		w8(b, d->indirect_calls);
		w_str(b, t, d->cond);
		w32(b, d->line);
		w32(b, d->ref0);
		w32(b, d->nref);
		w32(b, d->gref0);
		w32(b, d->ngref);
	}
	for (uint32_t i = 0; i < f->nrefs; i++)
		w_str(b, t, f->refs[i]);
	for (uint32_t i = 0; i < f->ngrefs; i++) {
		w32(b, f->grefs[i].ref);
		w16(b, f->grefs[i].grp);
	}
	for (uint32_t i = 0; i < f->ninits; i++) {
		const struct uabi_kinit *in = &f->inits[i];

		w_str(b, t, in->object);
		w_str(b, t, in->type);
		w_str(b, t, in->field);
		w_str(b, t, in->value);
		w_str(b, t, in->function);
		w8(b, in->in_macro);
		w_str(b, t, in->cond);
		w32(b, in->line);
	}
	for (uint32_t i = 0; i < f->nmacros; i++) {
		const struct uabi_kmacro *m = &f->macros[i];

		w_str(b, t, m->name);
		w_str(b, t, m->params);
		w_str(b, t, m->body);
		w_str(b, t, m->cond);
		w32(b, m->line);
	}
	for (uint32_t i = 0; i < f->nuses; i++) {
		const struct uabi_kuse *u = &f->uses[i];

		w_str(b, t, u->macro);
		w_str(b, t, u->arg0);
		w_str(b, t, u->cond);
		w32(b, u->line);
	}
	for (uint32_t i = 0; i < f->nincludes; i++)
		w_str(b, t, f->includes[i]);
}

/* A sorted list of strings: u32 n, then each. */
static void w_strs(struct wbuf *b, struct strtab *t, const char *const *v, uint32_t n)
{
	w32(b, n);
	for (uint32_t i = 0; i < n; i++)
		w_str(b, t, v[i]);
}

int uabi_kio__to_blob(const struct uabi_kio *k, char **blob, size_t *len)
{
	struct wbuf text = { 0 }, out = { 0 }, recs = { .count = true };
	struct strtab t = { 0 };
	int err;

	*blob = NULL;
	*len = 0;
	for (uint32_t f = 0; f < k->nfiles; f++)
		w_file(&recs, &t, &k->files[f]);
	w_strs(&recs, &t, k->loose, k->nloose);
	w_strs(&recs, &t, k->addr, k->naddr);
	err = t.oom ? -ENOMEM : str_sort(&t, &text);
	/* the records go straight after the table, in one buffer of the
	 * blob's size (a blob of 6.1 is ~45 MB: no copy, no doubling) */
	if (!err && text.len > SIZE_MAX - HEADER_LEN - recs.len)
		err = -EFBIG;
	if (!err && !(out.p = malloc(out.cap = HEADER_LEN + text.len + recs.len)))
		err = -ENOMEM;
	if (!err) {
		w_bytes(&out, MAGIC, MAGIC_LEN);
		w32(&out, UABI_KIO_BLOB_VERSION);
		w32(&out, k->nfiles);
		w64(&out, k->bytes);
		w32(&out, (uint32_t)text.len);
		w_bytes(&out, text.p, text.len);
		free(text.p);
		text.p = NULL;
		for (uint32_t f = 0; f < k->nfiles; f++)
			w_file(&out, &t, &k->files[f]);
		w_strs(&out, &t, k->loose, k->nloose);
		w_strs(&out, &t, k->addr, k->naddr);
		if (out.oom) {
			free(out.p);
			err = -ENOMEM;
		} else {
			*blob = (char *)out.p;
			*len = out.len;
		}
	}
	free(text.p);
	free(t.v);
	return err;
}

/* ---- reading ------------------------------------------------------------ */

struct rbuf {
	const unsigned char *p, *end;
	const char *tab;	/* the string table, in the arena */
	uint32_t tablen;
	const unsigned char *starts;	/* bit i: a string of tab starts at i */
	bool bad;
};

static size_t r_left(const struct rbuf *r)
{
	return (size_t)(r->end - r->p);
}

static uint32_t r32(struct rbuf *r)
{
	uint32_t v;

	if (r->bad || r_left(r) < 4) {
		r->bad = true;
		return 0;
	}
	v = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 |
	    (uint32_t)r->p[3] << 24;
	r->p += 4;
	return v;
}

static uint16_t r16(struct rbuf *r)
{
	uint16_t v;

	if (r->bad || r_left(r) < 2) {
		r->bad = true;
		return 0;
	}
	v = (uint16_t)(r->p[0] | r->p[1] << 8);
	r->p += 2;
	return v;
}

static uint8_t r8(struct rbuf *r)
{
	if (r->bad || r_left(r) < 1) {
		r->bad = true;
		return 0;
	}
	return *r->p++;
}

static bool r_bool(struct rbuf *r)
{
	uint8_t v = r8(r);

	if (v > 1)
		r->bad = true;
	return v == 1;
}

/* A string of the table; required: NULL is corrupt. */
static const char *r_str(struct rbuf *r, bool required)
{
	uint32_t v = r32(r);

	if (r->bad)
		return NULL;
	if (!v) {
		r->bad |= required;
		return NULL;
	}
	v--;
	if (v >= r->tablen || !(r->starts[v / 8] & (1u << (v % 8)))) {
		r->bad = true;
		return NULL;
	}
	return r->tab + v;
}

/* A zeroed array of n records of size each, after checking that the blob
 * can hold n records of at least min bytes (a corrupt count allocates
 * nothing big: r bad). NULL for n 0, when bad, or out of memory (*oom). */
static void *r_array(struct rbuf *r, uint32_t n, size_t size, size_t min, bool *oom)
{
	void *v;

	if (r->bad || *oom || !n)
		return NULL;
	if (n > r_left(r) / min) {
		r->bad = true;
		return NULL;
	}
	v = calloc(n, size);
	if (!v)
		*oom = true;
	return v;
}

/* One file's facts into *f (zeroed); false when corrupt or out of memory
 * (*oom says which). Arrays are malloc'd, as the scanner's are. */
static bool r_file(struct rbuf *r, struct uabi_kfile *f, bool *oom)
{
	f->file = r_str(r, true);
	f->nnames = r32(r);
	f->ndefs = r32(r);
	f->nrefs = r32(r);
	f->ngrefs = r32(r);
	f->ninits = r32(r);
	f->nmacros = r32(r);
	f->nuses = r32(r);
	f->nincludes = r32(r);
	{
		uint32_t not_archs = r32(r);

		if (not_archs > UINT8_MAX)
			r->bad = true;
		f->not_archs = (uint8_t)not_archs;
	}
	if (r->bad)
		return false;
#define ARRAY(field, count, min) (f->field = r_array(r, f->count, sizeof(*f->field), min, oom))
	ARRAY(names, nnames, NAME_LEN);
	ARRAY(defs, ndefs, DEF_LEN);
	ARRAY(refs, nrefs, STR_LEN);
	ARRAY(grefs, ngrefs, GREF_LEN);
	ARRAY(inits, ninits, INIT_LEN);
	ARRAY(macros, nmacros, MACRO_LEN);
	ARRAY(uses, nuses, USE_LEN);
	ARRAY(includes, nincludes, STR_LEN);
#undef ARRAY
	f->cnames = f->nnames;
	f->cdefs = f->ndefs;
	f->crefs = f->nrefs;
	f->cgrefs = f->ngrefs;
	f->cinits = f->ninits;
	f->cmacros = f->nmacros;
	f->cuses = f->nuses;
	f->cincludes = f->nincludes;
	if (r->bad || *oom)
		return false;
	for (uint32_t i = 0; i < f->nnames && !r->bad; i++) {
		struct uabi_kname *n = &f->names[i];

		n->name = r_str(r, true);
		n->macro = r_str(r, false);
		n->arg = r8(r);
		n->how = r8(r);
		n->cond = r_str(r, false);
		n->site.file = r_str(r, true);
		n->site.line = r32(r);
		n->site.function = r_str(r, false);
		n->def = r32(r);
		n->fn = r_str(r, false);
		n->grp = r16(r);
		/* the scanner gives the index of the def being read: at most ndefs */
		if (n->how > UABI_KN_ENTRY || n->def > f->ndefs)
			r->bad = true;
	}
	for (uint32_t i = 0; i < f->ndefs && !r->bad; i++) {
		struct uabi_kdef *d = &f->defs[i];

		d->name = r_str(r, true);
		d->type = r_str(r, false);
		d->object = r_bool(r);
		d->is_static = r_bool(r);
		d->sets_cmd_size = r_bool(r);
		d->indirect_calls = r_bool(r);
		d->cond = r_str(r, false);
		d->line = r32(r);
		d->ref0 = r32(r);
		d->nref = r32(r);
		d->gref0 = r32(r);
		d->ngref = r32(r);
		if (d->ref0 > f->nrefs || d->nref > f->nrefs - d->ref0 || d->gref0 > f->ngrefs ||
		    d->ngref > f->ngrefs - d->gref0)
			r->bad = true;
	}
	for (uint32_t i = 0; i < f->nrefs && !r->bad; i++)
		f->refs[i] = r_str(r, true);
	for (uint32_t i = 0; i < f->ngrefs && !r->bad; i++) {
		f->grefs[i].ref = r32(r);
		f->grefs[i].grp = r16(r);
		if (f->grefs[i].ref >= f->nrefs)
			r->bad = true;	/* an index into refs */
	}
	for (uint32_t i = 0; i < f->ninits && !r->bad; i++) {
		struct uabi_kinit *in = &f->inits[i];

		in->object = r_str(r, true);
		in->type = r_str(r, false);
		in->field = r_str(r, true);
		in->value = r_str(r, true);
		in->function = r_str(r, false);
		in->in_macro = r_bool(r);
		in->cond = r_str(r, false);
		in->line = r32(r);
	}
	for (uint32_t i = 0; i < f->nmacros && !r->bad; i++) {
		struct uabi_kmacro *m = &f->macros[i];

		m->name = r_str(r, true);
		m->params = r_str(r, false);
		m->body = r_str(r, true);
		m->cond = r_str(r, false);
		m->line = r32(r);
	}
	for (uint32_t i = 0; i < f->nuses && !r->bad; i++) {
		struct uabi_kuse *u = &f->uses[i];

		u->macro = r_str(r, true);
		u->arg0 = r_str(r, false);
		u->cond = r_str(r, false);
		u->line = r32(r);
	}
	for (uint32_t i = 0; i < f->nincludes && !r->bad; i++)
		f->includes[i] = r_str(r, true);
	return !r->bad;
}

/* The string table tab[0..len): NUL-terminated strings, strictly
 * increasing (strcmp), the last byte a NUL. Their starts into a bitmap
 * (malloc'd into *starts). 0, -EINVAL, -ENOMEM. */
static int check_strtab(const char *tab, uint32_t len, unsigned char **starts)
{
	const char *prev = NULL;
	unsigned char *bits;

	*starts = NULL;
	if (len && tab[len - 1] != '\0')
		return -EINVAL;
	bits = calloc((size_t)len / 8 + 1, 1);
	if (!bits)
		return -ENOMEM;
	for (uint32_t i = 0; i < len; i += (uint32_t)strlen(tab + i) + 1) {
		if (prev && strcmp(prev, tab + i) >= 0) {
			free(bits);
			return -EINVAL;
		}
		prev = tab + i;
		bits[i / 8] |= (unsigned char)(1u << (i % 8));
	}
	*starts = bits;
	return 0;
}

/* A list w_strs wrote: sorted, unique, so increasing in the (sorted)
 * string table; into a malloc'd *v. 0, -EINVAL, -ENOMEM. */
static int r_strs(struct rbuf *r, const char ***v, uint32_t *nv)
{
	uint32_t n = r32(r);

	if (r->bad || n > r_left(r) / STR_LEN)
		return -EINVAL;
	if (!(*v = malloc((n + 1) * sizeof(**v))))
		return -ENOMEM;
	for (uint32_t i = 0; i < n && !r->bad; i++) {
		const char *m = r_str(r, true);

		if (m && i && m <= (*v)[i - 1])
			r->bad = true;
		(*v)[(*nv)++] = m;
	}
	return r->bad ? -EINVAL : 0;
}

int uabi_kio__from_blob(const char *blob, size_t len, struct uabi_kio **out)
{
	const unsigned char *p = (const unsigned char *)blob;
	struct rbuf r = { .p = p, .end = p + len };
	struct uabi_kio *k;
	uint32_t nfiles, version;
	uint64_t bytes;
	unsigned char *starts = NULL;
	char *tab;
	bool oom = false;
	int err = -EINVAL;

	*out = NULL;
	if (len < HEADER_LEN || memcmp(blob, MAGIC, MAGIC_LEN))
		return -EINVAL;
	r.p += MAGIC_LEN;
	version = r32(&r);
	nfiles = r32(&r);
	bytes = r32(&r);
	bytes |= (uint64_t)r32(&r) << 32;
	r.tablen = r32(&r);
	if (version != UABI_KIO_BLOB_VERSION || r.tablen > r_left(&r) ||
	    nfiles > (r_left(&r) - r.tablen) / FILE_HEADER_LEN)
		return -EINVAL;
	k = calloc(1, sizeof(*k));
	if (!k)
		return -ENOMEM;
	uabi_arena__init(&k->arena);
	k->bytes = bytes;
	tab = r.tablen ? uabi_arena__alloc(&k->arena, r.tablen) : NULL;
	k->files = nfiles ? calloc(nfiles, sizeof(*k->files)) : NULL;
	if ((r.tablen && !tab) || (nfiles && !k->files)) {
		err = -ENOMEM;
		goto fail;
	}
	k->cfiles = nfiles;
	if (r.tablen)
		memcpy(tab, r.p, r.tablen);
	r.tab = tab;
	r.p += r.tablen;
	if ((err = check_strtab(tab, r.tablen, &starts)))
		goto fail;
	r.starts = starts;
	err = -EINVAL;
	for (uint32_t f = 0; f < nfiles; f++) {
		/* counted first: uabi_kio__free releases what it has */
		k->nfiles++;
		if (!r_file(&r, &k->files[f], &oom)) {
			err = oom ? -ENOMEM : -EINVAL;
			goto fail;
		}
	}
	/* the loose names (members, and functions macros name), then the
	 * functions whose address is taken */
	if ((err = r_strs(&r, &k->loose, &k->nloose)) || (err = r_strs(&r, &k->addr, &k->naddr)))
		goto fail;
	err = -EINVAL;
	if (r.p != r.end)
		goto fail;	/* trailing bytes: not what this version wrote */
	k->strtab = tab;
	k->strtab_len = r.tablen;
	if (uabi_kio__index(k)) {
		err = -ENOMEM;
		goto fail;
	}
	k->from_cache = true;
	free(starts);
	*out = k;
	return 0;
fail:
	free(starts);
	uabi_kio__free(k);
	return err;
}

/* ---- the cache ---------------------------------------------------------- */

/* What uabi_kio__read's walk of root/rel reads: the directory (its
 * listing), every wanted regular file (in the top directory: its build
 * files), every subdirectory; the same
 * rules as uabi_file__walk (dot entries, symlinks and other kinds
 * skipped). false when a directory cannot be listed (the read would have
 * failed). */
static bool deps_walk(const char *root, const char *rel, unsigned depth, bool build_only,
		      struct uabi_strv *files, struct uabi_strv *dirs)
{
	char path[PATH_MAX * 2];
	struct dirent *de;
	bool ok = true;
	DIR *dir;

	if (depth > WALK_MAX_DEPTH)
		return false;
	snprintf(path, sizeof(path), "%s%s%s", root, *rel ? "/" : "", rel);
	dir = opendir(path);
	if (!dir)
		return false;
	uabi_strv__addf(dirs, "%s", rel);
	while (ok && (de = readdir(dir))) {
		unsigned char type = de->d_type;
		char sub[PATH_MAX];

		if (de->d_name[0] == '.')
			continue;	/* the walk skips dot files and directories */
		snprintf(sub, sizeof(sub), "%s%s%s", rel, *rel ? "/" : "", de->d_name);
		if (type == DT_UNKNOWN) {
			struct stat st;

			snprintf(path, sizeof(path), "%s/%s", root, sub);
			if (lstat(path, &st))
				continue;
			type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_LNK;
		}
		if (type == DT_DIR && (*rel || !uabi_kio__skipped_top(de->d_name)))
			ok = deps_walk(root, sub, depth + 1, build_only, files, dirs);
		else if (type == DT_DIR && uabi_kio__build_only_top(de->d_name))
			ok = deps_walk(root, sub, depth + 1, true, files, dirs);
		else if (type == DT_REG &&
			 (build_only ? uabi_kbuild__wanted(de->d_name)
			  : *rel     ? uabi_kio__wanted(de->d_name)
				     : uabi_kio__wanted_top(de->d_name)))
			uabi_strv__addf(files, "%s", sub);
	}
	closedir(dir);
	return ok && !files->oom && !dirs->oom;
}

static void key1(char hex[65])
{
	struct uabi_cache_key k;

	uabi_cache_key__init(&k);
	uabi_cache_key__str(&k, "format", "uabi kernel ioctl facts");
	uabi_cache_key__u64(&k, "blob-version", UABI_KIO_BLOB_VERSION);
	uabi_cache_key__str(&k, "uabi", UABI_VERSION);
	uabi_cache_key__program(&k, "uabi-binary", "/proc/self/exe");
	uabi_cache_key__hex(&k, hex);
}

/* Store the facts k read from root under key: failures are a warning. */
static void store(struct uabi_cache *c, const char *key, const char *root,
		  const struct uabi_kio *k, struct timespec since)
{
	struct uabi_strv files = { 0 }, dirs = { 0 };
	struct uabi_cache_deps deps = { .root = root, .since = since };
	struct uabi_diag d;
	char *blob = NULL;
	size_t len = 0;
	int err;

	uabi_diag__clear(&d);
	if (!deps_walk(root, "", 0, false, &files, &dirs))
		goto out;	/* changed under the read, or no memory: not stored */
	err = uabi_kio__to_blob(k, &blob, &len);
	if (err)
		goto out;
	deps.files = (const char *const *)files.v;
	deps.nfiles = files.n;
	deps.dirs = (const char *const *)dirs.v;
	deps.ndirs = dirs.n;
	err = uabi_cache__store(c, key, &deps, blob, len, &d);
	if (err && err != -EAGAIN && err != -EFBIG)
		uabi_cache__warn(c, UABI_CACHE_WARN_IO, "%s (the kernel facts are not cached)",
				 d.msg);
out:
	free(blob);
	uabi_strv__free(&files);
	uabi_strv__free(&dirs);
}

int uabi_kio__read_cached(const char *tree, struct uabi_cache *c, struct uabi_kio **out,
			  struct uabi_diag *d)
{
	const char *off = getenv("UABI_NO_CACHE");
	struct uabi_cache_hit hit;
	struct timespec since;
	char root[PATH_MAX], key[65];
	int err;

	*out = NULL;
	if (!c || (off && *off) || !realpath(tree, root))
		return uabi_kio__read(tree, out, d);	/* no realpath: its error */
	key1(key);
	/* before any file is read: a change after it keeps the result out */
	clock_gettime(CLOCK_REALTIME, &since);
	if (uabi_cache__lookup(c, key, root, &hit) == 1) {
		err = uabi_kio__from_blob(hit.blob, hit.len, out);
		free(hit.blob);
		if (!err)
			return 0;
		if (err == -ENOMEM)
			return uabi_diag__input(d, ENOMEM, "%s: out of memory", tree);
		uabi_cache__reject(c, &hit);
	}
	err = uabi_kio__read(tree, out, d);
	if (!err)
		store(c, key, root, *out, since);
	return err;
}

int uabi_kio__read_default(const char *tree, bool no_cache, struct uabi_kio **out,
			   struct uabi_diag *d)
{
	struct uabi_cache c;
	struct uabi_diag cd;
	char dir[PATH_MAX];
	int err;

	uabi_diag__clear(&cd);
	if (no_cache || !uabi_cache__default_dir(dir, sizeof(dir)) ||
	    uabi_cache__open(&c, dir, uabi_cache__default_max(), &cd))
		return uabi_kio__read_cached(tree, NULL, out, d);
	err = uabi_kio__read_cached(tree, &c, out, d);
	uabi_cache__close(&c);
	return err;
}
