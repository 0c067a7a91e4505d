// SPDX-License-Identifier: MIT
/*
 * Unit tests of the C library a profile compiles against
 * (extractor/input.c: uabi_input__libc_triplets, uabi_input__libc_dirs):
 * Debian's names of each built-in profile's target and of targets spelled
 * otherwise, and the directories --sysroot DIR gives in each of its
 * layouts. Debian's installed packages (the default) are machine state:
 * tests/cli/sysroot.sh covers them where installed.
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
#include "extractor/input.h"

static void triplets_of(const struct uabi_profile *p, const char *want_multi, const char *want_gnu)
{
	char multi[256], gnu[256];
	bool native;

	assert_true(uabi_input__libc_triplets(p, multi, gnu, sizeof(multi), &native));
	assert_string_equal(multi, want_multi);
	assert_string_equal(gnu, want_gnu);
}

static void test_builtin_triplets(void **state)
{
	static const char *const want[][3] = {
		{ "x86_64", "x86_64-linux-gnu", "x86_64-linux-gnu" },
		{ "i386", "i386-linux-gnu", "i686-linux-gnu" },
		{ "x32", "x86_64-linux-gnux32", "x86_64-linux-gnux32" },
		{ "aarch64", "aarch64-linux-gnu", "aarch64-linux-gnu" },
		/* the AArch32 view of arm64 headers: armv7a's hard-float libc */
		{ "arm", "arm-linux-gnueabihf", "arm-linux-gnueabihf" },
		{ "riscv64", "riscv64-linux-gnu", "riscv64-linux-gnu" },
		{ "riscv32", "riscv32-linux-gnu", "riscv32-linux-gnu" },
		{ "ppc64", "powerpc64-linux-gnu", "powerpc64-linux-gnu" },
		{ "ppc64le", "powerpc64le-linux-gnu", "powerpc64le-linux-gnu" },
		{ "ppc32", "powerpc-linux-gnu", "powerpc-linux-gnu" },
		{ "s390x", "s390x-linux-gnu", "s390x-linux-gnu" },
		/* s390x-linux-gnu-gcc -m31: the bi-arch s390x libc */
		{ "s390", "s390x-linux-gnu", "s390x-linux-gnu" },
		{ "mips64", "mips64-linux-gnuabi64", "mips64-linux-gnuabi64" },
		{ "mipso32", "mips-linux-gnu", "mips-linux-gnu" },
		{ "mipsn32", "mips64-linux-gnuabin32", "mips64-linux-gnuabi64" },
	};
	struct uabi_profile_set set;
	struct uabi_diag d;

	(void)state;
	uabi_diag__clear(&d);
	assert_int_equal(uabi_profiles__builtin(&set, &d), 0);
	assert_int_equal(set.n, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct uabi_profile *p = uabi_profiles__find(&set, want[i][0]);

		assert_non_null(p);
		triplets_of(p, want[i][1], want[i][2]);
	}
	uabi_profiles__free(&set);
}

static void test_spelled_triplets(void **state)
{
	struct uabi_profile p = { .name = "t" };
	char multi[256], gnu[256];
	bool native;

	(void)state;
	/* a vendor field is dropped, -target takes its value apart */
	p.cc[0] = "clang", p.cc[1] = "-target", p.cc[2] = "i686-pc-linux-gnu", p.cc[3] = NULL;
	triplets_of(&p, "i386-linux-gnu", "i686-linux-gnu");
	p.cc[0] = "/opt/bin/clang", p.cc[1] = "--target=armv7-unknown-linux-gnueabihf", p.cc[2] = NULL;
	triplets_of(&p, "arm-linux-gnueabihf", "arm-linux-gnueabihf");
	/* a cross gcc by its prefix, -m32 on x86_64 is i386, -mx32 x32 */
	p.cc[0] = "/usr/bin/powerpc64le-linux-gnu-gcc-12", p.cc[1] = NULL;
	triplets_of(&p, "powerpc64le-linux-gnu", "powerpc64le-linux-gnu");
	p.cc[0] = "x86_64-linux-gnu-gcc", p.cc[1] = "-m32", p.cc[2] = NULL;
	triplets_of(&p, "i386-linux-gnu", "i686-linux-gnu");
	p.cc[0] = "x86_64-linux-gnu-gcc", p.cc[1] = "-mx32", p.cc[2] = NULL;
	triplets_of(&p, "x86_64-linux-gnux32", "x86_64-linux-gnux32");
	/* --target wins over the name */
	p.cc[0] = "s390x-linux-gnu-gcc", p.cc[1] = "--target=aarch64-linux-gnu", p.cc[2] = NULL;
	triplets_of(&p, "aarch64-linux-gnu", "aarch64-linux-gnu");
	/* no Linux: no C library of Debian's */
	p.cc[0] = "clang", p.cc[1] = "--target=arm-none-eabi", p.cc[2] = NULL;
	assert_false(uabi_input__libc_triplets(&p, multi, gnu, sizeof(multi), &native));
	assert_string_equal(multi, "");
	assert_string_equal(gnu, "");
	p.cc[0] = "clang", p.cc[1] = "--target=x86_64-unknown-freebsd13", p.cc[2] = NULL;
	assert_false(uabi_input__libc_triplets(&p, multi, gnu, sizeof(multi), &native));
#if defined(__x86_64__) && !defined(__ILP32__)
	/* the machine's own: named, or no target at all */
	p.cc[0] = "clang", p.cc[1] = "--target=x86_64-linux-gnu", p.cc[2] = NULL;
	assert_true(uabi_input__libc_triplets(&p, multi, gnu, sizeof(multi), &native));
	assert_true(native);
	p.cc[0] = "gcc", p.cc[1] = NULL;
	assert_true(uabi_input__libc_triplets(&p, multi, gnu, sizeof(multi), &native));
	assert_true(native);
	assert_string_equal(multi, "x86_64-linux-gnu");
	p.cc[0] = "clang", p.cc[1] = "--target=i386-linux-gnu", p.cc[2] = NULL;
	assert_true(uabi_input__libc_triplets(&p, multi, gnu, sizeof(multi), &native));
	assert_false(native);
#endif
}

static void mkdirs(const char *top, const char *rel)
{
	char path[PATH_MAX];
	struct uabi_diag d;

	snprintf(path, sizeof(path), "%s/%s", top, rel);
	uabi_diag__clear(&d);
	assert_int_equal(uabi_file__mkdirs(path, &d), 0);
}

/* dirs[0..n) as "A B" relative to top (realpath'd) */
static void dirs_are(const char *top, char dirs[UABI_MAX_LIBC_DIRS][PATH_MAX], uint32_t n,
		     const char *want)
{
	char real[PATH_MAX], got[2 * PATH_MAX] = "";
	size_t rl, pos = 0;

	assert_non_null(realpath(top, real));
	rl = strlen(real);
	for (uint32_t i = 0; i < n; i++) {
		assert_memory_equal(dirs[i], real, rl);
		pos += (size_t)snprintf(got + pos, sizeof(got) - pos, "%s%s", i ? " " : "",
					dirs[i][rl] ? dirs[i] + rl + 1 : ".");
	}
	assert_string_equal(got, want);
}

static void test_sysroot_layouts(void **state)
{
	char top[] = "/tmp/uabi-test-libc.XXXXXX", dir[PATH_MAX + 16], want[2 * PATH_MAX];
	char dirs[UABI_MAX_LIBC_DIRS][PATH_MAX];
	struct uabi_input_spec spec = { .kind = UABI_INPUT_KERNEL_TREE };
	struct uabi_profile_set set;
	const struct uabi_profile *x86_64, *i386, *s390;
	struct uabi_diag d;
	uint32_t n = 99;

	(void)state;
	assert_non_null(mkdtemp(top));
	uabi_diag__clear(&d);
	assert_int_equal(uabi_profiles__builtin(&set, &d), 0);
	x86_64 = uabi_profiles__find(&set, "x86_64");
	i386 = uabi_profiles__find(&set, "i386");
	s390 = uabi_profiles__find(&set, "s390");

	/* DIR/usr/include, its <multiarch> directory first where there is one */
	mkdirs(top, "a/usr/include/i386-linux-gnu/sys");
	mkdirs(top, "a/include");	/* not looked at: usr/include comes first */
	snprintf(dir, sizeof(dir), "%s/a", top);
	spec.sysroot = dir;
	assert_int_equal(uabi_input__libc_dirs(&spec, i386, dirs, &n, &d), 0);
	dirs_are(top, dirs, n, "a/usr/include/i386-linux-gnu a/usr/include");
	assert_int_equal(uabi_input__libc_dirs(&spec, x86_64, dirs, &n, &d), 0);
	dirs_are(top, dirs, n, "a/usr/include");
	/* no sys/types.h needed: the user named it */
	/* Debian's cross layout: DIR/include */
	mkdirs(top, "b/include/s390x-linux-gnu");
	snprintf(dir, sizeof(dir), "%s/b", top);
	assert_int_equal(uabi_input__libc_dirs(&spec, s390, dirs, &n, &d), 0);
	dirs_are(top, dirs, n, "b/include/s390x-linux-gnu b/include");
	/* an include directory itself, through a "..": realpaths */
	mkdirs(top, "c/sys");
	snprintf(dir, sizeof(dir), "%s/b/../c", top);
	assert_int_equal(uabi_input__libc_dirs(&spec, x86_64, dirs, &n, &d), 0);
	dirs_are(top, dirs, n, "c");
	/* --no-sysroot: none, whatever is installed */
	spec.sysroot = NULL;
	spec.no_sysroot = true;
	n = 99;
	assert_int_equal(uabi_input__libc_dirs(&spec, x86_64, dirs, &n, &d), 0);
	assert_int_equal(n, 0);
	/* not a directory: an input error naming it */
	spec.no_sysroot = false;
	snprintf(dir, sizeof(dir), "%s/nope", top);
	spec.sysroot = dir;
	assert_int_equal(uabi_input__libc_dirs(&spec, x86_64, dirs, &n, &d), -ENOENT);
	assert_int_equal(n, 0);
	assert_int_equal(d.cls, UABI_E_INPUT);
	snprintf(want, sizeof(want), "--sysroot %s: No such file or directory", dir);
	assert_string_equal(d.msg, want);
	uabi_diag__clear(&d);
	assert_int_equal(uabi_input__check(&spec, &d), -ENOENT);

	uabi_profiles__free(&set);
	uabi_file__rmtree(top);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_triplets),
		cmocka_unit_test(test_spelled_triplets),
		cmocka_unit_test(test_sysroot_layouts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
