// SPDX-License-Identifier: MIT
/*
 * DWARF reader (see dwarf.h). Written against Debian 12's libdwarf
 * 20210528; every libdwarf call of the project lives in this file so a move
 * to libdwarf 0.x (changed dwarf_init_b/dwarf_finish) touches one place.
 *
 * Two passes:
 *  1. walk every CU once: remember the CU's range, file table and comp dir,
 *     collect the "__uabi_" root typedefs (CU level) and the "__uabi_"
 *     enumerators (any enum);
 *  2. sort the roots by name and load each target depth-first, pre-order.
 *     A DIE gets its index before its children are loaded (a hash map of
 *     DIE offset -> index), which both deduplicates and breaks the cycles
 *     that pointers make.
 */
#include "dwarf.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <dwarf.h>
#include <libdwarf.h>

#include "../core/fnv.h"

#define ROOT_PREFIX "__uabi_"
/* Deeper than any real type graph; stops runaway recursion on bad input
 * (e.g. a restrict type that names itself). */
#define MAX_DEPTH 2048

struct cu {
	Dwarf_Off start, end;	/* [header offset, next header offset) in .debug_info */
	Dwarf_Half addr_size;
	unsigned file_base;	/* decl_file of the first table entry: 0 (DWARF5) or 1 */
	char **files;		/* dwarf_srcfiles(), released at the end */
	Dwarf_Signed nfiles;
	const char *comp_dir;	/* libdwarf string, NULL if absent */
	const char **paths;	/* per file: mapped path in the arena, lazily */
};

struct slot {
	Dwarf_Off key;		/* DIE offset + 1; 0 = empty */
	uint32_t idx;
};

struct pend_root {
	const char *name;	/* libdwarf string */
	Dwarf_Off target;
	bool has_target;	/* false: typedef void */
	Dwarf_Off die;
};

/* Attributes of one DIE that the reader cares about, read in one pass. */
struct num {
	uint64_t u;
	int64_t s;
	bool sgn;		/* sdata/implicit_const: s is the value */
	unsigned width;		/* bytes of an unsigned form: 1, 2, 4, 8 */
};

struct info {
	Dwarf_Off off;
	Dwarf_Half tag;
	const char *name;
	bool has_type, has_size, has_bit_size, has_bit_offset, has_data_bit_offset;
	bool has_loc, has_count, has_upper, has_lower, has_cval, has_file, declaration;
	Dwarf_Off type;
	uint64_t size, bit_size, data_bit_offset, loc, lower, file;
	int64_t bit_offset;
	struct num count, upper, cval;
	uint32_t encoding, align, line;
};

struct rd {
	Dwarf_Debug dbg;
	const char *path;
	const struct uabi_dwarf_opts *o;
	struct uabi_layout *l;
	struct uabi_dwarf_result *res;
	struct uabi_diag *d;

	struct cu *cus;
	size_t ncus, cus_cap;

	struct slot *map;
	size_t map_n, map_cap;

	const char **strs;	/* interned arena strings, open addressing */
	size_t strs_n, strs_cap;

	struct pend_root *roots;
	size_t nroots, roots_cap;
	size_t consts_cap;

	uint32_t void_idx;
	unsigned depth;
	Dwarf_Off walked;	/* pass 1: offset of the last DIE walked */
};

/* ---- diagnostics ---- */

static int vfail(struct rd *r, int err, Dwarf_Off off, const char *fmt, va_list ap)
{
	char msg[1024];
	const char *lb = r->o && r->o->label ? r->o->label : NULL;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (off)
		return uabi_diag__input(r->d, err, "%s%s%s: die 0x%llx: %s", lb ? lb : "", lb ? ": " : "",
					r->path, (unsigned long long)off, msg);
	return uabi_diag__input(r->d, err, "%s%s%s: %s", lb ? lb : "", lb ? ": " : "", r->path, msg);
}

__attribute__((format(printf, 4, 5)))
static int fail(struct rd *r, int err, Dwarf_Off off, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vfail(r, err, off, fmt, ap);
	va_end(ap);
	return ret;
}

/* A libdwarf failure: name what we were doing, quote libdwarf, free its error. */
static int dwfail(struct rd *r, Dwarf_Off off, const char *what, Dwarf_Error e)
{
	int ret = fail(r, EINVAL, off, "%s: %s", what, e ? dwarf_errmsg(e) : "no entry");

	if (e)
		dwarf_dealloc_error(r->dbg, e);
	return ret;
}

static int oom(struct rd *r)
{
	return fail(r, ENOMEM, 0, "out of memory");
}

/* ---- DIE offset -> type index ---- */

static uint64_t hash64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x;
}

static struct slot *map_find(struct rd *r, Dwarf_Off off)
{
	size_t mask = r->map_cap - 1, i;

	if (!r->map_cap)
		return NULL;
	for (i = hash64(off) & mask; r->map[i].key; i = (i + 1) & mask)
		if (r->map[i].key == off + 1)
			return &r->map[i];
	return NULL;
}

static int map_put(struct rd *r, Dwarf_Off off, uint32_t idx)
{
	struct slot *s = map_find(r, off);
	size_t mask, i;

	if (s) {
		s->idx = idx;
		return 0;
	}
	if ((r->map_n + 1) * 2 > r->map_cap) {
		size_t cap = r->map_cap ? r->map_cap * 2 : 1024;
		struct slot *m = calloc(cap, sizeof(*m)), *old = r->map;

		if (!m)
			return oom(r);
		for (size_t j = 0; j < r->map_cap; j++) {
			if (!old[j].key)
				continue;
			for (i = hash64(old[j].key - 1) & (cap - 1); m[i].key; i = (i + 1) & (cap - 1))
				;
			m[i] = old[j];
		}
		free(old);
		r->map = m;
		r->map_cap = cap;
	}
	mask = r->map_cap - 1;
	for (i = hash64(off) & mask; r->map[i].key; i = (i + 1) & mask)
		;
	r->map[i].key = off + 1;
	r->map[i].idx = idx;
	r->map_n++;
	return 0;
}

/* ---- strings ---- */

static uint64_t hash_str(const char *s)
{
	return uabi_fnv1a64(s, strlen(s));
}

/* Copy s into the layout arena once; the same name (member names, "int",
 * file paths) comes back as the same pointer. NULL stays NULL; *out is
 * NULL only on out of memory. */
/* Room for one more element of a scratch array (doubling): the new zeroed
 * slot, or NULL on out of memory with the array unchanged. */
static void *grow_one(void **v, size_t *n, size_t *cap, size_t size)
{
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 16;
		void *p = realloc(*v, c * size);

		if (!p)
			return NULL;
		*v = p;
		*cap = c;
	}
	return memset((char *)*v + (*n)++ * size, 0, size);
}

#define GROW_ONE(v, n, cap) grow_one((void **)&(v), &(n), &(cap), sizeof(*(v)))

/* Copy a scratch array into the layout's arena (NULL on out of memory). */
static void *to_arena(struct rd *r, const void *v, size_t bytes)
{
	void *p = uabi_arena__alloc(&r->l->arena, bytes);

	if (p)
		memcpy(p, v, bytes);
	return p;
}

static int intern_raw(struct rd *r, const char *s, const char **out)
{
	size_t mask, i;

	*out = NULL;
	if (!s)
		return 0;
	if ((r->strs_n + 1) * 2 > r->strs_cap) {
		size_t cap = r->strs_cap ? r->strs_cap * 2 : 1024;
		const char **t = calloc(cap, sizeof(*t));

		if (!t)
			return oom(r);
		for (size_t j = 0; j < r->strs_cap; j++) {
			if (!r->strs[j])
				continue;
			for (i = hash_str(r->strs[j]) & (cap - 1); t[i]; i = (i + 1) & (cap - 1))
				;
			t[i] = r->strs[j];
		}
		free(r->strs);
		r->strs = t;
		r->strs_cap = cap;
	}
	mask = r->strs_cap - 1;
	for (i = hash_str(s) & mask; r->strs[i]; i = (i + 1) & mask) {
		if (!strcmp(r->strs[i], s)) {
			*out = r->strs[i];
			return 0;
		}
	}
	r->strs[i] = uabi_arena__strdup(&r->l->arena, s);
	if (!r->strs[i])
		return oom(r);
	r->strs_n++;
	*out = r->strs[i];
	return 0;
}

/* Names and paths enter the layout here: what is not printable (a damaged
 * object's bytes) is escaped (uabi_escape), so that dumps stay valid UTF-8
 * and no message or report quotes raw bytes. */
static int intern(struct rd *r, const char *s, const char **out)
{
	char *esc;
	int err;

	if (!s || !uabi_escape__needed(s, false))
		return intern_raw(r, s, out);
	esc = uabi_escape_dup(s, false);
	if (!esc)
		return oom(r);
	err = intern_raw(r, esc, out);
	free(esc);
	return err;
}

/* ---- paths ---- */

/* Textual normalisation in place: drop empty and "." components, fold
 * "dir/..". No symlink resolution: the compiler's spelling is the fact. */
static void normalise(char *s)
{
	bool abs = s[0] == '/';
	char *w = s, *rp = s, *base;

	if (abs)
		*w++ = '/';
	base = w;
	while (*rp) {
		const char *c;
		size_t n;

		while (*rp == '/')
			rp++;
		if (!*rp)
			break;
		c = rp;
		n = strcspn(rp, "/");
		rp += n;
		if (n == 1 && c[0] == '.')
			continue;
		if (n == 2 && c[0] == '.' && c[1] == '.') {
			char *st = w;

			while (st > base && st[-1] != '/')
				st--;
			if (w > base && !(w - st == 2 && st[0] == '.' && st[1] == '.')) {
				w = st > base ? st - 1 : st;
				continue;
			}
			if (abs)
				continue;	/* "/.." is "/" */
		}
		if (w > base)
			*w++ = '/';
		memmove(w, c, n);
		w += n;
	}
	if (w == s)
		*w++ = '.';
	*w = '\0';
}

/* The recorded path of a CU file table entry: absolute, normalised, then
 * through opts->map_path. Cached per CU and file. */
static int file_path(struct rd *r, struct cu *cu, Dwarf_Off off, uint64_t file, const char **out)
{
	const char *raw, *dir, *mapped = NULL;
	uint64_t i;
	char *buf;
	size_t n;
	int err;

	*out = NULL;
	if (file < cu->file_base)
		return 0;	/* DWARF4: 0 means "no file" */
	i = file - cu->file_base;
	if (i >= (uint64_t)cu->nfiles)
		return fail(r, EINVAL, off, "DW_AT_decl_file %llu outside the line table (%lld files)",
			    (unsigned long long)file, (long long)cu->nfiles);
	if (cu->paths[i]) {
		*out = cu->paths[i];
		return 0;
	}
	raw = cu->files[i];
	dir = raw[0] != '/' && cu->comp_dir ? cu->comp_dir : NULL;
	n = strlen(raw) + (dir ? strlen(dir) + 1 : 0) + 2;
	buf = malloc(n);
	if (!buf)
		return oom(r);
	snprintf(buf, n, "%s%s%s", dir ? dir : "", dir ? "/" : "", raw);
	normalise(buf);
	if (r->o && r->o->map_path)
		mapped = r->o->map_path(r->o->map_ctx, r->l, buf);
	err = intern(r, mapped ? mapped : buf, &cu->paths[i]);
	free(buf);
	if (err)
		return err;
	*out = cu->paths[i];
	return 0;
}

static struct cu *cu_of(struct rd *r, Dwarf_Off off)
{
	size_t lo = 0, hi = r->ncus;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (off < r->cus[mid].start)
			hi = mid;
		else if (off >= r->cus[mid].end)
			lo = mid + 1;
		else
			return &r->cus[mid];
	}
	return NULL;
}

/* ---- attributes ---- */

static int read_num(struct rd *r, Dwarf_Attribute a, Dwarf_Half form, Dwarf_Off off,
		    const char *an, struct num *v)
{
	Dwarf_Error e = NULL;
	Dwarf_Unsigned u;
	Dwarf_Signed s;
	int ret;

	memset(v, 0, sizeof(*v));
	switch (form) {
	case DW_FORM_sdata:
	case DW_FORM_implicit_const:
		ret = dwarf_formsdata(a, &s, &e);
		if (ret != DW_DLV_OK)
			return dwfail(r, off, an, e);
		v->sgn = true;
		v->s = s;
		v->u = (uint64_t)s;
		return 0;
	case DW_FORM_data1:
	case DW_FORM_data2:
	case DW_FORM_data4:
	case DW_FORM_data8:
	case DW_FORM_udata:
		/* dataN is "constant of unspecified signedness": gcc writes
		 * non-negative values zero-extended in the smallest width
		 * (200 in a signed enum is data1 0xc8) and negative ones as
		 * sdata/implicit_const, so dataN is read unsigned */
		ret = dwarf_formudata(a, &u, &e);
		if (ret != DW_DLV_OK)
			return dwfail(r, off, an, e);
		v->u = u;
		v->s = (int64_t)u;
		v->width = form == DW_FORM_data1 ? 1 : form == DW_FORM_data2 ? 2 :
			   form == DW_FORM_data4 ? 4 : 8;
		return 0;
	default:
		return fail(r, EINVAL, off, "%s: unsupported form 0x%x", an, form);
	}
}

/* A constant that must not be negative (sizes, offsets, indices). */
static int read_unsigned(struct rd *r, Dwarf_Attribute a, Dwarf_Half form, Dwarf_Off off,
			 const char *an, uint64_t *out)
{
	struct num v;
	int err = read_num(r, a, form, off, an, &v);

	if (err)
		return err;
	if (v.sgn && v.s < 0)
		return fail(r, EINVAL, off, "%s: negative value %lld", an, (long long)v.s);
	*out = v.u;
	return 0;
}

static int read_uleb(const unsigned char *p, const unsigned char *end, uint64_t *out)
{
	uint64_t v = 0;
	unsigned shift = 0;

	for (; p < end; p++, shift += 7) {
		if (shift >= 64)
			return -1;
		v |= (uint64_t)(*p & 0x7f) << shift;
		if (!(*p & 0x80)) {
			*out = v;
			return 0;
		}
	}
	return -1;
}

/* DW_AT_data_member_location: a constant, or the DWARF2 location
 * expression "DW_OP_plus_uconst N" (gcc -gdwarf-2 -gstrict-dwarf). */
static int read_loc(struct rd *r, Dwarf_Attribute a, Dwarf_Half form, Dwarf_Off off, uint64_t *out)
{
	static const char an[] = "DW_AT_data_member_location";
	const unsigned char *p = NULL;
	Dwarf_Unsigned len = 0;
	Dwarf_Block *blk = NULL;
	Dwarf_Error e = NULL;
	Dwarf_Ptr ptr;
	int ret = 0;

	switch (form) {
	case DW_FORM_exprloc:
		if (dwarf_formexprloc(a, &len, &ptr, &e) != DW_DLV_OK)
			return dwfail(r, off, an, e);
		p = ptr;
		break;
	case DW_FORM_block1:
	case DW_FORM_block2:
	case DW_FORM_block4:
	case DW_FORM_block:
		if (dwarf_formblock(a, &blk, &e) != DW_DLV_OK)
			return dwfail(r, off, an, e);
		p = blk->bl_data;
		len = blk->bl_len;
		break;
	default:
		return read_unsigned(r, a, form, off, an, out);
	}
	if (len < 2 || (p[0] != DW_OP_plus_uconst && p[0] != DW_OP_constu) ||
	    read_uleb(p + 1, p + len, out))
		ret = fail(r, EINVAL, off, "%s: unsupported location expression", an);
	if (blk)
		dwarf_dealloc(r->dbg, blk, DW_DLA_BLOCK);
	return ret;
}

static int read_attr(struct rd *r, Dwarf_Attribute a, struct info *in)
{
	Dwarf_Half at, form;
	Dwarf_Error e = NULL;
	Dwarf_Bool flag;
	Dwarf_Off ref;
	uint64_t u;
	char *s;
	int err;

	if (dwarf_whatattr(a, &at, &e) != DW_DLV_OK)
		return dwfail(r, in->off, "attribute", e);
	if (dwarf_whatform(a, &form, &e) != DW_DLV_OK)
		return dwfail(r, in->off, "attribute form", e);

	switch (at) {
	case DW_AT_name:
		if (dwarf_formstring(a, &s, &e) != DW_DLV_OK)
			return dwfail(r, in->off, "DW_AT_name", e);
		in->name = s;
		return 0;
	case DW_AT_type:
		if (form == DW_FORM_ref_sig8)
			return fail(r, EINVAL, in->off, "DW_AT_type: type units (DW_FORM_ref_sig8) are not supported");
		if (dwarf_global_formref(a, &ref, &e) != DW_DLV_OK)
			return dwfail(r, in->off, "DW_AT_type", e);
		in->type = ref;
		in->has_type = true;
		return 0;
	case DW_AT_byte_size:
		in->has_size = true;
		return read_unsigned(r, a, form, in->off, "DW_AT_byte_size", &in->size);
	case DW_AT_bit_size:
		in->has_bit_size = true;
		return read_unsigned(r, a, form, in->off, "DW_AT_bit_size", &in->bit_size);
	case DW_AT_bit_offset: {
		struct num v;

		err = read_num(r, a, form, in->off, "DW_AT_bit_offset", &v);
		in->has_bit_offset = true;
		in->bit_offset = v.s;
		return err;
	}
	case DW_AT_data_bit_offset:
		in->has_data_bit_offset = true;
		return read_unsigned(r, a, form, in->off, "DW_AT_data_bit_offset", &in->data_bit_offset);
	case DW_AT_data_member_location:
		in->has_loc = true;
		return read_loc(r, a, form, in->off, &in->loc);
	case DW_AT_count:
		in->has_count = true;
		return read_num(r, a, form, in->off, "DW_AT_count", &in->count);
	case DW_AT_upper_bound:
		in->has_upper = true;
		return read_num(r, a, form, in->off, "DW_AT_upper_bound", &in->upper);
	case DW_AT_lower_bound:
		in->has_lower = true;
		return read_unsigned(r, a, form, in->off, "DW_AT_lower_bound", &in->lower);
	case DW_AT_const_value:
		in->has_cval = true;
		return read_num(r, a, form, in->off, "DW_AT_const_value", &in->cval);
	case DW_AT_encoding:
		err = read_unsigned(r, a, form, in->off, "DW_AT_encoding", &u);
		in->encoding = (uint32_t)u;
		return err;
	case DW_AT_alignment:
		err = read_unsigned(r, a, form, in->off, "DW_AT_alignment", &u);
		if (!err && (u == 0 || u > UINT32_MAX))
			return fail(r, EINVAL, in->off, "DW_AT_alignment: bad value %llu",
				    (unsigned long long)u);
		in->align = (uint32_t)u;
		return err;
	case DW_AT_declaration:
		if (dwarf_formflag(a, &flag, &e) != DW_DLV_OK)
			return dwfail(r, in->off, "DW_AT_declaration", e);
		in->declaration = flag;
		return 0;
	case DW_AT_decl_file:
		in->has_file = true;
		return read_unsigned(r, a, form, in->off, "DW_AT_decl_file", &in->file);
	case DW_AT_decl_line:
		err = read_unsigned(r, a, form, in->off, "DW_AT_decl_line", &u);
		in->line = u > UINT32_MAX ? UINT32_MAX : (uint32_t)u;
		return err;
	case DW_AT_signature:
		return fail(r, EINVAL, in->off, "DW_AT_signature: type units are not supported");
	default:
		return 0;
	}
}

/* Read tag and attributes of a DIE in one dwarf_attrlist() pass. */
static int scan(struct rd *r, Dwarf_Die die, struct info *in)
{
	Dwarf_Attribute *attrs = NULL;
	Dwarf_Signed n = 0;
	Dwarf_Error e = NULL;
	int ret, err = 0;

	memset(in, 0, sizeof(*in));
	if (dwarf_dieoffset(die, &in->off, &e) != DW_DLV_OK)
		return dwfail(r, 0, "die offset", e);
	if (dwarf_tag(die, &in->tag, &e) != DW_DLV_OK)
		return dwfail(r, in->off, "tag", e);
	ret = dwarf_attrlist(die, &attrs, &n, &e);
	if (ret == DW_DLV_ERROR)
		return dwfail(r, in->off, "attributes", e);
	if (ret == DW_DLV_NO_ENTRY)
		return 0;
	for (Dwarf_Signed i = 0; i < n; i++) {
		if (!err)
			err = read_attr(r, attrs[i], in);
		dwarf_dealloc_attribute(attrs[i]);
	}
	dwarf_dealloc(r->dbg, attrs, DW_DLA_LIST);
	return err;
}

/* ---- children ---- */

/* Iterate the children of die: first call with *child NULL. Returns 1 with
 * *child set, 0 at the end, or -errno. The previous child is released.
 * With mark (a pre-order walk of the whole tree) each child must lie after
 * every DIE walked before: a DW_AT_sibling into the subtree just walked
 * would otherwise walk it again, once per level (exponential). */
static int next_child(struct rd *r, Dwarf_Die die, Dwarf_Off off, Dwarf_Die *child,
		      Dwarf_Off *mark)
{
	Dwarf_Error e = NULL;
	Dwarf_Die next = NULL;
	Dwarf_Off prev = off, at;
	int ret;

	if (!*child) {
		ret = dwarf_child(die, &next, &e);
	} else {
		if (dwarf_dieoffset(*child, &prev, &e) != DW_DLV_OK) {
			dwarf_dealloc_die(*child);
			*child = NULL;
			return dwfail(r, off, "die offset", e);
		}
		ret = dwarf_siblingof_b(r->dbg, *child, true, &next, &e);
	}
	if (*child)
		dwarf_dealloc_die(*child);
	*child = NULL;
	if (ret == DW_DLV_ERROR)
		return dwfail(r, off, "children", e);
	if (ret == DW_DLV_NO_ENTRY)
		return 0;
	/* a child lies after its parent and each sibling after the one
	 * before: a DW_AT_sibling that points back would loop forever */
	if (dwarf_dieoffset(next, &at, &e) != DW_DLV_OK) {
		dwarf_dealloc_die(next);
		return dwfail(r, off, "die offset", e);
	}
	if (mark && *mark > prev)
		prev = *mark;
	if (at <= prev) {
		dwarf_dealloc_die(next);
		return fail(r, EINVAL, off, "child at 0x%llx does not follow 0x%llx",
			    (unsigned long long)at, (unsigned long long)prev);
	}
	if (mark)
		*mark = at;
	*child = next;
	return 1;
}

/* ---- types ---- */

static struct uabi_type *T(struct rd *r, uint32_t idx)
{
	return &r->l->types[idx];
}

static int add_type(struct rd *r, enum uabi_kind kind, uint32_t *idx)
{
	*idx = uabi_layout__add_type(r->l, kind);
	return *idx == UABI_NO_TYPE ? oom(r) : 0;
}

static int void_type(struct rd *r, uint32_t *idx)
{
	int err = 0;

	if (r->void_idx == UABI_NO_TYPE)
		err = add_type(r, UABI_KIND_VOID, &r->void_idx);
	*idx = r->void_idx;
	return err;
}

static int load(struct rd *r, Dwarf_Off off, uint32_t *idx);

/* Type named by DW_AT_type, or void when the attribute is absent
 * (void *, const void, functions returning void). */
static int load_ref(struct rd *r, const struct info *in, uint32_t *idx)
{
	return in->has_type ? load(r, in->type, idx) : void_type(r, idx);
}

static enum uabi_encoding encoding(uint32_t ate)
{
	switch (ate) {
	case DW_ATE_signed:
		return UABI_ENC_SIGNED;
	case DW_ATE_unsigned:
		return UABI_ENC_UNSIGNED;
	case DW_ATE_signed_char:
		return UABI_ENC_SIGNED_CHAR;
	case DW_ATE_unsigned_char:
		return UABI_ENC_UNSIGNED_CHAR;
	case DW_ATE_boolean:
		return UABI_ENC_BOOL;
	case DW_ATE_float:
		return UABI_ENC_FLOAT;
	case 0:
		return UABI_ENC_NONE;
	default:
		return UABI_ENC_OTHER;
	}
}

static int set_decl(struct rd *r, struct cu *cu, const struct info *in,
		    const char **file, uint32_t *line)
{
	*line = in->line;
	*file = NULL;
	if (!in->has_file || !cu)
		return 0;
	return file_path(r, cu, in->off, in->file, file);
}

/* Common head of named types: index registered before any child is loaded. */
static int begin(struct rd *r, struct cu *cu, const struct info *in, enum uabi_kind kind,
		 uint32_t *idx)
{
	const char *name, *file;
	uint32_t line;
	int err;

	err = intern(r, in->name, &name);
	if (!err)
		err = set_decl(r, cu, in, &file, &line);
	if (!err)
		err = add_type(r, kind, idx);
	if (!err)
		err = map_put(r, in->off, *idx);
	if (err)
		return err;
	T(r, *idx)->name = name;
	T(r, *idx)->decl_file = file;
	T(r, *idx)->decl_line = line;
	T(r, *idx)->size = in->size;
	T(r, *idx)->declaration = in->declaration;
	if (in->align) {
		T(r, *idx)->align = in->align;
		T(r, *idx)->measured_align = true;
	}
	return 0;
}

/* Size in bytes of a loaded type through typedef/const/volatile; used for
 * DWARF2 bitfields without DW_AT_byte_size. */
static uint64_t size_of(struct rd *r, uint32_t idx)
{
	uint32_t s = uabi_layout__strip(r->l, idx);

	return s == UABI_NO_TYPE ? 0 : T(r, s)->size;
}

/* Model bit offset (DW_AT_data_bit_offset sense) of a member. */
static int member_bits(struct rd *r, const struct info *in, uint32_t type, uint64_t *bits)
{
	uint64_t loc = in->has_loc ? in->loc : 0, unit;
	int64_t b;

	if (in->has_data_bit_offset) {
		*bits = in->data_bit_offset;
		return 0;
	}
	*bits = loc * 8;
	if (!in->has_bit_offset)
		return 0;
	/* DWARF2 style (clang 14): DW_AT_bit_offset counts from the most
	 * significant bit of the storage unit of DW_AT_byte_size bytes
	 * (default: the member type's size) at DW_AT_data_member_location */
	unit = in->has_size ? in->size : size_of(r, type);
	if (!in->has_bit_size || !unit)
		return fail(r, EINVAL, in->off, "DW_AT_bit_offset without DW_AT_bit_size or storage size");
	if (r->res->big_endian)
		b = (int64_t)loc * 8 + in->bit_offset;
	else
		b = (int64_t)(loc * 8 + unit * 8) - in->bit_offset - (int64_t)in->bit_size;
	if (b < 0)
		return fail(r, EINVAL, in->off, "DW_AT_bit_offset %lld gives a negative bit offset",
			    (long long)in->bit_offset);
	*bits = (uint64_t)b;
	return 0;
}

static int load_members(struct rd *r, struct cu *cu, Dwarf_Die die, const struct info *pin,
			uint32_t idx)
{
	struct uabi_member *v = NULL, *m;
	size_t n = 0, cap = 0;
	Dwarf_Die c = NULL;
	struct info in;
	int ret;

	while ((ret = next_child(r, die, pin->off, &c, NULL)) > 0) {
		uint32_t type;
		uint64_t bits;

		ret = scan(r, c, &in);
		if (ret)
			break;
		if (in.tag != DW_TAG_member)
			continue;	/* clang nests anonymous aggregates here */
		if (!in.has_type) {
			ret = fail(r, EINVAL, in.off, "member without DW_AT_type");
			break;
		}
		ret = load(r, in.type, &type);
		if (!ret)
			ret = member_bits(r, &in, type, &bits);
		if (ret)
			break;
		m = GROW_ONE(v, n, cap);
		if (!m) {
			ret = oom(r);
			break;
		}
		m->type = type;
		m->bit_offset = bits;
		m->bit_size = (uint32_t)in.bit_size;
		m->align = in.align;
		ret = intern(r, in.name, &m->name);
		if (!ret)
			ret = set_decl(r, cu, &in, &m->decl_file, &m->decl_line);
		if (ret)
			break;
	}
	if (c)
		dwarf_dealloc_die(c);
	m = NULL;
	if (ret >= 0 && n && !(m = to_arena(r, v, n * sizeof(*m))))
		ret = oom(r);
	free(v);
	if (ret < 0)
		return ret;
	T(r, idx)->members = m;
	T(r, idx)->nmembers = (uint32_t)n;
	return 0;
}

/* 1 unsigned, 0 signed, -1 unknown: signedness of the base type behind
 * off (through typedefs and qualifiers), read without loading it. */
static int sign_of(struct rd *r, Dwarf_Off off)
{
	for (int guard = 0; guard < 16; guard++) {
		Dwarf_Error e = NULL;
		Dwarf_Die die;
		struct info in;
		int err;

		if (dwarf_offdie_b(r->dbg, off, true, &die, &e) != DW_DLV_OK) {
			if (e)
				dwarf_dealloc_error(r->dbg, e);
			return -1;
		}
		err = scan(r, die, &in);
		dwarf_dealloc_die(die);
		if (err) {
			uabi_diag__clear(r->d);
			return -1;
		}
		if (in.tag == DW_TAG_base_type)
			return in.encoding == DW_ATE_unsigned || in.encoding == DW_ATE_unsigned_char ||
			       in.encoding == DW_ATE_boolean;
		if (!in.has_type)
			return -1;
		off = in.type;
	}
	return -1;
}

/* Value of DW_AT_const_value and whether it is to be read unsigned:
 * an unsigned underlying type, or an unsigned form whose value does not
 * fit as signed in its width (data4 0xc008aeba). */
static void const_value(const struct num *v, int sign, int64_t *value, bool *is_unsigned)
{
	*value = v->s;
	if (v->sgn) {
		*is_unsigned = sign == 1 && v->s >= 0;
		return;
	}
	*is_unsigned = sign == 1 || (v->u >> (v->width * 8 - 1)) & 1;
}

static int load_enum(struct rd *r, struct cu *cu, Dwarf_Die die, const struct info *pin,
		     uint32_t idx)
{
	struct uabi_enumerator *v = NULL, *m;
	size_t n = 0, cap = 0;
	Dwarf_Die c = NULL;
	struct info in;
	int sign = -1, ret;
	uint32_t ref;

	if (pin->has_type) {
		ret = load(r, pin->type, &ref);
		if (ret)
			return ret;
		T(r, idx)->ref = ref;
		sign = sign_of(r, pin->type);
	}
	while ((ret = next_child(r, die, pin->off, &c, NULL)) > 0) {
		ret = scan(r, c, &in);
		if (ret)
			break;
		if (in.tag != DW_TAG_enumerator)
			continue;
		if (!in.has_cval) {
			ret = fail(r, EINVAL, in.off, "enumerator without DW_AT_const_value");
			break;
		}
		m = GROW_ONE(v, n, cap);
		if (!m) {
			ret = oom(r);
			break;
		}
		const_value(&in.cval, sign, &m->value, &m->is_unsigned);
		ret = intern(r, in.name, &m->name);
		if (ret)
			break;
	}
	if (c)
		dwarf_dealloc_die(c);
	m = NULL;
	if (ret >= 0 && n && !(m = to_arena(r, v, n * sizeof(*m))))
		ret = oom(r);
	free(v);
	if (ret < 0)
		return ret;
	T(r, idx)->enumerators = m;
	T(r, idx)->nenumerators = (uint32_t)n;
	return 0;
}

struct dim {
	uint64_t count;
	bool flexible;
};

/* Element count of one DW_TAG_subrange_type. */
static int subrange(struct rd *r, const struct info *in, struct dim *dm)
{
	uint64_t lower = in->has_lower ? in->lower : 0;

	dm->count = 0;
	dm->flexible = false;
	if (in->has_count) {
		if (in->count.sgn && in->count.s < 0)
			return fail(r, EINVAL, in->off, "DW_AT_count: negative value");
		dm->count = in->count.u;
		return 0;
	}
	if (in->has_upper) {
		const struct num *u = &in->upper;

		/* x[0] in older gcc: upper bound -1, as sdata or as 64 bits
		 * of ones. A narrower all-ones value is a real bound: gcc
		 * writes char pad[256] as data1 0xff */
		if ((u->sgn && u->s == -1) || (!u->sgn && u->u == UINT64_MAX))
			return 0;
		if ((u->sgn && u->s < 0) || u->u < lower)
			return fail(r, EINVAL, in->off, "DW_AT_upper_bound below the lower bound");
		dm->count = u->u - lower + 1;
		return 0;
	}
	dm->flexible = true;	/* x[]: no bound at all */
	return 0;
}

/* int a[2][3]: one DIE, two subranges; the model wants array(2) of a
 * synthesized array(3) of int, indices assigned outermost first. */
static int load_array(struct rd *r, Dwarf_Die die, const struct info *pin, uint32_t idx)
{
	struct dim *dims = NULL, *t;
	size_t n = 0, cap = 0;
	Dwarf_Die c = NULL;
	uint32_t *ids = NULL, elem;
	struct info in;
	int ret;

	if (!pin->has_type)
		return fail(r, EINVAL, pin->off, "array without DW_AT_type");
	while ((ret = next_child(r, die, pin->off, &c, NULL)) > 0) {
		ret = scan(r, c, &in);
		if (ret)
			break;
		if (in.tag != DW_TAG_subrange_type && in.tag != DW_TAG_enumeration_type)
			continue;
		t = GROW_ONE(dims, n, cap);
		if (!t) {
			ret = oom(r);
			break;
		}
		ret = subrange(r, &in, t);
		if (ret)
			break;
	}
	if (c)
		dwarf_dealloc_die(c);
	if (ret < 0)
		goto out;
	if (!n) {
		/* no subrange at all: nothing known about the bound */
		dims = calloc(1, sizeof(*dims));
		if (!dims) {
			ret = oom(r);
			goto out;
		}
		dims[0].flexible = true;
		n = 1;
	}
	ids = malloc(n * sizeof(*ids));
	if (!ids) {
		ret = oom(r);
		goto out;
	}
	ids[0] = idx;
	for (size_t i = 1; i < n; i++) {
		ret = add_type(r, UABI_KIND_ARRAY, &ids[i]);
		if (ret)
			goto out;
		T(r, ids[i - 1])->ref = ids[i];
	}
	ret = load(r, pin->type, &elem);
	if (ret)
		goto out;
	T(r, ids[n - 1])->ref = elem;
	for (size_t i = n; i-- > 0;) {
		struct uabi_type *a = T(r, ids[i]);

		a->count = dims[i].count;
		a->flexible = dims[i].flexible;
		a->size = dims[i].count * size_of(r, a->ref);
	}
out:
	free(ids);
	free(dims);
	return ret;
}

/* Load the type DIE at off (once) and return its index. */
static int load_die(struct rd *r, Dwarf_Die die, const struct info *in, uint32_t *idx)
{
	struct cu *cu = cu_of(r, in->off);
	uint32_t ref;
	int err;

	switch (in->tag) {
	case DW_TAG_base_type:
		err = begin(r, cu, in, UABI_KIND_BASE, idx);
		if (!err)
			T(r, *idx)->encoding = encoding(in->encoding);
		return err;
	case DW_TAG_structure_type:
	case DW_TAG_class_type:
	case DW_TAG_union_type:
		err = begin(r, cu, in, in->tag == DW_TAG_union_type ? UABI_KIND_UNION : UABI_KIND_STRUCT,
			    idx);
		return err ? err : load_members(r, cu, die, in, *idx);
	case DW_TAG_enumeration_type:
		err = begin(r, cu, in, UABI_KIND_ENUM, idx);
		return err ? err : load_enum(r, cu, die, in, *idx);
	case DW_TAG_typedef:
	case DW_TAG_const_type:
	case DW_TAG_volatile_type:
		err = begin(r, cu, in, in->tag == DW_TAG_typedef ? UABI_KIND_TYPEDEF :
				       in->tag == DW_TAG_const_type ? UABI_KIND_CONST : UABI_KIND_VOLATILE,
			    idx);
		if (!err)
			err = load_ref(r, in, &ref);
		if (err)
			return err;
		T(r, *idx)->ref = ref;
		T(r, *idx)->size = T(r, ref)->size;
		return 0;
	case DW_TAG_pointer_type:
	case DW_TAG_reference_type:
	case DW_TAG_rvalue_reference_type:
		err = begin(r, cu, in, UABI_KIND_POINTER, idx);
		if (err)
			return err;
		if (!in->has_size) {
			if (!cu || !cu->addr_size)
				return fail(r, EINVAL, in->off, "pointer without size");
			T(r, *idx)->size = cu->addr_size;
		}
		err = load_ref(r, in, &ref);
		if (!err)
			T(r, *idx)->ref = ref;
		return err;
	case DW_TAG_subroutine_type:
		/* parameters do not matter to a layout: only the return type */
		err = begin(r, cu, in, UABI_KIND_FUNC, idx);
		if (!err)
			err = load_ref(r, in, &ref);
		if (!err) {
			T(r, *idx)->ref = ref;
			T(r, *idx)->size = 0;
		}
		return err;
	case DW_TAG_array_type:
		err = begin(r, cu, in, UABI_KIND_ARRAY, idx);
		if (!err)
			T(r, *idx)->size = 0;	/* recomputed from count * element */
		return err ? err : load_array(r, die, in, *idx);
	case DW_TAG_restrict_type:
	case DW_TAG_atomic_type:
		/* layout-neutral qualifiers: the DIE stands for its target */
		err = load_ref(r, in, idx);
		return err ? err : map_put(r, in->off, *idx);
	case DW_TAG_unspecified_type:
		err = void_type(r, idx);
		return err ? err : map_put(r, in->off, *idx);
	default: {
		const char *tn = NULL;

		dwarf_get_TAG_name(in->tag, &tn);
		return fail(r, EINVAL, in->off, "%s (0x%x): not a type this reader knows",
			    tn ? tn : "tag", in->tag);
	}
	}
}

static int load(struct rd *r, Dwarf_Off off, uint32_t *idx)
{
	struct slot *s = map_find(r, off);
	Dwarf_Error e = NULL;
	Dwarf_Die die;
	struct info in;
	int ret;

	if (s) {
		*idx = s->idx;
		return 0;
	}
	if (r->depth >= MAX_DEPTH)
		return fail(r, ELOOP, off, "types nest deeper than %d", MAX_DEPTH);
	ret = dwarf_offdie_b(r->dbg, off, true, &die, &e);
	if (ret != DW_DLV_OK)
		return dwfail(r, off, "DW_AT_type target", e);
	r->depth++;
	ret = scan(r, die, &in);
	if (!ret)
		ret = load_die(r, die, &in, idx);
	r->depth--;
	dwarf_dealloc_die(die);
	return ret;
}

/* ---- pass 1: CUs, roots, consts ---- */

static bool is_probe_name(const char *s)
{
	return s && !strncmp(s, ROOT_PREFIX, sizeof(ROOT_PREFIX) - 1);
}

static int add_const(struct rd *r, const struct info *in, int sign)
{
	struct uabi_dwarf_const *c;
	int err;

	if (!in->has_cval)
		return fail(r, EINVAL, in->off, "enumerator without DW_AT_const_value");
	if (r->res->nconsts == r->consts_cap) {
		size_t cap = r->consts_cap ? r->consts_cap * 2 : 64;

		c = realloc(r->res->consts, cap * sizeof(*c));
		if (!c)
			return oom(r);
		r->res->consts = c;
		r->consts_cap = cap;
	}
	c = &r->res->consts[r->res->nconsts];
	memset(c, 0, sizeof(*c));
	err = intern(r, in->name, &c->name);
	if (err)
		return err;
	const_value(&in->cval, sign, &c->value, &c->is_unsigned);
	r->res->nconsts++;
	return 0;
}

/* Tag, and the name only for the tags pass 1 wants (want): pass 1 looks
 * at every DIE but needs few of them. */
static int peek(struct rd *r, Dwarf_Die die, Dwarf_Off parent, Dwarf_Half want,
		Dwarf_Half *tag, const char **name)
{
	Dwarf_Error e = NULL;
	char *s = NULL;
	int ret;

	*name = NULL;
	if (dwarf_tag(die, tag, &e) != DW_DLV_OK)
		return dwfail(r, parent, "tag", e);
	if (*tag != want)
		return 0;
	ret = dwarf_diename(die, &s, &e);
	if (ret == DW_DLV_ERROR)
		return dwfail(r, parent, "DW_AT_name", e);
	if (ret == DW_DLV_OK)
		*name = s;
	return 0;
}

static int scan_enum(struct rd *r, Dwarf_Die die, Dwarf_Off off)
{
	Dwarf_Die c = NULL;
	struct info in;
	const char *name;
	Dwarf_Half tag;
	int sign = -2, ret;

	while ((ret = next_child(r, die, off, &c, &r->walked)) > 0) {
		ret = peek(r, c, off, DW_TAG_enumerator, &tag, &name);
		if (ret)
			break;
		if (tag != DW_TAG_enumerator || !is_probe_name(name))
			continue;
		if (sign == -2) {
			/* looked up once, and only for probe enums */
			ret = scan(r, die, &in);
			if (ret)
				break;
			sign = in.has_type ? sign_of(r, in.type) : -1;
		}
		ret = scan(r, c, &in);
		if (!ret)
			ret = add_const(r, &in, sign);
		if (ret)
			break;
	}
	if (c)
		dwarf_dealloc_die(c);
	return ret < 0 ? ret : 0;
}

static int add_root(struct rd *r, const struct info *in)
{
	struct pend_root *p;

	if (r->nroots == r->roots_cap) {
		size_t cap = r->roots_cap ? r->roots_cap * 2 : 64;

		p = realloc(r->roots, cap * sizeof(*p));
		if (!p)
			return oom(r);
		r->roots = p;
		r->roots_cap = cap;
	}
	p = &r->roots[r->nroots++];
	p->name = in->name;
	p->target = in->type;
	p->has_target = in->has_type;
	p->die = in->off;
	return 0;
}

/* Walk the DIE tree under die: roots at CU level, probe enumerators in
 * any enum (clang nests an anonymous enum declared in a struct inside the
 * struct; a function-local enum sits in its subprogram). */
static int scan_tree(struct rd *r, Dwarf_Die die, Dwarf_Off off, bool cu_level)
{
	Dwarf_Die c = NULL;
	Dwarf_Half tag, has;
	const char *name;
	struct info in;
	int ret;

	while ((ret = next_child(r, die, off, &c, &r->walked)) > 0) {
		ret = peek(r, c, off, cu_level ? DW_TAG_typedef : 0, &tag, &name);
		if (ret)
			break;
		if (cu_level && tag == DW_TAG_typedef && is_probe_name(name)) {
			ret = scan(r, c, &in);
			if (!ret)
				ret = add_root(r, &in);
		} else if (tag == DW_TAG_enumeration_type) {
			ret = scan_enum(r, c, off);
		} else if (dwarf_die_abbrev_children_flag(c, &has) == DW_DLV_OK && has) {
			if (r->depth >= MAX_DEPTH) {
				ret = fail(r, ELOOP, off, "DIEs nest deeper than %d", MAX_DEPTH);
				break;
			}
			r->depth++;
			ret = scan_tree(r, c, off, false);
			r->depth--;
		}
		if (ret)
			break;
	}
	if (c)
		dwarf_dealloc_die(c);
	return ret < 0 ? ret : 0;
}

static int scan_cu(struct rd *r, struct cu *cu, Dwarf_Die cud, Dwarf_Half version)
{
	Dwarf_Line_Context lc = NULL;
	Dwarf_Unsigned lver = 0;
	Dwarf_Small ntables;
	Dwarf_Error e = NULL;
	Dwarf_Attribute a;
	struct info in;
	char *s;
	int ret;

	ret = scan(r, cud, &in);
	if (ret)
		return ret;
	if (dwarf_attr(cud, DW_AT_comp_dir, &a, &e) == DW_DLV_OK) {
		if (dwarf_formstring(a, &s, &e) == DW_DLV_OK)
			cu->comp_dir = s;
		dwarf_dealloc_attribute(a);
	}
	if (e) {
		dwarf_dealloc_error(r->dbg, e);
		e = NULL;
	}
	if (!r->res->producer && dwarf_attr(cud, DW_AT_producer, &a, &e) == DW_DLV_OK) {
		if (dwarf_formstring(a, &s, &e) == DW_DLV_OK)
			ret = intern(r, s, &r->res->producer);
		dwarf_dealloc_attribute(a);
		if (ret)
			return ret;
	}
	if (e) {
		dwarf_dealloc_error(r->dbg, e);
		e = NULL;
	}

	/* libdwarf 20210528 returns the DWARF5 file table from entry 0
	 * (which DWARF5 decl_file may name: clang's primary file is 0) and
	 * older tables from entry 1; the line table's version decides, which
	 * is the CU's in practice */
	ret = dwarf_srclines_b(cud, &lver, &ntables, &lc, &e);
	if (ret == DW_DLV_OK)
		dwarf_srclines_dealloc_b(lc);
	else if (ret == DW_DLV_ERROR)
		return dwfail(r, in.off, "line table", e);
	else
		lver = version;
	cu->file_base = lver >= 5 ? 0 : 1;
	ret = dwarf_srcfiles(cud, &cu->files, &cu->nfiles, &e);
	if (ret == DW_DLV_ERROR)
		return dwfail(r, in.off, "line table files", e);
	if (ret == DW_DLV_NO_ENTRY) {
		cu->files = NULL;
		cu->nfiles = 0;
	}
	if (cu->nfiles) {
		cu->paths = calloc((size_t)cu->nfiles, sizeof(*cu->paths));
		if (!cu->paths)
			return oom(r);
	}
	return scan_tree(r, cud, in.off, true);
}

static int scan_cus(struct rd *r)
{
	Dwarf_Unsigned hdr = 0, next;
	Dwarf_Half version, addr_size;
	Dwarf_Error e = NULL;
	int ret;

	for (;;) {
		Dwarf_Die cud = NULL;
		struct cu *cu;

		ret = dwarf_next_cu_header_d(r->dbg, true, NULL, &version, NULL, &addr_size, NULL,
					     NULL, NULL, NULL, &next, NULL, &e);
		if (ret == DW_DLV_NO_ENTRY)
			break;
		if (ret == DW_DLV_ERROR)
			return dwfail(r, 0, "compile unit header", e);
		if (r->ncus == r->cus_cap) {
			size_t cap = r->cus_cap ? r->cus_cap * 2 : 8;

			cu = realloc(r->cus, cap * sizeof(*cu));
			if (!cu)
				return oom(r);
			r->cus = cu;
			r->cus_cap = cap;
		}
		cu = &r->cus[r->ncus++];
		memset(cu, 0, sizeof(*cu));
		cu->start = hdr;
		cu->end = next;
		cu->addr_size = addr_size;
		hdr = next;
		if (!r->res->address_size)
			r->res->address_size = addr_size;

		ret = dwarf_siblingof_b(r->dbg, NULL, true, &cud, &e);
		if (ret == DW_DLV_ERROR)
			return dwfail(r, cu->start, "compile unit", e);
		if (ret == DW_DLV_NO_ENTRY)
			continue;
		ret = scan_cu(r, cu, cud, version);
		dwarf_dealloc_die(cud);
		if (ret)
			return ret;
	}
	if (!r->ncus)
		return fail(r, EINVAL, 0, "no compile units in .debug_info");
	return 0;
}

/* ---- pass 2 ---- */

static int cmp_root(const void *a, const void *b)
{
	const struct pend_root *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	return x->die < y->die ? -1 : x->die > y->die;
}

static int cmp_const(const void *a, const void *b)
{
	const struct uabi_dwarf_const *x = a, *y = b;

	return strcmp(x->name, y->name);
}

static int load_roots(struct rd *r)
{
	struct uabi_dwarf_result *res = r->res;

	if (!r->nroots)
		return 0;
	qsort(r->roots, r->nroots, sizeof(*r->roots), cmp_root);
	res->roots = calloc(r->nroots, sizeof(*res->roots));
	if (!res->roots)
		return oom(r);
	for (size_t i = 0; i < r->nroots; i++) {
		struct uabi_dwarf_root *o = &res->roots[res->nroots];
		const struct pend_root *p = &r->roots[i];
		int err;

		err = intern(r, p->name, &o->name);
		if (!err)
			err = p->has_target ? load(r, p->target, &o->type) : void_type(r, &o->type);
		if (err)
			return err;
		res->nroots++;
	}
	return 0;
}

/* ---- ELF ---- */

static int elf_facts(struct rd *r, int fd)
{
	GElf_Ehdr eh;
	Elf *elf;
	int ret = 0;

	if (elf_version(EV_CURRENT) == EV_NONE)
		return fail(r, EINVAL, 0, "libelf: %s", elf_errmsg(-1));
	elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!elf || elf_kind(elf) != ELF_K_ELF) {
		ret = fail(r, EINVAL, 0, "not an ELF file");
		goto out;
	}
	if (!gelf_getehdr(elf, &eh)) {
		ret = fail(r, EINVAL, 0, "bad ELF header: %s", elf_errmsg(-1));
		goto out;
	}
	r->res->is_64 = eh.e_ident[EI_CLASS] == ELFCLASS64;
	r->res->big_endian = eh.e_ident[EI_DATA] == ELFDATA2MSB;
	r->res->machine = eh.e_machine;
out:
	if (elf)
		elf_end(elf);
	return ret;
}

/* ---- public ---- */

int uabi_dwarf__read(const char *path, struct uabi_layout *l, const struct uabi_dwarf_opts *o,
		     struct uabi_dwarf_result *res, struct uabi_diag *d)
{
	struct rd r = {
		.path = path,
		.o = o,
		.l = l,
		.res = res,
		.d = d,
		.void_idx = UABI_NO_TYPE,
	};
	Dwarf_Error e = NULL;
	struct stat st;
	int fd, ret;

	memset(res, 0, sizeof(*res));
	for (uint32_t i = 0; i < l->ntypes; i++) {
		if (l->types[i].kind == UABI_KIND_VOID) {
			r.void_idx = i;
			break;
		}
	}
	/* O_NONBLOCK: a FIFO without a writer must not block the open (a
	 * signal would not end it); libelf maps or reads the file whole, so
	 * anything but a regular file is refused */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return fail(&r, errno, 0, "%s", strerror(errno));
	if (fstat(fd, &st) != 0) {
		ret = fail(&r, errno, 0, "%s", strerror(errno));
		goto out_fd;
	}
	if (!S_ISREG(st.st_mode)) {
		ret = fail(&r, EINVAL, 0, "not a regular file");
		goto out_fd;
	}
	ret = elf_facts(&r, fd);
	if (ret)
		goto out_fd;
	/* every libdwarf allocation is released here one by one, so libdwarf
	 * need not track them for dwarf_finish(): its tracking tree took a
	 * third of the reading time. The flag is process-global; this file
	 * is the only libdwarf user and always wants 0 */
	dwarf_set_de_alloc_flag(0);
	ret = dwarf_init_b(fd, DW_DLC_READ, DW_GROUPNUMBER_ANY, NULL, NULL, &r.dbg, &e);
	if (ret == DW_DLV_NO_ENTRY) {
		ret = fail(&r, EINVAL, 0, "no DWARF debug information (.debug_info)");
		goto out_fd;
	}
	if (ret != DW_DLV_OK) {
		ret = fail(&r, EINVAL, 0, "cannot read DWARF: %s", e ? dwarf_errmsg(e) : "unknown error");
		if (e)
			dwarf_dealloc_error(NULL, e);
		r.dbg = NULL;
		goto out_fd;
	}

	ret = scan_cus(&r);
	if (!ret)
		ret = load_roots(&r);
	if (!ret && res->nconsts)
		qsort(res->consts, res->nconsts, sizeof(*res->consts), cmp_const);

	for (size_t i = 0; i < r.ncus; i++) {
		struct cu *cu = &r.cus[i];

		for (Dwarf_Signed j = 0; j < cu->nfiles; j++)
			dwarf_dealloc(r.dbg, cu->files[j], DW_DLA_STRING);
		if (cu->files)
			dwarf_dealloc(r.dbg, cu->files, DW_DLA_LIST);
		free(cu->paths);
	}
	dwarf_finish(r.dbg, &e);
	if (e)
		dwarf_dealloc_error(NULL, e);
out_fd:
	free(r.cus);
	free(r.map);
	free(r.strs);
	free(r.roots);
	close(fd);
	if (ret)
		uabi_dwarf_result__free(res);
	return ret;
}

void uabi_dwarf_result__free(struct uabi_dwarf_result *res)
{
	if (!res)
		return;
	free(res->consts);
	free(res->roots);
	res->consts = NULL;
	res->roots = NULL;
	res->nconsts = 0;
	res->nroots = 0;
}

/* consts and roots both start with their name */
static int cmp_name_key(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

const struct uabi_dwarf_const *uabi_dwarf_result__const(const struct uabi_dwarf_result *res,
							const char *name)
{
	return res->nconsts ? bsearch(name, res->consts, res->nconsts, sizeof(*res->consts),
				      cmp_name_key) : NULL;
}

const struct uabi_dwarf_root *uabi_dwarf_result__root(const struct uabi_dwarf_result *res,
						      const char *name)
{
	return res->nroots ? bsearch(name, res->roots, res->nroots, sizeof(*res->roots),
				     cmp_name_key) : NULL;
}
