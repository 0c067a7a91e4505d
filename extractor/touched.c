// SPDX-License-Identifier: MIT
/* What a uapi change touches (touched.h). */
#include "touched.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../core/fileio.h"
#include "../core/fnv.h"
#include "../core/sha256.h"

/* as discovery reads headers (extractor/discover.c) */
#define TOUCHED_MAX_FILE (4u << 20)

/* One file read, by the path it was found at. */
struct tfile {
	char *path;
	char sha[65];		/* of its content */
	char **incs;		/* include operands, each with its opening '<' or '"' */
	uint32_t nincs;
};

struct uabi_touched {
	struct tfile *v;
	uint32_t n, cap;
	uint32_t *slot;		/* index + 1, 0 when free */
	uint32_t nslot;		/* power of two */
};

static uint32_t hash(const char *s)
{
	return uabi_fnv1a32(s, strlen(s));
}

static int nomem(struct uabi_diag *d)
{
	return uabi_diag__input(d, ENOMEM, "uapi change: out of memory");
}

struct uabi_touched *uabi_touched__new(void)
{
	return calloc(1, sizeof(struct uabi_touched));
}

void uabi_touched__free(struct uabi_touched *t)
{
	if (!t)
		return;
	for (uint32_t i = 0; i < t->n; i++) {
		free(t->v[i].path);
		for (uint32_t k = 0; k < t->v[i].nincs; k++)
			free(t->v[i].incs[k]);
		free(t->v[i].incs);
	}
	free(t->v);
	free(t->slot);
	free(t);
}

void uabi_touched__free_names(char **names, uint32_t n)
{
	uabi_file__free_names(names, n);
}

/* Grow a string vector by one slot. */
static bool push_str(char ***v, uint32_t *n, uint32_t *cap, char *s)
{
	if (*n == *cap) {
		uint32_t c = *cap ? *cap * 2 : 64;
		char **p = realloc(*v, c * sizeof(*p));

		if (!p)
			return false;
		*v = p;
		*cap = c;
	}
	(*v)[(*n)++] = s;
	return true;
}

/* The include operands of text: every line `# include <x>` or `"x"`. */
static bool scan_includes(struct tfile *f, const char *text)
{
	uint32_t cap = 0;

	for (const char *p = text; *p;) {
		const char *e = strchr(p, '\n'), *q = p;

		if (!e)
			e = p + strlen(p);
		while (q < e && (*q == ' ' || *q == '\t'))
			q++;
		if (q < e && *q == '#') {
			q++;
			while (q < e && (*q == ' ' || *q == '\t'))
				q++;
			if ((size_t)(e - q) > 7 && !strncmp(q, "include", 7) &&
			    (q[7] == ' ' || q[7] == '\t' || q[7] == '<' || q[7] == '"')) {
				q += 7;
				while (q < e && (*q == ' ' || *q == '\t'))
					q++;
				if (q < e && (*q == '<' || *q == '"')) {
					char close = *q == '<' ? '>' : '"';
					const char *z = memchr(q + 1, close, (size_t)(e - q - 1));

					if (z && z > q + 1) {
						char *s = strndup(q, (size_t)(z - q));

						if (!s || !push_str(&f->incs, &f->nincs, &cap, s)) {
							free(s);
							return false;
						}
					}
				}
			}
		}
		p = *e ? e + 1 : e;
	}
	return true;
}

static bool rehash(struct uabi_touched *t)
{
	uint32_t ns = t->nslot ? t->nslot * 2 : 1024;
	uint32_t *s = calloc(ns, sizeof(*s));

	if (!s)
		return false;
	for (uint32_t i = 0; i < t->n; i++) {
		uint32_t k = hash(t->v[i].path) & (ns - 1);

		while (s[k])
			k = (k + 1) & (ns - 1);
		s[k] = i + 1;
	}
	free(t->slot);
	t->slot = s;
	t->nslot = ns;
	return true;
}

/* The file at path (a regular file under root, whose realpath it is),
 * read once per run: *out. */
static int get_file(struct uabi_touched *t, const char *root, const char *path,
		    const struct tfile **out, struct uabi_diag *d)
{
	struct uabi_sha256 sha;
	struct tfile *f;
	char *text;
	size_t len;
	uint32_t k;
	int err;

	if (t->nslot) {
		for (k = hash(path) & (t->nslot - 1); t->slot[k]; k = (k + 1) & (t->nslot - 1)) {
			if (!strcmp(t->v[t->slot[k] - 1].path, path)) {
				*out = &t->v[t->slot[k] - 1];
				return 0;
			}
		}
	}
	err = uabi_file__read_under(root, path, "the input tree", TOUCHED_MAX_FILE, &text, &len, d);
	if (err)
		return err;
	if (t->n == t->cap) {
		uint32_t c = t->cap ? t->cap * 2 : 1024;
		struct tfile *v = realloc(t->v, c * sizeof(*v));

		if (!v) {
			free(text);
			return nomem(d);
		}
		t->v = v;
		t->cap = c;
	}
	if ((t->n + 1) * 2 > t->nslot && !rehash(t)) {
		free(text);
		return nomem(d);
	}
	f = &t->v[t->n];
	*f = (struct tfile){ .path = strdup(path) };
	uabi_sha256__init(&sha);
	uabi_sha256__update(&sha, text, len);
	uabi_sha256__hex(&sha, f->sha);
	if (!f->path || !scan_includes(f, text)) {
		for (uint32_t i = 0; i < f->nincs; i++)
			free(f->incs[i]);
		free(f->incs);
		free(f->path);
		free(text);
		return nomem(d);
	}
	free(text);
	for (k = hash(path) & (t->nslot - 1); t->slot[k]; k = (k + 1) & (t->nslot - 1))
		;
	t->slot[k] = ++t->n;
	*out = f;
	return 0;
}

/* ---- the uapi files of two trees -------------------------------------- */

struct collect {
	char **v;
	uint32_t n, cap;
};

static int collect_one(const char *rel, void *ctx)
{
	struct collect *c = ctx;
	char *s = strdup(rel);

	if (!s || !push_str(&c->v, &c->n, &c->cap, s)) {
		free(s);
		return -ENOMEM;
	}
	return 0;
}

static bool is_dir(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Every uapi file of the tree at root (a realpath), relative to it. */
static int uapi_files(const char *root, enum uabi_input_kind kind, struct collect *c,
		      struct uabi_diag *d)
{
	char path[PATH_MAX], rel[PATH_MAX];
	char **arches = NULL;
	uint32_t narch = 0;
	int err;

	if (kind != UABI_INPUT_KERNEL_TREE) {
		err = uabi_file__walk(root, "", true, NULL, collect_one, c, d);
		return err == -ENOMEM ? nomem(d) : err;
	}
	err = uabi_file__walk(root, "include/uapi", true, NULL, collect_one, c, d);
	snprintf(path, sizeof(path), "%s/arch", root);
	if (!err && is_dir(path))
		err = uabi_file__list_dir(path, &arches, &narch, d);
	for (uint32_t i = 0; !err && i < narch; i++) {
		snprintf(rel, sizeof(rel), "arch/%s/include/uapi", arches[i]);
		snprintf(path, sizeof(path), "%s/%s", root, rel);
		if (is_dir(path))
			err = uabi_file__walk(root, rel, true, NULL, collect_one, c, d);
	}
	uabi_file__free_names(arches, narch);
	return err == -ENOMEM ? nomem(d) : err;
}

/* Whether two files read differ in content (NULL: no file). */
static bool differ(const struct tfile *a, const struct tfile *b)
{
	if (!a || !b)
		return a != b;
	return strcmp(a->sha, b->sha) != 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_file(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int uabi_touched__changed(struct uabi_touched *t, const struct uabi_input_spec *old,
			  const struct uabi_input_spec *new_, char ***files, uint32_t *n,
			  struct uabi_diag *d)
{
	const struct uabi_input_spec *side[2] = { old, new_ };
	char root[2][PATH_MAX], where[PATH_MAX];
	struct collect all = { 0 }, out = { 0 };
	int err = 0;

	*files = NULL;
	*n = 0;
	for (int s = 0; s < 2; s++) {
		if (!realpath(side[s]->root, root[s]))
			return uabi_diag__input(d, errno, "%s: %s",
						uabi_input__where(side[s], where, sizeof(where)),
						strerror(errno));
	}
	for (int s = 0; s < 2 && !err; s++)
		err = uapi_files(root[s], side[s]->kind, &all, d);
	if (all.n)
		qsort(all.v, all.n, sizeof(*all.v), cmp_str);
	for (uint32_t i = 0; !err && i < all.n; i++) {
		char p[2][PATH_MAX];
		const struct tfile *f[2] = { NULL, NULL };
		bool differs;

		if (i && !strcmp(all.v[i], all.v[i - 1]))
			continue;
		for (int s = 0; s < 2 && !err; s++) {
			snprintf(p[s], sizeof(p[s]), "%s/%s", root[s], all.v[i]);
			if (is_file(p[s]))
				err = get_file(t, root[s], p[s], &f[s], d);
		}
		if (err)
			break;
		differs = differ(f[0], f[1]);
		if (differs) {
			char *c = strdup(all.v[i]);

			if (!c || !push_str(&out.v, &out.n, &out.cap, c)) {
				free(c);
				err = nomem(d);
			}
		}
	}
	uabi_file__free_names(all.v, all.n);
	if (err) {
		uabi_file__free_names(out.v, out.n);
		return err;
	}
	*files = out.v;
	*n = out.n;
	return 0;
}

/* ---- one profile ------------------------------------------------------- */

/* A name "a/./b/../c.h" as "a/c.h" into out; false when it climbs out of
 * its include directory, is absolute or does not fit. */
static bool normalize(const char *name, char *out, size_t len)
{
	size_t o = 0;

	if (!*name || *name == '/')
		return false;
	for (const char *p = name; *p;) {
		size_t n = strcspn(p, "/");

		if (n == 0 || (n == 1 && p[0] == '.')) {
			/* empty or "." component */
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			if (!o)
				return false;
			while (o && out[o - 1] != '/')
				o--;
			if (o)
				o--;
		} else {
			if (o + (o ? 1 : 0) + n + 1 > len)
				return false;
			if (o)
				out[o++] = '/';
			memcpy(out + o, p, n);
			o += n;
		}
		p += n;
		if (*p)
			p++;
	}
	if (!o)
		return false;
	out[o] = '\0';
	return true;
}

/* The path name resolves to on w's include path: the first incdir that
 * has it, if that is a regular file (a symlink or directory there ends
 * the search, as in discovery); with the root to read it under. */
static bool resolve(const struct uabi_work *w, const char *name, char *path, size_t len,
		    const char **root)
{
	for (uint32_t i = 0; i < w->nincdirs; i++) {
		struct stat st;
		int n = snprintf(path, len, "%s/%s", w->incdirs[i], name);

		if (n < 0 || (size_t)n >= len || lstat(path, &st) != 0)
			continue;
		if (!S_ISREG(st.st_mode))
			return false;
		*root = w->gen[0] && !strcmp(w->incdirs[i], w->gen) ?
			(w->real_dir[0] ? w->real_dir : w->dir) : w->root_abs;
		return true;
	}
	return false;
}

struct node {
	char *name;
	const struct tfile *f[2];	/* old, new: NULL when the side has none */
	bool reached;
};

struct graph {
	struct node *v;
	uint32_t n, cap;
	uint32_t *slot, nslot;
	uint32_t (*edge)[2];
	uint32_t nedge, cedge;
	const struct uabi_work *w[2];
	struct uabi_touched *t;
	struct uabi_diag *d;
};

static void graph_free(struct graph *g)
{
	for (uint32_t i = 0; i < g->n; i++)
		free(g->v[i].name);
	free(g->v);
	free(g->slot);
	free(g->edge);
}

static bool graph_rehash(struct graph *g)
{
	uint32_t ns = g->nslot ? g->nslot * 2 : 1024;
	uint32_t *s = calloc(ns, sizeof(*s));

	if (!s)
		return false;
	for (uint32_t i = 0; i < g->n; i++) {
		uint32_t k = hash(g->v[i].name) & (ns - 1);

		while (s[k])
			k = (k + 1) & (ns - 1);
		s[k] = i + 1;
	}
	free(g->slot);
	g->slot = s;
	g->nslot = ns;
	return true;
}

/* The node of name (resolved and read on both sides when new): *idx. */
static int node_of(struct graph *g, const char *name, uint32_t *idx)
{
	struct node *nd;
	uint32_t k;
	int err;

	if (g->nslot) {
		for (k = hash(name) & (g->nslot - 1); g->slot[k]; k = (k + 1) & (g->nslot - 1)) {
			if (!strcmp(g->v[g->slot[k] - 1].name, name)) {
				*idx = g->slot[k] - 1;
				return 0;
			}
		}
	}
	if (g->n == g->cap) {
		uint32_t c = g->cap ? g->cap * 2 : 512;
		struct node *v = realloc(g->v, c * sizeof(*v));

		if (!v)
			return nomem(g->d);
		g->v = v;
		g->cap = c;
	}
	if ((g->n + 1) * 2 > g->nslot && !graph_rehash(g))
		return nomem(g->d);
	nd = &g->v[g->n];
	*nd = (struct node){ .name = strdup(name) };
	if (!nd->name)
		return nomem(g->d);
	for (int s = 0; s < 2; s++) {
		char path[PATH_MAX];
		const char *root;

		if (resolve(g->w[s], name, path, sizeof(path), &root) &&
		    (err = get_file(g->t, root, path, &nd->f[s], g->d))) {
			free(nd->name);
			return err;
		}
	}
	for (k = hash(name) & (g->nslot - 1); g->slot[k]; k = (k + 1) & (g->nslot - 1))
		;
	g->slot[k] = ++g->n;
	*idx = g->n - 1;
	return 0;
}

static int add_edge(struct graph *g, uint32_t from, uint32_t to)
{
	if (g->nedge == g->cedge) {
		uint32_t c = g->cedge ? g->cedge * 2 : 1024;
		uint32_t(*v)[2] = realloc(g->edge, c * sizeof(*v));

		if (!v)
			return nomem(g->d);
		g->edge = v;
		g->cedge = c;
	}
	g->edge[g->nedge][0] = from;
	g->edge[g->nedge][1] = to;
	g->nedge++;
	return 0;
}

/* Whether name resolves on either side. */
static bool found_either(const struct graph *g, const char *name)
{
	char path[PATH_MAX];
	const char *root;

	return resolve(g->w[0], name, path, sizeof(path), &root) ||
	       resolve(g->w[1], name, path, sizeof(path), &root);
}

/* The name an include operand of the file of `from` names: <x> is x; "x"
 * is x beside the including header if it is there on either side, else x
 * on the include path. false when it names nothing a name can be. */
static bool target(const struct graph *g, const char *from, const char *op, char *out, size_t len)
{
	if (op[0] == '"') {
		const char *slash = strrchr(from, '/');
		char joined[PATH_MAX];

		if (slash) {
			snprintf(joined, sizeof(joined), "%.*s/%s", (int)(slash - from), from, op + 1);
			if (normalize(joined, out, len) && found_either(g, out))
				return true;
		}
	}
	return normalize(op + 1, out, len);
}

int uabi_touched__select(struct uabi_touched *t, const struct uabi_work *wold,
			 const struct uabi_work *wnew, char *const *cand, uint32_t ncand, bool *sel,
			 struct uabi_diag *d)
{
	struct graph g = { .w = { wold, wnew }, .t = t, .d = d };
	uint32_t *cidx = calloc(ncand + 1, sizeof(*cidx));
	bool changed = true;
	int err = 0;

	if (!cidx)
		return nomem(d);
	for (uint32_t i = 0; i < ncand && !err; i++)
		err = node_of(&g, cand[i], &cidx[i]);
	/* breadth first: g.v grows while it is walked */
	for (uint32_t i = 0; i < g.n && !err; i++) {
		for (int s = 0; s < 2 && !err; s++) {
			const struct tfile *f = g.v[i].f[s];

			for (uint32_t k = 0; f && k < f->nincs && !err; k++) {
				char name[PATH_MAX];
				uint32_t to;

				if (!target(&g, g.v[i].name, f->incs[k], name, sizeof(name)))
					continue;
				err = node_of(&g, name, &to);
				if (!err && to != i)
					err = add_edge(&g, i, to);
			}
		}
	}
	if (err)
		goto out;
	for (uint32_t i = 0; i < g.n; i++) {
		g.v[i].reached = differ(g.v[i].f[0], g.v[i].f[1]);
	}
	while (changed) {
		changed = false;
		for (uint32_t e = 0; e < g.nedge; e++) {
			struct node *from = &g.v[g.edge[e][0]];

			if (!from->reached && g.v[g.edge[e][1]].reached)
				from->reached = changed = true;
		}
	}
	for (uint32_t i = 0; i < ncand; i++)
		sel[i] = g.v[cidx[i]].reached;
out:
	free(cidx);
	graph_free(&g);
	return err;
}
