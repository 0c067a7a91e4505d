// SPDX-License-Identifier: MIT
/*
 * JSON report (schemas/report.schema.json): every item of every pair, not
 * only the ones that differ, so tools can diff two reports. Keys sorted,
 * one-space indentation like the dumps; absent facts are null, never left
 * out, so every object of a kind has the same keys. A multi-header run
 * adds coverage.headers, failing_items and pairs[].headers (absent from a
 * one-header report, whose text stays as it was).
 */
#include <errno.h>
#include <inttypes.h>

#include "jsonw.h"
#include "render.h"
#include "rpriv.h"

static void site(struct uabi_jw *w, struct uabi_jnode *o, const char *file, uint32_t line)
{
	uabi_jw__str(w, o, "file", file);
	if (file && line)
		uabi_jw__u64(w, o, "line", line);
	else
		uabi_jw__null(w, o, "line");
}

/* A finding's byte from the start of the argument, null when none. */
static void at(struct uabi_jw *w, struct uabi_jnode *o, const char *key, uint64_t v)
{
	if (v == UABI_NO_OFFSET)
		uabi_jw__null(w, o, key);
	else
		uabi_jw__u64(w, o, key, v);
}

static void side(struct uabi_jw *w, struct uabi_jnode *item, const char *key,
		 const struct uabi_compat_item *c, const struct uabi_ioctl *io, uint32_t type,
		 uint64_t size)
{
	struct uabi_jnode *o;

	if (!io && !c->is_root) {
		uabi_jw__null(w, item, key);
		return;
	}
	o = uabi_jw__obj(w, item, key);
	if (type == UABI_NO_TYPE)
		uabi_jw__null(w, o, "size");
	else
		uabi_jw__u64(w, o, "size", size);
	if (c->is_root)
		return;
	uabi_jw__bool(w, o, "applicable", io->applicable);
	uabi_jw__str(w, o, "arg_type", io->arg_type);
	uabi_jw__u64(w, o, "number", io->number);
	uabi_jw__strf(w, o, "number_hex", "0x%" PRIx64, io->number);
	uabi_jw__u64(w, o, "ioc_size", io->size);
	site(w, o, io->decl_file, io->decl_line);
}

static void item(struct uabi_jw *w, struct uabi_jnode *arr, const struct uabi_report_pair *rp,
		 const struct uabi_report_item *it)
{
	const struct uabi_compat_item *c = it->c;
	struct uabi_jnode *o = uabi_jw__push_obj(w, arr), *k, *fs;

	uabi_jw__str(w, o, "name", c->name);
	uabi_jw__str(w, o, "verdict", uabi_verdict__str(c->verdict));
	/* only when true: the number describes no argument, or the user
	 * declared it (--arg-types) */
	if (c->untyped)
		uabi_jw__bool(w, o, "untyped", true);
	if (c->declared)
		uabi_jw__bool(w, o, "declared", true);
	uabi_jw__str(w, o, "reason", c->reason);
	side(w, o, "native", c, c->native, c->native_type, c->native_size);
	side(w, o, "compat", c, c->compat, c->compat_type, c->compat_size);
	if (c->is_root) {
		uint32_t line;
		const char *file = uabi_r__item_decl(rp, it, &line);

		site(w, o, file, line);
	}

	k = uabi_jw__obj(w, o, "kernel");
	uabi_jw__str(w, k, "status", uabi_kstatus__str(it->kstatus));
	if (it->handler) {
		struct uabi_jnode *h = uabi_jw__obj(w, k, "handler");

		uabi_jw__str(w, h, "function", it->handler->site.function);
		uabi_jw__str(w, h, "label", it->handler->label);
		site(w, h, it->handler->site.file, it->handler->site.line);
	} else {
		uabi_jw__null(w, k, "handler");
	}
	uabi_jw__str(w, k, "suppressed", it->suppressed);
	uabi_jw__str(w, k, "note", it->note);
	if (it->facts) {
		/* what the whole tree says about the command (kernel/ioctls.h) */
		const struct uabi_kio_place *f = it->facts;
		struct uabi_jnode *fo = uabi_jw__obj(w, k, "facts"), *so;

		uabi_jw__str(w, fo, "status", uabi_kio_status__str(f->status));
		uabi_jw__str(w, fo, "why", f->why);
		if (f->handler.file) {
			so = uabi_jw__obj(w, fo, "handler");
			uabi_jw__str(w, so, "function", f->handler.function);
			uabi_jw__str(w, so, "label", f->label);
			site(w, so, f->handler.file, f->handler.line);
		}
		if (f->native.file) {
			so = uabi_jw__obj(w, fo, "native");
			uabi_jw__str(w, so, "function", f->native.function);
			site(w, so, f->native.file, f->native.line);
		}
		if (f->entry.file) {
			so = uabi_jw__obj(w, fo, "entry");
			uabi_jw__str(w, so, "object", f->entry_object);
			uabi_jw__str(w, so, "compat_field", f->compat_field);
			uabi_jw__str(w, so, "compat_ioctl", f->compat);
			uabi_jw__u64(w, so, "equally_close", f->nentries);
			site(w, so, f->entry.file, f->entry.line);
		}
	}
	{
		/* members the arch never uses, with where the tree uses them */
		struct uabi_jnode *un = uabi_jw__arr(w, k, "unused");

		for (uint32_t i = 0; i < it->nunused; i++) {
			const struct uabi_report_unused *u = &it->unused[i];
			struct uabi_jnode *uo = uabi_jw__push_obj(w, un), *ua;

			uabi_jw__str(w, uo, "member", u->member);
			uabi_jw__u64(w, uo, "findings", u->nfindings);
			ua = uabi_jw__arr(w, uo, "used_in");
			if (u->kio) {
				/* not KVM's: the first function naming it, and
				 * the switch that reaches it under other labels */
				struct uabi_jnode *so;

				if (u->read.named.file) {
					so = uabi_jw__push_obj(w, ua);
					uabi_jw__null(w, so, "arch");
					uabi_jw__str(w, so, "function", u->read.named.function);
					site(w, so, u->read.named.file, u->read.named.line);
				}
				if (u->read.site.file) {
					so = uabi_jw__obj(w, uo, "switch");
					uabi_jw__str(w, so, "function", u->read.site.function);
					site(w, so, u->read.site.file, u->read.site.line);
				}
				continue;
			}
			for (uint32_t j = 0; j < u->nuses; j++) {
				struct uabi_jnode *so = uabi_jw__push_obj(w, ua);

				uabi_jw__str(w, so, "arch", u->uses[j].arch);
				site(w, so, u->uses[j].site.file, u->uses[j].site.line);
			}
		}
	}

	fs = uabi_jw__arr(w, o, "findings");
	for (uint32_t i = 0; i < c->nfindings; i++) {
		const struct uabi_finding *f = &c->findings[i];
		struct uabi_jnode *fo = uabi_jw__push_obj(w, fs);

		uabi_jw__str(w, fo, "path", f->path ? f->path : "");
		uabi_jw__str(w, fo, "kind", uabi_finding_kind__str(f->kind));
		uabi_jw__u64(w, fo, "native", f->native);
		uabi_jw__u64(w, fo, "compat", f->compat);
		at(w, fo, "native_at", f->native_at);
		at(w, fo, "compat_at", f->compat_at);
		site(w, fo, f->file, f->line);
	}
	uabi_jw__u64(w, o, "findings_total",
		     c->nfindings_total > c->nfindings ? c->nfindings_total : c->nfindings);
}

/* A multi-header run: the pair's ioctls by header, with counts. */
static void groups(struct uabi_jw *w, struct uabi_jnode *o, const struct uabi_report *r,
		   const struct uabi_report_pair *rp)
{
	struct uabi_jnode *arr = uabi_jw__arr(w, o, "headers");

	for (uint32_t i = 0; i < rp->ngroups; i++) {
		const struct uabi_report_group *g = &rp->groups[i];
		struct uabi_jnode *go = uabi_jw__push_obj(w, arr), *v, *names;

		uabi_jw__str(w, go, "file", g->file);
		v = uabi_jw__obj(w, go, "counts");
		for (int k = 0; k < UABI_V__COUNT; k++)
			uabi_jw__u64(w, v, uabi_verdict__str(k), g->counts[k]);
		uabi_jw__u64(w, go, "failing", uabi_r__group_failing(r, rp, g));
		names = uabi_jw__arr(w, go, "ioctls");
		for (uint32_t k = 0; k < g->nitems; k++)
			uabi_jw__push_str(w, names, rp->items[g->items[k]].c->name);
	}
}

static void pair(struct uabi_jw *w, struct uabi_jnode *arr, const struct uabi_report *r,
		 const struct uabi_report_pair *rp)
{
	const struct uabi_compat_pair *p = rp->pair;
	struct uabi_jnode *o = uabi_jw__push_obj(w, arr), *counts, *v, *k, *ioctls, *roots;

	uabi_jw__str(w, o, "native", p->native);
	uabi_jw__str(w, o, "compat", p->compat);
	uabi_jw__str(w, o, "arch", p->arch);
	counts = uabi_jw__obj(w, o, "counts");
	v = uabi_jw__obj(w, counts, "verdict");
	for (int i = 0; i < UABI_V__COUNT; i++)
		uabi_jw__u64(w, v, uabi_verdict__str(i), p->counts[i]);
	/* of the identical, the untyped (the number names no argument) */
	uabi_jw__u64(w, counts, "untyped", p->untyped);
	k = uabi_jw__obj(w, counts, "kernel");
	for (int i = 0; i < UABI_K__COUNT; i++)
		/* not-judged only when there are some: reports of runs that
		 * judged every header stay as they were */
		/* the statuses few runs have: only when some item has one */
		if ((i != UABI_K_NOT_JUDGED && i != UABI_K_NOT_AVAILABLE) || rp->kcounts[i])
			uabi_jw__u64(w, k, uabi_kstatus__str(i), rp->kcounts[i]);
	ioctls = uabi_jw__arr(w, o, "ioctls");
	roots = uabi_jw__arr(w, o, "roots");
	for (uint32_t i = 0; i < rp->nitems; i++)
		item(w, rp->items[i].c->is_root ? roots : ioctls, rp, &rp->items[i]);
	if (uabi_r__multi(r))
		groups(w, o, r, rp);
}


/* A multi-header run: the failing items once per (header, name). */
static void failing_items(struct uabi_jw *w, struct uabi_jnode *root, const struct uabi_report *r)
{
	struct uabi_r_failing_list l;
	struct uabi_jnode *a;

	if (uabi_r__failing(r, false, &l)) {
		uabi_r__failing_free(&l);
		w->err = ENOMEM;
		return;
	}
	a = uabi_jw__arr(w, root, "failing_items");
	for (uint32_t i = 0; i < l.n; i++) {
		const struct uabi_r_failing *f = &l.v[i];
		struct uabi_jnode *o = uabi_jw__push_obj(w, a), *x;

		uabi_jw__str(w, o, "name", f->name);
		uabi_jw__str(w, o, "file", f->file);
		uabi_jw__bool(w, o, "root", f->root);
		x = uabi_jw__arr(w, o, "abis");
		for (uint32_t k = 0; k < f->npairs; k++)
			uabi_jw__push_str(w, x, r->pairs[f->pairs[k]].pair->compat);
		x = uabi_jw__arr(w, o, "verdicts");
		for (int k = 0; k < UABI_V__COUNT; k++)
			if (f->verdicts >> k & 1)
				uabi_jw__push_str(w, x, uabi_verdict__str(k));
		x = uabi_jw__arr(w, o, "kernel");
		for (int k = 0; k < UABI_K__COUNT; k++)
			if (f->kstatus >> k & 1)
				uabi_jw__push_str(w, x, uabi_kstatus__str(k));
	}
	uabi_r__failing_free(&l);
}

static void arch(struct uabi_jw *w, struct uabi_jnode *arr, const struct uabi_report *r,
		 const struct uabi_arch_summary *a)
{
	struct uabi_jnode *o = uabi_jw__push_obj(w, arr), *abis, *n;
	const struct uabi_kfacts_arch *ka = r->kfacts ? uabi_kfacts__arch(r->kfacts, a->arch) : NULL;

	uabi_jw__str(w, o, "arch", a->arch);
	uabi_jw__str(w, o, "native", a->native);
	abis = uabi_jw__arr(w, o, "compat");
	for (uint32_t i = 0; i < a->ncompat; i++)
		uabi_jw__push_str(w, abis, a->compat[i]);
	uabi_jw__str(w, o, "kvm_compat", uabi_word__kvm_compat(a->kvm_compat));
	uabi_jw__str(w, o, "outcome", a->outcome);
	n = uabi_jw__obj(w, o, "counts");
	uabi_jw__u64(w, n, "identical", a->identical);
	uabi_jw__u64(w, n, "untyped", a->untyped);
	uabi_jw__u64(w, n, "needs_translation", a->needs_translation);
	uabi_jw__u64(w, n, "handled", a->handled);
	uabi_jw__u64(w, n, "not_handled", a->not_handled);
	uabi_jw__u64(w, n, "unknown", a->unknown);
	uabi_jw__u64(w, n, "not_applicable", a->not_applicable);
	uabi_jw__u64(w, n, "not_dispatched", a->not_dispatched);
	if (a->other) {
		uabi_jw__u64(w, n, "not_available", a->not_available);
		uabi_jw__u64(w, n, "not_available_identical", a->not_available_identical);
		uabi_jw__u64(w, n, "native_ok", a->native_ok);
		uabi_jw__u64(w, n, "not_used", a->not_used);
		uabi_jw__u64(w, n, "no_kvm_compat", a->no_kvm_compat);
	}
	n = uabi_jw__arr(w, o, "not_handled");
	for (uint32_t i = 0; i < a->ngaps; i++) {
		struct uabi_jnode *g = uabi_jw__push_obj(w, n), *l;

		uabi_jw__str(w, g, "ioctl", a->gaps[i].ioctl);
		l = uabi_jw__arr(w, g, "abis");
		for (uint32_t k = 0; k < a->gaps[i].nabi; k++)
			uabi_jw__push_str(w, l, a->gaps[i].abi[k]);
	}
	/* what the kernel's compat handlers translate on this arch */
	if (!ka) {
		uabi_jw__null(w, o, "handlers");
		return;
	}
	n = uabi_jw__arr(w, o, "handlers");
	for (uint32_t i = 0; i < ka->nhandled; i++) {
		const struct uabi_khandled *h = &ka->handled[i];
		struct uabi_jnode *ho = uabi_jw__push_obj(w, n);

		uabi_jw__str(w, ho, "ioctl", h->ioctl);
		uabi_jw__str(w, ho, "label", h->label);
		uabi_jw__str(w, ho, "function", h->site.function);
		site(w, ho, h->site.file, h->site.line);
	}
}

char *uabi_render__json(const struct uabi_report *r, struct uabi_diag *d)
{
	struct uabi_jw w;
	struct uabi_jnode *root = uabi_jw__init(&w), *o, *a;
	char *s;

	uabi_jw__u64(&w, root, "schema_version", 1);
	uabi_jw__str(&w, root, "command", r->command ? r->command : "check");
	o = uabi_jw__obj(&w, root, "tool");
	uabi_jw__str(&w, o, "name", "uabi");
	uabi_jw__str(&w, o, "version", uabi_r__tool_version(r));

	o = uabi_jw__obj(&w, root, "input");
	uabi_jw__str(&w, o, "root", r->input_root);
	uabi_jw__str(&w, o, "kernel_version", r->kernel_version);
	a = uabi_jw__arr(&w, o, "headers");
	for (uint32_t i = 0; i < r->nheaders; i++)
		uabi_jw__push_str(&w, a, r->headers[i]);

	if (r->kfacts) {
		struct uabi_jnode *kc;

		o = uabi_jw__obj(&w, root, "kernel_tree");
		uabi_jw__str(&w, o, "version", r->kfacts->kernel_version);
		kc = uabi_jw__obj(&w, o, "kvm_compat");
		uabi_jw__str(&w, kc, "depends", r->kfacts->kvm_compat_depends);
		site(&w, kc, r->kfacts->kvm_compat_site.file, r->kfacts->kvm_compat_site.line);
		/* KVM arches of the tree that no pair covers */
		kc = uabi_jw__arr(&w, o, "unjudged_archs");
		for (uint32_t i = 0; i < r->nunjudged; i++) {
			struct uabi_jnode *uo = uabi_jw__push_obj(&w, kc);

			uabi_jw__str(&w, uo, "arch", r->unjudged[i].arch);
			uabi_jw__str(&w, uo, "outcome", r->unjudged[i].outcome);
		}
	} else {
		uabi_jw__null(&w, root, "kernel_tree");
	}

	a = uabi_jw__arr(&w, root, "archs");
	for (uint32_t i = 0; i < r->narchs; i++)
		arch(&w, a, r, &r->archs[i]);
	a = uabi_jw__arr(&w, root, "pairs");
	for (uint32_t i = 0; i < r->npairs; i++)
		pair(&w, a, r, &r->pairs[i]);
	o = uabi_jw__obj(&w, root, "coverage");
	a = uabi_jw__arr(&w, o, "covered");
	for (uint32_t i = 0; i < r->coverage.ncovered; i++)
		uabi_jw__push_str(&w, a, r->coverage.covered[i]);
	a = uabi_jw__arr(&w, o, "skipped");
	for (uint32_t i = 0; i < r->coverage.nskipped; i++) {
		struct uabi_jnode *so = uabi_jw__push_obj(&w, a);

		uabi_jw__str(&w, so, "profile", r->coverage.skipped[i].profile);
		uabi_jw__str(&w, so, "reason", r->coverage.skipped[i].reason);
	}
	if (uabi_r__multi(r))
		uabi_r__coverage_jw(&w, uabi_jw__obj(&w, o, "headers"), r);
	uabi_jw__str(&w, root, "fail_on", uabi_fail_on__str(r->fail_on));
	uabi_jw__u64(&w, root, "failing", r->nfailing);
	if (uabi_r__multi(r))
		failing_items(&w, root, r);

	s = uabi_jw__text(&w, d);
	uabi_jw__free(&w);
	return s;
}
