// SPDX-License-Identifier: MIT
/*
 * Kernel facts from a kernel source tree: a small Kconfig reader, a
 * case-label scanner over C text and the tree walk that combines them.
 *
 * What is approximated (the kernel's real answer needs a configured build):
 *  - CONFIG_X is y for an arch when `select X` (with or without `if`)
 *    appears anywhere in arch/<arch>/Kconfig or arch/<arch>/kvm/Kconfig, when
 *    a virt/kvm/Kconfig entry the arch has selects it (transitively: x86
 *    selects HAVE_KVM_DIRTY_RING_TSO which selects HAVE_KVM_DIRTY_RING), when
 *    virt/kvm/Kconfig defines it `def_bool y` without depends, or when X is
 *    KVM, COMPAT, the arch's own symbol or KVM_COMPAT where that evaluates
 *    to y. `if` guards of selects are ignored.
 *  - CONFIG_X is n for another arch's symbol (CONFIG_S390 on x86), for
 *    KVM_COMPAT where it evaluates to n, and for the other entries of
 *    virt/kvm/Kconfig: they are prompt-less options that exist only when an
 *    arch selects them.
 *  - Every other CONFIG_X is unknown: a user's choice (KVM_XEN, KVM_E500MC,
 *    PPC_BOOK3S_64), and a label under it counts, on both sides of an
 *    #else. Strictly "selected or n" would lose KVM_DIRTY_TLB, which powerpc
 *    dispatches only under CONFIG_KVM_E500V2 || CONFIG_KVM_E500MC. So
 *    "dispatched" means "dispatched by some configuration of the arch".
 *  - __KVM_HAVE_X holds exactly when arch/<arch>/include/uapi/asm/kvm.h
 *    #defines it.
 *  - Other macros (KVM_ARCH_WANT_MMU_NOTIFIER, KVM_ADDRESS_SPACE_NUM > 1)
 *    are unknown and count.
 *  - Function attribution follows braces at file level: the function is the
 *    identifier before the first '(' of the declaration that opens the
 *    body. Branches of #if/#else that open braces differently are balanced
 *    the way ctags does it: the #else branch restarts from the depth at the
 *    #if, the depth after the first branch wins at #endif.
 *  - Case labels produced by macro expansion are not seen.
 */
#include "kfacts.h"

#include <limits.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../core/fileio.h"

/* ---- small helpers ------------------------------------------------------ */

static bool is_idstart(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_idchar(int c)
{
	return is_idstart(c) || (c >= '0' && c <= '9');
}

static bool is_hspace(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static bool word_is(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && memcmp(s, w, n) == 0;
}

/* A growable array of const char * (strings owned elsewhere). */
struct strvec {
	const char **v;
	uint32_t n, cap;
};

static int strvec_push(struct strvec *sv, const char *s)
{
	if (sv->n == sv->cap) {
		uint32_t cap = sv->cap ? sv->cap * 2 : 64;
		const char **v = realloc(sv->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		sv->v = v;
		sv->cap = cap;
	}
	sv->v[sv->n++] = s;
	return 0;
}

static bool strvec_has(const struct strvec *sv, const char *s)
{
	for (uint32_t i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], s) == 0)
			return true;
	return false;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Is the n-byte name s in the sorted array v? */
static bool sorted_has(const char *const *v, uint32_t nv, const char *s, size_t n)
{
	uint32_t lo = 0, hi = nv;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = strncmp(v[mid], s, n);

		if (c == 0 && v[mid][n] != '\0')
			c = 1;
		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* ---- Kconfig ------------------------------------------------------------ */

/*
 * Logical lines of Kconfig text outside help texts, each with its first
 * word and the rest (trailing "# comment" and blanks cut). A backslash at
 * the end of a line continues it.
 */
struct kc_iter {
	const char *p;
	uint32_t line;
	int help_kw;		/* indent of the "help" keyword, -1 outside help */
	int help_indent;	/* indent of the first help line, -1 until seen */
};

struct kc_line {
	uint32_t line;
	const char *kw, *arg, *end;
	size_t kwlen;
};

static int kc_indent(const char *p, const char **after)
{
	int n = 0;

	for (; *p == ' ' || *p == '\t'; p++)
		n = *p == '\t' ? (n + 8) & ~7 : n + 1;
	*after = p;
	return n;
}

/* End of the logical line starting at p (the '\n' or the NUL). */
static const char *kc_eol(const char *p, uint32_t *extra)
{
	for (; *p; p++) {
		if (*p == '\\' && p[1] == '\n') {
			p++;
			(*extra)++;
		} else if (*p == '\n') {
			break;
		}
	}
	return p;
}

static bool kc_next(struct kc_iter *it, struct kc_line *l)
{
	while (*it->p) {
		const char *s, *e, *q, *cut;
		uint32_t extra = 0, line = it->line;
		bool quoted = false;
		int ind = kc_indent(it->p, &s);

		e = kc_eol(s, &extra);
		it->p = *e ? e + 1 : e;
		it->line += 1 + extra;
		if (it->help_kw >= 0) {
			if (s == e)
				continue;
			if (it->help_indent < 0 && ind > it->help_kw)
				it->help_indent = ind;
			if (it->help_indent >= 0 && ind >= it->help_indent)
				continue;
			it->help_kw = -1;
		}
		if (s == e || *s == '#')
			continue;
		for (q = s; q < e && is_idchar(*q); q++)
			;
		if (q == s)	/* "---help---" or stray punctuation */
			for (; q < e && !is_hspace(*q); q++)
				;
		l->line = line;
		l->kw = s;
		l->kwlen = (size_t)(q - s);
		for (; q < e && (is_hspace(*q) || *q == '\\' || *q == '\n'); q++)
			;
		for (cut = q; cut < e; cut++) {
			if (*cut == '"')
				quoted = !quoted;
			else if (*cut == '#' && !quoted)
				break;
		}
		while (cut > q && (is_hspace(cut[-1]) || cut[-1] == '\n' || cut[-1] == '\\'))
			cut--;
		l->arg = q;
		l->end = cut;
		if (word_is(l->kw, l->kwlen, "help") || word_is(l->kw, l->kwlen, "---help---")) {
			it->help_kw = ind;
			it->help_indent = -1;
		}
		return true;
	}
	return false;
}

/* Keywords that end a config entry. */
static bool kc_ends_entry(const struct kc_line *l)
{
	static const char *const kw[] = {
		"config", "menuconfig", "choice", "endchoice", "comment", "menu",
		"endmenu", "if", "endif", "source", "rsource", "osource", "orsource",
		"mainmenu",
	};

	for (size_t i = 0; i < sizeof(kw) / sizeof(kw[0]); i++)
		if (word_is(l->kw, l->kwlen, kw[i]))
			return true;
	return false;
}

static bool kc_is_config(const struct kc_line *l)
{
	return word_is(l->kw, l->kwlen, "config") || word_is(l->kw, l->kwlen, "menuconfig");
}

/* The first word of the argument (a config name, a selected symbol). */
static size_t kc_word(const struct kc_line *l)
{
	const char *q = l->arg;

	while (q < l->end && is_idchar(*q))
		q++;
	return (size_t)(q - l->arg);
}

/* The argument of "depends on", or NULL. */
static const char *kc_depends(const struct kc_line *l)
{
	const char *q = l->arg;

	if (!word_is(l->kw, l->kwlen, "depends") || l->end - q < 2 || memcmp(q, "on", 2) != 0 ||
	    (q + 2 < l->end && !is_hspace(q[2]) && q[2] != '\\'))
		return NULL;
	for (q += 2; q < l->end && (is_hspace(*q) || *q == '\\' || *q == '\n'); q++)
		;
	return q;
}

/* Append s..e to buf at *pos with blank runs (and line continuations)
 * folded to one space; -ENOSPC when it does not fit. */
static int kc_append(char *buf, size_t len, size_t *pos, const char *s, const char *e)
{
	bool blank = false;

	for (; s < e; s++) {
		char c = *s;

		if (c == '\\' && s + 1 < e && s[1] == '\n')
			continue;
		if (is_hspace(c) || c == '\n') {
			blank = true;
			continue;
		}
		if (blank) {
			if (*pos + 1 >= len)
				return -ENOSPC;
			buf[(*pos)++] = ' ';
			blank = false;
		}
		if (*pos + 1 >= len)
			return -ENOSPC;
		buf[(*pos)++] = c;
	}
	buf[*pos] = '\0';
	return 0;
}

static int kc_puts(char *buf, size_t len, size_t *pos, const char *s)
{
	size_t n = strlen(s);

	if (*pos + n >= len)
		return -ENOSPC;
	memcpy(buf + *pos, s, n + 1);
	*pos += n;
	return 0;
}

/* Has the expression an || outside parentheses? */
static bool has_or(const char *s, const char *e)
{
	int depth = 0;

	for (; s + 1 < e; s++) {
		if (*s == '(')
			depth++;
		else if (*s == ')')
			depth--;
		else if (!depth && s[0] == '|' && s[1] == '|')
			return true;
	}
	return false;
}

int uabi_kconfig__depends(const char *text, const char *name, char *buf, size_t len,
			  uint32_t *line)
{
	struct kc_iter it = { .p = text, .line = 1, .help_kw = -1, .help_indent = -1 };
	struct kc_line l;
	const char *dep[32][2];
	uint32_t ndep = 0;
	bool in = false, found = false;
	size_t pos = 0;
	int err;

	if (!len)
		return -ENOSPC;
	buf[0] = '\0';
	while (kc_next(&it, &l)) {
		const char *d;

		if (kc_ends_entry(&l)) {
			if (in)
				break;
			if (kc_is_config(&l) && word_is(l.arg, kc_word(&l), name) &&
			    kc_word(&l) == (size_t)(l.end - l.arg)) {
				in = found = true;
				if (line)
					*line = l.line;
			}
			continue;
		}
		if (in && (d = kc_depends(&l)) && d < l.end) {
			if (ndep == sizeof(dep) / sizeof(dep[0]))
				return -ENOSPC;
			dep[ndep][0] = d;
			dep[ndep++][1] = l.end;
		}
	}
	if (!found)
		return -ENOENT;
	/* "A || B" joined with "C" must stay (A || B) && C */
	for (uint32_t i = 0; i < ndep; i++) {
		bool paren = ndep > 1 && has_or(dep[i][0], dep[i][1]);

		if (i && (err = kc_puts(buf, len, &pos, " && ")))
			return err;
		if (paren && (err = kc_puts(buf, len, &pos, "(")))
			return err;
		if ((err = kc_append(buf, len, &pos, dep[i][0], dep[i][1])))
			return err;
		if (paren && (err = kc_puts(buf, len, &pos, ")")))
			return err;
	}
	return 0;
}

/* Recursive descent over a "depends on" expression. */
struct kx {
	const char *p;
	const char *const *yes;
	uint32_t nyes;
	bool err;
};

static void kx_ws(struct kx *x)
{
	while (is_hspace(*x->p) || *x->p == '\n' || (*x->p == '\\' && x->p[1] == '\n'))
		x->p += *x->p == '\\' ? 2 : 1;
}

/* A symbol or constant; sets *n to its length, 0 when there is none. */
static const char *kx_sym(struct kx *x, size_t *n)
{
	const char *s;

	kx_ws(x);
	s = x->p;
	if (*s == '"') {	/* "y" */
		const char *e = strchr(s + 1, '"');

		if (!e) {
			*n = 0;
			return s;
		}
		x->p = e + 1;
		*n = (size_t)(e - s - 1);
		return s + 1;
	}
	while (is_idchar(*x->p))
		x->p++;
	*n = (size_t)(x->p - s);
	return s;
}

static int kx_value(struct kx *x, const char *s, size_t n)
{
	if (word_is(s, n, "y"))
		return 1;
	for (uint32_t i = 0; i < x->nyes; i++)
		if (word_is(s, n, x->yes[i]))
			return 1;
	return 0;
}

static int kx_or(struct kx *x);

static int kx_unary(struct kx *x)
{
	const char *s, *r;
	size_t n, rn;
	bool ne;
	int v;

	kx_ws(x);
	if (*x->p == '!' && x->p[1] != '=') {
		x->p++;
		return !kx_unary(x);
	}
	if (*x->p == '(') {
		x->p++;
		v = kx_or(x);
		kx_ws(x);
		if (*x->p != ')')
			x->err = true;
		else
			x->p++;
		return v;
	}
	s = kx_sym(x, &n);
	if (!n) {
		x->err = true;
		return 0;
	}
	v = kx_value(x, s, n);
	kx_ws(x);
	if (*x->p != '=' && !(x->p[0] == '!' && x->p[1] == '='))
		return v;
	ne = *x->p == '!';
	x->p += ne ? 2 : 1;
	r = kx_sym(x, &rn);
	if (word_is(r, rn, "y"))
		return ne ? !v : v;
	if (word_is(r, rn, "n"))
		return ne ? v : !v;
	x->err = true;
	return 0;
}

static int kx_and(struct kx *x)
{
	int v = kx_unary(x);

	for (;;) {
		kx_ws(x);
		if (x->p[0] != '&' || x->p[1] != '&')
			return v;
		x->p += 2;
		v = kx_unary(x) && v;
	}
}

static int kx_or(struct kx *x)
{
	int v = kx_and(x);

	for (;;) {
		kx_ws(x);
		if (x->p[0] != '|' || x->p[1] != '|')
			return v;
		x->p += 2;
		v = kx_and(x) || v;
	}
}

int uabi_kconfig__eval(const char *expr, const char *const *yes, uint32_t nyes)
{
	struct kx x = { .p = expr, .yes = yes, .nyes = nyes };
	int v;

	if (!expr)
		return -1;
	v = kx_or(&x);
	kx_ws(&x);
	if (x.err || *x.p)
		return -1;
	return v;
}

/* ---- preprocessor conditions (three-valued) ----------------------------- */

typedef int (*cx_pred)(const void *ctx, const char *name, size_t n);

struct cx {
	const char *p;
	cx_pred pred;
	const void *ctx;
};

static int and3(int a, int b)
{
	if (a == 0 || b == 0)
		return 0;
	return a == 1 && b == 1 ? 1 : -1;
}

static int or3(int a, int b)
{
	if (a == 1 || b == 1)
		return 1;
	return a == 0 && b == 0 ? 0 : -1;
}

static void cx_ws(struct cx *x)
{
	while (is_hspace(*x->p) || *x->p == '\n')
		x->p++;
}

/* Does an operand end here (end, ')', && or ||)? */
static bool cx_at_end(struct cx *x)
{
	cx_ws(x);
	return !*x->p || *x->p == ')' || (x->p[0] == '&' && x->p[1] == '&') ||
	       (x->p[0] == '|' && x->p[1] == '|');
}

/* Skip an operand we cannot evaluate: up to a top-level &&, || or ')'. */
static int cx_opaque(struct cx *x)
{
	int depth = 0;

	for (; *x->p; x->p++) {
		if (*x->p == '(') {
			depth++;
		} else if (*x->p == ')') {
			if (!depth)
				break;
			depth--;
		} else if (!depth && ((x->p[0] == '&' && x->p[1] == '&') ||
				      (x->p[0] == '|' && x->p[1] == '|'))) {
			break;
		}
	}
	return -1;
}

static int cx_or(struct cx *x);

/* The operand of defined/IS_ENABLED: "(NAME)" or, for defined, "NAME". */
static int cx_test(struct cx *x, bool need_paren)
{
	const char *s;
	bool paren;
	int v;

	cx_ws(x);
	paren = *x->p == '(';
	if (paren)
		x->p++;
	else if (need_paren)
		return cx_opaque(x);
	cx_ws(x);
	s = x->p;
	while (is_idchar(*x->p))
		x->p++;
	if (x->p == s)
		return cx_opaque(x);
	v = x->pred(x->ctx, s, (size_t)(x->p - s));
	cx_ws(x);
	if (paren) {
		if (*x->p != ')')
			return cx_opaque(x);
		x->p++;
	}
	return v;
}

static int cx_unary(struct cx *x)
{
	const char *s;
	int v;

	cx_ws(x);
	if (*x->p == '!' && x->p[1] != '=') {
		x->p++;
		v = cx_unary(x);
		return v < 0 ? -1 : !v;
	}
	if (*x->p == '(') {
		x->p++;
		v = cx_or(x);
		cx_ws(x);
		if (*x->p != ')')
			return cx_opaque(x);
		x->p++;
	} else if (*x->p >= '0' && *x->p <= '9') {
		char *e;

		v = strtoull(x->p, &e, 0) != 0;
		x->p = e;
		while (*x->p == 'u' || *x->p == 'U' || *x->p == 'l' || *x->p == 'L')
			x->p++;
	} else if (is_idstart(*x->p)) {
		s = x->p;
		while (is_idchar(*x->p))
			x->p++;
		if (word_is(s, (size_t)(x->p - s), "defined"))
			v = cx_test(x, false);
		else if (word_is(s, (size_t)(x->p - s), "IS_ENABLED") ||
			 word_is(s, (size_t)(x->p - s), "IS_BUILTIN"))
			v = cx_test(x, true);
		else
			return cx_opaque(x);
	} else {
		return cx_opaque(x);
	}
	/* "(A) > 1", "0x10 < X": part of a larger operand */
	return cx_at_end(x) ? v : cx_opaque(x);
}

static int cx_and(struct cx *x)
{
	int v = cx_unary(x);

	while (cx_ws(x), x->p[0] == '&' && x->p[1] == '&') {
		x->p += 2;
		v = and3(v, cx_unary(x));
	}
	return v;
}

static int cx_or(struct cx *x)
{
	int v = cx_and(x);

	while (cx_ws(x), x->p[0] == '|' && x->p[1] == '|') {
		x->p += 2;
		v = or3(v, cx_and(x));
	}
	return v;
}

static int cx_eval(const char *cond, cx_pred pred, const void *ctx)
{
	struct cx x = { .p = cond, .pred = pred, .ctx = ctx };
	int v;

	if (!cond)
		return 1;
	v = cx_or(&x);
	cx_ws(&x);
	return *x.p ? -1 : v;	/* unbalanced: unknown */
}

/* An __KVM_HAVE_ name not in the yes list is n: the uapi header says all. */
static bool is_have(const char *s, size_t n)
{
	return n > 11 && memcmp(s, "__KVM_HAVE_", 11) == 0;
}

struct list_ctx {
	const char *const *yes, *const *no;
	uint32_t nyes, nno;
};

static int list_pred(const void *ctx, const char *s, size_t n)
{
	const struct list_ctx *l = ctx;

	for (uint32_t i = 0; i < l->nyes; i++)
		if (word_is(s, n, l->yes[i]))
			return 1;
	for (uint32_t i = 0; i < l->nno; i++)
		if (word_is(s, n, l->no[i]))
			return 0;
	return is_have(s, n) ? 0 : -1;
}

int uabi_kcond__eval(const char *cond, const char *const *yes, uint32_t nyes,
		     const char *const *no, uint32_t nno)
{
	struct list_ctx l = { .yes = yes, .no = no, .nyes = nyes, .nno = nno };

	return cx_eval(cond, list_pred, &l);
}

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

/* ---- the tree ----------------------------------------------------------- */

struct reader {
	const char *tree;
	char root[PATH_MAX];		/* realpath of tree: every file read resolves below it */
	struct uabi_kfacts *k;
	struct uabi_arena tmp;		/* scratch: labels, symbol names */
	struct uabi_diag *d;
	struct uabi_klabels virt;	/* labels of the virt/kvm C files */
	struct uabi_klabels arch;	/* labels of arch/<arch>/kvm, per arch */
	struct strvec virt_yes;		/* def_bool y without depends (CONFIG_X) */
	struct strvec virt_all;		/* every config of virt/kvm/Kconfig */
	struct strvec virt_sel;		/* pairs: config, what it selects (CONFIG_X) */
	const char *compat_expr;	/* KVM_COMPAT's depends */
};

/* path = "a/b", or an input error when it does not fit. */
static int join(struct reader *r, char *path, size_t size, const char *a, const char *b)
{
	int n = snprintf(path, size, "%s/%s", a, b);

	if (n < 0 || (size_t)n >= size)
		return uabi_diag__input(r->d, ENAMETOOLONG, "%s/%s: %s", r->tree, b,
					strerror(ENAMETOOLONG));
	return 0;
}

/* The kernel tree is input like the headers: a file of it is read only
 * when it is a regular file that resolves (realpath) below the tree's root,
 * and at most this big (the largest KVM source of 6.12 is under 400 KiB). */
#define KFACTS_MAX_FILE (16u << 20)

/* Read TREE/rel; an absent file is *buf == NULL when optional. A file that
 * resolves outside the tree, is not a regular file or is too big is an
 * input error naming it. */
static int read_rel(struct reader *r, const char *rel, bool optional, char **buf)
{
	char path[4096];
	int err;

	*buf = NULL;
	if ((err = join(r, path, sizeof(path), r->tree, rel)))
		return err;
	err = uabi_file__read_under(r->root, path, "the kernel tree", KFACTS_MAX_FILE, buf, NULL,
				   r->d);
	if (err == -ENOENT && optional) {
		uabi_diag__clear(r->d);
		return 0;
	}
	return err;
}

static const char *config_name(struct reader *r, const char *s, size_t n)
{
	char *c = uabi_arena__alloc(&r->tmp, n + 8);

	if (c) {
		memcpy(c, "CONFIG_", 7);
		memcpy(c + 7, s, n);
	}
	return c;
}

static int nomem(struct reader *r)
{
	return uabi_diag__input(r->d, ENOMEM, "%s: out of memory", r->tree);
}

static char *version(const char *mk, struct uabi_arena *a)
{
	static const char *const var[] = { "VERSION", "PATCHLEVEL", "SUBLEVEL" };
	unsigned long v[3];

	for (int i = 0; i < 3; i++) {
		const char *p = mk;
		size_t n = strlen(var[i]);
		bool found = false;

		while (!found && (p = strstr(p, var[i]))) {
			const char *q = p + n;

			if ((p == mk || p[-1] == '\n')) {
				while (is_hspace(*q))
					q++;
				if (*q == '=') {
					q++;
					while (is_hspace(*q))
						q++;
					if (*q >= '0' && *q <= '9') {
						v[i] = strtoul(q, NULL, 10);
						found = true;
					}
				}
			}
			p += n;
		}
		if (!found)
			return NULL;
	}
	return uabi_arena__printf(a, "%lu.%lu.%lu", v[0], v[1], v[2]);
}

static int read_virt_kconfig(struct reader *r)
{
	static const char rel[] = "virt/kvm/Kconfig";
	struct kc_iter it = { .line = 1, .help_kw = -1, .help_indent = -1 };
	const char *entry = NULL;
	size_t elen = 0;
	bool defy = false, deps = false;
	struct kc_line l;
	char *text, dep[1024];
	uint32_t line = 0;
	int err;

	if ((err = read_rel(r, rel, false, &text)))
		return err;
	err = uabi_kconfig__depends(text, "KVM_COMPAT", dep, sizeof(dep), &line);
	if (err) {
		free(text);
		return uabi_diag__input(r->d, -err, "%s/%s: %s", r->tree, rel,
					err == -ENOENT ? "no config KVM_COMPAT" :
							 "depends of KVM_COMPAT too long");
	}
	r->k->kvm_compat_site.file = uabi_arena__strdup(&r->k->arena, rel);
	r->k->kvm_compat_site.line = line;
	r->k->kvm_compat_depends = uabi_arena__strdup(&r->k->arena, dep);
	r->compat_expr = r->k->kvm_compat_depends;
	if (!r->compat_expr || !r->k->kvm_compat_site.file)
		goto oom;

	/* def_bool y without depends, and who selects what */
	it.p = text;
	for (bool more = true; more;) {
		more = kc_next(&it, &l);
		if (!more || kc_ends_entry(&l)) {
			if (entry && defy && !deps) {
				const char *c = config_name(r, entry, elen);

				if (!c || strvec_push(&r->virt_yes, c))
					goto oom;
			}
			entry = more && kc_is_config(&l) ? l.arg : NULL;
			elen = entry ? kc_word(&l) : 0;
			defy = deps = false;
			if (entry) {
				const char *c = config_name(r, entry, elen);

				if (!c || strvec_push(&r->virt_all, c))
					goto oom;
			}
			continue;
		}
		if (!entry)
			continue;
		if (word_is(l.kw, l.kwlen, "def_bool") && word_is(l.arg, (size_t)(l.end - l.arg), "y"))
			defy = true;
		else if (kc_depends(&l))
			deps = true;
		else if (word_is(l.kw, l.kwlen, "select") && kc_word(&l)) {
			const char *from = config_name(r, entry, elen);
			const char *to = config_name(r, l.arg, kc_word(&l));

			if (!from || !to || strvec_push(&r->virt_sel, from) ||
			    strvec_push(&r->virt_sel, to))
				goto oom;
		}
	}
	free(text);
	return 0;
oom:
	free(text);
	return nomem(r);
}

/* Every "select X" of a Kconfig text, as CONFIG_X. */
static int add_selects(struct reader *r, const char *text, struct strvec *yes)
{
	struct kc_iter it = { .p = text, .line = 1, .help_kw = -1, .help_indent = -1 };
	struct kc_line l;

	while (kc_next(&it, &l)) {
		const char *c;

		if (!word_is(l.kw, l.kwlen, "select") || !kc_word(&l))
			continue;
		c = config_name(r, l.arg, kc_word(&l));
		if (!c)
			return nomem(r);
		if (!strvec_has(yes, c) && strvec_push(yes, c))
			return nomem(r);
	}
	return 0;
}

/* Every "#define __KVM_HAVE_X" of the arch's uapi asm/kvm.h. */
static int add_have(struct reader *r, const char *text, struct strvec *yes)
{
	for (const char *p = text; (p = strstr(p, "__KVM_HAVE_")); p++) {
		const char *q = p, *e = p;

		while (q > text && is_hspace(q[-1]))
			q--;
		if (q - text < 6 || memcmp(q - 6, "define", 6) != 0)
			continue;
		q -= 6;
		while (q > text && is_hspace(q[-1]))
			q--;
		if (q == text || q[-1] != '#')
			continue;
		while (is_idchar(*e))
			e++;
		const char *c = uabi_arena__strndup(&r->tmp, p, (size_t)(e - p));

		if (!c)
			return nomem(r);
		if (!strvec_has(yes, c) && strvec_push(yes, c))
			return nomem(r);
	}
	return 0;
}

/* Kernel ARCH dir -> its Kconfig symbol. */
static const char *const arch_map[][2] = {
	{ "x86", "X86" }, { "arm64", "ARM64" }, { "riscv", "RISCV" },
	{ "powerpc", "PPC" }, { "s390", "S390" }, { "mips", "MIPS" },
	{ "loongarch", "LOONGARCH" }, { "arm", "ARM" },
};

static const char *arch_symbol(struct reader *r, const char *arch)
{
	char *s;

	for (size_t i = 0; i < sizeof(arch_map) / sizeof(arch_map[0]); i++)
		if (strcmp(arch_map[i][0], arch) == 0)
			return arch_map[i][1];
	/* any other arch dir: its name in capitals */
	s = uabi_arena__strdup(&r->tmp, arch);
	for (char *p = s; p && *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return s;
}

/* What holds and what does not for one arch, as sorted lists of macro
 * names; everything else is unknown. */
static int arch_yes(struct reader *r, const char *arch, bool *kvm_compat, struct strvec *yes,
		    struct strvec *no)
{
	const char *sym = arch_symbol(r, arch);
	const char *kyes[] = { "KVM", "COMPAT", sym };
	char rel[512], *text;
	int err, v;
	bool grew;

	if (!sym)
		return nomem(r);
	v = uabi_kconfig__eval(r->compat_expr, kyes, 3);
	if (v < 0)
		return uabi_diag__input(r->d, EINVAL,
					"%s/virt/kvm/Kconfig:%u: cannot evaluate depends \"%s\"",
					r->tree, r->k->kvm_compat_site.line, r->compat_expr);
	*kvm_compat = v == 1;
	if (strvec_push(yes, "CONFIG_KVM") || strvec_push(yes, "CONFIG_COMPAT") ||
	    strvec_push(yes, config_name(r, sym, strlen(sym))) ||
	    (*kvm_compat && strvec_push(yes, "CONFIG_KVM_COMPAT")))
		return nomem(r);
	if (!yes->v[2])
		return nomem(r);
	for (uint32_t i = 0; i < r->virt_yes.n; i++)
		if (!strvec_has(yes, r->virt_yes.v[i]) && strvec_push(yes, r->virt_yes.v[i]))
			return nomem(r);
	for (int i = 0; i < 2; i++) {
		snprintf(rel, sizeof(rel), i ? "arch/%s/kvm/Kconfig" : "arch/%s/Kconfig", arch);
		if ((err = read_rel(r, rel, true, &text)))
			return err;
		if (text) {
			err = add_selects(r, text, yes);
			free(text);
			if (err)
				return err;
		}
	}
	/* selects of the virt/kvm entries the arch has, to a fixed point */
	do {
		grew = false;
		for (uint32_t i = 0; i + 1 < r->virt_sel.n; i += 2) {
			if (!strvec_has(yes, r->virt_sel.v[i]) || strvec_has(yes, r->virt_sel.v[i + 1]))
				continue;
			if (strvec_push(yes, r->virt_sel.v[i + 1]))
				return nomem(r);
			grew = true;
		}
	} while (grew);
	snprintf(rel, sizeof(rel), "arch/%s/include/uapi/asm/kvm.h", arch);
	if ((err = read_rel(r, rel, true, &text)))
		return err;
	if (text) {
		err = add_have(r, text, yes);
		free(text);
		if (err)
			return err;
	}
	if (!*kvm_compat && strvec_push(no, "CONFIG_KVM_COMPAT"))
		return nomem(r);
	for (size_t i = 0; i < sizeof(arch_map) / sizeof(arch_map[0]); i++) {
		const char *c = config_name(r, arch_map[i][1], strlen(arch_map[i][1]));

		if (!c)
			return nomem(r);
		if (strcmp(arch_map[i][1], sym) != 0 && strvec_push(no, c))
			return nomem(r);
	}
	for (uint32_t i = 0; i < r->virt_all.n; i++)
		if (!strvec_has(yes, r->virt_all.v[i]) && !strvec_has(no, r->virt_all.v[i]) &&
		    strvec_push(no, r->virt_all.v[i]))
			return nomem(r);
	if (yes->n)
		qsort(yes->v, yes->n, sizeof(*yes->v), cmp_str);
	if (no->n)
		qsort(no->v, no->n, sizeof(*no->v), cmp_str);
	return 0;
}

/* Whether text has "case" + white space + "KVM_" anywhere: a file without
 * one has no label to find, and the full scan is the cost of reading
 * the facts (half the bytes of arch/x86/kvm, say, have none). */
static bool has_case_kvm(const char *text)
{
	for (const char *p = text; (p = strstr(p, "case")); p += 4) {
		const char *q = p + 4;

		if (*q != ' ' && *q != '\t')
			continue;
		while (*q == ' ' || *q == '\t')
			q++;
		if (!strncmp(q, "KVM_", 4))
			return true;
	}
	return false;
}

static int scan_file(struct reader *r, const char *rel, struct uabi_klabels *out)
{
	const char *file = uabi_arena__strdup(&r->tmp, rel);
	char *text;
	int err;

	if (!file)
		return nomem(r);
	if ((err = read_rel(r, rel, false, &text)))
		return err;
	err = has_case_kvm(text) ? uabi_kscan__labels(text, file, &r->tmp, out) : 0;
	free(text);
	return err ? nomem(r) : 0;
}

static bool ends_with_c(const char *name)
{
	size_t n = strlen(name);

	return n > 2 && strcmp(name + n - 2, ".c") == 0;
}

/* Visit the regular files of TREE/rel (uabi_file__walk: in name order,
 * symlinks skipped), descending when asked. */
static int walk_dir(struct reader *r, const char *rel, bool recurse,
		    bool (*want)(const char *name, void *ctx), int (*visit)(const char *rel, void *ctx),
		    void *ctx)
{
	return uabi_file__walk(r->tree, rel, recurse, want, visit, ctx, r->d);
}

static bool want_c(const char *name, void *ctx)
{
	(void)ctx;
	return ends_with_c(name);
}

struct labels_walk {
	struct reader *r;
	struct uabi_klabels *out;
};

static int visit_labels(const char *rel, void *ctx)
{
	struct labels_walk *w = ctx;

	return scan_file(w->r, rel, w->out);
}

/* Scan the *.c files of TREE/rel in name order, descending when asked. */
static int scan_dir(struct reader *r, const char *rel, bool recurse, struct uabi_klabels *out)
{
	struct labels_walk w = { r, out };

	return walk_dir(r, rel, recurse, want_c, visit_labels, &w);
}

struct arch_ctx {
	struct strvec yes, no;	/* sorted */
};

static int arch_pred(const void *ctx, const char *s, size_t n)
{
	const struct arch_ctx *a = ctx;

	if (sorted_has(a->yes.v, a->yes.n, s, n))
		return 1;
	if (sorted_has(a->no.v, a->no.n, s, n))
		return 0;
	return is_have(s, n) ? 0 : -1;
}

static bool is_compat_fn(const char *fn, bool arch)
{
	if (!fn)
		return false;
	if (arch)
		return strcmp(fn, "kvm_arch_vm_compat_ioctl") == 0;
	return strcmp(fn, "kvm_vcpu_compat_ioctl") == 0 || strcmp(fn, "kvm_vm_compat_ioctl") == 0;
}

static int cmp_handled(const void *pa, const void *pb)
{
	const struct uabi_khandled *a = pa, *b = pb;
	int c = strcmp(a->ioctl, b->ioctl);

	if (!c)
		c = strcmp(a->site.function, b->site.function);
	if (!c)
		c = strcmp(a->site.file, b->site.file);
	if (!c)
		c = a->site.line < b->site.line ? -1 : a->site.line > b->site.line;
	return c;
}

struct hvec {
	struct uabi_khandled *v;
	uint32_t n, cap;
};

static int hvec_push(struct hvec *h, const struct uabi_klabel *c)
{
	if (h->n == h->cap) {
		uint32_t cap = h->cap ? h->cap * 2 : 16;
		struct uabi_khandled *v = realloc(h->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		h->v = v;
		h->cap = cap;
	}
	h->v[h->n++] = (struct uabi_khandled){ c->ioctl, c->label, c->site };
	return 0;
}

/* ds: the native dispatch sites (labels in a function that is not a
 * compat handler), for telling a porter which compat handler to extend */
static int collect(const struct uabi_klabels *l, bool arch, const struct arch_ctx *ac,
		   bool kvm_compat, struct strvec *disp, struct hvec *h, struct hvec *ds)
{
	for (uint32_t i = 0; i < l->n; i++) {
		const struct uabi_klabel *c = &l->v[i];
		bool compat_fn = is_compat_fn(c->site.function, false) ||
				 is_compat_fn(c->site.function, true);

		if (cx_eval(c->cond, arch_pred, ac) == 0)
			continue;
		if (strvec_push(disp, c->ioctl))
			return -ENOMEM;
		if (c->site.function && !compat_fn && hvec_push(ds, c))
			return -ENOMEM;
		if (!kvm_compat || !is_compat_fn(c->site.function, arch))
			continue;
		if (hvec_push(h, c))
			return -ENOMEM;
	}
	return 0;
}

/* Sites sorted, unique by (ioctl, function), copied into the arena. */
static int store_sites(struct reader *r, struct hvec *h, struct uabi_khandled **out, uint32_t *nout)
{
	struct uabi_arena *a = &r->k->arena;
	uint32_t n = 0;

	if (h->n)
		qsort(h->v, h->n, sizeof(*h->v), cmp_handled);
	*out = uabi_arena__alloc(a, (h->n ? h->n : 1) * sizeof(**out));
	if (!*out)
		return nomem(r);
	for (uint32_t i = 0; i < h->n; i++) {
		const struct uabi_khandled *s = &h->v[i];
		struct uabi_khandled *t;

		if (n && strcmp((*out)[n - 1].ioctl, s->ioctl) == 0 &&
		    strcmp((*out)[n - 1].site.function, s->site.function) == 0)
			continue;
		t = &(*out)[n++];
		t->ioctl = uabi_arena__strdup(a, s->ioctl);
		t->label = uabi_arena__strdup(a, s->label);
		t->site.file = uabi_arena__strdup(a, s->site.file);
		t->site.line = s->site.line;
		t->site.function = uabi_arena__strdup(a, s->site.function);
		if (!t->ioctl || !t->label || !t->site.file || !t->site.function)
			return nomem(r);
	}
	*nout = n;
	return 0;
}

/* Copy the arch's results into k->arena: sorted, unique. */
static int arch_store(struct reader *r, struct uabi_kfacts_arch *fa, struct strvec *disp,
		      struct hvec *h, struct hvec *ds)
{
	struct uabi_arena *a = &r->k->arena;
	uint32_t n = 0;

	if (disp->n)
		qsort(disp->v, disp->n, sizeof(*disp->v), cmp_str);
	fa->dispatched = uabi_arena__alloc(a, (disp->n ? disp->n : 1) * sizeof(char *));
	if (!fa->dispatched)
		return nomem(r);
	for (uint32_t i = 0; i < disp->n; i++) {
		if (n && strcmp(fa->dispatched[n - 1], disp->v[i]) == 0)
			continue;
		if (!(fa->dispatched[n++] = uabi_arena__strdup(a, disp->v[i])))
			return nomem(r);
	}
	fa->ndispatched = n;
	return store_sites(r, h, &fa->handled, &fa->nhandled) ||
	       store_sites(r, ds, &fa->dispatch, &fa->ndispatch) ? -ENOMEM : 0;
}

static int read_arch(struct reader *r, const char *arch, struct uabi_kfacts_arch *fa)
{
	struct arch_ctx ac = { 0 };
	struct strvec disp = { 0 };
	struct hvec h = { 0 }, ds = { 0 };
	char rel[512], path[4096];
	struct stat st;
	int err;

	/* the arch/<arch>/... names below fit in rel */
	if (strlen(arch) > 128 || strchr(arch, '/') || !*arch || arch[0] == '.')
		return uabi_diag__input(r->d, EINVAL, "%s: not a kernel arch directory name",
					arch);
	snprintf(rel, sizeof(rel), "arch/%s", arch);
	if ((err = join(r, path, sizeof(path), r->tree, rel)))
		return err;
	if (lstat(path, &st) != 0)
		return uabi_diag__input(r->d, errno, "%s: %s", path, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return uabi_diag__input(r->d, ENOTDIR, "%s: %s", path, strerror(ENOTDIR));
	if (!(fa->arch = uabi_arena__strdup(&r->k->arena, arch)))
		return nomem(r);
	if ((err = arch_yes(r, arch, &fa->kvm_compat, &ac.yes, &ac.no)))
		goto out;
	r->arch.n = 0;
	snprintf(rel, sizeof(rel), "arch/%s/kvm", arch);
	if ((err = scan_dir(r, rel, true, &r->arch)))
		goto out;
	if (collect(&r->virt, false, &ac, fa->kvm_compat, &disp, &h, &ds) ||
	    collect(&r->arch, true, &ac, fa->kvm_compat, &disp, &h, &ds)) {
		err = nomem(r);
		goto out;
	}
	err = arch_store(r, fa, &disp, &h, &ds);
out:
	free(ac.yes.v);
	free(ac.no.v);
	free(disp.v);
	free(h.v);
	free(ds.v);
	return err;
}

/* ---- member references of the tree ------------------------------------ */

struct mvec {
	struct uabi_kmember *v;
	uint32_t n, cap;
};

static bool is_c_or_h(const char *name)
{
	size_t n = strlen(name);

	return n > 2 && name[n - 2] == '.' && (name[n - 1] == 'c' || name[n - 1] == 'h');
}


static int members_of_file(struct reader *r, const char *rel, const char *arch, struct mvec *mv)
{
	struct uabi_krefs refs = { 0 };
	struct uabi_arena *a = &r->k->arena;
	const char *file;
	char *text;
	int err;

	if ((err = read_rel(r, rel, false, &text)))
		return err;
	err = uabi_kscan__members(text, &r->tmp, &refs);
	free(text);
	if (err || !(file = uabi_arena__strdup(a, rel))) {
		uabi_krefs__free(&refs);
		return nomem(r);
	}
	for (uint32_t i = 0; i < refs.n && !err; i++) {
		struct uabi_kmember *m;

		if (mv->n == mv->cap) {
			uint32_t cap = mv->cap ? mv->cap * 2 : 1024;
			struct uabi_kmember *v = realloc(mv->v, cap * sizeof(*v));

			if (!v) {
				err = nomem(r);
				break;
			}
			mv->v = v;
			mv->cap = cap;
		}
		m = &mv->v[mv->n++];
		m->name = uabi_arena__strdup(a, refs.v[i].name);
		m->arch = arch;
		m->site = (struct uabi_ksite){ file, refs.v[i].line, NULL };
		if (!m->name)
			err = nomem(r);
	}
	uabi_krefs__free(&refs);
	return err;
}

struct members_walk {
	struct reader *r;
	const char *arch, *prefix;
	struct mvec *mv;
};

static bool want_members(const char *name, void *ctx)
{
	const struct members_walk *w = ctx;

	return is_c_or_h(name) && !strncmp(name, w->prefix, strlen(w->prefix));
}

static int visit_members(const char *rel, void *ctx)
{
	struct members_walk *w = ctx;

	return members_of_file(w->r, rel, w->arch, w->mv);
}

/* The *.c and *.h files of TREE/rel whose name starts with prefix, in name
 * order, descending into directories when asked. */
static int members_of_dir(struct reader *r, const char *rel, const char *arch, bool recurse,
			  const char *prefix, struct mvec *mv)
{
	struct members_walk w = { r, arch, prefix, mv };

	return walk_dir(r, rel, recurse, want_members, visit_members, &w);
}

static int cmp_kmember(const void *pa, const void *pb)
{
	const struct uabi_kmember *a = pa, *b = pb;
	int c = strcmp(a->name, b->name);

	if (!c)
		c = strcmp(a->site.file, b->site.file);
	if (!c)
		c = a->site.line < b->site.line ? -1 : a->site.line > b->site.line;
	return c;
}

/* virt/kvm/ and below and, for every arch dir of the tree, arch/A/kvm/ (and below) and
 * arch/A/include/asm/kvm*; the arch dirs with a kvm/ dir are the KVM arches. */
static int read_members(struct reader *r)
{
	struct uabi_kfacts *k = r->k;
	struct strvec kvm = { 0 };
	struct mvec mv = { 0 };
	char rel[4096], path[4096], **archs = NULL;
	uint32_t narchs = 0;
	int err;

	if ((err = members_of_dir(r, "virt/kvm", NULL, true, "", &mv)) ||
	    (err = join(r, path, sizeof(path), r->tree, "arch")) ||
	    (err = uabi_file__list_dir(path, &archs, &narchs, r->d)))
		goto out;
	for (uint32_t i = 0; i < narchs; i++) {
		const char *arch = archs[i];
		struct stat st;

		if (strlen(arch) > 128)
			continue;
		snprintf(rel, sizeof(rel), "arch/%s/kvm", arch);
		if ((err = join(r, path, sizeof(path), r->tree, rel)))
			goto out;
		if (lstat(path, &st) != 0 || !S_ISDIR(st.st_mode))
			continue;
		if (!(arch = uabi_arena__strdup(&k->arena, arch)) || strvec_push(&kvm, arch)) {
			err = nomem(r);
			goto out;
		}
		if ((err = members_of_dir(r, rel, arch, true, "", &mv)))
			goto out;
		snprintf(rel, sizeof(rel), "arch/%s/include/asm", arch);
		if ((err = members_of_dir(r, rel, arch, false, "kvm", &mv)))
			goto out;
	}
	if (mv.n)
		qsort(mv.v, mv.n, sizeof(*mv.v), cmp_kmember);
	k->members = uabi_arena__alloc(&k->arena, (mv.n ? mv.n : 1) * sizeof(*k->members));
	k->kvm_arches = uabi_arena__alloc(&k->arena, (kvm.n ? kvm.n : 1) * sizeof(*k->kvm_arches));
	if (!k->members || !k->kvm_arches) {
		err = nomem(r);
		goto out;
	}
	if (mv.n)
		memcpy(k->members, mv.v, mv.n * sizeof(*mv.v));
	k->nmembers = mv.n;
	if (kvm.n)
		memcpy(k->kvm_arches, kvm.v, kvm.n * sizeof(*kvm.v));
	k->nkvm_arches = kvm.n;
out:
	uabi_file__free_names(archs, narchs);
	free(kvm.v);
	free(mv.v);
	return err;
}

int uabi_kfacts__read(const char *tree, const char *const *arches, uint32_t narches,
		      struct uabi_kfacts *out, struct uabi_diag *d)
{
	struct reader r = { .tree = tree, .k = out, .d = d };
	char path[4096], *mk = NULL;
	struct stat st;
	int err;

	memset(out, 0, sizeof(*out));
	uabi_arena__init(&out->arena);
	uabi_arena__init(&r.tmp);
	if (!realpath(tree, r.root)) {
		err = uabi_diag__input(d, errno, "%s: %s", tree, strerror(errno));
		goto fail;
	}

	if ((err = read_virt_kconfig(&r)))
		goto fail;
	if ((err = join(&r, path, sizeof(path), tree, "virt/kvm/kvm_main.c")))
		goto fail;
	if (stat(path, &st) != 0) {
		err = uabi_diag__input(d, errno, "%s: %s", path, strerror(errno));
		goto fail;
	}
	if ((err = read_rel(&r, "Makefile", true, &mk)))
		goto fail;
	if (mk) {
		out->kernel_version = version(mk, &out->arena);
		free(mk);
	}
	if ((err = scan_dir(&r, "virt/kvm", false, &r.virt)))
		goto fail;
	out->arches = uabi_arena__alloc(&out->arena, (narches ? narches : 1) * sizeof(*out->arches));
	if (!out->arches) {
		err = nomem(&r);
		goto fail;
	}
	for (uint32_t i = 0; i < narches; i++) {
		if ((err = read_arch(&r, arches[i], &out->arches[i])))
			goto fail;
		out->narches = i + 1;
	}
	if ((err = read_members(&r)))
		goto fail;
	err = 0;
	goto done;
fail:
	uabi_kfacts__free(out);
done:
	uabi_klabels__free(&r.virt);
	uabi_klabels__free(&r.arch);
	free(r.virt_yes.v);
	free(r.virt_all.v);
	free(r.virt_sel.v);
	uabi_arena__free(&r.tmp);
	return err;
}

void uabi_kfacts__free(struct uabi_kfacts *k)
{
	if (!k)
		return;
	uabi_arena__free(&k->arena);
	memset(k, 0, sizeof(*k));
}

const struct uabi_kfacts_arch *uabi_kfacts__arch(const struct uabi_kfacts *k, const char *arch)
{
	for (uint32_t i = 0; i < k->narches; i++)
		if (strcmp(k->arches[i].arch, arch) == 0)
			return &k->arches[i];
	return NULL;
}

const struct uabi_khandled *uabi_kfacts_arch__handled(const struct uabi_kfacts_arch *a,
							const char *ioctl)
{
	uint32_t lo = 0, hi = a->nhandled;

	/* lower bound: the first entry of that ioctl */
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (strcmp(a->handled[mid].ioctl, ioctl) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < a->nhandled && strcmp(a->handled[lo].ioctl, ioctl) == 0 ? &a->handled[lo]
									     : NULL;
}

const struct uabi_khandled *uabi_kfacts_arch__dispatch(const struct uabi_kfacts_arch *a,
							 const char *ioctl, uint32_t *n)
{
	uint32_t lo = 0, hi = a->ndispatch;

	*n = 0;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (strcmp(a->dispatch[mid].ioctl, ioctl) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo + *n < a->ndispatch && strcmp(a->dispatch[lo + *n].ioctl, ioctl) == 0)
		(*n)++;
	return *n ? &a->dispatch[lo] : NULL;
}

bool uabi_kfacts_arch__dispatches(const struct uabi_kfacts_arch *a, const char *ioctl)
{
	return sorted_has(a->dispatched, a->ndispatched, ioctl, strlen(ioctl));
}

uint32_t uabi_kfacts__member_refs(const struct uabi_kfacts *k, const char *name,
				  const struct uabi_kmember **first)
{
	uint32_t lo = 0, hi = k->nmembers, end;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (strcmp(k->members[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < k->nmembers && !strcmp(k->members[end].name, name); end++)
		;
	*first = end > lo ? &k->members[lo] : NULL;
	return end - lo;
}

bool uabi_kfacts__member_used(const struct uabi_kfacts *k, const char *arch, const char *name)
{
	const struct uabi_kmember *m;
	uint32_t n = uabi_kfacts__member_refs(k, name, &m);

	for (uint32_t i = 0; i < n; i++)
		if (!m[i].arch || (arch && !strcmp(m[i].arch, arch)))
			return true;
	return false;
}

bool uabi_kfacts__has_kvm(const struct uabi_kfacts *k, const char *arch)
{
	return sorted_has(k->kvm_arches, k->nkvm_arches, arch, strlen(arch));
}
