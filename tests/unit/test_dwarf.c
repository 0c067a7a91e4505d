// SPDX-License-Identifier: MIT
/*
 * DWARF reader tests: every fixture is compiled at test time by the real
 * compiler of an ABI and linked (the reader reads linked objects, see
 * DESIGN.md), then read back. Each fixture records its command: the
 * struct tc below is the compiler and linker argv, build() adds
 * "-g -c -fno-eliminate-unused-debug-types X.c -o X.o" and "-o X.so X.o".
 * The expected numbers were checked against llvm-dwarfdump.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/fileio.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/json.h"
#include "extractor/dwarf.h"

extern char **environ;

/* A compiler + linker pair, as an ABI profile would spell it. */
struct tc {
	const char *name;
	const char *cc[6];
	const char *ld[6];
};

static const struct tc clang_x86_64 = { "clang-x86_64", { "clang", "--target=x86_64-linux-gnu" },
					{ "ld.lld", "-shared" } };
static const struct tc clang_i386 = { "clang-i386", { "clang", "--target=i386-linux-gnu" },
				      { "ld.lld", "-shared" } };
static const struct tc clang_x32 = { "clang-x32", { "clang", "--target=x86_64-linux-gnux32" },
				     { "ld.lld", "-shared" } };
static const struct tc clang_arm = { "clang-arm", { "clang", "--target=armv7a-linux-gnueabihf" },
				     { "ld.lld", "-shared" } };
static const struct tc clang_mips = { "clang-mips-o32", { "clang", "--target=mips-linux-gnu" },
				      { "ld.lld", "-shared" } };
static const struct tc clang_aarch64 = { "clang-aarch64", { "clang", "--target=aarch64-linux-gnu" },
					 { "ld.lld", "-shared" } };
static const struct tc clang_ppc = { "clang-ppc32", { "clang", "--target=powerpc-linux-gnu" },
				     { "ld.lld", "-shared" } };
/* lld 14 crashes on s390 objects: binutils links them */
static const struct tc clang_s390x = { "clang-s390x", { "clang", "--target=s390x-linux-gnu" },
				       { "s390x-linux-gnu-ld", "-m", "elf64_s390", "-shared" } };
static const struct tc gcc_x86_64 = { "gcc-x86_64", { "gcc", "-m64" }, { "ld.lld", "-shared" } };
static const struct tc gcc_dwarf4 = { "gcc-dwarf4", { "gcc", "-gdwarf-4" }, { "ld.lld", "-shared" } };
static const struct tc clang_dwarf4 = { "clang-dwarf4", { "clang", "--target=x86_64-linux-gnu", "-gdwarf-4" },
					{ "ld.lld", "-shared" } };
/* DWARF2 member locations are DW_OP_plus_uconst blocks */
static const struct tc gcc_dwarf2 = { "gcc-dwarf2", { "gcc", "-gdwarf-2", "-gstrict-dwarf" },
				      { "ld.lld", "-shared" } };
static const struct tc gcc_s390x = { "gcc-s390x", { "s390x-linux-gnu-gcc" },
				     { "s390x-linux-gnu-ld", "-m", "elf64_s390", "-shared" } };
static const struct tc gcc_s390 = { "gcc-s390-31", { "s390x-linux-gnu-gcc", "-m31" },
				    { "s390x-linux-gnu-ld", "-m", "elf_s390", "-shared" } };

static char tmpdir[PATH_MAX];
static unsigned nbuilds;

static int group_setup(void **state)
{
	char t[] = "/tmp/uabi-test-dwarf-XXXXXX";

	if (!mkdtemp(t) || !realpath(t, tmpdir))
		return -1;
	return 0;
}

static int group_teardown(void **state)
{
	if (!getenv("UABI_KEEP_TMP"))
		uabi_file__rmtree(tmpdir);
	return 0;
}

static bool in_path(const char *tool)
{
	const char *p = getenv("PATH");
	char buf[PATH_MAX];

	while (p && *p) {
		size_t n = strcspn(p, ":");

		snprintf(buf, sizeof(buf), "%.*s/%s", (int)n, p, tool);
		if (!access(buf, X_OK))
			return true;
		p += n + (p[n] == ':');
	}
	return false;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* Run argv (no shell) in dir (NULL: here); output goes to tmpdir/log,
 * printed when the command fails. */
static void run(const char *const *argv, const char *dir)
{
	posix_spawn_file_actions_t fa;
	char log[PATH_MAX + 8];
	int status, ret;
	pid_t pid;

	snprintf(log, sizeof(log), "%s/log", tmpdir);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	if (dir)
		posix_spawn_file_actions_addchdir_np(&fa, dir);
	ret = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	assert_int_equal(ret, 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		char line[512];
		FILE *f = fopen(log, "r");

		print_error("command failed:");
		for (const char *const *a = argv; *a; a++)
			print_error(" %s", *a);
		print_error("\n");
		while (f && fgets(line, sizeof(line), f))
			print_error("%s", line);
		if (f)
			fclose(f);
		fail();
	}
}

/* Write src to a fresh X.c, compile with tc (extra flags, NULL
 * terminated, go after -g), link; returns the .so path (static buffer). Skips the test
 * if a tool is missing. */
static const char *build_in(const struct tc *tc, const char *src, const char *dir,
			    const char *const *extra)
{
	static char so[PATH_MAX + 64];
	char c[PATH_MAX + 64], o[PATH_MAX + 64];
	const char *argv[32];
	size_t n = 0;

	if (!in_path(tc->cc[0]) || !in_path(tc->ld[0])) {
		print_message("%s: %s or %s not installed\n", tc->name, tc->cc[0], tc->ld[0]);
		skip();
	}
	nbuilds++;
	snprintf(c, sizeof(c), "%s/%s-%u.c", dir ? dir : tmpdir, tc->name, nbuilds);
	snprintf(o, sizeof(o), "%s/%s-%u.o", tmpdir, tc->name, nbuilds);
	snprintf(so, sizeof(so), "%s/%s-%u.so", tmpdir, tc->name, nbuilds);
	write_file(c, src);

	for (const char *const *a = tc->cc; *a; a++)
		argv[n++] = *a;
	argv[n++] = "-g";
	argv[n++] = "-c";
	argv[n++] = "-fno-eliminate-unused-debug-types";
	for (const char *const *a = extra; a && *a; a++)
		argv[n++] = *a;
	/* relative to dir when compiling there: DW_AT_name is then relative
	 * and the reader must join it with DW_AT_comp_dir */
	argv[n++] = dir ? strrchr(c, '/') + 1 : c;
	argv[n++] = "-o";
	argv[n++] = o;
	argv[n] = NULL;
	run(argv, dir);

	n = 0;
	for (const char *const *a = tc->ld; *a; a++)
		argv[n++] = *a;
	argv[n++] = "-o";
	argv[n++] = so;
	argv[n++] = o;
	argv[n] = NULL;
	run(argv, NULL);
	return so;
}

static const char *build(const struct tc *tc, const char *src)
{
	return build_in(tc, src, NULL, NULL);
}

/* One read: layout + result, freed by done(). */
struct rdr {
	struct uabi_layout *l;
	struct uabi_dwarf_result res;
	struct uabi_diag d;
};

static void read_opts(struct rdr *x, const char *so, const struct uabi_dwarf_opts *o)
{
	int ret;

	memset(x, 0, sizeof(*x));
	x->l = uabi_layout__new();
	assert_non_null(x->l);
	ret = uabi_dwarf__read(so, x->l, o, &x->res, &x->d);
	if (ret)
		print_error("%s\n", x->d.msg);
	assert_int_equal(ret, 0);
}

static void read_so(struct rdr *x, const char *so)
{
	read_opts(x, so, NULL);
}

static void done(struct rdr *x)
{
	uabi_dwarf_result__free(&x->res);
	uabi_layout__free(x->l);
}

static const struct uabi_type *type(const struct rdr *x, uint32_t idx)
{
	const struct uabi_type *t = uabi_layout__type(x->l, idx);

	assert_non_null(t);
	return t;
}

/* The type a root names. */
static const struct uabi_type *root(const struct rdr *x, const char *name)
{
	const struct uabi_dwarf_root *r = uabi_dwarf_result__root(&x->res, name);

	if (!r)
		print_error("root %s missing\n", name);
	assert_non_null(r);
	return type(x, r->type);
}

static const struct uabi_member *member(const struct rdr *x, const struct uabi_type *t,
					const char *name)
{
	for (uint32_t i = 0; i < t->nmembers; i++)
		if (t->members[i].name && !strcmp(t->members[i].name, name))
			return &t->members[i];
	print_error("member %s missing\n", name);
	fail();
	return NULL;
}

/* Member's type with typedefs and qualifiers stripped. */
static const struct uabi_type *mtype(const struct rdr *x, const struct uabi_member *m)
{
	return type(x, uabi_layout__strip(x->l, m->type));
}

static const char *basename_of(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

/* ---- ABI facts ---- */

static const char u32_u64_src[] =
	"struct s { unsigned int a; unsigned long long b; };\n"
	"typedef struct s __uabi_s;\n";

static void check_u64_after_u32(const struct tc *tc, uint64_t off, uint64_t size)
{
	struct rdr x;
	const struct uabi_type *s;

	read_so(&x, build(tc, u32_u64_src));
	s = root(&x, "__uabi_s");
	assert_int_equal(s->kind, UABI_KIND_STRUCT);
	assert_string_equal(s->name, "s");
	assert_int_equal(s->size, size);
	assert_int_equal(s->nmembers, 2);
	assert_int_equal(member(&x, s, "a")->bit_offset, 0);
	assert_int_equal(member(&x, s, "b")->bit_offset, off * 8);
	assert_int_equal(mtype(&x, member(&x, s, "b"))->size, 8);
	assert_int_equal(mtype(&x, member(&x, s, "b"))->encoding, UABI_ENC_UNSIGNED);
	done(&x);
}

static void test_u64_after_u32(void **state)
{
	check_u64_after_u32(&clang_i386, 4, 12);
	check_u64_after_u32(&clang_x86_64, 8, 16);
	check_u64_after_u32(&gcc_x86_64, 8, 16);
}

static const char ptr_long_src[] =
	"struct p { char c; void *p; long l; unsigned long ul; };\n"
	"typedef struct p __uabi_p;\n";

static void check_ptr_long(const struct tc *tc, unsigned w, bool is_64, bool be, uint16_t machine)
{
	const struct uabi_type *s, *p;
	struct rdr x;

	read_so(&x, build(tc, ptr_long_src));
	assert_int_equal(x.res.address_size, w);
	assert_int_equal(x.res.is_64, is_64);
	assert_int_equal(x.res.big_endian, be);
	assert_int_equal(x.res.machine, machine);
	s = root(&x, "__uabi_p");
	assert_int_equal(s->size, 4 * w);
	p = mtype(&x, member(&x, s, "p"));
	assert_int_equal(p->kind, UABI_KIND_POINTER);
	assert_int_equal(p->size, w);
	assert_int_equal(type(&x, p->ref)->kind, UABI_KIND_VOID);
	assert_int_equal(member(&x, s, "p")->bit_offset, 8 * w);
	assert_int_equal(mtype(&x, member(&x, s, "l"))->size, w);
	assert_int_equal(mtype(&x, member(&x, s, "l"))->encoding, UABI_ENC_SIGNED);
	assert_int_equal(member(&x, s, "l")->bit_offset, 16 * w);
	assert_int_equal(mtype(&x, member(&x, s, "ul"))->encoding, UABI_ENC_UNSIGNED);
	done(&x);
}

static void test_pointer_long_width(void **state)
{
	check_ptr_long(&clang_x32, 4, false, false, EM_X86_64);
	check_ptr_long(&clang_arm, 4, false, false, EM_ARM);
	check_ptr_long(&clang_mips, 4, false, true, EM_MIPS);
	check_ptr_long(&clang_i386, 4, false, false, EM_386);
	check_ptr_long(&clang_x86_64, 8, true, false, EM_X86_64);
	check_ptr_long(&clang_aarch64, 8, true, false, EM_AARCH64);
	check_ptr_long(&gcc_x86_64, 8, true, false, EM_X86_64);
}

static const char union_src[] =
	"union u { void *ptr; unsigned long long v; };\n"
	"struct h { int n; union u u; };\n"
	"typedef struct h __uabi_h;\n";

static void check_union(const struct tc *tc, unsigned w, uint64_t hsize, uint64_t uoff)
{
	const struct uabi_type *h, *u;
	struct rdr x;

	read_so(&x, build(tc, union_src));
	h = root(&x, "__uabi_h");
	assert_int_equal(h->size, hsize);
	assert_int_equal(member(&x, h, "u")->bit_offset, uoff * 8);
	u = mtype(&x, member(&x, h, "u"));
	assert_int_equal(u->kind, UABI_KIND_UNION);
	assert_string_equal(u->name, "u");
	assert_int_equal(u->size, 8);
	assert_int_equal(u->nmembers, 2);
	/* gcc writes no location for union members: 0 */
	assert_int_equal(member(&x, u, "ptr")->bit_offset, 0);
	assert_int_equal(member(&x, u, "v")->bit_offset, 0);
	assert_int_equal(mtype(&x, member(&x, u, "ptr"))->size, w);
	assert_int_equal(mtype(&x, member(&x, u, "v"))->size, 8);
	done(&x);
}

static void test_union_pointer_u64(void **state)
{
	check_union(&clang_i386, 4, 12, 4);
	check_union(&clang_x86_64, 8, 16, 8);
	check_union(&gcc_x86_64, 8, 16, 8);
	check_union(&gcc_s390, 4, 16, 8);
}

/* ---- bitfields ---- */

static const char bf_src[] =
	"struct bf { unsigned a:3; unsigned b:5; int c:9; unsigned long long d:40; char e;\n"
	"            unsigned short f:7; };\n"
	"struct __attribute__((packed)) pbf { char c; unsigned int v:20; unsigned int w:12; };\n"
	"typedef struct bf __uabi_bf;\n"
	"typedef struct pbf __uabi_pbf;\n";

static void check_bitfields(const struct tc *tc, bool be)
{
	static const struct { const char *name; uint64_t off; uint32_t bits; } want[] = {
		{ "a", 0, 3 }, { "b", 3, 5 }, { "c", 8, 9 }, { "d", 17, 40 }, { "e", 64, 0 },
		{ "f", 72, 7 },
	};
	const struct uabi_type *s;
	struct rdr x;

	read_so(&x, build(tc, bf_src));
	assert_int_equal(x.res.big_endian, be);
	s = root(&x, "__uabi_bf");
	assert_int_equal(s->size, 16);
	assert_int_equal(s->nmembers, 6);
	/* DW_AT_data_bit_offset numbers memory bits from the start of the
	 * struct, so gcc's LE and BE values agree; clang's DWARF2
	 * DW_AT_bit_offset must convert to the same numbers */
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct uabi_member *m = member(&x, s, want[i].name);

		if (m->bit_offset != want[i].off || m->bit_size != want[i].bits)
			print_error("%s: %s: bit %llu size %u\n", tc->name, want[i].name,
				    (unsigned long long)m->bit_offset, m->bit_size);
		assert_int_equal(m->bit_offset, want[i].off);
		assert_int_equal(m->bit_size, want[i].bits);
	}
	s = root(&x, "__uabi_pbf");
	assert_int_equal(s->size, 5);
	assert_int_equal(member(&x, s, "v")->bit_offset, 8);
	assert_int_equal(member(&x, s, "v")->bit_size, 20);
	assert_int_equal(member(&x, s, "w")->bit_offset, 28);
	assert_int_equal(member(&x, s, "w")->bit_size, 12);
	done(&x);
}

static void test_bitfields(void **state)
{
	check_bitfields(&clang_x86_64, false);
	check_bitfields(&gcc_x86_64, false);
	check_bitfields(&clang_s390x, true);
	check_bitfields(&gcc_s390x, true);
	check_bitfields(&clang_ppc, true);
	check_bitfields(&gcc_s390, true);
}

/* ---- alignment ---- */

static const char align_src[] =
	"struct __attribute__((packed)) pk { char c; int i; };\n"
	"struct al { int x __attribute__((aligned(16))); char y; } __attribute__((aligned(32)));\n"
	"struct plain { char c; int i; };\n"
	"typedef struct pk __uabi_pk;\n"
	"typedef struct al __uabi_al;\n"
	"typedef struct plain __uabi_plain;\n";

static void check_align(const struct tc *tc)
{
	const struct uabi_type *t;
	struct rdr x;

	read_so(&x, build(tc, align_src));
	t = root(&x, "__uabi_pk");
	assert_int_equal(t->size, 5);
	assert_int_equal(member(&x, t, "i")->bit_offset, 8);
	assert_int_equal(member(&x, t, "i")->align, 0);
	assert_int_equal(t->align, 0);
	assert_false(t->measured_align);

	t = root(&x, "__uabi_al");
	assert_int_equal(t->size, 32);
	assert_int_equal(t->align, 32);
	assert_true(t->measured_align);
	assert_int_equal(member(&x, t, "x")->align, 16);
	assert_int_equal(member(&x, t, "y")->align, 0);
	assert_int_equal(member(&x, t, "y")->bit_offset, 32);

	t = root(&x, "__uabi_plain");
	assert_int_equal(t->size, 8);
	assert_int_equal(t->align, 0);
	assert_false(t->measured_align);
	assert_int_equal(member(&x, t, "i")->bit_offset, 32);
	done(&x);
}

static void test_packed_aligned(void **state)
{
	check_align(&clang_x86_64);
	check_align(&gcc_x86_64);
}

/* ---- arrays ---- */

static const char array_src[] =
	"struct flex { int n; int x[]; };\n"
	"struct zero { int n; int x[0]; };\n"
	"struct md { int a[2][3]; unsigned char b[4]; };\n"
	"struct edge { char p256[256]; char p65536[65536]; char p255[255]; };\n"
	"typedef struct edge __uabi_edge;\n"
	"typedef struct flex __uabi_flex;\n"
	"typedef struct zero __uabi_zero;\n"
	"typedef struct md __uabi_md;\n";

static void check_arrays(const struct tc *tc)
{
	const struct uabi_type *t, *a, *b;
	struct rdr x;

	read_so(&x, build(tc, array_src));
	t = root(&x, "__uabi_flex");
	assert_int_equal(t->size, 4);
	assert_int_equal(member(&x, t, "x")->bit_offset, 32);
	a = mtype(&x, member(&x, t, "x"));
	assert_int_equal(a->kind, UABI_KIND_ARRAY);
	assert_true(a->flexible);
	assert_int_equal(a->count, 0);
	assert_int_equal(a->size, 0);
	assert_int_equal(type(&x, a->ref)->size, 4);

	t = root(&x, "__uabi_zero");
	a = mtype(&x, member(&x, t, "x"));
	assert_int_equal(a->kind, UABI_KIND_ARRAY);
	assert_false(a->flexible);
	assert_int_equal(a->count, 0);
	assert_int_equal(a->size, 0);

	t = root(&x, "__uabi_md");
	assert_int_equal(t->size, 28);
	a = mtype(&x, member(&x, t, "a"));
	assert_int_equal(a->kind, UABI_KIND_ARRAY);
	assert_int_equal(a->count, 2);
	assert_int_equal(a->size, 24);
	assert_false(a->flexible);
	b = type(&x, a->ref);
	assert_int_equal(b->kind, UABI_KIND_ARRAY);
	assert_int_equal(b->count, 3);
	assert_int_equal(b->size, 12);
	assert_int_equal(type(&x, b->ref)->kind, UABI_KIND_BASE);
	assert_string_equal(type(&x, b->ref)->name, "int");
	/* pre-order: outer array, then the synthesized inner one */
	assert_int_equal(a->ref, member(&x, t, "a")->type + 1);
	a = mtype(&x, member(&x, t, "b"));
	assert_int_equal(a->count, 4);
	assert_int_equal(a->size, 4);
	assert_int_equal(member(&x, t, "b")->bit_offset, 24 * 8);

	/* gcc writes the upper bound 255 as data1 0xff and 65535 as data2
	 * 0xffff: real bounds, not -1 */
	t = root(&x, "__uabi_edge");
	assert_int_equal(t->size, 256 + 65536 + 255);
	assert_int_equal(mtype(&x, member(&x, t, "p256"))->count, 256);
	assert_int_equal(mtype(&x, member(&x, t, "p65536"))->count, 65536);
	assert_int_equal(mtype(&x, member(&x, t, "p255"))->count, 255);
	assert_int_equal(member(&x, t, "p255")->bit_offset, (256 + 65536) * 8);
	done(&x);
}

static void test_arrays(void **state)
{
	check_arrays(&clang_x86_64);
	check_arrays(&gcc_x86_64);
	check_arrays(&gcc_dwarf2);
	check_arrays(&gcc_s390x);
	check_arrays(&gcc_s390);
}

/* ---- anonymous members ---- */

static const char anon_src[] =
	"struct anon { int k; union { int u1; long u2; }; struct { char s1; short s2; }; };\n"
	"typedef struct anon __uabi_anon;\n";

static void check_anon(const struct tc *tc)
{
	const struct uabi_type *t, *u, *s;
	struct rdr x;

	read_so(&x, build(tc, anon_src));
	t = root(&x, "__uabi_anon");
	assert_int_equal(t->size, 24);
	assert_int_equal(t->nmembers, 3);
	assert_null(t->members[1].name);
	assert_null(t->members[2].name);
	assert_int_equal(t->members[1].bit_offset, 64);
	assert_int_equal(t->members[2].bit_offset, 128);
	u = type(&x, t->members[1].type);
	s = type(&x, t->members[2].type);
	assert_int_equal(u->kind, UABI_KIND_UNION);
	assert_null(u->name);
	assert_int_equal(u->size, 8);
	assert_int_equal(u->nmembers, 2);
	assert_int_equal(s->kind, UABI_KIND_STRUCT);
	assert_null(s->name);
	assert_int_equal(s->size, 4);
	assert_int_equal(member(&x, s, "s2")->bit_offset, 16);
	done(&x);
}

static void test_anonymous_members(void **state)
{
	check_anon(&clang_x86_64);
	check_anon(&gcc_x86_64);
}

/* ---- enums and probe constants ---- */

static const char enum_src[] =
	"enum e1 { E_BIG = 0xc008aeba, E_SMALL = 1 };\n"
	"enum e2 { E_NEG = -1, E_POS = 5, E_200 = 200 };\n"
	"enum e3 { E_HUGE = 0xffffffffffffffffULL };\n"
	"enum { __uabi_c_big = 0xc008aeba };\n"
	"enum { __uabi_c_neg = -1, __uabi_c_200 = 200 };\n"
	"enum { __uabi_c_huge = 0xffffffffffffffffULL };\n"
	"struct es { enum e1 a; enum e2 b; enum e3 c; enum { __uabi_c_nested = 3 } d; };\n"
	"typedef struct es __uabi_es;\n"
	"int f(void) { enum { __uabi_c_local = 9 } v = __uabi_c_local; return v; }\n";

static const struct uabi_enumerator *enumerator(const struct uabi_type *t, const char *name)
{
	for (uint32_t i = 0; i < t->nenumerators; i++)
		if (!strcmp(t->enumerators[i].name, name))
			return &t->enumerators[i];
	print_error("enumerator %s missing\n", name);
	fail();
	return NULL;
}

static void check_enums(const struct tc *tc)
{
	const struct uabi_dwarf_const *c;
	const struct uabi_enumerator *e;
	const struct uabi_type *s, *t;
	struct rdr x;

	read_so(&x, build(tc, enum_src));
	/* gcc: DW_FORM_data4 0xc008aeba; clang: DW_FORM_udata */
	c = uabi_dwarf_result__const(&x.res, "__uabi_c_big");
	assert_non_null(c);
	assert_true(c->is_unsigned);
	assert_int_equal((uint64_t)c->value, 3221794490ULL);
	c = uabi_dwarf_result__const(&x.res, "__uabi_c_neg");
	assert_non_null(c);
	assert_false(c->is_unsigned);
	assert_int_equal(c->value, -1);
	/* gcc: data1 0xc8 in a signed enum, zero-extended */
	c = uabi_dwarf_result__const(&x.res, "__uabi_c_200");
	assert_non_null(c);
	assert_int_equal(c->value, 200);
	c = uabi_dwarf_result__const(&x.res, "__uabi_c_huge");
	assert_non_null(c);
	assert_true(c->is_unsigned);
	assert_true((uint64_t)c->value == UINT64_MAX);
	/* enums in a struct or a function count too */
	c = uabi_dwarf_result__const(&x.res, "__uabi_c_nested");
	assert_non_null(c);
	assert_int_equal(c->value, 3);
	c = uabi_dwarf_result__const(&x.res, "__uabi_c_local");
	assert_non_null(c);
	assert_int_equal(c->value, 9);
	assert_int_equal(x.res.nconsts, 6);
	assert_string_equal(x.res.consts[0].name, "__uabi_c_200");
	assert_string_equal(x.res.consts[4].name, "__uabi_c_neg");
	assert_string_equal(x.res.consts[5].name, "__uabi_c_nested");

	s = root(&x, "__uabi_es");
	t = mtype(&x, member(&x, s, "a"));
	assert_int_equal(t->kind, UABI_KIND_ENUM);
	assert_string_equal(t->name, "e1");
	assert_int_equal(t->size, 4);
	/* strict DWARF2 has no DW_AT_type on enums: the width rule decides */
	if (tc != &gcc_dwarf2)
		assert_int_equal(type(&x, t->ref)->encoding, UABI_ENC_UNSIGNED);
	else
		assert_int_equal(t->ref, UABI_NO_TYPE);
	e = enumerator(t, "E_BIG");
	assert_true(e->is_unsigned);
	assert_int_equal((uint64_t)e->value, 3221794490ULL);
	t = mtype(&x, member(&x, s, "b"));
	assert_int_equal(t->nenumerators, 3);
	assert_int_equal(enumerator(t, "E_NEG")->value, -1);
	assert_false(enumerator(t, "E_NEG")->is_unsigned);
	assert_int_equal(enumerator(t, "E_POS")->value, 5);
	assert_int_equal(enumerator(t, "E_200")->value, 200);
	t = mtype(&x, member(&x, s, "c"));
	assert_int_equal(t->size, 8);
	assert_true(enumerator(t, "E_HUGE")->is_unsigned);
	assert_true((uint64_t)enumerator(t, "E_HUGE")->value == UINT64_MAX);
	done(&x);
}

static void test_enums(void **state)
{
	check_enums(&clang_x86_64);
	check_enums(&gcc_x86_64);
	check_enums(&gcc_s390);
	check_enums(&gcc_dwarf2);
}

/* ---- decl_file / decl_line ---- */

static const char hdr_src[] =
	"/* line 1 */\n"
	"struct hs {\n"
	"\tint a;\n"
	"\tlong b;\n"
	"};\n";

static const char decl_src[] =
	"#include \"sub/../sub/h.h\"\n"
	"\n"
	"struct m {\n"
	"\tstruct hs h;\n"
	"\n"
	"\tint z;\n"
	"};\n"
	"typedef struct m __uabi_m;\n";

static const char *strip_tmp(void *ctx, struct uabi_layout *l, const char *abs)
{
	size_t n = strlen(tmpdir);

	(*(int *)ctx)++;
	if (strncmp(abs, tmpdir, n) || abs[n] != '/')
		return NULL;
	return uabi_arena__printf(&l->arena, "<root>/%s", abs + n + 1);
}

static void check_decl(const struct tc *tc)
{
	const struct uabi_type *m, *h;
	char want[PATH_MAX + 32];
	struct rdr x;
	const char *so;
	int calls = 0;
	struct uabi_dwarf_opts o = { .map_path = strip_tmp, .map_ctx = &calls };

	so = build(tc, decl_src);
	read_so(&x, so);
	m = root(&x, "__uabi_m");
	assert_int_equal(m->decl_line, 3);
	assert_non_null(m->decl_file);
	assert_int_equal(member(&x, m, "h")->decl_line, 4);
	assert_int_equal(member(&x, m, "z")->decl_line, 6);
	h = mtype(&x, member(&x, m, "h"));
	assert_int_equal(h->decl_line, 2);
	assert_string_equal(basename_of(h->decl_file), "h.h");
	/* absolute and normalised: sub/../sub/h.h is sub/h.h */
	snprintf(want, sizeof(want), "%s/sub/h.h", tmpdir);
	assert_string_equal(h->decl_file, want);
	assert_string_equal(member(&x, h, "a")->decl_file, want);
	assert_int_equal(member(&x, h, "a")->decl_line, 3);
	assert_int_equal(member(&x, h, "b")->decl_line, 4);
	/* same path, same string */
	assert_ptr_equal(h->decl_file, member(&x, h, "b")->decl_file);
	snprintf(want, sizeof(want), "%s/%s-%u.c", tmpdir, tc->name, nbuilds);
	assert_string_equal(m->decl_file, want);
	assert_string_equal(member(&x, m, "z")->decl_file, want);
	done(&x);

	read_opts(&x, so, &o);
	m = root(&x, "__uabi_m");
	h = mtype(&x, member(&x, m, "h"));
	assert_string_equal(h->decl_file, "<root>/sub/h.h");
	snprintf(want, sizeof(want), "<root>/%s-%u.c", tc->name, nbuilds);
	assert_string_equal(m->decl_file, want);
	/* mapped once per file, not per DIE */
	assert_int_equal(calls, 2);
	done(&x);
}

static void test_decl_file_line(void **state)
{
	char sub[PATH_MAX + 8];

	snprintf(sub, sizeof(sub), "%s/sub", tmpdir);
	mkdir(sub, 0755);
	snprintf(sub, sizeof(sub), "%s/sub/h.h", tmpdir);
	write_file(sub, hdr_src);
	/* clang numbers the primary file 0 in DWARF5, gcc 2 (with 0 and 2
	 * both naming it): DWARF4 numbers from 1 */
	check_decl(&clang_x86_64);
	check_decl(&gcc_x86_64);
	check_decl(&clang_dwarf4);
	check_decl(&gcc_dwarf4);
	check_decl(&gcc_s390);
}

/* Compiled in tmpdir with a relative source name: the file table holds
 * "X.c" and the reader joins DW_AT_comp_dir. */
static void test_decl_file_relative(void **state)
{
	static const struct tc *tcs[] = { &clang_x86_64, &gcc_x86_64, &clang_dwarf4 };

	for (size_t i = 0; i < sizeof(tcs) / sizeof(tcs[0]); i++) {
		const struct uabi_type *t;
		char want[PATH_MAX + 32];
		struct rdr x;

		read_so(&x, build_in(tcs[i], u32_u64_src, tmpdir, NULL));
		t = root(&x, "__uabi_s");
		snprintf(want, sizeof(want), "%s/%s-%u.c", tmpdir, tcs[i]->name, nbuilds);
		assert_string_equal(t->decl_file, want);
		assert_int_equal(t->decl_line, 1);
		done(&x);
	}
}

/* ---- roots, order, reachability ---- */

static const char roots_src[] =
	"struct helper { int never; };\n"
	"struct shared { int v; };\n"
	"struct b { struct shared s; struct b *next; };\n"
	"struct a { struct shared *s; const volatile int cv; };\n"
	"typedef struct b __uabi_root_b;\n"
	"typedef struct a __uabi_root_a;\n"
	"typedef void __uabi_root_void;\n"
	"static struct helper h;\n"
	"struct helper *probe_helper(void) { return &h; }\n";

static void check_roots(const struct tc *tc)
{
	const struct uabi_type *a, *b, *p, *cv;
	uint32_t shared;
	struct rdr x;

	read_so(&x, build(tc, roots_src));
	assert_int_equal(x.res.nroots, 3);
	assert_string_equal(x.res.roots[0].name, "__uabi_root_a");
	assert_string_equal(x.res.roots[1].name, "__uabi_root_b");
	assert_string_equal(x.res.roots[2].name, "__uabi_root_void");
	/* depth-first from the sorted roots: struct a comes first */
	assert_int_equal(x.res.roots[0].type, 0);
	a = type(&x, 0);
	assert_string_equal(a->name, "a");
	/* the typedef itself is not a type, its target is */
	assert_int_equal(uabi_layout__find_type(x.l, "__uabi_root_a"), UABI_NO_TYPE);
	assert_int_equal(uabi_layout__find_type(x.l, "struct helper"), UABI_NO_TYPE);
	assert_int_equal(type(&x, x.res.roots[2].type)->kind, UABI_KIND_VOID);

	p = type(&x, member(&x, a, "s")->type);
	assert_int_equal(p->kind, UABI_KIND_POINTER);
	shared = p->ref;
	assert_string_equal(type(&x, shared)->name, "shared");
	cv = type(&x, member(&x, a, "cv")->type);
	/* const volatile int: qualifiers keep the size of int */
	assert_true(cv->kind == UABI_KIND_CONST || cv->kind == UABI_KIND_VOLATILE);
	assert_int_equal(cv->size, 4);
	assert_int_equal(type(&x, cv->ref)->size, 4);
	assert_int_equal(member(&x, a, "cv")->bit_offset, 64);

	b = type(&x, x.res.roots[1].type);
	assert_string_equal(b->name, "b");
	/* one type per DIE: the struct reached from both roots is shared */
	assert_int_equal(member(&x, b, "s")->type, shared);
	/* the self pointer closes the cycle on b itself */
	p = type(&x, member(&x, b, "next")->type);
	assert_int_equal(p->ref, x.res.roots[1].type);
	/* no duplicates anywhere */
	for (uint32_t i = 0; i < x.l->ntypes; i++) {
		const struct uabi_type *t = type(&x, i);

		if (t->kind == UABI_KIND_STRUCT)
			for (uint32_t j = i + 1; j < x.l->ntypes; j++)
				if (type(&x, j)->kind == UABI_KIND_STRUCT)
					assert_string_not_equal(t->name, type(&x, j)->name);
	}
	done(&x);
}

static void test_roots_and_order(void **state)
{
	check_roots(&clang_x86_64);
	check_roots(&gcc_x86_64);
}

/* Two reads of the same object give the same types in the same order. */
static void test_deterministic(void **state)
{
	const char *so = build(&gcc_x86_64, roots_src);
	char b1[256], b2[256];
	struct rdr x, y;

	read_so(&x, so);
	read_so(&y, so);
	assert_int_equal(x.l->ntypes, y.l->ntypes);
	for (uint32_t i = 0; i < x.l->ntypes; i++)
		assert_string_equal(uabi_layout__type_name(x.l, i, b1, sizeof(b1)),
				    uabi_layout__type_name(y.l, i, b2, sizeof(b2)));
	done(&x);
	done(&y);
}

static const char ptr_src[] =
	"typedef unsigned long long __u64;\n"
	"typedef __u64 __attribute__((aligned(8))) __aligned_u64;\n"
	"typedef int *restrict rint;\n"
	"struct f {\n"
	"\tvoid *v; const void *cv; int (*fn)(int); void (*vf)(void);\n"
	"\trint r; _Atomic int at; volatile __u64 vu; __aligned_u64 al;\n"
	"};\n"
	"typedef struct f __uabi_f;\n";

static void check_pointers(const struct tc *tc, unsigned w)
{
	const struct uabi_type *f, *t;
	uint32_t voids = 0;
	struct rdr x;

	read_so(&x, build(tc, ptr_src));
	f = root(&x, "__uabi_f");
	t = type(&x, member(&x, f, "v")->type);
	assert_int_equal(t->kind, UABI_KIND_POINTER);
	assert_int_equal(t->size, w);
	assert_int_equal(type(&x, t->ref)->kind, UABI_KIND_VOID);
	t = type(&x, type(&x, member(&x, f, "cv")->type)->ref);
	assert_int_equal(t->kind, UABI_KIND_CONST);
	assert_int_equal(type(&x, t->ref)->kind, UABI_KIND_VOID);
	t = type(&x, type(&x, member(&x, f, "fn")->type)->ref);
	assert_int_equal(t->kind, UABI_KIND_FUNC);
	assert_string_equal(type(&x, t->ref)->name, "int");
	t = type(&x, type(&x, member(&x, f, "vf")->type)->ref);
	assert_int_equal(t->kind, UABI_KIND_FUNC);
	assert_int_equal(type(&x, t->ref)->kind, UABI_KIND_VOID);
	for (uint32_t i = 0; i < x.l->ntypes; i++)
		voids += type(&x, i)->kind == UABI_KIND_VOID;
	assert_int_equal(voids, 1);
	/* restrict folds away: typedef rint -> int * */
	t = type(&x, member(&x, f, "r")->type);
	assert_int_equal(t->kind, UABI_KIND_TYPEDEF);
	assert_int_equal(t->size, w);
	assert_int_equal(type(&x, t->ref)->kind, UABI_KIND_POINTER);
	/* _Atomic int folds to int */
	t = type(&x, member(&x, f, "at")->type);
	assert_int_equal(t->kind, UABI_KIND_BASE);
	assert_string_equal(t->name, "int");
	t = type(&x, member(&x, f, "vu")->type);
	assert_int_equal(t->kind, UABI_KIND_VOLATILE);
	assert_int_equal(t->size, 8);
	assert_int_equal(type(&x, t->ref)->kind, UABI_KIND_TYPEDEF);
	assert_string_equal(type(&x, t->ref)->name, "__u64");
	assert_int_equal(type(&x, t->ref)->size, 8);
	assert_int_equal(type(&x, t->ref)->align, 0);
	/* DW_AT_alignment on a typedef */
	t = type(&x, member(&x, f, "al")->type);
	assert_string_equal(t->name, "__aligned_u64");
	assert_int_equal(t->align, 8);
	assert_true(t->measured_align);
	done(&x);
}

static void test_pointers_qualifiers(void **state)
{
	check_pointers(&clang_x86_64, 8);
	check_pointers(&gcc_x86_64, 8);
	check_pointers(&clang_i386, 4);
}

/* ---- s390 31-bit: gcc -m31 + binutils ---- */

static void test_s390_31bit(void **state)
{
	const struct uabi_type *s;
	struct rdr x;

	check_u64_after_u32(&gcc_s390, 8, 16);
	check_ptr_long(&gcc_s390, 4, false, true, EM_S390);
	check_ptr_long(&gcc_s390x, 8, true, true, EM_S390);
	read_so(&x, build(&gcc_s390, u32_u64_src));
	assert_non_null(x.res.producer);
	assert_non_null(strstr(x.res.producer, "-m31"));
	s = root(&x, "__uabi_s");
	assert_int_equal(s->decl_line, 1);
	done(&x);
}

/* ---- bad input ---- */

static void expect_error(const char *path, const char *what)
{
	struct uabi_dwarf_opts o = { .label = "i386" };
	struct uabi_dwarf_result res;
	struct uabi_layout *l = uabi_layout__new();
	struct uabi_diag d = { 0 };
	char want[PATH_MAX + 16];
	int ret;

	ret = uabi_dwarf__read(path, l, &o, &res, &d);
	assert_true(ret < 0);
	assert_int_equal(d.cls, UABI_E_INPUT);
	snprintf(want, sizeof(want), "i386: %s: ", path);
	if (strncmp(d.msg, want, strlen(want)) || !strstr(d.msg, what))
		print_error("unexpected message: %s\n", d.msg);
	assert_int_equal(strncmp(d.msg, want, strlen(want)), 0);
	assert_non_null(strstr(d.msg, what));
	assert_null(strchr(d.msg, '\n'));
	assert_null(res.roots);
	assert_null(res.consts);
	uabi_layout__free(l);
}

/* Overwrite len bytes at off inside the named section of a 64-bit LE ELF. */
static void patch_section(const char *path, const char *sec, size_t off, const void *bytes,
			  size_t len)
{
	Elf64_Ehdr eh;
	Elf64_Shdr *sh;
	char *names;
	bool found = false;
	FILE *f = fopen(path, "r+b");

	assert_non_null(f);
	assert_int_equal(fread(&eh, sizeof(eh), 1, f), 1);
	sh = calloc(eh.e_shnum, sizeof(*sh));
	assert_non_null(sh);
	assert_int_equal(fseek(f, (long)eh.e_shoff, SEEK_SET), 0);
	assert_int_equal(fread(sh, sizeof(*sh), eh.e_shnum, f), eh.e_shnum);
	names = malloc(sh[eh.e_shstrndx].sh_size);
	assert_non_null(names);
	assert_int_equal(fseek(f, (long)sh[eh.e_shstrndx].sh_offset, SEEK_SET), 0);
	assert_int_equal(fread(names, 1, sh[eh.e_shstrndx].sh_size, f), sh[eh.e_shstrndx].sh_size);
	for (unsigned i = 0; i < eh.e_shnum; i++) {
		if (strcmp(names + sh[i].sh_name, sec))
			continue;
		assert_int_equal(fseek(f, (long)(sh[i].sh_offset + off), SEEK_SET), 0);
		assert_int_equal(fwrite(bytes, 1, len, f), len);
		found = true;
	}
	assert_true(found);
	free(names);
	free(sh);
	assert_int_equal(fclose(f), 0);
}

static void copy_file(const char *from, const char *to)
{
	char buf[4096];
	size_t n;
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");

	assert_non_null(in);
	assert_non_null(out);
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		assert_int_equal(fwrite(buf, 1, n, out), n);
	fclose(in);
	assert_int_equal(fclose(out), 0);
}

/* A damaged object whose strings hold bytes that are not UTF-8 (\xff)
 * and a terminal escape (\x1b): the names enter the layout escaped, so
 * the dump writer neither fails nor writes invalid UTF-8. */
static void test_damaged_names(void **state)
{
	static const char src[] = "struct s { int zzzzdamage; };\ntypedef struct s __uabi_s;\n";
	char path[PATH_MAX + 32], *buf = NULL, *text;
	size_t len = 0, hits = 0;
	struct rdr x;
	struct uabi_diag d;
	FILE *f;

	(void)state;
	snprintf(path, sizeof(path), "%s/damaged.so", tmpdir);
	copy_file(build(&clang_x86_64, src), path);
	/* every copy of the name in the file (.debug_str), same length */
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	len = (size_t)ftell(f);
	rewind(f);
	buf = malloc(len);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, len, f), len);
	fclose(f);
	for (char *p = buf; p + 10 <= buf + len; p++)
		if (!memcmp(p, "zzzzdamage", 10)) {
			memcpy(p, "z\xff\x1bzdamage", 10);
			hits++;
		}
	assert_true(hits > 0);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	free(buf);

	read_so(&x, path);
	assert_string_equal(root(&x, "__uabi_s")->members[0].name, "z\\xff\\x1bzdamage");
	/* the facts a dump needs, then the writer */
	x.l->profile.name = "x86_64";
	x.l->profile.arch = "x86";
	x.l->profile.model = "LP64";
	x.l->profile.endian = "little";
	x.l->input.kind = "headers";
	x.l->input.root = "t";
	x.l->input.sha256 = "0";
	uabi_diag__clear(&d);
	text = uabi_json__dump_layout(x.l, &d);
	if (!text)
		print_error("%s\n", d.msg);
	assert_non_null(text);
	assert_non_null(strstr(text, "\"z\\\\xff\\\\x1bzdamage\""));
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		assert_true(*p >= 0x20 || *p == '\n');
	free(text);
	done(&x);
}

static void test_bad_input(void **state)
{
	static const char *const no_g[] = { "-g0", NULL };
	char path[PATH_MAX + 32], so[PATH_MAX + 64];
	const char *built;

	snprintf(path, sizeof(path), "%s/not-elf.so", tmpdir);
	write_file(path, "this is not an ELF file, just text\n");
	expect_error(path, "not an ELF file");

	snprintf(path, sizeof(path), "%s/empty.so", tmpdir);
	write_file(path, "");
	expect_error(path, "not an ELF file");

	snprintf(path, sizeof(path), "%s/missing.so", tmpdir);
	expect_error(path, "No such file");

	/* -g0 after -g: an ELF without .debug_info */
	built = build_in(&clang_x86_64, u32_u64_src, NULL, no_g);
	expect_error(built, "no DWARF");

	/* a CU version no reader knows */
	snprintf(so, sizeof(so), "%s", build(&clang_x86_64, roots_src));
	snprintf(path, sizeof(path), "%s/bad-version.so", tmpdir);
	copy_file(so, path);
	patch_section(path, ".debug_info", 4, "\x63\x00", 2);
	expect_error(path, "compile unit header: DW_DLE_VERSION_STAMP_ERROR");

	/* a unit length beyond the section */
	snprintf(path, sizeof(path), "%s/bad-length.so", tmpdir);
	copy_file(so, path);
	patch_section(path, ".debug_info", 0, "\x00\x00\x00\x70", 4);
	expect_error(path, "compile unit header: DW_DLE_HEADER_LEN_BIGGER_THAN_SECSIZE");

	/* a garbled abbreviation table: the CU DIE decodes with a DW_AT_type
	 * in DW_FORM_ref4 that points nowhere */
	snprintf(path, sizeof(path), "%s/bad-abbrev.so", tmpdir);
	copy_file(so, path);
	patch_section(path, ".debug_abbrev", 0, "\x01\x11\x01\x49\x13\x00\x00\x02\x13\x01\x49\x13",
		      12);
	expect_error(path, ": die 0xc: DW_AT_type: ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_u64_after_u32),
		cmocka_unit_test(test_pointer_long_width),
		cmocka_unit_test(test_union_pointer_u64),
		cmocka_unit_test(test_bitfields),
		cmocka_unit_test(test_packed_aligned),
		cmocka_unit_test(test_arrays),
		cmocka_unit_test(test_anonymous_members),
		cmocka_unit_test(test_enums),
		cmocka_unit_test(test_decl_file_line),
		cmocka_unit_test(test_decl_file_relative),
		cmocka_unit_test(test_roots_and_order),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_pointers_qualifiers),
		cmocka_unit_test(test_s390_31bit),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_damaged_names),
	};

	return cmocka_run_group_tests_name("dwarf", tests, group_setup, group_teardown);
}
