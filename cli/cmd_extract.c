// SPDX-License-Identifier: MIT
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/fileio.h"
#include "../core/intr.h"
#include "../core/json.h"
#include "../extractor/extract.h"
#include "cli.h"
#include "input_opts.h"

static void help(FILE *f)
{
	fprintf(f,
		"usage: uabi extract (--kernel-tree DIR | --headers DIR) [options] -o PATH\n\n"
		"Compiles the headers once per ABI profile, reads the layouts from the DWARF\n"
		"the compiler wrote, and writes one JSON layout dump per profile.\n\n"
		"  --kernel-tree DIR     a kernel source tree (include/uapi, arch/*/include/uapi)\n"
		"  --headers DIR         installed headers (headers_install output, /usr/include,\n"
		"                        /usr/<triplet>/include); DIR/<triplet>/asm is preferred\n"
		"  --header H            header to include, repeatable (default linux/kvm.h);\n"
		"                        ioctls are taken from H and its asm/ twin\n"
		CLI_ALL_HELP
		"  --root TYPE           extra ABI root, e.g. 'struct kvm_regs' (repeatable);\n"
		"                        struct kvm_run is one whenever linux/kvm.h is a header\n"
		"                        (with --all: unless --header leaves it out)\n"
		"  --profile SPEC        all (default) or a comma list: x86_64,i386\n"
		"  --profiles-file FILE  JSON profiles overriding or extending the built-in ones\n"
		"  -j, --jobs N          profiles extracted in parallel (default 1)\n"
		"  --skip-missing        skip profiles whose compiler, linker or asm/ headers\n"
		"                        are missing\n"
		"  --keep-temps          keep the scratch directories (probe sources, objects)\n"
		"  --link                link each probe with the profile's linker instead of\n"
		"                        applying its DWARF relocations in-process\n"
		"  -v, --verbose         print every compiler and linker command\n"
		"  -o, --output PATH     a file for one profile ('-': stdout); a directory\n"
		"                        (created) receiving <profile>.json for several,\n"
		"                        published only when every profile succeeded\n"
		CLI_ARG_TYPES_HELP
		CLI_NO_CACHE_HELP
		CLI_SYSROOT_HELP
		CLI_INPUT_LIMITS_HELP
		"\n"
		"exit codes: 0 ok, 2 usage or input error, 3 toolchain error\n");
}

int cmd_extract(int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_INPUT_LONGOPTS,
		CLI_ARG_TYPES_LONGOPT,
		CLI_NO_CACHE_LONGOPT,
		CLI_SYSROOT_LONGOPTS,
		CLI_ALL_LONGOPT,
		{ "profile", required_argument, NULL, 'p' },
		{ "profiles-file", required_argument, NULL, 'P' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "skip-missing", no_argument, NULL, 'S' },
		{ "keep-temps", no_argument, NULL, 'K' },
		{ "link", no_argument, NULL, 'L' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	struct cli_input in = { 0 };
	const char *spec = "all", *pfile = NULL, *out = NULL;
	const struct uabi_profile **sel = NULL;
	struct uabi_profile_set set = { 0 };
	struct uabi_stage stage = { 0 };
	struct uabi_diag d;
	bool skip_missing = false, to_dir;
	unsigned jobs = 1;
	uint32_t nsel = 0, nrun = 0;
	char **paths = NULL;
	int c, ret = 0, r;
	struct stat st;

	uabi_diag__clear(&d);
	optind = 1;
	while ((c = cli_getopt("extract", argc, argv, "j:vo:h", opts)) != -1) {
		r = cli_input__option(&in, "extract", c, optarg);
		if (r < 0)
			return UABI_E_INPUT;
		if (r)
			continue;
		switch (c) {
		case 'p':
			spec = optarg;
			break;
		case 'P':
			pfile = optarg;
			break;
		case 'j':
			if (!cli_parse_jobs(optarg, &jobs))
				return cli_usage_error("extract", "-j: expected a number from 1 to 256, got '%s'",
						       optarg);
			break;
		case 'S':
			skip_missing = true;
			break;
		case 'K':
			in.spec.keep_temps = true;
			break;
		case 'L':
			in.spec.use_linker = true;
			break;
		case 'v':
			in.spec.verbose = true;
			break;
		case 'o':
			out = optarg;
			break;
		case 'h':
			help(stdout);
			return 0;
		default:
			return UABI_E_INPUT;	/* cli_getopt said why */
		}
	}
	if (optind < argc)
		return cli_usage_error("extract", "unexpected argument '%s'", argv[optind]);
	r = cli_input__finish(&in, "extract", true);
	if (r)
		return r;
	if (!out)
		return cli_usage_error("extract", "missing -o PATH");
	if (cli_load_profiles(&set, pfile, &d) || uabi_profiles__select(&set, spec, &sel, &nsel, &d) ||
	    uabi_input__check(&in.spec, &d)) {
		ret = cli_report(&d);
		goto out;
	}

	/* a missing toolchain fails before any work starts */
	nrun = nsel;
	ret = cli_runnable(&in.spec, sel, &nrun, skip_missing, in.spec.use_linker, NULL);
	if (ret)
		goto out;
	cli_input__warn_sysroot(&in.spec, sel, nrun);

	if (!strcmp(out, "-") && nsel > 1) {
		ret = cli_usage_error("extract", "-o -: %u profiles need a directory (-o DIR/)", nsel);
		goto out;
	}
	to_dir = strcmp(out, "-") &&
		 (nsel > 1 || (stat(out, &st) == 0 && S_ISDIR(st.st_mode)) || out[strlen(out) - 1] == '/');
	/* the dumps are published together, and only if every profile succeeded */
	ret = to_dir ? cli_stage_open(&stage, out) : cli_check_output(out);
	if (ret)
		goto out;
	paths = calloc(nrun, sizeof(*paths));
	if (!paths) {
		ret = UABI_E_INPUT;
		goto out;
	}
	for (uint32_t i = 0; i < nrun; i++) {
		char name[NAME_MAX + 1];

		paths[i] = malloc(PATH_MAX);
		if (!paths[i]) {
			ret = UABI_E_INPUT;
			goto out;
		}
		snprintf(name, sizeof(name), "%s.json", sel[i]->name);
		if (!to_dir) {
			snprintf(paths[i], PATH_MAX, "%s", out);	/* judged: shorter than PATH_MAX */
		} else if (uabi_stage__path(&stage, name, paths[i], PATH_MAX, &d)) {
			ret = cli_report(&d);
			goto out;
		}
	}

	ret = cli_extract_all(&in.spec, sel, nrun, paths, jobs, !to_dir);
	if (!ret && to_dir) {
		/* published: a signal from here on waits, and no longer makes
		 * the run an interrupted one */
		uabi_intr__block();
		ret = cli_stage_commit(&stage);
		if (!ret)
			uabi_intr__published();
		uabi_intr__unblock();
	}
out:
	uabi_stage__abort(&stage);
	for (uint32_t i = 0; paths && i < nrun; i++)
		free(paths[i]);
	free(paths);
	free(sel);
	uabi_profiles__free(&set);
	return ret;
}
