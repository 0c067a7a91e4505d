// SPDX-License-Identifier: MIT
#include <stdarg.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "../core/intr.h"
#include "../core/json.h"
#include "../extractor/forkserver.h"
#include "cli.h"
#include "input_opts.h"

#ifndef UABI_VERSION
#define UABI_VERSION "0"
#endif

static const struct uabi_cmd cmds[] = {
	{ "check", cmd_check, "per-arch compat verdicts for every ioctl, with kernel facts" },
	{ "diff", cmd_diff, "ABI changes between two versions of the headers, on every ABI" },
	{ "lint", cmd_lint, "lint ioctl argument types against the kernel's ioctl rules" },
	{ "compat", cmd_compat, "compare two dumps (native, compat) and report verdicts" },
	{ "handlers", cmd_handlers, "where a kernel tree handles ioctl commands for 32-bit callers" },
	{ "profiles", cmd_profiles, "list ABI profiles and whether their toolchain is present" },
	{ "extract", cmd_extract, "compile uapi headers per ABI and write layout dumps" },
	{ "verify", cmd_verify, "re-check every number of a dump with the compiler" },
	{ "dwarf", cmd_dwarf, "read a linked probe's DWARF alone (debugging, benchmarks)" },
};

int cli_report(const struct uabi_diag *d)
{
	return cli_report_as(d->subject[0] ? d->subject : NULL, d);
}

/* A reader went away (uabi check | head): said by no message; main()
 * ends the run as SIGPIPE would have, once the scratch files are gone. */
static bool reader_gone;

int cli_report_as(const char *subject, const struct uabi_diag *d)
{
	/* once interrupted, main() prints the one line there is to print
	 * (unless the outputs were published: then the run is not) */
	if (uabi_intr__pending() && !uabi_intr__is_published())
		return d->cls ? (int)d->cls : 2;
	if (d->err == EPIPE) {
		reader_gone = true;
		return d->cls ? (int)d->cls : 2;
	}
	uabi_diag__print_as(subject, d, stderr);
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
	if (!err)
		err = cli_input__check_sysroots(set, d);
	return err;
}

void cli_stats(const char *what)
{
	struct rusage ru;

	if (!getenv("UABI_STATS") || getrusage(RUSAGE_SELF, &ru))
		return;
	fprintf(stderr, "uabi: stats: %s: cpu %.2f s, peak rss %ld KiB, %u compiler runs forked\n", what,
		(double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
			(double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6,
		ru.ru_maxrss, uabi_forkserver__runs());
}

int cli_parse_jobs(const char *s, unsigned *out)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	/* digits only: strtoul would take a sign or leading blanks */
	if (*s < '0' || *s > '9' || *end || v == 0 || v > 256)
		return 0;
	*out = (unsigned)v;
	return 1;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: uabi <command> [options]\n"
		   "       uabi help [<command>]\n"
		   "       uabi --version\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		fprintf(f, "  %-10s %s\n", cmds[i].name, cmds[i].summary);
	fprintf(f, "\noptions:\n"
		   "  -h, --help  this help; 'uabi <command> --help' (or 'uabi help <command>')\n"
		   "              describes a command\n"
		   "  --version   print the version and exit\n\n"
		   "exit codes: 0 clean, 1 findings, 2 usage or input error, 3 toolchain error\n");
}

/* The end of an interrupted run: the commands have unwound (children
 * stopped, scratch directories removed on their paths); remove what is
 * left, say it once, and exit 128+signo. */
static int interrupted(void)
{
	uabi_intr__block();
	uabi_intr__cleanup();
	fflush(stdout);
	if (uabi_intr__deadline_passed())
		fprintf(stderr, "uabi: stopped after the %u s run time limit (--deadline)\n",
			uabi_intr__deadline_passed());
	else
		fprintf(stderr, "uabi: interrupted\n");
	return uabi_intr__exit_code();
}

static const struct uabi_cmd *find_cmd(const char *name)
{
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(name, cmds[i].name))
			return &cmds[i];
	return NULL;
}

int main(int argc, char **argv)
{
	uabi_intr__install();
	if (argc < 2) {
		usage(stderr);
		return UABI_E_INPUT;
	}
	if (!strcmp(argv[1], "help") && argc > 2) {
		/* uabi help CMD: CMD's own --help */
		char *hargv[] = { argv[2], "--help", NULL };
		const struct uabi_cmd *cmd = find_cmd(argv[2]);

		if (argc > 3) {
			uabi_eprintf("uabi help: unexpected argument '%s' (see 'uabi --help')", argv[3]);
			return UABI_E_INPUT;
		}
		if (!strcmp(argv[2], "help")) {
			usage(stdout);
			return 0;
		}
		if (!cmd) {
			uabi_eprintf("uabi help: unknown command '%s' (see 'uabi --help')", argv[2]);
			return UABI_E_INPUT;
		}
		return cmd->run(2, hargv);
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		if (argc > 2) {
			uabi_eprintf("uabi: unexpected argument '%s' (see 'uabi --help')", argv[2]);
			return UABI_E_INPUT;
		}
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		if (argc > 2) {
			uabi_eprintf("uabi: unexpected argument '%s' (see 'uabi --help')", argv[2]);
			return UABI_E_INPUT;
		}
		printf("uabi %s\n", UABI_VERSION);
		return 0;
	}
	{
		const struct uabi_cmd *cmd = find_cmd(argv[1]);

		if (cmd) {
			int ret = cmd->run(argc - 1, argv + 1);

			/* a signal after the outputs were published does not
			 * undo them: the run ends with its own exit code */
			if (uabi_intr__pending() && !uabi_intr__is_published())
				return interrupted();
			if (uabi_intr__pending()) {
				uabi_intr__block();
				uabi_intr__cleanup();
				return ret;
			}
			cli_stats(cmd->name);
			if (reader_gone) {
				/* exit as `cat big | head`'s cat does: 128+SIGPIPE */
				signal(SIGPIPE, SIG_DFL);
				raise(SIGPIPE);
				return 128 + SIGPIPE;
			}
			return ret;
		}
	}
	if (argv[1][0] == '-')
		uabi_eprintf("uabi: unknown option '%s' (see 'uabi --help')", argv[1]);
	else
		uabi_eprintf("uabi: unknown command '%s' (see 'uabi --help')", argv[1]);
	return UABI_E_INPUT;
}
