// SPDX-License-Identifier: MIT
/* A small Kconfig reader: logical lines, "depends on", expressions. See
 * kconfig.h. */
#include "kconfig.h"

#include <errno.h>
#include <string.h>

#include "ctext.h"

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

bool uabi_kconfig__next(struct uabi_kconfig_iter *it, struct uabi_kconfig_line *l)
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
bool uabi_kconfig__ends_entry(const struct uabi_kconfig_line *l)
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

bool uabi_kconfig__is_config(const struct uabi_kconfig_line *l)
{
	return word_is(l->kw, l->kwlen, "config") || word_is(l->kw, l->kwlen, "menuconfig");
}

/* The first word of the argument (a config name, a selected symbol). */
size_t uabi_kconfig__word(const struct uabi_kconfig_line *l)
{
	const char *q = l->arg;

	while (q < l->end && is_idchar(*q))
		q++;
	return (size_t)(q - l->arg);
}

/* The argument of "depends on", or NULL. */
const char *uabi_kconfig__depends_on(const struct uabi_kconfig_line *l)
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
	struct uabi_kconfig_iter it = { .p = text, .line = 1, .help_kw = -1, .help_indent = -1 };
	struct uabi_kconfig_line l;
	const char *dep[32][2];
	uint32_t ndep = 0;
	bool in = false, found = false;
	size_t pos = 0;
	int err;

	if (!len)
		return -ENOSPC;
	buf[0] = '\0';
	while (uabi_kconfig__next(&it, &l)) {
		const char *d;

		if (uabi_kconfig__ends_entry(&l)) {
			if (in)
				break;
			if (uabi_kconfig__is_config(&l) && word_is(l.arg, uabi_kconfig__word(&l), name) &&
			    uabi_kconfig__word(&l) == (size_t)(l.end - l.arg)) {
				in = found = true;
				if (line)
					*line = l.line;
			}
			continue;
		}
		if (in && (d = uabi_kconfig__depends_on(&l)) && d < l.end) {
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
