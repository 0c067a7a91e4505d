// SPDX-License-Identifier: MIT
/*
 * core/json.c: dump format (golden text), exact round trip, every
 * validation error message of the reader, profile files, atomic writes.
 * Runs in a private temporary directory (chdir) so messages carry short,
 * stable file names.
 */
#include <dirent.h>
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
#include <unistd.h>

#include <cmocka.h>

#include "builder.h"
#include "testfs.h"

#include "core/fileio.h"
#include "core/json.h"
#include "core/model.h"
#include "core/profile.h"

static char tmpdir[PATH_MAX];
static char olddir[PATH_MAX];

/* ------------------------------------------------------------------ */
/* helpers                                                              */
/* ------------------------------------------------------------------ */

static int setup(void **state)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/uabi-test-json-XXXXXX");
	if (!mkdtemp(tmpdir) || !getcwd(olddir, sizeof(olddir)) || chdir(tmpdir))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	if (chdir(olddir))
		return -1;
	return uabi_file__rmtree(tmpdir);
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

/* text with the first occurrence of from replaced by to (malloc'd). */
static char *mutate(const char *text, const char *from, const char *to)
{
	const char *p = strstr(text, from);
	size_t n = strlen(text) - strlen(from) + strlen(to) + 1;
	char *s;

	assert_non_null(p);
	s = malloc(n);
	assert_non_null(s);
	snprintf(s, n, "%.*s%s%s", (int)(p - text), text, to, p + strlen(from));
	return s;
}

static void mem(struct uabi_member *m, const char *name, uint32_t type, uint64_t bit_offset,
		uint32_t bit_size, uint32_t line)
{
	set_member(m, name, type, bit_offset, bit_size);
	m->decl_file = "linux/kvm.h";
	m->decl_line = line;
}

static const char *cc_x86[] = { "clang", "--target=x86_64-linux-gnu" };
static const char *headers[] = { "linux/kvm.h" };
static const char *files[] = { "linux/kvm.h", "linux/types.h" };

/*
 * The rich layout: every kind but function, a bitfield with a hole after
 * it, an anonymous union member, a flexible array, an enum with a value
 * above INT_MAX, a negative one and one above INT64_MAX, a declaration,
 * ioctls of every direction (one not applicable), two roots.
 */
enum {
	T_VOID, T_UINT, T_U32, T_ULL, T_U64, T_VOIDP, T_UNION, T_DIRTY, T_UCHAR, T_ARR4,
	T_FLEX, T_DEMO, T_LONG, T_ENUM, T_DIRTY_T, T_CONST, T_RUN, T_RUNP, T__N
};

static struct uabi_layout *rich_layout(void)
{
	struct uabi_layout *l = uabi_layout__new();
	struct uabi_member *m;
	struct uabi_type *t;
	struct uabi_diag d;

	assert_non_null(l);
	l->profile = (struct uabi_profile_facts){
		.name = "x86_64", .arch = "x86", .model = "LP64", .endian = "little",
		.pointer_size = 8, .long_size = 8, .producer = "Debian clang version 14.0.6",
		.cc = cc_x86, .ncc = 2,
	};
	l->input = (struct uabi_input_facts){
		.kind = "headers", .root = "include", .headers = headers, .nheaders = 1,
		.files = files, .nfiles = 2, .kernel_version = "6.1.0",
		.sha256 = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
	};

	add(l, UABI_KIND_VOID, NULL, 0, 0, UABI_NO_TYPE);
	add(l, UABI_KIND_BASE, "unsigned int", 4, 4, UABI_NO_TYPE);
	l->types[T_UINT].encoding = UABI_ENC_UNSIGNED;
	l->types[T_UINT].measured_align = true;
	add(l, UABI_KIND_TYPEDEF, "__u32", 4, 0, T_UINT);
	add(l, UABI_KIND_BASE, "unsigned long long", 8, 8, UABI_NO_TYPE);
	l->types[T_ULL].encoding = UABI_ENC_UNSIGNED;
	add(l, UABI_KIND_TYPEDEF, "__u64", 8, 0, T_ULL);
	add(l, UABI_KIND_POINTER, NULL, 8, 8, T_VOID);
	add(l, UABI_KIND_UNION, NULL, 8, 0, UABI_NO_TYPE);
	m = members(l, T_UNION, 2);
	mem(&m[0], "dirty_bitmap", T_VOIDP, 0, 0, 101);
	mem(&m[1], "padding2", T_U64, 0, 0, 102);
	add(l, UABI_KIND_STRUCT, "kvm_dirty_log", 16, 0, UABI_NO_TYPE);
	m = members(l, T_DIRTY, 3);
	mem(&m[0], "slot", T_U32, 0, 0, 98);
	mem(&m[1], "padding1", T_U32, 32, 0, 99);
	mem(&m[2], NULL, T_UNION, 64, 0, 100);
	l->types[T_DIRTY].decl_file = "linux/kvm.h";
	l->types[T_DIRTY].decl_line = 97;
	add(l, UABI_KIND_BASE, "unsigned char", 1, 1, UABI_NO_TYPE);
	l->types[T_UCHAR].encoding = UABI_ENC_UNSIGNED_CHAR;
	add(l, UABI_KIND_ARRAY, NULL, 4, 0, T_UCHAR);
	l->types[T_ARR4].count = 4;
	add(l, UABI_KIND_ARRAY, NULL, 0, 0, T_U32);
	l->types[T_FLEX].flexible = true;
	add(l, UABI_KIND_STRUCT, "demo", 24, 0, UABI_NO_TYPE);
	m = members(l, T_DEMO, 5);
	mem(&m[0], "a", T_U32, 0, 0, 10);
	mem(&m[1], "f", T_UINT, 32, 3, 11);
	mem(&m[2], "b", T_U64, 64, 0, 12);
	mem(&m[3], "tag", T_ARR4, 128, 0, 13);
	mem(&m[4], "data", T_FLEX, 160, 0, 14);
	m[2].align = 8;
	add(l, UABI_KIND_BASE, "long", 8, 8, UABI_NO_TYPE);
	l->types[T_LONG].encoding = UABI_ENC_SIGNED;
	add(l, UABI_KIND_ENUM, "kvm_cmd", 8, 0, T_LONG);
	t = &l->types[T_ENUM];
	t->enumerators = uabi_arena__alloc(&l->arena, 3 * sizeof(*t->enumerators));
	t->nenumerators = 3;
	t->enumerators[0] = (struct uabi_enumerator){ "KVM_CMD_X", 0xc008aeba, false };
	t->enumerators[1] = (struct uabi_enumerator){ "KVM_CMD_NEG", -1, false };
	t->enumerators[2] = (struct uabi_enumerator){ "KVM_CMD_BIG", (int64_t)UINT64_MAX, true };
	add(l, UABI_KIND_TYPEDEF, "kvm_dirty_log_t", 16, 0, T_DIRTY);
	add(l, UABI_KIND_CONST, NULL, 4, 0, T_U32);
	add(l, UABI_KIND_STRUCT, "kvm_run", 0, 0, UABI_NO_TYPE);
	l->types[T_RUN].declaration = true;
	add(l, UABI_KIND_POINTER, NULL, 8, 8, T_RUN);

	l->ioctls = uabi_arena__alloc(&l->arena, 4 * sizeof(*l->ioctls));
	l->nioctls = 4;
	l->ioctls[0] = (struct uabi_ioctl){
		.name = "KVM_DEMO", .macro = "_IOWR", .arg_type = "struct demo", .declared = true,
		.applicable = true, .number = 0xc018ae01, .dir = UABI_DIR_RW, .type_field = 0xae, .nr = 1, .size = 24,
		.type = T_DEMO, .decl_file = "linux/kvm.h", .decl_line = 1500,
	};
	l->ioctls[1] = (struct uabi_ioctl){
		.name = "KVM_GET_DIRTY_LOG", .macro = "_IOW", .arg_type = "struct kvm_dirty_log",
		.applicable = true, .number = 0x4010ae42, .dir = UABI_DIR_WRITE, .type_field = 0xae,
		.nr = 0x42, .size = 16, .type = T_DIRTY, .decl_file = "linux/kvm.h", .decl_line = 1400,
	};
	l->ioctls[2] = (struct uabi_ioctl){
		.name = "KVM_RUN", .macro = "_IO", .applicable = true, .number = 0xae80,
		.dir = UABI_DIR_NONE, .type_field = 0xae, .nr = 0x80, .type = UABI_NO_TYPE,
		.decl_file = "linux/kvm.h", .decl_line = 1300,
	};
	l->ioctls[3] = (struct uabi_ioctl){
		.name = "KVM_S390_UCAS_MAP", .macro = "_IOW",
		.arg_type = "struct kvm_s390_ucas_mapping", .applicable = false,
		.reason = "unknown type name 'struct kvm_s390_ucas_mapping'", .dir = UABI_DIR_READ,
		.type_field = 0xae, .nr = 0x50, .type = UABI_NO_TYPE, .decl_file = "linux/kvm.h",
		.decl_line = 1350,
	};
	l->roots = uabi_arena__alloc(&l->arena, 2 * sizeof(*l->roots));
	l->nroots = 2;
	l->roots[0] = (struct uabi_root){ "struct kvm_run", true, NULL, T_RUN };
	l->roots[1] = (struct uabi_root){ "struct kvm_nope", false, "no such type", UABI_NO_TYPE };

	uabi_diag__clear(&d);
	assert_int_equal(uabi_layout__finish(l, &d), 0);
	return l;
}

static const char *tiny_cc[] = { "cc" };
static const char *tiny_h[] = { "a.h" };

/* The golden layout: one base type, one struct, one ioctl. */
static struct uabi_layout *tiny_layout(void)
{
	struct uabi_layout *l = uabi_layout__new();
	struct uabi_diag d;
	struct uabi_member *m;

	assert_non_null(l);
	l->profile = (struct uabi_profile_facts){
		.name = "toy", .arch = "x86", .model = "ILP32", .endian = "little",
		.pointer_size = 4, .long_size = 4, .cc = tiny_cc, .ncc = 1,
	};
	l->input = (struct uabi_input_facts){
		.kind = "headers", .root = "inc", .headers = tiny_h, .nheaders = 1,
		.files = tiny_h, .nfiles = 1, .sha256 = "00",
	};
	add(l, UABI_KIND_BASE, "int", 4, 4, UABI_NO_TYPE);
	l->types[0].encoding = UABI_ENC_SIGNED;
	add(l, UABI_KIND_STRUCT, "s", 8, 0, UABI_NO_TYPE);
	l->types[1].decl_file = "a.h";
	l->types[1].decl_line = 1;
	m = members(l, 1, 2);
	mem(&m[0], "x", 0, 0, 0, 2);
	mem(&m[1], "f", 0, 38, 4, 3);
	m[0].decl_file = m[1].decl_file = "a.h";
	l->ioctls = uabi_arena__alloc(&l->arena, sizeof(*l->ioctls));
	l->nioctls = 1;
	l->ioctls[0] = (struct uabi_ioctl){
		.name = "S_GET", .macro = "_IOR", .arg_type = "struct s", .applicable = true,
		.number = 0x80085301, .dir = UABI_DIR_READ, .type_field = 0x53, .nr = 1, .size = 8,
		.type = 1, .decl_file = "a.h", .decl_line = 5,
	};
	uabi_diag__clear(&d);
	assert_int_equal(uabi_layout__finish(l, &d), 0);
	return l;
}

static const char tiny_golden[] =
	"{\n"
	" \"input\": {\n"
	"  \"files\": [\n"
	"   \"a.h\"\n"
	"  ],\n"
	"  \"headers\": [\n"
	"   \"a.h\"\n"
	"  ],\n"
	"  \"kernel_version\": null,\n"
	"  \"kind\": \"headers\",\n"
	"  \"root\": \"inc\",\n"
	"  \"sha256\": \"00\"\n"
	" },\n"
	" \"ioctls\": [\n"
	"  {\n"
	"   \"applicable\": true,\n"
	"   \"arg\": 1,\n"
	"   \"arg_spelling\": \"struct s\",\n"
	"   \"arg_type\": \"struct s\",\n"
	"   \"dir\": \"read\",\n"
	"   \"file\": \"a.h\",\n"
	"   \"line\": 5,\n"
	"   \"macro\": \"_IOR\",\n"
	"   \"name\": \"S_GET\",\n"
	"   \"nr\": 1,\n"
	"   \"number\": 2148029185,\n"
	"   \"number_hex\": \"0x80085301\",\n"
	"   \"size\": 8,\n"
	"   \"type\": 83\n"
	"  }\n"
	" ],\n"
	" \"profile\": {\n"
	"  \"arch\": \"x86\",\n"
	"  \"cc\": [\n"
	"   \"cc\"\n"
	"  ],\n"
	"  \"endian\": \"little\",\n"
	"  \"long_size\": 4,\n"
	"  \"model\": \"ILP32\",\n"
	"  \"name\": \"toy\",\n"
	"  \"pointer_size\": 4,\n"
	"  \"producer\": null\n"
	" },\n"
	" \"roots\": [],\n"
	" \"schema_version\": 1,\n"
	" \"types\": [\n"
	"  {\n"
	"   \"align\": 4,\n"
	"   \"encoding\": \"signed\",\n"
	"   \"id\": 0,\n"
	"   \"kind\": \"base\",\n"
	"   \"name\": \"int\",\n"
	"   \"size\": 4,\n"
	"   \"spelling\": \"int\"\n"
	"  },\n"
	"  {\n"
	"   \"align\": 4,\n"
	"   \"file\": \"a.h\",\n"
	"   \"has_flexible\": false,\n"
	"   \"hole_bits\": 6,\n"
	"   \"holes\": [\n"
	"    {\n"
	"     \"after\": 0,\n"
	"     \"bit_offset\": 32,\n"
	"     \"bit_size\": 6\n"
	"    }\n"
	"   ],\n"
	"   \"id\": 1,\n"
	"   \"kind\": \"struct\",\n"
	"   \"line\": 1,\n"
	"   \"members\": [\n"
	"    {\n"
	"     \"bit_offset\": 0,\n"
	"     \"file\": \"a.h\",\n"
	"     \"line\": 2,\n"
	"     \"name\": \"x\",\n"
	"     \"offset\": 0,\n"
	"     \"size\": 4,\n"
	"     \"type\": 0,\n"
	"     \"type_spelling\": \"int\"\n"
	"    },\n"
	"    {\n"
	"     \"bit_offset\": 38,\n"
	"     \"bit_size\": 4,\n"
	"     \"file\": \"a.h\",\n"
	"     \"line\": 3,\n"
	"     \"name\": \"f\",\n"
	"     \"offset\": 4,\n"
	"     \"size\": 2,\n"
	"     \"type\": 0,\n"
	"     \"type_spelling\": \"int\"\n"
	"    }\n"
	"   ],\n"
	"   \"name\": \"s\",\n"
	"   \"packed\": false,\n"
	"   \"size\": 8,\n"
	"   \"spelling\": \"struct s\",\n"
	"   \"tail_padding_bits\": 22\n"
	"  }\n"
	" ]\n"
	"}\n";

static struct uabi_layout *read_ok(const char *path)
{
	struct uabi_layout *l = NULL;
	struct uabi_diag d;

	uabi_diag__clear(&d);
	if (uabi_json__read_layout(path, &l, &d))
		fail_msg("%s", d.msg);
	assert_non_null(l);
	return l;
}

/* Reading text must fail with exactly msg. */
static void read_fails(const char *text, const char *msg)
{
	struct uabi_layout *l = (struct uabi_layout *)1;
	struct uabi_diag d;

	write_text("bad.json", text);
	uabi_diag__clear(&d);
	assert_int_equal(uabi_json__read_layout("bad.json", &l, &d), -EINVAL);
	assert_null(l);
	assert_int_equal(d.cls, UABI_E_INPUT);
	assert_string_equal(d.msg, msg);
}

/* golden with one substitution must fail with exactly msg. */
static void mutant_fails(const char *from, const char *to, const char *msg)
{
	char *text = mutate(tiny_golden, from, to);

	read_fails(text, msg);
	free(text);
}

/* ------------------------------------------------------------------ */
/* dumps                                                                */
/* ------------------------------------------------------------------ */

static void test_golden_text(void **state)
{
	struct uabi_layout *l = tiny_layout();
	struct uabi_diag d;
	char *s;

	uabi_diag__clear(&d);
	s = uabi_json__dump_layout(l, &d);
	assert_non_null(s);
	assert_string_equal(s, tiny_golden);
	free(s);
	uabi_layout__free(l);
}

/* The checked-in example is the golden text and reads back to itself. */
static void test_example_is_golden(void **state)
{
	struct uabi_layout *l = read_ok(UABI_SOURCE_DIR "/schemas/examples/dump.json");
	char *file = test_read_text(UABI_SOURCE_DIR "/schemas/examples/dump.json");
	char *s = uabi_json__dump_layout(l, NULL);

	assert_string_equal(file, tiny_golden);
	assert_string_equal(s, tiny_golden);
	free(s);
	free(file);
	uabi_layout__free(l);
}

static void test_round_trip(void **state)
{
	struct uabi_layout *l = rich_layout(), *r;
	const struct uabi_ioctl *io;
	const struct uabi_type *t;
	struct uabi_diag d;
	char *s1, *s2, *disk;

	uabi_diag__clear(&d);
	s1 = uabi_json__dump_layout(l, &d);
	assert_non_null(s1);
	assert_int_equal(uabi_json__write_layout(l, "rich.json", &d), 0);
	disk = test_read_text("rich.json");
	assert_string_equal(disk, s1);
	/* the size quoted in the report; also catches an accidental format change */
	assert_int_equal(strlen(s1), 7328);

	r = read_ok("rich.json");
	s2 = uabi_json__dump_layout(r, &d);
	assert_non_null(s2);
	assert_string_equal(s1, s2);

	/* profile and input */
	assert_string_equal(r->profile.name, "x86_64");
	assert_string_equal(r->profile.producer, "Debian clang version 14.0.6");
	assert_int_equal(r->profile.pointer_size, 8);
	assert_int_equal(r->profile.ncc, 2);
	assert_string_equal(r->profile.cc[1], "--target=x86_64-linux-gnu");
	assert_int_equal(r->input.nfiles, 2);
	assert_string_equal(r->input.files[1], "linux/types.h");
	assert_string_equal(r->input.kernel_version, "6.1.0");

	/* types */
	assert_int_equal(r->ntypes, T__N);
	t = &r->types[T_DIRTY];
	assert_int_equal(t->kind, UABI_KIND_STRUCT);
	assert_string_equal(t->name, "kvm_dirty_log");
	assert_int_equal(t->size, 16);
	assert_int_equal(t->align, 8);
	assert_int_equal(t->nmembers, 3);
	assert_null(t->members[2].name);
	assert_int_equal(t->members[2].type, T_UNION);
	assert_int_equal(t->members[2].bit_offset, 64);
	assert_string_equal(t->decl_file, "linux/kvm.h");
	assert_int_equal(t->decl_line, 97);
	t = &r->types[T_DEMO];
	assert_int_equal(t->members[1].bit_offset, 32);
	assert_int_equal(t->members[1].bit_size, 3);
	assert_int_equal(t->members[2].align, 8);
	assert_int_equal(t->members[4].type, T_FLEX);
	/* recomputed, not read */
	assert_int_equal(t->nholes, 1);
	assert_int_equal(t->holes[0].bit_offset, 35);
	assert_int_equal(t->holes[0].bit_size, 29);
	assert_int_equal(t->holes[0].after, 1);
	assert_int_equal(t->hole_bits, 29);
	assert_int_equal(t->tail_padding_bits, 32);
	assert_true(t->has_flexible);
	assert_false(t->packed);
	assert_true(r->types[T_UINT].measured_align);
	assert_int_equal(r->types[T_UINT].encoding, UABI_ENC_UNSIGNED);
	assert_int_equal(r->types[T_UCHAR].encoding, UABI_ENC_UNSIGNED_CHAR);
	assert_int_equal(r->types[T_ARR4].count, 4);
	assert_false(r->types[T_ARR4].flexible);
	assert_true(r->types[T_FLEX].flexible);
	assert_int_equal(r->types[T_VOIDP].ref, T_VOID);
	assert_int_equal(r->types[T_CONST].kind, UABI_KIND_CONST);
	assert_true(r->types[T_RUN].declaration);
	assert_int_equal(r->types[T_UNION].ref, UABI_NO_TYPE);
	t = &r->types[T_ENUM];
	assert_int_equal(t->ref, T_LONG);
	assert_int_equal(t->nenumerators, 3);
	assert_string_equal(t->enumerators[0].name, "KVM_CMD_X");
	assert_int_equal(t->enumerators[0].value, 0xc008aeba);
	assert_false(t->enumerators[0].is_unsigned);
	assert_true(t->enumerators[1].value == -1);
	assert_false(t->enumerators[1].is_unsigned);
	assert_true((uint64_t)t->enumerators[2].value == UINT64_MAX);
	assert_true(t->enumerators[2].is_unsigned);
	assert_non_null(strstr(s1, "\"value\": \"18446744073709551615\""));
	assert_non_null(strstr(s1, "\"value\": 3221794490"));
	assert_non_null(strstr(s1, "\"value\": -1"));

	/* ioctls and roots */
	assert_int_equal(r->nioctls, 4);
	io = uabi_layout__ioctl(r, "KVM_GET_DIRTY_LOG");
	assert_non_null(io);
	assert_int_equal(io->number, 0x4010ae42);
	assert_int_equal(io->dir, UABI_DIR_WRITE);
	assert_int_equal(io->type_field, 0xae);
	assert_int_equal(io->nr, 0x42);
	assert_int_equal(io->size, 16);
	assert_int_equal(io->type, T_DIRTY);
	assert_int_equal(io->decl_line, 1400);
	io = uabi_layout__ioctl(r, "KVM_RUN");
	assert_null(io->arg_type);
	assert_int_equal(io->type, UABI_NO_TYPE);
	io = uabi_layout__ioctl(r, "KVM_S390_UCAS_MAP");
	assert_false(io->applicable);
	assert_string_equal(io->reason, "unknown type name 'struct kvm_s390_ucas_mapping'");
	assert_int_equal(uabi_layout__ioctl(r, "KVM_DEMO")->dir, UABI_DIR_RW);
	/* declared (--arg-types) is written only when true, and read back */
	assert_true(uabi_layout__ioctl(r, "KVM_DEMO")->declared);
	assert_false(uabi_layout__ioctl(r, "KVM_GET_DIRTY_LOG")->declared);
	assert_non_null(strstr(s1, "\"declared\": true"));
	assert_null(strstr(s1, "\"declared\": false"));
	assert_int_equal(r->nroots, 2);
	assert_int_equal(r->roots[0].type, T_RUN);
	assert_false(r->roots[1].applicable);
	assert_string_equal(r->roots[1].reason, "no such type");
	assert_int_equal(r->roots[1].type, UABI_NO_TYPE);
	assert_non_null(strstr(s1, "\"number_hex\": \"0xc018ae01\""));
	assert_non_null(strstr(s1, "\"dir\": \"read|write\""));

	/* keep a copy for tests/schema/validate.sh */
	assert_int_equal(uabi_json__write_layout(l, UABI_BINARY_DIR "/test_json-rich.json", &d), 0);

	free(s1);
	free(s2);
	free(disk);
	uabi_layout__free(r);
	uabi_layout__free(l);
}

/* The writer sorts ioctls by name whatever the model order; the reader
 * sorts too, so both directions agree. Duplicates fail. */
/* A dump's text with another input.root (a cache hit's) is the dump of
 * the layout with that root, whatever the root and the file names hold. */
static void test_dump_set_root(void **state)
{
	static const char *const roots[] = {
		"/tmp/tree", "", "a\"b\\c", "line\n  \"root\": \"x", "tab\there\x01\x1f",
		"caf\xc3\xa9/\xe2\x82\xac/", "include",
	};
	static const char *const bad[] = {
		"{\"input\": {\"root\": \"a\"}}",			/* not indented */
		"{\n \"input\": {\n }, \n  \"root\": \"a\"",	/* not input's */
		"{\n \"input\": {\n  \"root\": 1\n }\n}\n",		/* not a string */
		"{\n \"input\": {\n  \"root\": \"a\n\"\n }\n}\n",	/* a raw newline */
	};
	static const char *const evil[] = { "x\n  \"root\": \"y", "linux/types.h" };
	struct uabi_layout *l = rich_layout();
	struct uabi_diag d;
	char *base, *want, *got;
	size_t len, n;

	uabi_diag__clear(&d);
	l->input.files = (const char **)evil;
	base = uabi_json__dump_layout(l, &d);
	assert_non_null(base);
	for (size_t i = 0; i < sizeof(roots) / sizeof(roots[0]); i++) {
		l->input.root = roots[i];
		want = uabi_json__dump_layout(l, &d);
		assert_non_null(want);
		got = uabi_json__dump_set_root(base, strlen(base), roots[i], &len);
		assert_non_null(got);
		assert_int_equal(len, strlen(want));
		assert_string_equal(got, want);
		/* and back from that text */
		free(got);
		got = uabi_json__dump_set_root(want, strlen(want), "include", &n);
		assert_non_null(got);
		assert_string_equal(got, base);
		free(got);
		free(want);
	}
	/* a root the writer refuses (not UTF-8) */
	assert_null(uabi_json__dump_set_root(base, strlen(base), "bad\xff", &len));
	/* text the writer did not lay out */
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_null(uabi_json__dump_set_root(bad[i], strlen(bad[i]), "b", &len));
	/* cut before the end of the root's string */
	assert_null(uabi_json__dump_set_root(base, (size_t)(strstr(base, "\"include\"") + 3 - base),
					     "b", &len));
	free(base);
	uabi_layout__free(l);
}

static void test_ioctl_order(void **state)
{
	struct uabi_layout *l = rich_layout(), *r;
	struct uabi_ioctl tmp;
	struct uabi_diag d;
	char *sorted, *s;

	sorted = uabi_json__dump_layout(l, NULL);
	tmp = l->ioctls[0];
	l->ioctls[0] = l->ioctls[3];
	l->ioctls[3] = tmp;
	s = uabi_json__dump_layout(l, NULL);
	assert_string_equal(s, sorted);
	free(s);

	/* a hand-edited, unsorted file reads back sorted */
	s = mutate(sorted, "\"name\": \"KVM_DEMO\"", "\"name\": \"KVM_ZZZ\"");
	write_text("unsorted.json", s);
	free(s);
	r = read_ok("unsorted.json");
	assert_string_equal(r->ioctls[3].name, "KVM_ZZZ");
	assert_string_equal(r->ioctls[0].name, "KVM_GET_DIRTY_LOG");
	uabi_layout__free(r);

	l->ioctls[0].name = "KVM_RUN";
	uabi_diag__clear(&d);
	assert_null(uabi_json__dump_layout(l, &d));
	assert_string_equal(d.msg, "x86_64: ioctl KVM_RUN: listed twice");
	free(sorted);
	uabi_layout__free(l);
}

static void test_writer_errors(void **state)
{
	struct uabi_layout *l = tiny_layout();
	struct uabi_diag d;

	l->input.sha256 = NULL;
	uabi_diag__clear(&d);
	assert_null(uabi_json__dump_layout(l, &d));
	assert_string_equal(d.msg, "toy: input.sha256: missing");
	l->input.sha256 = "00";
	l->types[0].size = UINT64_C(1) << 58;
	assert_null(uabi_json__dump_layout(l, &d));
	assert_string_equal(d.msg, "toy: types[].size: 288230376151711744 above the dump limit "
				   "288230376151711743");
	l->types[0].size = 4;
	l->input.sha256 = "00";
	l->types[1].members[0].decl_file = "\xff\xfe";
	uabi_diag__clear(&d);
	assert_int_equal(uabi_json__write_layout(l, "never.json", &d), -EILSEQ);
	assert_string_equal(d.msg, "toy: members[].file: not valid UTF-8");
	assert_int_equal(access("never.json", F_OK), -1);
	uabi_layout__free(l);
}

/* A failed write leaves neither the target nor a temporary file. */
static void test_write_atomic_failure(void **state)
{
	struct uabi_layout *l = tiny_layout();
	struct uabi_diag d;
	char list[1024];

	assert_int_equal(mkdir("w", 0777), 0);
	uabi_diag__clear(&d);
	assert_int_equal(uabi_json__write_layout(l, "w/missing/dump.json", &d), -ENOENT);
	assert_string_equal(d.msg, "w/missing/dump.json: cannot create: No such file or directory");
	test_list_dir("w", list, sizeof(list));
	assert_string_equal(list, "");

	/* the temporary file is written, then the rename onto a directory fails */
	assert_int_equal(mkdir("w/dump.json", 0777), 0);
	uabi_diag__clear(&d);
	assert_int_equal(uabi_json__write_layout(l, "w/dump.json", &d), -EISDIR);
	assert_string_equal(d.msg, "w/dump.json: cannot write: Is a directory");
	test_list_dir("w", list, sizeof(list));
	assert_string_equal(list, "dump.json");

	/* and a successful one leaves exactly the file */
	assert_int_equal(uabi_json__write_layout(l, "w/ok.json", &d), 0);
	test_list_dir("w", list, sizeof(list));
	assert_string_equal(list, "dump.json ok.json");
	uabi_layout__free(l);
}

/* ------------------------------------------------------------------ */
/* reader validation: one test per error path                           */
/* ------------------------------------------------------------------ */

static void test_read_not_json(void **state)
{
	struct uabi_layout *l = NULL;
	struct uabi_diag d;

	read_fails("{\"schema_version\": 1,,}",
		   "bad.json: not JSON: string or '}' expected near ',' at line 1 column 22");
	read_fails("", "bad.json: not JSON: '[' or '{' expected near end of file at line 1 column 0");
	read_fails("{\"a\": 1, \"a\": 2}",
		   "bad.json: not JSON: duplicate object key near '\"a\"' at line 1 column 12");
	read_fails("[1]", "bad.json: expected an object at the top level, got array");
	uabi_diag__clear(&d);
	assert_int_equal(uabi_json__read_layout("absent.json", &l, &d), -ENOENT);
	assert_string_equal(d.msg, "absent.json: No such file or directory");
}

static void test_read_schema_version(void **state)
{
	mutant_fails("\"schema_version\": 1", "\"schema_version\": 2",
		     "bad.json: schema_version: unsupported version 2 (this uabi reads 1)");
	mutant_fails("\"schema_version\": 1", "\"schema_version\": \"1\"",
		     "bad.json: schema_version: expected integer, got string");
	mutant_fails(" \"schema_version\": 1,\n", "",
		     "bad.json: schema_version: missing");
	/* a newer version is reported as such, not as its new fields */
	mutant_fails("\"schema_version\": 1", "\"schema_version\": 3, \"future\": {}",
		     "bad.json: schema_version: unsupported version 3 (this uabi reads 1)");
}

static void test_read_id_range(void **state)
{
	mutant_fails("\"type\": 0,\n     \"type_spelling\": \"int\"\n    },\n    {",
		     "\"type\": 99,\n     \"type_spelling\": \"int\"\n    },\n    {",
		     "bad.json: types[1].members[0].type: id 99 out of range (2 types)");
	mutant_fails("\"arg\": 1,", "\"arg\": 2,",
		     "bad.json: ioctls[0].arg: id 2 out of range (2 types)");
	mutant_fails("\"arg\": 1,", "\"arg\": -1,",
		     "bad.json: ioctls[0].arg: id -1 out of range (2 types)");
	mutant_fails("\"roots\": []", "\"roots\": [{\"name\": \"r\", \"applicable\": true, \"type\": 7}]",
		     "bad.json: roots[0].type: id 7 out of range (2 types)");
	mutant_fails("\"id\": 1,", "\"id\": 0,",
		     "bad.json: types[1].id: 0 does not match its position 1");
}

static void test_read_json_types(void **state)
{
	mutant_fails("\"size\": 8,\n   \"spelling\": \"struct s\"",
		     "\"size\": \"8\",\n   \"spelling\": \"struct s\"",
		     "bad.json: types[1].size: expected integer, got string");
	mutant_fails("\"applicable\": true", "\"applicable\": 1",
		     "bad.json: ioctls[0].applicable: expected boolean, got integer");
	mutant_fails("\"name\": \"x\"", "\"name\": 5",
		     "bad.json: types[1].members[0].name: expected string or null, got integer");
	mutant_fails("\"files\": [\n   \"a.h\"\n  ]", "\"files\": [\n   \"a.h\", 3\n  ]",
		     "bad.json: input.files[1]: expected string, got integer");
	mutant_fails("\"profile\": {", "\"profile\": [], \"x\": {",
		     "bad.json: x: unknown field");
	mutant_fails("\"ioctls\": [\n  {", "\"ioctls\": [\n  7, {",
		     "bad.json: ioctls[0]: expected object, got integer");
	mutant_fails("\"line\": 5", "\"line\": 5.0",
		     "bad.json: ioctls[0].line: expected integer, got real");
	mutant_fails("\"nr\": 1", "\"nr\": 4294967296",
		     "bad.json: ioctls[0].nr: 4294967296 out of range (0..4294967295)");
	mutant_fails("\"bit_offset\": 38", "\"bit_offset\": -38",
		     "bad.json: types[1].members[1].bit_offset: -38 out of range (0..2305843009213693951)");
	mutant_fails("\"size\": 8,\n   \"spelling\": \"struct s\"",
		     "\"size\": 288230376151711744,\n   \"spelling\": \"struct s\"",
		     "bad.json: types[1].size: 288230376151711744 out of range (0..288230376151711743)");
}

static void test_read_words(void **state)
{
	mutant_fails("\"kind\": \"struct\"", "\"kind\": \"strukt\"",
		     "bad.json: types[1].kind: unknown kind 'strukt'");
	mutant_fails("\"encoding\": \"signed\"", "\"encoding\": \"signedish\"",
		     "bad.json: types[0].encoding: unknown encoding 'signedish'");
	mutant_fails("\"dir\": \"read\"", "\"dir\": \"sideways\"",
		     "bad.json: ioctls[0].dir: unknown direction 'sideways'");
}

static void test_read_fields(void **state)
{
	mutant_fails("  \"sha256\": \"00\"\n", "  \"sha257\": \"00\"\n",
		     "bad.json: input.sha257: unknown field");
	mutant_fails("\"kind\": \"headers\",", "", "bad.json: input.kind: missing");
	mutant_fails("\"encoding\": \"signed\",", "\"encoding\": \"signed\", \"members\": [],",
		     "bad.json: types[0].members: unknown field for kind base");
	mutant_fails("\"encoding\": \"signed\",", "",
		     "bad.json: types[0].encoding: missing");
	mutant_fails("\"members\": [", "\"zz\": 1, \"count\": 1, \"members\": [",
		     "bad.json: types[1].count: unknown field for kind struct");
	mutant_fails("\"applicable\": true", "\"applicable\": true, \"reason\": \"x\"",
		     "bad.json: ioctls[0].reason: given for an applicable ioctl");
}

static void test_read_enumerators(void **state)
{
	static const char base[] =
		"{\"schema_version\": 1, \"profile\": {\"name\": \"p\", \"arch\": \"a\", \"model\": \"LP64\","
		" \"endian\": \"little\", \"pointer_size\": 8, \"long_size\": 8, \"producer\": null,"
		" \"cc\": []}, \"input\": {\"kind\": \"headers\", \"root\": \".\", \"headers\": [],"
		" \"files\": [], \"kernel_version\": null, \"sha256\": \"\"}, \"ioctls\": [],"
		" \"roots\": [], \"types\": [{\"id\": 0, \"kind\": \"enum\", \"name\": \"e\", \"size\": 8,"
		" \"align\": 8, \"enumerators\": [{\"name\": \"E\", \"value\": VALUE}]}]}";
	struct uabi_layout *l;
	char *s;

	s = mutate(base, "VALUE", "\"9223372036854775808\"");
	write_text("enum.json", s);
	free(s);
	l = read_ok("enum.json");
	assert_true(l->types[0].enumerators[0].is_unsigned);
	assert_true((uint64_t)l->types[0].enumerators[0].value == 9223372036854775808ull);
	uabi_layout__free(l);

	s = mutate(base, "VALUE", "\"12\"");
	read_fails(s, "bad.json: types[0].enumerators[0].value: '12' is not a decimal above "
		      "9223372036854775807 (write smaller values as integers)");
	free(s);
	s = mutate(base, "VALUE", "\"18446744073709551616\"");
	read_fails(s, "bad.json: types[0].enumerators[0].value: '18446744073709551616' is not a "
		      "decimal above 9223372036854775807 (write smaller values as integers)");
	free(s);
	s = mutate(base, "VALUE", "true");
	read_fails(s, "bad.json: types[0].enumerators[0].value: expected string or integer, got boolean");
	free(s);
}

static void test_read_semantics(void **state)
{
	/* two ioctls of the same name */
	char *one = mutate(tiny_golden, "\"ioctls\": [\n", "\"ioctls\": [\n  {\"applicable\": true, "
			   "\"arg\": null, \"arg_type\": null, \"dir\": \"none\", \"file\": null, "
			   "\"line\": 0, \"macro\": \"_IO\", \"name\": \"S_GET\", \"nr\": 0, "
			   "\"number\": 0, \"size\": 0, \"type\": 0},\n");

	read_fails(one, "bad.json: ioctls: S_GET listed twice");
	free(one);
	/* a declared argument type needs a type */
	one = mutate(tiny_golden, "\"ioctls\": [\n", "\"ioctls\": [\n  {\"applicable\": true, "
		     "\"arg\": null, \"arg_type\": null, \"declared\": true, \"dir\": \"none\", "
		     "\"file\": null, \"line\": 0, \"macro\": \"_IO\", \"name\": \"S_PART\", "
		     "\"nr\": 0, \"number\": 0, \"size\": 0, \"type\": 0},\n");
	read_fails(one, "bad.json: ioctls[0].declared: true without an arg_type");
	free(one);
	/* uabi_layout__finish() rejects what no compiler writes */
	mutant_fails("\"size\": 8,\n   \"spelling\": \"struct s\"",
		     "\"size\": 4,\n   \"spelling\": \"struct s\"",
		     "bad.json: struct s: members end at bit 42 beyond the size of 4 bytes");
}

/* ------------------------------------------------------------------ */
/* profiles                                                             */
/* ------------------------------------------------------------------ */

static const char profiles_golden[] =
	"{\n"
	" \"profiles\": [\n"
	"  {\n"
	"   \"arch\": \"x86\",\n"
	"   \"cc\": [\n"
	"    \"gcc\",\n"
	"    \"-m32\"\n"
	"   ],\n"
	"   \"compat\": [],\n"
	"   \"endian\": \"little\",\n"
	"   \"ld\": [\n"
	"    \"ld\",\n"
	"    \"-m\",\n"
	"    \"elf_i386\"\n"
	"   ],\n"
	"   \"model\": \"ILP32\",\n"
	"   \"name\": \"i386-gcc\",\n"
	"   \"note\": \"gcc instead of clang\",\n"
	"   \"prelude\": \"#define X 1\\n\",\n"
	"   \"shadows\": [\n"
	"    {\n"
	"     \"path\": \"asm/x.h\",\n"
	"     \"text\": \"/* x */\\n\"\n"
	"    }\n"
	"   ],\n"
	"   \"triplet\": \"i386-linux-gnu\"\n"
	"  }\n"
	" ]\n"
	"}\n";

static void empty_set(struct uabi_profile_set *set)
{
	memset(set, 0, sizeof(*set));
	uabi_arena__init(&set->arena);
}

/* The example reads into an empty set and dumps back to the same bytes. */
static void test_profiles_example(void **state)
{
	struct uabi_profile_set set;
	const struct uabi_profile *p;
	struct uabi_diag d;
	char *file, *s;

	empty_set(&set);
	uabi_diag__clear(&d);
	if (uabi_json__read_profiles(UABI_SOURCE_DIR "/schemas/examples/profiles.json", &set, &d))
		fail_msg("%s", d.msg);
	assert_int_equal(set.n, 1);
	p = uabi_profiles__find(&set, "i386-gcc");
	assert_non_null(p);
	assert_string_equal(p->ld[2], "elf_i386");
	assert_null(p->ld[3]);
	assert_null(p->compat[0]);
	assert_int_equal(p->nshadows, 1);
	assert_string_equal(p->shadows[0].text, "/* x */\n");
	file = test_read_text(UABI_SOURCE_DIR "/schemas/examples/profiles.json");
	assert_string_equal(file, profiles_golden);
	s = uabi_json__dump_profiles(&set, NULL, &d);
	assert_non_null(s);
	assert_string_equal(s, profiles_golden);
	free(s);
	free(file);
	uabi_profiles__free(&set);
}

/* The fast parser (Jansson's lexer is the fallback for errors): escapes,
 * \u with surrogate pairs, raw UTF-8, nesting, and what it must refuse. */
static void test_parse_escapes(void **state)
{
	struct uabi_profile_set set;
	const struct uabi_profile *p;
	struct uabi_diag d;

	uabi_diag__clear(&d);
	assert_int_equal(uabi_profiles__builtin(&set, &d), 0);
	write_text("p.json",
		   " {\"profiles\": [{\"name\": \"esc\", \"arch\": \"x86\", \"triplet\": \"t\","
		   " \"model\": \"LP64\", \"endian\": \"little\", \"cc\": [\"cc\"], \"ld\": [\"ld\"],"
		   " \"note\": \"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\\\ \\/ \\t\\n\\r\\b\\f \xc3\xa9\","
		   " \"prelude\": \"\"}]}\r\n\t ");
	assert_int_equal(uabi_json__read_profiles("p.json", &set, &d), 0);
	p = uabi_profiles__find(&set, "esc");
	assert_non_null(p);
	assert_string_equal(p->note, "caf\xc3\xa9 \xf0\x9f\x98\x80 \"q\" \\ / \t\n\r\b\f \xc3\xa9");
	assert_string_equal(p->prelude, "");
	uabi_profiles__free(&set);

	/* refused by both parsers, with Jansson's words */
	assert_int_equal(uabi_profiles__builtin(&set, &d), 0);
	write_text("p.json", "{\"profiles\": [], \"x\": 01}");
	assert_int_equal(uabi_json__read_profiles("p.json", &set, &d), -EINVAL);
	assert_non_null(strstr(d.msg, "p.json: not JSON: "));
	write_text("p.json", "{\"profiles\": [\"\\ud83d\"]}");
	assert_int_equal(uabi_json__read_profiles("p.json", &set, &d), -EINVAL);
	assert_non_null(strstr(d.msg, "p.json: not JSON: "));
	write_text("p.json", "{\"profiles\": [\"\xc3\"]}");
	assert_int_equal(uabi_json__read_profiles("p.json", &set, &d), -EINVAL);
	assert_non_null(strstr(d.msg, "p.json: not JSON: "));
	uabi_profiles__free(&set);
}

/* The fast parser itself: what it must take (and agree with Jansson on)
 * and what it must leave to Jansson. */
static void test_fast_parser(void **state)
{
	static const char *const takes[] = {
		"{}",
		" [ ] ",
		"{\"a\": [1, -2, 0, 9223372036854775807, -9223372036854775808], \"b\": {\"c\": null}}",
		"{\"t\": true, \"f\": false, \"s\": \"\\u00e9\\ud83d\\ude00\\t\\\"\\\\\\/\"}",
		"[\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\", {\"k\": []}]\n",
	};
	static const char *const refuses[] = {
		"",			/* not an object or array */
		"3",
		"{\"a\": 1.5}",		/* reals are Jansson's */
		"{\"a\": 01}",		/* leading zero */
		"{\"a\": 18446744073709551616}",
		"{\"a\": 1, \"a\": 2}",	/* duplicate key */
		"{\"a\": \"\\ud83d\"}",	/* lone surrogate */
		"{\"a\": \"\\u0000\"}",	/* NUL */
		"{\"a\": \"\xc3\"}",	/* invalid UTF-8 */
		"{\"a\": \"\x01\"}",	/* raw control character */
		"{\"a\": 1,}",
		"[1] x",
		"{\"a\" 1}",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(takes) / sizeof(takes[0]); i++)
		if (uabi_json__fast_parse_check(takes[i], strlen(takes[i])) != 1)
			fail_msg("fast parser does not take (or differs on) %s", takes[i]);
	for (size_t i = 0; i < sizeof(refuses) / sizeof(refuses[0]); i++)
		if (uabi_json__fast_parse_check(refuses[i], strlen(refuses[i])) != 0)
			fail_msg("fast parser takes %s", refuses[i]);
}

/* Commas where JSON has none: a trailing comma in an array or object, a
 * leading one, an empty slot, at any depth. Both parsers refuse each, and
 * the reader says what Jansson says, for dumps and profile files alike. */
static void test_fast_parser_commas(void **state)
{
	static const struct {
		const char *text, *why;
	} cases[] = {
		{ "[1,]", "unexpected token near ']' at line 1 column 4" },
		{ "[1 , ]", "unexpected token near ']' at line 1 column 6" },
		{ "[,]", "unexpected token near ',' at line 1 column 2" },
		{ "[,1]", "unexpected token near ',' at line 1 column 2" },
		{ "[1,,2]", "unexpected token near ',' at line 1 column 4" },
		{ "[1,]]", "unexpected token near ']' at line 1 column 4" },
		{ "[[1,],2]", "unexpected token near ']' at line 1 column 5" },
		{ "{\"a\":[1,2,]}", "unexpected token near ']' at line 1 column 11" },
		{ "{\"a\":1,}", "string or '}' expected near '}' at line 1 column 8" },
		{ "{,}", "string or '}' expected near ',' at line 1 column 2" },
		{ "{,\"a\":1}", "string or '}' expected near ',' at line 1 column 2" },
		{ "{\"a\":1,,\"b\":2}", "string or '}' expected near ',' at line 1 column 8" },
		{ "[{\"a\":1,}]", "string or '}' expected near '}' at line 1 column 9" },
		{ "{\"a\":{\"b\":[],},\"c\":1}", "string or '}' expected near '}' at line 1 column 14" },
	};
	struct uabi_profile_set set;
	struct uabi_layout *l;
	struct uabi_diag d;
	char want[256];

	(void)state;
	uabi_diag__clear(&d);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *t = cases[i].text;

		if (uabi_json__fast_parse_check(t, strlen(t)) != 0)
			fail_msg("fast parser takes %s", t);
		write_text("c.json", t);
		snprintf(want, sizeof(want), "c.json: not JSON: %s", cases[i].why);
		assert_int_equal(uabi_json__read_layout("c.json", &l, &d), -EINVAL);
		assert_null(l);
		assert_string_equal(d.msg, want);
		assert_int_equal(uabi_profiles__builtin(&set, &d), 0);
		assert_int_equal(uabi_json__read_profiles("c.json", &set, &d), -EINVAL);
		assert_string_equal(d.msg, want);
		assert_int_equal(set.n, 15);	/* untouched */
		uabi_profiles__free(&set);
	}
	/* the same without the stray comma is JSON */
	assert_int_equal(uabi_json__fast_parse_check("[[1],2]", 7), 1);
	assert_int_equal(uabi_json__fast_parse_check("{\"a\":{\"b\":[]},\"c\":1}", 20), 1);
}

/* The kind, not the cases: every one-byte deletion and every insertion of
 * a structural character into real documents (the dump and profiles
 * examples) is either refused by the fast parser or read as Jansson reads
 * it; never taken where Jansson refuses or reads otherwise. */
static void test_fast_parser_mutations(void **state)
{
	static const char *const docs[] = {
		UABI_SOURCE_DIR "/schemas/examples/dump.json",
		UABI_SOURCE_DIR "/schemas/examples/profiles.json",
	};
	static const char ins[] = ",[]{}:\"0-";
	size_t taken = 0, refused = 0;

	(void)state;
	for (size_t f = 0; f < sizeof(files) / sizeof(docs[0]); f++) {
		char *text = test_read_text(docs[f]);
		size_t n = strlen(text);
		char *m = malloc(n + 2);

		assert_non_null(m);
		for (size_t i = 0; i <= n; i++) {
			for (size_t k = 0; k <= sizeof(ins) - 1; k++) {
				size_t len;
				int r;

				if (k == sizeof(ins) - 1) {	/* delete byte i */
					if (i == n)
						continue;
					memcpy(m, text, i);
					memcpy(m + i, text + i + 1, n - i - 1);
					len = n - 1;
				} else {			/* insert ins[k] before byte i */
					memcpy(m, text, i);
					m[i] = ins[k];
					memcpy(m + i + 1, text + i, n - i);
					len = n + 1;
				}
				r = uabi_json__fast_parse_check(m, len);
				if (r < 0)
					fail_msg("%s: fast parser and Jansson disagree on the mutation at %zu: %.*s",
						 docs[f], i, (int)len, m);
				if (r)
					taken++;
				else
					refused++;
			}
		}
		free(m);
		free(text);
	}
	/* both outcomes occur: the sweep tests something */
	assert_true(taken > 100);
	assert_true(refused > 1000);
}

static void test_profiles_merge(void **state)
{
	struct uabi_profile_set set;
	const struct uabi_profile *p;
	struct uabi_diag d;

	uabi_diag__clear(&d);
	assert_int_equal(uabi_profiles__builtin(&set, &d), 0);
	assert_int_equal(set.n, 15);
	write_text("p.json",
		   "{\"profiles\": [\n"
		   " {\"name\": \"x86_64\", \"arch\": \"x86\", \"triplet\": \"x86_64-linux-gnu\","
		   " \"model\": \"LP64\", \"endian\": \"little\", \"cc\": [\"gcc\", \"-m64\"],"
		   " \"ld\": [\"ld\"], \"compat\": [\"i386\"]},\n"
		   " {\"name\": \"toy\", \"arch\": \"x86\", \"triplet\": \"t\", \"model\": \"ILP32\","
		   " \"endian\": \"big\", \"cc\": [\"cc\"], \"ld\": [\"ld\"], \"compat\": [],"
		   " \"present\": false}\n"
		   "]}\n");
	assert_int_equal(uabi_json__read_profiles("p.json", &set, &d), 0);
	assert_int_equal(set.n, 16);
	p = uabi_profiles__find(&set, "x86_64");
	assert_string_equal(p->cc[0], "gcc");
	assert_string_equal(p->cc[1], "-m64");
	assert_null(p->cc[2]);
	assert_string_equal(p->compat[0], "i386");
	assert_null(p->compat[1]);
	assert_ptr_equal(set.v, p);	/* replaced in place: order kept */
	p = uabi_profiles__find(&set, "toy");
	assert_ptr_equal(&set.v[15], p);
	assert_string_equal(p->endian, "big");
	assert_null(p->note);
	uabi_profiles__free(&set);
}

static void profiles_fail(const char *profile, const char *msg)
{
	struct uabi_profile_set set;
	struct uabi_diag d;
	char text[4096];

	snprintf(text, sizeof(text), "{\"profiles\": [%s]}", profile);
	write_text("p.json", text);
	uabi_diag__clear(&d);
	assert_int_equal(uabi_profiles__builtin(&set, &d), 0);
	assert_int_equal(uabi_json__read_profiles("p.json", &set, &d), -EINVAL);
	assert_string_equal(d.msg, msg);
	/* nothing merged: the good first profile is not in the set */
	assert_int_equal(set.n, 15);
	assert_null(uabi_profiles__find(&set, "good"));
	uabi_profiles__free(&set);
}

#define GOOD "{\"name\": \"good\", \"arch\": \"x86\", \"triplet\": \"t\", \"model\": \"LP64\"," \
	" \"endian\": \"little\", \"cc\": [\"cc\"], \"ld\": [\"ld\"], \"compat\": []}, "
#define P(extra) "{\"name\": \"p\", \"arch\": \"x86\", \"triplet\": \"t\", \"model\": \"LP64\"," \
	" \"endian\": \"little\", \"ld\": [\"ld\"], " extra "}"

static void test_profiles_errors(void **state)
{
	profiles_fail(GOOD P("\"compat\": [], \"cc\": [\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\","
			     "\"9\",\"10\",\"11\",\"12\",\"13\",\"14\",\"15\",\"16\"]"),
		      "p.json: profiles[1].cc: 16 entries, at most 15");
	profiles_fail(GOOD P("\"cc\": [\"cc\"], \"compat\": [\"a\", \"b\", \"c\", \"d\"]"),
		      "p.json: profiles[1].compat: 4 entries, at most 3");
	profiles_fail(GOOD P("\"cc\": [], \"compat\": []"), "p.json: profiles[1].cc: empty");
	profiles_fail(GOOD P("\"cc\": [\"cc\", 3], \"compat\": []"),
		      "p.json: profiles[1].cc[1]: expected string, got integer");
	/* compat may be absent (a profile that serves no compat ABI); cc may not */
	profiles_fail(GOOD P("\"compat\": []"), "p.json: profiles[1].cc: missing");
	profiles_fail(GOOD P("\"cc\": [\"cc\"], \"compat\": [], \"shadows\": [{\"path\": \"a\","
			     " \"text\": \"\"}, {\"path\": \"b\", \"text\": \"\"}, {\"path\": \"c\","
			     " \"text\": \"\"}, {\"path\": \"d\", \"text\": \"\"}, {\"path\": \"e\","
			     " \"text\": \"\"}]"),
		      "p.json: profiles[1].shadows: 5 entries, at most 4");
	profiles_fail(GOOD P("\"cc\": [\"cc\"], \"compat\": [], \"shadows\": [{\"path\": \"asm/../../x\","
			     " \"text\": \"\"}]"),
		      "p.json: profiles[1].shadows[0].path: 'asm/../../x' is not a relative path inside "
		      "the include directory");
	profiles_fail(GOOD P("\"cc\": [\"cc\"], \"compat\": [], \"shadows\": [{\"path\": \"a.h\"}]"),
		      "p.json: profiles[1].shadows[0].text: missing");
	profiles_fail(GOOD P("\"cc\": [\"cc\"], \"compat\": [], \"colour\": 1"),
		      "p.json: profiles[1].colour: unknown field");
	profiles_fail(GOOD GOOD "1", "p.json: profiles[1].name: 'good' already defined by profiles[0]");
	profiles_fail(GOOD "1", "p.json: profiles[1]: expected object, got integer");
	profiles_fail(GOOD "{\"name\": \"a b\"}",
		      "p.json: profiles[1].name: 'a b' has characters other than letters, digits, "
		      "'_', '-', '.'");
	profiles_fail(GOOD "{\"name\": \"\"}", "p.json: profiles[1].name: empty string");
	profiles_fail(GOOD "{\"name\": \"e\", \"arch\": \"x86\", \"triplet\": \"t\", \"model\": \"LP64\","
		      " \"endian\": \"middle\"}",
		      "p.json: profiles[1].endian: unknown byte order 'middle' (little or big)");
	profiles_fail(GOOD "{\"name\": \"e\", \"arch\": \"x86\", \"triplet\": \"t\", \"model\": \"LLP64\"}",
		      "p.json: profiles[1].model: unknown model 'LLP64' (ILP32 or LP64)");
}

static void test_profiles_dump_present(void **state)
{
	struct uabi_profile_set set;
	struct uabi_diag d;
	bool present[15] = { true };
	char *s;

	uabi_diag__clear(&d);
	assert_int_equal(uabi_profiles__builtin(&set, &d), 0);
	s = uabi_json__dump_profiles(&set, present, &d);
	assert_non_null(s);
	/* x86_64 first, present; i386 second, absent */
	assert_non_null(strstr(s, "\"name\": \"x86_64\",\n   \"present\": true,"));
	assert_non_null(strstr(s, "\"name\": \"i386\",\n   \"note\": \"__u64 is 4-byte aligned in structs\",\n"
				  "   \"present\": false,"));
	write_text("all.json", s);
	free(s);
	/* the dump is itself a valid profiles file */
	assert_int_equal(uabi_json__read_profiles("all.json", &set, &d), 0);
	assert_int_equal(set.n, 15);
	s = uabi_json__dump_profiles(&set, NULL, &d);
	assert_null(strstr(s, "present"));
	free(s);
	uabi_profiles__free(&set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_text),
		cmocka_unit_test(test_example_is_golden),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_dump_set_root),
		cmocka_unit_test(test_ioctl_order),
		cmocka_unit_test(test_writer_errors),
		cmocka_unit_test(test_write_atomic_failure),
		cmocka_unit_test(test_read_not_json),
		cmocka_unit_test(test_read_schema_version),
		cmocka_unit_test(test_read_id_range),
		cmocka_unit_test(test_read_json_types),
		cmocka_unit_test(test_read_words),
		cmocka_unit_test(test_read_fields),
		cmocka_unit_test(test_read_enumerators),
		cmocka_unit_test(test_read_semantics),
		cmocka_unit_test(test_profiles_example),
		cmocka_unit_test(test_parse_escapes),
		cmocka_unit_test(test_fast_parser),
		cmocka_unit_test(test_fast_parser_commas),
		cmocka_unit_test(test_fast_parser_mutations),
		cmocka_unit_test(test_profiles_merge),
		cmocka_unit_test(test_profiles_errors),
		cmocka_unit_test(test_profiles_dump_present),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
