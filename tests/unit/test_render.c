// SPDX-License-Identifier: MIT
/*
 * Report writers (render/): a report built by hand in memory, as
 * uabi_report__build() would leave it for three compat pairs:
 *   x86_64 -> i386    (x86, KVM_COMPAT=y): a handled and a not-handled
 *                     ioctl, a not-applicable one, an identical one, and
 *                     struct kvm_run that differs (untranslatable);
 *   aarch64 -> arm    (arm64, KVM_COMPAT=n): every item no-kvm-compat;
 *   ppc64 -> ppc32    (powerpc, no facts read): kernel status unknown.
 * Exact text for text and markdown, parsed structure for json and sarif,
 * escaping, self-containment and one cell per item for html, identical
 * bytes on a second run for all. The json rendering is the checked-in
 * schemas/examples/report.json (UABI_UPDATE=1 rewrites it), and the html
 * one is written to the build directory for tests/render/html-screenshot.sh.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "jsontest.h"
#include <jansson.h>

#include "compare/report.h"
#include "render/jsonw.h"
#include "render/render.h"

#include "multifix.h"

/* ---- the fixture --------------------------------------------------------- */

#define KVM_H "include/uapi/linux/kvm.h"

static const struct uabi_ioctl io_init_na = {
	.name = "KVM_ARM_VCPU_INIT", .macro = "_IOW", .arg_type = "struct kvm_vcpu_init",
	.applicable = false, .reason = "unknown type name 'struct kvm_vcpu_init'",
	.number = 0x4020aeae, .dir = UABI_DIR_WRITE, .type_field = 0xae, .nr = 0xae, .size = 32,
	.type = UABI_NO_TYPE, .decl_file = KVM_H, .decl_line = 1539,
};
static const struct uabi_ioctl io_init = {
	.name = "KVM_ARM_VCPU_INIT", .macro = "_IOW", .arg_type = "struct kvm_vcpu_init",
	.applicable = true, .number = 0x4020aeae, .dir = UABI_DIR_WRITE, .type_field = 0xae,
	.nr = 0xae, .size = 32, .type = 7, .decl_file = KVM_H, .decl_line = 1539,
};
static const struct uabi_ioctl io_check = {
	.name = "KVM_CHECK_EXTENSION", .macro = "_IO", .applicable = true, .number = 0xae03,
	.type_field = 0xae, .nr = 0x03, .type = UABI_NO_TYPE, .decl_file = KVM_H,
	.decl_line = 910,
};
static const struct uabi_ioctl io_dirty = {
	.name = "KVM_GET_DIRTY_LOG", .macro = "_IOW", .arg_type = "struct kvm_dirty_log",
	.applicable = true, .number = 0x4010ae42, .dir = UABI_DIR_WRITE, .type_field = 0xae,
	.nr = 0x42, .size = 16, .type = 3, .decl_file = KVM_H, .decl_line = 1461,
};
static const struct uabi_ioctl io_enc64 = {
	.name = "KVM_MEMORY_ENCRYPT_OP", .macro = "_IOWR", .arg_type = "unsigned long",
	.applicable = true, .number = 0xc008aeba, .dir = UABI_DIR_RW, .type_field = 0xae,
	.nr = 0xba, .size = 8, .type = 2, .decl_file = KVM_H, .decl_line = 1626,
};
static const struct uabi_ioctl io_enc32 = {
	.name = "KVM_MEMORY_ENCRYPT_OP", .macro = "_IOWR", .arg_type = "unsigned long",
	.applicable = true, .number = 0xc004aeba, .dir = UABI_DIR_RW, .type_field = 0xae,
	.nr = 0xba, .size = 4, .type = 2, .decl_file = KVM_H, .decl_line = 1626,
};

static struct uabi_finding f_dirty[] = {
	{ UABI_F_POINTER, "dirty_bitmap", 8, 4, KVM_H, 557, 8, 8 },
};
static struct uabi_finding f_enc[] = {
	{ UABI_F_NUMBER, "", 0xc008aeba, 0xc004aeba, NULL, 0, UABI_NO_OFFSET, UABI_NO_OFFSET },
	{ UABI_F_IOC_SIZE, "", 8, 4, NULL, 0, UABI_NO_OFFSET, UABI_NO_OFFSET },
	{ UABI_F_LONG, "", 8, 4, NULL, 0, 0, 0 },
};
static struct uabi_finding f_run[] = {
	{ UABI_F_SIZE, "", 2352, 2336, KVM_H, 268, 0, 0 },
	{ UABI_F_OFFSET, "kvm_valid_regs", 288, 280, KVM_H, 505, 288, 280 },
	{ UABI_F_POINTER, "s.regs.padding", 8, 4, KVM_H, 511, 304, 296 },
};

static const struct uabi_khandled h_dirty = {
	.ioctl = "KVM_GET_DIRTY_LOG", .label = "KVM_GET_DIRTY_LOG",
	.site = { "virt/kvm/kvm_main.c", 4907, "kvm_vm_compat_ioctl" },
};

/* Items with their kernel status, pair by pair. */
#define ITEM(n, v, ni, ci, nt, ct, ns, cs) \
	{ .name = n, .verdict = v, .native = ni, .compat = ci, .native_type = nt, \
	  .compat_type = ct, .native_size = ns, .compat_size = cs }
#define FINDINGS(a) .findings = a, .nfindings = sizeof(a) / sizeof(a[0]), \
	.nfindings_total = sizeof(a) / sizeof(a[0])
#define NT UABI_NO_TYPE

static struct uabi_compat_item x86_items[] = {
	{ .name = "KVM_ARM_VCPU_INIT", .verdict = UABI_V_NOT_APPLICABLE, .native = &io_init_na,
	  .compat = &io_init_na, .native_type = NT, .compat_type = NT,
	  .reason = "struct kvm_vcpu_init is not defined on x86_64 nor on i386" },
	ITEM("KVM_CHECK_EXTENSION", UABI_V_IDENTICAL, &io_check, &io_check, NT, NT, 0, 0),
	{ .name = "KVM_GET_DIRTY_LOG", .verdict = UABI_V_POINTER_WIDTH, .native = &io_dirty,
	  .compat = &io_dirty, .native_type = 3, .compat_type = 3, .native_size = 16,
	  .compat_size = 16, FINDINGS(f_dirty) },
	{ .name = "KVM_MEMORY_ENCRYPT_OP", .verdict = UABI_V_NUMBER_DIFFERS, .native = &io_enc64,
	  .compat = &io_enc32, .native_type = 2, .compat_type = 2, .native_size = 8,
	  .compat_size = 4, FINDINGS(f_enc) },
	{ .name = "struct kvm_run", .is_root = true, .verdict = UABI_V_LAYOUT_DIFFERS,
	  .native_type = 9, .compat_type = 9, .native_size = 2352, .compat_size = 2336,
	  .findings = f_run, .nfindings = 3, .nfindings_total = 5 },
};
static struct uabi_compat_item arm_items[] = {
	ITEM("KVM_ARM_VCPU_INIT", UABI_V_IDENTICAL, &io_init, &io_init, 7, 7, 32, 32),
	ITEM("KVM_CHECK_EXTENSION", UABI_V_IDENTICAL, &io_check, &io_check, NT, NT, 0, 0),
	{ .name = "KVM_GET_DIRTY_LOG", .verdict = UABI_V_POINTER_WIDTH, .native = &io_dirty,
	  .compat = &io_dirty, .native_type = 3, .compat_type = 3, .native_size = 16,
	  .compat_size = 16, FINDINGS(f_dirty) },
	{ .name = "struct kvm_run", .is_root = true, .verdict = UABI_V_IDENTICAL,
	  .native_type = 9, .compat_type = 9, .native_size = 2352, .compat_size = 2352 },
};
static struct uabi_compat_item ppc_items[] = {
	{ .name = "KVM_ARM_VCPU_INIT", .verdict = UABI_V_NOT_APPLICABLE, .native = &io_init_na,
	  .compat = &io_init_na, .native_type = NT, .compat_type = NT,
	  .reason = "struct kvm_vcpu_init is not defined on ppc64 nor on ppc32" },
	ITEM("KVM_CHECK_EXTENSION", UABI_V_IDENTICAL, &io_check, &io_check, NT, NT, 0, 0),
	{ .name = "KVM_GET_DIRTY_LOG", .verdict = UABI_V_POINTER_WIDTH, .native = &io_dirty,
	  .compat = &io_dirty, .native_type = 3, .compat_type = 3, .native_size = 16,
	  .compat_size = 16, FINDINGS(f_dirty) },
};

#define N(a) (uint32_t)(sizeof(a) / sizeof(a[0]))

static struct uabi_compat_pair pairs[3] = {
	{ .native = "x86_64", .compat = "i386", .arch = "x86", .items = x86_items,
	  .nitems = N(x86_items), .counts = { 1, 1, 0, 1, 1 } },
	{ .native = "aarch64", .compat = "arm", .arch = "arm64", .items = arm_items,
	  .nitems = N(arm_items), .counts = { 2, 0, 0, 1, 0 } },
	{ .native = "ppc64", .compat = "ppc32", .arch = "powerpc", .items = ppc_items,
	  .nitems = N(ppc_items), .counts = { 1, 0, 0, 1, 1 } },
};

static struct uabi_report_item x86_ritems[] = {
	{ .c = &x86_items[0], .kstatus = UABI_K_NOT_APPLICABLE, .handler = NULL },
	{ .c = &x86_items[1], .kstatus = UABI_K_NATIVE_OK, .handler = NULL },
	{ .c = &x86_items[2], .kstatus = UABI_K_HANDLED, .handler = &h_dirty },
	{ .c = &x86_items[3], .kstatus = UABI_K_NOT_HANDLED, .handler = NULL },
	{ .c = &x86_items[4], .kstatus = UABI_K_UNTRANSLATABLE, .handler = NULL },
};
static struct uabi_report_item arm_ritems[] = {
	{ .c = &arm_items[0], .kstatus = UABI_K_NO_KVM_COMPAT, .handler = NULL },
	{ .c = &arm_items[1], .kstatus = UABI_K_NO_KVM_COMPAT, .handler = NULL },
	{ .c = &arm_items[2], .kstatus = UABI_K_NO_KVM_COMPAT, .handler = NULL },
	{ .c = &arm_items[3], .kstatus = UABI_K_NO_KVM_COMPAT, .handler = NULL },
};
static struct uabi_report_item ppc_ritems[] = {
	{ .c = &ppc_items[0], .kstatus = UABI_K_NOT_APPLICABLE, .handler = NULL },
	{ .c = &ppc_items[1], .kstatus = UABI_K_UNKNOWN, .handler = NULL },
	{ .c = &ppc_items[2], .kstatus = UABI_K_UNKNOWN, .handler = NULL },
};

static struct uabi_report_pair rpairs[3] = {
	{ .pair = &pairs[0], .items = x86_ritems, .nitems = N(x86_ritems),
	  .kcounts = { [UABI_K_NOT_APPLICABLE] = 1, [UABI_K_NATIVE_OK] = 1, [UABI_K_HANDLED] = 1,
		       [UABI_K_NOT_HANDLED] = 1 } },
	{ .pair = &pairs[1], .items = arm_ritems, .nitems = N(arm_ritems),
	  .kcounts = { [UABI_K_NO_KVM_COMPAT] = 3 } },
	{ .pair = &pairs[2], .items = ppc_ritems, .nitems = N(ppc_ritems),
	  .kcounts = { [UABI_K_UNKNOWN] = 2, [UABI_K_NOT_APPLICABLE] = 1 } },
};

static const char *x86_compat[] = { "i386" };
static const char *arm_compat[] = { "arm" };
static const char *ppc_compat[] = { "ppc32" };

static const char *gap_abis[] = { "i386" };
static struct uabi_arch_gap x86_gaps[] = {
	{ "KVM_MEMORY_ENCRYPT_OP", "i386", gap_abis, 1 },
};

static struct uabi_arch_summary archs[3] = {
	{ .arch = "x86", .native = "x86_64", .compat = x86_compat, .ncompat = 1, .kvm_compat = 1,
	  .outcome = "32-bit VMMs reach KVM; 1 ioctl that needs translation is not handled",
	  .identical = 1, .needs_translation = 2, .handled = 1, .not_handled = 1,
	  .not_applicable = 1, .gaps = x86_gaps, .ngaps = 1 },
	{ .arch = "arm64", .native = "aarch64", .compat = arm_compat, .ncompat = 1, .kvm_compat = 0,
	  .outcome = "KVM_COMPAT=n: a 32-bit process gets -ENODEV when it opens /dev/kvm",
	  .identical = 2, .needs_translation = 1 },
	{ .arch = "powerpc", .native = "ppc64", .compat = ppc_compat, .ncompat = 1, .kvm_compat = -1,
	  .outcome = "no kernel facts for powerpc: whether 32-bit callers are served is unknown",
	  .identical = 1, .needs_translation = 1, .unknown = 1, .not_applicable = 1 },
};

/* where x86 dispatches KVM_MEMORY_ENCRYPT_OP natively: the porting view
 * names the compat handler that sees it first */
static struct uabi_khandled x86_dispatch[] = {
	{ .ioctl = "KVM_MEMORY_ENCRYPT_OP", .label = "KVM_MEMORY_ENCRYPT_OP",
	  .site = { "arch/x86/kvm/x86.c", 6992, "kvm_arch_vm_ioctl" } },
};

static struct uabi_kfacts_arch kfacts_arches[] = {
	{ .arch = "x86", .kvm_compat = true, .handled = (struct uabi_khandled *)&h_dirty, .nhandled = 1,
	  .dispatch = x86_dispatch, .ndispatch = 1 },
	{ .arch = "arm64", .kvm_compat = false },
};

static struct uabi_kfacts kfacts = {
	.kernel_version = "6.1.0",
	.arches = kfacts_arches,
	.narches = 2,
	.kvm_compat_site = { "virt/kvm/Kconfig", 60, NULL },
	.kvm_compat_depends = "KVM && COMPAT && !(S390 || ARM64 || RISCV)",
};

static const char *headers[] = { "linux/kvm.h" };

static const char *covered[] = { "x86_64", "i386", "aarch64", "arm", "ppc64", "ppc32" };
static struct uabi_skip skipped[] = { { "s390", "s390x-linux-gnu-gcc not found" } };

static struct uabi_report report = {
	.tool_version = "0.1.0",
	.input_root = "linux-6.1",
	.kernel_version = "6.1.0",
	.headers = headers,
	.nheaders = 1,
	.kfacts = &kfacts,
	.pairs = rpairs,
	.npairs = 3,
	.archs = archs,
	.narchs = 3,
	.fail_on = UABI_FAIL_NOT_HANDLED,
	.nfailing = 3,
	.coverage = { covered, 6, skipped, 1 },
};

/* ---- helpers ------------------------------------------------------------- */

static char *render(const struct uabi_report *r, enum uabi_format f)
{
	struct uabi_diag d;
	char *s;

	uabi_diag__clear(&d);
	s = uabi_render(r, f, &d);
	if (!s)
		fail_msg("render %s: %s", uabi_format__str(f), d.msg);
	return s;
}

#define assert_golden(got, want, name) assert_golden_in("test_render", got, want, name)

static size_t count(const char *s, const char *needle)
{
	size_t n = 0;

	for (const char *p = s; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* Keys of every object in document order are sorted. */
static void assert_sorted_keys(const char *s)
{
	/* jansson keeps insertion order: re-dumping with JSON_SORT_KEYS and
	 * the same indentation must give the same text */
	json_t *j = parse(s);
	char *again = json_dumps(j, JSON_INDENT(1) | JSON_SORT_KEYS);

	assert_non_null(again);
	assert_int_equal(strncmp(again, s, strlen(again)), 0);
	assert_string_equal(s + strlen(again), "\n");
	free(again);
	json_decref(j);
}

/* ---- text ------------------------------------------------------------------ */

static const char want_text[] =
	"uabi check report\n"
	"\n"
	"Architectures\n"
	"  arch     native   compat ABIs  KVM_COMPAT  identical  untyped  to translate  handled  not handled  unknown  not dispatched  n/a\n"
	"  -------  -------  -----------  ----------  ---------  -------  ------------  -------  -----------  -------  --------------  ---\n"
	"  x86      x86_64   i386         yes                 1        0             2        1            1        0               0    1\n"
	"  arm64    aarch64  arm          no                  2        0             1        0            0        0               0    0\n"
	"  powerpc  ppc64    ppc32        unknown             1        0             1        0            0        1               0    1\n"
	"  Counts are ioctls, each counted once over the arch's compat ABIs: identical (on every ABI\n"
	"  where it is defined; untyped: of them, those whose number names no argument type, _IO, so\n"
	"  identical says nothing of their argument: --arg-types declares it), to translate (on at least\n"
	"  one), n/a (defined on none, or not judged: its header skipped on an ABI). handled, not\n"
	"  handled, unknown and not dispatched split the ioctls to translate by what the kernel does on\n"
	"  their worst ABI; with KVM_COMPAT=n none applies to KVM's. unknown: uabi has no compat handler\n"
	"  facts for it (it reads KVM's handlers only, on the arches the kernel tree has KVM code for;\n"
	"  other subsystems' when the run judges their headers and the tree holds their C sources).\n"
	"\n"
	"  x86: 32-bit VMMs reach KVM; 1 ioctl that needs translation is not handled\n"
	"    compat handler: KVM_GET_DIRTY_LOG in kvm_vm_compat_ioctl (virt/kvm/kvm_main.c:4907)\n"
	"  arm64: KVM_COMPAT=n: a 32-bit process gets -ENODEV when it opens /dev/kvm\n"
	"  powerpc: no kernel facts for powerpc: whether 32-bit callers are served is unknown\n"
	"\n"
	"Compat pairs\n"
	"  pair            arch     identical  untyped  number-differs  layout-differs  pointer-width  not-applicable\n"
	"  --------------  -------  ---------  -------  --------------  --------------  -------------  --------------\n"
	"  x86_64 -> i386  x86              1        0               1               0              1               1\n"
	"  aarch64 -> arm  arm64            2        0               0               0              1               0\n"
	"  ppc64 -> ppc32  powerpc          1        0               0               0              1               1\n"
	"\n"
	"Failing --fail-on=not-handled: 3 items, 3 distinct by header and name\n"
	"  header                    ioctl                  verdict         kernel          fails on\n"
	"  ------------------------  ---------------------  --------------  --------------  --------\n"
	"  include/uapi/linux/kvm.h  KVM_GET_DIRTY_LOG      pointer-width   unknown         ppc32\n"
	"  include/uapi/linux/kvm.h  KVM_MEMORY_ENCRYPT_OP  number-differs  not-handled     i386\n"
	"  (unknown)                 struct kvm_run         layout-differs  untranslatable  i386\n"
	"\n"
	"x86_64 -> i386 (x86)\n"
	"  verdicts: identical 1, number-differs 1, layout-differs 0, pointer-width 1, not-applicable 1\n"
	"  kernel:   not-applicable 1, native-ok 1, handled 1, not-handled 1\n"
	"\n"
	"  ioctl                  verdict         native number  compat number  native size  compat size  kernel\n"
	"  ---------------------  --------------  -------------  -------------  -----------  -----------  --------------\n"
	"  KVM_ARM_VCPU_INIT      not-applicable  -              -                        -            -  not-applicable\n"
	"  KVM_GET_DIRTY_LOG      pointer-width   0x4010ae42     0x4010ae42              16           16  handled\n"
	"  KVM_MEMORY_ENCRYPT_OP  number-differs  0xc008aeba     0xc004aeba               8            4  not-handled\n"
	"\n"
	"  KVM_ARM_VCPU_INIT: not-applicable, kernel not-applicable\n"
	"    declared at include/uapi/linux/kvm.h:1539, argument struct kvm_vcpu_init\n"
	"    reason: struct kvm_vcpu_init is not defined on x86_64 nor on i386\n"
	"\n"
	"  KVM_GET_DIRTY_LOG: pointer-width, kernel handled\n"
	"    declared at include/uapi/linux/kvm.h:1461, argument struct kvm_dirty_log\n"
	"    handled by kvm_vm_compat_ioctl at virt/kvm/kvm_main.c:4907\n"
	"    to do: nothing: kvm_vm_compat_ioctl translates it (virt/kvm/kvm_main.c:4907)\n"
	"    path          kind     x86_64  i386  byte from start  declared at\n"
	"    ------------  -------  ------  ----  ---------------  ----------------------------\n"
	"    dirty_bitmap  pointer       8     4  8                include/uapi/linux/kvm.h:557\n"
	"\n"
	"  KVM_MEMORY_ENCRYPT_OP: number-differs, kernel not-handled\n"
	"    declared at include/uapi/linux/kvm.h:1626, argument unsigned long\n"
	"    to do: add a case to kvm_arch_vm_compat_ioctl that translates it (the native ioctl is dispatched by kvm_arch_vm_ioctl at arch/x86/kvm/x86.c:6992)\n"
	"    path     kind          x86_64        i386  byte from start  declared at\n"
	"    -------  --------  ----------  ----------  ---------------  -----------\n"
	"    (ioctl)  number    0xc008aeba  0xc004aeba  -                -\n"
	"    (ioctl)  ioc-size           8           4  -                -\n"
	"    (type)   long               8           4  0                -\n"
	"\n"
	"  roots\n"
	"  root            verdict         native size  compat size  kernel\n"
	"  --------------  --------------  -----------  -----------  --------------\n"
	"  struct kvm_run  layout-differs         2352         2336  untranslatable\n"
	"\n"
	"  struct kvm_run: layout-differs, kernel untranslatable\n"
	"    to do: mmap'd: no compat handler can translate it; only a layout that is the same on every ABI fixes it (fixed-width members, explicit padding)\n"
	"    path            kind     x86_64  i386  byte from start  declared at\n"
	"    --------------  -------  ------  ----  ---------------  ----------------------------\n"
	"    (type)          size       2352  2336  0                include/uapi/linux/kvm.h:268\n"
	"    kvm_valid_regs  offset      288   280  288 vs 280       include/uapi/linux/kvm.h:505\n"
	"    s.regs.padding  pointer       8     4  304 vs 296       include/uapi/linux/kvm.h:511\n"
	"    ... 2 more findings not kept\n"
	"\n"
	"aarch64 -> arm (arm64)\n"
	"  verdicts: identical 2, number-differs 0, layout-differs 0, pointer-width 1, not-applicable 0\n"
	"  kernel:   no-kvm-compat 3\n"
	"\n"
	"  ioctl              verdict        native number  compat number  native size  compat size  kernel\n"
	"  -----------------  -------------  -------------  -------------  -----------  -----------  -------------\n"
	"  KVM_GET_DIRTY_LOG  pointer-width  0x4010ae42     0x4010ae42              16           16  no-kvm-compat\n"
	"\n"
	"  KVM_GET_DIRTY_LOG: pointer-width, kernel no-kvm-compat\n"
	"    declared at include/uapi/linux/kvm.h:1461, argument struct kvm_dirty_log\n"
	"    path          kind     aarch64  arm  byte from start  declared at\n"
	"    ------------  -------  -------  ---  ---------------  ----------------------------\n"
	"    dirty_bitmap  pointer        8    4  8                include/uapi/linux/kvm.h:557\n"
	"\n"
	"  roots\n"
	"  root            verdict    native size  compat size  kernel\n"
	"  --------------  ---------  -----------  -----------  -------------\n"
	"  struct kvm_run  identical         2352         2352  no-kvm-compat\n"
	"\n"
	"ppc64 -> ppc32 (powerpc)\n"
	"  verdicts: identical 1, number-differs 0, layout-differs 0, pointer-width 1, not-applicable 1\n"
	"  kernel:   unknown 2, not-applicable 1\n"
	"\n"
	"  ioctl              verdict         native number  compat number  native size  compat size  kernel\n"
	"  -----------------  --------------  -------------  -------------  -----------  -----------  --------------\n"
	"  KVM_ARM_VCPU_INIT  not-applicable  -              -                        -            -  not-applicable\n"
	"  KVM_GET_DIRTY_LOG  pointer-width   0x4010ae42     0x4010ae42              16           16  unknown\n"
	"\n"
	"  KVM_ARM_VCPU_INIT: not-applicable, kernel not-applicable\n"
	"    declared at include/uapi/linux/kvm.h:1539, argument struct kvm_vcpu_init\n"
	"    reason: struct kvm_vcpu_init is not defined on ppc64 nor on ppc32\n"
	"\n"
	"  KVM_GET_DIRTY_LOG: pointer-width, kernel unknown\n"
	"    declared at include/uapi/linux/kvm.h:1461, argument struct kvm_dirty_log\n"
	"    to do: needs translation; whether a compat handler translates it is unknown without --kernel-tree\n"
	"    path          kind     ppc64  ppc32  byte from start  declared at\n"
	"    ------------  -------  -----  -----  ---------------  ----------------------------\n"
	"    dirty_bitmap  pointer      8      4  8                include/uapi/linux/kvm.h:557\n"
	"\n"
	"Input\n"
	"  root:        linux-6.1\n"
	"  headers:     linux/kvm.h\n"
	"  kernel:      6.1.0\n"
	"  kernel tree: virt/kvm/Kconfig:60: KVM_COMPAT depends on KVM && COMPAT && !(S390 || ARM64 || RISCV)\n"
	"  ABIs:        6 judged: x86_64, i386, aarch64, arm, ppc64, ppc32\n"
	"  skipped:     s390: s390x-linux-gnu-gcc not found\n"
	"  tool:        uabi 0.1.0\n"
	"  fail-on:     not-handled: 3 failing items\n";

static void test_text(void **state)
{
	char *s = render(&report, UABI_FMT_TEXT);

	assert_golden(s, want_text, "text");
	free(s);
}

/* ---- markdown -------------------------------------------------------------- */

static const char want_markdown[] =
	"# uabi check report\n"
	"\n"
	"## Architecture summary\n"
	"\n"
	"| arch      | native    | compat ABIs | KVM_COMPAT | identical | untyped | to translate | handled | not handled | unknown | not dispatched | n/a |\n"
	"| --------- | --------- | ----------- | ---------- | --------: | ------: | -----------: | ------: | ----------: | ------: | -------------: | --: |\n"
	"| `x86`     | `x86_64`  | `i386`      | yes        |         1 |       0 |            2 |       1 |       **1** |       0 |              0 |   1 |\n"
	"| `arm64`   | `aarch64` | `arm`       | no         |         2 |       0 |            1 |       0 |           0 |       0 |              0 |   0 |\n"
	"| `powerpc` | `ppc64`   | `ppc32`     | unknown    |         1 |       0 |            1 |       0 |           0 |       1 |              0 |   1 |\n"
	"\n"
	"Counts are ioctls, each counted once over the arch's compat ABIs: identical (on every ABI where it is defined; untyped: of them, those whose number names no argument type, _IO, so identical says nothing of their argument: --arg-types declares it), to translate (on at least one), n/a (defined on none, or not judged: its header skipped on an ABI). handled, not handled, unknown and not dispatched split the ioctls to translate by what the kernel does on their worst ABI; with KVM_COMPAT=n none applies to KVM's. unknown: uabi has no compat handler facts for it (it reads KVM's handlers only, on the arches the kernel tree has KVM code for; other subsystems' when the run judges their headers and the tree holds their C sources).\n"
	"\n"
	"- **x86**: 32-bit VMMs reach KVM; 1 ioctl that needs translation is not handled\n"
	"- **arm64**: KVM_COMPAT=n: a 32-bit process gets -ENODEV when it opens /dev/kvm\n"
	"- **powerpc**: no kernel facts for powerpc: whether 32-bit callers are served is unknown\n"
	"\n"
	"## Compat pairs\n"
	"\n"
	"| pair              | arch      | identical | untyped | number-differs | layout-differs | pointer-width | not-applicable |\n"
	"| ----------------- | --------- | --------: | ------: | -------------: | -------------: | ------------: | -------------: |\n"
	"| `x86_64` → `i386` | `x86`     |         1 |       0 |              1 |              0 |             1 |              1 |\n"
	"| `aarch64` → `arm` | `arm64`   |         2 |       0 |              0 |              0 |             1 |              0 |\n"
	"| `ppc64` → `ppc32` | `powerpc` |         1 |       0 |              0 |              0 |             1 |              1 |\n"
	"\n"
	"## Failing `--fail-on=not-handled`\n"
	"\n"
	"3 items, 3 distinct by header and name.\n"
	"\n"
	"| header                     | ioctl                   | verdict        | kernel         | fails on |\n"
	"| -------------------------- | ----------------------- | -------------- | -------------- | -------- |\n"
	"| `include/uapi/linux/kvm.h` | `KVM_GET_DIRTY_LOG`     | pointer-width  | unknown        | ppc32    |\n"
	"| `include/uapi/linux/kvm.h` | `KVM_MEMORY_ENCRYPT_OP` | number-differs | not-handled    | i386     |\n"
	"| `(unknown)`                | `struct kvm_run`        | layout-differs | untranslatable | i386     |\n"
	"\n"
	"## x86 (x86_64, KVM_COMPAT yes)\n"
	"\n"
	"> 32-bit VMMs reach KVM; 1 ioctl that needs translation is not handled\n"
	"\n"
	"Compat handlers:\n"
	"\n"
	"- `KVM_GET_DIRTY_LOG` in `kvm_vm_compat_ioctl` (`virt/kvm/kvm_main.c:4907`)\n"
	"\n"
	"### x86_64 → i386\n"
	"\n"
	"- verdicts: identical 1, number-differs 1, layout-differs 0, pointer-width 1, not-applicable 1\n"
	"- kernel: not-applicable 1, native-ok 1, handled 1, not-handled 1\n"
	"\n"
	"| ioctl                   | verdict        | native number | compat number | native size | compat size | kernel          |\n"
	"| ----------------------- | -------------- | ------------- | ------------- | ----------: | ----------: | --------------- |\n"
	"| `KVM_ARM_VCPU_INIT`     | not-applicable | -             | -             |           - |           - | not-applicable  |\n"
	"| `KVM_GET_DIRTY_LOG`     | pointer-width  | 0x4010ae42    | 0x4010ae42    |          16 |          16 | handled         |\n"
	"| `KVM_MEMORY_ENCRYPT_OP` | number-differs | 0xc008aeba    | 0xc004aeba    |           8 |           4 | **not-handled** |\n"
	"\n"
	"#### `KVM_ARM_VCPU_INIT`\n"
	"\n"
	"- verdict: not-applicable; kernel: not-applicable\n"
	"- declared at `include/uapi/linux/kvm.h:1539`, argument `struct kvm_vcpu_init`\n"
	"- reason: struct kvm_vcpu_init is not defined on x86_64 nor on i386\n"
	"\n"
	"#### `KVM_GET_DIRTY_LOG`\n"
	"\n"
	"- verdict: pointer-width; kernel: handled by `kvm_vm_compat_ioctl` at `virt/kvm/kvm_main.c:4907`\n"
	"- declared at `include/uapi/linux/kvm.h:1461`, argument `struct kvm_dirty_log`\n"
	"- to do: nothing: kvm_vm_compat_ioctl translates it (virt/kvm/kvm_main.c:4907)\n"
	"\n"
	"| member         | kind    | x86_64 | i386 | byte from start | declared at                    |\n"
	"| -------------- | ------- | -----: | ---: | --------------- | ------------------------------ |\n"
	"| `dirty_bitmap` | pointer |      8 |    4 | 8               | `include/uapi/linux/kvm.h:557` |\n"
	"\n"
	"#### `KVM_MEMORY_ENCRYPT_OP`\n"
	"\n"
	"- verdict: number-differs; kernel: not-handled\n"
	"- declared at `include/uapi/linux/kvm.h:1626`, argument `unsigned long`\n"
	"- to do: add a case to kvm_arch_vm_compat_ioctl that translates it (the native ioctl is dispatched by kvm_arch_vm_ioctl at arch/x86/kvm/x86.c:6992)\n"
	"\n"
	"| member    | kind     |     x86_64 |       i386 | byte from start | declared at |\n"
	"| --------- | -------- | ---------: | ---------: | --------------- | ----------- |\n"
	"| `(ioctl)` | number   | 0xc008aeba | 0xc004aeba | -               | -           |\n"
	"| `(ioctl)` | ioc-size |          8 |          4 | -               | -           |\n"
	"| `(type)`  | long     |          8 |          4 | 0               | -           |\n"
	"\n"
	"#### Roots (x86_64 → i386)\n"
	"\n"
	"| root             | verdict        | native size | compat size | kernel         |\n"
	"| ---------------- | -------------- | ----------: | ----------: | -------------- |\n"
	"| `struct kvm_run` | layout-differs |        2352 |        2336 | untranslatable |\n"
	"\n"
	"#### `struct kvm_run`\n"
	"\n"
	"- verdict: layout-differs; kernel: untranslatable\n"
	"- to do: mmap'd: no compat handler can translate it; only a layout that is the same on every ABI fixes it (fixed-width members, explicit padding)\n"
	"\n"
	"| member           | kind    | x86_64 | i386 | byte from start | declared at                    |\n"
	"| ---------------- | ------- | -----: | ---: | --------------- | ------------------------------ |\n"
	"| `(type)`         | size    |   2352 | 2336 | 0               | `include/uapi/linux/kvm.h:268` |\n"
	"| `kvm_valid_regs` | offset  |    288 |  280 | 288 vs 280      | `include/uapi/linux/kvm.h:505` |\n"
	"| `s.regs.padding` | pointer |      8 |    4 | 304 vs 296      | `include/uapi/linux/kvm.h:511` |\n"
	"\n"
	"2 more findings not kept.\n"
	"\n"
	"## arm64 (aarch64, KVM_COMPAT no)\n"
	"\n"
	"> KVM_COMPAT=n: a 32-bit process gets -ENODEV when it opens /dev/kvm\n"
	"\n"
	"### aarch64 → arm\n"
	"\n"
	"- verdicts: identical 2, number-differs 0, layout-differs 0, pointer-width 1, not-applicable 0\n"
	"- kernel: no-kvm-compat 3\n"
	"\n"
	"| ioctl               | verdict       | native number | compat number | native size | compat size | kernel        |\n"
	"| ------------------- | ------------- | ------------- | ------------- | ----------: | ----------: | ------------- |\n"
	"| `KVM_GET_DIRTY_LOG` | pointer-width | 0x4010ae42    | 0x4010ae42    |          16 |          16 | no-kvm-compat |\n"
	"\n"
	"#### `KVM_GET_DIRTY_LOG`\n"
	"\n"
	"- verdict: pointer-width; kernel: no-kvm-compat\n"
	"- declared at `include/uapi/linux/kvm.h:1461`, argument `struct kvm_dirty_log`\n"
	"\n"
	"| member         | kind    | aarch64 | arm | byte from start | declared at                    |\n"
	"| -------------- | ------- | ------: | --: | --------------- | ------------------------------ |\n"
	"| `dirty_bitmap` | pointer |       8 |   4 | 8               | `include/uapi/linux/kvm.h:557` |\n"
	"\n"
	"#### Roots (aarch64 → arm)\n"
	"\n"
	"| root             | verdict   | native size | compat size | kernel        |\n"
	"| ---------------- | --------- | ----------: | ----------: | ------------- |\n"
	"| `struct kvm_run` | identical |        2352 |        2352 | no-kvm-compat |\n"
	"\n"
	"## powerpc (ppc64, KVM_COMPAT unknown)\n"
	"\n"
	"> no kernel facts for powerpc: whether 32-bit callers are served is unknown\n"
	"\n"
	"### ppc64 → ppc32\n"
	"\n"
	"- verdicts: identical 1, number-differs 0, layout-differs 0, pointer-width 1, not-applicable 1\n"
	"- kernel: unknown 2, not-applicable 1\n"
	"\n"
	"| ioctl               | verdict        | native number | compat number | native size | compat size | kernel         |\n"
	"| ------------------- | -------------- | ------------- | ------------- | ----------: | ----------: | -------------- |\n"
	"| `KVM_ARM_VCPU_INIT` | not-applicable | -             | -             |           - |           - | not-applicable |\n"
	"| `KVM_GET_DIRTY_LOG` | pointer-width  | 0x4010ae42    | 0x4010ae42    |          16 |          16 | unknown        |\n"
	"\n"
	"#### `KVM_ARM_VCPU_INIT`\n"
	"\n"
	"- verdict: not-applicable; kernel: not-applicable\n"
	"- declared at `include/uapi/linux/kvm.h:1539`, argument `struct kvm_vcpu_init`\n"
	"- reason: struct kvm_vcpu_init is not defined on ppc64 nor on ppc32\n"
	"\n"
	"#### `KVM_GET_DIRTY_LOG`\n"
	"\n"
	"- verdict: pointer-width; kernel: unknown\n"
	"- declared at `include/uapi/linux/kvm.h:1461`, argument `struct kvm_dirty_log`\n"
	"- to do: needs translation; whether a compat handler translates it is unknown without --kernel-tree\n"
	"\n"
	"| member         | kind    | ppc64 | ppc32 | byte from start | declared at                    |\n"
	"| -------------- | ------- | ----: | ----: | --------------- | ------------------------------ |\n"
	"| `dirty_bitmap` | pointer |     8 |     4 | 8               | `include/uapi/linux/kvm.h:557` |\n"
	"\n"
	"## Input\n"
	"\n"
	"- root: `linux-6.1`\n"
	"- headers: `linux/kvm.h`\n"
	"- kernel: 6.1.0\n"
	"- kernel tree: `KVM_COMPAT` at `virt/kvm/Kconfig:60`, depends on `KVM && COMPAT && !(S390 || ARM64 || RISCV)`\n"
	"- ABIs: 6 judged: `x86_64`, `i386`, `aarch64`, `arm`, `ppc64`, `ppc32`\n"
	"- skipped:\n"
	"  - `s390`: s390x-linux-gnu-gcc not found\n"
	"- tool: uabi 0.1.0\n"
	"- fail-on: not-handled, 3 failing items\n";

static void test_markdown(void **state)
{
	char *s = render(&report, UABI_FMT_MARKDOWN);

	assert_golden(s, want_markdown, "markdown");
	free(s);
}

/* Free text is escaped, identifiers sit in code spans; a '|' inside a
 * table cell is escaped, in prose it is not. */
static void test_markdown_escaping(void **state)
{
	const char *reason = x86_items[0].reason, *outcome = archs[0].outcome;
	const char *path = f_dirty[0].path;
	char *s;

	x86_items[0].reason = "a|b _c_ <d> *e* [f](g) snake_case";
	archs[0].outcome = "`x` & #y";
	f_dirty[0].path = "u.a|b";
	s = render(&report, UABI_FMT_MARKDOWN);
	x86_items[0].reason = reason;
	archs[0].outcome = outcome;
	f_dirty[0].path = path;
	assert_non_null(strstr(s, "- reason: a\\|b \\_c\\_ \\<d\\> \\*e\\* \\[f\\](g) snake_case\n"));
	assert_non_null(strstr(s, "- **x86**: \\`x\\` \\& \\#y\n"));
	assert_non_null(strstr(s, "| `u.a\\|b` | pointer |"));
	free(s);
}

/* ---- json ------------------------------------------------------------------ */

static void test_json(void **state)
{
	char *s = render(&report, UABI_FMT_JSON);
	json_t *j = parse(s), *it;

	assert_sorted_keys(s);
	assert_int_equal(int_at(j, "schema_version"), 1);
	assert_string_equal(str_at(j, "tool.name"), "uabi");
	assert_string_equal(str_at(j, "tool.version"), "0.1.0");
	assert_string_equal(str_at(j, "input.root"), "linux-6.1");
	assert_string_equal(str_at(j, "input.headers.0"), "linux/kvm.h");
	assert_string_equal(str_at(j, "fail_on"), "not-handled");
	assert_int_equal(int_at(j, "failing"), 3);
	assert_string_equal(str_at(j, "kernel_tree.kvm_compat.file"), "virt/kvm/Kconfig");

	/* the architecture summary */
	assert_int_equal(json_array_size(at(j, "archs")), 3);
	assert_string_equal(str_at(j, "archs.0.kvm_compat"), "yes");
	assert_string_equal(str_at(j, "archs.1.kvm_compat"), "no");
	assert_string_equal(str_at(j, "archs.2.kvm_compat"), "unknown");
	assert_int_equal(int_at(j, "archs.0.counts.not_handled"), 1);
	assert_string_equal(str_at(j, "archs.1.compat.0"), "arm");

	/* pairs, every item, the stable field names */
	assert_int_equal(json_array_size(at(j, "pairs")), 3);
	assert_string_equal(str_at(j, "pairs.0.native"), "x86_64");
	assert_string_equal(str_at(j, "pairs.0.compat"), "i386");
	assert_int_equal(json_array_size(at(j, "pairs.0.ioctls")), 4);
	assert_int_equal(json_array_size(at(j, "pairs.0.roots")), 1);
	assert_int_equal(json_array_size(at(j, "pairs.1.roots")), 1);
	assert_int_equal(json_array_size(at(j, "pairs.2.roots")), 0);
	assert_int_equal(int_at(j, "pairs.0.counts.verdict.number-differs"), 1);
	assert_int_equal(int_at(j, "pairs.0.counts.kernel.not-handled"), 1);
	assert_int_equal(int_at(j, "pairs.1.counts.kernel.no-kvm-compat"), 3);

	it = at(j, "pairs.0.ioctls.2");
	assert_string_equal(str_at(it, "name"), "KVM_GET_DIRTY_LOG");
	assert_string_equal(str_at(it, "verdict"), "pointer-width");
	assert_int_equal(int_at(it, "native.number"), 0x4010ae42);
	assert_string_equal(str_at(it, "compat.number_hex"), "0x4010ae42");
	assert_int_equal(int_at(it, "native.size"), 16);
	assert_string_equal(str_at(it, "kernel.status"), "handled");
	assert_string_equal(str_at(it, "kernel.handler.function"), "kvm_vm_compat_ioctl");
	assert_string_equal(str_at(it, "kernel.handler.file"), "virt/kvm/kvm_main.c");
	assert_int_equal(int_at(it, "kernel.handler.line"), 4907);
	assert_string_equal(str_at(it, "findings.0.path"), "dirty_bitmap");
	assert_string_equal(str_at(it, "findings.0.kind"), "pointer");
	assert_int_equal(int_at(it, "findings.0.native"), 8);
	assert_int_equal(int_at(it, "findings.0.compat"), 4);
	assert_int_equal(int_at(it, "findings.0.line"), 557);

	it = at(j, "pairs.0.ioctls.3");
	assert_string_equal(str_at(it, "name"), "KVM_MEMORY_ENCRYPT_OP");
	assert_int_equal(int_at(it, "native.number"), 0xc008aeba);
	assert_int_equal(int_at(it, "compat.number"), 0xc004aeba);
	assert_int_equal(int_at(it, "compat.size"), 4);
	assert_string_equal(str_at(it, "kernel.status"), "not-handled");
	assert_true(json_is_null(at(it, "kernel.handler")));
	assert_true(json_is_null(at(it, "findings.0.file")));

	it = at(j, "pairs.0.roots.0");
	assert_string_equal(str_at(it, "name"), "struct kvm_run");
	assert_string_equal(str_at(it, "kernel.status"), "untranslatable");
	assert_int_equal(int_at(it, "findings_total"), 5);
	assert_int_equal(json_array_size(at(it, "findings")), 3);
	assert_string_equal(str_at(j, "pairs.0.ioctls.0.reason"),
			    "struct kvm_vcpu_init is not defined on x86_64 nor on i386");
	json_decref(j);

	/* the checked-in example is this rendering */
	assert_example_in("test_render", s, "schemas/examples/report.json");
	free(s);
}

/* ---- sarif ----------------------------------------------------------------- */

static void test_sarif(void **state)
{
	static const char *const rules[] = { "identical", "number-differs", "layout-differs",
					     "pointer-width", "not-applicable", "not-handled" };
	char *s = render(&report, UABI_FMT_SARIF);
	json_t *j = parse(s), *run, *res, *r;

	assert_sorted_keys(s);
	assert_string_equal(str_at(j, "version"), "2.1.0");
	assert_string_equal(str_at(j, "$schema"), "https://json.schemastore.org/sarif-2.1.0.json");
	assert_int_equal(json_array_size(at(j, "runs")), 1);
	run = at(j, "runs.0");
	assert_string_equal(str_at(run, "tool.driver.name"), "uabi");
	assert_int_equal(json_array_size(at(run, "tool.driver.rules")), 6);
	for (size_t i = 0; i < 6; i++) {
		char p[64];

		snprintf(p, sizeof(p), "tool.driver.rules.%zu.id", i);
		assert_string_equal(str_at(run, p), rules[i]);
	}

	/* non-identical applicable items: 3 of x86_64->i386, 1 each of the others */
	res = at(run, "results");
	assert_int_equal(json_array_size(res), 5);

	r = at(res, "0");	/* KVM_GET_DIRTY_LOG, handled */
	assert_string_equal(str_at(r, "ruleId"), "pointer-width");
	assert_int_equal(int_at(r, "ruleIndex"), 3);
	assert_string_equal(str_at(r, "level"), "warning");
	assert_string_equal(str_at(r, "locations.0.physicalLocation.artifactLocation.uri"), KVM_H);
	assert_int_equal(int_at(r, "locations.0.physicalLocation.region.startLine"), 1461);
	assert_string_equal(str_at(r, "relatedLocations.0.physicalLocation.artifactLocation.uri"),
			    "virt/kvm/kvm_main.c");
	assert_int_equal(int_at(r, "relatedLocations.1.physicalLocation.region.startLine"), 557);
	assert_string_equal(str_at(r, "message.text"),
			    "KVM_GET_DIRTY_LOG: pointer-width on x86_64 -> i386 (x86), kernel handled"
			    " by kvm_vm_compat_ioctl: dirty_bitmap pointer 8 vs 4 (at byte 8)");

	r = at(res, "1");	/* KVM_MEMORY_ENCRYPT_OP, not handled */
	assert_string_equal(str_at(r, "ruleId"), "not-handled");
	assert_int_equal(int_at(r, "ruleIndex"), 5);
	assert_string_equal(str_at(r, "level"), "error");
	assert_string_equal(str_at(r, "properties.verdict"), "number-differs");
	assert_non_null(strstr(str_at(r, "message.text"),
			       "(ioctl) number 0xc008aeba vs 0xc004aeba; (ioctl) ioc-size 8 vs 4"));
	assert_int_equal(json_array_size(at(r, "relatedLocations")), 0);

	r = at(res, "2");	/* struct kvm_run: untranslatable, no location known */
	assert_string_equal(str_at(r, "ruleId"), "layout-differs");
	assert_string_equal(str_at(r, "level"), "error");
	assert_null(json_object_get(at(r, "locations.0"), "physicalLocation"));
	assert_string_equal(str_at(r, "locations.0.logicalLocations.0.name"), "struct kvm_run");
	assert_non_null(strstr(str_at(r, "message.text"), "(5 findings)"));

	assert_string_equal(str_at(res, "3.level"), "note");	/* arm64: no KVM compat */
	/* powerpc: unknown, which fails the default gate (--fail-on not-handled):
	 * an error, as the exit code says */
	assert_string_equal(str_at(res, "4.level"), "error");
	assert_string_equal(str_at(res, "4.partialFingerprints.uabiItem/v1"),
			    "ppc64/ppc32/KVM_GET_DIRTY_LOG");
	json_decref(j);
	free(s);
}

/* ---- html ------------------------------------------------------------------ */

static void test_html(void **state)
{
	const char *saved = x86_items[3].name;
	char *s, path[4096];
	size_t cells = 0;

	/* the example page for tests/render/html-screenshot.sh */
	s = render(&report, UABI_FMT_HTML);
	snprintf(path, sizeof(path), "%s/report-example.html", UABI_BINARY_DIR);
	write_text(path, s);

	assert_true(!strncmp(s, "<!DOCTYPE html>\n", 16));
	assert_null(strstr(s, "http://"));
	assert_null(strstr(s, "https://"));
	assert_null(strstr(s, "//fonts"));
	assert_null(strstr(s, "src="));
	assert_null(strstr(s, "<link"));
	assert_null(strstr(s, "@import"));
	assert_null(strstr(s, "url("));

	/* one cell per item per pair, each with its verdict in the title */
	for (uint32_t i = 0; i < report.npairs; i++)
		cells += report.pairs[i].nitems;
	assert_int_equal(count(s, "<td class=\"cell "), cells);
	/* 5 rows x 3 pairs: KVM_MEMORY_ENCRYPT_OP is only in x86_64 -> i386,
	 * ppc64 -> ppc32 has no root */
	assert_int_equal(count(s, "<td class=\"absent\" title=\"not in this pair\"></td>"), 3);
	assert_int_equal(count(s, "title=\""), cells + 3 + 1);	/* + the close button */
	assert_int_equal(count(s, "<td class=\"cell v-pointer-width k-handled\" title=\""
				  "KVM_GET_DIRTY_LOG, x86_64 → i386: pointer-width; kernel: handled\""
				  " data-item=\"p0-i2\"><a href=\"#p0-i2\">handled</a></td>"), 1);
	assert_int_equal(count(s, "class=\"cell v-number-differs k-not-handled\""), 1);
	assert_int_equal(count(s, "class=\"cell v-layout-differs k-untranslatable\""), 1);
	assert_int_equal(count(s, "class=\"cell v-identical k-no-kvm-compat\""), 3);
	assert_int_equal(count(s, "<div class=\"item\" id=\"p0-i2\">"), 1);
	/* evidence below the matrix, for readers without JS */
	assert_non_null(strstr(s, "<code>dirty_bitmap</code>"));
	assert_non_null(strstr(s, "<code>kvm_vm_compat_ioctl</code>"));
	assert_true(strstr(s, "id=\"matrix\"") < strstr(s, "id=\"details\""));
	assert_true(strstr(s, "id=\"archs\"") < strstr(s, "id=\"matrix\""));
	free(s);

	/* every text of the report is escaped */
	x86_items[3].name = "KVM_<script>&'\"";
	archs[0].outcome = "a <b> & c";
	s = render(&report, UABI_FMT_HTML);
	x86_items[3].name = saved;
	archs[0].outcome = "32-bit VMMs reach KVM; 1 ioctl that needs translation is not handled";
	assert_null(strstr(s, "<script>&"));
	assert_null(strstr(s, "<b> &"));
	assert_non_null(strstr(s, "KVM_&lt;script&gt;&amp;&#39;&quot;"));
	assert_non_null(strstr(s, "a &lt;b&gt; &amp; c"));
	assert_int_equal(count(s, "<script>"), 1);
	free(s);
}

/* ---- a multi-header run (multifix.h) ---------------------------------------- */

static const char want_multi_text[] =
	"uabi check report\n"
	"\n"
	"Architectures\n"
	"  arch   native   compat ABIs  KVM_COMPAT  identical  untyped  to translate  handled  not handled  unknown  not dispatched  n/a\n"
	"  -----  -------  -----------  ----------  ---------  -------  ------------  -------  -----------  -------  --------------  ---\n"
	"  x86    x86_64   i386         unknown             3        1             2        0            0        2               0    0\n"
	"  arm64  aarch64  arm          unknown             3        1             1        0            0        1               0    1\n"
	"  Counts are ioctls, each counted once over the arch's compat ABIs: identical (on every ABI\n"
	"  where it is defined; untyped: of them, those whose number names no argument type, _IO, so\n"
	"  identical says nothing of their argument: --arg-types declares it), to translate (on at least\n"
	"  one), n/a (defined on none, or not judged: its header skipped on an ABI). handled, not\n"
	"  handled, unknown (no kernel tree) and not dispatched split the ioctls to translate by what the\n"
	"  kernel does on their worst ABI; with KVM_COMPAT=n none applies.\n"
	"\n"
	"  x86: unknown without a kernel tree: 2 ioctls need translation (whether the kernel translates them is unknown)\n"
	"  arm64: unknown without a kernel tree: 1 ioctl needs translation (whether the kernel translates it is unknown)\n"
	"\n"
	"Compat pairs\n"
	"  pair            arch   identical  untyped  number-differs  layout-differs  pointer-width  not-applicable\n"
	"  --------------  -----  ---------  -------  --------------  --------------  -------------  --------------\n"
	"  x86_64 -> i386  x86            3        1               2               0              0               0\n"
	"  aarch64 -> arm  arm64          3        1               1               0              0               1\n"
	"\n"
	"Failing --fail-on=not-handled: 3 items, 2 distinct by header and name\n"
	"  header                   ioctl                  verdict         kernel   fails on\n"
	"  -----------------------  ---------------------  --------------  -------  ---------\n"
	"  include/uapi/drm/drm.h   DRM_IOCTL_MODE_ADDFB2  number-differs  unknown  i386\n"
	"  include/uapi/linux/fs.h  FS_IOC_GETFLAGS        number-differs  unknown  i386, arm\n"
	"\n"
	"Header coverage\n"
	"  ABI      headers judged  headers skipped  ioctls  applicable\n"
	"  -------  --------------  ---------------  ------  ----------\n"
	"  x86_64                2                2       5           5\n"
	"  i386                  2                2       5           5\n"
	"  aarch64               2                2       5           5\n"
	"  arm                   2                2       5           4\n"
	"  Per ABI: the headers its dump judged and skipped (a skipped header is not judged on that ABI:\n"
	"  the compiler's reason is listed below), the ioctls those headers define and, of those, the\n"
	"  ones whose argument type exists on the ABI.\n"
	"\n"
	"  skipped headers:\n"
	"    linux/coda.h (all but arm): include/uapi/linux/coda.h:204:2: error: unknown type name 'int64_t'\n"
	"    linux/coda.h (arm): include/uapi/linux/coda.h:204:11: error: unknown type name 'int64_t'\n"
	"    linux/input.h (all): includes <sys/time.h>, which is in no include directory of the tree (a C library header)\n"
	"\n"
	"x86_64 -> i386 (x86)\n"
	"  verdicts: identical 3, number-differs 2, layout-differs 0, pointer-width 0, not-applicable 0\n"
	"  kernel:   unknown 5\n"
	"\n"
	"  include/uapi/drm/drm.h: 2 ioctls: identical 1, number-differs 1; 1 failing\n"
	"    ioctl                  verdict         native number  compat number  native size  compat size  kernel\n"
	"    ---------------------  --------------  -------------  -------------  -----------  -----------  -------\n"
	"    DRM_IOCTL_MODE_ADDFB2  number-differs  0xc06864b8     0xc06464b8             104          100  unknown\n"
	"\n"
	"    DRM_IOCTL_MODE_ADDFB2: number-differs, kernel unknown\n"
	"      declared at include/uapi/drm/drm.h:1137, argument struct drm_mode_fb_cmd2\n"
	"      to do: needs translation; whether a compat handler translates it is unknown without --kernel-tree\n"
	"      path     kind              x86_64        i386  byte from start  declared at\n"
	"      -------  ------------  ----------  ----------  ---------------  --------------------------\n"
	"      (ioctl)  number        0xc06864b8  0xc06464b8  -                -\n"
	"      (ioctl)  ioc-size             104         100  -                -\n"
	"      (type)   size                 104         100  0                include/uapi/drm/drm.h:664\n"
	"      (type)   tail-padding           4           0  0                include/uapi/drm/drm.h:664\n"
	"\n"
	"  include/uapi/linux/fs.h: 2 ioctls: identical 1, number-differs 1; 1 failing\n"
	"    ioctl            verdict         native number  compat number  native size  compat size  kernel\n"
	"    ---------------  --------------  -------------  -------------  -----------  -----------  -------\n"
	"    FS_IOC_GETFLAGS  number-differs  0x80086601     0x80046601               8            4  unknown\n"
	"\n"
	"    FS_IOC_GETFLAGS: number-differs, kernel unknown\n"
	"      declared at include/uapi/linux/fs.h:219, argument long\n"
	"      to do: needs translation; whether a compat handler translates it is unknown without --kernel-tree\n"
	"      path     kind          x86_64        i386  byte from start  declared at\n"
	"      -------  --------  ----------  ----------  ---------------  -----------\n"
	"      (ioctl)  number    0x80086601  0x80046601  -                -\n"
	"      (ioctl)  ioc-size           8           4  -                -\n"
	"      (type)   long               8           4  0                -\n"
	"\n"
	"  (unknown): 1 ioctl: identical 1\n"
	"    ioctl      verdict              native number  compat number  native size  compat size  kernel\n"
	"    ---------  -------------------  -------------  -------------  -----------  -----------  -------\n"
	"    X_NO_FILE  identical (untyped)  0x5801         0x5801                   -            -  unknown\n"
	"\n"
	"  (untyped: 1 ioctl whose number does not describe the argument; declare it with --arg-types)\n"
	"\n"
	"aarch64 -> arm (arm64)\n"
	"  verdicts: identical 3, number-differs 1, layout-differs 0, pointer-width 0, not-applicable 1\n"
	"  kernel:   unknown 4, not-applicable 1\n"
	"\n"
	"  include/uapi/drm/drm.h: 2 ioctls: identical 2\n"
	"\n"
	"  include/uapi/linux/fs.h: 2 ioctls: number-differs 1, not-applicable 1; 1 failing\n"
	"    ioctl            verdict         native number  compat number  native size  compat size  kernel\n"
	"    ---------------  --------------  -------------  -------------  -----------  -----------  --------------\n"
	"    FS_IOC_FIEMAP    not-applicable  0xc020660b     -                       32            -  not-applicable\n"
	"    FS_IOC_GETFLAGS  number-differs  0x80086601     0x80046601               8            4  unknown\n"
	"\n"
	"    FS_IOC_FIEMAP: not-applicable, kernel not-applicable\n"
	"      declared at include/uapi/linux/fs.h:224, argument struct fiemap\n"
	"      reason: not defined for arm: unknown type name 'struct fiemap'\n"
	"\n"
	"    FS_IOC_GETFLAGS: number-differs, kernel unknown\n"
	"      declared at include/uapi/linux/fs.h:219, argument long\n"
	"      to do: needs translation; whether a compat handler translates it is unknown without --kernel-tree\n"
	"      path     kind         aarch64         arm  byte from start  declared at\n"
	"      -------  --------  ----------  ----------  ---------------  -----------\n"
	"      (ioctl)  number    0x80086601  0x80046601  -                -\n"
	"      (ioctl)  ioc-size           8           4  -                -\n"
	"      (type)   long               8           4  0                -\n"
	"\n"
	"  (unknown): 1 ioctl: identical 1\n"
	"    ioctl      verdict              native number  compat number  native size  compat size  kernel\n"
	"    ---------  -------------------  -------------  -------------  -----------  -----------  -------\n"
	"    X_NO_FILE  identical (untyped)  0x5801         0x5801                   -            -  unknown\n"
	"\n"
	"  (untyped: 1 ioctl whose number does not describe the argument; declare it with --arg-types)\n"
	"\n"
	"Input\n"
	"  root:        linux-source-6.1\n"
	"  headers:     drm/drm.h, linux/fs.h\n"
	"  kernel:      6.1.192\n"
	"  kernel tree: none (kernel status unknown)\n"
	"  ABIs:        4 judged: x86_64, i386, aarch64, arm\n"
	"  skipped:     none\n"
	"  tool:        uabi 0.1.0-test\n"
	"  fail-on:     not-handled: 3 failing items\n";
static const char want_multi_markdown[] =
	"# uabi check report\n"
	"\n"
	"## Architecture summary\n"
	"\n"
	"| arch    | native    | compat ABIs | KVM_COMPAT | identical | untyped | to translate | handled | not handled | unknown | not dispatched | n/a |\n"
	"| ------- | --------- | ----------- | ---------- | --------: | ------: | -----------: | ------: | ----------: | ------: | -------------: | --: |\n"
	"| `x86`   | `x86_64`  | `i386`      | unknown    |         3 |       1 |            2 |       0 |           0 |       2 |              0 |   0 |\n"
	"| `arm64` | `aarch64` | `arm`       | unknown    |         3 |       1 |            1 |       0 |           0 |       1 |              0 |   1 |\n"
	"\n"
	"Counts are ioctls, each counted once over the arch's compat ABIs: identical (on every ABI where it is defined; untyped: of them, those whose number names no argument type, _IO, so identical says nothing of their argument: --arg-types declares it), to translate (on at least one), n/a (defined on none, or not judged: its header skipped on an ABI). handled, not handled, unknown (no kernel tree) and not dispatched split the ioctls to translate by what the kernel does on their worst ABI; with KVM_COMPAT=n none applies.\n"
	"\n"
	"- **x86**: unknown without a kernel tree: 2 ioctls need translation (whether the kernel translates them is unknown)\n"
	"- **arm64**: unknown without a kernel tree: 1 ioctl needs translation (whether the kernel translates it is unknown)\n"
	"\n"
	"## Compat pairs\n"
	"\n"
	"| pair              | arch    | identical | untyped | number-differs | layout-differs | pointer-width | not-applicable |\n"
	"| ----------------- | ------- | --------: | ------: | -------------: | -------------: | ------------: | -------------: |\n"
	"| `x86_64` → `i386` | `x86`   |         3 |       1 |              2 |              0 |             0 |              0 |\n"
	"| `aarch64` → `arm` | `arm64` |         3 |       1 |              1 |              0 |             0 |              1 |\n"
	"\n"
	"## Failing `--fail-on=not-handled`\n"
	"\n"
	"3 items, 2 distinct by header and name.\n"
	"\n"
	"| header                    | ioctl                   | verdict        | kernel  | fails on  |\n"
	"| ------------------------- | ----------------------- | -------------- | ------- | --------- |\n"
	"| `include/uapi/drm/drm.h`  | `DRM_IOCTL_MODE_ADDFB2` | number-differs | unknown | i386      |\n"
	"| `include/uapi/linux/fs.h` | `FS_IOC_GETFLAGS`       | number-differs | unknown | i386, arm |\n"
	"\n"
	"## Header coverage\n"
	"\n"
	"| ABI       | headers judged | headers skipped | ioctls | applicable |\n"
	"| --------- | -------------: | --------------: | -----: | ---------: |\n"
	"| `x86_64`  |              2 |               2 |      5 |          5 |\n"
	"| `i386`    |              2 |               2 |      5 |          5 |\n"
	"| `aarch64` |              2 |               2 |      5 |          5 |\n"
	"| `arm`     |              2 |               2 |      5 |          4 |\n"
	"\n"
	"Per ABI: the headers its dump judged and skipped (a skipped header is not judged on that ABI: the compiler's reason is listed below), the ioctls those headers define and, of those, the ones whose argument type exists on the ABI.\n"
	"\n"
	"Skipped headers:\n"
	"\n"
	"| header          | ABIs        | reason                                                                                     |\n"
	"| --------------- | ----------- | ------------------------------------------------------------------------------------------ |\n"
	"| `linux/coda.h`  | all but arm | include/uapi/linux/coda.h:204:2: error: unknown type name 'int64_t'                        |\n"
	"| `linux/coda.h`  | arm         | include/uapi/linux/coda.h:204:11: error: unknown type name 'int64_t'                       |\n"
	"| `linux/input.h` | all         | includes \\<sys/time.h\\>, which is in no include directory of the tree (a C library header) |\n"
	"\n"
	"## x86 (x86_64, KVM_COMPAT unknown)\n"
	"\n"
	"> unknown without a kernel tree: 2 ioctls need translation (whether the kernel translates them is unknown)\n"
	"\n"
	"### x86_64 → i386\n"
	"\n"
	"- verdicts: identical 3, number-differs 2, layout-differs 0, pointer-width 0, not-applicable 0\n"
	"- kernel: unknown 5\n"
	"\n"
	"#### `include/uapi/drm/drm.h` (x86_64 → i386)\n"
	"\n"
	"2 ioctls: identical 1, number-differs 1; 1 failing.\n"
	"\n"
	"| ioctl                   | verdict        | native number | compat number | native size | compat size | kernel  |\n"
	"| ----------------------- | -------------- | ------------- | ------------- | ----------: | ----------: | ------- |\n"
	"| `DRM_IOCTL_MODE_ADDFB2` | number-differs | 0xc06864b8    | 0xc06464b8    |         104 |         100 | unknown |\n"
	"\n"
	"##### `DRM_IOCTL_MODE_ADDFB2`\n"
	"\n"
	"- verdict: number-differs; kernel: unknown\n"
	"- declared at `include/uapi/drm/drm.h:1137`, argument `struct drm_mode_fb_cmd2`\n"
	"- to do: needs translation; whether a compat handler translates it is unknown without --kernel-tree\n"
	"\n"
	"| member    | kind         |     x86_64 |       i386 | byte from start | declared at                  |\n"
	"| --------- | ------------ | ---------: | ---------: | --------------- | ---------------------------- |\n"
	"| `(ioctl)` | number       | 0xc06864b8 | 0xc06464b8 | -               | -                            |\n"
	"| `(ioctl)` | ioc-size     |        104 |        100 | -               | -                            |\n"
	"| `(type)`  | size         |        104 |        100 | 0               | `include/uapi/drm/drm.h:664` |\n"
	"| `(type)`  | tail-padding |          4 |          0 | 0               | `include/uapi/drm/drm.h:664` |\n"
	"\n"
	"#### `include/uapi/linux/fs.h` (x86_64 → i386)\n"
	"\n"
	"2 ioctls: identical 1, number-differs 1; 1 failing.\n"
	"\n"
	"| ioctl             | verdict        | native number | compat number | native size | compat size | kernel  |\n"
	"| ----------------- | -------------- | ------------- | ------------- | ----------: | ----------: | ------- |\n"
	"| `FS_IOC_GETFLAGS` | number-differs | 0x80086601    | 0x80046601    |           8 |           4 | unknown |\n"
	"\n"
	"##### `FS_IOC_GETFLAGS`\n"
	"\n"
	"- verdict: number-differs; kernel: unknown\n"
	"- declared at `include/uapi/linux/fs.h:219`, argument `long`\n"
	"- to do: needs translation; whether a compat handler translates it is unknown without --kernel-tree\n"
	"\n"
	"| member    | kind     |     x86_64 |       i386 | byte from start | declared at |\n"
	"| --------- | -------- | ---------: | ---------: | --------------- | ----------- |\n"
	"| `(ioctl)` | number   | 0x80086601 | 0x80046601 | -               | -           |\n"
	"| `(ioctl)` | ioc-size |          8 |          4 | -               | -           |\n"
	"| `(type)`  | long     |          8 |          4 | 0               | -           |\n"
	"\n"
	"#### `(unknown)` (x86_64 → i386)\n"
	"\n"
	"1 ioctl: identical 1.\n"
	"\n"
	"| ioctl       | verdict             | native number | compat number | native size | compat size | kernel  |\n"
	"| ----------- | ------------------- | ------------- | ------------- | ----------: | ----------: | ------- |\n"
	"| `X_NO_FILE` | identical (untyped) | 0x5801        | 0x5801        |           - |           - | unknown |\n"
	"\n"
	"*untyped*: 1 ioctl whose number does not describe the argument; declare it with `--arg-types`.\n"
	"\n"
	"## arm64 (aarch64, KVM_COMPAT unknown)\n"
	"\n"
	"> unknown without a kernel tree: 1 ioctl needs translation (whether the kernel translates it is unknown)\n"
	"\n"
	"### aarch64 → arm\n"
	"\n"
	"- verdicts: identical 3, number-differs 1, layout-differs 0, pointer-width 0, not-applicable 1\n"
	"- kernel: unknown 4, not-applicable 1\n"
	"\n"
	"#### `include/uapi/drm/drm.h` (aarch64 → arm)\n"
	"\n"
	"2 ioctls: identical 2.\n"
	"\n"
	"#### `include/uapi/linux/fs.h` (aarch64 → arm)\n"
	"\n"
	"2 ioctls: number-differs 1, not-applicable 1; 1 failing.\n"
	"\n"
	"| ioctl             | verdict        | native number | compat number | native size | compat size | kernel         |\n"
	"| ----------------- | -------------- | ------------- | ------------- | ----------: | ----------: | -------------- |\n"
	"| `FS_IOC_FIEMAP`   | not-applicable | 0xc020660b    | -             |          32 |           - | not-applicable |\n"
	"| `FS_IOC_GETFLAGS` | number-differs | 0x80086601    | 0x80046601    |           8 |           4 | unknown        |\n"
	"\n"
	"##### `FS_IOC_FIEMAP`\n"
	"\n"
	"- verdict: not-applicable; kernel: not-applicable\n"
	"- declared at `include/uapi/linux/fs.h:224`, argument `struct fiemap`\n"
	"- reason: not defined for arm: unknown type name 'struct fiemap'\n"
	"\n"
	"##### `FS_IOC_GETFLAGS`\n"
	"\n"
	"- verdict: number-differs; kernel: unknown\n"
	"- declared at `include/uapi/linux/fs.h:219`, argument `long`\n"
	"- to do: needs translation; whether a compat handler translates it is unknown without --kernel-tree\n"
	"\n"
	"| member    | kind     |    aarch64 |        arm | byte from start | declared at |\n"
	"| --------- | -------- | ---------: | ---------: | --------------- | ----------- |\n"
	"| `(ioctl)` | number   | 0x80086601 | 0x80046601 | -               | -           |\n"
	"| `(ioctl)` | ioc-size |          8 |          4 | -               | -           |\n"
	"| `(type)`  | long     |          8 |          4 | 0               | -           |\n"
	"\n"
	"#### `(unknown)` (aarch64 → arm)\n"
	"\n"
	"1 ioctl: identical 1.\n"
	"\n"
	"| ioctl       | verdict             | native number | compat number | native size | compat size | kernel  |\n"
	"| ----------- | ------------------- | ------------- | ------------- | ----------: | ----------: | ------- |\n"
	"| `X_NO_FILE` | identical (untyped) | 0x5801        | 0x5801        |           - |           - | unknown |\n"
	"\n"
	"*untyped*: 1 ioctl whose number does not describe the argument; declare it with `--arg-types`.\n"
	"\n"
	"## Input\n"
	"\n"
	"- root: `linux-source-6.1`\n"
	"- headers: `drm/drm.h`, `linux/fs.h`\n"
	"- kernel: 6.1.192\n"
	"- kernel tree: none (kernel status unknown)\n"
	"- ABIs: 4 judged: `x86_64`, `i386`, `aarch64`, `arm`\n"
	"- skipped: none\n"
	"- tool: uabi 0.1.0-test\n"
	"- fail-on: not-handled, 3 failing items\n";

/* Text: the summary first (pairs, then the items that fail, once per
 * header and name), the header coverage, then each pair's ioctls by
 * header with a count line per header. */
static void test_multi_text(void **state)
{
	struct uabi_report r;
	char *s;

	(void)state;
	mf_build(&r);
	s = render(&r, UABI_FMT_TEXT);
	assert_golden(s, want_multi_text, "multi-text");
	free(s);
	uabi_report__free(&r);
}

static void test_multi_markdown(void **state)
{
	struct uabi_report r;
	char *s;

	(void)state;
	mf_build(&r);
	s = render(&r, UABI_FMT_MARKDOWN);
	assert_golden(s, want_multi_markdown, "multi-markdown");
	free(s);
	uabi_report__free(&r);
}

/* JSON: coverage.headers, failing_items and pairs[].headers, only in a
 * multi-header run (the KVM report of test_json has none of them). */
static void test_multi_json(void **state)
{
	struct uabi_report r;
	char *s, path[4096];
	json_t *j;

	(void)state;
	mf_build(&r);
	s = render(&r, UABI_FMT_JSON);
	/* for tests/schema/validate.sh */
	snprintf(path, sizeof(path), "%s/test_render-multi.json", UABI_BINARY_DIR);
	write_text(path, s);
	assert_sorted_keys(s);
	j = parse(s);
	assert_int_equal(json_array_size(at(j, "coverage.headers.abis")), 4);
	assert_string_equal(str_at(j, "coverage.headers.abis.3.profile"), "arm");
	assert_int_equal(int_at(j, "coverage.headers.abis.3.judged"), 2);
	assert_int_equal(int_at(j, "coverage.headers.abis.3.skipped"), 2);
	assert_int_equal(int_at(j, "coverage.headers.abis.3.ioctls"), 5);
	assert_int_equal(int_at(j, "coverage.headers.abis.3.applicable"), 4);
	assert_int_equal(json_array_size(at(j, "coverage.headers.skipped")), 3);
	assert_string_equal(str_at(j, "coverage.headers.skipped.1.header"), "linux/coda.h");
	assert_string_equal(str_at(j, "coverage.headers.skipped.1.reason"), MF_CODA_B);
	assert_string_equal(str_at(j, "coverage.headers.skipped.1.abis.0"), "arm");
	assert_int_equal(json_array_size(at(j, "coverage.headers.skipped.2.abis")), 4);

	assert_int_equal(json_array_size(at(j, "failing_items")), 2);
	assert_string_equal(str_at(j, "failing_items.0.name"), "DRM_IOCTL_MODE_ADDFB2");
	assert_string_equal(str_at(j, "failing_items.0.file"), MF_DRM);
	assert_int_equal(json_array_size(at(j, "failing_items.0.abis")), 1);
	assert_string_equal(str_at(j, "failing_items.0.abis.0"), "i386");
	assert_string_equal(str_at(j, "failing_items.1.name"), "FS_IOC_GETFLAGS");
	assert_string_equal(str_at(j, "failing_items.1.abis.1"), "arm");
	assert_string_equal(str_at(j, "failing_items.1.verdicts.0"), "number-differs");
	assert_string_equal(str_at(j, "failing_items.1.kernel.0"), "unknown");
	assert_false(json_is_true(at(j, "failing_items.1.root")));

	assert_int_equal(json_array_size(at(j, "pairs.1.headers")), 3);
	assert_string_equal(str_at(j, "pairs.1.headers.1.file"), MF_FS);
	assert_int_equal(int_at(j, "pairs.1.headers.1.counts.not-applicable"), 1);
	assert_int_equal(int_at(j, "pairs.1.headers.1.counts.number-differs"), 1);
	assert_int_equal(int_at(j, "pairs.1.headers.1.failing"), 1);
	assert_string_equal(str_at(j, "pairs.1.headers.1.ioctls.0"), "FS_IOC_FIEMAP");
	assert_true(json_is_null(at(j, "pairs.1.headers.2.file")));
	assert_string_equal(str_at(j, "pairs.1.headers.2.ioctls.0"), "X_NO_FILE");
	json_decref(j);
	free(s);
	uabi_report__free(&r);

	/* the KVM report has none of the three */
	s = render(&report, UABI_FMT_JSON);
	assert_null(strstr(s, "\"failing_items\""));
	assert_null(strstr(s, "\"headers\": {"));
	assert_null(strstr(s, "\"headers\": [\n  {"));
	free(s);
}

/* input.headers is every header some ABI judged, not the first dump's:
 * arm judging linux/input.h where the others judge linux/fs.h makes the
 * list the sorted union; the same headers everywhere keep their order. */
static void test_multi_input_headers(void **state)
{
	static const char *arm_headers[] = { "linux/input.h", "drm/drm.h" };
	struct uabi_report r;
	char *s;
	json_t *j;

	(void)state;
	mf_arm.input.headers = arm_headers;
	mf_build(&r);
	mf_arm.input.headers = mf_headers;
	s = render(&r, UABI_FMT_JSON);
	j = parse(s);
	assert_int_equal(json_array_size(at(j, "input.headers")), 3);
	assert_string_equal(str_at(j, "input.headers.0"), "drm/drm.h");
	assert_string_equal(str_at(j, "input.headers.1"), "linux/fs.h");
	assert_string_equal(str_at(j, "input.headers.2"), "linux/input.h");
	json_decref(j);
	free(s);
	uabi_report__free(&r);

	mf_build(&r);
	assert_int_equal(r.nheaders, 2);
	assert_string_equal(r.headers[0], "drm/drm.h");
	assert_string_equal(r.headers[1], "linux/fs.h");
	uabi_report__free(&r);
}

/* SARIF: run.properties.header_coverage and a warning notification per
 * skipped header and reason, after the skipped ABIs' (none here). */
static void test_multi_sarif(void **state)
{
	struct uabi_report r;
	json_t *j, *run;
	char *s;

	(void)state;
	mf_build(&r);
	s = render(&r, UABI_FMT_SARIF);
	j = parse(s);
	run = at(j, "runs.0");
	assert_int_equal(json_array_size(at(run, "results")), 3);
	assert_int_equal(json_array_size(at(run, "invocations.0.toolExecutionNotifications")), 3);
	assert_string_equal(str_at(run, "invocations.0.toolExecutionNotifications.0.descriptor.id"),
			    "header-skipped");
	assert_string_equal(str_at(run, "invocations.0.toolExecutionNotifications.0.level"), "warning");
	assert_string_equal(str_at(run, "invocations.0.toolExecutionNotifications.0.message.text"),
			    "linux/coda.h: skipped on all but arm (not judged): " MF_CODA_A);
	assert_string_equal(str_at(run, "invocations.0.toolExecutionNotifications.2.message.text"),
			    "linux/input.h: skipped on all (not judged): " MF_INPUT);
	assert_string_equal(str_at(run, "invocations.0.toolExecutionNotifications.1.properties.abis.0"),
			    "arm");
	assert_int_equal(int_at(run, "properties.header_coverage.abis.0.judged"), 2);
	assert_int_equal(int_at(run, "properties.header_coverage.abis.3.applicable"), 4);
	assert_string_equal(str_at(run, "properties.header_coverage.skipped.2.header"), "linux/input.h");
	json_decref(j);
	free(s);
	uabi_report__free(&r);
}

/* HTML: the summary, the coverage, a filter bar, one collapsed <details>
 * per header in the matrix and in the evidence, failing cells marked; no
 * URL. The page is written for tests/render/html-screenshot.sh. */
static void test_multi_html(void **state)
{
	struct uabi_report r;
	char *s, path[4096];

	(void)state;
	mf_build(&r);
	s = render(&r, UABI_FMT_HTML);
	snprintf(path, sizeof(path), "%s/report-multi.html", UABI_BINARY_DIR);
	write_text(path, s);
	assert_null(strstr(s, "http://"));
	assert_null(strstr(s, "https://"));
	assert_null(strstr(s, "src="));
	assert_null(strstr(s, "<link"));
	assert_int_equal(count(s, "<script>"), 1);
	assert_non_null(strstr(s, "<p class=\"meta\">2 headers · Linux 6.1.192"));
	/* order: summary, failing, coverage, matrix, evidence, input */
	assert_true(strstr(s, "id=\"archs\"") < strstr(s, "id=\"failing\""));
	assert_true(strstr(s, "id=\"failing\"") < strstr(s, "id=\"coverage\""));
	assert_true(strstr(s, "id=\"coverage\"") < strstr(s, "id=\"matrix\""));
	assert_true(strstr(s, "id=\"matrix\"") < strstr(s, "id=\"details\""));
	assert_non_null(strstr(s, "<p class=\"meta\">3 items, 2 distinct by header and name; a name "
				  "links to its row of the matrix.</p>"));
	assert_non_null(strstr(s, "<td><a href=\"#r1\"><code>DRM_IOCTL_MODE_ADDFB2</code></a></td>"
				  "<td>number-differs</td><td>unknown</td><td>i386</td>"));
	assert_non_null(strstr(s, "<td><a href=\"#r3\"><code>FS_IOC_GETFLAGS</code></a></td>"
				  "<td>number-differs</td><td>unknown</td><td>i386, arm</td>"));
	assert_non_null(strstr(s, "<tr><td><code>linux/coda.h</code></td><td>all but arm</td><td>"));
	assert_non_null(strstr(s, "<tr><td><code>arm</code></td><td class=\"n\">2</td>"
				  "<td class=\"n\">2</td><td class=\"n\">5</td><td class=\"n\">4</td></tr>"));
	/* the filter bar */
	assert_non_null(strstr(s, "<select id=\"f-verdict\"><option value=\"\">any</option>"
				  "<option value=\"fail\">fails --fail-on=not-handled</option>"));
	assert_non_null(strstr(s, "<select id=\"f-pair\"><option value=\"\">every pair</option>"
				  "<option value=\"0\">x86_64 → i386</option>"
				  "<option value=\"1\">aarch64 → arm</option></select>"));
	assert_non_null(strstr(s, "<input id=\"f-text\" type=\"search\""));
	assert_non_null(strstr(s, "<span class=\"meta\" id=\"f-status\">5 of 5 rows in 3 of 3 groups"
				  "</span>"));
	/* three collapsed groups in the matrix, the unknown header last */
	assert_int_equal(count(s, "<details class=\"hgroup\""), 3);
	assert_int_equal(count(s, "<details class=\"hgroup\" open"), 0);
	assert_non_null(strstr(s, "<details class=\"hgroup\" data-h=\"include/uapi/drm/drm.h\">"
				  "<summary><code>include/uapi/drm/drm.h</code><span class=\"hc\">"
				  "2 ioctls · 1 to translate on some pair · <b>1 failing</b></span>"));
	assert_true(strstr(s, "data-h=\"include/uapi/linux/fs.h\"") < strstr(s, "data-h=\"(unknown)\""));
	assert_int_equal(count(s, "<tr id=\"r"), 5);
	/* cells: one per item, those that fail marked */
	assert_int_equal(count(s, "<td class=\"cell "), 10);
	assert_int_equal(count(s, " fail\" title="), 3);
	assert_non_null(strstr(s, "<td class=\"cell v-number-differs k-unknown fail\" title=\""
				  "FS_IOC_GETFLAGS, aarch64 → arm: number-differs; kernel: unknown\""
				  " data-item=\"p1-i3\"><a href=\"#p1-i3\">?</a></td>"));
	/* evidence by pair, then header, collapsed */
	assert_int_equal(count(s, "<details class=\"pgroup\""), 2);
	assert_non_null(strstr(s, "<details class=\"pgroup\" id=\"p0\"><summary><h3>"));
	/* x86_64 -> i386 lists ADDFB2 and GETFLAGS, aarch64 -> arm FIEMAP and GETFLAGS */
	assert_int_equal(count(s, "<details class=\"egroup\">"), 3);
	assert_int_equal(count(s, "<div class=\"item\" id=\"p"), 4);
	assert_non_null(strstr(s, "window.uabiFilter = function"));
	free(s);
	uabi_report__free(&r);
}

/* Two renders of each format are the same bytes. */
static void test_multi_deterministic(void **state)
{
	struct uabi_report r;

	(void)state;
	mf_build(&r);
	for (int f = UABI_FMT_TEXT; f <= UABI_FMT_SARIF; f++) {
		char *a = render(&r, (enum uabi_format)f), *b = render(&r, (enum uabi_format)f);

		assert_string_equal(a, b);
		free(a);
		free(b);
	}
	uabi_report__free(&r);
}

/* A page of 2,600 ioctls (52 headers of 50) over two pairs, for the
 * browser test (tests/render/html-screenshot.sh checks its filters).
 * Ioctl k (0..2599, HDRhh_IOC_ii with k = 50 hh + ii): on x86_64 -> i386
 * number-differs when k % 10 == 3, layout-differs when k % 100 == 7,
 * not-applicable when k % 50 == 11, else identical; on aarch64 -> arm
 * number-differs when k % 20 == 3, else identical. No kernel tree: every
 * item that needs translation fails. */
#define BIG_HDRS 52
#define BIG_PER 50
#define BIG_N (BIG_HDRS * BIG_PER)

static void test_big_html(void **state)
{
	static char names[BIG_N][16], files[BIG_HDRS][40], incs[BIG_HDRS][24];
	static const char *hdrs[BIG_HDRS];
	static struct uabi_ioctl io64[BIG_N], io32[BIG_N], ioarm[BIG_N];
	static struct uabi_compat_item items[2][BIG_N];
	static struct uabi_layout l64, l32, larm;
	struct uabi_compat_pair pp[2] = {
		{ .n = &l64, .c = &l32, .native = "x86_64", .compat = "i386", .arch = "x86" },
		{ .n = &l64, .c = &larm, .native = "aarch64", .compat = "arm", .arch = "arm64" },
	};
	struct uabi_report r;
	struct uabi_diag d;
	char *s, path[4096];

	(void)state;
	for (uint32_t h = 0; h < BIG_HDRS; h++) {
		snprintf(files[h], sizeof(files[h]), "include/uapi/linux/hdr%02u.h", h);
		snprintf(incs[h], sizeof(incs[h]), "linux/hdr%02u.h", h);
		hdrs[h] = incs[h];
	}
	for (uint32_t k = 0; k < BIG_N; k++) {
		enum uabi_verdict v0 = k % 10 == 3 ? UABI_V_NUMBER_DIFFERS
				     : k % 100 == 7 ? UABI_V_LAYOUT_DIFFERS
				     : k % 50 == 11 ? UABI_V_NOT_APPLICABLE : UABI_V_IDENTICAL;
		enum uabi_verdict v1 = k % 20 == 3 ? UABI_V_NUMBER_DIFFERS : UABI_V_IDENTICAL;

		snprintf(names[k], sizeof(names[k]), "HDR%02u_IOC_%02u", k / BIG_PER, k % BIG_PER);
		io64[k] = (struct uabi_ioctl){ .name = names[k], .macro = "_IOW", .arg_type = "long",
					       .applicable = true, .number = 0x40080000 + k, .size = 8,
					       .type = 1, .decl_file = files[k / BIG_PER],
					       .decl_line = 10 + k % BIG_PER };
		io32[k] = io64[k];
		if (v0 == UABI_V_NUMBER_DIFFERS)
			io32[k].number = 0x40040000 + k;
		io32[k].applicable = v0 != UABI_V_NOT_APPLICABLE;
		ioarm[k] = io64[k];
		if (v1 == UABI_V_NUMBER_DIFFERS)
			ioarm[k].number = 0x40040000 + k;
		items[0][k] = (struct uabi_compat_item){ .name = names[k], .verdict = v0,
							 .native = &io64[k], .compat = &io32[k],
							 .native_type = 1, .compat_type = 1,
							 .native_size = 8, .compat_size = 8 };
		items[1][k] = (struct uabi_compat_item){ .name = names[k], .verdict = v1,
							 .native = &io64[k], .compat = &ioarm[k],
							 .native_type = 1, .compat_type = 1,
							 .native_size = 8, .compat_size = 8 };
		pp[0].counts[v0]++;
		pp[1].counts[v1]++;
	}
	for (int i = 0; i < 2; i++) {
		pp[i].items = items[i];
		pp[i].nitems = BIG_N;
	}
	l64 = (struct uabi_layout){ .input = { .headers = hdrs, .nheaders = BIG_HDRS },
				    .ioctls = io64, .nioctls = BIG_N };
	l32 = l64;
	l32.ioctls = io32;
	larm = l64;
	larm.ioctls = ioarm;
	uabi_diag__clear(&d);
	assert_int_equal(uabi_report__build(&r, pp, 2, NULL, UABI_FAIL_NOT_HANDLED, &d), 0);
	r.tool_version = "0.1.0-test";
	assert_true(r.hcov.shown);
	assert_int_equal(r.nfailing, 260 + 26 + 130);
	s = render(&r, UABI_FMT_HTML);
	snprintf(path, sizeof(path), "%s/report-big.html", UABI_BINARY_DIR);
	write_text(path, s);
	assert_int_equal(count(s, "<tr id=\"r"), BIG_N);
	assert_int_equal(count(s, "<details class=\"hgroup\""), BIG_HDRS);
	assert_int_equal(count(s, " fail\" title="), 260 + 26 + 130);
	free(s);
	uabi_report__free(&r);
}

/* ---- all formats ----------------------------------------------------------- */

/* The porting view (issue 8 item 14): --only actionable and --arch filter
 * text, markdown and html; json and sarif stay complete. */
static void test_view(void **state)
{
	struct uabi_report v = report;
	static const char *only_x86[] = { "x86" };
	/* a KVM arch of the tree no pair covers: not x86, so not shown */
	static struct uabi_arch_unjudged loong[] = {
		{ .arch = "loongarch", .outcome = "no uabi profile: not judged" },
	};
	char *s, *full, *json;

	(void)state;
	v.unjudged = loong;
	v.nunjudged = 1;
	v.view.only_actionable = true;
	v.view.archs = only_x86;
	v.view.narchs = 1;
	s = render(&v, UABI_FMT_TEXT);
	assert_non_null(strstr(s, "uabi check report\nonly arch x86; only actionable items: "));
	/* handled, not handled and the untranslatable root are actionable */
	assert_non_null(strstr(s, "\n  KVM_GET_DIRTY_LOG      pointer-width "));
	assert_non_null(strstr(s, "\n  KVM_MEMORY_ENCRYPT_OP  number-differs "));
	assert_non_null(strstr(s, "    to do: add a case to kvm_arch_vm_compat_ioctl that translates it "
				  "(the native ioctl is dispatched by kvm_arch_vm_ioctl at "
				  "arch/x86/kvm/x86.c:6992)\n"));
	assert_non_null(strstr(s, "    to do: mmap'd: no compat handler can translate it"));
	/* not applicable: nothing to do; other arches: not shown */
	assert_null(strstr(s, "KVM_ARM_VCPU_INIT"));
	assert_null(strstr(s, "aarch64 -> arm"));
	assert_null(strstr(s, "ppc64 -> ppc32"));
	assert_null(strstr(s, "\n  arm64 "));
	assert_null(strstr(s, "loongarch"));
	free(s);

	s = render(&v, UABI_FMT_MARKDOWN);
	assert_non_null(strstr(s, "Only arch `x86`."));
	assert_non_null(strstr(s, "- to do: add a case to kvm\\_arch\\_vm\\_compat\\_ioctl") ||
			strstr(s, "- to do: add a case to kvm_arch_vm_compat_ioctl"));
	assert_null(strstr(s, "KVM_ARM_VCPU_INIT"));
	assert_null(strstr(s, "## powerpc"));
	assert_null(strstr(s, "### ppc64"));
	assert_null(strstr(s, "loongarch"));
	free(s);

	s = render(&v, UABI_FMT_HTML);
	assert_non_null(strstr(s, "<p class=\"todo\">To do: add a case to kvm_arch_vm_compat_ioctl"));
	assert_null(strstr(s, "KVM_ARM_VCPU_INIT"));
	assert_null(strstr(s, "id=\"p2\""));
	assert_null(strstr(s, "id=\"p1\""));
	assert_non_null(strstr(s, "id=\"p0\""));
	assert_null(strstr(s, "loongarch"));
	free(s);

	/* json stays complete: the same text with or without the view */
	json = render(&v, UABI_FMT_JSON);
	{
		struct uabi_report w = report;

		w.unjudged = loong;
		w.nunjudged = 1;
		full = render(&w, UABI_FMT_JSON);
	}
	assert_non_null(strstr(json, "loongarch"));
	assert_string_equal(json, full);
	free(json);
	free(full);
	json = render(&v, UABI_FMT_SARIF);
	{
		struct uabi_report w = report;

		w.unjudged = loong;
		w.nunjudged = 1;
		full = render(&w, UABI_FMT_SARIF);
	}
	assert_string_equal(json, full);
	free(json);
	free(full);
}

/* Titles per command; internal names (a leading __) are marked. */
static void test_title_and_internal(void **state)
{
	struct uabi_report v = report;
	const char *name = x86_items[3].name;
	char *s;

	(void)state;
	v.command = "compat";
	s = render(&v, UABI_FMT_TEXT);
	assert_true(!strncmp(s, "uabi compat report\n", 19));
	free(s);
	s = render(&v, UABI_FMT_MARKDOWN);
	assert_true(!strncmp(s, "# uabi compat report\n", 21));
	free(s);
	s = render(&v, UABI_FMT_HTML);
	assert_non_null(strstr(s, "<title>uabi compat report</title>"));
	assert_non_null(strstr(s, "<h1>uabi compat report</h1>"));
	free(s);
	s = render(&v, UABI_FMT_JSON);
	assert_non_null(strstr(s, "\"command\": \"compat\""));
	free(s);

	x86_items[3].name = "__KVM_INTERNAL_OP";
	s = render(&report, UABI_FMT_TEXT);
	assert_non_null(strstr(s, "\n  __KVM_INTERNAL_OP (internal)  number-differs "));
	assert_non_null(strstr(s, "\n  __KVM_INTERNAL_OP (internal): number-differs, kernel not-handled\n"));
	free(s);
	s = render(&report, UABI_FMT_MARKDOWN);
	assert_non_null(strstr(s, " (internal)"));
	free(s);
	s = render(&report, UABI_FMT_HTML);
	assert_non_null(strstr(s, "__KVM_INTERNAL_OP <small>(internal)</small>"));
	free(s);
	x86_items[3].name = name;
}

static void test_deterministic(void **state)
{
	for (int f = UABI_FMT_TEXT; f <= UABI_FMT_SARIF; f++) {
		char *a = render(&report, f), *b = render(&report, f);

		assert_string_equal(a, b);
		free(a);
		free(b);
	}
}

static void test_empty_report(void **state)
{
	struct uabi_report r = { .fail_on = UABI_FAIL_NEVER };

	for (int f = UABI_FMT_TEXT; f <= UABI_FMT_SARIF; f++) {
		char *s = render(&r, f);

		assert_true(strlen(s) > 0);
		if (f == UABI_FMT_JSON || f == UABI_FMT_SARIF)
			json_decref(parse(s));
		free(s);
	}
}

static void test_formats(void **state)
{
	static const char *const names[] = { "text", "json", "markdown", "html", "sarif" };
	struct uabi_diag d;

	for (int f = UABI_FMT_TEXT; f <= UABI_FMT_SARIF; f++) {
		assert_string_equal(uabi_format__str(f), names[f]);
		assert_int_equal(uabi_format__parse(names[f]), f);
	}
	assert_int_equal(uabi_format__parse("yaml"), -1);
	assert_int_equal(uabi_format__parse("Text"), -1);
	assert_int_equal(uabi_format__parse(NULL), -1);
	uabi_diag__clear(&d);
	assert_null(uabi_render(&report, (enum uabi_format)42, &d));
	assert_string_equal(d.msg, "report: unknown format 42");
}

/* ---- the JSON writer ------------------------------------------------------- */

static void test_jsonw(void **state)
{
	struct uabi_jw w;
	struct uabi_jnode *root = uabi_jw__init(&w), *a;
	struct uabi_diag d;
	char *s;

	uabi_jw__str(&w, root, "z", "last");
	uabi_jw__u64(&w, root, "a", UINT64_MAX);
	uabi_jw__str(&w, root, "m", "q\"b\\s/\b\f\n\r\t\x01\x1f\x7f é € 𝄞 \xff\xc3 \xe0\x80\x80 \xed\xa0\x80");
	uabi_jw__null(&w, root, "n");
	uabi_jw__bool(&w, root, "b", false);
	uabi_jw__obj(&w, root, "e");
	a = uabi_jw__arr(&w, root, "l");
	uabi_jw__push_str(&w, a, "x");
	uabi_jw__push_str(&w, a, NULL);
	uabi_jw__push_obj(&w, a);
	uabi_jw__arr(&w, root, "A");
	s = uabi_jw__text(&w, NULL);
	assert_non_null(s);
	assert_string_equal(s,
		"{\n"
		" \"A\": [],\n"
		" \"a\": 18446744073709551615,\n"
		" \"b\": false,\n"
		" \"e\": {},\n"
		" \"l\": [\n"
		"  \"x\",\n"
		"  null,\n"
		"  {}\n"
		" ],\n"
		/* what is not printable is the text \xNN (uabi_escape), newline and
		 * tab stay JSON escapes */
		" \"m\": \"q\\\"b\\\\s/\\\\x08\\\\x0c\\n\\\\x0d\\t\\\\x01\\\\x1f\\\\x7f é € 𝄞 "
		"\\\\xff\\\\xc3 \\\\xe0\\\\x80\\\\x80 \\\\xed\\\\xa0\\\\x80\",\n"
		" \"n\": null,\n"
		" \"z\": \"last\"\n"
		"}\n");
	free(s);

	/* a key set twice is an error, not an overwrite */
	uabi_jw__str(&w, root, "n", "again");
	uabi_diag__clear(&d);
	assert_null(uabi_jw__text(&w, &d));
	assert_string_equal(d.msg, "report: json: key 'n' set twice");
	uabi_jw__free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_markdown_escaping),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_sarif),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_view),
		cmocka_unit_test(test_title_and_internal),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_empty_report),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_jsonw),
		cmocka_unit_test(test_multi_text),
		cmocka_unit_test(test_multi_markdown),
		cmocka_unit_test(test_multi_json),
		cmocka_unit_test(test_multi_input_headers),
		cmocka_unit_test(test_multi_sarif),
		cmocka_unit_test(test_multi_html),
		cmocka_unit_test(test_multi_deterministic),
		cmocka_unit_test(test_big_html),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
