// SPDX-License-Identifier: MIT
#include "pptaint.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/fnv.h"

static const char *const specials[] = { "_Pragma", "__BASE_FILE__", "__COUNTER__", "__TIMESTAMP__" };

static bool id1(char ch)
{
	return ch == '_' || ch == '$' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static bool idc(char ch)
{
	return id1(ch) || (ch >= '0' && ch <= '9');
}

static bool is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

/* The end of the pp-number at s (a digit, or . and a digit): 0x1_Pragma
 * is one number, no name. */
static const char *ppnum_end(const char *s, const char *end)
{
	for (s++; s < end; s++) {
		if ((*s == '+' || *s == '-') && strchr("eEpP", s[-1]))
			continue;
		if (!idc(*s) && *s != '.')
			break;
	}
	return s;
}

/* ---- the names: an open-addressing set of (pointer, length) ----------- */

struct nset {
	const char **s;
	size_t *len;
	size_t cap, n;		/* cap a power of two */
};

static bool nset_has(const struct nset *ns, const char *s, size_t n)
{
	if (!ns->cap)
		return false;
	for (size_t h = uabi_fnv1a32(s, n) & (ns->cap - 1);; h = (h + 1) & (ns->cap - 1)) {
		if (!ns->s[h])
			return false;
		if (ns->len[h] == n && !memcmp(ns->s[h], s, n))
			return true;
	}
}

static int nset_add(struct nset *ns, const char *s, size_t n)
{
	if (nset_has(ns, s, n))
		return 0;
	if (2 * (ns->n + 1) > ns->cap) {
		struct nset g = { 0 };

		g.cap = ns->cap ? ns->cap * 2 : 64;
		g.s = calloc(g.cap, sizeof(*g.s));
		g.len = calloc(g.cap, sizeof(*g.len));
		if (!g.s || !g.len) {
			free(g.s);
			free(g.len);
			return -ENOMEM;
		}
		for (size_t i = 0; i < ns->cap; i++)
			if (ns->s[i])
				nset_add(&g, ns->s[i], ns->len[i]);
		free(ns->s);
		free(ns->len);
		*ns = g;
	}
	for (size_t h = uabi_fnv1a32(s, n) & (ns->cap - 1);; h = (h + 1) & (ns->cap - 1)) {
		if (!ns->s[h]) {
			ns->s[h] = s;
			ns->len[h] = n;
			ns->n++;
			return 0;
		}
	}
}

static void nset_free(struct nset *ns)
{
	free(ns->s);
	free(ns->len);
}

/* ---- the #define lines of the -dD text -------------------------------- */

enum chain_kind { CH_PREFIX, CH_SUFFIX, CH_ANY };

struct ref {			/* a name a body names, or a paste chain */
	const char *s;
	size_t n;
	enum chain_kind kind;
	bool chain;
	bool operand;		/* the name is pasted (## next to it) */
};

struct def {
	const char *name;
	size_t nlen;
	uint32_t first, nrefs;	/* its refs */
};

struct tok {
	const char *s;
	size_t n;
	char kind;		/* 'i' name, 'p' parameter, 'n' number, '#' ##, 'o' other */
};

static bool is_param(const char *params, const char *pend, const char *s, size_t n)
{
	for (const char *p = params; p < pend;) {
		const char *b;

		while (p < pend && !id1(*p))
			p++;
		b = p;
		while (p < pend && idc(*p))
			p++;
		if ((size_t)(p - b) == n && !memcmp(b, s, n))
			return true;
	}
	/* ... names its arguments __VA_ARGS__ */
	return n == 11 && !memcmp(s, "__VA_ARGS__", 11) && memmem(params, (size_t)(pend - params), "...", 3);
}

/* The tokens of a body (string and character literals skipped). */
static size_t body_tokens(const char *s, const char *end, const char *params, const char *pend,
			  struct tok *v, size_t cap)
{
	size_t n = 0;

	while (s < end && n < cap) {
		const char *b = s;

		if (*s == ' ' || *s == '\t') {
			s++;
			continue;
		}
		if (*s == '"' || *s == '\'') {
			char q = *s;

			for (s++; s < end && *s != q; s++)
				if (*s == '\\')
					s++;
			s++;
			v[n++] = (struct tok){ b, 1, 'o' };
			continue;
		}
		if (is_digit(*s) || (*s == '.' && s + 1 < end && is_digit(s[1]))) {
			s = ppnum_end(s, end);
			v[n++] = (struct tok){ b, (size_t)(s - b), 'n' };
			continue;
		}
		if (id1(*s)) {
			while (s < end && idc(*s))
				s++;
			v[n++] = (struct tok){ b, (size_t)(s - b),
					       params && is_param(params, pend, b, (size_t)(s - b)) ? 'p' : 'i' };
			continue;
		}
		if ((end - s >= 2 && s[0] == '#' && s[1] == '#') ||
		    (end - s >= 4 && !memcmp(s, "%:%:", 4))) {
			s += *s == '#' ? 2 : 4;
			v[n++] = (struct tok){ b, (size_t)(s - b), '#' };
			continue;
		}
		s++;
		v[n++] = (struct tok){ b, 1, 'o' };
	}
	return n;
}

struct defs {
	struct def *d;
	size_t n, cap;
	struct ref *r;
	size_t nr, rcap;
};

static int add_ref(struct defs *ds, struct ref r)
{
	if (ds->nr == ds->rcap) {
		size_t cap = ds->rcap ? ds->rcap * 2 : 1024;
		struct ref *v = realloc(ds->r, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		ds->r = v;
		ds->rcap = cap;
	}
	ds->r[ds->nr++] = r;
	return 0;
}

/* One "#define NAME[(PARAMS)] BODY" line of the -dD text. */
static int add_def(struct defs *ds, const char *s, const char *end, struct tok *tv, size_t tcap)
{
	const char *name = s, *params = NULL, *pend = NULL;
	size_t nt;
	int err = 0;

	while (s < end && idc(*s))
		s++;
	if (s == name)
		return 0;
	if (ds->n == ds->cap) {
		size_t cap = ds->cap ? ds->cap * 2 : 1024;
		struct def *v = realloc(ds->d, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		ds->d = v;
		ds->cap = cap;
	}
	ds->d[ds->n] = (struct def){ name, (size_t)(s - name), (uint32_t)ds->nr, 0 };
	if (s < end && *s == '(') {
		params = s + 1;
		while (s < end && *s != ')')
			s++;
		pend = s;
		if (s < end)
			s++;
	}
	nt = body_tokens(s, end, params, pend, tv, tcap);
	if (nt == tcap)		/* too long to follow: any name */
		err = add_ref(ds, (struct ref){ "", 0, CH_ANY, true, true });
	for (size_t i = 0; i < nt && !err; i++) {
		size_t j;

		if (tv[i].kind == 'i')
			err = add_ref(ds, (struct ref){ tv[i].s, tv[i].n, CH_PREFIX, false,
						       (i + 1 < nt && tv[i + 1].kind == '#') ||
						       (i > 0 && tv[i - 1].kind == '#') });
		if (i + 1 >= nt || tv[i + 1].kind != '#' || (i > 0 && tv[i - 1].kind == '#'))
			continue;
		/* a chain: tv[i] ## ... ## tv[j] */
		for (j = i; j + 2 < nt && tv[j + 1].kind == '#'; j += 2)
			;
		if (err)
			break;
		if (tv[i].kind == 'i')
			err = add_ref(ds, (struct ref){ tv[i].s, tv[i].n, CH_PREFIX, true, true });
		else if (tv[i].kind == 'n')
			continue;	/* a number stays a number */
		else if (tv[j].kind == 'i' || tv[j].kind == 'n')
			err = add_ref(ds, (struct ref){ tv[j].s, tv[j].n, CH_SUFFIX, true, true });
		else
			err = add_ref(ds, (struct ref){ "", 0, CH_ANY, true, true });
	}
	if (!err) {
		ds->d[ds->n].nrefs = (uint32_t)ds->nr - ds->d[ds->n].first;
		ds->n++;
	}
	return err;
}

static bool chain_hits(const struct ref *r, const struct nset *ns, bool any)
{
	if (r->kind == CH_ANY)
		return any;
	for (size_t h = 0; h < ns->cap; h++) {
		const char *s = ns->s[h];
		size_t n = ns->len[h];

		if (!s || n < r->n)
			continue;
		if (r->kind == CH_PREFIX ? !memcmp(s, r->s, r->n) : !memcmp(s + n - r->n, r->s, r->n))
			return true;
	}
	return false;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int to_sorted(const struct nset *ns, char ***vp, size_t *np)
{
	char **v = calloc(ns->n ? ns->n : 1, sizeof(*v));
	size_t n = 0;

	if (!v)
		return -ENOMEM;
	for (size_t h = 0; h < ns->cap; h++) {
		if (!ns->s[h])
			continue;
		v[n] = strndup(ns->s[h], ns->len[h]);
		if (!v[n]) {
			while (n)
				free(v[--n]);
			free(v);
			return -ENOMEM;
		}
		n++;
	}
	qsort(v, n, sizeof(*v), cmp_name);
	*vp = v;
	*np = n;
	return 0;
}

/* bad: the tainted names of ds (any: see uabi_taint__build) and the
 * four; pre: their proper starts but the tainted names themselves. */
static int closure(const struct defs *ds, bool any, struct nset *bad, struct nset *pre)
{
	bool changed = true;
	int err = 0;

	for (size_t i = 0; !err && i < sizeof(specials) / sizeof(specials[0]); i++)
		err = nset_add(bad, specials[i], strlen(specials[i]));
	/* until no #define names a tainted name any more */
	while (!err && changed) {
		changed = false;
		for (size_t i = 0; !err && i < ds->n; i++) {
			const struct def *d = &ds->d[i];

			if (nset_has(bad, d->name, d->nlen))
				continue;
			for (uint32_t k = d->first; k < d->first + d->nrefs; k++) {
				const struct ref *r = &ds->r[k];

				if (r->chain ? chain_hits(r, bad, any) : nset_has(bad, r->s, r->n)) {
					err = nset_add(bad, d->name, d->nlen);
					changed = true;
					break;
				}
			}
		}
	}
	for (size_t h = 0; !err && h < bad->cap; h++)
		for (size_t k = 1; !err && bad->s[h] && k < bad->len[h]; k++)
			if (!nset_has(bad, bad->s[h], k))
				err = nset_add(pre, bad->s[h], k);
	return err;
}

/* a: the macros whose expansion can reach a chain of two parameters. */
static int reach_any(const struct defs *ds, struct nset *a)
{
	bool changed = true;
	int err = 0;

	while (!err && changed) {
		changed = false;
		for (size_t i = 0; !err && i < ds->n; i++) {
			const struct def *d = &ds->d[i];

			if (nset_has(a, d->name, d->nlen))
				continue;
			for (uint32_t k = d->first; k < d->first + d->nrefs; k++) {
				const struct ref *r = &ds->r[k];

				if (r->chain ? chain_hits(r, a, true) : nset_has(a, r->s, r->n)) {
					err = nset_add(a, d->name, d->nlen);
					changed = true;
					break;
				}
			}
		}
	}
	return err;
}

int uabi_taint__build(struct uabi_taint *t, const char *dd)
{
	struct nset reach = { 0 };
	struct defs ds = { 0 };
	struct nset bad = { 0 }, pre = { 0 };
	struct tok *tv = malloc(4096 * sizeof(*tv));
	int err = tv ? 0 : -ENOMEM;

	memset(t, 0, sizeof(*t));
	for (const char *p = dd; !err && *p;) {
		const char *e = strchr(p, '\n'), *end = e ? e : p + strlen(p);

		if (end - p > 8 && !memcmp(p, "#define ", 8))
			err = add_def(&ds, p + 8, end, tv, 4096);
		p = e ? e + 1 : end;
	}
	if (!err)
		err = closure(&ds, false, &bad, &pre);
	/* a name a body passes on (no ## next to it) that starts a tainted
	 * name: a chain of two parameters could complete it */
	for (size_t i = 0; !err && !t->any && i < ds.n; i++) {
		const struct def *d = &ds.d[i];

		if (nset_has(&bad, d->name, d->nlen))
			continue;
		for (uint32_t k = d->first; k < d->first + d->nrefs && !t->any; k++)
			t->any = !ds.r[k].chain && !ds.r[k].operand && nset_has(&pre, ds.r[k].s, ds.r[k].n);
	}
	if (!err && t->any) {
		nset_free(&bad);
		nset_free(&pre);
		memset(&bad, 0, sizeof(bad));
		memset(&pre, 0, sizeof(pre));
		err = closure(&ds, true, &bad, &pre);
	}
	if (!err)
		err = to_sorted(&bad, &t->v, &t->n);
	if (!err)
		err = to_sorted(&pre, &t->pre, &t->npre);
	if (!err && !t->any)
		err = reach_any(&ds, &reach);
	if (!err)
		err = to_sorted(&reach, &t->reach, &t->nreach);
	if (err)
		uabi_taint__free(t);
	nset_free(&bad);
	nset_free(&pre);
	nset_free(&reach);
	free(ds.d);
	free(ds.r);
	free(tv);
	return err;
}

void uabi_taint__free(struct uabi_taint *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i]);
	free(t->v);
	for (size_t i = 0; i < t->npre; i++)
		free(t->pre[i]);
	free(t->pre);
	for (size_t i = 0; i < t->nreach; i++)
		free(t->reach[i]);
	free(t->reach);
	memset(t, 0, sizeof(*t));
}

static bool in_sorted(char *const *v, size_t nv, const char *s, size_t n)
{
	size_t lo = 0, hi = nv;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strncmp(v[mid], s, n);

		if (!c && v[mid][n])
			c = 1;
		if (!c)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* ---- the lines that expand macros ------------------------------------- */

/*
 * text as the compiler's lexer sees it: backslash-newline splices (blanks
 * between them too, as clang allows) removed, each comment one blank (a
 * block comment over lines keeps its newlines and leaves a '@' where it
 * ends, so that line is not taken for a directive), the inside of string
 * and character literals blanked. Malloc'd; NULL: out of memory.
 */
static char *lexed(const char *text, size_t len)
{
	char *o = malloc(len + 1), *q = o;
	const char *s = text, *end = text + len;

	if (!o)
		return NULL;
	/* splices first */
	while (s < end) {
		if (*s == '\\') {
			const char *k = s + 1;

			while (k < end && (*k == ' ' || *k == '\t'))
				k++;
			if (k < end && *k == '\r')
				k++;
			if (k < end && *k == '\n') {
				s = k + 1;
				continue;
			}
		}
		/* a NUL is a blank to clang ("null character ignored") */
		*q++ = *s ? *s : ' ';
		s++;
	}
	end = q;
	for (s = q = o; s < end;) {
		if (s + 1 < end && s[0] == '/' && s[1] == '/') {
			while (s < end && *s != '\n')
				s++;
			*q++ = ' ';
		} else if (s + 1 < end && s[0] == '/' && s[1] == '*') {
			bool lines = false;

			for (s += 2; s < end && !(s + 1 < end && s[0] == '*' && s[1] == '/'); s++) {
				if (*s == '\n') {
					*q++ = '\n';
					lines = true;
				}
			}
			s = s < end ? s + 2 : end;
			*q++ = lines ? '@' : ' ';
		} else if (*s == '"' || *s == '\'') {
			char quote = *s;

			*q++ = *s++;
			while (s < end && *s != quote && *s != '\n') {
				if (*s == '\\' && s + 1 < end && s[1] != '\n') {
					*q++ = ' ';
					s++;
				}
				*q++ = ' ';
				s++;
			}
			if (s < end && *s == quote)
				*q++ = *s++;
		} else {
			*q++ = *s++;
		}
	}
	*q = '\0';
	return o;
}

static const char *blanks(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t' || *s == '\f' || *s == '\v' || *s == '\r'))
		s++;
	return s;
}

/* Whether the line s[0..end) names a tainted name or "pragma"
 * (#pragma, the pragma of a _Pragma string is blanked: _Pragma itself is
 * tainted). */
static bool line_acts(const struct uabi_taint *t, const char *s, const char *end, bool *reach,
		      bool *pre)
{
	while (s < end) {
		const char *b = s;

		if (is_digit(*s) || (*s == '.' && s + 1 < end && is_digit(s[1]))) {
			s = ppnum_end(s, end);
			continue;
		}
		if (!id1(*s)) {
			s++;
			continue;
		}
		while (s < end && idc(*s))
			s++;
		if (in_sorted(t->v, t->n, b, (size_t)(s - b)) ||
		    ((size_t)(s - b) == 6 && !memcmp(b, "pragma", 6)))
			return true;
		/* a start of one, and a macro that pastes two parameters: a
		 * macro's arguments are the file's own */
		if (!t->any && in_sorted(t->pre, t->npre, b, (size_t)(s - b)))
			*pre = true;
		if (!t->any && in_sorted(t->reach, t->nreach, b, (size_t)(s - b)))
			*reach = true;
	}
	return false;
}

static bool acts(const struct uabi_taint *t, const char *text, size_t len, bool skip_defines)
{
	char *o = lexed(text, len);
	bool found = false, reach = false, pre = false;

	if (!o)
		return true;	/* out of memory: the slow way */
	for (const char *p = o; *p && !found;) {
		const char *e = strchr(p, '\n'), *end = e ? e : p + strlen(p), *s = blanks(p, end);

		if (s < end && (*s == '#' || (*s == '%' && s + 1 < end && s[1] == ':'))) {
			const char *w = blanks(s + (*s == '#' ? 1 : 2), end), *we = w;

			while (we < end && idc(*we))
				we++;
			if (skip_defines && we - w == 6 && !memcmp(w, "define", 6)) {
				p = e ? e + 1 : end;
				continue;
			}
			if (we - w == 6 && !memcmp(w, "pragma", 6)) {
				const char *k = blanks(we, end);

				/* #pragma pack(...): its words only */
				if (we == end || !(*we == ' ' || *we == '\t') || end - k < 4 ||
				    memcmp(k, "pack", 4) || (k + 4 < end && idc(k[4]))) {
					found = true;
					break;
				}
				s = k + 4;
			}
		}
		found = line_acts(t, s, end, &reach, &pre);
		p = e ? e + 1 : end;
	}
	free(o);
	return found || (reach && pre);
}

bool uabi_taint__src_acts(const struct uabi_taint *t, const char *text, size_t len)
{
	return acts(t, text, len, true);
}

bool uabi_taint__code_acts(const struct uabi_taint *t, const char *code)
{
	return acts(t, code, strlen(code), false);
}
