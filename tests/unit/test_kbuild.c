// SPDX-License-Identifier: MIT
/*
 * Unit tests of kernel/kbuild.h, which arches may build a source file:
 * small synthetic trees given as text (composite objects, continuation
 * lines, if/endif, menu and choice dependencies, arch-only symbols,
 * COMPILE_TEST, negations and comparisons, cycles, directory gates,
 * "source" lines, hostile text), and facts of the real Linux 6.1 and
 * 6.12 trees named by UABI_KERNEL_TREE and UABI_KERNEL_TREE_6_12
 * (scripts/kernel-source.sh prints them; skipped if unset), each checked
 * by reading the tree's Kconfig and Makefiles. The real-tree tests print
 * how long adding every build file took and the heap it holds (a
 * measurement, never asserted).
 */
#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <cmocka.h>

#include "core/fileio.h"

#include "kernel/kbuild.h"
#include "kernel/kio_priv.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

#define ARM64 0x01
#define MIPS 0x02
#define PPC 0x04
#define RISCV 0x08
#define S390 0x10
#define X86 0x20
#define ALL UABI_KBUILD_ALL

/* A build file of a synthetic tree. */
struct tf {
	const char *rel, *text;
};

static struct uabi_kbuild *tree(const struct tf *f, size_t n)
{
	struct uabi_kbuild *b = uabi_kbuild__new();

	assert_non_null(b);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(uabi_kbuild__add(b, f[i].rel, f[i].text, strlen(f[i].text)), 0);
	return b;
}

static uint8_t archs(struct uabi_kbuild *b, const char *rel)
{
	uint8_t m = 0x55;

	assert_int_equal(uabi_kbuild__archs(b, rel, &m), 0);
	return m;
}

/* ---- names --------------------------------------------------------------- */

static void test_bits(void **state)
{
	(void)state;
	assert_string_equal(uabi_kbuild_arches[0], "arm64");
	assert_string_equal(uabi_kbuild_arches[5], "x86");
	assert_int_equal(uabi_kbuild__bit("arm64"), ARM64);
	assert_int_equal(uabi_kbuild__bit("mips"), MIPS);
	assert_int_equal(uabi_kbuild__bit("powerpc"), PPC);
	assert_int_equal(uabi_kbuild__bit("riscv"), RISCV);
	assert_int_equal(uabi_kbuild__bit("s390"), S390);
	assert_int_equal(uabi_kbuild__bit("x86"), X86);
	assert_int_equal(uabi_kbuild__bit("m68k"), 0);
	assert_int_equal(uabi_kbuild__bit("x86_64"), 0);
	assert_int_equal(uabi_kbuild__bit(""), 0);
	assert_int_equal(ALL, 0x3f);
	assert_true(uabi_kbuild__wanted("Makefile"));
	assert_true(uabi_kbuild__wanted("Kbuild"));
	assert_true(uabi_kbuild__wanted("Kconfig"));
	assert_true(uabi_kbuild__wanted("Kconfig.debug"));
	assert_false(uabi_kbuild__wanted("Makefile.lib"));
	assert_false(uabi_kbuild__wanted("Kbuild.include"));
	assert_false(uabi_kbuild__wanted("kconfig"));
	assert_false(uabi_kbuild__wanted("floppy.c"));
}

/* ---- Makefiles ----------------------------------------------------------- */

static void test_composite(void **state)
{
	static const struct tf f[] = {
		{ "drivers/foo/Kconfig",
		  "config FOO\n\ttristate \"foo\"\n\tdepends on X86 || ARM64\n"
		  "config BAR\n\tbool \"bar\"\n\tdepends on S390 || X86\n"
		  "config BAZ\n\tbool\n\tdepends on S390\n" },
		{ "drivers/foo/Makefile",
		  "obj-$(CONFIG_FOO) += comp.o snd-mixed.o\n"
		  "comp-y := a.o\n"
		  "comp-$(CONFIG_BAR) += b.o\n"
		  "comp-$(CONFIG_BAZ) += c.o\n"
		  "snd-mixed-objs := d.o\n"
		  "nested-y := e.o\n"
		  "comp-y += nested.o\n"
		  "helper-y := f.o\n"
		  "helper-$(CONFIG_BAZ) += g.o\n"
		  "old-objs-$(CONFIG_BAR) += h.o\n"
		  "obj-$(CONFIG_FOO) += old.o\n" },
	};
	struct uabi_kbuild *b = tree(f, N_OF(f));

	(void)state;
	assert_int_equal(archs(b, "drivers/foo/comp.c"), X86 | ARM64);
	assert_int_equal(archs(b, "drivers/foo/a.c"), X86 | ARM64);
	/* BAR (s390, x86) AND comp.o's FOO (x86, arm64) */
	assert_int_equal(archs(b, "drivers/foo/b.c"), X86);
	assert_int_equal(archs(b, "drivers/foo/c.c"), 0);
	/* a composite whose name has dashes, with -objs */
	assert_int_equal(archs(b, "drivers/foo/d.c"), X86 | ARM64);
	/* nested.o is part of comp.o */
	assert_int_equal(archs(b, "drivers/foo/e.c"), X86 | ARM64);
	/* helper.o is listed nowhere: only the line's own gate */
	assert_int_equal(archs(b, "drivers/foo/f.c"), ALL);
	assert_int_equal(archs(b, "drivers/foo/g.c"), S390);
	/* old-objs-$(CONFIG_BAR): BAR AND old.o's FOO */
	assert_int_equal(archs(b, "drivers/foo/h.c"), X86);
	assert_int_equal(archs(b, "drivers/foo/unlisted.c"), ALL);
	/* a header is no object, even with an object's name */
	assert_int_equal(archs(b, "drivers/foo/a.h"), ALL);
	assert_int_equal(archs(b, "drivers/foo/c.S"), 0);
	uabi_kbuild__free(b);
}

static void test_continuation(void **state)
{
	static const struct tf f[] = {
		{ "Kconfig", "config BAZ\n\tbool \"baz\"\n\tdepends on S390 || \\\n\t\tX86\n" },
		{ "lib/Makefile",
		  "# obj-$(CONFIG_BAZ) += commented.o\n"
		  "obj-$(CONFIG_BAZ) += one.o \\\n"
		  "\t\t     two.o # five.o\n"
		  "obj-$(CONFIG_BAZ) += crlf.o \\\r\n"
		  "\tcrlf2.o\n"
		  "obj-y += three.o \\\n"
		  "# four.o: a comment that a backslash continues \\\n"
		  "\tfour.o\n"
		  "obj-$(CONFIG_BAZ) += six.o\\\n"
		  "seven.o\n"
		  "define template\n"
		  "obj-$(CONFIG_BAZ) += defined.o\n"
		  "endef\n"
		  "$(obj)/one.o: CFLAGS += -DX=two.o\n"
		  "ifeq ($(CONFIG_BAZ),y)\n"
		  "obj-$(CONFIG_BAZ) += in_ifeq.o\n"
		  "endif\n" },
	};
	struct uabi_kbuild *b = tree(f, N_OF(f));

	(void)state;
	assert_int_equal(archs(b, "lib/one.c"), S390 | X86);
	assert_int_equal(archs(b, "lib/two.c"), S390 | X86);
	assert_int_equal(archs(b, "lib/crlf.c"), S390 | X86);
	assert_int_equal(archs(b, "lib/crlf2.c"), S390 | X86);
	assert_int_equal(archs(b, "lib/commented.c"), ALL);
	assert_int_equal(archs(b, "lib/five.c"), ALL);
	assert_int_equal(archs(b, "lib/three.c"), ALL);
	assert_int_equal(archs(b, "lib/four.c"), ALL);
	assert_int_equal(archs(b, "lib/six.c"), S390 | X86);
	assert_int_equal(archs(b, "lib/seven.c"), S390 | X86);
	/* a define ... endef body is no assignment */
	assert_int_equal(archs(b, "lib/defined.c"), ALL);
	/* only the obj-$(CONFIG_X) gate counts, not the ifeq around it */
	assert_int_equal(archs(b, "lib/in_ifeq.c"), S390 | X86);
	uabi_kbuild__free(b);
}

static void test_dirs(void **state)
{
	static const struct tf f[] = {
		{ "Kconfig",
		  "config P\n\tbool \"p\"\n\tdepends on !S390\n"
		  "config Q\n\tbool \"q\"\n\tdepends on X86 || S390\n"
		  "config NET\n\tbool \"net\"\n\tdepends on !MIPS\n"
		  "config PPCX\n\tbool\n\tdepends on PPC\n"
		  "config RISCVX\n\tbool\n\tdepends on RISCV\n" },
		{ "Kbuild", "obj-y += drivers/\nobj-$(CONFIG_NET) += net/\n" },
		{ "drivers/Makefile",
		  "obj-$(CONFIG_P) += d1/\n"
		  "obj-y += plain/\n"
		  "obj-$(CONFIG_Q) += block/aoe/\n"
		  "obj-$(CONFIG_P) += other/in_sub.o\n"
		  "obj-$(CONFIG_PPCX) += both/\n"
		  "obj-$(CONFIG_RISCVX) += both/\n"
		  "subdir-$(CONFIG_Q) += sd\n"
		  "obj-$(CONFIG_PPCX) += ../escape/ /abs/ ./dot/\n" },
		{ "drivers/d1/Makefile", "obj-$(CONFIG_Q) += d2/\n" },
		{ "drivers/d1/d2/Makefile", "obj-y += f.o\n" },
		{ "arch/s390/Makefile", "drivers-y += drivers/s390/\nlibs-y += arch/s390/lib/\n" },
	};
	struct uabi_kbuild *b = tree(f, N_OF(f));

	(void)state;
	/* P (all but s390) AND Q (x86, s390) */
	assert_int_equal(archs(b, "drivers/d1/d2/f.c"), X86);
	assert_int_equal(archs(b, "drivers/d1/d2/g.h"), X86);
	assert_int_equal(archs(b, "drivers/d1/d2/unlisted.c"), X86);
	assert_int_equal(archs(b, "drivers/d1/d2/d3/deep.c"), X86);
	assert_int_equal(archs(b, "drivers/d1/x.c"), ALL & ~S390);
	assert_int_equal(archs(b, "drivers/plain/p.c"), ALL);
	assert_int_equal(archs(b, "drivers/unlisted/u.c"), ALL);
	assert_int_equal(archs(b, "drivers/block/aoe/aoecmd.c"), X86 | S390);
	assert_int_equal(archs(b, "drivers/block/loop.c"), ALL);
	assert_int_equal(archs(b, "drivers/other/in_sub.c"), ALL & ~S390);
	assert_int_equal(archs(b, "drivers/other/else.c"), ALL);
	/* two lines list both/: the OR */
	assert_int_equal(archs(b, "drivers/both/x.c"), PPC | RISCV);
	assert_int_equal(archs(b, "drivers/sd/x.c"), X86 | S390);
	/* ./dot/ is dot/; words leaving the directory are not read */
	assert_int_equal(archs(b, "drivers/dot/x.c"), PPC);
	assert_int_equal(archs(b, "escape/x.c"), ALL);
	assert_int_equal(archs(b, "drivers/escape/x.c"), ALL);
	assert_int_equal(archs(b, "abs/x.c"), ALL);
	assert_int_equal(archs(b, "net/socket.c"), ALL & ~MIPS);
	/* arch/s390/Makefile is part of the top Makefile, for s390 only */
	assert_int_equal(archs(b, "drivers/s390/cio/cio.c"), S390);
	assert_int_equal(archs(b, "top.c"), ALL);
	/* again, from the memo, in another order */
	assert_int_equal(archs(b, "drivers/d1/x.c"), ALL & ~S390);
	assert_int_equal(archs(b, "drivers/d1/d2/f.c"), X86);
	uabi_kbuild__free(b);
}

static void test_arch_files(void **state)
{
	static const struct tf f[] = {
		{ "arch/x86/Kbuild", "obj-$(CONFIG_M68K) += kernel/\n" },
	};
	struct uabi_kbuild *b = tree(f, N_OF(f));

	(void)state;
	assert_int_equal(archs(b, "arch/x86/kernel/ioport.c"), X86);
	assert_int_equal(archs(b, "arch/powerpc/include/asm/foo.h"), PPC);
	assert_int_equal(archs(b, "arch/arm64/kernel/sys32.c"), ARM64);
	assert_int_equal(archs(b, "arch/m68k/mac/misc.c"), 0);
	assert_int_equal(archs(b, "arch/um/drivers/ubd.c"), 0);
	/* directly in arch/: no arch's own */
	assert_int_equal(archs(b, "arch/foo.c"), ALL);
	uabi_kbuild__free(b);
}

/* ---- Kconfig ------------------------------------------------------------- */

/* obj-$(CONFIG_<NAME>) += <name>.o for each, in one directory */
static void gated(struct uabi_kbuild *b, const char *const *names, size_t n)
{
	char text[8192], *p = text;

	for (size_t i = 0; i < n; i++) {
		p += snprintf(p, sizeof(text) - (size_t)(p - text), "obj-$(CONFIG_%s) += ",
			      names[i]);
		for (const char *s = names[i]; *s; s++)
			*p++ = (char)(*s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s);
		p += snprintf(p, sizeof(text) - (size_t)(p - text), ".o\n");
	}
	assert_int_equal(uabi_kbuild__add(b, "k/Makefile", text, (size_t)(p - text)), 0);
}

static void test_if_menu(void **state)
{
	static const struct tf f[] = {
		{ "k/Kconfig",
		  "menuconfig BAR_DRIVERS\n\tbool \"bar drivers\"\n\tdepends on PPC || X86\n\n"
		  "if BAR_DRIVERS\n\n"
		  "config IN_IF\n\ttristate \"in if\"\n\n"
		  "menu \"things\"\n\tdepends on PPC || MIPS\n\tvisible if S390\n\n"
		  "config IN_MENU\n\ttristate \"in menu\"\n"
		  "config IN_MENU2\n\ttristate \"in menu, not ppc\"\n\tdepends on !PPC\n\n"
		  "endmenu\n\n"
		  "config AFTER_MENU\n\ttristate \"after menu\"\n\n"
		  "endif # BAR_DRIVERS\n\n"
		  "config OUTSIDE\n\ttristate \"outside\"\n\thelp\n"
		  "\t  depends on S390 (help text)\n\n"
		  "\t  if RISCV\n"
		  "config TWO\n\tbool \"two depends\"\n\tdepends on X86 || S390\n"
		  "\tdepends on S390 || ARM64\n"
		  "choice\n\tprompt \"pick\"\n\tdepends on S390\n"
		  "config CHOSEN\n\tbool \"chosen\"\n"
		  "endchoice\n"
		  "config TWICE\n\tbool\n\tdepends on ARM64\n"
		  "config TWICE\n\tbool\n\tdepends on RISCV\n" },
	};
	static const char *const names[] = { "IN_IF", "IN_MENU", "IN_MENU2", "AFTER_MENU",
					     "OUTSIDE", "TWO", "CHOSEN", "TWICE" };
	struct uabi_kbuild *b = tree(f, N_OF(f));

	(void)state;
	gated(b, names, N_OF(names));
	assert_int_equal(archs(b, "k/in_if.c"), PPC | X86);
	assert_int_equal(archs(b, "k/in_menu.c"), PPC);
	assert_int_equal(archs(b, "k/in_menu2.c"), 0);
	assert_int_equal(archs(b, "k/after_menu.c"), PPC | X86);
	assert_int_equal(archs(b, "k/outside.c"), ALL);
	assert_int_equal(archs(b, "k/two.c"), S390);
	assert_int_equal(archs(b, "k/chosen.c"), S390);
	/* a symbol of several entries: their OR */
	assert_int_equal(archs(b, "k/twice.c"), ARM64 | RISCV);
	uabi_kbuild__free(b);
}

static void test_arch_symbols(void **state)
{
	static const struct tf f[] = {
		{ "arch/m68k/Kconfig.machine",
		  "config MAC\n\tbool \"Macintosh support\"\nconfig AMIGA\n\tbool \"Amiga\"\n" },
		{ "arch/x86/Kconfig", "config X86_FEATURE\n\tdef_bool y\n"
				      "config SHARED_FEATURE\n\tdef_bool y\n" },
		{ "arch/arm64/Kconfig", "config SHARED_FEATURE\n\tdef_bool y\n" },
		{ "arch/arm/mach-foo/Kconfig", "menuconfig ARCH_FOO\n\tbool \"foo SoCs\"\n" },
		{ "arch/x86/Kconfig.cpu", "config IA32_EMULATION\n\tbool \"ia32\"\n" },
		{ "arch/powerpc/platforms/Kconfig.cputype", "config PPC_BOOK3S_64\n\tbool\n" },
		{ "k/Kconfig",
		  "config BLK_DEV_SWIM\n\ttristate \"swim\"\n\tdepends on M68K && MAC && !HIGHMEM\n"
		  "config AMIGA_FLOPPY\n\ttristate\n\tdepends on AMIGA\n"
		  "config X86_THING\n\ttristate\n\tdepends on X86_FEATURE\n"
		  "config SHARED\n\ttristate\n\tdepends on SHARED_FEATURE\n"
		  "config SOC_DRIVER\n\ttristate\n\tdepends on ARCH_FOO || COMPILE_TEST\n"
		  "config SOC_DRIVER_ARM64\n\ttristate\n"
		  "\tdepends on ARCH_FOO || ARM64 || COMPILE_TEST\n"
		  "config UNDEF_DEP\n\ttristate\n\tdepends on NOT_DEFINED_ANYWHERE\n"
		  "config NEG_UNDEF\n\ttristate\n\tdepends on !NOT_DEFINED_ANYWHERE\n"
		  "config OWN\n\tbool\n\tdepends on IA32_EMULATION || PPC_BOOK3S_64\n"
		  "config WIDE\n\tbool\n\tdepends on 64BIT && COMPAT && !32BIT && !X86_32\n" },
	};
	static const char *const names[] = { "BLK_DEV_SWIM", "AMIGA_FLOPPY", "X86_THING", "SHARED",
					     "SOC_DRIVER", "SOC_DRIVER_ARM64", "UNDEF_DEP",
					     "NEG_UNDEF", "OWN", "WIDE" };
	struct uabi_kbuild *b = tree(f, N_OF(f));

	(void)state;
	gated(b, names, N_OF(names));
	assert_int_equal(archs(b, "k/blk_dev_swim.c"), 0);
	assert_int_equal(archs(b, "k/amiga_floppy.c"), 0);
	assert_int_equal(archs(b, "k/x86_thing.c"), X86);
	assert_int_equal(archs(b, "k/shared.c"), X86 | ARM64);
	assert_int_equal(archs(b, "k/soc_driver.c"), 0);
	assert_int_equal(archs(b, "k/soc_driver_arm64.c"), ARM64);
	assert_int_equal(archs(b, "k/undef_dep.c"), ALL);
	assert_int_equal(archs(b, "k/neg_undef.c"), ALL);
	/* y on its arch by the table, n elsewhere by where it is defined */
	assert_int_equal(archs(b, "k/own.c"), X86 | PPC);
	assert_int_equal(archs(b, "k/wide.c"), ALL);
	uabi_kbuild__free(b);
}

static void test_expressions(void **state)
{
	static const struct tf f[] = {
		{ "k/Kconfig",
		  "config GONE\n\tbool\n\tdepends on M68K\n"
		  "config NOT_S390\n\tbool\n\tdepends on !S390\n"
		  "config NOT_GONE\n\tbool\n\tdepends on !GONE\n"
		  "config EQ_Y\n\tbool\n\tdepends on X86_64 = y\n"
		  "config NE_N\n\tbool\n\tdepends on S390 != n\n"
		  "config EQ_N\n\tbool\n\tdepends on PPC=n\n"
		  "config NE_Y\n\tbool\n\tdepends on PPC != y\n"
		  "config EQ_M\n\tbool\n\tdepends on X86 = m\n"
		  "config NE_M\n\tbool\n\tdepends on X86 != m && RISCV\n"
		  "config EQ_M_UNKNOWN\n\tbool\n\tdepends on UNKNOWN_T = m\n"
		  "config QUOTED\n\tbool\n\tdepends on ARM64 = \"y\"\n"
		  "config STRING\n\tbool\n\tdepends on !(ARCH_STR = \"x86\") && S390\n"
		  "config SYMEQ\n\tbool\n\tdepends on X86 = S390\n"
		  "config SYMNE\n\tbool\n\tdepends on X86 != X86_64\n"
		  "config NUM\n\tbool\n\tdepends on NR_CPUS > 1 && (MIPS || PPC)\n"
		  "config M_CONST\n\tbool\n\tdepends on m\n"
		  "config MACRO\n\tbool\n\tdepends on $(success,$(CC) --version) && PPC\n"
		  "config PAREN\n\tbool\n\tdepends on (X86 || S390) && !(S390 && 64BIT)\n"
		  "config BAD\n\tbool\n\tdepends on X86 && && S390\n"
		  "config BAD2\n\tbool\n\tdepends on (X86\n"
		  "config BAD3\n\tbool\n\tdepends on S390 \"unterminated\n"
		  "config EMPTY\n\tbool\n\tdepends on\n"
		  "config CONSTS\n\tbool\n\tdepends on y && \"n\" = n && !n && y != m\n"
		  "config CONST_N\n\tbool\n\tdepends on n || m = y\n"
		  "config CHOICE\n\tbool \"the user's\"\n"
		  "config NOT_CHOICE\n\tbool\n\tdepends on !CHOICE\n"
		  "config X86_CHOICE\n\tbool \"the user's, on x86\"\n\tdepends on X86\n"
		  "config NOT_X86_CHOICE\n\tbool\n\tdepends on !X86_CHOICE && (X86 || S390)\n" },
	};
	static const char *const names[] = {
		"NOT_S390", "NOT_GONE", "EQ_Y", "NE_N", "EQ_N", "NE_Y", "EQ_M", "NE_M",
		"EQ_M_UNKNOWN", "QUOTED", "STRING", "SYMEQ", "SYMNE", "NUM", "M_CONST", "MACRO",
		"PAREN", "BAD", "BAD2", "BAD3", "EMPTY", "CONSTS", "CONST_N", "NOT_CHOICE",
		"NOT_X86_CHOICE",
	};
	struct uabi_kbuild *b = tree(f, N_OF(f));

	(void)state;
	gated(b, names, N_OF(names));
	assert_int_equal(archs(b, "k/not_s390.c"), ALL & ~S390);
	/* GONE is n everywhere (M68K), so !GONE holds everywhere */
	assert_int_equal(archs(b, "k/not_gone.c"), ALL);
	assert_int_equal(archs(b, "k/eq_y.c"), X86);
	assert_int_equal(archs(b, "k/ne_n.c"), S390);
	assert_int_equal(archs(b, "k/eq_n.c"), ALL & ~PPC);
	assert_int_equal(archs(b, "k/ne_y.c"), ALL & ~PPC);
	/* X86 is a bool: y or n, never m */
	assert_int_equal(archs(b, "k/eq_m.c"), 0);
	assert_int_equal(archs(b, "k/ne_m.c"), RISCV);
	assert_int_equal(archs(b, "k/eq_m_unknown.c"), ALL);
	assert_int_equal(archs(b, "k/quoted.c"), ARM64);
	assert_int_equal(archs(b, "k/string.c"), S390);
	/* X86 = S390: both n (equal) except on x86 and s390 */
	assert_int_equal(archs(b, "k/symeq.c"), ARM64 | MIPS | PPC | RISCV);
	/* both y on x86, both n elsewhere */
	assert_int_equal(archs(b, "k/symne.c"), 0);
	assert_int_equal(archs(b, "k/num.c"), MIPS | PPC);
	assert_int_equal(archs(b, "k/m_const.c"), ALL);
	assert_int_equal(archs(b, "k/macro.c"), PPC);
	assert_int_equal(archs(b, "k/paren.c"), X86);
	/* what does not parse is unknown: never rules a file out */
	assert_int_equal(archs(b, "k/bad.c"), ALL);
	assert_int_equal(archs(b, "k/bad2.c"), ALL);
	assert_int_equal(archs(b, "k/bad3.c"), ALL);
	assert_int_equal(archs(b, "k/empty.c"), ALL);
	assert_int_equal(archs(b, "k/consts.c"), ALL);
	assert_int_equal(archs(b, "k/const_n.c"), 0);
	/* a symbol whose dependencies hold is the user's choice, y or n: its
	 * negation is unknown, never n */
	assert_int_equal(archs(b, "k/not_choice.c"), ALL);
	assert_int_equal(archs(b, "k/not_x86_choice.c"), X86 | S390);
	uabi_kbuild__free(b);
}

static void test_cycle(void **state)
{
	static const struct tf f[] = {
		{ "k/Kconfig",
		  "config A\n\tbool\n\tdepends on B\n"
		  "config B\n\tbool\n\tdepends on A\n"
		  "config C\n\tbool\n\tdepends on D && S390\n"
		  "config D\n\tbool\n\tdepends on C\n"
		  "config SELF\n\tbool\n\tdepends on SELF || X86\n"
		  "config SELF2\n\tbool\n\tdepends on SELF2 && PPC\n"
		  "config NOT_A\n\tbool\n\tdepends on !A\n" },
	};
	static const char *const names[] = { "A", "B", "C", "D", "SELF", "SELF2", "NOT_A" };
	struct uabi_kbuild *b = tree(f, N_OF(f));

	(void)state;
	gated(b, names, N_OF(names));
	/* a cycle stays unknown; what is n on the way out of it is n */
	assert_int_equal(archs(b, "k/a.c"), ALL);
	assert_int_equal(archs(b, "k/b.c"), ALL);
	assert_int_equal(archs(b, "k/c.c"), S390);
	assert_int_equal(archs(b, "k/d.c"), S390);
	assert_int_equal(archs(b, "k/self.c"), ALL);
	assert_int_equal(archs(b, "k/self2.c"), PPC);
	assert_int_equal(archs(b, "k/not_a.c"), ALL);
	uabi_kbuild__free(b);
}

/* A chain of 20000 symbols, each depending on the next, the last on M68K:
 * no depth limit, every one is n (the worklist is linear in the chain).
 * (Not S<n>: S390 is an arch symbol.) */
static void test_chain(void **state)
{
	size_t cap = 20000 * 48, n = 0;
	char *text = malloc(cap);
	struct uabi_kbuild *b = uabi_kbuild__new();
	static const char mk[] = "obj-$(CONFIG_C0) += c0.o\nobj-$(CONFIG_C19999) += last.o\n"
				 "obj-$(CONFIG_C10000) += mid.o\n";

	(void)state;
	assert_non_null(text);
	assert_non_null(b);
	for (int i = 0; i < 20000; i++)
		n += (size_t)snprintf(text + n, cap - n,
				      "config C%d\n\tbool\n\tdepends on %s%d\n", i,
				      i == 19999 ? "M68K || X" : "C", i + 1);
	assert_int_equal(uabi_kbuild__add(b, "k/Kconfig", text, n), 0);
	assert_int_equal(uabi_kbuild__add(b, "k/Makefile", mk, strlen(mk)), 0);
	/* X20000 is undefined: unknown, so is the chain */
	assert_int_equal(archs(b, "k/c0.c"), ALL);
	n = 0;
	for (int i = 0; i < 20000; i++)
		n += (size_t)snprintf(text + n, cap - n,
				      "config C%d\n\tbool\n\tdepends on %s%d\n", i,
				      i == 19999 ? "M68K && X" : "C", i + 1);
	uabi_kbuild__free(b);
	b = uabi_kbuild__new();
	assert_non_null(b);
	assert_int_equal(uabi_kbuild__add(b, "k/Kconfig", text, n), 0);
	assert_int_equal(uabi_kbuild__add(b, "k/Makefile", mk, strlen(mk)), 0);
	assert_int_equal(archs(b, "k/c0.c"), 0);
	assert_int_equal(archs(b, "k/mid.c"), 0);
	assert_int_equal(archs(b, "k/last.c"), 0);
	free(text);
	uabi_kbuild__free(b);
}

static void test_source(void **state)
{
	static const struct tf f[] = {
		{ "Kconfig", "source \"drivers/Kconfig\"\nsource \"arch/$(SRCARCH)/Kconfig\"\n" },
		{ "arch/m68k/Kconfig", "source \"drivers/zorro/Kconfig\"\n" },
		{ "arch/x86/Kconfig", "source \"drivers/two/Kconfig\" # and a comment\n" },
		{ "arch/powerpc/Kconfig", "osource \"drivers/rel/Kconfig\"\n" },
		{ "drivers/zorro/Kconfig", "config ZORRO\n\tbool \"Zorro\"\n" },
		{ "drivers/Kconfig",
		  "config PCI_LIKE\n\tbool\n\tdepends on !RISCV\n"
		  "if PCI_LIKE\nsource \"drivers/gated/Kconfig\"\nendif\n"
		  "menu \"m\"\n\tdepends on !ARM64\nsource \"drivers/two/Kconfig\"\nendmenu\n"
		  "source \"drivers/self/Kconfig\"\n"
		  "source \"\"\nsource \"unterminated\nsource\n" },
		{ "drivers/gated/Kconfig", "config GATED\n\tbool \"gated\"\n" },
		{ "drivers/two/Kconfig", "config TWO\n\tbool \"two\"\n\tdepends on !MIPS\n" },
		{ "drivers/rel/Kconfig", "rsource \"sub/Kconfig\"\n" },
		{ "drivers/rel/sub/Kconfig", "config REL_SUB\n\tbool \"rel\"\n" },
		/* a file sourcing itself through another: a cycle */
		{ "drivers/self/Kconfig", "source \"drivers/self/Kconfig.more\"\n"
					  "config SELF_A\n\tbool\n" },
		{ "drivers/self/Kconfig.more", "source \"drivers/self/Kconfig\"\n"
					       "config SELF_B\n\tbool\n\tdepends on S390\n" },
		{ "drivers/never/Kconfig", "config NEVER_SOURCED\n\tbool\n" },
	};
	static const char *const names[] = { "ZORRO", "GATED", "TWO", "REL_SUB", "SELF_A",
					     "SELF_B", "NEVER_SOURCED" };
	struct uabi_kbuild *b = tree(f, N_OF(f));

	(void)state;
	gated(b, names, N_OF(names));
	/* sourced only from arch/m68k: not in any of the six arches' trees */
	assert_int_equal(archs(b, "k/zorro.c"), 0);
	assert_int_equal(archs(b, "k/gated.c"), ALL & ~RISCV);
	/* from x86's Kconfig or inside a menu that is not arm64's; not mips */
	assert_int_equal(archs(b, "k/two.c"), ALL & ~ARM64 & ~MIPS);
	assert_int_equal(archs(b, "k/rel_sub.c"), PPC);
	assert_int_equal(archs(b, "k/self_a.c"), ALL);
	assert_int_equal(archs(b, "k/self_b.c"), S390);
	assert_int_equal(archs(b, "k/never_sourced.c"), ALL);
	uabi_kbuild__free(b);
}

/* More "source" lines with $(VAR) than the bound, or one whose wildcard is
 * not a whole component: any Kconfig file may be one they name, so no file
 * is ruled out by where it is sourced. */
static void test_many_patterns(void **state)
{
	static const char odd[] = "source \"drivers/zor*/Kconfig\"\n";
	char text[65 * 40], *p = text;
	static const struct tf f[] = {
		{ "arch/m68k/Kconfig", "source \"drivers/zorro/Kconfig\"\n" },
		{ "drivers/zorro/Kconfig", "config ZORRO\n\tbool \"Zorro\"\n" },
	};
	static const char *const names[] = { "ZORRO" };
	struct uabi_kbuild *b = tree(f, N_OF(f));

	(void)state;
	gated(b, names, N_OF(names));
	assert_int_equal(archs(b, "k/zorro.c"), 0);
	for (int i = 0; i < 17; i++)
		p += snprintf(p, sizeof(text) - (size_t)(p - text), "source \"x%d/$(V)/Kconfig\"\n",
			      i);
	/* added after a question: the next question indexes again */
	assert_int_equal(uabi_kbuild__add(b, "Kconfig", text, (size_t)(p - text)), 0);
	assert_int_equal(archs(b, "k/zorro.c"), ALL);
	uabi_kbuild__free(b);

	b = tree(f, N_OF(f));
	gated(b, names, N_OF(names));
	assert_int_equal(uabi_kbuild__add(b, "Kconfig", text, strlen("source \"x0/$(V)/Kconfig\"\n")),
			 0);
	assert_int_equal(archs(b, "k/zorro.c"), 0);
	assert_int_equal(uabi_kbuild__add(b, "drivers/Kconfig", odd, strlen(odd)), 0);
	assert_int_equal(archs(b, "k/zorro.c"), ALL);
	uabi_kbuild__free(b);
}

/* A "source" path names the file fopen opens, however it is spelled:
 * "./", "//" and ".." are the same file, a $(VAR) may stand for several
 * components (or none), and an absolute path may be any file of the
 * tree. Read as written, the real line named no file, and m68k's line
 * made ZORRO n on every arch. */
static void test_source_spelling(void **state)
{
	static const char *const lines[] = {
		"source \"drivers/./zorro/Kconfig\"\n",
		"source \"drivers//zorro/Kconfig\"\n",
		"source \"./drivers/zorro/Kconfig\"\n",
		"source \"drivers/../drivers/zorro/Kconfig\"\n",
		"rsource \"../drivers/zorro/Kconfig\"\n",
		"ZDIR := drivers/zorro\nsource \"$(ZDIR)/Kconfig\"\n",
		"source \"drivers/$(EMPTY)/zorro/Kconfig\"\n",
		"source \"/src/linux/drivers/zorro/Kconfig\"\n",
	};
	static const struct tf f[] = {
		{ "arch/m68k/Kconfig", "source \"drivers/zorro/Kconfig\"\n" },
		{ "drivers/zorro/Kconfig", "config ZORRO\n\tbool \"Zorro\"\n" },
	};
	static const char *const names[] = { "ZORRO" };

	(void)state;
	for (size_t i = 0; i < N_OF(lines); i++) {
		struct uabi_kbuild *b = tree(f, N_OF(f));

		gated(b, names, N_OF(names));
		assert_int_equal(archs(b, "k/zorro.c"), 0);
		/* drivers/Kconfig for rsource's "../drivers" */
		assert_int_equal(uabi_kbuild__add(b, "init/Kconfig", lines[i], strlen(lines[i])), 0);
		if (archs(b, "k/zorro.c") != ALL)
			fail_msg("%s: %#x", lines[i], archs(b, "k/zorro.c"));
		uabi_kbuild__free(b);
	}
	/* a path that leaves the tree names none of its files */
	{
		static const char out[] = "source \"../drivers/zorro/Kconfig\"\n";
		struct uabi_kbuild *b = tree(f, N_OF(f));

		gated(b, names, N_OF(names));
		assert_int_equal(uabi_kbuild__add(b, "init/Kconfig", out, strlen(out)), 0);
		assert_int_equal(archs(b, "k/zorro.c"), 0);
		uabi_kbuild__free(b);
	}
}

/* A Makefile word with a $ that the reader cannot expand ($(addsuffix
 * .o,x), x$(SUFFIX).o, $(DIRS)) may list any object or directory of its
 * Makefile's directory: dropped, it let m68k's line alone decide that
 * x.o and sub/ are n on every arch. Flags (-I$(src)) list nothing. */
static void test_unread_words(void **state)
{
	static const struct tf f[] = {
		{ "arch/m68k/Kconfig", "config M68KX\n\tbool\n" },
		{ "drivers/Makefile", "obj-$(CONFIG_M68KX) += sub/\nobj-y += $(DIRS)\n" },
		{ "drivers/sub/Makefile",
		  "ccflags-y += -I$(src)\n"
		  "obj-$(CONFIG_M68KX) += x.o y.o z.o f.o\n"
		  "obj-y += $(addsuffix .o,x)\n"
		  "zz-objs := z$(BITS).o\n"
		  "obj-$(CONFIG_RISCV) += zz.o\n" },
		{ "drivers/flags/Makefile", "ccflags-y += -I$(src) $(call cc-option,-Wx)\n"
					    "obj-$(CONFIG_M68KX) += f.o\n" },
		/* "..": the path it names below the directory; a composite's
		 * list with $ (not only ending in .o) */
		{ "drivers/dots/Makefile",
		  "obj-$(CONFIG_M68KX) += w.o v.o deep/\n"
		  "obj-y += ../dots/w.o ../dots/deep/ ../out.o\n"
		  "obj-$(CONFIG_RISCV) += vv.o\n"
		  "vv-y := $(addsuffix .o,v)\n" },
	};
	struct uabi_kbuild *b = tree(f, N_OF(f));

	(void)state;
	assert_int_equal(archs(b, "drivers/sub/x.c"), ALL);
	assert_int_equal(archs(b, "drivers/sub/y.c"), ALL);
	/* in zz (riscv) */
	assert_int_equal(archs(b, "drivers/sub/z.c"), ALL);
	assert_int_equal(archs(b, "drivers/flags/f.c"), 0);
	assert_int_equal(archs(b, "drivers/dots/w.c"), ALL);
	assert_int_equal(archs(b, "drivers/dots/deep/d.c"), ALL);
	assert_int_equal(archs(b, "drivers/dots/v.c"), RISCV);
	assert_int_equal(archs(b, "drivers/out.c"), ALL);
	uabi_kbuild__free(b);
	/* without the lines with $: m68k's alone */
	{
		static const struct tf g[] = {
			{ "arch/m68k/Kconfig", "config M68KX\n\tbool\n" },
			{ "drivers/Makefile", "obj-$(CONFIG_M68KX) += sub/\n" },
		};

		b = tree(g, N_OF(g));
		assert_int_equal(archs(b, "drivers/sub/x.c"), 0);
		uabi_kbuild__free(b);
	}
}

/* "select" forces a symbol past its "depends on" (Kconfig warns of unmet
 * dependencies and builds it) where the selector may be y and the symbol
 * is defined at all: read as not there, X (depends on M68K, selected by
 * XUSER of any arch) was n on every arch, and a driver it builds was no
 * code of x86. */
static void test_select(void **state)
{
	static const struct tf f[] = {
		{ "drivers/Kconfig",
		  "config X\n\ttristate\n\tdepends on M68K\n"
		  "config XUSER\n\ttristate \"x user\"\n\tselect X\n"
		  "config Y\n\tbool\n\tdepends on M68K\n"
		  "config YUSER\n\tbool \"y user\"\n\tselect Y if S390 && !FOO\n"
		  "config Z\n\tbool\n\tdepends on M68K\n"
		  "config W\n\tbool\n\tdepends on M68K\n"
		  "config WUSER\n\tbool \"w user\"\n\tdepends on RISCV\n\tselect W\n" },
		{ "arch/m68k/Kconfig", "config ZUSER\n\tbool\n\tselect Z\n"
				       "config M68ONLY\n\tbool\n" },
		{ "drivers/more/Kconfig", "config MUSER\n\tbool \"m\"\n\tselect M68ONLY\n" },
	};
	static const char *const names[] = { "X", "Y", "Z", "W", "M68ONLY" };
	struct uabi_kbuild *b = tree(f, N_OF(f));

	(void)state;
	gated(b, names, N_OF(names));
	assert_int_equal(archs(b, "k/x.c"), ALL);
	assert_int_equal(archs(b, "k/y.c"), S390);
	/* the selector is m68k's own */
	assert_int_equal(archs(b, "k/z.c"), 0);
	assert_int_equal(archs(b, "k/w.c"), RISCV);
	/* defined only where m68k's Kconfig is read: a select does not define it */
	assert_int_equal(archs(b, "k/m68only.c"), 0);
	uabi_kbuild__free(b);
}

static void test_reindex(void **state)
{
	static const char kc[] = "config FOO\n\tbool\n\tdepends on S390\n";
	static const char mk[] = "obj-$(CONFIG_FOO) += foo/\n";
	struct uabi_kbuild *b = uabi_kbuild__new();

	(void)state;
	assert_non_null(b);
	assert_int_equal(uabi_kbuild__add(b, "drivers/Makefile", mk, strlen(mk)), 0);
	/* FOO is not defined yet: unknown */
	assert_int_equal(archs(b, "drivers/foo/bar.c"), ALL);
	assert_int_equal(uabi_kbuild__add(b, "drivers/Kconfig", kc, strlen(kc)), 0);
	assert_int_equal(archs(b, "drivers/foo/bar.c"), S390);
	/* files of other names are not read */
	assert_int_equal(uabi_kbuild__add(b, "drivers/foo/bar.c", mk, strlen(mk)), 0);
	assert_int_equal(archs(b, "drivers/foo/bar.c"), S390);
	uabi_kbuild__free(b);
	uabi_kbuild__free(NULL);
}

/* ---- hostile text -------------------------------------------------------- */

static void test_hostile(void **state)
{
	size_t cap = 1 << 21, n = 0;
	char *t = malloc(cap);
	struct uabi_kbuild *b = uabi_kbuild__new();
	static const char nul[] = "config NUL_A\n\tbool\n\tdepends on S390\n\0"
				  "config NUL_A\n\tbool\n\tdepends on X86\n";
	static const char mk_nul[] = "obj-$(CONFIG_NUL_A) += nul_a.o\n\0obj-y += nul_a.o\n";
	static const char garbage[] = "obj-$(CONFIG_ += x.o\nobj-$(CONFIG_X\n= a.o\n:=\n"
				      "obj-$(((( += y.o\nobj-$(CONFIG_S390))) += z.o\n"
				      "obj-$(CONFIG_) += e.o\nobj- += never.o\nobj-n += never2.o\n"
				      "\\\n\\\n\\\nobj-$(CONFIG_S390) += \\\n";
	static const char cycle[] = "x-y := y.o\ny-y := x.o\nobj-$(CONFIG_S390) += x.o\n";

	(void)state;
	assert_non_null(t);
	assert_non_null(b);
	/* deep parentheses and negations, past every bound */
	n += (size_t)snprintf(t + n, cap - n, "config DEEP\n\tbool\n\tdepends on ");
	for (int i = 0; i < 100000; i++)
		t[n++] = '(';
	n += (size_t)snprintf(t + n, cap - n, "S390");
	for (int i = 0; i < 100000; i++)
		t[n++] = ')';
	n += (size_t)snprintf(t + n, cap - n, "\nconfig NOTS\n\tbool\n\tdepends on ");
	for (int i = 0; i < 100001; i++)
		t[n++] = '!';
	n += (size_t)snprintf(t + n, cap - n, "S390\nconfig LONG\n\tbool\n\tdepends on S390");
	for (int i = 0; i < 5000; i++)
		n += (size_t)snprintf(t + n, cap - n, " || S390");
	/* 200 nested ifs (more than are kept), then as many endifs */
	t[n++] = '\n';
	for (int i = 0; i < 200; i++)
		n += (size_t)snprintf(t + n, cap - n, "if X86\nmenu \"m\"\n");
	n += (size_t)snprintf(t + n, cap - n, "config INNER\n\tbool\n");
	for (int i = 0; i < 200; i++)
		n += (size_t)snprintf(t + n, cap - n, "endmenu\nendif\n");
	n += (size_t)snprintf(t + n, cap - n,
			      "endif\nendif\nendmenu\nconfig AFTER\n\tbool\n\tdepends on PPC\n"
			      "config\nconfig \"x\"\n\tdepends on\n\x01\x02\xff garbage (\n"
			      "config LAST\n\tdepends on S390 = \"y");
	assert_int_equal(uabi_kbuild__add(b, "k/Kconfig", t, n), 0);
	assert_int_equal(uabi_kbuild__add(b, "k/Kconfig.nul", nul, sizeof(nul) - 1), 0);
	assert_int_equal(uabi_kbuild__add(b, "g/Makefile", garbage, strlen(garbage)), 0);
	assert_int_equal(uabi_kbuild__add(b, "c/Makefile", cycle, strlen(cycle)), 0);
	assert_int_equal(uabi_kbuild__add(b, "n/Makefile", mk_nul, sizeof(mk_nul) - 1), 0);
	/* one very long line of words */
	n = 0;
	n += (size_t)snprintf(t + n, cap - n, "obj-$(CONFIG_AFTER) +=");
	while (n + 16 < cap)
		n += (size_t)snprintf(t + n, cap - n, " w%zu.o", n);
	assert_int_equal(uabi_kbuild__add(b, "w/Makefile", t, n), 0);
	{
		static const char *const names[] = { "DEEP", "NOTS", "LONG", "INNER", "AFTER",
						     "LAST" };

		gated(b, names, N_OF(names));
	}
	assert_int_equal(archs(b, "k/deep.c"), ALL);
	assert_int_equal(archs(b, "k/nots.c"), ALL);
	/* more operations than kept: unknown */
	assert_int_equal(archs(b, "k/long.c"), ALL);
	assert_int_equal(archs(b, "k/inner.c"), X86);
	assert_int_equal(archs(b, "k/after.c"), PPC);
	assert_int_equal(archs(b, "k/last.c"), ALL);
	assert_int_equal(archs(b, "w/w22.c"), PPC);
	assert_int_equal(archs(b, "w/w28.c"), PPC);
	assert_int_equal(archs(b, "w/w23.c"), ALL);
	/* a NUL ends the text */
	assert_int_equal(archs(b, "n/nul_a.c"), S390);
	assert_int_equal(archs(b, "g/x.c"), ALL);
	assert_int_equal(archs(b, "g/y.c"), ALL);
	assert_int_equal(archs(b, "g/e.c"), ALL);
	assert_int_equal(archs(b, "g/never.c"), 0);
	assert_int_equal(archs(b, "g/never2.c"), 0);
	/* composites that contain each other: bounded, and listed by an
	 * ungated composite line, so no restriction */
	assert_int_equal(archs(b, "c/x.c"), ALL);
	assert_int_equal(archs(b, "c/y.c"), ALL);
	assert_int_equal(archs(b, ""), ALL);
	assert_int_equal(archs(b, "/"), ALL);
	assert_int_equal(archs(b, "arch/"), ALL);
	assert_int_equal(archs(b, "g/.c"), ALL);
	assert_int_equal(archs(b, "a//b/.c"), ALL);
	free(t);
	uabi_kbuild__free(b);
}

/* ---- the real trees ------------------------------------------------------ */

struct walk {
	const char *tree;
	char root[PATH_MAX];
	struct uabi_kbuild *b;
	uint32_t files;
	uint64_t bytes;
	double add_s;		/* in uabi_kbuild__add only */
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static bool want(const char *name, void *ctx)
{
	(void)ctx;
	return uabi_kbuild__wanted(name);
}

static int visit(const char *rel, void *ctx)
{
	struct walk *w = ctx;
	struct uabi_diag d = { 0 };
	char path[PATH_MAX], *text = NULL;
	size_t len = 0;
	double t0;
	int err;

	assert_true((size_t)snprintf(path, sizeof(path), "%s/%s", w->tree, rel) < sizeof(path));
	err = uabi_file__read_under(w->root, path, "the kernel tree", 16 << 20, &text, &len, &d);
	assert_int_equal(err, 0);
	t0 = now();
	err = uabi_kbuild__add(w->b, rel, text, len);
	w->add_s += now() - t0;
	free(text);
	w->files++;
	w->bytes += len;
	return err;
}

/* Every Makefile, Kbuild and Kconfig* of the tree, but those of the top
 * directories the ioctl scan skips (Documentation, tools, ...). */
static struct uabi_kbuild *read_tree(const char *tree, const char *version)
{
	struct walk w = { .tree = tree };
	struct uabi_diag d = { 0 };
	struct mallinfo2 m0, m1;
	char **top;
	uint32_t ntop;
	uint8_t mask;
	double t0, t1;

	assert_non_null(realpath(tree, w.root));
	m0 = mallinfo2();
	t0 = now();
	w.b = uabi_kbuild__new();
	assert_non_null(w.b);
	assert_int_equal(uabi_file__walk(tree, "", false, want, visit, &w, &d), 0);
	assert_int_equal(uabi_file__list_dir(tree, &top, &ntop, &d), 0);
	for (uint32_t i = 0; i < ntop; i++) {
		char path[PATH_MAX];
		struct stat st;

		if (uabi_kio__skipped_top(top[i]))
			continue;
		snprintf(path, sizeof(path), "%s/%s", tree, top[i]);
		if (lstat(path, &st) || !S_ISDIR(st.st_mode))
			continue;
		assert_int_equal(uabi_file__walk(tree, top[i], true, want, visit, &w, &d), 0);
	}
	uabi_file__free_names(top, ntop);
	t1 = now();
	/* the first question indexes */
	assert_int_equal(uabi_kbuild__archs(w.b, "fs/ioctl.c", &mask), 0);
	m1 = mallinfo2();
	print_message("kbuild: Linux %s: %u build files (%.1f MB): walk+read+add %.3f s (add "
		      "%.3f s), index %.3f s, heap held %.1f MiB\n",
		      version, w.files, (double)w.bytes / 1e6, t1 - t0, w.add_s, now() - t1,
		      (double)(m1.uordblks + m1.hblkhd - m0.uordblks - m0.hblkhd) /
			      (1024.0 * 1024.0));
	assert_true(w.files > 4000);
	return w.b;
}

struct fact {
	const char *rel;
	uint8_t mask;
};

/* Each verified by reading the tree's Kconfig and Makefiles; the same in
 * 6.1 and 6.12 unless a table says otherwise. */
static const struct fact common_facts[] = {
	/* swim_mod-y := swim.o; obj-$(CONFIG_BLK_DEV_SWIM) += swim_mod.o;
	 * BLK_DEV_SWIM depends on M68K && MAC && !HIGHMEM */
	{ "drivers/block/swim.c", 0 },
	/* AMIGA_FLOPPY depends on AMIGA, defined in arch/m68k/Kconfig.machine */
	{ "drivers/block/amiflop.c", 0 },
	/* BLK_DEV_FD depends on ARCH_MAY_HAVE_PC_FDC: arch/{x86,mips,powerpc}
	 * (and alpha, arm, m68k, parisc, sparc) define it */
	{ "drivers/block/floppy.c", MIPS | PPC | X86 },
	/* drivers/s390/ (6.1: arch/s390/Makefile drivers-y; 6.12: drivers/
	 * Makefile obj-$(CONFIG_S390)); tape-objs := ... tape_char.o */
	{ "drivers/s390/char/tape_char.c", S390 },
	/* snd-powermac-objs (6.12: -y) := ... pmac.o; SND_POWERMAC inside
	 * "if SND_PPC", SND_PPC depends on PPC */
	{ "sound/ppc/pmac.c", PPC },
	/* "if MACINTOSH_DRIVERS" (depends on PPC || MAC || X86): */
	/* MAC_EMUMOUSEBTN depends on SYSCTL && INPUT */
	{ "drivers/macintosh/mac_hid.c", PPC | X86 },
	/* ADB_PMU depends on PPC_PMAC || MAC, PPC_PMAC in arch/powerpc */
	{ "drivers/macintosh/via-pmu.c", PPC },
	/* ADB depends on MAC || (PPC_PMAC && PPC32): 32-bit only */
	{ "drivers/macintosh/adb.c", 0 },
	{ "arch/x86/kernel/ioport.c", X86 },
	/* drm-y := ... drm_ioctl.o; DRM depends on (AGP || AGP=n) &&
	 * !EMULATED_CMPXCHG && HAS_DMA */
	{ "drivers/gpu/drm/drm_ioctl.c", ALL },
	{ "fs/ioctl.c", ALL },
	{ "include/linux/fs.h", ALL },
	/* SPI_ATMEL depends on ARCH_AT91 || COMPILE_TEST, ARCH_AT91 in
	 * arch/arm/mach-at91/Kconfig */
	{ "drivers/spi/spi-atmel.c", 0 },
	/* OMAP_IOMMU depends on ARCH_OMAP2PLUS || COMPILE_TEST (arch/arm) */
	{ "drivers/iommu/omap-iommu.c", 0 },
	/* agpgart-y := backend.o generic.o ...; AGP depends on ALPHA || (IA64
	 * ||) PARISC || PPC || X86 */
	{ "drivers/char/agp/generic.c", PPC | X86 },
	/* PINCTRL_LOCHNAGAR depends on MFD_LOCHNAGAR && !MIPS */
	{ "drivers/pinctrl/cirrus/pinctrl-lochnagar.c", ALL & ~MIPS },
};

/* ACPI depends on ARCH_SUPPORTS_ACPI, in drivers/acpi/Kconfig, which only
 * arch/{arm64,x86,ia64,loongarch}/Kconfig source in 6.1, riscv too in
 * 6.12 */
static const struct fact facts_61[] = { { "drivers/acpi/bus.c", ARM64 | X86 } };
static const struct fact facts_612[] = { { "drivers/acpi/bus.c", ARM64 | RISCV | X86 } };

static void check_facts(struct uabi_kbuild *b, const struct fact *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		uint8_t m = 0x55;

		assert_int_equal(uabi_kbuild__archs(b, f[i].rel, &m), 0);
		if (m != f[i].mask)
			fail_msg("%s: arches 0x%02x, want 0x%02x", f[i].rel, m, f[i].mask);
	}
}

static void test_tree_61(void **state)
{
	const char *tree = getenv("UABI_KERNEL_TREE");
	struct uabi_kbuild *b;

	(void)state;
	if (!tree || !*tree) {
		print_message("UABI_KERNEL_TREE is not set (scripts/kernel-source.sh prints it): "
			      "skipping the Linux 6.1 build files\n");
		skip();
		return;
	}
	b = read_tree(tree, "6.1");
	check_facts(b, common_facts, N_OF(common_facts));
	check_facts(b, facts_61, N_OF(facts_61));
	uabi_kbuild__free(b);
}

static void test_tree_612(void **state)
{
	const char *tree = getenv("UABI_KERNEL_TREE_6_12");
	struct uabi_kbuild *b;

	(void)state;
	if (!tree || !*tree) {
		print_message("UABI_KERNEL_TREE_6_12 is not set (scripts/kernel-source.sh 6.12 "
			      "prints it): skipping the Linux 6.12 build files\n");
		skip();
		return;
	}
	b = read_tree(tree, "6.12");
	check_facts(b, common_facts, N_OF(common_facts));
	check_facts(b, facts_612, N_OF(facts_612));
	uabi_kbuild__free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bits),
		cmocka_unit_test(test_composite),
		cmocka_unit_test(test_continuation),
		cmocka_unit_test(test_dirs),
		cmocka_unit_test(test_arch_files),
		cmocka_unit_test(test_if_menu),
		cmocka_unit_test(test_arch_symbols),
		cmocka_unit_test(test_expressions),
		cmocka_unit_test(test_cycle),
		cmocka_unit_test(test_chain),
		cmocka_unit_test(test_source),
		cmocka_unit_test(test_many_patterns),
		cmocka_unit_test(test_source_spelling),
		cmocka_unit_test(test_unread_words),
		cmocka_unit_test(test_select),
		cmocka_unit_test(test_reindex),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_tree_61),
		cmocka_unit_test(test_tree_612),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
