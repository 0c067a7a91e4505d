// SPDX-License-Identifier: MIT
/*
 * SARIF 2.1.0 for code-scanning UIs: one run, a rule per verdict plus
 * "not-handled", one result per item of a pair that applies and is not
 * identical. The level says what the kernel does about it: error when a
 * 32-bit caller gets wrong bytes (not handled, or an mmap'd root that no
 * handler can translate) and for every item that fails the run at its
 * --fail-on level (needs translation, kernel unknown, at the default),
 * warning when translation is needed and handled or the kernel is
 * unknown, note otherwise (no KVM compat, not dispatched).
 * Locations are the dump's relative paths: the ioctl macro, findings as
 * related locations. A multi-header run adds run.properties.header_coverage
 * and a "header-skipped" notification per skipped header and reason.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "render.h"
#include "rpriv.h"

#define RULE_NOT_HANDLED UABI_V__COUNT	/* index of the extra rule */
#define MSG_FINDINGS 3			/* findings named in a message */

static const struct {
	const char *name, *brief, *full, *level;
} rules[UABI_V__COUNT + 1] = {
	[UABI_V_IDENTICAL] = {
		"Identical", "Same number and layout on both ABIs",
		"Same ioctl number, same layout, no pointer or long of different width: the "
		"native handler serves 32-bit callers (compat_ptr_ioctl).", "none" },
	[UABI_V_NUMBER_DIFFERS] = {
		"NumberDiffers", "The ioctl number differs between the ABIs",
		"_IOC_SIZE (or another field) differs, so the command number differs: without "
		"translation the kernel does not recognise the 32-bit command.", "warning" },
	[UABI_V_LAYOUT_DIFFERS] = {
		"LayoutDiffers", "Same number, different member layout",
		"Same command number, but some member offset, size, bit position or count "
		"differs: without translation the kernel reads the wrong bytes silently.",
		"warning" },
	[UABI_V_POINTER_WIDTH] = {
		"PointerWidth", "A pointer or long of different width in the same bytes",
		"Same offsets and sizes, but a pointer or long whose width differs lives in the "
		"bytes (a pointer in a union with __u64): the upper half is garbage, wrong on "
		"big-endian.", "warning" },
	[UABI_V_NOT_APPLICABLE] = {
		"NotApplicable", "The argument type does not exist on one ABI",
		"The ioctl's argument type is not defined for this ABI or architecture.", "none" },
	[RULE_NOT_HANDLED] = {
		"NotHandled", "Needs compat translation and the kernel does not translate it",
		"The ioctl needs translation for 32-bit callers, KVM_COMPAT is enabled on the "
		"architecture, and no compat handler translates it: a kernel bug.", "error" },
};

static const char *rule_id(unsigned i)
{
	return i == RULE_NOT_HANDLED ? "not-handled" : uabi_verdict__str(i);
}

static const char *level(const struct uabi_report *r, const struct uabi_report_item *it)
{
	/* what fails the run (--fail-on) is an error, whatever the reason:
	 * code scanning then shows what the exit code says */
	if (uabi_report__fails(r->fail_on, it))
		return "error";
	switch (it->kstatus) {
	case UABI_K_NOT_HANDLED:
	case UABI_K_UNTRANSLATABLE:
		return "error";
	case UABI_K_HANDLED:
	case UABI_K_UNKNOWN:
	case UABI_K_NOT_JUDGED:
		return "warning";
	default:
		return "note";
	}
}

static void physical(struct uabi_jw *w, struct uabi_jnode *loc, const char *file, uint32_t line)
{
	struct uabi_jnode *pl = uabi_jw__obj(w, loc, "physicalLocation"), *al, *rg;

	al = uabi_jw__obj(w, pl, "artifactLocation");
	uabi_jw__str(w, al, "uri", file);
	if (line) {
		rg = uabi_jw__obj(w, pl, "region");
		uabi_jw__u64(w, rg, "startLine", line);
	}
}

static void message(struct uabi_sbuf *b, const struct uabi_report_pair *rp,
		    const struct uabi_report_item *it)
{
	const struct uabi_compat_item *c = it->c;
	const struct uabi_compat_pair *p = rp->pair;

	uabi_sbuf__addf(b, "%s: %s on %s -> %s (%s), kernel %s", c->name,
			uabi_verdict__str(c->verdict), p->native, p->compat, p->arch,
			uabi_kstatus__str(it->kstatus));
	if (it->handler && it->handler->site.function)
		uabi_sbuf__addf(b, " by %s", it->handler->site.function);
	if (it->note)
		uabi_sbuf__addf(b, " (%s)", it->note);
	for (uint32_t i = 0; i < c->nfindings && i < MSG_FINDINGS; i++) {
		const struct uabi_finding *f = &c->findings[i];
		char nv[32], cv[32];

		uabi_r__finding_value(nv, sizeof(nv), f->kind, f->native);
		uabi_r__finding_value(cv, sizeof(cv), f->kind, f->compat);
		uabi_sbuf__addf(b, "%s%s %s %s vs %s", i ? "; " : ": ", uabi_r__finding_path(f),
				uabi_finding_kind__str(f->kind), nv, cv);
		if (f->native_at != UABI_NO_OFFSET || f->compat_at != UABI_NO_OFFSET) {
			char at[64];

			uabi_r__finding_at(at, sizeof(at), f);
			uabi_sbuf__addf(b, " (at byte %s)", at);
		}
	}
	if (c->nfindings_total > MSG_FINDINGS && c->nfindings_total > 0)
		uabi_sbuf__addf(b, " (%" PRIu32 " findings)",
				c->nfindings_total > c->nfindings ? c->nfindings_total
								  : c->nfindings);
}

static void result(struct uabi_jw *w, struct uabi_jnode *arr, const struct uabi_report *r,
		   const struct uabi_report_pair *rp, const struct uabi_report_item *it)
{
	const struct uabi_compat_item *c = it->c;
	const struct uabi_compat_pair *p = rp->pair;
	unsigned rule = it->kstatus == UABI_K_NOT_HANDLED ? RULE_NOT_HANDLED : c->verdict;
	struct uabi_jnode *o = uabi_jw__push_obj(w, arr), *m, *locs, *ll, *rel, *props, *fp;
	struct uabi_sbuf b;
	const char *file;
	uint32_t line, id = 0;
	char *text;

	uabi_jw__str(w, o, "ruleId", rule_id(rule));
	uabi_jw__u64(w, o, "ruleIndex", rule);
	uabi_jw__str(w, o, "level", level(r, it));

	uabi_sbuf__init(&b);
	message(&b, rp, it);
	text = uabi_sbuf__finish(&b, NULL);
	m = uabi_jw__obj(w, o, "message");
	uabi_jw__str(w, m, "text", text ? text : c->name);
	free(text);

	locs = uabi_jw__arr(w, o, "locations");
	m = uabi_jw__push_obj(w, locs);
	file = uabi_r__item_decl(rp, it, &line);
	if (file)
		physical(w, m, file, line);
	ll = uabi_jw__push_obj(w, uabi_jw__arr(w, m, "logicalLocations"));
	uabi_jw__str(w, ll, "name", c->name);
	uabi_jw__strf(w, ll, "fullyQualifiedName", "%s->%s/%s", p->native, p->compat, c->name);
	uabi_jw__str(w, ll, "kind", c->is_root ? "type" : "declaration");

	rel = uabi_jw__arr(w, o, "relatedLocations");
	if (it->handler && it->handler->site.file) {
		m = uabi_jw__push_obj(w, rel);
		uabi_jw__u64(w, m, "id", id++);
		physical(w, m, it->handler->site.file, it->handler->site.line);
		uabi_jw__strf(w, uabi_jw__obj(w, m, "message"), "text", "compat handler %s",
			      it->handler->site.function ? it->handler->site.function : "?");
	}
	for (uint32_t i = 0; i < c->nfindings; i++) {
		const struct uabi_finding *f = &c->findings[i];
		char nv[32], cv[32], at[64];

		if (!f->file)
			continue;
		uabi_r__finding_value(nv, sizeof(nv), f->kind, f->native);
		uabi_r__finding_value(cv, sizeof(cv), f->kind, f->compat);
		uabi_r__finding_at(at, sizeof(at), f);
		m = uabi_jw__push_obj(w, rel);
		uabi_jw__u64(w, m, "id", id++);
		physical(w, m, f->file, f->line);
		uabi_jw__strf(w, uabi_jw__obj(w, m, "message"), "text",
			      "%s: %s %s (%s) vs %s (%s), at byte %s from the start", uabi_r__finding_path(f),
			      uabi_finding_kind__str(f->kind), nv, p->native, cv, p->compat, at);
	}

	if (it->suppressed) {
		struct uabi_jnode *sup = uabi_jw__push_obj(w, uabi_jw__arr(w, o, "suppressions"));

		uabi_jw__str(w, sup, "kind", "external");
		uabi_jw__str(w, sup, "justification", it->suppressed);
	}
	fp = uabi_jw__obj(w, o, "partialFingerprints");
	uabi_jw__strf(w, fp, "uabiItem/v1", "%s/%s/%s", p->native, p->compat, c->name);

	props = uabi_jw__obj(w, o, "properties");
	uabi_jw__str(w, props, "verdict", uabi_verdict__str(c->verdict));
	if (c->untyped)
		uabi_jw__bool(w, props, "untyped", true);
	if (c->declared)
		uabi_jw__bool(w, props, "declared", true);
	uabi_jw__str(w, props, "kernel", uabi_kstatus__str(it->kstatus));
	uabi_jw__str(w, props, "native", p->native);
	uabi_jw__str(w, props, "compat", p->compat);
	uabi_jw__str(w, props, "arch", p->arch);
	uabi_jw__bool(w, props, "root", c->is_root);
	{
		char todo[1024];

		uabi_r__todo(todo, sizeof(todo), r, rp, it);
		uabi_jw__str(w, props, "todo", todo[0] ? todo : NULL);
	}
}

struct uabi_jnode *uabi_r__sarif_coverage(struct uabi_jw *w, struct uabi_jnode *run,
					  struct uabi_jnode *props, const struct uabi_skip *skipped,
					  uint32_t nskipped)
{
	struct uabi_jnode *inv = uabi_jw__push_obj(w, uabi_jw__arr(w, run, "invocations"));
	struct uabi_jnode *notes, *sk;

	uabi_jw__bool(w, inv, "executionSuccessful", true);
	notes = uabi_jw__arr(w, inv, "toolExecutionNotifications");
	sk = uabi_jw__arr(w, props, "skipped");
	for (uint32_t i = 0; i < nskipped; i++) {
		struct uabi_jnode *n = uabi_jw__push_obj(w, notes), *o = uabi_jw__push_obj(w, sk);

		uabi_jw__str(w, uabi_jw__obj(w, n, "descriptor"), "id", "abi-skipped");
		uabi_jw__str(w, n, "level", "warning");
		uabi_jw__strf(w, uabi_jw__obj(w, n, "message"), "text", "%s: skipped (not judged): %s",
			      skipped[i].profile, skipped[i].reason);
		uabi_jw__str(w, uabi_jw__obj(w, n, "properties"), "profile", skipped[i].profile);
		uabi_jw__str(w, o, "profile", skipped[i].profile);
		uabi_jw__str(w, o, "reason", skipped[i].reason);
	}
	return notes;
}

/* A multi-header run: run.properties.header_coverage (per ABI the headers
 * judged and skipped, the skipped headers with the compiler's reason and
 * their ABIs) and a warning notification per skipped header and reason
 * ("header-skipped"). */
static void header_coverage(struct uabi_jw *w, struct uabi_jnode *notes, struct uabi_jnode *props,
			    const struct uabi_report *r)
{
	const struct uabi_header_coverage *h = &r->hcov;

	uabi_r__coverage_jw(w, uabi_jw__obj(w, props, "header_coverage"), r);
	for (uint32_t i = 0; i < h->nskipped; i++) {
		const struct uabi_header_skip *k = &h->skipped[i];
		struct uabi_jnode *n = uabi_jw__push_obj(w, notes), *np;
		char abis[1024];

		uabi_jw__str(w, uabi_jw__obj(w, n, "descriptor"), "id", "header-skipped");
		uabi_jw__str(w, n, "level", "warning");
		uabi_r__skip_abis(abis, sizeof(abis), r, k);
		uabi_jw__strf(w, uabi_jw__obj(w, n, "message"), "text",
			      "%s: skipped on %s (not judged): %s", k->header, abis, k->reason);
		np = uabi_jw__obj(w, n, "properties");
		uabi_jw__str(w, np, "header", k->header);
		np = uabi_jw__arr(w, np, "abis");
		for (uint32_t j = 0; j < k->nabis; j++)
			uabi_jw__push_str(w, np, k->abis[j]);
	}
}


/* run.properties.untyped: the ioctls whose number describes no argument
 * (identical there says only that the numbers agree; no result is made
 * for them), each once, in pair then name order; absent when none. */
static void untyped_list(struct uabi_jw *w, struct uabi_jnode *props, const struct uabi_report *r)
{
	struct uabi_jnode *arr = NULL;
	const char **seen = NULL;
	uint32_t nseen = 0, cap = 0;

	for (uint32_t i = 0; i < r->npairs; i++) {
		const struct uabi_report_pair *rp = &r->pairs[i];

		for (uint32_t j = 0; j < rp->nitems; j++) {
			const struct uabi_compat_item *c = rp->items[j].c;
			bool dup = false;

			if (!c->untyped)
				continue;
			for (uint32_t k = 0; k < nseen && !dup; k++)
				dup = !strcmp(seen[k], c->name);
			if (dup)
				continue;
			if (nseen == cap) {
				const char **v = realloc(seen, (cap ? cap * 2 : 16) * sizeof(*v));

				if (!v)
					break;	/* the list stops short; nothing else depends on it */
				seen = v;
				cap = cap ? cap * 2 : 16;
			}
			seen[nseen++] = c->name;
			if (!arr)
				arr = uabi_jw__arr(w, props, "untyped");
			uabi_jw__push_str(w, arr, c->name);
		}
	}
	free(seen);
}

char *uabi_render__sarif(const struct uabi_report *r, struct uabi_diag *d)
{
	struct uabi_jw w;
	struct uabi_jnode *root = uabi_jw__init(&w), *run, *drv, *rs, *res, *props, *notes;
	char *s;

	uabi_jw__str(&w, root, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
	uabi_jw__str(&w, root, "version", "2.1.0");
	run = uabi_jw__push_obj(&w, uabi_jw__arr(&w, root, "runs"));
	drv = uabi_jw__obj(&w, uabi_jw__obj(&w, run, "tool"), "driver");
	uabi_jw__str(&w, drv, "name", "uabi");
	uabi_jw__str(&w, drv, "version", uabi_r__tool_version(r));
	rs = uabi_jw__arr(&w, drv, "rules");
	for (unsigned i = 0; i <= RULE_NOT_HANDLED; i++) {
		struct uabi_jnode *o = uabi_jw__push_obj(&w, rs);

		uabi_jw__str(&w, o, "id", rule_id(i));
		uabi_jw__str(&w, o, "name", rules[i].name);
		uabi_jw__str(&w, uabi_jw__obj(&w, o, "shortDescription"), "text", rules[i].brief);
		uabi_jw__str(&w, uabi_jw__obj(&w, o, "fullDescription"), "text", rules[i].full);
		uabi_jw__str(&w, uabi_jw__obj(&w, o, "defaultConfiguration"), "level",
			     rules[i].level);
	}

	res = uabi_jw__arr(&w, run, "results");
	for (uint32_t i = 0; i < r->npairs; i++) {
		const struct uabi_report_pair *rp = &r->pairs[i];

		for (uint32_t j = 0; j < rp->nitems; j++) {
			const struct uabi_compat_item *c = rp->items[j].c;

			if (c->verdict == UABI_V_IDENTICAL ||
			    (c->verdict == UABI_V_NOT_APPLICABLE &&
			     rp->items[j].kstatus != UABI_K_NOT_JUDGED))
				continue;
			result(&w, res, r, rp, &rp->items[j]);
		}
	}

	props = uabi_jw__obj(&w, run, "properties");
	uabi_jw__str(&w, props, "input_root", r->input_root);
	uabi_jw__str(&w, props, "kernel_version", r->kernel_version);
	uabi_jw__str(&w, props, "fail_on", uabi_fail_on__str(r->fail_on));
	uabi_jw__u64(&w, props, "failing", r->nfailing);
	rs = uabi_jw__arr(&w, props, "covered");
	for (uint32_t i = 0; i < r->coverage.ncovered; i++)
		uabi_jw__push_str(&w, rs, r->coverage.covered[i]);
	notes = uabi_r__sarif_coverage(&w, run, props, r->coverage.skipped, r->coverage.nskipped);
	if (uabi_r__multi(r))
		header_coverage(&w, notes, props, r);
	/* KVM arches of the tree that no pair covers: not judged, said so */
	if (r->nunjudged) {
		rs = uabi_jw__arr(&w, props, "unjudged_archs");
		for (uint32_t i = 0; i < r->nunjudged; i++) {
			struct uabi_jnode *o = uabi_jw__push_obj(&w, rs);

			uabi_jw__str(&w, o, "arch", r->unjudged[i].arch);
			uabi_jw__str(&w, o, "outcome", r->unjudged[i].outcome);
		}
	}
	untyped_list(&w, props, r);

	s = uabi_jw__text(&w, d);
	uabi_jw__free(&w);
	return s;
}
