// SPDX-License-Identifier: MIT
#include "rpriv.h"
#include "jsonw.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/model.h"

#ifndef UABI_VERSION
#define UABI_VERSION "0"
#endif

const char *uabi_word__kvm_compat(int kvm_compat)
{
	return kvm_compat == 1 ? "yes" : kvm_compat == 0 ? "no" : "unknown";
}

const char *uabi_r__tool_version(const struct uabi_report *r)
{
	return r->tool_version ? r->tool_version : UABI_VERSION;
}

const char *uabi_r__item_decl(const struct uabi_report_pair *rp, const struct uabi_report_item *it,
			      uint32_t *line)
{
	const struct uabi_compat_item *c = it->c;
	const struct uabi_ioctl *io = c->native ? c->native : c->compat;
	const struct uabi_compat_pair *p = rp->pair;
	const struct uabi_type *t = NULL;

	*line = 0;
	if (io) {
		*line = io->decl_line;
		return io->decl_file;
	}
	if (p->n && c->native_type != UABI_NO_TYPE)
		t = uabi_layout__type(p->n, c->native_type);
	if ((!t || !t->decl_file) && p->c && c->compat_type != UABI_NO_TYPE)
		t = uabi_layout__type(p->c, c->compat_type);
	if (!t || !t->decl_file)
		return NULL;
	*line = t->decl_line;
	return t->decl_file;
}

const char *uabi_r__item_arg(const struct uabi_report_item *it)
{
	const struct uabi_compat_item *c = it->c;

	if (c->native && c->native->arg_type)
		return c->native->arg_type;
	if (c->compat && c->compat->arg_type)
		return c->compat->arg_type;
	return NULL;
}

const char *uabi_r__finding_path(const struct uabi_finding *f)
{
	if (f->path && f->path[0])
		return f->path;
	return f->kind == UABI_F_NUMBER || f->kind == UABI_F_IOC_SIZE ? "(ioctl)" : "(type)";
}

void uabi_r__finding_value(char *buf, size_t len, enum uabi_finding_kind k, uint64_t v)
{
	switch (k) {
	case UABI_F_NUMBER:
		snprintf(buf, len, "0x%" PRIx64, v);
		return;
	case UABI_F_MISSING:
		snprintf(buf, len, "%s", v ? "present" : "absent");
		return;
	case UABI_F_KIND:
		if (v < UABI_KIND__COUNT) {
			snprintf(buf, len, "%s", uabi_kind__str((enum uabi_kind)v));
			return;
		}
		break;
	default:
		break;
	}
	snprintf(buf, len, "%" PRIu64, v);
}

void uabi_r__site(char *buf, size_t len, const char *file, uint32_t line)
{
	if (!file)
		snprintf(buf, len, "-");
	else if (line)
		snprintf(buf, len, "%s:%" PRIu32, file, line);
	else
		snprintf(buf, len, "%s", file);
}

bool uabi_r__item_listed(const struct uabi_report_item *it)
{
	return it->c->verdict != UABI_V_IDENTICAL;
}

bool uabi_r__item_in_table(const struct uabi_report_item *it)
{
	return uabi_r__item_listed(it) || it->c->untyped;
}

const char *uabi_r__verdict_word(const struct uabi_compat_item *c, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s", uabi_verdict__str(c->verdict), c->untyped ? " (untyped)" : "");
	return buf;
}

const char *uabi_r__declared_note(const struct uabi_compat_item *c)
{
	return c->declared ? ", declared by --arg-types" : "";
}

int uabi_r__pair_arch(const struct uabi_report *r, const struct uabi_report_pair *rp)
{
	const struct uabi_compat_pair *p = rp->pair;

	for (uint32_t i = 0; i < r->narchs; i++) {
		const struct uabi_arch_summary *a = &r->archs[i];

		if (a->native && p->native && !strcmp(a->native, p->native))
			return (int)i;
	}
	for (uint32_t i = 0; i < r->narchs; i++) {
		const struct uabi_arch_summary *a = &r->archs[i];

		if (a->arch && p->arch && !strcmp(a->arch, p->arch))
			return (int)i;
	}
	return -1;
}

/* ---- tables ----------------------------------------------------------- */

void uabi_table__init(struct uabi_table *t, uint32_t ncols, uint32_t right)
{
	uabi_arena__init(&t->arena);
	t->ncols = ncols;
	t->right = right;
	t->cells = NULL;
	t->nrows = 0;
	t->cap = 0;
	t->oom = false;
}

void uabi_table__free(struct uabi_table *t)
{
	free(t->cells);
	uabi_arena__free(&t->arena);
	t->cells = NULL;
	t->nrows = t->cap = 0;
}

void uabi_table__row(struct uabi_table *t, ...)
{
	va_list ap;

	if (t->oom)
		return;
	if (t->nrows == t->cap) {
		uint32_t cap = t->cap ? t->cap * 2 : 16;
		const char **cells = realloc(t->cells, (size_t)cap * t->ncols * sizeof(*cells));

		if (!cells) {
			t->oom = true;
			return;
		}
		t->cells = cells;
		t->cap = cap;
	}
	va_start(ap, t);
	for (uint32_t i = 0; i < t->ncols; i++) {
		const char *s = va_arg(ap, const char *);
		char *esc = s && uabi_escape__needed(s, false) ? uabi_escape_dup(s, false) : NULL;
		char *copy = uabi_arena__strdup(&t->arena, esc ? esc : s ? s : "");

		/* escaped before the widths are measured: columns stay aligned */
		free(esc);

		if (!copy)
			t->oom = true;
		t->cells[(size_t)t->nrows * t->ncols + i] = copy ? copy : "";
	}
	va_end(ap);
	t->nrows++;
}

/* Display width: UTF-8 code points. */
static size_t width(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* Column widths into w (ncols entries, at least min each). */
static void widths(const struct uabi_table *t, size_t *w, size_t min)
{
	for (uint32_t i = 0; i < t->ncols; i++) {
		w[i] = min;
		for (uint32_t r = 0; r < t->nrows; r++) {
			size_t n = width(t->cells[(size_t)r * t->ncols + i]);

			if (n > w[i])
				w[i] = n;
		}
	}
}

/* One cell padded to w; the last column of text gets no trailing pad. */
static void cell(struct uabi_sbuf *b, const char *s, size_t w, bool right, bool last)
{
	size_t n = width(s);

	if (right)
		uabi_sbuf__pad(b, ' ', w - n);
	uabi_sbuf__adds(b, s);
	if (!right && !last)
		uabi_sbuf__pad(b, ' ', w - n);
}

void uabi_table__text(const struct uabi_table *t, struct uabi_sbuf *b, unsigned indent)
{
	size_t w[32];

	if (t->oom) {
		b->oom = true;
		return;
	}
	if (t->ncols > 32 || !t->nrows)
		return;
	widths(t, w, 0);
	for (uint32_t r = 0; r < t->nrows; r++) {
		uabi_sbuf__pad(b, ' ', indent);
		for (uint32_t i = 0; i < t->ncols; i++) {
			if (i)
				uabi_sbuf__adds(b, "  ");
			cell(b, t->cells[(size_t)r * t->ncols + i], w[i], t->right >> i & 1,
			     i + 1 == t->ncols);
		}
		uabi_sbuf__addc(b, '\n');
		if (r == 0) {
			uabi_sbuf__pad(b, ' ', indent);
			for (uint32_t i = 0; i < t->ncols; i++) {
				if (i)
					uabi_sbuf__adds(b, "  ");
				uabi_sbuf__pad(b, '-', w[i]);
			}
			uabi_sbuf__addc(b, '\n');
		}
	}
}

void uabi_table__markdown(const struct uabi_table *t, struct uabi_sbuf *b)
{
	size_t w[32];

	if (t->oom) {
		b->oom = true;
		return;
	}
	if (t->ncols > 32 || !t->nrows)
		return;
	widths(t, w, 3);
	for (uint32_t r = 0; r < t->nrows; r++) {
		for (uint32_t i = 0; i < t->ncols; i++) {
			uabi_sbuf__adds(b, "| ");
			cell(b, t->cells[(size_t)r * t->ncols + i], w[i], t->right >> i & 1, false);
			uabi_sbuf__addc(b, ' ');
		}
		uabi_sbuf__adds(b, "|\n");
		if (r == 0) {
			for (uint32_t i = 0; i < t->ncols; i++) {
				uabi_sbuf__adds(b, "| ");
				if (t->right >> i & 1) {
					uabi_sbuf__pad(b, '-', w[i] - 1);
					uabi_sbuf__addc(b, ':');
				} else {
					uabi_sbuf__pad(b, '-', w[i]);
				}
				uabi_sbuf__addc(b, ' ');
			}
			uabi_sbuf__adds(b, "|\n");
		}
	}
}

void uabi_r__number(char *buf, size_t len, const struct uabi_ioctl *io)
{
	if (!io || !io->applicable)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "0x%" PRIx64, io->number);
}

void uabi_r__size(char *buf, size_t len, uint32_t type, uint64_t size)
{
	if (type == UABI_NO_TYPE)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%" PRIu64, size);
}

void uabi_r__verdict_counts(struct uabi_sbuf *b, const struct uabi_report_pair *rp)
{
	for (int v = 0; v < UABI_V__COUNT; v++)
		uabi_sbuf__addf(b, "%s%s %" PRIu32, v ? ", " : "", uabi_verdict__str(v),
				rp->pair->counts[v]);
}

void uabi_r__kstatus_counts(struct uabi_sbuf *b, const struct uabi_report_pair *rp)
{
	bool any = false;

	for (int k = 0; k < UABI_K__COUNT; k++) {
		if (!rp->kcounts[k])
			continue;
		uabi_sbuf__addf(b, "%s%s %" PRIu32, any ? ", " : "", uabi_kstatus__str(k), rp->kcounts[k]);
		any = true;
	}
	if (!any)
		uabi_sbuf__adds(b, "none");
}

/* ---- what a reader is told (issue 8) ---------------------------------- */

const char *const uabi_r__arch_cols[UABI_R_ARCH_NCOUNTS] = {
	"identical", "untyped", "to translate", "handled", "not handled", "unknown", "not dispatched",
	"n/a",
};

/* What "unknown" means depends on the run: without a kernel tree nothing
 * is known; with one, uabi has compat handler facts for KVM's ioctls only,
 * on the arches the tree has KVM code for: any other ioctl's handling is
 * unknown, tree or not (no handler facts for its subsystem yet). */
const char *uabi_r__arch_note(const struct uabi_report *r)
{
	if (!r->kfacts)
		return "Counts are ioctls, each counted once over the arch's compat ABIs: identical (on every "
		       "ABI where it is defined; untyped: of them, those whose number names no argument type, _IO, so "
		       "identical says nothing of their argument: --arg-types declares it), to translate (on at "
		       "least one), n/a (defined on none, or not judged: its header skipped on an ABI). "
		       "handled, not handled, unknown (no kernel tree) and not dispatched split the ioctls to "
		       "translate by what the kernel does on their worst ABI; with KVM_COMPAT=n none applies.";
	if (r->kfacts->kio)
		return "Counts are ioctls, each counted once over the arch's compat ABIs: identical (on every "
		       "ABI where it is defined; untyped: of them, those whose number names no argument type, _IO, so "
		       "identical says nothing of their argument: --arg-types declares it), to translate (on at "
		       "least one), n/a (defined on none, or not judged: its header skipped on an ABI). "
		       "handled, not handled (passed through untranslated: a probable bug), unknown (the tree's "
		       "evidence is not conclusive) and not dispatched (KVM: the arch does not implement it; "
		       "others: no .compat_ioctl reaches it, -ENOTTY) split the ioctls to translate by what the "
		       "kernel does on their worst ABI; with KVM_COMPAT=n none applies to KVM's.";
	return "Counts are ioctls, each counted once over the arch's compat ABIs: identical (on every "
	       "ABI where it is defined; untyped: of them, those whose number names no argument type, _IO, so "
		       "identical says nothing of their argument: --arg-types declares it), to translate (on at "
		       "least one), n/a (defined on none, or not judged: its header skipped on an ABI). "
	       "handled, not handled, unknown and not dispatched split the ioctls to translate by what "
	       "the kernel does on their worst ABI; with KVM_COMPAT=n none applies to KVM's. unknown: "
	       "uabi has no compat handler facts for it (it reads KVM's handlers only, on the arches "
	       "the kernel tree has KVM code for; other subsystems' when the run judges their headers "
	       "and the tree holds their C sources).";
}

void uabi_r__arch_counts(const struct uabi_arch_summary *a, uint32_t out[UABI_R_ARCH_NCOUNTS])
{
	out[0] = a->identical;
	out[1] = a->untyped;
	out[2] = a->needs_translation;
	out[3] = a->handled;
	out[4] = a->not_handled;
	out[5] = a->unknown;
	out[6] = a->not_dispatched + a->not_available;	/* the legend says which */
	out[7] = a->not_applicable;
}

bool uabi_r__shows_arch(const struct uabi_report *r, const char *arch)
{
	if (!r->view.archs)
		return true;
	for (uint32_t i = 0; i < r->view.narchs; i++)
		if (arch && !strcmp(r->view.archs[i], arch))
			return true;
	return false;
}

bool uabi_r__shows_item(const struct uabi_report *r, const struct uabi_report_item *it)
{
	return !r->view.only_actionable || uabi_report__actionable(r, it);
}

const char *uabi_r__display_name(char *buf, size_t len, const char *name)
{
	if (!name)
		return "?";
	if (name[0] != '_' || name[1] != '_')
		return name;
	snprintf(buf, len, "%s (internal)", name);
	return buf;
}

/* The compat handler that sees an ioctl before the native one does, by
 * the native function that dispatches it; NULL when none exists. */
static const char *compat_fn_for(const char *native_fn)
{
	static const struct {
		const char *native, *compat;
	} map[] = {
		{ "kvm_vcpu_ioctl", "kvm_vcpu_compat_ioctl" },
		{ "kvm_arch_vcpu_ioctl", "kvm_vcpu_compat_ioctl" },
		{ "kvm_arch_vcpu_async_ioctl", "kvm_vcpu_compat_ioctl" },
		{ "kvm_vm_ioctl", "kvm_vm_compat_ioctl" },
		{ "kvm_arch_vm_ioctl", "kvm_arch_vm_compat_ioctl" },
	};

	for (size_t i = 0; native_fn && i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(map[i].native, native_fn))
			return map[i].compat;
	return NULL;
}

void uabi_r__todo(char *buf, size_t len, const struct uabi_report *r,
		  const struct uabi_report_pair *rp, const struct uabi_report_item *it)
{
	const struct uabi_compat_item *c = it->c;
	const struct uabi_kfacts_arch *ka =
		r->kfacts && rp->pair->arch ? uabi_kfacts__arch(r->kfacts, rp->pair->arch) : NULL;
	const struct uabi_khandled *ds = NULL;
	bool differs = uabi_verdict__needs_translation(c->verdict);
	char site[512];
	uint32_t n = 0;

	buf[0] = '\0';
	if (c->is_root && differs && (it->kstatus == UABI_K_UNTRANSLATABLE ||
				      it->kstatus == UABI_K_UNKNOWN)) {
		snprintf(buf, len, "mmap'd: no compat handler can translate it; only a layout that is "
			 "the same on every ABI fixes it (fixed-width members, explicit padding)");
		return;
	}
	switch (it->kstatus) {
	case UABI_K_HANDLED:
		if (it->handler) {
			uabi_r__site(site, sizeof(site), it->handler->site.file, it->handler->site.line);
			snprintf(buf, len, "nothing: %s translates it (%s)",
				 it->handler->site.function ? it->handler->site.function : "?", site);
		}
		return;
	case UABI_K_UNKNOWN:
		if (differs && !ka)
			snprintf(buf, len, "needs translation; whether a compat handler translates it "
				 "is unknown without --kernel-tree");
		else if (differs && it->facts)
			snprintf(buf, len, "needs translation; the tree's evidence is not conclusive "
				 "(%s): find the compat_ioctl path of the code that handles it and check "
				 "that it translates it", it->facts->why ? it->facts->why : "?");
		else if (differs)
			snprintf(buf, len, "needs translation; find the compat_ioctl path of the driver "
				 "that handles it and check that it translates it (the tree holds no C "
				 "sources besides KVM's, or the run judged KVM's headers only)");
		return;
	case UABI_K_NOT_AVAILABLE:
		if (it->facts && it->facts->entry.file) {
			uabi_r__site(site, sizeof(site), it->facts->entry.file, it->facts->entry.line);
			snprintf(buf, len, "a 32-bit caller gets -ENOTTY: give %s (%s) a %s that %s",
				 it->facts->entry_object ? it->facts->entry_object : "its entry point",
				 site, it->facts->compat_field ? it->facts->compat_field : ".compat_ioctl",
				 differs ? "translates it" : "passes it on (compat_ptr_ioctl)");
		} else {
			snprintf(buf, len, "a 32-bit caller gets -ENOTTY: add a compat path that %s",
				 differs ? "translates it" : "passes it on");
		}
		return;
	case UABI_K_NOT_HANDLED:
		if (it->facts) {
			const struct uabi_kio_place *f = it->facts;

			if (f->handler.file && f->handler.function && f->compat &&
			    strcmp(f->compat, "compat_ptr_ioctl")) {
				uabi_r__site(site, sizeof(site), f->handler.file, f->handler.line);
				snprintf(buf, len, "translate it in %s (%s): it passes the command to the "
					 "native code untranslated", f->handler.function, site);
			} else if (f->entry.file) {
				uabi_r__site(site, sizeof(site), f->entry.file, f->entry.line);
				snprintf(buf, len, "give %s (%s) a compat handler that translates it (%s "
					 "passes it untranslated)",
					 f->entry_object ? f->entry_object : "its entry point", site,
					 f->compat ? f->compat : "the native handler");
			} else {
				snprintf(buf, len, "translate it on the compat path: %s", f->why);
			}
			return;
		}
		break;
	default:
		return;
	}
	if (ka)
		ds = uabi_kfacts_arch__dispatch(ka, c->name, &n);
	for (uint32_t i = 0; i < n; i++) {
		const char *to = compat_fn_for(ds[i].site.function);

		if (!to)
			continue;
		uabi_r__site(site, sizeof(site), ds[i].site.file, ds[i].site.line);
		snprintf(buf, len, "add a case to %s that translates it (the native ioctl is "
			 "dispatched by %s at %s)", to, ds[i].site.function, site);
		return;
	}
	if (n) {
		uabi_r__site(site, sizeof(site), ds[0].site.file, ds[0].site.line);
		snprintf(buf, len, "add a compat_ioctl path that translates it: %s (%s) dispatches it "
			 "and no compat handler sees it first", ds[0].site.function, site);
		return;
	}
	snprintf(buf, len, "add a case that translates it to the compat handler of the file that "
		 "dispatches it");
}

void uabi_r__finding_at(char *buf, size_t len, const struct uabi_finding *f)
{
	char n[24] = "-", c[24] = "-";

	if (f->native_at != UABI_NO_OFFSET)
		snprintf(n, sizeof(n), "%" PRIu64, f->native_at);
	if (f->compat_at != UABI_NO_OFFSET)
		snprintf(c, sizeof(c), "%" PRIu64, f->compat_at);
	if (!strcmp(n, c))
		snprintf(buf, len, "%s", n);
	else
		snprintf(buf, len, "%s vs %s", n, c);
}

const char *uabi_r__title(const struct uabi_report *r)
{
	return r->command && !strcmp(r->command, "compat") ? "uabi compat report" : "uabi check report";
}

/* ---- multi-header runs (uabi check --all) ------------------------------ */

const char uabi_r__hcov_note[] =
	"Per ABI: the headers its dump judged and skipped (a skipped header is not judged on "
	"that ABI: the compiler's reason is listed below), the ioctls those headers define and, "
	"of those, the ones whose argument type exists on the ABI.";

bool uabi_r__multi(const struct uabi_report *r)
{
	return r->hcov.shown;
}

/* A failing item, for sorting by (header, root, name, pair). */
struct fail_ref {
	const char *file, *name;
	bool root;
	uint32_t pair, item;
};

static int cmp_fail(const void *a, const void *b)
{
	const struct fail_ref *x = a, *y = b;
	int c = 0;

	if (!x->file != !y->file)
		return x->file ? -1 : 1;
	if (x->file)
		c = strcmp(x->file, y->file);
	if (!c && x->root != y->root)
		return x->root ? 1 : -1;
	if (!c)
		c = strcmp(x->name, y->name);
	return c ? c : (x->pair > y->pair) - (x->pair < y->pair);
}

static bool same_fail(const struct fail_ref *x, const struct fail_ref *y)
{
	return !x->file == !y->file && (!x->file || !strcmp(x->file, y->file)) &&
	       x->root == y->root && !strcmp(x->name, y->name);
}

int uabi_r__failing(const struct uabi_report *r, bool view, struct uabi_r_failing_list *out)
{
	struct fail_ref *v;
	uint32_t n = 0, total = 0;

	memset(out, 0, sizeof(*out));
	for (uint32_t p = 0; p < r->npairs; p++)
		total += r->pairs[p].nitems;
	v = malloc((total + 1) * sizeof(*v));
	out->v = malloc((total + 1) * sizeof(*out->v));
	out->store = malloc((total + 1) * sizeof(*out->store));
	if (!v || !out->v || !out->store) {
		free(v);
		return -ENOMEM;
	}
	for (uint32_t p = 0; p < r->npairs; p++) {
		const struct uabi_report_pair *rp = &r->pairs[p];

		if (view && !uabi_report__shows_pair(r, rp))
			continue;
		for (uint32_t k = 0; k < rp->nitems; k++) {
			const struct uabi_report_item *it = &rp->items[k];
			uint32_t line;

			if (!uabi_report__fails(r->fail_on, it))
				continue;
			v[n++] = (struct fail_ref){ uabi_r__item_decl(rp, it, &line), it->c->name,
						    it->c->is_root, p, k };
		}
	}
	qsort(v, n, sizeof(*v), cmp_fail);
	for (uint32_t i = 0, j; i < n; i = j) {
		struct uabi_r_failing *f = &out->v[out->n++];

		*f = (struct uabi_r_failing){ .name = v[i].name, .file = v[i].file,
					      .root = v[i].root, .pairs = &out->store[i] };
		for (j = i; j < n && same_fail(&v[j], &v[i]); j++) {
			const struct uabi_report_item *it = &r->pairs[v[j].pair].items[v[j].item];

			if (!f->npairs || f->pairs[f->npairs - 1] != v[j].pair)
				out->store[i + f->npairs++] = v[j].pair;
			f->verdicts |= 1u << it->c->verdict;
			f->kstatus |= 1u << it->kstatus;
			out->nitems++;
		}
	}
	free(v);
	return 0;
}

void uabi_r__failing_free(struct uabi_r_failing_list *l)
{
	free(l->v);
	free(l->store);
	memset(l, 0, sizeof(*l));
}

void uabi_r__failing_abis(char *buf, size_t len, const struct uabi_report *r,
			  const struct uabi_r_failing *f)
{
	size_t o = 0;

	buf[0] = '\0';
	for (uint32_t i = 0; i < f->npairs && o < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s%s", i ? ", " : "",
				      r->pairs[f->pairs[i]].pair->compat);
}

void uabi_r__verdict_set(char *buf, size_t len, uint32_t bits)
{
	size_t o = 0;

	buf[0] = '\0';
	for (int v = 0; v < UABI_V__COUNT && o < len; v++)
		if (bits >> v & 1)
			o += (size_t)snprintf(buf + o, len - o, "%s%s", o ? ", " : "",
					      uabi_verdict__str(v));
}

void uabi_r__kstatus_set(char *buf, size_t len, uint32_t bits)
{
	size_t o = 0;

	buf[0] = '\0';
	for (int k = 0; k < UABI_K__COUNT && o < len; k++)
		if (bits >> k & 1)
			o += (size_t)snprintf(buf + o, len - o, "%s%s", o ? ", " : "",
					      uabi_kstatus__str(k));
}

uint32_t uabi_r__group_failing(const struct uabi_report *r, const struct uabi_report_pair *rp,
			       const struct uabi_report_group *g)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < g->nitems; i++)
		n += uabi_report__fails(r->fail_on, &rp->items[g->items[i]]);
	return n;
}

void uabi_r__group_counts(char *buf, size_t len, const struct uabi_report *r,
			  const struct uabi_report_pair *rp, const struct uabi_report_group *g)
{
	uint32_t failing = uabi_r__group_failing(r, rp, g);
	size_t o;
	bool first = true;

	o = (size_t)snprintf(buf, len, "%" PRIu32 " ioctl%s", g->nitems, g->nitems == 1 ? "" : "s");
	for (int v = 0; v < UABI_V__COUNT && o < len; v++) {
		if (!g->counts[v])
			continue;
		o += (size_t)snprintf(buf + o, len - o, "%s%s %" PRIu32, first ? ": " : ", ",
				      uabi_verdict__str(v), g->counts[v]);
		first = false;
	}
	if (failing && o < len)
		snprintf(buf + o, len - o, "; %" PRIu32 " failing", failing);
}

const char *uabi_r__group_file(const struct uabi_report_group *g)
{
	return g->file ? g->file : "(unknown)";
}

void uabi_r__skip_abis(char *buf, size_t len, const struct uabi_report *r,
		       const struct uabi_header_skip *s)
{
	size_t o = 0;

	uint32_t all = r->hcov.nabis, k = 0, n = 0;

	buf[0] = '\0';
	if (s->nabis == all && all > 1) {
		snprintf(buf, len, "all");
		return;
	}
	if (all > 2 && 2 * s->nabis > all) {
		/* the shorter list: the ABIs that judged it (both in coverage order) */
		o = (size_t)snprintf(buf, len, "all but ");
		for (uint32_t i = 0; i < all && o < len; i++) {
			if (k < s->nabis && !strcmp(s->abis[k], r->hcov.abis[i].profile)) {
				k++;
				continue;
			}
			o += (size_t)snprintf(buf + o, len - o, "%s%s", n++ ? ", " : "",
					      r->hcov.abis[i].profile);
		}
		return;
	}
	for (uint32_t i = 0; i < s->nabis && o < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s%s", i ? ", " : "", s->abis[i]);
}

void uabi_r__coverage_jw(struct uabi_jw *w, struct uabi_jnode *o, const struct uabi_report *r)
{
	const struct uabi_header_coverage *h = &r->hcov;
	struct uabi_jnode *a = uabi_jw__arr(w, o, "abis");

	for (uint32_t i = 0; i < h->nabis; i++) {
		struct uabi_jnode *ao = uabi_jw__push_obj(w, a);

		uabi_jw__str(w, ao, "profile", h->abis[i].profile);
		uabi_jw__u64(w, ao, "judged", h->abis[i].judged);
		uabi_jw__u64(w, ao, "skipped", h->abis[i].skipped);
		uabi_jw__u64(w, ao, "ioctls", h->abis[i].ioctls);
		uabi_jw__u64(w, ao, "applicable", h->abis[i].applicable);
	}
	a = uabi_jw__arr(w, o, "skipped");
	for (uint32_t i = 0; i < h->nskipped; i++) {
		struct uabi_jnode *so = uabi_jw__push_obj(w, a), *l;

		uabi_jw__str(w, so, "header", h->skipped[i].header);
		uabi_jw__str(w, so, "reason", h->skipped[i].reason);
		l = uabi_jw__arr(w, so, "abis");
		for (uint32_t k = 0; k < h->skipped[i].nabis; k++)
			uabi_jw__push_str(w, l, h->skipped[i].abis[k]);
	}
}

uint32_t uabi_r__table_rows(const struct uabi_report *r, const struct uabi_report_pair *rp,
			    const struct uabi_report_group *g, struct uabi_table *t,
			    void (*row)(struct uabi_table *t, const struct uabi_report_item *it),
			    uint32_t *nuntyped)
{
	uint32_t n = g ? g->nitems : rp->nitems, rows = 0;

	for (uint32_t k = 0; k < n; k++) {
		const struct uabi_report_item *it = &rp->items[g ? g->items[k] : k];

		if (it->c->is_root || !uabi_r__item_in_table(it) || !uabi_r__shows_item(r, it))
			continue;
		rows++;
		*nuntyped += it->c->untyped;
		row(t, it);
	}
	return rows;
}
