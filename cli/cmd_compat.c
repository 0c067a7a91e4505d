// SPDX-License-Identifier: MIT
/* uabi compat: the compare step alone, on two dumps. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "../compare/compat.h"
#include "../kernel/kfacts.h"
#include "../kernel/kio_cache.h"
#include "../compare/report.h"
#include "../core/intr.h"
#include "../core/json.h"
#include "../render/render.h"
#include "cli.h"

static void help(FILE *f)
{
	fprintf(f,
		"usage: uabi compat [options] NATIVE.json COMPAT.json\n\n"
		"Compares the layout dumps of a native ABI and its compat ABI (same headers,\n"
		"same kernel arch) and reports a verdict per ioctl with the member-level\n"
		"findings. --kernel-tree adds the kernel facts of that tree.\n\n"
		"The dumps must be a native:compat pair of the profiles (built-in, or\n"
		"defined by --profiles-file), e.g. x86_64.json i386.json.\n\n"
		"  --kernel-tree DIR     place the verdicts against this kernel tree\n"
		"  --profiles-file FILE  JSON profiles overriding or extending the built-in ones\n"
		"  --format F            text (default), json, markdown, html, sarif\n"
		"  -o, --output FILE     write the report there (default: stdout)\n"
		"  --fail-on LEVEL       not-handled (default), translation, never\n\n"
		"exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,\n"
		"2 usage or input error\n");
}

int cmd_compat(int argc, char **argv)
{
	enum { O_TREE = 3001, O_FORMAT, O_FAIL_ON, O_PFILE };
	static const struct option opts[] = {
		{ "kernel-tree", required_argument, NULL, O_TREE },
		{ "format", required_argument, NULL, O_FORMAT },
		{ "output", required_argument, NULL, 'o' },
		{ "fail-on", required_argument, NULL, O_FAIL_ON },
		{ "profiles-file", required_argument, NULL, O_PFILE },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	const char *tree = NULL, *out = NULL, *pfile = NULL;
	struct uabi_profile_set set = { 0 };
	char what[2 * 4096 + 8];
	int format = UABI_FMT_TEXT, fail_on = UABI_FAIL_NOT_HANDLED, c, ret = 0;
	struct uabi_layout *n = NULL, *k = NULL;
	struct uabi_compat_pair pair = { 0 };
	struct uabi_report rep = { 0 };
	struct uabi_kfacts kf = { 0 };
	bool have_pair = false, have_kf = false;
	struct uabi_diag d;

	uabi_diag__clear(&d);
	optind = 1;
	while ((c = cli_getopt("compat", argc, argv, "o:h", opts)) != -1) {
		switch (c) {
		case O_TREE:
			tree = optarg;
			break;
		case O_FORMAT:
			format = cli_parse_format("compat", optarg);
			if (format < 0)
				return UABI_E_INPUT;
			break;
		case 'o':
			out = optarg;
			break;
		case O_FAIL_ON:
			fail_on = cli_parse_fail_on("compat", optarg);
			if (fail_on < 0)
				return UABI_E_INPUT;
			break;
		case O_PFILE:
			pfile = optarg;
			break;
		case 'h':
			help(stdout);
			return 0;
		default:
			return UABI_E_INPUT;	/* cli_getopt said why */
		}
	}
	if (argc - optind != 2)
		return cli_usage_error("compat", "expected NATIVE.json COMPAT.json");
	ret = cli_check_output(out);
	if (ret)
		return ret;
	if (uabi_json__read_layout(argv[optind], &n, &d) ||
	    uabi_json__read_layout(argv[optind + 1], &k, &d)) {
		ret = cli_report(&d);
		goto out;
	}
	/* the profile names come from the dumps */
	snprintf(what, sizeof(what), "%s and %s", argv[optind], argv[optind + 1]);
	if (cli_load_profiles(&set, pfile, &d) ||
	    cli_pair__check(&set, n->profile.name ? n->profile.name : "?",
			    k->profile.name ? k->profile.name : "?", what, &d)) {
		ret = cli_report(&d);
		goto out;
	}
	if (uabi_compat__compare(n, k, &pair, &d)) {
		ret = cli_report(&d);
		goto out;
	}
	have_pair = true;
	if (tree) {
		const char *arch = pair.arch;

		bool other = false;

		if (uabi_kfacts__read(tree, &arch, 1, &kf, &d)) {
			ret = cli_report(&d);
			goto out;
		}
		have_kf = true;
		/* every other ioctl's facts, when some ioctl is not KVM's */
		for (uint32_t i = 0; i < pair.nitems && !other; i++)
			other = !pair.items[i].is_root && !uabi_report__is_kvm_item(&pair.items[i]);
		if (other && cli_tree_has_sources(tree) &&
		    uabi_kio__read_default(tree, false, &kf.kio, &d)) {
			ret = cli_report(&d);
			goto out;
		}
	}
	if (uabi_report__build(&rep, &pair, 1, have_kf ? &kf : NULL, (enum uabi_fail_on)fail_on, &d)) {
		ret = cli_report(&d);
		goto out;
	}
	rep.command = "compat";
	/* the report is the output: once written, a signal does not undo it */
	uabi_intr__block();
	ret = uabi_intr__pending() ? UABI_E_INPUT : cli_write_report(&rep, format, out, NULL, 1);
	if (!ret)
		uabi_intr__published();
	uabi_intr__unblock();
	if (!ret && rep.nfailing)
		ret = UABI_E_FINDINGS;
out:
	uabi_report__free(&rep);
	if (have_kf)
		uabi_kio__free(kf.kio), kf.kio = NULL;
	if (have_pair)
		uabi_compat_pair__free(&pair);
	if (have_kf)
		uabi_kfacts__free(&kf);
	uabi_layout__free(n);
	uabi_layout__free(k);
	uabi_profiles__free(&set);
	return ret;
}
