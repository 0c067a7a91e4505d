// SPDX-License-Identifier: MIT
/* uabi dwarf: the DWARF-reading step alone, for debugging and benchmarks. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "../extractor/dwarf.h"
#include "cli.h"

static void help(FILE *f)
{
	fprintf(f, "usage: uabi dwarf [--repeat N] OBJECT...\n\n"
		   "Reads the DWARF of linked probe objects (as `uabi extract --keep-temps`\n"
		   "leaves them in its scratch directory) the way extract does, and prints\n"
		   "what it found: types reachable from the __uabi_* roots, roots, constants.\n\n"
		   "  --repeat N            read each object N times (1 to 256; benchmarks)\n\n"
		   "exit codes: 0 ok, 2 usage error or unreadable object\n");
}

int cmd_dwarf(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "repeat", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	unsigned repeat = 1;
	int c, ret = 0;

	optind = 1;
	while ((c = cli_getopt("dwarf", argc, argv, "h", opts)) != -1) {
		switch (c) {
		case 'r':
			if (!cli_parse_jobs(optarg, &repeat))
				return cli_usage_error("dwarf", "--repeat: expected 1 to 256, got '%s'", optarg);
			break;
		case 'h':
			help(stdout);
			return 0;
		default:
			return UABI_E_INPUT;	/* cli_getopt said why */
		}
	}
	if (optind >= argc)
		return cli_usage_error("dwarf", "missing OBJECT");
	for (int i = optind; i < argc; i++) {
		for (unsigned r = 0; r < repeat; r++) {
			struct uabi_dwarf_opts o = { .label = "dwarf" };
			struct uabi_dwarf_result res = { 0 };
			struct uabi_layout *l = uabi_layout__new();
			struct uabi_diag d;
			int err;

			uabi_diag__clear(&d);
			if (!l)
				return UABI_E_INPUT;
			err = uabi_dwarf__read(argv[i], l, &o, &res, &d);
			if (!err && r + 1 == repeat)
				printf("%s: %u types, %u roots, %u constants, %s-endian, %s\n", argv[i], l->ntypes,
				       res.nroots, res.nconsts, res.big_endian ? "big" : "little",
				       res.producer ? res.producer : "no producer");
			uabi_dwarf_result__free(&res);
			uabi_layout__free(l);
			if (err) {
				ret = cli_report(&d);
				break;
			}
		}
	}
	return ret;
}
