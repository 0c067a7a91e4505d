/* SPDX-License-Identifier: MIT */
/*
 * What the report writers share (private to render/): the words of the
 * report's enums, the facts every format derives from an item (decl site,
 * display of a finding's values), an aligned table for text and markdown.
 * Enum words come from the compare modules (uabi_verdict__str, ...).
 */
#ifndef UABI_RPRIV_H
#define UABI_RPRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../compare/report.h"
#include "../core/arena.h"
#include "../core/diag.h"
#include "../core/sbuf.h"

/* arch summary kvm_compat: 1 "yes", 0 "no", else "unknown". */
const char *uabi_word__kvm_compat(int kvm_compat);

/* The tool version the report names (the report's, else the build's). */
const char *uabi_r__tool_version(const struct uabi_report *r);
/* Declaration site of an item: the ioctl macro (native side, else compat)
 * or, for a root, its type's decl from the dumps when they are at hand.
 * NULL if unknown. */
const char *uabi_r__item_decl(const struct uabi_report_pair *rp, const struct uabi_report_item *it,
			      uint32_t *line);
/* Argument type as written ("struct kvm_dirty_log"), NULL if none. */
const char *uabi_r__item_arg(const struct uabi_report_item *it);
/* A finding's path for display: "(ioctl)" for number/_IOC_SIZE findings
 * on the command, "(type)" for the type itself, else the path. */
const char *uabi_r__finding_path(const struct uabi_finding *f);
/* A finding's value for display: hex for numbers, present/absent for
 * missing members, type kinds by word, else decimal. */
void uabi_r__finding_value(char *buf, size_t len, enum uabi_finding_kind k, uint64_t v);
/* Where a finding sits from the start of the argument or root, in bytes:
 * "40" when both sides agree, "40 vs 36", "-" for none (see compat.h). */
void uabi_r__finding_at(char *buf, size_t len, const struct uabi_finding *f);
/* The report's title by the command that made it: "uabi check report",
 * "uabi compat report". */
const char *uabi_r__title(const struct uabi_report *r);
/* "file:line" (or "file", or "-") into buf. */
void uabi_r__site(char *buf, size_t len, const char *file, uint32_t line);
/* An ioctl number in hex ("0x4010ae42"), "-" if the side lacks the ioctl
 * or it is not applicable there. */
void uabi_r__number(char *buf, size_t len, const struct uabi_ioctl *io);
/* An argument size in bytes, "-" if the side has no argument type. */
void uabi_r__size(char *buf, size_t len, uint32_t type, uint64_t size);
/* Per-verdict counts of a pair's ioctls: "identical 1, number-differs 0, ..." */
void uabi_r__verdict_counts(struct uabi_sbuf *b, const struct uabi_report_pair *rp);
/* Non-zero kernel status counts: "native-ok 1, handled 1"; "none" if all 0. */
void uabi_r__kstatus_counts(struct uabi_sbuf *b, const struct uabi_report_pair *rp);
/* Whether an item is listed in detail: anything but identical. */
bool uabi_r__item_listed(const struct uabi_report_item *it);
/* The architecture table's count columns, in order (identical, of them
 * untyped, to translate, its four kernel outcomes, not applicable), and the sentence
 * every format prints under the table: what the counts count. */
#define UABI_R_ARCH_NCOUNTS 8
/* The index of "not handled", the column a reader must not miss. */
#define UABI_R_ARCH_NOT_HANDLED 4
extern const char *const uabi_r__arch_cols[UABI_R_ARCH_NCOUNTS];
const char *uabi_r__arch_note(const struct uabi_report *r);
/* The counts of an arch row, in uabi_r__arch_cols order. */
void uabi_r__arch_counts(const struct uabi_arch_summary *a, uint32_t out[UABI_R_ARCH_NCOUNTS]);
/* Whether the view shows the arch row (view.archs names it, or is NULL). */
bool uabi_r__shows_arch(const struct uabi_report *r, const char *arch);
/* Whether the view shows an item of a pair: the pair's arch is shown and,
 * with --only actionable, the item is actionable. */
bool uabi_r__shows_item(const struct uabi_report *r, const struct uabi_report_item *it);
/* A name for a table cell: "__KVM_DEPRECATED_VCPU_W_0x87 (internal)" for
 * a name starting with "__" (not meant for user space), else the name. */
const char *uabi_r__display_name(char *buf, size_t len, const char *name);
/* What a porter does about an item (the --only actionable view): which
 * compat function to add a case to, decided from the function that
 * dispatches the native ioctl (kvm_vcpu_ioctl / kvm_arch_vcpu_ioctl:
 * kvm_vcpu_compat_ioctl; kvm_vm_ioctl: kvm_vm_compat_ioctl;
 * kvm_arch_vm_ioctl: kvm_arch_vm_compat_ioctl), that it is translated
 * already, that an mmap'd layout cannot be translated, or that the kernel
 * tree is needed to tell. Into buf; "" when nothing is to be done. */
void uabi_r__todo(char *buf, size_t len, const struct uabi_report *r,
		  const struct uabi_report_pair *rp, const struct uabi_report_item *it);
/* Whether an item has a row in the text and markdown tables: the listed
 * ones, and the untyped ioctls ("identical (untyped)": the number says
 * nothing about the argument, so identical is no verdict on it). */
bool uabi_r__item_in_table(const struct uabi_report_item *it);
/* The verdict as tables show it: "identical (untyped)" for an untyped
 * ioctl, else the verdict's word. Writes buf; returns it. */
const char *uabi_r__verdict_word(const struct uabi_compat_item *c, char *buf, size_t len);
/* ", declared by --arg-types" after the argument of an item whose type the
 * user declared, else "". */
const char *uabi_r__declared_note(const struct uabi_compat_item *c);
/* Index of the arch summary a pair belongs to, or -1. */
int uabi_r__pair_arch(const struct uabi_report *r, const struct uabi_report_pair *rp);

/* Whether the report is of a multi-header run (report.h, hcov.shown):
 * every format then shows the header coverage and the items that fail
 * first, and groups each pair's ioctls by header. */
bool uabi_r__multi(const struct uabi_report *r);

/* An ioctl (or root) that fails --fail-on on some pair: one per (header,
 * name), the pairs where it fails and the verdicts and kernel statuses it
 * has there. */
struct uabi_r_failing {
	const char *name;
	const char *file;	/* the macro's header (a root's type's), NULL if unknown */
	bool root;
	const uint32_t *pairs;	/* indices into r->pairs, ascending */
	uint32_t npairs;
	uint32_t verdicts;	/* bit v set: verdict v on one of those pairs */
	uint32_t kstatus;	/* bit k set: kernel status k on one of them */
};

struct uabi_r_failing_list {
	struct uabi_r_failing *v;	/* by file (NULL last), then roots after ioctls, name */
	uint32_t n;
	uint32_t nitems;		/* failing items counted in v */
	uint32_t *store;
};

/* The failing items of r by (header, name); only the pairs the view shows
 * when view is set (text, markdown, html), every pair otherwise (json,
 * sarif). 0 or -ENOMEM; free with uabi_r__failing_free (also after an error). */
int uabi_r__failing(const struct uabi_report *r, bool view, struct uabi_r_failing_list *out);
void uabi_r__failing_free(struct uabi_r_failing_list *l);
/* The compat ABIs of f's pairs, "i386, x32", into buf. */
void uabi_r__failing_abis(char *buf, size_t len, const struct uabi_report *r,
			  const struct uabi_r_failing *f);
/* The words of a verdict (kernel status) bit set, "number-differs,
 * layout-differs", in enum order, into buf. */
void uabi_r__verdict_set(char *buf, size_t len, uint32_t bits);
void uabi_r__kstatus_set(char *buf, size_t len, uint32_t bits);
/* Items of a header group that fail --fail-on. */
uint32_t uabi_r__group_failing(const struct uabi_report *r, const struct uabi_report_pair *rp,
			       const struct uabi_report_group *g);
/* A header group's count line: "25 ioctls: identical 20, number-differs
 * 5; 5 failing" (verdicts that occur, in enum order; failing when any). */
void uabi_r__group_counts(char *buf, size_t len, const struct uabi_report *r,
			  const struct uabi_report_pair *rp, const struct uabi_report_group *g);
/* A group's header for display: its file, "(unknown)" when none. */
const char *uabi_r__group_file(const struct uabi_report_group *g);
/* The ABIs that skipped a header: "all" when every judged ABI did, else
 * "i386, x32", into buf. */
void uabi_r__skip_abis(char *buf, size_t len, const struct uabi_report *r,
		       const struct uabi_header_skip *s);
/* The sentence under the coverage table: what its columns count. */
extern const char uabi_r__hcov_note[];

struct uabi_table;
/* The ioctl rows of a pair's table: the items of group g (every item of
 * rp when g is NULL) that are no root, belong in a table and the view
 * shows, each given to row(t, it); returns how many, and adds the untyped
 * ones among them to *nuntyped. */
uint32_t uabi_r__table_rows(const struct uabi_report *r, const struct uabi_report_pair *rp,
			    const struct uabi_report_group *g, struct uabi_table *t,
			    void (*row)(struct uabi_table *t, const struct uabi_report_item *it),
			    uint32_t *nuntyped);

struct uabi_jw;
struct uabi_jnode;
/* The header coverage as JSON members of o (json's "headers", SARIF's
 * run.properties.header_coverage): "abis" (per ABI: judged, skipped,
 * ioctls, applicable) and "skipped" (header, reason, abis). */
void uabi_r__coverage_jw(struct uabi_jw *w, struct uabi_jnode *o, const struct uabi_report *r);

/* Text of a text-like format (text, markdown, html) with every byte that
 * is not printable escaped (uabi_escape, newlines kept); takes text
 * (freed), returns the result or NULL with d set (text NULL: NULL). */
char *uabi_r__safe(char *text, struct uabi_diag *d);

struct uabi_table;
/* The ioctl rows of a pair's table: the items of group g (every item of
 * rp when g is NULL) that are no root, belong in a table and the view
 * shows, each given to row(t, it); returns how many, and adds the untyped
 * ones among them to *nuntyped. */
uint32_t uabi_r__table_rows(const struct uabi_report *r, const struct uabi_report_pair *rp,
			    const struct uabi_report_group *g, struct uabi_table *t,
			    void (*row)(struct uabi_table *t, const struct uabi_report_item *it),
			    uint32_t *nuntyped);

struct uabi_jw;
struct uabi_jnode;
/* SARIF coverage of a run (check, diff, lint): run.invocations[0] with a
 * warning notification per skipped ABI ("abi-skipped"), and under the
 * run's properties "skipped": [{profile, reason}]. Returns the
 * notifications array (for more notifications), NULL after a failure. */
struct uabi_jnode *uabi_r__sarif_coverage(struct uabi_jw *w, struct uabi_jnode *run, struct uabi_jnode *props,
			    const struct uabi_skip *skipped, uint32_t nskipped);

/* An aligned table: cells copied into the table's arena. */
struct uabi_table {
	struct uabi_arena arena;
	uint32_t ncols;
	uint32_t right;		/* bit i: column i is right-aligned (numbers) */
	const char **cells;	/* nrows * ncols, row 0 the header */
	uint32_t nrows, cap;
	bool oom;
};

void uabi_table__init(struct uabi_table *t, uint32_t ncols, uint32_t right);
void uabi_table__free(struct uabi_table *t);
/* Append a row of exactly ncols strings (NULL reads ""). */
void uabi_table__row(struct uabi_table *t, ...);
/* Plain text: indent, header, a dashed rule, rows; two spaces between
 * columns, no trailing blanks. */
void uabi_table__text(const struct uabi_table *t, struct uabi_sbuf *b, unsigned indent);
/* GitHub-flavoured markdown, cells padded to align in the source (cells
 * must already be markdown-escaped). */
void uabi_table__markdown(const struct uabi_table *t, struct uabi_sbuf *b);

#endif
