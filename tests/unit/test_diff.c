// SPDX-License-Identifier: MIT
/*
 * Unit tests of the ABI diff (compare/diff.c). Old and new layouts of one
 * profile are built in memory as clang lays out the C quoted above each
 * test (x86_64 unless said: __u64 8-byte aligned, pointers 8 bytes; i386:
 * pointers 4 bytes, __u64 4-byte aligned in structs). Old members are
 * declared on lines 10.., new ones on lines 20.., so every file:line
 * assertion tells which side a finding points to. The last test extracts
 * the real Linux 6.1 KVM headers twice for every profile
 * ($UABI_KERNEL_TREE; the uabi binary of the build dir, or $UABI) and
 * expects no finding at all.
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
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "testrun.h"

#include "builder.h"
#include "compare/diff.h"
#include "core/fileio.h"
#include "core/json.h"

#define MAX_IOCTLS 12
#define KVM_H "include/uapi/linux/kvm.h"

/* One side of a diff, with the types every test needs. */
struct abi {
	struct uabi_layout *l;
	uint32_t u8, u32, s32, u64, voidp;
};

struct fx {
	struct abi o, n;
	struct uabi_dlist out;
	struct uabi_diag d;
};

static void abi_init(struct abi *a, const char *name, uint32_t word, uint32_t u64_align)
{
	struct uabi_layout *l = uabi_layout__new();
	uint32_t uchar, uint, sint, ull, vd;

	assert_non_null(l);
	a->l = l;
	l->profile.name = name;
	l->profile.arch = "x86";
	l->profile.pointer_size = word;
	l->profile.long_size = word;
	l->ioctls = uabi_arena__alloc(&l->arena, MAX_IOCTLS * sizeof(*l->ioctls));
	assert_non_null(l->ioctls);

	uchar = add(l, UABI_KIND_BASE, "unsigned char", 1, 1, UABI_NO_TYPE);
	uint = add(l, UABI_KIND_BASE, "unsigned int", 4, 4, UABI_NO_TYPE);
	sint = add(l, UABI_KIND_BASE, "int", 4, 4, UABI_NO_TYPE);
	ull = add(l, UABI_KIND_BASE, "unsigned long long", 8, u64_align, UABI_NO_TYPE);
	vd = add(l, UABI_KIND_VOID, NULL, 0, 0, UABI_NO_TYPE);
	a->voidp = add(l, UABI_KIND_POINTER, NULL, word, word, vd);
	a->u8 = add(l, UABI_KIND_TYPEDEF, "__u8", 1, 0, uchar);
	a->u32 = add(l, UABI_KIND_TYPEDEF, "__u32", 4, 0, uint);
	a->s32 = add(l, UABI_KIND_TYPEDEF, "__s32", 4, 0, sint);
	a->u64 = add(l, UABI_KIND_TYPEDEF, "__u64", 8, 0, ull);
	uabi_layout__type(l, uchar)->encoding = UABI_ENC_UNSIGNED_CHAR;
	uabi_layout__type(l, uint)->encoding = UABI_ENC_UNSIGNED;
	uabi_layout__type(l, sint)->encoding = UABI_ENC_SIGNED;
	uabi_layout__type(l, ull)->encoding = UABI_ENC_UNSIGNED;
}

static int setup_profile(void **state, const char *name, uint32_t word, uint32_t u64_align)
{
	struct fx *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	abi_init(&f->o, name, word, u64_align);
	abi_init(&f->n, name, word, u64_align);
	uabi_dlist__init(&f->out);
	*state = f;
	return 0;
}

static int setup(void **state)
{
	return setup_profile(state, "x86_64", 8, 8);
}

static int setup_i386(void **state)
{
	return setup_profile(state, "i386", 4, 4);
}

static int teardown(void **state)
{
	struct fx *f = *state;

	uabi_dlist__free(&f->out);
	uabi_layout__free(f->o.l);
	uabi_layout__free(f->n.l);
	free(f);
	return 0;
}

/* A named struct, union or enum declared at kvm.h:line. */
static uint32_t agg(struct abi *a, enum uabi_kind k, const char *name, uint64_t size,
		    uint32_t align, uint32_t n, uint32_t line)
{
	uint32_t id = add(a->l, k, name, size, align, UABI_NO_TYPE);

	uabi_layout__type(a->l, id)->decl_file = KVM_H;
	uabi_layout__type(a->l, id)->decl_line = line;
	if (n)
		members(a->l, id, n);
	return id;
}

/* Member i of aggregate id at byte offset off, declared at kvm.h:line. */
static void mem(struct abi *a, uint32_t id, uint32_t i, const char *name, uint32_t type,
		uint64_t off, uint32_t line)
{
	struct uabi_member *m = &uabi_layout__type(a->l, id)->members[i];

	set_member(m, name, type, off * 8, 0);
	m->decl_file = KVM_H;
	m->decl_line = line;
}

/* A bitfield member at bit off, width bits. */
static void bitmem(struct abi *a, uint32_t id, uint32_t i, const char *name, uint32_t type,
		   uint64_t off, uint32_t bits, uint32_t line)
{
	mem(a, id, i, name, type, 0, line);
	uabi_layout__type(a->l, id)->members[i].bit_offset = off;
	uabi_layout__type(a->l, id)->members[i].bit_size = bits;
}

static uint32_t array(struct abi *a, uint32_t elem, uint64_t count)
{
	const struct uabi_type *e = uabi_layout__type(a->l, elem);
	uint32_t id = add(a->l, UABI_KIND_ARRAY, NULL, count * e->size, 0, elem);

	uabi_layout__type(a->l, id)->count = count;
	return id;
}

#define IOC(dir, size, nr) (((uint64_t)(dir) << 30) | ((uint64_t)(size) << 16) | (0xAEu << 8) | (nr))

/* Ioctls must be added in name order (the model keeps them sorted). */
static struct uabi_ioctl *ioctl_add(struct abi *a, const char *name, const char *arg,
				    uint32_t size, uint32_t nr, uint32_t line)
{
	struct uabi_ioctl *io = &a->l->ioctls[a->l->nioctls++];

	assert_true(a->l->nioctls <= MAX_IOCTLS);
	io->name = name;
	io->macro = arg ? "_IOW" : "_IO";
	io->arg_type = arg;
	io->applicable = true;
	io->dir = arg ? UABI_DIR_WRITE : UABI_DIR_NONE;
	io->type_field = 0xAE;
	io->nr = nr;
	io->size = size;
	io->number = IOC(io->dir, size, nr);
	io->type = UABI_NO_TYPE;
	io->decl_file = KVM_H;
	io->decl_line = line;
	return io;
}

static void diff(struct fx *f)
{
	assert_int_equal(uabi_layout__finish(f->o.l, &f->d), 0);
	assert_int_equal(uabi_layout__finish(f->n.l, &f->d), 0);
	if (uabi_diff__layouts(f->o.l, f->n.l, 3, &f->out, &f->d))
		fail_msg("diff: %s", f->d.msg);
}

static void dump(const struct uabi_dlist *l)
{
	for (uint32_t i = 0; i < l->n; i++)
		print_message("  [%u] %s:%u: %s: %s [%s] %s\n", i, l->v[i].file ? l->v[i].file : "-",
			      l->v[i].line, uabi_sev__str(l->v[i].sev), l->v[i].message,
			      l->v[i].profiles, l->v[i].rule);
}

static void count(const struct uabi_dlist *l, uint32_t n)
{
	if (l->n != n) {
		dump(l);
		fail_msg("%u findings, expected %u", l->n, n);
	}
}

/* Finding i: rule, severity, message, file:line (line 0: no file). */
static const struct uabi_dfinding *want(const struct uabi_dlist *l, uint32_t i, const char *rule,
					enum uabi_sev sev, const char *msg, uint32_t line)
{
	const struct uabi_dfinding *f;

	if (i >= l->n) {
		dump(l);
		fail_msg("finding %u of %u", i, l->n);
	}
	f = &l->v[i];
	assert_string_equal(f->message, msg);
	assert_string_equal(f->rule, rule);
	assert_string_equal(uabi_sev__str(f->sev), uabi_sev__str(sev));
	assert_int_equal(f->line, line);
	if (line)
		assert_string_equal(f->file, KVM_H);
	return f;
}

static void values(const struct uabi_dfinding *f, uint64_t o, uint64_t n)
{
	assert_true(f->has_old);
	assert_true(f->has_new);
	assert_int_equal(f->old_value, o);
	assert_int_equal(f->new_value, n);
}

static void no_values(const struct uabi_dfinding *f)
{
	assert_false(f->has_old);
	assert_false(f->has_new);
}

/* ---- members ------------------------------------------------------------ */

/*
 * old: struct kvm_foo { __u32 a; __u32 b; };	size 8, align 4
 * new: struct kvm_foo { __u64 a; __u32 b; };	size 16, align 8
 */
static void test_widen(void **state)
{
	struct fx *f = *state;
	uint32_t o = agg(&f->o, UABI_KIND_STRUCT, "kvm_foo", 8, 4, 2, 9);
	uint32_t n = agg(&f->n, UABI_KIND_STRUCT, "kvm_foo", 16, 8, 2, 19);
	const struct uabi_dfinding *x;

	mem(&f->o, o, 0, "a", f->o.u32, 0, 10);
	mem(&f->o, o, 1, "b", f->o.u32, 4, 11);
	mem(&f->n, n, 0, "a", f->n.u64, 0, 20);
	mem(&f->n, n, 1, "b", f->n.u32, 8, 21);
	diff(f);
	count(&f->out, 5);
	x = want(&f->out, 0, "type-size-changed", UABI_SEV_ERROR,
		 "struct kvm_foo: size changed from 8 to 16", 19);
	values(x, 8, 16);
	assert_string_equal(x->type, "struct kvm_foo");
	assert_null(x->member);
	assert_null(x->ioctl);
	assert_string_equal(x->profiles, "x86_64");
	assert_int_equal(x->order, 3);
	x = want(&f->out, 1, "type-align-changed", UABI_SEV_ERROR,
		 "struct kvm_foo: alignment changed from 4 to 8", 19);
	values(x, 4, 8);
	x = want(&f->out, 2, "member-size-changed", UABI_SEV_ERROR,
		 "struct kvm_foo: member a size changed from 4 to 8", 20);
	values(x, 4, 8);
	assert_string_equal(x->member, "a");
	x = want(&f->out, 3, "member-type-changed", UABI_SEV_ERROR,
		 "struct kvm_foo: member a type changed from __u32 to __u64", 20);
	no_values(x);
	x = want(&f->out, 4, "member-offset-changed", UABI_SEV_ERROR,
		 "struct kvm_foo: member b moved from offset 4 to 8", 21);
	values(x, 4, 8);
	assert_string_equal(x->member, "b");
}

/*
 * old: struct kvm_foo { __u32 a; __u32 b; };
 * new: struct kvm_foo { __u32 b; __u32 a; };
 */
static void test_reorder(void **state)
{
	struct fx *f = *state;
	uint32_t o = agg(&f->o, UABI_KIND_STRUCT, "kvm_foo", 8, 4, 2, 9);
	uint32_t n = agg(&f->n, UABI_KIND_STRUCT, "kvm_foo", 8, 4, 2, 19);

	mem(&f->o, o, 0, "a", f->o.u32, 0, 10);
	mem(&f->o, o, 1, "b", f->o.u32, 4, 11);
	mem(&f->n, n, 0, "b", f->n.u32, 0, 20);
	mem(&f->n, n, 1, "a", f->n.u32, 4, 21);
	diff(f);
	count(&f->out, 2);
	values(want(&f->out, 0, "member-offset-changed", UABI_SEV_ERROR,
		    "struct kvm_foo: member b moved from offset 4 to 0", 20), 4, 0);
	values(want(&f->out, 1, "member-offset-changed", UABI_SEV_ERROR,
		    "struct kvm_foo: member a moved from offset 0 to 4", 21), 0, 4);
}

/*
 * old: struct kvm_foo { __u32 a; __u64 b; };		4-byte hole at 4
 * new: struct kvm_foo { __u32 a; __u32 c; __u64 b; };	the hole is filled
 */
static void test_fill_hole(void **state)
{
	struct fx *f = *state;
	uint32_t o = agg(&f->o, UABI_KIND_STRUCT, "kvm_foo", 16, 8, 2, 9);
	uint32_t n = agg(&f->n, UABI_KIND_STRUCT, "kvm_foo", 16, 8, 3, 19);

	mem(&f->o, o, 0, "a", f->o.u32, 0, 10);
	mem(&f->o, o, 1, "b", f->o.u64, 8, 11);
	mem(&f->n, n, 0, "a", f->n.u32, 0, 20);
	mem(&f->n, n, 1, "c", f->n.u32, 4, 21);
	mem(&f->n, n, 2, "b", f->n.u64, 8, 22);
	diff(f);
	count(&f->out, 1);
	assert_string_equal(want(&f->out, 0, "member-added", UABI_SEV_NOTE,
				 "struct kvm_foo: member c added at offset 4", 21)->member, "c");
}

/*
 * old: struct kvm_foo { __u32 n; __u8 data[16]; };	size 20
 * new: struct kvm_foo { __u32 n; __u8 data[8]; };	size 12
 */
static void test_shrink_array(void **state)
{
	struct fx *f = *state;
	uint32_t o = agg(&f->o, UABI_KIND_STRUCT, "kvm_foo", 20, 4, 2, 9);
	uint32_t n = agg(&f->n, UABI_KIND_STRUCT, "kvm_foo", 12, 4, 2, 19);

	mem(&f->o, o, 0, "n", f->o.u32, 0, 10);
	mem(&f->o, o, 1, "data", array(&f->o, f->o.u8, 16), 4, 11);
	mem(&f->n, n, 0, "n", f->n.u32, 0, 20);
	mem(&f->n, n, 1, "data", array(&f->n, f->n.u8, 8), 4, 21);
	diff(f);
	/* the count change is the size change: no member-type-changed for it */
	count(&f->out, 2);
	values(want(&f->out, 0, "type-size-changed", UABI_SEV_ERROR,
		    "struct kvm_foo: size changed from 20 to 12", 19), 20, 12);
	values(want(&f->out, 1, "member-size-changed", UABI_SEV_ERROR,
		    "struct kvm_foo: member data size changed from 16 to 8", 21), 16, 8);
}

/*
 * old: struct kvm_foo { void *p; };
 * new: struct kvm_foo { __u64 p; };
 * x86_64: same size, another kind of type.
 */
static void test_pointer_to_u64(void **state)
{
	struct fx *f = *state;
	uint32_t o = agg(&f->o, UABI_KIND_STRUCT, "kvm_foo", 8, 8, 1, 9);
	uint32_t n = agg(&f->n, UABI_KIND_STRUCT, "kvm_foo", 8, 8, 1, 19);

	mem(&f->o, o, 0, "p", f->o.voidp, 0, 10);
	mem(&f->n, n, 0, "p", f->n.u64, 0, 20);
	diff(f);
	count(&f->out, 1);
	no_values(want(&f->out, 0, "member-type-changed", UABI_SEV_ERROR,
		       "struct kvm_foo: member p type changed from void * to __u64", 20));
}

/* The same change on i386: 4 to 8 bytes. */
static void test_pointer_to_u64_i386(void **state)
{
	struct fx *f = *state;
	uint32_t o = agg(&f->o, UABI_KIND_STRUCT, "kvm_foo", 4, 4, 1, 9);
	uint32_t n = agg(&f->n, UABI_KIND_STRUCT, "kvm_foo", 8, 4, 1, 19);

	mem(&f->o, o, 0, "p", f->o.voidp, 0, 10);
	mem(&f->n, n, 0, "p", f->n.u64, 0, 20);
	diff(f);
	count(&f->out, 3);
	assert_string_equal(want(&f->out, 0, "type-size-changed", UABI_SEV_ERROR,
				 "struct kvm_foo: size changed from 4 to 8", 19)->profiles, "i386");
	values(want(&f->out, 1, "member-size-changed", UABI_SEV_ERROR,
		    "struct kvm_foo: member p size changed from 4 to 8", 20), 4, 8);
	want(&f->out, 2, "member-type-changed", UABI_SEV_ERROR,
	     "struct kvm_foo: member p type changed from void * to __u64", 20);
}

/* __u32 to __s32: same size, same kind: a note. */
static void test_type_spelling_note(void **state)
{
	struct fx *f = *state;
	uint32_t o = agg(&f->o, UABI_KIND_STRUCT, "kvm_foo", 4, 4, 1, 9);
	uint32_t n = agg(&f->n, UABI_KIND_STRUCT, "kvm_foo", 4, 4, 1, 19);

	mem(&f->o, o, 0, "x", f->o.u32, 0, 10);
	mem(&f->n, n, 0, "x", f->n.s32, 0, 20);
	diff(f);
	count(&f->out, 1);
	want(&f->out, 0, "member-type-changed", UABI_SEV_NOTE,
	     "struct kvm_foo: member x type changed from __u32 to __s32", 20);
}

/*
 * old: union kvm_u { __u64 a; __u8 buf[8]; };	size 8
 * new: union kvm_u { __u64 a; __u8 buf[16]; };	size 16
 */
static void test_union_grew(void **state)
{
	struct fx *f = *state;
	uint32_t o = agg(&f->o, UABI_KIND_UNION, "kvm_u", 8, 8, 2, 9);
	uint32_t n = agg(&f->n, UABI_KIND_UNION, "kvm_u", 16, 8, 2, 19);

	mem(&f->o, o, 0, "a", f->o.u64, 0, 10);
	mem(&f->o, o, 1, "buf", array(&f->o, f->o.u8, 8), 0, 11);
	mem(&f->n, n, 0, "a", f->n.u64, 0, 20);
	mem(&f->n, n, 1, "buf", array(&f->n, f->n.u8, 16), 0, 21);
	diff(f);
	count(&f->out, 2);
	values(want(&f->out, 0, "union-grew", UABI_SEV_ERROR, "union kvm_u: grew from 8 to 16 bytes",
		    19), 8, 16);
	values(want(&f->out, 1, "member-size-changed", UABI_SEV_ERROR,
		    "union kvm_u: member buf size changed from 8 to 16", 21), 8, 16);
}

/* A union that shrank is a plain size change. */
static void test_union_shrank(void **state)
{
	struct fx *f = *state;
	uint32_t o = agg(&f->o, UABI_KIND_UNION, "kvm_u", 8, 8, 1, 9);
	uint32_t n = agg(&f->n, UABI_KIND_UNION, "kvm_u", 4, 4, 1, 19);

	mem(&f->o, o, 0, "a", f->o.u64, 0, 10);
	mem(&f->n, n, 0, "a", f->n.u32, 0, 20);
	diff(f);
	count(&f->out, 4);
	want(&f->out, 0, "type-size-changed", UABI_SEV_ERROR, "union kvm_u: size changed from 8 to 4",
	     19);
	want(&f->out, 1, "type-align-changed", UABI_SEV_ERROR,
	     "union kvm_u: alignment changed from 8 to 4", 19);
	want(&f->out, 2, "member-size-changed", UABI_SEV_ERROR,
	     "union kvm_u: member a size changed from 8 to 4", 20);
	want(&f->out, 3, "member-type-changed", UABI_SEV_ERROR,
	     "union kvm_u: member a type changed from __u64 to __u32", 20);
}

/*
 * old: struct kvm_foo { __u32 a; __u32 b; };
 * new: struct kvm_foo { __u32 a; __u32 flags; };
 */
static void test_rename_only(void **state)
{
	struct fx *f = *state;
	uint32_t o = agg(&f->o, UABI_KIND_STRUCT, "kvm_foo", 8, 4, 2, 9);
	uint32_t n = agg(&f->n, UABI_KIND_STRUCT, "kvm_foo", 8, 4, 2, 19);
	const struct uabi_dfinding *x;

	mem(&f->o, o, 0, "a", f->o.u32, 0, 10);
	mem(&f->o, o, 1, "b", f->o.u32, 4, 11);
	mem(&f->n, n, 0, "a", f->n.u32, 0, 20);
	mem(&f->n, n, 1, "flags", f->n.u32, 4, 21);
	diff(f);
	count(&f->out, 1);
	x = want(&f->out, 0, "member-renamed", UABI_SEV_NOTE,
		 "struct kvm_foo: member b renamed to flags", 21);
	assert_string_equal(x->member, "flags");
	no_values(x);
}

/* Same bytes but another type: no rename, a removal and an addition. */
static void test_rename_other_type(void **state)
{
	struct fx *f = *state;
	uint32_t o = agg(&f->o, UABI_KIND_STRUCT, "kvm_foo", 8, 4, 2, 9);
	uint32_t n = agg(&f->n, UABI_KIND_STRUCT, "kvm_foo", 8, 4, 2, 19);

	mem(&f->o, o, 0, "a", f->o.u32, 0, 10);
	mem(&f->o, o, 1, "b", f->o.u32, 4, 11);
	mem(&f->n, n, 0, "a", f->n.u32, 0, 20);
	mem(&f->n, n, 1, "c", f->n.s32, 4, 21);
	diff(f);
	count(&f->out, 2);
	want(&f->out, 0, "member-added", UABI_SEV_NOTE, "struct kvm_foo: member c added at offset 4",
	     21);
	want(&f->out, 1, "member-removed", UABI_SEV_ERROR, "struct kvm_foo: member b removed (old line 11)",
	     19);
}

/*
 * old: struct kvm_foo { __u32 flags; __u32 pad;  __u8 reserved[16]; };
 * new: struct kvm_foo { __u32 flags; __u32 mode; __u64 addr; __u8 reserved[8]; };
 * size 24 both: pad disappears, reserved shrinks and moves: notes only.
 */
static void test_reserved_used(void **state)
{
	struct fx *f = *state;
	uint32_t o = agg(&f->o, UABI_KIND_STRUCT, "kvm_foo", 24, 8, 3, 9);
	uint32_t n = agg(&f->n, UABI_KIND_STRUCT, "kvm_foo", 24, 8, 4, 19);

	mem(&f->o, o, 0, "flags", f->o.u32, 0, 10);
	mem(&f->o, o, 1, "pad", f->o.u32, 4, 11);
	mem(&f->o, o, 2, "reserved", array(&f->o, f->o.u8, 16), 8, 12);
	mem(&f->n, n, 0, "flags", f->n.u32, 0, 20);
	mem(&f->n, n, 1, "mode", f->n.u32, 4, 21);
	mem(&f->n, n, 2, "addr", f->n.u64, 8, 22);
	mem(&f->n, n, 3, "reserved", array(&f->n, f->n.u8, 8), 16, 23);
	diff(f);
	count(&f->out, 2);
	assert_string_equal(want(&f->out, 0, "reserved-field-used", UABI_SEV_NOTE,
				 "struct kvm_foo: member mode uses reserved field pad", 21)->member,
			    "mode");
	want(&f->out, 1, "reserved-field-used", UABI_SEV_NOTE,
	     "struct kvm_foo: member addr uses reserved field reserved", 22);
}

/* Two reserved words together make room for one __u64; Pad1 is matched
 * case-insensitively. */
static void test_reserved_two_fields(void **state)
{
	struct fx *f = *state;
	uint32_t o = agg(&f->o, UABI_KIND_STRUCT, "kvm_foo", 16, 8, 3, 9);
	uint32_t n = agg(&f->n, UABI_KIND_STRUCT, "kvm_foo", 16, 8, 2, 19);

	mem(&f->o, o, 0, "addr", f->o.u64, 0, 10);
	mem(&f->o, o, 1, "Pad1", f->o.u32, 8, 11);
	mem(&f->o, o, 2, "unused2", f->o.u32, 12, 12);
	mem(&f->n, n, 0, "addr", f->n.u64, 0, 20);
	mem(&f->n, n, 1, "size", f->n.u64, 8, 21);
	diff(f);
	count(&f->out, 1);
	want(&f->out, 0, "reserved-field-used", UABI_SEV_NOTE,
	     "struct kvm_foo: member size uses reserved field Pad1", 21);
}

/*
 * old: struct kvm_foo { __u32 a; __u32 unused; };	size 8
 * new: struct kvm_foo { __u32 a; };			size 4
 * The size changed: the reserved member's removal is an error too.
 */
static void test_reserved_removed_size_changed(void **state)
{
	struct fx *f = *state;
	uint32_t o = agg(&f->o, UABI_KIND_STRUCT, "kvm_foo", 8, 4, 2, 9);
	uint32_t n = agg(&f->n, UABI_KIND_STRUCT, "kvm_foo", 4, 4, 1, 19);

	mem(&f->o, o, 0, "a", f->o.u32, 0, 10);
	mem(&f->o, o, 1, "unused", f->o.u32, 4, 11);
	mem(&f->n, n, 0, "a", f->n.u32, 0, 20);
	diff(f);
	count(&f->out, 2);
	want(&f->out, 0, "type-size-changed", UABI_SEV_ERROR,
	     "struct kvm_foo: size changed from 8 to 4", 19);
	assert_string_equal(want(&f->out, 1, "member-removed", UABI_SEV_ERROR,
				 "struct kvm_foo: member unused removed (old line 11)", 19)->member, "unused");
}

/*
 * old: struct kvm_foo { __u32 a : 3; __u32 b : 5; };
 * new: struct kvm_foo { __u32 a : 4; __u32 b : 5; };
 */
static void test_bitfields(void **state)
{
	struct fx *f = *state;
	uint32_t o = agg(&f->o, UABI_KIND_STRUCT, "kvm_foo", 4, 4, 2, 9);
	uint32_t n = agg(&f->n, UABI_KIND_STRUCT, "kvm_foo", 4, 4, 2, 19);

	bitmem(&f->o, o, 0, "a", f->o.u32, 0, 3, 10);
	bitmem(&f->o, o, 1, "b", f->o.u32, 3, 5, 11);
	bitmem(&f->n, n, 0, "a", f->n.u32, 0, 4, 20);
	bitmem(&f->n, n, 1, "b", f->n.u32, 4, 5, 21);
	diff(f);
	count(&f->out, 2);
	values(want(&f->out, 0, "member-bit-changed", UABI_SEV_ERROR,
		    "struct kvm_foo: member a width changed from 3 to 4 bits", 20), 3, 4);
	values(want(&f->out, 1, "member-bit-changed", UABI_SEV_ERROR,
		    "struct kvm_foo: member b moved from bit 3 to bit 4", 21), 3, 4);
}

/*
 * struct kvm_foo {
 *	__u32 kind;
 *	union {
 *		struct { __u32 x; __u32 y; } s;		new: { __u32 y; __u32 x; }
 *		__u64 raw;
 *	};
 *	struct { __u32 base; __u32 len; } ranges[2];	new: __s32 len
 *	struct kvm_bar bar;				new: kvm_bar grows
 * };						size 40 both
 * struct kvm_bar { __u32 v; };				new: { __u64 v; }
 * Paths go through anonymous types; kvm_bar is compared on its own.
 */
static void build_nested(struct abi *a, bool new_)
{
	uint32_t line = new_ ? 20 : 10, bsize = new_ ? 8 : 4;
	uint32_t bar = agg(a, UABI_KIND_STRUCT, "kvm_bar", bsize, bsize, 1, line + 8);
	uint32_t s = add(a->l, UABI_KIND_STRUCT, NULL, 8, 4, UABI_NO_TYPE);
	uint32_t u = add(a->l, UABI_KIND_UNION, NULL, 8, 8, UABI_NO_TYPE);
	uint32_t r = add(a->l, UABI_KIND_STRUCT, NULL, 8, 4, UABI_NO_TYPE);
	uint32_t foo = agg(a, UABI_KIND_STRUCT, "kvm_foo", 40, 8, 4, line - 1);

	mem(a, bar, 0, "v", new_ ? a->u64 : a->u32, 0, line + 9);
	members(a->l, s, 2);
	mem(a, s, 0, new_ ? "y" : "x", a->u32, 0, line + 1);
	mem(a, s, 1, new_ ? "x" : "y", a->u32, 4, line + 2);
	members(a->l, u, 2);
	mem(a, u, 0, "s", s, 0, line + 3);
	mem(a, u, 1, "raw", a->u64, 0, line + 4);
	members(a->l, r, 2);
	mem(a, r, 0, "base", a->u32, 0, line + 5);
	mem(a, r, 1, "len", new_ ? a->s32 : a->u32, 4, line + 6);
	mem(a, foo, 0, "kind", a->u32, 0, line);
	mem(a, foo, 1, NULL, u, 8, line + 3);
	mem(a, foo, 2, "ranges", array(a, r, 2), 16, line + 7);
	mem(a, foo, 3, "bar", bar, 32, line + 7);
}

static void test_anonymous_paths(void **state)
{
	struct fx *f = *state;

	build_nested(&f->o, false);
	build_nested(&f->n, true);
	diff(f);
	count(&f->out, 8);
	/* struct kvm_bar first (spelling order), then struct kvm_foo */
	want(&f->out, 0, "type-size-changed", UABI_SEV_ERROR,
	     "struct kvm_bar: size changed from 4 to 8", 28);
	want(&f->out, 1, "type-align-changed", UABI_SEV_ERROR,
	     "struct kvm_bar: alignment changed from 4 to 8", 28);
	want(&f->out, 2, "member-size-changed", UABI_SEV_ERROR,
	     "struct kvm_bar: member v size changed from 4 to 8", 29);
	want(&f->out, 3, "member-type-changed", UABI_SEV_ERROR,
	     "struct kvm_bar: member v type changed from __u32 to __u64", 29);
	assert_string_equal(want(&f->out, 4, "member-offset-changed", UABI_SEV_ERROR,
				 "struct kvm_foo: member s.y moved from offset 12 to 8", 21)->member,
			    "s.y");
	want(&f->out, 5, "member-offset-changed", UABI_SEV_ERROR,
	     "struct kvm_foo: member s.x moved from offset 8 to 12", 22);
	want(&f->out, 6, "member-type-changed", UABI_SEV_NOTE,
	     "struct kvm_foo: member ranges[0].len type changed from __u32 to __s32", 26);
	/* kvm_bar's own change is not repeated as bar.v */
	want(&f->out, 7, "member-size-changed", UABI_SEV_ERROR,
	     "struct kvm_foo: member bar size changed from 4 to 8", 27);
}

/*
 * old: struct kvm_bar { __u64 x; __u8 pad[8]; };
 * new: struct kvm_bar { __u64 x; struct { __u32 a; __u32 b; } ext; };
 * old: struct kvm_baz { __u32 k; struct { __u32 a; __u32 b; } s; };	size 12
 * new: struct kvm_baz { __u32 k; };					size 4
 * A member of anonymous type that comes or goes is told once, not again
 * for each of its members (ext.a, s.b).
 */
static void test_anonymous_member_whole(void **state)
{
	struct fx *f = *state;
	uint32_t ob = agg(&f->o, UABI_KIND_STRUCT, "kvm_bar", 16, 8, 2, 9);
	uint32_t oz = agg(&f->o, UABI_KIND_STRUCT, "kvm_baz", 12, 4, 2, 13);
	uint32_t os = add(f->o.l, UABI_KIND_STRUCT, NULL, 8, 4, UABI_NO_TYPE);
	uint32_t nb = agg(&f->n, UABI_KIND_STRUCT, "kvm_bar", 16, 8, 2, 19);
	uint32_t nz = agg(&f->n, UABI_KIND_STRUCT, "kvm_baz", 4, 4, 1, 23);
	uint32_t ns = add(f->n.l, UABI_KIND_STRUCT, NULL, 8, 4, UABI_NO_TYPE);

	members(f->o.l, os, 2);
	mem(&f->o, os, 0, "a", f->o.u32, 0, 16);
	mem(&f->o, os, 1, "b", f->o.u32, 4, 17);
	mem(&f->o, ob, 0, "x", f->o.u64, 0, 10);
	mem(&f->o, ob, 1, "pad", array(&f->o, f->o.u8, 8), 8, 11);
	mem(&f->o, oz, 0, "k", f->o.u32, 0, 14);
	mem(&f->o, oz, 1, "s", os, 4, 15);

	members(f->n.l, ns, 2);
	mem(&f->n, ns, 0, "a", f->n.u32, 0, 26);
	mem(&f->n, ns, 1, "b", f->n.u32, 4, 27);
	mem(&f->n, nb, 0, "x", f->n.u64, 0, 20);
	mem(&f->n, nb, 1, "ext", ns, 8, 21);
	mem(&f->n, nz, 0, "k", f->n.u32, 0, 24);
	diff(f);
	count(&f->out, 3);
	want(&f->out, 0, "reserved-field-used", UABI_SEV_NOTE,
	     "struct kvm_bar: member ext uses reserved field pad", 21);
	want(&f->out, 1, "type-size-changed", UABI_SEV_ERROR,
	     "struct kvm_baz: size changed from 12 to 4", 23);
	assert_string_equal(want(&f->out, 2, "member-removed", UABI_SEV_ERROR,
				 "struct kvm_baz: member s removed (old line 15)", 23)->member, "s");
}

/* ---- enums and types ---------------------------------------------------- */

/*
 * old: enum kvm_e { KVM_E_A = 1, KVM_E_B = 2, KVM_E_C = 3 };
 * new: enum kvm_e { KVM_E_A = 1, KVM_E_B = 5, KVM_E_D = -4 };
 */
static void set_enum(struct abi *a, uint32_t id, const char **names, const int64_t *v)
{
	struct uabi_type *t = uabi_layout__type(a->l, id);

	t->enumerators = uabi_arena__alloc(&a->l->arena, 3 * sizeof(*t->enumerators));
	assert_non_null(t->enumerators);
	t->nenumerators = 3;
	for (int i = 0; i < 3; i++) {
		t->enumerators[i].name = names[i];
		t->enumerators[i].value = v[i];
	}
}

static void test_enum(void **state)
{
	static const char *on[] = { "KVM_E_A", "KVM_E_B", "KVM_E_C" };
	static const char *nn[] = { "KVM_E_A", "KVM_E_B", "KVM_E_D" };
	static const int64_t ov[] = { 1, 2, 3 }, nv[] = { 1, -5, -4 };
	struct fx *f = *state;
	uint32_t o = agg(&f->o, UABI_KIND_ENUM, "kvm_e", 4, 4, 0, 9);
	uint32_t n = agg(&f->n, UABI_KIND_ENUM, "kvm_e", 4, 4, 0, 19);
	const struct uabi_dfinding *x;

	set_enum(&f->o, o, on, ov);
	set_enum(&f->n, n, nn, nv);
	diff(f);
	count(&f->out, 3);
	x = want(&f->out, 0, "enum-value-changed", UABI_SEV_ERROR,
		 "enum kvm_e: enumerator KVM_E_B changed from 2 to -5", 19);
	values(x, 2, (uint64_t)-5);
	/* signed enumerators keep their sign in the outputs */
	assert_true(x->signed_values);
	assert_int_equal((int64_t)x->new_value, -5);
	assert_string_equal(x->member, "KVM_E_B");
	want(&f->out, 1, "enum-value-removed", UABI_SEV_ERROR,
	     "enum kvm_e: enumerator KVM_E_C removed", 9);
	want(&f->out, 2, "enum-value-added", UABI_SEV_NOTE, "enum kvm_e: enumerator KVM_E_D added", 19);
}

/* old: struct kvm_old, union kvm_same; new: struct kvm_new, union kvm_same */
static void test_types_added_removed(void **state)
{
	struct fx *f = *state;
	uint32_t so = agg(&f->o, UABI_KIND_UNION, "kvm_same", 4, 4, 1, 8);
	uint32_t o = agg(&f->o, UABI_KIND_STRUCT, "kvm_old", 4, 4, 1, 9);
	uint32_t n = agg(&f->n, UABI_KIND_STRUCT, "kvm_new", 4, 4, 1, 19);
	uint32_t sn = agg(&f->n, UABI_KIND_UNION, "kvm_same", 4, 4, 1, 18);

	mem(&f->o, so, 0, "a", f->o.u32, 0, 10);
	mem(&f->o, o, 0, "a", f->o.u32, 0, 11);
	mem(&f->n, n, 0, "a", f->n.u32, 0, 20);
	mem(&f->n, sn, 0, "a", f->n.u32, 0, 21);
	/* a forward declaration is no definition: not a type of the dump */
	agg(&f->n, UABI_KIND_STRUCT, "kvm_decl", 0, 0, 0, 30);
	uabi_layout__type(f->n.l, uabi_layout__find_type(f->n.l, "struct kvm_decl"))->declaration =
		true;
	diff(f);
	count(&f->out, 2);
	assert_string_equal(want(&f->out, 0, "type-added", UABI_SEV_NOTE, "struct kvm_new: added",
				 19)->type, "struct kvm_new");
	want(&f->out, 1, "type-removed", UABI_SEV_NOTE, "struct kvm_old: removed", 9);
}

/* ---- ioctls ------------------------------------------------------------- */

static void test_ioctls(void **state)
{
	struct fx *f = *state;
	const struct uabi_dfinding *x;

	/* in name order */
	ioctl_add(&f->o, "KVM_A", "struct kvm_foo", 16, 0x42, 100);
	ioctl_add(&f->o, "KVM_B", "struct kvm_foo", 16, 0x43, 101);
	ioctl_add(&f->o, "KVM_D", "struct kvm_foo", 16, 0x45, 103);
	ioctl_add(&f->o, "KVM_E", "struct kvm_e", 0, 0x46, 104)->applicable = false;
	ioctl_add(&f->o, "KVM_F", "struct kvm_f", 8, 0x47, 105);
	ioctl_add(&f->o, "KVM_G", "struct kvm_g", 0, 0x48, 106)->applicable = false;
	ioctl_add(&f->o, "KVM_H", NULL, 0, 0x49, 107);
	ioctl_add(&f->o, "KVM_OLDNAME", NULL, 0, 0x50, 108);

	ioctl_add(&f->n, "KVM_A", "struct kvm_foo", 24, 0x42, 200);
	ioctl_add(&f->n, "KVM_C", NULL, 0, 0x44, 202);
	ioctl_add(&f->n, "KVM_D", "struct kvm_bar", 16, 0x45, 203);
	ioctl_add(&f->n, "KVM_E", "struct kvm_e", 0, 0x46, 204)->applicable = false;
	ioctl_add(&f->n, "KVM_F", "struct kvm_f", 0, 0x47, 205)->applicable = false;
	ioctl_add(&f->n, "KVM_G", "struct kvm_g", 8, 0x48, 206);
	ioctl_add(&f->n, "KVM_H", NULL, 0, 0x4a, 207);
	ioctl_add(&f->n, "KVM_NEWNAME", NULL, 0, 0x50, 208);
	diff(f);
	count(&f->out, 9);
	x = want(&f->out, 0, "ioctl-number-changed", UABI_SEV_ERROR,
		 "KVM_A: number changed from 0x4010ae42 to 0x4018ae42 (size 16 to 24)", 200);
	values(x, 0x4010ae42, 0x4018ae42);
	assert_string_equal(x->ioctl, "KVM_A");
	x = want(&f->out, 1, "ioctl-removed", UABI_SEV_ERROR, "KVM_B: removed", 101);
	assert_string_equal(x->ioctl, "KVM_B");
	no_values(x);
	want(&f->out, 2, "ioctl-added", UABI_SEV_NOTE, "KVM_C: added", 202);
	want(&f->out, 3, "ioctl-arg-type-changed", UABI_SEV_ERROR,
	     "KVM_D: argument type changed from struct kvm_foo to struct kvm_bar", 203);
	/* KVM_E: not applicable on both sides, nothing */
	want(&f->out, 4, "ioctl-removed", UABI_SEV_ERROR,
	     "KVM_F: removed (argument type no longer defined)", 105);
	want(&f->out, 5, "ioctl-added", UABI_SEV_NOTE, "KVM_G: added (argument type now defined)", 206);
	values(want(&f->out, 6, "ioctl-number-changed", UABI_SEV_ERROR,
		    "KVM_H: number changed from 0xae49 to 0xae4a (nr 0x49 to 0x4a)", 207),
	       0xae49, 0xae4a);
	/* a renamed ioctl: the old name is gone, the new one is new */
	want(&f->out, 7, "ioctl-added", UABI_SEV_NOTE, "KVM_NEWNAME: added", 208);
	want(&f->out, 8, "ioctl-removed", UABI_SEV_ERROR, "KVM_OLDNAME: removed", 108);
}

/* Identical hand-built dumps: nothing, and the order of calls is kept. */
static void test_identical(void **state)
{
	struct fx *f = *state;

	build_nested(&f->o, false);
	build_nested(&f->n, false);
	ioctl_add(&f->o, "KVM_A", "struct kvm_foo", 32, 0x42, 100);
	ioctl_add(&f->n, "KVM_A", "struct kvm_foo", 32, 0x42, 100);
	diff(f);
	count(&f->out, 0);
}

static void test_profile_mismatch(void **state)
{
	struct fx *f = *state;

	f->n.l->profile.name = "i386";
	assert_int_equal(uabi_diff__layouts(f->o.l, f->n.l, 0, &f->out, &f->d), -EINVAL);
	assert_int_equal(f->d.cls, UABI_E_INPUT);
	assert_string_equal(f->d.msg, "diff: old dump is of profile x86_64, new dump of profile i386");
	count(&f->out, 0);
}

/* ---- ioctls that need compat translation ------------------------------- */

/*
 * New x86_64:i386 pair: KVM_HANDLED (layout-differs, a compat handler
 * translates it), KVM_NEW (number-differs, absent from the old pair: b at
 * 8 vs 4), KVM_OLD (number-differs before and after: not this change's),
 * KVM_WAS_SAME (identical before, pointer-width now), KVM_SAME (identical),
 * a differing root. Kernel facts: none, x86 with KVM_COMPAT=y, and n.
 */
static void test_ioctls_compat(void **state)
{
	struct fx *f = *state;	/* f->o.l, f->n.l: x86_64 dumps (order 0); i386 at 1 */
	struct uabi_layout *i386 = uabi_layout__new();
	struct uabi_ioctl nat[5], cmp[5];
	struct uabi_compat_item ci[6], oci[3];
	struct uabi_finding fnew[3] = {
		{ .kind = UABI_F_NUMBER, .path = "", .native = 0x4010ae01, .compat = 0x400cae01 },
		{ .kind = UABI_F_IOC_SIZE, .path = "", .native = 16, .compat = 12 },
		{ .kind = UABI_F_OFFSET, .path = "b", .native = 8, .compat = 4 },
	};
	struct uabi_finding fptr = { .kind = UABI_F_POINTER, .path = "u.buf", .native = 8, .compat = 4 };
	struct uabi_compat_pair pair, old;
	const struct uabi_compat_pair *oldp[1] = { &old };
	struct uabi_khandled handled = { .ioctl = "KVM_HANDLED", .label = "KVM_HANDLED",
					 .site = { "virt/kvm/kvm_main.c", 4700, "kvm_vm_compat_ioctl" } };
	struct uabi_kfacts_arch arch = { .arch = "x86", .kvm_compat = true, .handled = &handled,
					 .nhandled = 1 };
	struct uabi_kfacts kf = { .arches = &arch, .narches = 1 };
	const struct uabi_layout *dumps[2];
	const struct uabi_dfinding *x;
	static const char *names[] = { "KVM_HANDLED", "KVM_NEW", "KVM_OLD", "KVM_SAME", "KVM_WAS_SAME" };
	static const enum uabi_verdict vs[] = { UABI_V_LAYOUT_DIFFERS, UABI_V_NUMBER_DIFFERS,
						UABI_V_NUMBER_DIFFERS, UABI_V_IDENTICAL,
						UABI_V_POINTER_WIDTH };

	assert_non_null(i386);
	i386->profile.name = "i386";
	dumps[0] = f->n.l;
	dumps[1] = i386;
	memset(&pair, 0, sizeof(pair));
	memset(&old, 0, sizeof(old));
	memset(ci, 0, sizeof(ci));
	memset(oci, 0, sizeof(oci));
	memset(nat, 0, sizeof(nat));
	memset(cmp, 0, sizeof(cmp));
	for (int i = 0; i < 5; i++) {
		nat[i].name = cmp[i].name = names[i];
		nat[i].applicable = cmp[i].applicable = true;
		nat[i].arg_type = cmp[i].arg_type = "struct kvm_x";
		nat[i].type_field = cmp[i].type_field = 0xAE;
		nat[i].number = cmp[i].number = 0x4010ae00 + (uint32_t)i;
		nat[i].decl_file = cmp[i].decl_file = KVM_H;
		nat[i].decl_line = cmp[i].decl_line = 300 + (uint32_t)i;
		ci[i].name = names[i];
		ci[i].verdict = vs[i];
		ci[i].native = &nat[i];
		ci[i].compat = &cmp[i];
	}
	cmp[1].number = 0x400cae01;
	ci[1].findings = fnew;
	ci[1].nfindings = 3;
	ci[4].findings = &fptr;
	ci[4].nfindings = 1;
	ci[5].name = "struct kvm_new_run";
	ci[5].is_root = true;
	ci[5].verdict = UABI_V_LAYOUT_DIFFERS;
	pair.native = "x86_64";
	pair.compat = "i386";
	pair.arch = "x86";
	pair.items = ci;
	pair.nitems = 6;
	/* the old pair: KVM_OLD differed already, KVM_WAS_SAME was identical */
	oci[0] = ci[0];
	oci[0].verdict = UABI_V_NOT_APPLICABLE;
	oci[1] = ci[2];
	oci[2] = ci[4];
	oci[2].verdict = UABI_V_IDENTICAL;
	old = pair;
	old.items = oci;
	old.nitems = 3;

	/* without a tree: every change is an error */
	assert_int_equal(uabi_diff__ioctls_compat(&pair, oldp, 1, NULL, dumps, 2, &f->out, &f->d), 0);
	count(&f->out, 3);
	want(&f->out, 0, "ioctl-needs-compat", UABI_SEV_ERROR,
	     "KVM_HANDLED: new ioctl that differs on i386 (layout-differs, same number 0x4010ae00 on "
	     "x86_64 and i386): needs compat translation; without a kernel tree no compat handler is known",
	     300);
	x = want(&f->out, 1, "ioctl-needs-compat", UABI_SEV_ERROR,
		 "KVM_NEW: new ioctl that differs on i386 (number-differs, number 0x4010ae01 on x86_64, "
		 "0x400cae01 on i386, member b offset 8 vs 4): needs compat translation; without a "
		 "kernel tree no compat handler is known", 301);
	assert_string_equal(x->profiles, "i386");
	assert_string_equal(x->ioctl, "KVM_NEW");
	assert_string_equal(x->type, "struct kvm_x");
	assert_int_equal(x->order, 1);
	want(&f->out, 2, "ioctl-needs-compat", UABI_SEV_ERROR,
	     "KVM_WAS_SAME: was identical, now differs on i386 (pointer-width, same number 0x4010ae04 on "
	     "x86_64 and i386, member u.buf pointer 8 vs 4): needs compat translation; without a kernel "
	     "tree no compat handler is known", 304);

	/* KVM_COMPAT=y: handled is a note, the others errors, dispatched or not */
	uabi_dlist__free(&f->out);
	uabi_dlist__init(&f->out);
	assert_int_equal(uabi_diff__ioctls_compat(&pair, oldp, 1, &kf, dumps, 2, &f->out, &f->d), 0);
	count(&f->out, 3);
	want(&f->out, 0, "ioctl-needs-compat", UABI_SEV_NOTE,
	     "KVM_HANDLED: new ioctl that differs on i386 (layout-differs, same number 0x4010ae00 on "
	     "x86_64 and i386): translated by kvm_vm_compat_ioctl (virt/kvm/kvm_main.c:4700)", 300);
	want(&f->out, 1, "ioctl-needs-compat", UABI_SEV_ERROR,
	     "KVM_NEW: new ioctl that differs on i386 (number-differs, number 0x4010ae01 on x86_64, "
	     "0x400cae01 on i386, member b offset 8 vs 4): needs a case in a compat handler (x86 does "
	     "not dispatch it yet)", 301);

	/* a non-KVM ioctl: the KVM facts say nothing about it */
	nat[1].type_field = cmp[1].type_field = 'x';
	uabi_dlist__free(&f->out);
	uabi_dlist__init(&f->out);
	assert_int_equal(uabi_diff__ioctls_compat(&pair, oldp, 1, &kf, dumps, 2, &f->out, &f->d), 0);
	want(&f->out, 1, "ioctl-needs-compat", UABI_SEV_ERROR,
	     "KVM_NEW: new ioctl that differs on i386 (number-differs, number 0x4010ae01 on x86_64, "
	     "0x400cae01 on i386, member b offset 8 vs 4): needs compat translation; compat handlers "
	     "are known for KVM ioctls only", 301);
	nat[1].type_field = cmp[1].type_field = 0xAE;

	/* KVM_COMPAT=n: no 32-bit caller reaches KVM, notes only; no old pair:
	 * KVM_OLD is new too */
	arch.kvm_compat = false;
	uabi_dlist__free(&f->out);
	uabi_dlist__init(&f->out);
	assert_int_equal(uabi_diff__ioctls_compat(&pair, NULL, 1, &kf, dumps, 2, &f->out, &f->d), 0);
	count(&f->out, 4);
	for (uint32_t i = 0; i < 4; i++)
		assert_int_equal(f->out.v[i].sev, UABI_SEV_NOTE);
	want(&f->out, 2, "ioctl-needs-compat", UABI_SEV_NOTE,
	     "KVM_OLD: new ioctl that differs on i386 (number-differs, same number 0x4010ae02 on x86_64 "
	     "and i386): no compat path on x86 (KVM_COMPAT=n: a 32-bit process cannot open /dev/kvm)",
	     302);
	uabi_layout__free(i386);
}

/* ---- union arms, removed padding, carriers ------------------------------ */

/*
 * old: struct ex_exit { __u32 reason; __u32 pad;
 *                      union { struct { __u64 a; } one; char reserved[64]; }; };
 * new: `one` gains __u64 b. 72 bytes, a at 8, on every ABI: the arm's size
 * is a note, b uses the reserved bytes. With reserved[8] the union grows
 * (8 to 16) and the arm's size is an error again.
 */
static void ex_exit(struct abi *a, uint32_t arm_members, uint64_t resv, uint32_t line)
{
	uint64_t usize = resv > arm_members * 8 ? resv : arm_members * 8;
	uint32_t arm = add(a->l, UABI_KIND_STRUCT, NULL, arm_members * 8, 8, UABI_NO_TYPE);
	uint32_t un = add(a->l, UABI_KIND_UNION, NULL, usize, 8, UABI_NO_TYPE);
	uint32_t t = agg(a, UABI_KIND_STRUCT, "ex_exit", 8 + usize, 8, 3, line);
	uint32_t chr = add(a->l, UABI_KIND_BASE, "char", 1, 1, UABI_NO_TYPE);

	uabi_layout__type(a->l, chr)->encoding = UABI_ENC_SIGNED_CHAR;
	members(a->l, arm, arm_members);
	mem(a, arm, 0, "a", a->u64, 0, line + 5);
	if (arm_members > 1)
		mem(a, arm, 1, "b", a->u64, 8, line + 6);
	members(a->l, un, 2);
	mem(a, un, 0, "one", arm, 0, line + 7);
	mem(a, un, 1, "reserved", array(a, chr, resv), 0, line + 8);
	mem(a, t, 0, "reason", a->u32, 0, line + 1);
	mem(a, t, 1, "pad", a->u32, 4, line + 2);
	mem(a, t, 2, NULL, un, 8, line + 3);
}

static void test_union_arm_grows(void **state)
{
	struct fx *f = *state;

	ex_exit(&f->o, 1, 64, 10);
	ex_exit(&f->n, 2, 64, 20);
	diff(f);
	count(&f->out, 2);
	want(&f->out, 0, "union-arm-size-changed", UABI_SEV_NOTE,
	     "struct ex_exit: union arm one size changed from 8 to 16 inside the union's 64 bytes", 27);
	want(&f->out, 1, "reserved-field-used", UABI_SEV_NOTE,
	     "struct ex_exit: member one.b uses reserved field reserved", 26);
}

static void test_union_arm_grows_union(void **state)
{
	struct fx *f = *state;

	ex_exit(&f->o, 1, 8, 10);
	ex_exit(&f->n, 2, 8, 20);
	diff(f);
	count(&f->out, 3);
	want(&f->out, 0, "type-size-changed", UABI_SEV_ERROR, "struct ex_exit: size changed from 16 to 24",
	     20);
	want(&f->out, 1, "member-size-changed", UABI_SEV_ERROR,
	     "struct ex_exit: member one size changed from 8 to 16", 27);
	want(&f->out, 2, "member-added", UABI_SEV_NOTE, "struct ex_exit: member one.b added at offset 16",
	     26);
}

/*
 * struct kvm_xen_hvm_attr's u.shared_info, 6.1 to 6.12:
 * struct { __u64 gfn; } shared_info  ->  union { __u64 gfn; __u64 hva; } shared_info.
 * gfn keeps its bytes: the kind change is a note, hva an addition.
 */
static void xen_attr(struct abi *a, bool un, uint32_t line)
{
	uint32_t s = add(a->l, un ? UABI_KIND_UNION : UABI_KIND_STRUCT, NULL, 8, 8, UABI_NO_TYPE);
	uint32_t t = agg(a, UABI_KIND_STRUCT, "kvm_xen_hvm_attr", 16, 8, 2, line);

	members(a->l, s, un ? 2 : 1);
	mem(a, s, 0, "gfn", a->u64, 0, line + 3);
	if (un)
		mem(a, s, 1, "hva", a->u64, 0, line + 4);
	mem(a, t, 0, "type", a->u32, 0, line + 1);
	mem(a, t, 1, "shared_info", s, 8, line + 5);
}

static void test_anon_struct_to_union(void **state)
{
	struct fx *f = *state;

	xen_attr(&f->o, false, 10);
	xen_attr(&f->n, true, 20);
	diff(f);
	count(&f->out, 2);
	want(&f->out, 0, "member-type-changed", UABI_SEV_NOTE,
	     "struct kvm_xen_hvm_attr: member shared_info type changed from struct <anon> to union <anon>",
	     25);
	want(&f->out, 1, "member-added", UABI_SEV_NOTE,
	     "struct kvm_xen_hvm_attr: member shared_info.hva added at offset 8", 24);
}

/*
 * struct kvm_clock_data { __u64 clock; __u32 flags; __u32 pad0; __u64 realtime;
 *                         __u64 host_tsc; __u32 pad[4]; };  without pad0 on x86_64:
 * every offset stays, the removal is a note at the struct's new line.
 */
static void clock_data(struct abi *a, bool pad0, uint32_t line)
{
	uint32_t t = agg(a, UABI_KIND_STRUCT, "kvm_clock_data", 48, 8, pad0 ? 6 : 5, line);
	uint32_t i = 0;

	mem(a, t, i++, "clock", a->u64, 0, line + 1);
	mem(a, t, i++, "flags", a->u32, 8, line + 2);
	if (pad0)
		mem(a, t, i++, "pad0", a->u32, 12, line + 3);
	mem(a, t, i++, "realtime", a->u64, 16, line + 4);
	mem(a, t, i++, "host_tsc", a->u64, 24, line + 5);
	mem(a, t, i, "pad", array(a, a->u32, 4), 32, line + 6);
}

static void test_reserved_field_removed(void **state)
{
	struct fx *f = *state;

	clock_data(&f->o, true, 10);
	clock_data(&f->n, false, 20);
	diff(f);
	count(&f->out, 1);
	assert_string_equal(want(&f->out, 0, "reserved-field-removed", UABI_SEV_NOTE,
				 "struct kvm_clock_data: member pad0 removed (old line 13), its 4 "
				 "bytes at offset 12 now padding", 20)->member, "pad0");
}

/* struct kvm_inner inside struct kvm_outer (KVM_OUTER's argument) and
 * behind a pointer of struct kvm_ptr (KVM_PTR's): only KVM_OUTER carries it. */
static void test_carriers(void **state)
{
	struct fx *f = *state;
	uint32_t in = agg(&f->n, UABI_KIND_STRUCT, "kvm_inner", 4, 4, 1, 20);
	uint32_t out = agg(&f->n, UABI_KIND_STRUCT, "kvm_outer", 8, 4, 2, 22);
	uint32_t ptr = agg(&f->n, UABI_KIND_STRUCT, "kvm_ptr", 8, 8, 1, 24);
	uint32_t inp = add(f->n.l, UABI_KIND_POINTER, NULL, 8, 8, in);
	const struct uabi_layout *nv[1];

	mem(&f->n, in, 0, "x", f->n.u32, 0, 21);
	mem(&f->n, out, 0, "y", f->n.u32, 0, 23);
	mem(&f->n, out, 1, "in", array(&f->n, in, 1), 4, 23);
	mem(&f->n, ptr, 0, "p", inp, 0, 25);
	ioctl_add(&f->n, "KVM_OUTER", "struct kvm_outer", 8, 1, 30)->type = out;
	ioctl_add(&f->n, "KVM_PTR", "struct kvm_ptr", 8, 2, 31)->type = ptr;
	nv[0] = f->n.l;
	assert_non_null(uabi_dlist__add(&f->out, "type-size-changed", UABI_SEV_ERROR, "x86_64", 0, NULL,
					"struct kvm_inner", NULL, KVM_H, 20, "struct kvm_inner: grew"));
	assert_non_null(uabi_dlist__add(&f->out, "type-size-changed", UABI_SEV_ERROR, "x86_64", 0, NULL,
					"struct kvm_ptr", NULL, KVM_H, 24, "struct kvm_ptr: grew"));
	assert_non_null(uabi_dlist__add(&f->out, "type-added", UABI_SEV_NOTE, "x86_64", 0, NULL,
					"struct kvm_outer", NULL, KVM_H, 22, "struct kvm_outer: added"));
	assert_int_equal(uabi_diff__name_carriers(&f->out, NULL, nv, 1, 0, &f->d), 0);
	want(&f->out, 0, "type-size-changed", UABI_SEV_ERROR,
	     "struct kvm_inner: grew; carried by KVM_OUTER", 20);
	want(&f->out, 1, "type-size-changed", UABI_SEV_ERROR, "struct kvm_ptr: grew; carried by KVM_PTR",
	     24);
	want(&f->out, 2, "type-added", UABI_SEV_NOTE, "struct kvm_outer: added", 22);
}

/* ---- removals, carriers, lints of the base ------------------------------ */

/* KVM_GONE removed on x86_64: an error while the old kernel dispatches it
 * on x86, a note when it does not. */
static void test_place_removals(void **state)
{
	struct fx *f = *state;
	const char *disp[] = { "KVM_GONE" };
	struct uabi_kfacts_arch arch = { .arch = "x86", .kvm_compat = true, .dispatched = disp,
					 .ndispatched = 1 };
	struct uabi_kfacts kf = { .arches = &arch, .narches = 1 };
	const struct uabi_layout *old[1];

	ioctl_add(&f->o, "KVM_GONE", "struct kvm_x", 16, 0x41, 50);
	old[0] = f->o.l;
	assert_int_equal(uabi_diff__layouts(f->o.l, f->n.l, 0, &f->out, &f->d), 0);
	count(&f->out, 1);
	assert_int_equal(uabi_diff__place_removals(&f->out, 0, old, 1, &kf, &f->d), 0);
	want(&f->out, 0, "ioctl-removed", UABI_SEV_ERROR, "KVM_GONE: removed", 50);
	arch.ndispatched = 0;
	assert_int_equal(uabi_diff__place_removals(&f->out, 0, old, 1, NULL, &f->d), 0);
	want(&f->out, 0, "ioctl-removed", UABI_SEV_ERROR, "KVM_GONE: removed", 50);
	assert_int_equal(uabi_diff__place_removals(&f->out, 0, old, 1, &kf, &f->d), 0);
	want(&f->out, 0, "ioctl-removed", UABI_SEV_NOTE,
	     "KVM_GONE: removed; the old kernel did not dispatch it on these ABIs", 50);
}

/* Lints the base had are dropped wherever they are; new ones stay. */
static void test_subtract(void **state)
{
	struct fx *f = *state;
	struct uabi_dlist base;

	uabi_dlist__init(&base);
	assert_non_null(uabi_dlist__add(&base, "lint-hole", UABI_SEV_WARNING, "x86_64", 0, NULL,
					"struct a", "m", KVM_H, 10, "struct a: 4-byte hole before member m"));
	assert_non_null(uabi_dlist__add(&f->out, "member-removed", UABI_SEV_ERROR, "x86_64", 0, NULL,
					"struct a", "m", KVM_H, 20, "struct a: 4-byte hole before member m"));
	assert_non_null(uabi_dlist__add(&f->out, "lint-hole", UABI_SEV_WARNING, "x86_64", 0, NULL,
					"struct a", "m", KVM_H, 21, "struct a: 4-byte hole before member m"));
	assert_non_null(uabi_dlist__add(&f->out, "lint-hole", UABI_SEV_WARNING, "i386", 1, NULL,
					"struct a", "m", KVM_H, 21, "struct a: 4-byte hole before member m"));
	assert_non_null(uabi_dlist__add(&f->out, "lint-hole", UABI_SEV_WARNING, "x86_64", 0, NULL,
					"struct a", "n", KVM_H, 22, "struct a: 4-byte hole before member n"));
	/* index 0 is not a lint: left alone even though its words match */
	assert_int_equal(uabi_dlist__subtract(&f->out, 1, &base, &f->d), 0);
	count(&f->out, 3);
	assert_string_equal(f->out.v[0].rule, "member-removed");
	assert_string_equal(f->out.v[1].profiles, "i386");
	assert_string_equal(f->out.v[2].member, "n");
	uabi_dlist__free(&base);
}

/* ---- the real Linux 6.1 dumps ------------------------------------------ */

static void extract(const char *uabi, const char *tree, const char *dir)
{
	const char *argv[] = { uabi, "extract", "--kernel-tree", tree, "-j", "4", "--root",
			       "struct kvm_run", "-o", dir, NULL };

	test_run(argv);
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The two extract directories of test_kvm_6_1_identical, under $TMPDIR:
 * a failing assert jumps out of the test, so the teardown removes them. */
static char kvm_a[PATH_MAX], kvm_b[PATH_MAX];

static int kvm_teardown(void **state)
{
	(void)state;
	if (kvm_a[0])
		uabi_file__rmtree(kvm_a);
	if (kvm_b[0])
		uabi_file__rmtree(kvm_b);
	kvm_a[0] = kvm_b[0] = '\0';
	return 0;
}

static void test_kvm_6_1_identical(void **state)
{
	const char *tree = getenv("UABI_KERNEL_TREE"), *uabi = getenv("UABI");
	const char *tmp = getenv("TMPDIR");
	char *a = kvm_a, *b = kvm_b;
	char pa[PATH_MAX + 300], pb[PATH_MAX + 300];
	struct dirent *de;
	uint32_t ndumps = 0;
	double worst = 0;
	DIR *dir;

	(void)state;
	if (!uabi)
		uabi = UABI_BINARY_DIR "/uabi";
	if (!tree) {
		print_message("UABI_KERNEL_TREE unset (scripts/kernel-source.sh prints it): "
			      "no kernel tree to extract\n");
		skip();
	}
	if (access(uabi, X_OK)) {
		print_message("%s: not built\n", uabi);
		skip();
	}
	if (!tmp || !*tmp)
		tmp = "/tmp";
	snprintf(a, PATH_MAX, "%s/uabi-diff-a-XXXXXX", tmp);
	snprintf(b, PATH_MAX, "%s/uabi-diff-b-XXXXXX", tmp);
	if (!mkdtemp(a))
		a[0] = '\0';
	assert_true(a[0]);
	if (!mkdtemp(b))
		b[0] = '\0';
	assert_true(b[0]);
	extract(uabi, tree, a);
	extract(uabi, tree, b);
	dir = opendir(a);
	assert_non_null(dir);
	while ((de = readdir(dir))) {
		size_t len = strlen(de->d_name);
		struct uabi_layout *o = NULL, *n = NULL;
		struct uabi_dlist out;
		struct uabi_diag d;
		double t0, t1;

		if (len < 6 || strcmp(de->d_name + len - 5, ".json"))
			continue;
		snprintf(pa, sizeof(pa), "%s/%s", a, de->d_name);
		snprintf(pb, sizeof(pb), "%s/%s", b, de->d_name);
		if (uabi_json__read_layout(pa, &o, &d) || uabi_json__read_layout(pb, &n, &d))
			fail_msg("%s", d.msg);
		uabi_dlist__init(&out);
		t0 = now_ms();
		if (uabi_diff__layouts(o, n, ndumps, &out, &d))
			fail_msg("%s: %s", de->d_name, d.msg);
		t1 = now_ms();
		if (t1 - t0 > worst)
			worst = t1 - t0;
		if (out.n) {
			dump(&out);
			fail_msg("%s: %u findings between two extracts of one tree", de->d_name, out.n);
		}
		/* the dump against itself too */
		if (uabi_diff__layouts(o, o, ndumps, &out, &d))
			fail_msg("%s: %s", de->d_name, d.msg);
		assert_int_equal(out.n, 0);
		assert_true(o->ntypes > 100);
		assert_true(o->nioctls > 100);
		uabi_dlist__free(&out);
		uabi_layout__free(o);
		uabi_layout__free(n);
		unlink(pa);
		unlink(pb);
		ndumps++;
	}
	closedir(dir);
	assert_int_equal(rmdir(a), 0);
	assert_int_equal(rmdir(b), 0);
	a[0] = b[0] = '\0';
	assert_int_equal(ndumps, 15);
	print_message("15 profiles, no findings; slowest diff %.2f ms\n", worst);
}

/* ---- headers the new side could not compile ----------------------------- */

static const char *const kvm_files[] = { "include/uapi/linux/other.h", KVM_H };
static const char *const kvm_hdrs[] = { "linux/kvm.h" };
static const char *const other_file[] = { "include/uapi/linux/other.h" };
static const struct uabi_skipped_header kvm_skip[] = {
	{ "linux/kvm.h", "include/uapi/linux/kvm.h:3: error: unknown type name 'size_t'" },
};

/*
 * old: linux/kvm.h judged: KVM_A (struct kvm_old, kvm.h) and struct
 *      kvm_other of linux/other.h, which kvm.h included;
 * new: linux/kvm.h skipped; other.h read by another header, kvm_other gone
 *      from it: its removal stays; kvm.h's ioctl and type are not removed,
 *      they are not judged: one warning at the header.
 */
static void test_skipped(void **state)
{
	struct fx *f = *state;
	uint32_t o = agg(&f->o, UABI_KIND_STRUCT, "kvm_old", 4, 4, 1, 9);
	uint32_t x = agg(&f->o, UABI_KIND_STRUCT, "kvm_other", 4, 4, 1, 5);

	mem(&f->o, o, 0, "a", f->o.u32, 0, 10);
	mem(&f->o, x, 0, "a", f->o.u32, 0, 6);
	uabi_layout__type(f->o.l, x)->decl_file = other_file[0];
	ioctl_add(&f->o, "KVM_A", "struct kvm_old", 4, 1, 100);
	f->o.l->input.files = (const char **)kvm_files;
	f->o.l->input.nfiles = 2;
	f->o.l->input.headers = (const char **)kvm_hdrs;
	f->o.l->input.nheaders = 1;
	f->n.l->input.files = (const char **)other_file;
	f->n.l->input.nfiles = 1;
	f->n.l->input.skipped = kvm_skip;
	f->n.l->input.nskipped = 1;
	diff(f);
	count(&f->out, 3);	/* ioctl-removed, two type-removed */
	assert_int_equal(uabi_diff__skipped(f->o.l, f->n.l, 3, 0, &f->out, &f->d), 0);
	count(&f->out, 2);
	assert_string_equal(f->out.v[0].rule, "type-removed");
	assert_string_equal(f->out.v[0].type, "struct kvm_other");
	assert_string_equal(f->out.v[0].file, "include/uapi/linux/other.h");
	want(&f->out, 1, "header-not-judged", UABI_SEV_WARNING,
	     "linux/kvm.h: no longer compiles on this ABI; its 1 ioctl is not judged: "
	     "include/uapi/linux/kvm.h:3: error: unknown type name 'size_t'", 0);
	assert_string_equal(f->out.v[1].file, KVM_H);
	assert_string_equal(f->out.v[1].profiles, "x86_64");
	assert_null(f->out.v[1].ioctl);

	/* skipped before too: a note; a header new on the head side: a warning */
	uabi_dlist__free(&f->out);
	uabi_dlist__init(&f->out);
	f->o.l->input.skipped = kvm_skip;
	f->o.l->input.nskipped = 1;
	f->o.l->input.nheaders = 0;
	assert_int_equal(uabi_diff__skipped(f->o.l, f->n.l, 3, 0, &f->out, &f->d), 0);
	count(&f->out, 1);
	want(&f->out, 0, "header-not-judged", UABI_SEV_NOTE,
	     "linux/kvm.h: does not compile on this ABI, before or after the change; its ioctls "
	     "are not judged: include/uapi/linux/kvm.h:3: error: unknown type name 'size_t'", 0);
	uabi_dlist__free(&f->out);
	uabi_dlist__init(&f->out);
	f->o.l->input.nskipped = 0;
	f->o.l->input.nfiles = 0;
	assert_int_equal(uabi_diff__skipped(f->o.l, f->n.l, 3, 0, &f->out, &f->d), 0);
	count(&f->out, 1);
	assert_int_equal(f->out.v[0].sev, UABI_SEV_WARNING);
	/* the header's file is known to neither dump: its name stands */
	assert_string_equal(f->out.v[0].file, "linux/kvm.h");
	assert_string_equal(f->out.v[0].message,
			    "linux/kvm.h: does not compile on this ABI; its ioctls are not judged: "
			    "include/uapi/linux/kvm.h:3: error: unknown type name 'size_t'");
}

#define T_(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T_(test_widen),
		T_(test_reorder),
		T_(test_fill_hole),
		T_(test_shrink_array),
		T_(test_pointer_to_u64),
		cmocka_unit_test_setup_teardown(test_pointer_to_u64_i386, setup_i386, teardown),
		T_(test_type_spelling_note),
		T_(test_union_grew),
		T_(test_union_shrank),
		T_(test_rename_only),
		T_(test_rename_other_type),
		T_(test_reserved_used),
		T_(test_reserved_two_fields),
		T_(test_reserved_removed_size_changed),
		T_(test_bitfields),
		T_(test_anonymous_paths),
		T_(test_anonymous_member_whole),
		T_(test_enum),
		T_(test_types_added_removed),
		T_(test_ioctls),
		T_(test_identical),
		T_(test_profile_mismatch),
		T_(test_ioctls_compat),
		T_(test_place_removals),
		T_(test_subtract),
		T_(test_union_arm_grows),
		T_(test_union_arm_grows_union),
		T_(test_reserved_field_removed),
		T_(test_anon_struct_to_union),
		T_(test_carriers),
		T_(test_skipped),
		cmocka_unit_test_teardown(test_kvm_6_1_identical, kvm_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
