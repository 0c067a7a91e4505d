// SPDX-License-Identifier: MIT
/* Scanners of kernel C text: case labels with their #if conditions, and
 * member references. See cscan.h. */
#include "cscan.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctext.h"

/* ---- case-label scanner ------------------------------------------------- */

struct frame {
	char *neg;		/* negations of the earlier branches, or NULL */
	char *cur;		/* condition of this branch, NULL in #else */
	int depth_in;		/* brace depth at the #if */
	int depth_first;	/* brace depth after the first branch, -1 */
};

struct scan {
	const char *p;
	uint32_t line;
	const char *file;
	struct uabi_arena *a;
	struct uabi_klabels *out;
	uint32_t first;		/* first label of this text in out */
	int err;

	struct frame *fr;
	uint32_t nfr, cfr;
	const char *cond;	/* joined conditions, arena */
	bool cond_dirty;

	char *buf;		/* directive text */
	size_t blen, bcap;

	int depth, paren;
	const char *ident;	/* identifier just before, at file level */
	size_t ilen;
	const char *cand;	/* function name candidate */
	size_t clen;
	const char *fn;		/* function of the current body, in the text */
	size_t fnlen;
	const char *fnstr;	/* its arena copy, made on first use */

	int pending;		/* 1 after "case", 2 after "case NAME" */
	const char *pname;
	size_t plen;
	uint32_t pline;

	struct strvec defs;	/* #define names ending in _COMPAT (arena) */
};

static char *xstrcat3(const char *a, const char *b, const char *c)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
	char *s = malloc(la + lb + lc + 1);

	if (!s)
		return NULL;
	memcpy(s, a, la);
	memcpy(s + la, b, lb);
	memcpy(s + la + lb, c, lc + 1);
	return s;
}

/* Only identifier characters and parentheses: "defined(X)", "0", "FOO". */
static bool cond_simple(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!is_idchar(*s) && *s != '(' && *s != ')')
			return false;
	return true;
}

/* The condition of "#if e" as stored: simple forms bare, others "(e)". */
static char *cond_form(const char *e)
{
	return cond_simple(e) ? strdup(e) : xstrcat3("(", e, ")");
}

static char *cond_not(const char *c)
{
	if (c[0] == '!' && cond_simple(c + 1))
		return strdup(c + 1);
	return xstrcat3("!", c, "");
}

static int scan_nomem(struct scan *s)
{
	s->err = -ENOMEM;
	return -ENOMEM;
}

static int buf_put(struct scan *s, char c)
{
	if (s->blen + 1 >= s->bcap) {
		size_t cap = s->bcap ? s->bcap * 2 : 1024;
		char *b = realloc(s->buf, cap);

		if (!b)
			return scan_nomem(s);
		s->buf = b;
		s->bcap = cap;
	}
	s->buf[s->blen++] = c;
	s->buf[s->blen] = '\0';
	return 0;
}

/* Close the current branch of the innermost frame: its condition joins
 * the negations, and the brace depth restarts from the #if. */
static int frame_next_branch(struct scan *s, char *cur)
{
	struct frame *f = &s->fr[s->nfr - 1];

	if (f->cur) {
		char *n = cond_not(f->cur);
		char *neg = n && f->neg ? xstrcat3(f->neg, " && ", n) : n;

		if (neg != n)
			free(n);
		if (!neg) {
			free(cur);
			return scan_nomem(s);
		}
		free(f->neg);
		free(f->cur);
		f->neg = neg;
	}
	f->cur = cur;
	if (f->depth_first < 0)
		f->depth_first = s->depth;
	s->depth = f->depth_in;
	s->cond_dirty = true;
	return 0;
}

static int frame_push(struct scan *s, char *cur)
{
	if (!cur)
		return scan_nomem(s);
	if (s->nfr == s->cfr) {
		uint32_t cap = s->cfr ? s->cfr * 2 : 16;
		struct frame *f = realloc(s->fr, cap * sizeof(*f));

		if (!f) {
			free(cur);
			return scan_nomem(s);
		}
		s->fr = f;
		s->cfr = cap;
	}
	s->fr[s->nfr++] = (struct frame){ .cur = cur, .depth_in = s->depth, .depth_first = -1 };
	s->cond_dirty = true;
	return 0;
}

static void frame_pop(struct scan *s)
{
	struct frame *f;

	if (!s->nfr)
		return;	/* unmatched #endif */
	f = &s->fr[--s->nfr];
	if (f->depth_first >= 0)
		s->depth = f->depth_first;
	free(f->neg);
	free(f->cur);
	s->cond_dirty = true;
}

/* Read a directive from '#' to its end: comments become a space, line
 * continuations are joined. */
static int directive_read(struct scan *s)
{
	const char *p = s->p + 1;

	s->blen = 0;
	if (buf_put(s, '\0'))
		return s->err;
	s->blen = 0;
	while (*p && *p != '\n') {
		if (p[0] == '\\' && p[1] == '\n') {
			p += 2;
			s->line++;
			continue;
		}
		if (p[0] == '/' && p[1] == '*') {
			for (p += 2; *p && !(p[0] == '*' && p[1] == '/'); p++)
				if (*p == '\n')
					s->line++;
			p += *p ? 2 : 0;
			if (buf_put(s, ' '))
				return s->err;
			continue;
		}
		if (p[0] == '/' && p[1] == '/') {
			while (*p && *p != '\n')
				p++;
			break;
		}
		if (buf_put(s, *p++))
			return s->err;
	}
	s->p = p;
	return 0;
}

/* "  name  rest  " -> the directive name and the trimmed rest. */
static void directive_split(char *b, char **name, size_t *nlen, char **rest)
{
	char *e;

	while (is_hspace(*b))
		b++;
	*name = b;
	while (is_idchar(*b))
		b++;
	*nlen = (size_t)(b - *name);
	while (is_hspace(*b))
		b++;
	*rest = b;
	e = b + strlen(b);
	while (e > b && is_hspace(e[-1]))
		e--;
	*e = '\0';
}

/* Fold blank runs of a condition to single spaces, in place. */
static void fold_blanks(char *s)
{
	char *w = s;
	bool blank = false;

	for (; *s; s++) {
		if (is_hspace(*s)) {
			blank = true;
			continue;
		}
		if (blank && w != s)
			*w++ = ' ';
		blank = false;
		*w++ = *s;
	}
	*w = '\0';
}

static char *first_word(const char *rest)
{
	size_t n = 0;

	while (is_idchar(rest[n]))
		n++;
	return strndup(rest, n);
}

static int directive(struct scan *s)
{
	char *name, *rest, *w;
	size_t n;

	if (directive_read(s))
		return s->err;
	directive_split(s->buf, &name, &n, &rest);
	fold_blanks(rest);
	if (word_is(name, n, "ifdef") || word_is(name, n, "ifndef")) {
		w = first_word(rest);
		if (!w)
			return scan_nomem(s);
		rest = xstrcat3(n == 5 ? "defined(" : "!defined(", w, ")");
		free(w);
		return frame_push(s, rest);
	}
	if (word_is(name, n, "if"))
		return frame_push(s, cond_form(rest));
	if (word_is(name, n, "elif") || word_is(name, n, "else")) {
		char *cur = NULL;

		if (!s->nfr)
			return 0;
		if (n == 4 && name[2] == 'i' && !(cur = cond_form(rest)))
			return scan_nomem(s);
		return frame_next_branch(s, cur);
	}
	if (word_is(name, n, "endif")) {
		frame_pop(s);
		return 0;
	}
	if (word_is(name, n, "define")) {
		size_t l = 0;

		while (is_idchar(rest[l]))
			l++;
		if (l > 7 && memcmp(rest + l - 7, "_COMPAT", 7) == 0) {
			const char *d = uabi_arena__strndup(s->a, rest, l);

			if (!d || strvec_push(&s->defs, d))
				return scan_nomem(s);
		}
	}
	return 0;
}

static const char *scan_cond(struct scan *s)
{
	size_t len = 0;
	char *c;

	if (!s->cond_dirty)
		return s->cond;
	s->cond_dirty = false;
	s->cond = NULL;
	for (uint32_t i = 0; i < s->nfr; i++)
		len += (s->fr[i].neg ? strlen(s->fr[i].neg) + 4 : 0) +
		       (s->fr[i].cur ? strlen(s->fr[i].cur) + 4 : 0);
	if (!len)
		return NULL;
	c = uabi_arena__alloc(s->a, len + 1);
	if (!c) {
		scan_nomem(s);
		return NULL;
	}
	for (uint32_t i = 0; i < s->nfr; i++) {
		const char *part[2] = { s->fr[i].neg, s->fr[i].cur };

		for (int j = 0; j < 2; j++) {
			if (!part[j])
				continue;
			if (*c)
				strcat(c, " && ");
			strcat(c, part[j]);
		}
	}
	s->cond = c;
	return c;
}

static int emit(struct scan *s)
{
	struct uabi_klabels *o = s->out;
	struct uabi_klabel *l;

	if (s->plen <= 4 || memcmp(s->pname, "KVM_", 4) != 0)
		return 0;
	if (o->n == o->cap) {
		uint32_t cap = o->cap ? o->cap * 2 : 256;
		struct uabi_klabel *v = realloc(o->v, cap * sizeof(*v));

		if (!v)
			return scan_nomem(s);
		o->v = v;
		o->cap = cap;
	}
	if (s->fn && !s->fnstr && !(s->fnstr = uabi_arena__strndup(s->a, s->fn, s->fnlen)))
		return scan_nomem(s);
	l = &o->v[o->n];
	l->label = uabi_arena__strndup(s->a, s->pname, s->plen);
	if (!l->label)
		return scan_nomem(s);
	l->ioctl = l->label;
	l->cond = scan_cond(s);
	if (s->err)
		return s->err;
	l->site.file = s->file;
	l->site.line = s->pline;
	l->site.function = s->fn ? s->fnstr : NULL;
	o->n++;
	return 0;
}

static void on_ident(struct scan *s, const char *id, size_t n)
{
	if (s->pending == 1) {
		s->pending = 2;
		s->pname = id;
		s->plen = n;
		s->pline = s->line;
	} else {
		s->pending = word_is(id, n, "case") ? 1 : 0;
	}
	if (s->depth == 0) {
		s->ident = id;
		s->ilen = n;
	}
}

static void on_punct(struct scan *s, char c)
{
	if (s->pending == 2 && c == ':')
		emit(s);
	s->pending = 0;
	if (c == '{') {
		if (s->depth++ == 0) {
			s->fn = s->cand;
			s->fnlen = s->clen;
			s->fnstr = NULL;
			s->cand = NULL;
			s->paren = 0;
		}
	} else if (c == '}') {
		if (s->depth > 0 && --s->depth == 0) {
			s->fn = NULL;
			s->cand = NULL;
			s->paren = 0;
		}
	} else if (s->depth == 0) {
		if (c == '(') {
			if (!s->paren && !s->cand && s->ident &&
			    !word_is(s->ident, s->ilen, "__attribute__")) {
				s->cand = s->ident;
				s->clen = s->ilen;
			}
			s->paren++;
		} else if (c == ')') {
			if (s->paren > 0)
				s->paren--;
		} else if (c == ';' && !s->paren) {
			s->cand = NULL;
		}
	}
	s->ident = NULL;
}

/* Skip a string or character literal (it ends at an unescaped newline
 * too: text under #if 0 may hold a lone apostrophe). */
static void skip_literal(struct scan *s)
{
	char q = *s->p++;

	while (*s->p && *s->p != q && *s->p != '\n') {
		if (*s->p == '\\' && s->p[1]) {
			if (s->p[1] == '\n')
				s->line++;
			s->p++;
		}
		s->p++;
	}
	if (*s->p == q)
		s->p++;
}

static void compat_names(struct scan *s)
{
	for (uint32_t i = s->first; i < s->out->n; i++) {
		struct uabi_klabel *l = &s->out->v[i];
		size_t n = strlen(l->label);

		if (n > 7 && strcmp(l->label + n - 7, "_COMPAT") == 0 &&
		    strvec_has(&s->defs, l->label)) {
			l->ioctl = uabi_arena__strndup(s->a, l->label, n - 7);
			if (!l->ioctl) {
				scan_nomem(s);
				return;
			}
		}
	}
}

int uabi_kscan__labels(const char *text, const char *file, struct uabi_arena *a,
		       struct uabi_klabels *out)
{
	struct scan s = { .p = text, .line = 1, .file = file, .a = a, .out = out,
			  .first = out->n };
	bool bol = true;

	while (*s.p && !s.err) {
		char c = *s.p;

		if (c == '\n') {
			s.line++;
			s.p++;
			bol = true;
		} else if (is_hspace(c)) {
			s.p++;
		} else if (c == '\\' && s.p[1] == '\n') {
			s.line++;
			s.p += 2;
		} else if (c == '/' && s.p[1] == '*') {
			for (s.p += 2; *s.p && !(s.p[0] == '*' && s.p[1] == '/'); s.p++)
				if (*s.p == '\n')
					s.line++;
			s.p += *s.p ? 2 : 0;
		} else if (c == '/' && s.p[1] == '/') {
			while (*s.p && *s.p != '\n') {
				if (s.p[0] == '\\' && s.p[1] == '\n') {
					s.line++;
					s.p++;
				}
				s.p++;
			}
		} else if (c == '#' && bol) {
			directive(&s);
		} else if (c == '"' || c == '\'') {
			bol = false;
			skip_literal(&s);
			on_punct(&s, '"');
		} else if (is_idstart(c)) {
			const char *id = s.p;

			bol = false;
			while (is_idchar(*s.p))
				s.p++;
			on_ident(&s, id, (size_t)(s.p - id));
		} else if (c >= '0' && c <= '9') {
			bol = false;
			while (is_idchar(*s.p) || *s.p == '.')
				s.p++;
			on_punct(&s, '0');
		} else {
			bol = false;
			on_punct(&s, c);
			s.p++;
		}
	}
	if (!s.err)
		compat_names(&s);
	while (s.nfr)
		frame_pop(&s);
	free(s.fr);
	free(s.buf);
	free(s.defs.v);
	return s.err;
}

void uabi_klabels__free(struct uabi_klabels *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

/* ---- member references ------------------------------------------------- */

struct mscan {
	const char *p;
	uint32_t line;
	struct uabi_arena *a;
	struct uabi_krefs *out;
	uint32_t first;		/* out->v[first..] are this text's */
};

/* Macros whose last argument names a member. */
static bool member_macro(const char *s, size_t n)
{
	static const char *const m[] = { "offsetof", "offsetofend", "sizeof_field", "FIELD_SIZEOF",
					 "typeof_member", "container_of" };

	for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		if (word_is(s, n, m[i]))
			return true;
	return false;
}

/* Skip blanks, newlines (counted in *line) and comments. */
static const char *ms_ws(const char *p, uint32_t *line)
{
	for (;;) {
		if (*p == '\n') {
			(*line)++;
			p++;
		} else if (is_hspace(*p)) {
			p++;
		} else if (*p == '\\' && p[1] == '\n') {
			(*line)++;
			p += 2;
		} else if (p[0] == '/' && p[1] == '*') {
			for (p += 2; *p && !(p[0] == '*' && p[1] == '/'); p++)
				if (*p == '\n')
					(*line)++;
			p += *p ? 2 : 0;
		} else if (p[0] == '/' && p[1] == '/') {
			while (*p && *p != '\n')
				p++;
		} else {
			return p;
		}
	}
}

static int ms_add(struct mscan *s, const char *id, size_t n, uint32_t line)
{
	struct uabi_krefs *o = s->out;

	if (o->n == o->cap) {
		uint32_t cap = o->cap ? o->cap * 2 : 256;
		struct uabi_kref *v = realloc(o->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		o->v = v;
		o->cap = cap;
	}
	o->v[o->n].name = uabi_arena__strndup(s->a, id, n);
	if (!o->v[o->n].name)
		return -ENOMEM;
	o->v[o->n++].line = line;
	return 0;
}

/* After '.' or '->': the member name, if one follows. */
static int ms_member(struct mscan *s)
{
	uint32_t line = s->line;
	const char *p = ms_ws(s->p, &line), *id = p;

	if (!is_idstart(*p))
		return 0;
	while (is_idchar(*p))
		p++;
	return ms_add(s, id, (size_t)(p - id), line);
}

/* At the '(' of offsetof & co: the name that starts the last top-level
 * argument (offsetof(struct kvm_run, xen.u) -> xen; the rest is seen by
 * the '.' rule). The scan itself goes on from the '('. */
static int ms_macro_arg(struct mscan *s, const char *open)
{
	uint32_t line = s->line, at_line = 0;
	const char *p = open + 1, *last = NULL;
	int depth = 1;

	/* a real argument list is short; a longer one is not taken for one,
	 * so that nested unbalanced calls cost linear time, not quadratic */
	while (*p && depth && p - open < 1024) {
		if (*p == '\n')
			line++;
		if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		else if (*p == ',' && depth == 1) {
			last = p + 1;
			at_line = line;
		} else if (*p == '"' || *p == '\'' || *p == ';' || *p == '{')
			return 0;	/* not a plain argument list */
		p++;
	}
	if (!last || depth)
		return 0;
	p = ms_ws(last, &at_line);
	if (!is_idstart(*p))
		return 0;
	last = p;
	while (is_idchar(*p))
		p++;
	return ms_add(s, last, (size_t)(p - last), at_line);
}

static int cmp_kref(const void *pa, const void *pb)
{
	const struct uabi_kref *a = pa, *b = pb;
	int c = strcmp(a->name, b->name);

	return c ? c : a->line < b->line ? -1 : a->line > b->line;
}

int uabi_kscan__members(const char *text, struct uabi_arena *a, struct uabi_krefs *out)
{
	struct mscan s = { .p = text, .line = 1, .a = a, .out = out, .first = out->n };
	bool bol = true;
	int err = 0;

	while (*s.p && !err) {
		const char *after = ms_ws(s.p, &s.line);
		char c;

		if (after != s.p) {
			/* a newline or a comment holding one starts a line */
			for (const char *q = s.p; q < after && !bol; q++)
				bol = *q == '\n';
			s.p = after;
			continue;
		}
		c = *s.p;
		if (c == '#' && bol) {
			const char *q = s.p + 1;

			while (is_hspace(*q))
				q++;
			if (!strncmp(q, "include", 7)) {
				while (*q && *q != '\n')
					q++;
				s.p = q;
				continue;
			}
			s.p++;
		} else if (c == '"' || c == '\'') {
			char quote = *s.p++;

			while (*s.p && *s.p != quote && *s.p != '\n') {
				if (*s.p == '\\' && s.p[1]) {
					if (s.p[1] == '\n')
						s.line++;
					s.p++;
				}
				s.p++;
			}
			if (*s.p == quote)
				s.p++;
		} else if (is_idstart(c)) {
			const char *id = s.p;

			while (is_idchar(*s.p))
				s.p++;
			if (member_macro(id, (size_t)(s.p - id))) {
				uint32_t l = s.line;
				const char *q = ms_ws(s.p, &l);

				if (*q == '(') {
					uint32_t keep = s.line;

					s.line = l;
					err = ms_macro_arg(&s, q);
					s.line = keep;
				}
			}
		} else if (c >= '0' && c <= '9') {
			/* a pp-number, its '.' and exponent signs included */
			while (is_idchar(*s.p) || *s.p == '.' ||
			       ((*s.p == '+' || *s.p == '-') && strchr("eEpP", s.p[-1])))
				s.p++;
		} else if (c == '.' && s.p[1] == '.' && s.p[2] == '.') {
			s.p += 3;
		} else if (c == '.' && s.p[1] >= '0' && s.p[1] <= '9') {
			s.p++;	/* .5: a number; its digits are skipped as one */
			while (is_idchar(*s.p) || *s.p == '.')
				s.p++;
		} else if (c == '.' || (c == '-' && s.p[1] == '>')) {
			s.p += c == '.' ? 1 : 2;
			err = ms_member(&s);
		} else {
			s.p++;
		}
		bol = false;
	}
	if (!err && out->n > s.first) {
		uint32_t n = s.first + 1;

		qsort(out->v + s.first, out->n - s.first, sizeof(*out->v), cmp_kref);
		for (uint32_t i = s.first + 1; i < out->n; i++)
			if (strcmp(out->v[i].name, out->v[n - 1].name))
				out->v[n++] = out->v[i];
		out->n = n;
	}
	return err;
}

void uabi_krefs__free(struct uabi_krefs *r)
{
	free(r->v);
	r->v = NULL;
	r->n = r->cap = 0;
}
