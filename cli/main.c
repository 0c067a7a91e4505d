// SPDX-License-Identifier: MIT
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "../core/json.h"
#include "cli.h"

#ifndef UABI_VERSION
#define UABI_VERSION "0"
#endif

static const struct uabi_cmd cmds[] = {
	{ "check", cmd_check, "per-arch compat verdicts for every ioctl, with kernel facts" },
	{ "diff", cmd_diff, "ABI changes between two versions of the headers, on every ABI" },
	{ "lint", cmd_lint, "lint ioctl argument types against the kernel's ioctl rules" },
	{ "compat", cmd_compat, "compare two dumps (native, compat) and report verdicts" },
	{ "profiles", cmd_profiles, "list ABI profiles and whether their toolchain is present" },
	{ "extract", cmd_extract, "compile uapi headers per ABI and write layout dumps" },
	{ "verify", cmd_verify, "re-check every number of a dump with the compiler" },
	{ "dwarf", cmd_dwarf, "read a linked probe's DWARF alone (debugging, benchmarks)" },
};

int cli_report(const struct uabi_diag *d)
{
	uabi_diag__print(d, stderr);
	return d->cls ? (int)d->cls : 2;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	char msg[2048], safe[4 * sizeof(msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* the message quotes arguments: printed escaped, like every diagnostic */
	fprintf(stderr, "uabi %s: %s (see 'uabi %s --help')\n", cmd,
		uabi_escape(safe, sizeof(safe), msg, false), cmd);
	return UABI_E_INPUT;
}

int cli_load_profiles(struct uabi_profile_set *set, const char *file, struct uabi_diag *d)
{
	int err = uabi_profiles__builtin(set, d);

	if (!err && file)
		err = uabi_json__read_profiles(file, set, d);
	return err;
}

void cli_stats(const char *what)
{
	struct rusage ru;

	if (!getenv("UABI_STATS") || getrusage(RUSAGE_SELF, &ru))
		return;
	fprintf(stderr, "uabi: stats: %s: peak rss %ld KiB\n", what, ru.ru_maxrss);
}

int cli_parse_jobs(const char *s, unsigned *out)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	if (!*s || *end || v == 0 || v > 256)
		return 0;
	*out = (unsigned)v;
	return 1;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: uabi <command> [options]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		fprintf(f, "  %-10s %s\n", cmds[i].name, cmds[i].summary);
	fprintf(f, "\n'uabi <command> --help' describes a command.\n"
		   "exit codes: 0 clean, 1 findings, 2 usage or input error, 3 toolchain error\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return UABI_E_INPUT;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("uabi %s\n", UABI_VERSION);
		return 0;
	}
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		if (!strcmp(argv[1], cmds[i].name)) {
			int ret = cmds[i].run(argc - 1, argv + 1);

			cli_stats(cmds[i].name);
			return ret;
		}
	}
	fprintf(stderr, "uabi: unknown command '%s' (see 'uabi --help')\n", argv[1]);
	return UABI_E_INPUT;
}
