// SPDX-License-Identifier: MIT
/* The textual #include closure of headers (incdeps.h). */
#include "incdeps.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../core/fileio.h"
#include "../core/fnv.h"

struct node {
	char *abs;		/* as the lookup spelled it */
	char *rel;		/* uabi_work__relpath */
	bool parsed;
	uint32_t *edges;	/* nodes it includes */
	uint32_t nedges;
	char **tried;		/* relpaths tried before a hit, or for a miss */
	uint32_t ntried;
	uint32_t mark;		/* closure walk generation */
};

struct closure {
	char *header;
	const char **files;
	uint32_t nfiles;
};

struct uabi_incdeps {
	const struct uabi_work *w;
	struct node *nodes;
	uint32_t nnodes, cap;
	uint32_t *slots;	/* open addressing by abs, UINT32_MAX empty */
	size_t mask;
	struct closure *cl;
	uint32_t ncl, clcap;
	uint32_t gen;
};

static uint64_t hash_str(const char *s)
{
	return uabi_fnv1a64(s, strlen(s));
}

int uabi_incdeps__new(const struct uabi_work *w, struct uabi_incdeps **out, struct uabi_diag *d)
{
	struct uabi_incdeps *g = calloc(1, sizeof(*g));

	*out = NULL;
	if (!g)
		return uabi_diag__input(d, ENOMEM, "out of memory");
	g->w = w;
	*out = g;
	return 0;
}

void uabi_incdeps__free(struct uabi_incdeps *g)
{
	if (!g)
		return;
	for (uint32_t i = 0; i < g->nnodes; i++) {
		free(g->nodes[i].abs);
		free(g->nodes[i].rel);
		free(g->nodes[i].edges);
		for (uint32_t j = 0; j < g->nodes[i].ntried; j++)
			free(g->nodes[i].tried[j]);
		free(g->nodes[i].tried);
	}
	for (uint32_t i = 0; i < g->ncl; i++) {
		free(g->cl[i].header);
		free(g->cl[i].files);
	}
	free(g->cl);
	free(g->nodes);
	free(g->slots);
	free(g);
}

/* The node of abs, made when new; UINT32_MAX on out of memory. */
static uint32_t node_of(struct uabi_incdeps *g, const char *abs)
{
	char rel[PATH_MAX];
	size_t i;

	if ((size_t)(g->nnodes + 1) * 2 > g->mask + 1 || !g->slots) {
		size_t cap = g->slots ? (g->mask + 1) * 2 : 1024;
		uint32_t *s = malloc(cap * sizeof(*s));

		if (!s)
			return UINT32_MAX;
		memset(s, 0xff, cap * sizeof(*s));
		for (uint32_t k = 0; k < g->nnodes; k++) {
			for (i = hash_str(g->nodes[k].abs) & (cap - 1); s[i] != UINT32_MAX; i = (i + 1) & (cap - 1))
				;
			s[i] = k;
		}
		free(g->slots);
		g->slots = s;
		g->mask = cap - 1;
	}
	for (i = hash_str(abs) & g->mask; g->slots[i] != UINT32_MAX; i = (i + 1) & g->mask)
		if (!strcmp(g->nodes[g->slots[i]].abs, abs))
			return g->slots[i];
	if (g->nnodes == g->cap) {
		uint32_t cap = g->cap ? g->cap * 2 : 256;
		struct node *v = realloc(g->nodes, cap * sizeof(*v));

		if (!v)
			return UINT32_MAX;
		g->nodes = v;
		g->cap = cap;
	}
	memset(&g->nodes[g->nnodes], 0, sizeof(struct node));
	g->nodes[g->nnodes].abs = strdup(abs);
	g->nodes[g->nnodes].rel = strdup(uabi_work__relpath(g->w, abs, rel, sizeof(rel)));
	if (!g->nodes[g->nnodes].abs || !g->nodes[g->nnodes].rel) {
		free(g->nodes[g->nnodes].abs);
		free(g->nodes[g->nnodes].rel);
		return UINT32_MAX;
	}
	g->slots[i] = g->nnodes;
	return g->nnodes++;
}

static bool is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int add_tried(struct node *n, const char *rel)
{
	char **v = realloc(n->tried, (n->ntried + 1) * sizeof(*v));

	if (!v)
		return -ENOMEM;
	n->tried = v;
	if (!(v[n->ntried] = strdup(rel)))
		return -ENOMEM;
	n->ntried++;
	return 0;
}

/* Look name up for node `from` (UINT32_MAX: the probe); the node found,
 * or UINT32_MAX for none; tried paths go to *tried_in (from's node). */
static int lookup(struct uabi_incdeps *g, uint32_t from, const char *name, bool quoted,
		  uint32_t *found)
{
	char path[PATH_MAX * 2], rel[PATH_MAX];
	int err;

	*found = UINT32_MAX;
	if (quoted && from != UINT32_MAX) {
		const char *abs = g->nodes[from].abs, *slash = strrchr(abs, '/');

		snprintf(path, sizeof(path), "%.*s/%s", slash ? (int)(slash - abs) : 0, abs, name);
		if (is_file(path)) {
			*found = node_of(g, path);
			return *found == UINT32_MAX ? -ENOMEM : 0;
		}
		err = add_tried(&g->nodes[from], uabi_work__relpath(g->w, path, rel, sizeof(rel)));
		if (err)
			return err;
	}
	for (uint32_t i = 0; i < g->w->nincdirs; i++) {
		snprintf(path, sizeof(path), "%s/%s", g->w->incdirs[i], name);
		if (is_file(path)) {
			*found = node_of(g, path);
			return *found == UINT32_MAX ? -ENOMEM : 0;
		}
		if (from != UINT32_MAX) {
			err = add_tried(&g->nodes[from], uabi_work__relpath(g->w, path, rel, sizeof(rel)));
			if (err)
				return err;
		}
	}
	/* then, as -idirafter, the compiler's own headers and the C
	 * library's: a type the C library declares is provided by the
	 * header that includes it */
	for (uint32_t i = 0; i <= g->w->nlibc; i++) {
		const char *dir = i ? g->w->libc[i - 1] : g->w->cc_include;

		if (!*dir)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		if (is_file(path)) {
			*found = node_of(g, path);
			return *found == UINT32_MAX ? -ENOMEM : 0;
		}
	}
	return 0;
}

/* Read node k's #include lines and look each up. */
static int parse(struct uabi_incdeps *g, uint32_t k)
{
	char *text = NULL, name[PATH_MAX];
	struct uabi_diag d;
	int err = 0;

	g->nodes[k].parsed = true;
	uabi_diag__clear(&d);
	if (uabi_file__read(g->nodes[k].abs, &text, NULL, &d))
		return 0;	/* unreadable: the compile says what is wrong */
	for (const char *p = text; p && *p && !err;) {
		const char *e = strchr(p, '\n'), *q = p;
		size_t n = 0;
		char close;
		uint32_t found;

		while (*q == ' ' || *q == '\t')
			q++;
		if (*q != '#')
			goto next;
		q++;
		while (*q == ' ' || *q == '\t')
			q++;
		if (strncmp(q, "include", 7))
			goto next;
		q += 7;
		while (*q == ' ' || *q == '\t')
			q++;
		if (*q != '<' && *q != '"')
			goto next;
		close = *q == '<' ? '>' : '"';
		for (q++; *q && *q != close && *q != '\n' && n + 1 < sizeof(name); q++)
			name[n++] = *q;
		name[n] = '\0';
		if (*q != close || !n)
			goto next;
		err = lookup(g, k, name, close == '"', &found);
		if (!err && found != UINT32_MAX) {
			uint32_t *v = realloc(g->nodes[k].edges, (g->nodes[k].nedges + 1) * sizeof(*v));

			if (!v)
				err = -ENOMEM;
			else
				(g->nodes[k].edges = v)[g->nodes[k].nedges++] = found;
		}
next:
		p = e ? e + 1 : NULL;
	}
	free(text);
	return err;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

bool uabi_incdeps__has(const char *const *v, uint32_t n, const char *s)
{
	return n && bsearch(&s, v, n, sizeof(*v), cmp_str);
}

int uabi_incdeps__closure(struct uabi_incdeps *g, const char *header, const char *const **files,
			  uint32_t *n, struct uabi_diag *d)
{
	uint32_t start, *stack = NULL, nstack = 0, cap = 0, nf = 0, fcap = 0, k;
	const char **f = NULL;
	struct closure *c;
	int err = 0;

	for (uint32_t i = 0; i < g->ncl; i++)
		if (!strcmp(g->cl[i].header, header)) {
			*files = g->cl[i].files;
			*n = g->cl[i].nfiles;
			return 0;
		}
	if (g->ncl == g->clcap) {
		uint32_t ncap = g->clcap ? g->clcap * 2 : 64;
		struct closure *v = realloc(g->cl, ncap * sizeof(*v));

		if (!v)
			return uabi_diag__input(d, ENOMEM, "out of memory");
		g->cl = v;
		g->clcap = ncap;
	}
	c = &g->cl[g->ncl];
	memset(c, 0, sizeof(*c));
	g->gen++;
	err = lookup(g, UINT32_MAX, header, false, &start);
	/* the tried paths of the header itself: every include directory
	 * before the one it is in */
	for (uint32_t i = 0; !err && i < g->w->nincdirs; i++) {
		char path[PATH_MAX * 2];
		const char **v;

		snprintf(path, sizeof(path), "%s/%s", g->w->incdirs[i], header);
		if (nf == fcap) {
			fcap = fcap ? fcap * 2 : 64;
			v = realloc(f, fcap * sizeof(*v));
			if (!v) {
				err = -ENOMEM;
				break;
			}
			f = v;
		}
		if (start != UINT32_MAX && !strcmp(path, g->nodes[start].abs))
			break;
		/* interned through a node: the string lives as long as g */
		k = node_of(g, path);
		if (k == UINT32_MAX) {
			err = -ENOMEM;
			break;
		}
		g->nodes[k].parsed = true;	/* no file: nothing to read */
		f[nf++] = g->nodes[k].rel;
	}
	if (!err && start != UINT32_MAX) {
		stack = malloc(64 * sizeof(*stack));
		cap = 64;
		if (!stack)
			err = -ENOMEM;
		else {
			stack[nstack++] = start;
			g->nodes[start].mark = g->gen;
		}
	}
	while (!err && nstack) {
		struct node *nd;

		k = stack[--nstack];
		if (!g->nodes[k].parsed && (err = parse(g, k)))
			break;
		nd = &g->nodes[k];
		if (nf + nd->ntried + 1 > fcap) {
			const char **v;

			fcap = (nf + nd->ntried + 1) * 2;
			v = realloc(f, fcap * sizeof(*v));
			if (!v) {
				err = -ENOMEM;
				break;
			}
			f = v;
		}
		f[nf++] = nd->rel;
		for (uint32_t j = 0; j < nd->ntried; j++)
			f[nf++] = nd->tried[j];
		for (uint32_t j = 0; j < nd->nedges; j++) {
			uint32_t e = nd->edges[j];

			if (g->nodes[e].mark == g->gen)
				continue;
			g->nodes[e].mark = g->gen;
			if (nstack == cap) {
				uint32_t *v = realloc(stack, (cap *= 2) * sizeof(*v));

				if (!v) {
					err = -ENOMEM;
					break;
				}
				stack = v;
			}
			stack[nstack++] = e;
		}
	}
	free(stack);
	if (err) {
		free(f);
		return uabi_diag__input(d, ENOMEM, "out of memory");
	}
	if (nf)
		qsort(f, nf, sizeof(*f), cmp_str);
	k = 0;
	for (uint32_t i = 0; i < nf; i++)
		if (!k || strcmp(f[k - 1], f[i]))
			f[k++] = f[i];
	c->header = strdup(header);
	if (!c->header) {
		free(f);
		return uabi_diag__input(d, ENOMEM, "out of memory");
	}
	c->files = f;
	c->nfiles = k;
	g->ncl++;
	*files = f;
	*n = k;
	return 0;
}
