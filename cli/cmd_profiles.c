// SPDX-License-Identifier: MIT
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/json.h"
#include "cli.h"

static void help(FILE *f)
{
	fprintf(f, "usage: uabi profiles [--profiles-file FILE] [--format text|json]\n\n"
		   "Lists the ABI profiles (built in, plus FILE's), their kernel arch, data model,\n"
		   "compiler, the compat ABIs each native one serves, and whether the compiler\n"
		   "and linker are installed.\n\n"
		   "  --profiles-file FILE  JSON profiles overriding or extending the built-in ones\n"
		   "  --format F            text (default) or json\n\n"
		   "exit codes: 0 ok, 2 usage error or bad profiles file\n");
}

int cmd_profiles(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "profiles-file", required_argument, NULL, 'P' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	const char *pfile = NULL, *format = "text";
	struct uabi_profile_set set;
	struct uabi_diag d;
	bool *present;
	int c, ret = 0;

	uabi_diag__clear(&d);
	optind = 1;
	while ((c = cli_getopt("profiles", argc, argv, "h", opts)) != -1) {
		switch (c) {
		case 'P':
			pfile = optarg;
			break;
		case 'f':
			format = optarg;
			break;
		case 'h':
			help(stdout);
			return 0;
		default:
			return UABI_E_INPUT;	/* cli_getopt said why */
		}
	}
	if (optind < argc)
		return cli_usage_error("profiles", "unexpected argument '%s'", argv[optind]);
	if (strcmp(format, "text") && strcmp(format, "json"))
		return cli_usage_error("profiles", "--format: expected text or json, got '%s'", format);
	if (cli_load_profiles(&set, pfile, &d)) {
		uabi_profiles__free(&set);
		return cli_report(&d);
	}
	present = calloc(set.n + 1, sizeof(*present));
	if (!present) {
		uabi_profiles__free(&set);
		return UABI_E_INPUT;
	}
	for (uint32_t i = 0; i < set.n; i++)
		present[i] = uabi_profile__has_tools(&set.v[i], false, NULL);
	if (!strcmp(format, "json")) {
		char *s = uabi_json__dump_profiles(&set, present, &d);

		if (!s)
			ret = cli_report(&d);
		else
			fputs(s, stdout);
		free(s);
	} else {
		printf("%-9s %-8s %-6s %-7s %-8s %-44s %s\n", "PROFILE", "ARCH", "MODEL", "ENDIAN",
		       "PRESENT", "COMPILER", "COMPAT");
		for (uint32_t i = 0; i < set.n; i++) {
			const struct uabi_profile *p = &set.v[i];
			char cc[256] = "", compat[128] = "";
			const char *missing = NULL;

			for (int a = 0; p->cc[a]; a++)
				snprintf(cc + strlen(cc), sizeof(cc) - strlen(cc), "%s%s", a ? " " : "", p->cc[a]);
			for (int a = 0; p->compat[a]; a++)
				snprintf(compat + strlen(compat), sizeof(compat) - strlen(compat), "%s%s",
					 a ? "," : "", p->compat[a]);
			uabi_profile__has_tools(p, false, &missing);
			printf("%-9s %-8s %-6s %-7s %-8s %-44s %s\n", p->name, p->arch, p->model ? p->model : "-",
			       p->endian ? p->endian : "-", present[i] ? "yes" : "NO", cc,
			       compat[0] ? compat : "-");
			if (!present[i])
				printf("          missing: %s\n", missing);
		}
	}
	free(present);
	uabi_profiles__free(&set);
	return ret;
}
