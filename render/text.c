// SPDX-License-Identifier: MIT
/*
 * Terminal report: the architecture summary first (the table people pass
 * around, with the kernel's answer in it; counts are ioctls, see
 * report.h), a pairs x verdicts table, then per pair the ioctls that are
 * not identical (with --only actionable: those to act on) with what to do
 * and their member-level findings (values in the parent, and the byte
 * from the start), the roots, and last the input and the --fail-on
 * outcome (the last line a CI log shows). Aligned columns, ASCII only, no
 * colour. A multi-header run: after the pairs table the items that fail
 * and the header coverage, and each pair's ioctls by header, a count line
 * per header above its table and evidence.
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
	uabi_table__init(&t, 12, 0xff0);
	uabi_table__row(&t, "arch", "native", "compat ABIs", "KVM_COMPAT", uabi_r__arch_cols[0],
			uabi_r__arch_cols[1], uabi_r__arch_cols[2], uabi_r__arch_cols[3],
			uabi_r__arch_cols[4], uabi_r__arch_cols[5], uabi_r__arch_cols[6],
			uabi_r__arch_cols[7]);
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
				n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7]);
	}
	/* KVM arches of the tree that no pair covers: listed, never absent
	 * unless --arch leaves them out */
	for (uint32_t i = 0; i < r->nunjudged; i++)
		if (uabi_r__shows_arch(r, r->unjudged[i].arch))
			uabi_table__row(&t, r->unjudged[i].arch, "-", "-", "-", "-", "-", "-", "-", "-",
					"-", "-", "-");
	uabi_table__text(&t, b, 2);
	uabi_table__free(&t);
	wrap(b, uabi_r__arch_note(r), 2);
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
		if (uabi_r__shows_arch(r, r->unjudged[i].arch))
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
	uabi_table__init(&t, 8, 0xfc);
	uabi_table__row(&t, "pair", "arch", "identical", "untyped", "number-differs",
			"layout-differs", "pointer-width", "not-applicable");
	for (uint32_t i = 0; i < r->npairs; i++) {
		const struct uabi_compat_pair *p = r->pairs[i].pair;
		char name[256], n[UABI_V__COUNT][NUM], nu[NUM];

		if (!uabi_report__shows_pair(r, &r->pairs[i]))
			continue;
		snprintf(name, sizeof(name), "%s -> %s", p->native, p->compat);
		for (int v = 0; v < UABI_V__COUNT; v++)
			snprintf(n[v], NUM, "%" PRIu32, p->counts[v]);
		snprintf(nu, NUM, "%" PRIu32, p->untyped);
		uabi_table__row(&t, name, p->arch, n[0], nu, n[1], n[2], n[3], n[4]);
	}
	uabi_table__text(&t, b, 2);
	uabi_table__free(&t);
}

/* The items that fail --fail-on, once per (header, name), with the compat
 * ABIs where they fail. */
static void failing(const struct uabi_report *r, struct uabi_sbuf *b)
{
	struct uabi_r_failing_list l;
	struct uabi_table t;

	if (uabi_r__failing(r, true, &l)) {
		uabi_r__failing_free(&l);
		b->oom = true;
		return;
	}
	uabi_sbuf__addf(b, "\nFailing --fail-on=%s: %" PRIu32 " item%s, %" PRIu32 " distinct by header and name\n",
			uabi_fail_on__str(r->fail_on), l.nitems, l.nitems == 1 ? "" : "s", l.n);
	if (!l.n) {
		uabi_sbuf__adds(b, "  none\n");
		uabi_r__failing_free(&l);
		return;
	}
	uabi_table__init(&t, 5, 0);
	uabi_table__row(&t, "header", "ioctl", "verdict", "kernel", "fails on");
	for (uint32_t i = 0; i < l.n; i++) {
		const struct uabi_r_failing *f = &l.v[i];
		char name[256], v[256], k[256], abis[1024];

		uabi_r__verdict_set(v, sizeof(v), f->verdicts);
		uabi_r__kstatus_set(k, sizeof(k), f->kstatus);
		uabi_r__failing_abis(abis, sizeof(abis), r, f);
		uabi_table__row(&t, f->file ? f->file : "(unknown)",
				uabi_r__display_name(name, sizeof(name), f->name), v, k, abis);
	}
	uabi_table__text(&t, b, 2);
	uabi_table__free(&t);
	uabi_r__failing_free(&l);
}

/* A multi-header run: per ABI the headers judged and skipped, then each
 * skipped header with the ABIs and the compiler's reason. */
static void header_coverage(const struct uabi_report *r, struct uabi_sbuf *b)
{
	const struct uabi_header_coverage *h = &r->hcov;
	struct uabi_table t;

	uabi_sbuf__adds(b, "\nHeader coverage\n");
	uabi_table__init(&t, 5, 0x1e);
	uabi_table__row(&t, "ABI", "headers judged", "headers skipped", "ioctls", "applicable");
	for (uint32_t i = 0; i < h->nabis; i++) {
		const struct uabi_header_abi *a = &h->abis[i];
		char n[4][NUM];

		snprintf(n[0], NUM, "%" PRIu32, a->judged);
		snprintf(n[1], NUM, "%" PRIu32, a->skipped);
		snprintf(n[2], NUM, "%" PRIu32, a->ioctls);
		snprintf(n[3], NUM, "%" PRIu32, a->applicable);
		uabi_table__row(&t, a->profile, n[0], n[1], n[2], n[3]);
	}
	uabi_table__text(&t, b, 2);
	uabi_table__free(&t);
	wrap(b, uabi_r__hcov_note, 2);
	uabi_sbuf__adds(b, h->nskipped ? "\n  skipped headers:\n" : "\n  skipped headers: none\n");
	for (uint32_t i = 0; i < h->nskipped; i++) {
		char abis[1024];

		uabi_r__skip_abis(abis, sizeof(abis), r, &h->skipped[i]);
		uabi_sbuf__addf(b, "    %s (%s): %s\n", h->skipped[i].header, abis,
				h->skipped[i].reason);
	}
}

static void handler_line(struct uabi_sbuf *b, const struct uabi_report_item *it, unsigned in)
{
	const struct uabi_khandled *h = it->handler;
	char site[512];

	if (!h)
		return;
	uabi_r__site(site, sizeof(site), h->site.file, h->site.line);
	uabi_sbuf__pad(b, ' ', in);
	uabi_sbuf__addf(b, "handled by %s", h->site.function ? h->site.function : "?");
	if (h->label && h->ioctl && strcmp(h->label, h->ioctl))
		uabi_sbuf__addf(b, " (case %s)", h->label);
	uabi_sbuf__addf(b, " at %s\n", site);
}

/* An item's evidence, its first line at indent in (2; 4 in a header
 * group), the rest 2 deeper. */
static void item_detail(struct uabi_sbuf *b, const struct uabi_report *r,
			const struct uabi_report_pair *rp, const struct uabi_report_item *it,
			unsigned in)
{
	const struct uabi_compat_item *c = it->c;
	const char *file, *arg = uabi_r__item_arg(it);
	char site[512], name[256], todo[1024];
	uint32_t line;
	struct uabi_table t;

	uabi_sbuf__addc(b, '\n');
	uabi_sbuf__pad(b, ' ', in);
	uabi_sbuf__addf(b, "%s: %s, kernel %s\n", uabi_r__display_name(name, sizeof(name), c->name),
			uabi_r__verdict_word(c, site, sizeof(site)), uabi_kstatus__str(it->kstatus));
	file = uabi_r__item_decl(rp, it, &line);
	if (file || arg) {
		uabi_r__site(site, sizeof(site), file, line);
		uabi_sbuf__pad(b, ' ', in + 2);
		uabi_sbuf__addf(b, "declared at %s", site);
		if (arg)
			uabi_sbuf__addf(b, ", argument %s%s", arg, uabi_r__declared_note(c));
		uabi_sbuf__addc(b, '\n');
	}
	handler_line(b, it, in + 2);
	uabi_r__todo(todo, sizeof(todo), r, rp, it);
	if (todo[0]) {
		uabi_sbuf__pad(b, ' ', in + 2);
		uabi_sbuf__addf(b, "to do: %s\n", todo);
	}
	if (it->note) {
		uabi_sbuf__pad(b, ' ', in + 2);
		uabi_sbuf__addf(b, "kernel: %s\n", it->note);
	}
	if (it->suppressed) {
		uabi_sbuf__pad(b, ' ', in + 2);
		uabi_sbuf__addf(b, "suppressed: %s\n", it->suppressed);
	}
	if (c->reason) {
		uabi_sbuf__pad(b, ' ', in + 2);
		uabi_sbuf__addf(b, "reason: %s\n", c->reason);
	}
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
	uabi_table__text(&t, b, in + 2);
	uabi_table__free(&t);
	if (c->nfindings_total > c->nfindings) {
		uabi_sbuf__pad(b, ' ', in + 2);
		uabi_sbuf__addf(b, "... %" PRIu32 " more findings not kept\n",
				c->nfindings_total - c->nfindings);
	}
}

/* Whether the item gets a row and a detail: not identical, and in view. */
static bool listed(const struct uabi_report *r, const struct uabi_report_item *it)
{
	return uabi_r__item_listed(it) && uabi_r__shows_item(r, it);
}

/* One row of the ioctl table of a pair (or of a header group). */
static void ioctl_row(struct uabi_table *t, const struct uabi_report_item *it)
{
	const struct uabi_compat_item *c = it->c;
	char nn[NUM], cn[NUM], ns[NUM], cs[NUM], name[256], word[64];

	uabi_r__number(nn, NUM, c->native);
	uabi_r__number(cn, NUM, c->compat);
	uabi_r__size(ns, NUM, c->native_type, c->native_size);
	uabi_r__size(cs, NUM, c->compat_type, c->compat_size);
	uabi_table__row(t, uabi_r__display_name(name, sizeof(name), c->name),
			uabi_r__verdict_word(c, word, sizeof(word)), nn, cn, ns, cs,
			uabi_kstatus__str(it->kstatus));
}

static void ioctl_table_init(struct uabi_table *t)
{
	uabi_table__init(t, 7, 0x30);
	uabi_table__row(t, "ioctl", "verdict", "native number", "compat number", "native size",
			"compat size", "kernel");
}

static void untyped_note(struct uabi_sbuf *b, uint32_t nuntyped)
{
	if (nuntyped)
		uabi_sbuf__addf(b, "  (untyped: %" PRIu32 " ioctl%s whose number does not describe the"
				" argument; declare it with --arg-types)\n", nuntyped,
				nuntyped == 1 ? "" : "s");
}

/* A multi-header run: the pair's ioctls by header, each header with its
 * count line, its table (indent 4) and its items' evidence. */
static void pair_groups(struct uabi_sbuf *b, const struct uabi_report *r,
			const struct uabi_report_pair *rp)
{
	uint32_t nuntyped = 0, nshown = 0;

	for (uint32_t gi = 0; gi < rp->ngroups; gi++) {
		const struct uabi_report_group *g = &rp->groups[gi];
		uint32_t nrows;
		char counts[512];
		struct uabi_table t;

		ioctl_table_init(&t);
		nrows = uabi_r__table_rows(r, rp, g, &t, ioctl_row, &nuntyped);
		/* --only actionable: a header with nothing to act on is left out */
		if (!nrows && r->view.only_actionable) {
			uabi_table__free(&t);
			continue;
		}
		nshown++;
		uabi_r__group_counts(counts, sizeof(counts), r, rp, g);
		uabi_sbuf__addf(b, "\n  %s: %s\n", uabi_r__group_file(g), counts);
		if (nrows)
			uabi_table__text(&t, b, 4);
		uabi_table__free(&t);
		for (uint32_t k = 0; k < g->nitems; k++)
			if (listed(r, &rp->items[g->items[k]]))
				item_detail(b, r, rp, &rp->items[g->items[k]], 4);
	}
	if (!nshown)
		uabi_sbuf__adds(b, r->view.only_actionable ? "  no ioctl to act on\n"
							   : "  no ioctl\n");
	if (nuntyped)
		uabi_sbuf__addc(b, '\n');
	untyped_note(b, nuntyped);
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

	for (uint32_t i = 0; i < rp->nitems; i++)
		if (rp->items[i].c->is_root)
			nroots += uabi_r__shows_item(r, &rp->items[i]);
	if (uabi_r__multi(r)) {
		pair_groups(b, r, rp);
	} else {
		ioctl_table_init(&t);
		nlisted = uabi_r__table_rows(r, rp, NULL, &t, ioctl_row, &nuntyped);
		if (nlisted) {
			uabi_sbuf__addc(b, '\n');
			uabi_table__text(&t, b, 2);
			untyped_note(b, nuntyped);
		} else if (r->view.only_actionable) {
			uabi_sbuf__adds(b, "  no ioctl to act on\n");
		} else {
			uabi_sbuf__adds(b, "  every ioctl is identical\n");
		}
		uabi_table__free(&t);
		for (uint32_t i = 0; i < rp->nitems; i++)
			if (!rp->items[i].c->is_root && listed(r, &rp->items[i]))
				item_detail(b, r, rp, &rp->items[i], 2);
	}
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
			item_detail(b, r, rp, &rp->items[i], 2);
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
	/* what fails, first: the KVM job's three items too */
	failing(r, &b);
	if (uabi_r__multi(r))
		header_coverage(r, &b);
	for (uint32_t i = 0; i < r->npairs; i++)
		if (uabi_report__shows_pair(r, &r->pairs[i]))
			pair_detail(&b, r, &r->pairs[i]);
	input(r, &b);
	return uabi_sbuf__finish(&b, d);
}
