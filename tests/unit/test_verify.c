// SPDX-License-Identifier: MIT
/*
 * extractor/verify.c: the exact _Static_assert text for an in-memory
 * layout, then end to end: the asserts compile against the header they
 * describe (clang --target=x86_64-linux-gnu / i386-linux-gnu -fsyntax-only)
 * and each single wrong number makes the compile fail, naming the number.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "builder.h"

#include "core/fileio.h"
#include "core/model.h"
#include "core/profile.h"
#include "extractor/extract.h"
#include "extractor/spawn.h"
#include "extractor/verify.h"


static char tmpdir[PATH_MAX];

static int setup(void **state)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/uabi-test-verify-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	return uabi_file__rmtree(tmpdir);
}

/* ------------------------------------------------------------------ */
/* the layout of demo.h as clang -target x86_64 lays it out             */
/* ------------------------------------------------------------------ */

static const char demo_h[] =
	"typedef unsigned short __u16;\n"
	"typedef unsigned int __u32;\n"
	"typedef unsigned long long __u64;\n"
	"struct demo {\n"
	"\t__u32 kind;\n"
	"\tunion {\n"
	"\t\t__u64 a;\n"
	"\t\tstruct { __u32 lo, hi; } s;\n"
	"\t};\n"
	"\tstruct { __u16 x; __u16 y; } pts[2];\n"
	"\tunsigned int flag:1;\n"
	"\t__u32 data[];\n"
	"};\n"
	"typedef struct { __u32 v; } demo_t;\n"
	"enum demo_e { DEMO_A = 1, DEMO_B = 0xc008aeba };\n"
	"enum { DEMO_NEG = -1 };\n"
	"enum demo_big { DEMO_BIG = 0xffffffffffffffffULL };\n"
	"enum demo_min { DEMO_MIN = -9223372036854775807LL - 1 };\n"
	"#define _IOC(dir, type, nr, size) (((dir) << 30) | ((size) << 16) | ((type) << 8) | (nr))\n"
	"#define _IOR(type, nr, argtype) _IOC(2U, (type), (nr), sizeof(argtype))\n"
	"#define _IOC_SIZE(nr) (((nr) >> 16) & 0x3fffU)\n"
	"#define DEMO_GET _IOR(0xAE, 0x10, struct demo)\n";

enum {
	T_USHORT, T_U16, T_UINT, T_U32, T_ULL, T_U64, T_S, T_U, T_PT, T_PTS, T_DEMO, T_FLEX,
	T_ANON_T, T_DEMO_T, T_ENUM_E, T_INT, T_ENUM_NEG, T_ULONG, T_ENUM_BIG, T_LONG,
	T_ENUM_MIN, T_UABI, T_DECL, T_DECL_T, T__N
};

static void mem(struct uabi_member *m, const char *name, uint32_t type, uint64_t bit_offset,
		uint32_t bit_size)
{
	set_member(m, name, type, bit_offset, bit_size);
}

static void enumerators(struct uabi_layout *l, uint32_t id, const char *name, int64_t value,
			bool is_unsigned)
{
	struct uabi_type *t = uabi_layout__type(l, id);

	t->enumerators = uabi_arena__alloc(&l->arena, 2 * sizeof(*t->enumerators));
	assert_non_null(t->enumerators);
	t->enumerators[0] = (struct uabi_enumerator){ name, value, is_unsigned };
	t->nenumerators = 1;
}

static struct uabi_layout *demo_layout(void)
{
	struct uabi_layout *l = uabi_layout__new();
	struct uabi_member *m;
	struct uabi_type *t;
	struct uabi_diag d;

	assert_non_null(l);
	l->profile.name = "x86_64";
	l->profile.pointer_size = 8;
	l->profile.long_size = 8;
	add(l, UABI_KIND_BASE, "unsigned short", 2, 2, UABI_NO_TYPE);
	add(l, UABI_KIND_TYPEDEF, "__u16", 2, 0, T_USHORT);
	add(l, UABI_KIND_BASE, "unsigned int", 4, 4, UABI_NO_TYPE);
	add(l, UABI_KIND_TYPEDEF, "__u32", 4, 0, T_UINT);
	add(l, UABI_KIND_BASE, "unsigned long long", 8, 8, UABI_NO_TYPE);
	add(l, UABI_KIND_TYPEDEF, "__u64", 8, 0, T_ULL);
	add(l, UABI_KIND_STRUCT, NULL, 8, 0, UABI_NO_TYPE);
	m = members(l, T_S, 2);
	mem(&m[0], "lo", T_U32, 0, 0);
	mem(&m[1], "hi", T_U32, 32, 0);
	add(l, UABI_KIND_UNION, NULL, 8, 0, UABI_NO_TYPE);
	m = members(l, T_U, 2);
	mem(&m[0], "a", T_U64, 0, 0);
	mem(&m[1], "s", T_S, 0, 0);
	add(l, UABI_KIND_STRUCT, NULL, 4, 0, UABI_NO_TYPE);
	m = members(l, T_PT, 2);
	mem(&m[0], "x", T_U16, 0, 0);
	mem(&m[1], "y", T_U16, 16, 0);
	add(l, UABI_KIND_ARRAY, NULL, 8, 0, T_PT);
	l->types[T_PTS].count = 2;
	add(l, UABI_KIND_STRUCT, "demo", 32, 0, UABI_NO_TYPE);
	m = members(l, T_DEMO, 5);
	mem(&m[0], "kind", T_U32, 0, 0);
	mem(&m[1], NULL, T_U, 64, 0);
	mem(&m[2], "pts", T_PTS, 128, 0);
	mem(&m[3], "flag", T_UINT, 192, 1);
	mem(&m[4], "data", T_FLEX, 224, 0);
	add(l, UABI_KIND_ARRAY, NULL, 0, 0, T_U32);
	l->types[T_FLEX].flexible = true;
	add(l, UABI_KIND_STRUCT, NULL, 4, 0, UABI_NO_TYPE);
	m = members(l, T_ANON_T, 1);
	mem(&m[0], "v", T_U32, 0, 0);
	add(l, UABI_KIND_TYPEDEF, "demo_t", 4, 0, T_ANON_T);
	add(l, UABI_KIND_ENUM, "demo_e", 4, 0, T_UINT);
	t = &l->types[T_ENUM_E];
	t->enumerators = uabi_arena__alloc(&l->arena, 2 * sizeof(*t->enumerators));
	t->enumerators[0] = (struct uabi_enumerator){ "DEMO_A", 1, false };
	t->enumerators[1] = (struct uabi_enumerator){ "DEMO_B", 0xc008aeba, false };
	t->nenumerators = 2;
	add(l, UABI_KIND_BASE, "int", 4, 4, UABI_NO_TYPE);
	add(l, UABI_KIND_ENUM, NULL, 4, 0, T_INT);
	enumerators(l, T_ENUM_NEG, "DEMO_NEG", -1, false);
	add(l, UABI_KIND_BASE, "unsigned long", 8, 8, UABI_NO_TYPE);
	add(l, UABI_KIND_ENUM, "demo_big", 8, 0, T_ULONG);
	enumerators(l, T_ENUM_BIG, "DEMO_BIG", -1, true);
	add(l, UABI_KIND_BASE, "long", 8, 8, UABI_NO_TYPE);
	add(l, UABI_KIND_ENUM, "demo_min", 8, 0, T_LONG);
	enumerators(l, T_ENUM_MIN, "DEMO_MIN", INT64_MIN, false);
	/* what verify must leave alone: the probe's own root typedef, an
	 * incomplete struct and a typedef of it */
	add(l, UABI_KIND_TYPEDEF, "__uabi_root_demo", 32, 0, T_DEMO);
	add(l, UABI_KIND_STRUCT, "opaque", 0, 0, UABI_NO_TYPE);
	l->types[T_DECL].declaration = true;
	add(l, UABI_KIND_TYPEDEF, "opaque_t", 0, 0, T_DECL);

	l->ioctls = uabi_arena__alloc(&l->arena, 2 * sizeof(*l->ioctls));
	l->nioctls = 2;
	l->ioctls[0] = (struct uabi_ioctl){
		.name = "DEMO_GET", .macro = "_IOR", .arg_type = "struct demo", .applicable = true,
		.number = 0x8020ae10, .dir = UABI_DIR_READ, .type_field = 0xae, .nr = 0x10,
		.size = 32, .type = T_DEMO,
	};
	l->ioctls[1] = (struct uabi_ioctl){
		.name = "DEMO_S390_ONLY", .macro = "_IOR", .arg_type = "struct s390_thing",
		.applicable = false, .reason = "unknown type", .type = UABI_NO_TYPE,
	};
	uabi_diag__clear(&d);
	assert_int_equal(uabi_layout__finish(l, &d), 0);
	return l;
}

static const char demo_checks[] =
	"_Static_assert(sizeof(void *) == 8, \"uabi: pointer size 8\");\n"
	"_Static_assert(sizeof(long) == 8, \"uabi: long size 8\");\n"
	"_Static_assert(sizeof(__u16) == 2, \"uabi: typedef __u16: size 2\");\n"
	"_Static_assert(_Alignof(__u16) == 2, \"uabi: typedef __u16: align 2\");\n"
	"_Static_assert(sizeof(__u32) == 4, \"uabi: typedef __u32: size 4\");\n"
	"_Static_assert(_Alignof(__u32) == 4, \"uabi: typedef __u32: align 4\");\n"
	"_Static_assert(sizeof(__u64) == 8, \"uabi: typedef __u64: size 8\");\n"
	"_Static_assert(_Alignof(__u64) == 8, \"uabi: typedef __u64: align 8\");\n"
	"_Static_assert(sizeof(struct demo) == 32, \"uabi: struct demo: size 32\");\n"
	"_Static_assert(_Alignof(struct demo) == 8, \"uabi: struct demo: align 8\");\n"
	"_Static_assert(__builtin_offsetof(struct demo, kind) == 0, \"uabi: struct demo: member kind offset 0\");\n"
	"_Static_assert(sizeof(((struct demo *)0)->kind) == 4, \"uabi: struct demo: member kind size 4\");\n"
	"_Static_assert(__builtin_offsetof(struct demo, a) == 8, \"uabi: struct demo: member a offset 8\");\n"
	"_Static_assert(sizeof(((struct demo *)0)->a) == 8, \"uabi: struct demo: member a size 8\");\n"
	"_Static_assert(__builtin_offsetof(struct demo, s) == 8, \"uabi: struct demo: member s offset 8\");\n"
	"_Static_assert(sizeof(((struct demo *)0)->s) == 8, \"uabi: struct demo: member s size 8\");\n"
	"_Static_assert(__builtin_offsetof(struct demo, s.lo) == 8, \"uabi: struct demo: member s.lo offset 8\");\n"
	"_Static_assert(sizeof(((struct demo *)0)->s.lo) == 4, \"uabi: struct demo: member s.lo size 4\");\n"
	"_Static_assert(__builtin_offsetof(struct demo, s.hi) == 12, \"uabi: struct demo: member s.hi offset 12\");\n"
	"_Static_assert(sizeof(((struct demo *)0)->s.hi) == 4, \"uabi: struct demo: member s.hi size 4\");\n"
	"_Static_assert(__builtin_offsetof(struct demo, pts) == 16, \"uabi: struct demo: member pts offset 16\");\n"
	"_Static_assert(sizeof(((struct demo *)0)->pts) == 8, \"uabi: struct demo: member pts size 8\");\n"
	"_Static_assert(__builtin_offsetof(struct demo, pts[0].x) == 16, \"uabi: struct demo: member pts[0].x offset 16\");\n"
	"_Static_assert(sizeof(((struct demo *)0)->pts[0].x) == 2, \"uabi: struct demo: member pts[0].x size 2\");\n"
	"_Static_assert(__builtin_offsetof(struct demo, pts[0].y) == 18, \"uabi: struct demo: member pts[0].y offset 18\");\n"
	"_Static_assert(sizeof(((struct demo *)0)->pts[0].y) == 2, \"uabi: struct demo: member pts[0].y size 2\");\n"
	"_Static_assert(__builtin_offsetof(struct demo, data) == 28, \"uabi: struct demo: member data offset 28\");\n"
	"_Static_assert(sizeof(demo_t) == 4, \"uabi: typedef demo_t: size 4\");\n"
	"_Static_assert(_Alignof(demo_t) == 4, \"uabi: typedef demo_t: align 4\");\n"
	"_Static_assert(__builtin_offsetof(demo_t, v) == 0, \"uabi: demo_t: member v offset 0\");\n"
	"_Static_assert(sizeof(((demo_t *)0)->v) == 4, \"uabi: demo_t: member v size 4\");\n"
	"_Static_assert(sizeof(enum demo_e) == 4, \"uabi: enum demo_e: size 4\");\n"
	"_Static_assert((DEMO_A) == 1LL, \"uabi: enumerator DEMO_A: value 1\");\n"
	"_Static_assert((DEMO_B) == 3221794490LL, \"uabi: enumerator DEMO_B: value 3221794490\");\n"
	"_Static_assert((DEMO_NEG) == -1LL, \"uabi: enumerator DEMO_NEG: value -1\");\n"
	"_Static_assert(sizeof(enum demo_big) == 8, \"uabi: enum demo_big: size 8\");\n"
	"_Static_assert((DEMO_BIG) == 18446744073709551615ULL, \"uabi: enumerator DEMO_BIG: value 18446744073709551615\");\n"
	"_Static_assert(sizeof(enum demo_min) == 8, \"uabi: enum demo_min: size 8\");\n"
	"_Static_assert((DEMO_MIN) == (-9223372036854775807LL - 1), \"uabi: enumerator DEMO_MIN: value -9223372036854775808\");\n"
	"_Static_assert((unsigned long long)(DEMO_GET) == 0x8020ae10ULL, \"uabi: ioctl DEMO_GET: number 0x8020ae10\");\n"
	"_Static_assert((unsigned long long)_IOC_SIZE(DEMO_GET) == 32ULL, \"uabi: ioctl DEMO_GET: size 32\");\n";

static void test_exact_text(void **state)
{
	struct uabi_layout *l = demo_layout();
	struct uabi_verify_stats st;
	struct uabi_diag d;
	size_t n = 0;
	char *s;

	uabi_diag__clear(&d);
	assert_int_equal(uabi_verify__source(l, &s, &n, &d), 0);
	assert_string_equal(s, demo_checks);
	assert_int_equal(n, 41);
	free(s);
	assert_int_equal(uabi_verify__source_stats(l, &s, &st, &d), 0);
	assert_int_equal(st.checks, 41);
	assert_int_equal(st.bitfields, 1);	/* flag */
	assert_int_equal(st.flexible, 1);	/* data */
	free(s);
	uabi_layout__free(l);
}

static void test_empty_layout(void **state)
{
	struct uabi_layout *l = uabi_layout__new();
	size_t n = 99;
	char *s;

	assert_int_equal(uabi_verify__source(l, &s, &n, NULL), 0);
	assert_string_equal(s, "");
	assert_int_equal(n, 0);
	free(s);
	uabi_layout__free(l);
}

/* A name is pasted into C and into a string literal: only identifiers. */
static void test_bad_names(void **state)
{
	struct uabi_layout *l = demo_layout();
	struct uabi_diag d;
	char *s = (char *)1;
	size_t n = 7;

	l->types[T_PT].members[1].name = "y\"); system(\"x";
	uabi_diag__clear(&d);
	assert_int_equal(uabi_verify__source(l, &s, &n, &d), -EINVAL);
	assert_null(s);
	assert_int_equal(n, 0);
	assert_string_equal(d.msg, "struct demo: member name 'y\"); system(\"x' is not a C identifier");
	l->types[T_PT].members[1].name = "y";

	l->types[T_ENUM_E].enumerators[1].name = "9B";
	assert_int_equal(uabi_verify__source(l, &s, &n, &d), -EINVAL);
	assert_string_equal(d.msg, "enum demo_e: enumerator '9B' is not a C identifier");
	l->types[T_ENUM_E].enumerators[1].name = "DEMO_B";

	l->ioctls[0].name = "DEMO GET";
	assert_int_equal(uabi_verify__source(l, &s, &n, &d), -EINVAL);
	assert_string_equal(d.msg, "ioctl 'DEMO GET': name is not a C identifier");
	uabi_layout__free(l);
}

/* ------------------------------------------------------------------ */
/* end to end with clang                                                */
/* ------------------------------------------------------------------ */

static void put_file(const char *name, const char *text)
{
	char path[PATH_MAX + 64];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* clang -fsyntax-only on checks appended to #include "demo.h"; returns
 * the exit status, compiler output in *out (malloc'd). */
static int compile(const char *target, const char *header, const char *checks, char **out)
{
	char src[PATH_MAX + 64], errf[PATH_MAX + 64], inc[PATH_MAX + 8], tgt[64];
	char *text;
	char *const argv[] = {
		"clang", tgt, "-std=gnu17", "-nostdinc", "-fsyntax-only", "-ferror-limit=0", inc,
		src, NULL,
	};
	struct uabi_run run;
	struct uabi_diag d;

	put_file("demo.h", header);
	text = malloc(strlen(checks) + 32);
	assert_non_null(text);
	sprintf(text, "#include \"demo.h\"\n%s", checks);
	put_file("verify.c", text);
	free(text);
	snprintf(src, sizeof(src), "%s/verify.c", tmpdir);
	snprintf(errf, sizeof(errf), "%s/verify.err", tmpdir);
	snprintf(inc, sizeof(inc), "-I%s", tmpdir);
	snprintf(tgt, sizeof(tgt), "--target=%s", target);

	uabi_diag__clear(&d);
	assert_int_equal(uabi_spawn__run(argv, errf, &run, &d), 0);
	*out = run.err;	/* the caller frees it */
	return run.status;
}

static char *checks_of(const struct uabi_layout *l)
{
	struct uabi_diag d;
	char *s;

	uabi_diag__clear(&d);
	if (uabi_verify__source(l, &s, NULL, &d))
		fail_msg("%s", d.msg);
	return s;
}

/* Change the i-th number of the demo layout; returns the message of the
 * assert that must then fail. */
#define NWRONG 9
static const char *make_wrong(struct uabi_layout *l, int i)
{
	switch (i) {
	case 0:
		l->types[T_PT].members[1].bit_offset = 24;
		return "uabi: struct demo: member pts[0].y offset 19";
	case 1:
		l->types[T_DEMO].size = 40;
		return "uabi: struct demo: size 40";
	case 2:
		l->types[T_S].members[1].type = T_U64;
		return "uabi: struct demo: member s.hi size 8";
	case 3:
		l->types[T_U64].align = 4;
		return "uabi: typedef __u64: align 4";
	case 4:
		l->types[T_ENUM_E].enumerators[1].value = (int32_t)0xc008aeba;
		return "uabi: enumerator DEMO_B: value -1073172806";
	case 5:
		l->types[T_ENUM_MIN].enumerators[0].value = INT64_MIN + 1;
		return "uabi: enumerator DEMO_MIN: value -9223372036854775807";
	case 6:
		l->ioctls[0].number = 0x8028ae10;
		return "uabi: ioctl DEMO_GET: number 0x8028ae10";
	case 7:
		l->ioctls[0].size = 40;
		return "uabi: ioctl DEMO_GET: size 40";
	default:
		l->profile.long_size = 4;
		return "uabi: long size 4";
	}
}

/* The layout compiles as is; each single wrong number fails, and the
 * compiler's message names it. */
static void test_clang_x86_64(void **state)
{
	struct uabi_layout *l;
	char *checks, *out;

	if (!uabi_which("clang"))
		skip();
	l = demo_layout();
	checks = checks_of(l);
	if (compile("x86_64-linux-gnu", demo_h, checks, &out))
		fail_msg("correct checks do not compile:\n%s", out);
	assert_string_equal(out, "");
	free(out);
	free(checks);
	uabi_layout__free(l);

	for (int i = 0; i < NWRONG; i++) {
		const char *what;

		l = demo_layout();
		what = make_wrong(l, i);
		checks = checks_of(l);
		if (!compile("x86_64-linux-gnu", demo_h, checks, &out))
			fail_msg("wrong number compiles: %s", what);
		if (!strstr(out, what))
			fail_msg("compiler output does not name '%s':\n%s", what, out);
		/* exactly one assert failed */
		assert_non_null(strstr(out, "1 error generated"));
		free(out);
		free(checks);
		uabi_layout__free(l);
	}
}
/* i386: a __u64 after a __u32 sits at 4, the struct is 12 bytes, 4-aligned.
 * The same checks fail on x86_64, where it sits at 8. */
static const char pair_h[] =
	"typedef unsigned int __u32;\n"
	"typedef unsigned long long __u64;\n"
	"struct pair { __u32 a; __u64 b; };\n";

static struct uabi_layout *pair_layout_i386(void)
{
	struct uabi_layout *l = uabi_layout__new();
	struct uabi_member *m;
	struct uabi_diag d;

	assert_non_null(l);
	l->profile.name = "i386";
	l->profile.pointer_size = 4;
	l->profile.long_size = 4;
	add(l, UABI_KIND_BASE, "unsigned int", 4, 4, UABI_NO_TYPE);
	add(l, UABI_KIND_TYPEDEF, "__u32", 4, 0, 0);
	add(l, UABI_KIND_BASE, "unsigned long long", 8, 4, UABI_NO_TYPE);
	add(l, UABI_KIND_TYPEDEF, "__u64", 8, 0, 2);
	add(l, UABI_KIND_STRUCT, "pair", 12, 0, UABI_NO_TYPE);
	m = members(l, 4, 2);
	mem(&m[0], "a", 1, 0, 0);
	mem(&m[1], "b", 3, 32, 0);
	uabi_diag__clear(&d);
	assert_int_equal(uabi_layout__finish(l, &d), 0);
	return l;
}

static void test_clang_i386(void **state)
{
	struct uabi_layout *l;
	char *checks, *out;
	size_t n;
	struct uabi_diag d;

	if (!uabi_which("clang"))
		skip();
	l = pair_layout_i386();
	uabi_diag__clear(&d);
	assert_int_equal(uabi_verify__source(l, &checks, &n, &d), 0);
	assert_non_null(strstr(checks, "_Static_assert(__builtin_offsetof(struct pair, b) == 4, "
				       "\"uabi: struct pair: member b offset 4\");\n"));
	assert_non_null(strstr(checks, "_Static_assert(_Alignof(__u64) == 4, "));
	assert_int_equal(n, 12);
	if (compile("i386-linux-gnu", pair_h, checks, &out))
		fail_msg("i386 checks do not compile for i386:\n%s", out);
	free(out);

	/* the other ABI disagrees with every ABI-specific number */
	assert_int_not_equal(compile("x86_64-linux-gnu", pair_h, checks, &out), 0);
	assert_non_null(strstr(out, "uabi: pointer size 4"));
	assert_non_null(strstr(out, "uabi: long size 4"));
	assert_non_null(strstr(out, "uabi: typedef __u64: align 4"));
	assert_non_null(strstr(out, "uabi: struct pair: size 12"));
	assert_non_null(strstr(out, "uabi: struct pair: align 4"));
	assert_non_null(strstr(out, "uabi: struct pair: member b offset 4"));
	assert_non_null(strstr(out, "6 errors generated"));
	free(out);
	free(checks);
	uabi_layout__free(l);
}

/* The asm/ twin whose ioctls go with a header's (extract and verify). */
static void test_asm_twin(void **state)
{
	char buf[32];

	(void)state;
	assert_true(uabi_extract__asm_twin("linux/kvm.h", buf, sizeof(buf)));
	assert_string_equal(buf, "asm/kvm.h");
	assert_true(uabi_extract__asm_twin("drm/i915_drm.h", buf, sizeof(buf)));
	assert_string_equal(buf, "asm/i915_drm.h");
	assert_false(uabi_extract__asm_twin("asm/kvm.h", buf, sizeof(buf)));
	assert_false(uabi_extract__asm_twin("kvm.h", buf, sizeof(buf)));
	assert_false(uabi_extract__asm_twin("linux/a-name-too-long-for-the-buffer.h", buf, 16));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exact_text),
		cmocka_unit_test(test_asm_twin),
		cmocka_unit_test(test_empty_layout),
		cmocka_unit_test(test_bad_names),
		cmocka_unit_test(test_clang_x86_64),
		cmocka_unit_test(test_clang_i386),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
