// SPDX-License-Identifier: MIT
/*
 * Unit tests of the layout model (core/model.c). Every layout is built in
 * memory the way the DWARF reader builds it: base types with the size and
 * alignment the compiler measured, typedefs on top (__u32 -> unsigned int),
 * members with DW_AT_data_bit_offset-style bit offsets. The expected numbers
 * are what clang/gcc produce for the C declaration quoted above each test.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/model.h"

struct fx {
	struct uabi_layout *l;
	struct uabi_diag d;
	/* typedefs of the common base types */
	uint32_t u8, u32, u64;
};

/* ---- builders ---------------------------------------------------------- */

static uint32_t add(struct uabi_layout *l, enum uabi_kind kind, const char *name, uint64_t size,
		    uint32_t ref)
{
	uint32_t i = uabi_layout__add_type(l, kind);
	struct uabi_type *t;

	assert_int_not_equal(i, UABI_NO_TYPE);
	t = uabi_layout__type(l, i);
	assert_non_null(t);
	t->name = name;
	t->size = size;
	t->ref = ref;
	return i;
}

static uint32_t base(struct uabi_layout *l, const char *name, uint64_t size, uint32_t align,
		     enum uabi_encoding enc)
{
	uint32_t i = add(l, UABI_KIND_BASE, name, size, UABI_NO_TYPE);

	uabi_layout__type(l, i)->align = align;
	uabi_layout__type(l, i)->encoding = enc;
	return i;
}

static uint32_t tdef(struct uabi_layout *l, const char *name, uint32_t ref)
{
	return add(l, UABI_KIND_TYPEDEF, name, uabi_layout__type(l, ref)->size, ref);
}

static uint32_t array(struct uabi_layout *l, uint32_t elem, uint64_t count)
{
	uint32_t i = add(l, UABI_KIND_ARRAY, NULL, count * uabi_layout__type(l, elem)->size, elem);

	uabi_layout__type(l, i)->count = count;
	return i;
}

static uint32_t flex_array(struct uabi_layout *l, uint32_t elem)
{
	uint32_t i = add(l, UABI_KIND_ARRAY, NULL, 0, elem);

	uabi_layout__type(l, i)->flexible = true;
	return i;
}

static uint32_t pointer(struct uabi_layout *l, uint32_t target, uint64_t size)
{
	return add(l, UABI_KIND_POINTER, NULL, size, target);
}

/* A struct or union with n members, to be filled with member(). */
static uint32_t aggregate(struct uabi_layout *l, enum uabi_kind kind, const char *name,
			  uint64_t size, uint32_t n)
{
	uint32_t i = add(l, kind, name, size, UABI_NO_TYPE);
	struct uabi_type *t = uabi_layout__type(l, i);

	t->members = uabi_arena__alloc(&l->arena, n * sizeof(*t->members));
	assert_non_null(t->members);
	t->nmembers = n;
	return i;
}

static void member(struct uabi_layout *l, uint32_t agg, uint32_t idx, const char *name,
		   uint32_t type, uint64_t bit_offset, uint32_t bit_size)
{
	struct uabi_type *t = uabi_layout__type(l, agg);

	assert_true(idx < t->nmembers);
	t->members[idx].name = name;
	t->members[idx].type = type;
	t->members[idx].bit_offset = bit_offset;
	t->members[idx].bit_size = bit_size;
}

static struct uabi_type *T(struct fx *f, uint32_t idx)
{
	struct uabi_type *t = uabi_layout__type(f->l, idx);

	assert_non_null(t);
	return t;
}

static void finish_ok(struct fx *f)
{
	int err = uabi_layout__finish(f->l, &f->d);

	if (err)
		fail_msg("uabi_layout__finish: %d: %s", err, f->d.msg);
}

static void assert_hole(const struct uabi_type *t, uint32_t i, uint64_t bit_offset,
			uint64_t bit_size, int32_t after)
{
	assert_true(i < t->nholes);
	assert_int_equal(t->holes[i].bit_offset, bit_offset);
	assert_int_equal(t->holes[i].bit_size, bit_size);
	assert_int_equal(t->holes[i].after, after);
}

/* a macro, so a failure reports the caller's line */
#define assert_name(f, idx, expect)                                                        \
	do {                                                                               \
		char buf_[128];                                                            \
		assert_string_equal(uabi_layout__type_name((f)->l, (idx), buf_, sizeof(buf_)), \
				    (expect));                                             \
	} while (0)

/* x86_64 base types (alignment as measured by the probe); u64_align lets
 * the i386 test use 4. */
static void base_types(struct fx *f, uint32_t u64_align)
{
	uint32_t uc = base(f->l, "unsigned char", 1, 1, UABI_ENC_UNSIGNED_CHAR);
	uint32_t ui = base(f->l, "unsigned int", 4, 4, UABI_ENC_UNSIGNED);
	uint32_t ull = base(f->l, "unsigned long long", 8, u64_align, UABI_ENC_UNSIGNED);

	f->u8 = tdef(f->l, "__u8", uc);
	f->u32 = tdef(f->l, "__u32", ui);
	f->u64 = tdef(f->l, "__u64", ull);
}

static int setup(void **state)
{
	struct fx *f = test_calloc(1, sizeof(*f));

	if (!f)
		return -1;
	f->l = uabi_layout__new();
	if (!f->l)
		return -1;
	uabi_diag__clear(&f->d);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	uabi_layout__free(f->l);
	test_free(f);
	return 0;
}

/* ---- holes, padding, alignment ------------------------------------------ */

/* x86_64: struct s { __u32 a; __u64 b; };  b at 8, size 16, align 8 */
static void test_hole_after_u32_x86_64(void **state)
{
	struct fx *f = *state;
	uint32_t s;

	base_types(f, 8);
	s = aggregate(f->l, UABI_KIND_STRUCT, "s", 16, 2);
	member(f->l, s, 0, "a", f->u32, 0, 0);
	member(f->l, s, 1, "b", f->u64, 64, 0);
	finish_ok(f);

	assert_int_equal(T(f, s)->nholes, 1);
	assert_hole(T(f, s), 0, 32, 32, 0);
	assert_int_equal(T(f, s)->hole_bits, 32);
	assert_int_equal(T(f, s)->tail_padding_bits, 0);
	assert_int_equal(T(f, s)->align, 8);
	assert_false(T(f, s)->packed);
	assert_false(T(f, s)->has_flexible);
	/* typedefs take their target's alignment */
	assert_int_equal(T(f, f->u64)->align, 8);
	assert_int_equal(uabi_layout__align(f->l, f->u32), 4);
}

/* i386: the same struct; __u64 is 4-byte aligned in structs: b at 4, size 12 */
static void test_no_hole_i386(void **state)
{
	struct fx *f = *state;
	uint32_t s;

	base_types(f, 4);
	s = aggregate(f->l, UABI_KIND_STRUCT, "s", 12, 2);
	member(f->l, s, 0, "a", f->u32, 0, 0);
	member(f->l, s, 1, "b", f->u64, 32, 0);
	finish_ok(f);

	assert_int_equal(T(f, s)->nholes, 0);
	assert_int_equal(T(f, s)->hole_bits, 0);
	assert_int_equal(T(f, s)->tail_padding_bits, 0);
	assert_int_equal(T(f, s)->align, 4);
	assert_false(T(f, s)->packed);
	assert_int_equal(T(f, f->u64)->align, 4);
}

/* struct s { __u32 a:3, b:5; __u32 c; };  a at bit 0, b at bit 3, c at byte 4 */
static void test_bitfields_hole(void **state)
{
	struct fx *f = *state;
	uint32_t s;

	base_types(f, 8);
	s = aggregate(f->l, UABI_KIND_STRUCT, "bits", 8, 3);
	member(f->l, s, 0, "a", f->u32, 0, 3);
	member(f->l, s, 1, "b", f->u32, 3, 5);
	member(f->l, s, 2, "c", f->u32, 32, 0);
	finish_ok(f);

	assert_int_equal(T(f, s)->nholes, 1);
	assert_hole(T(f, s), 0, 8, 24, 1);
	assert_int_equal(T(f, s)->hole_bits, 24);
	assert_int_equal(T(f, s)->tail_padding_bits, 0);
	assert_int_equal(T(f, s)->align, 4);
	assert_false(T(f, s)->packed);
	assert_int_equal(uabi_layout__member_bits(f->l, &T(f, s)->members[1]), 5);
	assert_int_equal(uabi_layout__member_bits(f->l, &T(f, s)->members[2]), 32);
}

/* struct s { __u64 a; __u8 b; };  size 16: 7 bytes of tail padding */
static void test_tail_padding(void **state)
{
	struct fx *f = *state;
	uint32_t s;

	base_types(f, 8);
	s = aggregate(f->l, UABI_KIND_STRUCT, "tail", 16, 2);
	member(f->l, s, 0, "a", f->u64, 0, 0);
	member(f->l, s, 1, "b", f->u8, 64, 0);
	finish_ok(f);

	assert_int_equal(T(f, s)->nholes, 0);
	assert_int_equal(T(f, s)->hole_bits, 0);
	assert_int_equal(T(f, s)->tail_padding_bits, 56);
	assert_int_equal(T(f, s)->align, 8);
	assert_false(T(f, s)->packed);
}

/* Members are visited in offset order, whatever their declaration order:
 * a model with b (at 8) listed before a (at 0) has the hole after a (index 1). */
static void test_holes_in_offset_order(void **state)
{
	struct fx *f = *state;
	uint32_t s;

	base_types(f, 8);
	s = aggregate(f->l, UABI_KIND_STRUCT, "s", 16, 2);
	member(f->l, s, 0, "b", f->u64, 64, 0);
	member(f->l, s, 1, "a", f->u32, 0, 0);
	finish_ok(f);

	assert_int_equal(T(f, s)->nholes, 1);
	assert_hole(T(f, s), 0, 32, 32, 1);
	assert_int_equal(T(f, s)->tail_padding_bits, 0);
}

/* A first member not at offset 0 leaves a hole with after = -1. */
static void test_hole_at_start(void **state)
{
	struct fx *f = *state;
	uint32_t s;

	base_types(f, 8);
	s = aggregate(f->l, UABI_KIND_STRUCT, "s", 8, 1);
	member(f->l, s, 0, "a", f->u32, 32, 0);
	finish_ok(f);

	assert_int_equal(T(f, s)->nholes, 1);
	assert_hole(T(f, s), 0, 0, 32, -1);
	assert_int_equal(T(f, s)->hole_bits, 32);
	assert_int_equal(T(f, s)->tail_padding_bits, 0);
}

/* union u { __u64 x; __u8 b[10]; };  size 16: no holes, tail = 128 - 80 */
static void test_union(void **state)
{
	struct fx *f = *state;
	uint32_t u, b10;

	base_types(f, 8);
	b10 = array(f->l, f->u8, 10);
	u = aggregate(f->l, UABI_KIND_UNION, "u", 16, 2);
	member(f->l, u, 0, "x", f->u64, 0, 0);
	member(f->l, u, 1, "b", b10, 0, 0);
	finish_ok(f);

	assert_int_equal(T(f, u)->nholes, 0);
	assert_int_equal(T(f, u)->hole_bits, 0);
	assert_int_equal(T(f, u)->tail_padding_bits, 48);
	assert_int_equal(T(f, u)->align, 8);
	assert_false(T(f, u)->packed);
	assert_false(T(f, u)->has_flexible);
	assert_int_equal(T(f, b10)->align, 1);
	assert_name(f, u, "union u");
	assert_name(f, b10, "__u8 [10]");
}

/* struct __attribute__((packed)) p { __u8 a; __u32 b; };  b at 1, size 5, align 1 */
static void test_packed_member_offset(void **state)
{
	struct fx *f = *state;
	uint32_t s;

	base_types(f, 8);
	s = aggregate(f->l, UABI_KIND_STRUCT, "p", 5, 2);
	member(f->l, s, 0, "a", f->u8, 0, 0);
	member(f->l, s, 1, "b", f->u32, 8, 0);
	finish_ok(f);

	assert_true(T(f, s)->packed);
	assert_int_equal(T(f, s)->align, 1);
	assert_int_equal(T(f, s)->nholes, 0);
	assert_int_equal(T(f, s)->hole_bits, 0);
	assert_int_equal(T(f, s)->tail_padding_bits, 0);
}

/* struct __attribute__((packed)) q { __u32 a; __u32 b; };  every member at its
 * natural offset, but _Alignof is 1 (measured) < 4: packed all the same */
static void test_packed_measured_align(void **state)
{
	struct fx *f = *state;
	uint32_t s;

	base_types(f, 8);
	s = aggregate(f->l, UABI_KIND_STRUCT, "q", 8, 2);
	member(f->l, s, 0, "a", f->u32, 0, 0);
	member(f->l, s, 1, "b", f->u32, 32, 0);
	T(f, s)->align = 1;
	T(f, s)->measured_align = true;
	finish_ok(f);

	assert_true(T(f, s)->packed);
	assert_int_equal(T(f, s)->align, 1);
	assert_int_equal(T(f, s)->nholes, 0);
	assert_int_equal(T(f, s)->tail_padding_bits, 0);
}

/* struct __attribute__((aligned(16))) a16 { __u32 a; };  measured 16 > 4:
 * over-aligned, not packed; size 16 leaves 12 bytes of tail */
static void test_overaligned_not_packed(void **state)
{
	struct fx *f = *state;
	uint32_t s;

	base_types(f, 8);
	s = aggregate(f->l, UABI_KIND_STRUCT, "a16", 16, 1);
	member(f->l, s, 0, "a", f->u32, 0, 0);
	T(f, s)->align = 16;
	T(f, s)->measured_align = true;
	finish_ok(f);

	assert_false(T(f, s)->packed);
	assert_int_equal(T(f, s)->align, 16);
	assert_int_equal(T(f, s)->tail_padding_bits, 96);
}

/* struct m { __u32 a; __u32 b __attribute__((aligned(16))); };  b at 16,
 * size 32: the member's alignment attribute makes the struct 16-aligned */
static void test_member_align_attribute(void **state)
{
	struct fx *f = *state;
	uint32_t s;

	base_types(f, 8);
	s = aggregate(f->l, UABI_KIND_STRUCT, "m", 32, 2);
	member(f->l, s, 0, "a", f->u32, 0, 0);
	member(f->l, s, 1, "b", f->u32, 128, 0);
	T(f, s)->members[1].align = 16;
	finish_ok(f);

	assert_int_equal(T(f, s)->nholes, 1);
	assert_hole(T(f, s), 0, 32, 96, 0);
	assert_int_equal(T(f, s)->tail_padding_bits, 96);
	assert_false(T(f, s)->packed);
	/* uabi_layout__align() of an unfinished copy says 16 (align_of honours
	 * member->align); finish must agree */
	assert_int_equal(T(f, s)->align, 16);
}

/* struct o { __u8 c; struct i in; };  struct __attribute__((packed)) i { __u8 a; __u32 b; };
 * in at 1, size 6, align 1. The reader appends o before i (depth-first from
 * the roots); the result must not depend on that order: o is not packed,
 * its member sits at the natural alignment (1) of a packed struct. */
static void test_nested_packed_any_order(void **state)
{
	struct fx *f = *state;
	uint32_t o, i;

	base_types(f, 8);
	o = aggregate(f->l, UABI_KIND_STRUCT, "o", 6, 2);
	i = aggregate(f->l, UABI_KIND_STRUCT, "i", 5, 2);
	member(f->l, i, 0, "a", f->u8, 0, 0);
	member(f->l, i, 1, "b", f->u32, 8, 0);
	member(f->l, o, 0, "c", f->u8, 0, 0);
	member(f->l, o, 1, "in", i, 8, 0);
	finish_ok(f);

	assert_true(T(f, i)->packed);
	assert_int_equal(T(f, i)->align, 1);
	assert_false(T(f, o)->packed);
	assert_int_equal(T(f, o)->align, 1);
	assert_int_equal(T(f, o)->nholes, 0);
	assert_int_equal(T(f, o)->tail_padding_bits, 0);
}

/* ---- flexible and zero-length arrays, anonymous members ------------------ */

/* struct fl { __u32 n; __u32 pad; __u64 entries[]; };  size 8 */
static void test_flexible_array(void **state)
{
	struct fx *f = *state;
	uint32_t s, fa;

	base_types(f, 8);
	fa = flex_array(f->l, f->u64);
	s = aggregate(f->l, UABI_KIND_STRUCT, "fl", 8, 3);
	member(f->l, s, 0, "n", f->u32, 0, 0);
	member(f->l, s, 1, "pad", f->u32, 32, 0);
	member(f->l, s, 2, "entries", fa, 64, 0);
	finish_ok(f);

	assert_true(T(f, s)->has_flexible);
	assert_int_equal(T(f, s)->nholes, 0);
	assert_int_equal(T(f, s)->tail_padding_bits, 0);
	assert_int_equal(T(f, s)->align, 8);
	assert_false(T(f, s)->packed);
	assert_int_equal(uabi_layout__member_bits(f->l, &T(f, s)->members[2]), 0);
	assert_int_equal(T(f, fa)->align, 8);
	assert_name(f, fa, "__u64 []");
}

/* struct z { __u32 len; __u8 data[0]; };  size 4; a zero-length array that
 * is not last (y) does not count */
static void test_zero_length_array(void **state)
{
	struct fx *f = *state;
	uint32_t z, y, a0;

	base_types(f, 8);
	a0 = array(f->l, f->u8, 0);
	z = aggregate(f->l, UABI_KIND_STRUCT, "z", 4, 2);
	member(f->l, z, 0, "len", f->u32, 0, 0);
	member(f->l, z, 1, "data", a0, 32, 0);
	/* struct y { __u8 data[0]; __u32 len; }; */
	y = aggregate(f->l, UABI_KIND_STRUCT, "y", 4, 2);
	member(f->l, y, 0, "data", a0, 0, 0);
	member(f->l, y, 1, "len", f->u32, 0, 0);
	finish_ok(f);

	assert_true(T(f, z)->has_flexible);
	assert_int_equal(T(f, z)->nholes, 0);
	assert_int_equal(T(f, z)->tail_padding_bits, 0);
	assert_int_equal(T(f, z)->align, 4);
	assert_false(T(f, y)->has_flexible);
	assert_int_equal(T(f, y)->nholes, 0);
	assert_name(f, a0, "__u8 [0]");
}

/* struct an { __u32 type; union { __u64 a; __u32 b; }; };  union at 8, size 16 */
static void test_anonymous_union_member(void **state)
{
	struct fx *f = *state;
	uint32_t s, u;

	base_types(f, 8);
	s = aggregate(f->l, UABI_KIND_STRUCT, "an", 16, 2);
	u = aggregate(f->l, UABI_KIND_UNION, NULL, 8, 2);
	member(f->l, u, 0, "a", f->u64, 0, 0);
	member(f->l, u, 1, "b", f->u32, 0, 0);
	member(f->l, s, 0, "type", f->u32, 0, 0);
	member(f->l, s, 1, NULL, u, 64, 0);
	finish_ok(f);

	assert_int_equal(T(f, u)->nholes, 0);
	assert_int_equal(T(f, u)->tail_padding_bits, 0);
	assert_int_equal(T(f, u)->align, 8);
	assert_int_equal(T(f, s)->nholes, 1);
	assert_hole(T(f, s), 0, 32, 32, 0);
	assert_int_equal(T(f, s)->tail_padding_bits, 0);
	assert_int_equal(T(f, s)->align, 8);
	assert_false(T(f, s)->packed);
	assert_null(T(f, s)->members[1].name);
	assert_name(f, u, "union <anon>");
	/* anonymous types are not found by spelling */
	assert_int_equal(uabi_layout__find_type(f->l, "union <anon>"), UABI_NO_TYPE);
}

/* ---- names, strip, lookup ------------------------------------------------ */

static void test_type_names(void **state)
{
	struct fx *f = *state;
	uint32_t log, u8_16, vp, row, grid, ch, cch, ccp, e, lp, ul;

	base_types(f, 8);
	log = aggregate(f->l, UABI_KIND_STRUCT, "kvm_dirty_log", 16, 0);
	u8_16 = array(f->l, f->u8, 16);
	vp = pointer(f->l, UABI_NO_TYPE, 8);
	row = array(f->l, f->u8, 3);
	grid = array(f->l, row, 2);	/* __u8 [2][3]: 2 rows of 3 */
	ch = base(f->l, "char", 1, 1, UABI_ENC_SIGNED_CHAR);
	cch = add(f->l, UABI_KIND_CONST, NULL, 1, ch);
	ccp = pointer(f->l, cch, 8);
	e = add(f->l, UABI_KIND_ENUM, "kvm_mode", 4, UABI_NO_TYPE);
	lp = pointer(f->l, add(f->l, UABI_KIND_VOID, NULL, 0, UABI_NO_TYPE), 8);
	ul = base(f->l, "long unsigned int", 8, 8, UABI_ENC_UNSIGNED);
	finish_ok(f);

	assert_name(f, log, "struct kvm_dirty_log");
	assert_name(f, u8_16, "__u8 [16]");
	assert_name(f, vp, "void *");
	assert_name(f, lp, "void *");
	assert_int_equal(T(f, grid)->size, 6);
	assert_name(f, grid, "__u8 [2][3]");
	assert_name(f, ccp, "const char *");
	assert_name(f, e, "enum kvm_mode");
	assert_name(f, ul, "long unsigned int");
	assert_name(f, f->u64, "__u64");

	/* a short buffer truncates, NUL-terminated */
	{
		char small[8];

		assert_string_equal(uabi_layout__type_name(f->l, log, small, sizeof(small)), "struct ");
	}
}

static void test_strip(void **state)
{
	struct fx *f = *state;
	uint32_t c, v, loop;

	base_types(f, 8);
	c = add(f->l, UABI_KIND_CONST, NULL, 4, f->u32);
	v = add(f->l, UABI_KIND_VOLATILE, NULL, 4, c);
	loop = add(f->l, UABI_KIND_TYPEDEF, "loop", 0, UABI_NO_TYPE);
	T(f, loop)->ref = loop;	/* malformed: must not hang */

	/* __u32 -> unsigned int (index 1 of base_types) */
	assert_int_equal(uabi_layout__strip(f->l, f->u32), T(f, f->u32)->ref);
	assert_int_equal(T(f, uabi_layout__strip(f->l, v))->kind, UABI_KIND_BASE);
	assert_string_equal(T(f, uabi_layout__strip(f->l, v))->name, "unsigned int");
	assert_int_equal(uabi_layout__strip(f->l, T(f, f->u8)->ref), T(f, f->u8)->ref);
	assert_int_equal(uabi_layout__strip(f->l, 9999), UABI_NO_TYPE);
	assert_int_equal(uabi_layout__strip(f->l, UABI_NO_TYPE), UABI_NO_TYPE);
	assert_int_equal(uabi_layout__strip(f->l, loop), UABI_NO_TYPE);
	assert_null(uabi_layout__type(f->l, f->l->ntypes));
}

static void test_find_type(void **state)
{
	struct fx *f = *state;
	uint32_t log, u8_16, vp;

	base_types(f, 8);
	log = aggregate(f->l, UABI_KIND_STRUCT, "kvm_dirty_log", 16, 0);
	u8_16 = array(f->l, f->u8, 16);
	vp = pointer(f->l, UABI_NO_TYPE, 8);
	finish_ok(f);

	assert_int_equal(uabi_layout__find_type(f->l, "struct kvm_dirty_log"), log);
	assert_int_equal(uabi_layout__find_type(f->l, "__u64"), f->u64);
	assert_int_equal(uabi_layout__find_type(f->l, "unsigned long long"), T(f, f->u64)->ref);
	assert_int_equal(uabi_layout__find_type(f->l, "__u8 [16]"), u8_16);
	assert_int_equal(uabi_layout__find_type(f->l, "void *"), vp);
	assert_int_equal(uabi_layout__find_type(f->l, "struct kvm_run"), UABI_NO_TYPE);
	assert_int_equal(uabi_layout__find_type(f->l, "kvm_dirty_log"), UABI_NO_TYPE);
	assert_int_equal(uabi_layout__find_type(f->l, ""), UABI_NO_TYPE);
}

static void test_ioctl_lookup(void **state)
{
	struct fx *f = *state;
	static const char *const names[] = {
		"KVM_CHECK_EXTENSION", "KVM_CREATE_VM", "KVM_DIRTY_TLB", "KVM_GET_DIRTY_LOG",
		"KVM_MEMORY_ENCRYPT_OP", "KVM_RUN", "KVM_S390_MEM_OP",
	};
	const uint32_t n = sizeof(names) / sizeof(names[0]);

	assert_null(uabi_layout__ioctl(f->l, "KVM_RUN"));	/* no ioctls at all */
	f->l->ioctls = uabi_arena__alloc(&f->l->arena, n * sizeof(*f->l->ioctls));
	assert_non_null(f->l->ioctls);
	for (uint32_t i = 0; i < n; i++) {
		f->l->ioctls[i].name = names[i];
		f->l->ioctls[i].nr = i;
	}
	f->l->nioctls = n;

	for (uint32_t i = 0; i < n; i++) {
		const struct uabi_ioctl *io = uabi_layout__ioctl(f->l, names[i]);

		assert_non_null(io);
		assert_ptr_equal(io, &f->l->ioctls[i]);
		assert_int_equal(io->nr, i);
	}
	assert_null(uabi_layout__ioctl(f->l, "KVM_AAA"));	/* before the first */
	assert_null(uabi_layout__ioctl(f->l, "KVM_ZZZ"));	/* after the last */
	assert_null(uabi_layout__ioctl(f->l, "KVM_GET_DIRTY"));	/* prefix of one */
	assert_null(uabi_layout__ioctl(f->l, "KVM_GET_DIRTY_LOGS"));
}

/* ---- word round trips ---------------------------------------------------- */

static void test_kind_encoding_dir_words(void **state)
{
	(void)state;
	for (int k = 0; k < UABI_KIND__COUNT; k++) {
		assert_string_not_equal(uabi_kind__str(k), "?");
		assert_int_equal(uabi_kind__parse(uabi_kind__str(k)), k);
	}
	assert_string_equal(uabi_kind__str(UABI_KIND_STRUCT), "struct");
	assert_string_equal(uabi_kind__str(UABI_KIND_FUNC), "function");
	assert_string_equal(uabi_kind__str(UABI_KIND__COUNT), "?");
	assert_int_equal(uabi_kind__parse("class"), -1);
	assert_int_equal(uabi_kind__parse("Struct"), -1);
	assert_int_equal(uabi_kind__parse(NULL), -1);

	for (int e = UABI_ENC_NONE; e <= UABI_ENC_OTHER; e++)
		assert_int_equal(uabi_encoding__parse(uabi_encoding__str(e)), e);
	assert_string_equal(uabi_encoding__str(UABI_ENC_UNSIGNED_CHAR), "unsigned_char");
	assert_string_equal(uabi_encoding__str(UABI_ENC_OTHER + 1), "?");
	assert_int_equal(uabi_encoding__parse("utf"), -1);

	for (int d = UABI_DIR_NONE; d <= UABI_DIR_RW; d++)
		assert_int_equal(uabi_dir__parse(uabi_dir__str(d)), d);
	assert_string_equal(uabi_dir__str(UABI_DIR_WRITE), "write");
	assert_string_equal(uabi_dir__str(UABI_DIR_READ), "read");
	assert_string_equal(uabi_dir__str(UABI_DIR_RW), "read|write");
	assert_string_equal(uabi_dir__str(4), "?");
	assert_int_equal(uabi_dir__parse("rw"), -1);
}

/* ---- errors --------------------------------------------------------------- */

/* struct big { __u64 a; } declared with size 4: the member ends at bit 64 */
static void test_error_member_beyond_size(void **state)
{
	struct fx *f = *state;
	uint32_t s;
	int err;

	base_types(f, 8);
	s = aggregate(f->l, UABI_KIND_STRUCT, "big", 4, 1);
	member(f->l, s, 0, "a", f->u64, 0, 0);
	err = uabi_layout__finish(f->l, &f->d);

	assert_int_equal(err, -EINVAL);
	assert_int_equal(f->d.cls, UABI_E_INPUT);
	assert_int_equal(f->d.err, EINVAL);
	assert_string_equal(f->d.msg, "struct big: members end at bit 64 beyond the size of 4 bytes");
}

static void test_error_type_out_of_range(void **state)
{
	struct fx *f = *state;
	uint32_t t;
	int err;

	base_types(f, 8);	/* types 0..5 */
	t = add(f->l, UABI_KIND_TYPEDEF, "bad", 4, 42);
	err = uabi_layout__finish(f->l, &f->d);

	assert_int_equal(t, 6);
	assert_int_equal(err, -EINVAL);
	assert_int_equal(f->d.cls, UABI_E_INPUT);
	assert_string_equal(f->d.msg, "type 6 refers to type 42 of 7");
}

static void test_error_member_type_out_of_range(void **state)
{
	struct fx *f = *state;
	uint32_t s;
	int err;

	base_types(f, 8);
	s = aggregate(f->l, UABI_KIND_STRUCT, "s", 8, 2);
	member(f->l, s, 0, "a", f->u32, 0, 0);
	member(f->l, s, 1, "b", 7, 32, 0);
	err = uabi_layout__finish(f->l, &f->d);

	assert_int_equal(s, 6);
	assert_int_equal(err, -EINVAL);
	assert_int_equal(f->d.cls, UABI_E_INPUT);
	assert_string_equal(f->d.msg, "type 6 member 1 refers to type 7 of 7");
}

/* finish is idempotent: a second run recomputes the same holes */
static void test_finish_twice(void **state)
{
	struct fx *f = *state;
	uint32_t s;

	base_types(f, 8);
	s = aggregate(f->l, UABI_KIND_STRUCT, "s", 16, 2);
	member(f->l, s, 0, "a", f->u32, 0, 0);
	member(f->l, s, 1, "b", f->u64, 64, 0);
	finish_ok(f);
	finish_ok(f);

	assert_int_equal(T(f, s)->nholes, 1);
	assert_int_equal(T(f, s)->hole_bits, 32);
	assert_int_equal(T(f, s)->align, 8);
}

#define T_(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T_(test_hole_after_u32_x86_64),
		T_(test_no_hole_i386),
		T_(test_bitfields_hole),
		T_(test_tail_padding),
		T_(test_holes_in_offset_order),
		T_(test_hole_at_start),
		T_(test_union),
		T_(test_packed_member_offset),
		T_(test_packed_measured_align),
		T_(test_overaligned_not_packed),
		T_(test_member_align_attribute),
		T_(test_nested_packed_any_order),
		T_(test_flexible_array),
		T_(test_zero_length_array),
		T_(test_anonymous_union_member),
		T_(test_type_names),
		T_(test_strip),
		T_(test_find_type),
		T_(test_ioctl_lookup),
		T_(test_kind_encoding_dir_words),
		T_(test_error_member_beyond_size),
		T_(test_error_type_out_of_range),
		T_(test_error_member_type_out_of_range),
		T_(test_finish_twice),
	};

	return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
