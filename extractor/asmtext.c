// SPDX-License-Identifier: MIT
#include "asmtext.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the preprocessed text ------------------------------------------- */

/* A walk over `cc -E` output line by line, following the `# N "file"`
 * markers: file/flen is the file the current line belongs to, line its
 * number there. */
struct cppwalk {
	const char *p;
	const char *s;		/* the current line */
	size_t n;		/* its length */
	const char *file;
	size_t flen;
	uint32_t line;
	bool marker;		/* the current line is a marker */
};

static bool is_id1(int ch)
{
	return isalpha(ch) || ch == '_' || ch == '$';
}

static bool is_id(int ch)
{
	return isalnum(ch) || ch == '_' || ch == '$';
}

static bool walk_next(struct cppwalk *w)
{
	const char *e, *q;

	if (!*w->p)
		return false;
	if (w->s && !w->marker)
		w->line++;
	e = strchr(w->p, '\n');
	w->s = w->p;
	w->n = e ? (size_t)(e - w->p) : strlen(w->p);
	w->p = e ? e + 1 : w->p + w->n;
	w->marker = false;
	q = w->s;
	if (w->n > 2 && q[0] == '#' && q[1] == ' ' && isdigit((unsigned char)q[2])) {
		char *end;
		unsigned long ln = strtoul(q + 2, &end, 10);

		if (*end == ' ' && end[1] == '"') {
			const char *f = end + 2, *fe = f;

			while (fe < w->s + w->n && *fe != '"') {
				if (*fe == '\\' && fe + 1 < w->s + w->n)
					fe++;
				fe++;
			}
			w->file = f;
			w->flen = (size_t)(fe - f);
			w->line = (uint32_t)ln;
			w->marker = true;
		}
	}
	return true;
}

static bool walk_builtin(const struct cppwalk *w)
{
	return w->file && w->flen && w->file[0] == '<';
}

/* Names whose expansion is a string literal without a " in sight. */
static const char *const string_names[] = {
	"__BASE_FILE__", "__DATE__", "__FILE_NAME__", "__FILE__", "__FUNCTION__",
	"__PRETTY_FUNCTION__", "__TIMESTAMP__", "__TIME__", "__builtin_FILE",
	"__builtin_FUNCTION", "__func__", "_Pragma", "__asm", "__asm__", "asm",
};

struct names {
	const char **v;		/* the start of each name in the cpp text */
	size_t *len;
	size_t n, cap;
};

static bool names_has(const struct names *ns, const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof(string_names) / sizeof(string_names[0]); i++)
		if (strlen(string_names[i]) == n && !memcmp(string_names[i], s, n))
			return true;
	for (size_t i = 0; ns && i < ns->n; i++)
		if (ns->len[i] == n && !memcmp(ns->v[i], s, n))
			return true;
	return false;
}

static void names_add(struct names *ns, const char *s, size_t n)
{
	if (ns->n == ns->cap) {
		size_t cap = ns->cap ? ns->cap * 2 : 16;
		const char **v = realloc(ns->v, cap * sizeof(*v));
		size_t *len = v ? realloc(ns->len, cap * sizeof(*len)) : NULL;

		if (v)
			ns->v = v;
		if (!len)
			return;	/* out of memory: the name is then not special,
				 * but the caller counts a failed add as risk */
		ns->len = len;
		ns->cap = cap;
	}
	ns->v[ns->n] = s;
	ns->len[ns->n++] = n;
}

/*
 * Whether the C text s[0..n) could make a string literal: a " (any string,
 * prefixed or not), a name of the list, a stringizing # (in a function-like
 * macro body, funclike). Character constants are skipped whole, so '"' is
 * no string.
 */
static bool text_risk(const char *s, size_t n, bool funclike, const struct names *ns)
{
	size_t i = 0;

	while (i < n) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == '"')
			return true;
		if (ch == '\'') {
			for (i++; i < n && s[i] != '\''; i++)
				if (s[i] == '\\')
					i++;
			i++;
			continue;
		}
		if (isdigit(ch) || (ch == '.' && i + 1 < n && isdigit((unsigned char)s[i + 1]))) {
			/* a pp-number: 0x1asm is no name */
			for (i++; i < n; i++) {
				if ((s[i] == '+' || s[i] == '-') && strchr("eEpP", s[i - 1]))
					continue;
				if (!is_id((unsigned char)s[i]) && s[i] != '.')
					break;
			}
			continue;
		}
		if (is_id1(ch)) {
			size_t b = i;

			while (i < n && is_id((unsigned char)s[i]))
				i++;
			if (names_has(ns, s + b, i - b))
				return true;
			continue;
		}
		if (funclike && (ch == '#' || (ch == '%' && i + 1 < n && s[i + 1] == ':'))) {
			size_t w = ch == '#' ? 1 : 2;

			/* ## (or %:%:) pastes tokens, which makes no string */
			if (i + w < n && (s[i + w] == '#' || (s[i + w] == '%' && i + w + 1 < n &&
							     s[i + w + 1] == ':'))) {
				i += w * 2;
				continue;
			}
			return true;
		}
		i++;
	}
	return false;
}

/* "#  define" -> the directive word at s (after the #), its length. */
static size_t directive(const char *s, size_t n, const char **word)
{
	size_t i = 1, b;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	b = i;
	while (i < n && is_id((unsigned char)s[i]))
		i++;
	*word = s + b;
	return i - b;
}

/* The body of a #define line and whether the macro is function-like. */
static const char *define_body(const char *word, const char *end, bool *funclike,
			       const char **name, size_t *nlen)
{
	const char *q = word + 6;

	while (q < end && (*q == ' ' || *q == '\t'))
		q++;
	*name = q;
	while (q < end && is_id((unsigned char)*q))
		q++;
	*nlen = (size_t)(q - *name);
	*funclike = q < end && *q == '(';
	if (*funclike) {
		while (q < end && *q != ')')
			q++;
		if (q < end)
			q++;
	}
	return q;
}

static const char *skip_blanks(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

/* A decimal power of two (1, 2, 4, ... 2^31), no sign, suffix or leading
 * zero: its end, else NULL. */
static const char *pow2_literal(const char *s, const char *end)
{
	unsigned long v = 0;
	const char *b = s;

	if (s == end || *s < '1' || *s > '9')
		return NULL;
	for (; s < end && isdigit((unsigned char)*s); s++) {
		if (s - b >= 10)
			return NULL;
		v = v * 10 + (unsigned long)(*s - '0');
	}
	if (s < end && (is_id((unsigned char)*s) || *s == '.'))
		return NULL;	/* 4u, 4.0, 4e1: not this literal */
	return v && v <= 0x80000000ul && !(v & (v - 1)) ? s : NULL;
}

/* Whether word[0..end) (after the #) is `pragma pack(...)` in one of the
 * forms that only set the alignment of the members after it: pack(),
 * pack(N), pack(push), pack(push, N), pack(pop), N a power of two, blanks
 * between the tokens. It names no section, symbol or string, so it cannot
 * put text of its own into the assembly; any other pragma (comment,
 * section, redefine_extname, a pack with an identifier, a macro or a
 * string in it) still counts as a risk. */
static bool pack_pragma(const char *word, const char *end)
{
	const char *s = word + 6, *n;

	if (end - word < 6 || memcmp(word, "pragma", 6) || s == end || (*s != ' ' && *s != '\t'))
		return false;
	s = skip_blanks(s, end);
	if (end - s < 4 || memcmp(s, "pack", 4))
		return false;
	s = skip_blanks(s + 4, end);
	if (s == end || *s++ != '(')
		return false;
	s = skip_blanks(s, end);
	if ((n = pow2_literal(s, end))) {
		s = n;
	} else if (end - s >= 4 && !memcmp(s, "push", 4) && (s + 4 == end || !is_id((unsigned char)s[4]))) {
		s = skip_blanks(s + 4, end);
		if (s < end && *s == ',') {
			s = pow2_literal(skip_blanks(s + 1, end), end);
			if (!s)
				return false;
		}
	} else if (end - s >= 3 && !memcmp(s, "pop", 3) && (s + 3 == end || !is_id((unsigned char)s[3]))) {
		s += 3;
	}
	s = skip_blanks(s, end);
	if (s == end || *s++ != ')')
		return false;
	return skip_blanks(s, end) == end;
}

/* The walk of uabi_asm__cpp_risk; with defs, a risk in a #define body
 * only sets *defs (and the walk goes on). */
static bool cpp_risk(const char *cpp, char *file, size_t len, uint32_t *line, bool *defs)
{
	struct cppwalk w = { .p = cpp };
	struct names ns = { 0 };
	bool risk = false;

	while (!risk && walk_next(&w)) {
		const char *s = w.s, *end = w.s + w.n, *word, *name, *body;
		size_t wl, nlen;
		bool funclike = false;

		if (w.marker)
			continue;
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		if (s < end && *s == '#') {
			wl = directive(s, (size_t)(end - s), &word);
			if (wl == 5 && !memcmp(word, "undef", 5))
				continue;
			if (wl == 6 && pack_pragma(word, end))
				continue;
			if (wl != 6 || memcmp(word, "define", 6)) {
				risk = true;	/* #pragma, #ident, #line, ... */
				break;
			}
			body = define_body(word, end, &funclike, &name, &nlen);
			if (walk_builtin(&w)) {
				/* the compiler's own: remember the string ones */
				size_t had = ns.n;

				if (memchr(body, '"', (size_t)(end - body))) {
					names_add(&ns, name, nlen);
					risk = ns.n == had;
				}
				continue;
			}
			risk = text_risk(body, (size_t)(end - body), funclike, &ns);
			if (risk && defs) {
				*defs = true;
				risk = false;
			}
			continue;
		}
		if (walk_builtin(&w))
			continue;
		risk = text_risk(s, (size_t)(end - s), false, &ns);
	}
	free(ns.v);
	free(ns.len);
	if (risk) {
		snprintf(file, len, "%.*s", w.file ? (int)w.flen : 0, w.file ? w.file : "");
		*line = w.file ? w.line : 0;
	}
	return risk;
}

bool uabi_asm__cpp_risk(const char *cpp, char *file, size_t len, uint32_t *line)
{
	return cpp_risk(cpp, file, len, line, NULL);
}

bool uabi_asm__cpp_code_risk(const char *cpp, char *file, size_t len, uint32_t *line, bool *defs)
{
	*defs = false;
	return cpp_risk(cpp, file, len, line, defs);
}

bool uabi_asm__body_risk(const char *body, bool funclike)
{
	return text_risk(body, strlen(body), funclike, NULL);
}

bool uabi_asm__code_risk(const char *code)
{
	return text_risk(code, strlen(code), true, NULL);
}

/* ---- the assembly ---------------------------------------------------- */

/*
 * The directives gcc 12 (s390 -m31) and clang 14 (the 14 other targets)
 * write for the 6.1 KVM probes of all 15 profiles, plus those both write
 * for a plain variable a header defines (symbol, section and alignment
 * directives, wider data). None reads a file, defines or expands a macro,
 * repeats or conditions text. Sorted for bsearch.
 */
static const char *const allowed[] = {
	".2byte", ".4byte", ".8byte", ".abicalls", ".abiversion", ".addrsig", ".addrsig_sym",
	".align", ".ascii", ".asciz", ".attribute", ".balign", ".bss", ".byte", ".comm", ".data",
	".dword", ".eabi_attribute", ".file", ".fpu", ".globl", ".gnu_attribute", ".half",
	".hidden", ".hword", ".ident", ".int", ".lcomm", ".local", ".long", ".machine",
	".machinemode", ".module", ".nan", ".p2align", ".previous", ".protected", ".quad",
	".section", ".set", ".short", ".size", ".sleb128", ".space", ".string", ".syntax", ".text",
	".type", ".uleb128", ".value", ".weak", ".word", ".xword", ".zero",
};

static int cmp_name(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

/* `.set .LTOC, .Ltmp0+32768` (ppc32): a local label set to a label
 * expression; mips' `.set noreorder` and the like are not written for a
 * probe. */
static bool set_ok(const char *a, const char *end)
{
	while (a < end && (*a == ' ' || *a == '\t'))
		a++;
	if (end - a < 3 || a[0] != '.' || a[1] != 'L')
		return false;
	for (; a < end; a++) {
		if (*a == '#')
			break;	/* the comment */
		if (!is_id((unsigned char)*a) && !strchr(".,+- \t", *a))
			return false;
	}
	return true;
}

/* Lexical checks on the whole line, comments included: on a target where
 * what looks like a comment is none, a ; there would start a statement. */
static const char *line_lex(const char *s, size_t n)
{
	bool in_str = false;

	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if ((ch < 0x20 && ch != '\t') || ch == 0x7f)
			return "a control character";
		if (in_str) {
			if (ch == '\\')
				i++;
			else if (ch == '"')
				in_str = false;
			continue;
		}
		if (ch == '"')
			in_str = true;
		else if (ch == ';')
			return "a statement separator";
		else if (ch == '\'' || ch == '\\' || ch == '`')
			return "a character compilers do not write outside strings";
		else if ((ch == '/' && i + 1 < n && s[i + 1] == '*') ||
			 (ch == '*' && i + 1 < n && s[i + 1] == '/'))
			return "a block comment";
	}
	return in_str ? "an unterminated string" : NULL;
}

/* The statements of one line: labels, then at most one directive. */
static const char *line_check(const char *s, size_t n)
{
	const char *end = s + n, *why = line_lex(s, n);

	if (why)
		return why;
	for (;;) {
		const char *b, *q;
		char name[32];

		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		if (s == end)
			return NULL;
		if (*s == '#' || *s == '@' || (*s == '/' && s + 1 < end && s[1] == '/')) {
			q = s + (*s == '/' ? 2 : 1);
			while (q < end && (*q == ' ' || *q == '\t'))
				q++;
			/* gcc's #APP/#NO_APP and the # N "file" markers inside,
			 * clang's #APP and file scope asm comments */
			if ((end - q >= 3 && !memcmp(q, "APP", 3)) ||
			    (end - q >= 6 && !memcmp(q, "NO_APP", 6)) ||
			    (q < end && isdigit((unsigned char)*q)) ||
			    memmem(q, (size_t)(end - q), "inline assembly", 15))
				return "an inline asm region";
			return NULL;
		}
		b = s;
		if (*s == '"') {
			for (s++; s < end && *s != '"'; s++)
				if (*s == '\\')
					s++;
			s++;
		} else if (*s == '.' || is_id1((unsigned char)*s)) {
			while (s < end && (is_id((unsigned char)*s) || *s == '.'))
				s++;
		} else {
			return "a statement compilers do not write";
		}
		if (s < end && *s == ':') {
			s++;	/* a label; a statement may follow */
			continue;
		}
		if (*b != '.')
			return "an instruction";
		if ((size_t)(s - b) >= sizeof(name))
			return "a directive outside the allow-list";
		memcpy(name, b, (size_t)(s - b));
		name[s - b] = '\0';
		if (!bsearch(name, allowed, sizeof(allowed) / sizeof(allowed[0]), sizeof(allowed[0]),
			     cmp_name))
			return "a directive outside the allow-list";
		if (!strcmp(name, ".set") && !set_ok(s, end))
			return "a .set of unknown use";
		return NULL;
	}
}

int uabi_asm__check(const char *s, uint32_t *line, const char **why)
{
	uint32_t ln = 0;

	while (*s) {
		const char *e = strchr(s, '\n');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		const char *w;

		ln++;
		w = line_check(s, n);
		if (w) {
			*line = ln;
			*why = w;
			return -EPERM;
		}
		s += n + (e != NULL);
	}
	return 0;
}

/* ---- where it came from ---------------------------------------------- */

/* One string literal of the headers, decoded, adjacent ones joined. */
struct lit {
	char *text;
	size_t len;
	const char *file;
	size_t flen;
	uint32_t line;
};

/* Decode the C string literal at s (at the opening "), appending to buf;
 * returns the end (after the closing "). */
static const char *decode(const char *s, const char *end, char *buf, size_t *o)
{
	for (s++; s < end && *s != '"'; s++) {
		char ch = *s;

		if (ch == '\\' && s + 1 < end) {
			static const char esc[] = "n\nt\tr\rv\vf\fa\ab\be\033";
			const char *k;

			s++;
			if (*s >= '0' && *s <= '7') {
				int v = 0;

				for (int d = 0; d < 3 && s < end && *s >= '0' && *s <= '7'; d++, s++)
					v = v * 8 + (*s - '0');
				s--;
				ch = (char)v;
			} else if (*s == 'x') {
				int v = 0;

				while (s + 1 < end && isxdigit((unsigned char)s[1])) {
					s++;
					v = v * 16 + (isdigit((unsigned char)*s) ? *s - '0' :
						      tolower((unsigned char)*s) - 'a' + 10);
				}
				ch = (char)v;
			} else if ((k = strchr(esc, *s)) && ((k - esc) % 2) == 0) {
				ch = k[1];
			} else {
				ch = *s;
			}
		}
		buf[(*o)++] = ch;
	}
	return s < end ? s + 1 : s;
}

static void lits_free(struct lit *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].text);
	free(v);
}

/* The string literals of the non-builtin code lines and macro bodies. */
static struct lit *collect(const char *cpp, size_t *np)
{
	struct cppwalk w = { .p = cpp };
	struct lit *v = NULL, *cur = NULL;
	size_t n = 0, cap = 0;

	while (walk_next(&w)) {
		const char *s = w.s, *end = w.s + w.n;

		if (w.marker || walk_builtin(&w))
			continue;
		while (s < end) {
			if (*s == '\'') {
				for (s++; s < end && *s != '\''; s++)
					if (*s == '\\')
						s++;
				s++;
				cur = NULL;
				continue;
			}
			if (*s != '"') {
				if (*s != ' ' && *s != '\t' && !(s + 1 < end && s[1] == '"' &&
								 strchr("LuU8", *s)))
					cur = NULL;
				s++;
				continue;
			}
			if (!cur) {
				if (n == cap) {
					struct lit *nv = realloc(v, (cap ? cap * 2 : 16) * sizeof(*v));

					if (!nv)
						goto done;
					v = nv;
					cap = cap ? cap * 2 : 16;
				}
				cur = &v[n++];
				*cur = (struct lit){ .file = w.file, .flen = w.flen, .line = w.line };
			}
			/* the decoded text is never longer than the literal */
			char *t = realloc(cur->text, cur->len + (size_t)(end - s) + 1);

			if (!t)
				goto done;
			cur->text = t;
			s = decode(s, end, cur->text, &cur->len);
			cur->text[cur->len] = '\0';
		}
	}
done:
	*np = n;
	return v;
}

/* Line number ln (1-based) of s, its length in *n; NULL past the end. */
static const char *nth_line(const char *s, uint32_t ln, size_t *n)
{
	const char *e;

	for (uint32_t k = 1; k < ln; k++) {
		e = strchr(s, '\n');
		if (!e)
			return NULL;
		s = e + 1;
	}
	if (!*s)
		return NULL;
	e = strchr(s, '\n');
	*n = e ? (size_t)(e - s) : strlen(s);
	return s;
}

/* The line after the line s of length *n (which gets its length). */
static const char *next_line(const char *s, size_t *n)
{
	return s[*n] ? nth_line(s + *n + 1, 1, n) : NULL;
}

/* The longest start of the line t[0..sl) (blanks trimmed) that a literal
 * holds, if longer than *best_len: then *best and *whole updated. */
static void match_line(const struct lit *v, size_t n, const char *t, size_t sl, size_t *best_len,
		       size_t *best, bool *whole)
{
	while (sl && (*t == ' ' || *t == '\t')) {
		t++;
		sl--;
	}
	while (sl && (t[sl - 1] == ' ' || t[sl - 1] == '\t'))
		sl--;
	for (size_t i = 0; i < n; i++) {
		size_t lo = *best_len + 1, hi = sl;

		if (!v[i].text || lo > hi || !memmem(v[i].text, v[i].len, t, lo))
			continue;
		while (lo < hi) {
			size_t mid = (lo + hi + 1) / 2;

			if (memmem(v[i].text, v[i].len, t, mid))
				lo = mid;
			else
				hi = mid - 1;
		}
		*best_len = lo;
		*best = i;
		*whole = lo == sl;
	}
}

/* "\t.loc 1 3 0" -> 1, 3; "\t.file 1 \"dir\" \"name\"" -> 1 and the path. */
static bool parse_loc(const char *s, size_t n, unsigned *fno, unsigned *ln)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%.*s", (int)(n < 63 ? n : 63), s);
	return sscanf(buf, " .loc %u %u", fno, ln) == 2;
}

/* The quoted operands of `.file fno "a" ["b"]`: gcc names the file, clang
 * (DWARF 5) a directory and the name in it. */
static bool file_args(const char *s, unsigned fno, const char **a, size_t *al, const char **b,
		      size_t *bl)
{
	size_t n;

	for (; (s = nth_line(s, 1, &n)); s += n + (s[n] != '\0')) {
		const char *q = s, *end = s + n, *ae, *bs = NULL, *be = NULL;
		char *after;

		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if (end - q < 7 || memcmp(q, ".file", 5) || (q[5] != ' ' && q[5] != '\t'))
			continue;
		if (strtoul(q + 6, &after, 10) != fno || after == q + 6 ||
		    !(q = memchr(after, '"', (size_t)(end - after))) ||
		    !(ae = memchr(q + 1, '"', (size_t)(end - q - 1))))
			continue;
		if ((bs = memchr(ae + 1, '"', (size_t)(end - ae - 1))))
			be = memchr(bs + 1, '"', (size_t)(end - bs - 1));
		*a = q + 1;
		*al = (size_t)(ae - q - 1);
		*b = be ? bs + 1 : NULL;
		*bl = be ? (size_t)(be - bs - 1) : 0;
		return true;
	}
	return false;
}

/* The path of file fno of the .loc directives, absolute when the
 * assembly says where it was compiled (clang's file 0). */
static bool file_of(const char *s, unsigned fno, char *file, size_t len)
{
	const char *a, *b, *ca, *cb;
	size_t al, bl, cal, cbl;

	if (!file_args(s, fno, &a, &al, &b, &bl))
		return false;
	if (!b)
		snprintf(file, len, "%.*s", (int)al, a);
	else if (*a != '/' && fno && file_args(s, 0, &ca, &cal, &cb, &cbl) && cb)
		snprintf(file, len, "%.*s/%.*s/%.*s", (int)cal, ca, (int)al, a, (int)bl, b);
	else
		snprintf(file, len, "%.*s/%.*s", (int)al, a, (int)bl, b);
	return true;
}

enum uabi_asm_where uabi_asm__locate(const char *cpp, const char *s, uint32_t line, char *file,
				     size_t len, uint32_t *fline)
{
	size_t n = 0, best_len = 0, best = 0, sl;
	struct lit *v = collect(cpp, &n);
	enum uabi_asm_where found = UABI_ASM_NOWHERE;
	bool whole = false;
	unsigned tries = 0, fno, ln;
	const char *t;

	/* the text of a string: each bad line and the few after it (an
	 * inline asm region starts with the compiler's markers, a section
	 * name with its directive), the first 64 bad lines at most */
	for (t = nth_line(s, line, &sl); t && tries < 64; t = next_line(t, &sl)) {
		const char *q = t;
		size_t ql = sl;

		if (!line_check(t, sl))
			continue;
		tries++;
		for (int j = 0; j < 5 && q; j++, q = next_line(q, &ql))
			match_line(v, n, q, ql, &best_len, &best, &whole);
		/* a word in common is chance: ".byte" is in many strings */
		if (best_len >= 8 || (whole && best_len >= 4)) {
			snprintf(file, len, "%.*s", (int)v[best].flen, v[best].file);
			*fline = v[best].line;
			found = UABI_ASM_STRING;
			break;
		}
	}
	/* else a function: the line its first .loc names */
	t = nth_line(s, line, &sl);
	for (int k = 0; !found && k < 8 && t; k++, t = next_line(t, &sl)) {
		if (parse_loc(t, sl, &fno, &ln) && file_of(s, fno, file, len)) {
			*fline = ln;
			found = UABI_ASM_FUNCTION;
		}
	}
	lits_free(v, n);
	return found;
}
