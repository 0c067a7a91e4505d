// SPDX-License-Identifier: MIT
/*
 * Terminal report: the architecture summary first (the table people pass
 * around, with the kernel's answer in it; counts are ioctls, see
 * report.h), a pairs x verdicts table, then per pair the ioctls that are
 * not identical (with --only actionable: those to act on) with what to do
 * and their member-level findings (values in the parent, and the byte
 * from the start), the roots, and last the input and the --fail-on
 * outcome (the last line a CI log shows). Aligned columns, ASCII only, no
 * colour.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "render.h"
#include "rpriv.h"

#define NUM 32	/* room for a formatted number */

/* Words of s at indent, lines of at most 96 columns. */
static void wrap(struct uabi_sbuf *b, const char *s, unsigned indent)
{
	size_t col = 0;

	while (*s) {
		size_t n = strcspn(s, " ");

		if (col && col + 1 + n > 96) {
			uabi_sbuf__addc(b, '\n');
			col = 0;
		}
		if (!col) {
			uabi_sbuf__pad(b, ' ', indent);
			col = indent;
		} else {
			uabi_sbuf__addc(b, ' ');
			col++;
		}
		uabi_sbuf__addf(b, "%.*s", (int)n, s);
		col += n;
		s += n;
		while (*s == ' ')
			s++;
	}
	if (col)
		uabi_sbuf__addc(b, '\n');
}

static void arch_summary(const struct uabi_report *r, struct uabi_sbuf *b)
{
	struct uabi_table t;

	uabi_sbuf__adds(b, "Architectures\n");
	if (!r->narchs) {
		uabi_sbuf__adds(b, "  none\n");
		return;
	}
	uabi_table__init(&t, 11, 0x7f0);
	uabi_table__row(&t, "arch", "native", "compat ABIs", "KVM_COMPAT", uabi_r__arch_cols[0],
			uabi_r__arch_cols[1], uabi_r__arch_cols[2], uabi_r__arch_cols[3],
			uabi_r__arch_cols[4], uabi_r__arch_cols[5], uabi_r__arch_cols[6]);
	for (uint32_t i = 0; i < r->narchs; i++) {
		const struct uabi_arch_summary *a = &r->archs[i];
		char abis[256] = "-", n[UABI_R_ARCH_NCOUNTS][NUM];
		uint32_t v[UABI_R_ARCH_NCOUNTS];
		size_t pos = 0;

		if (!uabi_r__shows_arch(r, a->arch))
			continue;
		for (uint32_t j = 0; j < a->ncompat && pos < sizeof(abis); j++)
			pos += snprintf(abis + pos, sizeof(abis) - pos, "%s%s", j ? ", " : "",
					a->compat[j]);
		uabi_r__arch_counts(a, v);
		for (int k = 0; k < UABI_R_ARCH_NCOUNTS; k++)
			snprintf(n[k], NUM, "%" PRIu32, v[k]);
		uabi_table__row(&t, a->arch, a->native, abis, uabi_word__kvm_compat(a->kvm_compat),
				n[0], n[1], n[2], n[3], n[4], n[5], n[6]);
	}
	/* KVM arches of the tree that no pair covers: listed, never absent */
	for (uint32_t i = 0; i < r->nunjudged; i++)
		uabi_table__row(&t, r->unjudged[i].arch, "-", "-", "-", "-", "-", "-", "-", "-", "-", "-");
	uabi_table__text(&t, b, 2);
	uabi_table__free(&t);
	wrap(b, uabi_r__arch_note, 2);
	uabi_sbuf__addc(b, '\n');
	for (uint32_t i = 0; i < r->narchs; i++) {
		const struct uabi_kfacts_arch *ka =
			r->kfacts && uabi_report__arch_has_kvm(&r->archs[i])
				? uabi_kfacts__arch(r->kfacts, r->archs[i].arch)
				: NULL;

		if (!uabi_r__shows_arch(r, r->archs[i].arch))
			continue;
		uabi_sbuf__addf(b, "  %s: %s\n", r->archs[i].arch ? r->archs[i].arch : "?",
				r->archs[i].outcome ? r->archs[i].outcome : "-");
		for (uint32_t k = 0; ka && k < ka->nhandled; k++) {
			const struct uabi_khandled *h = &ka->handled[k];

			uabi_sbuf__addf(b, "    compat handler: %s in %s (%s:%u)\n", h->ioctl,
					h->site.function ? h->site.function : "?", h->site.file, h->site.line);
		}
	}
	for (uint32_t i = 0; i < r->nunjudged; i++)
		uabi_sbuf__addf(b, "  %s: %s\n", r->unjudged[i].arch, r->unjudged[i].outcome);
}

static void pair_summary(const struct uabi_report *r, struct uabi_sbuf *b)
{
	struct uabi_table t;

	uabi_sbuf__adds(b, "\nCompat pairs\n");
	if (!r->npairs) {
		uabi_sbuf__adds(b, "  none\n");
		return;
	}
	uabi_table__init(&t, 7, 0x7c);
	uabi_table__row(&t, "pair", "arch", "identical", "number-differs", "layout-differs",
			"pointer-width", "not-applicable");
	for (uint32_t i = 0; i < r->npairs; i++) {
		const struct uabi_compat_pair *p = r->pairs[i].pair;
		char name[256], n[UABI_V__COUNT][NUM];

		if (!uabi_report__shows_pair(r, &r->pairs[i]))
			continue;
		snprintf(name, sizeof(name), "%s -> %s", p->native, p->compat);
		for (int v = 0; v < UABI_V__COUNT; v++)
			snprintf(n[v], NUM, "%" PRIu32, p->counts[v]);
		uabi_table__row(&t, name, p->arch, n[0], n[1], n[2], n[3], n[4]);
	}
	uabi_table__text(&t, b, 2);
	uabi_table__free(&t);
}

static void handler_line(struct uabi_sbuf *b, const struct uabi_report_item *it)
{
	const struct uabi_khandled *h = it->handler;
	char site[512];

	if (!h)
		return;
	uabi_r__site(site, sizeof(site), h->site.file, h->site.line);
	uabi_sbuf__addf(b, "    handled by %s", h->site.function ? h->site.function : "?");
	if (h->label && h->ioctl && strcmp(h->label, h->ioctl))
		uabi_sbuf__addf(b, " (case %s)", h->label);
	uabi_sbuf__addf(b, " at %s\n", site);
}

static void item_detail(struct uabi_sbuf *b, const struct uabi_report *r,
			const struct uabi_report_pair *rp, const struct uabi_report_item *it)
{
	const struct uabi_compat_item *c = it->c;
	const char *file, *arg = uabi_r__item_arg(it);
	char site[512], name[256], todo[1024];
	uint32_t line;
	struct uabi_table t;

	uabi_sbuf__addf(b, "\n  %s: %s, kernel %s\n", uabi_r__display_name(name, sizeof(name), c->name),
			uabi_r__verdict_word(c, site, sizeof(site)), uabi_kstatus__str(it->kstatus));
	file = uabi_r__item_decl(rp, it, &line);
	if (file || arg) {
		uabi_r__site(site, sizeof(site), file, line);
		uabi_sbuf__addf(b, "    declared at %s", site);
		if (arg)
			uabi_sbuf__addf(b, ", argument %s%s", arg, uabi_r__declared_note(c));
		uabi_sbuf__addc(b, '\n');
	}
	handler_line(b, it);
	uabi_r__todo(todo, sizeof(todo), r, rp, it);
	if (todo[0])
		uabi_sbuf__addf(b, "    to do: %s\n", todo);
	if (it->note)
		uabi_sbuf__addf(b, "    kernel: %s\n", it->note);
	if (it->suppressed)
		uabi_sbuf__addf(b, "    suppressed: %s\n", it->suppressed);
	if (c->reason)
		uabi_sbuf__addf(b, "    reason: %s\n", c->reason);
	if (!c->nfindings)
		return;
	uabi_table__init(&t, 6, 0xc);
	uabi_table__row(&t, "path", "kind", rp->pair->native, rp->pair->compat, "byte from start",
			"declared at");
	for (uint32_t i = 0; i < c->nfindings; i++) {
		const struct uabi_finding *f = &c->findings[i];
		char nv[NUM], cv[NUM], at[2 * NUM];

		uabi_r__finding_value(nv, NUM, f->kind, f->native);
		uabi_r__finding_value(cv, NUM, f->kind, f->compat);
		uabi_r__finding_at(at, sizeof(at), f);
		uabi_r__site(site, sizeof(site), f->file, f->line);
		uabi_table__row(&t, uabi_r__finding_path(f), uabi_finding_kind__str(f->kind), nv, cv,
				at, site);
	}
	uabi_table__text(&t, b, 4);
	uabi_table__free(&t);
	if (c->nfindings_total > c->nfindings)
		uabi_sbuf__addf(b, "    ... %" PRIu32 " more findings not kept\n",
				c->nfindings_total - c->nfindings);
}

/* Whether the item gets a row and a detail: not identical, and in view. */
static bool listed(const struct uabi_report *r, const struct uabi_report_item *it)
{
	return uabi_r__item_listed(it) && uabi_r__shows_item(r, it);
}

static void pair_detail(struct uabi_sbuf *b, const struct uabi_report *r,
			const struct uabi_report_pair *rp)
{
	const struct uabi_compat_pair *p = rp->pair;
	uint32_t nlisted = 0, nroots = 0, nuntyped = 0;
	struct uabi_table t;

	uabi_sbuf__addf(b, "\n%s -> %s (%s)\n  verdicts: ", p->native, p->compat, p->arch);
	uabi_r__verdict_counts(b, rp);
	uabi_sbuf__adds(b, "\n  kernel:   ");
	uabi_r__kstatus_counts(b, rp);
	uabi_sbuf__addc(b, '\n');

	uabi_table__init(&t, 7, 0x30);
	uabi_table__row(&t, "ioctl", "verdict", "native number", "compat number", "native size",
			"compat size", "kernel");
	for (uint32_t i = 0; i < rp->nitems; i++) {
		const struct uabi_report_item *it = &rp->items[i];
		const struct uabi_compat_item *c = it->c;
		char nn[NUM], cn[NUM], ns[NUM], cs[NUM], name[256], word[64];

		if (c->is_root) {
			nroots += uabi_r__shows_item(r, it);
			continue;
		}
		if (!uabi_r__item_in_table(it) || !uabi_r__shows_item(r, it))
			continue;
		nlisted++;
		nuntyped += c->untyped;
		uabi_r__number(nn, NUM, c->native);
		uabi_r__number(cn, NUM, c->compat);
		uabi_r__size(ns, NUM, c->native_type, c->native_size);
		uabi_r__size(cs, NUM, c->compat_type, c->compat_size);
		uabi_table__row(&t, uabi_r__display_name(name, sizeof(name), c->name),
				uabi_r__verdict_word(c, word, sizeof(word)), nn, cn, ns, cs,
				uabi_kstatus__str(it->kstatus));
	}
	if (nlisted) {
		uabi_sbuf__addc(b, '\n');
		uabi_table__text(&t, b, 2);
		if (nuntyped)
			uabi_sbuf__addf(b, "  (untyped: %" PRIu32 " ioctl%s whose number does not describe the"
					" argument; declare it with --arg-types)\n", nuntyped,
					nuntyped == 1 ? "" : "s");
	} else if (r->view.only_actionable) {
		uabi_sbuf__adds(b, "  no ioctl to act on\n");
	} else {
		uabi_sbuf__adds(b, "  every ioctl is identical\n");
	}
	uabi_table__free(&t);
	for (uint32_t i = 0; i < rp->nitems; i++)
		if (!rp->items[i].c->is_root && listed(r, &rp->items[i]))
			item_detail(b, r, rp, &rp->items[i]);
	if (!nroots)
		return;

	uabi_sbuf__adds(b, "\n  roots\n");
	uabi_table__init(&t, 5, 0x0c);
	uabi_table__row(&t, "root", "verdict", "native size", "compat size", "kernel");
	for (uint32_t i = 0; i < rp->nitems; i++) {
		const struct uabi_report_item *it = &rp->items[i];
		const struct uabi_compat_item *c = it->c;
		char ns[NUM], cs[NUM];

		if (!c->is_root || !uabi_r__shows_item(r, it))
			continue;
		uabi_r__size(ns, NUM, c->native_type, c->native_size);
		uabi_r__size(cs, NUM, c->compat_type, c->compat_size);
		uabi_table__row(&t, c->name, uabi_verdict__str(c->verdict), ns, cs,
				uabi_kstatus__str(it->kstatus));
	}
	uabi_table__text(&t, b, 2);
	uabi_table__free(&t);
	for (uint32_t i = 0; i < rp->nitems; i++)
		if (rp->items[i].c->is_root && listed(r, &rp->items[i]))
			item_detail(b, r, rp, &rp->items[i]);
}

static void input(const struct uabi_report *r, struct uabi_sbuf *b)
{
	const struct uabi_kfacts *k = r->kfacts;

	uabi_sbuf__adds(b, "\nInput\n");
	uabi_sbuf__addf(b, "  root:        %s\n", r->input_root ? r->input_root : "-");
	uabi_sbuf__adds(b, "  headers:     ");
	for (uint32_t i = 0; i < r->nheaders; i++)
		uabi_sbuf__addf(b, "%s%s", i ? ", " : "", r->headers[i]);
	uabi_sbuf__adds(b, r->nheaders ? "\n" : "-\n");
	uabi_sbuf__addf(b, "  kernel:      %s\n", r->kernel_version ? r->kernel_version : "-");
	if (k) {
		char site[512];

		uabi_r__site(site, sizeof(site), k->kvm_compat_site.file, k->kvm_compat_site.line);
		uabi_sbuf__addf(b, "  kernel tree: %s%s%s\n", site,
				k->kvm_compat_depends ? ": KVM_COMPAT depends on " : "",
				k->kvm_compat_depends ? k->kvm_compat_depends : "");
	} else {
		uabi_sbuf__adds(b, "  kernel tree: none (kernel status unknown)\n");
	}
	uabi_sbuf__addf(b, "  ABIs:        %" PRIu32 " judged: ", r->coverage.ncovered);
	for (uint32_t i = 0; i < r->coverage.ncovered; i++)
		uabi_sbuf__addf(b, "%s%s", i ? ", " : "", r->coverage.covered[i]);
	uabi_sbuf__adds(b, r->coverage.ncovered ? "\n" : "-\n");
	uabi_sbuf__addf(b, "  skipped:     %s", r->coverage.nskipped ? "" : "none\n");
	for (uint32_t i = 0; i < r->coverage.nskipped; i++)
		uabi_sbuf__addf(b, "%s%s: %s\n", i ? "               " : "", r->coverage.skipped[i].profile,
				r->coverage.skipped[i].reason);
	uabi_sbuf__addf(b, "  tool:        uabi %s\n", uabi_r__tool_version(r));
	uabi_sbuf__addf(b, "  fail-on:     %s: %" PRIu32 " failing item%s\n",
			uabi_fail_on__str(r->fail_on), r->nfailing, r->nfailing == 1 ? "" : "s");
}

/* The view's filters, when any: a reader must know what was left out. */
static void view(const struct uabi_report *r, struct uabi_sbuf *b)
{
	if (r->view.archs) {
		uabi_sbuf__adds(b, "only arch ");
		for (uint32_t i = 0; i < r->view.narchs; i++)
			uabi_sbuf__addf(b, "%s%s", i ? ", " : "", r->view.archs[i]);
		uabi_sbuf__adds(b, r->view.only_actionable ? "; " : "\n");
	}
	if (r->view.only_actionable)
		uabi_sbuf__adds(b, "only actionable items: those that fail --fail-on or need "
			       "translation on a compat path, each with what to do\n");
}

char *uabi_render__text(const struct uabi_report *r, struct uabi_diag *d)
{
	struct uabi_sbuf b;

	uabi_sbuf__init(&b);
	uabi_sbuf__addf(&b, "%s\n", uabi_r__title(r));
	view(r, &b);
	uabi_sbuf__addc(&b, '\n');
	arch_summary(r, &b);
	pair_summary(r, &b);
	for (uint32_t i = 0; i < r->npairs; i++)
		if (uabi_report__shows_pair(r, &r->pairs[i]))
			pair_detail(&b, r, &r->pairs[i]);
	input(r, &b);
	return uabi_sbuf__finish(&b, d);
}
