// SPDX-License-Identifier: MIT
/*
 * Unit tests of extractor/touched.c: two synthetic kernel trees written to
 * a temporary directory (old/ and new/), compared for x86_64 and for arm64:
 * the changed files (a changed header, an added one, a removed one, a
 * Kbuild, an identical one), and the names a change reaches: through
 * <...> and "..." includes, a chain of two, a cycle, "../" in a name, an
 * include that only the old side had, an arch asm/ header (reached on its
 * arch only), an asm-generic header behind a generated asm/ wrapper, and
 * names that nothing reaches.
 */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/fileio.h"
#include "core/profile.h"
#include "extractor/touched.h"

static char top[PATH_MAX], old_root[PATH_MAX], new_root[PATH_MAX];

static void put(const char *root, const char *rel, const char *text)
{
	char path[PATH_MAX], parent[PATH_MAX], *slash;
	struct uabi_diag d;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	snprintf(parent, sizeof(parent), "%s", path);
	slash = strrchr(parent, '/');
	*slash = '\0';
	uabi_diag__clear(&d);
	assert_int_equal(uabi_file__mkdirs(parent, &d), 0);
	assert_int_equal(uabi_file__write_scratch(path, text, strlen(text), &d), 0);
}

/* the same file on both sides */
static void both(const char *rel, const char *text)
{
	put(old_root, rel, text);
	put(new_root, rel, text);
}

static int setup(void **state)
{
	struct uabi_diag d;

	(void)state;
	uabi_diag__clear(&d);
	assert_int_equal(uabi_file__scratch(top, "touched", &d), 0);
	snprintf(old_root, sizeof(old_root), "%s/old", top);
	snprintf(new_root, sizeof(new_root), "%s/new", top);

	both("include/uapi/asm-generic/Kbuild", "mandatory-y += ioctl.h\nmandatory-y += poll.h\n");
	both("include/uapi/asm-generic/ioctl.h", "#define _IOC(d,t,n,s) 0\n");
	both("arch/x86/include/uapi/asm/Kbuild", "");
	both("arch/arm64/include/uapi/asm/Kbuild", "");
	both("arch/x86/include/uapi/asm/ioctl.h", "#include <asm-generic/ioctl.h>\n");
	/* asm/poll.h: a generated wrapper on both arches */
	put(old_root, "include/uapi/asm-generic/poll.h", "struct pollx { int a; };\n");
	put(new_root, "include/uapi/asm-generic/poll.h", "struct pollx { long a; };\n");
	both("include/uapi/linux/usepoll.h", "#include <asm/poll.h>\n");
	/* a chain: top.h -> mid.h -> base.h, base.h changes */
	put(old_root, "include/uapi/linux/base.h", "struct b { int x; };\n");
	put(new_root, "include/uapi/linux/base.h", "struct b { long x; };\n");
	both("include/uapi/linux/mid.h", "  #  include \"base.h\"\n");
	both("include/uapi/linux/top.h", "#include <linux/mid.h>\n");
	/* a cycle reaching base.h */
	both("include/uapi/linux/cyc1.h", "#include <linux/cyc2.h>\n");
	both("include/uapi/linux/cyc2.h", "#include <linux/cyc1.h>\n#include <linux/../linux/base.h>\n");
	/* the old side included base.h, the new one no longer does */
	put(old_root, "include/uapi/linux/dropped.h", "#include <linux/base.h>\n");
	put(new_root, "include/uapi/linux/dropped.h", "/* no include */\n");
	/* unreached: includes an unchanged header; a commented-out include is
	 * read as text all the same */
	both("include/uapi/linux/quiet.h", "#include <linux/ioctl.h>\n");
	both("include/uapi/linux/ioctl.h", "#include <asm/ioctl.h>\n");
	both("include/uapi/linux/said.h", "/*\n#include <linux/base.h>\n*/\n");
	/* an x86 asm header, included by a linux/ one */
	put(old_root, "arch/x86/include/uapi/asm/xa.h", "struct xa { int v; };\n");
	put(new_root, "arch/x86/include/uapi/asm/xa.h", "struct xa { long v; };\n");
	both("arch/arm64/include/uapi/asm/xa.h", "struct xa { int v; };\n");
	both("include/uapi/linux/usesxa.h", "#include <asm/xa.h>\n");
	/* added and removed */
	put(new_root, "include/uapi/linux/added.h", "struct n { int a; };\n");
	put(old_root, "include/uapi/linux/gone.h", "struct g { int a; };\n");
	/* not uapi: never compared */
	put(old_root, "README", "old\n");
	put(new_root, "README", "new\n");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	uabi_file__rmtree(top);
	return 0;
}

static void test_changed(void **state)
{
	struct uabi_input_spec o = { .kind = UABI_INPUT_KERNEL_TREE, .root = old_root, .label = "old" };
	struct uabi_input_spec n = { .kind = UABI_INPUT_KERNEL_TREE, .root = new_root, .label = "new" };
	static const char *const want[] = {
		"arch/x86/include/uapi/asm/xa.h",
		"include/uapi/asm-generic/poll.h",
		"include/uapi/linux/added.h",
		"include/uapi/linux/base.h",
		"include/uapi/linux/dropped.h",
		"include/uapi/linux/gone.h",
	};
	struct uabi_touched *t = uabi_touched__new();
	struct uabi_diag d;
	char **files;
	uint32_t nfiles;

	(void)state;
	assert_non_null(t);
	uabi_diag__clear(&d);
	assert_int_equal(uabi_touched__changed(t, &o, &n, &files, &nfiles, &d), 0);
	assert_int_equal(nfiles, sizeof(want) / sizeof(want[0]));
	for (uint32_t i = 0; i < nfiles; i++)
		assert_string_equal(files[i], want[i]);
	uabi_touched__free_names(files, nfiles);

	/* a tree against itself: nothing */
	assert_int_equal(uabi_touched__changed(t, &o, &o, &files, &nfiles, &d), 0);
	assert_int_equal(nfiles, 0);
	uabi_touched__free_names(files, nfiles);
	uabi_touched__free(t);
}

/* sel for cand on profile pname */
static void select_on(const char *pname, const char *const *cand, uint32_t n, bool *sel)
{
	struct uabi_input_spec o = { .kind = UABI_INPUT_KERNEL_TREE, .root = old_root, .label = "old" };
	struct uabi_input_spec nw = { .kind = UABI_INPUT_KERNEL_TREE, .root = new_root, .label = "new" };
	struct uabi_profile_set set = { 0 };
	const struct uabi_profile *p;
	struct uabi_touched *t = uabi_touched__new();
	struct uabi_work w[2];
	struct uabi_diag d;

	assert_non_null(t);
	uabi_diag__clear(&d);
	assert_int_equal(uabi_profiles__builtin(&set, &d), 0);
	assert_non_null(p = uabi_profiles__find(&set, pname));
	assert_int_equal(uabi_work__init_paths(&w[0], &o, p, &d), 0);
	assert_int_equal(uabi_work__init_paths(&w[1], &nw, p, &d), 0);
	assert_string_equal(w[0].cc_include, "");
	assert_int_equal(uabi_touched__select(t, &w[0], &w[1], (char *const *)cand, n, sel, &d), 0);
	uabi_work__fini(&w[0]);
	uabi_work__fini(&w[1]);
	uabi_profiles__free(&set);
	uabi_touched__free(t);
}

static const char *const cand[] = {
	"linux/base.h",		/* 0 changed */
	"linux/mid.h",		/* 1 "base.h" beside it */
	"linux/top.h",		/* 2 through mid.h */
	"linux/cyc1.h",		/* 3 through the cycle */
	"linux/dropped.h",	/* 4 changed itself, and the old side included base.h */
	"linux/quiet.h",	/* 5 nothing changed below it */
	"linux/said.h",		/* 6 a commented-out include counts */
	"linux/usesxa.h",	/* 7 asm/xa.h: x86's changed, arm64's not */
	"linux/usepoll.h",	/* 8 asm/poll.h: a wrapper of the changed asm-generic/poll.h */
	"asm/poll.h",		/* 9 the wrapper itself */
	"linux/added.h",	/* 10 new */
	"linux/gone.h",		/* 11 removed */
	"linux/nowhere.h",	/* 12 on neither side */
};
#define NCAND (sizeof(cand) / sizeof(cand[0]))

static void test_select_x86(void **state)
{
	static const bool want[NCAND] = {
		true, true, true, true, true, false, true, true, true, true, true, true, false,
	};
	bool sel[NCAND];

	(void)state;
	select_on("x86_64", cand, NCAND, sel);
	for (uint32_t i = 0; i < NCAND; i++)
		if (sel[i] != want[i])
			fail_msg("x86_64: %s: reached %d, want %d", cand[i], sel[i], want[i]);
}

/* arm64: its own asm/xa.h did not change */
static void test_select_arm64(void **state)
{
	static const bool want[NCAND] = {
		true, true, true, true, true, false, true, false, true, true, true, true, false,
	};
	bool sel[NCAND];

	(void)state;
	select_on("aarch64", cand, NCAND, sel);
	for (uint32_t i = 0; i < NCAND; i++)
		if (sel[i] != want[i])
			fail_msg("aarch64: %s: reached %d, want %d", cand[i], sel[i], want[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_changed),
		cmocka_unit_test(test_select_x86),
		cmocka_unit_test(test_select_arm64),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
