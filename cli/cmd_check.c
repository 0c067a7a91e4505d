// SPDX-License-Identifier: MIT
/* uabi check: extract every ABI a pair needs, compare each compat pair,
 * place the verdicts against the kernel's facts, write the report. */
#include <errno.h>
#include <ftw.h>
#include <pthread.h>
#include <getopt.h>
#include <limits.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../compare/compat.h"
#include "../kernel/kfacts.h"
#include "../kernel/kio_cache.h"
#include "../compare/report.h"
#include "../core/fileio.h"
#include "../core/intr.h"
#include "../core/json.h"
#include "../render/render.h"
#include "cli.h"
#include "input_opts.h"

static void help(FILE *f)
{
	fprintf(f,
		"usage: uabi check (--kernel-tree DIR | --headers DIR | --from-dumps DIR) [options]\n\n"
		"For each compat pair (x86_64:i386, aarch64:arm, ...) decides for every ioctl\n"
		"whether a 32-bit caller on a 64-bit kernel needs translation, with the\n"
		"member-level evidence. With --kernel-tree the verdicts are placed against\n"
		"the kernel: KVM_COMPAT per arch, the compat handlers, the ioctls each arch\n"
		"dispatches. Without it those facts are reported as unknown. The outputs\n"
		"(-o, --output-dir, --dumps) are published only when the run completes\n"
		"(exit 0 or 1): a failed run leaves them as they were.\n\n"
		"  --kernel-tree DIR     a kernel source tree (headers and kernel facts)\n"
		"  --headers DIR         installed headers (no kernel facts)\n"
		"  --header H            header to include, repeatable (default linux/kvm.h)\n"
		CLI_ALL_HELP
		"  --root TYPE           extra ABI root, repeatable; added to struct kvm_run,\n"
		"                        always a root with linux/kvm.h; one defined on no\n"
		"                        profile, or missing from --from-dumps, is an error\n"
		"  --pairs SPEC          all (default) or NATIVE:COMPAT[,...], e.g. x86_64:i386\n"
		"  --profile SPEC        all (default) or a comma list: only the pairs whose two\n"
		"                        profiles it names (x86_64,i386,x32); with --pairs, the\n"
		"                        pairs both select; without --pairs, a profile in no\n"
		"                        selected pair is an error\n"
		"  --format F            text (default), json, markdown, html, sarif\n"
		"  -o, --output FILE     write the report there ('-': stdout); default: stdout,\n"
		"                        or nothing with --output-dir\n"
		"  --output-dir DIR      write every format to DIR/report.{txt,json,md,html,sarif}\n"
		"  --fail-on LEVEL       not-handled (default), translation, never\n"
		"  --only actionable     text, markdown and html list only the items to act on\n"
		"                        (failing --fail-on, or needing translation on a compat\n"
		"                        path), each with what to do; json and sarif stay complete\n"
		"  --arch A              text, markdown and html show only these kernel archs\n"
		"                        (repeatable or a comma list: x86,mips); json and sarif\n"
		"                        stay complete\n"
		"  --suppressions FILE   accepted items: rule=not-handled|untranslatable|unknown|\n"
		"                        handled, ioctl=NAME (or type=\"struct kvm_run\" for a\n"
		"                        root), profile=COMPAT, reason=\"...\" (docs/ci-gating.md)\n"
		"  --dumps DIR           keep the layout dumps in DIR (default: a scratch dir)\n"
		"  --from-dumps DIR      do not extract: read DIR/<profile>.json (made by\n"
		"                        extract or --dumps); the tree still gives kernel facts\n"
		"  --profiles-file FILE  JSON profiles overriding or extending the built-in ones\n"
		"  -j, --jobs N          profiles extracted in parallel (default 2)\n"
		"  --skip-missing        skip pairs whose compiler or asm/ headers are missing\n"
		"                        (the default with --pairs all; reports list them)\n"
		"  -v, --verbose         print every compiler command\n"
		CLI_ARG_TYPES_HELP
		CLI_NO_CACHE_HELP
		CLI_SYSROOT_HELP
		CLI_INPUT_LIMITS_HELP
		"\n"
		"exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,\n"
		"2 usage or input error, 3 toolchain error\n");
}

int cli_pair__check(const struct uabi_profile_set *set, const char *native, const char *compat,
		    const char *what, struct uabi_diag *d)
{
	const struct uabi_profile *np = uabi_profiles__find(set, native);
	const struct uabi_profile **all;
	struct cli_pair *v;
	char list[1024] = "";
	size_t pos = 0;
	uint32_t n;

	for (int k = 0; np && k < 3 && np->compat[k]; k++)
		if (!strcmp(np->compat[k], compat) && uabi_profiles__find(set, compat))
			return 0;
	all = calloc(set->n + 1, sizeof(*all));
	v = calloc(set->n * 3 + 1, sizeof(*v));
	if (!all || !v) {
		free(all);
		free(v);
		return uabi_diag__input(d, ENOMEM, "out of memory");
	}
	for (uint32_t i = 0; i < set->n; i++)
		all[i] = &set->v[i];
	n = cli_compat_pairs(all, set->n, v);
	for (uint32_t i = 0; i < n && pos < sizeof(list); i++)
		pos += (size_t)snprintf(list + pos, sizeof(list) - pos, "%s%s:%s", i ? ", " : "",
					v[i].n->name, v[i].c->name);
	free(all);
	free(v);
	return uabi_diag__input(d, EINVAL, "%s: %s:%s is not a native:compat pair (valid pairs: %s)",
				what, native, compat, n ? list : "none");
}

static const char no_pair_msg[] = "no compat pair can be judged here (a profile of every pair was skipped)";

/* Compat pairs: "all" walks the native profiles in table order. */
static int select_pairs(const struct uabi_profile_set *set, const char *spec, struct cli_pair **out,
			uint32_t *n, struct uabi_diag *d)
{
	struct cli_pair *v = calloc(set->n * 4 + 1, sizeof(*v));
	char *copy, *tok, *save = NULL;

	*out = NULL;
	*n = 0;
	if (!v)
		return uabi_diag__input(d, ENOMEM, "out of memory");
	if (!strcmp(spec, "all")) {
		const struct uabi_profile **all = calloc(set->n + 1, sizeof(*all));

		if (!all) {
			free(v);
			return uabi_diag__input(d, ENOMEM, "out of memory");
		}
		for (uint32_t i = 0; i < set->n; i++)
			all[i] = &set->v[i];
		*n = cli_compat_pairs(all, set->n, v);
		free(all);
		*out = v;
		return 0;
	}
	copy = strdup(spec);
	for (tok = copy ? strtok_r(copy, ",", &save) : NULL; tok; tok = strtok_r(NULL, ",", &save)) {
		char *colon = strchr(tok, ':');
		const struct uabi_profile *np, *cp;

		if (!colon) {
			uabi_diag__input(d, EINVAL, "--pairs: '%s' is not NATIVE:COMPAT", tok);
			goto fail;
		}
		*colon = '\0';
		np = uabi_profiles__find(set, tok);
		cp = uabi_profiles__find(set, colon + 1);
		if (!np || !cp) {
			uabi_diag__input(d, EINVAL, "--pairs: unknown profile '%s' (see 'uabi profiles')",
					 np ? colon + 1 : tok);
			goto fail;
		}
		if (cli_pair__check(set, np->name, cp->name, "--pairs", d))
			goto fail;
		for (uint32_t i = 0; i < *n && np; i++)
			if (v[i].n == np && v[i].c == cp)
				np = NULL;	/* named twice: once is enough */
		if (!np)
			continue;
		if (*n < set->n * 4)
			v[(*n)++] = (struct cli_pair){ np, cp, 0, 0 };
	}
	free(copy);
	if (!*n) {
		free(v);
		return uabi_diag__input(d, EINVAL, "--pairs: empty selection");
	}
	*out = v;
	return 0;
fail:
	free(copy);
	free(v);
	return -EINVAL;
}

/* --profile: keep the pairs whose two profiles spec selects */
static int keep_profiles(const struct uabi_profile_set *set, const char *spec, bool all_pairs,
			 struct cli_pair *v, uint32_t *n, struct uabi_diag *d)
{
	const struct uabi_profile **sel = NULL;
	uint32_t nsel = 0, keep = 0;

	if (uabi_profiles__select(set, spec, &sel, &nsel, d))
		return -EINVAL;
	for (uint32_t i = 0; i < *n; i++) {
		int have = 0;

		for (uint32_t j = 0; j < nsel; j++)
			have += (sel[j] == v[i].n) + (sel[j] == v[i].c);
		if (have == 2)
			v[keep++] = v[i];
	}
	*n = keep;
	if (!keep) {
		free(sel);
		return uabi_diag__input(d, EINVAL, "--profile %s: selects no compat pair (a pair needs "
					"both profiles, e.g. x86_64,i386)", spec);
	}
	/* a profile named on its own would silently not be judged (with
	 * --pairs too, the pairs both select are what was asked for) */
	for (uint32_t j = 0; all_pairs && strcmp(spec, "all") && j < nsel; j++) {
		bool used = false;

		for (uint32_t i = 0; i < keep; i++)
			used |= v[i].n == sel[j] || v[i].c == sel[j];
		if (!used) {
			uabi_diag__input(d, EINVAL, "--profile %s: %s is in no selected compat pair (name "
					 "its native or compat profile too)", spec, sel[j]->name);
			free(sel);
			return -EINVAL;
		}
	}
	free(sel);
	return 0;
}

struct kf_job {
	const char *tree;
	const char *arches[64];
	uint32_t narch;
	bool whole;		/* read every ioctl's facts too (ioctls.h) */
	bool no_cache;		/* --no-cache: those facts not from the cache */
	struct uabi_kfacts *out;
	struct uabi_diag d;
	int err;
};

static void *read_kfacts(void *arg)
{
	struct kf_job *j = arg;

	j->err = uabi_kfacts__read(j->tree, j->arches, j->narch, j->out, &j->d);
	if (!j->err && j->whole &&
	    (j->err = uabi_kio__read_default(j->tree, j->no_cache, &j->out->kio, &j->d)))
		uabi_kfacts__free(j->out);
#ifdef __GLIBC__
	/* the read's transient memory (a fresh scan's: ~100 MB) sits in this
	 * thread's malloc arena, which the extraction's threads do not reuse:
	 * give it back, or the run's peak holds both */
	malloc_trim(0);
#endif
	return NULL;
}

/* Whether a run needs every ioctl's facts: some header it judges is not
 * KVM's (--all, or a --header other than linux/kvm.h and asm/kvm.h), and
 * the tree has the C sources of subsystems besides KVM. */
static bool wants_whole_tree(const struct uabi_input_spec *s)
{
	bool other = s->all;

	for (uint32_t i = 0; i < s->nheaders && !other; i++)
		other = strcmp(s->headers[i], "linux/kvm.h") && strcmp(s->headers[i], "asm/kvm.h");
	return other && cli_tree_has_sources(s->root);
}


/* --only and --arch: what text, markdown and html show (report.h) */
struct view_opts {
	bool only_actionable;
	const char *archs[64];
	uint32_t narchs;
	char buf[1024];		/* the names, NUL-separated */
	size_t used;
};

/* Add a comma list of arch names; -1 on an empty name or no room. */
static int view_add_archs(struct view_opts *v, const char *spec)
{
	size_t len = strlen(spec);

	if (!len || v->used + len + 1 > sizeof(v->buf))
		return -1;
	memcpy(v->buf + v->used, spec, len + 1);
	for (char *s = v->buf + v->used, *save = NULL, *tok = strtok_r(s, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		bool dup = false;

		for (uint32_t i = 0; i < v->narchs; i++)
			dup |= !strcmp(v->archs[i], tok);
		if (dup)
			continue;
		if (v->narchs == sizeof(v->archs) / sizeof(v->archs[0]))
			return -1;
		v->archs[v->narchs++] = tok;
	}
	v->used += len + 1;
	/* ",," or a lone "," names nothing */
	return v->narchs ? 0 : -1;
}

/* Every --arch must be the kernel arch of some profile. */
static int view_check_archs(const struct view_opts *v, const struct uabi_profile_set *set,
			    struct uabi_diag *d)
{
	for (uint32_t i = 0; i < v->narchs; i++) {
		char known[512] = "";
		size_t pos = 0;
		bool ok = false;

		for (uint32_t j = 0; j < set->n && !ok; j++)
			ok = set->v[j].arch && !strcmp(set->v[j].arch, v->archs[i]);
		if (ok)
			continue;
		for (uint32_t j = 0; j < set->n && pos < sizeof(known); j++) {
			bool seen = false;

			for (uint32_t k = 0; k < j && !seen; k++)
				seen = set->v[k].arch && set->v[j].arch &&
				       !strcmp(set->v[k].arch, set->v[j].arch);
			if (!seen && set->v[j].arch)
				pos += (size_t)snprintf(known + pos, sizeof(known) - pos, "%s%s",
							pos ? ", " : "", set->v[j].arch);
		}
		return uabi_diag__input(d, EINVAL, "--arch %s: no profile has this kernel arch "
					"(known: %s)", v->archs[i], known);
	}
	return 0;
}

int cmd_check(int argc, char **argv)
{
	enum { O_PAIRS = 2001, O_FORMAT, O_FAIL_ON, O_DUMPS, O_OUTDIR, O_PFILE, O_SKIP, O_FROM, O_SUPP,
	       O_PROFILE, O_ONLY, O_ARCH };
	static const struct option opts[] = {
		CLI_INPUT_LONGOPTS,
		CLI_ALL_LONGOPT,
		CLI_ARG_TYPES_LONGOPT,
		CLI_NO_CACHE_LONGOPT,
		CLI_SYSROOT_LONGOPTS,
		{ "pairs", required_argument, NULL, O_PAIRS },
		{ "profile", required_argument, NULL, O_PROFILE },
		{ "format", required_argument, NULL, O_FORMAT },
		{ "output", required_argument, NULL, 'o' },
		{ "output-dir", required_argument, NULL, O_OUTDIR },
		{ "fail-on", required_argument, NULL, O_FAIL_ON },
		{ "only", required_argument, NULL, O_ONLY },
		{ "arch", required_argument, NULL, O_ARCH },
		{ "dumps", required_argument, NULL, O_DUMPS },
		{ "from-dumps", required_argument, NULL, O_FROM },
		{ "suppressions", required_argument, NULL, O_SUPP },
		{ "profiles-file", required_argument, NULL, O_PFILE },
		{ "jobs", required_argument, NULL, 'j' },
		{ "skip-missing", no_argument, NULL, O_SKIP },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	struct cli_input in = { 0 };
	const char *pairs_spec = "all", *out = NULL, *outdir = NULL, *dumps = NULL, *pfile = NULL;
	const char *from = NULL, *supp_file = NULL, *pspec = NULL;
	struct uabi_suppress supp = { 0 };
	struct view_opts view = { 0 };
	bool have_supp = false;
	int format = UABI_FMT_TEXT, fail_on = UABI_FAIL_NOT_HANDLED, c, r, ret = 0;
	uint32_t nj_pairs = 0;
	struct uabi_profile_set set = { 0 };
	struct cli_pair *pairs = NULL;
	const struct uabi_profile **profs = NULL;
	struct uabi_layout **layouts = NULL;
	struct uabi_compat_pair *cp = NULL;
	struct uabi_kfacts kf = { 0 };
	struct kf_job kf_job = { 0 };
	pthread_t kf_tid;
	bool kf_started = false;
	bool have_kf = false, skip_missing = false, scratch = false;
	struct uabi_report rep = { 0 };
	static struct cli_skips skips;
	char **paths = NULL, dumpdir[PATH_MAX];
	uint32_t npairs = 0, nprofs = 0, ncp = 0;
	unsigned jobs = 2;
	struct uabi_stage out_stage = { 0 }, dump_stage = { 0 };
	struct uabi_diag d;

	uabi_diag__clear(&d);
	skips.n = 0;
	skips.toolchain = false;
	optind = 1;
	while ((c = cli_getopt("check", argc, argv, "o:j:vh", opts)) != -1) {
		r = cli_input__option(&in, "check", c, optarg);
		if (r < 0)
			return UABI_E_INPUT;
		if (r)
			continue;
		switch (c) {
		case O_PAIRS:
			pairs_spec = optarg;
			break;
		case O_PROFILE:
			pspec = optarg;
			break;
		case O_FORMAT:
			format = cli_parse_format("check", optarg);
			if (format < 0)
				return UABI_E_INPUT;
			break;
		case 'o':
			out = optarg;
			break;
		case O_OUTDIR:
			outdir = optarg;
			break;
		case O_FAIL_ON:
			fail_on = cli_parse_fail_on("check", optarg);
			if (fail_on < 0)
				return UABI_E_INPUT;
			break;
		case O_ONLY:
			if (strcmp(optarg, "actionable"))
				return cli_usage_error("check", "--only: expected actionable, got '%s'", optarg);
			view.only_actionable = true;
			break;
		case O_ARCH:
			if (view_add_archs(&view, optarg))
				return cli_usage_error("check", "--arch: expected arch names (x86,mips), got "
						       "'%s'", optarg);
			break;
		case O_DUMPS:
			dumps = optarg;
			break;
		case O_PFILE:
			pfile = optarg;
			break;
		case O_FROM:
			from = optarg;
			break;
		case O_SUPP:
			supp_file = optarg;
			break;
		case 'j':
			if (!cli_parse_jobs(optarg, &jobs))
				return cli_usage_error("check", "-j: expected a number from 1 to 256, got '%s'",
						       optarg);
			break;
		case O_SKIP:
			skip_missing = true;
			break;
		case 'v':
			in.spec.verbose = true;
			break;
		case 'h':
			help(stdout);
			return 0;
		default:
			return UABI_E_INPUT;	/* cli_getopt said why */
		}
	}
	if (optind < argc)
		return cli_usage_error("check", "unexpected argument '%s'", argv[optind]);
	if (from && in.spec.all)
		return cli_usage_error("check", "--all goes with extraction: with --from-dumps the"
				       " dumps say which headers were compiled (extract --all)");
	if (from && in.arg_types)
		return cli_usage_error("check", "--arg-types goes with extraction: with --from-dumps the"
				       " dumps say which types were declared (extract --arg-types)");
	r = cli_input__finish(&in, "check", !from);
	if (r)
		return r;
	/* every output is judged (and every directory staged) before the work */
	ret = cli_check_output(out);
	if (!ret && outdir)
		ret = cli_stage_open(&out_stage, outdir);
	if (!ret && dumps && !from)
		ret = cli_stage_open(&dump_stage, dumps);
	if (ret)
		goto out;
	if (supp_file) {
		if (uabi_suppress__read(supp_file, &supp, &d)) {
			ret = cli_report(&d);
			goto out;
		}
		have_supp = true;
	}
	if (cli_load_profiles(&set, pfile, &d) || view_check_archs(&view, &set, &d) ||
	    select_pairs(&set, pairs_spec, &pairs, &npairs, &d) ||
	    (pspec && keep_profiles(&set, pspec, !strcmp(pairs_spec, "all"), pairs, &npairs, &d)) ||
	    (in.have_root && uabi_input__check(&in.spec, &d))) {
		ret = cli_report(&d);
		goto out;
	}

	/* the profiles the pairs need, each once, in pair order */
	profs = calloc(npairs * 2 + 1, sizeof(*profs));
	layouts = calloc(npairs * 2 + 1, sizeof(*layouts));
	paths = calloc(npairs * 2 + 1, sizeof(*paths));
	cp = calloc(npairs + 1, sizeof(*cp));
	if (!profs || !layouts || !paths || !cp) {
		ret = UABI_E_INPUT;
		goto out;
	}
	for (uint32_t i = 0; i < npairs; i++) {
		const struct uabi_profile *two[2] = { pairs[i].n, pairs[i].c };

		for (int k = 0; k < 2; k++) {
			bool seen = false;

			for (uint32_t j = 0; j < nprofs; j++)
				seen |= profs[j] == two[k];
			if (!seen)
				profs[nprofs++] = two[k];
		}
	}
	if (!from) {
		uint32_t nrun = nprofs;

		/* "all" means every pair that can be judged here */
		ret = cli_runnable(in.have_root ? &in.spec : NULL, profs, &nrun,
				   skip_missing || !strcmp(pairs_spec, "all"), false, &skips);
		if (ret)
			goto out;
		nprofs = nrun;
		cli_input__warn_sysroot(&in.spec, profs, nprofs);
	}
	/* a pair is checked only if both of its profiles can be extracted;
	 * the profiles extracted are those of the pairs kept */
	{
		uint32_t keep = 0, nkept = 0;

		for (uint32_t i = 0; i < npairs; i++) {
			int have = 0;

			for (uint32_t j = 0; j < nprofs; j++)
				have += profs[j] == pairs[i].n || profs[j] == pairs[i].c;
			if (have == 2)
				pairs[keep++] = pairs[i];
			else
				uabi_eprintf("uabi: pair %s:%s skipped", pairs[i].n->name, pairs[i].c->name);
		}
		npairs = keep;
		for (uint32_t j = 0; j < nprofs; j++) {
			bool used = false;

			for (uint32_t i = 0; i < npairs && !used; i++)
				used = profs[j] == pairs[i].n || profs[j] == pairs[i].c;
			if (used)
				profs[nkept++] = profs[j];
			else
				cli_skips__add(&skips, profs[j]->name, "no compat pair left to judge");
		}
		nprofs = nkept;
		if (!npairs) {
			if (skips.toolchain)
				uabi_diag__toolchain(&d, ENOENT, "%s", no_pair_msg);
			else
				uabi_diag__input(&d, ENOENT, "%s", no_pair_msg);
			ret = cli_report(&d);
			goto out;
		}
	}

	if (from) {
		snprintf(dumpdir, sizeof(dumpdir), "%s", from);
	} else if (dumps) {
		/* written into a stage, published with the report */
		snprintf(dumpdir, sizeof(dumpdir), "%s", dump_stage.dir);
	} else {
		ret = cli_scratch_dir(dumpdir, "check");
		if (ret)
			goto out;
		scratch = true;
	}
	for (uint32_t i = 0; i < nprofs; i++) {
		paths[i] = malloc(PATH_MAX);
		if (!paths[i]) {
			ret = UABI_E_INPUT;
			goto out;
		}
		snprintf(paths[i], PATH_MAX, "%s/%s.json", dumpdir, profs[i]->name);
	}
	if (!from) {
		ret = cli_extract_all(&in.spec, profs, nprofs, paths, jobs, false);
		if (ret)
			goto out;
	}
	/* the kernel facts are read while the dumps are */
	if (in.have_root && in.spec.kind == UABI_INPUT_KERNEL_TREE) {
		kf_job.narch = cli_pair_arches(pairs, npairs, kf_job.arches, 64);
		kf_job.tree = in.spec.root;
		/* dumps of other runs: any header may be in them */
		kf_job.whole = from ? cli_tree_has_sources(in.spec.root) : wants_whole_tree(&in.spec);
		kf_job.no_cache = in.spec.no_cache;
		kf_job.out = &kf;
		uabi_diag__clear(&kf_job.d);
		if (uabi_intr__pthread_create(&kf_tid, read_kfacts, &kf_job) == 0)
			kf_started = true;
		else
			read_kfacts(&kf_job), have_kf = !kf_job.err;
		if (!kf_started && kf_job.err) {
			ret = cli_report(&kf_job.d);
			goto out;
		}
	}
	ret = cli_read_dumps(paths, layouts, nprofs, jobs);
	if (!ret)
		ret = cli_input__check_roots(&in, layouts, paths, nprofs, from != NULL);
	if (ret)
		goto out;

	if (kf_started) {
		pthread_join(kf_tid, NULL);
		kf_started = false;
		if (kf_job.err) {
			ret = cli_report(&kf_job.d);
			goto out;
		}
		have_kf = true;
	}
	for (uint32_t i = 0; i < npairs; i++) {
		const struct uabi_layout *ln = NULL, *lc = NULL;

		for (uint32_t j = 0; j < nprofs; j++) {
			if (profs[j] == pairs[i].n)
				ln = layouts[j];
			if (profs[j] == pairs[i].c)
				lc = layouts[j];
		}
		if (uabi_compat__compare(ln, lc, &cp[ncp], &d)) {
			ret = cli_report(&d);
			goto out;
		}
		ncp++;
	}
	if (uabi_report__build(&rep, cp, ncp, have_kf ? &kf : NULL, (enum uabi_fail_on)fail_on, &d)) {
		ret = cli_report(&d);
		goto out;
	}
	if (uabi_report__add_skipped(&rep, skips.v, skips.n, &d)) {
		ret = cli_report(&d);
		goto out;
	}
	rep.command = "check";
	rep.view.only_actionable = view.only_actionable;
	if (view.narchs) {
		rep.view.archs = view.archs;
		rep.view.narchs = view.narchs;
	}
	if (have_supp) {
		uabi_report__suppress(&rep, &supp);
		for (uint32_t i = 0; i < supp.n; i++)
			if (!supp.v[i].used)
				uabi_eprintf("%s:%u: warning: suppression for rule %s matched nothing",
					supp.v[i].file, supp.v[i].line, supp.v[i].rule);
	}
	/* findings are a result: the outputs are published with them, all or
	 * none: a signal from here on waits until they are, except while -o
	 * waits for a FIFO or pipe (uabi_intr__poll lets it end that wait:
	 * nothing is published then) */
	uabi_intr__block();
	if (uabi_intr__pending())
		ret = UABI_E_INPUT;	/* main() reports the interrupt */
	if (!ret)
		ret = cli_write_report(&rep, format, out, outdir ? &out_stage : NULL, jobs);
	if (!ret && outdir)
		ret = cli_stage_commit(&out_stage);
	if (!ret && dumps && !from)
		ret = cli_stage_commit(&dump_stage);
	if (!ret)
		uabi_intr__published();
	uabi_intr__unblock();
	if (!ret && uabi_report__not_judged(&rep, &nj_pairs)) {
		/* not a failure (an ABI without a C library would fail every
		 * run), never silent: README, exit codes; the pairs named,
		 * the first three */
		char names[256] = "";
		size_t o = 0;
		uint32_t shown = 0;

		for (uint32_t i = 0; i < rep.npairs && o < sizeof(names); i++) {
			const struct uabi_compat_pair *p = rep.pairs[i].pair;

			if (!rep.pairs[i].kcounts[UABI_K_NOT_JUDGED] || shown++ == 3)
				continue;
			o += (size_t)snprintf(names + o, sizeof(names) - o, "%s%s -> %s (%u)", o ? ", " : "",
					      p->native, p->compat, rep.pairs[i].kcounts[UABI_K_NOT_JUDGED]);
		}
		fprintf(stderr, "uabi: warning: %u ioctl%s not judged on %u pair%s (%s%s): the header is"
			" skipped on one ABI of the pair (status not-judged; see the header"
			" coverage); they fail no --fail-on level\n",
			uabi_report__not_judged(&rep, NULL),
			uabi_report__not_judged(&rep, NULL) == 1 ? "" : "s", nj_pairs,
			nj_pairs == 1 ? "" : "s", names, nj_pairs > 3 ? ", ..." : "");
	}
	if (!ret && rep.nfailing) {
		fprintf(stderr, "uabi: %u finding%s at or above --fail-on=%s\n", rep.nfailing,
			rep.nfailing == 1 ? "" : "s", uabi_fail_on__str(rep.fail_on));
		ret = UABI_E_FINDINGS;
	}
out:
	uabi_stage__abort(&out_stage);
	uabi_stage__abort(&dump_stage);
	if (have_supp)
		uabi_suppress__free(&supp);
	if (kf_started) {
		pthread_join(kf_tid, NULL);
		have_kf = !kf_job.err;
	}
	uabi_report__free(&rep);
	for (uint32_t i = 0; cp && i < ncp; i++)
		uabi_compat_pair__free(&cp[i]);
	free(cp);
	if (have_kf) {
		uabi_kio__free(kf.kio);
		uabi_kfacts__free(&kf);
	}
	for (uint32_t i = 0; layouts && i < nprofs; i++)
		uabi_layout__free(layouts[i]);
	free(layouts);
	for (uint32_t i = 0; paths && i < nprofs; i++)
		free(paths[i]);
	free(paths);
	if (scratch)
		uabi_file__rmtree(dumpdir);
	free(profs);
	free(pairs);
	uabi_profiles__free(&set);
	return ret;
}
