// SPDX-License-Identifier: MIT
/* __has_include in the tree's headers: see hasinclude.h. */
#include "hasinclude.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/fileio.h"
#include "../core/fnv.h"
#include "../core/intr.h"

enum tok_kind { T_IDENT, T_NUMBER, T_HASH, T_PASTE, T_PUNCT };

struct tok {
	const char *s;
	uint32_t n;
	uint32_t line;
	enum tok_kind kind;
	bool space_before;
};

/* One macro definition: its name and the identifiers of its replacement. */
struct def {
	const char *name;
	uint32_t nlen;
	uint32_t first, count;	/* its body identifiers: ids[first..first+count) */
	bool paster;		/* pastes so that the result may be any name */
	bool reach_hi;		/* reaches __has_include */
	bool reach_paste;	/* reaches a paster */
};

/* A paste chain a ## b ## c of a def: its two ends. */
struct chain {
	struct tok a, z;
	bool a_param, z_param;
	uint32_t def;
};

struct use_of;

struct scan {
	struct use_of *users;	/* index_users */
	struct chain *chains;
	uint32_t nchains, cchains;
	struct def *defs;
	uint32_t ndefs, cdefs;
	struct tok *ids;	/* body identifiers of every def */
	uint32_t nids, cids;
	uint32_t *table;	/* open addressing: def index + 1, 0 empty */
	uint32_t tsize;
};

/* the names that tell uabi's compile from a program's on an #if line
 * (elsewhere __STDC_HOSTED__ is a reserved name, input.c); from
 * hosted_first on, the macros a program's compile predefines and uabi's
 * does not (`cc -dM -E` both ways, clang 14 and gcc 12: glibc's
 * stdc-predef.h, which gcc includes when hosted; clang's CFI macro, which
 * -ffreestanding drops): #ifdef and defined() tell them apart too */
static const char *const has_names[] = {
	"__has_include", "__has_include_next", "__STDC_HOSTED__",
	"_STDC_PREDEF_H", "__STDC_IEC_559__", "__STDC_IEC_559_COMPLEX__", "__STDC_IEC_60559_BFP__",
	"__STDC_IEC_60559_COMPLEX__", "__STDC_ISO_10646__", "__GCC_HAVE_DWARF2_CFI_ASM",
};
enum { hosted_first = 3 };

static bool is_id0(int c)
{
	return isalpha(c) || c == '_';
}

static bool is_id(int c)
{
	return isalnum(c) || c == '_';
}

static bool tok_is(const struct tok *t, const char *s)
{
	return t->n == strlen(s) && !memcmp(t->s, s, t->n);
}

static bool is_has_name(const char *s, uint32_t n)
{
	for (size_t i = 0; i < sizeof(has_names) / sizeof(has_names[0]); i++)
		if (strlen(has_names[i]) == n && !memcmp(has_names[i], s, n))
			return true;
	return false;
}

/* Whether t names a macro only a program's compile predefines. */
static bool is_hosted_name(const struct tok *t)
{
	if (t->kind != T_IDENT)
		return false;
	for (size_t i = hosted_first; i < sizeof(has_names) / sizeof(has_names[0]); i++)
		if (tok_is(t, has_names[i]))
			return true;
	return false;
}


/* The first def named s (then the others follow by scanning all). */
static bool table_put(struct scan *sc, uint32_t k)
{
	if ((sc->ndefs + 1) * 2 > sc->tsize) {
		uint32_t nsize = sc->tsize ? sc->tsize * 2 : 1024;
		uint32_t *nt = calloc(nsize, sizeof(*nt));

		if (!nt)
			return false;
		for (uint32_t i = 0; i < sc->tsize; i++) {
			uint32_t v = sc->table[i], h;

			if (!v)
				continue;
			h = uabi_fnv1a32(sc->defs[v - 1].name, sc->defs[v - 1].nlen) & (nsize - 1);
			while (nt[h])
				h = (h + 1) & (nsize - 1);
			nt[h] = v;
		}
		free(sc->table);
		sc->table = nt;
		sc->tsize = nsize;
	}
	for (uint32_t h = uabi_fnv1a32(sc->defs[k].name, sc->defs[k].nlen) & (sc->tsize - 1);;
	     h = (h + 1) & (sc->tsize - 1)) {
		if (!sc->table[h]) {
			sc->table[h] = k + 1;
			return true;
		}
	}
}

/* Calls fn for each def named s; stops when fn returns true. */
static bool any_def(const struct scan *sc, const char *s, uint32_t n,
		    bool (*fn)(const struct def *d))
{
	if (!sc->tsize)
		return false;
	for (uint32_t h = uabi_fnv1a32(s, n) & (sc->tsize - 1); sc->table[h]; h = (h + 1) & (sc->tsize - 1)) {
		const struct def *d = &sc->defs[sc->table[h] - 1];

		if (d->nlen == n && !memcmp(d->name, s, n) && fn(d))
			return true;
	}
	return false;
}

static bool def_reaches_hi(const struct def *d)
{
	return d->reach_hi;
}

static bool def_reaches_paste(const struct def *d)
{
	return d->reach_paste;
}

/* v (n entries of size bytes, *cap allocated) with room for one more:
 * doubled from first when full. The array (v itself when there was room),
 * or NULL when out of memory (v is then unchanged). */
static void *room(void *v, uint32_t n, uint32_t *cap, uint32_t first, size_t size)
{
	uint32_t c = *cap ? *cap * 2 : first;
	void *nv;

	if (n < *cap)
		return v;
	nv = realloc(v, (size_t)c * size);
	if (nv)
		*cap = c;
	return nv;
}

/* Text with its backslash-newlines removed (translation phase 2: they may
 * split a name, __has_\<newline>include), and where each was. */
struct spliced {
	char *text;		/* owned */
	size_t len;
	uint32_t *at;		/* offsets in text where a backslash-newline was, ascending */
	uint32_t n;
};

/* Splice text (len bytes) into *s; 0 or -ENOMEM. */
static int splice(const char *text, size_t len, struct spliced *s)
{
	uint32_t cap = 0;
	size_t o = 0;

	memset(s, 0, sizeof(*s));
	if (len >= UINT32_MAX || !(s->text = malloc(len + 1)))
		return -ENOMEM;
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\\' && i + 1 < len && text[i + 1] == '\n') {
			uint32_t *na = room(s->at, s->n, &cap, 16, sizeof(*na));

			if (!na)
				return -ENOMEM;
			s->at = na;
			s->at[s->n++] = (uint32_t)o;
			i++;
			continue;
		}
		s->text[o++] = text[i];
	}
	s->text[o] = '\0';
	s->len = o;
	return 0;
}

static void spliced_free(struct spliced *s)
{
	free(s->text);
	free(s->at);
}

/*
 * Tokens of spliced text, one logical line at a time (comments one space,
 * literals skipped, the digraphs %: and %:%: as # and ##): fn(ctx, toks,
 * n) per line, each token with its physical line. Returns what fn returns
 * when not 0, else 0.
 */
static int each_line(const struct spliced *sp, int (*fn)(void *ctx, struct tok *t, uint32_t n),
		     void *ctx)
{
	const char *text = sp->text;
	size_t len = sp->len;
	struct tok *t = NULL;
	uint32_t n = 0, cap = 0, line = 1, next_splice = 0;
	bool space = true;
	int ret = 0;

	for (size_t i = 0; i < len && !ret;) {
		char ch = text[i];
		struct tok k = { 0 };

		/* the lines a removed backslash-newline ended */
		while (next_splice < sp->n && sp->at[next_splice] <= i)
			line++, next_splice++;
		if (ch == '\n') {
			if (n)
				ret = fn(ctx, t, n);
			n = 0, space = true, line++, i++;
			continue;
		}
		if (ch == '/' && i + 1 < len && text[i + 1] == '*') {
			for (i += 2; i < len && !(text[i] == '*' && i + 1 < len && text[i + 1] == '/'); i++)
				line += text[i] == '\n';
			i += 2, space = true;
			continue;
		}
		if (ch == '/' && i + 1 < len && text[i + 1] == '/') {
			while (i < len && text[i] != '\n')
				i++;
			continue;
		}
		if (isspace((unsigned char)ch)) {
			i++, space = true;
			continue;
		}
		if (ch == '"' || ch == '\'') {
			for (i++; i < len && text[i] != ch && text[i] != '\n'; i++)
				if (text[i] == '\\' && i + 1 < len && text[i + 1] != '\n')
					i++;
			i += i < len && text[i] == ch;
			space = false;
			continue;
		}
		k.s = text + i, k.line = line, k.space_before = space;
		if (is_id0((unsigned char)ch)) {
			while (i < len && is_id((unsigned char)text[i]))
				i++;
			k.kind = T_IDENT;
		} else if (isdigit((unsigned char)ch) ||
			   (ch == '.' && i + 1 < len && isdigit((unsigned char)text[i + 1]))) {
			while (i < len && (is_id((unsigned char)text[i]) || text[i] == '.'))
				i++;
			k.kind = T_NUMBER;
		} else if (ch == '#' && i + 1 < len && text[i + 1] == '#') {
			i += 2, k.kind = T_PASTE;
		} else if (ch == '%' && i + 3 < len && !memcmp(text + i, "%:%:", 4)) {
			i += 4, k.kind = T_PASTE;
		} else if (ch == '%' && i + 1 < len && text[i + 1] == ':') {
			i += 2, k.kind = T_HASH;
		} else {
			i++, k.kind = ch == '#' ? T_HASH : T_PUNCT;
		}
		k.n = (uint32_t)(text + i - k.s);
		space = false;
		{
			struct tok *nt = room(t, n, &cap, 64, sizeof(*t));

			if (!nt) {
				ret = -ENOMEM;
				break;
			}
			t = nt;
		}
		t[n++] = k;
	}
	if (n && !ret)
		ret = fn(ctx, t, n);	/* no newline at the end */
	free(t);
	return ret;
}

static bool is_param(const struct tok *p, uint32_t np, const struct tok *t)
{
	if (t->kind != T_IDENT)
		return false;
	if (tok_is(t, "__VA_ARGS__"))
		return true;
	for (uint32_t i = 0; i < np; i++)
		if (p[i].n == t->n && !memcmp(p[i].s, t->s, t->n))
			return true;
	return false;
}

/* Whether a paste chain's end t (first when prefix, else last; param:
 * it is a parameter) pins the result away from the names that reach a
 * has-include expression (hi[0..nhi)): not a parameter, and not a number
 * at the end or an identifier that starts (ends) one of them. */
static bool pins(const struct tok *t, bool param, bool prefix, const struct tok *hi, uint32_t nhi)
{
	if (param)
		return false;
	if (t->kind == T_NUMBER)
		return prefix;	/* 1 ## x is a number; x ## 1 may end a name */
	if (t->kind != T_IDENT)
		return true;
	for (uint32_t i = 0; i < nhi; i++)
		if (t->n <= hi[i].n && !memcmp(prefix ? hi[i].s : hi[i].s + hi[i].n - t->n, t->s, t->n))
			return false;
	return true;
}

/* A #define's parts: name, parameters and body, from the tokens after
 * `define`. */
static void split_define(struct tok *t, uint32_t n, struct tok **name, struct tok **params,
			 uint32_t *np, struct tok **body, uint32_t *nb)
{
	uint32_t i = 1;

	*name = &t[0], *params = NULL, *np = 0;
	if (n > 1 && !t[1].space_before && tok_is(&t[1], "(")) {
		*params = &t[2];
		for (i = 2; i < n && !tok_is(&t[i], ")"); i++)
			if (t[i].kind == T_IDENT)
				(*params)[(*np)++] = t[i];
		i += i < n;
	}
	*body = &t[i], *nb = i < n ? n - i : 0;
}

static int add_def(struct scan *sc, const struct tok *name, const struct tok *params, uint32_t np,
		   const struct tok *body, uint32_t nb)
{
	struct def d = { .name = name->s, .nlen = name->n, .first = sc->nids }, *nd;
	struct tok *nt;

	for (uint32_t i = 0; i < nb; i++) {
		if (body[i].kind == T_PASTE && i > 0 && i + 1 < nb) {
			/* a chain a ## b ## c: its two ends */
			uint32_t a = i - 1, z = i + 1;

			while (z + 2 < nb && body[z + 1].kind == T_PASTE)
				z += 2;
			struct chain *nc = room(sc->chains, sc->nchains, &sc->cchains, 256, sizeof(*nc));

			if (!nc)
				return -ENOMEM;
			sc->chains = nc;
			sc->chains[sc->nchains++] = (struct chain){
				.a = body[a], .z = body[z], .def = sc->ndefs,
				.a_param = is_param(params, np, &body[a]),
				.z_param = is_param(params, np, &body[z]),
			};
		}
		if (body[i].kind != T_IDENT)
			continue;
		nt = room(sc->ids, sc->nids, &sc->cids, 4096, sizeof(*nt));
		if (!nt)
			return -ENOMEM;
		sc->ids = nt;
		sc->ids[sc->nids++] = body[i];
		d.count++;
		if (is_has_name(body[i].s, body[i].n))
			d.reach_hi = true;
	}
	nd = room(sc->defs, sc->ndefs, &sc->cdefs, 1024, sizeof(*nd));
	if (!nd)
		return -ENOMEM;
	sc->defs = nd;
	sc->defs[sc->ndefs] = d;
	if (!table_put(sc, sc->ndefs))
		return -ENOMEM;
	sc->ndefs++;
	return 0;
}

static int collect_line(void *ctx, struct tok *t, uint32_t n)
{
	struct tok *name, *params, *body;
	uint32_t np, nb;

	if (n < 3 || t[0].kind != T_HASH || !tok_is(&t[1], "define") || t[2].kind != T_IDENT)
		return 0;
	split_define(t + 2, n - 2, &name, &params, &np, &body, &nb);
	return add_def(ctx, name, params, np, body, nb);
}

/* Macros reaching a has-include name, and reaching a paster: to the
 * fixed point over the bodies. */
/* A body identifier and the def whose body it is. */
struct use_of {
	const struct tok *id;
	uint32_t def;
};

static int cmp_use(const void *a, const void *b)
{
	const struct tok *x = ((const struct use_of *)a)->id, *y = ((const struct use_of *)b)->id;
	int r = memcmp(x->s, y->s, x->n < y->n ? x->n : y->n);

	return r ? r : (x->n > y->n) - (x->n < y->n);
}

/* sc->users: every body identifier with its def, sorted by name (who
 * uses a name), for the propagation. 0 or -ENOMEM. */
static int index_users(struct scan *sc)
{
	uint32_t k = 0;

	sc->users = calloc((size_t)sc->nids + 1, sizeof(*sc->users));
	if (!sc->users)
		return -ENOMEM;
	for (uint32_t i = 0; i < sc->ndefs; i++)
		for (uint32_t j = 0; j < sc->defs[i].count; j++)
			sc->users[k++] = (struct use_of){ &sc->ids[sc->defs[i].first + j], i };
	qsort(sc->users, k, sizeof(*sc->users), cmp_use);
	return 0;
}

/*
 * The flag (reach_paste, or reach_hi) spread from each def that has it to
 * every def whose body names it: a worklist, each def queued once
 * (linear: a chain of 100,000 macros is one pass). 0, -ENOMEM, or -EINTR
 * when an interrupt (uabi_intr__pending) stopped it.
 */
static int propagate(struct scan *sc, bool paste)
{
	uint32_t *queue = malloc(((size_t)sc->ndefs + 1) * sizeof(*queue));
	uint32_t head = 0, tail = 0, steps = 0;

	if (!queue)
		return -ENOMEM;
	for (uint32_t i = 0; i < sc->ndefs; i++)
		if (paste ? sc->defs[i].reach_paste : sc->defs[i].reach_hi)
			queue[tail++] = i;
	while (head < tail) {
		const struct def *d = &sc->defs[queue[head++]];
		struct tok key = { .s = d->name, .n = d->nlen };
		struct use_of probe = { &key, 0 };
		size_t lo = 0, hi = sc->nids;

		if (!(++steps & 4095) && uabi_intr__pending()) {
			free(queue);
			return -EINTR;
		}
		/* the first use of the name */
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;

			if (cmp_use(&sc->users[mid], &probe) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < sc->nids && !cmp_use(&sc->users[lo], &probe); lo++) {
			struct def *u = &sc->defs[sc->users[lo].def];
			bool *flag = paste ? &u->reach_paste : &u->reach_hi;

			if (!*flag) {
				*flag = true;
				queue[tail++] = sc->users[lo].def;
			}
		}
	}
	free(queue);
	return 0;
}

/*
 * The pasters, and what reaches one (after propagate(sc, false)): a def
 * with a chain whose two ends can both be part of a name that matters, a
 * has-include name, a macro reaching one (glibc's __glibc_has_include,
 * pasted from __glib and c_has_include) or a macro reaching a paster (a
 * paste can build a paster's name, __CON ## CAT, whose call pastes again):
 * to the fixed point. 0, -ENOMEM or -EINTR (uabi_intr__pending).
 */
static int mark_pasters(struct scan *sc)
{
	const uint32_t nhas = (uint32_t)(sizeof(has_names) / sizeof(has_names[0]));
	struct tok *names = calloc((size_t)sc->ndefs + nhas + 1, sizeof(*names));
	bool changed = true;

	if (!names)
		return -ENOMEM;
	while (changed) {
		uint32_t n = 0;

		changed = false;
		for (uint32_t i = 0; i < nhas; i++)
			names[n++] = (struct tok){ .s = has_names[i], .n = (uint32_t)strlen(has_names[i]) };
		for (uint32_t i = 0; i < sc->ndefs; i++)
			if (sc->defs[i].reach_hi || sc->defs[i].reach_paste)
				names[n++] = (struct tok){ .s = sc->defs[i].name, .n = sc->defs[i].nlen };
		for (uint32_t i = 0; i < sc->nchains; i++) {
			const struct chain *ch = &sc->chains[i];
			struct def *d = &sc->defs[ch->def];

			if (!(i & 1023) && uabi_intr__pending()) {
				free(names);
				return -EINTR;
			}
			if (d->paster || pins(&ch->a, ch->a_param, true, names, n) ||
			    pins(&ch->z, ch->z_param, false, names, n))
				continue;
			d->paster = d->reach_paste = changed = true;
		}
		if (changed) {
			int err = propagate(sc, true);

			if (err) {
				free(names);
				return err;
			}
		}
	}
	free(names);
	return 0;
}

struct check {
	const struct scan *sc;
	struct uabi_hasinc_use *use;
	const char *file;
};

static int check_line(void *ctx, struct tok *t, uint32_t n)
{
	struct check *ck = ctx;
	bool directive = t[0].kind == T_HASH && n > 1;
	bool cond = directive && (tok_is(&t[1], "if") || tok_is(&t[1], "elif"));
	uint32_t from = 0;

	/* #ifdef X, #ifndef X, #undef X only name X: which matters when
	 * only a program's compile defines X */
	if (directive && (tok_is(&t[1], "ifdef") || tok_is(&t[1], "ifndef") || tok_is(&t[1], "undef"))) {
		if (n < 3 || !is_hosted_name(&t[2]) || tok_is(&t[1], "undef"))
			return 0;
		from = 2;
	}
	if (directive && tok_is(&t[1], "include"))
		return 0;	/* a header name is no expression */
	if (directive && tok_is(&t[1], "define") && n > 2)
		from = is_has_name(t[2].s, t[2].n) ? 2 : 3;	/* the body, or a redefinition */
	for (uint32_t i = from; i < n; i++) {
		const struct tok *k = &t[i];
		bool hi, paste = false;

		if (k->kind != T_IDENT)
			continue;
		if (tok_is(k, "defined")) {
			/* its operand is not expanded; defined is the test a
			 * name only a program's compile has fails */
			uint32_t o = i + (i + 1 < n && tok_is(&t[i + 1], "(") ? 2 : 1);

			if (o >= n || !is_hosted_name(&t[o])) {
				i = o;
				continue;
			}
			k = &t[o];
			i = o;
		}
		hi = is_has_name(k->s, k->n) || any_def(ck->sc, k->s, k->n, def_reaches_hi);
		if (!hi && cond)
			paste = any_def(ck->sc, k->s, k->n, def_reaches_paste);
		if (!hi && !paste)
			continue;
		snprintf(ck->use->file, sizeof(ck->use->file), "%s", ck->file);
		ck->use->line = k->line;
		snprintf(ck->use->name, sizeof(ck->use->name), "%.*s", (int)k->n, k->s);
		ck->use->paste = paste;
		ck->use->hosted = is_hosted_name(k);
		return 1;
	}
	return 0;
}

static int cmp_file(const void *key, const void *elt)
{
	return strcmp(key, *(const char *const *)elt);
}

int uabi_hasinc__find(const struct uabi_cpp *cpp, bool (*in_tree)(void *ctx, const char *file),
		      void *ctx, struct uabi_hasinc_use *use)
{
	struct scan sc = { 0 };
	/* the tree's files, then the outside macros' definitions; the defs
	 * point into them until the end */
	struct spliced *texts = calloc((size_t)cpp->nfiles + cpp->nmacros + 1, sizeof(*texts));
	struct spliced *btexts = texts ? texts + cpp->nfiles : NULL;
	int ret = 0;

	memset(use, 0, sizeof(*use));
	if (!texts)
		return -ENOMEM;
	/* the tree's definitions, every one of them (texts[i].text stays
	 * NULL for a file outside the tree) */
	for (uint32_t i = 0; i < cpp->nfiles && !ret; i++) {
		char *raw;
		size_t len;

		if (!in_tree(ctx, cpp->files[i]) || uabi_file__read(cpp->files[i], &raw, &len, NULL) != 0)
			continue;
		ret = splice(raw, len, &texts[i]);
		free(raw);
		if (!ret)
			ret = each_line(&texts[i], collect_line, &sc);
	}
	/* and those of the C library and the compiler, as the -dD pass saw
	 * them (a tree header's macros are in its text above) */
	for (uint32_t i = 0; i < cpp->nmacros && !ret; i++) {
		const struct uabi_macro *m = &cpp->macros[i];
		const char *const *f = m->file ? bsearch(m->file, cpp->files, cpp->nfiles,
							 sizeof(*cpp->files), cmp_file) : NULL;
		size_t n;
		char *def;

		/* a file entered was asked once (realpath per macro is slow) */
		if (f ? texts[f - cpp->files].text != NULL : m->file && in_tree(ctx, m->file))
			continue;
		n = strlen(m->name) + (m->params ? strlen(m->params) : 0) + strlen(m->body) + 16;
		def = malloc(n);
		if (!def) {
			ret = -ENOMEM;
			break;
		}
		n = (size_t)snprintf(def, n, "#define %s%s %s", m->name, m->params ? m->params : "",
				     m->body);
		ret = splice(def, n, &btexts[i]);
		free(def);
		if (!ret)
			ret = each_line(&btexts[i], collect_line, &sc);
	}
	if (!ret)
		ret = index_users(&sc);
	if (!ret)
		ret = propagate(&sc, false);
	if (!ret)
		ret = mark_pasters(&sc);
	for (uint32_t i = 0; i < cpp->nfiles && !ret; i++) {
		struct check ck = { .sc = &sc, .use = use, .file = cpp->files[i] };

		if (texts[i].text)
			ret = each_line(&texts[i], check_line, &ck);
	}
	for (uint32_t i = 0; i < cpp->nfiles + cpp->nmacros; i++)
		spliced_free(&texts[i]);
	free(texts);
	free(sc.users);
	free(sc.chains);
	free(sc.defs);
	free(sc.ids);
	free(sc.table);
	return ret;
}
