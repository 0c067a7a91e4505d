// SPDX-License-Identifier: MIT
/* uabi diff and uabi lint: ABI-change gating on every ABI at once. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../compare/compat.h"
#include "../compare/dfind.h"
#include "../compare/diff.h"
#include "../kernel/kfacts.h"
#include "../compare/lint.h"
#include "../compare/report.h"
#include "../compare/suppress.h"
#include "../core/fileio.h"
#include "../core/intr.h"
#include "../core/json.h"
#include "../extractor/discover.h"
#include "../extractor/gitrev.h"
#include "../extractor/touched.h"
#include "../render/drender.h"
#include "cli.h"
#include "input_opts.h"

static void help_diff(FILE *f)
{
	fprintf(f,
		"usage: uabi diff (--old DIR --new DIR | --kernel-tree DIR --base REV --head REV) [options]\n\n"
		"Compiles both versions of the headers for every ABI whose compiler is present,\n"
		"and reports every change of the binary interface: ioctls removed or renumbered,\n"
		"argument types changed, struct sizes, member offsets/sizes/types/bit positions,\n"
		"unions that grew, enum values; additions that keep the layout are notes. Ioctls\n"
		"that start to differ between a native and its compat ABI are errors unless a\n"
		"handler translates them or the arch has no compat path (KVM_COMPAT=n: notes);\n"
		"without a kernel tree they are errors. New and changed types are linted; lints\n"
		"the base already had are not repeated (see uabi lint).\n\n"
		"Without --header and --all, the change decides what is compiled: the uapi\n"
		"headers that differ between the two sides (include/uapi, arch/*/include/uapi;\n"
		"every file of installed headers) and every header that includes one of them,\n"
		"directly or not, among the headers that define ioctl commands, per ABI. The\n"
		"report says which files changed and which headers were judged; when no uapi\n"
		"file changed it is the one line \"uabi diff: no uapi header changed\" (exit 0).\n"
		"A header that stops compiling on an ABI is a header-not-judged warning.\n\n"
		"  --old DIR             the old tree: a kernel source tree or installed headers\n"
		"  --new DIR             the new tree, of the same kind\n"
		"  --kernel-tree DIR     a kernel git checkout, with --base and --head: each\n"
		"                        revision is taken with git archive (the work tree is\n"
		"                        not touched)\n"
		"  --base REV            the old revision (with --kernel-tree)\n"
		"  --head REV            the new revision (with --kernel-tree)\n"
		"  --header H            header to include, repeatable (default: the headers\n"
		"                        the change reaches, above)\n"
		CLI_ALL_HELP
		"  --root TYPE           extra ABI root, repeatable (added to struct kvm_run,\n"
		"                        always a root with linux/kvm.h); one defined on no\n"
		"                        profile of either tree is an error\n"
		"  --profile SPEC        all (default: every profile whose compiler is present)\n"
		"                        or a comma list\n"
		"  --format F            text (default), json, markdown, sarif\n"
		"  -o, --output FILE     write there (default: stdout)\n"
		"  --fail-on LEVEL       error (default), warning, note, never\n"
		"  --suppressions FILE   accepted findings, each with a reason\n"
		"  --show-suppressed     list suppressed findings too (text)\n"
		"  --no-lint             do not lint new and changed types\n"
		"  --profiles-file FILE  JSON profiles overriding or extending the built-in ones\n"
		"  -j, --jobs N          extractions in parallel (default 2)\n"
		CLI_ARG_TYPES_HELP
		CLI_NO_CACHE_HELP
		CLI_SYSROOT_HELP
		CLI_INPUT_LIMITS_HELP
		"\n"
		"exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or input\n"
		"error, 3 toolchain error\n");
}

static void help_lint(FILE *f)
{
	fprintf(f,
		"usage: uabi lint (--kernel-tree DIR | --headers DIR) [options]\n\n"
		"Lints the argument types of every ioctl and the ABI roots on every ABI\n"
		"against the kernel's rules (Documentation/driver-api/ioctl.rst): implicit\n"
		"holes and tail padding, pointers, long/size_t (an integer whose size follows\n"
		"the data model), bitfields, enums and bool, 64-bit members not 8-byte\n"
		"aligned on some ABI, sizes not a multiple of 8 (docs/lint.md).\n\n"
		"  --kernel-tree DIR     a kernel source tree\n"
		"  --headers DIR         installed headers (headers_install output, /usr/include)\n"
		"  --header H            header to include, repeatable (default linux/kvm.h)\n"
		CLI_ALL_HELP
		"  --root TYPE           extra ABI root, repeatable, linted like an ioctl\n"
		"                        argument (added to struct kvm_run, always a root\n"
		"                        with linux/kvm.h); one defined on no profile is an error\n"
		"  --profile SPEC        all (default: every profile whose compiler is present)\n"
		"                        or a comma list\n"
		"  --format F            text (default), json, markdown, sarif\n"
		"  -o, --output FILE     write there (default: stdout)\n"
		"  --fail-on LEVEL       warning (default), error, note, never\n"
		"  --suppressions FILE   accepted findings, each with a reason\n"
		"  --show-suppressed     list suppressed findings too (text)\n"
		"  --profiles-file FILE  JSON profiles overriding or extending the built-in ones\n"
		"  -j, --jobs N          extractions in parallel (default 2)\n"
		CLI_ARG_TYPES_HELP
		CLI_NO_CACHE_HELP
		CLI_SYSROOT_HELP
		CLI_INPUT_LIMITS_HELP
		"\n"
		"exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or input\n"
		"error, 3 toolchain error\n");
}

/* A kernel tree has include/uapi/linux; installed headers have linux/. */
static enum uabi_input_kind kind_of(const char *dir)
{
	char p[PATH_MAX];
	struct stat st;

	snprintf(p, sizeof(p), "%s/include/uapi/linux", dir);
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode) ? UABI_INPUT_KERNEL_TREE : UABI_INPUT_HEADERS;
}

/* A kernel source tree with KVM's sources: its kernel facts can be read. */
static bool has_kvm(const struct uabi_input_spec *spec)
{
	char p[PATH_MAX];
	struct stat st;

	snprintf(p, sizeof(p), "%s/virt/kvm/Kconfig", spec->root);
	return spec->kind == UABI_INPUT_KERNEL_TREE && stat(p, &st) == 0;
}

struct side {
	struct uabi_input_spec spec;
	char dumps[PATH_MAX];
	char *paths[64];
	struct uabi_layout *layouts[64];
	bool scratch;
	/* diff without --header: each profile's own headers (those of the
	 * tree the change reaches); a profile with none is not extracted
	 * (its layout is made empty, after the other side's) */
	bool scoped;
	struct uabi_input_spec pspec[64];
	char **found[64];		/* discovered ioctl headers (owned) */
	uint32_t nfound[64];
	const char **hdrs[64];		/* the reached ones among them */
	uint32_t nhdrs[64];
};

/* Extract and read one side for the selected profiles. */
static int load_side(struct side *s, const struct uabi_profile **profs, uint32_t n, unsigned jobs,
		     const char *what)
{
	const struct uabi_input_spec *specs[64];
	const struct uabi_profile *sub[64];
	char *paths[64];
	struct uabi_layout *ls[64];
	uint32_t map[64], k = 0;
	int ret = cli_scratch_dir(s->dumps, what);

	if (ret)
		return ret;
	s->scratch = true;
	for (uint32_t i = 0; i < n; i++) {
		s->paths[i] = malloc(PATH_MAX);
		if (!s->paths[i])
			return UABI_E_INPUT;
		snprintf(s->paths[i], PATH_MAX, "%s/%s.json", s->dumps, profs[i]->name);
		if (s->scoped && !s->nhdrs[i])
			continue;
		specs[k] = s->scoped ? &s->pspec[i] : &s->spec;
		sub[k] = profs[i];
		paths[k] = s->paths[i];
		map[k++] = i;
	}
	if (!k)
		return 0;
	ret = cli_extract_each(specs, sub, k, paths, jobs, false);
	if (!ret)
		ret = cli_read_dumps(paths, ls, k, jobs);
	for (uint32_t j = 0; !ret && j < k; j++)
		s->layouts[map[j]] = ls[j];
	return ret;
}

/* A layout of o's profile with nothing in it: the side of a profile
 * where none of the headers the change reaches defines an ioctl. */
static struct uabi_layout *empty_like(const struct uabi_layout *o)
{
	struct uabi_layout *l = uabi_layout__new();
	struct uabi_arena *a;
	const struct uabi_profile_facts *p = &o->profile;

	if (!l)
		return NULL;
	a = &l->arena;
	l->profile.name = p->name ? uabi_arena__strdup(a, p->name) : NULL;
	l->profile.arch = p->arch ? uabi_arena__strdup(a, p->arch) : NULL;
	l->profile.model = p->model ? uabi_arena__strdup(a, p->model) : NULL;
	l->profile.endian = p->endian ? uabi_arena__strdup(a, p->endian) : NULL;
	l->profile.producer = p->producer ? uabi_arena__strdup(a, p->producer) : NULL;
	l->profile.pointer_size = p->pointer_size;
	l->profile.long_size = p->long_size;
	l->input.kind = o->input.kind ? uabi_arena__strdup(a, o->input.kind) : NULL;
	if ((p->name && !l->profile.name) || (p->arch && !l->profile.arch) ||
	    (p->model && !l->profile.model) || (p->endian && !l->profile.endian) ||
	    (p->producer && !l->profile.producer) || (o->input.kind && !l->input.kind)) {
		uabi_layout__free(l);
		return NULL;
	}
	return l;
}

static void free_side(struct side *s, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		uabi_layout__free(s->layouts[i]);
		free(s->paths[i]);
		uabi_discover__free(s->found[i], s->nfound[i]);
		free(s->hdrs[i]);
	}
	if (s->scratch)
		uabi_file__rmtree(s->dumps);
}

static int cmp_spelling(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Spellings of the types the diff found changed, and of the argument
 * types of ioctls it found added, each once: the lint scope in diff mode. */
static const char **changed_types(const struct uabi_dlist *l, const struct side *nw, uint32_t n,
				  uint32_t *count)
{
	const char **v = calloc(l->n + 1, sizeof(*v));
	uint32_t k = 0;

	if (!v)
		return NULL;
	for (uint32_t i = 0; i < l->n; i++) {
		const struct uabi_dfinding *f = &l->v[i];
		const char *t = f->type;

		if (!t && f->ioctl && !strcmp(f->rule, "ioctl-added")) {
			/* the new ioctl's argument type, from a dump where it applies */
			for (uint32_t p = 0; p < n && !t; p++) {
				const struct uabi_ioctl *io = uabi_layout__ioctl(nw->layouts[p], f->ioctl);

				if (io && io->applicable && io->arg_type)
					t = io->arg_type;
			}
		}
		if (t)
			v[k++] = t;
	}
	/* each spelling once: sorted, not compared pairwise (the lint takes
	 * them as a set) */
	if (k)
		qsort(v, k, sizeof(*v), cmp_spelling);
	*count = 0;
	for (uint32_t i = 0; i < k; i++)
		if (!*count || strcmp(v[*count - 1], v[i]))
			v[(*count)++] = v[i];
	return v;
}

struct opts {
	bool lint_mode;
	bool scoped;	/* diff without --header and --all: the change decides */
	struct cli_input in;
	const char *old_dir, *new_dir, *base, *head, *pspec, *pfile, *out, *supp;
	int format, fail_on;	/* fail_on: severity, or -1 for never */
	bool no_lint, show_supp;
	unsigned jobs;
};

static int parse(int argc, char **argv, struct opts *o)
{
	enum { O_OLD = 4001, O_NEW, O_BASE, O_HEAD, O_FORMAT, O_FAIL, O_SUPP, O_SHOW, O_NOLINT,
	       O_PFILE, O_PROFILE };
	static const struct option lopts[] = {
		CLI_INPUT_LONGOPTS,
		CLI_ARG_TYPES_LONGOPT,
		CLI_NO_CACHE_LONGOPT,
		CLI_SYSROOT_LONGOPTS,
		CLI_ALL_LONGOPT,
		{ "old", required_argument, NULL, O_OLD },
		{ "new", required_argument, NULL, O_NEW },
		{ "base", required_argument, NULL, O_BASE },
		{ "head", required_argument, NULL, O_HEAD },
		{ "profile", required_argument, NULL, O_PROFILE },
		{ "format", required_argument, NULL, O_FORMAT },
		{ "output", required_argument, NULL, 'o' },
		{ "fail-on", required_argument, NULL, O_FAIL },
		{ "suppressions", required_argument, NULL, O_SUPP },
		{ "show-suppressed", no_argument, NULL, O_SHOW },
		{ "no-lint", no_argument, NULL, O_NOLINT },
		{ "profiles-file", required_argument, NULL, O_PFILE },
		{ "jobs", required_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	const char *cmd = o->lint_mode ? "lint" : "diff";
	int c, r;

	optind = 1;
	while ((c = cli_getopt(cmd, argc, argv, "o:j:h", lopts)) != -1) {
		if (c == CLI_OPT_HEADERS && !o->lint_mode)
			return cli_usage_error(cmd, "--headers is not an option of uabi diff: give two "
					       "header trees as --old DIR --new DIR");
		r = cli_input__option(&o->in, cmd, c, optarg);
		if (r < 0)
			return UABI_E_INPUT;
		if (r)
			continue;
		switch (c) {
		case O_OLD:
		case O_NEW:
		case O_BASE:
		case O_HEAD:
		case O_NOLINT:
			if (o->lint_mode)
				return cli_usage_error(cmd, "--%s is an option of uabi diff",
						       c == O_OLD ? "old" : c == O_NEW ? "new" :
						       c == O_BASE ? "base" : c == O_HEAD ? "head" : "no-lint");
			if (c == O_OLD)
				o->old_dir = optarg;
			else if (c == O_NEW)
				o->new_dir = optarg;
			else if (c == O_BASE)
				o->base = optarg;
			else if (c == O_HEAD)
				o->head = optarg;
			else
				o->no_lint = true;
			break;
		case O_PROFILE:
			o->pspec = optarg;
			break;
		case O_FORMAT:
			o->format = cli_parse_format(cmd, optarg);
			if (o->format < 0)
				return UABI_E_INPUT;
			if (o->format == UABI_FMT_HTML)
				return cli_usage_error(cmd, "--format: html is for check reports; use text, json, markdown or sarif");
			break;
		case 'o':
			o->out = optarg;
			break;
		case O_FAIL:
			if (!strcmp(optarg, "never")) {
				o->fail_on = -1;
			} else {
				o->fail_on = uabi_sev__parse(optarg);
				if (o->fail_on < 0)
					return cli_usage_error(cmd, "--fail-on: expected error, warning, note or never, got '%s'",
							       optarg);
			}
			break;
		case O_SUPP:
			o->supp = optarg;
			break;
		case O_SHOW:
			o->show_supp = true;
			break;
		case O_PFILE:
			o->pfile = optarg;
			break;
		case 'j':
			if (!cli_parse_jobs(optarg, &o->jobs))
				return cli_usage_error(cmd, "-j: expected a number from 1 to 256, got '%s'", optarg);
			break;
		case 'h':
			(o->lint_mode ? help_lint : help_diff)(stdout);
			return -1;
		default:
			return UABI_E_INPUT;	/* cli_getopt said why */
		}
	}
	if (optind < argc)
		return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
	if (o->lint_mode)
		return cli_input__finish(&o->in, cmd, true);
	o->scoped = !o->in.spec.nheaders && !o->in.spec.all;
	if (o->old_dir || o->new_dir) {
		if (!o->old_dir || !o->new_dir || o->in.have_root || o->base || o->head)
			return cli_usage_error(cmd, "give --old DIR and --new DIR, or --kernel-tree DIR --base REV --head REV");
	} else if (!o->in.have_root || o->in.spec.kind != UABI_INPUT_KERNEL_TREE || !o->base || !o->head) {
		return cli_usage_error(cmd, "give --old DIR and --new DIR, or --kernel-tree DIR --base REV --head REV");
	}
	return cli_input__finish(&o->in, cmd, false);
}

static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static const char kvm_h[] = "linux/kvm.h";

/* Whether profiles a and b see the same files under the same include
 * names in both trees: the same arch (its asm/ and generated wrappers),
 * the same asm/ directory of installed headers, the same shadows. */
static bool same_include_path(struct side *sd[2], const struct uabi_profile *a,
			      const struct uabi_profile *b)
{
	if (strcmp(a->arch, b->arch) || a->nshadows != b->nshadows)
		return false;
	for (uint32_t i = 0; i < a->nshadows; i++)
		if (strcmp(a->shadows[i].path, b->shadows[i].path) ||
		    strcmp(a->shadows[i].text, b->shadows[i].text))
			return false;
	for (int s = 0; s < 2; s++) {
		char da[PATH_MAX], db[PATH_MAX];
		struct uabi_diag d;

		uabi_diag__clear(&d);
		if (uabi_input__asm_dir(&sd[s]->spec, sd[s]->spec.root, a, da, sizeof(da), &d) ||
		    uabi_input__asm_dir(&sd[s]->spec, sd[s]->spec.root, b, db, sizeof(db), &d) ||
		    strcmp(da, db))
			return false;
	}
	return true;
}

/* Profile i of side x gets the scope of profile j (same include path):
 * its own copy of the discovered names, the same ones reached. */
static int copy_scope(struct side *x, uint32_t i, uint32_t j)
{
	uint32_t m = 0;

	x->found[i] = calloc(x->nfound[j] + 1, sizeof(*x->found[i]));
	x->hdrs[i] = calloc(x->nfound[j] + 1, sizeof(*x->hdrs[i]));
	if (!x->found[i] || !x->hdrs[i])
		return -ENOMEM;
	for (uint32_t k = 0; k < x->nfound[j]; k++) {
		x->found[i][k] = strdup(x->found[j][k]);
		if (!x->found[i][k])
			return -ENOMEM;
		x->nfound[i]++;
		/* hdrs[j] points into found[j], in its order */
		if (m < x->nhdrs[j] && x->hdrs[j][m] == x->found[j][k]) {
			x->hdrs[i][x->nhdrs[i]++] = x->found[i][k];
			m++;
		}
	}
	x->pspec[i] = x->pspec[j];
	x->pspec[i].headers = x->hdrs[i];
	return 0;
}

/*
 * Diff without --header and --all: per profile, the headers that define
 * ioctl commands (discovery, on each side) and that the change reaches
 * (extractor/touched.h): those are extracted, with --all's grouped
 * compile (spec.all, narrowed to them). The profiles the change reaches
 * nowhere are dropped (*n shrinks). *changed gets the uapi files that
 * differ; when none do, nothing else is done. 0 or an exit code.
 */
static int scope_build(const struct opts *o, struct side *sd[2], const struct uabi_profile **sel,
		       uint32_t *n, char ***changed, uint32_t *nchanged)
{
	struct uabi_touched *t = uabi_touched__new();
	struct uabi_diag d;
	uint32_t keep = 0;
	int ret = 0;

	uabi_diag__clear(&d);
	if (!t)
		return UABI_E_INPUT;
	if (uabi_touched__changed(t, &sd[0]->spec, &sd[1]->spec, changed, nchanged, &d)) {
		ret = cli_report(&d);
		goto out;
	}
	for (uint32_t i = 0; i < *n && *nchanged; i++) {
		struct uabi_work w[2];
		char **cand = NULL;
		bool *reached = NULL;
		uint32_t ncand = 0, j;
		int err = 0;

		/* a profile with the include path of an earlier one (x86_64,
		 * i386 and x32) has its headers */
		for (j = 0; j < i && !same_include_path(sd, sel[i], sel[j]); j++)
			;
		if (j < i) {
			for (int s = 0; s < 2 && !err; s++)
				err = copy_scope(sd[s], i, j);
			if (err) {
				uabi_diag__input(&d, ENOMEM, "out of memory");
				ret = cli_report(&d);
				goto out;
			}
			continue;
		}
		memset(w, 0, sizeof(w));
		for (int s = 0; s < 2 && !err; s++) {
			err = uabi_work__init_paths(&w[s], &sd[s]->spec, sel[i], &d);
			if (!err)
				err = uabi_discover__headers(&w[s], &sd[s]->found[i], &sd[s]->nfound[i], &d);
			if (err)
				uabi_diag__prefix(&d, "%s: %s", sd[s]->spec.label, sel[i]->name);
		}
		/* the names either side discovered, sorted, once */
		if (!err) {
			cand = calloc(sd[0]->nfound[i] + sd[1]->nfound[i] + 1, sizeof(*cand));
			reached = calloc(sd[0]->nfound[i] + sd[1]->nfound[i] + 1, sizeof(*reached));
			if (!cand || !reached)
				err = uabi_diag__input(&d, ENOMEM, "out of memory");
		}
		for (int s = 0; s < 2 && !err; s++)
			for (uint32_t k = 0; k < sd[s]->nfound[i]; k++)
				cand[ncand++] = sd[s]->found[i][k];
		if (!err && ncand) {
			uint32_t u = 0;

			qsort(cand, ncand, sizeof(*cand), cmp_cstr);
			for (uint32_t k = 0; k < ncand; k++)
				if (!u || strcmp(cand[u - 1], cand[k]))
					cand[u++] = cand[k];
			ncand = u;
			err = uabi_touched__select(t, &w[0], &w[1], cand, ncand, reached, &d);
		}
		uabi_work__fini(&w[0]);
		uabi_work__fini(&w[1]);
		/* each side: its own discovered headers that the change reaches */
		for (int s = 0; s < 2 && !err; s++) {
			struct side *x = sd[s];
			bool kvm = false;

			x->hdrs[i] = calloc(x->nfound[i] + 1, sizeof(*x->hdrs[i]));
			if (!x->hdrs[i]) {
				err = uabi_diag__input(&d, ENOMEM, "out of memory");
				break;
			}
			for (uint32_t k = 0; k < x->nfound[i]; k++) {
				const char *h = x->found[i][k];
				char **at = bsearch(&h, cand, ncand, sizeof(*cand), cmp_cstr);

				if (at && reached[at - cand]) {
					x->hdrs[i][x->nhdrs[i]++] = h;
					kvm |= !strcmp(h, kvm_h);
				}
			}
			x->pspec[i] = x->spec;
			x->pspec[i].all = true;
			x->pspec[i].headers = x->hdrs[i];
			x->pspec[i].nheaders = x->nhdrs[i];
			/* struct kvm_run goes with linux/kvm.h (cli_input__finish
			 * put it after the --root ones) */
			x->pspec[i].nroots = kvm ? o->in.spec.nroots : o->in.nasked;
		}
		free(cand);
		free(reached);
		if (err) {
			ret = cli_report(&d);
			goto out;
		}
	}
	/* a profile the change reaches on neither side is not judged */
	for (uint32_t i = 0; i < *n && *nchanged; i++) {
		if (!sd[0]->nhdrs[i] && !sd[1]->nhdrs[i]) {
			for (int s = 0; s < 2; s++) {
				uabi_discover__free(sd[s]->found[i], sd[s]->nfound[i]);
				free(sd[s]->hdrs[i]);
			}
			continue;
		}
		sel[keep] = sel[i];
		for (int s = 0; s < 2; s++) {
			struct side *x = sd[s];

			x->found[keep] = x->found[i];
			x->nfound[keep] = x->nfound[i];
			x->hdrs[keep] = x->hdrs[i];
			x->nhdrs[keep] = x->nhdrs[i];
			x->pspec[keep] = x->pspec[i];
			x->pspec[keep].headers = x->hdrs[keep];
		}
		keep++;
	}
	for (uint32_t i = keep; i < 64; i++) {
		for (int s = 0; s < 2; s++) {
			sd[s]->found[i] = NULL;
			sd[s]->nfound[i] = 0;
			sd[s]->hdrs[i] = NULL;
			sd[s]->nhdrs[i] = 0;
		}
	}
	if (*nchanged)
		*n = keep;
out:
	uabi_touched__free(t);
	return ret;
}

/* The headers judged on some profile of either side, sorted, once
 * (borrowed strings); *n of them. NULL only when out of memory. */
static const char **judged_headers(struct side *sd[2], uint32_t nsel, uint32_t *n)
{
	uint32_t total = 0, u = 0;
	const char **v;

	for (int s = 0; s < 2; s++)
		for (uint32_t i = 0; i < nsel; i++)
			total += sd[s]->nhdrs[i];
	v = calloc(total + 1, sizeof(*v));
	if (!v)
		return NULL;
	total = 0;
	for (int s = 0; s < 2; s++)
		for (uint32_t i = 0; i < nsel; i++)
			for (uint32_t k = 0; k < sd[s]->nhdrs[i]; k++)
				v[total++] = sd[s]->hdrs[i][k];
	qsort(v, total, sizeof(*v), cmp_cstr);
	for (uint32_t k = 0; k < total; k++)
		if (!u || strcmp(v[u - 1], v[k]))
			v[u++] = v[k];
	*n = u;
	return v;
}

/* The one --fail-on rule of diff and lint: an unsuppressed finding at or
 * above the level (fail_on < 0: never). */
static bool fails(const struct uabi_dfinding *f, int fail_on)
{
	return fail_on >= 0 && !f->suppressed && (int)f->sev >= fail_on;
}

static int run(struct opts *o)
{
	const char *cmd = o->lint_mode ? "lint" : "diff";
	struct uabi_profile_set set = { 0 };
	const struct uabi_profile **sel = NULL;
	struct side old_s = { 0 }, new_s = { 0 };
	struct uabi_gitrev gbase = { 0 }, ghead = { 0 };
	struct uabi_suppress supp = { 0 };
	struct uabi_dlist l;
	struct uabi_kfacts kf = { 0 };
	struct uabi_kfacts okf = { 0 };
	struct uabi_compat_pair *cp = NULL, *ocp = NULL;
	const struct uabi_compat_pair **ocpp = NULL;
	bool have_kf = false, have_okf = false, have_supp = false, skip_all;
	const char *names[64];
	static struct cli_skips skips;
	char old_label[512], new_label[512];
	char **changed = NULL;
	const char **judged = NULL;
	uint32_t nsel = 0, ncp = 0, nocp = 0, nchanged = 0, njudged = 0;
	struct uabi_diag d;
	int ret = 0;

	uabi_diag__clear(&d);
	uabi_dlist__init(&l);
	skips.n = 0;
	/* a bad -o fails before the work */
	ret = cli_check_output(o->out);
	if (ret)
		goto out;
	if (cli_load_profiles(&set, o->pfile, &d) ||
	    uabi_profiles__select(&set, o->pspec ? o->pspec : "all", &sel, &nsel, &d)) {
		ret = cli_report(&d);
		goto out;
	}
	if (nsel > 64)
		nsel = 64;
	/* "all" means every ABI that can be judged here: its compiler is
	 * present (now) and its asm/ headers are (in both trees, below) */
	skip_all = !o->pspec || !strcmp(o->pspec, "all");
	ret = cli_runnable(NULL, sel, &nsel, skip_all, false, &skips);
	if (ret)
		goto out;
	if (o->supp) {
		if (uabi_suppress__read(o->supp, &supp, &d)) {
			ret = cli_report(&d);
			goto out;
		}
		have_supp = true;
	}

	/* the trees */
	new_s.spec = o->in.spec;
	old_s.spec = o->in.spec;
	if (o->lint_mode) {
		snprintf(new_label, sizeof(new_label), "%s", o->in.spec.root);
	} else if (o->old_dir) {
		const char *dirs[2] = { o->old_dir, o->new_dir }, *opts[2] = { "--old", "--new" };

		/* a tree that is not there is that, not a mismatch of kinds */
		for (int i = 0; i < 2; i++) {
			struct stat st;
			int err = stat(dirs[i], &st) != 0 ? errno : S_ISDIR(st.st_mode) ? 0 : ENOTDIR;

			if (err) {
				uabi_diag__clear(&d);
				uabi_diag__input(&d, err, "%s %s: %s", opts[i], dirs[i], strerror(err));
				ret = cli_report(&d);
				goto out;
			}
		}
		old_s.spec.root = o->old_dir;
		old_s.spec.kind = kind_of(o->old_dir);
		new_s.spec.root = o->new_dir;
		new_s.spec.kind = kind_of(o->new_dir);
		/* a source tree and installed headers differ in far more than
		 * the change under review (wrappers, stripped annotations) */
		if (old_s.spec.kind != new_s.spec.kind) {
			ret = cli_usage_error(cmd, "--old %s is %s, --new %s is %s: give two of the same kind",
					      o->old_dir, uabi_input_kind__str(old_s.spec.kind), o->new_dir,
					      uabi_input_kind__str(new_s.spec.kind));
			goto out;
		}
		snprintf(old_label, sizeof(old_label), "%s", o->old_dir);
		snprintf(new_label, sizeof(new_label), "%s", o->new_dir);
		old_s.spec.label = "old";
		new_s.spec.label = "new";
	} else {
		if (uabi_gitrev__materialize(o->in.spec.root, o->base, &gbase, &d) ||
		    uabi_gitrev__materialize(o->in.spec.root, o->head, &ghead, &d)) {
			ret = cli_report(&d);
			goto out;
		}
		old_s.spec.root = gbase.dir;
		new_s.spec.root = ghead.dir;
		old_s.spec.kind = new_s.spec.kind = UABI_INPUT_KERNEL_TREE;
		snprintf(old_label, sizeof(old_label), "%s (%.12s)", o->base, gbase.commit);
		snprintf(new_label, sizeof(new_label), "%s (%.12s)", o->head, ghead.commit);
		/* messages name the side, never the scratch tree */
		old_s.spec.label = "base";
		new_s.spec.label = "head";
	}
	if (uabi_input__check(&new_s.spec, &d) || (!o->lint_mode && uabi_input__check(&old_s.spec, &d))) {
		ret = cli_report(&d);
		goto out;
	}
	ret = cli_runnable(&new_s.spec, sel, &nsel, skip_all, false, &skips);
	if (!ret && !o->lint_mode)
		ret = cli_runnable(&old_s.spec, sel, &nsel, skip_all, false, &skips);
	if (ret)
		goto out;
	if (o->scoped) {
		struct side *sd[2] = { &old_s, &new_s };

		old_s.scoped = new_s.scoped = true;
		ret = scope_build(o, sd, sel, &nsel, &changed, &nchanged);
		if (ret)
			goto out;
		judged = judged_headers(sd, nsel, &njudged);
		if (!judged) {
			ret = UABI_E_INPUT;
			goto out;
		}
		/* nothing to compile: the report is one line */
		if (!nchanged || !nsel) {
			nsel = 0;
			goto render;
		}
	}
	ret = load_side(&new_s, sel, nsel, o->jobs, cmd);
	if (!ret && !o->lint_mode)
		ret = load_side(&old_s, sel, nsel, o->jobs, cmd);
	/* a profile whose side has no header the change reaches: empty */
	for (uint32_t i = 0; !ret && o->scoped && i < nsel; i++) {
		struct side *e = !old_s.layouts[i] ? &old_s : !new_s.layouts[i] ? &new_s : NULL;

		if (!e)
			continue;
		e->layouts[i] = empty_like((e == &old_s ? &new_s : &old_s)->layouts[i]);
		if (!e->layouts[i])
			ret = UABI_E_INPUT;
	}
	/* a --root defined nowhere (diff: on neither side) is a typo, not a
	 * clean run */
	if (!ret) {
		struct uabi_layout *both[128];
		char *paths[128];
		uint32_t nboth = 0;

		for (uint32_t i = 0; i < nsel; i++) {
			both[nboth] = new_s.layouts[i];
			paths[nboth++] = new_s.paths[i];
			if (!o->lint_mode) {
				both[nboth] = old_s.layouts[i];
				paths[nboth++] = old_s.paths[i];
			}
		}
		ret = cli_input__check_roots(&o->in, both, paths, nboth, false);
	}
	if (ret)
		goto out;

	for (uint32_t i = 0; i < nsel; i++)
		names[i] = sel[i]->name;

	if (!o->lint_mode) {
		for (uint32_t i = 0; i < nsel; i++) {
			uint32_t from = l.n;

			if (uabi_diff__layouts(old_s.layouts[i], new_s.layouts[i], i, &l, &d) ||
			    uabi_diff__skipped(old_s.layouts[i], new_s.layouts[i], i, from, &l, &d)) {
				ret = cli_report(&d);
				goto out;
			}
		}
		/* the kernel facts of each tree that has the KVM sources */
		const char *arches[64];
		uint32_t narch = 0;

		for (uint32_t i = 0; i < nsel; i++) {
			bool seen = false;

			for (uint32_t k = 0; k < narch && !seen; k++)
				seen = !strcmp(arches[k], sel[i]->arch);
			if (!seen)
				arches[narch++] = sel[i]->arch;
		}
		if (has_kvm(&old_s.spec)) {
			if (uabi_kfacts__read(old_s.spec.root, arches, narch, &okf, &d)) {
				ret = cli_report(&d);
				goto out;
			}
			have_okf = true;
		}
		if (has_kvm(&new_s.spec)) {
			if (uabi_kfacts__read(new_s.spec.root, arches, narch, &kf, &d)) {
				ret = cli_report(&d);
				goto out;
			}
			have_kf = true;
		}
		if (uabi_diff__place_removals(&l, 0, (const struct uabi_layout *const *)old_s.layouts, nsel,
					      have_okf ? &okf : NULL, &d) ||
		    uabi_diff__name_carriers(&l, (const struct uabi_layout *const *)old_s.layouts,
					     (const struct uabi_layout *const *)new_s.layouts, nsel, 0, &d)) {
			ret = cli_report(&d);
			goto out;
		}
		/* ioctls that need compat translation where they did not: with
		 * or without a tree (unknown is not a pass) */
		struct cli_pair *pairs = calloc(nsel * 3 + 1, sizeof(*pairs));
		uint32_t npairs;

		cp = calloc(nsel * 3 + 1, sizeof(*cp));
		ocp = calloc(nsel * 3 + 1, sizeof(*ocp));
		ocpp = calloc(nsel * 3 + 1, sizeof(*ocpp));
		if (!cp || !ocp || !ocpp || !pairs) {
			free(pairs);
			ret = UABI_E_INPUT;
			goto out;
		}
		npairs = cli_compat_pairs(sel, nsel, pairs);
		for (uint32_t i = 0; i < npairs; i++) {
			if (uabi_compat__compare(new_s.layouts[pairs[i].ni], new_s.layouts[pairs[i].ci],
						 &cp[ncp], &d)) {
				free(pairs);
				ret = cli_report(&d);
				goto out;
			}
			ncp++;
			if (uabi_compat__compare(old_s.layouts[pairs[i].ni], old_s.layouts[pairs[i].ci],
						 &ocp[nocp], &d)) {
				free(pairs);
				ret = cli_report(&d);
				goto out;
			}
			ocpp[i] = &ocp[nocp++];
		}
		free(pairs);
		if (uabi_diff__ioctls_compat(cp, (const struct uabi_compat_pair *const *)ocpp, ncp,
					     have_kf ? &kf : NULL,
					     (const struct uabi_layout *const *)new_s.layouts, nsel, &l, &d)) {
			ret = cli_report(&d);
			goto out;
		}
	}
	if (o->lint_mode || !o->no_lint) {
		const char **only = NULL;
		uint32_t nonly = 0;

		if (!o->lint_mode) {
			only = changed_types(&l, &new_s, nsel, &nonly);
			if (!only) {
				ret = UABI_E_INPUT;
				goto out;
			}
		}
		uint32_t from = l.n;

		if ((o->lint_mode || nonly) &&
		    uabi_lint__run((const struct uabi_layout *const *)new_s.layouts, nsel, only, nonly, &l, &d)) {
			free(only);
			ret = cli_report(&d);
			goto out;
		}
		/* a lint the base already had is not the change's doing */
		if (!o->lint_mode && nonly) {
			struct uabi_dlist base;

			uabi_dlist__init(&base);
			if (uabi_lint__run((const struct uabi_layout *const *)old_s.layouts, nsel, only, nonly,
					   &base, &d) ||
			    uabi_dlist__subtract(&l, from, &base, &d)) {
				uabi_dlist__free(&base);
				free(only);
				ret = cli_report(&d);
				goto out;
			}
			uabi_dlist__free(&base);
		}
		free(only);
	}
	if (have_supp) {
		uabi_suppress__apply(&supp, &l);
		if (uabi_suppress__report_unused(&supp, &l)) {
			ret = UABI_E_INPUT;
			goto out;
		}
	}
	if (uabi_dlist__merge(&l, &d)) {
		ret = cli_report(&d);
		goto out;
	}

render:
	for (uint32_t i = 0; i < nsel; i++)
		names[i] = sel[i]->name;
	{
		struct uabi_dmeta m = {
			.command = cmd,
			.old_root = o->lint_mode ? NULL : old_label,
			.new_root = new_label,
			.profiles = names,
			.nprofiles = nsel,
			.skipped = skips.v,
			.nskipped = skips.n,
			.fail_on = o->fail_on < 0 ? UABI_SEV_ERROR : (enum uabi_sev)o->fail_on,
			.fail_never = o->fail_on < 0,
			.show_suppressed = o->show_supp,
			.scoped = o->scoped,
			.changed = (const char *const *)changed,
			.nchanged = nchanged,
			.headers = judged,
			.nheaders = njudged,
		};
		char *text;

		for (uint32_t i = 0; i < l.n; i++)
			m.failing += fails(&l.v[i], o->fail_on);
		text = uabi_drender(&l, &m, (enum uabi_format)o->format, &d);
		if (!text) {
			ret = cli_report(&d);
			goto out;
		}
		/* the report is the output: once written, a signal does not
		 * undo it (main() reports an interrupt only before) */
		uabi_intr__block();
		if (uabi_intr__pending())
			ret = UABI_E_INPUT;
		else if (uabi_file__write_atomic(o->out ? o->out : "-", text, strlen(text), &d))
			ret = cli_report(&d);
		else
			uabi_intr__published();
		uabi_intr__unblock();
		free(text);
		if (!ret && m.failing)
			ret = UABI_E_FINDINGS;
	}
out:
	uabi_touched__free_names(changed, nchanged);
	free(judged);
	for (uint32_t i = 0; cp && i < ncp; i++)
		uabi_compat_pair__free(&cp[i]);
	for (uint32_t i = 0; ocp && i < nocp; i++)
		uabi_compat_pair__free(&ocp[i]);
	free(cp);
	free(ocp);
	free(ocpp);
	if (have_kf)
		uabi_kfacts__free(&kf);
	if (have_okf)
		uabi_kfacts__free(&okf);
	if (have_supp)
		uabi_suppress__free(&supp);
	uabi_dlist__free(&l);
	free_side(&new_s, nsel);
	free_side(&old_s, nsel);
	uabi_gitrev__cleanup(&gbase);
	uabi_gitrev__cleanup(&ghead);
	free(sel);
	uabi_profiles__free(&set);
	return ret;
}

int cmd_diff(int argc, char **argv)
{
	struct opts o = { .format = UABI_FMT_TEXT, .fail_on = UABI_SEV_ERROR, .jobs = 2 };
	int r = parse(argc, argv, &o);

	if (r)
		return r < 0 ? 0 : r;
	return run(&o);
}

int cmd_lint(int argc, char **argv)
{
	struct opts o = { .lint_mode = true, .format = UABI_FMT_TEXT, .fail_on = UABI_SEV_WARNING,
			  .jobs = 2 };
	int r = parse(argc, argv, &o);

	if (r)
		return r < 0 ? 0 : r;
	return run(&o);
}
