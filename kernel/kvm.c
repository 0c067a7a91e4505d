// SPDX-License-Identifier: MIT
/*
 * KVM's facts from a kernel source tree (kfacts.h): the walk over
 * virt/kvm and arch/<arch>/kvm that combines the Kconfig reader
 * (kconfig.c), the case-label and member scanners (cscan.c) and the #if
 * evaluator (kcond.c).
 *
 * What is approximated (the kernel's real answer needs a configured build):
 *  - CONFIG_X is y for an arch when `select X` (with or without `if`)
 *    appears anywhere in arch/<arch>/Kconfig or arch/<arch>/kvm/Kconfig, when
 *    a virt/kvm/Kconfig entry the arch has selects it (transitively: x86
 *    selects HAVE_KVM_DIRTY_RING_TSO which selects HAVE_KVM_DIRTY_RING), when
 *    virt/kvm/Kconfig defines it `def_bool y` without depends, or when X is
 *    KVM, COMPAT, the arch's own symbol or KVM_COMPAT where that evaluates
 *    to y. `if` guards of selects are ignored.
 *  - CONFIG_X is n for another arch's symbol (CONFIG_S390 on x86), for
 *    KVM_COMPAT where it evaluates to n, and for the other entries of
 *    virt/kvm/Kconfig: they are prompt-less options that exist only when an
 *    arch selects them.
 *  - Every other CONFIG_X is unknown: a user's choice (KVM_XEN, KVM_E500MC,
 *    PPC_BOOK3S_64), and a label under it counts, on both sides of an
 *    #else. Strictly "selected or n" would lose KVM_DIRTY_TLB, which powerpc
 *    dispatches only under CONFIG_KVM_E500V2 || CONFIG_KVM_E500MC. So
 *    "dispatched" means "dispatched by some configuration of the arch".
 *  - __KVM_HAVE_X holds exactly when arch/<arch>/include/uapi/asm/kvm.h
 *    #defines it.
 *  - Other macros (KVM_ARCH_WANT_MMU_NOTIFIER, KVM_ADDRESS_SPACE_NUM > 1)
 *    are unknown and count.
 *  - Function attribution follows braces at file level: the function is the
 *    identifier before the first '(' of the declaration that opens the
 *    body. Branches of #if/#else that open braces differently are balanced
 *    the way ctags does it: the #else branch restarts from the depth at the
 *    #if, the depth after the first branch wins at #endif.
 *  - Case labels produced by macro expansion are not seen.
 */
#include "kfacts.h"

#include <limits.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../core/fileio.h"
#include "cscan.h"
#include "ctext.h"
#include "kcond.h"
#include "kconfig.h"

/* ---- the tree ----------------------------------------------------------- */

struct reader {
	const char *tree;
	char root[PATH_MAX];		/* realpath of tree: every file read resolves below it */
	struct uabi_kfacts *k;
	struct uabi_arena tmp;		/* scratch: labels, symbol names */
	struct uabi_diag *d;
	struct uabi_klabels virt;	/* labels of the virt/kvm C files */
	struct uabi_klabels arch;	/* labels of arch/<arch>/kvm, per arch */
	struct strvec virt_yes;		/* def_bool y without depends (CONFIG_X) */
	struct strvec virt_all;		/* every config of virt/kvm/Kconfig */
	struct strvec virt_sel;		/* pairs: config, what it selects (CONFIG_X) */
	const char *compat_expr;	/* KVM_COMPAT's depends */
};

/* path = "a/b", or an input error when it does not fit. */
static int join(struct reader *r, char *path, size_t size, const char *a, const char *b)
{
	int n = snprintf(path, size, "%s/%s", a, b);

	if (n < 0 || (size_t)n >= size)
		return uabi_diag__input(r->d, ENAMETOOLONG, "%s/%s: %s", r->tree, b,
					strerror(ENAMETOOLONG));
	return 0;
}

/* The kernel tree is input like the headers: a file of it is read only
 * when it is a regular file that resolves (realpath) below the tree's root,
 * and at most this big (the largest KVM source of 6.12 is under 400 KiB). */
#define KFACTS_MAX_FILE (16u << 20)

/* Read TREE/rel; an absent file is *buf == NULL when optional. A file that
 * resolves outside the tree, is not a regular file or is too big is an
 * input error naming it. */
static int read_rel(struct reader *r, const char *rel, bool optional, char **buf)
{
	char path[4096];
	int err;

	*buf = NULL;
	if ((err = join(r, path, sizeof(path), r->tree, rel)))
		return err;
	err = uabi_file__read_under(r->root, path, "the kernel tree", KFACTS_MAX_FILE, buf, NULL,
				   r->d);
	if (err == -ENOENT && optional) {
		uabi_diag__clear(r->d);
		return 0;
	}
	return err;
}

static const char *config_name(struct reader *r, const char *s, size_t n)
{
	char *c = uabi_arena__alloc(&r->tmp, n + 8);

	if (c) {
		memcpy(c, "CONFIG_", 7);
		memcpy(c + 7, s, n);
	}
	return c;
}

static int nomem(struct reader *r)
{
	return uabi_diag__input(r->d, ENOMEM, "%s: out of memory", r->tree);
}

static char *version(const char *mk, struct uabi_arena *a)
{
	static const char *const var[] = { "VERSION", "PATCHLEVEL", "SUBLEVEL" };
	unsigned long v[3];

	for (int i = 0; i < 3; i++) {
		const char *p = mk;
		size_t n = strlen(var[i]);
		bool found = false;

		while (!found && (p = strstr(p, var[i]))) {
			const char *q = p + n;

			if ((p == mk || p[-1] == '\n')) {
				while (is_hspace(*q))
					q++;
				if (*q == '=') {
					q++;
					while (is_hspace(*q))
						q++;
					if (*q >= '0' && *q <= '9') {
						v[i] = strtoul(q, NULL, 10);
						found = true;
					}
				}
			}
			p += n;
		}
		if (!found)
			return NULL;
	}
	return uabi_arena__printf(a, "%lu.%lu.%lu", v[0], v[1], v[2]);
}

static int read_virt_kconfig(struct reader *r)
{
	static const char rel[] = "virt/kvm/Kconfig";
	struct uabi_kconfig_iter it = { .line = 1, .help_kw = -1, .help_indent = -1 };
	const char *entry = NULL;
	size_t elen = 0;
	bool defy = false, deps = false;
	struct uabi_kconfig_line l;
	char *text, dep[1024];
	uint32_t line = 0;
	int err;

	if ((err = read_rel(r, rel, false, &text)))
		return err;
	err = uabi_kconfig__depends(text, "KVM_COMPAT", dep, sizeof(dep), &line);
	if (err) {
		free(text);
		return uabi_diag__input(r->d, -err, "%s/%s: %s", r->tree, rel,
					err == -ENOENT ? "no config KVM_COMPAT" :
							 "depends of KVM_COMPAT too long");
	}
	r->k->kvm_compat_site.file = uabi_arena__strdup(&r->k->arena, rel);
	r->k->kvm_compat_site.line = line;
	r->k->kvm_compat_depends = uabi_arena__strdup(&r->k->arena, dep);
	r->compat_expr = r->k->kvm_compat_depends;
	if (!r->compat_expr || !r->k->kvm_compat_site.file)
		goto oom;

	/* def_bool y without depends, and who selects what */
	it.p = text;
	for (bool more = true; more;) {
		more = uabi_kconfig__next(&it, &l);
		if (!more || uabi_kconfig__ends_entry(&l)) {
			if (entry && defy && !deps) {
				const char *c = config_name(r, entry, elen);

				if (!c || strvec_push(&r->virt_yes, c))
					goto oom;
			}
			entry = more && uabi_kconfig__is_config(&l) ? l.arg : NULL;
			elen = entry ? uabi_kconfig__word(&l) : 0;
			defy = deps = false;
			if (entry) {
				const char *c = config_name(r, entry, elen);

				if (!c || strvec_push(&r->virt_all, c))
					goto oom;
			}
			continue;
		}
		if (!entry)
			continue;
		if (word_is(l.kw, l.kwlen, "def_bool") && word_is(l.arg, (size_t)(l.end - l.arg), "y"))
			defy = true;
		else if (uabi_kconfig__depends_on(&l))
			deps = true;
		else if (word_is(l.kw, l.kwlen, "select") && uabi_kconfig__word(&l)) {
			const char *from = config_name(r, entry, elen);
			const char *to = config_name(r, l.arg, uabi_kconfig__word(&l));

			if (!from || !to || strvec_push(&r->virt_sel, from) ||
			    strvec_push(&r->virt_sel, to))
				goto oom;
		}
	}
	free(text);
	return 0;
oom:
	free(text);
	return nomem(r);
}

/* Every "select X" of a Kconfig text, as CONFIG_X. */
static int add_selects(struct reader *r, const char *text, struct strvec *yes)
{
	struct uabi_kconfig_iter it = { .p = text, .line = 1, .help_kw = -1, .help_indent = -1 };
	struct uabi_kconfig_line l;

	while (uabi_kconfig__next(&it, &l)) {
		const char *c;

		if (!word_is(l.kw, l.kwlen, "select") || !uabi_kconfig__word(&l))
			continue;
		c = config_name(r, l.arg, uabi_kconfig__word(&l));
		if (!c)
			return nomem(r);
		if (!strvec_has(yes, c) && strvec_push(yes, c))
			return nomem(r);
	}
	return 0;
}

/* Every "#define __KVM_HAVE_X" of the arch's uapi asm/kvm.h. */
static int add_have(struct reader *r, const char *text, struct strvec *yes)
{
	for (const char *p = text; (p = strstr(p, "__KVM_HAVE_")); p++) {
		const char *q = p, *e = p;

		while (q > text && is_hspace(q[-1]))
			q--;
		if (q - text < 6 || memcmp(q - 6, "define", 6) != 0)
			continue;
		q -= 6;
		while (q > text && is_hspace(q[-1]))
			q--;
		if (q == text || q[-1] != '#')
			continue;
		while (is_idchar(*e))
			e++;
		const char *c = uabi_arena__strndup(&r->tmp, p, (size_t)(e - p));

		if (!c)
			return nomem(r);
		if (!strvec_has(yes, c) && strvec_push(yes, c))
			return nomem(r);
	}
	return 0;
}

/* Kernel ARCH dir -> its Kconfig symbol. */
static const char *const arch_map[][2] = {
	{ "x86", "X86" }, { "arm64", "ARM64" }, { "riscv", "RISCV" },
	{ "powerpc", "PPC" }, { "s390", "S390" }, { "mips", "MIPS" },
	{ "loongarch", "LOONGARCH" }, { "arm", "ARM" },
};

static const char *arch_symbol(struct reader *r, const char *arch)
{
	char *s;

	for (size_t i = 0; i < sizeof(arch_map) / sizeof(arch_map[0]); i++)
		if (strcmp(arch_map[i][0], arch) == 0)
			return arch_map[i][1];
	/* any other arch dir: its name in capitals */
	s = uabi_arena__strdup(&r->tmp, arch);
	for (char *p = s; p && *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return s;
}

/* What holds and what does not for one arch, as sorted lists of macro
 * names; everything else is unknown. */
static int arch_yes(struct reader *r, const char *arch, bool *kvm_compat, struct strvec *yes,
		    struct strvec *no)
{
	const char *sym = arch_symbol(r, arch);
	const char *kyes[] = { "KVM", "COMPAT", sym };
	char rel[512], *text;
	int err, v;
	bool grew;

	if (!sym)
		return nomem(r);
	v = uabi_kconfig__eval(r->compat_expr, kyes, 3);
	if (v < 0)
		return uabi_diag__input(r->d, EINVAL,
					"%s/virt/kvm/Kconfig:%u: cannot evaluate depends \"%s\"",
					r->tree, r->k->kvm_compat_site.line, r->compat_expr);
	*kvm_compat = v == 1;
	if (strvec_push(yes, "CONFIG_KVM") || strvec_push(yes, "CONFIG_COMPAT") ||
	    strvec_push(yes, config_name(r, sym, strlen(sym))) ||
	    (*kvm_compat && strvec_push(yes, "CONFIG_KVM_COMPAT")))
		return nomem(r);
	if (!yes->v[2])
		return nomem(r);
	for (uint32_t i = 0; i < r->virt_yes.n; i++)
		if (!strvec_has(yes, r->virt_yes.v[i]) && strvec_push(yes, r->virt_yes.v[i]))
			return nomem(r);
	for (int i = 0; i < 2; i++) {
		snprintf(rel, sizeof(rel), i ? "arch/%s/kvm/Kconfig" : "arch/%s/Kconfig", arch);
		if ((err = read_rel(r, rel, true, &text)))
			return err;
		if (text) {
			err = add_selects(r, text, yes);
			free(text);
			if (err)
				return err;
		}
	}
	/* selects of the virt/kvm entries the arch has, to a fixed point */
	do {
		grew = false;
		for (uint32_t i = 0; i + 1 < r->virt_sel.n; i += 2) {
			if (!strvec_has(yes, r->virt_sel.v[i]) || strvec_has(yes, r->virt_sel.v[i + 1]))
				continue;
			if (strvec_push(yes, r->virt_sel.v[i + 1]))
				return nomem(r);
			grew = true;
		}
	} while (grew);
	snprintf(rel, sizeof(rel), "arch/%s/include/uapi/asm/kvm.h", arch);
	if ((err = read_rel(r, rel, true, &text)))
		return err;
	if (text) {
		err = add_have(r, text, yes);
		free(text);
		if (err)
			return err;
	}
	if (!*kvm_compat && strvec_push(no, "CONFIG_KVM_COMPAT"))
		return nomem(r);
	for (size_t i = 0; i < sizeof(arch_map) / sizeof(arch_map[0]); i++) {
		const char *c = config_name(r, arch_map[i][1], strlen(arch_map[i][1]));

		if (!c)
			return nomem(r);
		if (strcmp(arch_map[i][1], sym) != 0 && strvec_push(no, c))
			return nomem(r);
	}
	for (uint32_t i = 0; i < r->virt_all.n; i++)
		if (!strvec_has(yes, r->virt_all.v[i]) && !strvec_has(no, r->virt_all.v[i]) &&
		    strvec_push(no, r->virt_all.v[i]))
			return nomem(r);
	if (yes->n)
		qsort(yes->v, yes->n, sizeof(*yes->v), cmp_str);
	if (no->n)
		qsort(no->v, no->n, sizeof(*no->v), cmp_str);
	return 0;
}

/* Whether text has "case" + white space + "KVM_" anywhere: a file without
 * one has no label to find, and the full scan is the cost of reading
 * the facts (half the bytes of arch/x86/kvm, say, have none). */
static bool has_case_kvm(const char *text)
{
	for (const char *p = text; (p = strstr(p, "case")); p += 4) {
		const char *q = p + 4;

		if (*q != ' ' && *q != '\t')
			continue;
		while (*q == ' ' || *q == '\t')
			q++;
		if (!strncmp(q, "KVM_", 4))
			return true;
	}
	return false;
}

static int scan_file(struct reader *r, const char *rel, struct uabi_klabels *out)
{
	const char *file = uabi_arena__strdup(&r->tmp, rel);
	char *text;
	int err;

	if (!file)
		return nomem(r);
	if ((err = read_rel(r, rel, false, &text)))
		return err;
	err = has_case_kvm(text) ? uabi_kscan__labels(text, file, &r->tmp, out) : 0;
	free(text);
	return err ? nomem(r) : 0;
}

static bool ends_with_c(const char *name)
{
	size_t n = strlen(name);

	return n > 2 && strcmp(name + n - 2, ".c") == 0;
}

/* Visit the regular files of TREE/rel (uabi_file__walk: in name order,
 * symlinks skipped), descending when asked. */
static int walk_dir(struct reader *r, const char *rel, bool recurse,
		    bool (*want)(const char *name, void *ctx), int (*visit)(const char *rel, void *ctx),
		    void *ctx)
{
	return uabi_file__walk(r->tree, rel, recurse, want, visit, ctx, r->d);
}

static bool want_c(const char *name, void *ctx)
{
	(void)ctx;
	return ends_with_c(name);
}

struct labels_walk {
	struct reader *r;
	struct uabi_klabels *out;
};

static int visit_labels(const char *rel, void *ctx)
{
	struct labels_walk *w = ctx;

	return scan_file(w->r, rel, w->out);
}

/* Scan the *.c files of TREE/rel in name order, descending when asked. */
static int scan_dir(struct reader *r, const char *rel, bool recurse, struct uabi_klabels *out)
{
	struct labels_walk w = { r, out };

	return walk_dir(r, rel, recurse, want_c, visit_labels, &w);
}

struct arch_ctx {
	struct strvec yes, no;	/* sorted */
};

static int arch_pred(const void *ctx, const char *s, size_t n)
{
	const struct arch_ctx *a = ctx;

	if (sorted_has(a->yes.v, a->yes.n, s, n))
		return 1;
	if (sorted_has(a->no.v, a->no.n, s, n))
		return 0;
	return uabi_kcond__is_kvm_have(s, n) ? 0 : -1;
}

static bool is_compat_fn(const char *fn, bool arch)
{
	if (!fn)
		return false;
	if (arch)
		return strcmp(fn, "kvm_arch_vm_compat_ioctl") == 0;
	return strcmp(fn, "kvm_vcpu_compat_ioctl") == 0 || strcmp(fn, "kvm_vm_compat_ioctl") == 0;
}

static int cmp_handled(const void *pa, const void *pb)
{
	const struct uabi_khandled *a = pa, *b = pb;
	int c = strcmp(a->ioctl, b->ioctl);

	if (!c)
		c = strcmp(a->site.function, b->site.function);
	if (!c)
		c = strcmp(a->site.file, b->site.file);
	if (!c)
		c = a->site.line < b->site.line ? -1 : a->site.line > b->site.line;
	return c;
}

struct hvec {
	struct uabi_khandled *v;
	uint32_t n, cap;
};

static int hvec_push(struct hvec *h, const struct uabi_klabel *c)
{
	if (h->n == h->cap) {
		uint32_t cap = h->cap ? h->cap * 2 : 16;
		struct uabi_khandled *v = realloc(h->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		h->v = v;
		h->cap = cap;
	}
	h->v[h->n++] = (struct uabi_khandled){ c->ioctl, c->label, c->site };
	return 0;
}

/* ds: the native dispatch sites (labels in a function that is not a
 * compat handler), for telling a porter which compat handler to extend */
static int collect(const struct uabi_klabels *l, bool arch, const struct arch_ctx *ac,
		   bool kvm_compat, struct strvec *disp, struct hvec *h, struct hvec *ds)
{
	for (uint32_t i = 0; i < l->n; i++) {
		const struct uabi_klabel *c = &l->v[i];
		bool compat_fn = is_compat_fn(c->site.function, false) ||
				 is_compat_fn(c->site.function, true);

		if (uabi_kcond__eval_pred(c->cond, arch_pred, ac) == 0)
			continue;
		if (strvec_push(disp, c->ioctl))
			return -ENOMEM;
		if (c->site.function && !compat_fn && hvec_push(ds, c))
			return -ENOMEM;
		if (!kvm_compat || !is_compat_fn(c->site.function, arch))
			continue;
		if (hvec_push(h, c))
			return -ENOMEM;
	}
	return 0;
}

/* Sites sorted, unique by (ioctl, function), copied into the arena. */
static int store_sites(struct reader *r, struct hvec *h, struct uabi_khandled **out, uint32_t *nout)
{
	struct uabi_arena *a = &r->k->arena;
	uint32_t n = 0;

	if (h->n)
		qsort(h->v, h->n, sizeof(*h->v), cmp_handled);
	*out = uabi_arena__alloc(a, (h->n ? h->n : 1) * sizeof(**out));
	if (!*out)
		return nomem(r);
	for (uint32_t i = 0; i < h->n; i++) {
		const struct uabi_khandled *s = &h->v[i];
		struct uabi_khandled *t;

		if (n && strcmp((*out)[n - 1].ioctl, s->ioctl) == 0 &&
		    strcmp((*out)[n - 1].site.function, s->site.function) == 0)
			continue;
		t = &(*out)[n++];
		t->ioctl = uabi_arena__strdup(a, s->ioctl);
		t->label = uabi_arena__strdup(a, s->label);
		t->site.file = uabi_arena__strdup(a, s->site.file);
		t->site.line = s->site.line;
		t->site.function = uabi_arena__strdup(a, s->site.function);
		if (!t->ioctl || !t->label || !t->site.file || !t->site.function)
			return nomem(r);
	}
	*nout = n;
	return 0;
}

/* Copy the arch's results into k->arena: sorted, unique. */
static int arch_store(struct reader *r, struct uabi_kfacts_arch *fa, struct strvec *disp,
		      struct hvec *h, struct hvec *ds)
{
	struct uabi_arena *a = &r->k->arena;
	uint32_t n = 0;

	if (disp->n)
		qsort(disp->v, disp->n, sizeof(*disp->v), cmp_str);
	fa->dispatched = uabi_arena__alloc(a, (disp->n ? disp->n : 1) * sizeof(char *));
	if (!fa->dispatched)
		return nomem(r);
	for (uint32_t i = 0; i < disp->n; i++) {
		if (n && strcmp(fa->dispatched[n - 1], disp->v[i]) == 0)
			continue;
		if (!(fa->dispatched[n++] = uabi_arena__strdup(a, disp->v[i])))
			return nomem(r);
	}
	fa->ndispatched = n;
	return store_sites(r, h, &fa->handled, &fa->nhandled) ||
	       store_sites(r, ds, &fa->dispatch, &fa->ndispatch) ? -ENOMEM : 0;
}

static int read_arch(struct reader *r, const char *arch, struct uabi_kfacts_arch *fa)
{
	struct arch_ctx ac = { 0 };
	struct strvec disp = { 0 };
	struct hvec h = { 0 }, ds = { 0 };
	char rel[512], path[4096];
	struct stat st;
	int err;

	/* the arch/<arch>/... names below fit in rel */
	if (strlen(arch) > 128 || strchr(arch, '/') || !*arch || arch[0] == '.')
		return uabi_diag__input(r->d, EINVAL, "%s: not a kernel arch directory name",
					arch);
	snprintf(rel, sizeof(rel), "arch/%s", arch);
	if ((err = join(r, path, sizeof(path), r->tree, rel)))
		return err;
	if (lstat(path, &st) != 0)
		return uabi_diag__input(r->d, errno, "%s: %s", path, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return uabi_diag__input(r->d, ENOTDIR, "%s: %s", path, strerror(ENOTDIR));
	if (!(fa->arch = uabi_arena__strdup(&r->k->arena, arch)))
		return nomem(r);
	if ((err = arch_yes(r, arch, &fa->kvm_compat, &ac.yes, &ac.no)))
		goto out;
	r->arch.n = 0;
	snprintf(rel, sizeof(rel), "arch/%s/kvm", arch);
	if ((err = scan_dir(r, rel, true, &r->arch)))
		goto out;
	if (collect(&r->virt, false, &ac, fa->kvm_compat, &disp, &h, &ds) ||
	    collect(&r->arch, true, &ac, fa->kvm_compat, &disp, &h, &ds)) {
		err = nomem(r);
		goto out;
	}
	err = arch_store(r, fa, &disp, &h, &ds);
out:
	free(ac.yes.v);
	free(ac.no.v);
	free(disp.v);
	free(h.v);
	free(ds.v);
	return err;
}

/* ---- member references of the tree ------------------------------------ */

struct mvec {
	struct uabi_kmember *v;
	uint32_t n, cap;
};

static bool is_c_or_h(const char *name)
{
	size_t n = strlen(name);

	return n > 2 && name[n - 2] == '.' && (name[n - 1] == 'c' || name[n - 1] == 'h');
}


static int members_of_file(struct reader *r, const char *rel, const char *arch, struct mvec *mv)
{
	struct uabi_krefs refs = { 0 };
	struct uabi_arena *a = &r->k->arena;
	const char *file;
	char *text;
	int err;

	if ((err = read_rel(r, rel, false, &text)))
		return err;
	err = uabi_kscan__members(text, &r->tmp, &refs);
	free(text);
	if (err || !(file = uabi_arena__strdup(a, rel))) {
		uabi_krefs__free(&refs);
		return nomem(r);
	}
	for (uint32_t i = 0; i < refs.n && !err; i++) {
		struct uabi_kmember *m;

		if (mv->n == mv->cap) {
			uint32_t cap = mv->cap ? mv->cap * 2 : 1024;
			struct uabi_kmember *v = realloc(mv->v, cap * sizeof(*v));

			if (!v) {
				err = nomem(r);
				break;
			}
			mv->v = v;
			mv->cap = cap;
		}
		m = &mv->v[mv->n++];
		m->name = uabi_arena__strdup(a, refs.v[i].name);
		m->arch = arch;
		m->site = (struct uabi_ksite){ file, refs.v[i].line, NULL };
		if (!m->name)
			err = nomem(r);
	}
	uabi_krefs__free(&refs);
	return err;
}

struct members_walk {
	struct reader *r;
	const char *arch, *prefix;
	struct mvec *mv;
};

static bool want_members(const char *name, void *ctx)
{
	const struct members_walk *w = ctx;

	return is_c_or_h(name) && !strncmp(name, w->prefix, strlen(w->prefix));
}

static int visit_members(const char *rel, void *ctx)
{
	struct members_walk *w = ctx;

	return members_of_file(w->r, rel, w->arch, w->mv);
}

/* The *.c and *.h files of TREE/rel whose name starts with prefix, in name
 * order, descending into directories when asked. */
static int members_of_dir(struct reader *r, const char *rel, const char *arch, bool recurse,
			  const char *prefix, struct mvec *mv)
{
	struct members_walk w = { r, arch, prefix, mv };

	return walk_dir(r, rel, recurse, want_members, visit_members, &w);
}

static int cmp_kmember(const void *pa, const void *pb)
{
	const struct uabi_kmember *a = pa, *b = pb;
	int c = strcmp(a->name, b->name);

	if (!c)
		c = strcmp(a->site.file, b->site.file);
	if (!c)
		c = a->site.line < b->site.line ? -1 : a->site.line > b->site.line;
	return c;
}

/* virt/kvm/ and below and, for every arch dir of the tree, arch/A/kvm/ (and below) and
 * arch/A/include/asm/kvm*; the arch dirs with a kvm/ dir are the KVM arches. */
static int read_members(struct reader *r)
{
	struct uabi_kfacts *k = r->k;
	struct strvec kvm = { 0 };
	struct mvec mv = { 0 };
	char rel[4096], path[4096], **archs = NULL;
	uint32_t narchs = 0;
	int err;

	if ((err = members_of_dir(r, "virt/kvm", NULL, true, "", &mv)) ||
	    (err = join(r, path, sizeof(path), r->tree, "arch")) ||
	    (err = uabi_file__list_dir(path, &archs, &narchs, r->d)))
		goto out;
	for (uint32_t i = 0; i < narchs; i++) {
		const char *arch = archs[i];
		struct stat st;

		if (strlen(arch) > 128)
			continue;
		snprintf(rel, sizeof(rel), "arch/%s/kvm", arch);
		if ((err = join(r, path, sizeof(path), r->tree, rel)))
			goto out;
		if (lstat(path, &st) != 0 || !S_ISDIR(st.st_mode))
			continue;
		if (!(arch = uabi_arena__strdup(&k->arena, arch)) || strvec_push(&kvm, arch)) {
			err = nomem(r);
			goto out;
		}
		if ((err = members_of_dir(r, rel, arch, true, "", &mv)))
			goto out;
		snprintf(rel, sizeof(rel), "arch/%s/include/asm", arch);
		if ((err = members_of_dir(r, rel, arch, false, "kvm", &mv)))
			goto out;
	}
	if (mv.n)
		qsort(mv.v, mv.n, sizeof(*mv.v), cmp_kmember);
	k->members = uabi_arena__alloc(&k->arena, (mv.n ? mv.n : 1) * sizeof(*k->members));
	k->kvm_arches = uabi_arena__alloc(&k->arena, (kvm.n ? kvm.n : 1) * sizeof(*k->kvm_arches));
	if (!k->members || !k->kvm_arches) {
		err = nomem(r);
		goto out;
	}
	if (mv.n)
		memcpy(k->members, mv.v, mv.n * sizeof(*mv.v));
	k->nmembers = mv.n;
	if (kvm.n)
		memcpy(k->kvm_arches, kvm.v, kvm.n * sizeof(*kvm.v));
	k->nkvm_arches = kvm.n;
out:
	uabi_file__free_names(archs, narchs);
	free(kvm.v);
	free(mv.v);
	return err;
}

int uabi_kfacts__read(const char *tree, const char *const *arches, uint32_t narches,
		      struct uabi_kfacts *out, struct uabi_diag *d)
{
	struct reader r = { .tree = tree, .k = out, .d = d };
	char path[4096], *mk = NULL;
	struct stat st;
	int err;

	memset(out, 0, sizeof(*out));
	uabi_arena__init(&out->arena);
	uabi_arena__init(&r.tmp);
	if (!realpath(tree, r.root)) {
		err = uabi_diag__input(d, errno, "%s: %s", tree, strerror(errno));
		goto fail;
	}

	if ((err = read_virt_kconfig(&r)))
		goto fail;
	if ((err = join(&r, path, sizeof(path), tree, "virt/kvm/kvm_main.c")))
		goto fail;
	if (stat(path, &st) != 0) {
		err = uabi_diag__input(d, errno, "%s: %s", path, strerror(errno));
		goto fail;
	}
	if ((err = read_rel(&r, "Makefile", true, &mk)))
		goto fail;
	if (mk) {
		out->kernel_version = version(mk, &out->arena);
		free(mk);
	}
	if ((err = scan_dir(&r, "virt/kvm", false, &r.virt)))
		goto fail;
	out->arches = uabi_arena__alloc(&out->arena, (narches ? narches : 1) * sizeof(*out->arches));
	if (!out->arches) {
		err = nomem(&r);
		goto fail;
	}
	for (uint32_t i = 0; i < narches; i++) {
		if ((err = read_arch(&r, arches[i], &out->arches[i])))
			goto fail;
		out->narches = i + 1;
	}
	if ((err = read_members(&r)))
		goto fail;
	err = 0;
	goto done;
fail:
	uabi_kfacts__free(out);
done:
	uabi_klabels__free(&r.virt);
	uabi_klabels__free(&r.arch);
	free(r.virt_yes.v);
	free(r.virt_all.v);
	free(r.virt_sel.v);
	uabi_arena__free(&r.tmp);
	return err;
}

void uabi_kfacts__free(struct uabi_kfacts *k)
{
	if (!k)
		return;
	uabi_arena__free(&k->arena);
	memset(k, 0, sizeof(*k));
}

const struct uabi_kfacts_arch *uabi_kfacts__arch(const struct uabi_kfacts *k, const char *arch)
{
	for (uint32_t i = 0; i < k->narches; i++)
		if (strcmp(k->arches[i].arch, arch) == 0)
			return &k->arches[i];
	return NULL;
}

const struct uabi_khandled *uabi_kfacts_arch__handled(const struct uabi_kfacts_arch *a,
							const char *ioctl)
{
	uint32_t lo = 0, hi = a->nhandled;

	/* lower bound: the first entry of that ioctl */
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (strcmp(a->handled[mid].ioctl, ioctl) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < a->nhandled && strcmp(a->handled[lo].ioctl, ioctl) == 0 ? &a->handled[lo]
									     : NULL;
}

const struct uabi_khandled *uabi_kfacts_arch__dispatch(const struct uabi_kfacts_arch *a,
							 const char *ioctl, uint32_t *n)
{
	uint32_t lo = 0, hi = a->ndispatch;

	*n = 0;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (strcmp(a->dispatch[mid].ioctl, ioctl) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo + *n < a->ndispatch && strcmp(a->dispatch[lo + *n].ioctl, ioctl) == 0)
		(*n)++;
	return *n ? &a->dispatch[lo] : NULL;
}

bool uabi_kfacts_arch__dispatches(const struct uabi_kfacts_arch *a, const char *ioctl)
{
	return sorted_has(a->dispatched, a->ndispatched, ioctl, strlen(ioctl));
}

uint32_t uabi_kfacts__member_refs(const struct uabi_kfacts *k, const char *name,
				  const struct uabi_kmember **first)
{
	uint32_t lo = 0, hi = k->nmembers, end;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (strcmp(k->members[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < k->nmembers && !strcmp(k->members[end].name, name); end++)
		;
	*first = end > lo ? &k->members[lo] : NULL;
	return end - lo;
}

bool uabi_kfacts__member_used(const struct uabi_kfacts *k, const char *arch, const char *name)
{
	const struct uabi_kmember *m;
	uint32_t n = uabi_kfacts__member_refs(k, name, &m);

	for (uint32_t i = 0; i < n; i++)
		if (!m[i].arch || (arch && !strcmp(m[i].arch, arch)))
			return true;
	return false;
}

bool uabi_kfacts__has_kvm(const struct uabi_kfacts *k, const char *arch)
{
	return sorted_has(k->kvm_arches, k->nkvm_arches, arch, strlen(arch));
}
