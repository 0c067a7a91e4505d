// SPDX-License-Identifier: MIT
/*
 * Unit tests of the compat verdicts (compare/compat.c). Each pair of
 * layouts is built in memory as clang lays out the C quoted above the test
 * for x86_64 (native) and i386 (compat): __u64 is 8-byte aligned on x86_64,
 * 4-byte aligned inside i386 structs; pointers and longs are 8 vs 4 bytes.
 * The last test extracts the real Linux 6.1 KVM headers for both ABIs
 * ($UABI_KERNEL_TREE; the uabi binary of the build dir, or $UABI).
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
#include "compare/compat.h"
#include "compare/report.h"
#include "core/json.h"

#define MAX_IOCTLS 8
#define MAX_ROOTS 4

/* One ABI of a pair, with the types every test needs. */
struct abi {
	struct uabi_layout *l;
	uint32_t u32, u64, ulong, voidp;
};

struct fx {
	struct abi n, c;	/* x86_64, i386 */
	struct uabi_compat_pair p;
	struct uabi_diag d;
};

static void abi_init(struct abi *a, const char *name, uint32_t word, uint32_t u64_align)
{
	struct uabi_layout *l = uabi_layout__new();
	uint32_t uint, ull, vd;

	assert_non_null(l);
	a->l = l;
	l->profile.name = name;
	l->profile.arch = "x86";
	l->profile.pointer_size = word;
	l->profile.long_size = word;
	l->input.kind = "kernel-tree";
	l->input.kernel_version = "6.1.0";
	l->input.sha256 = "5eed";
	l->ioctls = uabi_arena__alloc(&l->arena, MAX_IOCTLS * sizeof(*l->ioctls));
	l->roots = uabi_arena__alloc(&l->arena, MAX_ROOTS * sizeof(*l->roots));
	assert_non_null(l->ioctls);
	assert_non_null(l->roots);

	uint = add(l, UABI_KIND_BASE, "unsigned int", 4, 4, UABI_NO_TYPE);
	ull = add(l, UABI_KIND_BASE, "unsigned long long", 8, u64_align, UABI_NO_TYPE);
	/* gcc spells it "long unsigned int", clang "unsigned long" */
	a->ulong = add(l, UABI_KIND_BASE, word == 8 ? "long unsigned int" : "unsigned long", word,
		       word, UABI_NO_TYPE);
	vd = add(l, UABI_KIND_VOID, NULL, 0, 0, UABI_NO_TYPE);
	a->voidp = add(l, UABI_KIND_POINTER, NULL, word, word, vd);
	a->u32 = add(l, UABI_KIND_TYPEDEF, "__u32", 4, 0, uint);
	a->u64 = add(l, UABI_KIND_TYPEDEF, "__u64", 8, 0, ull);
	uabi_layout__type(l, uint)->encoding = UABI_ENC_UNSIGNED;
	uabi_layout__type(l, ull)->encoding = UABI_ENC_UNSIGNED;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	abi_init(&f->n, "x86_64", 8, 8);
	abi_init(&f->c, "i386", 4, 4);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	uabi_compat_pair__free(&f->p);
	uabi_layout__free(f->n.l);
	uabi_layout__free(f->c.l);
	free(f);
	return 0;
}

/* A struct or union of n members; fill them with mem(). */
static uint32_t agg(struct abi *a, enum uabi_kind k, const char *name, uint64_t size,
		    uint32_t align, uint32_t n)
{
	uint32_t id = add(a->l, k, name, size, align, UABI_NO_TYPE);

	uabi_layout__type(a->l, id)->decl_file = "t.h";
	uabi_layout__type(a->l, id)->decl_line = 1;
	members(a->l, id, n);
	return id;
}

/* Member i of aggregate id: byte offset off (bits for a bitfield, bits != 0). */
static void mem(struct abi *a, uint32_t id, uint32_t i, const char *name, uint32_t type,
		uint64_t off, uint32_t bits, uint32_t line)
{
	struct uabi_member *m = &uabi_layout__type(a->l, id)->members[i];

	set_member(m, name, type, bits ? off : off * 8, bits);
	m->decl_file = "t.h";
	m->decl_line = line;
}

static uint32_t array(struct abi *a, uint32_t elem, uint64_t count)
{
	uint32_t id = add(a->l, UABI_KIND_ARRAY, NULL,
			  count * uabi_layout__type(a->l, elem)->size, 0, elem);

	uabi_layout__type(a->l, id)->count = count;
	return id;
}

#define IOC(dir, size, nr) (((uint64_t)(dir) << 30) | ((uint64_t)(size) << 16) | (0xAEu << 8) | (nr))

static struct uabi_ioctl *ioctl_add(struct abi *a, const char *name, uint32_t type, uint32_t nr)
{
	struct uabi_ioctl *io = &a->l->ioctls[a->l->nioctls++];
	uint32_t size = type == UABI_NO_TYPE ? 0 : (uint32_t)uabi_layout__type(a->l, type)->size;

	assert_true(a->l->nioctls <= MAX_IOCTLS);
	io->name = name;
	io->macro = type == UABI_NO_TYPE ? "_IO" : "_IOW";
	io->applicable = true;
	io->dir = type == UABI_NO_TYPE ? UABI_DIR_NONE : UABI_DIR_WRITE;
	io->type_field = 0xAE;
	io->nr = nr;
	io->size = size;
	io->number = IOC(io->dir, size, nr);
	io->type = type;
	io->decl_file = "include/uapi/linux/kvm.h";
	io->decl_line = 100 + nr;
	return io;
}

static void root_add(struct abi *a, const char *name, uint32_t type)
{
	struct uabi_root *r = &a->l->roots[a->l->nroots++];

	assert_true(a->l->nroots <= MAX_ROOTS);
	r->name = name;
	r->applicable = true;
	r->type = type;
}

static void finish(struct fx *f)
{
	assert_int_equal(uabi_layout__finish(f->n.l, &f->d), 0);
	assert_int_equal(uabi_layout__finish(f->c.l, &f->d), 0);
}

static void compare(struct fx *f)
{
	finish(f);
	if (uabi_compat__compare(f->n.l, f->c.l, &f->p, &f->d))
		fail_msg("compare: %s", f->d.msg);
}

static const struct uabi_compat_item *item(const struct uabi_compat_pair *p, const char *name)
{
	for (uint32_t i = 0; i < p->nitems; i++)
		if (!strcmp(p->items[i].name, name))
			return &p->items[i];
	fail_msg("no item %s", name);
	return NULL;
}

/* Finding i sits at these bytes from the start of the argument or root
 * (UABI_NO_OFFSET: none on that side). */
static void at(const struct uabi_compat_item *it, uint32_t i, uint64_t nat, uint64_t cat)
{
	assert_true(i < it->nfindings);
	assert_int_equal(it->findings[i].native_at, nat);
	assert_int_equal(it->findings[i].compat_at, cat);
}

static void finding(const struct uabi_compat_item *it, uint32_t i, enum uabi_finding_kind k,
		    const char *path, uint64_t nv, uint64_t cv)
{
	const struct uabi_finding *fd;

	if (i >= it->nfindings)
		fail_msg("%s: finding %u of %u", it->name, i, it->nfindings);
	fd = &it->findings[i];
	assert_string_equal(uabi_finding_kind__str(fd->kind), uabi_finding_kind__str(k));
	assert_string_equal(fd->path, path);
	assert_int_equal(fd->native, nv);
	assert_int_equal(fd->compat, cv);
}

static void verdict(const struct uabi_compat_item *it, enum uabi_verdict v, uint32_t nfindings)
{
	assert_string_equal(uabi_verdict__str(it->verdict), uabi_verdict__str(v));
	assert_int_equal(it->nfindings, nfindings);
	assert_int_equal(it->nfindings_total, nfindings);
}

/* struct s { __u32 a; __u64 b; };  x86_64: b at 8, size 16; i386: b at 4, size 12 */
static uint32_t u64_after_u32(struct abi *a, bool lp64)
{
	uint32_t s = agg(a, UABI_KIND_STRUCT, "s", lp64 ? 16 : 12, lp64 ? 8 : 4, 2);

	mem(a, s, 0, "a", a->u32, 0, 0, 2);
	mem(a, s, 1, "b", a->u64, lp64 ? 8 : 4, 0, 3);
	return s;
}

static void test_u64_after_u32(void **state)
{
	struct fx *f = *state;
	uint32_t sn = u64_after_u32(&f->n, true), sc = u64_after_u32(&f->c, false);
	const struct uabi_compat_item *it;
	struct uabi_ioctl *in, *ic;

	/* _IOW(KVMIO, 1, struct s): the size is in the number */
	ioctl_add(&f->n, "KVM_A", sn, 1);
	ioctl_add(&f->c, "KVM_A", sc, 1);
	/* _IOC(_IOC_WRITE, KVMIO, 2, 16): same number, so the layout decides */
	in = ioctl_add(&f->n, "KVM_B", sn, 2);
	ic = ioctl_add(&f->c, "KVM_B", sc, 2);
	ic->size = in->size;
	ic->number = in->number;
	compare(f);

	assert_int_equal(f->p.nitems, 2);
	it = item(&f->p, "KVM_A");
	verdict(it, UABI_V_NUMBER_DIFFERS, 4);
	finding(it, 0, UABI_F_NUMBER, "", IOC(1, 16, 1), IOC(1, 12, 1));
	finding(it, 1, UABI_F_IOC_SIZE, "", 16, 12);
	finding(it, 2, UABI_F_SIZE, "", 16, 12);
	finding(it, 3, UABI_F_OFFSET, "b", 8, 4);
	assert_string_equal(it->findings[0].file, "include/uapi/linux/kvm.h");
	assert_int_equal(it->findings[0].line, 101);
	assert_string_equal(it->findings[3].file, "t.h");
	assert_int_equal(it->findings[3].line, 3);
	assert_int_equal(it->native_size, 16);
	assert_int_equal(it->compat_size, 12);

	it = item(&f->p, "KVM_B");
	verdict(it, UABI_V_LAYOUT_DIFFERS, 2);
	finding(it, 0, UABI_F_SIZE, "", 16, 12);
	finding(it, 1, UABI_F_OFFSET, "b", 8, 4);
	assert_int_equal(f->p.counts[UABI_V_NUMBER_DIFFERS], 1);
	assert_int_equal(f->p.counts[UABI_V_LAYOUT_DIFFERS], 1);
}

/* struct s { union { void *p; __u64 x; } u; };  8 bytes on both */
static uint32_t union_ptr(struct abi *a, bool lp64)
{
	uint32_t u = agg(a, UABI_KIND_UNION, NULL, 8, lp64 ? 8 : 4, 2);
	uint32_t s = agg(a, UABI_KIND_STRUCT, "s", 8, lp64 ? 8 : 4, 1);

	mem(a, u, 0, "p", a->voidp, 0, 0, 3);
	mem(a, u, 1, "x", a->u64, 0, 0, 4);
	mem(a, s, 0, "u", u, 0, 0, 2);
	return s;
}

static void test_union_pointer(void **state)
{
	struct fx *f = *state;
	const struct uabi_compat_item *it;

	ioctl_add(&f->n, "KVM_GET_DIRTY_LOG", union_ptr(&f->n, true), 66);
	ioctl_add(&f->c, "KVM_GET_DIRTY_LOG", union_ptr(&f->c, false), 66);
	compare(f);
	it = item(&f->p, "KVM_GET_DIRTY_LOG");
	/* alignment differs too (8 vs 4) but is not the sole difference */
	verdict(it, UABI_V_POINTER_WIDTH, 1);
	finding(it, 0, UABI_F_POINTER, "u.p", 8, 4);
	assert_int_equal(it->findings[0].line, 3);
	assert_true(uabi_verdict__needs_translation(it->verdict));
}

/* #define KVM_S390_VCPU_FAULT _IOW(KVMIO, 0x52, unsigned long), through
 * typedefs: __kernel_ulong_t -> unsigned long */
static void test_unsigned_long_arg(void **state)
{
	struct fx *f = *state;
	const struct uabi_compat_item *it;
	uint32_t tn = add(f->n.l, UABI_KIND_TYPEDEF, "__kernel_ulong_t", 8, 0, f->n.ulong);
	uint32_t tc = add(f->c.l, UABI_KIND_TYPEDEF, "__kernel_ulong_t", 4, 0, f->c.ulong);

	ioctl_add(&f->n, "KVM_S390_VCPU_FAULT", tn, 0x52);
	ioctl_add(&f->c, "KVM_S390_VCPU_FAULT", tc, 0x52);
	compare(f);
	it = item(&f->p, "KVM_S390_VCPU_FAULT");
	verdict(it, UABI_V_NUMBER_DIFFERS, 3);
	finding(it, 0, UABI_F_NUMBER, "", IOC(1, 8, 0x52), IOC(1, 4, 0x52));
	finding(it, 1, UABI_F_IOC_SIZE, "", 8, 4);
	finding(it, 2, UABI_F_LONG, "", 8, 4);
	/* the number is about the command: no byte of the argument; the
	 * argument itself is at 0 */
	at(it, 0, UABI_NO_OFFSET, UABI_NO_OFFSET);
	at(it, 2, 0, 0);
	/* a base type has no declaration: the ioctl's line */
	assert_int_equal(it->findings[2].line, 100 + 0x52);
	assert_int_equal(it->native_type, tn);
	assert_int_equal(it->compat_type, tc);
}

/* struct kvm_dirty_tlb { __u64 bitmap; __u32 num_dirty; };  16 vs 12 */
static uint32_t dirty_tlb(struct abi *a, bool lp64)
{
	uint32_t s = agg(a, UABI_KIND_STRUCT, "kvm_dirty_tlb", lp64 ? 16 : 12, lp64 ? 8 : 4, 2);

	mem(a, s, 0, "bitmap", a->u64, 0, 0, 2);
	mem(a, s, 1, "num_dirty", a->u32, 8, 0, 3);
	return s;
}

static void test_tail_padding(void **state)
{
	struct fx *f = *state;
	const struct uabi_compat_item *it;

	root_add(&f->n, "struct kvm_dirty_tlb", dirty_tlb(&f->n, true));
	root_add(&f->c, "struct kvm_dirty_tlb", dirty_tlb(&f->c, false));
	compare(f);
	it = item(&f->p, "struct kvm_dirty_tlb");
	assert_true(it->is_root);
	verdict(it, UABI_V_LAYOUT_DIFFERS, 2);
	finding(it, 0, UABI_F_SIZE, "", 16, 12);
	finding(it, 1, UABI_F_TAIL_PADDING, "", 4, 0);
}

/* Padding is not a leaf (compat.h, soft findings). struct kvm_s390_zpci_op's
 * shape, the last four bytes of reg_aen (isc, sbo, pad) as one __u32:
 *   struct zpci_op { __u32 fh; __u32 op; union {
 *           struct { __u64 ibv; __u64 sb; __u32 flags; __u32 noi; __u32 isc; } reg_aen;
 *           __u64 reserved[8]; } u; };
 * reg_aen: 32 bytes (4 of tail padding) vs 28, every leaf at the same
 * offset; the union is 64 bytes and the struct 72 on both. */
static uint32_t zpci_op(struct abi *a, bool lp64)
{
	uint32_t reg = agg(a, UABI_KIND_STRUCT, NULL, lp64 ? 32 : 28, lp64 ? 8 : 4, 5);
	uint32_t u = agg(a, UABI_KIND_UNION, NULL, 64, lp64 ? 8 : 4, 2);
	uint32_t s = agg(a, UABI_KIND_STRUCT, "kvm_s390_zpci_op", 72, lp64 ? 8 : 4, 3);

	mem(a, reg, 0, "ibv", a->u64, 0, 0, 10);
	mem(a, reg, 1, "sb", a->u64, 8, 0, 11);
	mem(a, reg, 2, "flags", a->u32, 16, 0, 12);
	mem(a, reg, 3, "noi", a->u32, 20, 0, 13);
	mem(a, reg, 4, "isc", a->u32, 24, 0, 14);
	mem(a, u, 0, "reg_aen", reg, 0, 0, 15);
	mem(a, u, 1, "reserved", array(a, a->u64, 8), 0, 0, 16);
	mem(a, s, 0, "fh", a->u32, 0, 0, 17);
	mem(a, s, 1, "op", a->u32, 4, 0, 18);
	mem(a, s, 2, "u", u, 8, 0, 19);
	return s;
}

static void test_arm_tail_padding(void **state)
{
	struct fx *f = *state;
	const struct uabi_compat_item *it;

	ioctl_add(&f->n, "KVM_S390_ZPCI_OP", zpci_op(&f->n, true), 0x7);
	ioctl_add(&f->c, "KVM_S390_ZPCI_OP", zpci_op(&f->c, false), 0x7);
	compare(f);
	it = item(&f->p, "KVM_S390_ZPCI_OP");
	/* the padding stays as notes; no alignment finding (not the sole one) */
	verdict(it, UABI_V_IDENTICAL, 2);
	finding(it, 0, UABI_F_ARM_SIZE, "u.reg_aen", 32, 28);
	finding(it, 1, UABI_F_TAIL_PADDING, "u.reg_aen", 4, 0);
	assert_int_equal(it->findings[0].line, 15);
	assert_false(uabi_verdict__needs_translation(it->verdict));
	assert_int_equal(f->p.counts[UABI_V_IDENTICAL], 1);
	assert_int_equal(f->p.counts[UABI_V_LAYOUT_DIFFERS], 0);
}

/* struct kvm_run's shape: two arms of one __u64 and one __u32 in an
 * anonymous union padded to 256 bytes:
 *   struct run { __u32 exit_reason; __u32 pad; union {
 *           struct { __u64 hardware_entry_failure_reason; __u32 cpu; } fail_entry;
 *           struct { __u64 trans_exc_code; __u32 pgm_code; } s390_ucontrol;
 *           __u64 padding[32]; }; };
 * the arms 16 vs 12 bytes, the union 256 and the struct 264 on both. */
static uint32_t run_arms(struct abi *a, bool lp64)
{
	uint32_t fe = agg(a, UABI_KIND_STRUCT, NULL, lp64 ? 16 : 12, lp64 ? 8 : 4, 2);
	uint32_t uc = agg(a, UABI_KIND_STRUCT, NULL, lp64 ? 16 : 12, lp64 ? 8 : 4, 2);
	uint32_t u = agg(a, UABI_KIND_UNION, NULL, 256, lp64 ? 8 : 4, 3);
	uint32_t s = agg(a, UABI_KIND_STRUCT, "run", 264, lp64 ? 8 : 4, 3);

	mem(a, fe, 0, "hardware_entry_failure_reason", a->u64, 0, 0, 20);
	mem(a, fe, 1, "cpu", a->u32, 8, 0, 21);
	mem(a, uc, 0, "trans_exc_code", a->u64, 0, 0, 23);
	mem(a, uc, 1, "pgm_code", a->u32, 8, 0, 24);
	mem(a, u, 0, "fail_entry", fe, 0, 0, 22);
	mem(a, u, 1, "s390_ucontrol", uc, 0, 0, 25);
	mem(a, u, 2, "padding", array(a, a->u64, 32), 0, 0, 26);
	mem(a, s, 0, "exit_reason", a->u32, 0, 0, 2);
	mem(a, s, 1, "pad", a->u32, 4, 0, 3);
	mem(a, s, 2, NULL, u, 8, 0, 4);
	return s;
}

static void test_run_arms(void **state)
{
	struct fx *f = *state;
	const struct uabi_compat_item *it;

	root_add(&f->n, "struct run", run_arms(&f->n, true));
	root_add(&f->c, "struct run", run_arms(&f->c, false));
	compare(f);
	it = item(&f->p, "struct run");
	verdict(it, UABI_V_IDENTICAL, 4);
	finding(it, 0, UABI_F_ARM_SIZE, "fail_entry", 16, 12);
	finding(it, 1, UABI_F_TAIL_PADDING, "fail_entry", 4, 0);
	finding(it, 2, UABI_F_ARM_SIZE, "s390_ucontrol", 16, 12);
	finding(it, 3, UABI_F_TAIL_PADDING, "s390_ucontrol", 4, 0);
}

/* A pointer in a struct arm of a union (issue 8, item 3):
 *   struct ex_args { __s64 fd; __u64 flags;
 *           union { struct { __u64 len; void *buf; }; __u64 unused[4]; };
 *           char name[64]; };          (name as __u32[16] here)
 * 112 bytes, name at 48 on both; only the arm is 16 vs 12. */
static uint32_t ex_args(struct abi *a, bool lp64)
{
	uint32_t arm = agg(a, UABI_KIND_STRUCT, NULL, lp64 ? 16 : 12, lp64 ? 8 : 4, 2);
	uint32_t u = agg(a, UABI_KIND_UNION, NULL, 32, lp64 ? 8 : 4, 2);
	uint32_t s = agg(a, UABI_KIND_STRUCT, "ex_args", 112, lp64 ? 8 : 4, 4);

	mem(a, arm, 0, "len", a->u64, 0, 0, 4);
	mem(a, arm, 1, "buf", a->voidp, 8, 0, 5);
	mem(a, u, 0, NULL, arm, 0, 0, 3);
	mem(a, u, 1, "unused", array(a, a->u64, 4), 0, 0, 6);
	mem(a, s, 0, "fd", a->u64, 0, 0, 1);
	mem(a, s, 1, "flags", a->u64, 8, 0, 2);
	mem(a, s, 2, NULL, u, 16, 0, 3);
	mem(a, s, 3, "name", array(a, a->u32, 16), 48, 0, 7);
	return s;
}

static void test_pointer_in_arm(void **state)
{
	struct fx *f = *state;
	const struct uabi_compat_item *it;

	ioctl_add(&f->n, "EX_IOC_ARGS", ex_args(&f->n, true), 1);
	ioctl_add(&f->c, "EX_IOC_ARGS", ex_args(&f->c, false), 1);
	compare(f);
	it = item(&f->p, "EX_IOC_ARGS");
	verdict(it, UABI_V_POINTER_WIDTH, 2);
	finding(it, 0, UABI_F_ARM_SIZE, "<anon0>", 16, 12);
	finding(it, 1, UABI_F_POINTER, "buf", 8, 4);
	assert_true(uabi_verdict__needs_translation(it->verdict));
}

/* Negative: a leaf that really moves inside an arm stays layout-differs.
 *   struct s { __u32 x; __u32 y;
 *           union { struct { __u32 a; __u64 b; } arm; __u64 raw[2]; } u; };
 * arm.b at 8 vs 4 (the arm 16 vs 12, the union 16 and the struct 24 on both).
 * And an array of two structs in a union:
 *   struct t { union { struct { __u64 bitmap; __u32 num_dirty; } v[2]; __u64 raw[4]; } u; };
 * v[1] is at 16 vs 12: the element's size is a layout change. */
static void test_arm_leaf_moves(void **state)
{
	struct fx *f = *state;
	const struct uabi_compat_item *it;
	struct abi *abis[2] = { &f->n, &f->c };

	for (int i = 0; i < 2; i++) {
		struct abi *a = abis[i];
		bool lp64 = i == 0;
		uint32_t u = agg(a, UABI_KIND_UNION, NULL, 16, lp64 ? 8 : 4, 2);
		uint32_t s = agg(a, UABI_KIND_STRUCT, "s", 24, lp64 ? 8 : 4, 3);
		uint32_t u2 = agg(a, UABI_KIND_UNION, NULL, 32, lp64 ? 8 : 4, 2);
		uint32_t t = agg(a, UABI_KIND_STRUCT, "t", 32, lp64 ? 8 : 4, 1);

		mem(a, u, 0, "arm", u64_after_u32(a, lp64), 0, 0, 4);
		mem(a, u, 1, "raw", array(a, a->u64, 2), 0, 0, 5);
		mem(a, s, 0, "x", a->u32, 0, 0, 6);
		mem(a, s, 1, "y", a->u32, 4, 0, 7);
		mem(a, s, 2, "u", u, 8, 0, 8);
		mem(a, u2, 0, "v", array(a, dirty_tlb(a, lp64), 2), 0, 0, 9);
		mem(a, u2, 1, "raw", array(a, a->u64, 4), 0, 0, 10);
		mem(a, t, 0, "u", u2, 0, 0, 11);
		root_add(a, "struct s", s);
		root_add(a, "struct t", t);
	}
	compare(f);
	it = item(&f->p, "struct s");
	verdict(it, UABI_V_LAYOUT_DIFFERS, 2);
	finding(it, 0, UABI_F_ARM_SIZE, "u.arm", 16, 12);
	finding(it, 1, UABI_F_OFFSET, "u.arm.b", 8, 4);
	/* from the start of struct s: u at 8, b 8 vs 4 into the arm */
	at(it, 0, 8, 8);
	at(it, 1, 16, 12);
	it = item(&f->p, "struct t");
	verdict(it, UABI_V_LAYOUT_DIFFERS, 2);
	finding(it, 0, UABI_F_SIZE, "u.v[0]", 16, 12);
	finding(it, 1, UABI_F_TAIL_PADDING, "u.v[0]", 4, 0);
}

/* struct s { __u32 a:3, b:5; } vs (another compiler) { __u32 a:3; __u32 :5; __u32 b:6; } */
static void test_bitfield(void **state)
{
	struct fx *f = *state;
	const struct uabi_compat_item *it;
	uint32_t sn = agg(&f->n, UABI_KIND_STRUCT, "s", 4, 4, 2);
	uint32_t sc = agg(&f->c, UABI_KIND_STRUCT, "s", 4, 4, 2);

	mem(&f->n, sn, 0, "a", f->n.u32, 0, 3, 2);
	mem(&f->n, sn, 1, "b", f->n.u32, 3, 5, 3);
	mem(&f->c, sc, 0, "a", f->c.u32, 0, 3, 2);
	mem(&f->c, sc, 1, "b", f->c.u32, 8, 6, 3);
	root_add(&f->n, "struct s", sn);
	root_add(&f->c, "struct s", sc);
	compare(f);
	it = item(&f->p, "struct s");
	verdict(it, UABI_V_LAYOUT_DIFFERS, 3);
	finding(it, 0, UABI_F_BIT_OFFSET, "b", 3, 8);
	finding(it, 1, UABI_F_BIT_SIZE, "b", 5, 6);
	/* the byte holding the first bit: bit 3 is in byte 0, bit 8 in byte 1 */
	at(it, 0, 0, 1);
	/* 32 - 8 bits vs 32 - 14 bits, in whole bytes */
	finding(it, 2, UABI_F_TAIL_PADDING, "", 3, 2);
}

/* native { __u32 a; __u32 x; }, compat { __u32 a; __u32 y; } */
static void test_missing(void **state)
{
	struct fx *f = *state;
	const struct uabi_compat_item *it;
	uint32_t sn = agg(&f->n, UABI_KIND_STRUCT, "s", 8, 4, 2);
	uint32_t sc = agg(&f->c, UABI_KIND_STRUCT, "s", 8, 4, 2);

	mem(&f->n, sn, 0, "a", f->n.u32, 0, 0, 2);
	mem(&f->n, sn, 1, "x", f->n.u32, 4, 0, 3);
	mem(&f->c, sc, 0, "a", f->c.u32, 0, 0, 2);
	mem(&f->c, sc, 1, "y", f->c.u32, 4, 0, 7);
	root_add(&f->n, "struct s", sn);
	root_add(&f->c, "struct s", sc);
	compare(f);
	it = item(&f->p, "struct s");
	verdict(it, UABI_V_LAYOUT_DIFFERS, 2);
	finding(it, 0, UABI_F_MISSING, "x", 1, 0);
	assert_int_equal(it->findings[0].line, 3);
	at(it, 0, 4, UABI_NO_OFFSET);
	finding(it, 1, UABI_F_MISSING, "y", 0, 1);
	at(it, 1, UABI_NO_OFFSET, 4);
	assert_int_equal(it->findings[1].line, 7);
}

/* struct s { __u32 a[N]; struct s2 v[2]; } with s2 the u64-after-u32 struct:
 * N = 4 vs 3; the element is compared once, as v[0] */
static void test_array(void **state)
{
	struct fx *f = *state;
	const struct uabi_compat_item *it;
	uint32_t en = u64_after_u32(&f->n, true), ec = u64_after_u32(&f->c, false);
	uint32_t sn = agg(&f->n, UABI_KIND_STRUCT, "t", 48, 8, 2);
	uint32_t sc = agg(&f->c, UABI_KIND_STRUCT, "t", 36, 4, 2);

	mem(&f->n, sn, 0, "a", array(&f->n, f->n.u32, 4), 0, 0, 2);
	mem(&f->n, sn, 1, "v", array(&f->n, en, 2), 16, 0, 3);
	mem(&f->c, sc, 0, "a", array(&f->c, f->c.u32, 3), 0, 0, 2);
	mem(&f->c, sc, 1, "v", array(&f->c, ec, 2), 12, 0, 3);
	root_add(&f->n, "struct t", sn);
	root_add(&f->c, "struct t", sc);
	compare(f);
	it = item(&f->p, "struct t");
	verdict(it, UABI_V_LAYOUT_DIFFERS, 5);
	finding(it, 0, UABI_F_SIZE, "", 48, 36);
	finding(it, 1, UABI_F_COUNT, "a", 4, 3);
	finding(it, 2, UABI_F_OFFSET, "v", 16, 12);
	finding(it, 3, UABI_F_SIZE, "v[0]", 16, 12);
	finding(it, 4, UABI_F_OFFSET, "v[0].b", 8, 4);
}

/* struct s { struct k { __u32 a; __u32 b; } k; } vs { union k { __u32 a; __u32 b; } k; __u32 c; } */
static void test_kind(void **state)
{
	struct fx *f = *state;
	const struct uabi_compat_item *it;
	uint32_t kn = agg(&f->n, UABI_KIND_STRUCT, "k", 8, 4, 2);
	uint32_t kc = agg(&f->c, UABI_KIND_UNION, "k", 4, 4, 2);
	uint32_t sn = agg(&f->n, UABI_KIND_STRUCT, "s", 8, 4, 1);
	uint32_t sc = agg(&f->c, UABI_KIND_STRUCT, "s", 8, 4, 2);

	mem(&f->n, kn, 0, "a", f->n.u32, 0, 0, 2);
	mem(&f->n, kn, 1, "b", f->n.u32, 4, 0, 3);
	mem(&f->c, kc, 0, "a", f->c.u32, 0, 0, 2);
	mem(&f->c, kc, 1, "b", f->c.u32, 0, 0, 3);
	mem(&f->n, sn, 0, "k", kn, 0, 0, 5);
	mem(&f->c, sc, 0, "k", kc, 0, 0, 5);
	mem(&f->c, sc, 1, "c", f->c.u32, 4, 0, 6);
	root_add(&f->n, "struct s", sn);
	root_add(&f->c, "struct s", sc);
	compare(f);
	it = item(&f->p, "struct s");
	/* no k.b offset finding: a kind mismatch is not walked into */
	verdict(it, UABI_V_LAYOUT_DIFFERS, 2);
	finding(it, 0, UABI_F_KIND, "k", UABI_KIND_STRUCT, UABI_KIND_UNION);
	finding(it, 1, UABI_F_MISSING, "c", 0, 1);
}

static void test_identical(void **state)
{
	struct fx *f = *state;
	uint32_t sn = agg(&f->n, UABI_KIND_STRUCT, "s", 8, 4, 2);
	uint32_t sc = agg(&f->c, UABI_KIND_STRUCT, "s", 8, 4, 2);
	const struct uabi_compat_item *it;

	mem(&f->n, sn, 0, "a", f->n.u32, 0, 0, 2);
	mem(&f->n, sn, 1, "b", f->n.u32, 4, 0, 3);
	mem(&f->c, sc, 0, "a", f->c.u32, 0, 0, 2);
	mem(&f->c, sc, 1, "b", f->c.u32, 4, 0, 3);
	ioctl_add(&f->n, "KVM_SET_S", sn, 1);
	ioctl_add(&f->c, "KVM_SET_S", sc, 1);
	/* _IO: identical iff same number */
	ioctl_add(&f->n, "KVM_RUN", UABI_NO_TYPE, 0x80);
	ioctl_add(&f->c, "KVM_RUN", UABI_NO_TYPE, 0x80);
	ioctl_add(&f->n, "KVM_ZAP", UABI_NO_TYPE, 0x81);
	ioctl_add(&f->c, "KVM_ZAP", UABI_NO_TYPE, 0x82);
	compare(f);
	assert_int_equal(f->p.nitems, 3);
	/* sorted by name */
	assert_string_equal(f->p.items[0].name, "KVM_RUN");
	assert_string_equal(f->p.items[1].name, "KVM_SET_S");
	assert_string_equal(f->p.items[2].name, "KVM_ZAP");
	verdict(item(&f->p, "KVM_SET_S"), UABI_V_IDENTICAL, 0);
	it = item(&f->p, "KVM_RUN");
	verdict(it, UABI_V_IDENTICAL, 0);
	assert_int_equal(it->native_type, UABI_NO_TYPE);
	assert_false(uabi_verdict__needs_translation(it->verdict));
	it = item(&f->p, "KVM_ZAP");
	verdict(it, UABI_V_NUMBER_DIFFERS, 1);
	finding(it, 0, UABI_F_NUMBER, "", IOC(0, 0, 0x81), IOC(0, 0, 0x82));
	assert_int_equal(f->p.counts[UABI_V_IDENTICAL], 2);
	assert_int_equal(f->p.counts[UABI_V_NUMBER_DIFFERS], 1);
	assert_string_equal(f->p.native, "x86_64");
	assert_string_equal(f->p.compat, "i386");
	assert_string_equal(f->p.arch, "x86");
}

/* EX_PART = _IO(0x12, 105): untyped, identical on its number alone; with
 * struct ex_part_arg { int op, flags, datalen; void *data; } declared
 * (--arg-types), the same number but 24 vs 16 bytes: layout-differs. */
static void test_untyped(void **state)
{
	struct fx *f = *state;
	uint32_t sn = agg(&f->n, UABI_KIND_STRUCT, "ex_part_arg", 24, 8, 2);
	uint32_t sc = agg(&f->c, UABI_KIND_STRUCT, "ex_part_arg", 16, 4, 2);
	uint32_t pn = add(f->n.l, UABI_KIND_POINTER, NULL, 8, 8, UABI_NO_TYPE);
	uint32_t pc = add(f->c.l, UABI_KIND_POINTER, NULL, 4, 4, UABI_NO_TYPE);
	const struct uabi_compat_item *it;
	struct uabi_ioctl *io;

	mem(&f->n, sn, 0, "op", f->n.u32, 0, 0, 3);
	mem(&f->n, sn, 1, "data", pn, 16, 0, 4);
	mem(&f->c, sc, 0, "op", f->c.u32, 0, 0, 3);
	mem(&f->c, sc, 1, "data", pc, 12, 0, 4);
	ioctl_add(&f->n, "EX_PING", UABI_NO_TYPE, 0x6a);
	ioctl_add(&f->c, "EX_PING", UABI_NO_TYPE, 0x6a);
	/* declared: the number is still _IO's (size 0) */
	io = ioctl_add(&f->n, "EX_PART", UABI_NO_TYPE, 0x69);
	io->type = sn;
	io->arg_type = "struct ex_part_arg";
	io->declared = true;
	io = ioctl_add(&f->c, "EX_PART", UABI_NO_TYPE, 0x69);
	io->type = sc;
	io->arg_type = "struct ex_part_arg";
	io->declared = true;
	ioctl_add(&f->n, "EX_SET", sn, 0x6b);
	ioctl_add(&f->c, "EX_SET", sc, 0x6b);
	/* _IOW(0xAE, 0x6c, __u32) natively, _IOC(_IOC_WRITE, 0xAE, 0x6c, 4)
	 * on compat: the same number, a type on one side only */
	ioctl_add(&f->n, "EX_HALF", f->n.u32, 0x6c);
	io = ioctl_add(&f->c, "EX_HALF", UABI_NO_TYPE, 0x6c);
	io->macro = "_IOC";
	io->dir = UABI_DIR_WRITE;
	io->size = 4;
	io->number = IOC(UABI_DIR_WRITE, 4, 0x6c);
	/* _IOC(_IOC_WRITE, 0xAE, 0x6d, 8) on compat: the size field differs */
	ioctl_add(&f->n, "EX_HALF8", f->n.u32, 0x6d);
	io = ioctl_add(&f->c, "EX_HALF8", UABI_NO_TYPE, 0x6d);
	io->macro = "_IOC";
	io->dir = UABI_DIR_WRITE;
	io->size = 8;
	io->number = IOC(UABI_DIR_WRITE, 8, 0x6d);
	compare(f);
	it = item(&f->p, "EX_HALF");
	verdict(it, UABI_V_IDENTICAL, 0);
	assert_true(it->untyped);
	assert_false(it->declared);
	it = item(&f->p, "EX_HALF8");
	assert_int_equal(it->verdict, UABI_V_NUMBER_DIFFERS);
	assert_false(it->untyped);
	it = item(&f->p, "EX_PING");
	verdict(it, UABI_V_IDENTICAL, 0);
	assert_true(it->untyped);
	assert_false(it->declared);
	it = item(&f->p, "EX_PART");
	verdict(it, UABI_V_LAYOUT_DIFFERS, 3);
	assert_false(it->untyped);
	assert_true(it->declared);
	assert_int_equal(it->native_size, 24);
	assert_int_equal(it->compat_size, 16);
	finding(it, 0, UABI_F_SIZE, "", 24, 16);
	finding(it, 1, UABI_F_OFFSET, "data", 16, 12);
	finding(it, 2, UABI_F_POINTER, "data", 8, 4);
	/* typed by its number: neither flag */
	it = item(&f->p, "EX_SET");
	assert_false(it->untyped);
	assert_false(it->declared);
	/* of the pair's identical ioctls (EX_PING, EX_HALF), the untyped ones */
	assert_int_equal(f->p.counts[UABI_V_IDENTICAL], 2);
	assert_int_equal(f->p.untyped, 2);
}

static void test_not_applicable(void **state)
{
	struct fx *f = *state;
	struct uabi_ioctl *io;

	ioctl_add(&f->n, "KVM_ONLY_NATIVE", UABI_NO_TYPE, 1);
	ioctl_add(&f->c, "KVM_ONLY_COMPAT", UABI_NO_TYPE, 2);
	ioctl_add(&f->n, "KVM_FOO", f->n.u32, 3);
	io = ioctl_add(&f->c, "KVM_FOO", UABI_NO_TYPE, 3);
	io->applicable = false;
	io->reason = "struct kvm_foo is not defined for this ABI";
	io = ioctl_add(&f->n, "KVM_BAR", UABI_NO_TYPE, 4);
	io->applicable = false;
	io->reason = "struct kvm_bar is not defined for this ABI";
	ioctl_add(&f->c, "KVM_BAR", f->c.u32, 4);
	io = ioctl_add(&f->n, "KVM_ARM_VCPU_INIT", UABI_NO_TYPE, 0xae);
	io->applicable = false;
	io->reason = "struct kvm_vcpu_init is not defined for this ABI";
	io = ioctl_add(&f->c, "KVM_ARM_VCPU_INIT", UABI_NO_TYPE, 0xae);
	io->applicable = false;
	io->reason = "struct kvm_vcpu_init is not defined for this ABI";
	compare(f);

	assert_int_equal(f->p.nitems, 5);
	assert_string_equal(item(&f->p, "KVM_ONLY_NATIVE")->reason, "absent from i386");
	assert_string_equal(item(&f->p, "KVM_ONLY_COMPAT")->reason, "absent from x86_64");
	assert_string_equal(item(&f->p, "KVM_FOO")->reason,
			    "not defined for i386: struct kvm_foo is not defined for this ABI");
	assert_string_equal(item(&f->p, "KVM_BAR")->reason,
			    "not defined for x86_64: struct kvm_bar is not defined for this ABI");
	assert_string_equal(item(&f->p, "KVM_ARM_VCPU_INIT")->reason,
			    "not defined for x86_64 and i386: struct kvm_vcpu_init is not defined for this ABI");
	for (uint32_t i = 0; i < f->p.nitems; i++)
		verdict(&f->p.items[i], UABI_V_NOT_APPLICABLE, 0);
	assert_null(item(&f->p, "KVM_ONLY_NATIVE")->compat);
	assert_null(item(&f->p, "KVM_ONLY_COMPAT")->native);
	assert_int_equal(f->p.counts[UABI_V_NOT_APPLICABLE], 5);
}

/* roots come after the ioctls, in native order, and are not counted */
static void test_roots(void **state)
{
	struct fx *f = *state;
	uint32_t dn = dirty_tlb(&f->n, true), dc = dirty_tlb(&f->c, false);

	ioctl_add(&f->n, "KVM_RUN", UABI_NO_TYPE, 0x80);
	ioctl_add(&f->c, "KVM_RUN", UABI_NO_TYPE, 0x80);
	root_add(&f->n, "struct z", f->n.u32);
	root_add(&f->n, "struct kvm_dirty_tlb", dn);
	root_add(&f->c, "struct kvm_dirty_tlb", dc);
	root_add(&f->c, "struct z", f->c.u32);
	root_add(&f->c, "struct only_compat", f->c.u32);
	compare(f);
	assert_int_equal(f->p.nitems, 4);
	assert_string_equal(f->p.items[0].name, "KVM_RUN");
	assert_false(f->p.items[0].is_root);
	assert_string_equal(f->p.items[1].name, "struct z");
	assert_true(f->p.items[1].is_root);
	verdict(&f->p.items[1], UABI_V_IDENTICAL, 0);
	assert_string_equal(f->p.items[2].name, "struct kvm_dirty_tlb");
	verdict(&f->p.items[2], UABI_V_LAYOUT_DIFFERS, 2);
	assert_string_equal(f->p.items[3].name, "struct only_compat");
	verdict(&f->p.items[3], UABI_V_NOT_APPLICABLE, 0);
	assert_string_equal(f->p.items[3].reason, "absent from x86_64");
	assert_int_equal(f->p.counts[UABI_V_IDENTICAL], 1);
	assert_int_equal(f->p.counts[UABI_V_LAYOUT_DIFFERS], 0);
	assert_int_equal(f->p.counts[UABI_V_NOT_APPLICABLE], 0);
}

/* struct big { __u32 first; __u64 m0, m1, ..., m99; }: every mN moves by 4;
 * the compat members are declared in reverse order (pairing is by name) */
#define BIG 100
static void test_finding_cap(void **state)
{
	struct fx *f = *state;
	static char names[BIG][8];
	const struct uabi_compat_item *it;
	uint32_t sn = agg(&f->n, UABI_KIND_STRUCT, "big", 8 + 8 * BIG, 8, BIG + 1);
	uint32_t sc = agg(&f->c, UABI_KIND_STRUCT, "big", 4 + 8 * BIG, 4, BIG + 1);

	mem(&f->n, sn, 0, "first", f->n.u32, 0, 0, 1);
	mem(&f->c, sc, BIG, "first", f->c.u32, 0, 0, 1);
	for (uint32_t i = 0; i < BIG; i++) {
		snprintf(names[i], sizeof(names[i]), "m%u", i);
		mem(&f->n, sn, i + 1, names[i], f->n.u64, 8 + 8 * i, 0, 10 + i);
		mem(&f->c, sc, BIG - 1 - i, names[i], f->c.u64, 4 + 8 * i, 0, 10 + i);
	}
	root_add(&f->n, "struct big", sn);
	root_add(&f->c, "struct big", sc);
	compare(f);
	it = item(&f->p, "struct big");
	assert_string_equal(uabi_verdict__str(it->verdict), "layout-differs");
	assert_int_equal(it->nfindings, UABI_COMPAT_MAX_FINDINGS);
	assert_int_equal(it->nfindings_total, 1 + BIG);
	finding(it, 0, UABI_F_SIZE, "", 808, 804);
	finding(it, 1, UABI_F_OFFSET, "m0", 8, 4);
	finding(it, 63, UABI_F_OFFSET, "m62", 8 + 8 * 62, 4 + 8 * 62);
	assert_int_equal(it->findings[63].line, 10 + 62);
}

/* struct s { __u64 a; };  size 8 on both, aligned 8 vs 4 */
static void test_alignment_only(void **state)
{
	struct fx *f = *state;
	const struct uabi_compat_item *it;
	uint32_t in_n = agg(&f->n, UABI_KIND_STRUCT, "in", 8, 8, 1);
	uint32_t in_c = agg(&f->c, UABI_KIND_STRUCT, "in", 8, 4, 1);
	uint32_t sn = agg(&f->n, UABI_KIND_STRUCT, "s", 8, 8, 1);
	uint32_t sc = agg(&f->c, UABI_KIND_STRUCT, "s", 8, 4, 1);

	mem(&f->n, in_n, 0, "a", f->n.u64, 0, 0, 2);
	mem(&f->c, in_c, 0, "a", f->c.u64, 0, 0, 2);
	/* the nested struct's alignment is not reported, only the argument's */
	mem(&f->n, sn, 0, "in", in_n, 0, 0, 4);
	mem(&f->c, sc, 0, "in", in_c, 0, 0, 4);
	ioctl_add(&f->n, "KVM_ENABLE_CAP", sn, 0xa3);
	ioctl_add(&f->c, "KVM_ENABLE_CAP", sc, 0xa3);
	compare(f);
	it = item(&f->p, "KVM_ENABLE_CAP");
	verdict(it, UABI_V_IDENTICAL, 1);
	finding(it, 0, UABI_F_ALIGNMENT, "", 8, 4);
	assert_string_equal(it->findings[0].file, "t.h");
	assert_int_equal(f->p.counts[UABI_V_IDENTICAL], 1);
}

/* ppc64: __u64 is unsigned long; ppc32: unsigned long long. Same bytes. */
static void test_u64_spelling(void **state)
{
	struct fx *f = *state;
	uint32_t ln = add(f->n.l, UABI_KIND_BASE, "long unsigned int", 8, 8, UABI_NO_TYPE);
	uint32_t un = add(f->n.l, UABI_KIND_TYPEDEF, "__u64", 8, 0, ln);
	uint32_t sn = agg(&f->n, UABI_KIND_STRUCT, "s", 16, 8, 2);
	uint32_t sc = agg(&f->c, UABI_KIND_STRUCT, "s", 16, 8, 2);
	uint32_t ullc = add(f->c.l, UABI_KIND_BASE, "unsigned long long", 8, 8, UABI_NO_TYPE);
	uint32_t uc = add(f->c.l, UABI_KIND_TYPEDEF, "__u64", 8, 0, ullc);

	mem(&f->n, sn, 0, "a", un, 0, 0, 2);
	mem(&f->n, sn, 1, "b", un, 8, 0, 3);
	mem(&f->c, sc, 0, "a", uc, 0, 0, 2);
	mem(&f->c, sc, 1, "b", uc, 8, 0, 3);
	ioctl_add(&f->n, "KVM_PPC_X", sn, 1);
	ioctl_add(&f->c, "KVM_PPC_X", sc, 1);
	ioctl_add(&f->n, "KVM_PPC_Y", un, 2);
	ioctl_add(&f->c, "KVM_PPC_Y", uc, 2);
	compare(f);
	verdict(item(&f->p, "KVM_PPC_X"), UABI_V_IDENTICAL, 0);
	verdict(item(&f->p, "KVM_PPC_Y"), UABI_V_IDENTICAL, 0);
}

/* struct s { __u32 a; union { __u32 x; }; union { __u32 y; }; union { void *p; __u64 q; }; }
 * x86_64: third anonymous union at 16, size 24; i386: at 12, size 20.
 * The compat side names the first anonymous union's member differently:
 * pairing by position still pairs the unions (and finds the names). */
static void anon(struct abi *a, bool lp64, const char *first)
{
	uint32_t u0 = agg(a, UABI_KIND_UNION, NULL, 4, 4, 1);
	uint32_t u1 = agg(a, UABI_KIND_UNION, NULL, 4, 4, 1);
	uint32_t u2 = agg(a, UABI_KIND_UNION, NULL, 8, lp64 ? 8 : 4, 2);
	uint32_t s = agg(a, UABI_KIND_STRUCT, "s", lp64 ? 24 : 20, lp64 ? 8 : 4, 4);

	mem(a, u0, 0, first, a->u32, 0, 0, 3);
	mem(a, u1, 0, "y", a->u32, 0, 0, 4);
	mem(a, u2, 0, "p", a->voidp, 0, 0, 5);
	mem(a, u2, 1, "q", a->u64, 0, 0, 6);
	mem(a, s, 0, "a", a->u32, 0, 0, 2);
	mem(a, s, 1, NULL, u0, 4, 0, 3);
	mem(a, s, 2, NULL, u1, 8, 0, 4);
	mem(a, s, 3, NULL, u2, lp64 ? 16 : 12, 0, 5);
	root_add(a, "struct s", s);
}

static void test_anonymous(void **state)
{
	struct fx *f = *state;
	const struct uabi_compat_item *it;

	anon(&f->n, true, "x");
	anon(&f->c, false, "x2");
	compare(f);
	it = item(&f->p, "struct s");
	verdict(it, UABI_V_LAYOUT_DIFFERS, 5);
	finding(it, 0, UABI_F_SIZE, "", 24, 20);
	finding(it, 1, UABI_F_MISSING, "x", 1, 0);
	finding(it, 2, UABI_F_MISSING, "x2", 0, 1);
	/* tail padding of the struct is 0 on both: nothing for it */
	finding(it, 3, UABI_F_OFFSET, "<anon2>", 16, 12);
	finding(it, 4, UABI_F_POINTER, "p", 8, 4);
	assert_int_equal(it->findings[4].line, 5);
}

/* typedef struct s s_t; typedef const s_t cs_t;
 * struct s { __kernel_long_t l; size_t n; };  long: 8 vs 4, size_t:
 * long unsigned int on x86_64, unsigned int on i386 */
static void test_typedef_chains(void **state)
{
	struct fx *f = *state;
	const struct uabi_compat_item *it;
	struct abi *sides[2] = { &f->n, &f->c };
	uint32_t arg[2];

	for (int i = 0; i < 2; i++) {
		struct abi *a = sides[i];
		uint32_t w = i ? 4 : 8;
		uint32_t lng = add(a->l, UABI_KIND_BASE, "long int", w, w, UABI_NO_TYPE);
		uint32_t kl = add(a->l, UABI_KIND_TYPEDEF, "__kernel_long_t", w, 0, lng);
		uint32_t sz = i ? add(a->l, UABI_KIND_BASE, "unsigned int", 4, 4, UABI_NO_TYPE) :
				  a->ulong;
		uint32_t ks = add(a->l, UABI_KIND_TYPEDEF, "__kernel_size_t", w, 0, sz);
		uint32_t st = add(a->l, UABI_KIND_TYPEDEF, "size_t", w, 0, ks);
		uint32_t s = agg(a, UABI_KIND_STRUCT, "s", 2 * w, w, 2);
		uint32_t td = add(a->l, UABI_KIND_TYPEDEF, "s_t", 2 * w, 0, s);
		uint32_t cs = add(a->l, UABI_KIND_CONST, NULL, 2 * w, 0, td);

		mem(a, s, 0, "l", kl, 0, 0, 2);
		mem(a, s, 1, "n", st, w, 0, 3);
		arg[i] = add(a->l, UABI_KIND_TYPEDEF, "cs_t", 2 * w, 0, cs);
		root_add(a, "cs_t", arg[i]);
	}
	compare(f);
	it = item(&f->p, "cs_t");
	verdict(it, UABI_V_LAYOUT_DIFFERS, 4);
	finding(it, 0, UABI_F_SIZE, "", 16, 8);
	finding(it, 1, UABI_F_LONG, "l", 8, 4);
	finding(it, 2, UABI_F_OFFSET, "n", 8, 4);
	finding(it, 3, UABI_F_LONG, "n", 8, 4);
	assert_int_equal(it->native_size, 16);
	assert_int_equal(it->compat_size, 8);
}

/* struct s { long double d; };  16 vs 12 bytes: a size, not a long */
static void test_long_double(void **state)
{
	struct fx *f = *state;
	const struct uabi_compat_item *it;
	uint32_t ldn = add(f->n.l, UABI_KIND_BASE, "long double", 16, 16, UABI_NO_TYPE);
	uint32_t ldc = add(f->c.l, UABI_KIND_BASE, "long double", 12, 4, UABI_NO_TYPE);
	uint32_t sn = agg(&f->n, UABI_KIND_STRUCT, "s", 16, 16, 1);
	uint32_t sc = agg(&f->c, UABI_KIND_STRUCT, "s", 12, 4, 1);

	mem(&f->n, sn, 0, "d", ldn, 0, 0, 2);
	mem(&f->c, sc, 0, "d", ldc, 0, 0, 2);
	root_add(&f->n, "struct s", sn);
	root_add(&f->c, "struct s", sc);
	compare(f);
	it = item(&f->p, "struct s");
	verdict(it, UABI_V_LAYOUT_DIFFERS, 2);
	finding(it, 0, UABI_F_SIZE, "", 16, 12);
	finding(it, 1, UABI_F_SIZE, "d", 16, 12);
}

/* arm64 struct user_fpsimd_state { __uint128_t vregs[32]; }: the arm
 * profile compiles it with a 16-byte struct standing in for __uint128_t */
static void test_uint128_standin(void **state)
{
	struct fx *f = *state;
	uint32_t i128 = add(f->n.l, UABI_KIND_BASE, "unsigned __int128", 16, 16, UABI_NO_TYPE);
	uint32_t tn = add(f->n.l, UABI_KIND_TYPEDEF, "__uint128_t", 16, 0, i128);
	uint32_t st = agg(&f->c, UABI_KIND_STRUCT, NULL, 16, 16, 2);
	uint32_t tc = add(f->c.l, UABI_KIND_TYPEDEF, "__uint128_standin_t", 16, 0, st);
	uint32_t sn = agg(&f->n, UABI_KIND_STRUCT, "user_fpsimd_state", 512, 16, 1);
	uint32_t sc = agg(&f->c, UABI_KIND_STRUCT, "user_fpsimd_state", 512, 16, 1);

	mem(&f->c, st, 0, "__lo", f->c.u64, 0, 0, 2);
	mem(&f->c, st, 1, "__hi", f->c.u64, 8, 0, 2);
	mem(&f->n, sn, 0, "vregs", array(&f->n, tn, 32), 0, 0, 96);
	mem(&f->c, sc, 0, "vregs", array(&f->c, tc, 32), 0, 0, 96);
	ioctl_add(&f->n, "KVM_GET_FPU", sn, 0x8c);
	ioctl_add(&f->c, "KVM_GET_FPU", sc, 0x8c);
	compare(f);
	verdict(item(&f->p, "KVM_GET_FPU"), UABI_V_IDENTICAL, 0);
}

static void test_input_errors(void **state)
{
	struct fx *f = *state;
	static const char *files_a[] = { "a.h", "b.h" }, *files_b[] = { "a.h", "b.h" };

	finish(f);
	f->c.l->input.kernel_version = "6.2.0";
	assert_int_equal(uabi_compat__compare(f->n.l, f->c.l, &f->p, &f->d), -EINVAL);
	assert_int_equal(f->d.cls, UABI_E_INPUT);
	assert_string_equal(f->d.msg, "x86_64 and i386 were made from different headers "
				      "(kernel version differs)");
	assert_int_equal(f->p.nitems, 0);

	f->c.l->input.kernel_version = "6.1.0";
	f->c.l->profile.arch = "arm64";
	assert_int_equal(uabi_compat__compare(f->n.l, f->c.l, &f->p, &f->d), -EINVAL);
	assert_int_equal(f->d.cls, UABI_E_INPUT);
	assert_string_equal(f->d.msg, "x86_64 and i386 are different architectures (x86 vs arm64)");

	/* same files read, different content */
	f->c.l->profile.arch = "x86";
	f->c.l->input.sha256 = "f00d";
	f->n.l->input.files = files_a;
	f->n.l->input.nfiles = 2;
	f->c.l->input.files = files_b;
	f->c.l->input.nfiles = 2;
	assert_int_equal(uabi_compat__compare(f->n.l, f->c.l, &f->p, &f->d), -EINVAL);
	assert_string_equal(f->d.msg, "x86_64 and i386 were made from different headers "
				      "(same files, different input sha256)");

	/* the ABI-specific files differ (posix_types_64.h vs _32.h): fine */
	f->c.l->input.nfiles = 1;
	assert_int_equal(uabi_compat__compare(f->n.l, f->c.l, &f->p, &f->d), 0);
}

/* --all: a header skipped on one ABI of the pair only (a C library there
 * for the other) is the same selection; its ioctls are not applicable,
 * with the reason it was skipped */
static void test_skipped_one_side(void **state)
{
	struct fx *f = *state;
	static const char *tv[] = { "linux/tv.h" }, *other[] = { "linux/other.h" };
	static const struct uabi_skipped_header sk[] = {
		{ "linux/tv.h", "includes <sys/time.h>, which is in no include directory of the uapi"
				" tree (a C library header, or one the tree lacks)" },
	};
	struct uabi_ioctl *io;

	f->n.l->input.skipped = sk;
	f->n.l->input.nskipped = 1;
	f->c.l->input.headers = tv;
	f->c.l->input.nheaders = 1;
	io = ioctl_add(&f->c, "TV_SET", f->c.u32, 1);
	io->decl_file = "include/uapi/linux/tv.h";
	/* a name that only ends like the header is another file */
	io = ioctl_add(&f->c, "XTV_SET", f->c.u32, 2);
	io->decl_file = "include/uapi/linux/xtv.h";
	compare(f);
	assert_int_equal(f->p.nitems, 2);
	verdict(item(&f->p, "TV_SET"), UABI_V_NOT_APPLICABLE, 0);
	assert_string_equal(item(&f->p, "TV_SET")->reason,
			    "linux/tv.h skipped on x86_64: includes <sys/time.h>, which is in no include"
			    " directory of the uapi tree (a C library header, or one the tree lacks)");
	assert_string_equal(item(&f->p, "XTV_SET")->reason, "absent from x86_64");
	assert_true(item(&f->p, "TV_SET")->not_judged);
	assert_false(item(&f->p, "XTV_SET")->not_judged);
	{
		/* the report's status: not-judged, failing no --fail-on level,
		 * counted for check's warning */
		struct uabi_report r;
		struct uabi_diag d;
		uint32_t np = 0;

		uabi_diag__clear(&d);
		assert_int_equal(uabi_report__build(&r, &f->p, 1, NULL, UABI_FAIL_TRANSLATION, &d), 0);
		for (uint32_t i = 0; i < r.pairs[0].nitems; i++) {
			const struct uabi_report_item *it = &r.pairs[0].items[i];
			bool is_tv = !strcmp(it->c->name, "TV_SET");

			assert_int_equal(it->kstatus, is_tv ? UABI_K_NOT_JUDGED : UABI_K_NOT_APPLICABLE);
			assert_false(uabi_report__fails(UABI_FAIL_TRANSLATION, it));
		}
		assert_string_equal(uabi_kstatus__str(UABI_K_NOT_JUDGED), "not-judged");
		assert_int_equal(r.nfailing, 0);
		assert_int_equal(uabi_report__not_judged(&r, &np), 1);
		assert_int_equal(np, 1);
		uabi_report__free(&r);
	}
	uabi_compat_pair__free(&f->p);

	/* judged on one side, neither judged nor skipped on the other */
	f->c.l->input.headers = other;
	assert_int_equal(uabi_compat__compare(f->n.l, f->c.l, &f->p, &f->d), -EINVAL);
	assert_string_equal(f->d.msg, "x86_64 and i386 were made from different headers "
				      "(selected headers differ)");
}

static void test_words(void **state)
{
	for (int v = 0; v < UABI_V__COUNT; v++)
		assert_int_equal(uabi_verdict__parse(uabi_verdict__str(v)), v);
	assert_int_equal(uabi_verdict__parse("nope"), -1);
	assert_string_equal(uabi_verdict__str(UABI_V_POINTER_WIDTH), "pointer-width");
	assert_string_equal(uabi_finding_kind__str(UABI_F_TAIL_PADDING), "tail-padding");
	assert_string_equal(uabi_finding_kind__str(UABI_F_ARM_SIZE), "arm-size");
	assert_string_equal(uabi_finding_kind__str(UABI_F_IOC_SIZE), "ioc-size");
	assert_true(uabi_verdict__needs_translation(UABI_V_NUMBER_DIFFERS));
	assert_true(uabi_verdict__needs_translation(UABI_V_LAYOUT_DIFFERS));
	assert_false(uabi_verdict__needs_translation(UABI_V_NOT_APPLICABLE));
}

/* ---- the real Linux 6.1 KVM headers ------------------------------------ */

static void expect(const struct uabi_compat_pair *p, const char *name, enum uabi_verdict v)
{
	const struct uabi_compat_item *it = item(p, name);

	if (it->verdict != v)
		fail_msg("%s: %s, expected %s", name, uabi_verdict__str(it->verdict),
			 uabi_verdict__str(v));
}

static void test_kvm_6_1(void **state)
{
	const char *tree = getenv("UABI_KERNEL_TREE"), *uabi = getenv("UABI");
	char dir[] = "/tmp/uabi-compat-XXXXXX", path[PATH_MAX + 32];
	struct uabi_layout *n = NULL, *c = NULL;
	struct uabi_compat_pair p;
	struct uabi_diag d;
	const struct uabi_compat_item *it;

	(void)state;
	if (!uabi)
		uabi = UABI_BINARY_DIR "/uabi";
	if (!tree) {
		print_message("UABI_KERNEL_TREE unset: no kernel tree to extract\n");
		skip();
	}
	if (access(uabi, X_OK)) {
		print_message("%s: not built\n", uabi);
		skip();
	}
	assert_non_null(mkdtemp(dir));
	{
		const char *argv[] = { uabi, "extract", "--kernel-tree", tree, "--profile", "x86_64,i386",
				       "-j", "2", "--root", "struct kvm_run", "-o", dir, NULL };

		test_run(argv);
	}
	snprintf(path, sizeof(path), "%s/x86_64.json", dir);
	if (uabi_json__read_layout(path, &n, &d))
		fail_msg("%s", d.msg);
	unlink(path);
	snprintf(path, sizeof(path), "%s/i386.json", dir);
	if (uabi_json__read_layout(path, &c, &d))
		fail_msg("%s", d.msg);
	unlink(path);
	rmdir(dir);

	if (uabi_compat__compare(n, c, &p, &d))
		fail_msg("compare: %s", d.msg);
	expect(&p, "KVM_DIRTY_TLB", UABI_V_NUMBER_DIFFERS);
	expect(&p, "KVM_MEMORY_ENCRYPT_OP", UABI_V_NUMBER_DIFFERS);
	expect(&p, "KVM_X86_SET_MSR_FILTER", UABI_V_NUMBER_DIFFERS);
	expect(&p, "KVM_GET_DIRTY_LOG", UABI_V_POINTER_WIDTH);
	expect(&p, "KVM_CLEAR_DIRTY_LOG", UABI_V_POINTER_WIDTH);
	expect(&p, "KVM_RUN", UABI_V_IDENTICAL);
	expect(&p, "KVM_ARM_VCPU_INIT", UABI_V_NOT_APPLICABLE);

	it = item(&p, "KVM_DIRTY_TLB");
	verdict(it, UABI_V_NUMBER_DIFFERS, 4);
	finding(it, 1, UABI_F_IOC_SIZE, "", 16, 12);
	finding(it, 2, UABI_F_SIZE, "", 16, 12);
	finding(it, 3, UABI_F_TAIL_PADDING, "", 4, 0);
	it = item(&p, "KVM_MEMORY_ENCRYPT_OP");
	verdict(it, UABI_V_NUMBER_DIFFERS, 3);
	finding(it, 2, UABI_F_LONG, "", 8, 4);
	it = item(&p, "KVM_GET_DIRTY_LOG");
	verdict(it, UABI_V_POINTER_WIDTH, 1);
	finding(it, 0, UABI_F_POINTER, "dirty_bitmap", 8, 4);
	assert_string_equal(it->findings[0].file, "include/uapi/linux/kvm.h");
	it = item(&p, "KVM_X86_SET_MSR_FILTER");
	finding(it, 5, UABI_F_OFFSET, "ranges[0].bitmap", 16, 12);
	finding(it, 6, UABI_F_POINTER, "ranges[0].bitmap", 8, 4);
	/* ranges at 8 vs 4: the first range's bitmap at 24 vs 16 */
	at(it, 5, 24, 16);
	/* padding in a union arm is a note (issue 8, item 2) */
	it = item(&p, "KVM_S390_ZPCI_OP");
	verdict(it, UABI_V_IDENTICAL, 2);
	finding(it, 0, UABI_F_ARM_SIZE, "u.reg_aen", 32, 28);
	finding(it, 1, UABI_F_TAIL_PADDING, "u.reg_aen", 4, 0);
	it = item(&p, "struct kvm_run");
	assert_true(it->is_root);
	/* the xen arm's u moves (8 vs 4): that one stays layout-differs */
	assert_string_equal(uabi_verdict__str(it->verdict), "layout-differs");
	finding(it, 0, UABI_F_ARM_SIZE, "fail_entry", 16, 12);
	finding(it, 1, UABI_F_TAIL_PADDING, "fail_entry", 4, 0);
	finding(it, 2, UABI_F_ARM_SIZE, "s390_ucontrol", 16, 12);
	finding(it, 3, UABI_F_TAIL_PADDING, "s390_ucontrol", 4, 0);
	finding(it, 5, UABI_F_OFFSET, "xen.u", 8, 4);
	/* offsetof(struct kvm_run, xen.u): 40 on x86_64, 36 on i386 (clang) */
	at(it, 5, 40, 36);

	print_message("x86_64/i386: %u identical, %u number-differs, %u layout-differs, "
		      "%u pointer-width, %u not-applicable\n",
		      p.counts[UABI_V_IDENTICAL], p.counts[UABI_V_NUMBER_DIFFERS],
		      p.counts[UABI_V_LAYOUT_DIFFERS], p.counts[UABI_V_POINTER_WIDTH],
		      p.counts[UABI_V_NOT_APPLICABLE]);
	uabi_compat_pair__free(&p);
	uabi_layout__free(n);
	uabi_layout__free(c);
}

#define T_(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T_(test_u64_after_u32),
		T_(test_union_pointer),
		T_(test_unsigned_long_arg),
		T_(test_tail_padding),
		T_(test_arm_tail_padding),
		T_(test_run_arms),
		T_(test_pointer_in_arm),
		T_(test_arm_leaf_moves),
		T_(test_bitfield),
		T_(test_missing),
		T_(test_array),
		T_(test_kind),
		T_(test_identical),
		T_(test_untyped),
		T_(test_not_applicable),
		T_(test_roots),
		T_(test_finding_cap),
		T_(test_alignment_only),
		T_(test_u64_spelling),
		T_(test_anonymous),
		T_(test_typedef_chains),
		T_(test_long_double),
		T_(test_uint128_standin),
		T_(test_input_errors),
		T_(test_skipped_one_side),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_kvm_6_1),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
