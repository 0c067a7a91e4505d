// SPDX-License-Identifier: MIT
/*
 * Unit tests of the whole-tree ioctl facts (kernel/): the dispatch scanner
 * uabi_kscan__file on strings, the placement rules of kernel/ioctls.h on a
 * small synthetic tree written to a temporary directory, and the placement
 * of a few well-known commands on the real Linux 6.1 and 6.12 trees named
 * by UABI_KERNEL_TREE and UABI_KERNEL_TREE_6_12 (scripts/kernel-source.sh
 * prints them; skipped if unset).
 *
 * Tests whose name ends in _bug assert what the header comments (or the
 * reports the facts end in) call for and the code did not do when they
 * were written; each says what it expects and why.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/fileio.h"
#include "core/strv.h"
#include "testfs.h"

#include "kernel/cscan.h"
#include "kernel/ctext.h"
#include "kernel/ioctls.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ---- the scanner: helpers ------------------------------------------------ */

/* A scan per test: the state of its setup, freed by its teardown even
 * after a failed assertion. */
struct kscan {
	struct uabi_arena a;
	struct uabi_kfile f;
	struct uabi_klabels l;
};

static int kscan_setup(void **state)
{
	struct kscan *s = calloc(1, sizeof(*s));

	if (!s)
		return -1;
	uabi_arena__init(&s->a);
	*state = s;
	return 0;
}

static int kscan_teardown(void **state)
{
	struct kscan *s = *state;

	uabi_kfile__free(&s->f);
	uabi_klabels__free(&s->l);
	uabi_arena__free(&s->a);
	free(s);
	return 0;
}

/* Scan text as t.c (the previous scan's arrays released). */
static void kscan(struct kscan *s, const char *text)
{
	uabi_kfile__free(&s->f);
	assert_int_equal(uabi_kscan__file(text, "t.c", &s->a, &s->f), 0);
	assert_string_equal(s->f.file, "t.c");
}

/* Release a scan's arrays: all of them, and zeroed. */
static void unkscan(struct kscan *s)
{
	uabi_kfile__free(&s->f);
	assert_null(s->f.names);
	assert_null(s->f.defs);
	assert_null(s->f.refs);
	assert_int_equal(s->f.nnames, 0);
	assert_int_equal(s->f.ndefs, 0);
}

static void assert_str_or_null(const char *got, const char *want)
{
	if (want)
		assert_string_equal(got, want);
	else
		assert_null(got);
}

/* A kname: name, how, macro/arg, line, function, def, table fn, group;
 * the file is always t.c and the condition is checked apart. */
static void assert_kname(const struct uabi_kname *k, const char *name, enum uabi_kname_how how,
			 const char *macro, unsigned arg, uint32_t line, const char *function,
			 uint32_t def, const char *fn, unsigned grp)
{
	print_message("kname %s line %u\n", name, line);
	assert_string_equal(k->name, name);
	assert_int_equal(k->how, how);
	assert_str_or_null(k->macro, macro);
	assert_int_equal(k->arg, arg);
	assert_string_equal(k->site.file, "t.c");
	assert_int_equal(k->site.line, line);
	assert_str_or_null(k->site.function, function);
	assert_int_equal(k->def, def);
	assert_str_or_null(k->fn, fn);
	assert_int_equal(k->grp, grp);
}

static void assert_kdef(const struct uabi_kdef *d, const char *name, const char *type, bool object,
			bool is_static, uint32_t line, const char *cond)
{
	print_message("kdef %s line %u\n", name, line);
	assert_string_equal(d->name, name);
	assert_str_or_null(d->type, type);
	assert_int_equal(d->object, object);
	assert_int_equal(d->is_static, is_static);
	assert_int_equal(d->line, line);
	assert_str_or_null(d->cond, cond);
}

/* The references of def d are exactly want (sorted, unique). */
static void assert_refs(const struct uabi_kfile *f, const struct uabi_kdef *d,
			const char *const *want, uint32_t nwant)
{
	for (uint32_t i = 0; i < d->nref && i < nwant; i++)
		assert_string_equal(f->refs[d->ref0 + i], want[i]);
	assert_int_equal(d->nref, nwant);
}

struct gref_want {
	const char *ref;
	unsigned grp;
};

static void assert_grefs(const struct uabi_kfile *f, const struct uabi_kdef *d,
			 const struct gref_want *want, uint32_t nwant)
{
	for (uint32_t i = 0; i < d->ngref && i < nwant; i++) {
		const struct uabi_kgref *g = &f->grefs[d->gref0 + i];

		/* the index points into this def's own references */
		assert_true(g->ref >= d->ref0 && g->ref < d->ref0 + d->nref);
		assert_string_equal(f->refs[g->ref], want[i].ref);
		assert_int_equal(g->grp, want[i].grp);
	}
	assert_int_equal(d->ngref, nwant);
}

static void assert_kinit(const struct uabi_kinit *i, const char *object, const char *type,
			 const char *field, const char *value, bool in_macro, const char *cond,
			 uint32_t line)
{
	print_message("kinit %s.%s line %u\n", object, field, line);
	assert_string_equal(i->object, object);
	assert_str_or_null(i->type, type);
	assert_string_equal(i->field, field);
	assert_string_equal(i->value, value);
	assert_int_equal(i->in_macro, in_macro);
	assert_str_or_null(i->cond, cond);
	assert_int_equal(i->line, line);
}

static void assert_kmacro(const struct uabi_kmacro *m, const char *name, const char *params,
			  const char *body, const char *cond, uint32_t line)
{
	print_message("kmacro %s line %u\n", name, line);
	assert_string_equal(m->name, name);
	assert_str_or_null(m->params, params);
	assert_string_equal(m->body, body);
	assert_str_or_null(m->cond, cond);
	assert_int_equal(m->line, line);
}

static void assert_kuse(const struct uabi_kuse *u, const char *macro, const char *arg0,
			const char *cond, uint32_t line)
{
	assert_string_equal(u->macro, macro);
	assert_str_or_null(u->arg0, arg0);
	assert_str_or_null(u->cond, cond);
	assert_int_equal(u->line, line);
}

/* ---- the scanner: commands named in functions ------------------------- */

static void test_scan_names(void **state)
{
	static const char text[] =
		"#define FOO_X32 _IOW('f', 1, int)\n"				/* 1 */
		"static long foo_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n" /* 2 */
		"\tswitch (cmd) {\n"						/* 3 */
		"\tcase FOO_A:\n"						/* 4 */
		"\tcase _IOC_NR(FOO_B):\n"					/* 5 */
		"\t\treturn foo_a(f->private_data, arg, FOO_ARG(cmd));\n"	/* 6 */
		"\tcase FOO_M(FOO_C, 2):\n"					/* 7 */
		"\t\tbreak;\n"							/* 8 */
		"\t}\n"								/* 9 */
		"\tr = cmd == FOO_D || FOO_E == cmd;\n"			/* 10 */
		"\tr += cmd != FOO_F || FOO_G(cmd) == 1 || FOO_H != cmd;\n"	/* 11 */
		"\treturn foo_b(arg) + FOO_I + bar.baz + p->qux + Mixed_Case;\n"	/* 12 */
		"}\n";								/* 13 */
	/* the names, then the member names (UABI_KREF_MEMBER) */
	/* "(case)": FOO_M(FOO_C, 2) may be any command */
	static const char *const refs[] = { "(case)", "Mixed_Case", "arg", "bar", "cmd", "f",
					     "foo_a", "foo_b", "p", "r", ".baz", ".private_data",
					     ".qux" };
	static const struct gref_want grefs[] = { { "(case)", 2 }, { "f", 1 }, { "foo_a", 1 },
						  { ".private_data", 1 } };
	struct kscan *s = *state;
	const struct uabi_kname *k;

	kscan(s, text);
	k = s->f.names;
	/* case labels (bare, as an argument of _IOC_NR or of another macro)
	 * and the two sides of ==; not !=, not a macro called (FOO_ARG,
	 * FOO_M, FOO_G, _IOC_NR), not a name used otherwise (FOO_I) */
	assert_int_equal(s->f.nnames, 5);
	assert_kname(&k[0], "FOO_A", UABI_KN_CASE, NULL, 0, 4, "foo_ioctl", 0, NULL, 1);
	assert_kname(&k[1], "FOO_B", UABI_KN_CASE, "_IOC_NR", 0, 5, "foo_ioctl", 0, NULL, 1);
	assert_kname(&k[2], "FOO_C", UABI_KN_CASE, "FOO_M", 0, 7, "foo_ioctl", 0, NULL, 2);
	assert_kname(&k[3], "FOO_D", UABI_KN_CMP, NULL, 0, 10, "foo_ioctl", 0, NULL, 0);
	assert_kname(&k[4], "FOO_E", UABI_KN_CMP, NULL, 0, 10, "foo_ioctl", 0, NULL, 0);
	for (uint32_t i = 0; i < 5; i++)
		assert_null(k[i].cond);

	assert_int_equal(s->f.ndefs, 1);
	assert_kdef(&s->f.defs[0], "foo_ioctl", NULL, false, true, 2, NULL);
	assert_false(s->f.defs[0].sets_cmd_size);
	/* members as ".name" (private_data, baz, qux), no keywords, no
	 * upper names, no parameters (the list is the body's) */
	assert_refs(&s->f, &s->f.defs[0], refs, N_OF(refs));
	/* f is used only under FOO_A/FOO_B; arg also outside the switch */
	assert_grefs(&s->f, &s->f.defs[0], grefs, N_OF(grefs));

	/* only the command-building #define is kept */
	assert_int_equal(s->f.nmacros, 1);
	assert_kmacro(&s->f.macros[0], "FOO_X32", NULL, "_IOW('f', 1, int)", NULL, 1);
	assert_int_equal(s->f.ninits, 0);
	assert_int_equal(s->f.nuses, 0);
	assert_int_equal(s->f.nincludes, 0);
	unkscan(s);
}

/* ---- the scanner: member names ---------------------------------------- */

static int collect(void *ctx, const char *id, size_t n)
{
	struct uabi_strv *v = ctx;

	uabi_strv__addf(v, "%.*s", (int)n, id);
	return v->oom ? -ENOMEM : 0;
}

/* The member names a function names, as ".name": after . and -> (blanks
 * between too), and the member arguments of offsetof and its kin; not the
 * fields of a file-scope initialiser; those of #define bodies go to the
 * file's loose list (a macro reads for whoever invokes it). */
static void test_scan_members(void **state)
{
	static const char text[] =
		"#define GET_LEN(a) (x_len(a)->len)\n"				/* 1 */
		"#define PLAIN 3\n"							/* 2 */
		"static const struct ops o = { .ioctl = x_ioctl, .owner = THIS_MODULE };\n" /* 3 */
		"static long x_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n" /* 4 */
		"\tstruct x_args a = { .flags = 0 };\n"				/* 5 */
		"\tsize_t n = offsetofend(struct x_args, name) + sizeof_field(struct x_args, pad);\n" /* 6 */
		"\tstruct x_dev *d = container_of(f, struct x_dev, file);\n"		/* 7 */
		"\tswitch (cmd) {\n"							/* 8 */
		"\tcase X_A:\n"							/* 9 */
		"\t\treturn a . addr + d -> \n\t\t\tcount + d->ops->go(1.5);\n"	/* 10-11 */
		"\t}\n"								/* 12 */
		"\treturn offsetof(struct x_args, tail);\n"				/* 13 */
		"}\n";									/* 14 */
	static const char *const refs[] = {
		"(*)", "a", "cmd", "container_of", "d", "f", "file", "n", "name", "offsetof",
		"offsetofend", "pad", "size_t", "sizeof_field", "tail", "x_args", "x_dev",
		".addr", ".count", ".file", ".flags", ".go", ".name", ".ops", ".pad", ".tail",
	};
	static const struct gref_want grefs[] = {
		{ "(*)", 1 }, { ".addr", 1 }, { ".count", 1 }, { ".go", 1 }, { ".ops", 1 },
	};
	/* the member, then the function the macro calls (not its
	 * parameter) */
	static const char *const loose[] = { ".len", "x_len" };
	struct uabi_strv v = { 0 };
	struct kscan *s = *state;

	kscan(s, text);
	assert_int_equal(s->f.ndefs, 2);
	assert_kdef(&s->f.defs[0], "o", "ops", true, true, 3, NULL);
	assert_int_equal(s->f.defs[0].nref, 1);	/* x_ioctl; no .ioctl, no .owner */
	assert_string_equal(s->f.refs[s->f.defs[0].ref0], "x_ioctl");
	assert_kdef(&s->f.defs[1], "x_ioctl", NULL, false, true, 4, NULL);
	assert_refs(&s->f, &s->f.defs[1], refs, N_OF(refs));
	assert_grefs(&s->f, &s->f.defs[1], grefs, N_OF(grefs));
	assert_int_equal(s->f.nloose, N_OF(loose));
	for (uint32_t i = 0; i < s->f.nloose && i < N_OF(loose); i++)
		assert_string_equal(s->f.loose[i], loose[i]);
	unkscan(s);

	/* the loose reader of files not scanned: anything after . or ->,
	 * blanks and newlines between, nothing after a lone > or a number's
	 * point followed by a digit; words in comments count too */
	assert_int_equal(uabi_kscan__loose_members("a.b x -> c y>d 1.5 e\n.\n f /* g->h */ i->", 33,
						   collect, &v), 0);
	assert_int_equal(v.n, 4);
	assert_string_equal(v.v[0], "b");
	assert_string_equal(v.v[1], "c");
	assert_string_equal(v.v[2], "f");
	assert_string_equal(v.v[3], "h");
	uabi_strv__free(&v);
}

/* next_ident: the identifiers of a #define body, not those inside
 * literals or numbers, with the two characters before each. */
static void test_next_ident(void **state)
{
	static const char body[] = "a.b(0X20ULL, \"x y\", '\\'') -> d 1.5e3 e";
	static const struct {
		const char *id;
		char prev, prev2;
	} want[] = { { "a", 0, 0 }, { "b", '.', 'i' }, { "d", '>', '-' }, { "e", '0', 'i' } };
	const char *p = body, *id;
	char prev = 0, prev2 = 0;
	size_t n = 0, i = 0;

	(void)state;
	while ((id = next_ident(&p, &n, &prev, &prev2))) {
		assert_true(i < N_OF(want));
		assert_int_equal(n, strlen(want[i].id));
		assert_memory_equal(id, want[i].id, n);
		assert_int_equal(prev, want[i].prev);
		assert_int_equal(prev2, want[i].prev2);
		prev2 = prev, prev = 'i';
		i++;
	}
	assert_int_equal(i, N_OF(want));
	assert_int_equal(*p, '\0');
}

/* ---- the scanner: tables, objects, entry points, macros ---------------- */

static const char objects_text[] =
	"#include \"foo_compat.c\"\n"					/* 1 */
	"#include \"foo.h\"\n"						/* 2 */
	"#include <linux/other.c>\n"					/* 3 */
	"struct foo_desc { int cmd; long (*fn)(void); };\n"		/* 4 */
	"static const struct foo_desc foo_table[] = {\n"		/* 5 */
	"\tDEF(TBL_A, tbl_a, TBL_FLAG),\n"				/* 6 */
	"\tDEF(TBL_B, 0, TBL_FLAG),\n"					/* 7 */
	"\t[TBL_C] = { .cmd = TBL_C, .fn = tbl_c },\n"			/* 8 */
	"\t[_IOC_NR(TBL_D)] = tbl_d,\n"				/* 9 */
	"};\n"								/* 10 */
	"int plain[] = { 1, 2 };\n"					/* 11 */
	"static const struct file_operations foo_fops = {\n"		/* 12 */
	"\t.owner = THIS_MODULE,\n"					/* 13 */
	"\t.unlocked_ioctl = foo_ioctl,\n"				/* 14 */
	"#ifdef CONFIG_COMPAT\n"					/* 15 */
	"\t.compat_ioctl = &foo_compat_ioctl,\n"			/* 16 */
	"#endif\n"							/* 17 */
	"\t.llseek = noop_llseek,\n"					/* 18 */
	"};\n"								/* 19 */
	"#define FOO_FOPS(name) static const struct file_operations name = "
	"{ .unlocked_ioctl\t= foo_ioctl, .compat_ioctl = & compat_ptr_ioctl, }\n"	/* 20 */
	"#if IS_ENABLED(CONFIG_BAR)\n"					/* 21 */
	"#define BAR_INIT .ioctl = bar_ioctl, .fops = &bar_fops\n"	/* 22 */
	"#endif\n"							/* 23 */
	"#define  PASTE( a , b )  a ## b /* c */\n"			/* 24 */
	"#define OPS(x) struct file_operations x\n"			/* 25 */
	"#define PLUS(a) ((a) + 1)\n"					/* 26 */
	"#define FOO_NR 3\n"						/* 27 */
	"DEFINE_FOO(foo_obj);\n"					/* 28 */
	"static DEFINE_MUTEX(foo_lock);\n"				/* 29 */
	"MODULE_LICENSE(\"GPL\");\n"					/* 30 */
	"FOO_FOPS(my_fops);\n"						/* 31 */
	"SYSCALL_DEFINE3(ioctl, unsigned int, fd, unsigned int, cmd, unsigned long, arg) {\n" /* 32 */
	"\treturn do_it(fd, cmd, arg);\n"				/* 33 */
	"}\n"								/* 34 */
	"COMPAT_SYSCALL_DEFINE3(ioctl, unsigned int, fd, unsigned int, cmd, compat_ulong_t, arg) {\n" /* 35 */
	"\treturn do_compat(fd, cmd, arg);\n"				/* 36 */
	"}\n"								/* 37 */
	"long nonstatic(void) { return 0; }\n"				/* 38 */
	"static struct bar_ops bar = { .ioctl = bar_ioctl, .fops = &bar_fops, };\n"	/* 39 */
	"long proto(int a);\n";						/* 40 */

static void test_scan_objects(void **state)
{
	static const char *const table_refs[] = { "tbl_a", "tbl_c", "tbl_d" };
	static const char *const fops_refs[] = { "foo_compat_ioctl", "foo_ioctl", "noop_llseek" };
	static const char *const sys_refs[] = { "arg", "cmd", "do_it", "fd" };
	static const char *const compat_refs[] = { "arg", "cmd", "do_compat", "fd" };
	static const char *const bar_refs[] = { "bar_fops", "bar_ioctl" };
	struct kscan *s = *state;
	const struct uabi_kname *k;
	const struct uabi_kdef *d;
	const struct uabi_kinit *in;

	kscan(s, objects_text);

	/* table entries: M(X, f, FLAGS) gives X (argument 0, .fn f) and FLAGS
	 * (argument 2); a designator [X] and a value .cmd = X; M itself and
	 * _IOC_NR are not names; upper names of a file_operations too */
	k = s->f.names;
	assert_int_equal(s->f.nnames, 8);
	assert_kname(&k[0], "TBL_A", UABI_KN_ENTRY, "DEF", 0, 6, "foo_table", 0, "tbl_a", 0);
	assert_kname(&k[1], "TBL_FLAG", UABI_KN_ENTRY, "DEF", 2, 6, "foo_table", 0, NULL, 0);
	assert_kname(&k[2], "TBL_B", UABI_KN_ENTRY, "DEF", 0, 7, "foo_table", 0, NULL, 0);
	assert_kname(&k[3], "TBL_FLAG", UABI_KN_ENTRY, "DEF", 2, 7, "foo_table", 0, NULL, 0);
	assert_kname(&k[4], "TBL_C", UABI_KN_ENTRY, NULL, 0, 8, "foo_table", 0, NULL, 0);
	assert_kname(&k[5], "TBL_C", UABI_KN_ENTRY, NULL, 0, 8, "foo_table", 0, NULL, 0);
	assert_kname(&k[6], "TBL_D", UABI_KN_ENTRY, "_IOC_NR", 0, 9, "foo_table", 0, NULL, 0);
	assert_kname(&k[7], "THIS_MODULE", UABI_KN_ENTRY, NULL, 0, 13, "foo_fops", 2, NULL, 0);

	/* definitions: objects with their struct tag, functions, the
	 * syscalls by their kernel names; no struct declaration, no
	 * prototype */
	d = s->f.defs;
	assert_int_equal(s->f.ndefs, 7);
	assert_kdef(&d[0], "foo_table", "foo_desc", true, true, 5, NULL);
	assert_refs(&s->f, &d[0], table_refs, N_OF(table_refs));
	assert_kdef(&d[1], "plain", NULL, true, false, 11, NULL);
	assert_int_equal(d[1].nref, 0);
	assert_kdef(&d[2], "foo_fops", "file_operations", true, true, 12, NULL);
	assert_refs(&s->f, &d[2], fops_refs, N_OF(fops_refs));
	assert_kdef(&d[3], "sys_ioctl", NULL, false, false, 32, NULL);
	assert_refs(&s->f, &d[3], sys_refs, N_OF(sys_refs));
	assert_kdef(&d[4], "compat_sys_ioctl", NULL, false, false, 35, NULL);
	assert_refs(&s->f, &d[4], compat_refs, N_OF(compat_refs));
	assert_kdef(&d[5], "nonstatic", NULL, false, false, 38, NULL);
	assert_int_equal(d[5].nref, 0);
	assert_kdef(&d[6], "bar", "bar_ops", true, true, 39, NULL);
	assert_refs(&s->f, &d[6], bar_refs, N_OF(bar_refs));
	for (uint32_t i = 0; i < s->f.ndefs; i++) {
		assert_int_equal(d[i].ngref, 0);
		assert_false(d[i].sets_cmd_size);
	}

	/* entry points: .unlocked_ioctl, .compat_ioctl (&x is x) with its
	 * #ifdef, .ioctl and .fops; not .owner or .llseek; in #define bodies
	 * too */
	in = s->f.inits;
	assert_int_equal(s->f.ninits, 8);
	assert_kinit(&in[0], "foo_fops", "file_operations", "unlocked_ioctl", "foo_ioctl", false,
		     NULL, 14);
	assert_kinit(&in[1], "foo_fops", "file_operations", "compat_ioctl", "foo_compat_ioctl",
		     false, "defined(CONFIG_COMPAT)", 16);
	assert_kinit(&in[2], "FOO_FOPS", NULL, "unlocked_ioctl", "foo_ioctl", true, NULL, 20);
	assert_kinit(&in[3], "FOO_FOPS", NULL, "compat_ioctl", "compat_ptr_ioctl", true, NULL, 20);
	assert_kinit(&in[4], "BAR_INIT", NULL, "ioctl", "bar_ioctl", true, "IS_ENABLED(CONFIG_BAR)",
		     22);
	assert_kinit(&in[5], "BAR_INIT", NULL, "fops", "bar_fops", true, "IS_ENABLED(CONFIG_BAR)",
		     22);
	assert_kinit(&in[6], "bar", "bar_ops", "ioctl", "bar_ioctl", false, NULL, 39);
	assert_kinit(&in[7], "bar", "bar_ops", "fops", "bar_fops", false, NULL, 39);

	/* macros: only bodies with _IO, ##, ioctl or _operations; parameters
	 * without blanks, the body with blank runs folded and comments gone */
	assert_int_equal(s->f.nmacros, 4);
	assert_kmacro(&s->f.macros[0], "FOO_FOPS", "name",
		      "static const struct file_operations name = { .unlocked_ioctl = foo_ioctl, "
		      ".compat_ioctl = & compat_ptr_ioctl, }", NULL, 20);
	assert_kmacro(&s->f.macros[1], "BAR_INIT", NULL, ".ioctl = bar_ioctl, .fops = &bar_fops",
		      "IS_ENABLED(CONFIG_BAR)", 22);
	assert_kmacro(&s->f.macros[2], "PASTE", "a,b", "a ## b", NULL, 24);
	assert_kmacro(&s->f.macros[3], "OPS", "x", "struct file_operations x", NULL, 25);

	/* upper macros invoked at file scope as declarations */
	assert_int_equal(s->f.nuses, 4);
	assert_kuse(&s->f.uses[0], "DEFINE_FOO", "foo_obj", NULL, 28);
	assert_kuse(&s->f.uses[1], "DEFINE_MUTEX", "foo_lock", NULL, 29);
	assert_kuse(&s->f.uses[2], "MODULE_LICENSE", NULL, NULL, 30);
	assert_kuse(&s->f.uses[3], "FOO_FOPS", "my_fops", NULL, 31);

	/* #include "x.c" only */
	assert_int_equal(s->f.nincludes, 1);
	assert_string_equal(s->f.includes[0], "foo_compat.c");
	unkscan(s);

	/* a use under a condition */
	kscan(s, "#ifndef CONFIG_Q\nDEFINE_DRM_GEM_FOPS(q_fops);\n#endif\n");
	assert_int_equal(s->f.nuses, 1);
	assert_kuse(&s->f.uses[0], "DEFINE_DRM_GEM_FOPS", "q_fops", "!defined(CONFIG_Q)", 2);
	assert_int_equal(s->f.ndefs, 0);
	assert_int_equal(s->f.nnames, 0);
	unkscan(s);
}

/* ---- the scanner: case groups ----------------------------------------- */

static void test_scan_groups(void **state)
{
	static const char text[] =
		"static long g(unsigned int cmd, unsigned long arg) {\n"	/* 1 */
		"\tint r = pre(arg);\n"						/* 2 */
		"\n"								/* 3 */
		"\tswitch (cmd) {\n"						/* 4 */
		"\tcase G_A:\n"							/* 5 */
		"\tcase G_B:\n"							/* 6 */
		"\t\tr = do_ab(arg) + helper(r);\n"				/* 7 */
		"\t\tbreak;\n"							/* 8 */
		"\tcase G_C:\n"							/* 9 */
		"\t\tr = do_c(arg);\n"						/* 10 */
		"\t\tfallthrough;\n"						/* 11 */
		"\tcase G_D:\n"							/* 12 */
		"\t\tr = do_d(arg) + helper(arg);\n"				/* 13 */
		"\t\tbreak;\n"							/* 14 */
		"\tcase G_E:\n"							/* 15 */
		"\tdefault:\n"							/* 16 */
		"\t\tr = do_def(arg);\n"					/* 17 */
		"\t\tbreak;\n"							/* 18 */
		"\tcase G_F: {\n"						/* 19 */
		"\t\tswitch (arg) {\n"						/* 20 */
		"\t\tcase G_N:\n"						/* 21 */
		"\t\t\tr = do_n(arg);\n"					/* 22 */
		"\t\t}\n"							/* 23 */
		"\t\tbreak;\n"							/* 24 */
		"\t}\n"								/* 25 */
		"\t}\n"								/* 26 */
		"\tpost(r);\n"							/* 27 */
		"\tswitch (arg) {\n"						/* 28 */
		"\tcase G_S:\n"							/* 29 */
		"\t\tr = do_s(arg);\n"						/* 30 */
		"\t}\n"								/* 31 */
		"\treturn r;\n"							/* 32 */
		"}\n";								/* 33 */
	static const char *const refs[] = { "(fall)", "(switch)", "arg", "cmd", "do_ab", "do_c",
					     "do_d", "do_def", "do_n", "do_s", "fallthrough",
					     "helper", "post", "pre", "r" };
	/* by reference name, then group; a name under two groups twice;
	 * none for a name also used unguarded (arg, r) or under default
	 * (do_def); G_C falls into G_D; the second switch starts at group
	 * 6 */
	static const struct gref_want grefs[] = {
		{ "(fall)", 2 }, { "(switch)", 6 }, { "do_ab", 1 }, { "do_c", 2 }, { "do_d", 3 },
		{ "do_n", 5 }, { "do_s", 6 }, { "fallthrough", 2 }, { "helper", 1 }, { "helper", 3 },
	};
	struct kscan *s = *state;
	const struct uabi_kname *k;

	kscan(s, text);
	k = s->f.names;
	assert_int_equal(s->f.nnames, 8);
	/* G_A and G_B share a group: one run of labels */
	assert_kname(&k[0], "G_A", UABI_KN_CASE, NULL, 0, 5, "g", 0, NULL, 1);
	assert_kname(&k[1], "G_B", UABI_KN_CASE, NULL, 0, 6, "g", 0, NULL, 1);
	assert_kname(&k[2], "G_C", UABI_KN_CASE, NULL, 0, 9, "g", 0, NULL, 2);
	assert_kname(&k[3], "G_D", UABI_KN_CASE, NULL, 0, 12, "g", 0, NULL, 3);
	/* a label in a run with default keeps its group number, but the
	 * run's statements are unguarded (do_def has no gref) */
	assert_kname(&k[4], "G_E", UABI_KN_CASE, NULL, 0, 15, "g", 0, NULL, 4);
	assert_kname(&k[5], "G_F", UABI_KN_CASE, NULL, 0, 19, "g", 0, NULL, 5);
	/* a nested switch starts no group: its label has none, its
	 * statements are under the outer G_F */
	assert_kname(&k[6], "G_N", UABI_KN_CASE, NULL, 0, 21, "g", 0, NULL, 0);
	/* a second switch after the first: groups go on counting */
	assert_kname(&k[7], "G_S", UABI_KN_CASE, NULL, 0, 29, "g", 0, NULL, 6);

	assert_int_equal(s->f.ndefs, 1);
	assert_kdef(&s->f.defs[0], "g", NULL, false, true, 1, NULL);
	assert_refs(&s->f, &s->f.defs[0], refs, N_OF(refs));
	assert_grefs(&s->f, &s->f.defs[0], grefs, N_OF(grefs));
	assert_int_equal(s->f.ngrefs, N_OF(grefs));
	unkscan(s);

	/* a second function starts its own groups, its grefs after the
	 * first's; a default starting a run is no group (w unguarded) */
	kscan(s, "int a(int c) { switch (c) { case A_1: x(); } }\n"
		  "int b(int c) { switch (c) { case B_1: case B_2: y(); break;\n"
		  "\tdefault: w(); break; case B_3: z(); } }\n");
	assert_int_equal(s->f.nnames, 4);
	assert_kname(&s->f.names[0], "A_1", UABI_KN_CASE, NULL, 0, 1, "a", 0, NULL, 1);
	assert_kname(&s->f.names[1], "B_1", UABI_KN_CASE, NULL, 0, 2, "b", 1, NULL, 1);
	assert_kname(&s->f.names[2], "B_2", UABI_KN_CASE, NULL, 0, 2, "b", 1, NULL, 1);
	assert_kname(&s->f.names[3], "B_3", UABI_KN_CASE, NULL, 0, 3, "b", 1, NULL, 2);
	{
		static const struct gref_want ga[] = { { "x", 1 } };
		static const struct gref_want gb[] = { { "y", 1 }, { "z", 2 } };
		static const char *const rb[] = { "c", "w", "y", "z" };

		assert_int_equal(s->f.ndefs, 2);
		assert_refs(&s->f, &s->f.defs[1], rb, N_OF(rb));
		assert_grefs(&s->f, &s->f.defs[0], ga, 1);
		assert_int_equal(s->f.defs[1].gref0, 1);
		assert_grefs(&s->f, &s->f.defs[1], gb, 2);
	}
	unkscan(s);
}

/* ---- the scanner: functions that rebuild the command's size ------------ */

static void test_scan_cmd_size(void **state)
{
	static const char text[] =
		"static long c1(unsigned int cmd) {\n"				/* 1 */
		"\tcmd = _IOC(_IOC_DIR(cmd), _IOC_TYPE(cmd), _IOC_NR(cmd), sizeof(void *));\n"
		"\treturn 0;\n"
		"}\n"
		"static long c2(unsigned int cmd) {\n"				/* 5 */
		"\tcmd &= ~IOCSIZE_MASK;\n"
		"\treturn 0;\n"
		"}\n"
		"static long c3(unsigned int cmd) {\n"				/* 9 */
		"\tsize_t size = _IOC_SIZE(cmd);\n"
		"\tif (cmd == FOO_SIZE)\n"
		"\t\treturn size;\n"
		"\tp->cmd = _IOC(1, 2, 3, 4);\n"
		"\treturn cmd;\n"
		"}\n"
		"static long c4(unsigned int command) {\n"			/* 16 */
		"\tcommand |= FOO_IOC_SIZE;\n"
		"\treturn 0;\n"
		"}\n"
		"static struct s o = { .cmd = _IOC(1, 2, 3, 4) };\n";		/* 20 */
	static const bool want[] = { true, true, false, true, false };
	static const char *const names[] = { "c1", "c2", "c3", "c4", "o" };
	struct kscan *s = *state;

	kscan(s, text);
	assert_int_equal(s->f.ndefs, 5);
	for (uint32_t i = 0; i < 5; i++) {
		print_message("%s\n", names[i]);
		assert_string_equal(s->f.defs[i].name, names[i]);
		assert_int_equal(s->f.defs[i].sets_cmd_size, want[i]);
	}
	unkscan(s);
}

/* ---- the scanner: calls through pointers, switches whose default returns */

static void test_scan_indirect_default(void **state)
{
	static const char text[] =
		"static long i1(struct x *p) { return p->ops->f(p); }\n"		/* 1 */
		"static long i2(struct x s) { return s.f(1); }\n"
		"static long i3(long (*fp)(int)) { return (*fp)(1); }\n"
		"static long i4(void *p) { return ((fn_t)p)(1); }\n"
		"static long n1(struct x *p) { return g(p->a) + h(s.b); }\n"	/* 5 */
		"static const struct y o = { .f = p->g(1) };\n"
		"FOO_FUNC(a, b)\n"
		"static long after_macro(int c) { return c == AM_CMD; }\n"		/* 8 */
		"static long dr(unsigned int cmd, unsigned long arg) {\n"		/* 9 */
		"\tpre(arg);\n"
		"\tswitch (cmd) {\n"
		"\tcase DR_A:\n"
		"\t\tbreak;\n"
		"\tdefault:\n"
		"\t\treturn -ENOIOCTLCMD;\n"
		"\t}\n"
		"\treturn post(cmd, arg);\n"
		"}\n"
		"static long dn(unsigned int cmd) {\n"				/* 19 */
		"\tswitch (cmd) {\n"
		"\tcase DN_A:\n"
		"\t\tbreak;\n"
		"\tdefault:\n"
		"\t\tx();\n"
		"\t}\n"
		"\treturn post(cmd);\n"
		"}\n";
	static const char *const names[] = { "i1", "i2", "i3", "i4", "n1", "o", "after_macro",
					      "dr", "dn" };
	static const bool indirect[] = { true, true, true, true, false, false, false, false,
					 false };
	static const struct gref_want dr_grefs[] = { { "post", UABI_KGRP_ANY } };
	struct kscan *s = *state;

	kscan(s, text);
	assert_int_equal(s->f.ndefs, N_OF(names));
	for (uint32_t i = 0; i < N_OF(names); i++) {
		print_message("%s\n", names[i]);
		assert_string_equal(s->f.defs[i].name, names[i]);
		assert_int_equal(s->f.defs[i].indirect_calls, indirect[i]);
	}
	/* a macro invoked at file scope without a semicolon: the next
	 * declaration is a definition of its own */
	assert_kdef(&s->f.defs[6], "after_macro", NULL, false, true, 8, NULL);
	assert_int_equal(s->f.nnames, 3);
	assert_kname(&s->f.names[0], "AM_CMD", UABI_KN_CMP, NULL, 0, 8, "after_macro", 6, NULL, 0);
	/* after a switch whose default returns: the labelled commands only
	 * (arg is used before the switch too: unguarded) */
	assert_kname(&s->f.names[1], "DR_A", UABI_KN_CASE, NULL, 0, 12, "dr", 7, NULL, 1);
	assert_grefs(&s->f, &s->f.defs[7], dr_grefs, N_OF(dr_grefs));
	/* a default that does not return guards nothing after the switch */
	assert_kname(&s->f.names[2], "DN_A", UABI_KN_CASE, NULL, 0, 21, "dn", 8, NULL, 1);
	assert_int_equal(s->f.defs[8].ngref, 0);
	unkscan(s);
}

/* ---- the scanner: comments, literals, #if 0 as the label scanner ------- */

static void test_scan_text_like_labels(void **state)
{
	static const char text[] =
		"/* case KVM_C1: KVM_C2 == cmd */\n"				/* 1 */
		"// case KVM_C3: \\\n"						/* 2 */
		"   case KVM_C4: still the comment\n"				/* 3 */
		"static const char *m = \"case KVM_S1: KVM_S2 == cmd\";\n"	/* 4 */
		"#define M(x) case KVM_M: x\n"					/* 5 */
		"static long h(unsigned int cmd) {\n"				/* 6 */
		"\tchar q = '\\'';\n"						/* 7 */
		"\tswitch (cmd) {\n"						/* 8 */
		"\tcase /* x */ KVM_REAL /* y */ :\n"				/* 9 */
		"\t\treturn strlen(\"cmd == KVM_S3\");\n"			/* 10 */
		"#if 0\n"							/* 11 */
		"\tcase KVM_ZERO: it's dead\n"					/* 12 */
		"\t\treturn 1;\n"						/* 13 */
		"#endif\n"							/* 14 */
		"\tcase '{': break;\n"						/* 15 */
		"\t}\n"								/* 16 */
		"\treturn 0;\n"							/* 17 */
		"}\n"								/* 18 */
		"/* a comment\n"						/* 19 */
		" spanning lines */ int z(int c) { switch (c) { case KVM_H: ; } }\n";	/* 20 */
	/* "(case)": case '{' may be any command; "(fall)": the text under
	 * KVM_ZERO does not end in a jump */
	static const char *const refs[] = { "(case)", "(fall)", "cmd", "it", "q", "strlen" };
	struct kscan *s = *state;

	kscan(s, text);
	assert_int_equal(uabi_kscan__labels(text, "t.c", &s->a, &s->l), 0);
	/* the same labels, lines, functions and conditions */
	assert_int_equal(s->l.n, 3);
	assert_int_equal(s->f.nnames, 3);
	for (uint32_t i = 0; i < 3; i++) {
		assert_string_equal(s->f.names[i].name, s->l.v[i].label);
		assert_int_equal(s->f.names[i].how, UABI_KN_CASE);
		assert_int_equal(s->f.names[i].site.line, s->l.v[i].site.line);
		assert_string_equal(s->f.names[i].site.function, s->l.v[i].site.function);
		assert_str_or_null(s->f.names[i].cond, s->l.v[i].cond);
	}
	assert_kname(&s->f.names[0], "KVM_REAL", UABI_KN_CASE, NULL, 0, 9, "h", 0, NULL, 1);
	/* text under #if 0 is read, with its condition; a lone apostrophe
	 * ends at the line's end */
	assert_kname(&s->f.names[1], "KVM_ZERO", UABI_KN_CASE, NULL, 0, 12, "h", 0, NULL, 2);
	assert_string_equal(s->f.names[1].cond, "0");
	assert_kname(&s->f.names[2], "KVM_H", UABI_KN_CASE, NULL, 0, 20, "z", 1, NULL, 1);
	assert_int_equal(s->f.ndefs, 2);
	assert_kdef(&s->f.defs[0], "h", NULL, false, true, 6, NULL);
	assert_refs(&s->f, &s->f.defs[0], refs, N_OF(refs));
	assert_kdef(&s->f.defs[1], "z", NULL, false, false, 20, NULL);
	assert_int_equal(s->f.nmacros, 0);
	uabi_klabels__free(&s->l);
	unkscan(s);

	/* conditions as the label scanner spells them, on names, defs and
	 * entry points alike */
	kscan(s, "#ifdef CONFIG_FOO\n"
		  "static const struct file_operations f_fops = { .unlocked_ioctl = h, };\n"
		  "#else\n"
		  "static const struct file_operations f_fops = { .unlocked_ioctl = h2, };\n"
		  "#endif\n"
		  "#if defined(CONFIG_X86) || \\\n    defined(CONFIG_IA64)\n"
		  "int t(int c) { return c == T_CMD; }\n"
		  "#endif\n");
	assert_int_equal(s->f.ndefs, 3);
	assert_kdef(&s->f.defs[0], "f_fops", "file_operations", true, true, 2,
		    "defined(CONFIG_FOO)");
	assert_kdef(&s->f.defs[1], "f_fops", "file_operations", true, true, 4,
		    "!defined(CONFIG_FOO)");
	assert_kdef(&s->f.defs[2], "t", NULL, false, false, 8,
		    "(defined(CONFIG_X86) || defined(CONFIG_IA64))");
	assert_int_equal(s->f.ninits, 2);
	assert_kinit(&s->f.inits[0], "f_fops", "file_operations", "unlocked_ioctl", "h", false,
		     "defined(CONFIG_FOO)", 2);
	assert_kinit(&s->f.inits[1], "f_fops", "file_operations", "unlocked_ioctl", "h2", false,
		     "!defined(CONFIG_FOO)", 4);
	assert_int_equal(s->f.nnames, 1);
	assert_kname(&s->f.names[0], "T_CMD", UABI_KN_CMP, NULL, 0, 8, "t", 2, NULL, 0);
	assert_string_equal(s->f.names[0].cond, "(defined(CONFIG_X86) || defined(CONFIG_IA64))");
	unkscan(s);

	assert_true(uabi_kscan__is_upper("FOO_1", 5));
	assert_true(uabi_kscan__is_upper("_IOC", 4));
	assert_false(uabi_kscan__is_upper("Foo", 3));
	assert_false(uabi_kscan__is_upper("__1", 3));
	assert_false(uabi_kscan__is_upper("", 0));
}

/* ---- the scanner: sites, and what a keyword or a struct body is ------- */

/* A comparison inside if (...) or while (...) is an argument of no macro
 * (cscan.h: kname.macro "NULL when none"; it was "if" before 17e63c6). */
static void test_scan_cmp_in_if(void **state)
{
	struct kscan *s = *state;

	kscan(s, "static long f(unsigned int cmd) {\n"
		  "\tif (cmd == FOO_IF)\n"
		  "\t\treturn 1;\n"
		  "\twhile (FOO_WHILE == cmd)\n"
		  "\t\t;\n"
		  "\treturn 0;\n"
		  "}\n");
	assert_int_equal(s->f.nnames, 2);
	assert_kname(&s->f.names[0], "FOO_IF", UABI_KN_CMP, NULL, 0, 2, "f", 0, NULL, 0);
	assert_kname(&s->f.names[1], "FOO_WHILE", UABI_KN_CMP, NULL, 0, 4, "f", 0, NULL, 0);
	unkscan(s);
}

/* A definition's line is its name's, not its body's '{' (the next line in
 * kernel style, further down after a long parameter list): the line is a
 * user-visible site, "handled by input_ff_effect_from_user
 * (drivers/input/input-compat.c:62)" (it was 64, the '{', before 17e63c6). */
static void test_scan_def_line(void **state)
{
	struct kscan *s = *state;

	kscan(s, "static long foo(struct file *f,\n"			/* 1 */
		  "\t\tunsigned long arg)\n"				/* 2 */
		  "{\n"							/* 3 */
		  "\treturn 0;\n"					/* 4 */
		  "}\n"							/* 5 */
		  "COMPAT_SYSCALL_DEFINE3(ioctl, unsigned int, fd, unsigned int, cmd,\n"	/* 6 */
		  "\t\t       compat_ulong_t, arg)\n"		/* 7 */
		  "{\n"							/* 8 */
		  "\treturn 0;\n"					/* 9 */
		  "}\n"							/* 10 */
		  "static const struct file_operations foo_fops =\n"	/* 11 */
		  "{\n"							/* 12 */
		  "\t.unlocked_ioctl = foo,\n"				/* 13 */
		  "};\n");						/* 14 */
	assert_int_equal(s->f.ndefs, 3);
	assert_kdef(&s->f.defs[0], "foo", NULL, false, true, 1, NULL);
	assert_kdef(&s->f.defs[1], "compat_sys_ioctl", NULL, false, false, 6, NULL);
	assert_kdef(&s->f.defs[2], "foo_fops", "file_operations", true, true, 11, NULL);
	unkscan(s);
}

/* A #define continued over several lines is at its first line, and so are
 * the entry points in its body (DRM_GEM_FOPS's .unlocked_ioctl; they were
 * at its last line before 17e63c6). */
static void test_scan_define_line(void **state)
{
	struct kscan *s = *state;

	kscan(s, "#define FOO_FOPS(name) \\\n"				/* 1 */
		  "\tstatic const struct file_operations name = { \\\n"	/* 2 */
		  "\t\t.unlocked_ioctl = foo_ioctl, \\\n"		/* 3 */
		  "\t\t.compat_ioctl = compat_ptr_ioctl, \\\n"		/* 4 */
		  "\t}\n"						/* 5 */
		  "#define FOO_X \\\n"					/* 6 */
		  "\t_IOW('f', 1, int)\n"				/* 7 */
		  "int after(int c) { return c == AFTER_CMD; }\n");	/* 8 */
	assert_int_equal(s->f.nmacros, 2);
	assert_kmacro(&s->f.macros[0], "FOO_FOPS", "name",
		      "static const struct file_operations name = { .unlocked_ioctl = foo_ioctl, "
		      ".compat_ioctl = compat_ptr_ioctl, }", NULL, 1);
	assert_kmacro(&s->f.macros[1], "FOO_X", NULL, "_IOW('f', 1, int)", NULL, 6);
	assert_int_equal(s->f.ninits, 2);
	assert_kinit(&s->f.inits[0], "FOO_FOPS", NULL, "unlocked_ioctl", "foo_ioctl", true, NULL,
		     1);
	assert_kinit(&s->f.inits[1], "FOO_FOPS", NULL, "compat_ioctl", "compat_ptr_ioctl", true,
		     NULL, 1);
	/* the lines after it are counted right */
	assert_int_equal(s->f.nnames, 1);
	assert_int_equal(s->f.names[0].site.line, 8);
	unkscan(s);
}

/* BUG: an object whose declaration defines an anonymous struct type
 * inline (drivers/gpu/drm/drm_ioc32.c's "static struct { ... }
 * drm_compat_ioctls[] = {") gets its own name as its struct tag: "struct"
 * sets d_tag_next, the '{' of the body does not clear it, and the first
 * identifier after the body is the object's name. Expected: type NULL (an
 * object named foo_ops would pass for an operations object,
 * is_ops_object()). Since 17e63c6 the static flag and a named tag are kept
 * (they were lost). */
static void test_scan_static_struct_body_bug(void **state)
{
	struct kscan *s = *state;

	kscan(s, "static struct {\n"					/* 1 */
		  "\tlong (*fn)(void);\n"				/* 2 */
		  "\tchar *name;\n"					/* 3 */
		  "} anon_tbl[] = {\n"					/* 4 */
		  "\tDEF32(ANON_A, anon_a),\n"				/* 5 */
		  "};\n"						/* 6 */
		  "static const struct named_desc { int a; } named_tbl[] = { { NAMED_A } };\n"); /* 7 */
	assert_int_equal(s->f.ndefs, 2);
	assert_kdef(&s->f.defs[0], "anon_tbl", NULL, true, true, 4, NULL);
	assert_kdef(&s->f.defs[1], "named_tbl", "named_desc", true, true, 7, NULL);
	assert_int_equal(s->f.nnames, 2);
	assert_kname(&s->f.names[0], "ANON_A", UABI_KN_ENTRY, "DEF32", 0, 5, "anon_tbl", 0,
		     "anon_a", 0);
	assert_kname(&s->f.names[1], "NAMED_A", UABI_KN_ENTRY, NULL, 0, 7, "named_tbl", 1, NULL, 0);
	unkscan(s);
}

/* Entry points a function body sets: assignments of an entry field
 * through a path of names, with the tag the path's first name is declared
 * with there; objects the body defines with an initialiser. */
static void test_scan_assignments(void **state)
{
	struct kscan *s = *state;
	const struct uabi_kinit *in;

	kscan(s, "static struct snd_hwdep *glob;\n"				/* 1 */
		  "static int hx_new(struct snd_card *card, struct snd_hwdep * const hw)\n" /* 2 */
		  "{\n"							/* 3 */
		  "\tstruct hx_priv *p = card->private_data, *q;\n"	/* 4 */
		  "\tstatic const struct snd_hwdep_ops ops = {\n"	/* 5 */
		  "\t\t.open = hx_open,\n"				/* 6 */
		  "\t\t.ioctl = hx_ioctl,\n"				/* 7 */
		  "\t\t.ioctl_compat = &hx_compat,\n"			/* 8 */
		  "\t};\n"						/* 9 */
		  "\tstruct file_operations fops;\n"			/* 10 */
		  "\thw->ops.ioctl = hx_ioctl;\n"				/* 11 */
		  "#ifdef CONFIG_COMPAT\n"				/* 12 */
		  "\thw -> ops . ioctl_compat = & hx_compat ;\n"	/* 13 */
		  "#endif\n"						/* 14 */
		  "\tfops.unlocked_ioctl = hx_fops_ioctl;\n"		/* 15 */
		  "\tq->dev.ioctl = hx_q_ioctl;\n"			/* 16 */
		  "\tp->x.ioctl = NULL;\n"				/* 17 */
		  "\tp->x.ioctl = on ? hx_a : hx_b;\n"			/* 18 */
		  "\tif (p->x.ioctl == hx_ioctl)\n"			/* 19 */
		  "\t\t((struct snd_hwdep *)p)->ops.ioctl = hx_cast;\n"	/* 20 */
		  "\tp->v[0].ioctl = hx_index;\n"			/* 21 */
		  "\tp->ops.read = hx_read;\n"				/* 22 */
		  "\tp->fops = &hx_fops;\n"				/* 23 */
		  "\tundeclared->ops.ioctl = hx_u;\n"			/* 24 */
		  "\treturn 0;\n"						/* 25 */
		  "}\n");						/* 26 */
	in = s->f.inits;
	assert_int_equal(s->f.ninits, 7);
	/* the object ops (line 5), its .ioctl and .ioctl_compat, not .open */
	assert_kinit(&in[0], "ops", "snd_hwdep_ops", "ioctl", "hx_ioctl", false, NULL, 7);
	assert_kinit(&in[1], "ops", "snd_hwdep_ops", "ioctl_compat", "hx_compat", false, NULL, 8);
	/* hw, a parameter (struct snd_hwdep * const hw) */
	assert_kinit(&in[2], "hw->ops", "snd_hwdep", "ioctl", "hx_ioctl", false, NULL, 11);
	assert_kinit(&in[3], "hw->ops", "snd_hwdep", "ioctl_compat", "hx_compat", false,
		     "defined(CONFIG_COMPAT)", 13);
	assert_kinit(&in[4], "fops", "file_operations", "unlocked_ioctl", "hx_fops_ioctl", false,
		     NULL, 15);
	/* q, the second name of "struct hx_priv *p = ..., *q" */
	assert_kinit(&in[5], "q->dev", "hx_priv", "ioctl", "hx_q_ioctl", false, NULL, 16);
	/* not NULL, a conditional, a comparison, a cast, an index, another
	 * field, .fops; a name the function does not declare has no tag */
	assert_kinit(&in[6], "undeclared->ops", NULL, "ioctl", "hx_u", false, NULL, 24);
	for (uint32_t i = 0; i < 7; i++)
		assert_string_equal(in[i].function, "hx_new");
	/* hw was hx_new's: the next function does not see it */
	unkscan(s);
	kscan(s, "static void hx_a(struct snd_hwdep *hw) { }\n"
		  "static void hx_b(void) { hw->ops.ioctl = hx_late; }\n");
	assert_int_equal(s->f.ninits, 1);
	assert_kinit(&s->f.inits[0], "hw->ops", NULL, "ioctl", "hx_late", false, NULL, 2);
	assert_string_equal(s->f.inits[0].function, "hx_b");
	/* a file-scope object's initialisers have no function */
	unkscan(s);
	kscan(s, "static const struct snd_hwdep_ops ops = { .ioctl = hx_ioctl };\n");
	assert_int_equal(s->f.ninits, 1);
	assert_kinit(&s->f.inits[0], "ops", "snd_hwdep_ops", "ioctl", "hx_ioctl", false, NULL, 1);
	assert_null(s->f.inits[0].function);
	unkscan(s);
}

/* ---- placement on a synthetic tree -------------------------------------- */

/* Every function's '{' is on its name's line: the sites below do not
 * depend on test_scan_def_line. */
static const char *const tree_files[][2] = {
	/* rule 1: the generic compat code */
	{ "fs/ioctl.c",
	  "#define FS_IOC32_GETFLAGS _IOR('f', 1, int)\n"			/* 1 */
	  "static int file_ioctl(struct file *filp, unsigned int cmd, int __user *p) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase FIBMAP:\n"							/* 4 */
	  "\t\treturn ioctl_fibmap(filp, p);\n"
	  "\t}\n"
	  "\treturn -ENOIOCTLCMD;\n"
	  "}\n"
	  "static int do_vfs_ioctl(struct file *filp, unsigned int fd, unsigned int cmd,"
	  " unsigned long arg) {\n"						/* 9 */
	  "\tswitch (cmd) {\n"
	  "\tcase FIOCLEX:\n"
	  "\t\treturn 0;\n"
	  "\tcase FS_IOC_FIEMAP:\n"						/* 13 */
	  "\t\treturn ioctl_fiemap(filp, arg);\n"
	  "\t}\n"
	  "\treturn file_ioctl(filp, cmd, arg);\n"
	  "}\n"
	  "SYSCALL_DEFINE3(ioctl, unsigned int, fd, unsigned int, cmd, unsigned long, arg) {\n"
	  "\treturn do_vfs_ioctl(fd, fd, cmd, arg);\n"
	  "}\n"
	  "COMPAT_SYSCALL_DEFINE3(ioctl, unsigned int, fd, unsigned int, cmd, compat_ulong_t, arg) {\n"
	  "\tint error;\n"							/* 22 */
	  "\n"
	  "\tswitch (cmd) {\n"
	  "\tcase FS_IOC32_GETFLAGS:\n"						/* 25 */
	  "\tcase FS_IOC32_SETFLAGS:\n"						/* 26 */
	  "\t\tcmd = (cmd == FS_IOC32_GETFLAGS) ? FS_IOC_GETFLAGS : FS_IOC_SETFLAGS;\n"
	  "\t\tfallthrough;\n"
	  "\tdefault:\n"
	  "\t\terror = do_vfs_ioctl(fd, fd, cmd, (unsigned long)compat_ptr(arg));\n"
	  "\t}\n"
	  "\treturn error;\n"
	  "}\n" },
	/* .compat_ioctl = compat_ptr_ioctl */
	{ "drivers/pa/pa.c",
	  "static long pa_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase PA_CMD:\n"							/* 3 */
	  "\t\treturn pa_do(arg);\n"
	  "\t}\n"
	  "\treturn -ENOTTY;\n"
	  "}\n"
	  "static const struct file_operations pa_fops = {\n"
	  "\t.owner = THIS_MODULE,\n"
	  "\t.unlocked_ioctl = pa_ioctl,\n"					/* 10 */
	  "\t.compat_ioctl = compat_ptr_ioctl,\n"
	  "};\n" },
	/* no .compat_ioctl */
	{ "drivers/na/na.c",
	  "static long na_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tif (cmd == NA_CMD)\n"						/* 2 */
	  "\t\treturn na_do(arg);\n"
	  "\treturn -ENOTTY;\n"
	  "}\n"
	  "static const struct file_operations na_fops = {\n"
	  "\t.unlocked_ioctl = na_ioctl,\n"					/* 7 */
	  "};\n" },
	/* a compat handler naming the twin */
	{ "drivers/tw/tw.c",
	  "#define TW_CMD32 _IOW('t', 1, struct tw32)\n"
	  "static long tw_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase TW_CMD:\n"							/* 4 */
	  "\t\treturn tw_do(f, arg);\n"
	  "\t}\n"
	  "\treturn -ENOTTY;\n"
	  "}\n"
	  "static long tw_compat_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase TW_CMD32:\n"							/* 11 */
	  "\t\treturn tw_do32(f, compat_ptr(arg));\n"
	  "\t}\n"
	  "\treturn tw_ioctl(f, cmd, (unsigned long)compat_ptr(arg));\n"
	  "}\n"
	  "static const struct file_operations tw_fops = {\n"
	  "\t.unlocked_ioctl = tw_ioctl,\n"					/* 17 */
	  "\t.compat_ioctl = tw_compat_ioctl,\n"
	  "};\n" },
	/* a compat handler falling back to the native one for the rest */
	{ "drivers/fb/fb.c",
	  "static long fb_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase FB_CMD:\n"							/* 3 */
	  "\t\treturn fb_do(arg);\n"
	  "\t}\n"
	  "\treturn -ENOTTY;\n"
	  "}\n"
	  "static long fb_compat_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n" /* 8 */
	  "\tswitch (cmd) {\n"
	  "\tcase FB_OTHER32:\n"
	  "\t\treturn fb_other32(f, arg);\n"
	  "\t}\n"
	  "\treturn fb_ioctl(f, cmd, (unsigned long)compat_ptr(arg));\n"
	  "}\n"
	  "static const struct file_operations fb_fops = {\n"
	  "\t.unlocked_ioctl = fb_ioctl,\n"					/* 16 */
	  "\t.compat_ioctl = fb_compat_ioctl,\n"
	  "};\n" },
	/* a compat handler calling the native one only for another command */
	{ "drivers/un/un.c",
	  "static long un_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase UN_CMD:\n"							/* 3 */
	  "\t\treturn un_do(arg);\n"
	  "\tcase UN_OTHER:\n"
	  "\t\treturn un_other(arg);\n"
	  "\t}\n"
	  "\treturn -ENOTTY;\n"
	  "}\n"
	  "static long un_compat_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n" /* 10 */
	  "\tswitch (cmd) {\n"
	  "\tcase UN_OTHER32:\n"
	  "\t\treturn un_ioctl(f, UN_OTHER, arg);\n"
	  "\t}\n"
	  "\treturn -ENOIOCTLCMD;\n"
	  "}\n"
	  "static const struct file_operations un_fops = {\n"
	  "\t.unlocked_ioctl = un_ioctl,\n"					/* 18 */
	  "\t.compat_ioctl = un_compat_ioctl,\n"
	  "};\n" },
	/* in_compat_syscall() in a helper on one command's path */
	{ "drivers/aw/aw.c",
	  "static int aw_ff_upload(void __user *p) {\n"				/* 1 */
	  "\tif (in_compat_syscall())\n"
	  "\t\treturn aw_upload32(p);\n"
	  "\treturn aw_upload64(p);\n"
	  "}\n"
	  "static long aw_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase AW_CMD:\n"							/* 8 */
	  "\t\treturn aw_ff_upload((void __user *)arg);\n"
	  "\tcase AW_PLAIN:\n"							/* 10 */
	  "\t\treturn aw_plain(arg);\n"
	  "\t}\n"
	  "\treturn -ENOTTY;\n"
	  "}\n"
	  "static const struct file_operations aw_fops = {\n"
	  "\t.unlocked_ioctl = aw_ioctl,\n"					/* 16 */
	  "\t.compat_ioctl = compat_ptr_ioctl,\n"
	  "};\n" },
	/* DRM: a driver table, a drm_driver, the generic entry points */
	{ "include/drm/drm_ioctl.h",
	  "#define DRM_IOCTL_NR(n) _IOC_NR(n)\n"
	  "#define DRM_IOCTL_DEF_DRV(ioctl, _func, _flags) "
	  "[DRM_IOCTL_NR(DRM_IOCTL_##ioctl) - DRM_COMMAND_BASE] = "
	  "{.cmd = DRM_IOCTL_##ioctl, .func = _func, .flags = _flags, .name = #ioctl}\n" },
	{ "drivers/gpu/drm/drm_ioctl.c",
	  "long drm_ioctl(struct file *filp, unsigned int cmd, unsigned long arg) {\n"
	  "\tconst struct drm_ioctl_desc *ioctl = &filp->dev->driver->ioctls[_IOC_NR(cmd)];\n"
	  "\n"
	  "\treturn ioctl->func(filp, arg);\n"
	  "}\n" },
	{ "drivers/gpu/drm/drm_ioc32.c",
	  "#define DRM_IOCTL32_DEF(n, f) [DRM_IOCTL_NR(n##32)] = {.fn = f, .name = #n}\n"
	  "static int compat_foo_y(struct file *filp, unsigned int cmd, unsigned long arg) {\n"
	  "\treturn drm_ioctl(filp, cmd, arg);\n"
	  "}\n"
	  "static struct {\n"
	  "\tdrm_ioctl_compat_t *fn;\n"
	  "\tchar *name;\n"
	  "} drm_compat_ioctls[] = {\n"
	  "#if defined(CONFIG_X86)\n"
	  "\tDRM_IOCTL32_DEF(PFX_FOO_Y, compat_foo_y),\n"			/* 10 */
	  "#endif\n"
	  "};\n"
	  "long drm_compat_ioctl(struct file *filp, unsigned int cmd, unsigned long arg) {\n" /* 13 */
	  "\tunsigned int nr = DRM_IOCTL_NR(cmd);\n"
	  "\tdrm_ioctl_compat_t *fn;\n"
	  "\n"
	  "\tif (nr >= ARRAY_SIZE(drm_compat_ioctls))\n"
	  "\t\treturn drm_ioctl(filp, cmd, arg);\n"
	  "\tfn = drm_compat_ioctls[nr].fn;\n"
	  "\tif (!fn)\n"
	  "\t\treturn drm_ioctl(filp, cmd, arg);\n"
	  "\treturn fn(filp, cmd, arg);\n"
	  "}\n" },
	{ "drivers/gpu/drm/foo/foo_drv.c",
	  "#define DEF_DRV(ioctl, func, flags) [NR(PFX_##ioctl)] = {.cmd = PFX_##ioctl, .func = func}\n"
	  "static int foo_x(struct drm_device *dev, void *data, struct drm_file *file) {\n"
	  "\treturn 0;\n"
	  "}\n"
	  "static const struct drm_ioctl_desc foo_ioctls[] = {\n"
	  "\tDEF_DRV(FOO_X, foo_x, 0),\n"					/* 6 */
	  "\tDEF_DRV(FOO_Y, foo_y, 0),\n"					/* 7 */
	  "\tDRM_IOCTL_DEF_DRV(FOO_NOOP, drm_noop, 0),\n"			/* 8 */
	  "};\n"
	  "static const struct file_operations foo_fops = {\n"
	  "\t.owner = THIS_MODULE,\n"
	  "\t.unlocked_ioctl = drm_ioctl,\n"					/* 12 */
	  "\t.compat_ioctl = drm_compat_ioctl,\n"
	  "};\n"
	  "static const struct drm_driver foo_driver = {\n"
	  "\t.ioctls = foo_ioctls,\n"
	  "\t.fops = &foo_fops,\n"
	  "};\n" },
	/* a .c file #included by another: its statics are the includer's */
	{ "drivers/inc/inc.c",
	  "#include \"inc_compat.c\"\n"
	  "static long inc_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase INC_CMD:\n"							/* 4 */
	  "\t\treturn inc_do(arg);\n"
	  "\t}\n"
	  "\treturn -ENOTTY;\n"
	  "}\n"
	  "static const struct file_operations inc_fops = {\n"
	  "\t.unlocked_ioctl = inc_ioctl,\n"					/* 10 */
	  "\t.compat_ioctl = inc_compat_ioctl,\n"
	  "};\n" },
	{ "drivers/inc/inc_compat.c",
	  "#define INC_CMD32 _IOW('i', 1, struct inc32)\n"
	  "static long inc_compat_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase INC_CMD32:\n"							/* 4 */
	  "\t\treturn inc_do32(arg);\n"
	  "\t}\n"
	  "\treturn -ENOIOCTLCMD;\n"
	  "}\n" },
	/* .compat_ioctl under a condition */
	{ "drivers/cnd/cnd.c",
	  "static long cnd_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase CND_CMD:\n"							/* 3 */
	  "\t\treturn 0;\n"
	  "\t}\n"
	  "\treturn -ENOTTY;\n"
	  "}\n"
	  "static const struct file_operations cnd_fops = {\n"
	  "\t.unlocked_ioctl = cnd_ioctl,\n"					/* 9 */
	  "#ifdef CONFIG_ARM64\n"
	  "\t.compat_ioctl = compat_ptr_ioctl,\n"
	  "#endif\n"
	  "};\n" },
	/* the native handler names the twin itself */
	{ "drivers/nv/nv.c",
	  "#define NV_CMD_32 _IOW('n', 1, struct nv32)\n"
	  "static long nv_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase NV_CMD:\n"							/* 4 */
	  "\tcase NV_CMD_32:\n"							/* 5 */
	  "\t\treturn nv_do(f, cmd, arg);\n"
	  "\t}\n"
	  "\treturn -ENOTTY;\n"
	  "}\n"
	  "static const struct file_operations nv_fops = {\n"
	  "\t.unlocked_ioctl = nv_ioctl,\n"					/* 11 */
	  "\t.compat_ioctl = compat_ptr_ioctl,\n"
	  "};\n" },
	/* an entry point that is not a file_operations */
	{ "drivers/sk/sk.c",
	  "static int sk_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg) {\n"
	  "\tif (cmd == SK_CMD)\n"						/* 2 */
	  "\t\treturn 0;\n"
	  "\treturn -ENOIOCTLCMD;\n"
	  "}\n"
	  "static const struct atmphy_ops sk_ops = {\n"
	  "\t.ioctl = sk_ioctl,\n"						/* 7 */
	  "\t.compat_ioctl = sk_compat_ioctl,\n"
	  "};\n" },
	/* the entry kinds of other subsystems (kernel/rules_*.c) */
	/* a socket: net/socket.c's compat_sock_ioctl names a twin */
	{ "net/socket.c",
	  "#define SOCK_CMD32 _IOW('s', 1, struct s32)\n"
	  "static long compat_sock_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase SOCK_CMD32:\n"						/* 4 */
	  "\t\treturn sock_get32(f, arg);\n"
	  "\t}\n"
	  "\treturn -ENOIOCTLCMD;\n"
	  "}\n" },
	{ "net/sp/sp.c",
	  "static int sp_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase SOCK_CMD:\n"						/* 3 */
	  "\tcase SP_CMD:\n"
	  "\t\treturn 0;\n"
	  "\t}\n"
	  "\treturn -ENOIOCTLCMD;\n"
	  "}\n"
	  "static const struct proto_ops sp_ops = {\n"
	  "\t.ioctl = sp_ioctl,\n"						/* 10 */
	  "};\n" },
	/* a line discipline without .compat_ioctl: tty_compat_ioctl calls its
	 * .ioctl; a tty driver without one: not available */
	{ "drivers/tty/tl.c",
	  "static int tl_ioctl(struct tty_struct *tty, unsigned int cmd, unsigned long arg) {\n"
	  "\treturn cmd == TL_CMD ? 0 : -ENOIOCTLCMD;\n"				/* 2 */
	  "}\n"
	  "static struct tty_ldisc_ops tl_ldisc = {\n"
	  "\t.ioctl = tl_ioctl,\n"						/* 5 */
	  "};\n"
	  "static int td_ioctl(struct tty_struct *tty, unsigned int cmd, unsigned long arg) {\n"
	  "\treturn cmd == TD_CMD ? 0 : -ENOIOCTLCMD;\n"				/* 8 */
	  "}\n"
	  "static const struct tty_operations td_ops = {\n"
	  "\t.ioctl = td_ioctl,\n"						/* 11 */
	  "};\n" },
	/* fbdev: .fb_ioctl without .fb_compat_ioctl */
	{ "drivers/video/fbdev/xf.c",
	  "static int xf_ioctl(struct fb_info *info, unsigned int cmd, unsigned long arg) {\n"
	  "\tif (cmd == XF_CMD)\n"						/* 2 */
	  "\t\treturn 0;\n"
	  "\treturn -EINVAL;\n"
	  "}\n"
	  "static const struct fb_ops xf_ops = {\n"
	  "\t.fb_ioctl = xf_ioctl,\n"						/* 7 */
	  "};\n" },
	/* an RTC driver's .ioctl: rtc_dev_compat_ioctl passes it on */
	{ "drivers/rtc/rtc-xr.c",
	  "static int xr_ioctl(struct device *dev, unsigned int cmd, unsigned long arg) {\n"
	  "\tif (cmd == XR_CMD)\n"						/* 2 */
	  "\t\treturn 0;\n"
	  "\treturn -ENOIOCTLCMD;\n"
	  "}\n"
	  "static const struct rtc_class_ops xr_ops = {\n"
	  "\t.ioctl = xr_ioctl,\n"						/* 7 */
	  "};\n" },
	/* another arch's code: no x86 kernel builds it */
	{ "arch/alpha/kernel/ar.c",
	  "static long ar_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\treturn cmd == AR_CMD ? 0 : -ENOTTY;\n"
	  "}\n"
	  "static const struct file_operations ar_fops = {\n"
	  "\t.unlocked_ioctl = ar_ioctl,\n"
	  "};\n"
	  "long ar_read(struct mr_args *x) { return x->alphaonly; }\n" },
	{ "arch/x86/kernel/ax.c",
	  "static long ax_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\treturn cmd == AX_CMD ? 0 : -ENOTTY;\n"					/* 2 */
	  "}\n"
	  "static const struct file_operations ax_fops = {\n"
	  "\t.unlocked_ioctl = ax_ioctl,\n"					/* 5 */
	  "\t.compat_ioctl = compat_ptr_ioctl,\n"
	  "};\n" },
	/* a media device: a table built by a macro that hands its argument
	 * on to one that pastes it (MEDIA_IOC -> MEDIA_IOC_ARG) */
	{ "drivers/media/mc/mx.c",
	  "#define MX_IOC_LIST32 _IOWR('|', 2, struct mx_list32)\n"
	  "#define MX_IOC_ARG(__cmd, func, fl) [_IOC_NR(MX_IOC_##__cmd)] = { .cmd = MX_IOC_##__cmd, .fn = func }\n"
	  "#define MX_IOC(__cmd, func, fl) MX_IOC_ARG(__cmd, func, fl)\n"
	  "static const struct mx_info mx_table[] = {\n"
	  "\tMX_IOC(INFO, mx_info, MX_FL),\n"					/* 5 */
	  "\tMX_IOC(LIST, mx_list, MX_FL),\n"
	  "};\n"
	  "static long mx_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\treturn mx_table[_IOC_NR(cmd)].fn(f, arg);\n"
	  "}\n"
	  "static long mx_compat_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase MX_IOC_LIST32:\n"						/* 13 */
	  "\t\treturn mx_list32(f, arg);\n"
	  "\tdefault:\n"
	  "\t\treturn mx_ioctl(f, cmd, arg);\n"
	  "\t}\n"
	  "}\n"
	  "static const struct media_file_operations mx_fops = {\n"
	  "\t.ioctl = mx_ioctl,\n"						/* 20 */
	  "\t.compat_ioctl = mx_compat_ioctl,\n"
	  "};\n" },
	/* a comparison of the number's fields (st.c: cmd_nr == _IOC_NR(MTIOCGET)) */
	{ "drivers/scsi/tp.c",
	  "#define TP_GET32 _IOR('m', 2, struct tp_get32)\n"
	  "static long tp_ioctl(struct file *f, unsigned int cmd_in, unsigned long arg) {\n"
	  "\tint cmd_nr = _IOC_NR(cmd_in), cmd_type = _IOC_TYPE(cmd_in);\n"
	  "\tif (cmd_type == _IOC_TYPE(TP_GET) && cmd_nr == _IOC_NR(TP_GET))\n"	/* 4 */
	  "\t\treturn tp_get(f, arg);\n"
	  "\treturn cmd_nr == _IOC_NR(TP_NOT(1)) ? 0 : -ENOTTY;\n"
	  "}\n"
	  "static long tp_compat_ioctl(struct file *f, unsigned int cmd_in, unsigned long arg) {\n"
	  "\tswitch (cmd_in) {\n"
	  "\tcase TP_GET32:\n"							/* 10 */
	  "\t\tcmd_in = TP_GET;\n"
	  "\t\tbreak;\n"
	  "\t}\n"
	  "\treturn tp_ioctl(f, cmd_in, arg);\n"
	  "}\n"
	  "static const struct file_operations tp_fops = {\n"
	  "\t.unlocked_ioctl = tp_ioctl,\n"					/* 17 */
	  "\t.compat_ioctl = tp_compat_ioctl,\n"
	  "};\n" },
	/* a table macro that pastes nothing, whose body ends with a name (the
	 * walk over its body stops at its end) */
	{ "drivers/tb/tb.c",
	  "#define TBE(cmd, fn) [cmd] = fn_TAIL\n"
	  "static const void *tb_ioctls[] = {\n"
	  "\tTBE(TB_CMD, tb_fn),\n"
	  "};\n" },
	/* built by the arch or not: the Makefile line's symbol (kbuild.h) */
	{ "drivers/mk/Makefile",
	  "obj-$(CONFIG_MK_MAC) += mkmac.o\n"
	  "obj-$(CONFIG_MK_PC) += mkpc.o\n" },
	{ "drivers/mk/Kconfig",
	  "config MK_MAC\n"
	  "\ttristate \"Mac\"\n"
	  "\tdepends on M68K\n"
	  "config MK_PC\n"
	  "\ttristate \"PC\"\n"
	  "\tdepends on X86 || COMPILE_TEST\n" },
	{ "drivers/mk/mkmac.c",
	  "static long mkmac_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\treturn cmd == MK_CMD ? 0 : -ENOTTY;\n"
	  "}\n"
	  "static const struct file_operations mkmac_fops = {\n"
	  "\t.unlocked_ioctl = mkmac_ioctl,\n"
	  "};\n" },
	{ "drivers/mk/mkpc.c",
	  "static long mkpc_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\treturn cmd == MK_CMD ? 0 : -ENOTTY;\n"					/* 2 */
	  "}\n"
	  "static const struct file_operations mkpc_fops = {\n"
	  "\t.unlocked_ioctl = mkpc_ioctl,\n"					/* 5 */
	  "\t.compat_ioctl = compat_ptr_ioctl,\n"
	  "};\n" },
	/* no entry point at all */
	{ "drivers/orphan/orphan.c",
	  "int orphan_ioctl(unsigned int cmd) {\n"
	  "\treturn cmd == ORPHAN_CMD;\n"					/* 2 */
	  "}\n" },
	/* several entry points: not available + passed -> passed */
	{ "drivers/m1/m1.c",
	  "static long m1_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase MULTI_CMD:\n"							/* 3 */
	  "\t\treturn 0;\n"
	  "\t}\n"
	  "\treturn -ENOTTY;\n"
	  "}\n"
	  "static const struct file_operations m1_fops = {\n"
	  "\t.unlocked_ioctl = m1_ioctl,\n"
	  "};\n" },
	{ "drivers/m2/m2.c",
	  "static long m2_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase MULTI_CMD:\n"
	  "\t\treturn 0;\n"
	  "\t}\n"
	  "\treturn -ENOTTY;\n"
	  "}\n"
	  "static const struct file_operations m2_fops = {\n"
	  "\t.unlocked_ioctl = m2_ioctl,\n"					/* 9 */
	  "\t.compat_ioctl = compat_ptr_ioctl,\n"
	  "};\n" },
	/* handled + unknown -> unknown */
	{ "drivers/m3/m3.c",
	  "#define MULTI2_CMD32 _IOW('m', 2, struct m32)\n"
	  "static long m3_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase MULTI2_CMD:\n"						/* 4 */
	  "\tcase MULTI2_CMD32:\n"
	  "\t\treturn 0;\n"
	  "\t}\n"
	  "\treturn -ENOTTY;\n"
	  "}\n"
	  "static const struct file_operations m3_fops = {\n"
	  "\t.unlocked_ioctl = m3_ioctl,\n"
	  "\t.compat_ioctl = compat_ptr_ioctl,\n"
	  "};\n" },
	{ "drivers/m4/m4.c",
	  "static long m4_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase MULTI2_CMD:\n"
	  "\t\treturn 0;\n"
	  "\t}\n"
	  "\treturn -ENOTTY;\n"
	  "}\n"
	  "static const struct file_operations m4_fops = {\n"
	  "\t.unlocked_ioctl = m4_ioctl,\n"					/* 9 */
	  "\t.compat_ioctl = m4_compat_ioctl,\n"
	  "};\n" },
	/* a compat handler that rebuilds the command's size field */
	{ "drivers/sz/sz.c",
	  "static long sz_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase SZ_CMD:\n"							/* 3 */
	  "\t\treturn 0;\n"
	  "\t}\n"
	  "\treturn -ENOTTY;\n"
	  "}\n"
	  "static long sz_compat_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n" /* 8 */
	  "\tcmd = _IOC(_IOC_DIR(cmd), _IOC_TYPE(cmd), _IOC_NR(cmd), sizeof(compat_uptr_t));\n"
	  "\treturn sz_ioctl(f, cmd, arg);\n"
	  "}\n"
	  "static const struct file_operations sz_fops = {\n"
	  "\t.unlocked_ioctl = sz_ioctl,\n"					/* 13 */
	  "\t.compat_ioctl = sz_compat_ioctl,\n"
	  "};\n" },
	/* a compat handler whose switch's default returns */
	{ "drivers/dr/dr.c",
	  "static long dr_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase DR_CMD:\n"							/* 3 */
	  "\tcase DR_PASS:\n"
	  "\t\treturn dr_do(cmd, arg);\n"
	  "\t}\n"
	  "\treturn -ENOTTY;\n"
	  "}\n"
	  "static long dr_compat_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n" /* 9 */
	  "\tswitch (cmd) {\n"
	  "\tcase DR_PASS:\n"							/* 11 */
	  "\t\tbreak;\n"
	  "\tdefault:\n"
	  "\t\treturn -ENOIOCTLCMD;\n"
	  "\t}\n"
	  "\treturn dr_ioctl(f, cmd, (unsigned long)compat_ptr(arg));\n"
	  "}\n"
	  "static const struct file_operations dr_fops = {\n"
	  "\t.unlocked_ioctl = dr_ioctl,\n"					/* 19 */
	  "\t.compat_ioctl = dr_compat_ioctl,\n"
	  "};\n" },
	/* a compat handler calling through a pointer on the command's path */
	{ "drivers/ui/ui.c",
	  "static long ui_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase UI_CMD:\n"							/* 3 */
	  "\t\treturn 0;\n"
	  "\tcase UI_OTHER:\n"
	  "\t\treturn 1;\n"
	  "\t}\n"
	  "\treturn -ENOTTY;\n"
	  "}\n"
	  "static long ui_compat_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n" /* 10 */
	  "\tstruct ui_priv *p = f->private_data;\n"
	  "\n"
	  "\tswitch (cmd) {\n"
	  "\tcase UI_OTHER32:\n"
	  "\t\treturn ui_ioctl(f, UI_OTHER, arg);\n"
	  "\t}\n"
	  "\treturn p->ops->compat(f, cmd, arg);\n"
	  "}\n"
	  "static const struct file_operations ui_fops = {\n"
	  "\t.unlocked_ioctl = ui_ioctl,\n"
	  "\t.compat_ioctl = ui_compat_ioctl,\n"
	  "};\n" },
	/* ... and through a pointer under another command's label only */
	{ "drivers/uj/uj.c",
	  "static long uj_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase UJ_CMD:\n"
	  "\t\treturn 0;\n"
	  "\tcase UJ_OTHER:\n"
	  "\t\treturn 1;\n"
	  "\t}\n"
	  "\treturn -ENOTTY;\n"
	  "}\n"
	  "static long uj_compat_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n" /* 10 */
	  "\tstruct uj_priv *p = f->private_data;\n"
	  "\n"
	  "\tswitch (cmd) {\n"
	  "\tcase UJ_OTHER32:\n"
	  "\t\treturn p->ops->compat(f, UJ_OTHER, arg);\n"
	  "\t}\n"
	  "\treturn -ENOIOCTLCMD;\n"
	  "}\n"
	  "static const struct file_operations uj_fops = {\n"
	  "\t.unlocked_ioctl = uj_ioctl,\n"
	  "\t.compat_ioctl = uj_compat_ioctl,\n"
	  "};\n" },
	/* the native code reached through a pointer, its dvb-like device
	 * object linking it to the fops */
	{ "drivers/pt/pt.c",
	  "static int pt_video_ioctl(struct file *f, unsigned int cmd, void *parg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase PT_CMD:\n"							/* 3 */
	  "\tcase PT_CMD32:\n"							/* 4 */
	  "\t\treturn 0;\n"
	  "\t}\n"
	  "\treturn -ENOIOCTLCMD;\n"
	  "}\n"
	  "static long pt_generic_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tstruct pt_dev *d = f->private_data;\n"
	  "\n"
	  "\treturn d->kernel_ioctl(f, cmd, (void *)arg);\n"
	  "}\n"
	  "static const struct file_operations pt_fops = {\n"
	  "\t.unlocked_ioctl = pt_generic_ioctl,\n"				/* 15 */
	  "\t.compat_ioctl = compat_ptr_ioctl,\n"
	  "};\n"
	  "static const struct pt_dev pt_video = {\n"
	  "\t.fops = &pt_fops,\n"
	  "\t.kernel_ioctl = pt_video_ioctl,\n"
	  "};\n" },
	/* DRM_GEM_FOPS: a macro of entry points in a fops initialiser */
	{ "include/drm/drm_gem.h",
	  "#define GEM_FOPS .open = drm_open, .unlocked_ioctl = drm_ioctl, "
	  ".compat_ioctl = drm_compat_ioctl\n"
	  "#define DEFINE_GEM_FOPS(name) static const struct file_operations name = "
	  "{ .owner = THIS_MODULE, GEM_FOPS, }\n" },
	{ "drivers/gpu/drm/gem/gem_drv.c",
	  "static const struct drm_ioctl_desc gem_ioctls[] = {\n"
	  "\tDRM_IOCTL_DEF_DRV(GEM_X, gem_x, 0),\n"				/* 2 */
	  "};\n"
	  "static const struct file_operations gem_fops = {\n"
	  "\t.owner = THIS_MODULE,\n"
	  "\tGEM_FOPS,\n"
	  "};\n"
	  "static const struct drm_driver gem_driver = {\n"
	  "\t.ioctls = gem_ioctls,\n"
	  "\t.fops = &gem_fops,\n"
	  "};\n" },
	{ "drivers/gpu/drm/gem2/gem2_drv.c",
	  "static const struct drm_ioctl_desc gem2_ioctls[] = {\n"
	  "\tDRM_IOCTL_DEF_DRV(GEM2_X, gem2_x, 0),\n"			/* 2 */
	  "};\n"
	  "DEFINE_GEM_FOPS(gem2_fops);\n"
	  "static const struct drm_driver gem2_driver = {\n"
	  "\t.ioctls = gem2_ioctls,\n"
	  "\t.fops = &gem2_fops,\n"
	  "};\n" },
	/* member use (uabi_kio__member_read): mr_ioctl switches on the
	 * commands; each member is named by code on one path */
	{ "drivers/mr/mr.c",
	  "#define MR_LEN(x) ((x)->len)\n"					/* 1 */
	  "static long mr_take(struct mr_args *x) { return x->taken; }\n"	/* 2 */
	  "static long mr_deep2(struct mr_args *x) { return x->deep; }\n"	/* 3 */
	  "static long mr_deep1(struct mr_args *x) { return mr_deep2(x); }\n"	/* 4 */
	  "long mr_pub(struct mr_args *x) { return x->pub; }\n"		/* 5 */
	  "static long mr_cb(struct mr_args *x) { return x->cb; }\n"		/* 6 */
	  "static const struct mr_ops mr_ops = { .go = mr_cb };\n"		/* 7 */
	  "static long mr_orphan(struct mr_args *x) { return x->orphan; }\n"	/* 8 */
	  "static long mr_peek(void __user *argp) {\n"				/* 9 */
	  "\tstruct mr_args a;\n"
	  "\treturn copy_from_user(&a, argp, sizeof(a)) ? -EFAULT : a.peekflags;\n"
	  "}\n"
	  "static long mr_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n" /* 13 */
	  "\tvoid __user *argp = (void __user *)arg;\n"
	  "\tswitch (cmd) {\n"
	  "\tcase MR_TAKE:\n"
	  "\t\treturn mr_take(argp);\n"
	  "\tcase MR_DEEP:\n"
	  "\t\treturn mr_deep1(argp);\n"
	  "\tcase MR_OWN:\n"
	  "\t\treturn ((struct mr_args *)argp)->own;\n"
	  "\tcase MR_PEEK:\n"
	  "\t\treturn mr_peek(argp);\n"
	  "\t}\n"
	  "\treturn cmd == MR_CMP ? 0 : -ENOTTY;\n"
	  "}\n"
	  "static const struct file_operations mr_fops = {\n"
	  "\t.unlocked_ioctl = mr_ioctl,\n"
	  "\t.compat_ioctl = compat_ptr_ioctl,\n"
	  "};\n" },
	/* ALSA hwdep drivers: snd_hwdep_ops set by assignment in a function
	 * (hx: a compat handler that names a twin; hy: the same function for
	 * both, and a second function with the same path whose compat
	 * handler is no sibling of the first's), or in an object a function
	 * defines (hz); an assignment of a kind uabi does not model (hq) */
	{ "sound/pci/hx/hx.c",
	  "static int hx_ioctl(struct snd_hwdep *hw, struct file *file, unsigned int cmd, "
	  "unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase HX_CMD:\n"							/* 3 */
	  "\t\treturn 0;\n"
	  "\t}\n"
	  "\treturn -EINVAL;\n"
	  "}\n"
	  "static int hx_compat(struct snd_hwdep *hw, struct file *file, unsigned int cmd, "
	  "unsigned long arg) {\n"						/* 8 */
	  "\tswitch (cmd) {\n"
	  "\tcase HX_CMD32:\n"							/* 10 */
	  "\t\treturn 0;\n"
	  "\t}\n"
	  "\treturn -ENOIOCTLCMD;\n"
	  "}\n"
	  "int hx_new(struct snd_card *card) {\n"				/* 15 */
	  "\tstruct snd_hwdep *hw;\n"
	  "\tint err = snd_hwdep_new(card, \"hx\", 0, &hw);\n"
	  "\n"
	  "\thw->ops.ioctl = hx_ioctl;\n"					/* 19 */
	  "#ifdef CONFIG_COMPAT\n"
	  "\thw->ops.ioctl_compat = hx_compat;\n"				/* 21 */
	  "#endif\n"
	  "\treturn err;\n"
	  "}\n" },
	{ "sound/pci/hy/hy.c",
	  "static int hy_ioctl(struct snd_hwdep *hw, struct file *file, unsigned int cmd, "
	  "unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase HY_CMD:\n"							/* 3 */
	  "\t\treturn 0;\n"
	  "\t}\n"
	  "\treturn -EINVAL;\n"
	  "}\n"
	  "static int hy_fx_ioctl(struct snd_hwdep *hw, struct file *file, unsigned int cmd, "
	  "unsigned long arg) {\n"
	  "\treturn cmd == HY_FX_CMD ? 0 : -EINVAL;\n"				/* 9 */
	  "}\n"
	  "int hy_new(struct snd_hwdep *hw) {\n"
	  "\thw->ops.ioctl = hy_ioctl;\n"					/* 12 */
	  "\thw->ops.ioctl_compat = hy_ioctl;\n"
	  "\treturn 0;\n"
	  "}\n"
	  "int hy_new_fx(struct snd_hwdep *hw) {\n"
	  "\thw->ops.ioctl = hy_fx_ioctl;\n"					/* 17 */
	  "\treturn 0;\n"
	  "}\n" },
	{ "sound/firewire/hz/hz.c",
	  "static int hz_ioctl(struct snd_hwdep *hw, struct file *file, unsigned int cmd, "
	  "unsigned long arg) {\n"
	  "\treturn cmd == HZ_CMD ? 0 : -ENOIOCTLCMD;\n"			/* 2 */
	  "}\n"
	  "int hz_new(struct snd_hwdep *hwdep) {\n"
	  "\tstatic const struct snd_hwdep_ops ops = {\n"
	  "\t\t.ioctl = hz_ioctl,\n"						/* 6 */
	  "\t\t.ioctl_compat = hz_ioctl,\n"
	  "\t};\n"
	  "\thwdep->ops = ops;\n"
	  "\treturn 0;\n"
	  "}\n" },
	{ "drivers/md/hq/hq.c",
	  "static int hq_ioctl(struct hq_dev *d, unsigned int cmd, unsigned long arg) {\n"
	  "\treturn cmd == HQ_CMD ? 0 : -ENOTTY;\n"				/* 2 */
	  "}\n"
	  "void hq_setup(struct hq_dev *d) {\n"
	  "\td->ioctl = hq_ioctl;\n"
	  "}\n" },
	/* a kernel tree has include/uapi/linux */
	{ "include/uapi/linux/kio_test.h", "#define KIO_TEST_UAPI _IO('k', 1)\n" },
	/* read but not scanned: nothing about ioctls in it */
	{ "drivers/misc/plain.c", "int plain(struct p *x) { return PLAIN_CMD + x->loosey; }\n" },
	/* not read: a skipped top directory */
	{ "tools/t.c", "static long t_ioctl(unsigned int cmd) { return cmd == TOOLS_CMD; }\n" },
};

struct tree {
	char root[256];
	struct uabi_kio *k;
};

/* The tree and its facts live for the whole group: the teardown runs even
 * after a failed assertion. */
static int make_tree(void **state)
{
	static struct tree t;
	const char *tmp = getenv("TMPDIR");
	struct uabi_diag d;

	snprintf(t.root, sizeof(t.root), "%s/uabi-kio-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(t.root))
		return -1;
	for (size_t i = 0; i < N_OF(tree_files); i++)
		test_put_file(t.root, tree_files[i][0], tree_files[i][1]);
	uabi_diag__clear(&d);
	if (uabi_kio__read(t.root, &t.k, &d)) {
		fprintf(stderr, "uabi_kio__read: %s\n", d.msg);
		uabi_file__rmtree(t.root);
		return -1;
	}
	*state = &t;
	return 0;
}

static int remove_tree(void **state)
{
	struct tree *t = *state;

	if (!t)
		return 0;	/* make_tree failed and removed it */
	uabi_kio__free(t->k);
	t->k = NULL;
	return uabi_file__rmtree(t->root);
}

/* A site; with a file, line 0 means any line (a release whose lines are
 * not known, check_tree). */
static void assert_site(const struct uabi_ksite *s, const char *file, uint32_t line,
			const char *function)
{
	assert_str_or_null(s->file, file);
	if (line || !file)
		assert_int_equal(s->line, line);
	assert_str_or_null(s->function, function);
}

static void place(struct uabi_kio *k, const char *cmd, const char *arch, struct uabi_kio_place *p)
{
	print_message("%s on %s\n", cmd, arch);
	memset(p, 0xa5, sizeof(*p));	/* every field is set */
	assert_int_equal(uabi_kio__place(k, cmd, arch, p), 0);
}

/* The summary fields of a placement. */
static void assert_place(const struct uabi_kio_place *p, enum uabi_kio_status status,
			 const char *why, const char *label, const char *compat,
			 const char *entry_object, uint32_t nentries)
{
	assert_string_equal(uabi_kio_status__str(p->status), uabi_kio_status__str(status));
	assert_int_equal(p->status, status);
	assert_string_equal(p->why, why);
	assert_str_or_null(p->label, label);
	assert_str_or_null(p->compat, compat);
	assert_str_or_null(p->entry_object, entry_object);
	assert_int_equal(p->nentries, nentries);
}

#define FALLS_BACK "the compat handler falls back to the native handler"

static void test_place_stats(void **state)
{
	struct tree *t = *state;
	uint32_t files;
	uint64_t bytes = 0;

	/* every file of the tree but tools/ is read; plain.c names no ioctl
	 * and is not scanned, drivers/mk's Makefile and Kconfig are build
	 * files (read, not scanned) */
	uabi_kio__stats(t->k, &files, &bytes);
	assert_int_equal(files, N_OF(tree_files) - 4);
	{
		uint64_t want = 0;

		for (size_t i = 0; i < N_OF(tree_files) - 1; i++)
			want += strlen(tree_files[i][1]);
		assert_int_equal(bytes, want);
	}
	assert_string_equal(uabi_kio_status__str(UABI_KIO_HANDLED), "handled");
	assert_string_equal(uabi_kio_status__str(UABI_KIO_PASSED), "passed-through");
	assert_string_equal(uabi_kio_status__str(UABI_KIO_NOT_AVAILABLE), "not-available");
	assert_string_equal(uabi_kio_status__str(UABI_KIO_UNKNOWN), "unknown");
}

static void member_read(struct uabi_kio *k, const char *cmd, const char *arch, const char *m,
			struct uabi_kio_member *r)
{
	print_message("%s.%s on %s\n", cmd, m, arch);
	memset(r, 0xa5, sizeof(*r));	/* every field is set */
	assert_int_equal(uabi_kio__member_read(k, cmd, arch, m, r), 0);
}

/* Whether a command's code may read a member of its argument: not when
 * every function naming it is reached only under other commands' labels
 * of a switch on the command; yes when its own path names it, when a
 * macro or a file not scanned names it, when a function on the way is not
 * static, is stored in an object or has no caller, and without a switch
 * on the command. */
static void test_member_read(void **state)
{
	struct tree *t = *state;
	struct uabi_kio_member r;

	/* named under MR_TAKE's label only, one and two calls away, and in
	 * the switch itself under MR_OWN's */
	member_read(t->k, "MR_PEEK", "x86", "taken", &r);
	assert_false(r.may_read);
	assert_null(r.why);
	assert_int_equal(r.nnamed, 1);
	assert_site(&r.named, "drivers/mr/mr.c", 2, "mr_take");
	assert_site(&r.site, "drivers/mr/mr.c", 13, "mr_ioctl");
	member_read(t->k, "MR_PEEK", "x86", "deep", &r);
	assert_false(r.may_read);
	assert_site(&r.named, "drivers/mr/mr.c", 3, "mr_deep2");
	assert_site(&r.site, "drivers/mr/mr.c", 13, "mr_ioctl");
	member_read(t->k, "MR_PEEK", "x86", "own", &r);
	assert_false(r.may_read);
	assert_site(&r.named, "drivers/mr/mr.c", 13, "mr_ioctl");
	assert_site(&r.site, "drivers/mr/mr.c", 13, "mr_ioctl");
	/* named nowhere the arch builds (arch/alpha's ar_read) */
	member_read(t->k, "MR_PEEK", "x86", "alphaonly", &r);
	assert_false(r.may_read);
	assert_int_equal(r.nnamed, 0);
	assert_null(r.named.file);
	assert_null(r.site.file);

	/* the command's own path */
	member_read(t->k, "MR_TAKE", "x86", "taken", &r);
	assert_true(r.may_read);
	assert_string_equal(r.why, "the command's own code names it, or calls code that does");
	assert_site(&r.named, "drivers/mr/mr.c", 13, "mr_ioctl");
	member_read(t->k, "MR_DEEP", "x86", "deep", &r);
	assert_true(r.may_read);
	member_read(t->k, "MR_PEEK", "x86", "peekflags", &r);
	assert_true(r.may_read);
	assert_site(&r.named, "drivers/mr/mr.c", 13, "mr_ioctl");

	/* the ways out of the walk */
	member_read(t->k, "MR_PEEK", "x86", "pub", &r);
	assert_true(r.may_read);
	assert_string_equal(r.why, "code that names it is not static or is in a header (files "
				   "not read for ioctls may call it)");
	assert_site(&r.named, "drivers/mr/mr.c", 5, "mr_pub");
	/* mr_ops holds mr_cb: its address is taken */
	member_read(t->k, "MR_PEEK", "x86", "cb", &r);
	assert_true(r.may_read);
	assert_string_equal(r.why, "code that names it has its address taken (a pointer may call "
				   "it)");
	assert_site(&r.named, "drivers/mr/mr.c", 6, "mr_cb");
	member_read(t->k, "MR_PEEK", "x86", "orphan", &r);
	assert_true(r.may_read);
	assert_string_equal(r.why, "code that names it has no caller in the files read (it is "
				   "called through a pointer, or from a macro)");
	assert_site(&r.named, "drivers/mr/mr.c", 8, "mr_orphan");
	member_read(t->k, "MR_PEEK", "x86", "len", &r);	/* MR_LEN's body */
	assert_true(r.may_read);
	assert_string_equal(r.why, "a macro, or a file not read for ioctls, names it");
	member_read(t->k, "MR_PEEK", "x86", "loosey", &r);	/* drivers/misc/plain.c */
	assert_true(r.may_read);
	assert_string_equal(r.why, "a macro, or a file not read for ioctls, names it");
	member_read(t->k, "AR_CMD", "alpha", "alphaonly", &r);
	assert_true(r.may_read);
	assert_string_equal(r.why, "no entry point's function switches on the command (a case "
				   "label naming it)");
	/* MR_CMP: a comparison, no case label */
	member_read(t->k, "MR_CMP", "x86", "own", &r);
	assert_true(r.may_read);
	assert_string_equal(r.why, "no entry point's function switches on the command (a case "
				   "label naming it)");
}

/* A tree a test writes on its own (own_setup, own_teardown): its directory
 * and its facts, both removed by the teardown, which cmocka runs after a
 * failed assertion too. */
struct own_tree {
	char root[256];
	struct uabi_kio *k;
};

static int own_setup(void **state)
{
	static struct own_tree t;
	const char *tmp = getenv("TMPDIR");

	memset(&t, 0, sizeof(t));
	snprintf(t.root, sizeof(t.root), "%s/uabi-kio-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(t.root))
		return -1;
	*state = &t;
	return 0;
}

static int own_teardown(void **state)
{
	struct own_tree *t = *state;

	uabi_kio__free(t->k);
	t->k = NULL;
	return uabi_file__rmtree(t->root);
}

/* Write n files into t's tree, then read it (again) into t->k. */
static void read_own(struct own_tree *t, const char *const (*files)[2], size_t n)
{
	struct uabi_diag d;

	for (size_t i = 0; i < n; i++)
		test_put_file(t->root, files[i][0], files[i][1]);
	uabi_kio__free(t->k);
	t->k = NULL;
	uabi_diag__clear(&d);
	assert_int_equal(uabi_kio__read(t->root, &t->k, &d), 0);
}

/* A .c or .h file over 16 MiB is not scanned, but its member names count
 * (read up to 256 MiB); one bigger still may name any member. Sparse
 * files: their size is what matters. */
static void test_member_big_files(void **state)
{
	static const char drv[] =
		"static long big_b(struct big *x) { return x->under_b; }\n"
		"static long big_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
		"\tswitch (cmd) {\n"
		"\tcase BIG_A:\n"
		"\t\treturn 0;\n"
		"\tcase BIG_B:\n"
		"\t\treturn big_b((void __user *)arg);\n"
		"\t}\n"
		"\treturn -ENOTTY;\n"
		"}\n"
		"static const struct file_operations big_fops = { .unlocked_ioctl = big_ioctl };\n";
	static const char huge[] = "int f(struct s *p) { return p->in_huge; }\n";
	const char *const files[][2] = {
		{ "include/uapi/linux/big.h", "#define BIG_A _IO('b', 1)\n" },
		{ "drivers/big/big.c", drv },
		{ "drivers/big/huge.h", huge },
	};
	struct own_tree *t = *state;
	struct uabi_kio_member r;
	char path[512];

	/* huge.h: 20 MiB, its text at the start */
	snprintf(path, sizeof(path), "%s/drivers/big/huge.h", t->root);
	test_put_file(t->root, files[2][0], files[2][1]);
	assert_int_equal(truncate(path, 20 << 20), 0);
	read_own(t, files, 2);
	member_read(t->k, "BIG_A", "x86", "in_huge", &r);
	assert_true(r.may_read);
	assert_string_equal(r.why, "a macro, or a file not read for ioctls, names it");
	member_read(t->k, "BIG_A", "x86", "under_b", &r);
	assert_false(r.may_read);

	/* over 256 MiB: not read at all */
	snprintf(path, sizeof(path), "%s/drivers/big/huger.c", t->root);
	test_put_file(t->root, "drivers/big/huger.c", "");
	assert_int_equal(truncate(path, (off_t)257 << 20), 0);
	read_own(t, files, 0);
	member_read(t->k, "BIG_A", "x86", "under_b", &r);
	assert_true(r.may_read);
	assert_string_equal(r.why, "a file of the tree is too big to read (over 256 MiB): it may "
				   "name it");
}

/* Ways the code of a command reaches a member that every function naming
 * it is reached under other commands' labels only, each in its own
 * driver (each ioctl function an entry point, its fops at the end): the
 * walk must say "may read" (a miss hides a compat bug), and
 * the other command still reads it. */
static const char *const attack_files[][2] = {
	{ "include/uapi/linux/kio_test.h", "#define KIO_TEST_UAPI _IO('k', 1)\n" },
	/* a second switch, on something else than the command */
	{ "drivers/at/sw2.c",
	  "static long s2_peek(struct a *x) { return x->m_sw2; }\n"
	  "static long s2_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase S2_OWN: break;\n"
	  "\tcase S2_OTHER: return s2_peek((void *)arg);\n"
	  "\t}\n"
	  "\tswitch (f->f_mode) {\n"
	  "\tcase MODE_A: return s2_peek((void *)arg);\n"
	  "\t}\n"
	  "\treturn 0;\n"
	  "}\n"
	  "static const struct file_operations s2_fops = { .unlocked_ioctl = s2_ioctl };\n" },
	/* a goto from the command's label into another's */
	{ "drivers/at/goto.c",
	  "static long gt_peek(struct a *x) { return x->m_goto; }\n"
	  "static long gt_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase GT_OWN: goto peek;\n"
	  "\tcase GT_OTHER:\n"
	  "peek:\n"
	  "\t\treturn gt_peek((void *)arg);\n"
	  "\t}\n"
	  "\treturn 0;\n"
	  "}\n"
	  "static const struct file_operations gt_fops = { .unlocked_ioctl = gt_ioctl };\n" },
	/* falling through with a comment only (older trees) */
	{ "drivers/at/fall.c",
	  "static long fa_peek(struct a *x) { return x->m_fall; }\n"
	  "static long fa_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase FA_OWN:\n"
	  "\t\targ++;\n"
	  "\t\t/* fall through */\n"
	  "\tcase FA_OTHER:\n"
	  "\t\treturn fa_peek((void *)arg);\n"
	  "\t}\n"
	  "\treturn 0;\n"
	  "}\n"
	  "static const struct file_operations fa_fops = { .unlocked_ioctl = fa_ioctl };\n" },
	/* fallthrough; in the switch, and again outside it */
	{ "drivers/at/fall2.c",
	  "static long f2_peek(struct a *x) { return x->m_fall2; }\n"
	  "static long f2_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase F2_OWN:\n"
	  "\t\targ++;\n"
	  "\t\tfallthrough;\n"
	  "\tcase F2_OTHER:\n"
	  "\t\treturn f2_peek((void *)arg);\n"
	  "\t}\n"
	  "\tswitch (arg) {\n"
	  "\tcase 1: arg++; fallthrough;\n"
	  "\tdefault: break;\n"
	  "\t}\n"
	  "\treturn 0;\n"
	  "}\n"
	  "static const struct file_operations f2_fops = { .unlocked_ioctl = f2_ioctl };\n" },
	/* a macro calls the function that names it */
	{ "drivers/at/macro.c",
	  "#define MA_PEEK(p) ma_peek((void *)(p))\n"
	  "static long ma_peek(struct a *x) { return x->m_macro; }\n"
	  "static long ma_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase MA_OWN: return MA_PEEK(arg);\n"
	  "\tcase MA_OTHER: return ma_peek((void *)arg);\n"
	  "\t}\n"
	  "\treturn 0;\n"
	  "}\n"
	  "static const struct file_operations ma_fops = { .unlocked_ioctl = ma_ioctl };\n" },
	/* labels that may be any command: a number, a range */
	{ "drivers/at/nr.c",
	  "static long nr_peek(struct a *x) { return x->m_nr + x->m_range; }\n"
	  "static long nr_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (_IOC_NR(cmd)) {\n"
	  "\tcase _IOC_NR(NR_OWN): return 0;\n"
	  "\tcase 0x20: return nr_peek((void *)arg);\n"
	  "\t}\n"
	  "\treturn 0;\n"
	  "}\n"
	  "static long rg_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase RG_OWN: return 0;\n"
	  "\tcase RG_FIRST ... RG_LAST: return nr_peek((void *)arg);\n"
	  "\t}\n"
	  "\treturn 0;\n"
	  "}\n"
	  "static const struct file_operations nr_fops = { .unlocked_ioctl = nr_ioctl };\n"
	  "static const struct file_operations rg_fops = { .unlocked_ioctl = rg_ioctl };\n" },
	/* the function's address is taken under another label and called
	 * through the pointer under the command's; a helper switching on its
	 * parameter is called with another command's number; a macro pastes
	 * the member's name (BUG, not fixed) */
	{ "drivers/at/bug.c",
	  "#define FLD(p, x) ((p)->x##_lo)\n"
	  "static long (*bg_hook)(struct a *x);\n"
	  "static long bg_peek(struct a *x) { return x->m_ptr; }\n"
	  "static long bg_sub(unsigned int cmd, struct a *x) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase BG_OTHER: return x->m_sub;\n"
	  "\tcase BG_OWN: return 0;\n"
	  "\t}\n"
	  "\treturn 0;\n"
	  "}\n"
	  "static long bg_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase BG_SET: bg_hook = bg_peek; return 0;\n"
	  "\tcase BG_OWN: return bg_hook((void *)arg) + bg_sub(BG_OTHER, (void *)arg) +\n"
	  "\t\tFLD((struct a *)arg, m_paste);\n"
	  "\t}\n"
	  "\treturn 0;\n"
	  "}\n"
	  "static const struct file_operations bg_fops = { .unlocked_ioctl = bg_ioctl };\n" },
	/* what stays not read: every group ends in a jump (one in a
	 * block), a nested switch's fallthrough, code after the switch
	 * whose default returns */
	{ "drivers/at/ok.c",
	  "static long ok_peek(struct a *x) { return x->m_ok; }\n"
	  "static long ok_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tlong r = 0;\n"
	  "\tswitch (cmd) {\n"
	  "\tcase OK_OWN: {\n"
	  "\t\tswitch (arg) {\n"
	  "\t\tcase 1: r++; fallthrough;\n"
	  "\t\tdefault: r++;\n"
	  "\t\t}\n"
	  "\t\tbreak;\n"
	  "\t}\n"
	  "\tcase OK_OTHER:\n"
	  "\t\tif (arg)\n"
	  "\t\t\treturn ok_peek((void *)arg);\n"
	  "\t\tbreak;\n"
	  "\tdefault:\n"
	  "\t\treturn -ENOTTY;\n"
	  "\t}\n"
	  "\treturn r;\n"
	  "}\n"
	  "static const struct file_operations ok_fops = { .unlocked_ioctl = ok_ioctl };\n" },
};

static void test_member_read_attacks(void **state)
{
	static const char *const may[][2] = {
		{ "S2_OWN", "m_sw2" }, { "GT_OWN", "m_goto" }, { "FA_OWN", "m_fall" },
		{ "F2_OWN", "m_fall2" }, { "MA_OWN", "m_macro" }, { "NR_OWN", "m_nr" },
		{ "RG_OWN", "m_range" },
	};
	struct own_tree *t = *state;
	struct uabi_kio *k;
	struct uabi_kio_member r;

	read_own(t, attack_files, N_OF(attack_files));
	k = t->k;
	for (size_t i = 0; i < N_OF(may); i++) {
		member_read(k, may[i][0], "x86", may[i][1], &r);
		assert_true(r.may_read);
	}
	member_read(k, "MA_OWN", "x86", "m_macro", &r);
	assert_string_equal(r.why, "code that names it is named in a macro's body (called from a "
				   "macro)");
	assert_site(&r.named, "drivers/at/macro.c", 2, "ma_peek");
	member_read(k, "S2_OWN", "x86", "m_sw2", &r);
	assert_string_equal(r.why, "the command's own code names it, or calls code that does");
	assert_site(&r.named, "drivers/at/sw2.c", 2, "s2_ioctl");
	member_read(k, "OK_OWN", "x86", "m_ok", &r);
	assert_false(r.may_read);
	assert_site(&r.site, "drivers/at/ok.c", 2, "ok_ioctl");
	/* read on BG_OWN's path through a pointer set under BG_SET: bg_peek's
	 * address is taken */
	member_read(k, "BG_OWN", "x86", "m_ptr", &r);
	assert_true(r.may_read);
	assert_string_equal(r.why, "code that names it has its address taken (a pointer may call "
				   "it)");
	assert_site(&r.named, "drivers/at/bug.c", 3, "bg_peek");
	/* bg_sub switches on its parameter, not on the caller's command: it
	 * is no entry point's function, so its labels clear nothing */
	member_read(k, "BG_OWN", "x86", "m_sub", &r);
	assert_true(r.may_read);
	/* BUG (not fixed, says not read): a macro pastes the member's name */
	member_read(k, "BG_OWN", "x86", "m_paste_lo", &r);
	assert_false(r.may_read);
	assert_int_equal(r.nnamed, 0);
}

/* More ways (second review), each in its own driver: the command's code
 * reads the member though every function naming it is reached under
 * other commands' labels of a switch on the command. */
static const char *const attack2_files[][2] = {
	{ "include/uapi/linux/kio_test.h", "#define KIO_TEST_UAPI _IO('k', 1)\n" },
	/* the entry function calls itself with another command */
	{ "drivers/a2/rec.c",
	  "static long rc_peek(struct a *x) { return x->m_rec; }\n"
	  "static long rc_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase RC_OWN: return rc_ioctl(f, RC_OTHER, arg);\n"
	  "\tcase RC_OTHER: return rc_peek((void *)arg);\n"
	  "\t}\n"
	  "\treturn 0;\n"
	  "}\n"
	  "static const struct file_operations rc_fops = { .unlocked_ioctl = rc_ioctl };\n" },
	/* a helper calls the entry function with another command */
	{ "drivers/a2/help.c",
	  "static long he_peek(struct a *x) { return x->m_help; }\n"
	  "static long he_ioctl(struct file *f, unsigned int cmd, unsigned long arg);\n"
	  "static long he_other(struct file *f, unsigned long arg) {\n"
	  "\treturn he_ioctl(f, HE_OTHER, arg);\n"
	  "}\n"
	  "static long he_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase HE_OWN: return he_other(f, arg);\n"
	  "\tcase HE_OTHER: return he_peek((void *)arg);\n"
	  "\t}\n"
	  "\treturn 0;\n"
	  "}\n"
	  "static const struct file_operations he_fops = { .unlocked_ioctl = he_ioctl };\n" },
	/* the jump that ends the command's group is under #ifdef: on x86 it
	 * falls through; and a label under #ifdef with the jump before it */
	{ "drivers/a2/ifdef.c",
	  "static long pp_peek(struct a *x) { return x->m_ifbreak; }\n"
	  "static long pl_peek(struct a *x) { return x->m_iflabel; }\n"
	  "static long pp_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase PP_OWN:\n"
	  "\t\targ++;\n"
	  "#ifdef CONFIG_ARM64\n"
	  "\t\tbreak;\n"
	  "#endif\n"
	  "\tcase PP_OTHER:\n"
	  "\t\treturn pp_peek((void *)arg);\n"
	  "\t}\n"
	  "\treturn 0;\n"
	  "}\n"
	  "static long pl_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase PL_OWN:\n"
	  "\t\targ++;\n"
	  "#ifdef CONFIG_ARM64\n"
	  "\t\tbreak;\n"
	  "\tcase PL_OTHER:\n"
	  "#endif\n"
	  "\t\treturn pl_peek((void *)arg);\n"
	  "\t}\n"
	  "\treturn 0;\n"
	  "}\n"
	  "static const struct file_operations pp_fops = { .unlocked_ioctl = pp_ioctl };\n"
	  "static const struct file_operations pl_fops = { .unlocked_ioctl = pl_ioctl };\n" },
	/* a macro reads the member it is given: GET(x, m_arg) */
	{ "drivers/a2/arg.c",
	  "#define GET(p, f) ((p)->f)\n"
	  "static long ag_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase AG_OWN: return GET((struct a *)arg, m_arg);\n"
	  "\tcase AG_OTHER: return ((struct a *)arg)->m_arg;\n"
	  "\t}\n"
	  "\treturn 0;\n"
	  "}\n"
	  "static const struct file_operations ag_fops = { .unlocked_ioctl = ag_ioctl };\n" },
	/* a .c file included as ../ : its static function is the includer's */
	{ "drivers/a2/common/peek.c",
	  "static long in_peek(struct a *x) { return x->m_incl; }\n"
	  "static long in_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase IN_OWN: return 0;\n"
	  "\tcase IN_OTHER: return in_peek((void *)arg);\n"
	  "\t}\n"
	  "\treturn 0;\n"
	  "}\n"
	  "static const struct file_operations in_fops = { .unlocked_ioctl = in_ioctl };\n" },
	{ "drivers/a2/sub/incl.c",
	  "#include \"../common/peek.c\"\n"
	  "static long in2_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase IN_OWN: return in_peek((void *)arg);\n"
	  "\t}\n"
	  "\treturn 0;\n"
	  "}\n"
	  "static const struct file_operations in2_fops = { .unlocked_ioctl = in2_ioctl };\n" },
	/* BUG (not fixed, says not read): a label names the command through
	 * a #define the scan does not keep (no _IO in its body) */
	{ "drivers/a2/alias.c",
	  "#define SN_HIDE SN_OWN\n"
	  "static long sn_peek(struct a *x) { return x->m_alias; }\n"
	  "static long sn_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "#ifdef CONFIG_SN_HIDE\n"
	  "\tcase SN_HIDE: return sn_peek((void *)arg);\n"
	  "#else\n"
	  "\tcase SN_OWN: return 0;\n"
	  "#endif\n"
	  "\t}\n"
	  "\treturn 0;\n"
	  "}\n"
	  "static const struct file_operations sn_fops = { .unlocked_ioctl = sn_ioctl };\n" },
	/* what stays not read: the compat entry passes the command on to the
	 * native one; a self call under another label only */
	{ "drivers/a2/ok.c",
	  "static long o2_peek(struct a *x) { return x->m_ok2; }\n"
	  "static long o2_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase O2_OWN: return 0;\n"
	  "\tcase O2_ALIAS: return o2_ioctl(f, O2_OTHER, arg);\n"
	  "\tcase O2_OTHER: return o2_peek((void *)arg);\n"
	  "\t}\n"
	  "\treturn 0;\n"
	  "}\n"
	  "static long o2_compat(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase O2_OTHER32: cmd = O2_OTHER; break;\n"
	  "\t}\n"
	  "\treturn o2_ioctl(f, cmd, (unsigned long)compat_ptr(arg));\n"
	  "}\n"
	  "static const struct file_operations o2_fops = { .unlocked_ioctl = o2_ioctl,\n"
	  "\t.compat_ioctl = o2_compat };\n" },
};

static void test_member_read_attacks2(void **state)
{
	static const char *const may[][2] = {
		{ "RC_OWN", "m_rec" }, { "HE_OWN", "m_help" }, { "PP_OWN", "m_ifbreak" },
		{ "PL_OWN", "m_iflabel" }, { "AG_OWN", "m_arg" },
		{ "IN_OWN", "m_incl" },
	};
	struct own_tree *t = *state;
	struct uabi_kio *k;
	struct uabi_kio_member r;

	read_own(t, attack2_files, N_OF(attack2_files));
	k = t->k;
	for (size_t i = 0; i < N_OF(may); i++) {
		member_read(k, may[i][0], "x86", may[i][1], &r);
		assert_true(r.may_read);
	}
	member_read(k, "SN_OWN", "x86", "m_alias", &r);
	assert_false(r.may_read);
	member_read(k, "O2_OWN", "x86", "m_ok2", &r);
	assert_false(r.may_read);
	assert_site(&r.site, "drivers/a2/ok.c", 2, "o2_ioctl");
}

/* Rule 1: compat_sys_ioctl names the twin; or what it calls names it. */
static void test_place_generic(void **state)
{
	static const char *const arches[] = { "x86", "arm64" };
	struct tree *t = *state;
	struct uabi_kio_place p;

	for (size_t i = 0; i < N_OF(arches); i++) {
		place(t->k, "FS_IOC_GETFLAGS", arches[i], &p);
		assert_place(&p, UABI_KIO_HANDLED, "generic compat code", "FS_IOC32_GETFLAGS", NULL,
			     NULL, 0);
		assert_site(&p.handler, "fs/ioctl.c", 25, "compat_sys_ioctl");
		assert_site(&p.native, NULL, 0, NULL);
		assert_site(&p.entry, NULL, 0, NULL);
		assert_null(p.size_tolerant);
		assert_null(p.ignores_arg);

		/* the twin named only in a case label (no #define of it) */
		place(t->k, "FS_IOC_SETFLAGS", arches[i], &p);
		assert_place(&p, UABI_KIO_HANDLED, "generic compat code", "FS_IOC32_SETFLAGS", NULL,
			     NULL, 0);
		assert_site(&p.handler, "fs/ioctl.c", 26, "compat_sys_ioctl");

		/* do_vfs_ioctl, which compat_sys_ioctl calls */
		place(t->k, "FS_IOC_FIEMAP", arches[i], &p);
		assert_place(&p, UABI_KIO_PASSED,
			     "generic code that compat_sys_ioctl calls with compat_ptr(arg)", NULL,
			     NULL, NULL, 0);
		assert_site(&p.native, "fs/ioctl.c", 13, "do_vfs_ioctl");
		assert_site(&p.handler, "fs/ioctl.c", 21, "compat_sys_ioctl");
		assert_site(&p.entry, NULL, 0, NULL);

		/* two calls away (file_ioctl) */
		place(t->k, "FIBMAP", arches[i], &p);
		assert_place(&p, UABI_KIO_PASSED,
			     "generic code that compat_sys_ioctl calls with compat_ptr(arg)", NULL,
			     NULL, NULL, 0);
		assert_site(&p.native, "fs/ioctl.c", 4, "file_ioctl");
	}
}

static void test_place_compat_ptr(void **state)
{
	struct tree *t = *state;
	struct uabi_kio_place p;

	place(t->k, "PA_CMD", "x86", &p);
	assert_place(&p, UABI_KIO_PASSED, "compat_ptr_ioctl", NULL, "compat_ptr_ioctl", "pa_fops",
		     1);
	assert_site(&p.native, "drivers/pa/pa.c", 3, "pa_ioctl");
	assert_site(&p.entry, "drivers/pa/pa.c", 10, NULL);
	assert_site(&p.handler, NULL, 0, NULL);
	assert_null(p.size_tolerant);
	assert_null(p.ignores_arg);
}

static void test_place_no_compat(void **state)
{
	struct tree *t = *state;
	struct uabi_kio_place p;

	place(t->k, "NA_CMD", "x86", &p);
	assert_place(&p, UABI_KIO_NOT_AVAILABLE, "no .compat_ioctl", NULL, NULL, "na_fops", 1);
	/* a comparison names it too */
	assert_site(&p.native, "drivers/na/na.c", 2, "na_ioctl");
	assert_site(&p.entry, "drivers/na/na.c", 7, NULL);
	assert_site(&p.handler, NULL, 0, NULL);

	/* .compat_ioctl under #ifdef CONFIG_ARM64: none on x86 */
	place(t->k, "CND_CMD", "x86", &p);
	assert_place(&p, UABI_KIO_NOT_AVAILABLE, "no .compat_ioctl", NULL, NULL, "cnd_fops", 1);
	assert_site(&p.native, "drivers/cnd/cnd.c", 3, "cnd_ioctl");
	assert_site(&p.entry, "drivers/cnd/cnd.c", 9, NULL);
	place(t->k, "CND_CMD", "arm64", &p);
	assert_place(&p, UABI_KIO_PASSED, "compat_ptr_ioctl", NULL, "compat_ptr_ioctl", "cnd_fops",
		     1);
}

static void test_place_twin(void **state)
{
	struct tree *t = *state;
	struct uabi_kio_place p;

	place(t->k, "TW_CMD", "x86", &p);
	assert_place(&p, UABI_KIO_HANDLED, "named by the compat handler", "TW_CMD32",
		     "tw_compat_ioctl", "tw_fops", 1);
	assert_site(&p.handler, "drivers/tw/tw.c", 11, "tw_compat_ioctl");
	assert_site(&p.native, "drivers/tw/tw.c", 4, "tw_ioctl");
	assert_site(&p.entry, "drivers/tw/tw.c", 17, NULL);

	/* the native handler serves the twin: handled whatever .compat_ioctl */
	place(t->k, "NV_CMD", "x86", &p);
	assert_place(&p, UABI_KIO_HANDLED, "the native handler also serves the compat number",
		     "NV_CMD_32", "compat_ptr_ioctl", "nv_fops", 1);
	assert_site(&p.handler, "drivers/nv/nv.c", 5, "nv_ioctl");
	assert_site(&p.native, "drivers/nv/nv.c", 4, "nv_ioctl");
	assert_site(&p.entry, "drivers/nv/nv.c", 11, NULL);

	/* a compat handler that rebuilds the size field */
	place(t->k, "SZ_CMD", "x86", &p);
	assert_place(&p, UABI_KIO_HANDLED,
		     "the compat handler rebuilds the command's size field for the native handler "
		     "(the argument's own layout is not translated)",
		     "SZ_CMD", "sz_compat_ioctl", "sz_fops", 1);
	assert_site(&p.handler, "drivers/sz/sz.c", 8, "sz_compat_ioctl");
	assert_site(&p.native, "drivers/sz/sz.c", 3, "sz_ioctl");
	assert_site(&p.entry, "drivers/sz/sz.c", 13, NULL);
}

static void test_place_fallback(void **state)
{
	struct tree *t = *state;
	struct uabi_kio_place p;

	place(t->k, "FB_CMD", "x86", &p);
	assert_place(&p, UABI_KIO_PASSED, FALLS_BACK, NULL, "fb_compat_ioctl", "fb_fops", 1);
	assert_site(&p.handler, "drivers/fb/fb.c", 8, "fb_compat_ioctl");
	assert_site(&p.native, "drivers/fb/fb.c", 3, "fb_ioctl");
	assert_site(&p.entry, "drivers/fb/fb.c", 16, NULL);
}

/* The compat handler's own path: a call into the native code under other
 * commands' case labels does not pass this one on (fb_compat_ioctl and
 * FBIO_CURSOR). With no pointer call on its path: not available; with
 * one: unknown. After a switch whose default returns, only the labelled
 * commands go on. */
#define NEITHER_ENOIOCTLCMD \
	"the compat handler neither names the command nor passes it on (-ENOIOCTLCMD)"

static void test_place_fallback_other_labels(void **state)
{
	struct tree *t = *state;
	struct uabi_kio_place p;

	place(t->k, "UN_CMD", "x86", &p);
	assert_place(&p, UABI_KIO_NOT_AVAILABLE, NEITHER_ENOIOCTLCMD, NULL, "un_compat_ioctl",
		     "un_fops", 1);
	assert_site(&p.native, "drivers/un/un.c", 3, "un_ioctl");
	assert_site(&p.entry, "drivers/un/un.c", 18, NULL);
	assert_site(&p.handler, "drivers/un/un.c", 10, "un_compat_ioctl");

	place(t->k, "UI_CMD", "x86", &p);
	assert_place(&p, UABI_KIO_UNKNOWN,
		     "the compat handler neither names the command nor reaches the native handler "
		     "on its path, and it calls through pointers",
		     NULL, "ui_compat_ioctl", "ui_fops", 1);
	assert_site(&p.handler, "drivers/ui/ui.c", 10, "ui_compat_ioctl");
	assert_site(&p.native, "drivers/ui/ui.c", 3, "ui_ioctl");

	/* dr_compat_ioctl's default returns: dr_ioctl after the switch is
	 * for DR_PASS only */
	place(t->k, "DR_CMD", "x86", &p);
	assert_place(&p, UABI_KIO_NOT_AVAILABLE, NEITHER_ENOIOCTLCMD, NULL, "dr_compat_ioctl",
		     "dr_fops", 1);
	assert_site(&p.handler, "drivers/dr/dr.c", 9, "dr_compat_ioctl");
	assert_site(&p.native, "drivers/dr/dr.c", 3, "dr_ioctl");
	assert_site(&p.entry, "drivers/dr/dr.c", 19, NULL);
	/* its label only breaks to the native call: an allow-list, the bytes
	 * go through untranslated (ext4_compat_ioctl's pattern) */
	place(t->k, "DR_PASS", "x86", &p);
	assert_place(&p, UABI_KIO_PASSED, "the compat handler falls back to the native handler",
		     NULL, "dr_compat_ioctl", "dr_fops", 1);
	assert_site(&p.handler, "drivers/dr/dr.c", 9, "dr_compat_ioctl");
}

/* BUG (minor, errs towards unknown): uj_compat_ioctl calls through a
 * pointer only under "case UJ_OTHER32:", not on UJ_CMD's path; the rule
 * (docs/kernel-facts.md: "not-available when nothing on its path calls
 * through a pointer") makes UJ_CMD not available. path_indirect() starts
 * from the handler's whole-function flag (uabi_kdef.indirect_calls), which
 * does not know the case groups. */
static void test_place_pointer_other_labels_bug(void **state)
{
	struct tree *t = *state;
	struct uabi_kio_place p;

	place(t->k, "UJ_CMD", "x86", &p);
	assert_site(&p.handler, "drivers/uj/uj.c", 10, "uj_compat_ioctl");
	assert_place(&p, UABI_KIO_NOT_AVAILABLE, NEITHER_ENOIOCTLCMD, NULL, "uj_compat_ioctl",
		     "uj_fops", 1);
}

/* A twin named by the code leading to the sites, reached through a
 * pointer (av7110's dvb_video_ioctl behind dvb_generic_ioctl) */
static void test_place_pointer_twin(void **state)
{
	struct tree *t = *state;
	struct uabi_kio_place p;

	place(t->k, "PT_CMD", "x86", &p);
	assert_place(&p, UABI_KIO_HANDLED, "the native handler also serves the compat number",
		     "PT_CMD32", "compat_ptr_ioctl", "pt_fops", 1);
	assert_site(&p.handler, "drivers/pt/pt.c", 4, "pt_video_ioctl");
	assert_site(&p.native, "drivers/pt/pt.c", 3, "pt_video_ioctl");
	assert_site(&p.entry, "drivers/pt/pt.c", 15, NULL);
}

/* A file_operations whose initialiser holds a macro of entry points
 * (DRM_GEM_FOPS), directly or through a DEFINE_ macro */
static void test_place_fops_macro(void **state)
{
	static const char *const cmds[] = { "DRM_IOCTL_GEM_X", "DRM_IOCTL_GEM2_X" };
	static const char *const files[] = { "drivers/gpu/drm/gem/gem_drv.c",
					      "drivers/gpu/drm/gem2/gem2_drv.c" };
	static const char *const tables[] = { "gem_ioctls", "gem2_ioctls" };
	struct tree *t = *state;
	struct uabi_kio_place p;

	for (size_t i = 0; i < N_OF(cmds); i++) {
		place(t->k, cmds[i], "x86", &p);
		assert_place(&p, UABI_KIO_PASSED, FALLS_BACK, NULL, "drm_compat_ioctl", "GEM_FOPS",
			     1);
		assert_site(&p.entry, "include/drm/drm_gem.h", 1, NULL);
		assert_site(&p.native, files[i], 2, tables[i]);
		assert_site(&p.handler, "drivers/gpu/drm/drm_ioc32.c", 13, "drm_compat_ioctl");
		assert_string_equal(p.size_tolerant,
				    "drm_ioctl finds it by _IOC_NR alone, copies _IOC_SIZE(cmd) "
				    "bytes and zero-fills the rest");
		assert_null(p.ignores_arg);
	}
}

static void test_place_in_compat_syscall(void **state)
{
	struct tree *t = *state;
	struct uabi_kio_place p;

	place(t->k, "AW_CMD", "x86", &p);
	assert_place(&p, UABI_KIO_HANDLED,
		     "the native code on the command's path tests in_compat_syscall()", NULL,
		     "compat_ptr_ioctl", "aw_fops", 1);
	assert_site(&p.handler, "drivers/aw/aw.c", 1, "aw_ff_upload");
	assert_site(&p.native, "drivers/aw/aw.c", 8, "aw_ioctl");
	assert_site(&p.entry, "drivers/aw/aw.c", 16, NULL);

	/* the helper is not on AW_PLAIN's path */
	place(t->k, "AW_PLAIN", "x86", &p);
	assert_place(&p, UABI_KIO_PASSED, "compat_ptr_ioctl", NULL, "compat_ptr_ioctl", "aw_fops",
		     1);
	assert_site(&p.native, "drivers/aw/aw.c", 10, "aw_ioctl");
	assert_site(&p.handler, NULL, 0, NULL);
}

static void test_place_drm(void **state)
{
	static const char *const arches[] = { "x86", "arm64" };
	struct tree *t = *state;
	struct uabi_kio_place p;

	for (size_t i = 0; i < N_OF(arches); i++) {
		/* a pasted table entry, reached through the drm_driver's
		 * .ioctls and .fops: drm_compat_ioctl falls back to drm_ioctl */
		place(t->k, "PFX_FOO_X", arches[i], &p);
		assert_place(&p, UABI_KIO_PASSED, FALLS_BACK, NULL, "drm_compat_ioctl", "foo_fops",
			     1);
		assert_site(&p.native, "drivers/gpu/drm/foo/foo_drv.c", 6, "foo_ioctls");
		assert_site(&p.entry, "drivers/gpu/drm/foo/foo_drv.c", 12, NULL);
		assert_site(&p.handler, "drivers/gpu/drm/drm_ioc32.c", 13, "drm_compat_ioctl");
		/* not a DRM_IOCTL_DEF* table */
		assert_null(p.size_tolerant);
		assert_null(p.ignores_arg);

		/* DRM_IOCTL_DEF_DRV: size-tolerant; drm_noop never reads */
		place(t->k, "DRM_IOCTL_FOO_NOOP", arches[i], &p);
		assert_place(&p, UABI_KIO_PASSED, FALLS_BACK, NULL, "drm_compat_ioctl", "foo_fops",
			     1);
		assert_site(&p.native, "drivers/gpu/drm/foo/foo_drv.c", 8, "foo_ioctls");
		assert_string_equal(p.size_tolerant,
				    "drm_ioctl finds it by _IOC_NR alone, copies _IOC_SIZE(cmd) "
				    "bytes and zero-fills the rest");
		assert_string_equal(p.ignores_arg,
				    "its DRM table entries name drm_noop or drm_invalid_op, which "
				    "never read the argument");
	}

	/* an entry of the compat table under #if defined(CONFIG_X86) */
	place(t->k, "PFX_FOO_Y", "x86", &p);
	assert_place(&p, UABI_KIO_HANDLED, "named by the compat handler", "PFX_FOO_Y",
		     "drm_compat_ioctl", "foo_fops", 1);
	assert_site(&p.handler, "drivers/gpu/drm/drm_ioc32.c", 10, "drm_compat_ioctls");
	assert_site(&p.native, "drivers/gpu/drm/foo/foo_drv.c", 7, "foo_ioctls");
	assert_site(&p.entry, "drivers/gpu/drm/foo/foo_drv.c", 12, NULL);
	place(t->k, "PFX_FOO_Y", "arm64", &p);
	assert_place(&p, UABI_KIO_PASSED, FALLS_BACK, NULL, "drm_compat_ioctl", "foo_fops", 1);
	assert_site(&p.handler, "drivers/gpu/drm/drm_ioc32.c", 13, "drm_compat_ioctl");
	assert_site(&p.native, "drivers/gpu/drm/foo/foo_drv.c", 7, "foo_ioctls");
}

static void test_place_included_c(void **state)
{
	struct tree *t = *state;
	struct uabi_kio_place p;

	/* inc_compat_ioctl is static in inc_compat.c, which inc.c includes */
	place(t->k, "INC_CMD", "x86", &p);
	assert_place(&p, UABI_KIO_HANDLED, "named by the compat handler", "INC_CMD32",
		     "inc_compat_ioctl", "inc_fops", 1);
	assert_site(&p.handler, "drivers/inc/inc_compat.c", 4, "inc_compat_ioctl");
	assert_site(&p.native, "drivers/inc/inc.c", 4, "inc_ioctl");
	assert_site(&p.entry, "drivers/inc/inc.c", 10, NULL);
}

static void test_place_unknown(void **state)
{
	struct tree *t = *state;
	struct uabi_kio_place p;

	/* rule 3 */
	place(t->k, "NOBODY_CMD", "x86", &p);
	assert_place(&p, UABI_KIO_UNKNOWN,
		     "no code of the tree names it, and the tree defines no such command", NULL, NULL,
		     NULL, 0);
	assert_site(&p.native, NULL, 0, NULL);
	assert_site(&p.entry, NULL, 0, NULL);
	assert_site(&p.handler, NULL, 0, NULL);
	assert_null(p.size_tolerant);
	assert_null(p.ignores_arg);
	/* files not scanned (no ioctl in them) or not read (tools/) */
	place(t->k, "PLAIN_CMD", "x86", &p);
	assert_place(&p, UABI_KIO_UNKNOWN,
		     "no code of the tree names it, and the tree defines no such command", NULL, NULL,
		     NULL, 0);
	place(t->k, "TOOLS_CMD", "x86", &p);
	assert_place(&p, UABI_KIO_UNKNOWN,
		     "no code of the tree names it, and the tree defines no such command", NULL, NULL,
		     NULL, 0);

	/* an entry point of another kind */
	place(t->k, "SK_CMD", "x86", &p);
	assert_place(&p, UABI_KIO_UNKNOWN,
		     "reached through an entry point of a kind uabi does not model (only "
		     "file_operations, proc_ops and the kinds of docs/kernel-facts.md)", NULL,
		     "sk_compat_ioctl", "sk_ops", 1);
	assert_site(&p.native, "drivers/sk/sk.c", 2, "sk_ioctl");
	assert_site(&p.entry, "drivers/sk/sk.c", 7, NULL);

	/* named, but no entry point reaches it */
	place(t->k, "ORPHAN_CMD", "x86", &p);
	assert_place(&p, UABI_KIO_UNKNOWN, "no entry point found that reaches the code naming it",
		     NULL, NULL, NULL, 0);
	assert_site(&p.native, "drivers/orphan/orphan.c", 2, "orphan_ioctl");
	assert_site(&p.entry, NULL, 0, NULL);
}

/* Several entry points: passed through if any is, else unknown if any is,
 * else handled if any is, else not available. */
#define OTHER_ARCH                                                                          \
	"only code that the arch's kernels do not build names it: another arch's directory, or " \
	"a Makefile line whose Kconfig symbols are n there"

/* The entry kinds of kernel/rules_{net,tty,fb,rtc}.c, and the code an
 * arch does not build (kernel/kbuild.h). */
static void test_place_kinds(void **state)
{
	struct tree *t = *state;
	struct uabi_kio_place p;

	/* proto_ops: the core compat code (compat_sock_ioctl) names the twin */
	place(t->k, "SOCK_CMD", "x86", &p);
	assert_place(&p, UABI_KIO_HANDLED, "named by the core compat code of the entry point's kind",
		     "SOCK_CMD32", NULL, "sp_ops", 1);
	assert_site(&p.handler, "net/socket.c", 4, "compat_sock_ioctl");
	assert_site(&p.native, "net/sp/sp.c", 3, "sp_ioctl");
	assert_site(&p.entry, "net/sp/sp.c", 10, NULL);
	assert_string_equal(p.compat_field, ".compat_ioctl");
	/* ... and a command it does not name, without .compat_ioctl */
	place(t->k, "SP_CMD", "x86", &p);
	assert_place(&p, UABI_KIO_NOT_AVAILABLE, "no .compat_ioctl", NULL, NULL, "sp_ops", 1);

	place(t->k, "TL_CMD", "x86", &p);
	assert_place(&p, UABI_KIO_PASSED,
		     "tty_compat_ioctl (drivers/tty/tty_io.c) calls the line discipline's .ioctl when "
		     "it has no .compat_ioctl", NULL, NULL, "tl_ldisc", 1);
	assert_site(&p.native, "drivers/tty/tl.c", 2, "tl_ioctl");
	assert_site(&p.entry, "drivers/tty/tl.c", 5, NULL);
	place(t->k, "TD_CMD", "x86", &p);
	assert_place(&p, UABI_KIO_NOT_AVAILABLE, "no .compat_ioctl", NULL, NULL, "td_ops", 1);
	assert_site(&p.entry, "drivers/tty/tl.c", 11, NULL);

	place(t->k, "XF_CMD", "x86", &p);
	assert_place(&p, UABI_KIO_NOT_AVAILABLE, "no .fb_compat_ioctl", NULL, NULL, "xf_ops", 1);
	assert_string_equal(p.compat_field, ".fb_compat_ioctl");
	assert_site(&p.entry, "drivers/video/fbdev/xf.c", 7, NULL);

	place(t->k, "XR_CMD", "x86", &p);
	assert_place(&p, UABI_KIO_PASSED,
		     "rtc_dev_compat_ioctl (drivers/rtc/dev.c) calls rtc_dev_ioctl, which calls the "
		     "driver's .ioctl, with compat_ptr(arg)", NULL, NULL, "xr_ops", 1);
	assert_null(p.compat_field);

	/* arch/alpha is no x86 code; arch/x86 is, and no arm64 code */
	place(t->k, "AR_CMD", "x86", &p);
	assert_place(&p, UABI_KIO_NOT_DISPATCHED, OTHER_ARCH, NULL, NULL, NULL, 0);
	assert_site(&p.native, "arch/alpha/kernel/ar.c", 2, "ar_ioctl");
	place(t->k, "AX_CMD", "x86", &p);
	assert_place(&p, UABI_KIO_PASSED, "compat_ptr_ioctl", NULL, "compat_ptr_ioctl", "ax_fops",
		     1);
	assert_site(&p.entry, "arch/x86/kernel/ax.c", 5, NULL);
	place(t->k, "AX_CMD", "arm64", &p);
	assert_place(&p, UABI_KIO_NOT_DISPATCHED, OTHER_ARCH, NULL, NULL, NULL, 0);
	assert_site(&p.native, "arch/x86/kernel/ax.c", 2, "ax_ioctl");

	/* a driver of a Kconfig symbol that depends on M68K: no x86 code;
	 * one that depends on X86 || COMPILE_TEST: x86's only */
	place(t->k, "MK_CMD", "x86", &p);
	assert_place(&p, UABI_KIO_PASSED, "compat_ptr_ioctl", NULL, "compat_ptr_ioctl", "mkpc_fops",
		     1);
	assert_site(&p.native, "drivers/mk/mkpc.c", 2, "mkpc_ioctl");
	assert_site(&p.entry, "drivers/mk/mkpc.c", 5, NULL);
	place(t->k, "MK_CMD", "arm64", &p);
	assert_place(&p, UABI_KIO_NOT_DISPATCHED, OTHER_ARCH, NULL, NULL, NULL, 0);
	assert_site(&p.native, "drivers/mk/mkmac.c", 2, "mkmac_ioctl");

	/* cmd_nr == _IOC_NR(TP_GET) names TP_GET; TP_NOT(1) is no name */
	place(t->k, "TP_GET", "x86", &p);
	assert_place(&p, UABI_KIO_HANDLED, "named by the compat handler", "TP_GET32",
		     "tp_compat_ioctl", "tp_fops", 1);
	assert_site(&p.native, "drivers/scsi/tp.c", 4, "tp_ioctl");
	assert_site(&p.handler, "drivers/scsi/tp.c", 10, "tp_compat_ioctl");
	assert_site(&p.entry, "drivers/scsi/tp.c", 17, NULL);
	place(t->k, "TP_NOT", "x86", &p);
	assert_place(&p, UABI_KIO_UNKNOWN,
		     "no code of the tree names it, and the tree defines no such command", NULL, NULL,
		     NULL, 0);

	/* media_file_operations, and a table whose names two macros paste */
	place(t->k, "MX_IOC_LIST", "x86", &p);
	assert_place(&p, UABI_KIO_HANDLED, "named by the compat handler", "MX_IOC_LIST32",
		     "mx_compat_ioctl", "mx_fops", 1);
	assert_site(&p.handler, "drivers/media/mc/mx.c", 13, "mx_compat_ioctl");
	assert_site(&p.native, "drivers/media/mc/mx.c", 6, "mx_table");
	assert_site(&p.entry, "drivers/media/mc/mx.c", 20, NULL);
	place(t->k, "MX_IOC_INFO", "x86", &p);
	assert_place(&p, UABI_KIO_PASSED, FALLS_BACK, NULL, "mx_compat_ioctl", "mx_fops", 1);
	assert_site(&p.native, "drivers/media/mc/mx.c", 5, "mx_table");
	/* TBE pastes nothing: TB_CMD is named as it is written, only */
	place(t->k, "TB_CMD", "x86", &p);
	assert_place(&p, UABI_KIO_UNKNOWN, "no entry point found that reaches the code naming it",
		     NULL, NULL, NULL, 0);
	/* MX_FL, the third argument, is pasted nowhere */
	place(t->k, "MX_IOC_MX_FL", "x86", &p);
	assert_place(&p, UABI_KIO_UNKNOWN,
		     "no code of the tree names it, and the tree defines no such command", NULL, NULL,
		     NULL, 0);
}

static void test_place_assigned(void **state)
{
	struct tree *t = *state;
	struct uabi_kio_place p;

	/* hw->ops.ioctl_compat = hx_compat names the twin: handled; the entry
	 * is the .ioctl assignment, in hx_new */
	place(t->k, "HX_CMD", "x86", &p);
	assert_place(&p, UABI_KIO_HANDLED, "named by the compat handler", "HX_CMD32", "hx_compat",
		     "hw->ops", 1);
	assert_string_equal(p.compat_field, ".ioctl_compat");
	assert_site(&p.handler, "sound/pci/hx/hx.c", 10, "hx_compat");
	assert_site(&p.native, "sound/pci/hx/hx.c", 3, "hx_ioctl");
	assert_site(&p.entry, "sound/pci/hx/hx.c", 19, "hx_new");
	/* the same function for both */
	place(t->k, "HY_CMD", "arm64", &p);
	assert_place(&p, UABI_KIO_PASSED, ".ioctl_compat is the native handler itself", NULL,
		     "hy_ioctl", "hw->ops", 1);
	assert_site(&p.entry, "sound/pci/hy/hy.c", 12, "hy_new");
	/* hy_new's .ioctl_compat is not hy_new_fx's: snd_hwdep_ioctl_compat
	 * returns -ENOIOCTLCMD */
	place(t->k, "HY_FX_CMD", "x86", &p);
	assert_place(&p, UABI_KIO_NOT_AVAILABLE, "no .ioctl_compat", NULL, NULL, "hw->ops", 1);
	assert_site(&p.native, "sound/pci/hy/hy.c", 9, "hy_fx_ioctl");
	assert_site(&p.entry, "sound/pci/hy/hy.c", 17, "hy_new_fx");
	/* an object hz_new defines */
	place(t->k, "HZ_CMD", "s390", &p);
	assert_place(&p, UABI_KIO_PASSED, ".ioctl_compat is the native handler itself", NULL,
		     "hz_ioctl", "ops", 1);
	assert_site(&p.entry, "sound/firewire/hz/hz.c", 6, "hz_new");
	/* d is a struct hq_dev *: no entry point of a kind uabi models */
	place(t->k, "HQ_CMD", "x86", &p);
	assert_place(&p, UABI_KIO_UNKNOWN, "no entry point found that reaches the code naming it",
		     NULL, NULL, NULL, 0);
	assert_site(&p.native, "drivers/md/hq/hq.c", 2, "hq_ioctl");
}

static void test_place_several(void **state)
{
	struct tree *t = *state;
	struct uabi_kio_place p;

	place(t->k, "MULTI_CMD", "x86", &p);
	assert_place(&p, UABI_KIO_PASSED, "compat_ptr_ioctl", NULL, "compat_ptr_ioctl", "m2_fops",
		     2);
	assert_site(&p.entry, "drivers/m2/m2.c", 9, NULL);
	/* the native site that entry point reaches */
	assert_site(&p.native, "drivers/m2/m2.c", 3, "m2_ioctl");

	place(t->k, "MULTI2_CMD", "x86", &p);
	assert_place(&p, UABI_KIO_UNKNOWN, "the compat handler is not defined in the tree", NULL,
		     "m4_compat_ioctl", "m4_fops", 2);
	assert_site(&p.entry, "drivers/m4/m4.c", 9, NULL);
	assert_site(&p.native, "drivers/m4/m4.c", 3, "m4_ioctl");
	assert_site(&p.handler, NULL, 0, NULL);
}

static void test_place_errors(void **state)
{
	struct uabi_kio *k = (struct uabi_kio *)1;
	struct uabi_diag d;
	char want[512];
	const char *tmp = getenv("TMPDIR");
	char missing[300];

	(void)state;
	snprintf(missing, sizeof(missing), "%s/uabi-kio-no-such-tree", tmp && *tmp ? tmp : "/tmp");
	uabi_diag__clear(&d);
	assert_int_equal(uabi_kio__read(missing, &k, &d), -ENOENT);
	assert_null(k);
	snprintf(want, sizeof(want), "%s: No such file or directory", missing);
	assert_string_equal(d.msg, want);
	uabi_kio__free(NULL);
}

/* ---- the real trees ---------------------------------------------------- */

static const char *const six[] = { "x86", "arm64", "powerpc", "s390", "mips", "riscv" };

/* The line numbers of one kernel release (0: not checked). */
struct tree_lines {
	const char *version;
	uint32_t drm_version, drm_get_unique, drm_wait_vblank, drm_addfb2, drm_update_draw;
	uint32_t drm_compat_ioctl;	/* its name's line */
	uint32_t fs_getflags, fs_setflags;
	uint32_t usb_control32, usb_control, usb_fops;
	uint32_t evdev_sff, evdev_fops, ff_from_user;	/* ff_from_user: its name's line */
};

static const struct tree_lines lines_61 = {
	/* Debian's 6.1.192 */
	"6.1.192", 916, 917, 952, 954, 950, 972, 950, 951, 2703, 2642, 2844, 1184, 1306, 62,
};

static const struct tree_lines lines_612 = {
	"6.12.118", 335, 336, 343, 345, 341, 363, 987, 988, 2707, 2641, 2851, 1182, 1304, 62,
};

/* "VERSION.PATCHLEVEL.SUBLEVEL" from the tree's Makefile into buf. */
static void tree_version(const char *tree, char *buf, size_t len)
{
	char path[4096], line[256];
	unsigned v = 0, p = 0, s = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/Makefile", tree);
	f = fopen(path, "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		sscanf(line, "VERSION = %u", &v);
		sscanf(line, "PATCHLEVEL = %u", &p);
		sscanf(line, "SUBLEVEL = %u", &s);
	}
	fclose(f);
	snprintf(buf, len, "%u.%u.%u", v, p, s);
}

static void check_tree(const char *tree, const char *series, const struct tree_lines *want)
{
	static const struct {
		const char *cmd;
		size_t line;	/* offset in struct tree_lines */
	} drm_all[] = {
		{ "DRM_IOCTL_VERSION", offsetof(struct tree_lines, drm_version) },
		{ "DRM_IOCTL_GET_UNIQUE", offsetof(struct tree_lines, drm_get_unique) },
		{ "DRM_IOCTL_WAIT_VBLANK", offsetof(struct tree_lines, drm_wait_vblank) },
	}, drm_x86[] = {
		{ "DRM_IOCTL_MODE_ADDFB2", offsetof(struct tree_lines, drm_addfb2) },
		{ "DRM_IOCTL_UPDATE_DRAW", offsetof(struct tree_lines, drm_update_draw) },
	};
	static const char *const drm_tolerant =
		"drm_ioctl finds it by _IOC_NR alone, copies _IOC_SIZE(cmd) bytes and zero-fills "
		"the rest";
	struct uabi_kio *k;
	struct uabi_diag d;
	struct uabi_kio_place p;
	struct timespec t0, t1;
	char version[64];
	uint32_t files;
	uint64_t bytes;
	bool lines;

	/* a line of this release, 0 (not checked) for another one */
#define L(field) (lines ? want->field : 0)
#define LOFF(off) (lines ? *(const uint32_t *)((const char *)want + (off)) : 0)

	tree_version(tree, version, sizeof(version));
	assert_memory_equal(version, series, strlen(series));
	lines = !strcmp(version, want->version);
	if (!lines)
		print_message("%s is not %s: line numbers not checked\n", version, want->version);

	uabi_diag__clear(&d);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(uabi_kio__read(tree, &k, &d), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	uabi_kio__stats(k, &files, &bytes);
	print_message("%s: %u files scanned, %.1f MiB read in %.1f s\n", version, files,
		      (double)bytes / (1 << 20),
		      (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);

	for (size_t a = 0; a < N_OF(six); a++) {
		/* the DRM core's compat table names them on every arch */
		for (size_t i = 0; i < N_OF(drm_all); i++) {
			place(k, drm_all[i].cmd, six[a], &p);
			assert_int_equal(p.status, UABI_KIO_HANDLED);
			assert_string_equal(p.why, "named by the compat handler");
			assert_string_equal(p.label, drm_all[i].cmd);
			assert_string_equal(p.compat, "drm_compat_ioctl");
			assert_string_equal(p.size_tolerant, drm_tolerant);
			assert_site(&p.handler, "drivers/gpu/drm/drm_ioc32.c",
				    LOFF(drm_all[i].line), "drm_compat_ioctls");
			assert_string_equal(p.native.file, "drivers/gpu/drm/drm_ioctl.c");
			assert_string_equal(p.native.function, "drm_ioctls");
		}
		/* #if defined(CONFIG_X86) in drm_ioc32.c: x86's only; elsewhere
		 * drm_compat_ioctl falls back to drm_ioctl */
		for (size_t i = 0; i < N_OF(drm_x86); i++) {
			bool x86 = !strcmp(six[a], "x86");

			place(k, drm_x86[i].cmd, six[a], &p);
			assert_int_equal(p.status, x86 ? UABI_KIO_HANDLED : UABI_KIO_PASSED);
			assert_string_equal(p.compat, "drm_compat_ioctl");
			assert_string_equal(p.handler.file, "drivers/gpu/drm/drm_ioc32.c");
			if (x86) {
				assert_string_equal(p.why, "named by the compat handler");
				assert_string_equal(p.label, drm_x86[i].cmd);
				assert_site(&p.handler, "drivers/gpu/drm/drm_ioc32.c",
					    LOFF(drm_x86[i].line), "drm_compat_ioctls");
			} else {
				assert_string_equal(p.why, FALLS_BACK);
				assert_null(p.label);
				assert_string_equal(p.handler.function, "drm_compat_ioctl");
			}
		}
		/* DRM_IOCTL_UPDATE_DRAW's native entry is drm_noop */
		assert_string_equal(p.ignores_arg,
				    "its DRM table entries name drm_noop or drm_invalid_op, which "
				    "never read the argument");

		/* compat_sys_ioctl's own labels */
		place(k, "FS_IOC_GETFLAGS", six[a], &p);
		assert_place(&p, UABI_KIO_HANDLED, "generic compat code", "FS_IOC32_GETFLAGS", NULL,
			     NULL, 0);
		assert_site(&p.handler, "fs/ioctl.c", L(fs_getflags), "compat_sys_ioctl");
		assert_site(&p.native, NULL, 0, NULL);
		place(k, "FS_IOC_SETFLAGS", six[a], &p);
		assert_place(&p, UABI_KIO_HANDLED, "generic compat code", "FS_IOC32_SETFLAGS", NULL,
			     NULL, 0);
		assert_site(&p.handler, "fs/ioctl.c", L(fs_setflags), "compat_sys_ioctl");

		/* usbdev_do_ioctl's case USBDEVFS_CONTROL32 (under
		 * CONFIG_COMPAT) behind compat_ptr_ioctl */
		place(k, "USBDEVFS_CONTROL", six[a], &p);
		assert_place(&p, UABI_KIO_HANDLED,
			     "the native handler also serves the compat number",
			     "USBDEVFS_CONTROL32", "compat_ptr_ioctl", "usbdev_file_operations", 1);
		assert_site(&p.handler, "drivers/usb/core/devio.c", L(usb_control32),
			    "usbdev_do_ioctl");
		assert_site(&p.native, "drivers/usb/core/devio.c", L(usb_control),
			    "usbdev_do_ioctl");
		assert_site(&p.entry, "drivers/usb/core/devio.c", L(usb_fops), NULL);

		/* evdev: input_ff_effect_from_user tests in_compat_syscall() */
		place(k, "EVIOCSFF", six[a], &p);
		assert_place(&p, UABI_KIO_HANDLED,
			     "the native code on the command's path tests in_compat_syscall()",
			     NULL, "evdev_ioctl_compat", "evdev_fops", 1);
		assert_string_equal(p.handler.file, "drivers/input/input-compat.c");
		assert_string_equal(p.handler.function, "input_ff_effect_from_user");
		assert_site(&p.native, "drivers/input/evdev.c", L(evdev_sff), "evdev_do_ioctl");
		assert_site(&p.entry, "drivers/input/evdev.c", L(evdev_fops), NULL);
	}

	/* btrfs: qgroup_inherit of struct btrfs_ioctl_vol_args_v2 is named
	 * only in btrfs_ioctl_snap_create_v2, which btrfs_ioctl calls under
	 * the SNAP_CREATE_V2 and SUBVOL_CREATE_V2 labels */
	{
		struct uabi_kio_member r;

		memset(&r, 0xa5, sizeof(r));
		assert_int_equal(uabi_kio__member_read(k, "BTRFS_IOC_RM_DEV_V2", "x86",
						       "qgroup_inherit", &r), 0);
		assert_false(r.may_read);
		assert_int_equal(r.nnamed, 1);
		assert_site(&r.named, "fs/btrfs/ioctl.c", 0, "btrfs_ioctl_snap_create_v2");
		assert_site(&r.site, "fs/btrfs/ioctl.c", 0, "btrfs_ioctl");
		assert_int_equal(uabi_kio__member_read(k, "BTRFS_IOC_SNAP_DESTROY_V2", "arm64",
						       "qgroup_inherit", &r), 0);
		assert_false(r.may_read);
		assert_int_equal(uabi_kio__member_read(k, "BTRFS_IOC_SNAP_CREATE_V2", "x86",
						       "qgroup_inherit", &r), 0);
		assert_true(r.may_read);
		assert_site(&r.named, "fs/btrfs/ioctl.c", 0, "btrfs_ioctl");
		/* devid: named in many places, headers among them */
		assert_int_equal(uabi_kio__member_read(k, "BTRFS_IOC_RM_DEV_V2", "x86", "devid",
						       &r), 0);
		assert_true(r.may_read);
	}

	/* the sites that are a function's line (test_scan_def_line): the
	 * line of its name */
	if (lines) {
		place(k, "EVIOCSFF", "x86", &p);
		assert_int_equal(p.handler.line, want->ff_from_user);
		place(k, "DRM_IOCTL_MODE_ADDFB2", "arm64", &p);
		assert_int_equal(p.handler.line, want->drm_compat_ioctl);
	}
#undef L
#undef LOFF
	uabi_kio__free(k);
}

static void test_tree_61(void **state)
{
	const char *tree = getenv("UABI_KERNEL_TREE");

	(void)state;
	if (!tree || !*tree) {
		print_message("UABI_KERNEL_TREE is not set (scripts/kernel-source.sh prints it): "
			      "skipping the Linux 6.1 placements\n");
		skip();
		return;
	}
	check_tree(tree, "6.1.", &lines_61);
}

static void test_tree_612(void **state)
{
	const char *tree = getenv("UABI_KERNEL_TREE_6_12");

	(void)state;
	if (!tree || !*tree) {
		print_message("UABI_KERNEL_TREE_6_12 is not set (scripts/kernel-source.sh 6.12 "
			      "prints it): skipping the Linux 6.12 placements\n");
		skip();
		return;
	}
	check_tree(tree, "6.12.", &lines_612);
}

int main(void)
{
#define KSCAN(t) cmocka_unit_test_setup_teardown(t, kscan_setup, kscan_teardown)
	const struct CMUnitTest scan[] = {
		KSCAN(test_scan_names),
		KSCAN(test_scan_objects),
		KSCAN(test_scan_members),
		cmocka_unit_test(test_next_ident),
		KSCAN(test_scan_groups),
		KSCAN(test_scan_cmd_size),
		KSCAN(test_scan_indirect_default),
		KSCAN(test_scan_text_like_labels),
		KSCAN(test_scan_cmp_in_if),
		KSCAN(test_scan_def_line),
		KSCAN(test_scan_define_line),
		KSCAN(test_scan_static_struct_body_bug),
		KSCAN(test_scan_assignments),
	};
	const struct CMUnitTest synthetic[] = {
		cmocka_unit_test(test_place_stats),
		cmocka_unit_test(test_member_read),
		cmocka_unit_test_setup_teardown(test_member_big_files, own_setup, own_teardown),
		cmocka_unit_test_setup_teardown(test_member_read_attacks, own_setup, own_teardown),
		cmocka_unit_test_setup_teardown(test_member_read_attacks2, own_setup, own_teardown),
		cmocka_unit_test(test_place_generic),
		cmocka_unit_test(test_place_compat_ptr),
		cmocka_unit_test(test_place_no_compat),
		cmocka_unit_test(test_place_twin),
		cmocka_unit_test(test_place_fallback),
		cmocka_unit_test(test_place_fallback_other_labels),
		cmocka_unit_test(test_place_pointer_other_labels_bug),
		cmocka_unit_test(test_place_pointer_twin),
		cmocka_unit_test(test_place_fops_macro),
		cmocka_unit_test(test_place_in_compat_syscall),
		cmocka_unit_test(test_place_drm),
		cmocka_unit_test(test_place_included_c),
		cmocka_unit_test(test_place_unknown),
		cmocka_unit_test(test_place_kinds),
		cmocka_unit_test(test_place_assigned),
		cmocka_unit_test(test_place_several),
		cmocka_unit_test(test_place_errors),
	};
	const struct CMUnitTest real[] = {
		cmocka_unit_test(test_tree_61),
		cmocka_unit_test(test_tree_612),
	};
	int failed = 0;

#undef KSCAN
	failed += cmocka_run_group_tests_name("scanner", scan, NULL, NULL);
	failed += cmocka_run_group_tests_name("synthetic tree", synthetic, make_tree, remove_tree);
	failed += cmocka_run_group_tests_name("real trees", real, NULL, NULL);
	return failed ? 1 : 0;
}
