// SPDX-License-Identifier: MIT
/*
 * Unit tests of the kernel facts (kernel/): the Kconfig reader and
 * evaluator, the case-label scanner and the #if evaluator on strings, the
 * tree walk on a small synthetic tree written to a temporary directory, and
 * the Linux 6.1 facts of DESIGN.md on the real tree named by
 * UABI_KERNEL_TREE (scripts/kernel-source.sh prints it; skipped if unset).
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
#include "testrun.h"

#include "kernel/cscan.h"
#include "kernel/kcond.h"
#include "kernel/kconfig.h"
#include "kernel/kfacts.h"

/* ---- Kconfig ------------------------------------------------------------ */

#define COMPAT_61 "KVM && COMPAT && !(S390 || ARM64 || RISCV)"

static int eval3(const char *expr, const char *arch)
{
	const char *yes[] = { "KVM", "COMPAT", arch };

	return uabi_kconfig__eval(expr, yes, 3);
}

static void test_kconfig_eval_61(void **state)
{
	const char *no_compat[] = { "KVM", "X86" };

	assert_int_equal(eval3(COMPAT_61, "X86"), 1);
	assert_int_equal(eval3(COMPAT_61, "PPC"), 1);
	assert_int_equal(eval3(COMPAT_61, "MIPS"), 1);
	assert_int_equal(eval3(COMPAT_61, "ARM64"), 0);
	assert_int_equal(eval3(COMPAT_61, "RISCV"), 0);
	assert_int_equal(eval3(COMPAT_61, "S390"), 0);
	assert_int_equal(uabi_kconfig__eval(COMPAT_61, no_compat, 2), 0);
	assert_int_equal(uabi_kconfig__eval(COMPAT_61, NULL, 0), 0);
	/* precedence: && binds tighter than || */
	assert_int_equal(eval3("X86 || ARM64 && S390", "X86"), 1);
	assert_int_equal(eval3("(X86 || ARM64) && S390", "X86"), 0);
	assert_int_equal(eval3("!!X86", "X86"), 1);
	assert_int_equal(eval3("! ( X86 )", "X86"), 0);
	/* comparisons with y and n */
	assert_int_equal(eval3("X86=y", "X86"), 1);
	assert_int_equal(eval3("X86 = n", "X86"), 0);
	assert_int_equal(eval3("S390=n && KVM != n", "X86"), 1);
	assert_int_equal(eval3("KVM!=y", "X86"), 0);
	assert_int_equal(eval3("KVM=\"y\"", "X86"), 1);
	/* the constants */
	assert_int_equal(eval3("y", "X86"), 1);
	assert_int_equal(eval3("n", "X86"), 0);
	/* a symbol is matched whole, not by prefix */
	assert_int_equal(eval3("X86_64", "X86"), 0);
	assert_int_equal(eval3("KV", "X86"), 0);
}

static void test_kconfig_eval_syntax(void **state)
{
	static const char *const bad[] = {
		"", "   ", "KVM &&", "&& KVM", "(KVM", "KVM)", "KVM COMPAT", "KVM = m",
		"KVM = X86", "KVM < 2", "!", "KVM || ", "KVM & COMPAT", "KVM | COMPAT",
		"()", "KVM =",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		print_message("%s\n", bad[i]);
		assert_int_equal(eval3(bad[i], "X86"), -1);
	}
	assert_int_equal(uabi_kconfig__eval(NULL, NULL, 0), -1);
}

static const char kconfig_text[] =
	"# SPDX-License-Identifier: GPL-2.0\n"		/* 1 */
	"config HAVE_KVM\n"				/* 2 */
	"       bool\n"					/* 3 */
	"\n"						/* 4 */
	"config KVM_COMPAT\n"				/* 5 */
	"       def_bool y\n"				/* 6 */
	"       depends on KVM && COMPAT # why\n"	/* 7 */
	"       help\n"					/* 8 */
	"         Not a depends on line: depends on NOTME\n" /* 9 */
	"\n"						/* 10 */
	"         depends on NOTME_EITHER\n"		/* 11 */
	"       depends on   !(S390 ||\t\\\n"		/* 12 */
	"           ARM64)\n"				/* 13 */
	"\n"						/* 14 */
	"menuconfig KVM_MENU\n"				/* 15 */
	"\tbool \"menu\"\n"				/* 16 */
	"\tdepends on A || B\n"				/* 17 */
	"\tdepends on C\n"				/* 18 */
	"\tselect D\n"					/* 19 */
	"\n"						/* 20 */
	"config KVM_ALONE\n"				/* 21 */
	"\tbool\n"					/* 22 */
	"menu \"x\"\n"					/* 23 */
	"\tdepends on NOT_OF_KVM_ALONE\n"		/* 24 */
	"endmenu\n"					/* 25 */
	"config KVM_COMPAT_X\n"				/* 26 */
	"\tdepends on OTHER\n";				/* 27 */

static void test_kconfig_depends(void **state)
{
	char buf[256];
	uint32_t line = 0;

	/* the help text ends at the first less indented line; the depends
	 * after it and its continuation line count */
	assert_int_equal(uabi_kconfig__depends(kconfig_text, "KVM_COMPAT", buf, sizeof(buf), &line), 0);
	assert_string_equal(buf, "KVM && COMPAT && !(S390 || ARM64)");
	assert_int_equal(line, 5);

	/* two depends joined: the || side keeps its meaning */
	assert_int_equal(uabi_kconfig__depends(kconfig_text, "KVM_MENU", buf, sizeof(buf), &line), 0);
	assert_string_equal(buf, "(A || B) && C");
	assert_int_equal(line, 15);

	/* none: empty, and the menu's depends belong to the menu */
	assert_int_equal(uabi_kconfig__depends(kconfig_text, "KVM_ALONE", buf, sizeof(buf), &line), 0);
	assert_string_equal(buf, "");
	assert_int_equal(line, 21);

	/* names match whole */
	assert_int_equal(uabi_kconfig__depends(kconfig_text, "KVM_COMPAT_X", buf, sizeof(buf), &line), 0);
	assert_string_equal(buf, "OTHER");
	assert_int_equal(line, 26);

	assert_int_equal(uabi_kconfig__depends(kconfig_text, "KVM", buf, sizeof(buf), &line), -ENOENT);
	assert_int_equal(uabi_kconfig__depends(kconfig_text, "NOTME", buf, sizeof(buf), NULL), -ENOENT);
	assert_int_equal(uabi_kconfig__depends(kconfig_text, "KVM_COMPAT", buf, 10, NULL), -ENOSPC);
	assert_int_equal(uabi_kconfig__depends("", "KVM_COMPAT", buf, sizeof(buf), NULL), -ENOENT);
}

/* ---- case labels -------------------------------------------------------- */

struct scanned {
	struct uabi_arena a;
	struct uabi_klabels l;
};

static void scan(struct scanned *s, const char *text)
{
	uabi_arena__init(&s->a);
	memset(&s->l, 0, sizeof(s->l));
	assert_int_equal(uabi_kscan__labels(text, "t.c", &s->a, &s->l), 0);
}

static void unscan(struct scanned *s)
{
	uabi_klabels__free(&s->l);
	uabi_arena__free(&s->a);
}

static void assert_label(const struct uabi_klabel *l, const char *label, uint32_t line,
			 const char *function, const char *cond)
{
	assert_string_equal(l->label, label);
	assert_string_equal(l->ioctl, label);
	assert_string_equal(l->site.file, "t.c");
	assert_int_equal(l->site.line, line);
	if (function)
		assert_string_equal(l->site.function, function);
	else
		assert_null(l->site.function);
	if (cond)
		assert_string_equal(l->cond, cond);
	else
		assert_null(l->cond);
}

static const char cond_text[] =
	"static long f(unsigned int ioctl)\n"		/* 1 */
	"{\n"						/* 2 */
	"\tswitch (ioctl) {\n"				/* 3 */
	"\tcase KVM_A:\n"				/* 4 */
	"#ifdef CONFIG_X\n"				/* 5 */
	"\tcase KVM_B:\n"				/* 6 */
	"# ifndef __KVM_HAVE_Y /* c */\n"		/* 7 */
	"\tcase KVM_C:\n"				/* 8 */
	"# else\n"					/* 9 */
	"\tcase KVM_D:\n"				/* 10 */
	"# endif\n"					/* 11 */
	"#elif defined(CONFIG_Z) && \\\n"		/* 12 */
	"      KVM_NUM > 1\n"				/* 13 */
	"\tcase KVM_E:\n"				/* 14 */
	"#else /* !CONFIG_X */\n"			/* 15 */
	"\tcase KVM_F:\n"				/* 16 */
	"#endif\n"					/* 17 */
	"#if IS_ENABLED(CONFIG_W)\n"			/* 18 */
	"\tcase KVM_G:\n"				/* 19 */
	"#endif\n"					/* 20 */
	"\tcase KVM_H: case NOT_KVM: case KVM_I :\n"	/* 21 */
	"\tcase 3: default:\n"				/* 22 */
	"\t\tbreak;\n"					/* 23 */
	"\t}\n"						/* 24 */
	"\treturn x ? KVM_J : KVM_K;\n"			/* 25 */
	"}\n";						/* 26 */

static void test_scan_conditions(void **state)
{
	struct scanned s;
	const struct uabi_klabel *v;

	scan(&s, cond_text);
	v = s.l.v;
	assert_int_equal(s.l.n, 9);
	assert_label(&v[0], "KVM_A", 4, "f", NULL);
	assert_label(&v[1], "KVM_B", 6, "f", "defined(CONFIG_X)");
	assert_label(&v[2], "KVM_C", 8, "f", "defined(CONFIG_X) && !defined(__KVM_HAVE_Y)");
	assert_label(&v[3], "KVM_D", 10, "f", "defined(CONFIG_X) && defined(__KVM_HAVE_Y)");
	assert_label(&v[4], "KVM_E", 14, "f",
		     "!defined(CONFIG_X) && (defined(CONFIG_Z) && KVM_NUM > 1)");
	assert_label(&v[5], "KVM_F", 16, "f",
		     "!defined(CONFIG_X) && !(defined(CONFIG_Z) && KVM_NUM > 1)");
	assert_label(&v[6], "KVM_G", 19, "f", "IS_ENABLED(CONFIG_W)");
	assert_label(&v[7], "KVM_H", 21, "f", NULL);
	assert_label(&v[8], "KVM_I", 21, "f", NULL);
	unscan(&s);

	/* one arena copy per condition while it holds */
	scan(&s, "#ifdef CONFIG_Q\nint f(void) { switch (0) { case KVM_1: case KVM_2: ; } }\n#endif\n");
	assert_int_equal(s.l.n, 2);
	assert_string_equal(s.l.v[0].cond, "defined(CONFIG_Q)");
	assert_ptr_equal(s.l.v[0].cond, s.l.v[1].cond);
	unscan(&s);
}

static void test_scan_comments_strings(void **state)
{
	struct scanned s;

	scan(&s,
	     "/* case KVM_C1: */\n"				/* 1 */
	     "// case KVM_C2: \\\n"				/* 2 */
	     "   case KVM_C3: still the comment\n"		/* 3 */
	     "static const char *m = \"case KVM_S1:\";\n"	/* 4 */
	     "static const char *n = \"\\\" case KVM_S2:\";\n"	/* 5 */
	     "#define M(x) case KVM_M: x\n"			/* 6 */
	     "#error don't case KVM_E:\n"			/* 7 */
	     "int g(int c)\n"					/* 8 */
	     "{\n"						/* 9 */
	     "\tswitch (c) {\n"					/* 10 */
	     "\tcase '\\'': case '{': break;\n"		/* 11 */
	     "\tcase /* x */ KVM_REAL /* y */ :\n"		/* 12 */
	     "\t\treturn 1;\n"					/* 13 */
	     "\t}\n"						/* 14 */
	     "\treturn 0;\n"					/* 15 */
	     "}\n"						/* 16 */
	     "/* a comment\n"					/* 17 */
	     " spanning lines */ int h(void) { switch (0) { case KVM_H: ; } }\n");	/* 18 */
	assert_int_equal(s.l.n, 2);
	/* the character literals did not unbalance the braces */
	assert_label(&s.l.v[0], "KVM_REAL", 12, "g", NULL);
	assert_label(&s.l.v[1], "KVM_H", 18, "h", NULL);
	unscan(&s);
}

static void test_scan_functions(void **state)
{
	struct scanned s;

	scan(&s,
	     "struct s { int a; };\n"					/* 1 */
	     "static const struct fops f = { .x = g(1), };\n"		/* 2 */
	     "long proto(int a);\n"					/* 3 */
	     "long __weak kvm_arch_vm_compat_ioctl(struct file *filp,\n"	/* 4 */
	     "\t\t\t\t     unsigned long arg)\n"			/* 5 */
	     "{\n"							/* 6 */
	     "\tswitch (arg) { case KVM_W: { int b[2] = { 1, 2 }; } }\n"	/* 7 */
	     "\treturn -ENOTTY;\n"					/* 8 */
	     "}\n"							/* 9 */
	     "__attribute__((cold)) static int\n"			/* 10 */
	     "cold_one(void) __acquires(x)\n"			/* 11 */
	     "{\n"							/* 12 */
	     "\tswitch (0) { case KVM_X: break; }\n"		/* 13 */
	     "}\n"							/* 14 */
	     "#ifdef CONFIG_A\n"					/* 15 */
	     "static int two(int a) {\n"				/* 16 */
	     "#else\n"							/* 17 */
	     "static int two(void) {\n"					/* 18 */
	     "#endif\n"							/* 19 */
	     "\tswitch (0) { case KVM_Y: break; }\n"		/* 20 */
	     "}\n"							/* 21 */
	     "static int after(void)\n"					/* 22 */
	     "{\n"							/* 23 */
	     "\tswitch (0) { case KVM_Z: break; }\n"		/* 24 */
	     "}\n"							/* 25 */
	     "struct t v = {\n"						/* 26 */
	     "\t.f = 1,\n"						/* 27 */
	     "};\n"							/* 28 */
	     "static int last(void) { switch (0) { case KVM_L: ; } }\n"	/* 29 */
	     "#ifdef CONFIG_B\n"					/* 30 */
	     "static int three_a(int a) {\n"				/* 31 */
	     "\tswitch (a) { case KVM_T1: break; }\n"		/* 32 */
	     "#else\n"							/* 33 */
	     "static int three_b(void) {\n"				/* 34 */
	     "\tswitch (0) { case KVM_T2: break; }\n"		/* 35 */
	     "#endif\n"						/* 36 */
	     "}\n"							/* 37 */
	     "static int five(void)\n"					/* 38 */
	     "{\n"							/* 39 */
	     "#ifdef CONFIG_C\n"					/* 40 */
	     "\tif (a) {\n"						/* 41 */
	     "#else\n"							/* 42 */
	     "\t{ }\n"						/* 43 */
	     "#endif\n"						/* 44 */
	     "\t\tswitch (0) { case KVM_F1: ; }\n"		/* 45 */
	     "\t}\n"							/* 46 */
	     "\tswitch (0) { case KVM_F2: ; }\n"			/* 47 */
	     "}\n");							/* 48 */
	assert_int_equal(s.l.n, 9);
	assert_label(&s.l.v[0], "KVM_W", 7, "kvm_arch_vm_compat_ioctl", NULL);
	assert_label(&s.l.v[1], "KVM_X", 13, "cold_one", NULL);
	/* braces opened in both branches of #ifdef count once */
	assert_label(&s.l.v[2], "KVM_Y", 20, "two", NULL);
	assert_label(&s.l.v[3], "KVM_Z", 24, "after", NULL);
	assert_label(&s.l.v[4], "KVM_L", 29, "last", NULL);
	/* the #else branch starts from the brace depth at the #ifdef */
	assert_label(&s.l.v[5], "KVM_T1", 32, "three_a", "defined(CONFIG_B)");
	assert_label(&s.l.v[6], "KVM_T2", 35, "three_b", "!defined(CONFIG_B)");
	/* and the depth after the first branch wins at #endif */
	assert_label(&s.l.v[7], "KVM_F1", 45, "five", NULL);
	assert_label(&s.l.v[8], "KVM_F2", 47, "five", NULL);
	unscan(&s);
}

static void test_scan_compat_mapping(void **state)
{
	struct scanned s;

	scan(&s,
	     "#define KVM_X86_SET_MSR_FILTER_COMPAT _IOW(KVMIO, 0xc6, struct kvm_msr_filter_compat)\n"
	     "long kvm_arch_vm_compat_ioctl(struct file *filp, unsigned int ioctl,\n"
	     "\t\t\t      unsigned long arg)\n"
	     "{\n"
	     "\tswitch (ioctl) {\n"
	     "\tcase KVM_X86_SET_MSR_FILTER_COMPAT: {\n"		/* 6 */
	     "\t\tbreak;\n"
	     "\t}\n"
	     "\tcase KVM_REG_PPC_ARCH_COMPAT:\n"			/* 9 */
	     "\tcase KVM_LATE_COMPAT:\n"				/* 10 */
	     "\t\tbreak;\n"
	     "\t}\n"
	     "}\n"
	     "#define KVM_LATE_COMPAT \\\n"
	     "\t_IOW(KVMIO, 0xc7, int)\n");
	assert_int_equal(s.l.n, 3);
	assert_string_equal(s.l.v[0].label, "KVM_X86_SET_MSR_FILTER_COMPAT");
	assert_string_equal(s.l.v[0].ioctl, "KVM_X86_SET_MSR_FILTER");
	assert_int_equal(s.l.v[0].site.line, 6);
	assert_string_equal(s.l.v[0].site.function, "kvm_arch_vm_compat_ioctl");
	/* not #defined in the file: a name of its own */
	assert_string_equal(s.l.v[1].label, "KVM_REG_PPC_ARCH_COMPAT");
	assert_string_equal(s.l.v[1].ioctl, "KVM_REG_PPC_ARCH_COMPAT");
	/* defined after its use still counts */
	assert_string_equal(s.l.v[2].ioctl, "KVM_LATE");
	assert_int_equal(s.l.v[2].site.line, 10);
	unscan(&s);

	/* the mapping is per file: another text's define does not leak */
	scan(&s, "int f(void) { switch (0) { case KVM_LATE_COMPAT: ; } }\n");
	assert_int_equal(s.l.n, 1);
	assert_string_equal(s.l.v[0].ioctl, "KVM_LATE_COMPAT");
	unscan(&s);
}

static void test_kcond_eval(void **state)
{
	const char *yes[] = { "CONFIG_Y", "__KVM_HAVE_Y" };
	const char *no[] = { "CONFIG_N" };

#define E(c) uabi_kcond__eval(c, yes, 2, no, 1)
	assert_int_equal(E(NULL), 1);
	assert_int_equal(E("defined(CONFIG_Y)"), 1);
	assert_int_equal(E("defined CONFIG_Y"), 1);
	assert_int_equal(E("IS_ENABLED(CONFIG_Y)"), 1);
	assert_int_equal(E("defined(CONFIG_N)"), 0);
	assert_int_equal(E("!defined(CONFIG_N)"), 1);
	assert_int_equal(E("defined(__KVM_HAVE_Y)"), 1);
	assert_int_equal(E("defined(__KVM_HAVE_Z)"), 0);	/* uapi says all */
	assert_int_equal(E("defined(CONFIG_U)"), -1);		/* a user's choice */
	assert_int_equal(E("!defined(CONFIG_U)"), -1);
	assert_int_equal(E("defined(CONFIG_U) && defined(CONFIG_N)"), 0);
	assert_int_equal(E("defined(CONFIG_U) || defined(CONFIG_Y)"), 1);
	assert_int_equal(E("defined(CONFIG_U) && defined(CONFIG_Y)"), -1);
	assert_int_equal(E("0"), 0);
	assert_int_equal(E("!0"), 1);
	assert_int_equal(E("1"), 1);
	assert_int_equal(E("(KVM_ADDRESS_SPACE_NUM > 1)"), -1);
	assert_int_equal(E("!(KVM_ADDRESS_SPACE_NUM > 1) && defined(CONFIG_N)"), 0);
	assert_int_equal(E("(defined(CONFIG_Y) && FOO(1, 2) >= 3) || defined(CONFIG_N)"), -1);
	assert_int_equal(E("!defined(CONFIG_X86) && (defined(CONFIG_Y) || defined(CONFIG_N))"), -1);
	assert_int_equal(E("!defined(CONFIG_N) && (defined(CONFIG_Y) || defined(CONFIG_U))"), 1);
	assert_int_equal(E("(defined(CONFIG_Y)"), -1);		/* unbalanced */
	/* a literal is an operand only when it stands alone */
	assert_int_equal(E("(1 - 1) && defined(CONFIG_N)"), 0);
	assert_int_equal(E("(1 - 1) || defined(CONFIG_Y)"), 1);
	assert_int_equal(E("(1 - 1) || defined(CONFIG_N)"), -1);
	/* a prefix of a name is not the name */
	assert_int_equal(E("defined(CONFIG_YY)"), -1);
#undef E
}

/* ---- member references ------------------------------------------------ */

static void test_scan_members(void **state)
{
	static const char text[] =
		"#include <linux/kvm_host.h>\n"			/* 1: not h */
		"static void f(struct kvm_run *run, struct s *p)\n"	/* 2 */
		"{\n"							/* 3 */
		"\trun->riscv_sbi.args[0] = p -> a0;\n"		/* 4 */
		"\t/* run->in_comment */ x = \"run->in_string\";\n"	/* 5 */
		"\t// ->in_line_comment\n"				/* 6 */
		"\ty = 1.5e+3 + .25 + p->\n"			/* 7 */
		"\t\tsplit;\n"						/* 8: after a newline */
		"\tstruct t v = { .designated = 1, .riscv_sbi = 2 };\n"	/* 9 */
		"\tz = offsetof(struct kvm_run, xen.u) + sizeof_field(struct a, b[2]);\n" /* 10 */
		"\tw = container_of(p, struct kvm_vcpu,\n"		/* 11 */
		"\t\t\t arch);\n"					/* 12 */
		"\tg(a, b, ...);\n"					/* 13 */
		"}\n"
		"#define X(v) ((v)->in_macro)\n";			/* 15 */
	static const struct {
		const char *name;
		uint32_t line;
	} want[] = {
		{ "a0", 4 }, { "arch", 12 }, { "args", 4 }, { "b", 10 }, { "designated", 9 },
		{ "in_macro", 15 }, { "riscv_sbi", 4 }, { "split", 8 }, { "u", 10 }, { "xen", 10 },
	};
	struct uabi_arena a;
	struct uabi_krefs r = { 0 };

	(void)state;
	uabi_arena__init(&a);
	assert_int_equal(uabi_kscan__members(text, &a, &r), 0);
	for (uint32_t i = 0; i < r.n && i < sizeof(want) / sizeof(want[0]); i++) {
		assert_string_equal(r.v[i].name, want[i].name);
		assert_int_equal(r.v[i].line, want[i].line);
	}
	assert_int_equal(r.n, sizeof(want) / sizeof(want[0]));
	/* a second text appends its own sorted run */
	assert_int_equal(uabi_kscan__members("q.zz = 1; q.aa = 2;\n", &a, &r), 0);
	assert_int_equal(r.n, sizeof(want) / sizeof(want[0]) + 2);
	assert_string_equal(r.v[r.n - 2].name, "aa");
	assert_string_equal(r.v[r.n - 1].name, "zz");
	uabi_krefs__free(&r);
	uabi_arena__free(&a);
}

/* ---- a synthetic tree --------------------------------------------------- */

struct tree {
	char root[256];
};

static void put(struct tree *t, const char *rel, const char *text)
{
	char path[512], *slash;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", t->root, rel);
	for (slash = path + strlen(t->root) + 1; (slash = strchr(slash, '/')); slash++) {
		*slash = '\0';
		mkdir(path, 0755);
		*slash = '/';
	}
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static const char *const tree_files[][2] = {
	{ "Makefile", "# x\nVERSION = 6\nPATCHLEVEL = 1\nSUBLEVEL = 7\nEXTRAVERSION = -rc1\n" },
	{ "virt/kvm/Kconfig",
	  "config HAVE_KVM_RING_TSO\n\tbool\n\tselect HAVE_KVM_RING\n"
	  "config HAVE_KVM_RING\n\tbool\n"
	  "config HAVE_KVM_NEVER\n\tbool\n"
	  "config KVM_ALWAYS\n\tdef_bool y\n"
	  "config KVM_COMPAT\n\tdef_bool y\n\tdepends on KVM && COMPAT && !(S390 || ARM64)\n" },
	{ "virt/kvm/kvm_main.c",
	  "static long kvm_vcpu_compat_ioctl(struct file *f, unsigned int ioctl, unsigned long a);\n"
	  "static long kvm_vm_ioctl(unsigned int ioctl)\n{\n\tswitch (ioctl) {\n"
	  "\tcase KVM_RUN:\n"					/* 5 */
	  "#ifdef CONFIG_HAVE_KVM_RING\n\tcase KVM_RING:\n#endif\n"	/* 7 */
	  "#ifdef CONFIG_HAVE_KVM_NEVER\n\tcase KVM_NEVER:\n#endif\n"	/* 10 */
	  "#if defined(CONFIG_KVM_ALWAYS) && defined(__KVM_HAVE_IRQ)\n\tcase KVM_IRQ:\n#endif\n" /* 13 */
	  "#ifndef CONFIG_S390\n\tcase KVM_NOT_S390:\n#endif\n"	/* 16 */
	  "#ifdef CONFIG_KVM_USER_CHOICE\n\tcase KVM_CHOICE:\n#endif\n"	/* 19 */
	  "\t}\n}\n"
	  "#ifdef CONFIG_KVM_COMPAT\n"
	  "static long kvm_vcpu_compat_ioctl(struct file *f, unsigned int ioctl, unsigned long a)\n"
	  "{\n\tswitch (ioctl) {\n"
	  "\tcase KVM_SET_SIGNAL_MASK:\n"			/* 27 */
	  "\t\tbreak;\n\t}\n}\n"
	  "static long kvm_vm_compat_ioctl(struct file *f, unsigned int ioctl, unsigned long a)\n"
	  "{\n\tswitch (ioctl) {\n"
	  "#ifdef CONFIG_HAVE_KVM_RING\n"
	  "\tcase KVM_RING:\n"					/* 35 */
	  "#endif\n"
	  "\tcase KVM_GET_DIRTY_LOG:\n"				/* 37 */
	  "\t\tbreak;\n\t}\n}\n"
	  "#endif\n" },
	{ "virt/kvm/zz.c", "int z(int i) { switch (i) { case KVM_ZZ: return 1; } return 0; }\n"
	  "#ifdef CONFIG_S390\nint y(int i) { switch (i) { case KVM_S390_GEN: return 1; } }\n#endif\n" },
	{ "virt/kvm/sub/ignored.c", "int s(int i) { switch (i) { case KVM_SUB: return 1; } }\n" },
	{ "arch/x86/Kconfig", "config X86\n\tdef_bool y\n\tselect HAVE_KVM\n" },
	{ "arch/x86/kvm/Kconfig",
	  "config KVM\n\ttristate \"KVM\"\n\tselect HAVE_KVM_RING_TSO if X86_64\n"
	  "\thelp\n\t  select HAVE_KVM_NEVER\n" },
	{ "arch/x86/include/uapi/asm/kvm.h", "#define __KVM_HAVE_IRQ\n# define  __KVM_HAVE_OTHER 1\n" },
	{ "arch/x86/kvm/x86.c",
	  "#ifdef CONFIG_KVM_COMPAT\n"
	  "#define KVM_X86_FOO_COMPAT _IOW(KVMIO, 0xc6, struct foo_compat)\n"
	  "long kvm_arch_vm_compat_ioctl(struct file *f, unsigned int ioctl, unsigned long a)\n"
	  "{\n\tswitch (ioctl) {\n"
	  "\tcase KVM_X86_FOO_COMPAT:\n"			/* 6 */
	  "\t\tbreak;\n\t}\n\treturn 0;\n}\n#endif\n" },
	{ "arch/x86/kvm/vmx/vmx.c", "int v(int i) { switch (i) { case KVM_VMX: return 1; } }\n" },
	{ "arch/x86/kvm/vmx/notc.h", "int h(int i) { switch (i) { case KVM_HDR: return 1; } }\n" },
	{ "arch/s390/Kconfig", "config S390\n\tdef_bool y\n" },
	/* member references: generic, per arch, asm/kvm*.h only */
	{ "virt/kvm/sub/members.h", "#define G(r) ((r)->generic_arm)\n" },
	{ "arch/x86/kvm/xen.c", "void x(struct kvm_run *run)\n{\n\trun->xen.type = 1;\n}\n" },
	{ "arch/x86/include/asm/kvm_host.h", "#define H(v) ((v)->host_arm)\n" },
	{ "arch/x86/include/asm/other.h", "#define O(v) ((v)->not_kvm_header)\n" },
	{ "arch/riscv/kvm/vcpu_sbi.c",
	  "void s(struct kvm_run *run)\n{\n\trun->riscv_sbi.args[0] = 0;\n"
	  "\trun->xen.type = 2;\n}\n/* again */ int t(struct kvm_run *r) { return r->riscv_sbi.ret[0]; }\n" },
	{ "arch/riscv/kvm/sub/csr.h", "#define C(r) ((r)->riscv_csr)\n" },
	{ "arch/loongarch/kvm/main.c", "int l;\n" },
	{ "arch/nokvm/include/asm/kvm_host.h", "#define N(v) ((v)->nokvm_arm)\n" },
	{ "arch/s390/kvm/kvm-s390.c",
	  "long kvm_arch_vm_compat_ioctl(unsigned int ioctl)\n"
	  "{\n\tswitch (ioctl) { case KVM_S390_ONLY: break; }\n}\n" },
};

/* The tree lives from setup to teardown, which runs even after a failed
 * assertion. */
static int make_tree(void **state)
{
	static struct tree t;
	const char *tmp = getenv("TMPDIR");

	snprintf(t.root, sizeof(t.root), "%s/uabi-kfacts-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(t.root))
		return -1;
	for (size_t i = 0; i < sizeof(tree_files) / sizeof(tree_files[0]); i++)
		put(&t, tree_files[i][0], tree_files[i][1]);
	*state = &t;
	return 0;
}

static int remove_tree(void **state)
{
	struct tree *t = *state;
	return uabi_file__rmtree(t->root);
}

static void assert_list(const char *const *got, uint32_t n, const char *const *want, uint32_t nwant)
{
	for (uint32_t i = 0; i < n && i < nwant; i++)
		assert_string_equal(got[i], want[i]);
	assert_int_equal(n, nwant);
}

static void test_tree_synthetic(void **state)
{
	static const char *const x86_disp[] = {
		"KVM_CHOICE", "KVM_GET_DIRTY_LOG", "KVM_IRQ", "KVM_NOT_S390", "KVM_RING",
		"KVM_RUN", "KVM_SET_SIGNAL_MASK", "KVM_VMX", "KVM_X86_FOO", "KVM_ZZ",
	};
	/* KVM_COMPAT=n: the labels of the compat functions are not built */
	static const char *const s390_disp[] = {
		"KVM_CHOICE", "KVM_RUN", "KVM_S390_GEN", "KVM_S390_ONLY", "KVM_ZZ",
	};
	const char *arches[] = { "s390", "x86" };
	const struct uabi_kfacts_arch *x, *z;
	const struct uabi_khandled *h;
	struct uabi_kfacts k;
	struct tree *t = *state;
	struct uabi_diag d;

	uabi_diag__clear(&d);
	assert_int_equal(uabi_kfacts__read(t->root, arches, 2, &k, &d), 0);
	assert_string_equal(k.kernel_version, "6.1.7");
	assert_string_equal(k.kvm_compat_site.file, "virt/kvm/Kconfig");
	assert_int_equal(k.kvm_compat_site.line, 10);
	assert_null(k.kvm_compat_site.function);
	assert_string_equal(k.kvm_compat_depends, "KVM && COMPAT && !(S390 || ARM64)");
	assert_int_equal(k.narches, 2);
	/* in the order asked for */
	assert_string_equal(k.arches[0].arch, "s390");
	assert_string_equal(k.arches[1].arch, "x86");
	assert_null(uabi_kfacts__arch(&k, "mips"));

	x = uabi_kfacts__arch(&k, "x86");
	assert_ptr_equal(x, &k.arches[1]);
	assert_true(x->kvm_compat);
	/* RING through the select closure, IRQ through def_bool y and
	 * __KVM_HAVE_IRQ, CHOICE a user's choice; not NEVER (only in help
	 * text), nor the subdirectory of virt/kvm, nor the .h file, nor
	 * what is under another arch's symbol */
	assert_list(x->dispatched, x->ndispatched, x86_disp, 10);
	assert_true(uabi_kfacts_arch__dispatches(x, "KVM_RUN"));
	assert_false(uabi_kfacts_arch__dispatches(x, "KVM_NEVER"));
	assert_false(uabi_kfacts_arch__dispatches(x, "KVM_RU"));
	assert_int_equal(x->nhandled, 4);
	assert_string_equal(x->handled[0].ioctl, "KVM_GET_DIRTY_LOG");
	assert_string_equal(x->handled[0].site.function, "kvm_vm_compat_ioctl");
	assert_int_equal(x->handled[0].site.line, 37);
	assert_string_equal(x->handled[1].ioctl, "KVM_RING");
	assert_int_equal(x->handled[1].site.line, 35);
	assert_string_equal(x->handled[2].ioctl, "KVM_SET_SIGNAL_MASK");
	assert_string_equal(x->handled[2].site.function, "kvm_vcpu_compat_ioctl");
	assert_string_equal(x->handled[2].site.file, "virt/kvm/kvm_main.c");
	assert_int_equal(x->handled[2].site.line, 27);
	h = uabi_kfacts_arch__handled(x, "KVM_X86_FOO");
	assert_ptr_equal(h, &x->handled[3]);
	assert_string_equal(h->label, "KVM_X86_FOO_COMPAT");
	assert_string_equal(h->site.file, "arch/x86/kvm/x86.c");
	assert_int_equal(h->site.line, 6);
	assert_string_equal(h->site.function, "kvm_arch_vm_compat_ioctl");
	assert_null(uabi_kfacts_arch__handled(x, "KVM_RUN"));

	z = uabi_kfacts__arch(&k, "s390");
	assert_false(z->kvm_compat);
	/* no KVM_COMPAT: nothing handled, not even the arch function */
	assert_int_equal(z->nhandled, 0);
	assert_null(uabi_kfacts_arch__handled(z, "KVM_S390_ONLY"));
	assert_list(z->dispatched, z->ndispatched, s390_disp, 5);

	/* member references: every arch with a kvm/ dir is read, asked or not */
	{
		static const char *const kvm_arches[] = { "loongarch", "riscv", "s390", "x86" };
		const struct uabi_kmember *m;

		assert_list(k.kvm_arches, k.nkvm_arches, kvm_arches, 4);
		assert_true(uabi_kfacts__has_kvm(&k, "loongarch"));
		assert_false(uabi_kfacts__has_kvm(&k, "nokvm"));
		assert_int_equal(uabi_kfacts__member_refs(&k, "riscv_sbi", &m), 1);
		assert_string_equal(m->site.file, "arch/riscv/kvm/vcpu_sbi.c");
		assert_int_equal(m->site.line, 3);
		assert_string_equal(m->arch, "riscv");
		assert_false(uabi_kfacts__member_used(&k, "x86", "riscv_sbi"));
		assert_false(uabi_kfacts__member_used(&k, "s390", "riscv_sbi"));
		assert_true(uabi_kfacts__member_used(&k, "riscv", "riscv_sbi"));
		assert_int_equal(uabi_kfacts__member_refs(&k, "riscv_csr", &m), 1);
		assert_string_equal(m->site.file, "arch/riscv/kvm/sub/csr.h");
		/* xen: two files, sorted by file */
		assert_int_equal(uabi_kfacts__member_refs(&k, "xen", &m), 2);
		assert_string_equal(m[0].site.file, "arch/riscv/kvm/vcpu_sbi.c");
		assert_int_equal(m[0].site.line, 4);
		assert_string_equal(m[1].site.file, "arch/x86/kvm/xen.c");
		assert_true(uabi_kfacts__member_used(&k, "x86", "xen"));
		assert_false(uabi_kfacts__member_used(&k, "s390", "xen"));
		/* generic code (subdirectories too) is every arch's */
		assert_int_equal(uabi_kfacts__member_refs(&k, "generic_arm", &m), 1);
		assert_null(m->arch);
		assert_true(uabi_kfacts__member_used(&k, "s390", "generic_arm"));
		assert_true(uabi_kfacts__member_used(&k, "x86", "host_arm"));
		assert_false(uabi_kfacts__member_used(&k, "x86", "not_kvm_header"));
		assert_int_equal(uabi_kfacts__member_refs(&k, "not_kvm_header", &m), 0);
		assert_null(m);
		/* an arch without kvm/ is not read at all */
		assert_int_equal(uabi_kfacts__member_refs(&k, "nokvm_arm", &m), 0);
	}
	uabi_kfacts__free(&k);
	assert_null(k.arches);

	/* errors name the file */
	{
		char want[512], path[512];
		const char *bad[] = { "x86", "nosuch" }, *dots[] = { "../x86" };

		assert_int_equal(uabi_kfacts__read(t->root, bad, 2, &k, &d), -ENOENT);
		snprintf(want, sizeof(want), "%s/arch/nosuch: No such file or directory", t->root);
		assert_string_equal(d.msg, want);
		assert_int_equal(d.cls, UABI_E_INPUT);
		assert_null(k.arches);
		assert_int_equal(uabi_kfacts__read(t->root, dots, 1, &k, &d), -EINVAL);
		assert_string_equal(d.msg, "../x86: not a kernel arch directory name");

		snprintf(path, sizeof(path), "%s/virt/kvm/Kconfig", t->root);
		put(t, "virt/kvm/Kconfig", "config KVM_COMPAT\n\tdepends on KVM &&\n");
		assert_int_equal(uabi_kfacts__read(t->root, arches, 2, &k, &d), -EINVAL);
		snprintf(want, sizeof(want), "%s:1: cannot evaluate depends \"KVM &&\"", path);
		assert_string_equal(d.msg, want);

		put(t, "virt/kvm/Kconfig", "config KVM_OTHER\n\tbool\n");
		assert_int_equal(uabi_kfacts__read(t->root, arches, 2, &k, &d), -ENOENT);
		snprintf(want, sizeof(want), "%s: no config KVM_COMPAT", path);
		assert_string_equal(d.msg, want);

		put(t, "virt/kvm/Kconfig", tree_files[1][1]);
		snprintf(path, sizeof(path), "%s/virt/kvm/kvm_main.c", t->root);
		assert_int_equal(unlink(path), 0);
		assert_int_equal(uabi_kfacts__read(t->root, arches, 2, &k, &d), -ENOENT);
		snprintf(want, sizeof(want), "%s: No such file or directory", path);
		assert_string_equal(d.msg, want);

		snprintf(path, sizeof(path), "%s/virt/kvm/Kconfig", t->root);
		assert_int_equal(unlink(path), 0);
		assert_int_equal(uabi_kfacts__read(t->root, arches, 2, &k, &d), -ENOENT);
		snprintf(want, sizeof(want), "%s: No such file or directory", path);
		assert_string_equal(d.msg, want);
		assert_null(k.arches);
		assert_null(k.kernel_version);
	}
}

/* ---- the Linux 6.1 tree ------------------------------------------------- */

static const char *const six[] = { "x86", "arm64", "riscv", "powerpc", "s390", "mips" };

static void test_tree_61(void **state)
{
	const char *tree = getenv("UABI_KERNEL_TREE");
	static const struct {
		const char *ioctl, *label, *file, *function;
		uint32_t line;
	} x86[] = {
		{ "KVM_CLEAR_DIRTY_LOG", "KVM_CLEAR_DIRTY_LOG", "virt/kvm/kvm_main.c",
		  "kvm_vm_compat_ioctl", 4949 },
		{ "KVM_GET_DIRTY_LOG", "KVM_GET_DIRTY_LOG", "virt/kvm/kvm_main.c",
		  "kvm_vm_compat_ioctl", 4966 },
		{ "KVM_SET_SIGNAL_MASK", "KVM_SET_SIGNAL_MASK", "virt/kvm/kvm_main.c",
		  "kvm_vcpu_compat_ioctl", 4303 },
		{ "KVM_X86_SET_MSR_FILTER", "KVM_X86_SET_MSR_FILTER_COMPAT", "arch/x86/kvm/x86.c",
		  "kvm_arch_vm_compat_ioctl", 6586 },
	};
	const struct uabi_kfacts_arch *a;
	struct uabi_kfacts k, k2;
	struct uabi_diag d;
	struct timespec t0, t1;

	if (!tree || !*tree) {
		print_message("UABI_KERNEL_TREE is not set (scripts/kernel-source.sh prints it): "
			      "skipping the Linux 6.1 facts\n");
		skip();
		return;
	}
	uabi_diag__clear(&d);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(uabi_kfacts__read(tree, six, 6, &k, &d), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	print_message("read 6 arches in %.1f ms\n",
		      (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);

	assert_non_null(k.kernel_version);
	assert_memory_equal(k.kernel_version, "6.1.", 4);
	assert_string_equal(k.kvm_compat_site.file, "virt/kvm/Kconfig");
	/* the line numbers are those of Debian's 6.1.192; another 6.1 stable
	 * release may move them, not the facts */
	bool lines = !strcmp(k.kernel_version, "6.1.192");

	if (!lines)
		print_message("%s is not 6.1.192: line numbers not checked\n", k.kernel_version);
	if (lines)
		assert_int_equal(k.kvm_compat_site.line, 68);
	assert_string_equal(k.kvm_compat_depends, "KVM && COMPAT && !(S390 || ARM64 || RISCV)");

	assert_true(uabi_kfacts__arch(&k, "x86")->kvm_compat);
	assert_true(uabi_kfacts__arch(&k, "powerpc")->kvm_compat);
	assert_true(uabi_kfacts__arch(&k, "mips")->kvm_compat);
	assert_false(uabi_kfacts__arch(&k, "arm64")->kvm_compat);
	assert_false(uabi_kfacts__arch(&k, "riscv")->kvm_compat);
	assert_false(uabi_kfacts__arch(&k, "s390")->kvm_compat);

	a = uabi_kfacts__arch(&k, "x86");
	assert_int_equal(a->nhandled, 4);
	for (uint32_t i = 0; i < 4; i++) {
		assert_string_equal(a->handled[i].ioctl, x86[i].ioctl);
		assert_string_equal(a->handled[i].label, x86[i].label);
		assert_string_equal(a->handled[i].site.file, x86[i].file);
		assert_string_equal(a->handled[i].site.function, x86[i].function);
		if (lines)
			assert_int_equal(a->handled[i].site.line, x86[i].line);
	}
	/* x86 selects KVM_GENERIC_DIRTYLOG_READ_PROTECT (arch/x86/kvm/Kconfig)
	 * and so does mips; powerpc does not: no KVM_CLEAR_DIRTY_LOG at all */
	a = uabi_kfacts__arch(&k, "mips");
	assert_int_equal(a->nhandled, 3);
	assert_string_equal(a->handled[0].ioctl, "KVM_CLEAR_DIRTY_LOG");
	assert_string_equal(a->handled[1].ioctl, "KVM_GET_DIRTY_LOG");
	assert_string_equal(a->handled[2].ioctl, "KVM_SET_SIGNAL_MASK");
	a = uabi_kfacts__arch(&k, "powerpc");
	assert_int_equal(a->nhandled, 2);
	assert_string_equal(a->handled[0].ioctl, "KVM_GET_DIRTY_LOG");
	assert_string_equal(a->handled[1].ioctl, "KVM_SET_SIGNAL_MASK");
	assert_null(uabi_kfacts_arch__handled(a, "KVM_CLEAR_DIRTY_LOG"));
	assert_false(uabi_kfacts_arch__dispatches(a, "KVM_CLEAR_DIRTY_LOG"));
	assert_int_equal(uabi_kfacts__arch(&k, "arm64")->nhandled, 0);
	assert_int_equal(uabi_kfacts__arch(&k, "riscv")->nhandled, 0);
	assert_int_equal(uabi_kfacts__arch(&k, "s390")->nhandled, 0);

	for (uint32_t i = 0; i < 6; i++) {
		a = uabi_kfacts__arch(&k, six[i]);
		assert_ptr_equal(a, &k.arches[i]);
		print_message("%-8s kvm_compat=%d handled=%u dispatched=%u\n", a->arch,
			      a->kvm_compat, a->nhandled, a->ndispatched);
		assert_true(uabi_kfacts_arch__dispatches(a, "KVM_RUN"));
		assert_int_equal(uabi_kfacts_arch__dispatches(a, "KVM_DIRTY_TLB"),
				 strcmp(six[i], "powerpc") == 0);
		assert_int_equal(uabi_kfacts_arch__dispatches(a, "KVM_GET_MSRS"),
				 strcmp(six[i], "x86") == 0);
		assert_int_equal(uabi_kfacts_arch__dispatches(a, "KVM_S390_MEM_OP"),
				 strcmp(six[i], "s390") == 0);
		/* sorted and unique */
		for (uint32_t j = 1; j < a->ndispatched; j++)
			assert_true(strcmp(a->dispatched[j - 1], a->dispatched[j]) < 0);
		/* the compat number maps to the uapi name */
		assert_false(uabi_kfacts_arch__dispatches(a, "KVM_X86_SET_MSR_FILTER_COMPAT"));
	}
	/* __KVM_HAVE_IRQ_LINE: not in s390's uapi asm/kvm.h */
	assert_false(uabi_kfacts_arch__dispatches(uabi_kfacts__arch(&k, "s390"), "KVM_IRQ_LINE"));
	assert_true(uabi_kfacts_arch__dispatches(uabi_kfacts__arch(&k, "arm64"), "KVM_IRQ_LINE"));
	/* a user's choice (CONFIG_KVM_XEN) counts */
	assert_true(uabi_kfacts_arch__dispatches(uabi_kfacts__arch(&k, "x86"),
						 "KVM_XEN_HVM_SET_ATTR"));
	/* the native dispatch sites, outside the compat handlers: which compat
	 * function a porter adds a case to (render/common.c) */
	{
		const struct uabi_kfacts_arch *x = uabi_kfacts__arch(&k, "x86");
		const struct uabi_khandled *ds;
		uint32_t n;

		ds = uabi_kfacts_arch__dispatch(x, "KVM_MEMORY_ENCRYPT_OP", &n);
		assert_int_equal(n, 1);
		assert_string_equal(ds->site.function, "kvm_arch_vm_ioctl");
		assert_string_equal(ds->site.file, "arch/x86/kvm/x86.c");
		/* kvm_vm_ioctl only: kvm_vm_compat_ioctl's own label is not one */
		ds = uabi_kfacts_arch__dispatch(x, "KVM_GET_DIRTY_LOG", &n);
		assert_int_equal(n, 1);
		assert_string_equal(ds->site.function, "kvm_vm_ioctl");
		assert_null(uabi_kfacts_arch__dispatch(x, "KVM_NOT_AN_IOCTL", &n));
		assert_int_equal(n, 0);
		for (uint32_t j = 1; j < x->ndispatch; j++)
			assert_true(strcmp(x->dispatch[j - 1].ioctl, x->dispatch[j].ioctl) < 0 ||
				    (!strcmp(x->dispatch[j - 1].ioctl, x->dispatch[j].ioctl) &&
				     strcmp(x->dispatch[j - 1].site.function, x->dispatch[j].site.function) < 0));
	}

	/* deterministic: a second read gives the same lists */
	assert_int_equal(uabi_kfacts__read(tree, six, 6, &k2, &d), 0);
	for (uint32_t i = 0; i < 6; i++) {
		assert_int_equal(k2.arches[i].ndispatched, k.arches[i].ndispatched);
		for (uint32_t j = 0; j < k.arches[i].ndispatched; j++)
			assert_string_equal(k2.arches[i].dispatched[j], k.arches[i].dispatched[j]);
	}
	assert_int_equal(k2.nmembers, k.nmembers);
	uabi_kfacts__free(&k2);

	/* issue 8 item 1: the riscv exit arms of struct kvm_run are riscv's only,
	 * the xen arm is x86's; KVM arches of 6.1 */
	{
		static const char *const kvm_arches[] = { "arm64", "mips", "powerpc", "riscv",
							  "s390", "x86" };
		const struct uabi_kmember *m;
		uint32_t n;

		assert_list(k.kvm_arches, k.nkvm_arches, kvm_arches, 6);
		n = uabi_kfacts__member_refs(&k, "riscv_sbi", &m);
		assert_int_equal(n, 1);
		assert_string_equal(m->site.file, "arch/riscv/kvm/vcpu_sbi.c");
		assert_int_equal(m->site.line, 62);
		n = uabi_kfacts__member_refs(&k, "riscv_csr", &m);
		assert_int_equal(n, 1);
		assert_string_equal(m->site.file, "arch/riscv/kvm/vcpu_insn.c");
		for (uint32_t i = 0; i < 6; i++) {
			bool riscv = !strcmp(six[i], "riscv");

			assert_int_equal(uabi_kfacts__member_used(&k, six[i], "riscv_sbi"), riscv);
			assert_int_equal(uabi_kfacts__member_used(&k, six[i], "riscv_csr"), riscv);
		}
		assert_true(uabi_kfacts__member_used(&k, "x86", "xen"));
		n = uabi_kfacts__member_refs(&k, "xen", &m);
		assert_true(n >= 1);
		for (uint32_t i = 0; i < n; i++)
			assert_string_equal(m[i].arch, "x86");
		/* generic names are everyone's */
		assert_true(uabi_kfacts__member_used(&k, "s390", "flags"));
		assert_true(uabi_kfacts__member_used(&k, "mips", "exit_reason"));
	}
	uabi_kfacts__free(&k);
}

/* Linux 6.12 (UABI_KERNEL_TREE_6_12): LoongArch has KVM, uabi no profile
 * for it; the tree lists it among the KVM arches (issue 8 item 13). */
static void test_tree_612(void **state)
{
	static const char *const kvm_arches[] = { "arm64", "loongarch", "mips", "powerpc",
						  "riscv", "s390", "x86" };
	const char *tree = getenv("UABI_KERNEL_TREE_6_12");
	const struct uabi_kmember *m;
	struct uabi_kfacts k;
	struct uabi_diag d;

	(void)state;
	if (!tree || !*tree) {
		print_message("UABI_KERNEL_TREE_6_12 is not set (scripts/kernel-source.sh 6.12 "
			      "prints it): skipping the Linux 6.12 facts\n");
		skip();
		return;
	}
	uabi_diag__clear(&d);
	assert_int_equal(uabi_kfacts__read(tree, six, 6, &k, &d), 0);
	assert_list(k.kvm_arches, k.nkvm_arches, kvm_arches, 7);
	assert_true(uabi_kfacts__has_kvm(&k, "loongarch"));
	/* still riscv's only */
	assert_true(uabi_kfacts__member_refs(&k, "riscv_sbi", &m) >= 1);
	for (uint32_t i = 0; i < 6; i++)
		assert_int_equal(uabi_kfacts__member_used(&k, six[i], "riscv_sbi"),
				 !strcmp(six[i], "riscv"));
	assert_true(uabi_kfacts__member_used(&k, "x86", "xen"));
	uabi_kfacts__free(&k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kconfig_eval_61),
		cmocka_unit_test(test_kconfig_eval_syntax),
		cmocka_unit_test(test_kconfig_depends),
		cmocka_unit_test(test_scan_conditions),
		cmocka_unit_test(test_scan_comments_strings),
		cmocka_unit_test(test_scan_functions),
		cmocka_unit_test(test_scan_compat_mapping),
		cmocka_unit_test(test_kcond_eval),
		cmocka_unit_test(test_scan_members),
		cmocka_unit_test_setup_teardown(test_tree_synthetic, make_tree, remove_tree),
		cmocka_unit_test(test_tree_61),
		cmocka_unit_test(test_tree_612),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
