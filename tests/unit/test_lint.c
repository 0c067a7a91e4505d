// SPDX-License-Identifier: MIT
/*
 * Unit tests of the ioctl lints (compare/lint.c). Two layouts are built in
 * memory as the compilers lay out the C below for x86_64 and i386 (__u64
 * 8-byte aligned vs 4-byte aligned in structs; pointers and longs 8 vs 4
 * bytes); __s64 is "long int" on the LP64 side, as on ppc64, and must not
 * count as a long there. The last test extracts the real Linux 6.1 KVM
 * headers ($UABI_KERNEL_TREE; the uabi binary of the build dir, or $UABI).
 *
 *   struct kvm_c {                         t.h:1    x86_64      i386
 *           __u64 x;                       t.h:2    0           0
 *           __u32 y;                       t.h:3    8           8
 *   };                                              size 16     size 12
 *
 *   struct kvm_a {                         t.h:10
 *           __u32 flags;                   t.h:11   0           0
 *           __u64 addr;                    t.h:12   8           4
 *   };                                              size 16     size 12
 *
 *   struct kvm_b {                         t.h:20
 *           void *ptr;                     t.h:21   0           0
 *           __kernel_ulong_t len;          t.h:22   8           4
 *           __s64 val;                     t.h:23   16          8
 *           enum kvm_mode mode;            t.h:24   24          16
 *           __u32 bits:3;                  t.h:25   bit 224     bit 160
 *           __u32 more:26;                 t.h:26   bit 230     bit 166
 *           _Bool on;                      t.h:27   32          24
 *           __u8 pad[3];                   t.h:28   33          25
 *           union {                        t.h:29   40          28
 *                   __u64 u64v;            t.h:30
 *                   __u32 u32v;            t.h:31
 *           };
 *           struct {                       t.h:33   48          36
 *                   __u8 c;                t.h:34   +0          +0
 *                   __u32 d;               t.h:35   +4          +4
 *           } s;
 *           struct kvm_c inner;            t.h:37   56          44
 *           struct kvm_a *next;            t.h:38   72          56
 *   };                                              size 80     size 60
 *
 * KVM_A and KVM_A2 both take struct kvm_a, KVM_B struct kvm_b, KVM_N a
 * __u64, KVM_X a struct that does not exist on the ABI.
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

#include "testrun.h"

#include "builder.h"
#include "compare/lint.h"
#include "core/json.h"

#define MAX_IOCTLS 8

struct fx {
	struct uabi_layout *l[2];	/* x86_64, i386 */
	struct uabi_dlist out;
	struct uabi_diag d;
};

static void mem(struct uabi_layout *l, uint32_t id, uint32_t i, const char *name, uint32_t type,
		uint64_t bit_offset, uint32_t bits, uint32_t line)
{
	struct uabi_member *m = &uabi_layout__type(l, id)->members[i];

	set_member(m, name, type, bit_offset, bits);
	m->decl_file = "t.h";
	m->decl_line = line;
}

static uint32_t agg(struct uabi_layout *l, enum uabi_kind k, const char *name, uint64_t size,
		    uint32_t n, uint32_t line)
{
	uint32_t id = add(l, k, name, size, 0, UABI_NO_TYPE);

	uabi_layout__type(l, id)->decl_file = "t.h";
	uabi_layout__type(l, id)->decl_line = line;
	members(l, id, n);
	return id;
}

static void ioctl_add(struct uabi_layout *l, const char *name, const char *arg, uint32_t type,
		      bool applicable)
{
	struct uabi_ioctl *io = &l->ioctls[l->nioctls++];

	assert_true(l->nioctls <= MAX_IOCTLS);
	io->name = name;
	io->macro = "_IOW";
	io->arg_type = arg;
	io->applicable = applicable;
	io->type = applicable ? type : UABI_NO_TYPE;
	io->dir = UABI_DIR_WRITE;
	io->decl_file = "include/uapi/linux/kvm.h";
	io->decl_line = 100 + l->nioctls;
}

/* One ABI: w is the word size (pointer, long), also the alignment of
 * __u64 inside structs. */
static struct uabi_layout *build(const char *name, uint32_t w)
{
	struct uabi_layout *l = uabi_layout__new();
	bool lp64 = w == 8;
	uint32_t uint, u8b, ull, ulong, s64b, boolb, vd, voidp, u8, u32, u64, s64, kul, mode, u8x3;
	uint32_t c, a, u, s, b;
	uint64_t o;		/* bit offset of kvm_b's bitfield unit */
	struct uabi_diag d;

	assert_non_null(l);
	l->profile.name = name;
	l->profile.arch = "x86";
	l->profile.pointer_size = w;
	l->profile.long_size = w;
	l->ioctls = uabi_arena__alloc(&l->arena, MAX_IOCTLS * sizeof(*l->ioctls));
	assert_non_null(l->ioctls);

	uint = add(l, UABI_KIND_BASE, "unsigned int", 4, 4, UABI_NO_TYPE);
	u8b = add(l, UABI_KIND_BASE, "unsigned char", 1, 1, UABI_NO_TYPE);
	ull = add(l, UABI_KIND_BASE, "long long unsigned int", 8, w, UABI_NO_TYPE);
	ulong = add(l, UABI_KIND_BASE, "long unsigned int", w, w, UABI_NO_TYPE);
	s64b = add(l, UABI_KIND_BASE, lp64 ? "long int" : "long long int", 8, w, UABI_NO_TYPE);
	boolb = add(l, UABI_KIND_BASE, "_Bool", 1, 1, UABI_NO_TYPE);
	uabi_layout__type(l, uint)->encoding = UABI_ENC_UNSIGNED;
	uabi_layout__type(l, u8b)->encoding = UABI_ENC_UNSIGNED_CHAR;
	uabi_layout__type(l, ull)->encoding = UABI_ENC_UNSIGNED;
	uabi_layout__type(l, ulong)->encoding = UABI_ENC_UNSIGNED;
	uabi_layout__type(l, s64b)->encoding = UABI_ENC_SIGNED;
	uabi_layout__type(l, boolb)->encoding = UABI_ENC_BOOL;
	vd = add(l, UABI_KIND_VOID, NULL, 0, 0, UABI_NO_TYPE);
	voidp = add(l, UABI_KIND_POINTER, NULL, w, w, vd);
	u8 = add(l, UABI_KIND_TYPEDEF, "__u8", 1, 0, u8b);
	u32 = add(l, UABI_KIND_TYPEDEF, "__u32", 4, 0, uint);
	u64 = add(l, UABI_KIND_TYPEDEF, "__u64", 8, 0, ull);
	s64 = add(l, UABI_KIND_TYPEDEF, "__s64", 8, 0, s64b);
	kul = add(l, UABI_KIND_TYPEDEF, "__kernel_ulong_t", w, 0, ulong);
	mode = add(l, UABI_KIND_ENUM, "kvm_mode", 4, 4, uint);
	u8x3 = add(l, UABI_KIND_ARRAY, NULL, 3, 0, u8);
	uabi_layout__type(l, u8x3)->count = 3;

	c = agg(l, UABI_KIND_STRUCT, "kvm_c", lp64 ? 16 : 12, 2, 1);
	mem(l, c, 0, "x", u64, 0, 0, 2);
	mem(l, c, 1, "y", u32, 64, 0, 3);

	a = agg(l, UABI_KIND_STRUCT, "kvm_a", lp64 ? 16 : 12, 2, 10);
	mem(l, a, 0, "flags", u32, 0, 0, 11);
	mem(l, a, 1, "addr", u64, lp64 ? 64 : 32, 0, 12);

	u = agg(l, UABI_KIND_UNION, NULL, 8, 2, 29);
	mem(l, u, 0, "u64v", u64, 0, 0, 30);
	mem(l, u, 1, "u32v", u32, 0, 0, 31);
	s = agg(l, UABI_KIND_STRUCT, NULL, 8, 2, 33);
	mem(l, s, 0, "c", u8, 0, 0, 34);
	mem(l, s, 1, "d", u32, 32, 0, 35);

	b = agg(l, UABI_KIND_STRUCT, "kvm_b", lp64 ? 80 : 60, 12, 20);
	o = lp64 ? 224 : 160;
	mem(l, b, 0, "ptr", voidp, 0, 0, 21);
	mem(l, b, 1, "len", kul, lp64 ? 64 : 32, 0, 22);
	mem(l, b, 2, "val", s64, lp64 ? 128 : 64, 0, 23);
	mem(l, b, 3, "mode", mode, lp64 ? 192 : 128, 0, 24);
	mem(l, b, 4, "bits", u32, o, 3, 25);
	mem(l, b, 5, "more", u32, o + 6, 26, 26);
	mem(l, b, 6, "on", boolb, o + 32, 0, 27);
	mem(l, b, 7, "pad", u8x3, o + 40, 0, 28);
	mem(l, b, 8, NULL, u, lp64 ? 320 : 224, 0, 29);
	mem(l, b, 9, "s", s, lp64 ? 384 : 288, 0, 33);
	mem(l, b, 10, "inner", c, lp64 ? 448 : 352, 0, 37);
	/* a pointer to a struct with findings: not followed */
	mem(l, b, 11, "next", add(l, UABI_KIND_POINTER, NULL, w, w, a), lp64 ? 576 : 448, 0, 38);
	/* as if KVM_B's argument were "const struct kvm_b" */
	b = add(l, UABI_KIND_CONST, NULL, 0, 0, b);

	ioctl_add(l, "KVM_A", "struct kvm_a", a, true);
	ioctl_add(l, "KVM_A2", "struct kvm_a", a, true);
	ioctl_add(l, "KVM_B", "struct kvm_b", b, true);
	ioctl_add(l, "KVM_N", "__u64", u64, true);
	ioctl_add(l, "KVM_X", "struct kvm_x", UABI_NO_TYPE, false);
	if (uabi_layout__finish(l, &d))
		fail_msg("%s: %s", name, d.msg);
	return l;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->l[0] = build("x86_64", 8);
	f->l[1] = build("i386", 4);
	uabi_dlist__init(&f->out);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	uabi_dlist__free(&f->out);
	uabi_layout__free(f->l[0]);
	uabi_layout__free(f->l[1]);
	free(f);
	return 0;
}

static void run(struct fx *f, uint32_t n, const char *const *only, uint32_t nonly)
{
	if (uabi_lint__run((const struct uabi_layout *const *)f->l, n, only, nonly, &f->out, &f->d))
		fail_msg("lint: %s", f->d.msg);
}

static bool eq(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* Exactly one finding of rule for (profile, type, member), with this
 * line of t.h and message. */
static void want(const struct uabi_dlist *l, const char *profile, const char *rule,
		 const char *type, const char *member, uint32_t line, const char *message)
{
	const struct uabi_dfinding *hit = NULL;

	for (uint32_t i = 0; i < l->n; i++) {
		const struct uabi_dfinding *f = &l->v[i];

		if (!eq(f->profiles, profile) || !eq(f->rule, rule) || !eq(f->type, type) ||
		    !eq(f->member, member))
			continue;
		if (hit)
			fail_msg("%s %s %s %s: reported twice", profile, rule, type, member);
		hit = f;
	}
	if (!hit)
		fail_msg("%s %s %s %s: not reported", profile, rule, type, member);
	assert_string_equal(hit->message, message);
	assert_int_equal(hit->sev, UABI_SEV_WARNING);
	assert_null(hit->ioctl);
	assert_string_equal(hit->file, "t.h");
	assert_int_equal(hit->line, line);
	assert_int_equal(hit->order, strcmp(profile, "x86_64") ? 1 : 0);
	assert_false(hit->suppressed);
}

static uint32_t count(const struct uabi_dlist *l, const char *profile, const char *rule)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < l->n; i++)
		if ((!profile || eq(l->v[i].profiles, profile)) && (!rule || eq(l->v[i].rule, rule)))
			n++;
	return n;
}

/* Findings both ABIs share. */
static void want_both(const struct uabi_dlist *l, const char *rule, const char *type,
		      const char *member, uint32_t line, const char *message)
{
	want(l, "x86_64", rule, type, member, line, message);
	want(l, "i386", rule, type, member, line, message);
}

static void test_pair(void **state)
{
	struct fx *f = *state;
	const struct uabi_dlist *o = &f->out;

	run(f, 2, NULL, 0);

	/* a u64 after a u32: a hole on x86_64, misaligned on i386 */
	want(o, "x86_64", "lint-hole", "struct kvm_a", "addr", 12,
	     "struct kvm_a: 4-byte hole before member addr");
	want(o, "i386", "lint-u64-align", "struct kvm_a", "addr", 12,
	     "struct kvm_a: member addr (__u64) at offset 4, not 8-byte aligned");
	want(o, "i386", "lint-size-multiple-8", "struct kvm_a", NULL, 10,
	     "struct kvm_a: size 12 is not a multiple of 8");

	want_both(o, "lint-pointer", "struct kvm_b", "ptr", 21,
		  "struct kvm_b: member ptr is a pointer (void *)");
	want_both(o, "lint-pointer", "struct kvm_b", "next", 38,
		  "struct kvm_b: member next is a pointer (struct kvm_a *)");
	want_both(o, "lint-long", "struct kvm_b", "len", 22,
		  "struct kvm_b: member len is a long (__kernel_ulong_t) of ABI-dependent size");
	want_both(o, "lint-enum", "struct kvm_b", "mode", 24,
		  "struct kvm_b: member mode is an enum (enum kvm_mode)");
	want_both(o, "lint-bitfield", "struct kvm_b", "bits", 25,
		  "struct kvm_b: member bits is a bitfield (3 bits)");
	want_both(o, "lint-bitfield", "struct kvm_b", "more", 26,
		  "struct kvm_b: member more is a bitfield (26 bits)");
	want_both(o, "lint-hole", "struct kvm_b", "more", 26,
		  "struct kvm_b: 3-bit hole before member more");
	want_both(o, "lint-bool", "struct kvm_b", "on", 27,
		  "struct kvm_b: member on is a bool (_Bool)");
	/* the anonymous union: 8-byte aligned on x86_64 only */
	want(o, "x86_64", "lint-hole", "struct kvm_b", "<anon>", 29,
	     "struct kvm_b: 4-byte hole before member <anon>");
	want(o, "i386", "lint-u64-align", "struct kvm_b", "u64v", 30,
	     "struct kvm_b: member u64v (__u64) at offset 28, not 8-byte aligned");
	want_both(o, "lint-hole", "struct kvm_b", "s.d", 35,
		  "struct kvm_b: 3-byte hole before member s.d");
	want(o, "i386", "lint-u64-align", "struct kvm_b", "inner", 37,
	     "struct kvm_b: member inner (struct kvm_c) at offset 44, not 8-byte aligned");
	want(o, "i386", "lint-size-multiple-8", "struct kvm_b", NULL, 20,
	     "struct kvm_b: size 60 is not a multiple of 8");
	want(o, "x86_64", "lint-tail-padding", "struct kvm_c", NULL, 1,
	     "struct kvm_c: 4 bytes of tail padding");
	want(o, "i386", "lint-size-multiple-8", "struct kvm_c", NULL, 1,
	     "struct kvm_c: size 12 is not a multiple of 8");

	/* nothing else: __s64 is "long int" on x86_64 but 8 bytes on both,
	 * KVM_A2 shares KVM_A's type, KVM_N is a scalar, KVM_X not applicable,
	 * the pointer to struct kvm_a is not followed */
	assert_int_equal(count(o, "x86_64", NULL), 12);
	assert_int_equal(count(o, "i386", NULL), 15);
	assert_int_equal(count(o, NULL, "lint-long"), 2);
	assert_int_equal(o->n, 27);

	/* merged: shared findings carry both profiles, in table order */
	assert_int_equal(uabi_dlist__merge(&f->out, &f->d), 0);
	assert_int_equal(o->n, 18);
	assert_int_equal(count(o, "x86_64,i386", NULL), 9);
}

/* The list is the same, finding by finding, on every run. */
static void test_deterministic(void **state)
{
	struct fx *f = *state;
	struct uabi_dlist again;

	run(f, 2, NULL, 0);
	uabi_dlist__init(&again);
	assert_int_equal(uabi_lint__run((const struct uabi_layout *const *)f->l, 2, NULL, 0, &again,
					&f->d), 0);
	assert_int_equal(again.n, f->out.n);
	for (uint32_t i = 0; i < again.n; i++) {
		assert_string_equal(again.v[i].message, f->out.v[i].message);
		assert_string_equal(again.v[i].profiles, f->out.v[i].profiles);
	}
	/* walk order: types as the ioctls reach them, members in order */
	assert_string_equal(f->out.v[0].message, "struct kvm_a: 4-byte hole before member addr");
	assert_string_equal(f->out.v[1].message, "struct kvm_b: member ptr is a pointer (void *)");
	uabi_dlist__free(&again);
}

/* One profile: every long is a finding, __s64 ("long int") too. */
static void test_one_profile(void **state)
{
	struct fx *f = *state;

	run(f, 1, NULL, 0);
	want(&f->out, "x86_64", "lint-long", "struct kvm_b", "len", 22,
	     "struct kvm_b: member len is a long (__kernel_ulong_t) of ABI-dependent size");
	want(&f->out, "x86_64", "lint-long", "struct kvm_b", "val", 23,
	     "struct kvm_b: member val is a long (__s64) of ABI-dependent size");
	assert_int_equal(count(&f->out, NULL, "lint-long"), 2);
	assert_int_equal(f->out.n, 13);
}

/* Diff mode: only the named types listed, reached from any root. */
static void test_only(void **state)
{
	struct fx *f = *state;
	const char *const nested[] = { "struct kvm_c" };
	const char *const root[] = { "struct kvm_a", "struct kvm_zzz" };
	const char *const none[] = { "__u64" };

	run(f, 2, nested, 1);
	assert_int_equal(f->out.n, 2);
	want(&f->out, "x86_64", "lint-tail-padding", "struct kvm_c", NULL, 1,
	     "struct kvm_c: 4 bytes of tail padding");
	want(&f->out, "i386", "lint-size-multiple-8", "struct kvm_c", NULL, 1,
	     "struct kvm_c: size 12 is not a multiple of 8");

	uabi_dlist__free(&f->out);
	uabi_dlist__init(&f->out);
	run(f, 2, root, 2);
	assert_int_equal(f->out.n, 3);
	for (uint32_t i = 0; i < f->out.n; i++)
		assert_string_equal(f->out.v[i].type, "struct kvm_a");

	uabi_dlist__free(&f->out);
	uabi_dlist__init(&f->out);
	run(f, 2, none, 1);
	assert_int_equal(f->out.n, 0);
}

/* Packed: holes cannot occur, a misaligned u64 still is a finding; a
 * flexible array at the end is no tail padding; a typedef names an
 * anonymous struct. */
static void test_packed_flexible(void **state)
{
	struct uabi_layout *l = uabi_layout__new();
	struct uabi_dlist out;
	struct uabi_diag d;
	uint32_t uint, ull, u32, u64, arr, p, fl, td;
	const char *const only[] = { "kvm_p_t" };

	(void)state;
	assert_non_null(l);
	l->profile.name = "x86_64";
	l->ioctls = uabi_arena__alloc(&l->arena, MAX_IOCTLS * sizeof(*l->ioctls));
	uint = add(l, UABI_KIND_BASE, "unsigned int", 4, 4, UABI_NO_TYPE);
	ull = add(l, UABI_KIND_BASE, "long long unsigned int", 8, 8, UABI_NO_TYPE);
	u32 = add(l, UABI_KIND_TYPEDEF, "__u32", 4, 0, uint);
	u64 = add(l, UABI_KIND_TYPEDEF, "__u64", 8, 0, ull);
	arr = add(l, UABI_KIND_ARRAY, NULL, 0, 0, u64);
	uabi_layout__type(l, arr)->flexible = true;

	/* struct kvm_p { __u32 n; __u64 v; } __attribute__((packed)); */
	p = agg(l, UABI_KIND_STRUCT, "kvm_p", 12, 2, 50);
	uabi_layout__type(l, p)->align = 1;
	mem(l, p, 0, "n", u32, 0, 0, 51);
	mem(l, p, 1, "v", u64, 32, 0, 52);
	/* typedef struct { __u64 n; __u64 e[]; } kvm_f_t; */
	fl = agg(l, UABI_KIND_STRUCT, NULL, 8, 2, 60);
	mem(l, fl, 0, "n", u64, 0, 0, 61);
	mem(l, fl, 1, "e", arr, 64, 0, 62);
	td = add(l, UABI_KIND_TYPEDEF, "kvm_f_t", 8, 0, fl);
	ioctl_add(l, "KVM_F", "kvm_f_t", td, true);
	ioctl_add(l, "KVM_P", "struct kvm_p", p, true);
	ioctl_add(l, "KVM_P2", "kvm_p_t", add(l, UABI_KIND_TYPEDEF, "kvm_p_t", 12, 0, p), true);
	assert_int_equal(uabi_layout__finish(l, &d), 0);
	assert_true(uabi_layout__type(l, p)->packed);

	uabi_dlist__init(&out);
	assert_int_equal(uabi_lint__run((const struct uabi_layout *const *)&l, 1, NULL, 0, &out, &d), 0);
	assert_int_equal(out.n, 2);
	want(&out, "x86_64", "lint-u64-align", "struct kvm_p", "v", 52,
	     "struct kvm_p: member v (__u64) at offset 4, not 8-byte aligned");
	want(&out, "x86_64", "lint-size-multiple-8", "struct kvm_p", NULL, 50,
	     "struct kvm_p: size 12 is not a multiple of 8");
	uabi_dlist__free(&out);

	/* diff mode listing the root by its argument spelling: KVM_P2's
	 * typedef, after KVM_P reached the struct unlisted */
	uabi_dlist__init(&out);
	assert_int_equal(uabi_lint__run((const struct uabi_layout *const *)&l, 1, only, 1, &out, &d), 0);
	assert_int_equal(out.n, 2);
	want(&out, "x86_64", "lint-size-multiple-8", "struct kvm_p", NULL, 50,
	     "struct kvm_p: size 12 is not a multiple of 8");
	uabi_dlist__free(&out);
	uabi_layout__free(l);
}

/* ---- lint-long by the data model (issue 8 item 8) --------------------- */

/*
 *   struct kvm_l {                      t.h:70
 *           long v[2];                  t.h:71
 *           __kernel_size_t len;        t.h:72
 *           __u64 u;                    t.h:73
 *           __kernel_long_t kl;         t.h:74
 *   };
 *
 * as the five compilers write it: base type names and sizes per profile
 * (gcc for s390 spells "long int", clang "long"); __u64 is unsigned long on ppc64,
 * __kernel_size_t unsigned int on i386, x32 and ppc32, __kernel_long_t
 * long long on x32. KVM_L takes it, or (as_root) no ioctl does and it is a
 * --root.
 */
struct lprof {
	const char *name;
	uint32_t lsize;
	const char *lng, *size_t_base, *u64_base, *kl_base;
	uint32_t size_t_size, kl_size;
};

static const struct lprof lprofs[] = {
	{ "ppc64", 8, "long", "unsigned long", "unsigned long", "long", 8, 8 },
	{ "s390", 4, "long int", "long unsigned int", "long long unsigned int", "long int", 4, 4 },
	{ "i386", 4, "long", "unsigned int", "unsigned long long", "long", 4, 4 },
	{ "x32", 4, "long", "unsigned int", "unsigned long long", "long long", 4, 8 },
	{ "ppc32", 4, "long", "unsigned int", "unsigned long long", "long", 4, 4 },
};

static uint32_t base(struct uabi_layout *l, const char *name, uint32_t size)
{
	uint32_t id = add(l, UABI_KIND_BASE, name, size, size, UABI_NO_TYPE);

	uabi_layout__type(l, id)->encoding = strstr(name, "unsigned") ? UABI_ENC_UNSIGNED : UABI_ENC_SIGNED;
	return id;
}

static struct uabi_layout *build_longs(const struct lprof *p, bool as_root)
{
	struct uabi_layout *l = uabi_layout__new();
	uint32_t lng, arr, szt, u64, kl, st, off = 0;
	struct uabi_diag d;

	assert_non_null(l);
	l->profile.name = p->name;
	l->profile.long_size = p->lsize;
	l->profile.pointer_size = p->lsize;
	lng = base(l, p->lng, p->lsize);
	arr = add(l, UABI_KIND_ARRAY, NULL, 2 * p->lsize, 0, lng);
	uabi_layout__type(l, arr)->count = 2;
	szt = add(l, UABI_KIND_TYPEDEF, "__kernel_size_t", p->size_t_size, 0,
		  base(l, p->size_t_base, p->size_t_size));
	u64 = add(l, UABI_KIND_TYPEDEF, "__u64", 8, 0, base(l, p->u64_base, 8));
	kl = add(l, UABI_KIND_TYPEDEF, "__kernel_long_t", p->kl_size, 0, base(l, p->kl_base, p->kl_size));
	st = agg(l, UABI_KIND_STRUCT, "kvm_l", 2 * p->lsize + p->size_t_size + 8 + p->kl_size, 4, 70);
	mem(l, st, 0, "v", arr, off, 0, 71);
	off += 16 * p->lsize;
	mem(l, st, 1, "len", szt, off, 0, 72);
	off += 8 * p->size_t_size;
	mem(l, st, 2, "u", u64, off, 0, 73);
	off += 64;
	mem(l, st, 3, "kl", kl, off, 0, 74);
	uabi_layout__type(l, st)->align = 4;
	if (as_root) {
		l->roots = uabi_arena__alloc(&l->arena, sizeof(*l->roots));
		assert_non_null(l->roots);
		l->roots[0] = (struct uabi_root){ .name = "struct kvm_l", .applicable = true, .type = st };
		l->nroots = 1;
	} else {
		l->ioctls = uabi_arena__alloc(&l->arena, MAX_IOCTLS * sizeof(*l->ioctls));
		assert_non_null(l->ioctls);
		ioctl_add(l, "KVM_L", "struct kvm_l", st, true);
	}
	if (uabi_layout__finish(l, &d))
		fail_msg("%s: %s", p->name, d.msg);
	return l;
}

/* The profiles a merged lint-long finding about kvm_l.member lists ("" if
 * none), with its message checked. */
static const char *long_profiles(const struct uabi_dlist *o, const char *member, const char *type)
{
	char msg[256];

	for (uint32_t i = 0; i < o->n; i++) {
		if (strcmp(o->v[i].rule, "lint-long") || !eq(o->v[i].member, member))
			continue;
		snprintf(msg, sizeof(msg), "struct kvm_l: member %s is a long (%s) of ABI-dependent size",
			 member, type);
		assert_string_equal(o->v[i].message, msg);
		assert_string_equal(o->v[i].type, "struct kvm_l");
		return o->v[i].profiles;
	}
	return "";
}

/* Lint kvm_l on the profiles of lprofs named in sel (comma list). */
static void lint_longs(const char *sel, struct uabi_dlist *o, bool as_root)
{
	struct uabi_layout *l[5];
	uint32_t n = 0;
	struct uabi_diag d;
	char list[64], one[16];

	snprintf(list, sizeof(list), ",%s,", sel);
	for (uint32_t i = 0; i < 5; i++) {
		snprintf(one, sizeof(one), ",%s,", lprofs[i].name);
		if (strstr(list, one))
			l[n++] = build_longs(&lprofs[i], as_root);
	}
	uabi_dlist__init(o);
	if (uabi_lint__run((const struct uabi_layout *const *)l, n, NULL, 0, o, &d) ||
	    uabi_dlist__merge(o, &d))
		fail_msg("lint: %s", d.msg);
	for (uint32_t i = 0; i < n; i++)
		uabi_layout__free(l[i]);
}

static void test_long_model(void **state)
{
	struct uabi_dlist o;

	(void)state;
	/* both models: what grows with long, on every profile where it does */
	lint_longs("ppc64,s390,i386,x32,ppc32", &o, false);
	assert_string_equal(long_profiles(&o, "v", "long"), "ppc64,s390,i386,x32,ppc32");
	assert_string_equal(long_profiles(&o, "len", "__kernel_size_t"), "ppc64,s390,i386,x32,ppc32");
	assert_string_equal(long_profiles(&o, "u", "__u64"), "");
	assert_string_equal(long_profiles(&o, "kl", "__kernel_long_t"), "ppc64,s390,i386,ppc32");
	uabi_dlist__free(&o);

	/* gcc's "long int" on s390 and clang's "long" elsewhere are one long */
	lint_longs("ppc64,s390", &o, false);
	assert_string_equal(long_profiles(&o, "v", "long"), "ppc64,s390");
	assert_string_equal(long_profiles(&o, "len", "__kernel_size_t"), "ppc64,s390");
	assert_string_equal(long_profiles(&o, "u", "__u64"), "");
	assert_string_equal(long_profiles(&o, "kl", "__kernel_long_t"), "ppc64,s390");
	uabi_dlist__free(&o);

	/* one data model: what the compilers call long, on all of them */
	lint_longs("i386,ppc32", &o, false);
	assert_string_equal(long_profiles(&o, "v", "long"), "i386,ppc32");
	assert_string_equal(long_profiles(&o, "len", "__kernel_size_t"), "");
	assert_string_equal(long_profiles(&o, "kl", "__kernel_long_t"), "i386,ppc32");
	uabi_dlist__free(&o);
	lint_longs("i386", &o, false);
	assert_string_equal(long_profiles(&o, "v", "long"), "i386");
	assert_string_equal(long_profiles(&o, "kl", "__kernel_long_t"), "i386");
	uabi_dlist__free(&o);
	lint_longs("s390", &o, false);
	assert_string_equal(long_profiles(&o, "v", "long"), "s390");
	assert_string_equal(long_profiles(&o, "len", "__kernel_size_t"), "s390");
	uabi_dlist__free(&o);
	/* x32's __kernel_long_t is long long: not on every profile a long */
	lint_longs("i386,x32", &o, false);
	assert_string_equal(long_profiles(&o, "kl", "__kernel_long_t"), "");
	assert_string_equal(long_profiles(&o, "v", "long"), "i386,x32");
	uabi_dlist__free(&o);
	/* one LP64 profile alone cannot tell __u64 (unsigned long) from a long */
	lint_longs("ppc64", &o, false);
	assert_string_equal(long_profiles(&o, "u", "__u64"), "ppc64");
	uabi_dlist__free(&o);
}

/* A --root is linted like an ioctl argument (issue 8 item 9). */
static void test_root_linted(void **state)
{
	struct uabi_dlist o;

	(void)state;
	lint_longs("ppc64,s390,i386,x32,ppc32", &o, true);
	assert_string_equal(long_profiles(&o, "v", "long"), "ppc64,s390,i386,x32,ppc32");
	assert_string_equal(long_profiles(&o, "kl", "__kernel_long_t"), "ppc64,s390,i386,ppc32");
	uabi_dlist__free(&o);
}

/* ---- the real Linux 6.1 KVM headers ------------------------------------ */

static const struct uabi_dfinding *find(const struct uabi_dlist *l, const char *profile,
					const char *rule, const char *type, const char *member)
{
	for (uint32_t i = 0; i < l->n; i++) {
		const struct uabi_dfinding *f = &l->v[i];

		if (eq(f->profiles, profile) && eq(f->rule, rule) && eq(f->type, type) &&
		    eq(f->member, member))
			return f;
	}
	fail_msg("%s %s %s %s: not reported", profile, rule, type, member);
	return NULL;
}

static const char *const rules[] = {
	"lint-hole", "lint-tail-padding", "lint-pointer", "lint-long", "lint-bitfield",
	"lint-enum", "lint-bool", "lint-u64-align", "lint-size-multiple-8",
};

static void test_kvm_6_1(void **state)
{
	const char *tree = getenv("UABI_KERNEL_TREE"), *uabi = getenv("UABI");
	char dir[] = "/tmp/uabi-lint-XXXXXX", path[PATH_MAX + 32];
	struct uabi_layout *l[2] = { NULL, NULL };
	const char *names[2] = { "x86_64", "i386" };
	/* x86_64, i386 per rule, in the order of rules[]; the mmap'd struct
	 * kvm_run, a default root of linux/kvm.h, is linted too: the hole
	 * before kvm_xen_exit.u (x86_64) and u.hcall.* at 12 (i386), 1-byte
	 * hole before s390_sieic.ipa, tail padding of 6 exit arms (4 on
	 * i386), the 8 unsigned longs of riscv_sbi/riscv_csr, kvm_xen_exit's
	 * size 76 on i386 */
	static const uint32_t expect[][2] = {
		{ 4, 1 }, { 9, 4 }, { 3, 3 }, { 8, 8 }, { 8, 8 },
		{ 0, 0 }, { 0, 0 }, { 0, 3 }, { 11, 15 },
	};
	const struct uabi_dfinding *f;
	struct uabi_dlist out;
	struct uabi_diag d;

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
	assert_non_null(mkdtemp(dir));
	{
		const char *argv[] = { uabi, "extract", "--kernel-tree", tree, "--profile", "x86_64,i386",
				       "-j", "2", "-o", dir, NULL };

		test_run(argv);
	}
	for (int i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s.json", dir, names[i]);
		if (uabi_json__read_layout(path, &l[i], &d))
			fail_msg("%s", d.msg);
		unlink(path);
	}
	rmdir(dir);

	uabi_dlist__init(&out);
	if (uabi_lint__run((const struct uabi_layout *const *)l, 2, NULL, 0, &out, &d))
		fail_msg("lint: %s", d.msg);

	for (int i = 0; i < 2; i++) {
		f = find(&out, names[i], "lint-pointer", "struct kvm_dirty_log", "dirty_bitmap");
		assert_string_equal(f->message,
				    "struct kvm_dirty_log: member dirty_bitmap is a pointer (void *)");
		assert_string_equal(f->file, "include/uapi/linux/kvm.h");
		assert_int_equal(f->order, i);
	}
	f = find(&out, "x86_64", "lint-tail-padding", "struct kvm_dirty_tlb", NULL);
	assert_string_equal(f->message, "struct kvm_dirty_tlb: 4 bytes of tail padding");
	assert_string_equal(f->file, "include/uapi/linux/kvm.h");
	f = find(&out, "i386", "lint-size-multiple-8", "struct kvm_dirty_tlb", NULL);
	assert_string_equal(f->message, "struct kvm_dirty_tlb: size 12 is not a multiple of 8");
	/* struct kvm_run, the default root (offsets checked with clang: u at 8
	 * vs 4, u.hcall.input at 16 vs 12, kvm_run.xen.u.hcall.input at 48 vs 44) */
	f = find(&out, "x86_64", "lint-hole", "struct kvm_xen_exit", "u");
	assert_string_equal(f->message, "struct kvm_xen_exit: 4-byte hole before member u");
	f = find(&out, "i386", "lint-u64-align", "struct kvm_xen_exit", "u.hcall.input");
	assert_string_equal(f->message,
			    "struct kvm_xen_exit: member u.hcall.input (__u64) at offset 12, not 8-byte aligned");

	for (size_t r = 0; r < sizeof(rules) / sizeof(rules[0]); r++)
		print_message("%-22s x86_64 %3u  i386 %3u\n", rules[r], count(&out, "x86_64", rules[r]),
			      count(&out, "i386", rules[r]));
	for (size_t r = 0; r < sizeof(rules) / sizeof(rules[0]); r++) {
		if (count(&out, "x86_64", rules[r]) != expect[r][0] ||
		    count(&out, "i386", rules[r]) != expect[r][1])
			fail_msg("%s: x86_64 %u, i386 %u, expected %u, %u", rules[r],
				 count(&out, "x86_64", rules[r]), count(&out, "i386", rules[r]),
				 expect[r][0], expect[r][1]);
	}
	assert_int_equal(count(&out, NULL, NULL), out.n);
	uabi_dlist__free(&out);
	uabi_layout__free(l[0]);
	uabi_layout__free(l[1]);
}

#define T_(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T_(test_pair),
		T_(test_deterministic),
		T_(test_one_profile),
		T_(test_only),
		cmocka_unit_test(test_packed_flexible),
		cmocka_unit_test(test_long_model),
		cmocka_unit_test(test_root_linted),
		cmocka_unit_test(test_kvm_6_1),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
