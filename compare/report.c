// SPDX-License-Identifier: MIT
#include "report.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "../core/profile.h"

static const char *const kstatus_names[UABI_K__COUNT] = {
	[UABI_K_UNKNOWN] = "unknown",
	[UABI_K_NOT_APPLICABLE] = "not-applicable",
	[UABI_K_NOT_JUDGED] = "not-judged",
	[UABI_K_NO_KVM_COMPAT] = "no-kvm-compat",
	[UABI_K_NOT_DISPATCHED] = "not-dispatched",
	[UABI_K_NATIVE_OK] = "native-ok",
	[UABI_K_HANDLED] = "handled",
	[UABI_K_NOT_HANDLED] = "not-handled",
	[UABI_K_UNTRANSLATABLE] = "untranslatable",
	[UABI_K_NOT_USED] = "not-used",
	[UABI_K_NOT_AVAILABLE] = "not-available",
};

static const char *const fail_on_names[] = {
	[UABI_FAIL_NEVER] = "never",
	[UABI_FAIL_NOT_HANDLED] = "not-handled",
	[UABI_FAIL_TRANSLATION] = "translation",
};

const char *uabi_kstatus__str(enum uabi_kstatus k)
{
	return (unsigned)k < UABI_K__COUNT ? kstatus_names[k] : "?";
}

const char *uabi_fail_on__str(enum uabi_fail_on f)
{
	return (unsigned)f <= UABI_FAIL_TRANSLATION ? fail_on_names[f] : "?";
}

int uabi_fail_on__parse(const char *s)
{
	for (int i = 0; i <= UABI_FAIL_TRANSLATION; i++)
		if (s && !strcmp(s, fail_on_names[i]))
			return i;
	return -1;
}

bool uabi_report__fails(enum uabi_fail_on f, const struct uabi_report_item *it)
{
	int rank = uabi_report__rank(it);

	if (it->suppressed)
		return false;
	switch (f) {
	case UABI_FAIL_NOT_HANDLED:
		return rank >= 2;
	case UABI_FAIL_TRANSLATION:
		return rank >= 1;
	default:
		return false;
	}
}

bool uabi_report__actionable(const struct uabi_report *r, const struct uabi_report_item *it)
{
	return uabi_report__rank(it) >= 1 || uabi_report__fails(r->fail_on, it);
}

bool uabi_report__shows_pair(const struct uabi_report *r, const struct uabi_report_pair *rp)
{
	if (!r->view.archs)
		return true;
	for (uint32_t i = 0; i < r->view.narchs; i++)
		if (rp->pair->arch && !strcmp(r->view.archs[i], rp->pair->arch))
			return true;
	return false;
}

int uabi_report__rank(const struct uabi_report_item *it)
{
	switch (it->kstatus) {
	case UABI_K_HANDLED:
		return 1;
	case UABI_K_NOT_AVAILABLE:
		/* unusable from 32-bit, not a wrong translation */
		return uabi_verdict__needs_translation(it->c->verdict) ? 1 : 0;
	case UABI_K_NOT_HANDLED:
	case UABI_K_UNTRANSLATABLE:
		return 2;
	case UABI_K_UNKNOWN:
		/* no kernel tree: whether it is handled cannot be shown, and a
		 * gate must not pass on a guess */
		return uabi_verdict__needs_translation(it->c->verdict) ? 2 : 0;
	default:
		return 0;
	}
}

/* Whether path is name or ends with "/name". */
static bool file_is(const char *path, const char *name)
{
	size_t n = path ? strlen(path) : 0, m = strlen(name);

	return n >= m && !strcmp(path + n - m, name) && (n == m || path[n - m - 1] == '/');
}

bool uabi_report__arch_has_kvm(const struct uabi_arch_summary *a)
{
	return a->identical + a->needs_translation > a->not_kvm + a->other;
}

bool uabi_report__is_kvm_ioctl(const struct uabi_ioctl *io)
{
	return io && io->type_field == 0xAE &&
	       (file_is(io->decl_file, "linux/kvm.h") || file_is(io->decl_file, "asm/kvm.h"));
}

bool uabi_report__is_kvm_item(const struct uabi_compat_item *c)
{
	if (c->is_root)
		return !strcmp(c->name, "struct kvm_run");
	return uabi_report__is_kvm_ioctl(c->native ? c->native : c->compat);
}

/* The aggregate or scalar under typedefs, qualifiers and arrays; NULL for a
 * bad index or a chain too long to be a type (a dump is input). */
static const struct uabi_type *strip(const struct uabi_layout *l, uint32_t t)
{
	for (int hops = 0; t < l->ntypes && hops < 64; hops++) {
		const struct uabi_type *ty = &l->types[t];

		if (ty->kind != UABI_KIND_TYPEDEF && ty->kind != UABI_KIND_CONST &&
		    ty->kind != UABI_KIND_VOLATILE && ty->kind != UABI_KIND_ARRAY)
			return ty;
		t = ty->ref;
	}
	return NULL;
}

/* The member named (name, n) of aggregate t, looking through anonymous
 * members as C does; *arm says whether its parent is a union. */
static const struct uabi_member *find_member(const struct uabi_layout *l,
					     const struct uabi_type *t, const char *name, size_t n,
					     bool *arm, int depth)
{
	if (!t || (t->kind != UABI_KIND_STRUCT && t->kind != UABI_KIND_UNION) || depth > 32)
		return NULL;
	for (uint32_t i = 0; i < t->nmembers; i++) {
		const struct uabi_member *m = &t->members[i];

		if (m->name && strlen(m->name) == n && !memcmp(m->name, name, n)) {
			*arm = t->kind == UABI_KIND_UNION;
			return m;
		}
		if (!m->name) {
			const struct uabi_member *x =
				find_member(l, strip(l, m->type), name, n, arm, depth + 1);

			if (x)
				return x;
		}
	}
	return NULL;
}

/* Which test of members find_unused makes, and the evidence of the last
 * member that passed it. */
struct unused_ctx {
	const struct uabi_kfacts *k;
	bool kio;			/* not KVM: uabi_kio__member_read */
	struct uabi_kio_member read;	/* kio: the last member's answer */
	int err;			/* -ENOMEM from the test */
};

static bool member_unused(struct unused_ctx *x, const struct uabi_compat_pair *p,
			  const struct uabi_compat_item *c, const char *name)
{
	if (!x->kio)
		return !uabi_kfacts__member_used(x->k, p->arch, name);
	if (uabi_kio__member_read(x->k->kio, c->name, p->arch, name, &x->read)) {
		x->err = -ENOMEM;
		return false;
	}
	return !x->read.may_read;
}

/* The size in bits of member m (a bit-field's width, else its type's). */
static uint64_t member_bits(const struct uabi_layout *l, const struct uabi_member *m)
{
	uint32_t t = m->type;

	if (m->bit_size)
		return m->bit_size;
	for (int hops = 0; t < l->ntypes && hops < 64; hops++) {
		const struct uabi_type *ty = &l->types[t];

		if (ty->kind != UABI_KIND_TYPEDEF && ty->kind != UABI_KIND_CONST &&
		    ty->kind != UABI_KIND_VOLATILE)
			return ty->size * 8;
		t = ty->ref;
	}
	return 0;
}

/* Whether member target is t's (at any depth, through named members too),
 * with its bit range from base into [*lo, *hi). */
static bool member_range(const struct uabi_layout *l, const struct uabi_type *t,
			 const struct uabi_member *target, uint64_t base, uint64_t *lo, uint64_t *hi,
			 int depth)
{
	if (!t || (t->kind != UABI_KIND_STRUCT && t->kind != UABI_KIND_UNION) || depth > 32)
		return false;
	for (uint32_t i = 0; i < t->nmembers; i++) {
		const struct uabi_member *m = &t->members[i];
		uint64_t at = base + m->bit_offset;

		if (m == target) {
			*lo = at;
			*hi = at + member_bits(l, m);
			return true;
		}
		if (member_range(l, strip(l, m->type), target, at, lo, hi, depth + 1))
			return true;
	}
	return false;
}

/* Not KVM's: whether code may read target's bytes under another name. A
 * member of t that overlaps [lo, hi) (another arm of a union around it:
 * union { void *p; __u64 v; }) and is not named as reserved space
 * (reserved*, pad*, unused*: taken for unread) must itself be unread;
 * members without a name, and those holding target, are looked into. */
static bool overlap_read(struct unused_ctx *x, const struct uabi_compat_pair *p,
			 const struct uabi_compat_item *c, const struct uabi_layout *l,
			 const struct uabi_type *t, const struct uabi_member *target, uint64_t base,
			 uint64_t lo, uint64_t hi, int depth)
{
	if (!t || (t->kind != UABI_KIND_STRUCT && t->kind != UABI_KIND_UNION) || depth > 32)
		return true;	/* not known: may be */
	for (uint32_t i = 0; i < t->nmembers && !x->err; i++) {
		const struct uabi_member *m = &t->members[i];
		uint64_t at = base + m->bit_offset, end = at + member_bits(l, m), tl, th;

		if (m == target || end <= lo || at >= hi)
			continue;
		if (!m->name) {
			if (overlap_read(x, p, c, l, strip(l, m->type), target, at, lo, hi, depth + 1))
				return true;
			continue;
		}
		if (member_range(l, strip(l, m->type), target, at, &tl, &th, 0)) {
			/* it holds target: what beside target overlaps */
			if (overlap_read(x, p, c, l, strip(l, m->type), target, at, lo, hi,
					 depth + 1))
				return true;
			continue;
		}
		if (uabi_diff__is_reserved_name(m->name))
			continue;
		if (!member_unused(x, p, c, m->name))
			return true;
	}
	return x->err != 0;
}

/* Not KVM's: whether the bytes of member m (of the root type's layout l)
 * may be read under another name (overlap_read); no member: may be. */
static bool unused_overlap(struct unused_ctx *x, const struct uabi_compat_pair *p,
			   const struct uabi_compat_item *c, const struct uabi_layout *l,
			   uint32_t root, const struct uabi_member *m)
{
	const struct uabi_type *rt;
	uint64_t lo, hi;

	if (!x->kio)
		return false;
	if (!m || !l || root == UABI_NO_TYPE || !(rt = strip(l, root)) ||
	    !member_range(l, rt, m, 0, &lo, &hi, 0))
		return true;
	return overlap_read(x, p, c, l, rt, m, 0, lo, hi, 0);
}

/* For a finding path: the length of the path prefix through the outermost
 * member that the arch never uses (0 when none). Tested: the first named
 * member and every later one that is a union arm (types from the native
 * dump, else the compat one); not KVM's, the bytes read under no other
 * name (unused_overlap). */
static size_t unused_prefix(const struct uabi_compat_pair *p, const struct uabi_compat_item *c,
			    const char *path, struct unused_ctx *x, char *name, size_t len)
{
	const struct uabi_layout *l = c->native_type != UABI_NO_TYPE ? p->n : p->c;
	uint32_t root = c->native_type != UABI_NO_TYPE ? c->native_type : c->compat_type;
	const struct uabi_type *t = l && root != UABI_NO_TYPE ? strip(l, root) : NULL;
	bool first = true;

	for (const char *s = path; *s;) {
		size_t n = strcspn(s, ".["), end = strcspn(s, ".");
		const struct uabi_member *m = NULL;
		bool arm = false;

		if (n && s[0] != '<') {
			if (t)
				m = find_member(l, t, s, n, &arm, 0);
			if ((first || arm) && n < len) {
				memcpy(name, s, n);
				name[n] = '\0';
				if (member_unused(x, p, c, name) && !unused_overlap(x, p, c, l, root, m))
					return (size_t)(s - path) + n;
			}
			first = false;
		}
		t = m ? strip(l, m->type) : NULL;
		if (!t && !first)
			break;	/* no types to tell arms by: only the first member counts */
		s += end;
		if (*s == '.')
			s++;
	}
	return 0;
}

static bool counts_for_verdict(const struct uabi_finding *f)
{
	return f->kind != UABI_F_ARM_SIZE && f->kind != UABI_F_TAIL_PADDING &&
	       f->kind != UABI_F_ALIGNMENT;
}

/* Record the members of a differing item that the arch never uses.
 * Returns whether every counting finding is in one (and there is one). */
static int find_unused(struct uabi_report *r, const struct uabi_compat_pair *p,
		       struct uabi_report_item *it, bool kio, bool *all)
{
	const struct uabi_compat_item *c = it->c;
	uint32_t counting = 0, unused = 0;
	struct unused_ctx x = { .k = r->kfacts, .kio = kio };

	*all = false;
	it->unused = uabi_arena__alloc(&r->arena, (c->nfindings + 1) * sizeof(*it->unused));
	if (!it->unused)
		return -ENOMEM;
	for (uint32_t i = 0; i < c->nfindings; i++) {
		const struct uabi_finding *f = &c->findings[i];
		char name[256];
		size_t n;
		uint32_t j;

		if (f->kind == UABI_F_NUMBER || f->kind == UABI_F_IOC_SIZE || !f->path ||
		    !counts_for_verdict(f))
			continue;
		counting++;
		n = *f->path ? unused_prefix(p, c, f->path, &x, name, sizeof(name)) : 0;
		if (x.err)
			return x.err;
		if (!n)
			continue;
		unused++;
		for (j = 0; j < it->nunused; j++)
			if (strlen(it->unused[j].member) == n && !strncmp(it->unused[j].member, f->path, n))
				break;
		if (j == it->nunused) {
			struct uabi_report_unused *u = &it->unused[it->nunused++];

			u->member = uabi_arena__strndup(&r->arena, f->path, n);
			if (!u->member)
				return -ENOMEM;
			u->kio = kio;
			if (kio)
				u->read = x.read;
			else
				u->nuses = uabi_kfacts__member_refs(r->kfacts, name, &u->uses);
		}
		it->unused[j].nfindings++;
	}
	*all = counting && unused == counting && c->nfindings == c->nfindings_total;
	return 0;
}

/* "not used on x86: riscv_sbi (used only in arch/riscv/kvm/vcpu_sbi.c:62),
 * ..." with at most 3 places per member. */
static const char *unused_note(struct uabi_report *r, const struct uabi_compat_pair *p,
			       const struct uabi_report_item *it, bool all)
{
	const char *s = uabi_arena__printf(&r->arena, it->nunused && it->unused[0].kio
							      ? "not read on %s:" : "not used on %s:",
					   p->arch);

	for (uint32_t i = 0; s && i < it->nunused; i++) {
		const struct uabi_report_unused *u = &it->unused[i];

		if (u->kio) {
			const struct uabi_kio_member *m = &u->read;

			s = !m->nnamed
				? uabi_arena__printf(&r->arena, "%s%s %s (no code built for %s names it)",
						     s, i ? "," : "", u->member, p->arch)
				: uabi_arena__printf(&r->arena, "%s%s %s (named %s %s (%s:%" PRIu32
						     "), which %s (%s:%" PRIu32 ") reaches only "
						     "under other commands' case labels)",
						     s, i ? "," : "", u->member,
						     m->nnamed > 1 ? "first in" : "only in",
						     m->named.function, m->named.file, m->named.line,
						     m->site.function, m->site.file, m->site.line);
			continue;
		}

		s = uabi_arena__printf(&r->arena, "%s%s %s (%s", s, i ? "," : "", u->member,
				       u->nuses ? "used only in " : "referenced nowhere in KVM code");
		for (uint32_t j = 0; s && j < u->nuses && j < 3; j++)
			s = uabi_arena__printf(&r->arena, "%s%s%s:%u", s, j ? ", " : "",
					       u->uses[j].site.file, u->uses[j].site.line);
		if (s && u->nuses > 3)
			s = uabi_arena__printf(&r->arena, "%s and %u more", s, u->nuses - 3);
		if (s)
			s = uabi_arena__printf(&r->arena, "%s)", s);
	}
	if (s && !all)
		s = uabi_arena__printf(&r->arena, it->nunused && it->unused[0].kio
							  ? "%s; the other differences are in members "
							    "the command's code on %s may read"
							  : "%s; the other differences are in members %s uses",
				       s, p->arch);
	return s;
}

static const char *not_kvm_note(struct uabi_report *r, const struct uabi_compat_item *c)
{
	const struct uabi_ioctl *io = c->native ? c->native : c->compat;

	if (c->is_root)
		return uabi_arena__printf(&r->arena,
					  "kernel facts are KVM's: %s is not struct kvm_run, so "
					  "whether the kernel translates it is unknown", c->name);
	return uabi_arena__printf(&r->arena,
				  "kernel facts are KVM's: %s is not a KVM ioctl (type 0x%x, defined "
				  "in %s), so whether the kernel translates it is unknown",
				  c->name, io ? io->type_field : 0,
				  io && io->decl_file ? io->decl_file : "?");
}

/* The kernel dispatches on numbers, not names: an ioctl is dispatched (or
 * handled) when it or another name of the pair with the same number on both
 * ABIs is (__KVM_DEPRECATED_MAIN_0x07 is KVM_TRACE_PAUSE's number). Number
 * 0 (no number known) makes no alias. The aliases come from an index of
 * the pair's ioctls sorted by their two numbers, each group of equal
 * numbers asked of the kernel facts once (scanning every item per item
 * was quadratic in the ioctls of a header). */
struct alias {
	uint64_t native, compat;	/* the two numbers */
	uint32_t idx;			/* in the pair's items */
	bool any_dispatched;		/* some name of the group is dispatched */
	const struct uabi_khandled *handler;	/* the first handler of the group, in item order */
};

struct alias_ix {
	struct alias *v;
	uint32_t n;
};

static int cmp_alias(const void *x, const void *y)
{
	const struct alias *a = x, *b = y;

	if (a->native != b->native)
		return a->native < b->native ? -1 : 1;
	if (a->compat != b->compat)
		return a->compat < b->compat ? -1 : 1;
	return (a->idx > b->idx) - (a->idx < b->idx);
}

/* cmp_alias on the two numbers alone (a bsearch key has no index) */
static int cmp_numbers(const void *x, const void *y)
{
	const struct alias *a = x, *b = y;

	if (a->native != b->native)
		return a->native < b->native ? -1 : 1;
	return (a->compat > b->compat) - (a->compat < b->compat);
}

static bool has_numbers(const struct uabi_compat_item *c)
{
	return c->native && c->compat && c->native->number;
}

/* The pair's aliases (ix->v malloc'd; ix->v NULL and 0 on out of memory
 * with -ENOMEM). */
static int alias_build(const struct uabi_compat_pair *p, const struct uabi_kfacts_arch *a,
		       struct alias_ix *ix)
{
	ix->n = 0;
	ix->v = malloc(((size_t)p->nitems + 1) * sizeof(*ix->v));
	if (!ix->v)
		return -ENOMEM;
	for (uint32_t i = 0; i < p->nitems; i++) {
		const struct uabi_compat_item *o = &p->items[i];

		if (!o->is_root && has_numbers(o))
			ix->v[ix->n++] = (struct alias){ o->native->number, o->compat->number, i, false, NULL };
	}
	if (ix->n)
		qsort(ix->v, ix->n, sizeof(*ix->v), cmp_alias);
	for (uint32_t g = 0, e; g < ix->n; g = e) {
		bool any = false;
		const struct uabi_khandled *h = NULL;

		for (e = g; e < ix->n && ix->v[e].native == ix->v[g].native &&
			    ix->v[e].compat == ix->v[g].compat; e++) {
			const char *name = p->items[ix->v[e].idx].name;

			any = any || uabi_kfacts_arch__dispatches(a, name);
			if (!h)
				h = uabi_kfacts_arch__handled(a, name);
		}
		for (uint32_t k = g; k < e; k++) {
			ix->v[k].any_dispatched = any;
			ix->v[k].handler = h;
		}
	}
	return 0;
}

/* The group of c's numbers, or NULL. */
static const struct alias *alias_of(const struct alias_ix *ix, const struct uabi_compat_item *c)
{
	struct alias key;
	uint32_t lo = 0, hi = ix->n;

	if (!has_numbers(c))
		return NULL;
	key = (struct alias){ c->native->number, c->compat->number, 0, false, NULL };
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (cmp_alias(&ix->v[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ix->n && ix->v[lo].native == key.native && ix->v[lo].compat == key.compat
		       ? &ix->v[lo] : NULL;
}

/* c's name, or (when it is not) another of its group: some name of the
 * group is dispatched */
static bool dispatched(const struct alias_ix *ix, const struct uabi_kfacts_arch *a,
		       const struct uabi_compat_item *c)
{
	const struct alias *g;

	if (uabi_kfacts_arch__dispatches(a, c->name))
		return true;
	g = alias_of(ix, c);
	return g && g->any_dispatched;
}

/* c's handler, else the first of its group's (c has none then) */
static const struct uabi_khandled *handled(const struct alias_ix *ix, const struct uabi_kfacts_arch *a,
					   const struct uabi_compat_item *c)
{
	const struct uabi_khandled *h = uabi_kfacts_arch__handled(a, c->name);
	const struct alias *g;

	if (h)
		return h;
	g = alias_of(ix, c);
	return g ? g->handler : NULL;
}

static const char *site_str(struct uabi_report *r, const struct uabi_ksite *s)
{
	return uabi_arena__printf(&r->arena, "%s%s%s:%" PRIu32, s->function ? s->function : "",
				  s->function ? " (" : "", s->file, s->line);
}

/* "X (file:line)" with the parenthesis closed, or "file:line" */
static const char *site_text(struct uabi_report *r, const struct uabi_ksite *s)
{
	const char *t = site_str(r, s);

	return t && s->function ? uabi_arena__printf(&r->arena, "%s)", t) : t;
}

/* The sentence on what the whole tree says about a command (ioctls.h). */
static const char *facts_note(struct uabi_report *r, const struct uabi_kio_place *f,
			      const char *arch)
{
	const char *entry = "", *native = "", *t;

	if (f->entry.file)
		entry = uabi_arena__printf(&r->arena, "; entry point %s (%s:%" PRIu32 "%s%s%s%s)%s",
					   f->entry_object ? f->entry_object : "?", f->entry.file,
					   f->entry.line, f->compat ? ", " : "",
					   f->compat ? f->compat_field : "", f->compat ? " = " : "",
					   f->compat ? f->compat : "",
					   f->nentries > 1 ? uabi_arena__printf(&r->arena,
						", one of %" PRIu32 " equally close", f->nentries) : "");
	if (f->native.file && (t = site_text(r, &f->native)))
		native = uabi_arena__printf(&r->arena, "; the native code names it in %s", t);
	if (!entry || !native)
		return NULL;
	switch (f->status) {
	case UABI_KIO_HANDLED:
		t = site_text(r, &f->handler);
		return t ? uabi_arena__printf(&r->arena, "handled on %s: %s, %s in %s%s%s", arch,
					      f->why, f->label ? f->label : "?", t, entry, native)
			 : NULL;
	case UABI_KIO_PASSED:
		t = f->handler.file ? site_text(r, &f->handler) : NULL;
		return uabi_arena__printf(&r->arena, "passed through on %s: %s%s%s%s%s%s", arch,
					  f->why, t ? " (" : "", t ? t : "", t ? ")" : "", entry, native);
	case UABI_KIO_NOT_AVAILABLE:
		return uabi_arena__printf(&r->arena,
					  "not available to 32-bit callers on %s: %s, so compat_ioctl "
					  "returns -ENOTTY%s%s", arch, f->why, entry, native);
	case UABI_KIO_NOT_DISPATCHED:
		return uabi_arena__printf(&r->arena, "not dispatched on %s, for any caller: %s%s", arch,
					  f->why, native);
	default:
		return uabi_arena__printf(&r->arena, "kernel facts inconclusive on %s: %s%s%s", arch,
					  f->why, entry, native);
	}
}

/* Whether a number-differs item differs in nothing but its argument's
 * size and tail: the number (its size field), sizes, tail padding and
 * alignment of the type or of members outside arrays (a member whose
 * size changed would move the next one: an offset finding, which is not
 * allowed); every leaf where it was. */
static bool only_tail(const struct uabi_compat_item *c)
{
	if (c->verdict != UABI_V_NUMBER_DIFFERS || c->compat_size > c->native_size ||
	    c->nfindings != c->nfindings_total)
		return false;
	for (uint32_t i = 0; i < c->nfindings; i++) {
		const struct uabi_finding *f = &c->findings[i];

		switch (f->kind) {
		case UABI_F_NUMBER:
		case UABI_F_IOC_SIZE:
		case UABI_F_ARM_SIZE:
			continue;
		case UABI_F_SIZE:
		case UABI_F_TAIL_PADDING:
		case UABI_F_ALIGNMENT:
			if (!strchr(f->path, '['))
				continue;
			return false;
		default:
			return false;
		}
	}
	return true;
}

/* Whether an item placed by the whole tree's facts needs a placement that
 * another item's numbers may give it. */
static bool unplaced(const struct uabi_report_item *it)
{
	return it->facts && has_numbers(it->c) &&
	       (it->kstatus == UABI_K_NOT_HANDLED || it->kstatus == UABI_K_UNKNOWN ||
		it->kstatus == UABI_K_NOT_AVAILABLE);
}

/* The items of rp that keep() accepts, by their two numbers (cmp_alias):
 * malloc'd into *out, NULL on out of memory. */
static struct alias *numbers_of(const struct uabi_report_pair *rp,
				bool (*keep)(const struct uabi_report_item *it), uint32_t *out)
{
	struct alias *v = malloc((rp->nitems + 1) * sizeof(*v));
	uint32_t n = 0;

	if (!v)
		return NULL;
	for (uint32_t i = 0; i < rp->nitems; i++)
		if (has_numbers(rp->items[i].c) && keep(&rp->items[i]))
			v[n++] = (struct alias){ .native = rp->items[i].c->native->number,
						 .compat = rp->items[i].c->compat->number, .idx = i };
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_alias);
	*out = n;
	return v;
}

/* The first of v's n entries with key's numbers whose item same() accepts
 * beside it, or NULL. */
static const struct alias *numbers_find(const struct alias *v, uint32_t n, const struct alias *key,
					const struct uabi_report_pair *rp,
					const struct uabi_report_item *it,
					bool (*same)(const struct uabi_report_item *a,
						     const struct uabi_report_item *b))
{
	const struct alias *hit = n ? bsearch(key, v, n, sizeof(*v), cmp_numbers) : NULL;

	while (hit && hit > v && !cmp_numbers(key, hit - 1))
		hit--;
	for (; hit && hit < v + n && !cmp_numbers(key, hit); hit++)
		if (same(it, &rp->items[hit->idx]))
			return hit;
	return NULL;
}

static bool is_handled(const struct uabi_report_item *it)
{
	return it->facts && it->kstatus == UABI_K_HANDLED;
}

static bool any_item(const struct uabi_report_item *a, const struct uabi_report_item *b)
{
	(void)a;
	(void)b;
	return true;
}

/* A command whose number is the same on both ABIs and whose 32-bit
 * callers reach its code, or are refused */
static bool serves_own_number(const struct uabi_report_item *it)
{
	return it->facts && it->c->native->decl_file &&
	       it->c->native->number == it->c->compat->number &&
	       (it->kstatus == UABI_K_HANDLED || it->kstatus == UABI_K_NATIVE_OK ||
		it->kstatus == UABI_K_NOT_AVAILABLE);
}

static bool same_header(const struct uabi_report_item *a, const struct uabi_report_item *b)
{
	return a->c->native->decl_file && b->c->native->decl_file &&
	       !strcmp(a->c->native->decl_file, b->c->native->decl_file);
}

/* The kernel dispatches on numbers. An item placed by the whole tree's
 * facts that needs translation and is not handled takes the placement of
 * another item of the pair:
 *  - with the same two numbers, handled (VIDIOC_SUBDEV_ENUMSTD is
 *    VIDIOC_ENUMSTD's number, whose VIDIOC_ENUMSTD32 twin translates it);
 *  - the header's own 32-bit form of it: a command of the same header
 *    whose number is the same on both ABIs and is this one's 32-bit
 *    number (dma-buf.h: DMA_BUF_SET_NAME on i386 is DMA_BUF_SET_NAME_A;
 *    ppp-ioctl.h: PPPIOCGIDLE is PPPIOCGIDLE32), when 32-bit callers reach
 *    that one's code (handled, native-ok) or are refused (not available).
 * 0 or -ENOMEM. */
static int number_aliases(struct uabi_report *r, struct uabi_report_pair *rp)
{
	uint32_t nh = 0, nf = 0;
	struct alias *handled = numbers_of(rp, is_handled, &nh);
	struct alias *forms = numbers_of(rp, serves_own_number, &nf);
	int err = handled && forms ? 0 : -ENOMEM;

	for (uint32_t i = 0; !err && i < rp->nitems; i++) {
		struct uabi_report_item *it = &rp->items[i];
		struct alias key, form;
		const struct alias *hit;
		const struct uabi_report_item *h;

		if (!unplaced(it))
			continue;
		key = (struct alias){ .native = it->c->native->number,
				       .compat = it->c->compat->number };
		/* a command whose two numbers are its 32-bit number */
		form = (struct alias){ .native = key.compat, .compat = key.compat };
		if ((hit = numbers_find(handled, nh, &key, rp, it, any_item))) {
			h = &rp->items[hit->idx];
			it->kstatus = UABI_K_HANDLED;
			it->note = uabi_arena__printf(&r->arena,
						      "the same numbers as %s, which is handled: %s",
						      h->c->name, h->note ? h->note : "");
		} else if (key.native != key.compat &&
			   (hit = numbers_find(forms, nf, &form, rp, it, same_header))) {
			h = &rp->items[hit->idx];
			it->kstatus = h->kstatus == UABI_K_NOT_AVAILABLE ? UABI_K_NOT_AVAILABLE
									  : UABI_K_HANDLED;
			it->note = uabi_arena__printf(
				&r->arena,
				"its 32-bit number is %s's, which %s defines beside it and the "
				"kernel %s: %s",
				h->c->name, it->c->native->decl_file,
				h->kstatus == UABI_K_NOT_AVAILABLE ? "does not offer to 32-bit callers"
								   : "serves",
				h->note ? h->note : "");
		} else {
			continue;
		}
		it->handler = h->handler;
		if (!it->note)
			err = -ENOMEM;
	}
	free(handled);
	free(forms);
	return err;
}

/* A command that is not KVM's, placed by the whole tree's facts. */
static int place_other(struct uabi_report *r, const struct uabi_compat_pair *p,
		       struct uabi_report_item *it)
{
	const struct uabi_compat_item *c = it->c;
	bool differs = uabi_verdict__needs_translation(c->verdict);
	struct uabi_kio_place *f = uabi_arena__alloc(&r->arena, sizeof(*f));
	struct uabi_khandled *h;

	if (!f || uabi_kio__place(r->kfacts->kio, c->name, p->arch, f))
		return -ENOMEM;
	it->facts = f;
	switch (f->status) {
	case UABI_KIO_HANDLED:
		it->kstatus = differs ? UABI_K_HANDLED : UABI_K_NATIVE_OK;
		if (!(h = uabi_arena__alloc(&r->arena, sizeof(*h))))
			return -ENOMEM;
		h->ioctl = c->name;
		h->label = f->label ? f->label : c->name;
		h->site = f->handler;
		it->handler = h;
		break;
	case UABI_KIO_PASSED:
		if (differs && f->ignores_arg) {
			const char *n = facts_note(r, f, p->arch);

			it->kstatus = UABI_K_NATIVE_OK;
			it->note = n ? uabi_arena__printf(&r->arena, "the argument is never read: %s; %s",
							  f->ignores_arg, n) : NULL;
			return it->note ? 0 : -ENOMEM;
		}
		if (differs && f->size_tolerant && only_tail(c)) {
			const char *n = facts_note(r, f, p->arch);

			it->kstatus = UABI_K_NATIVE_OK;
			it->note = n ? uabi_arena__printf(&r->arena, "only the tail padding differs, and "
							  "%s; %s", f->size_tolerant, n) : NULL;
			return it->note ? 0 : -ENOMEM;
		}
		if (differs && c->verdict != UABI_V_NUMBER_DIFFERS) {
			/* the native code reads the 32-bit bytes: does the
			 * command's code read the members that differ? */
			bool all = false;
			const char *n, *u;

			if (find_unused(r, p, it, true, &all))
				return -ENOMEM;
			if (it->nunused) {
				if (!(u = unused_note(r, p, it, all)) || !(n = facts_note(r, f, p->arch)))
					return -ENOMEM;
				it->kstatus = all ? UABI_K_NOT_USED : UABI_K_NOT_HANDLED;
				it->note = uabi_arena__printf(&r->arena, "%s; %s", u, n);
				return it->note ? 0 : -ENOMEM;
			}
		}
		it->kstatus = differs ? UABI_K_NOT_HANDLED : UABI_K_NATIVE_OK;
		break;
	case UABI_KIO_NOT_AVAILABLE:
		it->kstatus = UABI_K_NOT_AVAILABLE;
		break;
	case UABI_KIO_NOT_DISPATCHED:
		it->kstatus = UABI_K_NOT_DISPATCHED;
		break;
	default:
		it->kstatus = UABI_K_UNKNOWN;
		break;
	}
	return (it->note = facts_note(r, f, p->arch)) ? 0 : -ENOMEM;
}

static int place(struct uabi_report *r, const struct uabi_compat_pair *p, const struct alias_ix *ix,
		 struct uabi_report_item *it, const struct uabi_kfacts_arch *a)
{
	const struct uabi_compat_item *c = it->c;
	bool differs = uabi_verdict__needs_translation(c->verdict), all = false;

	it->handler = NULL;
	it->kvm = uabi_report__is_kvm_item(c);
	it->kstatus = c->not_judged ? UABI_K_NOT_JUDGED : UABI_K_NOT_APPLICABLE;
	if (c->verdict == UABI_V_NOT_APPLICABLE)
		return 0;
	it->kstatus = UABI_K_UNKNOWN;
	if (!a)
		return 0;
	if (!it->kvm && r->kfacts->kio && !c->is_root)
		return place_other(r, p, it);
	if (!it->kvm)
		return (it->note = not_kvm_note(r, c)) ? 0 : -ENOMEM;
	if (differs) {
		if (find_unused(r, p, it, false, &all))
			return -ENOMEM;
		if (it->nunused && !(it->note = unused_note(r, p, it, all)))
			return -ENOMEM;
		/* the number is what the kernel dispatches on: unused members
		 * do not make another number the same command */
		all = all && c->verdict != UABI_V_NUMBER_DIFFERS;
	}
	if (!a->kvm_compat)
		it->kstatus = UABI_K_NO_KVM_COMPAT;
	else if (c->is_root)
		it->kstatus = !differs ? UABI_K_NATIVE_OK : all ? UABI_K_NOT_USED
								: UABI_K_UNTRANSLATABLE;
	else if (!dispatched(ix, a, c))
		it->kstatus = UABI_K_NOT_DISPATCHED;
	else if (!differs) {
		/* the same bytes; a compat handler may still take it first (it
		 * converts what the layout does not show: KVM_SET_SIGNAL_MASK's
		 * sigset is a compat_sigset_t): kept as the item's handler */
		it->kstatus = UABI_K_NATIVE_OK;
		if ((it->handler = handled(ix, a, c)) &&
		    !(it->note = uabi_arena__printf(&r->arena, "same layout; %s also takes it (%s:%" PRIu32 ")",
						    it->handler->site.function ? it->handler->site.function : "a compat handler",
						    it->handler->site.file, it->handler->site.line)))
			return -ENOMEM;
	} else if (all)
		it->kstatus = UABI_K_NOT_USED;
	else
		it->kstatus = (it->handler = handled(ix, a, c)) ? UABI_K_HANDLED : UABI_K_NOT_HANDLED;
	return 0;
}

static struct uabi_arch_summary *summary_for(struct uabi_report *r, const struct uabi_compat_pair *p)
{
	for (uint32_t i = 0; i < r->narchs; i++)
		if (!strcmp(r->archs[i].native, p->native))
			return &r->archs[i];
	return NULL;
}

/* One ioctl item of an arch, for grouping by name. */
struct named {
	const char *name;
	uint32_t pair;			/* index in r->pairs: pair order within a name */
	const struct uabi_report_item *it;
};

static int cmp_named(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x->pair > y->pair) - (x->pair < y->pair);
}

/* What the kernel does with an ioctl that needs translation on one ABI,
 * worst first (the ioctl's class in the summary is its worst ABI's). */
enum { G_NOT_HANDLED, G_UNKNOWN, G_NOT_AVAILABLE, G_HANDLED, G_NOT_DISPATCHED, G_NATIVE_OK,
       G_NOT_USED, G_NO_KVM_COMPAT, G_OTHER };

static int gap_class(const struct uabi_report_item *it)
{
	switch (it->kstatus) {
	case UABI_K_NOT_HANDLED:
		return G_NOT_HANDLED;
	case UABI_K_UNKNOWN:
		return G_UNKNOWN;
	case UABI_K_HANDLED:
		return G_HANDLED;
	case UABI_K_NOT_DISPATCHED:
		return G_NOT_DISPATCHED;
	case UABI_K_NOT_AVAILABLE:
		return G_NOT_AVAILABLE;
	case UABI_K_NATIVE_OK:
		return G_NATIVE_OK;
	case UABI_K_NOT_USED:
		return G_NOT_USED;
	case UABI_K_NO_KVM_COMPAT:
		return G_NO_KVM_COMPAT;
	default:
		return G_OTHER;
	}
}

/* The arch's counts over distinct ioctl names (see report.h), and the
 * not-handled ioctls with the ABIs where they are not. 0 or -ENOMEM. */
static int summarise(struct uabi_report *r, struct uabi_arch_summary *s)
{
	struct named *v;
	uint32_t n = 0, cap = 0;

	for (uint32_t p = 0; p < r->npairs; p++)
		if (!strcmp(r->pairs[p].pair->native, s->native))
			cap += r->pairs[p].nitems;
	v = malloc((cap + 1) * sizeof(*v));
	s->gaps = uabi_arena__alloc(&r->arena, (cap + 1) * sizeof(*s->gaps));
	if (!v || !s->gaps) {
		free(v);
		return -ENOMEM;
	}
	for (uint32_t p = 0; p < r->npairs; p++) {
		const struct uabi_report_pair *rp = &r->pairs[p];

		if (strcmp(rp->pair->native, s->native))
			continue;
		for (uint32_t k = 0; k < rp->nitems; k++)
			if (!rp->items[k].c->is_root)
				v[n++] = (struct named){ rp->items[k].c->name, p, &rp->items[k] };
	}
	qsort(v, n, sizeof(*v), cmp_named);
	for (uint32_t i = 0, j; i < n; i = j) {
		bool applicable = false, differs = false;
		const char **abi = uabi_arena__alloc(&r->arena, (s->ncompat + 1) * sizeof(*abi));
		uint32_t nabi = 0;
		int worst = G_OTHER;
		bool not_kvm = false, other = false, untyped = true, unavailable = false;
		char abis[512] = "";
		size_t len = 0;

		for (j = i; j < n && !strcmp(v[j].name, v[i].name); j++) {
			const struct uabi_report_item *it = v[j].it;
			int g;

			if (it->c->verdict == UABI_V_NOT_APPLICABLE)
				continue;
			applicable = true;
			untyped &= it->c->untyped;
			not_kvm |= r->kfacts && !it->kvm && !it->facts;
			other |= it->facts != NULL;
			unavailable |= it->kstatus == UABI_K_NOT_AVAILABLE;
			if (!uabi_verdict__needs_translation(it->c->verdict))
				continue;
			differs = true;
			g = gap_class(it);
			if (g < worst)
				worst = g;
			if (g == G_NOT_HANDLED && abi && nabi < s->ncompat)
				abi[nabi++] = r->pairs[v[j].pair].pair->compat;
			if (g == G_NOT_HANDLED && len < sizeof(abis))
				len += (size_t)snprintf(abis + len, sizeof(abis) - len, "%s%s",
							len ? ", " : "", r->pairs[v[j].pair].pair->compat);
		}
		if (!applicable) {
			s->not_applicable++;
			continue;
		}
		s->not_kvm += not_kvm;
		s->other += other;
		if (!differs) {
			s->identical++;
			s->untyped += untyped;
			s->not_available_identical += unavailable;
			continue;
		}
		s->needs_translation++;
		s->not_kvm_translation += not_kvm;
		s->not_handled += worst == G_NOT_HANDLED;
		s->unknown += worst == G_UNKNOWN;
		s->handled += worst == G_HANDLED;
		s->not_dispatched += worst == G_NOT_DISPATCHED;
		s->not_available += worst == G_NOT_AVAILABLE;
		s->native_ok += worst == G_NATIVE_OK;
		s->not_used += worst == G_NOT_USED;
		s->no_kvm_compat += worst == G_NO_KVM_COMPAT;
		if (worst == G_NOT_HANDLED) {
			struct uabi_arch_gap *g = &s->gaps[s->ngaps++];

			g->ioctl = v[i].name;
			g->abis = uabi_arena__strdup(&r->arena, abis);
			g->abi = abi;
			g->nabi = nabi;
			if (!g->abis || !abi) {
				free(v);
				return -ENOMEM;
			}
		}
	}
	free(v);
	return 0;
}

/* "KVM_MEMORY_ENCRYPT_OP on i386, x32; KVM_FOO on i386" */
static const char *gap_list(struct uabi_report *r, const struct uabi_arch_summary *s)
{
	const char *t = "";

	for (uint32_t i = 0; i < s->ngaps && t; i++)
		t = uabi_arena__printf(&r->arena, "%s%s%s on %s", t, i ? "; " : "", s->gaps[i].ioctl,
				       s->gaps[i].abis);
	return t;
}

static const char *kvm_outcome(struct uabi_report *r, const struct uabi_arch_summary *s);

/* An arch whose ioctls the whole tree's facts placed (some of them KVM's,
 * placed by the KVM facts, maybe). */
static const char *other_outcome(struct uabi_report *r, const struct uabi_arch_summary *s)
{
	uint32_t need = s->needs_translation;
	const char *gaps = s->ngaps ? gap_list(r, s) : "";

	if (!gaps)
		return NULL;
	if (!need)
		return uabi_arena__printf(&r->arena, "compat_ioctl: no ioctl needs translation");
	return uabi_arena__printf(
		&r->arena,
		"compat_ioctl: %u ioctl%s need%s translation: %u translated, %u not (%s)%s%s, %u not "
		"available to 32-bit callers (-ENOTTY), %u unknown%s%s%s%s; %u more, the same on every "
		"ABI, are not available to 32-bit callers either",
		need, need == 1 ? "" : "s", need == 1 ? "s" : "", s->handled, s->not_handled,
		s->not_handled ? "passed through untranslated or KVM's not handled: probable bugs"
			       : "no probable bug",
		s->ngaps ? ": " : "", gaps, s->not_available, s->unknown,
		s->not_dispatched ? uabi_arena__printf(&r->arena, ", %u not dispatched",
						      s->not_dispatched)
				  : "",
		s->native_ok ? uabi_arena__printf(&r->arena, ", %u read right untranslated "
						     "(native-ok: a dispatcher that zero-fills a "
						     "shorter tail, a handler that never reads "
						     "the argument)", s->native_ok)
			     : "",
		s->not_used ? uabi_arena__printf(&r->arena, ", %u passed through but differing only "
						    "in members their code never reads (not-used)",
						    s->not_used)
			    : "",
		s->no_kvm_compat ? uabi_arena__printf(&r->arena, ", %u KVM's that no 32-bit "
							 "process reaches (KVM_COMPAT=n: no KVM "
							 "for 32-bit VMMs)", s->no_kvm_compat)
				 : "",
		s->not_available_identical);
}

/* The KVM facts speak for KVM ioctls only: an arch whose ioctls are none
 * of KVM's is not judged against the kernel, a mix says how many are not. */
static const char *outcome(struct uabi_report *r, const struct uabi_arch_summary *s)
{
	uint32_t total = s->identical + s->needs_translation;
	const char *o;

	if (s->kvm_compat >= 0 && s->other)
		return other_outcome(r, s);

	if (s->kvm_compat >= 0 && s->not_kvm && s->not_kvm == total)
		return uabi_arena__printf(&r->arena,
					  "kernel facts unknown: none of the %u ioctl%s is a KVM ioctl "
					  "(the kernel facts uabi reads are KVM's), %u need%s translation",
					  total, total == 1 ? "" : "s", s->needs_translation,
					  s->needs_translation == 1 ? "s" : "");
	o = kvm_outcome(r, s);
	if (o && s->kvm_compat >= 0 && s->not_kvm)
		o = uabi_arena__printf(&r->arena,
				       "%s; %u other ioctl%s not KVM's: kernel facts unknown", o,
				       s->not_kvm, s->not_kvm == 1 ? " is" : "s are");
	return o;
}

static const char *kvm_outcome(struct uabi_report *r, const struct uabi_arch_summary *s)
{
	uint32_t need = s->needs_translation, todo = s->not_handled + s->handled;
	const char *gaps;

	if (s->kvm_compat < 0)
		return uabi_arena__printf(&r->arena,
					  "unknown without a kernel tree: %u ioctl%s need%s translation "
					  "(whether the kernel translates %s is unknown)",
					  need, need == 1 ? "" : "s", need == 1 ? "s" : "",
					  need == 1 ? "it" : "them");
	if (!s->kvm_compat) {
		/* of KVM's ioctls: the others do not go through /dev/kvm */
		need -= s->not_kvm_translation;
		return uabi_arena__printf(&r->arena,
					  "no KVM for 32-bit VMMs: KVM_COMPAT=n, opening /dev/kvm fails "
					  "with -ENODEV (%u ioctl%s would need translation)",
					  need, need == 1 ? "" : "s");
	}
	if (!todo)
		return uabi_arena__printf(&r->arena,
					  "KVM through compat_ioctl: no ioctl this arch dispatches needs "
					  "translation");
	if (!s->not_handled && todo == 2)
		return uabi_arena__printf(&r->arena, "KVM through compat_ioctl: both dispatched ioctls "
					  "that need translation are translated");
	if (!s->not_handled)
		return uabi_arena__printf(&r->arena,
					  "KVM through compat_ioctl: %s %u dispatched ioctl%s that need%s "
					  "translation %s translated",
					  todo == 1 ? "the" : "all", todo, todo == 1 ? "" : "s",
					  todo == 1 ? "s" : "", todo == 1 ? "is" : "are");
	gaps = gap_list(r, s);
	return gaps ? uabi_arena__printf(&r->arena,
				  "KVM through compat_ioctl, but %u of the %u dispatched ioctl%s that "
				  "need%s translation %s not translated: %s (32-bit VMMs get wrong "
				  "results or errors)",
				  s->not_handled, todo, todo == 1 ? "" : "s", todo == 1 ? "s" : "",
				  s->not_handled == 1 ? "is" : "are", gaps) : NULL;
}

/* Covered: every profile a pair names, each once, natives and their
 * compat ABIs in pair order. */
static int cover_pairs(struct uabi_report *r, struct uabi_diag *d)
{
	struct uabi_coverage *c = &r->coverage;

	c->covered = uabi_arena__alloc(&r->arena, (2 * r->npairs + 1) * sizeof(*c->covered));
	if (!c->covered)
		return uabi_diag__input(d, ENOMEM, "out of memory");
	for (uint32_t i = 0; i < r->npairs; i++) {
		const char *two[2] = { r->pairs[i].pair->native, r->pairs[i].pair->compat };

		for (int k = 0; k < 2; k++) {
			bool seen = false;

			for (uint32_t j = 0; j < c->ncovered && !seen; j++)
				seen = !strcmp(c->covered[j], two[k]);
			if (!seen && two[k])
				c->covered[c->ncovered++] = two[k];
		}
	}
	return 0;
}

int uabi_report__add_skipped(struct uabi_report *r, const struct uabi_skip *skipped, uint32_t n,
			     struct uabi_diag *d)
{
	struct uabi_coverage *c = &r->coverage;
	struct uabi_skip *v = uabi_arena__alloc(&r->arena, (c->nskipped + n + 1) * sizeof(*v));

	if (!v)
		return uabi_diag__input(d, ENOMEM, "out of memory");
	if (c->nskipped)
		memcpy(v, c->skipped, c->nskipped * sizeof(*v));
	for (uint32_t i = 0; i < n; i++) {
		bool covered = false;

		for (uint32_t j = 0; j < c->ncovered && !covered; j++)
			covered = !strcmp(c->covered[j], skipped[i].profile);
		if (covered)
			continue;
		v[c->nskipped].profile = uabi_arena__strdup(&r->arena, skipped[i].profile);
		v[c->nskipped].reason = uabi_arena__strdup(&r->arena, skipped[i].reason);
		if (!v[c->nskipped].profile || !v[c->nskipped].reason)
			return uabi_diag__input(d, ENOMEM, "out of memory");
		c->nskipped++;
	}
	c->skipped = v;
	return 0;
}

/* The dump of a covered profile: the first pair that names it. */
static const struct uabi_layout *layout_of(const struct uabi_report *r, const char *profile)
{
	for (uint32_t i = 0; i < r->npairs; i++) {
		const struct uabi_compat_pair *p = r->pairs[i].pair;

		if (p->native && !strcmp(p->native, profile) && p->n)
			return p->n;
		if (p->compat && !strcmp(p->compat, profile) && p->c)
			return p->c;
	}
	return NULL;
}

/* A header one ABI skipped, for sorting into (header, reason) groups. */
struct skip_ref {
	const char *header, *reason;
	uint32_t abi;			/* index in hcov.abis */
};

static int cmp_str0(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int cmp_skip(const void *a, const void *b)
{
	const struct skip_ref *x = a, *y = b;
	int c = cmp_str0(x->header, y->header);

	if (!c)
		c = cmp_str0(x->reason, y->reason);
	return c ? c : (x->abi > y->abi) - (x->abi < y->abi);
}

static uint32_t abi_index(const struct uabi_header_coverage *h, const char *profile)
{
	uint32_t i = 0;

	while (i < h->nabis && h->abis[i].profile != profile)
		i++;
	return i;
}

/* Header coverage (report.h): per covered ABI its dump's counts, and the
 * skipped headers grouped by (header, reason). 0 or -ENOMEM. */
static int cover_headers(struct uabi_report *r)
{
	struct uabi_header_coverage *h = &r->hcov;
	struct skip_ref *v;
	uint32_t n = 0, cap = 0;

	h->abis = uabi_arena__alloc(&r->arena, (r->coverage.ncovered + 1) * sizeof(*h->abis));
	if (!h->abis)
		return -ENOMEM;
	for (uint32_t i = 0; i < r->coverage.ncovered; i++) {
		const struct uabi_layout *l = layout_of(r, r->coverage.covered[i]);
		struct uabi_header_abi *a;

		if (!l)
			continue;
		a = &h->abis[h->nabis++];
		a->profile = r->coverage.covered[i];
		a->judged = l->input.nheaders;
		a->skipped = l->input.nskipped;
		a->ioctls = l->nioctls;
		for (uint32_t k = 0; k < l->nioctls; k++)
			a->applicable += l->ioctls[k].applicable;
		h->shown |= a->judged > 1 || a->skipped;
		cap += a->skipped;
	}
	if (!cap)
		return 0;
	v = malloc(cap * sizeof(*v));
	h->skipped = uabi_arena__alloc(&r->arena, cap * sizeof(*h->skipped));
	if (!v || !h->skipped) {
		free(v);
		return -ENOMEM;
	}
	for (uint32_t i = 0; i < h->nabis; i++) {
		const struct uabi_layout *l = layout_of(r, h->abis[i].profile);

		for (uint32_t k = 0; k < l->input.nskipped; k++)
			v[n++] = (struct skip_ref){ l->input.skipped[k].header,
						    l->input.skipped[k].reason, i };
	}
	qsort(v, n, sizeof(*v), cmp_skip);
	for (uint32_t i = 0, j; i < n; i = j) {
		struct uabi_header_skip *g = &h->skipped[h->nskipped++];

		for (j = i; j < n && !cmp_str0(v[j].header, v[i].header) &&
			    !cmp_str0(v[j].reason, v[i].reason); j++)
			;
		g->header = v[i].header ? v[i].header : "?";
		g->reason = v[i].reason ? v[i].reason : "?";
		g->abis = uabi_arena__alloc(&r->arena, (j - i) * sizeof(*g->abis));
		if (!g->abis) {
			free(v);
			return -ENOMEM;
		}
		for (uint32_t k = i; k < j; k++)
			if (!g->nabis || g->abis[g->nabis - 1] != h->abis[v[k].abi].profile)
				g->abis[g->nabis++] = h->abis[v[k].abi].profile;
	}
	free(v);
	/* a header's reasons in the order of the first ABI of each */
	for (uint32_t i = 1; i < h->nskipped; i++) {
		struct uabi_header_skip g = h->skipped[i];
		uint32_t j = i;

		for (; j > 0 && !strcmp(h->skipped[j - 1].header, g.header) &&
		       abi_index(h, h->skipped[j - 1].abis[0]) > abi_index(h, g.abis[0]); j--)
			h->skipped[j] = h->skipped[j - 1];
		h->skipped[j] = g;
	}
	return 0;
}

/* The header of an ioctl item: the macro's file, native side first (as
 * the reports' declaration site). */
static const char *item_file(const struct uabi_compat_item *c)
{
	const struct uabi_ioctl *io = c->native ? c->native : c->compat;

	return io ? io->decl_file : NULL;
}

/* For sorting a pair's ioctls by header, then by their (name) order. */
struct file_ref {
	const char *file;
	uint32_t item;
};

static int cmp_file(const void *a, const void *b)
{
	const struct file_ref *x = a, *y = b;
	int c;

	if (!x->file != !y->file)
		return x->file ? -1 : 1;	/* unknown last */
	c = x->file ? strcmp(x->file, y->file) : 0;
	return c ? c : (x->item > y->item) - (x->item < y->item);
}

/* The pair's ioctls grouped by header (report.h). 0 or -ENOMEM. */
static int group_pair(struct uabi_report *r, struct uabi_report_pair *rp)
{
	struct file_ref *v = malloc((rp->nitems + 1) * sizeof(*v));
	uint32_t *idx = uabi_arena__alloc(&r->arena, (rp->nitems + 1) * sizeof(*idx));
	uint32_t n = 0;

	rp->groups = uabi_arena__alloc(&r->arena, (rp->nitems + 1) * sizeof(*rp->groups));
	if (!v || !idx || !rp->groups) {
		free(v);
		return -ENOMEM;
	}
	for (uint32_t i = 0; i < rp->nitems; i++)
		if (!rp->items[i].c->is_root)
			v[n++] = (struct file_ref){ item_file(rp->items[i].c), i };
	qsort(v, n, sizeof(*v), cmp_file);
	for (uint32_t i = 0; i < n; i++) {
		struct uabi_report_group *g = rp->ngroups ? &rp->groups[rp->ngroups - 1] : NULL;

		if (!g || !g->file != !v[i].file || (g->file && strcmp(g->file, v[i].file))) {
			g = &rp->groups[rp->ngroups++];
			g->file = v[i].file;
			g->items = &idx[i];
		}
		g->items[g->nitems++] = v[i].item;
		if ((unsigned)rp->items[v[i].item].c->verdict < UABI_V__COUNT)
			g->counts[rp->items[v[i].item].c->verdict]++;
	}
	free(v);
	return 0;
}

/* The KVM arches of the tree that no pair covers (issue 8 item 13). */
static int unjudged(struct uabi_report *r, struct uabi_diag *d)
{
	const struct uabi_kfacts *k = r->kfacts;
	struct uabi_profile_set set = { 0 };
	struct uabi_diag tmp;
	bool have_set;

	bool any_kvm = false;

	/* KVM arches matter to a run that judges KVM items only */
	for (uint32_t p = 0; p < r->npairs && !any_kvm; p++)
		for (uint32_t i = 0; i < r->pairs[p].nitems && !any_kvm; i++)
			any_kvm = r->pairs[p].items[i].kvm;
	if (!k || !k->nkvm_arches || !any_kvm)
		return 0;
	r->unjudged = uabi_arena__alloc(&r->arena, k->nkvm_arches * sizeof(*r->unjudged));
	if (!r->unjudged)
		return uabi_diag__input(d, ENOMEM, "out of memory");
	have_set = uabi_profiles__builtin(&set, &tmp) == 0;
	for (uint32_t i = 0; i < k->nkvm_arches; i++) {
		const char *arch = k->kvm_arches[i];
		bool covered = false, profiled = false;
		struct uabi_arch_unjudged *u;

		for (uint32_t j = 0; j < r->narchs && !covered; j++)
			covered = r->archs[j].arch && !strcmp(r->archs[j].arch, arch);
		if (covered)
			continue;
		for (uint32_t j = 0; have_set && j < set.n && !profiled; j++)
			profiled = set.v[j].arch && !strcmp(set.v[j].arch, arch);
		u = &r->unjudged[r->nunjudged++];
		u->arch = arch;
		u->outcome = uabi_arena__printf(
			&r->arena,
			profiled ? "not judged: the tree has KVM code for it (arch/%s/kvm) but no "
				   "pair of its uabi profiles is in this run"
				 : "no uabi profile: not judged (the tree has KVM code for it, "
				   "arch/%s/kvm; uabi has no ABI profile for this architecture)",
			arch);
		if (!u->outcome) {
			if (have_set)
				uabi_profiles__free(&set);
			return uabi_diag__input(d, ENOMEM, "out of memory");
		}
	}
	if (have_set)
		uabi_profiles__free(&set);
	return 0;
}

uint32_t uabi_report__not_judged(const struct uabi_report *r, uint32_t *npairs)
{
	uint32_t n = 0, np = 0;

	for (uint32_t i = 0; i < r->npairs; i++) {
		n += r->pairs[i].kcounts[UABI_K_NOT_JUDGED];
		np += r->pairs[i].kcounts[UABI_K_NOT_JUDGED] > 0;
	}
	if (npairs)
		*npairs = np;
	return n;
}

static int cmp_header(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* r->headers: every header some dump of the run judged (input.headers),
 * in the first dump's order when every dump judged the same ones (the KVM
 * job: linux/kvm.h), else all of them sorted; which ABI judged or skipped
 * which is the header coverage's business (hcov). 0 or -ENOMEM. */
static int union_headers(struct uabi_report *r, const struct uabi_compat_pair *pairs, uint32_t npairs)
{
	uint32_t cap = 0, n = 0;
	const char **v;
	bool more = false;

	for (uint32_t i = 0; i < npairs; i++)
		cap += (pairs[i].n ? pairs[i].n->input.nheaders : 0) +
		       (pairs[i].c ? pairs[i].c->input.nheaders : 0);
	v = uabi_arena__alloc(&r->arena, (cap + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	for (uint32_t i = 0; i < npairs; i++) {
		const struct uabi_layout *ls[2] = { pairs[i].n, pairs[i].c };

		for (int k = 0; k < 2; k++) {
			for (uint32_t h = 0; ls[k] && h < ls[k]->input.nheaders; h++) {
				const char *name = ls[k]->input.headers[h];
				bool have = false;

				for (uint32_t j = 0; j < n && !have; j++)
					have = !strcmp(v[j], name);
				if (have)
					continue;
				more = more || i || k;
				v[n++] = name;
			}
		}
	}
	if (more && n > 1)
		qsort(v, n, sizeof(*v), cmp_header);
	r->headers = v;
	r->nheaders = n;
	return 0;
}

int uabi_report__build(struct uabi_report *r, const struct uabi_compat_pair *pairs,
		       uint32_t npairs, const struct uabi_kfacts *kfacts, enum uabi_fail_on fail_on,
		       struct uabi_diag *d)
{
	memset(r, 0, sizeof(*r));
	uabi_arena__init(&r->arena);
	r->kfacts = kfacts;
	r->fail_on = fail_on;
	r->pairs = uabi_arena__alloc(&r->arena, (npairs + 1) * sizeof(*r->pairs));
	r->archs = uabi_arena__alloc(&r->arena, (npairs + 1) * sizeof(*r->archs));
	if (!r->pairs || !r->archs)
		return uabi_diag__input(d, ENOMEM, "out of memory");
	if (npairs && pairs[0].n) {
		const struct uabi_layout *n = pairs[0].n;

		r->input_root = n->input.root;
		r->kernel_version = n->input.kernel_version;
		if (union_headers(r, pairs, npairs))
			return uabi_diag__input(d, ENOMEM, "out of memory");
	}
	if (kfacts && kfacts->kernel_version)
		r->kernel_version = kfacts->kernel_version;
	for (uint32_t i = 0; i < npairs; i++) {
		const struct uabi_compat_pair *p = &pairs[i];
		const struct uabi_kfacts_arch *a = kfacts ? uabi_kfacts__arch(kfacts, p->arch) : NULL;
		struct uabi_report_pair *rp = &r->pairs[r->npairs++];
		struct alias_ix ix = { 0 };
		struct uabi_arch_summary *s = summary_for(r, p);

		if (kfacts && !a)
			return uabi_diag__input(d, EINVAL, "%s: no kernel facts for arch %s", p->native,
						p->arch);
		if (!s) {
			s = &r->archs[r->narchs++];
			s->arch = p->arch;
			s->native = p->native;
			s->compat = uabi_arena__alloc(&r->arena, (npairs + 1) * sizeof(*s->compat));
			if (!s->compat)
				return uabi_diag__input(d, ENOMEM, "out of memory");
			s->kvm_compat = kfacts ? a->kvm_compat : -1;
		}
		s->compat[s->ncompat++] = p->compat;
		rp->pair = p;
		rp->items = uabi_arena__alloc(&r->arena, (p->nitems + 1) * sizeof(*rp->items));
		if (!rp->items)
			return uabi_diag__input(d, ENOMEM, "out of memory");
		rp->nitems = p->nitems;
		if (a && alias_build(p, a, &ix))
			return uabi_diag__input(d, ENOMEM, "out of memory");
		for (uint32_t k = 0; k < p->nitems; k++) {
			struct uabi_report_item *it = &rp->items[k];
			const struct uabi_compat_item *c = &p->items[k];

			it->c = c;
			if (place(r, p, &ix, it, a)) {
				free(ix.v);
				return uabi_diag__input(d, ENOMEM, "out of memory");
			}
		}
		if (number_aliases(r, rp)) {
			free(ix.v);
			return uabi_diag__input(d, ENOMEM, "out of memory");
		}
		for (uint32_t k = 0; k < p->nitems; k++) {
			struct uabi_report_item *it = &rp->items[k];

			r->nfailing += uabi_report__fails(fail_on, it);
			if (it->c->is_root)
				continue;
			rp->kcounts[it->kstatus]++;
		}
		free(ix.v);
	}
	if (cover_pairs(r, d))
		return -ENOMEM;
	if (cover_headers(r))
		return uabi_diag__input(d, ENOMEM, "out of memory");
	for (uint32_t i = 0; i < r->npairs; i++)
		if (group_pair(r, &r->pairs[i]))
			return uabi_diag__input(d, ENOMEM, "out of memory");
	for (uint32_t i = 0; i < r->narchs; i++) {
		const char *o;

		if (summarise(r, &r->archs[i]))
			return uabi_diag__input(d, ENOMEM, "out of memory");
		o = outcome(r, &r->archs[i]);
		char roots[512] = "";
		size_t n = 0;

		/* mmap'd roots that differ where 32-bit VMMs reach KVM: no handler
		 * can translate them, so the sentence says so, per root */
		for (uint32_t p = 0; p < r->npairs; p++) {
			const struct uabi_report_pair *rp = &r->pairs[p];

			if (strcmp(rp->pair->native, r->archs[i].native))
				continue;
			for (uint32_t k = 0; k < rp->nitems; k++) {
				const char *name = rp->items[k].c->name;
				bool first = true;

				if (rp->items[k].kstatus != UABI_K_UNTRANSLATABLE || strstr(roots, name))
					continue;
				n += (size_t)snprintf(roots + n, sizeof(roots) - n, "%s%s differs on ",
						      n ? "; " : "", name);
				for (uint32_t q = p; q < r->npairs && n < sizeof(roots); q++) {
					const struct uabi_report_pair *rq = &r->pairs[q];

					if (strcmp(rq->pair->native, r->archs[i].native))
						continue;
					for (uint32_t m = 0; m < rq->nitems; m++)
						if (rq->items[m].kstatus == UABI_K_UNTRANSLATABLE &&
						    !strcmp(rq->items[m].c->name, name)) {
							n += (size_t)snprintf(roots + n, sizeof(roots) - n, "%s%s",
									      first ? "" : ", ",
									      rq->pair->compat);
							first = false;
						}
				}
				if (n >= sizeof(roots))
					n = sizeof(roots) - 1;
			}
		}
		if (o && roots[0])
			o = uabi_arena__printf(&r->arena, "%s; %s (mmap'd: no handler can translate it)",
					       o, roots);
		/* struct kvm_run where only members this arch never uses differ */
		n = 0;
		roots[0] = '\0';
		for (uint32_t p = 0; p < r->npairs; p++) {
			const struct uabi_report_pair *rp = &r->pairs[p];

			if (strcmp(rp->pair->native, r->archs[i].native))
				continue;
			for (uint32_t k = 0; k < rp->nitems && n < sizeof(roots); k++)
				if (rp->items[k].c->is_root && rp->items[k].kstatus == UABI_K_NOT_USED)
					n += (size_t)snprintf(roots + n, sizeof(roots) - n, "%s%s",
							      n ? ", " : "", rp->pair->compat);
		}
		if (o && roots[0])
			o = uabi_arena__printf(&r->arena,
					       "%s; struct kvm_run differs on %s only in members %s "
					       "never uses", o, roots, r->archs[i].arch);
		r->archs[i].outcome = o;
		if (!r->archs[i].outcome)
			return uabi_diag__input(d, ENOMEM, "out of memory");
	}
	return unjudged(r, d);
}

void uabi_report__free(struct uabi_report *r)
{
	uabi_arena__free(&r->arena);
	memset(r, 0, sizeof(*r));
}

static bool sel_ok(const char *want, const char *have)
{
	return !want || (have && !strcmp(want, have));
}

void uabi_report__suppress(struct uabi_report *r, struct uabi_suppress *s)
{
	r->nfailing = 0;
	for (uint32_t p = 0; p < r->npairs; p++) {
		struct uabi_report_pair *rp = &r->pairs[p];

		for (uint32_t k = 0; k < rp->nitems; k++) {
			struct uabi_report_item *it = &rp->items[k];
			const char *word = uabi_kstatus__str(it->kstatus);

			/* only a failing item can be accepted; counted again below */
			if (!uabi_report__fails(r->fail_on, it))
				continue;
			for (uint32_t e = 0; e < s->n; e++) {
				struct uabi_suppression *x = &s->v[e];

				if (!sel_ok(x->rule, word) || !sel_ok(x->profile, rp->pair->compat) ||
				    x->member)
					continue;
				if (it->c->is_root ? (x->ioctl || !sel_ok(x->type, it->c->name))
						   : (x->type || !sel_ok(x->ioctl, it->c->name)))
					continue;
				x->used++;
				if (!it->suppressed)
					it->suppressed = x->reason;
			}
			r->nfailing += uabi_report__fails(r->fail_on, it);
		}
	}
}
