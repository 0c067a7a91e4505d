// SPDX-License-Identifier: MIT
/*
 * Markdown report (GitHub-flavoured) for porting engineers: the
 * architecture summary, the pairs x verdicts table, then one section per
 * architecture with its outcome and, per compat ABI, the ioctls that are
 * not identical and the member-level evidence for each. Identifiers sit
 * in code spans; free text is backslash-escaped. A multi-header run:
 * the failing items and the header coverage after the pairs table, and a
 * heading per header in each pair's section.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "render.h"
#include "rpriv.h"

#define NUM 32
#define CELL 1024

static bool word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Free text: escape what GFM could read as markup (an underscore inside
 * a word cannot open emphasis and stays as is), fold newlines. */
static void esc(char *out, size_t len, const char *s)
{
	size_t o = 0;

	if (!s)
		s = "-";
	for (const char *p = s; *p && o + 3 < len; p++) {
		if (*p == '\n' || *p == '\r') {
			out[o++] = ' ';
			continue;
		}
		if (*p == '_' ? !(p > s && word_char(p[-1]) && word_char(p[1]))
			      : strchr("\\`*{}[]<>#|~&", *p) != NULL)
			out[o++] = '\\';
		out[o++] = *p;
	}
	out[o] = '\0';
}

/* An identifier or path as a code span, backticks fenced; in a table
 * cell '|' is escaped (GFM honours \\| inside code spans in tables only). */
static void code_span(char *out, size_t len, const char *s, bool cell)
{
	const char *fence = strchr(s, '`') ? "`` " : "`";
	const char *close = strchr(s, '`') ? " ``" : "`";
	size_t o = 0;

	o += snprintf(out, len, "%s", fence);
	for (; *s && o + 6 < len; s++) {
		if (*s == '\n' || *s == '\r') {
			out[o++] = ' ';
			continue;
		}
		if (*s == '|' && cell)
			out[o++] = '\\';
		out[o++] = *s;
	}
	snprintf(out + o, len - o, "%s", close);
}

/* In a table cell. */
static void code(char *out, size_t len, const char *s)
{
	code_span(out, len, s, true);
}

/* In prose. */
static void pcode(char *out, size_t len, const char *s)
{
	code_span(out, len, s, false);
}

static void code_site(char *out, size_t len, const char *file, uint32_t line, bool cell)
{
	char site[512];

	if (!file) {
		snprintf(out, len, "-");
		return;
	}
	uabi_r__site(site, sizeof(site), file, line);
	code_span(out, len, site, cell);
}

static void arch_summary(const struct uabi_report *r, struct uabi_sbuf *b)
{
	struct uabi_table t;

	uabi_sbuf__adds(b, "## Architecture summary\n\n");
	if (!r->narchs) {
		uabi_sbuf__adds(b, "No architecture.\n");
		return;
	}
	uabi_table__init(&t, 12, 0xff0);
	uabi_table__row(&t, "arch", "native", "compat ABIs", "KVM_COMPAT", uabi_r__arch_cols[0],
			uabi_r__arch_cols[1], uabi_r__arch_cols[2], uabi_r__arch_cols[3],
			uabi_r__arch_cols[4], uabi_r__arch_cols[5], uabi_r__arch_cols[6],
			uabi_r__arch_cols[7]);
	for (uint32_t i = 0; i < r->narchs; i++) {
		const struct uabi_arch_summary *a = &r->archs[i];
		char abis[CELL] = "-", n[UABI_R_ARCH_NCOUNTS][NUM], arch[CELL], native[CELL];
		uint32_t v[UABI_R_ARCH_NCOUNTS];
		size_t pos = 0;

		if (!uabi_r__shows_arch(r, a->arch))
			continue;
		for (uint32_t j = 0; j < a->ncompat && pos < sizeof(abis); j++) {
			char c[256];

			code(c, sizeof(c), a->compat[j]);
			pos += snprintf(abis + pos, sizeof(abis) - pos, "%s%s", j ? ", " : "", c);
		}
		code(arch, CELL, a->arch ? a->arch : "?");
		code(native, CELL, a->native ? a->native : "?");
		uabi_r__arch_counts(a, v);
		for (int k = 0; k < UABI_R_ARCH_NCOUNTS; k++)
			snprintf(n[k], NUM, k == UABI_R_ARCH_NOT_HANDLED && v[k] ? "**%" PRIu32 "**" : "%" PRIu32, v[k]);
		uabi_table__row(&t, arch, native, abis, uabi_word__kvm_compat(a->kvm_compat), n[0],
				n[1], n[2], n[3], n[4], n[5], n[6], n[7]);
	}
	/* KVM arches of the tree that no pair covers: listed, never absent
	 * unless --arch leaves them out */
	for (uint32_t i = 0; i < r->nunjudged; i++) {
		char arch[CELL];

		if (!uabi_r__shows_arch(r, r->unjudged[i].arch))
			continue;
		code(arch, CELL, r->unjudged[i].arch);
		uabi_table__row(&t, arch, "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-");
	}
	uabi_table__markdown(&t, b);
	uabi_table__free(&t);
	uabi_sbuf__addf(b, "\n%s\n\n", uabi_r__arch_note(r));
	for (uint32_t i = 0; i < r->narchs; i++) {
		char o[CELL];

		if (!uabi_r__shows_arch(r, r->archs[i].arch))
			continue;
		esc(o, sizeof(o), r->archs[i].outcome);
		uabi_sbuf__addf(b, "- **%s**: %s\n", r->archs[i].arch ? r->archs[i].arch : "?", o);
	}
	for (uint32_t i = 0; i < r->nunjudged; i++) {
		char o[CELL];

		if (!uabi_r__shows_arch(r, r->unjudged[i].arch))
			continue;
		esc(o, sizeof(o), r->unjudged[i].outcome);
		uabi_sbuf__addf(b, "- **%s**: %s\n", r->unjudged[i].arch, o);
	}
}

static void pair_summary(const struct uabi_report *r, struct uabi_sbuf *b)
{
	struct uabi_table t;

	uabi_sbuf__adds(b, "\n## Compat pairs\n\n");
	if (!r->npairs) {
		uabi_sbuf__adds(b, "No compat pair.\n");
		return;
	}
	uabi_table__init(&t, 8, 0xfc);
	uabi_table__row(&t, "pair", "arch", "identical", "untyped", "number-differs",
			"layout-differs", "pointer-width", "not-applicable");
	for (uint32_t i = 0; i < r->npairs; i++) {
		const struct uabi_compat_pair *p = r->pairs[i].pair;
		char name[CELL], n[UABI_V__COUNT][NUM], nu[NUM], arch[CELL], nat[256], com[256];

		if (!uabi_report__shows_pair(r, &r->pairs[i]))
			continue;
		code(nat, sizeof(nat), p->native);
		code(com, sizeof(com), p->compat);
		snprintf(name, sizeof(name), "%s → %s", nat, com);
		code(arch, CELL, p->arch);
		for (int v = 0; v < UABI_V__COUNT; v++)
			snprintf(n[v], NUM, "%" PRIu32, p->counts[v]);
		snprintf(nu, NUM, "%" PRIu32, p->untyped);
		uabi_table__row(&t, name, arch, n[0], nu, n[1], n[2], n[3], n[4]);
	}
	uabi_table__markdown(&t, b);
	uabi_table__free(&t);
}

/* An item's name as a code span, "(internal)" after a name starting
 * with "__" (not meant for user space). */
static void item_name(char *buf, size_t len, const char *name)
{
	size_t n;

	code(buf, len, name);
	n = strlen(buf);
	if (name && name[0] == '_' && name[1] == '_')
		snprintf(buf + n, len - n, " (internal)");
}

/* An item's evidence under a heading of level (4; 5 in a header group). */
static void item_detail(struct uabi_sbuf *b, const struct uabi_report *r,
			const struct uabi_report_pair *rp, const struct uabi_report_item *it,
			int level)
{
	const struct uabi_compat_item *c = it->c;
	const struct uabi_khandled *h = it->handler;
	const char *file, *arg = uabi_r__item_arg(it);
	char buf[CELL], buf2[CELL];
	uint32_t line;
	struct uabi_table t;

	item_name(buf, sizeof(buf), c->name);
	uabi_sbuf__addf(b, "\n%.*s %s\n\n", level, "######", buf);
	uabi_sbuf__addf(b, "- verdict: %s; kernel: %s", uabi_r__verdict_word(c, buf2, sizeof(buf2)),
			uabi_kstatus__str(it->kstatus));
	if (it->suppressed) {
		char why[CELL];

		esc(why, sizeof(why), it->suppressed);
		uabi_sbuf__addf(b, " (suppressed: %s)", why);
	}
	if (h) {
		pcode(buf, sizeof(buf), h->site.function ? h->site.function : "?");
		uabi_sbuf__addf(b, " by %s", buf);
		if (h->label && h->ioctl && strcmp(h->label, h->ioctl)) {
			pcode(buf, sizeof(buf), h->label);
			uabi_sbuf__addf(b, " (case %s)", buf);
		}
		code_site(buf, sizeof(buf), h->site.file, h->site.line, false);
		uabi_sbuf__addf(b, " at %s", buf);
	}
	uabi_sbuf__addc(b, '\n');
	if (it->note) {
		esc(buf, sizeof(buf), it->note);
		uabi_sbuf__addf(b, "- kernel: %s\n", buf);
	}
	file = uabi_r__item_decl(rp, it, &line);
	if (file || arg) {
		uabi_sbuf__adds(b, "- ");
		if (file) {
			code_site(buf, sizeof(buf), file, line, false);
			uabi_sbuf__addf(b, "declared at %s%s", buf, arg ? ", " : "");
		}
		if (arg) {
			pcode(buf, sizeof(buf), arg);
			uabi_sbuf__addf(b, "argument %s%s", buf, uabi_r__declared_note(c));
		}
		uabi_sbuf__addc(b, '\n');
	}
	if (c->reason) {
		esc(buf, sizeof(buf), c->reason);
		uabi_sbuf__addf(b, "- reason: %s\n", buf);
	}
	uabi_r__todo(buf2, sizeof(buf2), r, rp, it);
	if (buf2[0]) {
		esc(buf, sizeof(buf), buf2);
		uabi_sbuf__addf(b, "- to do: %s\n", buf);
	}
	if (!c->nfindings)
		return;
	uabi_sbuf__addc(b, '\n');
	uabi_table__init(&t, 6, 0xc);
	uabi_table__row(&t, "member", "kind", rp->pair->native, rp->pair->compat,
			"byte from start", "declared at");
	for (uint32_t i = 0; i < c->nfindings; i++) {
		const struct uabi_finding *f = &c->findings[i];
		char nv[NUM], cv[NUM], at[2 * NUM];

		uabi_r__finding_value(nv, NUM, f->kind, f->native);
		uabi_r__finding_value(cv, NUM, f->kind, f->compat);
		uabi_r__finding_at(at, sizeof(at), f);
		code(buf, sizeof(buf), uabi_r__finding_path(f));
		code_site(buf2, sizeof(buf2), f->file, f->line, true);
		uabi_table__row(&t, buf, uabi_finding_kind__str(f->kind), nv, cv, at, buf2);
	}
	uabi_table__markdown(&t, b);
	uabi_table__free(&t);
	if (c->nfindings_total > c->nfindings)
		uabi_sbuf__addf(b, "\n%" PRIu32 " more findings not kept.\n",
				c->nfindings_total - c->nfindings);
}

/* Whether the item gets a row and a detail: not identical, and in view. */
static bool listed(const struct uabi_report *r, const struct uabi_report_item *it)
{
	return uabi_r__item_listed(it) && uabi_r__shows_item(r, it);
}

static void ioctl_table_init(struct uabi_table *t)
{
	uabi_table__init(t, 7, 0x30);
	uabi_table__row(t, "ioctl", "verdict", "native number", "compat number", "native size",
			"compat size", "kernel");
}

static void ioctl_row(struct uabi_table *t, const struct uabi_report_item *it)
{
	const struct uabi_compat_item *c = it->c;
	char name[CELL], nn[NUM], cn[NUM], ns[NUM], cs[NUM], k[NUM], word[64];

	item_name(name, CELL, c->name);
	uabi_r__number(nn, NUM, c->native);
	uabi_r__number(cn, NUM, c->compat);
	uabi_r__size(ns, NUM, c->native_type, c->native_size);
	uabi_r__size(cs, NUM, c->compat_type, c->compat_size);
	snprintf(k, NUM, it->kstatus == UABI_K_NOT_HANDLED ? "**%s**" : "%s",
		 uabi_kstatus__str(it->kstatus));
	uabi_table__row(t, name, uabi_r__verdict_word(c, word, sizeof(word)), nn, cn, ns, cs, k);
}

static void untyped_note(struct uabi_sbuf *b, uint32_t nuntyped)
{
	if (nuntyped)
		uabi_sbuf__addf(b, "\n*untyped*: %" PRIu32 " ioctl%s whose number does not describe"
				" the argument; declare it with `--arg-types`.\n", nuntyped,
				nuntyped == 1 ? "" : "s");
}

/* A multi-header run: the pair's ioctls by header, each under its own
 * heading with its count line, its table and its items' evidence. */
static void pair_groups(struct uabi_sbuf *b, const struct uabi_report *r,
			const struct uabi_report_pair *rp)
{
	uint32_t nuntyped = 0, nshown = 0;

	for (uint32_t gi = 0; gi < rp->ngroups; gi++) {
		const struct uabi_report_group *g = &rp->groups[gi];
		uint32_t nrows;
		char counts[512], file[CELL];
		struct uabi_table t;

		ioctl_table_init(&t);
		nrows = uabi_r__table_rows(r, rp, g, &t, ioctl_row, &nuntyped);
		if (!nrows && r->view.only_actionable) {
			uabi_table__free(&t);
			continue;
		}
		nshown++;
		pcode(file, sizeof(file), uabi_r__group_file(g));
		uabi_r__group_counts(counts, sizeof(counts), r, rp, g);
		uabi_sbuf__addf(b, "\n#### %s (%s → %s)\n\n%s.\n", file, rp->pair->native,
				rp->pair->compat, counts);
		if (nrows) {
			uabi_sbuf__addc(b, '\n');
			uabi_table__markdown(&t, b);
		}
		uabi_table__free(&t);
		for (uint32_t k = 0; k < g->nitems; k++)
			if (listed(r, &rp->items[g->items[k]]))
				item_detail(b, r, rp, &rp->items[g->items[k]], 5);
	}
	if (!nshown)
		uabi_sbuf__adds(b, r->view.only_actionable ? "\nNo ioctl to act on.\n"
							   : "\nNo ioctl.\n");
	untyped_note(b, nuntyped);
}

static void pair_section(struct uabi_sbuf *b, const struct uabi_report *r,
			 const struct uabi_report_pair *rp)
{
	const struct uabi_compat_pair *p = rp->pair;
	uint32_t nlisted = 0, nroots = 0, nuntyped = 0;
	struct uabi_table t;

	uabi_sbuf__addf(b, "\n### %s → %s\n\n- verdicts: ", p->native, p->compat);
	uabi_r__verdict_counts(b, rp);
	uabi_sbuf__adds(b, "\n- kernel: ");
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
		uabi_sbuf__addc(b, '\n');
		if (nlisted) {
			uabi_table__markdown(&t, b);
			untyped_note(b, nuntyped);
		} else if (r->view.only_actionable)
			uabi_sbuf__adds(b, "No ioctl to act on.\n");
		else
			uabi_sbuf__adds(b, "Every ioctl is identical.\n");
		uabi_table__free(&t);
		for (uint32_t i = 0; i < rp->nitems; i++)
			if (!rp->items[i].c->is_root && listed(r, &rp->items[i]))
				item_detail(b, r, rp, &rp->items[i], 4);
	}
	if (!nroots)
		return;

	uabi_sbuf__addf(b, "\n#### Roots (%s → %s)\n\n", p->native, p->compat);
	uabi_table__init(&t, 5, 0x0c);
	uabi_table__row(&t, "root", "verdict", "native size", "compat size", "kernel");
	for (uint32_t i = 0; i < rp->nitems; i++) {
		const struct uabi_report_item *it = &rp->items[i];
		const struct uabi_compat_item *c = it->c;
		char name[CELL], ns[NUM], cs[NUM];

		if (!c->is_root || !uabi_r__shows_item(r, it))
			continue;
		code(name, CELL, c->name);
		uabi_r__size(ns, NUM, c->native_type, c->native_size);
		uabi_r__size(cs, NUM, c->compat_type, c->compat_size);
		uabi_table__row(&t, name, uabi_verdict__str(c->verdict), ns, cs,
				uabi_kstatus__str(it->kstatus));
	}
	uabi_table__markdown(&t, b);
	uabi_table__free(&t);
	for (uint32_t i = 0; i < rp->nitems; i++)
		if (rp->items[i].c->is_root && listed(r, &rp->items[i]))
			item_detail(b, r, rp, &rp->items[i], 4);
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
	uabi_sbuf__addf(b, "\n## Failing `--fail-on=%s`\n\n%" PRIu32 " item%s, %" PRIu32
			" distinct by header and name.\n", uabi_fail_on__str(r->fail_on), l.nitems,
			l.nitems == 1 ? "" : "s", l.n);
	if (!l.n) {
		uabi_r__failing_free(&l);
		return;
	}
	uabi_sbuf__addc(b, '\n');
	uabi_table__init(&t, 5, 0);
	uabi_table__row(&t, "header", "ioctl", "verdict", "kernel", "fails on");
	for (uint32_t i = 0; i < l.n; i++) {
		const struct uabi_r_failing *f = &l.v[i];
		char file[CELL], name[CELL], v[256], k[256], abis[CELL];

		code(file, sizeof(file), f->file ? f->file : "(unknown)");
		item_name(name, sizeof(name), f->name);
		uabi_r__verdict_set(v, sizeof(v), f->verdicts);
		uabi_r__kstatus_set(k, sizeof(k), f->kstatus);
		uabi_r__failing_abis(abis, sizeof(abis), r, f);
		uabi_table__row(&t, file, name, v, k, abis);
	}
	uabi_table__markdown(&t, b);
	uabi_table__free(&t);
	uabi_r__failing_free(&l);
}

/* A multi-header run: per ABI the headers judged and skipped, then each
 * skipped header with the ABIs and the compiler's reason. */
static void header_coverage(const struct uabi_report *r, struct uabi_sbuf *b)
{
	const struct uabi_header_coverage *h = &r->hcov;
	struct uabi_table t;

	uabi_sbuf__adds(b, "\n## Header coverage\n\n");
	uabi_table__init(&t, 5, 0x1e);
	uabi_table__row(&t, "ABI", "headers judged", "headers skipped", "ioctls", "applicable");
	for (uint32_t i = 0; i < h->nabis; i++) {
		const struct uabi_header_abi *a = &h->abis[i];
		char n[4][NUM], abi[CELL];

		code(abi, sizeof(abi), a->profile);
		snprintf(n[0], NUM, "%" PRIu32, a->judged);
		snprintf(n[1], NUM, "%" PRIu32, a->skipped);
		snprintf(n[2], NUM, "%" PRIu32, a->ioctls);
		snprintf(n[3], NUM, "%" PRIu32, a->applicable);
		uabi_table__row(&t, abi, n[0], n[1], n[2], n[3]);
	}
	uabi_table__markdown(&t, b);
	uabi_table__free(&t);
	uabi_sbuf__addf(b, "\n%s\n", uabi_r__hcov_note);
	if (!h->nskipped) {
		uabi_sbuf__adds(b, "\nSkipped headers: none.\n");
		return;
	}
	uabi_sbuf__adds(b, "\nSkipped headers:\n\n");
	uabi_table__init(&t, 3, 0);
	uabi_table__row(&t, "header", "ABIs", "reason");
	for (uint32_t i = 0; i < h->nskipped; i++) {
		char hdr[CELL], abis[CELL], why[CELL];

		code(hdr, sizeof(hdr), h->skipped[i].header);
		uabi_r__skip_abis(abis, sizeof(abis), r, &h->skipped[i]);
		esc(why, sizeof(why), h->skipped[i].reason);
		uabi_table__row(&t, hdr, abis, why);
	}
	uabi_table__markdown(&t, b);
	uabi_table__free(&t);
}

static void arch_sections(const struct uabi_report *r, struct uabi_sbuf *b)
{
	bool orphans = false;

	for (uint32_t i = 0; i < r->narchs; i++) {
		const struct uabi_arch_summary *a = &r->archs[i];
		char o[CELL];

		if (!uabi_r__shows_arch(r, a->arch))
			continue;
		esc(o, sizeof(o), a->outcome);
		uabi_sbuf__addf(b, "\n## %s (%s, KVM_COMPAT %s)\n\n> %s\n", a->arch ? a->arch : "?",
				a->native ? a->native : "?", uabi_word__kvm_compat(a->kvm_compat), o);
		{
			const struct uabi_kfacts_arch *ka =
				r->kfacts && uabi_report__arch_has_kvm(a) ? uabi_kfacts__arch(r->kfacts, a->arch)
									 : NULL;

			if (ka && ka->nhandled)
				uabi_sbuf__adds(b, "\nCompat handlers:\n\n");
			for (uint32_t k = 0; ka && k < ka->nhandled; k++) {
				const struct uabi_khandled *h = &ka->handled[k];

				uabi_sbuf__addf(b, "- `%s` in `%s` (`%s:%u`)\n", h->ioctl,
						h->site.function ? h->site.function : "?", h->site.file,
						h->site.line);
			}
		}
		for (uint32_t j = 0; j < r->npairs; j++)
			if (uabi_r__pair_arch(r, &r->pairs[j]) == (int)i)
				pair_section(b, r, &r->pairs[j]);
	}
	for (uint32_t j = 0; j < r->npairs; j++) {
		if (uabi_r__pair_arch(r, &r->pairs[j]) >= 0 || !uabi_report__shows_pair(r, &r->pairs[j]))
			continue;
		if (!orphans)
			uabi_sbuf__adds(b, "\n## Pairs without an architecture summary\n");
		orphans = true;
		pair_section(b, r, &r->pairs[j]);
	}
}

static void input(const struct uabi_report *r, struct uabi_sbuf *b)
{
	const struct uabi_kfacts *k = r->kfacts;
	char buf[CELL];

	uabi_sbuf__adds(b, "\n## Input\n\n");
	pcode(buf, sizeof(buf), r->input_root ? r->input_root : "-");
	uabi_sbuf__addf(b, "- root: %s\n- headers: ", buf);
	for (uint32_t i = 0; i < r->nheaders; i++) {
		pcode(buf, sizeof(buf), r->headers[i]);
		uabi_sbuf__addf(b, "%s%s", i ? ", " : "", buf);
	}
	uabi_sbuf__adds(b, r->nheaders ? "\n" : "-\n");
	uabi_sbuf__addf(b, "- kernel: %s\n", r->kernel_version ? r->kernel_version : "-");
	if (k) {
		code_site(buf, sizeof(buf), k->kvm_compat_site.file, k->kvm_compat_site.line, false);
		uabi_sbuf__addf(b, "- kernel tree: `KVM_COMPAT` at %s", buf);
		if (k->kvm_compat_depends) {
			pcode(buf, sizeof(buf), k->kvm_compat_depends);
			uabi_sbuf__addf(b, ", depends on %s", buf);
		}
		uabi_sbuf__addc(b, '\n');
	} else {
		uabi_sbuf__adds(b, "- kernel tree: none (kernel status unknown)\n");
	}
	uabi_sbuf__addf(b, "- ABIs: %" PRIu32 " judged: ", r->coverage.ncovered);
	for (uint32_t i = 0; i < r->coverage.ncovered; i++) {
		pcode(buf, sizeof(buf), r->coverage.covered[i]);
		uabi_sbuf__addf(b, "%s%s", i ? ", " : "", buf);
	}
	uabi_sbuf__adds(b, r->coverage.ncovered ? "\n" : "-\n");
	uabi_sbuf__adds(b, r->coverage.nskipped ? "- skipped:\n" : "- skipped: none\n");
	for (uint32_t i = 0; i < r->coverage.nskipped; i++) {
		char why[CELL];

		pcode(buf, sizeof(buf), r->coverage.skipped[i].profile);
		esc(why, sizeof(why), r->coverage.skipped[i].reason);
		uabi_sbuf__addf(b, "  - %s: %s\n", buf, why);
	}
	uabi_sbuf__addf(b, "- tool: uabi %s\n", uabi_r__tool_version(r));
	uabi_sbuf__addf(b, "- fail-on: %s, %" PRIu32 " failing item%s\n",
			uabi_fail_on__str(r->fail_on), r->nfailing, r->nfailing == 1 ? "" : "s");
}

char *uabi_render__markdown(const struct uabi_report *r, struct uabi_diag *d)
{
	struct uabi_sbuf b;

	uabi_sbuf__init(&b);
	uabi_sbuf__addf(&b, "# %s\n\n", uabi_r__title(r));
	if (r->view.archs) {
		uabi_sbuf__adds(&b, "Only arch ");
		for (uint32_t i = 0; i < r->view.narchs; i++) {
			char a[256];

			code(a, sizeof(a), r->view.archs[i]);
			uabi_sbuf__addf(&b, "%s%s", i ? ", " : "", a);
		}
		uabi_sbuf__adds(&b, ".\n");
	}
	if (r->view.only_actionable)
		uabi_sbuf__adds(&b, "Only actionable items: those that fail `--fail-on` or need "
				"translation on a compat path, each with what to do.\n");
	if (r->view.archs || r->view.only_actionable)
		uabi_sbuf__addc(&b, '\n');
	arch_summary(r, &b);
	pair_summary(r, &b);
	failing(r, &b);
	if (uabi_r__multi(r))
		header_coverage(r, &b);
	arch_sections(r, &b);
	input(r, &b);
	return uabi_sbuf__finish(&b, d);
}
