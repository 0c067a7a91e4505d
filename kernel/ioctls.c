// SPDX-License-Identifier: MIT
/* Who handles an ioctl command for a 32-bit caller: the tree scan, the
 * indexes over it and the placement rules of ioctls.h. */
#include "ioctls.h"

#include <errno.h>
#include <stddef.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../core/arena.h"
#include "../core/fileio.h"
#include "../core/vec.h"
#include "ctext.h"
#include "kio_priv.h"
#include "krules.h"
#include "kbuild.h"
#include "kcond.h"

/* Files bigger than this are skipped, not an error. */
#define KIO_MAX_FILE (16u << 20)
/* A bigger .c or .h file is still read for its member names, up to this */
#define KIO_MAX_LOOSE_FILE (256u << 20)

const char *uabi_kio_status__str(enum uabi_kio_status s)
{
	switch (s) {
	case UABI_KIO_HANDLED:
		return "handled";
	case UABI_KIO_PASSED:
		return "passed-through";
	case UABI_KIO_NOT_AVAILABLE:
		return "not-available";
	case UABI_KIO_NOT_DISPATCHED:
		return "not-dispatched";
	default:
		return "unknown";
	}
}

/* ---- reading the tree --------------------------------------------------- */

struct reader {
	struct uabi_kio *k;
	struct uabi_kbuild *kbuild;
	const char *tree;
	char root[PATH_MAX];
	struct uabi_diag *d;
	const char **lset;	/* loose member names, open addressing */
	uint32_t nlset, clset;
};

/* C sources and headers */
static bool is_ch(const char *name)
{
	size_t n = strlen(name);

	return n > 2 && name[n - 2] == '.' && (name[n - 1] == 'c' || name[n - 1] == 'h');
}

/* A C source or header, by the last component of its path */
static bool is_ch_path(const char *rel)
{
	const char *slash = strrchr(rel, '/');

	return is_ch(slash ? slash + 1 : rel);
}

bool uabi_kio__wanted(const char *name)
{
	return is_ch(name) || uabi_kbuild__wanted(name);
}

bool uabi_kio__wanted_top(const char *name)
{
	return uabi_kbuild__wanted(name);
}

static bool want_ch(const char *name, void *ctx)
{
	(void)ctx;
	return uabi_kio__wanted(name);
}

static bool want_build(const char *name, void *ctx)
{
	(void)ctx;
	return uabi_kbuild__wanted(name);
}

bool uabi_kio__build_only_top(const char *name)
{
	return name[0] != '.' && uabi_kio__skipped_top(name);
}

/* Only a file that can name, dispatch or translate a command is scanned:
 * it mentions ioctl, IOC (IOCTL, EVIOCSFF, _IOC_NR), _IO, or translates
 * for compat callers (in_compat_syscall, compat_ptr: input-compat.c). */
static bool worth_scanning(const char *text, size_t len)
{
	return memmem(text, len, "ioctl", 5) || memmem(text, len, "IOC", 3) ||
	       memmem(text, len, "_IO", 3) || memmem(text, len, "in_compat_syscall", 17) ||
	       memmem(text, len, "compat_ptr", 10);
}

static uint32_t str_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* Make room in an open-addressing table of strings (slots by str_hash of
 * their text, NULL when free) for one more of n: double it (from first
 * slots) when half full. 0 or -ENOMEM (the table unchanged). */
static int str_table_room(const char ***tab, uint32_t n, uint32_t *cap, uint32_t first)
{
	uint32_t c = *cap ? *cap * 2 : first, h;
	const char **v;

	if (n * 2 < *cap)
		return 0;
	if (!(v = calloc(c, sizeof(*v))))
		return -ENOMEM;
	for (uint32_t i = 0; i < *cap; i++) {
		if (!(*tab)[i])
			continue;
		for (h = str_hash((*tab)[i], strlen((*tab)[i])) & (c - 1); v[h]; h = (h + 1) & (c - 1))
			;
		v[h] = (*tab)[i];
	}
	free(*tab);
	*tab = v;
	*cap = c;
	return 0;
}

/* uabi_kintern for a scan: each string once in k->arena. */
static const char *kio_intern(struct uabi_kintern *t, const char *s, size_t n)
{
	struct uabi_kio *k = (struct uabi_kio *)((char *)t - offsetof(struct uabi_kio, intern));
	uint32_t h;
	const char *c;

	if (str_table_room(&k->istr, k->nistr, &k->cistr, 1u << 16))
		return NULL;
	for (h = str_hash(s, n) & (k->cistr - 1); (c = k->istr[h]); h = (h + 1) & (k->cistr - 1))
		if (!strncmp(c, s, n) && !c[n])
			return c;
	if (!(c = uabi_arena__strndup(&k->arena, s, n)))
		return NULL;
	k->istr[h] = c;
	k->nistr++;
	return c;
}

/* The reader's set of loose member names (interned: one pointer each). */
/* A set of interned strings (one pointer each) in an open-addressing
 * table: add m. 0 or -ENOMEM. */
static int set_put(const char ***tab, uint32_t *n, uint32_t *cap, const char *m)
{
	uint32_t h;

	if (str_table_room(tab, *n, cap, 1u << 14))
		return -ENOMEM;
	for (h = str_hash(m, strlen(m)) & (*cap - 1); (*tab)[h]; h = (h + 1) & (*cap - 1))
		if ((*tab)[h] == m)
			return 0;
	(*tab)[h] = m;
	(*n)++;
	return 0;
}

static bool set_has(const char *const *tab, uint32_t cap, const char *m)
{
	if (!cap)
		return false;
	for (uint32_t h = str_hash(m, strlen(m)) & (cap - 1); tab[h]; h = (h + 1) & (cap - 1))
		if (tab[h] == m)
			return true;
	return false;
}

/* The set's strings, sorted (strcmp), into a malloc'd *out. 0 or -ENOMEM. */
static int set_sorted(const char *const *tab, uint32_t n, uint32_t cap, const char ***out,
		      uint32_t *nout)
{
	*nout = 0;
	if (!(*out = malloc((n + 1) * sizeof(**out))))
		return -ENOMEM;
	for (uint32_t i = 0; i < cap; i++)
		if (tab[i])
			(*out)[(*nout)++] = tab[i];
	qsort(*out, *nout, sizeof(**out), cmp_str);
	return 0;
}

static int loose_put(struct reader *r, const char *m)
{
	return set_put(&r->lset, &r->nlset, &r->clset, m);
}

/* uabi_kscan__loose_members' callback for a file not scanned. */
static int loose_add(void *ctx, const char *id, size_t n)
{
	struct reader *r = ctx;
	char buf[256], *b = buf, *tmp = NULL;
	const char *m;

	if (n + 1 > sizeof(buf) && !(b = tmp = malloc(n + 1)))
		return -ENOMEM;
	b[0] = UABI_KREF_MEMBER[0];
	memcpy(b + 1, id, n);
	m = kio_intern(&r->k->intern, b, n + 1);
	free(tmp);
	return m ? loose_put(r, m) : -ENOMEM;
}

static bool loose_has(const struct reader *r, const char *m)
{
	return set_has(r->lset, r->clset, m);
}

/* k->addr: the names the files use as values that are functions they
 * define (the files' vals lists are released). 0 or -ENOMEM. */
static int addr_finish(struct reader *r)
{
	struct uabi_kio *k = r->k;
	const char **fns = NULL, **addr = NULL;
	uint32_t nfns = 0, cfns = 0, naddr = 0, caddr = 0;
	int err = 0;

	/* the functions' names, interned as the references are */
	for (uint32_t f = 0; f < k->nfiles && !err; f++)
		for (uint32_t i = 0; i < k->files[f].ndefs && !err; i++) {
			const struct uabi_kdef *d = &k->files[f].defs[i];
			const char *in;

			if (d->object)
				continue;
			if (!(in = kio_intern(&k->intern, d->name, strlen(d->name))))
				err = -ENOMEM;
			else
				err = set_put(&fns, &nfns, &cfns, in);
		}
	for (uint32_t f = 0; f < k->nfiles; f++) {
		struct uabi_kfile *kf = &k->files[f];

		for (uint32_t i = 0; i < kf->nvals && !err; i++)
			if (set_has(fns, cfns, kf->vals[i]))
				err = set_put(&addr, &naddr, &caddr, kf->vals[i]);
		free(kf->vals);
		kf->vals = NULL;
		kf->nvals = kf->cvals = 0;
	}
	if (!err)
		err = set_sorted(addr, naddr, caddr, &k->addr, &k->naddr);
	free(fns);
	free(addr);
	return err;
}

/* Drop from a file's references the member names that are loose (any
 * question about them stops at k->loose), keeping each def's references
 * and case groups in place, and return the arrays' spare room. 0 or
 * -ENOMEM. */
static int drop_loose_refs(const struct reader *r, struct uabi_kfile *kf)
{
	uint32_t *map = kf->nrefs ? malloc(kf->nrefs * sizeof(*map)) : NULL;
	uint32_t w = 0, wg = 0;

	if (kf->nrefs && !map)
		return -ENOMEM;
	for (uint32_t i = 0; i < kf->ndefs; i++) {
		struct uabi_kdef *d = &kf->defs[i];
		uint32_t r0 = w, g0 = wg;

		for (uint32_t j = d->ref0; j < d->ref0 + d->nref; j++) {
			const char *s = kf->refs[j];

			map[j] = UINT32_MAX;
			if (s[0] == UABI_KREF_MEMBER[0] && loose_has(r, s))
				continue;
			map[j] = w;
			kf->refs[w++] = s;
		}
		for (uint32_t j = d->gref0; j < d->gref0 + d->ngref; j++)
			if (map[kf->grefs[j].ref] != UINT32_MAX)
				kf->grefs[wg++] = (struct uabi_kgref){ map[kf->grefs[j].ref],
								       kf->grefs[j].grp };
		d->ref0 = r0;
		d->nref = w - r0;
		d->gref0 = g0;
		d->ngref = wg - g0;
	}
	free(map);
	kf->nrefs = w;
	kf->ngrefs = wg;
	/* the scan grew them by doubling */
	if (w && w < kf->crefs) {
		const char **v = realloc(kf->refs, w * sizeof(*v));

		if (v) {
			kf->refs = v;
			kf->crefs = w;
		}
	}
	if (wg && wg < kf->cgrefs) {
		struct uabi_kgref *v = realloc(kf->grefs, wg * sizeof(*v));

		if (v) {
			kf->grefs = v;
			kf->cgrefs = wg;
		}
	}
	return 0;
}

/* k->loose from the reader's set and the scanned files' #define bodies
 * (whose lists are released), and the loose member names out of the
 * files' references. 0 or -ENOMEM. */
static int loose_finish(struct reader *r)
{
	struct uabi_kio *k = r->k;
	int err = 0;

	for (uint32_t f = 0; f < k->nfiles; f++) {
		struct uabi_kfile *kf = &k->files[f];

		for (uint32_t i = 0; i < kf->nloose && !err; i++)
			err = loose_put(r, kf->loose[i]);
		free(kf->loose);
		kf->loose = NULL;
		kf->nloose = kf->cloose = 0;
	}
	for (uint32_t f = 0; f < k->nfiles && !err; f++)
		err = drop_loose_refs(r, &k->files[f]);
	if (!err)
		err = set_sorted(r->lset, r->nlset, r->clset, &k->loose, &k->nloose);
	free(r->lset);
	r->lset = NULL;
	r->nlset = r->clset = 0;
	return err ? err : addr_finish(r);
}

static int visit_file(const char *rel, void *ctx)
{
	struct reader *r = ctx;
	struct uabi_kio *k = r->k;
	char path[PATH_MAX];
	char *text = NULL;
	size_t len = 0;
	int err, n = snprintf(path, sizeof(path), "%s/%s", r->tree, rel);

	if (n < 0 || (size_t)n >= sizeof(path))
		return uabi_diag__input(r->d, ENAMETOOLONG, "%s/%s: %s", r->tree, rel,
					strerror(ENAMETOOLONG));
	err = uabi_file__read_under(r->root, path, "the kernel tree", KIO_MAX_FILE, &text, &len,
				    r->d);
	if (err == -EFBIG && is_ch_path(rel)) {
		/* generated register lists (amdgpu's *_sh_mask.h, over 16
		 * MiB) dispatch nothing; a build file dropped would lose the
		 * lines that make code another arch's: it stays an error.
		 * Their member names still count (loose), read up to 256
		 * MiB; past that, any member may be read (UABI_KIO_ANY_MEMBER) */
		uabi_diag__clear(r->d);
		err = uabi_file__read_under(r->root, path, "the kernel tree", KIO_MAX_LOOSE_FILE,
					    &text, &len, r->d);
		if (err == -EFBIG) {
			const char *any = kio_intern(&k->intern, UABI_KIO_ANY_MEMBER,
						     strlen(UABI_KIO_ANY_MEMBER));

			uabi_diag__clear(r->d);
			k->intern.intern = kio_intern;
			return !any || loose_put(r, any)
				       ? uabi_diag__input(r->d, ENOMEM, "%s: out of memory", r->tree)
				       : 0;
		}
		if (err)
			return err;
		k->intern.intern = kio_intern;
		err = uabi_kscan__loose_members(text, len, loose_add, r);
		free(text);
		return err ? uabi_diag__input(r->d, ENOMEM, "%s: out of memory", r->tree) : 0;
	}
	if (err)
		return err;
	k->bytes += len;
	if (!is_ch_path(rel)) {
		/* a Makefile, Kbuild or Kconfig: which arches build what */
		err = uabi_kbuild__add(r->kbuild, rel, text, len);
		free(text);
		return err ? uabi_diag__input(r->d, ENOMEM, "%s: out of memory", r->tree) : 0;
	}
	if (worth_scanning(text, len)) {
		const char *file = uabi_arena__strdup(&k->arena, rel);
		struct uabi_kfile *kf;

		if (!file || (k->nfiles == k->cfiles &&
			      !(k->files = realloc(k->files, (k->cfiles = k->cfiles ? k->cfiles * 2 : 1024) *
									   sizeof(*k->files))))) {
			free(text);
			return uabi_diag__input(r->d, ENOMEM, "%s: out of memory", r->tree);
		}
		kf = &k->files[k->nfiles];
		memset(kf, 0, sizeof(*kf));
		k->intern.intern = kio_intern;
		kf->intern = &k->intern;
		err = uabi_kscan__file(text, file, &k->arena, kf);
		k->nfiles++;
		if (err) {
			free(text);
			return uabi_diag__input(r->d, ENOMEM, "%s: out of memory", r->tree);
		}
	} else {
		/* not scanned: its member names still count (code the scanned
		 * code calls may read a command's argument here) */
		k->intern.intern = kio_intern;
		if (uabi_kscan__loose_members(text, len, loose_add, r)) {
			free(text);
			return uabi_diag__input(r->d, ENOMEM, "%s: out of memory", r->tree);
		}
	}
	free(text);
	return 0;
}

/* A symlink, FIFO or device with a wanted name: a skipped .c or .h file
 * dispatches nothing here; a skipped build file's lines would be lost,
 * and the code its lines add or its source lines reach could look like
 * another arch's (no kernel tree has one). */
static int odd_file(const char *rel, void *ctx)
{
	struct reader *r = ctx;

	if (is_ch_path(rel))
		return 0;
	return uabi_diag__input(r->d, EINVAL, "%s/%s: a build file that is not a regular file "
				"(a symlink, FIFO or device)", r->tree, rel);
}

bool uabi_kio__skipped_top(const char *name)
{
	static const char *const skip[] = { "Documentation", "LICENSES", "samples", "scripts",
					    "tools" };

	for (size_t i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
		if (!strcmp(name, skip[i]))
			return true;
	return name[0] == '.';
}

static bool in_strtab(const struct uabi_kio *k, const char *s)
{
	return (uintptr_t)s - (uintptr_t)k->strtab < k->strtab_len;
}

/* ctx: the kio, whose cache-loaded strings compare by address */
static int cmp_at(const void *pa, const void *pb, void *ctx)
{
	const struct at *a = pa, *b = pb;
	const struct uabi_kio *k = ctx;
	int c = in_strtab(k, a->name) && in_strtab(k, b->name)
			? (a->name < b->name ? -1 : a->name > b->name)
			: strcmp(a->name, b->name);

	if (!c)
		c = a->file < b->file ? -1 : a->file > b->file;
	if (!c)
		c = a->idx < b->idx ? -1 : a->idx > b->idx;
	return c;
}

/* Whether a stable sort of v by name alone sorts it by cmp_at: every name
 * in k->strtab (a cache load's, sorted: names compare by address) and v in
 * (file, idx) order, as the index fills it. */
static bool radix_ok(const struct uabi_kio *k, const struct at *v, uint32_t n)
{
	if (!k->strtab || k->strtab_len > UINT32_MAX)
		return false;
	for (uint32_t i = 0; i < n; i++) {
		if (!in_strtab(k, v[i].name))
			return false;
		if (i && (v[i].file < v[i - 1].file ||
			  (v[i].file == v[i - 1].file && v[i].idx < v[i - 1].idx)))
			return false;
	}
	return true;
}

/* Sort v by cmp_at: after a cache load, by a stable radix sort of the
 * names' offsets in the string table (16 bits a pass), in linear time (a
 * qsort of Linux 6.1's 2.3 million entries took a third of a warm read);
 * otherwise, or without memory for it, qsort. */
static void sort_at(struct uabi_kio *k, struct at *v, uint32_t n)
{
	struct at *tmp = NULL, *src = v, *dst;
	uint32_t *pos = NULL;

	if (n > 1 && radix_ok(k, v, n) && (tmp = malloc(n * sizeof(*tmp))) &&
	    (pos = malloc(65536 * sizeof(*pos)))) {
		dst = tmp;
		for (unsigned shift = 0; shift < 32; shift += 16) {
			uint32_t sum = 0;

			memset(pos, 0, 65536 * sizeof(*pos));
			for (uint32_t i = 0; i < n; i++)
				pos[((uintptr_t)src[i].name - (uintptr_t)k->strtab) >> shift & 0xffff]++;
			for (uint32_t b = 0; b < 65536; b++) {
				uint32_t c = pos[b];

				pos[b] = sum;
				sum += c;
			}
			for (uint32_t i = 0; i < n; i++)
				dst[pos[((uintptr_t)src[i].name - (uintptr_t)k->strtab) >> shift &
				    0xffff]++] = src[i];
			dst = src;
			src = src == v ? tmp : v;
		}
		/* two passes: the result is back in v */
	} else if (n > 1) {
		qsort_r(v, n, sizeof(*v), cmp_at, k);
	}
	free(tmp);
	free(pos);
}

/* The first entry of v (sorted by name) with that name; *n how many. */
static const struct at *find(const struct at *v, uint32_t nv, const char *name, uint32_t *n)
{
	uint32_t lo = 0, hi = nv, e;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (strcmp(v[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (e = lo; e < nv && !strcmp(v[e].name, name); e++)
		;
	*n = e - lo;
	return *n ? &v[lo] : NULL;
}

/* The name of m's parameter number arg ("a,b": 1 is "b", *n 1), NULL
 * when m has no such parameter. */
static const char *macro_param(const struct uabi_kmacro *m, unsigned arg, size_t *n)
{
	const char *p = m->params, *pe;

	for (unsigned i = 0; i < arg && p; i++)
		if ((p = strchr(p, ',')))
			p++;
	if (!p)
		return NULL;
	pe = strchr(p, ',');
	*n = pe ? (size_t)(pe - p) : strlen(p);
	return p;
}

/* The prefix a macro pastes before its argument arg: "DRM_IOCTL_" for
 * DRM_IOCTL_DEF_DRV(ioctl, ...) whose body holds DRM_IOCTL_##ioctl. The
 * prefix into buf; false when the body pastes nothing before it. */
static bool paste_prefix(const struct uabi_kmacro *m, unsigned arg, char *buf, size_t len)
{
	size_t pl;
	const char *p = macro_param(m, arg, &pl);

	if (!p)
		return false;
	for (const char *h = m->body; (h = strstr(h, "##")); h += 2) {
		const char *a = h + 2, *x = h;

		while (*a == ' ')
			a++;
		if (strncmp(a, p, pl) || is_idchar(a[pl]))
			continue;
		while (x > m->body && x[-1] == ' ')
			x--;
		const char *xe = x;

		while (x > m->body && is_idchar(x[-1]))
			x--;
		if (x == xe || (size_t)(xe - x) >= len)
			continue;
		memcpy(buf, x, (size_t)(xe - x));
		buf[xe - x] = '\0';
		return true;
	}
	return false;
}

/* The macro named name (of length n) that file defines, else the first. */
static const struct uabi_kmacro *macro_named(const struct uabi_kio *k, uint32_t file,
					     const char *name, size_t n)
{
	char buf[128];
	uint32_t nm;
	const struct at *m;

	if (n >= sizeof(buf))
		return NULL;
	memcpy(buf, name, n);
	buf[n] = '\0';
	m = find(k->macros, k->nmacros, buf, &nm);
	for (uint32_t j = 0; j < nm; j++)
		if (m[j].file == file)
			return &k->files[m[j].file].macros[m[j].idx];
	return nm ? &k->files[m[0].file].macros[m[0].idx] : NULL;
}

/* paste_prefix, also through a macro that hands the parameter on to
 * another that pastes it (media's MEDIA_IOC(__cmd, ...) is
 * MEDIA_IOC_ARG(__cmd, ...), which pastes MEDIA_IOC_##__cmd), up to depth
 * more macros. */
static bool paste_prefix_via(const struct uabi_kio *k, uint32_t file, const struct uabi_kmacro *m,
			     unsigned arg, char *buf, size_t len, unsigned depth)
{
	const char *p, *b = m->body;
	size_t pl = 0;

	if (paste_prefix(m, arg, buf, len))
		return true;
	if (!depth || !(p = macro_param(m, arg, &pl)))
		return false;
	/* each NAME( of the body, and its arguments at parenthesis depth 1 */
	for (const char *h = b; *h; h++) {
		const char *id = h, *a;
		unsigned j = 0, par = 0;

		if (!is_idstart(*h) || (h > b && is_idchar(h[-1])))
			continue;
		while (is_idchar(*h))
			h++;
		a = h;
		while (*a == ' ')
			a++;
		if (*a != '(') {
			if (!*h)
				break;	/* the body ends with the name */
			continue;
		}
		for (const char *x = a + 1; *x && !(par == 0 && *x == ')'); x++) {
			const char *w = x;

			if (*x == '(') {
				par++;
				continue;
			}
			if (*x == ')') {
				par--;
				continue;
			}
			if (*x == ',' && !par) {
				j++;
				continue;
			}
			if (par || !is_idstart(*x) || (x > a + 1 && is_idchar(x[-1])))
				continue;
			while (is_idchar(*w))
				w++;
			if ((size_t)(w - x) == pl && !strncmp(x, p, pl)) {
				const struct uabi_kmacro *m2 = macro_named(k, file, id, (size_t)(h - id));

				if (m2 && m2 != m &&
				    paste_prefix_via(k, file, m2, j, buf, len, depth - 1))
					return true;
			}
			x = w - 1;
		}
	}
	return false;
}

/* Table entries through a pasting macro are named by the pasted name too:
 * DRM_IOCTL_DEF_DRV(I915_GETPARAM, ...) names DRM_IOCTL_I915_GETPARAM.
 * Appends to k->names (room for every kname was made). */
static int paste_aliases(struct uabi_kio *k)
{
	uint32_t base = k->nnames;

	for (uint32_t i = 0; i < base; i++) {
		const struct at *a = &k->names[i];
		const struct uabi_kname *kn = &k->files[a->file].names[a->idx];
		const struct at *m;
		uint32_t nm;
		char pre[128];

		if (!kn->macro || kn->how != UABI_KN_ENTRY)
			continue;
		m = find(k->macros, k->nmacros, kn->macro, &nm);
		/* the file's own definition of the macro, if it has one */
		bool own = false;

		for (uint32_t j = 0; j < nm; j++)
			own |= m[j].file == a->file;
		for (uint32_t j = 0; j < nm; j++) {
			if ((own && m[j].file != a->file) ||
			    !paste_prefix_via(k, m[j].file, &k->files[m[j].file].macros[m[j].idx],
					      kn->arg, pre, sizeof(pre), 2))
				continue;
			const char *alias = uabi_arena__printf(&k->arena, "%s%s", pre, kn->name);

			if (!alias)
				return -ENOMEM;
			k->names[k->nnames++] = (struct at){ alias, a->file, a->idx };
			break;
		}
	}
	return 0;
}

int uabi_kio__index(struct uabi_kio *k)
{
	uint32_t nn = 0, nd = 0, nr = 0, ni = 0, nm = 0;

	k->def_base = malloc((k->nfiles + 1) * sizeof(*k->def_base));
	if (!k->def_base)
		return -ENOMEM;
	for (uint32_t f = 0; f < k->nfiles; f++) {
		const struct uabi_kfile *kf = &k->files[f];

		k->def_base[f] = nd;
		nn += kf->nnames;
		nd += kf->ndefs;
		nr += kf->nrefs;
		ni += kf->ninits;
		nm += kf->nmacros;
	}
	k->def_base[k->nfiles] = nd;
	k->ndefs = nd;
	k->names = malloc((2 * nn + 1) * sizeof(*k->names));	/* room for paste_aliases */
	k->defs = malloc((nd + 1) * sizeof(*k->defs));
	k->callers = malloc((nr + 1) * sizeof(*k->callers));
	k->entries = malloc((ni + 1) * sizeof(*k->entries));
	k->macros = malloc((nm + 1) * sizeof(*k->macros));
	k->mark = calloc(nd + 1, sizeof(*k->mark));
	k->mark2 = calloc(nd + 1, sizeof(*k->mark2));
	if (!k->names || !k->defs || !k->callers || !k->entries || !k->macros || !k->mark ||
	    !k->mark2)
		return -ENOMEM;
	for (uint32_t f = 0; f < k->nfiles; f++) {
		const struct uabi_kfile *kf = &k->files[f];

		for (uint32_t i = 0; i < kf->nnames; i++)
			k->names[k->nnames++] = (struct at){ kf->names[i].name, f, i };
		for (uint32_t i = 0; i < kf->ndefs; i++) {
			const struct uabi_kdef *d = &kf->defs[i];

			k->defs[k->ndefs_idx++] = (struct at){ d->name, f, i };
			for (uint32_t r = 0; r < d->nref; r++)
				k->callers[k->ncallers++] = (struct at){ kf->refs[d->ref0 + r], f, i };
		}
		for (uint32_t i = 0; i < kf->ninits; i++)
			k->entries[k->nentries++] = (struct at){ kf->inits[i].value, f, i };
		for (uint32_t i = 0; i < kf->nmacros; i++)
			k->macros[k->nmacros++] = (struct at){ kf->macros[i].name, f, i };
	}
	sort_at(k, k->macros, k->nmacros);
	if (paste_aliases(k))
		return -ENOMEM;
	sort_at(k, k->names, k->nnames);
	sort_at(k, k->defs, k->ndefs_idx);
	sort_at(k, k->callers, k->ncallers);
	sort_at(k, k->entries, k->nentries);
	return 0;
}

int uabi_kio__read(const char *tree, struct uabi_kio **out, struct uabi_diag *d)
{
	struct uabi_kio *k = calloc(1, sizeof(*k));
	struct reader r = { .k = k, .tree = tree, .d = d };
	char **top = NULL;
	uint32_t ntop = 0;
	int err;

	*out = NULL;
	if (!k)
		return uabi_diag__input(d, ENOMEM, "%s: out of memory", tree);
	uabi_arena__init(&k->arena);
	if (!realpath(tree, r.root)) {
		err = -errno;
		uabi_diag__input(d, -err, "%s: %s", tree, strerror(-err));
		goto fail;
	}
	{
		char p[PATH_MAX];
		struct stat st;

		/* a kernel tree, not any directory: the walk reads everything */
		snprintf(p, sizeof(p), "%s/include/uapi/linux", tree);
		if (lstat(p, &st) || !S_ISDIR(st.st_mode)) {
			err = uabi_diag__input(d, EINVAL, "%s: not a kernel source tree (no "
					       "include/uapi/linux directory)", tree);
			goto fail;
		}
	}
	if (!(r.kbuild = uabi_kbuild__new())) {
		err = uabi_diag__input(d, ENOMEM, "%s: out of memory", tree);
		goto fail;
	}
	if ((err = uabi_file__list_dir(tree, &top, &ntop, d)))
		goto fail;
	for (uint32_t i = 0; i < ntop && !err; i++) {
		char path[PATH_MAX];
		struct stat st;

		if (uabi_kio__skipped_top(top[i]) && !uabi_kio__build_only_top(top[i]))
			continue;
		snprintf(path, sizeof(path), "%s/%s", tree, top[i]);
		if (lstat(path, &st))
			continue;
		/* the top Kconfig, Kbuild and Makefile: the source lines and
		 * directories every arch's build starts from; of Documentation,
		 * scripts, ...: the build files alone (the top Kconfig sources
		 * Documentation/Kconfig, which may source anything) */
		if (S_ISDIR(st.st_mode))
			err = uabi_file__walk_odd(tree, top[i], true,
						  uabi_kio__build_only_top(top[i]) ? want_build
										    : want_ch,
						  visit_file, odd_file, &r, d);
		else if (uabi_kio__wanted_top(top[i]))
			err = S_ISREG(st.st_mode) ? visit_file(top[i], &r) : odd_file(top[i], &r);
	}
	uabi_file__free_names(top, ntop);
	/* the arches that build each scanned file */
	for (uint32_t f = 0; f < k->nfiles && !err; f++) {
		uint8_t mask;

		if (uabi_kbuild__archs(r.kbuild, k->files[f].file, &mask))
			err = uabi_diag__input(d, ENOMEM, "%s: out of memory", tree);
		k->files[f].not_archs = UABI_KBUILD_ALL & (uint8_t)~mask;
	}
	uabi_kbuild__free(r.kbuild);
	r.kbuild = NULL;
	if (!err && loose_finish(&r))
		err = uabi_diag__input(d, ENOMEM, "%s: out of memory", tree);
	free(r.lset);
	/* the table is the scan's only */
	free(k->istr);
	k->istr = NULL;
	k->nistr = k->cistr = 0;
	for (uint32_t f = 0; f < k->nfiles; f++)
		k->files[f].intern = NULL;
	if (err)
		goto fail;
	if (uabi_kio__index(k)) {
		err = uabi_diag__input(d, ENOMEM, "%s: out of memory", tree);
		goto fail;
	}
	*out = k;
	return 0;
fail:
	uabi_kbuild__free(r.kbuild);
	uabi_kio__free(k);
	return err;
}

void uabi_kio__free(struct uabi_kio *k)
{
	if (!k)
		return;
	for (uint32_t f = 0; f < k->nfiles; f++)
		uabi_kfile__free(&k->files[f]);
	free(k->files);
	free(k->def_base);
	free(k->names);
	free(k->defs);
	free(k->callers);
	free(k->entries);
	free(k->macros);
	free(k->mark);
	free(k->mark2);
	free(k->mark3);
	free(k->path);
	free(k->istr);
	free(k->loose);
	free(k->addr);
	for (uint32_t i = 0; i < k->creach; i++)
		free(k->reach[i].v);
	free(k->reach);
	uabi_arena__free(&k->arena);
	free(k);
}

void uabi_kio__stats(const struct uabi_kio *k, uint32_t *files, uint64_t *bytes)
{
	*files = k->nfiles;
	*bytes = k->bytes;
}

/* ---- conditions per arch ------------------------------------------------ */

/* The Kconfig symbols of each kernel arch a compat pair runs on (64-bit
 * kernels with COMPAT), and every arch symbol some other arch has. */
static const struct {
	const char *arch;
	const char *const yes[5];
} arch_syms[] = {
	{ "arm64", { "CONFIG_ARM64" } },
	{ "mips", { "CONFIG_MIPS", "CONFIG_CPU_MIPS64", "CONFIG_MIPS32_COMPAT" } },
	{ "powerpc", { "CONFIG_PPC", "CONFIG_PPC64", "CONFIG_PPC_BOOK3S_64" } },
	{ "riscv", { "CONFIG_RISCV" } },
	{ "s390", { "CONFIG_S390" } },
	{ "x86", { "CONFIG_X86", "CONFIG_X86_64", "CONFIG_IA32_EMULATION" } },
};

static const char *const other_syms[] = {
	"CONFIG_ALPHA", "CONFIG_ARC", "CONFIG_ARM", "CONFIG_ARM64", "CONFIG_CSKY",
	"CONFIG_HEXAGON", "CONFIG_IA64", "CONFIG_LOONGARCH", "CONFIG_M68K", "CONFIG_MICROBLAZE",
	"CONFIG_MIPS", "CONFIG_NIOS2", "CONFIG_OPENRISC", "CONFIG_PARISC", "CONFIG_PPC",
	"CONFIG_PPC32", "CONFIG_PPC64", "CONFIG_RISCV", "CONFIG_S390", "CONFIG_SH",
	"CONFIG_SPARC", "CONFIG_SPARC32", "CONFIG_SPARC64", "CONFIG_UML", "CONFIG_X86",
	"CONFIG_X86_32", "CONFIG_X86_64", "CONFIG_XTENSA", "CONFIG_32BIT",
};

static int arch_pred(const void *ctx, const char *s, size_t n)
{
	const char *arch = ctx;

	if (word_is(s, n, "CONFIG_COMPAT") || word_is(s, n, "CONFIG_64BIT"))
		return 1;
	for (size_t i = 0; i < sizeof(arch_syms) / sizeof(arch_syms[0]); i++) {
		if (strcmp(arch_syms[i].arch, arch))
			continue;
		for (size_t j = 0; j < 5 && arch_syms[i].yes[j]; j++)
			if (word_is(s, n, arch_syms[i].yes[j]))
				return 1;
	}
	for (size_t i = 0; i < sizeof(other_syms) / sizeof(other_syms[0]); i++)
		if (word_is(s, n, other_syms[i]))
			return 0;
	return -1;
}

/* Whether text under cond is compiled by some build of the arch. */
static bool holds(const struct uabi_kio *k, const char *cond)
{
	return uabi_kcond__eval_pred(cond, arch_pred, k->arch) != 0;
}

/* Whether the arch builds file (an index into k->files): its Makefile
 * line's Kconfig symbols and its directory's (kbuild.h); arch/<other>/
 * never. */
static bool arch_file(const struct uabi_kio *k, uint32_t file)
{
	return !(k->files[file].not_archs & k->arch_bit);
}

/* holds() for a name in file, and the arch builds the file */
static bool name_holds(const struct uabi_kio *k, uint32_t file, const struct uabi_kname *kn)
{
	return holds(k, kn->cond) && arch_file(k, file);
}

/* ---- resolving names ---------------------------------------------------- */

static const struct uabi_kdef *def_of(const struct uabi_kio *k, uint32_t file, uint32_t idx)
{
	return &k->files[file].defs[idx];
}

static bool is_header(const char *file)
{
	size_t n = strlen(file);

	return n > 2 && file[n - 1] == 'h';
}

/* Whether a def is visible from other files: not static, or in a header. */
static bool global_def(const struct uabi_kio *k, uint32_t file, uint32_t idx)
{
	return !def_of(k, file, idx)->is_static || is_header(k->files[file].file);
}

static bool file_defines(const struct uabi_kio *k, uint32_t file, const char *name)
{
	uint32_t n;
	const struct at *a = find(k->defs, k->ndefs_idx, name, &n);

	for (uint32_t i = 0; i < n; i++)
		if (a[i].file == file)
			return true;
	return false;
}

/* Whether the path of directory dir (len bytes, ending in '/' or empty)
 * joined with name, its "." and ".." steps taken, is target. */
static bool joined_is(const char *dir, size_t len, const char *name, const char *target)
{
	char buf[4096];
	size_t n = 0;

	if (len + strlen(name) >= sizeof(buf))
		return false;
	memcpy(buf, dir, len);
	n = len;
	for (const char *p = name; *p;) {
		size_t l = strcspn(p, "/");

		if (l == 1 && p[0] == '.') {
			/* nothing */
		} else if (l == 2 && p[0] == '.' && p[1] == '.') {
			if (!n)
				return false;	/* above the root */
			for (n--; n && buf[n - 1] != '/'; n--)
				;
		} else if (l) {
			memcpy(buf + n, p, l);
			n += l;
			if (p[l])
				buf[n++] = '/';
		}
		p += l + (p[l] == '/');
	}
	buf[n] = '\0';
	return !strcmp(buf, target);
}

/* Whether file `from` #includes the .c file dfile (its directory joined
 * with the quoted name, "." and ".." taken: sound/core/pcm_native.c
 * includes pcm_compat.c). */
static bool includes_c(const struct uabi_kio *k, uint32_t from, uint32_t dfile)
{
	const struct uabi_kfile *f = &k->files[from];
	const char *slash = strrchr(f->file, '/'), *target = k->files[dfile].file;
	size_t dir = slash ? (size_t)(slash - f->file) + 1 : 0;

	for (uint32_t i = 0; i < f->nincludes; i++)
		if (joined_is(f->file, dir, f->includes[i], target))
			return true;
	return false;
}

/* Whether a reference to name from file resolves to def (dfile, didx):
 * its own translation unit's definition when it has one (the file and
 * the .c files it includes), else a global one. */
static bool resolves_to(const struct uabi_kio *k, uint32_t from, uint32_t dfile, uint32_t didx)
{
	if (from == dfile || includes_c(k, from, dfile) || includes_c(k, dfile, from))
		return true;
	return global_def(k, dfile, didx) &&
	       !file_defines(k, from, def_of(k, dfile, didx)->name);
}

static uint32_t gidx(const struct uabi_kio *k, uint32_t file, uint32_t idx)
{
	return k->def_base[file] + idx;
}

/* A BFS queue of global def indices with their depth. */
struct queue {
	uint32_t *v;
	uint8_t *depth;
	uint32_t n, cap, head;
};

static int q_push(struct queue *q, uint32_t g, uint8_t depth)
{
	if (q->n == q->cap) {
		uint32_t cap = q->cap ? q->cap * 2 : 256;
		uint32_t *v = realloc(q->v, cap * sizeof(*v));
		uint8_t *d;

		if (!v)
			return -ENOMEM;
		q->v = v;
		d = realloc(q->depth, cap);
		if (!d)
			return -ENOMEM;
		q->depth = d;
		q->cap = cap;
	}
	q->v[q->n] = g;
	q->depth[q->n++] = depth;
	return 0;
}

static void q_free(struct queue *q)
{
	free(q->v);
	free(q->depth);
}

/* global index -> (file, idx) */
static void unglobal(const struct uabi_kio *k, uint32_t g, uint32_t *file, uint32_t *idx)
{
	uint32_t lo = 0, hi = k->nfiles;

	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (k->def_base[mid] <= g)
			lo = mid;
		else
			hi = mid;
	}
	/* files without defs share a base: take the last one not past g */
	while (lo + 1 < k->nfiles && k->def_base[lo + 1] <= g)
		lo++;
	*file = lo;
	*idx = g - k->def_base[lo];
}

/* Whether a def is an operations object (file_operations, proto_ops,
 * ...): code that names one (f->f_op == &perf_fops) does not call what it
 * holds, so forward reaches stop there; tables of handlers (drm_ioctls)
 * are followed. */
static bool is_ops_object(const struct uabi_kdef *d)
{
	size_t n;

	if (!d->object || !d->type)
		return false;
	n = strlen(d->type);
	return (n >= 10 && !strcmp(d->type + n - 10, "operations")) ||
	       (n >= 4 && !strcmp(d->type + n - 4, "_ops"));
}

/* Mark with `mark` every def reachable from the defs of q (forward: the
 * names each references, operations objects not entered), up to
 * UABI_KIO_DEPTH calls away. */
static int reach_forward(struct uabi_kio *k, struct queue *q, uint32_t *mark)
{
	while (q->head < q->n) {
		uint32_t g = q->v[q->head], file, idx;
		uint8_t depth = q->depth[q->head++];
		const struct uabi_kdef *d;

		if (depth >= UABI_KIO_DEPTH)
			continue;
		unglobal(k, g, &file, &idx);
		d = def_of(k, file, idx);
		for (uint32_t r = 0; r < d->nref; r++) {
			uint32_t n;
			const struct at *a = find(k->defs, k->ndefs_idx,
						  k->files[file].refs[d->ref0 + r], &n);

			for (uint32_t i = 0; i < n; i++) {
				uint32_t t = gidx(k, a[i].file, a[i].idx);

				if (mark[t] == k->epoch || !resolves_to(k, file, a[i].file, a[i].idx) ||
				    is_ops_object(def_of(k, a[i].file, a[i].idx)))
					continue;
				mark[t] = k->epoch;
				if (q_push(q, t, depth + 1))
					return -ENOMEM;
			}
		}
	}
	return 0;
}

/* The defs reachable from def g (forward, g included, UABI_KIO_DEPTH
 * calls deep), computed once per g. NULL on out of memory. */
static const struct kio_reach *reach_of(struct uabi_kio *k, uint32_t g)
{
	struct kio_reach *r;
	struct queue q = { 0 };
	uint32_t h;

	if (k->nreach * 2 >= k->creach) {
		uint32_t cap = k->creach ? k->creach * 2 : 1024;
		struct kio_reach *nv = malloc(cap * sizeof(*nv));

		if (!nv)
			return NULL;
		for (uint32_t i = 0; i < cap; i++)
			nv[i] = (struct kio_reach){ .start = UINT32_MAX };
		for (uint32_t i = 0; i < k->creach; i++) {
			if (k->reach[i].start == UINT32_MAX)
				continue;
			for (h = k->reach[i].start * 2654435761u % cap; nv[h].start != UINT32_MAX;
			     h = (h + 1) % cap)
				;
			nv[h] = k->reach[i];
		}
		free(k->reach);
		k->reach = nv;
		k->creach = cap;
	}
	for (h = g * 2654435761u % k->creach; k->reach[h].start != UINT32_MAX; h = (h + 1) % k->creach)
		if (k->reach[h].start == g)
			return &k->reach[h];
	if (!k->mark3 && !(k->mark3 = calloc(k->ndefs + 1, sizeof(*k->mark3))))
		return NULL;
	if (++k->epoch3 == 0) {
		memset(k->mark3, 0, k->ndefs * sizeof(*k->mark3));
		k->epoch3 = 1;
	}
	/* reach_forward marks with k->epoch: run it on mark3 with epoch3 */
	{
		uint32_t keep = k->epoch;

		k->epoch = k->epoch3;
		k->mark3[g] = k->epoch3;
		if (q_push(&q, g, 0) || reach_forward(k, &q, k->mark3)) {
			k->epoch = keep;
			q_free(&q);
			return NULL;
		}
		k->epoch = keep;
	}
	r = &k->reach[h];
	r->start = g;
	r->n = q.n;
	r->v = q.v;	/* taken over */
	free(q.depth);
	k->nreach++;
	return r;
}

/* Mark with epoch every def reachable from g. 0 or -ENOMEM. */
static int reach_from(struct uabi_kio *k, uint32_t g, uint32_t *mark, uint32_t epoch)
{
	const struct kio_reach *r = reach_of(k, g);

	if (!r)
		return -ENOMEM;
	for (uint32_t i = 0; i < r->n; i++)
		mark[r->v[i]] = epoch;
	return 0;
}

/* Mark every def that reaches a def of q (backward), up to the depth. */
static int reach_backward(struct uabi_kio *k, struct queue *q, uint32_t *mark)
{
	while (q->head < q->n) {
		uint32_t g = q->v[q->head], file, idx, n;
		uint8_t depth = q->depth[q->head++];
		const struct at *a;

		if (depth >= UABI_KIO_DEPTH)
			continue;
		unglobal(k, g, &file, &idx);
		a = find(k->callers, k->ncallers, def_of(k, file, idx)->name, &n);
		for (uint32_t i = 0; i < n; i++) {
			uint32_t t = gidx(k, a[i].file, a[i].idx);

			if (mark[t] == k->epoch || !resolves_to(k, a[i].file, file, idx))
				continue;
			mark[t] = k->epoch;
			if (q_push(q, t, depth + 1))
				return -ENOMEM;
		}
	}
	return 0;
}

/* The defs named fn (any file); *n how many. */
static const struct at *defs_named(const struct uabi_kio *k, const char *fn, uint32_t *n)
{
	return find(k->defs, k->ndefs_idx, fn, n);
}

/* ---- names of a command ------------------------------------------------- */

/* Whether the tree #defines name as a command (a body with _IO in it). */
static bool is_command_macro(const struct uabi_kio *k, const char *name)
{
	uint32_t n;
	const struct at *a = find(k->macros, k->nmacros, name, &n);

	for (uint32_t i = 0; i < n; i++)
		if (strstr(k->files[a[i].file].macros[a[i].idx].body, "_IO"))
			return true;
	return false;
}

/* A twin candidate counts when the tree defines it as a command or names
 * it where commands are named (an enumerator such as sound's
 * SNDRV_PCM_IOCTL_HW_PARAMS32 = _IOWR(...) is no macro). */
static bool is_twin_name(const struct uabi_kio *k, const char *name)
{
	uint32_t n;

	return is_command_macro(k, name) || find(k->names, k->nnames, name, &n);
}

#define MAX_TWINS 8

/* The compat twins of cmd the tree defines or names: cmd32, cmd_32,
 * cmd_COMPAT, COMPAT_cmd, cmd_TIME32 and cmd32_TIME32 (the y2038 numbers of
 * a time32 layout: VIDIOC_DQEVENT32_TIME32), and "32" after any word of it (FS_IOC32_GETFLAGS
 * for FS_IOC_GETFLAGS, COMEDI32_CHANINFO for COMEDI_CHANINFO). */
static uint32_t twins(struct uabi_kio *k, const char *cmd, const char **out)
{
	char buf[256];
	uint32_t n = 0;
	size_t len = strlen(cmd);
	const char *forms[] = { "%s32", "%s_32", "%s_COMPAT", "COMPAT_%s", "%s_TIME32", "%s32_TIME32" };

	if (len > 200)
		return 0;
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]) && n < MAX_TWINS; i++) {
		/* FOO_1 + 32 is FOO_132, another command's name */
		if (i == 0 && len && cmd[len - 1] >= '0' && cmd[len - 1] <= '9')
			continue;
		snprintf(buf, sizeof(buf), forms[i], cmd);
		if (is_twin_name(k, buf) && (out[n] = uabi_arena__strdup(&k->arena, buf)))
			n++;
	}
	for (const char *p = cmd; (p = strchr(p, '_')) && n < MAX_TWINS; p++) {
		size_t at = (size_t)(p - cmd);

		if (!at)
			continue;
		snprintf(buf, sizeof(buf), "%.*s32%s", (int)at, cmd, cmd + at);
		if (is_twin_name(k, buf) && (out[n] = uabi_arena__strdup(&k->arena, buf)))
			n++;
	}
	return n;
}

/* ---- placement ---------------------------------------------------------- */

static struct uabi_ksite name_site(const struct uabi_kio *k, const struct at *a)
{
	return k->files[a->file].names[a->idx].site;
}

/* A name of `cmd` (or of one of its twins when twin) in a def marked with
 * `mark`, under a condition that holds: its site; NULL when none. */
static const struct at *named_in(struct uabi_kio *k, const char *name, const uint32_t *mark,
				 uint32_t epoch)
{
	uint32_t n;
	const struct at *a = find(k->names, k->nnames, name, &n);

	for (uint32_t i = 0; i < n; i++) {
		const struct uabi_kname *kn = &k->files[a[i].file].names[a[i].idx];

		if (!kn->site.function || !name_holds(k, a[i].file, kn))
			continue;
		if (mark[gidx(k, a[i].file, kn->def)] == epoch)
			return &a[i];
	}
	return NULL;
}

static const struct at *named_in_any(struct uabi_kio *k, const char *cmd, const char *const *tw,
				     uint32_t ntw, const uint32_t *mark, uint32_t epoch,
				     bool with_cmd, const char **label)
{
	const struct at *a;

	if (with_cmd && (a = named_in(k, cmd, mark, epoch))) {
		*label = cmd;
		return a;
	}
	for (uint32_t i = 0; i < ntw; i++)
		if ((a = named_in(k, tw[i], mark, epoch))) {
			*label = tw[i];
			return a;
		}
	return NULL;
}

static uint32_t next_epoch(struct uabi_kio *k)
{
	if (++k->epoch == 0) {
		memset(k->mark, 0, k->ndefs * sizeof(*k->mark));
		memset(k->mark2, 0, k->ndefs * sizeof(*k->mark2));
		k->epoch = 1;
	}
	return k->epoch;
}

/* Rule 1: compat_sys_ioctl. 1 when it placed the command. */
static int place_generic(struct uabi_kio *k, const char *cmd, const char *const *tw, uint32_t ntw,
			 struct uabi_kio_place *out)
{
	uint32_t n, epoch;
	const struct at *d = defs_named(k, uabi_krules__compat_entry, &n), *a;
	const char *label = NULL;
	int err;

	if (!n)
		return 0;
	/* its own labels first: a twin or the command itself */
	epoch = next_epoch(k);
	k->mark[gidx(k, d->file, d->idx)] = epoch;
	if ((a = named_in_any(k, cmd, tw, ntw, k->mark, epoch, true, &label))) {
		out->status = UABI_KIO_HANDLED;
		out->handler = name_site(k, a);
		out->label = label;
		out->why = "generic compat code";
		return 1;
	}
	if ((err = reach_from(k, gidx(k, d->file, d->idx), k->mark, epoch)))
		return err;
	if ((a = named_in(k, cmd, k->mark, epoch))) {
		out->status = UABI_KIO_PASSED;
		out->native = name_site(k, a);
		out->handler = (struct uabi_ksite){ k->files[d->file].file,
						    def_of(k, d->file, d->idx)->line,
						    uabi_krules__compat_entry };
		out->why = "generic code that compat_sys_ioctl calls with compat_ptr(arg)";
		return 1;
	}
	return 0;
}

/* The init of `field` in the same object (or macro) as entry e. */
/* Visit the .field initialisers in the bodies of the macros that the
 * initialiser of object obj (in kf) names ({ .owner = THIS_MODULE,
 * DRM_GEM_FOPS, }): each(file, index into its inits, ctx); the first
 * non-zero return ends the walk and is returned. */
static int macro_inits(const struct uabi_kio *k, const struct uabi_kfile *kf, const char *obj,
		       const char *field, int (*each)(uint32_t file, uint32_t idx, void *ctx),
		       void *ctx)
{
	int r = 0;

	for (uint32_t i = 0; i < kf->nnames && !r; i++) {
		const struct uabi_kname *kn = &kf->names[i];
		uint32_t nm;
		const struct at *m;

		if (kn->how != UABI_KN_ENTRY || !kn->site.function || strcmp(kn->site.function, obj))
			continue;
		m = find(k->macros, k->nmacros, kn->name, &nm);
		for (uint32_t x = 0; x < nm && !r; x++) {
			const struct uabi_kfile *mf = &k->files[m[x].file];

			for (uint32_t j = 0; j < mf->ninits && !r; j++)
				if (mf->inits[j].in_macro && !strcmp(mf->inits[j].object, kn->name) &&
				    !strcmp(mf->inits[j].field, field))
					r = each(m[x].file, j, ctx);
		}
	}
	return r;
}

struct first_init {
	const struct uabi_kio *k;
	const struct uabi_kinit *found;
};

/* macro_inits: the first whose condition holds */
static int take_first(uint32_t file, uint32_t idx, void *ctx)
{
	struct first_init *f = ctx;
	const struct uabi_kinit *i = &f->k->files[file].inits[idx];

	if (!holds(f->k, i->cond))
		return 0;
	f->found = i;
	return 1;
}

/* The kind of entry point init e is (krules.h), NULL when uabi does not
 * model it: a macro's by its field, a file-scope object's by its tag; in
 * a function (an assignment, an object the body defines) by the tag of
 * the path's first name through the members after it (hw->ops, hw a
 * struct snd_hwdep *: snd_hwdep's ops, a snd_hwdep_ops). */
static const struct uabi_krules_entry *init_kind(const struct uabi_kinit *e)
{
	const char *type = e->type, *p = e->object;

	if (e->in_macro)
		return uabi_krules__entry_field(e->field);
	if (!e->function)
		return uabi_krules__entry_kind(e->type);
	while (*p && *p != '.' && *p != '-')
		p++;
	while (*p && type) {
		const char *m;

		p += *p == '.' ? 1 : 2;	/* . or -> */
		for (m = p; *p && *p != '.' && *p != '-'; p++)
			;
		type = uabi_krules__member_type(type, m, (size_t)(p - m));
	}
	return uabi_krules__entry_kind(type);
}

static bool same_function(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static const struct uabi_kinit *sibling(const struct uabi_kio *k, uint32_t file,
					const struct uabi_kinit *e, const char *field)
{
	const struct uabi_kfile *kf = &k->files[file];

	/* the same object: of the same function, for an assignment or an
	 * object a function defines */
	for (uint32_t i = 0; i < kf->ninits; i++) {
		const struct uabi_kinit *s = &kf->inits[i];

		if (s->in_macro == e->in_macro && !strcmp(s->object, e->object) &&
		    same_function(s->function, e->function) && !strcmp(s->field, field) &&
		    holds(k, s->cond))
			return s;
	}
	if (e->function)
		return NULL;
	if (e->in_macro)
		return NULL;
	/* a macro in the object's initialiser that sets it
	 * ({ X_COMMON_FOPS, .unlocked_ioctl = x_ioctl }) */
	{
		struct first_init f = { .k = k };

		macro_inits(k, kf, e->object, field, take_first, &f);
		return f.found;
	}
}

static int rank(enum uabi_kio_status s)
{
	switch (s) {
	case UABI_KIO_PASSED:
		return 3;
	case UABI_KIO_UNKNOWN:
		return 2;
	case UABI_KIO_HANDLED:
		return 1;
	default:
		return 0;
	}
}

/* Whether the code at (file, function or object name) is compat code: a
 * name or a file name with "compat" in it, or a file *32.c / *_ioc32.c. */
static bool compat_context(const char *file, const char *fn)
{
	const char *base = strrchr(file, '/');
	size_t n;

	base = base ? base + 1 : file;
	n = strlen(base);
	if (fn && strstr(fn, "compat"))
		return true;
	return strstr(base, "compat") || (n > 4 && !strcmp(base + n - 4, "32.c"));
}

/* The names a command's number is built from (its #define's upper names
 * that are neither a macro called nor a *BASE*: DRM_I915_GETPARAM of
 * DRM_IOWR(DRM_COMMAND_BASE + DRM_I915_GETPARAM, drm_i915_getparam_t)).
 * Compat tables indexed by them (i915_compat_ioctls[DRM_I915_GETPARAM])
 * name the command. */
#define MAX_ALIASES 4

static uint32_t nr_aliases(struct uabi_kio *k, const char *cmd, const char **out)
{
	uint32_t n, na = 0;
	const struct at *a = find(k->macros, k->nmacros, cmd, &n);

	for (uint32_t i = 0; i < n && !na; i++) {
		const char *b = k->files[a[i].file].macros[a[i].idx].body;
		char prev = 0, prev2 = 0;
		const char *id;
		size_t len = 0;

		if (!strstr(b, "_IO"))
			continue;
		for (const char *p = b; na < MAX_ALIASES && (id = next_ident(&p, &len, &prev, &prev2));) {
			if (!uabi_kscan__is_upper(id, len) || *p == '(' || memmem(id, len, "BASE", 4))
				continue;
			if (!(out[na] = uabi_arena__strndup(&k->arena, id, len)))
				break;
			na++;
		}
	}
	return na;
}

/* The defs an init's value names, seen from the init's file: *n of them,
 * their global indices into g (at most max). */
static uint32_t value_defs(const struct uabi_kio *k, uint32_t file, const char *value,
			   uint32_t *g, uint32_t max)
{
	uint32_t n, ng = 0;
	const struct at *a = defs_named(k, value, &n);

	for (uint32_t i = 0; i < n && ng < max; i++)
		if (resolves_to(k, file, a[i].file, a[i].idx))
			g[ng++] = gidx(k, a[i].file, a[i].idx);
	return ng;
}

/* The query: one command, its twins and number aliases. */
struct query {
	const char *cmd;
	const char *tw[MAX_TWINS];
	uint32_t ntw;
	const char *alias[MAX_ALIASES];
	uint32_t nalias;
	/* the native code tests in_compat_syscall() on the command's path
	 * (compat_aware): where, NULL when it does not */
	const struct uabi_ksite *aware;
	struct uabi_ksite aware_site;
};

/* Whether a name is the query's command, a twin or a number alias. */
static bool is_query_name(const struct query *q, const char *name)
{
	if (!strcmp(name, q->cmd))
		return true;
	for (uint32_t i = 0; i < q->ntw; i++)
		if (!strcmp(name, q->tw[i]))
			return true;
	for (uint32_t i = 0; i < q->nalias; i++)
		if (!strcmp(name, q->alias[i]))
			return true;
	return false;
}

/* The names of def idx of kf: kf->names[*lo .. *end) (kf->names is in
 * text order, so by def). */
static void def_names(const struct uabi_kfile *kf, uint32_t idx, uint32_t *lo, uint32_t *end)
{
	uint32_t l = 0, hi = kf->nnames, e;

	while (l < hi) {
		uint32_t mid = l + (hi - l) / 2;

		if (kf->names[mid].def < idx)
			l = mid + 1;
		else
			hi = mid;
	}
	for (e = l; e < kf->nnames && kf->names[e].def == idx; e++)
		;
	*lo = l;
	*end = e;
}

/* Whether group grp of def (file, idx) has a case label naming the query,
 * or a label that may be any command (UABI_KREF_ANYCASE), or an earlier
 * group that falls through into it (UABI_KREF_FALL) does. */
static bool group_names(const struct uabi_kio *k, uint32_t file, uint32_t idx, uint16_t grp,
			const struct query *q)
{
	const struct uabi_kfile *kf = &k->files[file];
	const struct uabi_kdef *d = &kf->defs[idx];
	uint32_t lo, end;

	def_names(kf, idx, &lo, &end);
	if (grp == UABI_KGRP_ANY) {
		for (uint32_t i = lo; i < end; i++)
			if (kf->names[i].grp && kf->names[i].site.function &&
			    is_query_name(q, kf->names[i].name))
				return true;
		for (uint32_t i = 0; i < d->ngref; i++)
			if (!strcmp(kf->refs[kf->grefs[d->gref0 + i].ref], UABI_KREF_ANYCASE))
				return true;
		return false;
	}
	/* a fallthrough chain is followed 32 groups back at most (a hostile
	 * switch of thousands would make each question quadratic): a longer
	 * one may come from the query's label */
	for (uint32_t steps = 0; grp; grp--, steps++) {
		bool falls = false;

		if (steps == 32)
			return true;

		for (uint32_t i = lo; i < end; i++)
			if (kf->names[i].grp == grp && kf->names[i].site.function &&
			    is_query_name(q, kf->names[i].name))
				return true;
		/* a label that may be any command (case 0x20:) */
		for (uint32_t i = 0; i < d->ngref; i++)
			if (kf->grefs[d->gref0 + i].grp == grp &&
			    !strcmp(kf->refs[kf->grefs[d->gref0 + i].ref], UABI_KREF_ANYCASE))
				return true;
		/* does the group before fall into this one? */
		for (uint32_t i = 0; grp > 1 && i < d->ngref; i++) {
			const struct uabi_kgref *g = &kf->grefs[d->gref0 + i];

			falls |= g->grp == grp - 1 && !strcmp(kf->refs[g->ref], UABI_KREF_FALL);
		}
		if (!falls)
			return false;
	}
	return false;
}

/* What a case group may reference and still only pass the command on:
 * fallthrough, compat_ptr(arg) and the handler's own parameters
 * (tun_chr_compat_ioctl: case TUNSETIFF: arg = compat_ptr(arg); break;). */
static bool passes_only(const char *ref)
{
	static const char *const w[] = { UABI_KREF_ANYCASE, UABI_KREF_FALL, UABI_KREF_SWITCH,
					 "arg", "argp", "cmd", "compat_ptr", "compat_uptr_t",
					 "compat_ulong_t", "f", "fallthrough", "file", "filp" };

	for (size_t i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		if (!strcmp(ref, w[i]))
			return true;
	return false;
}

/* Whether the statements under case group grp of def (file, idx) do
 * something of their own (a reference passes_only does not cover),
 * following fallthrough; into the next group (32 at most). */
static bool group_acts(const struct uabi_kio *k, uint32_t file, uint32_t idx, uint16_t grp)
{
	const struct uabi_kfile *kf = &k->files[file];
	const struct uabi_kdef *d = &kf->defs[idx];

	for (uint32_t steps = 0; steps < 32 && grp < UABI_KGRP_ANY; steps++, grp++) {
		bool falls = false;

		for (uint32_t i = 0; i < d->ngref; i++) {
			const struct uabi_kgref *g = &kf->grefs[d->gref0 + i];

			if (g->grp != grp)
				continue;
			if (!passes_only(kf->refs[g->ref]))
				return true;
			falls |= !strcmp(kf->refs[g->ref], UABI_KREF_FALL);
		}
		if (!falls)
			return false;
	}
	return false;
}

/* Whether the switch of def (file, idx) that case group grp is in has a
 * label that names the query or may be any command: else it may be on
 * something else than the command (switch (mode) after switch (cmd)),
 * and its groups guard nothing. */
static bool switch_names(const struct uabi_kio *k, uint32_t file, uint32_t idx, uint16_t grp,
			 const struct query *q)
{
	const struct uabi_kfile *kf = &k->files[file];
	const struct uabi_kdef *d = &kf->defs[idx];
	uint32_t lo = 1, hi = UABI_KGRP_ANY - 1, n0, n1;

	for (uint32_t i = 0; i < d->ngref; i++) {
		const struct uabi_kgref *g = &kf->grefs[d->gref0 + i];

		if (strcmp(kf->refs[g->ref], UABI_KREF_SWITCH))
			continue;
		if (g->grp <= grp && g->grp > lo)
			lo = g->grp;
		else if (g->grp > grp && g->grp - 1u < hi)
			hi = g->grp - 1u;
	}
	def_names(kf, idx, &n0, &n1);
	for (uint32_t i = n0; i < n1; i++)
		if (kf->names[i].grp >= lo && kf->names[i].grp <= hi &&
		    kf->names[i].site.function && is_query_name(q, kf->names[i].name))
			return true;
	for (uint32_t i = 0; i < d->ngref; i++) {
		const struct uabi_kgref *g = &kf->grefs[d->gref0 + i];

		if (g->grp >= lo && g->grp <= hi && !strcmp(kf->refs[g->ref], UABI_KREF_ANYCASE))
			return true;
	}
	return false;
}

/* Whether reference j of def (file, idx) is made on the query's path:
 * outside the switches' case groups, or in a group naming the query. */
static bool ref_on_path(const struct uabi_kio *k, uint32_t file, uint32_t idx, uint32_t j,
			const struct query *q)
{
	const struct uabi_kfile *kf = &k->files[file];
	const struct uabi_kdef *d = &kf->defs[idx];
	bool guarded = false;

	for (uint32_t i = 0; i < d->ngref; i++) {
		const struct uabi_kgref *g = &kf->grefs[d->gref0 + i];

		if (g->ref != d->ref0 + j)
			continue;
		guarded = true;
		if (group_names(k, file, idx, g->grp, q))
			return true;
	}
	return !guarded;
}

/* Test every def that the references of def (file, idx) made on the
 * query's path reach (operations objects not entered): *out is set when
 * test says so for one of them. 0 or -ENOMEM. */
static int on_path_reach(struct uabi_kio *k, const struct query *q, uint32_t file, uint32_t idx,
			 bool (*test)(const struct uabi_kio *k, uint32_t g), bool *out)
{
	const struct uabi_kdef *d = def_of(k, file, idx);

	for (uint32_t j = 0; j < d->nref && !*out; j++) {
		uint32_t n;
		const struct at *a;

		if (!ref_on_path(k, file, idx, j, q))
			continue;
		a = find(k->defs, k->ndefs_idx, k->files[file].refs[d->ref0 + j], &n);
		for (uint32_t i = 0; i < n && !*out; i++) {
			const struct kio_reach *r;

			if (!resolves_to(k, file, a[i].file, a[i].idx) ||
			    is_ops_object(def_of(k, a[i].file, a[i].idx)))
				continue;
			if (!(r = reach_of(k, gidx(k, a[i].file, a[i].idx))))
				return -ENOMEM;
			for (uint32_t m = 0; m < r->n && !*out; m++)
				*out = test(k, r->v[m]);
		}
	}
	return 0;
}

/* A def that leads to the command's native sites (k->path). */
static bool leads_to_sites(const struct uabi_kio *k, uint32_t g)
{
	return k->path[g] == k->path_epoch;
}

static bool calls_indirectly(const struct uabi_kio *k, uint32_t g)
{
	uint32_t file, idx;

	unglobal(k, g, &file, &idx);
	return def_of(k, file, idx)->indirect_calls;
}

/* Whether def (file, idx), on the query's path, reaches a def that leads
 * to the command's native sites (k->path). 0 or -ENOMEM. */
static int path_reaches_native(struct uabi_kio *k, const struct query *q, uint32_t file,
			       uint32_t idx, bool *out)
{
	*out = false;
	return on_path_reach(k, q, file, idx, leads_to_sites, out);
}

/* Whether def (file, idx) calls through a pointer, itself or in what its
 * references on the query's path reach. 0 or -ENOMEM. */
static int path_indirect(struct uabi_kio *k, const struct query *q, uint32_t file, uint32_t idx,
			 bool *out)
{
	const struct uabi_kdef *d = def_of(k, file, idx);

	/* its own pointer calls on the path (not under other commands'
	 * labels), then whatever its references on the path reach */
	*out = false;
	for (uint32_t j = 0; j < d->nref && !*out; j++)
		*out = !strcmp(k->files[file].refs[d->ref0 + j], UABI_KREF_INDIRECT) &&
		       ref_on_path(k, file, idx, j, q);
	return *out ? 0 : on_path_reach(k, q, file, idx, calls_indirectly, out);
}

/* Whether a def that tests in_compat_syscall() also converts: it names a
 * compat type or helper too (compat_ptr, struct ff_effect_compat,
 * old_timespec32); a test that only refuses compat callers
 * (if (in_compat_syscall()) return -ENOTTY;) is no translation. */
static bool converts(const struct uabi_kio *k, uint32_t file, const struct uabi_kdef *d)
{
	for (uint32_t m = 0; m < d->nref; m++) {
		const char *r = k->files[file].refs[d->ref0 + m];
		size_t n = strlen(r);

		if (uabi_krules__tests_compat(r))
			continue;
		if (strstr(r, "compat") || (n > 2 && !strcmp(r + n - 2, "32")))
			return true;
	}
	return false;
}

/* Whether def (file, idx) tests in_compat_syscall() itself or in a def it
 * references on the query's path (one call deep), and converts there: the
 * site of the def that does, or NULL. */
static bool compat_aware(const struct uabi_kio *k, const struct query *q, uint32_t file,
			 uint32_t idx, bool guarded_only, struct uabi_ksite *site)
{
	const struct uabi_kdef *d = def_of(k, file, idx);

	for (uint32_t j = 0; j < d->nref; j++) {
		const char *r = k->files[file].refs[d->ref0 + j];
		uint32_t n;
		const struct at *a;
		bool guarded = false;

		for (uint32_t i = 0; guarded_only && i < d->ngref; i++)
			guarded |= k->files[file].grefs[d->gref0 + i].ref == d->ref0 + j;
		if ((guarded_only && !guarded) || !ref_on_path(k, file, idx, j, q))
			continue;
		if (uabi_krules__tests_compat(r) && converts(k, file, d)) {
			*site = (struct uabi_ksite){ k->files[file].file, d->line, d->name };
			return true;
		}
		a = find(k->defs, k->ndefs_idx, r, &n);
		for (uint32_t i = 0; i < n; i++) {
			const struct uabi_kdef *t = def_of(k, a[i].file, a[i].idx);
			uint32_t m;

			if (!resolves_to(k, file, a[i].file, a[i].idx))
				continue;
			for (m = 0; m < t->nref; m++)
				if (uabi_krules__tests_compat(k->files[a[i].file].refs[t->ref0 + m]))
					break;
			if (m < t->nref && converts(k, a[i].file, t)) {
				*site = (struct uabi_ksite){ k->files[a[i].file].file, t->line, t->name };
				return true;
			}
		}
	}
	return false;
}

/* The first name of q's command (or alias) in a def that mark2 has and
 * mark has not, under a condition that holds. */
static const struct at *compat_names(struct uabi_kio *k, const struct query *q, uint32_t epoch,
				     const char **label)
{
	const char *want[1 + MAX_ALIASES];
	uint32_t nw = 0;

	want[nw++] = q->cmd;
	for (uint32_t i = 0; i < q->nalias; i++)
		want[nw++] = q->alias[i];
	for (uint32_t w = 0; w < nw; w++) {
		uint32_t nn;
		const struct at *v = find(k->names, k->nnames, want[w], &nn);

		for (uint32_t i = 0; i < nn; i++) {
			const struct uabi_kname *kn = &k->files[v[i].file].names[v[i].idx];
			uint32_t t;

			if (!kn->site.function || !name_holds(k, v[i].file, kn))
				continue;
			/* an alias counts as a case label or a table index only
			 * (a designator, or a name pasted into one) */
			if (w && (kn->how == UABI_KN_CMP ||
				  (kn->how == UABI_KN_ENTRY && kn->macro && !strcmp(v[i].name, kn->name))))
				continue;
			t = gidx(k, v[i].file, kn->def);
			if (k->mark2[t] != epoch || k->mark[t] == epoch)
				continue;
			/* a label whose statements do nothing but break to the
			 * native call is an allow-list, not a translation
			 * (ext4_compat_ioctl's case EXT4_IOC_MOVE_EXT: break;) */
			if (kn->how == UABI_KN_CASE && kn->grp && kn->grp != UABI_KGRP_ANY &&
			    !group_acts(k, v[i].file, kn->def, kn->grp))
				continue;
			*label = want[w];
			return &v[i];
		}
	}
	return NULL;
}

/* The _IOC_TYPE of a command as its #define writes it ('V' of
 * _IOWR('V', 4, ...)), 0 when not a character literal there; and whether
 * its number is built from a private base (BASE_VIDIOC_PRIVATE). */
static char cmd_type(const struct uabi_kio *k, const char *cmd, const char *private_base,
		     bool *private)
{
	uint32_t n;
	const struct at *a = find(k->macros, k->nmacros, cmd, &n);

	*private = false;
	for (uint32_t i = 0; i < n; i++) {
		const char *b = k->files[a[i].file].macros[a[i].idx].body, *q;

		if (!strstr(b, "_IO"))
			continue;
		*private = private_base && strstr(b, private_base);
		q = strchr(b, '\'');
		return q && q[1] && q[1] != '\\' && q[2] == '\'' ? q[1] : 0;
	}
	return 0;
}

/* Place one entry point e (an .unlocked_ioctl initialiser in efile). */
static int place_entry(struct uabi_kio *k, const struct query *qy, uint32_t efile,
		       const struct uabi_kinit *e, struct uabi_kio_place *p)
{
	const struct uabi_krules_entry *kind = init_kind(e);
	const struct uabi_kinit *c;
	uint32_t epoch, g[8], ng;
	const struct at *a;
	const char *label = NULL;
	const char *passes;	/* the phrase of a rule that passes it on as it is */
	int err = 0;

	p->entry = (struct uabi_ksite){ k->files[efile].file, e->line, e->function };
	p->entry_object = e->object;
	c = !kind ? sibling(k, efile, e, "compat_ioctl")
	    : kind->compat ? sibling(k, efile, e, kind->compat) : NULL;
	p->compat = c ? c->value : NULL;
	p->compat_field = kind ? kind->compat_field : ".compat_ioctl";
	if (!kind || strcmp(kind->native, e->field)) {
		p->status = UABI_KIO_UNKNOWN;
		p->why = "reached through an entry point of a kind uabi does not model (only "
			 "file_operations, proc_ops and the kinds of docs/kernel-facts.md)";
		return 0;
	}
	/* the native code: what .unlocked_ioctl reaches */
	epoch = next_epoch(k);
	ng = value_defs(k, efile, e->value, g, 8);
	for (uint32_t i = 0; i < ng; i++) {
		if ((err = reach_from(k, g[i], k->mark, epoch)))
			goto out;
		/* the entry point leads to the command (it was found so, maybe
		 * through objects: a drm_driver's .fops and .ioctls) */
		k->path[g[i]] = k->path_epoch;
	}
	/* a twin in the native code: what .unlocked_ioctl reaches */
	if ((a = named_in_any(k, qy->cmd, qy->tw, qy->ntw, k->mark, epoch, false, &label)))
		goto native_twin;
	if (kind->passes) {
		/* a core compat handler passes some commands itself (V4L2) */
		bool private;
		char t = cmd_type(k, qy->cmd, kind->private_base, &private);

		if (!t) {
			p->status = UABI_KIO_UNKNOWN;
			p->why = "the command's _IOC_TYPE is not a character in its #define, and the "
				 "core compat handler passes by type";
			goto out;
		}
		if (t == kind->passes_type && !private) {
			passes = kind->passes;
			goto passed;
		}
	}
	/* the core compat function of the kind: what it names it translates
	 * before .compat sees the command (compat_sock_ioctl_trans) */
	if (kind->core) {
		uint32_t nc;
		const struct at *cd = defs_named(k, kind->core, &nc);

		for (uint32_t i = 0; i < nc; i++)
			if ((err = reach_from(k, gidx(k, cd[i].file, cd[i].idx), k->mark2, epoch)))
				goto out;
		if (nc && ((a = named_in_any(k, qy->cmd, qy->tw, qy->ntw, k->mark2, epoch, false,
					     &label)) ||
			   (a = compat_names(k, qy, epoch, &label)))) {
			p->status = UABI_KIO_HANDLED;
			p->handler = name_site(k, a);
			p->label = label;
			p->why = "named by the core compat code of the entry point's kind";
			goto out;
		}
	}
	if (!c) {
		if ((passes = kind->absent_passes))
			goto passed;
		p->status = UABI_KIO_NOT_AVAILABLE;
		p->why = kind->no_compat ? kind->no_compat : "the kind has no compat member";
		goto out;
	}
	if (uabi_krules__is_compat_ptr(c->value) || !strcmp(c->value, e->value)) {
		passes = uabi_krules__is_compat_ptr(c->value)
				 ? "compat_ptr_ioctl"
				 : kind->compat_self;
		goto passed;
	}
	/* the compat handler's code, in mark2 */
	ng = value_defs(k, efile, c->value, g, 8);
	if (!ng) {
		p->status = UABI_KIO_UNKNOWN;
		p->why = "the compat handler is not defined in the tree";
		goto out;
	}
	for (uint32_t i = 0; i < ng; i++) {
		uint32_t file, idx;

		unglobal(k, g[i], &file, &idx);
		if (i == 0)
			p->handler = (struct uabi_ksite){ k->files[file].file,
							  def_of(k, file, idx)->line, c->value };
		if ((err = reach_from(k, g[i], k->mark2, epoch)))
			goto out;
	}
	if ((a = named_in_any(k, qy->cmd, qy->tw, qy->ntw, k->mark2, epoch, false, &label)) ||
	    (a = compat_names(k, qy, epoch, &label))) {
		p->status = UABI_KIO_HANDLED;
		p->handler = name_site(k, a);
		p->label = label;
		p->why = "named by the compat handler";
		goto out;
	}
	if ((a = named_in_any(k, qy->cmd, qy->tw, qy->ntw, k->path, k->path_epoch, false, &label)))
		goto native_twin;
	for (uint32_t i = 0; i < ng; i++) {
		uint32_t file, idx;

		unglobal(k, g[i], &file, &idx);
		if (def_of(k, file, idx)->sets_cmd_size) {
			p->status = UABI_KIO_HANDLED;
			p->label = qy->cmd;
			p->why = "the compat handler rebuilds the command's size field for the native "
				 "handler (the argument's own layout is not translated)";
			goto out;
		}
	}
	{
		bool reaches_native = false;

		for (uint32_t i = 0; i < ng && !reaches_native && !err; i++) {
			uint32_t file, idx;

			unglobal(k, g[i], &file, &idx);
			err = path_reaches_native(k, qy, file, idx, &reaches_native);
		}
		if (err)
			goto out;
		if (reaches_native) {
			p->status = UABI_KIO_PASSED;
			p->why = "the compat handler falls back to the native handler";
		} else {
			bool indirect = false;

			for (uint32_t i = 0; i < ng && !indirect && !err; i++) {
				uint32_t file, idx;

				unglobal(k, g[i], &file, &idx);
				err = path_indirect(k, qy, file, idx, &indirect);
			}
			if (err)
				goto out;
			p->status = indirect ? UABI_KIO_UNKNOWN : UABI_KIO_NOT_AVAILABLE;
			p->why = indirect ? "the compat handler neither names the command nor reaches "
					    "the native handler on its path, and it calls through pointers"
					  : "the compat handler neither names the command nor passes it "
					    "on (-ENOIOCTLCMD)";
		}
	}
	goto aware;
passed:
	/* the command goes to the native code as it is, unless a twin on the
	 * way to its sites serves the compat number (reached through a
	 * pointer: dvb_generic_ioctl -> dvb_video_ioctl's VIDEO_GET_EVENT32) */
	if ((a = named_in_any(k, qy->cmd, qy->tw, qy->ntw, k->path, k->path_epoch, false, &label)))
		goto native_twin;
	p->status = UABI_KIO_PASSED;
	p->why = passes;
	goto aware;
native_twin:
	p->status = UABI_KIO_HANDLED;
	p->handler = name_site(k, a);
	p->label = label;
	p->why = "the native handler also serves the compat number";
	goto out;
aware:
	if (p->status == UABI_KIO_PASSED && qy->aware) {
		p->status = UABI_KIO_HANDLED;
		p->handler = *qy->aware;
		p->label = NULL;
		p->why = "the native code on the command's path tests in_compat_syscall()";
	}
out:
	return err;
}

/* The length of the directory path two files share ("drivers/gpu/drm/"). */
static size_t common_prefix(const char *a, const char *b)
{
	size_t n = 0, dir = 0;

	if (!a || !b)
		return 0;
	for (; a[n] && a[n] == b[n]; n++)
		if (a[n] == '/')
			dir = n + 1;
	return dir;
}

/* An entry point found for a command, and how many calls away. */
struct found {
	uint32_t file, idx;	/* the init */
	uint8_t depth;
};

struct foundv {
	struct found *v;
	uint32_t n, cap;
};

static int found_add(struct foundv *f, uint32_t file, uint32_t idx, uint8_t depth)
{
	for (uint32_t i = 0; i < f->n; i++)
		if (f->v[i].file == file && f->v[i].idx == idx)
			return 0;
	if (uabi_vec__reserve(&f->v, f->n, &f->cap, sizeof(*f->v), 16))
		return -ENOMEM;
	f->v[f->n++] = (struct found){ file, idx, depth };
	return 0;
}

struct add_found {
	struct foundv *out;
	uint8_t depth;
};

/* macro_inits: every one is an entry point (its error ends the walk) */
static int add_each(uint32_t file, uint32_t idx, void *ctx)
{
	struct add_found *a = ctx;

	return found_add(a->out, file, idx, a->depth);
}

/* The .unlocked_ioctl initialisers of the file_operations named obj as
 * seen from file: its own initialisers, or those of the macro that
 * defines it (DEFINE_DRM_GEM_FOPS(obj) -> DRM_GEM_FOPS's). */
static int fops_entries(const struct uabi_kio *k, uint32_t file, const char *obj, uint8_t depth,
			struct foundv *out)
{
	const struct uabi_kfile *kf = &k->files[file];
	int err = 0;

	for (uint32_t i = 0; i < kf->ninits && !err; i++)
		if (!kf->inits[i].in_macro && !kf->inits[i].function &&
		    !strcmp(kf->inits[i].object, obj) && !strcmp(kf->inits[i].field, "unlocked_ioctl"))
			err = found_add(out, file, i, depth);
	/* a macro in its initialiser ({ .owner = THIS_MODULE, DRM_GEM_FOPS, }):
	 * the initialisers in that macro's body */
	if (!err) {
		struct add_found a = { out, depth };

		err = macro_inits(k, kf, obj, "unlocked_ioctl", add_each, &a);
	}
	for (uint32_t u = 0; u < kf->nuses && !err; u++) {
		const struct at *m;
		uint32_t nm;

		if (!kf->uses[u].arg0 || strcmp(kf->uses[u].arg0, obj))
			continue;
		m = find(k->macros, k->nmacros, kf->uses[u].macro, &nm);
		for (uint32_t i = 0; i < nm && !err; i++) {
			const char *body = k->files[m[i].file].macros[m[i].idx].body;

			/* the macro itself, or the macros its body names */
			for (uint32_t f = 0; f < k->nfiles && !err; f++) {
				const struct uabi_kfile *mf = &k->files[f];

				for (uint32_t j = 0; j < mf->ninits && !err; j++) {
					const struct uabi_kinit *ki = &mf->inits[j];
					const char *hit;
					size_t l = strlen(ki->object);

					if (!ki->in_macro || strcmp(ki->field, "unlocked_ioctl"))
						continue;
					if (strcmp(ki->object, kf->uses[u].macro) &&
					    !((hit = strstr(body, ki->object)) &&
					      (hit == body || !is_idchar(hit[-1])) &&
					      !is_idchar(hit[l])))
						continue;
					err = found_add(out, f, j, depth);
				}
			}
		}
	}
	return err;
}

/* The entry points that reach the native code def g (backward, its
 * callers up to UABI_KIO_DEPTH, then the .ioctl-like initialisers of
 * those, or the .fops of a reached object) into fv, with k->path set to
 * the defs on the way. 0 or -ENOMEM. */
static int site_entries(struct uabi_kio *k, uint32_t g, struct queue *q, struct foundv *fv)
{
	uint32_t epoch = next_epoch(k);
	int err;

	q->n = q->head = 0;
	fv->n = 0;
	k->mark[g] = epoch;
	if ((err = q_push(q, g, 0)) || (err = reach_backward(k, q, k->mark)))
		return err;
	/* the defs that lead to the site, for place_entry's fallback test */
	if (!k->path && !(k->path = calloc(k->ndefs + 1, sizeof(*k->path))))
		return -ENOMEM;
	if (++k->path_epoch == 0) {
		memset(k->path, 0, k->ndefs * sizeof(*k->path));
		k->path_epoch = 1;
	}
	for (uint32_t i = 0; i < q->n; i++)
		k->path[q->v[i]] = k->path_epoch;
	/* the entry points: .unlocked_ioctl = a reached function, or the
	 * .fops of a reached object (a drm_driver whose .ioctls is the table) */
	for (uint32_t i = 0; i < q->n && !err; i++) {
		uint32_t file, idx, ne;
		const struct at *e;
		const struct uabi_kdef *d;

		unglobal(k, q->v[i], &file, &idx);
		d = def_of(k, file, idx);
		e = find(k->entries, k->nentries, d->name, &ne);
		for (uint32_t j = 0; j < ne && !err; j++) {
			const struct uabi_kinit *ki = &k->files[e[j].file].inits[e[j].idx];

			/* an assignment of no kind uabi models (bcache's
			 * d->ioctl = flash_dev_ioctl) is no entry point */
			if (!uabi_krules__is_native_field(ki->field) || !holds(k, ki->cond) ||
			    (ki->function && !init_kind(ki)) || !arch_file(k, e[j].file) ||
			    !resolves_to(k, e[j].file, file, idx))
				continue;
			err = found_add(fv, e[j].file, e[j].idx, q->depth[i]);
		}
		if (d->object) {
			const struct uabi_kfile *kf = &k->files[file];

			for (uint32_t j = 0; j < kf->ninits && !err; j++)
				if (!kf->inits[j].in_macro && !kf->inits[j].function &&
				    !strcmp(kf->inits[j].object, d->name) &&
				    !strcmp(kf->inits[j].field, uabi_krules__fops_link) &&
				    holds(k, kf->inits[j].cond))
					err = fops_entries(k, file, kf->inits[j].value, q->depth[i], fv);
		}
	}
	return err;
}

/* Whether placement p should stand for the command rather than best: the
 * worse status, then among equals the entry point whose file shares the
 * longer path with its native site (drivers/media/... for a V4L2
 * command), then the first. */
static bool worse(const struct uabi_kio_place *p, const struct uabi_kio_place *best)
{
	return rank(p->status) > rank(best->status) ||
	       (rank(p->status) == rank(best->status) &&
		common_prefix(p->entry.file, p->native.file) >
			common_prefix(best->entry.file, best->native.file));
}

static bool same_compat(const struct uabi_kio_place *a, const struct uabi_kio_place *b)
{
	return a->compat == b->compat || (a->compat && b->compat && !strcmp(a->compat, b->compat));
}

/* The placement that stands for one site's n equally close entry points:
 * the worst status; among those, the one whose compat handler most of
 * them share (the DRM drivers' drm_compat_ioctl, not one legacy driver's
 * own), then worse()'s path rule, then the first. */
static const struct uabi_kio_place *representative(const struct uabi_kio_place *pl, uint32_t n)
{
	int top = -1;
	uint32_t best = 0, best_votes = 0;

	for (uint32_t i = 0; i < n; i++)
		if (rank(pl[i].status) > top)
			top = rank(pl[i].status);
	for (uint32_t i = 0; i < n; i++) {
		uint32_t votes = 0;

		if (rank(pl[i].status) != top)
			continue;
		for (uint32_t j = 0; j < n; j++)
			votes += rank(pl[j].status) == top && same_compat(&pl[i], &pl[j]);
		if (!best_votes || votes > best_votes ||
		    (votes == best_votes && worse(&pl[i], &pl[best])))
			best = i, best_votes = votes;
	}
	return &pl[best];
}

bool uabi_kio__knows(struct uabi_kio *k, const char *cmd)
{
	uint32_t nn, nm;

	find(k->names, k->nnames, cmd, &nn);
	find(k->macros, k->nmacros, cmd, &nm);
	return nn || nm;
}

int uabi_kio__place(struct uabi_kio *k, const char *cmd, const char *arch,
		    struct uabi_kio_place *out)
{
	struct query qy = { .cmd = cmd };
	uint32_t n, epoch, nsites = 0;
	const struct at *a;
	struct queue q = { 0 };
	struct foundv fv = { 0 };
	struct site {
		uint32_t g;
		struct uabi_ksite at;
	} *sites = NULL;
	bool all_noop = true, other_arch = false;
	struct uabi_ksite other_site = { 0 };	/* the first name in code the arch does not build */
	uint32_t ndecide = 0;	/* the entry points that decided, over every site */
	struct uabi_kio_place best, *pl = NULL;	/* one site's placements */
	uint32_t cpl = 0, csites = 0;
	int err = 0;

	memset(out, 0, sizeof(*out));
	k->arch = arch;
	k->arch_bit = uabi_kbuild__bit(arch);
	qy.ntw = twins(k, cmd, qy.tw);
	qy.nalias = nr_aliases(k, cmd, qy.alias);
	if ((err = place_generic(k, cmd, qy.tw, qy.ntw, out)))
		return err < 0 ? err : 0;
	/* the native code naming the command: each def once */
	a = find(k->names, k->nnames, cmd, &n);
	epoch = next_epoch(k);
	for (uint32_t i = 0; i < n; i++) {
		const struct uabi_kname *kn = &k->files[a[i].file].names[a[i].idx];
		uint32_t g;

		if (kn->site.function && holds(k, kn->cond) && !arch_file(k, a[i].file) &&
		    !other_arch) {
			other_arch = true;
			other_site = kn->site;
		}
		if (!kn->site.function || !name_holds(k, a[i].file, kn) ||
		    compat_context(kn->site.file, kn->site.function) ||
		    uabi_krules__kernel_only(kn->site.function))
			continue;
		g = gidx(k, a[i].file, kn->def);
		if (k->mark[g] == epoch)
			continue;
		if (!qy.aware) {
			uint32_t n2;
			const struct at *fd = kn->fn ? defs_named(k, kn->fn, &n2) : NULL;

			if (kn->how == UABI_KN_CASE && kn->grp &&
			    compat_aware(k, &qy, a[i].file, kn->def, true, &qy.aware_site))
				qy.aware = &qy.aware_site;
			for (uint32_t j = 0; fd && j < n2 && !qy.aware; j++)
				if (resolves_to(k, a[i].file, fd[j].file, fd[j].idx) &&
				    compat_aware(k, &qy, fd[j].file, fd[j].idx, false, &qy.aware_site))
					qy.aware = &qy.aware_site;
		}
		if (!out->size_tolerant)
			out->size_tolerant = uabi_krules__size_tolerant(kn->macro);
		all_noop &= uabi_krules__ignores_arg(kn->macro, kn->fn);
		k->mark[g] = epoch;
		if ((err = uabi_vec__reserve(&sites, nsites, &csites, sizeof(*sites), 8)))
			goto out;
		sites[nsites++] = (struct site){ g, kn->site };
	}
	if (!nsites) {
		uint32_t nm;
		const struct at *m = find(k->macros, k->nmacros, cmd, &nm);
		const char *rejects = NULL;

		for (uint32_t i = 0; i < nm && !rejects; i++)
			rejects = uabi_krules__rejects_unnamed(k->files[m[i].file].macros[m[i].idx].body,
							       other_arch);
		/* no code the arch builds names it: the arch's kernels do not
		 * dispatch it (the code that does is the evidence) */
		out->status = rejects || other_arch ? UABI_KIO_NOT_DISPATCHED : UABI_KIO_UNKNOWN;
		if (other_arch)
			out->native = other_site;
		out->why = rejects ? rejects
			   : other_arch ? "only code that the arch's kernels do not build names it: "
					  "another arch's directory, or a Makefile line whose Kconfig "
					  "symbols are n there"
			   : nm ? "no code of the tree names it"
				: "no code of the tree names it, and the tree defines no such command";
		goto out;
	}
	if (all_noop)
		out->ignores_arg = uabi_krules__ignores_arg_why;
	out->native = sites[0].at;
	/* Each native site on its own: the entry points closest to it decide
	 * for it (the worst of equally close ones), and the worst site
	 * decides for the command. A site no entry point reaches (code
	 * reached through pointers only) has no say while another has one. */
	for (uint32_t s = 0; s < nsites && !err; s++) {
		uint8_t dmin = 255;
		uint32_t nbest = 0;

		if ((err = site_entries(k, sites[s].g, &q, &fv)))
			break;
		for (uint32_t i = 0; i < fv.n; i++)
			if (fv.v[i].depth < dmin)
				dmin = fv.v[i].depth;
		for (uint32_t i = 0; i < fv.n && !err; i++) {
			if (fv.v[i].depth != dmin)
				continue;
			if ((err = uabi_vec__reserve(&pl, nbest, &cpl, sizeof(*pl), 16)))
				break;
			pl[nbest] = *out;
			pl[nbest].native = sites[s].at;
			err = place_entry(k, &qy, fv.v[i].file, &k->files[fv.v[i].file].inits[fv.v[i].idx],
					  &pl[nbest]);
			nbest++;
		}
		if (err || !nbest)
			continue;
		{
			const struct uabi_kio_place *site_best = representative(pl, nbest);

			if (!ndecide || worse(site_best, &best))
				best = *site_best;
		}
		ndecide += nbest;
	}
	if (err)
		goto out;
	if (!ndecide) {
		out->status = UABI_KIO_UNKNOWN;
		out->why = "no entry point found that reaches the code naming it";
		goto out;
	}
	*out = best;
	out->nentries = ndecide;
out:
	free(pl);
	free(sites);
	free(fv.v);
	q_free(&q);
	return err;
}

/* ---- member use ---------------------------------------------------------- */

/* The functions a member walk may visit before it gives up. */
#define MEMBER_WALK_MAX 4096

/* Reference index (within def (file, idx)'s refs) of the string ref, or
 * UINT32_MAX. */
static uint32_t ref_index(const struct uabi_kio *k, uint32_t file, uint32_t idx, const char *ref)
{
	const struct uabi_kdef *d = def_of(k, file, idx);

	for (uint32_t j = 0; j < d->nref; j++)
		if (!strcmp(k->files[file].refs[d->ref0 + j], ref))
			return j;
	return UINT32_MAX;
}

/* ref_on_path, and a reference under a switch that names the query in
 * no label is on its path too (switch (mode) after switch (cmd)). */
static bool member_ref_on_path(const struct uabi_kio *k, uint32_t file, uint32_t idx, uint32_t j,
			       const struct query *q)
{
	const struct uabi_kfile *kf = &k->files[file];
	const struct uabi_kdef *d = &kf->defs[idx];

	if (ref_on_path(k, file, idx, j, q))
		return true;
	for (uint32_t i = 0; i < d->ngref; i++) {
		const struct uabi_kgref *g = &kf->grefs[d->gref0 + i];

		if (g->ref == d->ref0 + j && g->grp != UABI_KGRP_ANY &&
		    !switch_names(k, file, idx, g->grp, q))
			return true;
	}
	return false;
}

/* The walk of uabi_kio__member_read: one edge, "def (file, idx) references
 * name (its reference j)". Returns 1 when the member may be read (out
 * says why), 0 to go on. */
static int member_edge(struct uabi_kio *k, const struct query *q, uint32_t sw_epoch,
		       uint32_t seen_epoch, struct queue *wq, uint32_t file, uint32_t idx, uint32_t j,
		       struct uabi_kio_member *out)
{
	const struct uabi_kdef *d = def_of(k, file, idx);
	struct uabi_ksite at = { k->files[file].file, d->line, d->name };
	uint32_t g = gidx(k, file, idx);

	if (!arch_file(k, file) || !holds(k, d->cond))
		return 0;
	if (k->mark[g] == sw_epoch) {
		/* a switch on the command: what it references under other
		 * commands' labels only is not on this command's path, when
		 * the switch sees the caller's command; code that calls the
		 * function itself may pass another (f(file, OTHER, arg)):
		 * its callers are walked too (the walk's loop) */
		if (j != UINT32_MAX && !member_ref_on_path(k, file, idx, j, q)) {
			if (!out->site.file)
				out->site = at;
			if (k->mark2[g] == seen_epoch)
				return 0;
			k->mark2[g] = seen_epoch;
			return q_push(wq, g, 0) ? -ENOMEM : 0;
		}
		out->why = "the command's own code names it, or calls code that does";
	} else if (k->mark2[g] == seen_epoch) {
		return 0;
	} else if (d->object) {
		out->why = "code that names it is stored in an object (called through a pointer)";
	} else if (global_def(k, file, idx)) {
		out->why = "code that names it is not static or is in a header (files not read "
			   "for ioctls may call it)";
	} else if (k->addr && sorted_has(k->addr, k->naddr, d->name, strlen(d->name))) {
		out->why = "code that names it has its address taken (a pointer may call it)";
	} else if (k->loose && sorted_has(k->loose, k->nloose, d->name, strlen(d->name))) {
		out->why = "code that names it is named in a macro's body (called from a macro)";
	} else if (wq->n >= MEMBER_WALK_MAX) {
		out->why = "too many functions lead to code that names it";
	} else {
		k->mark2[g] = seen_epoch;
		return q_push(wq, g, 0) ? -ENOMEM : 0;
	}
	out->named = at;
	return 1;
}

/* Whether def (file, idx) is an entry point's function: an initialiser or
 * assignment of an ioctl member the arch builds names it (.unlocked_ioctl =
 * f, hw->ops.ioctl = f; not a table's .ioctls or .fops). Its switch sees
 * the caller's command, not one another function chose. */
static bool entry_function(const struct uabi_kio *k, uint32_t file, uint32_t idx)
{
	const struct uabi_kdef *d = def_of(k, file, idx);
	uint32_t n;
	const struct at *e = find(k->entries, k->nentries, d->name, &n);

	for (uint32_t i = 0; i < n; i++) {
		const struct uabi_kinit *in = &k->files[e[i].file].inits[e[i].idx];

		if (strcmp(in->field, "ioctls") && strcmp(in->field, "fops") &&
		    arch_file(k, e[i].file) && holds(k, in->cond) &&
		    resolves_to(k, e[i].file, file, idx))
			return true;
	}
	return false;
}

/* Whether def (file, idx) is an object whose initialiser sets an ioctl
 * entry point's member (not .ioctls or .fops) to fn: the entry point
 * calls fn with the caller's command. */
static bool entry_object(const struct uabi_kio *k, uint32_t file, uint32_t idx, const char *fn)
{
	const struct uabi_kfile *kf = &k->files[file];
	const struct uabi_kdef *d = &kf->defs[idx];

	if (!d->object)
		return false;
	for (uint32_t i = 0; i < kf->ninits; i++) {
		const struct uabi_kinit *in = &kf->inits[i];

		if (!in->function && !in->in_macro && !strcmp(in->object, d->name) &&
		    !strcmp(in->value, fn) && strcmp(in->field, "ioctls") &&
		    strcmp(in->field, "fops"))
			return true;
	}
	return false;
}

/* Whether def (file, idx), which calls a switch on the command, is an
 * entry point's function with no switch on the command of its own and
 * no name of the query anywhere (case label, comparison): it calls the
 * switch with the caller's command, or with another one under another
 * command's test only. */
static bool passes_command(const struct uabi_kio *k, const struct query *q, uint32_t sw_epoch,
			   uint32_t file, uint32_t idx)
{
	const struct uabi_kfile *kf = &k->files[file];
	uint32_t lo, end;

	if (k->mark[gidx(k, file, idx)] == sw_epoch || !entry_function(k, file, idx))
		return false;
	def_names(kf, idx, &lo, &end);
	for (uint32_t i = lo; i < end; i++)
		if (kf->names[i].site.function && is_query_name(q, kf->names[i].name))
			return false;
	return true;
}

int uabi_kio__member_read(struct uabi_kio *k, const char *cmd, const char *arch,
			  const char *member, struct uabi_kio_member *out)
{
	struct query qy = { .cmd = cmd };
	const char *want[1 + MAX_ALIASES];
	uint32_t nw = 0, sw_epoch, seen_epoch, n, nsw = 0;
	struct queue wq = { 0 };
	char buf[256], *key = buf, *tmp = NULL;
	const struct at *a;
	size_t ml = strlen(member);
	int r = 0;

	memset(out, 0, sizeof(*out));
	out->may_read = true;
	k->arch = arch;
	k->arch_bit = uabi_kbuild__bit(arch);
	qy.ntw = twins(k, cmd, qy.tw);
	qy.nalias = nr_aliases(k, cmd, qy.alias);
	if (ml + 2 > sizeof(buf) && !(key = tmp = malloc(ml + 2)))
		return -ENOMEM;
	key[0] = UABI_KREF_MEMBER[0];
	memcpy(key + 1, member, ml + 1);
	/* the name given to a macro (GET(p, name) with p->name in its
	 * body) is the member too: the plain name counts as well */
	if (k->loose && (sorted_has(k->loose, k->nloose, key, ml + 1) ||
			 sorted_has(k->loose, k->nloose, member, ml))) {
		out->why = "a macro, or a file not read for ioctls, names it";
		goto out;
	}
	if (k->loose && sorted_has(k->loose, k->nloose, UABI_KIO_ANY_MEMBER,
				   strlen(UABI_KIO_ANY_MEMBER))) {
		out->why = "a file of the tree is too big to read (over 256 MiB): it may name it";
		goto out;
	}
	/* the switches on the command: functions naming it in a case label */
	sw_epoch = next_epoch(k);
	want[nw++] = cmd;
	for (uint32_t i = 0; i < qy.nalias; i++)
		want[nw++] = qy.alias[i];
	for (uint32_t w = 0; w < nw; w++) {
		a = find(k->names, k->nnames, want[w], &n);
		for (uint32_t i = 0; i < n; i++) {
			const struct uabi_kname *kn = &k->files[a[i].file].names[a[i].idx];

			if (kn->how != UABI_KN_CASE || !kn->grp || !kn->site.function ||
			    !name_holds(k, a[i].file, kn) || !entry_function(k, a[i].file, kn->def))
				continue;
			k->mark[gidx(k, a[i].file, kn->def)] = sw_epoch;
			nsw++;
		}
	}
	if (!nsw) {
		out->why = "no entry point's function switches on the command (a case label "
			   "naming it)";
		goto out;
	}
	/* backwards from every function naming the member, through what
	 * references each: the walk must end at switches on the command,
	 * under other commands' labels */
	seen_epoch = next_epoch(k);
	for (int plain = 0; plain < 2 && !r; plain++) {
		const char *ref = plain ? member : key;

		a = find(k->callers, k->ncallers, ref, &n);
		for (uint32_t i = 0; i < n && !r; i++) {
			const struct uabi_kdef *sd = def_of(k, a[i].file, a[i].idx);

			if (sd->object)
				continue;	/* a plain name in an initialiser */
			if (arch_file(k, a[i].file) && holds(k, sd->cond) && !out->nnamed++)
				out->named = (struct uabi_ksite){ k->files[a[i].file].file, sd->line,
								  sd->name };
			r = member_edge(k, &qy, sw_epoch, seen_epoch, &wq, a[i].file, a[i].idx,
					ref_index(k, a[i].file, a[i].idx, ref), out);
		}
	}
	while (!r && wq.head < wq.n) {
		uint32_t g = wq.v[wq.head++], file, idx, nc, ncallers = 0;
		const struct uabi_kdef *d;
		const struct at *c;

		unglobal(k, g, &file, &idx);
		d = def_of(k, file, idx);
		c = find(k->callers, k->ncallers, d->name, &nc);
		for (uint32_t i = 0; i < nc && !r; i++) {
			if (!resolves_to(k, c[i].file, file, idx))
				continue;
			ncallers++;
			/* a switch on the command, called by another entry
			 * point's function that names no query name (the
			 * compat handler passing its command on) */
			if (k->mark[g] == sw_epoch &&
			    (passes_command(k, &qy, sw_epoch, c[i].file, c[i].idx) ||
			     entry_object(k, c[i].file, c[i].idx, d->name)))
				continue;
			r = member_edge(k, &qy, sw_epoch, seen_epoch, &wq, c[i].file, c[i].idx,
					ref_index(k, c[i].file, c[i].idx, d->name), out);
		}
		if (!r && !ncallers && k->mark[g] != sw_epoch) {
			out->named = (struct uabi_ksite){ k->files[file].file, d->line, d->name };
			out->why = "code that names it has no caller in the files read (it is "
				   "called through a pointer, or from a macro)";
			r = 1;
		}
	}
	if (r < 0)
		goto out;
	if (!r) {
		out->may_read = false;
		out->why = NULL;
	}
	r = 0;
out:
	free(tmp);
	q_free(&wq);
	return r;
}
