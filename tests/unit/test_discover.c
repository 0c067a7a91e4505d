// SPDX-License-Identifier: MIT
/*
 * Unit tests of --all discovery (extractor/discover.c): a synthetic kernel
 * tree written to a temporary directory (direct commands, wrappers across
 * files, function-like macros only, commands in comments and strings, an
 * asm-generic header reached through a generated wrapper, symlinks, a
 * shadow), and the Linux 6.1 tree named by UABI_KERNEL_TREE
 * (scripts/kernel-source.sh prints it; skipped if unset).
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
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/fileio.h"
#include "core/profile.h"
#include "extractor/discover.h"

struct tree {
	char top[PATH_MAX];	/* the temporary directory: root/ and scratch/ inside */
	char root[PATH_MAX];	/* the kernel tree */
	char outside[PATH_MAX];	/* a header outside the tree */
	char scratch[PATH_MAX];
	char gen[PATH_MAX];
	char arch_uapi[PATH_MAX], uapi[PATH_MAX];
	struct uabi_work w;
	struct uabi_input_spec spec;
};

static void put(const char *dir, const char *rel, const char *text)
{
	char path[PATH_MAX], parent[PATH_MAX], *slash;
	struct uabi_diag d;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	snprintf(parent, sizeof(parent), "%s", path);
	slash = strrchr(parent, '/');
	*slash = '\0';
	uabi_diag__clear(&d);
	assert_int_equal(uabi_file__mkdirs(parent, &d), 0);
	assert_int_equal(uabi_file__write_scratch(path, text, strlen(text), &d), 0);
}

static void link_to(const char *target, const char *dir, const char *rel)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	assert_int_equal(symlink(target, path), 0);
}

/* The files of the synthetic tree, relative to its root. */
static const char *const tree_files[][2] = {
	/* a direct command */
	{ "include/uapi/linux/direct.h", "#ifndef D\n#define D\n#define DIR_A _IOW('x', 1, int)\n#endif\n" },
	/* a wrapper: function-like only here, so a.h itself is not listed */
	{ "include/uapi/linux/a.h", "#define FOO_IOWR(nr, t)\t_IOWR('f', nr, t)\n" },
	/* ... used in another directory through a second wrapper defined in a
	 * file read after it (the fixed point does not depend on order) */
	{ "include/uapi/misc/b.h", "#define B_CMD ZED_IO(3)\n#define B_PLAIN 4\n" },
	{ "include/uapi/misc/z.h", "#define ZED_IO(nr) FOO_IOWR(nr, struct z)\n" },
	/* function-like macros only: wrappers, no command */
	{ "include/uapi/linux/fn.h",
	  "#define ONLY_FN(x) _IO('q', x)\n#define ALSO_FN(x) \\\n\t_IOR('q', x, int)\n" },
	/* _IO in comments and a string only; _IOC_NR is no _IOC */
	{ "include/uapi/linux/comment.h",
	  "/* #define C_A _IO('c', 1) */\n#define C_B 2 // _IO('c', 2)\n"
	  "// a line comment \\\n#define C_C _IO('c', 3)\n"
	  "#define C_D \"_IO('c', 4)\"\n#define C_E _IOC_NR(5)\n#define C_F _IO\n" },
	/* a continuation line and a comment that spans lines inside a directive */
	{ "include/uapi/linux/cont.h", "#define CONT \\\n\t_IOR('c', 1, \\\n\tint)\n" },
	{ "include/uapi/linux/spancmt.h", "#define SPAN /* first\n second */ _IO('s', 1)\n" },
	/* asm-generic: reached as asm/gen.h through the generated wrapper;
	 * nogen.h has none and stays unlisted */
	{ "include/uapi/asm-generic/gen.h", "#define GEN_CMD _IO('g', 1)\n" },
	{ "include/uapi/asm-generic/nogen.h", "#define NOGEN_CMD _IO('n', 1)\n" },
	{ "arch/x/include/uapi/asm/own.h", "#define OWN _IOR('o', 1, long)\n" },
	/* an arch header that includes its asm-generic twin offers its
	 * commands (s390's ioctls.h); including another generic header does not */
	{ "arch/x/include/uapi/asm/ext.h",
	  "#ifndef EXT\n#define EXT\n#define EXT_PLAIN 1\n# include  <asm-generic/ext.h> /* twin */\n#endif\n" },
	{ "include/uapi/asm-generic/ext.h", "#define EXT_CMD _IOW('e', 1, int)\n" },
	{ "arch/x/include/uapi/asm/other.h", "#include <asm-generic/ext.h>\n" },
	{ "arch/x/include/uapi/asm/plain.h", "#define PLAIN 1\n" },
	/* shadowed by uabi's own generated asm/shadow.h */
	{ "arch/x/include/uapi/asm/shadow.h", "#define SHADOWED _IO('h', 1)\n" },
	/* not a header, and a header outside every directory */
	{ "include/uapi/linux/notes.txt", "#define T _IO('t', 1)\n" },
	{ "include/uapi/top.h", "#define TOP _IO('t', 2)\n" },
};

static const char *const expect_synthetic[] = {
	"asm/ext.h", "asm/gen.h", "asm/own.h", "linux/cont.h", "linux/direct.h", "linux/spancmt.h",
	"misc/b.h",
};

static int make_tree(void **state)
{
	static struct tree t;
	const char *tmp = getenv("TMPDIR");
	struct tree *p = &t;

	memset(p, 0, sizeof(*p));
	snprintf(p->top, sizeof(p->top), "%s/uabi-discover-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(p->top))
		return -1;
	snprintf(p->root, sizeof(p->root), "%s/root", p->top);
	snprintf(p->scratch, sizeof(p->scratch), "%s/scratch", p->top);
	snprintf(p->gen, sizeof(p->gen), "%s/gen", p->scratch);
	snprintf(p->outside, sizeof(p->outside), "%s/outside.h", p->top);
	snprintf(p->arch_uapi, sizeof(p->arch_uapi), "%s/arch/x/include/uapi", p->root);
	snprintf(p->uapi, sizeof(p->uapi), "%s/include/uapi", p->root);
	*state = p;
	return 0;
}

static int remove_tree(void **state)
{
	struct tree *t = *state;

	return uabi_file__rmtree(t->top);
}

/* The work of the tree: the include path of a kernel-tree profile. */
static void fill_work(struct tree *t)
{
	struct uabi_work *w = &t->w;

	memset(w, 0, sizeof(*w));
	t->spec.kind = UABI_INPUT_KERNEL_TREE;
	t->spec.root = t->root;
	w->spec = &t->spec;
	assert_non_null(realpath(t->root, w->root_abs));
	snprintf(w->dir, sizeof(w->dir), "%s", t->scratch);
	assert_non_null(realpath(t->scratch, w->real_dir));
	snprintf(w->gen, sizeof(w->gen), "%s", t->gen);
	w->incdirs[0] = t->gen;
	w->incdirs[1] = t->arch_uapi;
	w->incdirs[2] = t->uapi;
	w->nincdirs = 3;
}

static void write_synthetic(struct tree *t)
{
	for (size_t i = 0; i < sizeof(tree_files) / sizeof(tree_files[0]); i++)
		put(t->root, tree_files[i][0], tree_files[i][1]);
	put(t->gen, "asm/gen.h", "#include <asm-generic/gen.h>\n");
	put(t->gen, "asm/shadow.h", "/* uabi's own */\n#define SHADOW 1\n");
	put(t->gen, "linux/compiler.h", "/* written by uabi */\n");
	put(t->top, "outside.h", "#define OUT_CMD _IO('o', 9)\n");
	/* symlinks: to a listed header, to a file outside the tree, to a
	 * directory; none is followed */
	link_to("direct.h", t->uapi, "linux/link.h");
	link_to(t->outside, t->uapi, "linux/evil.h");
	link_to("linux", t->uapi, "linked");
	link_to(t->outside, t->arch_uapi, "asm/evil.h");
}

static void assert_names(char **got, uint32_t n, const char *const *want, uint32_t nwant)
{
	for (uint32_t i = 0; i < n && i < nwant; i++)
		assert_string_equal(got[i], want[i]);
	assert_int_equal(n, nwant);
}

static void test_synthetic(void **state)
{
	struct tree *t = *state;
	struct uabi_diag d;
	char **names;
	uint32_t n;

	write_synthetic(t);
	fill_work(t);
	uabi_diag__clear(&d);
	assert_int_equal(uabi_discover__headers(&t->w, &names, &n, &d), 0);
	assert_names(names, n, expect_synthetic, 7);
	uabi_discover__free(names, n);
}

/* A symlink where the include path finds a name first hides the real file
 * behind it: the compiler would follow it, discovery does not list it. */
static void test_symlink_shadows(void **state)
{
	static const char *const want[] = {
		"asm/ext.h", "asm/gen.h", "linux/cont.h", "linux/direct.h", "linux/spancmt.h",
		"misc/b.h",
	};
	struct tree *t = *state;
	struct uabi_diag d;
	char **names;
	char own[PATH_MAX];
	uint32_t n;

	write_synthetic(t);
	fill_work(t);
	/* asm/own.h becomes a link to a header of the tree that defines one */
	snprintf(own, sizeof(own), "%s/asm/own.h", t->arch_uapi);
	assert_int_equal(unlink(own), 0);
	assert_int_equal(symlink("../../../../../include/uapi/linux/direct.h", own), 0);
	uabi_diag__clear(&d);
	assert_int_equal(uabi_discover__headers(&t->w, &names, &n, &d), 0);
	assert_names(names, n, want, 6);
	uabi_discover__free(names, n);
}

/* A header over the size cap is an input error naming it. */
static void test_too_big(void **state)
{
	struct tree *t = *state;
	struct uabi_diag d;
	char **names = (char **)1, path[PATH_MAX + 32], want[PATH_MAX + 64];
	size_t size = (4u << 20) + 1;
	char *big = malloc(size + 1);
	uint32_t n = 7;

	assert_non_null(big);
	memset(big, ' ', size);
	big[size] = '\0';
	put(t->root, "include/uapi/linux/big.h", big);
	free(big);
	put(t->root, "arch/x/include/uapi/asm/own.h", "#define OWN _IO('o', 1)\n");
	assert_int_equal(uabi_file__mkdirs(t->gen, &(struct uabi_diag){ 0 }), 0);
	fill_work(t);
	uabi_diag__clear(&d);
	assert_int_equal(uabi_discover__headers(&t->w, &names, &n, &d), -EFBIG);
	assert_null(names);
	assert_int_equal(n, 0);
	snprintf(path, sizeof(path), "%s/linux/big.h", t->uapi);
	snprintf(want, sizeof(want), "%s: larger than 4 MiB", path);
	assert_string_equal(d.msg, want);
	assert_int_equal(d.cls, UABI_E_INPUT);
}

/* ---- the Linux 6.1 tree ------------------------------------------------- */

static bool has(char **names, uint32_t n, const char *name)
{
	for (uint32_t i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return true;
	return false;
}

static void discover_profile(const char *tree, const char *profile, char ***names, uint32_t *n,
			     double *ms)
{
	struct uabi_profile_set set = { 0 };
	struct uabi_input_spec spec = { .kind = UABI_INPUT_KERNEL_TREE, .root = tree };
	const struct uabi_profile *p;
	struct uabi_work w;
	struct uabi_diag d;
	struct timespec t0, t1;

	uabi_diag__clear(&d);
	assert_int_equal(uabi_profiles__builtin(&set, &d), 0);
	assert_non_null(p = uabi_profiles__find(&set, profile));
	assert_int_equal(uabi_work__init(&w, &spec, p, &d), 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(uabi_discover__headers(&w, names, n, &d), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	*ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	uabi_work__fini(&w);
	uabi_profiles__free(&set);
}

static void test_name_ok(void **state)
{
	(void)state;
	assert_true(uabi_discover__name_ok("linux/kvm.h"));
	assert_true(uabi_discover__name_ok("linux/netfilter_ipv4/ipt_ECN.h"));
	assert_true(uabi_discover__name_ok("linux/a-b,c+d.h"));
	assert_false(uabi_discover__name_ok(""));
	assert_false(uabi_discover__name_ok("linux/a b.h"));
	assert_false(uabi_discover__name_ok("linux/a>.h"));
	assert_false(uabi_discover__name_ok("linux/a\".h"));
	assert_false(uabi_discover__name_ok("linux/a\tb.h"));
	assert_false(uabi_discover__name_ok("linux/a\nb.h"));
	assert_false(uabi_discover__name_ok("linux/a$b.h"));
	assert_false(uabi_discover__name_ok("linux/a\\b.h"));
	assert_false(uabi_discover__name_ok("linux/a#b.h"));
}

static void test_tree_61(void **state)
{
	const char *tree = getenv("UABI_KERNEL_TREE");
	static const char *const listed[] = {
		"linux/fs.h", "drm/drm.h", "drm/i915_drm.h", "linux/kvm.h", "asm/mce.h",
		"asm/ioctls.h", "sound/asound.h", "linux/usbdevice_fs.h",
	};
	static const char *const unlisted[] = {
		"asm-generic/ioctl.h", "asm-generic/ioctls.h", "asm/ioctl.h", "linux/ioctl.h",
		"linux/types.h", "asm/kvm.h",
	};
	char **names, **again;
	uint32_t n, nagain;
	double ms, ms2;

	(void)state;
	if (!tree || !*tree) {
		print_message("UABI_KERNEL_TREE is not set (scripts/kernel-source.sh prints it): "
			      "skipping the Linux 6.1 headers\n");
		skip();
		return;
	}
	discover_profile(tree, "x86_64", &names, &n, &ms);
	print_message("x86_64: %u headers define ioctls (%.1f ms)\n", n, ms);
	for (size_t i = 0; i < sizeof(listed) / sizeof(listed[0]); i++)
		if (!has(names, n, listed[i]))
			fail_msg("%s: not listed", listed[i]);
	for (size_t i = 0; i < sizeof(unlisted) / sizeof(unlisted[0]); i++)
		if (has(names, n, unlisted[i]))
			fail_msg("%s: listed", unlisted[i]);
	for (uint32_t i = 1; i < n; i++)
		assert_true(strcmp(names[i - 1], names[i]) < 0);
	assert_true(n >= 200);
	/* the same list again: deterministic */
	discover_profile(tree, "x86_64", &again, &nagain, &ms2);
	print_message("again: %.1f ms\n", ms2);
	assert_int_equal(nagain, n);
	for (uint32_t i = 0; i < n; i++)
		assert_string_equal(again[i], names[i]);
	uabi_discover__free(again, nagain);
	uabi_discover__free(names, n);
	/* s390's own asm/ headers, and its ioctls.h through asm-generic/ioctls.h */
	discover_profile(tree, "s390x", &names, &n, &ms);
	print_message("s390x: %u headers (%.1f ms)\n", n, ms);
	assert_true(has(names, n, "asm/dasd.h"));
	assert_true(has(names, n, "asm/ioctls.h"));
	assert_false(has(names, n, "asm/mce.h"));
	assert_true(has(names, n, "linux/fs.h"));
	uabi_discover__free(names, n);
}

/* The definitions index records each header's include guard (#ifndef G or
 * #if !defined(G), then #define G) and whether an #if other than the guard
 * surrounds an ioctl macro. */
static void test_guards(void **state)
{
	static const struct {
		const char *name, *header;
		bool macro, cond, guard;
	} want[] = {
		{ "G1_ARCH", "linux/g1.h", true, true, false },
		{ "G1_SET", "linux/g1.h", true, false, false },
		{ "G2_SET", "linux/g2.h", true, false, false },
		{ "NG_ELSE", "linux/ng.h", true, true, false },
		{ "NG_SET", "linux/ng.h", true, false, false },
		{ "_G1_H", "linux/g1.h", false, false, true },
		{ "_G2_H", "linux/g2.h", false, false, true },
	};
	struct tree *t = *state;
	struct uabi_defs defs;
	struct uabi_diag d;
	char **names, **read;
	uint32_t n, nread, k = 0;

	put(t->root, "include/uapi/linux/g1.h",
	    "/* a comment first */\n#ifndef _G1_H\n#define _G1_H\n#define G1_SET _IO('g', 1)\n"
	    "#ifdef __x86_64__\n#define G1_ARCH _IO('g', 2)\n#endif\n#endif\n");
	put(t->root, "include/uapi/linux/g2.h",
	    "#if !defined( _G2_H )\n#define _G2_H\n#define G2_SET _IO('g', 3)\n#endif\n");
	/* no guard: the first #ifndef tests another name than it defines */
	put(t->root, "include/uapi/linux/ng.h",
	    "#define NG_SET _IO('n', 1)\n#ifndef NG_X\n#define NG_Y 1\n#else\n"
	    "#define NG_ELSE _IO('n', 2)\n#endif\n");
	put(t->gen, "linux/compiler.h", "/* written by uabi */\n");
	fill_work(t);
	uabi_diag__clear(&d);
	assert_int_equal(uabi_discover__scan(&t->w, &names, &n, &read, &nread, &defs, &d), 0);
	for (uint32_t i = 0; i < defs.n; i++) {
		if (strcmp(defs.v[i].header, "linux/g1.h") && strcmp(defs.v[i].header, "linux/g2.h") &&
		    strcmp(defs.v[i].header, "linux/ng.h"))
			continue;
		assert_true(k < sizeof(want) / sizeof(want[0]));
		assert_string_equal(defs.v[i].name, want[k].name);
		assert_string_equal(defs.v[i].header, want[k].header);
		assert_int_equal(defs.v[i].macro, want[k].macro);
		assert_int_equal(defs.v[i].cond, want[k].cond);
		assert_int_equal(defs.v[i].guard, want[k].guard);
		k++;
	}
	assert_int_equal(k, sizeof(want) / sizeof(want[0]));
	uabi_defs__free(&defs);
	uabi_discover__free(names, n);
	uabi_discover__free(read, nread);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_synthetic, make_tree, remove_tree),
		cmocka_unit_test_setup_teardown(test_symlink_shadows, make_tree, remove_tree),
		cmocka_unit_test_setup_teardown(test_too_big, make_tree, remove_tree),
		cmocka_unit_test_setup_teardown(test_guards, make_tree, remove_tree),
		cmocka_unit_test(test_name_ok),
		cmocka_unit_test(test_tree_61),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
