// SPDX-License-Identifier: MIT
/* Scanners of kernel C text: case labels with their #if conditions, and
 * member references. See cscan.h. */
#include "cscan.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/vec.h"
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

	struct full *full;	/* uabi_kscan__file's state, NULL for labels */
	uint32_t dir_line;	/* the first line of the directive being read */
};

static int full_define(struct scan *s, const char *rest);
static int full_include(struct scan *s, const char *path);
static void full_ident(struct scan *s, const char *id, size_t n);
static void full_punct(struct scan *s, char c);
static void scan_run(struct scan *s);
static void scan_done(struct scan *s);

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
/* The longest condition kept; a longer one reads as COND_UNKNOWN, which
 * no predicate knows (unknown: it holds for some build). */
#define COND_MAX 4096
#define COND_UNKNOWN "defined(__uabi_condition_too_long)"

static int frame_next_branch(struct scan *s, char *cur)
{
	struct frame *f = &s->fr[s->nfr - 1];

	if (f->cur) {
		char *n = cond_not(f->cur);
		char *neg = n && f->neg ? xstrcat3(f->neg, " && ", n) : n;

		/* a hostile #elif chain would grow this by every branch
		 * (quadratic memory): past COND_MAX it is an unknown */
		if (neg && strlen(neg) > COND_MAX) {
			free(neg);
			neg = strdup(COND_UNKNOWN);
		}

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

	s->dir_line = s->line;
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
	if (s->full && word_is(name, n, "include") && rest[0] == '"')
		return full_include(s, rest + 1);
	if (word_is(name, n, "define")) {
		size_t l = 0;

		if (s->full && full_define(s, rest))
			return s->err;

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
	if (len > 4 * COND_MAX)
		return s->cond = COND_UNKNOWN;
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

	if (s->full || s->plen <= 4 || memcmp(s->pname, "KVM_", 4) != 0)
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

/* A word that starts a declaration: after a macro invoked at file scope
 * without a semicolon (FAT_IOCTL_FILLDIR_FUNC(f, t) on its own line), the
 * next "static long g(" is a new function, not the macro's body. */
static bool starts_declaration(const char *id, size_t n)
{
	static const char *const w[] = { "bool", "char", "const", "enum", "extern", "int",
					 "long", "short", "signed", "static", "struct", "union",
					 "unsigned", "void" };

	for (size_t i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		if (word_is(id, n, w[i]))
			return true;
	return false;
}

static void on_ident(struct scan *s, const char *id, size_t n)
{
	if (s->full)
		full_ident(s, id, n);
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
	if (s->full)
		full_punct(s, c);
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

/* ---- ioctl dispatch facts of a file (uabi_kscan__file) ------------------ */

#define FULL_NCALL 32

struct full {
	struct uabi_kfile *kf;
	int t1, t2;		/* the last two tokens: 'i' an identifier, else the
				 * punctuation ('0' a number, '"' a literal) */
	const char *i1;		/* t1's identifier */
	size_t l1;
	struct {
		const char *name;	/* the identifier before '(', or NULL */
		size_t len;
		int argi;
		int64_t kname;	/* a name recorded as its argument 0, or -1 */
	} call[FULL_NCALL];
	int ncall;		/* open parentheses (frames beyond FULL_NCALL not kept) */
	bool in_case;
	bool cmp_ioc;		/* after "== _IOC_NR" or "== _IOC_TYPE" and its '(' */
	/* the declaration at file scope */
	bool d_static, d_eq, d_tag_next;
	const char *d_type, *d_name, *u_first;
	size_t d_tlen, d_nlen, u_flen;
	int d_bracket;
	bool u_want;
	uint32_t cand_line, dname_line;	/* lines of the function and object names */
	/* the definition whose body or initialiser is being read */
	bool in_def, def_obj, def_static;
	const char *def_name, *def_type, *def_cond, *defstr;
	size_t def_nlen, def_tlen;
	uint32_t def_line;
	bool assign_cmd;	/* in a statement assigning to cmd */
	bool sets_cmd_size;	/* uabi_kdef.sets_cmd_size */
	bool indirect_calls;	/* uabi_kdef.indirect_calls */
	bool t1_member;		/* t1 is an identifier after . or -> */
	struct {
		const char *p;
		size_t n;
		uint16_t grp;	/* the case group it is under, 0 none */
		char kind;	/* 0 a name; UABI_KREF_MEMBER[0] a member name, kept as
				 * ".name"; UABI_KREF_VALUE[0] a name used as a value
				 * (not called), kept as "&name" */
	} *rv;			/* its references, in the text */
	uint32_t nrv, crv;
	/* the first switch of the function: the brace depth of its
	 * body (0 none), the current group of labels (0: none or default),
	 * the groups so far, whether the last tokens were labels */
	int sw_depth;
	uint32_t sw_nfr;	/* the #if frames open where it starts */
	bool sw_pending, after_label, label_open;
	bool in_default, default_returns;
	uint16_t grp, ngrp;
	/* a label of the switch: it named an upper name, or held something
	 * else (a number, an operator, a lowercase name: case 0x20:, case
	 * A ... B:) */
	bool label_named, label_odd;
	/* after a statement label inside the switch (a goto may land there
	 * from any group): no later label of the switch guards */
	bool sw_unguard;
	/* whether the last statement directly in the switch body [0], or in
	 * a block that is a statement of it [1], is a jump (break, return,
	 * goto, continue); blk_bare: that block is a bare { } */
	bool sw_jump[2], blk_bare;
	/* a designated initialiser: 1 after '.', 2 after ". field", 3 after
	 * ". field =" (or "= &") */
	int di;
	const char *dfield;
	size_t dflen;
	uint32_t dline;
	/* The names declared with a struct or union tag since the last
	 * function's end (its parameters and body: "struct snd_hwdep *hw"),
	 * in text order; lt reads one: 1 after struct, 2 after the tag (and
	 * its *s), 3 after the name, 4 in its initialiser (lt_call: the
	 * parentheses open where it began). */
	struct fvar {
		const char *id, *tag;
		size_t n, tn;
	} *vars;
	uint32_t nvars, cvars;
	int lt, lt_call;
	const char *lt_tag;
	size_t lt_tlen;
	/* the names, . and -> read last in a function body ("hw->ops"):
	 * ok while nothing else came between them */
	char path[128];
	size_t path_len, path_blen;	/* the path, its first name */
	bool path_ok;
	/* an object a function body defines with an initialiser (static
	 * const struct snd_hwdep_ops ops = { ... }): the brace depth inside
	 * its initialiser (0 none), its name and tag */
	int li_depth;
	const char *li_name, *li_tag;
	size_t li_nlen, li_tlen;
};

/* Grow *v (elements of size sz) so that one more fits. */
static int grow(void *vp, uint32_t n, uint32_t *cap, size_t sz)
{
	return uabi_vec__reserve(vp, n, cap, sz, 64);
}

/* Record a reference of the definition being read: the name (p, n), in
 * case group grp, a member name or not. */
static void full_ref(struct scan *s, const char *p, size_t n, uint16_t grp, char kind)
{
	struct full *f = s->full;

	if (grow(&f->rv, f->nrv, &f->crv, sizeof(*f->rv)))
		return (void)scan_nomem(s);
	f->rv[f->nrv].p = p;
	f->rv[f->nrv].n = n;
	f->rv[f->nrv].grp = grp;
	f->rv[f->nrv++].kind = kind;
}

/* Whether the last token ends a statement or a label (what follows
 * starts a statement). */
static bool stmt_start(const struct full *f)
{
	return f->t1 == ';' || f->t1 == '{' || f->t1 == '}' || f->t1 == ':';
}

/* A jump statement's keyword: the statements after it are not reached by
 * falling through. */
static bool is_jump(const char *id, size_t n)
{
	return word_is(id, n, "break") || word_is(id, n, "return") || word_is(id, n, "goto") ||
	       word_is(id, n, "continue");
}

bool uabi_kscan__is_upper(const char *id, size_t n)
{
	bool up = false;

	for (size_t i = 0; i < n; i++) {
		if (id[i] >= 'a' && id[i] <= 'z')
			return false;
		up |= id[i] >= 'A' && id[i] <= 'Z';
	}
	return up;
}

/* C keywords and the kernel's commonest type names: never a reference. */
static bool is_keyword(const char *id, size_t n)
{
	static const char *const kw[] = {
		"__user", "auto", "bool", "break", "case", "char", "const", "continue",
		"default", "do", "double", "else", "enum", "extern", "false", "float", "for",
		"goto", "if", "inline", "int", "long", "register", "return", "s16", "s32",
		"s64", "s8", "short", "signed", "sizeof", "static", "struct", "switch", "true",
		"typedef", "u16", "u32", "u64", "u8", "union", "unsigned", "void", "volatile",
		"while",
	};

	return sorted_has(kw, sizeof(kw) / sizeof(kw[0]), id, n);
}

/* The fields whose assignments in a function body are kept (uabi_kinit):
 * the entry points, not the links (ioctls, fops). */
static bool is_assigned_field(const char *id, size_t n)
{
	return word_is(id, n, "unlocked_ioctl") || word_is(id, n, "compat_ioctl") ||
	       word_is(id, n, "ioctl") || word_is(id, n, "ioctl_compat") ||
	       word_is(id, n, "compat_ioctl32") || word_is(id, n, "proc_ioctl") ||
	       word_is(id, n, "proc_compat_ioctl") || word_is(id, n, "fb_ioctl") ||
	       word_is(id, n, "fb_compat_ioctl");
}

/* The fields whose designated initialisers are kept (uabi_kinit). */
static bool is_entry_field(const char *id, size_t n)
{
	return is_assigned_field(id, n) || word_is(id, n, "ioctls") || word_is(id, n, "fops");
}

/* The first non-blank character at p (newlines and continuations too). */
static char peek(const char *p)
{
	while (is_hspace(*p) || *p == '\n' || (*p == '\\' && p[1] == '\n'))
		p++;
	return *p;
}

static const char *full_defstr(struct scan *s)
{
	struct full *f = s->full;

	/* a body without a name (a file-scope enum or struct) has none */
	if (!f->defstr && f->in_def && f->def_name) {
		f->defstr = uabi_arena__strndup(s->a, f->def_name, f->def_nlen);
		if (!f->defstr)
			scan_nomem(s);
	}
	return f->defstr;
}

static void full_name(struct scan *s, const char *id, size_t n, enum uabi_kname_how how)
{
	struct full *f = s->full;
	struct uabi_kfile *kf = f->kf;
	struct uabi_kname *k;

	if (grow(&kf->names, kf->nnames, &kf->cnames, sizeof(*kf->names)))
		return (void)scan_nomem(s);
	k = &kf->names[kf->nnames];
	*k = (struct uabi_kname){ .how = (uint8_t)how, .site = { .file = s->file, .line = s->line } };
	k->name = kf->intern ? kf->intern->intern(kf->intern, id, n) : uabi_arena__strndup(s->a, id, n);
	if (f->ncall > 0 && f->ncall <= FULL_NCALL && f->call[f->ncall - 1].name) {
		k->macro = uabi_arena__strndup(s->a, f->call[f->ncall - 1].name,
					       f->call[f->ncall - 1].len);
		k->arg = (uint8_t)(f->call[f->ncall - 1].argi > 255 ? 255 : f->call[f->ncall - 1].argi);
		if (!k->macro)
			return (void)scan_nomem(s);
		if (!k->arg)
			f->call[f->ncall - 1].kname = kf->nnames;
	}
	k->cond = scan_cond(s);
	k->site.function = full_defstr(s);
	k->def = kf->ndefs;
	k->grp = how == UABI_KN_CASE && f->label_open ? f->grp : 0;
	if (how == UABI_KN_CASE && f->label_open)
		f->label_named = true;
	if (!k->name || s->err)
		return (void)scan_nomem(s);
	kf->nnames++;
}

struct rv_ent {
	const char *p;
	size_t n;
	uint16_t grp;
	char kind;
};

static int cmp_rv_name(const void *pa, const void *pb)
{
	const struct rv_ent *a = pa, *b = pb;
	size_t n = a->n < b->n ? a->n : b->n;
	int c = a->kind != b->kind ? (a->kind > b->kind) - (a->kind < b->kind) : memcmp(a->p, b->p, n);

	return c ? c : a->n < b->n ? -1 : a->n > b->n;
}

/* The string of reference v: its name, or ".name" for a member name. */
static const char *rv_string(struct scan *s, const struct rv_ent *v)
{
	struct uabi_kfile *kf = s->full->kf;
	char buf[256], *tmp = NULL, *b = buf;
	const char *r;

	if (!v->kind)
		return kf->intern ? kf->intern->intern(kf->intern, v->p, v->n)
				  : uabi_arena__strndup(s->a, v->p, v->n);
	if (v->n + 1 > sizeof(buf) && !(b = tmp = malloc(v->n + 1)))
		return NULL;
	b[0] = v->kind;
	memcpy(b + 1, v->p, v->n);
	r = kf->intern ? kf->intern->intern(kf->intern, b, v->n + 1)
		       : uabi_arena__strndup(s->a, b, v->n + 1);
	free(tmp);
	return r;
}

static int cmp_rv(const void *pa, const void *pb)
{
	const struct rv_ent *a = pa, *b = pb;
	int c = cmp_rv_name(pa, pb);

	return c ? c : (a->grp > b->grp) - (a->grp < b->grp);
}

/* The body or initialiser of the definition ended: keep it. */
static void full_def_end(struct scan *s)
{
	struct full *f = s->full;
	struct uabi_kfile *kf = f->kf;
	struct uabi_kdef *d;
	uint32_t r0 = kf->nrefs, g0 = kf->ngrefs;

	/* a body's declarations end with it */
	f->li_depth = 0;
	if (!f->def_obj)
		f->nvars = 0;
	if (!f->def_name) {
		f->in_def = false;
		return;
	}
	if (f->nrv)
		qsort(f->rv, f->nrv, sizeof(*f->rv), cmp_rv);
	for (uint32_t i = 0, j; i < f->nrv; i = j) {
		const struct rv_ent *v = (const struct rv_ent *)f->rv;
		bool guarded = v[i].grp != 0;	/* sorted by grp: 0 first */

		for (j = i + 1; j < f->nrv && !cmp_rv_name(&v[j], &v[i]); j++)
			;
		if (v[i].kind == UABI_KREF_VALUE[0]) {
			/* a name used as a value: the file's list, not a
			 * reference (kept as the name itself) */
			struct rv_ent plain = v[i];

			plain.kind = 0;
			if (grow(&kf->vals, kf->nvals, &kf->cvals, sizeof(*kf->vals)))
				return (void)scan_nomem(s);
			if (!(kf->vals[kf->nvals++] = rv_string(s, &plain)))
				return (void)scan_nomem(s);
			continue;
		}
		if (grow(&kf->refs, kf->nrefs, &kf->crefs, sizeof(*kf->refs)))
			return (void)scan_nomem(s);
		if (!(kf->refs[kf->nrefs++] = rv_string(s, &v[i])))
			return (void)scan_nomem(s);
		for (uint32_t m = i; guarded && m < j; m++) {
			if (m > i && v[m].grp == v[m - 1].grp)
				continue;
			if (grow(&kf->grefs, kf->ngrefs, &kf->cgrefs, sizeof(*kf->grefs)))
				return (void)scan_nomem(s);
			kf->grefs[kf->ngrefs++] = (struct uabi_kgref){ kf->nrefs - 1, v[m].grp };
		}
	}
	f->nrv = 0;
	if (grow(&kf->defs, kf->ndefs, &kf->cdefs, sizeof(*kf->defs)))
		return (void)scan_nomem(s);
	d = &kf->defs[kf->ndefs];
	*d = (struct uabi_kdef){ .object = f->def_obj, .is_static = f->def_static,
				 .sets_cmd_size = f->sets_cmd_size, .gref0 = g0,
				 .indirect_calls = f->indirect_calls,
				 .ngref = kf->ngrefs - g0,
				 .cond = f->def_cond, .line = f->def_line, .ref0 = r0,
				 .nref = kf->nrefs - r0 };
	d->name = full_defstr(s);
	f->in_def = false;
	if (f->def_type && !(d->type = uabi_arena__strndup(s->a, f->def_type, f->def_tlen)))
		return (void)scan_nomem(s);
	if (d->name)
		kf->ndefs++;
}

/* The name of a function defined at file scope: the identifier before its
 * parameter list; SYSCALL_DEFINEn(x, ...) defines sys_x, and
 * COMPAT_SYSCALL_DEFINEn(x, ...) compat_sys_x. */
static void full_def_begin(struct scan *s, bool object)
{
	struct full *f = s->full;
	const char *name = object ? f->d_name : s->cand;
	size_t len = object ? f->d_nlen : s->clen;

	f->d_tag_next = false;	/* static struct { ... } x = { }: x is no tag */
	f->in_def = true;
	f->def_obj = object;
	f->def_static = f->d_static;
	f->def_type = object ? f->d_type : NULL;
	f->def_tlen = f->d_tlen;
	f->def_line = object ? f->dname_line : f->cand_line;
	f->def_cond = scan_cond(s);
	f->defstr = NULL;
	f->nrv = 0;
	f->assign_cmd = f->sets_cmd_size = f->indirect_calls = false;
	f->sw_depth = 0;
	f->sw_pending = f->after_label = f->label_open = false;
	f->in_default = f->default_returns = false;
	f->grp = f->ngrp = 0;
	f->label_named = f->label_odd = f->sw_unguard = false;
	f->def_name = name;
	f->def_nlen = len;
	if (!object && name && f->u_first && len >= 15 &&
	    memcmp(name + len - 15, "SYSCALL_DEFINE", 14) == 0) {
		bool compat = len >= 22 && memcmp(name, "COMPAT_", 7) == 0;

		f->defstr = uabi_arena__printf(s->a, "%s%.*s", compat ? "compat_sys_" : "sys_",
					       (int)f->u_flen, f->u_first);
		if (!f->defstr)
			scan_nomem(s);
	}
}

static void full_decl_reset(struct full *f)
{
	f->d_static = f->d_eq = f->d_tag_next = f->u_want = false;
	f->d_type = f->d_name = f->u_first = NULL;
	f->d_bracket = 0;
	f->ncall = 0;
}

static void full_init(struct scan *s, const char *obj, size_t olen, const char *type, size_t tlen,
		      const char *field, size_t flen, const char *val, size_t vlen, bool in_macro,
		      const char *function, uint32_t line)
{
	struct uabi_kfile *kf = s->full->kf;
	struct uabi_kinit *i;

	if (grow(&kf->inits, kf->ninits, &kf->cinits, sizeof(*kf->inits)))
		return (void)scan_nomem(s);
	i = &kf->inits[kf->ninits];
	*i = (struct uabi_kinit){ .in_macro = in_macro, .function = function, .line = line };
	i->object = uabi_arena__strndup(s->a, obj, olen);
	i->type = type ? uabi_arena__strndup(s->a, type, tlen) : NULL;
	i->field = uabi_arena__strndup(s->a, field, flen);
	i->value = uabi_arena__strndup(s->a, val, vlen);
	i->cond = scan_cond(s);
	if (!i->object || (type && !i->type) || !i->field || !i->value || s->err)
		return (void)scan_nomem(s);
	kf->ninits++;
}

/* Whether the identifier being read is in the member argument of a
 * macro that names a member without . or -> (offsetof(struct x, m),
 * container_of(p, struct x, m), struct_size(p, m, n), ...). */
static bool in_member_arg(const struct full *f)
{
	static const struct {
		const char *name;
		int arg;
	} m[] = {
		{ "container_of", 2 }, { "FIELD_SIZEOF", 1 }, { "flex_array_size", 1 },
		{ "offsetof", 1 }, { "offsetofend", 1 }, { "sizeof_field", 1 },
		{ "struct_size", 1 }, { "typeof_member", 1 },
	};
	const char *name;

	if (f->ncall <= 0 || f->ncall > FULL_NCALL || !(name = f->call[f->ncall - 1].name))
		return false;
	for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		if (word_is(name, f->call[f->ncall - 1].len, m[i].name))
			return f->call[f->ncall - 1].argi == m[i].arg;
	return false;
}

/* Whether the scan is in an initialiser whose designated fields count:
 * a file-scope object's, or one a function body defines (at its own
 * brace depth). */
static bool in_init(const struct scan *s)
{
	const struct full *f = s->full;

	return f->def_obj || (f->li_depth && s->depth == f->li_depth);
}

/* p past blanks and newlines. */
static const char *skip_blank(const char *p)
{
	while (is_hspace(*p) || *p == '\n')
		p++;
	return p;
}

/* A declaration "struct T *x" (parameters and function bodies): keep x's
 * tag; "struct T x = {" in a function body starts an initialiser. */
static void full_decl_track(struct scan *s, const char *id, size_t n)
{
	struct full *f = s->full;

	if (f->lt == 2 && !word_is(id, n, "const") && !(n > 2 && id[0] == '_' && id[1] == '_')) {
		const char *q = skip_blank(s->p);

		f->lt = 0;
		if (*q == ';' || *q == ',' || *q == '=' || *q == ')' || *q == '[') {
			if (grow(&f->vars, f->nvars, &f->cvars, sizeof(*f->vars)))
				return (void)scan_nomem(s);
			f->vars[f->nvars++] = (struct fvar){ id, f->lt_tag, n, f->lt_tlen };
			f->lt = 3;
			if (*q == '=' && q[1] != '=' && *skip_blank(q + 1) == '{' && s->depth > 0 &&
			    f->in_def && !f->def_obj && !f->li_depth) {
				f->li_depth = s->depth + 1;
				f->li_name = id, f->li_nlen = n;
				f->li_tag = f->lt_tag, f->li_tlen = f->lt_tlen;
			}
			return;
		}
	}
	if (f->lt == 2 || f->lt == 4)
		return;	/* const, __iomem, ...; a name in an initialiser */
	if (word_is(id, n, "struct") || word_is(id, n, "union"))
		f->lt = 1;
	else if (f->lt == 1)
		f->lt = 2, f->lt_tag = id, f->lt_tlen = n;
	else
		f->lt = 0;
}

/* The tag the name id was last declared with (full_decl_track). */
static const struct fvar *full_var(const struct full *f, const char *id, size_t n)
{
	for (uint32_t i = f->nvars; i-- > 0;)
		if (f->vars[i].n == n && !memcmp(f->vars[i].id, id, n))
			return &f->vars[i];
	return NULL;
}

/* A name in a function body: a path a.b->c grows; "path.field = f;" of
 * an entry field is an assignment of an entry point (uabi_kinit). */
static void full_path(struct scan *s, const char *id, size_t n, bool member)
{
	struct full *f = s->full;
	const char *sep = f->t1 == '.' ? "." : "->";
	size_t sl = strlen(sep);

	if (!member) {
		f->path_ok = n < sizeof(f->path);
		if (f->path_ok) {
			memcpy(f->path, id, n);
			f->path_len = f->path_blen = n;
		}
		return;
	}
	if (!f->path_ok)
		return;
	if (is_assigned_field(id, n)) {
		const char *q = skip_blank(s->p), *v;

		if (q[0] == '=' && q[1] != '=') {
			q = skip_blank(q + 1);
			if (*q == '&')
				q = skip_blank(q + 1);
			for (v = q; is_idchar(*q); q++)
				;
			if (q > v && is_idstart(*v) && !uabi_kscan__is_upper(v, (size_t)(q - v)) &&
			    *skip_blank(q) == ';') {
				const struct fvar *var = full_var(f, f->path, f->path_blen);

				full_init(s, f->path, f->path_len, var ? var->tag : NULL,
					  var ? var->tn : 0, id, n, v, (size_t)(q - v), false,
					  full_defstr(s), s->line);
			}
		}
	}
	if (f->path_len + sl + n >= sizeof(f->path)) {
		f->path_ok = false;
		return;
	}
	memcpy(f->path + f->path_len, sep, sl);
	memcpy(f->path + f->path_len + sl, id, n);
	f->path_len += sl + n;
}

static void full_ident(struct scan *s, const char *id, size_t n)
{
	struct full *f = s->full;
	bool member = f->t1 == '.' || (f->t1 == '>' && f->t2 == '-');

	full_decl_track(s, id, n);

	if (s->depth == 0 && !s->paren && s->cand && f->t1 == ')' && starts_declaration(id, n)) {
		s->cand = NULL;
		full_decl_reset(f);
	}
	if (s->depth == 0) {
		if (word_is(id, n, "static"))
			f->d_static = true;
		else if (word_is(id, n, "struct") || word_is(id, n, "union") || word_is(id, n, "enum"))
			f->d_tag_next = !f->d_type;
		else if (f->d_tag_next)
			f->d_type = id, f->d_tlen = n, f->d_tag_next = false;
		/* not an attribute after the name (foo_fops __maybe_unused = {) */
		if (!s->paren && !f->d_bracket && !f->d_eq && !(n > 2 && id[0] == '_' && id[1] == '_'))
			f->d_name = id, f->d_nlen = n, f->dname_line = s->line;
		if (f->u_want && s->paren == 1 && !f->u_first)
			f->u_first = id, f->u_flen = n;
	} else if (f->in_def) {
		bool upper = uabi_kscan__is_upper(id, n), cmp_ioc = f->cmp_ioc;

		f->cmp_ioc = false;	/* for the next identifier only */

		if (in_init(s) && f->di == 1) {
			f->dfield = id, f->dflen = n, f->di = 2, f->dline = s->line;
		} else if (in_init(s) && f->di == 3) {
			if (f->def_obj && is_entry_field(f->dfield, f->dflen))
				full_init(s, f->def_name, f->def_nlen, f->def_type, f->def_tlen,
					  f->dfield, f->dflen, id, n, false, NULL, f->dline);
			else if (is_entry_field(f->dfield, f->dflen))
				full_init(s, f->li_name, f->li_nlen, f->li_tag, f->li_tlen, f->dfield,
					  f->dflen, id, n, false, full_defstr(s), f->dline);
			f->di = 0;
		} else {
			f->di = 0;
		}
		if (!f->def_obj)
			full_path(s, id, n, member);
		if (!f->def_obj && !member && (word_is(id, n, "cmd") || word_is(id, n, "command"))) {
			const char *q = s->p;

			while (is_hspace(*q) || *q == '\n')
				q++;
			if ((q[0] == '=' && q[1] != '=') || ((q[0] == '|' || q[0] == '&') && q[1] == '='))
				f->assign_cmd = true;
		} else if (f->assign_cmd && upper && (memmem(id, n, "SIZE", 4) || word_is(id, n, "_IOC"))) {
			f->sets_cmd_size = true;
		}
		if (!f->def_obj) {
			bool dflt = word_is(id, n, "default"), lbl = dflt || word_is(id, n, "case");

			if (f->sw_depth && s->depth >= f->sw_depth && !lbl && !f->label_open &&
			    !f->in_case && stmt_start(f) && !is_keyword(id, n)) {
				const char *q = s->p;

				while (is_hspace(*q) || *q == '\n')
					q++;
				if (q[0] == ':' && q[1] != ':') {
					/* a statement label: a goto from any
					 * group may land here */
					f->sw_unguard = true;
					f->grp = 0;
				}
			}
			if (f->sw_depth && s->depth >= f->sw_depth && s->depth <= f->sw_depth + 1 &&
			    stmt_start(f) && !lbl)
				/* a jump under a #if the switch is not under
				 * may not be built: not a sure one */
				f->sw_jump[s->depth - f->sw_depth] = is_jump(id, n) &&
								     s->nfr == f->sw_nfr;
			if (word_is(id, n, "switch") && !f->sw_depth) {
				f->sw_pending = true;
			} else if (f->sw_depth && s->depth == f->sw_depth && lbl) {
				/* a run of labels shares a group; default in
				 * it makes the run unguarded */
				/* past UABI_KGRP_ANY - 1 groups, the last one
				 * takes the rest (more commands on its path) */
				if (!f->after_label) {
					/* the group before falls into this one
					 * unless its last statement jumps */
					if (f->grp && f->grp != UABI_KGRP_ANY && !f->sw_jump[0])
						full_ref(s, UABI_KREF_FALL, strlen(UABI_KREF_FALL), f->grp,
							 0);
					f->sw_jump[0] = false;
					f->grp = dflt || f->sw_unguard ? 0
						 : f->ngrp < UABI_KGRP_ANY - 1 ? ++f->ngrp
									       : f->ngrp;
				} else if (dflt) {
					f->grp = 0;
				}
				f->label_open = true;
				f->label_named = f->label_odd = false;
				f->in_default = dflt || (f->after_label && f->in_default);
			} else if (f->sw_depth && s->depth == f->sw_depth && f->in_default &&
				   word_is(id, n, "return")) {
				f->default_returns = true;
			} else if (!f->label_open && !f->in_case) {
				f->after_label = false;
			}
		}
		if (f->label_open && !upper && !word_is(id, n, "case") && !word_is(id, n, "default"))
			f->label_odd = true;	/* case cpu_to_le32(X):, case x: */
		if (word_is(id, n, "case") && !f->def_obj) {
			f->in_case = true;
		} else if (upper && !member) {
			if (f->def_obj) {
				if (peek(s->p) != '(')
					full_name(s, id, n, UABI_KN_ENTRY);
			} else if (f->in_case) {
				if (peek(s->p) != '(')
					full_name(s, id, n, UABI_KN_CASE);
			} else if (f->t1 == '=' && f->t2 == '=') {
				/* cmd_nr == _IOC_NR(MTIOCGET): the name inside */
				if (word_is(id, n, "_IOC_NR") || word_is(id, n, "_IOC_TYPE"))
					f->cmp_ioc = peek(s->p) == '(';
				else
					full_name(s, id, n, UABI_KN_CMP);
			} else if (cmp_ioc && f->t1 == '(' && peek(s->p) == ')') {
				full_name(s, id, n, UABI_KN_CMP);
			} else {
				const char *q = s->p;

				while (is_hspace(*q) || *q == '\n')
					q++;
				if (q[0] == '=' && q[1] == '=')
					full_name(s, id, n, UABI_KN_CMP);
			}
		}
		if (!f->def_obj && (member || (in_member_arg(f) && !is_keyword(id, n)))) {
			/* a member name the function reads or writes: ".name" */
			if (grow(&f->rv, f->nrv, &f->crv, sizeof(*f->rv)))
				return (void)scan_nomem(s);
			f->rv[f->nrv].p = id;
			f->rv[f->nrv].grp = f->grp;
			f->rv[f->nrv].kind = UABI_KREF_MEMBER[0];
			f->rv[f->nrv++].n = n;
		}
		if (!upper && !member && !is_keyword(id, n)) {
			if (f->ncall > 0 && f->ncall <= FULL_NCALL && f->call[f->ncall - 1].argi == 1 &&
			    f->call[f->ncall - 1].kname >= 0 &&
			    !f->kf->names[f->call[f->ncall - 1].kname].fn &&
			    !(f->kf->names[f->call[f->ncall - 1].kname].fn =
				      uabi_arena__strndup(s->a, id, n)))
				return (void)scan_nomem(s);
			if (grow(&f->rv, f->nrv, &f->crv, sizeof(*f->rv)))
				return (void)scan_nomem(s);
			f->rv[f->nrv].p = id;
			f->rv[f->nrv].grp = f->grp;
			f->rv[f->nrv].kind = 0;
			f->rv[f->nrv++].n = n;
			/* not called: a function named so has its address taken
			 * (only functions' are kept, ioctls.c) */
			if (peek(s->p) != '(')
				full_ref(s, id, n, f->grp, UABI_KREF_VALUE[0]);
		}
	}
	f->t2 = f->t1;
	f->t1 = 'i';
	f->i1 = id;
	f->l1 = n;
	f->t1_member = member;
}

static void full_punct(struct scan *s, char c)
{
	struct full *f = s->full;

	if (c == '(' && f->in_def && !f->def_obj && s->depth > 0 &&
	    ((f->t1 == 'i' && f->t1_member) || f->t1 == ')')) {
		f->indirect_calls = true;
		/* and where: a reference in its case group */
		if (grow(&f->rv, f->nrv, &f->crv, sizeof(*f->rv)))
			return (void)scan_nomem(s);
		f->rv[f->nrv].p = UABI_KREF_INDIRECT;
		f->rv[f->nrv].kind = 0;
		f->rv[f->nrv].n = strlen(UABI_KREF_INDIRECT);
		f->rv[f->nrv++].grp = f->grp;
	}
	if (c == '(') {
		if (f->ncall < FULL_NCALL) {
			f->call[f->ncall].name =
				f->t1 == 'i' && !is_keyword(f->i1, f->l1) ? f->i1 : NULL;
			f->call[f->ncall].len = f->l1;
			f->call[f->ncall].argi = 0;
			f->call[f->ncall].kname = -1;
		}
		f->ncall++;
		if (s->depth == 0 && !s->paren && !s->cand && f->t1 == 'i') {
			f->u_want = true;	/* the candidate's parameters follow */
			f->cand_line = s->line;
		}
	} else if (c == ')') {
		if (f->ncall > 0)
			f->ncall--;
	} else if (c == ',' && f->ncall > 0 && f->ncall <= FULL_NCALL) {
		f->call[f->ncall - 1].argi++;
	}
	if ((f->lt == 3 || (f->lt == 4 && f->ncall == f->lt_call)) && c == ',')
		f->lt = 2;	/* struct T *x, *y; struct T *x = f(a, b), *y */
	else if (f->lt == 3 && c == '=')
		f->lt = 4, f->lt_call = f->ncall;
	else if (f->lt == 4 && c == ';')
		f->lt = 0;
	else if (f->lt != 4 && !(f->lt == 2 && c == '*'))
		f->lt = 0;
	if (c != '.' && c != '-' && c != '>')
		f->path_ok = false;
	if (c == '}' && f->li_depth && s->depth == f->li_depth)
		f->li_depth = 0;	/* its initialiser ends */
	else if (f->in_def && in_init(s)) {
		if (c == '.' && f->t1 != '.')
			f->di = f->di == 0 ? 1 : 0;
		else if (c == '=' && f->di == 2)
			f->di = 3;
		else if (!(c == '&' && f->di == 3))
			f->di = 0;
	}
	if (f->label_open && c != ':' && c != '(' && c != ')')
		f->label_odd = true;	/* case 0x20:, case A ... B:, case A + 1: */
	if (c == ':' && f->ncall == 0 && f->label_open) {
		f->after_label = true;
		f->label_open = false;
		/* a label that may be any command: its group may be the
		 * query's (UABI_KREF_ANYCASE) */
		if (f->grp && (f->label_odd || !f->label_named))
			full_ref(s, UABI_KREF_ANYCASE, strlen(UABI_KREF_ANYCASE), f->grp, 0);
	} else if (!f->label_open && !f->in_case) {
		f->after_label = false;
	}
	if (f->in_def && !f->def_obj && f->sw_depth && s->depth >= f->sw_depth &&
	    s->depth <= f->sw_depth + 1 && stmt_start(f) && c != ';' && c != ':') {
		/* a statement that starts with punctuation (*p = 1;), or a
		 * block: not a jump; a bare block jumps when its last
		 * statement does */
		if (c == '{' && s->depth == f->sw_depth)
			f->blk_bare = true, f->sw_jump[1] = false;
		if (c != '}')
			f->sw_jump[s->depth - f->sw_depth] = false;
	}
	if (f->in_def && !f->def_obj && f->sw_depth && c == '{' && s->depth == f->sw_depth &&
	    !stmt_start(f))
		f->blk_bare = false;	/* if (x) { ... } */
	if (f->in_def && !f->def_obj && f->sw_depth && c == '}' && s->depth == f->sw_depth + 1)
		f->sw_jump[0] = f->blk_bare && f->sw_jump[1];
	if (c == '{' && f->sw_pending && !f->sw_depth && f->in_def && !f->def_obj) {
		f->sw_depth = s->depth + 1;
		f->sw_nfr = s->nfr;
		f->sw_pending = false;
		f->sw_jump[0] = true;	/* nothing before the first label */
		f->sw_unguard = false;
		/* a later switch: where its groups start (it may be on
		 * something else than the command) */
		if (f->ngrp)
			full_ref(s, UABI_KREF_SWITCH, strlen(UABI_KREF_SWITCH),
				 f->ngrp < UABI_KGRP_ANY - 1 ? f->ngrp + 1 : f->ngrp, 0);
	} else if (c == '}' && f->sw_depth && s->depth == f->sw_depth) {
		/* after a switch whose default returns, only its labelled
		 * commands go on: UABI_KGRP_ANY */
		f->sw_depth = 0;
		f->grp = f->default_returns ? UABI_KGRP_ANY : 0;
		f->after_label = f->label_open = f->in_default = f->default_returns = false;
	}
	if ((c == ':' && f->ncall == 0) || c == ';' || c == '{' || c == '}')
		f->in_case = false;
	if (c == ';' || c == '{' || c == '}')
		f->assign_cmd = false;
	if (s->depth == 0) {
		if (c == '[')
			f->d_bracket++;
		else if (c == ']' && f->d_bracket > 0)
			f->d_bracket--;
		else if (c == '=' && !s->paren)
			f->d_eq = true;
		else if (c == '{')
			full_def_begin(s, f->d_eq);
		else if (c == ';' && !s->paren) {
			if (!f->d_eq && s->cand && uabi_kscan__is_upper(s->cand, s->clen)) {
				struct uabi_kfile *kf = f->kf;
				struct uabi_kuse *u;

				if (grow(&kf->uses, kf->nuses, &kf->cuses, sizeof(*kf->uses)))
					return (void)scan_nomem(s);
				u = &kf->uses[kf->nuses];
				*u = (struct uabi_kuse){ .line = s->line, .cond = scan_cond(s) };
				u->macro = uabi_arena__strndup(s->a, s->cand, s->clen);
				u->arg0 = f->u_first ? uabi_arena__strndup(s->a, f->u_first, f->u_flen)
						     : NULL;
				if (!u->macro || (f->u_first && !u->arg0) || s->err)
					return (void)scan_nomem(s);
				kf->nuses++;
			}
			full_decl_reset(f);
		}
	} else if (s->depth == 1 && c == '}') {
		bool named = f->def_name != NULL;

		full_def_end(s);
		f->in_case = false;
		f->ncall = 0;
		/* a function ends its declaration; a struct body does not
		 * (static struct { ... } x = { ... };) */
		if (!f->def_obj && named)
			full_decl_reset(f);
	}
	f->t2 = f->t1;
	f->t1 = (unsigned char)c;
}

/* ".field = value" pairs of a #define body (fops built by macros). */
static void full_macro_inits(struct scan *s, const char *name, size_t nlen, const char *body)
{
	for (const char *p = body; (p = strchr(p, '.'));) {
		const char *fld = ++p, *v;
		size_t fl, vl;

		while (is_idchar(*p))
			p++;
		fl = (size_t)(p - fld);
		while (is_hspace(*p))
			p++;
		if (!fl || *p != '=' || p[1] == '=')
			continue;
		for (p++; is_hspace(*p) || *p == '&'; p++)
			;
		v = p;
		while (is_idchar(*p))
			p++;
		vl = (size_t)(p - v);
		if (vl && is_idstart(*v) && is_entry_field(fld, fl))
			full_init(s, name, nlen, NULL, 0, fld, fl, v, vl, true, NULL, s->dir_line);
	}
}

int uabi_kscan__loose_members(const char *text, size_t len,
			      int (*add)(void *ctx, const char *name, size_t n), void *ctx)
{
	const char *p = text, *end = text + len;
	/* the next '.' and '>', each searched again only once passed (a
	 * search from every '.' for a far '>' would go quadratic) */
	const char *d = memchr(text, '.', len), *g = memchr(text, '>', len);

	while (p < end) {
		const char *q, *id;
		int err;

		if (d && d < p)
			d = memchr(p, '.', (size_t)(end - p));
		if (g && g < p)
			g = memchr(p, '>', (size_t)(end - p));
		if (d && g)
			q = d < g ? d : g;
		else
			q = d ? d : g;
		if (!q)
			break;
		p = q + 1;
		if (*q == '>' && (q == text || q[-1] != '-'))
			continue;
		while (p < end && (is_hspace(*p) || *p == '\n' || *p == '\\'))
			p++;
		if (p >= end || !is_idstart(*p))
			continue;
		for (id = p; p < end && is_idchar(*p); p++)
			;
		if ((err = add(ctx, id, (size_t)(p - id))))
			return err;
	}
	return 0;
}

/* Keep a name (kind: 0 or UABI_KREF_MEMBER[0]) in the file's loose list. */
static int put_loose(struct scan *s, const char *id, size_t n, char kind)
{
	struct uabi_kfile *kf = s->full->kf;
	struct rv_ent v = { .p = id, .n = n, .kind = kind };

	if (grow(&kf->loose, kf->nloose, &kf->cloose, sizeof(*kf->loose)))
		return scan_nomem(s);
	if (!(kf->loose[kf->nloose] = rv_string(s, &v)))
		return scan_nomem(s);
	kf->nloose++;
	return 0;
}

/* Keep a member name of a #define body in the file's loose list. */
static int add_loose(void *ctx, const char *id, size_t n)
{
	return put_loose(ctx, id, n, UABI_KREF_MEMBER[0]);
}

/* Whether (id, n) is one of a macro's parameters ("a, b", plen bytes). */
static bool macro_param(const char *params, size_t plen, const char *id, size_t n)
{
	for (size_t i = 0; i < plen;) {
		size_t j = i;

		while (j < plen && is_idchar(params[j]))
			j++;
		if (j - i == n && !memcmp(params + i, id, n))
			return true;
		i = j < plen ? j + 1 : j;
	}
	return false;
}

/* Keep the names a #define body may call (identifiers with a lowercase
 * letter, not after . or ->, no C keyword, no parameter) in the file's
 * loose list, as they are: a function a macro calls has callers no
 * function shows. */
static int macro_callees(struct scan *s, const char *body, const char *params, size_t plen)
{
	char prev = 0, prev2 = 0;
	const char *id;
	size_t n = 0;

	for (const char *p = body; (id = next_ident(&p, &n, &prev, &prev2));) {
		bool keep = !(prev == '.' || (prev == '>' && prev2 == '-')) &&
			    !uabi_kscan__is_upper(id, n) && !is_keyword(id, n) &&
			    !(params && macro_param(params, plen, id, n));

		prev2 = prev, prev = 'i';
		if (keep && put_loose(s, id, n, 0))
			return s->err;
	}
	return 0;
}

/* A #define (rest: "NAME(params) body" or "NAME body", blanks folded). */
static int full_define(struct scan *s, const char *rest)
{
	struct uabi_kfile *kf = s->full->kf;
	const char *p = rest, *params = NULL, *body;
	size_t nlen, plen = 0;
	struct uabi_kmacro *m;

	while (is_idchar(*p))
		p++;
	nlen = (size_t)(p - rest);
	if (!nlen)
		return 0;
	if (*p == '(') {
		params = ++p;
		while (*p && *p != ')')
			p++;
		plen = (size_t)(p - params);
		if (*p)
			p++;
	}
	body = p;
	while (is_hspace(*body))
		body++;
	/* a macro may read a member for the function that invokes it, and
	 * call a function for it */
	if (uabi_kscan__loose_members(body, strlen(body), add_loose, s) ||
	    macro_callees(s, body, params, plen))
		return s->err ? s->err : -ENOMEM;
	if (!strstr(body, "_IO") && !strstr(body, "##") && !strstr(body, "ioctl") &&
	    !strstr(body, "_operations"))
		return 0;
	if (grow(&kf->macros, kf->nmacros, &kf->cmacros, sizeof(*kf->macros)))
		return scan_nomem(s);
	m = &kf->macros[kf->nmacros];
	*m = (struct uabi_kmacro){ .line = s->dir_line, .cond = scan_cond(s) };
	m->name = uabi_arena__strndup(s->a, rest, nlen);
	m->body = uabi_arena__strdup(s->a, body);
	if (params) {
		char *q = uabi_arena__strndup(s->a, params, plen), *w = q;

		if (q) {
			for (const char *r = q; *r; r++)
				if (!is_hspace(*r))
					*w++ = *r;
			*w = '\0';
		}
		m->params = q;
	}
	if (!m->name || !m->body || (params && !m->params) || s->err)
		return scan_nomem(s);
	kf->nmacros++;
	if (strstr(body, "ioctl"))
		full_macro_inits(s, rest, nlen, body);
	return s->err;
}

/* #include "path": kept when path names a .c file. */
static int full_include(struct scan *s, const char *path)
{
	struct uabi_kfile *kf = s->full->kf;
	const char *e = strchr(path, '"');
	const char *c;

	if (!e || e - path < 3 || memcmp(e - 2, ".c", 2))
		return 0;
	if (grow(&kf->includes, kf->nincludes, &kf->cincludes, sizeof(*kf->includes)))
		return scan_nomem(s);
	if (!(c = uabi_arena__strndup(s->a, path, (size_t)(e - path))))
		return scan_nomem(s);
	kf->includes[kf->nincludes++] = c;
	return 0;
}

int uabi_kscan__file(const char *text, const char *file, struct uabi_arena *a,
		     struct uabi_kfile *out)
{
	struct full f = { .kf = out };
	struct scan s = { .p = text, .line = 1, .file = file, .a = a, .full = &f };

	out->file = file;
	scan_run(&s);
	if (!s.err && f.in_def)
		full_def_end(&s);	/* a body the text does not close */
	scan_done(&s);
	free(f.rv);
	free(f.vars);
	return s.err;
}

void uabi_kfile__free(struct uabi_kfile *f)
{
	free(f->names);
	free(f->defs);
	free(f->refs);
	free(f->grefs);
	free(f->inits);
	free(f->macros);
	free(f->uses);
	free(f->includes);
	free(f->loose);
	free(f->vals);
	memset(f, 0, sizeof(*f));
}

/* The lexer: comments, directives, literals, identifiers, numbers and
 * punctuation, each handed to on_ident/on_punct. */
static void scan_run(struct scan *s)
{
	bool bol = true;

	while (*s->p && !s->err) {
		char c = *s->p;

		if (c == '\n') {
			s->line++;
			s->p++;
			bol = true;
		} else if (is_hspace(c)) {
			s->p++;
		} else if (c == '\\' && s->p[1] == '\n') {
			s->line++;
			s->p += 2;
		} else if (c == '/' && s->p[1] == '*') {
			for (s->p += 2; *s->p && !(s->p[0] == '*' && s->p[1] == '/'); s->p++)
				if (*s->p == '\n')
					s->line++;
			s->p += *s->p ? 2 : 0;
		} else if (c == '/' && s->p[1] == '/') {
			while (*s->p && *s->p != '\n') {
				if (s->p[0] == '\\' && s->p[1] == '\n') {
					s->line++;
					s->p++;
				}
				s->p++;
			}
		} else if (c == '#' && bol) {
			directive(s);
		} else if (c == '"' || c == '\'') {
			bol = false;
			skip_literal(s);
			on_punct(s, '"');
		} else if (is_idstart(c)) {
			const char *id = s->p;

			bol = false;
			while (is_idchar(*s->p))
				s->p++;
			on_ident(s, id, (size_t)(s->p - id));
		} else if (c >= '0' && c <= '9') {
			bol = false;
			while (is_idchar(*s->p) || *s->p == '.')
				s->p++;
			on_punct(s, '0');
		} else {
			bol = false;
			on_punct(s, c);
			s->p++;
		}
	}
}

static void scan_done(struct scan *s)
{
	while (s->nfr)
		frame_pop(s);
	free(s->fr);
	free(s->buf);
	free(s->defs.v);
}

int uabi_kscan__labels(const char *text, const char *file, struct uabi_arena *a,
		       struct uabi_klabels *out)
{
	struct scan s = { .p = text, .line = 1, .file = file, .a = a, .out = out,
			  .first = out->n };

	scan_run(&s);
	if (!s.err)
		compat_names(&s);
	scan_done(&s);
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
