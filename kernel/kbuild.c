// SPDX-License-Identifier: MIT
/*
 * Which arches may build a source file, from the tree's Kconfig and
 * Makefile / Kbuild text. See kbuild.h.
 *
 * Every fact is three-valued per arch, kept as two masks (struct tri): a
 * bit of y says the arch surely has it, a bit of n that it surely has not,
 * neither bit unknown.
 *
 * Kconfig becomes a graph of nodes, each with a formula over others:
 *  - a symbol: the OR of its entries (config/menuconfig NAME), an entry
 *    the AND of its own "depends on" and of the block around it; only its
 *    n bits count (a symbol whose dependencies hold is still the user's
 *    choice, so unknown), the fixed table's symbols are what the table says;
 *  - a block (if EXPR, or a menu's / choice's "depends on"): its
 *    conditions AND the block around it, up to the Kconfig file;
 *  - a Kconfig file: n outside its arch when under arch/<A>/, AND the OR
 *    of the blocks of the "source" lines that name it (one no line names:
 *    no restriction): drivers/zorro/Kconfig, sourced only from arch/m68k,
 *    is n on every arch here.
 * The values are the least fixed point of those formulas (a worklist from
 * all-unknown; each value only gains bits), so a dependency cycle stays
 * unknown and no answer depends on the order of the questions.
 *
 * Makefiles list objects and directories under gates (obj-$(CONFIG_X)); a
 * directory's gate is the OR of the lines that list it, each AND the gate
 * of the directory holding the line (always an ancestor: words with ".."
 * are not read), and a directory no line lists has its parent's. Those
 * gates have no negation, so only their n bits matter.
 */
#include "kbuild.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../core/arena.h"
#include "../core/fnv.h"
#include "../core/vec.h"
#include "ctext.h"
#include "kconfig.h"

#define ALL UABI_KBUILD_ALL
#define NONE UINT32_MAX

/* Bounds on hostile text; real trees stay far below each. */
#define KC_DEPTH 64		/* nested if/menu/choice blocks of one file */
#define PROG_MAX 1024		/* operations of one "depends on" (else unknown) */
#define PROG_STACK 64		/* operands pending in one */
#define EXPR_DEPTH 32		/* nesting of ! and ( */
#define PATTERN_MAX 16		/* "source" lines with $(VAR) (more: wild) */
#define SOLVE_BUDGET (1u << 26)	/* operations evaluated by one fixed point */
#define COMP_DEPTH 8		/* composite objects inside composite objects */
#define QUERY_BUDGET 4096	/* listings visited by one question */

const char *const uabi_kbuild_arches[UABI_KBUILD_NARCH] = {
	"arm64", "mips", "powerpc", "riscv", "s390", "x86",
};

/* ---- three-valued masks -------------------------------------------------- */

struct tri {
	uint8_t y, n;
};

static const struct tri T_Y = { ALL, 0 }, T_N = { 0, ALL }, T_U = { 0, 0 };

static struct tri t_and(struct tri a, struct tri b)
{
	return (struct tri){ (uint8_t)(a.y & b.y), (uint8_t)(a.n | b.n) };
}

static struct tri t_or(struct tri a, struct tri b)
{
	return (struct tri){ (uint8_t)(a.y | b.y), (uint8_t)(a.n & b.n) };
}

static struct tri t_not(struct tri a)
{
	return (struct tri){ a.n, a.y };
}

/* ---- the fixed symbols --------------------------------------------------- */

/* Each arch's own symbols that are y on its 64-bit kernels with compat
 * (mirrors kernel/ioctls.c's arch_syms, without CONFIG_). */
static const char *const own_syms[UABI_KBUILD_NARCH][3] = {
	{ "ARM64" },
	{ "MIPS", "CPU_MIPS64", "MIPS32_COMPAT" },
	{ "PPC", "PPC64", "PPC_BOOK3S_64" },
	{ "RISCV" },
	{ "S390" },
	{ "X86", "X86_64", "IA32_EMULATION" },
};

/* y on every arch here: 64-bit kernels with compat. */
static const char *const all_syms[] = { "64BIT", "COMPAT" };

/* n on every arch but their own (kernel/ioctls.c's other_syms): the arch
 * symbols, the 32-bit ones (these are 64-bit kernels), and COMPILE_TEST:
 * it builds drivers for hardware the arch does not have, to test that
 * they compile; no arch's kernel in use sets it, and drivers say
 * "depends on ARCH_FOO || COMPILE_TEST" to mean ARCH_FOO's arch only. */
static const char *const other_syms[] = {
	"ALPHA", "ARC", "ARM", "ARM64", "CSKY", "HEXAGON", "IA64", "LOONGARCH", "M68K",
	"MICROBLAZE", "MIPS", "NIOS2", "OPENRISC", "PARISC", "PPC", "PPC32", "PPC64", "RISCV",
	"S390", "SH", "SPARC", "SPARC32", "SPARC64", "UML", "X86", "X86_32", "X86_64", "XTENSA",
	"32BIT", "COMPILE_TEST",
};

uint8_t uabi_kbuild__bit(const char *arch)
{
	for (unsigned int i = 0; i < UABI_KBUILD_NARCH; i++)
		if (!strcmp(arch, uabi_kbuild_arches[i]))
			return (uint8_t)(1u << i);
	return 0;
}

static uint8_t bit_n(const char *s, size_t n)
{
	for (unsigned int i = 0; i < UABI_KBUILD_NARCH; i++)
		if (word_is(s, n, uabi_kbuild_arches[i]))
			return (uint8_t)(1u << i);
	return 0;
}

/* The arches that can build what is in path: all of them, or under
 * arch/<A>/ only A (none when A is not one of them). */
static uint8_t path_em(const char *rel)
{
	const char *sl;

	if (strncmp(rel, "arch/", 5) || !(sl = strchr(rel + 5, '/')))
		return ALL;
	return bit_n(rel + 5, (size_t)(sl - rel - 5));
}

bool uabi_kbuild__wanted(const char *name)
{
	return !strcmp(name, "Makefile") || !strcmp(name, "Kbuild") ||
	       !strncmp(name, "Kconfig", 7);
}

/* ---- names --------------------------------------------------------------- */

/* Open addressing over borrowed keys (arena copies), linear probing. */
struct slot {
	const char *key;	/* NULL: empty */
	uint32_t len, id;
};

struct htab {
	struct slot *s;
	uint32_t cap, n;	/* cap: a power of two, 0 before the first key */
};

static struct slot *ht_slot(const struct htab *t, const char *k, size_t n)
{
	uint32_t i = (uint32_t)uabi_fnv1a64(k, n) & (t->cap - 1);

	while (t->s[i].key && !(t->s[i].len == n && !memcmp(t->s[i].key, k, n)))
		i = (i + 1) & (t->cap - 1);
	return &t->s[i];
}

static const struct slot *ht_get(const struct htab *t, const char *k, size_t n)
{
	const struct slot *s;

	if (!t->cap)
		return NULL;
	s = ht_slot(t, k, n);
	return s->key ? s : NULL;
}

/* Room for one more key (load at most 1/2): 0 or -ENOMEM. */
static int ht_reserve(struct htab *t)
{
	struct htab g;

	if ((t->n + 1) * 2 <= t->cap)
		return 0;
	if (t->cap >= (1u << 30))
		return -ENOMEM;
	g.cap = t->cap ? t->cap * 2 : 1024;
	g.n = t->n;
	if (!(g.s = calloc(g.cap, sizeof(*g.s))))
		return -ENOMEM;
	for (uint32_t i = 0; i < t->cap; i++)
		if (t->s[i].key)
			*ht_slot(&g, t->s[i].key, t->s[i].len) = t->s[i];
	free(t->s);
	*t = g;
	return 0;
}

/* ---- the reader ---------------------------------------------------------- */

/* A compiled "depends on" / "if" expression: postfix operations, each
 * the low 3 bits an opcode and the rest its argument. */
enum { OP_SYM, OP_CONST, OP_AND, OP_OR, OP_NOT, OP_EQ, OP_ISM, OP_NOTM };
#define OP(o, arg) ((uint32_t)(arg) << 3 | (uint32_t)(o))
enum { C_U, C_Y, C_N };		/* OP_CONST's argument */

struct prog {
	struct prog *next;	/* the next condition ANDed with this one */
	uint32_t n;
	uint32_t op[];
};

/* A config entry of a symbol: its "depends on" inside a block. */
struct entry {
	struct entry *next;
	struct prog *deps;
	uint32_t block;		/* node of the innermost block, or of the file */
};

/* A "select" line of another symbol's entry: it forces this symbol past
 * its own "depends on" where the selector may be y (and "if" holds). */
struct sel {
	struct sel *next;
	uint32_t by;		/* the selecting symbol */
	uint32_t block;		/* the block of its entry */
	struct prog *cond;	/* select X if COND, or NULL */
};

/* A "source" line naming a file, inside a block. */
struct site {
	struct site *next;
	uint32_t block;
};

/* A "source" line whose path has $(VAR) (arch/$(SRCARCH)/Kconfig): it may
 * name any file the pattern matches (arch/ * /Kconfig, one component). */
struct pattern {
	struct pattern *next;
	const char *glob;
	uint32_t block;
};

enum { N_SYM, N_BLOCK, N_FILE };

struct node {
	const char *name;	/* N_SYM: the symbol; N_FILE: the Kconfig path */
	uint8_t kind;
	uint8_t fy, fn;		/* N_SYM: the fixed table's y and n bits */
	uint8_t em;		/* N_FILE: the arches of its directory */
	bool queued;
	struct tri v;
	uint32_t up;		/* N_BLOCK: the enclosing block or file */
	struct prog *progs;	/* N_BLOCK: its conditions */
	struct entry *ent;	/* N_SYM: its config entries */
	struct sel *sel;	/* N_SYM: the select lines naming it */
	struct site *sites;	/* N_FILE: the source lines naming it */
	struct site *psites;	/* N_FILE: the patterns matching it (each index) */
};

#define GATE_Y UINT32_MAX	/* obj-y, obj-m, a gate that cannot be read */
#define GATE_N (UINT32_MAX - 1)	/* obj-n */

/* A Makefile line that lists an object or a directory. */
struct listing {
	struct listing *next;
	uint32_t gate;		/* the symbol node of obj-$(CONFIG_X), or GATE_* */
	uint32_t from;		/* mpath of the directory the line's words are relative to */
	uint32_t comp;		/* mpath of the composite object it belongs to, or NONE */
	uint8_t em;		/* the arches of the Makefile's directory */
};

/* An object ("drivers/block/swim", without .o) or a directory
 * ("drivers/block/", the root ""), with the lines listing it. */
struct mpath {
	const char *key;
	struct listing *l;
	struct listing *wild;	/* a directory: its Makefile's lines with a word not read */
	uint8_t n;		/* a directory's gate (n bits), when memo */
	bool memo;
};

struct uabi_kbuild {
	struct uabi_arena a;
	struct node *node;
	uint32_t nnode, cnode;
	struct htab syms, kfiles;
	struct mpath *mp;
	uint32_t nmp, cmp;
	struct htab mpaths;
	struct pattern *pats;
	uint32_t npats;
	bool odd;		/* a "source" path with a wildcard inside a component */
	bool wild;		/* odd, or more patterns than PATTERN_MAX: any file may be sourced */
	bool indexed;
	char *line, *key;	/* a Makefile's logical line; a path being looked up */
	size_t cline, ckey;
};

/* At least n bytes at *buf (capacity *cap): 0 or -ENOMEM. */
static int room(char **buf, size_t *cap, size_t n)
{
	char *p;
	size_t c;

	if (n <= *cap)
		return 0;
	c = *cap ? *cap : 256;
	while (c < n) {
		if (c > SIZE_MAX / 2)
			return -ENOMEM;
		c *= 2;
	}
	if (!(p = realloc(*buf, c)))
		return -ENOMEM;
	*buf = p;
	*cap = c;
	return 0;
}

static int node_new(struct uabi_kbuild *b, uint8_t kind, uint32_t *id)
{
	if (b->nnode >= (1u << 28) ||
	    uabi_vec__reserve(&b->node, b->nnode, &b->cnode, sizeof(*b->node), 4096))
		return -ENOMEM;
	memset(&b->node[b->nnode], 0, sizeof(b->node[0]));
	b->node[b->nnode].kind = kind;
	b->node[b->nnode].up = NONE;
	b->node[b->nnode].em = ALL;
	*id = b->nnode++;
	return 0;
}

/* The node of a name in t (a symbol or a Kconfig path), made on first use. */
static int name_node(struct uabi_kbuild *b, struct htab *t, uint8_t kind, const char *s, size_t n,
		     uint32_t *id)
{
	struct slot *sl;
	char *name;
	int err;

	if (n >= UINT32_MAX || (err = ht_reserve(t)))
		return -ENOMEM;
	sl = ht_slot(t, s, n);
	if (sl->key) {
		*id = sl->id;
		return 0;
	}
	if (!(name = uabi_arena__strndup(&b->a, s, n)) || (err = node_new(b, kind, id)))
		return -ENOMEM;
	b->node[*id].name = name;
	sl->key = name;
	sl->len = (uint32_t)n;
	sl->id = *id;
	t->n++;
	return 0;
}

static int sym_node(struct uabi_kbuild *b, const char *s, size_t n, uint32_t *id)
{
	return name_node(b, &b->syms, N_SYM, s, n, id);
}

static int mpath_of(struct uabi_kbuild *b, const char *k, size_t n, uint32_t *id)
{
	struct slot *sl;
	char *key;

	if (n >= UINT32_MAX || ht_reserve(&b->mpaths))
		return -ENOMEM;
	sl = ht_slot(&b->mpaths, k, n);
	if (sl->key) {
		*id = sl->id;
		return 0;
	}
	if (b->nmp >= (1u << 28) || uabi_vec__reserve(&b->mp, b->nmp, &b->cmp, sizeof(*b->mp), 4096))
		return -ENOMEM;
	if (!(key = uabi_arena__strndup(&b->a, k, n)))
		return -ENOMEM;
	*id = b->nmp++;
	b->mp[*id] = (struct mpath){ .key = key, .memo = !n };	/* the root: no gate */
	sl->key = key;
	sl->len = (uint32_t)n;
	sl->id = *id;
	b->mpaths.n++;
	return 0;
}

struct uabi_kbuild *uabi_kbuild__new(void)
{
	struct uabi_kbuild *b = calloc(1, sizeof(*b));
	uint32_t id;
	int err = 0;

	if (!b)
		return NULL;
	uabi_arena__init(&b->a);
	for (size_t i = 0; i < sizeof(all_syms) / sizeof(all_syms[0]) && !err; i++)
		if (!(err = sym_node(b, all_syms[i], strlen(all_syms[i]), &id)))
			b->node[id].fy = ALL;
	for (unsigned int a = 0; a < UABI_KBUILD_NARCH; a++)
		for (size_t i = 0; i < 3 && own_syms[a][i] && !err; i++)
			if (!(err = sym_node(b, own_syms[a][i], strlen(own_syms[a][i]), &id)))
				b->node[id].fy |= (uint8_t)(1u << a);
	for (size_t i = 0; i < sizeof(other_syms) / sizeof(other_syms[0]) && !err; i++)
		if (!(err = sym_node(b, other_syms[i], strlen(other_syms[i]), &id)))
			b->node[id].fn = ALL & (uint8_t)~b->node[id].fy;
	if (err || mpath_of(b, "", 0, &id)) {
		uabi_kbuild__free(b);
		return NULL;
	}
	return b;
}

void uabi_kbuild__free(struct uabi_kbuild *b)
{
	if (!b)
		return;
	uabi_arena__free(&b->a);
	free(b->node);
	free(b->syms.s);
	free(b->kfiles.s);
	free(b->mp);
	free(b->mpaths.s);
	free(b->line);
	free(b->key);
	free(b);
}

/* ---- Kconfig expressions ------------------------------------------------- */

/* The compiler of one expression (recursive descent, bounded). */
struct cx {
	struct uabi_kbuild *b;
	const char *p, *e;
	uint32_t n;
	int sp, depth, err;
	bool bad;		/* a syntax error or a bound: the expression is unknown */
	uint32_t op[PROG_MAX];
};

/* What an operand is: a symbol, a constant y, n, m, or anything else (a
 * string, a number, a $(macro)), whose comparisons are unknown. */
enum { A_SYM, A_Y, A_N, A_M, A_OTHER };

struct opd {
	int kind;
	uint32_t sym;
};

static void cx_emit(struct cx *c, int o, uint32_t arg)
{
	int push = o == OP_SYM || o == OP_CONST ? 1 :
		   o == OP_AND || o == OP_OR || o == OP_EQ ? -1 : 0;

	if (c->bad)
		return;
	if (c->n == PROG_MAX || c->sp + push > PROG_STACK || c->sp + push < 1) {
		c->bad = true;
		return;
	}
	c->op[c->n++] = OP(o, arg);
	c->sp += push;
}

static void cx_ws(struct cx *c)
{
	while (c->p < c->e && (is_hspace(*c->p) || *c->p == '\n' || *c->p == '\\'))
		c->p++;
}

static bool cx_at(struct cx *c, const char *tok)
{
	size_t n = strlen(tok);

	if ((size_t)(c->e - c->p) < n || memcmp(c->p, tok, n))
		return false;
	c->p += n;
	return true;
}

static int const_kind(const char *s, size_t n)
{
	if (word_is(s, n, "y"))
		return A_Y;
	if (word_is(s, n, "n"))
		return A_N;
	if (word_is(s, n, "m"))
		return A_M;
	return A_OTHER;
}

/* A number: decimal, or 0x and hex digits. */
static bool is_number(const char *s, size_t n)
{
	size_t i = 0;

	if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		for (i = 2; i < n; i++)
			if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f') ||
			      (s[i] >= 'A' && s[i] <= 'F')))
				return false;
		return true;
	}
	for (; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static struct opd cx_operand(struct cx *c)
{
	struct opd o = { A_OTHER, 0 };
	const char *s;
	size_t n;

	cx_ws(c);
	s = c->p;
	if (c->bad || s == c->e) {
		c->bad = true;
		return o;
	}
	if (*s == '"' || *s == '\'') {
		const char *q = memchr(s + 1, *s, (size_t)(c->e - s - 1));

		if (!q) {
			c->bad = true;
			return o;
		}
		c->p = q + 1;
		o.kind = const_kind(s + 1, (size_t)(q - s - 1));
		return o;
	}
	if (*s == '$' && s + 1 < c->e && s[1] == '(') {	/* $(success,...) */
		int d = 0;

		for (c->p = s + 1; c->p < c->e; c->p++) {
			if (*c->p == '(')
				d++;
			else if (*c->p == ')' && !--d)
				break;
		}
		if (c->p == c->e)
			c->bad = true;
		else
			c->p++;
		return o;
	}
	if (*s == '-')
		c->p++;
	while (c->p < c->e && is_idchar(*c->p))
		c->p++;
	n = (size_t)(c->p - s);
	if (!n || (*s == '-' && n == 1)) {
		c->bad = true;
		return o;
	}
	if (*s == '-' || is_number(s, n))
		return o;
	if ((o.kind = const_kind(s, n)) != A_OTHER)
		return o;
	if ((c->err = sym_node(c->b, s, n, &o.sym)))
		c->bad = true;
	o.kind = A_SYM;
	return o;
}

/* An operand used as a condition: m is unknown (!m is m in Kconfig's
 * tristate logic, so m cannot be y here). */
static void cx_bool(struct cx *c, struct opd a)
{
	if (a.kind == A_SYM)
		cx_emit(c, OP_SYM, a.sym);
	else
		cx_emit(c, OP_CONST, a.kind == A_Y ? C_Y : a.kind == A_N ? C_N : C_U);
}

/* a = b or a != b (ne); rel: <, <=, >, >= (unknown). A symbol's y is a
 * bool's y (only the fixed table's symbols are y), so SYM = m is n where
 * SYM is known and unknown elsewhere. */
static void cx_cmp(struct cx *c, struct opd a, struct opd b, bool ne, bool rel)
{
	struct opd s, k;

	if (rel || a.kind == A_OTHER || b.kind == A_OTHER) {
		cx_emit(c, OP_CONST, C_U);
		return;
	}
	if (a.kind != A_SYM && b.kind != A_SYM) {
		cx_emit(c, OP_CONST, (a.kind == b.kind) != ne ? C_Y : C_N);
		return;
	}
	if (a.kind == A_SYM && b.kind == A_SYM) {
		cx_emit(c, OP_SYM, a.sym);
		cx_emit(c, OP_SYM, b.sym);
		cx_emit(c, OP_EQ, 0);
		if (ne)
			cx_emit(c, OP_NOT, 0);
		return;
	}
	s = a.kind == A_SYM ? a : b;
	k = a.kind == A_SYM ? b : a;
	cx_emit(c, OP_SYM, s.sym);
	if (k.kind == A_M)
		cx_emit(c, ne ? OP_NOTM : OP_ISM, 0);
	else if ((k.kind == A_Y) == ne)	/* = n, != y */
		cx_emit(c, OP_NOT, 0);
}

static void cx_or(struct cx *c);

static void cx_unary(struct cx *c)
{
	if (c->bad)
		return;
	if (++c->depth > EXPR_DEPTH) {
		c->bad = true;
		return;
	}
	cx_ws(c);
	if (c->p < c->e && *c->p == '!' && !(c->p + 1 < c->e && c->p[1] == '=')) {
		c->p++;
		cx_unary(c);
		cx_emit(c, OP_NOT, 0);
	} else if (c->p < c->e && *c->p == '(') {
		c->p++;
		cx_or(c);
		cx_ws(c);
		if (!cx_at(c, ")"))
			c->bad = true;
	} else {
		struct opd a = cx_operand(c);
		bool ne = false, rel = false;

		cx_ws(c);
		if (cx_at(c, "!="))
			ne = true;
		else if (cx_at(c, "<=") || cx_at(c, ">=") || cx_at(c, "<") || cx_at(c, ">"))
			rel = true;
		else if (!cx_at(c, "=")) {
			cx_bool(c, a);
			c->depth--;
			return;
		}
		cx_cmp(c, a, cx_operand(c), ne, rel);
	}
	c->depth--;
}

static void cx_and(struct cx *c)
{
	cx_unary(c);
	for (;;) {
		cx_ws(c);
		if (c->bad || !cx_at(c, "&&"))
			return;
		cx_unary(c);
		cx_emit(c, OP_AND, 0);
	}
}

static void cx_or(struct cx *c)
{
	cx_and(c);
	for (;;) {
		cx_ws(c);
		if (c->bad || !cx_at(c, "||"))
			return;
		cx_and(c);
		cx_emit(c, OP_OR, 0);
	}
}

/* Compile the expression s..e into *out (arena): unknown when it does not
 * parse or passes a bound. 0 or -ENOMEM. */
static int compile(struct uabi_kbuild *b, const char *s, const char *e, struct prog **out)
{
	struct cx *c = malloc(sizeof(*c));
	struct prog *p;
	int err;

	if (!c)
		return -ENOMEM;
	*c = (struct cx){ .b = b, .p = s, .e = e };
	cx_or(c);
	cx_ws(c);
	if (c->p != c->e || c->sp != 1)
		c->bad = true;
	if (c->bad) {
		c->n = 1;
		c->op[0] = OP(OP_CONST, C_U);
	}
	err = c->err;
	p = err ? NULL : uabi_arena__alloc(&b->a, sizeof(*p) + c->n * sizeof(p->op[0]));
	if (p) {
		p->n = c->n;
		memcpy(p->op, c->op, c->n * sizeof(p->op[0]));
	}
	free(c);
	*out = p;
	return p ? 0 : -ENOMEM;
}

static struct tri prog_eval(const struct uabi_kbuild *b, const struct prog *p)
{
	struct tri st[PROG_STACK + 1];
	int sp = 0;

	for (uint32_t i = 0; i < p->n; i++) {
		uint32_t arg = p->op[i] >> 3;

		switch (p->op[i] & 7) {
		case OP_SYM:
			st[sp++] = b->node[arg].v;
			break;
		case OP_CONST:
			st[sp++] = arg == C_Y ? T_Y : arg == C_N ? T_N : T_U;
			break;
		case OP_AND:
			sp--;
			st[sp - 1] = t_and(st[sp - 1], st[sp]);
			break;
		case OP_OR:
			sp--;
			st[sp - 1] = t_or(st[sp - 1], st[sp]);
			break;
		case OP_NOT:
			st[sp - 1] = t_not(st[sp - 1]);
			break;
		case OP_EQ:
			sp--;
			st[sp - 1] = (struct tri){
				(uint8_t)((st[sp - 1].y & st[sp].y) | (st[sp - 1].n & st[sp].n)),
				(uint8_t)((st[sp - 1].y & st[sp].n) | (st[sp - 1].n & st[sp].y)),
			};
			break;
		case OP_ISM:	/* a bool that is known is not m */
			st[sp - 1] = (struct tri){ 0, (uint8_t)(st[sp - 1].y | st[sp - 1].n) };
			break;
		default:	/* OP_NOTM */
			st[sp - 1] = (struct tri){ (uint8_t)(st[sp - 1].y | st[sp - 1].n), 0 };
			break;
		}
	}
	return st[0];
}

/* ---- Kconfig files ------------------------------------------------------- */

/* Make path (relative to the tree's root) name the file fopen opens, in
 * place: empty and "." components dropped, a ".." takes the component
 * before it away. -1 when the path leaves the tree, 1 when a ".." follows
 * a wildcard component (a $(VAR) may be several components: what the ".."
 * takes away is unknown), else 0. */
static int norm_path(char *path)
{
	char *r = path, *w = path;

	while (*r) {
		char *c = r, *ce = strchrnul(r, '/'), *last;
		size_t n = (size_t)(ce - c);

		r = *ce ? ce + 1 : ce;
		if (!n || (n == 1 && *c == '.'))
			continue;
		if (n == 2 && c[0] == '.' && c[1] == '.') {
			if (w == path)
				return -1;
			for (last = w; last > path && last[-1] != '/'; last--)
				;
			if (memchr(last, '*', (size_t)(w - last)))
				return 1;
			w = last > path ? last - 1 : path;
			continue;
		}
		/* the output is never longer than what was read */
		if (w != path)
			*w++ = '/';
		memmove(w, c, n);
		w += n;
	}
	*w = '\0';
	return 0;
}

/* A "source" line of file rel inside block: the file it names gets a
 * site; a path with $(VAR) becomes a pattern (one with a wildcard that is
 * not a whole component makes every file one a pattern may name, as does
 * an absolute path: the tree's root is not known here). */
static int kc_source(struct uabi_kbuild *b, const char *rel, const struct uabi_kconfig_line *l,
		     bool relative, uint32_t block)
{
	const char *s = l->arg, *e = l->end, *q;
	size_t dir = 0, n;
	char *path, *w;
	uint32_t id;
	bool glob = false;
	int err;

	if (s < e && *s == '"') {
		s++;
		if (!(q = memchr(s, '"', (size_t)(e - s))))
			return 0;
		e = q;
	}
	if (s == e)
		return 0;
	if (relative && (q = strrchr(rel, '/')))
		dir = (size_t)(q - rel) + 1;
	if (!(path = uabi_arena__alloc(&b->a, dir + (size_t)(e - s) + 1)))
		return -ENOMEM;
	memcpy(path, rel, dir);
	/* $(SRCARCH) and the like become *; a path with one is a pattern */
	for (w = path + dir; s < e; s++) {
		if (*s == '$' && s + 1 < e && s[1] == '(') {
			int d = 0;

			for (s++; s < e; s++) {
				if (*s == '(')
					d++;
				else if (*s == ')' && !--d)
					break;
			}
			*w++ = '*';
			glob = true;
			if (s == e)
				break;
			continue;
		}
		if (*s == '*' || *s == '?' || *s == '[')
			glob = true;
		*w++ = *s;
	}
	*w = '\0';
	if (path[0] == '/' || (err = norm_path(path)) > 0) {
		b->odd = true;
		return 0;
	}
	if (err < 0 || !path[0])
		return 0;	/* outside the tree, or its root: no Kconfig file of it */
	n = strlen(path);
	for (const char *c = path; glob && *c; c = *q ? q + 1 : q) {
		q = strchrnul(c, '/');
		if (!(q - c == 1 && *c == '*') && strcspn(c, "*?[") < (size_t)(q - c))
			b->odd = true;
	}
	if (glob) {
		struct pattern *p = uabi_arena__alloc(&b->a, sizeof(*p));

		if (!p)
			return -ENOMEM;
		*p = (struct pattern){ .next = b->pats, .glob = path, .block = block };
		b->pats = p;
		b->npats++;
		return 0;
	}
	if ((err = name_node(b, &b->kfiles, N_FILE, path, n, &id)))
		return err;
	{
		struct site *st = uabi_arena__alloc(&b->a, sizeof(*st));

		if (!st)
			return -ENOMEM;
		*st = (struct site){ .next = b->node[id].sites, .block = block };
		b->node[id].sites = st;
	}
	return 0;
}

static int kconfig_add(struct uabi_kbuild *b, const char *rel, const char *text)
{
	struct uabi_kconfig_iter it = { .p = text, .line = 1, .help_kw = -1, .help_indent = -1 };
	struct uabi_kconfig_line l;
	uint32_t stack[KC_DEPTH], depth = 0, over = 0, file, open = NONE, cur_sym = NONE;
	struct entry *cur = NULL;
	int err;

	if ((err = name_node(b, &b->kfiles, N_FILE, rel, strlen(rel), &file)))
		return err;
	b->node[file].em = path_em(rel);
	while (uabi_kconfig__next(&it, &l)) {
		uint32_t top = depth ? stack[depth - 1] : file, id;
		const char *d;
		struct prog *p;

		if (uabi_kconfig__is_config(&l)) {
			size_t n = uabi_kconfig__word(&l);
			struct entry *e;

			cur = NULL;
			open = NONE;
			if (!n)
				continue;
			if ((err = sym_node(b, l.arg, n, &id)))
				return err;
			if (!(e = uabi_arena__alloc(&b->a, sizeof(*e))))
				return -ENOMEM;
			*e = (struct entry){ .next = b->node[id].ent, .block = top };
			b->node[id].ent = e;
			cur = e;
			cur_sym = id;
			continue;
		}
		if (cur && word_is(l.kw, l.kwlen, "select")) {
			size_t n = uabi_kconfig__word(&l);
			const char *c = l.arg + n;
			struct sel *sl;

			if (!n)
				continue;
			if ((err = sym_node(b, l.arg, n, &id)))
				return err;
			if (!(sl = uabi_arena__alloc(&b->a, sizeof(*sl))))
				return -ENOMEM;
			*sl = (struct sel){ .next = b->node[id].sel, .by = cur_sym, .block = top };
			while (c < l.end && is_hspace(*c))
				c++;
			if ((size_t)(l.end - c) > 2 && c[0] == 'i' && c[1] == 'f' && is_hspace(c[2]) &&
			    (err = compile(b, c + 3, l.end, &sl->cond)))
				return err;
			b->node[id].sel = sl;
			continue;
		}
		if ((d = uabi_kconfig__depends_on(&l))) {
			if (!cur && open == NONE)
				continue;
			if ((err = compile(b, d, l.end, &p)))
				return err;
			if (cur) {
				p->next = cur->deps;
				cur->deps = p;
			} else {
				p->next = b->node[open].progs;
				b->node[open].progs = p;
			}
			continue;
		}
		if (word_is(l.kw, l.kwlen, "if") || word_is(l.kw, l.kwlen, "menu") ||
		    word_is(l.kw, l.kwlen, "choice")) {
			cur = NULL;
			open = NONE;
			if (depth == KC_DEPTH) {
				over++;
				continue;
			}
			if ((err = node_new(b, N_BLOCK, &id)))
				return err;
			b->node[id].up = top;
			if (word_is(l.kw, l.kwlen, "if")) {
				if ((err = compile(b, l.arg, l.end, &p)))
					return err;
				b->node[id].progs = p;
			} else {
				open = id;	/* its "depends on" lines follow */
			}
			stack[depth++] = id;
			continue;
		}
		if (word_is(l.kw, l.kwlen, "endif") || word_is(l.kw, l.kwlen, "endmenu") ||
		    word_is(l.kw, l.kwlen, "endchoice")) {
			cur = NULL;
			open = NONE;
			if (over)
				over--;
			else if (depth)
				depth--;
			continue;
		}
		if (word_is(l.kw, l.kwlen, "source") || word_is(l.kw, l.kwlen, "osource") ||
		    word_is(l.kw, l.kwlen, "rsource") || word_is(l.kw, l.kwlen, "orsource")) {
			cur = NULL;
			open = NONE;
			if ((err = kc_source(b, rel, &l, l.kw[0] == 'r' || l.kw[1] == 'r', top)))
				return err;
			continue;
		}
		if (uabi_kconfig__ends_entry(&l)) {
			cur = NULL;
			open = NONE;
		}
	}
	return 0;
}

/* ---- the fixed point ----------------------------------------------------- */

/* The Kconfig file node a block is in. */
static uint32_t entry_file(const struct uabi_kbuild *b, uint32_t block)
{
	while (b->node[block].kind == N_BLOCK)
		block = b->node[block].up;
	return block;
}

static struct tri node_eval(const struct uabi_kbuild *b, uint32_t id, uint64_t *cost)
{
	const struct node *nd = &b->node[id];
	struct tri t, acc;

	switch (nd->kind) {
	case N_SYM:
		if (!nd->ent)
			return (struct tri){ nd->fy, nd->fn };
		acc = T_N;
		for (const struct entry *e = nd->ent; e; e = e->next) {
			t = b->node[e->block].v;
			for (const struct prog *p = e->deps; p; p = p->next) {
				t = t_and(t, prog_eval(b, p));
				*cost += p->n;
			}
			acc = t_or(acc, t);
			(*cost)++;
		}
		if (nd->sel) {
			/* a select forces it past its "depends on" where it is
			 * defined at all (in a Kconfig file the arch reads) */
			struct tri sv = T_N, def = T_N;

			for (const struct sel *sl = nd->sel; sl; sl = sl->next, (*cost)++) {
				t = t_and(b->node[sl->by].v, b->node[sl->block].v);
				if (sl->cond) {
					t = t_and(t, prog_eval(b, sl->cond));
					*cost += sl->cond->n;
				}
				sv = t_or(sv, t);
			}
			for (const struct entry *e = nd->ent; e; e = e->next, (*cost)++)
				def = t_or(def, b->node[entry_file(b, e->block)].v);
			acc = t_or(acc, t_and(sv, def));
		}
		/* whose dependencies hold is still the user's choice */
		return (struct tri){ nd->fy, (uint8_t)(nd->fn | (acc.n & ~nd->fy)) };
	case N_BLOCK:
		t = b->node[nd->up].v;
		for (const struct prog *p = nd->progs; p; p = p->next) {
			t = t_and(t, prog_eval(b, p));
			*cost += p->n;
		}
		return t;
	default:
		if (b->wild || (!nd->sites && !nd->psites)) {
			acc = T_Y;
		} else {
			acc = T_N;
			for (const struct site *s = nd->sites; s; s = s->next, (*cost)++)
				acc = t_or(acc, b->node[s->block].v);
			for (const struct site *s = nd->psites; s; s = s->next, (*cost)++)
				acc = t_or(acc, b->node[s->block].v);
		}
		return t_and((struct tri){ nd->em, (uint8_t)(ALL & ~nd->em) }, acc);
	}
}

/* The nodes a node's formula reads, counted (edge NULL: into pos[r + 1])
 * or stored (at edge[pos[r]++]). */
struct dwalk {
	size_t *pos;
	uint32_t *edge;
};

static void dep(struct dwalk *w, uint32_t r, uint32_t x)
{
	if (w->edge)
		w->edge[w->pos[r]++] = x;
	else
		w->pos[r + 1]++;
}

static void deps_prog(struct dwalk *w, const struct prog *p, uint32_t x)
{
	for (; p; p = p->next)
		for (uint32_t i = 0; i < p->n; i++)
			if ((p->op[i] & 7) == OP_SYM)
				dep(w, p->op[i] >> 3, x);
}

static void deps(const struct uabi_kbuild *b, struct dwalk *w, uint32_t x)
{
	const struct node *nd = &b->node[x];

	switch (nd->kind) {
	case N_SYM:
		for (const struct entry *e = nd->ent; e; e = e->next) {
			dep(w, e->block, x);
			deps_prog(w, e->deps, x);
			if (nd->sel)
				dep(w, entry_file(b, e->block), x);
		}
		for (const struct sel *sl = nd->sel; sl; sl = sl->next) {
			dep(w, sl->by, x);
			dep(w, sl->block, x);
			deps_prog(w, sl->cond, x);
		}
		break;
	case N_BLOCK:
		dep(w, nd->up, x);
		deps_prog(w, nd->progs, x);
		break;
	default:
		for (const struct site *s = nd->sites; s; s = s->next)
			dep(w, s->block, x);
		for (const struct site *s = nd->psites; s; s = s->next)
			dep(w, s->block, x);
	}
}

/* Whether the path matches the pattern, whose components are literal or
 * "*": any components, none or several ($(VAR) may be "a/b" or empty).
 * The usual backtracking to the last "*": O(components of both). */
static bool pattern_match(const char *p, const char *s)
{
	const char *sp = NULL, *ss = NULL;	/* after the last "*"; where it resumes */

	for (;;) {
		const char *pe = strchrnul(p, '/'), *se = strchrnul(s, '/');

		if (*p && pe - p == 1 && *p == '*') {
			sp = *pe ? pe + 1 : pe;
			ss = s;
			p = sp;
			continue;
		}
		if (!*s)
			return !*p;
		if (*p && pe - p == se - s && !memcmp(p, s, (size_t)(pe - p))) {
			p = *pe ? pe + 1 : pe;
			s = *se ? se + 1 : se;
			continue;
		}
		if (!sp)
			return false;
		/* the last "*" takes one more component */
		se = strchrnul(ss, '/');
		ss = *se ? se + 1 : se;
		p = sp;
		s = ss;
	}
}

/* The sites the patterns give each Kconfig file; with more patterns than
 * PATTERN_MAX, or an odd one, every file is one that a pattern may name
 * (wild). */
static int match_patterns(struct uabi_kbuild *b)
{
	b->wild = b->odd || b->npats > PATTERN_MAX;
	for (uint32_t i = 0; i < b->nnode; i++) {
		struct node *nd = &b->node[i];

		if (nd->kind != N_FILE)
			continue;
		nd->psites = NULL;
		for (const struct pattern *p = b->pats; p && !b->wild; p = p->next) {
			struct site *s;

			if (!pattern_match(p->glob, nd->name))
				continue;
			if (!(s = uabi_arena__alloc(&b->a, sizeof(*s))))
				return -ENOMEM;
			*s = (struct site){ .next = nd->psites, .block = p->block };
			nd->psites = s;
		}
	}
	return 0;
}

/* Every node's value: the least fixed point of the formulas, from all
 * unknown. A value only gains bits (old | new), so the worklist ends;
 * SOLVE_BUDGET bounds the work on hostile text (values then stay partly
 * unknown: never a wrong n). */
static int solve(struct uabi_kbuild *b)
{
	uint32_t n = b->nnode, *q = NULL, head = 0, len = 0;
	struct dwalk w = { 0 };
	size_t *off = NULL;
	uint64_t cost = 0;
	int err;

	if ((err = match_patterns(b)))
		return err;
	if (!(off = malloc(((size_t)n + 1) * sizeof(*off))) ||
	    !(w.pos = calloc((size_t)n + 1, sizeof(*w.pos))) ||
	    !(q = malloc(((size_t)n + 1) * sizeof(*q)))) {
		err = -ENOMEM;
		goto out;
	}
	for (uint32_t x = 0; x < n; x++)
		deps(b, &w, x);
	for (uint32_t x = 0; x < n; x++)
		w.pos[x + 1] += w.pos[x];
	memcpy(off, w.pos, ((size_t)n + 1) * sizeof(*off));
	if (!(w.edge = malloc((off[n] ? off[n] : 1) * sizeof(*w.edge)))) {
		err = -ENOMEM;
		goto out;
	}
	for (uint32_t x = 0; x < n; x++)
		deps(b, &w, x);
	for (uint32_t x = 0; x < n; x++) {
		b->node[x].v = T_U;
		b->node[x].queued = true;
		q[len++] = x;
	}
	while (len && cost < SOLVE_BUDGET) {
		uint32_t x = q[head];
		struct node *nd = &b->node[x];
		struct tri t;

		head = head + 1 == n ? 0 : head + 1;
		len--;
		nd->queued = false;
		t = node_eval(b, x, &cost);
		t.y |= nd->v.y;
		t.n |= nd->v.n;
		t.y &= (uint8_t)~t.n;
		if (t.y == nd->v.y && t.n == nd->v.n)
			continue;
		nd->v = t;
		for (size_t i = off[x]; i < off[x + 1]; i++) {
			uint32_t d = w.edge[i];

			if (b->node[d].queued)
				continue;
			b->node[d].queued = true;
			q[(head + len++) % n] = d;
		}
	}
	for (uint32_t x = 0; x < n; x++)
		b->node[x].queued = false;
	for (uint32_t i = 0; i < b->nmp; i++)
		b->mp[i].memo = !b->mp[i].key[0];
out:
	free(off);
	free(w.pos);
	free(w.edge);
	free(q);
	return err;
}

/* ---- Makefiles ----------------------------------------------------------- */

static bool is_obj_like(const char *s, size_t n)
{
	static const char *const kw[] = {
		"obj", "lib", "core", "drivers", "libs", "init", "net", "virt", "head", "extra",
		"always",
	};

	for (size_t i = 0; i < sizeof(kw) / sizeof(kw[0]); i++)
		if (word_is(s, n, kw[i]))
			return true;
	return false;
}

/* A variable's name and gate: obj-$(CONFIG_X) is obj under X; foo-y,
 * foo-m, foo-objs are foo, always; foo-n and obj- never; foo-objs-y is
 * foo; a gate that cannot be read ($(foo), $(subst ...)) is no
 * restriction; a name without a suffix (targets) is itself, always.
 * 0 or -ENOMEM. */
static int var_gate(struct uabi_kbuild *b, const char *s, const char **pe, uint32_t *gate)
{
	const char *e = *pe, *q;

	*gate = GATE_Y;
	if (e > s && e[-1] == ')') {
		int d = 0;

		for (q = e - 1; q > s; q--) {
			if (*q == ')')
				d++;
			else if (*q == '(' && !--d)
				break;
		}
		if (q <= s + 1 || q[-1] != '$' || q[-2] != '-')
			return 0;
		if (e - q - 2 > 7 && !memcmp(q + 1, "CONFIG_", 7)) {
			const char *n = q + 8;
			int err;

			while (n < e - 1 && is_idchar(*n))
				n++;
			if (n == e - 1 && (err = sym_node(b, q + 8, (size_t)(n - q - 8), gate)))
				return err;
		}
		*pe = q - 2;
	} else {
		for (q = e; q > s && q[-1] != '-'; q--)
			;
		if (q == s)
			return 0;
		if (word_is(q, (size_t)(e - q), "n") || q == e)
			*gate = GATE_N;
		else if (!word_is(q, (size_t)(e - q), "y") && !word_is(q, (size_t)(e - q), "m") &&
			 !word_is(q, (size_t)(e - q), "objs"))
			return 0;
		*pe = q - 1;
	}
	if (*pe - s > 5 && !memcmp(*pe - 5, "-objs", 5))
		*pe -= 5;
	return 0;
}

/* Whether a word is a path below its directory: no $, no "..", not
 * absolute. */
static bool plain_word(const char *s, size_t n)
{
	if (!n || *s == '/' || memchr(s, '$', n))
		return false;
	for (size_t i = 0; i + 1 < n; i++)
		if (s[i] == '.' && s[i + 1] == '.' && (!i || s[i - 1] == '/') &&
		    (i + 2 == n || s[i + 2] == '/'))
			return false;
	return true;
}

struct mline {
	const char *base;	/* the directory the words are relative to: "" or "dir/" */
	size_t blen;
	uint32_t from;
	uint8_t em;
};

/* The mpath of the word w (n bytes) of a line: an object without its .o,
 * a directory (dir) with a '/'. */
static int list_key(struct uabi_kbuild *b, const struct mline *m, const char *w, size_t n,
		    bool dir, uint32_t *id)
{
	int err;

	if ((err = room(&b->key, &b->ckey, m->blen + n + 2)))
		return err;
	memcpy(b->key, m->base, m->blen);
	memcpy(b->key + m->blen, w, n);
	if (dir && w[n - 1] != '/')
		b->key[m->blen + n++] = '/';
	return mpath_of(b, b->key, m->blen + n, id);
}

/* A line lists the word w (n bytes). */
static int list_word(struct uabi_kbuild *b, const struct mline *m, const char *w, size_t n,
		     bool dir, uint32_t gate, uint32_t comp)
{
	struct listing *l;
	uint32_t id;
	int err;

	if ((err = list_key(b, m, w, n, dir, &id)))
		return err;
	if (!(l = uabi_arena__alloc(&b->a, sizeof(*l))))
		return -ENOMEM;
	*l = (struct listing){ .next = b->mp[id].l, .gate = gate, .from = m->from, .comp = comp,
			       .em = m->em };
	b->mp[id].l = l;
	return 0;
}

/* A line of m's Makefile lists a word that is not read ($(addsuffix
 * .o,foo), $(obj)/foo.o, ../foo.o): it may list any object or directory
 * of the Makefile's directory. 0 or -ENOMEM. */
static int list_wild(struct uabi_kbuild *b, const struct mline *m, uint32_t gate, uint32_t comp)
{
	struct listing *l = uabi_arena__alloc(&b->a, sizeof(*l));

	if (!l)
		return -ENOMEM;
	*l = (struct listing){ .next = b->mp[m->from].wild, .gate = gate, .from = m->from,
			       .comp = comp, .em = m->em };
	b->mp[m->from].wild = l;
	return 0;
}

/* Whether the variable s..e holds flags (ccflags-y, asflags-y,
 * subdir-ccflags-y), not objects. */
static bool flags_var(const char *s, const char *e)
{
	return e - s >= 5 && !memcmp(e - 5, "flags", 5);
}

/* One logical line s..e (continuations joined, comment cut). */
static int make_line(struct uabi_kbuild *b, const struct mline *m, const char *s, const char *e)
{
	const char *op = NULL, *ve, *v, *pe;
	uint32_t gate, comp = NONE;
	char *norm = NULL;
	bool objs, subdir, composite, wild = false;
	int d = 0, err;

	while (s < e && is_hspace(*s))
		s++;
	for (int i = 0; i < 2; i++)
		if ((size_t)(e - s) > 9 && (!memcmp(s, "override ", 9) || !memcmp(s, "export ", 7)))
			for (s += *s == 'o' ? 9 : 7; s < e && is_hspace(*s); s++)
				;
	for (const char *p = s; p < e && !op; p++) {
		if (*p == '(' || *p == '{')
			d++;
		else if ((*p == ')' || *p == '}') && d)
			d--;
		else if (d)
			continue;
		else if (*p == '=')
			op = p;
		else if (*p == ':' && !(p + 1 < e && (p[1] == '=' || p[1] == ':')))
			return 0;	/* a rule */
		else if (is_hspace(*p) && !(p + 1 < e && (is_hspace(p[1]) || p[1] == '=' ||
							  p[1] == ':' || p[1] == '+' ||
							  p[1] == '?' || p[1] == '!')))
			return 0;	/* two words before an operator: no assignment */
	}
	if (!op)
		return 0;
	v = op + 1;
	while (op > s && (op[-1] == ':' || op[-1] == '+' || op[-1] == '?' || op[-1] == '!'))
		op--;
	for (ve = op; ve > s && is_hspace(ve[-1]); ve--)
		;
	if (ve == s)
		return 0;
	pe = ve;
	if ((err = var_gate(b, s, &pe, &gate)))
		return err;
	objs = is_obj_like(s, (size_t)(pe - s));
	subdir = word_is(s, (size_t)(pe - s), "subdir");
	/* any other name is a composite object (or a list of objects that
	 * some line uses): its name.o, when the name is a plain one */
	composite = !objs && !subdir && plain_word(s, (size_t)(pe - s)) &&
		    !memchr(s, '/', (size_t)(pe - s));
	while (v < e) {
		const char *w;
		size_t n;

		while (v < e && is_hspace(*v))
			v++;
		for (w = v, d = 0; v < e && (d || !is_hspace(*v)); v++) {
			if (*v == '(' || *v == '{')
				d++;
			else if ((*v == ')' || *v == '}') && d)
				d--;
		}
		while (w + 1 < v && w[0] == '.' && w[1] == '/')
			w += 2;
		n = (size_t)(v - w);
		free(norm);
		norm = NULL;
		if (n && !plain_word(w, n) && !memchr(w, '$', n) && *w != '/') {
			/* with "..": the path it names, when it is below the
			 * Makefile's directory (../misc/x.o from misc/) */
			bool slash = w[n - 1] == '/';

			if (!(norm = malloc(m->blen + n + 2))) {
				err = -ENOMEM;
				break;
			}
			memcpy(norm, m->base, m->blen);
			memcpy(norm + m->blen, w, n);
			norm[m->blen + n] = '\0';
			if (!norm_path(norm) && strlen(norm) > m->blen &&
			    !strncmp(norm, m->base, m->blen)) {
				w = norm + m->blen;
				n = strlen(w);
				if (slash)
					norm[m->blen + n++] = '/';
			}
		}
		if (!plain_word(w, n)) {
			/* a word with a $ that may be objects: any in obj-y's
			 * and the like, one ending in .o in other lists (not
			 * ccflags-y's -I$(src)); once a line, and not the
			 * top's (arch/<A>/Makefile's $(ARCH_CORE) and the
			 * like: directories of the whole tree) */
			if (memchr(w, '$', n) && !wild && m->blen &&
			    (objs || subdir ||
			     (composite && n > 2 && w[n - 2] == '.' && w[n - 1] == 'o') ||
			     (composite && *w == '$' && pe != ve && !flags_var(s, pe)))) {
				if (composite && comp == NONE &&
				    (err = list_key(b, m, s, (size_t)(pe - s), false, &comp)))
					return err;
				if ((err = list_wild(b, m, gate, composite ? comp : NONE)))
					return err;
				wild = true;
			}
			continue;
		}
		if (n > 2 && w[n - 2] == '.' && w[n - 1] == 'o' && w[n - 3] != '/') {
			if (composite && comp == NONE &&
			    (err = list_key(b, m, s, (size_t)(pe - s), false, &comp)))
				return err;
			err = list_word(b, m, w, n - 2, false, gate, comp);
		} else if ((objs && w[n - 1] == '/' && n > 1) || subdir) {
			err = list_word(b, m, w, n, true, gate, NONE);
		}
		if (err)
			break;
	}
	free(norm);
	return err;
}

static int make_add(struct uabi_kbuild *b, const char *rel, const char *text, size_t len)
{
	const char *sl = strrchr(rel, '/'), *p = text, *end = text + len;
	struct mline m = { .base = rel, .em = path_em(rel) };
	bool define = false;
	int err;

	m.blen = sl ? (size_t)(sl - rel) + 1 : 0;
	/* arch/<A>/Makefile is part of the top Makefile: its paths are the tree's */
	if (sl && !strncmp(rel, "arch/", 5) && strchr(rel + 5, '/') == sl &&
	    !strcmp(sl, "/Makefile"))
		m.blen = 0;
	if ((err = mpath_of(b, m.base, m.blen, &m.from)))
		return err;
	while (p < end) {
		size_t n = 0;
		const char *s;
		char *c;

		/* the logical line: continuations become a blank */
		for (; p < end && *p != '\n'; p++) {
			if ((err = room(&b->line, &b->cline, n + 1)))
				return err;
			if (*p == '\\' && p + 1 < end && p[1] == '\n') {
				b->line[n++] = ' ';
				p++;
			} else if (*p == '\\' && p + 2 < end && p[1] == '\r' && p[2] == '\n') {
				b->line[n++] = ' ';
				p += 2;
			} else {
				b->line[n++] = *p;
			}
		}
		if (p < end)
			p++;
		for (c = b->line; c < b->line + n; c++)
			if (*c == '#' && (c == b->line || c[-1] != '\\'))
				break;
		n = (size_t)(c - b->line);
		for (s = b->line; s < b->line + n && is_hspace(*s); s++)
			;
		if ((size_t)(b->line + n - s) >= 5 && !memcmp(s, "endef", 5)) {
			define = false;
			continue;
		}
		if (define)
			continue;
		if ((size_t)(b->line + n - s) >= 7 && !memcmp(s, "define", 6) && is_hspace(s[6])) {
			define = true;
			continue;
		}
		if ((err = make_line(b, &m, s, b->line + n)))
			return err;
	}
	return 0;
}

int uabi_kbuild__add(struct uabi_kbuild *b, const char *rel, const char *text, size_t len)
{
	const char *name = strrchr(rel, '/');
	int err = 0;

	name = name ? name + 1 : rel;
	len = strnlen(text, len);	/* a NUL ends the text, as it ends a C string */
	b->indexed = false;
	if (!strncmp(name, "Kconfig", 7)) {
		char *t = malloc(len + 1);

		if (!t)
			return -ENOMEM;
		memcpy(t, text, len);
		t[len] = '\0';
		err = kconfig_add(b, rel, t);
		free(t);
	} else if (!strcmp(name, "Makefile") || !strcmp(name, "Kbuild")) {
		err = make_add(b, rel, text, len);
	}
	return err;
}

/* ---- questions ----------------------------------------------------------- */

static uint8_t gate_n(const struct uabi_kbuild *b, uint32_t gate)
{
	return gate == GATE_Y ? 0 : gate == GATE_N ? ALL : b->node[gate].v.n;
}

/* n bits of a line: its gate, its Makefile's arch, its directory's gate. */
static uint8_t line_n(const struct uabi_kbuild *b, const struct listing *l)
{
	const struct mpath *f = &b->mp[l->from];

	return (uint8_t)(gate_n(b, l->gate) | (ALL & ~l->em) | (f->memo ? f->n : 0));
}

/* The n bits of an object: the AND of the lines listing it (each with its
 * composite's), an OR in n bits. */
static uint8_t obj_n(const struct uabi_kbuild *b, const struct mpath *o, int depth,
		     uint32_t *budget)
{
	uint8_t n = ALL;

	for (const struct listing *l = o->l; l; l = l->next) {
		uint8_t ln;

		if (!*budget)
			return 0;
		(*budget)--;
		ln = line_n(b, l);
		if (l->comp != NONE && depth < COMP_DEPTH && b->mp[l->comp].l)
			ln |= obj_n(b, &b->mp[l->comp], depth + 1, budget);
		n &= ln;
	}
	return n;
}

/* Into *n, the gate of the directory rel[0..len) (len 0: the root, else
 * rel[len - 1] is '/'). A directory's gate needs those of the directories
 * holding the lines that list it, all ancestors: up to the closest
 * ancestor already known, then down, each one memoised (an mpath made
 * for it if it has none), so every directory is worked out once. 0 or
 * -ENOMEM. */
static int dir_n(struct uabi_kbuild *b, const char *rel, size_t len, uint8_t *n)
{
	size_t end = len;
	uint8_t g = 0;
	int err;

	while (end) {
		const struct slot *s = ht_get(&b->mpaths, rel, end);

		if (s && b->mp[s->id].memo) {
			g = b->mp[s->id].n;
			break;
		}
		for (end--; end && rel[end - 1] != '/'; end--)
			;
	}
	while (end < len) {
		size_t prev = end;
		struct mpath *d;
		uint32_t id;

		for (end++; end < len && rel[end - 1] != '/'; end++)
			;
		if ((err = mpath_of(b, rel, end, &id)))
			return err;
		d = &b->mp[id];
		if (d->l) {
			const struct slot *ps = ht_get(&b->mpaths, rel, prev);

			g = ALL;
			for (const struct listing *l = d->l; l; l = l->next)
				g &= line_n(b, l);
			/* a word of the parent's Makefile not read may list it */
			for (const struct listing *l = ps ? b->mp[ps->id].wild : NULL; l; l = l->next)
				g &= line_n(b, l);
		}
		d->n = g;
		d->memo = true;
	}
	*n = g;
	return 0;
}

int uabi_kbuild__archs(struct uabi_kbuild *b, const char *rel, uint8_t *mask)
{
	const char *sl, *ext;
	uint32_t budget = QUERY_BUDGET;
	uint8_t g = 0;
	int err;

	*mask = ALL;
	if (!b->indexed) {
		if ((err = solve(b)))
			return err;
		b->indexed = true;
	}
	if (!strncmp(rel, "arch/", 5) && (sl = strchr(rel + 5, '/'))) {
		*mask = bit_n(rel + 5, (size_t)(sl - rel - 5));
		return 0;
	}
	sl = strrchr(rel, '/');
	if (sl && (err = dir_n(b, rel, (size_t)(sl + 1 - rel), &g)))
		return err;
	ext = strrchr(rel, '.');
	/* an object: foo.c, foo.S are foo.o (a header is none) */
	if (ext && (sl ? ext > sl + 1 : ext > rel) && strcmp(ext, ".h")) {
		const struct slot *s = ht_get(&b->mpaths, rel, (size_t)(ext - rel));

		if (s && b->mp[s->id].l) {
			const struct slot *ds = ht_get(&b->mpaths, rel, sl ? (size_t)(sl + 1 - rel) : 0);

			g = obj_n(b, &b->mp[s->id], 0, &budget);
			/* a word of its directory's Makefile not read may list it */
			for (const struct listing *l = ds ? b->mp[ds->id].wild : NULL; l; l = l->next) {
				uint8_t ln = line_n(b, l);

				if (!budget)
					break;
				budget--;
				if (l->comp != NONE && b->mp[l->comp].l)
					ln |= obj_n(b, &b->mp[l->comp], 1, &budget);
				g &= ln;
			}
		}
	}
	*mask = ALL & (uint8_t)~g;
	return 0;
}
