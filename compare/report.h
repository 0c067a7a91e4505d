/* SPDX-License-Identifier: MIT */
/*
 * The check report: compat pairs with verdicts, placed against the kernel
 * facts when a kernel tree is known, and the per-architecture summary that
 * every format shows first. Pure: built from compat pairs and kfacts.
 *
 * Placement rules (docs/kernel-facts.md):
 *  - The KVM facts apply to KVM items only: an ioctl whose _IOC_TYPE is
 *    KVMIO (0xAE) and whose macro is defined in linux/kvm.h or asm/kvm.h,
 *    and the root struct kvm_run (the one mmap'd root).
 *  - Every other ioctl is placed by the whole tree's facts (kfacts->kio,
 *    ioctls.h) on the pair's arch: handled -> handled when the layout
 *    differs (the handler site and label), native-ok when not; passed
 *    through -> not-handled when the layout differs (a probable bug: the
 *    native code reads the 32-bit bytes), native-ok when not; not
 *    available -> not-available; unknown -> unknown. The note says why,
 *    with the evidence. Without those facts (a tree of uapi headers only)
 *    such an item keeps kernel status unknown with a note saying so:
 *    never a pass (it fails the default --fail-on when its verdict needs
 *    translation, like every unknown), and never "no-kvm-compat". Other
 *    roots than struct kvm_run stay unknown.
 *  - Not a KVM item, passed through, the same number on both ABIs: the
 *    same test of members, with "the command's code on the arch never
 *    reads it (uabi_kio__member_read), nor a member over the same bytes
 *    not named as reserved space" for "the arch never uses it": when
 *    every counting finding is in such a member, not-used (btrfs's
 *    qgroup_inherit on BTRFS_IOC_RM_DEV_V2: only the code under
 *    BTRFS_IOC_SNAP_CREATE_V2's label names it).
 *  - Members the arch never uses: a finding that counts for the verdict
 *    (not an arm-size, tail-padding or alignment note, not the argument
 *    type itself) is "unused on the arch" when its path goes through a
 *    member that the KVM code of the pair's arch and the generic code never
 *    reference (uabi_kfacts__member_used). The members tested are the
 *    first one of the path (a member of the root or argument, e.g.
 *    riscv_sbi of riscv_sbi.args[0]) and every later one that is an arm of
 *    a union; the outermost unused one is the unit named in the report,
 *    with where the tree uses it (uabi_report_unused). When every counting
 *    finding of a layout-differs or pointer-width item is unused and the
 *    finding list is complete, the item's kernel status is not-used (rank
 *    0: it does not fail): struct kvm_run on x86_64->x32, ppc64->ppc32 and
 *    mips64->mipso32/mipsn32 in 6.1, where only riscv_sbi and riscv_csr
 *    differ. A number-differs item keeps its status: the 32-bit command is
 *    another number whatever members it carries. Without a tree nothing
 *    is unused (unknown, never guessed).
 *  - Architectures the tree has KVM code for (arch/A/kvm) but no pair of
 *    the run covers are listed (uabi_report.unjudged): not judged, because
 *    uabi has no profile for them (LoongArch in 6.12) or the run did not
 *    select one.
 */
#ifndef UABI_REPORT_H
#define UABI_REPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "compat.h"
#include "../kernel/kfacts.h"
#include "suppress.h"

/* Where the kernel leaves an item of a pair (one per item). */
enum uabi_kstatus {
	UABI_K_UNKNOWN,		/* no kernel tree: facts unknown (never guessed) */
	UABI_K_NOT_APPLICABLE,	/* verdict not-applicable */
	UABI_K_NO_KVM_COMPAT,	/* arch has no KVM compat: 32-bit callers cannot open /dev/kvm */
	UABI_K_NOT_DISPATCHED,	/* this arch's KVM does not implement the ioctl; not KVM's:
				 * the tree rejects it for every caller (ioctls.h) */
	UABI_K_NATIVE_OK,	/* identical: the native handler serves compat callers */
	UABI_K_HANDLED,		/* needs translation, and a compat handler translates it */
	UABI_K_NOT_HANDLED,	/* needs translation, KVM_COMPAT=y, no handler: a bug */
	UABI_K_UNTRANSLATABLE,	/* an mmap'd root that differs: no handler can translate it */
	UABI_K_NOT_USED,	/* differs only in members the arch's KVM code never uses,
				 * or (not KVM) the command's code never reads */
	UABI_K_NOT_JUDGED,	/* not compared: its header was skipped on one ABI of the
				 * pair (uabi_compat_item.not_judged); fails no --fail-on
				 * level (it would fail every pair of an ABI without a C
				 * library), but check warns and the reports show it */
	UABI_K_NOT_AVAILABLE,	/* not a KVM ioctl, and the file_operations that reaches
				 * its handler has no .compat_ioctl: a 32-bit caller gets
				 * -ENOTTY (ioctls.h); fails --fail-on translation when
				 * the layout differs, nothing by default */
	UABI_K__COUNT,
};

/* --fail-on levels, lowest first. An item fails at level L when its rank
 * (uabi_report__rank) is >= L. */
enum uabi_fail_on {
	UABI_FAIL_NEVER,	/* exit 0 whatever the findings */
	UABI_FAIL_NOT_HANDLED,	/* default: needs translation and not handled (or unknown) */
	UABI_FAIL_TRANSLATION,	/* any item that needs translation, handled or not */
};

/* A member of an item that the pair's arch never uses, and the evidence. */
struct uabi_report_unused {
	const char *member;		/* path to it from the argument: "riscv_sbi", "xen.u.hcall" */
	const struct uabi_kmember *uses;	/* KVM: its references in the tree (other
						 * arches), borrowed */
	uint32_t nuses;
	uint32_t nfindings;		/* counting findings inside it */
	/* Not a KVM item: the command's code never reads it; where the tree
	 * names it and the switch that reaches that code under other
	 * commands' labels only (ioctls.h) */
	bool kio;
	struct uabi_kio_member read;
};

struct uabi_report_item {
	const struct uabi_compat_item *c;	/* borrowed from the pair */
	enum uabi_kstatus kstatus;
	const struct uabi_khandled *handler;	/* when HANDLED */
	const char *suppressed;		/* reason of the suppression that accepted it, or NULL */
	bool kvm;			/* a KVM ioctl or struct kvm_run: the kernel facts apply */
	/* One sentence on the kernel status beyond the handler, or NULL: why
	 * the facts do not apply (not a KVM ioctl), or the members unused on
	 * the arch with where they are used ("not used on x86: riscv_sbi (used
	 * only in arch/riscv/kvm/vcpu_sbi.c:62)"). */
	const char *note;
	struct uabi_report_unused *unused;	/* outermost first, path order */
	uint32_t nunused;
	/* Not a KVM item, with a whole tree: what the tree says about the
	 * command on the pair's arch (ioctls.h), in the report's arena;
	 * NULL otherwise. */
	const struct uabi_kio_place *facts;
};

/* The ioctls of a pair that one header defines (the macro's decl_file,
 * native side else compat: include/uapi/linux/fs.h), for the reports of a
 * multi-header run. */
struct uabi_report_group {
	const char *file;		/* NULL: no decl_file in the dumps */
	uint32_t *items;		/* indices into the pair's items, name order */
	uint32_t nitems;
	uint32_t counts[UABI_V__COUNT];	/* per verdict */
};

struct uabi_report_pair {
	const struct uabi_compat_pair *pair;	/* borrowed */
	struct uabi_report_item *items;		/* same order as pair->items */
	uint32_t nitems;
	uint32_t kcounts[UABI_K__COUNT];	/* ioctls only */
	struct uabi_report_group *groups;	/* ioctls by header, by file (strcmp, NULL
						 * last); built by uabi_report__build */
	uint32_t ngroups;
};

/* An ABI a run did not judge, and why ("s390x-linux-gnu-gcc not found"). */
struct uabi_skip {
	const char *profile;
	const char *reason;
};

/* Which ABIs a report judged and which it skipped: every format says so,
 * so that a CI gate can tell 14 judged ABIs from 15. */
struct uabi_coverage {
	const char **covered;		/* profile names, in pair (table) order */
	uint32_t ncovered;
	struct uabi_skip *skipped;	/* in table order */
	uint32_t nskipped;
};

/* One judged ABI's headers in a multi-header run (uabi check --all), from
 * its dump: the headers judged (input.headers) and skipped
 * (input.skipped), the ioctls defined (and of those, the ones whose
 * argument type exists on the ABI). */
struct uabi_header_abi {
	const char *profile;
	uint32_t judged;
	uint32_t skipped;
	uint32_t ioctls;
	uint32_t applicable;
};

/* A header some ABIs skipped for one reason (the compiler's words), and
 * which ABIs: one per (header, reason). */
struct uabi_header_skip {
	const char *header;		/* as included: linux/videodev2.h */
	const char *reason;
	const char **abis;		/* profile names, coverage order */
	uint32_t nabis;
};

/* Header coverage of a run. shown: some dump skipped a header or judged
 * more than one; the reports then show the coverage table and group the
 * ioctls of each pair by header. A one-header run (the KVM job) shows
 * neither, its reports unchanged. */
struct uabi_header_coverage {
	bool shown;
	struct uabi_header_abi *abis;	/* coverage.covered order */
	uint32_t nabis;
	struct uabi_header_skip *skipped;	/* by header, then reason (strcmp) */
	uint32_t nskipped;
};

/* An ioctl that needs translation and that no compat handler translates,
 * with the compat ABIs where that is so ("i386, x32"). */
struct uabi_arch_gap {
	const char *ioctl;
	const char *abis;		/* comma list, pair order */
	const char **abi;		/* the same, one name each */
	uint32_t nabi;
};

/* One row of the architecture summary. Counts are ioctls (distinct
 * names over the arch's compat ABIs), never items: KVM_MEMORY_ENCRYPT_OP
 * not handled on i386 and on x32 is one ioctl. An ioctl falls in one of
 * identical (identical on every compat ABI where it is applicable),
 * needs_translation (needs it on at least one) or not_applicable (on
 * none). needs_translation splits by what the kernel does, the worst ABI
 * deciding: not_handled (some ABI reaches KVM and no handler translates
 * it), unknown (no kernel tree), handled (translated wherever it differs),
 * not_dispatched (the arch's KVM does not implement it); on an arch
 * without KVM_COMPAT none of these four applies. */
struct uabi_arch_summary {
	const char *arch;		/* x86 */
	const char *native;		/* x86_64 */
	const char **compat;		/* i386, x32 */
	uint32_t ncompat;
	int kvm_compat;			/* 1 y, 0 n, -1 unknown (no tree) */
	const char *outcome;		/* one sentence: what a 32-bit caller (a VMM for KVM) gets here */
	uint32_t identical;		/* ioctls identical on every ABI where applicable */
	uint32_t untyped;		/* ... of them, untyped on every such ABI (_IO: the number
					 * names no argument, so identical says nothing of it) */
	uint32_t needs_translation;	/* ioctls that need translation on some ABI */
	uint32_t handled;		/* ... translated by a compat handler wherever needed */
	uint32_t not_handled;		/* ... not translated on some ABI that reaches KVM */
	uint32_t unknown;		/* ... kernel unknown (no kernel tree) */
	uint32_t not_applicable;	/* ioctls applicable on no compat ABI of the arch */
	uint32_t not_dispatched;	/* ... needing translation, not dispatched by the arch */
	uint32_t native_ok;		/* ... needing translation, read right as they are on
					 * every ABI (DRM's zero-fill, drm_noop) */
	uint32_t not_used;		/* ... needing translation, at worst not-used (the
					 * differing members never read) */
	uint32_t no_kvm_compat;		/* ... needing translation, KVM's, on an arch
					 * without KVM_COMPAT (at worst no-kvm-compat) */
	uint32_t not_available;		/* ... needing translation, not KVM's, and no
					 * .compat_ioctl reaches it (-ENOTTY) */
	uint32_t not_available_identical;	/* identical ioctls no .compat_ioctl reaches on
						 * some ABI: unusable from 32-bit all the same */
	struct uabi_arch_gap *gaps;	/* the not_handled ioctls, by name */
	uint32_t ngaps;
	uint32_t not_kvm;		/* ioctls the KVM facts do not apply to and no whole
					 * tree placed (status unknown) */
	uint32_t other;			/* ioctls that are not KVM's, placed by the whole
					 * tree's facts (kfacts->kio) */
	uint32_t not_kvm_translation;	/* ... of them, those that need translation */
};

/* A KVM arch of the tree that no pair of the run covers. */
struct uabi_arch_unjudged {
	const char *arch;		/* loongarch */
	const char *outcome;		/* "no uabi profile: not judged (...)" */
};

/* What the text, markdown and html writers show (json and sarif always
 * show everything). Set by the caller after uabi_report__build. */
struct uabi_report_view {
	bool only_actionable;	/* only items with uabi_report__actionable() */
	const char **archs;	/* kernel arch dirs to show, NULL: all */
	uint32_t narchs;
};

struct uabi_report {
	struct uabi_arena arena;
	const char *command;		/* "check" (NULL reads check) or "compat": the title */
	const char *tool_version;
	const char *input_root;		/* as the dumps give it */
	const char *kernel_version;
	const char **headers;
	uint32_t nheaders;
	const struct uabi_kfacts *kfacts;	/* borrowed, NULL without a kernel tree */
	struct uabi_report_pair *pairs;
	uint32_t npairs;
	struct uabi_arch_summary *archs;	/* one per native profile, pair order */
	uint32_t narchs;
	enum uabi_fail_on fail_on;
	uint32_t nfailing;		/* items at or above fail_on */
	struct uabi_coverage coverage;	/* in the arena; by default the pairs' profiles */
	struct uabi_header_coverage hcov;	/* from the pairs' dumps, in the arena */
	struct uabi_report_view view;	/* borrowed strings; zero: show everything */
	struct uabi_arch_unjudged *unjudged;	/* sorted by arch; none without a tree */
	uint32_t nunjudged;
};

/* How many items of the report are not judged (UABI_K_NOT_JUDGED), and on
 * how many pairs (*npairs, if not NULL). */
uint32_t uabi_report__not_judged(const struct uabi_report *r, uint32_t *npairs);

/* Build a report over compat pairs (borrowed) and optional kernel facts
 * (borrowed: they must outlive the report). */
int uabi_report__build(struct uabi_report *r, const struct uabi_compat_pair *pairs,
		       uint32_t npairs, const struct uabi_kfacts *kfacts, enum uabi_fail_on fail_on,
		       struct uabi_diag *d);
void uabi_report__free(struct uabi_report *r);
/* Record the ABIs the run skipped (copied into the report): skipped[i]
 * names a profile and the reason. A skipped profile that a pair also
 * names stays covered. 0 or -ENOMEM with d set. */
int uabi_report__add_skipped(struct uabi_report *r, const struct uabi_skip *skipped, uint32_t n,
			     struct uabi_diag *d);
/* Accept known items: an entry whose rule is the item's kernel status word
 * (not-handled, untranslatable, unknown, handled), whose ioctl (ioctls) or
 * type (roots) is the item's name and whose profile, if given, is the
 * pair's compat ABI marks the failing item suppressed (it leaves
 * nfailing). member is not used. Entries count their uses (s->v[].used). */
void uabi_report__suppress(struct uabi_report *r, struct uabi_suppress *s);
/* Failure rank of an item: 0 fine, 1 translation needed and handled,
 * 2 translation needed and not handled (or unknown, or untranslatable). */
int uabi_report__rank(const struct uabi_report_item *it);
/* The one rule of --fail-on: whether the item fails a gate at level f
 * (never: nothing; not-handled: rank 2; translation: rank 1 or 2). A
 * suppressed item never fails. nfailing counts the items this says yes to. */
bool uabi_report__fails(enum uabi_fail_on f, const struct uabi_report_item *it);
/* Whether a reader porting a 32-bit VMM must act on the item: it fails the
 * report's --fail-on, or it needs translation and reaches a compat path
 * (rank 1 or 2: handled, not handled, unknown, an untranslatable root). */
bool uabi_report__actionable(const struct uabi_report *r, const struct uabi_report_item *it);
/* Whether the view shows the item's pair (its arch is in view.archs). */
bool uabi_report__shows_pair(const struct uabi_report *r, const struct uabi_report_pair *rp);
/* Whether the KVM facts apply: to an ioctl of type KVMIO (0xAE, the dump's
 * type_field) declared in linux/kvm.h or asm/kvm.h (decl_file), and to the
 * root struct kvm_run. */
bool uabi_report__is_kvm_ioctl(const struct uabi_ioctl *io);
bool uabi_report__is_kvm_item(const struct uabi_compat_item *c);
/* Whether an arch row judges any KVM ioctl (with a tree: not every applicable
 * ioctl is outside KVM); its KVM compat handlers are shown only then. */
bool uabi_report__arch_has_kvm(const struct uabi_arch_summary *a);
const char *uabi_kstatus__str(enum uabi_kstatus k);
const char *uabi_fail_on__str(enum uabi_fail_on f);
int uabi_fail_on__parse(const char *s);	/* "never", "not-handled", "translation"; -1 if unknown */

#endif
