// SPDX-License-Identifier: MIT
/*
 * The check report builder: where the kernel leaves each item, the fail-on
 * ranks, the architecture summary and its sentence, and suppressions, on
 * hand-built compat pairs and kernel facts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare/report.h"
#include "kernel/ioctls.h"
#include "multifix.h"
#include "testfs.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* A KVM ioctl: KVMIO, defined in linux/kvm.h (the kernel facts apply). */
static struct uabi_ioctl kvm_io = { .type_field = 0xAE, .decl_file = "include/uapi/linux/kvm.h" };
#define KIO .native = &kvm_io, .compat = &kvm_io

/* x86_64 -> i386 items, sorted by name as compat.c makes them */
static struct uabi_compat_item x86_items[] = {
	{ .name = "KVM_ARM_VCPU_INIT", KIO, .verdict = UABI_V_NOT_APPLICABLE },
	{ .name = "KVM_DIRTY_TLB", KIO, .verdict = UABI_V_NUMBER_DIFFERS },	/* not dispatched on x86 */
	{ .name = "KVM_GET_DIRTY_LOG", KIO, .verdict = UABI_V_POINTER_WIDTH },	/* handled */
	{ .name = "KVM_MEMORY_ENCRYPT_OP", KIO, .verdict = UABI_V_NUMBER_DIFFERS },	/* not handled */
	{ .name = "KVM_RUN", KIO, .verdict = UABI_V_IDENTICAL },
	{ .name = "struct kvm_run", .is_root = true, .verdict = UABI_V_LAYOUT_DIFFERS },
};

/* aarch64 -> arm: no KVM compat at all */
static struct uabi_compat_item arm_items[] = {
	{ .name = "KVM_GET_DIRTY_LOG", KIO, .verdict = UABI_V_POINTER_WIDTH },
	{ .name = "KVM_RUN", KIO, .verdict = UABI_V_IDENTICAL },
	{ .name = "struct kvm_run", .is_root = true, .verdict = UABI_V_LAYOUT_DIFFERS },
};

static struct uabi_compat_pair pairs[] = {
	{ .native = "x86_64", .compat = "i386", .arch = "x86", .items = x86_items,
	  .nitems = N(x86_items) },
	{ .native = "aarch64", .compat = "arm", .arch = "arm64", .items = arm_items,
	  .nitems = N(arm_items) },
};

static struct uabi_khandled x86_handled[] = {
	{ .ioctl = "KVM_GET_DIRTY_LOG", .label = "KVM_GET_DIRTY_LOG",
	  .site = { "virt/kvm/kvm_main.c", 4966, "kvm_vm_compat_ioctl" } },
};
static const char *x86_dispatched[] = { "KVM_GET_DIRTY_LOG", "KVM_MEMORY_ENCRYPT_OP", "KVM_RUN" };
static const char *arm_dispatched[] = { "KVM_GET_DIRTY_LOG", "KVM_RUN" };

static struct uabi_kfacts_arch arches[] = {
	{ .arch = "x86", .kvm_compat = true, .handled = x86_handled, .nhandled = 1,
	  .dispatched = x86_dispatched, .ndispatched = N(x86_dispatched) },
	{ .arch = "arm64", .kvm_compat = false, .dispatched = arm_dispatched,
	  .ndispatched = N(arm_dispatched) },
};

static struct uabi_kfacts kfacts = { .arches = arches, .narches = N(arches) };

static void build(struct uabi_report *r, const struct uabi_kfacts *k, enum uabi_fail_on f)
{
	struct uabi_diag d;

	uabi_diag__clear(&d);
	assert_int_equal(uabi_report__build(r, pairs, N(pairs), k, f, &d), 0);
	assert_int_equal(r->npairs, 2);
	assert_int_equal(r->narchs, 2);
}

static void test_placement(void **state)
{
	static const enum uabi_kstatus want_x86[] = {
		UABI_K_NOT_APPLICABLE, UABI_K_NOT_DISPATCHED, UABI_K_HANDLED,
		UABI_K_NOT_HANDLED,    UABI_K_NATIVE_OK,      UABI_K_UNTRANSLATABLE,
	};
	struct uabi_report r;

	(void)state;
	build(&r, &kfacts, UABI_FAIL_NOT_HANDLED);
	for (uint32_t i = 0; i < N(want_x86); i++)
		assert_int_equal(r.pairs[0].items[i].kstatus, want_x86[i]);
	assert_ptr_equal(r.pairs[0].items[2].handler, &x86_handled[0]);
	assert_null(r.pairs[0].items[3].handler);
	/* arm64 has no KVM compat: every applicable item, roots too */
	for (uint32_t i = 0; i < N(arm_items); i++)
		assert_int_equal(r.pairs[1].items[i].kstatus, UABI_K_NO_KVM_COMPAT);
	/* counts are of ioctls only */
	assert_int_equal(r.pairs[0].kcounts[UABI_K_NOT_HANDLED], 1);
	assert_int_equal(r.pairs[0].kcounts[UABI_K_UNTRANSLATABLE], 0);
	assert_int_equal(r.pairs[1].kcounts[UABI_K_NO_KVM_COMPAT], 2);
	/* not handled + the untranslatable root */
	assert_int_equal(r.nfailing, 2);
	uabi_report__free(&r);
}

static void test_summary(void **state)
{
	const struct uabi_arch_summary *x86, *arm;
	struct uabi_report r;

	(void)state;
	build(&r, &kfacts, UABI_FAIL_NOT_HANDLED);
	x86 = &r.archs[0];
	arm = &r.archs[1];
	assert_string_equal(x86->arch, "x86");
	assert_string_equal(x86->native, "x86_64");
	assert_int_equal(x86->ncompat, 1);
	assert_string_equal(x86->compat[0], "i386");
	assert_int_equal(x86->kvm_compat, 1);
	assert_int_equal(x86->identical, 1);
	assert_int_equal(x86->needs_translation, 3);
	assert_int_equal(x86->handled, 1);
	assert_int_equal(x86->not_handled, 1);
	assert_int_equal(x86->not_applicable, 1);
	assert_int_equal(x86->not_dispatched, 1);
	assert_string_equal(x86->outcome,
			    "KVM through compat_ioctl, but 1 of the 2 dispatched ioctls that need "
			    "translation is not translated: KVM_MEMORY_ENCRYPT_OP on i386 (32-bit VMMs get wrong results "
			    "or errors); struct kvm_run "
			    "differs on i386 (mmap'd: no handler can translate it)");
	assert_int_equal(arm->kvm_compat, 0);
	assert_int_equal(arm->needs_translation, 1);
	assert_int_equal(arm->handled + arm->not_handled, 0);
	assert_string_equal(arm->outcome,
			    "no KVM for 32-bit VMMs: KVM_COMPAT=n, opening /dev/kvm fails with -ENODEV "
			    "(1 ioctl would need translation)");
	uabi_report__free(&r);
}

static void test_no_kernel_tree(void **state)
{
	struct uabi_report r;

	(void)state;
	build(&r, NULL, UABI_FAIL_NOT_HANDLED);
	assert_int_equal(r.pairs[0].items[0].kstatus, UABI_K_NOT_APPLICABLE);
	for (uint32_t i = 1; i < N(x86_items); i++)
		assert_int_equal(r.pairs[0].items[i].kstatus, UABI_K_UNKNOWN);
	assert_int_equal(r.archs[0].kvm_compat, -1);
	/* unknown never passes a gate: every item that needs translation fails;
	 * the summary counts them as unknown, not as not handled */
	assert_int_equal(r.archs[0].not_handled, 0);
	assert_int_equal(r.archs[0].unknown, 3);
	assert_int_equal(r.archs[0].ngaps, 0);
	assert_int_equal(r.nfailing, 3 + 1 + 1 + 1);	/* x86: 3 + root; arm: 1 + root */
	assert_string_equal(r.archs[1].outcome,
			    "unknown without a kernel tree: 1 ioctl needs translation (whether the "
			    "kernel translates it is unknown)");
	uabi_report__free(&r);
}

static void test_fail_on_levels(void **state)
{
	struct uabi_report r;

	(void)state;
	build(&r, &kfacts, UABI_FAIL_TRANSLATION);
	assert_int_equal(r.nfailing, 3);	/* + the handled one */
	uabi_report__free(&r);
	build(&r, &kfacts, UABI_FAIL_NEVER);
	assert_int_equal(r.nfailing, 0);
	uabi_report__free(&r);
	assert_int_equal(uabi_fail_on__parse("translation"), UABI_FAIL_TRANSLATION);
	assert_int_equal(uabi_fail_on__parse("sometimes"), -1);
	assert_string_equal(uabi_kstatus__str(UABI_K_NO_KVM_COMPAT), "no-kvm-compat");
}

static void test_suppress(void **state)
{
	static const char text[] =
		"rule=not-handled ioctl=KVM_MEMORY_ENCRYPT_OP profile=i386 reason=\"sev is 64-bit\"\n"
		"rule=untranslatable type=\"struct kvm_run\" reason=\"riscv exits\"\n"
		"rule=not-handled ioctl=KVM_MEMORY_ENCRYPT_OP profile=x32 reason=\"other abi\"\n"
		"rule=untranslatable ioctl=KVM_RUN reason=\"a root is a type, not an ioctl\"\n";
	struct uabi_suppress s = { 0 };
	struct uabi_report r;
	struct uabi_diag d;

	(void)state;
	uabi_diag__clear(&d);
	assert_int_equal(uabi_suppress__parse(text, "s", &s, &d), 0);
	build(&r, &kfacts, UABI_FAIL_NOT_HANDLED);
	assert_int_equal(r.nfailing, 2);
	uabi_report__suppress(&r, &s);
	assert_int_equal(r.nfailing, 0);
	assert_string_equal(r.pairs[0].items[3].suppressed, "sev is 64-bit");
	assert_string_equal(r.pairs[0].items[5].suppressed, "riscv exits");
	assert_null(r.pairs[0].items[2].suppressed);	/* handled: not failing */
	assert_int_equal(s.v[0].used, 1);
	assert_int_equal(s.v[1].used, 1);	/* arm's root is no-kvm-compat: not failing */
	assert_int_equal(s.v[2].used, 0);
	assert_int_equal(s.v[3].used, 0);
	uabi_report__free(&r);
	uabi_suppress__free(&s);
}

/* The --fail-on rule, item by item: every kernel status at every level,
 * suppressed or not. */
static void test_fails_rule(void **state)
{
	static const struct {
		enum uabi_kstatus k;
		enum uabi_verdict v;
		bool not_handled, translation;	/* fails at these levels */
	} cases[] = {
		{ UABI_K_NOT_HANDLED, UABI_V_LAYOUT_DIFFERS, true, true },
		{ UABI_K_UNTRANSLATABLE, UABI_V_LAYOUT_DIFFERS, true, true },
		{ UABI_K_UNKNOWN, UABI_V_NUMBER_DIFFERS, true, true },
		{ UABI_K_HANDLED, UABI_V_POINTER_WIDTH, false, true },
		{ UABI_K_UNKNOWN, UABI_V_IDENTICAL, false, false },
		{ UABI_K_NATIVE_OK, UABI_V_IDENTICAL, false, false },
		{ UABI_K_NOT_DISPATCHED, UABI_V_NUMBER_DIFFERS, false, false },
		{ UABI_K_NO_KVM_COMPAT, UABI_V_POINTER_WIDTH, false, false },
		{ UABI_K_NOT_APPLICABLE, UABI_V_NOT_APPLICABLE, false, false },
	};

	(void)state;
	for (size_t i = 0; i < N(cases); i++) {
		struct uabi_compat_item c = { .name = "X", .verdict = cases[i].v };
		struct uabi_report_item it = { .c = &c, .kstatus = cases[i].k };

		assert_false(uabi_report__fails(UABI_FAIL_NEVER, &it));
		assert_int_equal(uabi_report__fails(UABI_FAIL_NOT_HANDLED, &it), cases[i].not_handled);
		assert_int_equal(uabi_report__fails(UABI_FAIL_TRANSLATION, &it), cases[i].translation);
		it.suppressed = "accepted";
		assert_false(uabi_report__fails(UABI_FAIL_NOT_HANDLED, &it));
		assert_false(uabi_report__fails(UABI_FAIL_TRANSLATION, &it));
	}
}

/* nfailing after suppressions is the count of items the rule says fail, at
 * every level, whatever the entries match (a handled item accepted at
 * --fail-on=translation, twice): it never wraps below zero. */
static void test_suppress_counts(void **state)
{
	static const char text[] =
		"rule=handled ioctl=KVM_GET_DIRTY_LOG reason=\"compat_ioctl translates it\"\n"
		"rule=handled ioctl=KVM_GET_DIRTY_LOG profile=i386 reason=\"the same, again\"\n"
		"rule=not-handled ioctl=KVM_MEMORY_ENCRYPT_OP reason=\"sev is 64-bit\"\n"
		"rule=no-kvm-compat ioctl=KVM_GET_DIRTY_LOG reason=\"never fails\"\n";
	static const enum uabi_fail_on levels[] = { UABI_FAIL_NEVER, UABI_FAIL_NOT_HANDLED,
						    UABI_FAIL_TRANSLATION };
	static const uint32_t want[] = { 0, 1, 1 };	/* the untranslatable root is left */

	(void)state;
	for (size_t l = 0; l < N(levels); l++) {
		struct uabi_suppress s = { 0 };
		struct uabi_report r;
		struct uabi_diag d;
		uint32_t n = 0;

		uabi_diag__clear(&d);
		assert_int_equal(uabi_suppress__parse(text, "s", &s, &d), 0);
		build(&r, &kfacts, levels[l]);
		uabi_report__suppress(&r, &s);
		uabi_report__suppress(&r, &s);
		for (uint32_t p = 0; p < r.npairs; p++)
			for (uint32_t k = 0; k < r.pairs[p].nitems; k++)
				n += uabi_report__fails(levels[l], &r.pairs[p].items[k]);
		assert_int_equal(r.nfailing, n);
		assert_int_equal(r.nfailing, want[l]);
		/* a handled item is accepted only where it fails */
		if (levels[l] == UABI_FAIL_TRANSLATION)
			assert_string_equal(r.pairs[0].items[2].suppressed, "compat_ioctl translates it");
		else
			assert_null(r.pairs[0].items[2].suppressed);
		assert_int_equal(s.v[3].used, 0);
		uabi_report__free(&r);
		uabi_suppress__free(&s);
	}
}

/* Two compat ABIs of one arch: the summary counts ioctls, not items, and
 * names the ABIs of each gap (issue 8 item 11: the x86 row of 6.1 said
 * "not handled 2" for KVM_MEMORY_ENCRYPT_OP on i386 and on x32). */
static struct uabi_compat_item i386_items[] = {
	{ .name = "KVM_GET_DIRTY_LOG", KIO, .verdict = UABI_V_POINTER_WIDTH },	/* handled */
	{ .name = "KVM_MEMORY_ENCRYPT_OP", KIO, .verdict = UABI_V_NUMBER_DIFFERS },
	{ .name = "KVM_RUN", KIO, .verdict = UABI_V_IDENTICAL },
	{ .name = "KVM_SET_ONE", KIO, .verdict = UABI_V_NUMBER_DIFFERS },	/* i386 only */
	{ .name = "KVM_XEN_ONLY", KIO, .verdict = UABI_V_NOT_APPLICABLE },
};
static struct uabi_compat_item x32_items[] = {
	{ .name = "KVM_GET_DIRTY_LOG", KIO, .verdict = UABI_V_POINTER_WIDTH },
	{ .name = "KVM_MEMORY_ENCRYPT_OP", KIO, .verdict = UABI_V_NUMBER_DIFFERS },
	{ .name = "KVM_RUN", KIO, .verdict = UABI_V_IDENTICAL },
	{ .name = "KVM_SET_ONE", KIO, .verdict = UABI_V_IDENTICAL },
	{ .name = "KVM_XEN_ONLY", KIO, .verdict = UABI_V_NOT_APPLICABLE },
};

static void test_summary_distinct(void **state)
{
	static const struct uabi_compat_pair two[] = {
		{ .native = "x86_64", .compat = "i386", .arch = "x86", .items = i386_items,
		  .nitems = N(i386_items) },
		{ .native = "x86_64", .compat = "x32", .arch = "x86", .items = x32_items,
		  .nitems = N(x32_items) },
	};
	static const char *disp[] = { "KVM_GET_DIRTY_LOG", "KVM_MEMORY_ENCRYPT_OP", "KVM_RUN",
				      "KVM_SET_ONE" };
	struct uabi_kfacts_arch x86 = { .arch = "x86", .kvm_compat = true, .handled = x86_handled,
					.nhandled = 1, .dispatched = disp, .ndispatched = N(disp) };
	struct uabi_kfacts k = { .arches = &x86, .narches = 1 };
	const struct uabi_arch_summary *a;
	struct uabi_report r;
	struct uabi_diag d;

	(void)state;
	uabi_diag__clear(&d);
	assert_int_equal(uabi_report__build(&r, two, N(two), &k, UABI_FAIL_NOT_HANDLED, &d), 0);
	assert_int_equal(r.narchs, 1);
	a = &r.archs[0];
	assert_int_equal(a->identical, 1);		/* KVM_RUN */
	assert_int_equal(a->needs_translation, 3);
	assert_int_equal(a->handled, 1);		/* KVM_GET_DIRTY_LOG on both */
	assert_int_equal(a->not_handled, 2);		/* MEMORY_ENCRYPT_OP, SET_ONE */
	assert_int_equal(a->unknown, 0);
	assert_int_equal(a->not_applicable, 1);
	assert_int_equal(a->not_dispatched, 0);
	assert_int_equal(a->ngaps, 2);
	assert_string_equal(a->gaps[0].ioctl, "KVM_MEMORY_ENCRYPT_OP");
	assert_string_equal(a->gaps[0].abis, "i386, x32");
	assert_string_equal(a->gaps[1].ioctl, "KVM_SET_ONE");
	assert_string_equal(a->gaps[1].abis, "i386");
	assert_string_equal(a->outcome,
			    "KVM through compat_ioctl, but 2 of the 3 dispatched ioctls that need "
			    "translation are not translated: KVM_MEMORY_ENCRYPT_OP on i386, x32; KVM_SET_ONE on i386 "
			    "(32-bit VMMs get wrong results or errors)");
	assert_int_equal(r.nfailing, 3);	/* items still gate one by one */
	uabi_report__free(&r);

	/* the two gaps not dispatched: the one dispatched ioctl is translated */
	x86.ndispatched = 1;	/* KVM_GET_DIRTY_LOG only */
	assert_int_equal(uabi_report__build(&r, two, N(two), &k, UABI_FAIL_NOT_HANDLED, &d), 0);
	a = &r.archs[0];
	assert_int_equal(a->needs_translation, 3);
	assert_int_equal(a->handled, 1);
	assert_int_equal(a->not_dispatched, 2);
	assert_int_equal(a->not_handled + a->unknown + a->ngaps, 0);
	assert_int_equal(a->identical, 1);	/* KVM_RUN: not dispatched, still identical */
	assert_string_equal(a->outcome, "KVM through compat_ioctl: the 1 dispatched ioctl that needs "
					"translation is translated");
	uabi_report__free(&r);

	/* without a tree: unknown, by ioctl */
	assert_int_equal(uabi_report__build(&r, two, N(two), NULL, UABI_FAIL_NOT_HANDLED, &d), 0);
	a = &r.archs[0];
	assert_int_equal(a->needs_translation, 3);
	assert_int_equal(a->unknown, 3);
	assert_int_equal(a->not_handled + a->handled, 0);
	assert_string_equal(a->outcome, "unknown without a kernel tree: 3 ioctls need translation "
					"(whether the kernel translates them is unknown)");
	uabi_report__free(&r);
}

/* ---- issue 8: members an arch never uses, non-KVM ioctls, unjudged arches */

/* A kvm_run-like root: struct run { __u32 exit_reason; union { struct xen
 * xen; struct sbi riscv_sbi; struct sbi not_named; }; } with struct xen {
 * __u32 type; union { struct hcall hcall; } u; } and struct sbi { long
 * args[6]; }. */
static struct uabi_member run_m[] = { { .name = "exit_reason", .type = 6 },
				      { .name = NULL, .type = 1, .bit_offset = 64 } };
static struct uabi_member arms_m[] = { { .name = "xen", .type = 2 },
				       { .name = "riscv_sbi", .type = 3 },
				       { .name = "not_named", .type = 3 } };
static struct uabi_member xen_m[] = { { .name = "type", .type = 6 },
				      { .name = "u", .type = 4, .bit_offset = 64 } };
static struct uabi_member sbi_m[] = { { .name = "args", .type = 7 } };
static struct uabi_member u_m[] = { { .name = "hcall", .type = 5 } };
static struct uabi_member hcall_m[] = { { .name = "input", .type = 6 } };
static struct uabi_type run_types[] = {
	[0] = { .kind = UABI_KIND_STRUCT, .name = "run", .members = run_m, .nmembers = 2 },
	[1] = { .kind = UABI_KIND_UNION, .members = arms_m, .nmembers = 3 },
	[2] = { .kind = UABI_KIND_STRUCT, .name = "xen", .members = xen_m, .nmembers = 2 },
	[3] = { .kind = UABI_KIND_STRUCT, .name = "sbi", .members = sbi_m, .nmembers = 1 },
	[4] = { .kind = UABI_KIND_UNION, .members = u_m, .nmembers = 1 },
	[5] = { .kind = UABI_KIND_STRUCT, .name = "hcall", .members = hcall_m, .nmembers = 1 },
	[6] = { .kind = UABI_KIND_BASE, .name = "__u32", .size = 4 },
	[7] = { .kind = UABI_KIND_ARRAY, .ref = 8, .count = 6 },
	[8] = { .kind = UABI_KIND_BASE, .name = "long", .size = 8 },
};
static struct uabi_layout run_layout = { .types = run_types, .ntypes = N(run_types) };

#define F(k, p, n, c) { .kind = UABI_F_##k, .path = p, .native = n, .compat = c }
/* x32: only the riscv arm differs (notes and counting findings) */
static struct uabi_finding x32_f[] = {
	F(ARM_SIZE, "riscv_sbi", 80, 40), F(LONG, "riscv_sbi.args[0]", 8, 4),
	F(OFFSET, "riscv_sbi.ret", 64, 32), F(LONG, "not_named.args[0]", 8, 4),
};
/* i386: the xen arm too, used by x86; a tail-padding note of a used arm */
static struct uabi_finding i386_f[] = {
	F(TAIL_PADDING, "xen", 4, 0), F(OFFSET, "xen.u", 8, 4),
	F(OFFSET, "xen.u.hcall.input", 8, 4), F(LONG, "riscv_sbi.args[0]", 8, 4),
};
/* an ioctl argument: number-differs keeps its status whatever is unused */
static struct uabi_finding num_f[] = {
	F(NUMBER, "", 1, 2), F(IOC_SIZE, "", 16, 12), F(LONG, "riscv_sbi.args[0]", 8, 4),
};
#undef F

/* DRM: type 'd', defined in drm/drm.h */
static struct uabi_ioctl drm_io = { .type_field = 0x64, .decl_file = "include/uapi/drm/drm.h" };
/* KVMIO in a header that is not kvm.h (a same-type ioctl elsewhere) */
static struct uabi_ioctl kvmio_other = { .type_field = 0xAE, .decl_file = "include/uapi/linux/vhost.h" };
static struct uabi_ioctl asm_io = { .type_field = 0xAE, .decl_file = "arch/x86/include/uapi/asm/kvm.h" };

static struct uabi_compat_item run_x32_items[] = {
	{ .name = "KVM_ASM_ONE", .native = &asm_io, .compat = &asm_io,
	  .verdict = UABI_V_NUMBER_DIFFERS, .native_type = 0, .compat_type = 0,
	  .findings = num_f, .nfindings = N(num_f), .nfindings_total = N(num_f) },
	{ .name = "struct kvm_run", .is_root = true, .verdict = UABI_V_LAYOUT_DIFFERS,
	  .native_type = 0, .compat_type = 0, .findings = x32_f, .nfindings = N(x32_f),
	  .nfindings_total = N(x32_f) },
};
static struct uabi_compat_item run_i386_items[] = {
	{ .name = "struct kvm_run", .is_root = true, .verdict = UABI_V_LAYOUT_DIFFERS,
	  .native_type = 0, .compat_type = 0, .findings = i386_f, .nfindings = N(i386_f),
	  .nfindings_total = N(i386_f) },
	{ .name = "struct other_root", .is_root = true, .verdict = UABI_V_LAYOUT_DIFFERS,
	  .native_type = 0, .compat_type = 0, .findings = x32_f, .nfindings = N(x32_f),
	  .nfindings_total = N(x32_f) },
};
/* arm64 (KVM_COMPAT=n) with DRM ioctls only */
static struct uabi_compat_item drm_items[] = {
	{ .name = "DRM_IOCTL_A", .native = &drm_io, .compat = &drm_io,
	  .verdict = UABI_V_NUMBER_DIFFERS },
	{ .name = "DRM_IOCTL_B", .native = &drm_io, .compat = &drm_io, .verdict = UABI_V_IDENTICAL },
	{ .name = "VHOST_LIKE", .native = &kvmio_other, .compat = &kvmio_other,
	  .verdict = UABI_V_POINTER_WIDTH },
};

static struct uabi_compat_pair run_pairs[] = {
	{ .native = "x86_64", .compat = "x32", .arch = "x86", .items = run_x32_items,
	  .nitems = N(run_x32_items), .n = &run_layout, .c = &run_layout },
	{ .native = "x86_64", .compat = "i386", .arch = "x86", .items = run_i386_items,
	  .nitems = N(run_i386_items), .n = &run_layout, .c = &run_layout },
	{ .native = "aarch64", .compat = "arm", .arch = "arm64", .items = drm_items,
	  .nitems = N(drm_items) },
};

static struct uabi_kmember members[] = {
	{ "exit_reason", NULL, { "virt/kvm/kvm_main.c", 10, NULL } },
	{ "hcall", "x86", { "arch/x86/kvm/xen.c", 7, NULL } },
	{ "riscv_sbi", "riscv", { "arch/riscv/kvm/vcpu_sbi.c", 62, NULL } },
	{ "riscv_sbi", "riscv", { "arch/riscv/kvm/vcpu_sbi_v01.c", 30, NULL } },
	{ "u", NULL, { "virt/kvm/eventfd.c", 5, NULL } },
	{ "xen", "x86", { "arch/x86/kvm/xen.c", 1200, NULL } },
};
static const char *kvm_arches[] = { "arm64", "loongarch", "riscv", "x86" };
static struct uabi_kfacts run_kfacts = { .arches = arches, .narches = N(arches),
					 .members = members, .nmembers = N(members),
					 .kvm_arches = kvm_arches, .nkvm_arches = N(kvm_arches) };

static void test_unused_members(void **state)
{
	const struct uabi_report_item *it;
	struct uabi_report r;
	struct uabi_diag d;

	(void)state;
	uabi_diag__clear(&d);
	assert_int_equal(uabi_report__build(&r, run_pairs, N(run_pairs), &run_kfacts,
					    UABI_FAIL_NOT_HANDLED, &d), 0);
	/* x32: every counting finding is in an arm x86 never uses */
	it = &r.pairs[0].items[1];
	assert_true(it->kvm);
	assert_int_equal(it->kstatus, UABI_K_NOT_USED);
	assert_int_equal(uabi_report__rank(it), 0);
	assert_int_equal(it->nunused, 2);
	assert_string_equal(it->unused[0].member, "riscv_sbi");
	assert_int_equal(it->unused[0].nfindings, 2);	/* the arm-size note does not count */
	assert_int_equal(it->unused[0].nuses, 2);
	assert_string_equal(it->unused[0].uses[0].site.file, "arch/riscv/kvm/vcpu_sbi.c");
	assert_string_equal(it->unused[1].member, "not_named");
	assert_int_equal(it->unused[1].nuses, 0);
	assert_string_equal(it->note,
			    "not used on x86: riscv_sbi (used only in arch/riscv/kvm/vcpu_sbi.c:62, "
			    "arch/riscv/kvm/vcpu_sbi_v01.c:30), not_named (referenced nowhere in KVM "
			    "code)");
	/* number-differs: the note, but the status is the kernel's */
	it = &r.pairs[0].items[0];
	assert_true(it->kvm);
	assert_int_equal(it->kstatus, UABI_K_NOT_DISPATCHED);
	assert_int_equal(it->nunused, 1);
	/* i386: xen is x86's (so are xen.u, through the generic u, and
	 * hcall): the root stays untranslatable, riscv_sbi is still named */
	it = &r.pairs[1].items[0];
	assert_int_equal(it->kstatus, UABI_K_UNTRANSLATABLE);
	assert_int_equal(it->nunused, 1);
	assert_string_equal(it->note,
			    "not used on x86: riscv_sbi (used only in arch/riscv/kvm/vcpu_sbi.c:62, "
			    "arch/riscv/kvm/vcpu_sbi_v01.c:30); the other differences are in members "
			    "x86 uses");
	/* a root that is not struct kvm_run: not mmap'd by KVM, unknown */
	it = &r.pairs[1].items[1];
	assert_false(it->kvm);
	assert_int_equal(it->kstatus, UABI_K_UNKNOWN);
	assert_int_equal(it->nunused, 0);
	assert_string_equal(it->note, "kernel facts are KVM's: struct other_root is not struct "
				      "kvm_run, so whether the kernel translates it is unknown");
	assert_int_equal(uabi_report__rank(it), 2);
	/* the x86 row names only the i386 root */
	assert_string_equal(r.archs[0].outcome,
			    "KVM through compat_ioctl: no ioctl this arch dispatches needs translation; "
			    "struct kvm_run differs on i386 (mmap'd: no handler can translate it); "
			    "struct kvm_run differs on x32 only in members x86 never uses");
	/* i386 root + other_root fail; x32's root does not */
	assert_int_equal(r.nfailing, 2 + 2);
	uabi_report__free(&r);

	/* a deeper arm the arch does not use is the unit: hcall unused on x86 */
	members[1].arch = "riscv";
	assert_int_equal(uabi_report__build(&r, run_pairs, N(run_pairs), &run_kfacts,
					    UABI_FAIL_NOT_HANDLED, &d), 0);
	it = &r.pairs[1].items[0];
	assert_int_equal(it->nunused, 2);
	assert_string_equal(it->unused[0].member, "xen.u.hcall");
	assert_int_equal(it->unused[0].nfindings, 1);
	/* xen.u itself (u is a member of struct xen, no arm) still counts */
	assert_int_equal(it->kstatus, UABI_K_UNTRANSLATABLE);
	members[1].arch = "x86";
	uabi_report__free(&r);

	/* without a tree nothing is unused: unknown, never guessed */
	assert_int_equal(uabi_report__build(&r, run_pairs, N(run_pairs), NULL,
					    UABI_FAIL_NOT_HANDLED, &d), 0);
	it = &r.pairs[0].items[1];
	assert_int_equal(it->kstatus, UABI_K_UNKNOWN);
	assert_int_equal(it->nunused, 0);
	assert_null(it->note);
	assert_int_equal(r.nunjudged, 0);
	uabi_report__free(&r);
}

/* Issue 8 item 6: KVM facts apply to KVM ioctls only. */
static void test_not_kvm(void **state)
{
	const struct uabi_report_pair *rp;
	struct uabi_report r;
	struct uabi_diag d;

	(void)state;
	uabi_diag__clear(&d);
	assert_int_equal(uabi_report__build(&r, run_pairs, N(run_pairs), &run_kfacts,
					    UABI_FAIL_TRANSLATION, &d), 0);
	rp = &r.pairs[2];
	for (uint32_t i = 0; i < rp->nitems; i++) {
		assert_false(rp->items[i].kvm);
		/* never no-kvm-compat, although arm64 has no KVM_COMPAT */
		assert_int_equal(rp->items[i].kstatus, UABI_K_UNKNOWN);
	}
	assert_string_equal(rp->items[0].note,
			    "kernel facts are KVM's: DRM_IOCTL_A is not a KVM ioctl (type 0x64, "
			    "defined in include/uapi/drm/drm.h), so whether the kernel translates it "
			    "is unknown");
	/* KVMIO outside kvm.h is not KVM's either */
	assert_string_equal(rp->items[2].note,
			    "kernel facts are KVM's: VHOST_LIKE is not a KVM ioctl (type 0xae, "
			    "defined in include/uapi/linux/vhost.h), so whether the kernel "
			    "translates it is unknown");
	/* unknown fails like without a tree: A and VHOST_LIKE */
	assert_true(uabi_report__fails(UABI_FAIL_TRANSLATION, &rp->items[0]));
	assert_true(uabi_report__fails(UABI_FAIL_NOT_HANDLED, &rp->items[2]));
	assert_false(uabi_report__fails(UABI_FAIL_TRANSLATION, &rp->items[1]));
	assert_int_equal(rp->kcounts[UABI_K_UNKNOWN], 3);
	assert_int_equal(rp->kcounts[UABI_K_NO_KVM_COMPAT], 0);
	assert_int_equal(r.archs[1].not_kvm, 3);
	assert_int_equal(r.archs[1].not_handled, 0);
	assert_string_equal(r.archs[1].outcome,
			    "kernel facts unknown: none of the 3 ioctls is a KVM ioctl (the kernel "
			    "facts uabi reads are KVM's), 2 need translation");
	/* asm/kvm.h counts as KVM's */
	assert_true(r.pairs[0].items[0].kvm);
	uabi_report__free(&r);
}

/* The kernel dispatches on numbers (compare/report.c number_aliases), on
 * the facts of a small tree: nr.c has a compat handler that falls back to
 * the native one and translates NR_HANDLED through NR_HANDLED32; na.c has
 * no .compat_ioctl. */
static const char *const nr_tree[][2] = {
	{ "include/uapi/linux/nr.h", "#define NR_SET_A _IOW('n', 1, __u32)\n" },
	{ "drivers/misc/nr.c",
	  "#define NR_HANDLED32 _IOW('n', 3, struct nr32)\n"
	  "static long nr_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase NR_SET_A:\n"
	  "\tcase NR_HANDLED:\n"
	  "\t\treturn 0;\n"
	  "\t}\n"
	  "\treturn -ENOTTY;\n"
	  "}\n"
	  "static long nr_compat_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase NR_HANDLED32:\n"
	  "\t\treturn nr_handled32(f, arg);\n"
	  "\t}\n"
	  "\treturn nr_ioctl(f, cmd, (unsigned long)compat_ptr(arg));\n"
	  "}\n"
	  "static const struct file_operations nr_fops = {\n"
	  "\t.unlocked_ioctl = nr_ioctl,\n"
	  "\t.compat_ioctl = nr_compat_ioctl,\n"
	  "};\n" },
	{ "drivers/misc/na.c",
	  "static long na_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\treturn cmd == NA_SET_A ? 0 : -ENOTTY;\n"
	  "}\n"
	  "static const struct file_operations na_fops = {\n"
	  "\t.unlocked_ioctl = na_ioctl,\n"
	  "};\n" },
};

/* numbers as the headers would give them on x86_64 and i386 */
#define NRIO(var, num, file) \
	static struct uabi_ioctl var = { .type_field = 'n', .number = (num), .decl_file = (file) }
NRIO(nr_set64, 0x40086e01, "include/uapi/linux/nr.h");	/* _IOW('n', 1, void *) */
NRIO(nr_set32, 0x40046e01, "include/uapi/linux/nr.h");
NRIO(nr_other64, 0x40086e01, "include/uapi/linux/other.h");
NRIO(nr_other32, 0x40046e01, "include/uapi/linux/other.h");
NRIO(na_set64, 0x40086e02, "include/uapi/linux/nr.h");
NRIO(na_set32, 0x40046e02, "include/uapi/linux/nr.h");
NRIO(nr_h64, 0x40106e03, "include/uapi/linux/nr.h");
NRIO(nr_h32, 0x400c6e03, "include/uapi/linux/nr.h");
#undef NRIO

static struct uabi_compat_item nr_items[] = {
	/* named by no code; NR_SET_A is its 32-bit form, in the same header */
	{ .name = "NR_SET", .native = &nr_set64, .compat = &nr_set32,
	  .verdict = UABI_V_POINTER_WIDTH },
	{ .name = "NR_SET_A", .native = &nr_set32, .compat = &nr_set32,
	  .verdict = UABI_V_IDENTICAL },
	/* the same numbers, another header: not its form */
	{ .name = "NR_OTHER", .native = &nr_other64, .compat = &nr_other32,
	  .verdict = UABI_V_POINTER_WIDTH },
	/* its form is not available to 32-bit callers (na.c) */
	{ .name = "NA_SET", .native = &na_set64, .compat = &na_set32,
	  .verdict = UABI_V_POINTER_WIDTH },
	{ .name = "NA_SET_A", .native = &na_set32, .compat = &na_set32,
	  .verdict = UABI_V_IDENTICAL },
	/* the same two numbers as a handled command */
	{ .name = "NR_ALIAS", .native = &nr_h64, .compat = &nr_h32,
	  .verdict = UABI_V_LAYOUT_DIFFERS },
	{ .name = "NR_HANDLED", .native = &nr_h64, .compat = &nr_h32,
	  .verdict = UABI_V_LAYOUT_DIFFERS },
};

/* test_number_rules' tree: its directory and facts, removed by the
 * teardown, which cmocka runs after a failed assertion too. */
static struct {
	char root[256];
	struct uabi_kio *k;
} nr_dir;

static int nr_setup(void **state)
{
	const char *tmp = getenv("TMPDIR");

	(void)state;
	snprintf(nr_dir.root, sizeof(nr_dir.root), "%s/uabi-report-XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	return mkdtemp(nr_dir.root) ? 0 : -1;
}

static int nr_teardown(void **state)
{
	(void)state;
	uabi_kio__free(nr_dir.k);
	nr_dir.k = NULL;
	return uabi_file__rmtree(nr_dir.root);
}

static void test_number_rules(void **state)
{
	const char *root = nr_dir.root;
	struct uabi_kio *k;
	struct uabi_compat_pair pair = { .native = "x86_64", .compat = "i386", .arch = "x86",
					 .items = nr_items, .nitems = N(nr_items) };
	struct uabi_kfacts kf = { .arches = arches, .narches = N(arches) };
	const struct uabi_report_item *it;
	struct uabi_report r;
	struct uabi_diag d;

	(void)state;
	for (size_t i = 0; i < N(nr_tree); i++)
		test_put_file(root, nr_tree[i][0], nr_tree[i][1]);
	uabi_diag__clear(&d);
	assert_int_equal(uabi_kio__read(root, &nr_dir.k, &d), 0);
	k = nr_dir.k;
	kf.kio = k;
	assert_int_equal(uabi_report__build(&r, &pair, 1, &kf, UABI_FAIL_NOT_HANDLED, &d), 0);
	it = r.pairs[0].items;

	assert_string_equal(it[1].c->name, "NR_SET_A");
	assert_int_equal(it[1].kstatus, UABI_K_NATIVE_OK);
	assert_int_equal(it[0].kstatus, UABI_K_HANDLED);
	assert_string_equal(it[0].note,
			    "its 32-bit number is NR_SET_A's, which include/uapi/linux/nr.h defines "
			    "beside it and the kernel serves: passed through on x86: the compat "
			    "handler falls back to the native handler (nr_compat_ioctl "
			    "(drivers/misc/nr.c:10)); entry point nr_fops (drivers/misc/nr.c:18, "
			    ".compat_ioctl = nr_compat_ioctl); the native code names it in nr_ioctl "
			    "(drivers/misc/nr.c:4)");
	/* another header's command with those numbers is no form of it */
	assert_int_equal(it[2].kstatus, UABI_K_UNKNOWN);
	/* a form 32-bit callers cannot reach: neither can they reach it */
	assert_int_equal(it[4].kstatus, UABI_K_NOT_AVAILABLE);
	assert_int_equal(it[3].kstatus, UABI_K_NOT_AVAILABLE);
	assert_non_null(strstr(it[3].note, "its 32-bit number is NA_SET_A's, which "
					   "include/uapi/linux/nr.h defines beside it and the kernel "
					   "does not offer to 32-bit callers: "));
	/* the same two numbers as a handled command */
	assert_int_equal(it[6].kstatus, UABI_K_HANDLED);
	assert_int_equal(it[5].kstatus, UABI_K_HANDLED);
	assert_non_null(strstr(it[5].note, "the same numbers as NR_HANDLED, which is handled: "));
	assert_ptr_equal(it[5].handler, it[6].handler);
	uabi_report__free(&r);
}

/* Issue 8 item 13: KVM arches of the tree with no pair are listed. */
static void test_unjudged(void **state)
{
	struct uabi_report r;
	struct uabi_diag d;

	(void)state;
	uabi_diag__clear(&d);
	assert_int_equal(uabi_report__build(&r, run_pairs, N(run_pairs), &run_kfacts,
					    UABI_FAIL_NOT_HANDLED, &d), 0);
	assert_int_equal(r.nunjudged, 2);
	assert_string_equal(r.unjudged[0].arch, "loongarch");
	assert_string_equal(r.unjudged[0].outcome,
			    "no uabi profile: not judged (the tree has KVM code for it, "
			    "arch/loongarch/kvm; uabi has no ABI profile for this architecture)");
	assert_string_equal(r.unjudged[1].arch, "riscv");
	assert_string_equal(r.unjudged[1].outcome,
			    "not judged: the tree has KVM code for it (arch/riscv/kvm) but no pair of "
			    "its uabi profiles is in this run");
	uabi_report__free(&r);
}


/* The kernel dispatches numbers: an alias of a dispatched ioctl (same
 * number on both ABIs) is dispatched too, and a compat handler of an
 * identical ioctl stays its handler (KVM_SET_SIGNAL_MASK on 6.1). */
static struct uabi_ioctl pause_io = { .number = 0xae07, .type_field = 0xAE,
				      .decl_file = "include/uapi/linux/kvm.h" };
static struct uabi_ioctl other_io = { .number = 0xae08, .type_field = 0xAE,
				      .decl_file = "include/uapi/linux/kvm.h" };
static struct uabi_ioctl sigmask_io = { .number = 0x4004ae8b, .type_field = 0xAE,
					.decl_file = "include/uapi/linux/kvm.h" };
static struct uabi_compat_item alias_items[] = {
	{ .name = "KVM_SET_SIGNAL_MASK", .native = &sigmask_io, .compat = &sigmask_io,
	  .verdict = UABI_V_IDENTICAL },
	{ .name = "KVM_TRACE_PAUSE", .native = &pause_io, .compat = &pause_io,
	  .verdict = UABI_V_IDENTICAL },
	{ .name = "__KVM_DEPRECATED_MAIN_0x07", .native = &pause_io, .compat = &pause_io,
	  .verdict = UABI_V_IDENTICAL },
	{ .name = "__KVM_DEPRECATED_MAIN_0x08", .native = &other_io, .compat = &other_io,
	  .verdict = UABI_V_IDENTICAL },
};

static void test_aliases_and_identical_handler(void **state)
{
	static const struct uabi_compat_pair one = { .native = "x86_64", .compat = "i386", .arch = "x86",
						     .items = alias_items, .nitems = N(alias_items) };
	static struct uabi_khandled h[] = {
		{ .ioctl = "KVM_SET_SIGNAL_MASK", .label = "KVM_SET_SIGNAL_MASK",
		  .site = { "virt/kvm/kvm_main.c", 4303, "kvm_vcpu_compat_ioctl" } },
	};
	static const char *disp[] = { "KVM_SET_SIGNAL_MASK", "KVM_TRACE_PAUSE" };
	struct uabi_kfacts_arch x86 = { .arch = "x86", .kvm_compat = true, .handled = h, .nhandled = 1,
					.dispatched = disp, .ndispatched = N(disp) };
	struct uabi_kfacts k = { .arches = &x86, .narches = 1 };
	struct uabi_report r;
	struct uabi_diag d;

	(void)state;
	uabi_diag__clear(&d);
	assert_int_equal(uabi_report__build(&r, &one, 1, &k, UABI_FAIL_NOT_HANDLED, &d), 0);
	assert_int_equal(r.pairs[0].items[0].kstatus, UABI_K_NATIVE_OK);
	assert_ptr_equal(r.pairs[0].items[0].handler, &h[0]);
	assert_string_equal(r.pairs[0].items[0].note,
			    "same layout; kvm_vcpu_compat_ioctl also takes it (virt/kvm/kvm_main.c:4303)");
	assert_int_equal(r.pairs[0].items[1].kstatus, UABI_K_NATIVE_OK);
	assert_null(r.pairs[0].items[1].handler);
	/* 0xae07 is KVM_TRACE_PAUSE's number: dispatched under that name */
	assert_int_equal(r.pairs[0].items[2].kstatus, UABI_K_NATIVE_OK);
	/* 0xae08 is nobody's */
	assert_int_equal(r.pairs[0].items[3].kstatus, UABI_K_NOT_DISPATCHED);
	uabi_report__free(&r);
}

/* A multi-header run: per ABI the headers judged and skipped and the
 * ioctls of its dump; the skipped headers by (header, reason), a header's
 * reasons in the order of their first ABI; each pair's ioctls by header,
 * the one without a decl_file last. */
static void test_header_coverage(void **state)
{
	static const uint32_t want_ioctls[] = { 5, 5, 5, 5 }, want_applicable[] = { 5, 5, 5, 4 };
	static const char *want_abis[] = { "x86_64", "i386", "aarch64", "arm" };
	struct uabi_report r;
	const struct uabi_header_coverage *h;

	(void)state;
	mf_build(&r);
	h = &r.hcov;
	assert_true(h->shown);
	assert_int_equal(h->nabis, 4);
	for (uint32_t i = 0; i < 4; i++) {
		assert_string_equal(h->abis[i].profile, want_abis[i]);
		assert_int_equal(h->abis[i].judged, 2);
		assert_int_equal(h->abis[i].skipped, 2);
		assert_int_equal(h->abis[i].ioctls, want_ioctls[i]);
		assert_int_equal(h->abis[i].applicable, want_applicable[i]);
	}
	assert_int_equal(h->nskipped, 3);
	/* MF_CODA_B sorts before MF_CODA_A, but x86_64 (first ABI) has A */
	assert_string_equal(h->skipped[0].header, "linux/coda.h");
	assert_string_equal(h->skipped[0].reason, MF_CODA_A);
	assert_int_equal(h->skipped[0].nabis, 3);
	assert_string_equal(h->skipped[0].abis[0], "x86_64");
	assert_string_equal(h->skipped[0].abis[1], "i386");
	assert_string_equal(h->skipped[0].abis[2], "aarch64");
	assert_string_equal(h->skipped[1].header, "linux/coda.h");
	assert_string_equal(h->skipped[1].reason, MF_CODA_B);
	assert_int_equal(h->skipped[1].nabis, 1);
	assert_string_equal(h->skipped[1].abis[0], "arm");
	assert_string_equal(h->skipped[2].header, "linux/input.h");
	assert_int_equal(h->skipped[2].nabis, 4);
	for (uint32_t i = 0; i < 4; i++)
		assert_string_equal(h->skipped[2].abis[i], want_abis[i]);

	/* x86_64 -> i386: drm.h (GEM_CLOSE, ADDFB2), fs.h (FIEMAP, GETFLAGS), none (X_NO_FILE) */
	assert_int_equal(r.pairs[0].ngroups, 3);
	assert_string_equal(r.pairs[0].groups[0].file, MF_DRM);
	assert_int_equal(r.pairs[0].groups[0].nitems, 2);
	assert_int_equal(r.pairs[0].groups[0].items[0], 0);
	assert_int_equal(r.pairs[0].groups[0].items[1], 1);
	assert_int_equal(r.pairs[0].groups[0].counts[UABI_V_IDENTICAL], 1);
	assert_int_equal(r.pairs[0].groups[0].counts[UABI_V_NUMBER_DIFFERS], 1);
	assert_string_equal(r.pairs[0].groups[1].file, MF_FS);
	assert_int_equal(r.pairs[0].groups[1].nitems, 2);
	assert_int_equal(r.pairs[0].groups[1].items[0], 2);
	assert_int_equal(r.pairs[0].groups[1].items[1], 3);
	assert_null(r.pairs[0].groups[2].file);
	assert_int_equal(r.pairs[0].groups[2].nitems, 1);
	assert_int_equal(r.pairs[0].groups[2].items[0], 4);
	/* aarch64 -> arm: FIEMAP not applicable, counted in fs.h */
	assert_int_equal(r.pairs[1].ngroups, 3);
	assert_int_equal(r.pairs[1].groups[1].counts[UABI_V_NOT_APPLICABLE], 1);
	assert_int_equal(r.pairs[1].groups[1].counts[UABI_V_NUMBER_DIFFERS], 1);
	assert_int_equal(r.pairs[1].groups[0].counts[UABI_V_IDENTICAL], 2);
	/* X_NO_FILE (_IO) is identical and untyped on both arches: counted
	 * in identical and, of them, in untyped */
	assert_int_equal(r.archs[0].identical, 3);
	assert_int_equal(r.archs[0].untyped, 1);
	assert_int_equal(r.archs[1].untyped, 1);
	assert_int_equal(r.nfailing, 3);
	uabi_report__free(&r);
}

/* One header and nothing skipped (the KVM job): no header coverage. */
static void test_header_coverage_one(void **state)
{
	static const char *one[] = { "linux/kvm.h" };
	static struct uabi_layout n = { .input = { .headers = one, .nheaders = 1 } };
	static struct uabi_layout c = { .input = { .headers = one, .nheaders = 1 } };
	struct uabi_compat_pair p = pairs[0];
	struct uabi_report r;
	struct uabi_diag d;

	(void)state;
	p.n = &n;
	p.c = &c;
	uabi_diag__clear(&d);
	assert_int_equal(uabi_report__build(&r, &p, 1, NULL, UABI_FAIL_NOT_HANDLED, &d), 0);
	assert_false(r.hcov.shown);
	assert_int_equal(r.hcov.nabis, 2);
	assert_int_equal(r.hcov.abis[0].judged, 1);
	assert_int_equal(r.hcov.nskipped, 0);
	/* all five ioctls are in linux/kvm.h; the root is in no group */
	assert_int_equal(r.pairs[0].ngroups, 1);
	assert_int_equal(r.pairs[0].groups[0].nitems, 5);
	uabi_report__free(&r);
	/* one header judged, one skipped: shown */
	{
		static const struct uabi_skipped_header sk[] = { { "linux/fs.h", "why" } };

		c.input.skipped = sk;
		c.input.nskipped = 1;
		assert_int_equal(uabi_report__build(&r, &p, 1, NULL, UABI_FAIL_NOT_HANDLED, &d), 0);
		assert_true(r.hcov.shown);
		assert_int_equal(r.hcov.nskipped, 1);
		assert_int_equal(r.hcov.skipped[0].nabis, 1);
		assert_string_equal(r.hcov.skipped[0].abis[0], "i386");
		uabi_report__free(&r);
		c.input.skipped = NULL;
		c.input.nskipped = 0;
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_placement),
		cmocka_unit_test(test_summary),
		cmocka_unit_test(test_summary_distinct),
		cmocka_unit_test(test_no_kernel_tree),
		cmocka_unit_test(test_fail_on_levels),
		cmocka_unit_test(test_suppress),
		cmocka_unit_test(test_fails_rule),
		cmocka_unit_test(test_suppress_counts),
		cmocka_unit_test(test_unused_members),
		cmocka_unit_test(test_not_kvm),
		cmocka_unit_test(test_unjudged),
		cmocka_unit_test(test_aliases_and_identical_handler),
		cmocka_unit_test_setup_teardown(test_number_rules, nr_setup, nr_teardown),
		cmocka_unit_test(test_header_coverage),
		cmocka_unit_test(test_header_coverage_one),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
