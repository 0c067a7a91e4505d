// SPDX-License-Identifier: MIT
#include "macros.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/fnv.h"
#include "../core/intr.h"

struct strset {
	char **v;
	uint32_t n, cap;
};

static int set_add(struct strset *s, const char *str, size_t len)
{
	char *copy;

	if (s->n == s->cap) {
		uint32_t cap = s->cap ? s->cap * 2 : 64;
		char **v = realloc(s->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		s->v = v;
		s->cap = cap;
	}
	copy = strndup(str, len);
	if (!copy)
		return -ENOMEM;
	s->v[s->n++] = copy;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void set_sort_unique(struct strset *s)
{
	uint32_t o = 0;

	if (!s->n)
		return;
	qsort(s->v, s->n, sizeof(*s->v), cmp_str);
	for (uint32_t i = 0; i < s->n; i++) {
		if (o && !strcmp(s->v[o - 1], s->v[i])) {
			free(s->v[i]);
			continue;
		}
		s->v[o++] = s->v[i];
	}
	s->n = o;
}

static bool is_ident_start(int c)
{
	return isalpha(c) || c == '_';
}

static bool is_ident(int c)
{
	return isalnum(c) || c == '_';
}

/* Token scanner over the code lines, just enough to see
 * "struct|union [attributes] NAME {". */
struct tagscan {
	int state;		/* 0 idle, 1 saw struct/union, 2 saw name */
	char kw[8];
	char name[256];
	int attr_depth;		/* inside __attribute__((...)) */
	bool attr_pending;
};

static int scan_code(struct tagscan *t, const char *p, const char *end, struct strset *tags)
{
	while (p < end) {
		if (isspace((unsigned char)*p)) {
			p++;
			continue;
		}
		if (*p == '"' || *p == '\'') {
			char q = *p++;

			while (p < end && *p != q) {
				if (*p == '\\' && p + 1 < end)
					p++;
				p++;
			}
			p++;
			t->state = 0;
			continue;
		}
		if (t->attr_depth > 0 || t->attr_pending) {
			if (*p == '(') {
				t->attr_depth++;
				t->attr_pending = false;
			} else if (*p == ')') {
				t->attr_depth--;
			} else if (t->attr_pending) {
				t->attr_pending = false;
				t->state = 0;
				continue;
			}
			p++;
			continue;
		}
		if (is_ident_start((unsigned char)*p)) {
			const char *s = p;
			size_t n;

			while (p < end && is_ident((unsigned char)*p))
				p++;
			n = (size_t)(p - s);
			if ((n == 6 && !strncmp(s, "struct", 6)) || (n == 5 && !strncmp(s, "union", 5))) {
				memcpy(t->kw, s, n);
				t->kw[n] = '\0';
				t->state = 1;
			} else if (t->state >= 1 && ((n == 13 && !strncmp(s, "__attribute__", 13)) ||
						     (n == 11 && !strncmp(s, "__attribute", 11)))) {
				t->attr_pending = true;
			} else if (t->state == 1 && n < sizeof(t->name)) {
				memcpy(t->name, s, n);
				t->name[n] = '\0';
				t->state = 2;
			} else {
				t->state = 0;
			}
			continue;
		}
		if (*p == '{' && t->state == 2) {
			char buf[300];
			int len = snprintf(buf, sizeof(buf), "%s %s", t->kw, t->name);

			if (set_add(tags, buf, (size_t)len))
				return -ENOMEM;
		}
		t->state = 0;
		p++;
	}
	return 0;
}

static char *trim_dup(const char *s, const char *e)
{
	while (s < e && isspace((unsigned char)*s))
		s++;
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	return strndup(s, (size_t)(e - s));
}

/* Parse-time name -> macro index table (open addressing, one slot per
 * name: a redefinition or #undef reuses the slot; dead macros are dropped
 * when parsing ends). */
struct mtab {
	uint32_t *slot;		/* macro index + 1, 0 = empty */
	uint32_t cap;		/* power of two */
	uint32_t used;
};


/* Slot of a name: its own, or the empty one where it would go. */
static uint32_t *mtab_find(struct mtab *t, const struct uabi_cpp *c, const char *name, size_t n)
{
	uint32_t i = (uint32_t)uabi_fnv1a64(name, n) & (t->cap - 1);

	for (;;) {
		uint32_t *s = &t->slot[i];
		const char *mn;

		if (!*s)
			return s;
		mn = c->macros[*s - 1].name;
		if (!strncmp(mn, name, n) && !mn[n])
			return s;
		i = (i + 1) & (t->cap - 1);
	}
}

static int mtab_grow(struct mtab *t, const struct uabi_cpp *c)
{
	struct mtab n = { .cap = t->cap ? t->cap * 2 : 4096 };

	n.slot = calloc(n.cap, sizeof(*n.slot));
	if (!n.slot)
		return -ENOMEM;
	for (uint32_t i = 0; i < t->cap; i++) {
		if (t->slot[i]) {
			const char *name = c->macros[t->slot[i] - 1].name;

			*mtab_find(&n, c, name, strlen(name)) = t->slot[i];
			n.used++;
		}
	}
	free(t->slot);
	*t = n;
	return 0;
}

/* #undef name in file:line: the live definition is dropped; one that
 * another file made is kept in c->undefs for the caller to judge. */
static int drop_macro(struct uabi_cpp *c, struct mtab *t, const char *name, size_t n,
		      const char *file, uint32_t line)
{
	uint32_t *s = mtab_find(t, c, name, n);
	struct uabi_macro *m;
	struct uabi_undef *v;

	if (!*s || c->macros[*s - 1].dead)
		return 0;
	m = &c->macros[*s - 1];
	m->dead = true;
	if (!file || !m->file || !strcmp(m->file, file))
		return 0;
	if (c->nundefs == c->cap_undefs) {
		uint32_t cap = c->cap_undefs ? c->cap_undefs * 2 : 16;

		v = cap > c->cap_undefs ? realloc(c->undefs, (size_t)cap * sizeof(*v)) : NULL;
		if (!v)
			return -ENOMEM;
		c->undefs = v;
		c->cap_undefs = cap;
	}
	v = c->undefs + c->nundefs;
	memset(v, 0, sizeof(*v));
	v->def = *m;
	v->def.dead = false;
	v->def.name = strdup(m->name);
	v->def.body = strdup(m->body);
	v->def.params = m->params ? strdup(m->params) : NULL;
	v->file = file;
	v->line = line;
	if (!v->def.name || !v->def.body || (m->params && !v->def.params)) {
		free(v->def.name);
		free(v->def.body);
		free(v->def.params);
		return -ENOMEM;
	}
	c->nundefs++;
	return 0;
}

/* Remove the dead (redefined or #undef'd) macros, keeping order. */
static void compact(struct uabi_cpp *c)
{
	uint32_t o = 0;

	for (uint32_t i = 0; i < c->nmacros; i++) {
		struct uabi_macro *m = &c->macros[i];

		if (m->dead) {
			free(m->name);
			free(m->body);
			free(m->params);
			continue;
		}
		c->macros[o++] = *m;
	}
	c->nmacros = o;
}

static int add_macro(struct uabi_cpp *c, struct mtab *t, uint32_t *cap, const char *p,
		     const char *e, const char *file, uint32_t line)
{
	uint32_t *slot;
	const char *s;
	struct uabi_macro *m;

	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	s = p;
	while (p < e && is_ident((unsigned char)*p))
		p++;
	if (p == s)
		return 0;
	if (t->used * 2 >= t->cap && mtab_grow(t, c))
		return -ENOMEM;
	slot = mtab_find(t, c, s, (size_t)(p - s));
	if (*slot) {
		struct uabi_macro *old = &c->macros[*slot - 1];
		const char *b = p, *be = e;

		while (b < e && (*b == ' ' || *b == '\t'))
			b++;
		while (be > b && isspace((unsigned char)be[-1]))
			be--;
		/* another body (not the legal identical redefinition) of an
		 * object-like macro: kept for the caller to say */
		if (!old->funclike && *p != '(' && (strlen(old->body) != (size_t)(be - b) ||
						    strncmp(old->body, b, (size_t)(be - b)))) {
			struct uabi_macro *v = c->redefined;

			if (c->nredefined == c->cap_redefined) {
				uint32_t rcap = c->cap_redefined ? c->cap_redefined * 2 : 16;

				v = rcap > c->cap_redefined ? realloc(c->redefined, (size_t)rcap * sizeof(*v)) : NULL;
				if (!v)
					return -ENOMEM;
				c->redefined = v;
				c->cap_redefined = rcap;
			}
			v[c->nredefined] = *old;
			v[c->nredefined].name = strdup(old->name);
			v[c->nredefined].body = strdup(old->body);
			v[c->nredefined].params = NULL;
			if (!v[c->nredefined].name || !v[c->nredefined].body) {
				free(v[c->nredefined].name);
				free(v[c->nredefined].body);
				return -ENOMEM;
			}
			c->nredefined++;
		}
		old->dead = true;	/* a redefinition replaces */
	} else {
		t->used++;
	}
	if (c->nmacros == *cap) {
		uint32_t ncap = *cap ? *cap * 2 : 1024;
		struct uabi_macro *v = realloc(c->macros, ncap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		c->macros = v;
		*cap = ncap;
	}
	m = &c->macros[c->nmacros];
	memset(m, 0, sizeof(*m));
	m->name = strndup(s, (size_t)(p - s));
	m->file = (char *)file;	/* interned in c->names: see parse */
	m->line = line;
	if (p < e && *p == '(') {
		const char *ps = p;

		m->funclike = true;
		while (p < e && *p != ')')
			p++;
		if (p < e)
			p++;
		m->params = strndup(ps, (size_t)(p - ps));
		if (!m->params)
			return -ENOMEM;
	}
	m->body = trim_dup(p, e);
	if (!m->name || !m->body) {
		free(m->name);
		free(m->body);
		free(m->params);
		return -ENOMEM;
	}
	*slot = ++c->nmacros;
	return 0;
}

/* Intern a marker name: one string per spelling, owned by c->names. */
static const char *intern(struct uabi_cpp *c, uint32_t *cap, const char *s, size_t n)
{
	char *copy;

	for (uint32_t i = c->nnames; i-- > 0;)
		if (!strncmp(c->names[i], s, n) && !c->names[i][n])
			return c->names[i];
	if (c->nnames == *cap) {
		uint32_t ncap = *cap ? *cap * 2 : 64;
		char **v = realloc(c->names, ncap * sizeof(*v));

		if (!v)
			return NULL;
		c->names = v;
		*cap = ncap;
	}
	copy = strndup(s, n);
	if (copy)
		c->names[c->nnames++] = copy;
	return copy;
}

static int add_include(struct uabi_cpp *c, uint32_t *cap, const char *file, const char *from,
		       uint32_t line)
{
	if (c->nincludes == *cap) {
		uint32_t ncap = *cap ? *cap * 2 : 64;
		struct uabi_include *v = realloc(c->includes, ncap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		c->includes = v;
		*cap = ncap;
	}
	c->includes[c->nincludes++] = (struct uabi_include){ file, from, line };
	return 0;
}

/* The quoted name of a marker, unescaped into buf (\\ and \" as both
 * compilers write them); the end of the closing quote, or NULL. */
static const char *marker_name(const char *q, const char *e, char *buf, size_t len, size_t *n)
{
	const char *f = memchr(q, '"', (size_t)(e - q));

	*n = 0;
	if (!f)
		return NULL;
	for (f++; f < e && *f != '"'; f++) {
		if (*f == '\\' && f + 1 < e)
			f++;
		if (*n + 1 >= len)
			return NULL;
		buf[(*n)++] = *f;
	}
	buf[*n] = '\0';
	return f < e ? f + 1 : NULL;
}

/* The flags after a marker's name: bit k set for flag k (1 enter, 2 return). */
static unsigned marker_flags(const char *p, const char *e)
{
	unsigned flags = 0;

	while (p < e) {
		if (isdigit((unsigned char)*p)) {
			unsigned long v = strtoul(p, NULL, 10);

			if (v < 8)
				flags |= 1u << v;
			while (p < e && isdigit((unsigned char)*p))
				p++;
			continue;
		}
		p++;
	}
	return flags;
}

/*
 * A walk over the lines of `cc -E` text and the line markers among them,
 * for the scans that need to know which file a line is in (walk_next).
 */
struct cpp_walk {
	const char *next;		/* the line after this one */
	const char *s, *e;		/* this line, without its newline */
	const char *fe;			/* a marker: the end of its quoted name (its
					 * flags follow, walk_flags); NULL for a line */
	bool named;			/* a marker whose name parsed: file is it */
	char file[PATH_MAX];		/* the file the markers name for this line
					 * ("" before any; a marker that does not
					 * parse keeps the one before) */
	uint32_t line;			/* a line: its number in file; a marker: the
					 * number the next line of the file before
					 * it would have had */
	uint32_t pending;		/* the next line's number */
	uint32_t markers;		/* markers so far, this one included */
	bool started;			/* the compiler's own lines (<built-in>,
					 * <command line>) are over: a marker after
					 * the first named a real file; by position,
					 * so a header's forged "<built-in>" marker
					 * comes after and hides nothing */
};

static void walk_init(struct cpp_walk *w, const char *text)
{
	memset(w, 0, sizeof(*w));
	w->next = text;
	w->pending = 1;
}

/* The next line into w; false at the end of the text. */
static bool walk_next(struct cpp_walk *w)
{
	const char *p = w->next;

	if (!*p)
		return false;
	w->s = p;
	w->e = strchr(p, '\n');
	if (!w->e)
		w->e = p + strlen(p);
	w->next = *w->e ? w->e + 1 : w->e;
	w->fe = NULL;
	if (p[0] == '#' && p[1] == ' ' && isdigit((unsigned char)p[2])) {
		char name[PATH_MAX];
		size_t n;

		w->fe = marker_name(p + 2, w->e, name, sizeof(name), &n);
		w->named = w->fe != NULL;
		if (w->fe)
			snprintf(w->file, sizeof(w->file), "%s", name);
		else
			w->fe = w->e;	/* a marker all the same: no flags */
		if (w->markers++ && w->file[0] && w->file[0] != '<')
			w->started = true;
		w->line = w->pending;
		w->pending = (uint32_t)strtoul(p + 2, NULL, 10);
		return true;
	}
	w->line = w->pending++;
	return true;
}

/* The flags of the marker w is on: bit k set for flag k (1 enter, 2
 * return); 0 for a line. */
static unsigned walk_flags(const struct cpp_walk *w)
{
	return w->fe ? marker_flags(w->fe, w->e) : 0;
}

static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* c->files: the entered files, sorted, unique. */
static int list_files(struct uabi_cpp *c)
{
	uint32_t o = 0;

	c->files = malloc((c->nincludes + 1) * sizeof(*c->files));
	if (!c->files)
		return -ENOMEM;
	for (uint32_t i = 0; i < c->nincludes; i++)
		c->files[i] = c->includes[i].file;
	qsort(c->files, c->nincludes, sizeof(*c->files), cmp_cstr);
	for (uint32_t i = 0; i < c->nincludes; i++)
		if (!o || strcmp(c->files[o - 1], c->files[i]))
			c->files[o++] = c->files[i];
	c->nfiles = o;
	return 0;
}

int uabi_cpp__parse(struct uabi_cpp *c, const char *text)
{
	struct strset tags = { 0 };
	struct tagscan ts = { 0 };
	struct mtab mt = { 0 };
	const char *cur = NULL, *curname = NULL;
	uint32_t cap = 0, ncap = 0, icap = 0;
	bool seen_marker = false;
	struct cpp_walk w;
	int err = 0;

	memset(c, 0, sizeof(*c));
	walk_init(&w, text);
	while (!err && walk_next(&w)) {
		const char *p = w.s, *e = w.e;

		if (w.fe) {
			/* # N "file" flags */
			const char *nm;

			if (w.named) {
				unsigned flags = walk_flags(&w);
				bool pseudo = w.file[0] == '<';

				nm = intern(c, &ncap, w.file, strlen(w.file));
				if (!nm) {
					err = -ENOMEM;
					break;
				}
				if (!seen_marker && !pseudo)
					err = add_include(c, &icap, nm, NULL, 0);
				else if ((flags & (1u << 1)) && !pseudo)
					err = add_include(c, &icap, nm, curname, w.line);
				seen_marker = true;
				curname = nm;
				cur = pseudo ? NULL : nm;
			}
			continue;
		}
		if (!strncmp(p, "#define ", 8)) {
			if (cur)
				err = add_macro(c, &mt, &cap, p + 8, e, cur, w.line);
		} else if (!strncmp(p, "#undef ", 7)) {
			const char *s = p + 7, *q;

			while (*s == ' ')
				s++;
			for (q = s; q < e && is_ident((unsigned char)*q); q++)
				;
			if (mt.cap)
				err = drop_macro(c, &mt, s, (size_t)(q - s), cur, w.line);
		} else if (p[0] != '#') {
			err = scan_code(&ts, p, e, &tags);
		}
	}
	free(mt.slot);
	compact(c);
	if (!err)
		err = list_files(c);
	if (err) {
		for (uint32_t i = 0; i < tags.n; i++)
			free(tags.v[i]);
		free(tags.v);
		uabi_cpp__free(c);
		return err;
	}
	set_sort_unique(&tags);
	c->tags = tags.v;
	c->ntags = tags.n;
	return 0;
}

void uabi_cpp__free(struct uabi_cpp *c)
{
	for (uint32_t i = 0; i < c->nmacros; i++) {
		free(c->macros[i].name);
		free(c->macros[i].body);
		free(c->macros[i].params);
	}
	free(c->by_name);
	free(c->macros);
	for (uint32_t i = 0; i < c->nredefined; i++) {
		free(c->redefined[i].name);
		free(c->redefined[i].body);
	}
	free(c->redefined);
	for (uint32_t i = 0; i < c->nundefs; i++) {
		free(c->undefs[i].def.name);
		free(c->undefs[i].def.body);
		free(c->undefs[i].def.params);
	}
	free(c->undefs);
	for (uint32_t i = 0; i < c->ntags; i++)
		free(c->tags[i]);
	free(c->tags);
	free(c->files);
	free(c->includes);
	for (uint32_t i = 0; i < c->nnames; i++)
		free(c->names[i]);
	free(c->names);
	memset(c, 0, sizeof(*c));
}

bool uabi_cpp__has_tag(const struct uabi_cpp *c, const char *spelling)
{
	const char *key = spelling;

	/* bsearch's array may not be NULL, even for no element */
	return c->ntags && bsearch(&key, c->tags, c->ntags, sizeof(*c->tags), cmp_str) != NULL;
}

/* Copy [s, e) collapsing whitespace runs to one space, trimmed. */
static char *norm_dup(const char *s, const char *e)
{
	char *out = malloc((size_t)(e - s) + 1), *o = out;
	bool space = false;

	if (!out)
		return NULL;
	while (s < e && isspace((unsigned char)*s))
		s++;
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	for (; s < e; s++) {
		if (isspace((unsigned char)*s)) {
			space = true;
			continue;
		}
		if (space && o > out)
			*o++ = ' ';
		space = false;
		*o++ = *s;
	}
	*o = '\0';
	return out;
}

/* Split "(a, b(c, d), e)" starting at the '(' into top-level args. */
static const char *split_args(const char *p, char **args, uint32_t max, uint32_t *n)
{
	const char *start;
	int depth = 0;

	*n = 0;
	if (*p != '(')
		return NULL;
	start = ++p;
	for (; *p; p++) {
		if (*p == '(' || *p == '[' || *p == '{') {
			depth++;
		} else if ((*p == ')' || *p == ']' || *p == '}') && depth > 0) {
			depth--;
		} else if (*p == ')' || (*p == ',' && depth == 0)) {
			if (*n < max)
				args[(*n)++] = norm_dup(start, p);
			if (*p == ')')
				return p + 1;
			start = p + 1;
		}
	}
	return NULL;
}

static const char *const ctors[] = {
	"_IOWR_BAD", "_IOR_BAD", "_IOW_BAD", "_IOWR", "_IOR", "_IOW", "_IOC", "_IO",
};

void uabi_ioc_call__free(struct uabi_ioc_call *call)
{
	for (uint32_t i = 0; i < call->nargs; i++)
		free(call->args[i]);
	call->nargs = 0;
}

bool uabi_sizeof_operand(const char *expr, char *buf, size_t len)
{
	const char *p = expr, *e = expr + strlen(expr);
	char *args[1] = { 0 };
	uint32_t n = 0;
	const char *after;

	/* strip balanced outer parentheses */
	for (;;) {
		while (p < e && isspace((unsigned char)*p))
			p++;
		while (e > p && isspace((unsigned char)e[-1]))
			e--;
		if (p < e && *p == '(' && e[-1] == ')') {
			int depth = 0;
			const char *q;

			for (q = p; q < e; q++) {
				if (*q == '(')
					depth++;
				else if (*q == ')' && --depth == 0)
					break;
			}
			if (q == e - 1) {
				p++;
				e--;
				continue;
			}
		}
		break;
	}
	if ((size_t)(e - p) < 7 || strncmp(p, "sizeof", 6))
		return false;
	p += 6;
	while (p < e && isspace((unsigned char)*p))
		p++;
	if (*p != '(')
		return false;
	after = split_args(p, args, 1, &n);
	if (!after || n != 1 || after != e) {
		for (uint32_t i = 0; i < n; i++)
			free(args[i]);
		return false;
	}
	snprintf(buf, len, "%s", args[0]);
	free(args[0]);
	return true;
}

static int cmp_macro_name(const void *a, const void *b)
{
	return strcmp((*(struct uabi_macro *const *)a)->name, (*(struct uabi_macro *const *)b)->name);
}

static const struct uabi_macro *lookup(struct uabi_cpp *c, const char *name, size_t n)
{
	uint32_t lo = 0, hi = c->nmacros;

	if (!c->by_name) {
		c->by_name = malloc((c->nmacros + 1) * sizeof(*c->by_name));
		if (!c->by_name)
			return NULL;
		for (uint32_t i = 0; i < c->nmacros; i++)
			c->by_name[i] = &c->macros[i];
		qsort(c->by_name, c->nmacros, sizeof(*c->by_name), cmp_macro_name);
	}
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int r = strncmp(c->by_name[mid]->name, name, n);

		if (!r && c->by_name[mid]->name[n])
			r = 1;
		if (!r)
			return c->by_name[mid];
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct uabi_macro *uabi_cpp__find(struct uabi_cpp *c, const char *name)
{
	return lookup(c, name, strlen(name));
}

bool uabi_cpp__is_ident(const char *s)
{
	if (!s || !is_ident_start((unsigned char)*s))
		return false;
	while (is_ident((unsigned char)*s))
		s++;
	return !*s;
}


const char *uabi_cpp__next_ident(const char *p, size_t *len)
{
	while (p && *p) {
		if (*p == '"' || *p == '\'') {
			char quote = *p++;

			while (*p && *p != quote) {
				if (*p == '\\' && p[1])
					p++;
				p++;
			}
			if (*p)
				p++;
		} else if (isdigit((unsigned char)*p)) {
			/* a pp-number: 0x1f, 1e+5, 1__x */
			while (is_ident((unsigned char)*p) || *p == '.' ||
			       ((*p == '+' || *p == '-') && strchr("eEpP", p[-1])))
				p++;
		} else if (is_ident_start((unsigned char)*p)) {
			const char *s = p;

			while (is_ident((unsigned char)*p))
				p++;
			*len = (size_t)(p - s);
			return s;
		} else {
			p++;
		}
	}
	return NULL;
}

bool uabi_cpp__macro_reach(struct uabi_cpp *c, const struct uabi_macro *m,
			   void (*fn)(void *ctx, const struct uabi_macro *m), void *ctx)
{
	const struct uabi_macro *seen[UABI_CPP_REACH_MAX];
	uint32_t n = 0;
	bool whole = true;

	seen[n++] = m;
	for (uint32_t i = 0; i < n; i++) {
		const char *p = seen[i]->body;

		size_t len;

		fn(ctx, seen[i]);
		while ((p = uabi_cpp__next_ident(p, &len))) {
			const struct uabi_macro *r = lookup(c, p, len);
			bool known = false;

			p += len;
			for (uint32_t j = 0; r && j < n && !known; j++)
				known = seen[j] == r;
			if (r && !known && n < UABI_CPP_REACH_MAX)
				seen[n++] = r;
			else if (r && !known)
				whole = false;
		}
	}
	return whole;
}

/* Parameter names of a function-like macro from its definition text. */
static uint32_t params_of(const struct uabi_macro *m, const char *def, char **names, uint32_t max)
{
	const char *p = def, *s;
	uint32_t n = 0;

	while (*p && *p != '(')
		p++;
	if (*p)
		p++;
	while (*p && *p != ')' && n < max) {
		while (*p == ' ' || *p == ',')
			p++;
		s = p;
		while (is_ident((unsigned char)*p) || *p == '.')
			p++;
		if (p > s)
			names[n++] = strndup(s, (size_t)(p - s));
		else if (*p && *p != ')')
			p++;
	}
	(void)m;
	return n;
}

/* Replace whole-word parameter names in body by the arguments; NULL when
 * out of memory or when the result would exceed max bytes (*over set). */
static char *substitute(const char *body, char **params, uint32_t np, char **args, uint32_t na,
			size_t max, bool *over)
{
	size_t cap = strlen(body) * 2 + 64, o = 0;
	char *out = malloc(cap);
	const char *p = body;

	if (!out)
		return NULL;
	while (*p) {
		const char *rep = NULL;
		size_t n = 1;

		if (is_ident_start((unsigned char)*p) && (p == body || !is_ident((unsigned char)p[-1]))) {
			const char *s = p;

			while (is_ident((unsigned char)*p))
				p++;
			n = (size_t)(p - s);
			p = s;
			for (uint32_t i = 0; i < np && i < na; i++)
				if (strlen(params[i]) == n && !strncmp(params[i], s, n))
					rep = args[i];
		}
		const char *src = rep ? rep : p;
		size_t len = rep ? strlen(rep) : n;

		if (o + len > max) {
			*over = true;
			free(out);
			return NULL;
		}
		if (o + len + 1 >= cap) {
			cap = (o + len + 1) * 2;
			char *q = realloc(out, cap);

			if (!q) {
				free(out);
				return NULL;
			}
			out = q;
		}
		memcpy(out + o, src, len);
		o += len;
		p += n;
	}
	out[o] = '\0';
	return out;
}

/* One expansion's state: the bytes of expansion text it may still scan
 * (UABI_MACRO_BUDGET at the start) and why it stopped early, if it did. */
struct scan {
	struct uabi_cpp *c;
	size_t left;
	int stop;		/* 0, -E2BIG (budget spent) or -EINTR (a signal) */
	bool full;		/* expand everything, the constructors too: the size */
};

static bool scan_ioctl(struct scan *sc, const char *text, const struct uabi_macro **stack, int depth,
		       struct uabi_ioc_call *call)
{
	struct uabi_cpp *c = sc->c;
	const char *p = text;
	size_t len = strlen(text);

	if (depth > 32 || sc->stop)
		return false;
	/* every text scanned is paid for: nested macros that double at each
	 * level (A1 = A0 A0, ...) end at the budget, not after 2^depth steps */
	if (len > sc->left) {
		sc->stop = -E2BIG;
		return false;
	}
	sc->left -= len;
	if (uabi_intr__pending()) {
		sc->stop = -EINTR;
		return false;
	}
	while (*p) {
		const char *s, *q;
		const struct uabi_macro *m;
		size_t n;

		if (*p == '"' || *p == '\'') {
			char quote = *p++;

			while (*p && *p != quote) {
				if (*p == '\\' && p[1])
					p++;
				p++;
			}
			if (*p)
				p++;
			continue;
		}
		if (!is_ident_start((unsigned char)*p)) {
			p++;
			continue;
		}
		s = p;
		while (is_ident((unsigned char)*p))
			p++;
		n = (size_t)(p - s);
		q = p;
		while (isspace((unsigned char)*q))
			q++;
		for (size_t i = 0; i < sizeof(ctors) / sizeof(ctors[0]) && !sc->full; i++) {
			if (strlen(ctors[i]) == n && !strncmp(ctors[i], s, n) && *q == '(') {
				memset(call, 0, sizeof(*call));
				memcpy(call->macro, s, n);
				call->macro[n] = '\0';
				if (split_args(q, call->args, 4, &call->nargs))
					return true;
				uabi_ioc_call__free(call);
				return false;
			}
		}
		m = lookup(c, s, n);
		if (!m)
			continue;
		for (int i = 0; i < depth; i++)
			if (stack[i] == m)
				m = NULL;	/* no recursion into a macro being expanded */
		if (!m)
			continue;
		stack[depth] = m;
		if (!m->funclike) {
			if (scan_ioctl(sc, m->body, stack, depth + 1, call))
				return true;
			if (sc->stop)
				return false;
			continue;
		}
		if (*q != '(')
			continue;
		{
			char *args[16] = { 0 }, *params[16] = { 0 }, *sub;
			uint32_t na = 0, np;
			const char *after = split_args(q, args, 16, &na);
			bool found = false, over = false;

			np = params_of(m, m->params ? m->params : "()", params, 16);
			sub = after ? substitute(m->body, params, np, args, na, sc->left, &over) : NULL;
			if (over)
				sc->stop = -E2BIG;
			if (sub)
				found = scan_ioctl(sc, sub, stack, depth + 1, call);
			free(sub);
			for (uint32_t i = 0; i < na; i++)
				free(args[i]);
			for (uint32_t i = 0; i < np; i++)
				free(params[i]);
			if (found)
				return true;
			if (sc->stop)
				return false;
			if (after)
				p = after;
		}
	}
	return false;
}

int uabi_cpp__ioctl_scan(struct uabi_cpp *c, const struct uabi_macro *m, struct uabi_ioc_call *call)
{
	const struct uabi_macro *stack[34];
	struct scan sc = { .c = c, .left = UABI_MACRO_BUDGET };

	if (m->funclike)
		return 0;
	stack[0] = m;
	if (!scan_ioctl(&sc, m->body, stack, 1, call))
		return sc.stop;
	/* the whole expansion, the constructor's arguments too (the probe
	 * has the compiler expand it: _IOW('x', 1, A40)), within a budget
	 * of its own */
	sc = (struct scan){ .c = c, .left = UABI_MACRO_BUDGET, .full = true };
	scan_ioctl(&sc, m->body, stack, 1, NULL);
	if (sc.stop) {
		uabi_ioc_call__free(call);
		return sc.stop;
	}
	return 1;
}

bool uabi_cpp__ioctl_call(struct uabi_cpp *c, const struct uabi_macro *m, struct uabi_ioc_call *call)
{
	return uabi_cpp__ioctl_scan(c, m, call) == 1;
}

bool uabi_cpp__find_reserved(const char *text, const char *skip, char *file, size_t flen,
			     uint32_t *line, char *ident, size_t ilen)
{
	struct cpp_walk w;

	walk_init(&w, text);
	while (walk_next(&w)) {
		const char *e = w.e;

		if (w.fe || (!w.started && w.file[0] == '<') || (skip && !strcmp(w.file, skip)))
			continue;
		for (const char *q = w.s; q < e;) {
			const char *s;

			if (*q == '"' || *q == '\'') {
				char quote = *q++;

				while (q < e && *q != quote)
					q += *q == '\\' && q + 1 < e ? 2 : 1;
				q += q < e;
				continue;
			}
			if (isdigit((unsigned char)*q)) {
				/* a number (1__uabi_x is one pp-number) */
				while (q < e && (is_ident((unsigned char)*q) || *q == '.'))
					q++;
				continue;
			}
			if (!is_ident_start((unsigned char)*q) && *q != '$') {
				q++;
				continue;
			}
			/* '$' is an identifier character to both compilers, to
			 * none of uabi's readers: a name with one is reported */
			for (s = q; q < e && (is_ident((unsigned char)*q) || *q == '$'); q++)
				;
			if (((size_t)(q - s) > 7 && !strncmp(s, "__uabi_", 7)) || memchr(s, '$', (size_t)(q - s))) {
				snprintf(file, flen, "%s", w.file);
				*line = w.line;
				snprintf(ident, ilen, "%.*s", (int)(q - s), s);
				return true;
			}
		}
	}
	return false;
}

bool uabi_cpp__is_ioc_name(const char *name, size_t n)
{
	static const char *const names[] = {
		"_IO", "_IOR", "_IOW", "_IOWR", "_IOR_BAD", "_IOW_BAD", "_IOWR_BAD", "IOC_IN",
		"IOC_OUT", "IOC_INOUT", "IOCSIZE_MASK", "IOCSIZE_SHIFT",
	};

	if (n >= 4 && !strncmp(name, "_IOC", 4))
		return true;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == n && !strncmp(names[i], name, n))
			return true;
	return false;
}

bool uabi_cpp__is_probe_word(const char *name, size_t n)
{
	/* what the probes measure with (extract.c write_probe, verify.c):
	 * the operators, the declarations and the base type words (not
	 * void, const or volatile: a macro of them changes no size the
	 * probe reads; cli/hostile's vd.h #defines void) */
	static const char *const words[] = {
		"sizeof", "_Alignof", "__alignof__", "__builtin_offsetof", "__typeof__", "typeof",
		"_Static_assert", "typedef", "enum", "struct", "union", "char", "short", "int",
		"long", "float", "double", "_Bool", "__int128", "signed", "unsigned",
	};

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i]) == n && !strncmp(words[i], name, n))
			return true;
	return false;
}

/* One name and the rest of its #define line (params and body), borrowed
 * from the text. */
struct defline {
	const char *name, *rest;
	size_t nlen, rlen;
};

static int cmp_defline(const void *a, const void *b)
{
	const struct defline *x = a, *y = b;
	size_t n = x->nlen < y->nlen ? x->nlen : y->nlen;
	int r = strncmp(x->name, y->name, n);

	return r ? r : (x->nlen > y->nlen) - (x->nlen < y->nlen);
}


/* Room for one more entry in *v (n used, *cap allocated; doubling from
 * first). false when out of memory (*v unchanged). */
static bool defline_room(struct defline **v, uint32_t n, uint32_t *cap, uint32_t first)
{
	uint32_t c = *cap ? *cap * 2 : first;
	struct defline *nv;

	if (n < *cap)
		return true;
	nv = realloc(*v, c * sizeof(*nv));
	if (!nv)
		return false;
	*v = nv;
	*cap = c;
	return true;
}
/* The directive's name at p (after "#define " or "#undef "), its length
 * in *n, and the rest of the line trimmed in *rest / *rlen. */
static void split_directive(const char *p, const char *e, struct defline *d)
{
	const char *q = p;

	while (q < e && is_ident((unsigned char)*q))
		q++;
	d->name = p;
	d->nlen = (size_t)(q - p);
	while (q < e && (*q == ' ' || *q == '\t'))
		q++;
	while (e > q && isspace((unsigned char)e[-1]))
		e--;
	d->rest = q;
	d->rlen = (size_t)(e - q);
}

static bool same_rest(const struct defline *a, const struct defline *b)
{
	return a->rlen == b->rlen && !memcmp(a->rest, b->rest, a->rlen);
}

static void meddle_set(struct uabi_cpp_meddle *m, const struct defline *d, bool undef,
		       const char *file, uint32_t line)
{
	m->found = true;
	m->undef = undef;
	snprintf(m->name, sizeof(m->name), "%.*s", (int)(d->nlen < 127 ? d->nlen : 127), d->name);
	snprintf(m->file, sizeof(m->file), "%s", file);
	m->line = line;
}

int uabi_cpp__meddling(const char *text, uint32_t after, struct uabi_cpp_meddle *predef,
		       struct uabi_cpp_meddle *ioc, struct uabi_cpp_meddle *word)
{
	struct defline *pre = NULL, *iocs = NULL;
	uint32_t npre = 0, cpre = 0, niocs = 0, ciocs = 0;
	char main_file[PATH_MAX] = "", cur[PATH_MAX] = "";
	bool started = false, active = false;
	struct cpp_walk w;
	int err = 0;

	memset(predef, 0, sizeof(*predef));
	memset(ioc, 0, sizeof(*ioc));
	memset(word, 0, sizeof(*word));
	walk_init(&w, text);
	while (!err && walk_next(&w)) {
		struct defline d;
		bool define;

		if (w.fe) {
			/* the main file includes a header at or after
			 * `after`: the kernel's ioctl.h is behind */
			if (after && w.markers > 1 && started && (walk_flags(&w) & (1u << 1)) &&
			    !strcmp(cur, main_file) && w.line >= after)
				active = true;
			if (w.markers == 1)
				snprintf(main_file, sizeof(main_file), "%s", w.file);
			if (w.started && !started && npre)
				qsort(pre, npre, sizeof(*pre), cmp_defline);
			started = w.started;
			snprintf(cur, sizeof(cur), "%s", w.file);
			continue;
		}
		define = !strncmp(w.s, "#define ", 8);
		if (!define && strncmp(w.s, "#undef ", 7))
			continue;
		split_directive(w.s + (define ? 8 : 7), w.e, &d);
		if (!d.nlen)
			continue;
		if (!started && cur[0] == '<' && define) {
			/* the compiler's own: <built-in>, <command line> */
			if (!defline_room(&pre, npre, &cpre, 512)) {
				err = -ENOMEM;
				break;
			}
			pre[npre++] = d;
		} else if (started && !predef->found && npre) {
			const struct defline *hit = bsearch(&d, pre, npre, sizeof(*pre), cmp_defline);

			/* a name defined twice there: the later one counts */
			while (hit && hit + 1 < pre + npre && !cmp_defline(hit + 1, &d))
				hit++;
			if (hit && (!define || !same_rest(hit, &d)))
				meddle_set(predef, &d, !define, cur, w.line);
		}
		if (started && define && !word->found && uabi_cpp__is_probe_word(d.name, d.nlen))
			meddle_set(word, &d, false, cur, w.line);
		if (uabi_cpp__is_ioc_name(d.name, d.nlen)) {
			struct defline *was = NULL;

			for (uint32_t i = 0; i < niocs && !was; i++)
				if (iocs[i].nlen == d.nlen && !memcmp(iocs[i].name, d.name, d.nlen))
					was = &iocs[i];
			if (active && !ioc->found && (!define || !was || !same_rest(was, &d)))
				meddle_set(ioc, &d, !define, cur, w.line);
			if (!was && define && niocs < 256) {
				if (!defline_room(&iocs, niocs, &ciocs, 64)) {
					err = -ENOMEM;
					break;
				}
				was = &iocs[niocs++];
			}
			if (was && define)
				*was = d;
		}
	}
	free(pre);
	free(iocs);
	return err;
}

/* An entry of a needed file that is open (uabi_cpp__check_entries). */
struct open_need {
	uint32_t need;
	uint32_t depth;		/* the stack depth its marker made */
	bool *found;		/* one per name */
};

static void close_need(struct uabi_cpp_need *needs, struct open_need *o)
{
	struct uabi_cpp_need *n = &needs[o->need];

	for (uint32_t i = 0; i < n->nnames; i++)
		if (!o->found[i])
			n->ok = false;
	free(o->found);
	o->found = NULL;
}

static int cmp_need_file(const void *key, const void *elem)
{
	return strcmp(key, ((const struct uabi_cpp_need *)elem)->file);
}

int uabi_cpp__check_entries(const char *text, struct uabi_cpp_need *needs, uint32_t n)
{
	enum { MAX_OPEN = 64 };
	struct open_need open[MAX_OPEN];
	uint32_t nopen = 0, depth = 0;
	struct cpp_walk w;
	int err = 0;

	for (uint32_t i = 0; i < n; i++) {
		needs[i].entered = false;
		needs[i].ok = true;
	}
	walk_init(&w, text);
	while (!err && walk_next(&w)) {
		if (w.fe) {
			unsigned flags = walk_flags(&w);

			if ((flags & (1u << 2)) && depth) {
				/* a return: the entry it ends, if needed, is over */
				if (nopen && open[nopen - 1].depth == depth)
					close_need(needs, &open[--nopen]);
				depth--;
			} else if (flags & (1u << 1)) {
				const struct uabi_cpp_need *hit;

				depth++;
				hit = n ? bsearch(w.file, needs, n, sizeof(*needs), cmp_need_file) : NULL;
				if (hit) {
					uint32_t k = (uint32_t)(hit - needs);
					bool again = needs[k].entered;

					/* the first entry only: a file that includes
					 * itself through another (drm/drm.h through
					 * drm/drm_mode.h) is entered again with its guard
					 * set, and then gcc enters it once more from the
					 * next #include of it */
					needs[k].entered = true;
					if (again) {
						;
					} else if (nopen == MAX_OPEN || !needs[k].nnames) {
						needs[k].ok = needs[k].nnames == 0 && needs[k].ok;
					} else {
						open[nopen].found = calloc(needs[k].nnames, sizeof(bool));
						if (!open[nopen].found) {
							err = -ENOMEM;
							break;
						}
						open[nopen].need = k;
						open[nopen++].depth = depth;
					}
				}
			}
		} else if (nopen && !strncmp(w.s, "#define ", 8)) {
			struct defline d;

			split_directive(w.s + 8, w.e, &d);
			for (uint32_t o = 0; o < nopen; o++) {
				const struct uabi_cpp_need *nd = &needs[open[o].need];

				for (uint32_t i = 0; i < nd->nnames; i++)
					if (!open[o].found[i] && strlen(nd->names[i]) == d.nlen &&
					    !memcmp(nd->names[i], d.name, d.nlen))
						open[o].found[i] = true;
			}
		}
	}
	while (nopen)
		close_need(needs, &open[--nopen]);
	for (uint32_t i = 0; i < n; i++)
		needs[i].ok = needs[i].ok && needs[i].entered;
	return err;
}

/* The layout pragmas' state (uabi_cpp__pragma_leak). */
struct pragma_state {
	uint32_t pack;			/* 0: the default */
	uint32_t stack[64], depth;	/* pack(push) */
	uint32_t attr;			/* clang attribute push */
	bool align, ms, sso;		/* options align, ms_struct, scalar_storage_order */
};

static bool pragma_word(const char **p, const char *e, const char *w)
{
	size_t n = strlen(w);

	while (*p < e && isspace((unsigned char)**p))
		(*p)++;
	if ((size_t)(e - *p) < n || strncmp(*p, w, n) ||
	    ((size_t)(e - *p) > n && (is_ident((unsigned char)(*p)[n]))))
		return false;
	*p += n;
	return true;
}

/* One #pragma line's effect on st. */
static void pragma_apply(struct pragma_state *st, const char *p, const char *e)
{
	if (pragma_word(&p, e, "pack")) {
		char arg[64];
		size_t n = 0;
		const char *q;

		while (p < e && *p != '(')
			p++;
		for (q = p + (p < e); q < e && *q != ')' && n + 1 < sizeof(arg); q++)
			if (!isspace((unsigned char)*q))
				arg[n++] = *q;
		arg[n] = '\0';
		if (!strncmp(arg, "push", 4)) {
			if (st->depth < 64)
				st->stack[st->depth] = st->pack;
			st->depth++;
			if (arg[4] == ',')
				st->pack = (uint32_t)strtoul(arg + 5, NULL, 0);
		} else if (!strncmp(arg, "pop", 3)) {
			if (st->depth) {
				st->depth--;
				st->pack = st->depth < 64 ? st->stack[st->depth] : 0;
			}
			if (arg[3] == ',')
				st->pack = (uint32_t)strtoul(arg + 4, NULL, 0);
		} else if (strcmp(arg, "show")) {
			st->pack = (uint32_t)strtoul(arg, NULL, 0);
		}
	} else if (pragma_word(&p, e, "options")) {
		if (pragma_word(&p, e, "align")) {
			char rest[64];

			snprintf(rest, sizeof(rest), "%.*s", (int)(e - p), p);
			st->align = !strstr(rest, "reset");
		}
	} else if (pragma_word(&p, e, "ms_struct")) {
		st->ms = pragma_word(&p, e, "on");
	} else if (pragma_word(&p, e, "scalar_storage_order")) {
		st->sso = !pragma_word(&p, e, "default");
	} else if (pragma_word(&p, e, "clang") && pragma_word(&p, e, "attribute")) {
		if (pragma_word(&p, e, "push"))
			st->attr++;
		else if (pragma_word(&p, e, "pop") && st->attr)
			st->attr--;
	}
}

static bool pragma_changed(const struct pragma_state *st)
{
	return st->pack || st->depth || st->attr || st->align || st->ms || st->sso;
}

bool uabi_cpp__pragma_leak(const char *text, char *file, size_t flen, uint32_t *line, char *what,
			   size_t wlen)
{
	struct pragma_state st = { 0 };
	char main_file[PATH_MAX] = "";
	struct cpp_walk w;

	walk_init(&w, text);
	while (walk_next(&w)) {
		if (w.fe) {
			if (w.markers == 1)
				snprintf(main_file, sizeof(main_file), "%s", w.file);
			/* back in the main file: the header just left must
			 * have put every layout pragma back */
			else if (w.started && (walk_flags(&w) & (1u << 2)) && !strcmp(w.file, main_file) &&
				 pragma_changed(&st))
				return true;
			continue;
		}
		if (!w.started || strncmp(w.s, "#pragma ", 8))
			continue;
		{
			bool was = pragma_changed(&st);

			pragma_apply(&st, w.s + 8, w.e);
			if (!was && pragma_changed(&st)) {
				snprintf(file, flen, "%s", w.file);
				*line = w.line;
				snprintf(what, wlen, "%.*s", (int)(w.e - w.s > 80 ? 80 : w.e - w.s), w.s);
			}
		}
	}
	return false;
}
