// SPDX-License-Identifier: MIT
/*
 * uabi_layout__merge() (core/model.c): the layouts of two header groups of
 * one ABI become one. Hand-built layouts check the exact result (type counts
 * after sharing, remapped indices of members, ioctls and roots, a struct
 * pointing to itself, an array of a struct, a conflicting ioctl name, the
 * input lists); the golden dumps (tests/golden/<case>/expect-<abi>.json, read
 * and written with core/json.h) check that a merge into an empty layout, and
 * a merge of a dump into itself, give the dump back byte for byte.
 */
#include <errno.h>
#include <glob.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "builder.h"

#include "core/json.h"
#include "core/model.h"

/* ---- helpers ----------------------------------------------------------- */

static uint32_t base(struct uabi_layout *l, const char *name, uint64_t size)
{
	uint32_t id = add(l, UABI_KIND_BASE, name, size, (uint32_t)size, UABI_NO_TYPE);

	uabi_layout__type(l, id)->encoding = UABI_ENC_UNSIGNED;
	return id;
}

static void at(struct uabi_layout *l, uint32_t id, const char *file, uint32_t line)
{
	uabi_layout__type(l, id)->decl_file = file;
	uabi_layout__type(l, id)->decl_line = line;
}

static uint32_t array(struct uabi_layout *l, uint32_t elem, uint64_t count)
{
	const struct uabi_type *e = uabi_layout__type(l, elem);
	uint32_t id = add(l, UABI_KIND_ARRAY, NULL, count * e->size, e->align, elem);

	uabi_layout__type(l, id)->count = count;
	return id;
}

static struct uabi_ioctl *ioctls(struct uabi_layout *l, uint32_t n)
{
	l->ioctls = uabi_arena__alloc(&l->arena, n * sizeof(*l->ioctls));
	assert_non_null(l->ioctls);
	l->nioctls = n;
	return l->ioctls;
}

static void set_ioctl(struct uabi_ioctl *io, const char *name, uint32_t type, const char *file,
		      uint32_t line)
{
	io->name = name;
	io->macro = "_IOW";
	io->arg_type = "struct x";
	io->applicable = type != UABI_NO_TYPE;
	io->reason = io->applicable ? NULL : "unknown type name";
	io->type = type;
	io->dir = UABI_DIR_WRITE;
	io->decl_file = file;
	io->decl_line = line;
}

/* What a dump needs besides types: the x86_64 profile and input identity. */
static void facts(struct uabi_layout *l, const char *sha)
{
	l->profile.name = "x86_64";
	l->profile.arch = "x86";
	l->profile.model = "LP64";
	l->profile.endian = "little";
	l->profile.pointer_size = 8;
	l->profile.long_size = 8;
	l->input.kind = "kernel-tree";
	l->input.root = "tree";
	l->input.sha256 = sha;
}

static char *dump(const struct uabi_layout *l)
{
	struct uabi_diag d = { 0 };
	char *s = uabi_json__dump_layout(l, &d);

	if (!s)
		fail_msg("dump: %s", d.msg);
	return s;
}

static struct uabi_layout *read_dump(const char *path)
{
	struct uabi_layout *l = NULL;
	struct uabi_diag d = { 0 };

	if (uabi_json__read_layout(path, &l, &d))
		fail_msg("%s: %s", path, d.msg);
	return l;
}

struct conflicts {
	unsigned n;
	char text[512];
};

/* The caller's report: "NAME defined in a.h:10 and b.h:20". */
static void on_conflict(void *ctx, const struct uabi_ioctl *kept, const struct uabi_ioctl *dropped)
{
	struct conflicts *c = ctx;
	size_t len = strlen(c->text);

	snprintf(c->text + len, sizeof(c->text) - len, "%s%s defined in %s:%u and %s:%u",
		 c->n++ ? "; " : "", kept->name, kept->decl_file, kept->decl_line, dropped->decl_file,
		 dropped->decl_line);
}

static const char *const foo_h = "include/uapi/linux/foo.h";
static const char *const bar_h = "include/uapi/linux/bar.h";
static const char *const ll64_h = "include/uapi/asm-generic/int-ll64.h";

/*
 * Group 1 (linux/foo.h):
 *	struct foo { __u32 a; struct foo *next; };	foo.h:5, 16 bytes
 *	__u32 v4[4] (as a type)
 */
static struct uabi_layout *group1(void)
{
	struct uabi_layout *l = uabi_layout__new();
	struct uabi_member *m;
	struct uabi_ioctl *io;
	static const char *headers[] = { "linux/foo.h" };
	static const char *files[] = { "include/uapi/linux/foo.h", "include/uapi/linux/types.h" };
	static const struct uabi_skipped_header skipped[] = {
		{ "linux/bar.h", "judged in the other group" },
		{ "linux/zzz.h", "needs libc" },
	};

	assert_non_null(l);
	facts(l, "1111");
	base(l, "unsigned int", 4);					/* 0 */
	at(l, add(l, UABI_KIND_TYPEDEF, "__u32", 4, 0, 0), ll64_h, 27);	/* 1 */
	at(l, add(l, UABI_KIND_STRUCT, "foo", 16, 0, UABI_NO_TYPE), foo_h, 5);	/* 2 */
	add(l, UABI_KIND_POINTER, NULL, 8, 8, 2);			/* 3 */
	array(l, 1, 4);							/* 4 */
	m = members(l, 2, 2);
	set_member(&m[0], "a", 1, 0, 0);
	set_member(&m[1], "next", 3, 64, 0);

	io = ioctls(l, 3);
	set_ioctl(&io[0], "FOO_GET", 2, foo_h, 20);
	set_ioctl(&io[1], "LATE", UABI_NO_TYPE, foo_h, 30);
	set_ioctl(&io[2], "SHARED", 4, "include/uapi/linux/a.h", 10);

	l->roots = uabi_arena__alloc(&l->arena, 2 * sizeof(*l->roots));
	assert_non_null(l->roots);
	l->nroots = 2;
	l->roots[0] = (struct uabi_root){ "struct foo", true, NULL, 2 };
	l->roots[1] = (struct uabi_root){ "struct bar", false, "incomplete type", UABI_NO_TYPE };

	l->input.headers = headers;
	l->input.nheaders = 1;
	l->input.files = files;
	l->input.nfiles = 2;
	l->input.skipped = skipped;
	l->input.nskipped = 2;
	return l;
}

/*
 * Group 2 (linux/bar.h, which includes linux/foo.h), its types in another order:
 *	struct bar { struct foo f; __u32 v[4]; struct foo fs[2]; };	bar.h:3, 64 bytes
 *	struct self { struct self *next; __u32 v; };			bar.h:10, 16 bytes
 */
static struct uabi_layout *group2(void)
{
	struct uabi_layout *l = uabi_layout__new();
	struct uabi_member *m;
	struct uabi_ioctl *io;
	static const char *headers[] = { "linux/bar.h", "linux/foo.h" };
	static const char *files[] = { "include/uapi/linux/bar.h", "include/uapi/linux/foo.h",
				       "include/uapi/linux/types.h" };
	static const struct uabi_skipped_header skipped[] = {
		{ "linux/aaa.h", "x" },
		{ "linux/foo.h", "judged in the other group" },
		{ "linux/zzz.h", "another reason" },
	};

	assert_non_null(l);
	facts(l, "2222");
	at(l, add(l, UABI_KIND_STRUCT, "bar", 64, 0, UABI_NO_TYPE), bar_h, 3);	/* 0 */
	at(l, add(l, UABI_KIND_TYPEDEF, "__u32", 4, 0, 2), ll64_h, 27);	/* 1 */
	base(l, "unsigned int", 4);					/* 2 */
	at(l, add(l, UABI_KIND_STRUCT, "foo", 16, 0, UABI_NO_TYPE), foo_h, 5);	/* 3 */
	add(l, UABI_KIND_POINTER, NULL, 8, 8, 3);			/* 4 */
	array(l, 1, 4);							/* 5: shared */
	add(l, UABI_KIND_ARRAY, NULL, 32, 0, 3);			/* 6: struct foo [2] */
	uabi_layout__type(l, 6)->count = 2;
	at(l, add(l, UABI_KIND_STRUCT, "self", 16, 0, UABI_NO_TYPE), bar_h, 10);	/* 7 */
	add(l, UABI_KIND_POINTER, NULL, 8, 8, 7);			/* 8 */
	m = members(l, 3, 2);
	set_member(&m[0], "a", 1, 0, 0);
	set_member(&m[1], "next", 4, 64, 0);
	m = members(l, 0, 3);
	set_member(&m[0], "f", 3, 0, 0);
	set_member(&m[1], "v", 5, 128, 0);
	set_member(&m[2], "fs", 6, 256, 0);
	m = members(l, 7, 2);
	set_member(&m[0], "next", 8, 0, 0);
	set_member(&m[1], "v", 1, 64, 0);

	io = ioctls(l, 5);
	set_ioctl(&io[0], "BAR_SET", 0, bar_h, 20);
	set_ioctl(&io[1], "FOO_GET", 3, foo_h, 20);
	set_ioctl(&io[2], "LATE", 7, foo_h, 30);
	set_ioctl(&io[3], "SELF", 7, bar_h, 21);
	set_ioctl(&io[4], "SHARED", 5, "include/uapi/linux/b.h", 20);

	l->roots = uabi_arena__alloc(&l->arena, 3 * sizeof(*l->roots));
	assert_non_null(l->roots);
	l->nroots = 3;
	l->roots[0] = (struct uabi_root){ "struct foo", true, NULL, 3 };
	l->roots[1] = (struct uabi_root){ "struct bar", true, NULL, 0 };
	l->roots[2] = (struct uabi_root){ "struct self", true, NULL, 7 };

	l->input.headers = headers;
	l->input.nheaders = 2;
	l->input.files = files;
	l->input.nfiles = 3;
	l->input.skipped = skipped;
	l->input.nskipped = 3;
	return l;
}

static void finish_ok(struct uabi_layout *l)
{
	struct uabi_diag d = { 0 };

	if (uabi_layout__finish(l, &d))
		fail_msg("finish: %s", d.msg);
}

/* ---- hand-built groups ------------------------------------------------- */

static void test_types_shared_and_remapped(void **state)
{
	struct uabi_layout *a = group1(), *b = group2();
	struct conflicts c = { 0 };
	struct uabi_diag d = { 0 };
	const struct uabi_type *t;
	char name[64];

	finish_ok(a);
	finish_ok(b);
	assert_int_equal(uabi_layout__merge(a, b, on_conflict, &c, &d), 1);

	/* 5 + bar, struct foo [2], self, self * (the rest of group 2 is shared) */
	assert_int_equal(a->ntypes, 9);
	assert_int_equal(a->types[5].kind, UABI_KIND_STRUCT);
	assert_string_equal(a->types[5].name, "bar");
	t = &a->types[5];
	assert_int_equal(t->nmembers, 3);
	assert_int_equal(t->members[0].type, 2);	/* struct foo: group 1's */
	assert_int_equal(t->members[1].type, 4);	/* __u32 [4]: group 1's */
	assert_int_equal(t->members[2].type, 6);	/* array of a struct, new */
	assert_string_equal(uabi_layout__type_name(a, 6, name, sizeof(name)), "struct foo [2]");
	assert_int_equal(a->types[6].ref, 2);
	assert_int_equal(a->types[6].count, 2);

	/* the self-referential struct: its member points to its own new index */
	assert_string_equal(a->types[7].name, "self");
	assert_int_equal(a->types[7].members[0].type, 8);
	assert_int_equal(a->types[8].kind, UABI_KIND_POINTER);
	assert_int_equal(a->types[8].ref, 7);
	assert_int_equal(a->types[7].members[1].type, 1);

	/* group 1's own self reference is untouched */
	assert_int_equal(a->types[2].members[1].type, 3);
	assert_int_equal(a->types[3].ref, 2);

	uabi_layout__free(a);
	uabi_layout__free(b);
}

static void test_ioctls_roots_conflict(void **state)
{
	struct uabi_layout *a = group1(), *b = group2();
	struct conflicts c = { 0 };
	struct uabi_diag d = { 0 };
	const struct uabi_ioctl *io;

	assert_int_equal(uabi_layout__merge(a, b, on_conflict, &c, &d), 1);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.text, "SHARED defined in include/uapi/linux/a.h:10 and include/uapi/linux/b.h:20");

	assert_int_equal(a->nioctls, 5);
	assert_string_equal(a->ioctls[0].name, "BAR_SET");
	assert_string_equal(a->ioctls[1].name, "FOO_GET");
	assert_string_equal(a->ioctls[2].name, "LATE");
	assert_string_equal(a->ioctls[3].name, "SELF");
	assert_string_equal(a->ioctls[4].name, "SHARED");
	assert_int_equal(uabi_layout__ioctl(a, "BAR_SET")->type, 5);
	assert_int_equal(uabi_layout__ioctl(a, "FOO_GET")->type, 2);
	assert_int_equal(uabi_layout__ioctl(a, "SELF")->type, 7);
	/* SHARED: group 1's definition stays */
	io = uabi_layout__ioctl(a, "SHARED");
	assert_int_equal(io->type, 4);
	assert_string_equal(io->decl_file, "include/uapi/linux/a.h");
	assert_int_equal(io->decl_line, 10);
	/* LATE: one definition, applicable only in group 2: group 2's */
	io = uabi_layout__ioctl(a, "LATE");
	assert_true(io->applicable);
	assert_null(io->reason);
	assert_int_equal(io->type, 7);

	/* roots: struct foo stays, struct bar becomes applicable, struct self joins */
	assert_int_equal(a->nroots, 3);
	assert_string_equal(a->roots[0].name, "struct foo");
	assert_int_equal(a->roots[0].type, 2);
	assert_string_equal(a->roots[1].name, "struct bar");
	assert_true(a->roots[1].applicable);
	assert_int_equal(a->roots[1].type, 5);
	assert_string_equal(a->roots[2].name, "struct self");
	assert_int_equal(a->roots[2].type, 7);

	uabi_layout__free(a);
	uabi_layout__free(b);
}

static void test_no_callback(void **state)
{
	struct uabi_layout *a = group1(), *b = group2();
	struct uabi_diag d = { 0 };

	assert_int_equal(uabi_layout__merge(a, b, NULL, NULL, &d), 1);
	assert_int_equal(a->nioctls, 5);
	uabi_layout__free(a);
	uabi_layout__free(b);
}

static void test_input_union(void **state)
{
	struct uabi_layout *a = group1(), *b = group2();
	struct uabi_diag d = { 0 };

	assert_int_equal(uabi_layout__merge(a, b, NULL, NULL, &d), 1);
	assert_int_equal(a->input.nheaders, 2);
	assert_string_equal(a->input.headers[0], "linux/foo.h");
	assert_string_equal(a->input.headers[1], "linux/bar.h");
	assert_int_equal(a->input.nfiles, 3);
	assert_string_equal(a->input.files[0], "include/uapi/linux/bar.h");
	assert_string_equal(a->input.files[1], "include/uapi/linux/foo.h");
	assert_string_equal(a->input.files[2], "include/uapi/linux/types.h");
	/* linux/foo.h and linux/bar.h are judged (groups 1 and 2), so not
	 * skipped; zzz: group 1's reason */
	assert_int_equal(a->input.nskipped, 2);
	assert_string_equal(a->input.skipped[0].header, "linux/aaa.h");
	assert_string_equal(a->input.skipped[0].reason, "x");
	assert_string_equal(a->input.skipped[1].header, "linux/zzz.h");
	assert_string_equal(a->input.skipped[1].reason, "needs libc");
	assert_string_equal(a->input.sha256, "1111");	/* the caller's */
	uabi_layout__free(a);
	uabi_layout__free(b);
}

/* Copied fields of finished layouts are what finish computes: the dump is the
 * same before and after finish runs on the merged layout. */
static void test_finish_after_merge(void **state)
{
	struct uabi_layout *a = group1(), *b = group2();
	struct uabi_diag d = { 0 };
	char *before, *after;

	finish_ok(a);
	finish_ok(b);
	assert_int_equal(uabi_layout__merge(a, b, NULL, NULL, &d), 1);
	before = dump(a);
	finish_ok(a);
	after = dump(a);
	assert_string_equal(before, after);
	/* struct self: a pointer then a __u32, 4 bytes of tail padding */
	assert_int_equal(a->types[7].align, 8);
	assert_int_equal(a->types[7].tail_padding_bits, 32);
	assert_int_equal(a->types[5].align, 8);
	free(before);
	free(after);
	uabi_layout__free(a);
	uabi_layout__free(b);
}

/* Not finished before: finish computes the new types on the merged layout. */
static void test_unfinished_src(void **state)
{
	struct uabi_layout *a = group1(), *b = group2();
	struct uabi_diag d = { 0 };

	finish_ok(a);
	assert_int_equal(uabi_layout__merge(a, b, NULL, NULL, &d), 1);
	assert_int_equal(a->types[7].align, 0);
	finish_ok(a);
	assert_int_equal(a->types[7].align, 8);
	assert_int_equal(a->types[7].tail_padding_bits, 32);
	assert_int_equal(a->types[6].align, 8);
	uabi_layout__free(a);
	uabi_layout__free(b);
}

/* src's strings are copied: src may be freed before dst is used. */
static void test_src_freed_after(void **state)
{
	struct uabi_layout *a = uabi_layout__new(), *b = uabi_layout__new();
	struct uabi_diag d = { 0 };
	struct uabi_member *m;
	uint32_t s;

	assert_non_null(a);
	assert_non_null(b);
	s = add(b, UABI_KIND_STRUCT, uabi_arena__strdup(&b->arena, "node"), 8, 8, UABI_NO_TYPE);
	at(b, s, uabi_arena__strdup(&b->arena, "include/uapi/linux/n.h"), 4);
	add(b, UABI_KIND_POINTER, NULL, 8, 8, s);
	m = members(b, s, 1);
	set_member(&m[0], uabi_arena__strdup(&b->arena, "next"), 1, 0, 0);
	m[0].decl_file = b->types[s].decl_file;
	ioctls(b, 1);
	set_ioctl(&b->ioctls[0], uabi_arena__strdup(&b->arena, "N_GET"), s,
		  b->types[s].decl_file, 9);

	assert_int_equal(uabi_layout__merge(a, b, NULL, NULL, &d), 0);
	assert_ptr_not_equal(a->types[0].name, b->types[0].name);
	uabi_layout__free(b);

	assert_int_equal(a->ntypes, 2);
	assert_string_equal(a->types[0].name, "node");
	assert_string_equal(a->types[0].decl_file, "include/uapi/linux/n.h");
	assert_string_equal(a->types[0].members[0].name, "next");
	/* one copy of a string for the whole merge */
	assert_ptr_equal(a->types[0].members[0].decl_file, a->types[0].decl_file);
	assert_ptr_equal(a->ioctls[0].decl_file, a->types[0].decl_file);
	assert_string_equal(a->ioctls[0].name, "N_GET");
	assert_int_equal(a->types[1].ref, 0);
	uabi_layout__free(a);
}

/* Anonymous aggregates: shared where a shared named struct holds them,
 * copied elsewhere. */
static void test_anonymous(void **state)
{
	struct uabi_layout *a = uabi_layout__new(), *b = uabi_layout__new();
	struct uabi_diag d = { 0 };
	uint32_t u;

	/* struct ev { union { __u32 x; } ; };  plus a lone anonymous struct */
	for (int i = 0; i < 2; i++) {
		struct uabi_layout *l = i ? b : a;
		uint32_t ev, un, anon;

		u = base(l, "unsigned int", 4);
		ev = add(l, UABI_KIND_STRUCT, "ev", 4, 4, UABI_NO_TYPE);
		at(l, ev, foo_h, 40);
		un = add(l, UABI_KIND_UNION, NULL, 4, 4, UABI_NO_TYPE);
		at(l, un, foo_h, 41);
		set_member(members(l, un, 1), "x", u, 0, 0);
		set_member(members(l, ev, 1), NULL, un, 0, 0);
		anon = add(l, UABI_KIND_STRUCT, NULL, 4, 4, UABI_NO_TYPE);
		at(l, anon, foo_h, 50);
		set_member(members(l, anon, 1), "y", u, 0, 0);
	}
	assert_int_equal(uabi_layout__merge(a, b, NULL, NULL, &d), 0);
	/* the union inside struct ev is shared; the lone struct is copied */
	assert_int_equal(a->ntypes, 5);
	assert_int_equal(a->types[4].kind, UABI_KIND_STRUCT);
	assert_null(a->types[4].name);
	assert_int_equal(a->types[4].members[0].type, 0);
	uabi_layout__free(a);
	uabi_layout__free(b);
}

static void test_errors(void **state)
{
	struct uabi_layout *a = group1(), *b = uabi_layout__new(), *c = uabi_layout__new();
	struct uabi_diag d = { 0 };
	uint32_t p, q;

	/* a pointer and a const that refer to each other */
	facts(b, "3333");
	base(b, "int", 4);
	p = add(b, UABI_KIND_POINTER, NULL, 8, 8, UABI_NO_TYPE);
	q = add(b, UABI_KIND_CONST, NULL, 8, 8, p);
	uabi_layout__type(b, p)->ref = q;
	assert_int_equal(uabi_layout__merge(a, b, NULL, NULL, &d), -EINVAL);
	assert_string_equal(d.msg, "merge: type 1: a cycle of pointer, array, const, volatile or function types");
	assert_int_equal(a->ntypes, 5);

	/* another ABI */
	facts(c, "4444");
	c->profile.name = "i386";
	assert_int_equal(uabi_layout__merge(a, c, NULL, NULL, &d), -EINVAL);
	assert_string_equal(d.msg, "merge: a layout of i386 into one of x86_64");

	/* a reference out of range */
	c->profile.name = "x86_64";
	add(c, UABI_KIND_TYPEDEF, "t", 4, 4, 7);
	assert_int_equal(uabi_layout__merge(a, c, NULL, NULL, &d), -EINVAL);
	assert_string_equal(d.msg, "merge: type 0 refers to type 7 of 1");
	assert_int_equal(a->ntypes, 5);
	uabi_layout__free(a);
	uabi_layout__free(b);
	uabi_layout__free(c);
}

/* ---- golden dumps ------------------------------------------------------ */

/* Every golden dump: merged into an empty layout it dumps the same (the
 * sha256 is the caller's); merged into itself (read twice) too, all of its
 * types shared, anonymous ones included. */
static void test_golden_into_empty_and_self(void **state)
{
	glob_t g;

	assert_int_equal(glob(UABI_SOURCE_DIR "/tests/golden/*/expect-*.json", 0, NULL, &g), 0);
	assert_true(g.gl_pathc >= 100);
	for (size_t i = 0; i < g.gl_pathc; i++) {
		struct uabi_layout *src = read_dump(g.gl_pathv[i]), *self = read_dump(g.gl_pathv[i]);
		struct uabi_layout *e = uabi_layout__new();
		struct uabi_diag d = { 0 };
		char *want = dump(src), *got;

		assert_non_null(e);
		assert_int_equal(uabi_layout__merge(e, src, NULL, NULL, &d), 0);
		assert_null(e->input.sha256);
		e->input.sha256 = src->input.sha256;
		got = dump(e);
		if (strcmp(want, got))
			fail_msg("%s: merged into an empty layout, the dump differs", g.gl_pathv[i]);
		free(got);

		assert_int_equal(uabi_layout__merge(self, src, NULL, NULL, &d), 0);
		assert_int_equal(self->ntypes, src->ntypes);
		got = dump(self);
		if (strcmp(want, got))
			fail_msg("%s: merged into itself, the dump differs", g.gl_pathv[i]);
		free(got);
		free(want);
		uabi_layout__free(e);
		uabi_layout__free(self);
		uabi_layout__free(src);
	}
	globfree(&g);
}

/* Two real dumps of x86_64 (clang): the __u8..__u64 typedefs and their base
 * types are shared, the rest of flexible.h is appended. */
static void test_golden_two_headers(void **state)
{
	struct uabi_layout *a = read_dump(UABI_SOURCE_DIR "/tests/golden/anonymous/expect-x86_64.json");
	struct uabi_layout *b = read_dump(UABI_SOURCE_DIR "/tests/golden/flexible/expect-x86_64.json");
	struct uabi_diag d = { 0 };
	char name[64];

	assert_int_equal(a->ntypes, 13);
	assert_int_equal(b->ntypes, 13);
	assert_int_equal(uabi_layout__merge(a, b, NULL, NULL, &d), 0);
	assert_int_equal(a->ntypes, 18);
	assert_int_equal(a->nioctls, 3);
	assert_int_equal(uabi_layout__ioctl(a, "UABI_TEST_GET_EVENT")->type, 0);
	assert_int_equal(uabi_layout__ioctl(a, "UABI_TEST_GET_LIST")->type, 13);
	assert_int_equal(uabi_layout__ioctl(a, "UABI_TEST_SET_BLOB")->type, 16);
	assert_string_equal(uabi_layout__type_name(a, 13, name, sizeof(name)), "struct uabi_test_list");
	assert_string_equal(uabi_layout__type_name(a, 16, name, sizeof(name)), "struct uabi_test_blob");
	/* struct uabi_test_entry list[]: an array of a struct, new */
	assert_string_equal(uabi_layout__type_name(a, 14, name, sizeof(name)), "struct uabi_test_entry []");
	assert_int_equal(a->types[14].ref, 15);
	/* list's __u32 count is anonymous.h's __u32 */
	assert_int_equal(a->types[13].members[0].type, a->types[0].members[0].type);
	assert_int_equal(a->input.nheaders, 2);
	assert_string_equal(a->input.headers[1], "uabi-test/flexible.h");
	assert_int_equal(a->input.nfiles, 14);
	assert_string_equal(a->input.files[12], "include/uapi/uabi-test/anonymous.h");
	assert_string_equal(a->input.files[13], "include/uapi/uabi-test/flexible.h");
	finish_ok(a);
	uabi_layout__free(a);
	uabi_layout__free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_types_shared_and_remapped),
		cmocka_unit_test(test_ioctls_roots_conflict),
		cmocka_unit_test(test_no_callback),
		cmocka_unit_test(test_input_union),
		cmocka_unit_test(test_finish_after_merge),
		cmocka_unit_test(test_unfinished_src),
		cmocka_unit_test(test_src_freed_after),
		cmocka_unit_test(test_anonymous),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_golden_into_empty_and_self),
		cmocka_unit_test(test_golden_two_headers),
	};

	return cmocka_run_group_tests_name("merge", tests, NULL, NULL);
}
