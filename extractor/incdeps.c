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

/* A #define or #undef of the text (uabi_incdeps__node_defines). */
struct tdef {
	uint64_t name;		/* uabi_incdeps__hash of the name */
	uint64_t text;		/* uabi_incdeps__def_hash of the definition; 0 for #undef */
};

struct node {
	char *abs;		/* as the lookup spelled it */
	char *rel;		/* uabi_work__relpath */
	bool parsed;
	bool volatile_;		/* a tree file with __has_include, __COUNTER__, a computed
				 * #include or #include_next (UABI_INCDEPS_VOLATILE) */
	uint64_t *ids;		/* hashes of every identifier of the text, sorted, unique */
	uint32_t nids;
	uint64_t *code_ids;	/* those outside #define bodies, sorted, unique */
	uint32_t ncode_ids;
	uint64_t *cond_ids;	/* those of #if, #ifdef, #ifndef, #elif lines, sorted, unique */
	uint32_t ncond_ids;
	struct tdef *defs;	/* by name, then text */
	uint32_t ndefs;
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
	uint32_t *nodes;	/* the files that exist, sorted node indexes */
	uint32_t nnodes;
};

/* uabi_incdeps__users' index: (identifier hash, node) of every parsed node */
struct use {
	uint64_t id;
	uint32_t node;
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
	struct use *uses;	/* sorted by id, then node */
	uint32_t nuses;
	uint32_t nindexed;	/* the nodes [0, nindexed) are in uses */
	uint32_t *ubuf;		/* uabi_incdeps__users' answer */
	uint32_t ubcap;
	uint64_t dbuf[64];	/* uabi_incdeps__node_defines' answer */
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
		free(g->nodes[i].ids);
		free(g->nodes[i].code_ids);
		free(g->nodes[i].cond_ids);
		free(g->nodes[i].defs);
	}
	for (uint32_t i = 0; i < g->ncl; i++) {
		free(g->cl[i].header);
		free(g->cl[i].files);
		free(g->cl[i].nodes);
	}
	free(g->uses);
	free(g->ubuf);
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

/* One preprocessing token of a text (tok_next). */
struct tok {
	const char *s;
	size_t n;
	char kind;	/* 'i' identifier, 'n' pp-number, 's' string or character literal,
			 * 'p' punctuator (one character) */
	bool bol;	/* the first of a logical line (a newline outside comments before) */
	bool space;	/* white space or a comment right before */
};

static bool id_start(char ch)
{
	return ch == '_' || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z');
}

static bool id_char(char ch)
{
	return id_start(ch) || (ch >= '0' && ch <= '9');
}

/* The token at p (before end) into *t, the text after it; NULL at the end.
 * Comments are white space, a backslash-newline joins lines, a string ends
 * at its quote or an unescaped newline (an apostrophe in #error text). */
static const char *tok_next(const char *p, const char *end, struct tok *t, bool *bol)
{
	t->space = false;
	while (p < end) {
		if (*p == '\n') {
			*bol = true;
			t->space = true;
			p++;
		} else if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\f' || *p == '\v') {
			t->space = true;
			p++;
		} else if (*p == '\\' && p + 1 < end && (p[1] == '\n' || (p[1] == '\r' && p + 2 < end &&
								       p[2] == '\n'))) {
			p += p[1] == '\n' ? 2 : 3;
		} else if (*p == '/' && p + 1 < end && p[1] == '*') {
			const char *q;

			for (q = p + 2; q + 1 < end && !(q[0] == '*' && q[1] == '/'); q++)
				;
			p = q + 1 < end ? q + 2 : end;
			t->space = true;
		} else if (*p == '/' && p + 1 < end && p[1] == '/') {
			while (p < end && *p != '\n')
				p += *p == '\\' && p + 1 < end ? 2 : 1;
			t->space = true;
		} else {
			break;
		}
	}
	if (p >= end)
		return NULL;
	t->s = p;
	t->bol = *bol;
	*bol = false;
	if (id_start(*p)) {
		while (p < end && id_char(*p))
			p++;
		t->kind = 'i';
	} else if ((*p >= '0' && *p <= '9') || (*p == '.' && p + 1 < end && p[1] >= '0' && p[1] <= '9')) {
		for (p++; p < end; p++) {
			if ((*p == '+' || *p == '-') && ((p[-1] | 0x20) == 'e' || (p[-1] | 0x20) == 'p'))
				continue;
			if (!id_char(*p) && *p != '.')
				break;
		}
		t->kind = 'n';
	} else if (*p == '"' || *p == '\'') {
		char q = *p++;

		while (p < end && *p != q && *p != '\n')
			p += *p == '\\' && p + 1 < end ? 2 : 1;
		if (p < end && *p == q)
			p++;
		t->kind = 's';
	} else {
		p++;
		t->kind = 'p';
	}
	t->n = (size_t)(p - t->s);
	return p;
}

uint64_t uabi_incdeps__hash(const char *s, size_t n)
{
	return uabi_fnv1a64(s, n);
}

static uint64_t hash_more(uint64_t h, const char *s, size_t n)
{
	return uabi_fnv1a64_more(h, s, n);
}

/* The definition after a #define's name (at p, the name's token t just
 * read): "F" and the parameter list for a function-like macro (a '(' right
 * after the name), else "O", then every token to the end of the logical
 * line, hashed with one blank between tokens. The end of the text read;
 * ids gets the identifiers (when not NULL). */
static const char *def_text(const char *p, const char *end, bool *bol, uint64_t *text,
			    void (*id)(void *ctx, const struct tok *t), void *ctx)
{
	uint64_t h = uabi_incdeps__hash("O", 1);
	struct tok t;
	bool first = true;

	for (const char *q; (q = tok_next(p, end, &t, bol)) && !t.bol; p = q) {
		if (first && t.kind == 'p' && *t.s == '(' && !t.space)
			h = uabi_incdeps__hash("F", 1);
		first = false;
		h = hash_more(hash_more(h, t.s, t.n), " ", 1);
		if (t.kind == 'i' && id)
			id(ctx, &t);
	}
	*text = h ? h : 1;
	return p;
}

int uabi_incdeps__def_hash(const char *line, uint64_t *name, uint64_t *text)
{
	const char *end = line + strlen(line), *p;
	struct tok t;
	bool bol = false;

	p = tok_next(line, end, &t, &bol);
	if (!p || t.kind != 'i')
		return -EINVAL;
	*name = uabi_incdeps__hash(t.s, t.n);
	def_text(p, end, &bol, text, NULL, NULL);
	return 0;
}

/* What parse() gathers of a text before it is sorted into the node. */
struct gather {
	uint64_t *ids, *code, *cond;
	uint32_t nids, ncode, capids, capcode, ncond, capcond;
	struct tdef *defs;
	uint32_t ndefs, capdefs;
	bool oom;
};

static void push_u64(uint64_t **v, uint32_t *n, uint32_t *cap, uint64_t x, bool *oom)
{
	if (*oom)
		return;
	if (*n == *cap) {
		uint32_t c = *cap ? *cap * 2 : 256;
		uint64_t *nv = c > *cap ? realloc(*v, (size_t)c * sizeof(*nv)) : NULL;

		if (!nv) {
			*oom = true;
			return;
		}
		*v = nv;
		*cap = c;
	}
	(*v)[(*n)++] = x;
}

static void body_id(void *ctx, const struct tok *t)
{
	struct gather *ga = ctx;

	push_u64(&ga->ids, &ga->nids, &ga->capids, uabi_incdeps__hash(t->s, t->n), &ga->oom);
}

static void add_def(struct gather *ga, uint64_t name, uint64_t text)
{
	if (ga->oom)
		return;
	if (ga->ndefs == ga->capdefs) {
		uint32_t c = ga->capdefs ? ga->capdefs * 2 : 64;
		struct tdef *v = realloc(ga->defs, (size_t)c * sizeof(*v));

		if (!v) {
			ga->oom = true;
			return;
		}
		ga->defs = v;
		ga->capdefs = c;
	}
	ga->defs[ga->ndefs++] = (struct tdef){ name, text };
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static int cmp_tdef(const void *a, const void *b)
{
	const struct tdef *x = a, *y = b;

	if (x->name != y->name)
		return x->name < y->name ? -1 : 1;
	return x->text < y->text ? -1 : x->text > y->text;
}

static uint32_t sort_unique_u64(uint64_t *v, uint32_t n)
{
	uint32_t k = 0;

	if (n)
		qsort(v, n, sizeof(*v), cmp_u64);
	for (uint32_t i = 0; i < n; i++)
		if (!k || v[k - 1] != v[i])
			v[k++] = v[i];
	return k;
}

/* The identifiers, definitions and #undefs of node k's text (comments and
 * literals skipped), and whether it is volatile. */
static int scan_ids(struct node *nd, const char *text, size_t len, bool tree)
{
	const char *p = text, *end = text + len, *q;
	struct gather ga = { 0 };
	struct tok t;
	bool bol = true, in_cond = false;

	while ((q = tok_next(p, end, &t, &bol))) {
		p = q;
		if (t.bol)
			in_cond = false;
		if (t.bol && t.kind == 'p' && *t.s == '#') {
			/* a directive: its name, then what it reads */
			if (!(q = tok_next(p, end, &t, &bol)) || t.bol)
				continue;
			p = q;
			if (t.kind == 'i' && t.n == 6 && !strncmp(t.s, "define", 6)) {
				uint64_t name, dtext;

				if (!(q = tok_next(p, end, &t, &bol)) || t.bol || t.kind != 'i')
					continue;
				p = q;
				name = uabi_incdeps__hash(t.s, t.n);
				p = def_text(p, end, &bol, &dtext, body_id, &ga);
				add_def(&ga, name, dtext);
				continue;
			}
			if (t.kind == 'i' && t.n == 5 && !strncmp(t.s, "undef", 5)) {
				if (!(q = tok_next(p, end, &t, &bol)) || t.bol || t.kind != 'i')
					continue;
				p = q;
				add_def(&ga, uabi_incdeps__hash(t.s, t.n), 0);
				continue;
			}
			if (t.kind == 'i' && ((t.n == 7 && !strncmp(t.s, "include", 7)) ||
					      (t.n == 12 && !strncmp(t.s, "include_next", 12)))) {
				bool next = t.n == 12;

				q = tok_next(p, end, &t, &bol);
				if (tree && (next || !q || t.bol || !(t.kind == 's' || *t.s == '<')))
					nd->volatile_ = true;
				/* the rest of the line names a file */
				while (q && !t.bol) {
					p = q;
					q = tok_next(p, end, &t, &bol);
				}
				if (q)
					bol = true;
				continue;
			}
			/* #if, #ifdef, #elif, ...: its words are read like code */
			in_cond = t.kind == 'i' && ((t.n == 2 && !strncmp(t.s, "if", 2)) ||
						    (t.n == 5 && !strncmp(t.s, "ifdef", 5)) ||
						    (t.n == 6 && !strncmp(t.s, "ifndef", 6)) ||
						    (t.n == 4 && !strncmp(t.s, "elif", 4)));
			continue;
		}
		if (t.kind != 'i')
			continue;
		if (tree && ((t.n == 13 && !strncmp(t.s, "__has_include", 13)) ||
			     (t.n == 18 && !strncmp(t.s, "__has_include_next", 18)) ||
			     (t.n == 11 && !strncmp(t.s, "__COUNTER__", 11)) ||
			     (t.n == 17 && !strncmp(t.s, "__INCLUDE_LEVEL__", 17))))
			nd->volatile_ = true;
		push_u64(&ga.ids, &ga.nids, &ga.capids, uabi_incdeps__hash(t.s, t.n), &ga.oom);
		push_u64(&ga.code, &ga.ncode, &ga.capcode, uabi_incdeps__hash(t.s, t.n), &ga.oom);
		if (in_cond)
			push_u64(&ga.cond, &ga.ncond, &ga.capcond, uabi_incdeps__hash(t.s, t.n), &ga.oom);
	}
	if (ga.oom) {
		free(ga.ids);
		free(ga.code);
		free(ga.cond);
		free(ga.defs);
		return -ENOMEM;
	}
	nd->ids = ga.ids;
	nd->nids = sort_unique_u64(ga.ids, ga.nids);
	nd->code_ids = ga.code;
	nd->ncode_ids = sort_unique_u64(ga.code, ga.ncode);
	nd->cond_ids = ga.cond;
	nd->ncond_ids = sort_unique_u64(ga.cond, ga.ncond);
	if (ga.ndefs)
		qsort(ga.defs, ga.ndefs, sizeof(*ga.defs), cmp_tdef);
	nd->defs = ga.defs;
	nd->ndefs = ga.ndefs;
	return 0;
}

/* Read node k's #include lines and look each up. */
static int parse(struct uabi_incdeps *g, uint32_t k)
{
	char *text = NULL, name[PATH_MAX];
	struct uabi_diag d;
	size_t len = 0;
	int err = 0;

	g->nodes[k].parsed = true;
	uabi_diag__clear(&d);
	if (uabi_file__read(g->nodes[k].abs, &text, &len, &d))
		return 0;	/* unreadable: the compile says what is wrong */
	err = scan_ids(&g->nodes[k], text, len, g->nodes[k].rel[0] != '<');
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

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
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
	uint32_t start, *stack = NULL, nstack = 0, cap = 0, nf = 0, fcap = 0, k, *nv = NULL, nn = 0;
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
		{
			uint32_t *v = realloc(nv, (nn + 1) * sizeof(*v));

			if (!v) {
				err = -ENOMEM;
				break;
			}
			(nv = v)[nn++] = k;
		}
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
		free(nv);
		return uabi_diag__input(d, ENOMEM, "out of memory");
	}
	if (nn)
		qsort(nv, nn, sizeof(*nv), cmp_u32);
	if (nf)
		qsort(f, nf, sizeof(*f), cmp_str);
	k = 0;
	for (uint32_t i = 0; i < nf; i++)
		if (!k || strcmp(f[k - 1], f[i]))
			f[k++] = f[i];
	c->header = strdup(header);
	if (!c->header) {
		free(f);
		free(nv);
		return uabi_diag__input(d, ENOMEM, "out of memory");
	}
	c->files = f;
	c->nfiles = k;
	c->nodes = nv;
	c->nnodes = nn;
	g->ncl++;
	*files = f;
	*n = k;
	return 0;
}

/* The closure entry of header, computed when new; NULL with d set. */
static const struct closure *closure_of(struct uabi_incdeps *g, const char *header,
					struct uabi_diag *d)
{
	const char *const *files;
	uint32_t n;

	if (uabi_incdeps__closure(g, header, &files, &n, d))
		return NULL;
	for (uint32_t i = g->ncl; i-- > 0;)
		if (!strcmp(g->cl[i].header, header))
			return &g->cl[i];
	return NULL;
}

int uabi_incdeps__closure_nodes(struct uabi_incdeps *g, const char *header, const uint32_t **nodes,
				uint32_t *n, struct uabi_diag *d)
{
	const struct closure *c = closure_of(g, header, d);

	if (!c)
		return -ENOMEM;
	*nodes = c->nodes;
	*n = c->nnodes;
	return 0;
}

uint32_t uabi_incdeps__nnodes(const struct uabi_incdeps *g)
{
	return g->nnodes;
}

uint32_t uabi_incdeps__node(const struct uabi_incdeps *g, const char *rel)
{
	for (uint32_t i = 0; i < g->nnodes; i++)
		if (g->nodes[i].parsed && !strcmp(g->nodes[i].rel, rel))
			return i;
	return UINT32_MAX;
}

const char *uabi_incdeps__rel(const struct uabi_incdeps *g, uint32_t node)
{
	return node < g->nnodes ? g->nodes[node].rel : "?";
}

static bool has_u64(const uint64_t *v, uint32_t n, uint64_t x)
{
	return n && bsearch(&x, v, n, sizeof(*v), cmp_u64);
}

bool uabi_incdeps__node_uses(const struct uabi_incdeps *g, uint32_t node, uint64_t name, int where)
{
	const struct node *nd = &g->nodes[node];

	if (where == UABI_INCDEPS_COND)
		return has_u64(nd->cond_ids, nd->ncond_ids, name);
	if (where == UABI_INCDEPS_CODE)
		return has_u64(nd->code_ids, nd->ncode_ids, name);
	return has_u64(nd->ids, nd->nids, name);
}

bool uabi_incdeps__node_volatile(const struct uabi_incdeps *g, uint32_t node)
{
	return g->nodes[node].volatile_;
}

uint32_t uabi_incdeps__node_defines(struct uabi_incdeps *g, uint32_t node, uint64_t name,
				    const uint64_t **texts)
{
	const struct node *nd = &g->nodes[node];
	uint32_t lo = 0, hi = nd->ndefs, first;
	uint64_t *buf = g->dbuf;
	uint32_t k = 0;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (nd->defs[mid].name < name)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (first = lo; first < nd->ndefs && nd->defs[first].name == name && k < 64; first++)
		buf[k++] = nd->defs[first].text;
	*texts = buf;
	return k;
}

void uabi_incdeps__node_names(const struct uabi_incdeps *g, uint32_t node,
			      void (*fn)(void *ctx, uint64_t name), void *ctx)
{
	const struct node *nd = &g->nodes[node];

	for (uint32_t i = 0; i < nd->ndefs; i++)
		if (!i || nd->defs[i - 1].name != nd->defs[i].name)
			fn(ctx, nd->defs[i].name);
}

static int cmp_use(const void *a, const void *b)
{
	const struct use *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->node < y->node ? -1 : x->node > y->node;
}

int uabi_incdeps__users(struct uabi_incdeps *g, uint64_t name, const uint32_t **nodes, uint32_t *n,
			struct uabi_diag *d)
{
	uint32_t lo = 0, hi, k = 0;

	if (g->nindexed < g->nnodes) {
		uint32_t add = 0;
		struct use *v;

		for (uint32_t i = g->nindexed; i < g->nnodes; i++)
			add += g->nodes[i].nids;
		v = realloc(g->uses, ((size_t)g->nuses + add + 1) * sizeof(*v));
		if (!v)
			return uabi_diag__input(d, ENOMEM, "out of memory");
		g->uses = v;
		for (uint32_t i = g->nindexed; i < g->nnodes; i++)
			for (uint32_t j = 0; j < g->nodes[i].nids; j++)
				v[g->nuses++] = (struct use){ g->nodes[i].ids[j], i };
		qsort(g->uses, g->nuses, sizeof(*g->uses), cmp_use);
		g->nindexed = g->nnodes;
	}
	hi = g->nuses;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (g->uses[mid].id < name)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (uint32_t i = lo; i < g->nuses && g->uses[i].id == name; i++) {
		if (k == g->ubcap) {
			uint32_t c = g->ubcap ? g->ubcap * 2 : 64;
			uint32_t *v = realloc(g->ubuf, (size_t)c * sizeof(*v));

			if (!v)
				return uabi_diag__input(d, ENOMEM, "out of memory");
			g->ubuf = v;
			g->ubcap = c;
		}
		g->ubuf[k++] = g->uses[i].node;
	}
	*nodes = g->ubuf;
	*n = k;
	return 0;
}

int uabi_incdeps__text_defines(const char *text, size_t len, uint64_t **names, uint32_t *n)
{
	struct node nd = { 0 };
	uint32_t k = 0;
	int err = scan_ids(&nd, text, len, false);

	*names = NULL;
	*n = 0;
	if (err)
		return err;
	free(nd.ids);
	free(nd.code_ids);
	free(nd.cond_ids);
	*names = malloc(((size_t)nd.ndefs + 1) * sizeof(**names));
	if (!*names) {
		free(nd.defs);
		return -ENOMEM;
	}
	for (uint32_t i = 0; i < nd.ndefs; i++)
		if (nd.defs[i].text && (!k || (*names)[k - 1] != nd.defs[i].name))
			(*names)[k++] = nd.defs[i].name;
	free(nd.defs);
	*n = k;
	return 0;
}
