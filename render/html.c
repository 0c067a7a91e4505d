// SPDX-License-Identifier: MIT
/*
 * HTML report: one self-contained page (inline CSS and a few lines of JS,
 * no URL of any kind, system fonts only). The architecture summary first,
 * then a matrix of ioctls (rows) by compat pairs (columns): a cell's
 * colour is the verdict, its text and border the kernel status (a solid
 * red ring: needs translation and not handled; dashed: an mmap'd root no
 * handler can translate), its title both. Clicking a cell shows the item's
 * member-level evidence beside the matrix; the same evidence is listed
 * below it, and each cell links there, so the page reads without JS.
 * Every text from the report goes through esc(). A multi-header run gets
 * its own matrix, evidence, CSS and script (see "a multi-header run"
 * below); a one-header page is the same bytes as before.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "rpriv.h"

#define NUM 32

static const char css[] =
	":root{--identical:#a5d6a7;--number-differs:#ffcc80;--layout-differs:#ef9a9a;"
	"--pointer-width:#ce93d8;--not-applicable:#e0e0e0;--bad:#b71c1c;--ink:#1f2328;"
	"--muted:#57606a;--line:#d0d7de;--head:#f3f4f6}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0;padding:20px 28px;font:14px/1.45 system-ui,-apple-system,'Segoe UI',"
	"Roboto,'Helvetica Neue',Arial,sans-serif;color:var(--ink);background:#fff}\n"
	"h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:22px 0 8px;"
	"border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:16px;margin:22px 0 6px}"
	"h4{font-size:14px;margin:0 0 6px}\n"
	"code,.mono{font-family:ui-monospace,'DejaVu Sans Mono',Menlo,Consolas,monospace;"
	"font-size:12.5px}\n"
	".meta{color:var(--muted);margin:0}.meta b.bad{color:var(--bad)}\n"
	"table.grid{border-collapse:collapse;margin:6px 0}\n"
	"table.grid th,table.grid td{border:1px solid var(--line);padding:3px 8px;text-align:left;"
	"vertical-align:top}\n"
	"table.grid th{background:var(--head);font-weight:600}\n"
	"table.grid td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
	"td.nz{color:var(--bad);font-weight:700}\n"
	".kc-yes{color:#1a7f37;font-weight:600}.kc-no{color:var(--bad);font-weight:600}"
	".kc-unknown{color:var(--muted);font-style:italic}\n"
	"td.outcome{max-width:520px}\n"
	".legend{display:flex;flex-wrap:wrap;gap:4px 18px;margin:6px 0 10px;color:var(--muted)}\n"
	".legend span{display:inline-flex;align-items:center;gap:6px}\n"
	".sw{display:inline-block;width:14px;height:14px;border:1px solid #8c959f}\n"
	".sw.ring{outline:2px solid var(--bad);outline-offset:-3px;background:#fff}"
	".sw.dash{outline:2px dashed var(--bad);outline-offset:-3px;background:#fff}\n"
	".mwrap{overflow-x:auto}\n"
	"table.matrix{border-collapse:separate;border-spacing:3px}\n"
	"table.matrix thead th{font-size:12px;font-weight:600;padding:2px 4px;text-align:center;"
	"vertical-align:bottom}\n"
	"table.matrix thead th small{display:block;color:var(--muted);font-weight:400}\n"
	"table.matrix tbody th{text-align:left;font:500 12.5px ui-monospace,'DejaVu Sans Mono',"
	"Menlo,Consolas,monospace;padding:0 10px 0 0;white-space:nowrap}\n"
	"table.matrix tr.sep th{font:600 12px system-ui,sans-serif;color:var(--muted);"
	"padding-top:10px}\n"
	"td.cell{min-width:106px;width:106px;height:26px;text-align:center;font-size:11.5px;"
	"padding:0 4px;white-space:nowrap;cursor:pointer}\n"
	"td.cell a,td.cell span{display:block;line-height:26px;color:var(--ink);"
	"text-decoration:none}\n"
	"td.absent{background:repeating-linear-gradient(45deg,#fff,#fff 4px,#f3f4f6 4px,"
	"#f3f4f6 8px)}\n"
	".v-identical{background:var(--identical)}.v-number-differs{background:var(--number-differs)}"
	".v-layout-differs{background:var(--layout-differs)}"
	".v-pointer-width{background:var(--pointer-width)}"
	".v-not-applicable{background:var(--not-applicable)}\n"
	"td.k-not-handled{outline:3px solid var(--bad);outline-offset:-3px;font-weight:700}\n"
	"td.k-untranslatable{outline:3px dashed var(--bad);outline-offset:-3px;font-weight:700}\n"
	"td.k-unknown a,td.k-unknown span{font-style:italic}\n"
	"td.sel{box-shadow:0 0 0 3px #0969da}\n"
	"#evidence{position:fixed;top:16px;right:16px;max-height:calc(100vh - 32px);"
	"width:min(600px,calc(100vw - 32px));overflow:auto;border:1px solid var(--line);"
	"border-radius:8px;padding:12px 40px 12px 14px;background:#fafbfc;"
	"box-shadow:0 8px 24px #1f232833}\n"
	"#evidence[hidden]{display:none}#evidence td code{overflow-wrap:anywhere}\n"
	"#evidence .close{position:absolute;top:6px;right:8px;border:0;background:none;"
	"font-size:20px;line-height:1;cursor:pointer;color:var(--muted)}\n"
	".badge{display:inline-block;border:1px solid var(--line);border-left-width:6px;"
	"border-radius:3px;padding:0 6px;font-size:12px;font-weight:500;margin-left:6px}\n"
	".badge.v-identical{border-left-color:var(--identical)}"
	".badge.v-number-differs{border-left-color:var(--number-differs)}"
	".badge.v-layout-differs{border-left-color:var(--layout-differs)}"
	".badge.v-pointer-width{border-left-color:var(--pointer-width)}"
	".badge.v-not-applicable{border-left-color:var(--not-applicable)}\n"
	".badge{background:#fff}.badge.k-not-handled,.badge.k-untranslatable{"
	"border-color:var(--bad);color:var(--bad)}\n"
	".item{border:1px solid var(--line);border-radius:6px;padding:10px 12px;margin:10px 0}\n"
	".item:target{border-color:#0969da;box-shadow:0 0 0 2px #0969da33}\n"
	".item p{margin:2px 0}.facts{color:var(--muted)}\n"
	"dl.input{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px}"
	"dl.input dt{color:var(--muted)}dl.input dd{margin:0}\n";

/* The evidence pane of both pages: a click on a matrix cell inside scope
 * (the page's script declares scope, ev and body first) shows the item's
 * evidence block, Esc or the close button hides it. */
static const char js_evidence[] =
	"\tfunction unselect() {\n"
	"\t\tvar old = scope.querySelector('td.sel');\n"
	"\t\tif (old)\n"
	"\t\t\told.classList.remove('sel');\n"
	"\t}\n"
	"\tfunction close() {\n"
	"\t\tev.hidden = true;\n"
	"\t\tunselect();\n"
	"\t}\n"
	"\tev.querySelector('button.close').addEventListener('click', close);\n"
	"\tdocument.addEventListener('keydown', function (e) {\n"
	"\t\tif (e.key === 'Escape')\n"
	"\t\t\tclose();\n"
	"\t});\n"
	"\tscope.addEventListener('click', function (e) {\n"
	"\t\tvar td = e.target.closest('td.cell');\n"
	"\t\tif (!td)\n"
	"\t\t\treturn;\n"
	"\t\te.preventDefault();\n"
	"\t\tunselect();\n"
	"\t\ttd.classList.add('sel');\n"
	"\t\tvar id = td.getAttribute('data-item');\n"
	"\t\tvar s = id ? document.getElementById(id) : null;\n"
	"\t\tbody.textContent = '';\n"
	"\t\tif (s) {\n"
	"\t\t\tbody.innerHTML = s.innerHTML;\n"
	"\t\t} else {\n"
	"\t\t\tvar p = document.createElement('p');\n"
	"\t\t\tp.textContent = td.title;\n"
	"\t\t\tbody.appendChild(p);\n"
	"\t\t}\n"
	"\t\tev.hidden = false;\n"
	"\t});\n";

/* The one-header page's script: the evidence pane only. */
static const char js_head[] =
	"(function () {\n"
	"\tvar scope = document.querySelector('table.matrix');\n"
	"\tvar ev = document.getElementById('evidence');\n"
	"\tvar body = document.getElementById('evidence-body');\n"
	"\tif (!scope || !ev || !body)\n"
	"\t\treturn;\n";
static const char js_tail[] = "})();\n";

/* Text into HTML (elements and quoted attributes). */
static void esc(struct uabi_sbuf *b, const char *s)
{
	if (!s)
		s = "-";
	for (; *s; s++) {
		switch (*s) {
		case '&': uabi_sbuf__adds(b, "&amp;"); break;
		case '<': uabi_sbuf__adds(b, "&lt;"); break;
		case '>': uabi_sbuf__adds(b, "&gt;"); break;
		case '"': uabi_sbuf__adds(b, "&quot;"); break;
		case '\'': uabi_sbuf__adds(b, "&#39;"); break;
		default: uabi_sbuf__addc(b, *s); break;
		}
	}
}

static void code(struct uabi_sbuf *b, const char *s)
{
	uabi_sbuf__adds(b, "<code>");
	esc(b, s);
	uabi_sbuf__adds(b, "</code>");
}

static void code_site(struct uabi_sbuf *b, const char *file, uint32_t line)
{
	char site[512];

	uabi_r__site(site, sizeof(site), file, line);
	code(b, site);
}

/* The short text of a matrix cell: what the kernel does. */
static const char *cell_word(enum uabi_kstatus k)
{
	switch (k) {
	case UABI_K_UNKNOWN: return "?";
	case UABI_K_NOT_APPLICABLE: return "n/a";
	case UABI_K_NO_KVM_COMPAT: return "no compat";
	case UABI_K_NOT_DISPATCHED: return "not dispatched";
	case UABI_K_NATIVE_OK: return "ok";
	case UABI_K_HANDLED: return "handled";
	case UABI_K_NOT_HANDLED: return "NOT handled";
	case UABI_K_UNTRANSLATABLE: return "untranslatable";
	case UABI_K_NOT_USED: return "not used";
	case UABI_K_NOT_JUDGED: return "NOT judged";
	default: return "?";
	}
}

static void pair_name(struct uabi_sbuf *b, const struct uabi_compat_pair *p)
{
	esc(b, p->native);
	uabi_sbuf__adds(b, " → ");
	esc(b, p->compat);
}

static void header(const struct uabi_report *r, struct uabi_sbuf *b)
{
	uabi_sbuf__adds(b, "<header>\n<h1>");
	esc(b, uabi_r__title(r));
	uabi_sbuf__adds(b, "</h1>\n<p class=\"meta\">");
	if (uabi_r__multi(r))
		uabi_sbuf__addf(b, "%" PRIu32 " header%s", r->nheaders, r->nheaders == 1 ? "" : "s");
	for (uint32_t i = 0; i < r->nheaders && !uabi_r__multi(r); i++) {
		uabi_sbuf__adds(b, i ? ", " : "");
		code(b, r->headers[i]);
	}
	if (r->kernel_version) {
		uabi_sbuf__adds(b, " · Linux ");
		esc(b, r->kernel_version);
	}
	uabi_sbuf__adds(b, " · uabi ");
	esc(b, uabi_r__tool_version(r));
	uabi_sbuf__addf(b, " · fail-on %s: <b%s>%" PRIu32 " failing item%s</b></p>\n",
			uabi_fail_on__str(r->fail_on), r->nfailing ? " class=\"bad\"" : "",
			r->nfailing, r->nfailing == 1 ? "" : "s");
	if (r->view.archs) {
		uabi_sbuf__adds(b, "<p class=\"meta\">Only arch ");
		for (uint32_t i = 0; i < r->view.narchs; i++) {
			uabi_sbuf__adds(b, i ? ", " : "");
			code(b, r->view.archs[i]);
		}
		uabi_sbuf__adds(b, ".</p>\n");
	}
	if (r->view.only_actionable)
		uabi_sbuf__adds(b, "<p class=\"meta\">Only actionable items: those that fail --fail-on or "
				"need translation on a compat path, each with what to do.</p>\n");
	uabi_sbuf__adds(b, "</header>\n");
}

static void num_cell(struct uabi_sbuf *b, uint32_t n, bool alarm)
{
	uabi_sbuf__addf(b, "<td class=\"n%s\">%" PRIu32 "</td>", alarm && n ? " nz" : "", n);
}

static void arch_summary(const struct uabi_report *r, struct uabi_sbuf *b)
{
	uabi_sbuf__adds(b, "<section id=\"archs\">\n<h2>Architectures</h2>\n");
	if (!r->narchs) {
		uabi_sbuf__adds(b, "<p>No architecture.</p>\n</section>\n");
		return;
	}
	uabi_sbuf__adds(b, "<table class=\"grid archs\">\n<thead><tr><th>arch</th><th>native</th>"
			"<th>compat ABIs</th><th>KVM_COMPAT</th>");
	for (int k = 0; k < UABI_R_ARCH_NCOUNTS; k++)
		uabi_sbuf__addf(b, "<th>%s</th>", uabi_r__arch_cols[k]);
	uabi_sbuf__adds(b, "<th>what a 32-bit caller gets</th></tr></thead>\n<tbody>\n");
	for (uint32_t i = 0; i < r->narchs; i++) {
		const struct uabi_arch_summary *a = &r->archs[i];
		const char *kc = uabi_word__kvm_compat(a->kvm_compat);
		uint32_t v[UABI_R_ARCH_NCOUNTS];

		if (!uabi_r__shows_arch(r, a->arch))
			continue;
		uabi_sbuf__adds(b, "<tr><td>");
		code(b, a->arch);
		uabi_sbuf__adds(b, "</td><td>");
		code(b, a->native);
		uabi_sbuf__adds(b, "</td><td>");
		for (uint32_t j = 0; j < a->ncompat; j++) {
			uabi_sbuf__adds(b, j ? ", " : "");
			code(b, a->compat[j]);
		}
		uabi_sbuf__addf(b, "</td><td class=\"kc-%s\">%s</td>", kc, kc);
		uabi_r__arch_counts(a, v);
		for (int k = 0; k < UABI_R_ARCH_NCOUNTS; k++)
			num_cell(b, v[k], k == UABI_R_ARCH_NOT_HANDLED);
		uabi_sbuf__adds(b, "<td class=\"outcome\">");
		esc(b, a->outcome);
		uabi_sbuf__adds(b, "</td></tr>\n");
	}
	/* KVM arches of the tree that no pair covers: listed, never absent
	 * unless --arch leaves them out */
	for (uint32_t i = 0; i < r->nunjudged; i++) {
		if (!uabi_r__shows_arch(r, r->unjudged[i].arch))
			continue;
		uabi_sbuf__adds(b, "<tr><td>");
		code(b, r->unjudged[i].arch);
		uabi_sbuf__adds(b, "</td><td>-</td><td>-</td><td>-</td><td>-</td><td>-</td><td>-</td>"
				"<td>-</td><td>-</td><td>-</td><td>-</td><td>-</td><td class=\"outcome\">");
		esc(b, r->unjudged[i].outcome);
		uabi_sbuf__adds(b, "</td></tr>\n");
	}
	uabi_sbuf__adds(b, "</tbody>\n</table>\n<p class=\"note\">");
	esc(b, uabi_r__arch_note(r));
	uabi_sbuf__adds(b, "</p>\n");

	uabi_sbuf__adds(b, "<table class=\"grid pairs\">\n<thead><tr><th>compat pair</th>"
			"<th>arch</th>");
	for (int v = 0; v < UABI_V__COUNT; v++)
		uabi_sbuf__addf(b, "<th>%s</th>%s", uabi_verdict__str(v),
				v == UABI_V_IDENTICAL ? "<th>untyped</th>" : "");
	uabi_sbuf__adds(b, "</tr></thead>\n<tbody>\n");
	for (uint32_t i = 0; i < r->npairs; i++) {
		const struct uabi_compat_pair *p = r->pairs[i].pair;

		if (!uabi_report__shows_pair(r, &r->pairs[i]))
			continue;
		uabi_sbuf__addf(b, "<tr><td><a href=\"#p%" PRIu32 "\">", i);
		pair_name(b, p);
		uabi_sbuf__adds(b, "</a></td><td>");
		code(b, p->arch);
		uabi_sbuf__adds(b, "</td>");
		for (int v = 0; v < UABI_V__COUNT; v++) {
			num_cell(b, p->counts[v], false);
			if (v == UABI_V_IDENTICAL)
				num_cell(b, p->untyped, false);
		}
		uabi_sbuf__adds(b, "</tr>\n");
	}
	uabi_sbuf__adds(b, "</tbody>\n</table>\n</section>\n");
}

/* Matrix rows: ioctl names of all pairs, sorted and unique, then root
 * names in order of first appearance. */
struct rows {
	const char **names;
	uint32_t n, nioctls;
};

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Whether item j of pair i is in the view (its pair's arch is shown and,
 * with --only actionable, it is actionable). */
static bool in_view(const struct uabi_report *r, uint32_t i, uint32_t j)
{
	return uabi_report__shows_pair(r, &r->pairs[i]) && uabi_r__shows_item(r, &r->pairs[i].items[j]);
}

/* Whether the item has an evidence block in the view. */
static bool listed(const struct uabi_report *r, const struct uabi_report_item *it)
{
	return uabi_r__item_listed(it) && uabi_r__shows_item(r, it);
}

static int rows_build(const struct uabi_report *r, struct rows *rows)
{
	uint32_t total = 0, n = 0;

	for (uint32_t i = 0; i < r->npairs; i++)
		total += r->pairs[i].nitems;
	rows->names = malloc((total ? total : 1) * sizeof(*rows->names));
	if (!rows->names)
		return -1;
	for (uint32_t i = 0; i < r->npairs; i++)
		for (uint32_t j = 0; j < r->pairs[i].nitems; j++)
			if (!r->pairs[i].items[j].c->is_root && in_view(r, i, j))
				rows->names[n++] = r->pairs[i].items[j].c->name;
	qsort(rows->names, n, sizeof(*rows->names), cmp_name);
	rows->nioctls = 0;
	for (uint32_t i = 0; i < n; i++)
		if (!rows->nioctls || strcmp(rows->names[rows->nioctls - 1], rows->names[i]))
			rows->names[rows->nioctls++] = rows->names[i];
	rows->n = rows->nioctls;
	for (uint32_t i = 0; i < r->npairs; i++) {
		for (uint32_t j = 0; j < r->pairs[i].nitems; j++) {
			const struct uabi_compat_item *c = r->pairs[i].items[j].c;
			bool seen = false;

			if (!c->is_root || !in_view(r, i, j))
				continue;
			for (uint32_t k = rows->nioctls; k < rows->n && !seen; k++)
				seen = !strcmp(rows->names[k], c->name);
			if (!seen)
				rows->names[rows->n++] = c->name;
		}
	}
	return 0;
}

/* Where a pair's roots start: its items are the ioctls sorted by name,
 * then the roots (compat.h), so a binary search on is_root finds it. */
static uint32_t roots_start(const struct uabi_report_pair *rp)
{
	uint32_t lo = 0, hi = rp->nitems;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (rp->items[mid].c->is_root)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* Index of the item named `name` (a root or not) in a pair, or -1: the
 * first ioctl of that name by binary search (a matrix of N rows looked
 * each up by a linear scan: quadratic), a root by a scan of the roots
 * (the --root types, few). */
static int64_t find_item(const struct uabi_report_pair *rp, const char *name, bool root)
{
	uint32_t lo = 0, hi = roots_start(rp);

	if (root) {
		for (uint32_t j = hi; j < rp->nitems; j++)
			if (!strcmp(rp->items[j].c->name, name))
				return j;
		return -1;
	}
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (strcmp(rp->items[mid].c->name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < rp->nitems && !rp->items[lo].c->is_root && !strcmp(rp->items[lo].c->name, name)
		       ? (int64_t)lo : -1;
}

static void cell(struct uabi_sbuf *b, const struct uabi_report *r, uint32_t pi, int64_t ii)
{
	const struct uabi_report_pair *rp = &r->pairs[pi];
	const struct uabi_report_item *it;
	const struct uabi_compat_item *c;

	if (ii < 0) {
		uabi_sbuf__adds(b, "<td class=\"absent\" title=\"not in this pair\"></td>");
		return;
	}
	it = &rp->items[ii];
	c = it->c;
	/* a multi-header page filters on failing cells (class fail) */
	uabi_sbuf__addf(b, "<td class=\"cell v-%s k-%s%s\" title=\"", uabi_verdict__str(c->verdict),
			uabi_kstatus__str(it->kstatus),
			uabi_r__multi(r) && uabi_report__fails(r->fail_on, it) ? " fail" : "");
	esc(b, c->name);
	uabi_sbuf__adds(b, ", ");
	pair_name(b, rp->pair);
	uabi_sbuf__addf(b, ": %s%s; kernel: %s", uabi_verdict__str(c->verdict),
			c->untyped ? " (untyped: the number does not describe the argument)" : "",
			uabi_kstatus__str(it->kstatus));
	if (c->verdict == UABI_V_IDENTICAL && c->native && c->native->applicable)
		uabi_sbuf__addf(b, "; number 0x%" PRIx64, c->native->number);
	if (listed(r, it))
		uabi_sbuf__addf(b, "\" data-item=\"p%" PRIu32 "-i%" PRId64 "\"><a href=\"#p%" PRIu32
				"-i%" PRId64 "\">%s</a></td>", pi, ii, pi, ii,
				cell_word(it->kstatus));
	else
		uabi_sbuf__addf(b, "\"><span>%s</span></td>", cell_word(it->kstatus));
}

/* An item name, marked "(internal)" when it starts with "__". */
static void name(struct uabi_sbuf *b, const char *s)
{
	esc(b, s);
	if (s && s[0] == '_' && s[1] == '_')
		uabi_sbuf__adds(b, " <small>(internal)</small>");
}

static void legend(struct uabi_sbuf *b)
{
	uabi_sbuf__adds(b, "<div class=\"legend\">");
	for (int v = 0; v < UABI_V__COUNT; v++)
		uabi_sbuf__addf(b, "<span><i class=\"sw v-%s\"></i>%s</span>", uabi_verdict__str(v),
				uabi_verdict__str(v));
	uabi_sbuf__adds(b, "<span><i class=\"sw ring\"></i>needs translation, NOT handled</span>"
			"<span><i class=\"sw dash\"></i>mmap'd root, untranslatable</span>"
			"<span>cell text: what the kernel does (ok, handled, no compat, "
			"not dispatched, ? unknown); click a cell for its evidence</span></div>\n");
}

static int matrix(const struct uabi_report *r, struct uabi_sbuf *b)
{
	struct rows rows;
	uint32_t npairs = 0;

	if (rows_build(r, &rows))
		return -1;
	uabi_sbuf__adds(b, "<section id=\"matrix\">\n<h2>ioctls × compat ABIs</h2>\n");
	legend(b);
	uabi_sbuf__adds(b, "<div class=\"mwrap\">\n<table class=\"matrix\">\n<thead><tr><th></th>");
	for (uint32_t i = 0; i < r->npairs; i++) {
		if (!uabi_report__shows_pair(r, &r->pairs[i]))
			continue;
		npairs++;
		uabi_sbuf__adds(b, "<th>");
		esc(b, r->pairs[i].pair->native);
		uabi_sbuf__adds(b, "<br>→ ");
		esc(b, r->pairs[i].pair->compat);
		uabi_sbuf__adds(b, "<small>");
		esc(b, r->pairs[i].pair->arch);
		uabi_sbuf__adds(b, "</small></th>");
	}
	uabi_sbuf__adds(b, "</tr></thead>\n<tbody>\n");
	for (uint32_t k = 0; k < rows.n; k++) {
		bool root = k >= rows.nioctls;

		if (k == rows.nioctls)
			uabi_sbuf__addf(b, "<tr class=\"sep\"><th colspan=\"%" PRIu32 "\">roots "
					"(mmap'd)</th></tr>\n", npairs + 1);
		uabi_sbuf__adds(b, "<tr><th>");
		name(b, rows.names[k]);
		uabi_sbuf__adds(b, "</th>");
		for (uint32_t i = 0; i < r->npairs; i++)
			if (uabi_report__shows_pair(r, &r->pairs[i]))
				cell(b, r, i, find_item(&r->pairs[i], rows.names[k], root));
		uabi_sbuf__adds(b, "</tr>\n");
	}
	uabi_sbuf__adds(b, "</tbody>\n</table>\n</div>\n<aside id=\"evidence\" hidden>"
			"<button class=\"close\" type=\"button\" title=\"close (Esc)\">×</button>"
			"<div id=\"evidence-body\"></div></aside>\n</section>\n");
	free(rows.names);
	return 0;
}

static void item(struct uabi_sbuf *b, const struct uabi_report *r,
		 const struct uabi_report_pair *rp, uint32_t pi, uint32_t ii)
{
	const struct uabi_report_item *it = &rp->items[ii];
	const struct uabi_compat_item *c = it->c;
	const struct uabi_khandled *h = it->handler;
	const char *file, *arg = uabi_r__item_arg(it);
	char nn[NUM], cn[NUM], ns[NUM], cs[NUM], todo[1024];
	uint32_t line;

	uabi_sbuf__addf(b, "<div class=\"item\" id=\"p%" PRIu32 "-i%" PRIu32 "\">\n<h4>", pi, ii);
	code(b, c->name);
	if (c->name[0] == '_' && c->name[1] == '_')
		uabi_sbuf__adds(b, " <small>(internal)</small>");
	uabi_sbuf__addf(b, "<span class=\"badge v-%s\">%s</span>"
			"<span class=\"badge k-%s\">kernel: %s</span></h4>\n",
			uabi_verdict__str(c->verdict), uabi_verdict__str(c->verdict),
			uabi_kstatus__str(it->kstatus), uabi_kstatus__str(it->kstatus));
	uabi_sbuf__adds(b, "<p class=\"facts\">");
	pair_name(b, rp->pair);
	uabi_r__size(ns, NUM, c->native_type, c->native_size);
	uabi_r__size(cs, NUM, c->compat_type, c->compat_size);
	if (!c->is_root) {
		uabi_r__number(nn, NUM, c->native);
		uabi_r__number(cn, NUM, c->compat);
		uabi_sbuf__addf(b, " · number <code>%s</code> → <code>%s</code>", nn, cn);
	}
	uabi_sbuf__addf(b, " · size %s → %s", ns, cs);
	file = uabi_r__item_decl(rp, it, &line);
	if (file) {
		uabi_sbuf__adds(b, " · declared at ");
		code_site(b, file, line);
	}
	if (arg) {
		uabi_sbuf__adds(b, " · argument ");
		code(b, arg);
	}
	uabi_sbuf__adds(b, "</p>\n");
	if (h) {
		uabi_sbuf__adds(b, "<p>Handled by ");
		code(b, h->site.function ? h->site.function : "?");
		if (h->label && h->ioctl && strcmp(h->label, h->ioctl)) {
			uabi_sbuf__adds(b, " (case ");
			code(b, h->label);
			uabi_sbuf__adds(b, ")");
		}
		uabi_sbuf__adds(b, " at ");
		code_site(b, h->site.file, h->site.line);
		uabi_sbuf__adds(b, "</p>\n");
	}
	if (it->note) {
		uabi_sbuf__adds(b, "<p>Kernel: ");
		esc(b, it->note);
		uabi_sbuf__adds(b, "</p>\n");
	}
	if (c->reason) {
		uabi_sbuf__adds(b, "<p>Reason: ");
		esc(b, c->reason);
		uabi_sbuf__adds(b, "</p>\n");
	}
	uabi_r__todo(todo, sizeof(todo), r, rp, it);
	if (todo[0]) {
		uabi_sbuf__adds(b, "<p class=\"todo\">To do: ");
		esc(b, todo);
		uabi_sbuf__adds(b, "</p>\n");
	}
	if (c->nfindings) {
		uabi_sbuf__adds(b, "<table class=\"grid findings\">\n<thead><tr><th>member</th>"
				"<th>kind</th><th>");
		esc(b, rp->pair->native);
		uabi_sbuf__adds(b, "</th><th>");
		esc(b, rp->pair->compat);
		uabi_sbuf__adds(b, "</th><th>byte from start</th><th>declared at</th></tr></thead>\n"
				"<tbody>\n");
		for (uint32_t i = 0; i < c->nfindings; i++) {
			const struct uabi_finding *f = &c->findings[i];
			char nv[NUM], cv[NUM], at[2 * NUM];

			uabi_r__finding_value(nv, NUM, f->kind, f->native);
			uabi_r__finding_value(cv, NUM, f->kind, f->compat);
			uabi_sbuf__adds(b, "<tr><td>");
			code(b, uabi_r__finding_path(f));
			uabi_sbuf__addf(b, "</td><td>%s</td><td class=\"n\">", uabi_finding_kind__str(f->kind));
			esc(b, nv);
			uabi_sbuf__adds(b, "</td><td class=\"n\">");
			esc(b, cv);
			uabi_r__finding_at(at, sizeof(at), f);
			uabi_sbuf__adds(b, "</td><td class=\"n\">");
			esc(b, at);
			uabi_sbuf__adds(b, "</td><td>");
			if (f->file)
				code_site(b, f->file, f->line);
			else
				uabi_sbuf__adds(b, "-");
			uabi_sbuf__adds(b, "</td></tr>\n");
		}
		uabi_sbuf__adds(b, "</tbody>\n</table>\n");
		if (c->nfindings_total > c->nfindings)
			uabi_sbuf__addf(b, "<p>%" PRIu32 " more findings not kept.</p>\n",
					c->nfindings_total - c->nfindings);
	}
	uabi_sbuf__adds(b, "</div>\n");
}

static void details(const struct uabi_report *r, struct uabi_sbuf *b)
{
	uabi_sbuf__adds(b, "<section id=\"details\">\n<h2>Evidence per compat pair</h2>\n");
	for (uint32_t i = 0; i < r->npairs; i++) {
		const struct uabi_report_pair *rp = &r->pairs[i];
		uint32_t nlisted = 0;

		if (!uabi_report__shows_pair(r, rp))
			continue;
		uabi_sbuf__addf(b, "<h3 id=\"p%" PRIu32 "\">", i);
		pair_name(b, rp->pair);
		uabi_sbuf__adds(b, " <small>(");
		esc(b, rp->pair->arch);
		uabi_sbuf__adds(b, ")</small></h3>\n<p class=\"facts\">Verdicts: ");
		uabi_r__verdict_counts(b, rp);
		uabi_sbuf__adds(b, ". Kernel: ");
		uabi_r__kstatus_counts(b, rp);
		uabi_sbuf__adds(b, ".</p>\n");
		for (uint32_t j = 0; j < rp->nitems; j++) {
			if (!listed(r, &rp->items[j]))
				continue;
			item(b, r, rp, i, j);
			nlisted++;
		}
		if (!nlisted)
			uabi_sbuf__adds(b, r->view.only_actionable ? "<p>No item to act on.</p>\n"
								   : "<p>Every item is identical.</p>\n");
	}
	uabi_sbuf__adds(b, "</section>\n");
}

static void input(const struct uabi_report *r, struct uabi_sbuf *b)
{
	const struct uabi_kfacts *k = r->kfacts;

	uabi_sbuf__adds(b, "<section id=\"input\">\n<h2>Input</h2>\n<dl class=\"input\">\n"
			"<dt>root</dt><dd>");
	code(b, r->input_root);
	uabi_sbuf__adds(b, "</dd>\n<dt>headers</dt><dd>");
	for (uint32_t i = 0; i < r->nheaders; i++) {
		uabi_sbuf__adds(b, i ? ", " : "");
		code(b, r->headers[i]);
	}
	uabi_sbuf__adds(b, "</dd>\n<dt>kernel</dt><dd>");
	esc(b, r->kernel_version);
	uabi_sbuf__adds(b, "</dd>\n<dt>kernel tree</dt><dd>");
	if (k) {
		uabi_sbuf__adds(b, "<code>KVM_COMPAT</code> at ");
		code_site(b, k->kvm_compat_site.file, k->kvm_compat_site.line);
		if (k->kvm_compat_depends) {
			uabi_sbuf__adds(b, ", depends on ");
			code(b, k->kvm_compat_depends);
		}
	} else {
		uabi_sbuf__adds(b, "none (kernel status unknown)");
	}
	uabi_sbuf__addf(b, "</dd>\n<dt>ABIs</dt><dd>%" PRIu32 " judged: ", r->coverage.ncovered);
	for (uint32_t i = 0; i < r->coverage.ncovered; i++) {
		uabi_sbuf__adds(b, i ? ", " : "");
		code(b, r->coverage.covered[i]);
	}
	uabi_sbuf__adds(b, "</dd>\n<dt>skipped</dt><dd>");
	if (!r->coverage.nskipped)
		uabi_sbuf__adds(b, "none");
	for (uint32_t i = 0; i < r->coverage.nskipped; i++) {
		uabi_sbuf__adds(b, i ? "<br>\n" : "");
		code(b, r->coverage.skipped[i].profile);
		uabi_sbuf__adds(b, ": ");
		esc(b, r->coverage.skipped[i].reason);
	}
	uabi_sbuf__adds(b, "</dd>\n<dt>tool</dt><dd>uabi ");
	esc(b, uabi_r__tool_version(r));
	uabi_sbuf__addf(b, "</dd>\n<dt>fail-on</dt><dd>%s, %" PRIu32 " failing item%s</dd>\n"
			"</dl>\n</section>\n", uabi_fail_on__str(r->fail_on), r->nfailing,
			r->nfailing == 1 ? "" : "s");
}

/* ---- a multi-header run (uabi check --all) --------------------------------
 * The same page for thousands of rows: the summary first (architectures,
 * pairs, the items that fail, the header coverage), then the matrix with
 * one collapsed <details> per header, a filter bar (verdict, pair, text)
 * and the evidence per pair and header, collapsed too. Without JS every
 * group still opens by hand; with it the filters hide rows, columns and
 * groups, and a fragment opens the groups around its target. */

static const char css_multi[] =
	"details.hgroup,details.egroup,details.pgroup{border:1px solid var(--line);"
	"border-radius:6px;margin:4px 0;padding:0 10px}\n"
	"details.pgroup{margin:10px 0}details.pgroup>summary h3{display:inline;margin:0}\n"
	"details>summary{cursor:pointer;padding:4px 0}\n"
	"details[open]>summary{border-bottom:1px solid var(--line);margin-bottom:6px}\n"
	"summary .hc{color:var(--muted);margin-left:8px}summary .hc b{color:var(--bad)}\n"
	".filters{position:sticky;top:0;z-index:1;display:flex;flex-wrap:wrap;align-items:center;"
	"gap:6px 14px;padding:8px 0;background:#fff;border-bottom:1px solid var(--line)}\n"
	".filters input[type=search]{width:18em}\n"
	".scroll{max-height:420px;overflow:auto;border:1px solid var(--line)}\n"
	".scroll table.grid{margin:0}\n"
	"table.matrix tr:target th{color:#0969da}\n";

/* The multi-header page's script: scope, ev and body for the evidence
 * pane (js_evidence), then (js_multi) fragments, filters and collapsed
 * groups. */
static const char js_multi_head[] =
	"(function () {\n"
	"\tvar scope = document.getElementById('matrix');\n"
	"\tvar ev = document.getElementById('evidence');\n"
	"\tvar body = document.getElementById('evidence-body');\n"
	"\tif (!scope || !ev || !body)\n"
	"\t\treturn;\n";
static const char js_multi[] =
	"\t/* a fragment inside collapsed groups (or rows a filter hides): show it */\n"
	"\tfunction reveal() {\n"
	"\t\tvar id = decodeURIComponent(location.hash.slice(1));\n"
	"\t\tvar t = id ? document.getElementById(id) : null;\n"
	"\t\tfor (var d = t; d; d = d.parentElement) {\n"
	"\t\t\td.hidden = false;\n"
	"\t\t\tif (d.tagName === 'DETAILS')\n"
	"\t\t\t\td.open = true;\n"
	"\t\t}\n"
	"\t\tif (t)\n"
	"\t\t\tt.scrollIntoView();\n"
	"\t}\n"
	"\twindow.addEventListener('hashchange', reveal);\n"
	"\treveal();\n"
	"\n"
	"\t/* filters: verdict (of a cell of a shown pair), pair (its column),\n"
	"\t * text (in the ioctl's name or its header) */\n"
	"\tvar fv = document.getElementById('f-verdict');\n"
	"\tvar fp = document.getElementById('f-pair');\n"
	"\tvar ft = document.getElementById('f-text');\n"
	"\tvar st = document.getElementById('f-status');\n"
	"\tvar groups = Array.prototype.slice.call(scope.querySelectorAll('details.hgroup'));\n"
	"\tvar rows = [];\n"
	"\tgroups.forEach(function (g) {\n"
	"\t\tvar h = (g.getAttribute('data-h') || '').toLowerCase();\n"
	"\t\tg.querySelectorAll('tbody tr').forEach(function (tr) {\n"
	"\t\t\trows.push({ tr: tr, g: g, h: h, name: tr.cells[0].textContent.toLowerCase() });\n"
	"\t\t});\n"
	"\t});\n"
	"\tvar translate = ['v-number-differs', 'v-layout-differs', 'v-pointer-width'];\n"
	"\tfunction match(td, v) {\n"
	"\t\tif (!td || !td.classList.contains('cell'))\n"
	"\t\t\treturn false;\n"
	"\t\tif (v === '')\n"
	"\t\t\treturn true;\n"
	"\t\tif (v === 'fail')\n"
	"\t\t\treturn td.classList.contains('fail');\n"
	"\t\tif (v === 'translate')\n"
	"\t\t\treturn translate.some(function (c) { return td.classList.contains(c); });\n"
	"\t\treturn td.classList.contains('v-' + v);\n"
	"\t}\n"
	"\tvar saved = null;\n"
	"\tfunction apply() {\n"
	"\t\tvar v = fv.value, p = fp.value, t = ft.value.trim().toLowerCase();\n"
	"\t\tvar active = v !== '' || p !== '' || t !== '';\n"
	"\t\tvar col = p === '' ? -1 : Number(p) + 1;\n"
	"\t\tvar count = new Map(), shown = 0, gshown = 0;\n"
	"\t\tif (active && !saved)\n"
	"\t\t\tsaved = groups.map(function (g) { return g.open; });\n"
	"\t\tscope.querySelectorAll('table.matrix tr').forEach(function (tr) {\n"
	"\t\t\tfor (var i = 1; i < tr.cells.length; i++)\n"
	"\t\t\t\ttr.cells[i].hidden = col > 0 && i !== col;\n"
	"\t\t});\n"
	"\t\trows.forEach(function (r) {\n"
	"\t\t\tvar ok = !t || r.name.indexOf(t) >= 0 || r.h.indexOf(t) >= 0;\n"
	"\t\t\tif (ok && (v !== '' || col > 0)) {\n"
	"\t\t\t\tvar any = false;\n"
	"\t\t\t\tfor (var i = 1; i < r.tr.cells.length && !any; i++)\n"
	"\t\t\t\t\tany = (col < 0 || i === col) && match(r.tr.cells[i], v);\n"
	"\t\t\t\tok = any;\n"
	"\t\t\t}\n"
	"\t\t\tr.tr.hidden = !ok;\n"
	"\t\t\tif (ok) {\n"
	"\t\t\t\tshown++;\n"
	"\t\t\t\tcount.set(r.g, (count.get(r.g) || 0) + 1);\n"
	"\t\t\t}\n"
	"\t\t});\n"
	"\t\tgroups.forEach(function (g, i) {\n"
	"\t\t\tvar n = count.get(g) || 0;\n"
	"\t\t\tg.hidden = n === 0;\n"
	"\t\t\tgshown += n > 0;\n"
	"\t\t\tif (active)\n"
	"\t\t\t\tg.open = n > 0;\n"
	"\t\t\telse if (saved)\n"
	"\t\t\t\tg.open = saved[i];\n"
	"\t\t});\n"
	"\t\tif (!active)\n"
	"\t\t\tsaved = null;\n"
	"\t\tst.textContent = shown + ' of ' + rows.length + ' rows in ' + gshown + ' of ' +\n"
	"\t\t\tgroups.length + ' groups';\n"
	"\t}\n"
	"\tfv.addEventListener('change', apply);\n"
	"\tfp.addEventListener('change', apply);\n"
	"\tft.addEventListener('input', apply);\n"
	"\tdocument.getElementById('f-open').addEventListener('click', function () {\n"
	"\t\tgroups.forEach(function (g) { g.open = !g.hidden; });\n"
	"\t});\n"
	"\tdocument.getElementById('f-close').addEventListener('click', function () {\n"
	"\t\tgroups.forEach(function (g) { g.open = false; });\n"
	"\t});\n"
	"\twindow.uabiFilter = function (verdict, pair, text) {\n"
	"\t\tfv.value = verdict;\n"
	"\t\tfp.value = pair;\n"
	"\t\tft.value = text;\n"
	"\t\tapply();\n"
	"\t\treturn st.textContent;\n"
	"\t};\n"
	"\tapply();\n"
	"})();\n";

/* A matrix row of a multi-header page: an ioctl by (header, name), or a
 * root (file NULL, root set). */
struct mrow {
	const char *file, *name;
	bool root;
};

static int cmp_mrow(const void *a, const void *b)
{
	const struct mrow *x = a, *y = b;
	int c = 0;

	if (x->root != y->root)
		return x->root ? 1 : -1;
	if (!x->file != !y->file)
		return x->file ? -1 : 1;
	if (x->file)
		c = strcmp(x->file, y->file);
	return c ? c : strcmp(x->name, y->name);
}

static bool same_file(const char *a, const char *b)
{
	return !a == !b && (!a || !strcmp(a, b));
}

/* The rows of the matrix: every (header, ioctl) and root in the view,
 * sorted and unique. NULL on out of memory. */
static struct mrow *mrows_build(const struct uabi_report *r, uint32_t *n)
{
	uint32_t total = 0, k = 0;
	struct mrow *v;

	for (uint32_t i = 0; i < r->npairs; i++)
		total += r->pairs[i].nitems;
	v = malloc((total + 1) * sizeof(*v));
	if (!v)
		return NULL;
	for (uint32_t i = 0; i < r->npairs; i++) {
		for (uint32_t j = 0; j < r->pairs[i].nitems; j++) {
			const struct uabi_report_item *it = &r->pairs[i].items[j];
			uint32_t line;

			if (!in_view(r, i, j))
				continue;
			v[k++] = (struct mrow){ it->c->is_root ? NULL
							      : uabi_r__item_decl(&r->pairs[i], it, &line),
						it->c->name, it->c->is_root };
		}
	}
	qsort(v, k, sizeof(*v), cmp_mrow);
	*n = 0;
	for (uint32_t i = 0; i < k; i++)
		if (!*n || cmp_mrow(&v[*n - 1], &v[i]))
			v[(*n)++] = v[i];
	return v;
}

/* The item of a pair at a matrix row, or -1: ioctls by name (the pair's
 * ioctls are sorted by name) in the row's header, roots by name. */
static int64_t find_row_item(const struct uabi_report_pair *rp, const struct mrow *row)
{
	uint32_t lo = 0, hi = roots_start(rp), line;

	if (row->root)
		return find_item(rp, row->name, true);
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = strcmp(rp->items[mid].c->name, row->name);

		if (!c)
			return same_file(uabi_r__item_decl(rp, &rp->items[mid], &line), row->file)
				       ? (int64_t)mid : -1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* The pair columns of a matrix table: the same head for every group. */
static void matrix_head(const struct uabi_report *r, struct uabi_sbuf *b)
{
	uabi_sbuf__adds(b, "<thead><tr><th></th>");
	for (uint32_t i = 0; i < r->npairs; i++) {
		if (!uabi_report__shows_pair(r, &r->pairs[i]))
			continue;
		uabi_sbuf__adds(b, "<th>");
		esc(b, r->pairs[i].pair->native);
		uabi_sbuf__adds(b, "<br>→ ");
		esc(b, r->pairs[i].pair->compat);
		uabi_sbuf__adds(b, "<small>");
		esc(b, r->pairs[i].pair->arch);
		uabi_sbuf__adds(b, "</small></th>");
	}
	uabi_sbuf__adds(b, "</tr></thead>\n");
}

/* The filter bar: verdict, pair, text, expand and collapse, and the count
 * of rows shown (the script keeps it; without JS it counts everything). */
static void filters(const struct uabi_report *r, struct uabi_sbuf *b, uint32_t nrows,
		    uint32_t ngroups)
{
	uabi_sbuf__adds(b, "<div class=\"filters\" id=\"filters\">\n<label>verdict <select id=\"f-verdict\">"
			"<option value=\"\">any</option>");
	uabi_sbuf__addf(b, "<option value=\"fail\">fails --fail-on=%s</option>"
			"<option value=\"translate\">needs translation</option>",
			uabi_fail_on__str(r->fail_on));
	for (int v = 0; v < UABI_V__COUNT; v++)
		uabi_sbuf__addf(b, "<option value=\"%s\">%s</option>", uabi_verdict__str(v),
				uabi_verdict__str(v));
	uabi_sbuf__adds(b, "</select></label>\n<label>pair <select id=\"f-pair\">"
			"<option value=\"\">every pair</option>");
	for (uint32_t i = 0, col = 0; i < r->npairs; i++) {
		if (!uabi_report__shows_pair(r, &r->pairs[i]))
			continue;
		uabi_sbuf__addf(b, "<option value=\"%" PRIu32 "\">", col++);
		pair_name(b, r->pairs[i].pair);
		uabi_sbuf__adds(b, "</option>");
	}
	uabi_sbuf__addf(b, "</select></label>\n<label>search <input id=\"f-text\" type=\"search\" "
			"placeholder=\"ioctl or header\" autocomplete=\"off\"></label>\n"
			"<button type=\"button\" id=\"f-open\">expand all</button>"
			"<button type=\"button\" id=\"f-close\">collapse all</button>\n"
			"<span class=\"meta\" id=\"f-status\">%" PRIu32 " of %" PRIu32 " rows in %" PRIu32
			" of %" PRIu32 " groups</span>\n</div>\n", nrows, nrows, ngroups, ngroups);
}

/* A group's summary line in the matrix: rows, rows that need translation
 * on some pair, items that fail. */
static void mgroup_summary(const struct uabi_report *r, struct uabi_sbuf *b,
			   const struct mrow *rows, uint32_t from, uint32_t to)
{
	uint32_t translate = 0, failing = 0;

	for (uint32_t k = from; k < to; k++) {
		bool t = false;

		for (uint32_t i = 0; i < r->npairs; i++) {
			int64_t ii;

			if (!uabi_report__shows_pair(r, &r->pairs[i]) ||
			    (ii = find_row_item(&r->pairs[i], &rows[k])) < 0)
				continue;
			t |= uabi_verdict__needs_translation(r->pairs[i].items[ii].c->verdict);
			failing += uabi_report__fails(r->fail_on, &r->pairs[i].items[ii]);
		}
		translate += t;
	}
	uabi_sbuf__addf(b, "<span class=\"hc\">%" PRIu32 " %s%s", to - from,
			rows[from].root ? "root" : "ioctl", to - from == 1 ? "" : "s");
	if (translate)
		uabi_sbuf__addf(b, " · %" PRIu32 " to translate on some pair", translate);
	if (failing)
		uabi_sbuf__addf(b, " · <b>%" PRIu32 " failing</b>", failing);
	uabi_sbuf__adds(b, "</span>");
}

static int matrix_multi(const struct uabi_report *r, struct uabi_sbuf *b)
{
	uint32_t nrows, ngroups = 0;
	struct mrow *rows = mrows_build(r, &nrows);

	if (!rows)
		return -1;
	for (uint32_t k = 0; k < nrows; k++)
		ngroups += !k || rows[k].root != rows[k - 1].root ||
			   !same_file(rows[k].file, rows[k - 1].file);
	uabi_sbuf__adds(b, "<section id=\"matrix\">\n<h2>ioctls × compat ABIs, by header</h2>\n");
	legend(b);
	filters(r, b, nrows, ngroups);
	for (uint32_t k = 0, end; k < nrows; k = end) {
		for (end = k + 1; end < nrows && rows[end].root == rows[k].root &&
				  same_file(rows[end].file, rows[k].file); end++)
			;
		uabi_sbuf__adds(b, "<details class=\"hgroup\" data-h=\"");
		esc(b, rows[k].root ? "roots (mmap'd)" : rows[k].file ? rows[k].file : "(unknown)");
		uabi_sbuf__adds(b, "\"><summary>");
		if (rows[k].root)
			uabi_sbuf__adds(b, "roots (mmap'd)");
		else
			code(b, rows[k].file ? rows[k].file : "(unknown)");
		mgroup_summary(r, b, rows, k, end);
		uabi_sbuf__adds(b, "</summary>\n<div class=\"mwrap\">\n<table class=\"matrix\">\n");
		matrix_head(r, b);
		uabi_sbuf__adds(b, "<tbody>\n");
		for (uint32_t j = k; j < end; j++) {
			uabi_sbuf__addf(b, "<tr id=\"r%" PRIu32 "\"><th>", j);
			name(b, rows[j].name);
			uabi_sbuf__adds(b, "</th>");
			for (uint32_t i = 0; i < r->npairs; i++)
				if (uabi_report__shows_pair(r, &r->pairs[i]))
					cell(b, r, i, find_row_item(&r->pairs[i], &rows[j]));
			uabi_sbuf__adds(b, "</tr>\n");
		}
		uabi_sbuf__adds(b, "</tbody>\n</table>\n</div>\n</details>\n");
	}
	uabi_sbuf__adds(b, "<aside id=\"evidence\" hidden><button class=\"close\" type=\"button\" "
			"title=\"close (Esc)\">×</button><div id=\"evidence-body\"></div></aside>\n"
			"</section>\n");
	free(rows);
	return 0;
}

/* The matrix row of a failing item (its id r<k>), or -1. */
static int64_t row_of(const struct mrow *rows, uint32_t nrows, const struct uabi_r_failing *f)
{
	struct mrow key = { f->root ? NULL : f->file, f->name, f->root };
	uint32_t lo = 0, hi = nrows;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = cmp_mrow(&rows[mid], &key);

		if (!c)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* The items that fail --fail-on, once per (header, name), each linking to
 * its matrix row. */
static int failing(const struct uabi_report *r, struct uabi_sbuf *b)
{
	struct uabi_r_failing_list l;
	uint32_t nrows = 0;
	struct mrow *rows = mrows_build(r, &nrows);

	if (!rows || uabi_r__failing(r, true, &l)) {
		free(rows);
		uabi_r__failing_free(&l);
		return -1;
	}
	uabi_sbuf__addf(b, "<section id=\"failing\">\n<h2>Failing <code>--fail-on=%s</code></h2>\n"
			"<p class=\"meta\">%" PRIu32 " item%s, %" PRIu32 " distinct by header and name"
			"%s</p>\n", uabi_fail_on__str(r->fail_on), l.nitems, l.nitems == 1 ? "" : "s",
			l.n, l.n ? "; a name links to its row of the matrix." : ".");
	if (l.n) {
		uabi_sbuf__adds(b, "<div class=\"scroll\">\n<table class=\"grid failing\">\n<thead><tr>"
				"<th>header</th><th>ioctl</th><th>verdict</th><th>kernel</th>"
				"<th>fails on</th></tr></thead>\n<tbody>\n");
		for (uint32_t i = 0; i < l.n; i++) {
			const struct uabi_r_failing *f = &l.v[i];
			int64_t row = row_of(rows, nrows, f);
			char v[256], k[256], abis[1024];

			uabi_r__verdict_set(v, sizeof(v), f->verdicts);
			uabi_r__kstatus_set(k, sizeof(k), f->kstatus);
			uabi_r__failing_abis(abis, sizeof(abis), r, f);
			uabi_sbuf__adds(b, "<tr><td>");
			code(b, f->file ? f->file : "(unknown)");
			uabi_sbuf__adds(b, "</td><td>");
			if (row >= 0)
				uabi_sbuf__addf(b, "<a href=\"#r%" PRId64 "\">", row);
			code(b, f->name);
			uabi_sbuf__addf(b, "%s</td><td>%s</td><td>%s</td><td>", row >= 0 ? "</a>" : "", v,
					k);
			esc(b, abis);
			uabi_sbuf__adds(b, "</td></tr>\n");
		}
		uabi_sbuf__adds(b, "</tbody>\n</table>\n</div>\n");
	}
	uabi_sbuf__adds(b, "</section>\n");
	uabi_r__failing_free(&l);
	free(rows);
	return 0;
}

static void header_coverage(const struct uabi_report *r, struct uabi_sbuf *b)
{
	const struct uabi_header_coverage *h = &r->hcov;

	uabi_sbuf__adds(b, "<section id=\"coverage\">\n<h2>Header coverage</h2>\n<table class=\"grid "
			"hcov\">\n<thead><tr><th>ABI</th><th>headers judged</th><th>headers skipped</th>"
			"<th>ioctls</th><th>applicable</th></tr></thead>\n<tbody>\n");
	for (uint32_t i = 0; i < h->nabis; i++) {
		const struct uabi_header_abi *a = &h->abis[i];

		uabi_sbuf__adds(b, "<tr><td>");
		code(b, a->profile);
		uabi_sbuf__adds(b, "</td>");
		num_cell(b, a->judged, false);
		num_cell(b, a->skipped, false);
		num_cell(b, a->ioctls, false);
		num_cell(b, a->applicable, false);
		uabi_sbuf__adds(b, "</tr>\n");
	}
	uabi_sbuf__adds(b, "</tbody>\n</table>\n<p class=\"note\">");
	esc(b, uabi_r__hcov_note);
	uabi_sbuf__addf(b, "</p>\n<h3>Skipped headers</h3>\n");
	if (!h->nskipped) {
		uabi_sbuf__adds(b, "<p>None.</p>\n</section>\n");
		return;
	}
	uabi_sbuf__adds(b, "<table class=\"grid skipped\">\n<thead><tr><th>header</th><th>ABIs</th>"
			"<th>reason</th></tr></thead>\n<tbody>\n");
	for (uint32_t i = 0; i < h->nskipped; i++) {
		char abis[1024];

		uabi_r__skip_abis(abis, sizeof(abis), r, &h->skipped[i]);
		uabi_sbuf__adds(b, "<tr><td>");
		code(b, h->skipped[i].header);
		uabi_sbuf__adds(b, "</td><td>");
		esc(b, abis);
		uabi_sbuf__adds(b, "</td><td>");
		esc(b, h->skipped[i].reason);
		uabi_sbuf__adds(b, "</td></tr>\n");
	}
	uabi_sbuf__adds(b, "</tbody>\n</table>\n</section>\n");
}

/* The evidence of a multi-header page: per pair a collapsed group, in it
 * per header a collapsed group of the items listed. */
static void details_multi(const struct uabi_report *r, struct uabi_sbuf *b)
{
	uabi_sbuf__adds(b, "<section id=\"details\">\n<h2>Evidence per compat pair</h2>\n"
			"<p class=\"meta\">Collapsed by pair and header: open one, or click a cell of "
			"the matrix.</p>\n");
	for (uint32_t i = 0; i < r->npairs; i++) {
		const struct uabi_report_pair *rp = &r->pairs[i];
		uint32_t nlisted = 0;

		if (!uabi_report__shows_pair(r, rp))
			continue;
		uabi_sbuf__addf(b, "<details class=\"pgroup\" id=\"p%" PRIu32 "\"><summary><h3>", i);
		pair_name(b, rp->pair);
		uabi_sbuf__adds(b, " <small>(");
		esc(b, rp->pair->arch);
		uabi_sbuf__adds(b, ")</small></h3></summary>\n<p class=\"facts\">Verdicts: ");
		uabi_r__verdict_counts(b, rp);
		uabi_sbuf__adds(b, ". Kernel: ");
		uabi_r__kstatus_counts(b, rp);
		uabi_sbuf__adds(b, ".</p>\n");
		for (uint32_t gi = 0; gi < rp->ngroups; gi++) {
			const struct uabi_report_group *g = &rp->groups[gi];
			uint32_t n = 0;
			char counts[512];

			for (uint32_t k = 0; k < g->nitems; k++)
				n += listed(r, &rp->items[g->items[k]]);
			if (!n)
				continue;
			nlisted += n;
			uabi_r__group_counts(counts, sizeof(counts), r, rp, g);
			uabi_sbuf__adds(b, "<details class=\"egroup\"><summary>");
			code(b, uabi_r__group_file(g));
			uabi_sbuf__adds(b, "<span class=\"hc\">");
			esc(b, counts);
			uabi_sbuf__adds(b, "</span></summary>\n");
			for (uint32_t k = 0; k < g->nitems; k++)
				if (listed(r, &rp->items[g->items[k]]))
					item(b, r, rp, i, g->items[k]);
			uabi_sbuf__adds(b, "</details>\n");
		}
		for (uint32_t j = 0; j < rp->nitems; j++) {
			if (!rp->items[j].c->is_root || !listed(r, &rp->items[j]))
				continue;
			item(b, r, rp, i, j);
			nlisted++;
		}
		if (!nlisted)
			uabi_sbuf__adds(b, r->view.only_actionable ? "<p>No item to act on.</p>\n"
								   : "<p>Every item is identical.</p>\n");
		uabi_sbuf__adds(b, "</details>\n");
	}
	uabi_sbuf__adds(b, "</section>\n");
}

char *uabi_render__html(const struct uabi_report *r, struct uabi_diag *d)
{
	bool multi = uabi_r__multi(r);
	struct uabi_sbuf b;

	uabi_sbuf__init(&b);
	uabi_sbuf__adds(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
			"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			"<title>");
	esc(&b, uabi_r__title(r));
	uabi_sbuf__adds(&b, "</title>\n<style>\n");
	uabi_sbuf__adds(&b, css);
	if (multi)
		uabi_sbuf__adds(&b, css_multi);
	uabi_sbuf__adds(&b, "</style>\n</head>\n<body>\n");
	header(r, &b);
	uabi_sbuf__adds(&b, "<main>\n");
	arch_summary(r, &b);
	if (multi) {
		if (failing(r, &b))
			b.oom = true;
		header_coverage(r, &b);
	}
	if (multi ? matrix_multi(r, &b) : matrix(r, &b))
		b.oom = true;
	if (multi)
		details_multi(r, &b);
	else
		details(r, &b);
	input(r, &b);
	uabi_sbuf__adds(&b, "</main>\n<script>\n");
	uabi_sbuf__adds(&b, multi ? js_multi_head : js_head);
	uabi_sbuf__adds(&b, js_evidence);
	uabi_sbuf__adds(&b, multi ? js_multi : js_tail);
	uabi_sbuf__adds(&b, "</script>\n</body>\n</html>\n");
	return uabi_sbuf__finish(&b, d);
}
